//! Per-request sign options: timestamp, nonce, callback, verifier and
//! extra protocol parameters.

use crate::boundary::{
    arg_mut, arg_opt_str, arg_str, castable, free_handle, guard, new_handle, Failure,
};
use crate::result::oauth1_result;
use oauth1::{Generated, SignOptions};
use std::ffi::c_char;

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

impl oauth1_generated {
    /// Reads a `mode` argument and its `value` (named `name` in errors):
    /// `None` for a number that is no mode; a fixed mode needs a value.
    pub(crate) fn read<'a>(
        mode: u32,
        value: Option<&'a str>,
        name: &str,
    ) -> Option<Result<Generated<'a>, Failure>> {
        Some(match mode {
            m if m == oauth1_generated::Auto as u32 => Ok(Generated::Auto),
            m if m == oauth1_generated::Omit as u32 => Ok(Generated::Omit),
            m if m == oauth1_generated::Fixed as u32 => value
                .map(Generated::Fixed)
                .ok_or_else(|| Failure::null(name)),
            _ => return None,
        })
    }
}

/// A generated value the options own.
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

    fn read(mode: u32, value: *const c_char) -> Result<Self, Failure> {
        let value = arg_opt_str(value, "value")?;
        let generated = oauth1_generated::read(mode, value, "value").ok_or_else(|| {
            Failure::new(
                oauth1_result::InvalidParameter,
                format!("mode {mode} is not an oauth1_generated value (0 auto, 1 fixed, 2 omit)"),
            )
        })??;
        Ok(match generated {
            Generated::Auto => Value::Auto,
            Generated::Fixed(v) => Value::Fixed(v.to_owned()),
            Generated::Omit => Value::Omit,
        })
    }
}

/// What `oauth1_sign_options` holds: the core's `SignOptions`, owned.
#[derive(Debug, Default)]
pub(crate) struct OwnedSignOptions {
    timestamp: Value,
    nonce: Value,
    callback: Option<String>,
    verifier: Option<String>,
    extra: Vec<(String, String)>,
}

impl OwnedSignOptions {
    pub(crate) fn to_core(&self) -> SignOptions<'_> {
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

/// Per-request protocol parameters: timestamp, nonce, callback, verifier
/// and extra `oauth_*` parameters. Made once, it may be reused for many
/// requests. Passing NULL options to `oauth1_signer_sign()` means the
/// defaults: fresh timestamp and nonce, nothing else.
///
/// Thread safety: may be read by many threads at once (signing), but not
/// changed while any thread uses it.
pub struct oauth1_sign_options(());
castable!(oauth1_sign_options => OwnedSignOptions);

/// Runs a setter: borrows `options`, then lets `change` check its own
/// arguments and change them.
fn set(
    options: *mut oauth1_sign_options,
    change: impl FnOnce(&mut OwnedSignOptions) -> Result<(), Failure>,
) -> oauth1_result {
    guard(|| change(arg_mut(options, "options")?))
}

/// New sign options: fresh timestamp and nonce, no callback, verifier or
/// extra parameters.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_new(
    options_out: *mut *mut oauth1_sign_options,
) -> oauth1_result {
    new_handle(options_out, "options_out", || {
        Ok(OwnedSignOptions::default())
    })
}

/// Frees sign options; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_free(options: *mut oauth1_sign_options) {
    free_handle(options)
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
    set(options, |o| {
        o.timestamp = Value::read(mode, value)?;
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
    set(options, |o| {
        o.nonce = Value::read(mode, value)?;
        Ok(())
    })
}

/// Sets `oauth_callback` (request-token requests); NULL removes it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_set_callback(
    options: *mut oauth1_sign_options,
    callback: *const c_char,
) -> oauth1_result {
    set(options, |o| {
        o.callback = arg_opt_str(callback, "callback")?.map(str::to_owned);
        Ok(())
    })
}

/// Sets `oauth_verifier` (access-token requests); NULL removes it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_set_verifier(
    options: *mut oauth1_sign_options,
    verifier: *const c_char,
) -> oauth1_result {
    set(options, |o| {
        o.verifier = arg_opt_str(verifier, "verifier")?.map(str::to_owned);
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
    set(options, |o| {
        let (name, value) = (arg_str(name, "name")?, arg_str(value, "value")?);
        o.extra.push((name.to_owned(), value.to_owned()));
        Ok(())
    })
}

/// Removes every extra protocol parameter.
#[no_mangle]
pub unsafe extern "C" fn oauth1_sign_options_clear_extra_oauth_params(
    options: *mut oauth1_sign_options,
) -> oauth1_result {
    set(options, |o| {
        o.extra.clear();
        Ok(())
    })
}
