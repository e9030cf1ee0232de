/**
 * drygate's PromQL engine: parser, printer, in-memory store, evaluator with Prometheus 3
 * semantics, data-file loaders and the promqltest conformance runner.
 *
 * @module
 */
export type * from './ast.js';
export { AGGREGATE_OPS, typeOf, walk } from './ast.js';
export { parseExpr } from './parse/parse.js';
export { printExpr } from './print.js';
export { Engine } from './engine/engine.js';
export type { EngineOptions } from './engine/options.js';
export { MemoryStore, AppendError } from './store/memory.js';
export type { Queryable, SeriesData } from './store/types.js';
export { Annotations, formatAnnotation } from './value.js';
export type {
  Annotation,
  FPoint,
  Matrix,
  QueryResult,
  Sample,
  Series,
  Value,
  Vector,
} from './value.js';
export { loadDataFile } from './data/load.js';
export type { DataFile } from './data/load.js';
export { formatValueText, toApiData } from './format.js';
export { FUNCTION_SIGNATURES } from './functions/signatures.js';
export { runPromqlTestFile } from './promqltest/run.js';
