/**
 * Issue 8, acceptance 3: the backtest's HTML timeline opened in a real headless Chromium. It
 * must render the decision lane and one lane per gate (sub-gates and the gates it cannot replay
 * included), each laid out with its runs drawn, log no console error, request nothing, run
 * nothing, and show markup in strings as text. One gate flaps every minute for two days, so its
 * lane is drawn per pixel (more runs than pixels).
 *
 * Set DRYGATE_HTML_SCREENSHOT=/path/shot.png to keep the page (shot.html) and screenshots.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtest } from '../../src/gate/backtest/backtest.js';
import type { BacktestResult } from '../../src/gate/backtest/types.js';
import { MAX_RUNS } from '../../src/gate/report/backtest-lanes.js';
import { renderBacktestHtml } from '../../src/gate/report/backtest-html.js';
import { EmbeddedSource } from '../../src/gate/source/embedded.js';
import { loadGateSpec } from '../../src/gate/spec/load.js';
import { loadDataFile } from '../../src/promql/data/load.js';
import { chromiumBinary } from '../support/binaries.js';
import {
  checkDarkModeAndPrint,
  keepScreenshot,
  launchBrowser,
  openFile,
} from '../support/browser.js';

const chromium = chromiumBinary();

/** What the tests read of an element in the page (the DOM types are not in this project). */
interface DomElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; right: number; width: number };
}
const M = 60_000;
const DAYS = 2;
const MINUTES = DAYS * 1440;
const SCRIPT = '<script>window.__pwned=1</script>';

// Two days at 1m: the heartbeat stops for an hour twice; the ap canary dips; `flappy` alternates.
const DATA = `interval: 1m
input_series:
  - series: 'hb_ok{metric_realm="prod", instance="a"}'
    values: '1x600 0x60 1x1500 0x60 ${'1'}x${MINUTES - 2222}'
  - series: 'canary_ratio{metric_realm="prod", region="eu"}'
    values: '0.995x${MINUTES}'
  - series: 'canary_ratio{metric_realm="prod", region="ap"}'
    values: '0.995x1000 0.9x30 0.995x${MINUTES - 1031}'
  - series: 'flappy{metric_realm="prod"}'
    values: '${'1 0 '.repeat(MINUTES / 2).trim()} 1'
  - series: 'dr_last_success_timestamp_seconds{metric_realm="prod"}'
    values: '0+60x${MINUTES}'
`;

const SPEC = `apiVersion: drygate/v1
name: l4-dry-run
require: {metric_realm: prod}
gates:
  - {name: heartbeat-ok, query: hb_ok, condition: == 1, hold: 5m}
  - name: canary-quorum
    kind: quorum
    min: 2
    gates:
      - {name: canary-eu, query: 'canary_ratio{region="eu"}', condition: '>= 0.99'}
      - {name: canary-ap, query: 'canary_ratio{region="ap"}', condition: '>= 0.99'}
  - {name: flappy, query: flappy, condition: == 1, required: false}
  - {name: dr-rehearsal, kind: freshness, query: dr_last_success_timestamp_seconds, max_age: 2h}
  - {name: sandbox-smoke, kind: command, command: ["true"]}
`;

describe.skipIf(chromium.path === undefined)(
  `the backtest's HTML timeline in headless Chromium ${chromium.skipReason}`,
  () => {
    let dir: string;
    let file: string;
    let result: BacktestResult;
    let context: BrowserContext | undefined;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'drygate-backtest-html-'));
      const data = loadDataFile(DATA, 'replay.yml');
      result = await backtest(loadGateSpec(SPEC, join(dir, 'gates.yml')), {
        // The source's description is printed in the page: it must stay text.
        source: new EmbeddedSource(data.store, `replay ${SCRIPT}.yml`),
        sinceMs: 0,
        untilMs: MINUTES * M,
        stepMs: M,
      });
      file = join(dir, 'backtest.html');
      writeFileSync(file, renderBacktestHtml(result));
      context = await launchBrowser(chromium.path as string, dir);
    });
    afterAll(async () => {
      await context?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the backtest under test has what the page must show', () => {
      expect(result.steps).toBe(MINUTES + 1);
      expect(result.flips).toBeGreaterThanOrEqual(4);
      expect(result.gates.map((g) => g.path.join('/'))).toEqual([
        'heartbeat-ok',
        'canary-quorum',
        'canary-quorum/canary-eu',
        'canary-quorum/canary-ap',
        'flappy',
        'dr-rehearsal',
      ]);
      const flappy = result.gates.find((g) => g.gate === 'flappy');
      expect(flappy?.intervals.length).toBeGreaterThan(MAX_RUNS);
      expect(flappy?.flapping).toBe(true);
    });

    it('renders every lane with its runs, with no console error, and runs nothing', async () => {
      const { page, errors } = await openFile(context as BrowserContext, file);
      try {
        const lanes = page.locator('svg.lanes g.lane');
        const keys = await lanes.evaluateAll((els: DomElement[]) =>
          els.map((e) => e.getAttribute('data-lane')),
        );
        expect(keys).toEqual([
          'decision',
          'heartbeat-ok',
          'canary-quorum',
          'canary-quorum/canary-eu',
          'canary-quorum/canary-ap',
          'flappy',
          'dr-rehearsal',
          'sandbox-smoke',
        ]);
        const svg = await page.locator('svg.lanes').boundingBox();
        expect(svg?.width ?? 0).toBeGreaterThan(600);
        for (const lane of await lanes.all()) {
          const key = await lane.getAttribute('data-lane');
          const box = await lane.boundingBox();
          expect(box?.height ?? 0, `${key} lane height`).toBeGreaterThan(10);
          // The runs cover the plot from the first step to the last.
          const rects = await lane.locator('rect').evaluateAll((els: DomElement[]) =>
            els.map((e) => {
              const r = e.getBoundingClientRect();
              return { left: r.left, right: r.right, width: r.width, cls: e.getAttribute('class') };
            }),
          );
          expect(rects.length, `${key} rects`).toBeGreaterThan(0);
          expect(rects.every((r) => r.width > 0)).toBe(true);
          const left = Math.min(...rects.map((r) => r.left));
          const right = Math.max(...rects.map((r) => r.right));
          expect(right - left, `${key} spans the plot`).toBeGreaterThan((svg?.width ?? 0) * 0.7);
        }
        // The decision lane shows each decision interval; the flapping lane is drawn per pixel.
        expect(await page.locator('g[data-lane="decision"] rect').count()).toBe(
          result.decisions.length,
        );
        expect(await page.locator('g[data-lane="decision"] rect.d-nogo').count()).toBeGreaterThan(
          0,
        );
        expect(await page.locator('g[data-lane="flappy"] rect').count()).toBeLessThan(MAX_RUNS);
        expect(await page.locator('g[data-lane="sandbox-smoke"] .lane-note').textContent()).toBe(
          'not replayed (command): left out of the decision',
        );
        // Tables: one row per gate, the flapping gate marked.
        expect(await page.locator('tr[data-gate-row]').count()).toBe(result.gates.length);
        expect(await page.locator('tr[data-gate-row="flappy"]').getAttribute('data-flapping')).toBe(
          'true',
        );
        expect(await page.locator('tr[data-sensitivity]').count()).toBe(result.sensitivity.length);

        const text = await page.locator('body').innerText();
        expect(text).toContain(`replay ${SCRIPT}.yml`);
        expect(await page.locator('script').count()).toBe(0);
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
