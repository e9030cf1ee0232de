/**
 * The decision: every gate judged at one time (in parallel), combined into GO / NO-GO /
 * INCONCLUSIVE, with the probability model over a lookback window.
 *
 * GO only when every required gate passes; NO-GO when a required gate fails; INCONCLUSIVE
 * when none failed but one has no data or could not be evaluated (unless its `on_nodata` /
 * `on_error` says otherwise). Advisory gates are reported and never decide.
 *
 * @module
 */
import { evaluateGate } from './evaluate/gate.js';
import { gateTimelines, type GateTimeline } from './history.js';
import { estimateProbability } from './probability.js';
import type { Decision, DecisionResult, GateResult } from './result.js';
import type { MetricsSource } from './source/types.js';
import type { GateSpec } from './spec/types.js';

export interface DecideOptions {
  readonly source: MetricsSource;
  /** The time to judge at (ms). */
  readonly atMs: number;
  /** The probability's lookback window; 0 for no probability. */
  readonly lookbackMs?: number;
  /** Run command gates (default true). */
  readonly runCommands?: boolean;
}

export interface DecisionWithHistory {
  readonly result: DecisionResult;
  /** Each gate's signal over the lookback window (empty without a lookback). */
  readonly timelines: readonly GateTimeline[];
}

export function combine(gates: readonly GateResult[]): { decision: Decision; reason: string } {
  const required = gates.filter((g) => g.required);
  const failed = required.filter((g) => g.outcome === 'fail');
  if (failed.length > 0)
    return {
      decision: 'NO-GO',
      reason: `required gate${failed.length === 1 ? '' : 's'} failed: ${failed.map((g) => g.gate).join(', ')}`,
    };
  const undecided = required.filter((g) => g.outcome === 'inconclusive');
  if (undecided.length > 0)
    return {
      decision: 'INCONCLUSIVE',
      reason: `no required gate failed, but ${undecided.map((g) => `${g.gate} ${g.state === 'error' ? 'is in error' : 'has no data'}`).join(', ')}`,
    };
  if (required.length === 0)
    return { decision: 'INCONCLUSIVE', reason: 'no required gate: advisory gates never decide' };
  return {
    decision: 'GO',
    reason: `all ${required.length} required gate${required.length === 1 ? '' : 's'} passed`,
  };
}

export async function decide(spec: GateSpec, options: DecideOptions): Promise<DecisionWithHistory> {
  const started = performance.now();
  const context = {
    source: options.source,
    atMs: options.atMs,
    runCommands: options.runCommands ?? true,
  };
  const gates = await Promise.all(spec.gates.map((g) => evaluateGate(g, context)));
  const lookbackMs = options.lookbackMs ?? 0;
  const timelines =
    lookbackMs > 0
      ? await gateTimelines(spec.gates, gates, options.source, options.atMs, lookbackMs)
      : [];
  // A required gate without its history would count at its current result and inflate P(GO).
  const missing = timelines.filter((t) => t.required && t.error !== undefined);
  const probability =
    lookbackMs > 0 && missing.length === 0
      ? estimateProbability(
          timelines.map((t) => ({
            gate: t.gate,
            required: t.required,
            steps:
              t.points === undefined ? undefined : new Map(t.points.map((p) => [p.t, p.outcome])),
            current: t.current,
          })),
          lookbackMs,
        )
      : null;
  const { decision, reason } = combine(gates);
  return {
    result: {
      schemaVersion: 'drygate.decision/v1',
      spec: spec.name,
      decision,
      reason,
      at: options.atMs,
      source: options.source.description,
      require: spec.require,
      gates,
      probability,
      ...(missing.length === 0
        ? {}
        : {
            probabilityUnavailable: `no history for ${missing.map((t) => `${t.gate} (${t.error ?? ''})`).join(', ')}`,
          }),
      durationMs: performance.now() - started,
    },
    timelines,
  };
}
