/**
 * String functions with Go's exact behaviour: `strings.ToUpper`/`ToLower` (one rune at a time, so
 * `ß` stays `ß`), `x/text/cases` title casing (as Prometheus's `title`), `url.QueryEscape`, and
 * `text/template`'s `html` and `js` escapers.
 *
 * @module
 */
import { isPrint } from './errors.js';
import { utf8Bytes } from './quote.js';

/** Go maps each rune to one rune; where Unicode's full mapping gives several, Go keeps the rune. */
const SIMPLE_LOWER: ReadonlyMap<string, string> = new Map([['\u0130', 'i']]);

function mapRunes(
  s: string,
  map: (ch: string) => string,
  special: ReadonlyMap<string, string>,
): string {
  let out = '';
  for (const ch of s) {
    const fixed = special.get(ch);
    if (fixed !== undefined) {
      out += fixed;
      continue;
    }
    const mapped = map(ch);
    out += [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

/** Go's `strings.ToUpper`. */
export function goToUpper(s: string): string {
  return mapRunes(s, (ch) => ch.toUpperCase(), new Map());
}

/** Go's `strings.ToLower`. */
export function goToLower(s: string): string {
  return mapRunes(s, (ch) => ch.toLowerCase(), SIMPLE_LOWER);
}

const CASED = /^[\p{Lowercase}\p{Uppercase}\p{Lt}]$/u;
/** Word-break "Mid" characters: MidLetter, MidNumLet, Single_Quote and format characters. */
const MID =
  /^[:.'\u00b7\u0387\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a\p{Cf}]$/u;
/** Characters that never break a word: letters, digits, marks and connectors such as `_`. */
const LETTER = /^[\p{L}\p{N}\p{M}\p{Pc}]$/u;

/** Title-case mapping for the few letters whose title case differs from upper case. */
const TITLE_CASE: ReadonlyMap<string, string> = new Map([
  ['\u01c4', '\u01c5'],
  ['\u01c5', '\u01c5'],
  ['\u01c6', '\u01c5'],
  ['\u01c7', '\u01c8'],
  ['\u01c8', '\u01c8'],
  ['\u01c9', '\u01c8'],
  ['\u01ca', '\u01cb'],
  ['\u01cb', '\u01cb'],
  ['\u01cc', '\u01cb'],
  ['\u01f1', '\u01f2'],
  ['\u01f2', '\u01f2'],
  ['\u01f3', '\u01f2'],
]);

function toTitle(ch: string): string {
  const special = TITLE_CASE.get(ch);
  if (special !== undefined) return special;
  const upper = [...ch.toUpperCase()];
  if (upper.length === 1) return upper[0] as string;
  // Full mappings such as ß -> SS become Ss in title case.
  return (upper[0] as string) + upper.slice(1).join('').toLowerCase();
}

/**
 * `cases.Title(language.AmericanEnglish, cases.NoLower)`: the first cased letter of each word is
 * title-cased and the rest is left alone. Words break as in x/text's approximation of UAX #29:
 * letters, digits and `_` join; one "mid" character (`.`, `:`, `'`) joins, two in a row break;
 * anything else (spaces, `-`, `/`) breaks.
 */
export function goTitle(s: string): string {
  let out = '';
  let midWord = false;
  let prevMid = false;
  for (const ch of s) {
    const isMid = MID.test(ch);
    if (prevMid && isMid) midWord = false;
    if (CASED.test(ch)) {
      out += midWord ? ch : toTitle(ch);
      midWord = true;
    } else {
      out += ch;
      if (!isMid && !LETTER.test(ch)) midWord = false;
    }
    prevMid = isMid;
  }
  return out;
}

/** Go's `url.QueryEscape`: everything but `A-Za-z0-9-_.~` is %-encoded, and a space is `+`. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\ufffd',
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/** `text/template`'s `HTMLEscapeString`. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (ch) => HTML_ESCAPES[ch] as string);
}

const JS_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/** `text/template`'s `JSEscapeString`. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    const simple = JS_ESCAPES[ch];
    if (simple !== undefined) out += simple;
    else if (c < 0x20) out += `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c < 0x80 || isPrint(ch)) out += ch;
    else out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}
