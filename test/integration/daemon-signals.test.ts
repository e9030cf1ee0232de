import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/exposition/parse.js';
import { acquireLock } from '../../src/heartbeat/lock.js';
import { spawnCli } from '../support/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the heartbeat daemon stops cleanly on a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: exits 0, every counted beat is on disk, the lock is free',
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), 'drygate-signal-'));
      dirs.push(dir);
      const child = spawnCli(['heartbeat', '--dir', dir, '--every', '20ms', '--verbose']);
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = once(child, 'exit');
      while ((stdout.match(/\n/g) ?? []).length < 3) await sleep(5);
      child.kill(signal);
      const [code] = (await exited) as [number | null];

      expect(code).toBe(0);
      const beats = (stdout.match(/^seq=\d+ /gm) ?? []).length;
      expect(stderr).toBe(`drygate heartbeat: stopped: ${beats} beats written, 0 failed\n`);
      const seq = parseExposition(
        readFileSync(join(dir, 'duri_textfile_heartbeat_seq.prom'), 'utf8'),
      )[0]?.samples[0]?.value;
      expect(seq).toBe(beats);
      (await acquireLock(join(dir, '.duri_textfile_heartbeat.lock'))).release();
    },
  );
});
