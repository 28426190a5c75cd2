// Zero network: every request made by the extension's own contexts — its service worker,
// the popup and options pages, and the content script's activity on a carrier page — is
// recorded over a full run (scan of the demo carrier page with its badge, popup with a
// checklist tick, options with a settings change, a reminder firing), and there must be none.
// The recorder is Playwright's context-level request event, which Chromium reports for pages
// and for service workers (`request.serviceWorker()`); a self-check makes a deliberate request
// from each kind of context and proves the recorder catches all three, so the test can fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, serve, demoPage, DEMO_URL, waitForAccount, waitForBadge, openPopup, currentWorker, inContentScript,
} from './harness.mjs';

const NETWORK = /^(https?|wss?|ftp):/i;
let browser;
let carrierPages; // pages showing a carrier site: only their own document is theirs
let requests; // every request seen, with where it came from

function record(request) {
  const worker = request.serviceWorker();
  let frameUrl = '';
  if (!worker) {
    try {
      frameUrl = request.frame().url();
    } catch {
      frameUrl = '';
    }
  }
  let page = null;
  try {
    page = worker ? null : request.frame().page();
  } catch {
    page = null;
  }
  requests.push({
    url: request.url(),
    from: worker ? `service worker ${worker.url()}` : frameUrl || '(unknown frame)',
    worker: !!worker,
    page,
    navigation: request.isNavigationRequest(),
  });
}

/**
 * Requests made by the extension's contexts to the network: any from its service worker or
 * its own pages (files of the extension itself, chrome-extension://, are not network), and
 * any from a carrier page other than that page's own navigation (the demo page loads
 * nothing else, so anything more is the content script's doing).
 */
function extensionRequests(extensionId) {
  const own = `chrome-extension://${extensionId}/`;
  return requests.filter((r) => {
    if (!NETWORK.test(r.url)) return false;
    if (r.worker) return r.from.includes(own);
    if (r.from.startsWith(own)) return true;
    if (r.page && carrierPages.has(r.page)) return !(r.navigation && r.url.startsWith(DEMO_URL));
    return r.from === '(unknown frame)';
  });
}

before(async () => {
  browser = await launch();
  requests = [];
  carrierPages = new Set();
  browser.context.on('request', record);
});
after(async () => {
  await browser?.close();
});

const pad = (n) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

test('a full run (scan, badge, popup, options, a reminder firing) makes no request at all', async () => {
  const { context, extensionId } = browser;
  // Options: remind on the renewal day, a few seconds from now.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector('body[data-ready]');
  const at = new Date(Date.now() + 6000);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  const saved = await options.evaluate((form) => chrome.runtime.sendMessage({ type: 'settings', form }),
    { section: 'reminders', reminders: 'on', lead_days: '0', remind_at: time });
  assert.deepEqual(saved.errors, []);

  // Scan: the demo carrier page at its real URL, renewing on that day; the badge shows.
  const { html } = demoPage();
  const renews = `${MONTHS[at.getMonth()]} ${at.getDate()}, ${at.getFullYear()}`;
  await serve(context, DEMO_URL, html.replace(/[A-Z][a-z]{2} \d{1,2}, \d{4}/g, renews));
  const page = await context.newPage();
  carrierPages.add(page);
  await page.goto(DEMO_URL);
  await waitForBadge(page, /GB left/);
  await waitForAccount(context, extensionId, 't-mobile');

  // Popup: drawn from the record; tick a checklist step (a message to the worker).
  const popup = await openPopup(context, extensionId);
  await popup.click('input[data-step="0"]');
  await popup.waitForFunction(async () => (await chrome.storage.local.get('state')).state.checklists?.[0]?.done?.[0] === true);

  // The reminder fires (chrome.alarms wakes the worker, which shows a notification).
  const key = `lead|t-mobile|${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}|0`;
  await options.waitForFunction(async (k) => !!(await chrome.notifications.getAll())[k], key, { timeout: 30000, polling: 250 });
  await options.reload();
  await options.waitForSelector('body[data-ready]');

  // The recorder saw this run (the carrier page's own document at least) …
  assert.ok(requests.some((r) => r.url.startsWith(DEMO_URL) && r.navigation), 'the recorder saw the page load');
  assert.ok(requests.some((r) => r.from.startsWith(`chrome-extension://${extensionId}/`)), 'and the extension pages load their files');
  // … and nothing from the extension went to the network.
  assert.deepEqual(extensionRequests(extensionId), []);
  await Promise.all([popup.close(), page.close(), options.close()]);
});

test('self-check: a deliberate request from the worker, an extension page and the content script is caught', async () => {
  const { context, extensionId } = browser;
  const before = requests.length;
  const worker = await currentWorker(context);
  await worker.evaluate(() => fetch('https://probe.invalid/from-worker').catch(() => null));
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.evaluate(() => fetch('https://probe.invalid/from-page').catch(() => null));
  const page = await context.newPage();
  carrierPages.add(page);
  await page.goto(DEMO_URL);
  await inContentScript(page, () => fetch('https://probe.invalid/from-content-script').then(() => 1, () => 0));
  const deadline = Date.now() + 10000;
  let caught = [];
  while (Date.now() < deadline) {
    caught = extensionRequests(extensionId).map((r) => new URL(r.url).pathname).sort();
    if (caught.length >= 3) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(caught, ['/from-content-script', '/from-page', '/from-worker'], JSON.stringify(requests.slice(before), (k, v) => (k === 'page' ? undefined : v)));
  await Promise.all([options.close(), page.close()]);
});
