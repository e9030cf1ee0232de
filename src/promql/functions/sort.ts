/**
 * sort, sort_desc, sort_by_label and sort_by_label_desc. Samples pass through unchanged
 * (labels, value and pending name drop); only their order changes, which matters only for
 * instant queries. (The evaluator warns when they are used in a range query.)
 *
 * Go sorts short slices (up to 12 elements) by insertion sort, and we do the same, so that the
 * order of ties and NaNs matches Prometheus exactly there. Longer inputs get a stable sort with
 * the same order; Go's pattern-defeating quicksort is not stable, so ties may come out in a
 * different order than in Prometheus.
 *
 * @module
 */
import { compareLabels, getLabel } from '../../model/labels.js';
import { stringArg, vectorArg } from './args.js';
import type { Sample } from '../value.js';
import type { ArgValue, FunctionImpl, InstantFunction } from './types.js';

/** The largest input that Go's sort.Sort and slices.SortFunc sort by insertion. */
const INSERTION_SORT_MAX = 12;

/** Go's insertion sort: each element moves left while `less(it, left neighbour)`. */
function insertionSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j] as T, items[j - 1] as T); j--) {
      const tmp = items[j] as T;
      items[j] = items[j - 1] as T;
      items[j - 1] = tmp;
    }
  }
  return items;
}

/**
 * sort and sort_desc. Prometheus sorts with the reversed NaN-first order, so NaN ends up last;
 * a NaN also counts as less than another NaN, which reverses the order of NaNs among
 * themselves. The stable fallback for long inputs keeps NaNs in reverse input order too.
 */
function sortByValue(input: readonly Sample[], descending: boolean): Sample[] {
  const before = (a: number, b: number): boolean => (descending ? a > b : a < b);
  const numbers = input.filter((s) => !Number.isNaN(s.f));
  if (input.length > INSERTION_SORT_MAX) {
    const nans = input.filter((s) => Number.isNaN(s.f)).reverse();
    return [...numbers.sort((a, b) => (before(a.f, b.f) ? -1 : before(b.f, a.f) ? 1 : 0)), ...nans];
  }
  // An element moves left past a NaN, or past a value it precedes.
  return insertionSort([...input], (a, b) => Number.isNaN(b.f) || before(a.f, b.f));
}

// === sort(v instant-vector) instant-vector ===
const sort: InstantFunction = {
  kind: 'instant',
  call: (args) => sortByValue(vectorArg(args, 0), false),
};

// === sort_desc(v instant-vector) instant-vector ===
const sortDesc: InstantFunction = {
  kind: 'instant',
  call: (args) => sortByValue(vectorArg(args, 0), true),
};

/** One chunk of digits or of non-digits (the `(\d+|\D+)` of natsort's chunkify). */
const CHUNK = /\d+|\D+/g;

/** Go's `strconv.Atoi` of a digit run: the value, or undefined when it overflows int64. */
function atoi(digits: string): bigint | undefined {
  const v = BigInt(digits);
  return v <= 9223372036854775807n ? v : undefined;
}

/**
 * `natsort.Compare` (github.com/facette/natsort at 2cd4dd1, as Prometheus pins it): true when
 * `a` comes before `b`, comparing runs of digits as integers and other runs as strings. Its
 * quirks are kept: a string whose chunks all equal the other's leading chunks comes first,
 * and the empty string never comes first.
 */
export function natsortLess(a: string, b: string): boolean {
  const chunksA = a.match(CHUNK) ?? [];
  const chunksB = b.match(CHUNK) ?? [];
  for (let i = 0; i < chunksA.length; i++) {
    if (i >= chunksB.length) return false;
    const ca = chunksA[i] as string;
    const cb = chunksB[i] as string;
    const na = /^\d+$/.test(ca) ? atoi(ca) : undefined;
    const nb = /^\d+$/.test(cb) ? atoi(cb) : undefined;
    if (na !== undefined && nb !== undefined) {
      if (na === nb) {
        if (i === chunksA.length - 1) return true;
        if (i === chunksB.length - 1) return false;
        continue;
      }
      return na < nb;
    }
    if (ca === cb) {
      if (i === chunksA.length - 1) return true;
      if (i === chunksB.length - 1) return false;
      continue;
    }
    return Buffer.compare(Buffer.from(ca), Buffer.from(cb)) < 0;
  }
  return false;
}

/** Prometheus's comparison for sort_by_label: label by label in natural order, then all labels. */
function labelComparator(
  names: readonly string[],
  descending: boolean,
): (a: Sample, b: Sample) => number {
  const sign = descending ? -1 : 1;
  return (a, b) => {
    for (const name of names) {
      const va = getLabel(a.labels, name);
      const vb = getLabel(b.labels, name);
      if (va === vb) continue;
      return natsortLess(va, vb) ? -sign : sign;
    }
    return sign * compareLabels(a.labels, b.labels);
  };
}

function sortByLabel(args: readonly ArgValue[], descending: boolean): Sample[] {
  const names: string[] = [];
  for (let i = 1; i < args.length; i++) names.push(stringArg(args, i));
  const cmp = labelComparator(names, descending);
  const input = [...vectorArg(args, 0)];
  return input.length > INSERTION_SORT_MAX
    ? input.sort(cmp)
    : insertionSort(input, (a, b) => cmp(a, b) < 0);
}

// === sort_by_label(v instant-vector, label string...) instant-vector ===
const sortByLabelFn: InstantFunction = {
  kind: 'instant',
  call: (args) => sortByLabel(args, false),
};

// === sort_by_label_desc(v instant-vector, label string...) instant-vector ===
const sortByLabelDesc: InstantFunction = {
  kind: 'instant',
  call: (args) => sortByLabel(args, true),
};

export const SORT_FUNCTIONS: Readonly<Record<string, FunctionImpl>> = {
  sort,
  sort_desc: sortDesc,
  sort_by_label: sortByLabelFn,
  sort_by_label_desc: sortByLabelDesc,
};
