// Shared Playwright harness: one Chromium with the built extension (dist/chrome), pages
// served at the real carrier URLs with context.route (so the production match patterns
// are what is tested), and helpers to read the worker's storage and to stop the worker.
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.LINEKEEPER_DIST || join(ROOT, 'dist/chrome');
export const CHROMIUM = process.env.LINEKEEPER_CHROMIUM || '/usr/bin/chromium';
export const DEMO_URL = 'https://www.t-mobile.com/account';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local date `days` from now, as {iso, long}. */
export function dayFromToday(days) {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return {
    iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    long: `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`,
  };
}

/** The demo account page, its renewal date 13 days from today. */
export function demoPage() {
  const renews = dayFromToday(13);
  const html = readFileSync(join(ROOT, 'www/demo/index.html'), 'utf8').replaceAll('{{RENEWS_LONG}}', renews.long);
  return { html, renews };
}

/**
 * Launches Chromium with the extension. Every request to the outside is refused unless a
 * test serves it: nothing here reaches the network.
 */
export async function launch({ headless = true, locale = 'en-US', dist = DIST } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'linekeeper-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    headless,
    executablePath: CHROMIUM,
    locale,
    viewport: { width: 1280, height: 860 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-quic',
      `--lang=${locale}`,
    ],
  });
  await context.route(/^https?:\/\//, (route) => route.abort('blockedbyclient'));
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 20000 });
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, extensionId, close };
}

/** Serves `html` at `url` (exact URL, any query), with optional extra headers. */
export async function serve(context, url, html, headers = {}) {
  const pattern = new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\?.*)?$`);
  await context.route(pattern, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html }),
  );
}

/** The extension's current service worker (waiting for a restarted one if needed). */
export async function currentWorker(context) {
  const workers = context.serviceWorkers();
  if (workers.length) return workers[workers.length - 1];
  return context.waitForEvent('serviceworker', { timeout: 20000 });
}

/** Everything in chrome.storage.local, read from an extension page. */
export async function storage(context, extensionId) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return await page.evaluate(() => chrome.storage.local.get(null));
  } finally {
    await page.close();
  }
}

/** Runs `fn(arg)` in an extension page (options.html) and returns its result. */
export async function inExtension(context, extensionId, fn, arg) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

/** Waits until the stored state has an account for `key`; returns that account. */
/** Polls `check` until it returns something truthy (returned), or throws after `timeout` ms. */
export async function until(what, check, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function waitForAccount(context, extensionId, key, { timeout = 15000, since = 0 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const { state } = await storage(context, extensionId);
    const account = state?.accounts?.find((a) => a.key === key && a.read_at_ms > since);
    if (account) return account;
    if (Date.now() > deadline) throw new Error(`no stored account ${key} after ${timeout} ms: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Text inside closed shadow roots of the page, read through CDP (the page itself cannot
 * see it). Returns one string per closed root.
 */
export async function closedShadowText(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const texts = [];
    const textOf = (node) => {
      if (node.nodeType === 3) return node.nodeValue;
      if (node.nodeName === 'STYLE') return '';
      return (node.children || []).map(textOf).join(' ');
    };
    const visit = (node) => {
      for (const shadow of node.shadowRoots || []) {
        if (shadow.shadowRootType === 'closed') texts.push(textOf(shadow).replace(/\s+/g, ' ').trim());
        visit(shadow);
      }
      for (const child of node.children || []) visit(child);
      if (node.contentDocument) visit(node.contentDocument);
    };
    visit(root);
    return texts;
  } finally {
    await cdp.detach();
  }
}

/** Waits for a closed-root badge whose text matches `pattern`. */
export async function waitForBadge(page, pattern, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const texts = await closedShadowText(page);
    const hit = texts.find((t) => pattern.test(t));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no badge matching ${pattern}; closed roots: ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Stops every service worker through a page-level CDP session (ServiceWorker.enable, then
 * ServiceWorker.stopAllWorkers) and waits until the extension's worker reports `stopped`.
 * Returns `restarted()`: a promise for the worker reporting `running` again.
 */
export async function stopWorkers(page, extensionId) {
  const cdp = await page.context().newCDPSession(page);
  const status = [];
  const waiters = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      status.push(v.runningStatus);
      for (const w of [...waiters]) w();
    }
  });
  const seen = (wanted, from) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker never reported ${wanted}: ${status.join(' ')}`)), 20000);
      const check = () => {
        if (status.slice(from).includes(wanted)) {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        }
      };
      waiters.push(check);
      check();
    });
  await cdp.send('ServiceWorker.enable');
  await seen('running', 0).catch(() => {});
  const mark = status.length;
  await cdp.send('ServiceWorker.stopAllWorkers');
  await seen('stopped', mark);
  const stoppedAt = status.length;
  return {
    restarted: async () => {
      try {
        await seen('running', stoppedAt);
      } finally {
        await cdp.detach().catch(() => {});
      }
    },
  };
}

/** Opens the popup page as a tab and waits until Rust has drawn it. */
export async function openPopup(context, extensionId) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForSelector('body[data-ready]');
  return page;
}

/**
 * The badge as a user and assistive technology meet it, read through CDP (the page itself
 * cannot see into the closed root): its text, the pill's box and label, whether it is
 * expanded, and the computed transition of the badge. `null` when there is no badge.
 */
export async function inspectBadge(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    let shadow = null;
    const find = (node) => {
      for (const s of node.shadowRoots || []) if (s.shadowRootType === 'closed' && !shadow) shadow = s;
      (node.children || []).forEach(find);
    };
    find(root);
    if (!shadow) return null;
    const attrs = (node) => {
      const out = {};
      for (let i = 0; i + 1 < (node.attributes || []).length; i += 2) out[node.attributes[i]] = node.attributes[i + 1];
      return out;
    };
    const byClass = (node, cls) => {
      if ((attrs(node).class || '').split(/\s+/).includes(cls)) return node;
      for (const c of node.children || []) {
        const hit = byClass(c, cls);
        if (hit) return hit;
      }
      return null;
    };
    const textOf = (node) => (node.nodeType === 3 ? node.nodeValue : node.nodeName === 'STYLE' ? '' : (node.children || []).map(textOf).join(' '));
    const badge = byClass(shadow, 'badge');
    const pill = byClass(shadow, 'pill');
    if (!badge || !pill) return null;
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId: pill.nodeId });
    const [x1, y1, , , x3, y3] = model.border;
    const { model: boxModel } = await cdp.send('DOM.getBoxModel', { nodeId: badge.nodeId });
    const [bx1, by1, , , bx3, by3] = boxModel.border;
    await cdp.send('CSS.enable');
    const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: badge.nodeId });
    const css = Object.fromEntries(computedStyle.map((p) => [p.name, p.value]));
    return {
      text: textOf(shadow).replace(/\s+/g, ' ').trim(),
      classes: attrs(badge).class,
      pill: { x: x1, y: y1, width: x3 - x1, height: y3 - y1, label: attrs(pill)['aria-label'], expanded: attrs(pill)['aria-expanded'] },
      box: { x: bx1, y: by1, width: bx3 - bx1, height: by3 - by1 },
      transition: css['transition-duration'],
      background: css['background-color'],
    };
  } finally {
    await cdp.detach();
  }
}

/** Polls `inspectBadge` until `test(badge)` holds. */
export async function waitForBadgeState(page, test, what, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let last = null;
  for (;;) {
    try {
      last = await inspectBadge(page);
    } catch (error) {
      // The badge was redrawn between two CDP calls (its nodes replaced): look again.
      if (!/Could not find node|No node with given id/.test(error?.message ?? '') || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    if (test(last)) return last;
    if (Date.now() > deadline) throw new Error(`badge never ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A test-only copy of the built extension in target/test-ext/<name>: `edit(manifest)` changes
 * its manifest, `files` adds pages or scripts ({path: text}). The shipped build is untouched.
 */
export function testCopy(name, edit = () => {}, files = {}) {
  const dir = join(ROOT, 'target/test-ext', name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(DIST, dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  edit(m);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

/**
 * Evaluates `fn(arg)` in the extension's content-script world of `page` (through CDP), so a
 * test can send what a content script could send. Returns its (awaited) result.
 */
export async function inContentScript(page, fn, arg) {
  const cdp = await page.context().newCDPSession(page);
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated' && context.origin?.startsWith('chrome-extension://')) worlds.push(context.id);
  });
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 15000;
  while (!worlds.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  try {
    if (!worlds.length) throw new Error('no content-script world in the page');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: worlds[worlds.length - 1],
      expression: `(${fn})(${JSON.stringify(arg)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * A stored state: one T-Mobile account with `points` readings two hours apart, two lines
 * using data (refills every few hundred readings), the bill date 13 days ahead. For the
 * popup's cache test and the popup benchmark.
 */
export function manyReadings(points, { balance = '0.00' } = {}) {
  const now = Date.now();
  const bill = dayFromToday(13).iso;
  const history = [];
  for (let i = 0; i < points; i++) {
    const at = now - (points - 1 - i) * 2 * 3_600_000 - 60_000;
    const d = new Date(at);
    const pad = (n) => String(n).padStart(2, '0');
    history.push({
      at_ms: at,
      date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
      next_bill_date: bill,
      lines: [['4821', 5120 - ((i * 7) % 5000), null], ['5532', 10240 - ((i * 13) % 10000), null]],
    });
  }
  const last = history[history.length - 1];
  return {
    version: 1,
    accounts: [{
      key: 't-mobile', carrier: 't-mobile', host: 'www.t-mobile.com', page_url: 'https://www.t-mobile.com/account',
      read_at_ms: last.at_ms,
      latest: {
        schema: 1, status: 'ok', carrier: 't-mobile', next_bill_date: bill,
        balance: { amount: balance, currency: 'USD' }, amount_due: null, autopay: false,
        lines: last.lines.map(([last4, left]) => ({
          number_last4: last4, label: null, plan: 'Prepaid Connect', renews_on: bill,
          data: { remaining_mb: left, used_mb: null, total_mb: last4 === '4821' ? 5120 : 10240, unlimited: false },
        })),
      },
      history,
    }],
    checklists: [],
  };
}
