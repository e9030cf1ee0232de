/**
 * Issue 7, acceptance 5: the HTML report of a real decision (embedded data, a lookback so every
 * query gate has a chart, a quorum, a command gate with output, a label value carrying markup)
 * opened in a real headless Chromium. It must render every gate card and chart, log no console
 * error, show the `<script>` label value as text and run nothing.
 *
 * Set DRYGATE_HTML_SCREENSHOT=/path/shot.png to also keep the page (shot.html) and full-page
 * screenshots of it (shot.png, shot-dark.png), to look at.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataFile } from '../../src/promql/data/load.js';
import { decide } from '../../src/gate/decide.js';
import { renderHtml } from '../../src/gate/report/html.js';
import type { DecisionResult, GateResult } from '../../src/gate/result.js';
import { EmbeddedSource } from '../../src/gate/source/embedded.js';
import { loadGateSpec } from '../../src/gate/spec/load.js';
import { chromiumBinary } from '../support/binaries.js';
import {
  type OpenedPage,
  checkDarkModeAndPrint,
  keepScreenshot,
  launchBrowser,
  openFile,
} from '../support/browser.js';

const chromium = chromiumBinary();

// Markup in a label value: if the report did not escape it, either payload would set __pwned.
const SCRIPT_PAYLOAD = '<script>window.__pwned=1</script>';
const IMG_PAYLOAD = '<img src=x onerror=window.__pwned=2>';

// 30 minutes at 1m. The heartbeat of instance a stops at 20m; canary c never reports; payload_ok
// has a gap (no data from 18m to 20m, past the 5m lookback).
const DATA = `interval: 1m
input_series:
  - series: 'hb_ok{metric_realm="prod", instance="a"}'
    values: '1x20 0x10'
  - series: 'hb_ok{metric_realm="prod", instance="b"}'
    values: '1x30'
  - series: 'payload_ok{metric_realm="prod", note="${SCRIPT_PAYLOAD} & co", img="${IMG_PAYLOAD}"}'
    values: '1x12 _x8 1x9'
  - series: 'dr_last_success_timestamp_seconds{metric_realm="prod"}'
    values: '600x30'
  - series: 'http_requests_total{metric_realm="prod", code="200"}'
    values: '0+100x30'
  - series: 'http_requests_total{metric_realm="prod", code="500"}'
    values: '0+1x15 15+50x15'
`;

const SPEC = `apiVersion: drygate/v1
name: l4-dry-run
require: {metric_realm: prod}
gates:
  - {name: heartbeat-ok, query: hb_ok, condition: == 1}
  - {name: payload, query: payload_ok, condition: == 1}
  - name: canary
    kind: quorum
    min: 2
    gates:
      - {name: canary-a, query: 'hb_ok{instance="a"}', condition: == 1}
      - {name: canary-b, query: 'hb_ok{instance="b"}', condition: == 1}
      - {name: canary-c, query: 'hb_ok{instance="c"}', condition: == 1}
  - {name: dr-rehearsal, kind: freshness, query: dr_last_success_timestamp_seconds, max_age: 1h}
  - name: error-budget
    kind: burn-rate
    objective: 0.99
    errors: 'http_requests_total{code="500"}'
    total: http_requests_total
    windows: [{long: 10m, short: 2m, factor: 5}]
    required: false
  - name: sandbox-smoke
    kind: command
    command: [node, -e, "console.log('smoke <b>ok</b> </pre> & done')"]
`;

function allGates(gates: readonly GateResult[]): GateResult[] {
  return gates.flatMap((g) => [g, ...allGates(g.gates ?? [])]);
}

describe.skipIf(chromium.path === undefined)(
  `the decision's HTML report in headless Chromium ${chromium.skipReason}`,
  () => {
    let dir: string;
    let file: string;
    let result: DecisionResult;
    let chartsExpected: number;
    let context: BrowserContext | undefined;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'drygate-html-report-'));
      const data = loadDataFile(DATA, 'replay.yml');
      const decision = await decide(loadGateSpec(SPEC, join(dir, 'gates.yml')), {
        source: new EmbeddedSource(data.store, 'replay.yml'),
        atMs: 25 * 60_000,
        lookbackMs: 10 * 60_000,
      });
      result = decision.result;
      chartsExpected = decision.timelines.filter((t) => (t.points?.length ?? 0) > 0).length;
      file = join(dir, 'report.html');
      writeFileSync(file, renderHtml(decision.result, decision.timelines));
      context = await launchBrowser(chromium.path as string, dir);
    });
    afterAll(async () => {
      await context?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const open = (colorScheme: 'light' | 'dark'): Promise<OpenedPage> =>
      openFile(context as BrowserContext, file, colorScheme);

    it('the decision under test has what the page must show', () => {
      expect(result.decision).toBe('NO-GO');
      expect(result.probability).not.toBeNull();
      expect(allGates(result.gates).map((g) => g.gate)).toHaveLength(9);
      // heartbeat-ok, payload, canary, dr-rehearsal, error-budget; not the command.
      expect(chartsExpected).toBe(5);
      expect(result.gates.find((g) => g.gate === 'sandbox-smoke')?.output).toContain('<b>ok</b>');
      const payload = result.gates.find((g) => g.gate === 'payload');
      expect(payload?.values[0]?.labels.some((l) => l.value.includes(SCRIPT_PAYLOAD))).toBe(true);
    });

    it('renders every gate and chart with no console error, and shows markup in values as text', async () => {
      const { page, errors } = await open('light');
      try {
        await expect
          .poll(() => page.locator('header.decision').getAttribute('data-decision'))
          .toBe('NO-GO');

        // Every gate, sub-gates included, has its card, and each card is laid out.
        const cards = page.locator('article.gate[data-gate]');
        const names: (string | null)[] = [];
        for (const card of await cards.all()) {
          names.push(await card.getAttribute('data-gate'));
          const box = await card.boundingBox();
          expect(box?.height ?? 0).toBeGreaterThan(0);
          expect(await card.isVisible()).toBe(true);
        }
        expect(names).toEqual(allGates(result.gates).map((g) => g.gate));

        // Every chart is drawn, with a size, a title and its threshold.
        const charts = page.locator('svg.chart');
        expect(await charts.count()).toBe(chartsExpected);
        for (const chart of await charts.all()) {
          const box = await chart.boundingBox();
          expect(box?.width ?? 0).toBeGreaterThan(100);
          expect(box?.height ?? 0).toBeGreaterThan(10);
          expect(await chart.locator('title').first().textContent()).toMatch(
            /signal over the last 10m/,
          );
          expect(await chart.locator('line.threshold').count()).toBeGreaterThan(0);
        }
        // The payload's gap: the line breaks (two subpaths) and the strip shows the no-data steps.
        const payloadChart = page.locator('article[data-gate="payload"] svg.chart');
        let d = '';
        for (const path of await payloadChart.locator('path.line').all())
          d += (await path.getAttribute('d')) ?? '';
        expect(d.match(/M/g)).toHaveLength(2);
        expect(await payloadChart.locator('.strip rect.s-nodata').count()).toBe(1);

        // The label values and the command output are text, not markup, and nothing ran.
        const text = await page.locator('body').innerText();
        expect(text).toContain(SCRIPT_PAYLOAD);
        expect(text).toContain(IMG_PAYLOAD);
        expect(text).toContain('smoke <b>ok</b> </pre> & done');
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.locator('img').count()).toBe(0);
        expect(await page.locator('pre.output b').count()).toBe(0);
        expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');

        expect(errors).toEqual([]);

        await keepScreenshot(page, file);
      } finally {
        await page.close();
      }
    });

    it('renders in dark mode and for print with no console error', () =>
      checkDarkModeAndPrint(context as BrowserContext, file));
  },
);
