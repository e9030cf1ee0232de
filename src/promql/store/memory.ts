/**
 * An in-memory series store: series keyed by their sorted label set, an inverted index from
 * label pair to series, samples in growable typed arrays, staleness markers as a flag array.
 *
 * @module
 */
import { InputError } from '../../errors.js';
import { compareLabels, findDuplicateName, type Labels, sortLabels } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import { compileMatcher, type CompiledMatcher, type Matcher } from '../../model/matcher.js';
import type { Queryable, SeriesData } from './types.js';

export class AppendError extends InputError {
  override name = 'AppendError';
}

class StoredSeries {
  readonly labels: Labels;
  t = new Float64Array(8);
  f = new Float64Array(8);
  stale = new Uint8Array(8);
  length = 0;

  constructor(labels: Labels) {
    this.labels = labels;
  }

  append(t: number, f: number, stale: boolean): void {
    if (this.length > 0) {
      const last = this.t[this.length - 1] as number;
      if (t < last)
        throw new AppendError(
          `out of order sample at ${t} ms (latest is ${last} ms) for ${describe(this.labels)}`,
        );
      if (t === last) {
        // Prometheus accepts an identical duplicate and rejects a different value.
        const same =
          this.stale[this.length - 1] === (stale ? 1 : 0) &&
          (stale || Object.is(this.f[this.length - 1], f));
        if (same) return;
        throw new AppendError(
          `duplicate sample for timestamp ${t} ms with a different value for ${describe(this.labels)}`,
        );
      }
    }
    if (this.length === this.t.length) this.grow();
    this.t[this.length] = t;
    this.f[this.length] = f;
    this.stale[this.length] = stale ? 1 : 0;
    this.length++;
  }

  /** Makes room for n more samples at once. */
  reserve(n: number): void {
    if (this.length + n <= this.t.length) return;
    const size = this.length + n;
    const t = new Float64Array(size);
    const f = new Float64Array(size);
    const stale = new Uint8Array(size);
    t.set(this.t.subarray(0, this.length));
    f.set(this.f.subarray(0, this.length));
    stale.set(this.stale.subarray(0, this.length));
    this.t = t;
    this.f = f;
    this.stale = stale;
  }

  /** Drops unused capacity. */
  trim(): void {
    if (this.length === this.t.length) return;
    this.t = this.t.slice(0, this.length);
    this.f = this.f.slice(0, this.length);
    this.stale = this.stale.slice(0, this.length);
  }

  private grow(): void {
    const size = this.t.length * 2;
    const t = new Float64Array(size);
    const f = new Float64Array(size);
    const stale = new Uint8Array(size);
    t.set(this.t);
    f.set(this.f);
    stale.set(this.stale);
    this.t = t;
    this.f = f;
    this.stale = stale;
  }

  /** The samples with mint <= t <= maxt, as views (no copy). */
  window(mint: number, maxt: number): SeriesData | undefined {
    const from = lowerBound(this.t, this.length, Math.ceil(mint));
    const to = lowerBound(this.t, this.length, Math.floor(maxt) + 1);
    if (from >= to) return undefined;
    return {
      labels: this.labels,
      t: this.t.subarray(from, to),
      f: this.f.subarray(from, to),
      stale: this.stale.subarray(from, to),
    };
  }
}

/** First index in a[0..n) with a[i] >= x. */
function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function describe(labels: Labels): string {
  return `{${labels.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
}

export class MemoryStore implements Queryable {
  private readonly series: StoredSeries[] = [];
  private readonly byKey = new Map<string, number>();
  // label name -> label value -> ids of series with that pair, ascending
  private readonly postings = new Map<string, Map<string, number[]>>();
  // The series a caller's label array names: callers append many samples with one array, and
  // label arrays are never changed, so the cleaning, sorting and key are done once per array.
  private readonly byArray = new WeakMap<Labels, StoredSeries>();
  // Each series' position in label order; dropped when a series is added (see rankByLabels).
  private labelOrder: Int32Array | undefined;
  private samples = 0;

  /** Number of series and samples stored. */
  get stats(): { series: number; samples: number } {
    return { series: this.series.length, samples: this.samples };
  }

  /**
   * Appends one float sample (or a staleness marker) to the series with these labels.
   * Labels need not be sorted; empty values are dropped as Prometheus does.
   *
   * @throws AppendError for out-of-order samples or conflicting duplicates.
   */
  append(labels: Labels, t: number, f: number, stale = false): void {
    this.seriesFor(labels).append(t, f, stale);
    this.samples++;
  }

  /**
   * Appends many samples of one series, given in time order (faster than one call per sample).
   *
   * @throws AppendError as append does.
   */
  appendAll(labels: Labels, t: ArrayLike<number>, f: ArrayLike<number>): void {
    const series = this.seriesFor(labels);
    series.reserve(t.length);
    for (let i = 0; i < t.length; i++) series.append(t[i] as number, f[i] as number, false);
    this.samples += t.length;
  }

  /** Releases the spare capacity appends keep for growth; call when loading is done. */
  compact(): void {
    for (const series of this.series) series.trim();
  }

  /** Appends a staleness marker. */
  appendStale(labels: Labels, t: number): void {
    this.append(labels, t, NaN, true);
  }

  private seriesFor(labels: Labels): StoredSeries {
    const known = this.byArray.get(labels);
    if (known !== undefined) return known;
    const series = this.findOrAdd(labels);
    this.byArray.set(labels, series);
    return series;
  }

  private findOrAdd(labels: Labels): StoredSeries {
    const clean = sortLabels(labels.filter((l) => l.value !== ''));
    const duplicate = findDuplicateName(clean);
    if (duplicate !== undefined)
      throw new AppendError(`label name ${duplicate} appears twice in ${describe(clean)}`);
    const key = labelsKey(clean);
    const existing = this.byKey.get(key);
    if (existing !== undefined) return this.series[existing] as StoredSeries;
    const id = this.series.length;
    const series = new StoredSeries(clean);
    this.series.push(series);
    this.labelOrder = undefined;
    this.byKey.set(key, id);
    for (const l of clean) {
      let values = this.postings.get(l.name);
      if (values === undefined) {
        values = new Map<string, number[]>();
        this.postings.set(l.name, values);
      }
      const ids = values.get(l.value);
      if (ids === undefined) values.set(l.value, [id]);
      else ids.push(id);
    }
    return series;
  }

  select(matchers: readonly Matcher[], mint: number, maxt: number): SeriesData[] {
    const compiled = matchers.map(compileMatcherCached);
    const ids: number[] = [];
    for (const id of this.candidates(compiled)) {
      const series = this.series[id] as StoredSeries;
      if (compiled.every((m) => m.matches(labelValue(series.labels, m.name)))) ids.push(id);
    }
    // In label order, as the TSDB returns series: results that depend on order (ties in topk)
    // then come out as they do in Prometheus.
    const rank =
      this.labelOrder ?? (ids.length * 8 >= this.series.length ? this.rankByLabels() : undefined);
    if (rank !== undefined) ids.sort((a, b) => (rank[a] as number) - (rank[b] as number));
    else ids.sort((a, b) => compareLabels(this.labelsOf(a), this.labelsOf(b)));
    const out: SeriesData[] = [];
    for (const id of ids) {
      const data = (this.series[id] as StoredSeries).window(mint, maxt);
      if (data !== undefined) out.push(data);
    }
    return out;
  }

  private labelsOf(id: number): Labels {
    return (this.series[id] as StoredSeries).labels;
  }

  /**
   * Each series' position in label order. Rebuilt only for a selection of at least an eighth of
   * the store, so that a store that gains series at every step does not re-sort all of them for
   * every small select (those compare their own labels instead).
   */
  private rankByLabels(): Int32Array {
    const ids = [...this.series.keys()].sort((a, b) =>
      compareLabels(this.labelsOf(a), this.labelsOf(b)),
    );
    const rank = new Int32Array(ids.length);
    ids.forEach((id, position) => (rank[id] = position));
    this.labelOrder = rank;
    return rank;
  }

  /** Series ids that can match: from the postings of the most selective non-empty matcher. */
  private candidates(matchers: readonly CompiledMatcher[]): Iterable<number> {
    let best: number[] | undefined;
    for (const m of matchers) {
      if (m.matches('')) continue; // also matches series without the label: no narrowing
      const values = this.postings.get(m.name);
      if (values === undefined) return [];
      let ids: number[];
      if (m.type === '=') {
        ids = values.get(m.value) ?? [];
      } else {
        ids = [];
        for (const [value, list] of values) if (m.matches(value)) ids.push(...list);
        ids.sort((a, b) => a - b);
      }
      if (best === undefined || ids.length < best.length) best = ids;
      if (best.length === 0) return [];
    }
    return best ?? this.series.keys();
  }
}

// Selectors come from parsed expressions that are evaluated many times with the same matchers.
const compiledMatchers = new WeakMap<Matcher, CompiledMatcher>();

function compileMatcherCached(m: Matcher): CompiledMatcher {
  let compiled = compiledMatchers.get(m);
  if (compiled === undefined) {
    compiled = compileMatcher(m);
    compiledMatchers.set(m, compiled);
  }
  return compiled;
}

function labelValue(labels: Labels, name: string): string {
  for (const l of labels) if (l.name === name) return l.value;
  return '';
}
