/**
 * PromQL tokens as Prometheus's lexer classifies them, and the Go quoting its messages use.
 *
 * @module
 */

/** Token classes, as far as Prometheus's error messages tell them apart. */
export type TokenKind =
  | 'eof'
  | 'identifier'
  | 'metric-identifier'
  | 'number'
  | 'duration'
  | 'string'
  /** `(` `)` `{` `}` `[` `]` `,` `=` `:` */
  | 'punct'
  /** Arithmetic, comparison and set operators, `=~`, `!~`, `@`. */
  | 'operator'
  | 'aggregator'
  /** `by`, `without`, `on`, `ignoring`, `group_left`, `offset`, `bool`, `fill` ... */
  | 'keyword'
  /** `start`, `end`, `step`, `range`, `min_of`, `max_of`. */
  | 'preprocessor';

export interface Token {
  readonly kind: TokenKind;
  /** The source text, quotes included for strings. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface LexError {
  readonly message: string;
  /** Where Prometheus reports it (the lexer's start mark, sometimes after the token). */
  readonly pos: number;
  /** Where the token that failed begins: a parser reading tokens in order meets it here. */
  readonly tokenStart: number;
}

export interface LexResult {
  /** Tokens up to the first error; ends with an `eof` token when there is none. */
  readonly tokens: readonly Token[];
  readonly error: LexError | null;
}

const KEYWORDS: readonly (readonly [TokenKind, string])[] = [
  ['operator', 'and or unless atan2'],
  [
    'aggregator',
    'sum avg count min max group stddev stdvar topk bottomk count_values quantile limitk limit_ratio',
  ],
  [
    'keyword',
    'offset smoothed anchored by without on ignoring group_left group_right fill fill_left fill_right bool',
  ],
  ['preprocessor', 'start end step range max_of min_of'],
  ['number', 'inf nan'],
];

const KEYWORD_KINDS: ReadonlyMap<string, TokenKind> = new Map(
  KEYWORDS.flatMap(([kind, words]) => words.split(' ').map((w) => [w, kind] as const)),
);

/** The token kind Prometheus gives a reserved word (lower-cased), or undefined for a name. */
export function keywordKind(lowerWord: string): TokenKind | undefined {
  return KEYWORD_KINDS.get(lowerWord);
}

export const EOF = -1;

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
export function isAlpha(c: number): boolean {
  return c === 0x5f || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
export function isAlphaNumeric(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}

/** Go's `%q` for a rune, as Prometheus's lexer messages print it. */
export function quoteRune(c: number): string {
  if (c === EOF || c === 0xfffd) return "'\uFFFD'";
  const ch = String.fromCodePoint(c);
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  const simple: Record<string, string> = {
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
  };
  const esc = simple[ch];
  if (esc !== undefined) return `'${esc}'`;
  if (isPrintable(c)) return `'${ch}'`;
  if (c < 0x80) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  if (c < 0x10000) return `'\\u${c.toString(16).padStart(4, '0')}'`;
  return `'\\U${c.toString(16).padStart(8, '0')}'`;
}

/** Go's `%#U`: `U+0063 'c'`, without the quoted character when it is not printable. */
export function formatRuneU(c: number): string {
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrintable(c) ? `${hex} '${String.fromCodePoint(c)}'` : hex;
}

/** An approximation of Go's `strconv.IsPrint`: graphic characters plus the ASCII space. */
export function isPrintable(c: number): boolean {
  if (c === 0x20) return true;
  return !/[\p{C}\p{Z}]/u.test(String.fromCodePoint(c));
}

/** Go's `strconv.Quote` for the ASCII-ish texts lexer messages quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (isPrintable(c) && c !== 0xfffd) out += ch;
    else out += quoteRune(c).slice(1, -1);
  }
  return `${out}"`;
}
