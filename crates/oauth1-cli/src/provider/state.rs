//! What the provider remembers: registered consumers, request tokens through
//! their life (issued, approved or denied, exchanged), access tokens, and
//! the records of the test API. Everything is in memory.

use oauth1::{
    ConsumerCredentials, CredentialStore, NonceGenerator, Secret, TokenCredentials,
    DEFAULT_NONCE_ALPHABET,
};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;

/// A consumer (client application) the provider knows.
#[derive(Clone, Debug)]
pub struct Consumer {
    /// `oauth_consumer_key`.
    pub key: String,
    /// The name shown to the user on the authorize page.
    pub name: String,
    /// Shared secret and/or RSA public key.
    pub credentials: ConsumerCredentials,
}

/// Where the user is sent after deciding (RFC 5849 s2.1 `oauth_callback`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    /// `oob`: the verifier is shown to the user, who types it into the consumer.
    OutOfBand,
    /// An absolute http(s) URL.
    Url(String),
}

/// Where a request token is in its life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Issued, the user has not decided yet.
    Pending,
    /// Approved; the verifier the consumer must send back.
    Approved { verifier: String },
    /// Denied by the user.
    Denied,
    /// Exchanged for an access token, or burnt by a wrong verifier.
    Used,
}

/// A request token (temporary credentials, s2.1).
#[derive(Debug)]
pub struct RequestToken {
    pub secret: Secret,
    pub consumer_key: String,
    pub callback: Callback,
    pub issued_at: Instant,
    pub decision: Decision,
    /// A value the authorize page's forms must send back, so another site
    /// cannot post a decision for a token whose page the user never saw.
    pub form_guard: String,
}

/// An access token (token credentials, s2.3).
#[derive(Debug)]
pub struct AccessToken {
    pub secret: Secret,
    pub consumer_key: String,
    /// The resource owner who approved it.
    pub user: String,
}

/// A record of the test API (`POST /api/records`, `PUT /api/records/{id}`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Record {
    pub id: u64,
    pub owner: String,
    pub created_by: String,
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// Which kind of token a signed request may carry at an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// None (the request-token endpoint).
    NoToken,
    /// A request token (the access-token endpoint).
    Request,
    /// An access token (the protected resources).
    Access,
}

/// The answer to "this request token, at the access-token endpoint".
#[derive(Debug, PartialEq, Eq)]
pub enum Exchange {
    /// The verifier matched: the request token is now used.
    Granted {
        access_token: String,
        access_secret: String,
    },
    Expired,
    AlreadyUsed,
    NotYetDecided,
    Denied,
    /// The verifier did not match; the request token is burnt.
    WrongVerifier,
    /// No such request token (it was forgotten after expiring).
    Unknown,
}

/// The provider's whole state.
#[derive(Debug)]
pub struct ProviderState {
    consumers: HashMap<String, Consumer>,
    request_tokens: Mutex<HashMap<String, RequestToken>>,
    access_tokens: RwLock<HashMap<String, AccessToken>>,
    records: Mutex<BTreeMap<u64, Record>>,
    request_token_ttl: Duration,
    /// The one resource owner of this provider.
    user: String,
}

/// Tokens and secrets: letters and digits; 24 and 40 characters.
const TOKEN_LENGTH: usize = 24;
const SECRET_LENGTH: usize = 40;
const VERIFIER_LENGTH: usize = 20;

impl ProviderState {
    pub fn new(consumers: Vec<Consumer>, request_token_ttl: Duration, user: &str) -> Self {
        ProviderState {
            consumers: consumers.into_iter().map(|c| (c.key.clone(), c)).collect(),
            request_tokens: Mutex::default(),
            access_tokens: RwLock::default(),
            records: Mutex::default(),
            request_token_ttl,
            user: user.to_owned(),
        }
    }

    /// The resource owner's name.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// A registered consumer.
    pub fn consumer(&self, key: &str) -> Option<&Consumer> {
        self.consumers.get(key)
    }

    /// Every registered consumer, sorted by key.
    pub fn consumers(&self) -> Vec<&Consumer> {
        let mut all: Vec<&Consumer> = self.consumers.values().collect();
        all.sort_by(|a, b| a.key.cmp(&b.key));
        all
    }

    /// The credential lookup the core's verifier uses at an endpoint that
    /// accepts `kind` tokens.
    pub fn credentials(&self, kind: TokenKind) -> EndpointCredentials<'_> {
        EndpointCredentials { state: self, kind }
    }

    /// `length` letters and digits from the operating system's CSPRNG;
    /// empty if that fails (callers check the length).
    fn random(&self, length: usize) -> String {
        NonceGenerator::new(length, DEFAULT_NONCE_ALPHABET)
            .and_then(|generator| generator.generate())
            .unwrap_or_default()
    }

    fn new_token(&self, prefix: &str) -> Option<(String, String)> {
        let token = format!("{prefix}{}", self.random(TOKEN_LENGTH));
        let secret = self.random(SECRET_LENGTH);
        (token.len() == prefix.len() + TOKEN_LENGTH && secret.len() == SECRET_LENGTH)
            .then_some((token, secret))
    }

    fn request_tokens(&self) -> MutexGuard<'_, HashMap<String, RequestToken>> {
        self.request_tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Issues a request token and its secret; forgets request tokens that
    /// expired long ago, so the map stays bounded.
    pub fn issue_request_token(
        &self,
        consumer_key: &str,
        callback: Callback,
    ) -> Option<(String, String)> {
        let (token, secret) = self.new_token("rt_")?;
        let form_guard = self.random(TOKEN_LENGTH);
        let mut tokens = self.request_tokens();
        let forget_after = self.request_token_ttl.saturating_mul(2);
        tokens.retain(|_, t| t.issued_at.elapsed() <= forget_after);
        tokens.insert(
            token.clone(),
            RequestToken {
                secret: Secret::new(secret.clone()),
                consumer_key: consumer_key.to_owned(),
                callback,
                issued_at: Instant::now(),
                decision: Decision::Pending,
                form_guard,
            },
        );
        Some((token, secret))
    }

    fn is_expired(&self, token: &RequestToken) -> bool {
        token.issued_at.elapsed() > self.request_token_ttl
    }

    /// What the authorize page needs about a request token still waiting
    /// for the user: the consumer, the callback and the form guard.
    pub fn pending_authorization(
        &self,
        token: &str,
    ) -> Result<PendingAuthorization, AuthorizeError> {
        let tokens = self.request_tokens();
        let entry = tokens.get(token).ok_or(AuthorizeError::Unknown)?;
        if self.is_expired(entry) {
            return Err(AuthorizeError::Expired);
        }
        if entry.decision != Decision::Pending {
            return Err(AuthorizeError::AlreadyDecided);
        }
        Ok(PendingAuthorization {
            consumer_key: entry.consumer_key.clone(),
            callback: entry.callback.clone(),
            form_guard: entry.form_guard.clone(),
        })
    }

    /// Records the user's decision on a pending request token. With
    /// `form_guard`, the value must match the one the page was given (the
    /// auto-approve path passes `None`). Returns the callback and, on
    /// approval, the verifier.
    pub fn decide(
        &self,
        token: &str,
        approve: bool,
        form_guard: Option<&str>,
    ) -> Result<(Callback, Option<String>), AuthorizeError> {
        let verifier = self.random(VERIFIER_LENGTH);
        if verifier.len() != VERIFIER_LENGTH {
            return Err(AuthorizeError::Unavailable);
        }
        let mut tokens = self.request_tokens();
        let entry = tokens.get_mut(token).ok_or(AuthorizeError::Unknown)?;
        if let Some(guard) = form_guard {
            if !bool::from(guard.as_bytes().ct_eq(entry.form_guard.as_bytes())) {
                return Err(AuthorizeError::BadFormGuard);
            }
        }
        if self.is_expired(entry) {
            return Err(AuthorizeError::Expired);
        }
        if entry.decision != Decision::Pending {
            return Err(AuthorizeError::AlreadyDecided);
        }
        if approve {
            entry.decision = Decision::Approved {
                verifier: verifier.clone(),
            };
            Ok((entry.callback.clone(), Some(verifier)))
        } else {
            entry.decision = Decision::Denied;
            Ok((entry.callback.clone(), None))
        }
    }

    /// Exchanges an approved request token and its verifier for an access
    /// token. Called only after the request's signature was verified with
    /// the request token's secret. One attempt per request token: a wrong
    /// verifier burns it, so verifiers cannot be guessed.
    pub fn exchange(&self, request_token: &str, verifier: &str) -> Exchange {
        let granted_to = {
            let mut tokens = self.request_tokens();
            let Some(entry) = tokens.get_mut(request_token) else {
                return Exchange::Unknown;
            };
            if self.is_expired(entry) {
                return Exchange::Expired;
            }
            match &entry.decision {
                Decision::Used => return Exchange::AlreadyUsed,
                Decision::Pending => return Exchange::NotYetDecided,
                Decision::Denied => return Exchange::Denied,
                Decision::Approved { verifier: expected } => {
                    let matches = bool::from(verifier.as_bytes().ct_eq(expected.as_bytes()));
                    entry.decision = Decision::Used;
                    if !matches {
                        return Exchange::WrongVerifier;
                    }
                }
            }
            entry.consumer_key.clone()
        };
        let Some((access_token, access_secret)) = self.new_token("at_") else {
            return Exchange::Unknown;
        };
        self.access_tokens
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(
                access_token.clone(),
                AccessToken {
                    secret: Secret::new(access_secret.clone()),
                    consumer_key: granted_to,
                    user: self.user.clone(),
                },
            );
        Exchange::Granted {
            access_token,
            access_secret,
        }
    }

    /// The resource owner an access token acts for.
    pub fn access_token_user(&self, token: &str) -> Option<String> {
        self.access_tokens
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(token)
            .map(|t| t.user.clone())
    }

    fn records(&self) -> MutexGuard<'_, BTreeMap<u64, Record>> {
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Creates a record with the next id.
    pub fn create_record(
        &self,
        owner: &str,
        consumer_key: &str,
        fields: serde_json::Map<String, serde_json::Value>,
    ) -> Record {
        let mut records = self.records();
        let id = records.last_key_value().map_or(1, |(id, _)| id + 1);
        let record = Record {
            id,
            owner: owner.to_owned(),
            created_by: consumer_key.to_owned(),
            fields,
        };
        records.insert(id, record.clone());
        record
    }

    /// Merges `fields` into record `id` of `owner`; `None` when there is no
    /// such record.
    pub fn update_record(
        &self,
        id: u64,
        owner: &str,
        fields: serde_json::Map<String, serde_json::Value>,
    ) -> Option<Record> {
        let mut records = self.records();
        let record = records.get_mut(&id).filter(|r| r.owner == owner)?;
        record.fields.extend(fields);
        Some(record.clone())
    }
}

/// The authorize page's view of a pending request token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingAuthorization {
    pub consumer_key: String,
    pub callback: Callback,
    pub form_guard: String,
}

/// Why the authorize page cannot ask about a request token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthorizeError {
    Unknown,
    Expired,
    AlreadyDecided,
    BadFormGuard,
    /// The operating system's random generator failed.
    Unavailable,
}

impl AuthorizeError {
    /// A sentence for the error page.
    pub fn explanation(self) -> &'static str {
        match self {
            AuthorizeError::Unknown => "This request token is not known to this provider.",
            AuthorizeError::Expired => {
                "This request token has expired. Ask the application to start again."
            }
            AuthorizeError::AlreadyDecided => "A decision was already made for this request token.",
            AuthorizeError::BadFormGuard => {
                "The form did not come from this provider's authorization page."
            }
            AuthorizeError::Unavailable => "The provider cannot make a verifier right now.",
        }
    }
}

/// The [`CredentialStore`] of one endpoint: every registered consumer, and
/// only the tokens that endpoint accepts.
pub struct EndpointCredentials<'a> {
    state: &'a ProviderState,
    kind: TokenKind,
}

impl CredentialStore for EndpointCredentials<'_> {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        self.state
            .consumers
            .get(consumer_key)
            .map(|c| c.credentials.clone())
    }

    fn token(&self, token: &str) -> Option<TokenCredentials> {
        match self.kind {
            TokenKind::NoToken => None,
            // Every remembered request token, whatever its state: the
            // state is judged after the signature, so only the consumer
            // holding the secret learns it.
            TokenKind::Request => {
                self.state
                    .request_tokens()
                    .get(token)
                    .map(|t| TokenCredentials {
                        secret: t.secret.clone(),
                        consumer_key: t.consumer_key.clone(),
                    })
            }
            TokenKind::Access => self
                .state
                .access_tokens
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .get(token)
                .map(|t| TokenCredentials {
                    secret: t.secret.clone(),
                    consumer_key: t.consumer_key.clone(),
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(ttl: Duration) -> ProviderState {
        ProviderState::new(
            vec![Consumer {
                key: "ck".into(),
                name: "Test".into(),
                credentials: ConsumerCredentials::with_secret("cs"),
            }],
            ttl,
            "ada",
        )
    }

    fn approved(state: &ProviderState) -> (String, String) {
        let (token, _) = state
            .issue_request_token("ck", Callback::OutOfBand)
            .expect("token");
        let (_, verifier) = state.decide(&token, true, None).expect("approve");
        (token, verifier.expect("verifier"))
    }

    #[test]
    fn an_approved_request_token_is_exchanged_once() {
        let state = state(Duration::from_secs(60));
        let (token, verifier) = approved(&state);
        assert!(matches!(
            state.exchange(&token, &verifier),
            Exchange::Granted { .. }
        ));
        assert_eq!(state.exchange(&token, &verifier), Exchange::AlreadyUsed);
    }

    #[test]
    fn a_wrong_verifier_burns_the_request_token() {
        let state = state(Duration::from_secs(60));
        let (token, verifier) = approved(&state);
        assert_eq!(state.exchange(&token, "guess"), Exchange::WrongVerifier);
        assert_eq!(state.exchange(&token, &verifier), Exchange::AlreadyUsed);
    }

    #[test]
    fn pending_denied_and_expired_tokens_are_not_exchanged() {
        let state = state(Duration::from_secs(60));
        let (pending, _) = state
            .issue_request_token("ck", Callback::OutOfBand)
            .expect("token");
        assert_eq!(state.exchange(&pending, "x"), Exchange::NotYetDecided);
        state.decide(&pending, false, None).expect("deny");
        assert_eq!(state.exchange(&pending, "x"), Exchange::Denied);

        let short = self::state(Duration::ZERO);
        let (token, _) = short
            .issue_request_token("ck", Callback::OutOfBand)
            .expect("token");
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(short.exchange(&token, "x"), Exchange::Expired);
        assert_eq!(
            short.pending_authorization(&token),
            Err(AuthorizeError::Expired)
        );
    }

    #[test]
    fn a_decision_needs_the_pages_form_guard() {
        let state = state(Duration::from_secs(60));
        let (token, _) = state
            .issue_request_token("ck", Callback::OutOfBand)
            .expect("token");
        assert_eq!(
            state.decide(&token, true, Some("forged")),
            Err(AuthorizeError::BadFormGuard)
        );
        let guard = state
            .pending_authorization(&token)
            .expect("pending")
            .form_guard;
        assert!(state.decide(&token, true, Some(&guard)).is_ok());
        assert_eq!(
            state.decide(&token, true, Some(&guard)),
            Err(AuthorizeError::AlreadyDecided)
        );
    }

    #[test]
    fn each_endpoint_sees_only_its_kind_of_token() {
        let state = state(Duration::from_secs(60));
        let (request_token, verifier) = approved(&state);
        assert!(state
            .credentials(TokenKind::Request)
            .token(&request_token)
            .is_some());
        assert!(state
            .credentials(TokenKind::Access)
            .token(&request_token)
            .is_none());
        assert!(state
            .credentials(TokenKind::NoToken)
            .token(&request_token)
            .is_none());
        let Exchange::Granted { access_token, .. } = state.exchange(&request_token, &verifier)
        else {
            panic!("exchange failed");
        };
        assert!(state
            .credentials(TokenKind::Access)
            .token(&access_token)
            .is_some());
        assert!(state
            .credentials(TokenKind::Request)
            .token(&access_token)
            .is_none());
    }
}
