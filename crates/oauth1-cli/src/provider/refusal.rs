//! A refusal of the core's provider, sent as an HTTP response: the status,
//! `WWW-Authenticate: OAuth realm="..."` (not on a 503), and the body the
//! core renders (`oauth_problem=...&oauth_problem_advice=...`).

use super::log::Outcome;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Why the provider refused a request, ready to render as a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub oauth1::provider::Refusal);

impl Refusal {
    /// The `oauth_problem` code, or `store_unavailable` for a 503.
    pub fn problem(&self) -> &str {
        self.0.code().map_or("store_unavailable", |c| c.as_str())
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.0.http_status()).unwrap_or(StatusCode::UNAUTHORIZED)
    }

    /// The consumer key the request claimed, for the log.
    pub fn claimed_consumer_key(&self) -> Option<&str> {
        self.0.claimed_consumer_key()
    }
}

impl From<oauth1::provider::Refusal> for Refusal {
    fn from(refusal: oauth1::provider::Refusal) -> Self {
        Refusal(refusal)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let mut response = (
            self.status(),
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.0.content_type()),
            )],
            self.0.body(),
        )
            .into_response();
        if let Some(value) = self.0.www_authenticate() {
            let value =
                HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("OAuth"));
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response.extensions_mut().insert(Outcome::refused(
            self.claimed_consumer_key(),
            self.problem(),
        ));
        response
    }
}
