//! Tells the core's nonce generators about `fork()`: a `pthread_atfork`
//! child handler bumps the core's fork counter, so a generator compares a
//! counter before each nonce instead of asking the kernel for the process
//! id (a system call, about a third of a fresh nonce's cost).
//!
//! The handler stays registered for the life of the process, so the library
//! is linked `-z nodelete` (build.rs): `dlclose` never unmaps it.

use std::sync::Once;

static INSTALL: Once = Once::new();

extern "C" fn child_after_fork() {
    oauth1::note_fork_in_child();
}

/// Installs the handler once per process; called by every function that
/// makes a signer. Until it is installed (or if it cannot be), the
/// generators keep checking the process id.
pub(crate) fn install_fork_notices() {
    // miri does not model pthread_atfork; the process-id path is used there.
    if cfg!(miri) {
        return;
    }
    INSTALL.call_once(|| {
        // SAFETY: pthread_atfork only records the function pointers; the
        // child handler increments an atomic counter, which is safe in a
        // freshly forked child, and stays mapped (-z nodelete).
        let registered = unsafe { libc::pthread_atfork(None, None, Some(child_after_fork)) };
        if registered == 0 {
            oauth1::fork_notices_installed();
        }
    });
}
