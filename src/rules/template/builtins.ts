/**
 * The functions every Go template has (`text/template/funcs.go`): comparisons with Go's strict
 * typing (`eq $value 1` fails: `incompatible types for comparison: float64 and int`), `len`,
 * `index`, `slice`, `not`, the `print` family and the `html`/`js`/`urlquery` escapers. `and`, `or`
 * and `call` are listed for their signatures; the executor runs them itself.
 *
 * @module
 */
import { FuncError } from './errors.js';
import { sprint, sprintln } from './fmt.js';
import { sprintf } from './printf.js';
import type { GoFunc } from './functype.js';
import { byteLength, fromUtf8, utf8Bytes } from './quote.js';
import { htmlEscape, jsEscape, queryEscape } from './text.js';
import type { GoValue } from './values.js';
import {
  GoHTML,
  GoInt,
  GoMap,
  GoNilPointer,
  GoSlice,
  GoTime,
  SampleRef,
  compareGoStrings,
  indirect,
  intValue,
  isTrue,
  kindOf,
  stringValue,
  typeName,
} from './values.js';

/** Go's message when a builtin asks an invalid `reflect.Value` for its type. */
const ZERO_VALUE_TYPE = 'reflect: call of reflect.Value.Type on zero Value';

/** Go's `indirectInterface`: a nil interface becomes the invalid value. */
function indirectInterface(v: GoValue): GoValue {
  return v === null ? undefined : v;
}

export function truth(v: GoValue): boolean {
  return isTrue(indirectInterface(v)).truth;
}

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

function basicKind(v: GoValue): BasicKind {
  const kind = kindOf(v);
  return kind === 'bool' ||
    kind === 'int' ||
    kind === 'uint' ||
    kind === 'float' ||
    kind === 'string'
    ? kind
    : 'invalid';
}

function incompatible(a: GoValue, b: GoValue): FuncError {
  return new FuncError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
}

function isNil(v: GoValue): boolean {
  return v === undefined || v === null || v instanceof GoNilPointer;
}

/** Whether two values of the same kind that are not basic are `==` in Go. */
function equalComposite(a: GoValue, b: GoValue): boolean {
  if (a !== undefined && b !== undefined && kindOf(a) !== kindOf(b)) {
    throw new FuncError(
      `non-comparable types ${sprint([a])}: ${typeName(a)}, ${typeName(b)}: ${sprint([b])}`,
    );
  }
  if (isNil(a) || isNil(b)) return isNil(a) === isNil(b);
  if (b instanceof GoMap || b instanceof GoSlice) {
    throw new FuncError(`non-comparable type ${sprint([b])}: ${typeName(b)}`);
  }
  if (a instanceof GoTime && b instanceof GoTime) return a.ns === b.ns;
  return a === b;
}

/** Go's `eq`: true if the first argument equals any of the others. */
function eq(arg1: GoValue, ...rest: GoValue[]): boolean {
  const a = indirectInterface(arg1);
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const arg of rest) {
    const b = indirectInterface(arg);
    const k2 = basicKind(b);
    let result = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') result = intValue(a) >= 0n && intValue(a) === intValue(b);
      else if (k1 === 'uint' && k2 === 'int')
        result = intValue(b) >= 0n && intValue(a) === intValue(b);
      else if (a !== undefined && b !== undefined) throw incompatible(a, b);
    } else {
      switch (k1) {
        case 'bool':
        case 'float':
          result = a === b;
          break;
        case 'int':
        case 'uint':
          result = intValue(a) === intValue(b);
          break;
        case 'string':
          result = stringValue(a) === stringValue(b);
          break;
        default:
          result = equalComposite(a, b);
      }
    }
    if (result) return true;
  }
  return false;
}

/** Go's `lt`. */
function lt(arg1: GoValue, arg2: GoValue): boolean {
  const a = indirectInterface(arg1);
  const b = indirectInterface(arg2);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intValue(a) < 0n || intValue(a) < intValue(b);
    if (k1 === 'uint' && k2 === 'int') return intValue(b) >= 0n && intValue(a) < intValue(b);
    throw incompatible(a, b);
  }
  switch (k1) {
    case 'bool':
      throw new FuncError('invalid type for comparison');
    case 'float':
      return (a as number) < (b as number);
    case 'string':
      return compareGoStrings(stringValue(a), stringValue(b)) < 0;
    default:
      return intValue(a) < intValue(b);
  }
}

function le(a: GoValue, b: GoValue): boolean {
  return lt(a, b) || eq(a, b);
}

/** An index argument of `index` and `slice` (Go's `indexArg`). */
function indexArg(index: GoValue, cap: number): number {
  const v = indirectInterface(index);
  if (v === undefined) throw new FuncError('cannot index slice/array with nil');
  const kind = kindOf(v);
  if (kind !== 'int' && kind !== 'uint') {
    throw new FuncError(`cannot index slice/array with type ${typeName(v)}`);
  }
  const x = intValue(v);
  if (x < 0n || x > BigInt(cap)) throw new FuncError(`index out of range: ${x}`);
  return Number(x);
}

/** Go's `index`: `index x 1 2` is `x[1][2]`. */
function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  let v = indirectInterface(item);
  if (v === undefined) throw new FuncError('index of untyped nil');
  for (const i of indexes) {
    const ind = indirect(v);
    if (ind.isNil) throw new FuncError('index of nil pointer');
    v = ind.value;
    if (typeof v === 'string' || v instanceof GoHTML) {
      const bytes = utf8Bytes(stringValue(v));
      const x = indexArg(i, bytes.length);
      if (x === bytes.length) throw new FuncError('reflect: string index out of range');
      v = new GoInt(bytes[x] as number, 'uint8');
    } else if (v instanceof GoSlice) {
      const x = indexArg(i, v.items.length);
      if (x === v.items.length) throw new FuncError('reflect: slice index out of range');
      v = v.items[x];
    } else if (v instanceof GoMap) {
      const key = indirectInterface(i);
      if (key === undefined) throw new FuncError('value is nil; should be of type string');
      if (typeof key !== 'string') {
        throw new FuncError(`value has type ${typeName(key)}; should be string`);
      }
      v = v.entries.has(key) ? v.entries.get(key) : v.zero();
    } else {
      throw new FuncError(`can't index item of type ${typeName(v)}`);
    }
  }
  return v;
}

/** Go's `slice`: `slice x 1 2` is `x[1:2]`. */
function slice(item: GoValue, ...indexes: GoValue[]): GoValue {
  const v = indirectInterface(item);
  if (v === undefined) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let length: number;
  if (typeof v === 'string' || v instanceof GoHTML) {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    length = byteLength(stringValue(v));
  } else if (v instanceof GoSlice) {
    length = v.items.length;
  } else {
    throw new FuncError(`can't slice item of type ${typeName(v)}`);
  }
  const idx = [0, length, length];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(x, length);
  });
  const [from, to, max] = idx as [number, number, number];
  if (from > to) throw new FuncError(`invalid slice index: ${from} > ${to}`);
  if (indexes.length === 3 && to > max) throw new FuncError(`invalid slice index: ${to} > ${max}`);
  if (v instanceof GoSlice) return new GoSlice(v.type, v.items.slice(from, to));
  const sliced = fromUtf8(utf8Bytes(stringValue(v)).slice(from, to));
  return v instanceof GoHTML ? new GoHTML(sliced) : sliced;
}

/** Go's `len`. */
function length(item: GoValue): GoValue {
  const { value, isNil: nil } = indirect(item);
  if (nil) throw new FuncError('len of nil pointer');
  if (value === undefined) throw new FuncError(ZERO_VALUE_TYPE);
  if (typeof value === 'string' || value instanceof GoHTML) {
    return new GoInt(byteLength(stringValue(value)));
  }
  if (value instanceof GoMap) return new GoInt(value.entries.size);
  if (value instanceof GoSlice) return new GoInt(value.items.length);
  throw new FuncError(`len of type ${typeName(value)}`);
}

/**
 * Go's `evalArgs` behind `html`, `js` and `urlquery`: `fmt.Sprint` of the arguments, with
 * pointers followed and missing values printed as `<no value>`.
 */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(
    args.map((a) =>
      a === undefined || a === null ? '<no value>' : a instanceof SampleRef ? a.elem() : a,
    ),
  );
}

const unreachable = (): GoValue => {
  throw new Error('handled by the executor');
};

const reflectValue2 = ['reflect.Value', 'reflect.Value'] as const;

/** Go's builtin function table. */
export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', { params: ['reflect.Value'], variadic: 'reflect.Value', call: unreachable }],
  ['or', { params: ['reflect.Value'], variadic: 'reflect.Value', call: unreachable }],
  ['call', { params: ['reflect.Value'], variadic: 'reflect.Value', call: unreachable }],
  ['html', { params: [], variadic: 'interface {}', call: (a) => htmlEscape(evalArgs(a)) }],
  ['js', { params: [], variadic: 'interface {}', call: (a) => jsEscape(evalArgs(a)) }],
  ['urlquery', { params: [], variadic: 'interface {}', call: (a) => queryEscape(evalArgs(a)) }],
  [
    'index',
    {
      params: ['reflect.Value'],
      variadic: 'reflect.Value',
      call: (a) => index(a[0], ...a.slice(1)),
    },
  ],
  [
    'slice',
    {
      params: ['reflect.Value'],
      variadic: 'reflect.Value',
      call: (a) => slice(a[0], ...a.slice(1)),
    },
  ],
  ['len', { params: ['reflect.Value'], call: (a) => length(a[0]) }],
  ['not', { params: ['reflect.Value'], call: (a) => !truth(a[0]) }],
  ['print', { params: [], variadic: 'interface {}', call: (a) => sprint(a) }],
  [
    'printf',
    {
      params: ['string'],
      variadic: 'interface {}',
      call: (a) => sprintf(a[0] as string, a.slice(1)),
    },
  ],
  ['println', { params: [], variadic: 'interface {}', call: (a) => sprintln(a) }],
  [
    'eq',
    { params: ['reflect.Value'], variadic: 'reflect.Value', call: (a) => eq(a[0], ...a.slice(1)) },
  ],
  ['ne', { params: reflectValue2, call: (a) => !eq(a[0], a[1]) }],
  ['lt', { params: reflectValue2, call: (a) => lt(a[0], a[1]) }],
  ['le', { params: reflectValue2, call: (a) => le(a[0], a[1]) }],
  ['gt', { params: reflectValue2, call: (a) => !le(a[0], a[1]) }],
  ['ge', { params: reflectValue2, call: (a) => !lt(a[0], a[1]) }],
]);
