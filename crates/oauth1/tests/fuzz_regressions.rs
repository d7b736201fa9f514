//! One test per defect the fuzz targets in fuzz/ found, named after the
//! target and what it found; each input is kept in fuzz/seeds/TARGET/.

use oauth1::{
    ErrorKind, Generated, IncomingRequest, MemoryCredentials, MemoryNonceStore, Request,
    SignOptions, SignatureMethod, Signer, Verifier,
};

/// sign_verify, seed `omitted-timestamp-hmac`: an HMAC request signed
/// without `oauth_timestamp` was produced, then refused by the verifier as
/// `parameter_absent`. Only PLAINTEXT may omit the timestamp and the nonce
/// (RFC 5849 s3.1), so the signer refuses the others.
#[test]
fn sign_verify_omitted_timestamp_or_nonce_is_refused_unless_plaintext() {
    let request = Request::new("POST", "http://a/").with_form("x=1");
    for method in SignatureMethod::ALL
        .into_iter()
        .filter(|&m| m != SignatureMethod::Plaintext && !m.is_rsa())
    {
        let signer = Signer::builder("ck", "cs")
            .signature_method(method)
            .build()
            .unwrap();
        for (timestamp, nonce, missing) in [
            (Generated::Omit, Generated::Fixed("n"), "oauth_timestamp"),
            (
                Generated::Fixed("1700000000"),
                Generated::Omit,
                "oauth_nonce",
            ),
        ] {
            let options = SignOptions {
                timestamp,
                nonce,
                ..SignOptions::default()
            };
            let error = signer.sign_with(&request, &options).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidParameter);
            assert!(error.message().contains(missing), "{}", error.message());
            assert!(error.message().contains("PLAINTEXT"), "{}", error.message());
        }
    }
    // PLAINTEXT still may, and the verifier accepts it.
    let signer = Signer::builder("ck", "cs")
        .signature_method(SignatureMethod::Plaintext)
        .build()
        .unwrap();
    let options = SignOptions {
        timestamp: Generated::Omit,
        nonce: Generated::Omit,
        ..SignOptions::default()
    };
    let signed = signer.sign_with(&request, &options).unwrap();
    let header = signed.authorization_header();
    let mut credentials = MemoryCredentials::new();
    credentials.insert_consumer("ck", "cs");
    let received = IncomingRequest::new("POST", "http://a/")
        .with_authorization(&header)
        .with_content_type("application/x-www-form-urlencoded")
        .with_body(b"x=1");
    Verifier::new()
        .allow(SignatureMethod::Plaintext)
        .verify(&received, &credentials, &MemoryNonceStore::new())
        .unwrap();
}

/// sign_verify, seed `empty-token-with-secret`: a signer with an empty
/// token and a non-empty token secret signed with that secret, but the
/// verifier reads `oauth_token=""` as no token (two-legged) and checks
/// with an empty one: `signature_invalid`. The builder refuses the pair;
/// an empty token with an empty secret still signs and verifies.
#[test]
fn sign_verify_empty_token_with_a_secret_is_refused() {
    let error = Signer::builder("ck", "cs")
        .token("", "Y-")
        .build()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidParameter);
    assert!(
        error.message().contains("token is empty"),
        "{}",
        error.message()
    );

    let signer = Signer::builder("ck", "cs").token("", "").build().unwrap();
    let signed = signer.sign(&Request::new("GET", "http://a/")).unwrap();
    let header = signed.authorization_header();
    assert!(header.contains("oauth_token=\"\""), "{header}");
    let mut credentials = MemoryCredentials::new();
    credentials.insert_consumer("ck", "cs");
    let received = IncomingRequest::new("GET", "http://a/").with_authorization(&header);
    let verified = Verifier::new()
        .verify(&received, &credentials, &MemoryNonceStore::new())
        .unwrap();
    assert_eq!(verified.token(), None);
}

/// sign_verify, seed `body-hash-into-form-body`: a request without a body,
/// signed under the `Always` body-hash policy, was turned by
/// `signed_form_body` into a form body carrying `oauth_body_hash`, which
/// the verifier refuses (Body Hash draft s4.1.1). That transmission form is
/// refused; the header and the query still carry the hash.
#[test]
fn sign_verify_body_hash_is_not_put_into_a_form_body() {
    let signer = Signer::builder("ck", "cs")
        .body_hash(oauth1::BodyHash::Always)
        .build()
        .unwrap();
    let signed = signer.sign(&Request::new("POST", "http://a/A")).unwrap();
    let error = signed.signed_form_body().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidParameter);
    assert!(
        error.message().contains("oauth_body_hash"),
        "{}",
        error.message()
    );
    assert!(signed.signed_url().contains("oauth_body_hash="));
    assert!(signed.authorization_header().contains("oauth_body_hash=\""));
    // Without the hash, a bodiless request still goes as a form body.
    let plain = Signer::builder("ck", "cs").build().unwrap();
    let signed = plain.sign(&Request::new("POST", "http://a/A")).unwrap();
    assert_eq!(signed.signed_form_body().unwrap(), signed.oauth_query());
}

/// token_response, seed `empty-token`: a response with an empty
/// `oauth_token` was accepted, and its credentials then made no signer
/// (an empty token with a secret is refused). The parser refuses it.
#[test]
fn token_response_with_an_empty_token_is_refused() {
    for body in [
        "oauth_token=&oauth_token_secret=s",
        "oauth_token_secret=s&oauth_token=",
    ] {
        let error = oauth1::parse_token_response(body, false).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidResponse);
        assert!(
            error.message().contains("empty oauth_token"),
            "{}",
            error.message()
        );
    }
    let response =
        oauth1::parse_token_response("oauth_token=t&oauth_token_secret=", false).unwrap();
    Signer::builder("ck", "cs")
        .token(response.token, response.token_secret)
        .build()
        .unwrap();
}

/// sign_verify, seed `ampersand-in-method`: a custom HTTP method holding
/// `&` (a valid token character) went into the base string as it was, so
/// the base string had more than three `&`-separated parts and
/// `normalized_parameters` returned a piece of the URL. RFC 5849 s3.4.1.1
/// step 1: a custom method "MUST be encoded (Section 3.6)"; signer and
/// verifier share that base string.
#[test]
fn sign_verify_custom_method_is_encoded_in_the_base_string() {
    let signer = Signer::builder("ck", "cs").build().unwrap();
    let options = SignOptions {
        timestamp: Generated::Fixed("1700000000"),
        nonce: Generated::Fixed("n"),
        ..SignOptions::default()
    };
    let signed = signer
        .sign_with(&Request::new("r&o%x", "http://a/p?q=1"), &options)
        .unwrap();
    assert!(
        signed
            .base_string()
            .starts_with("R%26O%25X&http%3A%2F%2Fa%2Fp&"),
        "{}",
        signed.base_string()
    );
    assert!(
        signed
            .normalized_parameters()
            .starts_with("oauth_consumer_key=ck&"),
        "{}",
        signed.normalized_parameters()
    );
    assert!(signed.normalized_parameters().ends_with("&q=1"));
    // Plain methods are unchanged: uppercased, not encoded.
    let get = signer
        .sign_with(&Request::new("get", "http://a/p"), &options)
        .unwrap();
    assert!(get.base_string().starts_with("GET&http%3A%2F%2Fa%2Fp&"));
    // The verifier builds the same base string.
    let header = signed.authorization_header();
    let mut credentials = MemoryCredentials::new();
    credentials.insert_consumer("ck", "cs");
    let received = IncomingRequest::new("r&o%x", "http://a/p?q=1").with_authorization(&header);
    Verifier::new()
        .clock(1_700_000_000)
        .verify(&received, &credentials, &MemoryNonceStore::new())
        .unwrap();
}
