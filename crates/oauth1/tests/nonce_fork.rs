//! A forked child starts with a copy of its parent's memory, the nonce
//! generator's state included: it must key itself afresh, or parent and
//! child would send the same nonces. Here no fork handler is installed,
//! so the generator notices the child by its process id.

#![cfg(unix)]

mod fork;

#[test]
fn parent_and_child_never_share_a_nonce_after_fork() {
    fork::parent_and_child_share_no_nonce();
}
