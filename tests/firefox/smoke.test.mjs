// Firefox proven: headless Firefox ESR, driven by puppeteer-core over WebDriver BiDi (no
// geckodriver). The built dist/firefox installs (BiDi webExtension.install, as a temporary
// add-on), its content script reads the demo carrier page served at the real carrier URL
// (request interception: nothing reaches the network), the badge shows, and the record is
// stored in the extension's storage; a settings change loads the worker's tools module.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.LINEKEEPER_DIST_FIREFOX || join(ROOT, 'dist/firefox');
const FIREFOX = process.env.LINEKEEPER_FIREFOX || '/usr/bin/firefox-esr';
const SHOTS = join(ROOT, 'target/screenshots');
const DEMO_URL = 'https://www.t-mobile.com/account';
const ADDON_ID = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
// The extension's internal UUID, fixed by a preference so the test can open its pages.
const UUID = '5b1d0c2e-7c5a-4d7e-9a53-3f0e8f1c2a11';
const EXT_ORIGIN = `moz-extension://${UUID}`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function demoPage() {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + 13);
  const long = `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`;
  return readFileSync(join(ROOT, 'www/demo/index.html'), 'utf8').replaceAll('{{RENEWS_LONG}}', long);
}

let browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    // Lets the test open the extension's own page (moz-extension://) to read its storage;
    // the extension itself runs as it would for a user.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      // Nothing of Firefox's own reaches out either.
      'network.dns.disableIPv6': true,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
});
after(async () => {
  await browser?.close();
});

/** `promise`, or a rejection after `ms`. */
function within(promise, ms) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Opens one of the extension's pages and waits until Rust has drawn it. */
async function extensionPage(name) {
  const page = await browser.newPage();
  const url = `${EXT_ORIGIN}/${name}`;
  // Firefox's BiDi reports no navigation to a moz-extension page, and puppeteer's
  // waitForFunction, started on the blank page the tab opens with, can stay tied to that
  // ended realm ('Waiting failed' until the deadline: 1 run in about 10). So the test asks
  // the page itself, one short evaluation at a time (each runs in the tab's current
  // document), and navigates again if the tab is still blank after a while.
  // 30 s: on a loaded 2-core machine the first page of a fresh profile once took over 15 s.
  const deadline = Date.now() + 30000;
  let navigated = 0;
  let there = false;
  let last = null;
  while (Date.now() < deadline) {
    if (!there && Date.now() >= navigated + 10000) {
      page.goto(url, { timeout: 30000 }).catch(() => {});
      navigated = Date.now();
    }
    try {
      const state = await within(page.evaluate(() => ({ url: location.href, ready: document.body?.dataset.ready ?? null })), 2000);
      last = state;
      there = state.url.startsWith(EXT_ORIGIN);
      if (there && state.ready) return page;
    } catch (error) {
      last = String(error?.message ?? error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not drawn in 30 s (last seen: ${JSON.stringify(last)})`);
}

/** Everything in the extension's storage.local, read from its options page. */
async function storage() {
  const page = await extensionPage('options.html');
  try {
    return await page.evaluate(() => browser.storage.local.get(null));
  } finally {
    await page.close();
  }
}

test('Firefox ESR: the extension installs, reads a carrier page, shows the badge, stores the record', async () => {
  // BiDi webExtension.install (browser.installExtension) needs Firefox 138 or later.
  const version = await browser.version();
  const major = Number(/(\d+)\./.exec(version)?.[1]);
  assert.ok(/firefox/i.test(version) && major >= 138, version);
  const id = await browser.installExtension(DIST);
  assert.equal(id, ADDON_ID);

  const page = await browser.newPage();
  await page.setRequestInterception(true);
  const html = demoPage();
  page.on('request', (request) => {
    if (request.url().split(/[?#]/)[0] === DEMO_URL) {
      request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else {
      request.abort();
    }
  });
  await page.goto(DEMO_URL);

  // The badge: drawn in a closed shadow root the page cannot read, so it is found by what
  // the page sees: a host element (an empty div on <html>) covering a badge-sized area.
  await page.waitForFunction(() => [...document.documentElement.children].some((e) => e.tagName === 'DIV'), { timeout: 20000, polling: 200 });
  const box = await page.evaluate(() => {
    const host = [...document.documentElement.children].find((e) => e.tagName === 'DIV');
    const hit = { minX: Infinity, minY: Infinity, maxX: -1, maxY: -1 };
    for (let y = 0; y < innerHeight; y += 4) {
      for (let x = 0; x < innerWidth; x += 4) {
        if (document.elementFromPoint(x, y) !== host) continue;
        hit.minX = Math.min(hit.minX, x); hit.minY = Math.min(hit.minY, y);
        hit.maxX = Math.max(hit.maxX, x); hit.maxY = Math.max(hit.maxY, y);
      }
    }
    return { ...hit, empty: host.childNodes.length === 0 && !host.shadowRoot };
  });
  assert.ok(box.empty, 'the page sees no badge content (closed shadow root)');
  assert.ok(box.maxX - box.minX > 100 && box.maxY - box.minY >= 16, JSON.stringify(box));
  // Expanded by a click (a trusted event), it shows its details.
  await page.mouse.click((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
  await page.waitForFunction((h) => {
    const host = [...document.documentElement.children].find((e) => e.tagName === 'DIV');
    let rows = 0;
    for (let y = 0; y < innerHeight; y += 4) if (document.elementFromPoint((h.minX + h.maxX) / 2, y) === host) rows++;
    return rows * 4 > (h.maxY - h.minY) * 2;
  }, { timeout: 5000 }, box);
  await page.screenshot({ path: join(SHOTS, 'firefox-badge.png') });

  // The record, stored by the worker (Rust in Firefox's background page).
  let state;
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    ({ state } = await storage());
    if (state?.accounts?.length) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(state?.version, 2, JSON.stringify(state));
  const account = state.accounts[0];
  assert.equal(account.key, 't-mobile');
  assert.equal(account.page_url, DEMO_URL);
  assert.equal(account.latest.lines[0].number_last4, '4821');
  assert.equal(account.latest.lines[0].data.remaining_mb, 3502.08);
  await page.close();

  // The toolbar popup's page draws the stored record (the UI wasm runs in Firefox too).
  const popup = await extensionPage('popup.html');
  const text = await popup.evaluate(() => document.body.dataset.ready === 'true' && document.querySelector('main')?.textContent);
  assert.match(text || '', /4821/);
  await popup.close();

  // A settings change from the options page: the background instantiates the tools module
  // (crates/linekeeper-tools) on this first use, and the setting is stored.
  const options = await extensionPage('options.html');
  const reply = await options.evaluate(() =>
    browser.runtime.sendMessage({ type: 'settings', form: { section: 'reminders', reminders: 'on', lead_days: '5, 1' } }));
  assert.deepEqual(reply, { errors: [], error: null, done: true });
  await options.close();
  assert.deepEqual((await storage()).state.settings.lead_days, [5, 1]);
});
