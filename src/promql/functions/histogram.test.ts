import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './registry.js';
import {
  almostEqual,
  bucketFraction,
  bucketQuantile,
  formatOpenMetricsFloat,
  type Bucket,
} from './buckets.js';
import { context, labels, sample } from './testing.case.js';
import type { InstantFunction } from './types.js';
import type { Sample } from '../value.js';

function instant(name: string): InstantFunction {
  const impl = FUNCTIONS[name];
  if (impl?.kind !== 'instant') throw new Error(`${name} is not an instant function`);
  return impl;
}

/** Equal for NaN and infinities, close to 12 digits otherwise. */
function expectFloat(actual: number | undefined, expected: number): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) expect(actual).toBe(expected);
  else expect(actual).toBeCloseTo(expected, 12);
}

/** Buckets from `[le, count]` pairs. */
function buckets(...pairs: [number, number][]): Bucket[] {
  return pairs.map(([upperBound, count]) => ({ upperBound, count }));
}

/** Bucket series `x_bucket{job, le}` from `[le, count]` pairs. */
function bucketSeries(job: string, ...pairs: [string, number][]): Sample[] {
  return pairs.map(([le, count]) => sample({ __name__: 'x_bucket', job, le }, count));
}

// 10 observations <= 1, 20 <= 2, 40 <= 4, none above.
const STANDARD: [number, number][] = [
  [1, 10],
  [2, 20],
  [4, 40],
  [Infinity, 40],
];

describe('bucketQuantile', () => {
  const cases: [string, number, [number, number][], number][] = [
    ['a rank on a bucket boundary', 0.25, STANDARD, 1],
    ['interpolation inside a bucket', 0.3, STANDARD, 1.2],
    ['the median', 0.5, STANDARD, 2],
    ['near the top', 0.99, STANDARD, 3.96],
    ['φ = 1 in the highest finite bucket', 1, STANDARD, 4],
    ['φ = 0 is the lower edge of the first bucket', 0, STANDARD, 0],
    [
      'a rank in the +Inf bucket: the highest finite bound',
      0.9,
      [
        [1, 10],
        [2, 20],
        [Infinity, 40],
      ],
      2,
    ],
    [
      'unsorted input',
      0.5,
      [
        [Infinity, 40],
        [4, 40],
        [1, 10],
        [2, 20],
      ],
      2,
    ],
    [
      'duplicate bounds are added up',
      0.5,
      [
        [1, 5],
        [1, 5],
        [2, 20],
        [Infinity, 20],
      ],
      1,
    ],
    [
      'a lowest bound <= 0 is returned as is',
      0.1,
      [
        [-1, 5],
        [0, 10],
        [Infinity, 10],
      ],
      -1,
    ],
    [
      'no +Inf bucket',
      0.5,
      [
        [1, 10],
        [2, 20],
      ],
      NaN,
    ],
    ['only the +Inf bucket', 0.5, [[Infinity, 10]], NaN],
    [
      'no observations',
      0.5,
      [
        [1, 0],
        [Infinity, 0],
      ],
      NaN,
    ],
    ['φ < 0, checked before the +Inf bucket', -0.1, [[1, 10]], -Infinity],
    ['φ > 1', 1.1, STANDARD, Infinity],
    ['φ NaN', NaN, STANDARD, NaN],
  ];
  it.each(cases)('%s', (_name, q, pairs, expected) => {
    expectFloat(bucketQuantile(q, buckets(...pairs)).quantile, expected);
  });

  it('forces decreasing counts up to the previous count and reports the fix', () => {
    const r = bucketQuantile(0.5, buckets([1, 10], [2, 8], [4, 20], [8, 15], [Infinity, 20]));
    // After the fix: 10, 10, 20, 20, 20; rank 10 is reached at le=1.
    expect(r.quantile).toBe(1);
    expect(r).toMatchObject({ forcedMonotonic: true, minBucket: 2, maxBucket: 8, maxDiff: 5 });
  });

  it('evens out differences that are float noise, silently', () => {
    const r = bucketQuantile(0.5, buckets([1, 1e15], [2, 1e15 - 1], [Infinity, 1e15]));
    expect(r).toMatchObject({ forcedMonotonic: false, fixedPrecision: true });
    expect(r.quantile).toBe(0.5);
  });
});

describe('almostEqual', () => {
  it.each([
    [1, 1 + 1e-13, true],
    [1, 1 + 1e-11, false],
    [0, 1e-320, true], // within epsilon × the smallest normal
    [0, 1e-300, false],
    [NaN, NaN, true],
    [NaN, 1, false],
    [Infinity, Infinity, true],
  ])('%s ≈ %s: %s', (a, b, expected) => {
    expect(almostEqual(a, b, 1e-12)).toBe(expected);
  });
});

describe('bucketFraction', () => {
  const cases: [number, number, [number, number][], number][] = [
    [0, 2, STANDARD, 0.5],
    [1.5, 3, STANDARD, 0.375], // ranks 15 and 30 of 40
    [-Infinity, Infinity, STANDARD, 1],
    [4, Infinity, STANDARD, 0],
    [2, 2, STANDARD, 0],
    [3, 1, STANDARD, 0],
    [NaN, 1, STANDARD, NaN],
    [0, 1, [[1, 10]], NaN], // no +Inf bucket
    [
      0,
      1,
      [
        [1, 0],
        [Infinity, 0],
      ],
      NaN,
    ],
    // A first bound <= 0 means the first bucket reaches down to -Inf. Nothing is
    // interpolated inside it: a bound that falls in it stands for the whole bucket's count.
    [
      -5,
      0.5,
      [
        [0, 10],
        [1, 20],
        [Infinity, 20],
      ],
      0.25,
    ],
    [
      -5,
      -1,
      [
        [0, 10],
        [1, 20],
        [Infinity, 20],
      ],
      0,
    ],
    [
      -Infinity,
      0.5,
      [
        [0, 10],
        [1, 20],
        [Infinity, 20],
      ],
      0.75,
    ],
  ];
  it.each(cases)('fraction in [%s, %s] of %j = %s', (lower, upper, pairs, expected) => {
    expectFloat(bucketFraction(lower, upper, buckets(...pairs)), expected);
  });
});

describe('histogram_quantile', () => {
  it('groups the buckets by their labels without le', () => {
    const input = [
      ...bucketSeries('a', ['1', 10], ['2', 20], ['+Inf', 20]),
      ...bucketSeries('b', ['1', 0], ['2', 10], ['+Inf', 10]),
    ];
    const ctx = context('histogram_quantile', 2, { ts: 1000 });
    const out = instant('histogram_quantile').call([0.5, input], ctx);
    expect(out).toEqual<Sample[]>([
      { labels: labels({ __name__: 'x_bucket', job: 'a' }), t: 1000, f: 1, dropName: true },
      { labels: labels({ __name__: 'x_bucket', job: 'b' }), t: 1000, f: 1.5, dropName: true },
    ]);
    expect(ctx.annotations.list()).toEqual([]);
  });

  it('accepts le in any of Go’s float spellings', () => {
    const input = bucketSeries('a', ['1.0', 10], ['2e0', 20], ['Inf', 20]);
    expect(
      instant('histogram_quantile').call([0.75, input], context('histogram_quantile', 2))[0]?.f,
    ).toBe(1.5);
  });

  it('warns about φ outside [0, 1] at the φ argument', () => {
    const ctx = context('histogram_quantile', 2);
    const out = instant('histogram_quantile').call(
      [2, bucketSeries('a', ['1', 1], ['+Inf', 1])],
      ctx,
    );
    expect(out[0]?.f).toBe(Infinity);
    expect(ctx.annotations.list()).toEqual([
      {
        kind: 'warning',
        message: 'quantile value should be between 0 and 1, got 2',
        pos: { start: 10, end: 11 },
      },
    ]);
  });

  it.each([
    ['a missing le', { __name__: 'x_bucket' }, '""'],
    ['a malformed le', { __name__: 'x_bucket', le: 'Hello World' }, '"Hello World"'],
    ['an le out of float range', { __name__: 'x_bucket', le: '1e999' }, '"1e999"'],
  ])('skips a sample with %s and warns at the vector argument', (_name, record, quoted) => {
    const ctx = context('histogram_quantile', 2);
    const input = [sample(record, 1), ...bucketSeries('a', ['1', 1], ['+Inf', 2])];
    const out = instant('histogram_quantile').call([0.5, input], ctx);
    expect(out.map((s) => s.f)).toEqual([1]);
    expect(ctx.annotations.list()).toEqual([
      {
        kind: 'warning',
        message: `bucket label "le" is missing or has a malformed value of ${quoted} for metric name "x_bucket"`,
        pos: { start: 20, end: 21 },
      },
    ]);
  });

  it('leaves the metric name out of annotations without delayed name removal', () => {
    const ctx = context('histogram_quantile', 2, { delayedNameRemoval: false });
    instant('histogram_quantile').call([0.5, [sample({ __name__: 'x_bucket', le: 'x' }, 1)]], ctx);
    expect(ctx.annotations.list()[0]?.message).toBe(
      'bucket label "le" is missing or has a malformed value of "x"',
    );
  });

  it('reports forced monotonicity as an info with Prometheus’s details', () => {
    const ctx = context('histogram_quantile', 2, { ts: 100_000 });
    const input = bucketSeries('a', ['1', 10], ['2', 8], ['4', 20], ['+Inf', 20]);
    const out = instant('histogram_quantile').call([0.5, input], ctx);
    expect(out[0]?.f).toBe(1);
    expect(ctx.annotations.list()).toEqual([
      {
        kind: 'info',
        message:
          'input to histogram_quantile needed to be fixed for monotonicity ' +
          '(see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) ' +
          'for metric name "x_bucket", from buckets 2 to 2, with a max diff of 2, over 1 samples ' +
          'from 1970-01-01T00:01:40Z to 1970-01-01T00:01:40Z',
        pos: { start: 20, end: 21 },
      },
    ]);
  });

  it('merges the monotonicity infos of groups with the same name', () => {
    const ctx = context('histogram_quantile', 2, { ts: 0 });
    const input = [
      ...bucketSeries('a', ['1', 10], ['2', 8], ['+Inf', 20]),
      ...bucketSeries('b', ['1', 10], ['4', 10], ['8', 5], ['+Inf', 200]),
    ];
    instant('histogram_quantile').call([0.5, input], ctx);
    expect(
      ctx.annotations.list().map((a) => a.message.replace(/^.*for metric name "x_bucket", /, '')),
    ).toEqual([
      'from buckets 2 to 8, with a max diff of 5, over 2 samples from 1970-01-01T00:00:00Z to 1970-01-01T00:00:00Z',
    ]);
  });
});

describe('histogram_quantiles', () => {
  it('adds a label with each φ in OpenMetrics form', () => {
    const input = bucketSeries('a', ['1', 10], ['2', 20], ['4', 40], ['+Inf', 40]);
    const out = instant('histogram_quantiles').call(
      [input, 'q', 0.5, 1, 0.25],
      context('histogram_quantiles', 5),
    );
    expect(out.map((s) => [s.labels, s.f])).toEqual([
      [labels({ __name__: 'x_bucket', job: 'a', q: '0.5' }), 2],
      [labels({ __name__: 'x_bucket', job: 'a', q: '1.0' }), 4],
      [labels({ __name__: 'x_bucket', job: 'a', q: '0.25' }), 1],
    ]);
  });

  it('warns about each invalid φ at its own argument', () => {
    const ctx = context('histogram_quantiles', 4);
    instant('histogram_quantiles').call([bucketSeries('a', ['+Inf', 1]), 'q', -1, NaN], ctx);
    expect(ctx.annotations.list().map((a) => [a.message, a.pos?.start])).toEqual([
      ['quantile value should be between 0 and 1, got -1', 30],
      ['quantile value should be between 0 and 1, got NaN', 40],
    ]);
  });

  it('shares the fixed-up buckets between the φ values, as Prometheus does', () => {
    // Duplicate bounds: the first φ merges le=1 and le=1.0 into 20 in place; Prometheus's
    // slice keeps the stale +Inf entry, so the second φ sees +Inf counted twice (80).
    const input = bucketSeries('a', ['1', 10], ['1.0', 10], ['+Inf', 40]);
    const out = instant('histogram_quantiles').call(
      [input, 'q', 0.25, 0.1],
      context('histogram_quantiles', 4),
    );
    expect(out.map((s) => s.f)).toEqual([0.5, 0.4]);
  });
});

describe('histogram_fraction', () => {
  it('returns the fraction per histogram, name marked for dropping', () => {
    const input = bucketSeries('a', ['1', 10], ['2', 20], ['4', 40], ['+Inf', 40]);
    expect(
      instant('histogram_fraction').call(
        [0, 2, input],
        context('histogram_fraction', 3, { ts: 5 }),
      ),
    ).toEqual([
      { labels: labels({ __name__: 'x_bucket', job: 'a' }), t: 5, f: 0.5, dropName: true },
    ]);
  });

  it('warns about a bad le at the vector argument', () => {
    const ctx = context('histogram_fraction', 3);
    expect(instant('histogram_fraction').call([0, 1, [sample({ __name__: 's' }, 1)]], ctx)).toEqual(
      [],
    );
    expect(ctx.annotations.list()[0]?.pos).toEqual({ start: 30, end: 31 });
  });
});

describe('formatOpenMetricsFloat', () => {
  it.each([
    [0.5, '0.5'],
    [1, '1.0'],
    [0, '0.0'],
    [-0, '0.0'],
    [-1, '-1.0'],
    [100, '100.0'],
    [1e-5, '1e-05'],
    [1e6, '1e+06'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%s -> %s', (f, text) => {
    expect(formatOpenMetricsFloat(f)).toBe(text);
  });
});
