//! End-to-end flow tests: a consumer signing with the oauth1 core, over
//! HTTP on loopback, against the local provider.

mod common;

use common::{form_guard, start_provider, Consumer};
use oauth1::{body_hash, parse_callback, parse_token_response, Generated, SignOptions, Signer};
use oauth1_cli::provider::{RunningProvider, DEMO_CONSUMER_NAME};
use std::time::Duration;

const FORM: &str = "application/x-www-form-urlencoded";

async fn interactive_provider() -> RunningProvider {
    start_provider(|_| {}).await
}

async fn auto_approving_provider() -> RunningProvider {
    start_provider(|config| config.auto_approve = true).await
}

/// A request-token request as `key`/`secret` is refused (401) with `problem`.
async fn assert_request_token_refused(key: &str, secret: &str, problem: &str) {
    let provider = auto_approving_provider().await;
    let refused = Consumer::new(provider.base_url(), key, secret)
        .request_token("oob")
        .await;
    refused.assert_refused(401, problem);
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn the_three_legged_flow_with_the_authorize_page_reaches_every_resource() {
    let provider = interactive_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let callback_url = consumer.url("/callback?session=42");

    // 1. Temporary credentials.
    let issued = consumer.request_token(&callback_url).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    let issued = parse_token_response(&issued.body, true).expect("callback confirmed");

    // 2. The authorize page names the consumer; the user approves.
    let page = consumer.authorize_page(&issued.token).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(DEMO_CONSUMER_NAME), "{}", page.body);
    let approval = consumer
        .decide(&issued.token, &form_guard(&page.body), "approve")
        .await;
    assert_eq!(approval.status, 303);
    let location = approval.location.expect("redirect to the callback");
    assert!(
        location.starts_with(&format!("{callback_url}&oauth_token=")),
        "{location}"
    );
    let callback = parse_callback(&location).expect("token and verifier");
    assert_eq!(callback.token, issued.token);

    // 3. Token credentials.
    let access = consumer.exchange(&issued, &callback.verifier).await;
    assert_eq!(access.status, 200, "{}", access.body);
    let access = parse_token_response(&access.body, false).expect("access token");
    assert!(access.token.starts_with("at_"));
    let signer = consumer
        .signer
        .with_token(access.token, access.token_secret)
        .expect("access signer");

    // 4. Protected resources: GET with a query, POST with a form, PUT with JSON and a body hash.
    let none = SignOptions::default();
    let me = consumer
        .resource(
            &signer,
            "GET",
            "/api/me?fields=name%2Cemail&lang=en",
            None,
            &none,
        )
        .await;
    assert_eq!(me.status, 200, "{}", me.body);
    let me = me.json();
    assert_eq!(me["user"], "ada");
    assert_eq!(me["consumer"], "demo-consumer");
    assert_eq!(me["query"]["fields"], "name,email");

    let created = consumer
        .resource(
            &signer,
            "POST",
            "/api/records",
            Some((b"title=Hello+world&tags=a%2Cb", FORM)),
            &none,
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let created = created.json();
    assert_eq!(created["fields"]["title"], "Hello world");
    let id = created["id"].as_u64().expect("record id");

    let json_body = br#"{"title":"Hello again","done":true}"#;
    let hashing = signer.to_builder().body_hash(true).build().expect("signer");
    let updated = consumer
        .resource(
            &hashing,
            "PUT",
            &format!("/api/records/{id}"),
            Some((json_body, "application/json")),
            &none,
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let updated = updated.json();
    assert_eq!(updated["fields"]["title"], "Hello again");
    assert_eq!(updated["fields"]["tags"], "a,b");
    assert_eq!(updated["fields"]["done"], true);

    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn out_of_band_approval_shows_the_verifier_on_the_page() {
    let provider = interactive_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let issued = consumer.issued_request_token("oob").await;
    let page = consumer.authorize_page(&issued.token).await;
    assert!(page.body.contains("verification code"), "{}", page.body);
    let approval = consumer
        .decide(&issued.token, &form_guard(&page.body), "approve")
        .await;
    assert_eq!(approval.status, 200);
    let marker = "<code id=\"oauth-verifier\">";
    let start = approval.body.find(marker).expect("verifier shown") + marker.len();
    let verifier = &approval.body[start..start + approval.body[start..].find('<').expect("end")];
    let access = consumer.exchange(&issued, verifier).await;
    assert_eq!(access.status, 200, "{}", access.body);
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn auto_approve_redirects_to_the_callback_with_a_verifier() {
    let provider = auto_approving_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let signer = consumer.authorize_automatically().await;
    let me = consumer
        .resource(&signer, "GET", "/api/me", None, &SignOptions::default())
        .await;
    assert_eq!(me.status, 200, "{}", me.body);
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn a_denied_authorization_redirects_with_user_refused_and_cannot_be_exchanged() {
    let provider = interactive_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let issued = consumer
        .issued_request_token(&consumer.url("/callback"))
        .await;
    let page = consumer.authorize_page(&issued.token).await;
    let denial = consumer
        .decide(&issued.token, &form_guard(&page.body), "deny")
        .await;
    assert_eq!(denial.status, 303);
    let location = denial.location.expect("redirect");
    assert!(
        location.contains("oauth_problem=user_refused"),
        "{location}"
    );
    assert!(!location.contains("oauth_verifier"), "{location}");
    let refused = parse_callback(&location).expect_err("no verifier on denial");
    assert!(refused.message().contains("user_refused"), "{refused}");

    let access = consumer.exchange(&issued, "anything").await;
    access.assert_refused(401, "permission_denied");
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn a_forged_decision_without_the_pages_form_guard_is_refused() {
    let provider = interactive_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let issued = consumer.issued_request_token("oob").await;
    let forged = consumer.decide(&issued.token, "guessed", "approve").await;
    assert_eq!(forged.status, 403);
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn a_wrong_verifier_is_refused_and_uses_up_the_request_token() {
    let provider = auto_approving_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let ((token, verifier), secret) = consumer.approved_request_token().await;
    let wrong = consumer
        .access_token(&token, &secret, "not-the-verifier")
        .await;
    wrong.assert_refused(400, "parameter_rejected");
    assert!(
        wrong
            .body
            .contains("oauth_parameters_rejected=oauth_verifier"),
        "{}",
        wrong.body
    );
    let after = consumer.access_token(&token, &secret, &verifier).await;
    assert_eq!(after.problem().as_deref(), Some("token_used"));
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn a_request_token_exchanged_twice_is_refused_with_token_used() {
    let provider = auto_approving_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let ((token, verifier), secret) = consumer.approved_request_token().await;
    let first = consumer.access_token(&token, &secret, &verifier).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let second = consumer.access_token(&token, &secret, &verifier).await;
    second.assert_refused(401, "token_used");
    assert_eq!(
        second.www_authenticate.as_deref(),
        Some("OAuth realm=\"liboauth1 local provider\"")
    );
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn an_unapproved_request_token_is_refused_with_permission_unknown() {
    let provider = interactive_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let issued = consumer.issued_request_token("oob").await;
    let early = consumer.exchange(&issued, "x").await;
    assert_eq!(early.problem().as_deref(), Some("permission_unknown"));
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn an_expired_request_token_is_refused_with_token_expired() {
    let provider = start_provider(|config| {
        config.auto_approve = true;
        config.request_token_ttl = Duration::from_millis(300);
    })
    .await;
    let consumer = Consumer::demo(provider.base_url());
    let ((token, verifier), secret) = consumer.approved_request_token().await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let late = consumer.access_token(&token, &secret, &verifier).await;
    late.assert_refused(401, "token_expired");
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn a_replayed_resource_request_is_refused_with_nonce_used() {
    let provider = auto_approving_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let signer = consumer.authorize_automatically().await;
    let url = consumer.url("/api/me?x=1");
    let signed = signer
        .sign(&oauth1::Request::new("GET", &url))
        .expect("sign");
    let first = consumer.send("GET", &url, &signed, None).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let replay = consumer.send("GET", &url, &signed, None).await;
    replay.assert_refused(401, "nonce_used");
    assert!(replay.www_authenticate.is_some());
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn an_expired_timestamp_is_refused_with_the_acceptable_range() {
    let provider = auto_approving_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let signer = consumer.authorize_automatically().await;
    let old = (oauth1::unix_timestamp() - 3600).to_string();
    let options = SignOptions {
        timestamp: Generated::Fixed(&old),
        ..SignOptions::default()
    };
    let refused = consumer
        .resource(&signer, "GET", "/api/me", None, &options)
        .await;
    refused.assert_refused(401, "timestamp_refused");
    assert!(
        refused.body.contains("oauth_acceptable_timestamps="),
        "{}",
        refused.body
    );
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn an_unknown_consumer_is_refused_with_consumer_key_unknown() {
    assert_request_token_refused("stranger", "secret", "consumer_key_unknown").await;
}

#[tokio::test]
async fn a_wrong_consumer_secret_is_refused_with_signature_invalid() {
    assert_request_token_refused("demo-consumer", "not-the-secret", "signature_invalid").await;
}

#[tokio::test]
async fn a_request_token_does_not_open_the_protected_resources() {
    let provider = auto_approving_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let ((token, _), secret) = consumer.approved_request_token().await;
    let request_signer = consumer.signer.with_token(token, secret).expect("signer");
    let refused = consumer
        .resource(
            &request_signer,
            "GET",
            "/api/me",
            None,
            &SignOptions::default(),
        )
        .await;
    refused.assert_refused(401, "token_rejected");
    let unsigned_consumer_only = consumer
        .resource(
            &consumer.signer,
            "GET",
            "/api/me",
            None,
            &SignOptions::default(),
        )
        .await;
    assert_eq!(
        unsigned_consumer_only.problem().as_deref(),
        Some("parameter_absent")
    );
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn the_request_token_endpoint_needs_a_valid_callback() {
    let provider = auto_approving_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let url = consumer.url("/oauth/request_token");
    let without = consumer
        .signer
        .sign(&oauth1::Request::new("POST", &url))
        .expect("sign");
    let refused = consumer.send("POST", &url, &without, None).await;
    assert_eq!(refused.status, 400);
    assert!(refused
        .body
        .starts_with("oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback"));
    let bad = consumer.request_token("ftp://example/cb").await;
    assert_eq!(bad.problem().as_deref(), Some("parameter_rejected"));
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn a_json_body_needs_a_matching_body_hash() {
    let provider = auto_approving_provider().await;
    let consumer = Consumer::demo(provider.base_url());
    let signer: Signer = consumer.authorize_automatically().await;
    let none = SignOptions::default();
    let created = consumer
        .resource(
            &signer,
            "POST",
            "/api/records",
            Some((b"title=x", FORM)),
            &none,
        )
        .await
        .json();
    let path = format!("/api/records/{}", created["id"]);
    let body = br#"{"title":"y"}"#;

    let without_hash = consumer
        .resource(
            &signer,
            "PUT",
            &path,
            Some((body, "application/json")),
            &none,
        )
        .await;
    assert_eq!(without_hash.status, 400);
    assert!(
        without_hash
            .body
            .contains("oauth_parameters_absent=oauth_body_hash"),
        "{}",
        without_hash.body
    );

    // Signed over one body, sent with another.
    let hashing = signer.to_builder().body_hash(true).build().expect("signer");
    let url = consumer.url(&path);
    let signed = hashing
        .sign(&oauth1::Request::new("PUT", &url).with_body(body, "application/json"))
        .expect("sign");
    let tampered = consumer
        .send(
            "PUT",
            &url,
            &signed,
            Some((br#"{"title":"z"}"#, "application/json")),
        )
        .await;
    assert_eq!(tampered.status, 400);
    assert!(
        tampered
            .body
            .contains("oauth_parameters_rejected=oauth_body_hash"),
        "{}",
        tampered.body
    );
    assert!(tampered
        .body
        .contains(&oauth1::percent_encode(&body_hash(br#"{"title":"z"}"#))));
    provider.stop().await.expect("provider stops");
}

#[tokio::test]
async fn the_provider_refuses_a_non_loopback_address() {
    let refused = oauth1_cli::provider::Provider::bind(
        oauth1_cli::provider::ProviderConfig::demo(),
        "0.0.0.0:0".parse().expect("address"),
    )
    .await;
    assert!(refused.is_err());
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[tokio::test]
async fn an_rsa_consumer_from_a_consumers_file_completes_the_flow() {
    let consumers = oauth1_cli::provider::load_consumers_file(&fixture("consumers.toml"))
        .expect("the fixture's consumers");
    let provider = start_provider(|config| {
        config.auto_approve = true;
        config.consumers = consumers;
    })
    .await;
    let private_key = std::fs::read_to_string(fixture("rsa-consumer.key.pem")).expect("key");
    let mut consumer = Consumer::new(provider.base_url(), "rsa-app", "");
    consumer.signer = Signer::builder("rsa-app", "")
        .signature_method(oauth1::SignatureMethod::RsaSha256)
        .rsa_private_key_pem(private_key)
        .build()
        .expect("RSA signer");
    let signer = consumer.authorize_automatically().await;
    let me = consumer
        .resource(&signer, "GET", "/api/me", None, &SignOptions::default())
        .await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json()["signature_method"], "RSA-SHA256");

    // The demo consumer is gone; the file's HMAC consumer is there.
    let demo = Consumer::demo(provider.base_url())
        .request_token("oob")
        .await;
    assert_eq!(demo.problem().as_deref(), Some("consumer_key_unknown"));
    let hmac = Consumer::new(provider.base_url(), "hmac-app", "hmac-app-secret")
        .request_token("oob")
        .await;
    assert_eq!(hmac.status, 200, "{}", hmac.body);
    provider.stop().await.expect("provider stops");
}
