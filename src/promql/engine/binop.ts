/**
 * Binary operators: arithmetic, comparison (with and without `bool`), and the set operators,
 * between scalars and vectors, with Prometheus's vector matching and its error texts.
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import {
  dropMetricName,
  formatLabels,
  getLabel,
  keepLabels,
  type Labels,
  METRIC_NAME,
  removeLabels,
  setLabel,
} from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import type { BinaryOp, VectorMatching } from '../ast.js';
import type { Sample } from '../value.js';
import type { EvalContext } from './context.js';

const COMPARISONS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);

export function isComparison(op: BinaryOp): boolean {
  return COMPARISONS.has(op);
}

/** Arithmetic operators change what the number means, so the result loses the metric name. */
function changesMetricSchema(op: BinaryOp): boolean {
  return (
    op === '+' ||
    op === '-' ||
    op === '*' ||
    op === '/' ||
    op === '^' ||
    op === '%' ||
    op === 'atan2'
  );
}

/** Go's math.Mod: the result has the sign of the dividend. */
function goMod(a: number, b: number): number {
  return a % b;
}

export function scalarBinop(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '^':
      return Math.pow(l, r);
    case '%':
      return goMod(l, r);
    case 'atan2':
      return Math.atan2(l, r);
    case '==':
      return l === r ? 1 : 0;
    case '!=':
      return l !== r ? 1 : 0;
    case '>':
      return l > r ? 1 : 0;
    case '<':
      return l < r ? 1 : 0;
    case '>=':
      return l >= r ? 1 : 0;
    case '<=':
      return l <= r ? 1 : 0;
    default:
      throw new QueryError(`operator "${op}" not allowed for Scalar operations`);
  }
}

/** The value and whether a comparison keeps the element; arithmetic always keeps it. */
function elemBinop(op: BinaryOp, l: number, r: number): [number, boolean] {
  switch (op) {
    case '==':
      return [l, l === r];
    case '!=':
      return [l, l !== r];
    case '>':
      return [l, l > r];
    case '<':
      return [l, l < r];
    case '>=':
      return [l, l >= r];
    case '<=':
      return [l, l <= r];
    default:
      return [scalarBinop(op, l, r), true];
  }
}

export function vectorScalarBinop(
  op: BinaryOp,
  vector: readonly Sample[],
  scalar: number,
  swap: boolean,
  returnBool: boolean,
  ctx: EvalContext,
): Sample[] {
  const out: Sample[] = [];
  const comparison = isComparison(op);
  for (const s of vector) {
    const [l, r] = swap ? [scalar, s.f] : [s.f, scalar];
    let [value, keep] = elemBinop(op, l, r);
    // A comparison keeps the vector element's value even when the scalar is on the left.
    if (comparison && swap) value = r;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    if (changesMetricSchema(op) || returnBool) {
      out.push({
        labels: ctx.options.delayedNameRemoval ? s.labels : dropMetricName(s.labels),
        t: s.t,
        f: value,
        dropName: true,
      });
    } else {
      out.push({ labels: s.labels, t: s.t, f: value, dropName: s.dropName === true });
    }
  }
  return out;
}

/** Computes the join signature of a label set under a matching, cached per label-set object. */
export class Signatures {
  private readonly names: ReadonlySet<string>;
  private readonly on: boolean;
  private readonly cache = new WeakMap<Labels, string>();
  /** Result label sets by input pair, kept for the whole expression so steps share arrays. */
  readonly results = new Map<string, Labels>();

  constructor(matching: VectorMatching) {
    this.on = matching.on;
    this.names = new Set(
      matching.on ? matching.matchingLabels : [...matching.matchingLabels, METRIC_NAME],
    );
  }

  of(labels: Labels): string {
    let sig = this.cache.get(labels);
    if (sig === undefined) {
      sig = labelsKey(this.matchLabels(labels));
      this.cache.set(labels, sig);
    }
    return sig;
  }

  /** The labels the signature is made of (Prometheus `MatchLabels`). */
  matchLabels(labels: Labels): Labels {
    return this.on ? keepLabels(labels, this.names) : removeLabels(labels, this.names);
  }
}

export function setBinop(
  op: 'and' | 'or' | 'unless',
  lhs: readonly Sample[],
  rhs: readonly Sample[],
  sigs: Signatures,
): Sample[] {
  switch (op) {
    case 'and': {
      if (lhs.length === 0 || rhs.length === 0) return [];
      const right = new Set(rhs.map((s) => sigs.of(s.labels)));
      return lhs.filter((s) => right.has(sigs.of(s.labels)));
    }
    case 'or': {
      if (lhs.length === 0) return [...rhs];
      if (rhs.length === 0) return [...lhs];
      const left = new Set(lhs.map((s) => sigs.of(s.labels)));
      return [...lhs, ...rhs.filter((s) => !left.has(sigs.of(s.labels)))];
    }
    case 'unless': {
      if (lhs.length === 0 || rhs.length === 0) return [...lhs];
      const right = new Set(rhs.map((s) => sigs.of(s.labels)));
      return lhs.filter((s) => !right.has(sigs.of(s.labels)));
    }
  }
}

/** Arithmetic and comparison between two vectors (Prometheus `VectorBinop`). */
export function vectorBinop(
  op: BinaryOp,
  lhsIn: readonly Sample[],
  rhsIn: readonly Sample[],
  matching: VectorMatching,
  returnBool: boolean,
  sigs: Signatures,
  ctx: EvalContext,
): Sample[] {
  const noFill = matching.fillLeft === null && matching.fillRight === null;
  if (
    (lhsIn.length === 0 && rhsIn.length === 0) ||
    ((lhsIn.length === 0 || rhsIn.length === 0) && noFill)
  )
    return [];
  const oneToMany = matching.card === 'one-to-many';
  // For one-to-many, swap the sides so the right is always the "one" side.
  const [lhs, rhs] = oneToMany ? [rhsIn, lhsIn] : [lhsIn, rhsIn];

  const right = new Map<string, Sample>();
  for (const rs of rhs) {
    const sig = sigs.of(rs.labels);
    const dupl = right.get(sig);
    if (dupl !== undefined) {
      const oneSide = oneToMany ? 'left' : 'right';
      const [a, b] = [formatLabels(rs.labels), formatLabels(dupl.labels)].sort();
      throw new QueryError(
        `found duplicate series for the match group ${formatLabels(sigs.matchLabels(rs.labels))} on the ${oneSide} hand-side of the operation: [${a}, ${b}]` +
          ';many-to-many matching not allowed: matching labels must be unique on one side',
      );
    }
    right.set(sig, rs);
  }

  const matchedOneToOne = new Set<string>();
  const matchedManyToOne = new Map<string, Set<string>>();
  const out: Sample[] = [];
  const dropNameNow = !ctx.options.delayedNameRemoval && returnBool;
  const metricCache = sigs.results;

  const doBinop = (ls: Sample, rs: Sample, sig: string): void => {
    const [fl, fr] = oneToMany ? [rs.f, ls.f] : [ls.f, rs.f];
    const [computed, keep] = elemBinop(op, fl, fr);
    const value = returnBool ? (keep ? 1 : 0) : computed;
    const metric = resultMetric(ls.labels, rs.labels, op, matching, dropNameNow, metricCache);
    if (matching.card === 'one-to-one') {
      if (matchedOneToOne.has(sig)) {
        throw new QueryError(
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      }
      matchedOneToOne.add(sig);
    } else {
      let inserted = matchedManyToOne.get(sig);
      if (inserted === undefined) matchedManyToOne.set(sig, (inserted = new Set()));
      const key = labelsKey(metric);
      if (inserted.has(key))
        throw new QueryError(
          'multiple matches for labels: grouping labels must ensure unique matches',
        );
      inserted.add(key);
    }
    if (!keep && !returnBool) return;
    out.push({ labels: metric, t: ls.t, f: value, dropName: returnBool });
  };

  for (const ls of lhs) {
    const sig = sigs.of(ls.labels);
    let rs = right.get(sig);
    if (rs === undefined) {
      if (matching.fillRight === null) continue;
      rs = { labels: sigs.matchLabels(ls.labels), t: ls.t, f: matching.fillRight };
    }
    doBinop(ls, rs, sig);
  }
  if (matching.fillLeft !== null) {
    for (const rs of rhs) {
      const sig = sigs.of(rs.labels);
      const matched =
        matching.card === 'one-to-one'
          ? matchedOneToOne.has(sig)
          : (matchedManyToOne.get(sig)?.size ?? 0) > 0;
      if (matched) continue;
      doBinop({ labels: sigs.matchLabels(rs.labels), t: rs.t, f: matching.fillLeft }, rs, sig);
    }
  }
  return out;
}

/** The labels of a vector-vector result (Prometheus `resultMetric`). */
function resultMetric(
  lhs: Labels,
  rhs: Labels,
  op: BinaryOp,
  matching: VectorMatching,
  dropName: boolean,
  cache: Map<string, Labels>,
): Labels {
  const cacheKey = `${labelsKey(lhs)}\u0001${labelsKey(rhs)}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  let labels = dropName || changesMetricSchema(op) ? dropMetricName(lhs) : lhs;
  if (matching.card === 'one-to-one') {
    const names = new Set(matching.matchingLabels);
    labels = matching.on ? keepLabels(labels, names) : removeLabels(labels, names);
  }
  for (const name of matching.include) labels = setLabel(labels, name, getLabel(rhs, name));
  cache.set(cacheKey, labels);
  return labels;
}
