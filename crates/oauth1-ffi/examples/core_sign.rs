//! The Rust core signing the standard request exactly as `tests/c/bench.c`
//! does through the C API (sign, render the header, drop both; rounds of
//! 20 000, median), so `make bench-c` can interleave the two processes and
//! give the C layer's own cost as a ratio measured in one run.
//!
//! `core_sign [ROUNDS]` prints the median nanoseconds per signature.

use oauth1::{Generated, Request, SignOptions, SignatureMethod, Signer};
use std::hint::black_box;
use std::time::Instant;

const URL: &str =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait";
const BODY: &str = "status=active&tags=a%2Cb&name=John+Doe";

fn main() -> Result<(), oauth1::Error> {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5)
        .max(1);
    let signer = Signer::builder(
        "ck_5f4dcc3b5aa765d61d8327deb882cf99",
        "cs_2c26b46b68ffc68ff99b453c1d30413413422d706",
    )
    .token(
        "tk_6b86b273ff34fce19d6b804eff5a3f57",
        "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b",
    )
    .signature_method(SignatureMethod::HmacSha256)
    .realm("1234567_SB1")
    .build()?;
    let options = SignOptions {
        timestamp: Generated::Fixed("1700000000"),
        nonce: Generated::Fixed("kllo9940pd9333jh"),
        ..SignOptions::default()
    };
    let sign = || -> Result<usize, oauth1::Error> {
        let request = Request::new("POST", black_box(URL)).with_form(black_box(BODY));
        Ok(signer
            .sign_with(&request, &options)?
            .authorization_header()
            .len())
    };
    const ITERS: u32 = 20_000;
    for _ in 0..ITERS {
        black_box(sign()?);
    }
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        for _ in 0..ITERS {
            black_box(sign()?);
        }
        samples.push(start.elapsed().as_nanos() as f64 / f64::from(ITERS));
    }
    samples.sort_by(f64::total_cmp);
    println!("{:.1}", samples[samples.len() / 2]);
    Ok(())
}
