/**
 * The gates of a spec as the backtest evaluates them: leaves (query, freshness, burn-rate gates,
 * each with its plan, raw grid and one byte per raw step), quorums over their sub-gates, and
 * the command and check gates that cannot be replayed. A top-level command or check gate is
 * left out of every decision; inside a quorum it counts as no data (its `on_nodata` outcome),
 * as `decide --no-commands` counts a command it did not run.
 *
 * @module
 */
import { type PlannedGate, type StepPlan, planFor } from '../evaluate/plan.js';
import type {
  CheckGate,
  CommandGate,
  Gate,
  GateSpec,
  QueryGate,
  QuorumGate,
} from '../spec/types.js';
import { NODATA, STATES, outcomeCode } from './codes.js';
import { type DecisionGrid, type RawGrid, rawGrid } from './grid.js';
import type { ExcludedGate } from './types.js';

interface NodeBase {
  /** Index in depth-first order: a parent comes before its sub-gates. */
  readonly id: number;
  readonly path: readonly string[];
  readonly depth: number;
  readonly parent: QuorumNode | undefined;
  /** The state code at each decision step. */
  readonly states: Uint8Array;
  /** The outcome code of each state code (after `on_nodata` and `on_error`). */
  readonly outcomes: Uint8Array;
}

export interface LeafNode extends NodeBase {
  readonly kind: 'leaf';
  readonly gate: PlannedGate;
  /** The gate's plan without its hold window: judged raw at every step of `grid`. */
  readonly rawPlan: StepPlan;
  readonly grid: RawGrid;
  /** Raw state code (with the WARNED bit) at each raw step. */
  readonly raw: Uint8Array;
  /** For query gates with an ordering condition: the value deciding each raw step. */
  readonly critical: Float64Array | undefined;
  /** Next raw step to evaluate, next decision step to fill. */
  nextRaw: number;
  nextDecision: number;
}

export interface QuorumNode extends NodeBase {
  readonly kind: 'quorum';
  readonly gate: QuorumGate;
  readonly children: readonly GateNode[];
}

/** A command or check gate inside a quorum: no data at every step. */
export interface FixedNode extends NodeBase {
  readonly kind: 'fixed';
  readonly gate: CommandGate | CheckGate;
}

export type GateNode = LeafNode | QuorumNode | FixedNode;

export interface GateTree {
  /** The replayed top-level gates. */
  readonly top: readonly GateNode[];
  /** Every node, depth first. */
  readonly nodes: readonly GateNode[];
  readonly leaves: readonly LeafNode[];
  readonly excluded: readonly ExcludedGate[];
}

/** Query gates whose threshold can be moved: an ordering comparison with a finite number. */
export function isTunable(gate: Gate): gate is QueryGate {
  return (
    gate.kind === 'query' &&
    ['<', '<=', '>', '>='].includes(gate.condition.op) &&
    Number.isFinite(gate.condition.threshold)
  );
}

export function buildTree(spec: GateSpec, grid: DecisionGrid): GateTree {
  const nodes: GateNode[] = [];
  const excluded: ExcludedGate[] = [];
  const build = (gate: Gate, parent: QuorumNode | undefined, path: readonly string[]): GateNode => {
    const base = {
      id: nodes.length,
      path: [...path, gate.name],
      depth: path.length,
      parent,
      states: new Uint8Array(grid.count),
      outcomes: Uint8Array.from(STATES, (_, state) => outcomeCode(gate, state)),
    };
    switch (gate.kind) {
      case 'query':
      case 'freshness':
      case 'burn-rate': {
        const plan = planFor(gate);
        const raw = rawGrid(grid, plan.stepMs, plan.holdMs);
        const leaf: LeafNode = {
          ...base,
          kind: 'leaf',
          gate,
          rawPlan: { ...plan, holdMs: 0 },
          grid: raw,
          raw: new Uint8Array(raw.count),
          critical: isTunable(gate) ? new Float64Array(raw.count) : undefined,
          nextRaw: 0,
          nextDecision: 0,
        };
        nodes.push(leaf);
        return leaf;
      }
      case 'quorum': {
        const children: GateNode[] = [];
        const node: QuorumNode = { ...base, kind: 'quorum', gate, children };
        nodes.push(node);
        for (const child of gate.gates) children.push(build(child, node, base.path));
        return node;
      }
      case 'command':
      case 'check': {
        const node: FixedNode = { ...base, kind: 'fixed', gate };
        node.states.fill(NODATA);
        nodes.push(node);
        excluded.push({
          gate: gate.name,
          path: base.path,
          kind: gate.kind,
          treatment: 'counted as no data in its quorum',
        });
        return node;
      }
    }
  };
  const top: GateNode[] = [];
  for (const gate of spec.gates) {
    if (gate.kind === 'command' || gate.kind === 'check')
      excluded.push({
        gate: gate.name,
        path: [gate.name],
        kind: gate.kind,
        treatment: 'left out of the decision',
      });
    else top.push(build(gate, undefined, []));
  }
  return {
    top,
    nodes,
    leaves: nodes.filter((n): n is LeafNode => n.kind === 'leaf'),
    excluded,
  };
}

/** The top-level gate a node belongs to. */
export function topOf(node: GateNode): GateNode {
  let n: GateNode = node;
  while (n.parent !== undefined) n = n.parent;
  return n;
}
