// LineKeeper service worker: glue only. Every decision is made by the Rust core
// (wasm/linekeeper_wasm.js, the engine module, instantiated on every start; and
// wasm/linekeeper_tools.js, the tools module, instantiated on first use: see `tools()`;
// the pages load the UI module); this file moves data between the browser and them.
// The worker can be killed at any moment: listeners are registered at top level and
// state lives in chrome.storage.local. What the worker holds in globals (the stored state
// as it last read or wrote it, who it is for the message decoder) is only ever a copy of
// what the browser says, dropped whenever the browser reports a change it did not make.
import init, {
  ingest, sync, chosen_locale, set_catalogue, popup_state, state_is_current, decode_message, taught_hosts,
  install_profiles,
} from './wasm/linekeeper_wasm.js';
// The tools module's glue is imported here, statically (a service worker may not import()):
// its wasm is fetched and instantiated only by `tools()`.
import initTools, * as toolsModule from './wasm/linekeeper_tools.js';
import { languageFor } from './locale.js';
import { listenForTeaching, teachMessage, TEACH_TYPES } from './teach.js';

const useLanguage = languageFor({ chosen_locale, set_catalogue });

// Top-level await is not allowed in service workers: start loading, await in handlers.
// The carrier profiles are data the package ships once (profiles.json-seq), read by the
// engine and the tools module at their start; the modules are built without them.
const profiles = fetch(chrome.runtime.getURL('profiles.json-seq')).then((r) => r.text());
const ready = Promise.all([init(), profiles]).then(([, seq]) => {
  install_profiles(seq);
});

// The tools module: the user's actions (the popup's checklist, a notification's buttons and
// click, the options form, import, teaching) and stored data in an older layout or
// unreadable. Most starts of the worker (a scan, an alarm) never need it,
// so it is instantiated on the first call, then kept for the worker's lifetime; a failed
// load is tried again by the next call. Resolves to the module's exports, with the language
// the user chose loaded into it (its messages are its own: `useTools(state)`).
let toolsLoaded = null;
function tools() {
  if (!toolsLoaded) {
    const loading = Promise.all([initTools(), profiles]).then(([, seq]) => {
      toolsModule.install_profiles(seq);
      return toolsModule;
    });
    loading.catch(() => {
      if (toolsLoaded === loading) toolsLoaded = null;
    });
    toolsLoaded = loading;
  }
  return toolsLoaded;
}
const useToolsLanguage = languageFor(toolsModule);
async function useTools(state) {
  const module = await tools();
  await useToolsLanguage(state);
  return module;
}

// `cargo xtask bench` builds a copy with this set to true: the scan reply then carries the
// time each step of the worker took.
const BENCH = false;

// One write at a time: a scan reads, transforms and writes the whole state.
let queue = Promise.resolve();
function serialized(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

// The stored state as this worker last read or wrote it, for the worker's lifetime: a scan
// neither reads the whole state from storage nor has Rust check it again. The worker's
// serialized writer is the only writer of `state`; each of its writes also sets
// `state_writer` to a mark of this worker (one set() call). Any other change of `state`
// (another context, a test seeding storage, erase) comes without that mark, and the copy
// is dropped: the next event reads storage again.
const WRITER = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}:`;
let writes = 0;
let held = null; // { state }

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes.state) return;
  const mark = changes.state_writer?.newValue;
  if (typeof mark !== 'string' || !mark.startsWith(WRITER)) held = null;
});

// Issues the write of `state` (with `extra` keys, in the same set() call) and returns its
// promise: the browser has the write once this returns, and completes it even if the
// worker is stopped before it resolves. A failed write drops the copy.
function storeState(state, extra = {}) {
  held = { state };
  writes += 1;
  return chrome.storage.local.set({ ...extra, state, state_writer: WRITER + writes }).catch((error) => {
    held = null;
    throw error;
  });
}

// The stored state, as Rust can read it. An older layout is migrated by Rust and written
// back in the current one. A value Rust cannot read (damaged, or written by a newer
// LineKeeper) is kept aside under its own key in the same set() that starts afresh: one
// call, so it cannot half-apply, and the value is never overwritten or thrown away.
// The engine says whether the state is current; only when not is the tools module loaded
// to migrate it or keep it aside (`check_state`).
// Only called inside serialized(), the one writer of the state.
async function loadState() {
  if (held) return held.state;
  const { state } = await chrome.storage.local.get('state');
  const rewrite = state_is_current(state) ? undefined : (await tools()).check_state(state, Date.now());
  if (!rewrite) {
    held = { state };
    return state;
  }
  if (rewrite.key) {
    console.warn('LineKeeper:', rewrite.reason);
    await storeState(rewrite.state, { [rewrite.key]: state });
  } else {
    await storeState(rewrite.state);
  }
  return rewrite.state;
}

// The language of the strings the user sees: the message catalogue's own tag, so dates
// and amounts are formatted in the same language as the text around them.
function uiLanguage() {
  return chrome.i18n.getMessage('lang') || 'en';
}

function offsetMinutes(now) {
  return -new Date(now).getTimezoneOffset();
}

// A scan: Rust extracts and applies the page to the state; the reply (the badge) goes as
// soon as the state's write is issued (the tab's scan record right after it), and the
// serialized writer is held until the writes are done, so the next event reads what this
// scan wrote. A failed write is logged (and the held copy dropped); the reply has gone by then.
async function handleScan(message, sender, lap) {
  warm = true;
  await ready;
  let answer;
  const answered = new Promise((resolve) => {
    answer = resolve;
  });
  const task = serialized(async () => {
    lap('queue');
    // The page URL is the browser's word (sender), not the page's.
    const url = sender.tab?.url || sender.url;
    // A page whose site permission is gone (a forgotten taught site still open) is not read
    // (answered while Rust extracts; the browser's answer kept until permissions change).
    const allowed = permitted(new URL(url).origin);
    const state = await loadState();
    lap('load');
    const now = Date.now();
    const result = ingest(state, message.page, url, now, offsetMinutes(now), uiLanguage());
    lap('ingest');
    if (!(await allowed)) return { badge: null, outcome: 'ignored' };
    lap('allowed');
    const written = [];
    if (result.outcome !== 'ignored') written.push(storeState(result.state));
    const reply = { badge: result.badge, outcome: result.outcome };
    // Words the content script should also look for (taught rules: profiles not built into
    // it); the tools module's, so only a page of a taught site loads it.
    result.scan = result.taught ? (await tools()).taught_scan(state, url) : { words: [], elements: [] };
    if (result.scan.words.length || result.scan.elements.length) reply.scan = result.scan;
    lap('issued');
    answer(reply);
    // What this tab's page held at its last scan (status, values, sources), for the popup
    // and for bug reports: not the state, so written once the reply has gone (a task
    // later: the reply is posted by the promise callbacks `answer` starts). Session
    // storage: gone when the browser closes.
    if (sender.tab?.id !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      written.push(chrome.storage.session.set({
        [`scan:${sender.tab.id}`]: { url, at_ms: now, outcome: result.outcome, snapshot: result.snapshot },
      }));
    }
    await Promise.all(written);
    return reply;
  });
  task
    .catch((error) => console.warn('LineKeeper: scan not stored:', error))
    .finally(() => syncReminders());
  return Promise.race([answered, task]);
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

// Popup actions (a checklist tick): Rust checks the action and returns the new state,
// stored in one write like a scan.
async function handleAction(message) {
  await ready;
  return serialized(async () => {
    const state = await loadState();
    const next = (await tools()).apply_action(state, message, Date.now());
    await storeState(next);
    return { ok: true };
  });
}

chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(`scan:${tabId}`);
});

// ---- Reminders, toolbar badge, settings (issue 6) ----------------------------------------
// The schedule is computed by Rust from the stored state (`sync`): it returns the
// notifications due now (their ids are the reminder keys, so showing one twice replaces it),
// the state with them logged, every alarm that should exist, and the toolbar badge. Run on
// every worker start, browser start-up, install, alarm and change: a rebuild is idempotent.

const ALARM_PREFIX = 'linekeeper:';

async function showNotification(n) {
  const options = {
    type: 'basic',
    iconUrl: chrome.runtime.getURL('icons/icon-128.png'),
    title: n.title,
    message: n.message,
    priority: 2,
    requireInteraction: true,
  };
  if (n.context) options.contextMessage = n.context;
  try {
    await chrome.notifications.create(n.id, { ...options, buttons: n.buttons.map((title) => ({ title })) });
  } catch (error) {
    // Firefox has no notification buttons (nor requireInteraction): show it plainly.
    delete options.requireInteraction;
    await chrome.notifications.create(n.id, options);
  }
}

async function applyAlarms(wanted) {
  const existing = await chrome.alarms.getAll();
  const names = new Set(wanted.map((a) => a.name));
  for (const alarm of existing) {
    if (alarm.name.startsWith(ALARM_PREFIX) && !names.has(alarm.name)) await chrome.alarms.clear(alarm.name);
  }
  for (const { name, when_ms } of wanted) {
    const current = existing.find((a) => a.name === name);
    if (!current || Math.abs(current.scheduledTime - when_ms) > 1000) {
      await chrome.alarms.create(name, { when: Math.max(when_ms, Date.now() + 100) });
    }
  }
}

async function applyBadge(badge) {
  await chrome.action.setBadgeText({ text: badge.text });
  await chrome.action.setBadgeBackgroundColor({ color: badge.color });
  await chrome.action.setTitle({ title: badge.title });
}

/** Runs the schedule: show what is due, store the log, rebuild alarms, draw the badge. */
async function runSchedule(state) {
  await useLanguage(state);
  const out = sync(state, Date.now());
  // Shown before the log is stored: a worker killed in between shows it again under the
  // same id (replacing it), never a second one.
  for (const n of out.notifications) await showNotification(n);
  if (out.changed) await storeState(out.state);
  for (const id of out.close) await chrome.notifications.clear(id);
  await applyAlarms(out.alarms);
  await applyBadge(out.badge);
  return out;
}

async function syncReminders() {
  await ready;
  return serialized(async () => {
    const state = await loadState();
    await runSchedule(state);
  }).catch((error) => console.warn('LineKeeper: reminders failed:', error));
}

/** A change to the state made by Rust (`change(state, tools) → {state?, …}`), then the
 *  schedule. `withTools`: the change needs the tools module (passed as `tools`, with the
 *  user's language loaded into it). */
async function changeState(change, withTools = false) {
  await ready;
  return serialized(async () => {
    const state = await loadState();
    await useLanguage(state);
    const out = change(state, withTools ? await useTools(state) : undefined);
    if (out.state) {
      await storeState(out.state);
      await runSchedule(out.state);
    }
    return out;
  });
}

async function notificationAction(id, action) {
  const out = await changeState((state, t) => t.notification_action(state, id, action, Date.now()), true);
  for (const closeId of out.close) await chrome.notifications.clear(closeId);
  return { done: out.done };
}

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name.startsWith(ALARM_PREFIX)) syncReminders();
});
chrome.runtime.onStartup.addListener(() => syncReminders());
chrome.runtime.onInstalled.addListener(() => syncReminders());

// Buttons in the order Rust gives them: snooze a day, mark renewed.
chrome.notifications.onButtonClicked.addListener((id, index) => {
  notificationAction(id, index === 0 ? 'snooze' : 'renewed').catch((error) =>
    console.warn('LineKeeper: notification action failed:', error),
  );
});

// Clicking the notification opens the account page.
chrome.notifications.onClicked.addListener(async (id) => {
  await ready;
  const { state } = await chrome.storage.local.get('state');
  const url = (await tools()).notification_page(state, id);
  if (url) await chrome.tabs.create({ url });
  await chrome.notifications.clear(id);
});

// ---- Messages ---------------------------------------------------------------------------
// One listener. Every message is decoded and checked by Rust (`decode_message`, src/message.rs):
// the sender must be this extension; a content script's page must be https on a host
// LineKeeper reads (a carrier host of the manifest, or a site the browser granted: the sites
// the user taught); popup and options messages only from those pages; fields of the right shape.
// Anything else is dropped: own pages get the reason as an error reply, others nothing.
// Handlers get `decoded` (Rust's reading) and the original `message` (for the large fields
// Rust checked but did not copy back: `page`, `text`, the checklist action).

// Reply shape of the options page's messages.
const pageReply = (out) => ({ errors: out?.errors ?? [], error: out?.error ?? null, done: out?.done ?? !!out?.state });

const HANDLERS = {
  // Content scripts.
  'scan': (decoded, message, sender, lap) => handleScan(message, sender, lap),
  'open-checklist': () => openChecklist().then(() => ({ ok: true }), () => ({ ok: false })),
  // Teaching a page (issue 8): pick mode (content script), the popup's start, the options
  // page's rule check, import and forget; Rust has checked where each came from.
  ...Object.fromEntries(TEACH_TYPES.map((type) => [type, (decoded, message, sender) => teachMessage(message, sender)])),
  // Popup.
  'checklist': (decoded, message) => handleAction(message),
  // Options page (and the popup for action / sync).
  'settings': (decoded) => changeState((state, t) => t.apply_settings(state, decoded.form), true).then(pageReply),
  'import': (decoded, message) => changeState((state, t) => t.import_file(state, message.text), true).then(pageReply),
  'action': (decoded) => notificationAction(decoded.id, decoded.action).then(pageReply),
  'sync': () => syncReminders().then(() => pageReply({ done: true })),
  'erase': async () => {
    await ready;
    return serialized(async () => {
      // Everything: the state, values kept aside, badge positions.
      held = null;
      await chrome.storage.local.clear();
      await chrome.storage.session.clear();
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
      await runSchedule(undefined);
      return pageReply({ done: true });
    });
  },
};

// Who this extension is, for the decoder: its id, its pages' URL prefix, where its content
// script is declared to run (generated from the carrier profiles), and the sites the browser
// granted it (the carrier hosts; sites the user allowed while teaching). Asked once for the
// worker's lifetime and asked again after every change of permissions the browser reports
// (a request asked before a change is not kept).
let context = null;
let permissions = new Map(); // origin → the browser's answer: has this extension its site?
chrome.permissions.onAdded.addListener(() => {
  context = null;
  permissions = new Map();
});
chrome.permissions.onRemoved.addListener(() => {
  context = null;
  permissions = new Map();
});

// Whether the extension holds the site `origin` (`chrome.permissions.contains`), asked once
// until permissions change (an extension API call costs a scan about 0.2 ms before the
// reply); a failed question is asked again next time.
function permitted(origin) {
  const known = permissions;
  let answer = known.get(origin);
  if (!answer) {
    answer = chrome.permissions.contains({ origins: [`${origin}/*`] });
    known.set(origin, answer);
    answer.catch(() => {
      if (known.get(origin) === answer) known.delete(origin);
    });
  }
  return answer;
}

function messageContext() {
  if (context) return context;
  const asked = (async () => {
    const scripts = chrome.runtime.getManifest().content_scripts ?? [];
    const { origins = [] } = await chrome.permissions.getAll();
    return {
      extension_id: chrome.runtime.id,
      extension_url: chrome.runtime.getURL(''),
      content_matches: scripts.flatMap((c) => c.matches ?? []),
      granted_origins: origins,
    };
  })();
  context = asked;
  asked.catch(() => {
    if (context === asked) context = null;
  });
  return asked;
}

// Bench builds: the time since the previous step, per step, in `times`.
function stopwatch(times) {
  let last = performance.now();
  return (step) => {
    if (!BENCH) return;
    const now = performance.now();
    times[step] = Math.round((now - last) * 100) / 100;
    last = now;
  };
}

async function receive(message, sender) {
  const times = {};
  const lap = stopwatch(times);
  await ready;
  lap('ready');
  const plainSender = { id: sender.id, url: sender.url, frameId: sender.frameId, tab: sender.tab && { id: sender.tab.id, url: sender.tab.url } };
  const ctx = await messageContext();
  lap('context');
  // A scan's page is text already (its lines): passed as a string, not through JSON.stringify.
  const page = typeof message?.page === 'string' && !Array.isArray(message) ? message.page : undefined;
  const decoded = decode_message(page === undefined ? message : { ...message, page: undefined }, page, plainSender, ctx);
  lap('decode');
  if (decoded.refused) {
    console.warn('LineKeeper: message dropped:', decoded.error);
    return decoded.reply ? { error: decoded.error } : undefined;
  }
  const handler = HANDLERS[decoded.type];
  if (!handler) return undefined;
  try {
    const reply = await handler(decoded, message, sender, lap);
    if (BENCH && reply && decoded.type === 'scan') reply.times = times;
    return reply;
  } catch (error) {
    console.warn(`LineKeeper: ${decoded.type} failed:`, error);
    return { error: String(error?.message ?? error) };
  }
}

// Answers `message` from `sender` through `send` (the reply, or an error).
function answer(message, sender, send) {
  const arrived = BENCH ? performance.timeOrigin + performance.now() : 0;
  receive(message, sender).then(
    (reply) => {
      // Bench builds: when the scan came in and its reply went (clock times, for the transit).
      if (BENCH && reply?.times) Object.assign(reply.times, { arrived, replied: performance.timeOrigin + performance.now() });
      send(reply);
    },
    (error) => send({ error: String(error?.message ?? error) }),
  );
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Bench builds: the floor of a message, an empty round trip.
  if (BENCH && message?.type === 'bench-ping') {
    sendResponse({});
    return false;
  }
  answer(message, sender, sendResponse);
  return true;
});

// A worker's first scan would pay for the engine's first run: the host's label matchers
// built, and the extraction code compiled (V8 compiles a wasm function at its first call, in
// its baseline tier). A content script opens its port when it starts, before it waits for
// the page's paint and walks the page; so on the first port of a worker that has not read a
// page yet, the engine reads a small page of the port's URL meanwhile (it only picks the
// profiles; the result is dropped, nothing is stored), and the page's scan finds the engine
// warm. (1k bench page, baseline tier: the first `ingest` 107 M instructions, 31 M after
// the warm-up; see ARCHITECTURE.md, "A worker's first scan".)
const WARM_PAGE = 'en\n\n\tbody\tb\n0\tdiv\tb\n1\t\tBalance\n1\t\t$0.00\n0\tdiv\tb\n4\t\tData\n4\t\t1.5 GB of 5 GB left\n0\tdiv\tb\n7\t\tDue\n7\t\tDec 9';
let warm = false; // the engine has read a page (or is about to) in this worker
function warmUp(url) {
  if (warm || typeof url !== 'string' || !url.startsWith('https:')) return;
  warm = true;
  ready
    .then(() => {
      const now = Date.now();
      ingest(null, WARM_PAGE, url, now, offsetMinutes(now), 'en');
    })
    .catch(() => {});
}

// Content scripts send their scans through a port (`scan`), kept open while the page and
// this worker live: a round trip costs a third of a one-off message's. Each message is
// `{id, message}`, checked like any other (the port's sender is the browser's word), and
// answered `{id, reply}`.
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'scan') return;
  warmUp(port.sender?.tab?.url || port.sender?.url);
  port.onMessage.addListener((m) => {
    // Bench builds: the floor of a scan, an empty round trip on the scan's channel.
    if (BENCH && m?.message?.type === 'bench-ping') {
      port.postMessage({ id: m.id });
      return;
    }
    answer(m?.message, port.sender, (reply) => {
      try {
        port.postMessage({ id: m?.id, reply });
      } catch (_) {
        // the page went away meanwhile
      }
    });
  });
});

// ---- The popup's cache (issue 5: popup speed) ------------------------------------------
// The popup reads `popup_cache` instead of the whole state: the state with long histories
// condensed by Rust (`popup_state`), stamped with the byte size of the state it was built
// from. The state stays the one source of truth: the cache is rebuilt after every change of
// it, whoever wrote it, and the popup reads the state itself when the stamp does not match.

async function rebuildPopupCache() {
  await ready;
  return serialized(async () => {
    // The worker's copy when it holds one (it is what was just written: the writer is held
    // until a write is done), else storage: not the whole state read back after each scan.
    const state = held ? held.state : (await chrome.storage.local.get('state')).state;
    const bytes = await chrome.storage.local.getBytesInUse?.('state');
    if (state === undefined || typeof bytes !== 'number') {
      await chrome.storage.local.remove('popup_cache');
      return;
    }
    // The chosen language too (null: the browser's), so the popup need not read it first.
    const locale = chosen_locale(state) ?? null;
    await chrome.storage.local.set({ popup_cache: { state_bytes: bytes, state: popup_state(state), locale } });
  }).catch((error) => console.warn('LineKeeper: popup cache not rebuilt:', error));
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.state) rebuildPopupCache();
});

// Every worker start (after a kill, a browser restart, an update) rebuilds the schedule.
syncReminders();
rebuildPopupCache();

// Teaching a page (issue 8): its own module; listeners registered now, at top level.
listenForTeaching({ ready, tools, changeState, taught_hosts, uiLanguage, offsetMinutes });
