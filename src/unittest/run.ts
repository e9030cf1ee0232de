/**
 * Runs a promtool unit-test file (README §2.3): for each test group a fresh store, engine and
 * rule state; input samples fed as the rule clock moves; alert checks at the last evaluation at
 * or before each `eval_time`; then PromQL checks as instant queries at `start + eval_time`.
 *
 * @module
 */
import { dirname, isAbsolute, join } from 'node:path';
import { DrygateError, ParseError } from '../errors.js';
import { compareLabels, labelsEqual, labelsFromRecord } from '../model/labels.js';
import { formatDuration } from '../model/duration.js';
import { goQuote } from '../model/quote.js';
import { Engine } from '../promql/engine/engine.js';
import { parseSeriesLabels } from '../promql/series/parse.js';
import { NATIVE_HISTOGRAMS_UNSUPPORTED } from '../promql/series/types.js';
import { MemoryStore } from '../promql/store/memory.js';
import { RuleEvaluator } from '../rules/eval/index.js';
import { formatRuleProblem } from '../rules/format.js';
import { RuleFileCache } from '../rules/read.js';
import type { RuleGroup } from '../rules/types.js';
import { valuesEqual } from './compare.js';
import { type AlertStateName, type FileCoverage, fileCoverage } from './coverage.js';
import type { DebugInfo } from './debug.js';
import { alertDebug, exprTestDebug, LOOKBACK_MS, ruleErrorDebug } from './debug-info.js';
import { type CheckFailure, formatFailure } from './failure.js';
import { formatGoDuration, type LabeledValue, type LabelsAndAnnotations } from './format.js';
import { glob } from './glob.js';
import { InputFeed } from './input-feed.js';
import { parseUnitTestFile } from './parse.js';
import type { AlertTestCase, TestGroup, UnitTestFile } from './types.js';

export { withinOneUlp } from './compare.js';

export interface RunOptions {
  /** Only groups whose name one of these matches (unanchored); all groups when empty. */
  readonly run?: readonly RegExp[];
  /** Unknown keys in rule files are allowed (the test file stays strict). */
  readonly ignoreUnknownFields?: boolean;
  /** Attach to each failure what its expression's selectors read (and the alert's states). */
  readonly debug?: boolean;
  /** Work out which rules and alert states the tests exercised (`FileResult.coverage`). */
  readonly coverage?: boolean;
}

export interface GroupResult {
  /** Empty when the group has no name. */
  readonly name: string;
  /** 0-based position in the file's `tests` (promtool's `unnamed#<index>`). */
  readonly index: number;
  /** promtool's text of each failure; empty when the group passed. */
  readonly errors: readonly string[];
  /** The same failures as data, in the same order. */
  readonly failures: readonly CheckFailure[];
}

export interface FileResult {
  readonly file: string;
  /** Printed on stderr before the verdict (`  WARNING: no file match pattern ...`). */
  readonly warnings: readonly string[];
  /** Errors that stopped the whole file (bad YAML, bad rule files). */
  readonly fileErrors: readonly string[];
  readonly groups: readonly GroupResult[];
  readonly passed: boolean;
  /** With `coverage`, when the rule files loaded: what the groups that ran exercised. */
  readonly coverage: FileCoverage | undefined;
}

// Test files of one suite often share rule files: each is parsed once while it is unchanged.
const ruleFiles = new RuleFileCache();

/** Runs one unit-test file given its text (rule files are read synchronously). */
export async function runUnitTestText(
  text: string,
  file: string,
  options: RunOptions = {},
): Promise<FileResult> {
  await Promise.resolve();
  return runUnitTestTextSync(text, file, options);
}

/** Runs one unit-test file given its text, synchronously. */
export function runUnitTestTextSync(
  text: string,
  file: string,
  options: RunOptions = {},
): FileResult {
  const warnings: string[] = [];
  const fail = (errors: string[]): FileResult => ({
    file,
    warnings,
    fileErrors: errors,
    groups: [],
    passed: false,
    coverage: undefined,
  });
  let spec: UnitTestFile;
  try {
    spec = parseUnitTestFile(text, file);
  } catch (err) {
    if (err instanceof DrygateError) return fail([err.message]);
    throw err;
  }
  const order = new Map<string, number>();
  for (const [i, name] of spec.groupEvalOrder.entries()) {
    if (order.has(name)) return fail([`group name repeated in evaluation order: ${name}`]);
    order.set(name, i);
  }

  const paths: string[] = [];
  for (const pattern of spec.ruleFiles) {
    const full = isAbsolute(pattern) ? pattern : join(dirname(file), pattern);
    const found = glob(full);
    if (found.length === 0) warnings.push(`  WARNING: no file match pattern ${full}`);
    paths.push(...found);
  }
  const groups: RuleGroup[] = [];
  const loadErrors: string[] = [];
  for (const path of paths) {
    try {
      const loaded = ruleFiles.readSync(path, {
        ignoreUnknownFields: options.ignoreUnknownFields === true,
      });
      for (const p of loaded.problems)
        if (p.severity === 'error') loadErrors.push(formatRuleProblem(p));
      groups.push(...loaded.groups);
    } catch (err) {
      if (err instanceof DrygateError) loadErrors.push(err.message);
      else throw err;
    }
  }
  if (loadErrors.length > 0) return fail(loadErrors);
  const ordered = groups
    .map((g, i) => ({ g, i, rank: order.get(g.name) ?? 0 }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.g);

  const results: GroupResult[] = [];
  const ran: TestGroup[] = [];
  const alertStates = new Map<string, Set<AlertStateName>>();
  for (const [index, group] of spec.tests.entries()) {
    if (options.run !== undefined && options.run.length > 0) {
      if (!options.run.some((re) => re.test(group.name))) continue;
    }
    const outcome = runGroupChecks(spec, group, ordered, options);
    ran.push(group);
    for (const [name, states] of outcome.alertStates)
      for (const s of states) alertStates.set(name, (alertStates.get(name) ?? new Set()).add(s));
    results.push({
      name: group.name,
      index,
      errors: outcome.failures.map(formatFailure),
      failures: outcome.failures,
    });
  }
  return {
    file,
    warnings,
    fileErrors: [],
    groups: results,
    passed: results.every((g) => g.errors.length === 0),
    coverage:
      options.coverage === true
        ? fileCoverage({
            ruleFiles: paths,
            ruleGroups: ordered,
            exprs: ran.flatMap((g) => g.promqlExprTests.map((c) => c.expr)),
            alertTests: ran.flatMap((g) => g.alertRuleTests.map((c) => c.alertname)),
            alertStates,
          })
        : undefined,
  };
}

function nativeHistogramMessage(where: string): string {
  return `    ${where}: ${NATIVE_HISTOGRAMS_UNSUPPORTED} by drygate, the test group cannot run`;
}

/** Runs one test group; returns its error messages (empty when it passed). */
export function runGroup(
  spec: UnitTestFile,
  group: TestGroup,
  ruleGroups: readonly RuleGroup[],
): string[] {
  return runGroupChecks(spec, group, ruleGroups, {}).failures.map(formatFailure);
}

/** What running one test group gives. */
export interface GroupOutcome {
  readonly failures: readonly CheckFailure[];
  /** With `coverage`: the alert states each alert_rule_test asserted, per alert name. */
  readonly alertStates: ReadonlyMap<string, ReadonlySet<AlertStateName>>;
}

const error = (message: string, debug?: DebugInfo): CheckFailure => ({
  kind: 'error',
  message,
  debug,
});

/** Runs one test group, with failures as data. */
export function runGroupChecks(
  spec: UnitTestFile,
  group: TestGroup,
  ruleGroups: readonly RuleGroup[],
  options: Pick<RunOptions, 'debug' | 'coverage'>,
): GroupOutcome {
  const alertStates = new Map<string, Set<AlertStateName>>();
  const stop = (failures: CheckFailure[]): GroupOutcome => ({ failures, alertStates });
  for (const c of group.promqlExprTests)
    if (c.expSamples.some((s) => s.histogram !== undefined))
      return stop([
        error(nativeHistogramMessage(`expr: ${goQuote(c.expr)}, exp_samples histogram`)),
      ]);
  let feed: InputFeed;
  try {
    feed = new InputFeed(group);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    if (err.reason === NATIVE_HISTOGRAMS_UNSUPPORTED)
      return stop([
        error(
          nativeHistogramMessage(
            `${err.position.file ?? ''}:${err.position.line}:${err.position.column}: input_series`,
          ),
        ),
      ]);
    return stop([error(err.message)]);
  }

  const debug = options.debug === true;
  const interval = spec.evaluationIntervalMs;
  const mint = group.startMs;
  const evalTimes = [
    ...group.alertRuleTests.map((c) => c.evalTimeMs),
    ...group.promqlExprTests.map((c) => c.evalTimeMs),
  ];
  const maxt = mint + Math.max(0, ...evalTimes);
  const store = new MemoryStore();
  const engine = new Engine(store, {
    lookbackDeltaMs: LOOKBACK_MS,
    defaultSubqueryStepMs: interval,
  });
  const evaluator = new RuleEvaluator(ruleGroups, store, engine, {
    externalLabels: group.externalLabels,
    ...(group.externalURL === undefined ? {} : { externalURL: group.externalURL }),
  });
  const alertCases = [...group.alertRuleTests].sort((a, b) => a.evalTimeMs - b.evalTimeMs);
  const tracked = options.coverage === true ? new Set(alertCases.map((c) => c.alertname)) : [];
  const everActive = new Set<string>();
  const failures: CheckFailure[] = [];
  let alertIndex = 0;
  for (let ts = mint; ts <= maxt; ts += interval) {
    const refused = feed.feedUntil(store, ts);
    if (refused !== undefined) {
      if (refused.error instanceof DrygateError)
        return stop([error(`    ${refused.error.message}`)]);
      throw refused.error;
    }
    const step = evaluator.evaluateAt(ts);
    if (step.errors.length > 0)
      return stop(
        step.errors.map((e) =>
          error(
            `    rule: ${e.rule}, time: ${formatGoDuration(ts)}, err: ${e.error}`,
            debug ? ruleErrorDebug(store, ruleGroups, e, ts, mint) : undefined,
          ),
        ),
      );
    for (const name of tracked) if (evaluator.activeAlerts(name).length > 0) everActive.add(name);
    for (; alertIndex < alertCases.length; alertIndex++) {
      const c = alertCases[alertIndex] as AlertTestCase;
      const et = mint + c.evalTimeMs;
      if (et >= ts + interval) break;
      if (options.coverage === true) {
        const states = alertStates.get(c.alertname) ?? new Set<AlertStateName>();
        for (const s of assertedStates(c, evaluator, everActive)) states.add(s);
        alertStates.set(c.alertname, states);
      }
      const failure = checkAlerts(group, c, evaluator);
      if (failure === undefined) continue;
      failures.push(
        debug
          ? { ...failure, debug: alertDebug(store, evaluator, ruleGroups, c.alertname, ts, mint) }
          : failure,
      );
    }
  }

  for (const c of group.promqlExprTests) {
    const where = `    expr: ${goQuote(c.expr)}, time: ${formatDuration(c.evalTimeMs)}`;
    const at = mint + c.evalTimeMs;
    const exprDebug = (): DebugInfo | undefined =>
      debug ? exprTestDebug(store, ruleGroups, c.expr, at, mint) : undefined;
    let got: LabeledValue[];
    try {
      got = querySamples(engine, c.expr, at);
    } catch (err) {
      if (err instanceof DrygateError) {
        failures.push(error(`${where}, err: ${err.message}`, exprDebug()));
        continue;
      }
      throw err;
    }
    let exp: LabeledValue[];
    try {
      exp = c.expSamples.map((s) => ({
        labels: s.labels.trim() === '' ? [] : parseSeriesLabels(s.labels),
        value: s.value,
      }));
    } catch (err) {
      if (err instanceof DrygateError) {
        failures.push(error(`${where}, err: ${err.message}`));
        continue;
      }
      throw err;
    }
    exp.sort((a, b) => compareLabels(a.labels, b.labels));
    got.sort((a, b) => compareLabels(a.labels, b.labels));
    if (!samplesMatch(exp, got, spec.fuzzyCompare))
      failures.push({
        kind: 'samples',
        expr: c.expr,
        evalTimeMs: c.evalTimeMs,
        exp,
        got,
        fuzzy: spec.fuzzyCompare,
        debug: exprDebug(),
      });
  }
  return { failures, alertStates };
}

function querySamples(engine: Engine, expr: string, timeMs: number): LabeledValue[] {
  const { value } = engine.instantQuery(expr, timeMs);
  if (value.type === 'vector') return value.samples.map((s) => ({ labels: s.labels, value: s.f }));
  if (value.type === 'scalar') return [{ labels: [], value: value.f }];
  throw new ParseError('rule result is not a vector or scalar', { line: 1, column: 1 });
}

/** Compares the firing alerts of `c.alertname` with `c.expAlerts`; undefined when they match. */
function checkAlerts(
  group: TestGroup,
  c: AlertTestCase,
  evaluator: RuleEvaluator,
): CheckFailure | undefined {
  const got: LabelsAndAnnotations[] = evaluator
    .activeAlerts(c.alertname)
    .filter((a) => a.state === 'firing')
    .map((a) => ({ labels: a.labels, annotations: a.annotations }));
  const exp: LabelsAndAnnotations[] = c.expAlerts.map((e) => ({
    labels: labelsFromRecord({ ...e.labels, alertname: c.alertname }),
    annotations: labelsFromRecord(e.annotations),
  }));
  const order = (a: LabelsAndAnnotations, b: LabelsAndAnnotations): number =>
    compareLabels(a.labels, b.labels) || compareLabels(a.annotations, b.annotations);
  exp.sort(order);
  got.sort(order);
  const same =
    exp.length === got.length &&
    exp.every(
      (e, i) =>
        labelsEqual(e.labels, (got[i] as LabelsAndAnnotations).labels) &&
        labelsEqual(e.annotations, (got[i] as LabelsAndAnnotations).annotations),
    );
  if (same) return undefined;
  return {
    kind: 'alerts',
    group: group.name,
    alertname: c.alertname,
    evalTimeMs: c.evalTimeMs,
    exp,
    got,
    debug: undefined,
  };
}

/** The alert states an alert_rule_test asserts (see coverage.ts for the definitions). */
function assertedStates(
  c: AlertTestCase,
  evaluator: RuleEvaluator,
  everActive: ReadonlySet<string>,
): AlertStateName[] {
  const active = evaluator.activeAlerts(c.alertname);
  const out: AlertStateName[] = [];
  if (c.expAlerts.length > 0) out.push('firing');
  if (active.some((a) => a.state === 'pending')) out.push('pending');
  if (c.expAlerts.length === 0 && active.length === 0 && everActive.has(c.alertname))
    out.push('resolved');
  return out;
}

function samplesMatch(
  exp: readonly LabeledValue[],
  got: readonly LabeledValue[],
  fuzzy: boolean,
): boolean {
  if (exp.length !== got.length) return false;
  return exp.every((e, i) => {
    const g = got[i] as LabeledValue;
    return labelsEqual(e.labels, g.labels) && valuesEqual(e.value, g.value, fuzzy);
  });
}
