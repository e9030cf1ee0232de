/** Starting and stopping real processes on 127.0.0.1 for integration tests. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A port the OS says is free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Stops a child by its PID: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = sleep(graceMs).then(() => 'timeout');
  if ((await Promise.race([exited.then(() => 'exited'), timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Polls `url` until it answers 200, or fails with the child's output. */
export async function waitForHttp(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before serving ${url}:\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(50);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real node_exporter with only the textfile collector, reading `dir`. */
export async function startNodeExporter(binary: string, dir: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(
    binary,
    [
      `--web.listen-address=127.0.0.1:${port}`,
      '--collector.disable-defaults',
      '--collector.textfile',
      `--collector.textfile.directory=${dir}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/metrics`, child, () => output);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return { url, child, stop: () => stopProcess(child) };
}

/** Fetches /metrics in the text format. */
export async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, {
    headers: { accept: 'text/plain;version=0.0.4' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`scrape ${url}: HTTP ${response.status}`);
  return response.text();
}

export interface StartPrometheusOptions {
  /** Adds `--web.enable-lifecycle` (POST /-/reload). */
  readonly lifecycle?: boolean;
  /** Where the config is written and read (default `<dir>/prometheus.yml`). */
  readonly configPath?: string;
}

/** Starts the real Prometheus on 127.0.0.1 with `config` in a temporary directory it owns. */
export async function startPrometheus(
  binary: string,
  dir: string,
  config: string,
  extraArgs: readonly string[] = [],
  options: StartPrometheusOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  mkdirSync(join(dir, 'data'), { recursive: true });
  const configPath = options.configPath ?? join(dir, 'prometheus.yml');
  writeFileSync(configPath, config);
  const child = spawn(
    binary,
    [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...(options.lifecycle === true ? ['--web.enable-lifecycle'] : []),
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/-/ready`, child, () => output, 30_000);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return { url, child, stop: () => stopProcess(child) };
}

/**
 * Backfills an OpenMetrics dump into `<dir>/data` with promtool, then serves it with the real
 * Prometheus: no scrape jobs, so the TSDB holds only the dump, and a retention far out so that
 * old data is never deleted at start-up.
 */
export async function startBackfilledPrometheus(
  binaries: { readonly promtool: string; readonly prometheus: string },
  dir: string,
  dump: string,
  timeoutMs = 300_000,
): Promise<RunningServer> {
  const created = spawnSync(
    binaries.promtool,
    ['tsdb', 'create-blocks-from', 'openmetrics', dump, join(dir, 'data')],
    { encoding: 'utf8', timeout: timeoutMs },
  );
  if (created.status !== 0)
    throw new Error(`promtool backfill failed:\n${created.stdout}${created.stderr}`);
  return startPrometheus(binaries.prometheus, dir, 'global:\n  scrape_interval: 1h\n', [
    '--storage.tsdb.retention.time=100y',
  ]);
}
