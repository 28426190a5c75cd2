// LineKeeper content script: the eyes and hands. It walks the visible DOM into a compact
// page snapshot (the walker contract is documented in src/page.rs), sends it to the
// service worker where Rust extracts, and draws the badge the worker returns in a closed
// shadow root. No WebAssembly runs here (pages with a strict CSP would block it and see
// the violation), no globals are left on the page, nothing is exposed to it.
(() => {
  'use strict';
  if (window.top !== window) return; // the top frame walks same-origin frames itself

  // `cargo xtask bench` builds a copy with this set to true, to report scan timings.
  const BENCH = false;
  const MAX_NODES = 200000;
  const MAX_TEXT = 2000;
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'option', 'datalist']);
  const KEEP = new Set([
    'id', 'class', 'role', 'aria-label', 'aria-busy', 'aria-valuenow', 'aria-valuemin',
    'aria-valuemax', 'aria-valuetext', 'data-testid', 'title', 'datetime', 'type', 'name',
    'for', 'lang', 'autocomplete',
  ]);
  const INLINE = new Set(['inline', 'inline-block', 'inline-flex', 'inline-grid', 'contents']);
  const fold = (s) => s.replace(/[ \t\n\f\r\u00a0]+/g, ' ').trim();

  // Pre-order walk with an explicit stack (no recursion limit on deep pages).
  function walk(body) {
    const nodes = [];
    const stack = [[body, -1]];
    while (stack.length && nodes.length < MAX_NODES) {
      const [node, parent] = stack.pop();
      if (node.nodeType === 3) {
        const text = fold(node.data);
        if (text) nodes.push({ p: parent, t: '#text', x: text.slice(0, MAX_TEXT) });
        continue;
      }
      if (node.nodeType !== 1) continue;
      const tag = node.localName;
      if (SKIP.has(tag)) continue;
      if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') continue;
      if (tag === 'input' && (node.getAttribute('type') || '').toLowerCase() === 'hidden') continue;
      const style = getComputedStyle(node);
      const display = style.display;
      if (display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') continue;
      if (display !== 'contents' && tag !== 'br') {
        const box = node.getBoundingClientRect();
        const empty = box.width === 0 || box.height === 0;
        // A zero-size box hides its content when it clips it, or when it has no
        // child elements that could overflow it.
        if (empty && (style.overflow !== 'visible' || !node.firstElementChild)) continue;
      }
      const entry = { p: parent, t: tag };
      const attrs = node.attributes;
      let a = null;
      for (let i = 0; i < attrs.length; i++) {
        const name = attrs[i].name;
        if (KEEP.has(name)) (a || (a = {}))[name] = attrs[i].value;
      }
      if (a) entry.a = a;
      if (tag === 'br' || !INLINE.has(display)) entry.b = true;
      if (parent < 0) delete entry.p;
      const index = nodes.push(entry) - 1;
      let children = node.childNodes;
      if (tag === 'iframe') {
        let inner = null;
        try { inner = node.contentDocument && node.contentDocument.body; } catch (_) { inner = null; }
        children = inner ? [inner] : [];
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], index]);
    }
    return nodes;
  }

  function pageSnapshot() {
    return {
      url: location.href,
      lang: document.documentElement.getAttribute('lang') || undefined,
      title: fold(document.title || ''),
      nodes: document.body ? walk(document.body) : [],
    };
  }

  // ---- badge -------------------------------------------------------------------------
  const CSS = `
    :host { all: initial; }
    .badge { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647;
      font: 13px/1.35 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
      color: #fff; background: #1f6f43; border-radius: 18px; padding: 7px 14px;
      box-shadow: 0 2px 10px rgba(0,0,0,.25); max-width: 360px; cursor: default; }
    .badge.u-soon { background: #9a5b00; } .badge.u-urgent, .badge.u-overdue { background: #b3261e; }
    .badge.u-none { background: #44474e; }
    .main { font-weight: 600; }
    .more { margin-top: 4px; font-weight: 400; opacity: .95; }
    .brand { font-size: 11px; opacity: .8; margin-right: 6px; }
  `;
  let badgeRoot = null;

  function msg(m) {
    if (!m) return '';
    return chrome.i18n.getMessage(m.key, m.args) || m.key;
  }

  function drawBadge(view) {
    if (!badgeRoot) {
      const host = document.createElement('div');
      badgeRoot = host.attachShadow({ mode: 'closed' });
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        badgeRoot.adoptedStyleSheets = [sheet];
      } catch (_) {
        const style = document.createElement('style');
        style.textContent = CSS;
        badgeRoot.appendChild(style);
      }
      document.documentElement.appendChild(host);
    }
    const box = document.createElement('div');
    box.className = `badge u-${view.urgency}`;
    box.setAttribute('role', 'status');
    const brand = document.createElement('span');
    brand.className = 'brand';
    brand.textContent = chrome.i18n.getMessage('ext_short_name') || 'LineKeeper';
    const main = document.createElement('span');
    main.className = 'main';
    main.textContent = [msg(view.headline), msg(view.detail)].filter(Boolean).join(' · ');
    box.append(brand, main);
    const extra = [view.date_text, view.money_text].filter(Boolean).join(' · ');
    if (extra) {
      const more = document.createElement('div');
      more.className = 'more';
      more.textContent = extra;
      box.append(more);
    }
    box.setAttribute('aria-label', `${brand.textContent}: ${main.textContent}${extra ? ` (${extra})` : ''}`);
    const old = badgeRoot.querySelector('.badge');
    if (old) old.replaceWith(box); else badgeRoot.append(box);
  }

  // ---- scanning --------------------------------------------------------------------
  let lastSent = '';
  async function scan() {
    const t0 = performance.now();
    const page = pageSnapshot();
    const key = page.nodes.length + ':' + page.nodes.map((n) => n.x || '').join('\u0001');
    if (key === lastSent) return;
    lastSent = key;
    const t1 = performance.now();
    try {
      const reply = await chrome.runtime.sendMessage({ type: 'scan', page });
      if (BENCH) {
        const t2 = performance.now();
        console.debug(`linekeeper-bench ${JSON.stringify({ nodes: page.nodes.length, walk: t1 - t0, total: t2 - t0 })}`);
      }
      if (reply && reply.badge) drawBadge(reply.badge);
    } catch (_) {
      // The extension was reloaded or the worker is starting; the next change rescans.
      lastSent = '';
    }
  }

  let timer = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(scan, 400);
  }
  scan();
  new MutationObserver((records) => {
    // Our own badge lives outside body in a closed root; ignore changes we cannot see.
    if (records.some((r) => r.target !== document.documentElement)) schedule();
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
})();
