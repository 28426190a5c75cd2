// LineKeeper service worker: glue only. Every decision is made by the Rust core
// (wasm/linekeeper_wasm.js); this file moves data between the browser and it.
// The worker can be killed at any moment: listeners are registered at top level,
// state lives in chrome.storage.local, and nothing is kept in globals between events.
import init, { ingest, apply_action } from './wasm/linekeeper_wasm.js';

// Top-level await is not allowed in service workers: start loading, await in handlers.
const ready = init();

// One write at a time: a scan reads, transforms and writes the whole state.
let queue = Promise.resolve();
function serialized(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

// The language of the strings the user sees: the message catalogue's own tag, so dates
// and amounts are formatted in the same language as the text around them.
function uiLanguage() {
  return chrome.i18n.getMessage('lang') || 'en';
}

function offsetMinutes(now) {
  return -new Date(now).getTimezoneOffset();
}

async function handleScan(message, sender) {
  await ready;
  return serialized(async () => {
    const { state } = await chrome.storage.local.get('state');
    const now = Date.now();
    // The page URL is the browser's word (sender), not the page's.
    const url = sender.tab?.url || sender.url;
    const result = ingest(state, message.page, url, now, offsetMinutes(now), uiLanguage());
    if (result.outcome !== 'ignored') {
      await chrome.storage.local.set({ state: result.state });
    }
    // What this tab's page held at its last scan (status, values, sources), for the popup
    // and for bug reports. Session storage: gone when the browser closes.
    if (sender.tab?.id !== undefined) {
      await chrome.storage.session.set({
        [`scan:${sender.tab.id}`]: { url, at_ms: now, outcome: result.outcome, snapshot: result.snapshot },
      });
    }
    return { badge: result.badge, outcome: result.outcome };
  });
}

// The badge's "open renewal checklist": the toolbar popup where the browser allows it,
// otherwise the same page in a tab.
async function openChecklist() {
  try {
    await chrome.action.openPopup();
  } catch (_) {
    await chrome.tabs.create({ url: chrome.runtime.getURL('popup.html#checklist') });
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts, in a tab: pages cannot reach this listener
  // (no externally_connectable), and other extensions are refused here.
  if (sender.id !== chrome.runtime.id || !sender.tab) return false;
  if (message?.type === 'open-checklist') {
    openChecklist().then(() => sendResponse({ ok: true }), () => sendResponse({ ok: false }));
    return true;
  }
  if (message?.type !== 'scan' || typeof message.page !== 'string') return false;
  handleScan(message, sender).then(sendResponse, (error) => {
    console.warn('LineKeeper: scan failed:', error);
    sendResponse({ error: String(error?.message ?? error) });
  });
  return true;
});

// Popup actions (a checklist tick): only from our popup page; Rust checks the shape and
// returns the new state, stored in one write like a scan.
async function handleAction(message) {
  await ready;
  return serialized(async () => {
    const { state } = await chrome.storage.local.get('state');
    const next = apply_action(state, message, Date.now());
    await chrome.storage.local.set({ state: next });
    return { ok: true };
  });
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type === 'scan'
      || !sender.url?.startsWith(chrome.runtime.getURL('popup.html'))) {
    return false;
  }
  handleAction(message).then(sendResponse, (error) => {
    console.warn('LineKeeper: popup action refused:', error);
    sendResponse({ error: String(error?.message ?? error) });
  });
  return true;
});

chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(`scan:${tabId}`);
});
