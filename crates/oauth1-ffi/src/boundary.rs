//! The boundary every exported function goes through: the panic boundary,
//! the thread's last error, the handles' types and ownership, argument
//! checks (NULL, UTF-8, lengths) and outputs.
//!
//! The unsafe code of the crate that touches C's pointers sits here. The
//! helpers below take the raw pointer arguments of exported functions and
//! are safe to call *from an exported function's body, with its own
//! arguments*: the header's contract (its preamble) makes every such pointer
//! NULL or valid for the duration of the call, and each helper checks NULL
//! and every length before it dereferences. They must not be given pointers
//! from anywhere else.

use crate::result::oauth1_result;
use std::any::Any;
use std::borrow::Cow;
use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::fmt::Display;
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

    pub(crate) fn null(name: impl Display) -> Self {
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

// ---- handles ---------------------------------------------------------------

/// The Rust value behind a handle is owned by C: made by a constructor
/// (`Box`), freed once by the type's `_free`.
pub(crate) struct OwnershipBox;

/// The Rust value behind a handle is lent to C for one callback; C never
/// frees it, and the pointer is dead once the callback returns.
pub(crate) struct OwnershipRef;

/// Ties an opaque C type (`oauth1_signer`) to the Rust value its pointers
/// point at (`oauth1::Signer`) and to who owns that value. The C type
/// itself (`pub struct oauth1_signer(())`, opaque to cbindgen) is never
/// made: a pointer to it is a pointer to `RustType`. Implemented with
/// [`castable!`].
pub(crate) trait Castable {
    /// What a pointer to the C type points at.
    type RustType;
    /// [`OwnershipBox`] or [`OwnershipRef`].
    type Ownership;
}

/// Ties an opaque C type to its Rust value: `castable!(oauth1_signer =>
/// Signer)` for a handle C owns (made by a constructor, freed by its
/// `_free`), `castable!(oauth1_token_answer => Option<TokenCredentials>,
/// lent)` for a value lent to C during a callback.
macro_rules! castable {
    ($c:ident => $rust:ty) => {
        impl $crate::boundary::Castable for $c {
            type RustType = $rust;
            type Ownership = $crate::boundary::OwnershipBox;
        }
    };
    ($c:ident => $rust:ty, lent) => {
        impl $crate::boundary::Castable for $c {
            type RustType = $rust;
            type Ownership = $crate::boundary::OwnershipRef;
        }
    };
}
pub(crate) use castable;

/// Hands a new value to C as a handle, which C frees with the type's `_free`.
pub(crate) fn into_handle<C: Castable<Ownership = OwnershipBox>>(value: C::RustType) -> *mut C {
    Box::into_raw(Box::new(value)).cast()
}

/// Frees a handle made by [`into_handle`], inside a panic boundary: the body
/// of every `_free`. NULL does nothing.
pub(crate) fn free_handle<C: Castable<Ownership = OwnershipBox>>(handle: *mut C) {
    guard_value((), || {
        if !handle.is_null() {
            // SAFETY: the header's contract for `_free`: NULL or a handle of
            // this type from this library, not yet freed and unused, so it
            // came from `Box::into_raw` of a `C::RustType` in `into_handle`.
            drop(unsafe { Box::from_raw(handle.cast::<C::RustType>()) });
        }
    })
}

/// Lends a value to C for the duration of a callback.
pub(crate) fn lend<C: Castable<Ownership = OwnershipRef>>(value: &mut C::RustType) -> *mut C {
    (value as *mut C::RustType).cast()
}

/// Borrows a required handle.
pub(crate) fn arg_ref<'a, C: Castable>(
    handle: *const C,
    name: &str,
) -> Result<&'a C::RustType, Failure> {
    arg_opt_ref(handle).ok_or_else(|| Failure::null(name))
}

/// Borrows an optional handle: NULL is `None`.
pub(crate) fn arg_opt_ref<'a, C: Castable>(handle: *const C) -> Option<&'a C::RustType> {
    // SAFETY: the module's contract: NULL or a live handle of this type (a
    // `C::RustType`, see `Castable`) that no thread changes or frees during
    // the call.
    unsafe { handle.cast::<C::RustType>().as_ref() }
}

/// Borrows a required handle to change it.
pub(crate) fn arg_mut<'a, C: Castable>(
    handle: *mut C,
    name: &str,
) -> Result<&'a mut C::RustType, Failure> {
    // SAFETY: as for `arg_ref`, and the header gives the caller exclusive use
    // of a handle it changes (each type's thread-safety note).
    unsafe { handle.cast::<C::RustType>().as_mut() }.ok_or_else(|| Failure::null(name))
}

// ---- arguments -------------------------------------------------------------

/// Borrows a required string argument. `name` names it in the error (e.g.
/// `url`, or `format_args!("headers[{i}].name")`, made only on a refusal).
pub(crate) fn arg_str<'a>(ptr: *const c_char, name: impl Display) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: the module's contract: not NULL, so a NUL-terminated string
    // that stays valid and unchanged for the call.
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

/// Borrows an optional string argument: NULL is `None`.
pub(crate) fn arg_opt_str<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        Ok(None)
    } else {
        arg_str(ptr, name).map(Some)
    }
}

/// Borrows a byte buffer given as pointer and length: NULL with length 0
/// is `None` (no buffer); NULL with any other length is refused.
pub(crate) fn arg_bytes<'a>(
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
    // SAFETY: the module's contract: not NULL, so `len` readable bytes that
    // stay unchanged for the call; the length fits a slice.
    Ok(Some(unsafe { std::slice::from_raw_parts(ptr, len) }))
}

/// Borrows an array given as pointer and count: NULL with count 0 is the
/// empty array; NULL with any other count is refused.
pub(crate) fn arg_slice<'a, T>(
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
    // SAFETY: the module's contract: not NULL, so `count` initialised
    // elements that stay unchanged for the call; the size fits a slice.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// Borrows an array of strings given as pointer and count (each element
/// checked as `names[i]`), e.g. signature method names.
pub(crate) fn arg_strs<'a>(
    ptr: *const *const c_char,
    count: usize,
    name: &'a str,
) -> Result<impl Iterator<Item = Result<&'a str, Failure>> + 'a, Failure> {
    let items = arg_slice(ptr, count, name)?;
    Ok(items
        .iter()
        .enumerate()
        .map(move |(i, &item)| arg_str(item, format_args!("{name}[{i}]"))))
}

/// One received HTTP header, for `oauth1_verifier_verify_headers()`,
/// `oauth1_received_url()` and the provider's endpoints: both strings
/// NUL-terminated UTF-8, borrowed for the call. Names are matched
/// case-insensitively.
#[repr(C)]
pub struct oauth1_header {
    /// The header's name, e.g. `Authorization`.
    pub name: *const c_char,
    /// The header's value.
    pub value: *const c_char,
}

/// An array of received headers, borrowed for the call; [`Headers::iter`]
/// checks each name and value (`headers[i].name`) as it goes.
#[derive(Clone, Copy)]
pub(crate) struct Headers<'a>(&'a [oauth1_header]);

impl<'a> Headers<'a> {
    pub(crate) fn iter(self) -> impl Iterator<Item = Result<(&'a str, &'a str), Failure>> {
        self.0.iter().enumerate().map(|(i, header)| {
            Ok((
                arg_str(header.name, format_args!("headers[{i}].name"))?,
                arg_str(header.value, format_args!("headers[{i}].value"))?,
            ))
        })
    }
}

/// Borrows an array of headers given as `headers` and `headers_count`.
pub(crate) fn arg_headers<'a>(
    headers: *const oauth1_header,
    count: usize,
) -> Result<Headers<'a>, Failure> {
    arg_slice(headers, count, "headers").map(Headers)
}

/// Borrows a writable byte buffer given as pointer and length; NULL or 0
/// is the empty buffer.
pub(crate) fn arg_buf<'a>(ptr: *mut c_char, len: usize) -> &'a mut [u8] {
    // No buffer can be larger than isize::MAX bytes (a slice's limit).
    let len = len.min(isize::MAX as usize);
    if ptr.is_null() || len == 0 {
        return &mut [];
    }
    // SAFETY: the module's contract: not NULL, so `len` writable bytes that
    // nothing else uses during the call.
    unsafe { std::slice::from_raw_parts_mut(ptr.cast::<u8>(), len) }
}

// ---- outputs ---------------------------------------------------------------

/// A required output slot: it may hold garbage, and is written (never read)
/// only on success.
pub(crate) type Out<'a, T> = &'a mut MaybeUninit<T>;

/// Borrows a required output slot.
pub(crate) fn arg_out<'a, T>(ptr: *mut T, name: &str) -> Result<Out<'a, T>, Failure> {
    arg_opt_out(ptr).ok_or_else(|| Failure::null(name))
}

/// Borrows an optional output slot: NULL is `None` (the caller does not
/// want that output).
pub(crate) fn arg_opt_out<'a, T>(ptr: *mut T) -> Option<Out<'a, T>> {
    // SAFETY: the module's contract: NULL or writable, aligned memory for a
    // `T`; `MaybeUninit` because it need not be initialised.
    unsafe { ptr.cast::<MaybeUninit<T>>().as_mut() }
}

/// Runs a constructor whose only pointer argument is its output: checks
/// `out`, then makes the value and hands it to C as a handle.
pub(crate) fn new_handle<C: Castable<Ownership = OwnershipBox>>(
    out: *mut *mut C,
    out_name: &str,
    make: impl FnOnce() -> Result<C::RustType, Failure>,
) -> oauth1_result {
    guard(|| {
        let out = arg_out(out, out_name)?;
        out.write(into_handle(make()?));
        Ok(())
    })
}

/// Runs a getter of a handle with one output: borrows `handle`, checks
/// `out`, and writes what `get` answers (nothing on a failure). A string
/// getter answers with [`c_string`].
pub(crate) fn get<C: Castable, O>(
    handle: *const C,
    handle_name: &str,
    out: *mut O,
    out_name: &str,
    get: impl FnOnce(&C::RustType) -> Result<O, Failure>,
) -> oauth1_result {
    guard(|| {
        let (handle, out) = (arg_ref(handle, handle_name)?, arg_out(out, out_name)?);
        out.write(get(handle)?);
        Ok(())
    })
}

/// Runs a getter of a handle's name/value pair at an index: borrows
/// `handle`, checks `name_out` and `value_out`, and copies out the pair
/// `get` answers (both strings or neither; `what` names them in errors).
pub(crate) fn get_pair<C: Castable>(
    handle: *const C,
    handle_name: &str,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
    what: &str,
    get: impl for<'a> FnOnce(&'a C::RustType) -> Result<(Cow<'a, str>, Cow<'a, str>), Failure>,
) -> oauth1_result {
    guard(|| {
        let handle = arg_ref(handle, handle_name)?;
        let (name_out, value_out) = (
            arg_out(name_out, "name_out")?,
            arg_out(value_out, "value_out")?,
        );
        let (name, value) = get(handle)?;
        write_pair(name_out, value_out, &name, &value, what)
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
/// Called with `oauth1_string_free()`'s argument, or a string [`c_string`]
/// just made.
pub(crate) fn free_c_string(ptr: *mut c_char) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: the contract of `oauth1_string_free()`: a NUL-terminated string
    // malloc'd by `c_string`, not yet freed. It may hold a secret, so it is
    // zeroed before it goes back to the allocator.
    unsafe {
        let len = libc::strlen(ptr);
        std::slice::from_raw_parts_mut(ptr.cast::<u8>(), len).zeroize();
        libc::free(ptr.cast());
    }
}

/// Copies a string out to `*out`; for getters returning one string.
pub(crate) fn write_string(out: Out<'_, *mut c_char>, value: &str, what: &str) -> Outcome {
    out.write(c_string(value, what)?);
    Ok(())
}

/// Copies two strings out (e.g. a name and its value); either both or
/// neither are written.
pub(crate) fn write_pair(
    first_out: Out<'_, *mut c_char>,
    second_out: Out<'_, *mut c_char>,
    first: &str,
    second: &str,
    what: &str,
) -> Outcome {
    let first = c_string(first, what)?;
    match c_string(second, what) {
        Ok(second) => {
            first_out.write(first);
            second_out.write(second);
            Ok(())
        }
        Err(e) => {
            free_c_string(first);
            Err(e)
        }
    }
}
