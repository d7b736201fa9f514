//! The boundary every exported function goes through: the panic boundary,
//! the thread's last error, argument checks (NULL, UTF-8) and outputs.
//!
//! The unsafe code of the crate sits here, in small helpers whose contract is
//! the header's: a pointer argument is NULL or valid for the call.

use crate::result::oauth1_result;
use std::any::Any;
use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::mem::MaybeUninit;
use std::panic::{catch_unwind, AssertUnwindSafe};
use zeroize::Zeroize;

/// Why a call failed: its result code and the detailed message.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) code: oauth1_result,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(code: oauth1_result, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn null(name: &str) -> Self {
        Failure::new(oauth1_result::NullParameter, format!("{name} is NULL"))
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        Failure::new(oauth1_result::NotFound, what)
    }
}

impl From<oauth1::Error> for Failure {
    fn from(e: oauth1::Error) -> Self {
        Failure::new(oauth1_result::from_kind(e.kind()), e.to_string())
    }
}

pub(crate) type Outcome = Result<(), Failure>;

thread_local! {
    /// The detailed message of this thread's last failed call. Thread-local,
    /// so threads never see each other's errors.
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

fn set_last_error(message: &str) {
    // try_with: during thread teardown the slot may be gone; then the
    // message is dropped rather than panicking.
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            slot.clear();
            slot.push_str(message);
        }
    });
}

fn clear_last_error() {
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            if !slot.is_empty() {
                slot.clear();
            }
        }
    });
}

/// Copies this thread's last error message into `buf` (see `oauth1_last_error_message`).
pub(crate) fn copy_last_error(buf: &mut [u8]) -> usize {
    LAST_ERROR
        .try_with(|slot| {
            let Ok(message) = slot.try_borrow() else {
                return 0;
            };
            if let Some(room) = buf.len().checked_sub(1) {
                // Cut at a character boundary so the copy stays UTF-8.
                let mut n = message.len().min(room);
                while !message.is_char_boundary(n) {
                    n -= 1;
                }
                buf[..n].copy_from_slice(&message.as_bytes()[..n]);
                buf[n] = 0;
            }
            message.len()
        })
        .unwrap_or(0)
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// Runs the body of a fallible exported function: clears the thread's last
/// error, catches any panic, and records the detailed message of a failure.
pub(crate) fn guard(body: impl FnOnce() -> Outcome) -> oauth1_result {
    clear_last_error();
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        Err(Failure::new(
            oauth1_result::Panic,
            format!(
                "liboauth1 panicked: {}; this is a bug, please report it",
                panic_message(payload.as_ref())
            ),
        ))
    });
    match outcome {
        Ok(()) => {
            // A call that runs C callbacks may have had nested calls fail
            // (e.g. a lookup's answer refused); its own success wins.
            clear_last_error();
            oauth1_result::Ok
        }
        Err(failure) => {
            set_last_error(&failure.message);
            failure.code
        }
    }
}

/// Runs the body of an infallible exported function (free, getters of
/// static data) inside a panic boundary, returning `fallback` on a panic.
pub(crate) fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Borrows a required string argument.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and
/// unchanged for `'a`.
pub(crate) unsafe fn arg_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: not NULL, and the caller's contract makes it a C string.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            oauth1_result::InvalidUtf8,
            format!(
                "{name} is not valid UTF-8 (bad byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// Borrows a required string argument whose name is only made when the
/// argument is refused (e.g. `headers[3].value`), so checking it costs no
/// allocation.
///
/// # Safety
/// As for [`arg_str`].
pub(crate) unsafe fn arg_str_named<'a>(
    ptr: *const c_char,
    name: impl FnOnce() -> String,
) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::null(&name()));
    }
    // SAFETY: not NULL, and the caller's contract makes it a C string.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            oauth1_result::InvalidUtf8,
            format!(
                "{} is not valid UTF-8 (bad byte at offset {})",
                name(),
                e.valid_up_to()
            ),
        )
    })
}

/// Borrows an optional string argument: NULL is `None`.
///
/// # Safety
/// As for [`arg_str`].
pub(crate) unsafe fn arg_opt_str<'a>(
    ptr: *const c_char,
    name: &str,
) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded contract.
        unsafe { arg_str(ptr, name) }.map(Some)
    }
}

/// Borrows a byte buffer given as pointer and length: NULL with length 0
/// is `None` (no buffer); NULL with any other length is refused.
///
/// # Safety
/// `ptr` is NULL or points to `len` readable bytes that stay valid and
/// unchanged for `'a`.
pub(crate) unsafe fn arg_bytes<'a>(
    ptr: *const u8,
    len: usize,
    name: &str,
) -> Result<Option<&'a [u8]>, Failure> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(None)
        } else {
            Err(Failure::new(
                oauth1_result::NullParameter,
                format!("{name} is NULL but {name}_len is {len}"),
            ))
        };
    }
    if isize::try_from(len).is_err() {
        return Err(Failure::new(
            oauth1_result::InvalidParameter,
            format!("{name}_len {len} is larger than any buffer can be"),
        ));
    }
    // SAFETY: not NULL, length within isize, and the caller's contract makes
    // it `len` readable bytes.
    Ok(Some(unsafe { std::slice::from_raw_parts(ptr, len) }))
}

/// Borrows an array given as pointer and count: NULL with count 0 is the
/// empty array; NULL with any other count is refused.
///
/// # Safety
/// `ptr` is NULL or points to `count` initialised `T`s that stay valid and
/// unchanged for `'a`.
pub(crate) unsafe fn arg_slice<'a, T>(
    ptr: *const T,
    count: usize,
    name: &str,
) -> Result<&'a [T], Failure> {
    if ptr.is_null() {
        return if count == 0 {
            Ok(&[])
        } else {
            Err(Failure::new(
                oauth1_result::NullParameter,
                format!("{name} is NULL but {name}_count is {count}"),
            ))
        };
    }
    let fits = count
        .checked_mul(std::mem::size_of::<T>())
        .is_some_and(|bytes| isize::try_from(bytes).is_ok());
    if !fits {
        return Err(Failure::new(
            oauth1_result::InvalidParameter,
            format!("{name}_count {count} is larger than any array can be"),
        ));
    }
    // SAFETY: not NULL, size within isize, and the caller's contract makes
    // it `count` initialised elements.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// Borrows a required handle.
///
/// # Safety
/// `ptr` is NULL or points to a live `T` made by this library, not freed
/// while the call runs, and not mutated by another thread meanwhile.
pub(crate) unsafe fn arg_ref<'a, T>(ptr: *const T, name: &str) -> Result<&'a T, Failure> {
    // SAFETY: the caller's contract; NULL becomes None.
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(name))
}

/// Borrows a required handle mutably.
///
/// # Safety
/// As for [`arg_ref`], and no other thread uses the handle meanwhile.
pub(crate) unsafe fn arg_mut<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: the caller's contract; NULL becomes None.
    unsafe { ptr.as_mut() }.ok_or_else(|| Failure::null(name))
}

/// Borrows a required output slot; it may hold garbage, and is only written
/// (never read) on success.
///
/// # Safety
/// `ptr` is NULL or points to writable, suitably aligned memory for a `T`.
pub(crate) unsafe fn arg_out<'a, T>(
    ptr: *mut T,
    name: &str,
) -> Result<&'a mut MaybeUninit<T>, Failure> {
    // SAFETY: the caller's contract; MaybeUninit because the slot need not
    // be initialised.
    unsafe { ptr.cast::<MaybeUninit<T>>().as_mut() }.ok_or_else(|| Failure::null(name))
}

/// Borrows an optional output slot: NULL is `None` (the caller does not
/// want that output).
///
/// # Safety
/// As for [`arg_out`].
pub(crate) unsafe fn arg_opt_out<'a, T>(ptr: *mut T) -> Option<&'a mut MaybeUninit<T>> {
    // SAFETY: the caller's contract; MaybeUninit because the slot need not
    // be initialised.
    unsafe { ptr.cast::<MaybeUninit<T>>().as_mut() }
}

/// Moves a value to the heap and hands it to C as an opaque handle.
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Frees a handle made by [`into_handle`] inside a panic boundary: the body
/// of every `_free`. NULL does nothing.
///
/// # Safety
/// `ptr` is NULL or a handle from [`into_handle`] of the same type, not yet
/// freed, and not in use by another thread.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    guard_value((), || {
        if !ptr.is_null() {
            // SAFETY: the caller's contract: it came from Box::into_raw.
            drop(unsafe { Box::from_raw(ptr) });
        }
    })
}

/// Runs a constructor whose only pointer argument is its output: checks
/// `out`, then makes the value and hands it to C as a handle.
///
/// # Safety
/// `out` is NULL or valid per the header's conventions.
pub(crate) unsafe fn new_handle<T>(
    out: *mut *mut T,
    out_name: &str,
    make: impl FnOnce() -> Result<T, Failure>,
) -> oauth1_result {
    guard(|| {
        // SAFETY: forwarded contract.
        let out = unsafe { arg_out(out, out_name)? };
        out.write(into_handle(make()?));
        Ok(())
    })
}

/// Runs a getter of a handle with one output: borrows `handle`, checks
/// `out`, and writes what `get` answers (nothing on a failure). A string
/// getter answers with [`c_string`].
///
/// # Safety
/// Pointers are NULL or valid per the header's conventions.
pub(crate) unsafe fn get<T, O>(
    handle: *const T,
    handle_name: &str,
    out: *mut O,
    out_name: &str,
    get: impl FnOnce(&T) -> Result<O, Failure>,
) -> oauth1_result {
    guard(|| {
        // SAFETY: forwarded contract.
        let (handle, out) = unsafe { (arg_ref(handle, handle_name)?, arg_out(out, out_name)?) };
        out.write(get(handle)?);
        Ok(())
    })
}

/// Runs a getter of a handle's name/value pair at an index: borrows
/// `handle`, checks `name_out` and `value_out`, and copies out the pair
/// `get` answers (both strings or neither; `what` names them in errors).
///
/// # Safety
/// Pointers are NULL or valid per the header's conventions.
pub(crate) unsafe fn get_pair<T>(
    handle: *const T,
    handle_name: &str,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
    what: &str,
    get: impl for<'a> FnOnce(&'a T) -> Result<(&'a str, &'a str), Failure>,
) -> oauth1_result {
    guard(|| {
        // SAFETY: forwarded contract.
        let (handle, name_out, value_out) = unsafe {
            (
                arg_ref(handle, handle_name)?,
                arg_out(name_out, "name_out")?,
                arg_out(value_out, "value_out")?,
            )
        };
        let (name, value) = get(handle)?;
        let (name, value) = c_string_pair(name, value, what)?;
        name_out.write(name);
        value_out.write(value);
        Ok(())
    })
}

/// The failure of an index getter asked for an index not below the count,
/// e.g. `index 5 is past the 3 other fields`.
pub(crate) fn past_the_end(index: usize, count: usize, items: &str) -> Failure {
    Failure::not_found(format!("index {index} is past the {count} {items}"))
}

/// Copies a string to a new C string (malloc'd, freed by `oauth1_string_free`).
pub(crate) fn c_string(value: &str, what: &str) -> Result<*mut c_char, Failure> {
    let bytes = value.as_bytes();
    // SAFETY: memchr reads exactly `bytes` (libc's is vectorised; this scan
    // runs on every returned string, the header included).
    let nul = unsafe { libc::memchr(bytes.as_ptr().cast(), 0, bytes.len()) };
    if !nul.is_null() {
        let at = nul as usize - bytes.as_ptr() as usize;
        return Err(Failure::new(
            oauth1_result::InteriorNul,
            format!(
                "{what} holds a NUL byte at offset {at}, so it cannot be returned as a C string"
            ),
        ));
    }
    // SAFETY: plain malloc of len + 1 bytes; checked for NULL below.
    let ptr = unsafe { libc::malloc(bytes.len() + 1) }.cast::<u8>();
    if ptr.is_null() {
        std::alloc::handle_alloc_error(
            std::alloc::Layout::array::<u8>(bytes.len() + 1)
                .unwrap_or(std::alloc::Layout::new::<u8>()),
        );
    }
    // SAFETY: `ptr` holds len + 1 bytes and does not overlap `bytes`.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, bytes.len());
        *ptr.add(bytes.len()) = 0;
    }
    Ok(ptr.cast())
}

/// Zeroes and frees a string made by [`c_string`]; NULL does nothing.
///
/// # Safety
/// `ptr` is NULL or a string from [`c_string`], not yet freed.
pub(crate) unsafe fn free_c_string(ptr: *mut c_char) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: a NUL-terminated malloc'd string (the caller's contract); it may
    // hold a secret, so it is zeroed before it goes back to the allocator.
    unsafe {
        let len = libc::strlen(ptr);
        std::slice::from_raw_parts_mut(ptr.cast::<u8>(), len).zeroize();
        libc::free(ptr.cast());
    }
}

/// Copies a string out to `*out`; for getters returning one string.
pub(crate) fn write_string(out: &mut MaybeUninit<*mut c_char>, value: &str, what: &str) -> Outcome {
    out.write(c_string(value, what)?);
    Ok(())
}

/// Copies two strings out (e.g. a name and its value); either both or
/// neither are made.
pub(crate) fn c_string_pair(
    first: &str,
    second: &str,
    what: &str,
) -> Result<(*mut c_char, *mut c_char), Failure> {
    let first = c_string(first, what)?;
    match c_string(second, what) {
        Ok(second) => Ok((first, second)),
        Err(e) => {
            // SAFETY: `first` was just made by c_string and is not shared.
            unsafe { free_c_string(first) };
            Err(e)
        }
    }
}
