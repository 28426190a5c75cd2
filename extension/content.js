// LineKeeper content script: the eyes and hands. It walks the visible DOM into a compact
// page snapshot (the walker contract is documented in src/page.rs), sends it to the
// service worker where Rust extracts, and draws the badge the worker returns in a closed
// shadow root. No WebAssembly runs here (pages with a strict CSP would block it and see
// the violation). Nothing is left for the page to see: no globals (everything lives in
// this closure), no attributes, no events, no console output; the only trace is the
// attribute-less host element of the badge.
(() => {
  'use strict';
  if (window.top !== window) return; // the top frame walks same-origin frames itself
  // Injected again into a page it already runs in (a site just taught, issue 8): one is
  // enough. The mark lives in the extension's isolated world; the page cannot see it.
  if (globalThis[Symbol.for('linekeeper.content')]) return;
  globalThis[Symbol.for('linekeeper.content')] = true;

  // `cargo xtask bench` builds a copy with this set to true, to report scan timings.
  const BENCH = false;
  const MAX_NODES = 200000;
  const MAX_TEXT = 2000;
  const SLICE_MS = 8; // work per slice before yielding to the page (no long tasks)
  const DEBOUNCE_MS = 60; // quiet time after a change before rescanning
  const MAX_WAIT_MS = 800; // a page that never stops changing is still rescanned this often

  // ---- walker --------------------------------------------------------------------------
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'option', 'datalist', 'rp']);
  const KEEP = new Set([
    'id', 'class', 'role', 'aria-label', 'aria-busy', 'aria-valuenow', 'aria-valuemin',
    'aria-valuemax', 'aria-valuetext', 'data-testid', 'title', 'datetime', 'type', 'name',
    'for', 'lang', 'autocomplete', 'aria-checked',
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

  const pause = () =>
    globalThis.scheduler && typeof scheduler.yield === 'function'
      ? scheduler.yield()
      : new Promise((resolve) => setTimeout(resolve, 0));

  // Decides whether an element is kept and, if so, writes its JSON entry; returns its index
  // or -1 for a left-out element (whose subtree is then skipped).
  function emitElement(node, parent, out) {
    const tag = node.localName.toLowerCase(); // SVG keeps camelCase names (foreignObject)
    if (SKIP.has(tag) || !rendered(node)) return -1;
    const attrs = node.attributes;
    let a = '';
    let style = false;
    for (let i = 0; i < attrs.length; i++) {
      const { name, value } = attrs[i];
      if (KEEP.has(name)) {
        if (name === 'aria-hidden' && value === 'true') return -1;
        if (name === 'type' && tag === 'input' && value.toLowerCase() === 'hidden') return -1;
        a += `${a ? ',' : ''}${JSON.stringify(name)}:${JSON.stringify(value)}`;
      } else if (name === 'hidden') return -1;
      else if (name === 'aria-hidden' && value === 'true') return -1;
      else if (name === 'style') style = true;
    }
    const display = style ? node.style.display : '';
    const block = tag === 'br' || (display ? !INLINE.has(display) : BLOCK.has(tag));
    out.parts.push(`{${parent === undefined ? '' : `"p":${parent},`}"t":${JSON.stringify(tag)}${a ? `,"a":{${a}}` : ''}${block ? ',"b":true' : ''}}`);
    return out.count++;
  }

  // Walks `body` (and same-origin frames in place) into `out`: the JSON text of each kept
  // node in pre-order, parents by index. A plain depth-first walk over firstChild /
  // nextSibling keeps the parent's index on a stack. Yields to the page every SLICE_MS so
  // no task runs long.
  async function walkInto(body, bodyParent, out, clock) {
    const top = emitElement(body, bodyParent, out);
    if (top < 0) return;
    const indexes = [top];
    const elements = [body];
    const zero = [];
    let node = body.firstChild;
    for (;;) {
      if (!node) {
        if (elements.length === 1) return;
        node = elements.pop().nextSibling;
        indexes.pop();
        continue;
      }
      if (out.count >= MAX_NODES) return;
      if (performance.now() - clock.start > SLICE_MS) {
        await pause();
        clock.start = performance.now();
        if (!body.isConnected) return;
      }
      const parent = indexes[indexes.length - 1];
      const type = node.nodeType;
      if (type === 3) {
        const text = fold(node.data);
        if (text) {
          let hidden = false;
          if (DIGIT.test(text)) {
            hidden = zero[parent];
            if (hidden === undefined) zero[parent] = hidden = zeroSize(elements[elements.length - 1]);
          }
          if (!hidden) {
            // MAX_TEXT counts characters (code points), as the native walker does.
            const x = text.length > MAX_TEXT ? Array.from(text).slice(0, MAX_TEXT).join('') : text;
            out.parts.push(`{"p":${parent},"t":"#text","x":${JSON.stringify(x)}}`);
            out.count++;
          }
        }
      } else if (type === 1) {
        const at = emitElement(node, parent, out);
        if (at >= 0) {
          if (node.localName === 'iframe') {
            let inner = null;
            try {
              inner = node.contentDocument && node.contentDocument.body;
            } catch (_) {
              inner = null;
            }
            if (inner) await walkInto(inner, at, out, clock);
          } else if (node.firstChild) {
            indexes.push(at);
            elements.push(node);
            node = node.firstChild;
            continue;
          }
        }
      }
      node = node.nextSibling;
    }
  }

  // The page snapshot as JSON text: one string crosses to the worker far faster than a
  // hundred thousand small objects, and Rust parses it in one pass.
  async function pageSnapshot() {
    const out = { parts: [], count: 0 };
    if (document.body) await walkInto(document.body, undefined, out, { start: performance.now() });
    const lang = document.documentElement.getAttribute('lang');
    return `{"url":${JSON.stringify(location.href)},${lang ? `"lang":${JSON.stringify(lang)},` : ''}"title":${JSON.stringify(
      fold(document.title || ''),
    )},"nodes":[${out.parts.join(',')}]}`;
  }

  // ---- badge ---------------------------------------------------------------------------
  const CSS = `
    :host { all: initial !important; display: block !important; position: static !important; }
    .badge { position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; max-width: min(380px, calc(100vw - 24px));
      font: 13px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
      color: #fff; background: #1f6f43; border-radius: 18px; box-shadow: 0 2px 12px rgba(0,0,0,.28);
      transition: box-shadow .15s ease, border-radius .15s ease; touch-action: none; user-select: none; }
    .badge.u-soon { background: #8a4f00; }
    .badge.u-urgent, .badge.u-overdue { background: #b3261e; }
    .badge.u-none { background: #3f434a; }
    .badge.dragging { box-shadow: 0 6px 22px rgba(0,0,0,.4); cursor: grabbing; }
    .badge.expanded { border-radius: 14px; }
    button { font: inherit; color: inherit; background: none; border: 0; margin: 0; cursor: pointer; }
    button:focus-visible { outline: 3px solid #fff; outline-offset: 2px; border-radius: 12px; }
    .pill { display: flex; align-items: center; gap: 8px; padding: 7px 14px; text-align: left; cursor: grab; width: 100%; }
    .dot { width: 10px; height: 10px; border-radius: 50%; background: #fff; opacity: .85; flex: none; }
    .main { font-weight: 600; }
    .minimized .main { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .minimized .pill { padding: 9px; }
    .details { padding: 0 14px 10px; }
    .details[hidden] { display: none; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 2px 0 8px; }
    dt { opacity: .85; } dd { margin: 0; font-weight: 600; }
    .row { display: flex; gap: 8px; flex-wrap: wrap; }
    .act { background: rgba(255,255,255,.18); border-radius: 12px; padding: 4px 10px; font-weight: 600; }
    .act:hover { background: rgba(255,255,255,.28); }
    @media (prefers-reduced-motion: reduce) { .badge { transition: none !important; } }
  `;

  const host = location.host;
  const placeKey = `badge:${host}`;
  let ui = null; // { root, box, pill, main, details }
  let view = null;
  let place = null; // { right, bottom, pinned, minimized } — remembered per site
  let expanded = false;

  const t = (key, args) => chrome.i18n.getMessage(key, args) || key;
  const msg = (m) => (m ? t(m.key, m.args) : '');
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };

  async function loadPlace() {
    try {
      const stored = (await chrome.storage.local.get(placeKey))[placeKey];
      if (stored && Number.isFinite(stored.right) && Number.isFinite(stored.bottom)) place = stored;
    } catch (_) {
      place = null;
    }
  }

  function savePlace() {
    chrome.storage.local.set({ [placeKey]: place }).catch(() => {});
  }

  function buildUi() {
    const hostEl = document.createElement('div');
    const root = hostEl.attachShadow({ mode: 'closed' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (_) {
      root.append(el('style', null, CSS));
    }
    const box = el('div', 'badge');
    box.setAttribute('role', 'region');
    const pill = el('button', 'pill');
    pill.type = 'button';
    pill.setAttribute('aria-expanded', 'false');
    pill.setAttribute('aria-controls', 'lk-details');
    const main = el('span', 'main');
    pill.append(el('span', 'dot'), main);
    const details = el('div', 'details');
    details.id = 'lk-details';
    details.hidden = true;
    box.append(pill, details);
    root.append(box);
    document.documentElement.append(hostEl);
    ui = { hostEl, root, box, pill, main, details };
    wireDrag();
    box.addEventListener('keydown', onKey);
  }

  function removeUi() {
    if (ui) ui.hostEl.remove();
    ui = null;
    expanded = false;
  }

  function render() {
    if (!view || !view.active) {
      removeUi();
      return;
    }
    if (!ui) buildUi();
    const { box, pill, main, details } = ui;
    const brand = t('ext_short_name');
    const summary = [msg(view.headline), msg(view.detail)].filter(Boolean).join(' · ');
    box.className = `badge u-${view.urgency}${expanded ? ' expanded' : ''}${place && place.minimized && !expanded ? ' minimized' : ''}`;
    box.setAttribute('aria-label', brand);
    main.textContent = summary;
    pill.setAttribute('aria-label', `${brand}: ${summary}. ${t(expanded ? 'badge_collapse' : 'badge_expand')}`);
    pill.setAttribute('aria-expanded', String(expanded));
    pill.title = t('badge_move_hint');
    details.hidden = !expanded;
    details.replaceChildren();
    if (expanded) {
      const facts = el('dl');
      const fact = (label, value) => {
        if (value) facts.append(el('dt', null, label), el('dd', null, value));
      };
      if (view.money_label) fact(t(view.money_label), view.money_text);
      fact(t('badge_next_date'), view.date_text);
      if (view.next_step) fact(t('badge_next_step'), msg(view.next_step));
      if (facts.childElementCount) details.append(facts);
      const row = el('div', 'row');
      const open = el('button', 'act', t('badge_open_checklist'));
      open.type = 'button';
      open.addEventListener('click', (e) => {
        if (e.isTrusted) chrome.runtime.sendMessage({ type: 'open-checklist' }).catch(() => {});
      });
      const mini = el('button', 'act', t(place && place.minimized ? 'badge_restore' : 'badge_minimize'));
      mini.type = 'button';
      mini.addEventListener('click', (e) => {
        if (!e.isTrusted) return;
        place = { ...(place || { right: 16, bottom: 16 }), minimized: !(place && place.minimized) };
        savePlace();
        expanded = false;
        render();
        ui && ui.pill.focus();
      });
      row.append(open, mini);
      details.append(row);
    }
    position();
  }

  // ---- placement: remembered per site; never over the page's own controls ----------------
  const INTERACTIVE = 'a[href],button,input,select,textarea,summary,label,[role=button],[role=link],[role=tab],[role=menuitem],[tabindex]:not([tabindex="-1"]),[contenteditable=""],[contenteditable=true]';

  function coversControl(rect) {
    const points = [
      [rect.left + 2, rect.top + 2], [rect.right - 2, rect.top + 2], [rect.left + 2, rect.bottom - 2],
      [rect.right - 2, rect.bottom - 2], [(rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2],
    ];
    for (const [x, y] of points) {
      if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
      for (const hit of document.elementsFromPoint(x, y)) {
        if (ui && hit === ui.hostEl) continue;
        if (hit.closest && hit.closest(INTERACTIVE)) return true;
        break; // only the topmost page element under the point matters
      }
    }
    return false;
  }

  function applyOffsets(right, bottom) {
    const { box } = ui;
    const w = box.offsetWidth;
    const h = box.offsetHeight;
    const r = Math.min(Math.max(4, right), Math.max(4, innerWidth - w - 4));
    const b = Math.min(Math.max(4, bottom), Math.max(4, innerHeight - h - 4));
    box.style.right = `${r}px`;
    box.style.bottom = `${b}px`;
    return box.getBoundingClientRect();
  }

  function position() {
    if (!ui) return;
    if (place && place.pinned) {
      applyOffsets(place.right, place.bottom);
      return;
    }
    const w = ui.box.offsetWidth;
    const h = ui.box.offsetHeight;
    const spots = [
      [16, 16], [innerWidth - w - 16, 16], [16, innerHeight - h - 16], [innerWidth - w - 16, innerHeight - h - 16],
      [16, Math.round(innerHeight / 2 - h / 2)], [innerWidth - w - 16, Math.round(innerHeight / 2 - h / 2)],
    ];
    for (const [right, bottom] of spots) {
      if (!coversControl(applyOffsets(right, bottom))) return;
    }
    applyOffsets(16, 16);
  }

  let placing = 0;
  const placeSoon = () => {
    if (!ui || (place && place.pinned) || placing) return;
    placing = requestAnimationFrame(() => {
      placing = 0;
      position();
    });
  };
  addEventListener('resize', placeSoon, { passive: true });
  addEventListener('scroll', placeSoon, { passive: true, capture: true });

  function wireDrag() {
    const { box, pill } = ui;
    let start = null;
    pill.addEventListener('pointerdown', (e) => {
      if (!e.isTrusted || e.button !== 0) return;
      const rect = box.getBoundingClientRect();
      start = { x: e.clientX, y: e.clientY, right: innerWidth - rect.right, bottom: innerHeight - rect.bottom, moved: false };
      pill.setPointerCapture(e.pointerId);
    });
    pill.addEventListener('pointermove', (e) => {
      if (!start || !e.isTrusted) return;
      const dx = e.clientX - start.x;
      const dy = e.clientY - start.y;
      if (!start.moved && Math.hypot(dx, dy) < 5) return;
      start.moved = true;
      box.classList.add('dragging');
      applyOffsets(start.right - dx, start.bottom - dy);
    });
    const end = (e) => {
      if (!start || !e.isTrusted) return;
      const moved = start.moved;
      start = null;
      box.classList.remove('dragging');
      if (moved) {
        const rect = box.getBoundingClientRect();
        place = { ...(place || {}), right: Math.round(innerWidth - rect.right), bottom: Math.round(innerHeight - rect.bottom), pinned: true };
        savePlace();
        suppressClick = true;
      }
    };
    let suppressClick = false;
    pill.addEventListener('pointerup', end);
    pill.addEventListener('pointercancel', end);
    pill.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      if (suppressClick) {
        suppressClick = false;
        return;
      }
      expanded = !expanded;
      render();
    });
  }

  function onKey(e) {
    if (!e.isTrusted || !ui) return;
    if (e.key === 'Escape' && expanded) {
      expanded = false;
      render();
      ui.pill.focus();
      e.stopPropagation();
      return;
    }
    const step = e.shiftKey ? 64 : 16;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (e.altKey && moves[e.key]) {
      const rect = ui.box.getBoundingClientRect();
      const [dr, db] = moves[e.key];
      const now = applyOffsets(innerWidth - rect.right + dr, innerHeight - rect.bottom + db);
      place = { ...(place || {}), right: Math.round(innerWidth - now.right), bottom: Math.round(innerHeight - now.bottom), pinned: true };
      savePlace();
      e.preventDefault();
      e.stopPropagation();
    }
  }

  // ---- scanning: live pages ------------------------------------------------------------
  let lastSent = '';
  let running = false;
  let dirty = false;
  let timer = 0;
  let firstChange = 0;
  let stopped = false;

  async function scan() {
    if (stopped) return;
    if (running) {
      dirty = true;
      return;
    }
    running = true;
    dirty = false;
    firstChange = 0;
    try {
      const t0 = performance.now();
      const page = await pageSnapshot();
      if (page === lastSent) return;
      lastSent = page;
      const t1 = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'scan', page });
      if (BENCH) {
        const t2 = performance.now();
        document.documentElement.dataset.linekeeperBench = JSON.stringify({ bytes: page.length, walk: t1 - t0, total: t2 - t0 });
      }
      if (reply && reply.badge && !stopped) {
        view = reply.badge;
        render();
        if (BENCH && view.status === 'ok' && !document.documentElement.dataset.linekeeperBadgeAt) {
          document.documentElement.dataset.linekeeperBadgeAt = String(performance.now());
        }
      }
    } catch (_) {
      // The extension was reloaded or the worker is starting: the next change rescans.
      lastSent = '';
    } finally {
      running = false;
      if (dirty) schedule();
    }
  }

  // Debounced, with a ceiling: a page that keeps changing is still read every MAX_WAIT_MS.
  function schedule() {
    const now = performance.now();
    if (!firstChange) firstChange = now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstChange + MAX_WAIT_MS - now));
    timer = setTimeout(scan, wait);
  }

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      // Our own host element coming and going is not a change of the page.
      if (ui && r.target === document.documentElement && [...r.addedNodes, ...r.removedNodes].every((n) => n === ui.hostEl)) continue;
      schedule();
      return;
    }
  });
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'aria-hidden', 'aria-busy', 'open'],
  });

  // Route changes in single-page apps, history navigation, and pages restored from the
  // back/forward cache all get a fresh read.
  const rescanNow = () => {
    lastSent = '';
    schedule();
  };
  addEventListener('popstate', rescanNow);
  addEventListener('hashchange', rescanNow);
  addEventListener('pageshow', (e) => {
    if (e.persisted) rescanNow();
  });
  if (globalThis.navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('navigatesuccess', rescanNow);
  }

  // A taught site the user forgot (issue 8): stop reading and take the badge away.
  chrome.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== chrome.runtime.id || message?.type !== 'linekeeper-stop' || message.host !== location.hostname) return;
    stopped = true;
    observer.disconnect();
    clearTimeout(timer);
    view = null;
    removeUi();
  });

  loadPlace().then(scan);
})();
