//! The consumer-side token flow: authorization URL, callback and token
//! response parsing. (Signing the request-token and access-token requests
//! is in `sign/signer.rs`.)

use crate::boundary::{
    arg_bytes, arg_out, arg_ref, arg_str, c_string, castable, free_handle, get, get_pair, guard,
    into_handle, past_the_end, write_pair, write_string, Failure, Outcome,
};
use crate::result::oauth1_result;
use oauth1::TokenResponse;
use std::ffi::c_char;

/// A parsed token response: token, token secret, `oauth_callback_confirmed`
/// and every other field (e.g. `oauth_session_handle`, `oauth_expires_in`,
/// `user_id`). The token secret is zeroed when it is freed.
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_token_response(());
castable!(oauth1_token_response => TokenResponse);

/// The resource-owner authorization URL: `authorize_url` with `oauth_token`
/// added to its query, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_authorization_url(
    authorize_url: *const c_char,
    request_token: *const c_char,
    url_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        let url = arg_str(authorize_url, "authorize_url")?;
        let token = arg_str(request_token, "request_token")?;
        let out = arg_out(url_out, "url_out")?;
        write_string(out, &oauth1::authorization_url(url, token)?, "the URL")
    })
}

/// Parses the callback the provider redirected to (a whole URL or just its
/// query) into `oauth_token` and `oauth_verifier`, as two new strings.
/// `OAUTH1_RESULT_INVALID_RESPONSE` when either is missing or the provider
/// reported an `oauth_problem`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_parse_callback(
    url_or_query: *const c_char,
    token_out: *mut *mut c_char,
    verifier_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        let input = arg_str(url_or_query, "url_or_query")?;
        write_callback(token_out, verifier_out, || oauth1::parse_callback(input))
    })
}

/// Checks the two outputs of a callback parser, then writes the token and
/// verifier `parse` finds as two new strings.
fn write_callback(
    token_out: *mut *mut c_char,
    verifier_out: *mut *mut c_char,
    parse: impl FnOnce() -> Result<oauth1::CallbackParams, oauth1::Error>,
) -> Outcome {
    let token_out = arg_out(token_out, "token_out")?;
    let verifier_out = arg_out(verifier_out, "verifier_out")?;
    let callback = parse()?;
    write_pair(
        token_out,
        verifier_out,
        &callback.token,
        &callback.verifier,
        "the callback",
    )
}

/// `oauth1_parse_callback` for the request token this consumer is waiting
/// for: also `OAUTH1_RESULT_INVALID_RESPONSE` when the callback's
/// `oauth_token` is another one (a stale or forged callback).
#[no_mangle]
pub unsafe extern "C" fn oauth1_parse_callback_for(
    url_or_query: *const c_char,
    request_token: *const c_char,
    token_out: *mut *mut c_char,
    verifier_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        let input = arg_str(url_or_query, "url_or_query")?;
        let request_token = arg_str(request_token, "request_token")?;
        write_callback(token_out, verifier_out, || {
            oauth1::parse_callback_for(input, request_token)
        })
    })
}

/// Parses a form-encoded token response body (`body_len` bytes, UTF-8; NULL
/// with 0 is empty). With `require_callback_confirmed` (the request-token
/// response of OAuth 1.0a), `oauth_callback_confirmed` must be `true`;
/// turn it off for a provider known to omit it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_parse_token_response(
    body: *const u8,
    body_len: usize,
    require_callback_confirmed: bool,
    response_out: *mut *mut oauth1_token_response,
) -> oauth1_result {
    guard(|| {
        let body = arg_bytes(body, body_len, "body")?;
        let out = arg_out(response_out, "response_out")?;
        let body = std::str::from_utf8(body.unwrap_or_default()).map_err(|e| {
            Failure::new(
                oauth1_result::InvalidUtf8,
                format!(
                    "body is not valid UTF-8 (bad byte at offset {})",
                    e.valid_up_to()
                ),
            )
        })?;
        let response = oauth1::parse_token_response(body, require_callback_confirmed)?;
        out.write(into_handle(response));
        Ok(())
    })
}

/// Frees a token response; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_response_free(response: *mut oauth1_token_response) {
    free_handle(response)
}

/// `oauth_token`, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_response_token(
    response: *const oauth1_token_response,
    token_out: *mut *mut c_char,
) -> oauth1_result {
    get(response, "response", token_out, "token_out", |r| {
        c_string(&r.token, "the token")
    })
}

/// `oauth_token_secret`, as a new string (a secret: `oauth1_string_free()`
/// zeroes it).
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_response_token_secret(
    response: *const oauth1_token_response,
    secret_out: *mut *mut c_char,
) -> oauth1_result {
    get(response, "response", secret_out, "secret_out", |r| {
        c_string(r.token_secret.expose(), "the token secret")
    })
}

/// `oauth_callback_confirmed` (true only for the value `true`);
/// `OAUTH1_RESULT_NOT_FOUND` when the response did not send it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_response_callback_confirmed(
    response: *const oauth1_token_response,
    confirmed_out: *mut bool,
) -> oauth1_result {
    get(response, "response", confirmed_out, "confirmed_out", |r| {
        r.callback_confirmed
            .ok_or_else(|| Failure::not_found("the token response has no oauth_callback_confirmed"))
    })
}

/// How many other fields the response holds.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_response_extra_count(
    response: *const oauth1_token_response,
    count_out: *mut usize,
) -> oauth1_result {
    get(response, "response", count_out, "count_out", |r| {
        Ok(r.extra.len())
    })
}

/// The other field at `index` (in the order received), decoded, as two new
/// strings; `OAUTH1_RESULT_NOT_FOUND` when `index` is not below the count.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_response_extra(
    response: *const oauth1_token_response,
    index: usize,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    get_pair(
        response,
        "response",
        name_out,
        value_out,
        "the field",
        |r| {
            let extra = &r.extra;
            let (name, value) = extra
                .get(index)
                .ok_or_else(|| past_the_end(index, extra.len(), "other fields"))?;
            Ok((name.into(), value.into()))
        },
    )
}

/// The value of the first other field named `name` (e.g.
/// `oauth_session_handle`), as a new string; `OAUTH1_RESULT_NOT_FOUND` when
/// there is none.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_response_get(
    response: *const oauth1_token_response,
    name: *const c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        let response = arg_ref(response, "response")?;
        let name = arg_str(name, "name")?;
        let out = arg_out(value_out, "value_out")?;
        let value = response.get(name).ok_or_else(|| {
            Failure::not_found(format!("the token response has no field {name:?}"))
        })?;
        write_string(out, value, "the field")
    })
}
