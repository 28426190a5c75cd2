// The in-page badge on live account pages: late rendering, SPA routes, history, hostile
// pages, placement, dragging, keyboard, reduced motion, languages. One browser per file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, serve, demoPage, waitForAccount, storage, inspectBadge, waitForBadgeState,
} from './harness.mjs';

const demo = demoPage();
const BASE = 'https://www.t-mobile.com/account';
let browser;
const problems = []; // console errors and page errors on any page of this file

// The demo page with its account content held back and `script` added at the end of body.
function variant(script, { holdBack = false } = {}) {
  let html = demo.html;
  if (holdBack) {
    html = html.replace(/<main id="main-content">([\s\S]*?)<\/main>/, (_, inner) => `<main id="main-content"><p class="loading">Loading your account…</p></main><template id="later">${inner}</template>`);
  }
  return html.replace('</body>', `<script>${script}</script></body>`);
}

const LATE = `setTimeout(() => {
  const main = document.getElementById('main-content');
  main.replaceChildren(document.getElementById('later').content.cloneNode(true));
  window.__shownAt = performance.now();
}, 2000);`;

const SPA = `(() => {
  const main = document.getElementById('main-content');
  const account = [...main.childNodes];
  const shop = document.createElement('section');
  shop.innerHTML = '<h2>Shop phones</h2><p>The newest phones, ready to ship. See deals on tablets and watches.</p>';
  window.goAway = () => { history.pushState({ page: 'shop' }, '', '/cell-phones'); main.replaceChildren(shop); };
  addEventListener('popstate', () => { main.replaceChildren(...account); });
})();`;

const HOSTILE = `(() => {
  const globalsAtStart = new Set(Object.getOwnPropertyNames(window));
  const seen = { attributes: [], added: [], messages: 0 };
  let live = false; // the parser's own insertions are not of interest
  const watch = new MutationObserver((records) => {
    if (!live) return;
    for (const r of records) {
      if (r.type === 'attributes') seen.attributes.push(r.target.nodeName + '@' + r.attributeName);
      for (const n of r.addedNodes) if (n.nodeType === 1) seen.added.push(n.nodeName + '[' + n.attributes.length + ']');
    }
  });
  watch.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
  // The parser's records may still wait for delivery when DOMContentLoaded fires (a body
  // parsed in one task, with no script in it): drop them there (a loaded machine once
  // counted the whole body as added).
  addEventListener('DOMContentLoaded', () => { watch.takeRecords(); live = true; });
  addEventListener('message', () => { seen.messages++; });
  window.__forge = () => {
    const targets = [...document.documentElement.children, document.body, document];
    for (const t of targets) {
      for (const type of ['click', 'pointerdown', 'pointerup', 'keydown']) {
        t.dispatchEvent(new (type.startsWith('key') ? KeyboardEvent : MouseEvent)(type, { bubbles: true, composed: true, key: 'Enter' }));
      }
    }
    window.postMessage({ type: 'scan', page: '{"url":"https://evil.example/","nodes":[]}' }, '*');
    document.dispatchEvent(new CustomEvent('scan', { detail: { balance: '$9999.00' } }));
    return typeof chrome === 'undefined' || typeof chrome.runtime === 'undefined' || typeof chrome.runtime.sendMessage !== 'function';
  };
  window.__report = () => ({
    newGlobals: Object.getOwnPropertyNames(window).filter((k) => !globalsAtStart.has(k) && !k.startsWith('__')),
    ...seen,
    htmlAttributes: [...document.documentElement.attributes].map((a) => a.name),
    shadowVisible: [...document.documentElement.children].some((e) => e.shadowRoot),
  });
})();`;

const CONTROLS = `(() => {
  const b = document.createElement('button');
  b.textContent = 'Help';
  b.id = 'help-fab';
  b.style.cssText = 'position:fixed;right:8px;bottom:8px;width:340px;height:90px;z-index:10';
  document.body.append(b);
})();`;

before(async () => {
  browser = await launch();
  const { context } = browser;
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  });
  await serve(context, BASE, demo.html);
  await serve(context, `${BASE}/late`, variant(LATE, { holdBack: true }));
  await serve(context, `${BASE}/spa`, variant(SPA));
  await serve(context, 'https://www.t-mobile.com/cell-phones', '<!doctype html><html><body><h1>Shop phones</h1></body></html>');
  await serve(context, `${BASE}/hostile`, variant(HOSTILE).replace('<head>', `<head><script>${HOSTILE}</script>`).replace(`<script>${HOSTILE}</script></body>`, '</body>'));
  await serve(context, `${BASE}/controls`, variant(CONTROLS));
});

after(async () => {
  await browser?.close();
  assert.deepEqual(problems, [], 'no console errors on any page');
});

const hasData = (b) => b && /3\.4 GB left/.test(b.text);

test('a balance that renders 2 s late gets its badge once it appears', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/late`);
  const early = await waitForBadgeState(page, (b) => b && /No account data/.test(b.text), 'said "no data" while loading');
  assert.match(early.text, /No account data on this page yet/);
  const badge = await waitForBadgeState(page, hasData, 'showed the late balance', 10000);
  assert.match(badge.text, /renews in 13 days/);
  assert.ok(await page.evaluate(() => window.__shownAt > 1900), 'the balance really came late');
  await page.close();
});

test('an SPA route change away stands the badge down; history back brings it again', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/spa`);
  await waitForBadgeState(page, hasData, 'appeared');
  await page.evaluate(() => window.goAway());
  assert.equal(new URL(page.url()).pathname, '/cell-phones');
  await waitForBadgeState(page, (b) => b === null, 'stood down on the shop route');
  await page.goBack();
  await waitForBadgeState(page, hasData, 'came back on the account route');
  await page.close();
});

test('back/forward cache: a restored page gets its badge', async () => {
  const page = await browser.context.newPage();
  await page.goto(BASE);
  await waitForBadgeState(page, hasData, 'appeared');
  await page.goto('https://www.t-mobile.com/cell-phones');
  await waitForBadgeState(page, (b) => b === null, 'absent off the account area');
  await page.goBack();
  await waitForBadgeState(page, hasData, 'shown after back');
  await page.close();
});

test('a hostile page cannot forge data, see the badge, or find a trace of the extension', async () => {
  const { context, extensionId } = browser;
  const page = await context.newPage();
  await page.goto(`${BASE}/hostile`);
  await waitForBadgeState(page, hasData, 'appeared');
  const stored = (await storage(context, extensionId)).state;
  const cannotMessage = await page.evaluate(() => window.__forge());
  assert.ok(cannotMessage, 'the page has no channel to the extension');
  await page.waitForTimeout(600);
  const badge = await inspectBadge(page);
  assert.equal(badge.pill.expanded, 'false', 'forged clicks and keys do nothing');
  const after = (await storage(context, extensionId)).state;
  const values = (s) => s.accounts.map((a) => ({ key: a.key, latest: a.latest }));
  assert.deepEqual(values(after), values(stored), 'what is stored did not change');
  const report = await page.evaluate(() => window.__report());
  assert.deepEqual(report.newGlobals, [], 'no globals');
  assert.deepEqual(report.attributes, [], 'no attributes set on page elements');
  assert.deepEqual(report.added, ['DIV[0]'], 'one attribute-less host element, nothing else');
  assert.equal(report.messages, 1, 'only its own postMessage');
  assert.deepEqual(report.htmlAttributes, ['lang']);
  assert.equal(report.shadowVisible, false, 'the shadow root is closed');
  await page.close();
});

test('the badge never covers the page’s own controls', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/controls`);
  const badge = await waitForBadgeState(page, hasData, 'appeared');
  const help = await page.locator('#help-fab').boundingBox();
  const b = badge.box;
  const overlap = b.x < help.x + help.width && b.x + b.width > help.x && b.y < help.y + help.height && b.y + b.height > help.y;
  assert.equal(overlap, false, `badge ${JSON.stringify(b)} overlaps the Help button ${JSON.stringify(help)}`);
  await page.close();
});

test('a control drawn in the badge’s corner after it appeared pushes the badge away', async () => {
  const page = await browser.context.newPage();
  await page.goto(BASE);
  const first = await waitForBadgeState(page, hasData, 'appeared');
  // A chat widget's button, drawn in the badge's corner once the badge is on screen.
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.textContent = 'Chat with us';
    b.id = 'chat-fab';
    b.style.cssText = 'position:fixed;right:8px;bottom:8px;width:340px;height:90px;z-index:10';
    document.body.append(b);
  });
  const chat = await page.locator('#chat-fab').boundingBox();
  const overlaps = (b) => b.x < chat.x + chat.width && b.x + b.width > chat.x && b.y < chat.y + chat.height && b.y + b.height > chat.y;
  assert.ok(overlaps(first.box), `the badge first stood in the corner the button takes: ${JSON.stringify(first.box)}`);
  // The page changed: the next read places the badge again, off the button.
  const moved = await waitForBadgeState(page, (b) => hasData(b) && !overlaps(b.box), 'moved off the chat button');
  assert.equal(overlaps(moved.box), false);
  await page.close();
});

test('keyboard and pointer: expand, collapse with Escape, drag, and the place is remembered', async () => {
  const page = await browser.context.newPage();
  await page.goto(BASE);
  let badge = await waitForBadgeState(page, hasData, 'appeared');
  assert.match(badge.pill.label, /^LineKeeper: 3\.4 GB left · renews in 13 days\. Show details$/);
  const cx = badge.pill.x + badge.pill.width / 2;
  const cy = badge.pill.y + badge.pill.height / 2;
  await page.mouse.click(cx, cy);
  badge = await waitForBadgeState(page, (b) => b.pill.expanded === 'true', 'expanded');
  assert.match(badge.text, /Balance \$0\.00/);
  assert.match(badge.text, /Next bill \/ renewal/);
  assert.match(badge.text, /Open renewal checklist/);
  await page.keyboard.press('Escape');
  await waitForBadgeState(page, (b) => b.pill.expanded === 'false', 'collapsed by Escape');
  await page.keyboard.press('Enter');
  await waitForBadgeState(page, (b) => b.pill.expanded === 'true', 'expanded by Enter');
  await page.keyboard.press('Escape');
  badge = await waitForBadgeState(page, (b) => b.pill.expanded === 'false', 'collapsed');
  // Drag it up and left.
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx - 200, cy - 150, { steps: 8 });
  await page.mouse.move(cx - 400, cy - 300, { steps: 8 });
  await page.mouse.up();
  const moved = await inspectBadge(page);
  assert.ok(Math.abs(moved.box.x - (badge.box.x - 400)) < 3 && Math.abs(moved.box.y - (badge.box.y - 300)) < 3, JSON.stringify(moved.box));
  assert.equal(moved.pill.expanded, 'false', 'a drag is not a click');
  // Alt+arrow moves it too.
  await page.keyboard.press('Alt+ArrowLeft');
  const nudged = await inspectBadge(page);
  assert.ok(Math.abs(nudged.box.x - (moved.box.x - 16)) < 2, `${nudged.box.x} vs ${moved.box.x}`);
  await page.reload();
  const again = await waitForBadgeState(page, hasData, 'reappeared');
  assert.ok(Math.abs(again.box.x - nudged.box.x) < 2 && Math.abs(again.box.y - nudged.box.y) < 2, 'the place is remembered for this site');
  await page.close();
});

test('the badge links into the renewal checklist', async () => {
  const { context, extensionId } = browser;
  const page = await context.newPage();
  await page.goto(BASE);
  let badge = await waitForBadgeState(page, hasData, 'appeared');
  await page.mouse.click(badge.pill.x + 20, badge.pill.y + badge.pill.height / 2);
  badge = await waitForBadgeState(page, (b) => b.pill.expanded === 'true', 'expanded');
  // "Open renewal checklist" is the first action after the pill: Tab, Enter. The toolbar
  // popup opens (where the browser refuses, the same page opens in a tab).
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const cdp = await context.newCDPSession(page);
  let popupTarget = null;
  for (let i = 0; i < 50 && !popupTarget; i++) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    popupTarget = targetInfos.find((t) => t.url.startsWith(`chrome-extension://${extensionId}/popup.html`));
    if (!popupTarget) await page.waitForTimeout(100);
  }
  await cdp.detach();
  assert.ok(popupTarget, 'the popup (or its tab) opened');
  await page.close();
});

test('prefers-reduced-motion turns the badge transitions off', async () => {
  const page = await browser.context.newPage();
  await page.goto(BASE);
  const normal = await waitForBadgeState(page, hasData, 'appeared');
  assert.notEqual(normal.transition.split(',')[0].trim(), '0s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const reduced = await inspectBadge(page);
  assert.ok(reduced.transition.split(',').every((d) => d.trim() === '0s'), reduced.transition);
  await page.close();
});

test('urgency colour: a renewal tomorrow is red', async () => {
  const page = await browser.context.newPage();
  const tomorrow = new Date(Date.now() + 86400000);
  const long = tomorrow.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
  await serve(browser.context, `${BASE}/urgent`, demo.html.replaceAll(demo.renews.long, long));
  await page.goto(`${BASE}/urgent`);
  const badge = await waitForBadgeState(page, (b) => b && /renews tomorrow/.test(b.text), 'said tomorrow');
  assert.match(badge.classes, /u-urgent/);
  assert.equal(badge.background, 'rgb(179, 38, 30)');
  await page.close();
});

test('the badge speaks the browser’s language (简体中文)', async () => {
  const zh = await launch({ locale: 'zh-CN' });
  try {
    await serve(zh.context, BASE, demo.html);
    const page = await zh.context.newPage();
    await page.goto(BASE);
    const badge = await waitForBadgeState(page, (b) => b && /剩余 3\.4 GB/.test(b.text), 'spoke Chinese');
    assert.match(badge.text, /13 天后续费/);
    assert.match(badge.pill.label, /显示详情/);
  } finally {
    await zh.close();
  }
});
