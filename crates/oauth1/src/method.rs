//! Signature method names (RFC 5849 s3.4 and the SHA-2 variants providers use).

use crate::error::{excerpt, Error, ErrorKind, Result};
use std::fmt;
use std::str::FromStr;

/// A signature method. Names are matched exactly and case-sensitively.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureMethod {
    /// `HMAC-SHA1` (s3.4.2).
    HmacSha1,
    /// `HMAC-SHA256` (NetSuite, Magento, WooCommerce, ...).
    HmacSha256,
    /// `HMAC-SHA512`.
    HmacSha512,
    /// `PLAINTEXT` (s3.4.4): the signature is the key itself.
    Plaintext,
    /// `RSA-SHA1` (s3.4.3).
    RsaSha1,
    /// `RSA-SHA256`.
    RsaSha256,
    /// `RSA-SHA512`.
    RsaSha512,
}

impl SignatureMethod {
    /// Every method, in a stable order.
    pub const ALL: [SignatureMethod; 7] = [
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha256,
        SignatureMethod::HmacSha512,
        SignatureMethod::Plaintext,
        SignatureMethod::RsaSha1,
        SignatureMethod::RsaSha256,
        SignatureMethod::RsaSha512,
    ];

    /// The protocol name, e.g. `HMAC-SHA256`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha1 => "HMAC-SHA1",
            SignatureMethod::HmacSha256 => "HMAC-SHA256",
            SignatureMethod::HmacSha512 => "HMAC-SHA512",
            SignatureMethod::Plaintext => "PLAINTEXT",
            SignatureMethod::RsaSha1 => "RSA-SHA1",
            SignatureMethod::RsaSha256 => "RSA-SHA256",
            SignatureMethod::RsaSha512 => "RSA-SHA512",
        }
    }

    /// `true` for the RSA methods, which need a private key to sign.
    pub fn is_rsa(self) -> bool {
        matches!(
            self,
            SignatureMethod::RsaSha1 | SignatureMethod::RsaSha256 | SignatureMethod::RsaSha512
        )
    }
}

impl FromStr for SignatureMethod {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        SignatureMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == name)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::UnsupportedSignatureMethod,
                    format!(
                        "signature method {} is not supported (expected one of HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, PLAINTEXT, RSA-SHA1, RSA-SHA256, RSA-SHA512; names are case-sensitive)",
                        excerpt(name, 40)
                    ),
                )
            })
    }
}

impl fmt::Display for SignatureMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
