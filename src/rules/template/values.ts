/**
 * The Go values a template works with. Go's template semantics hang on Go types (an `int` literal
 * does not equal a `float64` value, `printf "%s"` of a float prints `%!s(float64=1)`, errors name
 * types such as `template.queryResult`), so values carry enough type to reproduce them:
 *
 * - `undefined` is Go's invalid `reflect.Value` (prints `<no value>`), `null` a nil `interface{}`;
 * - JS `string`, `number` and `boolean` are Go's `string`, `float64` and `bool`;
 * - the classes below cover ints, maps, slices, structs, `*template.sample`, `time.Time`,
 *   `time.Duration` and `html/template.HTML`.
 *
 * @module
 */

/** Integer types: `time.Month` and `time.Weekday` print as names. */
export type IntType = 'int' | 'int64' | 'uint' | 'uint64' | 'uint8' | 'time.Month' | 'time.Weekday';

export class GoInt {
  readonly value: bigint;
  readonly type: IntType;
  constructor(value: bigint | number, type: IntType = 'int') {
    this.value = BigInt(value);
    this.type = type;
  }
  get unsigned(): boolean {
    return this.type === 'uint' || this.type === 'uint64' || this.type === 'uint8';
  }
}

export type MapType = 'map[string]string' | 'map[string]interface {}';

export class GoMap {
  readonly type: MapType;
  readonly entries: ReadonlyMap<string, GoValue>;
  constructor(type: MapType, entries: ReadonlyMap<string, GoValue>) {
    this.type = type;
    this.entries = entries;
  }
  /** The zero value of the element type, which a missing key yields (`missingkey=zero`). */
  zero(): GoValue {
    return this.type === 'map[string]string' ? '' : null;
  }
}

export class GoSlice {
  /** Go's type name, such as `template.queryResult` or `[]float64`. */
  readonly type: string;
  readonly items: GoValue[];
  constructor(type: string, items: GoValue[]) {
    this.type = type;
    this.items = items;
  }
}

export interface StructField {
  readonly name: string;
  readonly value: GoValue;
  /** Set when the field's static type is `interface {}` (it matters in error messages). */
  readonly iface?: boolean;
}

export class GoStruct {
  readonly type: string;
  readonly fields: readonly StructField[];
  constructor(type: string, fields: readonly StructField[]) {
    this.type = type;
    this.fields = fields;
  }
}

/** A `*template.sample`: one element of a `query` result. */
export class SampleRef {
  readonly labels: GoMap;
  readonly value: GoValue;
  constructor(labels: GoMap, value: GoValue) {
    this.labels = labels;
    this.value = value;
  }
  /** The struct it points to, for field access and printing. */
  elem(): GoStruct {
    return new GoStruct('template.sample', [
      { name: 'Labels', value: this.labels },
      { name: 'Value', value: this.value, iface: true },
    ]);
  }
}

/** A typed nil pointer, such as the zero `*template.sample`. */
export class GoNilPointer {
  readonly type: string;
  constructor(type: string) {
    this.type = type;
  }
}

/** A `time.Time` (or `*time.Time`), in nanoseconds since the Unix epoch, always in UTC. */
export class GoTime {
  readonly ns: bigint;
  readonly pointer: boolean;
  constructor(ns: bigint, pointer = false) {
    this.ns = ns;
    this.pointer = pointer;
  }
}

/** A `time.Duration` (or `*time.Duration`) in nanoseconds. */
export class GoDuration {
  readonly ns: bigint;
  readonly pointer: boolean;
  constructor(ns: bigint, pointer = false) {
    this.ns = ns;
    this.pointer = pointer;
  }
}

/** `html/template.HTML`, what `safeHtml` returns: a string kind, but not the `string` type. */
export class GoHTML {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export type GoValue =
  | undefined
  | null
  | string
  | number
  | boolean
  | GoInt
  | GoMap
  | GoSlice
  | GoStruct
  | SampleRef
  | GoNilPointer
  | GoTime
  | GoDuration
  | GoHTML;

/** Go's `reflect.Kind`, reduced to what the executor distinguishes. */
export type Kind =
  | 'invalid'
  | 'interface'
  | 'bool'
  | 'int'
  | 'uint'
  | 'float'
  | 'string'
  | 'map'
  | 'slice'
  | 'struct'
  | 'ptr';

export function kindOf(v: GoValue): Kind {
  if (v === undefined) return 'invalid';
  if (v === null) return 'interface';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof GoInt) return v.unsigned ? 'uint' : 'int';
  if (v instanceof GoHTML) return 'string';
  if (v instanceof GoMap) return 'map';
  if (v instanceof GoSlice) return 'slice';
  if (v instanceof GoStruct) return 'struct';
  if (v instanceof GoTime) return v.pointer ? 'ptr' : 'struct';
  if (v instanceof GoDuration) return v.pointer ? 'ptr' : 'int';
  return 'ptr';
}

/** Go's `reflect.Type.String()` of the value (`%T` prints `<nil>` for `null` instead). */
export function typeName(v: GoValue): string {
  if (v === undefined) return '<nil>';
  if (v === null) return 'interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoHTML) return 'template.HTML';
  if (v instanceof GoMap || v instanceof GoSlice || v instanceof GoStruct) return v.type;
  if (v instanceof SampleRef) return '*template.sample';
  if (v instanceof GoNilPointer) return v.type;
  if (v instanceof GoTime) return v.pointer ? '*time.Time' : 'time.Time';
  return v.pointer ? '*time.Duration' : 'time.Duration';
}

/** Go's `indirect`: follows pointers; reports a nil pointer instead of following it. */
export function indirect(v: GoValue): { value: GoValue; isNil: boolean } {
  if (v === null || v instanceof GoNilPointer) return { value: v, isNil: true };
  if (v instanceof SampleRef) return { value: v.elem(), isNil: false };
  if (v instanceof GoTime && v.pointer) return { value: new GoTime(v.ns), isNil: false };
  if (v instanceof GoDuration && v.pointer) return { value: new GoDuration(v.ns), isNil: false };
  return { value: v, isNil: false };
}

/** Go's `isTrue`: the truth of a value in `if`, `with`, `and`, `or` and `not`. */
export function isTrue(v: GoValue): { truth: boolean; ok: boolean } {
  if (v === undefined || v === null) return { truth: false, ok: true };
  switch (kindOf(v)) {
    case 'string':
      return { truth: (v instanceof GoHTML ? v.text : (v as string)).length > 0, ok: true };
    case 'map':
      return { truth: (v as GoMap).entries.size > 0, ok: true };
    case 'slice':
      return { truth: (v as GoSlice).items.length > 0, ok: true };
    case 'bool':
      return { truth: v as boolean, ok: true };
    case 'float':
      return { truth: (v as number) !== 0, ok: true };
    case 'int':
    case 'uint':
      return { truth: intValue(v) !== 0n, ok: true };
    case 'ptr':
      return { truth: !(v instanceof GoNilPointer), ok: true };
    case 'struct':
      return { truth: true, ok: true };
    default:
      return { truth: false, ok: false };
  }
}

/** The integer of an int-kind value (`GoInt` or a `time.Duration`). */
export function intValue(v: GoValue): bigint {
  if (v instanceof GoInt) return v.value;
  if (v instanceof GoDuration) return v.ns;
  throw new TypeError('not an integer');
}

/** Go's `string` content of a string-kind value. */
export function stringValue(v: GoValue): string {
  return v instanceof GoHTML ? v.text : (v as string);
}

/**
 * Compares strings by UTF-8 bytes, as Go does when it sorts map keys and label values; JS's
 * UTF-16 order differs for characters outside the BMP.
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done === true) return cb.done === true ? 0 : -1;
    if (cb.done === true) return 1;
    const d = (ca.value.codePointAt(0) as number) - (cb.value.codePointAt(0) as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
}

/** A `map[string]string`, the type of label sets. */
export function stringMap(record: Readonly<Record<string, string>>): GoMap {
  return new GoMap('map[string]string', new Map(Object.entries(record)));
}
