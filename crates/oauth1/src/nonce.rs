//! Nonces from a per-thread CSPRNG keyed by the operating system, and
//! timestamps from the clock.

use crate::error::{Error, ErrorKind, Result};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use std::cell::RefCell;
use std::time::{SystemTime, UNIX_EPOCH};

/// The default nonce alphabet: ASCII letters and digits, safe everywhere.
pub const DEFAULT_NONCE_ALPHABET: &str =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// The default nonce length; some providers cap it, so it is configurable.
pub const DEFAULT_NONCE_LENGTH: usize = 32;

/// Marks a random byte that maps to no character (rejection sampling).
const REJECT: u8 = 0;

/// How nonces are generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NonceGenerator {
    length: usize,
    alphabet: Vec<u8>,
    /// The character each random byte stands for, or [`REJECT`] for the
    /// bytes past the largest multiple of the alphabet's size, so that
    /// every character is equally likely (no division per character).
    by_byte: [u8; 256],
}

impl Default for NonceGenerator {
    fn default() -> Self {
        NonceGenerator::from_checked(DEFAULT_NONCE_LENGTH, DEFAULT_NONCE_ALPHABET.as_bytes())
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
        Ok(NonceGenerator::from_checked(length, bytes))
    }

    /// The generator for a checked length and alphabet (printable ASCII,
    /// so no character is [`REJECT`]).
    fn from_checked(length: usize, alphabet: &[u8]) -> Self {
        let n = alphabet.len();
        let limit = 256 - (256 % n);
        let mut by_byte = [REJECT; 256];
        for (b, slot) in by_byte.iter_mut().enumerate().take(limit) {
            *slot = alphabet[b % n];
        }
        NonceGenerator {
            length,
            alphabet: alphabet.to_vec(),
            by_byte,
        }
    }

    /// The length of the nonces made.
    pub fn length(&self) -> usize {
        self.length
    }

    /// Appends a fresh nonce to `out`.
    pub(crate) fn generate_into(&self, out: &mut String) -> Result<()> {
        // The characters are gathered on the stack and appended at once.
        let mut nonce = [0u8; 256];
        let mut produced = 0;
        let mut random = [0u8; 64];
        while produced < self.length {
            // Enough bytes for what is left, give or take a few rejections.
            let missing = self.length - produced;
            let want = (missing + missing / 8 + 4).min(random.len());
            fill_random(&mut random[..want])?;
            for &b in &random[..want] {
                let c = self.by_byte[usize::from(b)];
                if c != REJECT && produced < self.length {
                    nonce[produced] = c;
                    produced += 1;
                }
            }
        }
        // Printable ASCII from the alphabet: always UTF-8.
        let text = std::str::from_utf8(&nonce[..produced])
            .map_err(|_| Error::new(ErrorKind::InvalidParameter, "nonce alphabet is not ASCII"))?;
        out.push_str(text);
        Ok(())
    }

    /// A fresh nonce.
    pub fn generate(&self) -> Result<String> {
        let mut out = String::with_capacity(self.length);
        self.generate_into(&mut out)?;
        Ok(out)
    }
}

/// This thread's nonce source: ChaCha20 keyed from the operating system's
/// random source, so a nonce costs no system call for randomness.
struct ThreadNonceRng {
    rng: ChaCha20Rng,
    /// The process it was keyed in: a forked child starts with a copy of
    /// its parent's state, and would repeat the parent's nonces.
    pid: u32,
    /// Output left before it is keyed afresh, so that a state read from
    /// memory reveals only a bounded stretch of nonces.
    bytes_left: usize,
}

/// How much output one key gives before the generator is keyed afresh.
const RESEED_AFTER_BYTES: usize = 1 << 20;

thread_local! {
    static NONCE_RNG: RefCell<Option<ThreadNonceRng>> = const { RefCell::new(None) };
}

fn random_source_error(e: getrandom::Error) -> Error {
    Error::new(
        ErrorKind::InvalidParameter,
        format!("the operating system's random source failed: {e}"),
    )
}

/// Fills `buf` from this thread's generator, keyed afresh on first use,
/// in a new process (after `fork()`), and after [`RESEED_AFTER_BYTES`];
/// straight from the operating system when the thread's generator is
/// gone (thread teardown).
fn fill_random(buf: &mut [u8]) -> Result<()> {
    let pid = std::process::id();
    let filled = NONCE_RNG.try_with(|cell| -> Result<bool> {
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return Ok(false);
        };
        let fresh = match &*slot {
            Some(state) => state.pid != pid || state.bytes_left < buf.len(),
            None => true,
        };
        if fresh {
            let mut seed = <ChaCha20Rng as SeedableRng>::Seed::default();
            getrandom::getrandom(&mut seed).map_err(random_source_error)?;
            *slot = Some(ThreadNonceRng {
                rng: ChaCha20Rng::from_seed(seed),
                pid,
                bytes_left: RESEED_AFTER_BYTES,
            });
        }
        let Some(state) = slot.as_mut() else {
            return Ok(false);
        };
        state.rng.fill_bytes(buf);
        state.bytes_left -= buf.len();
        Ok(true)
    });
    match filled {
        Ok(Ok(true)) => Ok(()),
        Ok(Err(e)) => Err(e),
        Ok(Ok(false)) | Err(_) => getrandom::getrandom(buf).map_err(random_source_error),
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

    #[test]
    fn every_character_is_equally_likely() {
        // 256 % 62 = 8 bytes are rejected; the other 248 map to 4 of each.
        let g = NonceGenerator::default();
        let mut counts = [0usize; 256];
        for &c in &g.by_byte {
            counts[usize::from(c)] += 1;
        }
        assert_eq!(counts[usize::from(REJECT)], 8);
        for &c in DEFAULT_NONCE_ALPHABET.as_bytes() {
            assert_eq!(counts[usize::from(c)], 4, "{}", char::from(c));
        }
        // A full alphabet of 94 printable characters: 256 % 94 = 68 rejected.
        let all: String = (b'!'..=b'~').map(char::from).collect();
        let g = NonceGenerator::new(256, &all).unwrap();
        assert_eq!(g.by_byte.iter().filter(|&&c| c == REJECT).count(), 68);
        let nonce = g.generate().unwrap();
        assert_eq!(nonce.len(), 256);
        assert!(nonce.bytes().all(|b| all.as_bytes().contains(&b)));
    }

    #[test]
    fn each_thread_keys_its_own_generator() {
        let g = NonceGenerator::default();
        let mine: std::collections::HashSet<String> =
            (0..200).map(|_| g.generate().unwrap()).collect();
        let theirs: Vec<String> =
            std::thread::spawn(move || (0..200).map(|_| g.generate().unwrap()).collect())
                .join()
                .unwrap();
        assert_eq!(mine.len(), 200);
        assert!(theirs.iter().all(|n| !mine.contains(n)));
    }
}
