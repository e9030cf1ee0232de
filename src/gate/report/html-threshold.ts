/**
 * What to draw as a gate's threshold in the report's signal chart, and how to print the
 * chart's values, read back from the gate's condition text (the result carries no number).
 *
 * @module
 */
import { formatDuration, parseDuration } from '../../model/duration.js';
import type { GateResult } from '../result.js';
import { formatNumber } from './format.js';

export interface Threshold {
  readonly value: number;
  /** What the line means, as the condition says it (`== 1`, `age <= 24h`, `burn 14.4 (1h/5m)`). */
  readonly label: string;
}

const COMPARISON = /^(==|!=|<=|>=|<|>)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)$/i;
const MAX_AGE = /^age <= (\w+)$/;
const BURN_WINDOW = /^burn < ([\d.e+-]+) over (\w+) and (\w+)$/;
const QUORUM = /^(\d+) of (\d+) pass$/;

/**
 * The horizontal lines to draw for a gate, in the unit of its signal: the condition's number
 * for query gates, the maximum age in seconds for freshness gates, each window pair's factor
 * for burn-rate gates, the quorum size for quorum gates. Empty when the condition cannot be read.
 *
 * @example thresholdsFor({ kind: 'query', condition: '== 1', ... }) // [{ value: 1, label: '== 1' }]
 */
export function thresholdsFor(gate: Pick<GateResult, 'kind' | 'condition'>): Threshold[] {
  const condition = gate.condition.trim();
  switch (gate.kind) {
    case 'query': {
      const m = COMPARISON.exec(condition);
      return m === null ? [] : finite(Number(m[2]), condition);
    }
    case 'freshness': {
      const m = MAX_AGE.exec(condition);
      const ms = m === null ? undefined : parseDuration(m[1] as string);
      return ms === undefined ? [] : [{ value: ms / 1000, label: condition }];
    }
    case 'burn-rate':
      return condition.split(', ').flatMap((part) => {
        const m = BURN_WINDOW.exec(part);
        return m === null ? [] : finite(Number(m[1]), `burn ${m[1]} (${m[2]}/${m[3]})`);
      });
    case 'quorum': {
      const m = QUORUM.exec(condition);
      return m === null ? [] : [{ value: Number(m[1]), label: `${m[1]} of ${m[2]} pass` }];
    }
    case 'command':
    case 'check':
      return [];
  }
}

function finite(value: number, label: string): Threshold[] {
  return Number.isFinite(value) ? [{ value, label }] : [];
}

/** How the chart prints a value of this gate's signal: ages as durations, counts as numbers. */
export function signalFormatter(kind: GateResult['kind']): (value: number) => string {
  if (kind === 'freshness')
    return (seconds) =>
      Number.isFinite(seconds) && seconds >= 0
        ? formatDuration(Math.round(seconds) * 1000)
        : formatNumber(seconds);
  return (value) => formatNumber(Number(value.toPrecision(4)));
}

/** What the chart's value axis shows, for its description. */
export function signalUnit(kind: GateResult['kind']): string {
  switch (kind) {
    case 'freshness':
      return 'age';
    case 'burn-rate':
      return 'burn rate: the lower of the deciding window pair';
    case 'quorum':
      return 'sub-gates passing';
    default:
      return 'value';
  }
}
