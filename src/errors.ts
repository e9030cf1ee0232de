/**
 * The error types every drygate module throws. The CLI maps them to exit codes in one place
 * (`cli/main.ts`); library users can tell a user mistake from a bug by class.
 *
 * @module
 */

/** Where in a file something went wrong. Lines and columns start at 1. */
export interface SourcePosition {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
}

/** Base class of every error drygate throws on purpose. */
export class DrygateError extends Error {
  override name = 'DrygateError';
}

/** Input that does not follow its format. The message starts with `file:line:col:`. */
export class ParseError extends DrygateError {
  override name = 'ParseError';
  readonly position: SourcePosition;
  /** The message without the position prefix. */
  readonly reason: string;

  constructor(reason: string, position: SourcePosition) {
    super(`${formatPosition(position)}: ${reason}`);
    this.position = position;
    this.reason = reason;
  }
}

/** A bad flag, option value or missing file: the user's to fix, never a bug. */
export class InputError extends DrygateError {
  override name = 'InputError';
}

/** An operation that could not complete, such as a lock held by another writer. */
export class OperationError extends DrygateError {
  override name = 'OperationError';
}

/**
 * A PromQL query that failed while it was prepared or evaluated (as opposed to a syntax error).
 * The message is Prometheus's text, word for word where Prometheus has one.
 */
export class QueryError extends DrygateError {
  override name = 'QueryError';
}

/** A bug: anything unexpected is wrapped in this so that it is reported, not hidden. */
export class InternalError extends DrygateError {
  override name = 'InternalError';
}

export function formatPosition(position: SourcePosition): string {
  const where = `${position.line}:${position.column}`;
  return position.file === undefined ? where : `${position.file}:${where}`;
}
