//! A bounded load test of the local provider on loopback (`make bench`).
//!
//! Starts the provider in this process on a free 127.0.0.1 port, gets an
//! access token through the three-legged flow, then for a fixed time sends
//! distinct validly signed `GET /api/me` requests from several connections,
//! and now and then replays one that was already accepted. Reports
//! requests per second and the latency of the valid requests, and fails
//! when a valid request was refused or a replay accepted.
//!
//!     cargo run --release -p oauth1-cli --example load -- --seconds 5
//!
//! With `--fleet 1` it runs twice in one process, the same load each time:
//! one provider in memory, then two providers sharing one Redis (a
//! redis-server it starts on a free loopback port and stops), the
//! connections spread over both; and prints both results side by side.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{start_provider, Consumer};
use oauth1::{Request, Signer};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Settings {
    seconds: f64,
    connections: usize,
    replay_every: u64,
    fleet: bool,
}

fn settings() -> Result<Settings, String> {
    let mut settings = Settings {
        seconds: 5.0,
        connections: 16,
        replay_every: 20,
        fleet: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = || format!("{flag} {value}: not a number");
        match flag.as_str() {
            "--seconds" => settings.seconds = value.parse().map_err(|_| bad())?,
            "--connections" => settings.connections = value.parse().map_err(|_| bad())?,
            "--replay-every" => settings.replay_every = value.parse().map_err(|_| bad())?,
            "--fleet" => settings.fleet = value != "0",
            _ => {
                return Err(format!(
                    "unknown flag {flag} (--seconds, --connections, --replay-every, --fleet)"
                ))
            }
        }
    }
    if !(0.1..=60.0).contains(&settings.seconds)
        || !(1..=256).contains(&settings.connections)
        || settings.replay_every < 2
    {
        return Err("--seconds 0.1-60, --connections 1-256, --replay-every 2 or more".to_owned());
    }
    Ok(settings)
}

/// What one connection saw.
#[derive(Default)]
struct Tally {
    valid_sent: u64,
    valid_accepted: u64,
    valid_refused: Vec<String>,
    replays_sent: u64,
    replays_refused_nonce_used: u64,
    replays_accepted: u64,
    replays_refused_otherwise: Vec<String>,
    transport_errors: Vec<String>,
    /// Latency of each valid request, in microseconds.
    latencies_us: Vec<u32>,
}

async fn send(
    http: &reqwest::Client,
    url: &str,
    authorization: &str,
) -> Result<(u16, String), String> {
    let response = http
        .get(url)
        .header("Authorization", authorization)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response.text().await.map_err(|e| e.to_string())?;
    Ok((status, body))
}

async fn connection(
    worker: usize,
    http: reqwest::Client,
    signer: Arc<Signer>,
    base_url: Arc<str>,
    deadline: Instant,
    replay_every: u64,
) -> Tally {
    let mut tally = Tally::default();
    let mut last_accepted: Option<(String, String)> = None;
    let mut sequence: u64 = 0;
    while Instant::now() < deadline {
        sequence += 1;
        if sequence % replay_every == 0 {
            if let Some((url, authorization)) = &last_accepted {
                tally.replays_sent += 1;
                match send(&http, url, authorization).await {
                    Ok((200, _)) => tally.replays_accepted += 1,
                    Ok((401, body)) if body.starts_with("oauth_problem=nonce_used") => {
                        tally.replays_refused_nonce_used += 1
                    }
                    Ok((status, body)) => tally
                        .replays_refused_otherwise
                        .push(format!("{status} {body}")),
                    Err(e) => tally.transport_errors.push(e),
                }
                continue;
            }
        }
        let url = format!("{base_url}/api/me?worker={worker}&n={sequence}");
        let authorization = match signer.sign(&Request::new("GET", &url)) {
            Ok(signed) => signed.authorization_header(),
            Err(e) => {
                tally.transport_errors.push(format!("signing: {e}"));
                break;
            }
        };
        tally.valid_sent += 1;
        let started = Instant::now();
        let outcome = send(&http, &url, &authorization).await;
        let elapsed = started.elapsed();
        match outcome {
            Ok((200, _)) => {
                tally.valid_accepted += 1;
                tally
                    .latencies_us
                    .push(u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX));
                last_accepted = Some((url, authorization));
            }
            Ok((status, body)) => tally.valid_refused.push(format!("{status} {body}")),
            Err(e) => tally.transport_errors.push(e),
        }
    }
    tally
}

fn percentile(sorted: &[u32], fraction: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((sorted.len() as f64) * fraction).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() -> ExitCode {
    let settings = match settings() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("load: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !settings.fleet {
        return runtime.block_on(run(&settings, "memory", 1));
    }
    let mut redis = match oauth1_redis::testing::RedisServer::start() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("load: cannot start redis-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let memory = runtime.block_on(run(&settings, "memory", 1));
    let fleet = runtime.block_on(run(&settings, &redis.url(), 2));
    redis.stop();
    if memory == ExitCode::SUCCESS && fleet == ExitCode::SUCCESS {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The load against `instances` providers on `store`.
async fn run(settings: &Settings, store: &str, instances: usize) -> ExitCode {
    let mut providers = Vec::new();
    for _ in 0..instances {
        providers.push(
            start_provider(|config| {
                config.auto_approve = true;
                config.store = store.to_owned();
            })
            .await,
        );
    }
    let consumer = Consumer::demo(providers[0].base_url());
    let signer = Arc::new(consumer.authorize_automatically().await);
    let base_urls: Vec<Arc<str>> = providers.iter().map(|p| Arc::from(p.base_url())).collect();
    let http = match reqwest::Client::builder()
        .pool_max_idle_per_host(settings.connections)
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("load: HTTP client: {e}");
            return ExitCode::FAILURE;
        }
    };

    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(settings.seconds);
    let workers: Vec<_> = (0..settings.connections)
        .map(|worker| {
            tokio::spawn(connection(
                worker,
                http.clone(),
                signer.clone(),
                base_urls[worker % base_urls.len()].clone(),
                deadline,
                settings.replay_every,
            ))
        })
        .collect();
    let mut total = Tally::default();
    for worker in workers {
        match worker.await {
            Ok(t) => {
                total.valid_sent += t.valid_sent;
                total.valid_accepted += t.valid_accepted;
                total.valid_refused.extend(t.valid_refused);
                total.replays_sent += t.replays_sent;
                total.replays_refused_nonce_used += t.replays_refused_nonce_used;
                total.replays_accepted += t.replays_accepted;
                total
                    .replays_refused_otherwise
                    .extend(t.replays_refused_otherwise);
                total.transport_errors.extend(t.transport_errors);
                total.latencies_us.extend(t.latencies_us);
            }
            Err(e) => total.transport_errors.push(format!("worker: {e}")),
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    for provider in providers {
        let _ = provider.stop().await;
    }

    total.latencies_us.sort_unstable();
    let requests = total.valid_sent + total.replays_sent;
    println!(
        "provider load test ({instances} instance(s), store {store}): {elapsed:.1} s, {} connections, GET /api/me on 127.0.0.1, providers and load generator in one process on this machine",
        settings.connections
    );
    println!(
        "  valid requests:    {} sent, {} accepted, {} refused (each signed afresh: distinct nonce)",
        total.valid_sent,
        total.valid_accepted,
        total.valid_refused.len()
    );
    println!(
        "  replayed requests: {} sent, {} refused with nonce_used, {} accepted, {} refused otherwise",
        total.replays_sent,
        total.replays_refused_nonce_used,
        total.replays_accepted,
        total.replays_refused_otherwise.len()
    );
    println!(
        "  throughput:        {:.0} requests/s ({:.0} valid requests/s)",
        requests as f64 / elapsed,
        total.valid_sent as f64 / elapsed
    );
    println!(
        "  latency (valid):   p50 {} us, p99 {} us, max {} us",
        percentile(&total.latencies_us, 0.50),
        percentile(&total.latencies_us, 0.99),
        total.latencies_us.last().copied().unwrap_or(0)
    );
    for sample in total
        .valid_refused
        .iter()
        .chain(&total.replays_refused_otherwise)
        .chain(&total.transport_errors)
        .take(5)
    {
        println!("  e.g.: {sample}");
    }
    let passed = total.valid_refused.is_empty()
        && total.replays_accepted == 0
        && total.replays_refused_otherwise.is_empty()
        && total.transport_errors.is_empty()
        && total.valid_accepted > 0
        && total.replays_sent > 0;
    println!(
        "provider load: {} passed, {} failed",
        u8::from(passed),
        u8::from(!passed)
    );
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
