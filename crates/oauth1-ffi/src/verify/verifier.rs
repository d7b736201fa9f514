//! The verifier's settings, and verification itself.

use crate::boundary::{
    arg_bytes, arg_headers, arg_mut, arg_opt_out, arg_opt_str, arg_out, arg_ref, arg_str, arg_strs,
    castable, free_handle, get, guard, into_handle, new_handle, oauth1_header, write_string,
    Failure, Headers, Out, Outcome,
};
use crate::result::oauth1_result;
use crate::verify::{oauth1_credentials, oauth1_nonce_store, oauth1_problem, oauth1_verified};
use oauth1::{IncomingRequest, ReceivedUrl, SignatureMethod, Verifier};
use std::ffi::c_char;

/// Checks received requests: the allowed signature methods, the timestamp
/// window and the clock. Defaults (`oauth1_verifier_new()`): HMAC-SHA1,
/// HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256 and RSA-SHA512 allowed
/// (PLAINTEXT only when allowed explicitly: it sends the secrets), a window
/// of 300 seconds either way, the system clock.
///
/// Thread safety: holds settings only. Any number of threads may verify
/// with one verifier at once. Its setters need exclusive use: set it up
/// first, then share it; never change it while a thread verifies with it.
pub struct oauth1_verifier(());
castable!(oauth1_verifier => Verifier);

fn parse_method(name: &str) -> Result<SignatureMethod, Failure> {
    Ok(name.parse::<SignatureMethod>()?)
}

/// Runs a setter that takes no pointer but `verifier`.
fn set(verifier: *mut oauth1_verifier, change: impl FnOnce(&mut Verifier)) -> oauth1_result {
    guard(|| {
        change(arg_mut(verifier, "verifier")?);
        Ok(())
    })
}

/// A new verifier with the defaults (see `oauth1_verifier`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_new(
    verifier_out: *mut *mut oauth1_verifier,
) -> oauth1_result {
    new_handle(verifier_out, "verifier_out", || Ok(Verifier::new()))
}

/// Frees a verifier; NULL does nothing. No thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_free(verifier: *mut oauth1_verifier) {
    free_handle(verifier)
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
        let verifier = arg_mut(verifier, "verifier")?;
        let methods = arg_strs(names, names_count, "names")?
            .map(|name| parse_method(name?))
            .collect::<Result<Vec<_>, _>>()?;
        verifier.set_signature_methods(methods);
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
        let verifier = arg_mut(verifier, "verifier")?;
        let method = parse_method(arg_str(name, "name")?)?;
        verifier.add_signature_method(method);
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
        let (verifier, name) = (arg_ref(verifier, "verifier")?, arg_str(name, "name")?);
        let out = arg_out(allowed_out, "allowed_out")?;
        out.write(verifier.is_allowed(parse_method(name)?));
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
    set(verifier, |v| {
        v.set_timestamp_window(seconds);
    })
}

/// The timestamp window, in seconds.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_timestamp_window(
    verifier: *const oauth1_verifier,
    seconds_out: *mut u64,
) -> oauth1_result {
    get(verifier, "verifier", seconds_out, "seconds_out", |v| {
        Ok(v.window())
    })
}

/// Uses a fixed clock, `now` in Unix seconds, instead of the system clock:
/// for tests and replays of recorded traffic.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_set_clock(
    verifier: *mut oauth1_verifier,
    now: u64,
) -> oauth1_result {
    set(verifier, |v| {
        v.set_clock(Some(now));
    })
}

/// Goes back to the system clock (the default).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_use_system_clock(
    verifier: *mut oauth1_verifier,
) -> oauth1_result {
    set(verifier, |v| {
        v.set_clock(None);
    })
}

/// The time the verifier's checks use now, in Unix seconds (the fixed clock
/// when set).
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_now(
    verifier: *const oauth1_verifier,
    now_out: *mut u64,
) -> oauth1_result {
    get(verifier, "verifier", now_out, "now_out", |v| Ok(v.now()))
}

/// The handles and outputs every verification takes.
struct Verification<'a> {
    verifier: &'a Verifier,
    credentials: &'a crate::verify::credentials::Credentials,
    nonces: &'a crate::verify::nonce_store::Nonces,
}

impl<'a> Verification<'a> {
    /// Borrows the three handles, in the order of the arguments.
    fn new(
        verifier: *const oauth1_verifier,
        credentials: *const oauth1_credentials,
        nonce_store: *const oauth1_nonce_store,
    ) -> Result<Self, Failure> {
        Ok(Verification {
            verifier: arg_ref(verifier, "verifier")?,
            credentials: arg_ref(credentials, "credentials")?,
            nonces: arg_ref(nonce_store, "nonce_store")?,
        })
    }

    /// Verifies `request` and hands the core's answer to C: the verified
    /// request on success; the problem (when asked for) and
    /// `OAUTH1_RESULT_VERIFICATION_FAILED` on a refusal, with the problem as
    /// the thread's last error message.
    fn answer(
        &self,
        request: &IncomingRequest<'_>,
        verified_out: Out<'_, *mut oauth1_verified>,
        problem_out: Option<Out<'_, *mut oauth1_problem>>,
    ) -> Outcome {
        match self.verifier.verify(request, self.credentials, self.nonces) {
            Ok(verified) => {
                verified_out.write(into_handle(verified));
                Ok(())
            }
            Err(problem) => {
                let failure = Failure::new(oauth1_result::VerificationFailed, problem.to_string());
                if let Some(out) = problem_out {
                    out.write(into_handle(problem));
                }
                Err(failure)
            }
        }
    }
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
    guard(|| {
        let verification = Verification::new(verifier, credentials, nonce_store)?;
        let mut request = IncomingRequest::new(arg_str(method, "method")?, arg_str(url, "url")?);
        let authorization = arg_opt_str(authorization, "authorization")?;
        let body = arg_bytes(body, body_len, "body")?;
        let content_type = arg_opt_str(content_type, "content_type")?;
        let verified_out = arg_out(verified_out, "verified_out")?;
        if let Some(authorization) = authorization {
            request = request.with_authorization(authorization);
        }
        if let Some(body) = body {
            request = request.with_body(body);
        }
        if let Some(content_type) = content_type {
            request = request.with_content_type(content_type);
        }
        verification.answer(&request, verified_out, arg_opt_out(problem_out))
    })
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
    guard(|| {
        let verification = Verification::new(verifier, credentials, nonce_store)?;
        let received = arg_received(method, url, headers, headers_count, body, body_len)?;
        let verified_out = arg_out(verified_out, "verified_out")?;
        let request = received.request()?;
        verification.answer(&request, verified_out, arg_opt_out(problem_out))
    })
}

/// A request as a server received it (method, URL, headers, body), its
/// arguments checked; each header's strings are checked when
/// [`Received::request`] adds it. The provider's endpoints take the same.
pub(crate) struct Received<'a> {
    method: &'a str,
    url: &'a str,
    headers: Headers<'a>,
    body: Option<&'a [u8]>,
}

/// Checks the arguments of a request received with its headers.
pub(crate) fn arg_received<'a>(
    method: *const c_char,
    url: *const c_char,
    headers: *const oauth1_header,
    headers_count: usize,
    body: *const u8,
    body_len: usize,
) -> Result<Received<'a>, Failure> {
    Ok(Received {
        method: arg_str(method, "method")?,
        url: arg_str(url, "url")?,
        headers: arg_headers(headers, headers_count)?,
        body: arg_bytes(body, body_len, "body")?,
    })
}

impl<'a> Received<'a> {
    /// The core's request, each header checked as it is added.
    pub(crate) fn request(self) -> Result<IncomingRequest<'a>, Failure> {
        let mut request = IncomingRequest::new(self.method, self.url);
        if let Some(body) = self.body {
            request = request.with_body(body);
        }
        for header in self.headers.iter() {
            let (name, value) = header?;
            request = request.with_header(name, value);
        }
        Ok(request)
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
        let target = arg_str(target, "target")?;
        let headers = arg_headers(headers, headers_count)?;
        let out = arg_out(url_out, "url_out")?;
        let mut received = ReceivedUrl::new(tls, target).trust_proxy_headers(trust_proxy_headers);
        for header in headers.iter() {
            let (name, value) = header?;
            received = received.with_header(name, value);
        }
        write_string(out, &received.to_url()?, "the URL")
    })
}
