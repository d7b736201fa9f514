//! Form and percent decoding on arbitrary text: no panic, and what decodes
//! encodes back to something that decodes to the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth1::{form_decode, form_encode, percent_decode_strict, percent_encode, ParameterList};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(pairs) = form_decode(text, "fuzz") {
        let encoded = form_encode(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        assert_eq!(
            form_decode(&encoded, "fuzz").as_ref(),
            Ok(&pairs),
            "{encoded:?}"
        );
        // The signer's and verifier's parameter list reads the same form.
        let mut list = ParameterList::with_capacity(4, 64);
        assert!(list.push_form(text, "fuzz").is_ok(), "{text:?}");
        assert_eq!(list.len(), pairs.len());
    }
    if let Ok(decoded) = percent_decode_strict(text, "fuzz") {
        let encoded = percent_encode(&decoded);
        assert_eq!(
            percent_decode_strict(&encoded, "fuzz").as_deref(),
            Ok(&*decoded)
        );
    }
});
