/**
 * Every `eval` expression of the Prometheus promqltest corpus must parse, and print back to
 * text that parses to the same AST. The corpus is read at test time from `shared/corpus`
 * (or `$DRYGATE_CORPUS`, the promqltest folder); it is never copied into this repository.
 */
import { describe, expect, it } from 'vitest';
import { corpusEvals, corpusFiles } from '../../../test/support/corpus.js';
import { ParseError } from '../../errors.js';
import { printExpr } from '../print.js';
import { parseExpr } from './parse.js';

/** Expressions we do not parse yet, with the reason (checked to fail as stated). None today. */
const SKIP: readonly { reason: string; matches: (query: string) => boolean; error: RegExp }[] = [];

/** The AST without positions: what must survive printing and parsing again. */
function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'pos')
      .map(([key, v]) => [key, withoutPositions(v)]),
  );
}

const lookup = corpusFiles();
const evals = corpusEvals() ?? [];

describe.skipIf(lookup.files === undefined)(`promqltest corpus ${lookup.skipReason}`, () => {
  it('finds the evals the corpus README counts', () => {
    // 2,214 in the Prometheus 3.14 corpus; a corpus given by DRYGATE_CORPUS may differ.
    if (process.env['DRYGATE_CORPUS'] === undefined) expect(evals.length).toBe(2214);
    else expect(evals.length).toBeGreaterThan(0);
  });

  for (const file of [...new Set(evals.map((e) => e.file))]) {
    describe(file, () => {
      for (const { line, query } of evals.filter((e) => e.file === file)) {
        const skip = SKIP.find((s) => s.matches(query));
        if (skip !== undefined) {
          it.skip(`line ${line}: ${query} (skipped: ${skip.reason})`, () => {});
          continue;
        }
        it(`line ${line}: ${query}`, () => {
          const expr = parseExpr(query);
          const printed = printExpr(expr);
          expect(withoutPositions(parseExpr(printed)), printed).toEqual(withoutPositions(expr));
          // Printing is canonical: a second round gives the same text.
          expect(printExpr(parseExpr(printed))).toBe(printed);
        });
      }
    });
  }

  it('rejects the skipped expressions with a ParseError that says why', () => {
    for (const { query } of evals) {
      const skip = SKIP.find((s) => s.matches(query));
      if (skip === undefined) continue;
      expect(() => parseExpr(query)).toThrow(ParseError);
      expect(() => parseExpr(query)).toThrow(skip.error);
    }
  });
});
