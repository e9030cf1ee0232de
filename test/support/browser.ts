/**
 * Opening drygate's HTML reports in a real headless Chromium (playwright-core driving the
 * system's `chromium`, see binaries.ts): offline, a fresh profile in a directory the test owns,
 * and every console error or warning, page error and non-local request collected.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, type Page, chromium as browserType } from 'playwright-core';

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
