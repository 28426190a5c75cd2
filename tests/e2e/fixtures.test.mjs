// Every fixture page under tests/fixtures, read in the browser through the real content
// script walker and the worker's Rust, must give its expected Snapshot — and exactly the
// Snapshot (sources included) that the native scanner gives for the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, serve, currentWorker, ROOT } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests/fixtures');
const BIN = process.env.LINEKEEPER_BIN || join(ROOT, 'target/debug/linekeeper');
const DIST = process.env.LINEKEEPER_DIST || join(ROOT, 'dist/chrome');
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
const patterns = manifest.content_scripts.flatMap((c) => c.matches);

function matches(url) {
  const u = new URL(url);
  return patterns.some((p) => {
    const [, scheme, host, path] = p.match(/^(\*|https?):\/\/([^/]+)(\/.*)$/);
    if (scheme !== '*' && `${scheme}:` !== u.protocol) return false;
    const hostOk = host.startsWith('*.') ? u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1)) : u.hostname === host;
    return hostOk && new RegExp(`^${path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(u.pathname);
  });
}

function fixtures(dir = FIXTURES) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return fixtures(path);
    return entry.name.endsWith('.expected.json') ? [path.replace(/\.expected\.json$/, '')] : [];
  });
}

/** Deep equality with 0.01 tolerance for numbers; `sources` skipped when `withSources` is false. */
function diff(actual, expected, path = '', withSources = true) {
  if (!withSources && path === '.sources') return [];
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 0.01 ? [] : [`${path}: ${actual} != ${expected}`];
  }
  if (expected === null || typeof expected !== 'object' || actual === null || typeof actual !== 'object') {
    return Object.is(actual, expected) ? [] : [`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys].flatMap((k) => diff(actual[k], expected[k], `${path}.${k}`, withSources));
}

// Pages on hosts no built-in carrier covers (the generic reader) are read by a test copy
// of the extension whose content script also runs on every https site: same walker, same
// worker, same Rust; only the match pattern differs. Carrier pages use the real build, so
// the production match patterns are what is tested for them.
function anySiteBuild() {
  const dir = join(ROOT, 'target/test-ext/any-site');
  rmSync(dir, { recursive: true, force: true });
  cpSync(DIST, dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  m.content_scripts[0].matches.push('https://*/*');
  m.host_permissions.push('https://*/*');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return dir;
}

let browser;
let anySite;
before(async () => {
  browser = await launch();
  anySite = await launch({ dist: anySiteBuild() });
});
after(async () => {
  await browser?.close();
  await anySite?.close();
});

async function lastScan(context, extensionId, url, since) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    for (let i = 0; i < 100; i++) {
      const all = await page.evaluate(() => chrome.storage.session.get(null));
      const hit = Object.values(all).find((s) => s.url === url && s.at_ms >= since);
      if (hit) return hit;
      await page.waitForTimeout(150);
    }
    throw new Error(`no scan of ${url} reached the worker`);
  } finally {
    await page.close();
  }
}

const all = fixtures();
test('there are fixtures to read', () => {
  assert.ok(all.length >= 40, `only ${all.length} fixtures`);
});

for (const base of all) {
  const name = relative(FIXTURES, base);
  const spec = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8'));
  const supported = matches(spec.url);
  test(`fixture ${name}${supported ? '' : ' (generic reader, any-site test build)'}`, async () => {
    const { context, extensionId } = supported ? browser : anySite;
    const html = readFileSync(`${base}.html`, 'utf8');
    const native = JSON.parse(
      execFileSync(BIN, ['scan', `${base}.html`, '--url', spec.url, '--today', spec.today], { encoding: 'utf8' }),
    );
    await serve(context, spec.url, html);
    // The worker's clock is set to the fixture's day (page clocks do not reach workers).
    const fixed = Date.parse(`${spec.today}T12:00:00Z`);
    const worker = await currentWorker(context);
    await worker.evaluate(async (ms) => {
      Date.now = () => ms;
      await chrome.storage.session.clear();
    }, fixed);
    const page = await context.newPage();
    await page.goto(spec.url);
    const scan = await lastScan(context, extensionId, spec.url, fixed);
    await page.close();
    const problems = diff(scan.snapshot, spec.snapshot, '', false);
    assert.deepEqual(problems, [], `browser result differs from ${name}.expected.json`);
    assert.deepEqual(diff(scan.snapshot, native), [], 'browser and native scanner disagree');
  });
}

// Chrome's built-in translation rewrites a loaded page in place (every text wrapped in
// <font>, the words in Chinese). The content script reads the page again, and the record
// stays what the English page gave.
test('a carrier page translated in place by the browser reads the same again', async () => {
  const { context, extensionId } = browser;
  const english = join(FIXTURES, 't-mobile/prepaid-account-dashboard');
  const chinese = join(FIXTURES, 't-mobile/prepaid-translated-zh');
  const spec = JSON.parse(readFileSync(`${english}.expected.json`, 'utf8'));
  const translatedBody = readFileSync(`${chinese}.html`, 'utf8').match(/<body[^>]*>([\s\S]*)<\/body>/)[1];
  await serve(context, spec.url, readFileSync(`${english}.html`, 'utf8'));
  const fixed = Date.parse(`${spec.today}T12:00:00Z`);
  const worker = await currentWorker(context);
  await worker.evaluate(async (ms) => {
    Date.now = () => ms;
    await chrome.storage.session.clear();
  }, fixed);
  const page = await context.newPage();
  try {
    await page.goto(spec.url);
    const before = await lastScan(context, extensionId, spec.url, fixed);
    assert.deepEqual(diff(before.snapshot, spec.snapshot, '', false), []);
    await worker.evaluate(() => chrome.storage.session.clear());
    await page.evaluate((body) => {
      document.documentElement.lang = 'zh-CN';
      document.documentElement.classList.add('translated-ltr');
      document.body.innerHTML = body;
    }, translatedBody);
    const after = await lastScan(context, extensionId, spec.url, fixed);
    assert.equal(await page.evaluate(() => document.querySelector('main h1').textContent), '嗨，伟');
    // Read from the translated words, not a late read of the English page.
    assert.equal(after.snapshot.sources.autopay.label, '自动支付');
    assert.deepEqual(diff(after.snapshot, spec.snapshot, '', false), [], 'the translated page reads differently');
  } finally {
    await page.close();
  }
});
