// Issue 8: teaching LineKeeper a carrier page it has no profile for, in the real browser.
// Pebble Mobile (tests/fixtures/taught/pebble) is an invented carrier on an https host no
// profile covers. The test teaches its account page from the popup by clicking the values
// (two with the mouse, one with the keyboard), reloads it (badge and popup show its values),
// serves a restyled copy with every class name changed (still read), exports the rule,
// forgets the site (everything for it is gone, nothing runs there), and imports the rule.
//
// What is exercised, and what stands in for a user (headless Chromium has no toolbar and
// no permission dialog to click):
// - The popup is opened as a page in a tab (like every popup test). A real popup reads the
//   active tab's URL through `activeTab`, granted by the toolbar click; nothing can click
//   the toolbar here, so this test's copy of the build adds the `tabs` permission so the
//   popup can read the URL of the tab it is about. Everything else is the shipped build.
// - `chrome.permissions.request` shows a dialog Playwright cannot reach (checked: the call
//   stays pending). The test grants the site the way the user does on chrome://extensions
//   ("Site access: on specific sites", `developerPrivate.addHostPermission`); the popup's
//   own `chrome.permissions.request` then resolves `true` without a dialog and everything
//   after it (registration, pick mode, storage) runs as shipped. Forgetting revokes with
//   `chrome.permissions.remove`, checked with `chrome.permissions.contains`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, cpSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, serve, storage, openPopup, closedShadowText, waitForBadge, until, ROOT, DIST, inExtension as inExtensionPage,
} from './harness.mjs';

const HOST = 'my.pebblemobile.example';
const PAGE_URL = `https://${HOST}/account`;
const ORIGIN = `https://${HOST}/*`;
const FIXTURES = join(ROOT, 'tests/fixtures/taught/pebble');
const SHOTS = join(ROOT, 'target/screenshots');
const fixture = (name) => readFileSync(join(FIXTURES, name), 'utf8');

function teachBuild() {
  const dir = join(ROOT, 'target/test-ext/teach');
  rmSync(dir, { recursive: true, force: true });
  cpSync(DIST, dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  m.permissions.push('tabs'); // stands in for activeTab (see above)
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return dir;
}

let browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch({ dist: teachBuild() });
  await serve(browser.context, PAGE_URL, fixture('account.html'));
});
after(async () => {
  await browser?.close();
});

/** Runs `fn` in an extension page (options.html) and returns its result. */
const inExtension = (fn, arg) => inExtensionPage(browser.context, browser.extensionId, fn, arg);

const granted = () => inExtension((origin) => chrome.permissions.contains({ origins: [origin] }), ORIGIN);
const registered = () => inExtension(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id)));

/** The user allows the site on chrome://extensions (stands in for the permission dialog). */
async function allowSite() {
  const page = await browser.context.newPage();
  try {
    await page.goto('chrome://extensions');
    await page.evaluate(([id, origin]) => chrome.developerPrivate.addHostPermission(id, origin), [browser.extensionId, ORIGIN]);
  } finally {
    await page.close();
  }
}

/** The pick-mode panel's text (a closed shadow root of the page), or null. */
async function panelText(page) {
  const texts = await closedShadowText(page);
  return texts.find((t) => t.startsWith('Teach LineKeeper') || t.startsWith('教 LineKeeper')) ?? null;
}

async function waitForPanel(page, pattern, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await panelText(page);
    if (text !== null && pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`pick panel never showed ${what}: ${JSON.stringify(text)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const accountOf = (state) => state?.accounts?.find((a) => a.host === HOST);

/** Opens the popup about `site` (the tab used just before) and clicks "Teach this page". */
async function teachFromPopup(site) {
  await site.bringToFront();
  const popup = await openPopup(browser.context, browser.extensionId);
  await popup.waitForSelector('section.teach button[data-action=teach]');
  assert.equal(await popup.getAttribute('button[data-action=teach]', 'data-origin'), ORIGIN);
  await popup.click('button[data-action=teach]');
  await popup.waitForFunction(() => /Pick mode is on/.test(document.querySelector('.teach-status')?.textContent ?? ''));
  return popup;
}

let site;

test('an unknown site: nothing runs before it is granted; the popup offers "Teach this page"', async () => {
  site = await browser.context.newPage();
  await site.goto(PAGE_URL);
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(await closedShadowText(site), [], 'no badge, no content script');
  const { state } = await storage(browser.context, browser.extensionId);
  assert.equal(accountOf(state), undefined);
  assert.equal(await granted(), false);
  assert.deepEqual(await registered(), []);

  await site.bringToFront();
  const popup = await openPopup(browser.context, browser.extensionId);
  await popup.waitForSelector('section.teach');
  const offer = await popup.textContent('section.teach');
  assert.match(offer, /Teach this page/);
  assert.match(offer, new RegExp(HOST.replaceAll('.', '\\.')));
  await popup.screenshot({ path: join(SHOTS, 'teach-offer.png') });
  await popup.close();

  // A built-in carrier's page is not offered.
  const carrier = await browser.context.newPage();
  await serve(browser.context, 'https://www.t-mobile.com/account', '<html><body><h1>Account</h1></body></html>');
  await carrier.goto('https://www.t-mobile.com/account');
  await carrier.bringToFront();
  const popup2 = await openPopup(browser.context, browser.extensionId);
  assert.equal(await popup2.$('section.teach'), null);
  await popup2.close();
  await carrier.close();
});

test('teach: pick the three values (mouse and keyboard), confirm, and the page is read', async () => {
  await allowSite();
  const popup = await teachFromPopup(site);
  await popup.close();

  await waitForPanel(site, /Step 1 of 3.*Click the data you have left/, 'step 1');
  await site.screenshot({ path: join(SHOTS, 'teach-pick.png') });
  // A click on something that is not a data amount is refused, and the step stays.
  await site.click('.pb-logo');
  await waitForPanel(site, /not a data amount/, 'the refusal');
  await site.click('.pb-bytes-num');
  await waitForPanel(site, /Step 2 of 3.*Read 2\.8 GB, labelled “Bytes in the tank”/, 'step 2');
  await site.click('.pb-money-num');
  await waitForPanel(site, /Step 3 of 3.*Read \$7\.40, labelled “Pocket money”/, 'step 3');

  // The date with the keyboard: Next moves the highlight (focus stays on Next), Tab to Use.
  let text = '';
  for (let i = 0; i < 30 && !/Highlighted: Dec 14, 2026/.test(text); i++) {
    await site.keyboard.press('Enter');
    text = await waitForPanel(site, /Highlighted:/, 'a highlight');
  }
  assert.match(text, /Highlighted: Dec 14, 2026/);
  await site.keyboard.press('Tab');
  await site.keyboard.press('Enter');
  text = await waitForPanel(site, /Is this right\?/, 'the confirmation');
  assert.match(text, /Data left 2\.8 GB · “Bytes in the tank”/);
  assert.match(text, /Balance \$7\.40 · “Pocket money”/);
  assert.match(text, /Renewal date .*14.* · “Next pebble drops”/);
  await site.screenshot({ path: join(SHOTS, 'teach-confirm.png') });
  // Focus is on Save.
  await site.keyboard.press('Enter');
  await waitForPanel(site, /Saved/, 'saved');

  // Read right away, with the taught rule, by the same engine.
  await waitForBadge(site, /2\.8 GB/);
  const { state } = await storage(browser.context, browser.extensionId);
  const account = accountOf(state);
  assert.equal(account.latest.status, 'ok');
  assert.deepEqual(account.latest.balance, { amount: '7.40', currency: 'USD' });
  assert.equal(account.latest.lines[0].renews_on, '2026-12-14');
  assert.ok(Math.abs(account.latest.lines[0].data.remaining_mb - 2816) < 0.01);
  assert.equal(state.taught.length, 1);
  assert.deepEqual(JSON.parse(state.taught[0].rule), JSON.parse(fixture('rule.json')), 'the rule is labels, not class names');
  assert.deepEqual(await registered(), [`taught:${HOST}`]);
  await site.keyboard.press('Escape'); // closes the "Saved" panel
  await until('the panel to close', async () => (await panelText(site)) === null);
});

test('reload: the badge and the popup show the taught page\'s values', async () => {
  await site.reload();
  await waitForBadge(site, /2\.8 GB/);
  assert.equal(await panelText(site), null, 'pick mode is not part of the page');
  await site.bringToFront();
  const popup = await openPopup(browser.context, browser.extensionId);
  const text = await popup.textContent('#app');
  assert.match(text, /2\.8 GB/);
  assert.match(text, /\$7\.40/);
  assert.match(text, new RegExp(HOST.replaceAll('.', '\\.')));
  assert.match(await popup.textContent('section.teach'), /Teach this page again/);
  await popup.screenshot({ path: join(SHOTS, 'teach-popup.png'), fullPage: true });
  await popup.close();
});

test('the same page with different class names (and new values) still reads', async () => {
  const before = accountOf((await storage(browser.context, browser.extensionId)).state).read_at_ms;
  await serve(browser.context, PAGE_URL, fixture('account-restyled.html'));
  await site.reload();
  await waitForBadge(site, /1\.5 GB/);
  const account = await until('the restyled page read', async () => {
    const a = accountOf((await storage(browser.context, browser.extensionId)).state);
    return a && a.read_at_ms > before && a.latest.balance?.amount === '5.10' ? a : null;
  });
  assert.equal(account.latest.lines[0].renews_on, '2026-12-20');
  assert.ok(Math.abs(account.latest.lines[0].data.remaining_mb - 1536) < 0.01);
});

test('pick mode takes the clicks (the page never sees them); Escape leaves it, rule unchanged', async () => {
  const rule = (await storage(browser.context, browser.extensionId)).state.taught[0].rule;
  // The page counts the clicks it sees.
  await site.evaluate(() => {
    window.clicksSeen = 0;
    document.addEventListener('click', () => { window.clicksSeen += 1; });
  });
  const popup = await teachFromPopup(site);
  await popup.close();
  await waitForPanel(site, /Step 1 of 3/, 'pick mode');
  await site.click('h1');
  await waitForPanel(site, /not a data amount/, 'the click taken by pick mode');
  assert.equal(await site.evaluate(() => window.clicksSeen), 0, 'the page never saw the pick');
  await site.keyboard.press('Escape');
  await until('pick mode to end', async () => (await panelText(site)) === null);
  // The page's own handlers get clicks again (pick mode took them only while it ran).
  await site.click('h1');
  assert.equal(await site.evaluate(() => window.clicksSeen), 1);
  const { state } = await storage(browser.context, browser.extensionId);
  assert.equal(state.taught[0].rule, rule);
  assert.equal(await granted(), true, 'a taught site keeps its permission');
});

let exported;

test('options: the taught site is listed with its labels; its rule exports as JSON', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready]');
  const item = `ul.taught li[data-host="${HOST}"]`;
  const text = await options.textContent(item);
  assert.match(text, /Data left: “Bytes in the tank” · Balance: “Pocket money” · Renewal date: “Next pebble drops”/);
  const href = await options.getAttribute(`${item} a[download]`, 'href');
  exported = decodeURIComponent(href.slice(href.indexOf(',') + 1));
  assert.deepEqual(JSON.parse(exported), JSON.parse(fixture('rule.json')));
  await options.screenshot({ path: join(SHOTS, 'teach-options.png'), fullPage: true });
  await options.close();
});

test('forget the site: permission revoked, script unregistered, rule and records deleted, nothing runs', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready]');
  await options.click(`button[data-action=teach-forget][data-host="${HOST}"]`);
  await options.waitForFunction(() => /Site forgotten/.test(document.querySelector('.status')?.textContent ?? ''));
  await options.close();

  assert.equal(await granted(), false, 'permission revoked');
  assert.deepEqual(await registered(), [], 'content script unregistered');
  const all = await inExtension(async () => ({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) }));
  assert.equal(all.local.state.taught, undefined, 'rule deleted');
  assert.equal(accountOf(all.local.state), undefined, 'records deleted');
  assert.ok(!JSON.stringify(all.local.state).includes(HOST), 'nothing of the site is left in the state');
  assert.ok(!Object.keys(all.local).some((k) => k.includes(HOST)), 'no per-site keys');
  assert.ok(!JSON.stringify(all.session).includes(HOST), 'no per-tab scan records');
  // The open tab's badge went away, and a reload runs nothing.
  await until('the open badge to go', async () => (await closedShadowText(site)).length === 0);
  await site.reload();
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(await closedShadowText(site), []);
  assert.equal(accountOf((await storage(browser.context, browser.extensionId)).state), undefined);
});

test('import: a rule file is validated and previewed, then saved (site granted) and read', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready]');
  // A bad rule: the error, and no way to save it.
  await options.setInputFiles('#f-rule', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"id":"x","hosts":["www.t-mobile.com"],"anchors":[{"field":"balance","label":"Cash"}]}') });
  await options.waitForSelector('.rule-preview .error');
  assert.match(await options.textContent('.rule-preview'), /built-in carrier/);
  assert.equal(await options.$('button[data-action=rule-apply]'), null);
  await options.click('button[data-action=rule-cancel]');

  await options.setInputFiles('#f-rule', { name: 'pebble.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await options.waitForSelector('button[data-action=rule-apply]');
  const preview = await options.textContent('.rule-preview');
  assert.match(preview, /Rule for my\.pebblemobile\.example/);
  assert.match(preview, /Balance: “Pocket money”/);
  await allowSite();
  await options.click('button[data-action=rule-apply]');
  await options.waitForFunction(() => /Rule saved/.test(document.querySelector('.status')?.textContent ?? ''));
  await options.close();
  assert.equal(await granted(), true);
  assert.deepEqual(await registered(), [`taught:${HOST}`]);
  await site.reload();
  await waitForBadge(site, /1\.5 GB/);
});

test('erase everything also withdraws taught sites (permission and script)', async () => {
  assert.equal(await granted(), true);
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready]');
  await options.click('button[data-action=erase-ask]');
  await options.click('button[data-action=erase-confirm]');
  await options.close();
  await until('the permission to go', async () => !(await granted()));
  await until('the script to go', async () => (await registered()).length === 0);
  await site.reload();
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(await closedShadowText(site), []);
});

test('zh_CN: pick mode speaks Chinese; Escape leaves', async () => {
  const zh = await launch({ dist: join(ROOT, 'target/test-ext/teach'), locale: 'zh-CN' });
  try {
    await serve(zh.context, PAGE_URL, fixture('account.html'));
    const page = await zh.context.newPage();
    await page.goto(PAGE_URL);
    const ext = await zh.context.newPage();
    await ext.goto('chrome://extensions');
    await ext.evaluate(([id, origin]) => chrome.developerPrivate.addHostPermission(id, origin), [zh.extensionId, ORIGIN]);
    await ext.close();
    await page.bringToFront();
    const popup = await openPopup(zh.context, zh.extensionId);
    await popup.waitForSelector('section.teach button[data-action=teach]');
    assert.match(await popup.textContent('section.teach'), /教它读取此页面/);
    await popup.click('button[data-action=teach]');
    await popup.waitForFunction(() => document.querySelector('.teach-status')?.textContent);
    await popup.close();
    const deadline = Date.now() + 10000;
    let text = null;
    while (Date.now() < deadline && !text) {
      text = (await closedShadowText(page)).find((t) => t.startsWith('教 LineKeeper')) ?? null;
      if (!text) await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(text ?? '', /第 1 步，共 3 步.*请点击剩余流量/);
    await page.click('.pb-bytes-num');
    const deadline2 = Date.now() + 10000;
    for (;;) {
      text = (await closedShadowText(page)).find((t) => t.startsWith('教 LineKeeper')) ?? '';
      if (/读到 2\.8 GB，标签为“Bytes in the tank”/.test(text) || Date.now() > deadline2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(text, /读到 2\.8 GB，标签为“Bytes in the tank”/);
    await page.screenshot({ path: join(SHOTS, 'teach-pick-zh_CN.png') });
    await page.keyboard.press('Escape');
    const deadline3 = Date.now() + 5000;
    while (Date.now() < deadline3 && (await closedShadowText(page)).some((t) => t.startsWith('教 LineKeeper'))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(!(await closedShadowText(page)).some((t) => t.startsWith('教 LineKeeper')));
    // Left without saving: the site had no rule, so its permission is given back.
    const ext2 = await zh.context.newPage();
    await ext2.goto(`chrome-extension://${zh.extensionId}/options.html`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await ext2.evaluate((o) => chrome.permissions.contains({ origins: [o] }), ORIGIN), false);
  } finally {
    await zh.close();
  }
});

test('a grant that arrives after the popup is gone (Firefox closes it for the prompt) still starts pick mode', async () => {
  const b = await launch({ dist: join(ROOT, 'target/test-ext/teach') });
  try {
    await serve(b.context, PAGE_URL, fixture('account.html'));
    const page = await b.context.newPage();
    await page.goto(PAGE_URL);
    await page.bringToFront();
    const popup = await openPopup(b.context, b.extensionId);
    await popup.click('button[data-action=teach]'); // the prompt opens; nothing answers it here
    await popup.waitForFunction(() => chrome.storage.session.get('teach:pending').then((s) => !!s['teach:pending']));
    await popup.close(); // the popup's promise is gone with it
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await closedShadowText(page)).length, 0, 'no pick mode without the grant');
    // The user grants the site (chrome://extensions, then the grant request is answered).
    const ext = await b.context.newPage();
    await ext.goto('chrome://extensions');
    await ext.evaluate(([id, origin]) => chrome.developerPrivate.addHostPermission(id, origin), [b.extensionId, ORIGIN]);
    await ext.goto(`chrome-extension://${b.extensionId}/options.html`);
    await ext.evaluate(() => { const x = document.createElement('button'); x.id = 'g'; document.body.append(x); });
    await ext.evaluate((origin) => { document.getElementById('g').onclick = () => chrome.permissions.request({ origins: [origin] }); }, ORIGIN);
    await ext.click('#g');
    await ext.close();
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline && !(await closedShadowText(page)).some((t) => t.startsWith('Teach LineKeeper'))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok((await closedShadowText(page)).some((t) => /Step 1 of 3/.test(t)), 'pick mode started by the worker');
  } finally {
    await b.close();
  }
});
