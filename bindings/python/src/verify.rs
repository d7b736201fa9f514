//! The provider side for Python: `Verifier`, its credentials (`Credentials`,
//! `Consumer`, or any Python object with `consumer()` and `token()`), its
//! nonce store (`MemoryNonceStore`, or any Python callable), the verified
//! request, and the proxy-aware URL rebuild.
//!
//! Every check is the core's `oauth1::Verifier::verify`; this module only
//! converts arguments and adapts Python lookups to the core's traits. A
//! refusal becomes `VerificationError` in `crate::problem_error`, next to the
//! other exceptions. An exception raised by a Python lookup or nonce
//! callable is kept and raised in place of the refusal it caused.

use std::sync::{Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use oauth1::{
    ConsumerCredentials, CredentialStore, IncomingRequest, MemoryCredentials, NonceRecord,
    NonceStore, Problem, SignatureMethod, TokenCredentials, Verified,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString, PyTuple};

use crate::{
    body_bytes, borrow_str, opt_str_arg, opt_string_arg, problem_error, py_repr, str_arg,
    string_arg, type_name, Error, RELEASE_GIL_BODY_LEN,
};

/// What the provider knows about one consumer: a shared secret (HMAC-*,
/// PLAINTEXT), an RSA public key (RSA-*), or both. The PEM is parsed once,
/// here. Secrets never appear in its repr.
#[pyclass(frozen, module = "oauth1", name = "Consumer")]
pub(crate) struct Consumer {
    inner: ConsumerCredentials,
}

/// A PEM argument: `str` or `bytes` holding PEM text.
fn pem_arg<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<std::borrow::Cow<'a, str>> {
    match body_bytes(value, what)? {
        std::borrow::Cow::Borrowed(b) => std::str::from_utf8(b)
            .map(std::borrow::Cow::Borrowed)
            .map_err(|_| not_pem(what)),
        std::borrow::Cow::Owned(b) => String::from_utf8(b)
            .map(std::borrow::Cow::Owned)
            .map_err(|_| not_pem(what)),
    }
}

fn not_pem(what: &str) -> PyErr {
    crate::InvalidKey::new_err(format!("{what} is not PEM text (it is not valid UTF-8)"))
}

fn consumer_credentials(
    secret: Option<String>,
    rsa_public_key: Option<&Bound<'_, PyAny>>,
) -> PyResult<ConsumerCredentials> {
    let pem = rsa_public_key
        .filter(|k| !k.is_none())
        .map(|pem| pem_arg(pem, "rsa_public_key"))
        .transpose()?;
    // The core's one rule: a secret and/or an RSA public key.
    Ok(ConsumerCredentials::new(secret, pem.as_deref()).map_err(Error)?)
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

/// The `(name, value)` pairs of a mapping (its `items()`) or of an iterable
/// of pairs.
fn items<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(dict) = value.cast::<PyDict>() {
        return Ok(dict.items().into_any());
    }
    if value.hasattr("items")? {
        return value.call_method0("items");
    }
    Ok(value.clone())
}

fn pair<'py>(
    item: &Bound<'py, PyAny>,
    what: &str,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    item.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be a mapping or (name, value) pairs, found {}",
            item.repr().map(|r| r.to_string()).unwrap_or_default()
        ))
    })
}

/// A consumer as a Python lookup or mapping gives it: a secret (`str`), a
/// `Consumer`, or `None` for an unknown key.
fn consumer_from_py(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<ConsumerCredentials>> {
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
fn token_from_py(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<TokenCredentials>> {
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
            for item in items(consumers)?.try_iter()? {
                let (key, value) = pair(&item?, "consumers")?;
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
            for item in items(tokens)?.try_iter()? {
                let (token, value) = pair(&item?, "tokens")?;
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

/// The default nonce store: records `(consumer_key, token, timestamp, nonce)`
/// in memory, for one process, and forgets a record once its timestamp has
/// left the window, so it holds at most one window's worth of requests.
#[pyclass(frozen, module = "oauth1", name = "MemoryNonceStore")]
pub(crate) struct MemoryNonceStore {
    inner: oauth1::MemoryNonceStore,
}

#[pymethods]
impl MemoryNonceStore {
    #[new]
    fn new() -> Self {
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

/// Where a verifier finds credentials.
enum CredentialSource {
    Native(Py<Credentials>),
    /// A Python object; its bound `consumer` and `token` methods.
    Python {
        store: Py<PyAny>,
        consumer: Py<PyAny>,
        token: Py<PyAny>,
    },
}

/// Where a verifier records nonces.
enum NonceSource {
    Native(Py<MemoryNonceStore>),
    Python(Py<PyAny>),
}

/// The first exception a Python callback raised during one verification.
#[derive(Default)]
struct Raised(Mutex<Option<PyErr>>);

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

    fn take(self) -> Option<PyErr> {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A Python credential store seen through the core's trait. A lookup that
/// raises answers "unknown", and its exception replaces the refusal.
struct PyCredentials<'a> {
    consumer: &'a Py<PyAny>,
    token: &'a Py<PyAny>,
    raised: &'a Raised,
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
struct PyNonceStore<'a> {
    callable: &'a Py<PyAny>,
    raised: &'a Raised,
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

/// Checks received requests: the signature, timestamp window, nonce
/// (replay) and every rule of the core, in its order.
#[pyclass(frozen, module = "oauth1", name = "Verifier")]
pub(crate) struct Verifier {
    core: oauth1::Verifier,
    now: Option<u64>,
    credentials: CredentialSource,
    nonces: NonceSource,
}

fn signature_methods_arg(value: &Bound<'_, PyAny>) -> PyResult<Vec<SignatureMethod>> {
    if value.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "signature_methods must be an iterable of method names, not one str",
        ));
    }
    let mut methods = Vec::new();
    for name in value.try_iter()? {
        let name = name?;
        let name = str_arg(&name, "a signature_methods item")?;
        methods.push(name.parse::<SignatureMethod>().map_err(Error)?);
    }
    Ok(methods)
}

/// Collects header `(name, value)` pairs: a mapping (its `items()`, so
/// multi-valued header objects give every value) or an iterable of pairs.
pub(crate) fn header_pairs<'py>(
    headers: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    let Some(headers) = headers.filter(|h| !h.is_none()) else {
        return Ok(Vec::new());
    };
    items(headers)?
        .try_iter()?
        .map(|item| pair(&item?, "headers"))
        .collect()
}

/// True when the request may be signed with RSA, whose check takes long
/// enough to let other threads run meanwhile. A hint only: the core decides.
fn may_be_rsa(request: &IncomingRequest<'_>) -> bool {
    const NEEDLE: &str = "RSA-SHA";
    request.authorization().is_some_and(|a| a.contains(NEEDLE))
        || request.url().contains(NEEDLE)
        || request.body().is_some_and(|b| {
            b.len() < RELEASE_GIL_BODY_LEN && b.windows(7).any(|w| w == NEEDLE.as_bytes())
        })
}

impl Verifier {
    /// The core's verification with this verifier's stores; the exception a
    /// Python callback raised, if any, comes back beside the outcome.
    fn run(&self, request: &IncomingRequest<'_>) -> (Result<Verified, Problem>, Option<PyErr>) {
        let raised = Raised::default();
        let py_nonces;
        let nonces: &dyn NonceStore = match &self.nonces {
            NonceSource::Native(store) => &store.get().inner,
            NonceSource::Python(callable) => {
                py_nonces = PyNonceStore {
                    callable,
                    raised: &raised,
                };
                &py_nonces
            }
        };
        let outcome = match &self.credentials {
            CredentialSource::Native(table) => self.core.verify(request, table.get(), nonces),
            CredentialSource::Python {
                consumer, token, ..
            } => {
                let store = PyCredentials {
                    consumer,
                    token,
                    raised: &raised,
                };
                self.core.verify(request, &store, nonces)
            }
        };
        (outcome, raised.take())
    }
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (
        credentials,
        *,
        nonce_store = None,
        signature_methods = None,
        timestamp_window = 300,
        now = None,
    ))]
    fn new(
        py: Python<'_>,
        credentials: &Bound<'_, PyAny>,
        nonce_store: Option<&Bound<'_, PyAny>>,
        signature_methods: Option<&Bound<'_, PyAny>>,
        timestamp_window: u64,
        now: Option<u64>,
    ) -> PyResult<Self> {
        let mut core = oauth1::Verifier::new().timestamp_window(timestamp_window);
        if let Some(methods) = signature_methods.filter(|m| !m.is_none()) {
            core = core.signature_methods(signature_methods_arg(methods)?);
        }
        if let Some(now) = now {
            core = core.clock(now);
        }
        let credentials = if let Ok(table) = credentials.cast::<Credentials>() {
            CredentialSource::Native(table.clone().unbind())
        } else {
            let method = |name: &str| -> PyResult<Py<PyAny>> {
                match credentials.getattr(name) {
                    Ok(m) if m.is_callable() => Ok(m.unbind()),
                    _ => Err(PyTypeError::new_err(format!(
                        "credentials must be an oauth1.Credentials or have consumer(consumer_key) and token(token) methods, not {} (build oauth1.Credentials(consumers=..., tokens=...) from mappings)",
                        type_name(credentials)
                    ))),
                }
            };
            CredentialSource::Python {
                consumer: method("consumer")?,
                token: method("token")?,
                store: credentials.clone().unbind(),
            }
        };
        let nonces = match nonce_store.filter(|n| !n.is_none()) {
            None => NonceSource::Native(Py::new(py, MemoryNonceStore::new())?),
            Some(store) => match store.cast::<MemoryNonceStore>() {
                Ok(native) => NonceSource::Native(native.clone().unbind()),
                Err(_) if store.is_callable() => NonceSource::Python(store.clone().unbind()),
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "nonce_store must be an oauth1.MemoryNonceStore or a callable check_and_record(consumer_key, token, timestamp, nonce, now, window) -> bool, not {}",
                        type_name(store)
                    )))
                }
            },
        };
        Ok(Verifier {
            core,
            now,
            credentials,
            nonces,
        })
    }

    /// The allowed signature method names.
    #[getter]
    fn signature_methods<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.core.allowed_methods().iter().map(|m| m.as_str()))
    }

    /// The timestamp window, in seconds either side of the clock.
    #[getter]
    fn timestamp_window(&self) -> u64 {
        self.core.window()
    }

    /// The fixed clock (Unix seconds), or None for the system clock.
    #[getter]
    fn now(&self) -> Option<u64> {
        self.now
    }

    /// The credentials it looks consumers and tokens up in.
    #[getter]
    fn credentials(&self, py: Python<'_>) -> Py<PyAny> {
        match &self.credentials {
            CredentialSource::Native(table) => table.clone_ref(py).into_any(),
            CredentialSource::Python { store, .. } => store.clone_ref(py),
        }
    }

    /// The nonce store it records accepted requests in.
    #[getter]
    fn nonce_store(&self, py: Python<'_>) -> Py<PyAny> {
        match &self.nonces {
            NonceSource::Native(store) => store.clone_ref(py).into_any(),
            NonceSource::Python(callable) => callable.clone_ref(py),
        }
    }

    /// Verifies a received request; raises VerificationError when refused.
    #[pyo3(signature = (method, url, *, headers = None, body = None, content_type = None))]
    fn verify(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        url: &Bound<'_, PyAny>,
        headers: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
        content_type: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<VerifiedRequest> {
        let method = str_arg(method, "method")?;
        let url = str_arg(url, "url")?;
        let content_type = opt_str_arg(content_type, "content_type")?;
        let body = body
            .filter(|b| !b.is_none())
            .map(|b| body_bytes(b, "body"))
            .transpose()?;
        let pairs = header_pairs(headers)?;
        let mut header_strs = Vec::with_capacity(pairs.len());
        for (name, value) in &pairs {
            header_strs.push((
                str_arg(name, "a header name")?,
                str_arg(value, "a header value")?,
            ));
        }

        let mut request = IncomingRequest::new(method, url);
        // An explicit content_type wins over a Content-Type header.
        if let Some(content_type) = content_type {
            request = request.with_content_type(content_type);
        }
        if let Some(body) = body.as_deref() {
            request = request.with_body(body);
        }
        let request = request.with_headers(header_strs.iter().copied());

        let slow = body
            .as_ref()
            .is_some_and(|b| b.len() >= RELEASE_GIL_BODY_LEN)
            || may_be_rsa(&request);
        let (outcome, raised) = if slow {
            py.detach(|| self.run(&request))
        } else {
            self.run(&request)
        };
        if let Some(error) = raised {
            return Err(error);
        }
        match outcome {
            Ok(inner) => Ok(VerifiedRequest { inner }),
            Err(problem) => Err(problem_error(py, &problem)),
        }
    }

    fn __repr__(&self) -> String {
        let methods: Vec<&str> = self
            .core
            .allowed_methods()
            .iter()
            .map(|m| m.as_str())
            .collect();
        format!(
            "<oauth1.Verifier signature_methods=[{}] timestamp_window={} now={}>",
            methods.join(", "),
            self.core.window(),
            self.now.map_or("None".to_owned(), |n| n.to_string()),
        )
    }
}

/// A request that passed every check.
#[pyclass(frozen, module = "oauth1", name = "VerifiedRequest")]
pub(crate) struct VerifiedRequest {
    inner: Verified,
}

#[pymethods]
impl VerifiedRequest {
    /// oauth_consumer_key.
    #[getter]
    fn consumer_key(&self) -> &str {
        self.inner.consumer_key()
    }

    /// oauth_token, or None (two-legged; also for an empty oauth_token).
    #[getter]
    fn token(&self) -> Option<&str> {
        self.inner.token()
    }

    /// The signature method used.
    #[getter]
    fn signature_method(&self) -> &'static str {
        self.inner.signature_method().as_str()
    }

    /// The realm of the Authorization header, or None.
    #[getter]
    fn realm(&self) -> Option<&str> {
        self.inner.realm()
    }

    /// oauth_timestamp, or None (PLAINTEXT may omit it).
    #[getter]
    fn timestamp(&self) -> Option<u64> {
        self.inner.timestamp()
    }

    /// oauth_nonce, or None (PLAINTEXT may omit it).
    #[getter]
    fn nonce(&self) -> Option<&str> {
        self.inner.nonce()
    }

    /// oauth_callback, or None.
    #[getter]
    fn callback(&self) -> Option<&str> {
        self.inner.callback()
    }

    /// oauth_verifier, or None.
    #[getter]
    fn verifier(&self) -> Option<&str> {
        self.inner.verifier()
    }

    /// "header", "body" or "query": where the protocol parameters were.
    #[getter]
    fn parameter_location(&self) -> &'static str {
        self.inner.parameter_location().as_str()
    }

    /// Every protocol parameter received, decoded, in order (no oauth_signature).
    #[getter]
    fn oauth_parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let params = PyDict::new(py);
        for (name, value) in self.inner.oauth_parameters() {
            params.set_item(name, value)?;
        }
        Ok(params)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<oauth1.VerifiedRequest consumer_key={} token={} signature_method={} parameter_location={}>",
            py_repr(py, Some(self.inner.consumer_key())),
            py_repr(py, self.inner.token()),
            py_repr(py, Some(self.inner.signature_method().as_str())),
            py_repr(py, Some(self.inner.parameter_location().as_str())),
        )
    }
}

/// Rebuilds the absolute URL the client signed from the request line's
/// target and the Host header; the forwarding headers count only when
/// trust_proxy_headers is True.
#[pyfunction]
#[pyo3(signature = (target, *, headers = None, tls = false, trust_proxy_headers = false))]
pub(crate) fn received_url(
    target: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    tls: bool,
    trust_proxy_headers: bool,
) -> PyResult<String> {
    let target = str_arg(target, "target")?;
    let pairs = header_pairs(headers)?;
    let mut url = oauth1::ReceivedUrl::new(tls, target).trust_proxy_headers(trust_proxy_headers);
    for (name, value) in &pairs {
        url = url.with_header(
            str_arg(name, "a header name")?,
            str_arg(value, "a header value")?,
        );
    }
    Ok(url.to_url().map_err(Error)?)
}

/// Registers this module's classes and functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Consumer>()?;
    m.add_class::<Credentials>()?;
    m.add_class::<MemoryNonceStore>()?;
    m.add_class::<Verifier>()?;
    m.add_class::<VerifiedRequest>()?;
    m.add_function(wrap_pyfunction!(received_url, m)?)?;
    Ok(())
}
