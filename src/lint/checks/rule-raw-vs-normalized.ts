/**
 * `rule/raw-vs-normalized`: gates and alerts should read normalized signals the way they are
 * meant. Two mistakes: comparing a raw count (`changes()`, `count()`, a `..._changes_6m`
 * rule) with `== 1`, which fails when the count is 2 though the signal is healthy (use
 * `>= 1`); and (as info) reading a raw series where a normalized rule built from it exists
 * (the `..._ok` rule, so every consumer applies the same threshold).
 */
import type { Expr } from '../../promql/ast.js';
import { constant } from '../analysis/bounds.js';
import { problemAt, walkProblems } from '../analysis/problems.js';
import { SignalAnalysis } from '../analysis/signals.js';
import type { Check } from '../check.js';
import type { LintExpr } from '../model.js';

function isConsumer(expr: LintExpr): boolean {
  return expr.origin === 'gate' || expr.rule?.rule.kind === 'alerting';
}

function describe(e: Expr): string {
  if (e.kind === 'ParenExpr') return describe(e.expr);
  if (e.kind === 'VectorSelector') return e.name;
  if (e.kind === 'Call') return `${e.func}()`;
  if (e.kind === 'AggregateExpr') return `${e.op}()`;
  return 'the count';
}

export const ruleRawVsNormalized: Check = {
  id: 'rule/raw-vs-normalized',
  defaultSeverity: 'warning',
  description:
    'Gates and alerts compare raw counts with >= 1, and read normalized rules where they exist.',
  check({ project }) {
    const signals = new SignalAnalysis(project);
    const consumers = project.exprs.filter(isConsumer);
    const problems = walkProblems(ruleRawVsNormalized, consumers, (node, report) => {
      if (node.kind === 'BinaryExpr' && node.op === '==') {
        const [value, other] =
          constant(node.rhs) === 1
            ? [node.rhs, node.lhs]
            : constant(node.lhs) === 1
              ? [node.lhs, node.rhs]
              : [undefined, undefined];
        if (value !== undefined && other !== undefined && signals.isRawCount(other))
          report(
            node.pos,
            `${describe(other)} is a count compared with "== 1": a count of 2 is healthy too, use ">= 1" (or compare a normalized _ok rule)`,
          );
      }
      if (node.kind === 'VectorSelector' && node.name !== '' && signals.isRawCount(node)) {
        const first = signals.normalizedFrom(node.name)[0];
        if (first !== undefined)
          report(
            node.pos,
            `${node.name} is a raw signal; ${JSON.stringify(first.rule.name)} is its normalized form: consider reading that instead`,
            `${first.rule.name} is recorded at ${first.file}:${first.rule.source.line}.`,
            'info',
          );
      }
    });
    for (const expr of consumers) {
      const gate = expr.gate;
      if (gate?.condition === undefined || gate.role === 'errors' || gate.role === 'total')
        continue;
      const c = gate.condition;
      if (c.op === '==' && c.value === 1 && signals.isRawCount(expr.ast))
        problems.push(
          problemAt(
            ruleRawVsNormalized,
            c.source,
            `gate ${JSON.stringify(gate.gate)} compares ${describe(expr.ast)}, a count, with "== 1": use ">= 1", or query a normalized _ok rule`,
          ),
        );
    }
    return problems;
  },
};
