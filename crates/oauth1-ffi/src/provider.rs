//! The service provider (RFC 5849 s2) for C: the core's
//! `oauth1::provider::Provider` behind an opaque handle. Every rule is the
//! core's; this file converts arguments and renders answers.

use crate::boundary::{
    arg_opt_str, arg_out, arg_ref, arg_str, c_string, castable, free_handle, get, guard,
    into_handle, oauth1_header, Failure,
};
use crate::result::oauth1_result;
use crate::verify::{arg_received, Received};
use oauth1::provider::{Consumer, ConsumerTable, Provider, Response};
use oauth1_redis::RedisStore;
use std::ffi::c_char;
use std::sync::Arc;

/// A service provider: its consumers, its token store and nonce store (in
/// memory, or on Redis for a fleet of processes), and the verifier's
/// defaults (HMAC and RSA methods, a 300 s window, the system clock).
/// Request tokens live 10 minutes, access tokens 30 days.
///
/// Thread safety: thread-safe. Any number of threads may call the endpoint
/// functions at once, and consumers may be added or removed meanwhile.
pub struct oauth1_provider(());
castable!(oauth1_provider => Provider);

/// What to send back for one call of an endpoint: an HTTP status, a
/// content type and a body, and named fields (see
/// `oauth1_provider_response_get()`).
///
/// Thread safety: immutable once made; may be read from any thread.
pub struct oauth1_provider_response(());
castable!(oauth1_provider_response => Response);

fn respond(response: impl Into<Response>) -> *mut oauth1_provider_response {
    into_handle(response.into())
}

/// A new provider with no consumers. `store_url` chooses where tokens and
/// nonces live: NULL or `"memory"` for this process's memory, or
/// `"redis://HOST:PORT/DB"` for a Redis shared by every provider process
/// using it (not connected yet: a Redis that is down makes the endpoints
/// answer 503). `realm` (NULL: none) is the `WWW-Authenticate` realm of
/// refusals. Another `store_url` gives `OAUTH1_RESULT_INVALID_PARAMETER`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_new(
    store_url: *const c_char,
    realm: *const c_char,
    provider_out: *mut *mut oauth1_provider,
) -> oauth1_result {
    guard(|| {
        let store_url = arg_opt_str(store_url, "store_url")?;
        let realm = arg_opt_str(realm, "realm")?;
        let out = arg_out(provider_out, "provider_out")?;
        let mut provider = Provider::new(ConsumerTable::new()).realm(realm.unwrap_or_default());
        match store_url {
            None | Some("memory") => {}
            Some(url) if url.starts_with("redis://") => {
                let store =
                    Arc::new(RedisStore::open(url).map_err(|e| {
                        Failure::new(oauth1_result::InvalidParameter, e.to_string())
                    })?);
                provider = provider.token_store(store.clone()).nonce_store(store);
            }
            Some(other) => {
                return Err(Failure::new(
                    oauth1_result::InvalidParameter,
                    format!("store_url {other:?} is neither \"memory\" nor redis://HOST:PORT/DB"),
                ))
            }
        }
        out.write(into_handle(provider));
        Ok(())
    })
}

/// Frees a provider; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_free(provider: *mut oauth1_provider) {
    free_handle(provider)
}

/// Adds (or replaces) a consumer: its key (not empty), the name shown to
/// users (NULL: the key), and its shared secret and/or RSA public key PEM
/// (one may be NULL, not both: `OAUTH1_RESULT_INVALID_PARAMETER`; a PEM that
/// cannot be parsed: `OAUTH1_RESULT_INVALID_KEY`). Safe while other threads
/// call the endpoints.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_add_consumer(
    provider: *const oauth1_provider,
    consumer_key: *const c_char,
    name: *const c_char,
    secret: *const c_char,
    rsa_public_key_pem: *const c_char,
) -> oauth1_result {
    guard(|| {
        let provider = arg_ref(provider, "provider")?;
        let key = arg_str(consumer_key, "consumer_key")?;
        let name = arg_opt_str(name, "name")?;
        let secret = arg_opt_str(secret, "secret")?;
        let pem = arg_opt_str(rsa_public_key_pem, "rsa_public_key_pem")?;
        let consumer = Consumer::new(key, name.unwrap_or_default(), secret, pem)?;
        provider.consumers().insert(consumer);
        Ok(())
    })
}

/// Removes a consumer; `*removed_out` tells whether it was there.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_remove_consumer(
    provider: *const oauth1_provider,
    consumer_key: *const c_char,
    removed_out: *mut bool,
) -> oauth1_result {
    guard(|| {
        let provider = arg_ref(provider, "provider")?;
        let key = arg_str(consumer_key, "consumer_key")?;
        let out = arg_out(removed_out, "removed_out")?;
        out.write(provider.consumers().remove(key));
        Ok(())
    })
}

/// The endpoints that take a signed request.
#[derive(Clone, Copy)]
enum Endpoint {
    RequestToken,
    AccessToken,
    Resource,
}

/// Runs `endpoint` over a request given as a server has it: checks
/// `provider`, the request (`received`), then `response_out`.
fn signed_endpoint<'a>(
    endpoint: Endpoint,
    provider: *const oauth1_provider,
    received: impl FnOnce() -> Result<Received<'a>, Failure>,
    response_out: *mut *mut oauth1_provider_response,
) -> oauth1_result {
    guard(|| {
        let provider = arg_ref(provider, "provider")?;
        let received = received()?;
        let out = arg_out(response_out, "response_out")?;
        let request = received.request()?;
        let response = match endpoint {
            Endpoint::RequestToken => provider
                .issue_request_token(&request)
                .map(|issued| respond(&issued)),
            Endpoint::AccessToken => provider.exchange(&request).map(|issued| respond(&issued)),
            Endpoint::Resource => provider
                .authenticate(&request)
                .map(|authenticated| respond(&authenticated)),
        };
        out.write(response.unwrap_or_else(|refusal| respond(&refusal)));
        Ok(())
    })
}

/// The request-token endpoint (RFC 5849 s2.1). `method` and `url` are the
/// request's method and the absolute URL the client signed (behind a proxy,
/// see `oauth1_received_url()`); `headers` its headers (`Authorization` and
/// `Content-Type` are read), `body` its body (NULL with 0: none).
///
/// Returns `OAUTH1_RESULT_OK` whenever it answered, and writes
/// `*response_out`: status 200 with the token response body
/// (`oauth_token`, `oauth_token_secret`, `oauth_callback_confirmed=true`),
/// or the refusal to send (400/401 with `oauth_problem` and
/// `oauth_problem_advice`, field `www-authenticate`; 503 when the store
/// could not answer). Any other result (NULL, UTF-8) writes nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_request_token(
    provider: *const oauth1_provider,
    method: *const c_char,
    url: *const c_char,
    headers: *const oauth1_header,
    headers_count: usize,
    body: *const u8,
    body_len: usize,
    response_out: *mut *mut oauth1_provider_response,
) -> oauth1_result {
    signed_endpoint(
        Endpoint::RequestToken,
        provider,
        || arg_received(method, url, headers, headers_count, body, body_len),
        response_out,
    )
}

/// The access-token endpoint (s2.3): exchanges an approved request token
/// and its verifier, once, for an access token. As
/// `oauth1_provider_request_token()`; the 200 body holds `oauth_token` and
/// `oauth_token_secret`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_access_token(
    provider: *const oauth1_provider,
    method: *const c_char,
    url: *const c_char,
    headers: *const oauth1_header,
    headers_count: usize,
    body: *const u8,
    body_len: usize,
    response_out: *mut *mut oauth1_provider_response,
) -> oauth1_result {
    signed_endpoint(
        Endpoint::AccessToken,
        provider,
        || arg_received(method, url, headers, headers_count, body, body_len),
        response_out,
    )
}

/// A protected resource (s3): verifies a request signed with an access
/// token. As `oauth1_provider_request_token()`; a 200 response has no body
/// (the resource is the caller's) and the fields `user`, `consumer_key`,
/// `token` and `signature_method`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_authenticate(
    provider: *const oauth1_provider,
    method: *const c_char,
    url: *const c_char,
    headers: *const oauth1_header,
    headers_count: usize,
    body: *const u8,
    body_len: usize,
    response_out: *mut *mut oauth1_provider_response,
) -> oauth1_result {
    signed_endpoint(
        Endpoint::Resource,
        provider,
        || arg_received(method, url, headers, headers_count, body, body_len),
        response_out,
    )
}

/// What the authorization page (s2.2) shows for `request_token`: status 200
/// with the fields `consumer_key`, `consumer_name`, `callback` (`oob` or
/// the URL) and `form_guard` (the page's form must send it back to
/// `oauth1_provider_decide()`); or an error page's status (404
/// unknown, 400 expired or already decided, 503 store unavailable) with a
/// text explanation as body.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_authorization(
    provider: *const oauth1_provider,
    request_token: *const c_char,
    response_out: *mut *mut oauth1_provider_response,
) -> oauth1_result {
    guard(|| {
        let provider = arg_ref(provider, "provider")?;
        let token = arg_str(request_token, "request_token")?;
        let out = arg_out(response_out, "response_out")?;
        out.write(match provider.authorization(token) {
            Ok(pending) => respond(&pending),
            Err(error) => respond(&error),
        });
        Ok(())
    })
}

/// Records the user's decision. `approve`: `user` (the resource owner)
/// approved, and a verifier is issued; otherwise denied (`user` may be
/// NULL). `form_guard` must be the page's (NULL only when the decision does
/// not come from a form). The response: 303 with field `location` (the
/// callback with `oauth_token` and `oauth_verifier`, or
/// `oauth_problem=user_refused`), or for `oob` 200 with field `verifier`
/// to show the user; or an error page's status (403 wrong form guard, 404,
/// 400, 503) with a text explanation.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_decide(
    provider: *const oauth1_provider,
    request_token: *const c_char,
    approve: bool,
    user: *const c_char,
    form_guard: *const c_char,
    response_out: *mut *mut oauth1_provider_response,
) -> oauth1_result {
    guard(|| {
        let provider = arg_ref(provider, "provider")?;
        let token = arg_str(request_token, "request_token")?;
        let user = arg_opt_str(user, "user")?;
        let form_guard = arg_opt_str(form_guard, "form_guard")?;
        let out = arg_out(response_out, "response_out")?;
        let decided = if approve {
            let user = user.ok_or_else(|| Failure::null("user (needed to approve)"))?;
            provider.approve(token, user, form_guard)
        } else {
            provider.deny(token, form_guard)
        };
        out.write(match decided {
            Ok(decided) => respond(&decided),
            Err(error) => respond(&error),
        });
        Ok(())
    })
}

/// Revokes a request or access token; `*revoked_out` tells whether it was
/// there. `OAUTH1_RESULT_OTHER` when the store could not answer.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_revoke(
    provider: *const oauth1_provider,
    token: *const c_char,
    revoked_out: *mut bool,
) -> oauth1_result {
    guard(|| {
        let provider = arg_ref(provider, "provider")?;
        let token = arg_str(token, "token")?;
        let out = arg_out(revoked_out, "revoked_out")?;
        let revoked = provider
            .revoke(token)
            .map_err(|e| Failure::new(oauth1_result::Other, e.to_string()))?;
        out.write(revoked);
        Ok(())
    })
}

/// Frees a response; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_response_free(response: *mut oauth1_provider_response) {
    free_handle(response)
}

/// The HTTP status to answer with.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_response_status(
    response: *const oauth1_provider_response,
    status_out: *mut u16,
) -> oauth1_result {
    get(response, "response", status_out, "status_out", |r| {
        Ok(r.status)
    })
}

/// The `Content-Type` of the body, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_response_content_type(
    response: *const oauth1_provider_response,
    content_type_out: *mut *mut c_char,
) -> oauth1_result {
    get(
        response,
        "response",
        content_type_out,
        "content_type_out",
        |r| c_string(r.content_type, "the content type"),
    )
}

/// The body to send (may be empty), as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_response_body(
    response: *const oauth1_provider_response,
    body_out: *mut *mut c_char,
) -> oauth1_result {
    get(response, "response", body_out, "body_out", |r| {
        c_string(&r.body, "the body")
    })
}

/// A named field of the response, as a new string; `OAUTH1_RESULT_NOT_FOUND`
/// when this response has none by that name. The fields: `www-authenticate`
/// (the header to send with a 400/401), `oauth_problem`, `location` (the
/// redirect of a 303), `consumer_key`, `consumer_name`, `token`, `user`,
/// `signature_method`, `callback`, `form_guard`, `verifier`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_provider_response_get(
    response: *const oauth1_provider_response,
    name: *const c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        let response = arg_ref(response, "response")?;
        let name = arg_str(name, "name")?;
        let out = arg_out(value_out, "value_out")?;
        let value = response
            .get(name)
            .ok_or_else(|| Failure::not_found(format!("the response has no field {name:?}")))?;
        out.write(c_string(value, name)?);
        Ok(())
    })
}
