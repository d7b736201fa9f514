#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod base_string;
mod encoding;
mod error;
mod flow;
mod method;
mod nonce;
mod profile;
pub mod provider;
mod realm;
mod secret;
mod signature;
mod signer;
mod token_passport;
mod url;
mod verify;

pub use base_string::ParameterList;
pub use encoding::{
    form_decode, form_decode_component, form_encode, is_form_content_type, percent_decode_strict,
    percent_encode, RFC5849_ENCODE_SET,
};
pub use error::{Error, ErrorKind, Result};
pub use flow::{
    authorization_url, parse_callback, parse_callback_for, parse_token_response, CallbackParams,
    TokenResponse,
};
pub use method::SignatureMethod;
pub use nonce::{unix_timestamp, NonceGenerator, DEFAULT_NONCE_ALPHABET, DEFAULT_NONCE_LENGTH};
pub use profile::{
    netsuite_host_account, netsuite_realm, profile, profiles, AccountKind, Profile, RealmRule,
    TimestampRule, Transmission,
};
pub use secret::Secret;
pub use signature::{
    body_hash, parse_rsa_public_key, sign_base_string, signing_key, verify_rsa,
    verify_shared_secret,
};
pub use signer::{
    BodyHash, Generated, Request, SignOptions, Signed, Signer, SignerBuilder,
    CORE_PROTOCOL_PARAMETERS,
};
pub use token_passport::{TokenPassport, TokenPassportSigner};
pub use url::{base_string_uri, RequestUrl};
pub use verify::www_authenticate;
pub use verify::{
    ConsumerCredentials, CredentialStore, IncomingRequest, MemoryCredentials, MemoryNonceStore,
    NonceRecord, NonceStore, ParameterLocation, Problem, ProblemCode, ReceivedUrl,
    TokenCredentials, Verified, Verifier, DEFAULT_TIMESTAMP_WINDOW,
};

/// Entry points for the fuzz targets in `fuzz/` into parsers that are
/// private to this crate. Behind the `fuzzing` feature and hidden from the
/// docs: not part of the supported API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    /// The strict `Authorization` header parser the verifier uses (VERIFY.md
    /// step 1): `Ok(None)` when the scheme is not OAuth, otherwise every
    /// parameter as sent, decoded, `(name, value)`; `Err` with the reason
    /// the header is refused.
    pub fn parse_authorization(value: &str) -> Result<Option<Vec<(String, String)>>, String> {
        crate::verify::fuzzing::parse_authorization(value)
    }
}

/// The repository README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct RepositoryReadmeDoctests;

/// The crate version, from Cargo.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
