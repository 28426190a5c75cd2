// The popup's cache of the state (extension/background.js, src/popup_cache.rs): rebuilt by
// the worker whenever the state changes, read by the popup only when it was built from the
// state stored now, and drawing the same figures as the state itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPopup, manyReadings } from './harness.mjs';

const state = manyReadings;

let browser;
let ext;
before(async () => {
  browser = await launch();
  ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/options.html`);
});
after(async () => {
  await browser?.close();
});

/** Stores `s` (as the worker stores it) and waits until the worker rebuilt the cache for it. */
async function seed(s) {
  return ext.evaluate(async (s) => {
    const wasm = await import('./wasm/linekeeper_wasm.js');
    await wasm.default();
    await chrome.storage.local.set({ state: wasm.normalize_state(s) });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { popup_cache: cache, state } = await chrome.storage.local.get(['popup_cache', 'state']);
      const bytes = await chrome.storage.local.getBytesInUse('state');
      if (cache?.state_bytes === bytes) {
        return { cached: cache.state.accounts[0].history, stored: state.accounts[0].history };
      }
      if (Date.now() > deadline) throw new Error('the popup cache was not rebuilt');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, s);
}

/** The popup's text and chart table, drawn from what is stored now. */
async function popupText() {
  const page = await openPopup(browser.context, browser.extensionId);
  const out = await page.evaluate(() => ({
    text: document.querySelector('main')?.innerText ?? document.body.innerText,
    rows: [...document.querySelectorAll('.readings tbody tr')].map((tr) => tr.innerText),
    points: document.querySelectorAll('svg path.curve').length,
  }));
  await page.close();
  return out;
}

test('a long history is condensed in the cache, and the popup shows the same figures from it', async () => {
  const { cached, stored } = await seed(state(1000));
  // History is stored as one compact string (history_codec.rs): points are `;`-separated.
  const count = (h) => (typeof h === 'string' ? h.split(';').length : h.length);
  assert.equal(count(stored), 1000);
  assert.ok(count(cached) < 150, `cache holds ${count(cached)} points`);
  const fromCache = await popupText();
  // The same popup drawn from the state itself (no cache).
  await ext.evaluate(() => chrome.storage.local.remove('popup_cache'));
  const fromState = await popupText();
  assert.equal(fromCache.text, fromState.text);
  assert.deepEqual(fromCache.rows, fromState.rows);
  assert.ok(fromCache.rows.length > 0 && fromCache.points === 2, JSON.stringify(fromCache));
});

test('a cache built from another state is not used', async () => {
  await seed(state(300, { balance: '7.00' }));
  // A cache whose stamp does not match the stored state (written behind the worker's back).
  await ext.evaluate(async () => {
    const { popup_cache: cache } = await chrome.storage.local.get('popup_cache');
    cache.state.accounts[0].latest.balance.amount = '99.00';
    cache.state_bytes += 1;
    await chrome.storage.local.set({ popup_cache: cache });
  });
  const { text } = await popupText();
  assert.match(text, /\$7\.00/);
  assert.doesNotMatch(text, /\$99\.00/);
});

test('erasing the state removes the cache', async () => {
  await seed(state(10));
  await ext.evaluate(() => chrome.storage.local.remove('state'));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const all = await ext.evaluate(() => chrome.storage.local.get(null));
    if (!('popup_cache' in all)) break;
    assert.ok(Date.now() < deadline, 'the cache outlived the state');
    await new Promise((r) => setTimeout(r, 50));
  }
  const page = await openPopup(browser.context, browser.extensionId);
  assert.ok(await page.$('section.empty'), 'the empty state');
  await page.close();
});

test('the language chosen in the options is carried in the cache and the popup speaks it', async () => {
  const chosen = state(300);
  chosen.settings = { language: 'zh_cn' };
  await seed(chosen);
  const { popup_cache: cache } = await ext.evaluate(() => chrome.storage.local.get('popup_cache'));
  assert.equal(cache.locale, 'zh_CN');
  const page = await openPopup(browser.context, browser.extensionId);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await page.locator('main').innerText(), /续费清单/);
  await page.close();
  // Back to the browser's language: the cache says so (null), the popup is in English.
  await seed(state(300));
  const { popup_cache: back } = await ext.evaluate(() => chrome.storage.local.get('popup_cache'));
  assert.equal(back.locale, null);
  const again = await openPopup(browser.context, browser.extensionId);
  assert.match(await again.locator('main').innerText(), /Renewal checklist/);
  await again.close();
});
