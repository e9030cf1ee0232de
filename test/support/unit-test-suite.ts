/**
 * A generated suite of promtool unit-test files, for running `drygate test rules` beside the real
 * `promtool test rules` (Debian's 2.42) on the same inputs: the integration test
 * `test/integration/test-rules-vs-promtool.test.ts` and the benchmark `bench/test-rules.mjs`.
 *
 * Where the files come from:
 * - the float data (`load` blocks) of the stable corpus scripts, turned into `input_series`;
 * - the expressions of their `eval` commands, asked at eval times off the sample grid;
 * - for about a third of the files, a rule file: recording rules over some of those expressions
 *   and an alerting rule with `for:` over a recorded series, with `alert_rule_test`s;
 * - the expected values, computed with drygate's own engine and rule evaluator on promtool's
 *   timeline (input fed as the rule clock moves, queries after the last evaluation step);
 * - then a fixed share of the files made wrong on purpose (a value changed, a sample dropped or
 *   added, an alert that will not fire expected), so that FAILED verdicts are exercised too.
 *
 * promtool computes its answers independently; the point is that it agrees with every verdict.
 * Everything is deterministic from the seed. Inputs are left out when promtool 2.42 cannot take
 * them or when Prometheus 2 and 3 would answer differently by design (see `unsupported` and
 * `Checker`), never because drygate's answer looked wrong.
 *
 * @module
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DrygateError } from '../../src/errors.js';
import { formatFloat } from '../../src/exposition/float.js';
import { formatDuration } from '../../src/model/duration.js';
import {
  compareLabels,
  isValidLabelName,
  isValidMetricName,
  type Labels,
} from '../../src/model/labels.js';
import { type AtModifier, type Expr, typeOf, walk } from '../../src/promql/ast.js';
import { Engine } from '../../src/promql/engine/engine.js';
import { parseExpr } from '../../src/promql/parse/parse.js';
import { corpusDir, listCorpusFiles } from '../../src/promql/promqltest/corpus.js';
import { parseScript } from '../../src/promql/promqltest/script.js';
import type { EvalCommand, LoadCommand } from '../../src/promql/promqltest/types.js';
import { MemoryStore } from '../../src/promql/store/memory.js';
import { RuleEvaluator } from '../../src/rules/eval/index.js';
import { loadRuleFile } from '../../src/rules/load.js';

export interface SuiteOptions {
  /** Seed of every choice the generator makes. Default 1. */
  readonly seed?: number;
  /** How many files to build from the corpus (examples come on top). Default 80. */
  readonly files?: number;
  /** Share of the built files made wrong on purpose. Default 0.3. */
  readonly failFraction?: number;
  /** The promqltest folder. Default: the corpus folder drygate's tests use ($DRYGATE_CORPUS). */
  readonly corpus?: string;
  /** Add `examples/**\/tests/*.test.yml` of the repository as they are. Default true. */
  readonly examples?: boolean;
}

export interface SuiteFile {
  /** Absolute path of the unit-test file. */
  readonly path: string;
  /** What the generator built it to give; `unknown` for the repository's examples. */
  readonly expected: 'pass' | 'fail' | 'unknown';
  /** Where its data and expressions come from (`functions.test:212`), or `example`. */
  readonly origin: string;
  /** For files made wrong on purpose: what was changed. */
  readonly perturbation?: string;
  /** `promql_expr_test` plus `alert_rule_test` cases in the file (0 for examples: not counted). */
  readonly tests: number;
  /** Whether the file has a rule file. */
  readonly rules: boolean;
  /** The generated rule file, if any (examples name their own). */
  readonly ruleFile?: string;
}

export interface Suite {
  readonly dir: string;
  readonly files: readonly SuiteFile[];
  /** Corpus evals not used, by reason (for the curious; the tests do not depend on it). */
  readonly skipped: Readonly<Record<string, number>>;
}

/** The repository root (this file is in test/support/). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const LOOKBACK_MS = 300_000;
/** Eval-time offsets tried, in order, to move a corpus eval time off the sample grid. */
const OFFSETS_MS = [17_000, 47_000, 73_000, 23_000, 131_000, 7_000, 251_000];
/** Rule evaluation intervals tried for files with rules (prime seconds: few coincidences). */
const RULE_INTERVALS_MS = [37_000, 53_000, 41_000, 29_000, 60_000];
/** Files without rules: promtool's usual clock, also the default subquery step. */
const PLAIN_INTERVAL_MS = 60_000;
/** Latest eval time used; keeps the rule clock (maxt / interval steps) short. */
const MAX_EVAL_MS = 2 * 86_400_000;
const MAX_RULE_EVAL_MS = 3 * 3_600_000;
/** Most input slots (interval steps) one series may span, and samples one file may hold. */
const MAX_SLOTS = 20_000;
const MAX_SAMPLES = 20_000;
const PROMQL_TESTS_PER_FILE = 5;

/**
 * Functions of Prometheus 2.42's parser (`promql/parser/functions.go` at v2.42.0), less the
 * native-histogram ones (no float input gives them anything to do). Anything newer, such as
 * `sort_by_label`, `limitk` or `mad_over_time`, is not in 2.42 at all, and promtool 3 wants a
 * feature flag for it.
 */
const FUNCTIONS_242 = new Set(
  (
    'abs absent absent_over_time acos acosh asin asinh atan atanh avg_over_time ceil changes ' +
    'clamp clamp_max clamp_min cos cosh count_over_time days_in_month day_of_month day_of_week ' +
    'day_of_year deg delta deriv exp floor histogram_quantile hour idelta increase irate ' +
    'label_replace label_join last_over_time ln log10 log2 max_over_time min_over_time minute ' +
    'month pi predict_linear present_over_time quantile_over_time rad rate resets round scalar ' +
    'sgn sin sinh sort sort_desc sqrt stddev_over_time stdvar_over_time sum_over_time tan tanh ' +
    'time timestamp vector year'
  ).split(' '),
);
const AGGREGATIONS_242 = new Set([
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
]);

// ---------------------------------------------------------------------------------------------
// Deterministic choices

/** mulberry32: a small seeded PRNG, enough for picking files. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Corpus data as input series

interface Point {
  readonly t: number;
  readonly f: number;
  readonly stale: boolean;
}

interface InputSeries {
  readonly labels: Labels;
  readonly points: readonly Point[];
}

interface Snapshot {
  readonly file: string;
  readonly series: readonly InputSeries[];
  readonly intervalMs: number;
  /** Every input sample time, staleness markers included. */
  readonly sampleTimes: ReadonlySet<number>;
  readonly evals: EvalCommand[];
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The data the corpus holds at one point of a script, as input series; a reason string when
 * promtool 2.42 cannot take it (native histograms, start timestamps, names outside the classic
 * character set, series too long to write out).
 */
function snapshotOf(file: string, loads: readonly LoadCommand[]): Snapshot | string {
  const byKey = new Map<string, { labels: Labels; points: Point[] }>();
  let intervalMs = 0;
  for (const load of loads) {
    if (load.withNhcb) return 'load_with_nhcb';
    intervalMs = gcd(load.stepMs, intervalMs);
    for (const s of load.series) {
      if (s.startOffsets !== undefined) return 'start timestamps';
      for (const l of s.labels) {
        // Since 3.5, dropping the metric name drops these too (schema.IsMetadataLabel); 2.42
        // keeps them as ordinary labels.
        if (l.name === '__type__' || l.name === '__unit__') return 'a __type__ or __unit__ label';
        const ok = l.name === '__name__' ? isValidMetricName(l.value) : isValidLabelName(l.name);
        if (!ok) return 'a name outside the classic character set';
      }
      const key = JSON.stringify(s.labels);
      const entry = byKey.get(key) ?? { labels: s.labels, points: [] };
      byKey.set(key, entry);
      for (const [i, v] of s.values.entries()) {
        if (v.kind === 'histogram') return 'native histograms';
        if (v.kind === 'omitted') continue;
        entry.points.push({
          t: i * load.stepMs,
          f: v.kind === 'float' ? v.f : NaN,
          stale: v.kind === 'stale',
        });
      }
    }
  }
  if (byKey.size === 0) return 'no data';
  const series: InputSeries[] = [];
  const sampleTimes = new Set<number>();
  let samples = 0;
  for (const { labels, points } of byKey.values()) {
    points.sort((a, b) => a.t - b.t);
    for (let i = 1; i < points.length; i++)
      if ((points[i] as Point).t === (points[i - 1] as Point).t) return 'two samples at one time';
    const last = points[points.length - 1];
    if (last !== undefined && last.t / intervalMs > MAX_SLOTS) return 'series too long';
    samples += points.length;
    for (const p of points) sampleTimes.add(p.t);
    series.push({ labels, points });
  }
  if (samples > MAX_SAMPLES) return 'too many samples';
  series.sort((a, b) => compareLabels(a.labels, b.labels));
  return { file, series, intervalMs, sampleTimes, evals: [] };
}

/** The corpus scripts cut into data snapshots, each with the evals asked of it. */
function corpusSnapshots(dir: string, skipped: Map<string, number>): Snapshot[] {
  const out: Snapshot[] = [];
  // Every script, not only the stable float set: what 2.42 cannot take is filtered out below.
  for (const path of listCorpusFiles(dir) ?? []) {
    const file = basename(path);
    const script = parseScript(readFileSync(path, 'utf8'), file);
    let loads: LoadCommand[] = [];
    let current: Snapshot | string | undefined;
    for (const cmd of script.commands) {
      if (cmd.kind === 'clear') {
        loads = [];
        current = undefined;
      } else if (cmd.kind === 'load') {
        loads.push(cmd);
        current = undefined;
      } else {
        if (current === undefined) {
          current = loads.length === 0 ? 'no data' : snapshotOf(file, loads);
          if (typeof current !== 'string') out.push(current);
        }
        if (typeof current === 'string') count(skipped, current);
        else current.evals.push(cmd);
      }
    }
  }
  return out;
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

// ---------------------------------------------------------------------------------------------
// Which expressions promtool 2.42 can take, and window edges

/**
 * Why promtool 2.42 cannot run this expression the way drygate does, or undefined when it can.
 * Prometheus 3 parses more than 2.42: newer functions and aggregations, duration expressions,
 * `anchored`/`smoothed`, fill modifiers, `</` `>/` trimming and quoted UTF-8 names. drygate's
 * parser without its experimental switches is Prometheus 3's default parser.
 */
export function unsupported(expr: string): string | undefined {
  let ast: Expr;
  try {
    ast = parseExpr(expr, {
      experimentalFunctions: false,
      durationExpressions: false,
      fillModifiers: false,
    });
  } catch {
    return 'not parsed by Prometheus 3 without feature flags';
  }
  const type = typeOf(ast);
  if (type !== 'vector' && type !== 'scalar') return `a ${type} result (promtool wants a vector)`;
  // 3.x reads a duration where a number goes (`@ 2m`, `time() - 1m`); 2.42 does not.
  if (/@\s*[-+]?[\d.]+(ms|[smhdwy])/.test(expr)) return 'a duration after @';
  // ... and a bare number where a duration goes (`x[10]`, `offset 60`); 2.42 wants a unit.
  if (/\[\s*[\d.]+\s*[\]:]|:\s*[\d.]+\s*\]|offset\s+-?[\d.]+(?![\d.]*(ms|[smhdwy]))/i.test(expr))
    return 'a duration without a unit';
  let why: string | undefined;
  walk(ast, (node) => {
    if (why !== undefined) return;
    switch (node.kind) {
      case 'Call':
        if (!FUNCTIONS_242.has(node.func)) why = `function ${node.func}`;
        break;
      case 'AggregateExpr':
        if (!AGGREGATIONS_242.has(node.op)) why = `aggregation ${node.op}`;
        break;
      case 'BinaryExpr':
        if (node.op === '</' || node.op === '>/') why = `operator ${node.op}`;
        if (
          node.matching !== null &&
          (node.matching.fillLeft !== null || node.matching.fillRight !== null)
        )
          why = 'fill modifier';
        for (const l of [
          ...(node.matching?.matchingLabels ?? []),
          ...(node.matching?.include ?? []),
        ])
          if (!isValidLabelName(l)) why = 'a quoted label name';
        break;
      case 'NumberLiteral':
        if (/^[\d.]+(ms|[smhdwy])/.test(expr.slice(node.pos.start, node.pos.end)))
          why = 'a duration as a number';
        break;
      case 'VectorSelector':
        if (node.extended !== undefined) why = `${node.extended} selector`;
        if (node.offsetExpr !== null) why = 'a duration expression';
        for (const m of node.matchers)
          if (
            m.name === '__name__'
              ? m.type === '=' && !isValidMetricName(m.value)
              : !isValidLabelName(m.name)
          )
            why = 'a quoted name';
        break;
      case 'MatrixSelector':
        if (node.rangeExpr !== null) why = 'a duration expression';
        break;
      case 'SubqueryExpr':
        if (node.rangeExpr !== null || node.stepExpr !== null || node.offsetExpr !== null)
          why = 'a duration expression';
        break;
      default:
        break;
    }
    if (node.kind === 'AggregateExpr')
      for (const l of node.grouping) if (!isValidLabelName(l)) why = 'a quoted label name';
  });
  return why;
}

function atTime(at: AtModifier | null, t: number, queryMs: number): number {
  if (at === null) return t;
  return at.kind === 'timestamp' ? at.ms : queryMs;
}

/** Prometheus's `kahansum.Inc` (Neumaier's variant). */
function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (t === Infinity || t === -Infinity) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) return [t, c + (sum - t + inc)];
  return [t, c + (inc - t + sum)];
}

const isInf = (f: number): boolean => f === Infinity || f === -Infinity;

/** `avg` as 2.42 computes it: an incremental mean. */
function avg242(values: readonly number[]): number {
  let mean = values[0] as number;
  for (const [i, v] of values.entries()) {
    if (i === 0) continue;
    const n = i + 1;
    if (isInf(mean) && ((isInf(v) && mean > 0 === v > 0) || (!isInf(v) && !Number.isNaN(v))))
      continue;
    mean += v / n - mean / n;
  }
  return mean;
}

/** `avg` and `avg_over_time` as 3.x compute them: a Kahan sum, incremental only on overflow. */
function avg3(values: readonly number[]): number {
  let [sum, c, mean] = [values[0] as number, 0, 0];
  let incremental = false;
  for (const [i, v] of values.entries()) {
    if (i === 0) continue;
    const n = i + 1;
    if (!incremental) {
      const [s, k] = kahanInc(v, sum, c);
      if (!isInf(s)) {
        [sum, c] = [s, k];
        continue;
      }
      incremental = true;
      mean = sum / (n - 1);
      c /= n - 1;
    }
    const q = (n - 1) / n;
    [mean, c] = kahanInc(v / n, q * mean, q * c);
  }
  return incremental ? mean + c : sum / values.length + c / values.length;
}

/** `avg_over_time` as 2.42 computes it: an incremental mean with Kahan compensation. */
function avgOverTime242(values: readonly number[]): number {
  let [mean, c] = [0, 0];
  for (const [i, v] of values.entries()) {
    const n = i + 1;
    if (isInf(mean) && ((isInf(v) && mean > 0 === v > 0) || (!isInf(v) && !Number.isNaN(v))))
      continue;
    [mean, c] = kahanInc(v / n - mean / n, mean, c);
  }
  return isInf(mean) ? mean : mean + c;
}

const sameFloat = (a: number, b: number): boolean =>
  a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * How far `rate`/`increase` extrapolate towards the window start. 2.42 first moves the start to
 * the counter's zero point, then applies the 110 % threshold; 3.x applies the threshold first
 * (2.51, "Fix limiting of extrapolation to negative values"), so the two differ when both rules
 * bite.
 */
function startExtrapolation(
  points: readonly { t: number; f: number }[],
  rangeStartMs: number,
): { v242: number; v3: number } {
  const first = points[0] as { t: number; f: number };
  const last = points[points.length - 1] as { t: number; f: number };
  let result = last.f - first.f;
  for (let i = 1; i < points.length; i++) {
    const prev = (points[i - 1] as { f: number }).f;
    if ((points[i] as { f: number }).f < prev) result += prev;
  }
  const toStart = (first.t - rangeStartMs) / 1000;
  const sampled = (last.t - first.t) / 1000;
  const average = sampled / (points.length - 1);
  const threshold = average * 1.1;
  const toZero = result > 0 && first.f >= 0 ? sampled * (first.f / result) : Infinity;
  const d242 = Math.min(toStart, toZero);
  const v242 = d242 < threshold ? d242 : average / 2;
  const d3 = toStart >= threshold ? average / 2 : toStart;
  const v3 = toZero < d3 ? toZero : d3;
  return { v242, v3 };
}

/** Binary digits after the point that `f` needs (0 for integers). */
function fractionBits(f: number): number {
  let k = 0;
  while (!Number.isInteger(f * 2 ** k) && k < 1100) k++;
  return k;
}

/**
 * Whether adding `values` in any order, plainly or with Kahan, gives the same sum: true when
 * every partial sum is exact (a common binary scale under 2^53), or when an Inf or NaN decides.
 */
function exactSum(values: readonly number[]): boolean {
  if (values.some((v) => !Number.isFinite(v))) return true;
  const k = Math.max(...values.map(fractionBits));
  return values.reduce((a, v) => a + Math.abs(v), 0) * 2 ** k <= 2 ** 53;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

/** Welford's variance, as both versions compute `stdvar`. */
function welford(values: readonly number[]): number {
  let [n, mean, m2] = [0, 0, 0];
  for (const v of values) {
    n++;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
  }
  return m2 / n;
}

/**
 * Why an aggregation of `values` may come out differently in 2.42. Besides the algorithms,
 * 2.42 aggregates series in no fixed order (its test storage hands them out in the order a Go
 * map gave when loading), so an order-dependent result (an inexact sum, an incremental mean,
 * Welford's variance, a tie in topk) can differ from run to run.
 */
function aggregationChange(op: string, values: readonly number[]): string | undefined {
  const allEqual = values.every((v) => Object.is(v, values[0]));
  const orders = values.length <= 6 ? permutations(values) : undefined;
  switch (op) {
    case 'sum':
      return exactSum(values) ? undefined : 'sum of inexact values (order, Kahan in 3.x)';
    case 'avg': {
      if (allEqual) return undefined;
      if (!exactSum(values) || orders === undefined) return 'avg (incremental mean in 2.42)';
      const want = avg3(values);
      return orders.every((o) => sameFloat(avg242(o), want))
        ? undefined
        : 'avg (incremental mean in 2.42)';
    }
    case 'stddev':
    case 'stdvar': {
      if (values.some((v) => !Number.isFinite(v))) return `${op} of Inf or NaN changed in 3.x`;
      if (allEqual) return undefined;
      if (orders === undefined) return `${op} depends on the order of series`;
      const want = welford(values);
      return orders.every((o) => sameFloat(welford(o), want))
        ? undefined
        : `${op} depends on the order of series`;
    }
    case 'topk':
    case 'bottomk':
      return new Set(values).size < values.length || values.some(Number.isNaN)
        ? `${op} with ties`
        : undefined;
    case 'min':
    case 'max':
      return values.some(Number.isNaN) ? `${op} over NaN depends on the order` : undefined;
    default:
      return undefined;
  }
}

/** The group key of a sample in `sum by (...)` / `sum without (...)`. */
function groupKey(labels: Labels, grouping: readonly string[], without: boolean): string {
  if (without)
    return JSON.stringify(
      labels.filter((l) => l.name !== '__name__' && !grouping.includes(l.name)),
    );
  return JSON.stringify(grouping.map((g) => labels.find((l) => l.name === g)?.value ?? ''));
}

/**
 * Finds the evaluations where Prometheus 2.42 and Prometheus 3 (which drygate follows) answer
 * differently by design, so that the generator can leave them out:
 *
 * - window edges: a range selector's `t - range`, an instant selector's `t - 5m` lookback, or a
 *   subquery's `t - range` on its step grid, landing exactly on a sample. 3.x leaves that edge
 *   out of the window, 2.x takes it in ("left-open" windows, v3.0.0). Subqueries are followed
 *   down to their inner steps.
 * - aggregations whose result depends on the order of the series or on the 2 -> 3 algorithm
 *   changes (see `aggregationChange`), computed on the actual inputs;
 * - `avg_over_time`: 2.42 keeps an incremental mean, 3.x divides a Kahan sum; both are computed
 *   on the actual window, and the evaluation is left out only when they differ.
 * - `rate`/`increase` whose start extrapolation differs (see `startExtrapolation`).
 * - `atan2` on a vector: 2.42 keeps the metric name (it is dropped since 2.47).
 *
 * "3.x" here means what drygate follows; several of these changes came in late 2.x releases
 * (Kahan summation for `sum` and `avg` in 2.55), after Debian's 2.42.
 */
class Checker {
  private readonly engine: Engine;
  private readonly hit: (t: number) => boolean;
  private readonly subqueryStepMs: number;

  constructor(series: readonly InputSeries[], hit: (t: number) => boolean, subqueryStepMs: number) {
    this.hit = hit;
    this.subqueryStepMs = subqueryStepMs;
    const store = new MemoryStore();
    for (const s of series)
      for (const p of s.points) {
        if (p.stale) store.appendStale(s.labels, p.t);
        else store.append(s.labels, p.t, p.f);
      }
    this.engine = new Engine(store, {
      lookbackDeltaMs: LOOKBACK_MS,
      defaultSubqueryStepMs: subqueryStepMs,
    });
  }

  /** Why `expr` evaluated at `times` could differ between 2.42 and 3.x, or undefined. */
  check(expr: Expr, times: readonly number[]): string | undefined {
    return this.visit(expr, times, (t) => t);
  }

  private values(node: Expr, t: number): Sample[] {
    try {
      return vectorOf(this.engine, node, t);
    } catch {
      return [];
    }
  }

  private visit(
    node: Expr,
    at: readonly number[],
    queryMs: (t: number) => number,
  ): string | undefined {
    switch (node.kind) {
      case 'VectorSelector':
        return at.some((t) =>
          this.hit(atTime(node.at, t, queryMs(t)) - node.offsetMs - LOOKBACK_MS),
        )
          ? 'window edge on a sample'
          : undefined;
      case 'MatrixSelector': {
        const vs = node.vectorSelector;
        return at.some((t) => this.hit(atTime(vs.at, t, queryMs(t)) - vs.offsetMs - node.rangeMs))
          ? 'window edge on a sample'
          : undefined;
      }
      case 'SubqueryExpr': {
        const step = node.stepMs > 0 ? node.stepMs : this.subqueryStepMs;
        const inner = new Map<number, number>();
        for (const t of at) {
          const end = atTime(node.at, t, queryMs(t)) - node.offsetMs;
          const start = end - node.rangeMs;
          if (((start % step) + step) % step === 0) return 'window edge on a subquery step';
          for (let u = Math.floor(start / step) * step + step; u <= end; u += step) {
            inner.set(u, queryMs(t));
            if (inner.size > 20_000) return 'subquery too fine to check';
          }
        }
        return this.visit(node.expr, [...inner.keys()], (u) => inner.get(u) ?? u);
      }
      case 'Call':
        if (node.func === 'rate' || node.func === 'increase') {
          const arg = node.args[0] as Expr;
          for (const t of at) {
            const [rangeMs, offsetMs, mod] =
              arg.kind === 'MatrixSelector'
                ? [arg.rangeMs, arg.vectorSelector.offsetMs, arg.vectorSelector.at]
                : arg.kind === 'SubqueryExpr'
                  ? [arg.rangeMs, arg.offsetMs, arg.at]
                  : [0, 0, null];
            const rangeStart = atTime(mod, t, queryMs(t)) - offsetMs - rangeMs;
            for (const s of this.matrix(arg, t)) {
              if (s.length < 2) continue;
              const { v242, v3 } = startExtrapolation(s, rangeStart);
              if (!sameFloat(v242, v3)) return 'rate extrapolation changed in 3.x';
            }
          }
        }
        if (node.func === 'avg_over_time') {
          for (const t of at)
            for (const s of this.matrix(node.args[0] as Expr, t)) {
              const f = s.map((p) => p.f);
              if (!sameFloat(avgOverTime242(f), avg3(f))) return 'avg_over_time changed in 3.x';
            }
        }
        break;
      case 'AggregateExpr':
        for (const t of at) {
          const groups = new Map<string, number[]>();
          for (const s of this.values(node.expr, t)) {
            const key = groupKey(s.labels, node.grouping, node.without);
            groups.set(key, [...(groups.get(key) ?? []), s.f]);
          }
          for (const values of groups.values()) {
            const why = aggregationChange(node.op, values);
            if (why !== undefined) return why;
          }
        }
        break;
      case 'BinaryExpr':
        if (node.op === 'atan2' && (typeOf(node.lhs) === 'vector' || typeOf(node.rhs) === 'vector'))
          return 'atan2 keeps the metric name in 2.x';
        break;
      default:
        break;
    }
    for (const child of childrenOf(node)) {
      const why = this.visit(child, at, queryMs);
      if (why !== undefined) return why;
    }
    return undefined;
  }

  /** The points of each series a range expression selects at `t`. */
  private matrix(node: Expr, t: number): { t: number; f: number }[][] {
    try {
      const { value } = this.engine.instantQuery(node, t);
      return value.type === 'matrix' ? value.series.map((s) => [...s.points]) : [];
    } catch {
      return [];
    }
  }
}

function childrenOf(node: Expr): Expr[] {
  const out: Expr[] = [];
  walk(node, (n, path) => {
    if (path.length === 1) out.push(n);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// promtool's timeline, run by drygate's engine and rule evaluator

interface Sample {
  readonly labels: Labels;
  readonly f: number;
}

interface FiringAlert {
  readonly labels: Labels;
  readonly annotations: Labels;
}

interface SimulationInput {
  readonly series: readonly InputSeries[];
  readonly evalIntervalMs: number;
  readonly ruleText: string | undefined;
  readonly promql: readonly { readonly expr: string; readonly timeMs: number }[];
  readonly alerts: readonly { readonly alertname: string; readonly timeMs: number }[];
  /** Queries to run at every evaluation step (right after the rules), e.g. recorded series. */
  readonly probes?: readonly string[];
}

interface SimulationResult {
  /** Per promql case: the samples, or an error message. */
  readonly promql: readonly (readonly Sample[] | string)[];
  /** Per alert case: the firing alerts. */
  readonly alerts: readonly (readonly FiringAlert[])[];
  /** Per probe, per step: the values. */
  readonly probes: readonly (readonly number[])[][];
  /** A rule evaluation error, which ends the timeline as in promtool. */
  readonly ruleError?: string;
}

/**
 * promtool's timeline (corpus README 2.3): for ts = 0, E, 2E ... <= maxt, feed the input samples
 * up to ts, evaluate the rules, check the alert cases whose eval time falls in [ts, ts + E); then
 * run the PromQL cases as instant queries on what was fed.
 */
function simulate(input: SimulationInput): SimulationResult {
  const E = input.evalIntervalMs;
  const store = new MemoryStore();
  const engine = new Engine(store, { lookbackDeltaMs: LOOKBACK_MS, defaultSubqueryStepMs: E });
  let groups: ReturnType<typeof loadRuleFile>['groups'] = [];
  if (input.ruleText !== undefined) {
    const file = loadRuleFile(input.ruleText, 'generated.rules.yml', {
      nameValidationScheme: 'legacy',
    });
    const problem = file.problems.find((p) => p.severity === 'error');
    if (problem !== undefined) throw new Error(`generated rule file: ${problem.message}`);
    groups = file.groups;
  }
  const evaluator = new RuleEvaluator(groups, store, engine, {});
  const samples = input.series
    .flatMap((s) => s.points.map((p) => ({ labels: s.labels, ...p })))
    .sort((a, b) => a.t - b.t);
  const maxt = Math.max(
    0,
    ...input.promql.map((c) => c.timeMs),
    ...input.alerts.map((c) => c.timeMs),
  );
  const alerts: FiringAlert[][] = input.alerts.map(() => []);
  const probes: number[][][] = (input.probes ?? []).map(() => []);
  let next = 0;
  for (let ts = 0; ts <= maxt; ts += E) {
    for (; next < samples.length && (samples[next] as (typeof samples)[number]).t <= ts; next++) {
      const s = samples[next] as (typeof samples)[number];
      if (s.stale) store.appendStale(s.labels, s.t);
      else store.append(s.labels, s.t, s.f);
    }
    const step = evaluator.evaluateAt(ts);
    const failure = step.errors[0];
    if (failure !== undefined)
      return { promql: [], alerts: [], probes: [], ruleError: `${failure.rule}: ${failure.error}` };
    for (const [i, c] of input.alerts.entries()) {
      if (c.timeMs < ts || c.timeMs >= ts + E) continue;
      alerts[i] = evaluator
        .activeAlerts(c.alertname)
        .filter((a) => a.state === 'firing')
        .map((a) => ({ labels: a.labels, annotations: a.annotations }));
    }
    for (const [i, q] of (input.probes ?? []).entries())
      (probes[i] as number[][]).push(vectorOf(engine, q, ts).map((s) => s.f));
  }
  const promql = input.promql.map((c): readonly Sample[] | string => {
    try {
      return vectorOf(engine, c.expr, c.timeMs);
    } catch (err) {
      if (err instanceof DrygateError) return err.message;
      throw err;
    }
  });
  return { promql, alerts, probes };
}

function vectorOf(engine: Engine, expr: string | Expr, timeMs: number): Sample[] {
  const { value } = engine.instantQuery(expr, timeMs);
  if (value.type === 'scalar') return [{ labels: [], f: value.f }];
  if (value.type !== 'vector') throw new DrygateError(`a ${value.type} result`);
  return value.samples
    .map((s) => ({ labels: s.labels, f: s.f }))
    .sort((a, b) => compareLabels(a.labels, b.labels));
}

// ---------------------------------------------------------------------------------------------
// Writing promtool's YAML

/** A label set in the series notation: `name{a="b"}`, `{a="b"}`, or `{}`. */
function seriesText(labels: Labels): string {
  const name = labels.find((l) => l.name === '__name__')?.value ?? '';
  const rest = labels
    .filter((l) => l.name !== '__name__')
    .map((l) => `${l.name}=${JSON.stringify(l.value)}`);
  return rest.length === 0 && name !== '' ? name : `${name}{${rest.join(', ')}}`;
}

/** A number for a series line: plain digits for safe integers (Go reads those exactly). */
function seriesNumber(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return 'Inf';
  if (f === -Infinity) return '-Inf';
  if (Number.isSafeInteger(f) && !Object.is(f, -0)) return String(f);
  return formatFloat(f);
}

/**
 * The `values` of an input series on an interval: one slot per interval step from 0, `_` for
 * empty slots, runs written as `vxN` or, for integers, `a+bxN` (exact under Go's repeated
 * addition).
 */
function valuesText(points: readonly Point[], intervalMs: number): string {
  type Slot = Point | undefined;
  const last = points[points.length - 1];
  const slots: Slot[] = new Array<Slot>(last === undefined ? 0 : last.t / intervalMs + 1).fill(
    undefined,
  );
  for (const p of points) slots[p.t / intervalMs] = p;
  const out: string[] = [];
  for (let i = 0; i < slots.length;) {
    const p = slots[i];
    if (p === undefined) {
      let j = i;
      while (j < slots.length && slots[j] === undefined) j++;
      out.push(j - i === 1 ? '_' : `_x${j - i}`);
      i = j;
      continue;
    }
    if (p.stale) {
      out.push('stale');
      i++;
      continue;
    }
    // Longest run i..j-1 of floats that step by a constant, exactly.
    const next = slots[i + 1];
    let j = i + 1;
    if (next !== undefined && !next.stale && !Number.isNaN(p.f) && !Number.isNaN(next.f)) {
      const d = next.f - p.f;
      const exact = Number.isSafeInteger(p.f) && Number.isSafeInteger(d);
      if (exact || d === 0) {
        while (j < slots.length) {
          const q = slots[j];
          if (q === undefined || q.stale || !(Number.isSafeInteger(q.f) || d === 0)) break;
          if (q.f !== p.f + (j - i) * d || (d === 0 && !Object.is(q.f, p.f))) break;
          j++;
        }
        if (j - i >= 3 || (d === 0 && j - i >= 2)) {
          const n = j - i - 1;
          const head = seriesNumber(p.f);
          out.push(d === 0 ? `${head}x${n}` : `${head}${d < 0 ? '-' : '+'}${Math.abs(d)}x${n}`);
          i = j;
          continue;
        }
      }
    }
    out.push(seriesNumber(p.f));
    i++;
  }
  return out.join(' ');
}

/** A float as YAML that Go's yaml.v2 reads into a float64 exactly. */
function yamlFloat(f: number): string {
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (Number.isNaN(f)) return '.nan';
  return formatFloat(f);
}

const yamlSingle = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const yamlMap = (labels: Labels): string =>
  `{${labels.map((l) => `${JSON.stringify(l.name)}: ${JSON.stringify(l.value)}`).join(', ')}}`;

interface PromqlCase {
  readonly expr: string;
  readonly timeMs: number;
  samples: Sample[];
  readonly origin: string;
}

interface AlertCase {
  readonly alertname: string;
  readonly timeMs: number;
  alerts: FiringAlert[];
}

interface FileSpec {
  readonly name: string;
  readonly origin: string;
  readonly series: readonly InputSeries[];
  readonly intervalMs: number;
  readonly evalIntervalMs: number;
  readonly ruleText: string | undefined;
  readonly promql: PromqlCase[];
  readonly alerts: AlertCase[];
}

function unitTestText(spec: FileSpec, ruleFile: string | undefined): string {
  const lines: string[] = [`# Generated from ${spec.origin}; see test/support/unit-test-suite.ts.`];
  if (ruleFile !== undefined) lines.push('rule_files:', `  - ${ruleFile}`);
  lines.push(`evaluation_interval: ${formatDuration(spec.evalIntervalMs)}`, 'tests:');
  lines.push(`  - name: ${JSON.stringify(spec.origin)}`);
  lines.push(`    interval: ${formatDuration(spec.intervalMs)}`, '    input_series:');
  for (const s of spec.series)
    lines.push(
      `      - series: ${yamlSingle(seriesText(s.labels))}`,
      `        values: ${yamlSingle(valuesText(s.points, spec.intervalMs))}`,
    );
  if (spec.alerts.length > 0) {
    lines.push('    alert_rule_test:');
    for (const c of spec.alerts) {
      lines.push(
        `      - eval_time: ${formatDuration(c.timeMs)}`,
        `        alertname: ${c.alertname}`,
      );
      if (c.alerts.length === 0) lines.push('        exp_alerts: []');
      else lines.push('        exp_alerts:');
      for (const a of c.alerts) {
        const labels = a.labels.filter((l) => l.name !== 'alertname');
        lines.push(`          - exp_labels: ${yamlMap(labels)}`);
        if (a.annotations.length > 0)
          lines.push(`            exp_annotations: ${yamlMap(a.annotations)}`);
      }
    }
  }
  if (spec.promql.length > 0) {
    lines.push('    promql_expr_test:');
    for (const c of spec.promql) {
      lines.push(
        `      # ${c.origin}`,
        `      - expr: ${JSON.stringify(c.expr)}`,
        `        eval_time: ${formatDuration(c.timeMs)}`,
      );
      if (c.samples.length === 0) lines.push('        exp_samples: []');
      else lines.push('        exp_samples:');
      for (const s of c.samples)
        lines.push(
          `          - labels: ${yamlSingle(s.labels.length === 0 ? '' : seriesText(s.labels))}`,
          `            value: ${yamlFloat(s.f)}`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Building files from snapshots

interface Candidate {
  readonly expr: string;
  readonly ast: Expr;
  /** The corpus eval time (ms), before moving it off the grid. */
  readonly corpusMs: number;
  readonly origin: string;
}

function candidatesOf(snapshot: Snapshot, skipped: Map<string, number>): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const e of snapshot.evals) {
    const failExpected = e.legacy.fail || e.expects.fail.length > 0;
    if (failExpected) {
      count(skipped, 'expects a failure');
      continue;
    }
    const why = unsupported(e.expr);
    if (why !== undefined) {
      count(skipped, why);
      continue;
    }
    const corpusMs = e.evalMs;
    const key = `${e.expr}@${corpusMs}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      expr: e.expr,
      ast: parseExpr(e.expr, { experimentalFunctions: false, durationExpressions: false }),
      corpusMs,
      origin: `${snapshot.file}:${e.line}`,
    });
  }
  return out;
}

/**
 * Places each candidate at an eval time off the sample grid (and off the rule clock when there
 * are rules) where no window edge sits on a sample; drops it when there is none.
 */
function placeCases(
  candidates: readonly Candidate[],
  checker: Checker,
  maxMs: number,
  skipped: Map<string, number>,
  round: number,
): { expr: string; timeMs: number; origin: string; ast: Expr }[] {
  const out: { expr: string; timeMs: number; origin: string; ast: Expr }[] = [];
  // Later rounds over the same data start further along the list: other eval times.
  const shift = (2 * round) % OFFSETS_MS.length;
  const offsets = [...OFFSETS_MS.slice(shift), ...OFFSETS_MS.slice(0, shift)];
  for (const c of candidates) {
    let why = 'eval time too late';
    const time = offsets
      .map((d) => c.corpusMs + d)
      .find((t) => {
        if (t > maxMs) return false;
        why = checker.check(c.ast, [t]) ?? '';
        return why === '';
      });
    if (time === undefined) {
      count(skipped, why);
      continue;
    }
    out.push({ expr: c.expr, timeMs: time, origin: c.origin, ast: c.ast });
  }
  return out;
}

/** Drops cases whose answer promtool cannot compare as it does here (errors, NaN values). */
function keepComparable<T extends { samples: Sample[] | string }>(
  cases: T[],
  skipped: Map<string, number>,
): (T & { samples: Sample[] })[] {
  const out: (T & { samples: Sample[] })[] = [];
  for (const c of cases) {
    if (typeof c.samples === 'string') count(skipped, 'query error');
    // promtool compares with ==, so an expected NaN never matches.
    else if (c.samples.some((s) => Number.isNaN(s.f))) count(skipped, 'NaN in the result');
    else out.push(c as T & { samples: Sample[] });
  }
  return out;
}

/** A file of PromQL cases over one snapshot, without rules. */
function plainFile(
  name: string,
  snapshot: Snapshot,
  candidates: readonly Candidate[],
  skipped: Map<string, number>,
  round: number,
): FileSpec | undefined {
  const checker = new Checker(
    snapshot.series,
    (t) => snapshot.sampleTimes.has(t),
    PLAIN_INTERVAL_MS,
  );
  const placed = placeCases(candidates, checker, MAX_EVAL_MS, skipped, round).slice(
    0,
    PROMQL_TESTS_PER_FILE,
  );
  if (placed.length === 0) return undefined;
  const sim = simulate({
    series: snapshot.series,
    evalIntervalMs: PLAIN_INTERVAL_MS,
    ruleText: undefined,
    promql: placed,
    alerts: [],
  });
  const promql = keepComparable(
    placed.map((c, i) => ({
      expr: c.expr,
      timeMs: c.timeMs,
      origin: c.origin,
      samples: sim.promql[i] as Sample[] | string,
    })),
    skipped,
  );
  if (promql.length === 0) return undefined;
  return {
    name,
    origin: promql.map((c) => c.origin).join(', '),
    series: snapshot.series,
    intervalMs: snapshot.intervalMs,
    evalIntervalMs: PLAIN_INTERVAL_MS,
    ruleText: undefined,
    promql,
    alerts: [],
  };
}

function ruleText(
  records: readonly { name: string; expr: string }[],
  alert: { name: string; expr: string; forMs: number; labelName: string | undefined } | undefined,
): string {
  const lines = ['groups:', '  - name: generated', '    rules:'];
  for (const r of records)
    lines.push(`      - record: ${r.name}`, `        expr: ${JSON.stringify(r.expr)}`);
  if (alert !== undefined) {
    const about = alert.labelName === undefined ? 'it' : `{{ $labels.${alert.labelName} }}`;
    lines.push(
      `      - alert: ${alert.name}`,
      `        expr: ${JSON.stringify(alert.expr)}`,
      `        for: ${formatDuration(alert.forMs)}`,
      '        labels:',
      '          severity: page',
      '        annotations:',
      `          summary: ${JSON.stringify(`${about} is at {{ $value }}`)}`,
      `          description: ${JSON.stringify('{{ $value | humanize }} since {{ $labels.severity }}')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A file with a rule file: recording rules over up to three vector expressions, an alert with
 * `for:` on the first recorded series crossing a threshold seen in its values, PromQL cases on
 * the recorded series and on the corpus expressions, and alert cases on both sides of the
 * threshold.
 */
function ruleFile(
  name: string,
  snapshot: Snapshot,
  candidates: readonly Candidate[],
  random: () => number,
  skipped: Map<string, number>,
  round: number,
): FileSpec | undefined {
  const vectors = candidates.filter(
    (c) => typeOf(c.ast) === 'vector' && c.corpusMs <= MAX_RULE_EVAL_MS,
  );
  if (vectors.length === 0) return undefined;
  const last = Math.max(...snapshot.series.map((s) => s.points[s.points.length - 1]?.t ?? 0));
  const horizon = Math.min(MAX_RULE_EVAL_MS, Math.max(10 * 60_000, last + 10 * 60_000));
  const start = Math.floor(random() * RULE_INTERVALS_MS.length);
  for (let k = 0; k < RULE_INTERVALS_MS.length; k++) {
    const E = RULE_INTERVALS_MS[(start + k) % RULE_INTERVALS_MS.length] as number;
    const steps: number[] = [];
    for (let ts = 0; ts <= horizon; ts += E) steps.push(ts);
    const stepSet = new Set(steps);
    const hit = (t: number): boolean => snapshot.sampleTimes.has(t) || stepSet.has(t);
    const checker = new Checker(snapshot.series, hit, E);
    // Rules run at every step: 2.42 and 3.x must agree at all of them.
    const ruled = vectors.filter((c) => checker.check(c.ast, steps) === undefined).slice(0, 3);
    if (ruled.length === 0) continue;
    const records = ruled.map((c, i) => ({ name: `generated:rule${i + 1}`, expr: c.expr }));
    // First pass: the recorded values at every step, to put the alert threshold among them.
    const probe = simulate({
      series: snapshot.series,
      evalIntervalMs: E,
      ruleText: ruleText(records, undefined),
      promql: [],
      // An alert case at the horizon only makes the clock run that far.
      alerts: [{ alertname: 'none', timeMs: horizon }],
      probes: [records[0]?.name ?? ''],
    });
    if (probe.ruleError !== undefined) {
      count(skipped, 'rule evaluation error');
      return undefined;
    }
    const values = (probe.probes[0] ?? []).flat().filter((f) => Number.isFinite(f));
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    const threshold = distinct[Math.floor((distinct.length - 1) / 2)];
    // Above the median value, so that the alert fires at some steps and not at others; with a
    // single value, at that value.
    const op = distinct.length > 1 ? '>' : '>=';
    // A label the alert's summary can name (missing labels expand to '' in both tools).
    const labelName = snapshot.series[0]?.labels.find((l) => l.name !== '__name__')?.name;
    const forMs = E * Math.floor(random() * 3);
    const alertName = 'GeneratedAbove';
    // The alert reads a recorded series with an instant selector, which needs no window check:
    // the series has a sample or a staleness marker at every step, so the 5m lookback edge never
    // decides what it sees.
    const alert =
      threshold === undefined
        ? undefined
        : {
            name: alertName,
            expr: `${records[0]?.name ?? ''} ${op} ${formatFloat(threshold)}`,
            forMs,
            labelName,
          };
    const rules = ruleText(records, alert);

    // PromQL cases: the recorded series at a few times, and the corpus expressions.
    const off = (t: number): number => t + 7_000;
    const pick = (n: number): number[] => {
      const out = new Set<number>();
      for (let i = 1; i <= n; i++)
        out.add(steps[Math.floor((i * (steps.length - 1)) / (n + 1))] ?? 0);
      return [...out].map(off);
    };
    const recordedCases = records.slice(0, 2).flatMap((r) =>
      pick(2)
        .filter((t) => checker.check(parseExpr(r.name), [t]) === undefined)
        .map((t) => ({
          expr: r.name,
          timeMs: t,
          origin: `${r.name} (${ruled[records.indexOf(r)]?.origin ?? ''})`,
          ast: parseExpr(r.name),
        })),
    );
    const corpusCases = placeCases(candidates, checker, horizon, skipped, round).slice(0, 3);
    const promqlIn = [...recordedCases, ...corpusCases];
    const alertTimes = alert === undefined ? [] : pick(4);
    const sim = simulate({
      series: snapshot.series,
      evalIntervalMs: E,
      ruleText: rules,
      promql: promqlIn,
      alerts: alertTimes.map((t) => ({ alertname: alertName, timeMs: t })),
    });
    if (sim.ruleError !== undefined) {
      count(skipped, 'rule evaluation error');
      return undefined;
    }
    const promql = keepComparable(
      promqlIn.map((c, i) => ({
        expr: c.expr,
        timeMs: c.timeMs,
        origin: c.origin,
        samples: sim.promql[i] as Sample[] | string,
      })),
      skipped,
    );
    const alerts = alertTimes.map((t, i) => ({
      alertname: alertName,
      timeMs: t,
      alerts: [...(sim.alerts[i] ?? [])],
    }));
    if (promql.length + alerts.length === 0) return undefined;
    return {
      name,
      origin: ruled.map((c) => c.origin).join(', '),
      series: snapshot.series,
      intervalMs: snapshot.intervalMs,
      evalIntervalMs: E,
      ruleText: rules,
      promql,
      alerts,
    };
  }
  count(skipped, 'no rule interval without window-edge hits');
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Mistakes on purpose

/** Makes one expectation of the file wrong; returns what was changed. */
function perturb(spec: FileSpec, random: () => number): string {
  const kinds: (() => string | undefined)[] = [
    () => {
      const c = spec.promql.find((p) => p.samples.length > 0);
      const s = c?.samples[0];
      if (c === undefined || s === undefined) return undefined;
      const f = s.f === 0 ? 1 : !Number.isFinite(s.f) ? 0 : s.f * 2;
      c.samples[0] = { labels: s.labels, f };
      return `value of ${c.expr} at ${formatDuration(c.timeMs)}: ${formatFloat(s.f)} -> ${formatFloat(f)}`;
    },
    () => {
      const c = spec.promql.find((p) => p.samples.length > 0);
      if (c === undefined) return undefined;
      c.samples.pop();
      return `one sample of ${c.expr} at ${formatDuration(c.timeMs)} dropped`;
    },
    () => {
      const c = spec.promql[Math.floor(random() * spec.promql.length)];
      if (c === undefined) return undefined;
      c.samples.push({ labels: [{ name: '__name__', value: 'generated_absent' }], f: 1 });
      return `a sample that does not exist expected from ${c.expr} at ${formatDuration(c.timeMs)}`;
    },
    () => {
      const c = spec.promql.find((p) => p.samples.some((s) => s.labels.length > 0));
      const i = c?.samples.findIndex((s) => s.labels.length > 0) ?? -1;
      const s = c?.samples[i];
      if (c === undefined || s === undefined) return undefined;
      const labels = s.labels.map((l, j) =>
        j === s.labels.length - 1 ? { name: l.name, value: `${l.value}_wrong` } : l,
      );
      c.samples[i] = { labels, f: s.f };
      return `a label of ${c.expr} at ${formatDuration(c.timeMs)} changed`;
    },
    () => {
      const c = spec.alerts.find((a) => a.alerts.length > 0);
      if (c === undefined) return undefined;
      c.alerts = [];
      return `no ${c.alertname} expected at ${formatDuration(c.timeMs)}, where it fires`;
    },
    () => {
      const c = spec.alerts[Math.floor(random() * spec.alerts.length)];
      if (c === undefined) return undefined;
      c.alerts.push({
        labels: [
          { name: 'instance', value: 'never' },
          { name: 'severity', value: 'page' },
        ],
        annotations: [],
      });
      return `an alert that does not fire expected at ${formatDuration(c.timeMs)}`;
    },
  ];
  for (const i of shuffle(
    kinds.map((_, j) => j),
    random,
  )) {
    const done = (kinds[i] as () => string | undefined)();
    if (done !== undefined) return done;
  }
  throw new Error(`${spec.name}: nothing to perturb`);
}

// ---------------------------------------------------------------------------------------------
// The suite

/** The repository's example unit-test files (`examples/**\/tests/*.test.yml`), sorted. */
export function exampleTestFiles(root: string = ROOT): string[] {
  const dir = join(root, 'examples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /(^|\/)tests\/[^/]+\.test\.yml$/.test(p.split('\\').join('/')))
    .sort()
    .map((p) => resolve(dir, p));
}

/**
 * Writes the suite into `dir` (created when missing; best empty) and describes it. The same options
 * give the same files.
 *
 * @example
 * const suite = writeUnitTestSuite(mkdtempSync(join(tmpdir(), 'suite-')), { files: 50 });
 */
export function writeUnitTestSuite(dir: string, options: SuiteOptions = {}): Suite {
  const random = prng(options.seed ?? 1);
  const wanted = options.files ?? 80;
  const skipped = new Map<string, number>();
  const snapshots = corpusSnapshots(options.corpus ?? corpusDir(), skipped);

  // Chunks of a snapshot's usable evals, one file each; shuffled, then taken in order.
  const chunks: { snapshot: Snapshot; candidates: Candidate[] }[] = [];
  for (const snapshot of snapshots) {
    const candidates = candidatesOf(snapshot, skipped);
    for (let i = 0; i < candidates.length; i += PROMQL_TESTS_PER_FILE + 1)
      chunks.push({ snapshot, candidates: candidates.slice(i, i + PROMQL_TESTS_PER_FILE + 1) });
  }
  const specs: FileSpec[] = [];
  // A round takes every chunk once; when the corpus runs out, the next round asks the same
  // expressions at other eval times (and maybe with rules where the last round had none).
  for (let round = 0; round < 4 && specs.length < wanted; round++) {
    const noted = round === 0 ? skipped : new Map<string, number>();
    for (const chunk of shuffle(chunks, random)) {
      if (specs.length >= wanted) break;
      const name = `${String(specs.length + 1).padStart(3, '0')}-${chunk.snapshot.file.replace(/\.test$/, '')}`;
      const withRules = random() < 0.35;
      const spec =
        (withRules
          ? ruleFile(name, chunk.snapshot, chunk.candidates, random, noted, round)
          : undefined) ?? plainFile(name, chunk.snapshot, chunk.candidates, noted, round);
      if (spec !== undefined) specs.push(spec);
    }
  }
  if (specs.length < wanted)
    throw new Error(`the corpus gave only ${specs.length} usable files of the ${wanted} asked for`);

  const failing = new Set(
    shuffle(
      specs.map((_, i) => i),
      random,
    ).slice(0, Math.round(specs.length * (options.failFraction ?? 0.3))),
  );
  mkdirSync(dir, { recursive: true });
  const files: SuiteFile[] = specs.map((spec, i) => {
    const perturbation = failing.has(i) ? perturb(spec, random) : undefined;
    let rules: string | undefined;
    if (spec.ruleText !== undefined) {
      rules = `${spec.name}.rules.yml`;
      writeFileSync(join(dir, rules), spec.ruleText);
    }
    const path = join(dir, `${spec.name}.test.yml`);
    writeFileSync(path, unitTestText(spec, rules));
    return {
      path,
      expected: perturbation === undefined ? 'pass' : 'fail',
      origin: spec.origin,
      ...(perturbation === undefined ? {} : { perturbation }),
      tests: spec.promql.length + spec.alerts.length,
      rules: rules !== undefined,
      ...(rules === undefined ? {} : { ruleFile: join(dir, rules) }),
    };
  });
  if (options.examples ?? true)
    for (const path of exampleTestFiles())
      files.push({
        path,
        expected: 'unknown',
        origin: `example ${relative(ROOT, path)}`,
        tests: 0,
        rules: true,
      });
  return { dir, files, skipped: Object.fromEntries([...skipped].sort()) };
}

// ---------------------------------------------------------------------------------------------
// Reading verdicts back

export type Verdict = 'SUCCESS' | 'FAILED';

/**
 * Per-file verdicts from the combined stdout+stderr of one `test rules` run over `files`, in
 * order. promtool 2.42 starts each file with `Unit Testing:  <file>`; promtool 3 and drygate do
 * not, so there the `  SUCCESS` / `  FAILED:` lines are counted in order. Returns undefined when
 * the output does not hold exactly one verdict per file.
 */
export function parseVerdicts(output: string, files: number): Verdict[] | undefined {
  const verdicts = output
    .split('\n')
    .filter((l) => l === '  SUCCESS' || l === '  FAILED:')
    .map((l): Verdict => (l === '  SUCCESS' ? 'SUCCESS' : 'FAILED'));
  return verdicts.length === files ? verdicts : undefined;
}

/** The output of one file inside a combined run's output (for showing disagreements). */
export function outputOfFile(output: string, index: number): string {
  const lines = output.split('\n');
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (l === '  SUCCESS' || l === '  FAILED:') starts.push(i);
  });
  const from = starts[index];
  if (from === undefined) return '';
  const to = starts[index + 1] ?? lines.length;
  // promtool 2.42's header line of the next file belongs to the next file.
  const chunk = lines.slice(from, to);
  while (chunk.length > 0 && /^(Unit Testing: |\s*$)/.test(chunk[chunk.length - 1] as string))
    chunk.pop();
  return chunk.join('\n');
}
