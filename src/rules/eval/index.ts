/**
 * Rule evaluation as Prometheus's rule manager does it: recording rules written back to the
 * store with staleness markers, alerting rules with their pending/firing/resolved state and
 * `ALERTS`/`ALERTS_FOR_STATE` series. The engine of `drygate test rules`.
 *
 * @example
 * import { RuleEvaluator } from './rules/eval/index.js';
 * const evaluator = new RuleEvaluator(groups, store, new Engine(store), { externalLabels: { env: 'prod' } });
 * const { errors } = evaluator.evaluateAt(60_000);
 * const firing = evaluator.activeAlerts('HighLatency').filter((a) => a.state === 'firing');
 *
 * @module
 */
export { RuleEvaluator } from './evaluator.js';
export { AlertingRuleState, DUPLICATE_ALERT_LABELSET, RESOLVED_RETENTION_MS } from './alerting.js';
export { DUPLICATE_RECORDING_LABELSET, evalRecordingRule } from './recording.js';
export { queryVector, RuleError } from './query.js';
export type {
  Alert,
  AlertState,
  EvalStepResult,
  RuleAppender,
  RuleEvalFailure,
  RuleEvaluatorOptions,
} from './types.js';
