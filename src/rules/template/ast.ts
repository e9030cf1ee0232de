/**
 * The parse tree of a template, mirroring Go's `text/template/parse` nodes, plus `nodeString()`,
 * which prints a node the way Go's `Node.String()` does. Execution errors quote that text
 * (`executing "x" at <humanize "one">`), so it has to match Go character for character.
 *
 * @module
 */
import { goQuote } from './quote.js';

interface At {
  /** Offset of the node in the template text (UTF-16 units). */
  readonly pos: number;
}

export interface TextNode extends At {
  readonly kind: 'text';
  readonly text: string;
}

export interface ActionNode extends At {
  readonly kind: 'action';
  readonly line: number;
  readonly pipe: PipeNode;
}

export interface CommentNode extends At {
  readonly kind: 'comment';
  readonly text: string;
}

export interface BreakNode extends At {
  readonly kind: 'break';
}

export interface ContinueNode extends At {
  readonly kind: 'continue';
}

/** `if`, `range` and `with` share one shape, as in Go's `BranchNode`. */
export interface BranchNode extends At {
  readonly kind: 'if' | 'range' | 'with';
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

export interface TemplateNode extends At {
  readonly kind: 'template';
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}

export interface ListNode extends At {
  readonly kind: 'list';
  readonly nodes: StatementNode[];
}

export type StatementNode =
  | TextNode
  | ActionNode
  | CommentNode
  | BreakNode
  | ContinueNode
  | BranchNode
  | TemplateNode
  | ListNode;

export interface PipeNode extends At {
  readonly kind: 'pipe';
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

export interface CommandNode extends At {
  readonly kind: 'command';
  readonly args: ArgNode[];
}

export interface FieldNode extends At {
  readonly kind: 'field';
  readonly ident: readonly string[];
}

export interface VariableNode extends At {
  readonly kind: 'variable';
  readonly ident: readonly string[];
}

export interface ChainNode extends At {
  readonly kind: 'chain';
  readonly node: ArgNode;
  readonly field: string[];
}

export interface IdentifierNode extends At {
  readonly kind: 'identifier';
  readonly ident: string;
}

export interface DotNode extends At {
  readonly kind: 'dot';
}

export interface NilNode extends At {
  readonly kind: 'nil';
}

export interface BoolNode extends At {
  readonly kind: 'bool';
  readonly value: boolean;
}

/**
 * A number literal with Go's interpretations of it: the same text can be an int, a uint and a
 * float at once (`1`), and the executor picks one by the parameter type it is passed to.
 */
export interface NumberNode extends At {
  readonly kind: 'number';
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
}

export interface StringNode extends At {
  readonly kind: 'string';
  /** The literal as written, quotes included. */
  readonly quoted: string;
  readonly text: string;
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type AnyNode = StatementNode | ArgNode | CommandNode;

/** Go's `Node.String()`. */
export function nodeString(node: AnyNode): string {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'comment':
      return `{{${node.text}}}`;
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = node.elseList === undefined ? '' : `{{else}}${nodeString(node.elseList)}`;
      return `{{${node.kind} ${nodeString(node.pipe)}}}${nodeString(node.list)}${elsePart}{{end}}`;
    }
    case 'template':
      return node.pipe === undefined
        ? `{{template ${goQuote(node.name)}}}`
        : `{{template ${goQuote(node.name)} ${nodeString(node.pipe)}}}`;
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'pipe': {
      const decl =
        node.decl.length === 0
          ? ''
          : `${node.decl.map(nodeString).join(', ')}${node.isAssign ? ' = ' : ' := '}`;
      return decl + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args
        .map((arg) => (arg.kind === 'pipe' ? `(${nodeString(arg)})` : nodeString(arg)))
        .join(' ');
    case 'field':
      return node.ident.map((id) => `.${id}`).join('');
    case 'variable':
      return node.ident.join('.');
    case 'chain': {
      const base = node.node.kind === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node);
      return base + node.field.map((f) => `.${f}`).join('');
    }
    case 'identifier':
      return node.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
  }
}
