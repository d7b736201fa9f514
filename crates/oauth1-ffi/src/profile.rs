//! Provider profiles (NetSuite, WooCommerce, X, ...) for C: their fields,
//! and signers and verifiers set up for one.

use crate::boundary::{
    arg_opt_str, arg_out, arg_str, c_string, guard, into_handle, past_the_end, Failure,
};
use crate::result::oauth1_result;
use crate::sign::oauth1_signer_builder;
use crate::verify::oauth1_verifier;
use oauth1::{Profile, Signer, Verifier};
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
        let name = arg_str(profile, "profile")?;
        let key = arg_str(consumer_key, "consumer_key")?;
        let secret = arg_str(consumer_secret, "consumer_secret")?;
        let account = arg_opt_str(account, "account")?;
        crate::fork::install_fork_notices();
        let out = arg_out(builder_out, "builder_out")?;
        let mut builder = Signer::for_profile(name, key, secret)?;
        if let Some(account) = account {
            builder.set_account(account);
        }
        out.write(into_handle(builder));
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
        let name = arg_str(profile, "profile")?;
        let out = arg_out(verifier_out, "verifier_out")?;
        out.write(into_handle(Verifier::for_profile(name)?));
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
        let out = arg_out(name_out, "name_out")?;
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
        let name = arg_str(profile, "profile")?;
        let field = arg_str(field, "field")?;
        let out = arg_out(value_out, "value_out")?;
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
