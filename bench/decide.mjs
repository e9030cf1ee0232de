// Decide benchmark: `drygate decide --url` end to end (one CLI process per run, as a CI job runs
// it) against the real Prometheus holding a day of backfilled data, beside the slowest single
// query those gates send, timed directly against the same API in the same run.
// Usage: npm run bench:decide [-- --runs 10]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeExposition } from '../dist/exposition/index.js';
import { decide } from '../dist/gate/decide.js';
import { HttpSource } from '../dist/gate/source/http.js';
import { readGateSpec } from '../dist/gate/spec/load.js';
import { backfill, startPrometheus, stopPrometheus } from './support/prometheus.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const RUNS = Number(values.runs);
const CLI = fileURLToPath(new URL('../bin/drygate.cjs', import.meta.url));

const STEP = 15_000;
const HOURS = 24;
const POINTS = (HOURS * 3600_000) / STEP + 1;
// The data ends on the minute, an hour ago; decisions are taken at its last sample.
const END = Math.floor(Date.now() / 60_000) * 60_000 - 3600_000;
const START = END - HOURS * 3600_000;
const NODES = 20;
const API = 10;
const BUCKETS = [
  ['0.05', 0.5],
  ['0.1', 0.8],
  ['0.25', 0.95],
  ['0.5', 0.99],
  ['1', 0.997],
  ['2.5', 0.999],
  ['+Inf', 1],
];

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
}

const realm = { name: 'metric_realm', value: 'prod' };
const sorted = (labels) => [...labels].sort((a, b) => (a.name < b.name ? -1 : 1));

/**
 * A day of what Prometheus would hold for the L4 dry-run gates, at a 15 s scrape: 20 heartbeat
 * targets (raw textfile series and the three recorded signals), an API of 10 instances (requests
 * by code, a latency histogram), canary ratios for 3 regions and the DR rehearsal timestamp.
 * Incidents in the past (a heartbeat outage, an error burst, a canary dip, an old rehearsal)
 * give the probability history something to count; at the end everything is healthy.
 */
function generate() {
  const random = rng(7);
  const families = new Map();
  const add = (name, labels, t, value) => {
    let f = families.get(name);
    if (f === undefined) families.set(name, (f = { name, type: 'untyped', samples: [] }));
    f.samples.push({ name, labels, value, timestampMs: t });
  };
  const at = (i) => START + i * STEP;
  const hoursAgo = (h) => END - h * 3600_000;

  for (let n = 0; n < NODES; n++) {
    const labels = sorted([
      realm,
      { name: 'instance', value: `node-${String(n).padStart(2, '0')}:9100` },
      { name: 'job', value: 'node' },
    ]);
    // All writers stop for 20 minutes 9 h ago; node-03 is also down for 40 minutes 3 h ago.
    const down = (t) =>
      (t >= hoursAgo(9) && t < hoursAgo(9) + 20 * 60_000) ||
      (n === 3 && t >= hoursAgo(3) && t < hoursAgo(3) + 40 * 60_000);
    let seq = 0;
    let ts = START / 1000 - 30;
    const beats = [];
    for (let i = 0; i < POINTS; i++) {
      const t = at(i);
      // One beat a minute, at a per-node second.
      if (!down(t) && (t / 1000 + n) % 60 < 15) {
        seq++;
        ts = Math.floor(t / 1000);
        beats.push(t);
      }
      add('duri_textfile_heartbeat_seq', labels, t, seq);
      add('duri_textfile_heartbeat_ts', labels, t, ts);
      const fresh = t / 1000 - ts < 120 ? 1 : 0;
      let changes = 0;
      for (let b = beats.length - 1; b >= 0 && (beats[b] ?? 0) > t - 360_000; b--) changes++;
      add('duri_heartbeat_fresh_120s', labels, t, fresh);
      add('duri_heartbeat_changes_6m', labels, t, changes);
      add('duri_heartbeat_ok', labels, t, changes > 0 && fresh === 1 ? 1 : 0);
    }
  }

  for (let a = 0; a < API; a++) {
    const instance = { name: 'instance', value: `api-${a}:8080` };
    const job = { name: 'job', value: 'api' };
    const ok = sorted([realm, instance, job, { name: 'code', value: '200' }]);
    const bad = sorted([realm, instance, job, { name: 'code', value: '500' }]);
    const buckets = BUCKETS.map(([le]) =>
      sorted([realm, instance, job, { name: 'le', value: le }]),
    );
    const base = sorted([realm, instance, job]);
    let good = 0;
    let errors = 0;
    let count = 0;
    let sum = 0;
    const cumulative = BUCKETS.map(() => 0);
    for (let i = 0; i < POINTS; i++) {
      const t = at(i);
      const requests = 150 * (0.8 + 0.4 * random());
      // 0.05 % errors, and a 10 % error burst for 20 minutes 6 h ago (the 1h/5m pair fires).
      const burst = t >= hoursAgo(6) && t < hoursAgo(6) + 20 * 60_000;
      const failed = requests * (burst ? 0.1 : 0.0005 * (0.5 + random()));
      good += requests - failed;
      errors += failed;
      count += requests;
      sum += requests * 0.06 * (0.9 + 0.2 * random());
      BUCKETS.forEach(([, share], b) => (cumulative[b] += requests * share));
      add('http_requests_total', ok, t, good);
      add('http_requests_total', bad, t, errors);
      BUCKETS.forEach((_, b) =>
        add('http_request_duration_seconds_bucket', buckets[b], t, cumulative[b]),
      );
      add('http_request_duration_seconds_count', base, t, count);
      add('http_request_duration_seconds_sum', base, t, sum);
    }
  }

  for (const region of ['eu', 'us', 'ap']) {
    const labels = sorted([realm, { name: 'region', value: region }]);
    for (let i = 0; i < POINTS; i++) {
      const t = at(i);
      const dip = region === 'ap' && t >= hoursAgo(12) && t < hoursAgo(11);
      add('canary_success_ratio', labels, t, dip ? 0.9 : 0.993 + 0.006 * random());
    }
  }

  // The last DR rehearsal: 50 h before the end (too old) until one 20 h before the end succeeded.
  for (let i = 0; i < POINTS; i++) {
    const t = at(i);
    const last = t >= hoursAgo(20) ? hoursAgo(20) : hoursAgo(50);
    add('dr_rehearsal_last_success_timestamp_seconds', [realm], t, last / 1000);
  }
  return [...families.values()];
}

const GATES = `apiVersion: drygate/v1
name: bench-decide
require:
  metric_realm: prod
gates:
  - name: heartbeat-ok
    query: duri_heartbeat_ok
    condition: == 1
    match: count >= 1
    fallback: >-
      clamp_max(changes(duri_textfile_heartbeat_seq[6m]), 1)
      * ((time() - duri_textfile_heartbeat_ts) < bool 120)
  - name: heartbeat-fresh
    query: duri_heartbeat_fresh_120s
    condition: == 1
    match: any
  - name: heartbeat-fleet-held
    description: at least 18 of the 20 writers beat, for the last 10 minutes
    query: sum(duri_heartbeat_ok)
    condition: '>= 18'
    hold: 10m
  - name: heartbeat-changes
    query: max(duri_heartbeat_changes_6m)
    condition: '>= 1'
    required: false
  - name: canary-quorum
    kind: quorum
    min: 2
    gates:
      - { name: canary-eu, query: 'canary_success_ratio{region="eu"}', condition: '>= 0.99' }
      - { name: canary-us, query: 'canary_success_ratio{region="us"}', condition: '>= 0.99' }
      - { name: canary-ap, query: 'canary_success_ratio{region="ap"}', condition: '>= 0.99' }
  - name: dr-rehearsal
    kind: freshness
    query: dr_rehearsal_last_success_timestamp_seconds
    max_age: 24h
  - name: error-budget
    kind: burn-rate
    objective: 0.999
    errors: 'http_requests_total{job="api", code=~"5.."}'
    total: 'http_requests_total{job="api"}'
  - name: error-ratio-per-instance
    query: >-
      sum by (instance) (rate(http_requests_total{job="api", code=~"5.."}[5m]))
      / sum by (instance) (rate(http_requests_total{job="api"}[5m]))
    condition: < 0.01
  - name: latency-p99-held
    query: >-
      histogram_quantile(0.99,
      sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))
    condition: < 0.75
    hold: 15m
  - name: traffic
    query: sum(rate(http_requests_total{job="api"}[5m]))
    condition: '> 50'
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time of one process from spawn to exit, with its exit code and output. */
async function timeProcess(args) {
  const start = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { ms: performance.now() - start, code, stdout, stderr };
}

/** A source that answers through HttpSource and notes every query it was asked. */
class RecordingSource {
  constructor(inner) {
    this.inner = inner;
    this.description = inner.description;
    this.calls = [];
  }
  instant(query, timeMs) {
    this.calls.push({ kind: 'instant', query, timeMs });
    return this.inner.instant(query, timeMs);
  }
  range(query, startMs, endMs, stepMs) {
    this.calls.push({ kind: 'range', query, startMs, endMs, stepMs });
    return this.inner.range(query, startMs, endMs, stepMs);
  }
}

/** One query sent straight to the API as drygate's client sends it (POST form), body read. */
async function timeQuery(base, call) {
  const params =
    call.kind === 'instant'
      ? new URLSearchParams({ query: call.query, time: String(call.timeMs / 1000) })
      : new URLSearchParams({
          query: call.query,
          start: String(call.startMs / 1000),
          end: String(call.endMs / 1000),
          step: String(call.stepMs / 1000),
        });
  const start = performance.now();
  const response = await fetch(
    `${base}/api/v1/${call.kind === 'instant' ? 'query' : 'query_range'}`,
    { method: 'POST', body: params },
  );
  const text = await response.text();
  const ms = performance.now() - start;
  if (!response.ok) throw new Error(`${call.query}: HTTP ${response.status} ${text}`);
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'drygate-bench-decide-'));
let prometheus;
try {
  const families = generate();
  const samples = families.reduce((n, f) => n + f.samples.length, 0);
  const series = samples / POINTS;
  const dump = join(dir, 'data.om.txt');
  writeFileSync(dump, writeExposition(families, { format: 'openmetrics' }));
  families.length = 0;
  backfill(dump, dir);
  rmSync(dump);
  const gatesFile = join(dir, 'gates.yml');
  writeFileSync(gatesFile, GATES);
  let base;
  ({ child: prometheus, base } = await startPrometheus(dir, [
    // Keep promtool's 2 h blocks as they are: no compaction in the middle of the timings.
    '--storage.tsdb.min-block-duration=2h',
    '--storage.tsdb.max-block-duration=2h',
  ]));

  const spec = await readGateSpec(gatesFile);
  // Floors: Node.js with the CLI's entry (--version), and the same plus loading and validating
  // the gate spec (check gates: schema, PromQL parse, injection), which decide also does.
  const versionRuns = [];
  const checkRuns = [];
  for (let r = 0; r <= RUNS; r++) {
    versionRuns.push((await timeProcess([CLI, '--version'])).ms);
    const check = await timeProcess([CLI, 'check', 'gates', gatesFile]);
    if (check.code !== 0) throw new Error(`check gates failed: ${check.stdout}${check.stderr}`);
    checkRuns.push(check.ms);
  }
  versionRuns.shift();
  checkRuns.shift();

  const rows = [];
  let probability = null;
  for (const lookback of ['0s', '24h']) {
    const lookbackMs = lookback === '0s' ? 0 : 24 * 3600_000;
    // The queries this decision sends, recorded from the library with the same source.
    const recorder = new RecordingSource(new HttpSource({ url: base }));
    const inProcess = await decide(spec, { source: recorder, atMs: END, lookbackMs });
    if (inProcess.result.decision !== 'GO')
      throw new Error(`expected GO at the end of the data, got ${inProcess.result.reason}`);
    probability = inProcess.result.probability ?? probability;

    const cli = [];
    const lib = [];
    const parallel = [];
    let jsonBytes = 0;
    const byQuery = recorder.calls.map(() => []);
    // Warm-up first (index 0, discarded), then interleaved: CLI run, library run, each query.
    for (let r = 0; r <= RUNS; r++) {
      const run = await timeProcess([
        CLI,
        'decide',
        gatesFile,
        '--url',
        base,
        '--at',
        String(END / 1000),
        '--lookback',
        lookback,
        '-o',
        'json',
      ]);
      if (run.code !== 0) throw new Error(`decide exited ${run.code}: ${run.stderr}`);
      if (JSON.parse(run.stdout).decision !== 'GO') throw new Error('the CLI did not say GO');
      jsonBytes = Buffer.byteLength(run.stdout);
      const source = new HttpSource({ url: base });
      const t = performance.now();
      await decide(spec, { source, atMs: END, lookbackMs });
      const libMs = performance.now() - t;
      const queryMs = [];
      for (const call of recorder.calls) queryMs.push(await timeQuery(base, call));
      // The same queries all at once, as decide sends them: what the server needs for them all.
      const p = performance.now();
      await Promise.all(recorder.calls.map((call) => timeQuery(base, call)));
      const parallelMs = performance.now() - p;
      if (r === 0) continue;
      cli.push(run.ms);
      lib.push(libMs);
      parallel.push(parallelMs);
      queryMs.forEach((ms, i) => byQuery[i].push(ms));
    }
    const medians = byQuery.map(median);
    const slowestIndex = medians.indexOf(Math.max(...medians));
    const slowest = recorder.calls[slowestIndex];
    rows.push({
      lookback,
      queries: recorder.calls.length,
      instant: recorder.calls.filter((c) => c.kind === 'instant').length,
      cli: median(cli),
      lib: median(lib),
      slowest: medians[slowestIndex],
      slowestName: `${slowest.kind} ${slowest.query.replace(/\s+/g, ' ')}${slowest.kind === 'range' ? ` over ${(slowest.endMs - slowest.startMs) / 3600_000} h at ${slowest.stepMs / 1000}s` : ''}`,
      sum: medians.reduce((a, b) => a + b, 0),
      parallel: median(parallel),
      jsonBytes,
    });
  }

  console.log(
    `Decide benchmark: 10 gates (12 with the quorum's sub-gates) against Prometheus 2.42 holding ${series} series x ${POINTS} points (${samples.toLocaleString('en')} samples, ${HOURS} h at 15 s), decided at the last sample; median of ${RUNS} runs; node ${process.version}\n`,
  );
  console.log(
    '| --lookback | queries sent | drygate decide --url, end to end ms | decide() in process ms | slowest single query ms | all queries at once ms | all queries one by one ms | ratio end to end / slowest query | ratio in process / slowest query |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of rows)
    console.log(
      `| ${r.lookback} | ${r.queries} (${r.instant} instant, ${r.queries - r.instant} range) | ${r.cli.toFixed(0)} | ${r.lib.toFixed(0)} | ${r.slowest.toFixed(1)} | ${r.parallel.toFixed(0)} | ${r.sum.toFixed(0)} | ${(r.cli / r.slowest).toFixed(1)} | ${(r.lib / r.slowest).toFixed(1)} |`,
    );
  console.log(
    `\nFloors (one process each, median): drygate --version ${median(versionRuns).toFixed(0)} ms; drygate check gates on the same spec (start-up, module loading, spec validation, no queries) ${median(checkRuns).toFixed(0)} ms.`,
  );
  for (const r of rows)
    console.log(
      `Lookback ${r.lookback}: JSON report ${(r.jsonBytes / 1024).toFixed(0)} KiB; slowest query: ${r.slowestName}`,
    );
  console.log(
    `The decision is GO in every run; with the 24 h lookback P(GO) ${probability.pGo.toFixed(3)}, empirical ${probability.empirical?.toFixed(3)} over ${probability.empiricalSteps} steps, weakest gate ${probability.weakest}.`,
  );
} finally {
  await stopPrometheus(prometheus);
  rmSync(dir, { recursive: true, force: true });
}
