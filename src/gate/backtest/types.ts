/**
 * What a backtest takes and produces. The result is the library's output and the JSON
 * report's shape (`schemaVersion` changes with any change of shape).
 *
 * @module
 */
import type { Decision, GateOutcome, GateState } from '../result.js';
import type { MetricsSource } from '../source/types.js';
import type { ComparisonOp, GateKind } from '../spec/types.js';

/** Prometheus refuses a range query with more than 11,000 points per series. */
export const DEFAULT_MAX_POINTS = 11_000;
/** A gate that changes what it counts as more often than this per hour is flapping. */
export const DEFAULT_FLAP_THRESHOLD = 1;

export interface BacktestProgress {
  /** Raw steps evaluated so far, over all gates. */
  readonly done: number;
  readonly total: number;
}

export interface BacktestOptions {
  readonly source: MetricsSource;
  /** The window (ms): decisions are judged at `untilMs - k*stepMs`, not before `sinceMs`. */
  readonly sinceMs: number;
  readonly untilMs: number;
  readonly stepMs: number;
  /** At most this many points per series in one range query (default 11,000). */
  readonly maxPoints?: number;
  /** Outcome changes per hour above which a gate is flapping (default 1). */
  readonly flapThreshold?: number;
  readonly onProgress?: (progress: BacktestProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * A run of equal decisions: from `startMs` (its first step) to `endMs` (the next run's first
 * step, or the last step of the window). A decision stands until the next step.
 */
export interface DecisionInterval {
  readonly decision: Decision;
  readonly startMs: number;
  readonly endMs: number;
  readonly steps: number;
}

/** A run of equal states of one gate. */
export interface GateInterval {
  readonly state: GateState;
  readonly outcome: GateOutcome;
  readonly startMs: number;
  readonly endMs: number;
  readonly steps: number;
}

/** Time (ms) a gate spent deciding the decision. */
export interface GateBlame {
  /**
   * Failing while the decision was NO-GO. A sub-gate shares its top-level quorum's blame at the
   * steps where it did not pass itself.
   */
  readonly noGoMs: number;
  /** ... and the only failing required gate: passing alone would have changed the decision. */
  readonly soleNoGoMs: number;
  /** Undecided (no data or error) while the decision was INCONCLUSIVE. */
  readonly inconclusiveMs: number;
}

export interface GateBacktest {
  readonly gate: string;
  /** The names from the top-level gate down to this one. */
  readonly path: readonly string[];
  readonly depth: number;
  readonly kind: GateKind;
  readonly required: boolean;
  /** False for command and check gates inside a quorum: they count as no data there. */
  readonly replayed: boolean;
  /** The step of the gate's own evaluation grid (finer than the decision step with a hold). */
  readonly evalStepMs: number;
  readonly holdMs: number;
  readonly timeInState: Readonly<Record<GateState, number>>;
  readonly timeInOutcome: Readonly<Record<GateOutcome, number>>;
  /** Steps at which what the gate counts as (pass, fail, inconclusive) changed. */
  readonly changes: number;
  readonly changesPerHour: number;
  readonly flapping: boolean;
  readonly blame: GateBlame;
  readonly intervals: readonly GateInterval[];
}

/** A command or check gate: they cannot be replayed. */
export interface ExcludedGate {
  readonly gate: string;
  readonly path: readonly string[];
  readonly kind: 'command' | 'check';
  /** How the backtest treats it. */
  readonly treatment: 'left out of the decision' | 'counted as no data in its quorum';
}

export interface ThresholdSuggestion {
  readonly threshold: number;
  /** New threshold minus the old one. */
  readonly change: number;
  /** The condition as it would be written. */
  readonly condition: string;
  /** Decision flips over the window with this threshold. */
  readonly flips: number;
  readonly removed: number;
}

export interface ThresholdSensitivity {
  readonly gate: string;
  readonly path: readonly string[];
  readonly condition: string;
  readonly op: ComparisonOp;
  readonly threshold: number;
  /** Decision flips that disappear when the gate's condition is relaxed all the way. */
  readonly flipsCaused: number;
  /** The smallest relaxation that removes more than half of them; null when there is none. */
  readonly suggestion: ThresholdSuggestion | null;
  /** Candidate thresholds evaluated. */
  readonly candidates: number;
  readonly note: string;
}

/** One range query sent. */
export interface RangeQueryRecord {
  readonly gate: string;
  readonly role: string;
  readonly query: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly points: number;
  readonly durationMs: number;
}

/** A range query that failed: its gate is in error at every step of the chunk. */
export interface BacktestError {
  readonly gate: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly message: string;
}

export interface BacktestResult {
  readonly schemaVersion: 'drygate.backtest/v1';
  readonly spec: string;
  readonly source: string;
  readonly sinceMs: number;
  readonly untilMs: number;
  readonly stepMs: number;
  /** The first decision time (on the grid `until - k*step`). */
  readonly firstMs: number;
  readonly steps: number;
  readonly maxPoints: number;
  readonly flapThreshold: number;
  readonly excluded: readonly ExcludedGate[];
  readonly decisions: readonly DecisionInterval[];
  readonly flips: number;
  readonly timeInDecision: Readonly<Record<Decision, number>>;
  /** Every replayed gate and its sub-gates, depth first. */
  readonly gates: readonly GateBacktest[];
  readonly sensitivity: readonly ThresholdSensitivity[];
  readonly queries: readonly RangeQueryRecord[];
  readonly errors: readonly BacktestError[];
  readonly durationMs: number;
}
