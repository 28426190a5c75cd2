// `cargo xtask bench` (badge rows): on generated account pages of 1 k, 10 k and 100 k nodes
// whose balance appears 500 ms after load, (1) the long tasks (> 50 ms) on the page with
// the extension against the page alone (served where the extension does not run), and
// (2) the time from the balance element appearing to the badge showing it (warm worker).
import { launch, serve } from '../e2e/harness.mjs';
import { benchBuild, activityRows, ACCOUNT_CARD, median } from './common.mjs';

const SIZES = (process.env.BENCH_SIZES || '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const benchDir = benchBuild();

function page(nodes) {
  const card = ACCOUNT_CARD;
  return `<!doctype html><html lang="en-US"><head><title>My Account | T-Mobile</title><script>
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    addEventListener('load', () => setTimeout(() => {
      document.getElementById('main').insertAdjacentHTML('afterbegin', ${JSON.stringify(card)});
      window.__insertedAt = performance.now();
      // On screen: after the next frame is painted (a frame, then a task).
      requestAnimationFrame(() => setTimeout(() => { window.__paintedAt = performance.now(); }, 0));
    }, 500));
  </script></head><body><main id="main"><section><h2>Activity</h2><ul class="activity">${activityRows(nodes)}</ul></section></main></body></html>`;
}

const browser = await launch({ dist: benchDir });
const rows = [];
try {
  for (const size of SIZES) {
    const html = page(size);
    const withUrl = `https://www.t-mobile.com/account/badge-${size}`;
    const aloneUrl = `https://bench.invalid/account/badge-${size}`; // no content script here
    await serve(browser.context, withUrl, html);
    await serve(browser.context, aloneUrl, html);
    const nodes = size;
    const measure = async (url, withExtension) => {
      const tab = await browser.context.newPage();
      await tab.goto(url);
      await tab.waitForFunction(() => window.__insertedAt, null, { timeout: 60000 });
      let latency = null;
      if (withExtension) {
        const at = await tab.waitForFunction(() => document.documentElement.dataset.linekeeperBadgePainted, null, { timeout: 60000 });
        const [drawn, painted] = JSON.parse(await at.jsonValue());
        const page = await tab.evaluate(() => ({ inserted: window.__insertedAt, painted: window.__paintedAt }));
        // Balance inserted → badge drawn (the DOM calls), and balance painted → badge painted.
        latency = { dom: drawn - page.inserted, screen: painted - page.painted, layout: page.painted - page.inserted };
      }
      if (withExtension && process.env.BENCH_VERBOSE) console.log(nodes, JSON.stringify(latency), await tab.evaluate(() => document.documentElement.dataset.linekeeperBench));
      await tab.waitForTimeout(1500);
      const long = await tab.evaluate(() => window.__long);
      await tab.close();
      return { count: long.length, total: long.reduce((a, b) => a + b, 0), longest: Math.max(0, ...long), latency };
    };
    const alone = [];
    const withExt = [];
    for (let i = 0; i < RUNS; i++) {
      alone.push(await measure(aloneUrl, false));
      withExt.push(await measure(withUrl, true));
    }
    rows.push({
      size,
      aloneLong: median(alone.map((r) => r.total)),
      aloneLongest: median(alone.map((r) => r.longest)),
      withLong: median(withExt.map((r) => r.total)),
      withLongest: median(withExt.map((r) => r.longest)),
      latency: median(withExt.map((r) => r.latency.dom)),
      screen: median(withExt.map((r) => r.latency.screen)),
      layout: median(withExt.map((r) => r.latency.layout)),
    });
  }
} finally {
  await browser.close();
}

console.log('');
console.log('badge: long tasks (sum of tasks > 50 ms, and the longest) with the extension vs the page alone;');
console.log('latency: balance inserted -> badge drawn (DOM calls), and balance painted -> badge painted (screen); the page paints the balance "layout" after inserting it');
console.log(`${'page'.padEnd(14)} ${'long (page alone)'.padStart(20)} ${'long (with ext.)'.padStart(20)} ${'added'.padStart(9)} ${'latency (DOM)'.padStart(14)} ${'(screen)'.padStart(9)} ${'layout'.padStart(8)}`);
for (const r of rows) {
  console.log(
    `${`${r.size} nodes`.padEnd(14)} ${`${r.aloneLong.toFixed(0)} ms (max ${r.aloneLongest.toFixed(0)})`.padStart(20)} ${`${r.withLong.toFixed(0)} ms (max ${r.withLongest.toFixed(0)})`.padStart(20)} ${`${(r.withLong - r.aloneLong).toFixed(0)} ms`.padStart(9)} ${`${r.latency.toFixed(0)} ms`.padStart(14)} ${`${r.screen.toFixed(0)} ms`.padStart(9)} ${`${r.layout.toFixed(0)} ms`.padStart(8)}`,
  );
}
console.log(`(median of ${RUNS} runs; goals: no long task added, badge within 150 ms)`);
