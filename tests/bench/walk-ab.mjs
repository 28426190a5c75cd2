// Speed work on the content script's walk: `node tests/bench/walk-ab.mjs A.js B.js ...`
// compares versions of `content.js` on the same bench page, in one tab, under the same load
// (wall-clock figures of separate bench runs on a shared machine differ more than most
// changes do). Each sample loads one version into a fresh isolated world (as a content
// script runs: its code not yet optimised) with `chrome` stubbed and no scan started, and
// reads the page whole three times (`pageSnapshot`); the versions take turns. Printed per
// version: medians of the first and third reads, all of it and the walk of the
// neighbourhoods alone, and what the read sent (bytes / nodes: the same for versions that
// must give the same result). A file still holding `"$SCAN_WORDS"` (extension/content.js)
// gets the built vocabulary of dist/chrome/content.js (`cargo xtask dist` first).
// V8 keeps a compiled regular expression per process: only the first world's first read
// compiles the keys' expressions. SIZE (nodes, default 10000), N (samples, default 12).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from '../e2e/harness.mjs';
import { activityRows, ACCOUNT_CARD, median } from './common.mjs';

const files = process.argv.slice(2);
if (!files.length) throw new Error('usage: node tests/bench/walk-ab.mjs CONTENT.js [CONTENT.js ...]');
const SIZE = Number(process.env.SIZE || 10000);
const N = Number(process.env.N || 12);

const built = readFileSync(join(ROOT, 'dist/chrome/content.js'), 'utf8').match(/^ {2}const SCAN_WORDS = .*$/m);
const STUB = `globalThis.chrome = { runtime: { id: 'x', connect: () => ({ onMessage: { addListener() {} }, onDisconnect: { addListener() {} }, postMessage() {}, disconnect() {} }), onMessage: { addListener() {} }, sendMessage: async () => ({}) }, storage: { local: { get: async () => ({}) } }, i18n: { getMessage: () => '' } };\n`;
const START = 'loadPlace().then(scan).then(() => lookForLateRoots(0));';
const READ = `globalThis.__read = async () => {
  rereadAll = true;
  const out = { parts: [], count: 0, anchors: 0, incremental: false, times: {}, boxes: new Map() };
  const t0 = performance.now();
  const page = await pageSnapshot(out);
  return { total: performance.now() - t0, near: out.times.near ?? 0, bytes: page.length, nodes: out.count };
};`;
function prepare(file) {
  let text = readFileSync(file, 'utf8');
  if (text.includes('"$SCAN_WORDS"')) {
    if (!built) throw new Error('dist/chrome/content.js has no vocabulary: run cargo xtask dist');
    text = text.replace(/^ {2}const SCAN_WORDS = .*$/m, () => built[0]);
  }
  if (!text.includes(START)) throw new Error(`${file}: the content script's start was not found`);
  return STUB + text.replace('const BENCH = false;', 'const BENCH = true;').replace(START, READ);
}
const sources = files.map(prepare);

const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html lang="en-US"><head><title>My Account | T-Mobile</title></head><body>
  <header><nav><a href="/account">Account</a><a href="/usage">Usage</a></nav></header>
  <main>${ACCOUNT_CARD}<section><h2>Activity</h2><ul class="activity">${activityRows(SIZE)}</ul></section></main></body></html>`);
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const results = files.map(() => ({ first: [], third: [], firstWalk: [], thirdWalk: [], sent: '' }));
  let worlds = 0;
  for (let i = 0; i < N; i++) {
    for (let v = 0; v < files.length; v++) {
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: `walk-ab-${worlds++}` });
      const run = async (expression) => {
        const r = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true });
        if (r.exceptionDetails) throw new Error(`${files[v]}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
        return r.result.value;
      };
      await run(sources[v]);
      const first = await run('__read()');
      await run('__read()');
      const third = await run('__read()');
      const r = results[v];
      r.first.push(first.total);
      r.third.push(third.total);
      r.firstWalk.push(first.total - first.near);
      r.thirdWalk.push(third.total - third.near);
      r.sent = `${first.bytes} bytes / ${first.nodes} nodes`;
    }
  }
  const ms = (values) => `${median(values).toFixed(2)} ms`;
  console.log(`${SIZE} nodes, ${N} samples each (medians): first read (its walk of the neighbourhoods) | third read (its walk) | sent`);
  files.forEach((file, v) => {
    const r = results[v];
    console.log(`${file}: ${ms(r.first)} (${ms(r.firstWalk)}) | ${ms(r.third)} (${ms(r.thirdWalk)}) | ${r.sent}`);
  });
} finally {
  await browser.close();
}
