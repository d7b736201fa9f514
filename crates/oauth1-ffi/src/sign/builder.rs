//! The signer builder: a signer's settings, collected before it is built.

use crate::boundary::{
    arg_mut, arg_opt_str, arg_out, arg_ref, arg_str, castable, free_handle, guard, into_handle,
    Outcome,
};
use crate::result::oauth1_result;
use crate::sign::oauth1_signer;
use oauth1::{BodyHash, SignatureMethod, Signer, SignerBuilder};
use std::ffi::c_char;

/// Collects a signer's settings; `oauth1_signer_builder_build()` makes the
/// signer. Defaults: HMAC-SHA1, no token, no realm, `oauth_version=1.0`
/// sent, no body hash, nonces of 32 letters and digits.
///
/// Thread safety: not thread-safe; use one builder from one thread at a time
/// (it may move between threads).
pub struct oauth1_signer_builder(());
castable!(oauth1_signer_builder => SignerBuilder);

/// Runs a setter: borrows `builder`, then lets `change` check the setter's
/// own arguments and change it (a refused argument changes nothing).
fn set(
    builder: *mut oauth1_signer_builder,
    change: impl FnOnce(&mut SignerBuilder) -> Outcome,
) -> oauth1_result {
    guard(|| change(arg_mut(builder, "builder")?))
}

/// Starts a signer for the consumer's (client's) credentials.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_new(
    consumer_key: *const c_char,
    consumer_secret: *const c_char,
    builder_out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    guard(|| {
        let key = arg_str(consumer_key, "consumer_key")?;
        let secret = arg_str(consumer_secret, "consumer_secret")?;
        crate::fork::install_fork_notices();
        let out = arg_out(builder_out, "builder_out")?;
        out.write(into_handle(Signer::builder(key, secret)));
        Ok(())
    })
}

/// Frees a builder; NULL does nothing. Signers built from it live on.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_free(builder: *mut oauth1_signer_builder) {
    free_handle(builder)
}

/// Sets the token (request or access token) and its secret. An empty token
/// is sent and signed as `oauth_token=`, which some providers need.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_token(
    builder: *mut oauth1_signer_builder,
    token: *const c_char,
    token_secret: *const c_char,
) -> oauth1_result {
    set(builder, |b| {
        b.set_token(
            arg_str(token, "token")?,
            arg_str(token_secret, "token_secret")?,
        );
        Ok(())
    })
}

/// Sets the signature method by its exact, case-sensitive name:
/// `HMAC-SHA1` (default), `HMAC-SHA256`, `HMAC-SHA512`, `PLAINTEXT`,
/// `RSA-SHA1`, `RSA-SHA256` or `RSA-SHA512`. Any other name gives
/// `OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_signature_method(
    builder: *mut oauth1_signer_builder,
    name: *const c_char,
) -> oauth1_result {
    set(builder, |b| {
        let method: SignatureMethod = arg_str(name, "name")?.parse()?;
        b.set_signature_method(method);
        Ok(())
    })
}

/// Sets the `realm` header attribute (e.g. a NetSuite account id such as
/// `1234567_SB1`); it is never signed. Checked when the signer is built.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_realm(
    builder: *mut oauth1_signer_builder,
    realm: *const c_char,
) -> oauth1_result {
    set(builder, |b| {
        b.set_realm(arg_str(realm, "realm")?);
        Ok(())
    })
}

/// Sets the RSA private key (PKCS#8 or PKCS#1 PEM) for the RSA methods.
/// Parsed when the signer is built (`OAUTH1_RESULT_INVALID_KEY`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_rsa_private_key_pem(
    builder: *mut oauth1_signer_builder,
    pem: *const c_char,
) -> oauth1_result {
    set(builder, |b| {
        b.set_rsa_private_key_pem(arg_str(pem, "pem")?);
        Ok(())
    })
}

/// Whether `oauth_version=1.0` is sent (default true).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_include_version(
    builder: *mut oauth1_signer_builder,
    include: bool,
) -> oauth1_result {
    set(builder, |b| {
        b.set_include_version(include);
        Ok(())
    })
}

/// Whether `oauth_body_hash` (base64 SHA-1 of the body) is sent: `true` is
/// the policy `"always"`, `false` (the default) is `"off"`; see
/// `oauth1_signer_builder_set_body_hash_policy`. Signing a form-encoded body
/// with it on is refused.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_body_hash(
    builder: *mut oauth1_signer_builder,
    enabled: bool,
) -> oauth1_result {
    set(builder, |b| {
        b.set_body_hash(enabled);
        Ok(())
    })
}

/// Sets when `oauth_body_hash` is sent, by the policy's name, the same on
/// every surface of liboauth1:
/// - `"off"` (the default): never;
/// - `"non-form"`: on a request whose body is neither empty nor
///   `application/x-www-form-urlencoded` (JSON, XML, ...);
/// - `"always"`: on every request (no body: the hash of the empty body); a
///   form-encoded body is then refused when signing.
///
/// `OAUTH1_RESULT_INVALID_PARAMETER` for any other name.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_body_hash_policy(
    builder: *mut oauth1_signer_builder,
    policy: *const c_char,
) -> oauth1_result {
    set(builder, |b| {
        b.set_body_hash(BodyHash::from_name(arg_str(policy, "policy")?)?);
        Ok(())
    })
}

/// Sets the nonce length (1-256) and alphabet (2 or more distinct printable
/// ASCII characters; NULL keeps the default letters and digits), for
/// providers that limit nonces. Checked when the signer is built.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_nonce(
    builder: *mut oauth1_signer_builder,
    length: usize,
    alphabet: *const c_char,
) -> oauth1_result {
    set(builder, |b| {
        let alphabet = arg_opt_str(alphabet, "alphabet")?;
        let alphabet = alphabet.unwrap_or(oauth1::DEFAULT_NONCE_ALPHABET);
        // A refusal is reported by build, as this function promises.
        b.set_nonce_reported_at_build(length, alphabet);
        Ok(())
    })
}

/// Timestamps that never go backwards (NetSuite's rule): each signer built
/// sends the clock's time or, if the clock went back, its last timestamp,
/// and refuses a fixed timestamp earlier than its last one. On for the
/// `netsuite` profile, off otherwise.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_monotonic_timestamps(
    builder: *mut oauth1_signer_builder,
    enabled: bool,
) -> oauth1_result {
    set(builder, |b| {
        b.set_monotonic_timestamps(enabled);
        Ok(())
    })
}

/// Builds a signer from the builder's settings: checks the options, parses
/// any RSA key and prepares the signing key. The builder is left unchanged
/// and may build again (each signer is independent) or be freed.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_build(
    builder: *const oauth1_signer_builder,
    signer_out: *mut *mut oauth1_signer,
) -> oauth1_result {
    guard(|| {
        let builder = arg_ref(builder, "builder")?;
        let out = arg_out(signer_out, "signer_out")?;
        out.write(into_handle(builder.build_signer()?));
        Ok(())
    })
}
