//! The endpoints. Every signed request goes through [`verify`], which
//! rebuilds the URL the client signed and runs the core's verifier.

use super::log::Outcome;
use super::pages;
use super::refusal::Refusal;
use super::state::Callback;
use super::App;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use oauth1::provider::{AuthorizeError, Decided, IssuedToken, TOKEN_RESPONSE_CONTENT_TYPE};
use oauth1::{
    form_decode, is_form_content_type, IncomingRequest, Problem, ProblemCode, ReceivedUrl, Verified,
};
use serde_json::{json, Map, Value};
use std::sync::Arc;

type AppState = State<Arc<App>>;

/// The headers whose values are text (the verifier reads `Authorization`
/// and `Content-Type`, the URL rebuild reads `Host` and the forwarding ones).
fn text_headers(headers: &HeaderMap) -> Vec<(&str, &str)> {
    headers
        .iter()
        .filter_map(|(name, value)| {
            std::str::from_utf8(value.as_bytes())
                .ok()
                .map(|value| (name.as_str(), value))
        })
        .collect()
}

/// The request target as received: the absolute form when the client sent
/// one (RFC 7230 s5.4: its authority wins over `Host`), else the origin form.
fn request_target(uri: &Uri) -> String {
    if uri.scheme().is_some() && uri.authority().is_some() {
        uri.to_string()
    } else {
        uri.path_and_query()
            .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned())
    }
}

/// Rebuilds the URL the client signed and hands the request to `endpoint`
/// (one of the core provider's).
fn with_request<T>(
    app: &App,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    endpoint: impl FnOnce(&IncomingRequest<'_>) -> Result<T, oauth1::provider::Refusal>,
) -> Result<T, Refusal> {
    let header_pairs = text_headers(headers);
    let target = request_target(uri);
    let url = ReceivedUrl::new(false, &target)
        .with_headers(header_pairs.iter().copied())
        .trust_proxy_headers(app.trust_proxy_headers)
        .to_url()
        .map_err(|e| {
            app.provider.refuse(Problem::new(
                ProblemCode::ParameterRejected,
                std::iter::empty::<String>(),
                format!("the request URL cannot be rebuilt: {}", e.message()),
            ))
        })?;
    let mut request =
        IncomingRequest::new(method.as_str(), &url).with_headers(header_pairs.iter().copied());
    if !body.is_empty() {
        request = request.with_body(body);
    }
    Ok(endpoint(&request)?)
}

/// Attaches the log outcome to a handler's answer.
fn answer(consumer: Option<&str>, result: Result<Response, Refusal>) -> Response {
    match result {
        Ok(mut response) => {
            if let Some(consumer) = consumer {
                response
                    .extensions_mut()
                    .insert(Outcome::accepted(consumer));
            }
            response
        }
        Err(refusal) => refusal.into_response(),
    }
}

fn form_response(body: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(TOKEN_RESPONSE_CONTENT_TYPE),
        )],
        body,
    )
        .into_response()
}

fn html(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

/// `GET /`.
pub async fn index(State(app): AppState) -> Response {
    let consumers = app.provider.consumers().list();
    let consumers: Vec<_> = consumers.iter().map(|c| &**c).collect();
    Html(pages::index(&app.base_url, &consumers, app.auto_approve)).into_response()
}

/// `POST /oauth/request_token` (RFC 5849 s2.1).
pub async fn request_token(
    State(app): AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    token_answer(with_request(
        &app,
        &method,
        &uri,
        &headers,
        &body,
        |request| app.provider.issue_request_token(request),
    ))
}

/// A token endpoint's answer: the issued token as a form, or the refusal.
fn token_answer(issued: Result<IssuedToken, Refusal>) -> Response {
    match issued {
        Ok(issued) => answer(Some(&issued.consumer_key), Ok(form_response(issued.body()))),
        Err(refusal) => refusal.into_response(),
    }
}

fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    uri.query()
        .and_then(|q| form_decode(q, "query").ok())
        .unwrap_or_default()
}

fn authorize_error(error: AuthorizeError) -> Response {
    let status = StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    html(
        status,
        pages::error("Cannot authorize", &error.explanation()),
    )
}

/// `GET /oauth/authorize?oauth_token=...` (s2.2): the page asking the user,
/// or with auto-approve the approval itself.
pub async fn authorize_page(State(app): AppState, uri: Uri) -> Response {
    let Some(token) = query_pairs(&uri)
        .into_iter()
        .find(|(n, _)| n == "oauth_token")
        .map(|(_, v)| v)
    else {
        return html(
            StatusCode::BAD_REQUEST,
            pages::error(
                "Cannot authorize",
                "The address has no oauth_token: the application must send you to /oauth/authorize?oauth_token=<its request token>.",
            ),
        );
    };
    let pending = match app.provider.authorization(&token) {
        Ok(p) => p,
        Err(e) => return authorize_error(e),
    };
    let consumer_key = pending.consumer.key.clone();
    let response = if app.auto_approve {
        decided(&app, &token, true, None, StatusCode::FOUND)
    } else {
        Html(pages::authorize(
            &pending.consumer,
            &token,
            &pending.form_guard,
            &pending.callback,
            &app.user,
        ))
        .into_response()
    };
    answer(Some(&consumer_key), Ok(response))
}

/// `POST /oauth/authorize`: the Approve or Deny form.
pub async fn authorize_decision(State(app): AppState, body: Bytes) -> Response {
    let fields = std::str::from_utf8(&body)
        .ok()
        .and_then(|b| form_decode(b, "form").ok())
        .unwrap_or_default();
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let (Some(token), Some(guard), Some(decision)) =
        (field("oauth_token"), field("form_guard"), field("decision"))
    else {
        return html(
            StatusCode::BAD_REQUEST,
            pages::error("Cannot authorize", "The form is incomplete."),
        );
    };
    let approve = match decision {
        "approve" => true,
        "deny" => false,
        _ => {
            return html(
                StatusCode::BAD_REQUEST,
                pages::error("Cannot authorize", "The decision must be approve or deny."),
            )
        }
    };
    let consumer_key = app
        .provider
        .authorization(token)
        .map(|p| p.consumer.key.clone())
        .ok();
    let response = decided(&app, token, approve, Some(guard), StatusCode::SEE_OTHER);
    answer(consumer_key.as_deref(), Ok(response))
}

/// Records the decision and answers: a redirect to the callback, or for
/// `oob` a page showing the verifier.
fn decided(
    app: &App,
    token: &str,
    approve: bool,
    form_guard: Option<&str>,
    redirect_status: StatusCode,
) -> Response {
    let decision = if approve {
        app.provider.approve(token, &app.user, form_guard)
    } else {
        app.provider.deny(token, form_guard)
    };
    let decided: Decided = match decision {
        Ok(decided) => decided,
        Err(e) => return authorize_error(e),
    };
    if let Some(location) = decided.redirect_url() {
        return redirect(redirect_status, &location);
    }
    match (&decided.callback, &decided.verifier) {
        (Callback::OutOfBand, Some(verifier)) => Html(pages::out_of_band_verifier(
            &decided.consumer_name,
            token,
            verifier,
        ))
        .into_response(),
        _ => Html(pages::out_of_band_denied(&decided.consumer_name)).into_response(),
    }
}

fn redirect(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (status, [(header::LOCATION, location)]).into_response(),
        Err(_) => html(
            StatusCode::BAD_REQUEST,
            pages::error(
                "Cannot redirect",
                "The callback URL cannot be sent in a header.",
            ),
        ),
    }
}

/// `POST /oauth/access_token` (s2.3).
pub async fn access_token(
    State(app): AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    token_answer(with_request(
        &app,
        &method,
        &uri,
        &headers,
        &body,
        |request| app.provider.exchange(request),
    ))
}

/// Runs `resource` for a request verified with an access token.
fn protected(
    app: &App,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    resource: impl FnOnce(&Verified, &str) -> Result<Response, Refusal>,
) -> Response {
    let authenticated = with_request(app, method, uri, headers, body, |request| {
        app.provider.authenticate(request)
    });
    match authenticated {
        Ok(authenticated) => answer(
            Some(authenticated.verified.consumer_key()),
            resource(&authenticated.verified, &authenticated.user),
        ),
        Err(refusal) => refusal.into_response(),
    }
}

/// Decoded pairs that are not protocol parameters.
fn application_pairs(pairs: Vec<(String, String)>) -> Map<String, Value> {
    pairs
        .into_iter()
        .filter(|(name, _)| !name.starts_with("oauth_"))
        .map(|(name, value)| (name, Value::String(value)))
        .collect()
}

fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// `GET /api/me`: who the access token acts for, and the query it got.
pub async fn me(
    State(app): AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    protected(&app, &method, &uri, &headers, &body, |verified, user| {
        Ok(Json(json!({
            "user": user,
            "consumer": verified.consumer_key(),
            "signature_method": verified.signature_method().as_str(),
            "query": application_pairs(query_pairs(&uri)),
        }))
        .into_response())
    })
}

/// `POST /api/records` with a form body: creates a record.
pub async fn create_record(
    State(app): AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    protected(&app, &method, &uri, &headers, &body, |verified, user| {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        if !is_form_content_type(content_type) {
            return Ok(json_error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the record as an application/x-www-form-urlencoded body",
            ));
        }
        let fields = std::str::from_utf8(&body)
            .ok()
            .and_then(|b| form_decode(b, "form body").ok())
            .unwrap_or_default();
        Ok(
            match app
                .records
                .create(user, verified.consumer_key(), application_pairs(fields))
            {
                Some(record) => (StatusCode::CREATED, Json(record)).into_response(),
                None => json_error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "the record is larger than this provider keeps",
                ),
            },
        )
    })
}

/// `PUT /api/records/{id}` with a JSON body and `oauth_body_hash`.
pub async fn update_record(
    State(app): AppState,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    protected(&app, &method, &uri, &headers, &body, |verified, user| {
        // The verifier checked the hash when it was sent; a JSON body is
        // only covered by the signature through it, so it is required.
        if verified.body_hash().is_none() {
            return Err(Refusal(app.provider.refuse(Problem::new(
                ProblemCode::ParameterAbsent,
                ["oauth_body_hash"],
                "a JSON body is signed only through oauth_body_hash (base64 SHA-1 of the body); send it",
            ))));
        }
        let Ok(id) = id.parse::<u64>() else {
            return Ok(json_error(StatusCode::NOT_FOUND, "no such record"));
        };
        let fields = match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(fields)) => fields,
            _ => {
                return Ok(json_error(
                    StatusCode::BAD_REQUEST,
                    "the body must be a JSON object of the fields to change",
                ))
            }
        };
        Ok(match app.records.update(id, user, fields) {
            Ok(Some(record)) => Json(record).into_response(),
            Ok(None) => json_error(StatusCode::NOT_FOUND, "no such record"),
            Err(()) => json_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the record would grow larger than this provider keeps",
            ),
        })
    })
}

/// `GET /callback`: a consumer's callback stand-in for trying the flow in a browser.
pub async fn callback_page(uri: Uri) -> Response {
    Html(pages::callback(&query_pairs(&uri))).into_response()
}

/// Anything else.
pub async fn not_found() -> Response {
    html(
        StatusCode::NOT_FOUND,
        pages::error(
            "Not found",
            "This provider has no such page; see / for its endpoints.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7230_s5_4_an_absolute_form_target_is_kept_whole() {
        let absolute: Uri = "http://other.example:8080/api/me?x=1".parse().expect("uri");
        assert_eq!(
            request_target(&absolute),
            "http://other.example:8080/api/me?x=1"
        );
        let origin: Uri = "/api/me?x=1".parse().expect("uri");
        assert_eq!(request_target(&origin), "/api/me?x=1");
    }
}
