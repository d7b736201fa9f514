//! Rust-side tests of the boundary; the C tests (tests/c) cover the API as
//! C sees it.

use super::*;
use crate::boundary::{guard, Castable, Failure};
use std::ffi::{CStr, CString};
use std::ptr;

fn last_error() -> String {
    let mut buf = [0 as c_char; 512];
    // SAFETY: buf is writable for its length.
    let n = unsafe { oauth1_last_error_message(buf.as_mut_ptr(), buf.len()) };
    // SAFETY: the function NUL-terminates within the buffer.
    let s = unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(n, s.len());
    s
}

#[test]
fn a_panic_becomes_a_result_code_and_a_message() {
    let result = guard(|| panic!("boom"));
    assert_eq!(result, oauth1_result::Panic);
    assert!(last_error().contains("boom"));
    assert_eq!(guard(|| Ok(())), oauth1_result::Ok);
    assert_eq!(last_error(), "");
    let result = guard(|| Err(Failure::null("thing")));
    assert_eq!(result, oauth1_result::NullParameter);
    assert_eq!(last_error(), "thing is NULL");
}

/// What the header promises about threads holds in the Rust values behind
/// the handles.
#[test]
fn shared_handles_are_send_and_sync() {
    fn shareable<C: Castable>()
    where
        C::RustType: Send + Sync,
    {
    }
    fn movable<C: Castable>()
    where
        C::RustType: Send,
    {
    }
    shareable::<oauth1_signer>();
    shareable::<oauth1_signed>();
    shareable::<oauth1_token_response>();
    shareable::<oauth1_sign_options>();
    movable::<oauth1_signer_builder>();
    shareable::<oauth1_verifier>();
    shareable::<oauth1_credentials>();
    shareable::<oauth1_nonce_store>();
    shareable::<oauth1_verified>();
    shareable::<oauth1_problem>();
    shareable::<oauth1_provider>();
    shareable::<oauth1_provider_response>();
    shareable::<oauth1_token_passport_signer>();
    shareable::<oauth1_token_passport>();
}

#[test]
fn version_macros_follow_cargo() {
    let version = format!("{OAUTH1_VERSION_MAJOR}.{OAUTH1_VERSION_MINOR}.{OAUTH1_VERSION_PATCH}");
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    assert_eq!(version, oauth1::VERSION);
    // SAFETY: a static C string.
    let from_c = unsafe { CStr::from_ptr(oauth1_version()) };
    assert_eq!(from_c.to_str().unwrap(), version);
}

#[test]
fn every_code_has_a_distinct_message() {
    let mut seen = std::collections::HashSet::new();
    for code in 0..=oauth1_result::LAST + 1 {
        // SAFETY: a static C string.
        let message = unsafe { CStr::from_ptr(oauth1_result_str(code)) };
        assert!(!message.to_bytes().is_empty());
        assert!(
            seen.insert(message.to_owned()),
            "code {code} repeats a message"
        );
    }
    // SAFETY: as above.
    let unknown = unsafe { CStr::from_ptr(oauth1_result_str(u32::MAX)) };
    assert_eq!(unknown.to_str().unwrap(), "unknown result code");
}

#[test]
fn error_kinds_map_to_their_codes() {
    use oauth1::ErrorKind::*;
    let pairs = [
        (InvalidUrl, oauth1_result::InvalidUrl),
        (InvalidEncoding, oauth1_result::InvalidEncoding),
        (
            UnsupportedSignatureMethod,
            oauth1_result::UnsupportedSignatureMethod,
        ),
        (InvalidKey, oauth1_result::InvalidKey),
        (InvalidParameter, oauth1_result::InvalidParameter),
        (InvalidResponse, oauth1_result::InvalidResponse),
    ];
    for (kind, code) in pairs {
        assert_eq!(oauth1_result::from_kind(kind), code);
    }
}

#[test]
fn the_standard_request_signs_through_the_c_functions() {
    let c = |s: &str| CString::new(s).unwrap();
    let (ck, cs, tk, ts) = (
        c("ck_5f4dcc3b5aa765d61d8327deb882cf99"),
        c("cs_2c26b46b68ffc68ff99b453c1d30413413422d706"),
        c("tk_6b86b273ff34fce19d6b804eff5a3f57"),
        c("ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"),
    );
    let url = c(
        "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait",
    );
    let body = b"status=active&tags=a%2Cb&name=John+Doe";
    let form = c("application/x-www-form-urlencoded");
    // SAFETY: every pointer below is valid or NULL, as the API expects.
    unsafe {
        let mut builder = ptr::null_mut();
        assert_eq!(
            oauth1_signer_builder_new(ck.as_ptr(), cs.as_ptr(), &mut builder),
            oauth1_result::Ok
        );
        assert_eq!(
            oauth1_signer_builder_set_token(builder, tk.as_ptr(), ts.as_ptr()),
            oauth1_result::Ok
        );
        assert_eq!(
            oauth1_signer_builder_set_signature_method(builder, c("HMAC-SHA256").as_ptr()),
            oauth1_result::Ok
        );
        assert_eq!(
            oauth1_signer_builder_set_realm(builder, c("1234567_SB1").as_ptr()),
            oauth1_result::Ok
        );
        let mut signer = ptr::null_mut();
        assert_eq!(
            oauth1_signer_builder_build(builder, &mut signer),
            oauth1_result::Ok
        );
        oauth1_signer_builder_free(builder);

        let mut options = ptr::null_mut();
        assert_eq!(oauth1_sign_options_new(&mut options), oauth1_result::Ok);
        let fixed = oauth1_generated::Fixed as u32;
        assert_eq!(
            oauth1_sign_options_set_timestamp(options, fixed, c("1700000000").as_ptr()),
            oauth1_result::Ok
        );
        assert_eq!(
            oauth1_sign_options_set_nonce(options, fixed, c("kllo9940pd9333jh").as_ptr()),
            oauth1_result::Ok
        );

        let mut signed = ptr::null_mut();
        let method = c("POST");
        let result = oauth1_signer_sign(
            signer,
            method.as_ptr(),
            url.as_ptr(),
            body.as_ptr(),
            body.len(),
            form.as_ptr(),
            options,
            &mut signed,
        );
        assert_eq!(result, oauth1_result::Ok);
        let mut signature = ptr::null_mut();
        assert_eq!(
            oauth1_signed_signature(signed, &mut signature),
            oauth1_result::Ok
        );
        assert_eq!(
            CStr::from_ptr(signature).to_str().unwrap(),
            "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI="
        );
        oauth1_string_free(signature);
        oauth1_signed_free(signed);
        oauth1_sign_options_free(options);
        oauth1_signer_free(signer);
    }
}
