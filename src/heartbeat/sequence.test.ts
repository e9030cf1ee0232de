import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSequence } from './sequence.js';

const dir = mkdtempSync(join(tmpdir(), 'drygate-seq-'));
const path = join(dir, 'seq.prom');
const metric = 'duri_textfile_heartbeat_seq';

function readWith(content: string): ReturnType<typeof readSequence> {
  writeFileSync(path, content);
  return readSequence(path, metric);
}

describe('readSequence', () => {
  it('reads the value written before', () => {
    expect(readWith(`# TYPE ${metric} counter\n${metric}{metric_realm="prod"} 41\n`)).toEqual({
      kind: 'found',
      value: 41,
    });
  });

  it('tells a missing file apart from a corrupt one', () => {
    expect(readSequence(join(dir, 'nope.prom'), metric)).toEqual({ kind: 'missing' });
  });

  const corrupt: [string, string][] = [
    ['', `${path}: expected one ${metric} sample, found 0`],
    [
      `${metric}{a="1`,
      `${path}:1:${metric.length + 6}: unterminated label value: expected a closing double quote`,
    ],
    [`${metric} 1\n${metric}{a="b"} 2\n`, `${path}: expected one ${metric} sample, found 2`],
    [`${metric} -1\n`, `${path}: ${metric} is -1, not a non-negative integer`],
    [`${metric} 1.5\n`, `${path}: ${metric} is 1.5, not a non-negative integer`],
    [`${metric} NaN\n`, `${path}: ${metric} is NaN, not a non-negative integer`],
    [`${metric} 1e300\n`, `${path}: ${metric} is 1e+300, not a non-negative integer`],
    ['other_metric 5\n', `${path}: expected one ${metric} sample, found 0`],
  ];
  it.each(corrupt)('reports %j as corrupt', (content, reason) => {
    expect(readWith(content)).toEqual({ kind: 'corrupt', reason });
  });

  it('reads a file cut after a digit as the shorter number, which is why writes must be atomic', () => {
    expect(readWith(`${metric} 4`)).toEqual({ kind: 'found', value: 4 });
  });
});
