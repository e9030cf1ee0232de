/**
 * lezer tree -> typed AST: one small builder per construct (as codemirror-promql does), with the
 * grammar-level checks Prometheus makes while it parses. Type checks come after, in `check.ts`.
 *
 * @module
 */
import type { Expr, NumberLiteral, StringLiteral } from '../ast.js';
import { buildAggregate } from './aggregate.js';
import { buildCall } from './call.js';
import { buildChain, isChainNode } from './chain.js';
import { type BuildContext, fail, tokenAt } from './context.js';
import { readNumber } from './duration.js';
import { type SyntaxNode, children, firstChild } from './lezer.js';
import { unquoteString } from './literals.js';
import { buildVectorSelector } from './selector.js';

/** Builds the expression under the lezer `PromQL` top node. */
export function buildRoot(ctx: BuildContext, top: SyntaxNode): Expr {
  const [first] = children(top);
  if (first === undefined) return fail(ctx, 0, 'no expression found in input');
  return buildExpr(ctx, first);
}

export function buildExpr(ctx: BuildContext, node: SyntaxNode): Expr {
  const build = (n: SyntaxNode): Expr => buildExpr(ctx, n);
  if (isChainNode(ctx, node)) return buildChain(ctx, node, (n) => buildOperand(ctx, n, build));
  return buildOperand(ctx, node, build);
}

/** Everything that is not an operator chain: selectors, literals, calls, parentheses. */
function buildOperand(
  ctx: BuildContext,
  node: SyntaxNode,
  build: (node: SyntaxNode) => Expr,
): Expr {
  const pos = { start: node.from, end: node.to };
  switch (node.name) {
    case 'VectorSelector':
      return buildVectorSelector(ctx, node);
    case 'NumberDurationLiteral': {
      // The sign, if any, was taken by the chain; the token gives the exact extent (`5.`).
      const token = tokenAt(
        ctx,
        '+-'.includes(ctx.src[node.from] ?? ' ') ? node.from + 1 : node.from,
      );
      const { seconds } = readNumber(ctx, token?.start ?? node.from);
      const literal: NumberLiteral = {
        kind: 'NumberLiteral',
        value: seconds,
        pos: { start: token?.start ?? node.from, end: token?.end ?? node.to },
      };
      return literal;
    }
    case 'StringLiteral': {
      const literal: StringLiteral = {
        kind: 'StringLiteral',
        value: unquoteString(ctx.src.slice(node.from, node.to)),
        pos,
      };
      return literal;
    }
    case 'ParenExpr': {
      const inner = firstChild(node);
      if (inner === undefined) return fail(ctx, pos, 'expected expression in parentheses');
      return { kind: 'ParenExpr', expr: build(inner), pos };
    }
    case 'FunctionCall':
      return buildCall(ctx, node, build);
    case 'AggregateExpr':
      return buildAggregate(ctx, node, build);
    default:
      return fail(ctx, pos, `unexpected ${node.name}`);
  }
}
