//! What the fuzz targets share: the provider of the conformance vectors'
//! verify.json (its consumers, tokens and clock) and the RSA key pair of
//! the CLI's test fixtures.

pub mod canonical;

use oauth1::{ConsumerCredentials, MemoryCredentials, SignatureMethod, Verifier};

/// The RSA consumer's private key (PKCS#8 PEM), for RSA-SHA* signing.
pub const RSA_PRIVATE_KEY_PEM: &str =
    include_str!("../../crates/oauth1-cli/tests/fixtures/rsa-consumer.key.pem");
/// Its public key: the `ck-rsa` consumer of verify.json.
pub const RSA_PUBLIC_KEY_PEM: &str =
    include_str!("../../crates/oauth1-cli/tests/fixtures/rsa-consumer.pub.pem");

/// verify.json's `now`.
pub const NOW: u64 = 1_718_000_000;

/// The consumers and tokens of verify.json's provider.
pub fn provider_credentials() -> MemoryCredentials {
    let mut credentials = MemoryCredentials::new();
    credentials.insert_consumer("ck-main", "cs-main-8f3Kq2");
    credentials.insert_consumer("ck-other", "cs-other-5tY7wz");
    credentials.insert_consumer("ck-reserved", "s&cr=t +%/ü~");
    let rsa = ConsumerCredentials::default()
        .rsa_public_key_pem(RSA_PUBLIC_KEY_PEM)
        .expect("the fixture's RSA public key parses");
    credentials.insert_consumer_credentials("ck-rsa", rsa);
    credentials.insert_token("tok-main", "ts-main-Zp40vX", "ck-main");
    credentials.insert_token("tok-other", "ts-other-Lm39aQ", "ck-other");
    credentials.insert_token("tok-rsa", "ts-rsa-unused-by-rsa", "ck-rsa");
    credentials.insert_token("tok-reserved", "t&k=n +%/é", "ck-reserved");
    credentials
}

/// verify.json's verifier: every method, PLAINTEXT included, its clock and window.
pub fn provider_verifier() -> Verifier {
    Verifier::new()
        .signature_methods(SignatureMethod::ALL)
        .clock(NOW)
        .timestamp_window(300)
}
