/**
 * promtool's text for unit-test failures: Go durations, `%E` floats, sample and alert lists.
 *
 * @module
 */
import { formatLabels, type Labels } from '../model/labels.js';
import { formatGoFloat } from '../rules/template/float.js';

/** Go's `time.Duration.String()` for a span in ms: `0s`, `500ms`, `1m0s`, `1h2m3.5s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${abs}ms`;
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const restMs = abs % 60_000;
  const whole = Math.floor(restMs / 1000);
  const frac = restMs % 1000;
  const s =
    frac === 0 ? `${whole}` : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

/** Go's `strconv.FormatFloat(f, 'E', -1, 64)`: `1E+00`, `6.1E+01`. */
export function formatFloatE(f: number): string {
  return formatGoFloat(f, 'E', -1);
}

export interface LabeledValue {
  readonly labels: Labels;
  readonly value: number;
}

/** `{a="b"} 1E+00, {a="c"} 2E+00`, or `nil` for none (promtool's parsedSamplesString). */
export function formatSamples(samples: readonly LabeledValue[]): string {
  if (samples.length === 0) return 'nil';
  return samples.map((s) => `${formatLabels(s.labels)} ${formatFloatE(s.value)}`).join(', ');
}

export interface LabelsAndAnnotations {
  readonly labels: Labels;
  readonly annotations: Labels;
}

/** promtool's indentLines: every line after the first gets the indent. */
export function indentLines(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}

/** promtool's `labelsAndAnnotations.String()`. */
export function formatAlertList(list: readonly LabelsAndAnnotations[]): string {
  if (list.length === 0) return '[]';
  const one = (la: LabelsAndAnnotations): string =>
    `Labels:${formatLabels(la.labels)}\nAnnotations:${formatLabels(la.annotations)}`;
  const parts = list.map((la, i) => `${i}:${indentLines(`\n${one(la)}`, '  ')}`);
  return `[\n${parts.join(',\n')}\n]`;
}
