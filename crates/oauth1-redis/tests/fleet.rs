//! Two providers on one Redis behave as one provider: each test
//! starts its own redis-server on a free loopback port and stops it.

use oauth1::provider::{Consumer, ConsumerTable, Provider, Refusal};
use oauth1::{
    parse_callback_for, parse_token_response, IncomingRequest, Request, Signer, TokenResponse,
};
use oauth1_redis::testing::RedisServer;
use oauth1_redis::RedisStore;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const BASE: &str = "http://127.0.0.1:9/oauth";

fn provider(url: &str) -> Provider {
    let store = Arc::new(
        RedisStore::open(url)
            .expect("redis URL")
            .timeout(Duration::from_millis(500)),
    );
    Provider::new(ConsumerTable::with_consumers([Consumer::new(
        "ck",
        "Fleet App",
        Some("cs"),
        None,
    )
    .expect("consumer")]))
    .token_store(store.clone())
    .nonce_store(store)
}

fn fleet() -> (RedisServer, Provider, Provider) {
    let server = RedisServer::start().expect("redis-server starts (apt-get install redis-server)");
    let (a, b) = (provider(&server.url()), provider(&server.url()));
    (server, a, b)
}

fn signer() -> Signer {
    Signer::builder("ck", "cs").build().expect("signer")
}

/// An owned signed POST, so it can be sent twice.
struct Sent {
    url: String,
    header: String,
}

impl Sent {
    fn request(&self) -> IncomingRequest<'_> {
        IncomingRequest::new("POST", &self.url).with_authorization(&self.header)
    }
}

fn request_token_request() -> Sent {
    let url = format!("{BASE}/request_token");
    let header = signer()
        .request_token_request(&url, Some("http://127.0.0.1:9/cb"))
        .expect("signed")
        .authorization_header();
    Sent { url, header }
}

fn exchange_request(token: &TokenResponse, verifier: &str) -> Sent {
    let url = format!("{BASE}/access_token");
    let header = signer()
        .with_token(token.token.clone(), token.token_secret.clone())
        .expect("signer")
        .access_token_request(&url, verifier)
        .expect("signed")
        .authorization_header();
    Sent { url, header }
}

fn code(refusal: &Refusal) -> String {
    refusal.code().map_or_else(
        || format!("{} unavailable", refusal.http_status()),
        |c| c.as_str().to_owned(),
    )
}

/// Request token from `issuer`, approved on `approver`.
fn approved(issuer: &Provider, approver: &Provider) -> (TokenResponse, String) {
    let issued = issuer
        .issue_request_token(&request_token_request().request())
        .expect("issued");
    let token = parse_token_response(&issued.body(), true).expect("token response");
    let page = approver
        .authorization(&token.token)
        .expect("pending on the other instance");
    assert_eq!(page.consumer.name, "Fleet App");
    let decided = approver
        .approve(&token.token, "ada", Some(&page.form_guard))
        .expect("approved");
    let callback =
        parse_callback_for(&decided.redirect_url().expect("url"), &token.token).expect("callback");
    (token, callback.verifier)
}

#[test]
fn request_token_on_a_authorized_on_b_exchanged_on_a_resource_on_b() {
    let (_server, a, b) = fleet();
    let (token, verifier) = approved(&a, &b);
    let access = a
        .exchange(&exchange_request(&token, &verifier).request())
        .expect("access token on A");
    let url = "http://127.0.0.1:9/api/me";
    let header = signer()
        .with_token(access.token.clone(), access.secret.clone())
        .expect("signer")
        .sign(&Request::new("GET", url))
        .expect("signed")
        .authorization_header();
    let me = b
        .authenticate(&IncomingRequest::new("GET", url).with_authorization(&header))
        .expect("resource on B");
    assert_eq!(me.user, "ada");
    // The replay of that request is refused on both instances.
    for provider in [&a, &b] {
        let replay = provider
            .authenticate(&IncomingRequest::new("GET", url).with_authorization(&header))
            .expect_err("replay");
        assert_eq!(code(&replay), "nonce_used");
    }
}

#[test]
fn the_same_signed_request_is_accepted_once_across_the_fleet() {
    let (_server, a, b) = fleet();
    let sent = request_token_request();
    assert!(a.issue_request_token(&sent.request()).is_ok());
    assert_eq!(
        code(&a.issue_request_token(&sent.request()).unwrap_err()),
        "nonce_used"
    );
    assert_eq!(
        code(&b.issue_request_token(&sent.request()).unwrap_err()),
        "nonce_used"
    );
}

#[test]
fn a_verifier_raced_from_8_threads_across_both_yields_one_access_token() {
    let (_server, a, b) = fleet();
    let (token, verifier) = approved(&a, &b);
    let requests: Vec<Sent> = (0..8)
        .map(|_| exchange_request(&token, &verifier))
        .collect();
    let granted = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for (i, sent) in requests.iter().enumerate() {
            let provider = if i % 2 == 0 { &a } else { &b };
            let granted = &granted;
            scope.spawn(move || match provider.exchange(&sent.request()) {
                Ok(_) => {
                    granted.fetch_add(1, Ordering::SeqCst);
                }
                Err(refusal) => assert_eq!(code(&refusal), "token_used"),
            });
        }
    });
    assert_eq!(granted.into_inner(), 1);
}

#[test]
fn a_stopped_redis_gives_503_and_no_acceptance_and_a_restarted_one_resumes() {
    let (mut server, a, b) = fleet();
    let (token, verifier) = approved(&a, &b);
    server.stop();
    for provider in [&a, &b] {
        let down = provider
            .issue_request_token(&request_token_request().request())
            .expect_err("no store, no token");
        assert_eq!(down.http_status(), 503);
        assert!(down.body().contains(&server.url()), "{}", down.body());
        let down = provider
            .exchange(&exchange_request(&token, &verifier).request())
            .expect_err("no store, no exchange");
        assert_eq!(down.http_status(), 503);
    }
    server.restart().expect("redis-server restarts");
    // An empty Redis (no persistence): the old token is gone, a new flow works.
    let (token, verifier) = approved(&b, &a);
    assert!(b
        .exchange(&exchange_request(&token, &verifier).request())
        .is_ok());
}

#[test]
fn nothing_is_written_for_a_request_whose_signature_fails() {
    let (server, a, _b) = fleet();
    let store = RedisStore::open(&server.url()).expect("store");
    let before = store.key_count().expect("dbsize");
    let mut sent = request_token_request();
    sent.header = sent
        .header
        .replace("oauth_signature=\"", "oauth_signature=\"x");
    let refused = a.issue_request_token(&sent.request()).expect_err("forged");
    assert_eq!(code(&refused), "signature_invalid");
    assert_eq!(store.key_count().expect("dbsize"), before);
}

#[test]
fn tokens_expire_in_redis() {
    let server = RedisServer::start().expect("redis-server starts");
    let short = provider(&server.url()).request_token_ttl(Duration::from_millis(100));
    let issued = short
        .issue_request_token(&request_token_request().request())
        .expect("issued");
    std::thread::sleep(Duration::from_millis(350));
    // Kept twice the lifetime, then forgotten by Redis itself (PX).
    assert!(matches!(
        short.authorization(&issued.token),
        Err(oauth1::provider::AuthorizeError::Unknown)
    ));
}
