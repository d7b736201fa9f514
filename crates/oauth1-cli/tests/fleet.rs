//! Two `oauth1 serve` processes on one Redis (`--store redis://...`)
//! behave as one provider. The test starts Debian's
//! redis-server on a free loopback port and both instances, and stops them
//! by pid. Both instances are addressed as the one host `fleet.test` (the
//! `Host` a load balancer in front of them would pass on), so a request
//! signed once verifies on either.

use oauth1::{parse_callback, parse_token_response, Request, Signer, TokenResponse};
use oauth1_redis::testing::RedisServer;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const KEY: &str = "demo-consumer";
const SECRET: &str = "demo-consumer-secret";
const HOST: &str = "fleet.test";

/// One `oauth1 serve` process, stopped (by its pid) when dropped.
struct Instance {
    child: Child,
    addr: String,
}

impl Instance {
    fn start(store: &str) -> Instance {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oauth1"))
            .args([
                "serve",
                "--port",
                "0",
                "--auto-approve",
                "--quiet",
                "--store",
                store,
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("oauth1 serve starts");
        let mut first_line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first_line)
            .expect("the base URL on stdout");
        let addr = first_line
            .trim()
            .strip_prefix("http://")
            .expect("http://ADDR")
            .to_owned();
        Instance { child, addr }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status and body.
struct Answer {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Answer {
    fn problem(&self) -> Option<String> {
        self.body
            .split('&')
            .find_map(|p| p.strip_prefix("oauth_problem="))
            .map(str::to_owned)
    }
}

/// Sends one request to `instance` as `Host: fleet.test`, `Connection: close`.
fn send(instance: &Instance, method: &str, path: &str, authorization: Option<&str>) -> Answer {
    let mut stream = TcpStream::connect(&instance.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\nContent-Length: 0\r\n"
    );
    if let Some(authorization) = authorization {
        request.push_str(&format!("Authorization: {authorization}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let location = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .map(str::to_owned);
    Answer {
        status,
        location,
        body: body.to_owned(),
    }
}

fn url(path: &str) -> String {
    format!("http://{HOST}{path}")
}

fn consumer() -> Signer {
    Signer::builder(KEY, SECRET).build().expect("signer")
}

fn request_token(instance: &Instance) -> Answer {
    let header = consumer()
        .request_token_request(&url("/oauth/request_token"), Some("http://c.test/cb"))
        .expect("signed")
        .authorization_header();
    send(instance, "POST", "/oauth/request_token", Some(&header))
}

fn access_token_header(token: &TokenResponse, verifier: &str) -> String {
    consumer()
        .with_token(token.token.clone(), token.token_secret.clone())
        .expect("signer")
        .access_token_request(&url("/oauth/access_token"), verifier)
        .expect("signed")
        .authorization_header()
}

/// A request token from `issuer`, approved on `approver`: (token, verifier).
fn approved(issuer: &Instance, approver: &Instance) -> (TokenResponse, String) {
    let issued = request_token(issuer);
    assert_eq!(issued.status, 200, "{}", issued.body);
    let token = parse_token_response(&issued.body, true).expect("token response");
    let approval = send(
        approver,
        "GET",
        &format!("/oauth/authorize?oauth_token={}", token.token),
        None,
    );
    let location = approval.location.expect("redirect to the callback");
    let callback = parse_callback(&location).expect("verifier");
    (token, callback.verifier)
}

fn me_header(access: &TokenResponse) -> String {
    consumer()
        .with_token(access.token.clone(), access.token_secret.clone())
        .expect("signer")
        .sign(&Request::new("GET", &url("/api/me")))
        .expect("signed")
        .authorization_header()
}

#[test]
fn two_instances_on_one_redis_serve_as_one_provider() {
    let mut redis = RedisServer::start().expect("redis-server starts (make redis-deps)");
    let a = Instance::start(&redis.url());
    let b = Instance::start(&redis.url());

    // Request token from A, authorization on B, access token on A, resource on B.
    let (token, verifier) = approved(&a, &b);
    let access = send(
        &a,
        "POST",
        "/oauth/access_token",
        Some(&access_token_header(&token, &verifier)),
    );
    assert_eq!(access.status, 200, "{}", access.body);
    let access = parse_token_response(&access.body, false).expect("access token");
    let me = me_header(&access);
    let answer = send(&b, "GET", "/api/me", Some(&me));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body.contains("\"user\":\"ada\""), "{}", answer.body);

    // The same signed request replayed on A and on B is refused.
    for instance in [&a, &b] {
        let replay = send(instance, "GET", "/api/me", Some(&me));
        assert_eq!(replay.status, 401);
        assert_eq!(replay.problem().as_deref(), Some("nonce_used"));
    }

    // One verifier raced from 8 threads across both instances: one access token.
    let (token, verifier) = approved(&b, &a);
    let headers: Vec<String> = (0..8)
        .map(|_| access_token_header(&token, &verifier))
        .collect();
    let answers: Vec<Answer> = std::thread::scope(|scope| {
        let handles: Vec<_> = headers
            .iter()
            .enumerate()
            .map(|(i, header)| {
                let instance = if i % 2 == 0 { &a } else { &b };
                scope.spawn(move || send(instance, "POST", "/oauth/access_token", Some(header)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let granted = answers.iter().filter(|a| a.status == 200).count();
    assert_eq!(granted, 1, "exactly one access token");
    for refused in answers.iter().filter(|a| a.status != 200) {
        assert_eq!(
            refused.problem().as_deref(),
            Some("token_used"),
            "{}",
            refused.body
        );
    }

    // Redis stopped mid-run: 503 naming the store, and nothing accepted.
    let (pending, pending_verifier) = approved(&a, &b);
    redis.stop();
    for instance in [&a, &b] {
        let down = request_token(instance);
        assert_eq!(down.status, 503, "{}", down.body);
        assert!(down.body.contains(&redis.url()), "{}", down.body);
        let resource = send(instance, "GET", "/api/me", Some(&me_header(&access)));
        assert_eq!(resource.status, 503, "{}", resource.body);
        let exchange = send(
            instance,
            "POST",
            "/oauth/access_token",
            Some(&access_token_header(&pending, &pending_verifier)),
        );
        assert_eq!(exchange.status, 503, "{}", exchange.body);
    }

    // Restarted (empty) Redis: the fleet resumes.
    redis.restart().expect("redis-server restarts");
    let (token, verifier) = approved(&b, &a);
    let access = send(
        &b,
        "POST",
        "/oauth/access_token",
        Some(&access_token_header(&token, &verifier)),
    );
    assert_eq!(access.status, 200, "{}", access.body);
}
