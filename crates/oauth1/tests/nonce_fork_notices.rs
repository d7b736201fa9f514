//! The same fork check with a `pthread_atfork` child handler reporting
//! forks, as the C library and the Python module install one: the
//! generator then compares the handler's counter instead of asking for the
//! process id before every nonce. Its own test binary, because the notices
//! are process-wide.

#![cfg(unix)]

mod fork;

extern "C" fn child_after_fork() {
    oauth1::note_fork_in_child();
}

#[test]
fn parent_and_child_never_share_a_nonce_with_fork_notices() {
    // SAFETY: registers a handler that only increments an atomic counter,
    // which is async-signal-safe and safe in a freshly forked child.
    let registered = unsafe { libc::pthread_atfork(None, None, Some(child_after_fork)) };
    assert_eq!(registered, 0, "pthread_atfork");
    oauth1::fork_notices_installed();
    fork::parent_and_child_share_no_nonce();
}
