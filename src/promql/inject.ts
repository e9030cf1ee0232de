/**
 * Required label matchers injected into every selector of a query, as prom-label-proxy does,
 * but refusing a query that already selects a different value for the label.
 *
 * The query text is edited in place (one insertion per selector) rather than re-printed, so
 * that the query sent reads like the query written.
 *
 * @module
 */
import type { Matcher } from '../model/matcher.js';
import { goQuote } from '../model/quote.js';
import { type PositionRange, type VectorSelector, walk } from './ast.js';
import { parseExpr } from './parse/parse.js';

/** A selector that already matches the label with something other than the required value. */
export interface InjectionConflict {
  readonly label: string;
  readonly required: string;
  readonly existing: Matcher;
  /** The selector's position in the query. */
  readonly pos: PositionRange;
}

export interface InjectionResult {
  readonly query: string;
  readonly conflicts: readonly InjectionConflict[];
  /** How many matchers were added. */
  readonly added: number;
}

const IDENTIFIER = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/**
 * Adds `label="value"` for each required label to every vector selector that lacks it.
 * A selector that has `label="value"` already (or `=~` with exactly that value) is left alone;
 * any other matcher on the label is a conflict and the query is returned unchanged.
 *
 * @throws ParseError when the query does not parse.
 */
export function injectMatchers(
  query: string,
  required: Readonly<Record<string, string>>,
): InjectionResult {
  const names = Object.keys(required).sort();
  if (names.length === 0) return { query, conflicts: [], added: 0 };
  const selectors: VectorSelector[] = [];
  walk(parseExpr(query), (node) => {
    if (node.kind === 'VectorSelector') selectors.push(node);
  });
  const conflicts: InjectionConflict[] = [];
  const insertions: { at: number; text: string }[] = [];
  let added = 0;
  for (const selector of selectors) {
    const missing: string[] = [];
    for (const name of names) {
      const value = required[name] as string;
      const existing = selector.matchers.filter((m) => m.name === name);
      if (existing.length === 0) {
        missing.push(`${name}=${goQuote(value)}`);
        continue;
      }
      for (const m of existing) {
        if (!selectsExactly(m, value))
          conflicts.push({ label: name, required: value, existing: m, pos: selector.pos });
      }
    }
    if (missing.length === 0) continue;
    insertions.push(insertionFor(query, selector, missing));
    added += missing.length;
  }
  if (conflicts.length > 0) return { query, conflicts, added: 0 };
  let out = query;
  for (const { at, text } of insertions.sort((a, b) => b.at - a.at))
    out = out.slice(0, at) + text + out.slice(at);
  return { query: out, conflicts: [], added };
}

function selectsExactly(m: Matcher, value: string): boolean {
  if (m.type === '=') return m.value === value;
  // `=~"prod"` selects exactly "prod" when the pattern has no regex syntax in it.
  return m.type === '=~' && m.value === value && !/[\\^$.|?*+()[\]{}]/.test(value);
}

/** Where and what to insert: inside the braces, or braces after a bare metric name. */
function insertionFor(
  query: string,
  selector: VectorSelector,
  matchers: readonly string[],
): { at: number; text: string } {
  const start = selector.pos.start;
  const head = query.slice(start, selector.pos.end);
  const name = IDENTIFIER.exec(head)?.[0] ?? '';
  let i = name.length;
  while (i < head.length && /\s/.test(head[i] as string)) i++;
  if (head[i] === '{') {
    let j = i + 1;
    while (j < head.length && /\s/.test(head[j] as string)) j++;
    const empty = head[j] === '}';
    return { at: start + j, text: matchers.join(', ') + (empty ? '' : ', ') };
  }
  return { at: start + name.length, text: `{${matchers.join(', ')}}` };
}
