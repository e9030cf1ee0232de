import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFloat } from './float.js';
import { parseExposition } from './parse.js';
import { writeExposition } from './write.js';

const testdata = (name: string): string =>
  readFileSync(new URL(`testdata/${name}`, import.meta.url), 'utf8');

describe("formatFloat matches Go strconv.FormatFloat(f, 'g', -1, 64)", () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-2.5, '-2.5'],
    [0.1, '0.1'],
    [0.0001, '0.0001'],
    [0.000123, '0.000123'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [100000, '100000'],
    [123456.7, '123456.7'],
    [999999, '999999'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [1764359239, '1.764359239e+09'],
    [1764359239.123, '1.764359239123e+09'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ];
  it.each(cases)('%s -> %s', (f, text) => {
    expect(formatFloat(f)).toBe(text);
  });
});

describe('writeExposition', () => {
  it('reproduces a canonical text file byte for byte', () => {
    const original = testdata('families.prom');
    expect(writeExposition(parseExposition(original))).toBe(original);
  });

  it('writes OpenMetrics with seconds, unknown and # EOF, and reads back the same families', () => {
    const families = parseExposition(testdata('dump.om.txt'));
    const written = writeExposition(families, { format: 'openmetrics' });
    expect(written).toContain('node_load1{instance="a:9100"} 0.5 1764359239.123\n');
    expect(written).toContain('# TYPE something unknown\n');
    expect(written).toContain('# UNIT process_cpu_seconds seconds\n');
    expect(written.endsWith('# EOF\n')).toBe(true);
    expect(parseExposition(written)).toEqual(families);
  });

  it('writes negative zero as 0, as expfmt does', () => {
    const family = {
      name: 'm',
      help: 'h',
      type: 'gauge' as const,
      samples: [{ name: 'm', labels: [], value: -0 }],
    };
    expect(writeExposition([family])).toBe('# HELP m h\n# TYPE m gauge\nm 0\n');
  });

  it('puts HELP before TYPE and escapes HELP text, label values and the OpenMetrics quote', () => {
    const family = {
      name: 'm',
      help: 'a\\b\n"c"',
      type: 'gauge' as const,
      samples: [{ name: 'm', labels: [{ name: 'l', value: 'x"\\\ny' }], value: 1 }],
    };
    expect(writeExposition([family])).toBe(
      '# HELP m a\\\\b\\n"c"\n# TYPE m gauge\nm{l="x\\"\\\\\\ny"} 1\n',
    );
    expect(writeExposition([family], { format: 'openmetrics' })).toBe(
      '# HELP m a\\\\b\\n\\"c\\"\n# TYPE m gauge\nm{l="x\\"\\\\\\ny"} 1\n# EOF\n',
    );
  });
});
