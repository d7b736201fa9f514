//! The native part of the `oauth1` Python package (`oauth1._oauth1`).
//!
//! It holds no OAuth logic: every function converts its Python arguments,
//! calls the core crate and converts the result back. The core's error is
//! mapped to the Python exceptions in one place ([`exception_type`]).
//!
//! The hot path, `Signer.sign`, sorts its own arguments (module `fastcall`):
//! PyO3's methods with keywords cost a tuple, a dict and a `bytes` per
//! keyword name on each call under the 3.9 stable ABI.
//!
//! Thread safety: every class is `frozen` (immutable after construction) and
//! wraps a core value that is `Send + Sync`, so objects can be shared between
//! threads with or without a GIL; the module declares `gil_used = false`.

use std::borrow::Cow;

use oauth1::{ErrorKind, Generated, Problem, ProblemCode, SignatureMethod};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyUnicodeEncodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyString, PyTuple, PyType};

mod fastcall;
mod profile;
mod provider;
mod verify;

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
const ERROR_KINDS: [ErrorKind; 6] = [
    ErrorKind::InvalidUrl,
    ErrorKind::InvalidEncoding,
    ErrorKind::UnsupportedSignatureMethod,
    ErrorKind::InvalidKey,
    ErrorKind::InvalidParameter,
    ErrorKind::InvalidResponse,
];

/// The one mapping from the core's error kinds to the Python exceptions.
fn exception_type(py: Python<'_>, kind: ErrorKind) -> Bound<'_, PyType> {
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

/// The core's error on its way to Python (a local type, so that `?` converts
/// it into a `PyErr` through the one `From` below).
struct Error(oauth1::Error);

impl From<oauth1::Error> for Error {
    fn from(e: oauth1::Error) -> Self {
        Error(e)
    }
}

impl From<Error> for PyErr {
    fn from(Error(e): Error) -> PyErr {
        let message = e.message().to_owned();
        Python::attach(|py| PyErr::from_type(exception_type(py, e.kind()), message))
    }
}

/// A refused request as `VerificationError`: the message is the core's
/// explanation; `problem`, `parameters`, `status`, `body` and
/// `acceptable_timestamps` come from the core's `Problem`.
fn problem_error(py: Python<'_>, problem: &Problem) -> PyErr {
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

/// Signing a body at least this long releases the GIL (hashing and parsing
/// it takes long enough for other threads to gain); shorter HMAC and
/// PLAINTEXT signatures take about a microsecond, less than the hand-over.
const RELEASE_GIL_BODY_LEN: usize = 16 * 1024;

/// The sentinel that omits `oauth_timestamp` or `oauth_nonce` (PLAINTEXT).
#[pyclass(frozen, module = "oauth1", name = "Omit")]
struct Omit;

#[pymethods]
impl Omit {
    fn __repr__(&self) -> &'static str {
        "oauth1.OMIT"
    }
}

/// Borrows the UTF-8 text of a `str` without copying it.
///
/// PyO3's own borrowing `to_str` needs the stable ABI of Python 3.10; on the
/// Python 3.9 stable ABI it copies every string into a new `bytes` object,
/// which costs more than the rest of the binding on a signing call.
/// `PyUnicode_AsUTF8AndSize` is exported by every CPython 3 (it joined the
/// stable ABI in 3.10, unchanged), so this wheel calls it directly.
///
/// `what` names the argument in the error: a `str` holding a lone surrogate
/// (`"\ud800"`, e.g. from `surrogateescape`) has no UTF-8 form and raises
/// `InvalidEncoding` naming it, not Python's `UnicodeEncodeError`.
fn borrow_str<'a>(text: &'a Bound<'_, PyString>, what: &str) -> PyResult<&'a str> {
    extern "C" {
        fn PyUnicode_AsUTF8AndSize(
            unicode: *mut pyo3::ffi::PyObject,
            size: *mut pyo3::ffi::Py_ssize_t,
        ) -> *const std::os::raw::c_char;
    }
    let mut size: pyo3::ffi::Py_ssize_t = 0;
    // SAFETY: `text` is a live `str` (the borrow keeps it alive) and we hold
    // the GIL (abi3 modules only load into interpreters that have one).
    // CPython caches the UTF-8 form inside the object and returns a pointer
    // to it that stays valid as long as the object, or NULL with an
    // exception set (a lone surrogate).
    let data = unsafe { PyUnicode_AsUTF8AndSize(text.as_ptr(), &mut size) };
    if data.is_null() {
        return Err(not_utf8(text.py(), PyErr::fetch(text.py()), what));
    }
    let len = usize::try_from(size).map_err(|_| PyValueError::new_err("negative str size"))?;
    // SAFETY: `data` points to `len` initialized bytes owned by `text`,
    // which outlives `'a`; nothing mutates a `str`'s UTF-8 cache once made.
    let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) };
    // SAFETY: CPython's UTF-8 form of a `str` is strict UTF-8 (the call
    // above fails on a lone surrogate rather than encode it), so checking
    // it again, a pass over every byte of the URL and body, is skipped.
    Ok(unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// `InvalidEncoding` for a `str` that UTF-8 cannot encode, naming the
/// argument and the position, with Python's `UnicodeEncodeError` as its cause.
#[cold]
fn not_utf8(py: Python<'_>, cause: PyErr, what: &str) -> PyErr {
    if !cause.is_instance_of::<PyUnicodeEncodeError>(py) {
        return cause;
    }
    let at = cause
        .value(py)
        .getattr("start")
        .and_then(|s| s.extract::<usize>())
        .map(|i| format!(" at index {i}"))
        .unwrap_or_default();
    let err = InvalidEncoding::new_err(format!(
        "{what} is not valid text: it holds a lone surrogate{at}, which UTF-8 cannot encode"
    ));
    err.set_cause(py, Some(cause));
    err
}

/// A `str` argument, borrowed.
fn str_arg<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    match value.cast::<PyString>() {
        Ok(text) => borrow_str(text, what),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            type_name(value)
        ))),
    }
}

/// A `str` argument, copied (for values the core keeps).
fn string_arg(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    str_arg(value, what).map(str::to_owned)
}

fn opt_string_arg(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<String>> {
    Ok(opt_str_arg(value, what)?.map(str::to_owned))
}

fn opt_str_arg<'a>(value: Option<&'a Bound<'_, PyAny>>, what: &str) -> PyResult<Option<&'a str>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| str_arg(v, what))
        .transpose()
}

/// A body argument: `str` (sent as UTF-8) or `bytes`, borrowed where possible.
fn body_bytes<'a>(body: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(bytes) = body.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(text) = body.cast::<PyString>() {
        return Ok(Cow::Borrowed(borrow_str(text, what)?.as_bytes()));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be str or bytes, not {}",
        type_name(body)
    )))
}

/// Python's repr of an optional `str`, for `__repr__`.
fn py_repr(py: Python<'_>, value: Option<&str>) -> String {
    match value {
        None => "None".to_owned(),
        Some(text) => PyString::new(py, text)
            .repr()
            .map(|r| r.to_string())
            .unwrap_or_else(|_| format!("{text:?}")),
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// `body_hash`: `False`/`True` (off/always) or a policy name of the core
/// (`"off"`, `"non-form"`, `"always"`); `None` is the default, off.
fn body_hash_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<oauth1::BodyHash> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(oauth1::BodyHash::default());
    };
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(flag.is_true().into());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(oauth1::BodyHash::from_name(borrow_str(text, "body_hash")?).map_err(Error)?);
    }
    Err(PyTypeError::new_err(format!(
        "body_hash must be bool or one of 'off', 'non-form', 'always', not {}",
        type_name(value)
    )))
}

/// A generated value: `None` (made fresh), a fixed `str` (or `int` for the
/// timestamp) or `OMIT`.
enum GeneratedArg<'a> {
    Auto,
    Fixed(&'a str),
    Number(Decimal),
    Omit,
}

impl GeneratedArg<'_> {
    fn as_core(&self) -> Generated<'_> {
        match self {
            GeneratedArg::Auto => Generated::Auto,
            GeneratedArg::Fixed(s) => Generated::Fixed(s),
            GeneratedArg::Number(n) => Generated::Fixed(n.as_str()),
            GeneratedArg::Omit => Generated::Omit,
        }
    }
}

/// A `u64` in decimal, written on the stack (no `String` per call).
struct Decimal {
    digits: [u8; 20],
    start: usize,
}

impl Decimal {
    fn new(mut n: u64) -> Self {
        let mut digits = [b'0'; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Decimal { digits, start }
    }

    fn as_str(&self) -> &str {
        // ASCII digits only: never the fallback.
        std::str::from_utf8(&self.digits[self.start..]).unwrap_or("0")
    }
}

fn generated_arg<'a>(
    value: Option<&'a Bound<'_, PyAny>>,
    what: &str,
    allow_int: bool,
) -> PyResult<GeneratedArg<'a>> {
    let Some(value) = value else {
        return Ok(GeneratedArg::Auto);
    };
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(GeneratedArg::Fixed(borrow_str(text, what)?));
    }
    if value.is_instance_of::<Omit>() {
        return Ok(GeneratedArg::Omit);
    }
    if allow_int && value.is_exact_instance_of::<PyInt>() {
        return match value.extract::<u64>() {
            Ok(n) => Ok(GeneratedArg::Number(Decimal::new(n))),
            // Negative or beyond 64 bits; 0 is refused by the core.
            Err(_) => Err(InvalidParameter::new_err(format!(
                "{what} {} is not a positive integer number of seconds (s3.3)",
                value.repr().map(|r| r.to_string()).unwrap_or_default()
            ))),
        };
    }
    let expected = if allow_int {
        "str, int, None or oauth1.OMIT"
    } else {
        "str, None or oauth1.OMIT"
    };
    Err(PyTypeError::new_err(format!(
        "{what} must be {expected}, not {}",
        type_name(value)
    )))
}

/// `extra_oauth_params`: a mapping or an iterable of `(name, value)` pairs.
fn extra_params(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let items = match value.cast::<PyDict>() {
        Ok(dict) => dict.items().into_any(),
        Err(_) => value.clone(),
    };
    let mut out = Vec::new();
    for item in items.try_iter()? {
        let item = item?;
        let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "extra_oauth_params must be a mapping or pairs of str, found {}",
                item.repr().map(|r| r.to_string()).unwrap_or_default()
            ))
        })?;
        out.push((
            string_arg(&name, "an extra_oauth_params name")?,
            string_arg(&value, "an extra_oauth_params value")?,
        ));
    }
    Ok(out)
}

/// Signs requests with one set of credentials.
///
/// Build it once per set of credentials and share it: it is immutable and
/// safe to use from many threads. Secrets are never shown in its repr.
#[pyclass(frozen, module = "oauth1", name = "Signer")]
struct Signer {
    inner: oauth1::Signer,
}

impl Signer {
    /// `Signer.sign`, its arguments sorted by [`sign_fastcall`].
    #[allow(clippy::too_many_arguments)]
    fn sign(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        url: &Bound<'_, PyAny>,
        body: Option<&Bound<'_, PyAny>>,
        content_type: Option<&Bound<'_, PyAny>>,
        timestamp: Option<&Bound<'_, PyAny>>,
        nonce: Option<&Bound<'_, PyAny>>,
        callback: Option<&Bound<'_, PyAny>>,
        verifier: Option<&Bound<'_, PyAny>>,
        extra_oauth_params: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<SignedRequest> {
        let method = str_arg(method, "method")?;
        let url = str_arg(url, "url")?;
        let content_type = opt_str_arg(content_type, "content_type")?;
        let callback = opt_str_arg(callback, "callback")?;
        let verifier = opt_str_arg(verifier, "verifier")?;
        let body = body.map(|b| body_bytes(b, "body")).transpose()?;
        let timestamp = generated_arg(timestamp, "timestamp", true)?;
        let nonce = generated_arg(nonce, "nonce", false)?;
        let extra = extra_params(extra_oauth_params)?;
        let request = oauth1::Request {
            method,
            url,
            body: body.as_deref(),
            content_type,
        };
        let options = oauth1::SignOptions {
            timestamp: timestamp.as_core(),
            nonce: nonce.as_core(),
            callback,
            verifier,
            extra_oauth_params: extra
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect(),
        };
        let long = body
            .as_ref()
            .is_some_and(|b| b.len() >= RELEASE_GIL_BODY_LEN);
        let signed = self.maybe_detach(py, long, || self.inner.sign_with(&request, &options));
        Ok(SignedRequest {
            inner: signed.map_err(Error)?,
        })
    }

    /// Runs `f` without the GIL when it is slow (RSA, long bodies), so other
    /// Python threads run meanwhile. `f` only touches Rust data (`Ungil`).
    fn maybe_detach<T, F>(&self, py: Python<'_>, long: bool, f: F) -> T
    where
        T: pyo3::marker::Ungil,
        F: FnOnce() -> T + pyo3::marker::Ungil,
    {
        if long || self.inner.signature_method().is_rsa() {
            py.detach(f)
        } else {
            f()
        }
    }
}

#[pymethods]
impl Signer {
    #[new]
    #[pyo3(signature = (
        consumer_key,
        consumer_secret = None,
        *,
        token = None,
        token_secret = None,
        signature_method = None,
        realm = None,
        rsa_private_key = None,
        include_version = true,
        body_hash = None,
        nonce_length = None,
        nonce_alphabet = None,
    ))]
    // The defaults PyO3 cannot spell for `PyAny` arguments, as Python sees them.
    #[pyo3(
        text_signature = "(consumer_key, consumer_secret='', *, token=None, token_secret=None, signature_method='HMAC-SHA1', realm=None, rsa_private_key=None, include_version=True, body_hash=False, nonce_length=None, nonce_alphabet=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        consumer_key: &Bound<'_, PyAny>,
        consumer_secret: Option<&Bound<'_, PyAny>>,
        token: Option<&Bound<'_, PyAny>>,
        token_secret: Option<&Bound<'_, PyAny>>,
        signature_method: Option<&Bound<'_, PyAny>>,
        realm: Option<&Bound<'_, PyAny>>,
        rsa_private_key: Option<&Bound<'_, PyAny>>,
        include_version: bool,
        body_hash: Option<&Bound<'_, PyAny>>,
        nonce_length: Option<usize>,
        nonce_alphabet: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let consumer_key = string_arg(consumer_key, "consumer_key")?;
        let consumer_secret = opt_str_arg(consumer_secret, "consumer_secret")?.unwrap_or("");
        let token = opt_string_arg(token, "token")?;
        let token_secret = opt_string_arg(token_secret, "token_secret")?;
        let signature_method =
            opt_str_arg(signature_method, "signature_method")?.unwrap_or("HMAC-SHA1");
        let realm = opt_string_arg(realm, "realm")?;
        let body_hash = body_hash_arg(body_hash)?;
        let nonce_alphabet = opt_str_arg(nonce_alphabet, "nonce_alphabet")?;
        let method: SignatureMethod = signature_method.parse().map_err(Error)?;
        let mut builder = oauth1::Signer::builder(consumer_key, consumer_secret)
            .signature_method(method)
            .include_version(include_version)
            .body_hash(body_hash);
        match (token, token_secret) {
            (Some(token), secret) => builder = builder.token(token, secret.unwrap_or_default()),
            (None, Some(_)) => {
                return Err(InvalidParameter::new_err(
                    "token_secret was given without token; pass token= as well (token=\"\" sends an empty oauth_token)",
                ))
            }
            (None, None) => {}
        }
        if let Some(realm) = realm {
            builder = builder.realm(realm);
        }
        if let Some(pem) = rsa_private_key.filter(|k| !k.is_none()) {
            let pem = body_bytes(pem, "rsa_private_key")?;
            let pem = std::str::from_utf8(&pem).map_err(|_| {
                InvalidKey::new_err("rsa_private_key is not PEM text (it is not valid UTF-8)")
            })?;
            builder = builder.rsa_private_key_pem(pem);
        }
        if nonce_length.is_some() || nonce_alphabet.is_some() {
            builder = builder.nonce(
                nonce_length.unwrap_or(oauth1::DEFAULT_NONCE_LENGTH),
                nonce_alphabet.unwrap_or(oauth1::DEFAULT_NONCE_ALPHABET),
            );
        }
        let inner = if method.is_rsa() {
            // Parsing an RSA key takes milliseconds.
            py.detach(|| builder.build())
        } else {
            builder.build()
        };
        Ok(Signer {
            inner: inner.map_err(Error)?,
        })
    }

    /// The consumer key.
    #[getter]
    fn consumer_key(&self) -> &str {
        self.inner.consumer_key()
    }

    /// The token, or None.
    #[getter]
    fn token(&self) -> Option<&str> {
        self.inner.token()
    }

    /// The signature method name, e.g. "HMAC-SHA256".
    #[getter]
    fn signature_method(&self) -> &'static str {
        self.inner.signature_method().as_str()
    }

    /// The realm, or None.
    #[getter]
    fn realm(&self) -> Option<&str> {
        self.inner.realm()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<oauth1.Signer consumer_key={} token={} signature_method={} realm={}>",
            py_repr(py, Some(self.inner.consumer_key())),
            py_repr(py, self.inner.token()),
            py_repr(py, Some(self.inner.signature_method().as_str())),
            py_repr(py, self.inner.realm()),
        )
    }

    /// The same consumer and settings with another token.
    fn with_token(
        &self,
        token: &Bound<'_, PyAny>,
        token_secret: &Bound<'_, PyAny>,
    ) -> PyResult<Signer> {
        let token = str_arg(token, "token")?;
        let token_secret = str_arg(token_secret, "token_secret")?;
        let inner = self.inner.with_token(token, token_secret).map_err(Error)?;
        Ok(Signer { inner })
    }

    /// Signs the request-token (temporary credentials) request: POST url.
    #[pyo3(signature = (url, *, callback = None))]
    fn request_token_request(
        &self,
        py: Python<'_>,
        url: &Bound<'_, PyAny>,
        callback: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<SignedRequest> {
        let url = str_arg(url, "url")?;
        let callback = opt_str_arg(callback, "callback")?;
        let signed = self.maybe_detach(py, false, || {
            self.inner.request_token_request(url, callback)
        });
        Ok(SignedRequest {
            inner: signed.map_err(Error)?,
        })
    }

    /// Signs the access-token (token credentials) request: POST url.
    #[pyo3(signature = (url, *, verifier))]
    fn access_token_request(
        &self,
        py: Python<'_>,
        url: &Bound<'_, PyAny>,
        verifier: &Bound<'_, PyAny>,
    ) -> PyResult<SignedRequest> {
        let url = str_arg(url, "url")?;
        let verifier = str_arg(verifier, "verifier")?;
        let signed =
            self.maybe_detach(py, false, || self.inner.access_token_request(url, verifier));
        Ok(SignedRequest {
            inner: signed.map_err(Error)?,
        })
    }
}

/// `Signer.sign`'s parameters: `(method, url, *, body=None, ...)`.
static SIGN_PARAMS: fastcall::Params<9> = fastcall::Params::new(
    "Signer.sign()",
    [
        "method",
        "url",
        "body",
        "content_type",
        "timestamp",
        "nonce",
        "callback",
        "verifier",
        "extra_oauth_params",
    ],
    2,
);

/// `Signer.sign`, a fastcall method (see [`fastcall`]): the hot path.
static SIGN_METHOD: fastcall::MethodDef = fastcall::MethodDef::new(
    c"sign",
    c"sign($self, method, url, *, body=None, content_type=None, timestamp=None, nonce=None, callback=None, verifier=None, extra_oauth_params=None)\n--\n\nSigns a request.",
    sign_fastcall,
);

/// Signs a request: `Signer.sign(method, url, *, body=None, content_type=None,
/// timestamp=None, nonce=None, callback=None, verifier=None,
/// extra_oauth_params=None)`.
unsafe extern "C" fn sign_fastcall(
    slf: *mut pyo3::ffi::PyObject,
    args: *const *mut pyo3::ffi::PyObject,
    nargs: pyo3::ffi::Py_ssize_t,
    kwnames: *mut pyo3::ffi::PyObject,
) -> *mut pyo3::ffi::PyObject {
    fastcall::trampoline(|py| {
        // SAFETY: CPython calls this method with fastcall arguments, alive
        // for the call, which is as long as the slots are used.
        let slots = unsafe { SIGN_PARAMS.parse(py, args, nargs, kwnames)? };
        let [Some(method), Some(url), body, content_type, timestamp, nonce, callback, verifier, extra] =
            slots
        else {
            return Err(SIGN_PARAMS.missing_positional(&slots));
        };
        // SAFETY: the method descriptor passes its receiver, alive for the
        // call (and already checked to be a Signer; checked again here).
        let slf = unsafe { Borrowed::from_ptr(py, slf) };
        let signed = slf.cast::<Signer>()?.get().sign(
            py,
            &method,
            &url,
            body.as_deref(),
            content_type.as_deref(),
            timestamp.as_deref(),
            nonce.as_deref(),
            callback.as_deref(),
            verifier.as_deref(),
            extra.as_deref(),
        )?;
        Ok(Bound::new(py, signed)?.into_any())
    })
}

/// A signed request: the signature, what it covers, and every way to send it.
#[pyclass(frozen, module = "oauth1", name = "SignedRequest")]
struct SignedRequest {
    inner: oauth1::Signed,
}

#[pymethods]
impl SignedRequest {
    /// The signature (oauth_signature), not percent-encoded.
    #[getter]
    fn signature(&self) -> &str {
        self.inner.signature()
    }

    /// The signature base string.
    #[getter]
    fn base_string(&self) -> &str {
        self.inner.base_string()
    }

    /// The normalized request parameters.
    #[getter]
    fn normalized_parameters(&self) -> String {
        self.inner.normalized_parameters()
    }

    /// The protocol parameters sent, decoded, in order.
    #[getter]
    fn oauth_parameters(&self) -> Vec<(String, String)> {
        self.inner.oauth_parameters()
    }

    /// The protocol parameters as an encoded query string.
    #[getter]
    fn oauth_query(&self) -> &str {
        self.inner.oauth_query()
    }

    /// The Authorization header value.
    #[getter]
    fn authorization_header(&self) -> String {
        self.inner.authorization_header()
    }

    /// {"Authorization": authorization_header}.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let headers = PyDict::new(py);
        headers.set_item("Authorization", self.inner.authorization_header())?;
        Ok(headers)
    }

    /// The URL with the protocol parameters in its query.
    #[getter]
    fn signed_url(&self) -> String {
        self.inner.signed_url()
    }

    /// The form body with the protocol parameters appended.
    #[getter]
    fn signed_form_body(&self) -> PyResult<String> {
        Ok(self.inner.signed_form_body().map_err(Error)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        // The signature is left out: with PLAINTEXT it is the secrets.
        let params: Vec<String> = self
            .inner
            .oauth_parameters()
            .into_iter()
            .filter(|(n, _)| n != "oauth_signature")
            .map(|(n, v)| format!("{n}={}", py_repr(py, Some(&v))))
            .collect();
        format!("<oauth1.SignedRequest {}>", params.join(" "))
    }
}

/// What the provider sent back to the callback.
#[pyclass(frozen, module = "oauth1", name = "CallbackParams")]
struct CallbackParams {
    inner: oauth1::CallbackParams,
}

#[pymethods]
impl CallbackParams {
    /// oauth_token: the request token that was authorized.
    #[getter]
    fn token(&self) -> &str {
        &self.inner.token
    }

    /// oauth_verifier.
    #[getter]
    fn verifier(&self) -> &str {
        &self.inner.verifier
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<oauth1.CallbackParams token={} verifier={}>",
            py_repr(py, Some(&self.inner.token)),
            py_repr(py, Some(&self.inner.verifier)),
        )
    }
}

/// A parsed token response.
#[pyclass(frozen, module = "oauth1", name = "TokenResponse")]
struct TokenResponse {
    inner: oauth1::TokenResponse,
}

#[pymethods]
impl TokenResponse {
    /// oauth_token.
    #[getter]
    fn token(&self) -> &str {
        &self.inner.token
    }

    /// oauth_token_secret.
    #[getter]
    fn token_secret(&self) -> &str {
        self.inner.token_secret.expose()
    }

    /// oauth_callback_confirmed, or None when absent.
    #[getter]
    fn callback_confirmed(&self) -> Option<bool> {
        self.inner.callback_confirmed
    }

    /// Every other field (first value of each name).
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let extra = PyDict::new(py);
        for (name, value) in &self.inner.extra {
            if !extra.contains(name)? {
                extra.set_item(name, value)?;
            }
        }
        Ok(extra)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let confirmed = match self.inner.callback_confirmed {
            None => "None",
            Some(true) => "True",
            Some(false) => "False",
        };
        let extra: Vec<String> = self
            .inner
            .extra
            .iter()
            .map(|(n, _)| py_repr(py, Some(n)))
            .collect();
        format!(
            "<oauth1.TokenResponse token={} token_secret=[redacted] callback_confirmed={confirmed} extra=[{}]>",
            py_repr(py, Some(&self.inner.token)),
            extra.join(", "),
        )
    }
}

/// Whether a Content-Type's media type is application/x-www-form-urlencoded,
/// as the core decides which bodies are signed as parameters.
#[pyfunction]
#[pyo3(signature = (content_type))]
fn is_form_content_type(content_type: Option<&Bound<'_, PyAny>>) -> PyResult<bool> {
    Ok(oauth1::is_form_content_type(opt_str_arg(
        content_type,
        "content_type",
    )?))
}

/// The resource-owner authorization URL: authorize_url with oauth_token added.
#[pyfunction]
fn authorization_url(
    authorize_url: &Bound<'_, PyAny>,
    request_token: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let authorize_url = str_arg(authorize_url, "authorize_url")?;
    let request_token = str_arg(request_token, "request_token")?;
    Ok(oauth1::authorization_url(authorize_url, request_token).map_err(Error)?)
}

/// Parses the callback (a whole URL or its query string); with
/// `request_token`, also refuses a callback for another token.
#[pyfunction]
#[pyo3(signature = (url_or_query, *, request_token = None))]
fn parse_callback(
    url_or_query: &Bound<'_, PyAny>,
    request_token: Option<&Bound<'_, PyAny>>,
) -> PyResult<CallbackParams> {
    let url_or_query = str_arg(url_or_query, "url_or_query")?;
    let parsed = match opt_str_arg(request_token, "request_token")? {
        Some(token) => oauth1::parse_callback_for(url_or_query, token),
        None => oauth1::parse_callback(url_or_query),
    };
    Ok(CallbackParams {
        inner: parsed.map_err(Error)?,
    })
}

/// Parses a form-encoded token response.
#[pyfunction]
#[pyo3(signature = (body, *, require_callback_confirmed))]
fn parse_token_response(
    body: &Bound<'_, PyAny>,
    require_callback_confirmed: bool,
) -> PyResult<TokenResponse> {
    let body = body_bytes(body, "body")?;
    let body = std::str::from_utf8(&body)
        .map_err(|_| InvalidEncoding::new_err("token response is not valid UTF-8"))?;
    Ok(TokenResponse {
        inner: oauth1::parse_token_response(body, require_callback_confirmed).map_err(Error)?,
    })
}

/// OAuth 1.0a signing on the liboauth1 core (native part; import `oauth1`).
#[pymodule(gil_used = false)]
fn _oauth1(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("core_version", oauth1::VERSION)?;
    m.add(
        "SIGNATURE_METHODS",
        PyTuple::new(py, SignatureMethod::ALL.iter().map(|m| m.as_str()))?,
    )?;
    m.add("DEFAULT_NONCE_LENGTH", oauth1::DEFAULT_NONCE_LENGTH)?;
    m.add("DEFAULT_NONCE_ALPHABET", oauth1::DEFAULT_NONCE_ALPHABET)?;
    m.add("OMIT", Bound::new(py, Omit)?)?;

    m.add("OAuth1Error", py.get_type::<OAuth1Error>())?;
    py.get_type::<OAuth1Error>().setattr("kind", "error")?;
    for kind in ERROR_KINDS {
        let ty = exception_type(py, kind);
        ty.setattr("kind", kind.as_str())?;
        m.add(ty.name()?.to_cow()?.as_ref(), ty)?;
    }

    m.add(
        "PROBLEM_CODES",
        PyTuple::new(py, ProblemCode::ALL.iter().map(|c| c.as_str()))?,
    )?;
    m.add("DEFAULT_TIMESTAMP_WINDOW", oauth1::DEFAULT_TIMESTAMP_WINDOW)?;
    let verification_error = py.get_type::<VerificationError>();
    verification_error.setattr("kind", "verification_failed")?;
    // Defaults on the class; each raised instance sets its own.
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
    m.add("VerificationError", verification_error)?;

    m.add_class::<Omit>()?;
    m.add_class::<Signer>()?;
    SIGN_METHOD.install::<Signer>(py)?;
    m.add_class::<SignedRequest>()?;
    m.add_class::<CallbackParams>()?;
    m.add_class::<TokenResponse>()?;
    m.add_function(wrap_pyfunction!(is_form_content_type, m)?)?;
    m.add_function(wrap_pyfunction!(authorization_url, m)?)?;
    m.add_function(wrap_pyfunction!(parse_callback, m)?)?;
    m.add_function(wrap_pyfunction!(parse_token_response, m)?)?;
    verify::register(m)?;
    profile::register(m)?;
    provider::register(m)?;
    Ok(())
}
