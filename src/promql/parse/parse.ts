/**
 * PromQL text -> typed AST (stub: being implemented).
 *
 * @module
 */
import { ParseError } from '../../errors.js';
import type { Expr } from '../ast.js';

/**
 * Parses and type-checks a PromQL expression.
 *
 * @throws ParseError with a Prometheus-style message (`1:14: parse error: ...`).
 */
export function parseExpr(query: string): Expr {
  throw new ParseError(`parse error: not implemented: ${query}`, { line: 1, column: 1 });
}
