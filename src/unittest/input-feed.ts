/**
 * A test group's `input_series`, fed into a store as the rule clock moves: every sample with
 * `t <= ts` is appended before the evaluation at `ts`, so rules never see future samples.
 *
 * As in promtool (promqltest's load command keeps one definition per label set), a series given
 * twice with the same labels keeps only its last definition. Samples are kept per series in
 * typed arrays, so feeding is a cursor per series rather than an object per sample.
 *
 * @module
 */
import { ParseError } from '../errors.js';
import type { Labels } from '../model/labels.js';
import { labelsKey } from '../model/labels-key.js';
import { parseSeriesLabels, parseSeriesValues } from '../promql/series/parse.js';
import { NATIVE_HISTOGRAMS_UNSUPPORTED } from '../promql/series/types.js';
import type { MemoryStore } from '../promql/store/memory.js';
import type { TestGroup } from './types.js';

/** One series' samples in time order, and the next one to append. */
interface Timeline {
  readonly labels: Labels;
  readonly t: Float64Array;
  readonly f: Float64Array;
  readonly stale: Uint8Array;
  next: number;
}

export class InputFeed {
  private readonly timelines: Timeline[];

  /**
   * Parses the group's input series.
   *
   * @throws ParseError for a bad series or values text, with reason NATIVE_HISTOGRAMS_UNSUPPORTED
   * for a `{{...}}` value.
   */
  constructor(group: TestGroup) {
    const bySeries = new Map<string, Timeline>();
    for (const s of group.inputSeries) {
      const labels = parseSeriesLabels(s.series, { position: s.seriesAt });
      const values = parseSeriesValues(s.values, { position: s.valuesAt, histograms: 'keep' });
      const t: number[] = [];
      const f: number[] = [];
      const stale: number[] = [];
      values.forEach((value, i) => {
        if (value.kind === 'omitted') return;
        if (value.kind === 'histogram')
          throw new ParseError(NATIVE_HISTOGRAMS_UNSUPPORTED, s.valuesAt);
        t.push(group.startMs + i * group.intervalMs);
        f.push(value.kind === 'float' ? value.f : NaN);
        stale.push(value.kind === 'stale' ? 1 : 0);
      });
      // The store drops empty label values, so `up{a=""}` and `up` name one series.
      const key = labelsKey(labels.filter((l) => l.value !== ''));
      bySeries.delete(key); // the last definition wins, in its own place in the order
      bySeries.set(key, {
        labels,
        t: Float64Array.from(t),
        f: Float64Array.from(f),
        stale: Uint8Array.from(stale),
        next: 0,
      });
    }
    this.timelines = [...bySeries.values()];
  }

  /**
   * Appends every sample with `t <= ts` not appended yet.
   *
   * @returns what the store threw for the first sample it refused (feeding stops there), or
   * undefined.
   */
  feedUntil(store: MemoryStore, ts: number): { readonly error: unknown } | undefined {
    for (const line of this.timelines) {
      const { t, f, stale } = line;
      for (; line.next < t.length && (t[line.next] as number) <= ts; line.next++) {
        const i = line.next;
        try {
          if (stale[i] === 1) store.appendStale(line.labels, t[i] as number);
          else store.append(line.labels, t[i] as number, f[i] as number);
        } catch (error) {
          return { error };
        }
      }
    }
    return undefined;
  }
}
