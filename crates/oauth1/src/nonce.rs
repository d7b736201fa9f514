//! Nonces from the operating system's CSPRNG, and timestamps from the clock.

use crate::error::{Error, ErrorKind, Result};
use std::time::{SystemTime, UNIX_EPOCH};

/// The default nonce alphabet: ASCII letters and digits, safe everywhere.
pub const DEFAULT_NONCE_ALPHABET: &str =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// The default nonce length; some providers cap it, so it is configurable.
pub const DEFAULT_NONCE_LENGTH: usize = 32;

/// How nonces are generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NonceGenerator {
    length: usize,
    alphabet: Vec<u8>,
}

impl Default for NonceGenerator {
    fn default() -> Self {
        NonceGenerator {
            length: DEFAULT_NONCE_LENGTH,
            alphabet: DEFAULT_NONCE_ALPHABET.as_bytes().to_vec(),
        }
    }
}

impl NonceGenerator {
    /// A generator of `length` characters drawn uniformly from `alphabet`
    /// (2 to 256 distinct printable ASCII characters).
    pub fn new(length: usize, alphabet: &str) -> Result<Self> {
        if !(1..=256).contains(&length) {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                format!("nonce length {length} is out of range 1-256"),
            ));
        }
        let bytes = alphabet.as_bytes();
        let printable = bytes.iter().all(|b| b.is_ascii_graphic());
        let mut sorted = bytes.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        if !printable || sorted.len() != bytes.len() || !(2..=256).contains(&bytes.len()) {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                format!("nonce alphabet {alphabet:?} must hold 2 or more distinct printable ASCII characters"),
            ));
        }
        Ok(NonceGenerator {
            length,
            alphabet: bytes.to_vec(),
        })
    }

    /// The length of the nonces made.
    pub fn length(&self) -> usize {
        self.length
    }

    /// Appends a fresh nonce to `out`.
    pub(crate) fn generate_into(&self, out: &mut String) -> Result<()> {
        let n = self.alphabet.len();
        // Rejection sampling keeps every character equally likely.
        let limit = 256 - (256 % n);
        let mut buf = [0u8; 64];
        let mut produced = 0;
        while produced < self.length {
            getrandom::getrandom(&mut buf).map_err(|e| {
                Error::new(
                    ErrorKind::InvalidParameter,
                    format!("the operating system's random source failed: {e}"),
                )
            })?;
            for &b in &buf {
                if produced == self.length {
                    break;
                }
                if (b as usize) < limit {
                    out.push(self.alphabet[b as usize % n] as char);
                    produced += 1;
                }
            }
        }
        Ok(())
    }

    /// A fresh nonce.
    pub fn generate(&self) -> Result<String> {
        let mut out = String::with_capacity(self.length);
        self.generate_into(&mut out)?;
        Ok(out)
    }
}

/// Seconds since the Unix epoch, from the system clock.
pub fn unix_timestamp() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_have_the_configured_shape() {
        let g = NonceGenerator::new(12, "abc").unwrap();
        let nonce = g.generate().unwrap();
        assert_eq!(nonce.len(), 12);
        assert!(nonce.bytes().all(|b| b"abc".contains(&b)));
        assert_ne!(
            NonceGenerator::default().generate().unwrap(),
            NonceGenerator::default().generate().unwrap()
        );
        assert!(NonceGenerator::new(0, "ab").is_err());
        assert!(NonceGenerator::new(8, "aa").is_err());
        assert!(NonceGenerator::new(8, "a b").is_err());
    }
}
