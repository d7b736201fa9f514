//! The result codes of the C API and their static messages.

use oauth1::ErrorKind;
use std::ffi::{c_char, CStr};

/// The result of every fallible function.
///
/// The numbers are part of the ABI: they never change, and new codes are
/// only ever added at the end. `OAUTH1_RESULT_OK` (0) is the only success.
/// `oauth1_result_str()` gives a static message for each code, and
/// `oauth1_last_error_message()` the detailed message of the calling
/// thread's last failure.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum oauth1_result {
    /// Success: every output was written.
    Ok = 0,
    /// A required pointer argument was NULL (the detailed message names it).
    NullParameter = 1,
    /// A string argument was not valid UTF-8 (the detailed message names it).
    InvalidUtf8 = 2,
    /// The library panicked: a bug, please report it. No output was written.
    Panic = 3,
    /// The requested value is absent (no token, no such field, index past the end).
    NotFound = 4,
    /// A value to return holds a NUL byte, so it cannot be a C string.
    InteriorNul = 5,
    /// `invalid_url`: not an absolute http(s) URL with a host and a valid port.
    InvalidUrl = 6,
    /// `invalid_encoding`: a bad `%` escape, or a query or form body that is not UTF-8.
    InvalidEncoding = 7,
    /// `unsupported_signature_method`: not one of the exact, case-sensitive names.
    UnsupportedSignatureMethod = 8,
    /// `invalid_key`: the RSA private key is missing or cannot be parsed.
    InvalidKey = 9,
    /// `invalid_parameter`: a protocol parameter, option or HTTP method is not acceptable.
    InvalidParameter = 10,
    /// `invalid_response`: a provider's response or callback lacks what the flow needs.
    InvalidResponse = 11,
    /// An error of the core that this version of the C API has no code for.
    Other = 12,
    /// The verifier refused the request: the `oauth1_problem` (when asked
    /// for) gives the `oauth_problem` code, the parameters concerned, the
    /// HTTP status and the response to send.
    VerificationFailed = 13,
}

impl oauth1_result {
    /// Every code, in order: `ALL[n]` is the code numbered `n`.
    const ALL: [oauth1_result; 14] = [
        oauth1_result::Ok,
        oauth1_result::NullParameter,
        oauth1_result::InvalidUtf8,
        oauth1_result::Panic,
        oauth1_result::NotFound,
        oauth1_result::InteriorNul,
        oauth1_result::InvalidUrl,
        oauth1_result::InvalidEncoding,
        oauth1_result::UnsupportedSignatureMethod,
        oauth1_result::InvalidKey,
        oauth1_result::InvalidParameter,
        oauth1_result::InvalidResponse,
        oauth1_result::Other,
        oauth1_result::VerificationFailed,
    ];

    /// The highest code this version defines.
    #[cfg(test)]
    pub(crate) const LAST: u32 = oauth1_result::VerificationFailed as u32;

    /// The code numbered `code`, if this version defines it.
    pub(crate) fn from_code(code: u32) -> Option<Self> {
        let code = usize::try_from(code).ok()?;
        Self::ALL
            .get(code)
            .copied()
            .filter(|result| *result as usize == code)
    }

    pub(crate) fn from_kind(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::InvalidUrl => oauth1_result::InvalidUrl,
            ErrorKind::InvalidEncoding => oauth1_result::InvalidEncoding,
            ErrorKind::UnsupportedSignatureMethod => oauth1_result::UnsupportedSignatureMethod,
            ErrorKind::InvalidKey => oauth1_result::InvalidKey,
            ErrorKind::InvalidParameter => oauth1_result::InvalidParameter,
            ErrorKind::InvalidResponse => oauth1_result::InvalidResponse,
            _ => oauth1_result::Other,
        }
    }

    /// The static message of this code.
    pub(crate) fn message(self) -> &'static CStr {
        match self {
            oauth1_result::Ok => c"success",
            oauth1_result::NullParameter => c"a required pointer argument is NULL",
            oauth1_result::InvalidUtf8 => c"a string argument is not valid UTF-8",
            oauth1_result::Panic => {
                c"liboauth1 panicked (a bug, please report it); no output was written"
            }
            oauth1_result::NotFound => c"the requested value is absent",
            oauth1_result::InteriorNul => {
                c"the value holds a NUL byte, so it cannot be returned as a C string"
            }
            oauth1_result::InvalidUrl => {
                c"invalid URL: not an absolute http or https URL with a host and a valid port"
            }
            oauth1_result::InvalidEncoding => {
                c"invalid encoding: a bad percent-escape, or a query or form body that is not UTF-8"
            }
            oauth1_result::UnsupportedSignatureMethod => {
                c"unsupported signature method (names are case-sensitive)"
            }
            oauth1_result::InvalidKey => {
                c"invalid key: the RSA private key is missing or cannot be parsed"
            }
            oauth1_result::InvalidParameter => {
                c"invalid parameter: a protocol parameter, option or HTTP method is not acceptable"
            }
            oauth1_result::InvalidResponse => {
                c"invalid response: the provider's response lacks what the flow needs"
            }
            oauth1_result::Other => {
                c"an error without a specific code; see oauth1_last_error_message()"
            }
            oauth1_result::VerificationFailed => {
                c"verification failed: the request was refused; the oauth1_problem says why and what to answer"
            }
        }
    }
}

/// A static, NUL-terminated English message for a result code; never NULL.
/// Unknown codes give "unknown result code". The string must not be freed.
///
/// Thread safety: may be called from any thread.
#[no_mangle]
pub extern "C" fn oauth1_result_str(result: u32) -> *const c_char {
    crate::boundary::guard_value(c"unknown result code".as_ptr(), || {
        oauth1_result::from_code(result)
            .map_or(c"unknown result code", oauth1_result::message)
            .as_ptr()
    })
}
