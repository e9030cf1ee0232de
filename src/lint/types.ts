/**
 * The data a lint run passes around: problems with their severities and places, and the checks
 * that find them. Problems are data; a check never throws on bad input.
 *
 * @module
 */
import type { SourceRef } from '../rules/types.js';

export type { SourceRef } from '../rules/types.js';

/** How bad a problem is, weakest first: only `error` fails `drygate lint`. */
export const SEVERITIES = ['info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A stretch of a file that a problem is about: the reporters underline it. */
export interface Diagnostic {
  /** The first character. */
  readonly start: SourceRef;
  /** Just past the last character (on the same line or a later one). */
  readonly end: SourceRef;
  /** What is wrong with this stretch, or '' when the summary says it all. */
  readonly message: string;
}

export interface Problem {
  /** The check's id, `group/name`. */
  readonly check: string;
  readonly severity: Severity;
  /** One line: what is wrong and what to do about it. */
  readonly summary: string;
  /** More explanation, or ''. */
  readonly details: string;
  /** Where the problem is reported. */
  readonly source: SourceRef;
  /** The stretches to underline; may be empty. */
  readonly diagnostics: readonly Diagnostic[];
}

/** What a check says about itself: the registry, `--help`, the docs and SARIF read this. */
export interface CheckMeta {
  /** `group/name`, as in pint. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One sentence for listings. */
  readonly description: string;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
