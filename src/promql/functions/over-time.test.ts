import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './registry.js';
import { context, every10s, window } from './testing.case.js';
import type { RangeFunction, RangeWindow } from './types.js';

function range(name: string): RangeFunction {
  const impl = FUNCTIONS[name];
  if (impl?.kind !== 'range') throw new Error(`${name} is not a range function`);
  return impl;
}

function over(name: string, w: RangeWindow, ...scalars: number[]): number | undefined {
  return range(name).call(w, scalars, context(name, scalars.length + 1));
}

describe('aggregations over time', () => {
  const cases: [string, number[], number][] = [
    ['avg_over_time', [1, 2, 3, 4], 2.5],
    // Kahan summation keeps the two 1s that plain summation loses next to 1e16.
    ['avg_over_time', [1e16, 1, 1, -1e16], 0.5],
    // The sum overflows, so the mean is computed incrementally and stays finite.
    ['avg_over_time', [1.7e308, 1.7e308], 1.7e308],
    ['avg_over_time', [-1.7e308, -1.7e308, -1.7e308], -1.7e308],
    ['avg_over_time', [Infinity, 1], Infinity],
    ['avg_over_time', [Infinity, -Infinity], NaN],
    ['avg_over_time', [5], 5],
    ['sum_over_time', [1, 2, 3, 4], 10],
    ['sum_over_time', [1e16, 1, 1, -1e16], 2],
    ['sum_over_time', [1.7e308, 1.7e308], Infinity],
    ['sum_over_time', [Infinity, -Infinity], NaN],
    ['sum_over_time', [NaN, 1], NaN],
    ['count_over_time', [1, NaN, 3], 3],
    ['present_over_time', [NaN], 1],
    ['last_over_time', [1, 2, 3], 3],
    ['first_over_time', [1, 2, 3], 1],
    ['max_over_time', [1, 3, 2], 3],
    ['max_over_time', [NaN, 1, 3], 3], // a NaN start is replaced by anything
    ['max_over_time', [3, NaN], 3],
    ['max_over_time', [NaN, NaN], NaN],
    ['min_over_time', [2, 1, 3], 1],
    ['min_over_time', [NaN, 2, 1], 1],
    ['min_over_time', [-Infinity, NaN], -Infinity],
    ['stdvar_over_time', [2, 4, 4, 4, 5, 5, 7, 9], 4],
    ['stddev_over_time', [2, 4, 4, 4, 5, 5, 7, 9], 2],
    ['stddev_over_time', [7], 0],
    ['stdvar_over_time', [1, NaN], NaN],
    ['mad_over_time', [1, 1, 2, 2, 4, 6, 9], 1],
    ['mad_over_time', [3], 0],
    ['mad_over_time', [1, NaN, 3], NaN],
    ['changes', [1, 1, 2, NaN, NaN, 3], 3], // NaN after NaN is no change
    ['changes', [5], 0],
    ['resets', [5, 3, 4, 1, 1], 2],
    ['resets', [1, NaN, 0], 0], // comparisons with NaN are false
  ];
  it.each(cases)('%s(%j) = %s', (name, values, expected) => {
    expect(over(name, every10s(...values))).toEqual(expected);
  });

  it('ts_of_*: the time of the first/last point and of the (last) extreme', () => {
    const w = window([
      [10, 2],
      [20, 1],
      [30, 3],
      [40, 1],
      [50, 3],
    ]);
    expect(over('ts_of_first_over_time', w)).toBe(10);
    expect(over('ts_of_last_over_time', w)).toBe(50);
    expect(over('ts_of_max_over_time', w)).toBe(50);
    expect(over('ts_of_min_over_time', w)).toBe(40);
    expect(over('ts_of_max_over_time', window([[1.5, 7]]))).toBe(1.5);
  });

  it('returns no value for an empty window', () => {
    for (const name of [
      'avg_over_time',
      'max_over_time',
      'changes',
      'ts_of_first_over_time',
      'last_over_time',
    ]) {
      expect(over(name, every10s())).toBeUndefined();
    }
  });

  it('keeps the metric name only for first_over_time and last_over_time', () => {
    const keeping = Object.entries(FUNCTIONS)
      .filter(([, impl]) => impl.kind === 'range' && impl.keepsName === true)
      .map(([name]) => name)
      .sort();
    expect(keeping).toEqual(['first_over_time', 'last_over_time']);
  });
});

describe('quantile_over_time', () => {
  const cases: [number, number[], number][] = [
    [0.5, [1, 2, 3, 4], 2.5],
    [0.75, [4, 3, 2, 1], 3.25],
    [0, [3, 1, 2], 1],
    [1, [3, 1, 2], 3],
    [0.5, [7], 7],
    // NaN sorts below every number.
    [0, [1, NaN, 2], NaN],
    [1, [1, NaN, 2], 2],
  ];
  it.each(cases)('quantile_over_time(%s, %j) = %s', (q, values, expected) => {
    const ctx = context('quantile_over_time', 2);
    expect(range('quantile_over_time').call(every10s(...values), [q], ctx)).toEqual(expected);
    expect(ctx.annotations.list()).toEqual([]);
  });

  it('sorts a copy: the window, a view into the engine’s arrays, keeps its order', () => {
    const q = every10s(3, NaN, 1, 2);
    expect(over('quantile_over_time', q, 0.5)).toBe(1.5);
    expect(Array.from(q.f)).toEqual([3, NaN, 1, 2]);
    const m = every10s(3, 1, 2);
    expect(over('mad_over_time', m)).toBe(1);
    expect(Array.from(m.f)).toEqual([3, 1, 2]);
  });

  it.each([
    [-1, -Infinity, 'got -1'],
    [1.5, Infinity, 'got 1.5'],
    [NaN, NaN, 'got NaN'],
  ])('φ = %s gives %s and a warning at φ', (q, expected, got) => {
    const ctx = context('quantile_over_time', 2);
    expect(range('quantile_over_time').call(every10s(1, 2), [q], ctx)).toEqual(expected);
    expect(ctx.annotations.list()).toEqual([
      {
        kind: 'warning',
        message: `quantile value should be between 0 and 1, ${got}`,
        pos: { start: 10, end: 11 },
      },
    ]);
  });
});
