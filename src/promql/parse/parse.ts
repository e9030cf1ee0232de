/**
 * PromQL text -> typed AST, with Prometheus's syntax rules, type checks and error messages.
 *
 * The pipeline: our lexer (Prometheus's tokens and lexical errors) -> lezer-promql in strict
 * mode (the tree) -> the builders (AST + grammar-level checks) -> the type check.
 *
 * @module
 */
import type { Tree } from '@lezer/common';
import { DrygateError, type ParseError } from '../../errors.js';
import type { Expr } from '../ast.js';
import { buildRoot } from './build.js';
import { checkExpr } from './check.js';
import { type BuildContext, type ParseOptions, parseErrorAt } from './context.js';
import { lex } from './lexer.js';
import type { LexError, Token } from './tokens.js';
import { nestsDeeperThan, parseTree, syntaxErrorPosition } from './lezer.js';
import { parseGoNumber } from './literals.js';
import { parseDurationText } from './duration.js';
import { describeSyntaxError } from './syntax-error.js';

export type { ParseOptions } from './context.js';

/** lezer flattens trees deeper than 2500 levels; we stop a little before. */
const MAX_DEPTH = 2400;
const TOO_COMPLEX = `expression too complex: more than ${MAX_DEPTH} nested operations`;

/**
 * Parses and type-checks a PromQL expression.
 *
 * @example parseExpr('sum by (job) (rate(http_requests_total[5m]))')
 * @throws ParseError with a Prometheus-style message (`1:14: parse error: ...`).
 */
export function parseExpr(query: string, options: ParseOptions = {}): Expr {
  try {
    return parseChecked(query, options);
  } catch (err) {
    if (err instanceof DrygateError) throw err;
    // Only a stack overflow on absurdly deep nesting gets here; report it as input, not a bug.
    if (err instanceof RangeError) throw parseErrorAt(query, 0, 'expression nests too deeply');
    throw err;
  }
}

function parseChecked(query: string, options: ParseOptions): Expr {
  const { tokens, error: lexError } = lex(query);
  if (tokens[0]?.kind === 'eof') throw parseErrorAt(query, 0, 'no expression found in input');

  const tree = parseOrExplain(query, tokens, lexError);
  if (lexError !== null) throw parseErrorAt(query, lexError.pos, lexError.message);
  // Each level of nesting takes at least one token, so only long queries need the walk.
  if (tokens.length > MAX_DEPTH && nestsDeeperThan(tree, MAX_DEPTH))
    throw parseErrorAt(query, 0, TOO_COMPLEX);

  const ctx: BuildContext = {
    src: query,
    tokens,
    options: {
      experimentalFunctions: options.experimentalFunctions ?? true,
      durationExpressions: options.durationExpressions ?? true,
      fillModifiers: options.fillModifiers ?? true,
    },
    types: new WeakMap(),
    binary: new WeakMap(),
  };
  const expr = buildRoot(ctx, tree.topNode);
  checkExpr(ctx, expr);
  return expr;
}

/** The lezer tree, or the ParseError Prometheus would report where lezer stopped. */
function parseOrExplain(query: string, tokens: readonly Token[], lexError: LexError | null): Tree {
  try {
    return parseTree(lezerInput(query, tokens));
  } catch (err) {
    const failPos = syntaxErrorPosition(err);
    if (failPos === null) throw err;
    throw syntaxError(query, tokens, lexError, failPos);
  }
}

/**
 * The text lezer parses: the query with every number and duration token replaced by zeros of
 * the same length. Offsets stay the same, lezer sees one number where Prometheus's lexer saw
 * one (`5.`, `0755`, `1_000`, `0x1F`), and the builders read values from our tokens.
 */
function lezerInput(query: string, tokens: readonly Token[]): string {
  let out = '';
  let last = 0;
  for (const t of tokens) {
    if (t.kind !== 'duration' && (t.kind !== 'number' || !/^[0-9.]/.test(t.text))) continue;
    // Keep a leading dot: `a.5` is two tokens, and `a00` would be one identifier.
    const zeros = '0'.repeat(t.end - t.start);
    out += query.slice(last, t.start) + (t.text.startsWith('.') ? `.${zeros.slice(1)}` : zeros);
    last = t.end;
  }
  return out + query.slice(last);
}

/** A number or duration token Prometheus would refuse, as `{pos, message}`. */
function valueError(token: Token): { pos: number; message: string } | null {
  if (token.kind === 'number' && /^[0-9.]/.test(token.text)) {
    const n = parseGoNumber(token.text);
    return n.ok ? null : { pos: token.start, message: `error parsing number: ${n.error}` };
  }
  if (token.kind === 'duration') {
    const d = parseDurationText(token.text);
    return d.ok ? null : { pos: token.start, message: d.error };
  }
  return null;
}

/**
 * The error Prometheus reports first when lezer stops at `failPos`: a lexical error or a bad
 * literal before that point, else `unexpected <token>` with the grammar's context.
 */
function syntaxError(
  query: string,
  tokens: readonly Token[],
  lexError: LexError | null,
  failPos: number,
): ParseError {
  let index = tokens.findIndex((t) => t.end > failPos || t.kind === 'eof');
  if (index < 0) index = tokens.length;
  for (const t of tokens.slice(0, index + 1)) {
    if (lexError !== null && lexError.tokenStart <= t.start) break;
    const bad = valueError(t);
    if (bad !== null) return parseErrorAt(query, bad.pos, bad.message);
  }
  if (lexError !== null && (index >= tokens.length || lexError.tokenStart <= failPos))
    return parseErrorAt(query, lexError.pos, lexError.message);
  // lezer gives up on parentheses nested a few thousand deep; say so rather than "unexpected".
  let depth = 0;
  for (const t of tokens.slice(0, index)) {
    if (t.kind === 'punct' && '([{'.includes(t.text)) depth++;
    else if (t.kind === 'punct' && ')]}'.includes(t.text)) depth--;
    if (depth > MAX_DEPTH) return parseErrorAt(query, 0, TOO_COMPLEX);
  }
  const { message, pos } = describeSyntaxError(tokens, Math.min(index, tokens.length - 1));
  return parseErrorAt(query, pos, message);
}
