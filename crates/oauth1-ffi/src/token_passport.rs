//! NetSuite's SOAP `TokenPassport`, for C.

use crate::boundary::{
    arg_opt_str, arg_out, arg_ref, arg_str, c_string, castable, free_handle, get, guard,
    into_handle, Failure,
};
use crate::result::oauth1_result;
use crate::sign::oauth1_generated;
use oauth1::{Generated, TokenPassport, TokenPassportSigner};
use std::ffi::c_char;

/// Makes NetSuite SOAP `TokenPassport` elements for one account,
/// integration and token: HMAC-SHA256 over
/// `account&consumerKey&token&nonce&timestamp` keyed with
/// `consumerSecret&tokenSecret`. Timestamps never go backwards.
///
/// Thread safety: fully thread-safe; sign from any number of threads.
pub struct oauth1_token_passport_signer(());
castable!(oauth1_token_passport_signer => TokenPassportSigner);

/// A signed `TokenPassport`: its signature, base string, fields and XML.
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_token_passport(());
castable!(oauth1_token_passport => TokenPassport);

/// A `TokenPassport` signer. `account` is the NetSuite account id
/// (`1234567`, `1234567_SB1` or `1234567-sb1`; sent as `1234567_SB1`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_signer_new(
    account: *const c_char,
    consumer_key: *const c_char,
    consumer_secret: *const c_char,
    token: *const c_char,
    token_secret: *const c_char,
    signer_out: *mut *mut oauth1_token_passport_signer,
) -> oauth1_result {
    guard(|| {
        let account = arg_str(account, "account")?;
        let ck = arg_str(consumer_key, "consumer_key")?;
        let cs = arg_str(consumer_secret, "consumer_secret")?;
        let tk = arg_str(token, "token")?;
        let ts = arg_str(token_secret, "token_secret")?;
        crate::fork::install_fork_notices();
        let out = arg_out(signer_out, "signer_out")?;
        out.write(into_handle(TokenPassportSigner::new(
            account, ck, cs, tk, ts,
        )?));
        Ok(())
    })
}

/// Frees a `TokenPassport` signer (its secrets are zeroed); NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_signer_free(
    signer: *mut oauth1_token_passport_signer,
) {
    free_handle(signer)
}

/// Reads a `TokenPassport`'s mode and value: auto or fixed, never omitted.
fn generated<'a>(mode: u32, value: Option<&'a str>, name: &str) -> Result<Generated<'a>, Failure> {
    match oauth1_generated::read(mode, value, name) {
        Some(Ok(Generated::Omit)) | None => Err(Failure::new(
            oauth1_result::InvalidParameter,
            format!("{name} mode {mode} is not OAUTH1_GENERATED_AUTO (0) or OAUTH1_GENERATED_FIXED (1); a TokenPassport always has both"),
        )),
        Some(generated) => generated,
    }
}

/// Signs a `TokenPassport`. `timestamp_mode` and `nonce_mode` are
/// `OAUTH1_GENERATED_AUTO` (the clock, a fresh 20-character nonce; the value
/// may be NULL) or `OAUTH1_GENERATED_FIXED` (the value as given: Unix
/// seconds, 6-64 letters and digits). A fixed timestamp earlier than the
/// signer's last one is refused (`OAUTH1_RESULT_INVALID_PARAMETER`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_signer_sign(
    signer: *const oauth1_token_passport_signer,
    timestamp_mode: u32,
    timestamp: *const c_char,
    nonce_mode: u32,
    nonce: *const c_char,
    passport_out: *mut *mut oauth1_token_passport,
) -> oauth1_result {
    guard(|| {
        let signer = arg_ref(signer, "signer")?;
        let timestamp = arg_opt_str(timestamp, "timestamp")?;
        let nonce = arg_opt_str(nonce, "nonce")?;
        let out = arg_out(passport_out, "passport_out")?;
        let timestamp = generated(timestamp_mode, timestamp, "timestamp")?;
        let nonce = generated(nonce_mode, nonce, "nonce")?;
        out.write(into_handle(signer.sign(timestamp, nonce)?));
        Ok(())
    })
}

/// Frees a `TokenPassport`; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_free(passport: *mut oauth1_token_passport) {
    free_handle(passport)
}

/// The base64 signature.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_signature(
    passport: *const oauth1_token_passport,
    signature_out: *mut *mut c_char,
) -> oauth1_result {
    get(passport, "passport", signature_out, "signature_out", |p| {
        c_string(p.signature(), "the signature")
    })
}

/// The signed base string, `account&consumerKey&token&nonce&timestamp`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_base_string(
    passport: *const oauth1_token_passport,
    base_string_out: *mut *mut c_char,
) -> oauth1_result {
    get(
        passport,
        "passport",
        base_string_out,
        "base_string_out",
        |p| c_string(p.base_string(), "the base string"),
    )
}

/// The `timestamp` sent (Unix seconds, as text).
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_timestamp(
    passport: *const oauth1_token_passport,
    timestamp_out: *mut *mut c_char,
) -> oauth1_result {
    get(passport, "passport", timestamp_out, "timestamp_out", |p| {
        c_string(p.timestamp(), "the timestamp")
    })
}

/// The `nonce` sent.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_nonce(
    passport: *const oauth1_token_passport,
    nonce_out: *mut *mut c_char,
) -> oauth1_result {
    get(passport, "passport", nonce_out, "nonce_out", |p| {
        c_string(p.nonce(), "the nonce")
    })
}

/// The `<tokenPassport>` element for the SOAP header. `xml_namespace`
/// (optional, NULL for none) is declared as its default namespace, e.g.
/// `urn:messages_2024_2.platform.webservices.netsuite.com`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_xml(
    passport: *const oauth1_token_passport,
    xml_namespace: *const c_char,
    xml_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        let passport = arg_ref(passport, "passport")?;
        let namespace = arg_opt_str(xml_namespace, "xml_namespace")?;
        let out = arg_out(xml_out, "xml_out")?;
        out.write(c_string(&passport.to_xml(namespace), "the XML")?);
        Ok(())
    })
}
