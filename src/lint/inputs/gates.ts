/**
 * A tiny reader of drygate gate specs (`apiVersion: drygate/v1`) for lint: only what lint needs
 * (the `require` matchers, each gate's PromQL with its place in the file, its condition), so
 * that lint does not depend on the gate engine. Validation of the spec is `drygate check gates`'s
 * job; what this reader does not understand it leaves alone.
 *
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Scalar } from 'yaml';
import { scalarOffsetMap, type ScalarStyle } from '../../rules/scalar-offsets.js';
import type { SourceRef } from '../../rules/types.js';
import type { GateCondition, GateQuery, LabelObservation, LintExpr } from '../model.js';
import type { SourceText } from '../source.js';
import type { Problem } from '../types.js';
import { buildExpr, scalarLocation } from './expr.js';
import { yamlErrorMessage } from '../../model/yaml-positions.js';

/** Keys whose values are PromQL: `query`/`fallback` (query, freshness), `errors`/`total` (burn-rate). */
const ROLES = ['query', 'fallback', 'errors', 'total'] as const;
const CONDITION = /^\s*(==|!=|<=|>=|<|>)\s*(\S+)\s*$/;

/** Whether a text is a gate spec: a top-level `apiVersion: drygate/v1`. */
export function isGateSpec(text: string): boolean {
  return /^apiVersion:[ \t]*["']?drygate\/v1["']?[ \t]*(#.*)?$/m.test(text);
}

export interface ReadGates {
  readonly require: readonly LabelObservation[];
  readonly queries: readonly GateQuery[];
  readonly exprs: readonly LintExpr[];
  readonly problems: readonly Problem[];
  /** A block per gate entry, for ignore comments (lines of the gate's mapping). */
  readonly anchors: readonly number[];
}

class GateReader {
  readonly queries: GateQuery[] = [];
  readonly exprs: LintExpr[] = [];
  readonly problems: Problem[] = [];
  readonly anchors: number[] = [];
  private readonly source: SourceText;

  constructor(source: SourceText) {
    this.source = source;
  }

  at(node: Node): SourceRef {
    return this.source.at(node.range?.[0] ?? 0);
  }

  problem(message: string, node: Node): void {
    this.problems.push({
      check: 'input/parse',
      severity: 'error',
      summary: message,
      details: '',
      source: this.at(node),
      diagnostics: [],
    });
  }

  /** Where each character of a scalar's value was written. */
  positions(node: Scalar<unknown>, value: string): (offset: number) => SourceRef {
    const [start, end] = node.range ?? [0, 0];
    let map: ((i: number) => number) | undefined;
    return (offset) => {
      map ??= scalarOffsetMap(this.source.text, start, end, node.type as ScalarStyle, value);
      return this.source.at(map(offset));
    };
  }

  gate(node: Node, path: string): void {
    if (!isMap(node)) return;
    this.anchors.push(this.at(node).line);
    const name = node.get('name', true);
    const own = isScalar(name) && typeof name.value === 'string' ? name.value : '';
    const full = path === '' ? own : `${path}/${own}`;
    const conditionNode = node.get('condition', true);
    let condition: GateCondition | undefined;
    if (isScalar(conditionNode)) {
      const m = CONDITION.exec(String(conditionNode.value));
      const value = m === null ? NaN : Number(m[2]);
      if (m !== null && !Number.isNaN(value))
        condition = { op: m[1] as string, value, source: this.at(conditionNode) };
    }
    for (const role of ROLES) {
      const scalar = node.get(role, true);
      if (!isScalar(scalar) || typeof scalar.value !== 'string' || scalar.value.trim() === '')
        continue;
      const text = scalar.value;
      const position = this.positions(scalar, text);
      const gate = {
        file: this.source.file,
        gate: full,
        role,
        condition,
        expr: undefined as unknown as LintExpr,
      };
      const built = buildExpr(text, {
        file: this.source.file,
        origin: 'gate',
        position,
        location: scalarLocation(this.source, scalar.type as ScalarStyle, position),
        gate,
      });
      if ('check' in built) {
        this.problems.push({
          ...built,
          summary: `gate ${JSON.stringify(full)} ${role}: ${built.summary}`,
        });
        continue;
      }
      gate.expr = built;
      this.queries.push(gate);
      this.exprs.push(built);
    }
    const sub = node.get('gates', true);
    if (isSeq(sub)) for (const item of sub.items) this.gate(item as Node, full);
  }
}

/** Reads a gate spec's queries; bad YAML is a problem, never an exception. */
export function readGates(source: SourceText): ReadGates {
  const counter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter: counter, prettyErrors: false });
  const reader = new GateReader(source);
  const error = doc.errors[0];
  if (error !== undefined) {
    return {
      require: [],
      queries: [],
      exprs: [],
      anchors: [],
      problems: [
        {
          check: 'input/parse',
          severity: 'error',
          summary: yamlErrorMessage(error),
          details: '',
          source: source.at(error.pos[0]),
          diagnostics: [],
        },
      ],
    };
  }
  const root = doc.contents;
  const require: LabelObservation[] = [];
  if (isMap(root)) {
    const req = root.get('require', true);
    if (isMap(req)) {
      for (const item of req.items) {
        if (!isScalar(item.key) || !isScalar(item.value)) continue;
        require.push({
          label: String(item.key.value),
          value: String(item.value.value),
          source: reader.at(item.value as Node),
          where: "the gate spec's require",
          kind: 'gate',
        });
      }
    }
    const gates = root.get('gates', true);
    if (isSeq(gates)) for (const item of gates.items) reader.gate(item as Node, '');
    else if (gates !== undefined) reader.problem('gates: expected a list of gates', gates as Node);
  }
  return {
    require,
    queries: reader.queries,
    exprs: reader.exprs,
    problems: reader.problems,
    anchors: reader.anchors,
  };
}
