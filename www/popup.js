// Popup entry: glue only. Loads the wasm, reads the stored state, and lets Rust draw.
import init, {
  render_popup, finish_popup, render_teach_offer, chosen_locale, set_catalogue,
} from './wasm/linekeeper_ui.js';

// The worker's cache of the state (long histories condensed, `extension/background.js`)
// when it was built from the state stored now (same byte size), else the state itself.
// `locale`: the chosen language as the worker found it (undefined: ask the wasm).
async function readState() {
  performance.mark('linekeeper:read');
  const [{ popup_cache: cache }, bytes] = await Promise.all([
    chrome.storage.local.get('popup_cache'),
    chrome.storage.local.getBytesInUse?.('state'),
  ]);
  let read = { state: cache?.state, locale: cache?.locale };
  if (!cache || typeof bytes !== 'number' || cache.state_bytes !== bytes) {
    read = { state: (await chrome.storage.local.get('state')).state, locale: undefined };
  }
  performance.mark('linekeeper:state');
  return read;
}

/** Loads the chosen language's messages (issue 6) and returns the language tag in use;
 *  `locale.js` is loaded only then (one request fewer before the first draw). */
async function useLanguage({ state, locale }) {
  const chosen = locale === undefined ? chosen_locale(state) : locale;
  if (!chosen) {
    set_catalogue(null);
    return chrome.i18n.getMessage('lang') || 'en';
  }
  const { languageFor } = await import('./locale.js');
  return languageFor({ chosen_locale: () => chosen, set_catalogue })(state);
}

// The first draw: the storage read starts now, while the wasm is instantiated.
const firstRead = readState();
const loaded = init();

// Marks read by `cargo xtask bench` (tests/bench/popup.mjs): `linekeeper:read` →
// `linekeeper:state` is the storage read, `linekeeper:draw` → `linekeeper:drawn` the
// language and Rust's drawing (view model, markup, DOM); navigation → `drawn` the first render.
async function main(pending) {
  document.documentElement.lang = chrome.i18n.getMessage('lang') || 'en';
  document.title = chrome.i18n.getMessage('ext_name');
  const [read] = await Promise.all([pending ?? readState(), loaded]);
  performance.mark('linekeeper:draw');
  const { state } = read;
  document.documentElement.lang = await useLanguage(read); // issue 6: language chosen in the options
  const now = Date.now();
  render_popup(document.getElementById('app'), state, now, -new Date(now).getTimezoneOffset());
  performance.mark('linekeeper:drawn');
  // The rest, not on the first screen (folded tables), in the same task: before any paint.
  finish_popup(document.getElementById('app'));
  // Issue 8: "Teach this page" for the tab the popup was opened on (Rust decides whether,
  // against the manifest's carrier sites). Drawn after the record, which comes first.
  teachTab = await activeTab();
  render_teach_offer(document.getElementById('app'), state, teachTab?.url ?? '', chrome.runtime.getManifest().host_permissions ?? []);
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

// ---- Teach this page (issue 8) ------------------------------------------------------------
let teachTab = null;

// The tab the popup is about. Its URL is readable thanks to activeTab (granted by the toolbar
// click that opened the popup), or for a site already granted. Opened as a page in a tab of
// its own (popup.html), it is about the tab used just before.
async function activeTab() {
  const self = await chrome.tabs.getCurrent();
  if (!self) return (await chrome.tabs.query({ active: true, currentWindow: true }))[0] ?? null;
  const others = (await chrome.tabs.query({ windowId: self.windowId })).filter((tab) => tab.id !== self.id);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0] ?? null;
}

function teachStatus(text) {
  const status = document.querySelector('section.teach .teach-status');
  if (status) status.textContent = text;
}

document.getElementById('app').addEventListener('click', (event) => {
  const button = event.target.closest?.('button[data-action=teach]');
  if (!button || !teachTab) return;
  const tab = teachTab.id;
  // Requested in the click itself (a user gesture), and for this one site only.
  const request = chrome.permissions.request({ origins: [button.dataset.origin] });
  // Firefox closes the popup when its permission prompt opens, and this page's promise with
  // it: the worker then starts pick mode itself when the grant arrives, from this note.
  chrome.storage.session.set({ 'teach:pending': { tab, origin: button.dataset.origin, at_ms: Date.now() } }).catch(() => {});
  request.then(async (granted) => {
    if (!granted) {
      teachStatus(chrome.i18n.getMessage('teach_permission_denied'));
      return;
    }
    const reply = await chrome.runtime.sendMessage({ type: 'teach-start', tab });
    if (reply?.error) throw new Error(reply.error);
    teachStatus(chrome.i18n.getMessage('teach_started'));
    // The real popup closes so the page can be clicked; a popup page in a tab stays.
    if (!(await chrome.tabs.getCurrent())) window.close();
  }).catch((error) => {
    teachStatus(chrome.i18n.getMessage('teach_failed', [String(error?.message ?? error)]));
  });
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.state || changes.popup_cache)) main();
});

main(firstRead).catch((error) => {
  const app = document.getElementById('app');
  app.textContent = `${chrome.i18n.getMessage('error_prefix')} ${error?.message ?? error}`;
  document.body.dataset.ready = 'error';
});
