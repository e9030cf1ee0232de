/**
 * promtool-compatible rule unit tests (`drygate test rules`): the test-file parser, the runner,
 * promtool's failure text, and the extras: diffs, debug dumps, JUnit XML and rule coverage.
 *
 * @module
 */
export { parseUnitTestFile } from './parse.js';
export { runGroup, runGroupChecks, runUnitTestText, withinOneUlp } from './run.js';
export type { FileResult, GroupOutcome, GroupResult, RunOptions } from './run.js';
export { formatAlertList, formatFloatE, formatGoDuration, formatSamples } from './format.js';
export { formatFailure } from './failure.js';
export type { AlertsFailure, CheckFailure, ErrorFailure, SamplesFailure } from './failure.js';
export { diffAlerts, diffSamples, formatFailureDiff, renderDiff } from './diff.js';
export type { DiffItem, DiffOp, DiffRenderOptions } from './diff.js';
export { dumpSelectors, formatDebug, selectorWindows } from './debug.js';
export type { AlertDump, DebugInfo, DebugSeries, SelectorDump, SelectorWindow } from './debug.js';
export {
  caseName,
  escapeXml,
  formatJUnitTimestamp,
  junitErrorSuite,
  junitSuite,
  renderJUnit,
} from './junit.js';
export type { JUnitCase, JUnitSource, JUnitSuite } from './junit.js';
export {
  ALERT_STATES,
  belowMinimum,
  coveragePercent,
  fileCoverage,
  formatCoverage,
  mergeCoverage,
  references,
} from './coverage.js';
export type {
  AlertStateName,
  CoverageInput,
  CoverageReport,
  CoverageTotals,
  FileCoverage,
  RuleCoverage,
  RuleFileCoverage,
} from './coverage.js';
export type * from './types.js';
