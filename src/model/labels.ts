/**
 * Labels and the name rules Prometheus applies to them.
 *
 * @module
 */
import { goQuote } from './quote.js';

export interface Label {
  readonly name: string;
  readonly value: string;
}

/** Sorted by name, no duplicate names. */
export type Labels = readonly Label[];

const METRIC_NAME_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A metric name in the classic (non-UTF-8) character set: `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
export function isValidMetricName(name: string): boolean {
  return METRIC_NAME_PATTERN.test(name);
}

/** A label name in the classic character set: `[a-zA-Z_][a-zA-Z0-9_]*`. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** Label names starting with `__` are reserved for Prometheus's internal use. */
export function isReservedLabelName(name: string): boolean {
  return name.startsWith('__');
}

/** True when the string is well-formed Unicode (no lone surrogates), so it encodes to UTF-8. */
export function isWellFormedText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

function compareNames(a: Label, b: Label): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Returns the labels sorted by name; the input is not changed. */
export function sortLabels(labels: readonly Label[]): Labels {
  return [...labels].sort(compareNames);
}

/** The first name that occurs twice in sorted labels, or undefined. */
export function findDuplicateName(sorted: Labels): string | undefined {
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.name === sorted[i - 1]?.name) return sorted[i]?.name;
  }
  return undefined;
}

/** Builds sorted Labels from a plain record. */
export function labelsFromRecord(record: Readonly<Record<string, string>>): Labels {
  return sortLabels(Object.entries(record).map(([name, value]) => ({ name, value })));
}

export function labelsEqual(a: Labels, b: Labels): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]?.name !== b[i]?.name || a[i]?.value !== b[i]?.value) return false;
  }
  return true;
}

export const METRIC_NAME = '__name__';

/** Labels Prometheus removes with the metric name (`__name__` and the type-and-unit metadata). */
const NAME_LABELS: ReadonlySet<string> = new Set([METRIC_NAME, '__type__', '__unit__']);

export function getLabel(labels: Labels, name: string): string {
  for (const l of labels) if (l.name === name) return l.value;
  return '';
}

// Operations drop names at every step of a range query: remember the result per label set, so
// that every step shares one array (and whatever is keyed on it).
const withoutName = new WeakMap<Labels, Labels>();

/** Labels without `__name__` (and `__type__`/`__unit__`); the same array when there is none. */
export function dropMetricName(labels: Labels): Labels {
  let out = withoutName.get(labels);
  if (out === undefined) {
    out = labels.some((l) => NAME_LABELS.has(l.name))
      ? labels.filter((l) => !NAME_LABELS.has(l.name))
      : labels;
    withoutName.set(labels, out);
  }
  return out;
}

/** Only the named labels. */
export function keepLabels(labels: Labels, names: ReadonlySet<string>): Labels {
  return labels.filter((l) => names.has(l.name));
}

/** All but the named labels. */
export function removeLabels(labels: Labels, names: ReadonlySet<string>): Labels {
  return labels.filter((l) => !names.has(l.name));
}

/** Sets (or, for an empty value, removes) one label, keeping the order by name. */
export function setLabel(labels: Labels, name: string, value: string): Labels {
  const out: Label[] = [];
  let placed = false;
  for (const l of labels) {
    if (!placed && l.name >= name) {
      if (value !== '') out.push({ name, value });
      placed = true;
      if (l.name === name) continue;
    }
    out.push(l);
  }
  if (!placed && value !== '') out.push({ name, value });
  return out;
}

/** Code-point order, which is UTF-8 byte order (UTF-16 order differs above U+D7FF). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  // Fast path for ASCII, where code-unit order is byte order.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(a) && /^[\x00-\x7f]*$/.test(b)) return a < b ? -1 : 1;
  return compareCodePoints(a, b);
}

/** Prometheus's label-set order: name by name, then value, byte-wise; a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as Label;
    const y = b[i] as Label;
    const byName = compareStrings(x.name, y.name);
    if (byName !== 0) return byName;
    const byValue = compareStrings(x.value, y.value);
    if (byValue !== 0) return byValue;
  }
  return a.length - b.length;
}

/** Prometheus's `Labels.String()`: `{__name__="up", job="x"}`. */
export function formatLabels(labels: Labels): string {
  return `{${labels.map((l) => `${isValidLabelName(l.name) ? l.name : goQuote(l.name)}=${goQuote(l.value)}`).join(', ')}}`;
}
