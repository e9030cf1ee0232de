// Engine benchmark: the same generated data in the real Prometheus (backfilled with promtool) and
// in drygate's engine; range queries at 15s and 60s steps; results must agree within 1e-9
// (relative); drygate's eval time beside Prometheus's own evalTotalTime (stats=all).
// Usage: npm run bench:engine [-- --runs 5]
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { writeExposition } from '../dist/exposition/index.js';
import { loadExpositionDump } from '../dist/promql/data/dump.js';
import { Engine } from '../dist/promql/engine/engine.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const STEP = 15_000;
const HOURS = 6;
const INSTANCES = 40;

// Samples sit 3 s past the 15 s grid and queries 7.5 s past it, so no sample is ever exactly on
// a window edge: Prometheus 2 (closed windows) and 3 (left-open) then give the same answer.
const now = Date.now();
const t0 = Math.floor((now - (HOURS + 2) * 3600_000) / 3600_000) * 3600_000 + 3000;
const POINTS = (HOURS * 3600_000) / STEP + 1;

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
}

function generate() {
  const random = rng(42);
  const families = [];
  const instances = Array.from({ length: INSTANCES }, (_, i) => `i-${String(i).padStart(2, '0')}`);
  // Counters with resets: 40 instances x 3 codes x 2 methods = 240 series.
  const requests = [];
  for (const instance of instances) {
    for (const code of ['200', '404', '500']) {
      for (const method of ['get', 'post']) {
        const labels = [
          { name: 'code', value: code },
          { name: 'instance', value: instance },
          { name: 'method', value: method },
        ];
        let v = Math.floor(random() * 1000);
        for (let i = 0; i < POINTS; i++) {
          // Fractional increments: exact ties would make topk depend on the version's tie-breaking.
          v =
            random() < 0.002
              ? 0
              : Math.round((v + random() * (code === '200' ? 50 : 5)) * 1000) / 1000;
          requests.push({
            name: 'http_requests_total',
            labels,
            value: v,
            timestampMs: t0 + i * STEP,
          });
        }
      }
    }
  }
  families.push({ name: 'http_requests', type: 'counter', samples: requests });
  // Classic histogram: 40 x (8 buckets + sum + count) = 400 series.
  const bounds = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'];
  const hist = [];
  for (const instance of instances) {
    const counts = bounds.map(() => 0);
    let sum = 0;
    const perBucket = bounds.map((le) => [
      { name: 'instance', value: instance },
      { name: 'le', value: le },
    ]);
    const plain = [{ name: 'instance', value: instance }];
    for (let i = 0; i < POINTS; i++) {
      const observations = Math.floor(random() * 20);
      for (let o = 0; o < observations; o++) {
        const x = Math.min(10, -Math.log(1 - random()) * 0.4);
        sum += Math.round(x * 1000) / 1000;
        bounds.forEach((le, b) => {
          if (le === '+Inf' || x <= Number(le)) counts[b] += 1;
        });
      }
      const ts = t0 + i * STEP;
      bounds.forEach((_, b) =>
        hist.push({
          name: 'request_duration_seconds_bucket',
          labels: perBucket[b],
          value: counts[b],
          timestampMs: ts,
        }),
      );
      hist.push({
        name: 'request_duration_seconds_sum',
        labels: plain,
        value: Math.round(sum * 1000) / 1000,
        timestampMs: ts,
      });
      hist.push({
        name: 'request_duration_seconds_count',
        labels: plain,
        value: counts[bounds.length - 1],
        timestampMs: ts,
      });
    }
  }
  families.push({ name: 'request_duration_seconds', type: 'histogram', samples: hist });
  // Heartbeat: 40 x (ts gauge + seq counter) = 80 series; some writers pause.
  const ts = [];
  const seq = [];
  for (const instance of instances) {
    const labels = [
      { name: 'instance', value: instance },
      { name: 'metric_realm', value: 'prod' },
    ];
    let last = t0;
    let n = 0;
    for (let i = 0; i < POINTS; i++) {
      const t = t0 + i * STEP;
      if (random() > 0.01 || i === 0) {
        last = t;
        n++;
      }
      ts.push({ name: 'duri_textfile_heartbeat_ts', labels, value: last / 1000, timestampMs: t });
      seq.push({ name: 'duri_textfile_heartbeat_seq_total', labels, value: n, timestampMs: t });
    }
  }
  families.push({ name: 'duri_textfile_heartbeat_ts', type: 'gauge', samples: ts });
  families.push({ name: 'duri_textfile_heartbeat_seq', type: 'counter', samples: seq });
  // Gauges: 40 x 7 CPUs = 280 series.
  const cpu = [];
  for (const instance of instances) {
    for (let c = 0; c < 7; c++) {
      const labels = [
        { name: 'cpu', value: String(c) },
        { name: 'instance', value: instance },
      ];
      for (let i = 0; i < POINTS; i++)
        cpu.push({
          name: 'node_cpu_usage_ratio',
          labels,
          value: Math.round(random() * 1000) / 1000,
          timestampMs: t0 + i * STEP,
        });
    }
  }
  families.push({ name: 'node_cpu_usage_ratio', type: 'gauge', samples: cpu });
  return families;
}

const QUERIES = [
  ['rate', 'rate(http_requests_total[5m])'],
  ['sum by rate', 'sum by (code) (rate(http_requests_total[5m]))'],
  [
    'histogram_quantile',
    'histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[5m])))',
  ],
  [
    'ratio join',
    'sum by (instance) (rate(http_requests_total{code="500"}[5m])) / sum by (instance) (rate(http_requests_total[5m]))',
  ],
  ['topk', 'topk(5, rate(http_requests_total[5m]))'],
  ['max_over_time subquery', 'max_over_time(rate(http_requests_total[5m])[30m:1m])'],
  ['changes 6m', 'changes(duri_textfile_heartbeat_seq_total[6m])'],
  ['freshness bool', '(time() - duri_textfile_heartbeat_ts) < bool 120'],
];

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

function labelKey(metric) {
  return JSON.stringify(Object.entries(metric).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function compare(name, ours, theirs) {
  const mine = new Map(
    ours.series.map((s) => [
      labelKey(Object.fromEntries(s.labels.map((l) => [l.name, l.value]))),
      s.points,
    ]),
  );
  const problems = [];
  if (mine.size !== theirs.length)
    problems.push(`${mine.size} series vs Prometheus ${theirs.length}`);
  let points = 0;
  for (const s of theirs) {
    const p = mine.get(labelKey(s.metric));
    if (p === undefined) {
      problems.push(`missing series ${labelKey(s.metric)}`);
      continue;
    }
    const byTime = new Map(p.map((point) => [point.t, point.f]));
    const theirTimes = new Set(s.values.map(([t]) => Math.round(t * 1000)));
    for (const point of p) {
      if (!theirTimes.has(point.t) && problems.length < 5)
        problems.push(
          `${labelKey(s.metric)} @${point.t / 1000}: drygate has ${point.f}, Prometheus nothing`,
        );
    }
    for (const [t, text] of s.values) {
      const want = Number(text);
      const got = byTime.get(Math.round(t * 1000));
      points++;
      const ok =
        got !== undefined &&
        (Object.is(want, got) ||
          (Number.isNaN(want) && Number.isNaN(got)) ||
          Math.abs(want - got) <= 1e-9 * Math.max(Math.abs(want), Math.abs(got)));
      if (!ok && problems.length < 5)
        problems.push(
          `${labelKey(s.metric)} @${t}: drygate ${got ?? 'nothing'} vs Prometheus ${want}`,
        );
    }
  }
  if (problems.length > 0) throw new Error(`${name}: results differ:\n  ${problems.join('\n  ')}`);
  return points;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'drygate-bench-engine-'));
let prometheus;
try {
  const families = generate();
  const dump = join(dir, 'data.om.txt');
  writeFileSync(dump, writeExposition(families, { format: 'openmetrics' }));
  const samples = families.reduce((n, f) => n + f.samples.length, 0);
  const series = samples / POINTS;

  const created = spawnSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', dump, join(dir, 'tsdb')],
    { encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`promtool backfill failed: ${created.stderr}`);
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\n');
  const port = await freePort();
  prometheus = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      '--storage.tsdb.retention.time=30d',
      `--web.listen-address=127.0.0.1:${port}`,
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
    if (i > 300) throw new Error('Prometheus did not become ready');
    await sleep(100);
  }

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const loadStart = performance.now();
  const data = loadExpositionDump(readFileSync(dump, 'utf8'), dump);
  const loadMs = performance.now() - loadStart;
  global.gc?.();
  const bytesPerSample = (process.memoryUsage().heapUsed - heapBefore) / data.samples;
  const engine = new Engine(data.store);

  const start = t0 + 30 * 60_000 + 7_500;
  const end = t0 + HOURS * 3600_000 - 7_500;
  const rows = [];
  for (const step of [15_000, 60_000]) {
    for (const [name, q] of QUERIES) {
      const params = new URLSearchParams({
        query: q,
        start: String(start / 1000),
        end: String(end / 1000),
        step: String(step / 1000),
        stats: 'all',
      });
      const theirTimes = [];
      let theirResult;
      for (let r = 0; r < RUNS; r++) {
        const body = await (
          await fetch(`${base}/api/v1/query_range`, { method: 'POST', body: params })
        ).json();
        if (body.status !== 'success') throw new Error(`${name}: Prometheus: ${body.error}`);
        theirTimes.push(body.data.stats.timings.evalTotalTime * 1000);
        theirResult = body.data.result;
      }
      const ourTimes = [];
      let ours;
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        ours = engine.rangeQuery(q, start, end, step).value;
        ourTimes.push(performance.now() - t);
      }
      const points = compare(`${name} (step ${step / 1000}s)`, ours, theirResult);
      rows.push({
        name,
        step: step / 1000,
        points,
        ours: median(ourTimes),
        theirs: median(theirTimes),
      });
    }
  }
  const rss = process.memoryUsage().rss / 2 ** 20;
  const promRss =
    Number(
      /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${prometheus.pid}/status`, 'utf8'))?.[1] ?? 0,
    ) / 1024;

  console.log(
    `Engine benchmark: ${series} series x ${POINTS} points (${samples.toLocaleString('en')} samples, ${HOURS} h at 15 s), range queries over 5.5 h; median of ${RUNS} runs; node ${process.version}\n`,
  );
  console.log(
    '| query | step | points compared | drygate ms | Prometheus evalTotalTime ms | ratio drygate / Prometheus |',
  );
  console.log('|---|--:|--:|--:|--:|--:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.step}s | ${r.points} | ${r.ours.toFixed(1)} | ${r.theirs.toFixed(1)} | ${(r.ours / r.theirs).toFixed(2)} |`,
    );
  }
  console.log(
    `\nAll results equal within 1e-9 (relative). drygate: data load ${loadMs.toFixed(0)} ms, ${bytesPerSample.toFixed(1)} heap bytes per stored sample, peak RSS ${rss.toFixed(0)} MiB. Prometheus peak RSS ${promRss.toFixed(0)} MiB.`,
  );
} finally {
  if (prometheus !== undefined && prometheus.exitCode === null) {
    prometheus.kill('SIGTERM');
    await once(prometheus, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
}
