//! What the fuzz targets share: the provider of the conformance vectors'
//! verify.json (its consumers, tokens and clock), the RSA public key of its
//! `ck-rsa` consumer (the CLI's test fixture), and a 1024-bit RSA key pair
//! for the round trip (signing with it is four times faster than with the
//! 2048-bit fixture; its size does not change the code paths).

pub mod canonical;

use oauth1::{ConsumerCredentials, MemoryCredentials, SignatureMethod, Verifier};

/// The public key of verify.json's `ck-rsa` consumer.
pub const PROVIDER_RSA_PUBLIC_KEY_PEM: &str =
    include_str!("../../crates/oauth1-cli/tests/fixtures/rsa-consumer.pub.pem");
/// The round trip's RSA private key (PKCS#8 PEM, 1024 bits, test only).
pub const RSA_PRIVATE_KEY_PEM: &str = include_str!("../keys/rsa-1024.key.pem");
/// Its public key.
pub const RSA_PUBLIC_KEY_PEM: &str = include_str!("../keys/rsa-1024.pub.pem");

/// verify.json's `now`.
pub const NOW: u64 = 1_718_000_000;

/// The consumers and tokens of verify.json's provider.
pub fn provider_credentials() -> MemoryCredentials {
    let mut credentials = MemoryCredentials::new();
    credentials.insert_consumer("ck-main", "cs-main-8f3Kq2");
    credentials.insert_consumer("ck-other", "cs-other-5tY7wz");
    credentials.insert_consumer("ck-reserved", "s&cr=t +%/ü~");
    let rsa = ConsumerCredentials::default()
        .rsa_public_key_pem(PROVIDER_RSA_PUBLIC_KEY_PEM)
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
