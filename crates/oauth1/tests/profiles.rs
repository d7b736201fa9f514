//! Provider profiles: the published examples of `tests/conformance/profiles/`
//! signed through their profile, a sign-then-verify round trip per profile
//! (a signer and a verifier built from the same profile), and the
//! per-signer monotonic timestamp (NetSuite's rule).

use oauth1::{
    profiles, Generated, IncomingRequest, MemoryCredentials, MemoryNonceStore, Request,
    SignOptions, Signer, TokenPassportSigner, Transmission, Verifier,
};
use serde_json::Value;

fn load(name: &str) -> Vec<Value> {
    let path = format!(
        "{}/../../tests/conformance/profiles/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(v: &Value) -> Option<&str> {
    v.as_str()
}

#[test]
fn published_examples_sign_to_their_signature_through_the_profile() {
    let cases = load("published.json");
    assert!(cases.len() >= 6);
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let c = &case["credentials"];
        let mut builder = Signer::for_profile(
            case["profile"].as_str().unwrap(),
            c["consumer_key"].as_str().unwrap(),
            c["consumer_secret"].as_str().unwrap(),
        )
        .unwrap();
        if let Some(account) = text(&case["account"]) {
            builder = builder.account(account);
        }
        if let Some(token) = text(&c["token"]) {
            builder = builder.token(token, text(&c["token_secret"]).unwrap_or_default());
        }
        let signer = builder.build().unwrap_or_else(|e| panic!("{id}: {e}"));
        let r = &case["request"];
        let mut request = Request::new(r["method"].as_str().unwrap(), r["url"].as_str().unwrap());
        if let (Some(body), Some(ct)) = (text(&r["body"]), text(&r["content_type"])) {
            request = request.with_body(body.as_bytes(), ct);
        }
        let options = SignOptions {
            timestamp: Generated::Fixed(case["timestamp"].as_str().unwrap()),
            nonce: Generated::Fixed(case["nonce"].as_str().unwrap()),
            callback: text(&case["callback"]),
            verifier: text(&case["verifier"]),
            ..SignOptions::default()
        };
        let signed = signer.sign_with(&request, &options).unwrap();
        let expect = &case["expect"];
        assert_eq!(
            signed.base_string(),
            expect["base_string"].as_str().unwrap(),
            "{id}"
        );
        assert_eq!(
            signed.signature(),
            expect["signature"].as_str().unwrap(),
            "{id}"
        );
        let header = signed.authorization_header();
        for s in expect["header_contains"].as_array().unwrap() {
            assert!(header.contains(s.as_str().unwrap()), "{id}: {header}");
        }
        for s in expect["header_lacks"].as_array().unwrap() {
            assert!(!header.contains(s.as_str().unwrap()), "{id}: {header}");
        }
    }
}

#[test]
fn netsuite_token_passport_vectors() {
    for case in load("token_passport.json") {
        let id = case["id"].as_str().unwrap();
        let signer = TokenPassportSigner::new(
            case["account"].as_str().unwrap(),
            case["consumer_key"].as_str().unwrap(),
            case["consumer_secret"].as_str().unwrap(),
            case["token"].as_str().unwrap(),
            case["token_secret"].as_str().unwrap(),
        )
        .unwrap();
        let passport = signer
            .sign(
                Generated::Fixed(case["timestamp"].as_str().unwrap()),
                Generated::Fixed(case["nonce"].as_str().unwrap()),
            )
            .unwrap();
        assert_eq!(
            passport.algorithm().as_str(),
            case["algorithm"].as_str().unwrap(),
            "{id}"
        );
        assert_eq!(
            passport.base_string(),
            case["expect"]["base_string"].as_str().unwrap(),
            "{id}"
        );
        assert_eq!(
            passport.signature(),
            case["expect"]["signature"].as_str().unwrap(),
            "{id}"
        );
    }
}

/// Every profile: a signer built from it signs, in the profile's
/// transmission, a request that a verifier built from it accepts.
#[test]
fn every_profile_round_trips_sign_then_verify() {
    for profile in profiles() {
        let name = profile.name();
        let mut builder = Signer::for_profile(name, "ck", "cs")
            .unwrap()
            .token("tk", "ts");
        if profile.needs_account() {
            builder = builder.account(match profile.account_kind() {
                oauth1::AccountKind::StoreUrl => "https://shop.example.com",
                _ => "1234567-sb1",
            });
        }
        let signer = builder.build().unwrap();
        let mut credentials = MemoryCredentials::new();
        credentials.insert_consumer("ck", "cs");
        credentials.insert_token("tk", "ts", "ck");
        let nonces = MemoryNonceStore::new();
        // PLAINTEXT is allowed exactly where the provider uses it (Discogs).
        let verifier = Verifier::for_profile(name).unwrap();
        assert_eq!(verifier, profile.verifier());
        let url = "https://api.example.com/v1/items?limit=5";
        let form = "title=Hello%20world&n=1";
        let request = Request::new("POST", url).with_form(form);
        let signed = signer.sign(&request).unwrap();
        let header;
        let signed_url;
        let body;
        let incoming = match profile.transmission() {
            Transmission::Header => {
                header = signed.authorization_header();
                IncomingRequest::new("POST", url)
                    .with_authorization(&header)
                    .with_body(form.as_bytes())
                    .with_content_type("application/x-www-form-urlencoded")
            }
            Transmission::Query => {
                signed_url = signed.signed_url();
                IncomingRequest::new("POST", &signed_url)
                    .with_body(form.as_bytes())
                    .with_content_type("application/x-www-form-urlencoded")
            }
            Transmission::Form => {
                body = signed.signed_form_body().unwrap();
                IncomingRequest::new("POST", url)
                    .with_body(body.as_bytes())
                    .with_content_type("application/x-www-form-urlencoded")
            }
        };
        let verified = verifier
            .verify(&incoming, &credentials, &nonces)
            .unwrap_or_else(|p| panic!("{name}: {p}"));
        assert_eq!(verified.token(), Some("tk"), "{name}");
        assert_eq!(
            verified.signature_method(),
            profile.default_signature_method(),
            "{name}"
        );
        // A method the provider does not accept is refused by its verifier.
        let other = oauth1::SignatureMethod::HmacSha512;
        assert!(!verifier.is_allowed(other), "{name}");
    }
}

#[test]
fn lti11_outcomes_xml_carries_oauth_body_hash_and_verifies() {
    let signer = Signer::for_profile("lti11", "ck", "cs")
        .unwrap()
        .build()
        .unwrap();
    let xml = b"<?xml version=\"1.0\"?><imsx_POXEnvelopeRequest/>";
    let url = "https://lms.example.com/outcomes";
    let signed = signer
        .sign(&Request::new("POST", url).with_body(xml, "application/xml"))
        .unwrap();
    let header = signed.authorization_header();
    assert!(header.contains("oauth_body_hash="), "{header}");
    let mut credentials = MemoryCredentials::new();
    credentials.insert_consumer("ck", "cs");
    let verified = Verifier::for_profile("lti11")
        .unwrap()
        .verify(
            &IncomingRequest::new("POST", url)
                .with_authorization(&header)
                .with_body(xml)
                .with_content_type("application/xml"),
            &credentials,
            &MemoryNonceStore::new(),
        )
        .unwrap();
    assert!(verified.body_hash().is_some());
}

#[test]
fn netsuite_monotonic_timestamp_never_goes_backwards() {
    let signer = Signer::for_profile("netsuite", "ck", "cs")
        .unwrap()
        .account("1234567")
        .token("tk", "ts")
        .build()
        .unwrap();
    let at = |ts| SignOptions {
        timestamp: Generated::Fixed(ts),
        ..SignOptions::default()
    };
    let request = Request::new("GET", "https://1234567.suitetalk.api.netsuite.com/x");
    let far_future = "4102444800"; // 2100-01-01: later than the clock
    signer.sign_with(&request, &at(far_future)).unwrap();
    // The clock is earlier than the last timestamp: the signer keeps the last one.
    let next = signer.sign(&request).unwrap();
    let ts = next
        .oauth_parameters()
        .into_iter()
        .find(|(n, _)| n == "oauth_timestamp")
        .unwrap()
        .1;
    assert_eq!(ts, far_future);
    // A fixed timestamp earlier than the last is refused, by clones too.
    let e = signer
        .clone()
        .sign_with(&request, &at("1700000000"))
        .unwrap_err();
    assert!(e.message().contains("never go backwards"), "{e}");
    // Without the rule, the clock is used as it is.
    let plain = Signer::builder("ck", "cs").build().unwrap();
    plain.sign_with(&request, &at(far_future)).unwrap();
    plain.sign_with(&request, &at("1700000000")).unwrap();
}
