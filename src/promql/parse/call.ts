/**
 * Function calls. The name must be one of Prometheus's functions; argument counts and types are
 * left to the type check, which reports them in Prometheus's order.
 *
 * @module
 */
import type { Call, Expr } from '../ast.js';
import { FUNCTION_SIGNATURES } from '../functions/signatures.js';
import { type BuildContext, fail } from './context.js';
import { type SyntaxNode, children, isExprNode } from './lezer.js';
import { quoteString } from './literals.js';

export function buildCall(
  ctx: BuildContext,
  node: SyntaxNode,
  build: (node: SyntaxNode) => Expr,
): Call {
  const ident = node.getChild('FunctionIdentifier');
  const body = node.getChild('FunctionCallBody');
  const args = body === null ? [] : children(body).filter(isExprNode).map(build);
  const nameFrom = ident?.from ?? node.from;
  const func = ctx.src.slice(nameFrom, ident?.to ?? node.from);
  const signature = Object.hasOwn(FUNCTION_SIGNATURES, func)
    ? FUNCTION_SIGNATURES[func]
    : undefined;
  if (signature === undefined)
    return fail(ctx, nameFrom, `unknown function with name ${quoteString(func)}`);
  if (signature.experimental === true && !ctx.options.experimentalFunctions)
    fail(ctx, nameFrom, `function ${quoteString(func)} is not enabled`);
  return { kind: 'Call', func, args, pos: { start: node.from, end: node.to } };
}
