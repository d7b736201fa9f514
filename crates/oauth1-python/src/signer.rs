//! `Signer` (built once per set of credentials) and `SignedRequest` (one
//! signature and every way to send it). `Signer.sign`, the hot path, sorts
//! its own arguments (module `fastcall`).

use oauth1::SignatureMethod;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::args::{
    body_hash_arg, extra_params, generated_arg, opt_body_bytes, opt_str_arg, opt_string_arg,
    pem_arg, py_repr, str_arg, string_arg, RELEASE_GIL_BODY_LEN,
};
use crate::errors::{CoreError, InvalidParameter};
use crate::fastcall;

/// Signs requests with one set of credentials.
///
/// Build it once per set of credentials and share it: it is immutable and
/// safe to use from many threads. Secrets are never shown in its repr.
#[pyclass(frozen, module = "oauth1", name = "Signer")]
pub(crate) struct Signer {
    pub(crate) inner: oauth1::Signer,
}

/// The options of one signature (everything but the request), borrowed
/// from Python for the call.
pub(crate) struct OptionArgs<'a> {
    pub(crate) timestamp: Option<&'a Bound<'a, PyAny>>,
    pub(crate) nonce: Option<&'a Bound<'a, PyAny>>,
    pub(crate) callback: Option<&'a Bound<'a, PyAny>>,
    pub(crate) verifier: Option<&'a Bound<'a, PyAny>>,
    pub(crate) extra_oauth_params: Option<&'a Bound<'a, PyAny>>,
}

impl Signer {
    /// Converts the arguments and signs: `Signer.sign` and the HTTP client
    /// integrations' signer both come here.
    pub(crate) fn sign_args(
        &self,
        py: Python<'_>,
        (method, url): (&Bound<'_, PyAny>, &Bound<'_, PyAny>),
        body: Option<&Bound<'_, PyAny>>,
        content_type: Option<&Bound<'_, PyAny>>,
        args: &OptionArgs<'_>,
    ) -> PyResult<oauth1::Signed> {
        let method = str_arg(method, "method")?;
        let url = str_arg(url, "url")?;
        let content_type = opt_str_arg(content_type, "content_type")?;
        let callback = opt_str_arg(args.callback, "callback")?;
        let verifier = opt_str_arg(args.verifier, "verifier")?;
        let body = opt_body_bytes(body, "body")?;
        let timestamp = generated_arg(args.timestamp, "timestamp", true)?;
        let nonce = generated_arg(args.nonce, "nonce", false)?;
        let extra = extra_params(args.extra_oauth_params)?;
        let request = oauth1::Request {
            method,
            url,
            body,
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
        let long = body.is_some_and(|b| b.len() >= RELEASE_GIL_BODY_LEN);
        let signed = self.maybe_detach(py, long, || self.inner.sign_with(&request, &options));
        Ok(signed.map_err(CoreError)?)
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

/// The token of a builder: `token_secret` alone is refused, since it would
/// silently sign without `oauth_token`.
pub(crate) fn with_token(
    builder: oauth1::SignerBuilder,
    token: Option<String>,
    token_secret: Option<String>,
) -> PyResult<oauth1::SignerBuilder> {
    match (token, token_secret) {
        (Some(token), secret) => Ok(builder.token(token, secret.unwrap_or_default())),
        (None, Some(_)) => Err(InvalidParameter::new_err(
            "token_secret was given without token; pass token= as well (token=\"\" sends an empty oauth_token)",
        )),
        (None, None) => Ok(builder),
    }
}

/// Builds the signer, without the GIL for an RSA key (parsing one takes
/// milliseconds).
pub(crate) fn build(py: Python<'_>, builder: oauth1::SignerBuilder, rsa: bool) -> PyResult<Signer> {
    let inner = if rsa {
        py.detach(|| builder.build())
    } else {
        builder.build()
    };
    Ok(Signer {
        inner: inner.map_err(CoreError)?,
    })
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
        let method: SignatureMethod = signature_method.parse().map_err(CoreError)?;
        let builder = oauth1::Signer::builder(consumer_key, consumer_secret)
            .signature_method(method)
            .include_version(include_version)
            .body_hash(body_hash);
        let mut builder = with_token(builder, token, token_secret)?;
        if let Some(realm) = realm {
            builder = builder.realm(realm);
        }
        if let Some(pem) = rsa_private_key.filter(|k| !k.is_none()) {
            builder = builder.rsa_private_key_pem(pem_arg(pem, "rsa_private_key")?);
        }
        if nonce_length.is_some() || nonce_alphabet.is_some() {
            builder = builder.nonce(
                nonce_length.unwrap_or(oauth1::DEFAULT_NONCE_LENGTH),
                nonce_alphabet.unwrap_or(oauth1::DEFAULT_NONCE_ALPHABET),
            );
        }
        build(py, builder, method.is_rsa())
    }

    /// `Signer.sign` with PyO3's argument parsing instead of `fastcall`'s:
    /// kept only so that `make bench-python` measures, in the same run,
    /// what the fastcall method buys. Not part of the API.
    #[pyo3(signature = (method, url, *, body = None, content_type = None, timestamp = None, nonce = None, callback = None, verifier = None, extra_oauth_params = None))]
    #[allow(clippy::too_many_arguments)]
    fn _sign_with_pyo3_arguments(
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
        let options = OptionArgs {
            timestamp,
            nonce,
            callback,
            verifier,
            extra_oauth_params,
        };
        let signed = self.sign_args(py, (method, url), body, content_type, &options)?;
        Ok(SignedRequest { inner: signed })
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
        let inner = self
            .inner
            .with_token(token, token_secret)
            .map_err(CoreError)?;
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
            inner: signed.map_err(CoreError)?,
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
            inner: signed.map_err(CoreError)?,
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
pub(crate) static SIGN_METHOD: fastcall::MethodDef = fastcall::MethodDef::new(
    c"sign",
    c"sign($self, method, url, *, body=None, content_type=None, timestamp=None, nonce=None, callback=None, verifier=None, extra_oauth_params=None)\n--\n\nSigns a request.",
    sign_fastcall,
);

/// Signs a request: `Signer.sign(method, url, *, body=None, content_type=None,
/// timestamp=None, nonce=None, callback=None, verifier=None,
/// extra_oauth_params=None)`.
///
/// # Safety
///
/// CPython calls it as a fastcall method of `Signer` (see
/// [`fastcall::Params::parse`]).
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
        let options = OptionArgs {
            timestamp: timestamp.as_deref(),
            nonce: nonce.as_deref(),
            callback: callback.as_deref(),
            verifier: verifier.as_deref(),
            extra_oauth_params: extra.as_deref(),
        };
        let signer = slf.cast::<Signer>()?.get();
        let signed = signer.sign_args(
            py,
            (&method, &url),
            body.as_deref(),
            content_type.as_deref(),
            &options,
        )?;
        Ok(Bound::new(py, SignedRequest { inner: signed })?.into_any())
    })
}

/// A signed request: the signature, what it covers, and every way to send it.
#[pyclass(frozen, module = "oauth1", name = "SignedRequest")]
pub(crate) struct SignedRequest {
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
        Ok(self.inner.signed_form_body().map_err(CoreError)?)
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
