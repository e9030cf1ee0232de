/**
 * Errors of the template engine. Messages are Go's `text/template` texts word for word, because
 * Prometheus copies them into alert annotations and `promtool check rules` prints them.
 *
 * @module
 */
import { DrygateError } from '../../errors.js';

/**
 * A template that does not parse (`template: NAME:LINE: ...`) or fails while it runs
 * (`template: NAME:LINE:COL: executing "NAME" at <...>: ...`). `phase` tells which, so that callers
 * can add Prometheus's `error parsing template` / `error executing template` prefix.
 */
export class TemplateError extends DrygateError {
  override name = 'TemplateError';
  readonly phase: 'parse' | 'exec';
  /** The line (from 1) Go's message names, when it names one. */
  readonly line: number | undefined;

  constructor(
    message: string,
    phase: 'parse' | 'exec',
    line: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.phase = phase;
    this.line = line;
  }
}

/**
 * The error a template function returns (Go's second `error` result, or a recovered panic). The
 * executor turns it into `error calling NAME: MESSAGE`.
 */
export class FuncError extends Error {
  override name = 'FuncError';
}

/** Go's `%#U`: `U+0041 'A'`, without the quoted rune when it is not printable. */
export function formatRune(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(ch) ? `${hex} '${ch}'` : hex;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(ch: string): boolean {
  return ch === ' ' || PRINTABLE.test(ch);
}
