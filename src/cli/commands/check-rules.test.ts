import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { ExitError } from '../exit.js';
import type { CliIo } from '../io.js';
import {
  checkRules,
  type CheckRulesOptions,
  lintDuplicates,
  parseOptionsFor,
} from './check-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'drygate-check-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function run(
  files: string[],
  options: CheckRulesOptions = {},
): Promise<{ out: string; err: string; exit: number }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false };
  try {
    await checkRules(files, options, io);
    return { out, err, exit: 0 };
  } catch (e) {
    if (e instanceof ExitError) return { out, err, exit: e.code };
    throw e;
  }
}

const duplicate = '- name: g\n  rules:\n  - {record: a, expr: up}\n  - {record: a, expr: up}\n';

describe('checkRules', () => {
  it('prints promtool-style blocks and fails when any file fails', async () => {
    const good = file('good.yml', 'groups:\n- name: g\n  rules:\n  - {record: a, expr: up}\n');
    const bad = file('bad.yml', 'groups:\n- name: g\n  rules:\n  - {record: a, expr: "up +"}\n');
    expect(await run([good, bad])).toEqual({
      out: `Checking ${good}\n  SUCCESS: 1 rules found\n\nChecking ${bad}\n\n`,
      err: `  FAILED:\n${bad}:4:28: group "g", rule 1, "a": could not parse expression: parse error: unexpected end of input\n`,
      exit: 1,
    });
  });

  it('warns about duplicates by default, fails with lintFatal, ignores with none', async () => {
    const path = file('dup.yml', `groups:\n${duplicate}`);
    const warned = await run([path]);
    expect(warned.exit).toBe(0);
    expect(warned.out).toContain('SUCCESS: 2 rules found');
    expect(warned.err).toMatch(/^ {2}WARNING:\n.*:5:6: warning: .*duplicate rule/);
    const fatal = await run([path], { lintFatal: true });
    expect(fatal.exit).toBe(1);
    expect(fatal.err).toMatch(/^ {2}FAILED:\n.*:5:6: group "g", rule 2, "a": duplicate rule/);
    expect(await run([path], { lint: 'none' })).toMatchObject({ exit: 0, err: '' });
  });

  it('does not lint a file that already failed', async () => {
    const path = file('dup-bad.yml', `groups:\n${duplicate}  - {record: b}\n`);
    const result = await run([path], { lintFatal: true });
    expect(result.err).not.toContain('duplicate');
    expect(result.err).toContain("field 'expr' must be set in rule");
  });

  it('passes --ignore-unknown-fields, --name-validation-scheme and --enable-feature on', async () => {
    const path = file(
      'opts.yml',
      'groups:\n- name: g\n  x: 1\n  rules:\n  - {record: a-b, expr: "limitk(1, up)"}\n',
    );
    expect((await run([path])).err).toContain('field x not found');
    const loose = await run([path], {
      ignoreUnknownFields: true,
      enableFeature: ['promql-experimental-functions'],
    });
    expect(loose).toMatchObject({ exit: 0, err: '' });
    const legacy = await run([path], {
      ignoreUnknownFields: true,
      enableFeature: ['promql-experimental-functions'],
      nameValidationScheme: 'legacy',
    });
    expect(legacy.err).toContain('invalid recording rule name: a-b');
  });

  it('reads every file before printing, so a missing one is a usage error', async () => {
    const good = file('first.yml', 'groups: []\n');
    await expect(run([good, join(dir, 'nope.yml')])).rejects.toBeInstanceOf(InputError);
  });
});

describe('lintDuplicates', () => {
  it.each<[string, boolean]>([
    ['duplicate-rules', true],
    ['all', true],
    ['none', false],
    ['none,all', true],
  ])('%s -> %s', (value, expected) => {
    expect(lintDuplicates(value)).toBe(expected);
  });

  it('refuses an unknown option', () => {
    expect(() => lintDuplicates('duplicates')).toThrow(InputError);
  });
});

describe('parseOptionsFor', () => {
  it('turns promtool feature names into parser options', () => {
    expect(parseOptionsFor([])).toEqual({
      durationExpressions: true,
      experimentalFunctions: false,
      fillModifiers: false,
    });
    expect(parseOptionsFor(['promql-experimental-functions,promql-binop-fill-modifiers'])).toEqual({
      durationExpressions: true,
      experimentalFunctions: true,
      fillModifiers: true,
    });
    expect(() => parseOptionsFor(['native-histograms'])).toThrow(
      'unknown feature "native-histograms"',
    );
  });
});
