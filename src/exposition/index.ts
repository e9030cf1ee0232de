/**
 * The Prometheus text exposition format 0.0.4 and the OpenMetrics text subset: a strict parser
 * with line:column errors, and a writer that matches Go's `expfmt` byte for byte.
 *
 * @module
 */
export type { ExpositionFormat, ExpositionSample, MetricFamily, MetricType } from './types.js';
export { METRIC_TYPES } from './types.js';
export { detectFormat, parseExposition } from './parse.js';
export type { ParseOptions } from './parse.js';
export { writeExposition, writeSampleLine } from './write.js';
export type { WriteOptions } from './write.js';
export { formatFloat, parseFloatStrict } from './float.js';
export { escapeHelp, escapeLabelValue } from './escape.js';
