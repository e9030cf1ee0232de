/**
 * Each gate judged at every step of the lookback window (one range query per query, never one
 * per step): the pass history behind the probability and the signal drawn in the report.
 *
 * @module
 */
import { outcomeOf } from './evaluate/gate.js';
import type { Judgement } from './evaluate/judge.js';
import { planFor } from './evaluate/plan.js';
import { quorumState } from './evaluate/quorum.js';
import { runPlanRange } from './evaluate/run-plan.js';
import type { GateOutcome, GateResult, GateState } from './result.js';
import type { MetricsSource } from './source/types.js';
import type { Gate } from './spec/types.js';

export interface SignalPoint {
  readonly t: number;
  readonly state: GateState;
  readonly outcome: GateOutcome;
  /** The value that decided the step (the first failing one, else the first), if any. */
  readonly value: number | null;
}

export interface GateTimeline {
  readonly gate: string;
  readonly required: boolean;
  /** Undefined for gates without history (commands, checks), or when the history query failed. */
  readonly points: readonly SignalPoint[] | undefined;
  readonly current: GateOutcome;
  /** Why there is no history, when the range query failed. */
  readonly error?: string;
}

function decidingValue(judgement: Judgement): number | null {
  const failing = judgement.values.find((v) => !v.passed && !Number.isNaN(v.value));
  const first = failing ?? judgement.values.find((v) => !Number.isNaN(v.value));
  return first?.value ?? null;
}

/** Outcomes over time of one gate; undefined when it has no history. */
async function gatePoints(
  gate: Gate,
  source: MetricsSource,
  startMs: number,
  endMs: number,
): Promise<readonly SignalPoint[] | undefined> {
  switch (gate.kind) {
    case 'query':
    case 'freshness':
    case 'burn-rate': {
      const timeline = await runPlanRange(planFor(gate), source, startMs, endMs, {
        explain: false,
      });
      return timeline.steps.map(({ t, judgement }) => {
        const state =
          judgement.state === 'pass' && timeline.warnings.length > 0 ? 'error' : judgement.state;
        return { t, state, outcome: outcomeOf(gate, state), value: decidingValue(judgement) };
      });
    }
    case 'quorum': {
      const children = await Promise.all(
        gate.gates.map((g) => gatePoints(g, source, startMs, endMs)),
      );
      if (children.some((c) => c === undefined)) return undefined;
      const byTime = children.map((c) => new Map((c as SignalPoint[]).map((p) => [p.t, p])));
      const points: SignalPoint[] = [];
      for (const t of (byTime[0] as Map<number, SignalPoint>).keys()) {
        const at = byTime.map((m) => m.get(t));
        if (at.some((p) => p === undefined)) continue;
        const passed = at.filter((p) => p?.outcome === 'pass').length;
        const undecided = at.filter((p) => p?.outcome === 'inconclusive');
        const errored = undecided.filter((p) => p?.state === 'error').length;
        const state = quorumState(passed, undecided.length, errored, gate.min);
        points.push({ t, state, outcome: outcomeOf(gate, state), value: passed });
      }
      return points;
    }
    case 'command':
    case 'check':
      return undefined;
  }
}

export async function gateTimelines(
  gates: readonly Gate[],
  results: readonly GateResult[],
  source: MetricsSource,
  atMs: number,
  lookbackMs: number,
): Promise<GateTimeline[]> {
  return Promise.all(
    gates.map(async (gate, i) => {
      const current = (results[i] as GateResult).outcome;
      try {
        const points = await gatePoints(gate, source, atMs - lookbackMs, atMs);
        return { gate: gate.name, required: gate.required, points, current };
      } catch (err) {
        return {
          gate: gate.name,
          required: gate.required,
          points: undefined,
          current,
          error: (err as Error).message,
        };
      }
    }),
  );
}
