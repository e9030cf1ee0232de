import { describe, expect, it } from 'vitest';
import { readMetricValue } from './metrics.js';

const PAGE = [
  '# HELP prometheus_config_last_reload_successful Whether the last configuration reload attempt was successful.',
  '# TYPE prometheus_config_last_reload_successful gauge',
  'prometheus_config_last_reload_successful 1',
  'prometheus_config_last_reload_success_timestamp_seconds 1.7959046298822103e+09',
  'prometheus_config_last_reload_successful_total 5',
  'go_gc_duration_seconds{quantile="0.5"} NaN',
  'up{job="a",instance="x y"} +Inf 1700000000000',
  '',
].join('\n');

describe('readMetricValue', () => {
  it('reads a sample by its exact name, not a longer one', () => {
    expect(readMetricValue(PAGE, 'prometheus_config_last_reload_successful')).toBe(1);
    expect(readMetricValue(PAGE, 'prometheus_config_last_reload_success_timestamp_seconds')).toBe(
      1795904629.8822103,
    );
  });

  it('reads labelled samples, special values and ignores timestamps', () => {
    expect(readMetricValue(PAGE, 'go_gc_duration_seconds')).toBeNaN();
    expect(readMetricValue(PAGE, 'up')).toBe(Infinity);
  });

  it('gives undefined for an absent metric, and skips comments', () => {
    expect(readMetricValue(PAGE, 'nope')).toBeUndefined();
    expect(readMetricValue('# HELP x y\n', 'x')).toBeUndefined();
  });
});
