/**
 * Small text helpers shared by the decision and backtest reporters: values, labels, times,
 * durations, percentages, and numbers for JSON.
 *
 * @module
 */
import { formatLabels } from '../../model/labels.js';
import type { GateResult, GateValue } from '../result.js';

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function formatPercent(p: number): string {
  return `${(Math.round(p * 1000) / 10).toFixed(1)}%`;
}

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  return String(Math.round(x * 1e6) / 1e6);
}

/** A measured duration (a query's, a run's): `850 ms`, `3.2 ms`, `1.25 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** JSON has no NaN or Infinity: they are written as the strings Prometheus uses. */
export function jsonNumber(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  return x;
}

/** A value as a person reads it: its labels (if any) and the note or the number. */
export function formatValue(v: GateValue): string {
  const labels = v.labels.length === 0 ? '' : `${formatLabels(v.labels)} `;
  return `${labels}${v.note ?? formatNumber(v.value)}`;
}

/** The values column: up to `max` values, then how many more. */
export function summarizeValues(gate: GateResult, max = 3): string {
  if (gate.values.length === 0) return '-';
  const shown = gate.values.slice(0, max).map((v) => v.note ?? formatNumber(v.value));
  const more = gate.values.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` (+${more})` : '');
}

export const STATE_LABEL = {
  pass: 'PASS',
  fail: 'FAIL',
  nodata: 'NODATA',
  error: 'ERROR',
} as const;

/** Gates and their sub-gates, depth first, with their depth. */
export function flattenGates(
  gates: readonly GateResult[],
  depth = 0,
): { gate: GateResult; depth: number }[] {
  return gates.flatMap((g) => [{ gate: g, depth }, ...flattenGates(g.gates ?? [], depth + 1)]);
}
