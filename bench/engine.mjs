// Engine benchmark: the same generated data in the real Prometheus (backfilled with promtool) and
// in drygate's engine; range queries at 15s and 60s steps; results must agree within 1e-9
// (relative); drygate's eval time beside Prometheus's own evalTotalTime (stats=all).
// Usage: npm run bench:engine [-- --runs 5]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeExposition } from '../dist/exposition/index.js';
import { loadExpositionDump } from '../dist/promql/data/dump.js';
import { Engine } from '../dist/promql/engine/engine.js';
import { generate, HOURS, POINTS, QUERIES, t0 } from './engine-data.mjs';
import { backfill, startPrometheus, stopPrometheus } from './support/prometheus.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);

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

  backfill(dump, dir);
  let base;
  ({ child: prometheus, base } = await startPrometheus(dir));

  global.gc?.();
  const before = process.memoryUsage();
  const loadStart = performance.now();
  const data = loadExpositionDump(readFileSync(dump, 'utf8'), dump);
  const loadMs = performance.now() - loadStart;
  global.gc?.();
  const after = process.memoryUsage();
  // Heap objects plus the typed arrays that hold the samples (outside the JS heap).
  const bytesPerSample =
    (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / data.samples;
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
    `\nAll results equal within 1e-9 (relative). drygate: data load ${loadMs.toFixed(0)} ms, ${bytesPerSample.toFixed(1)} bytes per stored sample (heap and typed arrays), peak RSS ${rss.toFixed(0)} MiB. Prometheus peak RSS ${promRss.toFixed(0)} MiB.`,
  );
} finally {
  await stopPrometheus(prometheus);
  rmSync(dir, { recursive: true, force: true });
}
