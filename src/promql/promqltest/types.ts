/**
 * The commands of a promqltest script (Prometheus `promql/promqltest`), as parsed, before
 * anything runs. Times are ms from the epoch; lines are 1-based.
 *
 * @module
 */
import type { Labels } from '../../model/labels.js';
import type { SequenceValue } from '../series/types.js';

export interface ClearCommand {
  readonly kind: 'clear';
  readonly line: number;
}

export interface LoadSeries {
  readonly line: number;
  readonly labels: Labels;
  readonly values: readonly SequenceValue[];
  /** `@st` offsets (ms) per value, null where a slot has none; absent without an `@st` line. */
  readonly startOffsets?: readonly (number | null)[];
}

export interface LoadCommand {
  readonly kind: 'load';
  readonly line: number;
  readonly stepMs: number;
  /** `load_with_nhcb`: also builds native histograms from classic `_bucket` series. */
  readonly withNhcb: boolean;
  /** One entry per label set; a label set written twice keeps its last line. */
  readonly series: readonly LoadSeries[];
}

export const EXPECT_TYPES = ['ordered', 'fail', 'warn', 'no_warn', 'info', 'no_info'] as const;
export type ExpectType = (typeof EXPECT_TYPES)[number];

/** An `expect <type>` line: an exact `msg:`, a `regex:` (unanchored), or neither (anything). */
export type Expectation =
  | { readonly match: 'any' }
  | { readonly match: 'msg'; readonly text: string }
  | { readonly match: 'regex'; readonly text: string; readonly regex: RegExp };

export interface ExpectedSeries {
  readonly labels: Labels;
  readonly values: readonly SequenceValue[];
  /**
   * Place among the body lines, counted from 1 as the harness does (expect lines are not
   * counted, `expect range vector` / `expect string` lines are): what `ordered` checks against.
   */
  readonly pos: number;
  readonly line: number;
}

export interface EvalCommand {
  readonly kind: 'eval';
  readonly line: number;
  readonly expr: string;
  /** 1-based column of the expression in its line, to place syntax errors. */
  readonly exprColumn: number;
  readonly range: boolean;
  /** The time an instant query runs at (`at`, or the `to` of `expect range vector`). */
  readonly evalMs: number;
  /** Range evals and `expect range vector`: the first expected point's time. */
  readonly startMs: number;
  /**
   * The last point's time; null for an instant eval without `expect range vector`, where
   * the harness's zero end time means a matrix result can never match.
   */
  readonly endMs: number | null;
  readonly stepMs: number;
  /** Legacy header suffixes: `eval_fail`, `eval_warn`, `eval_info`, `eval_ordered`. */
  readonly legacy: {
    readonly fail: boolean;
    readonly warn: boolean;
    readonly info: boolean;
    readonly ordered: boolean;
  };
  readonly expectedFailMessage: string | null;
  readonly expectedFailRegexp: RegExp | null;
  readonly expects: Readonly<Record<ExpectType, readonly Expectation[]>>;
  /** A bare-number body line: the expected scalar. */
  readonly scalar: SequenceValue | null;
  readonly expected: readonly ExpectedSeries[];
  /** `expect string`; '' when absent, which is also what the harness compares with. */
  readonly expectedString: string;
  readonly expectRangeVector: boolean;
  /** `expect range vector` or `expect string`: no range-mode cross-check. */
  readonly excludeFromRangeQuery: boolean;
}

export type Command = ClearCommand | LoadCommand | EvalCommand;

export interface Script {
  readonly file: string | undefined;
  readonly commands: readonly Command[];
}

export function isFailExpected(cmd: EvalCommand): boolean {
  return cmd.legacy.fail || cmd.expects.fail.length > 0;
}

export function isOrdered(cmd: EvalCommand): boolean {
  return cmd.legacy.ordered || cmd.expects.ordered.length > 0;
}
