//! A forked child starts with a copy of its parent's memory, the nonce
//! generator's state included: it must key itself afresh, or parent and
//! child would send the same nonces. The test forks, so it needs `libc`
//! and `unsafe` (the library itself has neither).

#![cfg(unix)]

use oauth1::NonceGenerator;
use std::collections::HashSet;
use std::io::Read;
use std::os::fd::FromRawFd;

/// Nonces each side draws after the fork: more than any buffer holds.
const DRAWS: usize = 2000;

fn draw(generator: &NonceGenerator) -> Vec<String> {
    (0..DRAWS)
        .map(|_| generator.generate().expect("nonce"))
        .collect()
}

#[test]
fn parent_and_child_never_share_a_nonce_after_fork() {
    let generator = NonceGenerator::default();
    // The parent's generator is keyed and holds buffered output before the fork.
    let before = generator.generate().expect("nonce");

    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe` writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    let (read_fd, write_fd) = (fds[0], fds[1]);
    // SAFETY: the child only draws nonces, writes them to the pipe and
    // leaves with `_exit`, running no destructor or test-harness code.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork");
    if pid == 0 {
        let text = draw(&generator).join("\n");
        let mut rest = text.as_bytes();
        while !rest.is_empty() {
            // SAFETY: `rest` is a live buffer of `rest.len()` bytes.
            let n = unsafe { libc::write(write_fd, rest.as_ptr().cast(), rest.len()) };
            if n <= 0 {
                // SAFETY: ends the child at once, as above.
                unsafe { libc::_exit(1) };
            }
            rest = &rest[n as usize..];
        }
        // SAFETY: ends the child at once, as above.
        unsafe { libc::_exit(0) };
    }
    // SAFETY: the parent no longer writes; the child holds its own copy.
    unsafe { libc::close(write_fd) };
    let parent = draw(&generator);
    let mut child_text = String::new();
    // SAFETY: `read_fd` is the pipe's read end, owned here alone from now on.
    let mut pipe = unsafe { std::fs::File::from_raw_fd(read_fd) };
    pipe.read_to_string(&mut child_text)
        .expect("read child's nonces");
    let mut status = 0;
    // SAFETY: waits for the child forked above; `status` is a live int.
    assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "child failed"
    );

    let child: Vec<&str> = child_text.lines().collect();
    assert_eq!(child.len(), DRAWS);
    let mut seen: HashSet<&str> = parent.iter().map(String::as_str).collect();
    assert_eq!(seen.len(), DRAWS, "the parent repeated a nonce");
    assert!(!seen.contains(before.as_str()));
    for nonce in child {
        assert_eq!(nonce.len(), 32);
        assert!(seen.insert(nonce), "parent and child both drew {nonce}");
    }
}
