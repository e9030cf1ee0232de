/**
 * Building a LintExpr from PromQL text and where it was written, and reporting a syntax error
 * at its place in the file.
 *
 * @module
 */
import { DrygateError, ParseError } from '../../errors.js';
import { parseExpr, type ParseOptions } from '../../promql/parse/parse.js';
import type { ScalarStyle } from '../../rules/scalar-offsets.js';
import type { SourceRef } from '../../rules/types.js';
import { queryOffset } from '../../rules/validate.js';
import type { GateQuery, LintExpr, LintRule, ScalarLocation } from '../model.js';
import type { SourceText } from '../source.js';
import type { Problem } from '../types.js';

/** Every parser feature on: lint reads what any Prometheus 3 might load (promtool's defaults differ). */
export const LINT_PARSE_OPTIONS: ParseOptions = {
  experimentalFunctions: true,
  durationExpressions: true,
  fillModifiers: true,
};

/** The scalar style of the YAML value that starts after `key:` at `keyOffset`. */
export function scalarStyleAfterKey(text: string, keyOffset: number): ScalarStyle {
  const colon = text.indexOf(':', keyOffset);
  let i = colon < 0 ? keyOffset : colon + 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    // Skip a tag or an anchor written before the value.
    if (text[i] === '!' || text[i] === '&') {
      while (i < text.length && !/\s/.test(text[i] as string)) i++;
      continue;
    }
    break;
  }
  switch (text[i]) {
    case '"':
      return 'QUOTE_DOUBLE';
    case "'":
      return 'QUOTE_SINGLE';
    case '|':
      return 'BLOCK_LITERAL';
    case '>':
      return 'BLOCK_FOLDED';
    default:
      return 'PLAIN';
  }
}

export interface ExprPlace {
  readonly file: string;
  readonly origin: LintExpr['origin'];
  readonly position: (offset: number) => SourceRef;
  readonly location: ScalarLocation | undefined;
  readonly rule?: LintRule;
  readonly gate?: GateQuery;
}

/**
 * Parses `text` into a LintExpr; a syntax error becomes a `promql/syntax` problem at the
 * place in the file it points at.
 */
export function buildExpr(text: string, place: ExprPlace): LintExpr | Problem {
  try {
    const ast = parseExpr(text, LINT_PARSE_OPTIONS);
    return {
      file: place.file,
      origin: place.origin,
      text,
      ast,
      position: place.position,
      location: place.location,
      rule: place.rule,
      gate: place.gate,
    };
  } catch (err) {
    if (!(err instanceof DrygateError)) throw err;
    const offset =
      err instanceof ParseError ? queryOffset(text, err.position.line, err.position.column) : 0;
    const reason = err instanceof ParseError ? err.reason : err.message;
    const start = place.position(offset);
    return {
      check: 'promql/syntax',
      severity: 'error',
      summary: `could not parse the expression: ${reason}`,
      details: '',
      source: start,
      diagnostics: [],
    };
  }
}

/** A location for edits, from a position map over a file. */
export function scalarLocation(
  source: SourceText,
  style: ScalarStyle,
  position: (offset: number) => SourceRef,
): ScalarLocation {
  return { style, offsetOf: (i) => source.offsetOf(position(i)) };
}
