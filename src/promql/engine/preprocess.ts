/**
 * Prepares a parsed expression for one query: resolves duration expressions, `@ start()` and
 * `@ end()`, folds `start()`/`end()`/`range()`/`step()` into numbers, and unwraps parentheses
 * around function and aggregation arguments, as Prometheus's PreprocessExpr does.
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import { type AtModifier, type DurationExpr, type Expr, assertNever, walk } from '../ast.js';

export interface QueryRange {
  readonly startMs: number;
  readonly endMs: number;
  /** 0 for an instant query. */
  readonly stepMs: number;
}

function evalDuration(expr: DurationExpr, q: QueryRange): number {
  switch (expr.kind) {
    case 'DurationLiteral':
      return expr.seconds;
    case 'DurationParen':
      return evalDuration(expr.expr, q);
    case 'DurationUnary':
      return expr.op === '-' ? -evalDuration(expr.expr, q) : evalDuration(expr.expr, q);
    case 'DurationCall':
      switch (expr.func) {
        case 'step':
          return q.stepMs / 1000;
        case 'range':
          return (q.endMs - q.startMs) / 1000;
        case 'min_of':
          return Math.min(
            evalDuration(expr.args[0] as DurationExpr, q),
            evalDuration(expr.args[1] as DurationExpr, q),
          );
        case 'max_of':
          return Math.max(
            evalDuration(expr.args[0] as DurationExpr, q),
            evalDuration(expr.args[1] as DurationExpr, q),
          );
      }
      break;
    case 'DurationBinary': {
      const l = evalDuration(expr.lhs, q);
      const r = evalDuration(expr.rhs, q);
      const where = `${expr.pos.start}:${expr.pos.end}`;
      switch (expr.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          if (r === 0) throw new QueryError(`${where}: division by zero`);
          return l / r;
        case '%':
          if (r === 0) throw new QueryError(`${where}: modulo by zero`);
          return l % r;
        case '^':
          return Math.pow(l, r);
      }
    }
  }
  return assertNever(expr);
}

/** A duration expression's value in ms, checked as Prometheus checks it. */
function durationMs(expr: DurationExpr, q: QueryRange, allowNegative: boolean): number {
  const seconds = evalDuration(expr, q);
  const where = `${expr.pos.start}:${expr.pos.end}`;
  if (!Number.isFinite(seconds)) throw new QueryError(`${where}: duration is NaN or infinite`);
  if (seconds <= 0 && !allowNegative)
    throw new QueryError(`${where}: duration must be greater than 0`);
  if (Math.abs(seconds) > 2 ** 63 / 1e9) throw new QueryError(`${where}: duration is out of range`);
  return Math.trunc(seconds * 1000);
}

function resolveAt(at: AtModifier | null, q: QueryRange): AtModifier | null {
  if (at === null || at.kind === 'timestamp') return at;
  return { kind: 'timestamp', ms: at.kind === 'start' ? q.startMs : q.endMs };
}

function unwrap(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

// A parsed expression is often run many times (a rule at every evaluation, a gate at every step
// of a backtest). When nothing in it depends on the query's times, its preprocessed form is the
// same for every query and is kept here; null marks expressions that depend on them.
const timeless = new WeakMap<Expr, Expr | null>();

/** `preprocess`, reusing the result for an expression that does not depend on the query's times. */
export function preprocessCached(expr: Expr, q: QueryRange): Expr {
  let cached = timeless.get(expr);
  if (cached === undefined) {
    cached = dependsOnQueryTimes(expr) ? null : preprocess(expr, q);
    timeless.set(expr, cached);
  }
  return cached ?? preprocess(expr, q);
}

/** Whether preprocessing reads the query's start, end or step anywhere in `expr`. */
function dependsOnQueryTimes(expr: Expr): boolean {
  let depends = false;
  walk(expr, (node) => {
    switch (node.kind) {
      case 'VectorSelector':
        depends ||= node.offsetExpr !== null || (node.at !== null && node.at.kind !== 'timestamp');
        break;
      case 'MatrixSelector':
        depends ||= node.rangeExpr !== null;
        break;
      case 'SubqueryExpr':
        depends ||=
          node.rangeExpr !== null ||
          node.stepExpr !== null ||
          node.offsetExpr !== null ||
          (node.at !== null && node.at.kind !== 'timestamp');
        break;
      case 'Call':
        depends ||= foldQueryFunction(node.func, { startMs: 0, endMs: 0, stepMs: 0 }) !== undefined;
        break;
      default:
        break;
    }
  });
  return depends;
}

export function preprocess(expr: Expr, q: QueryRange): Expr {
  switch (expr.kind) {
    case 'VectorSelector':
      return {
        ...expr,
        offsetMs: expr.offsetExpr === null ? expr.offsetMs : durationMs(expr.offsetExpr, q, true),
        at: resolveAt(expr.at, q),
      };
    case 'MatrixSelector':
      return {
        ...expr,
        vectorSelector: preprocess(expr.vectorSelector, q) as typeof expr.vectorSelector,
        rangeMs: expr.rangeExpr === null ? expr.rangeMs : durationMs(expr.rangeExpr, q, false),
      };
    case 'SubqueryExpr':
      return {
        ...expr,
        expr: preprocess(expr.expr, q),
        rangeMs: expr.rangeExpr === null ? expr.rangeMs : durationMs(expr.rangeExpr, q, false),
        stepMs: expr.stepExpr === null ? expr.stepMs : durationMs(expr.stepExpr, q, false),
        offsetMs: expr.offsetExpr === null ? expr.offsetMs : durationMs(expr.offsetExpr, q, true),
        at: resolveAt(expr.at, q),
      };
    case 'Call': {
      const folded = foldQueryFunction(expr.func, q);
      if (folded !== undefined) return { kind: 'NumberLiteral', value: folded, pos: expr.pos };
      return { ...expr, args: expr.args.map((a) => preprocess(unwrap(a), q)) };
    }
    case 'AggregateExpr':
      return {
        ...expr,
        expr: preprocess(unwrap(expr.expr), q),
        param: expr.param === null ? null : preprocess(unwrap(expr.param), q),
      };
    case 'BinaryExpr':
      return { ...expr, lhs: preprocess(expr.lhs, q), rhs: preprocess(expr.rhs, q) };
    case 'ParenExpr':
    case 'UnaryExpr':
      return { ...expr, expr: preprocess(expr.expr, q) };
    case 'NumberLiteral':
    case 'StringLiteral':
      return expr;
    default:
      return assertNever(expr);
  }
}

/** `start()`, `end()`, `range()` and `step()` are constants of the query. */
function foldQueryFunction(name: string, q: QueryRange): number | undefined {
  switch (name) {
    case 'start':
      return q.startMs / 1000;
    case 'end':
      return q.endMs / 1000;
    case 'range':
      return (q.endMs - q.startMs) / 1000;
    case 'step':
      return q.startMs === q.endMs ? 0 : q.stepMs / 1000;
    default:
      return undefined;
  }
}
