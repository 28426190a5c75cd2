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
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'option', 'datalist', 'rp']);
  const KEEP = new Set([
    'id', 'class', 'role', 'aria-label', 'aria-busy', 'aria-valuenow', 'aria-valuemin',
    'aria-valuemax', 'aria-valuetext', 'data-testid', 'title', 'datetime', 'type', 'name',
    'for', 'lang', 'autocomplete',
  ]);
  // Tags whose default display starts a new line (src/html.rs has the same table).
  const BLOCK = new Set([
    'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'col', 'colgroup',
    'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
    'footer', 'form', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
    'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'optgroup', 'p', 'plaintext',
    'pre', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
    'ul', 'xmp', 'br',
  ]);
  const INLINE = new Set(['inline', 'inline-block', 'inline-flex', 'inline-grid', 'contents']);
  const DIGIT = /\d/;
  const fold = (s) => s.replace(/[ \t\n\f\r\u00a0]+/g, ' ').trim();

  // Rendered visibility from the computed style (stylesheets included). checkVisibility is
  // one native call; display:contents elements have no box, so they get a second look.
  function rendered(el) {
    if (el.checkVisibility({ visibilityProperty: true })) return true;
    return getComputedStyle(el).display === 'contents';
  }

  // Text inside a zero-size box is not seen. Checked only for text that could be a value
  // (has a digit): layout reads cost more than everything else in the walk.
  function zeroSize(el) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return true;
    return (box.width === 0 || box.height === 0) && getComputedStyle(el).overflow !== 'visible';
  }

  // Pre-order walk with a native TreeWalker; parents are found through a Map from element
  // to its index (the walker yields each parent before its children).
  function walk(body) {
    const nodes = [];
    const index = new Map();
    const zero = new Map();
    const doc = body.ownerDocument;
    const walker = doc.createTreeWalker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    // Moves past the current node's subtree; false at the end of the document.
    const skip = () => {
      for (;;) {
        if (walker.nextSibling()) return true;
        if (!walker.parentNode() || walker.currentNode === body) return false;
      }
    };
    let node = body;
    while (node && nodes.length < MAX_NODES) {
      if (node.nodeType === 3) {
        const text = fold(node.data);
        const el = node.parentNode;
        const parent = index.get(el);
        if (text && parent !== undefined) {
          let hidden = false;
          if (DIGIT.test(text)) {
            hidden = zero.get(parent);
            if (hidden === undefined) zero.set(parent, (hidden = zeroSize(el)));
          }
          if (!hidden) nodes.push({ p: parent, t: '#text', x: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text });
        }
        node = walker.nextNode();
        continue;
      }
      const tag = node.localName;
      let keep = !SKIP.has(tag) && rendered(node);
      let a = null;
      let style = false;
      if (keep) {
        const attrs = node.attributes;
        for (let i = 0; i < attrs.length; i++) {
          const name = attrs[i].name;
          if (KEEP.has(name)) (a || (a = {}))[name] = attrs[i].value;
          else if (name === 'hidden') keep = false;
          else if (name === 'aria-hidden' && attrs[i].value === 'true') keep = false;
          else if (name === 'style') style = true;
        }
        if (tag === 'input' && a && (a.type || '').toLowerCase() === 'hidden') keep = false;
      }
      if (!keep) {
        if (node === body || !skip()) break;
        node = walker.currentNode;
        continue;
      }
      const parent = node === body ? undefined : index.get(node.parentNode);
      const entry = parent === undefined ? { t: tag } : { p: parent, t: tag };
      if (a) entry.a = a;
      const display = style ? node.style.display : '';
      if (tag === 'br' || (display ? !INLINE.has(display) : BLOCK.has(tag))) entry.b = true;
      index.set(node, nodes.push(entry) - 1);
      if (tag === 'iframe') {
        let inner = null;
        try { inner = node.contentDocument && node.contentDocument.body; } catch (_) { inner = null; }
        if (inner) {
          const frame = walk(inner);
          const offset = nodes.length;
          const at = index.get(node);
          for (const n of frame) {
            n.p = n.p === undefined ? at : n.p + offset;
            if (nodes.length < MAX_NODES) nodes.push(n);
          }
        }
      }
      node = walker.nextNode();
    }
    return nodes;
  }

  // The page snapshot as JSON text: one string crosses to the worker far faster than a
  // hundred thousand small objects, and Rust parses it in one pass.
  function pageSnapshot() {
    return JSON.stringify({
      url: location.href,
      lang: document.documentElement.getAttribute('lang') || undefined,
      title: fold(document.title || ''),
      nodes: document.body ? walk(document.body) : [],
    });
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
    if (page === lastSent) return;
    lastSent = page;
    const t1 = performance.now();
    try {
      const reply = await chrome.runtime.sendMessage({ type: 'scan', page });
      if (BENCH) {
        const t2 = performance.now();
        document.documentElement.dataset.linekeeperBench = JSON.stringify({ bytes: page.length, walk: t1 - t0, total: t2 - t0 });
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
