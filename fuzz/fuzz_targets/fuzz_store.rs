//! Stored-state decoder and migrations: never panic; what is read is in the current layout,
//! and writes back and reads again to the same state; what is refused says why.
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::json;
use linekeeper::store::{migrate, State, StoreError, STORE_VERSION};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(mut value) = json::parse(&text) {
        let before = value.clone();
        match migrate(&mut value) {
            Ok(from) => {
                assert!(from >= 1 && from <= STORE_VERSION);
                assert_eq!(
                    value.get("version"),
                    Some(&json::Value::Int(i64::from(STORE_VERSION)))
                );
            }
            Err(_) => assert_eq!(value, before, "a failed migration changed the value"),
        }
    }
    match State::from_json(Some(&text)) {
        Ok(state) => {
            assert_eq!(state.version, STORE_VERSION);
            let json = json::to_string(&state);
            let again = State::from_json(Some(&json)).expect("written state reads");
            // Exactly the same, where every number is in the range the decimal reader of the
            // history string is exact for (written without an exponent: 1e-5 to 1e16,
            // `src/parse/float.rs`); beyond it, within a few ulps by its design.
            if !has_exponent(&json) {
                assert_eq!(
                    json::to_string(&again),
                    json,
                    "round trip"
                );
            }
        }
        Err(error) => {
            assert!(matches!(
                error,
                StoreError::Corrupt { .. } | StoreError::Newer { .. }
            ));
            let _ = error.to_string();
        }
    }
});

/// Whether the text holds a number written with an exponent (`5.5e+117`, `1e-7`).
fn has_exponent(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| {
        w[0].is_ascii_digit() && (w[1] == b'e' || w[1] == b'E') && (w[2] == b'+' || w[2] == b'-' || w[2].is_ascii_digit())
    })
}
