/**
 * Canonical string keys for label sets, used to group and match series in maps.
 *
 * @module
 */
import type { Labels } from './labels.js';

const SEP = '\u00ff';

// Label sets are immutable and one array is shared by every point of a series, so the key of
// an array can be remembered by identity.
const keys = new WeakMap<Labels, string>();

/** A key that is equal for two label sets exactly when they are equal. */
export function labelsKey(labels: Labels): string {
  let key = keys.get(labels);
  if (key !== undefined) return key;
  key = '';
  for (const l of labels) key += `${l.name}${SEP}${l.value}${SEP}`;
  keys.set(labels, key);
  return key;
}

/** A key over the named labels only (`on(...)`), or over all but them (`ignoring(...)`). */
export function labelsKeyFor(labels: Labels, names: ReadonlySet<string>, include: boolean): string {
  let key = '';
  for (const l of labels) {
    if (names.has(l.name) === include) key += `${l.name}${SEP}${l.value}${SEP}`;
  }
  return key;
}
