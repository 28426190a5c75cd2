//! Stored-state decoder and migrations: never panic; what is read is in the current layout,
//! and writes back and reads again to the same state; what is refused says why.
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::store::{migrate, State, StoreError, STORE_VERSION};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&text) {
        let before = value.clone();
        match migrate(&mut value) {
            Ok(from) => {
                assert!(from >= 1 && from <= STORE_VERSION);
                assert_eq!(value["version"], STORE_VERSION);
            }
            Err(_) => assert_eq!(value, before, "a failed migration changed the value"),
        }
    }
    match State::from_json(Some(&text)) {
        Ok(state) => {
            assert_eq!(state.version, STORE_VERSION);
            let json = serde_json::to_string(&state).expect("state writes");
            let again = State::from_json(Some(&json)).expect("written state reads");
            assert_eq!(
                serde_json::to_string(&again).expect("state writes"),
                json,
                "round trip"
            );
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
