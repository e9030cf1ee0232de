import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { type HeartbeatConfigInput, resolveHeartbeatConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'drygate-config-'));

describe('resolveHeartbeatConfig', () => {
  it('fills in the defaults', () => {
    expect(resolveHeartbeatConfig({ dir })).toEqual({
      dir,
      prefix: 'duri',
      labels: [{ name: 'metric_realm', value: 'prod' }],
      lockPath: join(dir, '.duri_textfile_heartbeat.lock'),
    });
  });

  it('adds extra labels, sorted by name, and takes the realm and lock given', () => {
    const config = resolveHeartbeatConfig({
      dir,
      realm: 'staging',
      labels: ['zone=b', 'app=x=y'],
      lockPath: '/run/hb.lock',
    });
    expect(config.labels).toEqual([
      { name: 'app', value: 'x=y' },
      { name: 'metric_realm', value: 'staging' },
      { name: 'zone', value: 'b' },
    ]);
    expect(config.lockPath).toBe('/run/hb.lock');
  });

  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  const bad: [Partial<HeartbeatConfigInput>, string][] = [
    [{ dir: join(dir, 'missing') }, `--dir ${join(dir, 'missing')}: no such directory`],
    [{ dir: file }, `--dir ${file}: not a directory`],
    [
      { prefix: '1duri' },
      '--prefix "1duri": expected a metric name prefix matching [a-zA-Z_][a-zA-Z0-9_]*',
    ],
    [
      { prefix: 'du-ri' },
      '--prefix "du-ri": expected a metric name prefix matching [a-zA-Z_][a-zA-Z0-9_]*',
    ],
    [{ realm: '' }, '--realm: the value is empty (an empty label is the same as no label)'],
    [{ realm: 'a\ud800' }, '--realm: the value is not valid UTF-8 text'],
    [{ labels: ['novalue'] }, '--label "novalue": expected name=value'],
    [
      { labels: ['bad-name=1'] },
      '--label "bad-name=1": invalid label name "bad-name" (expected [a-zA-Z_][a-zA-Z0-9_]*)',
    ],
    [
      { labels: ['__name__=x'] },
      '--label "__name__=x": label names starting with "__" are reserved',
    ],
    [{ labels: ['metric_realm=dev'] }, '--label "metric_realm=dev": set metric_realm with --realm'],
    [{ labels: ['a='] }, '--label a: the value is empty (an empty label is the same as no label)'],
    [{ labels: ['a=1', 'a=2'] }, '--label a: given twice'],
    [
      { lockPath: join(dir, 'x.prom') },
      `--lock ${join(dir, 'x.prom')}: must not end in .prom, or node_exporter would read it as metrics`,
    ],
  ];
  it.each(bad)('rejects %j', (input, message) => {
    const before = readdirSync(dir);
    expect(() => resolveHeartbeatConfig({ dir, ...input })).toThrow(new InputError(message));
    expect(readdirSync(dir)).toEqual(before); // nothing written
  });
});
