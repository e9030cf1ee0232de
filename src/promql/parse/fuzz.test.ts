/**
 * Property tests: whatever the input, parseExpr returns an AST or throws ParseError, never
 * anything else; and whatever parses prints back to text that parses to the same AST.
 * Inputs are random strings, PromQL token soup, and corpus expressions with random edits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusEvals } from '../../../test/support/corpus.js';
import { ParseError } from '../../errors.js';
import type { Expr } from '../ast.js';
import { printExpr } from '../print.js';
import { parseExpr } from './parse.js';

const corpus: string[] = (corpusEvals() ?? []).map((e) => e.query);

const words = (text: string): string[] => text.split(' ');
const TOKENS: readonly string[] = [
  ...words('foo bar sum rate by without on ignoring group_left group_right bool offset and or'),
  ...words('unless atan2 topk count_values min_of step start end fill fill_left inf NaN'),
  ...words('( ) { } [ ] , : = != =~ !~ == + - * / % ^ < >= </ @ # constructor __proto__'),
  ...words('"a" \'b\' `c` "\\x" 0 1 5m 1.5 .5 0x1F 1e3 5. 1h30m job __name__ "é" 😀'),
  ' ',
  '\n',
];

/** Random edits: delete a slice, insert a token, or duplicate a slice. */
const edit = fc.tuple(
  fc.constantFrom('delete', 'insert', 'duplicate'),
  fc.nat(),
  fc.nat(8),
  fc.constantFrom(...TOKENS),
);

function mutate(
  query: string,
  edits: readonly (readonly [string, number, number, string])[],
): string {
  let q = query;
  for (const [kind, at, len, token] of edits) {
    const i = q.length === 0 ? 0 : at % (q.length + 1);
    if (kind === 'delete') q = q.slice(0, i) + q.slice(i + len);
    else if (kind === 'insert') q = q.slice(0, i) + token + q.slice(i);
    else q = q.slice(0, i + len) + q.slice(i, i + len) + q.slice(i + len);
  }
  return q;
}

function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'pos')
      .map(([key, v]) => [key, withoutPositions(v)]),
  );
}

/** The property: a ParseError or an AST that survives printing. */
function check(query: string): void {
  let expr: Expr;
  try {
    expr = parseExpr(query);
  } catch (err) {
    if (!(err instanceof ParseError))
      throw new Error(`${JSON.stringify(query)} threw ${String(err)}`, { cause: err });
    expect(err.message).toMatch(/^\d+:\d+: parse error: ./);
    return;
  }
  const printed = printExpr(expr);
  expect(withoutPositions(parseExpr(printed)), `${query} -> ${printed}`).toEqual(
    withoutPositions(expr),
  );
}

const RUNS = Number(process.env['DRYGATE_FUZZ_RUNS'] ?? 1500);

describe('parseExpr fuzzing', () => {
  it('random strings only ever throw ParseError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), check), { numRuns: RUNS });
  });

  it('PromQL token soup only ever throws ParseError', () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((t) => t.join(''));
    fc.assert(fc.property(soup, check), { numRuns: RUNS });
  });

  it.skipIf(corpus.length === 0)(
    'mutated corpus expressions only ever throw ParseError (skipped without the corpus)',
    () => {
      const mutated = fc
        .tuple(
          fc.constantFrom(...corpus),
          fc.array(edit, {
            minLength: 1,
            maxLength: Number(process.env['DRYGATE_FUZZ_EDITS'] ?? 3),
          }),
        )
        .map(([q, edits]) => mutate(q, edits));
      fc.assert(fc.property(mutated, check), { numRuns: RUNS * 2 });
    },
  );
});
