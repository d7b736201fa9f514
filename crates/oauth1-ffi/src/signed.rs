//! A signed request: the signature, what it was computed over, and every
//! transmission form.

use crate::boundary::{arg_out, arg_ref, c_string_pair, free_handle, guard, write_string, Failure};
use crate::result::oauth1_result;
use oauth1::Signed;
use std::ffi::c_char;
use std::sync::OnceLock;

/// The result of signing: the `Authorization` header, the signed URL, the
/// signed form body, and the explanation (base string, normalized
/// parameters). Every getter returns a new string.
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_signed {
    inner: Signed,
    /// The decoded protocol parameters, made on first use.
    parameters: OnceLock<Vec<(String, String)>>,
}

impl oauth1_signed {
    pub(crate) fn new(inner: Signed) -> Self {
        oauth1_signed {
            inner,
            parameters: OnceLock::new(),
        }
    }

    fn parameters(&self) -> &[(String, String)] {
        self.parameters
            .get_or_init(|| self.inner.oauth_parameters())
    }
}

/// Frees a signed request; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_free(signed: *mut oauth1_signed) {
    crate::boundary::guard_value((), || {
        // SAFETY: NULL or a signed request from this library, not yet freed, unused.
        unsafe { free_handle(signed) }
    })
}

/// Runs a getter that returns one string.
///
/// # Safety
/// Pointers are NULL or valid per the header's conventions.
unsafe fn get_string(
    signed: *const oauth1_signed,
    out: *mut *mut c_char,
    get: impl FnOnce(&Signed, &mut dyn FnMut(&str, &str) -> Result<(), Failure>) -> Result<(), Failure>,
) -> oauth1_result {
    guard(|| {
        // SAFETY: forwarded contract.
        let (signed, out) = unsafe { (arg_ref(signed, "signed")?, arg_out(out, "out")?) };
        get(&signed.inner, &mut |value, what| {
            write_string(out, value, what)
        })
    })
}

/// The signature (`oauth_signature`, not percent-encoded).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_signature(
    signed: *const oauth1_signed,
    signature_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get_string(signed, signature_out, |s, put| {
            put(s.signature(), "the signature")
        })
    }
}

/// The signature base string (RFC 5849 s3.4.1.1), to compare with a
/// provider's when it answers "invalid signature".
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_base_string(
    signed: *const oauth1_signed,
    base_string_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get_string(signed, base_string_out, |s, put| {
            put(s.base_string(), "the base string")
        })
    }
}

/// The normalized request parameters (RFC 5849 s3.4.1.3.2).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_normalized_parameters(
    signed: *const oauth1_signed,
    parameters_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get_string(signed, parameters_out, |s, put| {
            put(&s.normalized_parameters(), "the normalized parameters")
        })
    }
}

/// The `Authorization` header value (RFC 5849 s3.5.1), without the header
/// name: `OAuth realm="...", oauth_consumer_key="...", ...`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_authorization_header(
    signed: *const oauth1_signed,
    header_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get_string(signed, header_out, |s, put| {
            put(&s.authorization_header(), "the header")
        })
    }
}

/// The URL with the protocol parameters added to its query (RFC 5849 s3.5.3).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_url(
    signed: *const oauth1_signed,
    url_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get_string(signed, url_out, |s, put| {
            put(&s.signed_url(), "the signed URL")
        })
    }
}

/// The form body with the protocol parameters appended (RFC 5849 s3.5.2);
/// `OAUTH1_RESULT_INVALID_PARAMETER` when the request's body is not
/// form-encoded.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_form_body(
    signed: *const oauth1_signed,
    body_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get_string(signed, body_out, |s, put| {
            put(&s.signed_form_body()?, "the signed form body")
        })
    }
}

/// The protocol parameters as one encoded `oauth_...=...&...` string,
/// `oauth_signature` last.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_oauth_query(
    signed: *const oauth1_signed,
    query_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get_string(signed, query_out, |s, put| {
            put(s.oauth_query(), "the protocol parameters")
        })
    }
}

/// How many protocol parameters were sent (`oauth_signature` included,
/// `realm` not).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signed_oauth_parameter_count(
    signed: *const oauth1_signed,
    count_out: *mut usize,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (signed, out) =
            unsafe { (arg_ref(signed, "signed")?, arg_out(count_out, "count_out")?) };
        out.write(signed.parameters().len());
        Ok(())
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
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (signed, name_out, value_out) = unsafe {
            (
                arg_ref(signed, "signed")?,
                arg_out(name_out, "name_out")?,
                arg_out(value_out, "value_out")?,
            )
        };
        let params = signed.parameters();
        let (name, value) = params.get(index).ok_or_else(|| {
            Failure::not_found(format!(
                "index {index} is past the {} protocol parameters",
                params.len()
            ))
        })?;
        let (name, value) = c_string_pair(name, value, "the parameter")?;
        name_out.write(name);
        value_out.write(value);
        Ok(())
    })
}
