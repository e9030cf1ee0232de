/**
 * Go's `fmt` formatting as `printf`, `print` and action output use it. Expectations follow Go's
 * `fmt` documentation and `strconv.FormatFloat` (round half to even on the exact binary value).
 */
import { describe, expect, it } from 'vitest';
import { formatGoFloat } from './float.js';
import { printValue, sprint, sprintln } from './fmt.js';
import { sprintf } from './printf.js';
import type { GoValue } from './values.js';
import { GoDuration, GoHTML, GoInt, GoSlice, GoTime, SampleRef, stringMap } from './values.js';

const int = (n: number | bigint): GoInt => new GoInt(n);

describe('sprintf', () => {
  it.each<[string, GoValue[], string]>([
    // integers
    ['%d', [int(42)], '42'],
    [
      '%5d|%-5d|%05d|%+d|% d',
      [int(42), int(42), int(42), int(42), int(42)],
      '   42|42   |00042|+42| 42',
    ],
    [
      '%d|%05d|%.3d|%8.3d|%.0d',
      [int(-7), int(-7), int(7), int(7), int(0)],
      '-7|-0007|007|     007|',
    ],
    [
      '%x|%X|%#x|%o|%#o|%O|%b',
      [int(255), int(255), int(255), int(8), int(8), int(8), int(5)],
      'ff|FF|0xff|10|010|0o10|101',
    ],
    ['%c|%q|%U|%#U', [int(65), int(65), int(65), int(0x1f600)], "A|'A'|U+0041|U+1F600 '😀'"],
    [
      '%v|%d',
      [new GoInt(7, 'uint64'), new GoInt((1n << 64n) - 1n, 'uint64')],
      '7|18446744073709551615',
    ],
    // floats
    [
      '%f|%.2f|%8.2f|%-8.2f|%08.2f',
      [3.14159, 3.14159, 3.14159, 3.14159, -3.14159],
      '3.141590|3.14|    3.14|3.14    |-0003.14',
    ],
    [
      '%e|%E|%.2e|%g|%G',
      [1234.5678, 1234.5678, 0, 1234.5678, 1e-7],
      '1.234568e+03|1.234568E+03|0.00e+00|1234.5678|1E-07',
    ],
    [
      '%.3g|%.3g|%.10g|%g|%g',
      [1234.5678, 0.00012345, 1 / 3, 1e21, 100000],
      '1.23e+03|0.000123|0.3333333333|1e+21|100000',
    ],
    ['%.0f|%.0f|%.1f|%.1f|%.2f', [2.5, 3.5, 0.25, 0.35, 1.005], '2|4|0.2|0.3|1.00'],
    [
      '%v|%v|%v|%v|%v',
      [1e8, 123456789.0, 0.1, 1e-5, 5e-324],
      '1e+08|1.23456789e+08|0.1|1e-05|5e-324',
    ],
    ['%.2v|%6.3v|%.0e|%.1e', [3.14159, 3.14159, 15, 0.25], '3.1|  3.14|2e+01|2.5e-01'],
    ['%+.1f|% .1f|%+d|%+v', [1, 1, int(0), -0], '+1.0| 1.0|+0|-0'],
    [
      '%f|%+f|%f|%5.1f|%06f|%v',
      [NaN, NaN, Infinity, -Infinity, Infinity, -Infinity],
      'NaN|+NaN|+Inf| -Inf|  +Inf|-Inf',
    ],
    [
      '%x|%x|%X|%.1x|%x',
      [1, 10, -0.375, 1.96875, 0],
      '0x1p+00|0x1.4p+03|-0X1.8P-02|0x1.0p+01|0x0p+00',
    ],
    ['%F|%.3F', [1.5, 2], '1.500000|2.000'],
    // strings
    ['%s|%.2s|%6s|%-6s|%v', ['héllo', 'héllo', 'ab', 'ab', 'x'], 'héllo|hé|    ab|ab    |x'],
    [
      '%q|%#q|%#q|%x|% x|%X',
      ['a"b\n', 'ab', 'a`b', 'hi', 'hi', 'é'],
      '"a\\"b\\n"|`ab`|"a`b"|6869|68 69|C3A9',
    ],
    ['%s|%q', [new GoHTML('<b>'), new GoHTML('x')], '<b>|"x"'],
    // booleans
    ['%t|%v|%d', [true, false, true], 'true|false|%!d(bool=true)'],
    // wrong verbs
    [
      '%s|%d|%t|%x',
      [1.5, 'x', int(1), true],
      '%!s(float64=1.5)|%!d(string=x)|%!t(int=1)|%!x(bool=true)',
    ],
    ['%d|%s', [null, undefined], '%!d(<nil>)|%!s(<nil>)'],
    // types
    [
      '%T|%T|%T|%T|%T|%T',
      [1.5, int(1), 'x', stringMap({}), null, new GoHTML('')],
      'float64|int|string|map[string]string|<nil>|template.HTML',
    ],
    // argument errors and indexes
    ['%s %s', ['a'], 'a %!s(MISSING)'],
    ['%d', [int(1), int(2), 'x'], '1%!(EXTRA int=2, string=x)'],
    ['abc%', [], 'abc%!(NOVERB)'],
    ['%!', [], '%!!(MISSING)'],
    ['%%|%5%|%z', [int(1)], '%|%|%!z(int=1)'],
    ['%[2]d %[1]d|%[3]d', [int(1), int(2)], '2 1|%!d(BADINDEX)'],
    ['%*d|%-*d|%.*f', [int(5), int(42), int(5), int(42), int(2), 3.14159], '   42|42   |3.14'],
    ['%*d', ['x', int(1)], '%!(BADWIDTH)1'],
    ['%.*d', ['x', int(1)], '%!(BADPREC)1'],
    // composite values
    [
      '%v|%s|%d',
      [stringMap({ b: '2', a: '1' }), stringMap({ a: 'x' }), stringMap({ a: 'x' })],
      'map[a:1 b:2]|map[a:x]|map[%!d(string=a):%!d(string=x)]',
    ],
    [
      '%v|%.1f',
      [new GoSlice('[]float64', [1, 2.5]), new GoSlice('[]float64', [1, 2.5])],
      '[1 2.5]|[1.0 2.5]',
    ],
  ])('%s', (format, args, out) => {
    expect(sprintf(format, args)).toBe(out);
  });

  it('prints samples, times and durations as Go values', () => {
    const s = new SampleRef(stringMap({ job: 'api' }), 1);
    expect(sprintf('%v|%+v', [s, s])).toBe('&{map[job:api] 1}|&{Labels:map[job:api] Value:1}');
    expect(printValue(s)).toBe('{map[job:api] 1}');
    const d = new GoDuration(1_500_000_000n, true);
    expect(sprintf('%v|%s|%d', [d, d, new GoDuration(1_500_000_000n)])).toBe(
      '1.5s|1.5s|1500000000',
    );
    const t = new GoTime(1_435_065_584_128_000_000n, true);
    expect(sprintf('%v|%T', [t, t])).toBe('2015-06-23 13:19:44.128 +0000 UTC|*time.Time');
    expect(sprintf('%q', [new GoDuration(0n)])).toBe('"0s"');
  });
});

describe('sprint and sprintln', () => {
  it.each<[GoValue[], string, string]>([
    [[int(1), int(2), 'a', 'b', int(3)], '1 2ab3', '1 2 a b 3\n'],
    [['a', 1.5, true, null], 'a1.5 true <nil>', 'a 1.5 true <nil>\n'],
    [[], '', '\n'],
  ])('case %#: %s', (args, printed, printedLn) => {
    expect(sprint(args)).toBe(printed);
    expect(sprintln(args)).toBe(printedLn);
  });
});

describe('formatGoFloat', () => {
  it.each<[number, 'e' | 'f' | 'g', number, string]>([
    [0, 'g', -1, '0'],
    [-0, 'g', -1, '-0'],
    [1e6, 'g', -1, '1e+06'],
    [123456, 'g', -1, '123456'],
    [1e-4, 'g', -1, '0.0001'],
    [1.5e300, 'e', -1, '1.5e+300'],
    [5e-324, 'e', 3, '4.941e-324'],
    [0.1, 'f', 20, '0.10000000000000000555'],
    [2 ** 70, 'f', 0, '1180591620717411303424'],
    [9.995, 'f', 2, '9.99'],
    [9.9951, 'f', 2, '10.00'],
    [999.95, 'g', 4, '1000'],
    [0.00001234, 'g', 3, '1.23e-05'],
    [1234567, 'g', 4, '1.235e+06'],
    [100000, 'g', 4, '1e+05'],
  ])('%s %s %s', (x, fmt, prec, out) => {
    expect(formatGoFloat(x, fmt, prec)).toBe(out);
  });
});
