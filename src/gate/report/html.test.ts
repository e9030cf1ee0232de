import { describe, expect, it } from 'vitest';
import type { GateTimeline, SignalPoint } from '../history.js';
import type { DecisionResult, GateResult } from '../result.js';
import { escapeHtml, markup } from './html-escape.js';
import { thresholdsFor } from './html-threshold.js';
import { renderHtml } from './html.js';
import { renderSignalChart } from './svg-chart.js';

const SCRIPT = '<script>alert(1)</script>';
const NASTY = `"quoted" & 'single'\nnext line ${SCRIPT}`;

function gate(overrides: Partial<GateResult> & Pick<GateResult, 'gate'>): GateResult {
  return {
    kind: 'query',
    required: true,
    state: 'pass',
    outcome: 'pass',
    reason: 'ok',
    condition: '== 1',
    queries: [],
    values: [],
    warnings: [],
    durationMs: 3,
    ...overrides,
  };
}

const GATES: readonly GateResult[] = [
  gate({
    gate: 'heartbeat-ok',
    state: 'fail',
    outcome: 'fail',
    reason: `1 of 2 values not == 1: {note="${SCRIPT}"} 0`,
    queries: [{ role: 'primary', query: 'hb_ok{metric_realm="prod"}', durationMs: 12.5 }],
    values: [
      {
        labels: [
          { name: '__name__', value: 'hb_ok' },
          { name: 'instance', value: 'a' },
          { name: 'note', value: SCRIPT },
        ],
        value: 0,
        passed: false,
      },
      { labels: [{ name: 'weird', value: NASTY }], value: 1, passed: true },
    ],
    warnings: [`server warning ${SCRIPT}`],
  }),
  gate({
    gate: 'canary',
    kind: 'quorum',
    state: 'nodata',
    outcome: 'inconclusive',
    condition: '2 of 3 pass',
    reason: '1 of 3 passed, need 2; undecided: c',
    gates: [
      gate({ gate: 'canary-a', required: true }),
      gate({ gate: 'canary-b', state: 'fail', outcome: 'fail' }),
      gate({ gate: 'canary-c', state: 'nodata', outcome: 'inconclusive', reason: 'no data' }),
    ],
  }),
  gate({
    gate: 'dr',
    kind: 'freshness',
    condition: 'age <= 24h',
    values: [{ labels: [], value: 3600, passed: true, note: 'age 1h' }],
  }),
  gate({
    gate: 'smoke',
    kind: 'command',
    condition: 'exit status 0',
    output: `smoke <b>bold</b></pre> & done\n`,
    required: false,
  }),
  gate({ gate: 'x"><script>y', condition: 'weird', required: false }),
];

const AT = 3_600_000;
const LOOKBACK = 600_000;

function points(
  values: readonly (number | null)[],
  state: (i: number) => SignalPoint['state'],
): SignalPoint[] {
  return values.map((value, i) => {
    const s = state(i);
    return {
      t: AT - LOOKBACK + i * 60_000,
      state: s,
      outcome: s === 'nodata' ? 'inconclusive' : s === 'error' ? 'inconclusive' : s,
      value,
    };
  });
}

const TIMELINES: readonly GateTimeline[] = [
  {
    gate: 'heartbeat-ok',
    required: true,
    current: 'fail',
    // A gap at steps 4 and 5: the line must break there.
    points: points([1, 1, 1, 1, null, null, 1, 0, 0, 0, 0], (i) =>
      i === 4 || i === 5 ? 'nodata' : i >= 7 ? 'fail' : 'pass',
    ),
  },
  {
    gate: 'canary',
    required: true,
    current: 'inconclusive',
    points: points([3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1], (i) => (i >= 7 ? 'nodata' : 'pass')),
  },
  {
    gate: 'dr',
    required: true,
    current: 'pass',
    points: points([60, 120, 180, 240, 300, 360, 420, 480, 540, 600, 660], () => 'pass'),
  },
  { gate: 'smoke', required: false, current: 'pass', points: undefined },
  {
    gate: 'x"><script>y',
    required: false,
    current: 'pass',
    points: undefined,
    error: `range query failed: ${SCRIPT}`,
  },
];

const RESULT: DecisionResult = {
  schemaVersion: 'drygate.decision/v1',
  spec: `l4 ${SCRIPT}`,
  decision: 'NO-GO',
  reason: `required gate failed: heartbeat-ok (${SCRIPT})`,
  at: AT,
  source: 'http://prometheus.example:9090',
  require: { metric_realm: `prod${SCRIPT}` },
  gates: GATES,
  probability: {
    lookbackMs: LOOKBACK,
    pGo: 0.42,
    empirical: 0.4,
    empiricalSteps: 11,
    weakest: 'heartbeat-ok',
    gates: [
      {
        gate: 'heartbeat-ok',
        basis: 'history',
        steps: 11,
        passes: 5,
        alpha: 6,
        beta: 7,
        p: 6 / 13,
        sensitivity: 0.9,
      },
      {
        gate: 'canary',
        basis: 'history',
        steps: 11,
        passes: 7,
        alpha: 8,
        beta: 5,
        p: 8 / 13,
        sensitivity: 0.7,
      },
      {
        gate: 'dr',
        basis: 'history',
        steps: 11,
        passes: 11,
        alpha: 12,
        beta: 1,
        p: 12 / 13,
        sensitivity: 0.5,
      },
      {
        gate: 'smoke',
        basis: 'current',
        steps: 0,
        passes: 0,
        alpha: null,
        beta: null,
        p: 1,
        sensitivity: 0,
      },
      {
        gate: 'x"><script>y',
        basis: 'current',
        steps: 0,
        passes: 0,
        alpha: null,
        beta: null,
        p: 1,
        sensitivity: 0,
      },
    ],
  },
  durationMs: 42,
};

function allGates(gates: readonly GateResult[]): GateResult[] {
  return gates.flatMap((g) => [g, ...allGates(g.gates ?? [])]);
}

/** Every start tag in the page: since all text is escaped, every `<` that starts a tag is markup. */
function startTags(html: string): { name: string; attributes: string[] }[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    (m) => ({
      name: (m[1] as string).toLowerCase(),
      attributes: [...(m[2] as string).matchAll(/([^\s=]+)(?:="[^"]*")?/g)].map(
        (a) => a[1] as string,
      ),
    }),
  );
}

/** The attribute values of one attribute over the page, unescaped. */
function attributeValues(html: string, attribute: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((m) =>
    (m[1] as string)
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&'),
  );
}

function chartOf(html: string, gateName: string): string {
  const start = html.indexOf(`<svg class="chart" data-chart-for="${escapeHtml(gateName)}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</svg>', start) + 6);
}

describe('escapeHtml and markup', () => {
  it('escapes the five significant characters, in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('plain\ntext')).toBe('plain\ntext');
  });

  it('escapes every interpolation except markup, and flattens lists', () => {
    const inner = markup`<b>${'<i>'}</b>`;
    expect(
      markup`<p title="${'"x"'}">${inner}${[1, ' & ', null, false, undefined, markup`<br>`]}</p>`
        .html,
    ).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b>1 &amp; <br></p>');
  });
});

describe('thresholdsFor', () => {
  it.each([
    ['query', '== 1', [1]],
    ['query', '< 0.05', [0.05]],
    ['query', '>= -2.5e-3', [-0.0025]],
    ['query', '!= 0', [0]],
    ['query', 'weird', []],
    ['freshness', 'age <= 24h', [86_400]],
    ['freshness', 'age <= 1h30m', [5400]],
    ['burn-rate', 'burn < 14.4 over 1h and 5m, burn < 6 over 6h and 30m', [14.4, 6]],
    ['quorum', '2 of 3 pass', [2]],
    ['command', 'exit status 0', []],
    ['check', 'lint passes', []],
  ] as const)('%s gate, condition %j', (kind, condition, expected) => {
    expect(thresholdsFor({ kind, condition }).map((t) => t.value)).toEqual(expected);
  });

  it('labels burn-rate thresholds with their windows', () => {
    expect(
      thresholdsFor({ kind: 'burn-rate', condition: 'burn < 14.4 over 1h and 5m' }).map(
        (t) => t.label,
      ),
    ).toEqual(['burn 14.4 (1h/5m)']);
  });
});

describe('renderSignalChart', () => {
  const options = {
    id: 'c',
    gate: 'g',
    title: 't',
    description: 'd',
    startMs: AT - LOOKBACK,
    endMs: AT,
    thresholds: [{ value: 1, label: '== 1' }],
    format: String,
  };

  it('draws no line for steps without a value, but shows their state', () => {
    const chart = renderSignalChart(
      points([null, null, null], () => 'nodata'),
      options,
    ).html;
    expect(chart).not.toContain('class="line');
    expect(chart).not.toContain('<circle');
    expect(chart.match(/<rect class="s-nodata"/g)).toHaveLength(1);
    expect(chart).toContain('class="threshold"');
  });

  it('colours the line and the strip by state, one run per state change', () => {
    const chart = renderSignalChart(
      points([1, 1, 0, 0, 1], (i) => (i === 2 || i === 3 ? 'fail' : 'pass')),
      options,
    ).html;
    expect(chart.match(/<rect class="s-\w+"/g)).toEqual([
      '<rect class="s-pass"',
      '<rect class="s-fail"',
      '<rect class="s-pass"',
    ]);
    expect(chart).toContain('<path class="line s-pass"');
    expect(chart).toContain('<path class="line s-fail"');
    expect(chart.match(/<circle class="dot s-fail"/g)).toHaveLength(2);
  });

  it('places the threshold line where the value line runs at that value', () => {
    const chart = renderSignalChart(
      points([1, 1], () => 'pass'),
      options,
    ).html;
    const thresholdY = /<line class="threshold" x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)"/.exec(
      chart,
    )?.[1];
    const lineY = /<path class="line s-pass" d="M[\d.]+ ([\d.]+)L/.exec(chart)?.[1];
    expect(thresholdY).toBeDefined();
    expect(lineY).toBe(thresholdY);
  });
});

describe('renderHtml', () => {
  const html = renderHtml(RESULT, TIMELINES);

  it('is one self-contained page: no script, no external resource, a strict CSP', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;;`,
    );
    const tags = startTags(html);
    const names = new Set(tags.map((t) => t.name));
    for (const forbidden of [
      'script',
      'img',
      'iframe',
      'object',
      'embed',
      'base',
      'form',
      'image',
      'use',
    ])
      expect(names).not.toContain(forbidden);
    // The one link is the empty data: favicon, which stops a browser from asking for one.
    expect(tags.filter((t) => t.name === 'link')).toHaveLength(1);
    expect(html).toContain('<link rel="icon" href="data:,">');
    for (const tag of tags) {
      for (const attribute of tag.attributes) {
        expect(attribute, `<${tag.name} ${attribute}>`).not.toMatch(/^on/i);
        expect(['src', 'srcset', 'style', 'xlink:href', 'action']).not.toContain(attribute);
      }
    }
    for (const href of attributeValues(html, 'href'))
      expect(href).toMatch(/^(#gate-[\d-]+|data:,)$/);
    expect(html).not.toMatch(/url\(/);
  });

  it('escapes label values, reasons, warnings, names, the spec and the output', () => {
    const escaped = escapeHtml(SCRIPT);
    expect(escaped).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    // In the values table, the reason, the warning, the spec, the decision reason, the matchers.
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(8);
    expect(html).toContain(
      `<code>hb_ok{instance=&quot;a&quot;, note=&quot;${escaped}&quot;}</code>`,
    );
    // Quotes and newlines in a label value are shown as Prometheus prints them.
    expect(html).toContain('&quot;\\&quot;quoted\\&quot; &amp; &#39;single&#39;\\nnext line');
    expect(html).toContain(
      '<pre class="output">smoke &lt;b&gt;bold&lt;/b&gt;&lt;/pre&gt; &amp; done\n</pre>',
    );
    expect(html).toContain(`<li>server warning ${escaped}</li>`);
    expect(html).toContain(`the history query failed: range query failed: ${escaped}`);
    expect(html).toContain(`<title>NO-GO: l4 ${escaped} (drygate)</title>`);
  });

  it('has one card per gate, sub-gates nested in their quorum, every name in data-gate', () => {
    const names = allGates(RESULT.gates).map((g) => g.gate);
    expect(attributeValues(html, 'data-gate')).toEqual(names);
    expect(html.match(/<article class="gate /g)).toHaveLength(names.length);
    const canary = html.indexOf('data-gate="canary"');
    const canaryA = html.indexOf('data-gate="canary-a"');
    const dr = html.indexOf('data-gate="dr"');
    expect(canary).toBeLessThan(canaryA);
    expect(canaryA).toBeLessThan(dr);
    expect(html).toMatch(/data-gate="canary-a"[^>]*data-depth="1"[^>]*>\n<h4 id="gate-1-0-h"/);
    expect(html).toContain('data-gate="x&quot;&gt;&lt;script&gt;y"');
  });

  it('has a chart for every gate with history, with its threshold, title and description', () => {
    const withHistory = TIMELINES.filter((t) => t.points !== undefined).map((t) => t.gate);
    expect(attributeValues(html, 'data-chart-for')).toEqual(withHistory);
    for (const name of withHistory) {
      const chart = chartOf(html, name);
      expect(chart).toMatch(
        /role="img" aria-labelledby="gate-[\d-]+-chart-title gate-[\d-]+-chart-desc"/,
      );
      expect(chart).toContain('signal over the last 10m</title>');
      expect(chart).toContain('<line class="threshold"');
    }
    expect(chartOf(html, 'heartbeat-ok')).toContain('>== 1</text>');
    expect(chartOf(html, 'canary')).toContain('>2 of 3 pass</text>');
    // Freshness: the axis and the threshold in time (24h), not in seconds.
    expect(chartOf(html, 'dr')).toContain('>age &lt;= 24h</text>');
    expect(chartOf(html, 'dr')).toContain('>1d</text>');
  });

  it('breaks the line where the signal has no value', () => {
    const chart = chartOf(html, 'heartbeat-ok');
    const d = [...chart.matchAll(/<path class="line s-\w+" d="([^"]*)"/g)]
      .map((m) => m[1])
      .join('');
    // Steps 0-3 in the pass colour, the gap at 4-5, then 6-10 (segments ending in a fail step
    // take the fail colour): two subpaths.
    expect(d.match(/M/g)?.length).toBe(2);
    expect(d).toMatch(/^M64 [\d.]+(L[\d.]+ [\d.]+){3}M/);
    expect(chart.match(/<rect class="s-nodata"/g)).toHaveLength(1);
  });

  it('shows the decision, the probability and the weakest gate', () => {
    expect(html).toContain('<header class="decision d-nogo" data-decision="NO-GO">');
    expect(html).toContain('data-p-go="0.42">42.0%</span>');
    expect(html).toContain('40.0%');
    expect(html).toContain('<tr class="weakest" data-history-for="heartbeat-ok">');
    expect(html).toContain('Beta(6, 7)');
    expect(html).toMatch(
      /<h3 id="gate-0-h" class="gate-title">[^\n]*<span class="badge weakest">weakest<\/span>/,
    );
    expect(html).toContain('<code>http://prometheus.example:9090</code>');
  });

  it('says there is no probability without a lookback, and draws no chart', () => {
    const plain = renderHtml({ ...RESULT, probability: null }, []);
    expect(plain).toContain('No probability: the decision was made without a lookback window.');
    expect(plain).not.toContain('<svg');
  });

  it('is a pure function of its input', () => {
    expect(renderHtml(RESULT, TIMELINES)).toBe(html);
  });
});
