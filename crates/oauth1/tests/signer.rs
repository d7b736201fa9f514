//! Consumer-side behaviour the vector files do not reach: transmission forms
//! (RFC 5849 s3.5), generated nonces and timestamps, options, the token flow
//! (s2) and secret handling.

use oauth1::{
    authorization_url, parse_callback, parse_token_response, ErrorKind, Generated, Request,
    SignOptions, SignatureMethod, Signer,
};

fn fixed() -> SignOptions<'static> {
    SignOptions {
        timestamp: Generated::Fixed("1700000000"),
        nonce: Generated::Fixed("n0nce"),
        ..SignOptions::default()
    }
}

fn signer() -> Signer {
    Signer::builder("ck", "cs")
        .token("tk", "ts")
        .build()
        .expect("signer builds")
}

#[test]
fn s3_5_1_header_quotes_every_value_and_escapes_the_realm() {
    let signer = signer()
        .to_builder()
        .realm(r#"a "quoted" \ realm"#)
        .build()
        .unwrap();
    let signed = signer
        .sign_with(&Request::new("GET", "https://h/p"), &fixed())
        .unwrap();
    let header = signed.authorization_header();
    assert!(
        header.starts_with(
            r#"OAuth realm="a \"quoted\" \\ realm", oauth_consumer_key="ck", oauth_token="tk", "#
        ),
        "{header}"
    );
    assert!(header.ends_with(&format!(
        "oauth_signature=\"{}\"",
        oauth1::percent_encode(signed.signature())
    )));
}

#[test]
fn s3_5_3_signed_url_keeps_the_query_and_drops_the_fragment() {
    let signed = signer()
        .sign_with(&Request::new("GET", "https://h/p?a=1#frag"), &fixed())
        .unwrap();
    let url = signed.signed_url();
    assert!(
        url.starts_with("https://h/p?a=1&oauth_consumer_key=ck&"),
        "{url}"
    );
    assert!(!url.contains('#'));
    let bare = signer()
        .sign_with(&Request::new("GET", "https://h/p"), &fixed())
        .unwrap();
    assert!(bare
        .signed_url()
        .starts_with("https://h/p?oauth_consumer_key=ck&"));
}

#[test]
fn s3_5_2_form_body_appends_protocol_parameters() {
    let request = Request::new("POST", "https://h/p").with_form("a=1&b=x+y");
    let signed = signer().sign_with(&request, &fixed()).unwrap();
    let body = signed.signed_form_body().unwrap();
    assert!(
        body.starts_with("a=1&b=x+y&oauth_consumer_key=ck&"),
        "{body}"
    );
    let json = Request::new("POST", "https://h/p").with_body(b"{}", "application/json");
    let err = signer()
        .sign_with(&json, &fixed())
        .unwrap()
        .signed_form_body()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
}

#[test]
fn generated_nonce_and_timestamp_follow_the_options() {
    let signer = signer().to_builder().nonce(12, "abcdef").build().unwrap();
    let a = signer.sign(&Request::new("GET", "https://h/")).unwrap();
    let b = signer.sign(&Request::new("GET", "https://h/")).unwrap();
    let nonce = |s: &oauth1::Signed| {
        s.oauth_parameters()
            .into_iter()
            .find(|(n, _)| n == "oauth_nonce")
            .map(|(_, v)| v)
            .unwrap()
    };
    assert_eq!(nonce(&a).len(), 12);
    assert!(nonce(&a).bytes().all(|c| b"abcdef".contains(&c)));
    assert_ne!(nonce(&a), nonce(&b));
    let ts: u64 = a
        .oauth_parameters()
        .into_iter()
        .find(|(n, _)| n == "oauth_timestamp")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap();
    assert!(ts.abs_diff(oauth1::unix_timestamp()) < 5);
    assert!(Signer::builder("ck", "cs").nonce(0, "ab").build().is_err());
}

#[test]
fn the_last_nonce_setting_wins_refused_or_not() {
    // A refused setting followed by a good one builds; the reverse does not.
    let mut builder = Signer::builder("ck", "cs");
    builder.set_nonce_reported_at_build(0, "ab");
    builder.set_nonce_reported_at_build(12, "ab");
    let signed = builder
        .build_signer()
        .unwrap()
        .sign(&Request::new("GET", "https://example.com/"))
        .unwrap();
    let nonce = signed
        .oauth_parameters_iter()
        .find(|(n, _)| n == "oauth_nonce")
        .map(|(_, v)| v.len());
    assert_eq!(nonce, Some(12));
    assert!(Signer::builder("ck", "cs")
        .nonce(0, "ab")
        .nonce(8, "ab")
        .build()
        .is_ok());
    assert!(Signer::builder("ck", "cs")
        .nonce(8, "ab")
        .nonce(0, "ab")
        .build()
        .is_err());
    let mut builder = Signer::builder("ck", "cs").nonce(0, "ab");
    builder.set_nonce(8, "ab").unwrap();
    assert!(builder.build().is_ok());
}

#[test]
fn version_is_sent_by_default_and_can_be_omitted() {
    let with = signer()
        .sign_with(&Request::new("GET", "https://h/"), &fixed())
        .unwrap();
    assert!(with.oauth_query().contains("oauth_version=1.0"));
    let without = signer()
        .to_builder()
        .include_version(false)
        .build()
        .unwrap();
    let signed = without
        .sign_with(&Request::new("GET", "https://h/"), &fixed())
        .unwrap();
    assert!(!signed.oauth_query().contains("oauth_version"));
}

#[test]
fn body_hash_is_refused_on_a_form_body() {
    let signer = signer().to_builder().body_hash(true).build().unwrap();
    let err = signer
        .sign_with(
            &Request::new("POST", "https://h/").with_form("a=1"),
            &fixed(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    assert!(err.message().contains("oauth_body_hash"));
    let json = Request::new("PUT", "https://h/").with_body(b"Hello World!", "text/plain");
    let signed = signer.sign_with(&json, &fixed()).unwrap();
    assert!(signed
        .oauth_query()
        .contains("oauth_body_hash=Lve95gjOVATpfV8EL5X4nxwjKHE%3D"));
}

#[test]
fn bad_http_method_and_realm_are_refused_with_their_names() {
    let err = signer()
        .sign_with(&Request::new("GE T", "https://h/"), &fixed())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    assert!(err.message().contains("GE T"));
    let err = Signer::builder("ck", "cs")
        .realm("a\nb")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
}

#[test]
fn errors_name_the_offending_input() {
    let err = signer()
        .sign_with(&Request::new("GET", "ftp://h/x"), &fixed())
        .unwrap_err();
    assert!(err.message().contains("ftp"), "{err}");
    let err = "hmac-sha1".parse::<SignatureMethod>().unwrap_err();
    assert!(err.message().contains("hmac-sha1"), "{err}");
    let err = signer()
        .sign_with(&Request::new("GET", "https://h/?q=%zz"), &fixed())
        .unwrap_err();
    assert!(err.message().contains("%zz"), "{err}");
}

#[test]
fn secrets_are_redacted_in_debug() {
    let signer = Signer::builder("ck", "consumer-secret-value")
        .token("tk", "token-secret-value")
        .build()
        .unwrap();
    let debug = format!("{signer:?} {:?}", signer.to_builder());
    assert!(!debug.contains("consumer-secret-value"), "{debug}");
    assert!(!debug.contains("token-secret-value"), "{debug}");
    let response =
        parse_token_response("oauth_token=t&oauth_token_secret=very-secret", false).unwrap();
    assert!(!format!("{response:?}").contains("very-secret"));
}

#[test]
fn signer_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Signer>();
}

#[test]
fn s2_1_request_token_request_defaults_to_oob() {
    let consumer = Signer::builder("ck", "cs").build().unwrap();
    let signed = consumer
        .request_token_request("https://p.example/initiate", None)
        .unwrap();
    assert!(signed.oauth_query().contains("oauth_callback=oob"));
    assert!(!signed.oauth_query().contains("oauth_token="));
    let signed = consumer
        .request_token_request(
            "https://p.example/initiate",
            Some("https://c.example/cb?x=1"),
        )
        .unwrap();
    assert!(signed
        .oauth_query()
        .contains("oauth_callback=https%3A%2F%2Fc.example%2Fcb%3Fx%3D1"));
}

#[test]
fn s2_2_authorization_url_and_callback() {
    assert_eq!(
        authorization_url("https://p.example/authorize", "rt").unwrap(),
        "https://p.example/authorize?oauth_token=rt"
    );
    let cb = parse_callback("https://c.example/cb?oauth_token=rt&oauth_verifier=v%2B1").unwrap();
    assert_eq!((cb.token.as_str(), cb.verifier.as_str()), ("rt", "v+1"));
    let cb = parse_callback("oauth_token=rt&oauth_verifier=v").unwrap();
    assert_eq!(cb.verifier, "v");
    let err = parse_callback("https://c.example/cb?oauth_token=rt").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidResponse);
    assert!(err.message().contains("oauth_verifier"));
    let err = parse_callback("https://c.example/cb?oauth_problem=user_refused").unwrap_err();
    assert!(err.message().contains("user_refused"));
}

#[test]
fn s2_3_access_token_request_is_signed_with_the_request_token_secret() {
    let consumer = Signer::builder("ck", "cs").build().unwrap();
    assert_eq!(
        consumer
            .access_token_request("https://p.example/token", "v")
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidParameter
    );
    let with_request_token = consumer.with_token("rt", "rts").unwrap();
    let signed = with_request_token
        .access_token_request("https://p.example/token", "v")
        .unwrap();
    assert!(signed.oauth_query().contains("oauth_token=rt"));
    assert!(signed.oauth_query().contains("oauth_verifier=v"));
    // The key is enc(cs)&enc(rts): check by signing the same base string.
    let expected = oauth1::sign_base_string(
        SignatureMethod::HmacSha1,
        "cs",
        "rts",
        None,
        signed.base_string(),
    )
    .unwrap();
    assert_eq!(signed.signature(), expected);
}

#[test]
fn token_response_keeps_extra_fields_and_checks_callback_confirmed() {
    let body =
        "oauth_token=at&oauth_token_secret=ats&oauth_session_handle=sh&oauth_expires_in=1800";
    let response = parse_token_response(body, false).unwrap();
    assert_eq!(response.token, "at");
    assert_eq!(response.token_secret.expose(), "ats");
    assert_eq!(response.get("oauth_session_handle"), Some("sh"));
    assert_eq!(response.extra.len(), 2);
    let err = parse_token_response(body, true).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidResponse);
    assert!(parse_token_response(
        "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true",
        true
    )
    .is_ok());
    assert!(parse_token_response("oauth_token_secret=s", false).is_err());
    assert!(parse_token_response("oauth_problem=token_rejected", false)
        .unwrap_err()
        .message()
        .contains("token_rejected"));
}

#[test]
fn rsa_pkcs1_pem_is_accepted_too() {
    let pkcs8 = "-----BEGIN PRIVATE KEY-----\nMIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBALRiMLAh9iimur8V\nA7qVvdqxevEuUkW4K+2KdMXmnQbG9Aa7k7eBjK1S+0LYmVjPKlJGNXHDGuy5Fw/d\n7rjVJ0BLB+ubPK8iA/Tw3hLQgXMRRGRXXCn8ikfuQfjUS1uZSatdLB81mydBETlJ\nhI6GH4twrbDJCR2Bwy/XWXgqgGRzAgMBAAECgYBYWVtleUzavkbrPjy0T5FMou8H\nX9u2AC2ry8vD/l7cqedtwMPp9k7TubgNFo+NGvKsl2ynyprOZR1xjQ7WgrgVB+mm\nuScOM/5HVceFuGRDhYTCObE+y1kxRloNYXnx3ei1zbeYLPCHdhxRYW7T0qcynNmw\nrn05/KO2RLjgQNalsQJBANeA3Q4Nugqy4QBUCEC09SqylT2K9FrrItqL2QKc9v0Z\nzO2uwllCbg0dwpVuYPYXYvikNHHg+aCWF+VXsb9rpPsCQQDWR9TT4ORdzoj+Nccn\nqkMsDmzt0EfNaAOwHOmVJ2RVBspPcxt5iN4HI7HNeG6U5YsFBb+/GZbgfBT3kpNG\nWPTpAkBI+gFhjfJvRw38n3g/+UeAkwMI2TJQS4n8+hid0uus3/zOjDySH3XHCUno\ncn1xOJAyZODBo47E+67R4jV1/gzbAkEAklJaspRPXP877NssM5nAZMU0/O/NGCZ+\n3jPgDUno6WbJn5cqm8MqWhW1xGkImgRk+fkDBquiq4gPiT898jusgQJAd5Zrr6Q8\nAO/0isr/3aa6O6NLQxISLKcPDk2NOccAfS/xOtfOz4sJYM3+Bs4Io9+dZGSDCA54\nLw03eHTNQghS0A==\n-----END PRIVATE KEY-----\n";
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(pkcs8).unwrap();
    let pkcs1 = key.to_pkcs1_pem(rsa::pkcs8::LineEnding::LF).unwrap();
    let a =
        oauth1::sign_base_string(SignatureMethod::RsaSha256, "", "", Some(pkcs8), "bs").unwrap();
    let b =
        oauth1::sign_base_string(SignatureMethod::RsaSha256, "", "", Some(&pkcs1), "bs").unwrap();
    assert_eq!(a, b);
    let err = oauth1::sign_base_string(SignatureMethod::RsaSha1, "", "", Some("not a pem"), "bs")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn setters_in_place_build_the_same_signer_as_the_chain() {
    let chained = Signer::builder("ck", "cs")
        .token("tk", "ts")
        .signature_method(SignatureMethod::HmacSha256)
        .realm("Photos")
        .include_version(false)
        .nonce(8, "abcdef")
        .build()
        .unwrap();
    let mut builder = Signer::builder("ck", "cs");
    builder
        .set_token("tk", "ts")
        .set_signature_method(SignatureMethod::HmacSha256)
        .set_realm("Photos")
        .set_include_version(false);
    builder.set_nonce(8, "abcdef").unwrap();
    assert!(builder.set_nonce(0, "abcdef").is_err());
    let in_place = builder.build_signer().unwrap();
    let request = Request::new("GET", "https://api.example.com/x?a=1");
    assert_eq!(
        chained
            .sign_with(&request, &fixed())
            .unwrap()
            .authorization_header(),
        in_place
            .sign_with(&request, &fixed())
            .unwrap()
            .authorization_header()
    );
    // The refused nonce left the builder's own one in place.
    let nonce = in_place.sign(&request).unwrap();
    let (_, value) = nonce
        .oauth_parameters_iter()
        .find(|(name, _)| name == "oauth_nonce")
        .unwrap();
    assert_eq!(value.len(), 8);
}

#[test]
fn signed_lends_its_protocol_parameters_decoded() {
    let options = SignOptions {
        callback: Some("https://client.example/cb?x=1"),
        ..fixed()
    };
    let signed = signer()
        .sign_with(&Request::new("GET", "https://api.example.com/x"), &options)
        .unwrap();
    let owned = signed.oauth_parameters();
    assert_eq!(signed.oauth_parameter_count(), owned.len());
    let lent: Vec<(String, String)> = signed
        .oauth_parameters_iter()
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(lent, owned);
    for (index, (name, value)) in owned.iter().enumerate() {
        let (n, v) = signed.oauth_parameter(index).unwrap();
        assert_eq!((&*n, &*v), (name.as_str(), value.as_str()));
    }
    assert!(signed.oauth_parameter(owned.len()).is_none());
    assert!(owned
        .iter()
        .any(|(n, v)| n == "oauth_callback" && v == "https://client.example/cb?x=1"));
    // An unescaped value is lent, not copied.
    let (name, _) = signed.oauth_parameter(0).unwrap();
    assert!(matches!(name, std::borrow::Cow::Borrowed(_)));
}
