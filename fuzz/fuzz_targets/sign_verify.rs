//! The structured round trip: an arbitrary request (any method, URL, query,
//! form or other body, realm, every signature method and body-hash policy,
//! sent in the header, the query or the form body) is either refused by
//! the signer with an `Error`, or the verifier accepts what it produced,
//! with the signer's normalized parameters being what the request carries,
//! and the same protocol parameters; and any single-byte change to a part
//! the signature covers is refused.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oauth1::{
    BodyHash, ConsumerCredentials, Generated, IncomingRequest, MemoryCredentials, MemoryNonceStore,
    Request, SignOptions, SignatureMethod, Signer, Verifier,
};
use oauth1_fuzz::canonical::{Canonical, Wire};
use oauth1_fuzz::{RSA_PRIVATE_KEY_PEM, RSA_PUBLIC_KEY_PEM};

#[derive(Arbitrary, Debug)]
enum Method<'a> {
    Get,
    Post,
    Put,
    Other(&'a str),
}

#[derive(Arbitrary, Debug)]
enum Url<'a> {
    Parts {
        https: bool,
        host: &'a str,
        port: Option<u16>,
        path: &'a str,
        query: Option<&'a str>,
        fragment: Option<&'a str>,
    },
    Raw(&'a str),
}

#[derive(Arbitrary, Debug)]
enum Body<'a> {
    None,
    Form(&'a str),
    Other(&'a [u8], &'a str),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Header,
    Query,
    Form,
}

#[derive(Arbitrary, Debug)]
enum Value<'a> {
    Auto,
    Fixed(&'a str),
    Omit,
}

impl<'a> Value<'a> {
    fn generated(&self) -> Generated<'a> {
        match *self {
            Value::Auto => Generated::Auto,
            Value::Fixed(v) => Generated::Fixed(v),
            Value::Omit => Generated::Omit,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    method: Method<'a>,
    url: Url<'a>,
    body: Body<'a>,
    place: Place,
    consumer_key: &'a str,
    consumer_secret: &'a str,
    token: Option<(&'a str, &'a str)>,
    signature_method: u8,
    realm: Option<&'a str>,
    include_version: bool,
    body_hash: u8,
    timestamp: Value<'a>,
    nonce: Value<'a>,
    callback: Option<&'a str>,
    verifier: Option<&'a str>,
    extra: Vec<(&'a str, &'a str)>,
    /// Which part, byte and bits the single-byte change hits.
    change: (u8, u16, u8),
}

fn url_text(url: &Url<'_>) -> String {
    match url {
        Url::Raw(raw) => raw.to_string(),
        Url::Parts {
            https,
            host,
            port,
            path,
            query,
            fragment,
        } => {
            let mut out = String::from(if *https { "https://" } else { "http://" });
            out.push_str(host);
            if let Some(port) = port {
                out.push_str(&format!(":{port}"));
            }
            if !path.starts_with('/') {
                out.push('/');
            }
            out.push_str(path);
            if let Some(query) = query {
                out.push('?');
                out.push_str(query);
            }
            if let Some(fragment) = fragment {
                out.push('#');
                out.push_str(fragment);
            }
            out
        }
    }
}

fn verify(
    wire: &Wire,
    credentials: &MemoryCredentials,
    now: u64,
) -> Result<oauth1::Verified, oauth1::Problem> {
    let mut request = IncomingRequest::new(&wire.method, &wire.url);
    if let Some(auth) = &wire.authorization {
        request = request.with_authorization(auth);
    }
    if let Some(body) = &wire.body {
        request = request.with_body(body);
    }
    if let Some(content_type) = &wire.content_type {
        request = request.with_content_type(content_type);
    }
    let verifier = Verifier::new()
        .signature_methods(SignatureMethod::ALL)
        .clock(now)
        .timestamp_window(300);
    verifier.verify(&request, credentials, &MemoryNonceStore::new())
}

fuzz_target!(|input: Input<'_>| {
    let method = match input.method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Other(m) => m,
    };
    let url = url_text(&input.url);
    let signature_method =
        SignatureMethod::ALL[usize::from(input.signature_method) % SignatureMethod::ALL.len()];
    let mut builder = Signer::builder(input.consumer_key, input.consumer_secret)
        .signature_method(signature_method)
        .include_version(input.include_version)
        .body_hash(BodyHash::ALL[usize::from(input.body_hash) % 3])
        .rsa_private_key_pem(RSA_PRIVATE_KEY_PEM);
    if let Some((token, secret)) = input.token {
        builder = builder.token(token, secret);
    }
    if let Some(realm) = input.realm {
        builder = builder.realm(realm);
    }
    let Ok(signer) = builder.build() else {
        return;
    };
    let (body, content_type) = match input.body {
        Body::None => (None, None),
        Body::Form(form) => (
            Some(form.as_bytes()),
            Some("application/x-www-form-urlencoded"),
        ),
        Body::Other(bytes, content_type) => (Some(bytes), Some(content_type)),
    };
    let request = Request {
        method,
        url: &url,
        body,
        content_type,
    };
    let options = SignOptions {
        timestamp: input.timestamp.generated(),
        nonce: input.nonce.generated(),
        callback: input.callback,
        verifier: input.verifier,
        extra_oauth_params: input.extra.clone(),
    };
    let Ok(signed) = signer.sign_with(&request, &options) else {
        return;
    };

    // What goes on the wire, in the chosen place.
    let mut wire = Wire {
        method: method.to_owned(),
        url: url.clone(),
        authorization: None,
        body: body.map(<[u8]>::to_vec),
        content_type: content_type.map(str::to_owned),
    };
    match input.place {
        Place::Header => wire.authorization = Some(signed.authorization_header()),
        Place::Query => wire.url = signed.signed_url(),
        Place::Form => {
            let Ok(form) = signed.signed_form_body() else {
                return;
            };
            wire.body = Some(form.into_bytes());
            wire.content_type = Some("application/x-www-form-urlencoded".to_owned());
        }
    }

    let mut credentials = MemoryCredentials::new();
    let consumer = ConsumerCredentials::with_secret(input.consumer_secret)
        .rsa_public_key_pem(RSA_PUBLIC_KEY_PEM)
        .expect("the fixture's public key parses");
    credentials.insert_consumer_credentials(input.consumer_key, consumer);
    if let Some((token, secret)) = input.token.filter(|(t, _)| !t.is_empty()) {
        credentials.insert_token(token, secret, input.consumer_key);
    }
    let sent = signed.oauth_parameters();
    let now = sent
        .iter()
        .find(|(n, _)| n == "oauth_timestamp")
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .unwrap_or(oauth1_fuzz::NOW);

    let canonical = Canonical::of(&wire).expect("what the signer sends parses");
    assert_eq!(
        canonical.normalized(),
        signed.normalized_parameters(),
        "the request carries other parameters than the signer signed: {wire:?}"
    );
    let verified = match verify(&wire, &credentials, now) {
        Ok(verified) => verified,
        Err(problem) => panic!(
            "the verifier refused what the signer produced: {} {}; {wire:?}",
            problem.code().as_str(),
            problem.message()
        ),
    };
    let mut expected: Vec<(String, String)> = sent
        .into_iter()
        .filter(|(n, _)| n != "oauth_signature")
        .collect();
    let mut got: Vec<(String, String)> = verified
        .oauth_parameters()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert_eq!(verified.signature_method(), signature_method);

    // PLAINTEXT signs nothing of the request: its signature is the secrets.
    if signature_method == SignatureMethod::Plaintext {
        return;
    }
    let (part, position, bits) = input.change;
    let Some(changed) = changed_byte(&wire, part, position, bits.max(1)) else {
        return;
    };
    if verify(&changed, &credentials, now).is_ok() {
        assert_eq!(
            Canonical::of(&changed).as_ref(),
            Some(&canonical),
            "a changed request was accepted: {changed:?}"
        );
    }
});

/// The request with one byte of its method, URL, Authorization header or
/// body changed (`None` when that part is absent or empty, or the change
/// leaves a text part that is not UTF-8).
fn changed_byte(wire: &Wire, part: u8, position: u16, bits: u8) -> Option<Wire> {
    fn flip(bytes: &mut [u8], position: u16, bits: u8) -> Option<()> {
        let len = bytes.len();
        let at = usize::from(position).checked_rem(len)?;
        bytes[at] ^= bits;
        Some(())
    }
    fn flip_text(text: &str, position: u16, bits: u8) -> Option<String> {
        let mut bytes = text.as_bytes().to_vec();
        flip(&mut bytes, position, bits)?;
        String::from_utf8(bytes).ok()
    }
    let mut changed = wire.clone();
    match part % 4 {
        0 => changed.method = flip_text(&wire.method, position, bits)?,
        1 => changed.url = flip_text(&wire.url, position, bits)?,
        2 => {
            changed.authorization = Some(flip_text(wire.authorization.as_deref()?, position, bits)?)
        }
        _ => flip(changed.body.as_mut()?, position, bits)?,
    }
    Some(changed)
}
