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
  const DEBOUNCE_MS = 40; // quiet time after a change before rescanning
  const MAX_WAIT_MS = 800; // a page that never stops changing is still rescanned this often

  // ---- walker --------------------------------------------------------------------------
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'option', 'datalist', 'rp']);
  const KEEP = new Set([
    'id', 'class', 'role', 'aria-label', 'aria-busy', 'aria-valuenow', 'aria-valuemin',
    'aria-valuemax', 'aria-valuetext', 'data-testid', 'title', 'datetime', 'type', 'name',
    'for', 'lang', 'autocomplete', 'aria-checked', 'aria-controls',
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
  // White space folded to one space, except one no-break space between two digits: it
  // groups them (`1&nbsp;024 MB`), as in page.rs `fold_space`.
  // (The ends lose the folded space only, as in Rust: `trim()` would also strip U+3000 and
  // the other Unicode spaces, which the native reader keeps: `扣繳　<b>已申請</b>`.)
  const fold = (s) => s.replace(/(?:[ \t\n\f\r]|(?<!\d)\u00a0|\u00a0(?!\d))+/g, ' ').replace(/^ | $/g, '');

  // Rendered visibility from the computed style (stylesheets included). checkVisibility is
  // one native call; display:contents elements have no box, so they get a second look.
  const VISIBLE = { visibilityProperty: true };
  function rendered(el) {
    if (el.checkVisibility(VISIBLE)) return true;
    return getComputedStyle(el).display === 'contents';
  }

  // Text inside a collapsed box is not seen: a box with a zero width or height that clips
  // its overflow (a closed accordion: `height: 0; overflow: hidden`), or one with both
  // dimensions zero; display:contents elements have no box of their own and never count.
  // Only layout reads tell, and they cost more than everything else in the walk: checked
  // only for text that could be a value (has a digit), once per element per scan.
  function collapsedBox(el) {
    const box = el.getBoundingClientRect();
    if (box.width !== 0 && box.height !== 0) return false;
    const style = getComputedStyle(el);
    if (style.display === 'contents') return false;
    return (box.width === 0 && box.height === 0) || style.overflow !== 'visible';
  }

  // True when `el` or one of its ancestors, across same-origin frames (a frame's body → its
  // iframe), is a collapsed box. A body is not measured itself (its overflow belongs to the
  // viewport); the iframe holding it is. `boxes` keeps the answer per element for the scan,
  // so each ancestor is measured at most once, and only the ancestors above the nearest one
  // already known: a text's chain is measured from the top down, and below a collapsed box
  // nothing more is measured.
  function collapsed(el, boxes) {
    return downChain(el, boxes, (e, above) => Boolean(above) || (e !== e.ownerDocument.body && collapsedBox(e)));
  }

  // The answer for `el` to a question whose answer passes down from an element to its
  // descendants (across same-origin frames, see `up`): `own(e, above)` gives `e`'s from its
  // parent's (undefined at the top). `memo` keeps each element's answer for the scan, and
  // only the ancestors below the nearest one already known are asked, from the top down.
  function downChain(el, memo, own) {
    const chain = [];
    let value;
    for (let e = el; e; e = up(e)) {
      const known = memo.get(e);
      if (known !== undefined) {
        value = known;
        break;
      }
      chain.push(e);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      value = own(chain[i], value);
      memo.set(chain[i], value);
    }
    return value;
  }

  const pause = () =>
    globalThis.scheduler && typeof scheduler.yield === 'function'
      ? scheduler.yield()
      : new Promise((resolve) => setTimeout(resolve, 0));

  // Yields to the page (call when the slice has run SLICE_MS); false when `node` left it.
  const due = (clock) => {
    const ran = performance.now() - clock.start;
    if (BENCH && ran > clock.longest) clock.longest = ran; // the longest task the scan ran
    return ran > SLICE_MS;
  };
  async function yieldTo(clock, node) {
    const paused = BENCH ? performance.now() : 0;
    await pause();
    clock.start = performance.now();
    if (BENCH) clock.paused = (clock.paused || 0) + clock.start - paused; // time given to the page
    return node.isConnected;
  }

  // ---- shadow trees (src/page.rs: the walk follows the composed tree) -------------------
  // A host shows its shadow root's children; a `slot` is no node of the snapshot: in its
  // place come the nodes assigned to it, else its own children. Tags that may hold a shadow
  // root: custom elements (a `-` in the name) and these (attachShadow's list).
  const SHADOW_HOSTS = new Set([
    'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'header', 'main', 'nav', 'p', 'section', 'span',
  ]);
  // Closed roots are opened through the extension API (Chromium: chrome.dom; Firefox: the
  // element's openOrClosedShadowRoot), for custom elements only: one API call per walked
  // div or span would cost more than the rest of the walk, and the page's own closed roots
  // are custom elements' (as is the badge's host, which is no child of the body).
  const openClosed = globalThis.chrome && chrome.dom && chrome.dom.openOrClosedShadowRoot;
  function shadowOf(el) {
    const root = el.shadowRoot;
    if (root || !el.localName.includes('-')) return root || null;
    try {
      return (openClosed ? chrome.dom.openOrClosedShadowRoot(el) : el.openOrClosedShadowRoot) || null;
    } catch (_) {
      return null;
    }
  }
  // The first node an element shows, and the list it comes from when that is not a chain
  // of siblings (a slot's assigned nodes): [node, list].
  function firstShown(el, info) {
    if (info.host) {
      const root = shadowOf(el);
      if (root) return [root.firstChild, null];
    } else if (info.slot) {
      const items = el.assignedNodes();
      if (items.length) return [items[0], { items, i: 0 }];
    }
    return [el.firstChild, null];
  }
  const nextShown = (node, list) => (list ? list.items[++list.i] || null : node.nextSibling);

  // The shadow roots of the page (nested ones too), found among its first SHADOW_LOOK
  // elements in page order: looking costs a walk over elements (2.5 ms on a page of 100 000
  // nodes, a quarter of a bare text pass), so it stops there; an app drawn in web components
  // has its hosts near the top. Each root found is watched for changes like the page.
  const SHADOW_LOOK = 4000;
  const watchedRoots = new WeakSet();
  function shadowRoots(scope, budget = { n: SHADOW_LOOK }, roots = []) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT);
    while (budget.n-- > 0 && walker.nextNode()) {
      const el = walker.currentNode;
      const root = tagInfo(el.localName).host ? shadowOf(el) : null;
      if (root) {
        roots.push(root);
        shadowRoots(root, budget, roots);
      }
    }
    return roots;
  }
  // The roots of `body` (shadowRoots) as last looked for, and the count of page changes
  // then: a read with no change of the page since (a history navigation's re-read, a read
  // again with taught words) takes them as they were, without the walk (1.5 ms on a page
  // of 10 000 nodes). A root attached with no change of the page is found by the late looks.
  let rootsLooked = null; // { body, changes, roots }
  function pageRoots(body) {
    if (rootsLooked && rootsLooked.body === body && rootsLooked.changes === changes) return rootsLooked.roots;
    const roots = shadowRoots(body);
    rootsLooked = { body, changes, roots };
    return roots;
  }
  // Whether `el` shows something else than its children: a shadow host (with a root) or a slot.
  function composes(el) {
    const info = tagInfo(el.localName);
    return info.slot || (info.host && shadowOf(el) !== null);
  }

  // What the walk needs to know of a tag, worked out once per tag name.
  const tags = new Map(); // localName → { tag, skip, block, input }
  function tagInfo(name) {
    let info = tags.get(name);
    if (!info) {
      const tag = name.toLowerCase(); // SVG keeps camelCase names (foreignObject)
      info = {
        tag, skip: SKIP.has(tag), block: BLOCK.has(tag), br: tag === 'br', input: tag === 'input',
        host: tag.includes('-') || SHADOW_HOSTS.has(tag), slot: tag === 'slot',
      };
      tags.set(name, info);
    }
    return info;
  }
  // A value as the page snapshot's lines carry it (src/page.rs, `PageSnapshot::from_lines`):
  // `\`, tab and line break escaped (texts, folded, hold no tab or line break).
  const ESCAPED = /[\\\t\n]/;
  const escapeValue = (v) => (ESCAPED.test(v) ? v.replace(/[\\\t\n]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\\\')) : v);

  // Decides whether an element is kept and, if so, writes its line; returns its index
  // or -1 for a left-out element (whose subtree is then skipped). Attributes are read by
  // name (`getAttributeNames`): `attributes[i]` makes an Attr node for each one.
  function emitElement(node, parent, out) {
    const info = tagInfo(node.localName);
    if (info.skip || !rendered(node)) return -1;
    let a = '';
    let style = false;
    if (node.hasAttributes()) {
      for (const name of node.getAttributeNames()) {
        if (KEEP.has(name)) {
          const value = node.getAttribute(name);
          if (name === 'type' && info.input && value.toLowerCase() === 'hidden') return -1;
          a += `\t${name}\t${escapeValue(value)}`;
        } else if (name === 'hidden') return -1;
        else if (name === 'aria-hidden') {
          if (node.getAttribute(name) === 'true') return -1;
        } else if (name === 'style') style = true;
      }
    }
    const display = style ? node.style.display : '';
    const block = info.br || (display ? !INLINE.has(display) : info.block);
    out.parts.push(`${parent === undefined ? '' : parent}\t${info.tag}\t${block ? 'b' : ''}${a}`);
    if (block) out.block = true;
    return out.count++;
  }

  // The body of a same-origin frame, or null.
  function frameBody(frame) {
    try {
      return (frame.contentDocument && frame.contentDocument.body) || null;
    } catch (_) {
      return null;
    }
  }

  // The option a drop-down shows (its selected one), or null: a `select` with `multiple` or
  // a size over 1 is a list box, whose options are left out like every other option.
  function shownOption(select) {
    if (select.multiple || select.size > 1 || select.selectedIndex < 0) return null;
    return select.options[select.selectedIndex];
  }
  // Whether a text node is read: not inside a left-out tag, but for the option a drop-down
  // shows (a line picker: `Line (•••) •••-4821`).
  function readable(node) {
    const p = node.parentNode;
    if (!SKIP.has(p.localName)) return true;
    const select = p.localName === 'option' && p.closest('select');
    return Boolean(select) && shownOption(select) === p;
  }

  // The value a read-only form field shows (an account page's settings form: `Phone number
  // [(646) 555-0219]`), or null. An editable field holds what the user types, and a
  // check box, button or password field shows no account text.
  const NO_TEXT_INPUTS = new Set(['checkbox', 'radio', 'submit', 'button', 'reset', 'image', 'file', 'range', 'color', 'password', 'hidden']);
  function shownValue(input) {
    if (!(input.readOnly || input.disabled) || NO_TEXT_INPUTS.has(input.type)) return null;
    return input.value || null;
  }

  // Writes a text node's entry unless it is empty or, holding a digit, inside a collapsed
  // box (its parent or any ancestor, see `collapsed`); true when written.
  function emitText(node, parent, parentEl, out) {
    return emitString(node.data, parent, parentEl, out);
  }
  // A drop-down's entry: the text of its shown option (its label, as drawn), as its child.
  function emitShown(select, at, out) {
    const option = shownOption(select);
    return Boolean(option) && emitString(option.getAttribute('label') || option.text, at, select, out);
  }
  function emitString(data, parent, parentEl, out) {
    const text = fold(data);
    if (!text) return false;
    if (DIGIT.test(text) && collapsed(parentEl, out.boxes)) return false;
    // MAX_TEXT counts characters (code points), as the native walker does.
    const x = text.length > MAX_TEXT ? Array.from(text).slice(0, MAX_TEXT).join('') : text;
    out.parts.push(`${parent}\t\t${x}`);
    out.count++;
    return true;
  }

  // Counts the rows of padding (see walkChain) as text is written: a text after a block
  // element starts a row (other texts may too: counting fewer rows only pads more).
  function padded(pad, out) {
    if (pad && out.block) pad.rows--;
    out.block = false;
  }

  // Walks `top` and its whole subtree (same-origin frames in place) into `out`: the line
  // of each kept node in pre-order, parents by index. A plain depth-first walk over
  // firstChild / nextSibling keeps the parent's index on a stack. Yields to the page every
  // SLICE_MS so no task runs long. With `pad`, stops when `pad.rows` rows are written.
  // Returns null when the walk is done, or a promise when it paused (most walks are a few
  // rows of padding: they run to the end without an async call of their own).
  function walkFull(top, topParent, out, clock, pad = null) {
    const first = emitElement(top, topParent, out);
    if (first < 0) return null;
    if (top.localName === 'iframe') {
      const inner = frameBody(top);
      return inner ? walkFull(inner, first, out, clock, pad) : null;
    }
    if (top.localName === 'select') {
      if (emitShown(top, first, out)) padded(pad, out);
      return null;
    }
    if (top.localName === 'input') {
      const value = shownValue(top);
      if (value && emitString(value, first, top, out)) padded(pad, out);
      return null;
    }
    const [node, list] = firstShown(top, tags.get(top.localName));
    return walkOn({ top, node, indexes: [first], elements: [top], lists: [list] }, out, clock, pad);
  }

  // The walk of walkFull from where `state` stands.
  function walkOn(state, out, clock, pad) {
    const { top, indexes, elements, lists } = state;
    // Steps into `el`'s children: their parent's index, `el`, the list they come from.
    const enter = (at, el, list) => {
      indexes.push(at);
      elements.push(el);
      lists.push(list);
    };
    let node = state.node;
    for (;;) {
      if (!node) {
        if (elements.length === 1) return null;
        const done = elements.pop();
        indexes.pop();
        lists.pop();
        node = nextShown(done, lists[lists.length - 1]);
        continue;
      }
      if (out.count >= MAX_NODES || (pad && pad.rows <= 0)) return null;
      if ((++clock.n & 15) === 0 && due(clock)) {
        state.node = node;
        return yieldTo(clock, top).then((still) => (still ? walkOn(state, out, clock, pad) : null));
      }
      const parent = indexes[indexes.length - 1];
      const type = node.nodeType;
      if (type === 3) {
        if (emitText(node, parent, elements[elements.length - 1], out)) padded(pad, out);
      } else if (type === 1 && node.localName === 'slot') {
        // No node of its own: what it shows comes in its place, under its parent.
        const [first, list] = firstShown(node, tagInfo('slot'));
        if (first) {
          enter(parent, node, list);
          node = first;
          continue;
        }
      } else if (type === 1) {
        const at = emitElement(node, parent, out);
        if (at >= 0) {
          if (node.localName === 'iframe') {
            const inner = frameBody(node);
            const paused = inner && walkFull(inner, at, out, clock, pad);
            if (paused) {
              state.node = nextShown(node, lists[lists.length - 1]);
              return paused.then(() => walkOn(state, out, clock, pad));
            }
          } else if (node.localName === 'select') {
            if (emitShown(node, at, out)) padded(pad, out);
          } else if (node.localName === 'input') {
            const value = shownValue(node);
            if (value && emitString(value, at, node, out)) padded(pad, out);
          } else {
            const [first, list] = firstShown(node, tags.get(node.localName));
            if (first) {
              enter(at, node, list);
              node = first;
              continue;
            }
          }
        }
      }
      node = nextShown(node, lists[lists.length - 1]);
    }
  }

  // ---- sparse walk: only the neighbourhoods of anchors ------------------------------------
  // A full-fidelity walk costs far more than the page's own text pass, and an account page is
  // mostly navigation, history and offers. So a first pass as cheap as a bare text pass tests
  // every text node against the scan vocabulary — the label words of the profiles, data units,
  // currency marks and masked phone numbers (src/vocabulary.rs; built into this file by `cargo xtask dist`, more
  // for user-taught profiles in the worker's scan reply) — and a few elements (password
  // fields, busy regions, meters, aria-labels). Around each match (an anchor) a
  // neighbourhood is taken: the highest ancestor at most NEAR_HEIGHT levels up whose subtree
  // has at most NEAR_ELEMENTS elements. Only the neighbourhoods are walked (walkFull, the
  // contract of src/page.rs), with the chain of their ancestors (attributes kept, hidden
  // ones still hiding everything below), in document order.
  const SCAN_WORDS = "$SCAN_WORDS";
  const NEAR_HEIGHT = 6; // the extractor pairs a label with values at most 6 levels apart
  const NEAR_ELEMENTS = 40;
  const PER_KEY = 32; // a key repeated more often is a list (history): its first 32 places
  const PAD_ROWS = 6; // the extractor looks at most 4 rows after a label, 3 before it
  // Elements that are anchors: `[aria]` (busy regions, values of meters: these two
  // selectors, and any aria-label holder with an aria-busy or aria-valuenow), those holding
  // a key in their aria-label, and the tags the browser indexes. One query per attribute:
  // the browser runs a single attribute selector several times faster than a list of them
  // (on a page of 100 000 nodes, 0.3-0.9 ms each against 2.5 ms for the three as one list;
  // a longer list costs as much as the text pass).
  const ARIA_ANCHORS = ['[aria-busy=true]', '[aria-valuenow]'];
  const LABELLED = '[aria-label]';
  const TAG_ANCHORS = ['input', 'progress', 'meter'];
  const inOrder = (a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);

  // (Called for each character of the tries: a set lookup, not a replace, for one.)
  const RE_SPECIAL = new Set('.*+?^${}()|[]\\');
  const escapeRe = (s) => (s.length === 1 ? (RE_SPECIAL.has(s) ? `\\${s}` : s) : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const WORD_KEY = /^[a-z0-9]+$/;
  // One regular expression for a list of keys, shaped as a trie (one branch per first
  // character), which V8 runs several times faster than a flat alternation.
  function trie(words) {
    const root = new Map();
    for (const w of words) {
      let n = root;
      for (const ch of w) {
        if (!n.has(ch)) n.set(ch, new Map());
        n = n.get(ch);
      }
      n.set('', null);
    }
    const emit = (n) => {
      const alts = [];
      let end = false;
      for (const [ch, child] of n) {
        if (ch === '') end = true;
        else alts.push(escapeRe(ch) + emit(child));
      }
      if (!alts.length) return '';
      const body = alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
      return end ? `(?:${body})?` : body;
    };
    return emit(root);
  }
  // The first pass reads the page's text as one string (`textContent`: one native call; a
  // content script pays dearly for every node it touches) and looks for the keys in it:
  // - ASCII keys of up to SHORT letters as whole words (no ASCII letter either side:
  //   `GB`, `due`, not `number`), longer ones anywhere (text nodes meet without a space
  //   between them in the string: `3.4 GBremaining` still holds `remaining`);
  // - keys of marks (`$`, `--`, `€`) and the masked phone numbers (`extra`) anywhere;
  // - keys with other letters (CJK, accents), anywhere, in a second expression run only
  //   when the text holds one of their first such letters.
  const SHORT = 4;
  const NON_ASCII_LETTER = /[^\x00-\x7f]/;
  const classOf = (chars) => `[${[...new Set(chars)].map((c) => (/[\\\]^-]/.test(c) ? `\\${c}` : c)).join('')}]`;
  // A class of whole blocks of code points holding `chars` (64 wide below U+3000, 4096 wide
  // above): a few ranges the regexp engine tests far faster than a long list of letters,
  // for a first test over a whole page's text (it holds more than `chars`: a hit only
  // means the exact expression is run).
  function coarseClass(chars) {
    const hex = (n) => `\\u${n.toString(16).padStart(4, '0')}`;
    const ranges = [];
    // (A case form of more than one character, `SS` of `ß`, matches nothing in a class.)
    const codes = [...new Set(chars.filter((c) => [...c].length === 1).map((c) => c.codePointAt(0)))].sort((a, b) => a - b);
    for (const code of codes) {
      if (code > 0xffff) return new RegExp(classOf(chars), 'u');
      const size = code < 0x3000 ? 64 : 4096;
      const from = code - (code % size);
      const last = ranges[ranges.length - 1];
      if (last && from <= last[1] + 1) last[1] = Math.max(last[1], from + size - 1);
      else ranges.push([from, from + size - 1]);
    }
    return new RegExp(`[${ranges.map(([a, b]) => `${hex(a)}-${hex(Math.min(b, 0xffff))}`).join('')}]`);
  }
  // The keys of `groups` (short words, long words, marks) as one expression, the same as
  // `(?<![a-z])trie(short)(?![a-z])|trie(long)|trie(marks)` but with the branches for one
  // first character together: `d(?:(?<![a-z][^])ue(?![a-z])|atenvolumen)` (the engine then
  // picks a branch once a position, not once a group: a tenth less time over a long page).
  // `memo` (optional) keeps each first character's branch, made again only when its words
  // change (a narrowed expression, see searchOn, differs from the whole in a few branches).
  function byFirst(groups, memo = null) {
    const roots = new Map(); // first character (lower case) → [character, rests by group]
    groups.forEach((words, g) => {
      for (const w of words) {
        const [c, ...rest] = [...w];
        const k = c.toLowerCase();
        if (!roots.has(k)) roots.set(k, [c, groups.map(() => [])]);
        roots.get(k)[1][g].push(rest.join(''));
      }
    });
    const alts = [];
    for (const [c, rests] of roots.values()) {
      const id = memo && `${c}\n${rests.map((list) => list.join('\n')).join('\t')}`;
      let alt = memo && memo.get(id);
      if (alt === undefined) {
        const parts = [];
        rests.forEach((list, g) => {
          if (list.length) parts.push(g === 0 ? `(?<![a-z][^])${trie(list)}(?![a-z])` : trie(list));
        });
        alt = parts.length === 1 && !parts[0] ? escapeRe(c) : `${escapeRe(c)}(?:${parts.join('|')})`;
        if (memo) memo.set(id, alt);
      }
      alts.push(alt);
    }
    return alts.join('|');
  }
  function vocabulary(words, extra = '') {
    const letters = words.filter((w) => !WORD_KEY.test(w) && /\p{L}/u.test(w.replace(/[\x00-\x7f]/g, '')));
    const lettered = new Set(letters);
    const others = words.filter((w) => !lettered.has(w));
    const first = letters.map((w) => [...w].find((c) => NON_ASCII_LETTER.test(c)));
    const cased = first.flatMap((c) => [c, c.toLowerCase(), c.toUpperCase()]);
    return {
      coarse: letters.length ? coarseClass(cased) : null,
      main: narrowable(others, extra, (list, more, memo) => {
        const short = list.filter((w) => WORD_KEY.test(w) && w.length <= SHORT);
        const long = list.filter((w) => WORD_KEY.test(w) && w.length > SHORT);
        const marks = list.filter((w) => w && !WORD_KEY.test(w));
        const main = [byFirst([short, long, marks], memo), more].filter(Boolean);
        return main.length ? new RegExp(main.join('|'), 'gi') : null;
      }),
      first: letters.length ? new RegExp(classOf(cased)) : null,
      letters: narrowable(letters, '', (list) => (list.length ? new RegExp(trie(list), 'gi') : null)),
    };
  }

  // The expression of `words` (and `extra`, the masked phone numbers, key `#phone`) as
  // `build` makes it (`re`), and the same without some of its words (`without`, see
  // searchOn): each one made once for the content script's lifetime (a page read again
  // narrows the same way), a few kept.
  const NARROWINGS = 16;
  function narrowable(words, extra, build) {
    const made = new Map(); // the words left out, sorted, joined → expression
    const memo = new Map(); // what `build` keeps between narrowings
    const own = new Set(words);
    const has = (key) => (key === '#phone' ? Boolean(extra) : own.has(key));
    const without = (gone, make) => {
      const id = [...gone].sort().join('\n');
      let re = made.get(id);
      if (re === undefined && make) {
        if (made.size >= NARROWINGS) made.clear();
        re = build(words.filter((w) => !gone.has(w)), gone.has('#phone') ? '' : extra, memo);
        made.set(id, re);
      }
      return re;
    };
    // (`narrowed`: whether a narrowing was made, which a search may then take for free.)
    // The whole expression is made at its first use: the one of keys with other letters
    // only on a page holding one of their first letters.
    let whole;
    return {
      get re() {
        if (whole === undefined) whole = without(new Set(), true);
        return whole;
      },
      has,
      without,
      narrowed: () => made.size > 1,
    };
  }
  const builtin = SCAN_WORDS && typeof SCAN_WORDS === 'object' ? SCAN_WORDS : { words: [], masks: '' };
  const known = new Set(builtin.words);
  // A masked phone number (`(•••) •••-4821`, `138****2231`, `...4821`) marks a line. The run of mask marks
  // is bounded: unbounded, a long run of them without digits after costs quadratic time (1 200 `•` took
  // 10 ms a match), and no masked number has more than a couple of dozen marks before its last four.
  const masks = [...(builtin.masks || '')];
  const maskClass = masks.length ? classOf(masks).slice(1, -1) : '';
  const PHONE = masks.length ? `(?:[${maskClass}]|\\.\\.\\.)[${maskClass}\\s().\\-\u2011\u2013]{0,24}\\d{4}` : '';
  const vocab = [vocabulary(builtin.words, PHONE)];
  const taughtElements = new Set();
  let taughtSelector = '';

  // `tag#id.class` (a user-taught anchor's element) as a CSS selector. (`globalThis.CSS`:
  // `CSS` below is the badge's style sheet.)
  function selectorOf(pattern) {
    const parts = pattern.trim().split(/(?=[#.])/);
    let sel = '';
    for (const p of parts) {
      if (!p) continue;
      if (p[0] === '#' || p[0] === '.') {
        if (p.length > 1) sel += p[0] + globalThis.CSS.escape(p.slice(1));
      } else sel += globalThis.CSS.escape(p.toLowerCase());
    }
    return sel;
  }

  // Words and elements from the worker's scan reply (profiles not built in); true when
  // something was new, so the page is read again with them.
  function learn(extra) {
    if (!extra || typeof extra !== 'object') return false;
    const words = (Array.isArray(extra.words) ? extra.words : []).filter((w) => typeof w === 'string' && w && !known.has(w));
    words.forEach((w) => known.add(w));
    if (words.length) vocab.push(vocabulary(words));
    let grew = words.length > 0;
    for (const e of Array.isArray(extra.elements) ? extra.elements : []) {
      if (typeof e !== 'string' || taughtElements.has(e)) continue;
      const sel = selectorOf(e);
      try {
        document.querySelector(sel);
      } catch (_) {
        continue;
      }
      taughtElements.add(e);
      taughtSelector += `${taughtSelector ? ',' : ''}${sel}`;
      grew = true;
    }
    return grew;
  }

  // A found key as counted: no key ends in a digit, a masked phone number does.
  const keyOf = (m) => {
    const c = m.charCodeAt(m.length - 1);
    return c >= 48 && c <= 57 ? '#phone' : m;
  };

  // Adds to `hits` ([offset, key]) the keys in `text`, in order for each expression (a key as
  // written: `Balance` and `balance` are counted apart), at most PER_KEY a key (`counts`).
  // With a clock, yields to the page between matches when the slice is spent (the text is a
  // copy: nothing can move in it).
  async function scanText(text, counts, hits, clock) {
    for (const v of vocab) {
      for (const expr of [v.main, v.coarse && v.coarse.test(text) ? v.letters : null]) {
        if (!expr || !expr.re) continue;
        const search = { expr, re: expr.re, gone: new Set(), from: 0, wasted: 0, after: NARROW_AFTER };
        search.re.lastIndex = 0;
        while (!searchOn(search, text, counts, hits, clock)) {
          const at = search.re.lastIndex;
          await yieldTo(clock, document.documentElement);
          search.re.lastIndex = at; // another scan may have used the expression meanwhile
        }
      }
    }
  }

  // A long list repeats a few keys (a history: `Data`, `$`, masked numbers) long after their
  // PER_KEY places are taken, and each of those matches costs the search as much as a new
  // key. So after NARROW_AFTER such matches the search goes on with an expression without
  // the words whose every form found (`Data`, `DATA`) has its places: without their other
  // forms too, from there on. It is made (compiled: about a millisecond for the built-in
  // vocabulary) only when the matches it spares, at the rate since the last look over the
  // text left, are worth it; a narrowing made before costs nothing. Each look that changes
  // nothing waits for twice as many such matches before the next.
  const NARROW_AFTER = 64;
  const NARROW_WORTH = 8000; // spared matches that pay for compiling an expression
  function narrow(search, text, counts) {
    const at = search.re.lastIndex;
    const worth = search.wasted * (text.length - at) >= NARROW_WORTH * (at - search.from);
    search.wasted = 0;
    search.from = at;
    search.after *= 2;
    if (!worth && !search.expr.narrowed()) return;
    const full = new Map(); // word → whether every form of it found has its places
    for (const [key, n] of counts) {
      const word = key === '#phone' ? key : key.toLowerCase();
      if (search.expr.has(word) && !search.gone.has(word)) full.set(word, n >= PER_KEY && full.get(word) !== false);
    }
    const gone = new Set(search.gone);
    for (const [word, yes] of full) if (yes) gone.add(word);
    if (gone.size === search.gone.size) return;
    const re = search.expr.without(gone, worth);
    if (!re) return;
    re.lastIndex = at;
    search.re = re;
    search.gone = gone;
    search.after = NARROW_AFTER;
  }

  // The loop of scanText, from the expression's `lastIndex` on: true at the end of `text`,
  // false when the slice is spent. (A plain function: the engine can optimise a long loop
  // while it runs, which it does not do inside an async function.)
  function searchOn(search, text, counts, hits, clock) {
    let k = 0;
    let re = search.re;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const key = keyOf(m[0]);
      const n = counts.get(key) || 0;
      if (n < PER_KEY) {
        counts.set(key, n + 1);
        hits.push([m.index, key]);
      } else if (++search.wasted >= search.after) {
        narrow(search, text, counts);
        re = search.re;
      }
      if (!m[0]) re.lastIndex++;
      if (clock && (++k & 127) === 0 && due(clock)) return false;
    }
    return true;
  }

  // The first key in `text` (as `scanText` counts it), or null.
  function keyIn(text) {
    for (const v of vocab) {
      for (const expr of [v.main, v.first && v.first.test(text) ? v.letters : null]) {
        const re = expr && expr.re;
        if (!re) continue;
        re.lastIndex = 0;
        const m = re.exec(text);
        if (m) return keyOf(m[0]);
      }
    }
    return null;
  }

  // Adds an anchor (and its key) to `found` unless its key has PER_KEY places already.
  function take(found, node, key) {
    const n = found.counts.get(key) || 0;
    if (n >= PER_KEY) return;
    found.counts.set(key, n + 1);
    found.nodes.push(node);
    found.keys.push(key);
  }

  // Takes the text nodes of `body` holding the `hits` (offsets in its text, in order).
  function placeHits(body, hits, found) {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let end = 0;
    for (let i = 0; i < hits.length && walker.nextNode(); ) {
      const node = walker.currentNode;
      end += node.length;
      if (hits[i][0] >= end) continue;
      if (readable(node)) take(found, node, hits[i][1]);
      while (i < hits.length && hits[i][0] < end) i++;
    }
  }

  // The first pass over `body` (a document's body, or a part of the page that changed) and
  // its same-origin frames: anchors go to `found.nodes`, at most PER_KEY per key.
  async function findAnchors(body, found, clock) {
    // The keys in the page's text (in document order: text nodes in tree order make up
    // `textContent`), at most PER_KEY a key; then the text nodes holding them, found by
    // adding up node lengths (no node's text is read). The page may change while the scan
    // pauses: then the offsets no longer fit its nodes, and the text is read again, the
    // second time without pausing.
    for (let attempt = 0; ; attempt++) {
      const gen = changes;
      const counts = new Map(found.counts);
      const hits = [];
      const whole = body.textContent;
      if (BENCH) found.times.content = performance.now() - found.t0;
      await scanText(whole, counts, hits, attempt === 0 ? clock : null);
      if (BENCH) found.times.regex = performance.now() - found.t0;
      if (gen !== changes) continue;
      hits.sort((a, b) => a[0] - b[0]);
      placeHits(body, hits, found);
      break;
    }
    if (BENCH) found.times.text = performance.now() - found.t0;
    if (due(clock) && !(await yieldTo(clock, body))) return;
    // `[aria]` in page order (its first PER_KEY places), each element once; then the
    // labels' keys.
    const aria = new Set();
    const labelled = [];
    for (const selector of ARIA_ANCHORS) for (const el of matching(body, selector)) aria.add(el);
    const sources = aria.size;
    for (const el of matching(body, LABELLED)) {
      if (el.hasAttribute('aria-busy') || el.hasAttribute('aria-valuenow')) aria.add(el);
      else labelled.push(el);
    }
    const arias = [...aria];
    if (sources && arias.length > 1) arias.sort(inOrder);
    for (const el of arias) take(found, el, '[aria]');
    for (const el of labelled) {
      const label = el.getAttribute('aria-label');
      const key = label && keyIn(label);
      if (key) take(found, el, key);
    }
    for (const tag of TAG_ANCHORS) {
      for (const el of body.nodeType === 1 ? body.getElementsByTagName(tag) : body.querySelectorAll(tag)) {
        if (tag !== 'input' || el.type === 'password' || shownValue(el)) take(found, el, `<${tag}>`);
      }
    }
    if (BENCH) found.times.elements = performance.now() - found.t0;
    if (taughtSelector) {
      try {
        for (const el of body.querySelectorAll(taughtSelector)) take(found, el, '#taught');
      } catch (_) {
        // a pattern the browser does not accept was left out by learn()
      }
    }
    // Same-origin frames: only a document with child frames has any (`window.length`, one
    // number; looking for iframe elements walks all of the page's elements after a change).
    // (A shadow root's frames are left out.)
    const view = body.ownerDocument.defaultView;
    if ((view && view.length === 0) || body.nodeType !== 1) return;
    for (const frame of body.getElementsByTagName('iframe')) {
      const inner = frameBody(frame);
      if (inner) await findAnchors(inner, found, clock);
    }
  }

  // The header row of the table (or ARIA table / grid) that `el` is in, below its top:
  // the extractor reads a table's cells by their column headers (a history table's
  // `Date | Amount`, one line a column), which a row's neighbourhood leaves out. Null
  // when `el` is no part of a table, or is the whole table.
  function headerOf(el) {
    const table = el.closest('table, [role=table], [role=grid]');
    if (!table || table === el) return null;
    if (table.localName === 'table') return table.tHead || table.rows[0] || null;
    return table.querySelector('[role=row]');
  }

  // The elements of `body`'s subtree, itself included, matching `selector`, in page order.
  function matching(body, selector) {
    const found = body.querySelectorAll(selector);
    return body.nodeType === 1 && body.matches(selector) ? [body, ...found] : found;
  }

  // An element's parent, across same-origin frame boundaries (a frame's body → its iframe).
  function up(el) {
    const doc = el.ownerDocument;
    if (el === doc.body) {
      const view = doc.defaultView;
      return view && view !== window ? view.frameElement : null;
    }
    const parent = el.parentNode; // an element, or a shadow root: then its host
    return parent ? (parent.nodeType === 1 ? parent : parent.host || null) : null;
  }

  // The neighbourhood of an anchor: see above. Whether a subtree (the element itself
  // included) has more than NEAR_ELEMENTS elements is asked natively, once per element:
  // it has a descendant number NEAR_ELEMENTS (`item(NEAR_ELEMENTS - 1)`). A collection's
  // item(i) walks the subtree only as far as that element, where `.length` counts all of
  // it (a list holding a long history: tens of thousands of elements, counted again after
  // every change of the list's children).
  function neighbourhood(node, big) {
    let el = node.nodeType === 1 ? node : up(node); // a text right in a shadow root: its host
    if (!el) return null;
    const large = (e) => {
      let yes = big.get(e);
      if (yes === undefined) big.set(e, (yes = e.getElementsByTagName('*').item(NEAR_ELEMENTS - 1) !== null));
      return yes;
    };
    for (let h = 0; h < NEAR_HEIGHT && el !== el.ownerDocument.body; h++) {
      const parent = el.parentElement;
      if (!parent || large(parent)) break;
      el = parent;
    }
    return el;
  }

  // Walks the ancestor chain element `el`: below it only chains and neighbourhoods, each
  // followed by PAD_ROWS rows of what comes next in the page (padding). The extractor pairs
  // a label with a value at most a few rows away: without the padding, two neighbourhoods
  // far apart in the page would meet in the snapshot and a label in one could take a value
  // in the other. `owed` is the padding still due from before `el` (returned likewise).
  async function walkChain(el, parent, out, clock, marks, owed) {
    const at = emitElement(el, parent, out);
    if (at < 0) return owed; // a hidden ancestor hides its whole subtree, neighbourhoods too
    if (el.localName === 'iframe') {
      const inner = frameBody(el);
      return inner ? walkMarked(inner, at, out, clock, marks, owed) : owed;
    }
    // Marked children of `el` in page order: with no padding owed, the walk jumps from one
    // to the next (a list of ten thousand rows around one anchor is not stepped through).
    const kids = marks.kids.get(el) || [];
    let k = 0;
    for (let child = el.firstChild; child; ) {
      if (out.count >= MAX_NODES || ((++clock.n & 15) === 0 && due(clock) && !(await yieldTo(clock, el)))) return 0;
      if (child.nodeType === 1 && (marks.roots.has(child) || marks.chain.has(child))) {
        while (k < kids.length && kids[k] !== child) k++;
        k++;
        if (marks.roots.has(child)) {
          const paused = walkFull(child, at, out, clock);
          if (paused) await paused;
          owed = PAD_ROWS;
        } else owed = await walkChain(child, at, out, clock, marks, owed);
      } else if (owed > 0) {
        const pad = { rows: owed };
        if (child.nodeType === 3) {
          if (emitText(child, at, el, out)) padded(pad, out);
        } else if (child.nodeType === 1) {
          const paused = walkFull(child, at, out, clock, pad);
          if (paused) await paused;
        }
        owed = Math.max(0, pad.rows);
      } else {
        // The next marked child still in `el` (the page may have changed in a pause).
        while (k < kids.length && kids[k].parentNode !== el) k++;
        if (k >= kids.length) break;
        child = kids[k];
        continue;
      }
      child = child.nextSibling;
    }
    return owed;
  }

  async function walkMarked(el, parent, out, clock, marks, owed) {
    if (!marks.roots.has(el)) return walkChain(el, parent, out, clock, marks, owed);
    const paused = walkFull(el, parent, out, clock);
    if (paused) await paused;
    return PAD_ROWS;
  }

  // Walks the page into `out`: the neighbourhoods of its anchors, or, on a page without
  // any, the whole page.
  // Re-reading only what changed: the anchors of the last first pass, and the nodes added
  // or changed since (collected by the MutationObserver below). Anchors do not depend on
  // visibility (the walk checks it), so a change of class or style needs no new search.
  // The whole text is searched again after a route change, history navigation, or more
  // than MAX_TOUCHED changed nodes.
  const MAX_TOUCHED = 256;
  let lastFound = null; // { body, nodes, keys }
  let touched = [];
  let rereadAll = true;

  function touch(node) {
    if (rereadAll) return;
    if (touched.length >= MAX_TOUCHED) {
      rereadAll = true;
      touched = [];
    } else touched.push(node);
  }

  async function anchorsOf(body, found, clock) {
    const batch = touched;
    const whole = rereadAll || !lastFound || lastFound.body !== body;
    touched = [];
    rereadAll = false;
    if (whole) {
      await findAnchors(body, found, clock);
    } else {
      // The anchors still in the page keep their places (and only they count: a part of
      // the page rendered again and again does not use its keys' places up).
      lastFound.nodes.forEach((node, i) => {
        if (node.isConnected) take(found, node, lastFound.keys[i]);
      });
      found.incremental = true;
      for (const node of batch) {
        if (!node.isConnected) continue;
        if (node.nodeType === 1) await findAnchors(node, found, clock);
        else if (node.nodeType === 3 && readable(node)) {
          const key = keyIn(node.data);
          if (key) take(found, node, key);
        }
      }
    }
    // Shadow trees: their text is no part of the page's text. Each root is searched on a
    // whole read and when it is new (a host drawn since; changes inside a known root come
    // through the observer).
    for (const root of pageRoots(body)) {
      if (!whole && watchedRoots.has(root)) continue;
      if (!watchedRoots.has(root)) {
        watchedRoots.add(root);
        observer.observe(root, OBSERVED);
      }
      await findAnchors(root, found, clock);
    }
    if (BENCH) found.times.roots = performance.now() - found.t0;
    lastFound = { body, nodes: found.nodes.slice(), keys: found.keys.slice() };
  }

  // A neighbourhood inside a shadow tree or below a host or slot is walked from the
  // highest host (or the parent of the highest slot) above it: the walk of the ancestor
  // chain steps through children as the page's tree has them, not as they are drawn.
  // `highest` keeps, per element, the highest one at or above it that composes (null for
  // none): the neighbourhoods of a scan share their ancestors, each asked once.
  function composedTop(el, highest) {
    const top = downChain(el, highest, (e, above) => above || (composes(e) ? e : null)) || el;
    return tagInfo(top.localName).slot ? up(top) || top : top;
  }

  async function walkPage(body, out, clock) {
    const found = { nodes: [], keys: [], counts: new Map(), times: out.times, t0: performance.now() };
    await anchorsOf(body, found, clock);
    out.anchors = found.nodes.length;
    out.incremental = Boolean(found.incremental);
    if (!found.nodes.length || !body.isConnected) return walkFull(body, undefined, out, clock);
    const big = new Map(); // element → whether its subtree is larger than a neighbourhood
    const highest = new Map(); // element → the highest element at or above it that composes
    const roots = new Set();
    const chain = new Set();
    const kids = new Map(); // element → its marked children (roots, chain), sorted below
    const mark = (e) => {
      const parent = e.parentNode; // a frame's body: its parent is the frame's <html>
      if (!parent) return;
      const list = kids.get(parent);
      if (list) list.push(e);
      else kids.set(parent, [e]);
    };
    for (const node of found.nodes) {
      if (due(clock) && !(await yieldTo(clock, body))) return;
      const near = node.isConnected ? neighbourhood(node, big) : null;
      if (!near) continue;
      // The neighbourhood, and the header row of a table it is in (walked like one).
      for (const part of [near, headerOf(near)]) {
        const root = part && composedTop(part, highest);
        if (!root || roots.has(root)) continue;
        roots.add(root);
        if (!chain.has(root)) mark(root);
        for (let e = up(root); e && !chain.has(e); e = up(e)) {
          chain.add(e);
          if (!roots.has(e)) mark(e);
        }
      }
    }
    for (const list of kids.values()) if (list.length > 1) list.sort(inOrder);
    if (BENCH) out.times.near = performance.now() - found.t0;
    await walkMarked(body, undefined, out, clock, { roots, chain, kids }, 0);
  }

  // The page snapshot as one string of lines (src/page.rs, "The page snapshot as the content
  // script sends it"): one string crosses to the worker far faster than a hundred thousand
  // small objects; without JSON's quotes the message has little to escape, and Rust reads
  // it in slices of one pass. (No URL: the worker takes the sender's.)
  async function pageSnapshot(out) {
    const clock = { start: performance.now(), longest: 0, n: 0 };
    if (document.body) await walkPage(document.body, out, clock);
    const lang = document.documentElement.getAttribute('lang');
    const head = `${lang ? escapeValue(lang) : ''}\n${fold(document.title || '')}`;
    const page = out.parts.length ? `${head}\n${out.parts.join('\n')}` : head;
    if (BENCH) {
      due(clock);
      out.longest = clock.longest;
      out.times.paused = clock.paused || 0;
    }
    return page;
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
    .badge.probe { pointer-events: none; }
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
    // Only the topmost page element under a point matters: the badge is left out of hit
    // testing meanwhile (`probe`), so one hit test stops at the first element (listing
    // every element under a point costs tens of ms on a long page).
    for (const [x, y] of points) {
      if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && (!ui || hit !== ui.hostEl) && hit.closest && hit.closest(INTERACTIVE)) return true;
    }
    return false;
  }

  // Offsets from the right and bottom edges kept inside the viewport, for a box of w × h.
  const clampOffsets = (right, bottom, w, h) => [
    Math.min(Math.max(4, right), Math.max(4, innerWidth - w - 4)),
    Math.min(Math.max(4, bottom), Math.max(4, innerHeight - h - 4)),
  ];

  function applyOffsets(right, bottom) {
    const { box } = ui;
    const [r, b] = clampOffsets(right, bottom, box.offsetWidth, box.offsetHeight);
    box.style.right = `${r}px`;
    box.style.bottom = `${b}px`;
    return box.getBoundingClientRect();
  }

  // The spot last chosen by probing and what it depended on: the badge's size, the
  // viewport, the scroll position and the page's changes so far. Probing hit-tests the
  // page (on a page of 100 000 nodes about 1.5 ms a point, 6 ms after a style change), so
  // a render or a re-read of an unchanged page keeps the spot; scrolling, resizing and
  // any change of the page probe again.
  let probed = null;
  const probeKey = (w, h) => [w, h, innerWidth, innerHeight, scrollX, scrollY, changes].join();

  // The badge's box at offsets `right`, `bottom` (clamped into the viewport as
  // applyOffsets does), without moving it.
  function boxAt(right, bottom, w, h) {
    const [r, b] = clampOffsets(right, bottom, w, h);
    // (A fixed box's offsets are from the viewport without its scroll bars.)
    const root = document.documentElement;
    const left = (root.clientWidth || innerWidth) - r - w;
    const top = (root.clientHeight || innerHeight) - b - h;
    return { left, top, right: left + w, bottom: top + h };
  }

  function position(force = false) {
    if (!ui) return;
    if (place && place.pinned) {
      applyOffsets(place.right, place.bottom);
      return;
    }
    const w = ui.box.offsetWidth;
    const h = ui.box.offsetHeight;
    const key = probeKey(w, h);
    if (!force && probed && probed.key === key) {
      applyOffsets(probed.right, probed.bottom);
      return;
    }
    const spots = [
      [16, 16], [innerWidth - w - 16, 16], [16, innerHeight - h - 16], [innerWidth - w - 16, innerHeight - h - 16],
      [16, Math.round(innerHeight / 2 - h / 2)], [innerWidth - w - 16, Math.round(innerHeight / 2 - h / 2)],
    ];
    const { box } = ui;
    // Left out of hit testing once for all the spots: each is tested where the badge would
    // stand, and the badge moves once, to the spot chosen.
    box.classList.add('probe');
    let chosen = [16, 16];
    try {
      chosen = spots.find(([right, bottom]) => !coversControl(boxAt(right, bottom, w, h))) || chosen;
    } finally {
      box.classList.remove('probe');
    }
    applyOffsets(chosen[0], chosen[1]);
    probed = { key, right: chosen[0], bottom: chosen[1] };
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
  let changes = 0; // page changes seen so far (the first pass checks none came in a pause)
  let lastSent = '';
  let lastSentUrl = '';
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
    const changedAt = firstChange;
    const started = performance.now();
    firstChange = 0;
    try {
      await afterPaint();
      const floor = BENCH ? await roundTrips() : null;
      const t0 = performance.now();
      const out = { parts: [], count: 0, anchors: 0, incremental: false, times: {}, boxes: new Map() };
      const page = await pageSnapshot(out);
      // (The same page at another URL, a route of a single-page app, is sent again.)
      if (page === lastSent && location.href === lastSentUrl) return;
      lastSent = page;
      lastSentUrl = location.href;
      const t1 = performance.now();
      const reply = await ask({ type: 'scan', page });
      if (BENCH) {
        const t2 = performance.now();
        const worker = reply && reply.times;
        if (worker) {
          // The message's way there and back (clock times: the worker has its own timer).
          worker.there = worker.arrived - (performance.timeOrigin + t1);
          worker.back = performance.timeOrigin + t2 - worker.replied;
        }
        document.documentElement.dataset.linekeeperBench = JSON.stringify({
          floor, worker, bytes: page.length, nodes: out.count, anchors: out.anchors, incremental: out.incremental, times: out.times,
          debounce: changedAt ? started - changedAt : 0, paint: t0 - started, longest: out.longest, walk: t1 - t0, total: t2 - t0,
        });
      }
      // Words of profiles that are not built in (user-taught rules): read again with them.
      if (reply && learn(reply.scan)) {
        lastSent = '';
        rereadAll = true;
        dirty = true;
      }
      if (reply && reply.badge && !stopped) {
        // The same view again (a re-read that found the same values): the badge stays as it
        // is drawn; only its place is checked again, after the next frame.
        const same = ui && view && JSON.stringify(view) === JSON.stringify(reply.badge);
        view = reply.badge;
        if (same) placeSoon();
        else render();
        if (BENCH && view.status === 'ok' && !document.documentElement.dataset.linekeeperBadgeAt) {
          const drawn = performance.now();
          document.documentElement.dataset.linekeeperBadgeAt = String(drawn);
          afterPaint().then(() => {
            document.documentElement.dataset.linekeeperBadgePainted = JSON.stringify([drawn, performance.now()]);
          });
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

  // The scans' channel to the worker: a port, opened when first needed and again after it
  // closed (the worker was stopped, the extension reloaded). The worker takes the page's
  // URL from the port's sender, which the browser fixes when the port opens: a page whose
  // URL changed since (a route of a single-page app) gets a new port. Closed when the page
  // is hidden (the back/forward cache keeps no open port). A message whose port closes
  // before the reply is sent once more on a new port; then the error is the scan's.
  let port = null;
  let portUrl = '';
  let asked = 0;
  const waiting = new Map(); // id → { resolve, reject }
  function close(reason) {
    const lost = [...waiting.values()];
    waiting.clear();
    lost.forEach((pending) => pending.reject(new Error(reason)));
  }
  function hangUp() {
    if (port) port.disconnect(); // (our own end gets no onDisconnect)
    port = null;
    close('the port was closed');
  }
  function channel() {
    if (port && portUrl === location.href) return port;
    hangUp();
    const opened = chrome.runtime.connect({ name: 'scan' });
    opened.onMessage.addListener((m) => {
      const pending = m && waiting.get(m.id);
      if (!pending) return;
      waiting.delete(m.id);
      pending.resolve(m.reply);
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = null;
      close('the worker went away');
    });
    port = opened;
    portUrl = location.href;
    return opened;
  }
  addEventListener('pagehide', hangUp);
  const post = (message) =>
    new Promise((resolve, reject) => {
      const id = ++asked;
      try {
        const open = channel();
        waiting.set(id, { resolve, reject });
        open.postMessage({ id, message });
      } catch (error) {
        waiting.delete(id);
        port = null;
        reject(error);
      }
    });
  const ask = (message) => post(message).catch(() => post(message));

  // Bench builds: the floor under a scan's message, measured just before the scan: an empty
  // message to the worker and its reply on the scan's channel (the worker answers it first
  // thing), and, beside it, a one-off runtime message. Medians of 5.
  async function roundTrips() {
    const time = async (send) => {
      const runs = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await send({ type: 'bench-ping' });
        runs.push(performance.now() - t);
      }
      return runs.sort((a, b) => a - b)[2];
    };
    return { empty: await time(post), message: await time((m) => chrome.runtime.sendMessage(m)) };
  }

  // The read starts after the page's next paint (a frame, then a task): the style and
  // layout the visibility checks need are then the ones the page computed for itself,
  // not forced in the middle of its work. Hidden tabs get no frames: a timer stands in.
  const afterPaint = () =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, 100);
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(timer);
          resolve();
        }, 0),
      );
    });

  // Debounced, with a ceiling: a page that keeps changing is still read every MAX_WAIT_MS.
  function schedule() {
    const now = performance.now();
    if (!firstChange) firstChange = now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstChange + MAX_WAIT_MS - now));
    timer = setTimeout(scan, wait);
  }

  const observer = new MutationObserver((records) => {
    let changed = false;
    for (const r of records) {
      // Our own host element coming and going is not a change of the page.
      if (ui && r.target === document.documentElement && [...r.addedNodes, ...r.removedNodes].every((n) => n === ui.hostEl)) continue;
      changed = true;
      if (r.type === 'childList') r.addedNodes.forEach(touch);
      else if (r.type === 'characterData' || r.attributeName === 'aria-busy') touch(r.target);
    }
    if (changed) {
      changes++;
      schedule();
    }
  });
  const OBSERVED = {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'aria-hidden', 'aria-busy', 'open'],
  };
  observer.observe(document.documentElement, OBSERVED);

  // Route changes in single-page apps, history navigation, and pages restored from the
  // back/forward cache all get a fresh read.
  const rescanNow = () => {
    lastSent = '';
    rereadAll = true;
    touched = [];
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

  // A component may draw into a shadow root attached after the first read with no change
  // to the page's own tree (a custom element defined late renders into its new root): no
  // mutation tells of it. A few looks for new roots after load (each a walk of at most
  // SHADOW_LOOK elements) catch it.
  const LATE_ROOT_LOOKS_MS = [1000, 3000, 8000];
  function lookForLateRoots(i) {
    if (i >= LATE_ROOT_LOOKS_MS.length) return;
    setTimeout(() => {
      if (stopped) return;
      if (document.body && shadowRoots(document.body).some((root) => !watchedRoots.has(root))) {
        rootsLooked = null;
        schedule();
      }
      lookForLateRoots(i + 1);
    }, LATE_ROOT_LOOKS_MS[i]);
  }

  // The port is opened now, not when the first scan is sent: a stopped worker starts (and
  // warms its engine, see background.js `warmUp`) while the page paints and is walked.
  try {
    channel();
  } catch (_) {
    // the extension was reloaded: the scan tries again
  }
  loadPlace().then(scan).then(() => lookForLateRoots(0));
})();
