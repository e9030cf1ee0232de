/**
 * Binary operators: the operator token, the modifiers written after it (`bool`, `on`/`ignoring`,
 * `group_left`/`group_right`, `fill*`), and the BinaryExpr node with its VectorMatching.
 *
 * @module
 */
import {
  type BinaryExpr,
  type BinaryOp,
  type Expr,
  SET_OPS,
  type ValueType,
  type VectorMatching,
  typeOf,
} from '../ast.js';
import { type BinaryModifiers, type BuildContext, fail } from './context.js';
import { readNumber } from './duration.js';
import { type SyntaxNode, children } from './lezer.js';
import { groupingLabels } from './grouping.js';

const OPERATORS: Readonly<Record<string, BinaryOp>> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
  Atan2: 'atan2',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  TrimUpper: '</',
  TrimLower: '>/',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

/** Binding strength, as in Prometheus's yacc grammar (higher binds tighter). */
export function precedence(op: BinaryOp): number {
  switch (op) {
    case 'or':
      return 1;
    case 'and':
    case 'unless':
      return 2;
    case '+':
    case '-':
      return 4;
    case '*':
    case '/':
    case '%':
    case 'atan2':
      return 5;
    case '^':
      return 6;
    default:
      return 3;
  }
}

/** Precedence of unary `-`/`+`: that of `*`, so only `^` binds tighter inside it. */
export const UNARY_PRECEDENCE = 5;

/** An operator with its modifiers, between two operands of a chain. */
export interface BinaryOperator {
  readonly op: BinaryOp;
  readonly modifiers: BinaryModifiers;
}

/** Reads the operator node and the modifier nodes that follow it inside a lezer BinaryExpr. */
export function readBinaryOperator(
  ctx: BuildContext,
  nodes: readonly SyntaxNode[],
): BinaryOperator {
  const [opNode, ...rest] = nodes;
  const op = OPERATORS[opNode?.name ?? ''];
  if (op === undefined || opNode === undefined)
    return fail(ctx, opNode?.from ?? 0, 'unexpected binary operator');
  let returnBool = false;
  let on = false;
  let matchingLabels: readonly string[] = [];
  let card: BinaryModifiers['card'] = 'one-to-one';
  let include: readonly string[] = [];
  let fillLeft: number | null = null;
  let fillRight: number | null = null;
  for (const node of rest) {
    if (node.name === 'BoolModifier') returnBool = true;
    else if (node.name === 'MatchingModifierClause') {
      for (const part of children(node)) {
        if (part.name === 'On') on = true;
        else if (part.name === 'GroupLeft') card = 'many-to-one';
        else if (part.name === 'GroupRight') card = 'one-to-many';
        else if (part.name === 'GroupingLabels') {
          if (card === 'one-to-one') matchingLabels = groupingLabels(ctx, part);
          else include = groupingLabels(ctx, part);
        }
      }
    } else if (node.name === 'FillModifier') {
      for (const clause of children(node)) {
        const value = fillValue(ctx, clause);
        if (clause.name !== 'FillRightClause') fillLeft = value;
        if (clause.name !== 'FillLeftClause') fillRight = value;
      }
    }
  }
  return {
    op,
    modifiers: { returnBool, on, matchingLabels, card, include, fillLeft, fillRight },
  };
}

/** `fill(<number>)`: a signed number or duration (in seconds). */
function fillValue(ctx: BuildContext, clause: SyntaxNode): number {
  const literal = clause.getChild('NumberDurationLiteral');
  if (literal === null) return fail(ctx, clause.from, 'expected number in fill modifier');
  return readSignedNumber(ctx, literal);
}

/** A NumberDurationLiteral with its optional sign, in seconds. */
export function readSignedNumber(ctx: BuildContext, node: SyntaxNode): number {
  const sign = ctx.src[node.from];
  const signed = sign === '-' || sign === '+';
  const { seconds } = readNumber(ctx, signed ? node.from + 1 : node.from);
  return sign === '-' ? -seconds : seconds;
}

export function isSetOp(op: BinaryOp): boolean {
  return (SET_OPS as readonly string[]).includes(op);
}

/** The value type of a built node, memoised so that long operator chains stay linear. */
export function exprType(ctx: BuildContext, expr: Expr): ValueType {
  const cached = ctx.types.get(expr);
  if (cached !== undefined) return cached;
  let type: ValueType;
  switch (expr.kind) {
    case 'BinaryExpr':
      type =
        exprType(ctx, expr.lhs) === 'scalar' && exprType(ctx, expr.rhs) === 'scalar'
          ? 'scalar'
          : 'vector';
      break;
    case 'ParenExpr':
    case 'UnaryExpr':
      type = exprType(ctx, expr.expr);
      break;
    default:
      type = typeOf(expr);
  }
  ctx.types.set(expr, type);
  return type;
}

/**
 * Makes the BinaryExpr node. As in Prometheus, VectorMatching is kept only when both sides are
 * instant vectors, and set operators match many-to-many; the modifiers as written are kept
 * beside the node for the type check.
 */
export function makeBinary(
  ctx: BuildContext,
  lhs: Expr,
  operator: BinaryOperator,
  rhs: Expr,
): BinaryExpr {
  const { op, modifiers } = operator;
  const pos = { start: lhs.pos.start, end: rhs.pos.end };
  if (!ctx.options.fillModifiers && (modifiers.fillLeft !== null || modifiers.fillRight !== null))
    return fail(ctx, pos, 'binop fill modifiers are experimental and not enabled');
  let matching: VectorMatching | null = null;
  if (exprType(ctx, lhs) === 'vector' && exprType(ctx, rhs) === 'vector') {
    matching = {
      card: isSetOp(op) && modifiers.card === 'one-to-one' ? 'many-to-many' : modifiers.card,
      on: modifiers.on,
      matchingLabels: modifiers.matchingLabels,
      include: modifiers.include,
      fillLeft: modifiers.fillLeft,
      fillRight: modifiers.fillRight,
    };
  }
  const node: BinaryExpr = {
    kind: 'BinaryExpr',
    op,
    lhs,
    rhs,
    matching,
    returnBool: modifiers.returnBool,
    pos,
  };
  ctx.binary.set(node, modifiers);
  return node;
}
