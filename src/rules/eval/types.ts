/**
 * What rule evaluation produces: alerts with their state, and per-step results that carry each
 * failing rule's error as data (promtool reports them, it does not stop at the first).
 *
 * @module
 */
import type { Labels } from '../../model/labels.js';

/** Prometheus's alert states; `inactive` is a resolved alert kept for its retention period. */
export type AlertState = 'inactive' | 'pending' | 'firing';

/** One alert instance of an alerting rule (Prometheus `rules.Alert`), times in ms. */
export interface Alert {
  /** The alerting rule's name (also the `alertname` label). */
  readonly alertname: string;
  /** The group the rule belongs to. */
  readonly group: string;
  readonly state: AlertState;
  /** Sample labels without `__name__`, plus the expanded rule labels and `alertname`, sorted. */
  readonly labels: Labels;
  /** Expanded annotations, sorted by name. */
  readonly annotations: Labels;
  /** The expression's value at the last evaluation that returned this alert. */
  readonly value: number;
  /** When the condition started to hold. */
  readonly activeAtMs: number;
  /** When the alert went from pending to firing. */
  readonly firedAtMs?: number;
  /** When the alert was resolved (it is then `inactive`). */
  readonly resolvedAtMs?: number;
  /** When the condition stopped holding while `keep_firing_for` keeps the alert firing. */
  readonly keepFiringSinceMs?: number;
}

/** A rule that failed at one evaluation, with Prometheus's error text. */
export interface RuleEvalFailure {
  readonly group: string;
  /** The record or alert name, as promtool prints it (`rule: <name>`). */
  readonly rule: string;
  /** 1-based index of the rule in its group. */
  readonly index: number;
  readonly error: string;
}

/** The outcome of evaluating every group once. */
export interface EvalStepResult {
  readonly ts: number;
  /** Failing rules in evaluation order; empty when every rule succeeded. */
  readonly errors: readonly RuleEvalFailure[];
  /** Samples (not counting staleness markers) written to the store at this step. */
  readonly samplesWritten: number;
}

export interface RuleEvaluatorOptions {
  /** Labels given to templates as `$externalLabels` (promtool's `external_labels`). */
  readonly externalLabels?: Labels | Readonly<Record<string, string>>;
  /** Given to templates as `$externalURL` (promtool's `external_url`). */
  readonly externalURL?: string;
  /**
   * The URL that the `externalURL` and `pathPrefix` template functions read. promtool leaves it
   * unset, so those functions fail there; a Prometheus server passes `--web.external-url`.
   */
  readonly webExternalURL?: string;
  /** Query offset for groups without `query_offset` (Prometheus's global `rule_query_offset`). */
  readonly defaultQueryOffsetMs?: number;
}

/**
 * Where rule results go. MemoryStore fits; it throws AppendError for out-of-order and
 * conflicting samples, which the evaluator reports as Prometheus reports append failures.
 */
export interface RuleAppender {
  append(labels: Labels, t: number, f: number): void;
  appendStale(labels: Labels, t: number): void;
}
