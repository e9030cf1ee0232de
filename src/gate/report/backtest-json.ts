/**
 * The backtest's JSON report (`--output json`): the result with every time as RFC 3339 and
 * every duration in ms (fields ending in `Ms`). `schemaVersion` (`drygate.backtest/v1`) changes
 * with any change of shape; the fields are those of `BacktestResult` (gate/backtest/types.ts).
 *
 * @module
 */
import type { BacktestResult } from '../backtest/types.js';
import { jsonNumber } from './format.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Renders a backtest as JSON.
 *
 * @example JSON.parse(renderBacktestJson(result)).flips
 */
export function renderBacktestJson(result: BacktestResult): string {
  const body = {
    schemaVersion: result.schemaVersion,
    spec: result.spec,
    source: result.source,
    since: iso(result.sinceMs),
    until: iso(result.untilMs),
    first: iso(result.firstMs),
    stepMs: result.stepMs,
    steps: result.steps,
    maxPoints: result.maxPoints,
    flapThreshold: result.flapThreshold,
    excluded: result.excluded,
    flips: result.flips,
    timeInDecisionMs: result.timeInDecision,
    decisions: result.decisions.map((d) => ({
      decision: d.decision,
      start: iso(d.startMs),
      end: iso(d.endMs),
      steps: d.steps,
      durationMs: d.endMs - d.startMs,
    })),
    gates: result.gates.map((g) => ({
      gate: g.gate,
      path: g.path,
      depth: g.depth,
      kind: g.kind,
      required: g.required,
      replayed: g.replayed,
      evalStepMs: g.evalStepMs,
      holdMs: g.holdMs,
      timeInStateMs: g.timeInState,
      timeInOutcomeMs: g.timeInOutcome,
      changes: g.changes,
      changesPerHour: g.changesPerHour,
      flapping: g.flapping,
      blameMs: g.blame,
      intervals: g.intervals.map((i) => ({
        state: i.state,
        outcome: i.outcome,
        start: iso(i.startMs),
        end: iso(i.endMs),
        steps: i.steps,
      })),
    })),
    sensitivity: result.sensitivity.map((s) => ({
      ...s,
      threshold: jsonNumber(s.threshold),
      suggestion:
        s.suggestion === null
          ? null
          : {
              ...s.suggestion,
              threshold: jsonNumber(s.suggestion.threshold),
              change: jsonNumber(s.suggestion.change),
            },
    })),
    queries: result.queries.map((q) => ({
      gate: q.gate,
      role: q.role,
      query: q.query,
      start: iso(q.startMs),
      end: iso(q.endMs),
      stepMs: q.stepMs,
      points: q.points,
      durationMs: q.durationMs,
    })),
    errors: result.errors.map((e) => ({
      gate: e.gate,
      start: iso(e.startMs),
      end: iso(e.endMs),
      message: e.message,
    })),
    durationMs: result.durationMs,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
