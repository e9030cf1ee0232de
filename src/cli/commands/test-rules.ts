/**
 * `drygate test rules FILE...`: runs promtool unit-test files and prints promtool 3's report:
 * `  SUCCESS` on stdout, or `  FAILED:` and each message on stderr. Exit 1 when any file failed.
 *
 * Extras: `--diff` (expected vs got as a diff), `--debug` (what each failing check read),
 * `--junit FILE` (promtool's JUnit XML, written atomically), `--coverage` and `--coverage-min`
 * (which rules and alert states the tests exercised, printed after the results).
 */
import { statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../model/atomic-write.js';
import { readErrorReason } from '../../model/files.js';
import {
  belowMinimum,
  type FileCoverage,
  formatCoverage,
  formatPercent,
  mergeCoverage,
} from '../../unittest/coverage.js';
import { formatDebug } from '../../unittest/debug.js';
import { formatFailureDiff } from '../../unittest/diff.js';
import { type CheckFailure, formatFailure } from '../../unittest/failure.js';
import {
  formatJUnitTimestamp,
  junitErrorSuite,
  junitSuite,
  type JUnitSuite,
  renderJUnit,
} from '../../unittest/junit.js';
import { runUnitTestText } from '../../unittest/run.js';
import { ExitCode, ExitError } from '../exit.js';
import { type CliIo, processIo } from '../io.js';

export interface TestRulesOptions {
  readonly run?: readonly string[];
  readonly ignoreUnknownFields?: boolean;
  /** Write a JUnit XML report to this file. */
  readonly junit?: string;
  /** Show expected vs got as a diff. */
  readonly diff?: boolean;
  /** Print what each failing check's selectors read. */
  readonly debug?: boolean;
  /** Print rule coverage after the results. */
  readonly coverage?: boolean;
  /** Fail when rule coverage is below this percentage (implies coverage); checked here. */
  readonly coverageMin?: string;
}

/** Test seams: the clock for JUnit timestamps and the environment for colour. */
export interface TestRulesDeps {
  readonly now?: () => Date;
  readonly env?: NodeJS.ProcessEnv;
}

function compile(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p);
    } catch (err) {
      throw new InputError(`--run ${JSON.stringify(p)}: ${(err as Error).message}`);
    }
  });
}

/** `--coverage-min`: a number from 0 to 100, a trailing `%` allowed. */
export function parseCoverageMin(text: string): number {
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  const value = match === null ? NaN : Number(match[1]);
  if (!(value >= 0 && value <= 100))
    throw new InputError(
      `--coverage-min ${JSON.stringify(text)}: expected a percentage from 0 to 100`,
    );
  return value;
}

/** Fails fast, before any test runs, when the report could not be written where asked. */
function checkJUnitPath(path: string): void {
  const dir = dirname(path);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (err) {
    throw new InputError(`--junit ${path}: cannot use directory ${dir}: ${readErrorReason(err)}`);
  }
  if (!isDir) throw new InputError(`--junit ${path}: ${dir} is not a directory`);
  try {
    if (statSync(path).isDirectory()) throw new InputError(`--junit ${path}: is a directory`);
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
}

/**
 * Whether diffs are coloured: only when stderr (where failures go) is a terminal, `NO_COLOR` is
 * unset or empty (no-color.org) and `TERM` is not `dumb`.
 */
export function useColour(io: CliIo, env: NodeJS.ProcessEnv): boolean {
  if ((env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb') return false;
  // CliIo.isTty describes stdout; for the process streams, ask stderr itself.
  return io === processIo ? process.stderr.isTTY === true : io.isTty;
}

export async function testRules(
  files: readonly string[],
  options: TestRulesOptions,
  io: CliIo,
  deps: TestRulesDeps = {},
): Promise<void> {
  const run = compile(options.run ?? []);
  const coverageMin =
    options.coverageMin === undefined ? undefined : parseCoverageMin(options.coverageMin);
  const coverage = options.coverage === true || coverageMin !== undefined;
  if (options.junit !== undefined) checkJUnitPath(options.junit);
  const now = deps.now ?? (() => new Date());
  const colour = options.diff === true && useColour(io, deps.env ?? process.env);
  const text = (f: CheckFailure, coloured: boolean): string =>
    options.diff === true ? formatFailureDiff(f, { colour: coloured }) : formatFailure(f);

  const suites: JUnitSuite[] = [];
  const coverages: FileCoverage[] = [];
  let failed = false;
  for (const file of files) {
    const timestamp = formatJUnitTimestamp(now());
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (err) {
      const message = `cannot read ${file}: ${readErrorReason(err)}`;
      io.err(`  FAILED:\n${message}\n`);
      io.out('\n\n');
      suites.push(junitErrorSuite(file, message, timestamp));
      failed = true;
      continue;
    }
    const result = await runUnitTestText(source, file, {
      run,
      ignoreUnknownFields: options.ignoreUnknownFields === true,
      debug: options.debug === true,
      coverage,
    });
    if (result.coverage !== undefined) coverages.push(result.coverage);
    suites.push(
      junitSuite(result, timestamp, (i) =>
        (result.groups[i]?.failures ?? []).map((f) => text(f, false)),
      ),
    );
    for (const w of result.warnings) io.err(`${w}\n`);
    if (result.passed) {
      io.out('  SUCCESS\n\n');
      continue;
    }
    failed = true;
    io.err('  FAILED:\n');
    for (const message of result.fileErrors) {
      io.err(`${message}\n`);
      io.out('\n');
    }
    for (const f of result.groups.flatMap((g) => g.failures)) {
      io.err(`${text(f, colour)}\n`);
      if (options.debug === true && f.debug !== undefined) io.err(formatDebug(f.debug));
      io.out('\n');
    }
    io.out('\n');
  }

  const report = coverage ? mergeCoverage(coverages) : undefined;
  if (report !== undefined) io.out(formatCoverage(report));
  if (options.junit !== undefined) {
    const path = options.junit;
    try {
      writeFileAtomic(dirname(path), basename(path), renderJUnit(suites));
    } catch (err) {
      throw new InputError(`cannot write the JUnit report ${path}: ${readErrorReason(err)}`);
    }
  }
  if (
    report !== undefined &&
    coverageMin !== undefined &&
    belowMinimum(report.totals, coverageMin)
  ) {
    const { exercised, rules } = report.totals;
    throw new ExitError(
      ExitCode.Failed,
      `rule coverage ${formatPercent(exercised, rules)} (${exercised} of ${rules} rules) is below --coverage-min ${coverageMin}%`,
    );
  }
  if (failed) throw new ExitError(ExitCode.Failed);
}
