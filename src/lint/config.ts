/**
 * Lint settings: the `lint:` section of `.drygate.yml` (and its `heartbeat:` realm), merged
 * with command-line flags. A mistake in the file is a ParseError with file:line:col.
 *
 * ```yaml
 * lint:
 *   require:                       # matchers every selector must carry
 *     metric_realm: prod           # short form: label: value, for every metric
 *   # require:                     # long form, per metric-name pattern, with exemptions
 *   #   - label: metric_realm
 *   #     value: prod
 *   #     metrics: 'duri_.*'       # anchored RE2; default: every metric
 *   #     except: ['up']           # anchored RE2s of metrics that need not carry it
 *   scrape_interval: 15s           # for range checks (default: a prometheus.yml input's, else 1m)
 *   disable: [rule/name-convention]
 *   severity: { promql/regex-anchors: info }
 *   recording_rule_name: '[a-z_]+:[a-z0-9_]+:[a-z0-9_]+'
 *   annotations: [summary, runbook_url]   # required on every alert
 *   alert_labels: [severity]              # required on every alert
 *   counters: ['duri_textfile_heartbeat_seq']
 *   gauges: ['.*_bytes']
 * heartbeat:
 *   realm: prod                    # what `drygate heartbeat --realm` writes
 * ```
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { InputError, ParseError } from '../errors.js';
import { parseDuration } from '../model/duration.js';
import { readErrorReason } from '../model/files.js';
import { compileAnchored } from '../model/regex.js';
import { YamlPositions, throwFirstYamlError } from '../model/yaml-positions.js';
import type { LabelObservation } from './model.js';
import { isSeverity, type Severity } from './types.js';

export interface RequiredMatcher {
  readonly label: string;
  readonly value: string;
  /** Metric names it applies to; undefined means every selector, named or not. */
  readonly metrics: RegExp | undefined;
  /** Metric names exempt from it. */
  readonly except: readonly RegExp[];
}

export interface LintConfig {
  readonly require: readonly RequiredMatcher[];
  readonly scrapeIntervalMs: number;
  /**
   * Whether `scrape_interval` was configured; if not, a `prometheus.yml` among the inputs gives
   * it (its `global.scrape_interval`), else Prometheus's default 1m.
   */
  readonly scrapeIntervalSet: boolean;
  readonly disabled: ReadonlySet<string>;
  readonly severity: ReadonlyMap<string, Severity>;
  /** The label `label/realm-consistency` compares: the first required one, else `metric_realm`. */
  readonly realmLabel: string;
  /** Whether `realm_label` was configured (else it follows the first required matcher). */
  readonly realmLabelSet: boolean;
  /** The realm the heartbeat writer is configured with (`heartbeat.realm`). */
  readonly heartbeatRealm: LabelObservation | undefined;
  readonly recordingRuleName: RegExp;
  readonly annotations: readonly string[];
  readonly alertLabels: readonly string[];
  readonly counters: readonly RegExp[];
  readonly gauges: readonly RegExp[];
  /** Longest group interval before `group/interval` warns (Prometheus's lookback, 5m). */
  readonly maxGroupIntervalMs: number;
}

/** Prometheus's recording rule convention, `level:metric:operations`. */
export const DEFAULT_RECORDING_RULE_NAME =
  '[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+';

export const DEFAULT_CONFIG: LintConfig = {
  require: [],
  scrapeIntervalMs: 60_000,
  scrapeIntervalSet: false,
  disabled: new Set(),
  severity: new Map(),
  realmLabel: 'metric_realm',
  realmLabelSet: false,
  heartbeatRealm: undefined,
  recordingRuleName: compileAnchored(DEFAULT_RECORDING_RULE_NAME),
  annotations: [],
  alertLabels: [],
  counters: [],
  gauges: [],
  maxGroupIntervalMs: 5 * 60_000,
};

const LINT_KEYS = [
  'require',
  'scrape_interval',
  'disable',
  'severity',
  'realm_label',
  'recording_rule_name',
  'annotations',
  'alert_labels',
  'counters',
  'gauges',
];
const REQUIRE_KEYS = ['label', 'value', 'metrics', 'except'];
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

class ConfigReader extends YamlPositions {
  fail(message: string, node: Node | null | undefined): never {
    throw new ParseError(message, this.at(node));
  }

  string(node: Node | null | undefined, what: string): string {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      this.fail(`${what}: expected a string`, node);
    return String(value);
  }

  list(node: Node | null | undefined, what: string): Node[] {
    if (node == null || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) this.fail(`${what}: expected a list`, node);
    return node.items as Node[];
  }

  regex(node: Node | null | undefined, what: string): RegExp {
    const text = this.string(node, what);
    try {
      return compileAnchored(text);
    } catch (err) {
      this.fail(`${what}: ${(err as Error).message}`, node);
    }
  }

  map(node: Node | null | undefined, what: string, keys?: readonly string[]): YAMLMap | undefined {
    if (node == null || (isScalar(node) && node.value === null)) return undefined;
    if (!isMap(node)) this.fail(`${what}: expected a mapping`, node);
    if (keys !== undefined) {
      for (const item of node.items) {
        const key = isScalar(item.key) ? String(item.key.value) : '';
        if (!keys.includes(key))
          this.fail(
            `${what}: unknown key ${JSON.stringify(key)} (known: ${keys.join(', ')})`,
            item.key as Node,
          );
      }
    }
    return node;
  }
}

function get(map: YAMLMap | undefined, key: string): Node | undefined {
  return map?.get(key, true) ?? undefined;
}

/** Parses `label=value` from `--require`. */
export function parseRequireArg(arg: string): RequiredMatcher {
  const eq = arg.indexOf('=');
  const label = eq < 0 ? '' : arg.slice(0, eq);
  if (!LABEL_NAME.test(label))
    throw new InputError(
      `--require ${JSON.stringify(arg)}: expected label=value, such as metric_realm=prod`,
    );
  return { label, value: arg.slice(eq + 1), metrics: undefined, except: [] };
}

function readRequire(r: ConfigReader, node: Node | undefined): RequiredMatcher[] {
  if (node === undefined) return [];
  if (isMap(node)) {
    return node.items.map((item) => {
      const label = r.string(item.key as Node, 'lint.require');
      if (!LABEL_NAME.test(label))
        r.fail(`lint.require: invalid label name ${JSON.stringify(label)}`, item.key as Node);
      return {
        label,
        value: r.string(item.value as Node, `lint.require.${label}`),
        metrics: undefined,
        except: [],
      };
    });
  }
  return r.list(node, 'lint.require').map((item, i) => {
    const what = `lint.require[${i}]`;
    const m = r.map(item, what, REQUIRE_KEYS);
    if (m === undefined) r.fail(`${what}: expected a mapping with label and value`, item);
    const labelNode = get(m, 'label');
    const label = r.string(labelNode, `${what}.label`);
    if (!LABEL_NAME.test(label))
      r.fail(`${what}.label: invalid label name ${JSON.stringify(label)}`, labelNode);
    const metricsNode = get(m, 'metrics');
    return {
      label,
      value: r.string(get(m, 'value'), `${what}.value`),
      metrics: metricsNode === undefined ? undefined : r.regex(metricsNode, `${what}.metrics`),
      except: r.list(get(m, 'except'), `${what}.except`).map((n) => r.regex(n, `${what}.except`)),
    };
  });
}

function checkIds(
  r: ConfigReader,
  nodes: readonly Node[],
  what: string,
  known: ReadonlySet<string>,
): string[] {
  return nodes.map((n) => {
    const id = r.string(n, what);
    if (!known.has(id)) r.fail(`${what}: unknown check ${JSON.stringify(id)}`, n);
    return id;
  });
}

/**
 * Reads the lint settings from a `.drygate.yml` text. Sections other than `lint` and
 * `heartbeat` belong to other commands and are not read.
 *
 * @throws ParseError for YAML or settings mistakes, with file:line:col.
 */
export function parseLintConfig(
  text: string,
  file: string,
  knownChecks: ReadonlySet<string>,
): LintConfig {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const r: ConfigReader = new ConfigReader(counter, file);
  throwFirstYamlError(doc.errors, counter, file);
  const root = r.map(doc.contents, 'the config file');
  const lint = r.map(get(root, 'lint'), 'lint', LINT_KEYS);
  const heartbeat = r.map(get(root, 'heartbeat'), 'heartbeat');

  const require = readRequire(r, get(lint, 'require'));
  const intervalNode = get(lint, 'scrape_interval');
  let scrapeIntervalMs = DEFAULT_CONFIG.scrapeIntervalMs;
  if (intervalNode !== undefined) {
    const ms = parseDuration(r.string(intervalNode, 'lint.scrape_interval'));
    if (ms === undefined || ms <= 0)
      r.fail('lint.scrape_interval: expected a duration such as 15s or 1m', intervalNode);
    scrapeIntervalMs = ms;
  }
  const severity = new Map<string, Severity>();
  const sevMap = r.map(get(lint, 'severity'), 'lint.severity');
  for (const item of sevMap?.items ?? []) {
    const [id] = checkIds(r, [item.key as Node], 'lint.severity', knownChecks);
    const level = r.string(item.value as Node, `lint.severity.${id}`);
    if (!isSeverity(level))
      r.fail(`lint.severity.${id}: expected info, warning or error`, item.value as Node);
    severity.set(id as string, level);
  }
  const realmNode = get(lint, 'realm_label');
  const realmLabel =
    realmNode !== undefined
      ? r.string(realmNode, 'lint.realm_label')
      : (require[0]?.label ?? DEFAULT_CONFIG.realmLabel);
  const nameNode = get(lint, 'recording_rule_name');
  const heartbeatRealmNode = get(heartbeat, 'realm');
  const strings = (key: string): string[] =>
    r.list(get(lint, key), `lint.${key}`).map((n) => r.string(n, `lint.${key}`));
  const regexes = (key: string): RegExp[] =>
    r.list(get(lint, key), `lint.${key}`).map((n) => r.regex(n, `lint.${key}`));

  return {
    require,
    scrapeIntervalMs,
    scrapeIntervalSet: intervalNode !== undefined,
    disabled: new Set(
      checkIds(r, r.list(get(lint, 'disable'), 'lint.disable'), 'lint.disable', knownChecks),
    ),
    severity,
    realmLabel,
    realmLabelSet: realmNode !== undefined,
    heartbeatRealm:
      heartbeatRealmNode === undefined
        ? undefined
        : {
            label: realmLabel,
            value: r.string(heartbeatRealmNode, 'heartbeat.realm'),
            source: { ...r.valueStart(heartbeatRealmNode), file },
            where: 'the heartbeat writer config',
            kind: 'heartbeat',
          },
    recordingRuleName:
      nameNode === undefined
        ? DEFAULT_CONFIG.recordingRuleName
        : r.regex(nameNode, 'lint.recording_rule_name'),
    annotations: strings('annotations'),
    alertLabels: strings('alert_labels'),
    counters: regexes('counters'),
    gauges: regexes('gauges'),
    maxGroupIntervalMs: DEFAULT_CONFIG.maxGroupIntervalMs,
  };
}

/**
 * The settings for a run: the config file (the one named, or `.drygate.yml` in `cwd` when it
 * exists), with `--require` matchers replacing configured ones for the same label.
 *
 * @throws InputError when a named config file cannot be read; ParseError for its mistakes.
 */
export function resolveLintConfig(options: {
  readonly configPath: string | undefined;
  readonly defaultPath: string;
  readonly require: readonly string[];
  readonly knownChecks: ReadonlySet<string>;
}): { config: LintConfig; file: string | undefined } {
  let config = DEFAULT_CONFIG;
  let file: string | undefined;
  const path = options.configPath ?? options.defaultPath;
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
    file = path;
  } catch (err) {
    if (options.configPath !== undefined)
      throw new InputError(`cannot read config ${path}: ${readErrorReason(err)}`);
  }
  if (text !== undefined) config = parseLintConfig(text, path, options.knownChecks);
  const fromFlags = options.require.map(parseRequireArg);
  if (fromFlags.length > 0) {
    const labels = new Set(fromFlags.map((m) => m.label));
    const require = [...config.require.filter((m) => !labels.has(m.label)), ...fromFlags];
    const realmLabel = config.realmLabelSet
      ? config.realmLabel
      : (require[0]?.label ?? config.realmLabel);
    const hb = config.heartbeatRealm;
    config = {
      ...config,
      require,
      realmLabel,
      heartbeatRealm: hb === undefined ? undefined : { ...hb, label: realmLabel },
    };
  }
  return { config, file };
}
