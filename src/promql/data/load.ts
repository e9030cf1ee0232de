/**
 * Loads a data file for the embedded engine: a series file (YAML) or a timestamped exposition
 * dump, told apart by content.
 *
 * @module
 */
import type { MemoryStore } from '../store/memory.js';
import { loadExpositionDump } from './dump.js';
import { loadSeriesFile, looksLikeSeriesFile } from './series-file.js';

export interface DataFile {
  readonly store: MemoryStore;
  /** Where relative times (`90m`) count from: the file's `start`, or its first sample. */
  readonly startMs: number;
  /** The default time of an instant query: the last sample. */
  readonly endMs: number;
  readonly samples: number;
}

export function loadDataFile(text: string, file: string): DataFile {
  if (looksLikeSeriesFile(text)) {
    const data = loadSeriesFile(text, file);
    return {
      store: data.store,
      startMs: data.startMs,
      endMs: data.maxT ?? data.startMs,
      samples: data.samples,
    };
  }
  const data = loadExpositionDump(text, file);
  return {
    store: data.store,
    startMs: data.minT ?? 0,
    endMs: data.maxT ?? 0,
    samples: data.samples,
  };
}
