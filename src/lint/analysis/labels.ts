/**
 * Which labels an expression's result can carry, worked out from the query alone (and the
 * recording rules of the project, for the series they write). Prometheus's rules for result
 * labels: aggregations keep their `by` labels, one-to-one matching with `on(...)` keeps only
 * those, `group_left(...)` adds labels from the other side, `absent()` keeps the equality
 * matchers of its selector, and so on.
 *
 * @module
 */
import { type Expr, type VectorSelector, typeOf } from '../../promql/ast.js';

/** The labels a result can carry. */
export interface LabelInfo {
  /**
   * True: only labels in `names` can appear. False: any label can, except those in `names`
   * (a selector's series carry whatever their targets have).
   */
  readonly closed: boolean;
  readonly names: ReadonlySet<string>;
  /** Labels known to have one value on every result series (`x{job="a"}`, a rule's `labels:`). */
  readonly fixed: ReadonlyMap<string, string>;
}

const NONE: LabelInfo = { closed: true, names: new Set(), fixed: new Map() };

export function canHave(info: LabelInfo, label: string): boolean {
  return info.closed ? info.names.has(label) : !info.names.has(label);
}

function keepOnly(info: LabelInfo, keep: readonly string[]): LabelInfo {
  const names = new Set(keep.filter((l) => canHave(info, l)));
  return { closed: true, names, fixed: restrict(info.fixed, (l) => names.has(l)) };
}

function drop(info: LabelInfo, labels: readonly string[]): LabelInfo {
  const set = new Set(labels);
  const names = info.closed
    ? new Set([...info.names].filter((l) => !set.has(l)))
    : new Set([...info.names, ...labels]);
  return { closed: info.closed, names, fixed: restrict(info.fixed, (l) => !set.has(l)) };
}

function add(info: LabelInfo, label: string, value?: string): LabelInfo {
  const names = new Set(info.names);
  if (info.closed) names.add(label);
  else names.delete(label);
  const fixed = new Map(info.fixed);
  if (value === undefined) fixed.delete(label);
  else fixed.set(label, value);
  return { closed: info.closed, names, fixed };
}

function restrict(
  fixed: ReadonlyMap<string, string>,
  keep: (label: string) => boolean,
): Map<string, string> {
  return new Map([...fixed].filter(([l]) => keep(l)));
}

/** The equality matchers of a selector (but `__name__`), as fixed labels. */
export function selectorFixed(vs: VectorSelector): Map<string, string> {
  const fixed = new Map<string, string>();
  for (const m of vs.matchers)
    if (m.type === '=' && m.name !== '__name__' && m.value !== '') fixed.set(m.name, m.value);
  return fixed;
}

/** Functions that remove a label from their result (besides the metric name). */
const DROPS: Readonly<Record<string, string>> = { histogram_quantile: 'le' };
/** Functions whose result has no labels. */
const NO_LABELS = new Set(['vector', 'time', 'scalar', 'pi']);

/**
 * Computes label information; `series` answers for selectors of metrics the project records
 * (undefined: a plain metric with any labels).
 */
export class LabelAnalysis {
  private readonly series: (name: string) => LabelInfo | undefined;

  constructor(series: (name: string) => LabelInfo | undefined = () => undefined) {
    this.series = series;
  }

  selector(vs: VectorSelector): LabelInfo {
    const recorded = vs.name === '' ? undefined : this.series(vs.name);
    const own = selectorFixed(vs);
    if (recorded === undefined) return { closed: false, names: new Set(), fixed: own };
    const fixed = new Map(recorded.fixed);
    for (const [l, v] of own) fixed.set(l, v);
    return { ...recorded, fixed };
  }

  of(expr: Expr): LabelInfo {
    switch (expr.kind) {
      case 'VectorSelector':
        return this.selector(expr);
      case 'MatrixSelector':
        return this.selector(expr.vectorSelector);
      case 'SubqueryExpr':
      case 'ParenExpr':
      case 'UnaryExpr':
        return this.of(expr.expr);
      case 'NumberLiteral':
      case 'StringLiteral':
        return NONE;
      case 'AggregateExpr': {
        const inner = this.of(expr.expr);
        let out = expr.without
          ? drop(inner, expr.grouping)
          : expr.groupingWritten || expr.grouping.length > 0
            ? keepOnly(inner, expr.grouping)
            : NONE;
        if (
          expr.op === 'topk' ||
          expr.op === 'bottomk' ||
          expr.op === 'limitk' ||
          expr.op === 'limit_ratio'
        )
          out = inner;
        if (expr.op === 'count_values' && expr.param?.kind === 'StringLiteral')
          out = add(out, expr.param.value);
        return out;
      }
      case 'Call':
        return this.call(expr.func, expr.args);
      case 'BinaryExpr': {
        const lhs = this.of(expr.lhs);
        const rhs = this.of(expr.rhs);
        const m = expr.matching;
        if (m === null) return typeOf(expr.lhs) === 'scalar' ? rhs : lhs;
        if (expr.op === 'and' || expr.op === 'unless') return lhs;
        if (expr.op === 'or') {
          if (lhs.closed && rhs.closed)
            return {
              closed: true,
              names: new Set([...lhs.names, ...rhs.names]),
              fixed: agree(lhs.fixed, rhs.fixed),
            };
          return { closed: false, names: new Set(), fixed: agree(lhs.fixed, rhs.fixed) };
        }
        if (m.card === 'one-to-one')
          return m.on ? keepOnly(lhs, m.matchingLabels) : drop(lhs, m.matchingLabels);
        const [many, one] = m.card === 'many-to-one' ? [lhs, rhs] : [rhs, lhs];
        let out = many;
        for (const l of m.include)
          out = canHave(one, l) ? add(out, l, one.fixed.get(l)) : drop(out, [l]);
        return out;
      }
      default:
        return NONE;
    }
  }

  private call(func: string, args: readonly Expr[]): LabelInfo {
    // `hour()` and friends without an argument work on `vector(time())`.
    if (NO_LABELS.has(func) || args.length === 0) return NONE;
    if (func === 'absent' || func === 'absent_over_time') {
      const arg = args[0];
      const vs =
        arg?.kind === 'VectorSelector'
          ? arg
          : arg?.kind === 'MatrixSelector'
            ? arg.vectorSelector
            : undefined;
      if (vs === undefined) return NONE;
      const fixed = selectorFixed(vs);
      return { closed: true, names: new Set(fixed.keys()), fixed };
    }
    const first = args[0];
    const base = first === undefined ? NONE : this.of(first);
    if (func === 'label_replace' || func === 'label_join') {
      const dst = args[1];
      if (dst?.kind !== 'StringLiteral')
        return { closed: false, names: new Set(), fixed: base.fixed };
      return add(base, dst.value);
    }
    const dropped = DROPS[func];
    if (dropped !== undefined) return drop(base, [dropped]);
    // Experimental `info()` adds data labels from info metrics: anything may appear.
    if (func === 'info') return { closed: false, names: new Set(), fixed: base.fixed };
    return base;
  }
}

function agree(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
): Map<string, string> {
  return new Map([...a].filter(([l, v]) => b.get(l) === v));
}
