//! One line per request on stderr: method, path, consumer, outcome, problem.
//!
//! Handlers put an [`Outcome`] into the response's extensions; the
//! middleware reads it back once the response is ready and writes the line.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

/// What a handler tells the request log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The consumer key of a verified request, or the one a refusal named.
    pub consumer: Option<String>,
    /// The `oauth_problem` of a refusal.
    pub problem: Option<String>,
}

impl Outcome {
    /// An answered request from `consumer`.
    pub fn accepted(consumer: &str) -> Self {
        Outcome {
            consumer: Some(consumer.to_owned()),
            problem: None,
        }
    }

    /// A refused request.
    pub fn refused(consumer: Option<&str>, problem: &str) -> Self {
        Outcome {
            consumer: consumer.map(str::to_owned),
            problem: Some(problem.to_owned()),
        }
    }
}

/// Whether the log is written (`oauth1 serve --quiet` turns it off).
#[derive(Clone, Copy, Debug)]
pub struct LogSettings {
    pub enabled: bool,
}

/// The middleware writing the line.
pub async fn log_request(
    State(settings): State<Arc<LogSettings>>,
    request: Request,
    next: Next,
) -> Response {
    if !settings.enabled {
        return next.run(request).await;
    }
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let outcome = response
        .extensions()
        .get::<Outcome>()
        .cloned()
        .unwrap_or_default();
    let line = format!(
        "oauth1 serve: {method} {path} consumer={} status={} outcome={} problem={} time_us={}\n",
        outcome.consumer.as_deref().map_or("-", printable),
        response.status().as_u16(),
        if outcome.problem.is_some()
            || !response.status().is_success() && !response.status().is_redirection()
        {
            "refused"
        } else {
            "ok"
        },
        outcome.problem.as_deref().unwrap_or("-"),
        started.elapsed().as_micros(),
    );
    // A closed stderr must not take the provider down.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    response
}

/// A consumer key as it goes into the log: at most 64 characters, with
/// anything that could forge a line replaced.
fn printable(value: &str) -> &str {
    if value.len() <= 64 && value.bytes().all(|b| b.is_ascii_graphic()) {
        value
    } else {
        "(unprintable)"
    }
}
