/**
 * Go `regexp` operations for `match` and `reReplaceAll`, on top of drygate's RE2-to-JavaScript
 * translator. Unlike label matchers these are unanchored and `.` does not match a newline, and
 * replacement follows Go's `Expand` (`$1x` names a group called `1x`; `${1}x` is group 1 then x).
 *
 * @module
 */
import { RegexError, translateRe2 } from '../../model/regex.js';
import { FuncError } from './errors.js';
import { canBackquote, goQuote } from './quote.js';

interface Compiled {
  readonly re: RegExp;
  /** Capture group names by group number (index 0 is the whole match). */
  readonly names: readonly string[];
}

const cache = new Map<string, Compiled>();

/** Names of the capturing groups of a valid RE2 pattern, in order. */
function groupNames(pattern: string): string[] {
  const names = [''];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        i = end < 0 ? pattern.length : end + 1;
      } else i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (c !== '(') continue;
    if (pattern[i + 1] !== '?') names.push('');
    else {
      const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(pattern.slice(i));
      if (named !== null) names.push(named[1] as string);
    }
  }
  return names;
}

/**
 * Compiles like Go's `regexp.Compile`.
 *
 * @throws RegexError with Go's `error parsing regexp: ...` text.
 */
export function compileGo(pattern: string): Compiled {
  let compiled = cache.get(pattern);
  if (compiled !== undefined) return compiled;
  // Translate once as written, so that errors quote the pattern as Go does; then with `(?-s:...)`
  // because the translator makes `.` match newlines by default, as PromQL matchers need.
  translateRe2(pattern);
  const { pattern: source, flags } = translateRe2(`(?-s:${pattern})`);
  let re: RegExp;
  try {
    re = new RegExp(source, `${flags}g`);
  } catch (err) {
    throw new RegexError(`error parsing regexp: ${(err as Error).message}`, { cause: err });
  }
  compiled = { re, names: groupNames(pattern) };
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** Go's `regexp.MatchString(pattern, s)`. */
export function matchString(pattern: string, s: string): boolean {
  let compiled: Compiled;
  try {
    compiled = compileGo(pattern);
  } catch (err) {
    if (err instanceof RegexError) throw new FuncError(err.message);
    throw err;
  }
  compiled.re.lastIndex = 0;
  return compiled.re.test(s);
}

/** Go's `regexp.MustCompile(pattern).ReplaceAllString(src, repl)`. */
export function replaceAllString(pattern: string, repl: string, src: string): string {
  let compiled: Compiled;
  try {
    compiled = compileGo(pattern);
  } catch (err) {
    if (!(err instanceof RegexError)) throw err;
    // MustCompile panics; the template's safeCall reports the panic text.
    const quoted = canBackquote(pattern) ? `\`${pattern}\`` : goQuote(pattern);
    throw new FuncError(`regexp: Compile(${quoted}): ${err.message}`);
  }
  const { re, names } = compiled;
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    re.lastIndex = searchPos;
    const m = re.exec(src);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    out += src.slice(lastMatchEnd, start);
    // No replacement for an empty match right after the previous match.
    if (end > lastMatchEnd || start === 0) out += expand(repl, m, names);
    lastMatchEnd = end;
    const width =
      src.codePointAt(searchPos) !== undefined && (src.codePointAt(searchPos) as number) > 0xffff
        ? 2
        : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;

/** Go's `Regexp.Expand` for one match. */
function expand(template: string, m: RegExpExecArray, names: readonly string[]): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractName(rest);
    if (ref === undefined) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    if (ref.num >= 0) {
      out += m[ref.num] ?? '';
    } else {
      const index = names.indexOf(ref.name);
      if (index >= 0) out += m[index] ?? '';
    }
  }
  return out + rest;
}

function extractName(s: string): { name: string; num: number; rest: string } | undefined {
  let brace = false;
  if (s.startsWith('{')) {
    brace = true;
    s = s.slice(1);
  }
  let i = 0;
  for (const ch of s) {
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = s.slice(0, i);
  if (brace) {
    if (s[i] !== '}') return undefined;
    i++;
  }
  let num = /^[0-9]+$/.test(name) && name.length <= 8 ? Number(name) : -1;
  if (name.length > 1 && name.startsWith('0')) num = -1;
  return { name, num, rest: s.slice(i) };
}
