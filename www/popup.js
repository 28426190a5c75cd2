// Popup entry: glue only. Loads the wasm, reads the stored state, and lets Rust draw.
import init, { render_popup, chosen_locale, set_catalogue } from './wasm/linekeeper_ui.js';
import { languageFor } from './locale.js';

const useLanguage = languageFor({ chosen_locale, set_catalogue });

// The worker's cache of the state (long histories condensed, `extension/background.js`)
// when it was built from the state stored now (same byte size), else the state itself.
async function readState() {
  const [{ popup_cache: cache }, bytes] = await Promise.all([
    chrome.storage.local.get('popup_cache'),
    chrome.storage.local.getBytesInUse?.('state'),
  ]);
  if (cache && typeof bytes === 'number' && cache.state_bytes === bytes) return cache.state;
  return (await chrome.storage.local.get('state')).state;
}

async function main() {
  document.documentElement.lang = chrome.i18n.getMessage('lang') || 'en';
  document.title = chrome.i18n.getMessage('ext_name');
  await init();
  performance.mark('linekeeper:read');
  const state = await readState();
  document.documentElement.lang = await useLanguage(state); // issue 6: language chosen in the options
  const now = Date.now();
  render_popup(document.getElementById('app'), state, now, -new Date(now).getTimezoneOffset());
  // Read by `cargo xtask bench` (tests/bench/popup.mjs): first render and render time.
  performance.mark('linekeeper:drawn');
  // Opened from the badge's "renewal checklist" (popup.html#checklist): go to the first
  // step not done of the account shown.
  if (location.hash === '#checklist' && !document.body.dataset.ready) {
    const step = document.querySelector('section.account:not([hidden]) .steps input:not(:checked)');
    step?.focus();
    step?.scrollIntoView({ block: 'center' });
  }
  document.body.dataset.ready = 'true';
}

// A checklist tick: the worker validates it (in Rust), stores it, and the storage change
// redraws the popup. On a refusal the popup is redrawn from what is stored.
document.getElementById('app').addEventListener('change', (event) => {
  const box = event.target.closest?.('input[data-step]');
  if (!box) return;
  const action = { type: 'checklist', account: box.dataset.account, step: Number(box.dataset.step), done: box.checked };
  chrome.runtime.sendMessage(action).then((reply) => {
    if (reply?.error) throw new Error(reply.error);
  }).catch((error) => {
    console.warn('LineKeeper: checklist change refused:', error);
    main();
  });
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.state || changes.popup_cache)) main();
});

main().catch((error) => {
  const app = document.getElementById('app');
  app.textContent = `${chrome.i18n.getMessage('error_prefix')} ${error?.message ?? error}`;
  document.body.dataset.ready = 'error';
});
