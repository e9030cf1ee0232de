/**
 * A gate's signal over the lookback window as a small inline SVG: the value as a line coloured
 * by the state at each step (with gaps where there was no value), a strip beneath it with the
 * state of every step, and the threshold as a dashed line. No script, no external resource.
 *
 * @module
 */
import type { GateState } from '../result.js';
import type { SignalPoint } from '../history.js';
import { type Html, markup } from './html-escape.js';
import type { Threshold } from './html-threshold.js';
import { formatTime } from './format.js';

export interface ChartOptions {
  /** Unique in the page: the prefix of the ids the chart's title and description use. */
  readonly id: string;
  /** The gate the chart belongs to (its `data-chart-for`). */
  readonly gate: string;
  readonly title: string;
  readonly description: string;
  /** The window drawn: the lookback start and the decision time (ms). */
  readonly startMs: number;
  readonly endMs: number;
  readonly thresholds: readonly Threshold[];
  /** Prints a value of the signal for the axis. */
  readonly format: (value: number) => string;
}

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 150;
const LEFT = 64;
/** The right margin holds the thresholds' labels. */
const RIGHT = CHART_WIDTH - 120;
const TOP = 12;
const BOTTOM = 100;
const STRIP_TOP = 108;
const STRIP_HEIGHT = 10;
/** Up to this many points each get a marker; beyond it only the line and the strip show states. */
const MAX_MARKERS = 120;

const STATES: readonly GateState[] = ['pass', 'fail', 'nodata', 'error'];

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function usable(p: SignalPoint): p is SignalPoint & { readonly value: number } {
  return p.value !== null && Number.isFinite(p.value);
}

/** The smallest positive gap between consecutive points: the evaluation step. */
function stepOf(points: readonly SignalPoint[]): number | undefined {
  let step: number | undefined;
  for (let i = 1; i < points.length; i++) {
    const d = (points[i] as SignalPoint).t - (points[i - 1] as SignalPoint).t;
    if (d > 0 && (step === undefined || d < step)) step = d;
  }
  return step;
}

function valueDomain(
  points: readonly SignalPoint[],
  thresholds: readonly Threshold[],
): [number, number] {
  const values = [...points.filter(usable).map((p) => p.value), ...thresholds.map((t) => t.value)];
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    // A flat signal: put it in the middle of a band one unit (or 10%) wide.
    const half = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    if (lo === 0) hi = 1;
    else [lo, hi] = [lo - half, hi + half];
  }
  return [lo, hi];
}

/**
 * Renders the chart of one gate's signal points.
 *
 * @example renderSignalChart(timeline.points, { id: 'g0', gate: 'hb', ... })
 */
export function renderSignalChart(points: readonly SignalPoint[], options: ChartOptions): Html {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const startMs = Math.min(options.startMs, sorted[0]?.t ?? options.startMs);
  const endMs = Math.max(options.endMs, sorted.at(-1)?.t ?? options.endMs);
  const span = endMs - startMs;
  const x = (t: number): number =>
    round(span <= 0 ? (LEFT + RIGHT) / 2 : LEFT + ((t - startMs) / span) * (RIGHT - LEFT));

  const [lo, hi] = valueDomain(sorted, options.thresholds);
  const pad = (hi - lo) * 0.08;
  const y = (v: number): number =>
    round(BOTTOM - ((v - (lo - pad)) / (hi + pad - (lo - pad))) * (BOTTOM - TOP));

  const step = stepOf(sorted);
  // Points further apart than this are not neighbours: the line breaks there.
  const maxGap = step === undefined ? 0 : step * 1.5;
  const halfStepPx =
    step === undefined || span <= 0
      ? (RIGHT - LEFT) / 2
      : Math.max(0.5, ((step / span) * (RIGHT - LEFT)) / 2);

  // The state strip: one rectangle per run of steps in the same state.
  const runs: Html[] = [];
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i] as SignalPoint;
    let j = i;
    while (
      j + 1 < sorted.length &&
      (sorted[j + 1] as SignalPoint).state === first.state &&
      (sorted[j + 1] as SignalPoint).t - (sorted[j] as SignalPoint).t <= maxGap
    )
      j++;
    const last = sorted[j] as SignalPoint;
    const x0 = Math.max(LEFT, x(first.t) - halfStepPx);
    const x1 = Math.min(RIGHT, x(last.t) + halfStepPx);
    const when =
      first.t === last.t ? formatTime(first.t) : `${formatTime(first.t)} to ${formatTime(last.t)}`;
    runs.push(
      markup`<rect class="s-${first.state}" x="${round(x0)}" y="${STRIP_TOP}" width="${round(Math.max(0.5, x1 - x0))}" height="${STRIP_HEIGHT}"><title>${first.state}: ${when} (${j - i + 1} step${j === i ? '' : 's'})</title></rect>`,
    );
    i = j + 1;
  }

  // The line: each segment takes the colour of the state at its end; no value, no segment.
  const paths = new Map<GateState, string>(STATES.map((s) => [s, '']));
  const penAt = new Map<GateState, number>();
  const joined = new Set<number>();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as SignalPoint;
    const b = sorted[i] as SignalPoint;
    if (!usable(a) || !usable(b) || b.t - a.t > maxGap) continue;
    const head = penAt.get(b.state) === i - 1 ? '' : `M${x(a.t)} ${y(a.value)}`;
    paths.set(b.state, `${paths.get(b.state) ?? ''}${head}L${x(b.t)} ${y(b.value)}`);
    penAt.set(b.state, i);
    joined.add(i - 1).add(i);
  }
  const lines = STATES.filter((s) => paths.get(s) !== '').map(
    (s) => markup`<path class="line s-${s}" d="${paths.get(s) ?? ''}"/>`,
  );
  const markers = sorted
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => usable(p) && (sorted.length <= MAX_MARKERS || !joined.has(i)))
    .map(
      ({ p }) =>
        markup`<circle class="dot s-${p.state}" cx="${x(p.t)}" cy="${y(p.value as number)}" r="2.5"/>`,
    );

  // Labels in the right margin, beside their line, pushed apart when lines are close.
  let lastLabelY = -Infinity;
  const thresholds = [...options.thresholds]
    .sort((a, b) => b.value - a.value)
    .map((t) => {
      const labelY = Math.max(y(t.value) + 3.5, lastLabelY + 11);
      lastLabelY = labelY;
      return markup`<line class="threshold" x1="${LEFT}" x2="${RIGHT}" y1="${y(t.value)}" y2="${y(t.value)}"/><text class="threshold-label" x="${RIGHT + 5}" y="${round(labelY)}">${t.label}</text>`;
    });
  const ticks = (lo === hi ? [lo] : [lo, hi]).map(
    (v) =>
      markup`<line class="grid" x1="${LEFT}" x2="${RIGHT}" y1="${y(v)}" y2="${y(v)}"/><text class="tick" x="${LEFT - 6}" y="${y(v) + 3.5}" text-anchor="end">${options.format(v)}</text>`,
  );
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  return markup`<svg class="chart" data-chart-for="${options.gate}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}"><title id="${titleId}">${options.title}</title><desc id="${descId}">${options.description}</desc>
<rect class="plot" x="${LEFT}" y="${TOP}" width="${RIGHT - LEFT}" height="${BOTTOM - TOP}"/>
${ticks}
${thresholds}
${lines}
${markers}
<g class="strip">${runs}</g>
<text class="tick" x="${LEFT - 6}" y="${STRIP_TOP + STRIP_HEIGHT - 1}" text-anchor="end">state</text>
<text class="tick" x="${LEFT}" y="${CHART_HEIGHT - 6}">${formatTime(startMs)}</text>
<text class="tick" x="${RIGHT}" y="${CHART_HEIGHT - 6}" text-anchor="end">${formatTime(endMs)}</text>
</svg>`;
}
