/**
 * Evaluates rule groups step by step as Prometheus's rule manager does (`rules/group.go`), and as
 * `promtool test rules` drives it: at each step every group in order, rules in file order, each
 * rule's output appended at once so that later rules and groups read it.
 *
 * @module
 */
import type { Labels } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import type { Engine } from '../../promql/engine/engine.js';
import { AppendError } from '../../promql/store/memory.js';
import type { Sample } from '../../promql/value.js';
import { formatGoFloat } from '../template/float.js';
import type { Rule, RuleGroup } from '../types.js';
import { AlertingRuleState, type AlertTemplateContext } from './alerting.js';
import { overrideLabels } from './labels.js';
import { RuleError } from './query.js';
import { evalRecordingRule } from './recording.js';
import type {
  Alert,
  EvalStepResult,
  RuleAppender,
  RuleEvalFailure,
  RuleEvaluatorOptions,
} from './types.js';

/** One rule with what persists between evaluations. */
interface RuleSlot {
  readonly group: RuleGroup;
  readonly rule: Rule;
  /** Rule labels over the group's labels (Prometheus 3 merges them when loading). */
  readonly labels: Labels;
  readonly alerting: AlertingRuleState | undefined;
  /** Series written at the last successful evaluation, to mark the vanished ones stale. */
  previous: Map<string, Labels>;
}

/**
 * Evaluates rule groups against a store, writing results back into it.
 *
 * @example
 * const store = new MemoryStore();
 * const evaluator = new RuleEvaluator(loadRuleFile(text, 'rules.yml').groups, store, new Engine(store));
 * for (let ts = 0; ts <= 600_000; ts += 60_000) report(evaluator.evaluateAt(ts).errors);
 * evaluator.activeAlerts('InstanceDown');
 */
export class RuleEvaluator {
  private readonly slots: RuleSlot[] = [];
  private readonly store: RuleAppender;
  private readonly engine: Engine;
  private readonly options: RuleEvaluatorOptions;
  private readonly templateContext: AlertTemplateContext;
  /** Last value this evaluator wrote per series, to word conflicts as Prometheus's TSDB does. */
  private readonly written = new Map<string, { t: number; f: number }>();

  constructor(
    groups: readonly RuleGroup[],
    store: RuleAppender,
    engine: Engine,
    options: RuleEvaluatorOptions = {},
  ) {
    this.store = store;
    this.engine = engine;
    this.options = options;
    this.templateContext = {
      externalLabels: options.externalLabels ?? {},
      externalURL: options.externalURL,
      webExternalURL: options.webExternalURL,
    };
    for (const group of groups) {
      for (const rule of group.rules) {
        const labels = overrideLabels(group.labels ?? [], rule.labels);
        this.slots.push({
          group,
          rule,
          labels,
          alerting:
            rule.kind === 'alerting' ? new AlertingRuleState(rule, group.name, labels) : undefined,
          previous: new Map(),
        });
      }
    }
  }

  /**
   * Evaluates every group at `ts` (ms). A failing rule does not stop the others; its error is
   * reported with Prometheus's text, and its series from the last good evaluation are not marked
   * stale, as in Prometheus.
   */
  evaluateAt(ts: number): EvalStepResult {
    const errors: RuleEvalFailure[] = [];
    let samplesWritten = 0;
    for (const slot of this.slots) {
      const offsetMs = slot.group.queryOffsetMs ?? this.options.defaultQueryOffsetMs ?? 0;
      const limit = slot.group.limit ?? 0;
      let samples: Sample[];
      try {
        samples =
          slot.rule.kind === 'recording'
            ? evalRecordingRule(this.engine, slot.rule, slot.labels, ts - offsetMs, limit)
            : (slot.alerting?.eval(this.engine, ts, offsetMs, limit, this.templateContext) ?? []);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        errors.push(failure(slot, err.message));
        continue;
      }
      const { written, error } = this.appendAll(samples, slot.previous);
      samplesWritten += written.size;
      if (error !== undefined) errors.push(failure(slot, error));
      this.markStale(slot.previous, written, ts - offsetMs);
      slot.previous = written;
    }
    return { ts, errors, samplesWritten };
  }

  /**
   * Alerts of every alerting rule (of the given name), in group and rule order, each rule's sorted
   * by labels. Resolved alerts are left out unless asked for, as promtool leaves them out.
   */
  activeAlerts(alertname?: string, options: { includeResolved?: boolean } = {}): Alert[] {
    const out: Alert[] = [];
    for (const slot of this.slots) {
      if (slot.alerting === undefined) continue;
      if (alertname !== undefined && slot.rule.name !== alertname) continue;
      out.push(...slot.alerting.alerts(options.includeResolved ?? false));
    }
    return out;
  }

  /**
   * Appends a rule's samples. A sample the store refuses is skipped and, as in Prometheus, the
   * last refusal becomes the rule's error for this step. A series the rule wrote last time is
   * appended with last time's label array, which the store has already looked up.
   */
  private appendAll(
    samples: readonly Sample[],
    previous: ReadonlyMap<string, Labels>,
  ): {
    written: Map<string, Labels>;
    error: string | undefined;
  } {
    const written = new Map<string, Labels>();
    let error: string | undefined;
    for (const s of samples) {
      const key = labelsKey(s.labels);
      const labels = previous.get(key) ?? s.labels;
      try {
        this.store.append(labels, s.t, s.f);
      } catch (err) {
        if (!(err instanceof AppendError)) throw err;
        error = this.appendErrorText(key, s, err);
        continue;
      }
      this.written.set(key, { t: s.t, f: s.f });
      written.set(key, labels);
    }
    return { written, error };
  }

  /** Prometheus's TSDB texts for refused samples, where this evaluator knows the old value. */
  private appendErrorText(key: string, s: Sample, err: AppendError): string {
    const last = this.written.get(key);
    if (last !== undefined && last.t === s.t) {
      if (s.t === 0) return 'duplicate sample for timestamp';
      return `duplicate sample for timestamp ${s.t}; overrides not allowed: existing ${formatGoFloat(last.f, 'g', -1)}, new value ${formatGoFloat(s.f, 'g', -1)}`;
    }
    if (last !== undefined && last.t > s.t) return 'out of order sample';
    return err.message;
  }

  /**
   * Writes staleness markers for series the rule wrote last time and not now. Refusals are
   * expected (another rule may have written the series at this time) and ignored, as in Go.
   */
  private markStale(previous: Map<string, Labels>, now: Map<string, Labels>, t: number): void {
    for (const [key, labels] of previous) {
      if (now.has(key)) continue;
      try {
        this.store.appendStale(labels, t);
      } catch (err) {
        if (!(err instanceof AppendError)) throw err;
      }
    }
  }
}

function failure(slot: RuleSlot, error: string): RuleEvalFailure {
  return { group: slot.group.name, rule: slot.rule.name, index: slot.rule.index, error };
}
