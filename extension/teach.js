// Teaching (issue 8), the worker's side: glue only. Rust checks every message
// (`teach_message`), parses picked values, builds, validates, stores and forgets rules;
// this module moves data and calls the browser APIs that grant, register and revoke.
// Those Rust functions are the tools module's (wasm/linekeeper_tools.js), which the worker
// instantiates on the first teaching message (`tools()`, passed by background.js); only
// `taught_hosts`, read at every start and change of the state, is the engine's.
//
// A taught site gets, in this order and only after the user asked for it in the popup:
// the site permission (requested by the popup's click handler: a user gesture), then, when
// the rule is saved, a content script registered for that one site (persistAcrossSessions).
// Forgetting the site unregisters the script, gives the permission back and deletes the
// rule and every record read there.
/** Message types answered here (the worker's one listener routes them to `teachMessage`
 * after Rust's `decode_message` checked where they came from). */
export const TEACH_TYPES = [
  'teach-start', 'teach-pick', 'teach-save', 'teach-cancel', 'teach-check', 'teach-import', 'teach-forget',
];

const SCRIPT_PREFIX = 'taught:';
let answer = async () => ({ error: 'listenForTeaching was not called' });

/** Answers one teaching message (already checked by `decode_message`). */
export function teachMessage(raw, sender) {
  return answer(raw, sender);
}
let ready = Promise.reject(new Error('listenForTeaching was not called'));
ready.catch(() => {});
let tools = () => ready;
let taught_hosts = () => [];
const originOf = (host) => `https://${host}/*`;
const hostOf = (url) => {
  try {
    return new URL(url).hostname;
  } catch (_) {
    return '';
  }
};

async function register(host) {
  const id = SCRIPT_PREFIX + host;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) return;
  await chrome.scripting.registerContentScripts([{
    id,
    matches: [originOf(host)],
    js: ['content.js'],
    runAt: 'document_idle',
    allFrames: false,
    persistAcrossSessions: true,
  }]);
}

async function unregister(host) {
  const id = SCRIPT_PREFIX + host;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [id] });
}

/** Unregisters, revokes and tells open tabs of `host` to stop (their badge goes away). */
async function withdraw(host) {
  await unregister(host);
  await chrome.permissions.remove({ origins: [originOf(host)] }).catch(() => false);
  for (const tab of await chrome.tabs.query({})) {
    if (tab.url !== undefined && hostOf(tab.url) !== host) continue;
    chrome.tabs.sendMessage(tab.id, { type: 'linekeeper-stop', host }).catch(() => {});
  }
  await chrome.storage.local.remove(`badge:${host}`);
  await chrome.storage.session.remove(PENDING);
  const session = await chrome.storage.session.get(null);
  const stale = Object.keys(session).filter((k) => k.startsWith('scan:') && hostOf(session[k]?.url) === host);
  if (stale.length) await chrome.storage.session.remove(stale);
}

const PENDING = 'teach:pending';

/** Pick mode in `tabId`, whose site the user granted. */
async function startPick(tabId) {
  await chrome.storage.session.remove(PENDING);
  const tab = await chrome.tabs.get(tabId);
  const origin = (await tools()).teach_origin(tab.url ?? '');
  if (!origin) throw new Error('this page cannot be taught');
  if (!(await chrome.permissions.contains({ origins: [origin] }))) throw new Error(`no permission for ${origin}`);
  await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['pick.js'] });
}

/**
 * The popup's note of a start waiting for a grant (Firefox closes the popup when it shows
 * the permission prompt): when that site's grant arrives within two minutes, start here.
 */
async function resumePending(origins) {
  await ready;
  const { [PENDING]: pending } = await chrome.storage.session.get(PENDING);
  if (!pending || !origins.includes(pending.origin) || !(Date.now() - pending.at_ms < 120000)) return;
  await startPick(pending.tab);
}

/**
 * Registrations follow the stored rules: every taught host whose permission is granted has
 * its content script; scripts of hosts without a rule or permission are removed.
 */
export async function syncTaught() {
  await ready;
  const { state } = await chrome.storage.local.get('state');
  const hosts = taught_hosts(state);
  for (const script of await chrome.scripting.getRegisteredContentScripts()) {
    const host = script.id.startsWith(SCRIPT_PREFIX) ? script.id.slice(SCRIPT_PREFIX.length) : null;
    if (host !== null && !hosts.includes(host)) await unregister(host);
  }
  for (const host of hosts) {
    if (await chrome.permissions.contains({ origins: [originOf(host)] })) await register(host);
    else await unregister(host);
  }
}

/**
 * Registers the listeners (call at the worker's top level). `deps`: the worker's `ready`
 * promise (the engine module), `tools()` (the tools module, instantiated on first use),
 * `changeState` (one serialized read-transform-write of the state), the engine's
 * `taught_hosts`, and `uiLanguage` / `offsetMinutes` for formatting parsed values.
 */
export function listenForTeaching(deps) {
  const { changeState, uiLanguage, offsetMinutes } = deps;
  ({ ready, tools, taught_hosts } = deps);
  const handlers = {
    // From the popup, after the user granted the site: pick mode in that tab.
    'teach-start': async (m, sender, ownPage) => {
      if (!ownPage) throw new Error('teach-start comes from the popup only');
      await startPick(m.tab);
      return { done: true };
    },
    // From pick mode in a tab: what one clicked value reads as.
    'teach-pick': async (m, sender, ownPage) => {
      if (!sender.tab || ownPage) throw new Error('teach-pick comes from a page');
      const now = Date.now();
      return { preview: (await tools()).teach_preview(m.pick, now, offsetMinutes(now), uiLanguage()) };
    },
    // From pick mode: store the rule, register the site, and read the page right away.
    'teach-save': async (m, sender, ownPage) => {
      if (!sender.tab || ownPage) throw new Error('teach-save comes from a page');
      const url = sender.tab.url || sender.url; // the browser's word, not the page's
      let host = null;
      await changeState((state, t) => {
        const now = Date.now();
        const out = t.teach_save(state, m.picks, url, now, offsetMinutes(now));
        host = out.host;
        return out;
      }, true);
      await register(host);
      await chrome.scripting.executeScript({ target: { tabId: sender.tab.id }, files: ['content.js'] });
      return { done: true, host };
    },
    // From pick mode, left without saving: a site with no rule gets its permission back.
    'teach-cancel': async (m, sender, ownPage) => {
      if (!sender.tab || ownPage) throw new Error('teach-cancel comes from a page');
      const host = hostOf(sender.tab.url || sender.url);
      const { state } = await chrome.storage.local.get('state');
      if (!taught_hosts(state).includes(host)) {
        await chrome.permissions.remove({ origins: [originOf(host)] }).catch(() => false);
      }
      return { done: true };
    },
    // From the options page: what a chosen rule file reads, or why it cannot be used.
    'teach-check': async (m, sender, ownPage) => {
      if (!ownPage) throw new Error('teach-check comes from the options page only');
      const { state } = await chrome.storage.local.get('state');
      return { check: (await tools()).teach_check(state, m.text) };
    },
    // From the options page, after it requested the rule's site permission.
    'teach-import': async (m, sender, ownPage) => {
      if (!ownPage) throw new Error('teach-import comes from the options page only');
      let host = null;
      await changeState((state, t) => {
        const out = t.teach_import(state, m.text, Date.now());
        host = out.host;
        return out;
      }, true);
      if (await chrome.permissions.contains({ origins: [originOf(host)] })) await register(host);
      return { done: true, host };
    },
    'teach-forget': async (m, sender, ownPage) => {
      if (!ownPage) throw new Error('teach-forget comes from the options page only');
      await withdraw(m.host);
      await changeState((state, t) => t.teach_forget(state, m.host), true);
      return { done: true };
    },
  };

  answer = async (raw, sender) => {
    // Our own pages (popup, options; also when opened in a tab). A content script's sender.url
    // is the page's address, never one of ours.
    const ownPage = !!sender.url?.startsWith(chrome.runtime.getURL(''));
    try {
      (await tools()).teach_message(raw); // Rust checks the fields; malformed → error
      return { errors: [], error: null, ...(await handlers[raw.type](raw, sender, ownPage)) };
    } catch (error) {
      return { error: String(error?.message ?? error) };
    }
  };

  // A rule gone from the stored state (forgotten, or everything erased): withdraw its site.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes.state) return;
    (async () => {
      await ready;
      const before = taught_hosts(changes.state.oldValue);
      const after = taught_hosts(changes.state.newValue);
      for (const host of before) if (!after.includes(host)) await withdraw(host);
    })().catch((error) => console.warn('LineKeeper: withdrawing a taught site failed:', error));
  });

  // The user can take a site back in the browser's own settings: its script goes too.
  chrome.permissions.onRemoved.addListener(() => {
    syncTaught().catch((error) => console.warn('LineKeeper: taught sites:', error));
  });
  chrome.permissions.onAdded.addListener((added) => {
    syncTaught().catch((error) => console.warn('LineKeeper: taught sites:', error));
    resumePending(added.origins ?? []).catch((error) => console.warn('LineKeeper: pick mode:', error));
  });
  syncTaught().catch((error) => console.warn('LineKeeper: taught sites:', error));
}
