//! `make bench-rust`: signs the project's standard request (POST, query and
//! form body, HMAC-SHA256, realm) and, in the same run, computes a bare
//! HMAC-SHA256 over the same base string from a prepared keyed state (the
//! floor for a signer, which prepares its key once), so the ratios hold on
//! a noisy shared machine. Also counts heap allocations per signature.

// A benchmark binary: `criterion_group!` makes public functions no one else uses.
#![allow(missing_docs)]

mod common;

use common::*;
use criterion::{black_box, criterion_group, Criterion};
use hmac::{Hmac, Mac};
use oauth1::{Generated, Request, SignOptions};
use sha2::Sha256;

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// The peer: the MAC of the base string from a keyed state made once, as
/// a signer holds it (the state is cloned per MAC, as the signer does).
fn bare_hmac(prepared: &Hmac<Sha256>, base_string: &[u8]) -> [u8; 32] {
    let mut mac = prepared.clone();
    mac.update(base_string);
    mac.finalize().into_bytes().into()
}

fn benches(c: &mut Criterion) {
    let signer = standard_signer();
    let fixed = options(NONCE);
    let signed = signer
        .sign_with(&Request::new("POST", URL).with_form(BODY), &fixed)
        .expect("standard request signs");
    assert_eq!(signed.signature(), SIGNATURE);
    let base_string = signed.base_string().to_owned();
    let key = oauth1::signing_key(CONSUMER_SECRET, TOKEN_SECRET);
    let prepared = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    // What a real request uses: the clock's timestamp and a fresh nonce;
    // its peer differs only in the nonce, fixed.
    let fresh = SignOptions::default();
    let fixed_nonce = SignOptions {
        timestamp: Generated::Auto,
        nonce: Generated::Fixed(NONCE),
        ..SignOptions::default()
    };

    let mut group = c.benchmark_group("standard-request");
    group.bench_function("bare-hmac-sha256-prepared", |b| {
        b.iter(|| bare_hmac(&prepared, black_box(base_string.as_bytes())))
    });
    // Fixed timestamp and nonce: the figure the C bench compares with.
    group.bench_function("sign-hmac-sha256-full", |b| {
        b.iter(|| sign_standard(&signer, &fixed))
    });
    group.bench_function("sign-hmac-sha256-fresh-nonce", |b| {
        b.iter(|| sign_standard(&signer, &fresh))
    });
    group.finish();

    let medians = interleaved_medians_of(&mut [
        &mut || {
            black_box(bare_hmac(&prepared, black_box(base_string.as_bytes())));
        },
        &mut || {
            black_box(sign_standard(&signer, &fixed_nonce));
        },
        &mut || {
            black_box(sign_standard(&signer, &fresh));
        },
    ]);
    let (bare, fixed_ns, fresh_ns) = (medians[0], medians[1], medians[2]);
    let allocations = allocations_per_call(1000, || {
        black_box(sign_standard(&signer, &fresh));
    });

    println!(
        "raw: base string {} bytes; bare HMAC-SHA256 from a prepared key {bare:.0} ns; \
         signature with a fixed nonce {fixed_ns:.0} ns, with a fresh nonce {fresh_ns:.0} ns \
         (medians of interleaved rounds; signature = URL and body parsed, base string, HMAC, \
         base64, Authorization header)",
        base_string.len()
    );
    report(
        "sign fresh nonce, us per signature",
        fresh_ns / 1000.0,
        "<",
        1.0,
    );
    report(
        "sign fresh nonce / bare prepared HMAC-SHA256",
        fresh_ns / bare,
        "<=",
        2.0,
    );
    report(
        "sign fresh nonce / fixed nonce",
        fresh_ns / fixed_ns,
        "<=",
        1.10,
    );
    report(
        "heap allocations per signature (fresh nonce, header included)",
        allocations,
        "<=",
        4.0,
    );
}

criterion_group! {
    name = sign;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(1));
    targets = benches
}

fn main() {
    sign();
    Criterion::default().configure_from_args().final_summary();
}
