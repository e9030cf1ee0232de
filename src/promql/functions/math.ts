/**
 * Element-wise math on instant vectors: every output sample keeps its input's labels and is
 * marked to drop the metric name. Where Go's `math` composes a function differently from
 * JavaScript's (log2, log10, max, min), we compose it Go's way so that results agree to the bit.
 *
 * @module
 */
import { perSample, scalarArg, optionalScalarArg, scalarResult, vectorArg } from './args.js';
import { goMax, goMin } from './float.js';
import type { FunctionImpl, InstantFunction } from './types.js';
import type { Sample } from '../value.js';

const view = new DataView(new ArrayBuffer(8));

/** Go's `math.Frexp`: x = frac × 2^exp with |frac| in [0.5, 1); (x, 0) for 0, ±Inf and NaN. */
export function frexp(x: number): [frac: number, exp: number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  let y = x;
  if (Math.abs(y) < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first.
    y *= 2 ** 52;
    exp = -52;
  }
  view.setFloat64(0, y);
  const hi = view.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  // Set the biased exponent to 1022, i.e. a magnitude in [0.5, 1).
  view.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [view.getFloat64(0), exp];
}

/** Go's `math.Log2`: exact for powers of two, `ln(frac)/ln 2 + exp` otherwise. */
export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * Math.LOG2E + exp;
}

/** Go's `math.Log10`: `ln(x) × (1/ln 10)`, so log10(1000) is 2.9999999999999996 as in Go. */
export function goLog10(x: number): number {
  return Math.log(x) * Math.LOG10E;
}

/** `sgn`: -1, 1, or the value itself for ±0 and NaN. */
function sgn(v: number): number {
  if (v < 0) return -1;
  if (v > 0) return 1;
  return v;
}

// === abs ceil floor exp sqrt ln log2 log10 sgn deg rad (v instant-vector) instant-vector ===
// === sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh (v instant-vector) instant-vector ===
const UNARY: Readonly<Record<string, (v: number) => number>> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: goLog2,
  log10: goLog10,
  sgn,
  // Multiply before dividing, as Prometheus does, for the same rounding.
  deg: (v) => (v * 180) / Math.PI,
  rad: (v) => (v * Math.PI) / 180,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
};

/** Clamps each sample to [min, max]; no output at all when max < min. */
function clamp(
  args: Parameters<InstantFunction['call']>[0],
  min: number,
  max: number,
  ts: number,
): Sample[] {
  if (max < min) return [];
  return vectorArg(args, 0).map((s) => ({
    labels: s.labels,
    t: ts,
    f: goMax(min, goMin(max, s.f)),
    dropName: true,
  }));
}

// === clamp(v instant-vector, min scalar, max scalar) instant-vector ===
const clampFn: InstantFunction = {
  kind: 'instant',
  call: (args, ctx) => clamp(args, scalarArg(args, 1), scalarArg(args, 2), ctx.ts),
};

// === clamp_max(v instant-vector, max scalar) instant-vector ===
const clampMax: InstantFunction = {
  kind: 'instant',
  call: (args, ctx) => clamp(args, -Infinity, scalarArg(args, 1), ctx.ts),
};

// === clamp_min(v instant-vector, min scalar) instant-vector ===
const clampMin: InstantFunction = {
  kind: 'instant',
  call: (args, ctx) => clamp(args, scalarArg(args, 1), Infinity, ctx.ts),
};

// === round(v instant-vector, to_nearest=1 scalar) instant-vector ===
// Ties round up. Dividing by the inverse, as Prometheus does, keeps round(x, 0.1) free of
// the representation error that multiplying by 0.1 would add.
const round = perSample((f, args) => {
  const inverse = 1 / (optionalScalarArg(args, 1) ?? 1);
  return Math.floor(f * inverse + 0.5) / inverse;
});

// === pi() scalar ===
const pi: InstantFunction = { kind: 'instant', call: (_args, ctx) => scalarResult(Math.PI, ctx) };

export const MATH_FUNCTIONS: Readonly<Record<string, FunctionImpl>> = {
  ...Object.fromEntries(Object.entries(UNARY).map(([name, fn]) => [name, perSample(fn)])),
  clamp: clampFn,
  clamp_max: clampMax,
  clamp_min: clampMin,
  round,
  pi,
};
