/**
 * What a label-matcher regex can match, for the checks that read patterns: Prometheus anchors
 * every regex matcher, so `^` and `$` are redundant, and a pattern without metacharacters is a
 * plain string.
 *
 * @module
 */
import { compileAnchored } from '../../model/regex.js';

const META = /[.*+?()[\]{}|^$\\]/;

/** The literal a pattern without metacharacters (after unescaping `\.` and friends) stands for. */
export function literalOf(pattern: string): string | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || /[a-zA-Z0-9]/.test(next)) return undefined;
      out += next;
      i++;
    } else if (META.test(c)) return undefined;
    else out += c;
  }
  return out;
}

/**
 * The pattern without a leading `^` and a trailing unescaped `$`, the anchors Prometheus adds
 * anyway: `^api$` -> `api`, but the escaped dollar of `api\$` (a literal `$`) stays.
 */
export function stripAnchors(pattern: string): string {
  const p = pattern.startsWith('^') ? pattern.slice(1) : pattern;
  // An odd number of backslashes before the `$` escapes it.
  const tail = /(\\*)\$$/.exec(p);
  return tail !== null && (tail[1] ?? '').length % 2 === 0 ? p.slice(0, -1) : p;
}

/** Splits a pattern at `|` outside groups and classes. */
function alternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

/** Removes redundant anchors and wrapping groups: `^(?:prod)$` -> `prod`. */
function unwrap(pattern: string): string {
  let p = pattern;
  for (;;) {
    const before = p;
    if (p.startsWith('^')) p = p.slice(1);
    if (p.endsWith('$') && !p.endsWith('\\$')) p = p.slice(0, -1);
    const group = /^\((?:\?:)?(.*)\)$/s.exec(p);
    if (
      group !== null &&
      alternatives(group[1] as string).length === 1 &&
      balanced(group[1] as string)
    )
      p = group[1] as string;
    if (p === before) return p;
  }
}

function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * The strings a regex matcher can match when it is a list of literals (`prod`, `prod|staging`,
 * `^(prod)$`); undefined when it matches a pattern.
 */
export function literalAlternatives(pattern: string): string[] | undefined {
  const out: string[] = [];
  for (const alt of alternatives(unwrap(pattern))) {
    const lit = literalOf(unwrap(alt));
    if (lit === undefined) return undefined;
    out.push(lit);
  }
  return out;
}

/** Whether an anchored regex matches exactly one string, `value`. */
export function matchesOnly(pattern: string, value: string): boolean {
  try {
    if (!compileAnchored(pattern).test(value)) return false;
  } catch {
    return false;
  }
  const literals = literalAlternatives(pattern);
  return literals !== undefined && literals.every((l) => l === value);
}
