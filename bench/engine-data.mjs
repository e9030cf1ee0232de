// The engine benchmark's data set and queries, shared by bench/engine.mjs and profiling runs.

export const STEP = 15_000;
export const HOURS = 6;
const INSTANCES = 40;

// Samples sit 3 s past the 15 s grid and queries 7.5 s past it, so no sample is ever exactly on
// a window edge: Prometheus 2 (closed windows) and 3 (left-open) then give the same answer.
const now = Date.now();
export const t0 = Math.floor((now - (HOURS + 2) * 3600_000) / 3600_000) * 3600_000 + 3000;
export const POINTS = (HOURS * 3600_000) / STEP + 1;

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
}

export function generate() {
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

export const QUERIES = [
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
