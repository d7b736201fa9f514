//! The local OAuth 1.0a provider behind `oauth1 serve`: the service
//! provider of RFC 5849 on a loopback port, for trying clients end to end.
//!
//! Every signed request is checked by the core's [`Verifier`] (signature,
//! timestamp window, nonce replay, consumer and token); the provider adds
//! the token life cycle (request tokens and verifiers single use and
//! expiring), the authorize page, and a few protected resources.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use oauth1_cli::provider::{Provider, ProviderConfig};
//! let provider = Provider::bind(ProviderConfig::demo(), "127.0.0.1:0".parse().unwrap()).await?;
//! println!("{}", provider.base_url());
//! let running = provider.spawn();
//! // ... drive the flow against running.base_url() ...
//! running.stop().await?;
//! # Ok(()) }
//! ```

mod config;
mod handlers;
pub mod log;
pub mod pages;
pub mod refusal;
pub mod server;
pub mod state;

pub use config::{
    demo_consumer, load_consumers_file, parse_consumer_flag, ProviderConfig,
    CONSUMER_SECRET_VARIABLE, DEMO_CONSUMER_KEY, DEMO_CONSUMER_NAME, DEMO_CONSUMER_SECRET,
};
pub use server::ConnectionLimits;
pub use state::{Callback, Consumer, RecordLimits};

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use oauth1::provider::{ConsumerTable, MemoryTokenStore, Provider as CoreProvider, TokenStore};
use oauth1::{MemoryNonceStore, NonceStore, SignatureMethod, Verifier};
use oauth1_redis::RedisStore;
use state::Records;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The largest request body read (a larger one is answered 413).
const MAX_BODY: usize = 1024 * 1024;

/// Everything a handler needs.
pub(crate) struct App {
    /// The provider's rules and state: consumers, tokens, nonces.
    pub provider: CoreProvider,
    /// The test API's records.
    pub records: Records,
    /// The one resource owner of this provider.
    pub user: String,
    pub base_url: String,
    pub auto_approve: bool,
    pub trust_proxy_headers: bool,
}

/// A provider bound to its loopback port, not yet serving.
pub struct Provider {
    listener: TcpListener,
    router: Router,
    local_addr: SocketAddr,
    limits: ConnectionLimits,
}

/// The stores a `--store` value names.
#[allow(clippy::type_complexity)]
fn stores(config: &ProviderConfig) -> io::Result<(Arc<dyn TokenStore>, Arc<dyn NonceStore>)> {
    match config.store.as_str() {
        "memory" => Ok((
            Arc::new(MemoryTokenStore::with_capacity(
                oauth1::provider::DEFAULT_TOKEN_CAPACITY,
                config.max_access_tokens,
            )),
            Arc::new(MemoryNonceStore::new()),
        )),
        url if url.starts_with("redis://") => {
            let store = Arc::new(
                RedisStore::open(url)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?,
            );
            Ok((store.clone(), store))
        }
        other => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("--store {other:?} is neither memory nor redis://HOST:PORT/DB"),
        )),
    }
}

/// RFC 7230 s5.4: a request with more than one Host header is a 400.
async fn one_host(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if request.headers().get_all(header::HOST).iter().count() > 1 {
        return (
            StatusCode::BAD_REQUEST,
            "the request has more than one Host header (RFC 7230 s5.4)",
        )
            .into_response();
    }
    next.run(request).await
}

impl Provider {
    /// Binds `addr`, which must be a loopback address (port 0 picks a free
    /// port). The provider ships a demo consumer whose secret is public, so
    /// it refuses to listen anywhere else.
    pub async fn bind(config: ProviderConfig, addr: SocketAddr) -> io::Result<Provider> {
        if !addr.ip().is_loopback() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{addr} is not a loopback address: the local provider only listens on 127.0.0.1, ::1 or another loopback address"),
            ));
        }
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let base_url = base_url(local_addr);
        let mut verifier = Verifier::new().timestamp_window(config.timestamp_window);
        if config.allow_plaintext {
            verifier = verifier.allow(SignatureMethod::Plaintext);
        }
        let (tokens, nonces) = stores(&config)?;
        let provider = CoreProvider::new(ConsumerTable::with_consumers(config.consumers))
            .verifier(verifier)
            .realm(config.realm)
            .request_token_ttl(config.request_token_ttl)
            .access_token_ttl(config.access_token_ttl)
            .token_store(tokens)
            .nonce_store(nonces);
        let app = Arc::new(App {
            provider,
            records: Records::new(config.record_limits),
            user: config.user,
            base_url,
            auto_approve: config.auto_approve,
            trust_proxy_headers: config.trust_proxy_headers,
        });
        let log_settings = Arc::new(log::LogSettings {
            enabled: config.log_requests,
        });
        let router = Router::new()
            .route("/", get(handlers::index))
            .route("/oauth/request_token", post(handlers::request_token))
            .route(
                "/oauth/authorize",
                get(handlers::authorize_page).post(handlers::authorize_decision),
            )
            .route("/oauth/access_token", post(handlers::access_token))
            .route("/api/me", get(handlers::me))
            .route("/api/records", post(handlers::create_record))
            .route("/api/records/{id}", put(handlers::update_record))
            .route("/callback", get(handlers::callback_page))
            .fallback(handlers::not_found)
            .with_state(app)
            .layer(axum::middleware::from_fn(one_host))
            .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
            .layer(axum::middleware::from_fn_with_state(
                log_settings,
                log::log_request,
            ));
        Ok(Provider {
            listener,
            router,
            local_addr,
            limits: config.connection_limits,
        })
    }

    /// The address bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// `http://127.0.0.1:PORT`, the base of every endpoint.
    pub fn base_url(&self) -> String {
        base_url(self.local_addr)
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn serve_until<F>(self, shutdown: F) -> io::Result<()>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        server::serve(self.listener, self.router, self.limits, shutdown).await
    }

    /// Serves on a task of the current tokio runtime (tests, benchmarks).
    pub fn spawn(self) -> RunningProvider {
        let base_url = self.base_url();
        let local_addr = self.local_addr;
        let (stop_sender, stop_receiver) = oneshot::channel::<()>();
        let task = tokio::spawn(self.serve_until(async move {
            // A dropped sender stops the provider too.
            let _ = stop_receiver.await;
        }));
        RunningProvider {
            base_url,
            local_addr,
            stop_sender,
            task,
        }
    }
}

fn base_url(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

/// A provider serving on a task; [`RunningProvider::stop`] ends it.
pub struct RunningProvider {
    base_url: String,
    local_addr: SocketAddr,
    stop_sender: oneshot::Sender<()>,
    task: JoinHandle<io::Result<()>>,
}

impl RunningProvider {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Stops accepting, finishes the requests in flight, and waits.
    pub async fn stop(self) -> io::Result<()> {
        let _ = self.stop_sender.send(());
        self.task.await.map_err(io::Error::other)?
    }
}
