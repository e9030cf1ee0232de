/** Exit codes of every drygate command. */
export const ExitCode = {
  /** Success, or GO. */
  Ok: 0,
  /** A check failed, or NO-GO. */
  Failed: 1,
  /** Usage or input error, or INCONCLUSIVE. */
  Usage: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Thrown by a command to end with a given exit code; the message, if any, goes to stderr. */
export class ExitError extends Error {
  override name = 'ExitError';
  readonly code: ExitCodeValue;

  constructor(code: ExitCodeValue, message = '') {
    super(message);
    this.code = code;
  }
}
