/**
 * Safe reloads of Prometheus: validate (drygate's rule checks, a lint slot, unit tests,
 * promtool where Prometheus sees the files), install atomically, reload, verify from
 * Prometheus's own view, roll back to the last-known-good files on failure; one at a time.
 *
 * @example
 * import { reloadPrometheus, renderReloadText } from 'drygate/reload';
 * const report = await reloadPrometheus({
 *   url: 'http://127.0.0.1:9090',
 *   config: '/etc/prometheus/prometheus.yml',
 *   install: 'build/rules',
 * });
 * process.stdout.write(renderReloadText(report));
 *
 * @module
 */
export { reloadPrometheus } from './transaction.js';
export type {
  CurrentState,
  PlannedFileReport,
  ReloadHooks,
  ReloadOptions,
  ReloadOutcome,
  ReloadReport,
  RollbackReport,
  StepRecord,
  StepStatus,
  VerificationReport,
} from './types.js';
export { renderReloadJson, renderReloadText } from './report.js';
export { runValidators } from './validate.js';
export type {
  ValidationContext,
  ValidationResult,
  ValidationStatus,
  ValidationStep,
  Validator,
} from './validate.js';
export { checkRulesValidator } from './validators/check-rules.js';
export { unitTestsValidator } from './validators/unit-tests.js';
export { classifyPromtool, promtoolValidator } from './validators/promtool.js';
export type { PromtoolOptions } from './validators/promtool.js';
export { buildPlan } from './plan.js';
export type { FileChange, PlannedFile, PlannedPattern, ReloadPlan } from './plan.js';
export { parsePathMap, toHostPath, toServerPath } from './path-map.js';
export type { PathMapping } from './path-map.js';
export { splitCommand } from './command.js';
export { canonicalExpr, diffRuleGroups, expectedRuleGroups } from './verify.js';
export type { ExpectedGroup, ExpectedRule } from './verify.js';
export { RELOAD_SUCCESS_TIMESTAMP, RELOAD_SUCCESSFUL } from './server.js';
export type { ReloadStatus, ServerInfo } from './server.js';
export { DEFAULT_STATE_DIR_NAME, defaultStateDir } from './state.js';
