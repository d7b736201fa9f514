//! The signer: signs requests, and the token flow's two requests.

use crate::boundary::{
    arg_bytes, arg_opt_ref, arg_opt_str, arg_out, arg_ref, arg_str, c_string, castable,
    free_handle, get, guard, into_handle, Failure,
};
use crate::result::oauth1_result;
use crate::sign::{oauth1_sign_options, oauth1_signed, oauth1_signer_builder};
use oauth1::{Request, Signer};
use std::ffi::c_char;

/// Signs requests with one set of credentials. Immutable once built: the
/// key state is prepared once, and secrets are zeroed when it is freed.
///
/// Thread safety: fully thread-safe. One signer may sign from any number of
/// threads at once; free it once no thread uses it any more.
pub struct oauth1_signer(());
castable!(oauth1_signer => Signer);

/// Frees a signer; NULL does nothing. No thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_free(signer: *mut oauth1_signer) {
    free_handle(signer)
}

/// A new builder holding this signer's settings, to change some of them.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_to_builder(
    signer: *const oauth1_signer,
    builder_out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    get(signer, "signer", builder_out, "builder_out", |s| {
        Ok(into_handle(s.to_builder()))
    })
}

/// A new signer with the same consumer and settings and another token (e.g.
/// the access token after the token exchange). `signer` is unchanged.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_with_token(
    signer: *const oauth1_signer,
    token: *const c_char,
    token_secret: *const c_char,
    signer_out: *mut *mut oauth1_signer,
) -> oauth1_result {
    guard(|| {
        let signer = arg_ref(signer, "signer")?;
        let (token, secret) = (
            arg_str(token, "token")?,
            arg_str(token_secret, "token_secret")?,
        );
        let out = arg_out(signer_out, "signer_out")?;
        out.write(into_handle(signer.with_token(token, secret)?));
        Ok(())
    })
}

/// The consumer key, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_consumer_key(
    signer: *const oauth1_signer,
    key_out: *mut *mut c_char,
) -> oauth1_result {
    get(signer, "signer", key_out, "key_out", |s| {
        c_string(s.consumer_key(), "the consumer key")
    })
}

/// The token, as a new string; `OAUTH1_RESULT_NOT_FOUND` when the signer has none.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_token(
    signer: *const oauth1_signer,
    token_out: *mut *mut c_char,
) -> oauth1_result {
    get(signer, "signer", token_out, "token_out", |s| {
        let token = s
            .token()
            .ok_or_else(|| Failure::not_found("the signer has no token"))?;
        c_string(token, "the token")
    })
}

/// The signature method's name (e.g. `HMAC-SHA256`), as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_signature_method(
    signer: *const oauth1_signer,
    name_out: *mut *mut c_char,
) -> oauth1_result {
    get(signer, "signer", name_out, "name_out", |s| {
        c_string(s.signature_method().as_str(), "the method")
    })
}

/// The realm, as a new string; `OAUTH1_RESULT_NOT_FOUND` when the signer has none.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_realm(
    signer: *const oauth1_signer,
    realm_out: *mut *mut c_char,
) -> oauth1_result {
    get(signer, "signer", realm_out, "realm_out", |s| {
        let realm = s
            .realm()
            .ok_or_else(|| Failure::not_found("the signer has no realm"))?;
        c_string(realm, "the realm")
    })
}

/// Signs a request. `method` is the HTTP method and `url` the absolute URL,
/// query included. The body goes in as bytes: `body` NULL with `body_len` 0
/// means no body; a non-NULL `body` with `body_len` 0 is an empty body. Only
/// a body whose `content_type` (NULL for none) is
/// `application/x-www-form-urlencoded` is signed as parameters (it must then
/// be UTF-8); any other body is only hashed when the body hash is on.
/// `options` may be NULL: fresh timestamp and nonce, nothing else.
/// The result holds every transmission form and the explanation.
///
/// Thread safety: any number of threads may sign with one signer at once.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_sign(
    signer: *const oauth1_signer,
    method: *const c_char,
    url: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    options: *const oauth1_sign_options,
    signed_out: *mut *mut oauth1_signed,
) -> oauth1_result {
    guard(|| {
        let signer = arg_ref(signer, "signer")?;
        let request = Request {
            method: arg_str(method, "method")?,
            url: arg_str(url, "url")?,
            body: arg_bytes(body, body_len, "body")?,
            content_type: arg_opt_str(content_type, "content_type")?,
        };
        let options = arg_opt_ref(options);
        let out = arg_out(signed_out, "signed_out")?;
        let signed = match options {
            Some(options) => signer.sign_with(&request, &options.to_core())?,
            None => signer.sign(&request)?,
        };
        out.write(into_handle::<oauth1_signed>(signed));
        Ok(())
    })
}

/// Signs the temporary-credentials (request-token) request: `POST url` with
/// `oauth_callback` (`oob` when `callback` is NULL).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_request_token_request(
    signer: *const oauth1_signer,
    url: *const c_char,
    callback: *const c_char,
    signed_out: *mut *mut oauth1_signed,
) -> oauth1_result {
    guard(|| {
        let signer = arg_ref(signer, "signer")?;
        let (url, callback) = (arg_str(url, "url")?, arg_opt_str(callback, "callback")?);
        let out = arg_out(signed_out, "signed_out")?;
        let signed = signer.request_token_request(url, callback)?;
        out.write(into_handle::<oauth1_signed>(signed));
        Ok(())
    })
}

/// Signs the token-credentials (access-token) request: `POST url` with
/// `oauth_verifier`. The signer must hold the request token and its secret
/// (`oauth1_signer_with_token()`), else `OAUTH1_RESULT_INVALID_PARAMETER`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_access_token_request(
    signer: *const oauth1_signer,
    url: *const c_char,
    verifier: *const c_char,
    signed_out: *mut *mut oauth1_signed,
) -> oauth1_result {
    guard(|| {
        let signer = arg_ref(signer, "signer")?;
        let (url, verifier) = (arg_str(url, "url")?, arg_str(verifier, "verifier")?);
        let out = arg_out(signed_out, "signed_out")?;
        let signed = signer.access_token_request(url, verifier)?;
        out.write(into_handle::<oauth1_signed>(signed));
        Ok(())
    })
}
