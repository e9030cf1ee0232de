/**
 * The promtool unit-test file (`promtool test rules`): rule files, the evaluation clock, and
 * test groups of input series with alert and PromQL expectations. Times are in milliseconds.
 *
 * @module
 */
import type { SourcePosition } from '../errors.js';

export interface UnitTestFile {
  readonly file: string;
  readonly ruleFiles: readonly string[];
  readonly evaluationIntervalMs: number;
  readonly groupEvalOrder: readonly string[];
  readonly fuzzyCompare: boolean;
  readonly tests: readonly TestGroup[];
}

export interface InputSeries {
  readonly series: string;
  readonly seriesAt: SourcePosition;
  readonly values: string;
  readonly valuesAt: SourcePosition;
}

export interface ExpAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface AlertTestCase {
  readonly evalTimeMs: number;
  readonly alertname: string;
  readonly expAlerts: readonly ExpAlert[];
}

export interface ExpSample {
  readonly labels: string;
  readonly value: number;
  /** A `histogram:` expectation; drygate does not support native histograms. */
  readonly histogram: string | undefined;
}

export interface PromqlTestCase {
  readonly expr: string;
  readonly evalTimeMs: number;
  readonly expSamples: readonly ExpSample[];
}

export interface TestGroup {
  /** Empty when the group has no name. */
  readonly name: string;
  readonly intervalMs: number;
  readonly startMs: number;
  readonly inputSeries: readonly InputSeries[];
  readonly alertRuleTests: readonly AlertTestCase[];
  readonly promqlExprTests: readonly PromqlTestCase[];
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly externalURL: string | undefined;
}
