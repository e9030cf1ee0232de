/**
 * How template functions and methods are described to the executor: Go parameter types, because
 * Go's executor converts and checks arguments by the declared type (`expected string; found 1`,
 * `wrong type for value; expected string; got float64`).
 *
 * @module
 */
import type { GoValue } from './values.js';

/** The Go parameter types that template functions and methods declare. */
export type GoType =
  | 'interface {}'
  | 'reflect.Value'
  | 'string'
  | 'int'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'template.queryResult'
  | '*template.sample'
  | 'time.Duration'
  | 'time.Time';

export interface GoFunc {
  readonly params: readonly GoType[];
  /** The element type of a final `...` parameter. */
  readonly variadic?: GoType;
  /**
   * Runs the function. Throws `FuncError` for the error Go would return; the executor reports it
   * as `error calling NAME: MESSAGE`.
   */
  readonly call: (args: GoValue[]) => GoValue;
}

/** Message of Go's runtime panic on a nil pointer, which `safeCall` turns into an error. */
export const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';
