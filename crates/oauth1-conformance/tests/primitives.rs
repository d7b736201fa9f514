//! The building-block known answers of tests/conformance/primitives.json:
//! percent-encoding (RFC 5849 s3.6), normalization (s3.4.1.3.2), base string
//! URI (s3.4.1.2), raw HMAC-SHA1 and RSA-SHA1 (s3.4.2, s3.4.3), body hash.

use oauth1::{ParameterList, SignatureMethod};
use serde_json::Value;
use std::path::PathBuf;

fn primitives() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/primitives.json");
    let text = std::fs::read_to_string(&path).expect("primitives.json is readable");
    serde_json::from_str(&text).expect("primitives.json is JSON")
}

fn cases(group: &str) -> Vec<Value> {
    let cases = primitives()[group].as_array().cloned().unwrap_or_default();
    assert!(!cases.is_empty(), "primitives.json has no {group} cases");
    cases
}

fn field<'a>(case: &'a Value, name: &str) -> &'a str {
    case[name]
        .as_str()
        .unwrap_or_else(|| panic!("case lacks {name}: {case}"))
}

#[test]
fn s3_6_percent_encoding() {
    for case in cases("percent_encoding") {
        assert_eq!(
            oauth1::percent_encode(field(&case, "input")),
            field(&case, "encoded"),
            "{case}"
        );
    }
}

#[test]
fn s3_4_1_3_2_normalize_parameters() {
    for case in cases("normalize_parameters") {
        let mut params = ParameterList::default();
        params
            .push_form(field(&case, "form_encoded_input"), "input")
            .expect("decodes");
        assert_eq!(params.normalized(), field(&case, "normalized"), "{case}");
    }
}

#[test]
fn s3_4_1_2_base_string_uri() {
    for case in cases("base_string_uri") {
        assert_eq!(
            oauth1::base_string_uri(field(&case, "url")).expect("valid URL"),
            field(&case, "base_string_uri"),
            "{case}"
        );
    }
}

#[test]
fn s3_4_2_hmac_sha1() {
    for case in cases("hmac_sha1") {
        let (cs, ts) = (
            field(&case, "consumer_secret"),
            field(&case, "token_secret"),
        );
        assert_eq!(
            oauth1::signing_key(cs, ts).as_str(),
            field(&case, "key"),
            "{case}"
        );
        let signature = oauth1::sign_base_string(
            SignatureMethod::HmacSha1,
            cs,
            ts,
            None,
            field(&case, "base_string"),
        )
        .expect("HMAC signs");
        assert_eq!(signature, field(&case, "signature"), "{case}");
    }
}

#[test]
fn s3_4_3_rsa_sha1() {
    for case in cases("rsa_sha1") {
        let signature = oauth1::sign_base_string(
            SignatureMethod::RsaSha1,
            "",
            "",
            Some(field(&case, "private_key_pem")),
            field(&case, "base_string"),
        )
        .expect("RSA signs");
        assert_eq!(signature, field(&case, "signature"), "{case}");
    }
}

#[test]
fn body_hash_sha1_appendix_a() {
    for case in cases("body_hash_sha1") {
        assert_eq!(
            oauth1::body_hash(field(&case, "body").as_bytes()),
            field(&case, "oauth_body_hash"),
            "{case}"
        );
    }
}
