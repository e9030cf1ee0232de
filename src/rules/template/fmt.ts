/**
 * Go's `fmt` value formatting as templates reach it: `print`, `println`, the verbs of `printf`
 * (see `printf.ts` for the format string) and the default way an action prints its value
 * (`fmt.Fprint`), including Go's bad-verb notation `%!d(string=x)`.
 *
 * @module
 */
import { formatGoFloat } from './float.js';
import type { FloatFormat } from './float.js';
import { canBackquote, goQuote, quoteRune, utf8Bytes } from './quote.js';
import { durationString, monthName, timeString, weekdayName } from './time.js';
import type { GoValue } from './values.js';
import {
  GoDuration,
  GoHTML,
  GoInt,
  GoMap,
  GoNilPointer,
  GoSlice,
  GoStruct,
  GoTime,
  SampleRef,
  compareGoStrings,
  typeName,
} from './values.js';

/** Go's `fmt` flags of one verb. */
export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  wid: number | undefined;
  prec: number | undefined;
}

export function clearFlags(): Flags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    wid: undefined,
    prec: undefined,
  };
}

/** Fake but stable addresses for pointers printed inside containers (Go prints real ones). */
const addresses = new WeakMap<object, number>();
let nextAddress = 0xc000010000;

function addressOf(v: object): number {
  let a = addresses.get(v);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x30;
    addresses.set(v, a);
  }
  return a;
}

function runeCount(s: string): number {
  return [...s].length;
}

/** A `fmt.pp`: formats values into `out` with the current flags. */
export class Printer {
  out = '';
  f: Flags = clearFlags();
  private erroring = false;

  private padding(n: number): void {
    if (n > 0) this.out += (this.f.zero && !this.f.minus ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    const wid = this.f.wid;
    if (wid === undefined || wid === 0) {
      this.out += s;
      return;
    }
    const width = wid - runeCount(s);
    if (this.f.minus) {
      this.out += s;
      this.padding(width);
    } else {
      this.padding(width);
      this.out += s;
    }
  }

  private truncate(s: string): string {
    const prec = this.f.prec;
    if (prec === undefined) return s;
    return [...s].slice(0, prec).join('');
  }

  private badVerb(verb: string, arg: GoValue): void {
    this.erroring = true;
    this.out += `%!${verb}(`;
    if (arg === undefined || arg === null) this.out += '<nil>';
    else {
      this.out += `${typeName(arg)}=`;
      this.printArg(arg, 'v', 0);
    }
    this.out += ')';
    this.erroring = false;
  }

  private fmtString(s: string, verb: string, arg: GoValue): void {
    switch (verb) {
      case 'v':
      case 's':
        this.pad(this.truncate(s));
        return;
      case 'q': {
        const t = this.truncate(s);
        this.pad(this.f.sharp && canBackquote(t) ? `\`${t}\`` : goQuote(t));
        return;
      }
      case 'x':
      case 'X': {
        let bytes = [...utf8Bytes(s)];
        if (this.f.prec !== undefined) bytes = bytes.slice(0, this.f.prec);
        const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
        const prefix = this.f.sharp ? '0x' : '';
        let text = this.f.space ? hex.map((h) => prefix + h).join(' ') : prefix + hex.join('');
        if (verb === 'X') text = text.toUpperCase();
        this.pad(text);
        return;
      }
      default:
        this.badVerb(verb, arg);
    }
  }

  private fmtInteger(u: bigint, signed: boolean, verb: string, arg: GoValue): void {
    let base = 10;
    switch (verb) {
      case 'v':
      case 'd':
        break;
      case 'b':
        base = 2;
        break;
      case 'o':
      case 'O':
        base = 8;
        break;
      case 'x':
      case 'X':
        base = 16;
        break;
      case 'c':
        this.pad(String.fromCodePoint(Number(u) <= 0x10ffff && u >= 0n ? Number(u) : 0xfffd));
        return;
      case 'q':
        this.pad(quoteRune(Number(u)));
        return;
      case 'U': {
        let text = `U+${u.toString(16).toUpperCase().padStart(4, '0')}`;
        if (this.f.sharp && u <= 0x10ffffn) text += ` '${String.fromCodePoint(Number(u))}'`;
        this.pad(text);
        return;
      }
      default:
        this.badVerb(verb, arg);
        return;
    }
    const negative = signed && u < 0n;
    const abs = negative ? -u : u;
    if (this.f.prec === 0 && abs === 0n) {
      const zero = this.f.zero;
      this.f.zero = false;
      this.padding(this.f.wid ?? 0);
      this.f.zero = zero;
      return;
    }
    let digits = abs.toString(base);
    if (verb === 'X') digits = digits.toUpperCase();
    let prec = this.f.prec ?? 0;
    if (this.f.prec === undefined && this.f.zero && !this.f.minus && this.f.wid !== undefined) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    digits = digits.padStart(prec, '0');
    if (this.f.sharp) {
      if (base === 2) digits = `0b${digits}`;
      else if (base === 8 && !digits.startsWith('0')) digits = `0${digits}`;
      else if (base === 16) digits = `${verb === 'X' ? '0X' : '0x'}${digits}`;
    }
    if (verb === 'O') digits = `0o${digits}`;
    if (negative) digits = `-${digits}`;
    else if (this.f.plus) digits = `+${digits}`;
    else if (this.f.space) digits = ` ${digits}`;
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(digits);
    this.f.zero = zero;
  }

  private fmtFloat(v: number, verb: string, arg: GoValue): void {
    let format: FloatFormat;
    let prec = -1;
    switch (verb) {
      case 'v':
        format = 'g';
        break;
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        format = verb;
        break;
      case 'f':
      case 'F':
      case 'e':
      case 'E':
        format = verb === 'F' ? 'f' : verb;
        prec = 6;
        break;
      default:
        this.badVerb(verb, arg);
        return;
    }
    if (this.f.prec !== undefined) prec = this.f.prec;
    let num = formatGoFloat(v, format, prec);
    if (num[0] !== '-' && num[0] !== '+') num = `+${num}`;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ` ${num.slice(1)}`;
    if (num[1] === 'I' || num[1] === 'N') {
      const zero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = zero;
      return;
    }
    if (this.f.plus || num[0] !== '+') {
      const wid = this.f.wid;
      if (this.f.zero && !this.f.minus && wid !== undefined && wid > num.length) {
        this.out += num[0] as string;
        this.padding(wid - num.length);
        this.out += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  private fmtPointer(v: object | null, verb: string, arg: GoValue): void {
    if (verb !== 'v' && verb !== 'p') {
      this.badVerb(verb, arg);
      return;
    }
    if (v === null) this.pad('<nil>');
    else this.pad(`0x${addressOf(v).toString(16)}`);
  }

  /** Go's `handleMethods` for the `Stringer`s templates meet: times, durations, months. */
  private stringer(arg: GoValue): string | undefined {
    if (arg instanceof GoTime) return timeString(arg.ns);
    if (arg instanceof GoDuration) return durationString(arg.ns);
    if (arg instanceof GoInt && arg.type === 'time.Month') return monthName(arg.value);
    if (arg instanceof GoInt && arg.type === 'time.Weekday') return weekdayName(arg.value);
    return undefined;
  }

  printArg(arg: GoValue, verb: string, depth: number): void {
    if (arg === undefined || arg === null) {
      // A nil inside a container prints as <nil> whatever the verb; at the top only %v and %T.
      if (depth > 0) this.out += '<nil>';
      else if (verb === 'v' || verb === 'T') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.pad(this.truncate(typeName(arg)));
      return;
    }
    if (!this.erroring && 'vsxXq'.includes(verb)) {
      const s = this.stringer(arg);
      if (s !== undefined) {
        this.fmtString(s, verb, arg);
        return;
      }
    }
    if (typeof arg === 'string') this.fmtString(arg, verb, arg);
    else if (typeof arg === 'number') this.fmtFloat(arg, verb, arg);
    else if (typeof arg === 'boolean') {
      if (verb === 't' || verb === 'v') this.pad(arg ? 'true' : 'false');
      else this.badVerb(verb, arg);
    } else if (arg instanceof GoInt) this.fmtInteger(arg.value, !arg.unsigned, verb, arg);
    else if (arg instanceof GoDuration && !arg.pointer) this.fmtInteger(arg.ns, true, verb, arg);
    else if (arg instanceof GoHTML) this.fmtString(arg.text, verb, arg);
    else if (arg instanceof GoMap) {
      this.out += 'map[';
      [...arg.entries.keys()].sort(compareGoStrings).forEach((key, i) => {
        if (i > 0) this.out += ' ';
        this.printArg(key, verb, depth + 1);
        this.out += ':';
        this.printArg(arg.entries.get(key), verb, depth + 1);
      });
      this.out += ']';
    } else if (arg instanceof GoSlice) {
      this.out += '[';
      arg.items.forEach((item, i) => {
        if (i > 0) this.out += ' ';
        this.printArg(item, verb, depth + 1);
      });
      this.out += ']';
    } else if (arg instanceof GoStruct) {
      this.out += '{';
      arg.fields.forEach((field, i) => {
        if (i > 0) this.out += ' ';
        if (this.f.plusV) this.out += `${field.name}:`;
        this.printArg(field.value, verb, depth + 1);
      });
      this.out += '}';
    } else if (arg instanceof SampleRef) {
      if (depth === 0) {
        this.out += '&';
        this.printArg(arg.elem(), verb, depth + 1);
      } else this.fmtPointer(arg, verb, arg);
    } else if (arg instanceof GoNilPointer) this.fmtPointer(null, verb, arg);
    else this.badVerb(verb, arg);
  }
}

/** Go's `fmt.Sprint`: operands formatted with `%v`, spaces between non-string operands. */
export function sprint(args: readonly GoValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string' || arg instanceof GoHTML;
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.printArg(arg, 'v', 0);
    prevString = isString;
  });
  return p.out;
}

/** Go's `fmt.Sprintln`: always a space between operands, and a newline at the end. */
export function sprintln(args: readonly GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.out += ' ';
    p.printArg(arg, 'v', 0);
  });
  return `${p.out}\n`;
}

/**
 * How an action prints its value: Go's `printableValue` (pointers are followed, a missing value
 * prints `<no value>`) and then `fmt.Fprint`.
 */
export function printValue(v: GoValue): string {
  if (v === undefined) return '<no value>';
  return sprint([v instanceof SampleRef ? v.elem() : v]);
}
