//! Provider profiles, `Signer.for_profile`, `Verifier.for_profile`, and
//! NetSuite's SOAP `TokenPassport`, for Python: conversion only, the rules
//! are the core's.
//!
//! `Signer.for_profile` and `Verifier.for_profile` are class methods
//! attached to the classes when the module loads, so that this file holds
//! them rather than the classes' own `#[pymethods]` blocks.

use oauth1::SignatureMethod;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::args::{generated_arg, pem_arg, py_repr};
use crate::errors::{CoreError, InvalidParameter};
use crate::signer::{build, with_token, Signer};
use crate::verify::verifier::Verifier;

/// One provider's OAuth 1.0a rules (from the core's `profiles/NAME.toml`).
#[pyclass(frozen, module = "oauth1", name = "Profile")]
pub(crate) struct Profile {
    inner: &'static oauth1::Profile,
}

fn find(name: &str) -> PyResult<&'static oauth1::Profile> {
    Ok(oauth1::profile(name).map_err(CoreError)?)
}

#[pymethods]
impl Profile {
    /// The profile's name, e.g. "netsuite".
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    /// The provider's name, for people.
    #[getter]
    fn display_name(&self) -> &'static str {
        self.inner.display_name()
    }
    /// One line: what the profile does.
    #[getter]
    fn summary(&self) -> &'static str {
        self.inner.summary()
    }
    /// The provider's documentation pages the values come from.
    #[getter]
    fn docs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.docs())
    }
    /// The signature methods the provider accepts.
    #[getter]
    fn signature_methods<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.inner.signature_methods().iter().map(|m| m.as_str()),
        )
    }
    /// The method a signer uses unless told otherwise.
    #[getter]
    fn default_signature_method(&self) -> &'static str {
        self.inner.default_signature_method().as_str()
    }
    /// Where the protocol parameters go: "header", "query" or "form".
    #[getter]
    fn transmission(&self) -> &'static str {
        self.inner.transmission().as_str()
    }
    /// What `account=` means: "none", "netsuite-account-id" or "store-url".
    #[getter]
    fn account(&self) -> &'static str {
        self.inner.account_kind().as_str()
    }
    /// How the realm is made: "none" or "netsuite-account".
    #[getter]
    fn realm(&self) -> &'static str {
        self.inner.realm_rule().as_str()
    }
    /// The body-hash policy: "off", "non-form" or "always".
    #[getter]
    fn body_hash(&self) -> &'static str {
        self.inner.body_hash().as_str()
    }
    /// Whether oauth_version=1.0 is sent.
    #[getter]
    fn include_version(&self) -> bool {
        self.inner.include_version()
    }
    /// The nonce length.
    #[getter]
    fn nonce_length(&self) -> usize {
        self.inner.nonce_length()
    }
    /// The nonce characters.
    #[getter]
    fn nonce_alphabet(&self) -> &'static str {
        self.inner.nonce_alphabet()
    }
    /// How timestamps are made: "clock" or "monotonic".
    #[getter]
    fn timestamp(&self) -> &'static str {
        self.inner.timestamp_rule().as_str()
    }
    /// Whether the request-token response must confirm the callback.
    #[getter]
    fn callback_confirmed_required(&self) -> bool {
        self.inner.callback_confirmed_required()
    }
    /// The request-token endpoint template (with {account} or {store}), or None.
    #[getter]
    fn request_token_url(&self) -> Option<&'static str> {
        self.inner.request_token_url_template()
    }
    /// The authorize endpoint template, or None.
    #[getter]
    fn authorize_url(&self) -> Option<&'static str> {
        self.inner.authorize_url_template()
    }
    /// The access-token endpoint template, or None.
    #[getter]
    fn access_token_url(&self) -> Option<&'static str> {
        self.inner.access_token_url_template()
    }
    /// The API base URL template, or None.
    #[getter]
    fn api_base(&self) -> Option<&'static str> {
        self.inner.api_base_template()
    }
    /// Extra authorize-URL parameters and their defaults.
    #[getter]
    fn authorize_params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.inner.authorize_params() {
            d.set_item(k, v)?;
        }
        Ok(d)
    }
    /// Extra request-token parameters and their defaults.
    #[getter]
    fn request_token_params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.inner.request_token_params() {
            d.set_item(k, v)?;
        }
        Ok(d)
    }
    /// Token-response fields worth keeping beyond token and secret.
    #[getter]
    fn response_fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.response_fields())
    }
    /// Known pitfalls, briefly.
    #[getter]
    fn pitfalls(&self) -> &'static str {
        self.inner.pitfalls()
    }
    /// What was checked against the provider's documentation, and what not.
    #[getter]
    fn checked(&self) -> &'static str {
        self.inner.checked()
    }

    /// An endpoint URL for the account: kind is "request_token" (with the
    /// profile's request-token parameters) or "access_token".
    #[pyo3(signature = (kind, *, account = None))]
    fn endpoint(&self, kind: &str, account: Option<&str>) -> PyResult<String> {
        match kind {
            "request_token" => Ok(self.inner.request_token_url(account).map_err(CoreError)?),
            "access_token" => Ok(self.inner.access_token_url(account).map_err(CoreError)?),
            _ => Err(InvalidParameter::new_err(format!(
                "endpoint kind {kind:?} is not request_token or access_token"
            ))),
        }
    }

    /// The authorize URL for a request token, with the profile's authorize
    /// parameters (``params`` replaces their defaults).
    #[pyo3(signature = (request_token, *, account = None, params = None))]
    fn authorization_url(
        &self,
        request_token: &str,
        account: Option<&str>,
        params: Option<std::collections::HashMap<String, String>>,
    ) -> PyResult<String> {
        let params = params.unwrap_or_default();
        let overrides: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Ok(self
            .inner
            .authorization_url(account, request_token, &overrides)
            .map_err(CoreError)?)
    }

    /// An API URL: the profile's API base for the account, then ``path``.
    fn api_url(&self, account: &str, path: &str) -> PyResult<String> {
        Ok(self.inner.api_url(account, path).map_err(CoreError)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("<oauth1.Profile {}>", py_repr(py, Some(self.inner.name())))
    }
}

/// Every provider profile, sorted by name.
#[pyfunction]
pub(crate) fn profiles() -> Vec<Profile> {
    oauth1::profiles()
        .iter()
        .map(|inner| Profile { inner })
        .collect()
}

/// The profile of that name; InvalidParameter names the known ones.
#[pyfunction]
pub(crate) fn profile(name: &str) -> PyResult<Profile> {
    Ok(Profile { inner: find(name)? })
}

/// `Signer.for_profile(name, consumer_key, consumer_secret="", *, account=None,
/// token=None, token_secret=None, signature_method=None, realm=None,
/// rsa_private_key=None, monotonic_timestamps=None)`.
#[pyfunction]
#[pyo3(name = "for_profile", signature = (
    _cls,
    name,
    consumer_key,
    consumer_secret = "",
    *,
    account = None,
    token = None,
    token_secret = None,
    signature_method = None,
    realm = None,
    rsa_private_key = None,
    monotonic_timestamps = None,
))]
#[allow(clippy::too_many_arguments)]
fn signer_for_profile(
    py: Python<'_>,
    _cls: &Bound<'_, PyType>,
    name: &str,
    consumer_key: String,
    consumer_secret: &str,
    account: Option<String>,
    token: Option<String>,
    token_secret: Option<String>,
    signature_method: Option<&str>,
    realm: Option<String>,
    rsa_private_key: Option<&Bound<'_, PyAny>>,
    monotonic_timestamps: Option<bool>,
) -> PyResult<Signer> {
    let mut builder =
        oauth1::Signer::for_profile(name, consumer_key, consumer_secret).map_err(CoreError)?;
    if let Some(account) = account {
        builder = builder.account(account);
    }
    builder = with_token(builder, token, token_secret)?;
    let mut method = builder.profile().map(|p| p.default_signature_method());
    if let Some(name) = signature_method {
        let parsed: SignatureMethod = name.parse().map_err(CoreError)?;
        builder = builder.signature_method(parsed);
        method = Some(parsed);
    }
    if let Some(realm) = realm {
        builder = builder.realm(realm);
    }
    if let Some(pem) = rsa_private_key {
        builder = builder.rsa_private_key_pem(pem_arg(pem, "rsa_private_key")?);
    }
    if let Some(enabled) = monotonic_timestamps {
        builder = builder.monotonic_timestamps(enabled);
    }
    build(py, builder, method.is_some_and(|m| m.is_rsa()))
}

/// `Signer.monotonic_timestamps`: whether the signer's timestamps never go backwards.
#[pyfunction]
#[pyo3(name = "monotonic_timestamps")]
fn signer_monotonic_timestamps(signer: &Signer) -> bool {
    signer.inner.monotonic_timestamps()
}

// The literal 300 below is what the stub and `Verifier()` say; keep it the core's.
const _: () = assert!(oauth1::DEFAULT_TIMESTAMP_WINDOW == 300);

/// `Verifier.for_profile(name, credentials, *, nonce_store=None,
/// timestamp_window=300, now=None)`: a Verifier that accepts exactly the
/// profile's signature methods.
#[pyfunction]
#[pyo3(name = "for_profile", signature = (cls, name, credentials, *, nonce_store = None, timestamp_window = 300, now = None))]
fn verifier_for_profile<'py>(
    cls: &Bound<'py, PyType>,
    name: &str,
    credentials: &Bound<'py, PyAny>,
    nonce_store: Option<&Bound<'py, PyAny>>,
    timestamp_window: u64,
    now: Option<u64>,
) -> PyResult<Bound<'py, PyAny>> {
    let p = find(name)?;
    let kwargs = PyDict::new(cls.py());
    let methods: Vec<&str> = p.signature_methods().iter().map(|m| m.as_str()).collect();
    kwargs.set_item("signature_methods", methods)?;
    kwargs.set_item("nonce_store", nonce_store)?;
    kwargs.set_item("timestamp_window", timestamp_window)?;
    kwargs.set_item("now", now)?;
    cls.call((credentials,), Some(&kwargs))
}

/// Makes NetSuite SOAP ``TokenPassport`` elements for one account,
/// integration and token (HMAC-SHA256 over
/// ``account&consumerKey&token&nonce&timestamp``). Timestamps never go
/// backwards. Immutable and thread-safe; secrets never appear in its repr.
#[pyclass(frozen, module = "oauth1", name = "TokenPassportSigner")]
pub(crate) struct TokenPassportSigner {
    inner: oauth1::TokenPassportSigner,
}

#[pymethods]
impl TokenPassportSigner {
    #[new]
    #[pyo3(signature = (account, consumer_key, consumer_secret, token, token_secret, *, signature_method = "HMAC-SHA256"))]
    fn new(
        account: &str,
        consumer_key: String,
        consumer_secret: &str,
        token: String,
        token_secret: &str,
        signature_method: &str,
    ) -> PyResult<Self> {
        let method: SignatureMethod = signature_method.parse().map_err(CoreError)?;
        let mut inner = oauth1::TokenPassportSigner::new(
            account,
            consumer_key,
            consumer_secret,
            token,
            token_secret,
        )
        .map_err(CoreError)?;
        if method != SignatureMethod::HmacSha256 {
            inner = inner.with_signature_method(method).map_err(CoreError)?;
        }
        Ok(TokenPassportSigner { inner })
    }

    /// The account as sent (realm form, e.g. "1234567_SB1").
    #[getter]
    fn account(&self) -> &str {
        self.inner.account()
    }

    /// Signs a passport; timestamp (str or int) and nonce are fresh when None.
    #[pyo3(signature = (*, timestamp = None, nonce = None))]
    fn sign(
        &self,
        timestamp: Option<&Bound<'_, PyAny>>,
        nonce: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<TokenPassport> {
        let timestamp = generated_arg(timestamp, "timestamp", true)?;
        let nonce = generated_arg(nonce, "nonce", false)?;
        let inner = self
            .inner
            .sign(timestamp.as_core(), nonce.as_core())
            .map_err(CoreError)?;
        Ok(TokenPassport { inner })
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<oauth1.TokenPassportSigner account={} signature_method={}>",
            py_repr(py, Some(self.inner.account())),
            py_repr(py, Some(self.inner.signature_method().as_str())),
        )
    }
}

/// A signed NetSuite ``TokenPassport``.
#[pyclass(frozen, module = "oauth1", name = "TokenPassport")]
pub(crate) struct TokenPassport {
    inner: oauth1::TokenPassport,
}

#[pymethods]
impl TokenPassport {
    /// The account (realm form).
    #[getter]
    fn account(&self) -> &str {
        self.inner.account()
    }
    /// The consumer key.
    #[getter]
    fn consumer_key(&self) -> &str {
        self.inner.consumer_key()
    }
    /// The token.
    #[getter]
    fn token(&self) -> &str {
        self.inner.token()
    }
    /// The nonce.
    #[getter]
    fn nonce(&self) -> &str {
        self.inner.nonce()
    }
    /// The timestamp (Unix seconds, as text).
    #[getter]
    fn timestamp(&self) -> &str {
        self.inner.timestamp()
    }
    /// The signature's algorithm, e.g. "HMAC-SHA256".
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm().as_str()
    }
    /// ``account&consumerKey&token&nonce&timestamp``, as signed.
    #[getter]
    fn base_string(&self) -> &str {
        self.inner.base_string()
    }
    /// The base64 signature.
    #[getter]
    fn signature(&self) -> &str {
        self.inner.signature()
    }
    /// The ``<tokenPassport>`` element; ``namespace`` becomes its default
    /// namespace (the WSDL version's messages namespace).
    #[pyo3(signature = (namespace = None))]
    fn to_xml(&self, namespace: Option<&str>) -> String {
        self.inner.to_xml(namespace)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<oauth1.TokenPassport account={} timestamp={} algorithm={}>",
            py_repr(py, Some(self.inner.account())),
            py_repr(py, Some(self.inner.timestamp())),
            py_repr(py, Some(self.inner.algorithm().as_str())),
        )
    }
}

/// Attaches `Signer.for_profile`, `Signer.monotonic_timestamps` and
/// `Verifier.for_profile` to their classes.
pub(crate) fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let builtins = py.import("builtins")?;
    let classmethod = builtins.getattr("classmethod")?;
    let property = builtins.getattr("property")?;
    let signer = py.get_type::<Signer>();
    let for_profile = wrap_pyfunction!(signer_for_profile, m)?;
    signer.setattr("for_profile", classmethod.call1((for_profile,))?)?;
    let monotonic = wrap_pyfunction!(signer_monotonic_timestamps, m)?;
    signer.setattr("monotonic_timestamps", property.call1((monotonic,))?)?;
    let verifier = py.get_type::<Verifier>();
    let for_profile = wrap_pyfunction!(verifier_for_profile, m)?;
    verifier.setattr("for_profile", classmethod.call1((for_profile,))?)?;
    Ok(())
}
