/**
 * The public face of the template engine: parse a template as `promtool check rules` does, and
 * expand an alert's label or annotation template as Prometheus's rule manager does, including the
 * text it puts into the annotation when expansion fails.
 *
 * @module
 */
import type { Labels } from '../../model/labels.js';
import { InternalError } from '../../errors.js';
import { BUILTINS } from './builtins.js';
import { TemplateError } from './errors.js';
import { execute } from './exec.js';
import type { Template } from './parser.js';
import { parseTree } from './parser.js';
import type { GoFunc } from './functype.js';
import type { QueryFunc } from './prometheus.js';
import { PROMETHEUS_FUNC_NAMES, prometheusFuncs } from './prometheus.js';
import type { GoValue } from './values.js';
import { GoStruct, stringMap } from './values.js';

/**
 * What Prometheus prepends to every alert label and annotation template (`rules/alerting.go`),
 * so that `$labels`, `$externalLabels`, `$externalURL` and `$value` exist. It has no newline, so
 * line numbers in errors are the user's, but columns on line 1 include its length.
 */
export const ALERT_TEMPLATE_PRELUDE =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

/** Go's type name of the data Prometheus passes to alert templates (`AlertTemplateData`). */
const ALERT_DATA_TYPE =
  'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }';

const FUNC_NAMES: ReadonlySet<string> = new Set([...BUILTINS.keys(), ...PROMETHEUS_FUNC_NAMES]);

/** The template name Prometheus uses for an alerting rule's templates. */
export function alertTemplateName(alertName: string): string {
  return `__alert_${alertName}`;
}

/**
 * Parses a template with Go's `text/template` rules and Prometheus's functions. The text is taken
 * as is; use {@link parseAlertTemplate} for alert rule templates, which need the prelude.
 *
 * @throws TemplateError whose message is Go's, e.g. `template: x:1: function "foo" not defined`.
 * @example parseTemplate('{{ $value | humanize }}') // throws: undefined variable "$value"
 */
export function parseTemplate(text: string, name = 'template'): Template {
  return parseTree(text, name, FUNC_NAMES);
}

/**
 * Parses an alerting rule's label or annotation template exactly as `promtool check rules` does
 * (`rulefmt.testTemplateParsing`): with the prelude, named `__alert_<alertname>`.
 *
 * @throws TemplateError, e.g. `template: __alert_HighLoad:1: unexpected "}" in operand`.
 * @example parseAlertTemplate('{{ $labels.instance }} is down', 'InstanceDown')
 */
export function parseAlertTemplate(text: string, alertName: string): Template {
  return parseTemplate(ALERT_TEMPLATE_PRELUDE + text, alertTemplateName(alertName));
}

/** The data of one alert: the labels of the sample that fired it, and its value. */
export interface AlertTemplateData {
  readonly labels: Labels | Readonly<Record<string, string>>;
  readonly externalLabels?: Labels | Readonly<Record<string, string>>;
  /** The `external_url` of the rule group (`$externalURL`). */
  readonly externalURL?: string;
  readonly value: number;
}

export interface ExpandOptions {
  /** Template name in messages. Defaults to `__alert_<alertName>`, else `template`. */
  readonly name?: string;
  readonly alertName?: string;
  /** Runs `query "..."`; without it, `query` fails as with a nil query function. */
  readonly query?: QueryFunc;
  /** Evaluation time in ms since the epoch, for `now`. Defaults to 0. */
  readonly timeMs?: number;
  /**
   * Prometheus's `--web.external-url`, used by `pathPrefix` and `externalURL`. Absent means a nil
   * URL, as in `promtool test rules`, where those functions fail.
   */
  readonly externalURL?: string;
  /** Prepend {@link ALERT_TEMPLATE_PRELUDE} (default true). */
  readonly prelude?: boolean;
}

function toStringMap(labels: Labels | Readonly<Record<string, string>>): GoValue {
  if (Array.isArray(labels)) {
    return stringMap(Object.fromEntries((labels as Labels).map((l) => [l.name, l.value])));
  }
  return stringMap(labels as Readonly<Record<string, string>>);
}

/** The Go value Prometheus's `AlertTemplateData` builds. */
export function alertTemplateData(data: AlertTemplateData): GoValue {
  return new GoStruct(ALERT_DATA_TYPE, [
    { name: 'Labels', value: toStringMap(data.labels) },
    { name: 'ExternalLabels', value: toStringMap(data.externalLabels ?? {}) },
    { name: 'ExternalURL', value: data.externalURL ?? '' },
    { name: 'Value', value: data.value, iface: true },
  ]);
}

/**
 * Runs a parsed template on any Go value (tests use this for Prometheus's own scenarios, whose
 * data are slices and numbers).
 *
 * @throws TemplateError for execution failures.
 */
export function executeTemplate(
  template: Template,
  data: GoValue,
  options: Omit<ExpandOptions, 'name' | 'alertName' | 'prelude'> = {},
): string {
  let funcs = funcsByOptions.get(options);
  if (funcs === undefined) {
    funcs = prometheusFuncs({
      query: options.query,
      timeMs: options.timeMs ?? 0,
      externalURL: options.externalURL,
    });
    funcsByOptions.set(options, funcs);
  }
  return execute({ template, funcs }, data);
}

// Callers expand many templates with one options object (an alerting rule: every label and
// annotation of every alert at one step); the function map only depends on the options.
const funcsByOptions = new WeakMap<object, Map<string, GoFunc>>();

/**
 * Runs a parsed alert template on one alert's data.
 *
 * @throws TemplateError for execution failures (Go's text, without Prometheus's prefix).
 */
export function renderAlertTemplate(
  template: Template,
  data: AlertTemplateData,
  options: Omit<ExpandOptions, 'name' | 'alertName' | 'prelude'> = {},
): string {
  return executeTemplate(template, alertTemplateData(data), options);
}

const cache = new Map<string, Template | TemplateError>();

function cachedParse(text: string, name: string): Template | TemplateError {
  const key = `${name}\u0000${text}`;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    try {
      parsed = parseTemplate(text, name);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      parsed = err;
    }
    if (cache.size >= 1000) cache.clear();
    cache.set(key, parsed);
  }
  return parsed;
}

/**
 * Expands one label or annotation template of an alert as Prometheus's rule manager does. Never
 * throws for a bad template: a failure becomes the text Prometheus puts in its place, such as
 * `<error expanding template: error executing template __alert_X: template: __alert_X:1:120:
 * executing "__alert_X" at <humanize "x">: error calling humanize: ...>`.
 *
 * @throws InternalError only for a bug in drygate.
 * @example expandTemplate('{{ $labels.job }} at {{ $value }}', { labels: { job: 'api' }, value: 1.5 }, { alertName: 'Down' })
 * // 'api at 1.5'
 */
export function expandTemplate(
  text: string,
  data: AlertTemplateData,
  options: ExpandOptions = {},
): string {
  // Without an action the output is the text itself (the prelude prints nothing).
  if (!text.includes('{{')) return text;
  const name =
    options.name ??
    (options.alertName === undefined ? 'template' : alertTemplateName(options.alertName));
  const parsed = cachedParse(
    options.prelude === false ? text : ALERT_TEMPLATE_PRELUDE + text,
    name,
  );
  if (parsed instanceof TemplateError) {
    return `<error expanding template: error parsing template ${name}: ${parsed.message}>`;
  }
  try {
    return renderAlertTemplate(parsed, data, options);
  } catch (err) {
    if (err instanceof TemplateError) {
      return `<error expanding template: error executing template ${name}: ${err.message}>`;
    }
    throw new InternalError('unexpected error expanding a template', { cause: err });
  }
}
