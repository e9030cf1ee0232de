/**
 * What a decision produces: each gate's state with its evidence, the overall decision, and
 * the probability model. These types are the library's output and the JSON report's shape.
 *
 * @module
 */
import type { Labels } from '../model/labels.js';
import type { FallbackOutcome, GateKind } from './spec/types.js';

/** What was observed. */
export type GateState = 'pass' | 'fail' | 'nodata' | 'error';
/** What it counts as in the decision, after `on_nodata` / `on_error`. */
export type GateOutcome = FallbackOutcome;
export type Decision = 'GO' | 'NO-GO' | 'INCONCLUSIVE';

/** One value a gate judged. */
export interface GateValue {
  readonly labels: Labels;
  readonly value: number;
  /** Whether this value satisfied the condition. */
  readonly passed: boolean;
  /** What the value is, when it is not the raw sample (`age 42s`, `burn rate 1h`). */
  readonly note?: string;
}

/** A query the gate sent, as sent, with how long the answer took. */
export interface SentQuery {
  readonly role: string;
  readonly query: string;
  readonly durationMs: number;
}

export interface GateResult {
  readonly gate: string;
  readonly kind: GateKind;
  readonly required: boolean;
  readonly state: GateState;
  readonly outcome: GateOutcome;
  /** Why, in one sentence. */
  readonly reason: string;
  /** `== 1`, `age <= 24h`, `2 of 3`: what passing means. */
  readonly condition: string;
  /** Which query decided, for gates with a fallback. */
  readonly decidedBy?: 'primary' | 'fallback';
  readonly queries: readonly SentQuery[];
  readonly values: readonly GateValue[];
  readonly warnings: readonly string[];
  readonly durationMs: number;
  /** Command and check gates: the tail of what they printed. */
  readonly output?: string;
  /** Quorum gates: the sub-gates. */
  readonly gates?: readonly GateResult[];
}

/** A gate's pass history over the lookback window and its Beta posterior. */
export interface GateHistory {
  readonly gate: string;
  /** 'history': judged at every step of the lookback; 'current': no history, only now. */
  readonly basis: 'history' | 'current';
  readonly steps: number;
  readonly passes: number;
  /** Beta(alpha, beta) posterior of the pass probability (uniform prior); null without history. */
  readonly alpha: number | null;
  readonly beta: number | null;
  /** The posterior mean: the gate's probability of passing. */
  readonly p: number;
  /** dP(GO)/dp: how much P(GO) moves per unit of this gate's pass probability. */
  readonly sensitivity: number;
}

export interface Probability {
  readonly lookbackMs: number;
  /** P(GO) as the product of the required gates' pass probabilities (independence). */
  readonly pGo: number;
  /** The fraction of past steps at which every required gate passed together; null without history. */
  readonly empirical: number | null;
  readonly empiricalSteps: number;
  readonly gates: readonly GateHistory[];
  /** The gate whose improvement would raise P(GO) most (the largest sensitivity). */
  readonly weakest: string | null;
}

export interface DecisionResult {
  readonly schemaVersion: 'drygate.decision/v1';
  readonly spec: string;
  readonly decision: Decision;
  /** Why, in one sentence: the failing or undecided required gates. */
  readonly reason: string;
  /** The time the gates were judged at (ms). */
  readonly at: number;
  /** Where the data came from (never with credentials). */
  readonly source: string;
  readonly require: Readonly<Record<string, string>>;
  readonly gates: readonly GateResult[];
  readonly probability: Probability | null;
  /** Why there is no probability although a lookback was asked for (a history query failed). */
  readonly probabilityUnavailable?: string;
  readonly durationMs: number;
}
