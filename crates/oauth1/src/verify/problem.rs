//! Why a request was refused: the `oauth_problem` codes of the OAuth Problem
//! Reporting extension, and the 401/400 response a provider sends back.

use crate::encoding::percent_encode;
use std::fmt;

/// An `oauth_problem` value (OAuth Problem Reporting extension, s2).
/// `as_str` gives the wire name, which never changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemCode {
    /// A required protocol parameter is missing.
    ParameterAbsent,
    /// `oauth_version` is present and is not `1.0`.
    VersionRejected,
    /// The signature method is unknown or not allowed by this provider.
    SignatureMethodRejected,
    /// A parameter is malformed, repeated or in the wrong place, or the
    /// `Authorization` header cannot be parsed.
    ParameterRejected,
    /// The timestamp is outside the provider's window.
    TimestampRefused,
    /// The consumer key is not known.
    ConsumerKeyUnknown,
    /// The token is unknown or was issued to another consumer.
    TokenRejected,
    /// The signature does not match the request.
    SignatureInvalid,
    /// The nonce was already used with this consumer, token and timestamp.
    NonceUsed,
    /// The token was already used (a request token exchanged once).
    /// Decided by a provider's token store, never by [`crate::Verifier`].
    TokenUsed,
    /// The token has expired. Decided by a provider's token store.
    TokenExpired,
    /// The resource owner has not yet approved or denied the token.
    PermissionUnknown,
    /// The resource owner denied the token.
    PermissionDenied,
    /// The resource owner refused the consumer's request (sent on the callback).
    UserRefused,
}

impl ProblemCode {
    /// Every code: the verifier's, in the order its checks run, then the
    /// token-lifecycle codes a provider decides itself.
    pub const ALL: [ProblemCode; 14] = [
        ProblemCode::ParameterAbsent,
        ProblemCode::VersionRejected,
        ProblemCode::SignatureMethodRejected,
        ProblemCode::ParameterRejected,
        ProblemCode::TimestampRefused,
        ProblemCode::ConsumerKeyUnknown,
        ProblemCode::TokenRejected,
        ProblemCode::SignatureInvalid,
        ProblemCode::NonceUsed,
        ProblemCode::TokenUsed,
        ProblemCode::TokenExpired,
        ProblemCode::PermissionUnknown,
        ProblemCode::PermissionDenied,
        ProblemCode::UserRefused,
    ];

    /// The `oauth_problem` wire value, e.g. `signature_invalid`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::ParameterAbsent => "parameter_absent",
            ProblemCode::VersionRejected => "version_rejected",
            ProblemCode::SignatureMethodRejected => "signature_method_rejected",
            ProblemCode::ParameterRejected => "parameter_rejected",
            ProblemCode::TimestampRefused => "timestamp_refused",
            ProblemCode::ConsumerKeyUnknown => "consumer_key_unknown",
            ProblemCode::TokenRejected => "token_rejected",
            ProblemCode::SignatureInvalid => "signature_invalid",
            ProblemCode::NonceUsed => "nonce_used",
            ProblemCode::TokenUsed => "token_used",
            ProblemCode::TokenExpired => "token_expired",
            ProblemCode::PermissionUnknown => "permission_unknown",
            ProblemCode::PermissionDenied => "permission_denied",
            ProblemCode::UserRefused => "user_refused",
        }
    }

    /// The code with this wire name, if any.
    pub fn from_name(name: &str) -> Option<ProblemCode> {
        ProblemCode::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The HTTP status RFC 5849 s3.2 gives this refusal: 400 for a request
    /// that is malformed (missing, repeated or unsupported parameters, an
    /// unsupported method or version), 401 for credentials, signature,
    /// timestamp or nonce that do not hold.
    pub fn http_status(self) -> u16 {
        match self {
            ProblemCode::ParameterAbsent
            | ProblemCode::ParameterRejected
            | ProblemCode::SignatureMethodRejected
            | ProblemCode::VersionRejected => 400,
            ProblemCode::TimestampRefused
            | ProblemCode::ConsumerKeyUnknown
            | ProblemCode::TokenRejected
            | ProblemCode::SignatureInvalid
            | ProblemCode::NonceUsed
            | ProblemCode::TokenUsed
            | ProblemCode::TokenExpired
            | ProblemCode::PermissionUnknown
            | ProblemCode::PermissionDenied
            | ProblemCode::UserRefused => 401,
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused request: the problem code, the parameter names it concerns
/// (may be empty), a message for logs, and for `timestamp_refused` the
/// range of timestamps the provider would have accepted.
///
/// ```
/// use oauth1::{Problem, ProblemCode};
/// let p = Problem::new(ProblemCode::ParameterAbsent, ["oauth_nonce", "oauth_timestamp"], "missing");
/// assert_eq!(p.body(), "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_nonce%26oauth_timestamp");
/// assert_eq!(p.www_authenticate("Photos"), "OAuth realm=\"Photos\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    code: ProblemCode,
    parameters: Vec<String>,
    message: String,
    acceptable_timestamps: Option<(u64, u64)>,
}

impl Problem {
    /// A problem with its code, the parameter names concerned, and a message.
    pub fn new<I, S>(code: ProblemCode, parameters: I, message: impl Into<String>) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Problem {
            code,
            parameters: parameters.into_iter().map(Into::into).collect(),
            message: message.into(),
            acceptable_timestamps: None,
        }
    }

    /// A problem about no parameter in particular.
    pub(crate) fn plain(code: ProblemCode, message: impl Into<String>) -> Self {
        Problem::new(code, std::iter::empty::<String>(), message)
    }

    /// `timestamp_refused`, with the window the provider accepts.
    pub(crate) fn timestamp_refused(min: u64, max: u64, message: impl Into<String>) -> Self {
        Problem {
            acceptable_timestamps: Some((min, max)),
            ..Problem::plain(ProblemCode::TimestampRefused, message)
        }
    }

    /// The `oauth_problem` code.
    pub fn code(&self) -> ProblemCode {
        self.code
    }

    /// The parameter names concerned: the absent ones for `parameter_absent`,
    /// the rejected ones for `parameter_rejected`; often empty.
    pub fn parameters(&self) -> &[String] {
        &self.parameters
    }

    /// A human-readable explanation, for logs. It never holds a secret.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For `timestamp_refused`: the inclusive range of timestamps the
    /// provider accepted at the time of the check.
    pub fn acceptable_timestamps(&self) -> Option<(u64, u64)> {
        self.acceptable_timestamps
    }

    /// The HTTP status to answer with (RFC 5849 s3.2); see [`ProblemCode::http_status`].
    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    /// The `WWW-Authenticate` header value: see [`www_authenticate`].
    pub fn www_authenticate(&self, realm: &str) -> String {
        www_authenticate(realm)
    }

    /// The response body (`application/x-www-form-urlencoded`), per the
    /// Problem Reporting extension: `oauth_problem=...`, then
    /// `oauth_parameters_absent` or `oauth_parameters_rejected` (the names
    /// joined with `&`, then encoded), and `oauth_acceptable_timestamps=min-max`.
    pub fn body(&self) -> String {
        let mut out = String::with_capacity(64);
        out.push_str("oauth_problem=");
        out.push_str(self.code.as_str());
        let list_name = match self.code {
            ProblemCode::ParameterAbsent => Some("oauth_parameters_absent"),
            ProblemCode::ParameterRejected => Some("oauth_parameters_rejected"),
            _ => None,
        };
        if let Some(list_name) = list_name.filter(|_| !self.parameters.is_empty()) {
            out.push('&');
            out.push_str(list_name);
            out.push('=');
            let joined = self.parameters.join("&");
            out.push_str(&percent_encode(&joined));
        }
        if let Some((min, max)) = self.acceptable_timestamps {
            out.push_str(&format!("&oauth_acceptable_timestamps={min}-{max}"));
        }
        out
    }
}

/// The `WWW-Authenticate` header value of a refusal: `OAuth realm="..."`,
/// the realm rendered as the signer renders it (an RFC 7235 quoted-string,
/// non-ASCII as percent-encoded UTF-8); control characters other than HTAB,
/// which could split the header, are left out. An empty realm is left out
/// too: `OAuth` alone. It is the same for every problem.
///
/// ```
/// assert_eq!(oauth1::www_authenticate("a \"b\""), r#"OAuth realm="a \"b\"""#);
/// assert_eq!(oauth1::www_authenticate(""), "OAuth");
/// ```
pub fn www_authenticate(realm: &str) -> String {
    let mut out = String::with_capacity(realm.len() + 14);
    out.push_str("OAuth");
    if !realm.is_empty() {
        out.push(' ');
        crate::realm::write_realm_attribute_lossy(realm, &mut out);
    }
    out
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if !self.parameters.is_empty() {
            write!(f, " [{}]", self.parameters.join(", "))?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_their_wire_names() {
        for code in ProblemCode::ALL {
            assert_eq!(ProblemCode::from_name(code.as_str()), Some(code));
        }
        assert_eq!(ProblemCode::from_name("Signature_Invalid"), None);
    }

    #[test]
    fn body_uses_the_problem_reporting_parameter_names() {
        let rejected = Problem::new(ProblemCode::ParameterRejected, ["oauth_body_hash"], "x");
        assert_eq!(
            rejected.body(),
            "oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_body_hash"
        );
        let malformed = Problem::plain(ProblemCode::ParameterRejected, "x");
        assert_eq!(malformed.body(), "oauth_problem=parameter_rejected");
        let late = Problem::timestamp_refused(1717999700, 1718000300, "x");
        assert_eq!(
            late.body(),
            "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1717999700-1718000300"
        );
        assert_eq!(late.http_status(), 401);
        assert_eq!(malformed.http_status(), 400);
    }

    #[test]
    fn www_authenticate_quotes_the_realm_and_drops_control_characters() {
        let p = Problem::plain(ProblemCode::SignatureInvalid, "x");
        assert_eq!(
            p.www_authenticate("Photos, Inc. \"EU\"\r\nX: y"),
            "OAuth realm=\"Photos, Inc. \\\"EU\\\"X: y\""
        );
    }

    #[test]
    fn www_authenticate_empty_realm_omitted() {
        assert_eq!(www_authenticate(""), "OAuth");
    }

    #[test]
    fn www_authenticate_realm_rendered_as_signed_htab_and_non_ascii() {
        assert_eq!(www_authenticate("a\tb"), "OAuth realm=\"a\tb\"");
        assert_eq!(
            www_authenticate("東京"),
            "OAuth realm=\"%E6%9D%B1%E4%BA%AC\""
        );
    }
}
