/**
 * The terminal report: one line per gate, the decision, and the probability. Colour only when
 * asked for (the CLI asks on a TTY without NO_COLOR).
 *
 * @module
 */
import type { DecisionResult, GateState } from '../result.js';
import {
  STATE_LABEL,
  flattenGates,
  formatNumber,
  formatPercent,
  formatTime,
  summarizeValues,
} from './format.js';

export interface TableOptions {
  readonly color: boolean;
}

const COLORS = { green: 32, red: 31, yellow: 33, bold: 1, dim: 2 } as const;

function paint(text: string, color: keyof typeof COLORS, on: boolean): string {
  return on ? `\x1b[${COLORS[color]}m${text}\x1b[0m` : text;
}

const STATE_COLOR: Record<GateState, keyof typeof COLORS> = {
  pass: 'green',
  fail: 'red',
  nodata: 'yellow',
  error: 'yellow',
};

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export function renderTable(result: DecisionResult, options: TableOptions): string {
  const { color } = options;
  const rows = flattenGates(result.gates).map(({ gate, depth }) => ({
    name: `${'  '.repeat(depth)}${gate.gate}`,
    state: gate.state,
    required: depth > 0 ? '' : gate.required ? 'yes' : 'no',
    values: clip(summarizeValues(gate), 40),
    condition: clip(gate.condition, 30),
    reason: gate.reason,
  }));
  const headers = {
    name: 'GATE',
    state: 'STATE',
    required: 'REQ',
    values: 'VALUE',
    condition: 'CONDITION',
  };
  const width = (key: keyof typeof headers): number =>
    Math.max(
      headers[key].length,
      ...rows.map((r) => (key === 'state' ? STATE_LABEL[r.state] : r[key]).length),
    );
  const w = {
    name: width('name'),
    state: width('state'),
    required: width('required'),
    values: width('values'),
    condition: width('condition'),
  };
  let out = `drygate decide ${result.spec} at ${formatTime(result.at)} (source: ${result.source})\n\n`;
  out += paint(
    `${pad(headers.name, w.name)}  ${pad(headers.state, w.state)}  ${pad(headers.required, w.required)}  ${pad(headers.values, w.values)}  ${pad(headers.condition, w.condition)}  REASON`,
    'bold',
    color,
  );
  out += '\n';
  for (const r of rows) {
    const state = paint(pad(STATE_LABEL[r.state], w.state), STATE_COLOR[r.state], color);
    out += `${pad(r.name, w.name)}  ${state}  ${pad(r.required, w.required)}  ${pad(r.values, w.values)}  ${pad(r.condition, w.condition)}  ${r.reason}\n`;
  }
  const decisionColor =
    result.decision === 'GO' ? 'green' : result.decision === 'NO-GO' ? 'red' : 'yellow';
  out += `\n${paint(`Decision: ${result.decision}`, decisionColor, color)} (${result.reason})\n`;
  const p = result.probability;
  if (result.probabilityUnavailable !== undefined)
    out += `P(GO) unavailable: ${result.probabilityUnavailable}\n`;
  if (p !== null) {
    const empirical =
      p.empirical === null
        ? ''
        : `; all required gates passed together at ${formatPercent(p.empirical)} of ${p.empiricalSteps} past steps`;
    out += `P(GO) ${formatPercent(p.pGo)} (product of the required gates' pass probabilities${empirical})\n`;
    const weakest = p.gates.find((g) => g.gate === p.weakest);
    if (weakest !== undefined)
      out += `Weakest gate: ${weakest.gate} (p ${formatPercent(weakest.p)}, dP(GO)/dp ${formatNumber(Math.round(weakest.sensitivity * 1000) / 1000)})\n`;
  }
  return out;
}
