import type { Labels } from '../model/labels.js';

/** The metric types of the text format; OpenMetrics `unknown` is read as `untyped`. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export const METRIC_TYPES: readonly MetricType[] = [
  'counter',
  'gauge',
  'histogram',
  'summary',
  'untyped',
] as const;

/** `text` is the Prometheus text format 0.0.4; `openmetrics` the OpenMetrics 1.0 text subset. */
export type ExpositionFormat = 'text' | 'openmetrics';

export interface ExpositionSample {
  /** The sample's own name: for a histogram `x`, this is `x_bucket`, `x_sum` or `x_count`. */
  readonly name: string;
  /** Sorted by name, without `__name__`; empty values are dropped as Prometheus does. */
  readonly labels: Labels;
  readonly value: number;
  /** Milliseconds since the epoch, when the line carries a timestamp. */
  readonly timestampMs?: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly help?: string;
  readonly type: MetricType;
  /** OpenMetrics `# UNIT`. */
  readonly unit?: string;
  readonly samples: readonly ExpositionSample[];
}
