//! The buffers a verification writes and then throws away, kept per thread
//! so that a warm thread verifies without allocating them (the signer
//! keeps its parameter list the same way).

use crate::base_string::ParameterList;
use std::cell::Cell;

/// The signed parameters and the signature base string of one verification.
#[derive(Default)]
pub(crate) struct Scratch {
    pub signed: ParameterList,
    pub base_string: String,
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

/// Buffers larger than this (a request with a huge form body) are dropped
/// after use rather than held by the thread.
const KEEP_AT_MOST: usize = 64 * 1024;

impl Scratch {
    /// This thread's buffers, emptied. They are moved out, not borrowed: a
    /// verification nested in another (a credential lookup that verifies)
    /// finds empty buffers and allocates its own, and a panic merely loses
    /// them.
    pub fn take() -> Scratch {
        let mut scratch = SCRATCH.try_with(Cell::take).unwrap_or_default();
        scratch.signed.clear();
        scratch.base_string.clear();
        scratch
    }

    /// Gives the buffers back to the thread for the next verification.
    pub fn give_back(self) {
        if self.signed.capacity() <= KEEP_AT_MOST && self.base_string.capacity() <= KEEP_AT_MOST {
            // Fails only while the thread is being torn down.
            let _ = SCRATCH.try_with(|cell| cell.set(self));
        }
    }
}
