//! The service provider of RFC 5849 s2 as a library, without I/O or HTTP:
//! request tokens (s2.1), the user's decision and the verifier (s2.2), the
//! exchange for an access token (s2.3), and protected resources (s3).
//!
//! A [`Provider`] holds the registered consumers ([`ConsumerTable`]), a
//! [`TokenStore`] and a [`NonceStore`] (in memory by default; shared ones,
//! e.g. Redis, let several processes serve as one). Each endpoint is one
//! call that verifies the signed request and answers with what to send
//! back: a token response body, or a [`Refusal`] with its status,
//! `oauth_problem` and advice. Any HTTP server can sit on top.
//!
//! ```
//! use oauth1::provider::{Consumer, ConsumerTable, Provider};
//! use oauth1::{parse_token_response, IncomingRequest, Signer};
//!
//! let provider = Provider::new(ConsumerTable::with_consumers([
//!     Consumer::new("ck", "My App", Some("cs"), None)?,
//! ]));
//! let (request_token_url, access_token_url) =
//!     ("https://provider.example/request_token", "https://provider.example/access_token");
//!
//! // s2.1: the consumer asks for a request token.
//! let consumer = Signer::builder("ck", "cs").build()?;
//! let signed = consumer.request_token_request(request_token_url, Some("https://c.example/cb"))?;
//! let header = signed.authorization_header();
//! let issued = provider
//!     .issue_request_token(&IncomingRequest::new("POST", request_token_url).with_authorization(&header))
//!     .expect("issued");
//! let request_token = parse_token_response(&issued.body(), true)?;
//!
//! // s2.2: the user approves on the provider's page; the redirect carries the verifier.
//! let page = provider.authorization(&request_token.token).expect("pending");
//! let decided = provider
//!     .approve(&request_token.token, "ada", Some(&page.form_guard))
//!     .expect("approved");
//! let callback = oauth1::parse_callback(&decided.redirect_url().expect("URL callback"))?;
//!
//! // s2.3: the consumer exchanges request token and verifier, once.
//! let consumer = consumer.with_token(request_token.token, request_token.token_secret)?;
//! let signed = consumer.access_token_request(access_token_url, &callback.verifier)?;
//! let header = signed.authorization_header();
//! let request = IncomingRequest::new("POST", access_token_url).with_authorization(&header);
//! let access = provider.exchange(&request).expect("access token");
//! assert!(parse_token_response(&access.body(), false).is_ok());
//! # Ok::<(), oauth1::Error>(())
//! ```

mod callback;
mod consumers;
mod memory;
mod refusal;
mod response;
mod store;
#[cfg(test)]
mod tests;

pub use callback::Callback;
pub use consumers::{Consumer, ConsumerTable};
pub use memory::{MemoryTokenStore, DEFAULT_TOKEN_CAPACITY};
pub use refusal::Refusal;
pub use response::Response;
pub use store::{AccessTokenRecord, Decision, RequestTokenRecord, StoreError, TokenStore};

use crate::encoding::{form_decode, form_encode, is_form_content_type};
use crate::nonce::{NonceGenerator, DEFAULT_NONCE_ALPHABET};
use crate::secret::Secret;
use crate::url::RequestUrl;
use crate::verify::header::parse_authorization;
use crate::verify::{
    ConsumerCredentials, CredentialStore, IncomingRequest, MemoryNonceStore, NonceRecord,
    NonceStore, Problem, ProblemCode, TokenCredentials, Verified, Verifier,
};
use std::cell::RefCell;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;

/// Tokens and secrets: letters and digits, after a kind prefix.
const TOKEN_LENGTH: usize = 24;
const SECRET_LENGTH: usize = 40;
const VERIFIER_LENGTH: usize = 20;
const FORM_GUARD_LENGTH: usize = 24;

/// How long a request token can be authorized and exchanged by default.
pub const DEFAULT_REQUEST_TOKEN_TTL: Duration = Duration::from_secs(600);
/// How long an access token is valid by default.
pub const DEFAULT_ACCESS_TOKEN_TTL: Duration = Duration::from_secs(30 * 24 * 3600);

/// The `Content-Type` of token responses.
pub const TOKEN_RESPONSE_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// An OAuth 1.0a service provider. Thread-safe: share one between every
/// thread of a server (`&Provider` or an `Arc`).
pub struct Provider {
    consumers: ConsumerTable,
    tokens: Arc<dyn TokenStore>,
    nonces: Arc<dyn NonceStore>,
    verifier: Verifier,
    realm: String,
    request_token_ttl: Duration,
    access_token_ttl: Duration,
    fixed_now_ms: Option<u64>,
}

impl fmt::Debug for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Provider")
            .field("consumers", &self.consumers.len())
            .field("tokens", &self.tokens.name())
            .field("verifier", &self.verifier)
            .field("realm", &self.realm)
            .field("request_token_ttl", &self.request_token_ttl)
            .field("access_token_ttl", &self.access_token_ttl)
            .finish()
    }
}

/// A token the provider issued, and the token response to send (s2.1, s2.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedToken {
    /// `oauth_token`.
    pub token: String,
    /// `oauth_token_secret`.
    pub secret: Secret,
    /// The consumer it was issued to.
    pub consumer_key: String,
    /// `true` for a request token: the response confirms the callback.
    pub callback_confirmed: bool,
}

impl IssuedToken {
    /// The token response body (`application/x-www-form-urlencoded`):
    /// `oauth_token`, `oauth_token_secret` and, for a request token,
    /// `oauth_callback_confirmed=true`.
    pub fn body(&self) -> String {
        let mut pairs = vec![
            ("oauth_token", self.token.as_str()),
            ("oauth_token_secret", self.secret.expose()),
        ];
        if self.callback_confirmed {
            pairs.push(("oauth_callback_confirmed", "true"));
        }
        form_encode(pairs)
    }
}

/// A request token waiting for the user: what the authorization page shows.
#[derive(Clone, Debug)]
pub struct PendingAuthorization {
    /// The request token.
    pub request_token: String,
    /// The consumer asking.
    pub consumer: Arc<Consumer>,
    /// Where the user goes after deciding.
    pub callback: Callback,
    /// The value the page's form must send back to [`Provider::approve`]
    /// or [`Provider::deny`].
    pub form_guard: String,
}

/// The user's decision, recorded: where to send the user next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    /// The request token decided on.
    pub request_token: String,
    /// The consumer it was issued to.
    pub consumer_key: String,
    /// The consumer's display name.
    pub consumer_name: String,
    /// The callback given with the request token.
    pub callback: Callback,
    /// The verifier, when the user approved.
    pub verifier: Option<String>,
}

impl Decided {
    /// Where to redirect the user (s2.2): the callback with `oauth_token`
    /// and `oauth_verifier` (or `oauth_problem=user_refused`); `None` for
    /// `oob`, where the page shows [`Decided::verifier`] instead.
    pub fn redirect_url(&self) -> Option<String> {
        self.callback
            .redirect_url(&self.request_token, self.verifier.as_deref())
    }
}

/// Why the authorization page cannot ask about, or decide, a request token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthorizeError {
    /// No such request token (never issued, or forgotten after expiring).
    Unknown,
    /// The request token has expired.
    Expired,
    /// The user already decided.
    AlreadyDecided,
    /// The form did not carry the page's form guard.
    BadFormGuard,
    /// The token store (or the random source) could not answer.
    Unavailable(StoreError),
}

impl AuthorizeError {
    /// A sentence for the error page.
    pub fn explanation(&self) -> String {
        match self {
            AuthorizeError::Unknown => "This request token is not known to this provider.".into(),
            AuthorizeError::Expired => {
                "This request token has expired. Ask the application to start again.".into()
            }
            AuthorizeError::AlreadyDecided => {
                "A decision was already made for this request token.".into()
            }
            AuthorizeError::BadFormGuard => {
                "The form did not come from this provider's authorization page.".into()
            }
            AuthorizeError::Unavailable(error) => format!("{error}; try again later."),
        }
    }

    /// The HTTP status of the error page.
    pub fn http_status(&self) -> u16 {
        match self {
            AuthorizeError::Unknown => 404,
            AuthorizeError::Expired | AuthorizeError::AlreadyDecided => 400,
            AuthorizeError::BadFormGuard => 403,
            AuthorizeError::Unavailable(_) => 503,
        }
    }
}

impl fmt::Display for AuthorizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explanation())
    }
}

impl std::error::Error for AuthorizeError {}

/// A request to a protected resource that passed: who it acts for.
#[derive(Clone, Debug)]
pub struct Authenticated {
    /// The verified request.
    pub verified: Verified,
    /// The resource owner the access token acts for.
    pub user: String,
}

/// Which tokens a signed request may carry at an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenKind {
    /// None (the request-token endpoint).
    NoToken,
    /// A request token (the access-token endpoint).
    Request,
    /// An access token (protected resources).
    Access,
}

/// The verifier's view of the provider at one endpoint: every consumer, and
/// only that endpoint's tokens. It keeps what it looked up (the caller
/// needs the token's state next) and the store error, if any, which the
/// trait's `Option` cannot carry.
struct EndpointLookup<'a> {
    provider: &'a Provider,
    kind: TokenKind,
    now_ms: u64,
    request_token: RefCell<Option<(RequestTokenRecord, Decision)>>,
    access_token: RefCell<Option<AccessTokenRecord>>,
    failure: RefCell<Option<StoreError>>,
}

impl CredentialStore for EndpointLookup<'_> {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        self.provider.consumers.consumer(consumer_key)
    }

    fn token(&self, token: &str) -> Option<TokenCredentials> {
        let tokens = &self.provider.tokens;
        match self.kind {
            TokenKind::NoToken => None,
            // Every remembered request token, whatever its state: the
            // state is judged after the signature, so only the consumer
            // holding the secret learns it.
            TokenKind::Request => match tokens.request_token(token, self.now_ms) {
                Ok(found) => {
                    let credentials = found.as_ref().map(|(record, _)| TokenCredentials {
                        secret: record.secret.clone(),
                        consumer_key: record.consumer_key.clone(),
                    });
                    *self.request_token.borrow_mut() = found;
                    credentials
                }
                Err(error) => {
                    *self.failure.borrow_mut() = Some(error);
                    None
                }
            },
            TokenKind::Access => match tokens.access_token(token, self.now_ms) {
                Ok(found) => {
                    let credentials = found.as_ref().map(|record| TokenCredentials {
                        secret: record.secret.clone(),
                        consumer_key: record.consumer_key.clone(),
                    });
                    *self.access_token.borrow_mut() = found;
                    credentials
                }
                Err(error) => {
                    *self.failure.borrow_mut() = Some(error);
                    None
                }
            },
        }
    }
}

/// The nonce store as the verifier sees it: a store that cannot answer
/// refuses (never accepts), and its error is kept for the 503.
struct GuardedNonces<'a> {
    store: &'a dyn NonceStore,
    failure: Mutex<Option<StoreError>>,
}

impl NonceStore for GuardedNonces<'_> {
    fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
        match self.store.try_check_and_record(record, now, window) {
            Ok(fresh) => fresh,
            Err(error) => {
                *self.failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(error);
                false
            }
        }
    }
}

fn random(length: usize) -> Result<String, StoreError> {
    NonceGenerator::new(length, DEFAULT_NONCE_ALPHABET)
        .and_then(|generator| generator.generate())
        .map_err(|e| StoreError::new("the operating system's random source", e.message()))
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The consumer key a request claims: from its `Authorization` header, its
/// query, or its form body. Never trusted; for logging refused requests.
pub fn claimed_consumer_key(request: &IncomingRequest<'_>) -> Option<String> {
    const NAME: &str = "oauth_consumer_key";
    if let Some(Ok(Some(params))) = request.authorization().map(parse_authorization) {
        if let Some(param) = params.iter().find(|p| p.name == NAME) {
            return Some(param.value.clone().into_owned());
        }
    }
    let from_pairs = |text: &str, what: &str| {
        form_decode(text, what)
            .ok()?
            .into_iter()
            .find(|(n, _)| n == NAME)
            .map(|(_, v)| v)
    };
    let query = RequestUrl::parse(request.url()).ok().and_then(|u| u.query);
    if let Some(key) = query.and_then(|q| from_pairs(q, "query")) {
        return Some(key);
    }
    let body = request
        .body()
        .filter(|_| is_form_content_type(request.content_type()))?;
    from_pairs(std::str::from_utf8(body).ok()?, "form body")
}

impl Provider {
    /// A provider for `consumers`, with tokens and nonces in memory, the
    /// default [`Verifier`], realm `""` and the default lifetimes.
    pub fn new(consumers: ConsumerTable) -> Self {
        Provider {
            consumers,
            tokens: Arc::new(MemoryTokenStore::new()),
            nonces: Arc::new(MemoryNonceStore::new()),
            verifier: Verifier::new(),
            realm: String::new(),
            request_token_ttl: DEFAULT_REQUEST_TOKEN_TTL,
            access_token_ttl: DEFAULT_ACCESS_TOKEN_TTL,
            fixed_now_ms: None,
        }
    }

    /// Keeps tokens in `store` (shared by every provider using it).
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.tokens = store;
        self
    }

    /// Records nonces in `store`.
    pub fn nonce_store(mut self, store: Arc<dyn NonceStore>) -> Self {
        self.nonces = store;
        self
    }

    /// Verifies signed requests with `verifier` (methods, window, clock).
    pub fn verifier(mut self, verifier: Verifier) -> Self {
        self.verifier = verifier;
        self
    }

    /// The realm of `WWW-Authenticate` on refusals.
    pub fn realm(mut self, realm: impl Into<String>) -> Self {
        self.realm = realm.into();
        self
    }

    /// How long a request token can be authorized and exchanged. It is
    /// remembered twice as long, to answer `token_expired` rather than
    /// `token_rejected`.
    pub fn request_token_ttl(mut self, ttl: Duration) -> Self {
        self.request_token_ttl = ttl;
        self
    }

    /// How long an access token is valid.
    pub fn access_token_ttl(mut self, ttl: Duration) -> Self {
        self.access_token_ttl = ttl;
        self
    }

    /// A fixed clock (Unix milliseconds) for token lifetimes and, in whole
    /// seconds, the verifier's timestamp window: for tests.
    pub fn clock_ms(mut self, now_ms: u64) -> Self {
        self.fixed_now_ms = Some(now_ms);
        self.verifier = self.verifier.clock(now_ms / 1000);
        self
    }

    /// The registered consumers (shared: changes apply at once).
    pub fn consumers(&self) -> &ConsumerTable {
        &self.consumers
    }

    /// The token store's name.
    pub fn token_store_name(&self) -> String {
        self.tokens.name()
    }

    /// The realm.
    pub fn realm_name(&self) -> &str {
        &self.realm
    }

    fn now_ms(&self) -> u64 {
        self.fixed_now_ms.unwrap_or_else(now_ms)
    }

    /// A refusal in this provider's realm, for a check the HTTP layer
    /// makes itself (a URL it cannot rebuild, a body hash its resource needs).
    pub fn refuse(&self, problem: Problem) -> Refusal {
        Refusal::problem_in(problem, &self.realm)
    }

    fn lifecycle(&self, code: ProblemCode, advice: &str) -> Refusal {
        self.refuse(Problem::new(code, Vec::<String>::new(), advice))
    }

    fn unavailable(&self, error: StoreError) -> Refusal {
        Refusal::unavailable(error, &self.realm)
    }

    /// Verifies `request` at an endpoint accepting `kind` tokens; a store
    /// failure anywhere makes it a 503. A refusal carries the consumer key
    /// the request claimed, for logs.
    fn verify<'p>(
        &'p self,
        request: &IncomingRequest<'_>,
        kind: TokenKind,
        now_ms: u64,
    ) -> Result<(Verified, EndpointLookup<'p>), Refusal> {
        let lookup = EndpointLookup {
            provider: self,
            kind,
            now_ms,
            request_token: RefCell::new(None),
            access_token: RefCell::new(None),
            failure: RefCell::new(None),
        };
        let nonces = GuardedNonces {
            store: &*self.nonces,
            failure: Mutex::new(None),
        };
        let result = self.verifier.verify(request, &lookup, &nonces);
        let failure = lookup.failure.borrow_mut().take().or_else(|| {
            nonces
                .failure
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take()
        });
        let refused = match (failure, result) {
            (Some(error), _) => self.unavailable(error),
            (None, Ok(verified)) => return Ok((verified, lookup)),
            (None, Err(problem)) => self.refuse(problem),
        };
        Err(refused.claimed_by(claimed_consumer_key(request)))
    }

    /// The request-token endpoint (s2.1): verifies a request signed with
    /// the consumer's credentials alone, checks `oauth_callback` (`oob` or
    /// an absolute http(s) URL), and issues a request token.
    pub fn issue_request_token(
        &self,
        request: &IncomingRequest<'_>,
    ) -> Result<IssuedToken, Refusal> {
        let now_ms = self.now_ms();
        let (verified, _) = self.verify(request, TokenKind::NoToken, now_ms)?;
        let claimed = || Some(verified.consumer_key().to_owned());
        let callback = match verified.callback().map(Callback::parse) {
            None => {
                return Err(self
                    .refuse(Problem::new(
                        ProblemCode::ParameterAbsent,
                        ["oauth_callback"],
                        "the request-token request must send oauth_callback: an absolute http(s) URL, or oob (RFC 5849 s2.1)",
                    ))
                    .claimed_by(claimed()))
            }
            Some(Err(e)) => {
                return Err(self
                    .refuse(Problem::new(ProblemCode::ParameterRejected, ["oauth_callback"], e.message()))
                    .claimed_by(claimed()))
            }
            Some(Ok(callback)) => callback,
        };
        let fresh = || -> Result<(String, String, String), StoreError> {
            Ok((
                format!("rt_{}", random(TOKEN_LENGTH)?),
                random(SECRET_LENGTH)?,
                random(FORM_GUARD_LENGTH)?,
            ))
        };
        let (token, secret, form_guard) =
            fresh().map_err(|e| self.unavailable(e).claimed_by(claimed()))?;
        let ttl = millis(self.request_token_ttl);
        let record = RequestTokenRecord {
            secret: Secret::new(secret),
            consumer_key: verified.consumer_key().to_owned(),
            callback,
            form_guard,
            expires_at_ms: now_ms.saturating_add(ttl),
        };
        self.tokens
            .insert_request_token(&token, &record, ttl.saturating_mul(2).max(1), now_ms)
            .map_err(|e| self.unavailable(e).claimed_by(claimed()))?;
        Ok(IssuedToken {
            token,
            secret: record.secret,
            consumer_key: record.consumer_key,
            callback_confirmed: true,
        })
    }

    /// A request token waiting for the user's decision, for the
    /// authorization page (s2.2).
    pub fn authorization(
        &self,
        request_token: &str,
    ) -> Result<PendingAuthorization, AuthorizeError> {
        let now_ms = self.now_ms();
        let (record, decision) = self
            .tokens
            .request_token(request_token, now_ms)
            .map_err(AuthorizeError::Unavailable)?
            .ok_or(AuthorizeError::Unknown)?;
        if now_ms > record.expires_at_ms {
            return Err(AuthorizeError::Expired);
        }
        if decision != Decision::Pending {
            return Err(AuthorizeError::AlreadyDecided);
        }
        let consumer = self
            .consumers
            .get(&record.consumer_key)
            .ok_or(AuthorizeError::Unknown)?;
        Ok(PendingAuthorization {
            request_token: request_token.to_owned(),
            consumer,
            callback: record.callback,
            form_guard: record.form_guard,
        })
    }

    /// Records that `user` approved the request token and issues its
    /// verifier. `form_guard`, when given, must be the page's
    /// ([`PendingAuthorization::form_guard`]); pass `None` only when the
    /// decision does not come from a form (an auto-approving test server).
    pub fn approve(
        &self,
        request_token: &str,
        user: &str,
        form_guard: Option<&str>,
    ) -> Result<Decided, AuthorizeError> {
        self.decide(request_token, Some(user), form_guard)
    }

    /// Records that the user denied the request token.
    pub fn deny(
        &self,
        request_token: &str,
        form_guard: Option<&str>,
    ) -> Result<Decided, AuthorizeError> {
        self.decide(request_token, None, form_guard)
    }

    fn decide(
        &self,
        request_token: &str,
        approved_by: Option<&str>,
        form_guard: Option<&str>,
    ) -> Result<Decided, AuthorizeError> {
        let now_ms = self.now_ms();
        let (record, _) = self
            .tokens
            .request_token(request_token, now_ms)
            .map_err(AuthorizeError::Unavailable)?
            .ok_or(AuthorizeError::Unknown)?;
        if let Some(guard) = form_guard {
            if !bool::from(guard.as_bytes().ct_eq(record.form_guard.as_bytes())) {
                return Err(AuthorizeError::BadFormGuard);
            }
        }
        if now_ms > record.expires_at_ms {
            return Err(AuthorizeError::Expired);
        }
        let (decision, verifier) = match approved_by {
            Some(user) => {
                let verifier = random(VERIFIER_LENGTH).map_err(AuthorizeError::Unavailable)?;
                (
                    Decision::Approved {
                        verifier: Secret::new(verifier.clone()),
                        user: user.to_owned(),
                    },
                    Some(verifier),
                )
            }
            None => (Decision::Denied, None),
        };
        match self
            .tokens
            .decide(request_token, &decision, now_ms)
            .map_err(AuthorizeError::Unavailable)?
        {
            None => Err(AuthorizeError::Unknown),
            Some(Decision::Pending) => Ok(Decided {
                request_token: request_token.to_owned(),
                consumer_name: self
                    .consumers
                    .get(&record.consumer_key)
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| record.consumer_key.clone()),
                consumer_key: record.consumer_key,
                callback: record.callback,
                verifier,
            }),
            Some(_) => Err(AuthorizeError::AlreadyDecided),
        }
    }

    /// The access-token endpoint (s2.3): verifies a request signed with the
    /// request token's secret and exchanges the token and its verifier for
    /// an access token. One attempt per request token: a wrong verifier
    /// uses it up, so verifiers cannot be guessed; of concurrent exchanges
    /// (on one shared store) one alone succeeds.
    pub fn exchange(&self, request: &IncomingRequest<'_>) -> Result<IssuedToken, Refusal> {
        let now_ms = self.now_ms();
        let (verified, lookup) = self.verify(request, TokenKind::Request, now_ms)?;
        self.exchange_verified(&verified, &lookup, now_ms)
            .map_err(|r| r.claimed_by(Some(verified.consumer_key().to_owned())))
    }

    fn exchange_verified(
        &self,
        verified: &Verified,
        lookup: &EndpointLookup<'_>,
        now_ms: u64,
    ) -> Result<IssuedToken, Refusal> {
        let Some(request_token) = verified.token() else {
            return Err(self.refuse(Problem::new(
                ProblemCode::ParameterAbsent,
                ["oauth_token"],
                "the access-token request must carry the request token (oauth_token) and be signed with its secret",
            )));
        };
        let Some(verifier) = verified.verifier() else {
            return Err(self.refuse(Problem::new(
                ProblemCode::ParameterAbsent,
                ["oauth_verifier"],
                "the access-token request must send the oauth_verifier the user was given",
            )));
        };
        let Some((record, decision)) = lookup.request_token.borrow_mut().take() else {
            return Err(self.refuse(Problem::new(
                ProblemCode::TokenRejected,
                ["oauth_token"],
                "the request token is not known (or has expired)",
            )));
        };
        if now_ms > record.expires_at_ms {
            return Err(self.lifecycle(
                ProblemCode::TokenExpired,
                "the request token has expired; start again with a new request token",
            ));
        }
        let used = || {
            self.lifecycle(
                ProblemCode::TokenUsed,
                "the request token was already exchanged (or a wrong verifier used it up); request tokens are single use",
            )
        };
        match decision {
            Decision::Used => return Err(used()),
            Decision::Pending => {
                return Err(self.lifecycle(
                    ProblemCode::PermissionUnknown,
                    "the user has not approved this request token yet",
                ))
            }
            Decision::Denied => {
                return Err(self.lifecycle(
                    ProblemCode::PermissionDenied,
                    "the user denied this request token",
                ))
            }
            Decision::Approved { .. } => {}
        }
        // Decisions are final, so between the lookup and here the token can
        // only have been used: the atomic consume tells which call won.
        let Some(Decision::Approved {
            verifier: expected,
            user,
        }) = self
            .tokens
            .consume(request_token, now_ms)
            .map_err(|e| self.unavailable(e))?
        else {
            return Err(used());
        };
        if !bool::from(verifier.as_bytes().ct_eq(expected.expose().as_bytes())) {
            return Err(self.refuse(Problem::new(
                ProblemCode::ParameterRejected,
                ["oauth_verifier"],
                "oauth_verifier does not match the one given to the user; the request token is now used up",
            )));
        }
        let fresh = || -> Result<(String, String), StoreError> {
            Ok((
                format!("at_{}", random(TOKEN_LENGTH)?),
                random(SECRET_LENGTH)?,
            ))
        };
        let (token, secret) = fresh().map_err(|e| self.unavailable(e))?;
        let access = AccessTokenRecord {
            secret: Secret::new(secret),
            consumer_key: record.consumer_key,
            user,
        };
        self.tokens
            .insert_access_token(
                &token,
                &access,
                millis(self.access_token_ttl).max(1),
                now_ms,
            )
            .map_err(|e| self.unavailable(e))?;
        Ok(IssuedToken {
            token,
            secret: access.secret,
            consumer_key: access.consumer_key,
            callback_confirmed: false,
        })
    }

    /// A protected resource (s3): verifies a request signed with an access
    /// token and tells who it acts for.
    pub fn authenticate(&self, request: &IncomingRequest<'_>) -> Result<Authenticated, Refusal> {
        let now_ms = self.now_ms();
        let (verified, lookup) = self.verify(request, TokenKind::Access, now_ms)?;
        let found = lookup.access_token.borrow_mut().take();
        match (verified.token(), found) {
            (Some(_), Some(record)) => Ok(Authenticated {
                verified,
                user: record.user,
            }),
            _ => Err(self
                .refuse(Problem::new(
                    ProblemCode::ParameterAbsent,
                    ["oauth_token"],
                    "this resource needs an access token (oauth_token) from the three-legged flow",
                ))
                .claimed_by(Some(verified.consumer_key().to_owned()))),
        }
    }

    /// Revokes a request or access token; `true` when it was there.
    pub fn revoke(&self, token: &str) -> Result<bool, StoreError> {
        self.tokens.revoke(token)
    }
}
