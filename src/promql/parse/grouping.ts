/**
 * Label lists in parentheses: `by (a, "b.c")`, `on (x)`, `group_left (y)`.
 *
 * @module
 */
import { type BuildContext, fail } from './context.js';
import { type SyntaxNode, children } from './lezer.js';
import { isValidUtf8String, quoteString, unquoteString } from './literals.js';

/** The labels of a GroupingLabels node; quoted names must be non-empty valid UTF-8. */
export function groupingLabels(ctx: BuildContext, node: SyntaxNode): string[] {
  const labels: string[] = [];
  for (const child of children(node)) {
    if (child.name === 'LabelName') {
      labels.push(ctx.src.slice(child.from, child.to));
      continue;
    }
    const text = ctx.src.slice(child.from, child.to);
    const name = unquoteString(text);
    if (name === '' || !isValidUtf8String(text))
      fail(ctx, child.from, `invalid label name for grouping: ${quoteString(name)}`);
    labels.push(name);
  }
  return labels;
}
