import { describe, expect, it } from 'vitest';
import type { Labels } from '../../model/labels.js';
import type { Value } from '../value.js';
import {
  almostEqual,
  assertMatrixSorted,
  compareLabelSets,
  compareResult,
  floatsAlmostEqual,
} from './compare.js';
import { checkAnnotations, checkExpectedFailure } from './expectations.js';
import { formatFloat, joinValues } from './format.js';
import { parseScript } from './script.js';
import type { EvalCommand } from './types.js';

function evalOf(text: string): EvalCommand {
  const cmd = parseScript(text).commands.find((c) => c.kind === 'eval');
  if (cmd?.kind !== 'eval') throw new Error('no eval');
  return cmd;
}

const L = (record: Record<string, string>): Labels =>
  Object.entries(record)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => ({ name, value }));

const vector = (...samples: [Record<string, string>, number][]): Value => ({
  type: 'vector',
  samples: samples.map(([labels, f]) => ({ labels: L(labels), t: 0, f })),
});

describe('floatsAlmostEqual', () => {
  it.each([
    [1, 1 + 1e-7, true],
    [1, 1 + 1e-5, false],
    [0.3333333, 1 / 3, true],
    [1e300, 1.0000001e300, true],
    [0, 1e-300, false],
    [0, 0, true],
    [0, -0, true],
    [NaN, NaN, true],
    [NaN, 1, false],
    [Infinity, Infinity, true],
    [Infinity, -Infinity, false],
    [Infinity, 1e308, false],
  ])('%d ~ %d is %s', (a, b, equal) => {
    expect(floatsAlmostEqual(a, b)).toBe(equal);
  });

  it('never matches an expected staleness marker or histogram with a float', () => {
    expect(almostEqual({ kind: 'stale' }, NaN)).toBe(false);
    expect(almostEqual({ kind: 'histogram', text: '{{}}', counterResetHintSet: false }, 0)).toBe(
      false,
    );
    expect(almostEqual({ kind: 'omitted' }, 0)).toBe(true);
  });
});

describe('label order', () => {
  it('is name then value, byte-wise, a prefix first', () => {
    expect(compareLabelSets(L({ a: '1' }), L({ a: '1', b: '1' }))).toBeLessThan(0);
    expect(compareLabelSets(L({ a: '2' }), L({ a: '10' }))).toBeGreaterThan(0);
    expect(compareLabelSets(L({ b: '1' }), L({ a: '1', c: '1' }))).toBeGreaterThan(0);
    // U+FF5E sorts before U+1F600 in UTF-8, after it in UTF-16.
    expect(compareLabelSets(L({ a: '\uff5e' }), L({ a: '😀' }))).toBeLessThan(0);
  });

  it('flags an unsorted matrix', () => {
    const series = [L({ a: '2' }), L({ a: '1' })].map((labels) => ({ labels, points: [] }));
    expect(assertMatrixSorted(series)).toMatch(
      /series at index 1 with labels \{a="1"\} sorts before/,
    );
    expect(assertMatrixSorted([...series].reverse())).toBeUndefined();
  });
});

describe('compareResult', () => {
  const cmd = evalOf('eval instant at 0 x\n  x{a="1"} 1\n  {a="2"} NaN\n');

  it('matches by exact label set, in any order', () => {
    expect(
      compareResult(cmd, vector([{ a: '2' }, NaN], [{ __name__: 'x', a: '1' }, 1])),
    ).toBeUndefined();
  });

  it('tells which series is missing, unexpected or different', () => {
    expect(compareResult(cmd, vector([{ __name__: 'x', a: '1' }, 1]))?.message).toBe(
      'expected metric {a="2"} with [NaN] not found',
    );
    expect(
      compareResult(cmd, vector([{ __name__: 'x', a: '1' }, 1], [{ __name__: 'x', a: '2' }, NaN]))
        ?.message,
    ).toBe('unexpected metric x{a="2"} in result, has value NaN');
    const got = compareResult(cmd, vector([{ __name__: 'x', a: '1' }, 2], [{ a: '2' }, NaN]));
    expect(got).toEqual({
      message: 'expected 1 for x{a="1"} but got 2',
      expected: 'x{a="1"} 1\n{a="2"} NaN',
      got: 'x{a="1"} 2\n{a="2"} NaN',
    });
  });

  it('needs the result type the body implies', () => {
    expect(compareResult(cmd, { type: 'scalar', t: 0, f: 1 })?.message).toBe(
      'expected vector or matrix result, but got scalar 1',
    );
    const scalar = evalOf('eval instant at 0 1\n  1\n');
    expect(compareResult(scalar, vector())?.message).toBe('expected scalar result, but got vector');
    expect(compareResult(scalar, { type: 'scalar', t: 0, f: 1.0000001 })).toBeUndefined();
    const empty = evalOf('eval instant at 0 x\n');
    expect(compareResult(empty, vector())).toBeUndefined();
    expect(compareResult(empty, { type: 'string', t: 0, s: '' })).toBeUndefined();
    expect(compareResult(empty, { type: 'matrix', series: [] })).toBeUndefined();
  });

  it('checks matrices point by point on the step grid', () => {
    const range = evalOf('eval range from 0 to 2m step 1m x\n  x 1 _ 3\n');
    const matrix = (points: [number, number][]): Value => ({
      type: 'matrix',
      series: [{ labels: L({ __name__: 'x' }), points: points.map(([t, f]) => ({ t, f })) }],
    });
    expect(
      compareResult(
        range,
        matrix([
          [0, 1],
          [120_000, 3],
        ]),
      ),
    ).toBeUndefined();
    expect(
      compareResult(
        range,
        matrix([
          [0, 1],
          [60_000, 3],
        ]),
      )?.message,
    ).toMatch(
      /^expected float value at index 1 for x to have timestamp 120000, but it had timestamp 60000/,
    );
    const mismatch = compareResult(
      range,
      matrix([
        [0, 1],
        [60_000, 2],
        [120_000, 3],
      ]),
    );
    expect(mismatch?.message).toMatch(/^expected 2 float points and 0 histogram points for x/);
    expect(mismatch?.got).toBe('x 1 2 3');
  });

  it('checks the order of ordered evals by body position', () => {
    const ordered = evalOf('eval instant at 0 x\n  expect ordered\n  x{a="1"} 1\n  x{a="2"} 2\n');
    const a = [{ __name__: 'x', a: '1' }, 1] as [Record<string, string>, number];
    const b = [{ __name__: 'x', a: '2' }, 2] as [Record<string, string>, number];
    expect(compareResult(ordered, vector(a, b))).toBeUndefined();
    expect(compareResult(ordered, vector(b, a))?.message).toBe(
      'expected metric x{a="2"} with [2] at position 2 but was at 1',
    );
  });
});

describe('expectations', () => {
  const pos = { start: 4, end: 9 };

  it('formats annotations with their position and matches every way round', () => {
    const cmd = evalOf(
      'eval instant at 0 sum(sort(x))\n  expect warn msg: PromQL warning: w (1:5)\n',
    );
    expect(checkAnnotations(cmd, [{ kind: 'warning', message: 'w', pos }])).toBeUndefined();
    expect(checkAnnotations(cmd, [])?.message).toMatch(
      /^expected warn annotations but none were found/,
    );
    const extra = checkAnnotations(cmd, [
      { kind: 'warning', message: 'w', pos },
      { kind: 'warning', message: 'other' },
    ]);
    expect(extra?.message).toMatch(/^unexpected warn annotation "PromQL warning: other" found/);
    expect(checkAnnotations(cmd, [{ kind: 'info', message: 'i' }])?.message).toMatch(
      /^expected warn annotations but none/,
    );
  });

  it('ignores annotations without expect lines, and refuses them with no_info', () => {
    expect(
      checkAnnotations(evalOf('eval instant at 0 x\n'), [{ kind: 'info', message: 'i' }]),
    ).toBeUndefined();
    const noInfo = evalOf('eval instant at 0 x\n  expect no_info\n');
    expect(checkAnnotations(noInfo, [{ kind: 'warning', message: 'w' }])).toBeUndefined();
    expect(checkAnnotations(noInfo, [{ kind: 'info', message: 'i' }])?.message).toMatch(
      /^unexpected info annotations evaluating query "x" \(line 1\): \[PromQL info: i\]/,
    );
  });

  it('checks error texts exactly for msg and by search for regex', () => {
    const msg = evalOf('eval instant at 0 x\n  expect fail msg: bad thing\n');
    expect(checkExpectedFailure(msg, 'bad thing')).toBeUndefined();
    expect(checkExpectedFailure(msg, 'bad thing!')?.expected).toBe('error "bad thing"');
    const regex = evalOf('eval instant at 0 x\n  expect fail regex: th[i]ng\n');
    expect(checkExpectedFailure(regex, 'a bad thing here')).toBeUndefined();
    const bare = evalOf('eval instant at 0 x\n  expect fail\n');
    expect(checkExpectedFailure(bare, 'anything')).toBeUndefined();
  });
});

describe('formatFloat', () => {
  it.each([
    [1, '1'],
    [0.5, '0.5'],
    [123456, '123456'],
    [1e6, '1e+06'],
    [1.5e-5, '1.5e-05'],
    [0.0001, '0.0001'],
    [1e100, '1e+100'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%d prints as Go does: %s', (f, text) => {
    expect(formatFloat(f)).toBe(text);
  });
});

describe('joinValues', () => {
  it('writes runs of three or more as repetitions, in series notation', () => {
    expect(joinValues(['1', '1', '1', '_', '_', '_', '2', '2'])).toBe('1x2 _x3 2 2');
    expect(joinValues([])).toBe('');
  });
});
