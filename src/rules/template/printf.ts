/**
 * Go's `fmt.Sprintf` format-string handling: flags, width, precision, `*` and `[n]` argument
 * indexes, and Go's notation for argument mistakes (`%!v(MISSING)`, `%!(EXTRA int=2)`,
 * `%!(NOVERB)`, `%!d(BADINDEX)`). The verbs themselves are formatted by `fmt.ts`.
 *
 * @module
 */
import { Printer, clearFlags } from './fmt.js';
import type { GoValue } from './values.js';
import { GoInt, typeName } from './values.js';

function parseNum(s: string, i: number): { num: number | undefined; i: number } {
  let j = i;
  let num = 0;
  while (j < s.length && s[j] !== undefined && (s[j] as string) >= '0' && (s[j] as string) <= '9') {
    if (num > 1e6) return { num: undefined, i: s.length }; // overflow, as Go's tooLarge
    num = num * 10 + Number(s[j]);
    j++;
  }
  return j === i ? { num: undefined, i } : { num, i: j };
}

/** An int argument for `*` width or precision, or undefined when it is not one. */
function intArg(arg: GoValue): number | undefined {
  if (!(arg instanceof GoInt)) return undefined;
  const n = Number(arg.value);
  return Math.abs(n) > 1e6 ? undefined : n;
}

/** Go's `fmt.Sprintf`. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  const p = new Printer();
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const end = format.length;
  while (i < end) {
    let goodArgNum = true;
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      p.out += format.slice(i);
      break;
    }
    p.out += format.slice(i, percent);
    i = percent + 1;
    p.f = clearFlags();
    for (; i < end; i++) {
      const c = format[i];
      if (c === '#') p.f.sharp = true;
      else if (c === '0') p.f.zero = !p.f.minus;
      else if (c === '+') p.f.plus = true;
      else if (c === '-') {
        p.f.minus = true;
        p.f.zero = false;
      } else if (c === ' ') p.f.space = true;
      else break;
    }
    const argNumber = (): boolean => {
      if (format[i] !== '[') return false;
      reordered = true;
      const close = format.indexOf(']', i);
      const parsed = close < 0 ? undefined : parseNum(format, i + 1);
      if (close < 0 || parsed === undefined || parsed.num === undefined || parsed.i !== close) {
        goodArgNum = false;
        i = close < 0 ? i + 1 : close + 1;
        return false;
      }
      i = close + 1;
      const index = parsed.num - 1;
      if (index >= 0 && index < args.length) {
        argNum = index;
        return true;
      }
      goodArgNum = false;
      return true;
    };
    let afterIndex = argNumber();
    if (format[i] === '*') {
      i++;
      const w = argNum < args.length ? intArg(args[argNum]) : undefined;
      if (argNum < args.length) argNum++;
      if (w === undefined) p.out += '%!(BADWIDTH)';
      else {
        p.f.wid = Math.abs(w);
        if (w < 0) {
          p.f.minus = true;
          p.f.zero = false;
        }
      }
      afterIndex = false;
    } else {
      const w = parseNum(format, i);
      p.f.wid = w.num;
      i = w.i;
      if (afterIndex && w.num !== undefined) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      afterIndex = argNumber();
      if (format[i] === '*') {
        i++;
        const prec = argNum < args.length ? intArg(args[argNum]) : undefined;
        if (argNum < args.length) argNum++;
        if (prec === undefined) p.out += '%!(BADPREC)';
        p.f.prec = prec === undefined || prec < 0 ? undefined : prec;
        afterIndex = false;
      } else {
        const prec = parseNum(format, i);
        p.f.prec = prec.num ?? 0;
        i = prec.i;
      }
    }
    if (!afterIndex) argNumber();
    if (i >= end) {
      p.out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) as number);
    i += verb.length;
    if (verb === '%') p.out += '%';
    else if (!goodArgNum) p.out += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) p.out += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        p.f.plusV = p.f.plus;
        p.f.plus = false;
        p.f.sharp = false;
      }
      p.printArg(args[argNum], verb, 0);
      argNum++;
    }
  }
  if (!reordered && argNum < args.length) {
    p.f = clearFlags();
    p.out += '%!(EXTRA ';
    args.slice(argNum).forEach((arg, k) => {
      if (k > 0) p.out += ', ';
      if (arg === undefined || arg === null) p.out += '<nil>';
      else {
        p.out += `${typeName(arg)}=`;
        p.printArg(arg, 'v', 0);
      }
    });
    p.out += ')';
  }
  return p.out;
}
