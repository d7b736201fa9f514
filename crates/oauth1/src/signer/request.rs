//! What a caller passes per request: the request itself, the per-request
//! protocol parameters, and when the body hash is sent.

use crate::error::{excerpt, Error, ErrorKind, Result};

/// The protocol parameter names the signer sets itself; extra parameters may
/// not use them.
pub const CORE_PROTOCOL_PARAMETERS: [&str; 10] = [
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_callback",
    "oauth_verifier",
    "oauth_body_hash",
];

/// An HTTP request to sign. Borrowed only for the duration of the call.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The HTTP method; uppercased in the base string.
    pub method: &'a str,
    /// The absolute URL, query included.
    pub url: &'a str,
    /// The body bytes, if any.
    pub body: Option<&'a [u8]>,
    /// The `Content-Type`; only `application/x-www-form-urlencoded` bodies are signed as parameters.
    pub content_type: Option<&'a str>,
}

impl<'a> Request<'a> {
    /// A request without a body.
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Request {
            method,
            url,
            body: None,
            content_type: None,
        }
    }

    /// The same request with a body of the given content type.
    pub fn with_body(mut self, body: &'a [u8], content_type: &'a str) -> Self {
        self.body = Some(body);
        self.content_type = Some(content_type);
        self
    }

    /// The same request with a form body (`application/x-www-form-urlencoded`).
    pub fn with_form(self, body: &'a str) -> Self {
        self.with_body(body.as_bytes(), "application/x-www-form-urlencoded")
    }
}

/// A generated protocol value (`oauth_timestamp`, `oauth_nonce`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Generated<'a> {
    /// Made fresh for this request (the clock, the CSPRNG).
    #[default]
    Auto,
    /// Fixed by the caller (tests, replays).
    Fixed(&'a str),
    /// Not sent (PLAINTEXT allows that).
    Omit,
}

/// Per-request protocol parameters.
#[derive(Clone, Debug, Default)]
pub struct SignOptions<'a> {
    /// `oauth_timestamp`.
    pub timestamp: Generated<'a>,
    /// `oauth_nonce`.
    pub nonce: Generated<'a>,
    /// `oauth_callback` (request-token requests).
    pub callback: Option<&'a str>,
    /// `oauth_verifier` (access-token requests).
    pub verifier: Option<&'a str>,
    /// Further `oauth_*` parameters, e.g. `oauth_session_handle`; raw values.
    pub extra_oauth_params: Vec<(&'a str, &'a str)>,
}

/// When the signer adds `oauth_body_hash` (the OAuth Request Body Hash
/// extension): one policy for every surface (Rust, C, Python and the CLI),
/// `Off` by default, as requests-oauthlib and most providers (NetSuite
/// among them) expect. The hash is SHA-1 of the body bytes for every
/// signature method, and never goes on a form-encoded body (draft s4.1.1),
/// whose parameters are signed instead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BodyHash {
    /// Never sent.
    #[default]
    Off,
    /// Sent on a request with a body that is neither empty nor a form
    /// (JSON, XML, ...), so that the signature covers its bytes; a request
    /// without a body or with a form body goes without.
    NonForm,
    /// Sent on every request (no body: the hash of the empty body, as the
    /// draft's consumers do); a form-encoded body is refused.
    Always,
}

impl BodyHash {
    /// Every policy, in the order of [`BodyHash::as_str`]'s names.
    pub const ALL: [BodyHash; 3] = [BodyHash::Off, BodyHash::NonForm, BodyHash::Always];

    /// The policy's name: `off`, `non-form` or `always`, as every binding spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyHash::Off => "off",
            BodyHash::NonForm => "non-form",
            BodyHash::Always => "always",
        }
    }

    /// The policy of that name (exact, as [`BodyHash::as_str`] writes it).
    pub fn from_name(name: &str) -> Result<BodyHash> {
        BodyHash::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidParameter,
                    format!(
                        "body hash policy {} is not one of off, non-form, always",
                        excerpt(name, 40)
                    ),
                )
            })
    }

    /// Whether a request with this body gets `oauth_body_hash`; refuses a
    /// form body under `Always`.
    pub(super) fn applies(self, is_form: bool, body: Option<&[u8]>) -> Result<bool> {
        match self {
            BodyHash::Off => Ok(false),
            BodyHash::NonForm => Ok(!is_form && body.is_some_and(|b| !b.is_empty())),
            BodyHash::Always if is_form => Err(Error::new(
                ErrorKind::InvalidParameter,
                "oauth_body_hash is not allowed on a form-encoded body (Body Hash draft s4.1.1); use the body hash policy non-form or off for this request",
            )),
            BodyHash::Always => Ok(true),
        }
    }
}

/// `true` is [`BodyHash::Always`] and `false` [`BodyHash::Off`], as the
/// conformance files' `body_hash` flag means.
impl From<bool> for BodyHash {
    fn from(enabled: bool) -> Self {
        if enabled {
            BodyHash::Always
        } else {
            BodyHash::Off
        }
    }
}
