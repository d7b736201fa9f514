//! The request as the provider received it, and what a successful
//! verification tells the provider.

use crate::method::SignatureMethod;
use std::fmt;

/// A request as received by the provider. Everything is borrowed for the
/// duration of `verify`.
///
/// ```
/// use oauth1::IncomingRequest;
/// let request = IncomingRequest::new("POST", "https://api.example.com/v1/items")
///     .with_header("authorization", "OAuth oauth_consumer_key=\"ck\"")
///     .with_header("Content-Type", "application/x-www-form-urlencoded")
///     .with_body(b"a=1");
/// assert_eq!(request.authorization(), Some("OAuth oauth_consumer_key=\"ck\""));
/// ```
#[derive(Clone, Copy)]
pub struct IncomingRequest<'a> {
    method: &'a str,
    url: &'a str,
    authorization: Option<&'a str>,
    body: Option<&'a [u8]>,
    content_type: Option<&'a str>,
    /// Two `Authorization: OAuth` headers: refused, since either could
    /// smuggle parameters past the other.
    conflicting_authorization: bool,
}

impl<'a> IncomingRequest<'a> {
    /// A request with this method and absolute URL (the URL the client
    /// signed: see [`crate::ReceivedUrl`] behind a proxy).
    pub fn new(method: &'a str, url: &'a str) -> Self {
        IncomingRequest {
            method,
            url,
            authorization: None,
            body: None,
            content_type: None,
            conflicting_authorization: false,
        }
    }

    /// Sets the `Authorization` header value.
    pub fn with_authorization(mut self, value: &'a str) -> Self {
        self.authorization = Some(value);
        self
    }

    /// Sets the body bytes.
    pub fn with_body(mut self, body: &'a [u8]) -> Self {
        self.body = Some(body);
        self
    }

    /// Sets the `Content-Type` header value.
    pub fn with_content_type(mut self, value: &'a str) -> Self {
        self.content_type = Some(value);
        self
    }

    /// Takes one received header: `Authorization` and `Content-Type` are
    /// kept (names are case-insensitive), others are ignored. Of several
    /// `Authorization` headers the OAuth one is used; two OAuth ones make
    /// the request malformed (`parameter_rejected`).
    pub fn with_header(mut self, name: &str, value: &'a str) -> Self {
        if name.eq_ignore_ascii_case("authorization") {
            match self.authorization {
                Some(existing) if is_oauth_scheme(existing) => {
                    self.conflicting_authorization |= is_oauth_scheme(value);
                }
                _ => self.authorization = Some(value),
            }
        } else if name.eq_ignore_ascii_case("content-type") && self.content_type.is_none() {
            self.content_type = Some(value);
        }
        self
    }

    /// Takes every received header, as [`IncomingRequest::with_header`] does.
    pub fn with_headers<I>(self, headers: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        headers.into_iter().fold(self, |request, (name, value)| {
            request.with_header(name, value)
        })
    }

    /// The HTTP method.
    pub fn method(&self) -> &'a str {
        self.method
    }

    /// The absolute URL.
    pub fn url(&self) -> &'a str {
        self.url
    }

    /// The `Authorization` header value used.
    pub fn authorization(&self) -> Option<&'a str> {
        self.authorization
    }

    /// The body bytes.
    pub fn body(&self) -> Option<&'a [u8]> {
        self.body
    }

    /// The `Content-Type` value.
    pub fn content_type(&self) -> Option<&'a str> {
        self.content_type
    }

    pub(crate) fn has_conflicting_authorization(&self) -> bool {
        self.conflicting_authorization
    }
}

/// `true` when a header value's auth-scheme is OAuth (case-insensitive).
pub(crate) fn is_oauth_scheme(value: &str) -> bool {
    let value = value.trim_start_matches([' ', '\t']);
    let scheme_end = value.find([' ', '\t']).unwrap_or(value.len());
    value[..scheme_end].eq_ignore_ascii_case("OAuth")
}

impl fmt::Debug for IncomingRequest<'_> {
    // The Authorization header of a PLAINTEXT request holds the secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IncomingRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("authorization", &self.authorization.map(|_| "[redacted]"))
            .field("body_len", &self.body.map(<[u8]>::len))
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// Where the protocol parameters of a request were sent (RFC 5849 s3.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParameterLocation {
    /// The `Authorization` header (s3.5.1).
    Header,
    /// A form-encoded body (s3.5.2).
    Body,
    /// The query of the URL (s3.5.3).
    Query,
}

impl ParameterLocation {
    /// `header`, `body` or `query`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParameterLocation::Header => "header",
            ParameterLocation::Body => "body",
            ParameterLocation::Query => "query",
        }
    }
}

/// How many parameters' ends [`Verified`] holds in place: requests rarely
/// carry more protocol parameters, so theirs takes one allocation.
const ENDS_IN_PLACE: usize = 10;

/// A request that passed every check. Holds the decoded protocol
/// parameters (every `oauth_*` name but `oauth_signature`, which for
/// PLAINTEXT is the secrets themselves) in one buffer.
#[derive(Clone, PartialEq, Eq)]
pub struct Verified {
    signature_method: SignatureMethod,
    location: ParameterLocation,
    timestamp: Option<u64>,
    /// Where the realm is in `buf`, after the parameters.
    realm: Option<(usize, usize)>,
    /// Names and values back to back; `ends` holds their ends.
    buf: String,
    /// Per parameter: end of name, end of value, in `buf`; the first
    /// `ENDS_IN_PLACE` here (unused ones stay zero), the rest in `more_ends`.
    ends: [(usize, usize); ENDS_IN_PLACE],
    more_ends: Vec<(usize, usize)>,
    count: usize,
}

impl Verified {
    pub(crate) fn new(
        signature_method: SignatureMethod,
        location: ParameterLocation,
        timestamp: Option<u64>,
        capacity: usize,
    ) -> Self {
        Verified {
            signature_method,
            location,
            timestamp,
            realm: None,
            buf: String::with_capacity(capacity),
            ends: [(0, 0); ENDS_IN_PLACE],
            more_ends: Vec::new(),
            count: 0,
        }
    }

    /// Adds the realm; called after the last `push`.
    pub(crate) fn set_realm(&mut self, realm: &str) {
        let start = self.buf.len();
        self.buf.push_str(realm);
        self.realm = Some((start, self.buf.len()));
    }

    pub(crate) fn push(&mut self, name: &str, value: &str) {
        self.buf.push_str(name);
        let name_end = self.buf.len();
        self.buf.push_str(value);
        let ends = (name_end, self.buf.len());
        match self.ends.get_mut(self.count) {
            Some(slot) => *slot = ends,
            None => self.more_ends.push(ends),
        }
        self.count += 1;
    }

    /// Every protocol parameter received, decoded, in the order received
    /// (`oauth_signature` left out).
    pub fn oauth_parameters(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        let in_place = &self.ends[..self.count.min(ENDS_IN_PLACE)];
        let mut start = 0;
        in_place
            .iter()
            .chain(&self.more_ends)
            .map(move |&(name_end, value_end)| {
                let pair = (&self.buf[start..name_end], &self.buf[name_end..value_end]);
                start = value_end;
                pair
            })
    }

    /// The decoded value of the protocol parameter `name` (e.g.
    /// `oauth_session_handle`), if it was sent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.oauth_parameters()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }

    /// `oauth_consumer_key`.
    pub fn consumer_key(&self) -> &str {
        self.get("oauth_consumer_key").unwrap_or_default()
    }

    /// `oauth_token`; `None` for a request without one (two-legged), and
    /// also for an empty `oauth_token=""`, which is verified as two-legged.
    pub fn token(&self) -> Option<&str> {
        self.get("oauth_token").filter(|t| !t.is_empty())
    }

    /// The signature method used.
    pub fn signature_method(&self) -> SignatureMethod {
        self.signature_method
    }

    /// The `realm` of the `Authorization` header, unescaped, if sent.
    pub fn realm(&self) -> Option<&str> {
        self.realm.map(|(start, end)| &self.buf[start..end])
    }

    /// `oauth_timestamp`, if sent (PLAINTEXT may omit it).
    pub fn timestamp(&self) -> Option<u64> {
        self.timestamp
    }

    /// `oauth_nonce`, if sent (PLAINTEXT may omit it).
    pub fn nonce(&self) -> Option<&str> {
        self.get("oauth_nonce")
    }

    /// `oauth_callback` (temporary-credentials requests).
    pub fn callback(&self) -> Option<&str> {
        self.get("oauth_callback")
    }

    /// `oauth_verifier` (token-credentials requests).
    pub fn verifier(&self) -> Option<&str> {
        self.get("oauth_verifier")
    }

    /// `oauth_version`, if sent (always `1.0` once verified).
    pub fn version(&self) -> Option<&str> {
        self.get("oauth_version")
    }

    /// `oauth_body_hash`, if sent (already checked against the body).
    pub fn body_hash(&self) -> Option<&str> {
        self.get("oauth_body_hash")
    }

    /// Where the protocol parameters were sent.
    pub fn parameter_location(&self) -> ParameterLocation {
        self.location
    }
}

impl fmt::Debug for Verified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("signature_method", &self.signature_method)
            .field("location", &self.location)
            .field("realm", &self.realm())
            .field(
                "oauth_parameters",
                &self.oauth_parameters().collect::<Vec<_>>(),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oauth_authorization_header_wins_and_two_conflict() {
        let r = IncomingRequest::new("GET", "https://h/")
            .with_header("Authorization", "Basic eDp5")
            .with_header("AUTHORIZATION", "OAuth a=\"1\"");
        assert_eq!(r.authorization(), Some("OAuth a=\"1\""));
        assert!(!r.has_conflicting_authorization());
        let r = r.with_header("authorization", "oauth b=\"2\"");
        assert!(r.has_conflicting_authorization());
    }

    #[test]
    fn debug_hides_the_authorization_header() {
        let r = IncomingRequest::new("GET", "https://h/")
            .with_authorization("OAuth oauth_signature=\"cs%26ts\"");
        assert!(!format!("{r:?}").contains("cs%26ts"));
    }

    #[test]
    fn verified_parameters_come_back_in_order() {
        let mut v = Verified::new(
            SignatureMethod::HmacSha1,
            ParameterLocation::Header,
            Some(5),
            32,
        );
        v.push("oauth_consumer_key", "ck");
        v.push("oauth_token", "");
        v.push("oauth_callback", "oob");
        v.set_realm("Photos");
        assert_eq!(v.realm(), Some("Photos"));
        assert_eq!(v.consumer_key(), "ck");
        assert_eq!(v.token(), None);
        assert_eq!(v.callback(), Some("oob"));
        assert_eq!(
            v.oauth_parameters().collect::<Vec<_>>(),
            vec![
                ("oauth_consumer_key", "ck"),
                ("oauth_token", ""),
                ("oauth_callback", "oob")
            ]
        );
    }

    #[test]
    fn verified_holds_any_number_of_parameters() {
        let new = || Verified::new(SignatureMethod::HmacSha1, ParameterLocation::Body, None, 0);
        let (mut a, mut b) = (new(), new());
        let names: Vec<String> = (0..25).map(|i| format!("oauth_x{i}")).collect();
        for (i, name) in names.iter().enumerate() {
            a.push(name, &i.to_string());
            b.push(name, &i.to_string());
        }
        assert_eq!(a.oauth_parameters().count(), 25);
        assert_eq!(a.get("oauth_x9"), Some("9"));
        assert_eq!(a.get("oauth_x10"), Some("10"));
        assert_eq!(a.get("oauth_x24"), Some("24"));
        assert_eq!(a, b);
        b.push("oauth_y", "");
        assert_ne!(a, b);
    }
}
