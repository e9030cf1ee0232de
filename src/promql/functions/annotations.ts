/**
 * The annotation texts the functions emit, word for word as Prometheus's
 * `util/annotations/annotations.go` builds them, without the `PromQL warning: ` prefix and the
 * position suffix (the runner adds those).
 *
 * @module
 */
import { goG, goQuote, rfc3339 } from './go-format.js';

/** ` for metric name "x"`, or nothing when the name is unknown. */
function forMetricName(metricName: string): string {
  return metricName === '' ? '' : ` for metric name ${goQuote(metricName)}`;
}

/** Warning: φ outside [0, 1] or NaN (quantile_over_time, histogram_quantile). */
export function invalidQuantileWarning(q: number): string {
  return `quantile value should be between 0 and 1, got ${goG(q)}`;
}

/** Warning: a classic-histogram bucket whose `le` label is missing or not a float. */
export function badBucketLabelWarning(metricName: string, le: string): string {
  return `bucket label "le" is missing or has a malformed value of ${goQuote(le)}${forMetricName(metricName)}`;
}

/** Info: rate/increase over a name that does not look like a counter. */
export function possibleNonCounterInfo(metricName: string): string {
  return `metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(metricName)}`;
}

/** The details Prometheus appends to the forced-monotonicity info; merged over samples. */
export interface MonotonicityFix {
  minTs: number;
  maxTs: number;
  minBucket: number;
  maxBucket: number;
  maxDiff: number;
  /** How many (group, step) samples were fixed. */
  count: number;
}

/** Info: histogram_quantile had to make classic bucket counts monotonic. */
export function forcedMonotonicityInfo(metricName: string, fix: MonotonicityFix): string {
  return (
    'input to histogram_quantile needed to be fixed for monotonicity ' +
    '(see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)' +
    `${forMetricName(metricName)}, from buckets ${goG(fix.minBucket)} to ${goG(fix.maxBucket)}, ` +
    `with a max diff of ${goG(fix.maxDiff, 2)}, over ${fix.count} samples ` +
    `from ${rfc3339(fix.minTs)} to ${rfc3339(fix.maxTs)}`
  );
}
