//! The C callbacks a provider may answer with (credential lookups, a nonce
//! store), adapted to the core's `CredentialStore` and `NonceStore`, and the
//! answers a lookup fills in.

use crate::boundary::{arg_mut, arg_str, castable, guard, lend};
use crate::result::oauth1_result;
use oauth1::{ConsumerCredentials, NonceRecord, TokenCredentials};
use std::ffi::{c_char, c_void, CString};

/// What a consumer lookup callback fills in for a known consumer, with
/// `oauth1_consumer_answer_set_secret()` and/or
/// `oauth1_consumer_answer_set_rsa_public_key_pem()`. Valid only during the
/// callback.
pub struct oauth1_consumer_answer(());
castable!(oauth1_consumer_answer => ConsumerCredentials, lent);

/// What a token lookup callback fills in for a known token, with
/// `oauth1_token_answer_set()`. Valid only during the callback.
pub struct oauth1_token_answer(());
castable!(oauth1_token_answer => Option<TokenCredentials>, lent);

/// Looks up a consumer (client) by key, in the provider's own store.
/// Returns true when the consumer is known, after filling `answer` with its
/// shared secret and/or RSA public key; false when it is unknown (the
/// request is then refused with `consumer_key_unknown`).
///
/// `consumer_key` is NUL-terminated UTF-8, valid only during the call (a
/// key holding a NUL byte is never looked up: it is unknown). The callback
/// runs on the verifying thread, concurrently when several threads verify;
/// it must return normally (no longjmp, no C++ exception) and must not free
/// the credentials it was given to.
pub type oauth1_consumer_lookup = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        consumer_key: *const c_char,
        answer: *mut oauth1_consumer_answer,
    ) -> bool,
>;

/// Looks up a token (temporary or access credentials) by its value.
/// Returns true when the token is known, after `oauth1_token_answer_set()`
/// gave its secret and the consumer key it was issued to; false (or true
/// without an answer) when it is unknown or expired (the request is then
/// refused with `token_rejected`). Same rules as `oauth1_consumer_lookup`.
pub type oauth1_token_lookup = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        token: *const c_char,
        answer: *mut oauth1_token_answer,
    ) -> bool,
>;

/// Checks and records a nonce in one atomic step: returns true when
/// `(consumer_key, token, timestamp, nonce)` was not recorded yet (and
/// records it), false when it was (a replay; record nothing). `token` is
/// `""` for a request without a token. `now` is the verifier's clock and
/// `window` its timestamp window, in seconds: once `timestamp + window <
/// now` a record may be forgotten, since the window check refuses that
/// timestamp anyway.
///
/// Strings are NUL-terminated UTF-8, valid only during the call (a value
/// holding a NUL byte is never passed: the request counts as a replay). The
/// callback runs on the verifying thread, concurrently when several threads
/// verify, and must return normally.
pub type oauth1_nonce_check_and_record = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        consumer_key: *const c_char,
        token: *const c_char,
        timestamp: u64,
        nonce: *const c_char,
        now: u64,
        window: u64,
    ) -> bool,
>;

type ConsumerLookupFn =
    unsafe extern "C" fn(*mut c_void, *const c_char, *mut oauth1_consumer_answer) -> bool;
type TokenLookupFn =
    unsafe extern "C" fn(*mut c_void, *const c_char, *mut oauth1_token_answer) -> bool;
type NonceFn = unsafe extern "C" fn(
    *mut c_void,
    *const c_char,
    *const c_char,
    u64,
    *const c_char,
    u64,
    u64,
) -> bool;

/// Calls `f` with `s` as a NUL-terminated C string; `None`, without calling
/// `f`, when `s` holds a NUL byte (a C string cannot carry it).
fn with_c_str<R>(s: &str, f: impl FnOnce(*const c_char) -> R) -> Option<R> {
    const STACK: usize = 256;
    let bytes = s.as_bytes();
    if bytes.contains(&0) {
        return None;
    }
    if bytes.len() < STACK {
        let mut buf = [0u8; STACK];
        buf[..bytes.len()].copy_from_slice(bytes);
        Some(f(buf.as_ptr().cast()))
    } else {
        let owned = CString::new(bytes).ok()?;
        Some(f(owned.as_ptr()))
    }
}

/// The lookups of `oauth1_credentials_new_with_callbacks()`.
pub(crate) struct Lookups {
    consumer: ConsumerLookupFn,
    token: Option<TokenLookupFn>,
    userdata: *mut c_void,
}

// SAFETY: the header's contract for oauth1_credentials_new_with_callbacks:
// the callbacks and `userdata` may be used from any thread, concurrently.
unsafe impl Send for Lookups {}
// SAFETY: as above.
unsafe impl Sync for Lookups {}

impl Lookups {
    pub(crate) fn new(
        consumer: ConsumerLookupFn,
        token: Option<TokenLookupFn>,
        userdata: *mut c_void,
    ) -> Self {
        Lookups {
            consumer,
            token,
            userdata,
        }
    }

    pub(crate) fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        let mut answer = ConsumerCredentials::default();
        let found = with_c_str(consumer_key, |key| {
            // SAFETY: the callback's contract (header): it takes `userdata`,
            // a C string and the answer, all valid for the call.
            unsafe { (self.consumer)(self.userdata, key, lend(&mut answer)) }
        })?;
        found.then_some(answer)
    }

    pub(crate) fn token(&self, token: &str) -> Option<TokenCredentials> {
        let lookup = self.token?;
        let mut answer = None;
        let found = with_c_str(token, |token| {
            // SAFETY: as for the consumer lookup.
            unsafe {
                lookup(
                    self.userdata,
                    token,
                    lend::<oauth1_token_answer>(&mut answer),
                )
            }
        })?;
        answer.filter(|_| found)
    }
}

/// The callback of `oauth1_nonce_store_new_with_callback()`.
pub(crate) struct NonceCallback {
    check_and_record: NonceFn,
    userdata: *mut c_void,
}

// SAFETY: the header's contract for oauth1_nonce_store_new_with_callback:
// the callback and `userdata` may be used from any thread, concurrently.
unsafe impl Send for NonceCallback {}
// SAFETY: as above.
unsafe impl Sync for NonceCallback {}

impl NonceCallback {
    pub(crate) fn new(check_and_record: NonceFn, userdata: *mut c_void) -> Self {
        NonceCallback {
            check_and_record,
            userdata,
        }
    }

    pub(crate) fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
        with_c_str(record.consumer_key, |consumer_key| {
            with_c_str(record.token, |token| {
                with_c_str(record.nonce, |nonce| {
                    // SAFETY: the callback's contract (header); the strings
                    // are valid for the call.
                    unsafe {
                        (self.check_and_record)(
                            self.userdata,
                            consumer_key,
                            token,
                            record.timestamp,
                            nonce,
                            now,
                            window,
                        )
                    }
                })
            })
        })
        .flatten()
        .flatten()
        .unwrap_or(false)
    }
}

/// In a consumer lookup: the consumer's shared secret (HMAC-*, PLAINTEXT).
/// The string is copied.
#[no_mangle]
pub unsafe extern "C" fn oauth1_consumer_answer_set_secret(
    answer: *mut oauth1_consumer_answer,
    secret: *const c_char,
) -> oauth1_result {
    guard(|| {
        let answer = arg_mut(answer, "answer")?;
        answer.secret = Some(arg_str(secret, "secret")?.into());
        Ok(())
    })
}

/// In a consumer lookup: the consumer's RSA public key as PEM (RSA-*).
/// `OAUTH1_RESULT_INVALID_KEY` when it cannot be parsed; the consumer then
/// has no RSA key, and RSA requests from it fail `signature_invalid`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_consumer_answer_set_rsa_public_key_pem(
    answer: *mut oauth1_consumer_answer,
    pem: *const c_char,
) -> oauth1_result {
    guard(|| {
        let answer = arg_mut(answer, "answer")?;
        let pem = arg_str(pem, "pem")?;
        // A key that cannot be parsed leaves the consumer with none.
        answer.rsa_public_key = None;
        answer.rsa_public_key = ConsumerCredentials::default()
            .rsa_public_key_pem(pem)?
            .rsa_public_key;
        Ok(())
    })
}

/// In a token lookup: the token's secret and the key of the consumer it was
/// issued to. Both strings are copied.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_answer_set(
    answer: *mut oauth1_token_answer,
    secret: *const c_char,
    consumer_key: *const c_char,
) -> oauth1_result {
    guard(|| {
        let answer = arg_mut(answer, "answer")?;
        let (secret, key) = (
            arg_str(secret, "secret")?,
            arg_str(consumer_key, "consumer_key")?,
        );
        *answer = Some(TokenCredentials {
            secret: secret.into(),
            consumer_key: key.to_owned(),
        });
        Ok(())
    })
}
