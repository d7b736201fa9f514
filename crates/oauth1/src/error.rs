//! The one error type of the core. Every binding maps it in one place.

use std::fmt;

/// What kind of input was refused. The names (`as_str`) are the `expect.error`
/// values of the conformance files and never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The URL is not an absolute `http`/`https` URL with a host and a valid port.
    InvalidUrl,
    /// A query or form body has a bad `%` escape or decodes to invalid UTF-8.
    InvalidEncoding,
    /// The signature method name is not one of the supported, case-sensitive names.
    UnsupportedSignatureMethod,
    /// An RSA key is missing or cannot be parsed.
    InvalidKey,
    /// A protocol parameter, option or HTTP method is not acceptable.
    InvalidParameter,
    /// A provider's response (token response, callback) lacks what the flow needs.
    InvalidResponse,
}

impl ErrorKind {
    /// The stable snake_case name of this kind, as used by the conformance files.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidUrl => "invalid_url",
            ErrorKind::InvalidEncoding => "invalid_encoding",
            ErrorKind::UnsupportedSignatureMethod => "unsupported_signature_method",
            ErrorKind::InvalidKey => "invalid_key",
            ErrorKind::InvalidParameter => "invalid_parameter",
            ErrorKind::InvalidResponse => "invalid_response",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An input the core refused: its kind and a message naming the offending input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The detailed message, naming the offending input.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Shows at most `max` characters of user input in a message, so a 1 MiB
/// body does not become a 1 MiB error message.
pub(crate) fn excerpt(input: &str, max: usize) -> String {
    let mut out: String = input.chars().take(max).collect();
    if input.chars().nth(max).is_some() {
        out.push('…');
    }
    format!("{out:?}")
}
