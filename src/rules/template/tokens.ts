/**
 * The parser's view of the lexer: Go's three-token lookahead buffer (`next`, `backup`,
 * `backup2`, `backup3`, `peek`) and its error helpers. Keeping the buffer exactly as Go has it
 * matters: a parse error reports the line of the last token read from the lexer.
 *
 * @module
 */
import { TemplateError } from './errors.js';
import type { Item, ItemType } from './items.js';
import { itemString } from './items.js';
import type { Lexer } from './lexer.js';
import type { ListNode } from './ast.js';

/** What the trees of one parse share: the lexer, the finished trees, the known functions. */
export interface Shared {
  readonly lexer: Lexer;
  readonly trees: Map<string, ListNode>;
  readonly funcs: ReadonlySet<string>;
  readonly parseName: string;
}

export class TokenStream {
  protected readonly shared: Shared;
  private readonly token: Item[] = [];
  private peekCount = 0;
  /** Line of the `{{` of the action being parsed, 0 outside actions. */
  protected actionLine = 0;

  constructor(shared: Shared) {
    this.shared = shared;
  }

  // --- token buffer (Go's next/backup/peek) ---

  protected next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.shared.lexer.nextItem();
    return this.token[this.peekCount] as Item;
  }

  protected backup(): void {
    this.peekCount++;
  }

  protected backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  protected backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  protected peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1] as Item;
    this.peekCount = 1;
    this.token[0] = this.shared.lexer.nextItem();
    return this.token[0];
  }

  protected nextNonSpace(): Item {
    for (;;) {
      const token = this.next();
      if (token.type !== 'space') return token;
    }
  }

  protected peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // --- errors ---

  protected errorf(message: string): never {
    const line = this.token[0]?.line ?? 1;
    throw new TemplateError(
      `template: ${this.shared.parseName}:${line}: ${message}`,
      'parse',
      line,
    );
  }

  protected expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== expected) this.unexpected(token, context);
    return token;
  }

  protected unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.shared.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }
}
