/**
 * Running a rule's expression the way Prometheus's `rules.EngineQueryFunc` does: a scalar becomes
 * one unlabelled sample, a string or range vector is an error, and engine failures become the
 * rule's error text.
 *
 * @module
 */
import { DrygateError, InternalError } from '../../errors.js';
import type { Expr } from '../../promql/ast.js';
import type { Engine } from '../../promql/engine/engine.js';
import type { Sample } from '../../promql/value.js';

/** A rule evaluation failure whose message is the text Prometheus reports for the rule. */
export class RuleError extends Error {
  override name = 'RuleError';
}

/**
 * Evaluates `expr` at `tMs` and returns its samples.
 *
 * @throws RuleError with the engine's message, or Prometheus's
 *   `rule result is not a vector or scalar`. Bugs (non-drygate errors) pass through.
 */
export function queryVector(engine: Engine, expr: string | Expr, tMs: number): Sample[] {
  let value;
  try {
    value = engine.instantQuery(expr, tMs).value;
  } catch (err) {
    if (err instanceof DrygateError && !(err instanceof InternalError))
      throw new RuleError(err.message, { cause: err });
    throw err;
  }
  switch (value.type) {
    case 'vector':
      return [...value.samples];
    case 'scalar':
      return [{ labels: [], t: value.t, f: value.f }];
    case 'string':
    case 'matrix':
      throw new RuleError('rule result is not a vector or scalar');
  }
}
