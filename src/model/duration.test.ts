import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['0s', 0],
    ['500ms', 500],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['1h1m1s1ms', 3_661_001],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    '',
    '30',
    '30sec',
    '1s1m',
    '1m1m',
    '-1s',
    '1.5s',
    's',
    ' 1s',
    '1s ',
    '9999999999999999y',
  ])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats back to the Prometheus spelling', () => {
    expect([0, 500, 90_000, 3_661_001, 604_800_000].map(formatDuration)).toEqual([
      '0s',
      '500ms',
      '1m30s',
      '1h1m1s1ms',
      '1w',
    ]);
  });
});
