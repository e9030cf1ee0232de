/**
 * Loads a timestamped exposition dump (Prometheus text format with millisecond timestamps, or
 * OpenMetrics with seconds) into a series store.
 *
 * @module
 */
import { InputError } from '../../errors.js';
import { parseExposition } from '../../exposition/parse.js';
import { type Labels, METRIC_NAME, sortLabels } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import { MemoryStore } from '../store/memory.js';

export interface LoadedData {
  readonly store: MemoryStore;
  /** Earliest and latest sample times, ms; undefined for an empty file. */
  readonly minT: number | undefined;
  readonly maxT: number | undefined;
  readonly samples: number;
}

/**
 * Parses `text` and appends every sample. Samples of one series may come in any order across
 * the file; they are sorted by time before they are stored.
 *
 * @throws ParseError naming file:line:col; InputError for samples without a timestamp.
 */
export function loadExpositionDump(text: string, file: string): LoadedData {
  const families = parseExposition(text, { file });
  const store = new MemoryStore();
  // The parser hands out one Labels object per run of equal label sets, so grouping by object
  // identity first avoids building a string key for almost every sample.
  const byKey = new Map<string, PendingSeries>();
  const byObject = new Map<string, Map<Labels, PendingSeries>>();
  let minT = Infinity;
  let maxT = -Infinity;
  let samples = 0;
  for (const family of families) {
    for (const sample of family.samples) {
      const t = sample.timestampMs;
      if (t === undefined) {
        throw new InputError(
          `${file}: sample ${sample.name} has no timestamp; a data file needs one on every sample`,
        );
      }
      let objects = byObject.get(sample.name);
      if (objects === undefined) {
        objects = new Map<Labels, PendingSeries>();
        byObject.set(sample.name, objects);
      }
      let series = objects.get(sample.labels);
      if (series === undefined) {
        const labels: Labels = [{ name: METRIC_NAME, value: sample.name }, ...sample.labels];
        const key = labelsKey(sortLabels(labels));
        series = byKey.get(key);
        if (series === undefined) {
          series = { labels, t: [], f: [], sorted: true };
          byKey.set(key, series);
        }
        objects.set(sample.labels, series);
      }
      const last = series.t[series.t.length - 1];
      if (last !== undefined && t < last) series.sorted = false;
      series.t.push(t);
      series.f.push(sample.value);
      if (t < minT) minT = t;
      if (t > maxT) maxT = t;
      samples++;
    }
  }
  for (const series of byKey.values()) {
    if (!series.sorted) sortByTime(series);
    store.appendAll(series.labels, series.t, series.f);
  }
  store.compact();
  return samples === 0
    ? { store, minT: undefined, maxT: undefined, samples }
    : { store, minT, maxT, samples };
}

interface PendingSeries {
  readonly labels: Labels;
  t: number[];
  f: number[];
  sorted: boolean;
}

/** Samples of one series may come in any order across a file; the store needs time order. */
function sortByTime(series: PendingSeries): void {
  const order = series.t
    .map((_, i) => i)
    .sort((a, b) => (series.t[a] as number) - (series.t[b] as number));
  series.t = order.map((i) => series.t[i] as number);
  series.f = order.map((i) => series.f[i] as number);
}
