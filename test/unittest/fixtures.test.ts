/**
 * Runs every promtool unit-test fixture of the corpus through `drygate test rules` and checks the
 * verdict upstream promtool 3 gives (corpus README §2.7).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { corpusDir } from '../../src/promql/promqltest/corpus.js';

const dir = join(dirname(corpusDir()), 'promtool');
const present = existsSync(dir);
if (!present && process.env['DRYGATE_REQUIRE_CORPUS'] === '1') {
  throw new Error(
    `the promtool fixtures are required (DRYGATE_REQUIRE_CORPUS=1) but ${dir} does not exist`,
  );
}
const skipReason = present ? '' : `(skipped: corpus folder ${dir} not found; set DRYGATE_CORPUS)`;

async function drygate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['test', 'rules', ...args], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty: false,
  });
  return { code, out, err };
}

const cases: [file: string, flags: string[], code: number][] = [
  ['at-modifier-test.yml', [], 0],
  ['negative-offset-test.yml', [], 0],
  ['no-test-group-interval.yml', [], 0],
  ['start-time-test.yml', [], 0],
  ['long-period.yml', [], 0],
  ['rules_run.yml', [], 1],
  ['rules_run.yml', ['--run', 'correct'], 0],
  ['rules_run_fuzzy.yml', ['--run', 'correct'], 0],
  ['rules_run_fuzzy.yml', ['--run', 'wrong'], 1],
  ['rules_run_no_fuzzy.yml', [], 1],
  ['rules_run_extrafields.yml', ['--ignore-unknown-fields'], 0],
  ['rules_run_extrafields.yml', [], 1],
  ['failing.yml', [], 1],
  ['bad-input-series.yml', [], 1],
  ['bad-promql.yml', [], 1],
  ['bad-rules-error-test.yml', [], 1],
  ['bad-rules-syntax-test.yml', [], 1],
];

describe.skipIf(!present)(`promtool fixtures in ${dir} ${skipReason}`, () => {
  it.each(cases)('%s %j exits %d as upstream', async (file, flags, code) => {
    const result = await drygate(...flags, join(dir, file));
    expect(result.code, result.err).toBe(code);
    if (code === 0) expect(result.out).toBe('  SUCCESS\n\n');
    else expect(result.err).toMatch(/^ {2}FAILED:\n/);
  });

  it('unittest.yml fails only because of native histograms (upstream passes)', async () => {
    const result = await drygate(join(dir, 'unittest.yml'));
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      '  FAILED:\n    expr: "test_histogram", exp_samples histogram: native histograms are not supported by drygate, the test group cannot run\n',
    );
  });

  it('failing.yml reports promtool 3 messages', async () => {
    const result = await drygate(join(dir, 'failing.yml'));
    expect(result.err).toContain(
      '    expr: "test", time: 0s,\n        exp: {__name__="test"} 1E+00\n        got: {__name__="test"} 0E+00\n',
    );
    expect(result.err).toContain(
      '    name: Failing alert test,\n    alertname: AlwaysFiring, time: 5m, \n        exp:[], \n        got:[\n            0:\n              Labels:{alertname="AlwaysFiring"}\n              Annotations:{}\n            ]\n',
    );
  });

  it('every unit-test fixture in the folder is covered', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const tests = readdirSync(dir).filter((f) =>
      /^tests:/m.test(readFileSync(join(dir, f), 'utf8')),
    );
    const covered = new Set([...cases.map((c) => c[0]), 'unittest.yml']);
    expect(tests.filter((f) => !covered.has(f))).toEqual([]);
  });
});

describe('drygate test rules usage', () => {
  it('needs a file and reports an unreadable one as a failure', async () => {
    expect((await drygate()).code).toBe(2);
    const missing = await drygate('/nonexistent/test.yml');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('  FAILED:\ncannot read /nonexistent/test.yml: no such file\n');
  });

  it('rejects a bad --run regex as a usage error', async () => {
    expect((await drygate('--run', '(', 'x.yml')).code).toBe(2);
  });
});
