/**
 * Every `eval` expression of the Prometheus promqltest corpus must parse, and print back to
 * text that parses to the same AST. The corpus is read at test time from `shared/corpus`
 * (or `$DRYGATE_CORPUS`, the promqltest folder); it is never copied into this repository.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../errors.js';
import { printExpr } from '../print.js';
import { parseExpr } from './parse.js';

const CORPUS =
  process.env['DRYGATE_CORPUS'] ??
  fileURLToPath(new URL('../../../../shared/corpus/promqltest', import.meta.url));

// The two eval header forms of the promqltest harness (corpus README, section 1.6).
const INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const RANGE =
  /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

/** Expressions we do not support yet, with the reason (checked to fail as stated). */
const SKIP = [
  {
    reason: 'extended range selectors (`anchored`, `smoothed`) are not in the AST',
    matches: (query: string): boolean => /\b(anchored|smoothed)\b/i.test(query),
    error: /(anchored|smoothed) modifier is experimental and not enabled/,
  },
];

interface Eval {
  readonly file: string;
  readonly line: number;
  readonly query: string;
}

function readEvals(): Eval[] {
  const evals: Eval[] = [];
  for (const file of readdirSync(CORPUS)
    .filter((f) => f.endsWith('.test'))
    .sort()) {
    readFileSync(join(CORPUS, file), 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        const line = raw.trim();
        const query = INSTANT.exec(line)?.[3] ?? RANGE.exec(line)?.[5];
        if (query !== undefined) evals.push({ file, line: i + 1, query });
      });
  }
  return evals;
}

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

const evals = readEvals();

describe('promqltest corpus', () => {
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
