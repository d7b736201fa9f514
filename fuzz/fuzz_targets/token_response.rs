//! Token-response parsing (RFC 5849 s2.1, s2.3) on arbitrary bytes: no
//! panic, and an accepted response has a token and never shows its secret
//! in Debug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth1::parse_token_response;

fuzz_target!(|data: &[u8]| {
    let Some((&flag, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    if let Ok(response) = parse_token_response(body, flag & 1 == 1) {
        let shown = format!("{response:?}");
        if response.token_secret.expose().len() >= 8 && !shown.contains("oauth_token_secret") {
            assert!(!shown.contains(response.token_secret.expose()), "{shown}");
        }
    }
});
