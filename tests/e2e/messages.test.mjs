// Every runtime message is decoded and checked in Rust (src/message.rs) before the worker acts:
// a content script may only scan and open the checklist, and only from an https page on a
// host LineKeeper reads; popup and options messages only from those pages; anything else is
// dropped (own pages get the reason, content scripts nothing) and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, serve, demoPage, DEMO_URL, waitForAccount, storage, testCopy, inContentScript,
} from './harness.mjs';

let browser;
let loose; // a test copy whose content script also runs on http:// pages, with a spare page
before(async () => {
  browser = await launch();
  const dir = testCopy('messages', (m) => {
    m.content_scripts[0].matches.push('http://*/*');
    m.host_permissions.push('http://*/*');
  }, { 'probe.html': '<!doctype html><meta charset="utf-8"><title>probe</title><p>test-only page</p>' });
  loose = await launch({ dist: dir });
});
after(async () => {
  await browser?.close();
  await loose?.close();
});

const ask = (page, message) => inContentScript(page, (m) => chrome.runtime.sendMessage(m).then(
  (reply) => ({ reply: reply ?? 'none' }),
  (error) => ({ failed: String(error.message ?? error) }),
), message);

test('a content script on a carrier page can scan, but not erase, change settings or tick the checklist', async () => {
  const { context, extensionId } = browser;
  await serve(context, DEMO_URL, demoPage().html);
  const page = await context.newPage();
  await page.goto(DEMO_URL);
  const account = await waitForAccount(context, extensionId, 't-mobile');
  const before = (await storage(context, extensionId)).state;
  for (const message of [
    { type: 'erase' },
    { type: 'settings', form: { section: 'reminders', reminders: 'off' } },
    { type: 'checklist', account: 't-mobile', step: 0, done: true },
    { type: 'import', text: '{}' },
    { type: 'sync' },
    { type: 'scan', page: 42 },
    { kind: 'scan' },
  ]) {
    const out = await ask(page, message);
    assert.ok(out.reply === 'none' || /message port closed|no response/i.test(out.failed ?? ''), `${JSON.stringify(message)}: ${JSON.stringify(out)}`);
  }
  const after = (await storage(context, extensionId)).state;
  assert.deepEqual(after.settings, before.settings, 'settings unchanged');
  assert.deepEqual(after.checklists, before.checklists, 'checklist unchanged');
  assert.equal(after.accounts[0].read_at_ms, account.read_at_ms, 'nothing stored');
  // Its own messages still work.
  const scan = await ask(page, { type: 'scan', page: 'en\nTitle\n\tbody\tb' }); // a bare body (src/page.rs, lines)
  assert.equal(scan.reply.outcome, 'ignored', JSON.stringify(scan));
  await page.close();
});

test('popup and options pages send only their own messages; other extension pages nothing', async () => {
  const { context, extensionId } = browser;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const erase = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'erase' }));
  assert.match(erase.error, /unknown type erase here/);
  assert.equal((await storage(context, extensionId)).state.accounts.length, 1, 'not erased');
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const tick = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'checklist', account: 't-mobile', step: 0, done: true }));
  assert.match(tick.error, /unknown type checklist here/);
  const form = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'settings', form: { section: 'reminders', lead_days: 7 } }));
  assert.match(form.error, /message could not be read: .*invalid type: .*expected a string/);
  await page.close();
  // A page of the extension that is neither (only in the test copy).
  const probe = await loose.context.newPage();
  await probe.goto(`chrome-extension://${loose.extensionId}/probe.html`);
  const sync = await probe.evaluate(() => chrome.runtime.sendMessage({ type: 'sync' }));
  assert.match(sync.error, /sent from chrome-extension:\/\/.*\/probe\.html/);
  await probe.close();
});

test('a scan from a page that is not https is dropped, even where the content script runs', async () => {
  const { context, extensionId } = loose;
  const http = 'http://www.t-mobile.com/account';
  await serve(context, http, demoPage().html);
  const page = await context.newPage();
  await page.goto(http);
  const out = await ask(page, { type: 'scan', page: 'en\nTitle\n\tbody\tb' });
  assert.ok(out.reply === 'none' || out.failed, JSON.stringify(out));
  // The page's own scan (sent when the content script ran) was dropped too: nothing stored.
  const { state } = await storage(context, extensionId);
  assert.equal(state?.accounts?.length ?? 0, 0, JSON.stringify(state));
  await page.close();
});
