// Heartbeat benchmark: daemon-mode throughput, and one-shot CLI latency beside the equivalent
// shell script (flock + printf + mv), all measured in the same run on the same disk.
// Usage: npm run bench:heartbeat [-- --runs 200 --beats 2000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '200' }, beats: { type: 'string', default: '2000' } },
});
const RUNS = Number(values.runs);
const BEATS = Number(values.beats);
const cli = fileURLToPath(new URL('../bin/drygate.cjs', import.meta.url));
const shell = fileURLToPath(new URL('./heartbeat-shell.sh', import.meta.url));

function tempDir() {
  return mkdtempSync(join(tmpdir(), 'drygate-bench-'));
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Runs a command RUNS times (after 5 warm-ups) and returns wall-time quantiles in ms. */
function latency(name, command, args, env = {}, writes = true) {
  const dir = tempDir();
  const times = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(command, [...args, dir], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
    if (i >= 5) times.push(ms);
  }
  if (writes) checkSequence(name, dir);
  rmSync(dir, { recursive: true });
  times.sort((a, b) => a - b);
  return {
    name,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

function checkSequence(name, dir) {
  const seq = /_seq\{[^}]*\} (\S+)/.exec(
    readFileSync(join(dir, 'duri_textfile_heartbeat_seq.prom'), 'utf8'),
  )?.[1];
  if (Number(seq) !== RUNS + 5) throw new Error(`${name}: sequence ${seq}, expected ${RUNS + 5}`);
}

function daemonThroughput() {
  const dir = tempDir();
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [cli, 'heartbeat', '--dir', dir, '--every', '1ms', '--count', String(BEATS), '--verbose'],
    { encoding: 'utf8' },
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(run.stderr);
  const stamps = [...run.stdout.matchAll(/ts=(\S+)/g)].map((m) => Date.parse(m[1]));
  rmSync(dir, { recursive: true });
  const spanMs = stamps[stamps.length - 1] - stamps[0];
  return { beats: stamps.length, beatsPerSecond: ((stamps.length - 1) / spanMs) * 1000, wallMs };
}

const nodeFloor = latency(
  'node -e "" (Node.js start-up floor)',
  process.execPath,
  ['-e', ''],
  {},
  false,
);
const drygate = latency('drygate heartbeat --dir D', process.execPath, [cli, 'heartbeat', '--dir']);
const shellPlain = latency('heartbeat-shell.sh D (no fsync)', shell, []);
const shellSync = latency('SYNC=1 heartbeat-shell.sh D (fsync like drygate)', shell, [], {
  SYNC: '1',
});
const daemon = daemonThroughput();

const fmt = (n) => n.toFixed(1);
console.log(
  `Heartbeat benchmark: ${RUNS} one-shot runs each, ${BEATS} daemon beats; node ${process.version}\n`,
);
console.log('| one-shot command | p50 ms | p95 ms | mean ms | p50 ratio drygate / this |');
console.log('|---|--:|--:|--:|--:|');
for (const r of [drygate, shellPlain, shellSync, nodeFloor]) {
  console.log(
    `| ${r.name} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.mean)} | ${(drygate.p50 / r.p50).toFixed(2)} |`,
  );
}
console.log(
  `\nDaemon mode (drygate heartbeat --every 1ms --count ${BEATS}): ${daemon.beats} beats, ${fmt(daemon.beatsPerSecond)} beats/s (each beat: lock, read back, 2 x write+fsync+rename+dir fsync); process wall ${fmt(daemon.wallMs)} ms`,
);
