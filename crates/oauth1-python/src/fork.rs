//! A `pthread_atfork` child handler that bumps the core's fork counter,
//! so nonce generators compare a counter before each nonce instead of
//! asking the kernel for the process id. It covers every fork() of the
//! process (`os.fork`, multiprocessing, C extensions); CPython never
//! unloads an extension module, so the handler stays mapped.

extern "C" fn child_after_fork() {
    oauth1::note_fork_in_child();
}

static INSTALL: std::sync::Once = std::sync::Once::new();

/// Installs the handler once per process, when the module is imported.
pub(crate) fn install_fork_notices() {
    INSTALL.call_once(|| {
        // SAFETY: pthread_atfork only records the function pointer; the
        // handler increments an atomic counter, safe in a freshly forked child.
        if unsafe { libc::pthread_atfork(None, None, Some(child_after_fork)) } == 0 {
            oauth1::fork_notices_installed();
        }
    });
}
