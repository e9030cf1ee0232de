/**
 * Expression evaluation of Go's `text/template` executor (`exec.go`): pipelines, commands,
 * fields, function and method calls, and argument conversion. It follows Go's evaluation order
 * and, like Go, records the node it is at (`s.at(node)`) at the same moments, because an error
 * names that node and its position: `template: x:1:21: executing "x" at <first>: ...`.
 *
 * @module
 */
import type {
  AnyNode,
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  NumberNode,
  PipeNode,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import { BUILTINS, truth } from './builtins.js';
import { FuncError, TemplateError } from './errors.js';
import type { GoFunc, GoType } from './functype.js';
import type { Template } from './parser.js';
import { byteLength, goQuote } from './quote.js';
import type { Converted } from './types.js';
import { assignable, canBeNil, idealConstant, literalArg, methodOf, zeroOf } from './types.js';
import type { GoValue } from './values.js';
import { GoDuration, GoMap, GoNilPointer, GoStruct, GoTime, indirect, typeName } from './values.js';

/** The "no final argument" marker (Go's `missingVal`). */
const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;

export interface Variable {
  readonly name: string;
  value: GoValue;
}

/** A field's value and whether its static type is `interface {}`. */
interface FieldResult {
  readonly value: GoValue;
  readonly iface: boolean;
}

/** What an execution needs besides the data: the parsed templates and the functions. */
export interface ExecEnv {
  readonly template: Template;
  readonly funcs: ReadonlyMap<string, GoFunc>;
}

export class Evaluator {
  protected readonly env: ExecEnv;
  protected readonly name: string;
  protected readonly out: string[];
  protected readonly depth: number;
  private node: AnyNode | undefined;
  protected vars: Variable[];

  constructor(env: ExecEnv, name: string, out: string[], depth: number, dot: GoValue) {
    this.env = env;
    this.name = name;
    this.out = out;
    this.depth = depth;
    this.vars = [{ name: '$', value: dot }];
  }

  // --- errors ---

  protected at(node: AnyNode): void {
    this.node = node;
  }

  /** Go's `ErrorContext`: `NAME:LINE:COL` in bytes, and the node's text. */
  errorf(message: string): never {
    const parseName = this.env.template.name;
    if (this.node === undefined) {
      throw new TemplateError(`template: ${this.name}: ${message}`, 'exec', undefined);
    }
    const before = this.env.template.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = byteLength(nl < 0 ? before : before.slice(nl + 1));
    const context = nodeString(this.node);
    throw new TemplateError(
      `template: ${parseName}:${line}:${col}: executing ${goQuote(this.name)} at <${context}>: ${message}`,
      'exec',
      line,
    );
  }

  // --- variables ---

  protected push(name: string, value: GoValue): void {
    this.vars.push({ name, value });
  }

  protected findVar(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) return v;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  // --- pipelines and commands ---

  protected evalPipeline(dot: GoValue, pipe: PipeNode | undefined): GoValue {
    if (pipe === undefined) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface{} is dug out to the invalid value, as Go's value.Elem() does.
      if (value === null) value = undefined;
    }
    const result = value === MISSING ? undefined : value;
    for (const v of pipe.decl) {
      const name = v.ident[0] as string;
      if (pipe.isAssign) this.findVar(name).value = result;
      else this.push(name, result);
    }
    return result;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
    }
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0] as ArgNode;
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  /** A number literal where no type is expected: int unless it is written like a float. */
  private idealConstant(n: NumberNode): GoValue {
    this.at(n);
    return this.unwrap(idealConstant(n));
  }

  private unwrap(converted: Converted): GoValue {
    return 'error' in converted ? this.errorf(converted.error) : converted.value;
  }

  private evalFieldNode(
    dot: GoValue,
    field: FieldNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(
    dot: GoValue,
    chain: ChainNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(chain);
    if (chain.node.kind === 'nil')
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(
    dot: GoValue,
    variable: VariableNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(variable);
    const value = this.findVar(variable.ident[0] as string).value;
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    node: AnyNode,
    ident: readonly string[],
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): GoValue {
    let current: FieldResult = { value: receiver, iface: false };
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      current = this.evalField(dot, ident[i] as string, node, undefined, MISSING, current);
    }
    return this.evalField(dot, ident[n - 1] as string, node, args, final, current).value;
  }

  private evalField(
    dot: GoValue,
    fieldName: string,
    node: AnyNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
    receiver: FieldResult,
  ): FieldResult {
    if (receiver.value === undefined) return { value: undefined, iface: false }; // missingkey=zero
    const typ = receiver.iface ? 'interface {}' : typeName(receiver.value);
    const { value: recv, isNil } = indirect(receiver.value);
    if (recv === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const method = methodOf(recv, fieldName);
    if (method !== undefined) {
      return {
        value: this.evalCall(dot, method, false, node, fieldName, args, final, recv),
        iface: false,
      };
    }
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (recv instanceof GoStruct) {
      const field = recv.fields.find((f) => f.name === fieldName);
      if (field !== undefined) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return { value: field.value, iface: field.iface === true };
      }
    } else if (recv instanceof GoMap) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const value = recv.entries.has(fieldName) ? recv.entries.get(fieldName) : recv.zero();
      return { value, iface: recv.type !== 'map[string]string' };
    } else if (isNil && recv instanceof GoNilPointer && recv.type === '*template.sample') {
      if (fieldName === 'Labels' || fieldName === 'Value') {
        this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
      }
    }
    return this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(
    dot: GoValue,
    node: IdentifierNode,
    cmd: AnyNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(node);
    const name = node.ident;
    const own = this.env.funcs.get(name);
    const fn = own ?? BUILTINS.get(name);
    if (fn === undefined) return this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, fn, own === undefined, cmd, name, args, final);
  }

  private evalCall(
    dot: GoValue,
    fn: GoFunc,
    isBuiltin: boolean,
    node: AnyNode,
    name: string,
    args: readonly ArgNode[] | undefined,
    final: Final,
    receiver?: GoValue,
  ): GoValue {
    const argNodes = args === undefined ? [] : args.slice(1);
    const numIn = argNodes.length + (final === MISSING ? 0 : 1);
    const declared = fn.params.length + (fn.variadic === undefined ? 0 : 1);
    let numFixed = argNodes.length;
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed) {
        this.errorf(
          `wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`,
        );
      }
    } else if (numIn !== declared) {
      this.errorf(`wrong number of args for ${name}: want ${declared} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      // Short-circuit: return the first argument that decides the result.
      let v: GoValue = undefined;
      for (const arg of argNodes) {
        v = this.evalArg(dot, 'reflect.Value', arg);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'reflect.Value');
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) {
      argv.push(this.evalArg(dot, fn.params[i], argNodes[i] as ArgNode));
    }
    if (fn.variadic !== undefined) {
      for (; i < argNodes.length; i++)
        argv.push(this.evalArg(dot, fn.variadic, argNodes[i] as ArgNode));
    }
    if (final !== MISSING) {
      let t = fn.params[declared - 1] as GoType;
      if (fn.variadic !== undefined) {
        t = numIn - 1 < numFixed ? (fn.params[numIn - 1] as GoType) : fn.variadic;
      }
      argv.push(this.validateType(final, t));
    }
    try {
      if (isBuiltin && name === 'call') return this.call(argNodes, final, argv);
      return fn.call(receiver === undefined ? argv : [receiver, ...argv]);
    } catch (err) {
      if (!(err instanceof FuncError)) throw err;
      this.at(node);
      return this.errorf(`error calling ${name}: ${err.message}`);
    }
  }

  /** Go's `call` builtin; templates here have no function values, so it always fails. */
  private call(argNodes: readonly ArgNode[], final: Final, argv: GoValue[]): never {
    const fnValue = argv[0];
    if (fnValue === undefined || fnValue === null) throw new FuncError('call of nil');
    let calleeName: string;
    if (argNodes.length > 0) calleeName = nodeString(argNodes[0] as ArgNode);
    else calleeName = typeof final === 'string' ? final : `<${typeName(fnValue)} Value>`;
    throw new FuncError(`non-function ${calleeName} of type ${typeName(fnValue)}`);
  }

  // --- arguments ---

  private validateType(value: GoValue, typ: GoType | undefined): GoValue {
    if (value === undefined) {
      if (typ === undefined) return undefined;
      if (canBeNil(typ)) return zeroOf(typ);
      return this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === undefined || assignable(value, typ)) return value;
    // One dereference is allowed: *time.Duration where a time.Duration is expected.
    if (value instanceof GoDuration && value.pointer && typ === 'time.Duration')
      return new GoDuration(value.ns);
    if (value instanceof GoTime && value.pointer && typ === 'time.Time')
      return new GoTime(value.ns);
    return this.errorf(`wrong type for value; expected ${typ}; got ${typeName(value)}`);
  }

  private evalArg(dot: GoValue, typ: GoType | undefined, n: ArgNode): GoValue {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ !== undefined && canBeNil(typ)) return zeroOf(typ);
        return this.errorf(`cannot assign nil to ${typ}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, undefined, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, undefined, MISSING), typ);
    }
    return this.unwrap(literalArg(n, typ));
  }
}
