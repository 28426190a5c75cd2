// `cargo xtask bench` (browser part): the whole scan — content-script walk, message, Rust
// extraction and storage in the worker — on generated account pages of 1 k, 10 k and 100 k
// nodes, beside a bare TreeWalker text pass over the same page, in the same run.
import { cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, ROOT } from '../e2e/harness.mjs';

const SIZES = [1000, 10000, 100000];
const RUNS = 5;
const source = process.env.LINEKEEPER_DIST || join(ROOT, 'dist/chrome');
const benchDir = join(ROOT, 'target/bench-ext/chrome');
rmSync(benchDir, { recursive: true, force: true });
cpSync(source, benchDir, { recursive: true });
const contentPath = join(benchDir, 'content.js');
const content = readFileSync(contentPath, 'utf8');
if (!content.includes('const BENCH = false;')) throw new Error('content.js has no BENCH switch');
writeFileSync(contentPath, content.replace('const BENCH = false;', 'const BENCH = true;'));

/** An account page with about `nodes` DOM nodes (elements + text): the account card and a long activity list. */
function page(nodes) {
  const rows = [];
  // Each row is 9 nodes: li, 3 spans, 3 texts, a small, its text.
  for (let i = 0; rows.length * 9 < nodes - 60; i++) {
    rows.push(`<li class="activity__row"><span class="activity__date">Oct ${1 + (i % 28)}</span><span class="activity__what">Call to (•••) •••-${String(1000 + (i % 9000))}</span><span class="activity__amount">${(i % 60) + 1} min</span><small>Included</small></li>`);
  }
  return `<!doctype html><html lang="en-US"><head><title>My Account | T-Mobile</title></head><body>
  <header><nav><a href="/account">Account</a><a href="/usage">Usage</a></nav></header>
  <main><section class="card"><h2>Your line</h2><div>Line <span>(•••) •••-4821</span></div>
  <div class="plan">Prepaid Connect</div><div>High-Speed Data</div><p><span>3.42 GB</span> remaining of 5 GB</p>
  <div class="kv"><span>Account balance</span><span>$0.00</span></div><div class="kv"><span>Plan renews</span><span>Dec 9, 2026</span></div></section>
  <section><h2>Activity</h2><ul class="activity">${rows.join('')}</ul></section></main></body></html>`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const browser = await launch({ dist: benchDir });
const results = [];
try {
  for (const size of SIZES) {
    const url = `https://www.t-mobile.com/account/bench-${size}`;
    await serve(browser.context, url, page(size));
    const scans = [];
    const bare = [];
    const walks = [];
    const firsts = [];
    let nodes = 0;
    for (let run = 0; run < RUNS; run++) {
      const tab = await browser.context.newPage();
      await tab.goto(url);
      const handle = await tab.waitForFunction(() => document.documentElement.dataset.linekeeperBench, null, { timeout: 60000 });
      const first = JSON.parse(await handle.jsonValue());
      firsts.push(first.total);
      // A second scan on the settled page (layout done): a small change triggers it.
      await tab.evaluate(() => {
        delete document.documentElement.dataset.linekeeperBench;
        document.body.append(document.createTextNode(' '), Object.assign(document.createElement('p'), { textContent: 'Updated just now' }));
      });
      const again = await tab.waitForFunction(() => document.documentElement.dataset.linekeeperBench, null, { timeout: 60000 });
      const report = JSON.parse(await again.jsonValue());
      scans.push(report.total);
      walks.push(report.walk);
      nodes = await tab.evaluate(() => {
        let count = 0;
        const w = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        while (w.nextNode()) count++;
        return count;
      });
      bare.push(await tab.evaluate(() => {
        const t0 = performance.now();
        const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const parts = [];
        while (w.nextNode()) {
          const text = w.currentNode.data.trim();
          if (text) parts.push(text);
        }
        const joined = parts.join('\n');
        return performance.now() - t0 + joined.length * 0;
      }));
      await tab.close();
    }
    results.push({ size, nodes, first: median(firsts), scan: median(scans), walk: median(walks), bare: median(bare) });
  }
} finally {
  await browser.close();
}

console.log('');
console.log('whole scan = content-script walk + JSON + message + Rust extraction + storage, until the badge reply');
console.log(`${'page'.padEnd(14)} ${'first scan'.padStart(11)} ${'settled scan'.padStart(13)} ${'(walk)'.padStart(9)} ${'bare text pass'.padStart(15)} ${'ratio'.padStart(7)}`);
for (const r of results) {
  console.log(
    `${`${r.nodes} nodes`.padEnd(14)} ${`${r.first.toFixed(1)} ms`.padStart(11)} ${`${r.scan.toFixed(1)} ms`.padStart(13)} ${`${r.walk.toFixed(1)} ms`.padStart(9)} ${`${r.bare.toFixed(1)} ms`.padStart(15)} ${`${(r.scan / r.bare).toFixed(1)}x`.padStart(7)}`,
  );
}
const growth = results.length > 1 ? results[results.length - 1].scan / results[results.length - 2].scan : 1;
console.log(`(median of ${RUNS} runs; ratio = settled scan / bare pass; goal <= 2x, linear growth: last step grew ${growth.toFixed(1)}x for 10x nodes)`);
