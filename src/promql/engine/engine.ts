/**
 * The query entry points. Every query runs as a range evaluation (an instant query is a range
 * of one step), as in Prometheus; errors thrown deep in the evaluator are caught here once.
 *
 * @module
 */
import { DrygateError, InternalError, QueryError } from '../../errors.js';
import type { Expr } from '../ast.js';
import { parseExpr } from '../parse/parse.js';
import type { Queryable } from '../store/types.js';
import type { QueryResult } from '../value.js';
import { type EngineOptions, type ResolvedEngineOptions, resolveEngineOptions } from './options.js';
import { evaluate } from './evaluator.js';

export class Engine {
  private readonly queryable: Queryable;
  readonly options: ResolvedEngineOptions;

  constructor(queryable: Queryable, options: EngineOptions = {}) {
    this.queryable = queryable;
    this.options = resolveEngineOptions(options);
  }

  /**
   * Evaluates `query` at one time (ms). Returns a scalar, string, vector or (for a range
   * selector or subquery at the top) matrix.
   *
   * @throws ParseError for syntax and type errors, QueryError when evaluation fails.
   */
  instantQuery(query: string | Expr, timeMs: number): QueryResult {
    return this.run(query, timeMs, timeMs, 0, 'instant');
  }

  /**
   * Evaluates `query` at start, start+step, ... <= end. Returns a matrix (or, for a scalar
   * expression, a matrix of one unlabelled series, as the Prometheus API does).
   */
  rangeQuery(query: string | Expr, startMs: number, endMs: number, stepMs: number): QueryResult {
    if (stepMs <= 0)
      throw new QueryError(
        'zero or negative query resolution step widths are not accepted. Try a positive integer',
      );
    if (endMs < startMs) throw new QueryError('end timestamp must not be before start time');
    return this.run(query, startMs, endMs, stepMs, 'range');
  }

  private run(
    query: string | Expr,
    startMs: number,
    endMs: number,
    stepMs: number,
    mode: 'instant' | 'range',
  ): QueryResult {
    const expr = typeof query === 'string' ? parseExpr(query) : query;
    try {
      return evaluate(expr, {
        queryable: this.queryable,
        options: this.options,
        startMs,
        endMs,
        stepMs,
        mode,
      });
    } catch (err) {
      if (err instanceof DrygateError) throw err;
      throw new InternalError(
        `unexpected error evaluating ${typeof query === 'string' ? query : 'query'}`,
        { cause: err },
      );
    }
  }
}
