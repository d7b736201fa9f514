//! The provider's rules, end to end without HTTP: RFC 5849 s2.1-s2.3 and
//! the Problem Reporting codes of each refusal.

use super::*;
use crate::{parse_callback_for, parse_token_response, Request, SignOptions, Signer};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

const BASE: &str = "https://provider.example";

fn provider() -> Provider {
    Provider::new(ConsumerTable::with_consumers([Consumer::new(
        "ck",
        "My App",
        Some("cs"),
        None,
    )
    .unwrap()]))
    .realm("Example")
}

/// A signed request's parts, owned, so a test can replay it.
struct Sent {
    url: String,
    header: String,
}

impl Sent {
    fn request(&self) -> IncomingRequest<'_> {
        IncomingRequest::new("POST", &self.url).with_authorization(&self.header)
    }
}

fn signer() -> Signer {
    Signer::builder("ck", "cs").build().unwrap()
}

fn request_token_request(callback: Option<&str>) -> Sent {
    let url = format!("{BASE}/request_token");
    let options = SignOptions {
        callback,
        ..SignOptions::default()
    };
    let signed = signer()
        .sign_with(&Request::new("POST", &url), &options)
        .unwrap();
    Sent {
        url,
        header: signed.authorization_header(),
    }
}

fn issued(provider: &Provider, callback: &str) -> crate::TokenResponse {
    let issued = provider
        .issue_request_token(&request_token_request(Some(callback)).request())
        .expect("issued");
    parse_token_response(&issued.body(), true).unwrap()
}

fn exchange_request(token: &crate::TokenResponse, verifier: &str) -> Sent {
    let url = format!("{BASE}/access_token");
    let signed = signer()
        .with_token(token.token.clone(), token.token_secret.clone())
        .unwrap()
        .access_token_request(&url, verifier)
        .unwrap();
    Sent {
        url,
        header: signed.authorization_header(),
    }
}

fn approved(provider: &Provider) -> (crate::TokenResponse, String) {
    let token = issued(provider, "https://c.example/cb?session=1");
    let page = provider.authorization(&token.token).unwrap();
    let decided = provider
        .approve(&token.token, "ada", Some(&page.form_guard))
        .unwrap();
    let callback = parse_callback_for(&decided.redirect_url().unwrap(), &token.token).unwrap();
    (token, callback.verifier)
}

fn me_url() -> String {
    format!("{BASE}/api/me")
}

fn code(refusal: &Refusal) -> &'static str {
    refusal.code().map_or("unavailable", ProblemCode::as_str)
}

/// `GET /api/me` signed by `signer`, as the provider answers it.
fn get_me(provider: &Provider, signer: &Signer) -> Result<Authenticated, Refusal> {
    let signed = signer.sign(&Request::new("GET", &me_url())).unwrap();
    let header = signed.authorization_header();
    provider.authenticate(&IncomingRequest::new("GET", &me_url()).with_authorization(&header))
}

#[test]
fn s2_the_three_legged_flow_reaches_a_protected_resource() {
    let provider = provider();
    let (token, verifier) = approved(&provider);
    let access = provider
        .exchange(&exchange_request(&token, &verifier).request())
        .expect("access token");
    assert!(access.token.starts_with("at_"));
    assert!(!access.body().contains("oauth_callback_confirmed"));
    let access = parse_token_response(&access.body(), false).unwrap();
    let me = get_me(
        &provider,
        &signer()
            .with_token(access.token, access.token_secret)
            .unwrap(),
    )
    .expect("authenticated");
    assert_eq!(me.user, "ada");
    assert_eq!(me.verified.consumer_key(), "ck");
}

#[test]
fn s2_1_the_request_token_response_confirms_the_callback() {
    let provider = provider();
    let issued = provider
        .issue_request_token(&request_token_request(Some("oob")).request())
        .unwrap();
    assert!(issued.token.starts_with("rt_"));
    assert!(issued.body().ends_with("&oauth_callback_confirmed=true"));
    let page = provider.authorization(&issued.token).unwrap();
    assert_eq!(page.callback, Callback::OutOfBand);
    assert_eq!(page.consumer.name, "My App");
}

#[test]
fn s2_1_a_missing_or_bad_callback_is_refused() {
    let provider = provider();
    let absent = provider
        .issue_request_token(&request_token_request(None).request())
        .unwrap_err();
    assert_eq!(absent.http_status(), 400);
    assert!(absent.body().starts_with(
        "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback&oauth_problem_advice="
    ));
    assert_eq!(absent.claimed_consumer_key(), Some("ck"));
    let bad = provider
        .issue_request_token(&request_token_request(Some("/relative")).request())
        .unwrap_err();
    assert!(bad
        .body()
        .starts_with("oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_callback"));
}

#[test]
fn s2_3_a_request_token_is_exchanged_once() {
    let provider = provider();
    let (token, verifier) = approved(&provider);
    assert!(provider
        .exchange(&exchange_request(&token, &verifier).request())
        .is_ok());
    let again = provider
        .exchange(&exchange_request(&token, &verifier).request())
        .unwrap_err();
    assert_eq!(code(&again), "token_used");
}

#[test]
fn s2_3_a_wrong_verifier_uses_up_the_request_token() {
    let provider = provider();
    let (token, verifier) = approved(&provider);
    let wrong = provider
        .exchange(&exchange_request(&token, "guess").request())
        .unwrap_err();
    assert!(wrong
        .body()
        .starts_with("oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_verifier"));
    let right = provider
        .exchange(&exchange_request(&token, &verifier).request())
        .unwrap_err();
    assert_eq!(code(&right), "token_used");
}

#[test]
fn pending_denied_and_expired_request_tokens_are_not_exchanged() {
    let provider = provider();
    let pending = issued(&provider, "https://c.example/cb");
    let early = provider
        .exchange(&exchange_request(&pending, "x").request())
        .unwrap_err();
    assert_eq!(code(&early), "permission_unknown");
    let denied = provider.deny(&pending.token, None).unwrap();
    assert_eq!(
        denied.redirect_url().as_deref(),
        Some(&*format!(
            "https://c.example/cb?oauth_token={}&oauth_problem=user_refused",
            pending.token
        ))
    );
    let refused = provider
        .exchange(&exchange_request(&pending, "x").request())
        .unwrap_err();
    assert_eq!(code(&refused), "permission_denied");

    let (token, verifier) = approved(&provider);
    // One second past the lifetime: the same store, a later clock.
    let later = Provider {
        fixed_now_ms: Some(now_ms() + millis(DEFAULT_REQUEST_TOKEN_TTL) + 1000),
        consumers: provider.consumers.clone(),
        tokens: provider.tokens.clone(),
        nonces: provider.nonces.clone(),
        ..Provider::new(ConsumerTable::new())
    };
    let late = later
        .exchange(&exchange_request(&token, &verifier).request())
        .unwrap_err();
    assert_eq!(code(&late), "token_expired");
    assert_eq!(
        later.authorization(&token.token).unwrap_err(),
        AuthorizeError::Expired
    );
}

#[test]
fn a_decision_needs_the_pages_form_guard_and_is_made_once() {
    let provider = provider();
    let token = issued(&provider, "oob");
    assert_eq!(
        provider
            .approve(&token.token, "ada", Some("forged"))
            .unwrap_err(),
        AuthorizeError::BadFormGuard
    );
    let guard = provider.authorization(&token.token).unwrap().form_guard;
    let decided = provider.approve(&token.token, "ada", Some(&guard)).unwrap();
    assert_eq!(
        decided.redirect_url(),
        None,
        "oob shows the verifier instead"
    );
    assert_eq!(
        decided.verifier.as_ref().map(String::len),
        Some(VERIFIER_LENGTH)
    );
    assert_eq!(
        provider.deny(&token.token, Some(&guard)).unwrap_err(),
        AuthorizeError::AlreadyDecided
    );
    assert_eq!(
        provider.authorization("rt_nope").unwrap_err(),
        AuthorizeError::Unknown
    );
}

#[test]
fn each_endpoint_accepts_only_its_kind_of_token() {
    let provider = provider();
    let (token, verifier) = approved(&provider);
    // A request token does not open a protected resource.
    let refused = get_me(
        &provider,
        &signer()
            .with_token(token.token.clone(), token.token_secret.clone())
            .unwrap(),
    )
    .unwrap_err();
    assert_eq!(code(&refused), "token_rejected");
    // A consumer-only request at a protected resource names the missing token.
    let refused = get_me(&provider, &signer()).unwrap_err();
    assert!(refused
        .body()
        .starts_with("oauth_problem=parameter_absent&oauth_parameters_absent=oauth_token"));
    assert!(provider
        .exchange(&exchange_request(&token, &verifier).request())
        .is_ok());
}

#[test]
fn s3_2_a_replayed_request_is_refused_with_nonce_used() {
    let provider = provider();
    let sent = request_token_request(Some("oob"));
    assert!(provider.issue_request_token(&sent.request()).is_ok());
    let replay = provider.issue_request_token(&sent.request()).unwrap_err();
    assert_eq!(code(&replay), "nonce_used");
    assert_eq!(
        replay.www_authenticate().as_deref(),
        Some("OAuth realm=\"Example\"")
    );
}

#[test]
fn a_revoked_access_token_opens_nothing() {
    let provider = provider();
    let (token, verifier) = approved(&provider);
    let access = provider
        .exchange(&exchange_request(&token, &verifier).request())
        .unwrap();
    assert!(provider.revoke(&access.token).unwrap());
    let refused = get_me(
        &provider,
        &signer()
            .with_token(access.token.clone(), access.secret.clone())
            .unwrap(),
    )
    .unwrap_err();
    assert_eq!(code(&refused), "token_rejected");
}

#[test]
fn a_verifier_raced_from_8_threads_yields_one_access_token() {
    let provider = provider();
    let (token, verifier) = approved(&provider);
    let requests: Vec<Sent> = (0..8)
        .map(|_| exchange_request(&token, &verifier))
        .collect();
    let granted = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for sent in &requests {
            let (provider, granted) = (&provider, &granted);
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

/// A store that can be switched off, and counts the writes it took.
#[derive(Default)]
struct Flaky {
    tokens: MemoryTokenStore,
    nonces: MemoryNonceStore,
    down: AtomicBool,
    writes: AtomicUsize,
}

impl Flaky {
    fn check(&self) -> Result<(), StoreError> {
        if self.down.load(Ordering::SeqCst) {
            Err(StoreError::new("flaky://test", "connection refused"))
        } else {
            Ok(())
        }
    }
    fn write(&self) -> Result<(), StoreError> {
        self.check()?;
        self.writes.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

impl TokenStore for Flaky {
    fn name(&self) -> String {
        "flaky://test".into()
    }
    fn insert_request_token(
        &self,
        t: &str,
        r: &RequestTokenRecord,
        k: u64,
        n: u64,
    ) -> Result<(), StoreError> {
        self.write()?;
        self.tokens.insert_request_token(t, r, k, n)
    }
    fn request_token(
        &self,
        t: &str,
        n: u64,
    ) -> Result<Option<(RequestTokenRecord, Decision)>, StoreError> {
        self.check()?;
        self.tokens.request_token(t, n)
    }
    fn decide(&self, t: &str, d: &Decision, n: u64) -> Result<Option<Decision>, StoreError> {
        self.write()?;
        self.tokens.decide(t, d, n)
    }
    fn consume(&self, t: &str, n: u64) -> Result<Option<Decision>, StoreError> {
        self.write()?;
        self.tokens.consume(t, n)
    }
    fn insert_access_token(
        &self,
        t: &str,
        r: &AccessTokenRecord,
        k: u64,
        n: u64,
    ) -> Result<(), StoreError> {
        self.write()?;
        self.tokens.insert_access_token(t, r, k, n)
    }
    fn access_token(&self, t: &str, n: u64) -> Result<Option<AccessTokenRecord>, StoreError> {
        self.check()?;
        self.tokens.access_token(t, n)
    }
    fn revoke(&self, t: &str) -> Result<bool, StoreError> {
        self.write()?;
        self.tokens.revoke(t)
    }
}

impl NonceStore for Flaky {
    fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
        self.try_check_and_record(record, now, window)
            .unwrap_or(false)
    }
    fn try_check_and_record(
        &self,
        record: &NonceRecord<'_>,
        now: u64,
        window: u64,
    ) -> Result<bool, StoreError> {
        self.write()?;
        Ok(self.nonces.check_and_record(record, now, window))
    }
}

fn flaky_provider() -> (Provider, Arc<Flaky>) {
    let store = Arc::new(Flaky::default());
    let provider = provider()
        .token_store(store.clone())
        .nonce_store(store.clone());
    (provider, store)
}

#[test]
fn an_unreachable_store_gives_503_naming_it_and_accepts_nothing() {
    let (provider, store) = flaky_provider();
    let (token, verifier) = approved(&provider);
    store.down.store(true, Ordering::SeqCst);
    let down = provider
        .issue_request_token(&request_token_request(Some("oob")).request())
        .unwrap_err();
    assert_eq!(down.http_status(), 503);
    assert!(down.body().contains("flaky://test"), "{}", down.body());
    let down = provider
        .exchange(&exchange_request(&token, &verifier).request())
        .unwrap_err();
    assert_eq!(down.http_status(), 503);
    assert!(matches!(
        provider.authorization(&token.token),
        Err(AuthorizeError::Unavailable(_))
    ));
    // Back up: the same verifier still works, since nothing was used.
    store.down.store(false, Ordering::SeqCst);
    assert!(provider
        .exchange(&exchange_request(&token, &verifier).request())
        .is_ok());
}

#[test]
fn nothing_is_written_for_a_request_whose_signature_fails() {
    let (provider, store) = flaky_provider();
    let before = store.writes.load(Ordering::SeqCst);
    let mut sent = request_token_request(Some("oob"));
    sent.header = sent
        .header
        .replace("oauth_signature=\"", "oauth_signature=\"x");
    let refused = provider.issue_request_token(&sent.request()).unwrap_err();
    assert_eq!(code(&refused), "signature_invalid");
    assert_eq!(store.writes.load(Ordering::SeqCst), before);
}

#[test]
fn the_claimed_consumer_key_is_read_from_the_header_the_query_or_the_body() {
    let header = "OAuth oauth_consumer_key=\"my%20app\", oauth_nonce=\"n\"";
    let request = IncomingRequest::new("GET", "http://h/x").with_authorization(header);
    assert_eq!(claimed_consumer_key(&request).as_deref(), Some("my app"));
    let request = IncomingRequest::new("GET", "http://h/x?oauth_consumer_key=q");
    assert_eq!(claimed_consumer_key(&request).as_deref(), Some("q"));
    let request = IncomingRequest::new("POST", "http://h/x")
        .with_content_type("application/x-www-form-urlencoded")
        .with_body(b"oauth_consumer_key=b");
    assert_eq!(claimed_consumer_key(&request).as_deref(), Some("b"));
    assert_eq!(
        claimed_consumer_key(&IncomingRequest::new("GET", "http://h/")),
        None
    );
}
