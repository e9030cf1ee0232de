/**
 * Tokens of a series value sequence, after Prometheus's `lexValueSequence`: one SPACE per run of
 * whitespace, `+ - x _` as their own tokens, numbers by the PromQL number scanner (no hex here,
 * since `x` means "repeat"), words, and whole `{{...}}` histogram literals.
 *
 * @module
 */

export interface Token {
  readonly type: 'SPACE' | 'ADD' | 'SUB' | 'TIMES' | 'BLANK' | 'NUMBER' | 'IDENT' | 'HIST';
  readonly text: string;
  readonly pos: number;
  /** For HIST: whether the literal spells out `counter_reset_hint`. */
  readonly hint: boolean;
}

type Fail = (reason: string, offset: number) => never;

const SPACE = /[ \t\r\n]/;
const DIGIT = /[0-9]/;
const ALNUM = /[a-zA-Z0-9_]/;

const HISTOGRAM_KEYS: Readonly<Record<string, 'number' | 'list' | 'hint'>> = {
  schema: 'number',
  sum: 'number',
  count: 'number',
  z_bucket: 'number',
  z_bucket_w: 'number',
  offset: 'number',
  n_offset: 'number',
  buckets: 'list',
  n_buckets: 'list',
  custom_values: 'list',
  counter_reset_hint: 'hint',
};
const HINTS = new Set(['unknown', 'reset', 'not_reset', 'gauge']);
const HIST_NUMBER =
  /^-?(?:[0-9][0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?|inf|nan)$/i;

export function tokenizeValues(text: string, from: number, fail: Fail): Token[] {
  const tokens: Token[] = [];
  let pos = from;
  const emit = (type: Token['type'], start: number, hint = false): void => {
    tokens.push({ type, text: text.slice(start, pos), pos: start, hint });
  };
  while (pos < text.length) {
    const start = pos;
    const c = text[pos] as string;
    if (SPACE.test(c)) {
      while (SPACE.test(text[pos] ?? '')) pos++;
      emit('SPACE', start);
    } else if (c === '{' && text[pos + 1] === '{') {
      const end = text.indexOf('}}', pos + 2);
      if (end < 0) fail('histogram description incomplete: missing "}}"', start);
      const hint = checkHistogram(text.slice(pos + 2, end), pos + 2, fail);
      pos = end + 2;
      emit('HIST', start, hint);
    } else if (c === '+' || c === '-' || c === 'x' || c === '_') {
      pos++;
      emit(c === '+' ? 'ADD' : c === '-' ? 'SUB' : c === 'x' ? 'TIMES' : 'BLANK', start);
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(text[pos + 1] ?? ''))) {
      pos = scanNumber(text, pos);
      if (pos < 0) {
        const word = /^\S*/.exec(text.slice(start)) as RegExpExecArray;
        fail(`bad number syntax: ${JSON.stringify(word[0])}`, start);
      }
      emit('NUMBER', start);
    } else if (/[a-zA-Z]/.test(c)) {
      while (ALNUM.test(text[pos] ?? '') || text[pos] === ':') pos++;
      emit(/^(inf|nan)$/i.test(text.slice(start, pos)) ? 'NUMBER' : 'IDENT', start);
    } else {
      fail(`unexpected character in series values: ${JSON.stringify(c)}`, start);
    }
  }
  return tokens;
}

/**
 * Prometheus's `scanNumber` in series mode: `[.]?[digit]` then digits, one dot, one exponent
 * with sign, underscores between digits; it must not run into a letter other than `x`.
 * Returns the end offset, or -1 for a malformed number.
 */
function scanNumber(text: string, from: number): number {
  let pos = from;
  const is = (set: string): boolean => pos < text.length && set.includes(text[pos] as string);
  const accept = (set: string): boolean => (is(set) ? (pos++, true) : false);
  const digits = '0123456789';
  accept('.');
  accept(digits);
  let dot = false;
  let exponent = false;
  while (is(`${digits}._eE`)) {
    if (is('.') && dot) return -1;
    if (is('eE') && exponent) return -1;
    if (accept('.')) {
      dot = true;
      if (accept('_.')) return -1;
      continue;
    }
    if (accept('eE')) {
      exponent = true;
      accept('+-');
      if (accept('._eE') || pos >= text.length) return -1;
      continue;
    }
    if (accept('_')) {
      if (accept('._eE') || pos >= text.length) return -1;
      continue;
    }
    while (accept(digits));
  }
  if (pos === from) return -1;
  const next = text[pos];
  if (next === undefined || next === 'x' || !ALNUM.test(next)) return pos;
  return -1;
}

/** Checks `key:value` pairs of a histogram literal; returns whether it sets the reset hint. */
function checkHistogram(body: string, offset: number, fail: Fail): boolean {
  const item = /\s*([a-zA-Z_]+)\s*:\s*(\[[^\]]*\]|[^\s\]]+)/y;
  const seen = new Set<string>();
  let pos = 0;
  while (pos < body.length) {
    if (/^\s*$/.test(body.slice(pos))) break;
    item.lastIndex = pos;
    const m = item.exec(body);
    if (m === null) fail('bad histogram description', offset + pos);
    const key = (m[1] as string).toLowerCase();
    const value = m[2] as string;
    const kind = HISTOGRAM_KEYS[key];
    if (kind === undefined)
      fail(`bad histogram descriptor found: ${JSON.stringify(key)}`, offset + pos);
    if (seen.has(key)) fail(`duplicate histogram descriptor ${JSON.stringify(key)}`, offset + pos);
    seen.add(key);
    const ok =
      kind === 'hint'
        ? HINTS.has(value.toLowerCase())
        : kind === 'number'
          ? HIST_NUMBER.test(value)
          : value.startsWith('[') &&
            value
              .slice(1, -1)
              .split(/\s+/)
              .filter((v) => v !== '')
              .every((v) => HIST_NUMBER.test(v));
    if (!ok)
      fail(`bad value for histogram descriptor ${key}: ${JSON.stringify(value)}`, offset + pos);
    pos = item.lastIndex;
  }
  return seen.has('counter_reset_hint');
}
