//! Token-response parsing (RFC 5849 s2.1, s2.3) on arbitrary bytes: no
//! panic; an accepted response never shows its secret in Debug, and its
//! token and secret make a signer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth1::{parse_token_response, Secret, Signer};

fuzz_target!(|data: &[u8]| {
    let Some((&flag, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    if let Ok(response) = parse_token_response(body, flag & 1 == 1) {
        // Debug does not depend on the secret at all (it is redacted).
        let mut other = response.clone();
        other.token_secret = Secret::new("another secret");
        assert_eq!(format!("{response:?}"), format!("{other:?}"));
        let secret = response.token_secret.expose();
        // What the parser accepts, a signer can sign with (the flow's next step).
        let signer = Signer::builder("ck", "cs")
            .token(response.token.as_str(), secret)
            .build();
        assert!(signer.is_ok(), "{response:?}: {:?}", signer.err());
    }
});
