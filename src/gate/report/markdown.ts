/**
 * The Markdown report (`--output markdown`), for a pull-request comment: the decision, a table
 * of gates, and the probability. Table cells are escaped so that a label value cannot break
 * the table or inject markup.
 *
 * @module
 */
import type { DecisionResult } from '../result.js';
import {
  STATE_LABEL,
  flattenGates,
  formatNumber,
  formatPercent,
  formatTime,
  summarizeValues,
} from './format.js';

/** Escapes text for a GitHub-flavoured Markdown table cell. */
export function escapeCell(text: string): string {
  return text
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

const ICON = { GO: '✅', 'NO-GO': '⛔', INCONCLUSIVE: '⚠️' } as const;

export function renderMarkdown(result: DecisionResult): string {
  let out = `### ${ICON[result.decision]} ${result.decision}: ${escapeCell(result.spec)}\n\n`;
  out += `${escapeCell(result.reason)}\n\n`;
  out += `Judged at ${formatTime(result.at)} from ${escapeCell(result.source)}.\n\n`;
  out += '| Gate | State | Required | Value | Condition | Reason |\n|---|---|---|---|---|---|\n';
  for (const { gate, depth } of flattenGates(result.gates)) {
    const name = `${'&nbsp;&nbsp;'.repeat(depth)}${escapeCell(gate.gate)}`;
    out += `| ${name} | ${STATE_LABEL[gate.state]} | ${depth > 0 ? '' : gate.required ? 'yes' : 'no'} | ${escapeCell(summarizeValues(gate))} | ${escapeCell(gate.condition)} | ${escapeCell(gate.reason)} |\n`;
  }
  const p = result.probability;
  if (result.probabilityUnavailable !== undefined)
    out += `\nP(GO) unavailable: ${escapeCell(result.probabilityUnavailable)}\n`;
  if (p !== null) {
    out += `\n**P(GO) ${formatPercent(p.pGo)}** (product model)`;
    if (p.empirical !== null)
      out += `, empirical ${formatPercent(p.empirical)} over ${p.empiricalSteps} past steps`;
    out += '.';
    if (p.weakest !== null) {
      const weakest = p.gates.find((g) => g.gate === p.weakest);
      out += ` Weakest gate: **${escapeCell(p.weakest)}**`;
      if (weakest !== undefined)
        out += ` (p ${formatPercent(weakest.p)}, dP/dp ${formatNumber(Math.round(weakest.sensitivity * 1000) / 1000)})`;
      out += '.';
    }
    out += '\n';
  }
  return out;
}
