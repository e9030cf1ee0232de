/**
 * The statement walker of Go's `text/template` executor (`exec.go`): text, actions, `if`,
 * `with`, `range` (with `break`/`continue`), and `{{template}}` calls, on top of the expression
 * evaluator in `eval.ts`.
 *
 * @module
 */
import type { BranchNode, ListNode, StatementNode, TemplateNode, VariableNode } from './ast.js';
import { TemplateError } from './errors.js';
import type { ExecEnv, Variable } from './eval.js';
import { Evaluator } from './eval.js';
import { printValue, sprint } from './fmt.js';
import { goQuote } from './quote.js';
import type { GoValue, GoMap, GoSlice } from './values.js';
import {
  GoDuration,
  GoInt,
  compareGoStrings,
  indirect,
  intValue,
  isTrue,
  kindOf,
} from './values.js';

export type { ExecEnv } from './eval.js';

/** Thrown by `{{break}}` and `{{continue}}` and caught by the enclosing range. */
class LoopControl extends Error {
  override name = 'LoopControl';
}
const BREAK = new LoopControl('break');
const CONTINUE = new LoopControl('continue');
const MAX_EXEC_DEPTH = 100000;

class State extends Evaluator {
  // --- statements ---

  walk(dot: GoValue, node: StatementNode): void {
    this.at(node);
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at(node);
          this.out.push(printValue(val));
        }
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.push(node.text);
        return;
    }
  }

  private walkIfOrWith(node: BranchNode, dot: GoValue): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const { truth: t, ok } = isTrue(val === null ? undefined : val);
      if (!ok) this.errorf(`if/with can't use ${sprint([val])}`);
      if (t) this.walk(node.kind === 'with' ? val : dot, node.list);
      else if (node.elseList !== undefined) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: GoValue, r: BranchNode): void {
    this.at(r);
    const outerMark = this.vars.length;
    try {
      const val = indirect(this.evalPipeline(dot, r.pipe)).value;
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const oneIteration = (index: GoValue, elem: GoValue): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            this.findVar((decl[0] as VariableNode).ident[0] as string).value =
              decl.length > 1 ? index : elem;
          } else {
            (this.vars[this.vars.length - 1] as Variable).value = elem;
          }
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign)
            this.findVar((decl[1] as VariableNode).ident[0] as string).value = elem;
          else (this.vars[this.vars.length - 2] as Variable).value = index;
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      if (this.rangeOver(val, decl.length, oneIteration)) return;
      if (r.elseList !== undefined) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.vars.length = outerMark;
    }
  }

  /** Iterates like Go's `walkRange`; false when there was nothing to iterate over. */
  private rangeOver(
    val: GoValue,
    declCount: number,
    each: (index: GoValue, elem: GoValue) => void,
  ): boolean {
    switch (kindOf(val)) {
      case 'int':
      case 'uint': {
        if (declCount > 1)
          this.errorf(`can't use ${sprint([val])} to iterate over more than one variable`);
        const n = intValue(val);
        const type = val instanceof GoInt ? val.type : 'int64';
        for (let i = 0n; i < n; i++) {
          each(undefined, val instanceof GoDuration ? new GoDuration(i) : new GoInt(i, type));
        }
        return n > 0n;
      }
      case 'slice': {
        const items = (val as GoSlice).items;
        items.forEach((item, i) => each(new GoInt(i), item));
        return items.length > 0;
      }
      case 'map': {
        const map = val as GoMap;
        for (const key of [...map.entries.keys()].sort(compareGoStrings))
          each(key, map.entries.get(key));
        return map.entries.size > 0;
      }
      case 'invalid':
        return false;
      default:
        return this.errorf(`range can't iterate over ${sprint([val])}`);
    }
  }

  private walkTemplate(dot: GoValue, t: TemplateNode): void {
    this.at(t);
    const tree = this.env.template.trees.get(t.name);
    if (tree === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH)
      this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    // No dynamic scoping: the called template sees only $.
    new State(this.env, t.name, this.out, this.depth + 1, newDot).walk(newDot, tree);
  }
}

/**
 * Runs the named template of a parsed set on `data`, as Go's `Template.Execute` does.
 *
 * @throws TemplateError with Go's execution message.
 */
export function execute(env: ExecEnv, data: GoValue): string {
  const name = env.template.name;
  const out: string[] = [];
  const state = new State(env, name, out, 0, data);
  const tree: ListNode | undefined = env.template.trees.get(name);
  if (tree === undefined)
    return state.errorf(`${goQuote(name)} is an incomplete or empty template`);
  try {
    state.walk(data, tree);
  } catch (err) {
    // Deeply recursive {{template}} calls exhaust the JS stack before Go's depth limit.
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new TemplateError(
        `template: ${name}: exceeded maximum template depth (${MAX_EXEC_DEPTH})`,
        'exec',
        undefined,
        { cause: err },
      );
    }
    throw err;
  }
  return out.join('');
}
