// LineKeeper pick mode (issue 8): injected into one tab with chrome.scripting.executeScript
// when the user chose "Teach this page" in the popup and granted the site. The user clicks
// the data-left value, the balance and the renewal date (each can be skipped); the worker
// parses each in Rust and answers what it read and under which label; a last screen asks to
// confirm before the rule is saved.
//
// Glue only: this file finds the clicked element and the label texts around it (its
// aria-label, a <label for>, the dt or table header it belongs to, the text just before it,
// the heading of its card) and sends them; Rust decides which is the label and what the
// value is. Drawn in a closed shadow root like the badge; the page's own elements are never
// changed (the highlight is a box of ours over the value). Keyboard: Next / Previous move
// the highlight between values, Use picks it, Escape leaves. No globals the page can see.
(() => {
  'use strict';
  if (window.top !== window) return;
  const MARK = Symbol.for('linekeeper.pick');
  if (globalThis[MARK]) {
    globalThis[MARK]();
    return;
  }

  const FIELDS = ['data_remaining', 'balance', 'renewal_date'];
  const FIELD_NAMES = { data_remaining: 'teach_field_data', balance: 'teach_field_balance', renewal_date: 'teach_field_renewal' };
  const MAX_CLIMB_TEXT = 40; // a value's element grows to a short parent (`Balance: $7.40`)
  const MAX_CANDIDATES = 400;
  const t = (key, args) => chrome.i18n.getMessage(key, args) || key;
  const fold = (s) => (s || '').replace(/[ \t\n\f\r\u00a0]+/g, ' ').trim();
  const textOf = (el) => fold(el.innerText ?? el.textContent);

  // ---- what was clicked, and the labels around it --------------------------------------
  const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role=heading],legend,caption';

  function valueElement(el) {
    let e = el;
    while (e.parentElement && e.parentElement !== document.body && textOf(e.parentElement).length <= MAX_CLIMB_TEXT) {
      e = e.parentElement;
    }
    return e;
  }

  function clues(el) {
    const out = [];
    const push = (kind, text) => {
      const s = fold(text);
      if (s && s.length <= 120 && !out.some((c) => c.kind === kind && c.text === s)) out.push({ kind, text: s });
    };
    for (let e = el, i = 0; e && e !== document.body && i < 3; e = e.parentElement, i++) {
      const aria = e.getAttribute('aria-label');
      if (aria) push('aria', aria);
    }
    if (el.id) {
      for (const label of document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)) push('for', label.textContent);
    }
    for (const ref of (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)) {
      push('for', document.getElementById(ref)?.textContent);
    }
    const dd = el.closest('dd');
    if (dd) {
      let dt = dd.previousElementSibling;
      while (dt && dt.localName !== 'dt') dt = dt.previousElementSibling;
      if (dt) push('term', dt.textContent);
    }
    const cell = el.closest('td,th');
    const row = cell?.parentElement;
    if (cell && row) {
      const rowHead = row.querySelector('th');
      if (rowHead && rowHead !== cell) push('term', rowHead.textContent);
      const table = cell.closest('table');
      const headRow = table?.querySelector('thead tr') || table?.querySelector('tr');
      const index = [...row.children].indexOf(cell);
      const colHead = headRow && headRow !== row ? headRow.children[index] : null;
      if (colHead) push('term', colHead.textContent);
    }
    // The nearest text before it: its previous siblings, then its ancestors' (four levels).
    before: for (let e = el, i = 0; e && e !== document.body && i < 4; e = e.parentElement, i++) {
      for (let p = e.previousSibling; p; p = p.previousSibling) {
        const s = p.nodeType === 3 ? fold(p.data) : p.nodeType === 1 ? textOf(p) : '';
        if (s) {
          push('before', s);
          break before;
        }
      }
    }
    // The heading of its card: the nearest ancestor with a heading before the value.
    for (let e = el.parentElement, i = 0; e && e !== document.documentElement && i < 6; e = e.parentElement, i++) {
      const h = [...e.querySelectorAll(HEADINGS)].filter((x) => !x.contains(el) && (x.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)).pop();
      if (h) {
        push('heading', h.textContent);
        break;
      }
    }
    return out.slice(0, 12);
  }

  // Values the keyboard can step through: visible elements with a digit in their own text.
  function candidates() {
    const out = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && out.length < MAX_CANDIDATES; n = walker.nextNode()) {
      if (!/\d/.test(n.data)) continue;
      const el = n.parentElement;
      if (!el || el === hostEl || seen.has(el) || !el.checkVisibility({ visibilityProperty: true })) continue;
      const v = valueElement(el);
      if (seen.has(v)) continue;
      seen.add(el);
      seen.add(v);
      out.push(v);
    }
    return out;
  }

  // ---- drawing -------------------------------------------------------------------------
  const CSS_TEXT = `
    :host { all: initial !important; }
    .hl { position: fixed; z-index: 2147483646; pointer-events: none; border: 3px solid #1f6f43; border-radius: 6px;
      background: rgba(31,111,67,.12); box-shadow: 0 0 0 2px #fff; display: none; }
    .panel { position: fixed; z-index: 2147483647; top: 16px; right: 16px; width: min(360px, calc(100vw - 32px));
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1c1c1c;
      background: #fff; border-radius: 12px; box-shadow: 0 4px 24px rgba(0,0,0,.3); padding: 14px 16px; box-sizing: border-box; }
    .panel.low { top: auto; bottom: 16px; }
    h2 { font-size: 15px; margin: 0 0 4px; }
    p { margin: 6px 0; }
    .step { color: #555; font-size: 12px; margin: 0; }
    .ask { font-weight: 600; }
    .hint, .current { color: #444; font-size: 12px; }
    .error { color: #b3261e; }
    .row { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
    button { font: inherit; border: 1px solid #1f6f43; background: #fff; color: #1f6f43; border-radius: 8px; padding: 4px 10px; cursor: pointer; }
    button.primary { background: #1f6f43; color: #fff; }
    button:focus-visible { outline: 3px solid #1f6f43; outline-offset: 2px; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; }
    dt { color: #555; } dd { margin: 0; font-weight: 600; }
    .label { font-weight: 400; color: #555; }
    @media (prefers-color-scheme: dark) {
      .panel { background: #1f2124; color: #eee; } .step, .hint, .current, dt, .label { color: #bbb; }
      button { background: #1f2124; color: #8fd3ac; border-color: #8fd3ac; } button.primary { background: #8fd3ac; color: #10231a; }
      .error { color: #ff8a80; }
    }
  `;

  const hostEl = document.createElement('div');
  const root = hostEl.attachShadow({ mode: 'closed' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    root.adoptedStyleSheets = [sheet];
  } catch (_) {
    const style = document.createElement('style');
    style.textContent = CSS_TEXT;
    root.append(style);
  }
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const button = (text, onClick, cls) => {
    const b = el('button', cls, text);
    b.type = 'button';
    b.addEventListener('click', (e) => {
      if (e.isTrusted) onClick();
    });
    return b;
  };
  const hl = el('div', 'hl');
  const panel = el('div', 'panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'lk-pick-title');
  panel.lang = t('lang') || 'en';
  root.append(hl, panel);
  document.documentElement.append(hostEl);

  // ---- state ---------------------------------------------------------------------------
  let step = 0; // index in FIELDS; FIELDS.length = the confirm screen; -1 = saved
  let picks = []; // {pick, preview} per field, null when skipped
  let message = null; // {text, error}
  let busy = false;
  let list = [];
  let at = -1; // keyboard highlight in `list`
  let hovered = null;

  function highlight(target) {
    if (!target || step < 0 || step >= FIELDS.length) {
      hl.style.display = 'none';
      return;
    }
    const r = target.getBoundingClientRect();
    Object.assign(hl.style, { display: 'block', left: `${r.left - 4}px`, top: `${r.top - 4}px`, width: `${r.width + 2}px`, height: `${r.height + 2}px` });
    // Never sit on the value being pointed at: the panel moves to the other edge.
    const p = panel.getBoundingClientRect();
    if (r.right > p.left && r.left < p.right && r.bottom > p.top && r.top < p.bottom) panel.classList.toggle('low');
  }

  function focusFirst(selector) {
    const target = panel.querySelector(selector) || panel.querySelector('button');
    target?.focus();
  }

  function render(focus) {
    panel.replaceChildren();
    const title = el('h2', null, t('pick_title'));
    title.id = 'lk-pick-title';
    panel.append(title);
    const live = el('p', message?.error ? 'error' : 'result', message?.text ?? '');
    live.setAttribute('role', message?.error ? 'alert' : 'status');
    if (step >= 0 && step < FIELDS.length) {
      const field = FIELDS[step];
      panel.append(
        el('p', 'step', t('pick_step', [String(step + 1), String(FIELDS.length)])),
        el('p', 'ask', t(`pick_ask_${field}`)),
        el('p', 'hint', t('pick_keys_help')),
      );
      const current = el('p', 'current', at >= 0 && list[at] ? t('pick_highlighted', [textOf(list[at]).slice(0, 60)]) : t('pick_none'));
      current.setAttribute('aria-live', 'polite');
      panel.append(current, live);
      const row = el('div', 'row');
      row.append(
        button(t('pick_prev'), () => move(-1)),
        button(t('pick_next'), () => move(1), 'next'),
        button(t('pick_use'), () => at >= 0 && list[at] && choose(list[at]), 'primary use'),
        button(t('pick_skip'), skip, 'skip'),
        button(t('pick_cancel'), leave, 'cancel'),
      );
      panel.append(row);
      highlight(at >= 0 ? list[at] : hovered && valueElement(hovered));
    } else if (step === FIELDS.length) {
      panel.append(el('p', 'ask', t('pick_confirm_title')));
      const dl = el('dl');
      FIELDS.forEach((field, i) => {
        const dd = el('dd');
        const got = picks[i];
        if (got) {
          dd.append(document.createTextNode(got.preview.value), el('span', 'label', ` · “${got.preview.label}”`));
        } else {
          dd.textContent = t('pick_skipped');
        }
        dl.append(el('dt', null, t(FIELD_NAMES[field])), dd);
      });
      panel.append(dl, el('p', 'hint', t('pick_confirm_help')), live);
      const row = el('div', 'row');
      row.append(button(t('pick_save'), save, 'primary save'), button(t('pick_again'), restart, 'again'), button(t('pick_cancel'), leave, 'cancel'));
      panel.append(row);
      highlight(null);
    } else {
      panel.append(live);
      const row = el('div', 'row');
      row.append(button(t('pick_close'), teardown, 'primary close'));
      panel.append(row);
      highlight(null);
    }
    if (focus) focusFirst(focus);
  }

  function move(delta) {
    if (!list.length) list = candidates();
    if (!list.length) return;
    at = at < 0 ? (delta > 0 ? 0 : list.length - 1) : (at + delta + list.length) % list.length;
    list[at].scrollIntoView({ block: 'center', inline: 'nearest' });
    render(delta > 0 ? '.next' : 'button');
  }

  async function choose(target) {
    if (busy) return;
    const value = valueElement(target);
    const field = FIELDS[step];
    const pick = { field, text: textOf(value).slice(0, 400), clues: clues(value) };
    const lang = document.documentElement.getAttribute('lang');
    if (lang) pick.lang = lang;
    busy = true;
    message = { text: t('pick_reading') };
    render();
    try {
      const reply = await chrome.runtime.sendMessage({ type: 'teach-pick', pick });
      if (reply?.error) throw new Error(reply.error);
      const preview = reply.preview;
      if (preview.error) {
        message = { text: t(preview.error), error: true };
        render('.next');
        return;
      }
      picks[step] = { pick, preview };
      message = { text: t('pick_read', [preview.value, preview.label]) };
      step += 1;
      at = -1;
      render(step === FIELDS.length ? '.save' : '.next');
    } catch (error) {
      message = { text: t('pick_error', [String(error?.message ?? error)]), error: true };
      render('.next');
    } finally {
      busy = false;
    }
  }

  function skip() {
    picks[step] = null;
    message = null;
    step += 1;
    at = -1;
    render(step === FIELDS.length ? '.save' : '.next');
  }

  function restart() {
    step = 0;
    picks = [];
    message = null;
    at = -1;
    render('.next');
  }

  async function save() {
    const chosen = picks.filter(Boolean).map((p) => p.pick);
    if (!chosen.length) {
      message = { text: t('pick_nothing'), error: true };
      render('.again');
      return;
    }
    if (busy) return;
    busy = true;
    try {
      const reply = await chrome.runtime.sendMessage({ type: 'teach-save', picks: chosen });
      if (reply?.error) throw new Error(reply.error);
      step = -1;
      message = { text: t('pick_saved') };
      render('.close');
    } catch (error) {
      message = { text: t('pick_error', [String(error?.message ?? error)]), error: true };
      render('.save');
    } finally {
      busy = false;
    }
  }

  function leave() {
    if (step >= 0) chrome.runtime.sendMessage({ type: 'teach-cancel' }).catch(() => {});
    teardown();
  }

  // ---- page events while picking (capture: the page's own handlers never see them) -----
  const inPanel = (e) => e.target === hostEl;
  const picking = () => step >= 0 && step < FIELDS.length;

  function onPointerMove(e) {
    if (!e.isTrusted || inPanel(e) || !picking()) return;
    const target = e.target instanceof Element ? e.target : null;
    if (target && target !== hovered) {
      hovered = target;
      if (at < 0) highlight(valueElement(target));
    }
  }
  function onClick(e) {
    if (!e.isTrusted || inPanel(e) || !picking()) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.target instanceof Element) {
      at = -1;
      choose(e.target);
    }
  }
  function swallow(e) {
    if (e.isTrusted && !inPanel(e) && picking()) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }
  function onKey(e) {
    if (!e.isTrusted) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopImmediatePropagation();
      if (step < 0) teardown();
      else leave();
    }
  }
  const reposition = () => highlight(at >= 0 ? list[at] : hovered && valueElement(hovered));
  const listeners = [
    ['pointermove', onPointerMove], ['click', onClick], ['mousedown', swallow], ['mouseup', swallow],
    ['pointerdown', swallow], ['pointerup', swallow], ['auxclick', swallow], ['keydown', onKey],
    ['scroll', reposition], ['resize', reposition],
  ];
  for (const [type, fn] of listeners) addEventListener(type, fn, { capture: true });

  function teardown() {
    for (const [type, fn] of listeners) removeEventListener(type, fn, { capture: true });
    hostEl.remove();
    delete globalThis[MARK];
  }

  // Injected again while running (the popup clicked twice): back to the panel.
  globalThis[MARK] = () => focusFirst('.next');
  render('.next');
})();
