import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../promql/store/memory.js';
import { InputFeed } from './input-feed.js';
import { runUnitTestTextSync } from './run.js';
import type { InputSeries, TestGroup } from './types.js';

const at = { line: 1, column: 1 };

function group(series: readonly [string, string][]): TestGroup {
  const inputSeries: InputSeries[] = series.map(([s, values]) => ({
    series: s,
    seriesAt: at,
    values,
    valuesAt: at,
  }));
  return {
    name: 'g',
    intervalMs: 60_000,
    startMs: 0,
    inputSeries,
    alertRuleTests: [],
    promqlExprTests: [],
    externalLabels: {},
    externalURL: undefined,
  };
}

/** The samples of every stored series, as `labels: t=v ...`. */
function dump(store: MemoryStore): string[] {
  return store
    .select([{ name: '__name__', type: '=~', value: '.+' }], 0, Infinity)
    .map(
      (s) =>
        `${s.labels.map((l) => `${l.name}=${l.value}`).join(',')}: ${Array.from(s.t, (t, i) => `${t / 1000}=${s.stale[i] === 1 ? 'stale' : s.f[i]}`).join(' ')}`,
    );
}

describe('InputFeed', () => {
  it('feeds only samples at or before the time asked, across calls', () => {
    const store = new MemoryStore();
    const feed = new InputFeed(group([['a', '1 2 3 stale']]));
    expect(feed.feedUntil(store, 60_000)).toBeUndefined();
    expect(dump(store)).toEqual(['__name__=a: 0=1 60=2']);
    expect(feed.feedUntil(store, 600_000)).toBeUndefined();
    expect(dump(store)).toEqual(['__name__=a: 0=1 60=2 120=3 180=stale']);
  });

  it('keeps only the last definition of a series given twice, as promtool does', () => {
    const store = new MemoryStore();
    const feed = new InputFeed(
      group([
        ['a', '1 _ 3'],
        ['b', '7'],
        ['a', '_ 2'],
      ]),
    );
    expect(feed.feedUntil(store, 300_000)).toBeUndefined();
    expect(dump(store)).toEqual(['__name__=a: 60=2', '__name__=b: 0=7']);
  });

  it('treats an empty label value as no label, as the store does', () => {
    const store = new MemoryStore();
    const feed = new InputFeed(
      group([
        ['up{a=""}', '1x10'],
        ['up', '_ 2'],
      ]),
    );
    expect(feed.feedUntil(store, 300_000)).toBeUndefined();
    expect(dump(store)).toEqual(['__name__=up: 60=2']);
  });

  it('stops at the first sample the store refuses', () => {
    const store = new MemoryStore();
    store.append([{ name: '__name__', value: 'a' }], 0, 5);
    const feed = new InputFeed(group([['a', '1 2']]));
    const refused = feed.feedUntil(store, 300_000);
    expect((refused?.error as Error).message).toBe(
      'duplicate sample for timestamp 0 ms with a different value for {__name__="a"}',
    );
  });
});

describe('input series in a test file', () => {
  it('reads the last definition of a series given twice', () => {
    const text = [
      'evaluation_interval: 5m',
      'tests:',
      '  - interval: 1m',
      '    input_series:',
      "      - series: 'a'",
      "        values: '1 _ 3'",
      "      - series: 'a'",
      "        values: '_ 2'",
      '    promql_expr_test:',
      '      - expr: count_over_time(a[10m])',
      '        eval_time: 5m',
      '        exp_samples:',
      '          - value: 1',
    ].join('\n');
    const result = runUnitTestTextSync(text, 'twice.test.yml');
    expect(result.groups[0]?.errors).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
