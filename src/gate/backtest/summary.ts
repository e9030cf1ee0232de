/**
 * From the per-step states to what the reports show: the decision timeline as intervals, flips,
 * time per decision, and per gate its intervals, time per state, outcome changes per hour
 * (flapping) and blame.
 *
 * Time: the decision judged at a step stands until the next step, as in a state timeline; the
 * window ends at the last step (`until`), which therefore counts no time. An interval runs from
 * its first step to the first step of the next interval (or to the last step), and the times
 * per state add up to the window, last step minus first.
 *
 * @module
 */
import type { Decision, GateOutcome, GateState } from '../result.js';
import {
  DECISIONS,
  INCONCLUSIVE,
  NO_GO,
  OUTCOMES,
  OUTCOME_FAIL,
  OUTCOME_PASS,
  OUTCOME_UNDECIDED,
  STATES,
} from './codes.js';
import type { DecisionGrid } from './grid.js';
import { type GateNode, type GateTree, topOf } from './tree.js';
import type { DecisionInterval, GateBacktest, GateInterval } from './types.js';

interface Run {
  readonly code: number;
  readonly first: number;
  readonly steps: number;
}

/** Runs of equal codes. */
export function runsOf(codes: ArrayLike<number>): Run[] {
  const runs: Run[] = [];
  let first = 0;
  for (let i = 1; i <= codes.length; i++) {
    if (i === codes.length || codes[i] !== codes[first]) {
      runs.push({ code: codes[first] as number, first, steps: i - first });
      first = i;
    }
  }
  return runs;
}

/** The time step i stands for: one step, except the last (the end of the window). */
export function weightOf(grid: DecisionGrid, i: number): number {
  return i < grid.count - 1 ? grid.stepMs : 0;
}

/** Where a run of steps ends: the next run's first step, or the window's end. */
function runEnd(grid: DecisionGrid, run: Run): number {
  return grid.firstMs + Math.min(run.first + run.steps, grid.count - 1) * grid.stepMs;
}

export function decisionIntervals(decisions: Uint8Array, grid: DecisionGrid): DecisionInterval[] {
  return runsOf(decisions).map((r) => ({
    decision: DECISIONS[r.code] as Decision,
    startMs: grid.firstMs + r.first * grid.stepMs,
    endMs: runEnd(grid, r),
    steps: r.steps,
  }));
}

/** How many times the decision changed from one step to the next. */
export function countFlips(decisions: ArrayLike<number>): number {
  let flips = 0;
  for (let i = 1; i < decisions.length; i++) if (decisions[i] !== decisions[i - 1]) flips++;
  return flips;
}

export function timeInDecision(
  decisions: Uint8Array,
  grid: DecisionGrid,
): Record<Decision, number> {
  const time: Record<Decision, number> = { GO: 0, 'NO-GO': 0, INCONCLUSIVE: 0 };
  decisions.forEach((code, i) => (time[DECISIONS[code] as Decision] += weightOf(grid, i)));
  return time;
}

interface Blame {
  noGoMs: number;
  soleNoGoMs: number;
  inconclusiveMs: number;
}

/**
 * Blame: at a NO-GO step every failing required gate is deciding (sole when it is the only
 * one); at an INCONCLUSIVE step every undecided required gate is. A sub-gate shares its
 * top-level quorum's blame at the steps where it did not pass itself.
 */
function blameOf(tree: GateTree, decisions: Uint8Array, grid: DecisionGrid): Map<GateNode, Blame> {
  const blame = new Map<GateNode, Blame>(
    tree.nodes.map((n) => [n, { noGoMs: 0, soleNoGoMs: 0, inconclusiveMs: 0 }]),
  );
  const tops = tree.nodes.map((n) => topOf(n));
  for (let i = 0; i < decisions.length; i++) {
    const decision = decisions[i];
    const stepMs = weightOf(grid, i);
    if ((decision !== NO_GO && decision !== INCONCLUSIVE) || stepMs === 0) continue;
    const wanted = decision === NO_GO ? OUTCOME_FAIL : OUTCOME_UNDECIDED;
    const deciding = new Set<GateNode>();
    for (const node of tree.top)
      if (node.gate.required && node.outcomes[node.states[i] as number] === wanted)
        deciding.add(node);
    tree.nodes.forEach((node, k) => {
      if (!deciding.has(tops[k] as GateNode)) return;
      const outcome = node.outcomes[node.states[i] as number];
      if (node.depth === 0 ? outcome !== wanted : outcome === OUTCOME_PASS) return;
      const b = blame.get(node) as Blame;
      if (decision === INCONCLUSIVE) b.inconclusiveMs += stepMs;
      else {
        b.noGoMs += stepMs;
        if (deciding.size === 1) b.soleNoGoMs += stepMs;
      }
    });
  }
  return blame;
}

export function summarizeGates(
  tree: GateTree,
  decisions: Uint8Array,
  grid: DecisionGrid,
  flapThreshold: number,
): GateBacktest[] {
  const blame = blameOf(tree, decisions, grid);
  const hours = ((grid.count - 1) * grid.stepMs) / 3_600_000;
  return tree.nodes.map((node) => {
    const timeInState: Record<GateState, number> = { pass: 0, fail: 0, nodata: 0, error: 0 };
    const timeInOutcome: Record<GateOutcome, number> = { pass: 0, fail: 0, inconclusive: 0 };
    let changes = 0;
    for (let i = 0; i < node.states.length; i++) {
      const state = node.states[i] as number;
      timeInState[STATES[state] as GateState] += weightOf(grid, i);
      const outcome = node.outcomes[state] as number;
      timeInOutcome[OUTCOMES[outcome] as GateOutcome] += weightOf(grid, i);
      if (i > 0 && node.outcomes[node.states[i - 1] as number] !== outcome) changes++;
    }
    const changesPerHour = hours > 0 ? changes / hours : 0;
    const intervals: GateInterval[] = runsOf(node.states).map((r) => ({
      state: STATES[r.code] as GateState,
      outcome: OUTCOMES[node.outcomes[r.code] as number] as GateOutcome,
      startMs: grid.firstMs + r.first * grid.stepMs,
      endMs: runEnd(grid, r),
      steps: r.steps,
    }));
    return {
      gate: node.gate.name,
      path: node.path,
      depth: node.depth,
      kind: node.gate.kind,
      required: node.gate.required,
      replayed: node.kind !== 'fixed',
      evalStepMs: node.kind === 'leaf' ? node.grid.stepMs : grid.stepMs,
      holdMs: holdOf(node),
      timeInState,
      timeInOutcome,
      changes,
      changesPerHour,
      flapping: changesPerHour > flapThreshold,
      blame: blame.get(node) as Blame,
      intervals,
    };
  });
}

function holdOf(node: GateNode): number {
  return node.gate.kind === 'query' ? node.gate.holdMs : 0;
}
