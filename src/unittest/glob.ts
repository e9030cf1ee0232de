/**
 * Go's `filepath.Glob` for rule_files patterns: `*`, `?` and `[...]` within one path segment.
 *
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';

const MAGIC = /[*?[\\]/;

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A segment pattern as a RegExp; undefined for a malformed pattern (Go's ErrBadPattern). */
export function segmentRegExp(pattern: string): RegExp | undefined {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) return undefined;
      out += next.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('^')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\(?!.)/g, '\\\\')}]`;
      i = end;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`${out}$`, 's');
  } catch {
    return undefined;
  }
}

/** Files matching `pattern`, sorted per directory as Go's Glob returns them. */
export function glob(pattern: string): string[] {
  if (!MAGIC.test(pattern)) return exists(pattern) ? [pattern] : [];
  const parts = pattern.split(sep);
  let bases = [isAbsolute(pattern) ? sep : ''];
  if (isAbsolute(pattern)) parts.shift();
  for (const part of parts) {
    const next: string[] = [];
    for (const base of bases) {
      if (!MAGIC.test(part)) {
        const path = base === '' ? part : join(base, part);
        if (exists(path)) next.push(path);
        continue;
      }
      const re = segmentRegExp(part);
      if (re === undefined) return [];
      let names: string[];
      try {
        names = readdirSync(base === '' ? '.' : base).sort();
      } catch {
        continue;
      }
      for (const name of names) if (re.test(name)) next.push(base === '' ? name : join(base, name));
    }
    bases = next;
  }
  return bases;
}
