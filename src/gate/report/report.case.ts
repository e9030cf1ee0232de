/** A decision result with every feature the reporters render, for their tests. */
import type { DecisionResult, GateResult } from '../result.js';

const base = {
  kind: 'query',
  required: true,
  queries: [{ role: 'primary', query: 'up{metric_realm="prod"}', durationMs: 3.2 }],
  warnings: [],
  durationMs: 4,
} as const;

export const HOSTILE = '<script>alert(1)</script> | *x* [a](b) & "q"';

export const GATES: readonly GateResult[] = [
  {
    ...base,
    gate: 'heartbeat-ok',
    state: 'fail',
    outcome: 'fail',
    reason: '1 of 2 values not == 1: {instance="a"} 0',
    condition: '== 1',
    values: [
      { labels: [{ name: 'instance', value: 'a' }], value: 0, passed: false },
      { labels: [{ name: 'instance', value: HOSTILE }], value: 1, passed: true },
    ],
  },
  {
    ...base,
    gate: 'odd',
    required: false,
    state: 'nodata',
    outcome: 'inconclusive',
    reason: 'no data: the value is NaN',
    condition: '> 0',
    values: [{ labels: [], value: NaN, passed: false }],
  },
  {
    ...base,
    kind: 'quorum',
    gate: 'canary',
    state: 'pass',
    outcome: 'pass',
    reason: '2 of 2 passed, need 1',
    condition: '1 of 2 pass',
    queries: [],
    values: [],
    gates: [
      {
        ...base,
        gate: 'canary-eu',
        state: 'pass',
        outcome: 'pass',
        reason: 'ok',
        condition: '>= 0.99',
        values: [],
      },
      {
        ...base,
        gate: 'canary-us',
        state: 'pass',
        outcome: 'pass',
        reason: 'ok',
        condition: '>= 0.99',
        values: [],
      },
    ],
  },
];

export const RESULT: DecisionResult = {
  schemaVersion: 'drygate.decision/v1',
  spec: 'l4-dry-run',
  decision: 'NO-GO',
  reason: 'required gate failed: heartbeat-ok',
  at: Date.UTC(2026, 10, 28, 14, 5),
  source: 'http://127.0.0.1:9090',
  require: { metric_realm: 'prod' },
  gates: GATES,
  probability: {
    lookbackMs: 86_400_000,
    pGo: 0.45,
    empirical: 0.4,
    empiricalSteps: 1441,
    weakest: 'heartbeat-ok',
    gates: [
      {
        gate: 'heartbeat-ok',
        basis: 'history',
        steps: 1441,
        passes: 647,
        alpha: 648,
        beta: 795,
        p: 0.449,
        sensitivity: 0.998,
      },
    ],
  },
  durationMs: 12,
};
