// The vertical slice, end to end in the built extension: content script → worker (Rust)
// → storage → popup (Rust) and badge (closed shadow root). One browser for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, serve, demoPage, DEMO_URL, waitForAccount, waitForBadge, closedShadowText,
  stopWorkers, openPopup, storage,
} from './harness.mjs';

let browser;
const demo = demoPage();

before(async () => {
  browser = await launch();
  await serve(browser.context, DEMO_URL, demo.html);
  // The page itself obeys its policy (no inline style), so any violation would be ours.
  const strict = demo.html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/ style="[^"]*"/g, '');
  await serve(browser.context, 'https://www.t-mobile.com/strict-csp', strict, {
    'Content-Security-Policy': "default-src 'self'",
  });
});

after(async () => {
  await browser?.close();
});

test('the demo page is read into a stored record and a badge in a closed shadow root', async () => {
  const { context, extensionId } = browser;
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(DEMO_URL);
  const account = await waitForAccount(context, extensionId, 't-mobile', { since: started - 1 });
  const snap = account.latest;
  assert.equal(snap.status, 'ok');
  assert.equal(snap.carrier, 't-mobile');
  assert.equal(snap.next_bill_date, demo.renews.iso);
  assert.deepEqual(snap.balance, { amount: '0.00', currency: 'USD' });
  assert.equal(snap.lines.length, 1);
  assert.equal(snap.lines[0].number_last4, '4821');
  assert.ok(Math.abs(snap.lines[0].data.remaining_mb - 3502.08) < 0.01, JSON.stringify(snap.lines[0]));
  assert.equal(account.page_url, DEMO_URL);
  const stored = JSON.stringify(account);
  assert.ok(!stored.includes('Jordan'), 'the account holder name is never stored');
  const badge = await waitForBadge(page, /3\.4 GB left/);
  assert.match(badge, /renews in 13 days/);
  // The page cannot reach into the closed root.
  const visible = await page.evaluate(() =>
    [...document.documentElement.children].filter((el) => el.shadowRoot).length,
  );
  assert.equal(visible, 0);
  await page.close();
});

test('the popup, drawn by Rust, shows the stored record', async () => {
  const { context, extensionId } = browser;
  await waitForAccount(context, extensionId, 't-mobile');
  const popup = await openPopup(context, extensionId);
  assert.equal(await popup.getAttribute('body', 'data-ready'), 'true');
  const text = await popup.locator('#app').innerText();
  assert.match(text, /T-Mobile/);
  assert.match(text, /renews in 13 days/);
  assert.match(text, new RegExp(demo.renews.long.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(text, /3\.4 GB left/);
  assert.match(text, /Balance\s+\$0\.00/);
  assert.match(text, /•••4821/);
  const bar = popup.locator('[role=progressbar]');
  assert.equal(await bar.getAttribute('aria-valuenow'), '68');
  await popup.close();
});

test('a page with a strict CSP gets its badge and sees no securitypolicyviolation', async () => {
  const { context } = browser;
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective), true);
  });
  await page.goto('https://www.t-mobile.com/strict-csp');
  await waitForBadge(page, /3\.4 GB left/);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await page.close();
});

test('the page cannot fetch any resource of the extension', async () => {
  const { context, extensionId } = browser;
  const page = await context.newPage();
  await page.goto(DEMO_URL);
  const results = await page.evaluate(async (id) => {
    const paths = ['manifest.json', 'content.js', 'background.js', 'popup.html', 'wasm/linekeeper_wasm_bg.wasm', 'icons/icon-16.png'];
    const out = [];
    for (const path of paths) {
      try {
        const response = await fetch(`chrome-extension://${id}/${path}`);
        out.push(`${path}: fetched ${response.status}`);
      } catch (_) {
        out.push(`${path}: refused`);
      }
    }
    return out;
  }, extensionId);
  assert.ok(results.every((r) => r.endsWith('refused')), results.join('\n'));
  await page.close();
});

test('the worker stopped through CDP restarts on the next event and the record is still there', async () => {
  const { context, extensionId } = browser;
  const before = await storage(context, extensionId);
  assert.ok(before.state?.accounts?.length, 'a record exists before the stop');
  const page = await context.newPage();
  await page.goto('about:blank');
  const stop = await stopWorkers(page, extensionId);
  const after = await storage(context, extensionId);
  assert.deepEqual(after.state, before.state, 'storage survives the stop');
  // The next event (a page scan) starts the worker again and it stores a fresh read.
  const t0 = Date.now();
  await page.goto(DEMO_URL);
  await stop.restarted();
  const account = await waitForAccount(context, extensionId, 't-mobile', { since: t0 });
  assert.equal(account.latest.lines[0].number_last4, '4821');
  assert.equal(account.history.length, before.state.accounts[0].history.length, 'same values: no new history point');
  assert.ok((await closedShadowText(page)).some((t) => /3\.4 GB left/.test(t)));
  await page.close();
});
