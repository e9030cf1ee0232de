import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../exposition/parse.js';
import { beatOnce, renderHeartbeatFiles } from './beat.js';
import { resolveHeartbeatConfig } from './config.js';
import { acquireLock, LockBusyError } from './lock.js';

function freshConfig(): ReturnType<typeof resolveHeartbeatConfig> {
  return resolveHeartbeatConfig({ dir: mkdtempSync(join(tmpdir(), 'drygate-beat-')) });
}
const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');
const listing = (dir: string): string[] => readdirSync(dir).sort();

describe('renderHeartbeatFiles', () => {
  it('writes HELP, TYPE and one sample without an exposition timestamp', () => {
    const files = renderHeartbeatFiles(
      'duri',
      [{ name: 'metric_realm', value: 'prod' }],
      42,
      1764359239123,
    );
    expect(files.ts).toBe(
      '# HELP duri_textfile_heartbeat_ts Unix time in seconds of the last heartbeat written by drygate.\n' +
        '# TYPE duri_textfile_heartbeat_ts gauge\n' +
        'duri_textfile_heartbeat_ts{metric_realm="prod"} 1.764359239123e+09\n',
    );
    expect(files.seq).toBe(
      '# HELP duri_textfile_heartbeat_seq Heartbeats written since the sequence started; +1 per beat.\n' +
        '# TYPE duri_textfile_heartbeat_seq counter\n' +
        'duri_textfile_heartbeat_seq{metric_realm="prod"} 42\n',
    );
  });
});

describe('beatOnce', () => {
  it('counts up from 1 and stamps the beat time in seconds', async () => {
    const config = freshConfig();
    expect((await beatOnce(config, { now: () => 1000_500 })).seq).toBe(1);
    const second = await beatOnce(config, { now: () => 2000_250 });
    expect(second).toEqual({ seq: 2, timestampMs: 2000_250, notices: [], removedTempFiles: [] });
    expect(
      parseExposition(read(config.dir, 'duri_textfile_heartbeat_ts.prom'))[0]?.samples[0]?.value,
    ).toBe(2000.25);
    expect(
      parseExposition(read(config.dir, 'duri_textfile_heartbeat_seq.prom'))[0]?.samples[0]?.value,
    ).toBe(2);
    expect(listing(config.dir)).toEqual([
      '.duri_textfile_heartbeat.lock',
      'duri_textfile_heartbeat_seq.prom',
      'duri_textfile_heartbeat_ts.prom',
    ]);
  });

  it('restarts at 1 with a notice when the sequence file is corrupt', async () => {
    const config = freshConfig();
    writeFileSync(
      join(config.dir, 'duri_textfile_heartbeat_seq.prom'),
      'duri_textfile_heartbeat_seq{\n',
    );
    const result = await beatOnce(config);
    expect(result.seq).toBe(1);
    expect(result.notices).toEqual([
      `${join(config.dir, 'duri_textfile_heartbeat_seq.prom')}:1:29: expected a label name or "}", got end of line; starting a new sequence at 1 (Prometheus sees a counter reset)`,
    ]);
  });

  it('says so when the sequence file vanished but earlier beats left a timestamp', async () => {
    const config = freshConfig();
    writeFileSync(join(config.dir, 'duri_textfile_heartbeat_ts.prom'), '');
    expect((await beatOnce(config)).notices).toEqual([
      'duri_textfile_heartbeat_seq.prom is missing but duri_textfile_heartbeat_ts.prom exists; starting a new sequence at 1',
    ]);
  });

  it('removes temp files a crashed writer left, and nothing else', async () => {
    const config = freshConfig();
    const stale = [
      '.duri_textfile_heartbeat_ts.prom.123.abcd.tmp',
      '.duri_textfile_heartbeat_seq.prom.9.ff.tmp',
    ];
    for (const name of [...stale, '.other.prom.1.tmp', 'keep.prom'])
      writeFileSync(join(config.dir, name), 'x 1\n');
    const result = await beatOnce(config);
    expect([...result.removedTempFiles].sort()).toEqual([...stale].sort());
    expect(listing(config.dir)).toEqual([
      '.duri_textfile_heartbeat.lock',
      '.other.prom.1.tmp',
      'duri_textfile_heartbeat_seq.prom',
      'duri_textfile_heartbeat_ts.prom',
      'keep.prom',
    ]);
  });

  it('writes nothing while another writer holds the lock', async () => {
    const config = freshConfig();
    const held = await acquireLock(config.lockPath);
    await expect(beatOnce(config)).rejects.toBeInstanceOf(LockBusyError);
    expect(listing(config.dir)).toEqual(['.duri_textfile_heartbeat.lock']);
    held.release();
    expect((await beatOnce(config)).seq).toBe(1);
  });

  it('leaves no temp file and keeps the old content when a write fails', async () => {
    const config = freshConfig();
    await beatOnce(config, { now: () => 1_000 });
    const ts = read(config.dir, 'duri_textfile_heartbeat_ts.prom');
    rmSync(join(config.dir, 'duri_textfile_heartbeat_seq.prom'));
    mkdirSync(join(config.dir, 'duri_textfile_heartbeat_seq.prom', 'blocker'), { recursive: true }); // rename over a non-empty directory fails
    await expect(beatOnce(config, { now: () => 2_000 })).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(listing(config.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The timestamp file was replaced whole before the sequence write failed.
    expect(read(config.dir, 'duri_textfile_heartbeat_ts.prom')).not.toBe(ts);
    expect(() =>
      parseExposition(read(config.dir, 'duri_textfile_heartbeat_ts.prom')),
    ).not.toThrow();
  });
});
