/**
 * Facts about the whole project that several checks need: the labels each recorded series
 * carries, and what kind of metric a name is (counter, gauge, recorded by a rule).
 *
 * @module
 */
import type { SourceRef } from '../../rules/types.js';
import type { LintConfig } from '../config.js';
import type { LintProject, LintRule } from '../model.js';
import type { SourceText } from '../source.js';
import { LabelAnalysis, type LabelInfo } from './labels.js';

export type MetricKind = 'counter' | 'gauge' | 'histogram' | 'summary' | 'recorded' | 'unknown';

const COUNTER_SUFFIXES = ['_total', '_count', '_sum', '_bucket'] as const;

export class ProjectAnalysis {
  readonly labels: LabelAnalysis;
  private readonly project: LintProject;
  private readonly config: LintConfig;
  private readonly recordedCache = new Map<string, LabelInfo | undefined>();
  private readonly inProgress = new Set<string>();

  constructor(project: LintProject, config: LintConfig) {
    this.project = project;
    this.config = config;
    this.labels = new LabelAnalysis((name) => this.recorded(name));
  }

  /** The labels of the series a recording rule of the project writes; undefined if none does. */
  recorded(name: string): LabelInfo | undefined {
    if (this.recordedCache.has(name)) return this.recordedCache.get(name);
    const rules = this.project.recording.get(name);
    if (rules === undefined || this.inProgress.has(name)) return undefined;
    this.inProgress.add(name);
    const infos = rules.map((r) => this.ruleOutput(r));
    this.inProgress.delete(name);
    const merged = infos.reduce((a, b) => merge(a, b));
    this.recordedCache.set(name, merged);
    return merged;
  }

  /** A rule's output labels: its expression's, plus the group's and the rule's own `labels`. */
  ruleOutput(r: LintRule): LabelInfo {
    let info = this.labels.of(r.rule.ast);
    const extra = [...(r.group.labels ?? []), ...r.rule.labels];
    if (extra.length === 0) return info;
    const names = new Set(info.names);
    const fixed = new Map(info.fixed);
    for (const l of extra) {
      if (info.closed) names.add(l.name);
      else names.delete(l.name);
      fixed.set(l.name, l.value);
    }
    info = { closed: info.closed, names, fixed };
    return info;
  }

  /** What kind of metric a name is, from config, textfile `# TYPE` lines, rules and suffixes. */
  metricKind(name: string): MetricKind {
    if (this.config.gauges.some((re) => re.test(name))) return 'gauge';
    if (this.config.counters.some((re) => re.test(name))) return 'counter';
    const declared = this.project.metricTypes.get(name);
    if (declared === 'counter' || declared === 'gauge') return declared;
    for (const suffix of ['_bucket', '_count', '_sum']) {
      const family = name.endsWith(suffix)
        ? this.project.metricTypes.get(name.slice(0, -suffix.length))
        : undefined;
      if (family === 'histogram' || family === 'summary') return 'counter';
    }
    if (declared === 'histogram' || declared === 'summary') return declared;
    if (this.project.recording.has(name)) return 'recorded';
    return COUNTER_SUFFIXES.some((s) => name.endsWith(s)) ? 'counter' : 'unknown';
  }
}

function merge(a: LabelInfo, b: LabelInfo): LabelInfo {
  const fixed = new Map([...a.fixed].filter(([l, v]) => b.fixed.get(l) === v));
  if (a.closed && b.closed)
    return { closed: true, names: new Set([...a.names, ...b.names]), fixed };
  const excluded = (x: LabelInfo, y: LabelInfo): string[] =>
    [...x.names].filter((l) => (y.closed ? !y.names.has(l) : y.names.has(l)));
  if (!a.closed && !b.closed) return { closed: false, names: new Set(excluded(a, b)), fixed };
  const [open, closed] = a.closed ? [b, a] : [a, b];
  return { closed: false, names: new Set(excluded(open, closed)), fixed };
}

/**
 * Where `key:` is written in the mapping under the key at `under` (a rule's `labels:` or
 * `annotations:`); `under` itself when it cannot be found (flow style, aliases).
 */
export function findKey(source: SourceText | undefined, under: SourceRef, key: string): SourceRef {
  if (source === undefined) return under;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^(\\s*)["']?${escaped}["']?\\s*:`);
  for (let n = under.line + 1; n <= Math.min(source.lineCount, under.line + 200); n++) {
    const line = source.line(n);
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent < under.column) break;
    const m = re.exec(line);
    if (m !== null) return { file: under.file, line: n, column: (m[1] ?? '').length + 1 };
  }
  return under;
}
