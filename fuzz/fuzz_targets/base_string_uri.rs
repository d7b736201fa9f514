//! URL parsing and the base string URI (RFC 5849 s3.4.1.2) on arbitrary
//! text: no panic, and the base string URI of a base string URI is itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth1::{base_string_uri, RequestUrl};

fuzz_target!(|data: &[u8]| {
    let Ok(url) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = RequestUrl::parse(url);
    let uri = base_string_uri(url);
    assert_eq!(parsed.is_ok(), uri.is_ok(), "{url:?}");
    if let (Ok(parsed), Ok(uri)) = (parsed, uri) {
        assert_eq!(parsed.base_string_uri(), uri);
        assert_eq!(base_string_uri(&uri).as_ref(), Ok(&uri), "{url:?}");
    }
});
