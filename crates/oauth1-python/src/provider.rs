//! The service provider for Python: `Provider` over the core's
//! `oauth1::provider::Provider`, `RedisStore` over `oauth1_redis`, and
//! `ProviderResponse`, the core's rendering of each answer. Conversion only.

use std::sync::Arc;
use std::time::Duration;

use oauth1::provider::{Consumer, ConsumerTable, Provider as CoreProvider, Response};
use oauth1::{IncomingRequest, SignatureMethod, Verifier};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::args::{opt_str_arg, with_received};
use crate::errors::{CoreError, InvalidParameter, OAuth1Error};

/// Tokens and nonces on a Redis shared by every provider using it (any
/// language: the records are the core's), so a fleet behaves as one.
#[pyclass(frozen, module = "oauth1", name = "RedisStore")]
pub(crate) struct RedisStore {
    inner: Arc<oauth1_redis::RedisStore>,
    url: String,
}

#[pymethods]
impl RedisStore {
    #[new]
    #[pyo3(signature = (url, *, timeout = 1.0))]
    fn new(url: &str, timeout: f64) -> PyResult<Self> {
        let timeout = Duration::try_from_secs_f64(timeout)
            .ok()
            .filter(|t| !t.is_zero())
            .ok_or_else(|| {
                InvalidParameter::new_err("timeout must be a positive number of seconds")
            })?;
        let store = oauth1_redis::RedisStore::open(url)
            .map_err(|e| InvalidParameter::new_err(e.to_string()))?
            .timeout(timeout);
        Ok(RedisStore {
            url: oauth1::provider::TokenStore::name(&store),
            inner: Arc::new(store),
        })
    }

    fn __repr__(&self) -> String {
        format!("<oauth1.RedisStore {}>", self.url)
    }
}

/// What to send back for one call: status, content type, body, and the
/// named fields of the core's answer.
#[pyclass(frozen, module = "oauth1", name = "ProviderResponse")]
pub(crate) struct ProviderResponse {
    inner: Response,
}

#[pymethods]
impl ProviderResponse {
    /// The HTTP status.
    #[getter]
    fn status(&self) -> u16 {
        self.inner.status
    }

    /// The body's Content-Type.
    #[getter]
    fn content_type(&self) -> &'static str {
        self.inner.content_type
    }

    /// The body.
    #[getter]
    fn body(&self) -> &str {
        &self.inner.body
    }

    /// The named fields (``www-authenticate``, ``location``, ``oauth_problem``,
    /// ``consumer_key``, ``consumer_name``, ``token``, ``user``, ...).
    #[getter]
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in &self.inner.fields {
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    /// The headers to send besides Content-Type: WWW-Authenticate on a
    /// refusal, Location on a redirect.
    #[getter]
    fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = vec![("Content-Type", self.inner.content_type.to_owned())];
        if let Some(value) = self.inner.get("www-authenticate") {
            headers.push(("WWW-Authenticate", value.to_owned()));
        }
        if let Some(value) = self.inner.get("location") {
            headers.push(("Location", value.to_owned()));
        }
        headers
    }

    /// A field by name, or ``None``.
    fn get(&self, name: &str) -> Option<&str> {
        self.inner.get(name)
    }

    fn __repr__(&self) -> String {
        format!(
            "<oauth1.ProviderResponse status={} problem={}>",
            self.inner.status,
            self.inner.get("oauth_problem").unwrap_or("None")
        )
    }
}

fn respond(response: impl Into<Response>) -> ProviderResponse {
    ProviderResponse {
        inner: response.into(),
    }
}

/// The service provider of RFC 5849 s2: every rule is the core's.
#[pyclass(frozen, module = "oauth1", name = "Provider")]
pub(crate) struct Provider {
    inner: CoreProvider,
}

#[derive(Clone, Copy)]
enum Endpoint {
    RequestToken,
    AccessToken,
    Resource,
}

impl Provider {
    fn signed(
        &self,
        py: Python<'_>,
        endpoint: Endpoint,
        method: &Bound<'_, PyAny>,
        url: &Bound<'_, PyAny>,
        headers: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ProviderResponse> {
        with_received((method, url), headers, body, None, |request| {
            Ok(self.answer(py, endpoint, &request))
        })
    }

    /// The endpoint's answer to the request as the core reads it.
    fn answer(
        &self,
        py: Python<'_>,
        endpoint: Endpoint,
        request: &IncomingRequest<'_>,
    ) -> ProviderResponse {
        let provider = &self.inner;
        // The store may be on the network: other threads run meanwhile.
        py.detach(|| {
            let answer = match endpoint {
                Endpoint::RequestToken => {
                    provider.issue_request_token(request).map(|i| respond(&i))
                }
                Endpoint::AccessToken => provider.exchange(request).map(|i| respond(&i)),
                Endpoint::Resource => provider.authenticate(request).map(|a| respond(&a)),
            };
            answer.unwrap_or_else(|refusal| respond(&refusal))
        })
    }
}

#[pymethods]
impl Provider {
    #[new]
    #[pyo3(signature = (*, realm = "", store = None, request_token_ttl = 600.0, access_token_ttl = 2_592_000.0, timestamp_window = 300, allow_plaintext = false))]
    fn new(
        realm: &str,
        store: Option<&Bound<'_, RedisStore>>,
        request_token_ttl: f64,
        access_token_ttl: f64,
        timestamp_window: u64,
        allow_plaintext: bool,
    ) -> PyResult<Self> {
        let seconds = |value: f64, what: &str| {
            Duration::try_from_secs_f64(value).map_err(|_| {
                InvalidParameter::new_err(format!(
                    "{what} must be a non-negative number of seconds"
                ))
            })
        };
        let mut verifier = Verifier::new().timestamp_window(timestamp_window);
        if allow_plaintext {
            verifier = verifier.allow(SignatureMethod::Plaintext);
        }
        let mut provider = CoreProvider::new(ConsumerTable::new())
            .realm(realm)
            .verifier(verifier)
            .request_token_ttl(seconds(request_token_ttl, "request_token_ttl")?)
            .access_token_ttl(seconds(access_token_ttl, "access_token_ttl")?);
        if let Some(store) = store {
            let store = store.get().inner.clone();
            provider = provider.token_store(store.clone()).nonce_store(store);
        }
        Ok(Provider { inner: provider })
    }

    /// Adds (or replaces) a consumer: a secret, an RSA public key PEM, or both.
    #[pyo3(signature = (key, *, name = None, secret = None, rsa_public_key = None))]
    fn add_consumer(
        &self,
        key: &str,
        name: Option<&str>,
        secret: Option<&str>,
        rsa_public_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let pem = opt_str_arg(rsa_public_key, "rsa_public_key")?;
        let consumer =
            Consumer::new(key, name.unwrap_or_default(), secret, pem).map_err(CoreError)?;
        self.inner.consumers().insert(consumer);
        Ok(())
    }

    /// Removes a consumer; True when it was there.
    fn remove_consumer(&self, key: &str) -> bool {
        self.inner.consumers().remove(key)
    }

    /// The request-token endpoint (RFC 5849 s2.1).
    #[pyo3(signature = (method, url, *, headers = None, body = None))]
    fn request_token(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        url: &Bound<'_, PyAny>,
        headers: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ProviderResponse> {
        self.signed(py, Endpoint::RequestToken, method, url, headers, body)
    }

    /// The access-token endpoint (s2.3).
    #[pyo3(signature = (method, url, *, headers = None, body = None))]
    fn access_token(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        url: &Bound<'_, PyAny>,
        headers: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ProviderResponse> {
        self.signed(py, Endpoint::AccessToken, method, url, headers, body)
    }

    /// A protected resource (s3): status 200 with fields ``user``, ``consumer_key``, ``token``.
    #[pyo3(signature = (method, url, *, headers = None, body = None))]
    fn authenticate(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        url: &Bound<'_, PyAny>,
        headers: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ProviderResponse> {
        self.signed(py, Endpoint::Resource, method, url, headers, body)
    }

    /// What the authorization page shows (s2.2): fields ``consumer_name``,
    /// ``callback``, ``form_guard``; or the error page's status and text.
    fn authorization(&self, py: Python<'_>, request_token: &str) -> ProviderResponse {
        py.detach(|| match self.inner.authorization(request_token) {
            Ok(pending) => respond(&pending),
            Err(error) => respond(&error),
        })
    }

    /// Records the user's decision: 303 to the callback (field ``location``)
    /// or, for ``oob``, 200 with field ``verifier``.
    #[pyo3(signature = (request_token, *, approve, user = None, form_guard = None))]
    fn decide(
        &self,
        py: Python<'_>,
        request_token: &str,
        approve: bool,
        user: Option<&str>,
        form_guard: Option<&str>,
    ) -> PyResult<ProviderResponse> {
        let decided = if approve {
            let user = user.ok_or_else(|| InvalidParameter::new_err("approve=True needs user="))?;
            py.detach(|| self.inner.approve(request_token, user, form_guard))
        } else {
            py.detach(|| self.inner.deny(request_token, form_guard))
        };
        Ok(match decided {
            Ok(decided) => respond(&decided),
            Err(error) => respond(&error),
        })
    }

    /// Revokes a request or access token; True when it was there.
    fn revoke(&self, py: Python<'_>, token: &str) -> PyResult<bool> {
        py.detach(|| self.inner.revoke(token))
            .map_err(|e| OAuth1Error::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!(
            "<oauth1.Provider realm={:?} store={} consumers={}>",
            self.inner.realm_name(),
            self.inner.token_store_name(),
            self.inner.consumers().len()
        )
    }
}
