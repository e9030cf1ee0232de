/**
 * State shared by the builder functions while one query is turned into an AST, and the one place
 * that turns an offset into Prometheus's `line:col` (columns count UTF-8 bytes).
 *
 * @module
 */
import { ParseError } from '../../errors.js';
import type { BinaryExpr, Expr, PositionRange, ValueType } from '../ast.js';
import type { Token } from './tokens.js';

/** Parser switches; each defaults to on, as in the promqltest harness. */
export interface ParseOptions {
  /** Experimental functions and aggregations (`info`, `limitk`, `sort_by_label` ...). */
  readonly experimentalFunctions?: boolean;
  /** Duration expressions: `x[2m * 3]`, `offset step()`, `min_of(...)`. */
  readonly durationExpressions?: boolean;
  /** Binary operator fill modifiers: `a + fill(0) b`. */
  readonly fillModifiers?: boolean;
}

/** What was written between a binary operator and its right operand. */
export interface BinaryModifiers {
  readonly returnBool: boolean;
  readonly on: boolean;
  readonly matchingLabels: readonly string[];
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many';
  readonly include: readonly string[];
  readonly fillLeft: number | null;
  readonly fillRight: number | null;
}

export interface BuildContext {
  readonly src: string;
  /** Lexer tokens, sorted by start. */
  readonly tokens: readonly Token[];
  readonly options: Required<ParseOptions>;
  /** The value type of every node built so far, so that no type is computed twice. */
  readonly types: WeakMap<Expr, ValueType>;
  /** The modifiers as written, for the type check (the AST keeps only what evaluation needs). */
  readonly binary: WeakMap<BinaryExpr, BinaryModifiers>;
}

/** 1-based line and byte column of a UTF-16 offset, as Prometheus prints positions. */
export function lineColumn(src: string, offset: number): { line: number; column: number } {
  const before = src.slice(0, Math.max(0, Math.min(offset, src.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: Buffer.byteLength(before.slice(lineStart), 'utf8') + 1 };
}

/** A ParseError reading `L:C: parse error: <message>`. */
export function parseErrorAt(src: string, offset: number, message: string): ParseError {
  return new ParseError(`parse error: ${message}`, lineColumn(src, offset));
}

/** Throws the Prometheus-style error for a problem found at `pos`. */
export function fail(ctx: BuildContext, pos: number | PositionRange, message: string): never {
  throw parseErrorAt(ctx.src, typeof pos === 'number' ? pos : pos.start, message);
}

/** The first token that starts at or after `pos` (binary search). */
export function tokenAt(ctx: BuildContext, pos: number): Token | undefined {
  let lo = 0;
  let hi = ctx.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ctx.tokens[mid] as Token).start < pos) lo = mid + 1;
    else hi = mid;
  }
  return ctx.tokens[lo];
}
