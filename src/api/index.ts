/**
 * A client for Prometheus-compatible query APIs.
 *
 * @module
 */
export { PrometheusClient } from './client.js';
export type { ApiQueryResult, ClientOptions } from './client.js';
export { ApiError, isUnavailable } from './errors.js';
export type { ApiErrorKind } from './errors.js';
export { decodeQueryData, parseSampleValue } from './decode.js';
export { decodeRuleGroups } from './rules.js';
export type { ApiRule, ApiRuleGroup } from './rules.js';
export { readMetricValue } from './metrics.js';
