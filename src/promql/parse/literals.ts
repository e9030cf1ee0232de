/**
 * Number and string literals with Go's rules: Prometheus reads numbers with `strconv.ParseInt`
 * (base prefix, so `0755` is octal) and then `strconv.ParseFloat`, and strings with Go escapes.
 * The formatters reproduce the Go verbs the printer and the error messages use.
 *
 * @module
 */

/** The result of reading a literal: a value, or Prometheus's error text. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Go's `underscoreOK`: `_` may only separate digits (or a base prefix and a digit). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[box]/i.test(s[1] as string)) {
    i = 2;
    saw = '0';
    hex = /x/i.test(s[1] as string);
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if (/[0-9]/.test(c) || (hex && /[a-f]/i.test(c))) {
      saw = '0';
    } else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

const INT64_MAX = 2n ** 63n - 1n;

/** `strconv.ParseInt(s, 0, 64)` for unsigned text; undefined when it fails. */
function parseGoInt(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const t = s.replaceAll('_', '');
  let digits: string;
  let radix: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) [digits, radix] = [t.slice(2), 16];
  else if (/^0[bB][01]+$/.test(t)) [digits, radix] = [t.slice(2), 2];
  else if (/^0[oO][0-7]+$/.test(t)) [digits, radix] = [t.slice(2), 8];
  else if (/^0[0-7]*$/.test(t)) [digits, radix] = [t === '0' ? '0' : t.slice(1), 8];
  else if (/^[1-9][0-9]*$/.test(t)) [digits, radix] = [t, 10];
  else return undefined;
  let n = 0n;
  const big = BigInt(radix);
  for (const d of digits) {
    n = n * big + BigInt(parseInt(d, radix));
    if (n > INT64_MAX) return undefined;
  }
  return Number(n);
}

/** `strconv.ParseFloat(s, 64)` for the texts the lexer produces. */
function parseGoFloat(s: string): Parsed<number> {
  const syntax = {
    ok: false,
    error: `strconv.ParseFloat: parsing ${goQuoteAscii(s)}: invalid syntax`,
  } as const;
  const lower = s.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(lower))
    return { ok: true, value: lower.startsWith('-') ? -Infinity : Infinity };
  if (/^[+-]?nan$/.test(lower)) return { ok: true, value: NaN };
  if (s.includes('_') && !underscoreOK(s)) return syntax;
  const t = s.replaceAll('_', '');
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) return syntax;
  const value = Number(t);
  if (!Number.isFinite(value))
    return {
      ok: false,
      error: `strconv.ParseFloat: parsing ${goQuoteAscii(s)}: value out of range`,
    };
  return { ok: true, value };
}

/**
 * Reads a NUMBER token as Prometheus does: integer syntax with a base prefix first, float
 * syntax second. The error text is what follows `error parsing number: `.
 */
export function parseGoNumber(text: string): Parsed<number> {
  const asInt = parseGoInt(text);
  if (asInt !== undefined) return { ok: true, value: asInt };
  return parseGoFloat(text);
}

function goQuoteAscii(s: string): string {
  return JSON.stringify(s);
}

/**
 * Decodes a string token (quotes included) to bytes. The lexer has already rejected bad escapes,
 * so this only decodes. `\x` and octal escapes yield single bytes, as in Go.
 */
function unquoteBytes(token: string): Uint8Array {
  const quote = token[0];
  const body = token.slice(1, -1);
  const encoder = new TextEncoder();
  if (quote === '`' || !body.includes('\\')) return encoder.encode(body);
  const bytes: number[] = [];
  const pushText = (s: string): void => {
    for (const b of encoder.encode(s)) bytes.push(b);
  };
  const simple: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c !== '\\') {
      const ch = String.fromCodePoint(body.codePointAt(i) as number);
      pushText(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1] as string;
    const code = simple[e];
    if (code !== undefined) {
      bytes.push(code);
      i += 2;
    } else if (e === '\\' || e === '"' || e === "'") {
      bytes.push(e.charCodeAt(0));
      i += 2;
    } else if (e === 'x') {
      bytes.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (/[0-7]/.test(e)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
      i += 4;
    } else {
      const len = e === 'u' ? 4 : 8;
      pushText(String.fromCodePoint(parseInt(body.slice(i + 2, i + 2 + len), 16)));
      i += 2 + len;
    }
  }
  return new Uint8Array(bytes);
}

/**
 * The text of a token without escapes, when that is its value: a string without lone surrogates
 * is its own UTF-8 round trip (most label values take this path).
 */
function plainBody(token: string): string | undefined {
  const body = token.slice(1, -1);
  if (token[0] !== '`' && body.includes('\\')) return undefined;
  return LONE_SURROGATE.test(body) ? undefined : body;
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Decodes a string token; invalid UTF-8 from `\x`/octal escapes becomes U+FFFD. */
export function unquoteString(token: string): string {
  // ignoreBOM keeps a leading U+FEFF, as Go does (the default decoder drops it).
  return (
    plainBody(token) ?? new TextDecoder('utf-8', { ignoreBOM: true }).decode(unquoteBytes(token))
  );
}

/** Whether a string token decodes to valid UTF-8 (Prometheus checks this for label names). */
export function isValidUtf8String(token: string): boolean {
  if (plainBody(token) !== undefined) return true;
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(unquoteBytes(token));
    return true;
  } catch {
    return false;
  }
}

/** Whether Go's `strconv.Quote` would escape this code point. */
function needsEscape(cp: number): boolean {
  if (cp === 0xfffd) return true;
  return cp !== 0x20 && /[\p{C}\p{Z}]/u.test(String.fromCodePoint(cp));
}

/** Go's `strconv.Quote`: double quotes, Go escapes for control and non-printable characters. */
export function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (!needsEscape(cp)) out += ch;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Decimal digits and exponent of the shortest round-tripping representation. */
function shortestDigits(x: number): { digits: string; exp: number } {
  const [mantissa, e] = Math.abs(x).toExponential().split('e') as [string, string];
  return { digits: mantissa.replace('.', ''), exp: Number(e) };
}

function specialFloat(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

/** Go's `strconv.FormatFloat(x, 'f', -1, 64)`: shortest digits, never an exponent. */
export function formatFloatF(x: number): string {
  const special = specialFloat(x);
  if (special !== undefined) return special;
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0`;
  const { digits, exp } = shortestDigits(x);
  let body: string;
  if (exp < 0) body = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else if (digits.length <= exp + 1) body = digits + '0'.repeat(exp + 1 - digits.length);
  else body = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return sign + body;
}

/** Go's `%v` for a float (`strconv.FormatFloat(x, 'g', -1, 64)`): exponent below 1e-4 and from 1e6. */
export function formatFloatG(x: number): string {
  const special = specialFloat(x);
  if (special !== undefined) return special;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const { digits, exp } = shortestDigits(x);
  if (exp < -4 || exp >= 6) {
    const sign = x < 0 ? '-' : '';
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return formatFloatF(x);
}

/** Go's `%f`: six decimals, `+Inf`/`-Inf`/`NaN` for the specials. */
export function formatFloatFixed6(x: number): string {
  const special = specialFloat(x);
  if (special !== undefined) return special;
  if (Object.is(x, -0)) return '-0.000000';
  if (Math.abs(x) < 1e21) return x.toFixed(6);
  return `${BigInt(x).toString()}.000000`;
}
