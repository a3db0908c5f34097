// Smoke: the dashboard loads and its public pages render without a single console error. Needs no account, so it
// passes against any server of the built dashboard (LaaS's command-api, or `vite preview`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, launchBrowser, withPage } from './support.mjs';

describe('dashboard smoke', () => {
  /** @type {import('playwright-core').Browser} */
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('sends a visitor without a session from / to the login page', async () => {
    await withPage(browser, 'smoke-login', async (page, consoleErrors) => {
      const response = await page.goto(`${BASE_URL}/`);
      assert.equal(response?.status(), 200, 'GET / answers 200');
      await page.getByTestId('login-form').waitFor();
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await page.getByRole('heading', { name: 'Sign in to LaaS' }).count(), 1);
      await page.getByLabel('Email').waitFor();
      await page.getByLabel('Password').waitFor();
      assert.equal(await page.title(), 'LaaS dashboard');
      assert.deepEqual(consoleErrors, []);
    });
  });

  it('goes from the login page to the signup form', async () => {
    await withPage(browser, 'smoke-signup-link', async (page, consoleErrors) => {
      await page.goto(`${BASE_URL}/login`);
      await page.getByTestId('signup-link').click();
      await page.getByTestId('signup-form').waitFor();
      assert.equal(new URL(page.url()).pathname, '/signup');
      for (const label of ['Email', 'Password', 'Organization name']) {
        await page.getByLabel(label, { exact: true }).waitFor();
      }
      assert.deepEqual(consoleErrors, []);
    });
  });

  it('serves /signup directly (deep link) and checks the form before sending it', async () => {
    await withPage(browser, 'smoke-signup-direct', async (page, consoleErrors) => {
      /** @type {string[]} */
      const requests = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request.url());
      });
      const response = await page.goto(`${BASE_URL}/signup`);
      assert.equal(response?.status(), 200, 'the server answers deep links with the dashboard');
      await page.getByTestId('signup-form').waitFor();
      await page.getByLabel('Email', { exact: true }).fill('not-an-email');
      await page.getByLabel('Password', { exact: true }).fill('too-short');
      await page.getByTestId('signup-submit').click();
      await page.getByTestId('field-error-password').waitFor();
      assert.match(await page.getByTestId('field-error-password').innerText(), /at least 12 characters/);
      assert.match(await page.getByTestId('field-error-email').innerText(), /valid email/);
      assert.match(
        await page.getByTestId('field-error-organization_name').innerText(),
        /Name your organization/,
      );
      assert.deepEqual(requests, [], 'an invalid form sends nothing');
      assert.deepEqual(consoleErrors, []);
    });
  });
});
