import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './registry.js';
import { context, labels, sample } from './testing.case.js';
import { frexp, goLog10, goLog2 } from './math.js';
import type { ArgValue, InstantFunction } from './types.js';
import type { Sample } from '../value.js';

function instant(name: string): InstantFunction {
  const impl = FUNCTIONS[name];
  if (impl?.kind !== 'instant') throw new Error(`${name} is not an instant function`);
  return impl;
}

/** Applies `name` to one sample of value `f` (plus scalar arguments) and returns the values. */
function apply(name: string, values: number[], ...scalars: number[]): number[] {
  const args: ArgValue[] = [
    values.map((f, i) => sample({ __name__: 'm', i: String(i) }, f)),
    ...scalars,
  ];
  return instant(name)
    .call(args, context(name, args.length))
    .map((s) => s.f);
}

describe('element-wise math', () => {
  const cases: [string, number, number][] = [
    ['abs', -2.5, 2.5],
    ['ceil', 1.2, 2],
    ['ceil', -1.2, -1],
    ['floor', -1.2, -2],
    ['sqrt', 16, 4],
    ['sqrt', -1, NaN],
    ['exp', 0, 1],
    ['ln', 1, 0],
    ['ln', 0, -Infinity],
    ['ln', -1, NaN],
    ['log2', 8, 3],
    ['log2', 0.5, -1],
    ['log2', 10, 3.321928094887362],
    ['log10', 100, 2],
    // Go computes log10 as ln(x) × (1/ln 10), which misses 10^-1 by one ulp.
    ['log10', 0.1, -0.9999999999999999],
    ['log10', 1e15, 14.999999999999998],
    ['deg', Math.PI, 180],
    ['rad', 180, Math.PI],
    ['sin', 0, 0],
    ['cos', 0, 1],
    ['tan', 0, 0],
    ['asin', 1, Math.PI / 2],
    ['acos', 1, 0],
    ['atan', Infinity, Math.PI / 2],
    ['sinh', 0, 0],
    ['cosh', 0, 1],
    ['tanh', Infinity, 1],
    ['asinh', 0, 0],
    ['acosh', 1, 0],
    ['acosh', 0.5, NaN],
    ['atanh', 1, Infinity],
    ['sgn', -3, -1],
    ['sgn', 7, 1],
    ['sgn', NaN, NaN],
    ['abs', NaN, NaN],
  ];
  it.each(cases)('%s(%s) = %s', (name, input, expected) => {
    expect(apply(name, [input])).toEqual([expected]);
  });

  it('keeps -0 for sgn(-0), as Prometheus returns the value itself', () => {
    expect(Object.is(apply('sgn', [-0])[0], -0)).toBe(true);
  });

  it('keeps labels, marks the name for dropping and stamps the step time', () => {
    const ctx = context('abs', 1, { ts: 5000 });
    const out = instant('abs').call([[sample({ __name__: 'm', a: 'b' }, -1)]], ctx);
    expect(out).toEqual<Sample[]>([
      { labels: labels({ __name__: 'm', a: 'b' }), t: 5000, f: 1, dropName: true },
    ]);
  });

  it('returns nothing for an empty vector', () => {
    expect(apply('abs', [])).toEqual([]);
  });
});

describe('frexp and the Go log compositions', () => {
  it.each([
    [8, 0.5, 4],
    [10, 0.625, 4],
    [-3, -0.75, 2],
    [5e-324, 0.5, -1073],
    [0, 0, 0],
  ])('frexp(%s) = (%s, %s)', (x, frac, exp) => {
    expect(frexp(x)).toEqual([frac, exp]);
  });

  it('gives exact log2 for powers of two, even subnormal ones', () => {
    expect(goLog2(2 ** -1074)).toBe(-1074);
    expect(goLog2(2 ** 1023)).toBe(1023);
  });

  it('log10 of special values', () => {
    expect(goLog10(0)).toBe(-Infinity);
    expect(goLog10(Infinity)).toBe(Infinity);
    expect(goLog10(-1)).toBeNaN();
  });
});

describe('clamp, clamp_min, clamp_max', () => {
  it('clamps into [min, max]', () => {
    expect(apply('clamp', [-5, 5, 15, NaN], 0, 10)).toEqual([0, 5, 10, NaN]);
    expect(apply('clamp_min', [-5, 5], 0)).toEqual([0, 5]);
    expect(apply('clamp_max', [5, 15], 10)).toEqual([5, 10]);
  });

  it('returns nothing when max < min', () => {
    expect(apply('clamp', [1, 2], 10, 0)).toEqual([]);
  });

  it('lets an infinite bound win over NaN, as Go math.Max/Min do', () => {
    expect(apply('clamp_min', [NaN], Infinity)).toEqual([Infinity]);
    expect(apply('clamp_max', [NaN], -Infinity)).toEqual([-Infinity]);
    expect(apply('clamp', [NaN], -Infinity, Infinity)).toEqual([NaN]);
  });

  it('NaN bounds make NaN', () => {
    expect(apply('clamp', [1], NaN, 10)).toEqual([NaN]);
  });
});

describe('round', () => {
  const cases: [number, number | undefined, number][] = [
    [2.5, undefined, 3],
    [-2.5, undefined, -2], // ties round up, towards +Inf
    [2.4, undefined, 2],
    [1.234, 0.1, 1.2],
    [0.15, 0.1, 0.2],
    [5, 10, 10],
    [14, 10, 10],
    [-0.4, undefined, 0], // floor(0.1) is +0, not -0
    [NaN, undefined, NaN],
    [Infinity, undefined, Infinity],
  ];
  it.each(cases)('round(%s, %s) = %s', (f, toNearest, expected) => {
    const out = toNearest === undefined ? apply('round', [f]) : apply('round', [f], toNearest);
    expect(out).toEqual([expected]);
  });
});

describe('pi', () => {
  it('is a scalar with no labels', () => {
    expect(instant('pi').call([], context('pi', 0, { ts: 7 }))).toEqual([
      { labels: [], t: 7, f: Math.PI },
    ]);
  });
});
