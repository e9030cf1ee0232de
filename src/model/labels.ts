/**
 * Labels and the name rules Prometheus applies to them.
 *
 * @module
 */

export interface Label {
  readonly name: string;
  readonly value: string;
}

/** Sorted by name, no duplicate names. */
export type Labels = readonly Label[];

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A metric name in the classic (non-UTF-8) character set: `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
export function isValidMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
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
