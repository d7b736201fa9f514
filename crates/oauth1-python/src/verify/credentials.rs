//! Where a verifier finds consumers and tokens: `Credentials` (in memory,
//! looked up in Rust) and `Consumer`; and the conversions of what a Python
//! lookup answers.

use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use oauth1::{ConsumerCredentials, CredentialStore, MemoryCredentials, TokenCredentials};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::args::{
    borrow_str, opt_string_arg, pairs, pem_arg, py_repr, str_arg, string_arg, type_name,
};
use crate::errors::CoreError;

/// What a pair of `consumers=` or `tokens=` holds, for the `TypeError`.
const PAIRS: &str = "(name, value) pairs";

/// What the provider knows about one consumer: a shared secret (HMAC-*,
/// PLAINTEXT), an RSA public key (RSA-*), or both. The PEM is parsed once,
/// here. Secrets never appear in its repr.
#[pyclass(frozen, module = "oauth1", name = "Consumer")]
pub(crate) struct Consumer {
    pub(crate) inner: ConsumerCredentials,
}

/// The core's consumer credentials from `secret=` and `rsa_public_key=`.
pub(crate) fn consumer_credentials(
    secret: Option<String>,
    rsa_public_key: Option<&Bound<'_, PyAny>>,
) -> PyResult<ConsumerCredentials> {
    let pem = rsa_public_key
        .filter(|k| !k.is_none())
        .map(|pem| pem_arg(pem, "rsa_public_key"))
        .transpose()?;
    // The core's one rule: a secret and/or an RSA public key.
    Ok(ConsumerCredentials::new(secret, pem).map_err(CoreError)?)
}

#[pymethods]
impl Consumer {
    #[new]
    #[pyo3(signature = (secret = None, *, rsa_public_key = None))]
    fn new(
        secret: Option<&Bound<'_, PyAny>>,
        rsa_public_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let secret = opt_string_arg(secret, "secret")?;
        Ok(Consumer {
            inner: consumer_credentials(secret, rsa_public_key)?,
        })
    }

    /// True when the consumer has a shared secret.
    #[getter]
    fn has_secret(&self) -> bool {
        self.inner.secret.is_some()
    }

    /// True when the consumer has an RSA public key.
    #[getter]
    fn has_rsa_public_key(&self) -> bool {
        self.inner.rsa_public_key.is_some()
    }

    fn __repr__(&self) -> String {
        format!(
            "<oauth1.Consumer secret={} rsa_public_key={}>",
            if self.has_secret() {
                "[redacted]"
            } else {
                "None"
            },
            if self.has_rsa_public_key() {
                "[set]"
            } else {
                "None"
            },
        )
    }
}

/// The provider's credentials in memory: consumers by key, tokens by value.
/// Lookups run in Rust, without calling Python. It can be changed while
/// verifiers use it (e.g. when the provider issues a token).
#[pyclass(frozen, module = "oauth1", name = "Credentials")]
pub(crate) struct Credentials {
    table: RwLock<MemoryCredentials>,
}

impl Credentials {
    fn read(&self) -> RwLockReadGuard<'_, MemoryCredentials> {
        // A panic while holding the lock leaves the maps whole (one insert
        // or removal at a time), so keep going.
        self.table.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, MemoryCredentials> {
        self.table.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A consumer as a Python lookup or mapping gives it: a secret (`str`), a
/// `Consumer`, or `None` for an unknown key.
pub(crate) fn consumer_from_py(
    value: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<Option<ConsumerCredentials>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Some(ConsumerCredentials::with_secret(borrow_str(
            text, what,
        )?)));
    }
    if let Ok(consumer) = value.cast::<Consumer>() {
        return Ok(Some(consumer.get().inner.clone()));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a secret (str), an oauth1.Consumer or None, not {}",
        type_name(value)
    )))
}

/// A token as a Python lookup or mapping gives it: `(secret, consumer_key)`,
/// or `None` for an unknown token.
pub(crate) fn token_from_py(
    value: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<Option<TokenCredentials>> {
    if value.is_none() {
        return Ok(None);
    }
    let (secret, consumer_key): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
        value.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "{what} must be a (secret, consumer_key) pair of str or None, not {}",
                type_name(value)
            ))
        })?;
    let secret = string_arg(&secret, &format!("{what}'s secret"))?;
    let consumer_key = string_arg(&consumer_key, &format!("{what}'s consumer_key"))?;
    Ok(Some(TokenCredentials {
        secret: secret.into(),
        consumer_key,
    }))
}

#[pymethods]
impl Credentials {
    #[new]
    #[pyo3(signature = (consumers = None, tokens = None))]
    fn new(
        consumers: Option<&Bound<'_, PyAny>>,
        tokens: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut table = MemoryCredentials::new();
        if let Some(consumers) = consumers.filter(|c| !c.is_none()) {
            for (key, value) in pairs(consumers, "consumers", PAIRS)? {
                let key = str_arg(&key, "a consumer key")?;
                match consumer_from_py(&value, "a consumers value")? {
                    Some(consumer) => table.insert_consumer_credentials(key, consumer),
                    None => {
                        return Err(PyTypeError::new_err(format!(
                            "consumers[{}] is None; leave unknown consumers out",
                            py_repr(value.py(), Some(key))
                        )))
                    }
                }
            }
        }
        if let Some(tokens) = tokens.filter(|t| !t.is_none()) {
            for (token, value) in pairs(tokens, "tokens", PAIRS)? {
                let token = str_arg(&token, "a token")?;
                match token_from_py(&value, "a tokens value")? {
                    Some(t) => table.insert_token(token, t.secret, t.consumer_key),
                    None => {
                        return Err(PyTypeError::new_err(format!(
                            "tokens[{}] is None; leave unknown tokens out",
                            py_repr(value.py(), Some(token))
                        )))
                    }
                }
            }
        }
        Ok(Credentials {
            table: RwLock::new(table),
        })
    }

    /// Adds (or replaces) a consumer.
    #[pyo3(signature = (consumer_key, secret = None, *, rsa_public_key = None))]
    fn add_consumer(
        &self,
        consumer_key: &Bound<'_, PyAny>,
        secret: Option<&Bound<'_, PyAny>>,
        rsa_public_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let consumer_key = string_arg(consumer_key, "consumer_key")?;
        let secret = opt_string_arg(secret, "secret")?;
        let consumer = consumer_credentials(secret, rsa_public_key)?;
        self.write()
            .insert_consumer_credentials(consumer_key, consumer);
        Ok(())
    }

    /// Adds (or replaces) a token issued to `consumer_key`.
    fn add_token(
        &self,
        token: &Bound<'_, PyAny>,
        secret: &Bound<'_, PyAny>,
        consumer_key: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let token = string_arg(token, "token")?;
        let secret = string_arg(secret, "secret")?;
        let consumer_key = string_arg(consumer_key, "consumer_key")?;
        self.write().insert_token(token, secret, consumer_key);
        Ok(())
    }

    /// Removes a consumer; True when it was there.
    fn remove_consumer(&self, consumer_key: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self
            .write()
            .remove_consumer(str_arg(consumer_key, "consumer_key")?))
    }

    /// Removes a token (exchanged or revoked); True when it was there.
    fn remove_token(&self, token: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.write().remove_token(str_arg(token, "token")?))
    }

    /// The consumer with this key, or None.
    fn consumer(&self, consumer_key: &Bound<'_, PyAny>) -> PyResult<Option<Consumer>> {
        let consumer_key = str_arg(consumer_key, "consumer_key")?;
        Ok(CredentialStore::consumer(self, consumer_key).map(|inner| Consumer { inner }))
    }

    /// The token's (secret, consumer_key), or None.
    fn token(&self, token: &Bound<'_, PyAny>) -> PyResult<Option<(String, String)>> {
        let token = str_arg(token, "token")?;
        Ok(CredentialStore::token(self, token)
            .map(|t| (t.secret.expose().to_owned(), t.consumer_key)))
    }

    /// The number of consumers.
    #[getter]
    fn consumer_count(&self) -> usize {
        self.read().consumer_count()
    }

    /// The number of tokens.
    #[getter]
    fn token_count(&self) -> usize {
        self.read().token_count()
    }

    fn __repr__(&self) -> String {
        let table = self.read();
        format!(
            "<oauth1.Credentials consumers={} tokens={}>",
            table.consumer_count(),
            table.token_count()
        )
    }
}

impl CredentialStore for Credentials {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        self.read().consumer(consumer_key)
    }

    fn token(&self, token: &str) -> Option<TokenCredentials> {
        self.read().token(token)
    }
}
