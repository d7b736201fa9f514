//! Where the provider keeps its tokens: the [`TokenStore`] trait (beside the
//! verifier's [`crate::NonceStore`]), the records it holds, and the error a
//! store that cannot be reached answers with.

use super::callback::Callback;
use crate::encoding::{form_decode, form_encode};
use crate::secret::Secret;
use std::fmt;

/// A store that could not answer (a network store unreachable, a timeout).
/// The provider refuses the request with 503 and this message; it never
/// accepts a request it could not check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError {
    store: String,
    message: String,
}

impl StoreError {
    /// An error of the store named `store` (e.g. `redis://127.0.0.1:6379/0`).
    pub fn new(store: impl Into<String>, message: impl Into<String>) -> Self {
        StoreError {
            store: store.into(),
            message: message.into(),
        }
    }

    /// The store's name.
    pub fn store(&self) -> &str {
        &self.store
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the store {} is unavailable: {}",
            self.store, self.message
        )
    }
}

impl std::error::Error for StoreError {}

/// A request token (temporary credentials, RFC 5849 s2.1) as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestTokenRecord {
    /// The token secret.
    pub secret: Secret,
    /// The consumer it was issued to.
    pub consumer_key: String,
    /// Where the user goes after deciding.
    pub callback: Callback,
    /// A value the authorization page's form must send back, so another
    /// site cannot post a decision for a page the user never saw.
    pub form_guard: String,
    /// Until when (Unix milliseconds) it can be authorized and exchanged.
    pub expires_at_ms: u64,
}

/// Where a request token is in its life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Issued; the user has not decided yet.
    Pending,
    /// Approved by `user`; `verifier` must come back with the exchange.
    Approved {
        /// `oauth_verifier`.
        verifier: Secret,
        /// The resource owner who approved.
        user: String,
    },
    /// Denied by the user.
    Denied,
    /// Exchanged for an access token, or burnt by a wrong verifier.
    Used,
}

/// An access token (token credentials, s2.3) as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessTokenRecord {
    /// The token secret.
    pub secret: Secret,
    /// The consumer it was issued to.
    pub consumer_key: String,
    /// The resource owner it acts for.
    pub user: String,
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The string forms below are what network stores keep, so that every
/// store (Rust, or Python's redis-py one) reads what another wrote.
impl RequestTokenRecord {
    /// The record as one form-encoded string.
    pub fn encode(&self) -> String {
        let expires = self.expires_at_ms.to_string();
        form_encode([
            ("secret", self.secret.expose()),
            ("consumer", self.consumer_key.as_str()),
            ("callback", self.callback.as_str()),
            ("guard", self.form_guard.as_str()),
            ("expires", expires.as_str()),
        ])
    }

    /// Reads [`RequestTokenRecord::encode`]'s string.
    pub fn decode(text: &str) -> Option<RequestTokenRecord> {
        let pairs = form_decode(text, "stored request token").ok()?;
        let callback = match field(&pairs, "callback")? {
            "oob" => Callback::OutOfBand,
            url => Callback::Url(url.to_owned()),
        };
        Some(RequestTokenRecord {
            secret: Secret::new(field(&pairs, "secret")?),
            consumer_key: field(&pairs, "consumer")?.to_owned(),
            callback,
            form_guard: field(&pairs, "guard")?.to_owned(),
            expires_at_ms: field(&pairs, "expires")?.parse().ok()?,
        })
    }
}

impl Decision {
    /// The decision as one string: `pending`, `denied`, `used`, or
    /// `approved&verifier=...&user=...`.
    pub fn encode(&self) -> String {
        match self {
            Decision::Pending => "pending".to_owned(),
            Decision::Denied => "denied".to_owned(),
            Decision::Used => "used".to_owned(),
            Decision::Approved { verifier, user } => format!(
                "approved&{}",
                form_encode([("verifier", verifier.expose()), ("user", user.as_str())])
            ),
        }
    }

    /// Reads [`Decision::encode`]'s string.
    pub fn decode(text: &str) -> Option<Decision> {
        match text {
            "pending" => Some(Decision::Pending),
            "denied" => Some(Decision::Denied),
            "used" => Some(Decision::Used),
            _ => {
                let pairs = form_decode(text.strip_prefix("approved&")?, "stored decision").ok()?;
                Some(Decision::Approved {
                    verifier: Secret::new(field(&pairs, "verifier")?),
                    user: field(&pairs, "user")?.to_owned(),
                })
            }
        }
    }
}

impl AccessTokenRecord {
    /// The record as one form-encoded string.
    pub fn encode(&self) -> String {
        form_encode([
            ("secret", self.secret.expose()),
            ("consumer", self.consumer_key.as_str()),
            ("user", self.user.as_str()),
        ])
    }

    /// Reads [`AccessTokenRecord::encode`]'s string.
    pub fn decode(text: &str) -> Option<AccessTokenRecord> {
        let pairs = form_decode(text, "stored access token").ok()?;
        Some(AccessTokenRecord {
            secret: Secret::new(field(&pairs, "secret")?),
            consumer_key: field(&pairs, "consumer")?.to_owned(),
            user: field(&pairs, "user")?.to_owned(),
        })
    }
}

/// The provider's token storage. Every method that changes a token is one
/// atomic step, so providers sharing a store (several processes on one
/// Redis) cannot both win a race: two exchanges of one verifier give one
/// access token.
///
/// `now_ms` is the provider's clock (Unix milliseconds); `keep_ms` how long
/// the store must keep a record, after which it may forget it. Records the
/// store has forgotten are answered as unknown (`Ok(None)`).
pub trait TokenStore: Send + Sync {
    /// The store's name, for messages (e.g. `memory`, `redis://h:6379/0`).
    fn name(&self) -> String;

    /// Stores a new request token, [`Decision::Pending`].
    fn insert_request_token(
        &self,
        token: &str,
        record: &RequestTokenRecord,
        keep_ms: u64,
        now_ms: u64,
    ) -> Result<(), StoreError>;

    /// A request token and its decision.
    fn request_token(
        &self,
        token: &str,
        now_ms: u64,
    ) -> Result<Option<(RequestTokenRecord, Decision)>, StoreError>;

    /// Sets `decision` if the token is [`Decision::Pending`], atomically;
    /// returns the decision it found (`Pending` when this call decided),
    /// `None` for an unknown token.
    fn decide(
        &self,
        token: &str,
        decision: &Decision,
        now_ms: u64,
    ) -> Result<Option<Decision>, StoreError>;

    /// Marks the token [`Decision::Used`], atomically, and returns the
    /// decision it had (`None` for an unknown token): of concurrent calls,
    /// one alone sees `Approved`.
    fn consume(&self, token: &str, now_ms: u64) -> Result<Option<Decision>, StoreError>;

    /// Stores a new access token.
    fn insert_access_token(
        &self,
        token: &str,
        record: &AccessTokenRecord,
        keep_ms: u64,
        now_ms: u64,
    ) -> Result<(), StoreError>;

    /// An access token.
    fn access_token(
        &self,
        token: &str,
        now_ms: u64,
    ) -> Result<Option<AccessTokenRecord>, StoreError>;

    /// Forgets a request or access token; `true` when one was there.
    fn revoke(&self, token: &str) -> Result<bool, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_their_string_form() {
        let record = RequestTokenRecord {
            secret: Secret::new("s&=%"),
            consumer_key: "c k".into(),
            callback: Callback::Url("http://c/cb?a=1&b=2#f".into()),
            form_guard: "g".into(),
            expires_at_ms: 1_700_000_000_123,
        };
        assert_eq!(RequestTokenRecord::decode(&record.encode()), Some(record));
        for decision in [
            Decision::Pending,
            Decision::Denied,
            Decision::Used,
            Decision::Approved {
                verifier: Secret::new("v&x"),
                user: "ada lovelace".into(),
            },
        ] {
            assert_eq!(Decision::decode(&decision.encode()), Some(decision));
        }
        let access = AccessTokenRecord {
            secret: Secret::new("s"),
            consumer_key: "ck".into(),
            user: "u".into(),
        };
        assert_eq!(AccessTokenRecord::decode(&access.encode()), Some(access));
        assert_eq!(Decision::decode("approved"), None);
        assert_eq!(RequestTokenRecord::decode("secret=s"), None);
    }
}
