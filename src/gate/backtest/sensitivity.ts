/**
 * Threshold sensitivity: for each query gate with an ordering condition (`< <= > >=`), the
 * smallest relaxation of its threshold that would have removed most of the decision flips it
 * caused. No query is sent again: every raw step of the gate kept its deciding value (see
 * critical.ts), so a candidate threshold re-judges each raw step, re-applies the hold window,
 * recomputes the gate's quorums and the decision with every other gate as it was, and counts
 * the decision's flips.
 *
 * - The flips a gate caused: the flips that disappear when its condition is relaxed all the way
 *   (every step with a value passes; steps without data or in error stay as they were).
 * - Candidates: only relaxations (a stricter threshold cannot remove a failure; it can only
 *   hide other gates' flips behind a steady NO-GO). The flip count changes only where the
 *   threshold crosses a deciding value, so the candidates are the distinct deciding values on
 *   the failing side of the threshold, nearest first (values within a rounding error, 1e-9
 *   relative, count as one; for a strict `<` or `>`, the roundest number between that value
 *   and the next one). All of them when there are at most 1,000, else the nearest 1,000 and a
 *   sparse sample of the rest.
 * - The suggestion: the nearest candidate that removes more than half of the flips the gate
 *   caused.
 *
 * @module
 */
import { formatNumber } from '../report/format.js';
import { satisfies } from '../evaluate/judge.js';
import type { Condition, QueryGate } from '../spec/types.js';
import {
  ERROR,
  FAIL,
  NODATA,
  OUTCOME_FAIL,
  OUTCOME_PASS,
  OUTCOME_UNDECIDED,
  PASS,
  WARNED,
  decisionOf,
  heldState,
  quorumState,
} from './codes.js';
import { rawIndex } from './grid.js';
import { countFlips } from './summary.js';
import type { GateNode, GateTree, LeafNode, QuorumNode } from './tree.js';
import type { ThresholdSensitivity } from './types.js';

/** Candidates evaluated exactly, nearest first; beyond them a sparse sample. */
export const MAX_EXACT_CANDIDATES = 1000;

export function thresholdSensitivity(
  tree: GateTree,
  decisions: Uint8Array,
): ThresholdSensitivity[] {
  return tree.leaves
    .filter((leaf) => leaf.critical !== undefined && leaf.gate.kind === 'query')
    .map((leaf) => analyse(tree, leaf, decisions));
}

/** The decision at step i if `leaf` counted as `outcome`, every other gate as it was. */
function decisionIf(tree: GateTree, leaf: LeafNode, i: number, outcome: number): number {
  let node: GateNode = leaf;
  let counted = outcome;
  while (node.parent !== undefined) {
    const quorum: QuorumNode = node.parent;
    let passed = 0;
    let undecided = 0;
    let errored = 0;
    for (const child of quorum.children) {
      const o = child === node ? counted : (child.outcomes[child.states[i] as number] as number);
      if (o === OUTCOME_PASS) passed++;
      else if (o === OUTCOME_UNDECIDED) {
        undecided++;
        if (child !== node && child.states[i] === ERROR) errored++;
      }
    }
    counted = quorum.outcomes[quorumState(passed, undecided, quorum.gate.min, errored)] as number;
    node = quorum;
  }
  let failed = false;
  let undecided = false;
  for (const top of tree.top) {
    if (!top.gate.required) continue;
    const o = top === node ? counted : (top.outcomes[top.states[i] as number] as number);
    if (o === OUTCOME_FAIL) failed = true;
    else if (o === OUTCOME_UNDECIDED) undecided = true;
  }
  return decisionOf(failed, undecided || !tree.top.some((n) => n.gate.required));
}

/** Re-judges a leaf under other thresholds. */
class Rejudge {
  private readonly leaf: LeafNode;
  private readonly critical: Float64Array;
  /** decisionIf for each step and each outcome code: 3 entries per step. */
  private readonly table: Uint8Array;
  /** The raw index of each decision step. */
  private readonly at: Int32Array;
  /** The held state of each step if nothing in its window failed (no threshold changes it). */
  private readonly quiet: Uint8Array;
  /** Prefix counts of failing raw steps along the hold stride, refilled per threshold. */
  private readonly fail: Int32Array;
  private readonly span: number;

  constructor(tree: GateTree, leaf: LeafNode, steps: number) {
    const { raw, grid } = leaf;
    this.leaf = leaf;
    this.critical = leaf.critical as Float64Array;
    this.span = (grid.holdSteps + 1) * grid.stride;
    this.table = new Uint8Array(steps * 3);
    this.at = new Int32Array(steps);
    this.quiet = new Uint8Array(steps);
    this.fail = new Int32Array(raw.length);
    const error = this.prefix((r) => ((raw[r] as number) & 3) === ERROR);
    const nodata = this.prefix((r) => ((raw[r] as number) & 3) === NODATA);
    const warned = this.prefix((r) => ((raw[r] as number) & WARNED) !== 0);
    for (let i = 0; i < steps; i++) {
      for (let o = 0; o < 3; o++) this.table[i * 3 + o] = decisionIf(tree, leaf, i, o);
      const r = rawIndex(grid, i);
      this.at[i] = r;
      this.quiet[i] = heldState({
        error: this.window(error, r),
        fail: 0,
        nodata: this.window(nodata, r),
        warned: this.window(warned, r),
      });
    }
  }

  private prefix(test: (r: number) => boolean): Int32Array {
    const { stride } = this.leaf.grid;
    const out = new Int32Array(this.leaf.raw.length);
    for (let r = 0; r < out.length; r++)
      out[r] = (test(r) ? 1 : 0) + (r >= stride ? (out[r - stride] as number) : 0);
    return out;
  }

  /** How many counted raw steps the hold window ending at r holds. */
  private window(prefix: Int32Array, r: number): number {
    return (prefix[r] as number) - (r - this.span >= 0 ? (prefix[r - this.span] as number) : 0);
  }

  /** Refills the failing-step counts for this condition. */
  private judge(condition: Condition): void {
    const { raw, grid } = this.leaf;
    const { fail, critical } = this;
    for (let r = 0; r < fail.length; r++) {
      const state = (raw[r] as number) & 3;
      const failed =
        (state === PASS || state === FAIL) && !satisfies(critical[r] as number, condition);
      fail[r] = (failed ? 1 : 0) + (r >= grid.stride ? (fail[r - grid.stride] as number) : 0);
    }
  }

  private held(i: number): number {
    const quiet = this.quiet[i] as number;
    // An error outranks a failure (heldState); a failure outranks everything else.
    if (quiet === ERROR) return ERROR;
    return this.window(this.fail, this.at[i] as number) > 0 ? FAIL : quiet;
  }

  /** The gate's held state at each decision step with this condition, as codes. */
  states(condition: Condition): Uint8Array {
    this.judge(condition);
    return Uint8Array.from(this.quiet, (_, i) => this.held(i));
  }

  /** The decision's flips with this condition. */
  flips(condition: Condition): number {
    this.judge(condition);
    const { outcomes } = this.leaf;
    let flips = 0;
    let previous = -1;
    for (let i = 0; i < this.quiet.length; i++) {
      const decision = this.table[i * 3 + (outcomes[this.held(i)] as number)] as number;
      if (previous >= 0 && decision !== previous) flips++;
      previous = decision;
    }
    return flips;
  }
}

function analyse(tree: GateTree, leaf: LeafNode, decisions: Uint8Array): ThresholdSensitivity {
  const gate = leaf.gate as QueryGate;
  const { op, threshold } = gate.condition;
  const base = {
    gate: gate.name,
    path: leaf.path,
    condition: gate.condition.text,
    op,
    threshold,
  };
  const flips = countFlips(decisions);
  const rejudge = new Rejudge(tree, leaf, decisions.length);
  const conditionAt = (t: number): Condition => ({ op, threshold: t, text: `${op} ${t}` });
  // The deciding values must reproduce what was judged, or the analysis would be fiction.
  const same = rejudge.states(gate.condition);
  if (same.some((s, i) => s !== leaf.states[i]))
    return {
      ...base,
      flipsCaused: 0,
      suggestion: null,
      candidates: 0,
      note: 'not analysed: its deciding values do not reproduce its states',
    };
  const upward = op === '>' || op === '>=';
  const relaxed = rejudge.flips(conditionAt(upward ? -Infinity : Infinity));
  const caused = flips - relaxed;
  if (caused <= 0)
    return {
      ...base,
      flipsCaused: 0,
      suggestion: null,
      candidates: 0,
      note:
        flips === 0
          ? 'the decision never flipped'
          : `relaxing it removes none of the ${flips} flips of the decision`,
    };
  const candidates = candidateThresholds(leaf, gate.condition);
  let checked = 0;
  for (const t of candidates) {
    checked++;
    const after = rejudge.flips(conditionAt(t));
    if ((flips - after) * 2 > caused) {
      const condition = `${op} ${formatNumber(t)}`;
      return {
        ...base,
        flipsCaused: caused,
        suggestion: {
          threshold: t,
          change: t - threshold,
          condition,
          flips: after,
          removed: flips - after,
        },
        candidates: checked,
        note: `${condition} removes ${flips - after} of the ${caused} flips it caused (${flips} → ${after})`,
      };
    }
  }
  return {
    ...base,
    flipsCaused: caused,
    suggestion: null,
    candidates: checked,
    note: `no threshold removes more than half of the ${caused} flips it caused`,
  };
}

/** Relaxed thresholds to try, nearest first (see the module comment). */
export function candidateThresholds(leaf: LeafNode, condition: Condition): number[] {
  const { op, threshold: t } = condition;
  const critical = leaf.critical as Float64Array;
  const values = new Set<number>();
  for (let r = 0; r < critical.length; r++) {
    const state = (leaf.raw[r] as number) & 3;
    const c = critical[r] as number;
    if ((state !== PASS && state !== FAIL) || !Number.isFinite(c)) continue;
    const failingSide = op === '>=' ? c < t : op === '>' ? c <= t : op === '<=' ? c > t : c >= t;
    if (failingSide) values.add(c);
  }
  const upward = op === '>' || op === '>=';
  // Nearest first: descending below the threshold, ascending above it.
  const sorted = [...values].sort((a, b) => (upward ? b - a : a - b));
  // Values a rounding error apart are one value: sources that add in another order (Prometheus
  // 2 and 3, say) must get the same suggestion.
  const clusters: { near: number; far: number }[] = [];
  for (const c of sorted) {
    const last = clusters[clusters.length - 1];
    if (
      last !== undefined &&
      Math.abs(c - last.far) <= 1e-9 * Math.max(Math.abs(c), Math.abs(last.far))
    )
      last.far = c;
    else clusters.push({ near: c, far: c });
  }
  // Each candidate lets its whole cluster pass and nothing further from the threshold.
  const candidates = clusters.map(({ far }, j) => {
    const next = clusters[j + 1]?.near;
    if (op === '>') return niceBelow(far, next ?? -Infinity);
    if (op === '<') return niceAbove(far, next ?? Infinity);
    return far;
  });
  if (candidates.length <= MAX_EXACT_CANDIDATES) return candidates;
  const picked = candidates.slice(0, MAX_EXACT_CANDIDATES);
  for (let j = MAX_EXACT_CANDIDATES; j < candidates.length; j = Math.ceil(j * 1.1))
    picked.push(candidates[j] as number);
  picked.push(candidates[candidates.length - 1] as number);
  return picked;
}

/**
 * The roundest number in [lo, hi), nearest to hi: what `> x` needs so that `hi` passes and
 * nothing below `lo` does.
 *
 * @example niceBelow(0.99, 0.98) // 0.98
 */
export function niceBelow(hi: number, lo: number): number {
  for (let d = 0; d <= 12; d++) {
    const f = 10 ** d;
    let x = (Math.ceil(hi * f) - 1) / f;
    if (x >= hi) x = (Math.ceil(hi * f) - 2) / f;
    if (x >= lo && x < hi) return x;
  }
  return Number.isFinite(lo) ? lo : hi - Math.max(1, Math.abs(hi));
}

/** The roundest number in (lo, hi], nearest to lo: what `< x` needs so that `lo` passes. */
export function niceAbove(lo: number, hi: number): number {
  for (let d = 0; d <= 12; d++) {
    const f = 10 ** d;
    let x = (Math.floor(lo * f) + 1) / f;
    if (x <= lo) x = (Math.floor(lo * f) + 2) / f;
    if (x > lo && x <= hi) return x;
  }
  return Number.isFinite(hi) ? hi : lo + Math.max(1, Math.abs(lo));
}
