/**
 * The parser of Go's `text/template` (`parse/parse.go`): a recursive-descent parser with Go's
 * three-token lookahead, so that every error names the same token, line and context as Go does
 * (`template: x:1: unexpected "}" in operand`). This file has the top level, `{{define}}` and
 * the control structures; `pipeline.ts` has the expressions, `tokens.ts` the lookahead.
 *
 * @module
 */
import type {
  ActionNode,
  BranchNode,
  ListNode,
  PipeNode,
  StatementNode,
  TemplateNode,
} from './ast.js';
import type { Item } from './items.js';
import { Lexer } from './lexer.js';
import { PipelineParser } from './pipeline.js';
import { goQuote, goUnquote } from './quote.js';
import type { Shared } from './tokens.js';

/** A parsed template: the main tree and those made by `{{define}}`/`{{block}}`, by name. */
export interface Template {
  readonly name: string;
  readonly text: string;
  readonly trees: ReadonlyMap<string, ListNode>;
}

/** `{{end}}` and `{{else}}` exist only while parsing; they close the enclosing list. */
interface EndNode {
  readonly kind: 'end';
  readonly pos: number;
}
interface ElseNode {
  readonly kind: 'else';
  readonly pos: number;
}
type ParsedNode = StatementNode | EndNode | ElseNode;

function endString(node: EndNode | ElseNode): string {
  return node.kind === 'end' ? '{{end}}' : '{{else}}';
}

function isEmptyTree(node: StatementNode): boolean {
  switch (node.kind) {
    case 'comment':
      return true;
    case 'list':
      return node.nodes.every(isEmptyTree);
    case 'text':
      return node.text.trim() === '';
    default:
      return false;
  }
}

class Tree extends PipelineParser {
  private name: string;
  private root: ListNode | undefined;
  private rangeDepth = 0;

  constructor(shared: Shared, name: string) {
    super(shared);
    this.name = name;
  }

  // --- top level ---

  parse(): void {
    this.root = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'EOF') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          new Tree(this.shared, 'definition').parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${endString(n)}`);
      this.root.nodes.push(n);
    }
    this.add();
  }

  private add(): void {
    const root = this.root as ListNode;
    const existing = this.shared.trees.get(this.name);
    if (existing === undefined || isEmptyTree(existing)) {
      this.shared.trees.set(this.name, root);
      return;
    }
    if (!isEmptyTree(root)) {
      this.errorf(`template: multiple definition of template ${goQuote(this.name)}`);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = goUnquote(token.val);
    if (name === undefined) this.errorf('invalid syntax');
    this.name = name;
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected ${endString(end)} in ${context}`);
    this.root = list;
    this.add();
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'EOF') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): ParsedNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { kind: 'text', pos: token.pos, text: token.val };
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        return this.unexpected(token, 'input');
    }
  }

  private action(): ParsedNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl();
      case 'end':
        return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.parseControl(token.type);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const first = this.peek();
    const node: ActionNode = {
      kind: 'action',
      pos: first.pos,
      line: first.line,
      pipe: this.pipeline('command', 'rightDelim'),
    };
    return node;
  }

  private loopControl(keyword: Item): StatementNode {
    const what = keyword.type === 'break' ? 'break' : 'continue';
    const token = this.nextNonSpace();
    if (token.type !== 'rightDelim') this.unexpected(token, `{{${what}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${what}}} outside {{range}}`);
    return { kind: what, pos: keyword.pos };
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    // "{{else if" and "{{else with" leave the keyword pending for parseControl.
    if (peek.type === 'if' || peek.type === 'with') return { kind: 'else', pos: peek.pos };
    return { kind: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private parseControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.kind === 'else') {
        const keyword = this.peek().type;
        if ((context === 'if' && keyword === 'if') || (context === 'with' && keyword === 'with')) {
          this.next();
          elseList = { kind: 'list', pos: next.pos, nodes: [this.parseControl(context)] };
        } else {
          const [list2, end] = this.itemList();
          if (end.kind !== 'end') this.errorf(`expected end; found ${endString(end)}`);
          elseList = list2;
        }
      }
      return { kind: context, pos: pipe.pos, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new Tree(this.shared, name);
    const [list, end] = block.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected ${endString(end)} in ${context}`);
    block.root = list;
    block.add();
    return { kind: 'template', pos: token.pos, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: token.pos, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = goUnquote(token.val);
    return name ?? this.errorf('invalid syntax');
  }
}

/**
 * Parses template text as Go's `template.New(name).Funcs(funcs).Parse(text)` does.
 *
 * @throws TemplateError with Go's message, such as `template: x:1: unclosed action`.
 */
export function parseTree(text: string, name: string, funcs: ReadonlySet<string>): Template {
  const trees = new Map<string, ListNode>();
  const tree = new Tree({ lexer: new Lexer(text), trees, funcs, parseName: name }, name);
  tree.parse();
  return { name, text, trees };
}
