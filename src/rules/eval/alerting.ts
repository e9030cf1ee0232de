/**
 * The state machine of one alerting rule (Prometheus `rules/alerting.go`): result samples become
 * pending alerts, pending alerts fire after `for`, alerts that vanish are resolved (or keep
 * firing for `keep_firing_for`), and resolved alerts are kept for 15 minutes.
 *
 * @module
 */
import { compareLabels, type Labels, METRIC_NAME, setLabel } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import type { Engine } from '../../promql/engine/engine.js';
import type { Sample } from '../../promql/value.js';
import { expandTemplate } from '../template/expand.js';
import type { ExpandOptions } from '../template/expand.js';
import type { QuerySample } from '../template/prometheus.js';
import type { AlertingRule } from '../types.js';
import { overrideLabels } from './labels.js';
import { queryVector, RuleError } from './query.js';
import type { Alert, AlertState } from './types.js';

/** Prometheus's `ErrDuplicateAlertLabelSet`. */
export const DUPLICATE_ALERT_LABELSET =
  'vector contains metrics with the same labelset after applying alert labels';

/** How long a resolved alert stays in the rule's state (Prometheus `resolvedRetention`). */
export const RESOLVED_RETENTION_MS = 15 * 60 * 1000;

/** Mutable alert record; copies are handed out as {@link Alert}. */
interface AlertEntry {
  state: AlertState;
  labels: Labels;
  /** Expanded when first read (see `annotationsOf`), unless they must be expanded at once. */
  annotations: Labels | (() => Labels);
  value: number;
  activeAtMs: number;
  firedAtMs: number | undefined;
  resolvedAtMs: number | undefined;
  keepFiringSinceMs: number | undefined;
}

/** What the rule's templates see besides each sample. */
export interface AlertTemplateContext {
  readonly externalLabels: Labels | Readonly<Record<string, string>>;
  readonly externalURL: string | undefined;
  readonly webExternalURL: string | undefined;
}

export class AlertingRuleState {
  readonly rule: AlertingRule;
  readonly group: string;
  /** Rule labels merged with the group's (the rule's win), unexpanded. */
  private readonly labels: Labels;
  private readonly active = new Map<string, AlertEntry>();
  /**
   * Annotations only show in `alerts()`, so they are expanded when read rather than at every
   * evaluation. A template that runs `query` reads the store, which later rules of the same step
   * write to; such annotations are expanded at once, as Prometheus does.
   */
  private readonly lazyAnnotations: boolean;

  constructor(rule: AlertingRule, group: string, labels: Labels) {
    this.rule = rule;
    this.group = group;
    this.labels = labels;
    this.lazyAnnotations = !rule.annotations.some((a) => /\bquery\b/.test(a.value));
  }

  /**
   * Evaluates the rule at step time `ts` and returns the `ALERTS` and `ALERTS_FOR_STATE`
   * samples to write (timestamped `ts - queryOffsetMs`). promtool marks every rule restored, so
   * the series are written from the first evaluation.
   *
   * @throws RuleError with Prometheus's text; the alert state is then unchanged, except that
   *   exceeding the limit clears it, as in Prometheus.
   */
  eval(
    engine: Engine,
    ts: number,
    queryOffsetMs: number,
    limit: number,
    ctx: AlertTemplateContext,
  ): Sample[] {
    const evalMs = ts - queryOffsetMs;
    const results = queryVector(engine, this.rule.ast, evalMs);
    const fresh = new Map<string, AlertEntry>();
    const options = this.expandOptions(engine, ts, ctx);
    for (const s of results) {
      const expand = this.expander(s, ctx, options);
      let labels = setLabel(s.labels, METRIC_NAME, '');
      for (const l of this.labels) labels = setLabel(labels, l.name, expand(l.value));
      labels = setLabel(labels, 'alertname', this.rule.name);
      // Unlike labels, annotations keep empty values (Go adds them with a ScratchBuilder).
      const expandAnnotations = (): Labels =>
        this.rule.annotations.map((a) => ({ name: a.name, value: expand(a.value) }));
      const annotations = this.lazyAnnotations ? expandAnnotations : expandAnnotations();
      const key = labelsKey(labels);
      if (fresh.has(key)) throw new RuleError(DUPLICATE_ALERT_LABELSET);
      fresh.set(key, {
        state: 'pending',
        labels,
        annotations,
        value: s.f,
        activeAtMs: ts,
        firedAtMs: undefined,
        resolvedAtMs: undefined,
        keepFiringSinceMs: undefined,
      });
    }

    for (const [key, a] of fresh) {
      const existing = this.active.get(key);
      if (existing !== undefined && existing.state !== 'inactive') {
        existing.value = a.value;
        existing.annotations = a.annotations;
      } else {
        this.active.set(key, a);
      }
    }

    const out: Sample[] = [];
    let activeCount = 0;
    const { forMs, keepFiringForMs } = this.rule;
    for (const [key, a] of this.active) {
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && keepFiringForMs > 0) {
          a.keepFiringSinceMs ??= ts;
          keepFiring = ts - a.keepFiringSinceMs < keepFiringForMs;
        }
        const expired = a.resolvedAtMs !== undefined && ts - a.resolvedAtMs > RESOLVED_RETENTION_MS;
        if (a.state === 'pending' || expired) this.active.delete(key);
        if (!keepFiring) {
          if (a.state !== 'inactive') {
            a.state = 'inactive';
            a.resolvedAtMs = ts;
          }
          continue;
        }
      } else {
        a.keepFiringSinceMs = undefined;
      }
      activeCount++;
      if (a.state === 'pending' && ts - a.activeAtMs >= forMs) {
        a.state = 'firing';
        a.firedAtMs = ts;
      }
      // A rule reloaded with a longer `for` sends firing alerts back to pending.
      if (a.state === 'firing' && ts - a.activeAtMs < forMs) {
        a.state = 'pending';
        a.firedAtMs = undefined;
        a.keepFiringSinceMs = undefined;
      }
      out.push(this.alertsSample(a, evalMs), this.forStateSample(a, evalMs));
    }

    if (limit > 0 && activeCount > limit) {
      this.active.clear();
      throw new RuleError(`exceeded limit of ${limit} with ${activeCount} alerts`);
    }
    return out;
  }

  /**
   * Alerts of this rule, sorted by labels: by default only unresolved ones, as Prometheus's
   * `ActiveAlerts()` (what promtool compares) returns.
   */
  alerts(includeResolved = false): Alert[] {
    const out: Alert[] = [];
    for (const a of this.active.values()) {
      if (!includeResolved && a.resolvedAtMs !== undefined) continue;
      out.push({
        alertname: this.rule.name,
        group: this.group,
        state: a.state,
        labels: a.labels,
        annotations: annotationsOf(a),
        value: a.value,
        activeAtMs: a.activeAtMs,
        ...(a.firedAtMs !== undefined && { firedAtMs: a.firedAtMs }),
        ...(a.resolvedAtMs !== undefined && { resolvedAtMs: a.resolvedAtMs }),
        ...(a.keepFiringSinceMs !== undefined && { keepFiringSinceMs: a.keepFiringSinceMs }),
      });
    }
    return out.sort((x, y) => compareLabels(x.labels, y.labels));
  }

  /** `ALERTS{alertname, alertstate, ...}` = 1. Starts from the unexpanded rule labels, as Go does. */
  private alertsSample(a: AlertEntry, t: number): Sample {
    let labels = overrideLabels(this.labels, a.labels);
    labels = setLabel(labels, METRIC_NAME, 'ALERTS');
    labels = setLabel(labels, 'alertname', this.rule.name);
    labels = setLabel(labels, 'alertstate', a.state);
    return { labels, t, f: 1 };
  }

  /** `ALERTS_FOR_STATE{alertname, ...}` = the time the alert became active, in whole seconds. */
  private forStateSample(a: AlertEntry, t: number): Sample {
    let labels = overrideLabels(this.labels, a.labels);
    labels = setLabel(labels, METRIC_NAME, 'ALERTS_FOR_STATE');
    labels = setLabel(labels, 'alertname', this.rule.name);
    return { labels, t, f: Math.floor(a.activeAtMs / 1000) };
  }

  /** What every expansion at step `ts` shares (one per step, so its functions are built once). */
  private expandOptions(engine: Engine, ts: number, ctx: AlertTemplateContext): ExpandOptions {
    return {
      alertName: this.rule.name,
      timeMs: ts,
      // Template queries run at the step time, without the group's query offset, as in Go.
      query: (expr: string): QuerySample[] =>
        queryVector(engine, expr, ts).map((q) => ({ labels: q.labels, value: q.f })),
      ...(ctx.webExternalURL !== undefined && { externalURL: ctx.webExternalURL }),
    };
  }

  /** Expands one label or annotation template for sample `s`, as the rule manager does. */
  private expander(
    s: Sample,
    ctx: AlertTemplateContext,
    options: ExpandOptions,
  ): (text: string) => string {
    const data = {
      labels: s.labels,
      externalLabels: ctx.externalLabels,
      ...(ctx.externalURL !== undefined && { externalURL: ctx.externalURL }),
      value: s.f,
    };
    return (text) => expandTemplate(text, data, options);
  }
}

/** The alert's annotations, expanding them on first read. */
function annotationsOf(a: AlertEntry): Labels {
  if (typeof a.annotations === 'function') a.annotations = a.annotations();
  return a.annotations;
}
