// Exposition benchmark: load a dump of one million timestamped samples with drygate's parser, beside
// promtool reading the same file in the same run. Usage: npm run bench:exposition [-- --samples 1000000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeExposition } from '../dist/exposition/index.js';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '1000000' } } });
const SERIES = 1000;
const POINTS = Math.ceil(Number(values.samples) / SERIES);
const dir = mkdtempSync(join(tmpdir(), 'drygate-bench-expo-'));
const loader = fileURLToPath(new URL('./exposition-load.mjs', import.meta.url));

function dump(format) {
  const start = 1764359239000;
  const families = [];
  for (let m = 0; m < 10; m++) {
    const name = `bench_metric_${m}`;
    const samples = [];
    for (let s = 0; s < SERIES / 10; s++) {
      const labels = [
        { name: 'instance', value: `host-${s}:9100` },
        { name: 'job', value: 'node' },
        { name: 'metric_realm', value: 'prod' },
      ];
      for (let t = 0; t < POINTS; t++)
        samples.push({
          name,
          labels,
          value: Math.round(Math.random() * 1e6) / 1e3,
          timestampMs: start + t * 15000,
        });
    }
    families.push({ name, help: 'Benchmark gauge.', type: 'gauge', samples });
  }
  const path = join(dir, format === 'text' ? 'dump.prom' : 'dump.om.txt');
  writeFileSync(path, writeExposition(families, { format }));
  return path;
}

/** Wall time and peak RSS of a command, via GNU time. */
function measure(argv, stdinFile) {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], {
    stdio: [stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r'), 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const lines = run.stderr.trim().split('\n');
  return {
    wallMs,
    maxRssMb: Number(lines[lines.length - 1]) / 1024,
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

const results = [];
try {
  const text = dump('text');
  const om = dump('openmetrics');
  const total = SERIES * POINTS;
  const drygateText = measure([process.execPath, loader, text]);
  const promtoolText = measure(['promtool', 'check', 'metrics'], text);
  const drygateOm = measure([process.execPath, loader, om]);
  const promtoolOm = measure([
    'promtool',
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    om,
    join(dir, 'blocks'),
  ]);
  for (const [name, r] of [
    ['drygate parseExposition (text 0.0.4)', drygateText],
    ['promtool check metrics < dump (text 0.0.4, parse + lint)', promtoolText],
    ['drygate parseExposition (OpenMetrics)', drygateOm],
    ['promtool tsdb create-blocks-from openmetrics (parse + write blocks)', promtoolOm],
  ]) {
    if (r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
    results.push({ name, ...r });
  }
  const parsed = JSON.parse(drygateText.stdout);
  if (parsed.samples !== total)
    throw new Error(`drygate read ${parsed.samples} samples, expected ${total}`);
  console.log(
    `Exposition benchmark: ${total.toLocaleString('en')} samples (${SERIES} series x ${POINTS} points, timestamps), node ${process.version}\n`,
  );
  console.log(
    '| command | wall ms | peak RSS MiB | in-process parse ms | wall ratio drygate / this |',
  );
  console.log('|---|--:|--:|--:|--:|');
  for (const r of results) {
    const inner = r.name.startsWith('drygate') ? JSON.parse(r.stdout).parseMs.toFixed(0) : '';
    const ref =
      r.name.includes('OpenMetrics') || r.name.includes('openmetrics') ? drygateOm : drygateText;
    console.log(
      `| ${r.name} | ${r.wallMs.toFixed(0)} | ${r.maxRssMb.toFixed(0)} | ${inner} | ${(ref.wallMs / r.wallMs).toFixed(2)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
