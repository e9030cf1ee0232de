/**
 * Which loaded series are native histograms, so that evals touching them count as skipped
 * ("native histograms are not supported") instead of failing on data drygate cannot store.
 * A series counts when a `load` gave it a `{{...}}` value, or when `load_with_nhcb` would
 * build one from classic `_bucket`/`_count`/`_sum` series.
 *
 * @module
 */
import { type Labels, sortLabels } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import { type CompiledMatcher, compileMatcher } from '../../model/matcher.js';
import { type Expr, walk } from '../ast.js';
import { parseGoFloat } from '../series/numbers.js';
import type { LoadCommand } from './types.js';

const NHCB_SUFFIXES = ['_bucket', '_count', '_sum'] as const;

function labelValue(labels: Labels, name: string): string {
  return labels.find((l) => l.name === name)?.value ?? '';
}

/** The native histogram `load_with_nhcb` builds from a classic series, if any. */
export function nhcbBaseLabels(labels: Labels): Labels | undefined {
  const name = labelValue(labels, '__name__');
  const suffix = NHCB_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix === undefined) return undefined;
  if (suffix === '_bucket') {
    const le = parseGoFloat(labelValue(labels, 'le'));
    if (le === undefined || Number.isNaN(le)) return undefined;
  }
  const base = name.slice(0, -suffix.length);
  return sortLabels([
    ...labels.filter((l) => l.name !== '__name__' && l.name !== 'le'),
    { name: '__name__', value: base },
  ]);
}

export class HistogramSeries {
  private readonly series = new Map<string, { labels: Labels; line: number }>();

  /** Notes the native-histogram series a load creates. */
  addLoad(load: LoadCommand): void {
    for (const s of load.series) {
      if (s.values.some((v) => v.kind === 'histogram')) this.add(s.labels, s.line);
      if (load.withNhcb) {
        const base = nhcbBaseLabels(s.labels);
        if (base !== undefined) this.add(base, s.line);
      }
    }
  }

  private add(labels: Labels, line: number): void {
    const clean = labels.filter((l) => l.value !== '');
    const key = labelsKey(clean);
    if (!this.series.has(key)) this.series.set(key, { labels: clean, line });
  }

  clear(): void {
    this.series.clear();
  }

  get size(): number {
    return this.series.size;
  }

  /** The first native-histogram series a selector of `expr` matches, with its load line. */
  touchedBy(expr: Expr): { labels: Labels; line: number } | undefined {
    if (this.series.size === 0) return undefined;
    let found: { labels: Labels; line: number } | undefined;
    walk(expr, (node) => {
      if (found !== undefined || node.kind !== 'VectorSelector') return;
      let matchers: CompiledMatcher[];
      try {
        matchers = node.matchers.map(compileMatcher);
      } catch {
        return; // a bad regex: the query fails on its own, with the engine's message
      }
      for (const entry of this.series.values()) {
        if (matchers.every((m) => m.matches(labelValue(entry.labels, m.name)))) {
          found = entry;
          return;
        }
      }
    });
    return found;
  }
}
