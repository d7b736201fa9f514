//! NetSuite SOAP web services' token-based authentication: the
//! `TokenPassport` header element and its signature (NetSuite help,
//! "TokenPassport Complex Type" and "The Authorization Headers").
//!
//! The signature is HMAC-SHA256 (HMAC-SHA1 for old integrations) over
//! `account&consumerKey&token&nonce&timestamp`, keyed with
//! `consumerSecret&tokenSecret`, each part percent-encoded as RFC 5849
//! s3.6 says (NetSuite: "all parameters for creating the base string use
//! the percent encoding"); the account is the realm form (`1234567_SB1`).
//!
//! ```
//! use oauth1::{Generated, TokenPassportSigner};
//! let signer = TokenPassportSigner::new("1234567-sb1", "ck", "cs", "tk", "ts")?;
//! let passport = signer.sign(Generated::Fixed("1700000000"), Generated::Fixed("abcdef123"))?;
//! assert_eq!(passport.base_string(), "1234567_SB1&ck&tk&abcdef123&1700000000");
//! assert!(passport.to_xml(None).starts_with("<tokenPassport><account>1234567_SB1</account>"));
//! # Ok::<(), oauth1::Error>(())
//! ```

use crate::encoding::percent_encode_into;
use crate::error::{Error, ErrorKind, Result};
use crate::method::SignatureMethod;
use crate::nonce::{unix_timestamp, NonceGenerator};
use crate::secret::Secret;
use crate::signature::SigningKey;
use crate::signer::Generated;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Makes `TokenPassport`s for one NetSuite account, integration and token.
/// `Send + Sync`; secrets are redacted in `Debug` and zeroized on drop.
/// Timestamps never go backwards (NetSuite's rule), also across clones.
#[derive(Clone)]
pub struct TokenPassportSigner {
    account: String,
    consumer_key: String,
    token: String,
    method: SignatureMethod,
    key: SigningKey,
    nonce: NonceGenerator,
    last_timestamp: Arc<AtomicU64>,
    // Kept for `with_signature_method`.
    consumer_secret: Secret,
    token_secret: Secret,
}

impl fmt::Debug for TokenPassportSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenPassportSigner")
            .field("account", &self.account)
            .field("consumer_key", &self.consumer_key)
            .field("token", &self.token)
            .field("algorithm", &self.method)
            .field("secrets", &"[redacted]")
            .finish()
    }
}

impl TokenPassportSigner {
    /// A signer for `account` (`1234567`, `1234567_SB1` or `1234567-sb1`;
    /// sent in the realm form), the integration's consumer key and secret,
    /// and the token and its secret. HMAC-SHA256; nonces of 20 letters and
    /// digits (NetSuite allows 6-64).
    pub fn new(
        account: &str,
        consumer_key: impl Into<String>,
        consumer_secret: impl Into<Secret>,
        token: impl Into<String>,
        token_secret: impl Into<Secret>,
    ) -> Result<Self> {
        let account = crate::profile::netsuite_realm(account)?;
        let consumer_key = consumer_key.into();
        let token = token.into();
        for (name, value) in [("consumer_key", &consumer_key), ("token", &token)] {
            if value.is_empty() {
                return Err(Error::new(
                    ErrorKind::InvalidParameter,
                    format!("{name} is empty: a TokenPassport names the integration and the token"),
                ));
            }
        }
        let consumer_secret = consumer_secret.into();
        let token_secret = token_secret.into();
        let method = SignatureMethod::HmacSha256;
        let key = SigningKey::new(
            method,
            consumer_secret.expose(),
            token_secret.expose(),
            None,
        )?;
        Ok(TokenPassportSigner {
            account,
            consumer_key,
            token,
            method,
            key,
            nonce: NonceGenerator::new(20, crate::nonce::DEFAULT_NONCE_ALPHABET)?,
            last_timestamp: Arc::new(AtomicU64::new(0)),
            consumer_secret,
            token_secret,
        })
    }

    /// The same signer with HMAC-SHA1 or HMAC-SHA256 (NetSuite accepts no
    /// other; HMAC-SHA1 only for integrations that still use it).
    pub fn with_signature_method(&self, method: SignatureMethod) -> Result<Self> {
        if !matches!(
            method,
            SignatureMethod::HmacSha1 | SignatureMethod::HmacSha256
        ) {
            return Err(Error::new(
                ErrorKind::UnsupportedSignatureMethod,
                format!("a TokenPassport is signed with HMAC-SHA256 or HMAC-SHA1, not {method}"),
            ));
        }
        let key = SigningKey::new(
            method,
            self.consumer_secret.expose(),
            self.token_secret.expose(),
            None,
        )?;
        Ok(TokenPassportSigner {
            method,
            key,
            ..self.clone()
        })
    }

    /// The account, in the realm form sent (`1234567_SB1`).
    pub fn account(&self) -> &str {
        &self.account
    }

    /// The signature method (`HMAC-SHA256` unless changed).
    pub fn signature_method(&self) -> SignatureMethod {
        self.method
    }

    /// A signed passport. `timestamp` and `nonce` are fresh ([`Generated::Auto`])
    /// or fixed; both are required, so [`Generated::Omit`] is refused. A
    /// fixed timestamp earlier than the last one is refused.
    pub fn sign(&self, timestamp: Generated<'_>, nonce: Generated<'_>) -> Result<TokenPassport> {
        let timestamp = match timestamp {
            Generated::Auto => {
                let now = unix_timestamp();
                self.last_timestamp
                    .fetch_max(now, Ordering::AcqRel)
                    .max(now)
            }
            Generated::Fixed(ts) => {
                let seconds = ts
                    .parse::<u64>()
                    .ok()
                    .filter(|&s| s > 0 && ts.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidParameter,
                            format!("timestamp {ts:?} is not a positive integer number of seconds"),
                        )
                    })?;
                let previous = self.last_timestamp.fetch_max(seconds, Ordering::AcqRel);
                if seconds < previous {
                    return Err(Error::new(
                        ErrorKind::InvalidParameter,
                        format!("timestamp {seconds} is earlier than this signer's last one ({previous}); NetSuite refuses timestamps that go backwards"),
                    ));
                }
                seconds
            }
            Generated::Omit => {
                return Err(Error::new(
                    ErrorKind::InvalidParameter,
                    "a TokenPassport always carries a timestamp",
                ))
            }
        };
        let nonce = match nonce {
            Generated::Auto => self.nonce.generate()?,
            Generated::Fixed(n) if (6..=64).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_alphanumeric()) => n.to_owned(),
            Generated::Fixed(n) => {
                return Err(Error::new(
                    ErrorKind::InvalidParameter,
                    format!("nonce {n:?} must be 6-64 ASCII letters and digits (NetSuite's TokenPassport rule)"),
                ))
            }
            Generated::Omit => {
                return Err(Error::new(
                    ErrorKind::InvalidParameter,
                    "a TokenPassport always carries a nonce",
                ))
            }
        };
        let timestamp = timestamp.to_string();
        let mut base_string = String::with_capacity(160);
        for (i, part) in [
            self.account.as_str(),
            &self.consumer_key,
            &self.token,
            &nonce,
            &timestamp,
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                base_string.push('&');
            }
            percent_encode_into(part, &mut base_string);
        }
        let mut signature = String::with_capacity(48);
        self.key.sign(&base_string)?.write_to(&mut signature);
        Ok(TokenPassport {
            account: self.account.clone(),
            consumer_key: self.consumer_key.clone(),
            token: self.token.clone(),
            nonce,
            timestamp,
            algorithm: self.method,
            base_string,
            signature,
        })
    }
}

/// A signed `TokenPassport`: its fields, the base string it signs, and the
/// XML element for a SOAP request's header.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenPassport {
    account: String,
    consumer_key: String,
    token: String,
    nonce: String,
    timestamp: String,
    algorithm: SignatureMethod,
    base_string: String,
    signature: String,
}

impl fmt::Debug for TokenPassport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenPassport")
            .field("base_string", &self.base_string)
            .field("algorithm", &self.algorithm)
            .field("signature", &self.signature)
            .finish()
    }
}

impl TokenPassport {
    /// `account` (realm form).
    pub fn account(&self) -> &str {
        &self.account
    }
    /// `consumerKey`.
    pub fn consumer_key(&self) -> &str {
        &self.consumer_key
    }
    /// `token`.
    pub fn token(&self) -> &str {
        &self.token
    }
    /// `nonce`.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }
    /// `timestamp` (Unix seconds).
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }
    /// The signature's `algorithm` attribute, e.g. `HMAC-SHA256`.
    pub fn algorithm(&self) -> SignatureMethod {
        self.algorithm
    }
    /// `account&consumerKey&token&nonce&timestamp`, each part percent-encoded.
    pub fn base_string(&self) -> &str {
        &self.base_string
    }
    /// The base64 signature.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The `<tokenPassport>` element, its text XML-escaped. `namespace` is
    /// the WSDL version's messages namespace (e.g.
    /// `urn:messages_2024_2.platform.webservices.netsuite.com`), declared as
    /// the element's default namespace; `None` leaves it to the caller's
    /// enclosing element.
    pub fn to_xml(&self, namespace: Option<&str>) -> String {
        let mut out = String::with_capacity(512);
        out.push_str("<tokenPassport");
        if let Some(ns) = namespace {
            out.push_str(" xmlns=\"");
            xml_escape(ns, &mut out);
            out.push('"');
        }
        out.push('>');
        for (name, value) in [
            ("account", &self.account),
            ("consumerKey", &self.consumer_key),
            ("token", &self.token),
            ("nonce", &self.nonce),
            ("timestamp", &self.timestamp),
        ] {
            out.push('<');
            out.push_str(name);
            out.push('>');
            xml_escape(value, &mut out);
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        out.push_str("<signature algorithm=\"");
        out.push_str(self.algorithm.as_str());
        out.push_str("\">");
        xml_escape(&self.signature, &mut out);
        out.push_str("</signature></tokenPassport>");
        out
    }
}

fn xml_escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// NetSuite help, "Creating the Token Password" (SuiteAnalytics Connect,
    /// the same base string and key as the SOAP TokenPassport): base string
    /// and key printed there; the signature computed with HMAC-SHA256.
    #[test]
    fn netsuite_connect_token_password_example_base_string() {
        let signer = TokenPassportSigner::new(
            "1234567",
            "71cc02b731f05895561ef0862d71553a3ac99498a947c3b7beaf4a1e4a29f7c4",
            "7278da58caf07f5c336301a601203d10a58e948efa280f0618e25fcee1ef2abd",
            "89e08d9767c5ac85b374415725567d05b54ecf0960ad2470894a52f741020d82",
            "060cd9ab3ffbbe1e3d3918e90165ffd37ab12acc76b4691046e2d29c7d7674c2",
        )
        .unwrap();
        let p = signer
            .sign(
                Generated::Fixed("1439829974"),
                Generated::Fixed("6obMKq0tmY8ylVOdEkA1"),
            )
            .unwrap();
        assert_eq!(p.base_string(), "1234567&71cc02b731f05895561ef0862d71553a3ac99498a947c3b7beaf4a1e4a29f7c4&89e08d9767c5ac85b374415725567d05b54ecf0960ad2470894a52f741020d82&6obMKq0tmY8ylVOdEkA1&1439829974");
        assert_eq!(
            p.signature(),
            "FCghIZqXNetuZY8ILWOFH0ucdfzQOmAuL+q+kF21zPs="
        );
    }

    #[test]
    fn xml_element_has_every_field_and_the_algorithm() {
        let signer = TokenPassportSigner::new("123456", "ck", "cs", "tk", "ts").unwrap();
        let p = signer
            .sign(
                Generated::Fixed("1508242306"),
                Generated::Fixed("fjaLirsIcCGVZWzBX0pg"),
            )
            .unwrap();
        let xml = p.to_xml(Some(
            "urn:messages_2015_2.platform.webservices.netsuite.com",
        ));
        assert_eq!(
            xml,
            format!("<tokenPassport xmlns=\"urn:messages_2015_2.platform.webservices.netsuite.com\"><account>123456</account><consumerKey>ck</consumerKey><token>tk</token><nonce>fjaLirsIcCGVZWzBX0pg</nonce><timestamp>1508242306</timestamp><signature algorithm=\"HMAC-SHA256\">{}</signature></tokenPassport>", p.signature())
        );
    }

    #[test]
    fn timestamps_never_go_backwards_netsuite_rule() {
        let signer = TokenPassportSigner::new("1234567", "ck", "cs", "tk", "ts").unwrap();
        signer
            .sign(Generated::Fixed("1700000100"), Generated::Auto)
            .unwrap();
        let e = signer
            .sign(Generated::Fixed("1700000099"), Generated::Auto)
            .unwrap_err();
        assert!(e.message().contains("earlier"), "{e}");
        let clone = signer.clone();
        assert!(clone
            .sign(Generated::Fixed("1700000000"), Generated::Auto)
            .is_err());
        let fresh: u64 = signer
            .sign(Generated::Auto, Generated::Auto)
            .unwrap()
            .timestamp()
            .parse()
            .unwrap();
        assert!(fresh >= 1_700_000_100);
    }

    #[test]
    fn bad_nonce_and_methods_refused() {
        let signer = TokenPassportSigner::new("1234567", "ck", "cs", "tk", "ts").unwrap();
        assert!(signer
            .sign(Generated::Auto, Generated::Fixed("abc"))
            .is_err());
        assert!(signer
            .sign(Generated::Auto, Generated::Fixed("abc-def"))
            .is_err());
        assert!(signer.sign(Generated::Omit, Generated::Auto).is_err());
        assert!(signer
            .with_signature_method(SignatureMethod::Plaintext)
            .is_err());
        let sha1 = signer
            .with_signature_method(SignatureMethod::HmacSha1)
            .unwrap();
        let p = sha1.sign(Generated::Auto, Generated::Auto).unwrap();
        assert_eq!(p.algorithm(), SignatureMethod::HmacSha1);
        assert!(TokenPassportSigner::new("1234567", "", "cs", "tk", "ts").is_err());
        assert!(format!("{signer:?}").contains("[redacted]"));
    }
}
