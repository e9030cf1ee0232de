/**
 * `drygate lint` through the CLI entry, in process: colour only on a terminal and never with
 * NO_COLOR or --no-color, and the exit codes of the three outcomes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

const work = mkdtempSync(join(tmpdir(), 'drygate-lint-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const rules = join(work, 'rules.yml');
writeFileSync(
  rules,
  'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: sum(up)\n',
);
const savedNoColor = process.env['NO_COLOR'];
afterEach(() => {
  if (savedNoColor === undefined) delete process.env['NO_COLOR'];
  else process.env['NO_COLOR'] = savedNoColor;
});

async function lint(
  isTty: boolean,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['lint', ...args], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty,
  });
  return { code, out, err };
}

const ANSI = '\u001b[';

describe('drygate lint on a terminal', () => {
  it('colours the human report on a TTY', async () => {
    delete process.env['NO_COLOR'];
    const r = await lint(true, '--require', 'metric_realm=prod', rules);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${ANSI}31merror${ANSI}39m`);
  });

  it('respects NO_COLOR, --no-color and a pipe', async () => {
    process.env['NO_COLOR'] = '1';
    expect((await lint(true, '--require', 'metric_realm=prod', rules)).out).not.toContain(ANSI);
    delete process.env['NO_COLOR'];
    expect(
      (await lint(true, '--no-color', '--require', 'metric_realm=prod', rules)).out,
    ).not.toContain(ANSI);
    expect((await lint(false, '--require', 'metric_realm=prod', rules)).out).not.toContain(ANSI);
    expect(
      (await lint(true, '--format', 'github', '--require', 'metric_realm=prod', rules)).out,
    ).not.toContain(ANSI);
  });

  it('exits 0 without errors, 1 with one, 2 on bad input', async () => {
    expect((await lint(false, rules)).code).toBe(0);
    expect((await lint(false, '--require', 'metric_realm=prod', rules)).code).toBe(1);
    const missing = await lint(false, join(work, 'none.yml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`drygate: cannot read ${join(work, 'none.yml')}: no such file\n`);
  });
});
