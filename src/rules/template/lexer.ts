/**
 * The lexer of Go's `text/template` (`parse/lex.go`): a pull scanner that the parser asks for one
 * item at a time. It keeps Go's states and messages, including the trim markers `{{- ` and ` -}}`,
 * comments, and newlines inside actions, because the parser's error texts depend on exactly which
 * item comes back and on which line it started.
 *
 * Positions are UTF-16 offsets into the text; the executor converts them to Go's byte offsets only
 * when it formats an error.
 *
 * @module
 */
import { formatRune } from './errors.js';
import type { Item, ItemType } from './items.js';
import {
  KEYWORD_WORDS,
  countNewlines,
  hasLeftTrimMarker,
  hasRightTrimMarker,
  isAlphaNumeric,
  isAsciiPrint,
  isSpace,
  leftTrimLength,
} from './items.js';
import { goQuote } from './quote.js';

const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
/** A trim marker is the `-` plus the space beside it. */
const TRIM_MARKER_LEN = 2;
/** What `next()` returns at the end of the input. */
const EOF = '';

/** Go's state functions: each scans a little and returns the next, or null with an item. */
type State = (() => State) | null;

export class Lexer {
  private input: string;
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private insideAction = false;
  private item: Item = { type: 'EOF', pos: 0, val: 'EOF', line: 1 };

  constructor(input: string) {
    this.input = input;
  }

  /** Returns the next item; after EOF or an error it keeps returning EOF. */
  nextItem(): Item {
    this.item = { type: 'EOF', pos: this.pos, val: 'EOF', line: this.startLine };
    let state: State = this.insideAction ? this.lexInsideAction : this.lexText;
    while (state !== null) state = state();
    return this.item;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos) as number;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    if (ch === '\n') this.line++;
    return ch;
  }

  private peek(): string {
    const ch = this.next();
    this.backup();
    return ch;
  }

  private backup(): void {
    if (this.atEOF || this.pos <= 0) return;
    const low = this.input.charCodeAt(this.pos - 1);
    const high = this.input.charCodeAt(this.pos - 2);
    const width =
      low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff && this.pos >= 2 ? 2 : 1;
    this.pos -= width;
    if (this.input[this.pos] === '\n') this.line--;
  }

  private thisItem(type: ItemType): Item {
    const item = {
      type,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    };
    this.start = this.pos;
    this.startLine = this.line;
    return item;
  }

  private emit(type: ItemType): State {
    return this.emitItem(this.thisItem(type));
  }

  private emitItem(item: Item): State {
    this.item = item;
    return null;
  }

  private ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  private accept(valid: string): boolean {
    const ch = this.next();
    if (ch !== EOF && valid.includes(ch)) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === EOF || !valid.includes(ch)) break;
    }
    this.backup();
  }

  private errorf(message: string): State {
    this.item = { type: 'error', pos: this.start, val: message, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    const rest = this.input.slice(this.pos);
    if (hasRightTrimMarker(rest) && rest.startsWith(RIGHT_DELIM, TRIM_MARKER_LEN)) {
      return { delim: true, trim: true };
    }
    return { delim: rest.startsWith(RIGHT_DELIM), trim: false };
  }

  private atTerminator(): boolean {
    const ch = this.peek();
    if (isSpace(ch)) return true;
    if (ch === EOF || '.,|:)('.includes(ch)) return true;
    return this.input.startsWith(RIGHT_DELIM, this.pos);
  }

  private readonly lexText = (): State => {
    const x = this.input.indexOf(LEFT_DELIM, this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trimLength = 0;
        if (hasLeftTrimMarker(this.input.slice(x + LEFT_DELIM.length))) {
          const text = this.input.slice(this.start, this.pos);
          trimLength = text.length - text.replace(/[ \t\r\n]+$/, '').length;
        }
        this.pos -= trimLength;
        this.line += countNewlines(this.input.slice(this.start, this.pos));
        const item = this.thisItem('text');
        this.pos += trimLength;
        this.ignore();
        if (item.val.length > 0) return this.emitItem(item);
      }
      return this.lexLeftDelim;
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += countNewlines(this.input.slice(this.start, this.pos));
      return this.emit('text');
    }
    return this.emit('EOF');
  };

  private readonly lexLeftDelim = (): State => {
    this.pos += LEFT_DELIM.length;
    const trimSpace = hasLeftTrimMarker(this.input.slice(this.pos));
    const afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return this.lexComment;
    }
    const item = this.thisItem('leftDelim');
    this.insideAction = true;
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return this.emitItem(item);
  };

  private readonly lexComment = (): State => {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + RIGHT_COMMENT.length;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.thisItem('text'); // the comment itself; Go drops it unless asked to keep comments
    if (trim) this.pos += TRIM_MARKER_LEN;
    this.pos += RIGHT_DELIM.length;
    if (trim) this.pos += leftTrimLength(this.input.slice(this.pos));
    this.ignore();
    return this.lexText;
  };

  private readonly lexRightDelim = (): State => {
    const { trim } = this.atRightDelim();
    if (trim) {
      this.pos += TRIM_MARKER_LEN;
      this.ignore();
    }
    this.pos += RIGHT_DELIM.length;
    const item = this.thisItem('rightDelim');
    if (trim) {
      this.pos += leftTrimLength(this.input.slice(this.pos));
      this.ignore();
    }
    this.insideAction = false;
    return this.emitItem(item);
  };

  private readonly lexInsideAction = (): State => {
    if (this.atRightDelim().delim) {
      if (this.parenDepth === 0) return this.lexRightDelim;
      return this.errorf('unclosed left paren');
    }
    const ch = this.next();
    if (ch === EOF) return this.errorf('unclosed action');
    if (isSpace(ch)) {
      this.backup(); // Put the space back in case it starts " -}}".
      return this.lexSpace;
    }
    switch (ch) {
      case '=':
        return this.emit('assign');
      case ':':
        if (this.next() !== '=') return this.errorf('expected :=');
        return this.emit('declare');
      case '|':
        return this.emit('pipe');
      case '"':
        return this.lexQuote;
      case '`':
        return this.lexRawQuote;
      case '$':
        return this.lexVariable;
      case "'":
        return this.lexChar;
      case '(':
        this.parenDepth++;
        return this.emit('leftParen');
      case ')':
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf('unexpected right paren');
        return this.emit('rightParen');
    }
    if (ch === '.') {
      // ".field" unless a digit follows, in which case it starts a number.
      const following = this.input[this.pos];
      if (following === undefined || following < '0' || following > '9') return this.lexField;
    }
    if (ch === '.' || ch === '+' || ch === '-' || (ch >= '0' && ch <= '9')) {
      this.backup();
      return this.lexNumber;
    }
    if (isAlphaNumeric(ch)) {
      this.backup();
      return this.lexIdentifier;
    }
    if (isAsciiPrint(ch)) return this.emit('char');
    return this.errorf(`unrecognized character in action: ${formatRune(ch)}`);
  };

  private readonly lexSpace = (): State => {
    let numSpaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      numSpaces++;
    }
    // A space can begin a trim-marked right delimiter " -}}".
    const rest = this.input.slice(this.pos - 1);
    if (hasRightTrimMarker(rest) && rest.startsWith(RIGHT_DELIM, TRIM_MARKER_LEN)) {
      this.backup();
      if (numSpaces === 1) return this.lexRightDelim;
    }
    return this.emit('space');
  };

  private readonly lexIdentifier = (): State => {
    for (;;) {
      const ch = this.next();
      if (isAlphaNumeric(ch)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${formatRune(ch)}`);
      const keyword = KEYWORD_WORDS.get(word);
      if (keyword !== undefined) return this.emit(keyword);
      if (word.startsWith('.')) return this.emit('field');
      if (word === 'true' || word === 'false') return this.emit('bool');
      return this.emit('identifier');
    }
  };

  private readonly lexVariable = (): State => {
    if (this.atTerminator()) return this.emit('variable');
    return this.lexFieldOrVariable('variable');
  };

  private readonly lexField = (): State => this.lexFieldOrVariable('field');

  private lexFieldOrVariable(type: 'field' | 'variable'): State {
    if (this.atTerminator()) return this.emit(type === 'variable' ? 'variable' : 'dot');
    let ch: string;
    for (;;) {
      ch = this.next();
      if (!isAlphaNumeric(ch)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${formatRune(ch)}`);
    return this.emit(type);
  }

  private readonly lexChar = (): State => {
    for (;;) {
      const ch = this.next();
      if (ch === '\\') {
        const escaped = this.next();
        if (escaped !== EOF && escaped !== '\n') continue;
        return this.errorf('unterminated character constant');
      }
      if (ch === EOF || ch === '\n') return this.errorf('unterminated character constant');
      if (ch === "'") break;
    }
    return this.emit('charConstant');
  };

  private readonly lexNumber = (): State => {
    if (!this.scanNumber()) {
      return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    }
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      // Complex: 1+2i. No spaces, must end in 'i'.
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') {
        return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      }
      return this.emit('complex');
    }
    return this.emit('number');
  };

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private readonly lexQuote = (): State => {
    for (;;) {
      const ch = this.next();
      if (ch === '\\') {
        const escaped = this.next();
        if (escaped !== EOF && escaped !== '\n') continue;
        return this.errorf('unterminated quoted string');
      }
      if (ch === EOF || ch === '\n') return this.errorf('unterminated quoted string');
      if (ch === '"') break;
    }
    return this.emit('string');
  };

  private readonly lexRawQuote = (): State => {
    for (;;) {
      const ch = this.next();
      if (ch === EOF) return this.errorf('unterminated raw quoted string');
      if (ch === '`') break;
    }
    return this.emit('rawString');
  };
}
