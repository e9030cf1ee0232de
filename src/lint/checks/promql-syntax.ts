/**
 * `promql/syntax`: an expression in a rule, gate or unit test that does not parse, reported at
 * the character where Prometheus's parser stops.
 */
import type { Check } from '../check.js';

export const promqlSyntax: Check = {
  id: 'promql/syntax',
  defaultSeverity: 'error',
  description: 'Every PromQL expression must parse.',
  check: (ctx) => ctx.project.inputProblems.filter((p) => p.check === 'promql/syntax'),
};
