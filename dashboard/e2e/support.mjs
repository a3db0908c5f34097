// Shared by the browser tests: the system Chromium through playwright-core, console-error capture, and a screenshot
// in test-results/ when a test fails.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

/** The running LaaS stack (or a static server of dist/), without a trailing slash. */
export const BASE_URL = (() => {
  const url = process.env.E2E_BASE_URL;
  if (!url) {
    throw new Error('E2E_BASE_URL is not set; run the browser tests with scripts/e2e.sh <base-url>');
  }
  return url.replace(/\/+$/, '');
})();

/** Longest wait for one element or navigation. */
export const STEP_TIMEOUT_MS = Number(process.env.E2E_STEP_TIMEOUT_MS ?? 15_000);

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** @typedef {import('playwright-core').Browser} Browser */
/** @typedef {import('playwright-core').Page} Page */

/**
 * Runs `body` with a fresh page (own cookies and storage). Collects console errors and uncaught exceptions; saves a
 * screenshot and the page's HTML under test-results/ if the body throws.
 * @param {Browser} browser
 * @param {string} name file name of the screenshot
 * @param {(page: Page, consoleErrors: string[]) => Promise<void>} body
 */
export async function withPage(browser, name, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  /** @type {string[]} */
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(`${message.text()} (${message.location().url ?? ''})`);
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  try {
    await body(page, consoleErrors);
  } catch (error) {
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase());
    await page.screenshot({ path: `${file}.png`, fullPage: true }).catch(() => {});
    const html = await page.content().catch(() => '');
    await import('node:fs/promises').then((fs) => fs.writeFile(`${file}.html`, html)).catch(() => {});
    console.error(`screenshot: ${file}.png (page was ${page.url()})`);
    if (consoleErrors.length > 0) {
      console.error(`console errors:\n  ${consoleErrors.join('\n  ')}`);
    }
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * Polls `probe` until it returns a truthy value or `timeoutMs` passes.
 * @template T
 * @param {() => Promise<T>} probe
 * @param {{ timeoutMs?: number, intervalMs?: number, message?: string }} [options]
 * @returns {Promise<T>}
 */
export async function eventually(
  probe,
  { timeoutMs = STEP_TIMEOUT_MS, intervalMs = 250, message = 'condition' } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${message} (last: ${JSON.stringify(last)})`);
}
