//! Verifier tests against requests signed by this crate's own signer. The
//! conformance vectors (crates/oauth1-conformance) cover the published cases.

use super::*;
use crate::{Generated, Request, SignOptions, Signer};

const NOW: u64 = 1_718_000_000;
const URL: &str = "https://api.example.com/v1/items?x=1&y=caf%C3%A9";

fn credentials() -> MemoryCredentials {
    let mut creds = MemoryCredentials::new();
    creds.insert_consumer("ck", "cs");
    creds.insert_consumer("ck2", "cs2");
    creds.insert_token("tk", "ts", "ck");
    creds.insert_token("tk2", "ts2", "ck2");
    creds
}

fn verifier() -> Verifier {
    Verifier::new().allow(SignatureMethod::Plaintext).clock(NOW)
}

fn signer(method: SignatureMethod) -> Signer {
    Signer::builder("ck", "cs")
        .token("tk", "ts")
        .signature_method(method)
        .realm("Photos")
        .build()
        .unwrap()
}

fn options(nonce: &str) -> SignOptions<'_> {
    SignOptions {
        timestamp: Generated::Fixed("1718000000"),
        nonce: Generated::Fixed(nonce),
        ..SignOptions::default()
    }
}

fn header_for(method: SignatureMethod, request: &Request<'_>, nonce: &str) -> String {
    signer(method)
        .sign_with(request, &options(nonce))
        .unwrap()
        .authorization_header()
}

fn check(request: &IncomingRequest<'_>, nonces: &MemoryNonceStore) -> Result<Verified, Problem> {
    verifier().verify(request, &credentials(), nonces)
}

fn problem(result: Result<Verified, Problem>) -> (ProblemCode, Vec<String>) {
    let p = result.unwrap_err();
    (p.code(), p.parameters().to_vec())
}

#[test]
fn every_shared_secret_method_round_trips() {
    for method in [
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha256,
        SignatureMethod::HmacSha512,
        SignatureMethod::Plaintext,
    ] {
        let header = header_for(method, &Request::new("GET", URL), "n1");
        let nonces = MemoryNonceStore::new();
        let request = IncomingRequest::new("GET", URL).with_authorization(&header);
        let verified = check(&request, &nonces).unwrap_or_else(|p| panic!("{method}: {p}"));
        assert_eq!(verified.signature_method(), method);
        assert_eq!(verified.consumer_key(), "ck");
        assert_eq!(verified.token(), Some("tk"));
        assert_eq!(verified.realm(), Some("Photos"));
        assert_eq!(verified.timestamp(), Some(NOW));
        assert_eq!(verified.nonce(), Some("n1"));
        assert_eq!(verified.version(), Some("1.0"));
        assert_eq!(verified.parameter_location(), ParameterLocation::Header);
        assert_eq!(verified.get("oauth_signature"), None);
    }
}

#[test]
fn verified_exposes_callback_verifier_and_extra_parameters() {
    let opts = SignOptions {
        callback: Some("https://client.example/cb?a=1&b=é"),
        verifier: Some("v3r"),
        extra_oauth_params: vec![("oauth_session_handle", "s h")],
        ..options("n2")
    };
    let signed = signer(SignatureMethod::HmacSha1)
        .sign_with(&Request::new("POST", URL), &opts)
        .unwrap();
    let header = signed.authorization_header();
    let nonces = MemoryNonceStore::new();
    let verified = check(
        &IncomingRequest::new("POST", URL).with_authorization(&header),
        &nonces,
    )
    .unwrap();
    assert_eq!(
        verified.callback(),
        Some("https://client.example/cb?a=1&b=é")
    );
    assert_eq!(verified.verifier(), Some("v3r"));
    assert_eq!(verified.get("oauth_session_handle"), Some("s h"));
}

#[test]
fn s3_5_2_and_s3_5_3_parameters_in_the_body_or_the_query() {
    let form = "a=1&b=x+y";
    let signed = signer(SignatureMethod::HmacSha256)
        .sign_with(&Request::new("POST", URL).with_form(form), &options("n3"))
        .unwrap();
    let body = signed.signed_form_body().unwrap();
    let nonces = MemoryNonceStore::new();
    let request = IncomingRequest::new("POST", URL)
        .with_content_type("application/x-www-form-urlencoded")
        .with_body(body.as_bytes());
    assert_eq!(
        check(&request, &nonces).unwrap().parameter_location(),
        ParameterLocation::Body
    );

    let signed = signer(SignatureMethod::HmacSha256)
        .sign_with(&Request::new("GET", URL), &options("n4"))
        .unwrap();
    let url = signed.signed_url();
    let verified = check(&IncomingRequest::new("GET", &url), &nonces).unwrap();
    assert_eq!(verified.parameter_location(), ParameterLocation::Query);
    assert_eq!(verified.realm(), None);
}

#[test]
fn step11_body_hash_round_trips_and_catches_a_changed_body() {
    let json = br#"{"a":1}"#;
    let signed = Signer::builder("ck", "cs")
        .token("tk", "ts")
        .body_hash(true)
        .build()
        .unwrap()
        .sign_with(
            &Request::new("PUT", URL).with_body(json, "application/json"),
            &options("n5"),
        )
        .unwrap();
    let header = signed.authorization_header();
    let nonces = MemoryNonceStore::new();
    let request = IncomingRequest::new("PUT", URL)
        .with_authorization(&header)
        .with_content_type("application/json");
    let changed = request.with_body(br#"{"a":2}"#);
    assert_eq!(
        problem(check(&changed, &nonces)),
        (
            ProblemCode::ParameterRejected,
            vec!["oauth_body_hash".to_owned()]
        )
    );
    assert!(
        nonces.is_empty(),
        "step 13: a refused request records no nonce"
    );
    assert!(check(&request.with_body(json), &nonces).is_ok());
}

#[test]
fn step13_a_failed_request_records_no_nonce_and_a_success_does() {
    let header = header_for(SignatureMethod::HmacSha1, &Request::new("GET", URL), "n6");
    let forged = header.replace("oauth_signature=\"", "oauth_signature=\"A");
    let nonces = MemoryNonceStore::new();
    let forged_request = IncomingRequest::new("GET", URL).with_authorization(&forged);
    assert_eq!(
        problem(check(&forged_request, &nonces)).0,
        ProblemCode::SignatureInvalid
    );
    assert!(nonces.is_empty());
    let genuine = IncomingRequest::new("GET", URL).with_authorization(&header);
    assert!(check(&genuine, &nonces).is_ok());
    assert_eq!(nonces.len(), 1);
    assert_eq!(problem(check(&genuine, &nonces)).0, ProblemCode::NonceUsed);
}

fn with_timestamp(timestamp: &str) -> Result<Verified, Problem> {
    let opts = SignOptions {
        timestamp: Generated::Fixed(timestamp),
        ..options("n7")
    };
    let signer = signer(SignatureMethod::HmacSha1);
    // The signer refuses a malformed timestamp: write one into a signed
    // header instead (the format is checked before the signature).
    let header = match signer.sign_with(&Request::new("GET", URL), &opts) {
        Ok(signed) => signed.authorization_header(),
        Err(_) => signer
            .sign_with(&Request::new("GET", URL), &options("n7"))
            .unwrap()
            .authorization_header()
            .replace(
                "oauth_timestamp=\"1718000000\"",
                &format!("oauth_timestamp=\"{}\"", crate::percent_encode(timestamp)),
            ),
    };
    check(
        &IncomingRequest::new("GET", URL).with_authorization(&header),
        &MemoryNonceStore::new(),
    )
}

#[test]
fn step6_timestamp_format_and_window_edges() {
    assert!(with_timestamp("1717999700").is_ok());
    assert!(with_timestamp("1718000300").is_ok());
    // Leading zeros are the same number of seconds.
    assert!(with_timestamp("01718000000").is_ok());
    let refused = with_timestamp("1718000301").unwrap_err();
    assert_eq!(refused.code(), ProblemCode::TimestampRefused);
    assert_eq!(
        refused.acceptable_timestamps(),
        Some((1717999700, 1718000300))
    );
    assert_eq!(
        with_timestamp("1717999699").unwrap_err().code(),
        ProblemCode::TimestampRefused
    );
    for bad in [
        "0",
        "-1",
        "+1718000000",
        "1718000000.0",
        " 1718000000",
        "",
        "99999999999999999999999",
    ] {
        assert_eq!(
            problem(with_timestamp(bad)),
            (
                ProblemCode::ParameterRejected,
                vec!["oauth_timestamp".to_owned()]
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn step3_missing_parameters_are_listed_in_order() {
    let nonces = MemoryNonceStore::new();
    let bare = IncomingRequest::new("GET", URL);
    assert_eq!(
        problem(check(&bare, &nonces)),
        (
            ProblemCode::ParameterAbsent,
            [
                "oauth_consumer_key",
                "oauth_signature_method",
                "oauth_signature",
                "oauth_timestamp",
                "oauth_nonce"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    let p = check(&bare, &nonces).unwrap_err();
    assert!(p.body().starts_with(
        "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_consumer_key%26"
    ));
    // A non-OAuth Authorization header is ignored, not malformed.
    let basic = bare.with_authorization("Basic eDp5");
    assert_eq!(
        problem(check(&basic, &nonces)).0,
        ProblemCode::ParameterAbsent
    );
}

#[test]
fn step9_empty_token_is_two_legged() {
    let signed = Signer::builder("ck", "cs")
        .token("", "")
        .build()
        .unwrap()
        .sign_with(&Request::new("GET", URL), &options("n8"))
        .unwrap();
    let header = signed.authorization_header();
    assert!(header.contains("oauth_token=\"\""));
    let verified = check(
        &IncomingRequest::new("GET", URL).with_authorization(&header),
        &MemoryNonceStore::new(),
    )
    .unwrap();
    assert_eq!(verified.token(), None);
}

#[test]
fn step9_token_of_another_consumer_is_rejected() {
    let header = Signer::builder("ck", "cs")
        .token("tk2", "ts2")
        .build()
        .unwrap()
        .sign_with(&Request::new("GET", URL), &options("n9"))
        .unwrap()
        .authorization_header();
    let request = IncomingRequest::new("GET", URL).with_authorization(&header);
    assert_eq!(
        problem(check(&request, &MemoryNonceStore::new())).0,
        ProblemCode::TokenRejected
    );
}

/// A store that answers only with owned copies, as the C and Python
/// lookups do: the lending methods keep their defaults.
struct OwnedCopies(MemoryCredentials);

impl CredentialStore for OwnedCopies {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        self.0.consumer(consumer_key)
    }
    fn token(&self, token: &str) -> Option<TokenCredentials> {
        self.0.token(token)
    }
}

#[test]
fn steps8_and_9_a_store_without_lending_verifies_alike() {
    let store = OwnedCopies(credentials());
    let header = header_for(
        SignatureMethod::HmacSha256,
        &Request::new("GET", URL),
        "n15",
    );
    let request = IncomingRequest::new("GET", URL).with_authorization(&header);
    let nonces = MemoryNonceStore::new();
    let verified = verifier().verify(&request, &store, &nonces).unwrap();
    assert_eq!(verified.token(), Some("tk"));
    let other = Signer::builder("ck", "cs")
        .token("tk2", "ts2")
        .build()
        .unwrap()
        .sign_with(&Request::new("GET", URL), &options("n16"))
        .unwrap()
        .authorization_header();
    let request = IncomingRequest::new("GET", URL).with_authorization(&other);
    let refused = verifier().verify(&request, &&store, &nonces).unwrap_err();
    assert_eq!(refused.code(), ProblemCode::TokenRejected);
}

#[test]
fn step5_plaintext_is_off_by_default() {
    let header = header_for(SignatureMethod::Plaintext, &Request::new("GET", URL), "n10");
    let request = IncomingRequest::new("GET", URL).with_authorization(&header);
    let result =
        Verifier::new()
            .clock(NOW)
            .verify(&request, &credentials(), &MemoryNonceStore::new());
    assert_eq!(problem(result).0, ProblemCode::SignatureMethodRejected);
    assert!(!Verifier::new().is_allowed(SignatureMethod::Plaintext));
    assert_eq!(Verifier::new().allowed_methods().len(), 6);
}

#[test]
fn step10_hmac_from_an_rsa_only_consumer_is_signature_invalid() {
    let mut creds = credentials();
    creds.insert_consumer_credentials("ck", ConsumerCredentials::default());
    let header = header_for(SignatureMethod::HmacSha1, &Request::new("GET", URL), "n11");
    let request = IncomingRequest::new("GET", URL).with_authorization(&header);
    let result = verifier().verify(&request, &creds, &MemoryNonceStore::new());
    assert_eq!(problem(result).0, ProblemCode::SignatureInvalid);
}

#[test]
fn step1_bad_escape_in_a_header_value_is_rejected_by_name() {
    let request =
        IncomingRequest::new("GET", URL).with_authorization("OAuth oauth_consumer_key=\"ck%zz\"");
    assert_eq!(
        problem(check(&request, &MemoryNonceStore::new())),
        (
            ProblemCode::ParameterRejected,
            vec!["oauth_consumer_key".to_owned()]
        )
    );
}

#[test]
fn two_oauth_authorization_headers_are_rejected() {
    let header = header_for(SignatureMethod::HmacSha1, &Request::new("GET", URL), "n12");
    let request = IncomingRequest::new("GET", URL)
        .with_header("Authorization", &header)
        .with_header("Authorization", "OAuth oauth_callback=\"x\"");
    assert_eq!(
        problem(check(&request, &MemoryNonceStore::new())),
        (ProblemCode::ParameterRejected, vec![])
    );
}

#[test]
fn problem_messages_never_show_a_plaintext_signature() {
    let header = header_for(SignatureMethod::Plaintext, &Request::new("GET", URL), "n13");
    // Break the header after the signature, so parsing fails.
    let broken = format!("{header} junk");
    let request = IncomingRequest::new("GET", URL).with_authorization(&broken);
    let p = check(&request, &MemoryNonceStore::new()).unwrap_err();
    assert_eq!(p.code(), ProblemCode::ParameterRejected);
    assert!(
        !p.message().contains("cs%26ts") && !p.message().contains("cs&ts"),
        "{}",
        p.message()
    );
}

/// Never panics, whatever bytes arrive: every one-byte change of a valid
/// request (each position replaced by a handful of troublesome bytes).
#[test]
fn never_panics_on_mutated_requests() {
    let form = "a=1&b=%C3%A9";
    let header = header_for(
        SignatureMethod::HmacSha256,
        &Request::new("POST", URL).with_form(form),
        "n14",
    );
    let nonces = MemoryNonceStore::new();
    let creds = credentials();
    let v = verifier();
    for replacement in ["\"", "\\", ",", "=", "%", " ", "\u{0}", "é", ""] {
        for (i, _) in header.char_indices() {
            let mut mutated = header.clone();
            let end = i + mutated[i..].chars().next().map_or(0, char::len_utf8);
            mutated.replace_range(i..end, replacement);
            let request = IncomingRequest::new("POST", URL)
                .with_authorization(&mutated)
                .with_content_type("application/x-www-form-urlencoded")
                .with_body(form.as_bytes());
            let _ = v.verify(&request, &creds, &nonces);
        }
    }
    for body in [
        &b"\xff\xfe"[..],
        b"%",
        b"a=%zz",
        b"oauth_token=x&oauth_token=y",
    ] {
        let request = IncomingRequest::new("POST", URL)
            .with_authorization(&header)
            .with_content_type("application/x-www-form-urlencoded")
            .with_body(body);
        assert!(v.verify(&request, &creds, &nonces).is_err());
    }
    for url in ["", "/relative", "https://h:99999/", "https://h/?%zz"] {
        let request = IncomingRequest::new("GET", url).with_authorization(&header);
        assert_eq!(
            problem(v.verify(&request, &creds, &nonces)).0,
            ProblemCode::ParameterRejected
        );
    }
}

#[test]
fn setters_in_place_match_the_chain_and_the_fixed_clock_reads_back() {
    let chained = Verifier::new()
        .signature_methods([SignatureMethod::HmacSha1])
        .allow(SignatureMethod::Plaintext)
        .timestamp_window(60)
        .clock(1_700_000_000);
    let mut in_place = Verifier::new();
    in_place
        .set_signature_methods([SignatureMethod::HmacSha1])
        .add_signature_method(SignatureMethod::Plaintext)
        .set_timestamp_window(60)
        .set_clock(Some(1_700_000_000));
    assert_eq!(chained, in_place);
    assert_eq!(in_place.fixed_clock(), Some(1_700_000_000));
    assert_eq!(in_place.now(), 1_700_000_000);
    in_place.set_clock(None);
    assert_eq!(in_place.fixed_clock(), None);
    assert_eq!(chained.system_clock().fixed_clock(), None);
}
