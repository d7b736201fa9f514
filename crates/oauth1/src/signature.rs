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
/// verification prepares its key afresh, unlike a signer), and the sent
/// signature is decoded into a stack buffer and compared with the MAC in
/// constant time. The decoding is strict (canonical padding, no stray
/// bits), so it accepts exactly the base64 text of the bytes it yields:
/// comparing bytes is comparing the text a signer would render.
fn verify_mac<M: Mac + hmac::digest::KeyInit>(
    consumer_secret: &str,
    token_secret: &str,
    base_string: &str,
    signature: &str,
) -> bool {
    // Room for the longest digest (SHA-512's 64 bytes): a longer signature
    // does not fit, and could not match.
    let mut sent = [0u8; 64];
    let Ok(sent_len) = BASE64.decode_slice(signature, &mut sent) else {
        return false;
    };
    let Some(mut mac) = keyed_mac::<M>(consumer_secret, token_secret) else {
        return false;
    };
    mac.update(base_string.as_bytes());
    ct_eq_words(&mac.finalize().into_bytes(), &sent[..sent_len])
}

/// Constant-time equality of two byte strings (their lengths are not
/// secret), a machine word at a time: `subtle` then hides one comparison
/// per word from the optimizer rather than one per byte.
fn ct_eq_words(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (a_words, b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    let tails = a_words.remainder().ct_eq(b_words.remainder());
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    a_words
        .zip(b_words)
        .fold(tails, |equal, (x, y)| equal & word(x).ct_eq(&word(y)))
        .into()
}

/// Room for a signing key on the stack: secrets of up to about 60
/// characters each, as providers issue them; longer ones take the heap.
const KEY_ROOM: usize = 128;

/// An HMAC keyed with `enc(cs)&enc(ts)` (s3.4.2). The key is written into
/// a stack buffer, wiped after use.
fn keyed_mac<M: Mac + hmac::digest::KeyInit>(
    consumer_secret: &str,
    token_secret: &str,
) -> Option<M> {
    let mut buf = [0u8; KEY_ROOM];
    let written = signing_key_into(consumer_secret, token_secret, &mut buf);
    let mac = match written {
        Some(len) => <M as Mac>::new_from_slice(&buf[..len]),
        None => <M as Mac>::new_from_slice(signing_key(consumer_secret, token_secret).as_bytes()),
    };
    // What was written: all of it when the key did not fit.
    buf[..written.unwrap_or(KEY_ROOM)].zeroize();
    mac.ok()
}

/// Writes `enc(consumer_secret) & enc(token_secret)` into `buf`; returns its
/// length, or `None` when it does not fit.
fn signing_key_into(consumer_secret: &str, token_secret: &str, buf: &mut [u8]) -> Option<usize> {
    let amp = encode_to_slice(consumer_secret, buf, 0)?;
    *buf.get_mut(amp)? = b'&';
    encode_to_slice(token_secret, buf, amp + 1)
}

/// Writes the s3.6 encoding of `input` into `buf` from `pos`, runs of
/// unreserved bytes copied whole; returns where it ends, or `None` when it
/// does not fit.
fn encode_to_slice(input: &str, buf: &mut [u8], mut pos: usize) -> Option<usize> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut rest = input.as_bytes();
    loop {
        let run = rest
            .iter()
            .position(|&b| !is_unreserved(b))
            .unwrap_or(rest.len());
        buf.get_mut(pos..pos + run)?.copy_from_slice(&rest[..run]);
        pos += run;
        let Some(&b) = rest.get(run) else {
            return Some(pos);
        };
        let escape = [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0x0F)]];
        buf.get_mut(pos..pos + 3)?.copy_from_slice(&escape);
        pos += 3;
        rest = &rest[run + 1..];
    }
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
        assert_rsa_is_no_shared_secret_method();
    }

    /// An RSA method never passes the shared-secret check.
    fn assert_rsa_is_no_shared_secret_method() {
        assert!(!verify_shared_secret(
            SignatureMethod::RsaSha1,
            "cs",
            "ts",
            "bs",
            "x"
        ));
    }

    #[test]
    fn word_comparison_sees_every_byte() {
        let a: Vec<u8> = (0u8..21).collect();
        assert!(ct_eq_words(&a, &a));
        assert!(ct_eq_words(&[], &[]));
        assert!(!ct_eq_words(&a, &a[..20]));
        for i in 0..a.len() {
            let mut b = a.clone();
            b[i] ^= 0x80;
            assert!(!ct_eq_words(&a, &b), "byte {i}");
        }
    }

    #[test]
    fn only_the_canonical_base64_text_of_the_mac_is_accepted() {
        let check =
            |sig: &str| verify_shared_secret(SignatureMethod::HmacSha256, "cs", "ts", "bs", sig);
        let signature =
            sign_base_string(SignatureMethod::HmacSha256, "cs", "ts", None, "bs").unwrap();
        assert!(check(&signature));
        let (body, padding) = signature.split_at(43);
        assert_eq!(padding, "=");
        // The last character carries two stray bits; any other value of
        // them decodes to the same bytes under a lenient decoder.
        let last = body.as_bytes()[42];
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let index = alphabet.iter().position(|&c| c == last).unwrap();
        for stray in 1..4 {
            let mut variant = body[..42].to_owned();
            variant.push(char::from(alphabet[(index & !3) | ((index + stray) & 3)]));
            variant.push('=');
            assert!(!check(&variant), "{variant}");
        }
        for variant in [
            body.to_owned(),
            format!("{signature}="),
            format!("{body}=="),
            format!(" {signature}"),
            format!("{signature}\n"),
            signature.replace('+', "-").replace('/', "_"),
            signature.to_lowercase(),
            String::new(),
            "%".repeat(200),
            "A".repeat(88),
            "A".repeat(400),
        ] {
            assert_eq!(check(&variant), variant == signature, "{variant}");
        }
        // A longer signature (SHA-512's) decodes but does not match.
        let sha512 = sign_base_string(SignatureMethod::HmacSha512, "cs", "ts", None, "bs").unwrap();
        assert!(!check(&sha512));
        assert!(verify_shared_secret(
            SignatureMethod::HmacSha512,
            "cs",
            "ts",
            "bs",
            &sha512
        ));
        assert_rsa_is_no_shared_secret_method();
    }
}
