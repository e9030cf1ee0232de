/**
 * The signature of every PromQL function of Prometheus 3, kept as data: the parser's type check
 * and the evaluator read the same entry. `variadic` is the number of optional trailing
 * arguments, or -1 for "any number of the last type".
 *
 * @module
 */
import type { ValueType } from '../ast.js';

export interface FunctionSignature {
  readonly argTypes: readonly ValueType[];
  readonly variadic: number;
  readonly returnType: ValueType;
  /** Behind `--enable-feature=promql-experimental-functions` in Prometheus. */
  readonly experimental?: boolean;
}

export const FUNCTION_SIGNATURES: Readonly<Record<string, FunctionSignature>> = {
  abs: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  absent: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  absent_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  acos: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  acosh: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  asin: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  asinh: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  atan: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  atanh: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  avg_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  ceil: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  changes: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  clamp: { argTypes: ['vector', 'scalar', 'scalar'], variadic: 0, returnType: 'vector' },
  clamp_max: { argTypes: ['vector', 'scalar'], variadic: 0, returnType: 'vector' },
  clamp_min: { argTypes: ['vector', 'scalar'], variadic: 0, returnType: 'vector' },
  cos: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  cosh: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  count_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  day_of_month: { argTypes: ['vector'], variadic: 1, returnType: 'vector' },
  day_of_week: { argTypes: ['vector'], variadic: 1, returnType: 'vector' },
  day_of_year: { argTypes: ['vector'], variadic: 1, returnType: 'vector' },
  days_in_month: { argTypes: ['vector'], variadic: 1, returnType: 'vector' },
  deg: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  delta: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  deriv: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  double_exponential_smoothing: {
    argTypes: ['matrix', 'scalar', 'scalar'],
    variadic: 0,
    returnType: 'vector',
    experimental: true,
  },
  end: { argTypes: [], variadic: 0, returnType: 'scalar', experimental: true },
  exp: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  first_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  floor: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  histogram_avg: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  histogram_count: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  histogram_fraction: {
    argTypes: ['scalar', 'scalar', 'vector'],
    variadic: 0,
    returnType: 'vector',
  },
  histogram_quantile: { argTypes: ['scalar', 'vector'], variadic: 0, returnType: 'vector' },
  histogram_quantiles: {
    argTypes: ['vector', 'string', 'scalar', 'scalar'],
    variadic: 9,
    returnType: 'vector',
    experimental: true,
  },
  histogram_stddev: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  histogram_stdvar: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  histogram_sum: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  hour: { argTypes: ['vector'], variadic: 1, returnType: 'vector' },
  idelta: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  increase: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  info: { argTypes: ['vector', 'vector'], variadic: 1, returnType: 'vector', experimental: true },
  irate: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  label_join: {
    argTypes: ['vector', 'string', 'string', 'string'],
    variadic: -1,
    returnType: 'vector',
  },
  label_replace: {
    argTypes: ['vector', 'string', 'string', 'string', 'string'],
    variadic: 0,
    returnType: 'vector',
  },
  last_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  ln: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  log10: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  log2: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  mad_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector', experimental: true },
  max_of: { argTypes: ['scalar', 'scalar'], variadic: 0, returnType: 'scalar', experimental: true },
  max_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  min_of: { argTypes: ['scalar', 'scalar'], variadic: 0, returnType: 'scalar', experimental: true },
  min_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  minute: { argTypes: ['vector'], variadic: 1, returnType: 'vector' },
  month: { argTypes: ['vector'], variadic: 1, returnType: 'vector' },
  pi: { argTypes: [], variadic: 0, returnType: 'scalar' },
  predict_linear: { argTypes: ['matrix', 'scalar'], variadic: 0, returnType: 'vector' },
  present_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  quantile_over_time: { argTypes: ['scalar', 'matrix'], variadic: 0, returnType: 'vector' },
  rad: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  range: { argTypes: [], variadic: 0, returnType: 'scalar', experimental: true },
  rate: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  resets: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  round: { argTypes: ['vector', 'scalar'], variadic: 1, returnType: 'vector' },
  scalar: { argTypes: ['vector'], variadic: 0, returnType: 'scalar' },
  sgn: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  sin: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  sinh: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  sort: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  sort_by_label: {
    argTypes: ['vector', 'string'],
    variadic: -1,
    returnType: 'vector',
    experimental: true,
  },
  sort_by_label_desc: {
    argTypes: ['vector', 'string'],
    variadic: -1,
    returnType: 'vector',
    experimental: true,
  },
  sort_desc: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  sqrt: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  start: { argTypes: [], variadic: 0, returnType: 'scalar', experimental: true },
  start_timestamp: { argTypes: ['vector'], variadic: 0, returnType: 'vector', experimental: true },
  stddev_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  stdvar_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  step: { argTypes: [], variadic: 0, returnType: 'scalar', experimental: true },
  sum_over_time: { argTypes: ['matrix'], variadic: 0, returnType: 'vector' },
  tan: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  tanh: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  time: { argTypes: [], variadic: 0, returnType: 'scalar' },
  timestamp: { argTypes: ['vector'], variadic: 0, returnType: 'vector' },
  ts_of_first_over_time: {
    argTypes: ['matrix'],
    variadic: 0,
    returnType: 'vector',
    experimental: true,
  },
  ts_of_last_over_time: {
    argTypes: ['matrix'],
    variadic: 0,
    returnType: 'vector',
    experimental: true,
  },
  ts_of_max_over_time: {
    argTypes: ['matrix'],
    variadic: 0,
    returnType: 'vector',
    experimental: true,
  },
  ts_of_min_over_time: {
    argTypes: ['matrix'],
    variadic: 0,
    returnType: 'vector',
    experimental: true,
  },
  vector: { argTypes: ['scalar'], variadic: 0, returnType: 'vector' },
  year: { argTypes: ['vector'], variadic: 1, returnType: 'vector' },
};

export const FUNCTION_RETURN_TYPES: ReadonlyMap<string, ValueType> = new Map(
  Object.entries(FUNCTION_SIGNATURES).map(([name, sig]) => [name, sig.returnType]),
);

/** Functions whose result depends on the evaluation time, not only on the data. */
export const TIME_DEPENDENT_FUNCTIONS: ReadonlySet<string> = new Set([
  'time',
  'timestamp',
  'predict_linear',
  'minute',
  'hour',
  'day_of_week',
  'day_of_month',
  'day_of_year',
  'days_in_month',
  'month',
  'year',
  'start',
  'end',
  'range',
  'step',
]);
