//! One rendering of every endpoint's answer as an HTTP response (status,
//! content type, body) with named fields, for servers that are not Rust:
//! the C and Python bindings hand this out as it is.

use super::{
    Authenticated, AuthorizeError, Decided, IssuedToken, PendingAuthorization, Refusal,
    TOKEN_RESPONSE_CONTENT_TYPE,
};
use crate::encoding::form_encode;

const TEXT: &str = "text/plain; charset=utf-8";

/// What to send back: status, `Content-Type`, body, and named fields —
/// `www-authenticate` (send it with a 400/401), `location` (the redirect
/// of a 303), `oauth_problem`, `consumer_key`, `consumer_name`, `token`,
/// `user`, `signature_method`, `body_hash`, `callback`, `form_guard`, `verifier`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The body's `Content-Type`.
    pub content_type: &'static str,
    /// The body (may be empty).
    pub body: String,
    /// The named fields this answer has.
    pub fields: Vec<(&'static str, String)>,
}

impl Response {
    /// A field by name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(status: u16, body: String, fields: Vec<(&'static str, String)>) -> Self {
        Response {
            status,
            content_type: TEXT,
            body,
            fields,
        }
    }
}

impl From<&Refusal> for Response {
    /// 400/401 with the problem body and `www-authenticate`, or 503.
    fn from(refusal: &Refusal) -> Self {
        let mut fields = Vec::new();
        if let Some(value) = refusal.www_authenticate() {
            fields.push(("www-authenticate", value));
        }
        if let Some(code) = refusal.code() {
            fields.push(("oauth_problem", code.as_str().to_owned()));
        }
        if let Some(key) = refusal.claimed_consumer_key() {
            fields.push(("consumer_key", key.to_owned()));
        }
        Response {
            status: refusal.http_status(),
            content_type: refusal.content_type(),
            body: refusal.body(),
            fields,
        }
    }
}

impl From<&IssuedToken> for Response {
    /// 200 with the token response.
    fn from(issued: &IssuedToken) -> Self {
        Response {
            status: 200,
            content_type: TOKEN_RESPONSE_CONTENT_TYPE,
            body: issued.body(),
            fields: vec![
                ("consumer_key", issued.consumer_key.clone()),
                ("token", issued.token.clone()),
            ],
        }
    }
}

impl From<&Authenticated> for Response {
    /// 200 without a body (the resource is the server's).
    fn from(authenticated: &Authenticated) -> Self {
        let verified = &authenticated.verified;
        let mut fields = vec![
            ("consumer_key", verified.consumer_key().to_owned()),
            ("token", verified.token().unwrap_or_default().to_owned()),
            ("user", authenticated.user.clone()),
            (
                "signature_method",
                verified.signature_method().as_str().to_owned(),
            ),
        ];
        // Checked against the body when sent; a JSON body is signed only through it.
        if let Some(hash) = verified.body_hash() {
            fields.push(("body_hash", hash.to_owned()));
        }
        Response::text(200, String::new(), fields)
    }
}

impl From<&PendingAuthorization> for Response {
    /// 200 with what the authorization page shows.
    fn from(pending: &PendingAuthorization) -> Self {
        Response::text(
            200,
            String::new(),
            vec![
                ("consumer_key", pending.consumer.key.clone()),
                ("consumer_name", pending.consumer.name.clone()),
                ("callback", pending.callback.as_str().to_owned()),
                ("form_guard", pending.form_guard.clone()),
                ("token", pending.request_token.clone()),
            ],
        )
    }
}

impl From<&AuthorizeError> for Response {
    /// The error page's status with the explanation as text.
    fn from(error: &AuthorizeError) -> Self {
        Response::text(error.http_status(), error.explanation(), Vec::new())
    }
}

impl From<&Decided> for Response {
    /// 303 to the callback (`location`), or for `oob` 200 with the verifier
    /// (form-encoded body and field `verifier`) to show the user.
    fn from(decided: &Decided) -> Self {
        let mut fields = vec![
            ("consumer_key", decided.consumer_key.clone()),
            ("consumer_name", decided.consumer_name.clone()),
            ("token", decided.request_token.clone()),
            ("callback", decided.callback.as_str().to_owned()),
        ];
        if let Some(verifier) = &decided.verifier {
            fields.push(("verifier", verifier.clone()));
        }
        if let Some(location) = decided.redirect_url() {
            fields.push(("location", location));
            return Response::text(303, String::new(), fields);
        }
        let outcome = match &decided.verifier {
            Some(verifier) => ("oauth_verifier", verifier.as_str()),
            None => ("oauth_problem", "user_refused"),
        };
        Response {
            status: 200,
            content_type: TOKEN_RESPONSE_CONTENT_TYPE,
            body: form_encode([("oauth_token", decided.request_token.as_str()), outcome]),
            fields,
        }
    }
}
