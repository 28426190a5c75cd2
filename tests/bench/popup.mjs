// `cargo xtask bench` (popup part): the popup's first render beside a blank extension page
// opened the same way in the same run, and the popup's render time with 1 and with 1 000
// stored snapshots (history points) for the account.
//
// - first render: navigation start → the popup drawn (performance mark `linekeeper:drawn`
//   set by popup.js after Rust drew it); for the blank page, navigation start → load end.
// - render time: storage read + Rust (state, view model, DOM) — the marks
//   `linekeeper:read` → `linekeeper:drawn`.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT, dayFromToday } from '../e2e/harness.mjs';

const RUNS = 15;
const DAY = 86_400_000;
const source = process.env.LINEKEEPER_DIST || join(ROOT, 'dist/chrome');
const benchDir = join(ROOT, 'target/bench-popup/chrome');
rmSync(benchDir, { recursive: true, force: true });
cpSync(source, benchDir, { recursive: true });
// The reference: an extension page with nothing on it, served from the same extension.
writeFileSync(join(benchDir, 'blank.html'), '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>\n');

/** A T-Mobile account with `points` history points, one every two hours, two lines. */
function state(points) {
  const now = Date.now();
  const bill = dayFromToday(13).iso;
  const history = [];
  for (let i = 0; i < points; i++) {
    const at = now - (points - 1 - i) * 2 * 3_600_000;
    const d = new Date(at);
    const pad = (n) => String(n).padStart(2, '0');
    history.push({
      at_ms: at,
      date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
      next_bill_date: bill,
      lines: [['4821', 5120 - ((i * 7) % 5000), null], ['5532', 10240 - ((i * 13) % 10000), null]],
    });
  }
  const last = history[history.length - 1].lines;
  return {
    version: 1,
    accounts: [{
      key: 't-mobile', carrier: 't-mobile', host: 'www.t-mobile.com', page_url: 'https://www.t-mobile.com/account',
      read_at_ms: now - 60_000,
      latest: {
        schema: 1, status: 'ok', carrier: 't-mobile', next_bill_date: bill,
        balance: { amount: '0.00', currency: 'USD' }, amount_due: null, autopay: false,
        lines: last.map(([last4, left]) => ({
          number_last4: last4, label: null, plan: 'Prepaid Connect', renews_on: bill,
          data: { remaining_mb: left, used_mb: null, total_mb: last4 === '4821' ? 5120 : 10240, unlimited: false },
        })),
      },
      history,
    }],
    checklists: [],
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const browser = await launch({ dist: benchDir });
const { context, extensionId } = browser;
const base = `chrome-extension://${extensionId}`;

async function seed(value) {
  const page = await context.newPage();
  await page.goto(`${base}/blank.html`);
  await page.evaluate(async (s) => {
    // Stored the way the worker stores it (history as its compact string).
    const wasm = await import('./wasm/linekeeper_wasm.js');
    await wasm.default();
    await chrome.storage.local.clear();
    await chrome.storage.local.set({ state: wasm.normalize_state(s) });
  }, value);
  await page.close();
}

/** Opens `path` in a new tab and returns its timings once `ready` holds. */
async function open(path, ready, timings) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`${base}/${path}`);
  await page.waitForFunction(ready);
  const out = await page.evaluate(timings);
  await page.close();
  return out;
}

const popupTimings = () => {
  const read = performance.getEntriesByName('linekeeper:read')[0];
  const drawn = performance.getEntriesByName('linekeeper:drawn')[0];
  return { first: drawn.startTime, render: drawn.startTime - read.startTime };
};
const popupReady = () => document.body.dataset.ready === 'true' && performance.getEntriesByName('linekeeper:drawn').length > 0;
const blankReady = () => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0;
const blankTimings = () => ({ first: performance.getEntriesByType('navigation')[0].loadEventEnd });

const rows = {};
try {
  for (const points of [1, 1000]) {
    await seed(state(points));
    // One warm-up of each (the first open compiles and caches), then alternate.
    await open('popup.html', popupReady, popupTimings);
    await open('blank.html', blankReady, blankTimings);
    const popup = [];
    const blank = [];
    for (let run = 0; run < RUNS; run++) {
      popup.push(await open('popup.html', popupReady, popupTimings));
      blank.push(await open('blank.html', blankReady, blankTimings));
    }
    rows[points] = {
      first: median(popup.map((p) => p.first)),
      render: median(popup.map((p) => p.render)),
      blank: median(blank.map((b) => b.first)),
    };
  }
} finally {
  await browser.close();
}

const ms = (v) => `${v.toFixed(1)} ms`;
const one = rows[1];
const many = rows[1000];
console.log('');
console.log(`${'popup figure'.padEnd(44)} ${'measured'.padStart(12)} ${'reference'.padStart(12)} ${'ratio'.padStart(7)} goal`);
console.log(`${'first render (1 snapshot) vs blank page'.padEnd(44)} ${ms(one.first).padStart(12)} ${ms(one.blank).padStart(12)} ${`${(one.first / one.blank).toFixed(2)}x`.padStart(7)} <= 1.5x`);
console.log(`${'first render (1 000 snapshots) vs blank'.padEnd(44)} ${ms(many.first).padStart(12)} ${ms(many.blank).padStart(12)} ${`${(many.first / many.blank).toFixed(2)}x`.padStart(7)}`);
console.log(`${'render: 1 000 vs 1 stored snapshot'.padEnd(44)} ${ms(many.render).padStart(12)} ${ms(one.render).padStart(12)} ${`${(many.render / one.render).toFixed(2)}x`.padStart(7)} <= 1.2x`);
console.log(`(median of ${RUNS} opens each, after one warm-up; render = storage read + Rust view model + DOM)`);
