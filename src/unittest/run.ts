/**
 * Runs a promtool unit-test file (README §2.3): for each test group a fresh store, engine and
 * rule state; input samples fed as the rule clock moves; alert checks at the last evaluation at
 * or before each `eval_time`; then PromQL checks as instant queries at `start + eval_time`.
 *
 * @module
 */
import { dirname, isAbsolute, join } from 'node:path';
import { DrygateError, ParseError } from '../errors.js';
import { compareLabels, labelsEqual, labelsFromRecord, type Labels } from '../model/labels.js';
import { formatDuration } from '../model/duration.js';
import { goQuote } from '../model/quote.js';
import { Engine } from '../promql/engine/engine.js';
import { parseSeriesLabels, parseSeriesValues } from '../promql/series/parse.js';
import { NATIVE_HISTOGRAMS_UNSUPPORTED, sequenceSamples } from '../promql/series/types.js';
import { MemoryStore } from '../promql/store/memory.js';
import { RuleEvaluator } from '../rules/eval/index.js';
import { formatRuleProblem } from '../rules/format.js';
import { readRuleFile } from '../rules/read.js';
import type { RuleGroup } from '../rules/types.js';
import {
  formatAlertList,
  formatGoDuration,
  formatSamples,
  indentLines,
  type LabeledValue,
  type LabelsAndAnnotations,
} from './format.js';
import { glob } from './glob.js';
import { parseUnitTestFile } from './parse.js';
import type { TestGroup, UnitTestFile } from './types.js';

export interface RunOptions {
  /** Only groups whose name one of these matches (unanchored); all groups when empty. */
  readonly run?: readonly RegExp[];
  /** Unknown keys in rule files are allowed (the test file stays strict). */
  readonly ignoreUnknownFields?: boolean;
}

export interface GroupResult {
  readonly name: string;
  readonly errors: readonly string[];
}

export interface FileResult {
  readonly file: string;
  /** Printed on stderr before the verdict (`  WARNING: no file match pattern ...`). */
  readonly warnings: readonly string[];
  /** Errors that stopped the whole file (bad YAML, bad rule files). */
  readonly fileErrors: readonly string[];
  readonly groups: readonly GroupResult[];
  readonly passed: boolean;
}

/** Runs one unit-test file given its text. */
export async function runUnitTestText(
  text: string,
  file: string,
  options: RunOptions = {},
): Promise<FileResult> {
  const warnings: string[] = [];
  const fail = (errors: string[]): FileResult => ({
    file,
    warnings,
    fileErrors: errors,
    groups: [],
    passed: false,
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
      const loaded = await readRuleFile(path, {
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
  for (const group of spec.tests) {
    if (options.run !== undefined && options.run.length > 0) {
      if (!options.run.some((re) => re.test(group.name))) continue;
    }
    results.push({ name: group.name, errors: runGroup(spec, group, ordered) });
  }
  return {
    file,
    warnings,
    fileErrors: [],
    groups: results,
    passed: results.every((g) => g.errors.length === 0),
  };
}

interface InputSample {
  readonly labels: Labels;
  readonly t: number;
  readonly f: number;
  readonly stale: boolean;
}

function nativeHistogramMessage(where: string): string {
  return `    ${where}: ${NATIVE_HISTOGRAMS_UNSUPPORTED} by drygate, the test group cannot run`;
}

/** The input samples of a group, in time order; throws ParseError for bad series. */
function inputSamples(group: TestGroup): InputSample[] {
  const out: InputSample[] = [];
  for (const s of group.inputSeries) {
    const labels = parseSeriesLabels(s.series, { position: s.seriesAt });
    const values = parseSeriesValues(s.values, { position: s.valuesAt, histograms: 'keep' });
    for (const { t, value } of sequenceSamples(values, group.startMs, group.intervalMs)) {
      if (value.kind === 'histogram')
        throw new ParseError(NATIVE_HISTOGRAMS_UNSUPPORTED, s.valuesAt);
      out.push({
        labels,
        t,
        f: value.kind === 'float' ? value.f : NaN,
        stale: value.kind === 'stale',
      });
    }
  }
  // Stable: samples of one series keep their order.
  return out.sort((a, b) => a.t - b.t);
}

/** Runs one test group; returns its error messages (empty when it passed). */
export function runGroup(
  spec: UnitTestFile,
  group: TestGroup,
  ruleGroups: readonly RuleGroup[],
): string[] {
  for (const c of group.promqlExprTests)
    if (c.expSamples.some((s) => s.histogram !== undefined))
      return [nativeHistogramMessage(`expr: ${goQuote(c.expr)}, exp_samples histogram`)];
  let samples: InputSample[];
  try {
    samples = inputSamples(group);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    if (err.reason === NATIVE_HISTOGRAMS_UNSUPPORTED)
      return [
        nativeHistogramMessage(
          `${err.position.file ?? ''}:${err.position.line}:${err.position.column}: input_series`,
        ),
      ];
    return [err.message];
  }

  const interval = spec.evaluationIntervalMs;
  const mint = group.startMs;
  const evalTimes = [
    ...group.alertRuleTests.map((c) => c.evalTimeMs),
    ...group.promqlExprTests.map((c) => c.evalTimeMs),
  ];
  const maxt = mint + Math.max(0, ...evalTimes);
  const store = new MemoryStore();
  const engine = new Engine(store, {
    lookbackDeltaMs: 300_000,
    defaultSubqueryStepMs: interval,
  });
  const evaluator = new RuleEvaluator(ruleGroups, store, engine, {
    externalLabels: group.externalLabels,
    ...(group.externalURL === undefined ? {} : { externalURL: group.externalURL }),
  });
  const alertCases = [...group.alertRuleTests].sort((a, b) => a.evalTimeMs - b.evalTimeMs);
  const errors: string[] = [];
  let next = 0;
  let alertIndex = 0;
  for (let ts = mint; ts <= maxt; ts += interval) {
    for (; next < samples.length && (samples[next] as InputSample).t <= ts; next++) {
      const s = samples[next] as InputSample;
      try {
        if (s.stale) store.appendStale(s.labels, s.t);
        else store.append(s.labels, s.t, s.f);
      } catch (err) {
        if (err instanceof DrygateError) return [`    ${err.message}`];
        throw err;
      }
    }
    const step = evaluator.evaluateAt(ts);
    if (step.errors.length > 0)
      return step.errors.map(
        (e) => `    rule: ${e.rule}, time: ${formatGoDuration(ts)}, err: ${e.error}`,
      );
    for (; alertIndex < alertCases.length; alertIndex++) {
      const c = alertCases[alertIndex] as (typeof alertCases)[number];
      const et = mint + c.evalTimeMs;
      if (et >= ts + interval) break;
      const message = checkAlerts(group, c.alertname, c.evalTimeMs, c.expAlerts, evaluator);
      if (message !== undefined) errors.push(message);
    }
  }

  for (const c of group.promqlExprTests) {
    const where = `    expr: ${goQuote(c.expr)}, time: ${formatDuration(c.evalTimeMs)}`;
    let got: LabeledValue[];
    try {
      got = querySamples(engine, c.expr, mint + c.evalTimeMs);
    } catch (err) {
      if (err instanceof DrygateError) {
        errors.push(`${where}, err: ${err.message}`);
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
        errors.push(`${where}, err: ${err.message}`);
        continue;
      }
      throw err;
    }
    exp.sort((a, b) => compareLabels(a.labels, b.labels));
    got.sort((a, b) => compareLabels(a.labels, b.labels));
    if (!samplesMatch(exp, got, spec.fuzzyCompare))
      errors.push(
        `${where},\n        exp: ${formatSamples(exp)}\n        got: ${formatSamples(got)}`,
      );
  }
  return errors;
}

function querySamples(engine: Engine, expr: string, timeMs: number): LabeledValue[] {
  const { value } = engine.instantQuery(expr, timeMs);
  if (value.type === 'vector') return value.samples.map((s) => ({ labels: s.labels, value: s.f }));
  if (value.type === 'scalar') return [{ labels: [], value: value.f }];
  throw new ParseError('rule result is not a vector or scalar', { line: 1, column: 1 });
}

function checkAlerts(
  group: TestGroup,
  alertname: string,
  evalTimeMs: number,
  expected: readonly { labels: Record<string, string>; annotations: Record<string, string> }[],
  evaluator: RuleEvaluator,
): string | undefined {
  const got: LabelsAndAnnotations[] = evaluator
    .activeAlerts(alertname)
    .filter((a) => a.state === 'firing')
    .map((a) => ({ labels: a.labels, annotations: a.annotations }));
  const exp: LabelsAndAnnotations[] = expected.map((e) => ({
    labels: labelsFromRecord({ ...e.labels, alertname }),
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
  const name = group.name === '' ? '' : `    name: ${group.name},\n`;
  const indent = '            ';
  return (
    `${name}    alertname: ${alertname}, time: ${formatDuration(evalTimeMs)}, \n` +
    `        exp:${indentLines(formatAlertList(exp), indent)}, \n` +
    `        got:${indentLines(formatAlertList(got), indent)}`
  );
}

function samplesMatch(
  exp: readonly LabeledValue[],
  got: readonly LabeledValue[],
  fuzzy: boolean,
): boolean {
  if (exp.length !== got.length) return false;
  return exp.every((e, i) => {
    const g = got[i] as LabeledValue;
    if (!labelsEqual(e.labels, g.labels)) return false;
    return fuzzy ? withinOneUlp(e.value, g.value) : e.value === g.value;
  });
}

const view = new DataView(new ArrayBuffer(8));

/** The float's bits as an integer that orders like the floats themselves. */
function orderedBits(f: number): bigint {
  view.setFloat64(0, f);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** Whether two floats are equal or adjacent doubles (promtool's fuzzy_compare). */
export function withinOneUlp(a: number, b: number): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const d = orderedBits(a) - orderedBits(b);
  return d <= 1n && d >= -1n;
}
