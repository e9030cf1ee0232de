import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judge, satisfies } from '../evaluate/judge.js';
import type { ComparisonOp, Condition, MatchRule } from '../spec/types.js';
import { criticalValue } from './critical.js';

const cond = (op: ComparisonOp, threshold: number): Condition => ({
  op,
  threshold,
  text: `${op} ${threshold}`,
});

describe('criticalValue', () => {
  it('picks the order statistic the match rule needs', () => {
    const values = [3, 1, 2].map((value) => ({ value }));
    expect(criticalValue(values, '>=', { kind: 'all' })).toBe(1);
    expect(criticalValue(values, '<', { kind: 'all' })).toBe(3);
    expect(criticalValue(values, '>', { kind: 'any' })).toBe(3);
    expect(criticalValue(values, '<=', { kind: 'any' })).toBe(1);
    expect(criticalValue(values, '>=', { kind: 'count', min: 2 })).toBe(2);
    expect(criticalValue(values, '<', { kind: 'count', min: 3 })).toBe(3);
    expect(criticalValue(values, '>', { kind: 'count', min: 4 })).toBeNaN();
    expect(criticalValue([{ value: NaN }, { value: 5 }], '>', { kind: 'all' })).toBeNaN();
    expect(criticalValue([{ value: NaN }, { value: 5 }], '>', { kind: 'any' })).toBe(5);
  });

  it('passes a threshold exactly when judge says pass, for any values and threshold', () => {
    const value = fc.oneof(
      fc.constantFrom(NaN, Infinity, -Infinity, 0, 1, 0.99, 0.5),
      fc.double({ noNaN: true }),
    );
    const match: fc.Arbitrary<MatchRule> = fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.constant({ kind: 'any' as const }),
      fc.integer({ min: 0, max: 4 }).map((min) => ({ kind: 'count' as const, min })),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<ComparisonOp>('<', '<=', '>', '>='),
        // Tunable gates have a finite threshold.
        fc.oneof(
          fc.constantFrom(0, 1, 0.99, 0.5),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        match,
        (values, op, threshold, m) => {
          const observed = values.map((v) => ({ labels: [], value: v }));
          const judged = judge(observed, (v) => satisfies(v, cond(op, threshold)), 'x', m);
          fc.pre(judged.state !== 'nodata');
          const c = criticalValue(observed, op, m);
          expect(satisfies(c, cond(op, threshold))).toBe(judged.state === 'pass');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
