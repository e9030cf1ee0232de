/**
 * The lezer PromQL parser, configured for a gate: strict (no error recovery), and with two
 * identifier specializers replaced so that the tree matches what Prometheus's yacc grammar
 * accepts:
 *
 * - `offset` is a keyword only where an offset can follow (`offset{job="x"}` is a metric);
 * - any plain identifier before `(` may be a function name, so `min_of(1, 2)` parses and an
 *   unknown name reaches the builder, which reports `unknown function with name "foo"`;
 * - `step`, `range`, `min_of`, `max_of` are case-insensitive inside duration expressions.
 *
 * Nothing outside `parse/` sees lezer nodes.
 *
 * @module
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Stack } from '@lezer/lr';
import { parser as basePromqlParser } from '@prometheus-io/lezer-promql';
import { keywordKind } from './tokens.js';

type Specializer = (value: string, stack: Stack) => number;

/** The keyword table lookups ignore the stack; they are called without one. */
const noStack = undefined as unknown as Stack;

interface SpecializerSpec {
  readonly term: number;
  readonly external?: Specializer;
  readonly extend?: boolean;
  readonly get?: (value: string, stack: Stack) => number | undefined;
}

/** The three identifier specializers of lezer-promql 0.315: keywords, contextual words, names. */
function specializerSpecs(): {
  keywords: Specializer;
  contextual: Specializer;
  builtin: (value: string) => number | undefined;
} {
  const specs = (basePromqlParser as unknown as { specializerSpecs?: SpecializerSpec[] })
    .specializerSpecs;
  const keywords = specs?.find((s) => s.external !== undefined && s.extend !== true)?.external;
  const contextual = specs?.find((s) => s.external !== undefined && s.extend === true)?.external;
  const get = specs?.find((s) => s.external === undefined)?.get;
  if (keywords === undefined || contextual === undefined || get === undefined)
    throw new Error(
      'unexpected @prometheus-io/lezer-promql build: identifier specializers changed',
    );
  return {
    keywords,
    contextual,
    builtin: (value) => {
      const spec = get(value, noStack);
      return spec === undefined || Number.isNaN(spec) ? undefined : spec >> 1;
    },
  };
}

const original = specializerSpecs();
const OFFSET_TERM = original.keywords('offset', noStack);
/** A function-name token of the grammar, lent to names lezer does not list (`min_of`, typos). */
const FUNCTION_TERM = original.builtin('abs') as number;
const DURATION_WORDS: ReadonlySet<string> = new Set(['step', 'range', 'min_of', 'max_of']);

/** lezer-promql looks words up in plain objects, so `constructor` finds Object's properties. */
function termOrNone(term: unknown): number {
  return typeof term === 'number' && Number.isInteger(term) ? term : -1;
}

const keywords: Specializer = (value, stack) => {
  const term = termOrNone(original.keywords(value, stack));
  return term === OFFSET_TERM && !stack.canShift(OFFSET_TERM) ? -1 : term;
};

const contextual: Specializer = (value, stack) => {
  const term = termOrNone(original.contextual(value, stack));
  if (term >= 0) return term;
  const lower = value.toLowerCase();
  if (DURATION_WORDS.has(lower) && lower !== value) {
    const keyword = original.builtin(lower);
    if (keyword !== undefined && stack.canShift(keyword)) return keyword;
  }
  if (value.includes(':') || (keywordKind(lower) ?? 'preprocessor') !== 'preprocessor') return -1;
  const builtin = original.builtin(value);
  if (builtin !== undefined && stack.canShift(builtin)) return -1;
  return stack.canShift(FUNCTION_TERM) ? FUNCTION_TERM : -1;
};

const promqlParser = basePromqlParser.configure({
  strict: true,
  specializers: [
    { from: original.keywords, to: keywords },
    { from: original.contextual, to: contextual },
  ],
});

/**
 * Parses with lezer; throws lezer's `SyntaxError("No parse at N")` on bad input.
 *
 * lezer forces a reduction after 300 left-associative reductions from one start position, to
 * keep trees shallow for recursive consumers; in strict mode that turns `a + b + ... ` with a few
 * hundred terms into a syntax error. Our builders walk operator chains iteratively, so we reset
 * that counter (an internal field of lezer's Parse) before each step.
 */
export function parseTree(text: string): Tree {
  const parse = promqlParser.startParse(text);
  const counter = parse as unknown as { bigReductionCount?: number };
  for (;;) {
    if (counter.bigReductionCount !== undefined) counter.bigReductionCount = 0;
    const tree = parse.advance();
    if (tree !== null) return tree;
  }
}

/** The position in lezer's "No parse at N" message, or null for any other error. */
export function syntaxErrorPosition(err: unknown): number | null {
  if (!(err instanceof SyntaxError)) return null;
  const m = /^No parse at (\d+)$/.exec(err.message);
  return m === null ? null : Number(m[1]);
}

/**
 * Whether the tree nests deeper than `limit`. lezer flattens whatever lies deeper than 2500
 * levels when it builds the tree, so such a tree no longer has the structure of the query.
 */
export function nestsDeeperThan(tree: Tree, limit: number): boolean {
  const cursor = tree.cursor();
  let depth = 0;
  for (;;) {
    if (depth > limit) return true;
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) return false;
      depth--;
    }
  }
}

export type { SyntaxNode };

/** The named children of a node, in order, without comments (lezer keeps them in the tree). */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c !== null; c = c.nextSibling)
    if (c.name !== 'LineComment') out.push(c);
  return out;
}

/** The first child that is not a comment. */
export function firstChild(node: SyntaxNode): SyntaxNode | undefined {
  return children(node)[0];
}

/** Whether the node is one of the grammar's expression nodes. */
export function isExprNode(node: SyntaxNode): boolean {
  return node.type.is('Expr');
}
