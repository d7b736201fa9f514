//! Replay protection: the in-memory nonce store, or a C callback.

use crate::boundary::{
    arg_out, arg_ref, arg_str, castable, free_handle, get, guard, new_handle, Failure,
};
use crate::result::oauth1_result;
use crate::verify::callbacks::NonceCallback;
use crate::verify::oauth1_nonce_check_and_record;
use oauth1::{MemoryNonceStore, NonceRecord, NonceStore};
use std::ffi::{c_char, c_void};

/// What `oauth1_nonce_store` holds.
pub(crate) enum Nonces {
    Memory(MemoryNonceStore),
    Callback(NonceCallback),
}

impl NonceStore for Nonces {
    fn check_and_record(&self, record: &NonceRecord<'_>, now: u64, window: u64) -> bool {
        match self {
            Nonces::Memory(store) => store.check_and_record(record, now, window),
            Nonces::Callback(callback) => callback.check_and_record(record, now, window),
        }
    }
}

impl Nonces {
    fn memory(&self) -> Result<&MemoryNonceStore, Failure> {
        match self {
            Nonces::Memory(store) => Ok(store),
            Nonces::Callback(_) => Err(Failure::new(
                oauth1_result::InvalidParameter,
                "this nonce store is a callback (oauth1_nonce_store_new_with_callback); only the in-memory store can answer this",
            )),
        }
    }
}

/// Replay protection: where the verifier checks and records each accepted
/// request's `(consumer key, token, timestamp, nonce)`. Either the
/// in-memory store (`oauth1_nonce_store_new()`: one process; it forgets a
/// record once its timestamp has left the window, so it holds at most one
/// window's worth of requests) or a C callback
/// (`oauth1_nonce_store_new_with_callback()`) over a shared store such as
/// Redis or SQL. The verifier records only requests that passed every
/// other check, so forged requests burn no nonces.
///
/// Thread safety: the in-memory store is thread-safe and its check and
/// record is one atomic step, so of several threads verifying the same
/// request at once exactly one succeeds. A callback must give the same
/// guarantee (a `SET NX`, a unique index).
pub struct oauth1_nonce_store(());
castable!(oauth1_nonce_store => Nonces);

/// A new, empty in-memory nonce store (see `oauth1_nonce_store`).
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_new(
    store_out: *mut *mut oauth1_nonce_store,
) -> oauth1_result {
    new_handle(store_out, "store_out", || {
        Ok(Nonces::Memory(MemoryNonceStore::new()))
    })
}

/// A nonce store answered by `check_and_record` (required), called with
/// `userdata`. `userdata` is borrowed: it must stay valid until the store is
/// freed, and the callback must be atomic and safe to call from every
/// thread that verifies, at the same time.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_new_with_callback(
    check_and_record: oauth1_nonce_check_and_record,
    userdata: *mut c_void,
    store_out: *mut *mut oauth1_nonce_store,
) -> oauth1_result {
    new_handle(store_out, "store_out", || {
        let check_and_record = check_and_record.ok_or_else(|| Failure::null("check_and_record"))?;
        Ok(Nonces::Callback(NonceCallback::new(
            check_and_record,
            userdata,
        )))
    })
}

/// Frees a nonce store; NULL does nothing. No thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_free(store: *mut oauth1_nonce_store) {
    free_handle(store)
}

/// Reads the record arguments of a nonce store function.
fn arg_record<'a>(
    consumer_key: *const c_char,
    token: *const c_char,
    timestamp: u64,
    nonce: *const c_char,
) -> Result<NonceRecord<'a>, Failure> {
    Ok(NonceRecord {
        consumer_key: arg_str(consumer_key, "consumer_key")?,
        token: arg_str(token, "token")?,
        timestamp,
        nonce: arg_str(nonce, "nonce")?,
    })
}

/// Checks and records `(consumer_key, token, timestamp, nonce)` as the
/// verifier does (`token` `""` for none; `now` and `window` in seconds):
/// `*fresh_out` is true when it was new and is now recorded, false when it
/// was already there. For seeding a store (e.g. with nonces seen before a
/// restart) and for tests; a callback store calls its callback.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_check_and_record(
    store: *const oauth1_nonce_store,
    consumer_key: *const c_char,
    token: *const c_char,
    timestamp: u64,
    nonce: *const c_char,
    now: u64,
    window: u64,
    fresh_out: *mut bool,
) -> oauth1_result {
    guard(|| {
        let store = arg_ref(store, "store")?;
        let record = arg_record(consumer_key, token, timestamp, nonce)?;
        arg_out(fresh_out, "fresh_out")?.write(store.check_and_record(&record, now, window));
        Ok(())
    })
}

/// Whether the in-memory store holds `(consumer_key, token, timestamp,
/// nonce)`; `OAUTH1_RESULT_INVALID_PARAMETER` for a callback store.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_contains(
    store: *const oauth1_nonce_store,
    consumer_key: *const c_char,
    token: *const c_char,
    timestamp: u64,
    nonce: *const c_char,
    contains_out: *mut bool,
) -> oauth1_result {
    guard(|| {
        let store = arg_ref(store, "store")?;
        let record = arg_record(consumer_key, token, timestamp, nonce)?;
        let out = arg_out(contains_out, "contains_out")?;
        out.write(store.memory()?.contains(&record));
        Ok(())
    })
}

/// The number of records the in-memory store holds;
/// `OAUTH1_RESULT_INVALID_PARAMETER` for a callback store.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_len(
    store: *const oauth1_nonce_store,
    len_out: *mut usize,
) -> oauth1_result {
    get(store, "store", len_out, "len_out", |s| {
        Ok(s.memory()?.len())
    })
}

/// Drops every record of the in-memory store whose timestamp has left the
/// window at `now` (each check does that too);
/// `OAUTH1_RESULT_INVALID_PARAMETER` for a callback store.
#[no_mangle]
pub unsafe extern "C" fn oauth1_nonce_store_forget_expired(
    store: *const oauth1_nonce_store,
    now: u64,
    window: u64,
) -> oauth1_result {
    guard(|| {
        arg_ref(store, "store")?
            .memory()?
            .forget_expired(now, window);
        Ok(())
    })
}
