/**
 * Helpers for the function tests: a call context, labels, sample vectors and range windows.
 *
 * @module
 */
import { labelsFromRecord, type Labels } from '../../model/labels.js';
import type { Call, Expr } from '../ast.js';
import { Annotations, type Sample } from '../value.js';
import type { CallContext, RangeWindow } from './types.js';

/** A call node whose argument i sits at offset 10 × (i + 1), so annotations can be located. */
export function callNode(func: string, argCount: number): Call {
  const args: Expr[] = [];
  for (let i = 0; i < argCount; i++) {
    args.push({
      kind: 'NumberLiteral',
      value: 0,
      pos: { start: 10 * (i + 1), end: 10 * (i + 1) + 1 },
    });
  }
  return { kind: 'Call', func, args, pos: { start: 0, end: 100 } };
}

export function context(
  func: string,
  argCount: number,
  options: { ts?: number; delayedNameRemoval?: boolean } = {},
): CallContext {
  const ts = options.ts ?? 0;
  return {
    ts,
    call: callNode(func, argCount),
    annotations: new Annotations(),
    startMs: ts,
    endMs: ts,
    stepMs: 0,
    delayedNameRemoval: options.delayedNameRemoval ?? true,
  };
}

export function labels(record: Readonly<Record<string, string>>): Labels {
  return labelsFromRecord(record);
}

export function sample(
  record: Readonly<Record<string, string>>,
  f: number,
  dropName?: boolean,
): Sample {
  const s = { labels: labels(record), t: 0, f };
  return dropName === undefined ? s : { ...s, dropName };
}

/**
 * A window over (startS, endS] seconds holding `[seconds, value]` points, for a series with
 * the given labels. Like the engine's, its `t` and `f` are views into longer arrays (here with a
 * sentinel point on each side), so a function that reads past the window or ignores the view's
 * offset gets wrong results.
 */
export function window(
  points: readonly (readonly [number, number])[],
  range: readonly [startS: number, endS: number] = [0, 60],
  record: Readonly<Record<string, string>> = { __name__: 'x_total' },
): RangeWindow {
  const n = points.length;
  const t = new Float64Array(n + 2).fill(-1e15);
  const f = new Float64Array(n + 2).fill(-1e15);
  t[n + 1] = 1e15;
  points.forEach(([s, v], i) => {
    t[i + 1] = s * 1000;
    f[i + 1] = v;
  });
  return {
    labels: labels(record),
    t: t.subarray(1, n + 1),
    f: f.subarray(1, n + 1),
    rangeStartMs: range[0] * 1000,
    rangeEndMs: range[1] * 1000,
  };
}

/** `points` values at 10 s, 20 s, ... in the default (0, 60 s] window. */
export function every10s(...values: number[]): RangeWindow {
  return window(values.map((f, i) => [10 * (i + 1), f] as const));
}
