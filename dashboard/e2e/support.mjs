// Shared by the browser tests: the system Chromium through playwright-core, console-error capture, a screenshot in
// test-results/ when a test fails, and screenshots of the main pages in test-results/screenshots/.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
export const SCREENSHOTS_DIR = join(RESULTS_DIR, 'screenshots');

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
 * @param {{ viewport?: { width: number, height: number } }} [options] the desktop layout (1280 × 900) by default
 */
export async function withPage(browser, name, body, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
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

/**
 * How far the page is wider than the window (0 when it fits): a layout that overflows sideways makes the whole
 * page scroll horizontally.
 * (Expressions run in the page are strings: this file is type-checked without the DOM's types.)
 * @param {Page} page
 * @returns {Promise<number>}
 */
export function horizontalOverflow(page) {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
}

/**
 * Waits until no spinner is left, checks that the page fits the window's width, and saves a full-page screenshot
 * as test-results/screenshots/<name>.png (or of `locator` alone).
 * @param {Page} page
 * @param {string} name
 * @param {import('playwright-core').Locator} [locator]
 */
export async function screenshot(page, name, locator) {
  await page.waitForFunction('document.querySelector(\'[data-testid="loading"]\') === null', null, {
    timeout: STEP_TIMEOUT_MS,
  });
  const overflow = await horizontalOverflow(page);
  if (overflow > 0) {
    throw new Error(`${name}: the page is ${overflow} px wider than the window (${page.url()})`);
  }
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  if (locator) {
    await locator.screenshot({ path });
  } else {
    await page.screenshot({ path, fullPage: true });
  }
  return path;
}
