/**
 * Operator chains: binary operators, unary signs and the postfix modifiers (`[5m]`, `[5m:1m]`,
 * `offset`, `@`), regrouped with Prometheus's precedences.
 *
 * The lezer grammar gives the postfix modifiers no precedence, so it reads `a + b offset 5m` as
 * `(a + b) offset 5m` and `-1 ^ 2` as `(-1) ^ 2`, where Prometheus's yacc grammar reads
 * `a + (b offset 5m)` and `-(1 ^ 2)`. We therefore flatten lezer's tree back into the operands
 * and operators in source order (which every tree shape preserves) and regroup them by
 * precedence climbing: postfix modifiers bind tightest, then `^` (right-associative), then unary
 * signs (at the level of `*`), then `* / % atan2`, `+ -`, comparisons, `and unless`, `or`.
 *
 * @module
 */
import type { Expr, NumberLiteral, UnaryExpr, VectorSelector } from '../ast.js';
import {
  type BinaryOperator,
  UNARY_PRECEDENCE,
  makeBinary,
  precedence,
  readBinaryOperator,
} from './binary.js';
import { type BuildContext, fail } from './context.js';
import { type SyntaxNode, children } from './lezer.js';
import {
  applyAt,
  applyOffset,
  applyRange,
  applySubquery,
  readAtModifier,
  readBrackets,
} from './selector.js';
import { buildDurationExpr, durationValue } from './duration.js';

type Item =
  | { readonly t: 'operand'; readonly expr: Expr }
  | { readonly t: 'prefix'; readonly op: '+' | '-'; readonly start: number }
  | { readonly t: 'binary'; readonly operator: BinaryOperator }
  | { readonly t: 'postfix'; readonly apply: (target: Expr) => Expr };

/** Work left to do while flattening: a node to expand, or a part to read in source order. */
type Work =
  SyntaxNode | { readonly binary: readonly SyntaxNode[] } | { readonly postfix: SyntaxNode };

const CHAIN_NODES: ReadonlySet<string> = new Set([
  'BinaryExpr',
  'UnaryExpr',
  'OffsetExpr',
  'StepInvariantExpr',
  'MatrixSelector',
  'SubqueryExpr',
  'AnchoredExpr',
  'SmoothedExpr',
]);

/** Whether the node starts an operator chain (a signed number counts: `-1` is `-` then `1`). */
export function isChainNode(ctx: BuildContext, node: SyntaxNode): boolean {
  if (node.name === 'NumberDurationLiteral') return '+-'.includes(ctx.src[node.from] ?? ' ');
  return CHAIN_NODES.has(node.name);
}

/** Builds an operator chain; `buildOperand` builds everything else (selectors, calls, parens). */
export function buildChain(
  ctx: BuildContext,
  root: SyntaxNode,
  buildOperand: (node: SyntaxNode) => Expr,
): Expr {
  const items = flatten(ctx, root, buildOperand);
  let i = 0;

  const parseBinary = (minPrecedence: number): Expr => {
    let lhs = parseUnary();
    for (let item = items[i]; item?.t === 'binary'; item = items[i]) {
      const prec = precedence(item.operator.op);
      if (prec < minPrecedence) break;
      i++;
      const rhs = parseBinary(item.operator.op === '^' ? prec : prec + 1);
      lhs = makeBinary(ctx, lhs, item.operator, rhs);
    }
    return lhs;
  };

  const parseUnary = (): Expr => {
    const item = items[i++];
    if (item?.t === 'prefix') return makeUnary(item, parseBinary(UNARY_PRECEDENCE + 1));
    if (item?.t !== 'operand') return fail(ctx, root.from, 'unexpected operator');
    let expr = item.expr;
    for (let next = items[i]; next?.t === 'postfix'; next = items[i]) {
      expr = next.apply(expr);
      i++;
    }
    return expr;
  };

  const expr = parseBinary(0);
  if (i !== items.length) return fail(ctx, root.from, 'unexpected operator');
  return expr;
}

/** Prometheus folds a sign into a number literal; anything else becomes a UnaryExpr. */
function makeUnary(prefix: { op: '+' | '-'; start: number }, operand: Expr): Expr {
  const pos = { start: prefix.start, end: operand.pos.end };
  if (operand.kind === 'NumberLiteral') {
    const value = prefix.op === '-' ? -operand.value : operand.value;
    const literal: NumberLiteral = { kind: 'NumberLiteral', value, pos };
    return literal;
  }
  const unary: UnaryExpr = { kind: 'UnaryExpr', op: prefix.op, expr: operand, pos };
  return unary;
}

function flatten(
  ctx: BuildContext,
  root: SyntaxNode,
  buildOperand: (node: SyntaxNode) => Expr,
): Item[] {
  const items: Item[] = [];
  const work: Work[] = [root];
  for (let w = work.pop(); w !== undefined; w = work.pop()) {
    if ('binary' in w) {
      items.push({ t: 'binary', operator: readBinaryOperator(ctx, w.binary) });
      continue;
    }
    if ('postfix' in w) {
      items.push({ t: 'postfix', apply: readPostfix(ctx, w.postfix) });
      continue;
    }
    const kids = children(w);
    switch (w.name) {
      case 'BinaryExpr':
        work.push(kids[kids.length - 1] as SyntaxNode, { binary: kids.slice(1, -1) });
        work.push(kids[0] as SyntaxNode);
        break;
      case 'UnaryExpr': {
        const op = ctx.src[w.from] === '-' ? '-' : '+';
        items.push({ t: 'prefix', op, start: w.from });
        work.push(kids[1] as SyntaxNode);
        break;
      }
      case 'NumberDurationLiteral': {
        const sign = ctx.src[w.from];
        if (sign === '-' || sign === '+') items.push({ t: 'prefix', op: sign, start: w.from });
        items.push({ t: 'operand', expr: buildOperand(w) });
        break;
      }
      default:
        if (CHAIN_NODES.has(w.name)) work.push({ postfix: w }, kids[0] as SyntaxNode);
        else items.push({ t: 'operand', expr: buildOperand(w) });
    }
  }
  return items;
}

/** `anchored` / `smoothed` on a selector or range selector, checked as Prometheus does. */
function applyExtended(
  ctx: BuildContext,
  target: Expr,
  modifier: 'anchored' | 'smoothed',
  end: number,
): Expr {
  const pos = { start: target.pos.start, end };
  const mark = (vs: VectorSelector): VectorSelector => {
    if (vs.extended !== undefined && vs.extended !== modifier) {
      fail(ctx, pos, 'anchored and smoothed modifiers cannot be used together');
    }
    return { ...vs, extended: modifier };
  };
  switch (target.kind) {
    case 'VectorSelector':
      return { ...mark(target), pos };
    case 'MatrixSelector':
      return { ...target, vectorSelector: mark(target.vectorSelector), pos };
    case 'SubqueryExpr':
      return fail(ctx, pos, `${modifier} modifier is not supported for subqueries`);
    default:
      return fail(ctx, pos, `${modifier} modifier not implemented`);
  }
}

/** Reads a postfix modifier's arguments now (in source order) and returns how to apply it. */
function readPostfix(ctx: BuildContext, node: SyntaxNode): (target: Expr) => Expr {
  const end = node.to;
  switch (node.name) {
    case 'MatrixSelector': {
      const { range, brackets } = readBrackets(ctx, node);
      return (target) => applyRange(ctx, target, range, brackets, end);
    }
    case 'SubqueryExpr': {
      const { range, step } = readBrackets(ctx, node);
      return (target) => applySubquery(target, range, step ?? { ms: 0, expr: null }, end);
    }
    case 'OffsetExpr': {
      const durationNode = node.getChild('OffsetDurationExpr') as SyntaxNode;
      const offset = durationValue(ctx, buildDurationExpr(ctx, durationNode), false);
      return (target) => applyOffset(ctx, target, offset, end);
    }
    case 'StepInvariantExpr': {
      const arg = children(node)[2] as SyntaxNode;
      const at = readAtModifier(ctx, arg);
      return (target) => applyAt(ctx, target, at, end);
    }
    default: {
      const modifier = node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
      return (target) => applyExtended(ctx, target, modifier, end);
    }
  }
}
