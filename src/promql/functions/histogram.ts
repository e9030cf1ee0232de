/**
 * Quantiles and fractions of classic histograms: series that differ only in their `le` label
 * are the cumulative buckets of one histogram. Native histograms do not exist in drygate, so the
 * native-only functions (histogram_count, _sum, _avg, _stddev, _stdvar) are not here.
 *
 * @module
 */
import { getLabel, METRIC_NAME, type Labels } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import { parseFloatStrict } from '../../exposition/float.js';
import {
  badBucketLabelWarning,
  forcedMonotonicityInfo,
  invalidQuantileWarning,
  type MonotonicityFix,
} from './annotations.js';
import { scalarArg, stringArg, vectorArg } from './args.js';
import { formatOpenMetricsFloat, bucketFraction, bucketQuantile, type Bucket } from './buckets.js';
import type { Sample, Vector } from '../value.js';
import type { ArgValue, CallContext, FunctionImpl, InstantFunction } from './types.js';

const BUCKET_LABEL = 'le';

/** One histogram: its labels without `le`, and its buckets in input order. */
interface BucketGroup {
  readonly labels: Labels;
  readonly buckets: Bucket[];
}

/** Go's `strconv.ParseFloat` for an `le` value: decimal or Inf/NaN; out of range is an error. */
function parseBucketBound(text: string): number | undefined {
  const f = parseFloatStrict(text);
  // "1e999" parses to Infinity here but is a range error in Go; only the words mean infinity.
  if (f !== undefined && !Number.isFinite(f) && !Number.isNaN(f) && !/inf/i.test(text))
    return undefined;
  return f;
}

/**
 * Groups the samples into classic histograms (Prometheus `resetHistograms`), warning about each
 * sample whose `le` is missing or malformed. The metric name in that warning is known only
 * with delayed name removal.
 */
function groupBuckets(input: Vector, argIndex: number, ctx: CallContext): BucketGroup[] {
  const groups = new Map<string, BucketGroup>();
  for (const s of input) {
    const le = getLabel(s.labels, BUCKET_LABEL);
    const upperBound = parseBucketBound(le);
    if (upperBound === undefined) {
      const name = ctx.delayedNameRemoval === true ? getLabel(s.labels, METRIC_NAME) : '';
      ctx.annotations.warn(badBucketLabelWarning(name, le), ctx.call.args[argIndex]?.pos);
      continue;
    }
    const labels = s.labels.filter((l) => l.name !== BUCKET_LABEL);
    const key = labelsKey(labels);
    let group = groups.get(key);
    if (group === undefined) {
      group = { labels, buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upperBound, count: s.f });
  }
  return [...groups.values()];
}

function warnIfInvalidQuantile(q: number, argIndex: number, ctx: CallContext): void {
  if (Number.isNaN(q) || q < 0 || q > 1) {
    ctx.annotations.warn(invalidQuantileWarning(q), ctx.call.args[argIndex]?.pos);
  }
}

/**
 * Collects the monotonicity fixes of one call, merged by annotation text as Prometheus merges
 * them, and emits them when the call is done. (Prometheus also merges them across steps of a
 * range query; the annotation collector cannot, so a range query gets one per step.)
 */
class MonotonicityInfos {
  private readonly byName = new Map<string, MonotonicityFix>();

  add(metricName: string, ts: number, minBucket: number, maxBucket: number, maxDiff: number): void {
    const prev = this.byName.get(metricName);
    if (prev === undefined) {
      this.byName.set(metricName, {
        minTs: ts,
        maxTs: ts,
        minBucket,
        maxBucket,
        maxDiff,
        count: 1,
      });
      return;
    }
    prev.minBucket = Math.min(prev.minBucket, minBucket);
    prev.maxBucket = Math.max(prev.maxBucket, maxBucket);
    prev.maxDiff = Math.max(prev.maxDiff, maxDiff);
    prev.count++;
  }

  emit(argIndex: number, ctx: CallContext): void {
    for (const [name, fix] of this.byName) {
      ctx.annotations.info(forcedMonotonicityInfo(name, fix), ctx.call.args[argIndex]?.pos);
    }
  }
}

/**
 * Computes each φ of each histogram: one sample per histogram and φ. Buckets
 * are shared across the φ values, as in Prometheus, whose bucketQuantile sorts and fixes them
 * in place (this is visible only with duplicate `le` values).
 */
function histogramQuantiles(
  input: Vector,
  vectorIndex: number,
  qs: readonly { q: number; labels: (l: Labels) => Labels }[],
  ctx: CallContext,
): Sample[] {
  const groups = groupBuckets(input, vectorIndex, ctx);
  const infos = new MonotonicityInfos();
  const out: Sample[] = [];
  for (const { q, labels } of qs) {
    for (const group of groups) {
      if (group.buckets.length === 0) continue;
      const r = bucketQuantile(q, group.buckets);
      if (r.forcedMonotonic) {
        const name = ctx.delayedNameRemoval === true ? getLabel(group.labels, METRIC_NAME) : '';
        infos.add(name, ctx.ts, r.minBucket, r.maxBucket, r.maxDiff);
      }
      out.push({ labels: labels(group.labels), t: ctx.ts, f: r.quantile, dropName: true });
    }
  }
  infos.emit(vectorIndex, ctx);
  return out;
}

// === histogram_quantile(φ scalar, b instant-vector) instant-vector ===
// Interpolates linearly inside the bucket that holds rank φ × count. NaN without a +Inf bucket
// or observations; -Inf/+Inf for φ < 0 / φ > 1 (with a warning).
const histogramQuantile: InstantFunction = {
  kind: 'instant',
  call(args, ctx) {
    const q = scalarArg(args, 0);
    warnIfInvalidQuantile(q, 0, ctx);
    return histogramQuantiles(vectorArg(args, 1), 1, [{ q, labels: (l) => l }], ctx);
  },
};

// === histogram_quantiles(b instant-vector, label string, φ scalar, φs scalar...) instant-vector ===
// One output per histogram and φ, told apart by a label holding φ in OpenMetrics form.
const histogramQuantilesFn: InstantFunction = {
  kind: 'instant',
  call(args: readonly ArgValue[], ctx) {
    const label = stringArg(args, 1);
    const qs: { q: number; labels: (l: Labels) => Labels }[] = [];
    for (let i = 2; i < args.length; i++) {
      const q = scalarArg(args, i);
      warnIfInvalidQuantile(q, i, ctx);
      const value = formatOpenMetricsFloat(q);
      qs.push({ q, labels: (l) => withLabel(l, label, value) });
    }
    return histogramQuantiles(vectorArg(args, 0), 0, qs, ctx);
  },
};

/** The labels with `name` set to `value`, kept in name order. */
function withLabel(labels: Labels, name: string, value: string): Labels {
  const out = labels.filter((l) => l.name !== name);
  const at = out.findIndex((l) => l.name > name);
  out.splice(at < 0 ? out.length : at, 0, { name, value });
  return out;
}

// === histogram_fraction(lower scalar, upper scalar, b instant-vector) instant-vector ===
// The estimated fraction of observations in [lower, upper], interpolating linearly in buckets.
const histogramFraction: InstantFunction = {
  kind: 'instant',
  call(args, ctx) {
    const lower = scalarArg(args, 0);
    const upper = scalarArg(args, 1);
    return groupBuckets(vectorArg(args, 2), 2, ctx)
      .filter((g) => g.buckets.length > 0)
      .map((g) => ({
        labels: g.labels,
        t: ctx.ts,
        f: bucketFraction(lower, upper, g.buckets),
        dropName: true,
      }));
  },
};

export const HISTOGRAM_FUNCTIONS: Readonly<Record<string, FunctionImpl>> = {
  histogram_quantile: histogramQuantile,
  histogram_quantiles: histogramQuantilesFn,
  histogram_fraction: histogramFraction,
};
