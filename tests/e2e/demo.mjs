// `cargo xtask run`: opens the bundled demo account page with the built extension.
// With a display: a visible browser on the demo page, until you close it.
// Without one (or with LINEKEEPER_HEADLESS=1): headless; prints the record the worker
// stored and saves screenshots of the page with its badge and of the popup.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, demoPage, DEMO_URL, waitForAccount, waitForBadge, openPopup, ROOT } from './harness.mjs';

const headless = process.env.LINEKEEPER_HEADLESS === '1' || !process.env.DISPLAY;
const out = process.env.LINEKEEPER_DEMO_OUT || join(ROOT, 'target/demo');
const { html } = demoPage();
const { context, extensionId, close } = await launch({ headless });
await serve(context, DEMO_URL, html);
const page = context.pages()[0] || (await context.newPage());
await page.goto(DEMO_URL);

if (!headless) {
  console.log(`Demo account page open at ${DEMO_URL} (served locally). Close the browser to finish.`);
  await new Promise((resolve) => context.on('close', resolve));
  process.exit(0);
}

try {
  const account = await waitForAccount(context, extensionId, 't-mobile');
  await waitForBadge(page, /LineKeeper/);
  mkdirSync(out, { recursive: true });
  const pageShot = join(out, 'demo-page.png');
  await page.screenshot({ path: pageShot });
  const popup = await openPopup(context, extensionId);
  const popupShot = join(out, 'popup.png');
  await popup.screenshot({ path: popupShot, fullPage: true });
  console.log('Stored record (chrome.storage.local "state", account t-mobile):');
  console.log(JSON.stringify(account.latest, null, 2));
  console.log(`Screenshots:\n  ${pageShot}\n  ${popupShot}`);
} finally {
  await close();
}
