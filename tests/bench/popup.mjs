// `cargo xtask bench` (popup part): the popup's first render beside a blank extension page
// opened the same way in the same run, and the popup's render time with 1 and with 1 000
// stored snapshots (history points) for the account (and with 24: a chart drawn, as with 1 000;
// with one there is none).
//
// - first render: navigation start → the popup drawn (performance mark `linekeeper:drawn`
//   set by popup.js after Rust drew it); for the blank page, navigation start → load end.
// - render time: storage read (the worker's cache of the state, `popup_cache`) + Rust
//   (state, view model, DOM): the marks `linekeeper:read` → `linekeeper:state` plus
//   `linekeeper:draw` → `linekeeper:drawn`. The read runs while the wasm is instantiated;
//   that wait (history-independent) is not counted.
// - floor: an extension page that runs one empty script (and marks it ran), to show what
//   any page with a script costs here beside the blank one (MV3 pages cannot inline script).
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT, manyReadings } from '../e2e/harness.mjs';

const RUNS = 15;
const source = process.env.LINEKEEPER_DIST || join(ROOT, 'dist/chrome');
const benchDir = join(ROOT, 'target/bench-popup/chrome');
rmSync(benchDir, { recursive: true, force: true });
cpSync(source, benchDir, { recursive: true });
// The reference: an extension page with nothing on it, served from the same extension.
writeFileSync(join(benchDir, 'blank.html'), '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>\n');
writeFileSync(join(benchDir, 'floor.html'), '<!doctype html><html><head><meta charset="utf-8"><title>floor</title><script src="floor.js" defer></script></head><body></body></html>\n');
writeFileSync(join(benchDir, 'floor.js'), "performance.mark('floor:ran');\n");

const state = manyReadings;

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
    // The popup reads the worker's cache of the state once it is rebuilt (background.js).
    for (let i = 0; i < 200; i++) {
      const { popup_cache: cache } = await chrome.storage.local.get('popup_cache');
      if (cache && cache.state_bytes === await chrome.storage.local.getBytesInUse('state')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the popup cache was not rebuilt');
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
  const [read, state, draw, drawn] = ['read', 'state', 'draw', 'drawn']
    .map((name) => performance.getEntriesByName(`linekeeper:${name}`)[0]?.startTime);
  if (state === undefined) {
    // A build from before these marks (read after the wasm, then drawn): read → drawn.
    return { first: drawn, render: drawn - read, storage: NaN, rust: NaN, alone: NaN, storageAlone: NaN };
  }
  // The popup's read overlaps the wasm's instantiation, so its span includes waiting for
  // that; the same reads again, alone, once the popup is drawn, are the read's own cost.
  const alone = performance.now();
  return Promise.all([chrome.storage.local.get('popup_cache'), chrome.storage.local.getBytesInUse('state')])
    .then(() => {
      const storageAlone = performance.now() - alone;
      return {
        first: drawn,
        render: (state - read) + (drawn - draw),
        storage: state - read,
        rust: drawn - draw,
        alone: storageAlone + (drawn - draw),
        storageAlone,
      };
    });
};
const popupReady = () => document.body.dataset.ready === 'true' && performance.getEntriesByName('linekeeper:drawn').length > 0;
const blankReady = () => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0;
const blankTimings = () => ({ first: performance.getEntriesByType('navigation')[0].loadEventEnd });
const floorReady = () => performance.getEntriesByName('floor:ran').length > 0;
const floorTimings = () => ({ first: performance.getEntriesByName('floor:ran')[0].startTime });

const rows = {};
try {
  // 24 readings (two days): the chart and forecast are drawn, as with 1 000.
  for (const points of [1, 24, 1000]) {
    await seed(state(points));
    // One warm-up of each (the first open compiles and caches), then alternate.
    await open('popup.html', popupReady, popupTimings);
    await open('blank.html', blankReady, blankTimings);
    await open('floor.html', floorReady, floorTimings);
    const popup = [];
    const blank = [];
    const floor = [];
    for (let run = 0; run < RUNS; run++) {
      popup.push(await open('popup.html', popupReady, popupTimings));
      blank.push(await open('blank.html', blankReady, blankTimings));
      floor.push(await open('floor.html', floorReady, floorTimings));
    }
    rows[points] = {
      first: median(popup.map((p) => p.first)),
      render: median(popup.map((p) => p.render)),
      storage: median(popup.map((p) => p.storage)),
      rust: median(popup.map((p) => p.rust)),
      alone: median(popup.map((p) => p.alone)),
      storageAlone: median(popup.map((p) => p.storageAlone)),
      blank: median(blank.map((b) => b.first)),
      floor: median(floor.map((f) => f.first)),
    };
  }
} finally {
  await browser.close();
}

const ms = (v) => `${v.toFixed(1)} ms`;
const one = rows[1];
const few = rows[24];
const many = rows[1000];
console.log('');
console.log(`${'popup figure'.padEnd(44)} ${'measured'.padStart(12)} ${'reference'.padStart(12)} ${'ratio'.padStart(7)} goal`);
console.log(`${'first render (1 snapshot) vs blank page'.padEnd(44)} ${ms(one.first).padStart(12)} ${ms(one.blank).padStart(12)} ${`${(one.first / one.blank).toFixed(2)}x`.padStart(7)} <= 1.5x`);
console.log(`${'first render (1 000 snapshots) vs blank'.padEnd(44)} ${ms(many.first).padStart(12)} ${ms(many.blank).padStart(12)} ${`${(many.first / many.blank).toFixed(2)}x`.padStart(7)}`);
console.log(`${'render: 1 000 vs 1 stored snapshot'.padEnd(44)} ${ms(many.render).padStart(12)} ${ms(one.render).padStart(12)} ${`${(many.render / one.render).toFixed(2)}x`.padStart(7)} <= 1.2x`);
console.log(`${'  storage read: 1 000 vs 1'.padEnd(44)} ${ms(many.storage).padStart(12)} ${ms(one.storage).padStart(12)} ${`${(many.storage / one.storage).toFixed(2)}x`.padStart(7)}`);
console.log(`${'  language + Rust drawing: 1 000 vs 1'.padEnd(44)} ${ms(many.rust).padStart(12)} ${ms(one.rust).padStart(12)} ${`${(many.rust / one.rust).toFixed(2)}x`.padStart(7)}`);
console.log(`${'render, the read timed alone: 1 000 vs 1'.padEnd(44)} ${ms(many.alone).padStart(12)} ${ms(one.alone).padStart(12)} ${`${(many.alone / one.alone).toFixed(2)}x`.padStart(7)}`);
console.log(`${'  storage read alone: 1 000 vs 1'.padEnd(44)} ${ms(many.storageAlone).padStart(12)} ${ms(one.storageAlone).padStart(12)} ${`${(many.storageAlone / one.storageAlone).toFixed(2)}x`.padStart(7)}`);
console.log(`${'render, the read timed alone: 1 000 vs 24'.padEnd(44)} ${ms(many.alone).padStart(12)} ${ms(few.alone).padStart(12)} ${`${(many.alone / few.alone).toFixed(2)}x`.padStart(7)}  (both drawn with a chart)`);
console.log(`${'popup opened to drawn: 1 000 vs 1'.padEnd(44)} ${ms(many.first).padStart(12)} ${ms(one.first).padStart(12)} ${`${(many.first / one.first).toFixed(2)}x`.padStart(7)}  (what the user waits)`);
console.log(`${'floor: page with one empty script vs blank'.padEnd(44)} ${ms(one.floor).padStart(12)} ${ms(one.blank).padStart(12)} ${`${(one.floor / one.blank).toFixed(2)}x`.padStart(7)}`);
console.log(`(median of ${RUNS} opens each, after one warm-up; render = storage read + language + Rust view model, markup and DOM)`);
