/**
 * The backtest's terminal report: the decision timeline, flips and time per decision, one line
 * per gate (time per state, changes per hour, blame), flapping gates and threshold sensitivity.
 * Nothing in it depends on timing, so the same backtest prints the same text.
 *
 * @module
 */
import { formatDuration } from '../../model/duration.js';
import type { BacktestResult, DecisionInterval, GateBacktest } from '../backtest/types.js';
import type { Decision } from '../result.js';
import { formatNumber, formatPercent, formatTime } from './format.js';

export interface BacktestTableOptions {
  readonly color: boolean;
  /** Decision intervals listed at most (first and last halves); default 40. */
  readonly maxIntervals?: number;
}

const COLORS = { green: 32, red: 31, yellow: 33, bold: 1 } as const;
const DECISION_COLOR: Record<Decision, keyof typeof COLORS> = {
  GO: 'green',
  'NO-GO': 'red',
  INCONCLUSIVE: 'yellow',
};

function paint(text: string, color: keyof typeof COLORS, on: boolean): string {
  return on ? `\x1b[${COLORS[color]}m${text}\x1b[0m` : text;
}

/** Columns padded to their widest cell; `paintCell` may colour a cell after padding. */
function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  color: boolean,
  paintCell: (row: number, column: number, padded: string) => string = (_r, _c, p) => p,
): string[] {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[], row: number): string =>
    cells
      .map((cell, c) => {
        const last = c === cells.length - 1;
        const padded = last ? cell : cell.padEnd(widths[c] as number);
        return row < 0 ? padded : paintCell(row, c, padded);
      })
      .join('  ')
      .trimEnd();
  return [paint(line(headers, -1), 'bold', color), ...rows.map((r, i) => line(r, i))];
}

function lines(list: readonly string[]): string {
  return list.map((l) => `${l}\n`).join('');
}

function duration(ms: number): string {
  return formatDuration(Math.round(ms));
}

function decisionTable(result: BacktestResult, max: number, color: boolean): string {
  const { decisions } = result;
  const cut = decisions.length > max;
  const head = cut ? Math.ceil(max / 2) : decisions.length;
  const shown = cut
    ? [...decisions.slice(0, head), ...decisions.slice(decisions.length - (max - head))]
    : decisions;
  const rows = table(
    ['DECISION', 'FROM', 'TO', 'FOR'],
    shown.map((r) => [
      r.decision,
      formatTime(r.startMs),
      formatTime(r.endMs),
      duration(r.endMs - r.startMs),
    ]),
    color,
    (row, column, padded) =>
      column === 0
        ? paint(padded, DECISION_COLOR[(shown[row] as DecisionInterval).decision], color)
        : padded,
  );
  if (cut)
    rows.splice(head + 1, 0, `… ${decisions.length - max} more intervals (-o json lists them all)`);
  return lines(rows);
}

function gateName(g: GateBacktest): string {
  return `${'  '.repeat(g.depth)}${g.gate}`;
}

export function renderBacktestTable(result: BacktestResult, options: BacktestTableOptions): string {
  const { color } = options;
  const total = result.untilMs - result.firstMs;
  let out = `drygate backtest ${result.spec} from ${formatTime(result.firstMs)} to ${formatTime(result.untilMs)} every ${duration(result.stepMs)}: ${result.steps} step${result.steps === 1 ? '' : 's'} (source: ${result.source})\n`;
  const left = result.excluded.filter((e) => e.treatment === 'left out of the decision');
  const nested = result.excluded.filter((e) => e.treatment !== 'left out of the decision');
  if (left.length > 0)
    out += `Not replayed, left out of every decision: ${left.map((e) => `${e.gate} (${e.kind})`).join(', ')}\n`;
  if (nested.length > 0)
    out += `Not replayed, counted as no data in their quorum: ${nested.map((e) => `${e.path.join('/')} (${e.kind})`).join(', ')}\n`;

  out += '\n';
  out += decisionTable(result, options.maxIntervals ?? 40, color);
  const share = (d: Decision): string =>
    `${d} ${duration(result.timeInDecision[d])} (${formatPercent(total > 0 ? result.timeInDecision[d] / total : 0)})`;
  out += `\nFlips: ${result.flips}. Time: ${(['GO', 'NO-GO', 'INCONCLUSIVE'] as const).map(share).join(', ')}.\n`;
  out += 'Each decision stands until the next step; the window ends at the last step.\n';

  if (result.gates.length > 0) {
    out += '\n';
    out += lines(
      table(
        [
          'GATE',
          'REQ',
          'PASS',
          'FAIL',
          'NODATA',
          'ERROR',
          'CHANGES/H',
          'BLAME NO-GO',
          'SOLE',
          'BLAME INCONCLUSIVE',
        ],
        result.gates.map((g) => [
          gateName(g),
          g.depth > 0 ? '' : g.required ? 'yes' : 'no',
          duration(g.timeInState.pass),
          duration(g.timeInState.fail),
          duration(g.timeInState.nodata),
          duration(g.timeInState.error),
          g.replayed ? formatNumber(Math.round(g.changesPerHour * 100) / 100) : 'not replayed',
          duration(g.blame.noGoMs),
          duration(g.blame.soleNoGoMs),
          duration(g.blame.inconclusiveMs),
        ]),
        color,
      ),
    );
    out +=
      'Blame: time a gate was a failing (or undecided) required gate while the decision was NO-GO (or\n';
    out +=
      "INCONCLUSIVE); SOLE: the only one. A sub-gate shares its quorum's blame when it did not pass.\n";
  }

  const flapping = result.gates.filter((g) => g.flapping);
  const threshold = `more than ${formatNumber(result.flapThreshold)} change${result.flapThreshold === 1 ? '' : 's'} per hour`;
  out +=
    flapping.length === 0
      ? `\nFlapping (${threshold}): none.\n`
      : `\nFlapping (${threshold}): ${flapping.map((g) => `${g.path.join('/')} (${formatNumber(Math.round(g.changesPerHour * 100) / 100)}/h)`).join(', ')}.\n`;

  if (result.sensitivity.length > 0) {
    out +=
      '\nThreshold sensitivity: the smallest relaxation of each query threshold that removes more than half\n';
    out += 'of the decision flips the gate caused (re-judged from the values already fetched).\n';
    out += lines(
      table(
        ['GATE', 'CONDITION', 'FLIPS CAUSED', 'SUGGESTION', 'CHANGE', 'NOTE'],
        result.sensitivity.map((s) => [
          s.path.join('/'),
          s.condition,
          String(s.flipsCaused),
          s.suggestion?.condition ?? '-',
          s.suggestion === null ? '-' : signed(s.suggestion.change),
          s.note,
        ]),
        color,
      ),
    );
  }

  if (result.errors.length > 0) {
    out += `\nQueries that failed (their gate is in error over the chunk): ${result.errors.length}\n`;
    for (const e of result.errors.slice(0, 10))
      out += `  ${e.gate} ${formatTime(e.startMs)} to ${formatTime(e.endMs)}: ${e.message}\n`;
    if (result.errors.length > 10)
      out += `  … ${result.errors.length - 10} more (-o json lists them all)\n`;
  }
  return out;
}

function signed(x: number): string {
  const rounded = Number(x.toPrecision(6));
  return rounded > 0 ? `+${formatNumber(rounded)}` : formatNumber(rounded);
}
