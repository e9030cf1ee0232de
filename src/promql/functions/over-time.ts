/**
 * The `*_over_time` aggregations, `changes` and `resets`: one value per series per step from
 * the float points of the step's window. The evaluator skips empty windows, but each function
 * still returns undefined for one, so that it is safe to call on anything.
 *
 * They run once per series per step, so they loop over the window's `t` and `f` arrays and
 * build no arrays of their own, except the copy that quantile_over_time and mad_over_time sort:
 * the window's arrays are views into the engine's and must not be reordered.
 *
 * @module
 */
import { invalidQuantileWarning } from './annotations.js';
import { kahanInc, quantile } from './float.js';
import type { FunctionImpl, RangeFunction, RangeWindow } from './types.js';

/** A range function of the window's points alone, called only for a non-empty window. */
function overTime(fn: (w: RangeWindow) => number, keepsName = false): RangeFunction {
  const call = (w: RangeWindow): number | undefined => (w.f.length === 0 ? undefined : fn(w));
  return keepsName ? { kind: 'range', call, keepsName } : { kind: 'range', call };
}

// === avg_over_time(v range-vector) instant-vector ===
// Kahan-summed sum / count while the sum stays finite; once it would overflow, switch to an
// incremental mean, which stays finite for inputs near ±MaxFloat64 (Prometheus #16714).
function avg({ f: values }: RangeWindow): number {
  let sum = values[0] as number;
  let c = 0;
  let mean = 0;
  let count = 1;
  let incremental = false;
  for (let i = 1; i < values.length; i++) {
    const f = values[i] as number;
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
function sum({ f }: RangeWindow): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < f.length; i++) [s, c] = kahanInc(f[i] as number, s, c);
  // An infinite sum has no meaningful compensation (and Inf + -Inf would make NaN).
  return s === Infinity || s === -Infinity ? s : s + c;
}

/**
 * Prometheus's `compareOverTime`: starts from the first point and takes every point for which
 * `replace(current, best)` holds. The value or (for ts_of_*) the time of the winner.
 */
function compareOverTime(replace: (cur: number, best: number) => boolean, timestamp: boolean) {
  return ({ t, f }: RangeWindow): number => {
    let best = f[0] as number;
    let bestT = t[0] as number;
    for (let i = 0; i < f.length; i++) {
      const cur = f[i] as number;
      if (replace(cur, best)) {
        best = cur;
        bestT = t[i] as number;
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
function variance({ f }: RangeWindow): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = 0; i < f.length; i++) {
    const v = f[i] as number;
    count++;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanInc(delta / count, mean, cMean);
    [aux, cAux] = kahanInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

// === mad_over_time(v range-vector) instant-vector ===
// Median absolute deviation. A NaN point makes the median undefined, so the result is NaN.
// The deviations overwrite the sorted copy of the values, in the same order.
function mad({ f }: RangeWindow): number {
  for (let i = 0; i < f.length; i++) if (Number.isNaN(f[i])) return NaN;
  const values = f.slice();
  const median = quantile(0.5, values);
  for (let i = 0; i < values.length; i++) values[i] = Math.abs((values[i] as number) - median);
  return quantile(0.5, values);
}

// === changes(v range-vector) instant-vector ===
// Two NaNs in a row are not a change.
function changes({ f }: RangeWindow): number {
  let n = 0;
  for (let i = 1; i < f.length; i++) {
    const prev = f[i - 1] as number;
    const cur = f[i] as number;
    if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) n++;
  }
  return n;
}

// === resets(v range-vector) instant-vector ===
function resets({ f }: RangeWindow): number {
  let n = 0;
  for (let i = 1; i < f.length; i++) {
    if ((f[i] as number) < (f[i - 1] as number)) n++;
  }
  return n;
}

// === quantile_over_time(φ scalar, v range-vector) instant-vector ===
// φ outside [0, 1] gives ∓Inf with a warning; NaN gives NaN with the same warning.
const quantileOverTime: RangeFunction = {
  kind: 'range',
  call(window, scalars, ctx) {
    if (window.f.length === 0) return undefined;
    const q = scalars[0] ?? NaN;
    if (Number.isNaN(q) || q < 0 || q > 1) {
      ctx.annotations.warn(invalidQuantileWarning(q), ctx.call.args[0]?.pos);
    }
    // quantile sorts in place: give it a copy, never the engine's arrays.
    return quantile(q, window.f.slice());
  },
};

export const OVER_TIME_FUNCTIONS: Readonly<Record<string, FunctionImpl>> = {
  avg_over_time: overTime(avg),
  sum_over_time: overTime(sum),
  // === count_over_time(v range-vector) instant-vector ===
  count_over_time: overTime((w) => w.f.length),
  max_over_time: overTime(max),
  min_over_time: overTime(min),
  // === last_over_time(v range-vector) instant-vector ===
  // Like an offset, it keeps the metric name.
  last_over_time: overTime((w) => w.f[w.f.length - 1] as number, true),
  // === first_over_time(v range-vector) instant-vector ===
  first_over_time: overTime((w) => w.f[0] as number, true),
  // === present_over_time(v range-vector) instant-vector ===
  present_over_time: overTime(() => 1),
  // === stddev_over_time(v range-vector) instant-vector ===
  stddev_over_time: overTime((w) => Math.sqrt(variance(w))),
  // === stdvar_over_time(v range-vector) instant-vector ===
  stdvar_over_time: overTime(variance),
  quantile_over_time: quantileOverTime,
  mad_over_time: overTime(mad),
  ts_of_max_over_time: overTime(tsOfMax),
  ts_of_min_over_time: overTime(tsOfMin),
  // === ts_of_first_over_time(v range-vector) instant-vector ===
  ts_of_first_over_time: overTime((w) => (w.t[0] as number) / 1000),
  // === ts_of_last_over_time(v range-vector) instant-vector ===
  ts_of_last_over_time: overTime((w) => (w.t[w.t.length - 1] as number) / 1000),
  changes: overTime(changes),
  resets: overTime(resets),
};
