// The real Prometheus for the benchmarks: an OpenMetrics dump backfilled with promtool and
// served on 127.0.0.1 with no scrape jobs, so the TSDB holds only the dump.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** `promtool tsdb create-blocks-from openmetrics DUMP DIR/tsdb`; throws with promtool's output. */
export function backfill(dump, dir) {
  const created = spawnSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', dump, join(dir, 'tsdb')],
    { encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`promtool backfill failed: ${created.stderr}`);
}

/**
 * Starts Prometheus on the backfilled `DIR/tsdb` and waits until it is ready. Returns the child
 * process and the base URL; `stopPrometheus` ends it.
 */
export async function startPrometheus(dir, extraArgs = []) {
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\n');
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      // Backfilled data may be old: never let retention delete it at start-up.
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/-/ready`)).ok) break;
    } catch {
      // starting
    }
    if (i > 600) {
      await stopPrometheus(child);
      throw new Error('Prometheus did not become ready');
    }
    await sleep(100);
  }
  return { child, base };
}

export async function stopPrometheus(child) {
  if (child === undefined || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}
