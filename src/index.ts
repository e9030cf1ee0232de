/**
 * drygate as a library: the same parts the CLI is built from.
 *
 * @module
 */
export * from './exposition/index.js';
export * from './heartbeat/index.js';
export {
  DrygateError,
  InputError,
  InternalError,
  OperationError,
  ParseError,
  formatPosition,
} from './errors.js';
export type { SourcePosition } from './errors.js';
export type { Label, Labels } from './model/labels.js';
export { formatDuration, parseDuration } from './model/duration.js';
export type { Duration } from './model/duration.js';
