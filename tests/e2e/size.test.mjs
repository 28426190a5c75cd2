// The shipped wasm modules' size budgets (gzip -9, the figure `cargo xtask bench` prints):
// a module that grows past its budget fails here, so growth is a decision, not an accident.
// Issue 3's goal is 120 KB for the wasm the service worker instantiates on every start (the
// engine module); see the bench table for where each module stands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST } from './harness.mjs';

const KB = 1024;
// Measured after one serialization path (src/json.rs, no serde in the product), one sort
// (src/sort.rs), floats written without core::fmt (src/decimal.rs) and small maps as sorted
// vectors (src/vecmap.rs), no Debug formatting of strings, with this test's gzip: engine
// 164.1 KB, UI 92.4 KB after the popup's markup rendering merged (main before: 225.5 /
// 115.9). Then +3.0 KB engine for reading pages never seen before (full numbers in line
// cards, amounts split into sign / dollars / cents blocks, an unlimited plan on its own row):
// 167.1 KB. Then the worker's rare actions moved to a third module, instantiated on first
// use (the tools module): engine 167.1 → 143.5 KB, tools 103.8 KB (it links the stored
// state's reader and writer, the parsers, the profiles and their reader again: the total
// grows by 80.2 KB for a smaller module on every start of the worker). Then smaller code for
// the same behaviour (structs read by one table-driven walker with one reader per field type,
// arrays by one loop, members written as `dyn ToJson`; Talc instead of dlmalloc; no float `%`,
// no SipHash): engine 130.5 KB, tools 92.5 KB, UI 82.0 KB (total 305.1 KB). Then pages
// never seen before read better (+1.7 KB engine: 132.2 KB), and the carrier profiles left
// both worker modules for one data file the worker reads at start (profiles.json-seq, 7.5 KB gzip):
// engine 125.8 KB, tools 85.9 KB, UI 81.8 KB (total with the profiles 301.0 KB). Then
// wasm-opt with `--converge --low-memory-unused` (xtask/src/dist.rs; about 1.4 KB off the
// engine, 0.5 KB off each other module), the schedule's "state changed" told by the tick
// instead of a copy of the state compared after it, and the popup cache made from the state
// read, not from a deep copy of it: engine 123.2 KB (-2.6 KB), tools 85.4 KB, UI 81.2 KB.
// Then reading more page shapes never seen before (a caption under a figure, a unit in its
// own element, line tabs owning their panels, issue days yielding to payment days, unlimited
// plan names, footer numbers, Spanish and French numbers): engine 125.8 KB (+2.6 KB), and the
// profiles' new words: profiles 7.8 KB. Then the red team's second round (device nicknames,
// next charge, totals without a role word, digits one per element, plans named beside the
// number; Spanish, German and Hong Kong wording): engine 128.5 KB (a `str::to_lowercase`
// there had pulled in the standard library's case tables, +8 KB, until it used
// `lower_char`), profiles 8.2 KB (8.3 allowed for more words).
// Then wasm-opt inlining a function with one caller only when it is at most 20 bytes (and
// always-inlining at most 4), flattening and re-relooping control flow before -Oz twice, and
// no target_features section (xtask/src/dist.rs), and common names found by a hash table
// (src/page.rs, about 0.26 KB): the same code about 3.3 KB smaller (engine; tools 1.9 KB,
// UI 1.1 KB). With the extraction of 0691287: engine 127.3 KB, tools 83.6 KB, UI 80.0 KB
// (this test's gzip; `gzip -9` gives the engine 0.6 KB less).
// Then the standard library's panic entry points reduced to a trap after linking
// (xtask/src/panics.rs: the message formatting a panic in the browser never shows), and a
// struct's JSON reader made one function instead of a copy in each of its callers, and day
// counts written without `core::fmt`: with the extraction of 8d78e7b, engine 128.7 → 126.7
// KB, tools 83.8 → 82.1 KB, UI 80.0 → 78.6 KB (this test's gzip; `gzip -9`: engine 131081 →
// 129030 bytes, tools 85615 → 84016, UI 81974 → 80611).
// Then the red team's fourth round (menus, plan names from headings, carriers' own plan
// names, Google Fi's cycle end, Minguo dates, more payment wording), the numbers' index and
// the content script's cheaper neighbourhood limits, at 80980bb: engine 127.5 KB, tools
// 82.1 KB, UI 78.6 KB, profiles 8.6 KB (plan names and new words; `gzip -9`: engine
// 129885 bytes, tools 84100, UI 80656, profiles 8729).
// Then the red team's fifth round (an amount and its total in sibling elements, usage
// beside `Unlimited`, captions that are no names, 请于…前缴费) at 360e6ad: engine 127.7 KB
// (`gzip -9` 130210 bytes), the others unchanged.
// Then the Debug impls only panic messages reach reduced to a trap with the panics
// (xtask/src/panics.rs: char's Debug kept is_printable's and Grapheme_Extend's tables), and
// `char::is_alphabetic` / `is_alphanumeric` / `is_uppercase` / `is_lowercase` replaced by
// `parse::text::is_alpha` / `is_alnum` / `is_upper` / `is_lower` (the standard library's
// answer for the scripts carrier pages use, without its tables), at 6246346: engine 124.3 KB,
// tools 80.0 KB, UI 77.7 KB (`gzip -9`: engine 130105 → 126646 bytes, tools 84100 → 81877,
// UI 80656 → 79373).
// Then the JSON readers without a copy per field type (`FromJson::read_into`: structs, lists
// and fields read in place, one outlined reader per type instead of `json::set`), field,
// variant and word-list names as one comma-terminated string each instead of tables of
// `&str`, one integer reader for every integer type, at 475fe69: engine 123.2 KB, tools
// 79.1 KB, UI 76.9 KB (`gzip -9`: engine 126606 → 125359 bytes, tools 81877 → 80649, UI
// 79373 → 78580).
// Then the red team's sixth round (an amount and its total in the next block, menu links
// and captions that are not a line's `Unlimited`, plan names ending before a price or term,
// AutoPay off phrases, SGD and CHF, bracketed asides, grouped masked numbers, the day AutoPay
// will charge) at 664a530 + 475fe69: engine 125.1 KB (+1.9 KB; `gzip -9` 127492 bytes),
// tools 79.2 KB, UI 77.0 KB, profiles 8.7 KB (new words; 8.9 allowed).
// Then no `core::fmt` formatting left in the engine (`format!` / `to_string()` / `write!` on
// numbers, dates and errors replaced by plain String building with `json::int_text` /
// `write_two_digits`, `Date::iso`, the errors' `message()`; output unchanged): engine
// 123.9 KB, tools 78.9 KB, UI 76.9 KB (`gzip -9`: engine 127492 → 126009 bytes, tools
// 80649 → 80471, UI 78580 → 78500).
// Then `usize`'s and `&str`'s `Display` reduced to a trap in the engine, which formats
// nothing (xtask/src/panics.rs: only the panic messages' table entries kept them, with
// `Formatter::pad` and `pad_integral`), and a JSON list's items read by one loop for every
// item type (`json::read_items`): engine 122.6 KB, tools 78.2 KB, UI 76.2 KB (`gzip -9`:
// engine 126008 → 124676 bytes, tools 80471 → 79761, UI 78500 → 77798). Then a list read
// into a new vector rather than a cleared one (no per-item-type clearing loop): engine
// 122.4 KB, tools 78.0 KB, UI 76.1 KB (`gzip -9`: engine 124483 bytes, tools 79577, UI 77683).
// Then main's merges at 228eb36: engine 124.3 KB, tools 78.1 KB, UI 76.2 KB (`gzip -9`:
// engine 126513 bytes, tools 79695, UI 77719). Then `core::unicode`'s `Grapheme_Extend`
// tables (read only by `char`'s `Debug`, a trap) removed from the finished modules when
// nothing in them can point into the tables (xtask/src/deadata.rs, the addresses from the
// linker's map): engine 123.7 KB, tools 77.5 KB, UI 75.5 KB (`gzip -9`: engine 126520 →
// 125809 bytes, tools 79695 → 79008, UI 77719 → 77018).
// Then the data whose address only trapped functions used (the linker's relocations say
// which: `core::unicode::printable`'s tables, panic message templates and locations) removed
// the same way: engine 122.3 KB, tools 76.1 KB, UI 73.9 KB (`gzip -9`: engine 125809 →
// 124364 bytes, tools 79008 → 77589, UI 77017 → 75388).
// Then, on main without that removal, the red team's seventh round (drop-down line pickers, history tables and paid rows,
// auto top-ups and thresholds, the host country's currency, add-ons as their own bucket,
// digit groups split by narrow spaces, plan words that start a name, translated pages'
// `<font>` wrappers, device models that are not nicknames, an `h1` naming a group plan):
// engine 126.2 KB (+3.8 KB; `gzip -9` 124483 → 128594 bytes), tools 78.5 KB, UI 76.2 KB,
// profiles 9.5 KB (new words). The engine is over its 120 KB goal: reading more pages
// right was chosen over it this time; the budget holds the line from here.
// With the dead data removed (both merged, and one `i32::to_string` less): engine 124.1 KB,
// tools 76.5 KB, UI 73.8 KB (`gzip -9`: engine 126241 bytes, tools 77939, UI 75350).
// Then a plain substring search (`parse::text::find` and its kin) instead of `str::find`'s
// Two-Way searcher, which every `&str` or `char` pattern on a `str` brought in: engine
// 123.1 KB, tools 75.5 KB, UI 72.9 KB (`gzip -9`: engine 126265 → 125196 bytes, tools
// 77964 → 76946, UI 75372 → 74357).
// Then the engine's four hash maps (label matcher, hint memo) one small open-addressing
// map (src/fastmap.rs) instead of `std`'s hashbrown (its table growth code for each key
// and value type): engine 121.4 KB (`gzip -9` 125196 → 123447 bytes); tools and UI do not
// link it.
// Then one integer reader (`parse::text::parse_uint`, `parse_int`) for every `str::parse`
// of an integer type (one std reader per type): engine 121.0 KB, tools 75.0 KB, UI 72.6 KB
// (`gzip -9`: engine 123447 → 122882 bytes, tools 76946 → 76522, UI 74357 → 74056).
// Then no `String::from_utf8` check (src/extract/usage.rs builds from characters) and no
// reverse `str` splitter (`parse::text::after_last`, a forward `last`): engine 120.3 KB,
// tools 75.0 KB, UI 72.3 KB (`gzip -9`: engine 122882 → 122358 bytes, 119.5 KB; tools
// 76522 → 76460, UI 74056 → 73721).
// Then, merged with that, the red team's eighth and ninth rounds (read-only form fields,
// transposed tables with one column per line, payment confirmations and help pages that
// give no values, amounts split over blocks, a no-break space in digit groups, add-on
// words, plan names under a line's number, more currencies): engine 127.1 KB (`gzip -9`
// 122358 → 129667 bytes, +7.1 KB), tools 75.3 KB, UI 72.4 KB (`gzip -9` 76812, 73814),
// profiles 10.1 KB (new words and flags). Over the 120 KB goal again: reading pages nobody
// tuned the engine to (round 9: 3 → 12 of 14 and 3 → 14 of 14 right) was chosen over it.
// Then char-array and char patterns, `.chars().count()`, predicate splits and trims through
// `parse::text` helpers (one searcher, one counter, one fn-pointer splitter and trimmer
// instead of one per closure or pattern): engine 126.1 KB (`gzip -9` 129667 → 128395 bytes).
// Then parse's word lists as word tables (one string per list, one search for every
// table instead of one per value type) and URL cuts without char-array searchers: engine
// 125.0 KB (`gzip -9` 128463 → 127287 bytes), tools 74.3 KB (76924 → 75697), UI 72.3 KB
// (73792 → 73742).
// Then the extraction's word lists, string matches and char sets as one string each (read
// with `in_list` / `split_where` / `strip_prefix_any`, no `&str` tables, match arms or
// `[char; N]` searchers) and the language defaults as lists: engine 125.0 KB (`gzip -9`
// 128463 → 127148 bytes); tools and UI unchanged.
// Both together: engine 122.7 KB (`gzip -9` 128463 → 125675 bytes).
// Then the round 10 and 11 fixes (plan names, dates, buckets, line numbers, stop 19's
// fixers): engine 124.2 KB by the test's gzip (`gzip -9` 125675 → 126423 bytes), tools 75751,
// UI 73742, profiles 10.3 KB (new words).
// Then the last tables of `&str` outside extraction as strings (date orders by language,
// the names `Name::common` knows, month abbreviations, anchor fields, teaching types):
// engine 126423 → 126306 bytes `gzip -9`. Then the panic locations and their file names
// removed when nothing in the finished module points into them (xtask/src/deadata.rs):
// engine 123.7 KB, tools 74.0 KB, UI 71.9 KB (`gzip -9`: engine 126306 → 125836 bytes,
// tools 75751 → 75399, UI 73742 → 73392).
// Then the round 12 and 13 fixes (stop 20's four fixers: included amounts, plan names,
// AutoPay states, shared pools, charges lists, Direct Debit dates and more): engine 125.5 KB
// by the test's gzip (`gzip -9` 125836 → 128114 bytes). Reading pages nobody tuned the engine
// to (rounds 12 and 13: 23 → 45 of 48 pages right) was again chosen over the 120 KB goal.
// Then (stop 21) one loop for reading every map (`vecmap::read_members`), fixed-length
// arrays read in place, and the finished modules' functions reordered so that alike ones sit
// together (xtask/src/reorder.rs: gzip finds repeats only in its last 32 KB): engine 124.0 KB,
// tools 72.8 KB, UI 71.1 KB by the test's gzip (`gzip -9`: engine 128114 → 126142 bytes,
// tools 75399 → 73990, UI 73392 → 72097).
// Then the round 14 fixes (stop 21's two fixers: plan names, history rows, date ranges,
// auto-renew and due-date wording, offer words) and the ingest's byte loops for word tables:
// engine 124.5 KB by the test's gzip (`gzip -9` 126142 → 126701 bytes), tools 73.0 KB
// (73990 → 74271), profiles 10.5 KB (new words). Rounds 13b and 14 went from 20 to 33 of
// 36 pages right; the 120 KB goal is still not met.
// Then (stop 22) the finished modules' import and export names made short in the module and
// its glue alike (xtask/src/minify.rs: wasm-bindgen's hashed names gzip poorly), and data
// segments a few bytes apart joined with zeros (xtask/src/deadata.rs `merge_segments`):
// engine 123.5 KB, tools 72.0 KB, UI 69.5 KB by the test's gzip (`gzip -9`: engine 126478 →
// 125620 bytes, tools 74187 → 73039, UI 72097 → 70340).
// Then the round 15 and 16 fixes (stop 22's three fixers: device instalment balances, past
// periods' usage, role badges, ARIA grids, invoice history, form totals, card expiries,
// AutoPay wording) and the lead's table and repeat fixes: engine 124.9 KB by the test's gzip
// (`gzip -9` 125620 → 127155 bytes), profiles 10.7 KB (new words). Rounds 15 and 16 went
// from 13 to 36 of 48 pages right; the 120 KB goal is further off again.
// Then (stop 23, the international fixer: pesos without cents, labels of two meanings, zero-rated
// apps, plan names with a length in days, an aside or a badge, captions in runs of items and
// above blocks, AutoPay states in the next cell, totals with their own label, device plans,
// digit groups with ordinary spaces before a decimal comma): engine 126.3 KB by the test's
// gzip (`gzip -9` 128062 → 129281 bytes, +1.2 KB), tools 72.2 KB (73894), profiles 10.8 KB
// (11056 bytes). Round 18b went from 8 to 11 of 12 pages right.
// Budgets: measured + about 0.3 KB (engine), + about 1 % (the others).
// Then (stop 23, speed) the ingest's faster table and catalogue checks (a row is searched for
// prices only when one of its texts sits in a card with a heading; each node's table part
// told once): engine 125.3 KB by the test's gzip (`gzip -9` 128062 → 128272 bytes) for about a
// third fewer instructions per extraction of the 100 k bench page's snapshot (the engine's
// budget 125.3 KB without the usual headroom: more growth is a decision again).
// Budgets: measured + about 0.3 KB (engine), + about 1 % (the others).
// Both together (merged): engine 126.6 KB by the test's gzip (`gzip -9` 129125 bytes).
// With the US fixer's branch (sign-in pages with a notice, add-on boxes before the plan's
// renewal, grace periods, account switchers): engine 127.0 KB (`gzip -9` 129515 bytes),
// profiles 10.8 KB (new renewal words). The 120 KB goal is 7 KB off: the rules of the stop's
// four red-team rounds cost about 2 KB, and build flags and post-processing are exhausted
// (stop 23's size helper measured every wasm-opt and LLVM option that might pay).
// Stop 25 merged stop 24's branches: the intl fixer's rules (Spanish prepaid expiry, UK
// goodybag autopay and plan names, Chinese autopay words, card headings as plan names) and the
// speed helper's once-per-row phone numbers and per-tag table lookups: engine 127.6 KB
// (`gzip -9` 129515 -> 130460 bytes).
// The US fixer's stop-24 branch on that (bill cards naming their own due date, catalogue
// tables, shares of a stated total, exact figures in brackets, captions under figures, device
// tabs, promotional boxes before the wallet, offers priced after their size): engine 128.75 KB
// by this test's gzip (`gzip -9` 130460 -> 131216 bytes), profiles 10.9 KB. A decision for the
// lead at the merge (the budget has about 0.05 KB of headroom, not the usual 0.3).
// Then (stop 24) Engine::new's steps kept out of line (`#[inline(never)]` on `Model::build`,
// `find_tables`, `phone_anchors`, `mark_catalogue`, `build_sections`): engine 126.8 KB by the
// test's gzip (`gzip -9` 129515 → 129282 bytes). Outlining other single-caller steps (of
// `Engine::run`, `decode_message`, `sync`, the matchers) measured larger, not smaller.
// Then (stop 24, speed: each row's phone numbers found once, each table tag's part looked
// up once, word tables searched by a word's first byte, tokens ruled out of the unlimited
// words and month names by first-byte masks; callgrind, extraction of the 1 k bench page's
// snapshot: -8.6 % for the first two, then 9.69 M -> 8.44 M a steady extraction): engine 127.7 KB by the
// test's gzip (`gzip -9` 129515 -> 130145 bytes), without headroom: a decision for the lead
// against the size helper's cuts (drop this commit to keep 127.3 KB).
// Stop 25's merge of all four branches (stop 24's helpers' work plus the US fixer's red-team
// 24a/25a rules and the international fixer's 24b/25b rules): engine 129.9 KB by this test's
// gzip (`gzip -9` 132746 bytes), tools 72.8 KB, profiles 11.1 KB. The red-team rounds' rules
// cost about 3 KB this stop against the size helper's 0.2 KB of cuts: pages read right were
// chosen over the 120 KB goal, which needs a structural change (a table-driven JSON reader).
// Then (stop 26, size) built here from 5431ce6 the engine measured 130.6 KB by this test's
// gzip (`gzip -9` 132975 bytes): wasm-bindgen's closure invoke shims reduced to a trap where
// nothing can call them (xtask/src/panics.rs: -159), a list's array check inside the one
// item loop (-331), VecMap's key search one non-generic binary search (-173), the JSON
// object writer by reference (-326), tuples and fixed-length arrays read by one loop (-211):
// engine 129.35 KB (`gzip -9` 132975 -> 131775 bytes), tools 72.1 KB (73837 by this test's
// gzip), UI 68.7 KB (70392).
// Stop 26's merge (size cuts plus both fixers' red-team 24c/25a/25b rules and the speed
// helper's extraction changes): engine 131.0 KB by this test's gzip (`gzip -9` 133505 bytes);
// the fixers' rules cost about 2.5 KB against the size helper's 1.2 KB of cuts. Issue 3's
// 120 KB goal stays unmet; the rest of the engine is extraction (Engine::run 40 KB raw).
// Stop 27 (speed): find_data's pre-filter and the label matcher's eight-byte heads cost the
// engine 0.5 KB: 131.5 KB by this test's gzip (extraction -14 % instructions on the bench
// pages). A separate commit, so the lead can weigh it against the size helper's cuts.
// Then (stop 27, size; built from db7efb4 = 133536 bytes `gzip -9`, 131.07 KB by this test's
// gzip): the last char and char-array patterns, char splits and trims through parse::text's
// helpers (no CharSearcher, memchr, reverse splitter: -1404), loops instead of a collect into
// a Result and a chain of filters (-815), the popup cache's condensing loop (-148), byte
// loops instead of a byte slice's `contains` (-204): engine 128.55 KB by this test's gzip
// (`gzip -9` 133536 -> 130965 bytes, -2571); the same helpers shrink the others: tools
// 71.5 KB (`gzip -9` 73032 -> 72492), UI 68.4 KB (69640 -> 69410).
// Merged (stop 27): the speed helper's pre-filters (+0.5 KB) and the fixers' two passes of
// rules over the size cuts: engine 132.4 KB by this test's gzip (`gzip -9` 134749 bytes),
// after the review replaced `char::is_alphabetic`, `str::contains` and char-array trims in
// the fixers' new checks with parse::text's helpers (they linked std's Unicode tables and
// searchers back in: 135.0 KB before, -2.6 KB). Tools 72.5 KB, UI 68.4 KB. Profiles gained
// the fixers' words: 11.35 KB. Issue 3's 120 KB goal stays unmet.
// Then (stop 28, size; main at 9eb0562 built here measured 132.33 KB by this test's gzip,
// `gzip -9` 134621 bytes: this toolchain's wasm-bindgen writes about 0.1 KB more than stop
// 27's): ASCII first and last characters tested on bytes, not by closure patterns (one
// searcher each), and Option's JSON reader assigning in place (together `gzip -9` 134621 ->
// 134037); xtask/src/deadata.rs counting only the data's relocated words as pointers (a
// 292-byte table of core's was kept by four bytes that spelled an address in it: -324); and
// xtask/src/reorder.rs walking by the functions placed in the last few kilobytes as well as
// the last one, the smallest of four walks kept (-536): engine 131.08 KB by this test's gzip
// (`gzip -9` 134621 -> 133177 bytes, -1444), tools 71.74 KB (73620 -> 72712), UI 68.39 KB
// (69388 -> 69426, flate2 smaller). Issue 3's 120 KB goal stays unmet.
// Stop 28's speed branch: extraction -20 % instructions (placeholder memo, Matcher::find's
// word-inside and overlap paths, byte tests in has_char / find): engine 132.33 -> 132.98 KB
// by this test's gzip (135508 -> 136168 bytes, +660).
// Merged (stop 28): the size cuts, the speed branch and the fixers' two passes (four red-team
// rounds' rules: Spanish payment wording, masked numbers with middle dots, AutoPay columns,
// flat value-first captions, split euro amounts, add-on packs named with a data word):
// engine 133.22 KB by this test's gzip (`gzip -9` 134621 at start -> 135452 bytes, +0.8 KB
// over the stop), tools 71.83 KB, UI 68.38 KB, profiles 11.62 KB (the fixers' words).
// Issue 3's 120 KB goal stays unmet.
// Then (stop 29, size; 60ca32c built here: `gzip -9` 135431 bytes): loops that push instead of
// collects, extends and min / max over filters and maps (std's collect of a filter peels the
// first item, so each predicate was inlined twice; -3370 in all), `sort::retain` instead of
// `Vec::retain` (-92), no deep copy of a scan's snapshot or of kept history points in the
// engine (`State::ingest_owned`, `popup_cache::condense`: -315), `parse::text::first_chars`
// and loops for character collects (-541): engine 128.75 KB by this test's gzip (`gzip -9`
// 135431 -> 131113 bytes, -4318), tools 71.12 KB (72069 bytes `gzip -9`), UI 68.37 KB (69532).
// Then loops for four collects of ranges and maps (-105): engine 128.61 KB (`gzip -9` 131008).
// Issue 3's 120 KB goal stays unmet (8.6 KB to go).
// Merged (stop 29): the size cuts, the metamorphic helper's inline-wrapper rules and the
// fixers' two passes (four red-team rounds: rates per unit, prose totals, status chips, plan
// term ends, add-on tables, account numbers, masked digit groups, French units and labels,
// dt terms, last-updated stamps): engine 132.62 KB by this test's gzip (`gzip -9` 135431 at
// start -> 134768 bytes, -0.65 KB over the stop; the fixers and the metamorphic rules added
// about 3.8 KB), tools 71.41 KB, UI 68.39 KB, profiles 12.53 KB (the fixers' words, French
// labels). Issue 3's 120 KB goal stays unmet (12.6 KB to go).
// Stop 30 (international fixer): Italian and Polish words in the generic profile (pages in
// both languages read as no_data: the issue asks for EN, zh, es, de, users live everywhere),
// profiles +1.2 KB gzip (12.36 -> 13.54 KB by a Python gzip -9 of the same sequence):
// budget 12.8 -> 13.8.
// Then (stop 30, size; 32a0429 built here: `gzip -9` engine 134958 bytes, tools 72539, UI
// 69565) the standard library rebuilt with each module (xtask/src/dist.rs: `-Zbuild-std`,
// `panic=immediate-abort`, `optimize_for_size`; RUSTC_BOOTSTRAP=1 on the pinned stable
// toolchain): no panic machinery left to trap: engine 131.43 KB by this test's gzip (`gzip -9`
// 134958 -> 133648 bytes, -1310), tools 69.92 KB (72539 -> 70825), UI 66.54 KB (69565 ->
// 67562). Issue 3's 120 KB goal stays unmet (11.4 KB to go): std is now a small part of the
// engine (core and alloc code about 20 KB of 274 KB before gzip, most of it generics over our
// types); the rest is the crate's own code (Engine::run 37 KB before gzip).
// Stop 30, pass 2 (international fixer): open / unpaid bill headings in six languages
// (`Offene Rechnung`, `Unpaid bill`, `Facture en cours`, ...: a bill card's total row had no
// label), profiles 14119 -> 14177 bytes gzip -9 (+58): budget 13.8 -> 13.9.
// Stop 30 at the lead's merge (both fixers' two passes, the metamorphic helper's ARIA grids,
// the rebuilt standard library): engine 134.39 KB by this test's gzip (`gzip -9` 136978
// bytes; 132.62 KB at the stop's start: the std rebuild took 1.3 KB off and the fixers' and
// metamorphic rules added about 3.1 KB), tools 70.26 KB, UI 66.59 KB, profiles 13.94 KB
// (Italian, Polish and open-bill words). Issue 3's 120 KB goal stays unmet (14.4 KB to go).
// Then (stop 31, size; efad9ad built here: `gzip -9` engine 137002 bytes) an `Option`
// field of a struct type read in place (`FromJson::read_some`: a default put in the slot
// and read over, not a value made and moved in): engine 134.15 KB by this test's gzip
// (`gzip -9` 137002 -> 136371; before reordering 139476 -> 139099), tools 69.90 KB (70785
// bytes), UI 66.19 KB (67247). Measured and not kept: LLVM `-inline-threshold=0` on the
// workspace crates (-59 bytes), -25 (+8.8 KB), `-Zinline-mir=no` (no change), wasm-opt's
// `--merge-similar-functions` (-1: -Oz runs it), `--generate-global-effects` or one more
// -Oz (-35), `--const-hoisting` (+742), `--coalesce-locals-learning` (-10),
// `--optimize-added-constants-propagate` (-4); `split_whitespace` through the fn-pointer
// splitter (+29). Budgets: engine 134.45, tools 70.2, UI 66.5 KB (measured + 0.3). Issue 3's
// 120 KB goal stays unmet (14.2 KB to go).
// Then (stop 31, merge of both fixers' passes and the metamorphic helper's translation
// words at 0711971+): partial payments, past-due balances, AutoPay draft days, used-only
// members, unlimited after a cap, scheduled plan changes, past dates, plan lists, arrears,
// banked data, bare due nouns, numbers under a plan's name: engine 136.17 KB (`gzip -9`
// 138717 bytes, +1.8 KB), tools 70.21 KB (the parsers it shares), profiles 14.73 KB (words
// in Chinese as Chrome's translation writes them, Spanish / German / Polish / Italian
// statement words). Budgets: engine 136.45, tools 70.5, profiles 15.0 KB. Issue 3's 120 KB
// goal stays unmet: 16.2 KB to go.
const ENGINE_BUDGET = 136.45;
const TOOLS_BUDGET = 70.5;
const UI_BUDGET = 66.5;
const PROFILES_BUDGET = 15.0;
/** Budget per module, in bytes after gzip -9. */
const BUDGETS = {
  // The service worker's module, instantiated on every start: extraction engine, the
  // profiles' reader (the profiles are data: below), stored state (current layout), reminder schedule, message decoder, popup cache.
  // Growth over main's 188 KB budget was measured and accepted:
  // issue 7 (every runtime message decoded and checked in Rust, `decode_message`, about 6 KB;
  // stored data of any layout migrated or kept aside, `check_state`, about 10 KB), issue 8
  // (teaching: pick parsing, rule building and validation, taught sites in the state; taught
  // rules' words for the sparse walk make `vocabulary::extra_for_host` live), and the sparse
  // walk's vocabulary. Then cut by 61 KB (one JSON path instead of serde, one sort, floats
  // without core::fmt, sorted-vector maps). Then cut by 23.6 KB more: the user's actions,
  // teaching, taught rules' scan words and stored data of older layouts moved to the tools
  // module (below); and by smaller JSON code and allocator (see above). Still over the
  // 120 KB goal of issue 3.
  'linekeeper_wasm_bg.wasm': ENGINE_BUDGET * KB,
  // The worker's module for rare actions, instantiated on the first message that needs it
  // (tests/e2e/lazy.test.mjs): the popup's checklist tick, notification buttons, settings,
  // import, teaching (pick previews, rule building and validation, forgetting a site), the
  // scan words of taught rules (a scan of a taught site), and stored data in an older
  // layout (migrated) or unreadable (kept aside).
  'linekeeper_tools_bg.wasm': TOOLS_BUDGET * KB,
  // The popup and options pages' module: drawing only, no extraction engine. Issue 8 ("Teach
  // this page" offer, taught-sites list and rule preview) and issue 7 (the notice of stored
  // data kept aside).
  'linekeeper_ui_bg.wasm': UI_BUDGET * KB,
};

const gzipped = (file) => gzipSync(readFileSync(join(DIST, 'wasm', file)), { level: 9 }).length;

test('every shipped wasm module has a budget, and none is over it', () => {
  const shipped = readdirSync(join(DIST, 'wasm')).filter((f) => f.endsWith('.wasm')).sort();
  assert.deepEqual(shipped, Object.keys(BUDGETS).sort(), 'a new module needs a budget here');
  for (const [file, budget] of Object.entries(BUDGETS)) {
    const size = gzipped(file);
    assert.ok(size <= budget, `${file}: ${(size / KB).toFixed(1)} KB gzip, budget ${(budget / KB).toFixed(1)} KB`);
  }
});

test('the popup and options pages load only the UI module', () => {
  for (const page of ['popup.html', 'popup.js', 'options.html', 'options.js', 'locale.js']) {
    const text = readFileSync(join(DIST, page), 'utf8');
    assert.doesNotMatch(text, /linekeeper_wasm/, `${page} loads the engine module`);
    assert.doesNotMatch(text, /linekeeper_tools/, `${page} loads the tools module`);
  }
  const ui = readFileSync(join(DIST, 'wasm/linekeeper_ui_bg.wasm'));
  // The generic profile's name: the UI module does not carry the carrier profiles.
  assert.equal(ui.indexOf('Any carrier (generic reader)'), -1, 'the UI module links the profiles');
});

test('the engine module does not link the tools module’s bindings; the tools module has them', () => {
  const engine = readFileSync(join(DIST, 'wasm/linekeeper_wasm_bg.wasm'));
  const tools = readFileSync(join(DIST, 'wasm/linekeeper_tools_bg.wasm'));
  // Error texts of the tools module's bindings (crates/linekeeper-tools).
  for (const text of ['the form could not be read', 'teaching message could not be read', 'popup action could not be read']) {
    assert.equal(engine.indexOf(text), -1, `the engine module links "${text}"`);
    assert.notEqual(tools.indexOf(text), -1, `the tools module lacks "${text}"`);
  }
});

test('the carrier profiles ship once, as data the worker reads, not inside its modules', () => {
  const size = gzipSync(readFileSync(join(DIST, 'profiles.json-seq')), { level: 9 }).length;
  assert.ok(size <= PROFILES_BUDGET * KB, `profiles.json-seq: ${(size / KB).toFixed(1)} KB gzip, budget ${PROFILES_BUDGET} KB`);
  const seq = readFileSync(join(DIST, 'profiles.json-seq'), 'utf8');
  const ids = seq.split('\u001e').filter((t) => t.trim()).map((t) => JSON.parse(t).id);
  assert.equal(ids[0], 'generic');
  assert.ok(ids.includes('t-mobile') && ids.includes('china-mobile'), ids.join());
  for (const file of ['linekeeper_wasm_bg.wasm', 'linekeeper_tools_bg.wasm']) {
    const wasm = readFileSync(join(DIST, 'wasm', file));
    assert.equal(wasm.indexOf('Any carrier (generic reader)'), -1, `${file} carries the profiles`);
  }
});
