//! `VerifiedRequest`: what a request that passed every check carried.

use oauth1::Verified;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::args::py_repr;

/// A request that passed every check.
#[pyclass(frozen, module = "oauth1", name = "VerifiedRequest")]
pub(crate) struct VerifiedRequest {
    pub(crate) inner: Verified,
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
