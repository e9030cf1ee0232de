import { describe, expect, it } from 'vitest';
import { ParseError } from '../../errors.js';
import { parseSeriesDescription, parseSeriesLabels, parseSeriesValues } from './parse.js';
import { NativeHistogramError, type SequenceValue, sequenceSamples } from './types.js';

/** Values as numbers, with '_' for omitted, 'stale' and 'H' for histograms. */
function flat(values: readonly SequenceValue[]): (number | string)[] {
  return values.map((v) =>
    v.kind === 'float' ? v.f : v.kind === 'omitted' ? '_' : v.kind === 'stale' ? 'stale' : 'H',
  );
}

function values(text: string): (number | string)[] {
  return flat(parseSeriesValues(text, { histograms: 'keep' }));
}

describe('parseSeriesDescription: labels', () => {
  it('reads a name with labels in any quoting, sorted by name', () => {
    const desc = parseSeriesDescription(`http{path="/a\\n", code='200', x=\`raw\\n\`} 1`);
    expect(desc.labels).toEqual([
      { name: '__name__', value: 'http' },
      { name: 'code', value: '200' },
      { name: 'path', value: '/a\n' },
      { name: 'x', value: 'raw\\n' },
    ]);
  });

  it('treats {__name__="x"} like x, and accepts {} and a trailing comma', () => {
    expect(parseSeriesDescription('{__name__="x", a="1",} 1').labels).toEqual(
      parseSeriesDescription('x{a="1"} 1').labels,
    );
    expect(parseSeriesDescription('{} 1').labels).toEqual([]);
    expect(parseSeriesDescription('{a="b"} 1').labels).toEqual([{ name: 'a', value: 'b' }]);
  });

  it('accepts quoted label names and a quoted metric name', () => {
    expect(parseSeriesDescription('{"my.metric", "a.b"="c"} 1').labels).toEqual([
      { name: '__name__', value: 'my.metric' },
      { name: 'a.b', value: 'c' },
    ]);
  });

  it('decodes Go escapes, including bytes and code points', () => {
    const desc = parseSeriesDescription('m{a="\\u00e9\\x41\\101\\t"} 1');
    expect(desc.labels[1]?.value).toBe('éAA\t');
  });

  it('parses the label part alone', () => {
    expect(parseSeriesLabels(' up{job="a"} ')).toEqual([
      { name: '__name__', value: 'up' },
      { name: 'job', value: 'a' },
    ]);
  });

  it.each([
    ['m{a="b" 1', 'expected "," or "}"'],
    ['m{a=b} 1', 'expected a quoted label value'],
    ['m{a="b", a="c"} 1', 'duplicate label name "a"'],
    ['m{a="b\\q"} 1', 'unknown escape sequence'],
    ['m{a="b} 1', 'unterminated quoted string'],
    ['m{a!="b"} 1', 'expected "=" after label name'],
    ['m{a="b"}1', 'unexpected character after the labels'],
    ['1 2', 'expected a metric name'],
    ['Inf 2', 'is not a metric name'],
  ])('rejects %s', (text, message) => {
    expect(() => parseSeriesDescription(text)).toThrow(message);
  });
});

describe('parseSeriesDescription: values', () => {
  it.each([
    ['1 2 3', [1, 2, 3]],
    ['1x3', [1, 1, 1, 1]],
    ['_x3', ['_', '_', '_']],
    ['_ 1 _', ['_', 1, '_']],
    ['1+2x3', [1, 3, 5, 7]],
    ['10-2x2', [10, 8, 6]],
    ['-1-1x2', [-1, -2, -3]],
    ['+5 -5', [5, -5]],
    ['1 +2x2', [1, 2, 2, 2]],
    ['stale 1', ['stale', 1]],
    ['Inf -Inf +inf', [Infinity, -Infinity, Infinity]],
    ['1e3 .5 2.25 1e-3', [1000, 0.5, 2.25, 0.001]],
    ['010', [8]],
    ['0x2', [0, 0, 0]],
    ['1_000', [1000]],
    ['1\t\t2   3', [1, 2, 3]],
    ['', []],
    ['1 ', [1]],
  ])('%j expands to %j', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('reads NaN', () => {
    expect(values('NaN nan')).toEqual([NaN, NaN]);
  });

  it('accumulates a+bxN as Prometheus does, so rounding matches', () => {
    const got = values('0+0.1x3');
    let v = 0;
    const want = [0];
    for (let i = 0; i < 3; i++) want.push((v += 0.1));
    expect(got).toEqual(want);
    expect(got[3]).toBe(0.30000000000000004);
  });

  it('follows a description with its values', () => {
    const desc = parseSeriesDescription('m{a="1"}\t0+10x2 _ stale');
    expect(flat(desc.values)).toEqual([0, 10, 20, '_', 'stale']);
  });

  it.each([
    ['stalex3', 'expected a number or "stale"'],
    ['Infx2', 'expected a number or "stale"'],
    ['foo', 'expected a number or "stale"'],
    ['1x', 'expected a repetition count'],
    ['1xInf', 'expected a repetition count'],
    ['1x1.5', 'expected a repetition count'],
    ['1+2', '"x" and a repetition count'],
    ['1..2', 'bad number syntax'],
    ['1e', 'bad number syntax'],
    ['1e 2', 'error parsing number'],
    ['1e400', 'error parsing number'],
    ['12abc', 'bad number syntax'],
    ['1 # comment', 'unexpected character in series values: "#"'],
    ['1x3x4', 'expected a space between values'],
    ['1-', 'unexpected "-" in series values'],
    ['- 1', 'expected a value'],
  ])('rejects %j', (text, message) => {
    expect(() => parseSeriesValues(text)).toThrow(message);
  });

  it('reports errors as ParseError at line:col of the caller', () => {
    const err = (() => {
      try {
        parseSeriesDescription('m 1 bad', { position: { file: 'f.test', line: 7, column: 3 } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).position).toEqual({ file: 'f.test', line: 7, column: 7 });
    expect((err as ParseError).message).toMatch(/^f\.test:7:7: unexpected "bad"/);
  });

  it('guards against huge expansions', () => {
    expect(() => parseSeriesValues('1x100', { maxValues: 50 })).toThrow('more than 50 values');
    expect(() => parseSeriesValues('0+1x100', { maxValues: 50 })).toThrow('more than 50 values');
  });
});

describe('native histograms', () => {
  it('are rejected with a distinct error by default', () => {
    const run = (): unknown => parseSeriesDescription('h 1 {{schema:1 sum:2 count:3}} 4');
    expect(run).toThrow(NativeHistogramError);
    expect(run).toThrow('1:5: native histograms are not supported');
    expect(run).toThrow(ParseError);
  });

  it('are kept as placeholders on request, with repetition and arithmetic', () => {
    const got = parseSeriesValues(
      '{{count:1 buckets:[1 2]}}x2 1 {{sum:1}}+{{sum:2 counter_reset_hint:gauge}}x1',
      { histograms: 'keep' },
    );
    expect(flat(got)).toEqual(['H', 'H', 'H', 1, 'H', 'H']);
    expect(got[4]).toEqual({
      kind: 'histogram',
      text: '{{sum:1}}+{{sum:2 counter_reset_hint:gauge}}',
      counterResetHintSet: true,
    });
    expect(got[0]).toMatchObject({ counterResetHintSet: false });
  });

  it.each([
    ['{{schema:1', 'missing "}}"'],
    ['{{foo:1}}', 'bad histogram descriptor found: "foo"'],
    ['{{sum:1 sum:2}}', 'duplicate histogram descriptor'],
    ['{{buckets:[1 x]}}', 'bad value for histogram descriptor buckets'],
    ['{{counter_reset_hint:maybe}}', 'bad value for histogram descriptor'],
    ['{{sum:1}}+{{sum:1}}', '"x" and a repetition count'],
  ])('reject malformed literal %j', (text, message) => {
    expect(() => parseSeriesValues(text, { histograms: 'keep' })).toThrow(message);
  });
});

describe('sequenceSamples', () => {
  it('gives slot i the time start + i*step and skips omitted slots', () => {
    const got = sequenceSamples(parseSeriesValues('1 _ 3 stale'), 1000, 60_000);
    expect(got.map((s) => s.t)).toEqual([1000, 121_000, 181_000]);
    expect(got[2]?.value).toEqual({ kind: 'stale' });
  });
});
