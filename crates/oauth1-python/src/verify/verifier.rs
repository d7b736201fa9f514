//! `Verifier`: every check is the core's `oauth1::Verifier::verify`; this
//! file converts the request and picks the stores (native, or Python
//! objects through `callbacks`).

use oauth1::{IncomingRequest, NonceStore, Problem, SignatureMethod, Verified};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::args::{str_arg, type_name, with_received, RELEASE_GIL_BODY_LEN};
use crate::errors::{problem_error, CoreError};
use crate::verify::callbacks::{PyCredentials, PyNonceStore, Raised};
use crate::verify::credentials::Credentials;
use crate::verify::nonce_store::MemoryNonceStore;
use crate::verify::verified::VerifiedRequest;

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

/// Checks received requests: the signature, timestamp window, nonce
/// (replay) and every rule of the core, in its order.
#[pyclass(frozen, module = "oauth1", name = "Verifier")]
pub(crate) struct Verifier {
    core: oauth1::Verifier,
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
        methods.push(name.parse::<SignatureMethod>().map_err(CoreError)?);
    }
    Ok(methods)
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
        self.core.fixed_clock()
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
        with_received((method, url), headers, body, content_type, |request| {
            self.verify_received(py, &request)
        })
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
            self.core
                .fixed_clock()
                .map_or("None".to_owned(), |n| n.to_string()),
        )
    }
}

impl Verifier {
    /// `verify` on the request as the core reads it.
    fn verify_received(
        &self,
        py: Python<'_>,
        request: &IncomingRequest<'_>,
    ) -> PyResult<VerifiedRequest> {
        let slow = request
            .body()
            .is_some_and(|b| b.len() >= RELEASE_GIL_BODY_LEN)
            || may_be_rsa(request);
        let (outcome, raised) = if slow {
            py.detach(|| self.run(request))
        } else {
            self.run(request)
        };
        if let Some(error) = raised {
            return Err(error);
        }
        match outcome {
            Ok(inner) => Ok(VerifiedRequest { inner }),
            Err(problem) => Err(problem_error(py, &problem)),
        }
    }
}
