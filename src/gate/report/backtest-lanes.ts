/**
 * The backtest timeline as one inline SVG: a lane for the decision and one per gate, each a row
 * of coloured runs over the window, with a time axis. When a lane has more runs than pixels can
 * show, each pixel column shows the worst state inside it (the summary tables keep the exact
 * figures). No script, no external resource; every string goes through `markup`.
 *
 * @module
 */
import { type Html, markup } from './html-escape.js';
import { formatTime } from './format.js';

export interface LaneRun {
  /** CSS class of the run: `d-go`, `s-fail`, ... */
  readonly cls: string;
  /** Higher is worse: the state shown when runs share a pixel. */
  readonly severity: number;
  readonly startMs: number;
  readonly endMs: number;
  /** What the run is, for its tooltip. */
  readonly label: string;
}

export interface Lane {
  /** Unique in the chart: `decision` or the gate's path. */
  readonly key: string;
  readonly label: string;
  readonly depth: number;
  readonly kind: 'decision' | 'gate' | 'excluded';
  readonly runs: readonly LaneRun[];
  /** Shown across the lane when it has no runs (a gate that was not replayed). */
  readonly note?: string;
}

export interface LaneChartOptions {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly startMs: number;
  readonly endMs: number;
}

export const LANES_WIDTH = 1000;
const LABEL_RIGHT = 222;
const LEFT = 230;
const RIGHT = LANES_WIDTH - 12;
const TOP = 8;
const LANE = 16;
const GAP = 6;
const AXIS = 26;
/** Up to this many runs per lane are drawn one by one. */
export const MAX_RUNS = 1500;

const TICK_STEPS = [
  60_000,
  300_000,
  900_000,
  1_800_000,
  3_600_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  86_400_000,
  2 * 86_400_000,
  7 * 86_400_000,
  28 * 86_400_000,
];

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

interface Drawn {
  readonly cls: string;
  readonly x0: number;
  readonly x1: number;
  readonly label: string;
}

/** The rectangles of a lane: one per run, or per stretch of pixels when runs are too many. */
function drawnRuns(runs: readonly LaneRun[], x: (t: number) => number): Drawn[] {
  if (runs.length <= MAX_RUNS)
    return runs.map((run) => ({
      cls: run.cls,
      x0: Math.max(LEFT, x(run.startMs)),
      x1: Math.min(RIGHT, x(run.endMs)),
      label: run.label,
    }));
  const columns = Math.ceil(RIGHT - LEFT);
  const worst = new Array<LaneRun | undefined>(columns);
  for (const run of runs) {
    const from = Math.max(0, Math.floor(x(run.startMs) - LEFT));
    const to = Math.min(columns, Math.max(from + 1, Math.ceil(x(run.endMs) - LEFT)));
    for (let c = from; c < to; c++) {
      const current = worst[c];
      if (current === undefined || run.severity > current.severity) worst[c] = run;
    }
  }
  const drawn: Drawn[] = [];
  for (let c = 0; c < columns;) {
    const run = worst[c];
    let d = c + 1;
    while (d < columns && worst[d]?.cls === run?.cls) d++;
    if (run !== undefined)
      drawn.push({
        cls: run.cls,
        x0: LEFT + c,
        x1: LEFT + d,
        label: `${run.cls.replace(/^[ds]-/, '')}: the worst state of this stretch (too many runs to draw each)`,
      });
    c = d;
  }
  return drawn;
}

function ticks(startMs: number, endMs: number): number[] {
  const span = endMs - startMs;
  const step = TICK_STEPS.find((s) => span / s <= 8) ?? 28 * 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) out.push(t);
  return out;
}

function tickLabel(t: number, spanMs: number): string {
  const iso = formatTime(t);
  // 2026-11-28T14:05:00Z: the date for long windows, the time of day for short ones.
  if (spanMs > 2 * 86_400_000) return iso.slice(5, 16).replace('T', ' ');
  return iso.slice(11, 16);
}

/**
 * Renders the lanes. Each lane is a `<g class="lane" data-lane="KEY">` with one `<rect>` per
 * run (its `<title>` says what and when).
 *
 * @example renderLanes([{ key: 'decision', label: 'decision', depth: 0, kind: 'decision', runs }], {...})
 */
export function renderLanes(lanes: readonly Lane[], options: LaneChartOptions): Html {
  const span = Math.max(1, options.endMs - options.startMs);
  const x = (t: number): number => LEFT + ((t - options.startMs) / span) * (RIGHT - LEFT);
  const height = TOP + lanes.length * (LANE + GAP) + AXIS;
  const bottom = TOP + lanes.length * (LANE + GAP);
  const rows = lanes.map((lane, k) => {
    const y = TOP + k * (LANE + GAP);
    const label = markup`<text class="lane-label${lane.kind === 'decision' ? ' decision-label' : ''}" x="${LABEL_RIGHT}" y="${y + LANE - 4}" text-anchor="end">${lane.depth > 0 ? `${'· '.repeat(lane.depth)}` : ''}${clip(lane.label, 34)}<title>${lane.label}</title></text>`;
    const rects = drawnRuns(lane.runs, x).map(
      (r) =>
        markup`<rect class="${r.cls}" x="${round(r.x0)}" y="${y}" width="${round(Math.max(0.6, r.x1 - r.x0))}" height="${LANE}"><title>${r.label}</title></rect>`,
    );
    const note =
      lane.runs.length === 0 && lane.note !== undefined
        ? markup`<rect class="lane-empty" x="${LEFT}" y="${y}" width="${RIGHT - LEFT}" height="${LANE}"/><text class="lane-note" x="${LEFT + 6}" y="${y + LANE - 4}">${lane.note}</text>`
        : '';
    return markup`<g class="lane lane-${lane.kind}" data-lane="${lane.key}" data-runs="${lane.runs.length}">${label}${rects}${note}</g>`;
  });
  const axisTicks = ticks(options.startMs, options.endMs).map(
    (t) =>
      markup`<line class="grid" x1="${round(x(t))}" x2="${round(x(t))}" y1="${TOP}" y2="${bottom}"/><text class="tick" x="${round(x(t))}" y="${bottom + 14}" text-anchor="middle">${tickLabel(t, span)}</text>`,
  );
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  return markup`<svg class="lanes" id="${options.id}" viewBox="0 0 ${LANES_WIDTH} ${height}" width="${LANES_WIDTH}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}"><title id="${titleId}">${options.title}</title><desc id="${descId}">${options.description}</desc>
${axisTicks}
${rows}
<text class="tick" x="${LEFT}" y="${height - 2}">${formatTime(options.startMs)}</text>
<text class="tick" x="${RIGHT}" y="${height - 2}" text-anchor="end">${formatTime(options.endMs)}</text>
</svg>`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
