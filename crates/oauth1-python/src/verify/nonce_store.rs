//! `MemoryNonceStore`, the default nonce store, in Rust.

use oauth1::{NonceRecord, NonceStore};
use pyo3::prelude::*;

use crate::args::str_arg;

/// The default nonce store: records `(consumer_key, token, timestamp, nonce)`
/// in memory, for one process, and forgets a record once its timestamp has
/// left the window, so it holds at most one window's worth of requests.
#[pyclass(frozen, module = "oauth1", name = "MemoryNonceStore")]
pub(crate) struct MemoryNonceStore {
    pub(crate) inner: oauth1::MemoryNonceStore,
}

#[pymethods]
impl MemoryNonceStore {
    #[new]
    pub(crate) fn new() -> Self {
        MemoryNonceStore {
            inner: oauth1::MemoryNonceStore::new(),
        }
    }

    /// Records the tuple and returns True when it was new; False (recording
    /// nothing) when it was already there.
    #[pyo3(signature = (consumer_key, token, timestamp, nonce, *, now = None, window = 300))]
    fn check_and_record(
        &self,
        consumer_key: &Bound<'_, PyAny>,
        token: &Bound<'_, PyAny>,
        timestamp: u64,
        nonce: &Bound<'_, PyAny>,
        now: Option<u64>,
        window: u64,
    ) -> PyResult<bool> {
        let consumer_key = str_arg(consumer_key, "consumer_key")?;
        let token = str_arg(token, "token")?;
        let nonce = str_arg(nonce, "nonce")?;
        let record = NonceRecord {
            consumer_key,
            token,
            timestamp,
            nonce,
        };
        let now = now.unwrap_or_else(oauth1::unix_timestamp);
        Ok(self.inner.check_and_record(&record, now, window))
    }

    /// True when the tuple is recorded.
    fn contains(
        &self,
        consumer_key: &Bound<'_, PyAny>,
        token: &Bound<'_, PyAny>,
        timestamp: u64,
        nonce: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        Ok(self.inner.contains(&NonceRecord {
            consumer_key: str_arg(consumer_key, "consumer_key")?,
            token: str_arg(token, "token")?,
            timestamp,
            nonce: str_arg(nonce, "nonce")?,
        }))
    }

    /// Drops every record whose timestamp has left the window.
    #[pyo3(signature = (*, now = None, window = 300))]
    fn forget_expired(&self, now: Option<u64>, window: u64) {
        self.inner
            .forget_expired(now.unwrap_or_else(oauth1::unix_timestamp), window);
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<oauth1.MemoryNonceStore records={}>", self.inner.len())
    }
}

// The signatures above spell the default window as 300 so that Python sees
// the number (a path would show as `...`); it must stay the core's default.
const _: () = assert!(oauth1::DEFAULT_TIMESTAMP_WINDOW == 300);
