//! `make bench`: signs the project's standard request (issue "The core")
//! with HMAC-SHA256 and, in the same run, computes a bare HMAC-SHA256 over
//! the same base string, so the ratio holds on a noisy shared machine.
//! Also counts heap allocations per signature.

// A benchmark binary: `criterion_group!` makes public functions no one else uses.
#![allow(missing_docs)]

mod common;

use common::*;
use criterion::{black_box, criterion_group, Criterion};
use hmac::{Hmac, Mac};
use oauth1::Request;
use sha2::Sha256;

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// The peer: key setup and MAC, nothing else.
fn bare_hmac(key: &[u8], base_string: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(base_string);
    mac.finalize().into_bytes().into()
}

fn benches(c: &mut Criterion) {
    let signer = standard_signer();
    let options = options(NONCE);
    let signed = signer
        .sign_with(&Request::new("POST", URL).with_form(BODY), &options)
        .expect("standard request signs");
    assert_eq!(signed.signature(), SIGNATURE);
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

    let (bare, full) = interleaved_medians(
        || {
            black_box(bare_hmac(key.as_bytes(), black_box(base_string.as_bytes())));
        },
        || {
            black_box(sign_standard(&signer, &options));
        },
    );
    let allocations = allocations_per_call(1000, || {
        black_box(sign_standard(&signer, &options));
    });

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
