//! Where the verifier finds the provider's secrets: a small lookup trait the
//! provider implements over its own store, and an in-memory table.

use crate::error::{Error, ErrorKind, Result};
use crate::secret::Secret;
use crate::signature::parse_rsa_public_key;
use rsa::RsaPublicKey;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// What the provider knows about a consumer (client).
#[derive(Clone, Default)]
pub struct ConsumerCredentials {
    /// The shared secret for HMAC-* and PLAINTEXT; `None` for an RSA-only consumer.
    pub secret: Option<Secret>,
    /// The public key for RSA-*; `None` when the consumer has none.
    pub rsa_public_key: Option<Arc<RsaPublicKey>>,
}

impl ConsumerCredentials {
    /// A consumer's credentials: a shared secret (HMAC-*, PLAINTEXT), an RSA
    /// public key PEM (`BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`, for
    /// RSA-*), or both. The one place the rule "a consumer has a secret
    /// and/or an RSA key" is checked: neither is refused with
    /// `invalid_parameter`, a PEM that cannot be parsed with `invalid_key`.
    ///
    /// ```
    /// use oauth1::ConsumerCredentials;
    /// assert!(ConsumerCredentials::new(Some("cs"), None).is_ok());
    /// assert!(ConsumerCredentials::new(None::<&str>, None).is_err());
    /// ```
    pub fn new(
        secret: Option<impl Into<Secret>>,
        rsa_public_key_pem: Option<&str>,
    ) -> Result<Self> {
        if secret.is_none() && rsa_public_key_pem.is_none() {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                "a consumer needs a shared secret, an RSA public key, or both",
            ));
        }
        let credentials = ConsumerCredentials {
            secret: secret.map(Into::into),
            rsa_public_key: None,
        };
        match rsa_public_key_pem {
            Some(pem) => credentials.rsa_public_key_pem(pem),
            None => Ok(credentials),
        }
    }

    /// A consumer with a shared secret only.
    pub fn with_secret(secret: impl Into<Secret>) -> Self {
        ConsumerCredentials {
            secret: Some(secret.into()),
            rsa_public_key: None,
        }
    }

    /// Adds an RSA public key given as PEM (`BEGIN PUBLIC KEY` or
    /// `BEGIN RSA PUBLIC KEY`). Refused with `invalid_key` when it cannot
    /// be parsed.
    pub fn rsa_public_key_pem(mut self, pem: &str) -> Result<Self> {
        self.rsa_public_key = Some(Arc::new(parse_rsa_public_key(pem)?));
        Ok(self)
    }
}

impl fmt::Debug for ConsumerCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsumerCredentials")
            .field("secret", &self.secret)
            .field("rsa_public_key", &self.rsa_public_key.is_some())
            .finish()
    }
}

/// What the provider knows about a token (temporary or access credentials).
#[derive(Clone, Debug)]
pub struct TokenCredentials {
    /// The token secret.
    pub secret: Secret,
    /// The consumer key the token was issued to; a token is refused when
    /// another consumer presents it.
    pub consumer_key: String,
}

/// Looks up credentials by key. Implement it over a database or a cache;
/// the verifier looks up the consumer and the token at most once each per
/// request, and only after the request passed its format checks.
///
/// Lookups return owned values so an implementation can answer from a
/// callback (C) or a callable (Python) without lending out its storage.
/// A store that holds its records in memory may also lend them, through
/// [`CredentialStore::lend_consumer`] and [`CredentialStore::lend_token`]:
/// the verifier calls those, whose defaults call `consumer` and `token`,
/// so that [`MemoryCredentials`] spares a copy of the secrets.
pub trait CredentialStore {
    /// The consumer with this key, or `None` when it is unknown.
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials>;
    /// The token with this value, or `None` when it is unknown.
    fn token(&self, token: &str) -> Option<TokenCredentials>;

    /// The consumer with this key, borrowed when the store can lend it.
    /// The default answers with [`CredentialStore::consumer`].
    fn lend_consumer(&self, consumer_key: &str) -> Option<Cow<'_, ConsumerCredentials>> {
        self.consumer(consumer_key).map(Cow::Owned)
    }

    /// The token with this value, borrowed when the store can lend it.
    /// The default answers with [`CredentialStore::token`].
    fn lend_token(&self, token: &str) -> Option<Cow<'_, TokenCredentials>> {
        self.token(token).map(Cow::Owned)
    }
}

impl<T: CredentialStore + ?Sized> CredentialStore for &T {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        (**self).consumer(consumer_key)
    }
    fn token(&self, token: &str) -> Option<TokenCredentials> {
        (**self).token(token)
    }
    fn lend_consumer(&self, consumer_key: &str) -> Option<Cow<'_, ConsumerCredentials>> {
        (**self).lend_consumer(consumer_key)
    }
    fn lend_token(&self, token: &str) -> Option<Cow<'_, TokenCredentials>> {
        (**self).lend_token(token)
    }
}

/// An in-memory [`CredentialStore`]: two maps filled by `insert_*`.
///
/// ```
/// use oauth1::MemoryCredentials;
/// let mut creds = MemoryCredentials::new();
/// creds.insert_consumer("ck", "cs");
/// creds.insert_token("tk", "ts", "ck");
/// assert_eq!(creds.consumer_count(), 1);
/// ```
#[derive(Clone, Debug, Default)]
pub struct MemoryCredentials {
    consumers: HashMap<String, ConsumerCredentials>,
    tokens: HashMap<String, TokenCredentials>,
}

impl MemoryCredentials {
    /// An empty table.
    pub fn new() -> Self {
        MemoryCredentials::default()
    }

    /// Adds (or replaces) a consumer with a shared secret.
    pub fn insert_consumer(&mut self, consumer_key: impl Into<String>, secret: impl Into<Secret>) {
        self.consumers.insert(
            consumer_key.into(),
            ConsumerCredentials::with_secret(secret),
        );
    }

    /// Adds (or replaces) a consumer with a secret, an RSA public key PEM, or
    /// both; refused as [`ConsumerCredentials::new`] refuses.
    pub fn insert_consumer_with(
        &mut self,
        consumer_key: impl Into<String>,
        secret: Option<&str>,
        rsa_public_key_pem: Option<&str>,
    ) -> Result<()> {
        let consumer = ConsumerCredentials::new(secret, rsa_public_key_pem)?;
        self.consumers.insert(consumer_key.into(), consumer);
        Ok(())
    }

    /// Adds (or replaces) a consumer's full record.
    pub fn insert_consumer_credentials(
        &mut self,
        consumer_key: impl Into<String>,
        consumer: ConsumerCredentials,
    ) {
        self.consumers.insert(consumer_key.into(), consumer);
    }

    /// Adds (or replaces) a token issued to `consumer_key`.
    pub fn insert_token(
        &mut self,
        token: impl Into<String>,
        secret: impl Into<Secret>,
        consumer_key: impl Into<String>,
    ) {
        self.tokens.insert(
            token.into(),
            TokenCredentials {
                secret: secret.into(),
                consumer_key: consumer_key.into(),
            },
        );
    }

    /// Removes a consumer; `true` when it was there.
    pub fn remove_consumer(&mut self, consumer_key: &str) -> bool {
        self.consumers.remove(consumer_key).is_some()
    }

    /// Removes a token (e.g. once exchanged or revoked); `true` when it was there.
    pub fn remove_token(&mut self, token: &str) -> bool {
        self.tokens.remove(token).is_some()
    }

    /// The number of consumers.
    pub fn consumer_count(&self) -> usize {
        self.consumers.len()
    }

    /// The number of tokens.
    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }
}

impl CredentialStore for MemoryCredentials {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        self.consumers.get(consumer_key).cloned()
    }

    fn token(&self, token: &str) -> Option<TokenCredentials> {
        self.tokens.get(token).cloned()
    }

    fn lend_consumer(&self, consumer_key: &str) -> Option<Cow<'_, ConsumerCredentials>> {
        self.consumers.get(consumer_key).map(Cow::Borrowed)
    }

    fn lend_token(&self, token: &str) -> Option<Cow<'_, TokenCredentials>> {
        self.tokens.get(token).map(Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn secrets_are_redacted_in_debug() {
        let mut creds = MemoryCredentials::new();
        creds.insert_consumer("ck", "very-secret-1");
        creds.insert_token("tk", "very-secret-2", "ck");
        let shown = format!("{creds:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
    }

    #[test]
    fn a_bad_public_key_pem_is_refused() {
        let mut creds = MemoryCredentials::new();
        let err = creds
            .insert_consumer_with(
                "ck",
                None,
                Some("-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----"),
            )
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert_eq!(creds.consumer_count(), 0);
    }
}
