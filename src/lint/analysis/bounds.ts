/**
 * The range of values an expression can return, as far as the query shows it: `x > bool 1` is
 * 0 or 1, `changes(x[6m])` is at least 0, `clamp_max(y, 1)` at most 1, a product of values in
 * [0, 1] stays in [0, 1]. Unknown bounds are infinite. Used to tell a normalized 0/1 gate
 * signal from a raw one.
 *
 * @module
 */
import type { Expr } from '../../promql/ast.js';

export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

const ANY: Bounds = { lo: -Infinity, hi: Infinity };
const UNIT: Bounds = { lo: 0, hi: 1 };
const NON_NEGATIVE: Bounds = { lo: 0, hi: Infinity };

/** Functions whose result is always 1 when there is one. */
const ONE = new Set(['absent', 'absent_over_time', 'present_over_time']);
/** Functions that never return a negative value. */
const NON_NEGATIVE_FUNCS = new Set([
  'changes',
  'resets',
  'count_over_time',
  'rate',
  'irate',
  'increase',
  'abs',
  'time',
  'timestamp',
  'sqrt',
  'exp',
  'stddev_over_time',
  'stdvar_over_time',
]);
/** Functions that return values of their (first matrix or vector) argument. */
const SAME = new Set([
  'min_over_time',
  'max_over_time',
  'avg_over_time',
  'last_over_time',
  'first_over_time',
  'quantile_over_time',
  'scalar',
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
  'label_replace',
  'label_join',
  'vector',
]);

/** A constant's value (`1`, `-1`, `(0.5)`), or undefined. */
export function constant(expr: Expr): number | undefined {
  if (expr.kind === 'NumberLiteral') return expr.value;
  if (expr.kind === 'ParenExpr') return constant(expr.expr);
  if (expr.kind === 'UnaryExpr') {
    const v = constant(expr.expr);
    return v === undefined ? undefined : expr.op === '-' ? -v : v;
  }
  return undefined;
}

function product(a: Bounds, b: Bounds): Bounds {
  const corners = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map((x) =>
    Number.isNaN(x) ? 0 : x,
  );
  return { lo: Math.min(...corners), hi: Math.max(...corners) };
}

function union(a: Bounds, b: Bounds): Bounds {
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/**
 * Works out bounds; `series` answers for a metric name (a recorded rule's bounds), or
 * undefined when nothing is known.
 */
export function boundsOf(expr: Expr, series: (name: string) => Bounds | undefined): Bounds {
  const of = (e: Expr): Bounds => boundsOf(e, series);
  switch (expr.kind) {
    case 'NumberLiteral':
      return { lo: expr.value, hi: expr.value };
    case 'StringLiteral':
      return ANY;
    case 'ParenExpr':
      return of(expr.expr);
    case 'UnaryExpr': {
      const b = of(expr.expr);
      return expr.op === '-' ? { lo: -b.hi, hi: -b.lo } : b;
    }
    case 'VectorSelector':
      return (expr.name === '' ? undefined : series(expr.name)) ?? ANY;
    case 'MatrixSelector':
      return of(expr.vectorSelector);
    case 'SubqueryExpr':
      return of(expr.expr);
    case 'AggregateExpr':
      switch (expr.op) {
        case 'group':
          return { lo: 1, hi: 1 };
        case 'count':
          return NON_NEGATIVE;
        case 'sum': {
          const b = of(expr.expr);
          return { lo: b.lo >= 0 ? 0 : -Infinity, hi: b.hi <= 0 ? 0 : Infinity };
        }
        case 'stddev':
        case 'stdvar':
        case 'count_values':
          return NON_NEGATIVE;
        default:
          return of(expr.expr);
      }
    case 'Call': {
      const arg = expr.args[0];
      if (ONE.has(expr.func)) return { lo: 1, hi: 1 };
      if (expr.func === 'vector' && arg !== undefined) return of(arg);
      if (NON_NEGATIVE_FUNCS.has(expr.func)) return NON_NEGATIVE;
      if (expr.func === 'sgn') return { lo: -1, hi: 1 };
      if (arg === undefined) return ANY;
      const inner = of(arg);
      const c1 = expr.args[1] === undefined ? undefined : constant(expr.args[1]);
      const c2 = expr.args[2] === undefined ? undefined : constant(expr.args[2]);
      switch (expr.func) {
        case 'clamp':
          return {
            lo: c1 === undefined ? -Infinity : Math.max(inner.lo, c1),
            hi: c2 === undefined ? Infinity : Math.min(inner.hi, c2),
          };
        case 'clamp_max':
          return c1 === undefined
            ? ANY
            : { lo: Math.min(inner.lo, c1), hi: Math.min(inner.hi, c1) };
        case 'clamp_min':
          return c1 === undefined
            ? ANY
            : { lo: Math.max(inner.lo, c1), hi: Math.max(inner.hi, c1) };
        case 'ceil':
        case 'floor':
        case 'round':
          return { lo: Math.floor(inner.lo), hi: Math.ceil(inner.hi) };
        case 'quantile_over_time':
          return expr.args[1] === undefined ? ANY : of(expr.args[1]);
        default:
          return SAME.has(expr.func) ? inner : ANY;
      }
    }
    case 'BinaryExpr': {
      const l = of(expr.lhs);
      const r = of(expr.rhs);
      switch (expr.op) {
        case '==':
        case '!=':
        case '<':
        case '>':
        case '<=':
        case '>=':
          if (expr.returnBool) return UNIT;
          // A filter keeps the vector side's values.
          return constant(expr.lhs) !== undefined ? r : l;
        case 'and':
        case 'unless':
          return l;
        case 'or':
          return union(l, r);
        case '*':
          return product(l, r);
        case '+':
          return { lo: l.lo + r.lo, hi: l.hi + r.hi };
        case '-':
          return { lo: l.lo - r.hi, hi: l.hi - r.lo };
        default:
          return ANY;
      }
    }
    default:
      return ANY;
  }
}

export function isUnit(b: Bounds): boolean {
  return b.lo >= 0 && b.hi <= 1;
}

export { NON_NEGATIVE, UNIT };
