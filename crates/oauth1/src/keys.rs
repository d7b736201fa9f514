//! Signature computation and checking for every method (RFC 5849 s3.4.2-s3.4.4).
//! A key is prepared once per set of credentials, so signing only clones a
//! ready HMAC state.

use crate::encoding::{is_unreserved, percent_encode_into};
use crate::error::{Error, ErrorKind, Result};
use crate::method::SignatureMethod;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hmac::{Hmac, Mac};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};
use std::fmt;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

/// `enc(consumer_secret) & enc(token_secret)` (s3.4.2).
pub fn signing_key(consumer_secret: &str, token_secret: &str) -> Zeroizing<String> {
    let mut key = Zeroizing::new(String::with_capacity(
        consumer_secret.len() + token_secret.len() + 8,
    ));
    percent_encode_into(consumer_secret, &mut key);
    key.push('&');
    percent_encode_into(token_secret, &mut key);
    key
}

/// A key ready to sign base strings with one method.
#[derive(Clone)]
pub(crate) enum SigningKey {
    HmacSha1(Hmac<Sha1>),
    HmacSha256(Hmac<Sha256>),
    HmacSha512(Hmac<Sha512>),
    Plaintext(Zeroizing<String>),
    Rsa(SignatureMethod, Box<RsaPrivateKey>),
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey([redacted])")
    }
}

/// Parses an RSA private key: PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1
/// (`BEGIN RSA PRIVATE KEY`) PEM.
pub(crate) fn parse_rsa_private_key(pem: &str) -> Result<RsaPrivateKey> {
    let pem = pem.trim();
    if !pem.starts_with("-----BEGIN") {
        return Err(Error::new(
            ErrorKind::InvalidKey,
            "RSA private key: no PEM found (expected -----BEGIN PRIVATE KEY-----)",
        ));
    }
    if pem.starts_with("-----BEGIN RSA PRIVATE KEY-----") {
        return RsaPrivateKey::from_pkcs1_pem(pem).map_err(|e| {
            Error::new(
                ErrorKind::InvalidKey,
                format!("RSA private key: PKCS#1 PEM cannot be parsed: {e}"),
            )
        });
    }
    if !pem.starts_with("-----BEGIN PRIVATE KEY-----") {
        let label = pem.lines().next().unwrap_or_default();
        return Err(Error::new(
            ErrorKind::InvalidKey,
            format!("RSA private key: expected a private key PEM, found {label:?}"),
        ));
    }
    RsaPrivateKey::from_pkcs8_pem(pem).map_err(|e| {
        Error::new(
            ErrorKind::InvalidKey,
            format!("RSA private key: PKCS#8 PEM is not a valid RSA private key: {e}"),
        )
    })
}

/// Parses an RSA public key: SubjectPublicKeyInfo (`BEGIN PUBLIC KEY`) or
/// PKCS#1 (`BEGIN RSA PUBLIC KEY`) PEM.
pub fn parse_rsa_public_key(pem: &str) -> Result<RsaPublicKey> {
    let pem = pem.trim();
    let parsed = if pem.starts_with("-----BEGIN RSA PUBLIC KEY-----") {
        RsaPublicKey::from_pkcs1_pem(pem).map_err(|e| e.to_string())
    } else {
        RsaPublicKey::from_public_key_pem(pem).map_err(|e| e.to_string())
    };
    parsed.map_err(|e| {
        Error::new(
            ErrorKind::InvalidKey,
            format!("RSA public key cannot be parsed: {e}"),
        )
    })
}

fn hmac_key_error() -> Error {
    Error::new(ErrorKind::InvalidKey, "HMAC key cannot be used")
}

impl SigningKey {
    /// Prepares the key for `method`. HMAC and PLAINTEXT use the secrets;
    /// RSA methods need `rsa_private_key_pem`.
    pub(crate) fn new(
        method: SignatureMethod,
        consumer_secret: &str,
        token_secret: &str,
        rsa_private_key_pem: Option<&str>,
    ) -> Result<Self> {
        if method.is_rsa() {
            let pem = rsa_private_key_pem.ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidKey,
                    format!("{method} needs an RSA private key PEM, and none was given"),
                )
            })?;
            return Ok(SigningKey::Rsa(
                method,
                Box::new(parse_rsa_private_key(pem)?),
            ));
        }
        let key = signing_key(consumer_secret, token_secret);
        Ok(match method {
            SignatureMethod::HmacSha1 => SigningKey::HmacSha1(
                Hmac::new_from_slice(key.as_bytes()).map_err(|_| hmac_key_error())?,
            ),
            SignatureMethod::HmacSha256 => SigningKey::HmacSha256(
                Hmac::new_from_slice(key.as_bytes()).map_err(|_| hmac_key_error())?,
            ),
            SignatureMethod::HmacSha512 => SigningKey::HmacSha512(
                Hmac::new_from_slice(key.as_bytes()).map_err(|_| hmac_key_error())?,
            ),
            _ => SigningKey::Plaintext(key),
        })
    }

    /// Appends the base64 (or, for PLAINTEXT, the key) signature of `base_string`.
    pub(crate) fn sign_into(&self, base_string: &str, out: &mut String) -> Result<()> {
        self.sign(base_string)?.write_to(out);
        Ok(())
    }

    /// The signature of `base_string`, not yet rendered; it borrows nothing,
    /// so the caller may append it to the very buffer holding the base string.
    pub(crate) fn sign(&self, base_string: &str) -> Result<RawSignature<'_>> {
        fn mac<M: Mac + Clone>(mac: &M, data: &[u8]) -> RawSignature<'static> {
            let mut mac = mac.clone();
            mac.update(data);
            let digest = mac.finalize().into_bytes();
            let mut bytes = [0u8; 64];
            let len = digest.len().min(64);
            bytes[..len].copy_from_slice(&digest[..len]);
            RawSignature::Mac(bytes, len)
        }
        Ok(match self {
            SigningKey::HmacSha1(m) => mac(m, base_string.as_bytes()),
            SigningKey::HmacSha256(m) => mac(m, base_string.as_bytes()),
            SigningKey::HmacSha512(m) => mac(m, base_string.as_bytes()),
            SigningKey::Plaintext(key) => RawSignature::Plaintext(key),
            SigningKey::Rsa(method, key) => {
                let (scheme, digest) = rsa_digest(*method, base_string.as_bytes());
                let signature = key
                    .sign_with_rng(&mut rsa::rand_core::OsRng, scheme, &digest)
                    .map_err(|e| {
                        Error::new(ErrorKind::InvalidKey, format!("RSA signing failed: {e}"))
                    })?;
                RawSignature::Rsa(signature)
            }
        })
    }
}

/// A computed signature before it is rendered as text.
pub(crate) enum RawSignature<'k> {
    /// An HMAC digest: up to 64 bytes, `len` of them used.
    Mac([u8; 64], usize),
    /// PLAINTEXT: the key itself.
    Plaintext(&'k str),
    /// An RSA signature.
    Rsa(Vec<u8>),
}

impl RawSignature<'_> {
    /// Appends the `oauth_signature` text (base64, or the PLAINTEXT key).
    pub(crate) fn write_to(&self, out: &mut String) {
        match self {
            RawSignature::Mac(bytes, len) => BASE64.encode_string(&bytes[..*len], out),
            RawSignature::Plaintext(key) => out.push_str(key),
            RawSignature::Rsa(bytes) => BASE64.encode_string(bytes, out),
        }
    }
}

/// Signs an already-built base string: for tests against published values
/// and for debugging; [`crate::Signer`] is the way to sign requests.
///
/// ```
/// use oauth1::{sign_base_string, SignatureMethod};
/// let sig = sign_base_string(SignatureMethod::HmacSha1, "cs", "", None, "bs").unwrap();
/// assert_eq!(sig, "egQqG5AJep5sJ7anhXju1unge2I=");
/// ```
pub fn sign_base_string(
    method: SignatureMethod,
    consumer_secret: &str,
    token_secret: &str,
    rsa_private_key_pem: Option<&str>,
    base_string: &str,
) -> Result<String> {
    let key = SigningKey::new(method, consumer_secret, token_secret, rsa_private_key_pem)?;
    let mut out = String::with_capacity(96);
    key.sign_into(base_string, &mut out)?;
    Ok(out)
}

fn rsa_digest(method: SignatureMethod, data: &[u8]) -> (Pkcs1v15Sign, Vec<u8>) {
    match method {
        SignatureMethod::RsaSha256 => {
            (Pkcs1v15Sign::new::<Sha256>(), Sha256::digest(data).to_vec())
        }
        SignatureMethod::RsaSha512 => {
            (Pkcs1v15Sign::new::<Sha512>(), Sha512::digest(data).to_vec())
        }
        _ => (Pkcs1v15Sign::new::<Sha1>(), Sha1::digest(data).to_vec()),
    }
}

/// Checks an HMAC-* or PLAINTEXT `signature` (as sent, already percent-decoded)
/// over `base_string`, in constant time.
pub fn verify_shared_secret(
    method: SignatureMethod,
    consumer_secret: &str,
    token_secret: &str,
    base_string: &str,
    signature: &str,
) -> bool {
    let (cs, ts, base) = (consumer_secret, token_secret, base_string);
    match method {
        SignatureMethod::HmacSha1 => verify_mac::<Hmac<Sha1>>(cs, ts, base, signature),
        SignatureMethod::HmacSha256 => verify_mac::<Hmac<Sha256>>(cs, ts, base, signature),
        SignatureMethod::HmacSha512 => verify_mac::<Hmac<Sha512>>(cs, ts, base, signature),
        SignatureMethod::Plaintext => signing_key(cs, ts)
            .as_bytes()
            .ct_eq(signature.as_bytes())
            .into(),
        _ => false,
    }
}

/// The HMAC check without the heap: the key is built on the stack (a
/// verification prepares its key afresh, unlike a signer), and the expected
/// signature is rendered into a stack buffer and compared as text in
/// constant time, as a rendered signature would be.
fn verify_mac<M: Mac + hmac::digest::KeyInit>(
    consumer_secret: &str,
    token_secret: &str,
    base_string: &str,
    signature: &str,
) -> bool {
    let Some(mut mac) = keyed_mac::<M>(consumer_secret, token_secret) else {
        return false;
    };
    mac.update(base_string.as_bytes());
    let digest = mac.finalize().into_bytes();
    // Base64 of the longest digest (SHA-512, 64 bytes) is 88 characters.
    let mut expected = [0u8; 88];
    let matches = BASE64
        .encode_slice(&digest, &mut expected)
        .is_ok_and(|len| expected[..len].ct_eq(signature.as_bytes()).into());
    // The expected signature of a forged request would sign it.
    expected.zeroize();
    matches
}

/// An HMAC keyed with `enc(cs)&enc(ts)` (s3.4.2). The key is written into
/// a stack buffer, wiped after use; only secrets too long for it (more
/// than about 60 characters each) take the heap path.
fn keyed_mac<M: Mac + hmac::digest::KeyInit>(
    consumer_secret: &str,
    token_secret: &str,
) -> Option<M> {
    let mut buf = [0u8; 128];
    let mac = match signing_key_into(consumer_secret, token_secret, &mut buf) {
        Some(len) => <M as Mac>::new_from_slice(&buf[..len]).ok(),
        None => {
            <M as Mac>::new_from_slice(signing_key(consumer_secret, token_secret).as_bytes()).ok()
        }
    };
    buf.zeroize();
    mac
}

/// Writes `enc(consumer_secret) & enc(token_secret)` into `buf`; returns its
/// length, or `None` when it does not fit.
fn signing_key_into(consumer_secret: &str, token_secret: &str, buf: &mut [u8]) -> Option<usize> {
    let amp = encode_to_slice(consumer_secret, buf, 0)?;
    *buf.get_mut(amp)? = b'&';
    encode_to_slice(token_secret, buf, amp + 1)
}

/// Writes the s3.6 encoding of `input` into `buf` from `pos`; returns where
/// it ends, or `None` when it does not fit.
fn encode_to_slice(input: &str, buf: &mut [u8], mut pos: usize) -> Option<usize> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in input.as_bytes() {
        if is_unreserved(b) {
            *buf.get_mut(pos)? = b;
            pos += 1;
        } else {
            let escape = [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0x0F)]];
            buf.get_mut(pos..pos + 3)?.copy_from_slice(&escape);
            pos += 3;
        }
    }
    Some(pos)
}

/// Checks an RSA-* `signature` (strict base64) over `base_string` with PKCS#1 v1.5.
pub fn verify_rsa(
    method: SignatureMethod,
    public_key: &RsaPublicKey,
    base_string: &str,
    signature: &str,
) -> bool {
    if !method.is_rsa() {
        return false;
    }
    let Ok(raw) = BASE64.decode(signature) else {
        return false;
    };
    let (scheme, digest) = rsa_digest(method, base_string.as_bytes());
    public_key.verify(scheme, &digest, &raw).is_ok()
}

/// `base64(SHA-1(body))`, the `oauth_body_hash` of the Body Hash extension;
/// SHA-1 for every signature method, as every implementation does.
///
/// ```
/// assert_eq!(oauth1::body_hash(b"Hello World!"), "Lve95gjOVATpfV8EL5X4nxwjKHE=");
/// ```
pub fn body_hash(body: &[u8]) -> String {
    BASE64.encode(Sha1::digest(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_secret_checks_agree_with_signing_for_every_key_length() {
        // Keys that fit the stack buffer, that fill it exactly, and that
        // take the heap path; escapes in the secrets.
        let secrets = [
            ("", ""),
            ("cs", "ts"),
            ("c s/é", "t&s"),
            (&"a".repeat(63), &"b".repeat(64)),
            (&"a".repeat(64), &"b".repeat(64)),
            (&"%".repeat(43), ""),
            (&"x".repeat(300), "ts"),
        ];
        for method in [
            SignatureMethod::HmacSha1,
            SignatureMethod::HmacSha256,
            SignatureMethod::HmacSha512,
            SignatureMethod::Plaintext,
        ] {
            for (cs, ts) in secrets {
                let signature = sign_base_string(method, cs, ts, None, "bs").unwrap();
                assert!(verify_shared_secret(method, cs, ts, "bs", &signature));
                let base_string_counts = method != SignatureMethod::Plaintext;
                assert_eq!(
                    verify_shared_secret(method, cs, ts, "bs2", &signature),
                    !base_string_counts
                );
                assert!(!verify_shared_secret(method, cs, "t", "bs", &signature));
                let mut longer = signature.clone();
                longer.push('=');
                assert!(!verify_shared_secret(method, cs, ts, "bs", &longer));
                assert!(!verify_shared_secret(method, cs, ts, "bs", ""));
            }
        }
        assert!(!verify_shared_secret(
            SignatureMethod::RsaSha1,
            "cs",
            "ts",
            "bs",
            "x"
        ));
    }
}
