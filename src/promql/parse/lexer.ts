/**
 * A tokenizer that follows Prometheus's PromQL lexer (`promql/parser/lex.go`) state by state.
 *
 * The lezer grammar builds the tree, but its tokenizer is more lenient than Prometheus's (it
 * accepts unterminated strings, any escape, `5m1h`) and stricter in places (`5.`, `0755`). This
 * lexer runs first: its tokens give exact values, its first error gives Prometheus's message, and
 * its token list lets us describe a lezer syntax error the way Prometheus's parser would.
 *
 * @module
 */
import { Reader } from './reader.js';
import {
  EOF,
  type LexResult,
  isAlpha,
  isAlphaNumeric,
  isDigit,
  isSpace,
  keywordKind,
  quoteRune,
} from './tokens.js';

const DURATION_KEYWORDS: ReadonlySet<string> = new Set(['step', 'range', 'max_of', 'min_of']);

/** Runs the lexer over the whole query, stopping at the first error. */
export function lex(input: string): LexResult {
  return new Lexer(input).run();
}

class Lexer extends Reader {
  private parenDepth = 0;
  private braceOpen = false;
  private bracketOpen = false;
  private gotColon = false;
  private gotDuration = false;
  /** True right after `[`: Prometheus lexes the first operand of a duration specially. */
  private durationMode = false;

  run(): LexResult {
    for (;;) {
      this.tokenStart = this.pos;
      const done = this.durationMode
        ? this.lexDuration()
        : this.braceOpen
          ? this.lexInsideBraces()
          : this.lexStatement();
      if (done || this.error !== null) break;
    }
    return { tokens: this.tokens, error: this.error };
  }

  /** One step of Prometheus's `lexStatements`; returns true at the end of input. */
  /** `(` and `)` in any state: track the depth, reject a `)` without its `(`. */
  private parenthesis(c: string): boolean {
    this.emit('punct');
    this.parenDepth += c === '(' ? 1 : -1;
    return this.parenDepth < 0 ? this.fail("unexpected right parenthesis ')'") : false;
  }

  private lexStatement(): boolean {
    if (this.input.startsWith('#', this.pos)) {
      this.skipComment();
      return false;
    }
    const c = this.next();
    const ch = c === EOF ? '' : String.fromCodePoint(c);
    if (c === EOF) {
      if (this.parenDepth !== 0) return this.fail('unclosed left parenthesis');
      if (this.bracketOpen) return this.fail('unclosed left bracket');
      this.emit('eof');
      return true;
    }
    if (isSpace(c)) {
      this.skipSpaces();
      return false;
    }
    switch (ch) {
      case ',':
        this.emit('punct');
        return false;
      case '*':
      case '/':
      case '%':
      case '+':
      case '-':
      case '^':
      case '@':
        this.emit('operator');
        return false;
      case '=': {
        const t = this.peek();
        if (t === 0x3d) {
          this.next();
          this.emit('operator');
        } else if (t === 0x7e) {
          return this.fail(`unexpected character after '=': ${quoteRune(t)}`);
        } else {
          this.emit('punct');
        }
        return false;
      }
      case '!': {
        const t = this.next();
        if (t !== 0x3d) return this.fail(`unexpected character after '!': ${quoteRune(t)}`);
        this.emit('operator');
        return false;
      }
      case '<':
      case '>':
        if (this.peek() === 0x3d || this.peek() === 0x2f) this.next();
        this.emit('operator');
        return false;
      case '"':
      case "'":
        return this.lexString(c);
      case '`':
        return this.lexRawString();
      case '(':
      case ')':
        return this.parenthesis(ch);
      case '{':
        this.emit('punct');
        this.braceOpen = true;
        return false;
      case '[':
        if (this.bracketOpen) return this.fail("unexpected left bracket '['");
        this.gotColon = false;
        this.emit('punct');
        this.skipSpaces();
        this.bracketOpen = true;
        this.durationMode = true;
        return false;
      case ']':
        if (!this.bracketOpen) return this.fail("unexpected right bracket ']'");
        this.emit('punct');
        this.bracketOpen = false;
        return false;
    }
    if (isDigit(c) || (c === 0x2e && isDigit(this.peek()))) {
      this.backup();
      return this.lexNumberOrDuration();
    }
    if (isAlpha(c) || c === 0x3a) {
      if (!this.bracketOpen) {
        this.backup();
        this.lexKeywordOrIdentifier();
        return false;
      }
      if (c === 0x3a) {
        if (this.gotColon) return this.fail("unexpected colon ':'");
        this.emit('punct');
        this.gotColon = true;
        return false;
      }
      if (this.scanDurationKeyword()) return false;
      return this.fail(`unexpected character: ${quoteRune(c)}, expected ':'`);
    }
    return this.fail(`unexpected character: ${quoteRune(c)}`);
  }

  /** Prometheus's `lexDurationExpr`: the state right after `[`, up to the first number. */
  private lexDuration(): boolean {
    const c = this.next();
    if (c === EOF) return this.fail('unexpected end of input in duration expression');
    const ch = String.fromCodePoint(c);
    switch (ch) {
      case ']':
        this.emit('punct');
        this.bracketOpen = false;
        this.gotColon = false;
        this.durationMode = false;
        return false;
      case ':':
        this.emit('punct');
        if (!this.gotDuration)
          return this.fail('unexpected colon before duration in duration expression');
        if (this.gotColon) return this.fail('unexpected repeated colon in duration expression');
        this.gotColon = true;
        return false;
      case '(':
      case ')':
        return this.parenthesis(ch);
      case ',':
        this.emit('punct');
        return false;
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '^':
        this.emit('operator');
        return false;
    }
    if (isSpace(c)) {
      this.skipSpaces();
      return false;
    }
    if ('srmSRM'.includes(ch)) {
      if (this.scanDurationKeyword()) return false;
      return this.fail(`unexpected character in duration expression: ${quoteRune(c)}`);
    }
    if (isDigit(c) || (c === 0x2e && isDigit(this.peek()))) {
      this.backup();
      this.gotDuration = true;
      this.durationMode = false;
      return this.lexNumberOrDuration();
    }
    return this.fail(`unexpected character in duration expression: ${quoteRune(c)}`);
  }

  /** Reads the rest of a word after its first letter; emits it if it is a duration keyword. */
  private scanDurationKeyword(): boolean {
    while (isAlpha(this.next()));
    this.backup();
    const word = this.input.slice(this.start, this.pos).toLowerCase();
    if (!DURATION_KEYWORDS.has(word)) return false;
    this.emit('preprocessor');
    return true;
  }

  private lexInsideBraces(): boolean {
    if (this.input.startsWith('#', this.pos)) {
      this.skipComment();
      return false;
    }
    const c = this.next();
    if (c === EOF) return this.fail('unexpected end of input inside braces');
    if (isSpace(c)) {
      this.skipSpaces();
      return false;
    }
    if (isAlpha(c)) {
      while (isAlphaNumeric(this.next()));
      this.backup();
      this.emit('identifier');
      return false;
    }
    const ch = String.fromCodePoint(c);
    switch (ch) {
      case ',':
        this.emit('punct');
        return false;
      case '"':
      case "'":
        return this.lexString(c);
      case '`':
        return this.lexRawString();
      case '=':
        if (this.next() === 0x7e) {
          this.emit('operator');
        } else {
          this.backup();
          this.emit('punct');
        }
        return false;
      case '!': {
        const t = this.next();
        if (t !== 0x7e && t !== 0x3d)
          return this.fail(`unexpected character after '!' inside braces: ${quoteRune(t)}`);
        this.emit('operator');
        return false;
      }
      case '{':
        return this.fail("unexpected left brace '{'");
      case '}':
        this.emit('punct');
        this.braceOpen = false;
        return false;
    }
    return this.fail(`unexpected character inside braces: ${quoteRune(c)}`);
  }

  private lexKeywordOrIdentifier(): void {
    for (;;) {
      const c = this.next();
      if (!(isAlphaNumeric(c) || c === 0x3a)) break;
    }
    this.backup();
    const word = this.input.slice(this.start, this.pos);
    const lower = word.toLowerCase();
    const kind = keywordKind(lower);
    if (kind !== undefined) {
      // fill, fill_left and fill_right are keywords only when a parenthesis follows.
      if (lower.startsWith('fill') && !this.followedByLeftParen()) this.emit('identifier');
      else this.emit(kind);
    } else {
      this.emit(word.includes(':') ? 'metric-identifier' : 'identifier');
    }
  }

  private followedByLeftParen(): boolean {
    let i = this.pos;
    while (i < this.input.length && isSpace(this.input.charCodeAt(i))) i++;
    return this.input[i] === '(';
  }
}
