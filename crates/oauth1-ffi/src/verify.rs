//! The provider side: verifier settings, credentials (a table or C
//! lookups), nonce stores (in memory or a C callback), verification, and
//! what it answers (the verified request, or the problem to report).
//!
//! Every rule of verification is the core's (`oauth1::Verifier`); this file
//! converts arguments and adapts C callbacks to the core's traits.

use crate::boundary::{
    arg_bytes, arg_mut, arg_opt_out, arg_opt_str, arg_out, arg_ref, arg_slice, arg_str,
    arg_str_named, c_string, free_handle, get, get_pair, guard, into_handle, new_handle,
    past_the_end, write_string, Failure, Outcome,
};
use crate::result::oauth1_result;
use oauth1::{
    ConsumerCredentials, CredentialStore, IncomingRequest, MemoryCredentials, MemoryNonceStore,
    NonceRecord, NonceStore, Problem, ReceivedUrl, SignatureMethod, TokenCredentials, Verified,
    Verifier,
};
use std::ffi::{c_char, c_void, CString};
use std::mem::MaybeUninit;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

// ---- types -----------------------------------------------------------------

/// Checks received requests: the allowed signature methods, the timestamp
/// window and the clock. Defaults (`oauth1_verifier_new()`): HMAC-SHA1,
/// HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256 and RSA-SHA512 allowed
/// (PLAINTEXT only when allowed explicitly: it sends the secrets), a window
/// of 300 seconds either way, the system clock.
///
/// Thread safety: holds settings only. Any number of threads may verify
/// with one verifier at once. Its setters need exclusive use: set it up
/// first, then share it; never change it while a thread verifies with it.
pub struct oauth1_verifier {
    pub(crate) inner: Verifier,
}

/// The provider's credentials, where the verifier finds a consumer's
/// secret or RSA public key and a token's secret and owner. Either a table
/// in memory (`oauth1_credentials_new()`, filled with `_add_consumer` and
/// `_add_token`) or C lookups (`oauth1_credentials_new_with_callbacks()`)
/// over the provider's own store.
///
/// Thread safety: a table is thread-safe, changes included: lookups take a
/// read lock and `_add_*` / `_remove_*` a write lock, so consumers and
/// tokens may be added or removed while other threads verify (a request
/// sees the table from before or after a change, never half of one). With
/// callbacks, the callbacks run on whichever threads verify, at the same
/// time when several do, so they must be thread-safe themselves.
pub struct oauth1_credentials {
    source: CredentialSource,
}

enum CredentialSource {
    Table(RwLock<MemoryCredentials>),
    Lookups(Lookups),
}

/// What a consumer lookup callback fills in for a known consumer, with
/// `oauth1_consumer_answer_set_secret()` and/or
/// `oauth1_consumer_answer_set_rsa_public_key_pem()`. Valid only during the
/// callback.
#[derive(Default)]
pub struct oauth1_consumer_answer {
    inner: ConsumerCredentials,
}

/// What a token lookup callback fills in for a known token, with
/// `oauth1_token_answer_set()`. Valid only during the callback.
#[derive(Default)]
pub struct oauth1_token_answer {
    inner: Option<TokenCredentials>,
}

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

type ConsumerLookupFn =
    unsafe extern "C" fn(*mut c_void, *const c_char, *mut oauth1_consumer_answer) -> bool;
type TokenLookupFn =
    unsafe extern "C" fn(*mut c_void, *const c_char, *mut oauth1_token_answer) -> bool;

struct Lookups {
    consumer: ConsumerLookupFn,
    token: Option<TokenLookupFn>,
    userdata: *mut c_void,
}

// SAFETY: the header's contract for oauth1_credentials_new_with_callbacks:
// the callbacks and `userdata` may be used from any thread, concurrently.
unsafe impl Send for Lookups {}
// SAFETY: as above.
unsafe impl Sync for Lookups {}

/// Replay protection: where the verifier checks and records each accepted
/// request's `(consumer key, token, timestamp, nonce)`. Either the
/// in-memory store (`oauth1_nonce_store_new()`: one process; it forgets a
/// record once its timestamp has left the window, so it holds at most one
/// window's worth of requests) or a C callback
/// (`oauth1_nonce_store_new_with_callback()`) over a shared store such as
/// Redis or SQL. The verifier records only requests that passed every
/// other check, so forged requests burn no nonces.
///
/// Thread safety: the in-memory store is thread-safe and its check and
/// record is one atomic step, so of several threads verifying the same
/// request at once exactly one succeeds. A callback must give the same
/// guarantee (a `SET NX`, a unique index).
pub struct oauth1_nonce_store {
    source: NonceSource,
}

enum NonceSource {
    Memory(MemoryNonceStore),
    Callback(NonceCallback),
}

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

type NonceFn = unsafe extern "C" fn(
    *mut c_void,
    *const c_char,
    *const c_char,
    u64,
    *const c_char,
    u64,
    u64,
) -> bool;

struct NonceCallback {
    check_and_record: NonceFn,
    userdata: *mut c_void,
}

// SAFETY: the header's contract for oauth1_nonce_store_new_with_callback:
// the callback and `userdata` may be used from any thread, concurrently.
unsafe impl Send for NonceCallback {}
// SAFETY: as above.
unsafe impl Sync for NonceCallback {}

/// A request that passed every check: its consumer key, token, signature
/// method, realm and every protocol parameter received (decoded;
/// `oauth_signature` left out).
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_verified {
    inner: Verified,
}

/// Why a request was refused: the `oauth_problem` code of the OAuth Problem
/// Reporting extension, the parameter names concerned, the HTTP status, and
/// the response to send (`WWW-Authenticate` value and body).
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_problem {
    inner: Problem,
}

/// One received HTTP header, for `oauth1_verifier_verify_headers()` and
/// `oauth1_received_url()`: both strings NUL-terminated UTF-8, borrowed for
/// the call. Names are matched case-insensitively.
#[repr(C)]
pub struct oauth1_header {
    /// The header's name, e.g. `Authorization`.
    pub name: *const c_char,
    /// The header's value.
    pub value: *const c_char,
}

// ---- adapting C callbacks to the core's traits -----------------------------

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

impl oauth1_credentials {
    fn table(&self) -> Result<&RwLock<MemoryCredentials>, Failure> {
        match &self.source {
            CredentialSource::Table(table) => Ok(table),
            CredentialSource::Lookups(_) => Err(Failure::new(
                oauth1_result::InvalidParameter,
                "these credentials answer through callbacks (oauth1_credentials_new_with_callbacks) and hold no table",
            )),
        }
    }

    fn read(table: &RwLock<MemoryCredentials>) -> RwLockReadGuard<'_, MemoryCredentials> {
        // A panic while holding the lock leaves the maps whole (one insert
        // or removal at a time), so keep going.
        table.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(table: &RwLock<MemoryCredentials>) -> RwLockWriteGuard<'_, MemoryCredentials> {
        table.write().unwrap_or_else(PoisonError::into_inner)
    }
}

impl CredentialStore for oauth1_credentials {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        match &self.source {
            CredentialSource::Table(table) => Self::read(table).consumer(consumer_key),
            CredentialSource::Lookups(lookups) => {
                let mut answer = oauth1_consumer_answer::default();
                let found = with_c_str(consumer_key, |key| {
                    // SAFETY: the callback's contract (header); `key` and
                    // `answer` are valid for the call.
                    unsafe { (lookups.consumer)(lookups.userdata, key, &mut answer) }
                })?;
                found.then_some(answer.inner)
            }
        }
    }

    fn token(&self, token: &str) -> Option<TokenCredentials> {
        match &self.source {
            CredentialSource::Table(table) => Self::read(table).token(token),
            CredentialSource::Lookups(lookups) => {
                let lookup = lookups.token?;
                let mut answer = oauth1_token_answer::default();
                let found = with_c_str(token, |token| {
                    // SAFETY: as for the consumer lookup.
                    unsafe { lookup(lookups.userdata, token, &mut answer) }
                })?;
                answer.inner.filter(|_| found)
            }
        }
    }
}

impl NonceStore for oauth1_nonce_store {
    fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
        match &self.source {
            NonceSource::Memory(store) => store.check_and_record(record, now, window),
            NonceSource::Callback(cb) => with_c_str(record.consumer_key, |consumer_key| {
                with_c_str(record.token, |token| {
                    with_c_str(record.nonce, |nonce| {
                        // SAFETY: the callback's contract (header); the
                        // strings are valid for the call.
                        unsafe {
                            (cb.check_and_record)(
                                cb.userdata,
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
            .unwrap_or(false),
        }
    }
}

impl oauth1_nonce_store {
    fn memory(&self) -> Result<&MemoryNonceStore, Failure> {
        match &self.source {
            NonceSource::Memory(store) => Ok(store),
            NonceSource::Callback(_) => Err(Failure::new(
                oauth1_result::InvalidParameter,
                "this nonce store is a callback (oauth1_nonce_store_new_with_callback); only the in-memory store can answer this",
            )),
        }
    }
}

fn parse_method(name: &str) -> Result<SignatureMethod, Failure> {
    Ok(name.parse::<SignatureMethod>()?)
}

// ---- verifier --------------------------------------------------------------

/// A new verifier with the defaults (see `oauth1_verifier`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_new(
    verifier_out: *mut *mut oauth1_verifier,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        new_handle(verifier_out, "verifier_out", || {
            Ok(oauth1_verifier {
                inner: Verifier::new(),
            })
        })
    }
}

/// Frees a verifier; NULL does nothing. No thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_free(verifier: *mut oauth1_verifier) {
    // SAFETY: NULL or a verifier from this library, not yet freed, unused.
    unsafe { free_handle(verifier) }
}

/// Allows exactly these signature methods, by their exact, case-sensitive
/// names (`HMAC-SHA1`, `HMAC-SHA256`, `HMAC-SHA512`, `PLAINTEXT`,
/// `RSA-SHA1`, `RSA-SHA256`, `RSA-SHA512`); `names` NULL with `names_count`
/// 0 allows none. An unknown name gives
/// `OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD` and changes nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_set_signature_methods(
    verifier: *mut oauth1_verifier,
    names: *const *const c_char,
    names_count: usize,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (verifier, names) = unsafe {
            (
                arg_mut(verifier, "verifier")?,
                arg_slice(names, names_count, "names")?,
            )
        };
        let mut methods = Vec::with_capacity(names.len());
        for (i, &name) in names.iter().enumerate() {
            // SAFETY: each element is NULL or a C string (header).
            let name = unsafe { arg_str_named(name, || format!("names[{i}]"))? };
            methods.push(parse_method(name)?);
        }
        verifier.inner = std::mem::take(&mut verifier.inner).signature_methods(methods);
        Ok(())
    })
}

/// Allows one more signature method, by its exact name (e.g. `PLAINTEXT`,
/// which is off by default).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_allow_signature_method(
    verifier: *mut oauth1_verifier,
    name: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (verifier, name) = unsafe { (arg_mut(verifier, "verifier")?, arg_str(name, "name")?) };
        let method = parse_method(name)?;
        verifier.inner = std::mem::take(&mut verifier.inner).allow(method);
        Ok(())
    })
}

/// Whether the signature method `name` is allowed; an unknown name gives
/// `OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_is_allowed(
    verifier: *const oauth1_verifier,
    name: *const c_char,
    allowed_out: *mut bool,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (verifier, name, out) = unsafe {
            (
                arg_ref(verifier, "verifier")?,
                arg_str(name, "name")?,
                arg_out(allowed_out, "allowed_out")?,
            )
        };
        out.write(verifier.inner.is_allowed(parse_method(name)?));
        Ok(())
    })
}

/// Accepts timestamps up to `seconds` away from the clock, either way, both
/// edges included (default 300).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_set_timestamp_window(
    verifier: *mut oauth1_verifier,
    seconds: u64,
) -> oauth1_result {
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let verifier = unsafe { arg_mut(verifier, "verifier")? };
        verifier.inner = std::mem::take(&mut verifier.inner).timestamp_window(seconds);
        Ok(())
    })
}

/// The timestamp window, in seconds.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_timestamp_window(
    verifier: *const oauth1_verifier,
    seconds_out: *mut u64,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verifier, "verifier", seconds_out, "seconds_out", |v| {
            Ok(v.inner.window())
        })
    }
}

/// Uses a fixed clock, `now` in Unix seconds, instead of the system clock:
/// for tests and replays of recorded traffic.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_set_clock(
    verifier: *mut oauth1_verifier,
    now: u64,
) -> oauth1_result {
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let verifier = unsafe { arg_mut(verifier, "verifier")? };
        verifier.inner = std::mem::take(&mut verifier.inner).clock(now);
        Ok(())
    })
}

/// Goes back to the system clock (the default).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_use_system_clock(
    verifier: *mut oauth1_verifier,
) -> oauth1_result {
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let verifier = unsafe { arg_mut(verifier, "verifier")? };
        verifier.inner = std::mem::take(&mut verifier.inner).system_clock();
        Ok(())
    })
}

/// The time the verifier's checks use now, in Unix seconds (the fixed clock
/// when set).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_now(
    verifier: *const oauth1_verifier,
    now_out: *mut u64,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verifier, "verifier", now_out, "now_out", |v| {
            Ok(v.inner.now())
        })
    }
}

/// Hands the core's answer to C: the verified request on success; the
/// problem (when asked for) and `OAUTH1_RESULT_VERIFICATION_FAILED` on a
/// refusal, with the problem as the thread's last error message.
fn answer(
    outcome: Result<Verified, Problem>,
    verified_out: &mut MaybeUninit<*mut oauth1_verified>,
    problem_out: Option<&mut MaybeUninit<*mut oauth1_problem>>,
) -> Outcome {
    match outcome {
        Ok(verified) => {
            verified_out.write(into_handle(oauth1_verified { inner: verified }));
            Ok(())
        }
        Err(problem) => {
            let failure = Failure::new(oauth1_result::VerificationFailed, problem.to_string());
            if let Some(out) = problem_out {
                out.write(into_handle(oauth1_problem { inner: problem }));
            }
            Err(failure)
        }
    }
}

/// Runs a verification: checks the verifier, credentials and nonce store,
/// then the call's own arguments (`args`), then the outputs (`problem_out`
/// optional); builds the request with `request` and hands the core's answer
/// to C (see [`answer`]).
///
/// # Safety
/// Pointers are NULL or valid per the header's conventions.
unsafe fn verify_into<'a, A>(
    verifier: *const oauth1_verifier,
    credentials: *const oauth1_credentials,
    nonce_store: *const oauth1_nonce_store,
    args: impl FnOnce() -> Result<A, Failure>,
    verified_out: *mut *mut oauth1_verified,
    problem_out: *mut *mut oauth1_problem,
    request: impl FnOnce(A) -> Result<IncomingRequest<'a>, Failure>,
) -> oauth1_result {
    guard(|| {
        // SAFETY: forwarded contract.
        let (verifier, credentials, nonces) = unsafe {
            (
                arg_ref(verifier, "verifier")?,
                arg_ref(credentials, "credentials")?,
                arg_ref(nonce_store, "nonce_store")?,
            )
        };
        let args = args()?;
        // SAFETY: forwarded contract; problem_out is optional.
        let (verified_out, problem_out) = unsafe {
            (
                arg_out(verified_out, "verified_out")?,
                arg_opt_out(problem_out),
            )
        };
        let request = request(args)?;
        answer(
            verifier.inner.verify(&request, credentials, nonces),
            verified_out,
            problem_out,
        )
    })
}

/// Verifies a received request: every check of the core, in its order
/// (tests/conformance/VERIFY.md), the nonce recorded in `nonce_store` only
/// when every other check passed.
///
/// `method` is the HTTP method and `url` the absolute URL the client signed
/// (behind a proxy, see `oauth1_received_url()`). `authorization` is the
/// `Authorization` header's value, NULL when the request has none (its
/// parameters may be in the query or form body). `body` is the body's bytes
/// (NULL with `body_len` 0: no body); `content_type` the `Content-Type`
/// value or NULL: only an `application/x-www-form-urlencoded` body is read
/// for parameters.
///
/// Returns `OAUTH1_RESULT_OK` and writes `*verified_out` when the request
/// is accepted. Returns `OAUTH1_RESULT_VERIFICATION_FAILED` when it is
/// refused, and then writes `*problem_out` (unless `problem_out` is NULL:
/// optional) with what to answer; the last error message holds the problem
/// too, e.g. `signature_invalid: ...`. Any other result (NULL, UTF-8) writes
/// neither and leaves the nonce store alone.
///
/// Thread safety: any number of threads may verify at once with the same
/// verifier, credentials and nonce store.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_verify(
    verifier: *const oauth1_verifier,
    credentials: *const oauth1_credentials,
    nonce_store: *const oauth1_nonce_store,
    method: *const c_char,
    url: *const c_char,
    authorization: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    verified_out: *mut *mut oauth1_verified,
    problem_out: *mut *mut oauth1_problem,
) -> oauth1_result {
    // SAFETY: pointers are NULL or valid per the header's conventions.
    let args = || unsafe {
        Ok((
            arg_str(method, "method")?,
            arg_str(url, "url")?,
            arg_opt_str(authorization, "authorization")?,
            arg_bytes(body, body_len, "body")?,
            arg_opt_str(content_type, "content_type")?,
        ))
    };
    let request = |(method, url, authorization, body, content_type)| {
        let mut request = IncomingRequest::new(method, url);
        if let Some(authorization) = authorization {
            request = request.with_authorization(authorization);
        }
        if let Some(body) = body {
            request = request.with_body(body);
        }
        if let Some(content_type) = content_type {
            request = request.with_content_type(content_type);
        }
        Ok(request)
    };
    // SAFETY: as above.
    unsafe {
        verify_into(
            verifier,
            credentials,
            nonce_store,
            args,
            verified_out,
            problem_out,
            request,
        )
    }
}

/// Verifies a received request given with its headers, as a server has
/// them: `headers` is an array of `headers_count` name/value pairs (NULL
/// with 0: none). `Authorization` and `Content-Type` are used (names are
/// case-insensitive; other headers are ignored). Of several `Authorization`
/// headers the OAuth one is used; two with the OAuth scheme are refused
/// (`parameter_rejected`). Every header name and value must be UTF-8.
/// Otherwise as `oauth1_verifier_verify()`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_verify_headers(
    verifier: *const oauth1_verifier,
    credentials: *const oauth1_credentials,
    nonce_store: *const oauth1_nonce_store,
    method: *const c_char,
    url: *const c_char,
    headers: *const oauth1_header,
    headers_count: usize,
    body: *const u8,
    body_len: usize,
    verified_out: *mut *mut oauth1_verified,
    problem_out: *mut *mut oauth1_problem,
) -> oauth1_result {
    // SAFETY: pointers are NULL or valid per the header's conventions.
    let args = || unsafe {
        Ok((
            arg_str(method, "method")?,
            arg_str(url, "url")?,
            arg_slice(headers, headers_count, "headers")?,
            arg_bytes(body, body_len, "body")?,
        ))
    };
    let request = |(method, url, headers, body): (_, _, &[oauth1_header], _)| {
        let mut request = IncomingRequest::new(method, url);
        if let Some(body) = body {
            request = request.with_body(body);
        }
        for (i, header) in headers.iter().enumerate() {
            // SAFETY: each header's strings are NULL or C strings (header).
            let (name, value) = unsafe {
                (
                    arg_str_named(header.name, || format!("headers[{i}].name"))?,
                    arg_str_named(header.value, || format!("headers[{i}].value"))?,
                )
            };
            request = request.with_header(name, value);
        }
        Ok(request)
    };
    // SAFETY: as above.
    unsafe {
        verify_into(
            verifier,
            credentials,
            nonce_store,
            args,
            verified_out,
            problem_out,
            request,
        )
    }
}

/// Rebuilds the absolute URL the client signed when the provider sits
/// behind a proxy or load balancer: from the request line's `target`
/// (origin form `/path?query`, or absolute form) and the `Host` header, and
/// from `Forwarded` / `X-Forwarded-Proto` / `X-Forwarded-Host` /
/// `X-Forwarded-Port` only when `trust_proxy_headers` is true (set it only
/// when your own proxy sets those headers and removes any the client sent).
/// `tls`: whether this server received the request over TLS. The URL is a
/// new string; `OAUTH1_RESULT_INVALID_URL` when no usable URL results.
#[no_mangle]
pub unsafe extern "C" fn oauth1_received_url(
    tls: bool,
    target: *const c_char,
    headers: *const oauth1_header,
    headers_count: usize,
    trust_proxy_headers: bool,
    url_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (target, headers, out) = unsafe {
            (
                arg_str(target, "target")?,
                arg_slice(headers, headers_count, "headers")?,
                arg_out(url_out, "url_out")?,
            )
        };
        let mut received = ReceivedUrl::new(tls, target).trust_proxy_headers(trust_proxy_headers);
        for (i, header) in headers.iter().enumerate() {
            // SAFETY: each header's strings are NULL or C strings (header).
            let (name, value) = unsafe {
                (
                    arg_str_named(header.name, || format!("headers[{i}].name"))?,
                    arg_str_named(header.value, || format!("headers[{i}].value"))?,
                )
            };
            received = received.with_header(name, value);
        }
        write_string(out, &received.to_url()?, "the URL")
    })
}

// ---- credentials -----------------------------------------------------------

/// New, empty credentials held in memory; fill them with
/// `oauth1_credentials_add_consumer()` and `oauth1_credentials_add_token()`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_new(
    credentials_out: *mut *mut oauth1_credentials,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        new_handle(credentials_out, "credentials_out", || {
            Ok(oauth1_credentials {
                source: CredentialSource::Table(RwLock::new(MemoryCredentials::new())),
            })
        })
    }
}

/// New credentials answered by the provider's own lookups:
/// `consumer_lookup` (required) and `token_lookup` (NULL: no token is
/// known, for two-legged use only), each called with `userdata`. Nothing is
/// cached: each verification calls each lookup at most once, and only once
/// the request passed its format checks. An RSA public key answered in PEM
/// is parsed on every lookup; a table (`oauth1_credentials_new()`) parses
/// it once.
///
/// `userdata` is borrowed: it must stay valid until the credentials are
/// freed, and the callbacks must be safe to call from every thread that
/// verifies, at the same time.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_new_with_callbacks(
    consumer_lookup: oauth1_consumer_lookup,
    token_lookup: oauth1_token_lookup,
    userdata: *mut c_void,
    credentials_out: *mut *mut oauth1_credentials,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        new_handle(credentials_out, "credentials_out", || {
            let consumer = consumer_lookup.ok_or_else(|| Failure::null("consumer_lookup"))?;
            Ok(oauth1_credentials {
                source: CredentialSource::Lookups(Lookups {
                    consumer,
                    token: token_lookup,
                    userdata,
                }),
            })
        })
    }
}

/// Frees credentials; NULL does nothing. No thread may be using them. The
/// secrets they hold are zeroed.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_free(credentials: *mut oauth1_credentials) {
    // SAFETY: NULL or credentials from this library, not yet freed, unused.
    unsafe { free_handle(credentials) }
}

/// Adds (or replaces) a consumer: its shared secret (for HMAC-* and
/// PLAINTEXT) and/or its RSA public key as PEM (`BEGIN PUBLIC KEY` or
/// `BEGIN RSA PUBLIC KEY`, for RSA-*); one may be NULL, not both
/// (`OAUTH1_RESULT_INVALID_PARAMETER`). A PEM that cannot be parsed gives `OAUTH1_RESULT_INVALID_KEY` and changes nothing.
/// Only for credentials made by `oauth1_credentials_new()`
/// (`OAUTH1_RESULT_INVALID_PARAMETER` otherwise); safe while other threads
/// verify.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_add_consumer(
    credentials: *const oauth1_credentials,
    consumer_key: *const c_char,
    secret: *const c_char,
    rsa_public_key_pem: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (credentials, key, secret, pem) = unsafe {
            (
                arg_ref(credentials, "credentials")?,
                arg_str(consumer_key, "consumer_key")?,
                arg_opt_str(secret, "secret")?,
                arg_opt_str(rsa_public_key_pem, "rsa_public_key_pem")?,
            )
        };
        let table = credentials.table()?;
        // Parsed outside the lock, so verifying threads are not held up.
        let consumer = ConsumerCredentials::new(secret, pem)?;
        oauth1_credentials::write(table).insert_consumer_credentials(key, consumer);
        Ok(())
    })
}

/// Adds (or replaces) a token with its secret and the key of the consumer
/// it was issued to (a token presented by another consumer is refused). Only
/// for credentials made by `oauth1_credentials_new()`; safe while other
/// threads verify.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_add_token(
    credentials: *const oauth1_credentials,
    token: *const c_char,
    secret: *const c_char,
    consumer_key: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (credentials, token, secret, key) = unsafe {
            (
                arg_ref(credentials, "credentials")?,
                arg_str(token, "token")?,
                arg_str(secret, "secret")?,
                arg_str(consumer_key, "consumer_key")?,
            )
        };
        oauth1_credentials::write(credentials.table()?).insert_token(token, secret, key);
        Ok(())
    })
}

/// Removes the entry `key` from a table with `remove` (which says whether
/// it was there); `OAUTH1_RESULT_NOT_FOUND` with `missing` when it was not.
///
/// # Safety
/// Pointers are NULL or valid per the header's conventions.
unsafe fn remove_from_table(
    credentials: *const oauth1_credentials,
    key: *const c_char,
    key_name: &str,
    remove: impl FnOnce(&mut MemoryCredentials, &str) -> bool,
    missing: &str,
) -> oauth1_result {
    guard(|| {
        // SAFETY: forwarded contract.
        let (credentials, key) = unsafe {
            (
                arg_ref(credentials, "credentials")?,
                arg_str(key, key_name)?,
            )
        };
        if remove(&mut oauth1_credentials::write(credentials.table()?), key) {
            Ok(())
        } else {
            Err(Failure::not_found(missing))
        }
    })
}

/// Removes a consumer; `OAUTH1_RESULT_NOT_FOUND` when it was not there.
/// Its tokens stay (they are refused anyway, as the consumer is unknown).
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_remove_consumer(
    credentials: *const oauth1_credentials,
    consumer_key: *const c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        remove_from_table(
            credentials,
            consumer_key,
            "consumer_key",
            MemoryCredentials::remove_consumer,
            "no consumer has this key",
        )
    }
}

/// Removes a token (exchanged, revoked or expired); `OAUTH1_RESULT_NOT_FOUND`
/// when it was not there.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_remove_token(
    credentials: *const oauth1_credentials,
    token: *const c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        remove_from_table(
            credentials,
            token,
            "token",
            MemoryCredentials::remove_token,
            "no such token",
        )
    }
}

/// The number of consumers in a table.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_consumer_count(
    credentials: *const oauth1_credentials,
    count_out: *mut usize,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(credentials, "credentials", count_out, "count_out", |c| {
            Ok(oauth1_credentials::read(c.table()?).consumer_count())
        })
    }
}

/// The number of tokens in a table.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_token_count(
    credentials: *const oauth1_credentials,
    count_out: *mut usize,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(credentials, "credentials", count_out, "count_out", |c| {
            Ok(oauth1_credentials::read(c.table()?).token_count())
        })
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
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (answer, secret) = unsafe { (arg_mut(answer, "answer")?, arg_str(secret, "secret")?) };
        answer.inner.secret = Some(secret.into());
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
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (answer, pem) = unsafe { (arg_mut(answer, "answer")?, arg_str(pem, "pem")?) };
        let consumer = std::mem::take(&mut answer.inner);
        let secret = consumer.secret.clone();
        match consumer.rsa_public_key_pem(pem) {
            Ok(consumer) => {
                answer.inner = consumer;
                Ok(())
            }
            Err(e) => {
                answer.inner = ConsumerCredentials {
                    secret,
                    rsa_public_key: None,
                };
                Err(e.into())
            }
        }
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
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (answer, secret, key) = unsafe {
            (
                arg_mut(answer, "answer")?,
                arg_str(secret, "secret")?,
                arg_str(consumer_key, "consumer_key")?,
            )
        };
        answer.inner = Some(TokenCredentials {
            secret: secret.into(),
            consumer_key: key.to_owned(),
        });
        Ok(())
    })
}

// ---- nonce store -----------------------------------------------------------

/// A new, empty in-memory nonce store (see `oauth1_nonce_store`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_new(
    store_out: *mut *mut oauth1_nonce_store,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        new_handle(store_out, "store_out", || {
            Ok(oauth1_nonce_store {
                source: NonceSource::Memory(MemoryNonceStore::new()),
            })
        })
    }
}

/// A nonce store answered by `check_and_record` (required), called with
/// `userdata`. `userdata` is borrowed: it must stay valid until the store is
/// freed, and the callback must be atomic and safe to call from every
/// thread that verifies, at the same time.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_new_with_callback(
    check_and_record: oauth1_nonce_check_and_record,
    userdata: *mut c_void,
    store_out: *mut *mut oauth1_nonce_store,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        new_handle(store_out, "store_out", || {
            let check_and_record =
                check_and_record.ok_or_else(|| Failure::null("check_and_record"))?;
            Ok(oauth1_nonce_store {
                source: NonceSource::Callback(NonceCallback {
                    check_and_record,
                    userdata,
                }),
            })
        })
    }
}

/// Frees a nonce store; NULL does nothing. No thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_free(store: *mut oauth1_nonce_store) {
    // SAFETY: NULL or a store from this library, not yet freed, unused.
    unsafe { free_handle(store) }
}

/// Checks and records `(consumer_key, token, timestamp, nonce)` as the
/// verifier does (`token` `""` for none; `now` and `window` in seconds):
/// `*fresh_out` is true when it was new and is now recorded, false when it
/// was already there. For seeding a store (e.g. with nonces seen before a
/// restart) and for tests; a callback store calls its callback.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_check_and_record(
    store: *const oauth1_nonce_store,
    consumer_key: *const c_char,
    token: *const c_char,
    timestamp: u64,
    nonce: *const c_char,
    now: u64,
    window: u64,
    fresh_out: *mut bool,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (store, consumer_key, token, nonce, out) = unsafe {
            (
                arg_ref(store, "store")?,
                arg_str(consumer_key, "consumer_key")?,
                arg_str(token, "token")?,
                arg_str(nonce, "nonce")?,
                arg_out(fresh_out, "fresh_out")?,
            )
        };
        let record = NonceRecord {
            consumer_key,
            token,
            timestamp,
            nonce,
        };
        out.write(store.check_and_record(&record, now, window));
        Ok(())
    })
}

/// Whether the in-memory store holds `(consumer_key, token, timestamp,
/// nonce)`; `OAUTH1_RESULT_INVALID_PARAMETER` for a callback store.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_contains(
    store: *const oauth1_nonce_store,
    consumer_key: *const c_char,
    token: *const c_char,
    timestamp: u64,
    nonce: *const c_char,
    contains_out: *mut bool,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (store, consumer_key, token, nonce, out) = unsafe {
            (
                arg_ref(store, "store")?,
                arg_str(consumer_key, "consumer_key")?,
                arg_str(token, "token")?,
                arg_str(nonce, "nonce")?,
                arg_out(contains_out, "contains_out")?,
            )
        };
        let record = NonceRecord {
            consumer_key,
            token,
            timestamp,
            nonce,
        };
        out.write(store.memory()?.contains(&record));
        Ok(())
    })
}

/// The number of records the in-memory store holds;
/// `OAUTH1_RESULT_INVALID_PARAMETER` for a callback store.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_len(
    store: *const oauth1_nonce_store,
    len_out: *mut usize,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(store, "store", len_out, "len_out", |s| {
            Ok(s.memory()?.len())
        })
    }
}

/// Drops every record of the in-memory store whose timestamp has left the
/// window at `now` (each check does that too);
/// `OAUTH1_RESULT_INVALID_PARAMETER` for a callback store.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_forget_expired(
    store: *const oauth1_nonce_store,
    now: u64,
    window: u64,
) -> oauth1_result {
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let store = unsafe { arg_ref(store, "store")? };
        store.memory()?.forget_expired(now, window);
        Ok(())
    })
}

// ---- the verified request --------------------------------------------------

/// Frees a verified request; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_free(verified: *mut oauth1_verified) {
    // SAFETY: NULL or a verified request from this library, not yet freed.
    unsafe { free_handle(verified) }
}

/// `oauth_consumer_key`, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_consumer_key(
    verified: *const oauth1_verified,
    key_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verified, "verified", key_out, "key_out", |v| {
            c_string(v.inner.consumer_key(), "the consumer key")
        })
    }
}

/// `oauth_token`, as a new string; `OAUTH1_RESULT_NOT_FOUND` for a request
/// without one (two-legged; an empty `oauth_token=""` counts as none).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_token(
    verified: *const oauth1_verified,
    token_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verified, "verified", token_out, "token_out", |v| {
            let token = v
                .inner
                .token()
                .ok_or_else(|| Failure::not_found("the request has no token"))?;
            c_string(token, "the token")
        })
    }
}

/// The signature method used (e.g. `HMAC-SHA256`), as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_signature_method(
    verified: *const oauth1_verified,
    name_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verified, "verified", name_out, "name_out", |v| {
            c_string(v.inner.signature_method().as_str(), "the method")
        })
    }
}

/// The `realm` of the `Authorization` header (unescaped), as a new string;
/// `OAUTH1_RESULT_NOT_FOUND` when none was sent.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_realm(
    verified: *const oauth1_verified,
    realm_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verified, "verified", realm_out, "realm_out", |v| {
            let realm = v
                .inner
                .realm()
                .ok_or_else(|| Failure::not_found("the request sent no realm"))?;
            c_string(realm, "the realm")
        })
    }
}

/// `oauth_nonce`, as a new string; `OAUTH1_RESULT_NOT_FOUND` when none was
/// sent (PLAINTEXT may omit it).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_nonce(
    verified: *const oauth1_verified,
    nonce_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verified, "verified", nonce_out, "nonce_out", |v| {
            let nonce = v
                .inner
                .nonce()
                .ok_or_else(|| Failure::not_found("the request sent no oauth_nonce"))?;
            c_string(nonce, "the nonce")
        })
    }
}

/// `oauth_timestamp`; `OAUTH1_RESULT_NOT_FOUND` when none was sent
/// (PLAINTEXT may omit it).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_timestamp(
    verified: *const oauth1_verified,
    timestamp_out: *mut u64,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verified, "verified", timestamp_out, "timestamp_out", |v| {
            v.inner
                .timestamp()
                .ok_or_else(|| Failure::not_found("the request sent no oauth_timestamp"))
        })
    }
}

/// Where the protocol parameters were sent: `header`, `body` or `query`,
/// as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_parameter_location(
    verified: *const oauth1_verified,
    location_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verified, "verified", location_out, "location_out", |v| {
            c_string(v.inner.parameter_location().as_str(), "the location")
        })
    }
}

/// The decoded value of the protocol parameter `name` (any `oauth_*` name
/// received, e.g. `oauth_callback`, `oauth_verifier`,
/// `oauth_session_handle`), as a new string; `OAUTH1_RESULT_NOT_FOUND` when
/// it was not sent. `oauth_signature` is never kept (for PLAINTEXT it is
/// the secrets).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_get(
    verified: *const oauth1_verified,
    name: *const c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (verified, name, out) = unsafe {
            (
                arg_ref(verified, "verified")?,
                arg_str(name, "name")?,
                arg_out(value_out, "value_out")?,
            )
        };
        let value = verified
            .inner
            .get(name)
            .ok_or_else(|| Failure::not_found(format!("the request sent no {name}")))?;
        write_string(out, value, "the parameter")
    })
}

/// How many protocol parameters were received (`oauth_signature` and
/// `realm` not counted).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_oauth_parameter_count(
    verified: *const oauth1_verified,
    count_out: *mut usize,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(verified, "verified", count_out, "count_out", |v| {
            Ok(v.inner.oauth_parameters().count())
        })
    }
}

/// The protocol parameter at `index`, in the order received, decoded, as
/// two new strings; `OAUTH1_RESULT_NOT_FOUND` when `index` is not below the
/// count.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verified_oauth_parameter(
    verified: *const oauth1_verified,
    index: usize,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get_pair(
            verified,
            "verified",
            name_out,
            value_out,
            "the parameter",
            |v| {
                v.inner.oauth_parameters().nth(index).ok_or_else(|| {
                    past_the_end(
                        index,
                        v.inner.oauth_parameters().count(),
                        "protocol parameters",
                    )
                })
            },
        )
    }
}

// ---- the problem -----------------------------------------------------------

/// Frees a problem; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_free(problem: *mut oauth1_problem) {
    // SAFETY: NULL or a problem from this library, not yet freed.
    unsafe { free_handle(problem) }
}

/// The `oauth_problem` code, as a new string: `parameter_absent`,
/// `parameter_rejected`, `version_rejected`, `signature_method_rejected`,
/// `timestamp_refused`, `consumer_key_unknown`, `token_rejected`,
/// `signature_invalid` or `nonce_used`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_code(
    problem: *const oauth1_problem,
    code_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(problem, "problem", code_out, "code_out", |p| {
            c_string(p.inner.code().as_str(), "the code")
        })
    }
}

/// The HTTP status to answer with: 400 for a malformed request (absent,
/// rejected or repeated parameters, an unsupported version or signature
/// method), 401 for credentials, signature, timestamp or nonce that do not
/// hold (RFC 5849 s3.2).
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_http_status(
    problem: *const oauth1_problem,
    status_out: *mut u16,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(problem, "problem", status_out, "status_out", |p| {
            Ok(p.inner.http_status())
        })
    }
}

/// How many parameter names the problem concerns (the absent ones for
/// `parameter_absent`, the rejected ones for `parameter_rejected`; often 0).
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_parameter_count(
    problem: *const oauth1_problem,
    count_out: *mut usize,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(problem, "problem", count_out, "count_out", |p| {
            Ok(p.inner.parameters().len())
        })
    }
}

/// The parameter name at `index`, as a new string;
/// `OAUTH1_RESULT_NOT_FOUND` when `index` is not below the count.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_parameter(
    problem: *const oauth1_problem,
    index: usize,
    name_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(problem, "problem", name_out, "name_out", |p| {
            let params = p.inner.parameters();
            let name = params.get(index).ok_or_else(|| {
                Failure::not_found(format!(
                    "index {index} is past the problem's {} parameters",
                    params.len()
                ))
            })?;
            c_string(name, "the parameter name")
        })
    }
}

/// A message for logs explaining the refusal (never a secret), as a new
/// string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_message(
    problem: *const oauth1_problem,
    message_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(problem, "problem", message_out, "message_out", |p| {
            c_string(p.inner.message(), "the message")
        })
    }
}

/// The `WWW-Authenticate` header value to answer with, for the provider's
/// `realm`: `OAuth realm="..."` (quoted; control characters left out), as
/// a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_www_authenticate(
    problem: *const oauth1_problem,
    realm: *const c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (problem, realm, out) = unsafe {
            (
                arg_ref(problem, "problem")?,
                arg_str(realm, "realm")?,
                arg_out(value_out, "value_out")?,
            )
        };
        write_string(out, &problem.inner.www_authenticate(realm), "the header")
    })
}

/// The response body (`application/x-www-form-urlencoded`, Problem
/// Reporting extension): `oauth_problem=...`, with
/// `oauth_parameters_absent` / `oauth_parameters_rejected` and
/// `oauth_acceptable_timestamps` when they apply, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_body(
    problem: *const oauth1_problem,
    body_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(problem, "problem", body_out, "body_out", |p| {
            c_string(&p.inner.body(), "the body")
        })
    }
}

/// For `timestamp_refused`: the inclusive range of timestamps the provider
/// accepted at the time of the check; `OAUTH1_RESULT_NOT_FOUND` for any
/// other problem. Both outputs or neither are written.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_acceptable_timestamps(
    problem: *const oauth1_problem,
    min_out: *mut u64,
    max_out: *mut u64,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (problem, min_out, max_out) = unsafe {
            (
                arg_ref(problem, "problem")?,
                arg_out(min_out, "min_out")?,
                arg_out(max_out, "max_out")?,
            )
        };
        let (min, max) = problem.inner.acceptable_timestamps().ok_or_else(|| {
            Failure::not_found("only a timestamp_refused problem has acceptable timestamps")
        })?;
        min_out.write(min);
        max_out.write(max);
        Ok(())
    })
}
