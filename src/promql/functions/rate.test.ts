import { describe, expect, it } from 'vitest';
import { QueryError } from '../../errors.js';
import { FUNCTIONS } from './registry.js';
import { context, every10s, window } from './testing.case.js';
import type { RangeFunction, RangeWindow } from './types.js';

function range(name: string): RangeFunction {
  const impl = FUNCTIONS[name];
  if (impl?.kind !== 'range') throw new Error(`${name} is not a range function`);
  return impl;
}

function call(
  name: string,
  w: RangeWindow,
  scalars: number[] = [],
  ts = 60_000,
): number | undefined {
  return range(name).call(w, scalars, context(name, scalars.length + 1, { ts }));
}

// All windows are (0 s, 60 s] unless noted; `every10s` puts points at 10 s, 20 s, ...
describe('rate, increase, delta: extrapolation', () => {
  const cases: [string, RangeWindow, { increase: number; rate: number; delta: number }][] = [
    [
      // Points 10 s from both edges, within 1.1 intervals: extrapolate all the way,
      // 40 × 60/40. The zero point (10 s before the first point) is not closer.
      'a steady counter',
      every10s(10, 20, 30, 40, 50),
      { increase: 60, rate: 1, delta: 60 },
    ],
    [
      // The counter would reach zero 1 s before its first point, so a counter is extrapolated
      // only that far: 40 × (40 + 1 + 10)/40. delta does not know about counters.
      'a counter that started just before the window',
      every10s(1, 11, 21, 31, 41),
      { increase: 51, rate: 0.85, delta: 60 },
    ],
    [
      // First point 30 s after the start (> 1.1 × 10 s): the series is assumed to start half
      // an interval (5 s) earlier; a counter at 0 stops at its zero point right there.
      'a series that starts inside the window',
      window([
        [30, 0],
        [40, 10],
        [50, 20],
      ]),
      { increase: 30, rate: 0.5, delta: 35 },
    ],
    [
      // The reset from 20 to 5 adds 20: 15 + 20 = 35, then 35 × 60/40.
      'a counter reset',
      every10s(10, 20, 5, 15, 25),
      { increase: 52.5, rate: 0.875, delta: 22.5 },
    ],
    [
      // Last point 40 s before the end: extrapolated half an interval (5 s) past it.
      'a series that ends inside the window',
      window([
        [10, 1],
        [20, 2],
      ]),
      { increase: 2.5, rate: 2.5 / 60, delta: 2.5 },
    ],
    [
      // A negative first value has no zero point to stop at.
      'a counter with a negative start',
      every10s(-10, 0, 10, 20, 30),
      { increase: 60, rate: 1, delta: 60 },
    ],
  ];
  it.each(cases)('%s', (_name, w, expected) => {
    expect(call('increase', w)).toBeCloseTo(expected.increase, 12);
    expect(call('rate', w)).toBeCloseTo(expected.rate, 12);
    expect(call('delta', w)).toBeCloseTo(expected.delta, 12);
  });

  it('divides the rate by the range, not by the sampled interval', () => {
    // (0 s, 120 s] with points every 10 s from 10 s to 110 s: increase 100 × 120/100.
    const w = window(
      Array.from({ length: 11 }, (_, i) => [10 * (i + 1), 10 * (i + 1)] as const),
      [0, 120],
    );
    expect(call('increase', w)).toBeCloseTo(120, 12);
    expect(call('rate', w)).toBeCloseTo(1, 12);
  });

  it('needs two points', () => {
    for (const name of ['rate', 'increase', 'delta', 'irate', 'idelta', 'deriv']) {
      expect(call(name, every10s(5))).toBeUndefined();
      expect(call(name, every10s())).toBeUndefined();
    }
  });

  it('propagates NaN and Inf', () => {
    // Only the first and last points count: 4 × 60/40.
    expect(call('delta', every10s(1, NaN, 3, 4, 5))).toBeCloseTo(6, 12);
    expect(call('rate', every10s(1, Infinity))).toBe(Infinity);
    expect(call('delta', every10s(NaN, 1))).toBeNaN();
  });
});

describe('the non-counter info of rate and increase', () => {
  const info = (name: string) => ({
    kind: 'info',
    message: `metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "${name}"`,
    pos: { start: 10, end: 11 },
  });

  it.each([
    ['rate', 'requests', [info('requests')]],
    ['increase', 'requests', [info('requests')]],
    ['rate', 'requests_total', []],
    ['rate', 'latency_sum', []],
    ['rate', 'latency_count', []],
    ['rate', 'latency_bucket', []],
    ['delta', 'requests', []],
    ['irate', 'requests', []],
  ])('%s over %s', (name, metric, expected) => {
    const ctx = context(name, 1);
    range(name).call(
      window(
        [
          [10, 1],
          [20, 2],
        ],
        [0, 60],
        { __name__: metric },
      ),
      [],
      ctx,
    );
    expect(ctx.annotations.list()).toEqual(expected);
  });

  it('is not given for a series without a name or without a result', () => {
    const ctx = context('rate', 1);
    range('rate').call(
      window(
        [
          [10, 1],
          [20, 2],
        ],
        [0, 60],
        { job: 'a' },
      ),
      [],
      ctx,
    );
    range('rate').call(window([[10, 1]], [0, 60], { __name__: 'requests' }), [], ctx);
    expect(ctx.annotations.list()).toEqual([]);
  });
});

describe('irate and idelta', () => {
  it.each([
    ['irate', [10, 20, 40], 2], // (40 - 20) / 10 s
    ['irate', [10, 40, 5], 0.5], // reset: the counter restarted from 0, so 5 / 10 s
    ['idelta', [10, 40, 5], -35],
    ['idelta', [1, 2], 1],
    ['irate', [1, NaN], NaN],
  ])('%s(%j) = %s', (name, values, expected) => {
    expect(call(name, every10s(...values))).toEqual(expected);
  });

  it('uses the time between the last two points', () => {
    const w = window([
      [10, 0],
      [55, 10],
      [59.5, 19],
    ]);
    expect(call('irate', w)).toBeCloseTo(2, 12);
  });
});

describe('deriv and predict_linear', () => {
  it('deriv is the least-squares slope per second', () => {
    expect(call('deriv', every10s(0, 10, 20))).toBeCloseTo(1, 12);
    expect(call('deriv', every10s(0, 20, 10))).toBeCloseTo(0.5, 12);
    expect(call('deriv', every10s(5, 5, 5))).toBe(0);
    expect(call('deriv', every10s(Infinity, Infinity))).toBeNaN();
    expect(call('deriv', every10s(1, NaN, 3))).toBeNaN();
  });

  it('deriv stays exact at realistic timestamps', () => {
    // 1.7e12 ms: x relative to the first point keeps the sums small.
    const base = 1_700_000_000;
    const w = window(
      Array.from({ length: 20 }, (_, i) => [base + 15 * i, 0.1 * 3 * i] as const),
      [base - 1, base + 300],
    );
    expect(call('deriv', w)).toBeCloseTo(0.02, 14);
  });

  it('predict_linear extrapolates t seconds past the evaluation time', () => {
    // y = x (in seconds); at ts = 60 s the line is at 60, 10 s later at 70.
    expect(call('predict_linear', every10s(10, 20, 30), [10], 60_000)).toBeCloseTo(70, 12);
    expect(call('predict_linear', every10s(10, 20, 30), [0], 30_000)).toBeCloseTo(30, 12);
    expect(call('predict_linear', every10s(10, 20, 30), [-20], 30_000)).toBeCloseTo(10, 12);
    // A constant series predicts itself, whatever t.
    expect(call('predict_linear', every10s(4, 4), [3600])).toBe(4);
  });
});

describe('double_exponential_smoothing', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 0.5, 4],
    [[0, 10, 0, 10], 0.5, 0.5, 12.5],
    [[0, 10, 0, 10], 0.1, 0.9, 24.58],
  ])('(%j, sf %s, tf %s) = %s', (values, sf, tf, expected) => {
    expect(call('double_exponential_smoothing', every10s(...values), [sf, tf])).toBeCloseTo(
      expected,
      4,
    );
  });

  it('needs two points, but checks the factors first', () => {
    expect(call('double_exponential_smoothing', every10s(1), [0.5, 0.5])).toBeUndefined();
    expect(() => call('double_exponential_smoothing', every10s(1), [1, 0.5])).toThrow(QueryError);
  });

  it('rejects factors outside (0, 1) with Prometheus’s message', () => {
    expect(() => call('double_exponential_smoothing', every10s(1, 2), [1, 0.5])).toThrow(
      'invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000',
    );
    expect(() => call('double_exponential_smoothing', every10s(1, 2), [0.5, 0])).toThrow(
      'invalid trend factor. Expected: 0 < tf < 1, got: 0.000000',
    );
    expect(() => call('double_exponential_smoothing', every10s(1, 2), [-0.25, 0.5])).toThrow(
      'got: -0.250000',
    );
  });

  it('lets NaN factors through, as Prometheus does, with a NaN result', () => {
    expect(call('double_exponential_smoothing', every10s(1, 2), [NaN, 0.5])).toBeNaN();
  });
});
