/**
 * The implementations of the PromQL functions, by name. Signatures live in `signatures.ts`;
 * every name here has one there.
 *
 * Not here, by design: `vector`, `scalar`, `absent`, `absent_over_time`, `timestamp` (the
 * evaluator does them: they need the AST or raw sample times), `info` and `start_timestamp`
 * (need data drygate does not have), the native-histogram-only `histogram_count`,
 * `histogram_sum`, `histogram_avg`, `histogram_stddev`, `histogram_stdvar`, and the
 * query-constant `start`, `end`, `range`, `step`, `min_of`, `max_of`.
 *
 * @module
 */
import { HISTOGRAM_FUNCTIONS } from './histogram.js';
import { LABEL_FUNCTIONS } from './labels.js';
import { MATH_FUNCTIONS } from './math.js';
import { OVER_TIME_FUNCTIONS } from './over-time.js';
import { RATE_FUNCTIONS } from './rate.js';
import { SORT_FUNCTIONS } from './sort.js';
import { TIME_FUNCTIONS } from './time.js';
import type { FunctionImpl } from './types.js';

export const FUNCTIONS: Readonly<Record<string, FunctionImpl>> = Object.freeze({
  ...MATH_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...OVER_TIME_FUNCTIONS,
  ...RATE_FUNCTIONS,
  ...HISTOGRAM_FUNCTIONS,
  ...LABEL_FUNCTIONS,
  ...SORT_FUNCTIONS,
});
