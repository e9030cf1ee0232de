/**
 * Reads a promtool unit-test file strictly, as promtool's `yaml.UnmarshalStrict` does: an unknown
 * key anywhere is an error, reported with file:line:col.
 *
 * @module
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Node,
  type YAMLMap,
} from 'yaml';
import { YamlPositions, throwFirstYamlError } from '../model/yaml-positions.js';
import { ParseError } from '../errors.js';
import { parseDuration } from '../model/duration.js';
import { parseTimeArg } from '../model/time.js';
import { parseGoFloat } from '../promql/series/numbers.js';
import type {
  AlertTestCase,
  ExpAlert,
  ExpSample,
  InputSeries,
  PromqlTestCase,
  TestGroup,
  UnitTestFile,
} from './types.js';

const FILE_KEYS = [
  'rule_files',
  'evaluation_interval',
  'group_eval_order',
  'fuzzy_compare',
  'tests',
];
const GROUP_KEYS = [
  'name',
  'interval',
  'input_series',
  'alert_rule_test',
  'promql_expr_test',
  'external_labels',
  'external_url',
  'start_timestamp',
];
const SERIES_KEYS = ['series', 'values'];
const ALERT_KEYS = ['eval_time', 'alertname', 'exp_alerts'];
const EXP_ALERT_KEYS = ['exp_labels', 'exp_annotations'];
const PROMQL_KEYS = ['expr', 'eval_time', 'exp_samples'];
const SAMPLE_KEYS = ['labels', 'value', 'histogram'];

class Reader extends YamlPositions {
  fail(message: string, node: Node | null | undefined): never {
    throw new ParseError(message, this.at(node));
  }

  /** A mapping whose keys are all known (null counts as an empty mapping). */
  map(node: Node | null | undefined, keys: readonly string[], type: string): YAMLMap | undefined {
    if (node === undefined || node === null || (isScalar(node) && node.value === null))
      return undefined;
    if (!isMap(node)) this.fail(`cannot unmarshal into ${type}: expected a mapping`, node);
    for (const item of node.items) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      if (!keys.includes(key))
        this.fail(`field ${key} not found in type ${type}`, item.key as Node);
    }
    return node;
  }

  list(map: YAMLMap | undefined, key: string): Node[] {
    const node = map?.get(key, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) this.fail(`${key}: expected a list`, node);
    return node.items as Node[];
  }

  scalar(map: YAMLMap | undefined, key: string): [string, Node] | undefined {
    const node = map?.get(key, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (!isScalar(node)) this.fail(`${key}: expected a string`, node);
    return [String(node.value), node];
  }

  string(map: YAMLMap | undefined, key: string): string {
    return this.scalar(map, key)?.[0] ?? '';
  }

  duration(map: YAMLMap | undefined, key: string, fallback: number): number {
    const field = this.scalar(map, key);
    if (field === undefined) return fallback;
    const ms = parseDuration(field[0]);
    if (ms === undefined)
      this.fail(`${key}: not a valid duration string: ${JSON.stringify(field[0])}`, field[1]);
    return ms;
  }

  bool(map: YAMLMap | undefined, key: string): boolean {
    const field = this.scalar(map, key);
    if (field === undefined) return false;
    if (/^(true|True|TRUE)$/.test(field[0])) return true;
    if (/^(false|False|FALSE)$/.test(field[0])) return false;
    this.fail(`${key}: cannot unmarshal ${JSON.stringify(field[0])} into bool`, field[1]);
  }

  float(map: YAMLMap | undefined, key: string): number {
    const field = this.scalar(map, key);
    if (field === undefined) return 0;
    const text = field[0];
    const special: Record<string, number> = {
      '.inf': Infinity,
      '+.inf': Infinity,
      '-.inf': -Infinity,
      '.nan': NaN,
    };
    const value = special[text.toLowerCase()] ?? parseGoFloat(text);
    if (value === undefined)
      this.fail(`${key}: cannot unmarshal ${JSON.stringify(text)} into float64`, field[1]);
    return value;
  }

  stringMap(map: YAMLMap | undefined, key: string): Record<string, string> {
    const node = map?.get(key, true) as Node | undefined;
    const out: Record<string, string> = {};
    if (node === undefined || (isScalar(node) && node.value === null)) return out;
    if (!isMap(node)) this.fail(`${key}: expected a mapping of strings`, node);
    for (const item of node.items) {
      const value = item.value as Node | null;
      if (!isScalar(item.key) || (value !== null && !isScalar(value)))
        this.fail(`${key}: expected a mapping of strings`, item.key as Node);
      out[String(item.key.value)] =
        value === null || typeof value.value !== 'string' ? '' : value.value;
    }
    return out;
  }
}

/**
 * Parses a unit-test file.
 *
 * @throws ParseError with file:line:col for bad YAML, unknown keys and bad values.
 */
export function parseUnitTestFile(text: string, file: string): UnitTestFile {
  const counter = new LineCounter();
  // failsafe: every scalar stays text, so `0x10` is a series value and not the number 16.
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false,
    schema: 'failsafe',
  });
  const r: Reader = new Reader(counter, file);
  // yaml.v3 follows aliases: replace each by a copy of its anchored node (which keeps its position).
  // An alias needs a `*`; most files have none, and the walk is then skipped.
  if (text.includes('*'))
    visit(doc, {
      Alias(_, alias) {
        const target = alias.resolve(doc);
        return target === undefined ? undefined : (target.clone() as Node);
      },
    });
  throwFirstYamlError(doc.errors, counter, file);
  const root = r.map(doc.contents, FILE_KEYS, 'main.unitTestFile');
  const evaluationIntervalMs = r.duration(root, 'evaluation_interval', 60_000);
  if (evaluationIntervalMs <= 0)
    r.fail('evaluation_interval must be positive', root?.get('evaluation_interval', true));
  const tests = r.list(root, 'tests').map((node) => parseGroup(r, node, evaluationIntervalMs));
  return {
    file,
    ruleFiles: r.list(root, 'rule_files').map((n) => {
      if (!isScalar(n)) r.fail('rule_files: expected a list of strings', n);
      return String(n.value);
    }),
    evaluationIntervalMs,
    groupEvalOrder: r.list(root, 'group_eval_order').map((n) => {
      if (!isScalar(n)) r.fail('group_eval_order: expected a list of strings', n);
      return String(n.value);
    }),
    fuzzyCompare: r.bool(root, 'fuzzy_compare'),
    tests,
  };
}

function parseGroup(r: Reader, node: Node, evaluationIntervalMs: number): TestGroup {
  const map = r.map(node, GROUP_KEYS, 'main.testGroup');
  const intervalMs = r.duration(map, 'interval', evaluationIntervalMs);
  if (intervalMs <= 0) r.fail('interval must be positive', map?.get('interval', true));
  const start = r.scalar(map, 'start_timestamp');
  let startMs = 0;
  if (start !== undefined) {
    try {
      startMs = parseTimeArg('start_timestamp', start[0]);
    } catch (err) {
      r.fail((err as Error).message, start[1]);
    }
  }
  const url = r.scalar(map, 'external_url');
  return {
    name: r.string(map, 'name'),
    intervalMs,
    startMs,
    inputSeries: r.list(map, 'input_series').map((n) => parseSeries(r, n)),
    alertRuleTests: r.list(map, 'alert_rule_test').map((n) => parseAlertTest(r, n)),
    promqlExprTests: r.list(map, 'promql_expr_test').map((n) => parsePromqlTest(r, n)),
    externalLabels: r.stringMap(map, 'external_labels'),
    externalURL: url?.[0],
  };
}

function parseSeries(r: Reader, node: Node): InputSeries {
  const map = r.map(node, SERIES_KEYS, 'main.series');
  const series = r.scalar(map, 'series');
  const values = r.scalar(map, 'values');
  return {
    series: series?.[0] ?? '',
    seriesAt: series === undefined ? r.at(node) : r.valueStart(series[1]),
    values: values?.[0] ?? '',
    valuesAt: values === undefined ? r.at(node) : r.valueStart(values[1]),
  };
}

function parseAlertTest(r: Reader, node: Node): AlertTestCase {
  const map = r.map(node, ALERT_KEYS, 'main.alertTestCase');
  const alertname = r.string(map, 'alertname');
  if (alertname === '') r.fail('alertname is required in an alert_rule_test', node);
  const expAlerts: ExpAlert[] = r.list(map, 'exp_alerts').map((n) => {
    const m = r.map(n, EXP_ALERT_KEYS, 'main.alert');
    return { labels: r.stringMap(m, 'exp_labels'), annotations: r.stringMap(m, 'exp_annotations') };
  });
  return { evalTimeMs: r.duration(map, 'eval_time', 0), alertname, expAlerts };
}

function parsePromqlTest(r: Reader, node: Node): PromqlTestCase {
  const map = r.map(node, PROMQL_KEYS, 'main.promqlTestCase');
  const expSamples: ExpSample[] = r.list(map, 'exp_samples').map((n) => {
    const m = r.map(n, SAMPLE_KEYS, 'main.sample');
    return {
      labels: r.string(m, 'labels'),
      value: r.float(m, 'value'),
      histogram: r.scalar(m, 'histogram')?.[0],
    };
  });
  return { expr: r.string(map, 'expr'), evalTimeMs: r.duration(map, 'eval_time', 0), expSamples };
}
