/**
 * String literals as PromQL and Go write them: `"..."` and `'...'` with Go escapes, and
 * `` `...` `` raw. Escapes such as `\xc5` produce bytes, not characters, so the text is built as
 * UTF-8 bytes and decoded at the end (invalid sequences become U+FFFD, as JavaScript strings
 * cannot hold them).
 *
 * @module
 */

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  '\\': 0x5c,
};

/** Why a literal was rejected, and at which UTF-16 offset of the literal. */
export interface UnquoteFailure {
  readonly error: string;
  readonly offset: number;
}

export type UnquoteResult = { readonly value: string } | UnquoteFailure;

const decoder = new TextDecoder('utf-8');

/**
 * Unquotes a PromQL string literal (Prometheus `strutil.Unquote`): double or single quotes of any
 * length with Go escapes (the other quote may not be escaped), or backticks taken literally.
 */
export function unquotePromqlString(literal: string): UnquoteResult {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote)
    return { error: 'unterminated quoted string', offset: 0 };
  const body = literal.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) return { error: 'unexpected backtick in raw string', offset: 1 };
    return { value: body };
  }
  if (quote !== '"' && quote !== "'") return { error: 'invalid quote character', offset: 0 };
  return unescape(body, quote, 1);
}

/**
 * Unquotes a Go string literal (`strconv.Unquote`): `"..."` with escapes, `` `...` `` raw
 * (carriage returns dropped), or `'x'` holding exactly one character.
 */
export function unquoteGoString(literal: string): UnquoteResult {
  const quote = literal[0];
  if (quote === '`') {
    const result = unquotePromqlString(literal);
    return 'value' in result ? { value: result.value.replaceAll('\r', '') } : result;
  }
  const result = unquotePromqlString(literal);
  if (quote === "'" && 'value' in result && [...result.value].length !== 1)
    return { error: 'a single-quoted literal must hold exactly one character', offset: 0 };
  return result;
}

function unescape(body: string, quote: string, base: number): UnquoteResult {
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === quote) return { error: `unescaped ${quote} inside the string`, offset: base + i };
    if (c === '\n') return { error: 'unterminated quoted string', offset: base + i };
    if (c !== '\\') {
      const cp = body.codePointAt(i) as number;
      pushUtf8(bytes, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return { error: 'escape sequence not terminated', offset: base + i };
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      bytes.push(simple);
      i += 2;
      continue;
    }
    if (e === quote) {
      bytes.push(quote.charCodeAt(0));
      i += 2;
      continue;
    }
    const spec =
      e >= '0' && e <= '7'
        ? { digits: 3, radix: 8, skip: 1, max: 255, raw: true }
        : e === 'x'
          ? { digits: 2, radix: 16, skip: 2, max: 255, raw: true }
          : e === 'u'
            ? { digits: 4, radix: 16, skip: 2, max: 0x10ffff, raw: false }
            : e === 'U'
              ? { digits: 8, radix: 16, skip: 2, max: 0x10ffff, raw: false }
              : undefined;
    if (spec === undefined) return { error: `unknown escape sequence \\${e}`, offset: base + i };
    const start = i + spec.skip;
    const text = body.slice(start, start + spec.digits);
    const valid = spec.radix === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
    if (text.length !== spec.digits || !valid.test(text))
      return { error: 'invalid escape sequence', offset: base + i };
    const n = parseInt(text, spec.radix);
    if (n > spec.max || (!spec.raw && n >= 0xd800 && n < 0xe000))
      return { error: 'escape sequence is an invalid Unicode code point', offset: base + i };
    if (spec.raw) bytes.push(n);
    else pushUtf8(bytes, n);
    i = start + spec.digits;
  }
  return { value: decoder.decode(Uint8Array.from(bytes)) };
}

function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000)
    bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else
    bytes.push(
      0xf0 | (cp >> 18),
      0x80 | ((cp >> 12) & 0x3f),
      0x80 | ((cp >> 6) & 0x3f),
      0x80 | (cp & 0x3f),
    );
}
