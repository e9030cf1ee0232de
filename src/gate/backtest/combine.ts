/**
 * The per-step combination, once every leaf has its state at a step: each quorum from its
 * sub-gates (deepest first), then the decision from the required top-level gates, by the same
 * rules as `decide` (see codes.ts).
 *
 * @module
 */
import {
  ERROR,
  OUTCOME_FAIL,
  OUTCOME_PASS,
  OUTCOME_UNDECIDED,
  decisionOf,
  quorumState,
} from './codes.js';
import type { GateTree } from './tree.js';

/** Fills quorum states and `decisions` for decision steps a..b. */
export function combineSteps(tree: GateTree, decisions: Uint8Array, a: number, b: number): void {
  for (let i = a; i <= b; i++) {
    // Depth first puts a quorum before its sub-gates: walk backwards to go bottom-up.
    for (let k = tree.nodes.length - 1; k >= 0; k--) {
      const node = tree.nodes[k];
      if (node?.kind !== 'quorum') continue;
      let passed = 0;
      let undecided = 0;
      let errored = 0;
      for (const child of node.children) {
        const state = child.states[i] as number;
        const outcome = child.outcomes[state];
        if (outcome === OUTCOME_PASS) passed++;
        else if (outcome === OUTCOME_UNDECIDED) {
          undecided++;
          if (state === ERROR) errored++;
        }
      }
      node.states[i] = quorumState(passed, undecided, node.gate.min, errored);
    }
    let failed = false;
    let undecided = false;
    for (const node of tree.top) {
      if (!node.gate.required) continue;
      const outcome = node.outcomes[node.states[i] as number];
      if (outcome === OUTCOME_FAIL) failed = true;
      else if (outcome === OUTCOME_UNDECIDED) undecided = true;
    }
    decisions[i] = decisionOf(failed, undecided || !tree.top.some((n) => n.gate.required));
  }
}
