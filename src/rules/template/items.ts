/**
 * The items (tokens) of Go's template lexer and how parse errors print them (`<end>`, `"}}"`,
 * `"1234567890"...`).
 *
 * @module
 */
import { goQuote } from './quote.js';

/** The keyword items, in Go's order (everything that prints as `<word>` in parse errors). */
const KEYWORDS = [
  'block',
  'break',
  'continue',
  'dot',
  'define',
  'else',
  'end',
  'if',
  'nil',
  'range',
  'template',
  'with',
] as const;
export type KeywordType = (typeof KEYWORDS)[number];

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'EOF'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | KeywordType;

export interface Item {
  readonly type: ItemType;
  /** Offset of the item's first character in the template text. */
  readonly pos: number;
  readonly val: string;
  /** Line (from 1) on which the item starts. */
  readonly line: number;
}

export const KEYWORD_WORDS: ReadonlyMap<string, KeywordType> = new Map([
  ['.', 'dot'],
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

export function isKeyword(type: ItemType): boolean {
  return (KEYWORDS as readonly string[]).includes(type);
}

/** Go's `item.String()`, used in `unexpected X in Y` messages. */
export function itemString(item: Item): string {
  if (item.type === 'EOF') return 'EOF';
  if (item.type === 'error') return item.val;
  if (isKeyword(item.type)) return `<${item.val}>`;
  const runes = [...item.val];
  if (runes.length > 10) return `${goQuote(runes.slice(0, 10).join(''))}...`;
  return goQuote(item.val);
}

// Character classes of the lexer.

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

export function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || (ch !== '' && (LETTER.test(ch) || DIGIT.test(ch)));
}

export function hasLeftTrimMarker(s: string): boolean {
  return s.length >= 2 && s[0] === '-' && isSpace(s[1] as string);
}

export function hasRightTrimMarker(s: string): boolean {
  return s.length >= 2 && isSpace(s[0] as string) && s[1] === '-';
}

export function isAsciiPrint(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && c >= 0x20 && c < 0x7f;
}

export function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export function leftTrimLength(s: string): number {
  return s.length - s.replace(/^[ \t\r\n]+/, '').length;
}
