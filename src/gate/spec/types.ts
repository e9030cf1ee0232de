/**
 * A gate spec (`apiVersion: drygate/v1`) after validation: every duration in ms, every query
 * parsed, checked and rewritten with the spec's required matchers.
 *
 * @module
 */
import type { SourcePosition } from '../../errors.js';

export const GATE_KINDS = [
  'query',
  'freshness',
  'burn-rate',
  'quorum',
  'command',
  'check',
] as const;
export type GateKind = (typeof GATE_KINDS)[number];

export const COMPARISON_OPS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/** `== 1`, `< 0.05`: what every (or any, or k) returned sample must satisfy. */
export interface Condition {
  readonly op: ComparisonOp;
  readonly threshold: number;
  /** As written in the spec, for reports. */
  readonly text: string;
}

/** How many samples must satisfy the condition. */
export type MatchRule =
  | { readonly kind: 'all' }
  | { readonly kind: 'any' }
  | { readonly kind: 'count'; readonly min: number };

/** What a gate without data (or with an error) counts as in the decision. */
export type FallbackOutcome = 'fail' | 'pass' | 'inconclusive';

/** A query as written and as sent (after the required matchers were injected). */
export interface GateQuery {
  readonly written: string;
  readonly sent: string;
  readonly at: SourcePosition;
}

interface GateCommon {
  readonly name: string;
  readonly description: string | undefined;
  /** Advisory gates (`required: false`) are reported but never decide. */
  readonly required: boolean;
  readonly onNodata: FallbackOutcome;
  readonly onError: FallbackOutcome;
  readonly at: SourcePosition;
}

export interface QueryGate extends GateCommon {
  readonly kind: 'query';
  readonly query: GateQuery;
  readonly fallback: GateQuery | undefined;
  readonly condition: Condition;
  readonly match: MatchRule;
  /** The condition must have held at every step of this window (0: only now). */
  readonly holdMs: number;
  /** Step of hold and lookback evaluation. */
  readonly stepMs: number;
}

export interface FreshnessGate extends GateCommon {
  readonly kind: 'freshness';
  /** Returns unix timestamps in seconds (the time of the last DR rehearsal, say). */
  readonly query: GateQuery;
  readonly maxAgeMs: number;
  readonly match: MatchRule;
  readonly stepMs: number;
}

export interface BurnWindow {
  readonly longMs: number;
  readonly shortMs: number;
  readonly factor: number;
}

export interface BurnRateGate extends GateCommon {
  readonly kind: 'burn-rate';
  /** The SLO objective, e.g. 0.999. */
  readonly objective: number;
  /** One query per distinct window: the error ratio over that window. */
  readonly ratioQueries: ReadonlyMap<number, GateQuery>;
  readonly windows: readonly BurnWindow[];
  readonly stepMs: number;
}

export interface QuorumGate extends GateCommon {
  readonly kind: 'quorum';
  /** How many of `gates` must pass. */
  readonly min: number;
  readonly gates: readonly Gate[];
}

export interface CommandGate extends GateCommon {
  readonly kind: 'command';
  readonly argv: readonly string[];
  readonly timeoutMs: number;
  /** Working directory: the spec file's directory unless set. */
  readonly cwd: string;
}

export const CHECK_TOOLS = ['check-rules', 'test-rules', 'lint'] as const;
export type CheckTool = (typeof CHECK_TOOLS)[number];

export interface CheckGate extends GateCommon {
  readonly kind: 'check';
  readonly tool: CheckTool;
  /** Absolute paths or globs, resolved against the spec file's directory. */
  readonly files: readonly string[];
  readonly baseDir: string;
  /** The spec's required matchers: lint requires them in the files it checks. */
  readonly require: Readonly<Record<string, string>>;
}

export type Gate = QueryGate | FreshnessGate | BurnRateGate | QuorumGate | CommandGate | CheckGate;

export interface GateSpec {
  readonly file: string;
  readonly name: string;
  readonly description: string | undefined;
  /** Matchers injected into every selector of every query (`metric_realm: prod`). */
  readonly require: Readonly<Record<string, string>>;
  readonly gates: readonly Gate[];
}
