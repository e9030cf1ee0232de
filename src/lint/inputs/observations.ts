/**
 * Where the realm label is set outside PromQL: heartbeat textfiles (`*.prom`, the writer's own
 * output), Prometheus file_sd target files, and `static_configs` labels in `prometheus.yml`.
 * Also the metric types an exposition declares (`# TYPE x counter`), for the counter checks.
 *
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { DrygateError } from '../../errors.js';
import { parseExposition } from '../../exposition/parse.js';
import { parseDuration } from '../../model/duration.js';
import type { MetricType } from '../../exposition/types.js';
import type { LabelObservation } from '../model.js';
import type { SourceText } from '../source.js';
import type { Problem } from '../types.js';

/** Reads a textfile: declared types, and every value of `label` with its place. */
export function readExposition(
  source: SourceText,
  label: string,
): { types: Map<string, MetricType>; observations: LabelObservation[]; problems: Problem[] } {
  const types = new Map<string, MetricType>();
  const observations: LabelObservation[] = [];
  try {
    for (const family of parseExposition(source.text, { file: source.file }))
      if (family.type !== 'untyped') types.set(family.name, family.type);
  } catch (err) {
    if (!(err instanceof DrygateError)) throw err;
    const position =
      'position' in err ? (err.position as { line: number; column: number }) : undefined;
    return {
      types,
      observations,
      problems: [
        {
          check: 'input/parse',
          severity: 'error',
          summary: 'reason' in err ? String(err.reason) : err.message,
          details: '',
          source: { file: source.file, line: position?.line ?? 1, column: position?.column ?? 1 },
          diagnostics: [],
        },
      ],
    };
  }
  const re = new RegExp(`[{,]\\s*${label}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
  for (let n = 1; n <= source.lineCount; n++) {
    const line = source.line(n);
    if (line.startsWith('#')) continue;
    for (const m of line.matchAll(re)) {
      const column = (m.index ?? 0) + m[0].indexOf(label) + 1;
      observations.push({
        label,
        value: (m[1] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)),
        source: { file: source.file, line: n, column },
        where: 'a heartbeat textfile',
        kind: 'heartbeat',
      });
    }
  }
  return { types, observations, problems: [] };
}

/** Whether a parsed YAML/JSON value looks like a file_sd targets file: a list of `{targets}`. */
function isTargetList(node: unknown): boolean {
  return (
    isSeq(node) && node.items.length > 0 && node.items.every((i) => isMap(i) && i.has('targets'))
  );
}

function labelsOf(
  source: SourceText,
  node: unknown,
  label: string,
  where: string,
): LabelObservation[] {
  if (!isMap(node)) return [];
  const labels = node.get('labels', true);
  if (!isMap(labels)) return [];
  const value = labels.get(label, true);
  const text = isScalar(value) ? value.value : undefined;
  if (typeof text !== 'string' && typeof text !== 'number') return [];
  return [
    {
      label,
      value: String(text),
      source: source.at((value as Node).range?.[0] ?? 0),
      where,
      kind: 'scrape',
    },
  ];
}

/**
 * Realm values from scrape configuration: a file_sd targets file (YAML or JSON), or the
 * `static_configs` of a `prometheus.yml`, with its `global.scrape_interval`. Undefined when the
 * text is neither.
 */
export function readScrapeLabels(
  source: SourceText,
  label: string,
): { observations: LabelObservation[]; scrapeIntervalMs: number | undefined } | undefined {
  const doc = parseDocument(source.text, { lineCounter: new LineCounter(), prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  const root = doc.contents;
  if (isTargetList(root)) {
    const observations = (root as { items: unknown[] }).items.flatMap((t) =>
      labelsOf(source, t, label, 'a scrape target file'),
    );
    return { observations, scrapeIntervalMs: undefined };
  }
  if (!isMap(root) || !(root.has('scrape_configs') || root.has('global'))) return undefined;
  const global = root.get('global', true);
  const interval = isMap(global) ? global.get('scrape_interval', true) : undefined;
  const scrapeIntervalMs = isScalar(interval) ? parseDuration(String(interval.value)) : undefined;
  const configs = root.get('scrape_configs', true);
  const observations = !isSeq(configs)
    ? []
    : configs.items.flatMap((c) => {
        const statics = isMap(c) ? c.get('static_configs', true) : undefined;
        return isSeq(statics)
          ? statics.items.flatMap((s) => labelsOf(source, s, label, 'the Prometheus scrape config'))
          : [];
      });
  return { observations, scrapeIntervalMs };
}
