//! The provider's credentials: a table in memory, or C lookups.

use crate::boundary::{
    arg_opt_str, arg_ref, arg_str, castable, free_handle, get, guard, new_handle, Failure,
};
use crate::result::oauth1_result;
use crate::verify::callbacks::Lookups;
use crate::verify::{oauth1_consumer_lookup, oauth1_token_lookup};
use oauth1::{ConsumerCredentials, CredentialStore, MemoryCredentials, TokenCredentials};
use std::ffi::{c_char, c_void};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// What `oauth1_credentials` holds.
pub(crate) enum Credentials {
    Table(RwLock<MemoryCredentials>),
    Lookups(Lookups),
}

impl Credentials {
    fn table(&self) -> Result<&RwLock<MemoryCredentials>, Failure> {
        match self {
            Credentials::Table(table) => Ok(table),
            Credentials::Lookups(_) => Err(Failure::new(
                oauth1_result::InvalidParameter,
                "these credentials answer through callbacks (oauth1_credentials_new_with_callbacks) and hold no table",
            )),
        }
    }

    fn read(&self) -> Result<RwLockReadGuard<'_, MemoryCredentials>, Failure> {
        Ok(read(self.table()?))
    }

    fn write(&self) -> Result<RwLockWriteGuard<'_, MemoryCredentials>, Failure> {
        // A panic while holding the lock leaves the maps whole (one insert
        // or removal at a time), so keep going.
        Ok(self
            .table()?
            .write()
            .unwrap_or_else(PoisonError::into_inner))
    }
}

fn read(table: &RwLock<MemoryCredentials>) -> RwLockReadGuard<'_, MemoryCredentials> {
    // As for `Credentials::write`.
    table.read().unwrap_or_else(PoisonError::into_inner)
}

impl CredentialStore for Credentials {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        match self {
            Credentials::Table(table) => read(table).consumer(consumer_key),
            Credentials::Lookups(lookups) => lookups.consumer(consumer_key),
        }
    }

    fn token(&self, token: &str) -> Option<TokenCredentials> {
        match self {
            Credentials::Table(table) => read(table).token(token),
            Credentials::Lookups(lookups) => lookups.token(token),
        }
    }
}

/// The provider's credentials, where the verifier finds a consumer's
/// secret or RSA public key and a token's secret and owner. Either a table
/// in memory (`oauth1_credentials_new()`, filled with `_add_consumer` and
/// `_add_token`) or C lookups (`oauth1_credentials_new_with_callbacks()`)
/// over the provider's own store.
///
/// Thread safety: a table is thread-safe, changes included: lookups take a
/// read lock and `_add_*` / `_remove_*` a write lock, so consumers and
/// tokens may be added or removed while other threads verify (a request
/// sees the table from before or after a change, never half of one). With
/// callbacks, the callbacks run on whichever threads verify, at the same
/// time when several do, so they must be thread-safe themselves.
pub struct oauth1_credentials(());
castable!(oauth1_credentials => Credentials);

/// New, empty credentials held in memory; fill them with
/// `oauth1_credentials_add_consumer()` and `oauth1_credentials_add_token()`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_new(
    credentials_out: *mut *mut oauth1_credentials,
) -> oauth1_result {
    new_handle(credentials_out, "credentials_out", || {
        Ok(Credentials::Table(RwLock::new(MemoryCredentials::new())))
    })
}

/// New credentials answered by the provider's own lookups:
/// `consumer_lookup` (required) and `token_lookup` (NULL: no token is
/// known, for two-legged use only), each called with `userdata`. Nothing is
/// cached: each verification calls each lookup at most once, and only once
/// the request passed its format checks. An RSA public key answered in PEM
/// is parsed on every lookup; a table (`oauth1_credentials_new()`) parses
/// it once.
///
/// `userdata` is borrowed: it must stay valid until the credentials are
/// freed, and the callbacks must be safe to call from every thread that
/// verifies, at the same time.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_new_with_callbacks(
    consumer_lookup: oauth1_consumer_lookup,
    token_lookup: oauth1_token_lookup,
    userdata: *mut c_void,
    credentials_out: *mut *mut oauth1_credentials,
) -> oauth1_result {
    new_handle(credentials_out, "credentials_out", || {
        let consumer = consumer_lookup.ok_or_else(|| Failure::null("consumer_lookup"))?;
        Ok(Credentials::Lookups(Lookups::new(
            consumer,
            token_lookup,
            userdata,
        )))
    })
}

/// Frees credentials; NULL does nothing. No thread may be using them. The
/// secrets they hold are zeroed.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_free(credentials: *mut oauth1_credentials) {
    free_handle(credentials)
}

/// Adds (or replaces) a consumer: its shared secret (for HMAC-* and
/// PLAINTEXT) and/or its RSA public key as PEM (`BEGIN PUBLIC KEY` or
/// `BEGIN RSA PUBLIC KEY`, for RSA-*); one may be NULL, not both
/// (`OAUTH1_RESULT_INVALID_PARAMETER`). A PEM that cannot be parsed gives `OAUTH1_RESULT_INVALID_KEY` and changes nothing.
/// Only for credentials made by `oauth1_credentials_new()`
/// (`OAUTH1_RESULT_INVALID_PARAMETER` otherwise); safe while other threads
/// verify.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_add_consumer(
    credentials: *const oauth1_credentials,
    consumer_key: *const c_char,
    secret: *const c_char,
    rsa_public_key_pem: *const c_char,
) -> oauth1_result {
    guard(|| {
        let credentials = arg_ref(credentials, "credentials")?;
        let key = arg_str(consumer_key, "consumer_key")?;
        let secret = arg_opt_str(secret, "secret")?;
        let pem = arg_opt_str(rsa_public_key_pem, "rsa_public_key_pem")?;
        credentials.table()?;
        // Parsed outside the lock, so verifying threads are not held up.
        let consumer = ConsumerCredentials::new(secret, pem)?;
        credentials
            .write()?
            .insert_consumer_credentials(key, consumer);
        Ok(())
    })
}

/// Adds (or replaces) a token with its secret and the key of the consumer
/// it was issued to (a token presented by another consumer is refused). Only
/// for credentials made by `oauth1_credentials_new()`; safe while other
/// threads verify.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_add_token(
    credentials: *const oauth1_credentials,
    token: *const c_char,
    secret: *const c_char,
    consumer_key: *const c_char,
) -> oauth1_result {
    guard(|| {
        let credentials = arg_ref(credentials, "credentials")?;
        let (token, secret) = (arg_str(token, "token")?, arg_str(secret, "secret")?);
        let key = arg_str(consumer_key, "consumer_key")?;
        credentials.write()?.insert_token(token, secret, key);
        Ok(())
    })
}

/// Removes the entry `key` (named `key_name`) from a table with `remove`
/// (which says whether it was there); `OAUTH1_RESULT_NOT_FOUND` with
/// `missing` when it was not.
fn remove_from_table(
    credentials: *const oauth1_credentials,
    key: *const c_char,
    key_name: &str,
    remove: impl FnOnce(&mut MemoryCredentials, &str) -> bool,
    missing: &str,
) -> oauth1_result {
    guard(|| {
        let (credentials, key) = (
            arg_ref(credentials, "credentials")?,
            arg_str(key, key_name)?,
        );
        if remove(&mut *credentials.write()?, key) {
            Ok(())
        } else {
            Err(Failure::not_found(missing))
        }
    })
}

/// Removes a consumer; `OAUTH1_RESULT_NOT_FOUND` when it was not there.
/// Its tokens stay (they are refused anyway, as the consumer is unknown).
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_remove_consumer(
    credentials: *const oauth1_credentials,
    consumer_key: *const c_char,
) -> oauth1_result {
    remove_from_table(
        credentials,
        consumer_key,
        "consumer_key",
        MemoryCredentials::remove_consumer,
        "no consumer has this key",
    )
}

/// Removes a token (exchanged, revoked or expired); `OAUTH1_RESULT_NOT_FOUND`
/// when it was not there.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_remove_token(
    credentials: *const oauth1_credentials,
    token: *const c_char,
) -> oauth1_result {
    remove_from_table(
        credentials,
        token,
        "token",
        MemoryCredentials::remove_token,
        "no such token",
    )
}

/// The number of consumers in a table.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_consumer_count(
    credentials: *const oauth1_credentials,
    count_out: *mut usize,
) -> oauth1_result {
    get(credentials, "credentials", count_out, "count_out", |c| {
        Ok(c.read()?.consumer_count())
    })
}

/// The number of tokens in a table.
#[no_mangle]
pub unsafe extern "C" fn oauth1_credentials_token_count(
    credentials: *const oauth1_credentials,
    count_out: *mut usize,
) -> oauth1_result {
    get(credentials, "credentials", count_out, "count_out", |c| {
        Ok(c.read()?.token_count())
    })
}
