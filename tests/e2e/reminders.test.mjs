// Reminders end to end in the built extension: a reminder fires through chrome.alarms and
// chrome.notifications (also when the worker was stopped between scheduling and firing),
// exactly once; snooze and mark-renewed; the toolbar badge follows new records; the options
// page (Rust-drawn) in English and Chinese, with export, import preview and erase.
// One browser for the file; the tests run in order and share its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, serve, demoPage, DEMO_URL, waitForAccount, stopWorkers, storage, openPopup, until, ROOT,
} from './harness.mjs';

const SHOTS = join(ROOT, 'target/screenshots');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const long = (d) => `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`;

let browser;
let ext; // an extension page to talk to the worker and read storage

/** The demo page with its renewal date on local day `date` (and optionally less data). */
function demoHtml(date, { remaining } = {}) {
  const { html } = demoPage();
  const page = html.replaceAll(long(new Date(Date.now() + 13 * 86400000)), long(date));
  return remaining ? page.replace('3.42 GB <small>remaining', `${remaining} <small>remaining`) : page;
}

/** Serves a demo page and has the extension read it; returns the stored account. */
async function scan(html) {
  const { context, extensionId } = browser;
  await serve(context, DEMO_URL, html);
  const page = await context.newPage();
  const since = Date.now();
  await page.goto(DEMO_URL);
  const account = await waitForAccount(context, extensionId, 't-mobile', { since: since - 1 });
  await page.close();
  return account;
}

const send = (message) => ext.evaluate((m) => chrome.runtime.sendMessage(m), message);
const state = async () => (await storage(browser.context, browser.extensionId)).state;
const notifications = () => ext.evaluate(() => chrome.notifications.getAll());
const alarms = () => ext.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name));

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await ext.waitForSelector('body[data-ready]');
});

after(async () => {
  await browser?.close();
});

let fired; // {key, date}

test('a reminder fires at its time through chrome.alarms, exactly once, even with the worker stopped in between', async () => {
  // Remind on the day itself, 12 s from now (seconds are allowed in the stored time).
  const at = new Date(Date.now() + 12000);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  const saved = await send({ type: 'settings', form: { section: 'reminders', reminders: 'on', lead_days: '0', remind_at: time } });
  assert.deepEqual(saved.errors, []);
  await scan(demoHtml(at));
  const key = `lead|t-mobile|${iso(at)}|0`;
  await until('the reminder alarm', async () => (await alarms()).includes(`linekeeper:r:${key}`));
  assert.equal((await notifications())[key], undefined, 'not shown before its time');

  // Stop the worker between scheduling and firing: the alarm must start it again.
  const page = await browser.context.newPage();
  await page.goto('about:blank');
  const stop = await stopWorkers(page, browser.extensionId);
  await until('the notification', async () => (await notifications())[key], 30000);
  await stop.restarted();
  await page.close();
  assert.ok(Date.now() >= at.getTime() - 1000, 'not before its time');

  // Another rebuild (what a restart or any event does) shows nothing again.
  await send({ type: 'sync' });
  await new Promise((r) => setTimeout(r, 500));
  const log = (await state()).reminders.fired.filter((f) => f.key === key);
  assert.equal(log.length, 1, JSON.stringify(log));
  assert.equal(log[0].shown, true);
  assert.equal(log[0].late, false);
  assert.ok(!(await alarms()).includes(`linekeeper:r:${key}`), 'its alarm is gone');
  fired = { key, date: iso(at) };
});

test("the notification's text, localised by Rust (screenshot)", async () => {
  // chrome.notifications.getAll lists ids only: draw what the worker's `sync` returns for
  // the same stored state just before the reminder was logged.
  const text = await ext.evaluate(async (key) => {
    const wasm = await import('./wasm/linekeeper_wasm.js');
    await wasm.default();
    const { state } = await chrome.storage.local.get('state');
    state.reminders.fired = state.reminders.fired.filter((f) => f.key !== key);
    const fire = state.reminders.fired.length;
    const at = Date.now();
    const out = wasm.sync(state, at);
    return { notes: out.notifications, fire };
  }, fired.key);
  const note = text.notes.find((n) => n.id === fired.key);
  assert.ok(note, JSON.stringify(text));
  assert.equal(note.title, 'T-Mobile: renews today');
  assert.match(note.message, /Renewal or bill date: .*Click to open your account page/);
  assert.deepEqual(note.buttons, ['Snooze 1 day', 'Mark renewed']);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 420, height: 180 });
  await page.setContent(`<div style="font:14px system-ui;margin:12px;padding:12px;border:1px solid #ccc;border-radius:8px;width:360px">
    <b>${note.title}</b><p>${note.message}</p><p style="color:#666">${note.context ?? ''}</p>
    ${note.buttons.map((b) => `<button>${b}</button>`).join(' ')}</div>`);
  await page.screenshot({ path: join(SHOTS, 'notification-en.png') });
  await page.close();
});

test('snooze shows the reminder again a day later; mark renewed silences the cycle and moves on', async () => {
  const { key, date } = fired;
  const before = Date.now();
  const snoozed = await send({ type: 'action', id: key, action: 'snooze' });
  assert.equal(snoozed.done, true);
  let s = await state();
  assert.equal(s.reminders.snoozes.length, 1);
  const snooze = s.reminders.snoozes[0];
  assert.equal(snooze.key, key);
  assert.ok(snooze.at_ms >= before + 86400000 - 1000, 'a day later (or at the end of quiet hours)');
  await until('the notification closed', async () => !(await notifications())[key]);
  const snoozeAlarm = `linekeeper:r:${key}|snooze@${snooze.at_ms.toFixed(0)}`;
  assert.ok((await alarms()).includes(snoozeAlarm), (await alarms()).join('\n'));

  const renewed = await send({ type: 'action', id: key, action: 'renewed' });
  assert.equal(renewed.done, true);
  s = await state();
  assert.deepEqual(
    s.reminders.renewed.map((r) => [r.account, r.cycle]),
    [['t-mobile', date]],
    'the renewed mark',
  );
  const list = s.checklists.find((c) => c.account === 't-mobile' && c.cycle === date);
  assert.deepEqual(list?.done, [true, true, true, true, false], 'the checklist is ticked up to "pay"');
  const names = await alarms();
  assert.ok(!names.includes(snoozeAlarm), 'the snooze is cancelled');
  assert.ok(!names.some((n) => n.includes(`|${date}|`)), names.join('\n'));
  assert.ok(names.some((n) => n.startsWith('linekeeper:r:lead|t-mobile|')), 'the next cycle is scheduled');
  assert.ok(names.includes('linekeeper:daily'));
});

test('the real notification button listener (when the browser lets a test dispatch it)', async (t) => {
  const worker = browser.context.serviceWorkers().at(-1);
  const canDispatch = await worker.evaluate(() => typeof chrome.notifications.onButtonClicked.dispatch === 'function');
  if (!canDispatch) {
    t.skip('chrome.notifications events cannot be dispatched from a test in this browser');
    return;
  }
  const before = (await state()).reminders.snoozes[0].at_ms;
  await new Promise((r) => setTimeout(r, 20));
  // Button 0 is "Snooze 1 day": the listener stores a new snooze time for this reminder.
  await worker.evaluate((id) => chrome.notifications.onButtonClicked.dispatch(id, 0), fired.key);
  await until('a snooze from the button', async () => (await state()).reminders.snoozes[0].at_ms > before);
});

test('the toolbar badge follows a new record', async () => {
  const badge = () => ext.evaluate(() => chrome.action.getBadgeText({}));
  const color = () => ext.evaluate(() => chrome.action.getBadgeBackgroundColor({}));
  const inDays = (n) => new Date(Date.now() + n * 86400000);
  await scan(demoHtml(inDays(13)));
  await until('13d', async () => (await badge()) === '13d');
  assert.deepEqual(await color(), [31, 111, 67, 255]);
  await scan(demoHtml(inDays(5)));
  await until('5d', async () => (await badge()) === '5d');
  assert.deepEqual(await color(), [161, 92, 0, 255]);
  // Data under 1 GB with the date 13 days off: data is the nearer risk.
  await scan(demoHtml(inDays(13), { remaining: '0.42 GB' }));
  await until('data left on the badge', async () => /^\d+M$/.test(await badge()));
  const title = await ext.evaluate(() => chrome.action.getTitle({}));
  assert.match(title, /T-Mobile/);
});

test('the popup offers the next renewal as a calendar file', async () => {
  const popup = await openPopup(browser.context, browser.extensionId);
  const link = popup.locator('nav.calendar a[download$=".ics"]');
  assert.equal(await link.count(), 1);
  assert.match(await link.innerText(), /Add T-Mobile renewal to calendar/);
  assert.match(await link.getAttribute('href'), /^data:text\/calendar;charset=utf-8,BEGIN%3AVCALENDAR/);
  await popup.screenshot({ path: join(SHOTS, 'popup-calendar.png'), fullPage: true });
  await popup.close();
});

/** Chooses an import file; again if a redraw (a storage change) replaced the input meanwhile. */
async function chooseFile(page, name, text, selector) {
  for (let attempt = 0; ; attempt++) {
    await page.setInputFiles('#f-import', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
    try {
      await page.waitForSelector(selector, { timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}

test('alarms lost (as over a browser restart) are rebuilt from storage when the worker starts', async () => {
  const log = (await state()).reminders.fired;
  await ext.evaluate(() => chrome.alarms.clearAll());
  assert.deepEqual(await alarms(), []);
  const page = await browser.context.newPage();
  await page.goto('about:blank');
  const stop = await stopWorkers(page, browser.extensionId);
  // Any event starts the worker again; its start-up rebuilds the schedule.
  await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'wake' }).catch(() => null));
  await stop.restarted();
  await page.close();
  await until('alarms rebuilt', async () => (await alarms()).includes('linekeeper:daily'));
  assert.ok((await alarms()).some((n) => n.startsWith('linekeeper:r:lead|t-mobile|')));
  assert.deepEqual((await state()).reminders.fired, log, 'nothing fired twice');
});

async function openOptions() {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.waitForSelector('body[data-ready=true]');
  return page;
}

test('the options page: labelled, keyboard-operable, saves settings, in English and Chinese', async () => {
  const page = await openOptions();
  assert.equal(await page.locator('h1').innerText(), 'LineKeeper settings');
  // Every control has a label.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select')]
      .filter((el) => !el.labels?.length).map((el) => el.outerHTML));
  assert.deepEqual(unlabelled, []);
  // A bad value is refused with a message tied to its field; nothing is stored.
  await page.fill('#f-lead_days', 'soon');
  await page.click('form[data-section=reminders] button[type=submit]');
  await page.waitForSelector('#f-lead_days[aria-invalid=true]');
  assert.match(await page.locator('#f-lead_days-error').innerText(), /whole numbers/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-lead_days');
  assert.deepEqual((await state()).settings.lead_days, [0]);
  // Fixed by keyboard alone and saved with Enter.
  await page.fill('#f-lead_days', '7, 3, 1, 0');
  await page.fill('#f-remind_at', '09:00');
  await page.focus('#f-lead_days');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Saved.');
  assert.deepEqual((await state()).settings.lead_days, [7, 3, 1, 0]);
  await page.screenshot({ path: join(SHOTS, 'options-en.png'), fullPage: true });

  await page.selectOption('#f-language', 'zh_cn');
  await page.click('form[data-section=language] button[type=submit]');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'LineKeeper 设置');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await page.locator('#h-reminders').innerText(), /提醒/);
  await page.screenshot({ path: join(SHOTS, 'options-zh_CN.png'), fullPage: true });
  // The worker speaks the chosen language too: the badge says 天.
  await send({ type: 'sync' });
  await until('badge in Chinese', async () => /天|M$/.test(await ext.evaluate(() => chrome.action.getBadgeText({}))));
  await page.selectOption('#f-language', 'auto');
  await page.click('form[data-section=language] button[type=submit]');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'LineKeeper settings');
  await page.close();
});

test('export, import with a preview, and erase with confirmation', async () => {
  const page = await openOptions();
  const href = await page.locator('a[download="linekeeper-export.json"]').getAttribute('href');
  const exported = JSON.parse(decodeURIComponent(href.replace(/^data:application\/json;charset=utf-8,/, '')));
  assert.equal(exported.linekeeper_export, 1);
  assert.equal(exported.accounts[0].snapshot.carrier, 't-mobile');

  // The calendar file for the next renewal.
  const ics = await page.locator('.calendar-links a').first().getAttribute('href');
  const text = decodeURIComponent(ics.replace(/^data:text\/calendar;charset=utf-8,/, ''));
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(text, /\r\nDTSTART;VALUE=DATE:\d{8}\r\n/);
  assert.equal((text.match(/BEGIN:VALARM/g) || []).length, 4);
  assert.ok(text.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75));

  // A bad file: a clear error, nothing changes.
  const before = await state();
  await chooseFile(page, 'broken.json', '{"linekeeper_export": 1, "accounts": [{', '.preview .error');
  assert.match(await page.locator('.preview').innerText(), /not valid JSON/);
  assert.equal(await page.locator('button[data-action=import-apply]').count(), 0);
  await page.click('button[data-action=import-cancel]');

  // A file with another account: the preview says what changes; applying adds it.
  const other = structuredClone(exported);
  other.accounts[0].snapshot.carrier = 'mint';
  other.accounts[0].host = 'www.mintmobile.com';
  other.accounts[0].page_url = 'https://www.mintmobile.com/account';
  other.history = [['mint', exported.history[0][1]]];
  await chooseFile(page, 'mint.json', JSON.stringify(other), 'button[data-action=import-apply]');
  const preview = await page.locator('.preview').innerText();
  assert.match(preview, /Importing mint\.json will:/);
  assert.match(preview, /add Mint Mobile/);
  assert.deepEqual(await state(), before, 'a preview changes nothing');
  await page.screenshot({ path: join(SHOTS, 'options-import-preview.png'), fullPage: true });
  await page.click('button[data-action=import-apply]');
  await until('the import', async () => (await state()).accounts.some((a) => a.key === 'mint'));
  assert.ok((await state()).accounts.some((a) => a.key === 't-mobile'), 'accounts not in the file stay');

  // Erase: asks first (focus on Cancel), then erases everything.
  await page.focus('button[data-action=erase-ask]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('button[data-action=erase-confirm]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'erase-cancel');
  assert.ok((await state()).accounts.length === 2, 'nothing erased before confirming');
  await page.screenshot({ path: join(SHOTS, 'options-erase-confirm.png'), fullPage: true });
  await page.click('button[data-action=erase-confirm]');
  await until('everything erased', async () => (await state()) === undefined);
  await until('empty badge', async () => (await ext.evaluate(() => chrome.action.getBadgeText({}))) === '');
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Everything was erased.');
  writeFileSync(join(SHOTS, 'export.json'), JSON.stringify(exported, null, 2));
  await page.close();
});
