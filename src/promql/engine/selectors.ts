/**
 * Reading series for selectors. Instant selectors take, at each step, the newest sample in the
 * left-open lookback window `(ref - lookback, ref]`, and nothing if it is a staleness marker.
 * Range selectors take the non-stale samples in `(end - range, end]`.
 *
 * @module
 */
import type { AtModifier, MatrixSelector, VectorSelector } from '../ast.js';
import type { SeriesData } from '../store/types.js';
import type { FPoint } from '../value.js';
import {
  countRead,
  type EvalContext,
  type RangeSeries,
  reserveSamples,
  stepCount,
} from './context.js';

/** The time a selector looks at for a step: `@` pins it, `offset` moves it back. */
export function refTime(at: AtModifier | null, offsetMs: number, ts: number): number {
  const base = at !== null && at.kind === 'timestamp' ? at.ms : ts;
  return base - offsetMs;
}

/** Smallest and largest reference time over the context's steps. */
function refBounds(at: AtModifier | null, offsetMs: number, ctx: EvalContext): [number, number] {
  const last = ctx.startMs + (stepCount(ctx) - 1) * ctx.intervalMs;
  const a = refTime(at, offsetMs, ctx.startMs);
  const b = refTime(at, offsetMs, last);
  return [Math.min(a, b), Math.max(a, b)];
}

/** Index of the newest sample with t <= ref, or -1. */
function lastAtOrBefore(t: Float64Array, ref: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) <= ref) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export interface SelectOptions {
  /** Put the sample's own timestamp (in seconds) in the value, for `timestamp()`. */
  readonly sampleTimestamps?: boolean;
}

/** Evaluates an instant vector selector over the context's steps. */
export function evalVectorSelector(
  vs: VectorSelector,
  ctx: EvalContext,
  options: SelectOptions = {},
): RangeSeries[] {
  const lookback = ctx.options.lookbackDeltaMs;
  const [minRef, maxRef] = refBounds(vs.at, vs.offsetMs, ctx);
  const data = ctx.queryable.select(vs.matchers, minRef - lookback + 1, maxRef);
  const n = stepCount(ctx);
  const out: RangeSeries[] = [];
  const pinned = vs.at !== null && vs.at.kind === 'timestamp';
  for (const series of data) {
    const points: FPoint[] = [];
    const times = series.t;
    // Reference times only grow with the step (or stay put under @), so a cursor slides forward.
    let j = -1;
    for (let i = 0; i < n; i++) {
      const ts = ctx.startMs + i * ctx.intervalMs;
      const ref = refTime(vs.at, vs.offsetMs, ts);
      if (pinned && i > 0) {
        if (j >= 0 && points.length > 0) points.push({ t: ts, f: (points[0] as FPoint).f });
        continue;
      }
      while (j + 1 < times.length && (times[j + 1] as number) <= ref) j++;
      if (j < 0) continue;
      const t = times[j] as number;
      if (t <= ref - lookback || series.stale[j] === 1) continue;
      points.push({
        t: ts,
        f: options.sampleTimestamps === true ? t / 1000 : (series.f[j] as number),
      });
    }
    if (points.length > 0) {
      reserveSamples(ctx, points.length);
      countRead(ctx, points.length);
      out.push({ labels: series.labels, points, dropName: false });
    }
  }
  return out;
}

/** The series a range selector reads, for all of the context's steps at once. */
export function selectRange(ms: MatrixSelector, ctx: EvalContext): SeriesData[] {
  const vs = ms.vectorSelector;
  const [minRef, maxRef] = refBounds(vs.at, vs.offsetMs, ctx);
  return ctx.queryable.select(vs.matchers, minRef - ms.rangeMs + 1, maxRef);
}

/** The non-stale points of `series` with start < t <= end. */
export function windowPoints(series: SeriesData, start: number, end: number): FPoint[] {
  const from = lastAtOrBefore(series.t, start) + 1;
  const to = lastAtOrBefore(series.t, end) + 1;
  const points: FPoint[] = [];
  for (let i = from; i < to; i++) {
    if (series.stale[i] !== 1) points.push({ t: series.t[i] as number, f: series.f[i] as number });
  }
  return points;
}

/** A top-level range selector in an instant query: the raw points of each series. */
export function evalMatrixSelector(ms: MatrixSelector, ctx: EvalContext): RangeSeries[] {
  const vs = ms.vectorSelector;
  const end = refTime(vs.at, vs.offsetMs, ctx.startMs);
  const out: RangeSeries[] = [];
  for (const series of selectRange(ms, ctx)) {
    const points = windowPoints(series, end - ms.rangeMs, end);
    if (points.length > 0) {
      reserveSamples(ctx, points.length);
      countRead(ctx, points.length);
      out.push({ labels: series.labels, points, dropName: false });
    }
  }
  return out;
}

/** The points with start < t <= end of a time-sorted list (a slice, no copy of the points). */
export function sliceWindow(points: readonly FPoint[], start: number, end: number): FPoint[] {
  const firstAfter = (x: number): number => {
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((points[mid] as FPoint).t <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return points.slice(firstAfter(start), firstAfter(end));
}
