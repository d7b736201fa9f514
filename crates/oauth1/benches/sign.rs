//! `make bench`: signs the project's standard request (issue "The core")
//! with HMAC-SHA256 and, in the same run, computes a bare HMAC-SHA256 over
//! the same base string, so the ratio holds on a noisy shared machine.
//! Also counts heap allocations per signature with a counting allocator.

use criterion::{black_box, criterion_group, Criterion};
use hmac::{Hmac, Mac};
use oauth1::{Generated, Request, SignOptions, SignatureMethod, Signer};
use sha2::Sha256;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

struct CountingAllocator;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting calls.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const URL: &str =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait";
const BODY: &str = "status=active&tags=a%2Cb&name=John+Doe";
const CONSUMER_SECRET: &str = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706";
const TOKEN_SECRET: &str = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b";

fn standard_signer() -> Signer {
    Signer::builder("ck_5f4dcc3b5aa765d61d8327deb882cf99", CONSUMER_SECRET)
        .token("tk_6b86b273ff34fce19d6b804eff5a3f57", TOKEN_SECRET)
        .signature_method(SignatureMethod::HmacSha256)
        .realm("1234567_SB1")
        .build()
        .expect("standard signer")
}

fn standard_options() -> SignOptions<'static> {
    SignOptions {
        timestamp: Generated::Fixed("1700000000"),
        nonce: Generated::Fixed("kllo9940pd9333jh"),
        ..SignOptions::default()
    }
}

/// Full signing: URL and body parsed, base string built, HMAC, header rendered.
fn sign_standard(signer: &Signer, options: &SignOptions<'_>) -> String {
    let request = Request::new("POST", black_box(URL)).with_form(black_box(BODY));
    signer
        .sign_with(&request, options)
        .expect("standard request signs")
        .authorization_header()
}

fn bare_hmac(key: &[u8], base_string: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(base_string);
    mac.finalize().into_bytes().into()
}

fn median_ns(mut f: impl FnMut(), iters: u32, rounds: usize) -> f64 {
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(iters)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn benches(c: &mut Criterion) {
    let signer = standard_signer();
    let options = standard_options();
    let signed = signer
        .sign_with(&Request::new("POST", URL).with_form(BODY), &options)
        .expect("standard request signs");
    assert_eq!(
        signed.signature(),
        "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI="
    );
    let base_string = signed.base_string().to_owned();
    let key = oauth1::signing_key(CONSUMER_SECRET, TOKEN_SECRET);

    let mut group = c.benchmark_group("standard-request");
    group.bench_function("bare-hmac-sha256", |b| {
        b.iter(|| bare_hmac(key.as_bytes(), black_box(base_string.as_bytes())))
    });
    group.bench_function("sign-hmac-sha256-full", |b| {
        b.iter(|| sign_standard(&signer, &options))
    });
    group.finish();

    // The ratio from interleaved rounds of the same run (criterion's own
    // numbers above are the detailed view).
    let mut bare = Vec::new();
    let mut full = Vec::new();
    for _ in 0..15 {
        bare.push(median_ns(
            || {
                black_box(bare_hmac(key.as_bytes(), black_box(base_string.as_bytes())));
            },
            20_000,
            5,
        ));
        full.push(median_ns(
            || {
                black_box(sign_standard(&signer, &options));
            },
            20_000,
            5,
        ));
    }
    bare.sort_by(f64::total_cmp);
    full.sort_by(f64::total_cmp);
    let (bare, full) = (bare[bare.len() / 2], full[full.len() / 2]);

    let before = ALLOCATIONS.load(Ordering::Relaxed);
    const N: usize = 1000;
    for _ in 0..N {
        black_box(sign_standard(&signer, &options));
    }
    let allocations = (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / N as f64;

    println!("base string: {} bytes", base_string.len());
    println!("bare HMAC-SHA256 (key setup + MAC): {bare:.0} ns median");
    println!("full signing (parse, base string, HMAC, header): {full:.0} ns median");
    println!(
        "ratio full/bare: {:.2}x (target <= 2.5x; < 1000 ns)",
        full / bare
    );
    println!("heap allocations per signature (header included): {allocations:.1}");
}

criterion_group! {
    name = sign;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}

fn main() {
    sign();
    Criterion::default().configure_from_args().final_summary();
}
