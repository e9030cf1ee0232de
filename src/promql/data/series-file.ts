/**
 * Series files: one promtool test group's data as YAML, for `drygate query --data` and replayed
 * decisions.
 *
 * ```yaml
 * interval: 15s            # spacing of the values (default 1m)
 * start: 2026-11-28T14:00:00Z   # time of the first value (RFC 3339 or unix seconds; default 0)
 * input_series:
 *   - series: 'duri_textfile_heartbeat_seq{metric_realm="prod"}'
 *     values: '1+1x40 _x10'
 * ```
 *
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { ParseError } from '../../errors.js';
import { YamlPositions, throwFirstYamlError } from '../../model/yaml-positions.js';
import { parseDuration } from '../../model/duration.js';
import { parseTimeArg } from '../../model/time.js';
import { parseSeriesLabels, parseSeriesValues } from '../series/parse.js';
import { sequenceSamples } from '../series/types.js';
import { MemoryStore } from '../store/memory.js';
import type { LoadedData } from './dump.js';

const TOP_KEYS = new Set(['interval', 'start', 'start_timestamp', 'input_series']);
const SERIES_KEYS = new Set(['series', 'values']);

function stringAt(
  map: YAMLMap,
  key: string,
  pos: YamlPositions,
  required: boolean,
): [string, Node] | undefined {
  const node = map.get(key, true) as Node | undefined;
  if (node === undefined) {
    if (required) throw new ParseError(`missing "${key}"`, pos.at(map));
    return undefined;
  }
  if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
    throw new ParseError(`"${key}" must be a string`, pos.at(node));
  }
  return [String(node.value), node];
}

function checkKeys(
  map: YAMLMap,
  allowed: ReadonlySet<string>,
  pos: YamlPositions,
  where: string,
): void {
  for (const item of map.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!allowed.has(key)) {
      throw new ParseError(
        `unknown field ${JSON.stringify(key)} in ${where} (expected ${[...allowed].join(', ')})`,
        pos.at(item.key as Node),
      );
    }
  }
}

/** Whether text looks like a series file rather than an exposition dump. */
export function looksLikeSeriesFile(text: string): boolean {
  return /^\s*(input_series|interval|start|start_timestamp)\s*:/m.test(text);
}

/**
 * Loads a series file.
 *
 * @throws ParseError with file:line:col for bad YAML, unknown fields, bad durations or series.
 */
export function loadSeriesFile(
  text: string,
  file: string,
): LoadedData & { readonly startMs: number } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const pos = new YamlPositions(counter, file);
  throwFirstYamlError(doc.errors, counter, file);
  const root = doc.contents;
  if (!isMap(root))
    throw new ParseError('expected a mapping with interval and input_series', pos.at(root));
  checkKeys(root, TOP_KEYS, pos, 'the series file');

  const intervalField = stringAt(root, 'interval', pos, false);
  const intervalMs = intervalField === undefined ? 60_000 : parseDuration(intervalField[0]);
  if (intervalMs === undefined || intervalMs <= 0) {
    throw new ParseError(
      `interval ${JSON.stringify(intervalField?.[0])}: expected a positive duration such as 15s`,
      pos.at(intervalField?.[1]),
    );
  }
  const startField =
    stringAt(root, 'start', pos, false) ?? stringAt(root, 'start_timestamp', pos, false);
  let startMs = 0;
  if (startField !== undefined) {
    try {
      startMs = parseTimeArg('start', startField[0]);
    } catch (err) {
      throw new ParseError((err as Error).message, pos.at(startField[1]));
    }
  }

  const seriesList = root.get('input_series', true) as Node | undefined;
  if (seriesList === undefined || !isSeq(seriesList))
    throw new ParseError('"input_series" must be a list', pos.at(seriesList ?? root));
  const store = new MemoryStore();
  let samples = 0;
  let minT: number | undefined;
  let maxT: number | undefined;
  for (const item of seriesList.items) {
    if (!isMap(item))
      throw new ParseError(
        'each input_series entry must have series and values',
        pos.at(item as Node),
      );
    checkKeys(item, SERIES_KEYS, pos, 'an input_series entry');
    const [seriesText, seriesNode] = stringAt(item, 'series', pos, true) as [string, Node];
    const [valuesText, valuesNode] = stringAt(item, 'values', pos, true) as [string, Node];
    const labels = parseSeriesLabels(seriesText, { position: pos.valueStart(seriesNode) });
    const values = parseSeriesValues(valuesText, { position: pos.valueStart(valuesNode) });
    for (const { t, value } of sequenceSamples(values, startMs, intervalMs)) {
      if (value.kind === 'stale') store.appendStale(labels, t);
      else if (value.kind === 'float') store.append(labels, t, value.f);
      else continue;
      samples++;
      minT = minT === undefined ? t : Math.min(minT, t);
      maxT = maxT === undefined ? t : Math.max(maxT, t);
    }
  }
  store.compact();
  return { store, minT, maxT, samples, startMs };
}
