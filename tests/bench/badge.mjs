// `cargo xtask bench` (badge rows): on generated account pages of 1 k, 10 k and 100 k nodes
// whose balance appears 500 ms after load, (1) the long tasks (> 50 ms) on the page with
// the extension against the page alone (served where the extension does not run), and
// (2) the time from the balance element appearing to the badge showing it (warm worker).
import { cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, ROOT } from '../e2e/harness.mjs';

const SIZES = [1000, 10000, 100000];
const RUNS = 3;
const source = process.env.LINEKEEPER_DIST || join(ROOT, 'dist/chrome');
const benchDir = join(ROOT, 'target/bench-ext/chrome');
rmSync(benchDir, { recursive: true, force: true });
cpSync(source, benchDir, { recursive: true });
const contentPath = join(benchDir, 'content.js');
writeFileSync(contentPath, readFileSync(contentPath, 'utf8').replace('const BENCH = false;', 'const BENCH = true;'));

function page(nodes) {
  const rows = [];
  for (let i = 0; rows.length * 9 < nodes - 60; i++) {
    rows.push(`<li class="activity__row"><span class="activity__date">Oct ${1 + (i % 28)}</span><span class="activity__what">Call to (•••) •••-${String(1000 + (i % 9000))}</span><span class="activity__amount">${(i % 60) + 1} min</span><small>Included</small></li>`);
  }
  const card = `<section class="card"><h2>Your line</h2><div>Line <span>(•••) •••-4821</span></div><div class="plan">Prepaid Connect</div><div>High-Speed Data</div><p><span>3.42 GB</span> remaining of 5 GB</p><div class="kv"><span>Account balance</span><span>$0.00</span></div><div class="kv"><span>Plan renews</span><span>Dec 9, 2026</span></div></section>`;
  return `<!doctype html><html lang="en-US"><head><title>My Account | T-Mobile</title><script>
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    addEventListener('load', () => setTimeout(() => {
      document.getElementById('main').insertAdjacentHTML('afterbegin', ${JSON.stringify(card)});
      window.__insertedAt = performance.now();
    }, 500));
  </script></head><body><main id="main"><section><h2>Activity</h2><ul class="activity">${rows.join('')}</ul></section></main></body></html>`;
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const browser = await launch({ dist: benchDir });
const rows = [];
try {
  for (const size of SIZES) {
    const html = page(size);
    const withUrl = `https://www.t-mobile.com/account/badge-${size}`;
    const aloneUrl = `https://bench.invalid/account/badge-${size}`; // no content script here
    await serve(browser.context, withUrl, html);
    await serve(browser.context, aloneUrl, html);
    const measure = async (url, withExtension) => {
      const tab = await browser.context.newPage();
      await tab.goto(url);
      await tab.waitForFunction(() => window.__insertedAt, null, { timeout: 60000 });
      let latency = null;
      if (withExtension) {
        const at = await tab.waitForFunction(() => document.documentElement.dataset.linekeeperBadgeAt, null, { timeout: 60000 });
        latency = Number(await at.jsonValue()) - (await tab.evaluate(() => window.__insertedAt));
      }
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
      latency: median(withExt.map((r) => r.latency)),
    });
  }
} finally {
  await browser.close();
}

console.log('');
console.log('badge: long tasks (sum of tasks > 50 ms, and the longest) with the extension vs the page alone; latency from balance shown to badge shown');
console.log(`${'page'.padEnd(14)} ${'long (page alone)'.padStart(20)} ${'long (with ext.)'.padStart(20)} ${'added'.padStart(9)} ${'badge latency'.padStart(14)}`);
for (const r of rows) {
  console.log(
    `${`${r.size} nodes`.padEnd(14)} ${`${r.aloneLong.toFixed(0)} ms (max ${r.aloneLongest.toFixed(0)})`.padStart(20)} ${`${r.withLong.toFixed(0)} ms (max ${r.withLongest.toFixed(0)})`.padStart(20)} ${`${(r.withLong - r.aloneLong).toFixed(0)} ms`.padStart(9)} ${`${r.latency.toFixed(0)} ms`.padStart(14)}`,
  );
}
console.log(`(median of ${RUNS} runs; goals: no long task added, badge within 150 ms)`);
