/**
 * Label-matcher regular expressions: Go RE2 syntax, fully anchored, `.` matching newlines
 * (Prometheus compiles `^(?s:re)$`). Translated to a JavaScript RegExp; constructs RE2 does
 * not have (look-around, back-references) are rejected as RE2 rejects them.
 *
 * @module
 */
import { DrygateError } from '../errors.js';

export class RegexError extends DrygateError {
  override name = 'RegexError';
}

const cache = new Map<string, RegExp>();

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Rewrites RE2 syntax into the JavaScript equivalent, or throws RegexError. */
export function translateRe2(source: string): { pattern: string; flags: string } {
  let flags = 's';
  let out = '';
  let i = 0;
  let inClass = false;
  while (i < source.length) {
    const c = source[i] as string;
    const rest = source.slice(i);
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined)
        throw new RegexError('error parsing regexp: trailing backslash at end of expression: ``');
      if (/[1-9]/.test(next))
        throw new RegexError(`error parsing regexp: invalid escape sequence: \`\\${next}\``);
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const literal = source.slice(i + 2, end < 0 ? undefined : end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? source.length : end + 2;
        continue;
      }
      if (next === 'A') out += '^';
      else if (next === 'z') out += '$';
      else if (next === 'p' || next === 'P') {
        const m = /^\\[pP](\{[^}]*\}|[A-Za-z])/.exec(rest);
        if (m === null)
          throw new RegexError(
            `error parsing regexp: invalid character class range: \`${rest.slice(0, 3)}\``,
          );
        const name = (m[1] as string).replace(/[{}]/g, '');
        out += `\\${next}{${name}}`;
        i += m[0].length;
        continue;
      } else out += `\\${next}`;
      i += 2;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
      if (posix !== null) {
        const chars = POSIX_CLASSES[posix[2] as string];
        if (chars === undefined)
          throw new RegexError(
            `error parsing regexp: invalid character class range: \`${posix[0]}\``,
          );
        if (posix[1] === '^')
          throw new RegexError('negated POSIX classes inside brackets are not supported');
        out += chars;
        i += posix[0].length;
        continue;
      }
      if (c === ']') inClass = false;
      else if (c === '[') out += '\\';
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (source[i] === '^') {
        out += '^';
        i++;
      }
      if (source[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const flagGroup = /^\(\?([imsU-]*)(:|\))/.exec(rest);
      if (rest.startsWith('(?P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith('(?=') || rest.startsWith('(?!') || rest.startsWith('(?<')) {
        throw new RegexError(
          `error parsing regexp: invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``,
        );
      }
      if (flagGroup !== null) {
        const [whole, set, end] = flagGroup as unknown as [string, string, string];
        if (set.includes('U')) throw new RegexError('the RE2 U (ungreedy) flag is not supported');
        if (end === ')' && out === '' && !set.includes('-')) {
          // Leading flags apply to the whole expression, which is all drygate needs to honour.
          if (set.includes('i') && !flags.includes('i')) flags += 'i';
          if (set.includes('m') && !flags.includes('m')) flags += 'm';
          i += whole.length;
          continue;
        }
        if (end === ':' && /^[s]*$/.test(set)) {
          out += '(?:';
          i += whole.length;
          continue;
        }
        throw new RegexError(`unsupported flag group \`${whole}\` inside a regular expression`);
      }
    }
    out += c;
    i++;
  }
  if (inClass) throw new RegexError(`error parsing regexp: missing closing ]: \`${source}\``);
  return { pattern: out, flags };
}

/**
 * Compiles a matcher regex, anchored at both ends. Cached, since matchers repeat across steps.
 *
 * @throws RegexError with an RE2-style message for invalid patterns.
 */
export function compileAnchored(source: string): RegExp {
  let re = cache.get(source);
  if (re !== undefined) return re;
  const { pattern, flags } = translateRe2(source);
  try {
    re = new RegExp(`^(?:${pattern})$`, `${flags}u`);
  } catch (err) {
    throw new RegexError(
      `error parsing regexp: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`,
      {
        cause: err,
      },
    );
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(source, re);
  return re;
}
