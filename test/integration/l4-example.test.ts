/**
 * The L4 dry-run example (`examples/l4-dry-run`): its rules must pass `drygate check rules` and
 * `promtool check rules`, and its unit tests must pass `drygate test rules` and the real
 * `promtool test rules` (Debian's 2.42). Then the tests must have teeth: copies of the rules with
 * one deliberate mistake each (the brief's 120 s threshold made 1200 s, among others) must make
 * both tools fail, and fail the same cases.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { promtoolBinary } from '../support/binaries.js';
import { runCli } from '../support/cli.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/l4-dry-run/', import.meta.url));
const RULES = join(EXAMPLE, 'rules', 'heartbeat.rules.yml');
const TESTS = join(EXAMPLE, 'tests', 'heartbeat.test.yml');

const promtool = promtoolBinary();
const work = mkdtempSync(join(tmpdir(), 'drygate-l4-example-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runPromtool(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(promtool.path as string, args, { timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The cases a failing run names, one headline each (`expr: "...", time: ...,` or
 * `alertname: ..., time: ...,`), sorted: the same text in drygate and promtool 2.42 or 3.
 */
function failedCases(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => /^ {4}(expr|alertname): /.test(line))
    .map((line) => line.trim())
    .sort();
}

interface Mutant {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

const mutants: Mutant[] = [
  { name: 'freshness threshold 120 s made 1200 s', from: '< bool 120', to: '< bool 1200' },
  { name: 'freshness threshold made inclusive', from: '< bool 120', to: '<= bool 120' },
  {
    name: 'realm matcher dropped from the seq selector',
    from: 'changes(duri_textfile_heartbeat_seq{metric_realm="prod"}[6m])',
    to: 'changes(duri_textfile_heartbeat_seq[6m])',
  },
  {
    name: 'gate as `and` (absent instead of 0)',
    from: '* on (metric_realm, instance, job)',
    to: 'and on (metric_realm, instance, job)',
  },
  {
    name: 'absent() branch of the alert removed',
    from: '\n          or\n          absent(duri_heartbeat_ok{metric_realm="prod"})',
    to: '',
  },
  { name: 'alert `for` shortened to 1m', from: '\n        for: 2m\n', to: '\n        for: 1m\n' },
];

/** A copy of the example with one change in the rules, laid out as the test file expects. */
function writeMutant(id: string, mutant: Mutant): string {
  const source = readFileSync(RULES, 'utf8');
  expect(source.split(mutant.from).length - 1, `"${mutant.from}" occurs once in the rules`).toBe(1);
  const dir = join(work, `mutant-${id}`);
  mkdirSync(join(dir, 'rules'), { recursive: true });
  mkdirSync(join(dir, 'tests'), { recursive: true });
  writeFileSync(join(dir, 'rules', 'heartbeat.rules.yml'), source.replace(mutant.from, mutant.to));
  copyFileSync(TESTS, join(dir, 'tests', 'heartbeat.test.yml'));
  return join(dir, 'tests', 'heartbeat.test.yml');
}

describe('examples/l4-dry-run with drygate', () => {
  it('drygate check rules accepts the rules', async () => {
    const ours = await runCli(['check', 'rules', RULES]);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stdout).toBe(`Checking ${RULES}\n  SUCCESS: 4 rules found\n\n`);
  });

  it('drygate test rules passes the unit tests', async () => {
    const ours = await runCli(['test', 'rules', TESTS]);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stdout).toBe('  SUCCESS\n\n');
  });

  it.each(mutants.map((m, i) => [m.name, i, m] as const))(
    'drygate test rules fails when the rules have a mistake: %s',
    async (_, index, mutant) => {
      const ours = await runCli(['test', 'rules', writeMutant(`drygate-${index}`, mutant)]);
      expect(ours.code, `drygate passed the broken rules:\n${ours.stdout}`).toBe(1);
      expect(failedCases(ours.stderr).length, ours.stderr).toBeGreaterThan(0);
    },
  );
});

describe.skipIf(promtool.path === undefined)(
  `examples/l4-dry-run beside promtool ${promtool.skipReason}`,
  () => {
    it('promtool check rules accepts the rules', async () => {
      const theirs = await runPromtool(['check', 'rules', RULES]);
      expect(theirs.code, theirs.stderr).toBe(0);
      expect(theirs.stdout).toContain('SUCCESS: 4 rules found');
    });

    it('promtool test rules passes the unit tests', async () => {
      const theirs = await runPromtool(['test', 'rules', TESTS]);
      expect(theirs.code, theirs.stderr).toBe(0);
      expect(theirs.stdout).toContain('  SUCCESS\n');
    });

    it.each(mutants.map((m, i) => [m.name, i, m] as const))(
      'promtool fails the same cases as drygate when the rules have a mistake: %s',
      async (_, index, mutant) => {
        const file = writeMutant(`both-${index}`, mutant);
        const [theirs, ours] = await Promise.all([
          runPromtool(['test', 'rules', file]),
          runCli(['test', 'rules', file]),
        ]);
        expect(theirs.code, `promtool passed the broken rules:\n${theirs.stdout}`).toBe(1);
        expect(ours.code, `drygate passed the broken rules:\n${ours.stdout}`).toBe(1);
        const cases = failedCases(theirs.stderr);
        expect(
          cases.length,
          `promtool failed for another reason:\n${theirs.stderr}`,
        ).toBeGreaterThan(0);
        expect(failedCases(ours.stderr)).toEqual(cases);
      },
    );
  },
);
