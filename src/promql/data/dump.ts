/**
 * Loads a timestamped exposition dump (Prometheus text format with millisecond timestamps, or
 * OpenMetrics with seconds) into a series store.
 *
 * @module
 */
import { InputError } from '../../errors.js';
import { parseExposition } from '../../exposition/parse.js';
import { METRIC_NAME } from '../../model/labels.js';
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
  let minT: number | undefined;
  let maxT: number | undefined;
  let samples = 0;
  const pending: { labels: { name: string; value: string }[]; t: number; f: number }[] = [];
  for (const family of families) {
    for (const sample of family.samples) {
      if (sample.timestampMs === undefined) {
        throw new InputError(
          `${file}: sample ${sample.name} has no timestamp; a data file needs one on every sample`,
        );
      }
      pending.push({
        labels: [{ name: METRIC_NAME, value: sample.name }, ...sample.labels],
        t: sample.timestampMs,
        f: sample.value,
      });
    }
  }
  // Stable sort by time keeps each series' samples in order for the store.
  pending.sort((a, b) => a.t - b.t);
  for (const s of pending) {
    store.append(s.labels, s.t, s.f);
    minT = minT === undefined ? s.t : Math.min(minT, s.t);
    maxT = maxT === undefined ? s.t : Math.max(maxT, s.t);
    samples++;
  }
  return { store, minT, maxT, samples };
}
