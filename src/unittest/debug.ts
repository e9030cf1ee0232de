/**
 * `drygate test rules --debug`: for a failing check, the series each selector of the expression
 * read (input series and rule results, with staleness markers), and for an alert check every
 * instance of the alert with its state. promtool's `--debug` dumps every stored series once per
 * group; this shows only what the failing check looked at, at the time it looked.
 *
 * @module
 */
import { type Expr, children, type MatrixSelector, type VectorSelector } from '../promql/ast.js';
import { preprocess } from '../promql/engine/preprocess.js';
import type { Queryable } from '../promql/store/types.js';
import { formatLabels, type Labels, METRIC_NAME } from '../model/labels.js';
import { formatDuration } from '../model/duration.js';
import { formatGoFloat } from '../rules/template/float.js';
import type { AlertState } from '../rules/eval/types.js';

/** One stored sample; a staleness marker has `stale` set and a meaningless `f`. */
export interface DebugPoint {
  readonly t: number;
  readonly f: number;
  readonly stale: boolean;
}

export interface DebugSeries {
  readonly labels: Labels;
  /** The newest samples of the window, oldest first (at most {@link MAX_POINTS}). */
  readonly points: readonly DebugPoint[];
  /** How many older samples of the window were left out. */
  readonly omitted: number;
}

/** What one selector read: the series in the window `(from, to]` (ms). */
export interface SelectorDump {
  /** The selector as written in the expression. */
  readonly selector: string;
  /**
   * undefined for a selector of the expression itself; `record <name>` for one of a recording
   * rule whose metric the expression (or another such rule) reads.
   */
  readonly readBy: string | undefined;
  readonly from: number;
  readonly to: number;
  readonly series: readonly DebugSeries[];
  /** How many more matching series were left out (beyond {@link MAX_SERIES}). */
  readonly moreSeries: number;
  /**
   * Only when nothing matched in the window: series with the selector's metric name (other
   * matchers ignored) up to `to`, and when each last had a sample. Catches label typos and
   * series that ended before the window.
   */
  readonly sameName: readonly { readonly labels: Labels; readonly lastMs: number }[];
}

/** One instance of an alert, in any state (resolved ones are kept 15 minutes). */
export interface AlertDump {
  readonly state: AlertState;
  readonly labels: Labels;
  readonly value: number;
  readonly activeAtMs: number;
  readonly firedAtMs: number | undefined;
  readonly resolvedAtMs: number | undefined;
}

/** The debug information attached to one failing check. */
export interface DebugInfo {
  /** The test group's start: times print relative to it, as eval_time is written. */
  readonly startMs: number;
  /** When the check looked (ms): the query time, or the last rule evaluation compared. */
  readonly atMs: number;
  /**
   * The first evaluation whose reads are shown: `atMs` for a query; for an alert, `for` and
   * `keep_firing_for` earlier, since those evaluations decide its state at `atMs`.
   */
  readonly firstMs: number;
  /** The rule whose expression the selectors belong to (`alert: X` / `record: Y` and its expr). */
  readonly rule: string | undefined;
  /** For alert checks: the alert's instances at that time; undefined for expression checks. */
  readonly alerts: readonly AlertDump[] | undefined;
  /** The alerting rule's `for`, when the check is about one rule. */
  readonly forMs: number | undefined;
  readonly selectors: readonly SelectorDump[];
}

export const MAX_POINTS = 30;
export const MAX_SERIES = 20;
const MAX_SAME_NAME = 5;

/** A selector of an expression and the window of sample times it reads, `(from, to]`. */
export interface SelectorWindow {
  readonly node: VectorSelector | MatrixSelector;
  readonly from: number;
  readonly to: number;
}

/**
 * The selectors of `expr` and the sample windows they read when the expression is evaluated at
 * every time in `[first, last]` (ms): the lookback window for instant selectors, the range for
 * range selectors, widened by subqueries, moved by `offset` and pinned by `@`.
 *
 * @throws QueryError when a duration expression is invalid (the query itself fails then too).
 */
export function selectorWindows(
  expr: Expr,
  first: number,
  last: number,
  lookbackMs: number,
): SelectorWindow[] {
  const out: SelectorWindow[] = [];
  const pinned = (at: VectorSelector['at'], a: number, b: number): [number, number] =>
    at !== null && at.kind === 'timestamp' ? [at.ms, at.ms] : [a, b];
  const visit = (e: Expr, a: number, b: number): void => {
    switch (e.kind) {
      case 'VectorSelector': {
        const [x, y] = pinned(e.at, a, b);
        out.push({ node: e, from: x - e.offsetMs - lookbackMs, to: y - e.offsetMs });
        return;
      }
      case 'MatrixSelector': {
        const vs = e.vectorSelector;
        const [x, y] = pinned(vs.at, a, b);
        out.push({ node: e, from: x - vs.offsetMs - e.rangeMs, to: y - vs.offsetMs });
        return;
      }
      case 'SubqueryExpr': {
        const [x, y] = pinned(e.at, a, b);
        // Inner steps lie in (x - offset - range, y - offset].
        visit(e.expr, x - e.offsetMs - e.rangeMs + 1, y - e.offsetMs);
        return;
      }
      default:
        for (const child of children(e)) visit(child, a, b);
    }
  };
  visit(preprocess(expr, { startMs: last, endMs: last, stepMs: 0 }), first, last);
  return out;
}

function nameOf(node: VectorSelector | MatrixSelector): string | undefined {
  const vs = node.kind === 'MatrixSelector' ? node.vectorSelector : node;
  return vs.matchers.find((m) => m.name === METRIC_NAME && m.type === '=')?.value;
}

/** A recording rule, for following a selector of its metric back to what the rule read. */
export interface RecordingSource {
  readonly name: string;
  readonly expr: string;
  readonly ast: Expr;
}

/** How many recording rules deep `dumpSelectors` follows recorded metrics. */
export const MAX_DEPTH = 4;

/**
 * Reads what each selector of `expr` saw (see {@link selectorWindows}); `source` is the text the
 * expression was parsed from, so selectors print as written. Repeated selectors appear once.
 * A selector of a metric that a recording rule in `recordedBy` writes is followed by what that
 * rule read while it wrote the samples in the window, recursively, so that a wrong recorded
 * value can be traced to the input series.
 */
export function dumpSelectors(
  store: Queryable,
  expr: Expr,
  source: string,
  first: number,
  last: number,
  lookbackMs: number,
  recordedBy: ReadonlyMap<string, readonly RecordingSource[]> = new Map(),
): SelectorDump[] {
  const seen = new Set<string>();
  const out: SelectorDump[] = [];
  const visit = (
    e: Expr,
    text: string,
    a: number,
    b: number,
    readBy: string | undefined,
    path: readonly string[],
  ): void => {
    for (const w of selectorWindows(e, a, b, lookbackMs)) {
      const selector = text.slice(w.node.pos.start, w.node.pos.end);
      const key = `${readBy ?? ''}\u0000${selector}\u0000${w.from}\u0000${w.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(dumpOne(store, w, selector, readBy));
      const name = nameOf(w.node);
      if (name === undefined || path.length >= MAX_DEPTH || path.includes(name)) continue;
      // The rule wrote the samples in (from, to] at evaluations in that window.
      for (const rule of recordedBy.get(name) ?? [])
        visit(rule.ast, rule.expr, w.from + 1, w.to, `record ${rule.name}`, [...path, name]);
    }
  };
  visit(expr, source, first, last, undefined, []);
  return out;
}

function dumpOne(
  store: Queryable,
  w: SelectorWindow,
  selector: string,
  readBy: string | undefined,
): SelectorDump {
  const vs = w.node.kind === 'MatrixSelector' ? w.node.vectorSelector : w.node;
  const found = store.select(vs.matchers, w.from + 1, w.to);
  const series = found.slice(0, MAX_SERIES).map((s): DebugSeries => {
    const n = s.t.length;
    const start = Math.max(0, n - MAX_POINTS);
    const points: DebugPoint[] = [];
    for (let i = start; i < n; i++)
      points.push({ t: s.t[i] as number, f: s.f[i] as number, stale: s.stale[i] === 1 });
    return { labels: s.labels, points, omitted: start };
  });
  const name = nameOf(w.node);
  const sameName =
    found.length > 0 || name === undefined
      ? []
      : store
          .select([{ name: METRIC_NAME, type: '=', value: name }], Number.MIN_SAFE_INTEGER, w.to)
          .slice(0, MAX_SAME_NAME)
          .map((s) => ({ labels: s.labels, lastMs: s.t[s.t.length - 1] as number }));
  return {
    selector,
    readBy,
    from: w.from,
    to: w.to,
    series,
    moreSeries: found.length - series.length,
    sameName,
  };
}

/** A time relative to the group's start, as eval_time is written: `5m`, `0s`, `-30s`. */
export function formatRelative(ms: number, startMs: number): string {
  const d = ms - startMs;
  return d < 0 ? `-${formatDuration(-d)}` : formatDuration(d);
}

function formatPoint(p: DebugPoint, startMs: number): string {
  return `${formatRelative(p.t, startMs)}=${p.stale ? 'stale' : formatGoFloat(p.f, 'g', -1)}`;
}

function formatAlert(a: AlertDump, startMs: number, forMs: number | undefined): string {
  const rel = (ms: number): string => formatRelative(ms, startMs);
  let state: string;
  if (a.state === 'pending') {
    state = `pending since ${rel(a.activeAtMs)}`;
    if (forMs !== undefined)
      state += ` (for ${formatDuration(forMs)}: fires at ${rel(a.activeAtMs + forMs)} at the earliest)`;
  } else if (a.state === 'firing') {
    state = `firing since ${rel(a.firedAtMs ?? a.activeAtMs)} (active since ${rel(a.activeAtMs)})`;
  } else {
    state = `resolved at ${rel(a.resolvedAtMs ?? a.activeAtMs)} (not compared)`;
  }
  return `${state}, value ${formatGoFloat(a.value, 'g', -1)}: ${formatLabels(a.labels)}`;
}

/**
 * The debug block printed under a failure message, indented to sit under it:
 *
 * ```
 *     debug: alert instances at 5m:
 *         pending since 4m (for 2m: fires at 6m at the earliest), value 1: {alertname="Down"}
 *     debug: series read by the selectors of alert Down (up == 0) at evaluations 3m to 5m:
 *         up{job="api"} in [0s, 5m]:
 *             {__name__="up", job="api"} 0s=1 1m=1 2m=1 3m=0 4m=0 5m=0
 * ```
 */
export function formatDebug(info: DebugInfo): string {
  const rel = (ms: number): string => formatRelative(ms, info.startMs);
  const lines: string[] = [];
  if (info.alerts !== undefined) {
    lines.push(`    debug: alert instances at ${rel(info.atMs)}:`);
    if (info.alerts.length === 0) lines.push('        none pending, firing or recently resolved');
    for (const a of info.alerts) lines.push(`        ${formatAlert(a, info.startMs, info.forMs)}`);
  }
  if (info.selectors.length === 0) {
    lines.push(`    debug: ${info.rule ?? 'the expression'} has no selectors`);
    return `${lines.join('\n')}\n`;
  }
  const when =
    info.firstMs === info.atMs
      ? `at ${rel(info.atMs)}`
      : `at evaluations ${rel(info.firstMs)} to ${rel(info.atMs)}`;
  const whose = info.rule === undefined ? 'the selectors' : `the selectors of ${info.rule}`;
  lines.push(`    debug: series read by ${whose} ${when}:`);
  for (const s of info.selectors) {
    // Nothing is stored before the group's start: a window reaching back further starts there.
    const window =
      s.from < info.startMs
        ? `[${rel(info.startMs)}, ${rel(s.to)}]`
        : `(${rel(s.from)}, ${rel(s.to)}]`;
    const by = s.readBy === undefined ? '' : ` (read by ${s.readBy})`;
    lines.push(`        ${s.selector} in ${window}${by}:`);
    if (s.series.length === 0) {
      lines.push('            no series');
      if (s.sameName.length > 0) {
        lines.push('            series with that name (other matchers ignored):');
        for (const o of s.sameName)
          lines.push(`              ${formatLabels(o.labels)} last sample at ${rel(o.lastMs)}`);
      }
    }
    for (const series of s.series) {
      const skipped = series.omitted > 0 ? `(${series.omitted} older) ` : '';
      const points = series.points.map((p) => formatPoint(p, info.startMs)).join(' ');
      lines.push(`            ${formatLabels(series.labels)} ${skipped}${points}`);
    }
    if (s.moreSeries > 0) lines.push(`            ... and ${s.moreSeries} more series`);
  }
  return `${lines.join('\n')}\n`;
}
