// Popup entry: glue only. Loads the wasm, reads the stored state, and lets Rust draw.
import init, { render_popup } from './wasm/linekeeper_wasm.js';
import { useLanguage } from './locale.js';

async function main() {
  document.documentElement.lang = chrome.i18n.getMessage('lang') || 'en';
  document.title = chrome.i18n.getMessage('ext_name');
  await init();
  const { state } = await chrome.storage.local.get('state');
  document.documentElement.lang = await useLanguage(state); // issue 6: language chosen in the options
  const now = Date.now();
  render_popup(document.getElementById('app'), state, now, -new Date(now).getTimezoneOffset());
  document.body.dataset.ready = 'true';
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.state) main();
});

main().catch((error) => {
  const app = document.getElementById('app');
  app.textContent = `${chrome.i18n.getMessage('error_prefix')} ${error?.message ?? error}`;
  document.body.dataset.ready = 'error';
});
