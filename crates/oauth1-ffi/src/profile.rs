//! Provider profiles (NetSuite, WooCommerce, X, ...), NetSuite's SOAP
//! `TokenPassport`, and monotonic timestamps, for C.

use crate::boundary::{
    arg_mut, arg_opt_str, arg_out, arg_str, c_string, free_handle, get, guard, into_handle,
    past_the_end, Failure,
};
use crate::result::oauth1_result;
use crate::signer::{oauth1_generated, oauth1_signer_builder};
use crate::verify::oauth1_verifier;
use oauth1::{Generated, Profile, Signer, TokenPassport, TokenPassportSigner, Verifier};
use std::ffi::c_char;

fn find(name: &str) -> Result<&'static Profile, Failure> {
    Ok(oauth1::profile(name)?)
}

/// Starts a signer with a provider profile's settings (see
/// `oauth1_profile_name()` for the names): its default signature method,
/// `oauth_version`, body-hash policy, nonces and timestamp rule (NetSuite:
/// monotonic). `account` (optional, NULL for none) is the profile's account:
/// a NetSuite account id such as `1234567-sb1`, which makes the realm
/// `1234567_SB1`, or a store URL. The builder's other setters work as
/// usual; building refuses a signature method the provider does not accept,
/// and a NetSuite signer without an account or realm.
#[no_mangle]
pub unsafe extern "C" fn oauth1_signer_builder_new_for_profile(
    profile: *const c_char,
    consumer_key: *const c_char,
    consumer_secret: *const c_char,
    account: *const c_char,
    builder_out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (name, key, secret, account, out) = unsafe {
            (
                arg_str(profile, "profile")?,
                arg_str(consumer_key, "consumer_key")?,
                arg_str(consumer_secret, "consumer_secret")?,
                arg_opt_str(account, "account")?,
                arg_out(builder_out, "builder_out")?,
            )
        };
        let mut inner = Signer::for_profile(name, key, secret)?;
        if let Some(account) = account {
            inner = inner.account(account);
        }
        out.write(into_handle(oauth1_signer_builder { inner }));
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
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let builder = unsafe { arg_mut(builder, "builder")? };
        builder.inner = builder.inner.clone().monotonic_timestamps(enabled);
        Ok(())
    })
}

/// A new verifier for the requests of a profile's consumers (e.g. a
/// WooCommerce shop, an LTI 1.1 tool): exactly the profile's signature
/// methods, the default window and the system clock.
#[no_mangle]
pub unsafe extern "C" fn oauth1_verifier_new_for_profile(
    profile: *const c_char,
    verifier_out: *mut *mut oauth1_verifier,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (name, out) = unsafe {
            (
                arg_str(profile, "profile")?,
                arg_out(verifier_out, "verifier_out")?,
            )
        };
        out.write(into_handle(oauth1_verifier {
            inner: Verifier::for_profile(name)?,
        }));
        Ok(())
    })
}

/// How many provider profiles the library holds.
///
/// Thread safety: may be called from any thread.
#[no_mangle]
pub extern "C" fn oauth1_profile_count() -> usize {
    crate::boundary::guard_value(0, || oauth1::profiles().len())
}

/// The name of profile `index` (0 to `oauth1_profile_count() - 1`, sorted
/// by name), e.g. `netsuite`. `OAUTH1_RESULT_NOT_FOUND` past the end.
#[no_mangle]
pub unsafe extern "C" fn oauth1_profile_name(
    index: usize,
    name_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: the pointer is NULL or valid per the header's conventions.
        let out = unsafe { arg_out(name_out, "name_out")? };
        let all = oauth1::profiles();
        let profile = all
            .get(index)
            .ok_or_else(|| past_the_end(index, all.len(), "profiles"))?;
        out.write(c_string(profile.name(), "the profile name")?);
        Ok(())
    })
}

/// One field of a profile, as text: `display_name`, `summary`,
/// `signature_methods` (space-separated), `default_signature_method`,
/// `transmission` (header, query, form), `account` (none,
/// netsuite-account-id, store-url), `realm` (none, netsuite-account),
/// `body_hash` (off, non-form, always), `timestamp` (clock, monotonic),
/// `callback_confirmed_required` (true, false), `request_token_url`,
/// `authorize_url`, `access_token_url`, `api_base` (templates with
/// `{account}` or `{store}`), `response_fields` (space-separated),
/// `pitfalls`, `docs` (newline-separated URLs). `OAUTH1_RESULT_NOT_FOUND`
/// for an endpoint the profile has not; `OAUTH1_RESULT_INVALID_PARAMETER`
/// for an unknown profile or field.
#[no_mangle]
pub unsafe extern "C" fn oauth1_profile_get(
    profile: *const c_char,
    field: *const c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (name, field, out) = unsafe {
            (
                arg_str(profile, "profile")?,
                arg_str(field, "field")?,
                arg_out(value_out, "value_out")?,
            )
        };
        let p = find(name)?;
        let endpoint = |e: Option<&str>| {
            e.map(str::to_owned)
                .ok_or_else(|| Failure::not_found(format!("the {name} profile has no {field}")))
        };
        let value = match field {
            "display_name" => p.display_name().to_owned(),
            "summary" => p.summary().to_owned(),
            "signature_methods" => p
                .signature_methods()
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            "default_signature_method" => p.default_signature_method().as_str().to_owned(),
            "transmission" => p.transmission().as_str().to_owned(),
            "account" => p.account_kind().as_str().to_owned(),
            "realm" => p.realm_rule().as_str().to_owned(),
            "body_hash" => p.body_hash().as_str().to_owned(),
            "timestamp" => p.timestamp_rule().as_str().to_owned(),
            "callback_confirmed_required" => p.callback_confirmed_required().to_string(),
            "request_token_url" => endpoint(p.request_token_url_template())?,
            "authorize_url" => endpoint(p.authorize_url_template())?,
            "access_token_url" => endpoint(p.access_token_url_template())?,
            "api_base" => endpoint(p.api_base_template())?,
            "response_fields" => p.response_fields().join(" "),
            "pitfalls" => p.pitfalls().to_owned(),
            "docs" => p.docs().join("\n"),
            _ => {
                return Err(Failure::new(
                    oauth1_result::InvalidParameter,
                    format!("profile field {field:?} is not one of display_name, summary, signature_methods, default_signature_method, transmission, account, realm, body_hash, timestamp, callback_confirmed_required, request_token_url, authorize_url, access_token_url, api_base, response_fields, pitfalls, docs"),
                ))
            }
        };
        out.write(c_string(&value, "the profile field")?);
        Ok(())
    })
}

// ---- NetSuite SOAP TokenPassport -------------------------------------------

/// Makes NetSuite SOAP `TokenPassport` elements for one account,
/// integration and token: HMAC-SHA256 over
/// `account&consumerKey&token&nonce&timestamp` keyed with
/// `consumerSecret&tokenSecret`. Timestamps never go backwards.
///
/// Thread safety: fully thread-safe; sign from any number of threads.
pub struct oauth1_token_passport_signer {
    inner: TokenPassportSigner,
}

/// A signed `TokenPassport`: its signature, base string, fields and XML.
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_token_passport {
    inner: TokenPassport,
}

/// A `TokenPassport` signer. `account` is the NetSuite account id
/// (`1234567`, `1234567_SB1` or `1234567-sb1`; sent as `1234567_SB1`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_signer_new(
    account: *const c_char,
    consumer_key: *const c_char,
    consumer_secret: *const c_char,
    token: *const c_char,
    token_secret: *const c_char,
    signer_out: *mut *mut oauth1_token_passport_signer,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (account, ck, cs, tk, ts, out) = unsafe {
            (
                arg_str(account, "account")?,
                arg_str(consumer_key, "consumer_key")?,
                arg_str(consumer_secret, "consumer_secret")?,
                arg_str(token, "token")?,
                arg_str(token_secret, "token_secret")?,
                arg_out(signer_out, "signer_out")?,
            )
        };
        out.write(into_handle(oauth1_token_passport_signer {
            inner: TokenPassportSigner::new(account, ck, cs, tk, ts)?,
        }));
        Ok(())
    })
}

/// Frees a `TokenPassport` signer (its secrets are zeroed); NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_signer_free(
    signer: *mut oauth1_token_passport_signer,
) {
    // SAFETY: NULL or a signer from this library, not yet freed, unused.
    unsafe { free_handle(signer) }
}

fn generated<'a>(mode: u32, value: Option<&'a str>, name: &str) -> Result<Generated<'a>, Failure> {
    match (mode, value) {
        (m, _) if m == oauth1_generated::Auto as u32 => Ok(Generated::Auto),
        (m, Some(v)) if m == oauth1_generated::Fixed as u32 => Ok(Generated::Fixed(v)),
        (m, None) if m == oauth1_generated::Fixed as u32 => Err(Failure::null(name)),
        _ => Err(Failure::new(
            oauth1_result::InvalidParameter,
            format!("{name} mode {mode} is not OAUTH1_GENERATED_AUTO (0) or OAUTH1_GENERATED_FIXED (1); a TokenPassport always has both"),
        )),
    }
}

/// Signs a `TokenPassport`. `timestamp_mode` and `nonce_mode` are
/// `OAUTH1_GENERATED_AUTO` (the clock, a fresh 20-character nonce; the value
/// may be NULL) or `OAUTH1_GENERATED_FIXED` (the value as given: Unix
/// seconds, 6-64 letters and digits). A fixed timestamp earlier than the
/// signer's last one is refused (`OAUTH1_RESULT_INVALID_PARAMETER`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_signer_sign(
    signer: *const oauth1_token_passport_signer,
    timestamp_mode: u32,
    timestamp: *const c_char,
    nonce_mode: u32,
    nonce: *const c_char,
    passport_out: *mut *mut oauth1_token_passport,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (signer, timestamp, nonce, out) = unsafe {
            (
                crate::boundary::arg_ref(signer, "signer")?,
                arg_opt_str(timestamp, "timestamp")?,
                arg_opt_str(nonce, "nonce")?,
                arg_out(passport_out, "passport_out")?,
            )
        };
        let timestamp = generated(timestamp_mode, timestamp, "timestamp")?;
        let nonce = generated(nonce_mode, nonce, "nonce")?;
        out.write(into_handle(oauth1_token_passport {
            inner: signer.inner.sign(timestamp, nonce)?,
        }));
        Ok(())
    })
}

/// Frees a `TokenPassport`; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_free(passport: *mut oauth1_token_passport) {
    // SAFETY: NULL or a passport from this library, not yet freed, unused.
    unsafe { free_handle(passport) }
}

/// The base64 signature.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_signature(
    passport: *const oauth1_token_passport,
    signature_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(passport, "passport", signature_out, "signature_out", |p| {
            c_string(p.inner.signature(), "the signature")
        })
    }
}

/// The signed base string, `account&consumerKey&token&nonce&timestamp`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_base_string(
    passport: *const oauth1_token_passport,
    base_string_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(
            passport,
            "passport",
            base_string_out,
            "base_string_out",
            |p| c_string(p.inner.base_string(), "the base string"),
        )
    }
}

/// The `timestamp` sent (Unix seconds, as text).
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_timestamp(
    passport: *const oauth1_token_passport,
    timestamp_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(passport, "passport", timestamp_out, "timestamp_out", |p| {
            c_string(p.inner.timestamp(), "the timestamp")
        })
    }
}

/// The `nonce` sent.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_nonce(
    passport: *const oauth1_token_passport,
    nonce_out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: forwarded contract.
    unsafe {
        get(passport, "passport", nonce_out, "nonce_out", |p| {
            c_string(p.inner.nonce(), "the nonce")
        })
    }
}

/// The `<tokenPassport>` element for the SOAP header. `xml_namespace`
/// (optional, NULL for none) is declared as its default namespace, e.g.
/// `urn:messages_2024_2.platform.webservices.netsuite.com`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_token_passport_xml(
    passport: *const oauth1_token_passport,
    xml_namespace: *const c_char,
    xml_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        // SAFETY: pointers are NULL or valid per the header's conventions.
        let (passport, namespace, out) = unsafe {
            (
                crate::boundary::arg_ref(passport, "passport")?,
                arg_opt_str(xml_namespace, "xml_namespace")?,
                arg_out(xml_out, "xml_out")?,
            )
        };
        out.write(c_string(&passport.inner.to_xml(namespace), "the XML")?);
        Ok(())
    })
}
