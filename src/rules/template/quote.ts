/**
 * Go's `strconv` quoting rules as templates need them: unquoting string and character literals
 * (with byte escapes that may build multi-byte UTF-8), and quoting for `%q` and messages.
 *
 * @module
 */
import { goQuote } from '../../model/quote.js';

export { goQuote };

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
};

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** One unquoted unit: a code point, or a raw byte from `\x` or octal escapes. */
interface Unit {
  readonly value: number;
  readonly isByte: boolean;
  readonly next: number;
}

/** Go's `strconv.UnquoteChar` on `s` at `i`; undefined for invalid syntax. */
function unquoteChar(s: string, i: number, quote: string): Unit | undefined {
  const ch = String.fromCodePoint(s.codePointAt(i) as number);
  if (ch === quote && (quote === "'" || quote === '"')) return undefined;
  if (ch !== '\\')
    return { value: ch.codePointAt(0) as number, isByte: false, next: i + ch.length };
  const c = s[i + 1];
  if (c === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { value: simple, isByte: false, next: i + 2 };
  switch (c) {
    case 'x':
    case 'u':
    case 'U': {
      const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const hex = s.slice(i + 2, i + 2 + n);
      if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const value = parseInt(hex, 16);
      if (c === 'x') return { value, isByte: true, next: i + 2 + n };
      if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
      return { value, isByte: false, next: i + 2 + n };
    }
    case "'":
    case '"':
      return c === quote ? { value: c.charCodeAt(0), isByte: false, next: i + 2 } : undefined;
  }
  if (c >= '0' && c <= '7') {
    const oct = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const value = parseInt(oct, 8);
    return value > 255 ? undefined : { value, isByte: true, next: i + 4 };
  }
  return undefined;
}

/**
 * Go's `strconv.Unquote` for `"..."` and `` `...` `` literals. Returns undefined where Go reports
 * `invalid syntax`.
 */
export function goUnquote(literal: string): string | undefined {
  if (literal.length < 2) return undefined;
  const quote = literal[0];
  if (quote !== literal[literal.length - 1]) return undefined;
  const body = literal.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) return undefined;
    // Carriage returns inside raw strings are discarded, as in Go source.
    return body.replaceAll('\r', '');
  }
  if (quote !== '"' || body.includes('\n')) return undefined;
  if (!body.includes('\\') && !body.includes('"')) return body;
  const bytes: number[] = [];
  for (let i = 0; i < body.length;) {
    const unit = unquoteChar(body, i, '"');
    if (unit === undefined) return undefined;
    if (unit.isByte) bytes.push(unit.value);
    else bytes.push(...encoder.encode(String.fromCodePoint(unit.value)));
    i = unit.next;
  }
  return decoder.decode(new Uint8Array(bytes));
}

/**
 * The rune of a character constant such as `'a'` or `'\n'`, or an error text as Go's parser
 * reports it.
 */
export function unquoteCharConstant(literal: string): number | string {
  const unit = unquoteChar(literal, 1, "'");
  if (unit === undefined) return 'invalid syntax';
  if (literal.slice(unit.next) !== "'") return `malformed character constant: ${literal}`;
  return unit.value;
}

/** Go's `strconv.QuoteRune`. */
export function quoteRune(cp: number): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  const ch = String.fromCodePoint(cp);
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  return `'${goQuote(ch).slice(1, -1)}'`;
}

/** Go's `strconv.CanBackquote`: no backquote, no control characters other than tab. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '`' || c === 0xfeff || c === 0x7f) return false;
    if (c < 0x20 && ch !== '\t') return false;
  }
  return true;
}

/** UTF-8 length of a string, which is what Go's `len` and byte offsets count. */
export function byteLength(s: string): number {
  return encoder.encode(s).length;
}

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
