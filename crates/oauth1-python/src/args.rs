//! Python arguments to the core's types: `str` borrowed without a copy,
//! bodies and PEM keys as `str` or `bytes`, the generated values
//! (`timestamp`, `nonce`), `body_hash`, header and parameter pairs; and
//! the `TypeError`s, which name the argument as the caller spelled it.

use oauth1::Generated;
use pyo3::exceptions::{PyTypeError, PyUnicodeEncodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyString};

use crate::errors::{CoreError, InvalidEncoding, InvalidKey, InvalidParameter};

/// Work on a body at least this long releases the GIL (hashing and parsing
/// it takes long enough for other threads to gain); shorter HMAC and
/// PLAINTEXT signatures take about a microsecond, less than the hand-over.
pub(crate) const RELEASE_GIL_BODY_LEN: usize = 16 * 1024;

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
pub(crate) fn borrow_str<'a>(text: &'a Bound<'_, PyString>, what: &str) -> PyResult<&'a str> {
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
pub(crate) fn str_arg<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    match value.cast::<PyString>() {
        Ok(text) => borrow_str(text, what),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            type_name(value)
        ))),
    }
}

/// A `str` argument, copied (for values the core keeps).
pub(crate) fn string_arg(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    str_arg(value, what).map(str::to_owned)
}

/// An optional `str` argument, copied; `None` and absent are the same.
pub(crate) fn opt_string_arg(
    value: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<String>> {
    Ok(opt_str_arg(value, what)?.map(str::to_owned))
}

/// An optional `str` argument, borrowed; `None` and absent are the same.
pub(crate) fn opt_str_arg<'a>(
    value: Option<&'a Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<&'a str>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| str_arg(v, what))
        .transpose()
}

/// A body argument: `str` (sent as UTF-8) or `bytes`, borrowed.
pub(crate) fn body_bytes<'a>(body: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a [u8]> {
    if let Ok(bytes) = body.cast::<PyBytes>() {
        return Ok(bytes.as_bytes());
    }
    if let Ok(text) = body.cast::<PyString>() {
        return Ok(borrow_str(text, what)?.as_bytes());
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be str or bytes, not {}",
        type_name(body)
    )))
}

/// An optional body argument; `None` and absent are the same.
pub(crate) fn opt_body_bytes<'a>(
    body: Option<&'a Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<&'a [u8]>> {
    body.filter(|b| !b.is_none())
        .map(|b| body_bytes(b, what))
        .transpose()
}

/// A PEM key argument: `str` or `bytes` holding PEM text.
pub(crate) fn pem_arg<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    std::str::from_utf8(body_bytes(value, what)?)
        .map_err(|_| InvalidKey::new_err(format!("{what} is not PEM text (it is not valid UTF-8)")))
}

/// Python's repr of an optional `str`, for `__repr__`.
pub(crate) fn py_repr(py: Python<'_>, value: Option<&str>) -> String {
    match value {
        None => "None".to_owned(),
        Some(text) => PyString::new(py, text)
            .repr()
            .map(|r| r.to_string())
            .unwrap_or_else(|_| format!("{text:?}")),
    }
}

/// The name of an argument's type, for a `TypeError`.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// `body_hash`: `False`/`True` (off/always) or a policy name of the core
/// (`"off"`, `"non-form"`, `"always"`); `None` is the default, off.
pub(crate) fn body_hash_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<oauth1::BodyHash> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(oauth1::BodyHash::default());
    };
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(flag.is_true().into());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(oauth1::BodyHash::from_name(borrow_str(text, "body_hash")?).map_err(CoreError)?);
    }
    Err(PyTypeError::new_err(format!(
        "body_hash must be bool or one of 'off', 'non-form', 'always', not {}",
        type_name(value)
    )))
}

/// The sentinel that omits `oauth_timestamp` or `oauth_nonce` (PLAINTEXT).
#[pyclass(frozen, module = "oauth1", name = "Omit")]
pub(crate) struct Omit;

#[pymethods]
impl Omit {
    fn __repr__(&self) -> &'static str {
        "oauth1.OMIT"
    }
}

/// A generated value: `None` (made fresh), a fixed `str` (or `int` for the
/// timestamp) or `OMIT`.
pub(crate) enum GeneratedArg<'a> {
    Auto,
    Fixed(&'a str),
    Seconds(SecondsText),
    Omit,
}

impl GeneratedArg<'_> {
    /// The core's view of it, borrowed.
    pub(crate) fn as_core(&self) -> Generated<'_> {
        match self {
            GeneratedArg::Auto => Generated::Auto,
            GeneratedArg::Fixed(s) => Generated::Fixed(s),
            GeneratedArg::Seconds(n) => Generated::Fixed(n.as_str()),
            GeneratedArg::Omit => Generated::Omit,
        }
    }
}

/// An `int` timestamp written as decimal text on the stack (no `String`
/// per call), as the core takes a fixed timestamp.
pub(crate) struct SecondsText {
    digits: [u8; 20],
    start: usize,
}

impl SecondsText {
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
        SecondsText { digits, start }
    }

    fn as_str(&self) -> &str {
        // ASCII digits only: never the fallback.
        std::str::from_utf8(&self.digits[self.start..]).unwrap_or("0")
    }
}

/// `timestamp=` (`allow_int`: `str` or `int`) or `nonce=` (`str`), or
/// `None` (fresh) or `OMIT`.
pub(crate) fn generated_arg<'a>(
    value: Option<&'a Bound<'_, PyAny>>,
    what: &str,
    allow_int: bool,
) -> PyResult<GeneratedArg<'a>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
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
            Ok(n) => Ok(GeneratedArg::Seconds(SecondsText::new(n))),
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

/// The `(name, value)` pairs of a mapping (its `items()`, so multi-valued
/// header objects give every value) or of an iterable of pairs.
fn items<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(dict) = value.cast::<PyDict>() {
        return Ok(dict.items().into_any());
    }
    if value.hasattr("items")? {
        return value.call_method0("items");
    }
    Ok(value.clone())
}

/// Each `(name, value)` pair of a mapping or iterable, as Python objects;
/// `what` names the argument (and `expected` what a pair holds) in the
/// `TypeError` for an item that is not a pair.
pub(crate) fn pairs<'py>(
    value: &Bound<'py, PyAny>,
    what: &str,
    expected: &str,
) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    items(value)?
        .try_iter()?
        .map(|item| {
            let item = item?;
            item.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{what} must be a mapping or {expected}, found {}",
                    item.repr().map(|r| r.to_string()).unwrap_or_default()
                ))
            })
        })
        .collect()
}

/// `headers=`: a mapping or `(name, value)` pairs, as Python objects; the
/// caller borrows their text with [`header_strs`].
pub(crate) fn header_pairs<'py>(
    headers: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    match headers.filter(|h| !h.is_none()) {
        None => Ok(Vec::new()),
        Some(headers) => pairs(headers, "headers", "(name, value) pairs"),
    }
}

/// The text of header pairs, borrowed from the Python objects.
pub(crate) fn header_strs<'a>(
    pairs: &'a [(Bound<'_, PyAny>, Bound<'_, PyAny>)],
) -> PyResult<Vec<(&'a str, &'a str)>> {
    text_pairs(pairs, "a header name", "a header value")
}

/// The text of `(name, value)` pairs, borrowed; `what` names each part
/// in the `TypeError`.
fn text_pairs<'a>(
    pairs: &'a [(Bound<'_, PyAny>, Bound<'_, PyAny>)],
    name_what: &str,
    value_what: &str,
) -> PyResult<Vec<(&'a str, &'a str)>> {
    pairs
        .iter()
        .map(|(name, value)| Ok((str_arg(name, name_what)?, str_arg(value, value_what)?)))
        .collect()
}

/// `extra_oauth_params`: a mapping or an iterable of `(name, value)` pairs
/// of `str`, copied.
pub(crate) fn extra_params(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(Vec::new());
    };
    let pairs = pairs(value, "extra_oauth_params", "pairs of str")?;
    let texts = text_pairs(
        &pairs,
        "an extra_oauth_params name",
        "an extra_oauth_params value",
    )?;
    Ok(texts
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect())
}

/// A received request (`Verifier.verify`, the `Provider` endpoints) as the
/// core reads it, borrowed from Python for the call `f` makes with it. An
/// explicit `content_type` wins over a Content-Type header.
pub(crate) fn with_received<R>(
    (method, url): (&Bound<'_, PyAny>, &Bound<'_, PyAny>),
    headers: Option<&Bound<'_, PyAny>>,
    body: Option<&Bound<'_, PyAny>>,
    content_type: Option<&Bound<'_, PyAny>>,
    f: impl FnOnce(oauth1::IncomingRequest<'_>) -> PyResult<R>,
) -> PyResult<R> {
    let method = str_arg(method, "method")?;
    let url = str_arg(url, "url")?;
    let content_type = opt_str_arg(content_type, "content_type")?;
    let body = opt_body_bytes(body, "body")?;
    let pairs = header_pairs(headers)?;
    let header_strs = header_strs(&pairs)?;
    let mut request = oauth1::IncomingRequest::new(method, url);
    if let Some(content_type) = content_type {
        request = request.with_content_type(content_type);
    }
    if let Some(body) = body {
        request = request.with_body(body);
    }
    f(request.with_headers(header_strs.iter().copied()))
}
