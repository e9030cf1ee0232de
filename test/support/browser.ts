/**
 * Opening drygate's HTML reports in a real headless Chromium (playwright-core driving the
 * system's `chromium`, see binaries.ts): offline, a fresh profile in a directory the test owns,
 * and every console error or warning, page error and non-local request collected.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, type Page, chromium as browserType } from 'playwright-core';
import { expect } from 'vitest';

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with a fresh profile under `dir` (Playwright refuses --user-data-dir). */
export function launchBrowser(executablePath: string, dir: string): Promise<BrowserContext> {
  return browserType.launchPersistentContext(join(dir, 'profile'), {
    executablePath,
    headless: true,
    args: LAUNCH_ARGS,
    offline: true,
  });
}

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and warnings, page errors, and requests for anything but file: and data:. */
  readonly errors: string[];
}

/** Opens a local file in a new page, collecting what went wrong while it loaded and ran. */
export async function openFile(
  context: BrowserContext,
  file: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<OpenedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:'))
      errors.push(`request: ${r.url()}`);
  });
  await page.emulateMedia({ colorScheme });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors };
}

/** With `$DRYGATE_HTML_SCREENSHOT` set, keeps a full-page screenshot there (and `html` beside it). */
export async function keepScreenshot(page: Page, html?: string, suffix = ''): Promise<void> {
  const shot = process.env['DRYGATE_HTML_SCREENSHOT'];
  if (shot === undefined || shot === '') return;
  await page.screenshot({ path: shot.replace(/(\.png)?$/, `${suffix}.png`), fullPage: true });
  if (html !== undefined) copyFileSync(html, shot.replace(/(\.png)?$/, '.html'));
}

/** The report in dark mode, then printed: the dark theme applies, a PDF renders, nothing errs. */
export async function checkDarkModeAndPrint(context: BrowserContext, file: string): Promise<void> {
  const { page, errors } = await openFile(context, file, 'dark');
  try {
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe(
      'rgb(13, 17, 23)',
    );
    await keepScreenshot(page, undefined, '-dark');
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}
