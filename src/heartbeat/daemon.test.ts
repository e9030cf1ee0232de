import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../exposition/parse.js';
import { resolveHeartbeatConfig } from './config.js';
import { runHeartbeatDaemon } from './daemon.js';

function freshConfig(): ReturnType<typeof resolveHeartbeatConfig> {
  return resolveHeartbeatConfig({ dir: mkdtempSync(join(tmpdir(), 'drygate-daemon-')) });
}
const seqIn = (dir: string): number | undefined =>
  parseExposition(readFileSync(join(dir, 'duri_textfile_heartbeat_seq.prom'), 'utf8'))[0]
    ?.samples[0]?.value;

describe('runHeartbeatDaemon', () => {
  it('stops after --count beats', async () => {
    const config = freshConfig();
    const seen: number[] = [];
    const summary = await runHeartbeatDaemon(config, {
      everyMs: 1,
      count: 5,
      onBeat: (r) => seen.push(r.seq),
    });
    expect(summary).toEqual({ attempts: 5, beats: 5, failures: 0 });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(seqIn(config.dir)).toBe(5);
  });

  it('keeps beating after failed writes, and counts them', async () => {
    const config = freshConfig();
    const blocker = join(config.dir, 'duri_textfile_heartbeat_ts.prom', 'x');
    mkdirSync(blocker, { recursive: true }); // the timestamp file cannot be replaced
    const failures: number[] = [];
    const summary = await runHeartbeatDaemon(config, {
      everyMs: 1,
      count: 6,
      onFailure: (_err, n) => {
        failures.push(n);
        if (n === 3)
          rmSync(join(config.dir, 'duri_textfile_heartbeat_ts.prom'), { recursive: true });
      },
    });
    expect(failures).toEqual([1, 2, 3]);
    expect(summary).toEqual({ attempts: 6, beats: 3, failures: 3 });
    // A failed beat does not count: the sequence equals the beats that completed.
    expect(seqIn(config.dir)).toBe(3);
  });

  it('stops cleanly when aborted, after the beat in flight', async () => {
    const config = freshConfig();
    const stop = new AbortController();
    const summary = await runHeartbeatDaemon(config, {
      everyMs: 60_000,
      signal: stop.signal,
      onBeat: (r) => {
        if (r.seq === 1) setTimeout(() => stop.abort(), 20);
      },
    });
    expect(summary).toEqual({ attempts: 1, beats: 1, failures: 0 });
  });
});
