//! The authorize page in a real browser: headless Debian chromium, driven
//! over the Chrome DevTools Protocol, opens the page, finds the consumer's
//! name, clicks Approve with the mouse and lands on the callback with a
//! verifier, which then buys an access token.
//!
//! Needs chromium (`make browser-test` installs it), so it is ignored by a
//! plain `cargo test`; run it with `cargo test --test browser -- --ignored`.
//! Only loopback traffic: the provider and chromium's debugging port.

mod common;

use common::{start_provider, Consumer};
use futures_util::{SinkExt, StreamExt};
use oauth1::{parse_callback, parse_token_response};
use oauth1_cli::provider::DEMO_CONSUMER_NAME;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

const STEP_TIMEOUT: Duration = Duration::from_secs(30);

/// Chromium as root in a container: the flags Debian's build needs there,
/// and none of its own network traffic.
const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// A chromium process with its own fresh profile; killed on drop.
struct Browser {
    process: Child,
    profile: PathBuf,
}

impl Browser {
    fn launch(start_url: &str) -> Browser {
        let executable = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_owned());
        let profile = std::env::temp_dir().join(format!(
            "oauth1-browser-test-{}-{}",
            std::process::id(),
            oauth1::unix_timestamp()
        ));
        std::fs::create_dir_all(&profile).expect("a fresh profile folder");
        let process = Command::new(&executable)
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("--remote-debugging-address=127.0.0.1")
            .arg("--remote-debugging-port=0")
            .arg("--window-size=1000,800")
            .arg(start_url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {executable} ({e}): `make browser-test` installs Debian's chromium")
            });
        Browser { process, profile }
    }

    /// The debugging port chromium chose, from DevToolsActivePort in the profile.
    async fn debugging_port(&self) -> u16 {
        let file = self.profile.join("DevToolsActivePort");
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            if let Some(port) = std::fs::read_to_string(&file)
                .ok()
                .and_then(|text| text.lines().next()?.trim().parse().ok())
            {
                return port;
            }
            assert!(
                Instant::now() < deadline,
                "chromium wrote no DevToolsActivePort"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A DevTools Protocol session with one page.
struct Page {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Page {
    /// Connects to the page showing a URL that starts with `url_prefix`.
    async fn attach(port: u16, url_prefix: &str) -> Page {
        let http = reqwest::Client::new();
        let deadline = Instant::now() + STEP_TIMEOUT;
        let socket_url = loop {
            let targets: Vec<Value> = match http
                .get(format!("http://127.0.0.1:{port}/json/list"))
                .send()
                .await
            {
                Ok(response) => serde_json::from_str(&response.text().await.unwrap_or_default())
                    .unwrap_or_default(),
                Err(_) => Vec::new(),
            };
            let found = targets.iter().find_map(|t| {
                let is_page = t["type"] == "page";
                let url = t["url"].as_str()?;
                (is_page && url.starts_with(url_prefix))
                    .then(|| t["webSocketDebuggerUrl"].as_str().map(str::to_owned))?
            });
            if let Some(found) = found {
                break found;
            }
            assert!(
                Instant::now() < deadline,
                "no page at {url_prefix}: {targets:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let (socket, _) = tokio_tungstenite::connect_async(socket_url.as_str())
            .await
            .expect("connect to the page's debugging socket");
        Page { socket, next_id: 1 }
    }

    /// Sends a command and waits for its answer (events are skipped).
    async fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let command = json!({ "id": id, "method": method, "params": params });
        self.socket
            .send(Message::Text(command.to_string()))
            .await
            .expect("send a DevTools command");
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            let next = tokio::time::timeout(remaining, self.socket.next()).await;
            let message = match next {
                Err(_) => panic!("{method}: no answer"),
                Ok(None) => panic!("{method}: the socket closed"),
                Ok(Some(Err(e))) => panic!("{method}: {e}"),
                Ok(Some(Ok(message))) => message,
            };
            let Message::Text(text) = message else {
                continue;
            };
            let answer: Value = serde_json::from_str(&text).expect("DevTools sends JSON");
            if answer["id"] == id {
                assert!(answer.get("error").is_none(), "{method} failed: {answer}");
                return answer["result"].clone();
            }
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    async fn evaluate(&mut self, expression: &str) -> Value {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true }),
            )
            .await;
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page.
    async fn wait_for(&mut self, what: &str, expression: &str) {
        let deadline = Instant::now() + STEP_TIMEOUT;
        while self.evaluate(expression).await != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the middle of the element `selector` with the mouse.
    async fn click(&mut self, selector: &str) {
        let rect = self
            .evaluate(&format!(
                "(() => {{ const r = document.querySelector({selector:?}).getBoundingClientRect(); \
                 return {{x: r.x + r.width / 2, y: r.y + r.height / 2}}; }})()"
            ))
            .await;
        let (x, y) = (rect["x"].as_f64(), rect["y"].as_f64());
        let (Some(x), Some(y)) = (x, y) else {
            panic!("no element {selector}: {rect}");
        };
        for event in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": event, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            )
            .await;
        }
    }

    /// Saves a PNG screenshot, for a person to look at.
    async fn screenshot(&mut self, path: &Path) {
        let shot = self
            .call("Page.captureScreenshot", json!({ "format": "png" }))
            .await;
        if let Some(png) = shot["data"].as_str().and_then(|data| {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.decode(data).ok()
        }) {
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")));
            let _ = std::fs::write(path, png);
        }
    }
}

#[tokio::test]
#[ignore = "needs Debian's chromium: run `make browser-test`"]
async fn approving_in_a_real_browser_lands_on_the_callback_with_a_verifier() {
    let provider = start_provider(|_| {}).await;
    let consumer = Consumer::demo(provider.base_url());
    let callback_url = consumer.url("/callback");
    let issued = consumer.request_token(&callback_url).await;
    let issued = parse_token_response(&issued.body, true).expect("request token");
    let authorize_url =
        oauth1::authorization_url(&consumer.url("/oauth/authorize"), &issued.token).expect("url");

    let browser = Browser::launch(&authorize_url);
    let port = browser.debugging_port().await;
    let mut page = Page::attach(port, &consumer.url("/oauth/authorize")).await;
    page.wait_for(
        "the authorize page",
        "document.readyState === 'complete' && !!document.getElementById('approve')",
    )
    .await;

    // The page names the consumer.
    let consumer_name = page
        .evaluate("document.getElementById('consumer-name').textContent")
        .await;
    assert_eq!(consumer_name, DEMO_CONSUMER_NAME);
    let screenshots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-test");
    page.screenshot(&screenshots.join("authorize-page.png"))
        .await;

    // Approve, with the mouse.
    page.click("#approve").await;
    page.wait_for(
        "the callback",
        &format!(
            "location.href.startsWith({:?}) && document.readyState === 'complete'",
            format!("{callback_url}?")
        ),
    )
    .await;
    let landed = page.evaluate("location.href").await;
    let landed = landed.as_str().expect("the callback URL");
    let callback = parse_callback(landed).expect("the callback carries a verifier");
    assert_eq!(callback.token, issued.token);
    assert!(!callback.verifier.is_empty());
    let shown = page
        .evaluate("document.getElementById('oauth-verifier').textContent")
        .await;
    assert_eq!(shown, callback.verifier.as_str());
    page.screenshot(&screenshots.join("callback-page.png"))
        .await;
    drop(page);
    drop(browser);

    // The verifier from the browser buys the access token.
    let access = consumer.exchange(&issued, &callback.verifier).await;
    assert_eq!(access.status, 200, "{}", access.body);
    provider.stop().await.expect("provider stops");
}
