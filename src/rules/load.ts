/**
 * Loads a Prometheus rule file (`groups:` of recording and alerting rules) from YAML, with the
 * checks Prometheus's rulefmt makes, and the file:line:col of every problem.
 *
 * Where promtool stops at the first YAML type error, this loader keeps going and reports every
 * problem it can attribute to a place in the file; a field that failed to decode does not also
 * count as missing.
 *
 * @module
 */
import { LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { sortLabels } from '../model/labels.js';
import { goQuote } from '../model/quote.js';
import type { ParseOptions } from '../promql/parse/parse.js';
import { isValidLabelValue, isValidName } from './names.js';
import type { NameValidationScheme, RuleFile, RuleGroup, RuleProblem, SourceRef } from './types.js';
import { buildRule, type RawRule } from './validate.js';
import { NO_CONTEXT, type ProblemContext, type StringValue, YamlReader } from './yaml-reader.js';
import { yamlErrorMessage } from '../model/yaml-positions.js';

export interface LoadRuleFileOptions {
  /** Accept keys Prometheus does not know (promtool's `--ignore-unknown-fields`). */
  readonly ignoreUnknownFields?: boolean;
  /** Name rules for `record` and label names; Prometheus 3's `utf8` unless told otherwise. */
  readonly nameValidationScheme?: NameValidationScheme;
  /**
   * PromQL parser features. Defaults to promtool's: duration expressions on, experimental
   * functions and fill modifiers off.
   */
  readonly parseOptions?: ParseOptions;
}

const GROUP_FIELDS = ['name', 'interval', 'query_offset', 'limit', 'rules', 'labels'];
const RULE_FIELDS = [
  'record',
  'alert',
  'expr',
  'for',
  'keep_firing_for',
  'labels',
  'annotations',
] as const;

const PROMTOOL_PARSE_OPTIONS: ParseOptions = {
  experimentalFunctions: false,
  durationExpressions: true,
  fillModifiers: false,
};

/**
 * Loads one rule file. Never throws for bad input: everything wrong is in `problems`, sorted by
 * position, and `groups` holds what could be loaded (a rule with an error of its own is left
 * out, but still counted in `ruleCount`).
 *
 * @example
 * const { groups, problems } = loadRuleFile(text, 'rules/heartbeat.yml');
 * for (const p of problems) console.error(formatRuleProblem(p));
 */
export function loadRuleFile(
  text: string,
  file: string,
  options: LoadRuleFileOptions = {},
): RuleFile {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    schema: 'failsafe',
    merge: true,
    prettyErrors: false,
  });
  const doc = (Array.isArray(docs) ? docs[0] : undefined) as Document | undefined;
  if (doc === undefined) return { file, groups: [], problems: [], ruleCount: 0 };
  const reader = new YamlReader(text, file, doc, lines);

  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    reader.problem(
      'yaml',
      reader.at(yamlErrorOffset(text, yamlError)),
      yamlMessage(text, yamlError),
    );
    return { file, groups: [], problems: reader.problems, ruleCount: 0 };
  }
  const second = docs[1];
  if (second !== undefined) {
    reader.problem(
      'multiple-documents',
      reader.at(second.range[0]),
      'multiple YAML documents in one rule file are not supported: only the first is checked',
      NO_CONTEXT,
      'warning',
    );
  }

  reader.checkAliases();
  const loaded = new FileLoader(reader, {
    ignoreUnknownFields: options.ignoreUnknownFields ?? false,
    scheme: options.nameValidationScheme ?? 'utf8',
    parseOptions: options.parseOptions ?? PROMTOOL_PARSE_OPTIONS,
  }).load(doc.contents);
  return { file, ...loaded, problems: sortProblems(reader.problems) };
}

const KEY_TEXT = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#,[\]{}][^:#\n]*?)(?=\s*:)/;

/**
 * Where to report a YAML error. The parser notices an unclosed `{` or `[` only where the file
 * (or the block) ends; the mistake is at the bracket, so point there.
 */
function yamlErrorOffset(text: string, error: { message: string; pos: [number, number] }): number {
  const at = error.pos[0];
  if (!/end with a [}\]]/.test(error.message)) return at;
  let depth = 0;
  for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '}' || c === ']') depth++;
    else if (c === '{' || c === '[') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return at;
}

function yamlMessage(
  text: string,
  error: { code: string; message: string; pos: [number, number] },
): string {
  const key = KEY_TEXT.exec(text.slice(error.pos[0]))?.[0];
  if (error.code === 'DUPLICATE_KEY' && key !== undefined) {
    const name = /^["']/.test(key) ? key : goQuote(key);
    return `invalid YAML: mapping key ${name} is already defined`;
  }
  return yamlErrorMessage(error);
}

/** Problems in file order; those at the same place keep the order they were found in. */
function sortProblems(problems: readonly RuleProblem[]): RuleProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        a.p.source.line - b.p.source.line || a.p.source.column - b.p.source.column || a.i - b.i,
    )
    .map(({ p }) => p);
}

interface Settings {
  readonly ignoreUnknownFields: boolean;
  readonly scheme: NameValidationScheme;
  readonly parseOptions: ParseOptions;
}

class FileLoader {
  private readonly reader: YamlReader;
  private readonly settings: Settings;

  constructor(reader: YamlReader, settings: Settings) {
    this.reader = reader;
    this.settings = settings;
  }

  load(root: Node | null): { groups: RuleGroup[]; ruleCount: number } {
    const r = this.reader;
    const map = r.mapping(r.resolve(root) ?? null, 'a rule file', NO_CONTEXT);
    if (map === undefined) return { groups: [], ruleCount: 0 };
    const entries = r.entries(map, NO_CONTEXT);
    r.checkKeys(
      entries,
      ['groups'],
      'the rule file',
      this.settings.ignoreUnknownFields,
      NO_CONTEXT,
    );
    const groupsEntry = entries.find((e) => e.key === 'groups');
    const items = groupsEntry === undefined ? [] : r.list(groupsEntry.value, 'groups', NO_CONTEXT);

    const groups: RuleGroup[] = [];
    const seen = new Set<string>();
    let ruleCount = 0;
    for (const item of items ?? []) {
      const fallback = r.of(
        item,
        groupsEntry === undefined ? undefined : r.of(groupsEntry.keyNode),
      );
      const loaded = this.group(item, fallback, seen);
      ruleCount += loaded.ruleCount;
      if (loaded.group !== undefined) groups.push(loaded.group);
    }
    return { groups, ruleCount };
  }

  private group(
    node: Node | null,
    source: SourceRef,
    seen: Set<string>,
  ): { group: RuleGroup | undefined; ruleCount: number } {
    const r = this.reader;
    const map = r.mapping(node, 'a group', NO_CONTEXT);
    const entries = map === undefined ? [] : r.entries(map, NO_CONTEXT);
    if (map === undefined && !r.isNull(node)) return { group: undefined, ruleCount: 0 };
    const field = (key: string) => entries.find((e) => e.key === key);

    const nameEntry = field('name');
    const name = nameEntry === undefined ? '' : (r.string(nameEntry, NO_CONTEXT)?.value ?? '');
    const context: ProblemContext = { group: name, rule: undefined };
    r.checkKeys(entries, GROUP_FIELDS, 'a group', this.settings.ignoreUnknownFields, context);
    if (nameEntry === undefined || name === '') {
      r.problem('group-name', source, 'Groupname must not be empty');
    }
    if (seen.has(name)) {
      r.problem('group-name', source, `groupname: ${goQuote(name)} is repeated in the same file`);
    }
    seen.add(name);

    const optional = <T>(key: string, read: (e: NonNullable<ReturnType<typeof field>>) => T) => {
      const e = field(key);
      return e === undefined || r.isNull(e.value) ? undefined : read(e);
    };
    const intervalMs = optional('interval', (e) => r.duration(e, context));
    const queryOffsetMs = optional('query_offset', (e) => r.duration(e, context));
    const limit = optional('limit', (e) => r.integer(e, context));
    const labelsEntry = field('labels');
    const labels = labelsEntry === undefined ? undefined : r.stringMap(labelsEntry, context);
    for (const l of labels ?? []) {
      if (!isValidName('label', l.name, this.settings.scheme) || l.name === '__name__') {
        r.problem('label', l.keySource, `invalid label name: ${l.name}`, context);
      }
      if (!isValidLabelValue(l.value.value)) {
        r.problem('label', l.value.source, `invalid label value: ${l.value.value}`, context);
      }
    }

    const rulesEntry = field('rules');
    const ruleNodes =
      rulesEntry === undefined ? [] : (r.list(rulesEntry.value, 'rules', context) ?? []);
    const rules = [];
    for (const [i, ruleNode] of ruleNodes.entries()) {
      const fallback = r.of(ruleNode, rulesEntry === undefined ? source : r.of(rulesEntry.keyNode));
      const rule = this.rule(ruleNode, i + 1, fallback, name);
      if (rule !== undefined) rules.push(rule);
    }

    const group: RuleGroup = {
      name,
      ...(intervalMs !== undefined && { intervalMs }),
      ...(limit !== undefined && { limit }),
      ...(queryOffsetMs !== undefined && { queryOffsetMs }),
      ...(labels !== undefined &&
        labelsEntry !== undefined &&
        !r.isNull(labelsEntry.value) && {
          labels: sortLabels(labels.map((l) => ({ name: l.name, value: l.value.value }))),
        }),
      rules,
      source,
    };
    return { group, ruleCount: ruleNodes.length };
  }

  /** Decodes one rule's fields, then hands them to the rulefmt checks in validate.ts. */
  private rule(node: Node | null, index: number, source: SourceRef, group: string) {
    const r = this.reader;
    const before = r.problems.length;
    const preContext: ProblemContext = { group, rule: { index, name: '' } };
    const map = r.mapping(node, 'a rule', preContext);
    if (map === undefined && !r.isNull(node)) return undefined;
    const entries = map === undefined ? [] : r.entries(map, preContext);
    const field = (key: string) => entries.find((e) => e.key === key);
    const broken = new Set<string>();
    const str = (key: string, context: ProblemContext): StringValue | undefined => {
      const e = field(key);
      if (e === undefined) return undefined;
      const value = r.string(e, context);
      if (value === undefined) broken.add(key);
      return value;
    };

    const record = str('record', preContext);
    const alert = str('alert', preContext);
    // promtool names a rule by its alert, else its record.
    const name = alert !== undefined && alert.value !== '' ? alert.value : (record?.value ?? '');
    const context: ProblemContext = { group, rule: { index, name } };
    r.checkKeys(entries, [...RULE_FIELDS], 'a rule', this.settings.ignoreUnknownFields, context);
    const expr = str('expr', context);
    const durationOf = (key: string): number => {
      const e = field(key);
      if (e === undefined) return 0;
      const ms = r.duration(e, context);
      if (ms === undefined) broken.add(key);
      return ms ?? 0;
    };
    const mapOf = (key: string) => {
      const e = field(key);
      if (e === undefined) return [];
      const pairs = r.stringMap(e, context);
      if (pairs === undefined) broken.add(key);
      return pairs ?? [];
    };
    const fields: Partial<Record<string, SourceRef>> = {};
    for (const key of RULE_FIELDS) {
      const e = field(key);
      if (e !== undefined) fields[key] = r.of(e.keyNode);
    }

    const raw: RawRule = {
      index,
      source,
      context,
      record,
      alert,
      expr,
      forMs: durationOf('for'),
      keepFiringForMs: durationOf('keep_firing_for'),
      labels: mapOf('labels'),
      annotations: mapOf('annotations'),
      fields,
      broken,
    };
    const rule = buildRule(raw, r, this.settings.scheme, this.settings.parseOptions);
    // A rule with an error of its own is not handed to evaluation or lint.
    const failed = r.problems.slice(before).some((p) => p.severity === 'error');
    return failed ? undefined : rule;
  }
}
