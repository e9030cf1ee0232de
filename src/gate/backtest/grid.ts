/**
 * The time grids of a backtest. Decisions are judged on the grid `until - k*step` (so that the
 * decision at `until` is one of them, as `decide --at until` would judge it). A gate is
 * evaluated on its own raw grid, which holds every decision time and, for a gate with a hold
 * window, every time its hold window looks at: the gate's own step (the `step:` of the spec)
 * counted back from each decision time. Both grids are integer milliseconds, so chunks cut on
 * them line up exactly and chunking changes no result.
 *
 * @module
 */

export interface DecisionGrid {
  /** The first decision time: the earliest `until - k*step` that is not before `since`. */
  readonly firstMs: number;
  readonly untilMs: number;
  readonly stepMs: number;
  /** How many decision times. */
  readonly count: number;
}

/**
 * The decision times between `sinceMs` and `untilMs`, both included when on the grid.
 *
 * @example decisionGrid(0, 600_000, 300_000) // { firstMs: 0, untilMs: 600000, stepMs: 300000, count: 3 }
 */
export function decisionGrid(sinceMs: number, untilMs: number, stepMs: number): DecisionGrid {
  const steps = Math.floor((untilMs - sinceMs) / stepMs);
  return { firstMs: untilMs - steps * stepMs, untilMs, stepMs, count: steps + 1 };
}

export function decisionTime(grid: DecisionGrid, i: number): number {
  return grid.firstMs + i * grid.stepMs;
}

/** Greatest common divisor of two positive integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Where one gate is evaluated. Without a hold window that is the decision grid itself. With
 * one, the hold window of the decision at T looks at T, T - g, ..., T - H*g (g the gate's step,
 * H = ceil(hold / g), as `decide` does), so the raw grid has the step gcd(step, g) and starts
 * H*g before the first decision.
 */
export interface RawGrid {
  readonly startMs: number;
  readonly stepMs: number;
  readonly count: number;
  /** H: how many gate steps back the hold window reaches (0: no hold). */
  readonly holdSteps: number;
  /** Raw steps per gate step: the stride of the hold window on the raw grid. */
  readonly stride: number;
  /** Raw steps per decision step. */
  readonly perDecision: number;
  /** The raw index of the first decision time. */
  readonly offset: number;
}

export function rawGrid(decision: DecisionGrid, gateStepMs: number, holdMs: number): RawGrid {
  const holdSteps = holdMs > 0 ? Math.ceil(holdMs / gateStepMs) : 0;
  const stepMs = holdSteps === 0 ? decision.stepMs : gcd(decision.stepMs, gateStepMs);
  const stride = holdSteps === 0 ? 1 : gateStepMs / stepMs;
  const offset = holdSteps * stride;
  const perDecision = decision.stepMs / stepMs;
  return {
    startMs: decision.firstMs - offset * stepMs,
    stepMs,
    count: offset + (decision.count - 1) * perDecision + 1,
    holdSteps,
    stride,
    perDecision,
    offset,
  };
}

/** The raw index of decision `i`. */
export function rawIndex(grid: RawGrid, i: number): number {
  return grid.offset + i * grid.perDecision;
}

export function rawTime(grid: RawGrid, r: number): number {
  return grid.startMs + r * grid.stepMs;
}

/**
 * The last raw index of the chunk that starts at `r0`: chunks are cut at multiples of
 * `maxPoints`, so each has at most that many points and their edges do not depend on where
 * evaluation started or paused.
 *
 * @example chunkEnd(0, 10, 4) // 3; chunkEnd(5, 10, 4) // 7; chunkEnd(8, 10, 4) // 9
 */
export function chunkEnd(r0: number, count: number, maxPoints: number): number {
  const size = Math.max(1, Math.floor(maxPoints));
  return Math.min(count - 1, (Math.floor(r0 / size) + 1) * size - 1);
}
