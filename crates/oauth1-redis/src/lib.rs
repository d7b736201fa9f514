//! The stores of [`oauth1::provider`] on Redis, so that several provider
//! processes sharing one Redis behave as one provider: a request token
//! issued by one is authorized on another and exchanged on a third, a
//! nonce used on one is refused on all, and of concurrent exchanges of one
//! verifier exactly one gets an access token.
//!
//! - Nonces: one atomic `SET oauth1:n:{consumer}:{token}:{timestamp}:{nonce} 1 NX EX {ttl}`
//!   (each part percent-encoded, so no `:` in a key can make two scopes
//!   collide); the ttl lasts until the timestamp leaves the window, future
//!   skew included.
//! - Request tokens: `oauth1:rt:{token}` (the record) and `oauth1:rd:{token}`
//!   (its decision), both with `PX`; a decision is set by a script only
//!   when it is still `pending`, and the exchange takes the decision with
//!   one `SET ... XX KEEPTTL GET`, so single use holds across processes.
//! - Access tokens: `oauth1:at:{token}` with `PX`.
//!
//! A Redis that cannot be reached gives a [`StoreError`] naming it; the
//! provider answers 503 and accepts nothing.
//!
//! ```no_run
//! use oauth1::provider::{ConsumerTable, Provider};
//! use oauth1_redis::RedisStore;
//! use std::sync::Arc;
//! let store = Arc::new(RedisStore::open("redis://127.0.0.1:6379/0")?);
//! let provider = Provider::new(ConsumerTable::new())
//!     .token_store(store.clone())
//!     .nonce_store(store);
//! # Ok::<(), oauth1::provider::StoreError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod testing;

use oauth1::percent_encode;
use oauth1::provider::{AccessTokenRecord, Decision, RequestTokenRecord, StoreError, TokenStore};
use oauth1::{NonceRecord, NonceStore};
use redis::{Client, Connection, Script};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Duration;

/// How long connecting, and each command, may take before the store is
/// reported unavailable.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);

/// Connections kept open for reuse at most.
const POOL_SIZE: usize = 16;

/// Sets the decision of a request token that is still pending; returns the
/// decision found (nil for an unknown token).
const DECIDE: &str = r"
local current = redis.call('GET', KEYS[1])
if current == 'pending' then
  redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
end
return current
";

fn decide_script() -> &'static Script {
    static SCRIPT: OnceLock<Script> = OnceLock::new();
    SCRIPT.get_or_init(|| Script::new(DECIDE))
}

/// Token and nonce store on one Redis database. Thread-safe; connections
/// are pooled and dropped after an error, so a restarted Redis is used
/// again at the next call.
pub struct RedisStore {
    client: Client,
    name: String,
    timeout: Duration,
    pool: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("name", &self.name)
            .finish()
    }
}

/// The URL without its password, for messages.
fn display_name(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

fn key(kind: &str, token: &str) -> String {
    format!("oauth1:{kind}:{}", percent_encode(token))
}

impl RedisStore {
    /// A store on `url` (`redis://HOST:PORT/DB`). Does not connect yet:
    /// a Redis that is down is reported by the calls that need it.
    pub fn open(url: &str) -> Result<RedisStore, StoreError> {
        let name = display_name(url);
        let client = Client::open(url).map_err(|e| StoreError::new(&name, e.to_string()))?;
        Ok(RedisStore {
            client,
            name,
            timeout: DEFAULT_TIMEOUT,
            pool: Mutex::new(Vec::new()),
        })
    }

    /// Sets how long connecting and each command may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn pool(&self) -> MutexGuard<'_, Vec<Connection>> {
        self.pool.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn error(&self, error: redis::RedisError) -> StoreError {
        StoreError::new(&self.name, error.to_string())
    }

    /// Runs `command` on a pooled connection; a connection that failed is
    /// dropped, not returned to the pool.
    fn with<T>(
        &self,
        command: impl FnOnce(&mut Connection) -> redis::RedisResult<T>,
    ) -> Result<T, StoreError> {
        let pooled = self.pool().pop();
        let mut connection = match pooled {
            Some(connection) => connection,
            None => {
                let connection = self
                    .client
                    .get_connection_with_timeout(self.timeout)
                    .map_err(|e| self.error(e))?;
                connection
                    .set_read_timeout(Some(self.timeout))
                    .and_then(|()| connection.set_write_timeout(Some(self.timeout)))
                    .map_err(|e| self.error(e))?;
                connection
            }
        };
        match command(&mut connection) {
            Ok(value) => {
                let mut pool = self.pool();
                if pool.len() < POOL_SIZE {
                    pool.push(connection);
                }
                Ok(value)
            }
            Err(error) => Err(self.error(error)),
        }
    }

    /// Deletes every key of this crate (`oauth1:*`) in the database: for tests.
    pub fn clear(&self) -> Result<(), StoreError> {
        self.with(|c| {
            let keys: Vec<String> = redis::cmd("KEYS").arg("oauth1:*").query(c)?;
            if !keys.is_empty() {
                redis::cmd("DEL").arg(keys).query::<()>(c)?;
            }
            Ok(())
        })
    }

    /// The number of keys in the database (`DBSIZE`): for tests.
    pub fn key_count(&self) -> Result<u64, StoreError> {
        self.with(|c| redis::cmd("DBSIZE").query(c))
    }
}

fn decode_decision(name: &str, text: Option<String>) -> Result<Option<Decision>, StoreError> {
    text.map(|t| {
        Decision::decode(&t)
            .ok_or_else(|| StoreError::new(name, "a stored decision cannot be read"))
    })
    .transpose()
}

impl TokenStore for RedisStore {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn insert_request_token(
        &self,
        token: &str,
        record: &RequestTokenRecord,
        keep_ms: u64,
        _now_ms: u64,
    ) -> Result<(), StoreError> {
        self.with(|c| {
            redis::pipe()
                .atomic()
                .cmd("SET")
                .arg(key("rt", token))
                .arg(record.encode())
                .arg("PX")
                .arg(keep_ms.max(1))
                .ignore()
                .cmd("SET")
                .arg(key("rd", token))
                .arg(Decision::Pending.encode())
                .arg("PX")
                .arg(keep_ms.max(1))
                .ignore()
                .query(c)
        })
    }

    fn request_token(
        &self,
        token: &str,
        _now_ms: u64,
    ) -> Result<Option<(RequestTokenRecord, Decision)>, StoreError> {
        let (record, decision): (Option<String>, Option<String>) = self.with(|c| {
            redis::cmd("MGET")
                .arg(key("rt", token))
                .arg(key("rd", token))
                .query(c)
        })?;
        let (Some(record), Some(decision)) = (record, decision) else {
            return Ok(None);
        };
        let record = RequestTokenRecord::decode(&record)
            .ok_or_else(|| StoreError::new(&self.name, "a stored request token cannot be read"))?;
        let decision = decode_decision(&self.name, Some(decision))?;
        Ok(decision.map(|d| (record, d)))
    }

    fn decide(
        &self,
        token: &str,
        decision: &Decision,
        _now_ms: u64,
    ) -> Result<Option<Decision>, StoreError> {
        let found: Option<String> = self.with(|c| {
            decide_script()
                .key(key("rd", token))
                .arg(decision.encode())
                .invoke(c)
        })?;
        decode_decision(&self.name, found)
    }

    fn consume(&self, token: &str, _now_ms: u64) -> Result<Option<Decision>, StoreError> {
        let found: Option<String> = self.with(|c| {
            redis::cmd("SET")
                .arg(key("rd", token))
                .arg(Decision::Used.encode())
                .arg("XX")
                .arg("KEEPTTL")
                .arg("GET")
                .query(c)
        })?;
        decode_decision(&self.name, found)
    }

    fn insert_access_token(
        &self,
        token: &str,
        record: &AccessTokenRecord,
        keep_ms: u64,
        _now_ms: u64,
    ) -> Result<(), StoreError> {
        self.with(|c| {
            redis::cmd("SET")
                .arg(key("at", token))
                .arg(record.encode())
                .arg("PX")
                .arg(keep_ms.max(1))
                .query(c)
        })
    }

    fn access_token(
        &self,
        token: &str,
        _now_ms: u64,
    ) -> Result<Option<AccessTokenRecord>, StoreError> {
        let found: Option<String> =
            self.with(|c| redis::cmd("GET").arg(key("at", token)).query(c))?;
        found
            .map(|text| {
                AccessTokenRecord::decode(&text).ok_or_else(|| {
                    StoreError::new(&self.name, "a stored access token cannot be read")
                })
            })
            .transpose()
    }

    fn revoke(&self, token: &str) -> Result<bool, StoreError> {
        let removed: u64 = self.with(|c| {
            redis::cmd("DEL")
                .arg(key("rt", token))
                .arg(key("rd", token))
                .arg(key("at", token))
                .query(c)
        })?;
        Ok(removed > 0)
    }
}

/// The nonce's key: each part percent-encoded, so `:` inside a consumer
/// key or token cannot make two scopes meet.
fn nonce_key(record: &NonceRecord<'_>) -> String {
    format!(
        "oauth1:n:{}:{}:{}:{}",
        percent_encode(record.consumer_key),
        percent_encode(record.token),
        record.timestamp,
        percent_encode(record.nonce)
    )
}

impl NonceStore for RedisStore {
    /// Refuses (`false`) when Redis cannot answer: never accepts unchecked.
    fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
        self.try_check_and_record(record, now, window)
            .unwrap_or(false)
    }

    fn try_check_and_record(
        &self,
        record: &NonceRecord<'_>,
        now: u64,
        window: u64,
    ) -> Result<bool, StoreError> {
        // Needed until the timestamp leaves the window: `timestamp + window`
        // (later than now + window for a clock running ahead).
        let forget_at = record.timestamp.saturating_add(window);
        if forget_at < now {
            // The window check refuses it anyway; nothing to keep.
            return Ok(true);
        }
        let ttl = forget_at - now + 1;
        let set: Option<String> = self.with(|c| {
            redis::cmd("SET")
                .arg(nonce_key(record))
                .arg(1)
                .arg("NX")
                .arg("EX")
                .arg(ttl)
                .query(c)
        })?;
        Ok(set.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_leaves_the_password_out() {
        assert_eq!(
            display_name("redis://:hunter2@127.0.0.1:6379/0"),
            "redis://127.0.0.1:6379/0"
        );
        assert_eq!(display_name("redis://h:1/2"), "redis://h:1/2");
    }

    #[test]
    fn nonce_keys_keep_scopes_apart() {
        let a = NonceRecord {
            consumer_key: "a:b",
            token: "",
            timestamp: 1,
            nonce: "n",
        };
        let b = NonceRecord {
            consumer_key: "a",
            token: "b",
            timestamp: 1,
            nonce: "n",
        };
        assert_ne!(nonce_key(&a), nonce_key(&b));
        assert_eq!(nonce_key(&b), "oauth1:n:a:b:1:n");
    }

    #[test]
    fn an_unreachable_redis_is_an_error_naming_it_and_no_nonce_is_accepted() {
        let store = RedisStore::open("redis://127.0.0.1:1/0")
            .unwrap()
            .timeout(Duration::from_millis(200));
        let record = NonceRecord {
            consumer_key: "ck",
            token: "",
            timestamp: 100,
            nonce: "n",
        };
        let error = store.try_check_and_record(&record, 100, 300).unwrap_err();
        assert_eq!(error.store(), "redis://127.0.0.1:1/0");
        assert!(!store.check_and_record(&record, 100, 300));
        assert!(store.request_token("rt", 0).is_err());
    }
}
