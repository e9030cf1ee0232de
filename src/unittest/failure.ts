/**
 * Failed checks as data: what was expected and what came back, so that reporters can print them
 * as promtool does (`formatFailure`), as a diff (`diff.ts`) or into JUnit XML (`junit.ts`).
 *
 * @module
 */
import { formatDuration } from '../model/duration.js';
import { goQuote } from '../model/quote.js';
import type { DebugInfo } from './debug.js';
import {
  formatAlertList,
  formatSamples,
  indentLines,
  type LabeledValue,
  type LabelsAndAnnotations,
} from './format.js';

/** A promql_expr_test whose result differs from exp_samples. */
export interface SamplesFailure {
  readonly kind: 'samples';
  readonly expr: string;
  readonly evalTimeMs: number;
  /** Both sorted by labels, as promtool compares them. */
  readonly exp: readonly LabeledValue[];
  readonly got: readonly LabeledValue[];
  /** Whether values 1 ULP apart count as equal (`fuzzy_compare`). */
  readonly fuzzy: boolean;
  /** With `debug`: what the expression's selectors read. */
  readonly debug: DebugInfo | undefined;
}

/** An alert_rule_test whose firing alerts differ from exp_alerts. */
export interface AlertsFailure {
  readonly kind: 'alerts';
  /** The test group's name ('' when unnamed). */
  readonly group: string;
  readonly alertname: string;
  readonly evalTimeMs: number;
  /** Both sorted by labels, then annotations. */
  readonly exp: readonly LabelsAndAnnotations[];
  readonly got: readonly LabelsAndAnnotations[];
  /** With `debug`: the alert's instances in every state and what its rule read. */
  readonly debug: DebugInfo | undefined;
}

/** Anything else: a query or rule evaluation error, bad input series, an unsupported feature. */
export interface ErrorFailure {
  readonly kind: 'error';
  /** promtool's text, indentation included. */
  readonly message: string;
  /** With `debug`, for a query that failed: what its selectors read. */
  readonly debug: DebugInfo | undefined;
}

export type CheckFailure = SamplesFailure | AlertsFailure | ErrorFailure;

/** The first line(s) of a mismatch message, up to the expected/got part. */
export function failureHeading(f: SamplesFailure | AlertsFailure): string {
  if (f.kind === 'samples')
    return `    expr: ${goQuote(f.expr)}, time: ${formatDuration(f.evalTimeMs)},`;
  const name = f.group === '' ? '' : `    name: ${f.group},\n`;
  return `${name}    alertname: ${f.alertname}, time: ${formatDuration(f.evalTimeMs)}, `;
}

/** promtool 3's message for a failed check, word for word. */
export function formatFailure(f: CheckFailure): string {
  switch (f.kind) {
    case 'samples':
      return `${failureHeading(f)}\n        exp: ${formatSamples(f.exp)}\n        got: ${formatSamples(f.got)}`;
    case 'alerts': {
      const indent = '            ';
      return (
        `${failureHeading(f)}\n` +
        `        exp:${indentLines(formatAlertList(f.exp), indent)}, \n` +
        `        got:${indentLines(formatAlertList(f.got), indent)}`
      );
    }
    case 'error':
      return f.message;
  }
}
