// Options entry: glue only. Loads the wasm, reads the stored state, and lets Rust draw.
import init, { render_options } from './wasm/linekeeper_wasm.js';

async function main() {
  document.documentElement.lang = chrome.i18n.getMessage('lang') || 'en';
  document.title = chrome.i18n.getMessage('options_title');
  await init();
  const { state } = await chrome.storage.local.get('state');
  render_options(document.getElementById('app'), state);
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  document.getElementById('app').textContent = `${chrome.i18n.getMessage('error_prefix')} ${error?.message ?? error}`;
  document.body.dataset.ready = 'error';
});
