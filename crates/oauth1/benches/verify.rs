//! `make bench-rust`: verifies the project's standard request and, in the
//! same run, signs it, so the ratio holds on a noisy shared machine: a
//! verification costs at most 2x a signature. Also counts heap allocations
//! per verification.

// A benchmark binary: `criterion_group!` makes public functions no one else uses.
#![allow(missing_docs)]

mod common;

use common::*;
use criterion::{black_box, criterion_group, Criterion};
use oauth1::{
    IncomingRequest, MemoryCredentials, MemoryNonceStore, NonceRecord, NonceStore, Request,
    SignatureMethod, Verifier,
};
use std::time::Instant;

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Accepts every nonce, so the same request can be verified in a loop.
struct AcceptEveryNonce;

impl NonceStore for AcceptEveryNonce {
    fn check_and_record(&self, _: &NonceRecord<'_>, _: u64, _: u64) -> bool {
        true
    }
}

struct Provider {
    verifier: Verifier,
    credentials: MemoryCredentials,
}

impl Provider {
    fn new() -> Self {
        let mut credentials = MemoryCredentials::new();
        credentials.insert_consumer(CONSUMER_KEY, CONSUMER_SECRET);
        credentials.insert_token(TOKEN, TOKEN_SECRET, CONSUMER_KEY);
        Provider {
            verifier: Verifier::new()
                .signature_methods([SignatureMethod::HmacSha256])
                .clock(TIMESTAMP),
            credentials,
        }
    }

    /// Full verification: header parsed, parameters collected and checked,
    /// credentials looked up, base string rebuilt, HMAC compared, nonce
    /// recorded, `Verified` built.
    fn verify(&self, header: &str, nonces: &(impl NonceStore + ?Sized)) -> bool {
        let request = IncomingRequest::new("POST", black_box(URL))
            .with_authorization(black_box(header))
            .with_content_type(FORM)
            .with_body(black_box(BODY.as_bytes()));
        self.verifier
            .verify(&request, &self.credentials, nonces)
            .is_ok()
    }
}

fn benches(c: &mut Criterion) {
    let signer = standard_signer();
    let opts = options(NONCE);
    let signed = signer
        .sign_with(&Request::new("POST", URL).with_form(BODY), &opts)
        .expect("standard request signs");
    assert_eq!(signed.signature(), SIGNATURE);
    let header = signed.authorization_header();
    let provider = Provider::new();
    assert!(
        provider.verify(&header, &AcceptEveryNonce),
        "standard request verifies"
    );

    let mut group = c.benchmark_group("standard-request");
    group.bench_function("sign-hmac-sha256-full", |b| {
        b.iter(|| sign_standard(&signer, &opts))
    });
    group.bench_function("verify-hmac-sha256-full", |b| {
        b.iter(|| provider.verify(&header, &AcceptEveryNonce))
    });
    group.finish();

    // The ratio from interleaved rounds of the same run (criterion's own
    // numbers above are the detailed view).
    let (sign, verify) = interleaved_medians(
        || {
            black_box(sign_standard(&signer, &opts));
        },
        || {
            black_box(provider.verify(&header, &AcceptEveryNonce));
        },
    );

    // With the default in-memory nonce store: unique nonces, each request
    // verified once (signed beforehand, outside the timing).
    const UNIQUE: usize = 100_000;
    let headers: Vec<String> = (0..UNIQUE)
        .map(|i| {
            let nonce = format!("n{i:015}");
            signer
                .sign_with(&Request::new("POST", URL).with_form(BODY), &options(&nonce))
                .expect("signs")
                .authorization_header()
        })
        .collect();
    let store = MemoryNonceStore::new();
    let start = Instant::now();
    for h in &headers {
        assert!(provider.verify(h, &store));
    }
    let with_store = start.elapsed().as_nanos() as f64 / UNIQUE as f64;

    let verify_allocations = allocations_per_call(1000, || {
        black_box(provider.verify(&header, &AcceptEveryNonce));
    });
    let sign_allocations = allocations_per_call(1000, || {
        black_box(sign_standard(&signer, &opts));
    });

    println!(
        "raw: signature {sign:.0} ns, verification {verify:.0} ns ({:.0}/s on one core; \
         header parsed, parameters checked, credentials looked up, base string, HMAC \
         compared); with MemoryNonceStore and {UNIQUE} unique nonces {with_store:.0} ns \
         each; heap allocations {verify_allocations:.1} per verification, \
         {sign_allocations:.1} per signature",
        1e9 / verify
    );
    report("verify / sign", verify / sign, "<=", 2.0);
}

criterion_group! {
    name = verify;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(1));
    targets = benches
}

fn main() {
    verify();
    Criterion::default().configure_from_args().final_summary();
}
