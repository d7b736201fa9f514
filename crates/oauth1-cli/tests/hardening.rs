//! `oauth1 serve` against an attacker's connections: slow and
//! idle connections are closed, connections beyond the limit are refused
//! at once, bodies and records are bounded, an absolute-form target is
//! verified against its own authority (RFC 7230 s5.4), and two Host
//! headers are a 400.

mod common;

use common::{start_provider, Consumer};
use oauth1_cli::provider::ConnectionLimits;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SHORT: Duration = Duration::from_millis(600);

/// A plain request for the index page, on a connection closed after it.
const GET_ROOT: &str = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

fn short_limits(max_connections: usize) -> ConnectionLimits {
    ConnectionLimits {
        header_read_timeout: SHORT,
        idle_timeout: SHORT,
        max_connections,
    }
}

/// Reads until the server closes the connection (or 10 s pass); returns
/// what it sent and how long that took.
async fn read_until_closed(stream: &mut TcpStream) -> (String, Duration) {
    let start = Instant::now();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out)).await;
    (String::from_utf8_lossy(&out).into_owned(), start.elapsed())
}

/// Sends raw request bytes and reads the whole answer (`Connection: close`).
async fn raw(addr: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("send");
    read_until_closed(&mut stream).await.0
}

#[tokio::test]
async fn a_client_sending_its_headers_one_byte_at_a_time_is_cut_off() {
    let provider = start_provider(|c| c.connection_limits = short_limits(16)).await;
    let mut stream = TcpStream::connect(provider.local_addr())
        .await
        .expect("connect");
    let start = Instant::now();
    // A byte every 200 ms keeps the idle timer happy, not the header timer.
    let mut closed = false;
    for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa" {
        if stream.write_all(&[*byte]).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        if start.elapsed() > Duration::from_secs(5) {
            break;
        }
    }
    let (_, _) = read_until_closed(&mut stream).await;
    assert!(closed || start.elapsed() < Duration::from_secs(8));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "the slow sender was served for {:?}",
        start.elapsed()
    );
    provider.stop().await.expect("stops");
}

#[tokio::test]
async fn an_idle_connection_is_closed() {
    let provider = start_provider(|c| c.connection_limits = short_limits(16)).await;
    let mut stream = TcpStream::connect(provider.local_addr())
        .await
        .expect("connect");
    let (_, took) = read_until_closed(&mut stream).await;
    assert!(
        took < Duration::from_secs(5),
        "idle connection kept {took:?}"
    );
    provider.stop().await.expect("stops");
}

#[tokio::test]
async fn connections_beyond_the_limit_get_503_and_the_provider_keeps_answering() {
    let provider = start_provider(|c| {
        c.connection_limits = ConnectionLimits {
            max_connections: 3,
            ..ConnectionLimits::default()
        }
    })
    .await;
    let addr = provider.local_addr();
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(TcpStream::connect(addr).await.expect("connect"));
    }
    // Let the provider accept them.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let busy = raw(addr, GET_ROOT).await;
    assert!(busy.starts_with("HTTP/1.1 503"), "{busy}");
    drop(idle);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let served = raw(addr, GET_ROOT).await;
    assert!(served.starts_with("HTTP/1.1 200"), "{served}");
    provider.stop().await.expect("stops");
}

#[tokio::test]
async fn two_host_headers_are_a_400() {
    let provider = start_provider(|_| {}).await;
    let answer = raw(
        provider.local_addr(),
        "GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    provider.stop().await.expect("stops");
}

#[tokio::test]
async fn a_body_over_1_mib_is_refused_with_413() {
    let provider = start_provider(|c| c.auto_approve = true).await;
    let consumer = Consumer::demo(provider.base_url());
    let signer = consumer.authorize_automatically().await;
    let body = format!("x={}", "a".repeat(1_500_000));
    let url = consumer.url("/api/records");
    let form = "application/x-www-form-urlencoded";
    let signed = signer
        .sign(&oauth1::Request::new("POST", &url).with_body(body.as_bytes(), form))
        .expect("signed");
    let answer = consumer
        .send("POST", &url, &signed, Some((body.as_bytes(), form)))
        .await;
    assert_eq!(answer.status, 413, "{}", answer.body);
    provider.stop().await.expect("stops");
}

#[tokio::test]
async fn rfc7230_s5_4_an_absolute_form_target_is_verified_against_its_authority() {
    let provider = start_provider(|c| c.auto_approve = true).await;
    let consumer = Consumer::demo(provider.base_url());
    let signer = consumer.authorize_automatically().await;
    let addr = provider.local_addr();
    let target = format!("http://{addr}/api/me?x=1");
    // Signed for the target's authority, sent with another Host: accepted.
    let header = signer
        .sign(&oauth1::Request::new("GET", &target))
        .expect("signed")
        .authorization_header();
    let answer = raw(
        addr,
        &format!("GET {target} HTTP/1.1\r\nHost: elsewhere.example\r\nAuthorization: {header}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // Signed for the Host header's authority: the target's wins, refused.
    let header = signer
        .sign(&oauth1::Request::new(
            "GET",
            "http://elsewhere.example/api/me?x=1",
        ))
        .expect("signed")
        .authorization_header();
    let answer = raw(
        addr,
        &format!("GET {target} HTTP/1.1\r\nHost: elsewhere.example\r\nAuthorization: {header}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(
        answer.contains("oauth_problem=signature_invalid"),
        "{answer}"
    );
    provider.stop().await.expect("stops");
}
