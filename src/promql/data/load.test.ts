import { describe, expect, it } from 'vitest';
import { ParseError } from '../../errors.js';
import { loadDataFile } from './load.js';

describe('loadDataFile: series files', () => {
  it('expands values at the interval from the start time', () => {
    const data = loadDataFile(
      [
        'interval: 15s',
        'start: 1000',
        'input_series:',
        '  - series: \'up{job="a"}\'',
        "    values: '1+1x2 _ stale 7'",
      ].join('\n'),
      'data.yml',
    );
    const [series] = data.store.select([{ name: 'job', type: '=', value: 'a' }], 0, 2_000_000);
    expect([...(series?.t ?? [])]).toEqual([1_000_000, 1_015_000, 1_030_000, 1_060_000, 1_075_000]);
    expect([...(series?.f ?? [])].slice(0, 3)).toEqual([1, 2, 3]);
    expect(series?.stale[3]).toBe(1);
    expect(data).toMatchObject({ startMs: 1_000_000, endMs: 1_075_000, samples: 5 });
  });

  it('starts at 0 with a 1m interval by default', () => {
    const data = loadDataFile("input_series:\n  - series: 'x'\n    values: '1 2'\n", 'd.yml');
    expect(data).toMatchObject({ startMs: 0, endMs: 60_000, samples: 2 });
  });

  const bad: [string, string][] = [
    [
      'interval: 15s\ninput_series:\n  - series: x\n    valuez: 1\n',
      'd.yml:4:5: unknown field "valuez" in an input_series entry (expected series, values)',
    ],
    [
      'interval: soon\ninput_series: []\n',
      'd.yml:1:11: interval "soon": expected a positive duration such as 15s',
    ],
    [
      'intervals: 1m\ninput_series: []\n',
      'd.yml:1:1: unknown field "intervals" in the series file (expected interval, start, start_timestamp, input_series)',
    ],
    [
      "input_series:\n  - series: 'up{job=}'\n    values: '1'\n",
      'd.yml:2:21: expected a quoted label value',
    ],
    ["input_series:\n  - series: 'up'\n    values: '1 2 three'\n", 'd.yml:3:18: '],
    ['input_series: [\n', 'd.yml:'],
  ];
  it.each(bad)('rejects %j with the file, line and column', (text, prefix) => {
    let error: unknown;
    try {
      loadDataFile(text, 'd.yml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message.startsWith(prefix), (error as ParseError).message).toBe(
      true,
    );
  });
});

describe('loadDataFile: exposition dumps', () => {
  it('reads the text format with millisecond timestamps, in any order', () => {
    const data = loadDataFile(
      '# TYPE up gauge\nup{job="a"} 1 2000\nup{job="a"} 0 1000\n',
      'dump.prom',
    );
    const [series] = data.store.select([{ name: '__name__', type: '=', value: 'up' }], 0, 10_000);
    expect([...(series?.t ?? [])]).toEqual([1000, 2000]);
    expect([...(series?.f ?? [])]).toEqual([0, 1]);
    expect(data).toMatchObject({ startMs: 1000, endMs: 2000, samples: 2 });
  });

  it('reads OpenMetrics with seconds', () => {
    const data = loadDataFile('# TYPE c counter\nc_total 5 1.5\n# EOF\n', 'dump.om');
    expect(data).toMatchObject({ startMs: 1500, endMs: 1500 });
  });

  it('refuses samples without a timestamp', () => {
    expect(() => loadDataFile('up 1\n', 'dump.prom')).toThrow(
      'dump.prom: sample up has no timestamp',
    );
  });
});
