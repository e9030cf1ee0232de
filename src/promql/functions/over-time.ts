/**
 * The `*_over_time` aggregations, `changes` and `resets`: one value per series per step from
 * the float points of the step's window. The evaluator skips empty windows, but each function
 * still returns undefined for one, so that it is safe to call on anything.
 *
 * @module
 */
import { invalidQuantileWarning } from './annotations.js';
import { kahanInc, quantile } from './float.js';
import type { FPoint } from '../value.js';
import type { FunctionImpl, RangeFunction, RangeWindow } from './types.js';

/** A range function of the window's points alone. */
function overTime(fn: (points: readonly FPoint[]) => number, keepsName = false): RangeFunction {
  const call = (w: RangeWindow): number | undefined =>
    w.points.length === 0 ? undefined : fn(w.points);
  return keepsName ? { kind: 'range', call, keepsName } : { kind: 'range', call };
}

// === avg_over_time(v range-vector) instant-vector ===
// Kahan-summed sum / count while the sum stays finite; once it would overflow, switch to an
// incremental mean, which stays finite for inputs near ±MaxFloat64 (Prometheus #16714).
function avg(points: readonly FPoint[]): number {
  let sum = (points[0] as FPoint).f;
  let c = 0;
  let mean = 0;
  let count = 1;
  let incremental = false;
  for (let i = 1; i < points.length; i++) {
    const f = (points[i] as FPoint).f;
    count = i + 1;
    if (!incremental) {
      const [newSum, newC] = kahanInc(f, sum, c);
      if (newSum !== Infinity && newSum !== -Infinity) {
        sum = newSum;
        c = newC;
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    [mean, c] = kahanInc(f / count, q * mean, q * c);
  }
  if (incremental) return mean + c;
  return sum / count + c / count;
}

// === sum_over_time(v range-vector) instant-vector ===
function sum(points: readonly FPoint[]): number {
  let s = 0;
  let c = 0;
  for (const p of points) [s, c] = kahanInc(p.f, s, c);
  // An infinite sum has no meaningful compensation (and Inf + -Inf would make NaN).
  return s === Infinity || s === -Infinity ? s : s + c;
}

/**
 * Prometheus's `compareOverTime`: starts from the first point and takes every point for which
 * `replace(current, best)` holds. The value or (for ts_of_*) the time of the winner.
 */
function compareOverTime(replace: (cur: number, best: number) => boolean, timestamp: boolean) {
  return (points: readonly FPoint[]): number => {
    let best = (points[0] as FPoint).f;
    let bestT = (points[0] as FPoint).t;
    for (const p of points) {
      if (replace(p.f, best)) {
        best = p.f;
        bestT = p.t;
      }
    }
    return timestamp ? bestT / 1000 : best;
  };
}

// A NaN best value is replaced by anything, so NaN wins only if every point is NaN.
// === max_over_time(v range-vector) instant-vector ===
const max = compareOverTime((cur, best) => cur > best || Number.isNaN(best), false);
// === min_over_time(v range-vector) instant-vector ===
const min = compareOverTime((cur, best) => cur < best || Number.isNaN(best), false);
// === ts_of_max_over_time(v range-vector) instant-vector ===
// `>=`: of equal maxima, the last one's time.
const tsOfMax = compareOverTime((cur, best) => cur >= best || Number.isNaN(best), true);
// === ts_of_min_over_time(v range-vector) instant-vector ===
const tsOfMin = compareOverTime((cur, best) => cur <= best || Number.isNaN(best), true);

/** Population variance by Welford's method, with both running terms Kahan-compensated. */
function variance(points: readonly FPoint[]): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (const p of points) {
    count++;
    const delta = p.f - (mean + cMean);
    [mean, cMean] = kahanInc(delta / count, mean, cMean);
    [aux, cAux] = kahanInc(delta * (p.f - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

// === mad_over_time(v range-vector) instant-vector ===
// Median absolute deviation. A NaN point makes the median undefined, so the result is NaN.
function mad(points: readonly FPoint[]): number {
  const values: number[] = [];
  for (const p of points) {
    if (Number.isNaN(p.f)) return NaN;
    values.push(p.f);
  }
  const median = quantile(0.5, values);
  return quantile(
    0.5,
    values.map((v) => Math.abs(v - median)),
  );
}

// === changes(v range-vector) instant-vector ===
// Two NaNs in a row are not a change.
function changes(points: readonly FPoint[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) {
    const prev = (points[i - 1] as FPoint).f;
    const cur = (points[i] as FPoint).f;
    if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) n++;
  }
  return n;
}

// === resets(v range-vector) instant-vector ===
function resets(points: readonly FPoint[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as FPoint).f < (points[i - 1] as FPoint).f) n++;
  }
  return n;
}

// === quantile_over_time(φ scalar, v range-vector) instant-vector ===
// φ outside [0, 1] gives ∓Inf with a warning; NaN gives NaN with the same warning.
const quantileOverTime: RangeFunction = {
  kind: 'range',
  call(window, scalars, ctx) {
    if (window.points.length === 0) return undefined;
    const q = scalars[0] ?? NaN;
    if (Number.isNaN(q) || q < 0 || q > 1) {
      ctx.annotations.warn(invalidQuantileWarning(q), ctx.call.args[0]?.pos);
    }
    return quantile(
      q,
      window.points.map((p) => p.f),
    );
  },
};

export const OVER_TIME_FUNCTIONS: Readonly<Record<string, FunctionImpl>> = {
  avg_over_time: overTime(avg),
  sum_over_time: overTime(sum),
  // === count_over_time(v range-vector) instant-vector ===
  count_over_time: overTime((points) => points.length),
  max_over_time: overTime(max),
  min_over_time: overTime(min),
  // === last_over_time(v range-vector) instant-vector ===
  // Like an offset, it keeps the metric name.
  last_over_time: overTime((points) => (points[points.length - 1] as FPoint).f, true),
  // === first_over_time(v range-vector) instant-vector ===
  first_over_time: overTime((points) => (points[0] as FPoint).f, true),
  // === present_over_time(v range-vector) instant-vector ===
  present_over_time: overTime(() => 1),
  // === stddev_over_time(v range-vector) instant-vector ===
  stddev_over_time: overTime((points) => Math.sqrt(variance(points))),
  // === stdvar_over_time(v range-vector) instant-vector ===
  stdvar_over_time: overTime(variance),
  quantile_over_time: quantileOverTime,
  mad_over_time: overTime(mad),
  ts_of_max_over_time: overTime(tsOfMax),
  ts_of_min_over_time: overTime(tsOfMin),
  // === ts_of_first_over_time(v range-vector) instant-vector ===
  ts_of_first_over_time: overTime((points) => (points[0] as FPoint).t / 1000),
  // === ts_of_last_over_time(v range-vector) instant-vector ===
  ts_of_last_over_time: overTime((points) => (points[points.length - 1] as FPoint).t / 1000),
  changes: overTime(changes),
  resets: overTime(resets),
};
