//! Signer builder, signer, per-request sign options, and signing.

use crate::boundary::{
    arg_bytes, arg_mut, arg_opt_str, arg_out, arg_ref, arg_str, c_string, free_handle, get, guard,
    into_handle, new_handle, Failure,
};
use crate::result::oauth1_result;
use crate::signed::oauth1_signed;
use oauth1::{Generated, Request, SignOptions, SignatureMethod, Signed, Signer, SignerBuilder};
use std::ffi::c_char;

/// Collects a signer's settings; `oauth1_signer_builder_build()` makes the
/// signer. Defaults: HMAC-SHA1, no token, no realm, `oauth_version=1.0`
/// sent, no body hash, nonces of 32 letters and digits.
///
/// Thread safety: not thread-safe; use one builder from one thread at a time
/// (it may move between threads).
pub struct oauth1_signer_builder {
    pub(crate) inner: SignerBuilder,
}

impl oauth1_signer_builder {
    fn update(&mut self, change: impl FnOnce(SignerBuilder) -> SignerBuilder) {
        self.inner = change(self.inner.clone());
    }
}

/// Signs requests with one set of credentials. Immutable once built: the
/// key state is prepared once, and secrets are zeroed when it is freed.
///
/// Thread safety: fully thread-safe. One signer may sign from any number of
/// threads at once; free it once no thread uses it any more.
pub struct oauth1_signer {
    inner: Signer,
}

/// How a generated protocol value (`oauth_timestamp`, `oauth_nonce`) is
/// made; pass one of these as the `mode` of `oauth1_sign_options_set_timestamp()`
/// and `oauth1_sign_options_set_nonce()`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum oauth1_generated {
    /// Made fresh for each request: the clock, the operating system's CSPRNG (default).
    Auto = 0,
    /// Fixed by the caller (tests, replays): `value` is used as given.
    Fixed = 1,
    /// Not sent (PLAINTEXT allows that).
    Omit = 2,
}

#[derive(Clone, Debug, Default)]
enum Value {
    #[default]
    Auto,
    Fixed(String),
    Omit,
}

impl Value {
    fn generated(&self) -> Generated<'_> {
        match self {
            Value::Auto => Generated::Auto,
            Value::Fixed(v) => Generated::Fixed(v),
            Value::Omit => Generated::Omit,
        }
    }

    fn from_mode(mode: u32, value: Option<&str>, name: &str) -> Result<Self, Failure> {
        match (mode, value) {
            (m, _) if m == oauth1_generated::Auto as u32 => Ok(Value::Auto),
            (m, _) if m == oauth1_generated::Omit as u32 => Ok(Value::Omit),
            (m, Some(v)) if m == oauth1_generated::Fixed as u32 => Ok(Value::Fixed(v.to_owned())),
            (m, None) if m == oauth1_generated::Fixed as u32 => Err(Failure::null(name)),
            _ => Err(Failure::new(
                oauth1_result::InvalidParameter,
                format!("mode {mode} is not an oauth1_generated value (0 auto, 1 fixed, 2 omit)"),
            )),
        }
    }
}

/// Per-request protocol parameters: timestamp, nonce, callback, verifier
/// and extra `oauth_*` parameters. Made once, it may be reused for many
/// requests. Passing NULL options to `oauth1_signer_sign()` means the
/// defaults: fresh timestamp and nonce, nothing else.
///
/// Thread safety: may be read by many threads at once (signing), but not
/// changed while any thread uses it.
#[derive(Debug, Default)]
pub struct oauth1_sign_options {
    timestamp: Value,
    nonce: Value,
    callback: Option<String>,
    verifier: Option<String>,
    extra: Vec<(String, String)>,
}

impl oauth1_sign_options {
    fn to_core(&self) -> SignOptions<'_> {
        SignOptions {
            timestamp: self.timestamp.generated(),
            nonce: self.nonce.generated(),
            callback: self.callback.as_deref(),
            verifier: self.verifier.as_deref(),
            extra_oauth_params: self
                .extra
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect(),
        }
    }
}

// ---- builder ---------------------------------------------------------------

/// Starts a signer for the consumer's (client's) credentials.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_new(
    consumer_key: *const c_char,
    consumer_secret: *const c_char,
    builder_out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (key, secret, out) = unsafe {
            (
                arg_str(consumer_key, "consumer_key")?,
                arg_str(consumer_secret, "consumer_secret")?,
                arg_out(builder_out, "builder_out")?,
            )
        };
        out.write(into_handle(oauth1_signer_builder {
            inner: Signer::builder(key, secret),
        }));
        Ok(())
    })
}

/// Frees a builder; NULL does nothing. Signers built from it live on.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_free(builder: *mut oauth1_signer_builder) {
    // SAFETY: NULL or a builder from this library, not yet freed.
    unsafe { free_handle(builder) }
}

/// Sets the token (request or access token) and its secret. An empty token
/// is sent and signed as `oauth_token=`, which some providers need.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_token(
    builder: *mut oauth1_signer_builder,
    token: *const c_char,
    token_secret: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (builder, token, secret) = unsafe {
            (
                arg_mut(builder, "builder")?,
                arg_str(token, "token")?,
                arg_str(token_secret, "token_secret")?,
            )
        };
        builder.update(|b| b.token(token, secret));
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
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (builder, name) = unsafe { (arg_mut(builder, "builder")?, arg_str(name, "name")?) };
        let method: SignatureMethod = name.parse()?;
        builder.update(|b| b.signature_method(method));
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
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (builder, realm) = unsafe { (arg_mut(builder, "builder")?, arg_str(realm, "realm")?) };
        builder.update(|b| b.realm(realm));
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
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (builder, pem) = unsafe { (arg_mut(builder, "builder")?, arg_str(pem, "pem")?) };
        builder.update(|b| b.rsa_private_key_pem(pem));
        Ok(())
    })
}

/// Whether `oauth_version=1.0` is sent (default true).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_set_include_version(
    builder: *mut oauth1_signer_builder,
    include: bool,
) -> oauth1_result {
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let builder = unsafe { arg_mut(builder, "builder")? };
        builder.update(|b| b.include_version(include));
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
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let builder = unsafe { arg_mut(builder, "builder")? };
        builder.update(|b| b.body_hash(enabled));
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
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (builder, policy) =
            unsafe { (arg_mut(builder, "builder")?, arg_str(policy, "policy")?) };
        let policy = oauth1::BodyHash::from_name(policy)?;
        builder.update(|b| b.body_hash(policy));
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
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (builder, alphabet) = unsafe {
            (
                arg_mut(builder, "builder")?,
                arg_opt_str(alphabet, "alphabet")?,
            )
        };
        let alphabet = alphabet.unwrap_or(oauth1::DEFAULT_NONCE_ALPHABET);
        builder.update(|b| b.nonce(length, alphabet));
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
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (builder, out) = unsafe {
            (
                arg_ref(builder, "builder")?,
                arg_out(signer_out, "signer_out")?,
            )
        };
        let signer = builder.inner.clone().build()?;
        out.write(into_handle(oauth1_signer { inner: signer }));
        Ok(())
    })
}

// ---- signer ----------------------------------------------------------------

/// Frees a signer; NULL does nothing. No thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_free(signer: *mut oauth1_signer) {
    // SAFETY: NULL or a signer from this library, not yet freed, unused.
    unsafe { free_handle(signer) }
}

/// A new builder holding this signer's settings, to change some of them.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_to_builder(
    signer: *const oauth1_signer,
    builder_out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (signer, out) = unsafe {
            (
                arg_ref(signer, "signer")?,
                arg_out(builder_out, "builder_out")?,
            )
        };
        out.write(into_handle(oauth1_signer_builder {
            inner: signer.inner.to_builder(),
        }));
        Ok(())
    })
}

/// A new signer with the same consumer and settings and another token (e.g.
/// the access token after the token exchange). `signer` is unchanged.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_with_token(
    signer: *const oauth1_signer,
    token: *const c_char,
    token_secret: *const c_char,
    signer_out: *mut *mut oauth1_signer,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (signer, token, secret, out) = unsafe {
            (
                arg_ref(signer, "signer")?,
                arg_str(token, "token")?,
                arg_str(token_secret, "token_secret")?,
                arg_out(signer_out, "signer_out")?,
            )
        };
        let signer = signer.inner.with_token(token, secret)?;
        out.write(into_handle(oauth1_signer { inner: signer }));
        Ok(())
    })
}

/// The consumer key, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_consumer_key(
    signer: *const oauth1_signer,
    key_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(signer, "signer", key_out, "key_out", |s| {
            c_string(s.inner.consumer_key(), "the consumer key")
        })
    }
}

/// The token, as a new string; `OAUTH1_RESULT_NOT_FOUND` when the signer has none.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_token(
    signer: *const oauth1_signer,
    token_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(signer, "signer", token_out, "token_out", |s| {
            let token = s
                .inner
                .token()
                .ok_or_else(|| Failure::not_found("the signer has no token"))?;
            c_string(token, "the token")
        })
    }
}

/// The signature method's name (e.g. `HMAC-SHA256`), as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_signature_method(
    signer: *const oauth1_signer,
    name_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(signer, "signer", name_out, "name_out", |s| {
            c_string(s.inner.signature_method().as_str(), "the method")
        })
    }
}

/// The realm, as a new string; `OAUTH1_RESULT_NOT_FOUND` when the signer has none.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_realm(
    signer: *const oauth1_signer,
    realm_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(signer, "signer", realm_out, "realm_out", |s| {
            let realm = s
                .inner
                .realm()
                .ok_or_else(|| Failure::not_found("the signer has no realm"))?;
            c_string(realm, "the realm")
        })
    }
}

/// Runs a signing call: checks `signer`, then the call's own arguments
/// (`args`), then `signed_out`, and hands what `sign` makes to C.
///
/// # Safety
/// Pointers are NULL or valid per the header's conventions.
unsafe fn sign_into<A>(
    signer: *const oauth1_signer,
    args: impl FnOnce() -> Result<A, Failure>,
    signed_out: *mut *mut oauth1_signed,
    sign: impl FnOnce(&Signer, A) -> Result<Signed, oauth1::Error>,
) -> oauth1_result {
    guard(|| {
        // SAFETY: forwarded contract.
        let signer = unsafe { arg_ref(signer, "signer")? };
        let args = args()?;
        // SAFETY: forwarded contract.
        let out = unsafe { arg_out(signed_out, "signed_out")? };
        let signed = sign(&signer.inner, args)?;
        out.write(into_handle(oauth1_signed::new(signed)));
        Ok(())
    })
}

/// Signs a request. `method` is the HTTP method and `url` the absolute URL,
/// query included. The body goes in as bytes: `body` NULL with `body_len` 0
/// means no body; a non-NULL `body` with `body_len` 0 is an empty body. Only
/// a body whose `content_type` (NULL for none) is
/// `application/x-www-form-urlencoded` is signed as parameters (it must then
/// be UTF-8); any other body is only hashed when the body hash is on.
/// `options` may be NULL: fresh timestamp and nonce, nothing else.
/// The result holds every transmission form and the explanation.
///
/// Thread safety: any number of threads may sign with one signer at once.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_sign(
    signer: *const oauth1_signer,
    method: *const c_char,
    url: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    options: *const oauth1_sign_options,
    signed_out: *mut *mut oauth1_signed,
) -> oauth1_result {
    // SAFETY: pointers are NULL or valid per the header's conventions.
    let args = || unsafe {
        Ok((
            arg_str(method, "method")?,
            arg_str(url, "url")?,
            arg_bytes(body, body_len, "body")?,
            arg_opt_str(content_type, "content_type")?,
            options.as_ref(),
        ))
    };
    // SAFETY: as above.
    unsafe {
        sign_into(
            signer,
            args,
            signed_out,
            |signer, (method, url, body, content_type, options)| {
                let request = Request {
                    method,
                    url,
                    body,
                    content_type,
                };
                match options {
                    Some(options) => signer.sign_with(&request, &options.to_core()),
                    None => signer.sign(&request),
                }
            },
        )
    }
}

/// Signs the temporary-credentials (request-token) request: `POST url` with
/// `oauth_callback` (`oob` when `callback` is NULL).
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_request_token_request(
    signer: *const oauth1_signer,
    url: *const c_char,
    callback: *const c_char,
    signed_out: *mut *mut oauth1_signed,
) -> oauth1_result {
    // SAFETY: pointers are NULL or valid per the header's conventions.
    let args = || unsafe { Ok((arg_str(url, "url")?, arg_opt_str(callback, "callback")?)) };
    // SAFETY: as above.
    unsafe {
        sign_into(signer, args, signed_out, |signer, (url, callback)| {
            signer.request_token_request(url, callback)
        })
    }
}

/// Signs the token-credentials (access-token) request: `POST url` with
/// `oauth_verifier`. The signer must hold the request token and its secret
/// (`oauth1_signer_with_token()`), else `OAUTH1_RESULT_INVALID_PARAMETER`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_access_token_request(
    signer: *const oauth1_signer,
    url: *const c_char,
    verifier: *const c_char,
    signed_out: *mut *mut oauth1_signed,
) -> oauth1_result {
    // SAFETY: pointers are NULL or valid per the header's conventions.
    let args = || unsafe { Ok((arg_str(url, "url")?, arg_str(verifier, "verifier")?)) };
    // SAFETY: as above.
    unsafe {
        sign_into(signer, args, signed_out, |signer, (url, verifier)| {
            signer.access_token_request(url, verifier)
        })
    }
}

// ---- sign options ----------------------------------------------------------

/// New sign options: fresh timestamp and nonce, no callback, verifier or
/// extra parameters.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_new(
    options_out: *mut *mut oauth1_sign_options,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        new_handle(options_out, "options_out", || {
            Ok(oauth1_sign_options::default())
        })
    }
}

/// Frees sign options; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_free(options: *mut oauth1_sign_options) {
    // SAFETY: NULL or options from this library, not yet freed, unused.
    unsafe { free_handle(options) }
}

/// How `oauth_timestamp` is made: `mode` is an `oauth1_generated` value;
/// `value` (the Unix time as text) is required for `OAUTH1_GENERATED_FIXED`
/// and ignored otherwise.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_set_timestamp(
    options: *mut oauth1_sign_options,
    mode: u32,
    value: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (options, value) =
            unsafe { (arg_mut(options, "options")?, arg_opt_str(value, "value")?) };
        options.timestamp = Value::from_mode(mode, value, "value")?;
        Ok(())
    })
}

/// How `oauth_nonce` is made: `mode` is an `oauth1_generated` value;
/// `value` is required for `OAUTH1_GENERATED_FIXED` and ignored otherwise.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_set_nonce(
    options: *mut oauth1_sign_options,
    mode: u32,
    value: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (options, value) =
            unsafe { (arg_mut(options, "options")?, arg_opt_str(value, "value")?) };
        options.nonce = Value::from_mode(mode, value, "value")?;
        Ok(())
    })
}

/// Sets `oauth_callback` (request-token requests); NULL removes it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_set_callback(
    options: *mut oauth1_sign_options,
    callback: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (options, callback) = unsafe {
            (
                arg_mut(options, "options")?,
                arg_opt_str(callback, "callback")?,
            )
        };
        options.callback = callback.map(str::to_owned);
        Ok(())
    })
}

/// Sets `oauth_verifier` (access-token requests); NULL removes it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_set_verifier(
    options: *mut oauth1_sign_options,
    verifier: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (options, verifier) = unsafe {
            (
                arg_mut(options, "options")?,
                arg_opt_str(verifier, "verifier")?,
            )
        };
        options.verifier = verifier.map(str::to_owned);
        Ok(())
    })
}

/// Adds a further protocol parameter (e.g. `oauth_session_handle`), raw
/// value, encoded by the signer. The name must start with `oauth_` and not
/// be one the signer sets itself; that is checked when signing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_add_extra_oauth_param(
    options: *mut oauth1_sign_options,
    name: *const c_char,
    value: *const c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (options, name, value) = unsafe {
            (
                arg_mut(options, "options")?,
                arg_str(name, "name")?,
                arg_str(value, "value")?,
            )
        };
        options.extra.push((name.to_owned(), value.to_owned()));
        Ok(())
    })
}

/// Removes every extra protocol parameter.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_clear_extra_oauth_params(
    options: *mut oauth1_sign_options,
) -> oauth1_result {
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let options = unsafe { arg_mut(options, "options")? };
        options.extra.clear();
        Ok(())
    })
}
