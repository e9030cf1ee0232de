import type { Labels } from '../../model/labels.js';
import type { Matcher } from '../../model/matcher.js';

/**
 * One series' samples in a time window, as parallel arrays sorted by time. A staleness marker
 * is a sample with `stale[i] === 1` (its `f` is NaN and meaningless).
 */
export interface SeriesData {
  readonly labels: Labels;
  readonly t: Float64Array;
  readonly f: Float64Array;
  readonly stale: Uint8Array;
}

/** Anything the engine can read series from. */
export interface Queryable {
  /** Series matching every matcher with their samples in `[mint, maxt]` (both inclusive). */
  select(matchers: readonly Matcher[], mint: number, maxt: number): SeriesData[];
}
