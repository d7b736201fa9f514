//! `TransportSigner`: the one native call per request of the HTTP client
//! integrations (`oauth1.requests`, `oauth1.httpx`). The per-auth options
//! are kept here, as given, so each request passes only what changes
//! (method, URL, body, content type) and gets back the one string it sets:
//! the Authorization header, the signed URL or the signed form body.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors::{CoreError, InvalidParameter};
use crate::signer::{OptionArgs, Signer};

/// Where the protocol parameters go.
#[derive(Clone, Copy)]
enum Placement {
    Header,
    Query,
    Form,
}

/// Signs what an HTTP client is about to send, with one `Signer` and the
/// options fixed for every request of one auth object.
#[pyclass(frozen, module = "oauth1", name = "TransportSigner")]
pub(crate) struct TransportSigner {
    signer: Py<Signer>,
    placement: Placement,
    callback: Option<Py<PyAny>>,
    verifier: Option<Py<PyAny>>,
    timestamp: Option<Py<PyAny>>,
    nonce: Option<Py<PyAny>>,
}

/// An option kept as given; `None` is the same as absent, and the value is
/// checked on each request, as `Signer.sign` checks it.
fn kept(value: Option<&Bound<'_, PyAny>>) -> Option<Py<PyAny>> {
    value.filter(|v| !v.is_none()).map(|v| v.clone().unbind())
}

#[pymethods]
impl TransportSigner {
    #[new]
    #[pyo3(signature = (signer, signature_type, *, callback = None, verifier = None, timestamp = None, nonce = None))]
    fn new(
        signer: &Bound<'_, Signer>,
        signature_type: &str,
        callback: Option<&Bound<'_, PyAny>>,
        verifier: Option<&Bound<'_, PyAny>>,
        timestamp: Option<&Bound<'_, PyAny>>,
        nonce: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let placement = match signature_type {
            "AUTH_HEADER" => Placement::Header,
            "QUERY" => Placement::Query,
            "BODY" => Placement::Form,
            _ => {
                return Err(InvalidParameter::new_err(format!(
                    "signature_type {signature_type:?} is not one of AUTH_HEADER, QUERY, BODY"
                )))
            }
        };
        Ok(TransportSigner {
            signer: signer.clone().unbind(),
            placement,
            callback: kept(callback),
            verifier: kept(verifier),
            timestamp: kept(timestamp),
            nonce: kept(nonce),
        })
    }

    /// The Signer it signs with.
    #[getter]
    fn signer(&self, py: Python<'_>) -> Py<Signer> {
        self.signer.clone_ref(py)
    }

    /// Signs one request and returns what the client sets (`method`, `url`
    /// and `content_type` are `str`, as the integrations always pass): the
    /// Authorization header value (AUTH_HEADER), the signed URL (QUERY) or
    /// the signed form body (BODY).
    #[pyo3(signature = (method, url, body, content_type, /))]
    fn sign(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyString>,
        url: &Bound<'_, PyString>,
        body: Option<&Bound<'_, PyAny>>,
        content_type: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        fn bind<'a, 'py>(
            py: Python<'py>,
            value: &'a Option<Py<PyAny>>,
        ) -> Option<&'a Bound<'py, PyAny>> {
            value.as_ref().map(|v| v.bind(py))
        }
        let options = OptionArgs {
            timestamp: bind(py, &self.timestamp),
            nonce: bind(py, &self.nonce),
            callback: bind(py, &self.callback),
            verifier: bind(py, &self.verifier),
            extra_oauth_params: None,
        };
        let signed = self.signer.get().sign_args(
            py,
            (method.as_any(), url.as_any()),
            body,
            content_type.map(|c| c.as_any()),
            &options,
        )?;
        Ok(match self.placement {
            Placement::Header => signed.authorization_header(),
            Placement::Query => signed.signed_url(),
            Placement::Form => signed.signed_form_body().map_err(CoreError)?,
        })
    }
}
