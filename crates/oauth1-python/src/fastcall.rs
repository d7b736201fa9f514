//! Methods called with CPython's fastcall convention, for the hot path
//! (`Signer.sign`).
//!
//! Under the Python 3.9 stable ABI, PyO3 builds a method with keyword
//! arguments as `METH_VARARGS | METH_KEYWORDS`: each call packs the
//! positional arguments into a tuple and the keyword arguments into a dict,
//! and PyO3 then copies every keyword's name into a new `bytes` object to
//! match it (its borrowing `to_str` needs 3.10). For `Signer.sign` with
//! four options that was a quarter of a microsecond, more than a tenth of
//! the call. With `METH_FASTCALL | METH_KEYWORDS` (PEP 590) CPython passes
//! the arguments as an array and the keyword names as a tuple of the
//! caller's interned strings, matched here by pointer. The convention is
//! part of the stable ABI since 3.10 and has not changed since 3.7, so a
//! 3.9 interpreter runs it the same way (as with `PyUnicode_AsUTF8AndSize`
//! in `borrow_str`).
//!
//! This module only parses arguments; it raises the same `TypeError`s, with
//! the same messages, as PyO3's own argument parsing.

use std::ffi::{c_int, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::panic::PanicException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple};
use pyo3::PyClass;

use crate::args::borrow_str;

/// `PyCFunctionFastWithKeywords` (not declared under the 3.9 stable ABI).
pub(crate) type FastFn = unsafe extern "C" fn(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject;

/// `METH_FASTCALL` (not declared under the 3.9 stable ABI).
const METH_FASTCALL: c_int = 0x0080;

/// A method definition for [`MethodDef::install`], kept in a `static`:
/// CPython keeps a pointer to it for as long as the type lives.
pub(crate) struct MethodDef {
    name: &'static str,
    def: ffi::PyMethodDef,
}

// SAFETY: the definition is never written after it is built; its pointers
// are to `'static` data (names, doc) and a function.
unsafe impl Sync for MethodDef {}

impl MethodDef {
    /// `doc` starts with the text signature, as PyO3 writes it:
    /// `name($self, ...)\n--\n\n` and the docstring.
    pub(crate) const fn new(name: &'static CStr, doc: &'static CStr, meth: FastFn) -> Self {
        MethodDef {
            name: match name.to_str() {
                Ok(name) => name,
                Err(_) => panic!("method names are ASCII"),
            },
            def: ffi::PyMethodDef {
                ml_name: name.as_ptr(),
                ml_meth: ffi::PyMethodDefPointer {
                    // SAFETY: a function pointer stored as another function
                    // pointer type; CPython calls it with the fastcall
                    // signature, as `ml_flags` says.
                    PyCFunctionWithKeywords: unsafe {
                        std::mem::transmute::<FastFn, ffi::PyCFunctionWithKeywords>(meth)
                    },
                },
                ml_flags: METH_FASTCALL | ffi::METH_KEYWORDS,
                ml_doc: doc.as_ptr(),
            },
        }
    }

    /// Sets the method on the class `T` (a method descriptor, as a
    /// `#[pymethods]` method would be).
    pub(crate) fn install<T: PyClass>(&'static self, py: Python<'_>) -> PyResult<()> {
        let ty = py.get_type::<T>();
        // SAFETY: `ty` is a live type object; `self.def` lives for ever and
        // CPython only reads it.
        let descr = unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                ffi::PyDescr_NewMethod(ty.as_type_ptr(), std::ptr::from_ref(&self.def).cast_mut()),
            )?
        };
        ty.setattr(self.name, descr)
    }
}

/// Runs the body of a fastcall method: attached to the interpreter, an
/// error or a panic raised as a Python exception (NULL returned).
pub(crate) fn trampoline<F>(body: F) -> *mut ffi::PyObject
where
    F: for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>>,
{
    Python::attach(
        |py| match catch_unwind(AssertUnwindSafe(|| body(py).map(Bound::into_ptr))) {
            Ok(Ok(result)) => result,
            Ok(Err(err)) => {
                err.restore(py);
                std::ptr::null_mut()
            }
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic in oauth1".to_owned());
                PanicException::new_err(message).restore(py);
                std::ptr::null_mut()
            }
        },
    )
}

/// A method's parameters: `positional` positional-or-keyword ones, all
/// required, then keyword-only ones that default to `None`.
pub(crate) struct Params<const N: usize> {
    /// `Class.method()`, for the messages.
    full_name: &'static str,
    names: [&'static str; N],
    positional: usize,
    interned: PyOnceLock<[Py<PyString>; N]>,
}

impl<const N: usize> Params<N> {
    pub(crate) const fn new(
        full_name: &'static str,
        names: [&'static str; N],
        positional: usize,
    ) -> Self {
        Params {
            full_name,
            names,
            positional,
            interned: PyOnceLock::new(),
        }
    }

    /// Sorts the arguments of a call into one slot per parameter. An
    /// optional parameter passed `None` is left empty, as PyO3 does for an
    /// `Option` parameter. A missing positional argument is left empty too:
    /// the caller raises [`Params::missing_positional`].
    ///
    /// # Safety
    ///
    /// `args`, `nargs` and `kwnames` are as CPython passes them to a
    /// fastcall method: `nargs` positional arguments, then one value per
    /// name in the tuple `kwnames` (or NULL). The slots borrow them, so they
    /// must not outlive the call.
    pub(crate) unsafe fn parse<'a, 'py>(
        &self,
        py: Python<'py>,
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> PyResult<[Option<Borrowed<'a, 'py, PyAny>>; N]> {
        let mut slots: [Option<Borrowed<'a, 'py, PyAny>>; N] = [None; N];
        let nargs = usize::try_from(nargs).map_err(|_| PyValueError::new_err("negative nargs"))?;
        if nargs > self.positional {
            return Err(self.too_many_positional(nargs));
        }
        for (i, slot) in slots.iter_mut().enumerate().take(nargs) {
            // SAFETY: `args` holds `nargs` live objects (the contract).
            *slot = Some(unsafe { Borrowed::from_ptr(py, *args.add(i)) });
        }
        if !kwnames.is_null() {
            // SAFETY: CPython passes a tuple of `str`, alive for the call.
            let kwnames = unsafe { Borrowed::from_ptr(py, kwnames).cast_unchecked::<PyTuple>() };
            let interned = self.interned.get_or_init(py, || {
                self.names.map(|name| PyString::intern(py, name).unbind())
            });
            for (k, name) in kwnames.iter_borrowed().enumerate() {
                // Keyword names in calls from Python code are interned, so
                // the pointer finds them; any other string is compared.
                let index = match interned.iter().position(|p| p.as_ptr() == name.as_ptr()) {
                    Some(index) => Some(index),
                    None => self.find(&name)?,
                };
                let Some(index) = index else {
                    return Err(PyTypeError::new_err(format!(
                        "{} got an unexpected keyword argument '{}'",
                        self.full_name, *name
                    )));
                };
                if slots[index].is_some() {
                    return Err(PyTypeError::new_err(format!(
                        "{} got multiple values for argument '{}'",
                        self.full_name, self.names[index]
                    )));
                }
                // SAFETY: one value per keyword name follows the positional
                // arguments (the contract).
                slots[index] = Some(unsafe { Borrowed::from_ptr(py, *args.add(nargs + k)) });
            }
        }
        for slot in &mut slots[self.positional..] {
            if slot.as_ref().is_some_and(|value| value.is_none()) {
                *slot = None;
            }
        }
        Ok(slots)
    }

    /// The parameter a keyword name that was not interned stands for.
    #[cold]
    fn find(&self, name: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
        let Ok(text) = name.cast::<PyString>() else {
            return Ok(None);
        };
        let text = borrow_str(text, "a keyword name")?;
        Ok(self.names.iter().position(|n| *n == text))
    }

    #[cold]
    fn too_many_positional(&self, given: usize) -> PyErr {
        PyTypeError::new_err(format!(
            "{} takes {} positional arguments but {} {} given",
            self.full_name,
            self.positional,
            given,
            if given == 1 { "was" } else { "were" }
        ))
    }

    /// The error for empty positional slots.
    #[cold]
    pub(crate) fn missing_positional(&self, slots: &[Option<Borrowed<'_, '_, PyAny>>]) -> PyErr {
        let missing: Vec<&str> = (0..self.positional)
            .filter(|&i| slots[i].is_none())
            .map(|i| self.names[i])
            .collect();
        let quoted: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.as_slice() {
            [one] => one.clone(),
            [first, second] => format!("{first} and {second}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => String::new(),
        };
        PyTypeError::new_err(format!(
            "{} missing {} required positional argument{}: {list}",
            self.full_name,
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        ))
    }
}
