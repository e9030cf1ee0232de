/**
 * Where the installed drygate package is and which version it is. Found by walking up from this
 * module to the first package.json (the package's own: dist/ has none), so that the compiled
 * modules (dist/…) and the bundled CLI (dist/bin/…) agree without knowing how deep they sit.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from './errors.js';

interface PackageInfo {
  readonly root: string;
  readonly version: string;
}

let found: PackageInfo | undefined;

function packageInfo(): PackageInfo {
  if (found !== undefined) return found;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
      if (typeof pkg.version !== 'string') throw new InternalError(`${file} has no version`);
      found = { root: dir, version: pkg.version };
      return found;
    }
    if (dirname(dir) === dir) throw new InternalError('package.json not found');
  }
}

/** The folder that holds the package's package.json. */
export function packageRoot(): string {
  return packageInfo().root;
}

/** The package's version, from its package.json. */
export function packageVersion(): string {
  return packageInfo().version;
}
