/** fast-check generators of metric families that are valid in a given format. */
import fc from 'fast-check';
import type { Label } from '../model/labels.js';
import type { ExpositionFormat, ExpositionSample, MetricFamily, MetricType } from './types.js';

const nameChars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789';
const metricName = fc
  .tuple(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_:'),
    fc.string({ unit: fc.constantFrom(...nameChars, ':'), maxLength: 12 }),
  )
  .map(([a, b]) => a + b);
const labelName = fc
  .tuple(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
    fc.string({ unit: fc.constantFrom(...nameChars), maxLength: 8 }),
  )
  .map(([a, b]) => a + b)
  .filter((n) => n !== 'le' && n !== 'quantile');
// Any well-formed Unicode, with the characters that need escaping made likely.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.string({
    unit: fc.constantFrom('\\', '"', '\n', 'a', ' ', '{', '}', ',', '=', '#', 'é', '😀'),
    maxLength: 12,
  }),
);
const labelValue = text.filter((v) => v !== '');
const labelSet = fc
  .uniqueArray(fc.record({ name: labelName, value: labelValue }), {
    selector: (l) => l.name,
    maxLength: 4,
  })
  .map((ls) => [...ls].sort((a, b) => (a.name < b.name ? -1 : 1)));
const value = fc.oneof(
  fc.double(),
  fc.integer().map(Number),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0),
);

function withSpecial(labels: Label[], name: string, v: string): Label[] {
  return [...labels, { name, value: v }].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function familyArbitrary(name: string, format: ExpositionFormat): fc.Arbitrary<MetricFamily> {
  const timestamp: fc.Arbitrary<number | undefined> = fc.option(
    fc.integer({ min: -1e13, max: 1e13 }),
    { nil: undefined },
  );
  const sample = (
    sampleName: fc.Arbitrary<string>,
    labels: fc.Arbitrary<Label[]>,
  ): fc.Arbitrary<ExpositionSample> =>
    fc
      .record({ name: sampleName, labels, value, ts: timestamp })
      .map(({ ts, ...s }) => (ts === undefined ? s : { ...s, timestampMs: ts }));
  const type = fc.constantFrom<MetricType>('counter', 'gauge', 'untyped', 'histogram', 'summary');
  // The text format cannot carry leading blanks in HELP: Go's parser skips them.
  const help = format === 'text' ? text.filter((h) => !/^[ \t]/.test(h)) : text;
  return fc.tuple(type, fc.option(help, { nil: undefined })).chain(([t, help]) => {
    let samples: fc.Arbitrary<ExpositionSample[]>;
    if (t === 'histogram' || t === 'summary') {
      const special = t === 'histogram' ? 'le' : 'quantile';
      const bucketName = t === 'histogram' ? `${name}_bucket` : name;
      const bound = fc.oneof(
        fc.constantFrom('+Inf', '0.5', '1', '0.99'),
        fc.double({ noNaN: true }).map(String),
      );
      samples = fc.array(
        fc.oneof(
          labelSet.chain((ls) =>
            sample(
              fc.constant(bucketName),
              bound.map((b) => withSpecial(ls, special, b)),
            ),
          ),
          sample(fc.constantFrom(`${name}_sum`, `${name}_count`), labelSet),
        ),
        { maxLength: 5 },
      );
    } else {
      const sampleName = format === 'openmetrics' && t === 'counter' ? `${name}_total` : name;
      samples = fc.array(sample(fc.constant(sampleName), labelSet), { maxLength: 5 });
    }
    return samples.map((s) =>
      help === undefined ? { name, type: t, samples: s } : { name, type: t, help, samples: s },
    );
  });
}

const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

/** Family names that can never be mistaken for one another's suffixed samples. */
function unambiguous(names: string[]): boolean {
  return names.every(
    (n) => !names.some((m) => m !== n && SUFFIXES.some((s) => n === m + s || m === n + s)),
  );
}

export function metricFamilies(format: ExpositionFormat): fc.Arbitrary<MetricFamily[]> {
  return fc
    .uniqueArray(metricName, { maxLength: 5 })
    .filter(unambiguous)
    .chain((names) => fc.tuple(...names.map((n) => familyArbitrary(n, format))));
}
