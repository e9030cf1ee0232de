// Installs the locked dependencies when they are missing, so that `npm start` and `npm test`
// work as the first command on a fresh clone. A no-op once node_modules matches the lockfile.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const lock = (path) => JSON.parse(readFileSync(path, 'utf8')).packages ?? {};

function upToDate() {
  if (!existsSync(installed)) return false;
  const want = lock('package-lock.json');
  const have = lock(installed);
  return Object.entries(want).every(
    ([path, entry]) =>
      path === '' || entry.optional === true || have[path]?.version === entry.version,
  );
}

if (!upToDate()) {
  console.error('drygate: installing the locked dependencies (npm ci)...');
  const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
