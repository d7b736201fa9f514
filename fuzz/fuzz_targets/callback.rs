//! Callback parsing (RFC 5849 s2.2) on arbitrary text: no panic, and
//! parse_callback_for accepts exactly the callbacks for its token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth1::{parse_callback, parse_callback_for};

fuzz_target!(|data: &[u8]| {
    let Ok(callback) = std::str::from_utf8(data) else {
        return;
    };
    match parse_callback(callback) {
        Ok(params) => {
            assert!(parse_callback_for(callback, &params.token).is_ok());
            let other = format!("{}x", params.token);
            assert!(parse_callback_for(callback, &other).is_err());
        }
        Err(_) => assert!(parse_callback_for(callback, "rt").is_err()),
    }
});
