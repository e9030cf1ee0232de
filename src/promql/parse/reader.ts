/**
 * The cursor under the lexer, and the scanners for the tokens whose syntax Prometheus checks in
 * detail: strings with Go escapes, raw strings, numbers and durations.
 *
 * @module
 */
import {
  EOF,
  type LexError,
  type Token,
  type TokenKind,
  formatRuneU,
  goQuote,
  isAlphaNumeric,
  isSpace,
} from './tokens.js';

const DEC = '0123456789';
const HEX = '0123456789abcdefABCDEF';

function isIn(set: string, c: number): boolean {
  return c >= 0 && set.includes(String.fromCodePoint(c));
}

export class Reader {
  protected readonly input: string;
  protected pos = 0;
  /** Where the token being read starts (Prometheus's `l.start`). */
  protected start = 0;
  private width = 0;
  /** Where the current lexing step began: errors are met by the parser at this point. */
  protected tokenStart = 0;
  protected readonly tokens: Token[] = [];
  protected error: LexError | null = null;

  constructor(input: string) {
    this.input = input;
  }

  /** Reads one code point; lone surrogates come back as U+FFFD, as Go decodes bad UTF-8. */
  protected next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const c = this.input.codePointAt(this.pos) as number;
    this.width = c > 0xffff ? 2 : 1;
    this.pos += this.width;
    return c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
  }
  protected backup(): void {
    this.pos -= this.width;
  }
  protected peek(): number {
    const c = this.next();
    this.backup();
    return c;
  }
  protected accept(set: string): boolean {
    if (isIn(set, this.next())) return true;
    this.backup();
    return false;
  }
  protected emit(kind: TokenKind): void {
    this.tokens.push({
      kind,
      text: this.input.slice(this.start, this.pos),
      start: this.start,
      end: this.pos,
    });
    this.start = this.pos;
  }
  protected fail(message: string): true {
    this.error = { message, pos: this.start, tokenStart: this.tokenStart };
    return true;
  }
  protected skipSpaces(): void {
    while (isSpace(this.peek())) this.next();
    this.start = this.pos;
  }
  protected skipComment(): void {
    while (this.pos < this.input.length && !'\r\n'.includes(this.input[this.pos] as string))
      this.pos++;
    this.start = this.pos;
  }

  protected lexString(quote: number): boolean {
    for (;;) {
      const c = this.next();
      if (c === 0x5c) {
        if (this.lexEscape(quote)) return true;
        continue;
      }
      if (c === 0xfffd) return this.fail('invalid UTF-8 rune');
      if (c === EOF || c === 0x0a) return this.fail('unterminated quoted string');
      if (c === quote) break;
    }
    this.emit('string');
    return false;
  }

  /** Validates one escape sequence as Go's lexer does; returns true (after `fail`) if bad. */
  private lexEscape(quote: number): boolean {
    let c = this.next();
    let digits: number;
    let base: number;
    let max: number;
    if (c === quote || isIn('abfnrtv\\', c)) return false;
    if (c >= 0x30 && c <= 0x37) {
      [digits, base, max] = [3, 8, 255];
    } else if (c === 0x78) {
      c = this.next();
      [digits, base, max] = [2, 16, 255];
    } else if (c === 0x75) {
      c = this.next();
      [digits, base, max] = [4, 16, 0x10ffff];
    } else if (c === 0x55) {
      c = this.next();
      [digits, base, max] = [8, 16, 0x10ffff];
    } else if (c === EOF) {
      return this.fail('escape sequence not terminated');
    } else {
      return this.fail(`unknown escape sequence ${formatRuneU(c)}`);
    }
    let x = 0;
    while (digits > 0) {
      const d = c === EOF ? 16 : HEX.indexOf(String.fromCodePoint(c).toLowerCase());
      if (d < 0 || d >= base) {
        if (c === EOF) return this.fail('escape sequence not terminated');
        return this.fail(`illegal character ${formatRuneU(c)} in escape sequence`);
      }
      x = x * base + d;
      digits--;
      if (digits > 0) c = this.next();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000))
      return this.fail('escape sequence is an invalid Unicode code point');
    return false;
  }

  protected lexRawString(): boolean {
    for (;;) {
      const c = this.next();
      if (c === 0xfffd) return this.fail('invalid UTF-8 rune');
      if (c === EOF) return this.fail('unterminated raw string');
      if (c === 0x60) break;
    }
    this.emit('string');
    return false;
  }

  protected lexNumberOrDuration(): boolean {
    if (this.scanNumber()) {
      this.emit('number');
      return false;
    }
    if (this.acceptRemainingDuration()) {
      this.backup();
      this.emit('duration');
      return false;
    }
    return this.fail(
      `bad number or duration syntax: ${goQuote(this.input.slice(this.start, this.pos))}`,
    );
  }

  private acceptRemainingDuration(): boolean {
    if (!this.accept('smhdwy')) return false;
    this.accept('s');
    while (this.accept(DEC)) {
      while (this.accept(DEC));
      if (!this.accept('smhdw')) return false;
      this.accept('s');
    }
    return !isAlphaNumeric(this.next());
  }

  /** Prometheus's `scanNumber`: decimal or hex, `_` separators, one dot, one exponent. */
  private scanNumber(): boolean {
    const initial = this.pos;
    let digits = DEC;
    if (this.accept('0') && this.accept('xX')) {
      this.accept('_');
      digits = HEX;
    }
    this.accept('.');
    this.accept(digits);
    let dot = false;
    let exponent = false;
    while (isIn(digits + '._eE', this.peek())) {
      const c = this.peek();
      if (c === 0x2e && dot) {
        this.accept('.');
        return false;
      }
      if ((c === 0x65 || c === 0x45) && exponent) {
        this.accept('eE');
        return false;
      }
      if (this.accept('.')) {
        dot = true;
        if (this.accept('_.') || digits === HEX) return false;
        continue;
      }
      if (this.accept('eE')) {
        exponent = true;
        this.accept('+-');
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      if (this.accept('_')) {
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      while (this.accept(digits));
    }
    if (this.pos === initial) return false;
    return !isAlphaNumeric(this.peek());
  }
}
