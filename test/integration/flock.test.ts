import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/heartbeat/lock.js';
import { flockBinary } from '../support/binaries.js';
import { runCli } from '../support/cli.js';
import { stopProcess } from '../support/processes.js';

const flock = flockBinary();

/** Whether flock(1) could take the lock right now. */
function flockCanLock(path: string): boolean {
  try {
    execFileSync(flock.path as string, ['-n', path, 'true']);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(flock.path === undefined)(
  `heartbeat and flock(1) exclude each other ${flock.skipReason}`,
  () => {
    let holder: ChildProcess | undefined;
    let dir = '';
    afterEach(async () => {
      if (holder !== undefined) await stopProcess(holder);
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('a one-shot beat exits 1 and writes nothing while `flock LOCK sleep 2` runs, then succeeds', async () => {
      dir = mkdtempSync(join(tmpdir(), 'drygate-flock-'));
      const lock = join(dir, '.duri_textfile_heartbeat.lock');
      holder = spawn(flock.path as string, [lock, 'sleep', '2'], { stdio: 'ignore' });
      while (flockCanLock(lock)) await sleep(10); // until the shell side holds it

      const blocked = await runCli(['heartbeat', '--dir', dir]);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toBe(`drygate: lock ${lock} is held by another writer\n`);
      expect(readdirSync(dir).filter((f) => f.endsWith('.prom') || f.endsWith('.tmp'))).toEqual([]);

      await once(holder, 'exit');
      const after = await runCli(['heartbeat', '--dir', dir]);
      expect(after.code).toBe(0);
      expect(existsSync(join(dir, 'duri_textfile_heartbeat_seq.prom'))).toBe(true);
      expect(existsSync(join(dir, 'duri_textfile_heartbeat_ts.prom'))).toBe(true);
    });

    it('with --wait, a beat waits for the shell job to finish', async () => {
      dir = mkdtempSync(join(tmpdir(), 'drygate-flock-'));
      const lock = join(dir, '.duri_textfile_heartbeat.lock');
      holder = spawn(flock.path as string, [lock, 'sleep', '1'], { stdio: 'ignore' });
      while (flockCanLock(lock)) await sleep(10);
      const run = await runCli(['heartbeat', '--dir', dir, '--wait', '10s', '--verbose']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^seq=1 ts=/);
      expect(holder.exitCode ?? holder.signalCode).not.toBeNull(); // it only got the lock after the holder ended
    });

    it('flock -n fails while drygate holds the lock', async () => {
      dir = mkdtempSync(join(tmpdir(), 'drygate-flock-'));
      const lock = join(dir, 'custom.lock');
      const handle = await acquireLock(lock);
      expect(flockCanLock(lock)).toBe(false);
      handle.release();
      expect(flockCanLock(lock)).toBe(true);
    });
  },
);
