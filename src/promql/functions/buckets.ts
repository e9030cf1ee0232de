/**
 * Classic-histogram bucket arithmetic (Prometheus `promql/quantile.go`): the quantile and the
 * fraction of a list of cumulative buckets, after sorting them, merging equal bounds and
 * forcing the counts to be monotonic.
 *
 * @module
 */
import { formatFloat } from '../../exposition/float.js';

/** One cumulative bucket: `count` observations were <= `upperBound`. Mutable, as the sort and
 * the monotonicity fix work in place. */
export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * Relative differences between neighbouring bucket counts below this are taken as float noise
 * (as from query sharding) and evened out silently, in either direction.
 */
const SMALL_DELTA_TOLERANCE = 1e-12;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Prometheus's `almost.Equal`: within `epsilon` relative to the magnitudes; NaN equals NaN. */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** Go's `sort.Search`: the first i in [0, n) with pred(i), by bisection; n if none. */
function search(n: number, pred: (i: number) => boolean): number {
  let i = 0;
  let j = n;
  while (i < j) {
    const h = (i + j) >>> 1;
    if (!pred(h)) i = h + 1;
    else j = h;
  }
  return i;
}

function sortByBound(buckets: Bucket[]): void {
  // NaN bounds compare equal to everything, as in Go's comparison function.
  buckets.sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
}

/**
 * Merges neighbours with the same bound into the front of the (sorted) array and returns how
 * many buckets remain. Like Go's slice, the array keeps its length; entries past the returned
 * count are left as they were.
 */
function coalesce(buckets: Bucket[]): number {
  let last = { ...(buckets[0] as Bucket) };
  let i = 0;
  for (let k = 1; k < buckets.length; k++) {
    const b = buckets[k] as Bucket;
    if (b.upperBound === last.upperBound) {
      last.count += b.count;
    } else {
      buckets[i] = last;
      last = { ...b };
      i++;
    }
  }
  buckets[i] = last;
  return i + 1;
}

export interface MonotonicityResult {
  forcedMonotonic: boolean;
  fixedPrecision: boolean;
  /** Smallest and largest bound whose count was raised, and the largest raise. */
  minBucket: number;
  maxBucket: number;
  maxDiff: number;
}

/**
 * Makes the first `n` counts non-decreasing: counts within the tolerance of the previous one
 * are set to it, and any decrease is raised to the previous count (the "envelope").
 */
export function ensureMonotonic(
  buckets: Bucket[],
  n: number,
  tolerance: number,
): MonotonicityResult {
  const r: MonotonicityResult = {
    forcedMonotonic: false,
    fixedPrecision: false,
    minBucket: Infinity,
    maxBucket: -Infinity,
    maxDiff: 0,
  };
  let prev = (buckets[0] as Bucket).count;
  for (let i = 1; i < n; i++) {
    const b = buckets[i] as Bucket;
    const curr = b.count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, tolerance)) {
      b.count = prev;
      r.fixedPrecision = true;
      continue;
    }
    if (curr < prev) {
      b.count = prev;
      r.forcedMonotonic = true;
      if (b.upperBound < r.minBucket) r.minBucket = b.upperBound;
      if (b.upperBound > r.maxBucket) r.maxBucket = b.upperBound;
      if (prev - curr > r.maxDiff) r.maxDiff = prev - curr;
      continue;
    }
    prev = curr;
  }
  return r;
}

export interface BucketQuantileResult extends MonotonicityResult {
  quantile: number;
}

/**
 * The φ-quantile of the buckets (Prometheus `BucketQuantile`), interpolating linearly inside
 * the bucket that holds rank φ × count. The lowest bucket starts at 0 if its bound is positive
 * (and its bound is the answer otherwise); a quantile in the +Inf bucket is the next-highest
 * bound. NaN for φ NaN, no +Inf bucket, fewer than two buckets or no observations; -Inf for
 * φ < 0 and +Inf for φ > 1. Sorts and fixes `buckets` in place.
 */
export function bucketQuantile(q: number, buckets: Bucket[]): BucketQuantileResult {
  const none: MonotonicityResult = {
    forcedMonotonic: false,
    fixedPrecision: false,
    minBucket: 0,
    maxBucket: 0,
    maxDiff: 0,
  };
  if (Number.isNaN(q)) return { ...none, quantile: NaN };
  if (q < 0) return { ...none, quantile: -Infinity };
  if (q > 1) return { ...none, quantile: Infinity };
  sortByBound(buckets);
  if ((buckets[buckets.length - 1] as Bucket).upperBound !== Infinity)
    return { ...none, quantile: NaN };
  const n = coalesce(buckets);
  const fix = ensureMonotonic(buckets, n, SMALL_DELTA_TOLERANCE);
  const at = (i: number): Bucket => buckets[i] as Bucket;
  if (n < 2) return { ...fix, quantile: NaN };
  const observations = at(n - 1).count;
  if (observations === 0) return { ...fix, quantile: NaN };
  let rank = q * observations;
  const b = search(n - 1, (i) => at(i).count >= rank);
  if (b === n - 1) return { ...fix, quantile: at(n - 2).upperBound };
  if (b === 0 && at(0).upperBound <= 0) return { ...fix, quantile: at(0).upperBound };
  let bucketStart = 0;
  const bucketEnd = at(b).upperBound;
  let count = at(b).count;
  if (b > 0) {
    bucketStart = at(b - 1).upperBound;
    count -= at(b - 1).count;
    rank -= at(b - 1).count;
  }
  return { ...fix, quantile: bucketStart + (bucketEnd - bucketStart) * (rank / count) };
}

/**
 * The estimated fraction of observations in [lower, upper] (Prometheus `BucketFraction`),
 * interpolating linearly inside buckets. The lowest bucket starts at 0 if its bound is
 * positive, else at -Inf; nothing is interpolated inside a bucket with an infinite bound.
 * NaN without a +Inf bucket, without observations or for a NaN bound; 0 if lower >= upper.
 */
export function bucketFraction(lower: number, upper: number, buckets: Bucket[]): number {
  sortByBound(buckets);
  if ((buckets[buckets.length - 1] as Bucket).upperBound !== Infinity) return NaN;
  const n = coalesce(buckets);
  const count = (buckets[n - 1] as Bucket).count;
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;

  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  let lowerBound = (buckets[0] as Bucket).upperBound <= 0 ? -Infinity : 0;
  for (let i = 0; i < n; i++) {
    const b = buckets[i] as Bucket;
    if (i > 0) lowerBound = (buckets[i - 1] as Bucket).upperBound;
    const upperBound = b.upperBound;
    const interpolate = (v: number): number =>
      lowerBound === -Infinity
        ? b.count
        : rank + ((b.count - rank) * (v - lowerBound)) / (upperBound - lowerBound);

    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = interpolate(lower);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = interpolate(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = b.count;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}

/** Go's `labels.FormatOpenMetricsFloat`: shortest form, with `.0` added to integers. */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 1) return '1.0';
  if (f === 0) return '0.0';
  if (f === -1) return '-1.0';
  const s = formatFloat(f);
  return /[.eN]|Inf/.test(s) ? s : `${s}.0`;
}
