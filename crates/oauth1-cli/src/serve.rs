//! `oauth1 serve`: runs the local provider until Ctrl-C or SIGTERM.

use crate::cli::ServeArgs;
use crate::provider::{
    demo_consumer, load_consumers_file, parse_consumer_flag, ConnectionLimits, Provider,
    ProviderConfig, CONSUMER_SECRET_VARIABLE, DEMO_CONSUMER_KEY, DEMO_CONSUMER_SECRET,
};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

pub fn run(args: &ServeArgs) -> Result<ExitCode, String> {
    let config = config(args)?;
    let ip = match args.host.as_str() {
        "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
        "::1" | "[::1]" => IpAddr::V6(Ipv6Addr::LOCALHOST),
        other => other
            .parse()
            .map_err(|_| format!("--host {other:?} is not an IP address or localhost"))?,
    };
    let has_demo_consumer = config.consumers.iter().any(|c| c.key == DEMO_CONSUMER_KEY);
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async move {
        let provider = Provider::bind(config, SocketAddr::new(ip, args.port))
            .await
            .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
        let base_url = provider.base_url();
        // The first line on stdout is the address, for scripts.
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{base_url}")
            .and_then(|()| stdout.flush())
            .map_err(|e| format!("cannot write to standard output: {e}"))?;
        drop(stdout);
        eprintln!("oauth1 serve: OAuth 1.0a provider on {base_url} (Ctrl-C stops it)");
        eprintln!(
            "oauth1 serve:   request token  POST {base_url}/oauth/request_token\n\
             oauth1 serve:   authorize      GET  {base_url}/oauth/authorize?oauth_token=...{}\n\
             oauth1 serve:   access token   POST {base_url}/oauth/access_token\n\
             oauth1 serve:   resources      GET {base_url}/api/me, POST {base_url}/api/records, PUT {base_url}/api/records/{{id}}",
            if args.auto_approve { "  (auto-approve)" } else { "" }
        );
        // A Redis URL may hold a password: only what follows '@' is shown.
        let store = match args.store.rsplit_once('@') {
            Some((_, host)) => format!("redis://{host}"),
            None => args.store.clone(),
        };
        eprintln!("oauth1 serve:   store          {store}");
        if has_demo_consumer {
            eprintln!(
                "oauth1 serve:   demo consumer  key {DEMO_CONSUMER_KEY}, secret {DEMO_CONSUMER_SECRET}"
            );
        }
        provider
            .serve_until(shutdown_signal())
            .await
            .map_err(|e| format!("the provider stopped: {e}"))?;
        eprintln!("oauth1 serve: stopped");
        Ok(ExitCode::SUCCESS)
    })
}

fn config(args: &ServeArgs) -> Result<ProviderConfig, String> {
    let mut config = ProviderConfig::demo();
    if args.no_demo_consumer {
        config.consumers.clear();
    }
    // Read only when a flag needs it, and never echoed.
    let secret_from_environment = args
        .consumers
        .iter()
        .any(|flag| !flag.contains(':'))
        .then(|| std::env::var(CONSUMER_SECRET_VARIABLE).ok())
        .flatten();
    for flag in &args.consumers {
        config.consumers.push(parse_consumer_flag(
            flag,
            secret_from_environment.as_deref(),
        )?);
    }
    if let Some(path) = &args.consumers_file {
        config.consumers.extend(load_consumers_file(path)?);
    }
    if config.consumers.is_empty() {
        return Err(format!(
            "no consumers: drop --no-demo-consumer, or add --consumer KEY (secret in {CONSUMER_SECRET_VARIABLE}) or --consumers-file FILE (the demo consumer is {})",
            demo_consumer().key
        ));
    }
    config.auto_approve = args.auto_approve;
    config.timestamp_window = args.timestamp_window;
    config.request_token_ttl = Duration::from_secs(args.request_token_ttl);
    config.allow_plaintext = args.allow_plaintext;
    config.trust_proxy_headers = args.trust_proxy_headers;
    config.realm = args.realm.clone();
    config.log_requests = !args.quiet;
    config.store = args.store.clone();
    config.access_token_ttl = Duration::from_secs(args.access_token_ttl);
    config.max_access_tokens = args.max_access_tokens;
    config.connection_limits = ConnectionLimits {
        header_read_timeout: Duration::from_secs(args.header_read_timeout.max(1)),
        idle_timeout: Duration::from_secs(args.idle_timeout.max(1)),
        max_connections: args.max_connections.max(1),
    };
    config.record_limits.max_records = args.max_records.max(1);
    Ok(config)
}

/// Ctrl-C, or SIGTERM on Unix (what `kill` and process managers send).
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
