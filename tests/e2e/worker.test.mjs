// The worker's scan path (issue 3's speed work): the reply (the badge) goes as soon as Rust
// has read the page and the storage writes are issued; the worker keeps the stored state
// and who it is for the message decoder as copies for its lifetime. These tests check that
// nothing is lost or stale because of that: a worker stopped right after a scan, scans in
// quick succession, a state written by another context, and a change of permissions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, storage, until, dayFromToday, inExtension as inExtensionPage } from './harness.mjs';

const URL_A = 'https://www.t-mobile.com/account/worker-test';
// A site no profile covers: read only while the browser grants it (as a taught site is).
const SITE = 'https://my.lineowner.example';
const SITE_URL = `${SITE}/account`;
const renews = dayFromToday(13);

/** A T-Mobile account card: line 4821 with `gb` GB left (the figure in #left). */
const page = (gb) => `<!doctype html><html lang="en-US"><head><title>My Account | T-Mobile</title></head><body>
<main><section class="card"><h2>Your line</h2><div>Line <span>(•••) •••-4821</span></div>
<div class="plan">Prepaid Connect</div><p><span id="left">${gb} GB</span> remaining of 5 GB</p>
<div class="kv"><span>Account balance</span><span>$0.00</span></div>
<div class="kv"><span>Plan renews</span><span>${renews.long}</span></div></section></main></body></html>`;

/** MB for `gb` GB (1 GB = 1024 MB), to the hundredth (the stored figures are f64). */
const mb = (gb) => Math.round(gb * 1024 * 100) / 100;
const round = (v) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);

/** The data left (MB) of line 4821 at each point of a stored history string, in order. */
function remainingInHistory(history) {
  if (Array.isArray(history)) return history.map((p) => round(p.lines.find((l) => l[0] === '4821')?.[1]));
  return history.split(';').map((point) => {
    const line = point.split(',').find((part) => part.startsWith('4821:'));
    return line ? round(Number(line.split(':')[1])) : null;
  });
}

let browser;
let drops = []; // the worker's "message dropped" warnings
before(async () => {
  browser = await launch();
  browser.context.on('console', (m) => {
    if (m.text().includes('message dropped')) drops.push(m.text());
  });
});
after(async () => {
  await browser?.close();
});

/** Runs `fn` in an extension page (options.html) and returns its result. */
const inExtension = (fn, arg) => inExtensionPage(browser.context, browser.extensionId, fn, arg);

/** The stored account `t-mobile` once a scan after `since` is in it. */
const storedAfter = (since, check = () => true) =>
  until('the scan to be stored', async () => {
    const { state } = await storage(browser.context, browser.extensionId);
    const account = state?.accounts?.find((a) => a.key === 't-mobile' && a.read_at_ms > since);
    return account && check(account) ? account : null;
  });

const leftOf = (account) => round(account.latest.lines.find((l) => l.number_last4 === '4821')?.data?.remaining_mb);

test('a worker stopped the moment the badge is drawn has the record stored; the next worker goes on from it', async () => {
  await serve(browser.context, URL_A, page('3.42'));
  const tab = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(tab);
  await cdp.send('ServiceWorker.enable');
  let stopped = null;
  // The badge's host element joins <html> when the reply is drawn: stop every worker then.
  await tab.exposeFunction('badgeDrawn', () => {
    stopped ??= cdp.send('ServiceWorker.stopAllWorkers');
  });
  await tab.addInitScript(() => {
    new MutationObserver((records) => {
      if (records.some((r) => [...r.addedNodes].some((n) => n.parentNode === document.documentElement && n.localName === 'div'))) {
        window.badgeDrawn();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const since = Date.now();
  await tab.goto(URL_A);
  await until('the badge to be drawn', () => stopped);
  await stopped;
  // A new worker (started by the extension page reading storage) finds the record.
  const first = await storedAfter(since);
  assert.equal(leftOf(first), mb(3.42));
  // The page changes: the new worker reads storage (no copy of its own yet) and adds to it.
  await tab.evaluate(() => {
    document.getElementById('left').firstChild.data = '3.41 GB';
  });
  const next = await storedAfter(first.read_at_ms, (a) => leftOf(a) === mb(3.41));
  const left = remainingInHistory(next.history);
  assert.deepEqual(left.slice(-2), [mb(3.42), mb(3.41)], `history: ${JSON.stringify(left)}`);
  await cdp.detach();
  await tab.close();
});

test('scans in quick succession are all stored, in order (the reply does not wait for the write)', async () => {
  await serve(browser.context, URL_A, page('3.30'));
  const tab = await browser.context.newPage();
  const since = Date.now();
  await tab.goto(URL_A);
  const first = await storedAfter(since, (a) => leftOf(a) === mb(3.3));
  // Four changes 60 ms apart: each scan is sent as soon as the one before it is answered,
  // while the worker may still be writing that one.
  await tab.evaluate(async () => {
    const left = document.getElementById('left').firstChild;
    for (const gb of ['3.29', '3.28', '3.27', '3.26']) {
      left.data = `${gb} GB`;
      await new Promise((r) => setTimeout(r, 60));
    }
  });
  const last = await storedAfter(first.read_at_ms, (a) => leftOf(a) === mb(3.26));
  const left = remainingInHistory(last.history);
  const seen = left.slice(left.lastIndexOf(mb(3.3)));
  // Every value stored is one the page showed, in the page's order, ending with the last.
  const shown = [3.3, 3.29, 3.28, 3.27, 3.26].map(mb);
  assert.ok(seen.length >= 2, `history: ${JSON.stringify(left)}`);
  let at = 0;
  for (const v of seen) {
    const i = shown.indexOf(v, at);
    assert.ok(i >= 0, `out of order or unknown: ${JSON.stringify(seen)}`);
    at = i + 1;
  }
  assert.equal(seen[seen.length - 1], mb(3.26));
  await tab.close();
});

test('a state written by another context replaces the worker’s copy before the next scan', async () => {
  await serve(browser.context, URL_A, page('2.50'));
  const tab = await browser.context.newPage();
  const since = Date.now();
  await tab.goto(URL_A);
  const stored = await storedAfter(since, (a) => leftOf(a) === mb(2.5));
  // Another context writes the state: the account with an older reading marked 1 234 MB.
  const marked = { ...stored, history: `${stored.read_at_ms - 86_400_000},${dayFromToday(-1).iso},${renews.iso},4821:1234:` };
  await inExtension(async (account) => {
    const { state } = await chrome.storage.local.get('state');
    state.accounts = [account];
    await chrome.storage.local.set({ state });
  }, marked);
  await tab.evaluate(() => {
    document.getElementById('left').firstChild.data = '2.49 GB';
  });
  const next = await storedAfter(stored.read_at_ms, (a) => leftOf(a) === mb(2.49));
  assert.deepEqual(remainingInHistory(next.history), [1234, mb(2.49)], 'the scan went on from the state the other context wrote');
  await tab.close();
});

test('a change of permissions reaches the message check at once (the worker’s copy is dropped)', async () => {
  await serve(browser.context, URL_A, page('1.50'));
  await serve(browser.context, SITE_URL, page('1.00'));
  // The worker has checked a message already (its copy of the granted sites is made).
  const tab = await browser.context.newPage();
  const since = Date.now();
  await tab.goto(URL_A);
  await storedAfter(since);
  await tab.close();
  // The user grants the site (chrome://extensions), and the content script is registered
  // for it, as teaching does.
  // (On chrome://extensions, then the extension's request is answered without a dialog; a
  // request needs a click.)
  const ext = await browser.context.newPage();
  await ext.goto('chrome://extensions');
  await ext.evaluate(([id, origin]) => chrome.developerPrivate.addHostPermission(id, origin), [browser.extensionId, `${SITE}/*`]);
  await ext.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await ext.evaluate((origin) => {
    const button = document.createElement('button');
    button.id = 'grant';
    button.onclick = () => chrome.permissions.request({ origins: [origin] });
    document.body.append(button);
  }, `${SITE}/*`);
  await ext.click('#grant');
  await until('the grant', () => ext.evaluate((origin) => chrome.permissions.contains({ origins: [origin] }), `${SITE}/*`));
  await ext.close();
  await inExtension((origin) => chrome.scripting.registerContentScripts([
    { id: 'worker-test', matches: [origin], js: ['content.js'], runAt: 'document_idle' },
  ]), `${SITE}/*`);
  const site = await browser.context.newPage();
  await site.goto(SITE_URL);
  const scanned = () => inExtension(async (url) => Object.values(await chrome.storage.session.get(null)).filter((s) => s.url === url).length, SITE_URL);
  await until('the granted site’s scan to be accepted', scanned);
  // The grant is taken back: the open page's next scan is refused by the message check
  // (not only ignored later), and nothing more is recorded for it.
  await inExtension(async (origin) => {
    await chrome.scripting.unregisterContentScripts({ ids: ['worker-test'] });
    await chrome.permissions.remove({ origins: [origin] });
  }, `${SITE}/*`);
  await inExtension(() => chrome.storage.session.clear());
  drops = [];
  await site.evaluate(() => dispatchEvent(new PopStateEvent('popstate')));
  await until('the scan to be dropped by the message check', () => drops.find((d) => d.includes(SITE.replace('https://', ''))));
  assert.equal(await scanned(), 0);
  await site.close();
});
