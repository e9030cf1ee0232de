/**
 * How checks write their problems: at a place, or underlining part of an expression, with the
 * check's id and its default severity (`lint.severity` may change it later, in the run).
 *
 * @module
 */
import { type Expr, type PositionRange, walk } from '../../promql/ast.js';
import type { SourceRef } from '../../rules/types.js';
import type { LintExpr } from '../model.js';
import type { CheckMeta, Diagnostic, Problem, Severity } from '../types.js';

/** The check a problem is from: its id, and the severity its problems have by default. */
export type ProblemCheck = Pick<CheckMeta, 'id' | 'defaultSeverity'>;

/** Where an AST range of an expression was written, as a diagnostic. */
export function exprDiagnostic(expr: LintExpr, pos: PositionRange, message = ''): Diagnostic {
  const start = expr.position(pos.start);
  const last = expr.position(Math.max(pos.start, pos.end - 1));
  const end: SourceRef = { ...last, column: last.column + 1 };
  return { start, end, message };
}

/**
 * A problem about part of an expression, underlined, with the check's default severity unless
 * given another.
 */
export function exprProblem(
  check: ProblemCheck,
  expr: LintExpr,
  pos: PositionRange,
  summary: string,
  details = '',
  severity: Severity = check.defaultSeverity,
): Problem {
  const diagnostic = exprDiagnostic(expr, pos);
  return {
    ...problemAt(check, diagnostic.start, summary, details),
    severity,
    diagnostics: [diagnostic],
  };
}

/** A problem at one place, without an underline, with the check's default severity. */
export function problemAt(
  check: ProblemCheck,
  source: SourceRef,
  summary: string,
  details = '',
): Problem {
  return {
    check: check.id,
    severity: check.defaultSeverity,
    summary,
    details,
    source,
    diagnostics: [],
  };
}

/** How a rule or gate is named in messages. */
export function ownerOf(expr: LintExpr): string {
  if (expr.rule !== undefined)
    return `${expr.rule.rule.kind === 'alerting' ? 'alert' : 'rule'} ${JSON.stringify(expr.rule.rule.name)}`;
  if (expr.gate !== undefined) return `gate ${JSON.stringify(expr.gate.gate)} ${expr.gate.role}`;
  return 'test expression';
}

/** Details that say which rule or gate the expression is (`In rule "x".`), then `more`. */
export function inOwner(expr: LintExpr, more = ''): string {
  return more === '' ? `In ${ownerOf(expr)}.` : `In ${ownerOf(expr)}. ${more}`;
}

/** Reports a problem underlining `pos`; `details` follow the `In rule "x".` that is always there. */
export type Report = (
  pos: PositionRange,
  summary: string,
  details?: string,
  severity?: Severity,
) => void;

/**
 * Walks every node of every expression and returns the problems `visit` reports, each with
 * the check's default severity unless it gives another.
 *
 * @example
 * walkProblems(check, project.exprs, (node, report) => {
 *   if (node.kind === 'MatrixSelector' && node.rangeMs < 60_000) report(node.pos, 'too short');
 * });
 */
export function walkProblems(
  check: ProblemCheck,
  exprs: Iterable<LintExpr>,
  visit: (node: Expr, report: Report, path: readonly Expr[]) => void,
): Problem[] {
  const problems: Problem[] = [];
  for (const expr of exprs) {
    const report: Report = (pos, summary, details = '', severity = check.defaultSeverity) => {
      problems.push(exprProblem(check, expr, pos, summary, inOwner(expr, details), severity));
    };
    walk(expr.ast, (node, path) => visit(node, report, path));
  }
  return problems;
}
