// A stand-in for the 60 s sandbox smoke test of a dry run: replace it with yours. It must exit 0
// when the sandbox is healthy and non-zero otherwise; drygate keeps what it prints in the report.
// This one checks that the example's own files are in place, so the example runs anywhere.
import { existsSync } from 'node:fs';

const required = ['rules/heartbeat.rules.yml', 'tests/heartbeat.test.yml', 'replay/dry-run.yml'];
const missing = required.filter((file) => !existsSync(new URL(`../${file}`, import.meta.url)));
for (const file of required)
  console.log(`${missing.includes(file) ? 'missing' : 'ok     '} ${file}`);
if (missing.length > 0) {
  console.log(`sandbox smoke: ${missing.length} of ${required.length} checks failed`);
  process.exit(1);
}
console.log(`sandbox smoke: ${required.length} of ${required.length} checks passed`);
