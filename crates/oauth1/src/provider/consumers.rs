//! The provider's registered consumers: one thread-safe table shared by the
//! provider, the C and Python bindings and `oauth1 serve`.

use crate::error::{Error, ErrorKind, Result};
use crate::secret::Secret;
use crate::verify::{ConsumerCredentials, CredentialStore, TokenCredentials};
use std::collections::HashMap;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// A consumer (client application) the provider knows.
#[derive(Clone, Debug)]
pub struct Consumer {
    /// `oauth_consumer_key`.
    pub key: String,
    /// The name shown to the user on the authorization page.
    pub name: String,
    /// Shared secret and/or RSA public key.
    pub credentials: ConsumerCredentials,
}

impl Consumer {
    /// A consumer with a non-empty key, a display name (the key when empty),
    /// and a shared secret, an RSA public key PEM or both
    /// ([`ConsumerCredentials::new`]).
    pub fn new(
        key: impl Into<String>,
        name: impl Into<String>,
        secret: Option<impl Into<Secret>>,
        rsa_public_key_pem: Option<&str>,
    ) -> Result<Consumer> {
        let key = key.into();
        if key.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                "a consumer key must not be empty",
            ));
        }
        let credentials = ConsumerCredentials::new(secret, rsa_public_key_pem)
            .map_err(|e| Error::new(e.kind(), format!("consumer {key:?}: {}", e.message())))?;
        let name = name.into();
        Ok(Consumer {
            name: if name.is_empty() { key.clone() } else { name },
            key,
            credentials,
        })
    }
}

/// Registered consumers by key, safe to share between threads (readers do
/// not block each other). Cloning shares the same table.
///
/// ```
/// use oauth1::provider::{Consumer, ConsumerTable};
/// let table = ConsumerTable::new();
/// table.insert(Consumer::new("ck", "My App", Some("cs"), None).unwrap());
/// assert_eq!(table.get("ck").unwrap().name, "My App");
/// ```
#[derive(Clone, Debug, Default)]
pub struct ConsumerTable {
    consumers: Arc<RwLock<HashMap<String, Arc<Consumer>>>>,
}

impl ConsumerTable {
    /// An empty table.
    pub fn new() -> Self {
        ConsumerTable::default()
    }

    /// A table holding `consumers` (a later one with the same key wins).
    pub fn with_consumers(consumers: impl IntoIterator<Item = Consumer>) -> Self {
        let table = ConsumerTable::new();
        for consumer in consumers {
            table.insert(consumer);
        }
        table
    }

    // A poisoned lock only means another thread panicked holding it; each
    // write is one map operation, so the map is consistent.
    fn read(&self) -> RwLockReadGuard<'_, HashMap<String, Arc<Consumer>>> {
        self.consumers.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, HashMap<String, Arc<Consumer>>> {
        self.consumers.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds or replaces a consumer; returns the one it replaced.
    pub fn insert(&self, consumer: Consumer) -> Option<Arc<Consumer>> {
        self.write()
            .insert(consumer.key.clone(), Arc::new(consumer))
    }

    /// Removes a consumer; `true` when it was there.
    pub fn remove(&self, key: &str) -> bool {
        self.write().remove(key).is_some()
    }

    /// The consumer with this key.
    pub fn get(&self, key: &str) -> Option<Arc<Consumer>> {
        self.read().get(key).cloned()
    }

    /// Every consumer, sorted by key.
    pub fn list(&self) -> Vec<Arc<Consumer>> {
        let mut all: Vec<Arc<Consumer>> = self.read().values().cloned().collect();
        all.sort_by(|a, b| a.key.cmp(&b.key));
        all
    }

    /// The number of consumers.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// `true` when no consumer is registered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Consumers only: every token is unknown.
impl CredentialStore for ConsumerTable {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        self.read().get(consumer_key).map(|c| c.credentials.clone())
    }

    fn token(&self, _token: &str) -> Option<TokenCredentials> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_consumer_needs_a_key_and_a_secret_or_an_rsa_key() {
        assert!(Consumer::new("", "n", Some("cs"), None).is_err());
        let neither = Consumer::new("ck", "n", None::<&str>, None).unwrap_err();
        assert_eq!(neither.kind(), ErrorKind::InvalidParameter);
        assert!(
            neither.message().contains("\"ck\""),
            "{}",
            neither.message()
        );
        let bad_pem = Consumer::new("ck", "n", None::<&str>, Some("x")).unwrap_err();
        assert_eq!(bad_pem.kind(), ErrorKind::InvalidKey);
        assert_eq!(
            Consumer::new("ck", "", Some("cs"), None).unwrap().name,
            "ck"
        );
    }

    #[test]
    fn the_table_is_shared_by_its_clones_and_across_threads() {
        let table = ConsumerTable::new();
        let clone = table.clone();
        let writer = std::thread::spawn(move || {
            for i in 0..100 {
                clone.insert(Consumer::new(format!("ck{i}"), "", Some("cs"), None).unwrap());
            }
        });
        writer.join().unwrap();
        assert_eq!(table.len(), 100);
        assert!(table.consumer("ck7").is_some());
        assert!(table.remove("ck7"));
        assert!(table.get("ck7").is_none());
        assert_eq!(table.list()[0].key, "ck0");
    }
}
