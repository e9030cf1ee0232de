import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../model/labels.js';
import { diffAlerts, diffSamples, formatFailureDiff, renderDiff } from './diff.js';
import type { CheckFailure } from './failure.js';

const s = (labels: Record<string, string>, value: number) => ({
  labels: labelsFromRecord(labels),
  value,
});
const plain = { colour: false, indent: '', context: 3, noun: 'samples' };

describe('diffSamples', () => {
  it('pairs same-label samples, marks missing and unexpected ones, keeps equal ones as context', () => {
    const items = diffSamples(
      [s({ job: 'a' }, 1), s({ job: 'b' }, 2), s({ job: 'c' }, 3)],
      [s({ job: 'a' }, 1), s({ job: 'b' }, 5), s({ job: 'd' }, 4)],
      false,
    );
    expect(items).toEqual([
      { op: ' ', lines: ['{job="a"} 1E+00'] },
      { op: '-', lines: ['{job="b"} 2E+00'] },
      { op: '+', lines: ['{job="b"} 5E+00'] },
      { op: '-', lines: ['{job="c"} 3E+00'] },
      { op: '+', lines: ['{job="d"} 4E+00'] },
    ]);
  });

  it('treats values 1 ULP apart as equal only under fuzzy_compare', () => {
    const exp = [s({}, 0.1 + 0.2)];
    const got = [s({}, 0.3)];
    expect(diffSamples(exp, got, true).map((i) => i.op)).toEqual([' ']);
    expect(diffSamples(exp, got, false).map((i) => i.op)).toEqual(['-', '+']);
  });

  it('never matches NaN, as promtool compares with ==', () => {
    expect(diffSamples([s({}, NaN)], [s({}, NaN)], false).map((i) => i.op)).toEqual(['-', '+']);
  });
});

describe('diffAlerts', () => {
  it('shows annotations under the labels and pairs alerts with the same labels', () => {
    const a = (labels: Record<string, string>, annotations: Record<string, string>) => ({
      labels: labelsFromRecord(labels),
      annotations: labelsFromRecord(annotations),
    });
    expect(
      diffAlerts(
        [a({ alertname: 'Down', job: 'x' }, { summary: 'old' })],
        [
          a({ alertname: 'Down', job: 'x' }, { summary: 'new' }),
          a({ alertname: 'Down', job: 'y' }, {}),
        ],
      ),
    ).toEqual([
      { op: '-', lines: ['{alertname="Down", job="x"}', '    annotations: {summary="old"}'] },
      { op: '+', lines: ['{alertname="Down", job="x"}', '    annotations: {summary="new"}'] },
      { op: '+', lines: ['{alertname="Down", job="y"}'] },
    ]);
  });
});

describe('renderDiff', () => {
  it('starts with unified headers and prefixes every line of an item', () => {
    const text = renderDiff(
      [
        { op: '-', lines: ['a', '  b'] },
        { op: '+', lines: ['c'] },
      ],
      { ...plain, indent: '  ' },
    );
    expect(text).toBe('  --- expected\n  +++ got\n  -a\n  -  b\n  +c');
  });

  it('collapses unchanged runs beyond the context', () => {
    const same = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ op: ' ' as const, lines: [`s${i}`] }));
    const text = renderDiff([...same(5), { op: '-', lines: ['x'] }, ...same(10)], {
      ...plain,
      context: 1,
    });
    expect(text.split('\n')).toEqual([
      '--- expected',
      '+++ got',
      '@@ 4 unchanged samples @@',
      ' s4',
      '-x',
      ' s0',
      '@@ 9 unchanged samples @@',
    ]);
  });

  it('colours removed lines red and added lines green, context plain', () => {
    const text = renderDiff(
      [
        { op: ' ', lines: ['k'] },
        { op: '-', lines: ['a'] },
        { op: '+', lines: ['b'] },
      ],
      { ...plain, colour: true },
    );
    expect(text).toBe(
      '\x1b[1m--- expected\x1b[0m\n\x1b[1m+++ got\x1b[0m\n k\n\x1b[31m-a\x1b[0m\n\x1b[32m+b\x1b[0m',
    );
  });
});

describe('formatFailureDiff', () => {
  it('replaces exp/got of an expression failure with the diff', () => {
    const f: CheckFailure = {
      kind: 'samples',
      expr: 'up',
      evalTimeMs: 300_000,
      exp: [s({ __name__: 'up' }, 1)],
      got: [],
      fuzzy: false,
      debug: undefined,
    };
    expect(formatFailureDiff(f, { colour: false })).toBe(
      [
        '    expr: "up", time: 5m,',
        '        diff:',
        '            --- expected',
        '            +++ got',
        '            -{__name__="up"} 1E+00',
      ].join('\n'),
    );
  });

  it('keeps the group name and alert heading as promtool prints them', () => {
    const f: CheckFailure = {
      kind: 'alerts',
      group: 'g',
      alertname: 'Down',
      evalTimeMs: 60_000,
      exp: [],
      got: [{ labels: labelsFromRecord({ alertname: 'Down' }), annotations: [] }],
      debug: undefined,
    };
    expect(formatFailureDiff(f, { colour: false })).toBe(
      '    name: g,\n    alertname: Down, time: 1m, \n        diff:\n            --- expected\n            +++ got\n            +{alertname="Down"}',
    );
  });

  it('leaves other failures as they are', () => {
    expect(
      formatFailureDiff({ kind: 'error', message: '    boom', debug: undefined }, { colour: true }),
    ).toBe('    boom');
  });
});
