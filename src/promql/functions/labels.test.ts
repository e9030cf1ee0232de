import { describe, expect, it } from 'vitest';
import { QueryError } from '../../errors.js';
import { compileAnchored } from '../../model/regex.js';
import { FUNCTIONS } from './registry.js';
import { expandTemplate } from './labels.js';
import { context, labels, sample } from './testing.case.js';
import type { InstantFunction } from './types.js';
import type { Sample } from '../value.js';

function instant(name: string): InstantFunction {
  const impl = FUNCTIONS[name];
  if (impl?.kind !== 'instant') throw new Error(`${name} is not an instant function`);
  return impl;
}

function replace(input: Sample[], dst: string, repl: string, src: string, regex: string): Sample[] {
  return instant('label_replace').call(
    [input, dst, repl, src, regex],
    context('label_replace', 5, { ts: 42 }),
  );
}

function join(input: Sample[], dst: string, sep: string, ...srcs: string[]): Sample[] {
  return instant('label_join').call(
    [input, dst, sep, ...srcs],
    context('label_join', 3 + srcs.length, { ts: 42 }),
  );
}

describe('expandTemplate (Go Regexp.Expand)', () => {
  const re = compileAnchored('(?P<first>[a-z]+)-(?P<second>[a-z]+)(x)?');
  const match = re.exec('ab-cd') as RegExpExecArray;
  it.each([
    ['$1:$2', 'ab:cd'],
    ['${1}x', 'abx'],
    ['$1x', ''], // the group named "1x", which does not exist
    ['$first/$second', 'ab/cd'],
    ['${second}_', 'cd_'],
    ['$second_', ''], // "second_" is the name
    ['$0', 'ab-cd'],
    ['$3', ''], // a group that did not match
    ['$9', ''], // a group that does not exist
    ['$01', ''], // leading zero: a name, not a number
    ['$$1', '$1'],
    ['cost: $', 'cost: $'],
    ['${1', '${1'], // no closing brace: the $ is literal
    ['$-', '$-'],
    ['no dollars', 'no dollars'],
  ])('%s -> %s', (template, expected) => {
    expect(expandTemplate(template, match)).toBe(expected);
  });
});

describe('label_replace', () => {
  it('sets dst from the expanded replacement where the whole src matches', () => {
    const out = replace(
      [sample({ __name__: 'm', src: 'a-b' }, 1)],
      'dst',
      '$2:$1',
      'src',
      '(.*)-(.*)',
    );
    expect(out).toEqual([
      { labels: labels({ __name__: 'm', dst: 'b:a', src: 'a-b' }), t: 42, f: 1 },
    ]);
  });

  it('passes samples through where the regex does not match the whole value', () => {
    const input = [sample({ src: 'ab' }, 1, true)];
    expect(replace(input, 'dst', 'x', 'src', 'a')).toEqual([{ ...input[0], t: 42 }]);
  });

  it('matches a missing src label as the empty string', () => {
    const out = replace([sample({ a: '1' }, 1)], 'dst', 'empty', 'src', '');
    expect(out[0]?.labels).toEqual(labels({ a: '1', dst: 'empty' }));
  });

  it('removes dst when the replacement is empty', () => {
    const out = replace([sample({ dst: 'old', src: 'x' }, 1)], 'dst', '', 'src', 'x');
    expect(out[0]?.labels).toEqual(labels({ src: 'x' }));
  });

  it('lets . match a newline, as Prometheus compiles (?s:...)', () => {
    const out = replace([sample({ src: 'a\nb' }, 1)], 'dst', '$1', 'src', '(.*)');
    expect(out[0]?.labels).toEqual(labels({ dst: 'a\nb', src: 'a\nb' }));
  });

  it('keeps a pending name drop, unless it writes __name__', () => {
    const input = [sample({ __name__: 'm', src: 'a' }, 1, true)];
    expect(replace(input, 'dst', 'x', 'src', 'a')[0]?.dropName).toBe(true);
    expect(replace([sample({ src: 'a' }, 1)], 'dst', 'x', 'src', 'a')[0]?.dropName).toBeUndefined();
    const renamed = replace(input, '__name__', 'new_$1', 'src', '(.*)');
    expect(renamed[0]).toEqual({
      labels: labels({ __name__: 'new_a', src: 'a' }),
      t: 42,
      f: 1,
      dropName: false,
    });
    // No match, no change: the drop stays pending.
    expect(replace(input, '__name__', 'x', 'src', 'zzz')[0]?.dropName).toBe(true);
  });

  it.each([
    ['(', 'dst', 'invalid regular expression in label_replace(): ('],
    ['a(?=b)', 'dst', 'invalid regular expression in label_replace(): a(?=b)'],
    ['.*', '', 'invalid destination label name in label_replace(): '],
  ])('fails for regex %j, dst %j', (regex, dst, message) => {
    const run = (): Sample[] => replace([], dst, 'x', 'src', regex);
    expect(run).toThrow(QueryError);
    expect(run).toThrow(message);
  });

  it('accepts any UTF-8 destination name', () => {
    expect(replace([sample({}, 1)], 'dst.with-dots', 'x', 'src', '')[0]?.labels).toEqual(
      labels({ 'dst.with-dots': 'x' }),
    );
  });

  it('fails when two outputs end up with the same labels', () => {
    const input = [sample({ src: 'a-1' }, 1), sample({ src: 'a-2' }, 2)];
    expect(() => replace(input, 'src', '$1', 'src', '(.*)-.*')).toThrow(
      'vector cannot contain metrics with the same labelset',
    );
  });
});

describe('label_join', () => {
  it('joins the source values, counting missing labels as empty', () => {
    const input = [sample({ __name__: 'm', a: '1', b: '2' }, 1), sample({ a: '3' }, 2)];
    expect(join(input, 'dst', '-', 'a', 'b', 'c')).toEqual([
      { labels: labels({ __name__: 'm', a: '1', b: '2', dst: '1-2-' }), t: 42, f: 1 },
      { labels: labels({ a: '3', dst: '3--' }), t: 42, f: 2 },
    ]);
  });

  it('removes dst when the joined value is empty', () => {
    expect(join([sample({ dst: 'old' }, 1)], 'dst', '', 'missing')[0]?.labels).toEqual([]);
    expect(join([sample({ dst: 'old' }, 1)], 'dst', ',')[0]?.labels).toEqual([]);
  });

  it('overwrites a source label used as the destination', () => {
    expect(join([sample({ a: 'x', b: 'y' }, 1)], 'a', '', 'a', 'b')[0]?.labels).toEqual(
      labels({ a: 'xy', b: 'y' }),
    );
  });

  it('keeps a pending name drop, unless it writes __name__', () => {
    const input = [sample({ __name__: 'm', a: 'x' }, 1, true)];
    expect(join(input, 'dst', '', 'a')[0]?.dropName).toBe(true);
    expect(join(input, '__name__', '', 'a')[0]).toMatchObject({
      labels: labels({ __name__: 'x', a: 'x' }),
      dropName: false,
    });
  });

  it('checks the source names, then the destination name', () => {
    expect(() => join([], '', '', '')).toThrow('invalid source label name in label_join(): ');
    expect(() => join([], '', '', 'a')).toThrow('invalid destination label name in label_join(): ');
  });
});
