/**
 * Metric and label name rules for rule files, under either validation scheme: Prometheus 3
 * accepts any UTF-8 name (`metric_name_validation_scheme: utf8`, its default and promtool's),
 * Prometheus 2 and servers configured `legacy` only the classic character set.
 *
 * @module
 */
import { isValidLabelName, isValidMetricName, isWellFormedText } from '../model/labels.js';
import type { NameValidationScheme } from './types.js';

export function isValidName(
  kind: 'metric' | 'label',
  name: string,
  scheme: NameValidationScheme,
): boolean {
  if (scheme === 'utf8') return name !== '' && isWellFormedText(name);
  return kind === 'metric' ? isValidMetricName(name) : isValidLabelName(name);
}

/** Label values may be any text that encodes to UTF-8. */
export function isValidLabelValue(value: string): boolean {
  return isWellFormedText(value);
}
