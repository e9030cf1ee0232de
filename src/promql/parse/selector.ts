/**
 * Vector selectors and the postfix modifiers that attach to selectors and subqueries: range
 * `[5m]`, subquery `[5m:1m]`, `offset`, `@`. The checks and messages follow Prometheus's grammar
 * actions (`addOffset`, `setTimestamp`, the `matrix_selector` rule).
 *
 * @module
 */
import type { Matcher, MatchType } from '../../model/matcher.js';
import { RegexError, compileAnchored } from '../../model/regex.js';
import type { AtModifier, Expr, PositionRange, VectorSelector } from '../ast.js';
import { type BuildContext, fail, tokenAt } from './context.js';
import { type DurationValue, buildDurationExpr, durationValue } from './duration.js';
import { type SyntaxNode, children, firstChild } from './lezer.js';
import { formatFloatFixed6, unquoteString } from './literals.js';
import { readSignedNumber } from './binary.js';

const MetricNameLabel = '__name__';

const MATCH_OPS: Readonly<Record<string, MatchType>> = {
  EqlSingle: '=',
  Neq: '!=',
  EqlRegex: '=~',
  NeqRegex: '!~',
};

function stringValue(ctx: BuildContext, node: SyntaxNode): string {
  return unquoteString(ctx.src.slice(node.from, node.to));
}

/** `name{matchers}`: the `__name__` matcher for a written name goes last, as in Prometheus. */
export function buildVectorSelector(ctx: BuildContext, node: SyntaxNode): VectorSelector {
  let name = '';
  const matchers: Matcher[] = [];
  for (const child of children(node)) {
    if (child.name === 'Identifier') name = ctx.src.slice(child.from, child.to);
    else if (child.name === 'LabelMatchers')
      for (const m of children(child)) matchers.push(buildMatcher(ctx, m));
  }
  if (name !== '') matchers.push({ name: MetricNameLabel, type: '=', value: name });
  return {
    kind: 'VectorSelector',
    name,
    matchers,
    offsetMs: 0,
    offsetExpr: null,
    at: null,
    pos: { start: node.from, end: node.to },
  };
}

function buildMatcher(ctx: BuildContext, node: SyntaxNode): Matcher {
  const [label, op, value] = children(node);
  if (node.name === 'QuotedLabelName' || op === undefined || value === undefined) {
    // `{"metric.name"}`: a quoted name alone selects the metric name.
    const literal = node.getChild('StringLiteral') ?? node;
    return { name: MetricNameLabel, type: '=', value: stringValue(ctx, literal) };
  }
  const labelNode = label as SyntaxNode;
  const labelName =
    labelNode.name === 'LabelName'
      ? ctx.src.slice(labelNode.from, labelNode.to)
      : stringValue(ctx, labelNode.getChild('StringLiteral') ?? labelNode);
  const type = MATCH_OPS[firstChild(op)?.name ?? ''] ?? '=';
  const matcher: Matcher = { name: labelName, type, value: stringValue(ctx, value) };
  if (type === '=~' || type === '!~') {
    try {
      compileAnchored(matcher.value);
    } catch (err) {
      if (err instanceof RegexError) fail(ctx, labelNode.from, err.message);
      throw err;
    }
  }
  return matcher;
}

/** `expr[range]`: only a plain vector selector may take a range. */
export function applyRange(
  ctx: BuildContext,
  target: Expr,
  range: DurationValue,
  brackets: PositionRange,
  end: number,
): Expr {
  if (target.kind !== 'VectorSelector')
    return fail(ctx, brackets, 'ranges only allowed for vector selectors');
  if (target.offsetMs !== 0 || target.offsetExpr !== null)
    fail(ctx, brackets, 'no offset modifiers allowed before range');
  if (target.at !== null) fail(ctx, brackets, 'no @ modifiers allowed before range');
  return {
    kind: 'MatrixSelector',
    vectorSelector: target,
    rangeMs: range.ms,
    rangeExpr: range.expr,
    pos: { start: target.pos.start, end },
  };
}

/** `expr[range:step]`; the type of `expr` is checked later, with the other types. */
export function applySubquery(
  target: Expr,
  range: DurationValue,
  step: DurationValue,
  end: number,
): Expr {
  return {
    kind: 'SubqueryExpr',
    expr: target,
    rangeMs: range.ms,
    rangeExpr: range.expr,
    stepMs: step.ms,
    stepExpr: step.expr,
    offsetMs: 0,
    offsetExpr: null,
    at: null,
    pos: { start: target.pos.start, end },
  };
}

const MODIFIER_TARGETS = 'an instant vector selector or range vector selector or a subquery';

/** `expr offset d`, allowed once on selectors and subqueries. */
export function applyOffset(
  ctx: BuildContext,
  target: Expr,
  offset: DurationValue,
  end: number,
): Expr {
  const set = { offsetMs: offset.ms, offsetExpr: offset.expr };
  const twice = (s: { offsetMs: number; offsetExpr: unknown }): boolean =>
    s.offsetMs !== 0 || s.offsetExpr !== null;
  switch (target.kind) {
    case 'VectorSelector':
      if (twice(target)) fail(ctx, target.pos, 'offset may not be set multiple times');
      return { ...target, ...set, pos: { start: target.pos.start, end } };
    case 'MatrixSelector':
      if (twice(target.vectorSelector))
        fail(ctx, target.pos, 'offset may not be set multiple times');
      return {
        ...target,
        vectorSelector: { ...target.vectorSelector, ...set },
        pos: { start: target.pos.start, end },
      };
    case 'SubqueryExpr':
      if (twice(target)) fail(ctx, target.pos, 'offset may not be set multiple times');
      return { ...target, ...set, pos: { start: target.pos.start, end } };
    default:
      return fail(ctx, target.pos, `offset modifier must be preceded by ${MODIFIER_TARGETS}`);
  }
}

/** Reads the `@` argument: a signed number of seconds, `start()` or `end()`. */
export function readAtModifier(
  ctx: BuildContext,
  node: SyntaxNode,
): { at: AtModifier; outOfBounds: string | null } {
  if (node.name === 'AtModifierPreprocessors')
    return {
      at: { kind: firstChild(node)?.name === 'AtEnd' ? 'end' : 'start' },
      outOfBounds: null,
    };
  const seconds = readSignedNumber(ctx, node);
  const bad = !Number.isFinite(seconds) || seconds >= 2 ** 63 || seconds <= -(2 ** 63);
  const ms = Math.sign(seconds) * Math.round(Math.abs(seconds) * 1000);
  return {
    at: { kind: 'timestamp', ms: bad ? 0 : ms === 0 ? 0 : ms },
    outOfBounds: bad
      ? `timestamp out of bounds for @ modifier: ${formatFloatFixed6(seconds)}`
      : null,
  };
}

/** `expr @ t`, allowed once on selectors and subqueries. */
export function applyAt(
  ctx: BuildContext,
  target: Expr,
  read: { at: AtModifier; outOfBounds: string | null },
  end: number,
): Expr {
  if (read.outOfBounds !== null) fail(ctx, target.pos, read.outOfBounds);
  const twice = '@ <timestamp> may not be set multiple times';
  switch (target.kind) {
    case 'VectorSelector':
      if (target.at !== null) fail(ctx, target.pos, twice);
      return { ...target, at: read.at, pos: { start: target.pos.start, end } };
    case 'MatrixSelector':
      if (target.vectorSelector.at !== null) fail(ctx, target.pos, twice);
      return {
        ...target,
        vectorSelector: { ...target.vectorSelector, at: read.at },
        pos: { start: target.pos.start, end },
      };
    case 'SubqueryExpr':
      if (target.at !== null) fail(ctx, target.pos, twice);
      return { ...target, at: read.at, pos: { start: target.pos.start, end } };
    default:
      return fail(ctx, target.pos, `@ modifier must be preceded by ${MODIFIER_TARGETS}`);
  }
}

/** The postfix parts of a lezer MatrixSelector / SubqueryExpr node, read in source order. */
export function readBrackets(
  ctx: BuildContext,
  node: SyntaxNode,
): { range: DurationValue; step: DurationValue | null; brackets: PositionRange } {
  const [inner, rangeNode, stepNode] = children(node);
  const open = tokenAt(ctx, (inner as SyntaxNode).to);
  const brackets = { start: open?.start ?? node.from, end: node.to };
  const range = durationValue(ctx, buildDurationExpr(ctx, rangeNode as SyntaxNode), true);
  if (node.name === 'MatrixSelector') return { range, step: null, brackets };
  const step =
    stepNode === undefined
      ? { ms: 0, expr: null }
      : durationValue(ctx, buildDurationExpr(ctx, stepNode), true);
  return { range, step, brackets };
}
