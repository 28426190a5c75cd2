// Stored data survives: layouts written by earlier versions load (migrated by Rust) and keep
// everything; a value that cannot be read (damaged, or from a newer LineKeeper) is kept aside
// under its own storage key, untouched, and the popup and options page say so; erase removes
// everything. One browser for the file; the tests run in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, storage, openPopup, ROOT } from './harness.mjs';

const SHOTS = join(ROOT, 'target/screenshots');
let browser;
let ext; // the options page: seeds storage and talks to the worker

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await ext.waitForSelector('body[data-ready]');
});
after(async () => {
  await browser?.close();
});

const seed = (items) => ext.evaluate(async (i) => {
  await chrome.storage.local.clear();
  await chrome.storage.local.set(i);
}, items);
const send = (message) => ext.evaluate((m) => chrome.runtime.sendMessage(m), message);
const all = () => storage(browser.context, browser.extensionId);

const LATEST = {
  schema: 1, status: 'ok', carrier: 't-mobile', next_bill_date: '2026-12-09',
  balance: { amount: '0.00', currency: 'USD' }, amount_due: null, autopay: false,
  lines: [{ number_last4: '4821', label: 'Mom', plan: 'Prepaid Connect', renews_on: '2026-12-09',
    data: { remaining_mb: 3502.08, used_mb: 1617.92, total_mb: 5120.0, unlimited: false } }],
};

/** A layout-1 state as the first reminders build wrote it (ad8a5ee): history as an array,
 * cycles tagged by `every`. */
function layout1() {
  return {
    version: 1,
    accounts: [{
      key: 't-mobile', carrier: 't-mobile', host: 'www.t-mobile.com', page_url: 'https://www.t-mobile.com/account',
      latest: LATEST, read_at_ms: Date.now() - 60000,
      history: [
        { at_ms: Date.now() - 40 * 86400000, date: '2026-10-17', next_bill_date: '2026-11-09', lines: [['4821', 5000, 120.5]] },
        { at_ms: Date.now() - 60000, date: '2026-11-26', next_bill_date: '2026-12-09', lines: [['4821', 3502.08, 1617.92]] },
      ],
    }],
    settings: { reminders: true, lead_days: [5, 1], remind_at: 30600, quiet: null, low_data: false,
      low_data_percent: 15, low_data_mb: 250, language: 'auto', cycles: { 't-mobile': { every: 'days', n: 28 } } },
  };
}

test('a layout written by an earlier version is read, migrated and keeps everything', async () => {
  await seed({ state: layout1() });
  const reply = await send({ type: 'sync' });
  assert.equal(reply.error, null);
  // The worker wrote the migrated state back, in the current layout.
  await ext.waitForFunction(async () => (await chrome.storage.local.get('state')).state.version === 2);
  const now = (await all()).state;
  assert.equal(now.version, 2);
  assert.deepEqual(now.accounts[0].latest, LATEST);
  assert.equal(typeof now.accounts[0].history, 'string', 'history rewritten in the compact form');
  assert.ok(now.accounts[0].history.includes('5000:120.5'), now.accounts[0].history);
  assert.ok(now.accounts[0].history.includes('3502.08:1617.92'), now.accounts[0].history);
  assert.deepEqual(now.settings.cycles, { 't-mobile': { days: { n: 28 } } });
  assert.deepEqual(now.settings.lead_days, [5, 1]);
  const popup = await openPopup(browser.context, browser.extensionId);
  assert.match(await popup.textContent('main'), /4821/);
  assert.equal(await popup.$('.store-notice'), null);
  await popup.close();
});

for (const [what, bad, pattern] of [
  ['written by a newer LineKeeper', { version: 99, accounts: [{ future: true }], shiny: 'new' }, /newer version of LineKeeper \(storage layout 99\)/],
  ['damaged', { version: 1, accounts: 'not a list' }, /could not be read\. It was kept aside/],
]) {
  test(`stored data ${what} is kept aside under its own key, untouched, and the pages say so`, async () => {
    await seed({ state: bad, 'badge:www.t-mobile.com': { x: 10, y: 20 } });
    const reply = await send({ type: 'sync' });
    assert.equal(reply.error, null);
    const stored = await all();
    const aside = Object.keys(stored).filter((k) => k.startsWith('kept_aside:'));
    assert.equal(aside.length, 1, JSON.stringify(stored));
    assert.deepEqual(stored[aside[0]], bad, 'kept exactly as it was');
    assert.equal(stored.state.version, 2);
    assert.equal(stored.state.kept_aside[0].key, aside[0]);
    assert.deepEqual(stored["badge:www.t-mobile.com"], { x: 10, y: 20 });
    // Later events never overwrite or drop it.
    await send({ type: 'sync' });
    assert.deepEqual((await all())[aside[0]], bad);
    const popup = await openPopup(browser.context, browser.extensionId);
    const notice = await popup.textContent('.store-notice');
    assert.match(notice, pattern);
    assert.ok(notice.includes(aside[0]), notice);
    // The decoder's words are folded under the sentence, not inside it.
    const detail = await popup.$('.store-notice details');
    if (what === 'damaged') {
      assert.match(await detail.textContent(), /not a list/);
      assert.equal(await detail.evaluate((d) => d.open), false);
      assert.doesNotMatch(await popup.textContent('.store-notice p'), /not a list/);
    } else {
      assert.equal(detail, null);
    }
    await popup.screenshot({ path: join(SHOTS, `storage-kept-aside-${what.split(' ')[0]}.png`) });
    await popup.close();
    await ext.reload();
    await ext.waitForSelector('body[data-ready=true]');
    assert.match(await ext.textContent('.store-notice'), pattern);
  });
}

test('erase removes everything, values kept aside and badge positions too', async () => {
  const before = await all();
  assert.ok(Object.keys(before).some((k) => k.startsWith('kept_aside:')));
  const reply = await send({ type: 'erase' });
  assert.equal(reply.done, true);
  const after = await all();
  assert.deepEqual(Object.keys(after).filter((k) => k !== 'state'), [], JSON.stringify(after));
  assert.equal(after.state?.accounts?.length ?? 0, 0);
});
