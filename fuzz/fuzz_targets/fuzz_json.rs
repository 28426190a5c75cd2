//! The JSON module (`src/json.rs`): any text is read or refused, never a panic; what is
//! read is refused or accepted as serde_json does, writes as serde_json writes the same
//! value, and reads back to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::json::{self, Value};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let ours = json::parse(&text);
    let theirs = serde_json::from_str::<serde_json::Value>(&text);
    assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}: {ours:?} vs {theirs:?}");
    let (Ok(value), Ok(_)) = (ours, theirs) else {
        return;
    };
    let written = json::to_string(&value);
    let again = json::parse(&written).expect("written JSON reads");
    // Numbers written with an exponent lie beyond the range `parse::float` reads exactly
    // (they may come back a few ulps off): compared only without one.
    if !has_exponent(&written) {
        assert!(same(&again, &value), "round trip of {text:?}");
        // serde_json writes its reading of the text alike (objects: keys once, in order).
        if unique_keys(&value) {
            let theirs: serde_json::Value = serde_json::from_str(&written).expect("serde reads");
            let theirs_text = serde_json::to_string(&theirs).expect("serde writes");
            let sorted = json::to_string(&sort_keys(&value));
            assert_eq!(sorted, theirs_text);
        }
    }
    let _ = json::to_string_pretty(&value);
});

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Arr(x), Value::Arr(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Obj(x), Value::Obj(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, p), (l, q))| k == l && same(p, q))
        }
        (Value::Float(x), Value::Float(y)) => x == y,
        _ => a == b,
    }
}

fn unique_keys(v: &Value) -> bool {
    match v {
        Value::Arr(items) => items.iter().all(unique_keys),
        Value::Obj(items) => {
            let mut keys: Vec<&String> = items.iter().map(|(k, _)| k).collect();
            keys.sort();
            keys.windows(2).all(|w| w[0] != w[1]) && items.iter().all(|(_, v)| unique_keys(v))
        }
        _ => true,
    }
}

/// serde_json's map without `preserve_order` is sorted by key.
fn sort_keys(v: &Value) -> Value {
    match v {
        Value::Arr(items) => Value::Arr(items.iter().map(sort_keys).collect()),
        Value::Obj(items) => {
            let mut items: Vec<(String, Value)> =
                items.iter().map(|(k, v)| (k.clone(), sort_keys(v))).collect();
            items.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Obj(items)
        }
        other => other.clone(),
    }
}

/// Whether the text holds a number written with an exponent (`5.5e+117`, `1e-7`).
fn has_exponent(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| {
        w[0].is_ascii_digit()
            && (w[1] == b'e' || w[1] == b'E')
            && (w[2] == b'+' || w[2] == b'-' || w[2].is_ascii_digit())
    })
}
