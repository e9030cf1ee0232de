/**
 * Go `regexp` operations for `match` and `reReplaceAll`, on top of drygate's RE2-to-JavaScript
 * translator. Unlike label matchers these are unanchored and `.` does not match a newline, and
 * replacement follows Go's `Expand` (`$1x` names a group called `1x`; `${1}x` is group 1 then x).
 *
 * @module
 */
import { RegexError, translateRe2 } from '../../model/regex.js';
import { expandRegexTemplate } from '../../model/regex-expand.js';
import { FuncError } from './errors.js';
import { canBackquote, goQuote } from './quote.js';

interface Compiled {
  readonly re: RegExp;
}

const cache = new Map<string, Compiled>();

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
  compiled = { re };
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
  const { re } = compiled;
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
    if (end > lastMatchEnd || start === 0) out += expandRegexTemplate(repl, m);
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
