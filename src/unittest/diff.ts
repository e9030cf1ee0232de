/**
 * `drygate test rules --diff`: expected vs got as a unified-style diff. Both lists are sorted by
 * labels (as promtool compares them), so they are merged by labels: a sample or alert with the
 * same labels on both sides and a different value or annotations shows as a `-` line right above
 * its `+` line; one side only is `-` (missing) or `+` (unexpected); equal ones are context.
 *
 * promtool's `--diff` prints a JSON diff of alert lists only; this covers expression results too.
 *
 * @module
 */
import { compareLabels, formatLabels, labelsEqual } from '../model/labels.js';
import { valuesEqual } from './compare.js';
import { type CheckFailure, failureHeading } from './failure.js';
import { formatFloatE, type LabeledValue, type LabelsAndAnnotations } from './format.js';

export type DiffOp = ' ' | '-' | '+';

/** One sample or alert of the diff, printed as one or more lines with the same prefix. */
export interface DiffItem {
  readonly op: DiffOp;
  readonly lines: readonly string[];
}

/** Merges two label-sorted lists into diff items. */
function mergeByLabels<T extends { readonly labels: LabeledValue['labels'] }>(
  exp: readonly T[],
  got: readonly T[],
  same: (e: T, g: T) => boolean,
  lines: (x: T) => string[],
): DiffItem[] {
  const out: DiffItem[] = [];
  let i = 0;
  let j = 0;
  while (i < exp.length || j < got.length) {
    const e = exp[i];
    const g = got[j];
    const order = e === undefined ? 1 : g === undefined ? -1 : compareLabels(e.labels, g.labels);
    if (order < 0) {
      out.push({ op: '-', lines: lines(e as T) });
      i++;
    } else if (order > 0) {
      out.push({ op: '+', lines: lines(g as T) });
      j++;
    } else {
      if (same(e as T, g as T)) out.push({ op: ' ', lines: lines(e as T) });
      else out.push({ op: '-', lines: lines(e as T) }, { op: '+', lines: lines(g as T) });
      i++;
      j++;
    }
  }
  return out;
}

/** The diff of expected and returned samples (each list sorted by labels). */
export function diffSamples(
  exp: readonly LabeledValue[],
  got: readonly LabeledValue[],
  fuzzy: boolean,
): DiffItem[] {
  return mergeByLabels(
    exp,
    got,
    (e, g) => valuesEqual(e.value, g.value, fuzzy),
    (s) => [`${formatLabels(s.labels)} ${formatFloatE(s.value)}`],
  );
}

/** The diff of expected and firing alerts (each list sorted by labels, then annotations). */
export function diffAlerts(
  exp: readonly LabelsAndAnnotations[],
  got: readonly LabelsAndAnnotations[],
): DiffItem[] {
  return mergeByLabels(
    exp,
    got,
    (e, g) => labelsEqual(e.annotations, g.annotations),
    (a) =>
      a.annotations.length === 0
        ? [formatLabels(a.labels)]
        : [formatLabels(a.labels), `    annotations: ${formatLabels(a.annotations)}`],
  );
}

export interface DiffRenderOptions {
  /** ANSI colours: red for `-`, green for `+`. */
  readonly colour: boolean;
  /** Put before every line. */
  readonly indent: string;
  /** Unchanged items kept around each change; longer unchanged runs are collapsed. */
  readonly context: number;
  /** What the items are, for the collapsed-run line (`samples`, `alerts`). */
  readonly noun: string;
}

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const CYAN = '\x1b[36m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

/** For each item, whether a change is at most `context` items away (two linear passes). */
function nearChange(items: readonly DiffItem[], context: number): boolean[] {
  const near = items.map(() => false);
  let last = -Infinity;
  for (let i = 0; i < items.length; i++) {
    if ((items[i] as DiffItem).op !== ' ') last = i;
    near[i] = i - last <= context;
  }
  last = Infinity;
  for (let i = items.length - 1; i >= 0; i--) {
    if ((items[i] as DiffItem).op !== ' ') last = i;
    if (last - i <= context) near[i] = true;
  }
  return near;
}

/**
 * The diff as text, `--- expected` / `+++ got` first, one prefixed line per item line, runs of
 * unchanged items beyond the context collapsed into one `@@ N unchanged <noun> @@` line.
 */
export function renderDiff(items: readonly DiffItem[], options: DiffRenderOptions): string {
  const paint = (code: string, text: string): string =>
    options.colour ? `${code}${text}${RESET}` : text;
  const out: string[] = [
    options.indent + paint(BOLD, '--- expected'),
    options.indent + paint(BOLD, '+++ got'),
  ];
  const near = nearChange(items, options.context);
  let hidden = 0;
  const flush = (): void => {
    if (hidden === 0) return;
    out.push(options.indent + paint(CYAN, `@@ ${hidden} unchanged ${options.noun} @@`));
    hidden = 0;
  };
  for (const [i, item] of items.entries()) {
    if (item.op === ' ' && near[i] !== true) {
      hidden++;
      continue;
    }
    flush();
    const colour = item.op === '-' ? RED : item.op === '+' ? GREEN : '';
    for (const line of item.lines)
      out.push(
        options.indent + (colour === '' ? `${item.op}${line}` : paint(colour, `${item.op}${line}`)),
      );
  }
  flush();
  return out.join('\n');
}

/**
 * A failure message with the expected/got part as a diff; other failures keep their text.
 *
 * @example
 * formatFailureDiff(failure, { colour: false })
 * //     expr: "up", time: 5m,
 * //         diff:
 * //             --- expected
 * //             +++ got
 * //             -{__name__="up", job="a"} 1E+00
 * //             +{__name__="up", job="a"} 0E+00
 */
export function formatFailureDiff(f: CheckFailure, options: { colour: boolean }): string {
  if (f.kind === 'error') return f.message;
  const items =
    f.kind === 'samples' ? diffSamples(f.exp, f.got, f.fuzzy) : diffAlerts(f.exp, f.got);
  const body = renderDiff(items, {
    colour: options.colour,
    indent: '            ',
    context: 3,
    noun: f.kind === 'samples' ? 'samples' : 'alerts',
  });
  return `${failureHeading(f)}\n        diff:\n${body}`;
}
