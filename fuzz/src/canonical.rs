//! What a received request means to a verifier, worked out from its parts
//! with the core's component parsers: the oracle of the sign_verify target.

use oauth1::fuzzing::parse_authorization;
use oauth1::{base_string_uri, form_decode, is_form_content_type, percent_encode, RequestUrl};

/// The signed content of a request: uppercased method, base string URI,
/// the signed parameters decoded and sorted, and the body bytes when an
/// `oauth_body_hash` covers them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canonical {
    pub method: String,
    pub uri: String,
    pub params: Vec<(String, String)>,
    pub hashed_body: Option<Vec<u8>>,
}

/// A request as sent on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wire {
    pub method: String,
    pub url: String,
    pub authorization: Option<String>,
    pub body: Option<Vec<u8>>,
    pub content_type: Option<String>,
}

impl Canonical {
    /// `None` when a part does not parse (a verifier refuses such a request).
    pub fn of(wire: &Wire) -> Option<Canonical> {
        let uri = base_string_uri(&wire.url).ok()?;
        let url = RequestUrl::parse(&wire.url).ok()?;
        let mut params = Vec::new();
        if let Some(auth) = &wire.authorization {
            if let Some(header) = parse_authorization(auth).ok()? {
                params.extend(header.into_iter().filter(|(n, _)| n != "realm"));
            }
        }
        let is_form = is_form_content_type(wire.content_type.as_deref());
        if let (true, Some(body)) = (is_form, &wire.body) {
            params.extend(form_decode(std::str::from_utf8(body).ok()?, "body").ok()?);
        }
        if let Some(query) = url.query {
            params.extend(form_decode(query, "query").ok()?);
        }
        params.retain(|(n, _)| n != "oauth_signature");
        params.sort_by_cached_key(|(n, v)| (percent_encode(n), percent_encode(v)));
        let hashed_body = (!is_form && params.iter().any(|(n, _)| n == "oauth_body_hash"))
            .then(|| wire.body.clone().unwrap_or_default());
        Some(Canonical {
            method: wire.method.to_ascii_uppercase(),
            uri,
            params,
            hashed_body,
        })
    }

    /// The normalized request parameters (RFC 5849 s3.4.1.3.2).
    pub fn normalized(&self) -> String {
        let pairs: Vec<String> = self
            .params
            .iter()
            .map(|(n, v)| format!("{}={}", percent_encode(n), percent_encode(v)))
            .collect();
        pairs.join("&")
    }
}
