//! The rules every surface (Rust, C, Python, CLI) follows because the core
//! decides them once: the body-hash policy, what the signer
//! refuses so that it never produces a request its own verifier refuses, and
//! the realm forms it accepts. Each test is named after its rule.

use oauth1::{
    parse_callback_for, BodyHash, ErrorKind, Generated, IncomingRequest, MemoryCredentials,
    MemoryNonceStore, ParameterLocation, Request, SignOptions, Signed, Signer, Verifier,
};

const NOW: u64 = 1_700_000_000;

fn fixed(nonce: &str) -> SignOptions<'_> {
    SignOptions {
        timestamp: Generated::Fixed("1700000000"),
        nonce: Generated::Fixed(nonce),
        ..SignOptions::default()
    }
}

fn signer() -> Signer {
    Signer::builder("ck", "cs")
        .token("tk", "ts")
        .build()
        .unwrap()
}

fn signer_with_body_hash(policy: BodyHash) -> Signer {
    signer().to_builder().body_hash(policy).build().unwrap()
}

fn credentials() -> MemoryCredentials {
    let mut creds = MemoryCredentials::new();
    creds.insert_consumer("ck", "cs");
    creds.insert_token("tk", "ts", "ck");
    creds
}

/// Verifies `signed` (a request to `url`) as sent in `location`.
fn verify_as_sent(
    method: &str,
    url: &str,
    signed: &Signed,
    location: ParameterLocation,
) -> Result<oauth1::Verified, oauth1::Problem> {
    let header = signed.authorization_header();
    let signed_url = signed.signed_url();
    let form = signed.signed_form_body().unwrap_or_default();
    let request = match location {
        ParameterLocation::Header => IncomingRequest::new(method, url).with_authorization(&header),
        ParameterLocation::Query => IncomingRequest::new(method, &signed_url),
        _ => IncomingRequest::new(method, url)
            .with_body(form.as_bytes())
            .with_content_type("application/x-www-form-urlencoded"),
    };
    Verifier::new()
        .clock(NOW)
        .verify(&request, &credentials(), &MemoryNonceStore::new())
}

const URLS: [&str; 6] = [
    "https://a.example/?x=1&y=2?",
    "https://a.example/p?",
    "https://a.example/p?a=1&",
    "https://a.example/q?a=1&&b=2#frag",
    "https://a.example/r",
    "https://a.example/s?a=%20b+c",
];

#[test]
fn body_hash_default_off_as_requests_oauthlib() {
    let signed = signer()
        .sign_with(
            &Request::new("POST", "https://a.example/r")
                .with_body(b"{\"a\": 1}", "application/json"),
            &fixed("n1"),
        )
        .unwrap();
    assert!(!signed.authorization_header().contains("oauth_body_hash"));
}

#[test]
fn body_hash_policy_non_form_hashes_only_non_empty_non_form_bodies() {
    let s = signer_with_body_hash(BodyHash::NonForm);
    let json = Request::new("POST", "https://a.example/r").with_body(b"{}", "application/json");
    let empty = Request::new("POST", "https://a.example/r").with_body(b"", "application/json");
    let form = Request::new("POST", "https://a.example/r").with_form("a=1");
    let none = Request::new("GET", "https://a.example/r");
    let has_hash = |r: &Request<'_>| {
        s.sign_with(r, &fixed("n"))
            .unwrap()
            .authorization_header()
            .contains("oauth_body_hash=")
    };
    assert!(has_hash(&json));
    assert!(!has_hash(&empty));
    assert!(!has_hash(&form));
    assert!(!has_hash(&none));
}

#[test]
fn body_hash_policy_always_hashes_an_absent_body_and_refuses_a_form() {
    let s = signer_with_body_hash(BodyHash::Always);
    let none = s
        .sign_with(&Request::new("GET", "https://a.example/r"), &fixed("n"))
        .unwrap();
    // SHA-1 of the empty body.
    assert!(none
        .authorization_header()
        .contains("oauth_body_hash=\"2jmj7l5rSw0yVb%2FvlWAYkK%2FYBwk%3D\""));
    let e = s
        .sign_with(
            &Request::new("POST", "https://a.example/r").with_form("a=1"),
            &fixed("n"),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);
    assert!(e.message().contains("form-encoded"), "{e}");
    assert_eq!(BodyHash::from(true), BodyHash::Always);
    assert_eq!(BodyHash::from(false), BodyHash::Off);
}

#[test]
fn body_hash_policy_names_round_trip() {
    for p in BodyHash::ALL {
        assert_eq!(BodyHash::from_name(p.as_str()).unwrap(), p);
    }
    let e = BodyHash::from_name("sometimes").unwrap_err();
    assert!(e.message().contains("\"sometimes\""), "{e}");
}

#[test]
fn timestamp_must_be_a_positive_integer_of_seconds() {
    let nines = "9".repeat(100);
    for bad in [
        "abc",
        "-5",
        nines.as_str(),
        "0",
        "00",
        "",
        "12a",
        " 1",
        "+5",
        "1.5",
    ] {
        let options = SignOptions {
            timestamp: Generated::Fixed(bad),
            ..fixed("n")
        };
        let e = signer()
            .sign_with(&Request::new("GET", "https://a.example/r"), &options)
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidParameter, "{bad:?}");
        assert!(e.message().contains("oauth_timestamp"), "{e}");
    }
    let options = SignOptions {
        timestamp: Generated::Fixed("1"),
        ..fixed("n")
    };
    assert!(signer()
        .sign_with(&Request::new("GET", "https://a.example/r"), &options)
        .is_ok());
}

#[test]
fn consumer_key_empty_refused() {
    let e = Signer::builder("", "cs").build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);
    assert!(e.message().contains("consumer_key is empty"), "{e}");
}

#[test]
fn consumer_key_empty_refused_by_the_verifier_too() {
    let mut creds = MemoryCredentials::new();
    creds.insert_consumer("", "cs");
    let header = r#"OAuth oauth_consumer_key="", oauth_signature_method="PLAINTEXT", oauth_signature="cs%26""#;
    let p = Verifier::new()
        .allow(oauth1::SignatureMethod::Plaintext)
        .clock(NOW)
        .verify(
            &IncomingRequest::new("GET", "https://a.example/r").with_authorization(header),
            &creds,
            &MemoryNonceStore::new(),
        )
        .unwrap_err();
    assert_eq!(p.code(), oauth1::ProblemCode::ConsumerKeyUnknown);
}

#[test]
fn protocol_names_in_query_or_form_refused_with_the_name() {
    let cases: [(Request<'_>, &str); 4] = [
        (
            Request::new("GET", "https://a.example/r?a=1&oauth_token=x"),
            "oauth_token",
        ),
        (
            Request::new("GET", "https://a.example/r?oauth%5Fnonce=x"),
            "oauth_nonce",
        ),
        (
            Request::new("POST", "https://a.example/r").with_form("a=1&oauth_callback=oob"),
            "oauth_callback",
        ),
        (
            Request::new("GET", "https://a.example/r?oauth_custom"),
            "oauth_custom",
        ),
    ];
    for (request, name) in cases {
        let e = signer().sign_with(&request, &fixed("n")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidParameter, "{name}");
        assert!(e.message().contains(&format!("\"{name}\"")), "{e}");
    }
    // Names that only look alike are data.
    for url in [
        "https://a.example/r?oauth=1",
        "https://a.example/r?Oauth_x=1",
        "https://a.example/r?x_oauth_y=1",
    ] {
        assert!(
            signer()
                .sign_with(&Request::new("GET", url), &fixed("n"))
                .is_ok(),
            "{url}"
        );
    }
}

#[test]
fn sign_then_verify_round_trips_for_every_url_and_transmission() {
    for (i, url) in URLS.iter().enumerate() {
        let nonce = format!("n{i}");
        let signed = signer()
            .sign_with(&Request::new("GET", url), &fixed(&nonce))
            .unwrap();
        for location in [ParameterLocation::Header, ParameterLocation::Query] {
            verify_as_sent("GET", url, &signed, location)
                .unwrap_or_else(|p| panic!("{url} {location:?}: {p} ({})", signed.signed_url()));
        }
        let signed = signer()
            .sign_with(&Request::new("POST", url).with_form("f=1"), &fixed(&nonce))
            .unwrap();
        verify_as_sent("POST", url, &signed, ParameterLocation::Body)
            .unwrap_or_else(|p| panic!("{url} body: {p}"));
    }
}

#[test]
fn signed_url_query_ending_in_question_mark_gets_an_ampersand() {
    let signed = signer()
        .sign_with(
            &Request::new("GET", "https://a.example/?x=1&y=2?"),
            &fixed("n"),
        )
        .unwrap();
    assert!(signed
        .signed_url()
        .starts_with("https://a.example/?x=1&y=2?&oauth_consumer_key=ck&"));
}

#[test]
fn realm_horizontal_tab_signed_and_verified() {
    let s = signer().to_builder().realm("Photos\tEU").build().unwrap();
    let signed = s
        .sign_with(&Request::new("GET", "https://a.example/r"), &fixed("n"))
        .unwrap();
    assert!(signed
        .authorization_header()
        .starts_with("OAuth realm=\"Photos\tEU\", "));
    let verified = verify_as_sent(
        "GET",
        "https://a.example/r",
        &signed,
        ParameterLocation::Header,
    )
    .unwrap();
    assert_eq!(verified.realm(), Some("Photos\tEU"));
}

#[test]
fn realm_control_characters_other_than_tab_refused() {
    for bad in ["a\rb", "a\nb", "a\0b", "a\x07b"] {
        let e = signer().to_builder().realm(bad).build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidParameter, "{bad:?}");
    }
}

#[test]
fn realm_non_ascii_sent_as_percent_encoded_utf8_and_verified() {
    let s = signer().to_builder().realm("東京").build().unwrap();
    let signed = s
        .sign_with(&Request::new("GET", "https://a.example/r"), &fixed("n"))
        .unwrap();
    let header = signed.authorization_header();
    assert!(header.is_ascii(), "{header}");
    assert!(
        header.starts_with("OAuth realm=\"%E6%9D%B1%E4%BA%AC\", "),
        "{header}"
    );
    let verified = verify_as_sent(
        "GET",
        "https://a.example/r",
        &signed,
        ParameterLocation::Header,
    )
    .unwrap();
    assert_eq!(verified.realm(), Some("%E6%9D%B1%E4%BA%AC"));
    // The realm is never signed: the signature is that of the realm-less request.
    let plain = signer()
        .sign_with(&Request::new("GET", "https://a.example/r"), &fixed("n"))
        .unwrap();
    assert_eq!(plain.signature(), signed.signature());
}

#[test]
fn parse_callback_for_checks_the_request_token() {
    let cb =
        parse_callback_for("https://c.example/cb?oauth_token=rt&oauth_verifier=v", "rt").unwrap();
    assert_eq!((cb.token.as_str(), cb.verifier.as_str()), ("rt", "v"));
    let bare = parse_callback_for("oauth_token=rt&oauth_verifier=v", "rt").unwrap();
    assert_eq!(bare.verifier, "v");
    let e = parse_callback_for("oauth_token=other&oauth_verifier=v", "rt").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidResponse);
    assert!(e.message().contains("\"other\""), "{e}");
    let denied =
        parse_callback_for("https://c.example/cb?oauth_problem=user_refused", "rt").unwrap_err();
    assert!(denied.message().contains("user_refused"), "{denied}");
}

#[test]
fn authorization_url_query_ending_in_question_mark_gets_an_ampersand() {
    assert_eq!(
        oauth1::authorization_url("https://p.example/auth?a=b?", "rt").unwrap(),
        "https://p.example/auth?a=b?&oauth_token=rt"
    );
}
