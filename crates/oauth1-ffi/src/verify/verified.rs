//! A request that passed every check.

use crate::boundary::{
    arg_out, arg_ref, arg_str, c_string, castable, free_handle, get, get_pair, guard, past_the_end,
    write_string, Failure,
};
use crate::result::oauth1_result;
use oauth1::Verified;
use std::ffi::c_char;

/// A request that passed every check: its consumer key, token, signature
/// method, realm and every protocol parameter received (decoded;
/// `oauth_signature` left out).
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_verified(());
castable!(oauth1_verified => Verified);

/// Frees a verified request; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_free(verified: *mut oauth1_verified) {
    free_handle(verified)
}

/// `oauth_consumer_key`, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_consumer_key(
    verified: *const oauth1_verified,
    key_out: *mut *mut c_char,
) -> oauth1_result {
    get(verified, "verified", key_out, "key_out", |v| {
        c_string(v.consumer_key(), "the consumer key")
    })
}

/// `oauth_token`, as a new string; `OAUTH1_RESULT_NOT_FOUND` for a request
/// without one (two-legged; an empty `oauth_token=""` counts as none).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_token(
    verified: *const oauth1_verified,
    token_out: *mut *mut c_char,
) -> oauth1_result {
    get(verified, "verified", token_out, "token_out", |v| {
        let token = v
            .token()
            .ok_or_else(|| Failure::not_found("the request has no token"))?;
        c_string(token, "the token")
    })
}

/// The signature method used (e.g. `HMAC-SHA256`), as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_signature_method(
    verified: *const oauth1_verified,
    name_out: *mut *mut c_char,
) -> oauth1_result {
    get(verified, "verified", name_out, "name_out", |v| {
        c_string(v.signature_method().as_str(), "the method")
    })
}

/// The `realm` of the `Authorization` header (unescaped), as a new string;
/// `OAUTH1_RESULT_NOT_FOUND` when none was sent.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_realm(
    verified: *const oauth1_verified,
    realm_out: *mut *mut c_char,
) -> oauth1_result {
    get(verified, "verified", realm_out, "realm_out", |v| {
        let realm = v
            .realm()
            .ok_or_else(|| Failure::not_found("the request sent no realm"))?;
        c_string(realm, "the realm")
    })
}

/// `oauth_nonce`, as a new string; `OAUTH1_RESULT_NOT_FOUND` when none was
/// sent (PLAINTEXT may omit it).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_nonce(
    verified: *const oauth1_verified,
    nonce_out: *mut *mut c_char,
) -> oauth1_result {
    get(verified, "verified", nonce_out, "nonce_out", |v| {
        let nonce = v
            .nonce()
            .ok_or_else(|| Failure::not_found("the request sent no oauth_nonce"))?;
        c_string(nonce, "the nonce")
    })
}

/// `oauth_timestamp`; `OAUTH1_RESULT_NOT_FOUND` when none was sent
/// (PLAINTEXT may omit it).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_timestamp(
    verified: *const oauth1_verified,
    timestamp_out: *mut u64,
) -> oauth1_result {
    get(verified, "verified", timestamp_out, "timestamp_out", |v| {
        v.timestamp()
            .ok_or_else(|| Failure::not_found("the request sent no oauth_timestamp"))
    })
}

/// Where the protocol parameters were sent: `header`, `body` or `query`,
/// as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_parameter_location(
    verified: *const oauth1_verified,
    location_out: *mut *mut c_char,
) -> oauth1_result {
    get(verified, "verified", location_out, "location_out", |v| {
        c_string(v.parameter_location().as_str(), "the location")
    })
}

/// The decoded value of the protocol parameter `name` (any `oauth_*` name
/// received, e.g. `oauth_callback`, `oauth_verifier`,
/// `oauth_session_handle`), as a new string; `OAUTH1_RESULT_NOT_FOUND` when
/// it was not sent. `oauth_signature` is never kept (for PLAINTEXT it is
/// the secrets).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_get(
    verified: *const oauth1_verified,
    name: *const c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        let (verified, name) = (arg_ref(verified, "verified")?, arg_str(name, "name")?);
        let out = arg_out(value_out, "value_out")?;
        let value = verified
            .get(name)
            .ok_or_else(|| Failure::not_found(format!("the request sent no {name}")))?;
        write_string(out, value, "the parameter")
    })
}

/// How many protocol parameters were received (`oauth_signature` and
/// `realm` not counted).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_oauth_parameter_count(
    verified: *const oauth1_verified,
    count_out: *mut usize,
) -> oauth1_result {
    get(verified, "verified", count_out, "count_out", |v| {
        Ok(v.oauth_parameters().count())
    })
}

/// The protocol parameter at `index`, in the order received, decoded, as
/// two new strings; `OAUTH1_RESULT_NOT_FOUND` when `index` is not below the
/// count.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_oauth_parameter(
    verified: *const oauth1_verified,
    index: usize,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    get_pair(
        verified,
        "verified",
        name_out,
        value_out,
        "the parameter",
        |v| {
            v.oauth_parameters()
                .nth(index)
                .map(|(n, v)| (n.into(), v.into()))
                .ok_or_else(|| {
                    past_the_end(index, v.oauth_parameters().count(), "protocol parameters")
                })
        },
    )
}
