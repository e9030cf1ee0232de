import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './registry.js';
import { natsortLess } from './sort.js';
import { context, sample } from './testing.case.js';
import type { ArgValue, InstantFunction } from './types.js';
import type { Sample } from '../value.js';

function instant(name: string): InstantFunction {
  const impl = FUNCTIONS[name];
  if (impl?.kind !== 'instant') throw new Error(`${name} is not an instant function`);
  return impl;
}

function run(name: string, ...args: ArgValue[]): Sample[] {
  return instant(name).call(args, context(name, args.length));
}

/** Samples named by their `id` label, with the given values. */
function byId(...values: [string, number][]): Sample[] {
  return values.map(([id, f]) => sample({ id }, f));
}

const ids = (out: readonly Sample[]): string[] =>
  out.map((s) => s.labels.find((l) => l.name === 'id')?.value ?? '');

describe('sort and sort_desc', () => {
  const input = byId(['a', 3], ['nan1', NaN], ['b', 1], ['nan2', NaN], ['c', 2], ['d', 1]);

  it('sort: ascending, ties in input order, NaNs last in reverse input order', () => {
    expect(ids(run('sort', input))).toEqual(['b', 'd', 'c', 'a', 'nan2', 'nan1']);
  });

  it('sort_desc: descending, ties in input order, NaNs last in reverse input order', () => {
    expect(ids(run('sort_desc', input))).toEqual(['a', 'c', 'b', 'd', 'nan2', 'nan1']);
  });

  it('orders infinities and signed zeros as numbers', () => {
    const out = run(
      'sort',
      byId(['pinf', Infinity], ['zero', 0], ['ninf', -Infinity], ['negzero', -0]),
    );
    expect(ids(out)).toEqual(['ninf', 'zero', 'negzero', 'pinf']);
  });

  it('keeps the same order for inputs longer than Go’s insertion-sort limit', () => {
    const long = byId(
      ...Array.from({ length: 14 }, (_, i): [string, number] => [`v${i}`, (i * 7) % 5]),
      ['nan1', NaN],
      ['nan2', NaN],
    );
    expect(ids(run('sort', long))).toEqual([
      'v0',
      'v5',
      'v10',
      'v3',
      'v8',
      'v13',
      'v1',
      'v6',
      'v11',
      'v4',
      'v9',
      'v2',
      'v7',
      'v12',
      'nan2',
      'nan1',
    ]);
  });

  it('passes samples through unchanged and leaves the input alone', () => {
    const input2 = [sample({ __name__: 'm', id: 'x' }, 2, true), sample({ id: 'y' }, 1)];
    const copy = [...input2];
    const out = run('sort', input2);
    expect(out).toEqual([input2[1], input2[0]]);
    expect(input2).toEqual(copy);
  });
});

describe('natsortLess (facette/natsort, as pinned by Prometheus)', () => {
  it.each([
    ['a1', 'a2', true],
    ['a2', 'a10', true],
    ['a10', 'a2', false],
    ['1.2.3', '1.11.3', true],
    ['1.111.3', '1.11.3', false],
    ['4m5', '4m600', true],
    ['4m1000', '4m600', false],
    ['a', 'ab', true],
    ['ab', 'a', false],
    ['a', 'b', true],
    ['B', 'a', true], // byte order: upper case first
    ['a1b', 'a1', false],
    ['a1', 'a1b', true],
    // Quirks kept from the library:
    ['', 'x', false],
    ['x', '', false],
    ['a1', 'a01', true],
    ['a01', 'a1', true],
    // Digit runs beyond int64 compare as strings.
    ['99999999999999999999', '100000000000000000000', false],
  ])('%j before %j: %s', (a, b, expected) => {
    expect(natsortLess(a, b)).toBe(expected);
  });
});

describe('sort_by_label and sort_by_label_desc', () => {
  const cpus = ['10', '2', '1', '100', '0'].map((cpu) => sample({ cpu, id: `cpu${cpu}` }, 1));

  it('sorts label values naturally', () => {
    expect(ids(run('sort_by_label', cpus, 'cpu'))).toEqual([
      'cpu0',
      'cpu1',
      'cpu2',
      'cpu10',
      'cpu100',
    ]);
    expect(ids(run('sort_by_label_desc', cpus, 'cpu'))).toEqual([
      'cpu100',
      'cpu10',
      'cpu2',
      'cpu1',
      'cpu0',
    ]);
  });

  it('uses the next label for ties, then the whole label set', () => {
    const input = [
      sample({ group: 'b', id: '1', instance: '1' }, 1),
      sample({ group: 'a', id: '2', instance: '1' }, 1),
      sample({ group: 'a', id: '3', instance: '0' }, 1),
      sample({ group: 'a', id: '4', instance: '0', zone: 'z' }, 1),
    ];
    expect(ids(run('sort_by_label', input, 'instance', 'group'))).toEqual(['3', '4', '2', '1']);
    expect(ids(run('sort_by_label', input, 'instance'))).toEqual(['3', '4', '2', '1']);
    expect(ids(run('sort_by_label_desc', input, 'instance'))).toEqual(['1', '2', '4', '3']);
  });

  it('with no label names, sorts by the whole label set', () => {
    const input = [sample({ id: 'b' }, 1), sample({ id: 'a' }, 2)];
    expect(ids(run('sort_by_label', input))).toEqual(['a', 'b']);
  });
});
