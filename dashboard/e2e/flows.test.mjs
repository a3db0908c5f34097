// The full path of a new developer, against a running LaaS stack: sign up, create a project and a ledger, open two
// accounts, record a balanced transaction through the form and see the balances, add a webhook endpoint pointing
// at a receiver this test runs, record a second transaction and see its signed delivery succeed, read the reports,
// then create an API key (its raw value is shown once) and revoke it. Every main page is saved as a screenshot in
// test-results/screenshots/, and the overview and accounts pages are checked at a phone's width.
// scripts/e2e.sh runs this only with E2E_FLOWS=1.
import assert from 'node:assert/strict';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, eventually, horizontalOverflow, launchBrowser, screenshot, withPage } from './support.mjs';

const stamp = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const user = {
  email: `e2e-${stamp}@example.com`,
  password: `e2e-password-${stamp}`,
  org: `E2E org ${stamp}`,
};

/** Set by the main flow: the path of the ledger it built (/ledgers/<id>), for the phone-width check. */
let ledgerPath = '';

/** Longest wait for the read side or the webhook dispatcher to catch up with a write. */
const CATCH_UP_TIMEOUT_MS = 60_000;

/**
 * Reloads until `locator` shows up: the read side catches up with a write a moment later.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} locator
 * @param {string} message
 */
async function reloadUntilVisible(page, locator, message) {
  await eventually(
    async () => {
      if ((await locator.count()) > 0) return true;
      await page.reload();
      await page.waitForLoadState('networkidle').catch(() => {});
      return (await locator.count()) > 0;
    },
    { timeoutMs: CATCH_UP_TIMEOUT_MS, intervalMs: 1_000, message },
  );
}

/**
 * Reloads until `read()` answers `expected`.
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<string>} read
 * @param {string} expected
 * @param {string} message
 */
async function reloadUntilText(page, read, expected, message) {
  await eventually(
    async () => {
      const text = await read().catch(() => '');
      if (text === expected) return true;
      await page.reload();
      await page.waitForLoadState('networkidle').catch(() => {});
      return (await read().catch(() => '')) === expected;
    },
    { timeoutMs: CATCH_UP_TIMEOUT_MS, intervalMs: 1_000, message },
  );
}

/**
 * @typedef {{ headers: import('node:http').IncomingHttpHeaders, body: string, at: number }} ReceivedRequest
 * @typedef {{ url: string, requests: ReceivedRequest[], close: () => Promise<void> }} Receiver
 */

/**
 * A webhook receiver on 127.0.0.1 at a free port: records every request and answers 200.
 * @returns {Promise<Receiver>}
 */
async function startReceiver() {
  /** @type {ReceivedRequest[]} */
  const requests = [];
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('received by the e2e test');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  assert.ok(address && typeof address === 'object', 'the receiver listens on a TCP port');
  return {
    url: `http://127.0.0.1:${address.port}/hooks/laas`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * Whether a request carries a valid Standard Webhooks signature for `secret` (whsec_ + base64 of the key).
 * @param {ReceivedRequest} request
 * @param {string} secret
 */
function signedWith(request, secret) {
  const id = String(request.headers['webhook-id'] ?? '');
  const timestamp = String(request.headers['webhook-timestamp'] ?? '');
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest();
  return String(request.headers['webhook-signature'] ?? '')
    .split(' ')
    .filter((candidate) => candidate.startsWith('v1,'))
    .map((candidate) => Buffer.from(candidate.slice(3), 'base64'))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}

/**
 * Records a balanced transaction (debit one account, credit the other) through the form and waits for its page.
 * @param {import('playwright-core').Page} page
 * @param {{ description: string, debit: string, credit: string, amount: string }} tx
 */
async function postTransaction(page, { description, debit, credit, amount }) {
  await page.getByTestId('ledger-nav-transactions').click();
  await page.getByTestId('new-transaction').click();
  await page.getByTestId('transaction-form').waitFor();
  await page.getByLabel('Description').fill(description);
  await page.getByLabel('Posting 1 account').fill(debit);
  await page.getByLabel('Posting 1 amount').fill(amount);
  await page.getByLabel('Posting 2 account').fill(credit);
  await page.getByLabel('Posting 2 amount').fill(amount);
  assert.equal(await page.getByTestId('balance-indicator').getAttribute('data-balanced'), 'true');
  await page.getByTestId('transaction-submit').click();
  await page.getByTestId('transaction-detail').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('transaction-status').getAttribute('data-status'), 'posted');
}

describe('dashboard flows', () => {
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {Receiver | undefined} */
  let receiver;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await receiver?.close();
    await browser?.close();
  });

  const demo = { email: process.env.E2E_EMAIL, password: process.env.E2E_PASSWORD };
  it(
    'signs in with an existing account and signs out',
    { skip: !demo.email || !demo.password ? 'E2E_EMAIL and E2E_PASSWORD not set' : false },
    async () => {
      await withPage(browser, 'flows-login', async (page, consoleErrors) => {
        await page.goto(`${BASE_URL}/login`);
        await page.getByLabel('Email', { exact: true }).fill(demo.email ?? '');
        await page.getByLabel('Password', { exact: true }).fill(demo.password ?? '');
        await page.getByTestId('login-submit').click();
        await page.waitForURL('**/ledgers');
        assert.equal(await page.getByTestId('current-user').innerText(), demo.email);
        await page.getByTestId('ledgers-panel').waitFor();
        await page.getByTestId('logout').click();
        await page.getByTestId('login-form').waitFor();
        assert.deepEqual(consoleErrors, []);
      });
    },
  );

  it('signs up, builds a ledger, posts transactions, receives a webhook, reads the reports and manages an API key', async () => {
    await withPage(browser, 'flows-main', async (page, consoleErrors) => {
      // Sign up: lands on /ledgers, signed in.
      await page.goto(`${BASE_URL}/signup`);
      await page.getByLabel('Email', { exact: true }).fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill(user.password);
      await page.getByLabel('Organization name').fill(user.org);
      await page.getByTestId('signup-submit').click();
      await page.waitForURL('**/ledgers');
      assert.equal(await page.getByTestId('current-user').innerText(), user.email);

      // A project, then a ledger in it.
      const projectCode = `p-${stamp}`;
      await page.getByTestId('new-project').click();
      const projectForm = page.getByTestId('project-form');
      await projectForm.getByLabel('Project name').fill('E2E project');
      await projectForm.getByLabel('Project code').fill(projectCode);
      await page.getByTestId('project-submit').click();
      await page.getByTestId(`project-row-${projectCode}`).waitFor();

      const ledgerCode = `l-${stamp}`;
      await page.getByTestId('new-ledger').click();
      const ledgerForm = page.getByTestId('ledger-form');
      await ledgerForm.getByLabel('Ledger name').fill('E2E ledger');
      await ledgerForm.getByLabel('Ledger code').fill(ledgerCode);
      await ledgerForm.getByLabel('Currency').fill('USD');
      await page.getByTestId('ledger-submit').click();
      const ledgerRow = page.getByTestId(`ledger-row-${ledgerCode}`);
      await ledgerRow.waitFor();
      await ledgerRow.getByRole('link', { name: 'E2E ledger' }).click();
      await page.getByTestId('ledger-title').waitFor();
      await page.waitForURL('**/overview');
      ledgerPath = new URL(page.url()).pathname.replace(/\/overview$/, '');

      // Two accounts.
      await page.getByTestId('ledger-nav-accounts').click();
      for (const account of [
        { code: 'assets:cash', name: 'Cash', type: 'asset' },
        { code: 'revenue:sales', name: 'Sales', type: 'revenue' },
      ]) {
        await page.getByTestId('new-account').click();
        const form = page.getByTestId('account-form');
        await form.getByLabel('Code', { exact: true }).fill(account.code);
        await form.getByLabel('Name', { exact: true }).fill(account.name);
        await form.getByLabel('Type', { exact: true }).selectOption(account.type);
        await page.getByTestId('account-submit').click();
        await form.waitFor({ state: 'detached' });
        await reloadUntilVisible(
          page,
          page.getByTestId(`account-row-${account.code}`),
          `account ${account.code}`,
        );
      }

      // A transaction through the form: the indicator says whether it balances before it is sent.
      await page.getByTestId('ledger-nav-transactions').click();
      await page.getByTestId('new-transaction').click();
      await page.getByTestId('transaction-form').waitFor();
      await page.getByLabel('Description').fill(`E2E sale ${stamp}`);
      await page.getByLabel('Posting 1 account').fill('assets:cash');
      await page.getByLabel('Posting 1 amount').fill('100.00');
      await page.getByLabel('Posting 2 account').fill('revenue:sales');
      await page.getByLabel('Posting 2 amount').fill('99.99');
      const indicator = page.getByTestId('balance-indicator');
      assert.equal(await indicator.getAttribute('data-balanced'), 'false');
      assert.match(await indicator.innerText(), /debits exceed credits by \$0\.01/);
      await page.getByLabel('Posting 2 amount').fill('100');
      assert.equal(await indicator.getAttribute('data-balanced'), 'true');
      assert.equal(await page.getByTestId('balance-debits-USD').innerText(), '$100.00');
      assert.equal(await page.getByTestId('balance-credits-USD').innerText(), '$100.00');
      await page.getByTestId('transaction-submit').click();
      await page.getByTestId('transaction-detail').waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('transaction-status').getAttribute('data-status'), 'posted');
      // The history comes from the read model: the page first shows the POST's own answer.
      await reloadUntilVisible(page, page.getByTestId('status-history'), 'status history');
      await screenshot(page, '05-transaction-detail');

      // It is in the list, and the balances moved.
      await page.getByTestId('ledger-nav-transactions').click();
      const row = page.locator(`[data-testid^="transaction-row-"][data-description="E2E sale ${stamp}"]`);
      await reloadUntilVisible(page, row, 'the transaction in the list');
      assert.equal(await row.getByTestId('transaction-amount').innerText(), '$100.00');
      await screenshot(page, '04-transactions');

      await page.getByTestId('ledger-nav-accounts').click();
      const cash = page.getByTestId('balance-posted-assets:cash');
      await cash.waitFor();
      await reloadUntilText(page, () => cash.innerText(), '$100.00', 'cash balance $100.00');
      assert.equal(await page.getByTestId('balance-posted-revenue:sales').innerText(), '$100.00');
      await screenshot(page, '02-accounts');

      // The account's own page: its balance and its statement.
      await page.getByTestId('account-row-assets:cash').getByRole('link', { name: 'assets:cash' }).click();
      await page.getByTestId('account-detail').waitFor();
      assert.equal(await page.getByTestId('account-balance-posted').innerText(), '$100.00');
      await page.getByTestId('statement-table').waitFor();
      await screenshot(page, '03-account-detail');

      // The overview lists it among the recent transactions.
      await page.getByTestId('ledger-nav-overview').click();
      await reloadUntilVisible(
        page,
        page.locator(`[data-testid^="recent-transaction-"][data-description="E2E sale ${stamp}"]`),
        'the transaction on the overview',
      );
      // Balance over time for a chosen account: the first account until one is picked, then the pick (kept in the
      // URL). Chosen with the keyboard through its label; the tooltip and the latest balance show exact amounts.
      const balanceCard = page.getByTestId('overview-balance');
      const picker = balanceCard.getByLabel('Account', { exact: true });
      await picker.waitFor();
      await picker.focus();
      await picker.selectOption('revenue:sales');
      await page.waitForURL(/[?&]account=revenue%3Asales/);
      assert.equal(await picker.inputValue(), 'revenue:sales');
      await reloadUntilVisible(page, balanceCard.getByTestId('balance-chart'), 'the balance chart');
      const chart = balanceCard.getByTestId('balance-chart');
      assert.equal(await chart.getAttribute('data-points'), '1');
      assert.match((await chart.getAttribute('aria-label')) ?? '', /Balance of Sales over time/);
      assert.equal(await balanceCard.getByTestId('balance-history-latest').innerText(), '$100.00');
      await chart.locator('.recharts-line').waitFor();
      await chart.hover();
      assert.match(await balanceCard.getByTestId('balance-chart-tooltip').innerText(), /Balance \$100\.00/);
      await screenshot(page, '01-overview');
      await screenshot(page, '01b-overview-balance-chart', balanceCard);

      // A webhook endpoint pointing at a receiver this test runs; its signing secret is shown once.
      receiver = await startReceiver();
      await page.getByTestId('ledger-nav-webhooks').click();
      await page.getByTestId('new-webhook').click();
      const webhookForm = page.getByTestId('webhook-form');
      await webhookForm.getByLabel('URL').fill(receiver.url);
      await webhookForm.getByLabel('Description').fill('e2e receiver');
      assert.ok(
        await webhookForm.getByRole('checkbox', { name: 'transaction.posted', exact: true }).isChecked(),
      );
      await page.getByTestId('webhook-form-submit').click();
      const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
      assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/, 'a Standard Webhooks secret');
      await page.getByRole('button', { name: 'I have stored the secret' }).click();
      await page.locator('[data-testid^="webhook-endpoint-"]', { hasText: receiver.url }).waitFor();

      // A second transaction is delivered to the receiver, signed with that secret.
      const secondSale = `E2E second sale ${stamp}`;
      await postTransaction(page, {
        description: secondSale,
        debit: 'assets:cash',
        credit: 'revenue:sales',
        amount: '25.50',
      });
      await page.getByTestId('ledger-nav-webhooks').click();
      const succeeded = page.locator(
        '[data-testid^="delivery-row-"][data-status="succeeded"][data-event-type="transaction.posted"]',
      );
      await reloadUntilVisible(page, succeeded, 'a succeeded transaction.posted delivery in the log');
      const received = receiver.requests.filter((r) => r.body.includes(secondSale));
      assert.ok(received.length >= 1, 'the receiver got the second transaction');
      const [delivered] = received;
      assert.ok(delivered);
      assert.ok(signedWith(delivered, secret), 'the delivery is signed with the endpoint secret');
      assert.equal(delivered.headers['content-type']?.split(';')[0], 'application/json');
      const deliveredRow = succeeded.first();
      assert.match(await deliveredRow.innerText(), /200/);
      await screenshot(page, '07-webhooks');
      await screenshot(page, '08-delivery-log', page.getByTestId('webhook-deliveries'));

      // The delivery's detail: the attempt that the receiver answered with 200.
      await deliveredRow.getByRole('link', { name: 'transaction.posted', exact: true }).click();
      await page.getByTestId('delivery-detail').waitFor();
      assert.match(await page.getByTestId('delivery-attempts').innerText(), /status 200/);
      await screenshot(page, '09-delivery-detail');

      // The events behind it all.
      await page.getByTestId('ledger-nav-events').click();
      await page.getByTestId('events-table').waitFor();
      await screenshot(page, '10-events');

      // Reports: the trial balance balances (both transactions), so do the balance sheet and the income statement.
      await page.getByTestId('ledger-nav-reports').click();
      const totalDebits = page.getByTestId('trial-balance-total-debits-USD');
      await reloadUntilText(page, () => totalDebits.innerText(), '$125.50', 'trial balance debits $125.50');
      assert.equal(await page.getByTestId('trial-balance-total-credits-USD').innerText(), '$125.50');
      assert.equal(
        await page.getByTestId('trial-balance-USD-status').getAttribute('data-status'),
        'balanced',
      );
      assert.equal(await page.getByTestId('report-problems-USD').count(), 0);
      await screenshot(page, '11-reports-trial-balance');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('report-download').click(),
      ]);
      assert.equal(download.suggestedFilename(), 'trial-balance.csv');
      const csv = await readFile(await download.path(), 'utf8');
      assert.match(csv, /^row,currency,code,name,type,parent_code,level,debit,credit\r?\n/);
      assert.match(csv, /\r?\ntotal,USD,,,,,,125\.50,125\.50\r?\n/);

      await page.getByTestId('report-tab-balance-sheet').click();
      await page.getByTestId('balance-sheet-USD').waitFor();
      assert.equal(
        await page.getByTestId('balance-sheet-USD-status').getAttribute('data-status'),
        'balanced',
      );
      assert.equal(await page.getByTestId('balance-sheet-USD-assets-total').innerText(), '$125.50');
      await screenshot(page, '12-reports-balance-sheet');

      await page.getByTestId('report-tab-income-statement').click();
      await page.getByTestId('income-statement-USD').waitFor();
      assert.equal(await page.getByTestId('income-statement-USD-net-income').innerText(), '$125.50');
      await screenshot(page, '13-reports-income-statement');

      // The organization's members: the new user owns it.
      await page.getByTestId('nav-members').click();
      await page.getByTestId(`member-row-${user.email}`).waitFor();
      await screenshot(page, '14-members');

      // An API key: the raw key is shown once, then never again; then it is revoked.
      await page.goto(`${BASE_URL}${ledgerPath}/api-keys`);
      await page.getByTestId('new-api-key').click();
      await page.getByTestId('api-key-form').getByLabel('Description').fill('e2e key');
      await page.getByTestId('api-key-submit').click();
      const rawKey = (await page.getByTestId('raw-key').innerText()).trim();
      assert.ok(rawKey.length >= 20, `raw key looks like a key: ${rawKey}`);
      await page.getByTestId('dismiss-raw-key').click();
      assert.equal(await page.getByTestId('raw-key').count(), 0);
      await page.reload();
      await page.getByTestId('api-keys-table').waitFor();
      assert.equal(await page.getByTestId('raw-key').count(), 0, 'the raw key is not shown again');
      assert.ok(!(await page.content()).includes(rawKey), 'the raw key is nowhere on the page');
      await screenshot(page, '06-api-keys');

      const keyRow = page.locator('[data-testid^="api-key-row-"]', { hasText: 'e2e key' });
      assert.equal(await keyRow.getAttribute('data-status'), 'active');
      await keyRow.getByTestId('revoke-api-key').click();
      await page.getByTestId('confirm-accept').click();
      await eventually(async () => (await keyRow.getAttribute('data-status')) === 'revoked', {
        message: 'key revoked',
      });

      // The only tolerated errors: the read model not knowing the new transaction for a moment (the page retries).
      const unexpected = consoleErrors.filter(
        (e) => !/status of 404 .*\/api\/ledgers\/[^/]+\/transactions\/[^/?]+\)$/.test(e),
      );
      assert.deepEqual(unexpected, []);
    });
  });

  it('fits a phone-width screen: no sideways scrolling, navigation in reach', async () => {
    assert.ok(ledgerPath, 'needs the ledger built by the flow above');
    const phone = { width: 390, height: 844 };
    await withPage(
      browser,
      'flows-phone',
      async (page, consoleErrors) => {
        await page.goto(`${BASE_URL}/login`);
        await page.getByLabel('Email', { exact: true }).fill(user.email);
        await page.getByLabel('Password', { exact: true }).fill(user.password);
        await page.getByTestId('login-submit').click();
        await page.waitForURL('**/ledgers');

        /**
         * Every link of a navigation is visible and lies within the window's width.
         * @param {import('playwright-core').Locator} nav
         * @param {string} label
         */
        async function assertReachable(nav, label) {
          await nav.waitFor();
          const links = nav.getByRole('link');
          assert.ok((await links.count()) > 0, `${label} has links`);
          for (const link of await links.all()) {
            assert.ok(await link.isVisible(), `${label}: ${await link.innerText()} is visible`);
            const box = await link.boundingBox();
            assert.ok(box, `${label}: ${await link.innerText()} has a box`);
            assert.ok(
              box.x >= 0 && box.x + box.width <= phone.width,
              `${label}: ${await link.innerText()} lies within ${phone.width} px (x ${box.x}, width ${box.width})`,
            );
          }
        }

        await page.goto(`${BASE_URL}${ledgerPath}/overview`);
        await page.getByTestId('totals-table').waitFor();
        assert.equal(await horizontalOverflow(page), 0, 'the overview fits 390 px');
        await assertReachable(page.getByRole('navigation', { name: 'Main' }), 'main navigation');
        await assertReachable(page.getByRole('navigation', { name: 'Ledger' }), 'ledger navigation');
        assert.ok(await page.getByTestId('logout').isVisible(), 'sign out is visible');
        await screenshot(page, 'phone-01-overview');

        // The ledger's navigation works: Accounts opens the accounts page.
        await page.getByTestId('ledger-nav-accounts').click();
        await page.waitForURL('**/accounts');
        await page.getByTestId('accounts-table').waitFor();
        assert.equal(await horizontalOverflow(page), 0, 'the accounts page fits 390 px');
        await assertReachable(page.getByRole('navigation', { name: 'Ledger' }), 'ledger navigation');
        await screenshot(page, 'phone-02-accounts');
        assert.deepEqual(consoleErrors, []);
      },
      { viewport: phone },
    );
  });
});
