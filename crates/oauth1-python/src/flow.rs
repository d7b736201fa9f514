//! The three-legged flow's helpers: the authorization URL, the callback and
//! the token response, parsed by the core.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::args::{body_bytes, opt_str_arg, py_repr, str_arg};
use crate::errors::{CoreError, InvalidEncoding};

/// What the provider sent back to the callback.
#[pyclass(frozen, module = "oauth1", name = "CallbackParams")]
pub(crate) struct CallbackParams {
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
pub(crate) struct TokenResponse {
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
pub(crate) fn is_form_content_type(content_type: Option<&Bound<'_, PyAny>>) -> PyResult<bool> {
    Ok(oauth1::is_form_content_type(opt_str_arg(
        content_type,
        "content_type",
    )?))
}

/// The resource-owner authorization URL: authorize_url with oauth_token added.
#[pyfunction]
pub(crate) fn authorization_url(
    authorize_url: &Bound<'_, PyAny>,
    request_token: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let authorize_url = str_arg(authorize_url, "authorize_url")?;
    let request_token = str_arg(request_token, "request_token")?;
    Ok(oauth1::authorization_url(authorize_url, request_token).map_err(CoreError)?)
}

/// Parses the callback (a whole URL or its query string); with
/// `request_token`, also refuses a callback for another token.
#[pyfunction]
#[pyo3(signature = (url_or_query, *, request_token = None))]
pub(crate) fn parse_callback(
    url_or_query: &Bound<'_, PyAny>,
    request_token: Option<&Bound<'_, PyAny>>,
) -> PyResult<CallbackParams> {
    let url_or_query = str_arg(url_or_query, "url_or_query")?;
    let parsed = match opt_str_arg(request_token, "request_token")? {
        Some(token) => oauth1::parse_callback_for(url_or_query, token),
        None => oauth1::parse_callback(url_or_query),
    };
    Ok(CallbackParams {
        inner: parsed.map_err(CoreError)?,
    })
}

/// Parses a form-encoded token response.
#[pyfunction]
#[pyo3(signature = (body, *, require_callback_confirmed))]
pub(crate) fn parse_token_response(
    body: &Bound<'_, PyAny>,
    require_callback_confirmed: bool,
) -> PyResult<TokenResponse> {
    let body = std::str::from_utf8(body_bytes(body, "body")?)
        .map_err(|_| InvalidEncoding::new_err("token response is not valid UTF-8"))?;
    Ok(TokenResponse {
        inner: oauth1::parse_token_response(body, require_callback_confirmed).map_err(CoreError)?,
    })
}
