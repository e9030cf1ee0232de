/**
 * The checks Prometheus's rulefmt makes on each rule (`Rule.Validate` and
 * `testTemplateParsing`), with the same messages, each placed at the field it is about.
 *
 * @module
 */
import { DrygateError, ParseError } from '../errors.js';
import { sortLabels } from '../model/labels.js';
import { goQuote } from '../model/quote.js';
import type { Expr } from '../promql/ast.js';
import { parseExpr, type ParseOptions } from '../promql/parse/parse.js';
import { isValidLabelValue, isValidName } from './names.js';
import { templateSyntaxError } from './template-check.js';
import type { NameValidationScheme, Rule, RuleField, SourceRef } from './types.js';
import type { ProblemContext, StringValue, YamlReader } from './yaml-reader.js';

export interface RawPair {
  readonly name: string;
  readonly value: StringValue;
  readonly keySource: SourceRef;
}

/** A rule's fields as decoded from YAML, before the rulefmt checks. */
export interface RawRule {
  readonly index: number;
  readonly source: SourceRef;
  readonly context: ProblemContext;
  readonly record: StringValue | undefined;
  readonly alert: StringValue | undefined;
  readonly expr: StringValue | undefined;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  readonly labels: readonly RawPair[];
  readonly annotations: readonly RawPair[];
  /** Where each key present was written. */
  readonly fields: Readonly<Partial<Record<string, SourceRef>>>;
  /** Keys whose values did not decode: already reported, so not "missing" as well. */
  readonly broken: ReadonlySet<string>;
}

/**
 * Runs the rulefmt checks, reporting problems through the reader, and returns the Rule when its
 * kind is clear and its expression parses (the caller drops it if any error was reported).
 */
export function buildRule(
  raw: RawRule,
  reader: YamlReader,
  scheme: NameValidationScheme,
  parseOptions: ParseOptions,
): Rule | undefined {
  const report = (code: Parameters<YamlReader['problem']>[0], at: SourceRef, message: string) =>
    reader.problem(code, at, message, raw.context);
  const record = raw.record?.value ?? '';
  const alert = raw.alert?.value ?? '';
  const fieldAt = (key: RuleField): SourceRef => raw.fields[key] ?? raw.source;

  if (record !== '' && alert !== '') {
    report(
      'rule-kind',
      (raw.record as StringValue).source,
      "only one of 'record' and 'alert' must be set",
    );
  }
  if (record === '' && alert === '' && !raw.broken.has('record') && !raw.broken.has('alert')) {
    report(
      'rule-kind',
      (raw.alert ?? raw.record)?.source ?? raw.source,
      "one of 'record' or 'alert' must be set",
    );
  }

  let ast: Expr | undefined;
  const expr = raw.expr;
  if (expr === undefined || expr.value === '') {
    if (!raw.broken.has('expr')) {
      report('expr', expr?.source ?? raw.source, "field 'expr' must be set in rule");
    }
  } else {
    ast = parseRuleExpr(expr, reader, raw.context, parseOptions);
  }

  if (record !== '') {
    if (raw.annotations.length > 0) {
      const message = "invalid field 'annotations' in recording rule";
      report('recording-field', fieldAt('annotations'), message);
    }
    if (raw.forMs !== 0) {
      report('recording-field', fieldAt('for'), "invalid field 'for' in recording rule");
    }
    if (raw.keepFiringForMs !== 0) {
      report(
        'recording-field',
        fieldAt('keep_firing_for'),
        "invalid field 'keep_firing_for' in recording rule",
      );
    }
    const at = (raw.record as StringValue).source;
    if (!isValidName('metric', record, scheme)) {
      report('rule-name', at, `invalid recording rule name: ${record}`);
    }
    // A valid UTF-8 name, but most likely a selector pasted into `record` (Prometheus 3 check).
    if (record.includes('{') || record.includes('}')) {
      report(
        'rule-name',
        at,
        `braces present in the recording rule name; should it be in expr?: ${record}`,
      );
    }
  }

  for (const l of raw.labels) {
    if (!isValidName('label', l.name, scheme) || l.name === '__name__') {
      report('label', l.keySource, `invalid label name: ${l.name}`);
    }
    if (!isValidLabelValue(l.value.value)) {
      report('label', l.value.source, `invalid label value: ${l.value.value}`);
    }
  }
  for (const a of raw.annotations) {
    if (!isValidName('label', a.name, scheme)) {
      report('annotation', a.keySource, `invalid annotation name: ${a.name}`);
    }
  }
  // Prometheus parses alert labels and annotations as templates when it loads the rules.
  if (alert !== '') {
    for (const [what, pairs] of [
      ['label', raw.labels],
      ['annotation', raw.annotations],
    ] as const) {
      for (const p of pairs) {
        const error = templateSyntaxError(p.value.value, alert);
        if (error !== undefined) {
          const at = valueLineStart(reader, p.value, error.line);
          report('template', at, `${what} ${goQuote(p.name)}: ${error.message}`);
        }
      }
    }
  }

  if (ast === undefined || expr === undefined || (record === '') === (alert === '')) {
    return undefined;
  }
  // Built on first use: most rules never need a position inside their expression.
  let map: ((offset: number) => number) | undefined;
  const exprNode = expr.node;
  const locate = (offset: number): number => {
    map ??= exprNode === undefined ? () => 0 : reader.offsetMap(exprNode);
    return map(offset);
  };
  const fields: Partial<Record<RuleField, SourceRef>> = { ...raw.fields };
  const common = {
    name: record !== '' ? record : alert,
    expr: expr.value,
    ast,
    labels: sortLabels(raw.labels.map((l) => ({ name: l.name, value: l.value.value }))),
    index: raw.index,
    source: raw.source,
    fields,
    exprSource: expr.source,
    exprPosition: (offset: number): SourceRef => reader.at(locate(offset)),
  };
  if (record !== '') return { kind: 'recording', ...common };
  return {
    kind: 'alerting',
    ...common,
    forMs: raw.forMs,
    keepFiringForMs: raw.keepFiringForMs,
    annotations: sortLabels(raw.annotations.map((a) => ({ name: a.name, value: a.value.value }))),
  };
}

/** Where line `line` (1-based) of a string value starts in the file; the value's start if unknown. */
function valueLineStart(
  reader: YamlReader,
  value: StringValue,
  line: number | undefined,
): SourceRef {
  if (line === undefined || line === 1 || value.node === undefined) return value.source;
  const offset = queryOffset(value.value, line, 1);
  return reader.at(reader.offsetMap(value.node)(offset));
}

/** Parses a rule's expression; a syntax error is reported where it is in the file. */
function parseRuleExpr(
  expr: StringValue,
  reader: YamlReader,
  context: ProblemContext,
  parseOptions: ParseOptions,
): Expr | undefined {
  try {
    return parseExpr(expr.value, parseOptions);
  } catch (err) {
    if (!(err instanceof DrygateError)) throw err;
    let at = expr.source;
    let reason = err.message;
    if (err instanceof ParseError) {
      reason = err.reason;
      if (expr.node !== undefined) {
        const offset = queryOffset(expr.value, err.position.line, err.position.column);
        at = reader.at(reader.offsetMap(expr.node)(offset));
      }
    }
    reader.problem('promql', at, `could not parse expression: ${reason}`, context);
    return undefined;
  }
}

/**
 * The UTF-16 offset of a PromQL error position: Prometheus counts lines from 1 and columns in
 * UTF-8 bytes from 1.
 */
export function queryOffset(query: string, line: number, byteColumn: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = query.indexOf('\n', offset);
    if (next < 0) return query.length;
    offset = next + 1;
  }
  let bytes = 0;
  while (offset < query.length && query[offset] !== '\n' && bytes < byteColumn - 1) {
    const cp = query.codePointAt(offset) as number;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    offset += cp > 0xffff ? 2 : 1;
  }
  return offset;
}
