//! A signed request: the signature, what it was computed over, and every
//! transmission form.

use crate::boundary::{c_string, castable, free_handle, get, get_pair, past_the_end};
use crate::result::oauth1_result;
use oauth1::Signed;
use std::ffi::c_char;

/// The result of signing: the `Authorization` header, the signed URL, the
/// signed form body, and the explanation (base string, normalized
/// parameters). Every getter returns a new string.
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_signed(());
castable!(oauth1_signed => Signed);

/// Frees a signed request; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_free(signed: *mut oauth1_signed) {
    free_handle(signed)
}

/// The signature (`oauth_signature`, not percent-encoded).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_signature(
    signed: *const oauth1_signed,
    signature_out: *mut *mut c_char,
) -> oauth1_result {
    get(signed, "signed", signature_out, "signature_out", |s| {
        c_string(s.signature(), "the signature")
    })
}

/// The signature base string (RFC 5849 s3.4.1.1), to compare with a
/// provider's when it answers "invalid signature".
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_base_string(
    signed: *const oauth1_signed,
    base_string_out: *mut *mut c_char,
) -> oauth1_result {
    get(signed, "signed", base_string_out, "base_string_out", |s| {
        c_string(s.base_string(), "the base string")
    })
}

/// The normalized request parameters (RFC 5849 s3.4.1.3.2).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_normalized_parameters(
    signed: *const oauth1_signed,
    parameters_out: *mut *mut c_char,
) -> oauth1_result {
    get(signed, "signed", parameters_out, "parameters_out", |s| {
        c_string(&s.normalized_parameters(), "the normalized parameters")
    })
}

/// The `Authorization` header value (RFC 5849 s3.5.1), without the header
/// name: `OAuth realm="...", oauth_consumer_key="...", ...`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_authorization_header(
    signed: *const oauth1_signed,
    header_out: *mut *mut c_char,
) -> oauth1_result {
    get(signed, "signed", header_out, "header_out", |s| {
        c_string(&s.authorization_header(), "the header")
    })
}

/// The URL with the protocol parameters added to its query (RFC 5849 s3.5.3).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_url(
    signed: *const oauth1_signed,
    url_out: *mut *mut c_char,
) -> oauth1_result {
    get(signed, "signed", url_out, "url_out", |s| {
        c_string(&s.signed_url(), "the signed URL")
    })
}

/// The form body with the protocol parameters appended (RFC 5849 s3.5.2);
/// `OAUTH1_RESULT_INVALID_PARAMETER` when the request's body is not
/// form-encoded.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_form_body(
    signed: *const oauth1_signed,
    body_out: *mut *mut c_char,
) -> oauth1_result {
    get(signed, "signed", body_out, "body_out", |s| {
        c_string(&s.signed_form_body()?, "the signed form body")
    })
}

/// The protocol parameters as one encoded `oauth_...=...&...` string,
/// `oauth_signature` last.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_oauth_query(
    signed: *const oauth1_signed,
    query_out: *mut *mut c_char,
) -> oauth1_result {
    get(signed, "signed", query_out, "query_out", |s| {
        c_string(s.oauth_query(), "the protocol parameters")
    })
}

/// How many protocol parameters were sent (`oauth_signature` included,
/// `realm` not).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_oauth_parameter_count(
    signed: *const oauth1_signed,
    count_out: *mut usize,
) -> oauth1_result {
    get(signed, "signed", count_out, "count_out", |s| {
        Ok(s.oauth_parameter_count())
    })
}

/// The protocol parameter at `index` (in the order sent, `oauth_signature`
/// last), decoded, as two new strings; `OAUTH1_RESULT_NOT_FOUND` when
/// `index` is not below the count.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_oauth_parameter(
    signed: *const oauth1_signed,
    index: usize,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    get_pair(
        signed,
        "signed",
        name_out,
        value_out,
        "the parameter",
        |s| {
            s.oauth_parameter(index).ok_or_else(|| {
                past_the_end(index, s.oauth_parameter_count(), "protocol parameters")
            })
        },
    )
}
