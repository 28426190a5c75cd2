//! The scan vocabulary: the words that make a part of a page worth reading.
//!
//! The content script does not walk a whole page with full fidelity (that costs far more
//! than the page's own text). A first pass tests every text node against this vocabulary
//! — the label words of the profiles that apply, data units and currency marks — and only
//! the neighbourhoods of the nodes that match (anchors) are walked and sent (see the
//! walker contract in `page.rs`).
//!
//! The vocabulary is derived from the profiles, so it cannot drift from them: the
//! built-in profiles' words are written into `content.js` by `cargo xtask dist` (the
//! `"$SCAN_WORDS"` placeholder), and a profile that is not built in (a user-taught rule)
//! adds its words through the worker's scan reply ([`extra_words`]).
//!
//! A word is a *key*: one word of a label phrase (its longest), lower case. Every text
//! holding the phrase holds the key, so testing keys finds every phrase (and some more
//! text, which only makes a neighbourhood more). Keys of ASCII letters and digits match
//! as whole words (no ASCII letter on either side); any other key matches anywhere.

use crate::profile::{Labels, Profile};

/// Data units the parsers read (`5 GB`, `512MB`); currency marks and codes.
const VALUE_WORDS: &[&str] = &[
    "kb", "mb", "gb", "tb", "kib", "mib", "gib", "tib", "$", "€", "£", "¥", "￥", "元", "usd",
    "eur", "gbp", "cny", "rmb", "hkd", "cad",
];

/// The label lists whose words anchor a neighbourhood: the fields that take a value, the
/// words status detection needs (placeholders, maintenance, sign-in), and the line labels
/// (`Phone number`, `手机号码`): a labelled full number often stands apart from the
/// line's data (a details list of its own, a table's first row). Left out: words that
/// only qualify a value already anchored (`on` / `off`, `not_data`, `promo`,
/// `not_phone`, `greeting`, `nickname`): common words that would make much of any page
/// an anchor.
fn anchor_lists(l: &Labels) -> [&[String]; 19] {
    [
        &l.data,
        &l.data_remaining,
        &l.data_used,
        &l.data_total,
        &l.unlimited,
        &l.hotspot,
        &l.balance,
        &l.amount_due,
        &l.due_date,
        &l.renewal_date,
        &l.autopay,
        &l.autopay_on,
        &l.autopay_off,
        &l.plan,
        &l.plan_names,
        &l.placeholder,
        &l.maintenance,
        &l.logged_out,
        &l.line,
    ]
}

/// Lower case without the standard library's case tables, which the worker's module would
/// otherwise carry for taught rules alone (`parse::text::lowercase`).
fn lowercase(text: &str) -> String {
    crate::parse::text::lowercase(text)
}

/// A letter or digit, without the standard library's Unicode tables: ASCII letters and
/// digits, and non-ASCII characters outside the punctuation, symbol and space blocks.
fn word_char(c: char) -> bool {
    c.is_ascii_digit() || crate::teach::is_letter(c)
}

/// True when `key` matches as a whole word (ASCII letters and digits only).
pub fn is_word_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The key of one label phrase: its longest word, lower case. Words are split at white
/// space and at `-`, `_`, `/`, `:`, `,`, `.`, `&` between letters; a phrase of marks
/// only (`--`, `$--.--`) is its own key.
fn key_of(phrase: &str) -> Option<String> {
    let lower = lowercase(phrase.trim());
    if lower.is_empty() {
        return None;
    }
    let best = crate::parse::text::split_where(&lower, |c| {
        c.is_whitespace() || matches!(c, '-' | '_' | '/' | ':' | ',' | '.' | '&')
    })
    .filter(|w| w.chars().any(word_char))
    .max_by_key(|w| crate::parse::text::char_count(w));
    Some(best.map_or(lower.clone(), str::to_string))
}

/// True when `inner` is in `phrase` as whole words (`sign in` in `sign in to your account`).
fn holds_words(phrase: &str, inner: &str) -> bool {
    phrase.len() > inner.len()
        && crate::parse::text::match_starts(phrase, inner).any(|i| {
            let before = phrase.get(..i).and_then(|s| s.chars().next_back());
            let after = phrase.get(i + inner.len()..).and_then(|s| s.chars().next());
            !before.is_some_and(word_char) && !after.is_some_and(word_char)
        })
}

/// The vocabulary of `profiles`: sorted, without duplicates. A phrase holding another
/// phrase as whole words needs no key of its own (`sign in to your account` is found by
/// `sign in`'s key, so `account` is no key); a non-word key holding a shorter one is left
/// out (it could only match where the shorter one does).
pub fn scan_words(profiles: &[&Profile]) -> Vec<String> {
    // Sorted vectors without duplicates (a `BTreeSet` costs the wasm its node code).
    let mut phrases: Vec<String> = Vec::new();
    for p in profiles {
        for list in anchor_lists(&p.labels) {
            phrases.extend(list.iter().map(|phrase| lowercase(phrase.trim())));
        }
        for anchor in &p.anchors {
            phrases.extend(anchor.label.as_deref().map(|l| lowercase(l.trim())));
        }
    }
    phrases.retain(|p| !p.is_empty());
    crate::sort::sort(&mut phrases);
    phrases.dedup();
    let mut keys: Vec<String> = VALUE_WORDS.iter().map(|w| (*w).to_string()).collect();
    for phrase in &phrases {
        if !phrases.iter().any(|inner| holds_words(phrase, inner)) {
            keys.extend(key_of(phrase));
        }
    }
    crate::sort::sort(&mut keys);
    keys.dedup();
    let substrings: Vec<String> = keys.iter().filter(|k| !is_word_key(k)).cloned().collect();
    keys.into_iter()
        .filter(|k| {
            is_word_key(k)
                || !substrings
                    .iter()
                    .any(|s| s.len() < k.len() && crate::parse::text::contains(k, s))
        })
        .collect()
}

/// The vocabulary of every built-in profile (what `content.js` is built with).
pub fn builtin_words() -> Vec<String> {
    let all: Vec<&Profile> = crate::profile::builtin().iter().collect();
    scan_words(&all)
}

/// The characters that mask a phone number's digits (`(•••) •••-4821`, `138****2231`): a
/// masked number followed by four digits is an anchor too (it marks a line).
pub const PHONE_MASKS: &str = "•●*＊∗◦○xX×#…";

/// What `cargo xtask dist` writes into `content.js` for `"$SCAN_WORDS"`.
pub fn builtin_vocabulary_json() -> String {
    // Keys in name order, as serde_json's `json!` wrote them.
    let mut out = String::new();
    crate::json::Obj::new(&mut out)
        .field("masks", &PHONE_MASKS)
        .field("words", &builtin_words())
        .end();
    out
}

/// What the worker's scan reply adds to the content script's vocabulary for the profiles
/// `active` on a page: their words the built-in vocabulary lacks, and the element
/// patterns of their user-taught anchors (`span#bal.amount`), whose elements are anchors
/// too. Both empty when only built-in profiles apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Extra {
    pub words: Vec<String>,
    pub elements: Vec<String>,
}

/// [`Extra`] for a page on `host` read with `rules` (user-taught profiles) besides the
/// built-in ones: the same profiles extraction uses there.
pub fn extra_for_host(host: &str, rules: &[Profile]) -> Extra {
    extra_words(&crate::extract::active_profiles(host, rules))
}

/// See [`Extra`].
pub fn extra_words(active: &[&Profile]) -> Extra {
    static BUILTIN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    // Only profiles that are not built in can add anything (and the built-ins' words are
    // not worked out again on every scan).
    let taught: Vec<&Profile> = active
        .iter()
        .copied()
        .filter(|p| {
            !crate::profile::builtin()
                .iter()
                .any(|b| std::ptr::eq(*p, b))
        })
        .collect();
    if taught.is_empty() {
        return Extra::default();
    }
    let builtin = BUILTIN.get_or_init(builtin_words);
    let words = scan_words(&taught)
        .into_iter()
        .filter(|k| builtin.binary_search(k).is_err())
        .filter(|k| {
            // A non-word key the built-in vocabulary already covers adds nothing.
            is_word_key(k)
                || !builtin
                    .iter()
                    .any(|b| !is_word_key(b) && crate::parse::text::contains(k, b))
        })
        .collect();
    let mut elements: Vec<String> = taught
        .iter()
        .flat_map(|p| p.anchors.iter())
        .filter_map(|a| a.element.clone())
        .collect();
    crate::sort::sort(&mut elements);
    elements.dedup();
    Extra { words, elements }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_masks_are_the_masks_the_line_finder_reads() {
        for mask in PHONE_MASKS.chars().filter(|c| *c != '…') {
            let text = format!("{0}{0}{0}-{0}{0}{0}-4821", mask);
            let finds = crate::extract::phone_finds_for_test(&text);
            assert_eq!(finds, vec!["4821".to_string()], "{mask}");
        }
        assert_eq!(
            crate::extract::phone_finds_for_test("…4821"),
            vec!["4821".to_string()]
        );
    }

    #[test]
    fn keys_are_the_longest_word() {
        assert_eq!(
            key_of("Remaining High-Speed Data").as_deref(),
            Some("remaining")
        );
        assert_eq!(key_of("剩余通用流量").as_deref(), Some("剩余通用流量"));
        assert_eq!(key_of("$--.--").as_deref(), Some("$--.--"));
        assert_eq!(key_of("  ").as_deref(), None);
        assert!(is_word_key("gb") && !is_word_key("próxima") && !is_word_key("--"));
    }

    #[test]
    fn builtin_vocabulary_covers_every_anchor_phrase() {
        let words = builtin_words();
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        // Every label phrase of an anchoring field holds a key (as a whole word or anywhere).
        let holds = |phrase: &str| {
            let phrase = phrase.to_lowercase();
            words.iter().any(|k| {
                if !is_word_key(k) {
                    return phrase.contains(k.as_str());
                }
                phrase.match_indices(k.as_str()).any(|(i, _)| {
                    let before = phrase[..i].chars().next_back();
                    let after = phrase[i + k.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_alphabetic())
                        && !after.is_some_and(|c| c.is_ascii_alphabetic())
                })
            })
        };
        for p in crate::profile::builtin() {
            for list in anchor_lists(&p.labels) {
                for phrase in list {
                    assert!(holds(phrase), "{}: {phrase:?} has no key", p.id);
                }
            }
        }
        for w in [
            "balance",
            "remaining",
            "gb",
            "$",
            "余额",
            "到期",
            "剩余",
            "saldo",
            "guthaben",
        ] {
            assert!(words.iter().any(|k| k == w), "{w}");
        }
        // The content script counts a match ending in a digit as a masked phone number.
        assert!(words
            .iter()
            .all(|k| !k.ends_with(|c: char| c.is_ascii_digit())));
        // A phrase holding a shorter phrase adds no key (`sign in to your account`).
        assert!(words.iter().any(|k| k == "sign") && !words.iter().any(|k| k == "your"));
        // Words that only qualify a value are not anchors.
        for w in ["offer", "yes", "talk"] {
            assert!(!words.iter().any(|k| k == w), "{w}");
        }
    }

    #[test]
    fn a_profile_that_is_not_built_in_adds_its_words_and_elements() {
        let taught = Profile::from_json(
            r#"{"id":"taught","hosts":["my.example.net"],
                "labels":{"balance":["Guthabenkonto"],"renewal_date":["Next top-up"],"data":["balance"]},
                "anchors":[{"field":"balance","element":"span#pocket.amount"},{"field":"data","label":"Kontingent"}]}"#,
        )
        .expect("profile");
        let builtin: Vec<&Profile> = crate::profile::builtin().iter().collect();
        assert_eq!(extra_words(&builtin), Extra::default());
        let mut active = vec![&taught];
        active.extend(builtin.iter().copied());
        let extra = extra_words(&active);
        assert_eq!(extra.words, vec!["guthabenkonto", "kontingent", "next"]);
        assert_eq!(extra.elements, vec!["span#pocket.amount"]);
    }
}
