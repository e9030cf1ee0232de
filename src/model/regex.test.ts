import { describe, expect, it } from 'vitest';
import { RegexError, compileAnchored } from './regex.js';

/** Pattern, strings it must match (whole), strings it must not. */
const SEMANTICS: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['.*', ['', 'a\nb'], []],
  ['(?-s:.)', ['a'], ['\n']],
  ['a|b', ['a', 'b'], ['ab', '']],
  ['(?i)foo', ['FOO', 'fOo'], ['fo']],
  ['(?i:PRO).*', ['production', 'PROD'], ['pr']],
  ['((?i)pro)duc', ['PROduc'], ['proDUC']],
  ['.*(?i:tion)', ['producTION'], ['producTIO']],
  ['(?i)k', ['k', 'K', '\u212a'], ['x']],
  ['(?i)[a-c]+', ['aBc'], ['d']],
  ['\\s', [' ', '\t', '\n'], ['\u00a0', '\v']],
  ['\\d+', ['0123'], ['\u0661']],
  ['\\w+', ['a_Z9'], ['é']],
  ['\\S\\D\\W', ['xx-'], [' 1a']],
  ['[[:alpha:]]+', ['abcXYZ'], ['a1']],
  ['[[:^digit:]]+', ['ab'], ['a1']],
  ['[^a]', ['\n', 'b'], ['a']],
  ['[]a]+', [']a'], ['b']],
  ['[\\d-z]+', ['5-z'], ['a']],
  ['[\\p{Greek}x]+', ['αβx'], ['a']],
  ['\\p{Greek}+', ['αβ'], ['a']],
  ['\\PL', ['1'], ['a']],
  ['\\pN', ['٣'], ['a']],
  ['\\Qa.b\\E', ['a.b'], ['axb']],
  ['x{2,3}', ['xx', 'xxx'], ['x', 'xxxx']],
  ['a{,2}', ['a{,2}'], ['aa']],
  ['a{01}', ['a{01}'], ['a']],
  ['}]', ['}]'], []],
  ['\\x41\\x{1F600}\\101\\0', ['A😀A\0'], []],
  ['\\.\\_\\-', ['._-'], []],
  ['a*?b', ['aab'], []],
  ['(?U)a+', ['aaa'], []],
  ['\\bfoo\\b', ['foo'], []],
  ['(?P<name>a)(?<other>b)(?P<1x>c)', ['abc'], []],
  ['(?m)^a$', ['a'], []],
  ['^a$|^$', ['a', ''], ['b']],
  ['a(?i)*', ['aaa'], ['b']],
  ['\\Aa\\z', ['a'], []],
  ['(|a)+', ['', 'aa'], ['b']],
];

/** Patterns Go's regexp/syntax rejects, with Go's message. */
const INVALID: readonly (readonly [string, string])[] = [
  ['(', 'missing closing ): `(`'],
  ['a(b', 'missing closing ): `a(b`'],
  [')', 'unexpected ): `)`'],
  ['a)', 'unexpected ): `a)`'],
  ['[a', 'missing closing ]: `[a`'],
  ['x[]', 'missing closing ]: `[]`'],
  ['[z-a]', 'invalid character class range: `z-a`'],
  ['*', 'missing argument to repetition operator: `*`'],
  ['x|+?', 'missing argument to repetition operator: `+?`'],
  ['a**', 'invalid nested repetition operator: `**`'],
  ['a{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
  ['a{1001}', 'invalid repeat count: `{1001}`'],
  ['a{2,1}', 'invalid repeat count: `{2,1}`'],
  ['\\8', 'invalid escape sequence: `\\8`'],
  ['\\1', 'invalid escape sequence: `\\1`'],
  ['\\q', 'invalid escape sequence: `\\q`'],
  ['\\Z', 'invalid escape sequence: `\\Z`'],
  ['\\C', 'invalid escape sequence: `\\C`'],
  ['\\xZZ', 'invalid escape sequence: `\\xZZ`'],
  ['\\', 'trailing backslash at end of expression: ``'],
  ['(?=a)', 'invalid or unsupported Perl syntax: `(?=`'],
  ['(?!a)', 'invalid or unsupported Perl syntax: `(?!`'],
  ['(?i-)', 'invalid or unsupported Perl syntax: `(?i-)`'],
  ['(?<=a)', 'invalid named capture: `(?<=a)`'],
  ['(?P<a-b>x)', 'invalid named capture: `(?P<a-b>`'],
  ['[[:foo:]]', 'invalid character class range: `[:foo:]`'],
  ['\\p{Foo}', 'invalid character class range: `\\p{Foo}`'],
];

describe('compileAnchored', () => {
  it.each(SEMANTICS)('%s', (pattern, yes, no) => {
    const re = compileAnchored(pattern);
    for (const s of yes) expect(re.test(s), JSON.stringify(s)).toBe(true);
    for (const s of no) expect(re.test(s), JSON.stringify(s)).toBe(false);
  });

  it.each(INVALID)('rejects %s', (pattern, message) => {
    expect(() => compileAnchored(pattern)).toThrow(RegexError);
    expect(() => compileAnchored(pattern)).toThrow(`error parsing regexp: ${message}`);
  });

  it('returns the cached RegExp for a repeated pattern', () => {
    expect(compileAnchored('a+b')).toBe(compileAnchored('a+b'));
  });
});
