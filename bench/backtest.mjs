// Backtest benchmark: `drygate backtest` of a 10-gate spec over 7 days at 1-minute steps against
// the real Prometheus 2.42 (backfilled with promtool), beside the time Prometheus takes for the
// same range queries issued directly, measured in the same run. Also: the same backtest with
// smaller chunks (--max-points 2000) and embedded (--data), which must give the same result.
// Usage: npm run bench:backtest [-- --days 7 --runs 3]
//        node bench/backtest.mjs --write-data DIR [--days 7]   (only write data.om and gates.yml;
//        prints the window as JSON; used by test/integration/backtest-prometheus.test.ts)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backfill, startPrometheus, stopPrometheus } from './support/prometheus.mjs';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '7' },
    runs: { type: 'string', default: '3' },
    'write-data': { type: 'string' },
  },
});
const DAYS = Number(values.days);
const RUNS = Number(values.runs);
const MINUTE = 60_000;
const cli = fileURLToPath(new URL('../bin/drygate.cjs', import.meta.url));

// Samples sit 17 s past the minute and decisions 30 s past it, so no sample is ever exactly on
// a window edge: Prometheus 2 (closed windows) and drygate (Prometheus 3, left-open) agree.
// The data starts 7 h before the window, so the 6 h burn-rate window is full from the start.
const BASE = Date.UTC(2026, 10, 1);
const LEAD_MINUTES = 7 * 60;

const GATES = `apiVersion: drygate/v1
name: bench-7d
require: {metric_realm: prod}
gates:
  - name: heartbeat-ok
    query: hb_ok
    condition: == 1
    match: count >= 1
    fallback: clamp_max(changes(hb_seq[6m]), 1)
  - name: heartbeat-fresh
    query: (time() - hb_ts) < bool 120
    condition: == 1
    match: any
  - name: heartbeat-changes
    query: max(changes(hb_seq[6m]))
    condition: '>= 1'
    required: false
  - name: canary-quorum
    kind: quorum
    min: 2
    gates:
      - {name: canary-eu, query: 'canary_success_ratio{region="eu"}', condition: '>= 0.99'}
      - {name: canary-us, query: 'canary_success_ratio{region="us"}', condition: '>= 0.99'}
      - {name: canary-ap, query: 'canary_success_ratio{region="ap"}', condition: '>= 0.99'}
  - name: dr-rehearsal
    kind: freshness
    query: dr_last_success_timestamp_seconds
    max_age: 24h
  - name: error-budget
    kind: burn-rate
    objective: 0.999
    errors: 'http_requests_total{code=~"5.."}'
    total: http_requests_total
  - name: error-ratio
    query: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
    condition: '< 0.01'
  - name: latency-p99
    query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))
    condition: '< 0.5'
    hold: 10m
  - name: cpu-saturation
    query: avg(node_cpu_usage_ratio)
    condition: '< 0.8'
    hold: 5m
  - name: queue-depth
    query: max_over_time(queue_depth[10m])
    condition: '<= 100'
    on_nodata: pass
    required: false
`;

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
}

/** `count` incidents of `minLen`-`maxLen` minutes at random minutes of the window. */
function incidents(random, minutes, count, minLen, maxLen) {
  const out = [];
  for (let k = 0; k < count; k++) {
    const start = LEAD_MINUTES + Math.floor(random() * (minutes - LEAD_MINUTES - maxLen));
    out.push([start, start + minLen + Math.floor(random() * (maxLen - minLen))]);
  }
  return (i) => out.some(([a, b]) => i >= a && i < b);
}

/**
 * The data set as OpenMetrics with timestamps, and the backtest window. 28 series, one sample a
 * minute: two heartbeat writers (ok, sequence, timestamp) that stop together three times,
 * three canary regions with dips, a daily DR rehearsal that misses a day, request counters
 * with error bursts and a slow burn, a latency histogram with slow spells, four CPUs with
 * bursts, and two queue depths that hover around their threshold.
 */
function generateData(days) {
  const random = rng(7);
  const minutes = LEAD_MINUTES + days * 1440 + 1;
  const t = (i) => BASE + i * MINUTE + 17_000;
  const families = [];
  const family = (name, series) => families.push({ name, series });
  const labels = (extra) => ({ metric_realm: 'prod', ...extra });

  // Heartbeat: both writers stop 3 times (10-25 min); each also stops alone 4 times.
  const both = incidents(random, minutes, 3, 10, 25);
  const ok = [];
  const seq = [];
  const ts = [];
  for (const instance of ['node-a:9100', 'node-b:9100']) {
    const alone = incidents(random, minutes, 4, 5, 30);
    const okValues = [];
    const seqValues = [];
    const tsValues = [];
    let n = 0;
    let last = t(0) / 1000;
    for (let i = 0; i < minutes; i++) {
      const alive = !both(i) && !alone(i);
      if (alive) {
        n++;
        last = Math.round(t(i) / 1000);
      }
      okValues.push(alive ? 1 : 0);
      seqValues.push(n);
      tsValues.push(last);
    }
    ok.push([labels({ instance }), okValues]);
    seq.push([labels({ instance }), seqValues]);
    ts.push([labels({ instance }), tsValues]);
  }
  family('hb_ok', ok);
  family('hb_seq', seq);
  family('hb_ts', ts);

  // Canary success ratio per region: 0.995 with noise, dips to 0.95.
  family(
    'canary_success_ratio',
    ['eu', 'us', 'ap'].map((region) => {
      const dip = incidents(random, minutes, 5, 5, 40);
      const v = [];
      for (let i = 0; i < minutes; i++)
        v.push(dip(i) ? 0.95 : Math.round((0.993 + random() * 0.006) * 10000) / 10000);
      return [labels({ region }), v];
    }),
  );

  // DR rehearsal: daily at 09:00, except on the fourth day.
  const dr = [];
  let lastDr = (BASE - 15 * 3600_000) / 1000;
  for (let i = 0; i < minutes; i++) {
    const at = new Date(t(i));
    const day = Math.floor((t(i) - BASE) / 86_400_000);
    if (at.getUTCHours() === 9 && at.getUTCMinutes() === 0 && day !== 4)
      lastDr = Math.floor(t(i) / 1000);
    dr.push(lastDr);
  }
  family('dr_last_success_timestamp_seconds', [[labels({}), dr]]);

  // Requests: 100/s per instance; 5% errors in 3 bursts of 10-20 min; 0.5% for 3 h once.
  const burst = incidents(random, minutes, 3, 10, 20);
  const slow = incidents(random, minutes, 1, 180, 181);
  const requests = [];
  for (const instance of ['api-1', 'api-2']) {
    let okCount = 0;
    let errCount = 0;
    const okV = [];
    const errV = [];
    for (let i = 0; i < minutes; i++) {
      const total = 6000 + Math.floor(random() * 600);
      const errRate = burst(i) ? 0.05 : slow(i) ? 0.005 : 0.0005;
      const errors = Math.round(total * errRate * (0.5 + random()));
      okCount += total - errors;
      errCount += errors;
      okV.push(okCount);
      errV.push(errCount);
    }
    requests.push([labels({ instance, code: '200' }), okV]);
    requests.push([labels({ instance, code: '500' }), errV]);
  }
  family('http_requests_total', requests);

  // Latency histogram: slow spells (p99 about 1 s) 6 times for 15-45 min.
  const slowSpell = incidents(random, minutes, 6, 15, 45);
  const bounds = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'];
  const counts = bounds.map(() => 0);
  const buckets = bounds.map(() => []);
  for (let i = 0; i < minutes; i++) {
    const spell = slowSpell(i);
    for (let o = 0; o < 300; o++) {
      const x = -Math.log(1 - random()) * (spell ? 0.25 : 0.05);
      bounds.forEach((le, b) => {
        if (le === '+Inf' || x <= Number(le)) counts[b] += 1;
      });
    }
    bounds.forEach((_, b) => buckets[b].push(counts[b]));
  }
  family(
    'http_request_duration_seconds_bucket',
    bounds.map((le, b) => [labels({ le }), buckets[b]]),
  );

  // CPU: 0.3-0.6, bursts to 0.9+ on all CPUs 8 times for 3-60 min.
  const cpuBurst = incidents(random, minutes, 8, 3, 60);
  family(
    'node_cpu_usage_ratio',
    ['0', '1', '2', '3'].map((cpu) => {
      const v = [];
      for (let i = 0; i < minutes; i++)
        v.push(
          Math.round((cpuBurst(i) ? 0.88 + random() * 0.1 : 0.3 + random() * 0.3) * 1000) / 1000,
        );
      return [labels({ cpu }), v];
    }),
  );

  // Queue depth: a walk pulled back to 85 that crosses 100 often; gaps of no data.
  const gap = incidents(random, minutes, 3, 30, 90);
  family(
    'queue_depth',
    ['q1', 'q2'].map((queue) => {
      const v = [];
      let depth = 60;
      for (let i = 0; i < minutes; i++) {
        depth = Math.max(0, Math.round(depth + (85 - depth) * 0.05 + (random() - 0.5) * 12));
        v.push(gap(i) ? null : depth);
      }
      return [labels({ queue }), v];
    }),
  );

  const lines = [];
  let samples = 0;
  let seriesCount = 0;
  for (const f of families) {
    lines.push(`# TYPE ${f.name} unknown`);
    for (const [l, v] of f.series) {
      seriesCount++;
      const text = Object.entries(l)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => `${k}="${x}"`)
        .join(',');
      for (let i = 0; i < v.length; i++) {
        if (v[i] === null) continue;
        lines.push(`${f.name}{${text}} ${v[i]} ${(t(i) / 1000).toFixed(3)}`);
        samples++;
      }
    }
  }
  lines.push('# EOF');
  const untilMs = BASE + (minutes - 1) * MINUTE + 30_000;
  return {
    openMetrics: `${lines.join('\n')}\n`,
    startMs: t(0),
    endMs: t(minutes - 1),
    sinceMs: untilMs - days * 86_400_000,
    untilMs,
    samples,
    series: seriesCount,
  };
}

/** Writes data.om and gates.yml into `dir`; returns the window (without the text). */
function writeData(dir, days) {
  mkdirSync(dir, { recursive: true });
  const { openMetrics, ...meta } = generateData(days);
  writeFileSync(join(dir, 'data.om'), openMetrics);
  writeFileSync(join(dir, 'gates.yml'), GATES);
  return meta;
}

// Prints the drygate process's own peak RSS (KiB) on stderr as it exits.
const RSS_HOOK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\ndrygate-maxrss-kib="+process.resourceUsage().maxRSS+"\\n"))';

/** Runs the CLI, timed; returns wall ms, peak RSS MiB and the parsed JSON report. */
async function runBacktest(args) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_HOOK, cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`drygate backtest exited ${code}:\n${stderr}`);
  const rss = Number(/drygate-maxrss-kib=(\d+)/.exec(stderr)?.[1]) / 1024;
  return { wallMs, rssMiB: rss, report: JSON.parse(stdout) };
}

/** The report's range queries sent straight to Prometheus, grouped as drygate sends them. */
async function directQueries(base, queries) {
  // drygate sends the k-th chunk of every gate query together; chunks one after the other.
  const rounds = [];
  const seen = new Map();
  for (const q of queries) {
    const key = `${q.gate}\u0000${q.role}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    (rounds[k] ??= []).push(q);
  }
  let slowestEvalMs = 0;
  let points = 0;
  const started = performance.now();
  for (const round of rounds) {
    await Promise.all(
      round.map(async (q) => {
        const params = new URLSearchParams({
          query: q.query,
          start: String(Date.parse(q.start) / 1000),
          end: String(Date.parse(q.end) / 1000),
          step: String(q.stepMs / 1000),
          stats: 'all',
        });
        const body = await (
          await fetch(`${base}/api/v1/query_range`, { method: 'POST', body: params })
        ).json();
        if (body.status !== 'success') throw new Error(`Prometheus: ${body.error}`);
        slowestEvalMs = Math.max(slowestEvalMs, body.data.stats.timings.evalTotalTime * 1000);
        points += body.data.result.reduce((n, s) => n + s.values.length, 0);
      }),
    );
  }
  return { wallMs: performance.now() - started, slowestEvalMs, points, rounds: rounds.length };
}

/**
 * The parts of a report that must not depend on chunking or on the source. Across sources the
 * sensitivity is compared by its effect: Prometheus 2.42 and drygate add in a different order,
 * so the number of distinct deciding values (candidates) may differ in the last bit.
 */
function outcome(report, acrossSources = false) {
  return JSON.stringify({
    decisions: report.decisions,
    flips: report.flips,
    gates: report.gates.map((g) => ({ ...g, evalStepMs: undefined })),
    sensitivity: acrossSources
      ? report.sensitivity.map((x) => ({
          path: x.path,
          flipsCaused: x.flipsCaused,
          suggestion: x.suggestion && {
            condition: x.suggestion.condition,
            flips: x.suggestion.flips,
          },
        }))
      : report.sensitivity,
  });
}

/** The first place two JSON texts differ, for the error message. */
function firstDifference(a, b, path = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${path}.${key}`);
    if (d !== undefined) return d;
  }
  return `${path}: differs`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'drygate-bench-backtest-'));
  let prometheus;
  try {
    const meta = writeData(dir, DAYS);
    backfill(join(dir, 'data.om'), dir);
    let base;
    ({ child: prometheus, base } = await startPrometheus(dir));
    const window = [
      '--since',
      new Date(meta.sinceMs).toISOString(),
      '--until',
      new Date(meta.untilMs).toISOString(),
      '--step',
      '1m',
      '-o',
      'json',
    ];
    const gates = join(dir, 'gates.yml');
    const url = ['backtest', gates, '--url', base, ...window];
    // Warm-up: Prometheus reads its blocks from disk once.
    const warm = await runBacktest(url);
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const ours = await runBacktest(url);
      const theirs = await directQueries(base, ours.report.queries);
      runs.push({ ours, theirs });
    }
    const chunked = await runBacktest([...url, '--max-points', '2000']);
    const embedded = await runBacktest([
      'backtest',
      gates,
      '--data',
      join(dir, 'data.om'),
      ...window,
    ]);
    const same = outcome(warm.report);
    if (outcome(chunked.report) !== same)
      throw new Error(
        `--max-points 2000 changed the result: ${firstDifference(JSON.parse(outcome(chunked.report)), JSON.parse(same))}`,
      );
    if (outcome(embedded.report, true) !== outcome(warm.report, true))
      throw new Error(
        `--data gave another result: ${firstDifference(JSON.parse(outcome(embedded.report, true)), JSON.parse(outcome(warm.report, true)))}`,
      );
    const promRss =
      Number(
        /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${prometheus.pid}/status`, 'utf8'))?.[1] ?? 0,
      ) / 1024;

    const r = warm.report;
    const wall = median(runs.map((x) => x.ours.wallMs));
    const inProcess = median(runs.map((x) => x.ours.report.durationMs));
    const direct = median(runs.map((x) => x.theirs.wallMs));
    const slowestEvalMs = median(runs.map((x) => x.theirs.slowestEvalMs));
    const rss = Math.max(...runs.map((x) => x.ours.rssMiB));
    const gateCount = r.gates.filter((g) => g.depth === 0).length + r.excluded.length;
    console.log(
      `Backtest benchmark: ${gateCount} gates over ${DAYS} d at 1m (${r.steps.toLocaleString('en')} decision steps), ` +
        `${meta.series} series x 1 sample/min (${meta.samples.toLocaleString('en')} samples); median of ${RUNS} runs; node ${process.version}\n`,
    );
    console.log('| run | range queries | wall ms | peak RSS MiB |');
    console.log('|---|--:|--:|--:|');
    console.log(
      `| drygate backtest --url (process, end to end) | ${r.queries.length} | ${wall.toFixed(0)} | ${rss.toFixed(0)} |`,
    );
    console.log(`| of which the backtest itself (in process) | | ${inProcess.toFixed(0)} | |`);
    console.log(
      `| the same range queries sent directly (fetch + JSON parse) | ${r.queries.length} | ${direct.toFixed(0)} | |`,
    );
    console.log(
      `| of which the slowest query's Prometheus evalTotalTime | 1 | ${slowestEvalMs.toFixed(0)} | |`,
    );
    console.log(
      `| drygate backtest --url --max-points 2000 | ${chunked.report.queries.length} | ${chunked.wallMs.toFixed(0)} | ${chunked.rssMiB.toFixed(0)} |`,
    );
    console.log(
      `| drygate backtest --data (embedded engine, loads the file) | ${embedded.report.queries.length} | ${embedded.wallMs.toFixed(0)} | ${embedded.rssMiB.toFixed(0)} |`,
    );
    console.log(
      `\nRatio drygate --url wall / direct queries wall: ${(wall / direct).toFixed(2)}; in process: ${(inProcess / direct).toFixed(2)}. ` +
        `Flips ${r.flips}, NO-GO ${(r.timeInDecisionMs['NO-GO'] / 3600_000).toFixed(1)} h. ` +
        `Same result with --max-points 2000 and with --data. Prometheus peak RSS ${promRss.toFixed(0)} MiB.`,
    );
  } finally {
    await stopPrometheus(prometheus);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values['write-data'] !== undefined) {
  console.log(JSON.stringify(writeData(values['write-data'], DAYS)));
} else {
  await main();
}
