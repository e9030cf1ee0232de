import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../model/labels.js';
import { parseExpr } from '../promql/parse/parse.js';
import { MemoryStore } from '../promql/store/memory.js';
import {
  type DebugInfo,
  dumpSelectors,
  formatDebug,
  MAX_POINTS,
  selectorWindows,
} from './debug.js';

const M = 60_000;
const LOOKBACK = 5 * M;

function windows(query: string, first: number, last: number) {
  return selectorWindows(parseExpr(query), first, last, LOOKBACK).map((w) => [
    query.slice(w.node.pos.start, w.node.pos.end),
    w.from / M,
    w.to / M,
  ]);
}

describe('selectorWindows', () => {
  it('reads the lookback for instant selectors and the range for range selectors', () => {
    expect(windows('a + rate(b[2m])', 10 * M, 10 * M)).toEqual([
      ['a', 5, 10],
      ['b[2m]', 8, 10],
    ]);
  });

  it('moves windows by offset and pins them with @', () => {
    expect(windows('a offset 1m', 10 * M, 10 * M)).toEqual([['a offset 1m', 4, 9]]);
    expect(windows('a @ 120', 10 * M, 10 * M)).toEqual([['a @ 120', -3, 2]]);
    expect(windows('a @ end()', 7 * M, 10 * M)).toEqual([['a @ end()', 5, 10]]);
  });

  it('widens the windows inside a subquery by its range', () => {
    expect(windows('max_over_time(a[10m:1m])', 20 * M, 20 * M)).toEqual([['a', 5 + 1 / M, 20]]);
  });

  it('spans every evaluation from first to last', () => {
    expect(windows('a', 3 * M, 7 * M)).toEqual([['a', -2, 7]]);
  });
});

function store(): MemoryStore {
  const s = new MemoryStore();
  const a = labelsFromRecord({ __name__: 'up', job: 'api' });
  for (let i = 0; i <= 10; i++) s.append(a, i * M, i < 8 ? 1 : 0);
  s.appendStale(labelsFromRecord({ __name__: 'up', job: 'db' }), 0);
  s.append(labelsFromRecord({ __name__: 'up', job: 'web' }), 0, 1);
  return s;
}

describe('dumpSelectors', () => {
  it('returns the samples of each matching series in the window, once per selector', () => {
    const dumps = dumpSelectors(
      store(),
      parseExpr('up{job="api"} + up{job="api"}'),
      'up{job="api"} + up{job="api"}',
      10 * M,
      10 * M,
      LOOKBACK,
    );
    expect(dumps).toHaveLength(1);
    expect(dumps[0]?.series.map((s) => s.points.map((p) => p.t / M))).toEqual([[6, 7, 8, 9, 10]]);
    expect(dumps[0]?.series[0]?.points.at(-1)).toEqual({ t: 10 * M, f: 0, stale: false });
    expect(dumps[0]?.sameName).toEqual([]);
  });

  it('lists series of the same name when nothing matched, with their last sample', () => {
    const [dump] = dumpSelectors(
      store(),
      parseExpr('up{job="apl"}'),
      'up{job="apl"}',
      10 * M,
      10 * M,
      LOOKBACK,
    );
    expect(dump?.series).toEqual([]);
    expect(dump?.sameName.map((s) => [s.labels.at(-1)?.value, s.lastMs])).toEqual([
      ['api', 10 * M],
      ['db', 0],
      ['web', 0],
    ]);
  });

  it('follows recorded metrics to what their recording rules read', () => {
    const s = store();
    s.append(labelsFromRecord({ __name__: 'ok' }), 10 * M, 1);
    const rule = (name: string, expr: string) => ({ name, expr, ast: parseExpr(expr) });
    const recordedBy = new Map([
      ['ok', [rule('ok', 'min(up_ratio)')]],
      ['up_ratio', [rule('up_ratio', 'avg(up{job="api"}) or up_ratio')]],
    ]);
    const dumps = dumpSelectors(s, parseExpr('ok'), 'ok', 10 * M, 10 * M, LOOKBACK, recordedBy);
    // Each rule ran at the evaluations that wrote its samples in the window it was read in; a
    // rule reading its own metric is not followed again.
    expect(dumps.map((d) => [d.selector, d.readBy, d.from, d.to])).toEqual([
      ['ok', undefined, 5 * M, 10 * M],
      ['up_ratio', 'record ok', 1, 10 * M],
      ['up{job="api"}', 'record up_ratio', 2 - 5 * M, 10 * M],
      ['up_ratio', 'record up_ratio', 2 - 5 * M, 10 * M],
    ]);
  });

  it(`keeps the newest ${MAX_POINTS} samples of a series and counts the rest`, () => {
    const s = new MemoryStore();
    for (let i = 0; i < 50; i++) s.append(labelsFromRecord({ __name__: 'x' }), i * 1000, i);
    const [dump] = dumpSelectors(s, parseExpr('x'), 'x', 49_000, 49_000, LOOKBACK);
    expect(dump?.series[0]?.omitted).toBe(20);
    expect(dump?.series[0]?.points[0]?.f).toBe(20);
  });
});

describe('formatDebug', () => {
  it('prints alert instances and the series each selector read, times from the start', () => {
    const info: DebugInfo = {
      startMs: 0,
      atMs: 5 * M,
      firstMs: 3 * M,
      rule: 'alert Down (up == 0)',
      forMs: 2 * M,
      alerts: [
        {
          state: 'pending',
          labels: labelsFromRecord({ alertname: 'Down' }),
          value: 0,
          activeAtMs: 4 * M,
          firedAtMs: undefined,
          resolvedAtMs: undefined,
        },
      ],
      selectors: [
        {
          selector: 'up',
          readBy: undefined,
          from: -2 * M,
          to: 5 * M,
          series: [
            {
              labels: labelsFromRecord({ __name__: 'up' }),
              points: [
                { t: 3 * M, f: 1, stale: false },
                { t: 4 * M, f: 0, stale: false },
                { t: 5 * M, f: NaN, stale: true },
              ],
              omitted: 3,
            },
          ],
          moreSeries: 0,
          sameName: [],
        },
        {
          selector: 'down{job="x"}[1m]',
          readBy: 'record down_ratio',
          from: 4 * M,
          to: 5 * M,
          series: [],
          moreSeries: 0,
          sameName: [{ labels: labelsFromRecord({ __name__: 'down', job: 'y' }), lastMs: 90_000 }],
        },
      ],
    };
    expect(formatDebug(info)).toBe(
      [
        '    debug: alert instances at 5m:',
        '        pending since 4m (for 2m: fires at 6m at the earliest), value 0: {alertname="Down"}',
        '    debug: series read by the selectors of alert Down (up == 0) at evaluations 3m to 5m:',
        '        up in [0s, 5m]:',
        '            {__name__="up"} (3 older) 3m=1 4m=0 5m=stale',
        '        down{job="x"}[1m] in (4m, 5m] (read by record down_ratio):',
        '            no series',
        '            series with that name (other matchers ignored):',
        '              {__name__="down", job="y"} last sample at 1m30s',
        '',
      ].join('\n'),
    );
  });

  it('says when an alert has no instance at all', () => {
    const text = formatDebug({
      startMs: 0,
      atMs: M,
      firstMs: M,
      rule: undefined,
      forMs: undefined,
      alerts: [],
      selectors: [],
    });
    expect(text).toBe(
      '    debug: alert instances at 1m:\n        none pending, firing or recently resolved\n    debug: the expression has no selectors\n',
    );
  });
});
