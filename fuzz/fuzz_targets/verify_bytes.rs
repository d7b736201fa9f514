//! `IncomingRequest` -> `Verifier::verify` on arbitrary bytes, read as
//! `METHOD\nURL\nAUTHORIZATION\nCONTENT-TYPE\nBODY` (an empty line is an
//! absent header), against verify.json's provider: never a panic, and an
//! accepted request names a known consumer, a known method and a timestamp
//! within the window.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth1::{IncomingRequest, MemoryNonceStore};
use oauth1_fuzz::{provider_credentials, provider_verifier, NOW};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static CREDENTIALS: OnceLock<oauth1::MemoryCredentials> = OnceLock::new();
    let credentials = CREDENTIALS.get_or_init(provider_credentials);
    let mut fields = data.splitn(5, |&b| b == b'\n');
    let mut text = || fields.next().and_then(|f| std::str::from_utf8(f).ok());
    let (Some(method), Some(url), authorization, content_type) = (text(), text(), text(), text())
    else {
        return;
    };
    let body = data.splitn(5, |&b| b == b'\n').nth(4);
    let mut request = IncomingRequest::new(method, url);
    if let Some(value) = authorization.filter(|v| !v.is_empty()) {
        request = request.with_authorization(value);
    }
    if let Some(value) = content_type.filter(|v| !v.is_empty()) {
        request = request.with_content_type(value);
    }
    if let Some(body) = body {
        request = request.with_body(body);
    }
    let nonces = MemoryNonceStore::new();
    let verifier = provider_verifier();
    match verifier.verify(&request, credentials, &nonces) {
        Ok(verified) => {
            assert!(
                ["ck-main", "ck-other", "ck-rsa", "ck-reserved"].contains(&verified.consumer_key())
            );
            if let Some(ts) = verified.timestamp() {
                assert!(ts.abs_diff(NOW) <= 300);
            }
            // The same request again is a replay, if it had a nonce.
            if verified.nonce().is_some() {
                let replay = verifier.verify(&request, credentials, &nonces);
                assert_eq!(replay.err().map(|p| p.code().as_str()), Some("nonce_used"));
            }
        }
        Err(problem) => {
            let _ = (
                problem.http_status(),
                problem.body(),
                problem.www_authenticate("r"),
            );
        }
    }
});
