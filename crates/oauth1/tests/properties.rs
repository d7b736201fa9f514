//! Properties on random input (proptest): the encodings are inverses, the
//! RFC 3986 unreserved set is left alone (RFC 5849 s3.6), normalization
//! (s3.4.1.3.2) does not depend on the order parameters arrive in, and
//! every transmission form of s3.5 verifies.

use oauth1::{
    form_decode, form_encode, percent_decode_strict, percent_encode, IncomingRequest,
    MemoryCredentials, MemoryNonceStore, ParameterList, Request, SignatureMethod, Signer, Verifier,
};
use proptest::prelude::*;

/// Names and values: any Unicode text, with the bytes that matter to the
/// encodings (`%`, `+`, `&`, `=`, space) made frequent.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Z0-9 %+&=~._*!'()/?#é-]{0,12}",]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((text(), text()), 0..6)
}

/// Query and form parameters the signer accepts: not `oauth_*`.
fn request_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(("[a-z][a-zA-Z0-9 %+&=~._-]{0,8}", text()), 0..5)
        .prop_filter("oauth_* names are the signer's", |pairs| {
            pairs.iter().all(|(n, _)| !n.starts_with("oauth_"))
        })
}

proptest! {
    #[test]
    fn s3_6_percent_decode_inverts_percent_encode(s in any::<String>()) {
        let encoded = percent_encode(&s);
        prop_assert_eq!(percent_decode_strict(&encoded, "p").unwrap(), s.as_str());
    }

    #[test]
    fn s3_6_output_is_unreserved_bytes_and_uppercase_escapes(s in any::<String>()) {
        let encoded = percent_encode(&s);
        let bytes = encoded.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = &encoded[i + 1..i + 3];
                prop_assert!(hex.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)), "{}", encoded);
                i += 3;
            } else {
                prop_assert!(bytes[i].is_ascii_alphanumeric() || b"-._~".contains(&bytes[i]), "{}", encoded);
                i += 1;
            }
        }
    }

    #[test]
    fn s3_6_unreserved_characters_are_left_alone(s in "[A-Za-z0-9._~-]{0,40}") {
        prop_assert_eq!(percent_encode(&s), s);
    }

    #[test]
    fn form_decode_inverts_form_encode(pairs in pairs()) {
        let encoded = form_encode(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        prop_assert_eq!(form_decode(&encoded, "form").unwrap(), pairs);
    }

    #[test]
    fn s3_4_1_3_2_normalization_ignores_the_order_of_parameters(
        (pairs, shuffled) in pairs().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle()))
    ) {
        let normalized = |pairs: &[(String, String)]| {
            let mut list = ParameterList::with_capacity(pairs.len(), 64);
            for (n, v) in pairs {
                list.push_raw(n, v);
            }
            list.normalized()
        };
        prop_assert_eq!(normalized(&pairs), normalized(&shuffled));
    }

    #[test]
    fn s3_5_header_query_and_form_body_all_verify(
        query in request_pairs(),
        form in request_pairs(),
        method in prop::sample::select(vec![
            SignatureMethod::HmacSha1,
            SignatureMethod::HmacSha256,
            SignatureMethod::HmacSha512,
            SignatureMethod::Plaintext,
        ]),
        realm in proptest::option::of("[ -~]{0,10}"),
    ) {
        let mut builder = Signer::builder("ck", "c&s%").token("tk", "t s").signature_method(method);
        if let Some(realm) = &realm {
            builder = builder.realm(realm.as_str());
        }
        let signer = builder.build().unwrap();
        let query = form_encode(query.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let url = if query.is_empty() {
            "https://api.example.com/v1/x".to_owned()
        } else {
            format!("https://api.example.com/v1/x?{query}")
        };
        let form = form_encode(form.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        const FORM: &str = "application/x-www-form-urlencoded";
        let signed = signer.sign(&Request::new("POST", &url).with_form(&form)).unwrap();

        let mut credentials = MemoryCredentials::new();
        credentials.insert_consumer("ck", "c&s%");
        credentials.insert_token("tk", "t s", "ck");
        let verifier = Verifier::new().allow(SignatureMethod::Plaintext);
        let header = signed.authorization_header();
        let signed_url = signed.signed_url();
        let signed_form = signed.signed_form_body().unwrap();
        let forms = [
            IncomingRequest::new("POST", &url).with_authorization(&header).with_content_type(FORM).with_body(form.as_bytes()),
            IncomingRequest::new("POST", &signed_url).with_content_type(FORM).with_body(form.as_bytes()),
            IncomingRequest::new("POST", &url).with_content_type(FORM).with_body(signed_form.as_bytes()),
        ];
        for received in forms {
            let verified = verifier.verify(&received, &credentials, &MemoryNonceStore::new());
            prop_assert!(verified.is_ok(), "{:?}: {:?}", received, verified.err());
        }
    }
}
