/**
 * Durations: Prometheus's duration text (`model.ParseDuration` and `model.Duration.String`),
 * number-or-duration literals, and the duration expressions that may stand in `[...]` and after
 * `offset` (`x[2m * 3]`, `offset -(step() + 1s)`, `min_of(...)`).
 *
 * @module
 */
import type { DurationExpr, PositionRange } from '../ast.js';
import { type BuildContext, fail, tokenAt } from './context.js';
import { type SyntaxNode, children } from './lezer.js';
import { type Parsed, formatFloatF, parseGoNumber } from './literals.js';

const UNITS: ReadonlyMap<string, { order: number; ms: bigint }> = new Map([
  ['y', { order: 1, ms: 365n * 86_400_000n }],
  ['w', { order: 2, ms: 7n * 86_400_000n }],
  ['d', { order: 3, ms: 86_400_000n }],
  ['h', { order: 4, ms: 3_600_000n }],
  ['m', { order: 5, ms: 60_000n }],
  ['s', { order: 6, ms: 1000n }],
  ['ms', { order: 7, ms: 1n }],
]);
const MAX_NS = 2n ** 63n - 1n;

/** `model.ParseDuration`: units from largest to smallest, each once; result in ms. */
export function parseDurationText(text: string): Parsed<number> {
  if (text === '0') return { ok: true, value: 0 };
  if (text === '') return { ok: false, error: 'empty duration string' };
  const invalid = {
    ok: false,
    error: `not a valid duration string: ${JSON.stringify(text)}`,
  } as const;
  let rest = text;
  let totalNs = 0n;
  let lastOrder = 0;
  while (rest !== '') {
    const num = /^[0-9]+/.exec(rest)?.[0];
    if (num === undefined) return invalid;
    rest = rest.slice(num.length);
    const unitText = /^[^0-9]+/.exec(rest)?.[0];
    if (unitText === undefined) return invalid;
    rest = rest.slice(unitText.length);
    const unit = UNITS.get(unitText);
    if (unit === undefined)
      return {
        ok: false,
        error: `unknown unit ${JSON.stringify(unitText)} in duration ${JSON.stringify(text)}`,
      };
    if (unit.order <= lastOrder) return invalid;
    lastOrder = unit.order;
    const v = BigInt(num);
    if (v > 2n ** 63n / (unit.ms * 1_000_000n))
      return { ok: false, error: 'duration out of range' };
    totalNs += v * unit.ms * 1_000_000n;
    if (totalNs > MAX_NS) return { ok: false, error: 'duration out of range' };
  }
  return { ok: true, value: Number(totalNs / 1_000_000n) };
}

/** `model.Duration.String` for a positive number of ms: `1h30m`, `90d` (y and w only exact). */
export function formatDurationMs(ms: number): string {
  let rest = Math.trunc(ms);
  if (rest <= 0) return '0s';
  let out = '';
  const part = (unit: string, size: number, exact: boolean): void => {
    if (exact && rest % size !== 0) return;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  };
  part('y', 365 * 86_400_000, true);
  part('w', 7 * 86_400_000, true);
  part('d', 86_400_000, false);
  part('h', 3_600_000, false);
  part('m', 60_000, false);
  part('s', 1000, false);
  part('ms', 1, false);
  return out;
}

/** A number or duration literal: its value in seconds, and whether it was written with units. */
export interface NumberValue {
  readonly seconds: number;
  readonly isDuration: boolean;
}

/** Reads the number or duration token at `pos` (after any sign), or throws Prometheus's error. */
export function readNumber(ctx: BuildContext, pos: number): NumberValue {
  const token = tokenAt(ctx, pos);
  if (token === undefined || (token.kind !== 'number' && token.kind !== 'duration'))
    return fail(ctx, pos, 'expected number literal');
  if (token.kind === 'number') {
    const n = parseGoNumber(token.text);
    if (!n.ok) return fail(ctx, token.start, `error parsing number: ${n.error}`);
    return { seconds: n.value, isDuration: false };
  }
  const d = parseDurationText(token.text);
  if (!d.ok) return fail(ctx, token.start, d.error);
  return { seconds: d.value / 1000, isDuration: true };
}

/** The canonical text of a duration literal, as Prometheus prints a NumberLiteral. */
export function literalText(seconds: number, isDuration: boolean): string {
  if (!isDuration) return formatFloatF(seconds);
  const ms = Math.round(Math.abs(seconds) * 1000);
  return (seconds < 0 ? '-' : '') + formatDurationMs(ms);
}

/** Seconds to integer ms, rounding half away from zero as Go's `math.Round` does. */
export function secondsToMs(seconds: number): number {
  const ms = Math.sign(seconds) * Math.round(Math.abs(seconds) * 1000);
  return ms === 0 ? 0 : ms;
}

const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;

type DurationLiteral = Extract<DurationExpr, { kind: 'DurationLiteral' }>;

function makeLiteral(ctx: BuildContext, value: NumberValue, pos: PositionRange): DurationLiteral {
  if (value.seconds > MAX_DURATION_SECONDS || value.seconds < -MAX_DURATION_SECONDS)
    return fail(ctx, pos, 'duration out of range');
  const text = literalText(value.seconds, value.isDuration);
  return { kind: 'DurationLiteral', seconds: value.seconds, text, pos };
}

const DURATION_OPS: Readonly<Record<string, '+' | '-' | '*' | '/' | '%' | '^'>> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
};

/** Whether a duration literal was written with units; kept beside the node, not in the AST. */
const durationFlag = new WeakMap<DurationExpr, boolean>();

/** Builds a `DurationExpr` / `OffsetDurationExpr` node, folding signs into literals as Prometheus. */
export function buildDurationExpr(ctx: BuildContext, node: SyntaxNode): DurationExpr {
  const pos = { start: node.from, end: node.to };
  if (node.name === 'NumberDurationLiteralInDurationContext') {
    const value = readNumber(ctx, node.from);
    const literal = makeLiteral(ctx, value, pos);
    durationFlag.set(literal, value.isDuration);
    return literal;
  }
  const kids = children(node);
  const [first, second, third] = kids;
  if (first === undefined) return fail(ctx, pos, 'expected number literal or duration expression');
  switch (first.name) {
    case 'UnaryOp': {
      const inner = buildDurationExpr(ctx, second as SyntaxNode);
      return applySign(ctx, ctx.src[first.from] === '-' ? '-' : '+', inner, pos);
    }
    case 'DurationStep':
    case 'DurationRange':
      return {
        kind: 'DurationCall',
        func: first.name === 'DurationStep' ? 'step' : 'range',
        args: [],
        pos,
      };
    case 'DurationMinOf':
    case 'DurationMaxOf': {
      const args = [
        buildDurationExpr(ctx, second as SyntaxNode),
        buildDurationExpr(ctx, third as SyntaxNode),
      ];
      return {
        kind: 'DurationCall',
        func: first.name === 'DurationMinOf' ? 'min_of' : 'max_of',
        args,
        pos,
      };
    }
  }
  if (kids.length === 1) {
    if (ctx.src[node.from] === '(')
      return { kind: 'DurationParen', expr: buildDurationExpr(ctx, first), pos };
    return buildDurationExpr(ctx, first);
  }
  const op = DURATION_OPS[second?.name ?? ''];
  if (op === undefined || third === undefined)
    return fail(ctx, pos, 'expected number literal or duration expression');
  const lhs = buildDurationExpr(ctx, first);
  const rhs = buildDurationExpr(ctx, third);
  if ((op === '/' || op === '%') && rhs.kind === 'DurationLiteral' && rhs.seconds === 0)
    return fail(
      ctx,
      (second as SyntaxNode).from,
      op === '/' ? 'division by zero' : 'modulo by zero',
    );
  return { kind: 'DurationBinary', op, lhs, rhs, pos };
}

/** A unary sign: folded into a literal, dropped when `+`, a `DurationUnary` otherwise. */
function applySign(
  ctx: BuildContext,
  sign: '+' | '-',
  inner: DurationExpr,
  pos: PositionRange,
): DurationExpr {
  if (inner.kind === 'DurationLiteral') {
    const seconds = sign === '-' ? -inner.seconds : inner.seconds;
    const isDuration = durationFlag.get(inner) ?? false;
    const literal = makeLiteral(
      ctx,
      { seconds, isDuration },
      { start: pos.start, end: inner.pos.end },
    );
    durationFlag.set(literal, isDuration);
    return literal;
  }
  if (sign === '+') return inner;
  return { kind: 'DurationUnary', op: '-', expr: inner, pos };
}

/** A range, step or offset: a plain literal gives ms, anything else stays an expression. */
export interface DurationValue {
  readonly ms: number;
  readonly expr: DurationExpr | null;
}

/**
 * Turns a built duration into the AST's `xMs` / `xExpr` pair. Ranges and steps must be positive
 * when they are literals (expressions are checked at evaluation time, as in Prometheus).
 */
export function durationValue(
  ctx: BuildContext,
  d: DurationExpr,
  mustBePositive: boolean,
): DurationValue {
  if (d.kind === 'DurationLiteral') {
    if (mustBePositive && !(d.seconds > 0))
      return fail(ctx, d.pos, 'duration must be greater than 0');
    return { ms: secondsToMs(d.seconds), expr: null };
  }
  if (!ctx.options.durationExpressions)
    return fail(ctx, d.pos, 'experimental duration expression is not enabled');
  return { ms: 0, expr: d };
}
