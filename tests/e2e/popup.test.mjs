// The toolbar popup against seeded storage, in English and Simplified Chinese, light and
// dark: each state (fresh, stale, urgent, unlimited, multi-line, confirmed renewal, empty)
// is drawn, screenshotted under target/screenshots/popup-*.png and audited with axe-core
// (0 violations). The checklist is ticked with the keyboard and stored through the worker.
// One browser at a time: English first, then zh-CN.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, demoPage, DEMO_URL, waitForAccount, openPopup, dayFromToday, ROOT } from './harness.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SHOTS = join(ROOT, 'target/screenshots');
mkdirSync(SHOTS, { recursive: true });
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const iso = (days) => dayFromToday(days).iso;

/**
 * A line's history: one reading a day for `days` days, the cycle restarting `cycleDays`
 * before the bill date (data left back to the total, or data used back to zero).
 */
function history(now, { billIn, cycleDays = 30, days = 40, lines }) {
  const start = billIn - cycleDays; // cycle start, in days from today (negative)
  const points = [];
  for (let d = -days; d <= 0; d++) {
    const inCycle = d >= start;
    const since = inCycle ? d - start : d - (start - cycleDays);
    const at = now - -d * DAY - (d === 0 ? 10 * 60_000 : 0);
    points.push({
      at_ms: at,
      date: iso(d),
      next_bill_date: iso(inCycle ? billIn : billIn - cycleDays),
      lines: lines.map((l) => (l.unlimited
        ? [l.last4 ?? '', null, Math.max(0, Math.round(l.pace * since))]
        : [l.last4 ?? '', Math.min(l.total, Math.max(0, Math.round(l.total - l.pace * since))), Math.max(0, Math.round(l.pace * since))])),
    });
  }
  return points;
}

/** A stored account whose latest record matches the end of its history. */
function account(now, { key = 't-mobile', host = 'www.t-mobile.com', page = DEMO_URL, billIn = 13, readAgo = 10 * 60_000,
  lines, balance = { amount: '0.00', currency: 'USD' }, amount_due = null, autopay = false, days = 40, cycleDays = 30 }) {
  // Readings up to the last read; the stored record is the last of them.
  const hist = history(now, { billIn, cycleDays, days, lines }).filter((p) => p.at_ms <= now - readAgo + 1);
  const last = hist[hist.length - 1];
  last.at_ms = now - readAgo;
  return {
    key,
    carrier: key.startsWith('host:') ? null : key,
    host,
    page_url: page,
    read_at_ms: now - readAgo,
    latest: {
      schema: 1,
      status: 'ok',
      carrier: key.startsWith('host:') ? null : key,
      next_bill_date: iso(billIn),
      balance,
      amount_due,
      autopay,
      lines: lines.map((l, i) => {
        const [, left, used] = last.lines[i];
        return {
          number_last4: l.last4 ?? null,
          label: l.label ?? null,
          plan: l.plan ?? null,
          renews_on: iso(billIn),
          data: l.unlimited
            ? { remaining_mb: null, used_mb: used, total_mb: null, unlimited: true }
            : { remaining_mb: left, used_mb: used, total_mb: l.total, unlimited: false },
        };
      }),
    },
    history: hist,
  };
}

const STATES = {
  empty: () => null,
  fresh: (now) => ({
    version: 1,
    accounts: [account(now, { lines: [{ last4: '4821', plan: 'Prepaid Connect', total: 5120, pace: 95 }] })],
  }),
  stale: (now) => ({
    version: 1,
    accounts: [account(now, { readAgo: 5 * DAY, billIn: 20, lines: [{ last4: '4821', plan: 'Prepaid Connect', total: 5120, pace: 60 }] })],
  }),
  urgent: (now) => ({
    version: 1,
    accounts: [account(now, { billIn: 1, lines: [{ last4: '4821', plan: 'Prepaid Connect', total: 5120, pace: 175 }] })],
    checklists: [{ account: 't-mobile', cycle: iso(1), done: [true, true, true, true, false], paid_at_ms: now - 4.5 * HOUR, confirmed: null }],
  }),
  unlimited: (now) => ({
    version: 1,
    accounts: [account(now, {
      billIn: 9, autopay: true, balance: null, amount_due: { amount: '65.00', currency: 'USD' },
      lines: [{ last4: '7310', plan: 'Essentials', unlimited: true, pace: 610 }],
    })],
  }),
  multi: (now) => ({
    version: 1,
    accounts: [
      account(now, {
        billIn: 22, autopay: true, balance: null, amount_due: { amount: '140.00', currency: 'USD' },
        lines: [
          { last4: '4821', label: 'Mom', total: 10240, pace: 140 },
          { last4: '5532', label: 'Dad', total: 10240, pace: 380 },
          { last4: '9017', label: 'Tablet', total: 2048, pace: 20 },
        ],
      }),
      account(now, {
        key: 'mint', host: 'www.mintmobile.com', page: 'https://www.mintmobile.com/account', billIn: 4, cycleDays: 90, days: 100,
        balance: { amount: '5.20', currency: 'USD' }, lines: [{ last4: '2208', plan: '5GB', total: 5120, pace: 45 }],
      }),
    ],
  }),
  confirmed: (now) => ({
    version: 1,
    accounts: [account(now, { billIn: 0, lines: [{ last4: '4821', plan: 'Prepaid Connect', total: 5120, pace: 150 }] })],
    checklists: [{ account: 't-mobile', cycle: iso(0), done: [true, true, true, true, false], paid_at_ms: now - HOUR, confirmed: null }],
  }),
};

/** Writes the stored state from an extension page (null clears it). */
async function seed(context, extensionId, state) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate(async (s) => {
      await chrome.storage.local.clear();
      if (s) await chrome.storage.local.set({ state: s });
    }, state);
  } finally {
    await page.close();
  }
}

/** axe-core run through CDP (the page's CSP refuses injected scripts); returns violations. */
async function axe(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Runtime.evaluate', { expression: AXE });
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression: `axe.run(document, { resultTypes: ['violations'] }).then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary) }))))`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`axe failed: ${JSON.stringify(exceptionDetails)}`);
    return JSON.parse(result.value);
  } finally {
    await cdp.detach();
  }
}

/** Opens the popup with `state` seeded, in `scheme`; every <details> opened for the picture. */
async function show(browser, state, scheme = 'light') {
  const { context, extensionId } = browser;
  await seed(context, extensionId, state);
  const page = await openPopup(context, extensionId);
  await page.emulateMedia({ colorScheme: scheme });
  return page;
}

/** Screenshot and axe audit in both schemes (folds opened, so their content is audited too). */
async function pictureAndAudit(page, name, lang) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(SHOTS, `popup-${name}-${lang}-${scheme}.png`), fullPage: true });
    const violations = await axe(page);
    assert.deepEqual(violations, [], `${name} ${lang} ${scheme}: ${JSON.stringify(violations, null, 1)}`);
  }
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const violations = await axe(page);
  assert.deepEqual(violations, [], `${name} ${lang} (folds open): ${JSON.stringify(violations, null, 1)}`);
}

for (const [locale, lang] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
  const en = lang === 'en';
  describe(`popup (${locale})`, () => {
    let browser;
    before(async () => {
      browser = await launch({ locale });
    });
    after(async () => {
      await browser?.close();
    });

    test('empty: names the supported carriers and opens one', async () => {
      const page = await show(browser, STATES.empty());
      const text = await page.locator('#app').innerText();
      assert.match(text, en ? /No account read yet/ : /还没有/);
      assert.match(text, /T-Mobile/);
      const link = page.locator('section.empty a.button');
      assert.equal(await link.getAttribute('href'), 'https://www.t-mobile.com/account');
      await pictureAndAudit(page, 'empty', lang);
      await page.close();
    });

    test('fresh: days headline, bar, forecast, chart with bill dates, checklist', async () => {
      const now = Date.now();
      const page = await show(browser, STATES.fresh(now));
      const text = await page.locator('#app').innerText();
      assert.match(text, en ? /renews in 13 days/ : /13 天后续费/);
      assert.match(text, en ? /read 10 min ago/ : /10 分钟前读取/);
      assert.doesNotMatch(text, en ? /Stale/ : /过期/);
      assert.match(text, en ? /You use about 9\d MB a day/ : /每天大约用 9\d MB/);
      assert.match(text, en ? /At this pace about .* will be left at renewal/ : /续费时约剩/);
      assert.match(text, en ? /a 5\.0 GB plan covers it/ : /5\.0 GB 的套餐够用/);
      // The chart: an SVG image with a summary, the bill dates marked, a table beside it.
      const svg = page.locator('svg.chart-svg');
      assert.equal(await svg.getAttribute('role'), 'img');
      assert.match(await svg.getAttribute('aria-label'), en ? /Chart of data left .* Bill dates: / : /剩余流量图/);
      assert.equal(await page.locator('svg.chart-svg line.bill').count(), 2);
      assert.equal(await page.locator('svg.chart-svg path.curve').count(), 1);
      assert.equal(await page.locator('.readings tbody tr').count(), 14);
      // Checklist: five steps, none done, folds with the common troubles.
      assert.equal(await page.locator('.steps input[type=checkbox]').count(), 5);
      assert.equal(await page.locator('.steps input:checked').count(), 0);
      assert.equal(await page.locator('.steps details.trouble').count(), 4);
      assert.equal(await page.locator('.account').getAttribute('class'), 'account u-ok');
      await pictureAndAudit(page, 'fresh', lang);
      await page.close();
    });

    test('checklist: ticked with the keyboard, stored by the worker, focus kept after the redraw', async () => {
      const now = Date.now();
      const page = await show(browser, STATES.fresh(now));
      await page.focus('#step-0-0');
      await page.keyboard.press('Space');
      await page.waitForFunction(async () => {
        const { state } = await chrome.storage.local.get('state');
        return state?.checklists?.[0]?.done?.[0] === true;
      });
      await page.waitForFunction(() => document.querySelector('#step-0-0')?.checked
        && document.querySelector('.step.done') && document.activeElement?.id === 'step-0-0');
      await page.keyboard.press('Tab');
      // Tab moves on to the next control after the checkbox.
      assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'step-0-0');
      const stored = await page.evaluate(async () => (await chrome.storage.local.get('state')).state.checklists[0]);
      assert.deepEqual(stored.done, [true, false, false, false, false]);
      assert.equal(stored.cycle, iso(13));
      // A malformed action from the popup is refused by Rust, not stored.
      const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'checklist', account: 't-mobile', step: 9, done: true }));
      assert.match(reply.error, /no step 9/);
      const reply2 = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'wipe' }));
      assert.match(reply2.error, /could not be read/);
      await page.close();
    });

    test('popup.html#checklist (the badge\'s link) focuses the first step not done', async () => {
      const { context, extensionId } = browser;
      await seed(context, extensionId, STATES.urgent(Date.now()));
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html#checklist`);
      await page.waitForSelector('body[data-ready]');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-0-4');
      await page.close();
    });

    test('stale: marked stale with the date read, never as current', async () => {
      const page = await show(browser, STATES.stale(Date.now()));
      const text = await page.locator('#app').innerText();
      assert.match(text, en ? /read 5 days ago/ : /5 天前读取/);
      assert.match(text, new RegExp(en ? `As of ${dayFromToday(-5).long}.*Stale` : '截至.*过期'));
      assert.match(await page.locator('.account').getAttribute('class'), /is-stale/);
      await pictureAndAudit(page, 'stale', lang);
      await page.close();
    });

    test('urgent: renews tomorrow, runs out first, paid hours ago without confirmation says what to do', async () => {
      const page = await show(browser, STATES.urgent(Date.now()));
      const text = await page.locator('#app').innerText();
      assert.match(text, en ? /renews tomorrow/ : /明天续费/);
      assert.match(await page.locator('.account').getAttribute('class'), /u-urgent/);
      assert.match(text, en ? /Still not confirmed 4 hours after paying/ : /付款 4 小时后仍未确认/);
      assert.equal(await page.locator('.steps input:checked').count(), 4);
      await pictureAndAudit(page, 'urgent', lang);
      await page.close();
    });

    test('unlimited: shows data used, no fake remaining, no bar', async () => {
      const page = await show(browser, STATES.unlimited(Date.now()));
      const text = await page.locator('#app').innerText();
      assert.match(text, en ? /used · Unlimited/ : /不限量/);
      assert.doesNotMatch(text, en ? /left/ : /剩余 /);
      assert.equal(await page.locator('[role=progressbar]').count(), 0);
      assert.match(text, en ? /AutoPay\s+On/ : /自动付款\s+已开启/);
      assert.match(text, /\$65\.00/);
      assert.match(await page.locator('svg.chart-svg').getAttribute('aria-label'), en ? /data used/ : /已用流量/);
      assert.match(text, en ? /Pay the amount due: \$65\.00/ : /支付应付金额：\$65\.00/);
      await pictureAndAudit(page, 'unlimited', lang);
      await page.close();
    });

    test('multi-line: accounts ordered by urgency and switchable with the arrow keys', async () => {
      const page = await show(browser, STATES.multi(Date.now()));
      const picks = page.locator('.switch label');
      assert.equal(await picks.count(), 2);
      assert.match(await picks.nth(0).innerText(), /Mint/);
      assert.equal(await page.locator('section.account:not([hidden])').count(), 1);
      assert.equal(await page.locator('section.account:not([hidden])').getAttribute('id'), 'panel-0');
      // The Mint plan renews every 90 days: the forecast speaks of that cycle.
      assert.match(await page.locator('#panel-0').innerText(), en ? /every 90 days/ : /每 90 天/);
      await pictureAndAudit(page, 'multi-mint', lang);
      await page.focus('#pick-0');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => !document.querySelector('#panel-1').hidden && document.querySelector('#panel-0').hidden);
      const family = await page.locator('#panel-1').innerText();
      for (const name of ['•••4821 · Mom', '•••5532 · Dad', '•••9017 · Tablet']) assert.ok(family.includes(name), family);
      assert.equal(await page.locator('#panel-1 svg.chart-svg path.curve').count(), 3);
      assert.equal(await page.locator('#panel-1 .legend li').count(), 4);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = false; }));
      await pictureAndAudit(page, 'multi-family', lang);
      await page.close();
    });

    test('confirmed renewal: a new record with the date moved forward ticks the last step', async () => {
      const { context, extensionId } = browser;
      await seed(context, extensionId, STATES.confirmed(Date.now()));
      const demo = demoPage();
      await serve(context, DEMO_URL, demo.html);
      const tab = await context.newPage();
      const t0 = Date.now();
      await tab.goto(DEMO_URL);
      await waitForAccount(context, extensionId, 't-mobile', { since: t0 - 1 });
      await tab.close();
      const page = await openPopup(context, extensionId);
      const text = await page.locator('#app').innerText();
      const long = en ? demo.renews.long : '';
      assert.match(text, en ? new RegExp(`Renewal confirmed: the next date is now ${long}`) : /续费已确认/);
      assert.equal(await page.locator('.steps input:checked').count(), 5);
      assert.doesNotMatch(text, en ? /Still not confirmed/ : /仍未确认/);
      await pictureAndAudit(page, 'confirmed', lang);
      await page.close();
    });
  });
}
