/**
 * Check gates: drygate's own rule checks and rule unit tests (and lint) on the given files,
 * so that "the rules are valid and tested" is a gate like any other.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { CHECK_IDS } from '../../lint/check.js';
import { resolveLintConfig } from '../../lint/config.js';
import { renderHuman } from '../../lint/report/human.js';
import { hasErrors, lintPaths } from '../../lint/run.js';
import { formatRuleProblem } from '../../rules/format.js';
import { readRuleFile } from '../../rules/read.js';
import { glob } from '../../unittest/glob.js';
import { runUnitTestText } from '../../unittest/run.js';
import type { CheckTool } from '../spec/types.js';

export interface CheckRun {
  readonly state: 'pass' | 'fail' | 'error';
  readonly reason: string;
  readonly output: string;
}

/** Files matching the patterns, relative ones against `baseDir`; a pattern with no match is an error. */
function expand(
  patterns: readonly string[],
  baseDir: string,
): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const pattern of patterns) {
    const found = glob(isAbsolute(pattern) ? pattern : join(baseDir, pattern));
    if (found.length === 0) missing.push(pattern);
    files.push(...found);
  }
  return { files, missing };
}

/**
 * Runs drygate's check on the files the patterns match. `require` (the spec's required
 * matchers) is added to lint's settings, which come from `.drygate.yml` in `baseDir`.
 */
export async function runCheck(
  tool: CheckTool,
  patterns: readonly string[],
  baseDir: string,
  require: Readonly<Record<string, string>> = {},
): Promise<CheckRun> {
  const { files, missing } = expand(patterns, baseDir);
  if (missing.length > 0)
    return {
      state: 'error',
      reason: `no file matches ${missing.map((m) => JSON.stringify(m)).join(', ')}`,
      output: '',
    };
  switch (tool) {
    case 'check-rules':
      return checkRules(files);
    case 'test-rules':
      return testRules(files);
    case 'lint':
      return lint(files, baseDir, require);
  }
}

async function checkRules(files: readonly string[]): Promise<CheckRun> {
  const lines: string[] = [];
  let failed = 0;
  let rules = 0;
  for (const file of files) {
    const loaded = await readRuleFile(file);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    rules += loaded.ruleCount;
    if (errors.length > 0) failed++;
    lines.push(...errors.map(formatRuleProblem));
  }
  const output = lines.join('\n');
  if (failed > 0)
    return { state: 'fail', reason: `${failed} of ${files.length} rule files have errors`, output };
  return { state: 'pass', reason: `${files.length} rule files valid, ${rules} rules`, output };
}

async function testRules(files: readonly string[]): Promise<CheckRun> {
  const lines: string[] = [];
  let failed = 0;
  for (const file of files) {
    const result = await runUnitTestText(await readFile(file, 'utf8'), file);
    if (result.passed) continue;
    failed++;
    lines.push(`${file}: FAILED`, ...result.fileErrors, ...result.groups.flatMap((g) => g.errors));
  }
  const output = lines.join('\n');
  if (failed > 0)
    return { state: 'fail', reason: `${failed} of ${files.length} unit-test files failed`, output };
  return { state: 'pass', reason: `${files.length} unit-test files passed`, output };
}

async function lint(
  files: readonly string[],
  baseDir: string,
  require: Readonly<Record<string, string>>,
): Promise<CheckRun> {
  const { config } = resolveLintConfig({
    configPath: undefined,
    defaultPath: join(baseDir, '.drygate.yml'),
    require: Object.entries(require).map(([label, value]) => `${label}=${value}`),
    knownChecks: new Set(CHECK_IDS),
  });
  const result = await lintPaths(files, config);
  const output = renderHuman(result, { color: false });
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const summary = `${result.problems.length} problems (${errors} errors) in ${result.fileCount} files`;
  return hasErrors(result)
    ? { state: 'fail', reason: `lint found errors: ${summary}`, output }
    : { state: 'pass', reason: `lint passed: ${summary}`, output };
}
