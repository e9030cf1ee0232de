/**
 * Go's assignability rules for the parameter types template functions declare, and the zero
 * values a nil or missing argument becomes (`validateType` and `canBeNil` in Go's `exec.go`).
 *
 * @module
 */
import type { BoolNode, NumberNode, StringNode } from './ast.js';
import { nodeString } from './ast.js';
import type { GoFunc, GoType } from './functype.js';
import { DURATION_METHODS, TIME_METHODS } from './time.js';
import type { GoValue } from './values.js';
import { GoDuration, GoInt, GoNilPointer, GoSlice, GoTime, SampleRef } from './values.js';

/** Whether an untyped nil can be passed as this type. */
export function canBeNil(typ: GoType): boolean {
  return (
    typ === 'interface {}' ||
    typ === 'reflect.Value' ||
    typ === 'template.queryResult' ||
    typ === '*template.sample'
  );
}

/** The zero value of the type. */
export function zeroOf(typ: GoType): GoValue {
  switch (typ) {
    case 'interface {}':
      return null;
    case 'template.queryResult':
      return new GoSlice('template.queryResult', []);
    case '*template.sample':
      return new GoNilPointer('*template.sample');
    default:
      return undefined;
  }
}

/** Go's `AssignableTo` for the value's type. */
export function assignable(v: GoValue, typ: GoType): boolean {
  switch (typ) {
    case 'interface {}':
    case 'reflect.Value':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'float64':
      return typeof v === 'number';
    case 'int':
    case 'int64':
      return v instanceof GoInt && v.type === typ;
    case 'template.queryResult':
      return v instanceof GoSlice && v.type === typ;
    case '*template.sample':
      return v instanceof SampleRef || (v instanceof GoNilPointer && v.type === typ);
    case 'time.Duration':
      return v instanceof GoDuration && !v.pointer;
    case 'time.Time':
      return v instanceof GoTime && !v.pointer;
  }
}

/** The method of a value, for `.Format`-style calls on times and durations. */
export function methodOf(v: GoValue, name: string): GoFunc | undefined {
  if (v instanceof GoTime) return TIME_METHODS.get(name);
  if (v instanceof GoDuration) return DURATION_METHODS.get(name);
  return undefined;
}

/** What an execution needs besides the data: the functions and the shared output. */

/** A converted literal, or Go's error text for it. */
export type Converted = { readonly value: GoValue } | { readonly error: string };

/**
 * A number literal where no type is expected: an `int` unless it is written like a float (`1.0`,
 * `1e3`), as Go's `idealConstant` decides.
 */
export function idealConstant(n: NumberNode): Converted {
  const isHexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
  if (n.isFloat && !isHexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) {
    return { value: n.float64 };
  }
  if (n.isInt) return { value: new GoInt(n.int64) };
  if (n.isUint) return { error: `${n.text} overflows int` };
  return { value: undefined };
}

/** A literal passed as an argument of a declared type (Go's `evalBool`, `evalString`, ...). */
export function literalArg(
  n: BoolNode | NumberNode | StringNode,
  typ: GoType | undefined,
): Converted {
  switch (typ) {
    case 'bool':
      return n.kind === 'bool'
        ? { value: n.value }
        : { error: `expected bool; found ${nodeString(n)}` };
    case 'float64':
      return n.kind === 'number' && n.isFloat
        ? { value: n.float64 }
        : { error: `expected float; found ${nodeString(n)}` };
    case 'int':
    case 'int64':
    case 'time.Duration':
      if (n.kind !== 'number' || !n.isInt)
        return { error: `expected integer; found ${nodeString(n)}` };
      return { value: typ === 'time.Duration' ? new GoDuration(n.int64) : new GoInt(n.int64, typ) };
    case 'string':
      return n.kind === 'string'
        ? { value: n.text }
        : { error: `expected string; found ${nodeString(n)}` };
    case 'interface {}':
    case 'reflect.Value':
      if (n.kind === 'number') return idealConstant(n);
      return { value: n.kind === 'bool' ? n.value : n.text };
  }
  return { error: `can't handle ${nodeString(n)} for arg of type ${typ}` };
}
