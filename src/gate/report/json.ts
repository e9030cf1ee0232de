/**
 * The JSON report (`--output json`): the decision result with labels as plain objects, and
 * each gate's signal over the lookback window. `schemaVersion` changes with any change of
 * shape; docs/decide.md documents the fields.
 *
 * @module
 */
import type { Labels } from '../../model/labels.js';
import type { GateTimeline } from '../history.js';
import type { DecisionResult, GateResult } from '../result.js';
import { jsonNumber } from './format.js';

function labelObject(labels: Labels): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.name, l.value]));
}

function gateJson(gate: GateResult): Record<string, unknown> {
  return {
    ...gate,
    values: gate.values.map((v) => ({
      ...v,
      labels: labelObject(v.labels),
      value: jsonNumber(v.value),
    })),
    ...(gate.gates === undefined ? {} : { gates: gate.gates.map(gateJson) }),
  };
}

export function renderJson(result: DecisionResult, timelines: readonly GateTimeline[]): string {
  const body = {
    ...result,
    at: new Date(result.at).toISOString(),
    gates: result.gates.map(gateJson),
    history: timelines.map((t) => ({
      gate: t.gate,
      ...(t.error === undefined ? {} : { error: t.error }),
      points:
        t.points?.map((p) => ({
          t: new Date(p.t).toISOString(),
          state: p.state,
          outcome: p.outcome,
          value: p.value === null ? null : jsonNumber(p.value),
        })) ?? null,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
