//! What the provider remembers beyond the core's [`oauth1::provider::Provider`]
//! (which keeps consumers, tokens and nonces): the records of the test API,
//! bounded in number and in bytes.

pub use oauth1::provider::{Callback, Consumer};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

/// A record of the test API (`POST /api/records`, `PUT /api/records/{id}`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Record {
    pub id: u64,
    pub owner: String,
    pub created_by: String,
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// How much the test API keeps: the oldest records go first beyond either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordLimits {
    /// Records kept at most.
    pub max_records: usize,
    /// Bytes of field names and values kept at most, all records together.
    pub max_bytes: usize,
}

impl Default for RecordLimits {
    fn default() -> Self {
        RecordLimits {
            max_records: 1000,
            max_bytes: 8 * 1024 * 1024,
        }
    }
}

#[derive(Debug, Default)]
struct Table {
    records: BTreeMap<u64, Record>,
    sizes: HashMap<u64, usize>,
    bytes: usize,
    next_id: u64,
}

/// The test API's records.
#[derive(Debug, Default)]
pub struct Records {
    table: Mutex<Table>,
    limits: RecordLimits,
}

/// The bytes a record's fields hold (names and JSON text of values).
fn size_of(fields: &serde_json::Map<String, serde_json::Value>) -> usize {
    fields
        .iter()
        .map(|(name, value)| name.len() + value.to_string().len())
        .sum()
}

impl Table {
    fn forget_oldest_until(&mut self, limits: RecordLimits, adding: usize) {
        while !self.records.is_empty()
            && (self.records.len() >= limits.max_records
                || self.bytes.saturating_add(adding) > limits.max_bytes)
        {
            if let Some((id, _)) = self.records.pop_first() {
                self.bytes -= self.sizes.remove(&id).unwrap_or(0);
            }
        }
    }
}

impl Records {
    pub fn new(limits: RecordLimits) -> Self {
        Records {
            table: Mutex::default(),
            limits,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Creates a record with the next id; `None` when it alone is larger
    /// than the whole store may be.
    pub fn create(
        &self,
        owner: &str,
        consumer_key: &str,
        fields: serde_json::Map<String, serde_json::Value>,
    ) -> Option<Record> {
        let size = size_of(&fields);
        if size > self.limits.max_bytes {
            return None;
        }
        let mut table = self.lock();
        table.forget_oldest_until(self.limits, size);
        table.next_id += 1;
        let id = table.next_id;
        let record = Record {
            id,
            owner: owner.to_owned(),
            created_by: consumer_key.to_owned(),
            fields,
        };
        table.records.insert(id, record.clone());
        table.sizes.insert(id, size);
        table.bytes += size;
        Some(record)
    }

    /// Merges `fields` into record `id` of `owner`; `Err(())` when it
    /// would grow beyond the store's size, `Ok(None)` when there is no such record.
    #[allow(clippy::result_unit_err)]
    pub fn update(
        &self,
        id: u64,
        owner: &str,
        fields: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Option<Record>, ()> {
        let mut guard = self.lock();
        let table = &mut *guard;
        let Some(record) = table.records.get_mut(&id).filter(|r| r.owner == owner) else {
            return Ok(None);
        };
        let mut merged = record.fields.clone();
        merged.extend(fields);
        let new_size = size_of(&merged);
        let old_size = table.sizes.get(&id).copied().unwrap_or(0);
        if table.bytes - old_size + new_size > self.limits.max_bytes {
            return Err(());
        }
        record.fields = merged;
        table.bytes = table.bytes - old_size + new_size;
        table.sizes.insert(id, new_size);
        Ok(Some(record.clone()))
    }

    /// The number of records kept.
    pub fn len(&self) -> usize {
        self.lock().records.len()
    }

    /// `true` when no record is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes kept.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, Value};

    fn fields(size: usize) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("x".into(), Value::String("a".repeat(size)));
        map
    }

    #[test]
    fn records_are_bounded_in_number_and_bytes_oldest_first() {
        let records = Records::new(RecordLimits {
            max_records: 3,
            max_bytes: 100,
        });
        // Each record holds 13 bytes: "x" and "\"aaaaaaaaaa\"".
        for _ in 0..5 {
            records.create("ada", "ck", fields(10)).expect("fits");
        }
        assert_eq!(records.len(), 3, "at most 3 records");
        assert!(records.update(1, "ada", fields(1)).expect("fits").is_none());
        let big = records.create("ada", "ck", fields(80)).expect("fits alone");
        assert_eq!(records.len(), 2, "two small ones made room for 83 bytes");
        assert_eq!(records.bytes(), 13 + 83);
        assert!(records.create("ada", "ck", fields(2000)).is_none());
        assert!(records.update(big.id, "ada", fields(95)).is_err());
    }
}
