/**
 * Problems as text, in promtool's words: `file:line:col: group "g", rule 1, "name": message`.
 *
 * @module
 */
import { goQuote } from '../model/quote.js';
import type { RuleProblem } from './types.js';

/** One problem on one line (a message may itself span lines). */
export function formatRuleProblem(problem: RuleProblem): string {
  const { file, line, column } = problem.source;
  let context = '';
  if (problem.rule !== undefined) {
    context = `group ${goQuote(problem.group ?? '')}, rule ${problem.rule.index}, ${goQuote(problem.rule.name)}: `;
  } else if (problem.group !== undefined) {
    context = `group ${goQuote(problem.group)}: `;
  }
  const warning = problem.severity === 'warning' ? 'warning: ' : '';
  return `${file}:${line}:${column}: ${warning}${context}${problem.message}`;
}
