//! Metamorphic fixture test: redesigns of the fixture pages must read the same.
//!
//! Every fixture page (`tests/fixtures/**/X.html` with `X.expected.json`) is changed by each
//! transformation below, the way a site's redesign or a front-end framework changes a page
//! without changing what a careful human reads on it, then scanned (`page_from_html` +
//! `extract`, the fixture's url and today) and compared with the fixture's expected
//! snapshot, as `tests/scan.rs` compares the page itself (numbers to 0.01, `sources`
//! ignored). Every transformation is deterministic: names are hashed, choices made by
//! position, no randomness between runs.
//!
//! Three transformations rewrite the HTML text, so they go through the parser:
//! - `markup`: tag and attribute names upper-cased, each tag's attributes in reverse order
//!   (a repeated attribute keeps its first value, as the parser does), single quotes for
//!   values that hold none.
//! - `whitespace`: a line break and indentation between every two tags with nothing between
//!   them, and every space in text a line break and indentation.
//! - `entities`: in text, every other space not between two digits written `&nbsp;`, every
//!   fourth ASCII letter and every third digit as a numeric character reference, and `$`,
//!   `€`, `£`, `¥`, `%`, `/`, `:` as named references.
//!
//! The others change the page snapshot the parser gives (what the engine reads, in the
//! browser too):
//! - `hashed-classes`: every class name and id replaced by a hashed token (`css-q3x0k1v`),
//!   the same name by the same token, so `for`, `aria-controls` and alike cards still match.
//! - `bare-attributes`: also `data-testid` and `name` hashed and `title` dropped: only the
//!   attributes that carry meaning for the browser or assistive technology are left
//!   (`role`, `aria-*`, `type`, `datetime`, `lang`, `autocomplete`; `hidden` and
//!   `aria-hidden` already decided what the parser left out).
//! - `wrapped`: every block container of at least two elements (a card, a row of label and
//!   value, a list) wrapped in a plain `div`, where the parent is a flow container (not a
//!   table, list or ARIA structure part).
//! - `unwrapped`: the opposite: a plain `div` or `span` (no role, no `aria-*`) whose one
//!   child is an element of the same kind of box (block in a block, or in an inline element)
//!   replaced by that child. Its class and id go with it; the visual grouping does not
//!   change.
//! - `promo`: an offer block (`Get 5GB bonus data`, `$10 off`, `Offer ends 12/31`) before
//!   the page's content and a footer with support phone numbers after it.
//! - `promo-after`: the same offer block after the page's content.
//! - `inline`: every text holding a digit wrapped in `<b>`, `<strong>` or `<span>` in turn.
//! - `inline-split`: in every text holding a digit, the first figure that stands apart
//!   (digits with `.`, `,` or a space, thin or no-break space inside, after a space, a currency
//!   sign or the start, before a space or the end) cut out into its own `<span>`, `<b>` or
//!   `<strong>`, the text before and after it left beside it (`Amount due: <b>45.00</b>
//!   USD`). The walker trims texts, so a snapshot cannot say whether a space stood at a
//!   cut: a line's `plan` and `label` compare without their spaces here.
//!
//! Five re-express the page's facts the way another carrier or a redesign writes them
//! (what they change is left alone in the expected lines' plan names and labels, so a plan
//! called `Unlimited 5GB` keeps its name):
//! - `synonyms`: a label's wording replaced by another real carriers' wording for the same
//!   field in the page's language ([`SYNONYMS`]: `Data left` → `Remaining data`, `Amount
//!   due` → `Balance due`, `Renews on` → `Plan expires`, 剩余 → 可用, `Restante` →
//!   `Disponible`, `Verbleibend` → `Noch verfügbar`), in the case style it had, as a
//!   text's whole (`Data left:`), before a colon (`Data left: 3.2 GB`) or after a figure
//!   (`3.2 GB left`).
//! - `figures`: a data amount in GB that is a whole number of MB written in MB, grouped as
//!   the page's language groups thousands (`5 GB` → `5,120 MB` in English and Chinese,
//!   `5.120 MB` in German and Spanish; not in a text that already holds an MB figure, where
//!   it would stop being the rounded one), and on US pages (`en-US`, `es-US`, or `en` on a
//!   US carrier's site) a full date's form swapped (`Dec 9, 2026` ↔ `12/09/2026`).
//! - `label-order`: a label and its value alone in their container (`<div><span>Data
//!   left</span><b>3.2 GB</b></div>`), the label's whole text a profile's label word for a
//!   data, money or date field and the value a short text with a digit, written the other
//!   way round (value first), and value-first pairs label first; the pairs of one list
//!   together (none when one of them is not a label word's: a bill's items and its total
//!   stay alike). Not table or definition-list parts, headings, links or controls.
//! - `grid`: tables as `div` grids with ARIA roles (`role="table"`, `"rowgroup"`, `"row"`,
//!   `"columnheader"` / `"rowheader"`, `"cell"`), and definition lists as `div`s, one per
//!   term and its descriptions.
//! - `grid-plain`: the same without the roles (a CSS grid of plain `div`s: only the
//!   order of rows and cells says which header a cell is under).
//!
//! One translates (English US pages only: `en-US`, or `en` on a US carrier's site):
//! - `translated-zh`: what Chrome's built-in translation into Simplified Chinese makes of
//!   the page (`tests/translation/mod.rs`): `lang` `zh-CN`, the title and every text with a
//!   letter translated and wrapped in two `font` elements; labels and sentences from a table
//!   of the translation's wording, its word order for figures and dates (`3.2 GB left` →
//!   `剩余 3.2 GB`, `Renews on Dec 9, 2026` → `将于 2026 年 12 月 9 日 续订`), `$45.00` in a
//!   sentence as `45.00 美元`; numbers, units, numeric dates, masked and phone numbers, brands,
//!   and the expected plan names and line labels kept; unknown lower-case words dropped (no
//!   English meaning reaches the engine). `METAMORPHIC_TRANSLATIONS=1` prints each text's
//!   translation and the dropped words.
//!
//! A pair (fixture, transformation) that fails for a cause not fixed yet is listed in
//! [`SKIP`] with the cause; the test fails on any other failing pair, and on a listed pair
//! that reads right again (so the list only shrinks). Pages that fail unchanged are left to
//! `tests/scan.rs`. Environment: `METAMORPHIC_VERBOSE=1` prints the differing fields of
//! every failure, skipped ones too; `METAMORPHIC_ONLY=<transformation>` runs one;
//! `METAMORPHIC_LIST=1` prints unlisted failures as `SKIP` entries;
//! `METAMORPHIC_DUMP=<fixture>:<transformation>` (`mint/single-3month:inline`) writes the
//! changed page snapshot as HTML to `/tmp/metamorphic-dump.html`, for `linekeeper scan
//! --explain`.
#![cfg(feature = "html")]

use linekeeper::html::page_from_html;
use linekeeper::page::{Attrs, PageNode, PageSnapshot};
use linekeeper::{extract, Date, ScanOptions};
use serde_json::Value;
use std::path::Path;

mod common;
use common::{diff, fixtures, url_today_html};
mod translation;

/// Pairs known to read differently, each with its cause: (fixture path under
/// `tests/fixtures`, transformation, cause).
#[rustfmt::skip]
const SKIP: &[(&str, &str, &str)] = &[
    ("china-mobile/cm-10086-pc-family-debt-roaming", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("china-mobile/pc-bill-history", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("china-mobile/remain-province-buckets", "bare-attributes", "plan name known only by its class name"),
    ("china-mobile/remain-province-buckets", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("china-mobile/remain-province-buckets", "hashed-classes", "plan name known only by its class name"),
    ("china-mobile/shop-pc-tables", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("china-mobile/touch-10086-fullwidth", "bare-attributes", "plan name known only by its class name"),
    ("china-mobile/touch-10086-fullwidth", "hashed-classes", "plan name known only by its class name"),
    ("china-mobile/touch-10086-grid-billing-day", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("china-mobile/touch-10086-owe", "bare-attributes", "plan name known only by its class name"),
    ("china-mobile/touch-10086-owe", "hashed-classes", "plan name known only by its class name"),
    ("china-unicom/app-buckets", "bare-attributes", "plan name known only by its class name"),
    ("china-unicom/app-buckets", "hashed-classes", "plan name known only by its class name"),
    ("china-unicom/bill-postpaid", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("china-unicom/cu-10010-table-bonus-roam", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("china-unicom/h5-family-share-fullwidth", "bare-attributes", "line name known only by its class name"),
    ("china-unicom/h5-family-share-fullwidth", "hashed-classes", "line name known only by its class name"),
    ("china-unicom/menu-user-bar", "bare-attributes", "plan name known only by its class name"),
    ("china-unicom/menu-user-bar", "hashed-classes", "plan name known only by its class name"),
    ("china-unicom/pc-autotopup-threshold", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/ar-two-lines-vencimiento-renuevan", "bare-attributes", "line name known only by its class name"),
    ("generic/ar-two-lines-vencimiento-renuevan", "hashed-classes", "line name known only by its class name"),
    ("generic/at-prepaid-dotted-mb-treuebonus", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/at-wertkarte-split-euro-long-date", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/ch-prepaid-dl-apostrophe-dot-decimal", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/de-at-sepa", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/de-bonus-table-hashed", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/de-prepaid-dl-abbuchung-vom-guthaben", "grid", "a price per period two pairs up taken as the amount due once the definition list is div pairs (a `dt` names only the values after it)"),
    ("generic/de-prepaid-dl-abbuchung-vom-guthaben", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/de-prepaid-tarif-laeuft-bis-optionen-table", "bare-attributes", "fixture new in stop 29: a status sentence read as the plan once the classes go; cause not yet found"),
    ("generic/de-prepaid-tarif-laeuft-bis-optionen-table", "hashed-classes", "fixture new in stop 29: a status sentence read as the plan once the classes go; cause not yet found"),
    ("generic/de-prepaid-tarif-laeuft-bis-optionen-table", "inline-split", "fixture new in stop 29: the figures cut into inline wrappers lose the line's data; cause not yet found"),
    ("generic/de-two-lines-buchen-den-betrag-am", "inline-split", "fixture new in stop 29: line names lost when figures are cut into inline wrappers; cause not yet found"),
    ("generic/en-au-services-table-roaming-pass-in-cell", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/en-au-two-services", "bare-attributes", "plan name known only by its class name"),
    ("generic/en-au-two-services", "hashed-classes", "plan name known only by its class name"),
    ("generic/en-ca-lines-table-high-speed-cap", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/en-gb-device-plan-ends", "inline", "a device plan's end taken over the airtime renewal"),
    ("generic/en-gb-direct-debit", "inline-split", "a plan name cut at its figure"),
    ("generic/en-gb-family-device-plan-ends-in-line-card", "bare-attributes", "plan name known only by its class name"),
    ("generic/en-gb-family-device-plan-ends-in-line-card", "hashed-classes", "plan name known only by its class name"),
    ("generic/en-gb-goodybag", "inline-split", "a plan name cut at its figure"),
    ("generic/en-gb-read-only-number", "bare-attributes", "plan name known only by its class name"),
    ("generic/en-gb-read-only-number", "hashed-classes", "plan name known only by its class name"),
    ("generic/en-lines-table-sentinels", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/en-negative-balance-mmddyy", "translated-zh", "translated into Chinese: a line's plan read differently; cause not yet sorted"),
    ("generic/en-odometer-digits", "inline", "odometer digits each in an inline wrapper"),
    ("generic/en-odometer-digits", "inline-split", "odometer digits each in an inline wrapper"),
    ("generic/en-odometer-digits", "translated-zh", "translated into Chinese: a line's hotspot read differently; cause not yet sorted"),
    ("generic/en-postpaid-usd-newyear", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/en-progressbar-due-by", "translated-zh", "translated into Chinese: next bill date read differently; cause not yet sorted"),
    ("generic/en-table-mb-column", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/en-us-lines-table-nickname-hotspot-paused", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/en-us-lines-table-nickname-hotspot-paused", "translated-zh", "translated into Chinese: autopay, balance, a line's data read differently; cause not yet sorted"),
    ("generic/en-us-mvno-lines-table", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/en-us-mvno-lines-table", "translated-zh", "translated into Chinese: balance read differently; cause not yet sorted"),
    ("generic/en-us-percent-left-gauge-caption", "inline-split", "a percentage cut out of its caption"),
    ("generic/es-co-prepago-tabla-columna-incluido", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/es-es-bonos-tabla", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/es-es-split-euros-bono", "inline-split", "a plan name cut at its figure"),
    ("generic/es-es-split-euros-two-lines", "bare-attributes", "plan name known only by its class name"),
    ("generic/es-es-split-euros-two-lines", "hashed-classes", "plan name known only by its class name"),
    ("generic/es-es-split-euros-two-lines", "inline-split", "a plan name cut at its figure"),
    ("generic/es-mx-tabla-redes-regalo", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/es-us-boost-next-autopay-payment", "inline-split", "a plan name cut at its figure"),
    ("generic/fr-ca-postpaid-go-units-french-labels", "inline-split", "fixture new in stop 29: a plan name cut at its figure"),
    ("generic/hk-two-line-cards-payment-row-above", "bare-attributes", "line name known only by its class name"),
    ("generic/hk-two-line-cards-payment-row-above", "hashed-classes", "line name known only by its class name"),
    ("generic/partial-payment-remaining-balance-due", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/partial-payment-remaining-balance-due", "translated-zh", "fixture new in stop 31 (US fixer): translated into Chinese: amount due, balance, a line's renewal read differently; the English wording its rule reads has no Chinese form yet"),
    ("generic/pl-prepaid-stan-konta-pozostalo-z", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/refund-credit-autopay-draft-date", "translated-zh", "fixture new in stop 31 (US fixer): translated into Chinese: lines, next bill date read differently; the English wording its rule reads has no Chinese form yet"),
    ("generic/tw-family-table-two-mark-masks", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/uk-plan-card-number-subtitle-sim-name", "inline-split", "fixture new in stop 31: a number under a plan's label and name is lost when its subtitle's text is split; cause not yet found"),
    ("generic/us-bill-table-plan-catalogue", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("generic/us-bill-table-plan-catalogue", "translated-zh", "translated into Chinese: autopay, the line count, a line's data, a line's label, a line's number last4, a line's plan read differently (translated words taken as a line label); cause not yet sorted"),
    ("generic/us-flat-panels-bill-then-data-reset", "bare-attributes", "line name known only by its class name"),
    ("generic/us-flat-panels-bill-then-data-reset", "hashed-classes", "line name known only by its class name"),
    ("generic/us-flat-panels-bill-then-data-reset", "translated-zh", "translated into Chinese: the line count, a line's data read differently; cause not yet sorted"),
    ("generic/us-percent-used-preauthorized", "translated-zh", "translated into Chinese: autopay, a line's data read differently; cause not yet sorted"),
    ("generic/zh-hk-two-lines-figure-then-role-caption", "bare-attributes", "plan name known only by its class name"),
    ("generic/zh-hk-two-lines-figure-then-role-caption", "hashed-classes", "plan name known only by its class name"),
    ("generic/zh-mo-prepaid-stored-value-card-autorenew-off", "bare-attributes", "data bucket known only by its class name"),
    ("generic/zh-mo-prepaid-stored-value-card-autorenew-off", "hashed-classes", "data bucket known only by its class name"),
    ("google-fi/bill-account-credit-applied", "translated-zh", "translated into Chinese: balance, a line's label, a line's plan, a line's renews on read differently (translated words taken as a line label); cause not yet sorted"),
    ("google-fi/cycle-ends-under-current-bill-autopay-pays", "translated-zh", "translated into Chinese: a line's data, next bill date read differently; cause not yet sorted"),
    ("google-fi/flexible-bill-estimate", "translated-zh", "translated into Chinese: amount due, autopay, a line's data, next bill date read differently; cause not yet sorted"),
    ("google-fi/flexible-pending-payment-member-usage", "translated-zh", "fixture new in stop 31 (US fixer): translated into Chinese: a line's plan read differently; the English wording its rule reads has no Chinese form yet"),
    ("google-fi/paused-line-group-owes-rate-per-gb", "translated-zh", "translated into Chinese: autopay, a line's plan, next bill date read differently; cause not yet sorted"),
    ("google-fi/r27a-group-bill-table-total", "translated-zh", "translated into Chinese: a line's renews on read differently; cause not yet sorted"),
    ("google-fi/statement-due-sentence-cycle-ends", "translated-zh", "translated into Chinese: a line's renews on read differently; cause not yet sorted"),
    ("mint/family-accordion", "bare-attributes", "plan name known only by its class name"),
    ("mint/family-accordion", "hashed-classes", "plan name known only by its class name"),
    ("mint/family-narrow-space-topup", "bare-attributes", "plan name known only by its class name"),
    ("mint/family-narrow-space-topup", "hashed-classes", "plan name known only by its class name"),
    ("mint/family-narrow-space-topup", "translated-zh", "translated into Chinese: the line count, a line's data, a line's label, a line's number last4, a line's plan, a line's renews on read differently; cause not yet sorted"),
    ("mint/grace-period-chip-in-line-heading", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("mint/percent-used-ring-svg", "translated-zh", "translated into Chinese: a line's data, a line's renews on, next bill date read differently; cause not yet sorted"),
    ("mint/r27a-6month-percent-used-topup-dates", "translated-zh", "translated into Chinese: the line count, a line's data, a line's renews on, next bill date read differently; cause not yet sorted"),
    ("mint/two-lines-plan-terms", "bare-attributes", "a plan's term told apart from its name only by class names"),
    ("mint/two-lines-plan-terms", "hashed-classes", "a plan's term told apart from its name only by class names"),
    ("redteam/r28a/mvno-redpocket-table-sentinel", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r28a/regional-consumercellular-percent-pool", "bare-attributes", "line name known only by its class name"),
    ("redteam/r28a/regional-consumercellular-percent-pool", "hashed-classes", "line name known only by its class name"),
    ("redteam/r28a/regional-consumercellular-percent-pool", "translated-zh", "translated into Chinese: the line count, a line's data read differently; cause not yet sorted"),
    ("redteam/r28a/tello-value-before-label", "bare-attributes", "red team page: a line's data, a line's hotspot read differently once class names go; cause not yet sorted"),
    ("redteam/r28a/tello-value-before-label", "hashed-classes", "red team page: a line's data, a line's hotspot read differently once class names go; cause not yet sorted"),
    ("redteam/r28a/tello-value-before-label", "unwrapped", "red team page: a line's data, a line's hotspot read differently; cause not yet sorted"),
    ("redteam/r28a/tmobile-postpaid-3lines-hotspot", "translated-zh", "translated into Chinese: balance, a line's hotspot read differently; cause not yet sorted"),
    ("redteam/r28a/tmobile-prepaid-sentence-refill", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("redteam/r28b/cu-login-promo-figures", "bare-attributes", "red team page: the line count, status read differently once class names go; cause not yet sorted"),
    ("redteam/r28b/cu-login-promo-figures", "hashed-classes", "red team page: the line count, status read differently once class names go; cause not yet sorted"),
    ("redteam/r28b/hk-generic-two-lines-unlimited", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r28b/hk-generic-two-lines-unlimited", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r28b/mo-prepaid-mop-value-first", "bare-attributes", "red team page: a line's data read differently once class names go; cause not yet sorted"),
    ("redteam/r28b/mo-prepaid-mop-value-first", "hashed-classes", "red team page: a line's data read differently once class names go; cause not yet sorted"),
    ("redteam/r28c/boost-es-resumen", "inline-split", "red team page: a line's plan read differently; cause not yet sorted"),
    ("redteam/r28c/cricket-bill-lines-table", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r28c/cricket-bill-lines-table", "translated-zh", "translated into Chinese: a line's renews on read differently; cause not yet sorted"),
    ("redteam/r28c/mint-es-plan-anual", "bare-attributes", "red team page: balance read differently once class names go; cause not yet sorted"),
    ("redteam/r28c/mint-es-plan-anual", "hashed-classes", "red team page: balance read differently once class names go; cause not yet sorted"),
    ("redteam/r28d/co-prepago-paquete", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r28d/uk-family-direct-debit", "bare-attributes", "red team page: the line count, a line's data, a line's plan read differently once class names go; cause not yet sorted"),
    ("redteam/r28d/uk-family-direct-debit", "hashed-classes", "red team page: the line count, a line's data, a line's plan read differently once class names go; cause not yet sorted"),
    ("redteam/r28d/uk-family-direct-debit", "inline", "red team page: the line count, a line's data, a line's label, a line's number last4, a line's plan read differently; cause not yet sorted"),
    ("redteam/r28d/uk-family-direct-debit", "inline-split", "red team page: the line count, a line's data, a line's label, a line's number last4, a line's plan read differently; cause not yet sorted"),
    ("redteam/r28d/uk-payg-bundle", "inline-split", "red team page: a line's plan read differently; cause not yet sorted"),
    ("redteam/r28e/fi-paused-line", "translated-zh", "translated into Chinese: autopay, a line's plan, next bill date read differently; cause not yet sorted"),
    ("redteam/r28e/legacy-aspnet-selfcare", "translated-zh", "translated into Chinese: autopay, a line's data read differently; cause not yet sorted"),
    ("redteam/r28e/mint-annual-topup-chart", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r28e/mint-annual-topup-chart", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r28e/mint-annual-topup-chart", "synonyms", "red team page: a line's renews on, next bill date read differently; cause not yet sorted"),
    ("redteam/r28e/mint-grace-period", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("redteam/r28e/straightline-value-first", "translated-zh", "translated into Chinese: autopay, a line's renews on, next bill date read differently; cause not yet sorted"),
    ("redteam/r28e/tmo-bill-summary", "translated-zh", "translated into Chinese: autopay, balance read differently; cause not yet sorted"),
    ("redteam/r28e/tmo-connect-sentences", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r28e/tmo-connect-sentences", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r28e/tmo-connect-sentences", "translated-zh", "translated into Chinese: amount due, a line's data read differently; cause not yet sorted"),
    ("redteam/r28e/tmo-prepaid-app", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("redteam/r28e/tmo-usage-details", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r28e/tmo-usage-details", "translated-zh", "translated into Chinese: a line's plan read differently; cause not yet sorted"),
    ("redteam/r28e/visible-annual-plan", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r28e/visible-annual-plan", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r28f/de-congstar-prepaid", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r28f/de-congstar-prepaid", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r28f/de-congstar-prepaid", "inline-split", "red team page: a line's data read differently; cause not yet sorted"),
    ("redteam/r29a/attprepaid-percent-relative", "bare-attributes", "red team page: amount due, a line's hotspot read differently once class names go; cause not yet sorted"),
    ("redteam/r29a/attprepaid-percent-relative", "hashed-classes", "red team page: amount due, a line's hotspot read differently once class names go; cause not yet sorted"),
    ("redteam/r29a/attprepaid-percent-relative", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("redteam/r29a/cricket-lines-table", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r29a/cricket-lines-table", "translated-zh", "translated into Chinese: the greeting's account number (`Acct #: 0 8841 2207 5`, its label translated) read as a first line since the international fixer's non-US numbers under a plan's name (stop 31)"),
    ("redteam/r29a/googlefi-group-unlimited", "translated-zh", "translated into Chinese: next bill date read differently; cause not yet sorted"),
    ("redteam/r29a/mint-two-lines-multimonth", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29a/mint-two-lines-multimonth", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29a/mint-two-lines-multimonth", "inline-split", "red team page: a line's plan read differently; cause not yet sorted"),
    ("redteam/r29a/mint-two-lines-multimonth", "translated-zh", "translated into Chinese: the line count, a line's data, a line's plan read differently; cause not yet sorted"),
    ("redteam/r29a/tello-value-above-label", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("redteam/r29a/tmobile-postpaid-hotspot-lines", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29a/tmobile-postpaid-hotspot-lines", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29a/tmobile-postpaid-hotspot-lines", "translated-zh", "translated into Chinese: balance, the line count, a line's data, a line's hotspot, a line's label, a line's number last4, a line's plan read differently; cause not yet sorted"),
    ("redteam/r29a/tmobile-prepaid-sentences", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29a/tmobile-prepaid-sentences", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29a/tmobile-prepaid-sentences", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("redteam/r29a/ultra-parent-value-wallet", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29a/ultra-parent-value-wallet", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29a/usmobile-pool-three-lines", "bare-attributes", "red team page: a line's data read differently once class names go; cause not yet sorted"),
    ("redteam/r29a/usmobile-pool-three-lines", "hashed-classes", "red team page: a line's data read differently once class names go; cause not yet sorted"),
    ("redteam/r29a/usmobile-pool-three-lines", "translated-zh", "translated into Chinese: amount due read differently; cause not yet sorted"),
    ("redteam/r29a/verizon-lines-watch-na", "bare-attributes", "red team page: the line count, a line's plan, a line's data, a line's hotspot, a line's label, a line's number last4 read differently once class names go; cause not yet sorted"),
    ("redteam/r29a/verizon-lines-watch-na", "hashed-classes", "red team page: the line count, a line's plan, a line's data, a line's hotspot, a line's label, a line's number last4 read differently once class names go; cause not yet sorted"),
    ("redteam/r29a/visible-unlimited-hotspot-payment", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29a/visible-unlimited-hotspot-payment", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29a/visible-unlimited-hotspot-payment", "inline", "red team page: a line's hotspot read differently; cause not yet sorted"),
    ("redteam/r29a/visible-unlimited-hotspot-payment", "translated-zh", "translated into Chinese: amount due, a line's data, a line's renews on, next bill date read differently; cause not yet sorted"),
    ("redteam/r29b/cm-h5-family-pool", "bare-attributes", "line name known only by its class name"),
    ("redteam/r29b/cm-h5-family-pool", "hashed-classes", "line name known only by its class name"),
    ("redteam/r29b/csl-two-lines", "bare-attributes", "line name known only by its class name"),
    ("redteam/r29b/csl-two-lines", "hashed-classes", "line name known only by its class name"),
    ("redteam/r29b/three-hk-prepaid", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29b/three-hk-prepaid", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29b/twm-family-table", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r29c/lyca-us-value-above", "translated-zh", "translated into Chinese: autopay read differently; cause not yet sorted"),
    ("redteam/r29c/mint-es-familia", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29c/mint-es-familia", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29c/pageplus-aspnet-cash", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r29c/redpocket-lines-table", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r29d/ee-uk-percent-direct-debit", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29d/ee-uk-percent-direct-debit", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29d/koodo-fr-ca-go-units", "inline-split", "red team page: a line's plan read differently; cause not yet sorted"),
    ("redteam/r29d/telekom-de-prepaid-komfort", "grid", "red team page: amount due read differently; cause not yet sorted"),
    ("redteam/r29d/telekom-de-prepaid-komfort", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r29d/vodafone-de-two-lines-reset", "inline-split", "red team page: a line's label read differently; cause not yet sorted"),
    ("redteam/r29e/generic-regional-family-paused-line", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r29e/generic-regional-family-paused-line", "translated-zh", "translated into Chinese: autopay, balance, a line's data read differently; cause not yet sorted"),
    ("redteam/r29e/googlefi-credit-two-members", "translated-zh", "translated into Chinese: balance, a line's label, a line's plan, a line's renews on read differently; cause not yet sorted"),
    ("redteam/r29e/tello-refill-just-made", "translated-zh", "translated into Chinese: autopay, a line's data read differently; cause not yet sorted"),
    ("redteam/r29e/tmobile-past-due-suspended", "translated-zh", "translated into Chinese: balance, a line's label read differently; cause not yet sorted"),
    ("redteam/r29e/ultra-data-exhausted", "translated-zh", "translated into Chinese: autopay read differently; cause not yet sorted"),
    ("redteam/r29f/cm-h5-arrears", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r29f/cm-h5-arrears", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r29f/cu-tingji-baohao", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r29f/pl-play-na-karte", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r29f/tw-roc-family", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r30a/google-fi-flexible-group-wiz", "translated-zh", "translated into Chinese: a line's data, next bill date read differently; cause not yet sorted"),
    ("redteam/r30a/tmo-bill-summary-line-table", "bare-attributes", "line name known only by its class name"),
    ("redteam/r30a/tmo-bill-summary-line-table", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("redteam/r30a/tmo-bill-summary-line-table", "hashed-classes", "line name known only by its class name"),
    ("redteam/r30a/tmo-bill-summary-line-table", "translated-zh", "translated into Chinese: balance read differently; cause not yet sorted"),
    ("redteam/r30a/tmo-postpaid-go5g-hotspot-tiles", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r30a/tmo-postpaid-go5g-hotspot-tiles", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r30a/tmo-postpaid-go5g-hotspot-tiles", "translated-zh", "translated into Chinese: balance, the line count, a line's data, a line's hotspot, a line's label, a line's number last4, a line's plan read differently; cause not yet sorted"),
    ("redteam/r30a/tmo-prepaid-nextjs-value-above-label", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r30a/tmo-prepaid-nextjs-value-above-label", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r30a/tmo-prepaid-nextjs-value-above-label", "inline-split", "red team page: a line's hotspot read differently; cause not yet sorted"),
    ("redteam/r30a/tmo-prepaid-nextjs-value-above-label", "translated-zh", "translated into Chinese: a line's hotspot read differently; cause not yet sorted"),
    ("redteam/r30a/tmo-signin-after-redesign", "translated-zh", "translated into Chinese: balance, the line count, next bill date, status read differently; cause not yet sorted"),
    ("redteam/r30a/verizon-generic-three-line-tiles", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r30a/verizon-generic-three-line-tiles", "figures", "red team page: a line's hotspot read differently; cause not yet sorted"),
    ("redteam/r30a/verizon-generic-three-line-tiles", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r30a/verizon-generic-three-line-tiles", "translated-zh", "translated into Chinese: autopay, the line count, a line's hotspot, a line's number last4, a line's renews on read differently; cause not yet sorted"),
    ("redteam/r30b/hk-csl-bill-autopay-roaming", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r30b/hk-csl-bill-autopay-roaming", "hashed-classes", "plan name known only by its class name"),
    ("redteam/r30c/straighttalk-service-days", "bare-attributes", "red team page: a line's hotspot, a line's plan read differently once class names go; cause not yet sorted"),
    ("redteam/r30c/straighttalk-service-days", "hashed-classes", "red team page: a line's hotspot, a line's plan read differently once class names go; cause not yet sorted"),
    ("redteam/r30d/de-telekom-prepaid-kundencenter", "inline-split", "red team page: a line's data read differently; cause not yet sorted"),
    ("redteam/r30d/uk-ee-family-sentences", "bare-attributes", "plan name known only by its class name"),
    ("redteam/r30d/uk-ee-family-sentences", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/bill-summary-equipment-installment-balance", "bare-attributes", "line nicknames known only by their class name"),
    ("t-mobile/bill-summary-equipment-installment-balance", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("t-mobile/bill-summary-equipment-installment-balance", "hashed-classes", "line nicknames known only by their class name"),
    ("t-mobile/bill-summary-equipment-installment-balance", "translated-zh", "translated into Chinese: balance read differently; cause not yet sorted"),
    ("t-mobile/metro-dashboard", "bare-attributes", "plan name known only by its class name"),
    ("t-mobile/metro-dashboard", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/metro-dashboard", "translated-zh", "translated into Chinese: autopay, a line's hotspot read differently; cause not yet sorted"),
    ("t-mobile/past-due-late-fee-breakdown", "translated-zh", "fixture new in stop 31 (US fixer): translated into Chinese: balance, a line's hotspot and renewal read differently; the English wording its rule reads has no Chinese form yet"),
    ("t-mobile/postpaid-5-lines-table", "inline-split", "table cell figures cut out of their cells' text"),
    ("t-mobile/postpaid-5-lines-table", "translated-zh", "translated into Chinese: a line's hotspot, a line's label, a line's data read differently (translated words taken as a line label); cause not yet sorted"),
    ("t-mobile/postpaid-account-switcher", "translated-zh", "translated into Chinese: a line's label read differently; cause not yet sorted"),
    ("t-mobile/postpaid-bill-autopay-scheduled", "translated-zh", "translated into Chinese: autopay, next bill date read differently; cause not yet sorted"),
    ("t-mobile/postpaid-bucket-row-captions-after", "inline", "captions after their figures lost across inline wrappers"),
    ("t-mobile/postpaid-bucket-row-captions-after", "inline-split", "captions after their figures lost across inline wrappers"),
    ("t-mobile/postpaid-bucket-row-captions-after", "translated-zh", "translated into Chinese: balance, a line's hotspot read differently; cause not yet sorted"),
    ("t-mobile/postpaid-bucket-row-captions-after", "wrapped", "captions after their figures lost across a wrapper"),
    ("t-mobile/postpaid-hotspot-figure-above-caption", "translated-zh", "translated into Chinese: a line's hotspot, a line's data read differently; cause not yet sorted"),
    ("t-mobile/postpaid-multiline-4", "bare-attributes", "plan name known only by its class name"),
    ("t-mobile/postpaid-multiline-4", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/postpaid-multiline-5-split", "bare-attributes", "a bucket told apart only by its class name"),
    ("t-mobile/postpaid-multiline-5-split", "hashed-classes", "a bucket told apart only by its class name"),
    ("t-mobile/postpaid-single-line", "translated-zh", "translated into Chinese: a line's renews on read differently; cause not yet sorted"),
    ("t-mobile/postpaid-usage-table", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("t-mobile/postpaid-usage-table", "translated-zh", "translated into Chinese: a line's data, a line's hotspot, a line's renews on read differently; cause not yet sorted"),
    ("t-mobile/prepaid-active-until-sentence", "translated-zh", "translated into Chinese: autopay, a line's data read differently; cause not yet sorted"),
    ("t-mobile/prepaid-copyright-fine-print-hotspot", "bare-attributes", "plan name known only by its class name"),
    ("t-mobile/prepaid-copyright-fine-print-hotspot", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/prepaid-copyright-fine-print-hotspot", "inline-split", "a hotspot figure cut from `left of 15 GB high-speed hotspot` loses its bucket word"),
    ("t-mobile/prepaid-copyright-fine-print-hotspot", "translated-zh", "translated into Chinese: a line's hotspot read differently; cause not yet sorted"),
    ("t-mobile/prepaid-dl-high-speed-sizes", "translated-zh", "translated into Chinese: a line's data, a line's hotspot read differently; cause not yet sorted"),
    ("t-mobile/prepaid-legacy-overview", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("t-mobile/prepaid-legacy-overview", "translated-zh", "translated into Chinese: the line count, a line's data read differently; cause not yet sorted"),
    ("t-mobile/prepaid-scheduled-plan-change", "translated-zh", "fixture new in stop 31 (US fixer): translated into Chinese: a line's data read differently; the English wording its rule reads has no Chinese form yet"),
    ("t-mobile/prepaid-split-balance-label-after", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("t-mobile/prepaid-unlimited-hotspot", "bare-attributes", "plan name known only by its class name"),
    ("t-mobile/prepaid-unlimited-hotspot", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/prepaid-unlimited-hotspot", "translated-zh", "translated into Chinese: amount due read differently; cause not yet sorted"),
    ("t-mobile/prepaid-unlimited-premium", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("t-mobile/usage-hotspot-box-first", "inline", "bucket boxes' figures in inline wrappers paired with the wrong bucket"),
    ("t-mobile/usage-hotspot-box-first", "inline-split", "bucket boxes' figures in inline wrappers paired with the wrong bucket"),
    ("t-mobile/usage-hotspot-box-first", "translated-zh", "translated into Chinese: a line's hotspot, a line's label read differently; cause not yet sorted"),
    ("t-mobile/usage-lines-by-column", "grid-plain", "a table as a div grid with no table tags or roles: which row heads its columns is not known (not yet sorted page by page)"),
    ("tello/meter-credit-table", "translated-zh", "translated into Chinese: balance read differently; cause not yet sorted"),
    ("ultra/dashboard-5gb", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("ultra/dashboard-intl-credit", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("ultra/grace-period-renew-by", "translated-zh", "translated into Chinese: balance read differently; cause not yet sorted"),
    ("ultra/settings-read-only-number", "translated-zh", "translated into Chinese: balance read differently; cause not yet sorted"),
    ("us-mobile/exact-mb-and-percent-left", "inline", "an exact figure in an inline wrapper not preferred to a rounded one"),
    ("us-mobile/exact-mb-and-percent-left", "translated-zh", "translated into Chinese: balance, a line's data, next bill date read differently; cause not yet sorted"),
    ("us-mobile/pool-own-use", "bare-attributes", "plan name known only by its class name"),
    ("us-mobile/pool-own-use", "hashed-classes", "plan name known only by its class name"),
    ("us-mobile/pool-own-use", "translated-zh", "translated into Chinese: amount due, a line's plan read differently; cause not yet sorted"),
    ("us-mobile/pool-paused-line-topup-history", "translated-zh", "translated into Chinese: amount due, a line's data read differently; cause not yet sorted"),
    ("us-mobile/pool-paused-line-topup-history", "wrapped", "lines lost when their rows are wrapped"),
    ("us-mobile/pool-per-line-usage", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("us-mobile/pool-table-plan-offers", "translated-zh", "translated into Chinese: amount due, balance, a line's data, a line's renews on, next bill date read differently; cause not yet sorted"),
    ("us-mobile/pool-value-first-line-usage", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("us-mobile/renews-tomorrow", "translated-zh", "translated into Chinese: amount due, balance, a line's renews on, next bill date read differently; cause not yet sorted"),
    ("us-mobile/single-topup", "translated-zh", "translated into Chinese: a line's data read differently; cause not yet sorted"),
    ("visible/hotspot-used-caption-unlimited-speed-limit", "bare-attributes", "plan name known only by its class name"),
    ("visible/hotspot-used-caption-unlimited-speed-limit", "hashed-classes", "plan name known only by its class name"),
    ("visible/hotspot-used-caption-unlimited-speed-limit", "inline", "fixture new in stop 29: the hotspot figure in an inline wrapper loses its caption; cause not yet found"),
    ("visible/hotspot-used-caption-unlimited-speed-limit", "translated-zh", "translated into Chinese: amount due, a line's data, a line's renews on, next bill date read differently; cause not yet sorted"),
    ("visible/plan-heading-bare-number-card-pay", "bare-attributes", "plan name known only by its class name"),
    ("visible/plan-heading-bare-number-card-pay", "hashed-classes", "plan name known only by its class name"),
    ("visible/plan-heading-bare-number-card-pay", "translated-zh", "translated into Chinese: amount due read differently; cause not yet sorted"),
    ("visible/r27a-payment-table-total-global-pass", "translated-zh", "translated into Chinese: amount due, a line's hotspot, a line's renews on, next bill date read differently; cause not yet sorted"),
];

/// The committed red-team rounds (`tests/redteam/`) whose pages are changed too: more
/// varied pages, written blind. A page that reads wrong unchanged is left out (as a fixture
/// is); r30e and r30f are left out while fixers work on them.
const REDTEAM_ROUNDS: &[&str] = &[
    "r28a", "r28b", "r28c", "r28d", "r28e", "r28f", "r29a", "r29b", "r29c", "r29d", "r29e", "r29f",
    "r30a", "r30b", "r30c", "r30d",
];

const TRANSFORMS: &[&str] = &[
    "markup",
    "whitespace",
    "entities",
    "hashed-classes",
    "bare-attributes",
    "wrapped",
    "unwrapped",
    "promo",
    "promo-after",
    "inline",
    "inline-split",
    "synonyms",
    "figures",
    "label-order",
    "grid",
    "grid-plain",
    "translated-zh",
];

// ---------------------------------------------------------------------------------------
// HTML text transformations

#[derive(Clone, Copy, PartialEq)]
enum TextMode {
    Markup,
    Whitespace,
    Entities,
}

/// Elements whose content the tokenizer reads as raw text (copied untouched).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

fn find_from(s: &str, from: usize, pat: &str) -> Option<usize> {
    s.get(from..)?.find(pat).map(|i| i + from)
}

/// Rewrites an HTML document's markup or text, leaving comments, doctype, raw text and
/// attribute values as they are.
fn rewrite_html(src: &str, mode: TextMode) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len() * 2);
    let mut i = 0;
    let mut count = 0usize;
    let mut after_tag = false;
    while i < b.len() {
        if b[i] == b'<' {
            let next = b.get(i + 1).copied().unwrap_or(0);
            if src[i..].starts_with("<!--") {
                let end = find_from(src, i + 4, "-->").map_or(src.len(), |e| e + 3);
                out.push_str(&src[i..end]);
                i = end;
                after_tag = true;
                continue;
            }
            if next == b'!' || next == b'?' {
                let end = find_from(src, i, ">").map_or(src.len(), |e| e + 1);
                out.push_str(&src[i..end]);
                i = end;
                after_tag = true;
                continue;
            }
            let closing = next == b'/';
            let name_start = if closing { i + 2 } else { i + 1 };
            if b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
                if mode == TextMode::Whitespace && after_tag {
                    out.push_str("\n    ");
                }
                let mut j = name_start;
                while j < b.len()
                    && !matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
                {
                    j += 1;
                }
                let name = &src[name_start..j];
                let lower = name.to_ascii_lowercase();
                if closing {
                    let end = find_from(src, j, ">").map_or(src.len(), |e| e + 1);
                    out.push_str("</");
                    if mode == TextMode::Markup {
                        out.push_str(&name.to_ascii_uppercase());
                    } else {
                        out.push_str(name);
                    }
                    out.push_str(&src[j..end]);
                    i = end;
                    after_tag = true;
                    continue;
                }
                let (attrs, self_closing, end) = parse_attrs(src, j);
                out.push('<');
                if mode == TextMode::Markup {
                    out.push_str(&name.to_ascii_uppercase());
                    let mut seen: Vec<String> = Vec::new();
                    let mut kept = Vec::new();
                    for a in attrs {
                        let key = a.0.to_ascii_lowercase();
                        if !seen.contains(&key) {
                            seen.push(key);
                            kept.push(a);
                        }
                    }
                    for (name, value) in kept.into_iter().rev() {
                        out.push(' ');
                        out.push_str(&name.to_ascii_uppercase());
                        if let Some(v) = value {
                            let q = if v.contains('\'') { '"' } else { '\'' };
                            out.push('=');
                            out.push(q);
                            out.push_str(&v);
                            out.push(q);
                        }
                    }
                    if self_closing {
                        out.push_str(" /");
                    }
                    out.push('>');
                } else {
                    out.push_str(&src[i + 1..end]);
                }
                i = end;
                after_tag = true;
                if RAW_TEXT.contains(&lower.as_str()) {
                    let close = format!("</{lower}");
                    let rest = src[i..].to_ascii_lowercase();
                    let stop = rest.find(&close).map_or(src.len(), |k| i + k);
                    out.push_str(&src[i..stop]);
                    i = stop;
                }
                continue;
            }
        }
        // Text up to the next tag.
        let mut j = i + 1;
        while j < b.len() && b[j] != b'<' {
            j += 1;
        }
        let text = &src[i..j];
        if !text.trim().is_empty() {
            after_tag = false;
        }
        rewrite_text(text, mode, &mut count, &mut out);
        i = j;
    }
    out
}

/// Parses a start tag's attributes from `from` (just after the name): (name, value with
/// its entities as written), whether it ends with `/>`, and the index after the `>`.
#[allow(clippy::type_complexity)]
fn parse_attrs(src: &str, from: usize) -> (Vec<(String, Option<String>)>, bool, usize) {
    let b = src.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    loop {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, false, b.len());
        }
        if b[i] == b'>' {
            return (attrs, false, i + 1);
        }
        if b[i] == b'/' {
            if b.get(i + 1) == Some(&b'>') {
                return (attrs, true, i + 2);
            }
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() && !space(b[i]) && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = src[start..i].to_string();
        let mut k = i;
        while k < b.len() && space(b[k]) {
            k += 1;
        }
        if b.get(k) != Some(&b'=') {
            attrs.push((name, None));
            continue;
        }
        k += 1;
        while k < b.len() && space(b[k]) {
            k += 1;
        }
        let value;
        if let Some(&q) = b.get(k).filter(|&&q| q == b'"' || q == b'\'') {
            let end = (k + 1..b.len()).find(|&e| b[e] == q).unwrap_or(b.len());
            value = src[k + 1..end].to_string();
            i = (end + 1).min(b.len());
        } else {
            let mut end = k;
            while end < b.len() && !space(b[end]) && b[end] != b'>' {
                end += 1;
            }
            value = src[k..end].to_string();
            i = end;
        }
        attrs.push((name, Some(value)));
    }
}

fn rewrite_text(text: &str, mode: TextMode, count: &mut usize, out: &mut String) {
    if mode == TextMode::Markup {
        out.push_str(text);
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c == '&' {
            // A character reference as written: copied whole.
            let mut e = k + 1;
            while e < chars.len() && (chars[e].is_ascii_alphanumeric() || chars[e] == '#') {
                e += 1;
            }
            if chars.get(e) == Some(&';') {
                e += 1;
            }
            out.extend(&chars[k..e]);
            k = e;
            continue;
        }
        *count += 1;
        let prev_digit = k > 0 && chars[k - 1].is_ascii_digit();
        let next_digit = chars.get(k + 1).is_some_and(char::is_ascii_digit);
        match mode {
            TextMode::Whitespace => {
                if c == ' ' {
                    out.push_str(if *count % 2 == 0 { "\n      " } else { "\n\t" });
                } else {
                    out.push(c);
                }
            }
            TextMode::Entities => match c {
                ' ' if !(prev_digit && next_digit) && *count % 2 == 0 => out.push_str("&nbsp;"),
                '$' => out.push_str("&dollar;"),
                '€' => out.push_str("&euro;"),
                '£' => out.push_str("&pound;"),
                '¥' => out.push_str("&yen;"),
                '%' => out.push_str("&percnt;"),
                '/' => out.push_str("&sol;"),
                ':' => out.push_str("&colon;"),
                c if c.is_ascii_alphabetic() && *count % 4 == 0 => {
                    out.push_str(&format!("&#{};", c as u32))
                }
                c if c.is_ascii_digit() && *count % 3 == 0 => {
                    out.push_str(&format!("&#x{:x};", c as u32))
                }
                c => out.push(c),
            },
            TextMode::Markup => out.push(c),
        }
        k += 1;
    }
}

// ---------------------------------------------------------------------------------------
// Page snapshot transformations

/// A page snapshot's node with its children (the snapshot's `parent` indices, as a tree).
struct Tree {
    node: PageNode,
    kids: Vec<Tree>,
}

fn to_trees(page: &PageSnapshot) -> Vec<Tree> {
    let n = page.nodes.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, node) in page.nodes.iter().enumerate() {
        match node.parent {
            Some(p) if (p as usize) < i => kids[p as usize].push(i),
            _ => roots.push(i),
        }
    }
    fn build(i: usize, page: &PageSnapshot, kids: &[Vec<usize>]) -> Tree {
        Tree {
            node: page.nodes[i].clone(),
            kids: kids[i].iter().map(|&k| build(k, page, kids)).collect(),
        }
    }
    roots.into_iter().map(|r| build(r, page, &kids)).collect()
}

fn flatten(trees: Vec<Tree>, parent: Option<u32>, out: &mut Vec<PageNode>) {
    for t in trees {
        let index = out.len() as u32;
        let mut node = t.node;
        node.parent = parent;
        out.push(node);
        flatten(t.kids, Some(index), out);
    }
}

fn element(tag: &str, block: bool, kids: Vec<Tree>) -> Tree {
    Tree {
        node: PageNode {
            tag: tag.into(),
            block,
            ..Default::default()
        },
        kids,
    }
}

fn text(s: &str) -> Tree {
    Tree {
        node: PageNode {
            tag: "#text".into(),
            text: Some(s.to_string()),
            ..Default::default()
        },
        kids: Vec::new(),
    }
}

/// A hashed class-like token (FNV-1a), from letters that spell no label or hint word.
fn hashed(name: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    const ALPHABET: &[u8] = b"0123456789qxzjvkw";
    let mut out = String::from("css-");
    for _ in 0..7 {
        out.push(ALPHABET[(h % ALPHABET.len() as u64) as usize] as char);
        h /= ALPHABET.len() as u64;
    }
    out
}

fn hash_tokens(value: &str) -> String {
    value
        .split_ascii_whitespace()
        .map(hashed)
        .collect::<Vec<_>>()
        .join(" ")
}

fn rename_attributes(t: &mut Tree, bare: bool) {
    if !t.node.is_text() {
        let mut attrs = Attrs::new();
        for (name, value) in t.node.attrs.iter() {
            let value = match name {
                "class" | "id" | "for" | "aria-controls" => hash_tokens(value),
                "data-testid" | "name" if bare => hash_tokens(value),
                "title" if bare => continue,
                _ => value.to_string(),
            };
            attrs.insert(name, value);
        }
        t.node.attrs = attrs;
    }
    for k in &mut t.kids {
        rename_attributes(k, bare);
    }
}

/// Containers of flow content: a plain `div` may be put among their children.
const FLOW_PARENTS: &[&str] = &[
    "body",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "li",
    "td",
    "th",
    "dd",
    "form",
    "fieldset",
    "figure",
    "details",
    "dialog",
    "blockquote",
];
/// Elements a plain `div` may wrap.
const WRAPPABLE: &[&str] = &[
    "div", "section", "article", "ul", "ol", "dl", "table", "form", "header", "footer", "aside",
    "nav", "p", "figure", "fieldset",
];

fn has_structure_role(n: &PageNode) -> bool {
    n.attr("role")
        .is_some_and(|r| !r.trim().is_empty() && r != "presentation" && r != "none")
}

fn wrap_groups(t: &mut Tree) {
    let flow = FLOW_PARENTS.contains(&t.node.tag.as_str()) && !has_structure_role(&t.node);
    let kids = std::mem::take(&mut t.kids);
    for mut k in kids {
        wrap_groups(&mut k);
        let elements = k.kids.iter().filter(|c| !c.node.is_text()).count();
        if flow
            && k.node.block
            && WRAPPABLE.contains(&k.node.tag.as_str())
            && elements >= 2
            && !has_structure_role(&k.node)
        {
            t.kids.push(element("div", true, vec![k]));
        } else {
            t.kids.push(k);
        }
    }
}

fn unwrap_single(t: &mut Tree) {
    let kids = std::mem::take(&mut t.kids);
    for mut k in kids {
        unwrap_single(&mut k);
        let plain = matches!(k.node.tag.as_str(), "div" | "span")
            && !k
                .node
                .attrs
                .iter()
                .any(|(n, _)| n == "role" || n.starts_with("aria-"));
        let only_element = k.kids.len() == 1 && !k.kids[0].node.is_text();
        if plain && only_element && (k.kids[0].node.block == k.node.block || !k.node.block) {
            let child = k.kids.pop().unwrap();
            t.kids.push(child);
        } else {
            t.kids.push(k);
        }
    }
}

fn promo_block() -> Tree {
    let p = |s: &str| element("p", true, vec![text(s)]);
    element(
        "section",
        true,
        vec![
            element("h2", true, vec![text("Limited-time offer")]),
            p("Get 5GB bonus data when you add a line."),
            p("$10 off your first month of any plan."),
            p("Offer ends 12/31. New lines only."),
            element("a", false, vec![text("Shop deals")]),
        ],
    )
}

fn footer_block() -> Tree {
    let p = |s: &str| element("p", true, vec![text(s)]);
    element(
        "footer",
        true,
        vec![
            p("Customer care: 1-800-555-0142"),
            p("From abroad: +1 (646) 555-0187"),
            p("© 2026 Example Wireless Inc. All rights reserved."),
        ],
    )
}

fn in_foreign(tag: &str) -> bool {
    matches!(
        tag,
        "svg" | "math" | "select" | "textarea" | "input" | "text" | "tspan" | "title"
    )
}

const INLINE_TAGS: &[&str] = &["b", "strong", "span"];

fn wrap_texts(t: &mut Tree, split: bool, count: &mut usize) {
    if in_foreign(t.node.tag.as_str()) {
        return;
    }
    let kids = std::mem::take(&mut t.kids);
    for mut k in kids {
        let Some(s) = k
            .node
            .text
            .clone()
            .filter(|s| s.bytes().any(|c| c.is_ascii_digit()))
        else {
            wrap_texts(&mut k, split, count);
            t.kids.push(k);
            continue;
        };
        *count += 1;
        let tag = INLINE_TAGS[*count % INLINE_TAGS.len()];
        if !split {
            t.kids.push(element(tag, false, vec![k]));
            continue;
        }
        let (before, figure, after) = first_figure(&s);
        for (piece, wrap) in [(before, false), (figure, true), (after, false)] {
            let piece = piece.trim_matches(|c: char| c == ' ' || c == '\u{a0}');
            if piece.is_empty() {
                continue;
            }
            if wrap {
                t.kids.push(element(tag, false, vec![text(piece)]));
            } else {
                t.kids.push(text(piece));
            }
        }
    }
}

/// Splits at the first figure that stands apart: digits, with `.`, `,`, a space, a
/// no-break, thin or narrow space between digits (a number's groups stay together), after the start of the text, a space or a currency
/// sign, and before a space or the end. (A cut beside a letter, `5<b>G</b>`, would lose
/// the page's spacing: the walker trims texts, so a snapshot cannot say whether a space
/// stood at a cut.)
fn first_figure(s: &str) -> (&str, &str, &str) {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = chars[k].0;
        let apart_before = k == 0
            || matches!(
                chars[k - 1].1,
                ' ' | '\u{a0}' | '$' | '€' | '£' | '¥' | '￥'
            );
        let mut end = k;
        let mut last = k;
        while end < chars.len() {
            let c = chars[end].1;
            if c.is_ascii_digit() {
                last = end;
            } else {
                let inside = matches!(c, '.' | ',' | '\u{a0}' | '\u{2009}' | '\u{202f}')
                    || (c == ' ' && chars.get(end + 1).is_some_and(|c| c.1.is_ascii_digit()));
                if !inside {
                    break;
                }
            }
            end += 1;
        }
        let stop = chars.get(last + 1).map_or(s.len(), |c| c.0);
        let apart_after = chars
            .get(last + 1)
            .is_none_or(|c| matches!(c.1, ' ' | '\u{a0}'));
        if apart_before && apart_after {
            return (&s[..start], &s[start..stop], &s[stop..]);
        }
        k = end.max(k + 1);
    }
    (s, "", "")
}

// ---------------------------------------------------------------------------------------
// Re-expressions: the same facts in other words, figures, order or structure

/// What the re-expressing transformations need to know about a fixture: the strings they
/// leave alone (the expected lines' plan names and labels: a plan called `Unlimited 5GB`
/// is not re-worded) and the page's conventions.
struct Context {
    protect: Vec<String>,
    /// Numbers written `5,120.5` (else `5.120,5`), `None`: the page's language has no
    /// rule here (figures left alone).
    grouping: Option<char>,
    /// A US page (`en-US`, `es-US`, or `en` on a US carrier's site): dates `12/09/2026`.
    us: bool,
}

fn context(expected: &Value, page: &PageSnapshot) -> Context {
    let mut protect = Vec::new();
    if let Some(lines) = expected["snapshot"]["lines"].as_array() {
        for line in lines {
            for key in ["plan", "label"] {
                if let Some(s) = line[key].as_str() {
                    protect.push(s.to_lowercase());
                }
            }
        }
    }
    let lang = page.lang.as_deref().unwrap_or("").to_ascii_lowercase();
    let carrier = expected["snapshot"]["carrier"].as_str();
    let us_carrier = matches!(
        carrier,
        Some("t-mobile" | "mint" | "us-mobile" | "tello" | "google-fi" | "ultra" | "visible")
    );
    let us = lang == "en-us" || lang == "es-us" || (lang == "en" && us_carrier);
    let base = lang.split('-').next().unwrap_or("");
    let grouping = match base {
        "en" | "zh" => Some(','),
        "de" | "es" => Some('.'),
        _ => None,
    };
    Context {
        protect,
        grouping,
        us,
    }
}

impl Context {
    /// A text that holds a protected string or is part of one.
    fn protected(&self, s: &str) -> bool {
        let lower = s.to_lowercase();
        let lower = lower.trim();
        !lower.is_empty()
            && self
                .protect
                .iter()
                .any(|p| p.contains(lower) || lower.contains(p.as_str()))
    }
}

/// Label wordings real carriers use for one field, in the page's language: each is
/// replaced by the next one in its group (the last by the first).
const SYNONYMS: &[&[&str]] = &[
    &["data left", "remaining data", "data remaining"],
    &["left", "remaining"],
    &["amount due", "balance due", "total due"],
    &["due date", "payment due date"],
    &["renews on", "plan expires", "next refill"],
    &["expires on", "valid until"],
    &["account balance", "current balance"],
    &["剩余", "可用"],
    &["剩余流量", "可用流量"],
    &["已用", "已使用"],
    &["已用流量", "已使用流量"],
    &["余额", "账户余额"],
    &["剩餘", "尚餘"],
    &["restante", "disponible"],
    &["restantes", "disponibles"],
    &["datos restantes", "datos disponibles"],
    &["usado", "consumido"],
    &["usados", "consumidos"],
    &["fecha de vencimiento", "fecha límite de pago"],
    &["verbleibend", "noch verfügbar"],
    &["verbraucht", "bereits verbraucht"],
    &["guthaben", "aktuelles guthaben"],
    &["gültig bis", "aktiv bis"],
];

/// `word` written in the case style of `like` (upper case, Title Case, Sentence case).
fn styled(like: &str, word: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    let capital = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let words: Vec<&str> = like.split(' ').filter(|w| !w.is_empty()).collect();
    let first_upper = words
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    let title = words.len() > 1
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if title {
        word.split(' ').map(capital).collect::<Vec<_>>().join(" ")
    } else if first_upper {
        capital(word)
    } else {
        word.to_string()
    }
}

fn next_synonym(lower: &str) -> Option<&'static str> {
    SYNONYMS.iter().find_map(|g| {
        let i = g.iter().position(|w| *w == lower)?;
        Some(g[(i + 1) % g.len()])
    })
}

/// A label's wording replaced by a synonym: the whole text (`Data left`, `Data left:`),
/// a label before its value (`Data left: 3.2 GB`), or a word after a figure
/// (`3.2 GB left`).
fn synonym_text(s: &str) -> Option<String> {
    let trimmed = s.trim_end_matches([':', '：', ' ']);
    let tail = &s[trimmed.len()..];
    if let Some(w) = next_synonym(&trimmed.to_lowercase()) {
        return Some(format!("{}{tail}", styled(trimmed, w)));
    }
    // `Label: value`.
    if let Some(colon) = s.find([':', '：']) {
        let head = &s[..colon];
        if let Some(w) = next_synonym(&head.trim().to_lowercase()) {
            return Some(format!("{}{}", styled(head.trim(), w), &s[colon..]));
        }
    }
    // `figure word`.
    if let Some(space) = s.rfind(' ') {
        let (head, word) = (&s[..space], &s[space + 1..]);
        if head.bytes().any(|b| b.is_ascii_digit()) && word.chars().all(char::is_alphabetic) {
            if let Some(w) = next_synonym(&word.to_lowercase()) {
                return Some(format!("{head} {}", styled(word, w)));
            }
        }
    }
    None
}

fn reword(t: &mut Tree, ctx: &Context) {
    if let Some(s) = &t.node.text {
        if !ctx.protected(s) {
            if let Some(new) = synonym_text(s) {
                t.node.text = Some(new);
            }
        }
    }
    for k in &mut t.kids {
        reword(k, ctx);
    }
}

/// A number as written with `group` between thousands.
fn grouped(n: u64, group: Option<char>) -> String {
    let digits = n.to_string();
    let Some(g) = group else { return digits };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(g);
        }
        out.push(c);
    }
    out
}

const FULL_MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_NAMES: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `5 GB` as `5,120 MB` (a whole number of MB only, grouped as the page groups), and on US
/// pages `Dec 9, 2026` as `12/09/2026` and `12/09/2026` as `Dec 9, 2026`.
fn refigure_text(s: &str, ctx: &Context) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let digits_from = |from: usize| {
        let mut e = from;
        while e < chars.len() && chars[e].is_ascii_digit() {
            e += 1;
        }
        e
    };
    let number =
        |a: usize, b: usize| -> u32 { chars[a..b].iter().collect::<String>().parse().unwrap_or(0) };
    let word_after = |e: usize| chars.get(e).is_some_and(|c| c.is_alphanumeric());
    let mut out = String::new();
    let mut changed = false;
    let has_mb = s.contains("MB");
    let decimal = if ctx.grouping == Some(',') { '.' } else { ',' };
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let apart =
            k == 0 || !(chars[k - 1].is_alphanumeric() || matches!(chars[k - 1], '.' | ',' | '/'));
        if !apart {
            out.push(c);
            k += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let e = digits_from(k);
            // `12/09/2026` (US).
            if ctx.us && chars.get(e) == Some(&'/') {
                let e2 = digits_from(e + 1);
                let e3 = if chars.get(e2) == Some(&'/') {
                    digits_from(e2 + 1)
                } else {
                    e2
                };
                let (m, d) = (number(k, e), number(e + 1, e2));
                if (1..=2).contains(&(e - k))
                    && (1..=2).contains(&(e2 - e - 1))
                    && e3 == e2 + 5
                    && !word_after(e3)
                    && chars.get(e3) != Some(&'/')
                    && (1..=12).contains(&m)
                    && (1..=31).contains(&d)
                {
                    let y: String = chars[e2 + 1..e3].iter().collect();
                    out.push_str(&format!("{} {d}, {y}", MONTH_NAMES[m as usize - 1]));
                    changed = true;
                    k = e3;
                    continue;
                }
            }
            // A data amount in GB.
            if ctx.grouping.is_some() && !has_mb {
                let mut f = e;
                let mut text: String = chars[k..e].iter().collect();
                if chars.get(e) == Some(&decimal)
                    && chars.get(e + 1).is_some_and(char::is_ascii_digit)
                {
                    f = digits_from(e + 1);
                    text.push('.');
                    text.extend(&chars[e + 1..f]);
                }
                let space = chars.get(f) == Some(&' ');
                let u = if space { f + 1 } else { f };
                let gb = chars.get(u) == Some(&'G')
                    && chars.get(u + 1) == Some(&'B')
                    && !word_after(u + 2);
                let mb = text.parse::<f64>().map_or(0.0, |x| x * 1024.0);
                if gb && mb >= 1024.0 && mb.fract() == 0.0 && mb < 1e7 {
                    out.push_str(&grouped(mb as u64, ctx.grouping));
                    out.push_str(if space { " MB" } else { "MB" });
                    changed = true;
                    k = u + 2;
                    continue;
                }
            }
            out.extend(&chars[k..e]);
            k = e;
            continue;
        }
        // `Dec 9, 2026` / `December 9, 2026` (US).
        if ctx.us && c.is_ascii_alphabetic() {
            let mut e = k;
            while e < chars.len() && chars[e].is_ascii_alphabetic() {
                e += 1;
            }
            let word = chars[k..e].iter().collect::<String>().to_lowercase();
            let month = FULL_MONTHS.iter().position(|m| {
                word.len() >= 3 && (word.len() == 3 && m.starts_with(&word) || *m == word)
            });
            if let Some(m) = month {
                let mut p = e;
                if chars.get(p) == Some(&'.') {
                    p += 1;
                }
                let d0 = p + 1;
                let d1 = digits_from(d0);
                let y0 = d1 + 2;
                let ok = chars.get(p) == Some(&' ')
                    && (1..=2).contains(&(d1 - d0))
                    && chars.get(d1) == Some(&',')
                    && chars.get(d1 + 1) == Some(&' ')
                    && digits_from(y0) == y0 + 4
                    && !word_after(y0 + 4);
                if ok {
                    let y: String = chars[y0..y0 + 4].iter().collect();
                    out.push_str(&format!("{:02}/{:02}/{y}", m + 1, number(d0, d1)));
                    changed = true;
                    k = y0 + 4;
                    continue;
                }
            }
            out.extend(&chars[k..e]);
            k = e;
            continue;
        }
        out.push(c);
        k += 1;
    }
    changed.then_some(out)
}

fn refigure(t: &mut Tree, ctx: &Context) {
    if in_foreign(t.node.tag.as_str()) {
        return;
    }
    if let Some(s) = &t.node.text {
        if !ctx.protected(s) {
            if let Some(new) = refigure_text(s, ctx) {
                t.node.text = Some(new);
            }
        }
    }
    for k in &mut t.kids {
        refigure(k, ctx);
    }
}

/// All the text under a tree, spaces between texts.
fn text_of(t: &Tree, out: &mut String) {
    if let Some(s) = &t.node.text {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(s);
    }
    for k in &t.kids {
        text_of(k, out);
    }
}

/// The profiles' label words for a value (data, money, dates), lower case, flags cut off.
fn value_labels() -> &'static [String] {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
        let mut words = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let profile: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for field in [
                "data_remaining",
                "data_used",
                "data_total",
                "balance",
                "amount_due",
                "due_date",
                "renewal_date",
            ] {
                for w in profile["labels"][field].as_array().into_iter().flatten() {
                    let w = w.as_str().unwrap_or("");
                    let w = w.split(" [").next().unwrap_or(w);
                    words.push(w.to_lowercase());
                }
            }
        }
        words
    })
}

/// A label / value pair alone in its container (`<div><span>Data left</span><b>3.2
/// GB</b></div>`) written the other way round: the label's whole text a profile's label
/// word for a value, the value a short text with a digit. Not in tables or definition lists (their order is their
/// structure), nor in ARIA structures.
fn swap_pairs(t: &mut Tree) {
    for k in &mut t.kids {
        swap_pairs(k);
    }
    // A list of pairs is written one way: its pairs swap together, or, when one of them is
    // no label word's (`Essentials 12GB plan` | `$35.00` over `Total` | `$57.37`), none.
    let shapes: Vec<Option<bool>> = t.kids.iter().map(pair_shape).collect();
    if shapes.contains(&Some(false)) {
        return;
    }
    for (k, shape) in t.kids.iter_mut().zip(&shapes) {
        if *shape == Some(true) {
            k.kids.swap(0, 1);
        }
    }
}

/// Whether `t` is a pair of a short text with no digit and a short text with one, alone
/// in a plain container: `Some(true)` when the first is a profile's label word for a
/// value, `Some(false)` when not, `None` when `t` is no such pair.
fn pair_shape(t: &Tree) -> Option<bool> {
    let tag = t.node.tag.as_str();
    let container = matches!(
        tag,
        "div" | "li" | "p" | "span" | "section" | "article" | "header"
    ) && !has_structure_role(&t.node);
    if !container || t.kids.len() != 2 || t.kids.iter().any(|k| k.node.is_text()) {
        return None;
    }
    let texts: Vec<String> = t
        .kids
        .iter()
        .map(|k| {
            let mut s = String::new();
            text_of(k, &mut s);
            s
        })
        .collect();
    let digit = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
    let words =
        |s: &str| !digit(s) && s.chars().any(char::is_alphabetic) && s.chars().count() <= 40;
    let label = |s: &str| {
        let s = s.trim().trim_end_matches([':', '：']).trim().to_lowercase();
        value_labels().contains(&s)
    };
    let value = |s: &str| digit(s) && s.chars().count() <= 32;
    let plain = |k: &Tree| {
        !matches!(
            k.node.tag.as_str(),
            "h1" | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "a"
                | "button"
                | "label"
                | "input"
                | "select"
                | "dt"
                | "dd"
        ) && !has_structure_role(&k.node)
    };
    let same_box = t.kids[0].node.block == t.kids[1].node.block;
    if !same_box || !t.kids.iter().all(plain) {
        return None;
    }
    if words(&texts[0]) && value(&texts[1]) {
        Some(label(&texts[0]))
    } else if value(&texts[0]) && words(&texts[1]) {
        Some(label(&texts[1]))
    } else {
        None
    }
}

/// Tables as `div` grids with ARIA roles (`role="table"`, `"row"`, `"columnheader"`,
/// `"cell"`), and definition lists as one `div` per term and its descriptions.
fn to_grid(t: &mut Tree, roles: bool) {
    for k in &mut t.kids {
        to_grid(k, roles);
    }
    let role = match t.node.tag.as_str() {
        "table" => Some("table"),
        "thead" | "tbody" | "tfoot" => Some("rowgroup"),
        "tr" => Some("row"),
        "th" => Some(if t.node.attr("scope") == Some("row") {
            "rowheader"
        } else {
            "columnheader"
        }),
        "td" => Some("cell"),
        "caption" => Some(""),
        _ => None,
    };
    if let Some(role) = role {
        t.node.tag = "div".into();
        t.node.block = true;
        if roles && !role.is_empty() && t.node.attr("role").is_none() {
            t.node.attrs.insert("role", role.to_string());
        }
    }
    if t.node.tag.as_str() == "dl" && !has_structure_role(&t.node) {
        t.node.tag = "div".into();
        let kids = std::mem::take(&mut t.kids);
        let mut group: Vec<Tree> = Vec::new();
        let mut described = false;
        for mut k in kids {
            let is_term = k.node.tag.as_str() == "dt";
            if matches!(k.node.tag.as_str(), "dt" | "dd") {
                k.node.tag = "div".into();
            }
            if is_term && described {
                t.kids
                    .push(element("div", true, std::mem::take(&mut group)));
                described = false;
            }
            described |= !is_term;
            group.push(k);
        }
        if !group.is_empty() {
            t.kids.push(element("div", true, group));
        }
    }
}

/// Whether a transformation applies to a page: the translations to English US pages only.
fn applies(transform: &str, page: &PageSnapshot, expected: &Value) -> bool {
    if !transform.starts_with("translated-") {
        return true;
    }
    let lang = page.lang.as_deref().unwrap_or("").to_ascii_lowercase();
    lang.starts_with("en") && context(expected, page).us
}

/// Chrome's page translation: every text with a letter translated
/// ([`translation::translate`]) and wrapped in two `font` elements, as the translation
/// leaves it (`<font style="vertical-align: inherit;">` twice; the walker keeps no style).
fn translate_tree(t: &mut Tree, ctx: &Context, target: translation::Target, count: &mut usize) {
    if in_foreign(t.node.tag.as_str()) {
        return;
    }
    for k in &mut t.kids {
        let Some(s) = k.node.text.clone() else {
            translate_tree(k, ctx, target, count);
            continue;
        };
        // A text that is (part of) a plan name or line label stays; names inside a text
        // stay where they are.
        let lower = s.to_lowercase();
        let lower = lower.trim();
        let name = ctx.protect.iter().any(|p| p.contains(lower));
        let new = if name {
            None
        } else {
            translation::translate(&s, &ctx.protect, target, count)
        };
        if std::env::var_os("METAMORPHIC_TRANSLATIONS").is_some() {
            println!("    {s:?} => {new:?}");
        }
        if let Some(new) = new {
            let inner = text(&new);
            *k = element("font", false, vec![element("font", false, vec![inner])]);
        }
    }
}

fn transform_page(page: &PageSnapshot, transform: &str, expected: &Value) -> PageSnapshot {
    let mut trees = to_trees(page);
    match transform {
        "hashed-classes" => trees.iter_mut().for_each(|t| rename_attributes(t, false)),
        "bare-attributes" => trees.iter_mut().for_each(|t| rename_attributes(t, true)),
        "wrapped" => trees.iter_mut().for_each(wrap_groups),
        "unwrapped" => trees.iter_mut().for_each(unwrap_single),
        "promo" | "promo-after" => {
            if let Some(body) = trees.first_mut() {
                if transform == "promo" {
                    body.kids.insert(0, promo_block());
                } else {
                    body.kids.push(promo_block());
                }
                body.kids.push(footer_block());
            }
        }
        "inline" | "inline-split" => {
            let mut count = 0;
            trees
                .iter_mut()
                .for_each(|t| wrap_texts(t, transform == "inline-split", &mut count));
        }
        "synonyms" => {
            let ctx = context(expected, page);
            trees.iter_mut().for_each(|t| reword(t, &ctx));
        }
        "figures" => {
            let ctx = context(expected, page);
            trees.iter_mut().for_each(|t| refigure(t, &ctx));
        }
        "label-order" => trees.iter_mut().for_each(swap_pairs),
        "grid" => trees.iter_mut().for_each(|t| to_grid(t, true)),
        "grid-plain" => trees.iter_mut().for_each(|t| to_grid(t, false)),
        "translated-zh" | "translated-zh-tw" => {
            let target = if transform == "translated-zh" {
                translation::Target::Simplified
            } else {
                translation::Target::Traditional
            };
            let ctx = context(expected, page);
            let mut count = 0;
            trees
                .iter_mut()
                .for_each(|t| translate_tree(t, &ctx, target, &mut count));
            let mut nodes = Vec::new();
            flatten(trees, None, &mut nodes);
            let title = translation::translate(&page.title, &ctx.protect, target, &mut count)
                .unwrap_or_else(|| page.title.clone());
            return PageSnapshot {
                nodes,
                lang: Some(target.lang().to_string()),
                title,
                ..page.clone()
            };
        }
        _ => panic!("unknown transformation {transform}"),
    }
    let mut nodes = Vec::new();
    flatten(trees, None, &mut nodes);
    PageSnapshot {
        nodes,
        ..page.clone()
    }
}

fn transformed(
    html: &str,
    url: &str,
    page: &PageSnapshot,
    transform: &str,
    expected: &Value,
) -> PageSnapshot {
    match transform {
        "markup" => page_from_html(&rewrite_html(html, TextMode::Markup), url),
        "whitespace" => page_from_html(&rewrite_html(html, TextMode::Whitespace), url),
        "entities" => page_from_html(&rewrite_html(html, TextMode::Entities), url),
        _ => transform_page(page, transform, expected),
    }
}

/// The page snapshot as HTML (every element's `display` written out), for
/// `METAMORPHIC_DUMP`: `linekeeper scan --explain` reads it the same.
fn to_html(page: &PageSnapshot) -> String {
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    }
    fn write(t: &Tree, out: &mut String) {
        if let Some(s) = &t.node.text {
            out.push_str(&esc(s));
            return;
        }
        let tag = t.node.tag.as_str();
        out.push('<');
        out.push_str(tag);
        for (n, v) in t.node.attrs.iter() {
            out.push_str(&format!(" {n}=\"{}\"", esc(v)));
        }
        let display = if t.node.block { "block" } else { "inline" };
        out.push_str(&format!(" style=\"display:{display}\">"));
        for k in &t.kids {
            write(k, out);
        }
        out.push_str(&format!("</{tag}>\n"));
    }
    let mut out = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><title>{}</title></head>",
        esc(page.lang.as_deref().unwrap_or("")),
        esc(&page.title)
    );
    for t in to_trees(page) {
        write(&t, &mut out);
    }
    out
}

fn read(page: &PageSnapshot, today: Date) -> Value {
    let snapshot = extract(page, &ScanOptions { today });
    serde_json::from_str(&linekeeper::json::to_string(&snapshot)).unwrap()
}

#[test]
fn redesigned_fixtures_read_the_same() {
    let verbose = std::env::var_os("METAMORPHIC_VERBOSE").is_some();
    let only = std::env::var("METAMORPHIC_ONLY").ok();
    let dump = std::env::var("METAMORPHIC_DUMP").ok();
    let list = std::env::var_os("METAMORPHIC_LIST").is_some();
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let root = tests.join("fixtures");
    let mut files = Vec::new();
    fixtures(&root, &mut files);
    let fixture_count = files.len();
    for round in REDTEAM_ROUNDS {
        fixtures(&tests.join("redteam").join(round), &mut files);
    }
    let mut failures: Vec<String> = Vec::new();
    let mut skipped_failing: Vec<(String, String)> = Vec::new();
    let mut per_transform = vec![0usize; TRANSFORMS.len()];
    let mut changed = vec![0usize; TRANSFORMS.len()];
    let mut runs = 0usize;
    for html_path in &files {
        let name = html_path
            .strip_prefix(&root)
            .or_else(|_| html_path.strip_prefix(&tests))
            .unwrap_or(html_path)
            .with_extension("")
            .display()
            .to_string();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(html_path.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let (url, today, html) = url_today_html(&expected, html_path);
        let original = page_from_html(&html, url);
        let mut base = Vec::new();
        diff(
            "",
            &read(&original, today),
            &expected["snapshot"],
            false,
            &mut base,
        );
        if !base.is_empty() {
            // The page itself reads differently: `tests/scan.rs` reports it.
            continue;
        }
        for (ti, transform) in TRANSFORMS.iter().enumerate() {
            if only.as_deref().is_some_and(|o| o != *transform) {
                continue;
            }
            if !applies(transform, &original, &expected) {
                continue;
            }
            runs += 1;
            let page = transformed(&html, url, &original, transform, &expected);
            if verbose && page.nodes != original.nodes {
                changed[ti] += 1;
            }
            if dump.as_deref() == Some(&format!("{name}:{transform}")) {
                std::fs::write("/tmp/metamorphic-dump.html", to_html(&page)).unwrap();
                println!("wrote /tmp/metamorphic-dump.html ({url}, {today:?})");
            }
            let mut lines = Vec::new();
            let loose = *transform == "inline-split";
            diff(
                "",
                &read(&page, today),
                &expected["snapshot"],
                loose,
                &mut lines,
            );
            let skip = SKIP.iter().find(|(f, t, _)| *f == name && t == transform);
            if lines.is_empty() {
                if let Some((_, _, cause)) = skip {
                    failures.push(format!(
                        "{name} [{transform}] reads right now: remove it from SKIP ({cause})"
                    ));
                }
                continue;
            }
            per_transform[ti] += 1;
            let report = format!("{name} [{transform}]:\n    {}", lines.join("\n    "));
            if skip.is_some() {
                skipped_failing.push((name.clone(), transform.to_string()));
                if verbose {
                    println!("skipped: {report}");
                }
            } else {
                if verbose {
                    println!("{report}");
                }
                if list {
                    println!("    (\"{name}\", \"{transform}\", \"?\"),");
                }
                failures.push(report);
            }
        }
    }
    let summary: Vec<String> = TRANSFORMS
        .iter()
        .zip(&per_transform)
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    println!(
        "metamorphic: {runs} runs over {fixture_count} fixtures and {} red-team pages; failing per transformation: {}; skipped {}",
        files.len() - fixture_count,
        summary.join(", "),
        skipped_failing.len()
    );
    if verbose {
        let changed: Vec<String> = TRANSFORMS
            .iter()
            .zip(&changed)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        println!("pages changed per transformation: {}", changed.join(", "));
    }
    if !failures.is_empty() {
        panic!(
            "{} redesigned fixture pages read differently:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
