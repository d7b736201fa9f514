//! Replay protection (RFC 5849 s3.3, VERIFY.md step 12): a store that
//! checks and records `(consumer key, token, timestamp, nonce)` in one step.

use crate::provider::StoreError;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

/// The scope of a nonce: unique per timestamp, consumer and token (s3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NonceRecord<'a> {
    /// `oauth_consumer_key`.
    pub consumer_key: &'a str,
    /// `oauth_token`, or `""` for a request without a token.
    pub token: &'a str,
    /// `oauth_timestamp`, as an integer.
    pub timestamp: u64,
    /// `oauth_nonce`.
    pub nonce: &'a str,
}

/// A store of used nonces. The verifier calls it only for a request that
/// passed every other check, so forged requests cannot burn a client's nonces.
///
/// `check_and_record` must be atomic: two concurrent calls with the same
/// record must not both return `true` (a `SET NX` in Redis, a unique index
/// in SQL, a mutex here).
pub trait NonceStore: Send + Sync {
    /// Records `record` and returns `true` when it was not recorded yet;
    /// returns `false`, recording nothing, when it was (a replay).
    ///
    /// `now` is the verifier's clock and `window` its timestamp window, in
    /// seconds: a request with this timestamp is refused anyway once
    /// `timestamp + window < now`, so the record may be forgotten then.
    fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool;

    /// [`NonceStore::check_and_record`] of a store that can fail to answer
    /// (one on the network): `Err` when it could not check. The provider
    /// ([`crate::provider::Provider`]) then refuses the request with 503,
    /// never accepts it. The default calls `check_and_record`, which for
    /// such a store must answer `false` when it cannot check.
    fn try_check_and_record(
        &self,
        record: &NonceRecord<'_>,
        now: u64,
        window: u64,
    ) -> Result<bool, StoreError> {
        Ok(self.check_and_record(record, now, window))
    }
}

/// A shared or boxed store is the store it points to.
macro_rules! forward_nonce_store {
    ($($pointer:ident),*) => {$(
        impl<T: NonceStore + ?Sized> NonceStore for $pointer<T> {
            fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
                (**self).check_and_record(record, now, window)
            }
            fn try_check_and_record(
                &self,
                record: &NonceRecord<'_>,
                now: u64,
                window: u64,
            ) -> Result<bool, StoreError> {
                (**self).try_check_and_record(record, now, window)
            }
        }
    )*};
}
forward_nonce_store!(Arc, Box);

/// `true` once no request with this timestamp can pass the window check.
#[inline]
fn expired(timestamp: u64, now: u64, window: u64) -> bool {
    timestamp.saturating_add(window) < now
}

/// The default, in-memory [`NonceStore`] for one process. Records are kept
/// in one bucket per timestamp; buckets whose timestamp has left the window
/// are dropped on the next call, so memory holds at most one window's worth
/// of requests however many unique nonces arrive.
#[derive(Debug, Default)]
pub struct MemoryNonceStore {
    state: Mutex<Buckets>,
}

#[derive(Debug, Default)]
struct Buckets {
    by_timestamp: BTreeMap<u64, HashSet<Box<[u8]>>>,
    len: usize,
}

impl MemoryNonceStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryNonceStore::default()
    }

    /// The number of records held.
    pub fn len(&self) -> usize {
        self.lock().len
    }

    /// `true` when no record is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `true` when `record` is held (for tests and diagnostics; the
    /// verifier uses the atomic `check_and_record`).
    pub fn contains(&self, record: &NonceRecord<'_>) -> bool {
        self.lock()
            .by_timestamp
            .get(&record.timestamp)
            .is_some_and(|bucket| bucket.contains(&scope_key(record)[..]))
    }

    /// Drops every record whose timestamp has left the window at `now`.
    pub fn forget_expired(&self, now: u64, window: u64) {
        self.lock().forget_expired(now, window);
    }

    /// A poisoned lock only means another thread panicked while holding it;
    /// the sets stay consistent (one insert at a time), so keep going.
    fn lock(&self) -> MutexGuard<'_, Buckets> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Buckets {
    fn forget_expired(&mut self, now: u64, window: u64) {
        while let Some(entry) = self.by_timestamp.first_entry() {
            if !expired(*entry.key(), now, window) {
                break;
            }
            self.len -= entry.remove().len();
        }
    }
}

/// `consumer_key`, `token` and `nonce` as one unambiguous byte string:
/// the first two are length-prefixed, so no choice of values can collide.
fn scope_key(record: &NonceRecord<'_>) -> Box<[u8]> {
    let mut key =
        Vec::with_capacity(8 + record.consumer_key.len() + record.token.len() + record.nonce.len());
    for part in [record.consumer_key, record.token] {
        key.extend_from_slice(&(part.len() as u32).to_le_bytes());
        key.extend_from_slice(part.as_bytes());
    }
    key.extend_from_slice(record.nonce.as_bytes());
    key.into_boxed_slice()
}

impl NonceStore for MemoryNonceStore {
    fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
        let mut state = self.lock();
        state.forget_expired(now, window);
        if expired(record.timestamp, now, window) {
            // The window check refuses this timestamp already; keeping it
            // would only let memory grow.
            return true;
        }
        let fresh = state
            .by_timestamp
            .entry(record.timestamp)
            .or_default()
            .insert(scope_key(record));
        if fresh {
            state.len += 1;
        }
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record<'a>(
        consumer_key: &'a str,
        token: &'a str,
        timestamp: u64,
        nonce: &'a str,
    ) -> NonceRecord<'a> {
        NonceRecord {
            consumer_key,
            token,
            timestamp,
            nonce,
        }
    }

    #[test]
    fn step12_second_use_of_a_tuple_is_refused() {
        let store = MemoryNonceStore::new();
        let r = record("ck", "tk", 1000, "n1");
        assert!(store.check_and_record(&r, 1000, 300));
        assert!(!store.check_and_record(&r, 1001, 300));
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn step12_scope_is_consumer_token_timestamp_nonce() {
        let store = MemoryNonceStore::new();
        assert!(store.check_and_record(&record("ck", "tk", 1000, "n"), 1000, 300));
        assert!(store.check_and_record(&record("ck", "tk", 1001, "n"), 1000, 300));
        assert!(store.check_and_record(&record("ck", "", 1000, "n"), 1000, 300));
        assert!(store.check_and_record(&record("ck2", "tk", 1000, "n"), 1000, 300));
        // Length prefixes keep ("ab", "c") apart from ("a", "bc").
        assert!(store.check_and_record(&record("ab", "c", 1000, "n"), 1000, 300));
        assert!(store.check_and_record(&record("a", "bc", 1000, "n"), 1000, 300));
        assert_eq!(store.len(), 6);
    }

    #[test]
    fn records_are_forgotten_once_their_timestamp_leaves_the_window() {
        let store = MemoryNonceStore::new();
        assert!(store.check_and_record(&record("ck", "", 1000, "n"), 1000, 300));
        // Still needed at the window's edge (|now - ts| <= window is accepted).
        store.forget_expired(1300, 300);
        assert_eq!(store.len(), 1);
        store.forget_expired(1301, 300);
        assert!(store.is_empty());
        // A timestamp already outside the window is not kept.
        assert!(store.check_and_record(&record("ck", "", 1000, "n"), 2000, 300));
        assert!(store.is_empty());
    }

    /// Memory stays bounded: one million unique nonces over a simulated hour keep the
    /// store within one window's worth of records.
    #[test]
    fn a_million_unique_nonces_over_an_hour_stay_within_one_window() {
        const TOTAL: u64 = 1_000_000;
        const HOUR: u64 = 3600;
        const WINDOW: u64 = 300;
        // Clients' clocks run up to this many seconds behind.
        const MAX_SKEW: u64 = 60;
        let per_second = TOTAL.div_ceil(HOUR);
        let start = 1_700_000_000;
        let store = MemoryNonceStore::new();
        let mut nonce = String::with_capacity(16);
        let mut largest = 0;
        for i in 0..TOTAL {
            let now = start + i * HOUR / TOTAL;
            let timestamp = now - i % (MAX_SKEW + 1);
            nonce.clear();
            nonce.push_str(itoa_like(i, &mut [0u8; 20]));
            assert!(store.check_and_record(&record("ck", "tk", timestamp, &nonce), now, WINDOW));
            if i % 1024 == 0 {
                largest = largest.max(store.len());
            }
        }
        // A record lives from its arrival until its timestamp is WINDOW
        // seconds old: at most WINDOW + MAX_SKEW + 1 seconds of arrivals.
        let bound = (WINDOW + MAX_SKEW + 1) * per_second;
        assert!(
            largest as u64 <= bound,
            "store held {largest} records, bound {bound}"
        );
        assert!(store.len() as u64 <= bound);
        assert!(
            largest as u64 >= WINDOW * per_second / 2,
            "the test did fill a window ({largest})"
        );
    }

    /// Formats without allocating, so the million-record test stays fast in debug builds.
    fn itoa_like(mut n: u64, buf: &mut [u8; 20]) -> &str {
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        std::str::from_utf8(&buf[i..]).unwrap_or_default()
    }
}
