/**
 * Aggregations: `sum by (job) (x)`, `topk(3, x) without (a)`, `count_values("v", x)`.
 *
 * @module
 */
import { AGGREGATE_OPS, type AggregateExpr, type AggregateOp, type Expr } from '../ast.js';
import { type BuildContext, fail } from './context.js';
import { groupingLabels } from './grouping.js';
import { type SyntaxNode, children, firstChild, isExprNode } from './lezer.js';

const WITH_PARAM: ReadonlySet<AggregateOp> = new Set([
  'topk',
  'bottomk',
  'count_values',
  'quantile',
  'limitk',
  'limit_ratio',
]);
const EXPERIMENTAL: ReadonlySet<AggregateOp> = new Set(['limitk', 'limit_ratio']);

/** Builds an AggregateExpr; the argument count is checked here, as Prometheus's grammar does. */
export function buildAggregate(
  ctx: BuildContext,
  node: SyntaxNode,
  build: (node: SyntaxNode) => Expr,
): AggregateExpr {
  const pos = { start: node.from, end: node.to };
  let op: AggregateOp | undefined;
  let grouping: string[] = [];
  let without = false;
  let groupingWritten = false;
  let args: Expr[] = [];
  for (const child of children(node)) {
    if (child.name === 'AggregateOp') {
      const word = ctx.src.slice(child.from, child.to).toLowerCase();
      op = AGGREGATE_OPS.find((o) => o === word);
    } else if (child.name === 'AggregateModifier') {
      groupingWritten = true;
      without = firstChild(child)?.name === 'Without';
      const labels = child.getChild('GroupingLabels');
      if (labels !== null) grouping = groupingLabels(ctx, labels);
    } else if (child.name === 'FunctionCallBody') {
      args = children(child).filter(isExprNode).map(build);
    }
  }
  if (op === undefined) return fail(ctx, pos, 'aggregation operator expected');
  if (args.length === 0) return fail(ctx, pos, 'no arguments for aggregate expression provided');
  let wanted = 1;
  if (WITH_PARAM.has(op)) {
    if (EXPERIMENTAL.has(op) && !ctx.options.experimentalFunctions)
      fail(
        ctx,
        pos,
        `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`,
      );
    wanted = 2;
  }
  if (args.length !== wanted)
    fail(
      ctx,
      pos,
      `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`,
    );
  return {
    kind: 'AggregateExpr',
    op,
    expr: args[wanted - 1] as Expr,
    param: wanted === 2 ? (args[0] as Expr) : null,
    grouping,
    without,
    groupingWritten,
    pos,
  };
}
