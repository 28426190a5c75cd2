// Options entry: glue only. Rust draws the page from the stored state and this page's own
// UI state; forms and buttons are sent to the worker, which applies them in Rust (it is the
// only writer of the stored state). Storage changes redraw the page.
import init, { render_options, chosen_locale, set_catalogue } from './wasm/linekeeper_ui.js';
import { languageFor } from './locale.js';

const useLanguage = languageFor({ chosen_locale, set_catalogue });

const ui = { erase_confirm: false, import_text: null, import_name: null, errors: [], status: null, status_text: null };

// Draws one at a time, in order (a storage change and a button can both ask).
let drawing = Promise.resolve();
function draw() {
  drawing = drawing.then(drawNow, drawNow);
  return drawing;
}

async function drawNow() {
  const { state } = await chrome.storage.local.get('state');
  document.documentElement.lang = await useLanguage(state);
  const app = document.getElementById('app');
  // Keep focus on the same control across a redraw.
  const focused = document.activeElement?.id;
  render_options(app, state, { ...ui, now_ms: Date.now() });
  document.title = app.querySelector('h1')?.textContent || 'LineKeeper';
  const target = app.querySelector('[data-autofocus]') || (focused && document.getElementById(focused));
  if (target) target.focus();
  document.body.dataset.ready = 'true';
}

async function send(message) {
  const reply = await chrome.runtime.sendMessage(message);
  ui.errors = reply?.errors ?? [];
  ui.status_text = reply?.error ?? null;
  return reply;
}

async function onSubmit(event) {
  const form = event.target.closest('form[data-section]');
  if (!form) return;
  event.preventDefault();
  const reply = await send({ type: 'settings', form: Object.fromEntries(new FormData(form)) });
  ui.status = ui.errors.length ? 'options_not_saved' : 'options_saved';
  await draw();
  if (ui.errors.length) document.querySelector('[aria-invalid=true]')?.focus();
  return reply;
}

const ACTIONS = {
  'erase-ask': async () => { ui.erase_confirm = true; },
  'erase-cancel': async () => { ui.erase_confirm = false; },
  'erase-confirm': async () => {
    await send({ type: 'erase' });
    ui.erase_confirm = false;
    ui.status = 'options_erased';
  },
  'import-cancel': async () => { ui.import_text = null; ui.import_name = null; },
  'import-apply': async () => {
    const reply = await send({ type: 'import', text: ui.import_text });
    if (!reply?.error) {
      ui.import_text = null;
      ui.import_name = null;
      ui.status = 'options_imported';
    }
  },
};

async function onClick(event) {
  const button = event.target.closest('button[data-action]');
  const action = button && ACTIONS[button.dataset.action];
  if (!action) return;
  ui.status = null;
  ui.status_text = null;
  await action();
  await draw();
}

async function onChange(event) {
  if (event.target.id !== 'f-import') return;
  const file = event.target.files?.[0];
  if (!file) return;
  ui.import_name = file.name;
  ui.import_text = await file.text();
  ui.status = null;
  await draw();
}

async function main() {
  document.documentElement.lang = chrome.i18n.getMessage('lang') || 'en';
  document.title = chrome.i18n.getMessage('options_title');
  await init();
  const app = document.getElementById('app');
  app.addEventListener('submit', (e) => { onSubmit(e).catch(fail); });
  app.addEventListener('click', (e) => { onClick(e).catch(fail); });
  app.addEventListener('change', (e) => { onChange(e).catch(fail); });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.state) draw().catch(fail);
  });
  await draw();
}

function fail(error) {
  document.getElementById('app').textContent = `${chrome.i18n.getMessage('error_prefix')} ${error?.message ?? error}`;
  document.body.dataset.ready = 'error';
}

main().catch(fail);
