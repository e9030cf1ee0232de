import { describe, expect, it } from 'vitest';
import type { Labels } from '../../model/labels.js';
import type { Matcher } from '../../model/matcher.js';
import { AppendError, MemoryStore } from './memory.js';

const L = (record: Record<string, string>): Labels =>
  Object.entries(record).map(([name, value]) => ({ name, value }));
const m = (name: string, type: Matcher['type'], value: string): Matcher => ({ name, type, value });

function store(): MemoryStore {
  const s = new MemoryStore();
  s.append(L({ __name__: 'up', job: 'api', instance: 'a' }), 0, 1);
  s.append(L({ __name__: 'up', job: 'api', instance: 'b' }), 0, 0);
  s.append(L({ __name__: 'up', job: 'db' }), 0, 1);
  s.append(L({ __name__: 'other', job: 'api' }), 0, 5);
  return s;
}

const names = (s: MemoryStore, ms: Matcher[]): string[] =>
  s
    .select(ms, 0, 0)
    .map((d) => d.labels.map((l) => `${l.name}=${l.value}`).join(','))
    .sort();

describe('MemoryStore.select', () => {
  it('matches equality, inequality and anchored regexes', () => {
    const s = store();
    expect(names(s, [m('__name__', '=', 'up'), m('job', '=', 'api')])).toEqual([
      '__name__=up,instance=a,job=api',
      '__name__=up,instance=b,job=api',
    ]);
    expect(names(s, [m('__name__', '=', 'up'), m('job', '!=', 'api')])).toEqual([
      '__name__=up,job=db',
    ]);
    expect(names(s, [m('job', '=~', 'a.*')])).toHaveLength(3);
    expect(names(s, [m('job', '=~', 'p')])).toEqual([]); // anchored: "p" does not match "api"
    expect(names(s, [m('__name__', '=~', 'UP|other'), m('job', '!~', 'db')])).toEqual([
      '__name__=other,job=api',
    ]);
  });

  it('treats a missing label as the empty string', () => {
    const s = store();
    expect(names(s, [m('__name__', '=', 'up'), m('instance', '=', '')])).toEqual([
      '__name__=up,job=db',
    ]);
    expect(names(s, [m('__name__', '=', 'up'), m('instance', '=~', 'a|')])).toEqual([
      '__name__=up,instance=a,job=api',
      '__name__=up,job=db',
    ]);
  });

  it('returns only samples inside [mint, maxt], as views in time order', () => {
    const s = new MemoryStore();
    for (let t = 0; t <= 100; t += 10) s.append(L({ __name__: 'x' }), t, t / 10);
    s.appendStale(L({ __name__: 'x' }), 110);
    const [data] = s.select([m('__name__', '=', 'x')], 25, 110);
    expect([...(data?.t ?? [])]).toEqual([30, 40, 50, 60, 70, 80, 90, 100, 110]);
    expect(data?.stale[8]).toBe(1);
    expect(data?.stale[0]).toBe(0);
    expect(s.select([m('__name__', '=', 'x')], 111, 200)).toEqual([]);
  });

  it('rejects out-of-order samples and conflicting duplicates, but accepts an identical duplicate', () => {
    const s = new MemoryStore();
    s.append(L({ __name__: 'x' }), 100, 1);
    s.append(L({ __name__: 'x' }), 100, 1);
    expect(() => s.append(L({ __name__: 'x' }), 50, 1)).toThrow(AppendError);
    expect(() => s.append(L({ __name__: 'x' }), 100, 2)).toThrow(
      'duplicate sample for timestamp 100 ms',
    );
    expect(s.stats).toEqual({ series: 1, samples: 2 });
  });

  it('drops empty label values and sorts labels, so equal sets are one series', () => {
    const s = new MemoryStore();
    s.append(
      [
        { name: 'b', value: '2' },
        { name: 'a', value: '1' },
        { name: 'c', value: '' },
      ],
      0,
      1,
    );
    s.append(
      [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
      1,
      2,
    );
    expect(s.stats.series).toBe(1);
    expect(s.select([m('a', '=', '1')], 0, 10)[0]?.labels).toEqual(L({ a: '1', b: '2' }));
  });
});

describe('MemoryStore.select order', () => {
  const inOrder = (s: MemoryStore, ms: Matcher[]): string[] =>
    s.select(ms, 0, Infinity).map((d) => d.labels.map((l) => l.value).join(','));

  it('returns series in label order, for small and large selections, as series are added', () => {
    const s = new MemoryStore();
    // Appended out of order, and one label array reused for a second sample.
    const values = ['m', 'c', 'x', 'a', 'q', 'b', 'z', 'k', 'e', 'd'];
    for (const [i, v] of values.entries()) {
      const labels = L({ __name__: 'm', i: v });
      s.append(labels, i, i);
      s.append(labels, 100 + i, i);
    }
    const sorted = [...values].sort().map((v) => `m,${v}`);
    expect(inOrder(s, [m('__name__', '=', 'm')])).toEqual(sorted);
    // A new series, then a selection too small to rebuild the whole order.
    s.append(L({ __name__: 'm', i: 'b0' }), 0, 1);
    expect(inOrder(s, [m('i', '=~', 'b.*')])).toEqual(['m,b', 'm,b0']);
    expect(inOrder(s, [m('__name__', '=', 'm')])).toEqual(
      [...values, 'b0'].sort().map((v) => `m,${v}`),
    );
    expect(s.stats).toEqual({ series: 11, samples: 21 });
  });
});
