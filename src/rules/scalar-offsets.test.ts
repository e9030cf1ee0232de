import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { decodeScalar, scalarOffsetMap, type ScalarStyle } from './scalar-offsets.js';

/** The scalar under the first key of a one-entry document (or the first item of its list). */
function firstScalar(src: string): Scalar<string> {
  const doc = parseDocument(src, { schema: 'failsafe' });
  expect(doc.errors).toEqual([]);
  const root = doc.contents;
  if (!isMap(root)) throw new Error('expected a map');
  const value = root.items[0]?.value;
  const node = isScalar(value) ? value : (value as { items: unknown[] }).items[0];
  if (!isScalar(node)) throw new Error('expected a scalar');
  return node as Scalar<string>;
}

function decodes(src: string): { ok: boolean; value: string; expected: string } {
  const node = firstScalar(src);
  const [start, end] = node.range as [number, number, number];
  const decoded = decodeScalar(src, start, end, node.type as ScalarStyle, node.value);
  // Every character comes from itself, or from an escape, a quote or a folded break.
  decoded?.offsets.forEach((at, i) => {
    const c = decoded.value[i] as string;
    if (/\s/.test(c) || /[\\']/.test(src[at] as string) || /[\ud800-\udfff]/.test(c)) return;
    expect(src[at], `${JSON.stringify(src)} offset ${i}`).toBe(c);
  });
  return { ok: decoded?.value === node.value, value: decoded?.value ?? '', expected: node.value };
}

describe('decodeScalar agrees with the yaml package', () => {
  it.each([
    ['plain', 'k: plain text\n'],
    ['plain, folded with an empty line', 'k: plain\n  continued\n\n  para\n'],
    ['double-quoted escapes', 'k: "a\\tb\\n\\x41\\u00e9\\U0001F600 \\\n   c"\n'],
    ['double-quoted escaped break before an empty line', 'k: "a\\\n\n  b"\n'],
    ['double-quoted blanks around breaks', 'k: "  lead  \n  trail  "\n'],
    ['single-quoted', "k: 'it''s\n  folded\n\n\n  x'\n"],
    ['literal, clip', 'k: |\n  a\n   b\n\n  c\n\n\n'],
    ['literal, strip', 'k: |-\n  a\n  b\n'],
    ['literal, keep', 'k: |+\n  a\n\n\n'],
    ['literal at end of file without a break', 'k: |\n  a\n  b'],
    ['literal with CRLF', 'k: |\r\n  a\r\n  b\r\n'],
    ['literal with a comment on the header', 'k: | # the query\n  a\n'],
    ['folded, with more-indented lines', 'k: >\n  a\n  b\n\n  c\n   d\n  e\n'],
    ['folded, leading empty line', 'k: >-\n\n  a\n  b\n'],
    ['explicit indentation', 'k: >2\n   x\n  y\n'],
    ['explicit indentation in a list', 'k:\n  - |2\n     x\n    y\n'],
  ])('%s', (_, src) => {
    const r = decodes(src);
    expect(r.value).toBe(r.expected);
    expect(r.ok).toBe(true);
  });
});

describe('scalarOffsetMap', () => {
  function locate(src: string, valueOffset: number): string {
    const node = firstScalar(src);
    const [start, end] = node.range as [number, number, number];
    const map = scalarOffsetMap(src, start, end, node.type as ScalarStyle, node.value);
    const at = map(valueOffset);
    const lineStart = src.lastIndexOf('\n', at - 1) + 1;
    const line = src.slice(0, at).split('\n').length;
    return `${line}:${at - lineStart + 1}`;
  }

  it('points into a block scalar past its indentation', () => {
    const src = 'expr: |\n  sum by (job)\n    (rate(up[5m])\n';
    // value: "sum by (job)\n  (rate(up[5m])\n"; offset 15 is the `(` of `(rate`.
    expect(locate(src, 15)).toBe('3:5');
  });

  it('points just after the last visible character for an offset past the end', () => {
    const src = 'expr: |\n  sum(rate(x[5m])\n\nnext: 1\n';
    expect(locate(src, 100)).toBe('2:18');
  });

  it('skips quotes and escapes', () => {
    const src = 'expr: "up{job=\\"a\\"} == 0"\n';
    // value: up{job="a"} == 0 ; offset 12 is `=` of `==`.
    expect(locate(src, 12)).toBe('1:22');
  });

  it('follows folded lines of a plain scalar', () => {
    const src = 'expr: sum(x)\n  / count(x)\n';
    // value: "sum(x) / count(x)"; offset 9 is `c`.
    expect(locate(src, 9)).toBe('2:5');
  });

  it('falls back to an alignment when the value does not decode', () => {
    const src = 'expr: abc\n';
    const map = scalarOffsetMap(src, 6, 9, 'QUOTE_DOUBLE', 'abc');
    expect([0, 1, 2].map(map)).toEqual([6, 7, 8]);
  });
});

describe('decodeScalar on generated values', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', 'b', ' ', '\n', '\t', '"', "'", '\\', '{', 'é', '😀', '#', ':'),
    maxLength: 30,
  });

  it('double-quoted and single-quoted strings written by the yaml package', () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('QUOTE_DOUBLE', 'QUOTE_SINGLE'),
        fc.nat(40),
        (value, type, width) => {
          const doc = parseDocument('k: x\n', { schema: 'failsafe' });
          const root = doc.contents;
          if (!isMap(root)) return;
          const node = root.items[0]?.value as Scalar;
          node.value = value;
          node.type = type;
          const src = doc.toString({ lineWidth: 20 + width, minContentWidth: 10 });
          const r = decodes(src);
          expect(r.value).toBe(r.expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('long plain scalars folded by the yaml package', () => {
    const words = fc.array(fc.constantFrom('sum', 'rate(x[5m])', 'by', '(job)', '/', 'on'), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(words, (parts) => {
        const src = new Document({ k: parts.join(' ') }).toString({
          lineWidth: 20,
          minContentWidth: 5,
        });
        const r = decodes(src);
        expect(r.value).toBe(r.expected);
        expect(r.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('block scalars written by the yaml package', () => {
    const lines = fc.array(
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', '(', ')', 'x', '\t', '#'), maxLength: 12 }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(lines, fc.constantFrom('BLOCK_LITERAL', 'BLOCK_FOLDED'), (parts, type) => {
        const value = parts.join('\n');
        const doc = parseDocument('k:\n  - x\n', { schema: 'failsafe' });
        const root = doc.contents;
        if (!isMap(root)) return;
        const seq = root.items[0]?.value as { items: Scalar[] };
        const node = seq.items[0] as Scalar;
        node.value = value;
        node.type = type;
        const src = doc.toString({ lineWidth: 20 });
        const r = decodes(src);
        expect(r.value).toBe(r.expected);
      }),
      { numRuns: 300 },
    );
  });
});
