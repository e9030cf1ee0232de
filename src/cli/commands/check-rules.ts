/**
 * `drygate check rules FILE...`: validates Prometheus rule files as `promtool check rules`
 * does, with promtool's output (`Checking FILE`, `  SUCCESS: N rules found` or `  FAILED:`),
 * except that every problem names its file:line:col.
 */
import { InputError } from '../../errors.js';
import type { ParseOptions } from '../../promql/parse/parse.js';
import { findDuplicateRules } from '../../rules/duplicates.js';
import { formatRuleProblem } from '../../rules/format.js';
import { readRuleFile } from '../../rules/read.js';
import type { NameValidationScheme, RuleFile, RuleProblem } from '../../rules/types.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';

export interface CheckRulesOptions {
  /** Comma-separated lint checks: `duplicate-rules` (the default), `all` or `none`. */
  readonly lint?: string;
  /** Lint findings fail the file instead of only warning. */
  readonly lintFatal?: boolean;
  readonly ignoreUnknownFields?: boolean;
  /** promtool's `--enable-feature` names for PromQL parser features. */
  readonly enableFeature?: readonly string[];
  readonly nameValidationScheme?: NameValidationScheme;
}

const LINT_OPTIONS = ['all', 'duplicate-rules', 'none'];
const FEATURES = [
  'promql-experimental-functions',
  'promql-binop-fill-modifiers',
  'promql-duration-expr',
] as const;

/** Whether the duplicate-rules lint runs, from promtool's `--lint` value. */
export function lintDuplicates(value: string): boolean {
  const settings = value.split(',').map((s) => s.trim());
  for (const s of settings) {
    if (!LINT_OPTIONS.includes(s)) {
      throw new InputError(
        `unknown lint option ${JSON.stringify(s)} (expected ${LINT_OPTIONS.join(', ')})`,
      );
    }
  }
  // As in promtool, `none` only means "nothing named": `none,all` still lints.
  return settings.some((s) => s === 'all' || s === 'duplicate-rules');
}

/** PromQL parser options as promtool sets them: duration expressions always on. */
export function parseOptionsFor(features: readonly string[]): ParseOptions {
  const enabled = new Set(features.flatMap((f) => f.split(',')).filter((f) => f !== ''));
  for (const f of enabled) {
    if (!(FEATURES as readonly string[]).includes(f)) {
      throw new InputError(`unknown feature ${JSON.stringify(f)} (known: ${FEATURES.join(', ')})`);
    }
  }
  return {
    durationExpressions: true,
    experimentalFunctions: enabled.has('promql-experimental-functions'),
    fillModifiers: enabled.has('promql-binop-fill-modifiers'),
  };
}

export async function checkRules(
  files: readonly string[],
  options: CheckRulesOptions,
  io: CliIo,
): Promise<void> {
  const duplicates = lintDuplicates(options.lint ?? 'duplicate-rules');
  const loadOptions = {
    ignoreUnknownFields: options.ignoreUnknownFields === true,
    nameValidationScheme: options.nameValidationScheme ?? 'utf8',
    parseOptions: parseOptionsFor(options.enableFeature ?? []),
  };
  // Read everything first: an unreadable file is a usage error, before any output.
  const loaded: RuleFile[] = [];
  for (const file of files) loaded.push(await readRuleFile(file, loadOptions));

  let failed = false;
  for (const file of loaded) {
    io.out(`Checking ${file.file}\n`);
    const errors = file.problems.filter((p) => p.severity === 'error');
    const warnings = file.problems.filter((p) => p.severity === 'warning');
    // As promtool: lint only a file that loaded without errors.
    if (errors.length === 0 && duplicates) {
      const found = findDuplicateRules(file.groups);
      if (options.lintFatal === true) errors.push(...found.map(asError));
      else warnings.push(...found);
    }
    if (errors.length > 0) {
      failed = true;
      io.err(`  FAILED:\n${errors.map((p) => `${formatRuleProblem(p)}\n`).join('')}`);
    } else {
      if (warnings.length > 0) {
        io.err(`  WARNING:\n${warnings.map((p) => `${formatRuleProblem(p)}\n`).join('')}`);
      }
      io.out(`  SUCCESS: ${file.ruleCount} rules found\n`);
    }
    io.out('\n');
  }
  if (failed) throw new ExitError(ExitCode.Failed);
}

function asError(problem: RuleProblem): RuleProblem {
  return { ...problem, severity: 'error' };
}
