//! Python lookups and nonce callables seen through the core's traits. The
//! first exception one raises is kept and raised in place of the refusal
//! it caused.

use std::sync::{Mutex, PoisonError};

use oauth1::{ConsumerCredentials, CredentialStore, NonceRecord, NonceStore, TokenCredentials};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyBool;

use crate::args::type_name;
use crate::verify::credentials::{consumer_from_py, token_from_py};

/// The first exception a Python callback raised during one verification.
#[derive(Default)]
pub(crate) struct Raised(Mutex<Option<PyErr>>);

impl Raised {
    fn keep<T>(&self, result: PyResult<T>, fallback: T) -> T {
        result.unwrap_or_else(|e| {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_or_insert(e);
            fallback
        })
    }

    pub(crate) fn take(self) -> Option<PyErr> {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A Python credential store seen through the core's trait. A lookup that
/// raises answers "unknown", and its exception replaces the refusal.
pub(crate) struct PyCredentials<'a> {
    pub(crate) consumer: &'a Py<PyAny>,
    pub(crate) token: &'a Py<PyAny>,
    pub(crate) raised: &'a Raised,
}

impl CredentialStore for PyCredentials<'_> {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        Python::attach(|py| {
            let answer = self
                .consumer
                .bind(py)
                .call1((consumer_key,))
                .and_then(|v| consumer_from_py(&v, "credentials.consumer()"));
            self.raised.keep(answer, None)
        })
    }

    fn token(&self, token: &str) -> Option<TokenCredentials> {
        Python::attach(|py| {
            let answer = self
                .token
                .bind(py)
                .call1((token,))
                .and_then(|v| token_from_py(&v, "credentials.token()"));
            self.raised.keep(answer, None)
        })
    }
}

/// A Python `check_and_record(consumer_key, token, timestamp, nonce, now,
/// window)` callable seen through the core's trait, called with the
/// arguments of the C callback. One that raises, or answers anything but a
/// `bool`, refuses: a truthiness test would take `"no"` or `b"0"` for "new".
pub(crate) struct PyNonceStore<'a> {
    pub(crate) callable: &'a Py<PyAny>,
    pub(crate) raised: &'a Raised,
}

impl NonceStore for PyNonceStore<'_> {
    fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
        Python::attach(|py| {
            let answer = self
                .callable
                .bind(py)
                .call1((
                    record.consumer_key,
                    record.token,
                    record.timestamp,
                    record.nonce,
                    now,
                    window,
                ))
                .and_then(|v| match v.cast::<PyBool>() {
                    Ok(new) => Ok(new.is_true()),
                    Err(_) => Err(PyTypeError::new_err(format!(
                        "the nonce_store callable must return bool (True: the nonce is new and now recorded, False: already used), not {}",
                        type_name(&v)
                    ))),
                });
            self.raised.keep(answer, false)
        })
    }
}
