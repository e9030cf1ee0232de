import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors.js';
import { metricFamilies } from './arbitrary.case.js';
import { parseExposition } from './parse.js';
import type { MetricFamily } from './types.js';
import { writeExposition } from './write.js';

/** Go's writers print -0 as `0`, so negative zero comes back as zero. */
function withoutNegativeZero(families: MetricFamily[]): MetricFamily[] {
  return families.map((family) => ({
    ...family,
    samples: family.samples.map((sample) =>
      Object.is(sample.value, -0) ? { ...sample, value: 0 } : sample,
    ),
  }));
}

describe('write -> parse gives back the same families', () => {
  it.each(['text', 'openmetrics'] as const)('%s', (format) => {
    fc.assert(
      fc.property(metricFamilies(format), (families) => {
        const written = writeExposition(families, { format });
        expect(parseExposition(written, { format })).toEqual(withoutNegativeZero(families));
      }),
      { numRuns: 500 },
    );
  });
});

/** Anything the parser throws must be its own error type, never a TypeError or RangeError. */
function parsesOrRejects(input: string): void {
  try {
    parseExposition(input);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    expect(err.position.line).toBeGreaterThanOrEqual(1);
    expect(err.position.column).toBeGreaterThanOrEqual(1);
  }
}

describe('fuzz: the parser throws nothing but ParseError', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) =>
        parsesOrRejects(Buffer.from(bytes).toString('latin1')),
      ),
      { numRuns: 3000 },
    );
  });

  it('on random text built from exposition characters', () => {
    const unit = fc.constantFrom(...'ab_:{}="\\\n #,.0123456789+-eEInfNaHELPTYPEOF\t');
    fc.assert(fc.property(fc.string({ unit, maxLength: 120 }), parsesOrRejects), { numRuns: 5000 });
  });

  it('on valid input with random edits', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 4 }),
      insert: fc.string({ unit: fc.constantFrom(...'{}="\\\n #,.9+-eE \t'), maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('text' as const, 'openmetrics' as const),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        metricFamilies('text'),
        (format, edits, families) => {
          let input = writeExposition(families, { format });
          for (const e of edits) {
            const at = input.length === 0 ? 0 : e.at % input.length;
            input = input.slice(0, at) + e.insert + input.slice(at + e.remove);
          }
          parsesOrRejects(input);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
