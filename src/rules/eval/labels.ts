/**
 * Label helpers for rule results, following Prometheus's `labels.Builder`: setting an empty
 * value removes the label, and later settings override earlier ones.
 *
 * @module
 */
import { type Labels, setLabel } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';

/** `base` with every label of `overrides` set on it (empty values remove). */
export function overrideLabels(base: Labels, overrides: Labels): Labels {
  let out = base;
  for (const l of overrides) out = setLabel(out, l.name, l.value);
  return out;
}

/** True when two samples share a label set (Prometheus `Vector.ContainsSameLabelset`). */
export function containsSameLabelset(sets: readonly Labels[]): boolean {
  const seen = new Set<string>();
  for (const labels of sets) {
    const key = labelsKey(labels);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
