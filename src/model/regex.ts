/**
 * Label-matcher regular expressions: Go RE2 syntax (`regexp/syntax` with Perl flags and `.`
 * matching newline, as Prometheus compiles `^(?s:re)$`), translated to a JavaScript RegExp with
 * the same meaning. The translator parses the pattern the way Go does, so it rejects what Go
 * rejects with Go's message (`error parsing regexp: missing closing ): `(``), and it spells every
 * construct out explicitly (`.`, `\s`, `^` under `(?m)`, case folding under `(?i:...)`) instead
 * of relying on JavaScript flags whose meaning differs.
 *
 * @module
 */
import { DrygateError } from '../errors.js';

export class RegexError extends DrygateError {
  override name = 'RegexError';
}

/** Go's `syntax.Error` text. */
function reError(code: string, expr: string): RegexError {
  return new RegexError(`error parsing regexp: ${code}: \`${expr}\``);
}

type Range = readonly [number, number];
const MAX_RUNE = 0x10ffff;

/** Ranges from a compact spec: single characters and `a-b` pairs (`'0-9A-Za-z_'`). */
function ranges(spec: string): Range[] {
  const cps = [...spec].map((ch) => ch.codePointAt(0) as number);
  const out: Range[] = [];
  for (let i = 0; i < cps.length; i++) {
    const lo = cps[i] as number;
    if (cps[i + 1] === 0x2d && i + 2 < cps.length) {
      out.push([lo, cps[i + 2] as number]);
      i += 2;
    } else out.push([lo, lo]);
  }
  return out;
}

/** `\d \s \w`: ASCII only in RE2 (`\s` has no `\v`). */
const PERL_GROUPS: Readonly<Record<string, readonly Range[]>> = {
  d: ranges('0-9'),
  s: ranges('\t\n\f\r '),
  w: ranges('0-9A-Z_a-z'),
};

const POSIX_GROUPS: Readonly<Record<string, readonly Range[]>> = {
  alnum: ranges('0-9A-Za-z'),
  alpha: ranges('A-Za-z'),
  ascii: ranges('\x00-\x7f'),
  blank: ranges('\t '),
  cntrl: ranges('\x00-\x1f\x7f'),
  digit: ranges('0-9'),
  graph: ranges('!-~'),
  lower: ranges('a-z'),
  print: ranges(' -~'),
  punct: ranges('!-/:-@[-`{-~'),
  space: ranges('\t-\r '),
  upper: ranges('A-Z'),
  word: ranges('0-9A-Z_a-z'),
  xdigit: ranges('0-9A-Fa-f'),
};

/** Case-fold orbits that JavaScript's toLowerCase/toUpperCase do not close. */
const EXTRA_FOLDS: ReadonlyMap<number, readonly number[]> = new Map(
  [
    'kK\u212a',
    'sS\u017f',
    '\u00b5\u03bc\u039c',
    '\u00e5\u00c5\u212b',
    '\u03c9\u03a9\u2126',
  ].flatMap((orbit) => {
    const cps = [...orbit].map((ch) => ch.codePointAt(0) as number);
    return cps.map((cp) => [cp, cps.filter((o) => o !== cp)] as const);
  }),
);

function foldVariants(cp: number): number[] {
  const out = new Set<number>([cp]);
  const ch = String.fromCodePoint(cp);
  for (const v of [ch.toLowerCase(), ch.toUpperCase()])
    if ([...v].length === 1) out.add(v.codePointAt(0) as number);
  for (const v of [...out]) for (const extra of EXTRA_FOLDS.get(v) ?? []) out.add(extra);
  return [...out];
}

function foldRanges(ranges: readonly Range[]): Range[] {
  const out: Range[] = [...ranges];
  for (const [lo, hi] of ranges) {
    if (hi - lo > 5000) {
      // Too wide to enumerate: fold the ASCII letters only.
      for (const [a, b, shift] of [
        [0x41, 0x5a, 0x20],
        [0x61, 0x7a, -0x20],
      ] as const) {
        const l = Math.max(lo, a);
        const h = Math.min(hi, b);
        if (l <= h) out.push([l + shift, h + shift]);
      }
      continue;
    }
    for (let cp = lo; cp <= hi; cp++)
      for (const v of foldVariants(cp)) if (v < lo || v > hi) out.push([v, v]);
  }
  return out;
}

function negateRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

function esc(cp: number): string {
  return /[0-9A-Za-z]/.test(String.fromCodePoint(cp))
    ? String.fromCodePoint(cp)
    : `\\u{${cp.toString(16)}}`;
}

function classText(ranges: readonly Range[], props: readonly string[], negated: boolean): string {
  const parts = ranges.map(([lo, hi]) => (lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`));
  return `[${negated ? '^' : ''}${parts.join('')}${props.join('')}]`;
}

interface Flags {
  readonly i: boolean;
  readonly m: boolean;
  readonly s: boolean;
  readonly U: boolean;
}

/** A Unicode class name as Go knows it, as a JavaScript property escape body. */
function unicodeProperty(name: string): string | null {
  if (name === 'Any') return 'Any';
  const candidate = /^[A-Z][a-z]?$/.test(name) ? `General_Category=${name}` : `Script=${name}`;
  try {
    new RegExp(`\\p{${candidate}}`, 'u');
    return candidate;
  } catch {
    return null;
  }
}

/** Parses RE2 syntax and emits an equivalent JavaScript pattern (for the `u` flag). */
class Translator {
  private readonly src: string;
  private pos = 0;
  private flags: Flags = { i: false, m: false, s: true, U: false };
  private readonly names = new Set<string>();
  private depth = 0;

  constructor(src: string) {
    this.src = src;
  }

  translate(): string {
    const out = this.alternation();
    if (this.pos < this.src.length) throw reError('unexpected )', this.src);
    return out;
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private alternation(): string {
    const branches = [this.concat()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.concat());
    }
    return branches.join('|');
  }

  /** A sequence of atoms, each with its repetitions, up to `|`, `)` or the end. */
  private concat(): string {
    let out = '';
    let last: string | null = null;
    let lastRepeat: number | null = null;
    const flush = (): void => {
      if (last !== null) out += last;
      last = null;
    };
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const start = this.pos;
      const repeat = this.repeatOp();
      if (repeat !== null) {
        if (lastRepeat !== null)
          throw reError('invalid nested repetition operator', this.src.slice(lastRepeat, this.pos));
        if (last === null)
          throw reError('missing argument to repetition operator', this.src.slice(start, this.pos));
        last = `${last}${repeat}`;
        lastRepeat = start;
        continue;
      }
      const atoms = this.atom();
      lastRepeat = null;
      // A flag group adds nothing: the atom before it can still take a repetition, as in Go.
      if (atoms.length === 0) continue;
      flush();
      out += atoms.slice(0, -1).join('');
      last = atoms[atoms.length - 1] as string;
    }
    flush();
    return out;
  }

  /** Reads `*`, `+`, `?` or `{n,m}` (with a trailing `?`); null when there is none. */
  private repeatOp(): string | null {
    const c = this.peek();
    let op: string;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      op = c;
    } else if (c === '{') {
      const m = /^\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}/.exec(this.src.slice(this.pos));
      if (m === null) return null;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === undefined ? -1 : Number(m[3]);
      if (min > 1000 || max > 1000 || (max >= 0 && min > max))
        throw reError('invalid repeat count', m[0]);
      this.pos += m[0].length;
      op = m[0];
    } else {
      return null;
    }
    let lazy = false;
    if (this.peek() === '?') {
      this.pos++;
      lazy = true;
    }
    return this.flags.U !== lazy ? `${op}?` : op;
  }

  /** One atom; returns the JS pieces (several for `\Q...\E`, none for a flag group). */
  private atom(): string[] {
    const c = this.peek();
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return [this.charClass()];
      case '.':
        this.pos++;
        return [this.flags.s ? '[^]' : '[^\\n]'];
      case '^':
        this.pos++;
        return [this.flags.m ? '(?:(?<![^\\n]))' : '(?:^)'];
      case '$':
        this.pos++;
        return [this.flags.m ? '(?:(?![^\\n]))' : '(?:$)'];
      case '\\':
        return this.escapeAtom();
    }
    const cp = this.src.codePointAt(this.pos) as number;
    this.pos += cp > 0xffff ? 2 : 1;
    return [this.literal(cp)];
  }

  private literal(cp: number): string {
    if (!this.flags.i) return esc(cp);
    const variants = foldVariants(cp);
    return variants.length === 1
      ? esc(cp)
      : classText(
          variants.map((v) => [v, v]),
          [],
          false,
        );
  }

  private group(): string[] {
    const start = this.pos;
    const rest = this.src.slice(this.pos);
    let open = '(';
    if (rest.startsWith('(?')) {
      const named = /^\(\?P?<([^>]*)>/.exec(rest);
      if (rest.startsWith('(?P<') || rest.startsWith('(?<')) {
        if (named === null) throw reError('invalid named capture', rest);
        const name = named[1] as string;
        if (!/^[A-Za-z0-9_]+$/.test(name)) throw reError('invalid named capture', named[0]);
        const jsName = /^[A-Za-z_]/.test(name) && !this.names.has(name);
        this.names.add(name);
        open = jsName ? `(?<${name}>` : '(';
        this.pos += named[0].length;
      } else {
        const flags = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
        if (flags === null || (flags[2] !== undefined && flags[2] === '')) {
          const bad = /^\(\?[imsU]*(-[imsU]*)?.?/.exec(rest)?.[0] ?? rest;
          throw reError('invalid or unsupported Perl syntax', bad);
        }
        const next: { -readonly [K in keyof Flags]: boolean } = { ...this.flags };
        for (const f of flags[1] as string) next[f as keyof Flags] = true;
        for (const f of flags[2] ?? '') next[f as keyof Flags] = false;
        this.pos += flags[0].length;
        if (flags[3] === ')') {
          this.flags = next;
          return [];
        }
        return [this.groupBody('(?:', next, start)];
      }
    } else {
      this.pos++;
    }
    return [this.groupBody(open, this.flags, start)];
  }

  private groupBody(open: string, flags: Flags, start: number): string {
    const saved = this.flags;
    this.flags = flags;
    if (++this.depth > 1000) throw reError('expression nests too deeply', this.src.slice(start));
    const body = this.alternation();
    this.depth--;
    if (this.peek() !== ')') throw reError('missing closing )', this.src);
    this.pos++;
    this.flags = saved;
    return `${open}${body})`;
  }

  private escapeAtom(): string[] {
    const next = this.peek(1);
    const simple: Readonly<Record<string, string>> = {
      A: '(?:^)',
      z: '(?:$)',
      b: '(?:\\b)',
      B: '(?:\\B)',
    };
    if (simple[next] !== undefined) {
      this.pos += 2;
      return [simple[next]];
    }
    if (next === 'C') throw reError('invalid escape sequence', '\\C');
    if (next === 'Q') {
      const end = this.src.indexOf('\\E', this.pos + 2);
      const text = this.src.slice(this.pos + 2, end < 0 ? undefined : end);
      this.pos = end < 0 ? this.src.length : end + 2;
      return [...text].map((ch) => this.literal(ch.codePointAt(0) as number));
    }
    const cls = this.classEscape();
    if (cls !== null) return [classText(cls.ranges, cls.props, cls.negated)];
    return [this.literal(this.escapeChar())];
  }

  /** `\d \s \w \D \S \W \pN \p{Greek} \PL`, or null when the escape is a single character. */
  private classEscape(): { ranges: Range[]; props: string[]; negated: boolean } | null {
    const next = this.peek(1);
    const perl = PERL_GROUPS[next.toLowerCase()];
    if (perl !== undefined && /[dswDSW]/.test(next)) {
      this.pos += 2;
      const ranges = this.flags.i ? foldRanges(perl) : [...perl];
      return { ranges, props: [], negated: next !== next.toLowerCase() };
    }
    if (next !== 'p' && next !== 'P') return null;
    const start = this.pos;
    let name: string;
    if (this.peek(2) === '{') {
      const end = this.src.indexOf('}', this.pos);
      if (end < 0) throw reError('invalid character class range', this.src.slice(start));
      name = this.src.slice(this.pos + 3, end);
      this.pos = end + 1;
    } else {
      name = this.peek(2);
      this.pos += 3;
    }
    let negated = next === 'P';
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const prop = unicodeProperty(name);
    if (prop === null)
      throw reError('invalid character class range', this.src.slice(start, this.pos));
    return { ranges: [], props: [`\\${negated ? 'P' : 'p'}{${prop}}`], negated: false };
  }

  /** A single-character escape (Go's `parseEscape`); the position is on the backslash. */
  private escapeChar(): number {
    const start = this.pos;
    this.pos++;
    if (this.pos >= this.src.length) throw reError('trailing backslash at end of expression', '');
    const cp = this.src.codePointAt(this.pos) as number;
    const c = String.fromCodePoint(cp);
    this.pos += c.length;
    const invalid = (): RegexError =>
      reError('invalid escape sequence', this.src.slice(start, this.pos));
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    const controls: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (controls[c] !== undefined) return controls[c];
    if (/[0-7]/.test(c)) {
      if (c !== '0' && !/[0-7]/.test(this.peek())) throw invalid();
      let value = Number(c);
      for (let n = 1; n < 3 && /[0-7]/.test(this.peek()); n++)
        value = value * 8 + Number(this.src[this.pos++]);
      return value;
    }
    if (c === 'x') {
      if (this.peek() === '{') {
        const m = /^\{([0-9A-Fa-f]+)\}/.exec(this.src.slice(this.pos));
        const value = m === null ? NaN : parseInt(m[1] as string, 16);
        if (m === null || !(value <= MAX_RUNE)) {
          this.pos = Math.min(this.src.length, this.pos + (m?.[0].length ?? 1));
          throw invalid();
        }
        this.pos += m[0].length;
        return value;
      }
      const hex = this.src.slice(this.pos, this.pos + 2);
      this.pos = Math.min(this.src.length, this.pos + 2);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw invalid();
      return parseInt(hex, 16);
    }
    throw invalid();
  }

  /** `[...]`, with POSIX names, Perl and Unicode classes, ranges and negation. */
  private charClass(): string {
    const whole = this.src.slice(this.pos);
    this.pos++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    let ranges: Range[] = [];
    const props: string[] = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      if (this.pos >= this.src.length) throw reError('missing closing ]', whole);
      first = false;
      const posix = /^\[:(\^?)(.*?):\]/su.exec(this.src.slice(this.pos));
      if (posix !== null) {
        const group = POSIX_GROUPS[posix[2] as string];
        if (group === undefined) throw reError('invalid character class range', posix[0]);
        ranges.push(
          ...(posix[1] === '^' ? negateRanges(this.flags.i ? foldRanges(group) : group) : group),
        );
        this.pos += posix[0].length;
        continue;
      }
      if (this.peek() === '\\') {
        const cls = this.classEscape();
        if (cls !== null) {
          ranges.push(...(cls.negated ? negateRanges(cls.ranges) : cls.ranges));
          props.push(...cls.props);
          continue;
        }
      }
      const rangeStart = this.pos;
      const lo = this.classChar(whole);
      let hi = lo;
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.pos++;
        hi = this.classChar(whole);
        if (hi < lo)
          throw reError('invalid character class range', this.src.slice(rangeStart, this.pos));
      }
      ranges.push([lo, hi]);
    }
    this.pos++;
    if (this.flags.i) ranges = foldRanges(ranges);
    return classText(ranges, props, negated);
  }

  private classChar(whole: string): number {
    if (this.pos >= this.src.length) throw reError('missing closing ]', whole);
    if (this.peek() === '\\') return this.escapeChar();
    const cp = this.src.codePointAt(this.pos) as number;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }
}

/** Translates RE2 syntax to a JavaScript pattern for the `u` flag, or throws RegexError. */
export function translateRe2(source: string): { pattern: string; flags: string } {
  return { pattern: new Translator(source).translate(), flags: 'u' };
}

const cache = new Map<string, RegExp>();

/**
 * Compiles a matcher regex, anchored at both ends. Cached, since matchers repeat across steps.
 *
 * @throws RegexError with Go's message for patterns Go's RE2 rejects.
 */
export function compileAnchored(source: string): RegExp {
  let re = cache.get(source);
  if (re !== undefined) return re;
  const { pattern, flags } = translateRe2(source);
  try {
    re = new RegExp(`^(?:${pattern})$`, flags);
  } catch (err) {
    throw new RegexError(`error parsing regexp: ${(err as Error).message}`, { cause: err });
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(source, re);
  return re;
}
