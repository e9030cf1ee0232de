import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { ExitError } from '../exit.js';
import type { CliIo } from '../io.js';
import { parseCoverageMin, testRules, type TestRulesOptions, useColour } from './test-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'drygate-test-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'rules.yml'),
  [
    'groups:',
    '  - name: g',
    '    rules:',
    '      - record: doubled',
    '        expr: x * 2',
    '      - record: unused',
    '        expr: x * 3',
  ].join('\n'),
);
writeFileSync(
  join(dir, 'pass.yml'),
  [
    'rule_files: [rules.yml]',
    'tests:',
    '  - name: ok',
    '    input_series: [{series: x, values: "1"}]',
    '    promql_expr_test: [{expr: doubled, eval_time: 0, exp_samples: [{labels: doubled, value: 2}]}]',
  ].join('\n'),
);
writeFileSync(
  join(dir, 'fail.yml'),
  [
    'rule_files: [rules.yml]',
    'tests:',
    '  - input_series: [{series: x, values: "1"}]',
    '    promql_expr_test: [{expr: doubled, eval_time: 0, exp_samples: [{labels: doubled, value: 3}]}]',
  ].join('\n'),
);

interface Outcome {
  out: string;
  err: string;
  error: unknown;
}

async function run(
  files: string[],
  options: TestRulesOptions,
  io: Partial<CliIo> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<Outcome> {
  let out = '';
  let err = '';
  let error: unknown;
  try {
    await testRules(
      files.map((f) => join(dir, f)),
      options,
      { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, ...io },
      { now: () => new Date(2024, 4, 1, 12, 30, 0), env },
    );
  } catch (e) {
    error = e;
  }
  return { out, err, error };
}

describe('--junit', () => {
  it('writes the report atomically, one suite per file, unreadable files as errors', async () => {
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    const path = join(reports, 'junit.xml');
    writeFileSync(path, 'old report');
    const { error } = await run(['pass.yml', 'fail.yml', 'missing.yml'], { junit: path });
    expect(error).toBeInstanceOf(ExitError);
    expect(readdirSync(reports)).toEqual(['junit.xml']);
    const xml = readFileSync(path, 'utf8');
    const ts = 'timestamp="2024-05-01T12:30:00"';
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites>',
        `  <testsuite name="${join(dir, 'pass.yml')}" tests="1" failures="0" errors="0" skipped="0" ${ts}>`,
        '    <testcase name="ok"/>',
        '  </testsuite>',
        `  <testsuite name="${join(dir, 'fail.yml')}" tests="1" failures="1" errors="0" skipped="0" ${ts}>`,
        '    <testcase name="unnamed#0">',
        '      <failure>    expr: "doubled", time: 0s,',
        '        exp: {__name__="doubled"} 3E+00',
        '        got: {__name__="doubled"} 2E+00</failure>',
        '    </testcase>',
        '  </testsuite>',
        `  <testsuite name="${join(dir, 'missing.yml')}" tests="1" failures="0" errors="1" skipped="0" ${ts}>`,
        '    <testcase name="unknown">',
        `      <error>cannot read ${join(dir, 'missing.yml')}: no such file</error>`,
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('puts the diff text into failures when --diff is on, never coloured', async () => {
    const path = join(dir, 'diff.xml');
    await run(['fail.yml'], { junit: path, diff: true }, { isTty: true });
    const xml = readFileSync(path, 'utf8');
    expect(xml).toContain('        diff:\n            --- expected\n            +++ got\n');
    expect(xml).not.toContain('\x1b[');
  });

  it('refuses a report path whose directory does not exist, before running anything', async () => {
    const { out, error } = await run(['pass.yml'], { junit: join(dir, 'nope', 'r.xml') });
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `--junit ${join(dir, 'nope', 'r.xml')}: cannot use directory ${join(dir, 'nope')}: no such file`,
    );
    expect(out).toBe('');
  });

  it('refuses a report path that is a directory', async () => {
    const { error } = await run(['pass.yml'], { junit: dir });
    expect((error as Error).message).toBe(`--junit ${dir}: is a directory`);
  });
});

describe('--diff', () => {
  it('colours the diff when stderr is a terminal and NO_COLOR is unset', async () => {
    const { err } = await run(['fail.yml'], { diff: true }, { isTty: true });
    expect(err).toContain('\x1b[31m-{__name__="doubled"} 3E+00\x1b[0m');
    expect(err).toContain('\x1b[32m+{__name__="doubled"} 2E+00\x1b[0m');
  });

  it('prints it plain with NO_COLOR', async () => {
    const { err } = await run(['fail.yml'], { diff: true }, { isTty: true }, { NO_COLOR: '1' });
    expect(err).toBe(
      [
        '  FAILED:',
        '    expr: "doubled", time: 0s,',
        '        diff:',
        '            --- expected',
        '            +++ got',
        '            -{__name__="doubled"} 3E+00',
        '            +{__name__="doubled"} 2E+00',
        '',
      ].join('\n'),
    );
  });
});

describe('--debug', () => {
  it('prints what the failing expression read under its message', async () => {
    const { err } = await run(['fail.yml'], { debug: true });
    expect(err).toContain(
      [
        '        got: {__name__="doubled"} 2E+00',
        '    debug: series read by the selectors at 0s:',
        '        doubled in [0s, 0s]:',
        '            {__name__="doubled"} 0s=2',
        '',
      ].join('\n'),
    );
  });
});

describe('--coverage and --coverage-min', () => {
  it('prints the coverage after the results', async () => {
    const { out } = await run(['pass.yml'], { coverage: true });
    expect(out).toBe(
      [
        '  SUCCESS',
        '',
        'Rule coverage:',
        `  ${join(dir, 'rules.yml')}: 1 of 2 rules exercised (50.0%)`,
        '    tested      record  doubled  line 4',
        '    NOT TESTED  record  unused   line 6',
        '  total: 1 of 2 rules exercised (50.0%), 1 directly',
        '',
      ].join('\n'),
    );
  });

  it('fails below the minimum with a message, passes at it', async () => {
    const below = await run(['pass.yml'], { coverageMin: '50.1' });
    expect(below.error).toBeInstanceOf(ExitError);
    expect((below.error as ExitError).code).toBe(1);
    expect((below.error as ExitError).message).toBe(
      'rule coverage 50.0% (1 of 2 rules) is below --coverage-min 50.1%',
    );
    expect(below.out).toContain('Rule coverage:');
    expect((await run(['pass.yml'], { coverageMin: '50' })).error).toBeUndefined();
  });

  it.each([
    ['0', 0],
    ['100', 100],
    ['80%', 80],
    [' 66.5 ', 66.5],
  ])('accepts %j as %d', (text, value) => expect(parseCoverageMin(text)).toBe(value));

  it.each(['', 'abc', '-1', '101', '100.01', '1e2', '80%%', '.5'])('refuses %j', (text) => {
    expect(() => parseCoverageMin(text)).toThrow(
      `--coverage-min ${JSON.stringify(text)}: expected a percentage from 0 to 100`,
    );
  });
});

describe('useColour', () => {
  const tty: CliIo = { out: () => {}, err: () => {}, isTty: true };
  it.each([
    [{}, true],
    [{ NO_COLOR: '1' }, false],
    [{ NO_COLOR: '' }, true],
    [{ TERM: 'dumb' }, false],
  ])('on a terminal with %j: %s', (env, expected) => expect(useColour(tty, env)).toBe(expected));

  it('never colours when the output is not a terminal', () => {
    expect(useColour({ ...tty, isTty: false }, {})).toBe(false);
  });
});
