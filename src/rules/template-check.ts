/**
 * The one place rule loading asks whether an alert's label or annotation template parses.
 *
 * Prometheus parses each alerting rule's label and annotation values as Go templates when it
 * loads rules (rulefmt's testTemplateParsing) and rejects the file on a syntax error. The parsing
 * itself, with Prometheus's prelude (`$labels`, `$value`, ...) and template name
 * (`__alert_<alert name>`), is `rules/template/`'s job; this wrapper turns its error into a
 * message and the line of the value it points at.
 *
 * @module
 */
import { DrygateError } from '../errors.js';
import { alertTemplateName, parseAlertTemplate } from './template/expand.js';

export interface TemplateProblem {
  /** Go's message, e.g. `template: __alert_X:1: unclosed action`. */
  readonly message: string;
  /** The 1-based line of the value the message names, when it names one. */
  readonly line: number | undefined;
}

/**
 * Why an alert's label or annotation value would not parse as a Prometheus template, or
 * undefined when it parses.
 */
export function templateSyntaxError(text: string, alertName: string): TemplateProblem | undefined {
  try {
    parseAlertTemplate(text, alertName);
    return undefined;
  } catch (err) {
    if (!(err instanceof DrygateError)) throw err;
    // The prelude adds no line break, so Go's line numbers are the value's.
    const prefix = `template: ${alertTemplateName(alertName)}:`;
    const line = err.message.startsWith(prefix)
      ? Number(/^\d+/.exec(err.message.slice(prefix.length))?.[0] ?? Number.NaN)
      : Number.NaN;
    return { message: err.message, line: Number.isInteger(line) && line > 0 ? line : undefined };
  }
}
