//! The exceptions: one `OAuth1Error` base (a `ValueError`), a subclass per
//! error kind of the core, and `VerificationError` for a refused request.
//! The core's error becomes a Python exception in one place, the
//! `From<CoreError> for PyErr` below, so `?` converts it everywhere.

use oauth1::{ErrorKind, Problem};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::args::str_arg;

create_exception!(
    oauth1,
    OAuth1Error,
    PyValueError,
    "Base class of every error of oauth1: an input was refused. `kind` names the error kind."
);
create_exception!(
    oauth1,
    InvalidURL,
    OAuth1Error,
    "The URL is not an absolute http/https URL with a host and a valid port."
);
create_exception!(
    oauth1,
    InvalidEncoding,
    OAuth1Error,
    "A query or form body has a bad % escape or does not decode to UTF-8."
);
create_exception!(
    oauth1,
    UnsupportedSignatureMethod,
    OAuth1Error,
    "The signature method is not one of the supported, case-sensitive names."
);
create_exception!(
    oauth1,
    InvalidKey,
    OAuth1Error,
    "An RSA private key is missing or cannot be parsed."
);
create_exception!(
    oauth1,
    InvalidParameter,
    OAuth1Error,
    "A protocol parameter, option or HTTP method is not acceptable."
);
create_exception!(
    oauth1,
    InvalidResponse,
    OAuth1Error,
    "A provider's response (token response, callback) lacks what the flow needs."
);
create_exception!(
    oauth1,
    VerificationError,
    OAuth1Error,
    "A received request was refused by Verifier.verify. `problem` is the oauth_problem code."
);

/// Every error kind of the core, to tag each exception class with its `kind`.
pub(crate) const ERROR_KINDS: [ErrorKind; 6] = [
    ErrorKind::InvalidUrl,
    ErrorKind::InvalidEncoding,
    ErrorKind::UnsupportedSignatureMethod,
    ErrorKind::InvalidKey,
    ErrorKind::InvalidParameter,
    ErrorKind::InvalidResponse,
];

/// The one mapping from the core's error kinds to the Python exceptions.
pub(crate) fn exception_type(py: Python<'_>, kind: ErrorKind) -> Bound<'_, PyType> {
    match kind {
        ErrorKind::InvalidUrl => py.get_type::<InvalidURL>(),
        ErrorKind::InvalidEncoding => py.get_type::<InvalidEncoding>(),
        ErrorKind::UnsupportedSignatureMethod => py.get_type::<UnsupportedSignatureMethod>(),
        ErrorKind::InvalidKey => py.get_type::<InvalidKey>(),
        ErrorKind::InvalidParameter => py.get_type::<InvalidParameter>(),
        ErrorKind::InvalidResponse => py.get_type::<InvalidResponse>(),
        // A kind added to the core later is still an OAuth1Error.
        _ => py.get_type::<OAuth1Error>(),
    }
}

/// The core's error on its way to Python: a local type, so that `?` on a
/// core result converts it into a `PyErr` through the one `From` below.
pub(crate) struct CoreError(pub(crate) oauth1::Error);

impl From<oauth1::Error> for CoreError {
    fn from(e: oauth1::Error) -> Self {
        CoreError(e)
    }
}

impl From<CoreError> for PyErr {
    fn from(CoreError(e): CoreError) -> PyErr {
        let message = e.message().to_owned();
        Python::attach(|py| PyErr::from_type(exception_type(py, e.kind()), message))
    }
}

/// A refused request as `VerificationError`: the message is the core's
/// explanation; `problem`, `parameters`, `status`, `body` and
/// `acceptable_timestamps` come from the core's `Problem`.
pub(crate) fn problem_error(py: Python<'_>, problem: &Problem) -> PyErr {
    let err = PyErr::from_type(py.get_type::<VerificationError>(), problem.to_string());
    let value = err.value(py);
    let attrs = (|| -> PyResult<()> {
        value.setattr("problem", problem.code().as_str())?;
        value.setattr("parameters", problem.parameters().to_vec())?;
        value.setattr("status", problem.http_status())?;
        value.setattr("body", problem.body())?;
        value.setattr("acceptable_timestamps", problem.acceptable_timestamps())?;
        Ok(())
    })();
    match attrs {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// The `WWW-Authenticate` value of a refusal: `OAuth realm="..."`, the realm
/// quoted (a static method of `VerificationError`).
#[pyfunction]
fn www_authenticate(realm: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(oauth1::www_authenticate(str_arg(realm, "realm")?))
}

/// Tags each exception class with its `kind` and gives `VerificationError`
/// its class defaults (each raised instance sets its own) and
/// `www_authenticate`.
pub(crate) fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    py.get_type::<OAuth1Error>().setattr("kind", "error")?;
    for kind in ERROR_KINDS {
        exception_type(py, kind).setattr("kind", kind.as_str())?;
    }
    let verification_error = py.get_type::<VerificationError>();
    verification_error.setattr("kind", "verification_failed")?;
    verification_error.setattr("problem", "")?;
    verification_error.setattr("parameters", Vec::<String>::new())?;
    verification_error.setattr("status", 401)?;
    verification_error.setattr("body", "")?;
    verification_error.setattr("acceptable_timestamps", py.None())?;
    let static_method = py
        .import("builtins")?
        .getattr("staticmethod")?
        .call1((wrap_pyfunction!(www_authenticate, m)?,))?;
    verification_error.setattr("www_authenticate", static_method)?;
    Ok(())
}
