/**
 * Rates, deltas, regressions and smoothing over the float points of a window.
 *
 * Not supported (the window does not carry what they need): the `anchored` and `smoothed`
 * range modifiers, and start-timestamp counter-reset detection.
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import { getLabel, METRIC_NAME } from '../../model/labels.js';
import { possibleNonCounterInfo } from './annotations.js';
import { kahanInc } from './float.js';
import { goFixed } from './go-format.js';
import type { CallContext, FunctionImpl, RangeFunction, RangeWindow } from './types.js';

const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

/** rate and increase on a name that does not look like a counter get an info annotation. */
function warnIfNotCounter(window: RangeWindow, ctx: CallContext): void {
  const name = getLabel(window.labels, METRIC_NAME);
  if (name !== '' && !COUNTER_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    ctx.annotations.info(possibleNonCounterInfo(name), ctx.call.args[0]?.pos);
  }
}

/**
 * Prometheus's `extrapolatedRate`: the change between the first and last point (plus, for
 * counters, the value before every reset), extrapolated towards the window's edges.
 *
 * A series is assumed to continue to an edge when its first or last point is within 1.1 average
 * sample intervals of it; otherwise it is assumed to start or end half an interval beyond its
 * outermost point. A counter is never extrapolated below zero: if the line through the points
 * reaches zero before the window start, the extrapolation stops there.
 */
export function extrapolatedRate(
  window: RangeWindow,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const { t, f } = window;
  const n = f.length;
  if (n < 2) return undefined;
  const firstT = t[0] as number;
  const firstF = f[0] as number;
  const lastT = t[n - 1] as number;
  let result = (f[n - 1] as number) - firstF;
  if (isCounter) {
    for (let i = 1; i < n; i++) {
      const prev = f[i - 1] as number;
      if ((f[i] as number) < prev) result += prev;
    }
  }
  let durationToStart = (firstT - window.rangeStartMs) / 1000;
  let durationToEnd = (window.rangeEndMs - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageInterval = sampledInterval / (n - 1);
  const threshold = averageInterval * 1.1;

  if (durationToStart >= threshold) durationToStart = averageInterval / 2;
  if (isCounter) {
    // The zero point of the counter, extrapolated along the sampled slope.
    let durationToZero = durationToStart;
    if (result > 0 && firstF >= 0) durationToZero = sampledInterval * (firstF / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = averageInterval / 2;

  let factor = 1;
  if (sampledInterval !== 0)
    factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= (window.rangeEndMs - window.rangeStartMs) / 1000;
  return result * factor;
}

// === rate(v range-vector) instant-vector ===
const rate: RangeFunction = {
  kind: 'range',
  call(window, _scalars, ctx) {
    const value = extrapolatedRate(window, true, true);
    if (value !== undefined) warnIfNotCounter(window, ctx);
    return value;
  },
};

// === increase(v range-vector) instant-vector ===
const increase: RangeFunction = {
  kind: 'range',
  call(window, _scalars, ctx) {
    const value = extrapolatedRate(window, true, false);
    if (value !== undefined) warnIfNotCounter(window, ctx);
    return value;
  },
};

// === delta(v range-vector) instant-vector ===
const delta: RangeFunction = {
  kind: 'range',
  call: (window) => extrapolatedRate(window, false, false),
};

/** irate and idelta: from the last two points only, without extrapolation. */
function instantValue(window: RangeWindow, isRate: boolean): number | undefined {
  const { t, f } = window;
  const n = f.length;
  if (n < 2) return undefined;
  const interval = (t[n - 1] as number) - (t[n - 2] as number);
  if (interval === 0) return undefined;
  const prevF = f[n - 2] as number;
  const lastF = f[n - 1] as number;
  // After a counter reset the counter restarted from zero, so its last value is the increase.
  let result = isRate && lastF < prevF ? lastF : lastF - prevF;
  if (isRate) result /= interval / 1000;
  return result;
}

// === irate(v range-vector) instant-vector ===
const irate: RangeFunction = { kind: 'range', call: (window) => instantValue(window, true) };

// === idelta(v range-vector) instant-vector ===
const idelta: RangeFunction = { kind: 'range', call: (window) => instantValue(window, false) };

/**
 * Least-squares regression over at least one point (times `t` in ms, values `f`), with x in
 * seconds relative to `interceptMs`. Returns the slope and the value at `interceptMs`. A
 * constant series has slope 0, or NaN if the constant is infinite. Kahan sums keep the result
 * stable for large timestamps.
 */
export function linearRegression(
  t: Float64Array,
  f: Float64Array,
  interceptMs: number,
): [slope: number, intercept: number] {
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = f[0] as number;
  let constY = true;
  for (let i = 0; i < f.length; i++) {
    const y = f[i] as number;
    if (constY && i > 0 && y !== initY) constY = false;
    n += 1;
    const x = ((t[i] as number) - interceptMs) / 1e3;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(y, sumY, cY);
    [sumXY, cXY] = kahanInc(x * y, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  }
  if (constY) {
    if (initY === Infinity || initY === -Infinity) return [NaN, NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

// === deriv(v range-vector) instant-vector ===
// The intercept is taken at the first point's time, near the data, to keep x small (#2674).
const deriv: RangeFunction = {
  kind: 'range',
  call(window) {
    if (window.f.length < 2) return undefined;
    return linearRegression(window.t, window.f, window.t[0] as number)[0];
  },
};

// === predict_linear(v range-vector, t scalar) instant-vector ===
// The value the regression line reaches t seconds after the evaluation time.
const predictLinear: RangeFunction = {
  kind: 'range',
  call(window, scalars, ctx) {
    if (window.f.length < 2) return undefined;
    const [slope, intercept] = linearRegression(window.t, window.f, ctx.ts);
    return slope * (scalars[0] ?? NaN) + intercept;
  },
};

// === double_exponential_smoothing(v range-vector, sf scalar, tf scalar) instant-vector ===
// Holt's linear smoothing; the smoothed value at the last point. Invalid factors fail the query
// (NaN passes the check, as in Prometheus, and yields NaN).
const doubleExponentialSmoothing: RangeFunction = {
  kind: 'range',
  call(window, scalars) {
    if (window.f.length === 0) return undefined;
    const sf = scalars[0] ?? NaN;
    const tf = scalars[1] ?? NaN;
    if (sf <= 0 || sf >= 1) {
      throw new QueryError(
        `invalid smoothing factor. Expected: 0 < sf < 1, got: ${goFixed(sf, 6)}`,
      );
    }
    if (tf <= 0 || tf >= 1) {
      throw new QueryError(`invalid trend factor. Expected: 0 < tf < 1, got: ${goFixed(tf, 6)}`);
    }
    const f = window.f;
    if (f.length < 2) return undefined;
    let s0 = 0;
    let s1 = f[0] as number;
    let trend = (f[1] as number) - (f[0] as number);
    for (let i = 1; i < f.length; i++) {
      const x = sf * (f[i] as number);
      // The first step keeps the initial trend; later ones blend the last smoothed change.
      if (i > 1) trend = tf * (s1 - s0) + (1 - tf) * trend;
      const y = (1 - sf) * (s1 + trend);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  },
};

export const RATE_FUNCTIONS: Readonly<Record<string, FunctionImpl>> = {
  rate,
  increase,
  delta,
  irate,
  idelta,
  deriv,
  predict_linear: predictLinear,
  double_exponential_smoothing: doubleExponentialSmoothing,
};
