/**
 * promtool-compatible rule unit tests (`drygate test rules`): the test-file parser, the runner
 * and promtool's failure text.
 *
 * @module
 */
export { parseUnitTestFile } from './parse.js';
export { runGroup, runUnitTestText, withinOneUlp } from './run.js';
export type { FileResult, GroupResult, RunOptions } from './run.js';
export { formatAlertList, formatFloatE, formatGoDuration, formatSamples } from './format.js';
export type * from './types.js';
