/** Errors of the Prometheus HTTP API client. */
import { DrygateError } from '../errors.js';

export type ApiErrorKind =
  /** Could not connect, or the connection broke. */
  | 'unreachable'
  /** No answer within the timeout. */
  | 'timeout'
  /** The server answered with an error status and, if it could, Prometheus's error JSON. */
  | 'http'
  /** The answer was not the JSON the API promises. */
  | 'decode';

export class ApiError extends DrygateError {
  override name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** Prometheus's `errorType` (bad_data, execution, timeout, ...), when given. */
  readonly errorType: string | undefined;

  constructor(
    kind: ApiErrorKind,
    message: string,
    details: { status?: number; errorType?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.errorType = details.errorType;
  }
}

/** The server could not be asked or did not answer: retrying may help. */
export function isUnavailable(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.kind === 'unreachable' || err.kind === 'timeout' || (err.status ?? 0) >= 500)
  );
}
