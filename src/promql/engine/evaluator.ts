/** The evaluator (stub: being implemented). */
import { QueryError } from '../../errors.js';
import type { Expr } from '../ast.js';
import type { Queryable } from '../store/types.js';
import type { QueryResult } from '../value.js';
import type { ResolvedEngineOptions } from './options.js';

export interface EvalRequest {
  readonly queryable: Queryable;
  readonly options: ResolvedEngineOptions;
  readonly startMs: number;
  readonly endMs: number;
  /** 0 for an instant query. */
  readonly stepMs: number;
  readonly mode: 'instant' | 'range';
}

export function evaluate(expr: Expr, request: EvalRequest): QueryResult {
  throw new QueryError(`not implemented: ${expr.kind} ${request.mode}`);
}
