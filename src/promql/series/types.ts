/**
 * What a series description (`metric{l="v"} 1+1x3 _ stale`) expands to. Shared by promqltest
 * scripts, promtool-style `input_series`, and data files for `drygate query --data`.
 *
 * @module
 */
import { ParseError, type SourcePosition } from '../../errors.js';
import type { Labels } from '../../model/labels.js';

/** One slot of an expanded value sequence. */
export type SequenceValue =
  | { readonly kind: 'float'; readonly f: number }
  | { readonly kind: 'stale' }
  /** `_`: the slot takes a timestamp but holds no sample. */
  | { readonly kind: 'omitted' }
  /**
   * A `{{...}}` native-histogram literal, kept as text: drygate does not model native histograms
   * yet, and callers that meet one report it as unsupported rather than fail on it.
   */
  | {
      readonly kind: 'histogram';
      readonly text: string;
      /** Whether the literal spells out `counter_reset_hint` (then comparisons check it). */
      readonly counterResetHintSet: boolean;
    };

export interface SeriesDescription {
  /** Sorted by name; `__name__` included when a metric name was written. */
  readonly labels: Labels;
  readonly values: readonly SequenceValue[];
}

/** A value with the timestamp its slot gets. */
export interface TimedValue {
  readonly t: number;
  readonly value: Exclude<SequenceValue, { readonly kind: 'omitted' }>;
}

export interface SeriesParseOptions {
  /** Where the text starts in its file, for error positions. Default 1:1. */
  readonly position?: SourcePosition;
  /**
   * `reject` (the default) throws NativeHistogramError at the first `{{`; `keep` returns
   * `histogram` placeholders so that a caller can skip what uses them.
   */
  readonly histograms?: 'reject' | 'keep';
  /** The most values one description may expand to (a guard against `1x99999999999`). */
  readonly maxValues?: number;
}

export const DEFAULT_MAX_VALUES = 5_000_000;

export const NATIVE_HISTOGRAMS_UNSUPPORTED = 'native histograms are not supported';

/**
 * A `{{...}}` value where only floats are supported. A ParseError subclass, so a CLI reports it
 * like any other bad input, while a test runner can tell it apart and count a skip.
 */
export class NativeHistogramError extends ParseError {
  override name = 'NativeHistogramError';

  constructor(position: SourcePosition) {
    super(NATIVE_HISTOGRAMS_UNSUPPORTED, position);
  }
}

export function isNativeHistogramError(err: unknown): err is NativeHistogramError {
  return err instanceof NativeHistogramError;
}

/**
 * Gives each slot its timestamp (`start + i * step`) and drops the `_` slots.
 *
 * @example sequenceSamples(parseSeriesValues('1 _ 3'), 0, 60_000) // t = 0 and t = 120000
 */
export function sequenceSamples(
  values: readonly SequenceValue[],
  startMs: number,
  stepMs: number,
): TimedValue[] {
  const out: TimedValue[] = [];
  values.forEach((value, i) => {
    if (value.kind !== 'omitted') out.push({ t: startMs + i * stepMs, value });
  });
  return out;
}
