//! Carrier profiles: what one engine needs to know about a carrier's pages, as data.
//!
//! A profile is JSON (see `profiles/*.json`, embedded in the binary): host patterns,
//! account and sign-in URLs, default currency and date order, label words per field,
//! class/id hint words, promotional, placeholder, maintenance and sign-in wording, and
//! optional anchors. The built-in `generic` profile holds label words in English, 简体,
//! 繁體, Spanish and German and always applies; a carrier profile whose host pattern
//! matches the page adds its own words and names the carrier. User-taught rules use the
//! same format (`linekeeper scan --rules FILE`, or `extract_with`).

use crate::parse::DateOrder;
use crate::snapshot::Currency;
use crate::vecmap::VecMap;
#[cfg(test)]
use serde::Deserialize;

/// Label words for each field. Matching is case-insensitive; words made of ASCII
/// letters and digits match whole words only; the longest match wins where two overlap
/// (`balance due` beats `balance`). A word may end with a flag: `[whole element]` (it
/// counts as an element's whole text only), `[ends the row]` (at the end of a row with
/// figures only); see `extract::matcher::Place`.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Labels {
    /// A data bucket's name without a role (`Data`, `High-speed data`, `流量`).
    pub data: Vec<String>,
    pub data_remaining: Vec<String>,
    pub data_used: Vec<String>,
    pub data_total: Vec<String>,
    /// Words that, as a data value, mean unlimited (`Unlimited`, `不限量`).
    pub unlimited: Vec<String>,
    /// Names of the hotspot bucket.
    pub hotspot: Vec<String>,
    /// Buckets that are not data (`Talk`, `Text`, `Minutes`): their values are skipped.
    pub not_data: Vec<String>,
    /// Data bought or given on top of the plan (`Top-up`, `Data Booster`, `Bono extra`):
    /// neither its amounts nor its expiry are the line's bucket or renewal.
    pub add_on: Vec<String>,
    pub balance: Vec<String>,
    pub amount_due: Vec<String>,
    pub due_date: Vec<String>,
    /// Plan renewal / expiry wording (prepaid).
    pub renewal_date: Vec<String>,
    /// The word AutoPay itself; its state comes from `on` / `off` next to it.
    pub autopay: Vec<String>,
    /// Whole phrases meaning AutoPay is on (`AutoPay is on`).
    pub autopay_on: Vec<String>,
    /// Whole phrases meaning AutoPay is off (`Turn on AutoPay`).
    pub autopay_off: Vec<String>,
    /// State words after `autopay` meaning on (`On`, `Enabled`).
    pub on: Vec<String>,
    /// State words after `autopay` meaning off (`Off`, `Not enrolled`).
    pub off: Vec<String>,
    pub plan: Vec<String>,
    /// The carrier's own plan names (`Go5G Plus`, `Simply Unlimited`): an element whose
    /// whole text is one names the line's plan without a label.
    pub plan_names: Vec<String>,
    /// Words naming a phone line or number (`Line`, `Phone number`).
    pub line: Vec<String>,
    /// Words naming a line's nickname (never the account holder's name).
    pub nickname: Vec<String>,
    /// Promotional, help and payment-history wording: rows holding it never give values.
    pub promo: Vec<String>,
    /// Placeholders shown instead of values (`--`, `$--.--`, `Loading`).
    pub placeholder: Vec<String>,
    /// Maintenance / outage notices.
    pub maintenance: Vec<String>,
    /// Sign-in page wording.
    pub logged_out: Vec<String>,
    /// Words that make a masked number a payment card or account number, not a phone.
    pub not_phone: Vec<String>,
    /// Greetings (`Hi`, `Welcome back`, `您好`): the name after one is the account
    /// holder's, never stored, not even inside a line's nickname.
    pub greeting: Vec<String>,
}

/// Class / id / `data-testid` words (after splitting `due-date`, `dueDate`, `due_date`
/// into words) that hint at a field. Weak evidence: used when no label is nearer.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Hints {
    pub data: Vec<String>,
    pub data_remaining: Vec<String>,
    pub data_used: Vec<String>,
    pub data_total: Vec<String>,
    pub hotspot: Vec<String>,
    pub not_data: Vec<String>,
    pub balance: Vec<String>,
    pub amount_due: Vec<String>,
    pub due_date: Vec<String>,
    pub renewal_date: Vec<String>,
    pub autopay: Vec<String>,
    pub plan: Vec<String>,
    pub line: Vec<String>,
    pub nickname: Vec<String>,
    /// Promotional / help regions: nothing inside gives values.
    pub promo: Vec<String>,
    /// Loading skeletons and spinners.
    pub loading: Vec<String>,
}

/// A struct of word lists ([`Labels`], [`Hints`]) read from a profile's JSON object.
trait WordLists: Default {
    /// The fields' names, each followed by a comma (one string, not a table of pointers).
    const NAMES: &'static str;
    /// The names as a table (the tests' serde reader wants one).
    #[cfg(test)]
    fn fields() -> &'static [&'static str];
    /// The list of field `i` (in `NAMES`' order).
    fn list_mut(&mut self, i: usize) -> Option<&mut Vec<String>>;
}

/// Deserializes a struct of word lists as `#[serde(default, deny_unknown_fields)]` would
/// (missing lists empty, unknown or repeated names refused), with one loop for every field
/// instead of the derive's code per field: a large part of the profile reader in the wasm.
macro_rules! word_lists {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl WordLists for $name {
            const NAMES: &'static str = concat!($(stringify!($field), ","),*);
            #[cfg(test)]
            fn fields() -> &'static [&'static str] {
                &[$(stringify!($field)),*]
            }
            fn list_mut(&mut self, i: usize) -> Option<&mut Vec<String>> {
                let mut n = 0usize;
                $(
                    if i == n {
                        return Some(&mut self.$field);
                    }
                    n += 1;
                )*
                let _ = n;
                None
            }
        }
        impl $crate::json::FromJson for $name {
            fn from_json(v: $crate::json::Value) -> Result<$name, $crate::json::Error> {
                read_word_lists(v)
            }
        }
        #[cfg(test)]
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                d.deserialize_map(WordListsVisitor(std::marker::PhantomData))
            }
        }
    };
}
#[cfg(test)]
struct WordListsVisitor<T>(std::marker::PhantomData<T>);

/// Reads a struct of word lists as `#[serde(default, deny_unknown_fields)]` would.
fn read_word_lists<T: WordLists>(v: crate::json::Value) -> Result<T, crate::json::Error> {
    let mut out = T::default();
    read_lists(v, T::NAMES, &mut |i, words| {
        if let Some(list) = out.list_mut(i) {
            *list = words;
        }
    })?;
    Ok(out)
}

/// [`read_word_lists`]' loop, one copy for [`Labels`] and [`Hints`].
fn read_lists(
    v: crate::json::Value,
    names: &str,
    set: &mut dyn FnMut(usize, Vec<String>),
) -> Result<(), crate::json::Error> {
    use crate::json::{Error, FromJson, Value};
    let Value::Obj(items) = v else {
        return Err(Error::invalid_type(&v, "an object of word lists"));
    };
    let mut seen = 0u64;
    for (key, value) in items {
        let Some(i) = crate::parse::text::split_terminated(names, b',').position(|f| f == key)
        else {
            return Err(Error(["unknown field `", &key, "`"].concat()));
        };
        if seen & (1 << i) != 0 {
            return Err(Error(["duplicate field `", &key, "`"].concat()));
        }
        seen |= 1 << i;
        set(i, Vec::<String>::from_json(value)?);
    }
    Ok(())
}

#[cfg(test)]
impl<'de, T: WordLists> serde::de::Visitor<'de> for WordListsVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of word lists")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        use serde::de::Error;
        let mut out = T::default();
        let mut seen: Vec<&'static str> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Some(name) = T::fields().iter().find(|f| **f == key) else {
                return Err(A::Error::unknown_field(&key, T::fields()));
            };
            if seen.contains(name) {
                return Err(A::Error::duplicate_field(name));
            }
            seen.push(name);
            let i = T::fields()
                .iter()
                .position(|f| f == name)
                .unwrap_or(usize::MAX);
            if let Some(list) = out.list_mut(i) {
                *list = map.next_value()?;
            }
        }
        Ok(out)
    }
}

word_lists!(Labels {
    data,
    data_remaining,
    data_used,
    data_total,
    unlimited,
    hotspot,
    not_data,
    add_on,
    balance,
    amount_due,
    due_date,
    renewal_date,
    autopay,
    autopay_on,
    autopay_off,
    on,
    off,
    plan,
    plan_names,
    line,
    nickname,
    promo,
    placeholder,
    maintenance,
    logged_out,
    not_phone,
    greeting,
});

word_lists!(Hints {
    data,
    data_remaining,
    data_used,
    data_total,
    hotspot,
    not_data,
    balance,
    amount_due,
    due_date,
    renewal_date,
    autopay,
    plan,
    line,
    nickname,
    promo,
    loading,
});

/// A user-taught anchor: the value of `field` is the text of the element described by
/// `element` (`span#bal.amount`: tag, id and classes, each optional) and/or the value next
/// to the label `label`.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(default, deny_unknown_fields))]
pub struct Anchor {
    /// A field name as in [`Labels`] (`balance`, `amount_due`, `due_date`,
    /// `renewal_date`, `data_remaining`, `data_used`, `data_total`, `plan`, …).
    pub field: String,
    pub element: Option<String>,
    pub label: Option<String>,
}

/// Day/month order as written in profile files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "lowercase"))]
pub enum Order {
    Mdy,
    Dmy,
}

impl From<Order> for DateOrder {
    fn from(o: Order) -> DateOrder {
        match o {
            Order::Mdy => DateOrder::Mdy,
            Order::Dmy => DateOrder::Dmy,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(default, deny_unknown_fields))]
pub struct Profile {
    /// Stable id (`t-mobile`, `generic`, or a user rule's own id).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The carrier id reported in the Snapshot when this profile matches. Defaults to
    /// the built-in carrier of the page's host, else `id` for a profile with host
    /// patterns.
    pub carrier: Option<String>,
    /// Host patterns: `t-mobile.com` (exactly), `*.t-mobile.com` (it and any subdomain).
    pub hosts: Vec<String>,
    /// Account pages to open (for the extension's "open my account" action).
    pub account_urls: Vec<String>,
    /// Sign-in page URL patterns (`account.t-mobile.com/signin*`; `*` matches anything).
    pub sign_in_urls: Vec<String>,
    /// Help / support article URL patterns (`*/support/*`): a page there gives no values
    /// (its figures are examples).
    pub help_urls: Vec<String>,
    /// Currency of amounts without a symbol.
    pub currency: Option<Currency>,
    /// Currency by host pattern, overriding `currency` (`{"*.hk": "HKD"}`).
    pub host_currency: VecMap<String, Currency>,
    /// Numeric date order; absent: from the page language.
    pub date_order: Option<Order>,
    /// The carrier writes values before their labels (`20.5GB 剩余通用流量`).
    pub value_before_label: bool,
    pub labels: Labels,
    pub hints: Hints,
    pub anchors: Vec<Anchor>,
}

/// Why a profile file was refused.
#[derive(Debug)]
pub struct ProfileError(pub String);

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProfileError {}

impl Profile {
    /// Parses and checks one profile (a JSON object).
    pub fn from_json(text: &str) -> Result<Profile, ProfileError> {
        let profile: Profile = crate::json::from_str(text)
            .map_err(|e| ProfileError(["bad profile: ", &e.0].concat()))?;
        if profile.id.trim().is_empty() {
            return Err(ProfileError("bad profile: empty \"id\"".into()));
        }
        for anchor in &profile.anchors {
            if crate::parse::text::table_word(ANCHOR_FIELDS, &anchor.field, true, false).is_none() {
                return Err(ProfileError(
                    [
                        "bad profile ",
                        &profile.id,
                        ": unknown anchor field ",
                        &crate::json::quoted(&anchor.field),
                    ]
                    .concat(),
                ));
            }
            if anchor.element.is_none() && anchor.label.is_none() {
                return Err(ProfileError(
                    [
                        "bad profile ",
                        &profile.id,
                        ": anchor for ",
                        &anchor.field,
                        " needs \"element\" or \"label\"",
                    ]
                    .concat(),
                ));
            }
        }
        Ok(profile)
    }

    /// The carrier id this profile reports, if any.
    pub fn carrier_id(&self) -> Option<&str> {
        match &self.carrier {
            Some(c) => Some(c.as_str()),
            None if !self.hosts.is_empty() => Some(self.id.as_str()),
            None => None,
        }
    }

    /// True when `host` (lower-case) matches one of the host patterns.
    pub fn matches_host(&self, host: &str) -> bool {
        self.hosts.iter().any(|p| host_matches(p, host))
    }

    /// The default currency on `host`.
    pub fn currency_for(&self, host: &str) -> Option<Currency> {
        self.host_currency
            .iter()
            .find(|(p, _)| host_matches(p, host))
            .map(|(_, c)| *c)
            .or(self.currency)
    }

    /// True when `url` matches a sign-in URL pattern.
    pub fn is_sign_in_url(&self, url: &str) -> bool {
        url_matches(&self.sign_in_urls, url)
    }

    /// True when `url` matches a help / support article URL pattern.
    pub fn is_help_url(&self, url: &str) -> bool {
        url_matches(&self.help_urls, url)
    }
}

/// True when the scheme-less `url` matches one of `patterns` (`*` matches anything).
fn url_matches(patterns: &[String], url: &str) -> bool {
    let url = url.to_ascii_lowercase();
    let rest = crate::parse::text::split_once(&url, "://").map_or(url.as_str(), |(_, r)| r);
    patterns
        .iter()
        .any(|p| glob_prefix(&p.to_ascii_lowercase(), rest))
}

/// Field names an anchor may name, separated by spaces (one string in the wasm, not a table
/// of `&str`).
pub const ANCHOR_FIELDS: &str = "balance amount_due due_date renewal_date data data_remaining data_used data_total hotspot plan nickname autopay";

/// `*.example.com` matches `example.com` and its subdomains; `example.com` only itself;
/// `*.hk` any host under `.hk`.
pub fn host_matches(pattern: &str, host: &str) -> bool {
    let pattern =
        crate::parse::text::trim_end_where(pattern.trim(), |c| c == '.').to_ascii_lowercase();
    let host = crate::parse::text::trim_end_where(host, |c| c == '.');
    match pattern.strip_prefix("*.") {
        Some(base) => {
            host == base
                || host
                    .strip_suffix(base)
                    .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1)
        }
        None => host == pattern,
    }
}

/// Matches `text` against `pattern` where `*` matches any run of characters; the pattern
/// must match a prefix of `text` (so `host/signin` matches `host/signin?x=1`).
fn glob_prefix(pattern: &str, text: &str) -> bool {
    let mut parts = crate::parse::text::split_byte(pattern, b'*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for part in parts {
        if part.is_empty() {
            continue;
        }
        match crate::parse::text::find(rest, part) {
            Some(i) => rest = rest.get(i + part.len()..).unwrap_or(""),
            None => return false,
        }
    }
    true
}

/// The built-in profiles' files, generic first: (id, JSON text). Left out of builds with
/// the `shipped-profiles` feature (the extension's engine and tools modules), which read
/// the same texts at start from the package's `profiles.json-seq` (see [`install_builtin`]),
/// so the carrier knowledge is shipped once, as data, not inside each wasm module.
#[cfg(not(feature = "shipped-profiles"))]
pub const BUILTIN_SOURCES: &[(&str, &str)] = &[
    ("generic", include_str!("../profiles/generic.json")),
    ("t-mobile", include_str!("../profiles/t-mobile.json")),
    ("mint", include_str!("../profiles/mint.json")),
    ("us-mobile", include_str!("../profiles/us-mobile.json")),
    ("tello", include_str!("../profiles/tello.json")),
    ("google-fi", include_str!("../profiles/google-fi.json")),
    ("ultra", include_str!("../profiles/ultra.json")),
    ("visible", include_str!("../profiles/visible.json")),
    (
        "china-mobile",
        include_str!("../profiles/china-mobile.json"),
    ),
    (
        "china-unicom",
        include_str!("../profiles/china-unicom.json"),
    ),
    (
        "china-telecom",
        include_str!("../profiles/china-telecom.json"),
    ),
];
/// Public in both builds: `cargo clippy --workspace` builds the core once with the features
/// of every member (the wasm crates' `shipped-profiles` too) for xtask, which names it.
#[cfg(feature = "shipped-profiles")]
pub const BUILTIN_SOURCES: &[(&str, &str)] = &[];

static BUILTIN: std::sync::OnceLock<Vec<Profile>> = std::sync::OnceLock::new();

/// The built-in profiles, generic first. A built-in that fails to parse is left out
/// (the unit tests make sure none does). With `shipped-profiles`, the ones installed by
/// [`install_builtin`], and none before.
pub fn builtin() -> &'static [Profile] {
    BUILTIN.get_or_init(|| {
        let mut profiles = Vec::new();
        for (_, text) in BUILTIN_SOURCES {
            if let Ok(p) = Profile::from_json(text) {
                profiles.push(p);
            }
        }
        profiles
    })
}

/// The record separator of a JSON text sequence (RFC 7464): it cannot occur in JSON text.
pub const SEQ_SEPARATOR: char = '\u{1e}';

/// Installs the built-in profiles from a JSON text sequence (each profile's JSON after a
/// record separator, generic first: the package's `profiles.json-seq`). Once per instance,
/// before the first [`builtin`]; returns how many were installed.
pub fn install_builtin(seq: &str) -> Result<usize, ProfileError> {
    let profiles = parse_seq(seq)?;
    let n = profiles.len();
    BUILTIN
        .set(profiles)
        .map_err(|_| ProfileError("profiles already installed".into()))?;
    Ok(n)
}

/// Reads a JSON text sequence of profiles, generic first.
pub fn parse_seq(seq: &str) -> Result<Vec<Profile>, ProfileError> {
    let mut profiles = Vec::new();
    // (The separator is ASCII: one byte.)
    for text in crate::parse::text::split_byte(seq, SEQ_SEPARATOR as u8) {
        if !text.trim().is_empty() {
            profiles.push(Profile::from_json(text)?);
        }
    }
    if profiles.first().is_none_or(|p| p.id != "generic") {
        return Err(ProfileError(
            "bad profiles: the generic profile must come first".into(),
        ));
    }
    Ok(profiles)
}

/// The built-in carrier profile for `host` (lower-case), if any: for showing the
/// carrier's name or opening its account pages.
pub fn for_host(host: &str) -> Option<&'static Profile> {
    builtin()
        .iter()
        .find(|p| !p.hosts.is_empty() && p.matches_host(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_text_sequence_of_the_files_reads_as_the_built_in_profiles() {
        let seq: String = BUILTIN_SOURCES
            .iter()
            .map(|(_, text)| format!("{SEQ_SEPARATOR}{text}\n"))
            .collect();
        let read = parse_seq(&seq).unwrap();
        let ids: Vec<&str> = read.iter().map(|p| p.id.as_str()).collect();
        let want: Vec<&str> = BUILTIN_SOURCES.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, want);
        assert_eq!(read.len(), builtin().len());
        for (a, b) in read.iter().zip(builtin()) {
            assert_eq!(a.labels.balance, b.labels.balance);
            assert_eq!(a.hosts, b.hosts);
        }
        // Generic first, every text a profile, something there.
        let (generic, rest) = BUILTIN_SOURCES.split_first().unwrap();
        let reversed = format!("{SEQ_SEPARATOR}{}{SEQ_SEPARATOR}{}", rest[0].1, generic.1);
        assert!(parse_seq(&reversed).is_err());
        assert!(parse_seq(&format!("{seq}{SEQ_SEPARATOR}{{\"id\": 3}}")).is_err());
        assert!(parse_seq("").is_err());
        // Installed once: the native build has its profiles already.
        assert!(install_builtin(&seq).is_err());
    }

    /// The word-list readers know every field the structs have (a field added to
    /// `Labels` or `Hints` must be added to its `word_lists!` too), and refuse what
    /// `deny_unknown_fields` refused.
    #[test]
    fn word_lists_read_every_field_and_refuse_unknown_or_repeated_ones() {
        fn keys<T: serde::Serialize>(value: &T) -> Vec<String> {
            match serde_json::to_value(value).unwrap() {
                serde_json::Value::Object(map) => map.keys().cloned().collect(),
                _ => Vec::new(),
            }
        }
        let mut fields: Vec<String> = Labels::fields().iter().map(|f| f.to_string()).collect();
        fields.sort();
        assert_eq!(keys(&Labels::default()), fields);
        let mut fields: Vec<String> = Hints::fields().iter().map(|f| f.to_string()).collect();
        fields.sort();
        assert_eq!(keys(&Hints::default()), fields);
        // The joined names are the same, in the same order, and few enough for the
        // readers' 64-bit mask of fields seen.
        for (names, table) in [
            (Labels::NAMES, Labels::fields()),
            (Hints::NAMES, Hints::fields()),
        ] {
            let joined: Vec<&str> = names.split_terminator(',').collect();
            assert_eq!(joined, table);
            assert!(table.len() < 64);
        }
        let mut hints = Hints::default();
        let i = Hints::fields().len() - 1;
        assert!(hints.list_mut(i).is_some() && hints.list_mut(i + 1).is_none());
        let labels: Labels = serde_json::from_str(r#"{"balance":["Balance"],"on":[]}"#).unwrap();
        assert_eq!(labels.balance, ["Balance"]);
        assert!(labels.data.is_empty());
        for bad in [
            r#"{"balanse":["x"]}"#,
            r#"{"balance":["a"],"balance":["b"]}"#,
            r#"{"balance":"x"}"#,
            r#"{"balance":null}"#,
            r#"[]"#,
        ] {
            assert!(serde_json::from_str::<Labels>(bad).is_err(), "{bad}");
        }
        let err = Profile::from_json(r#"{"id":"x","hints":{"dat":[]}}"#).unwrap_err();
        assert!(err.0.contains("unknown field `dat`"), "{}", err.0);
    }

    #[test]
    fn all_builtins_parse() {
        for (name, text) in BUILTIN_SOURCES {
            let p = Profile::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(&p.id, name);
            assert!(!p.name.is_empty(), "{name}");
        }
        assert_eq!(builtin().len(), BUILTIN_SOURCES.len());
        assert_eq!(builtin()[0].carrier_id(), None);
        assert_eq!(builtin()[1].carrier_id(), Some("t-mobile"));
    }

    #[test]
    fn host_patterns() {
        assert!(host_matches("*.t-mobile.com", "www.t-mobile.com"));
        assert!(host_matches("*.t-mobile.com", "t-mobile.com"));
        assert!(!host_matches("*.t-mobile.com", "evil-t-mobile.com"));
        assert!(!host_matches("t-mobile.com", "www.t-mobile.com"));
        assert!(host_matches("*.hk", "www.hk.chinamobile.com.hk"));
        let p = builtin().iter().find(|p| p.id == "china-mobile").unwrap();
        assert!(p.matches_host("shop.10086.cn"));
        assert_eq!(
            for_host("my.mintmobile.com").map(|p| p.id.as_str()),
            Some("mint")
        );
        assert!(for_host("example.com").is_none());
    }

    #[test]
    fn sign_in_urls_and_bad_files() {
        let p = Profile::from_json(
            r#"{"id":"x","hosts":["*.x.com"],"sign_in_urls":["account.x.com/signin*"]}"#,
        )
        .unwrap();
        assert!(p.is_sign_in_url("https://account.x.com/signin/v2/?a=1"));
        assert!(!p.is_sign_in_url("https://www.x.com/account"));
        assert!(Profile::from_json(r#"{"id":"x","labels":{"balanse":["a"]}}"#).is_err());
        assert!(Profile::from_json(r#"{"id":""}"#).is_err());
        assert!(
            Profile::from_json(r#"{"id":"x","anchors":[{"field":"nope","label":"a"}]}"#).is_err()
        );
        assert!(Profile::from_json("[1,2]").is_err());
    }
}
