/**
 * Typed access to the argument values the evaluator passes to an InstantFunction. The parser's
 * type check guarantees the types; a mismatch here is a bug, so it throws InternalError.
 *
 * @module
 */
import { InternalError } from '../../errors.js';
import type { Sample, Vector } from '../value.js';
import type { ArgValue, CallContext, InstantFunction } from './types.js';

export function vectorArg(args: readonly ArgValue[], i: number): Vector {
  const v = args[i];
  if (!Array.isArray(v)) throw new InternalError(`argument ${i} is not an instant vector`);
  return v as Vector;
}

export function scalarArg(args: readonly ArgValue[], i: number): number {
  const v = args[i];
  if (typeof v !== 'number') throw new InternalError(`argument ${i} is not a scalar`);
  return v;
}

/** A scalar argument that may be left out (`round(v)`), or undefined. */
export function optionalScalarArg(args: readonly ArgValue[], i: number): number | undefined {
  return args[i] === undefined ? undefined : scalarArg(args, i);
}

export function stringArg(args: readonly ArgValue[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') throw new InternalError(`argument ${i} is not a string`);
  return v;
}

/**
 * A function applying `fn` to every sample of its first argument (Prometheus
 * `simpleFloatFunc`). The output keeps the labels and is marked to drop the name.
 */
export function perSample(
  fn: (f: number, args: readonly ArgValue[], ctx: CallContext) => number,
): InstantFunction {
  return {
    kind: 'instant',
    call(args, ctx): Sample[] {
      return vectorArg(args, 0).map((s) => ({
        labels: s.labels,
        t: ctx.ts,
        f: fn(s.f, args, ctx),
        dropName: true,
      }));
    },
  };
}

/** A scalar-returning function: one sample with no labels. */
export function scalarResult(f: number, ctx: CallContext): Sample[] {
  return [{ labels: [], t: ctx.ts, f }];
}
