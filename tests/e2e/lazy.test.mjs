// The worker's tools module (crates/linekeeper-tools: the popup's checklist, notification
// buttons, options form, import, teaching, old or unreadable stored data) is instantiated
// only on the first message that needs it, then kept for the worker's lifetime; every start,
// scan and reminder run uses the engine module alone.
// What the worker fetched is recorded by a test copy of the build whose background.js starts
// with a wrapper of `fetch` (wasm-bindgen's `init()` fetches its module's .wasm: the
// wrapper sees every instantiation); the shipped files are otherwise the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIST, ROOT, launch, serve, testCopy, currentWorker, stopWorkers, until, storage, inExtension as inExtensionPage,
  inContentScript, dayFromToday,
} from './harness.mjs';

const ENGINE = 'wasm/linekeeper_wasm_bg.wasm';
const TOOLS = 'wasm/linekeeper_tools_bg.wasm';
const URL_A = 'https://www.t-mobile.com/account/lazy-test';
const renews = dayFromToday(13);
const accountPage = (gb) => `<!doctype html><html lang="en-US"><head><title>My Account | T-Mobile</title></head><body>
<main><section class="card"><h2>Your line</h2><div>Line <span>(•••) •••-4821</span></div>
<div class="plan">Prepaid Connect</div><p><span id="left">${gb} GB</span> remaining of 5 GB</p>
<div class="kv"><span>Account balance</span><span>$0.00</span></div>
<div class="kv"><span>Plan renews</span><span>${renews.long}</span></div></section></main></body></html>`;

// Prepended to the test copy's background.js (its static imports are hoisted above it; they
// only define functions, so nothing is fetched before the wrapper is in place).
const RECORDER = `const linekeeperFetch = globalThis.fetch;
globalThis.linekeeperFetched = [];
globalThis.fetch = (resource, ...rest) => {
  globalThis.linekeeperFetched.push(String(resource instanceof Request ? resource.url : resource));
  return linekeeperFetch(resource, ...rest);
};
`;

let browser;
before(async () => {
  const background = readFileSync(join(DIST, 'background.js'), 'utf8');
  const dist = testCopy('lazy', () => {}, { 'background.js': RECORDER + background });
  browser = await launch({ dist });
});
after(async () => {
  await browser?.close();
});

const inExtension = (fn, arg) => inExtensionPage(browser.context, browser.extensionId, fn, arg);
/** Sends `message` from the options page (an extension page) and returns the reply. */
const send = (message) => inExtension((m) => chrome.runtime.sendMessage(m), message);

/** The .wasm files the running worker fetched (each one instantiation), in order. */
async function fetched() {
  const worker = await currentWorker(browser.context);
  const urls = await worker.evaluate(() => globalThis.linekeeperFetched);
  return urls.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname.slice(1));
}

/** The worker's reply to a scan sent on the content script's port from `tab`'s page. */
function scanReply(tab) {
  return inContentScript(tab, () => new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: 'scan' });
    port.onMessage.addListener((m) => {
      if (m.id !== 'lazy-test') return;
      port.disconnect();
      resolve(m.reply);
    });
    const page = 'en\nTitle\n\tbody\tb'; // a bare body (src/page.rs, lines)
    port.postMessage({ id: 'lazy-test', message: { type: 'scan', page } });
  }));
}

async function scan(tab, gb, since) {
  await tab.evaluate((gb) => {
    document.getElementById('left').firstChild.data = `${gb} GB`;
  }, gb);
  return until('the scan to be stored', async () => {
    const { state } = await storage(browser.context, browser.extensionId);
    const account = state?.accounts?.find((a) => a.key === 't-mobile' && a.read_at_ms > since);
    return account?.latest.lines[0].data.remaining_mb === gb * 1024 ? account : null;
  });
}

test('a start, scans and reminder runs use the engine only; settings, import, teaching and the checklist load the tools module once', async () => {
  // The worker's start (reminders, popup cache, taught sites) and a scan.
  await serve(browser.context, URL_A, accountPage('3.5'));
  const tab = await browser.context.newPage();
  const since = Date.now();
  await tab.goto(URL_A);
  const first = await until('the first scan', async () => {
    const { state } = await storage(browser.context, browser.extensionId);
    return state?.accounts?.find((a) => a.key === 't-mobile' && a.read_at_ms > since);
  });
  await scan(tab, 3.25, first.read_at_ms);
  const reply = await scanReply(tab);
  assert.equal(reply.outcome, 'ignored', JSON.stringify(reply));
  assert.equal(reply.scan, undefined, 'no taught words for a built-in carrier’s page');
  // A reminder run (as on an alarm) is a common path too.
  assert.deepEqual(await send({ type: 'sync' }), { errors: [], error: null, done: true });
  assert.deepEqual(await fetched(), [ENGINE], 'the tools module is not loaded by a start or a scan');

  // The options form: the tools module is instantiated, and the settings are stored.
  const saved = await send({ type: 'settings', form: { section: 'reminders', reminders: 'on', lead_days: '5, 1' } });
  assert.deepEqual(saved, { errors: [], error: null, done: true });
  assert.deepEqual(await fetched(), [ENGINE, TOOLS]);
  const { state } = await storage(browser.context, browser.extensionId);
  assert.deepEqual(state.settings.lead_days, [5, 1]);
  // Its errors come from it too, in words.
  const refused = await send({ type: 'settings', form: { section: 'reminders', lead_days: 'x' } });
  assert.equal(refused.errors[0]?.field, 'lead_days');
  assert.ok(refused.errors[0].message.length > 0 && !/^[a-z_]+$/.test(refused.errors[0].message), refused.errors[0].message);

  // Import and teaching in the same worker: the module is kept, not fetched again.
  const bad = await send({ type: 'import', text: '{"linekeeper_export": 1, "accounts": [{' });
  assert.match(bad.error ?? '', /not valid JSON/);
  const check = await send({ type: 'teach-check', text: '{}' });
  assert.ok(check.check?.error, JSON.stringify(check));
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const tick = { type: 'checklist', account: 't-mobile', step: 1, done: true };
  assert.deepEqual(await popup.evaluate((m) => chrome.runtime.sendMessage(m), tick), { ok: true });
  await popup.close();
  const ticked = (await storage(browser.context, browser.extensionId)).state.checklists;
  assert.ok(JSON.stringify(ticked).includes('[false,true,false,false,false]'), JSON.stringify(ticked));
  assert.deepEqual(await fetched(), [ENGINE, TOOLS], 'instantiated once for the worker');

  // Scans go on with the engine alone.
  await scan(tab, 3, Date.now() - 1);
  assert.deepEqual(await fetched(), [ENGINE, TOOLS]);
  await tab.close();
});

test('a worker stopped and started again scans with the engine only and still handles the rare actions', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const { restarted } = await stopWorkers(page, browser.extensionId);
  // A scan wakes the new worker: the stored state is current, so the engine alone reads it.
  await serve(browser.context, URL_A, accountPage('2.75'));
  const tab = await browser.context.newPage();
  const since = Date.now();
  await tab.goto(URL_A);
  await restarted();
  await scan(tab, 2.75, since);
  assert.deepEqual(await fetched(), [ENGINE], 'a new worker starts with the engine only');

  // An import from the options page: the new worker instantiates the tools module for it.
  const options = await page.evaluate(() => chrome.storage.local.get('state'));
  const account = options.state.accounts.find((a) => a.key === 't-mobile');
  const file = {
    linekeeper_export: 1,
    accounts: [{
      host: 'www.mintmobile.com',
      page_url: 'https://www.mintmobile.com/account',
      read_at_ms: account.read_at_ms,
      snapshot: { ...account.latest, carrier: 'mint' },
    }],
    history: [],
  };
  const imported = await page.evaluate((text) => chrome.runtime.sendMessage({ type: 'import', text }), JSON.stringify(file));
  assert.deepEqual(imported, { errors: [], error: null, done: true });
  const { state } = await storage(browser.context, browser.extensionId);
  assert.deepEqual(state.accounts.map((a) => a.key).sort(), ['mint', 't-mobile']);
  assert.deepEqual(await fetched(), [ENGINE, TOOLS]);
  await tab.close();
  await page.close();
});

test('stored data in an older layout loads the tools module to migrate it; the next worker does not', async () => {
  // Written by another context (as by an older LineKeeper): the worker's copy is dropped.
  const current = (await storage(browser.context, browser.extensionId)).state;
  const old = { ...current, version: 1 };
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  let { restarted } = await stopWorkers(page, browser.extensionId);
  await page.evaluate((old) => chrome.storage.local.set({ state: old }), old);
  // A message starts a new worker, whose first read of the state finds the old layout.
  assert.deepEqual(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'sync' })), { errors: [], error: null, done: true });
  await restarted();
  await until('the migrated state', async () => (await storage(browser.context, browser.extensionId)).state?.version === current.version);
  assert.deepEqual(await fetched(), [ENGINE, TOOLS], 'migration is the tools module’s');

  // Written back in the current layout: the next worker reads it with the engine alone.
  ({ restarted } = await stopWorkers(page, browser.extensionId));
  assert.deepEqual(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'sync' })), { errors: [], error: null, done: true });
  await restarted();
  assert.deepEqual(await fetched(), [ENGINE]);
  await page.close();
});

test('a scan of a page whose host has a taught rule loads the tools module for the rule’s words', async () => {
  // A rule for the test page's host, stored as teaching stores it (the host is a carrier's, so
  // its permission is the manifest's: no grant to fake).
  const rule = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/taught/pebble/rule.json'), 'utf8'));
  const host = new URL(URL_A).host;
  Object.assign(rule, { id: host, name: host, hosts: [host], account_urls: [URL_A] });
  const { state } = await storage(browser.context, browser.extensionId);
  const taught = { ...state, taught: [{ host, rule: JSON.stringify(rule), taught_at_ms: Date.now(), anchors: [] }] };
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const { restarted } = await stopWorkers(page, browser.extensionId);
  await page.evaluate((s) => chrome.storage.local.set({ state: s }), taught);
  await serve(browser.context, URL_A, accountPage('2.5'));
  const tab = await browser.context.newPage();
  await tab.goto(URL_A);
  await restarted();
  const reply = await scanReply(tab);
  // The rule's label words that the content script's built-in vocabulary lacks.
  assert.ok(reply.scan?.words.includes('pebble'), JSON.stringify(reply));
  assert.deepEqual(await fetched(), [ENGINE, TOOLS]);
  // Back to no rule (the rule's content script registration goes with it).
  await page.evaluate((s) => chrome.storage.local.set({ state: s }), state);
  await tab.close();
  await page.close();
});
