//! The result of signing: the signature, what it covered, and every
//! transmission form of s3.5.

use super::outgoing::{write_header_pairs, OutgoingProtocolParams};
use crate::base_string::normalized_from_base_string;
use crate::encoding::percent_decode_strict;
use crate::error::{Error, ErrorKind, Result};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// What the request's body was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SignedBody {
    None,
    /// A form body, kept in `Signed::text` after the URL.
    Form,
    Other,
}

/// A signed request: the signature, what it was computed over, and every
/// transmission form of s3.5.
#[derive(Clone)]
pub struct Signed {
    /// Base string, signature, URL (without fragment) and form body, in turn.
    pub(super) text: String,
    pub(super) base_end: usize,
    pub(super) signature_end: usize,
    pub(super) url_end: usize,
    pub(super) body: SignedBody,
    /// Protocol parameters, encoded, signature last.
    pub(super) oauth_params: OutgoingProtocolParams,
    /// The header up to the per-request parameters (the signer's).
    pub(super) header_prefix: Arc<str>,
    /// How many of `oauth_params` the prefix already holds.
    pub(super) fixed_count: usize,
}

/// The signature is left out: for PLAINTEXT it is the secrets themselves.
impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signed")
            .field("base_string", &self.base_string())
            .field("url", &self.url())
            .field("signature", &"[redacted]")
            .finish()
    }
}

impl Signed {
    /// The signature (`oauth_signature`, not percent-encoded).
    pub fn signature(&self) -> &str {
        &self.text[self.base_end..self.signature_end]
    }

    /// The signature base string (s3.4.1.1).
    pub fn base_string(&self) -> &str {
        &self.text[..self.base_end]
    }

    fn url(&self) -> &str {
        &self.text[self.signature_end..self.url_end]
    }

    /// The normalized request parameters (s3.4.1.3.2).
    pub fn normalized_parameters(&self) -> String {
        normalized_from_base_string(self.base_string())
    }

    /// The protocol parameters sent, decoded, in the order they are sent
    /// (`oauth_signature` last; `realm` is not among them).
    pub fn oauth_parameters(&self) -> Vec<(String, String)> {
        self.oauth_parameters_iter()
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect()
    }

    /// [`Signed::oauth_parameters`], lent: a name or value is copied only
    /// when it holds percent escapes to decode.
    pub fn oauth_parameters_iter(
        &self,
    ) -> impl ExactSizeIterator<Item = (Cow<'_, str>, Cow<'_, str>)> + '_ {
        self.oauth_params
            .pairs()
            .map(|(n, v)| (decode(n), decode(v)))
    }

    /// How many protocol parameters were sent (`oauth_signature` included).
    pub fn oauth_parameter_count(&self) -> usize {
        self.oauth_params.spans.len()
    }

    /// The protocol parameter at `index` in the order sent, decoded and
    /// lent as [`Signed::oauth_parameters_iter`] lends it; `None` past the
    /// last.
    pub fn oauth_parameter(&self, index: usize) -> Option<(Cow<'_, str>, Cow<'_, str>)> {
        self.oauth_params
            .pair(index)
            .map(|(n, v)| (decode(n), decode(v)))
    }

    /// The protocol parameters as an encoded `oauth_...=...&...` string.
    pub fn oauth_query(&self) -> &str {
        &self.oauth_params.text
    }

    /// The `Authorization` header value (s3.5.1): `OAuth realm="...", oauth_consumer_key="...", ...`.
    pub fn authorization_header(&self) -> String {
        let mut out = String::with_capacity(
            self.header_prefix.len()
                + self.oauth_params.text.len()
                + 4 * self.oauth_params.spans.len(),
        );
        out.push_str(&self.header_prefix);
        write_header_pairs(&mut out, self.oauth_params.pairs().skip(self.fixed_count));
        out
    }

    /// The URL with the protocol parameters added to its query (s3.5.3).
    pub fn signed_url(&self) -> String {
        let mut out = String::new();
        crate::url::write_url_with_query_pairs(self.url(), &self.oauth_params.text, &mut out);
        out
    }

    /// The form body with the protocol parameters appended (s3.5.2). Refused
    /// when the request's body is not form-encoded, and when the protocol
    /// parameters hold `oauth_body_hash` (signed without a body under the
    /// `Always` policy), which a form body may not carry (Body Hash draft s4.1.1).
    pub fn signed_form_body(&self) -> Result<String> {
        if self.body == SignedBody::None
            && self
                .oauth_params
                .pairs()
                .any(|(name, _)| name == "oauth_body_hash")
        {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                "the protocol parameters hold oauth_body_hash, which a form body may not carry (Body Hash draft s4.1.1): send them in the Authorization header or the query",
            ));
        }
        match self.body {
            SignedBody::Other => Err(Error::new(
                ErrorKind::InvalidParameter,
                "the request body is not application/x-www-form-urlencoded, so the protocol parameters cannot go into it",
            )),
            SignedBody::None => Ok(self.oauth_params.text.clone()),
            SignedBody::Form if self.url_end == self.text.len() => {
                Ok(self.oauth_params.text.clone())
            }
            SignedBody::Form => {
                let body = &self.text[self.url_end..];
                let mut out = String::with_capacity(body.len() + self.oauth_params.text.len() + 1);
                out.push_str(body);
                if !body.ends_with('&') {
                    out.push('&');
                }
                out.push_str(&self.oauth_params.text);
                Ok(out)
            }
        }
    }
}

/// A name or value as the signer encoded it, decoded. The signer wrote it
/// with the strict encoding, so decoding it cannot fail.
fn decode(encoded: &str) -> Cow<'_, str> {
    percent_decode_strict(encoded, "").unwrap_or_default()
}
