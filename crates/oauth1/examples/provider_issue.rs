//! Request-token issue time as the token store fills: the
//! provider's in-memory store against a store that scans every token on
//! each issue (what `oauth1 serve` did before), measured in the same run.
//! Prints medians of the first and of the last 1000 issues, their ratio,
//! and the process's resident memory.
//!
//! `cargo run --release -p oauth1 --example provider_issue -- [ISSUES]` (default 40000).

use oauth1::provider::{
    AccessTokenRecord, Consumer, ConsumerTable, Decision, MemoryTokenStore, Provider,
    RequestTokenRecord, StoreError, TokenStore,
};
use oauth1::{IncomingRequest, Signer};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The old way: one map, and every issue drops the expired tokens by
/// looking at all of them.
#[derive(Default)]
struct ScanningStore {
    map: Mutex<HashMap<String, (u64, RequestTokenRecord, Decision)>>,
}

impl TokenStore for ScanningStore {
    fn name(&self) -> String {
        "scanning".into()
    }
    fn insert_request_token(
        &self,
        token: &str,
        record: &RequestTokenRecord,
        keep_ms: u64,
        now_ms: u64,
    ) -> Result<(), StoreError> {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (forget_at, _, _)| *forget_at > now_ms);
        map.insert(
            token.to_owned(),
            (now_ms + keep_ms, record.clone(), Decision::Pending),
        );
        Ok(())
    }
    fn request_token(
        &self,
        token: &str,
        _now_ms: u64,
    ) -> Result<Option<(RequestTokenRecord, Decision)>, StoreError> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        Ok(map.get(token).map(|(_, r, d)| (r.clone(), d.clone())))
    }
    fn decide(&self, _: &str, _: &Decision, _: u64) -> Result<Option<Decision>, StoreError> {
        Ok(None)
    }
    fn consume(&self, _: &str, _: u64) -> Result<Option<Decision>, StoreError> {
        Ok(None)
    }
    fn insert_access_token(
        &self,
        _: &str,
        _: &AccessTokenRecord,
        _: u64,
        _: u64,
    ) -> Result<(), StoreError> {
        Ok(())
    }
    fn access_token(&self, _: &str, _: u64) -> Result<Option<AccessTokenRecord>, StoreError> {
        Ok(None)
    }
    fn revoke(&self, _: &str) -> Result<bool, StoreError> {
        Ok(false)
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Issues `issues` request tokens; returns the medians of the first and
/// last 1000 issue calls.
fn run(store: Arc<dyn TokenStore>, issues: usize) -> (Duration, Duration) {
    let consumers =
        ConsumerTable::with_consumers([Consumer::new("ck", "", Some("cs"), None).unwrap()]);
    let provider = Provider::new(consumers)
        .token_store(store)
        .request_token_ttl(Duration::from_secs(600));
    let signer = Signer::builder("ck", "cs").build().unwrap();
    let url = "http://127.0.0.1/oauth/request_token";
    let mut samples = Vec::with_capacity(issues);
    for _ in 0..issues {
        let header = signer
            .request_token_request(url, Some("oob"))
            .unwrap()
            .authorization_header();
        let request = IncomingRequest::new("POST", url).with_authorization(&header);
        let start = Instant::now();
        let issued = provider.issue_request_token(&request);
        samples.push(start.elapsed());
        assert!(issued.is_ok(), "issue refused");
    }
    let window = 1000.min(issues / 2).max(1);
    let first = median(&mut samples[..window].to_vec());
    let last = median(&mut samples[issues - window..].to_vec());
    (first, last)
}

fn main() {
    let issues: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40_000);
    let rss_before = rss_kib();
    let memory = Arc::new(MemoryTokenStore::new());
    let (first, last) = run(memory.clone(), issues);
    let rss_after = rss_kib();
    println!(
        "memory store:   first 1000 median {:>8.1} us, last 1000 median {:>8.1} us after {issues} issues: last/first {:.2}",
        first.as_secs_f64() * 1e6,
        last.as_secs_f64() * 1e6,
        last.as_secs_f64() / first.as_secs_f64()
    );
    println!(
        "memory store:   {} request tokens held (capacity {}), RSS {} KiB -> {} KiB",
        memory.request_token_count(),
        oauth1::provider::DEFAULT_TOKEN_CAPACITY,
        rss_before,
        rss_after
    );
    if std::env::var_os("SKIP_SCANNING").is_none() {
        let scanning_issues = issues.min(40_000);
        let (s_first, s_last) = run(Arc::new(ScanningStore::default()), scanning_issues);
        println!(
            "scanning store: first 1000 median {:>8.1} us, last 1000 median {:>8.1} us after {scanning_issues} issues: last/first {:.2}",
            s_first.as_secs_f64() * 1e6,
            s_last.as_secs_f64() * 1e6,
            s_last.as_secs_f64() / s_first.as_secs_f64()
        );
        println!(
            "after {scanning_issues} issues the scanning store is {:.1}x slower per issue than the memory store",
            s_last.as_secs_f64() / last.as_secs_f64()
        );
    }
}
