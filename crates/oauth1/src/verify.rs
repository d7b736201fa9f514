//! The provider side: verifying a received request (RFC 5849 s3.2) with
//! every check of `tests/conformance/VERIFY.md`, in its order, and the
//! `oauth_problem` codes of the Problem Reporting extension.
//!
//! ```
//! use oauth1::{IncomingRequest, MemoryCredentials, MemoryNonceStore, Request, SignOptions,
//!              SignatureMethod, Signer, Verifier};
//! // The client signs...
//! let signer = Signer::builder("ck", "cs").token("tk", "ts").build()?;
//! let signed = signer.sign(&Request::new("GET", "https://api.example.com/v1/me?x=1"))?;
//! let header = signed.authorization_header();
//!
//! // ...and the provider verifies.
//! let mut credentials = MemoryCredentials::new();
//! credentials.insert_consumer("ck", "cs");
//! credentials.insert_token("tk", "ts", "ck");
//! let nonces = MemoryNonceStore::new();
//! let verifier = Verifier::new();
//! let request = IncomingRequest::new("GET", "https://api.example.com/v1/me?x=1")
//!     .with_authorization(&header);
//! let verified = verifier.verify(&request, &credentials, &nonces).expect("genuine request");
//! assert_eq!(verified.token(), Some("tk"));
//! // The same request again is a replay.
//! let replay = verifier.verify(&request, &credentials, &nonces).unwrap_err();
//! assert_eq!(replay.code().as_str(), "nonce_used");
//! # Ok::<(), oauth1::Error>(())
//! ```

mod credentials;
pub(crate) mod header;
mod nonce_store;
mod params;
mod problem;
mod proxy;
mod request;
mod scratch;

pub use credentials::{ConsumerCredentials, CredentialStore, MemoryCredentials, TokenCredentials};
pub use nonce_store::{MemoryNonceStore, NonceRecord, NonceStore};
pub use problem::{www_authenticate, Problem, ProblemCode};
pub use proxy::ReceivedUrl;
pub use request::{IncomingRequest, ParameterLocation, Verified};

use crate::encoding::is_form_content_type;
use crate::error::excerpt;
use crate::method::SignatureMethod;
use crate::nonce::unix_timestamp;
use crate::signature::{body_hash, verify_rsa, verify_shared_secret};
use crate::url::RequestUrl;
use header::{parse_authorization, HeaderError};
use params::{check_placement, collect, ReceivedProtocolParams};
use scratch::Scratch;
use subtle::ConstantTimeEq;

/// The default timestamp window, in seconds either side of the clock.
pub const DEFAULT_TIMESTAMP_WINDOW: u64 = 300;

/// Checks received requests. Holds only settings, so one verifier can be
/// shared by every thread; the credentials and the nonce store are passed
/// to each call.
///
/// The default allows every HMAC and RSA method and a 300 s window.
/// PLAINTEXT sends the secrets themselves, so it must be allowed
/// explicitly, and only over TLS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verifier {
    /// Bit `i` set when `SignatureMethod::ALL[i]` is allowed.
    allowed_methods: u8,
    timestamp_window: u64,
    fixed_now: Option<u64>,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier::new()
    }
}

fn method_bit(method: SignatureMethod) -> u8 {
    let index = SignatureMethod::ALL
        .iter()
        .position(|&m| m == method)
        .unwrap_or_default();
    1 << index
}

impl Verifier {
    /// A verifier allowing HMAC-SHA1/256/512 and RSA-SHA1/256/512, with a
    /// window of [`DEFAULT_TIMESTAMP_WINDOW`] seconds and the system clock.
    pub fn new() -> Self {
        Verifier {
            allowed_methods: 0,
            timestamp_window: DEFAULT_TIMESTAMP_WINDOW,
            fixed_now: None,
        }
        .signature_methods(
            SignatureMethod::ALL
                .iter()
                .copied()
                .filter(|&m| m != SignatureMethod::Plaintext),
        )
    }

    // Each setting has two forms: a `set_*` method on `&mut self`, for a
    // verifier kept in place (behind a C handle, in a Python object), and
    // a by-value method for a chain, made from it.

    /// Allows exactly these signature methods.
    pub fn set_signature_methods(
        &mut self,
        methods: impl IntoIterator<Item = SignatureMethod>,
    ) -> &mut Self {
        self.allowed_methods = methods.into_iter().fold(0, |bits, m| bits | method_bit(m));
        self
    }

    /// [`Verifier::set_signature_methods`], in a chain.
    pub fn signature_methods(mut self, methods: impl IntoIterator<Item = SignatureMethod>) -> Self {
        self.set_signature_methods(methods);
        self
    }

    /// Allows one more signature method.
    pub fn add_signature_method(&mut self, method: SignatureMethod) -> &mut Self {
        self.allowed_methods |= method_bit(method);
        self
    }

    /// [`Verifier::add_signature_method`], in a chain.
    pub fn allow(mut self, method: SignatureMethod) -> Self {
        self.add_signature_method(method);
        self
    }

    /// Accepts timestamps up to `seconds` away from the clock, either way
    /// (both edges included).
    pub fn set_timestamp_window(&mut self, seconds: u64) -> &mut Self {
        self.timestamp_window = seconds;
        self
    }

    /// [`Verifier::set_timestamp_window`], in a chain.
    pub fn timestamp_window(mut self, seconds: u64) -> Self {
        self.set_timestamp_window(seconds);
        self
    }

    /// `Some(now)`: a fixed clock (Unix seconds) instead of the system
    /// clock, for tests and replays of recorded traffic; `None`: the
    /// system clock.
    pub fn set_clock(&mut self, fixed_now: Option<u64>) -> &mut Self {
        self.fixed_now = fixed_now;
        self
    }

    /// Uses a fixed clock (Unix seconds) instead of the system clock: for
    /// tests and replays of recorded traffic.
    pub fn clock(mut self, now: u64) -> Self {
        self.set_clock(Some(now));
        self
    }

    /// Goes back to the system clock.
    pub fn system_clock(mut self) -> Self {
        self.set_clock(None);
        self
    }

    /// The fixed clock (Unix seconds), or `None` when the checks use the
    /// system clock.
    pub fn fixed_clock(&self) -> Option<u64> {
        self.fixed_now
    }

    /// The allowed signature methods.
    pub fn allowed_methods(&self) -> Vec<SignatureMethod> {
        SignatureMethod::ALL
            .into_iter()
            .filter(|&m| self.is_allowed(m))
            .collect()
    }

    /// `true` when `method` is allowed.
    pub fn is_allowed(&self, method: SignatureMethod) -> bool {
        self.allowed_methods & method_bit(method) != 0
    }

    /// The timestamp window, in seconds.
    pub fn window(&self) -> u64 {
        self.timestamp_window
    }

    /// The clock the checks use now.
    pub fn now(&self) -> u64 {
        self.fixed_now.unwrap_or_else(unix_timestamp)
    }

    /// Verifies `request`. The first failing check decides the answer
    /// (VERIFY.md, "Verification rules, in check order"); only a request
    /// that passes every check records its nonce in `nonces`.
    pub fn verify<C, N>(
        &self,
        request: &IncomingRequest<'_>,
        credentials: &C,
        nonces: &N,
    ) -> Result<Verified, Problem>
    where
        C: CredentialStore + ?Sized,
        N: NonceStore + ?Sized,
    {
        let mut scratch = Scratch::take();
        let result = self.verify_with(request, credentials, nonces, &mut scratch);
        scratch.give_back();
        result
    }

    /// [`Verifier::verify`], writing the signed parameters and the base
    /// string into `scratch`.
    fn verify_with<C, N>(
        &self,
        request: &IncomingRequest<'_>,
        credentials: &C,
        nonces: &N,
        scratch: &mut Scratch,
    ) -> Result<Verified, Problem>
    where
        C: CredentialStore + ?Sized,
        N: NonceStore + ?Sized,
    {
        // 1. The Authorization header.
        if request.has_conflicting_authorization() {
            return Err(Problem::plain(
                ProblemCode::ParameterRejected,
                "the request has two Authorization headers with the OAuth scheme",
            ));
        }
        let header = match request.authorization().map(parse_authorization) {
            None | Some(Ok(None)) => Vec::new(),
            Some(Ok(Some(params))) => params,
            Some(Err(HeaderError::Malformed(message))) => {
                return Err(Problem::plain(ProblemCode::ParameterRejected, message))
            }
            Some(Err(HeaderError::BadEncoding(name, message))) => {
                return Err(Problem::new(ProblemCode::ParameterRejected, name, message))
            }
        };
        let url = RequestUrl::parse(request.url()).map_err(|e| {
            Problem::plain(
                ProblemCode::ParameterRejected,
                format!("the request URL cannot be verified: {}", e.message()),
            )
        })?;

        // 2. Every parameter, and where the protocol parameters are.
        let is_form = is_form_content_type(request.content_type());
        let form_body = if is_form { request.body() } else { None };
        let params = collect(header, form_body, url.query, &mut scratch.signed)?;
        let location = check_placement(&params)?;
        let protocol = ReceivedProtocolParams::read(&params);

        // 3. Required parameters.
        let plaintext = protocol.signature_method == Some(SignatureMethod::Plaintext.as_str());
        let required = [
            ("oauth_consumer_key", protocol.consumer_key.is_some()),
            (
                "oauth_signature_method",
                protocol.signature_method.is_some(),
            ),
            ("oauth_signature", protocol.signature.is_some()),
            ("oauth_timestamp", plaintext || protocol.timestamp.is_some()),
            ("oauth_nonce", plaintext || protocol.nonce.is_some()),
        ];
        let (Some(consumer_key), Some(method_name), Some(signature), Some(location)) = (
            protocol.consumer_key,
            protocol.signature_method,
            protocol.signature,
            location,
        ) else {
            return Err(absent(&required));
        };
        if required.iter().any(|(_, present)| !present) {
            return Err(absent(&required));
        }

        // 4. Version.
        if let Some(version) = protocol.version.filter(|&v| v != "1.0") {
            return Err(Problem::plain(
                ProblemCode::VersionRejected,
                format!(
                    "oauth_version {} is not supported; only 1.0 is",
                    excerpt(version, 20)
                ),
            ));
        }

        // 5. Signature method, compared exactly.
        let method = method_name
            .parse::<SignatureMethod>()
            .ok()
            .filter(|&m| self.is_allowed(m))
            .ok_or_else(|| {
                Problem::plain(
                    ProblemCode::SignatureMethodRejected,
                    format!(
                        "oauth_signature_method {} is not accepted here (allowed, case-sensitive: {})",
                        excerpt(method_name, 30),
                        self.allowed_methods()
                            .iter()
                            .map(|m| m.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?;

        // 6. Timestamp: format, then window.
        let now = self.now();
        let timestamp = match protocol.timestamp {
            None => None,
            Some(text) => Some(self.check_timestamp(text, now)?),
        };

        // 7. No body hash on a form body (Body Hash draft s4.1.1).
        if is_form && protocol.body_hash.is_some() {
            return Err(Problem::new(
                ProblemCode::ParameterRejected,
                ["oauth_body_hash"],
                "oauth_body_hash is not allowed on an application/x-www-form-urlencoded body (Body Hash draft s4.1.1)",
            ));
        }

        // 8. Consumer. A blank key names nobody, whatever a store would say
        // of it: the signer refuses to send one.
        if consumer_key.is_empty() {
            return Err(Problem::plain(
                ProblemCode::ConsumerKeyUnknown,
                "oauth_consumer_key is empty",
            ));
        }
        let consumer = credentials.lend_consumer(consumer_key).ok_or_else(|| {
            Problem::plain(
                ProblemCode::ConsumerKeyUnknown,
                format!("consumer key {} is not known", excerpt(consumer_key, 60)),
            )
        })?;

        // 9. Token. An empty oauth_token is read as "no token" (some
        // clients send `oauth_token=""` on two-legged requests).
        let token = protocol.token.filter(|t| !t.is_empty());
        let token_record = match token {
            None => None,
            Some(token) => match credentials.lend_token(token) {
                Some(t) if t.consumer_key == consumer_key => Some(t),
                Some(_) => {
                    return Err(Problem::plain(
                        ProblemCode::TokenRejected,
                        format!(
                            "token {} was issued to another consumer",
                            excerpt(token, 60)
                        ),
                    ))
                }
                None => {
                    return Err(Problem::plain(
                        ProblemCode::TokenRejected,
                        format!("token {} is not known (or has expired)", excerpt(token, 60)),
                    ))
                }
            },
        };

        // 10. Signature, over the request as received.
        let base_string = &mut scratch.base_string;
        scratch
            .signed
            .write_base_string(request.method(), &url, base_string);
        let signature_ok = if method.is_rsa() {
            consumer
                .rsa_public_key
                .as_deref()
                .is_some_and(|key| verify_rsa(method, key, base_string, signature))
        } else {
            consumer.secret.as_ref().is_some_and(|secret| {
                verify_shared_secret(
                    method,
                    secret.expose(),
                    token_record.as_ref().map_or("", |t| t.secret.expose()),
                    base_string,
                    signature,
                )
            })
        };
        if !signature_ok {
            return Err(signature_invalid(method, &consumer, base_string));
        }

        // 11. Body hash, for a body that is not a form.
        if let Some(sent) = protocol.body_hash.filter(|_| !is_form) {
            let computed = body_hash(request.body().unwrap_or_default());
            if !bool::from(computed.as_bytes().ct_eq(sent.as_bytes())) {
                return Err(Problem::new(
                    ProblemCode::ParameterRejected,
                    ["oauth_body_hash"],
                    format!("oauth_body_hash does not match the body: base64(SHA-1(body)) is {computed}"),
                ));
            }
        }

        // 12 and 13. Replay, checked and recorded in one step, last.
        if let Some(nonce) = protocol.nonce {
            let record = NonceRecord {
                consumer_key,
                token: token.unwrap_or(""),
                // A PLAINTEXT nonce without a timestamp is scoped to the
                // time of arrival, so it is remembered for one window.
                timestamp: timestamp.unwrap_or(now),
                nonce,
            };
            if !nonces.check_and_record(&record, now, self.timestamp_window) {
                return Err(Problem::plain(
                    ProblemCode::NonceUsed,
                    format!(
                        "oauth_nonce {} was already used with this consumer, token and timestamp",
                        excerpt(nonce, 60)
                    ),
                ));
            }
        }

        let realm = params.iter().find(|p| p.is_realm()).map(|p| &*p.value);
        let capacity = protocol.bytes + realm.map_or(0, str::len);
        let mut verified = Verified::new(method, location, timestamp, capacity);
        for p in params
            .iter()
            .filter(|p| p.is_protocol() && p.name != "oauth_signature")
        {
            verified.push(&p.name, &p.value);
        }
        if let Some(realm) = realm {
            verified.set_realm(realm);
        }
        Ok(verified)
    }

    /// Step 6: a positive integer of ASCII digits, within the window.
    fn check_timestamp(&self, text: &str, now: u64) -> Result<u64, Problem> {
        let value = Some(text)
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse::<u64>().ok())
            .filter(|&t| t > 0)
            .ok_or_else(|| {
                Problem::new(
                    ProblemCode::ParameterRejected,
                    ["oauth_timestamp"],
                    format!(
                        "oauth_timestamp {} is not a positive integer of seconds (RFC 5849 s3.3)",
                        excerpt(text, 30)
                    ),
                )
            })?;
        let window = self.timestamp_window;
        if now.abs_diff(value) > window {
            return Err(Problem::timestamp_refused(
                now.saturating_sub(window),
                now.saturating_add(window),
                format!(
                    "oauth_timestamp {value} is {} s {} the provider's clock ({now}); the window is {window} s",
                    now.abs_diff(value),
                    if value > now { "ahead of" } else { "behind" }
                ),
            ));
        }
        Ok(value)
    }
}

fn absent(required: &[(&'static str, bool)]) -> Problem {
    let missing: Vec<&str> = required
        .iter()
        .filter(|(_, present)| !present)
        .map(|(name, _)| *name)
        .collect();
    Problem::new(
        ProblemCode::ParameterAbsent,
        missing.iter().copied(),
        format!(
            "required protocol parameters are missing: {}",
            missing.join(", ")
        ),
    )
}

fn signature_invalid(
    method: SignatureMethod,
    consumer: &ConsumerCredentials,
    base_string: &str,
) -> Problem {
    let why = match (
        method.is_rsa(),
        consumer.secret.is_some(),
        consumer.rsa_public_key.is_some(),
    ) {
        (true, _, false) => "the consumer has no RSA public key".to_owned(),
        (false, false, _) => "the consumer has no shared secret (RSA only)".to_owned(),
        _ => format!(
            "it does not match the request as received; the provider's base string is {}",
            excerpt(base_string, 400)
        ),
    };
    Problem::plain(
        ProblemCode::SignatureInvalid,
        format!("{method} signature is invalid: {why}"),
    )
}

#[cfg(test)]
mod tests;

#[cfg(feature = "fuzzing")]
pub(crate) mod fuzzing {
    use super::header::{parse_authorization as parse, HeaderError};

    pub(crate) fn parse_authorization(
        value: &str,
    ) -> Result<Option<Vec<(String, String)>>, String> {
        match parse(value) {
            Ok(None) => Ok(None),
            Ok(Some(params)) => Ok(Some(
                params
                    .into_iter()
                    .map(|p| (p.name.into_owned(), p.value.into_owned()))
                    .collect(),
            )),
            Err(HeaderError::Malformed(message)) | Err(HeaderError::BadEncoding(_, message)) => {
                Err(message)
            }
        }
    }
}
