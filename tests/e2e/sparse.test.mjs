// The sparse walk (extension/content.js, contract in src/page.rs): on a large page only the
// neighbourhoods of anchors are walked and sent, yet the result is the native scanner's
// result for the whole page; hidden ancestors far above a neighbourhood still hide it; and
// words of a profile that is not built in, sent in the worker's scan reply, are looked for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, currentWorker, ROOT, DIST } from './harness.mjs';
import { activityRows, ACCOUNT_CARD } from '../bench/common.mjs';

const BIN = process.env.LINEKEEPER_BIN || join(ROOT, 'target/debug/linekeeper');
const PAGES = join(ROOT, 'target/test-pages/sparse');

let browser;
before(async () => {
  mkdirSync(PAGES, { recursive: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function localDate() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const shell = (body) =>
  `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>My Account | T-Mobile</title></head><body>
  <header><nav><a href="/account">Account</a> <a href="/usage">Usage</a> <a href="/help">Help</a></nav></header>
  <main>${body}</main><footer><p>© 2026 T-Mobile USA</p></footer></body></html>`;

/** Native scan of `html` (the whole page, the reference). */
function nativeScan(name, html, url) {
  const file = join(PAGES, `${name}.html`);
  writeFileSync(file, html);
  return JSON.parse(execFileSync(BIN, ['scan', file, '--url', url, '--today', localDate()], { encoding: 'utf8' }));
}

/**
 * Opens `url` (serving `html`) and returns the page snapshots the content script sent (JSON
 * text, recorded by a listener added to the worker for the test) and the worker's last
 * recorded scan of the page.
 */
async function browserScan({ context, extensionId }, url, html, { scans = 1 } = {}) {
  await serve(context, url, html);
  const worker = await currentWorker(context);
  await worker.evaluate(async () => {
    globalThis.__pages = [];
    if (!globalThis.__recording) {
      globalThis.__recording = true;
      // Scans come through the content script's port.
      chrome.runtime.onConnect.addListener((port) => {
        port.onMessage.addListener((m) => {
          if (m?.message?.type === 'scan') globalThis.__pages.push(m.message.page);
        });
      });
    }
    await chrome.storage.session.clear();
  });
  const tab = await context.newPage();
  await tab.goto(url);
  const viewer = await context.newPage();
  await viewer.goto(`chrome-extension://${extensionId}/options.html`);
  let record;
  let pages = [];
  for (let i = 0; i < 150; i++) {
    const all = await viewer.evaluate(() => chrome.storage.session.get(null));
    record = Object.values(all).find((s) => s.url === url);
    pages = await worker.evaluate(() => globalThis.__pages);
    if (record && pages.length >= scans) break;
    await viewer.waitForTimeout(100);
  }
  await viewer.close();
  await tab.close();
  assert.ok(record, `no scan of ${url} reached the worker`);
  return { snapshot: record.snapshot, pages: pages.map(readLines) };
}

/**
 * A page snapshot as the content script sends it (lines of tab-separated fields, src/page.rs)
 * as `{nodes: [{x} | {t, a}]}`, what these tests look at (attribute values left escaped).
 */
function readLines(text) {
  const nodes = text.split('\n').slice(2).map((line) => {
    const [, tag, ...rest] = line.split('\t');
    if (!tag) return { x: rest.join('\t') };
    const a = {};
    for (let i = 1; i + 1 < rest.length; i += 2) a[rest[i]] = rest[i + 1];
    return { t: tag, a };
  });
  return { nodes };
}

const domNodes = (nodes) => Math.round(nodes / 1000) * 1000;

test('a large page: the account card after a long history is read from a small snapshot, as natively', async () => {
  const url = 'https://www.t-mobile.com/account/sparse-history-first';
  const html = shell(`<section><h2>Activity</h2><ul class="activity">${activityRows(20000)}</ul></section>${ACCOUNT_CARD}`);
  const native = nativeScan('history-first', html, url);
  assert.equal(native.status, 'ok');
  assert.equal(native.balance.amount, '0.00');
  assert.equal(native.lines[0].data.remaining_mb, 3502.08);
  const { snapshot, pages } = await browserScan(browser, url, html);
  assert.deepEqual(snapshot, native, 'the browser result differs from the native scan of the whole page');
  const sent = pages[pages.length - 1].nodes.length;
  assert.ok(sent < domNodes(20000) / 10, `sent ${sent} nodes of a ~20 000-node page`);
  // The history is long: each key is read in its first places only, not all 2 000 rows.
  const rows = pages[pages.length - 1].nodes.filter((n) => n.a?.class === 'activity__row').length;
  assert.ok(rows > 0 && rows < 200, `${rows} history rows sent`);
});

test('a history of 100 000 nodes before the card: the search, narrowed past the keys the history repeats, still finds the card', async () => {
  // Past their 32 places the history's keys (`Data`, `$`, masked numbers) are left out of
  // the search (content.js, searchOn); the card's own words (`remaining`, `balance`,
  // `renews`) are found after 500 KB of text.
  const url = 'https://www.t-mobile.com/account/sparse-narrowed';
  const html = shell(`<section><h2>Activity</h2><ul class="activity">${activityRows(100000)}</ul></section>${ACCOUNT_CARD}`);
  const native = nativeScan('narrowed', html, url);
  assert.equal(native.balance.amount, '0.00');
  assert.equal(native.lines[0].data.remaining_mb, 3502.08);
  const { snapshot, pages } = await browserScan(browser, url, html);
  assert.deepEqual(snapshot, native, 'the browser result differs from the native scan of the whole page');
  const texts = pages[pages.length - 1].nodes.filter((n) => n.x).map((n) => n.x);
  assert.ok(texts.includes('Plan renews') && texts.includes('3.42 GB'), 'the card after the history was not sent');
});

for (const [how, attr] of [
  ['display:none', 'style="display:none"'],
  ['the hidden attribute', 'hidden'],
  ['aria-hidden="true"', 'aria-hidden="true"'],
]) {
  test(`an ancestor far above the neighbourhood hidden by ${how} still hides it`, async () => {
    const url = `https://www.t-mobile.com/account/sparse-hidden-${attr.split('=')[0]}`;
    // The hidden card sits six levels below its hidden ancestor, beside a history large
    // enough that the neighbourhood of its words stops well below that ancestor.
    const hidden = '<section class="card"><h2>Other line</h2><div class="kv"><span>Account balance</span><span>$97.31</span></div><div class="kv"><span>Plan renews</span><span>Jan 23, 2027</span></div><p><span>7.5 GB</span> remaining of 10 GB</p></section>';
    const html = shell(
      `<div ${attr}><div class="wrap"><div class="inner"><div class="grid"><div class="col">${hidden}</div></div></div></div>` +
        `<div class="wrap2"><ul class="activity">${activityRows(3000)}</ul></div></div>` +
        `${ACCOUNT_CARD}`,
    );
    const native = nativeScan(`hidden-${attr.split('=')[0]}`, html, url);
    assert.equal(native.balance.amount, '0.00');
    const { snapshot, pages } = await browserScan(browser, url, html);
    assert.deepEqual(snapshot, native, 'the browser result differs from the native scan of the whole page');
    const text = pages.map((p) => JSON.stringify(p)).join('');
    assert.ok(!text.includes('97.31') && !text.includes('7.5 GB'), 'a hidden value was sent');
  });
}

test('a label and a value far apart: read neither natively nor in the browser, or read the same', async () => {
  const url = 'https://www.t-mobile.com/account/sparse-far-apart';
  // The label heads one block; the value stands alone after a long unrelated block: the
  // extractor pairs a heading label only with values at most four rows after it, so the
  // two are not a pair in the whole page — and must not become one because the walk left
  // the block between them out.
  const filler = Array.from({ length: 12 }, (_, i) => `<p>Tip ${i + 1}: keep your contact details correct so we can reach you.</p>`).join('');
  const html = shell(
    `${ACCOUNT_CARD.replace('<div class="kv"><span>Account balance</span><span>$0.00</span></div>', '')}` +
      `<div class="box"><h3>Account balance</h3></div><div class="tips">${filler}</div><div class="box"><span>$42.17</span></div>` +
      `<ul class="activity">${activityRows(3000)}</ul>`,
  );
  const native = nativeScan('far-apart', html, url);
  const { snapshot, pages } = await browserScan(browser, url, html);
  if (process.env.DUMP) writeFileSync('/tmp/proto/far-pages.json', JSON.stringify(pages, null, 1));
  assert.deepEqual(snapshot, native, 'the browser result differs from the native scan of the whole page');
});

/** Waits for a recorded scan of `url` whose snapshot satisfies `ok`. */
async function waitForScan({ context, extensionId }, url, ok) {
  const viewer = await context.newPage();
  try {
    await viewer.goto(`chrome-extension://${extensionId}/options.html`);
    for (let i = 0; i < 150; i++) {
      const all = await viewer.evaluate(() => chrome.storage.session.get(null));
      const record = Object.values(all).find((s) => s.url === url);
      if (record && ok(record.snapshot)) return record.snapshot;
      await viewer.waitForTimeout(100);
    }
    throw new Error(`no scan of ${url} as expected`);
  } finally {
    await viewer.close();
  }
}

test('a large live page: what is added or shown later is read, searching only what changed', async () => {
  const url = 'https://www.t-mobile.com/account/sparse-live';
  const history = `<section><h2>Activity</h2><ul class="activity">${activityRows(20000)}</ul></section>`;
  const hiddenCard = '<section class="card extra" style="display:none"><h2>Bill</h2><div class="kv"><span>Amount due</span><span>$12.34</span></div></section>';
  const html = shell(`<div id="slot"></div>${history}${hiddenCard}`);
  // The final page, for the native reference: the card inserted, the hidden one shown.
  const final = shell(`<div id="slot">${ACCOUNT_CARD.replace('$0.00', '$7.50')}</div>${history}${hiddenCard.replace(' style="display:none"', '')}`);
  const native = nativeScan('live-final', final, url);
  await serve(browser.context, url, html);
  const tab = await browser.context.newPage();
  await tab.goto(url);
  await waitForScan(browser, url, (s) => s.status === 'no_data' || s.status === 'ok');
  // The account card arrives late (an SPA's fetch), then a hidden card is shown (a class or
  // style change: its words were anchors from the start, the walk checks visibility).
  await tab.evaluate((card) => document.getElementById('slot').insertAdjacentHTML('beforeend', card), ACCOUNT_CARD.replace('$0.00', '$7.50'));
  await waitForScan(browser, url, (s) => s.lines.length === 1);
  await tab.evaluate(() => document.querySelector('.card.extra').style.removeProperty('display'));
  const snapshot = await waitForScan(browser, url, (s) => JSON.stringify(s).includes('12.34'));
  await tab.close();
  assert.deepEqual(snapshot, native, 'the browser result differs from the native scan of the final page');
});

test('web components on a large page: a closed shadow root drawn late and slotted values are read as drawn, as natively', async () => {
  // The card's words live in a closed shadow root the page attaches after load (a custom
  // element defined late: nothing in the page's own tree changes, as with Lit); its values are
  // slotted light-DOM children; a light child assigned to no slot is not drawn. A second
  // host is declarative (open), with a slot showing its fallback. The native reference is
  // the same page with the closed root written as declarative shadow DOM.
  const url = 'https://www.t-mobile.com/account/sparse-web-components';
  const tree = ACCOUNT_CARD.replace('<span>(•••) •••-4821</span>', '<slot name="number"></slot>')
    .replace('<span>3.42 GB</span>', '<slot name="left"></slot>')
    .replace('Prepaid Connect', '<slot name="plan">Plan</slot>');
  const light = '<span slot="number">(•••) •••-4821</span><span slot="left">3.42 GB</span><span slot="plan">Prepaid Connect</span><span>Bonus 9.99 GB</span>';
  const note = '<usage-note><template shadowrootmode="open"><p>Usage as of <slot name="when">today</slot></p></template><span>not drawn 7.77 GB</span></usage-note>';
  const history = `<section><h2>Activity</h2><ul class="activity">${activityRows(20000)}</ul></section>`;
  const script = `<script>setTimeout(() => customElements.define('line-card', class extends HTMLElement {
    constructor() { super(); this.attachShadow({ mode: 'closed' }).innerHTML = ${JSON.stringify(tree)}; }
  }), 1500);</script>`;
  const html = shell(`<line-card>${light}</line-card>${note}${history}${script}`);
  const native = nativeScan('web-components', shell(`<line-card><template shadowrootmode="closed">${tree}</template>${light}</line-card>${note}${history}`), url);
  assert.equal(native.lines[0].data.remaining_mb, 3502.08);
  assert.equal(native.lines[0].plan, 'Prepaid Connect');
  assert.equal(native.balance.amount, '0.00');
  await serve(browser.context, url, html);
  const tab = await browser.context.newPage();
  await tab.goto(url);
  const snapshot = await waitForScan(browser, url, (s) => s.balance?.amount === '0.00');
  await tab.close();
  assert.deepEqual(snapshot, native, 'the browser result differs from the native scan of the composed page');
});

test('a part of a large page rendered again and again is still read (its words do not use up their places)', async () => {
  const url = 'https://www.t-mobile.com/account/sparse-rerender';
  const history = `<section><h2>Activity</h2><ul class="activity">${activityRows(10000)}</ul></section>`;
  await serve(browser.context, url, shell(`<div id="slot"></div>${history}`));
  const tab = await browser.context.newPage();
  await tab.goto(url);
  // More renders than a key has places (32): each replaces the card with a fresh copy.
  for (let i = 10; i < 50; i++) {
    const amount = `7.${i}`;
    await tab.evaluate((card) => document.getElementById('slot').replaceChildren(document.createRange().createContextualFragment(card)), ACCOUNT_CARD.replace('$0.00', `$${amount}`));
    await waitForScan(browser, url, (s) => s.balance?.amount === amount);
  }
  await tab.close();
});

test('words of a profile that is not built in, sent in the scan reply, are looked for too', async () => {
  // A test copy whose worker adds a taught word and element to every scan reply, as it does
  // for user-taught rules: the content script reads the page again with them.
  const dir = join(ROOT, 'target/test-ext/taught-words');
  rmSync(dir, { recursive: true, force: true });
  cpSync(DIST, dir, { recursive: true });
  const bg = readFileSync(join(dir, 'background.js'), 'utf8');
  const hook = 'if (result.scan.words.length || result.scan.elements.length) reply.scan = result.scan;';
  assert.ok(bg.includes(hook), 'background.js no longer has the scan reply line this test patches');
  writeFileSync(join(dir, 'background.js'), bg.replace(hook, "reply.scan = { words: ['zorbleflux'], elements: ['span#pocket.amount'] };"));
  const taught = await launch({ dist: dir });
  try {
    const url = 'https://www.t-mobile.com/account/sparse-taught';
    const html = shell(
      `${ACCOUNT_CARD}<ul class="activity">${activityRows(3000)}</ul>` +
        '<div class="far"><div><p>Zorbleflux 17</p></div></div><ul class="activity">' +
        `${activityRows(3000)}</ul><div class="far2"><span id="pocket" class="amount">Pocket 23</span></div>`,
    );
    const { pages } = await browserScan(taught, url, html, { scans: 2 });
    const texts = (p) => p.nodes.filter((n) => n.x).map((n) => n.x);
    assert.ok(!texts(pages[0]).includes('Zorbleflux 17'), 'the first read had no reason to send it');
    assert.ok(texts(pages[1]).includes('Zorbleflux 17'), 'a taught word was not looked for');
    assert.ok(texts(pages[1]).includes('Pocket 23'), "a taught anchor's element was not sent");
  } finally {
    await taught.close();
  }
});
