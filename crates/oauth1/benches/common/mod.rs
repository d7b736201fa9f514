//! What the sign and verify benches share: the project's standard request
//! (POST, query and form body, HMAC-SHA256, realm), a heap-allocation
//! counter, a median timer and the target lines.

#![allow(dead_code)] // each bench uses its own part of this module

use criterion::black_box;
use oauth1::{Generated, Request, SignOptions, SignatureMethod, Signer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub const URL: &str =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait";
pub const BODY: &str = "status=active&tags=a%2Cb&name=John+Doe";
pub const FORM: &str = "application/x-www-form-urlencoded";
pub const CONSUMER_KEY: &str = "ck_5f4dcc3b5aa765d61d8327deb882cf99";
pub const CONSUMER_SECRET: &str = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706";
pub const TOKEN: &str = "tk_6b86b273ff34fce19d6b804eff5a3f57";
pub const TOKEN_SECRET: &str = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b";
pub const TIMESTAMP: u64 = 1_700_000_000;
pub const NONCE: &str = "kllo9940pd9333jh";
pub const SIGNATURE: &str = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=";

pub fn standard_signer() -> Signer {
    Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)
        .token(TOKEN, TOKEN_SECRET)
        .signature_method(SignatureMethod::HmacSha256)
        .realm("1234567_SB1")
        .build()
        .expect("standard signer")
}

pub fn options(nonce: &str) -> SignOptions<'_> {
    SignOptions {
        timestamp: Generated::Fixed("1700000000"),
        nonce: Generated::Fixed(nonce),
        ..SignOptions::default()
    }
}

/// Full signing: URL and body parsed, base string built, HMAC, header rendered.
pub fn sign_standard(signer: &Signer, options: &SignOptions<'_>) -> String {
    let request = Request::new("POST", black_box(URL)).with_form(black_box(BODY));
    signer
        .sign_with(&request, options)
        .expect("standard request signs")
        .authorization_header()
}

/// This thread's CPU time in ns: on a machine shared with other work, a
/// call's cost shows there, while wall time also counts the time the
/// thread waited for a core.
fn thread_cpu_ns() -> u128 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a live timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128
}

/// The median of `rounds` timings (thread CPU time) of `iters` calls, in
/// ns per call.
pub fn median_ns(mut f: impl FnMut(), iters: u32, rounds: usize) -> f64 {
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = thread_cpu_ns();
            for _ in 0..iters {
                f();
            }
            (thread_cpu_ns() - start) as f64 / f64::from(iters)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The medians of two functions timed in interleaved rounds.
pub fn interleaved_medians(mut a: impl FnMut(), mut b: impl FnMut()) -> (f64, f64) {
    let medians = interleaved_medians_of(&mut [&mut a, &mut b]);
    (medians[0], medians[1])
}

/// Counts heap allocations while counting is on, and costs the timed loops
/// only a relaxed load otherwise.
pub struct CountingAllocator;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static COUNTING: AtomicBool = AtomicBool::new(false);

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract for `alloc`, passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` through this allocator, with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: `ptr` came from `System` through this allocator, with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Heap allocations per call of `f`, over `n` calls.
pub fn allocations_per_call(n: usize, mut f: impl FnMut()) -> f64 {
    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    for _ in 0..n {
        f();
    }
    COUNTING.store(false, Ordering::Relaxed);
    ALLOCATIONS.load(Ordering::Relaxed) as f64 / n as f64
}

/// The medians of several functions timed in interleaved rounds, so that a
/// load change on the shared machine hits them alike; ns per call each.
pub fn interleaved_medians_of(fs: &mut [&mut dyn FnMut()]) -> Vec<f64> {
    let mut samples: Vec<Vec<f64>> = fs.iter().map(|_| Vec::new()).collect();
    for _ in 0..15 {
        for (f, s) in fs.iter_mut().zip(&mut samples) {
            s.push(median_ns(&mut **f, 10_000, 5));
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        })
        .collect()
}

/// Prints one target line: `bench rust WHAT: VALUE (target OP LIMIT) met`
/// or `NOT met`.
pub fn report(what: &str, value: f64, op: &str, limit: f64) {
    let met = match op {
        "<" => value < limit,
        "<=" => value <= limit,
        ">=" => value >= limit,
        _ => false,
    };
    let verdict = if met { "met" } else { "NOT met" };
    println!("bench rust {what}: {value:.2} (target {op} {limit}) {verdict}");
}
