/**
 * The success probability of a decision. Each required gate's pass rate over the lookback
 * window gives a Beta(1 + passes, 1 + fails) posterior; its mean is the gate's pass
 * probability p_i. Assuming gates fail independently, P(GO) = prod p_i, and the sensitivity
 * dP/dp_i = prod_{j != i} p_j says how much P(GO) gains per unit of p_i: the gate with the
 * largest one moves P(GO) most. Gates are rarely independent (one outage fails several), so
 * the fraction of past steps at which all required gates passed together is shown beside it.
 * Gates without history (commands, checks) count at their current result, p = 1 or 0.
 *
 * @module
 */
import type { GateHistory, GateOutcome, Probability } from './result.js';

export interface GateSteps {
  readonly gate: string;
  readonly required: boolean;
  /** Outcomes at past steps (time -> outcome); undefined for gates judged only now. */
  readonly steps: ReadonlyMap<number, GateOutcome> | undefined;
  /** The outcome now, used when there is no history. */
  readonly current: GateOutcome;
}

export function estimateProbability(gates: readonly GateSteps[], lookbackMs: number): Probability {
  const required = gates.filter((g) => g.required);
  const base = gates.map((g) => {
    if (g.steps === undefined) {
      const p = g.current === 'pass' ? 1 : 0;
      return {
        gate: g.gate,
        basis: 'current' as const,
        steps: 1,
        passes: p,
        alpha: null,
        beta: null,
        p,
      };
    }
    const steps = g.steps.size;
    const passes = [...g.steps.values()].filter((o) => o === 'pass').length;
    const alpha = 1 + passes;
    const beta = 1 + steps - passes;
    return {
      gate: g.gate,
      basis: 'history' as const,
      steps,
      passes,
      alpha,
      beta,
      p: alpha / (alpha + beta),
    };
  });
  const pOf = new Map(base.map((b) => [b.gate, b.p]));
  const requiredNames = new Set(required.map((g) => g.gate));
  const pGo = required.reduce((acc, g) => acc * (pOf.get(g.gate) as number), 1);
  const histories: GateHistory[] = base.map((b) => ({
    ...b,
    sensitivity: requiredNames.has(b.gate)
      ? required.reduce(
          (acc, g) => (g.gate === b.gate ? acc : acc * (pOf.get(g.gate) as number)),
          1,
        )
      : 0,
  }));
  let weakest: GateHistory | undefined;
  for (const h of histories) {
    if (!requiredNames.has(h.gate)) continue;
    if (
      weakest === undefined ||
      h.sensitivity > weakest.sensitivity ||
      (h.sensitivity === weakest.sensitivity && h.p < weakest.p)
    )
      weakest = h;
  }
  const joint = empiricalJoint(required);
  return {
    lookbackMs,
    pGo,
    empirical: joint.steps === 0 ? null : joint.passes / joint.steps,
    empiricalSteps: joint.steps,
    gates: histories,
    weakest: weakest?.gate ?? null,
  };
}

/** Steps (common to every required gate with history) at which all of them passed. */
function empiricalJoint(required: readonly GateSteps[]): { steps: number; passes: number } {
  const withHistory = required.filter((g) => g.steps !== undefined);
  if (withHistory.length === 0) return { steps: 0, passes: 0 };
  const now = required.filter((g) => g.steps === undefined);
  const allNow = now.every((g) => g.current === 'pass');
  const [first, ...rest] = withHistory as [GateSteps, ...GateSteps[]];
  let steps = 0;
  let passes = 0;
  for (const [t, outcome] of first.steps as ReadonlyMap<number, GateOutcome>) {
    const others = rest.map((g) => g.steps?.get(t));
    if (others.some((o) => o === undefined)) continue;
    steps++;
    if (allNow && outcome === 'pass' && others.every((o) => o === 'pass')) passes++;
  }
  return { steps, passes };
}
