//! The in-memory [`TokenStore`] of one process: O(1) expiry per operation
//! and a bounded number of records.

use super::store::{AccessTokenRecord, Decision, RequestTokenRecord, StoreError, TokenStore};
use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

/// How many expired records one operation forgets at most: more than one,
/// so the queue drains faster than inserts fill it, and few, so no call
/// pays for a backlog.
const FORGET_PER_OPERATION: usize = 4;

/// Records of one kind, in a map for lookups and a queue in insertion
/// order for expiry. With one lifetime per kind the queue is also in
/// expiry order, so the expired records are at its front: each operation
/// looks at the front only, never at every record.
#[derive(Debug)]
struct Table<V> {
    map: HashMap<String, Slot<V>>,
    /// `(forget at, generation, token)`; entries whose generation no longer
    /// matches the map's (revoked, or replaced) are skipped.
    queue: VecDeque<(u64, u64, String)>,
    capacity: usize,
    next_generation: u64,
}

#[derive(Debug)]
struct Slot<V> {
    forget_at_ms: u64,
    generation: u64,
    value: V,
}

impl<V> Table<V> {
    fn new(capacity: usize) -> Self {
        Table {
            map: HashMap::new(),
            queue: VecDeque::new(),
            capacity: capacity.max(1),
            next_generation: 0,
        }
    }

    fn pop_front(&mut self) {
        if let Some((_, generation, token)) = self.queue.pop_front() {
            if self
                .map
                .get(&token)
                .is_some_and(|s| s.generation == generation)
            {
                self.map.remove(&token);
            }
        }
    }

    /// Forgets a few expired records from the front of the queue.
    fn forget_expired(&mut self, now_ms: u64) {
        for _ in 0..FORGET_PER_OPERATION {
            match self.queue.front() {
                Some(&(forget_at, _, _)) if forget_at <= now_ms => self.pop_front(),
                _ => break,
            }
        }
    }

    fn insert(&mut self, token: &str, value: V, keep_ms: u64, now_ms: u64) {
        self.forget_expired(now_ms);
        // Full: the oldest record goes, so memory stays bounded whatever
        // the rate of issues.
        while self.queue.len() >= self.capacity {
            self.pop_front();
        }
        let generation = self.next_generation;
        self.next_generation += 1;
        let forget_at_ms = now_ms.saturating_add(keep_ms);
        self.queue
            .push_back((forget_at_ms, generation, token.to_owned()));
        self.map.insert(
            token.to_owned(),
            Slot {
                forget_at_ms,
                generation,
                value,
            },
        );
    }

    fn get_mut(&mut self, token: &str, now_ms: u64) -> Option<&mut V> {
        self.forget_expired(now_ms);
        self.map
            .get_mut(token)
            .filter(|slot| slot.forget_at_ms > now_ms)
            .map(|slot| &mut slot.value)
    }

    fn remove(&mut self, token: &str) -> bool {
        // Its queue entry stays until it reaches the front; the generation
        // check makes it harmless.
        self.map.remove(token).is_some()
    }

    fn len(&self) -> usize {
        self.map.len()
    }
}

#[derive(Debug)]
struct Tables {
    request_tokens: Table<(RequestTokenRecord, Decision)>,
    access_tokens: Table<AccessTokenRecord>,
}

/// The default [`TokenStore`]: tokens in memory, for one process.
///
/// Each operation forgets at most a few expired records (no scan of every
/// token); at most `request_tokens` request tokens and `access_tokens`
/// access tokens are kept, the oldest going first when a table is full.
///
/// ```
/// use oauth1::provider::MemoryTokenStore;
/// let store = MemoryTokenStore::with_capacity(1000, 1000);
/// assert_eq!(store.request_token_count(), 0);
/// ```
#[derive(Debug)]
pub struct MemoryTokenStore {
    tables: Mutex<Tables>,
}

/// The default capacity of each table.
pub const DEFAULT_TOKEN_CAPACITY: usize = 100_000;

impl Default for MemoryTokenStore {
    fn default() -> Self {
        MemoryTokenStore::with_capacity(DEFAULT_TOKEN_CAPACITY, DEFAULT_TOKEN_CAPACITY)
    }
}

impl MemoryTokenStore {
    /// A store keeping [`DEFAULT_TOKEN_CAPACITY`] tokens of each kind at most.
    pub fn new() -> Self {
        MemoryTokenStore::default()
    }

    /// A store keeping at most this many request and access tokens.
    pub fn with_capacity(request_tokens: usize, access_tokens: usize) -> Self {
        MemoryTokenStore {
            tables: Mutex::new(Tables {
                request_tokens: Table::new(request_tokens),
                access_tokens: Table::new(access_tokens),
            }),
        }
    }

    // A poisoned lock only means another thread panicked holding it; every
    // change is one map and one queue operation, so keep going.
    fn lock(&self) -> MutexGuard<'_, Tables> {
        self.tables.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The request tokens held (expired ones included until forgotten).
    pub fn request_token_count(&self) -> usize {
        self.lock().request_tokens.len()
    }

    /// The access tokens held.
    pub fn access_token_count(&self) -> usize {
        self.lock().access_tokens.len()
    }
}

impl TokenStore for MemoryTokenStore {
    fn name(&self) -> String {
        "memory".to_owned()
    }

    fn insert_request_token(
        &self,
        token: &str,
        record: &RequestTokenRecord,
        keep_ms: u64,
        now_ms: u64,
    ) -> Result<(), StoreError> {
        self.lock().request_tokens.insert(
            token,
            (record.clone(), Decision::Pending),
            keep_ms,
            now_ms,
        );
        Ok(())
    }

    fn request_token(
        &self,
        token: &str,
        now_ms: u64,
    ) -> Result<Option<(RequestTokenRecord, Decision)>, StoreError> {
        Ok(self
            .lock()
            .request_tokens
            .get_mut(token, now_ms)
            .map(|entry| entry.clone()))
    }

    fn decide(
        &self,
        token: &str,
        decision: &Decision,
        now_ms: u64,
    ) -> Result<Option<Decision>, StoreError> {
        let mut tables = self.lock();
        let Some((_, current)) = tables.request_tokens.get_mut(token, now_ms) else {
            return Ok(None);
        };
        let before = current.clone();
        if before == Decision::Pending {
            *current = decision.clone();
        }
        Ok(Some(before))
    }

    fn consume(&self, token: &str, now_ms: u64) -> Result<Option<Decision>, StoreError> {
        let mut tables = self.lock();
        Ok(tables
            .request_tokens
            .get_mut(token, now_ms)
            .map(|(_, current)| std::mem::replace(current, Decision::Used)))
    }

    fn insert_access_token(
        &self,
        token: &str,
        record: &AccessTokenRecord,
        keep_ms: u64,
        now_ms: u64,
    ) -> Result<(), StoreError> {
        self.lock()
            .access_tokens
            .insert(token, record.clone(), keep_ms, now_ms);
        Ok(())
    }

    fn access_token(
        &self,
        token: &str,
        now_ms: u64,
    ) -> Result<Option<AccessTokenRecord>, StoreError> {
        Ok(self
            .lock()
            .access_tokens
            .get_mut(token, now_ms)
            .map(|record| record.clone()))
    }

    fn revoke(&self, token: &str) -> Result<bool, StoreError> {
        let mut tables = self.lock();
        let request = tables.request_tokens.remove(token);
        let access = tables.access_tokens.remove(token);
        Ok(request || access)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::Callback;
    use crate::secret::Secret;

    fn record() -> RequestTokenRecord {
        RequestTokenRecord {
            secret: Secret::new("s"),
            consumer_key: "ck".into(),
            callback: Callback::OutOfBand,
            form_guard: "g".into(),
            expires_at_ms: 0,
        }
    }

    #[test]
    fn records_are_forgotten_after_keep_ms() {
        let store = MemoryTokenStore::new();
        store
            .insert_request_token("rt", &record(), 1000, 0)
            .unwrap();
        assert!(store.request_token("rt", 999).unwrap().is_some());
        assert!(store.request_token("rt", 1000).unwrap().is_none());
        assert_eq!(store.request_token_count(), 0, "forgotten, not just hidden");
    }

    #[test]
    fn expiry_work_per_operation_is_bounded() {
        let store = MemoryTokenStore::with_capacity(10_000, 10);
        for i in 0..1000 {
            store
                .insert_request_token(&format!("rt{i}"), &record(), 10, 0)
                .unwrap();
        }
        // All expired at once: one operation forgets only a few of them...
        store.request_token("x", 100).unwrap();
        assert_eq!(store.request_token_count(), 1000 - FORGET_PER_OPERATION);
        // ...and further operations keep draining the queue.
        for _ in 0..300 {
            store.request_token("x", 100).unwrap();
        }
        assert_eq!(store.request_token_count(), 0);
    }

    #[test]
    fn a_full_table_drops_its_oldest_record() {
        let store = MemoryTokenStore::with_capacity(3, 2);
        for i in 0..5 {
            store
                .insert_request_token(&format!("rt{i}"), &record(), 60_000, 0)
                .unwrap();
        }
        assert_eq!(store.request_token_count(), 3);
        assert!(store.request_token("rt1", 1).unwrap().is_none());
        assert!(store.request_token("rt4", 1).unwrap().is_some());
        let access = AccessTokenRecord {
            secret: Secret::new("s"),
            consumer_key: "ck".into(),
            user: "u".into(),
        };
        for i in 0..5 {
            store
                .insert_access_token(&format!("at{i}"), &access, 60_000, 0)
                .unwrap();
        }
        assert_eq!(store.access_token_count(), 2);
    }

    #[test]
    fn revoked_then_reissued_tokens_are_not_dropped_by_the_stale_queue_entry() {
        let store = MemoryTokenStore::new();
        store.insert_request_token("rt", &record(), 10, 0).unwrap();
        assert!(store.revoke("rt").unwrap());
        store
            .insert_request_token("rt", &record(), 1000, 5)
            .unwrap();
        // The first entry's expiry passes; the second record stays.
        assert!(store.request_token("rt", 20).unwrap().is_some());
    }

    #[test]
    fn a_decision_is_made_once_and_consume_returns_the_previous_state() {
        let store = MemoryTokenStore::new();
        store
            .insert_request_token("rt", &record(), 1000, 0)
            .unwrap();
        assert_eq!(
            store.decide("rt", &Decision::Denied, 1).unwrap(),
            Some(Decision::Pending)
        );
        assert_eq!(
            store.decide("rt", &Decision::Pending, 1).unwrap(),
            Some(Decision::Denied)
        );
        assert_eq!(store.consume("rt", 1).unwrap(), Some(Decision::Denied));
        assert_eq!(store.consume("rt", 1).unwrap(), Some(Decision::Used));
        assert_eq!(store.consume("nope", 1).unwrap(), None);
    }
}
