/**
 * The typed PromQL AST: a discriminated union on `kind`, with Prometheus's names so that a reader
 * who knows `promql/parser/ast.go` finds the same concepts here. Positions are UTF-16 offsets
 * into the query text; annotations convert them to Prometheus's byte-based `line:col`.
 *
 * @module
 */
import type { Matcher } from '../model/matcher.js';
import { FUNCTION_RETURN_TYPES } from './functions/signatures.js';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface PositionRange {
  readonly start: number;
  readonly end: number;
}

export const AGGREGATE_OPS = [
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
  'limitk',
  'limit_ratio',
] as const;
export type AggregateOp = (typeof AGGREGATE_OPS)[number];

export const ARITHMETIC_OPS = ['+', '-', '*', '/', '%', '^', 'atan2'] as const;
export const COMPARISON_OPS = ['==', '!=', '>', '<', '>=', '<='] as const;
export const SET_OPS = ['and', 'or', 'unless'] as const;
/** Native-histogram trim operators (`h </ 0.5`), at the precedence of the comparisons. */
export const TRIM_OPS = ['</', '>/'] as const;
export type ArithmeticOp = (typeof ARITHMETIC_OPS)[number];
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type SetOp = (typeof SET_OPS)[number];
export type TrimOp = (typeof TRIM_OPS)[number];
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp | TrimOp;

/** `@ 100`, `@ start()`, `@ end()`. */
export type AtModifier =
  | { readonly kind: 'timestamp'; readonly ms: number }
  | { readonly kind: 'start' }
  | { readonly kind: 'end' };

/**
 * Duration expressions (`x[2m * 3]`, `offset (1m + step())`): evaluated in seconds at query
 * time, since `step()` and `range()` depend on the query.
 */
export type DurationExpr =
  | {
      readonly kind: 'DurationLiteral';
      readonly seconds: number;
      /** The literal as Prometheus prints it: `5m`, `90`, `-1h30m` (written `90s` -> `1m30s`). */
      readonly text: string;
      readonly pos: PositionRange;
    }
  | {
      readonly kind: 'DurationBinary';
      readonly op: '+' | '-' | '*' | '/' | '%' | '^';
      readonly lhs: DurationExpr;
      readonly rhs: DurationExpr;
      readonly pos: PositionRange;
    }
  | {
      readonly kind: 'DurationUnary';
      readonly op: '+' | '-';
      readonly expr: DurationExpr;
      readonly pos: PositionRange;
    }
  | {
      readonly kind: 'DurationCall';
      readonly func: 'step' | 'range' | 'min_of' | 'max_of';
      readonly args: readonly DurationExpr[];
      readonly pos: PositionRange;
    }
  | { readonly kind: 'DurationParen'; readonly expr: DurationExpr; readonly pos: PositionRange };

export interface VectorSelector {
  readonly kind: 'VectorSelector';
  /** The metric name written before the braces, or '' when there is none. */
  readonly name: string;
  /** All matchers, the `__name__` one included when a name was written. */
  readonly matchers: readonly Matcher[];
  /** `offset` in ms (negative allowed); 0 when absent. Ignored when `offsetExpr` is set. */
  readonly offsetMs: number;
  readonly offsetExpr: DurationExpr | null;
  readonly at: AtModifier | null;
  /** Prometheus's experimental extended range selectors (`x[5m] anchored`, `x smoothed`). */
  readonly extended?: 'anchored' | 'smoothed';
  readonly pos: PositionRange;
}

export interface MatrixSelector {
  readonly kind: 'MatrixSelector';
  readonly vectorSelector: VectorSelector;
  readonly rangeMs: number;
  readonly rangeExpr: DurationExpr | null;
  readonly pos: PositionRange;
}

export interface SubqueryExpr {
  readonly kind: 'SubqueryExpr';
  readonly expr: Expr;
  readonly rangeMs: number;
  readonly rangeExpr: DurationExpr | null;
  /** 0 means the engine's default subquery step. */
  readonly stepMs: number;
  readonly stepExpr: DurationExpr | null;
  readonly offsetMs: number;
  readonly offsetExpr: DurationExpr | null;
  readonly at: AtModifier | null;
  readonly pos: PositionRange;
}

export interface NumberLiteral {
  readonly kind: 'NumberLiteral';
  readonly value: number;
  readonly pos: PositionRange;
}

export interface StringLiteral {
  readonly kind: 'StringLiteral';
  readonly value: string;
  readonly pos: PositionRange;
}

export interface ParenExpr {
  readonly kind: 'ParenExpr';
  readonly expr: Expr;
  readonly pos: PositionRange;
}

export interface UnaryExpr {
  readonly kind: 'UnaryExpr';
  readonly op: '+' | '-';
  readonly expr: Expr;
  readonly pos: PositionRange;
}

export interface Call {
  readonly kind: 'Call';
  /** The function's name; its signature is `FUNCTION_SIGNATURES[func]`. */
  readonly func: string;
  readonly args: readonly Expr[];
  readonly pos: PositionRange;
}

export interface AggregateExpr {
  readonly kind: 'AggregateExpr';
  readonly op: AggregateOp;
  readonly expr: Expr;
  /** The parameter of topk, bottomk, quantile, count_values, limitk, limit_ratio. */
  readonly param: Expr | null;
  readonly grouping: readonly string[];
  readonly without: boolean;
  /** Whether `by`/`without` was written (so `sum by () (x)` prints back as written). */
  readonly groupingWritten: boolean;
  readonly pos: PositionRange;
}

export interface VectorMatching {
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** `on(...)` when true, `ignoring(...)` when false. */
  readonly on: boolean;
  readonly matchingLabels: readonly string[];
  /** Labels named in `group_left(...)` / `group_right(...)`. */
  readonly include: readonly string[];
  /** Fill modifiers: value used when the left or right side has no match. */
  readonly fillLeft: number | null;
  readonly fillRight: number | null;
}

export interface BinaryExpr {
  readonly kind: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** Set when both sides are instant vectors (as in Prometheus), null otherwise. */
  readonly matching: VectorMatching | null;
  readonly returnBool: boolean;
  readonly pos: PositionRange;
}

export type Expr =
  | AggregateExpr
  | BinaryExpr
  | Call
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | StringLiteral
  | ParenExpr
  | UnaryExpr
  | VectorSelector;

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

/** The value type an expression produces (Prometheus `Expr.Type()`). */
export function typeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'AggregateExpr':
      return 'vector';
    case 'BinaryExpr':
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'Call':
      return FUNCTION_RETURN_TYPES.get(expr.func) ?? 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'ParenExpr':
    case 'UnaryExpr':
      return typeOf(expr.expr);
    case 'VectorSelector':
      return 'vector';
    default:
      return assertNever(expr);
  }
}

/** Children in evaluation order. */
export function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'AggregateExpr':
      return expr.param === null ? [expr.expr] : [expr.param, expr.expr];
    case 'BinaryExpr':
      return [expr.lhs, expr.rhs];
    case 'Call':
      return [...expr.args];
    case 'MatrixSelector':
      return [expr.vectorSelector];
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      return [expr.expr];
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
      return [];
    default:
      return assertNever(expr);
  }
}

/** Visits `expr` and its descendants depth-first; `path` holds the ancestors, nearest last. */
export function walk(
  expr: Expr,
  visit: (node: Expr, path: readonly Expr[]) => void,
  path: Expr[] = [],
): void {
  visit(expr, path);
  path.push(expr);
  for (const child of children(expr)) walk(child, visit, path);
  path.pop();
}
