/**
 * Function calls: the registry's instant and range functions, plus the few the evaluator does
 * itself because they need the AST or the raw samples (absent, absent_over_time, timestamp,
 * scalar, vector, time).
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import { type Labels, METRIC_NAME, sortLabels } from '../../model/labels.js';
import type { Label } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import type { Call, Expr, MatrixSelector, SubqueryExpr } from '../ast.js';
import { typeOf } from '../ast.js';
import { FUNCTIONS } from '../functions/registry.js';
import type { ArgValue, CallContext, RangeFunction, RangeWindow } from '../functions/types.js';
import type { SeriesData } from '../store/types.js';
import type { FPoint, Sample } from '../value.js';
import {
  type EvalContext,
  type RangeSeries,
  SAME_LABELSET,
  isInstant,
  nameAfterDrop,
  reserveSamples,
  stepCount,
  steps,
} from './context.js';
import { rangeEval } from './range-eval.js';
import { evalVectorSelector, refTime, selectRange } from './selectors.js';
import { evalSubquery } from './subquery.js';

export type Evaluate = (expr: Expr, ctx: EvalContext) => RangeSeries[];

const SORT_FUNCTIONS = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);
/** Functions of native histograms only: on float data they return nothing. */
const NATIVE_HISTOGRAM_ONLY = new Set([
  'histogram_count',
  'histogram_sum',
  'histogram_avg',
  'histogram_stddev',
  'histogram_stdvar',
]);

function callContext(call: Call, ctx: EvalContext, ts: number): CallContext {
  return {
    ts,
    call,
    annotations: ctx.annotations,
    startMs: ctx.query.startMs,
    endMs: ctx.query.endMs,
    stepMs: ctx.query.stepMs,
    delayedNameRemoval: ctx.options.delayedNameRemoval,
  };
}

function scalarSeries(ctx: EvalContext, value: (ts: number) => number): RangeSeries[] {
  const points = [...steps(ctx)].map((t) => ({ t, f: value(t) }));
  reserveSamples(ctx, points.length);
  return [{ labels: [], points, dropName: false }];
}

export function evalCall(call: Call, ctx: EvalContext, evaluate: Evaluate): RangeSeries[] {
  switch (call.func) {
    case 'time':
      return scalarSeries(ctx, (ts) => ts / 1000);
    case 'vector':
      return rangeEval(ctx, [evaluate(call.args[0] as Expr, ctx)], (v, ts) => [
        { labels: [], t: ts, f: v[0]?.[0]?.f ?? NaN },
      ]);
    case 'scalar': {
      const input = evaluate(call.args[0] as Expr, ctx);
      return rangeEval(ctx, [input], (v, ts) => {
        const vector = v[0] ?? [];
        return [{ labels: [], t: ts, f: vector.length === 1 ? (vector[0]?.f as number) : NaN }];
      });
    }
    case 'min_of':
    case 'max_of': {
      const pick = call.func === 'min_of' ? Math.min : Math.max;
      const inputs = call.args.map((a) => evaluate(a, ctx));
      return rangeEval(ctx, inputs, (v, ts) => [
        { labels: [], t: ts, f: pick(v[0]?.[0]?.f ?? NaN, v[1]?.[0]?.f ?? NaN) },
      ]);
    }
    case 'absent': {
      const labels = absentLabels(call.args[0] as Expr);
      return rangeEval(ctx, [evaluate(call.args[0] as Expr, ctx)], (v, ts) =>
        (v[0]?.length ?? 0) > 0 ? [] : [{ labels, t: ts, f: 1, dropName: true }],
      );
    }
    case 'timestamp':
      return evalTimestamp(call, ctx, evaluate);
    case 'info':
    case 'start_timestamp':
      throw new QueryError(`function ${call.func} is not supported by drygate`);
  }
  if (call.func === 'absent_over_time')
    return evalRangeFunction(call, rangeArgIndex(call), undefined, ctx, evaluate);
  if (NATIVE_HISTOGRAM_ONLY.has(call.func)) {
    // Evaluate the argument for its errors, then return nothing: there are no native histograms.
    evaluate(call.args[0] as Expr, ctx);
    return [];
  }
  const impl = FUNCTIONS[call.func];
  if (impl === undefined) throw new QueryError(`function ${call.func} is not supported by drygate`);
  if (SORT_FUNCTIONS.has(call.func) && !isInstant(ctx)) {
    ctx.annotations.warn(
      'sort is ineffective for range queries since results are always ordered by labels',
      call.pos,
    );
  }
  if (impl.kind === 'range')
    return evalRangeFunction(call, rangeArgIndex(call), impl, ctx, evaluate);
  const inputs = call.args.map((arg) => (typeOf(arg) === 'string' ? [] : evaluate(arg, ctx)));
  return rangeEval(ctx, inputs, (vectors, ts) => {
    const args: ArgValue[] = call.args.map((arg, i) => {
      if (arg.kind === 'StringLiteral') return arg.value;
      if (typeOf(arg) === 'scalar') return vectors[i]?.[0]?.f ?? NaN;
      return vectors[i] ?? [];
    });
    const out = impl.call(args, callContext(call, ctx, ts));
    return out.map((s) => ({
      ...s,
      t: ts,
      labels: nameAfterDrop(ctx, s.labels, s.dropName === true),
    }));
  });
}

/** Which argument is the range vector (a range selector or a subquery). */
function rangeArgIndex(call: Call): number {
  const index = call.args.findIndex(
    (a) => a.kind === 'MatrixSelector' || a.kind === 'SubqueryExpr',
  );
  if (index < 0) throw new QueryError(`function ${call.func} needs a range vector argument`);
  return index;
}

/** `absent(x{a="b"})` returns `{a="b"}`: the equality matchers, except names given twice. */
function absentLabels(expr: Expr): Labels {
  const selector =
    expr.kind === 'VectorSelector'
      ? expr
      : expr.kind === 'MatrixSelector'
        ? expr.vectorSelector
        : null;
  if (selector === null) return [];
  const labels = new Map<string, string>();
  const seen = new Set<string>();
  for (const m of selector.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !seen.has(m.name)) labels.set(m.name, m.value);
    else labels.delete(m.name);
    seen.add(m.name);
  }
  return sortLabels([...labels].map(([name, value]): Label => ({ name, value })));
}

/** `timestamp(x)`: the sample's own time for a selector, the step time otherwise. */
function evalTimestamp(call: Call, ctx: EvalContext, evaluate: Evaluate): RangeSeries[] {
  const arg = call.args[0] as Expr;
  const input =
    arg.kind === 'VectorSelector'
      ? evalVectorSelector(arg, ctx, { sampleTimestamps: true })
      : evaluate(arg, ctx);
  return rangeEval(ctx, [input], (v, ts) =>
    (v[0] ?? []).map((s) => ({
      labels: nameAfterDrop(ctx, s.labels, true),
      t: ts,
      f: arg.kind === 'VectorSelector' ? s.f : ts / 1000,
      dropName: true,
    })),
  );
}

interface WindowSeries {
  readonly labels: Labels;
  readonly dropName: boolean;
  /** Non-stale sample times and values, in time order. */
  readonly t: Float64Array;
  readonly f: Float64Array;
}

interface WindowSource {
  /** Where the window of an outer step ends; it starts `range` earlier (exclusive). Never decreases. */
  readonly windowEnd: (ts: number) => number;
  readonly series: readonly WindowSeries[];
}

/** Drops staleness markers; the common case (none) keeps the store's arrays. */
function withoutStale(data: SeriesData): WindowSeries {
  if (!data.stale.includes(1))
    return { labels: data.labels, dropName: false, t: data.t, f: data.f };
  const keep = data.stale.reduce((n, s) => n + (s === 1 ? 0 : 1), 0);
  const t = new Float64Array(keep);
  const f = new Float64Array(keep);
  let j = 0;
  for (let i = 0; i < data.t.length; i++) {
    if (data.stale[i] === 1) continue;
    t[j] = data.t[i] as number;
    f[j] = data.f[i] as number;
    j++;
  }
  return { labels: data.labels, dropName: false, t, f };
}

function fromPoints(series: RangeSeries): WindowSeries {
  const t = new Float64Array(series.points.length);
  const f = new Float64Array(series.points.length);
  series.points.forEach((p, i) => {
    t[i] = p.t;
    f[i] = p.f;
  });
  return { labels: series.labels, dropName: series.dropName, t, f };
}

function matrixSource(
  arg: MatrixSelector | SubqueryExpr,
  ctx: EvalContext,
  evaluate: Evaluate,
): WindowSource {
  if (arg.kind === 'MatrixSelector') {
    const vs = arg.vectorSelector;
    return {
      windowEnd: (ts) => refTime(vs.at, vs.offsetMs, ts),
      series: selectRange(arg, ctx).map(withoutStale),
    };
  }
  const sub = evalSubquery(arg, ctx, evaluate);
  return { windowEnd: sub.windowEnd, series: sub.series.map(fromPoints) };
}

/** The window handed to range functions: views into one series' arrays, moved step by step. */
class SlidingWindow implements RangeWindow {
  labels: Labels = [];
  t: Float64Array = new Float64Array(0);
  f: Float64Array = new Float64Array(0);
  rangeStartMs = 0;
  rangeEndMs = 0;
}

/**
 * A function over a range vector: one call per series and step, on that step's window. Window
 * ends never move back, so two pointers slide over each series' points once.
 */
function evalRangeFunction(
  call: Call,
  matrixIndex: number,
  impl: RangeFunction | undefined,
  ctx: EvalContext,
  evaluate: Evaluate,
): RangeSeries[] {
  const arg = call.args[matrixIndex] as MatrixSelector | SubqueryExpr;
  const scalarArgs = call.args.flatMap((a, i) =>
    i === matrixIndex ? [] : [evaluate(a, ctx)[0] ?? null],
  );
  const source = matrixSource(arg, ctx, evaluate);
  const keepsName = impl?.keepsName === true;
  const n = stepCount(ctx);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) ends[i] = source.windowEnd(ctx.startMs + i * ctx.intervalMs);
  // One context object per call, moved from step to step; functions do not keep it.
  const callCtx = { ...callContext(call, ctx, ctx.startMs) };
  const noScalars: number[] = [];
  // One window object, moved from step to step: functions read it and keep nothing.
  const window = new SlidingWindow();
  const out: RangeSeries[] = [];
  for (const series of source.series) {
    const times = series.t;
    const points: FPoint[] = [];
    let lo = 0;
    let hi = 0;
    window.labels = series.labels;
    for (let i = 0; i < n; i++) {
      const end = ends[i] as number;
      const start = end - arg.rangeMs;
      while (hi < times.length && (times[hi] as number) <= end) hi++;
      while (lo < hi && (times[lo] as number) <= start) lo++;
      if (hi === lo) continue;
      ctx.budget.read += hi - lo;
      const ts = ctx.startMs + i * ctx.intervalMs;
      if (impl === undefined) {
        points.push({ t: ts, f: 1 }); // absent_over_time: marks the steps that have data
        continue;
      }
      const scalars =
        scalarArgs.length === 0 ? noScalars : scalarArgs.map((s) => s?.points[i]?.f ?? NaN);
      callCtx.ts = ts;
      window.t = times.subarray(lo, hi);
      window.f = series.f.subarray(lo, hi);
      window.rangeStartMs = start;
      window.rangeEndMs = end;
      const value = impl.call(window, scalars, callCtx);
      if (value !== undefined) points.push({ t: ts, f: value });
    }
    if (points.length === 0) continue;
    reserveSamples(ctx, points.length);
    const dropName = !keepsName || series.dropName;
    out.push({ labels: nameAfterDrop(ctx, series.labels, dropName), points, dropName });
  }
  if (call.func === 'absent_over_time') return absentOverTime(out, call, ctx);
  if (!ctx.options.delayedNameRemoval) {
    const keys = new Set<string>();
    for (const s of out) {
      const key = labelsKey(s.labels);
      if (keys.has(key)) throw new QueryError(SAME_LABELSET);
      keys.add(key);
    }
  }
  return out;
}

/** One series with value 1 at the steps where no input series had data. */
function absentOverTime(
  present: readonly RangeSeries[],
  call: Call,
  ctx: EvalContext,
): RangeSeries[] {
  const n = stepCount(ctx);
  const found = new Set<number>();
  for (const s of present) {
    if (s.points.length === n) return [];
    for (const p of s.points) found.add(p.t);
  }
  const points = [...steps(ctx)].filter((t) => !found.has(t)).map((t) => ({ t, f: 1 }));
  if (points.length === 0) return [];
  const labels = absentLabels(call.args[0] as Expr);
  return [{ labels, points, dropName: true }];
}

export type { Sample };
