/**
 * The type check Prometheus runs after parsing (`checkAST` in `promql/parser/parse.go`): operand
 * types, function signatures, modifier rules, and the empty-matcher guard. It walks the tree in
 * the same order as Prometheus and stops at the first problem, so the reported error is the one
 * Prometheus reports first.
 *
 * @module
 */
import { compileAnchored } from '../../model/regex.js';
import {
  type BinaryExpr,
  COMPARISON_OPS,
  type Call,
  type Expr,
  type PositionRange,
  type ValueType,
  type VectorSelector,
  assertNever,
} from '../ast.js';
import { FUNCTION_SIGNATURES } from '../functions/signatures.js';
import { isSetOp } from './binary.js';
import { type BuildContext, fail } from './context.js';
import { isSpace } from './tokens.js';
import { quoteString } from './literals.js';

/** How Prometheus names value types in messages (`DocumentedType`). */
export function documentedType(type: ValueType): string {
  switch (type) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return type;
  }
}

const COMPARISONS: ReadonlySet<string> = new Set(COMPARISON_OPS);
const PARAM_SCALAR: ReadonlySet<string> = new Set([
  'topk',
  'bottomk',
  'quantile',
  'limitk',
  'limit_ratio',
]);

/** Type-checks the tree; throws ParseError at the first problem. */
export function checkExpr(ctx: BuildContext, expr: Expr): void {
  new Checker(ctx).check(expr);
}

class Checker {
  private readonly ctx: BuildContext;
  /** Selectors that may match everything (the label-selector argument of `info`). */
  private readonly bypassEmptyCheck = new Set<VectorSelector>();

  constructor(ctx: BuildContext) {
    this.ctx = ctx;
  }

  private expectType(expr: Expr, want: ValueType, context: string): void {
    const got = this.check(expr);
    if (got !== want)
      fail(
        this.ctx,
        expr.pos,
        `expected type ${documentedType(want)} in ${context}, got ${documentedType(got)}`,
      );
  }

  /** Checks `expr` and its children; returns its type. */
  check(expr: Expr): ValueType {
    switch (expr.kind) {
      case 'AggregateExpr':
        this.expectType(expr.expr, 'vector', 'aggregation expression');
        if (expr.param !== null && PARAM_SCALAR.has(expr.op))
          this.expectType(expr.param, 'scalar', 'aggregation parameter');
        if (expr.param !== null && expr.op === 'count_values')
          this.expectType(expr.param, 'string', 'aggregation parameter');
        return 'vector';
      case 'BinaryExpr':
        return this.checkBinary(expr);
      case 'Call':
        return this.checkCall(expr);
      case 'ParenExpr':
        return this.check(expr.expr);
      case 'UnaryExpr': {
        const type = this.check(expr.expr);
        if (type !== 'scalar' && type !== 'vector')
          fail(
            this.ctx,
            expr.pos,
            `unary expression only allowed on expressions of type scalar or instant vector, got ${quoteString(documentedType(type))}`,
          );
        return type;
      }
      case 'SubqueryExpr': {
        const type = this.check(expr.expr);
        if (type !== 'vector')
          fail(
            this.ctx,
            expr.pos,
            `subquery is only allowed on instant vector, got ${type} instead`,
          );
        return 'matrix';
      }
      case 'MatrixSelector':
        this.check(expr.vectorSelector);
        return 'matrix';
      case 'VectorSelector':
        this.checkSelector(expr);
        return 'vector';
      case 'NumberLiteral':
        return 'scalar';
      case 'StringLiteral':
        return 'string';
      default:
        return assertNever(expr);
    }
  }

  /** Where the operator of a binary expression starts (Prometheus's `opRange`). */
  private operatorPos(expr: BinaryExpr): PositionRange {
    let start = expr.lhs.pos.end;
    while (start < expr.rhs.pos.start && isSpace(this.ctx.src.charCodeAt(start))) start++;
    return { start, end: expr.rhs.pos.start };
  }

  private checkBinary(expr: BinaryExpr): ValueType {
    const lt = this.check(expr.lhs);
    const rt = this.check(expr.rhs);
    const mods = this.ctx.binary.get(expr);
    const on = mods?.on ?? expr.matching?.on ?? false;
    const matchingLabels = mods?.matchingLabels ?? expr.matching?.matchingLabels ?? [];
    const include = mods?.include ?? expr.matching?.include ?? [];
    const card = mods?.card ?? expr.matching?.card ?? 'one-to-one';
    const fill =
      (mods?.fillLeft ?? expr.matching?.fillLeft ?? null) !== null ||
      (mods?.fillRight ?? expr.matching?.fillRight ?? null) !== null;
    const comparison = COMPARISONS.has(expr.op);
    if (expr.returnBool && !comparison)
      fail(
        this.ctx,
        this.operatorPos(expr),
        'bool modifier can only be used on comparison operators',
      );
    if (comparison && !expr.returnBool && lt === 'scalar' && rt === 'scalar')
      fail(this.ctx, this.operatorPos(expr), 'comparisons between scalars must use BOOL modifier');
    if (on)
      for (const label of matchingLabels)
        if (include.includes(label))
          fail(
            this.ctx,
            this.operatorPos(expr),
            `label ${quoteString(label)} must not occur in ON and GROUP clause at once`,
          );
    const allowed = (t: ValueType): boolean => t === 'scalar' || t === 'vector';
    if (!allowed(lt))
      fail(
        this.ctx,
        expr.lhs.pos,
        'binary expression must contain only scalar and instant vector types',
      );
    if (!allowed(rt))
      fail(
        this.ctx,
        expr.rhs.pos,
        'binary expression must contain only scalar and instant vector types',
      );
    if (lt !== 'vector' || rt !== 'vector') {
      if (matchingLabels.length > 0)
        fail(this.ctx, expr.pos, 'vector matching only allowed between instant vectors');
      if (fill)
        fail(this.ctx, expr.pos, 'filling in missing series only allowed between instant vectors');
    } else if (isSetOp(expr.op)) {
      if (card === 'one-to-many' || card === 'many-to-one')
        fail(this.ctx, expr.pos, `no grouping allowed for ${quoteString(expr.op)} operation`);
      if (fill) fail(this.ctx, expr.pos, 'filling in missing series not allowed for set operators');
    }
    if ((lt === 'scalar' || rt === 'scalar') && isSetOp(expr.op))
      fail(
        this.ctx,
        expr.pos,
        `set operator ${quoteString(expr.op)} not allowed in binary scalar expression`,
      );
    return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
  }

  private checkCall(expr: Call): ValueType {
    const sig = FUNCTION_SIGNATURES[expr.func];
    if (sig === undefined)
      return fail(this.ctx, expr.pos, `unknown function with name ${quoteString(expr.func)}`);
    const name = quoteString(expr.func);
    const nargs = sig.argTypes.length;
    const got = expr.args.length;
    if (sig.variadic === 0) {
      if (nargs !== got)
        fail(this.ctx, expr.pos, `expected ${nargs} argument(s) in call to ${name}, got ${got}`);
    } else if (nargs - 1 > got) {
      fail(
        this.ctx,
        expr.pos,
        `expected at least ${nargs - 1} argument(s) in call to ${name}, got ${got}`,
      );
    } else if (sig.variadic > 0 && nargs - 1 + sig.variadic < got) {
      fail(
        this.ctx,
        expr.pos,
        `expected at most ${nargs - 1 + sig.variadic} argument(s) in call to ${name}, got ${got}`,
      );
    }
    const second = expr.args[1];
    if (expr.func === 'info' && second !== undefined) {
      if (this.peekType(second) !== 'vector')
        fail(
          this.ctx,
          expr.pos,
          `expected type instant vector in call to function ${name}, got ${documentedType(this.peekType(second))}`,
        );
      if (second.kind === 'VectorSelector' && second.name !== '')
        fail(this.ctx, second.pos, 'expected label selectors only, got vector selector instead');
      else if (second.kind === 'VectorSelector') this.bypassEmptyCheck.add(second);
      else fail(this.ctx, second.pos, 'expected label selectors only');
    }
    for (const [i, arg] of expr.args.entries()) {
      if (i >= nargs && sig.variadic === 0) break;
      const want = sig.argTypes[Math.min(i, nargs - 1)] as ValueType;
      const type = this.check(arg);
      if (type !== want)
        fail(
          this.ctx,
          arg.pos,
          `expected type ${documentedType(want)} in call to function ${name}, got ${documentedType(type)}`,
        );
    }
    return sig.returnType;
  }

  /** The type of an expression without checking it (Prometheus's `Expr.Type()`). */
  private peekType(expr: Expr): ValueType {
    switch (expr.kind) {
      case 'BinaryExpr':
        return this.peekType(expr.lhs) === 'scalar' && this.peekType(expr.rhs) === 'scalar'
          ? 'scalar'
          : 'vector';
      case 'ParenExpr':
      case 'UnaryExpr':
        return this.peekType(expr.expr);
      case 'Call':
        return FUNCTION_SIGNATURES[expr.func]?.returnType ?? 'vector';
      case 'AggregateExpr':
      case 'VectorSelector':
        return 'vector';
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return 'matrix';
      case 'NumberLiteral':
        return 'scalar';
      case 'StringLiteral':
        return 'string';
      default:
        return assertNever(expr);
    }
  }

  private checkSelector(vs: VectorSelector): void {
    if (vs.name !== '') {
      // The last matcher is the name written before the braces.
      for (const m of vs.matchers.slice(0, -1))
        if (m.name === '__name__')
          fail(
            this.ctx,
            vs.pos,
            `metric name must not be set twice: ${quoteString(vs.name)} or ${quoteString(m.value)}`,
          );
      return;
    }
    if (this.bypassEmptyCheck.has(vs)) return;
    const nonEmpty = vs.matchers.some((m) => {
      switch (m.type) {
        case '=':
          return m.value !== '';
        case '!=':
          return m.value === '';
        case '=~':
          return !compileAnchored(m.value).test('');
        case '!~':
          return compileAnchored(m.value).test('');
      }
    });
    if (!nonEmpty)
      fail(this.ctx, vs.pos, 'vector selector must contain at least one non-empty matcher');
  }
}
