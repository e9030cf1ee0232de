import { describe, expect, it } from 'vitest';
import { formatAlertList, formatFloatE, formatGoDuration, formatSamples } from './format.js';
import { segmentRegExp } from './glob.js';
import { withinOneUlp } from './run.js';

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1000, '1s'],
    [60_000, '1m0s'],
    [3_723_500, '1h2m3.5s'],
    [86_400_000, '24h0m0s'],
  ])('%d ms is %s', (ms, text) => expect(formatGoDuration(ms)).toBe(text));
});

describe('formatFloatE', () => {
  it.each([
    [1, '1E+00'],
    [61, '6.1E+01'],
    [0, '0E+00'],
    [2.9999999999999996, '2.9999999999999996E+00'],
  ])('%d is %s', (f, text) => expect(formatFloatE(f)).toBe(text));
});

describe('formatSamples', () => {
  it('prints nil for none, labels and values otherwise', () => {
    expect(formatSamples([])).toBe('nil');
    const labels = [
      { name: '__name__', value: 'x' },
      { name: 'job', value: 'y' },
    ];
    expect(
      formatSamples([
        { labels, value: 1 },
        { labels: [], value: 2 },
      ]),
    ).toBe('{__name__="x", job="y"} 1E+00, {} 2E+00');
  });
});

describe('formatAlertList', () => {
  it('matches promtool', () => {
    expect(formatAlertList([])).toBe('[]');
    const one = { labels: [{ name: 'alertname', value: 'A' }], annotations: [] };
    expect(formatAlertList([one, one])).toBe(
      '[\n0:\n  Labels:{alertname="A"}\n  Annotations:{},\n1:\n  Labels:{alertname="A"}\n  Annotations:{}\n]',
    );
  });
});

describe('withinOneUlp', () => {
  it('accepts adjacent doubles only', () => {
    expect(withinOneUlp(3, 3)).toBe(true);
    expect(withinOneUlp(3, 2.9999999999999996)).toBe(true);
    expect(withinOneUlp(3, 3.0000000000000004)).toBe(true);
    expect(withinOneUlp(3, 3.000000000000001)).toBe(false);
    expect(withinOneUlp(0, -0)).toBe(true);
    expect(withinOneUlp(Number.MIN_VALUE, -Number.MIN_VALUE)).toBe(false);
    expect(withinOneUlp(NaN, NaN)).toBe(false);
  });
});

describe('segmentRegExp', () => {
  it('translates Go glob syntax', () => {
    expect(segmentRegExp('*.yml')?.test('rules.yml')).toBe(true);
    expect(segmentRegExp('r?les.y[a-m]l')?.test('rules.yml')).toBe(true);
    expect(segmentRegExp('[')).toBeUndefined();
  });
});
