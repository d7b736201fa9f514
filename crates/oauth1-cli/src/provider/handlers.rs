//! The endpoints. Every signed request goes through [`verify`], which
//! rebuilds the URL the client signed and runs the core's verifier.

use super::log::Outcome;
use super::pages;
use super::refusal::Refusal;
use super::state::{AuthorizeError, Callback, Exchange, TokenKind};
use super::App;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use oauth1::{
    form_decode, form_encode, is_form_content_type, percent_decode_strict, IncomingRequest,
    Problem, ProblemCode, ReceivedUrl, RequestUrl, Verified,
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

/// Verifies a signed request at an endpoint accepting `kind` tokens.
fn verify(
    app: &App,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    kind: TokenKind,
) -> Result<Verified, Refusal> {
    let header_pairs = text_headers(headers);
    let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
    let url = ReceivedUrl::new(false, target)
        .with_headers(header_pairs.iter().copied())
        .trust_proxy_headers(app.trust_proxy_headers)
        .to_url()
        .map_err(|e| {
            refuse(
                app,
                Problem::new(
                    ProblemCode::ParameterRejected,
                    std::iter::empty::<String>(),
                    format!("the request URL cannot be rebuilt: {}", e.message()),
                ),
            )
        })?;
    let mut request =
        IncomingRequest::new(method.as_str(), &url).with_headers(header_pairs.iter().copied());
    if !body.is_empty() {
        request = request.with_body(body);
    }
    app.verifier
        .verify(&request, &app.state.credentials(kind), &app.nonces)
        .map_err(|problem| refuse(app, problem))
}

fn refuse(app: &App, problem: Problem) -> Refusal {
    Refusal::from_problem(&problem, &app.realm)
}

/// The consumer key a request claims, for the log line of a refused
/// request (never trusted for anything else).
fn claimed_consumer_key(headers: &HeaderMap, uri: &Uri) -> Option<String> {
    const NAME: &str = "oauth_consumer_key";
    let from_header = headers
        .get_all(header::AUTHORIZATION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let start = v.find(NAME)? + NAME.len();
            let rest = v[start..].trim_start().strip_prefix('=')?.trim_start();
            let quoted = rest.strip_prefix('"')?;
            Some(quoted[..quoted.find('"')?].to_owned())
        });
    from_header
        .or_else(|| {
            form_decode(uri.query()?, "query")
                .ok()?
                .into_iter()
                .find(|(n, _)| n == NAME)
                .map(|(_, v)| v)
        })
        .map(|key| {
            percent_decode_strict(&key, "")
                .map(|k| k.into_owned())
                .unwrap_or(key)
        })
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
        Err(refusal) => {
            let problem = refusal.problem().to_owned();
            let mut response = refusal.into_response();
            response
                .extensions_mut()
                .insert(Outcome::refused(consumer, &problem));
            response
        }
    }
}

/// Runs `handle` for a request verified at an endpoint accepting `kind`
/// tokens, and answers (see [`answer`]); a refused request is logged under
/// the consumer key it claims.
fn signed(
    app: &App,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    kind: TokenKind,
    handle: impl FnOnce(&Verified) -> Result<Response, Refusal>,
) -> Response {
    match verify(app, method, uri, headers, body, kind) {
        Ok(verified) => answer(Some(verified.consumer_key()), handle(&verified)),
        Err(refusal) => answer(claimed_consumer_key(headers, uri).as_deref(), Err(refusal)),
    }
}

fn form_response(pairs: &[(&str, &str)]) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        )],
        form_encode(pairs.iter().copied()),
    )
        .into_response()
}

fn html(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

/// `GET /`.
pub async fn index(State(app): AppState) -> Response {
    Html(pages::index(
        &app.base_url,
        &app.state.consumers(),
        app.auto_approve,
    ))
    .into_response()
}

/// `POST /oauth/request_token` (RFC 5849 s2.1).
pub async fn request_token(
    State(app): AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    signed(
        &app,
        &method,
        &uri,
        &headers,
        &body,
        TokenKind::NoToken,
        |verified| issue_request_token(&app, verified),
    )
}

fn issue_request_token(app: &App, verified: &Verified) -> Result<Response, Refusal> {
    let callback = match verified.callback() {
        None => {
            return Err(refuse(
                app,
                Problem::new(
                    ProblemCode::ParameterAbsent,
                    ["oauth_callback"],
                    "the request-token request must send oauth_callback: an absolute http(s) URL, or oob (RFC 5849 s2.1)",
                ),
            ))
        }
        Some("oob") => Callback::OutOfBand,
        Some(url) => match RequestUrl::parse(url) {
            Ok(_) => Callback::Url(url.to_owned()),
            Err(e) => {
                return Err(refuse(
                    app,
                    Problem::new(
                        ProblemCode::ParameterRejected,
                        ["oauth_callback"],
                        format!("oauth_callback must be an absolute http(s) URL or oob: {}", e.message()),
                    ),
                ))
            }
        },
    };
    let Some((token, secret)) = app
        .state
        .issue_request_token(verified.consumer_key(), callback)
    else {
        return Ok((
            StatusCode::SERVICE_UNAVAILABLE,
            "the provider's random source failed; try again",
        )
            .into_response());
    };
    Ok(form_response(&[
        ("oauth_token", &token),
        ("oauth_token_secret", &secret),
        ("oauth_callback_confirmed", "true"),
    ]))
}

fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    uri.query()
        .and_then(|q| form_decode(q, "query").ok())
        .unwrap_or_default()
}

fn authorize_error(error: AuthorizeError) -> Response {
    let status = match error {
        AuthorizeError::Unknown => StatusCode::NOT_FOUND,
        AuthorizeError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        AuthorizeError::BadFormGuard => StatusCode::FORBIDDEN,
        AuthorizeError::Expired | AuthorizeError::AlreadyDecided => StatusCode::BAD_REQUEST,
    };
    html(
        status,
        pages::error("Cannot authorize", error.explanation()),
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
    let pending = match app.state.pending_authorization(&token) {
        Ok(p) => p,
        Err(e) => return authorize_error(e),
    };
    let consumer_key = pending.consumer_key.clone();
    let Some(consumer) = app.state.consumer(&consumer_key) else {
        return authorize_error(AuthorizeError::Unknown);
    };
    let response = if app.auto_approve {
        decided(&app, &token, true, None, StatusCode::FOUND)
    } else {
        Html(pages::authorize(
            consumer,
            &token,
            &pending.form_guard,
            &pending.callback,
            app.state.user(),
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
        .state
        .pending_authorization(token)
        .map(|p| p.consumer_key)
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
    let consumer_name = app
        .state
        .pending_authorization(token)
        .ok()
        .and_then(|p| app.state.consumer(&p.consumer_key).map(|c| c.name.clone()))
        .unwrap_or_default();
    let (callback, verifier) = match app.state.decide(token, approve, form_guard) {
        Ok(decision) => decision,
        Err(e) => return authorize_error(e),
    };
    match (callback, verifier) {
        (Callback::Url(url), Some(verifier)) => redirect(
            redirect_status,
            &with_query(
                &url,
                &[("oauth_token", token), ("oauth_verifier", &verifier)],
            ),
        ),
        (Callback::Url(url), None) => redirect(
            redirect_status,
            &with_query(
                &url,
                &[("oauth_token", token), ("oauth_problem", "user_refused")],
            ),
        ),
        (Callback::OutOfBand, Some(verifier)) => Html(pages::out_of_band_verifier(
            &consumer_name,
            token,
            &verifier,
        ))
        .into_response(),
        (Callback::OutOfBand, None) => {
            Html(pages::out_of_band_denied(&consumer_name)).into_response()
        }
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

/// `url` with `pairs` added to its query, before any fragment.
fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let (base, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let separator = match base.find('?') {
        None => "?",
        Some(_) if base.ends_with('?') || base.ends_with('&') => "",
        Some(_) => "&",
    };
    format!(
        "{base}{separator}{}{fragment}",
        form_encode(pairs.iter().copied())
    )
}

/// `POST /oauth/access_token` (s2.3).
pub async fn access_token(
    State(app): AppState,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    signed(
        &app,
        &method,
        &uri,
        &headers,
        &body,
        TokenKind::Request,
        |verified| exchange(&app, verified),
    )
}

fn exchange(app: &App, verified: &Verified) -> Result<Response, Refusal> {
    let Some(request_token) = verified.token() else {
        return Err(refuse(
            app,
            Problem::new(
                ProblemCode::ParameterAbsent,
                ["oauth_token"],
                "the access-token request must carry the request token (oauth_token) and be signed with its secret",
            ),
        ));
    };
    let Some(verifier) = verified.verifier() else {
        return Err(refuse(
            app,
            Problem::new(
                ProblemCode::ParameterAbsent,
                ["oauth_verifier"],
                "the access-token request must send the oauth_verifier the user was given",
            ),
        ));
    };
    let lifecycle = |problem, advice: &str| Err(Refusal::lifecycle(problem, advice, &app.realm));
    match app.state.exchange(request_token, verifier) {
        Exchange::Granted {
            access_token,
            access_secret,
        } => Ok(form_response(&[
            ("oauth_token", &access_token),
            ("oauth_token_secret", &access_secret),
        ])),
        Exchange::Expired => lifecycle(
            ProblemCode::TokenExpired,
            "the request token has expired; start again with a new request token",
        ),
        Exchange::AlreadyUsed => lifecycle(
            ProblemCode::TokenUsed,
            "the request token was already exchanged (or a wrong verifier burnt it); request tokens are single use",
        ),
        Exchange::NotYetDecided => lifecycle(
            ProblemCode::PermissionUnknown,
            "the user has not approved this request token yet",
        ),
        Exchange::Denied => lifecycle(
            ProblemCode::PermissionDenied,
            "the user denied this request token",
        ),
        Exchange::WrongVerifier => Err(refuse(
            app,
            Problem::new(
                ProblemCode::ParameterRejected,
                ["oauth_verifier"],
                "oauth_verifier does not match the one given to the user; the request token is now used up",
            ),
        )),
        Exchange::Unknown => Err(refuse(
            app,
            Problem::new(
                ProblemCode::TokenRejected,
                ["oauth_token"],
                "the request token is not known (or has expired)",
            ),
        )),
    }
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
    signed(
        app,
        method,
        uri,
        headers,
        body,
        TokenKind::Access,
        |verified| {
            let Some(user) = verified
                .token()
                .and_then(|token| app.state.access_token_user(token))
            else {
                let problem = Problem::new(
                    ProblemCode::ParameterAbsent,
                    ["oauth_token"],
                    "this resource needs an access token (oauth_token) from the three-legged flow",
                );
                return Err(refuse(app, problem));
            };
            resource(verified, &user)
        },
    )
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
        let record =
            app.state
                .create_record(user, verified.consumer_key(), application_pairs(fields));
        Ok((StatusCode::CREATED, Json(record)).into_response())
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
            return Err(refuse(
                &app,
                Problem::new(
                    ProblemCode::ParameterAbsent,
                    ["oauth_body_hash"],
                    "a JSON body is signed only through oauth_body_hash (base64 SHA-1 of the body); send it",
                ),
            ));
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
        Ok(match app.state.update_record(id, user, fields) {
            Some(record) => Json(record).into_response(),
            None => json_error(StatusCode::NOT_FOUND, "no such record"),
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
    fn with_query_keeps_the_existing_query_and_the_fragment() {
        assert_eq!(
            with_query("http://c/cb", &[("a", "1 2")]),
            "http://c/cb?a=1%202"
        );
        assert_eq!(
            with_query("http://c/cb?x=1#f", &[("a", "1")]),
            "http://c/cb?x=1&a=1#f"
        );
        assert_eq!(with_query("http://c/cb?", &[("a", "1")]), "http://c/cb?a=1");
    }

    #[test]
    fn the_claimed_consumer_key_is_read_from_the_header_or_the_query() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("OAuth oauth_consumer_key=\"my%20app\", oauth_nonce=\"n\""),
        );
        let uri: Uri = "/x".parse().expect("uri");
        assert_eq!(
            claimed_consumer_key(&headers, &uri).as_deref(),
            Some("my app")
        );
        let uri: Uri = "/x?oauth_consumer_key=q".parse().expect("uri");
        assert_eq!(
            claimed_consumer_key(&HeaderMap::new(), &uri).as_deref(),
            Some("q")
        );
    }
}
