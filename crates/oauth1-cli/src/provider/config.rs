//! The provider's settings and its consumer registry: a built-in demo
//! consumer, `--consumer KEY[:SECRET]` flags (the secret from the
//! environment when it is not given), and a TOML file.

use super::server::ConnectionLimits;
use super::state::{Consumer, RecordLimits};
use oauth1::{ConsumerCredentials, DEFAULT_TIMESTAMP_WINDOW};
use std::path::Path;
use std::time::Duration;

/// The demo consumer's key, registered unless turned off.
pub const DEMO_CONSUMER_KEY: &str = "demo-consumer";
/// The demo consumer's secret. It is public: the provider only listens on loopback.
pub const DEMO_CONSUMER_SECRET: &str = "demo-consumer-secret";
/// The name the authorize page shows for the demo consumer.
pub const DEMO_CONSUMER_NAME: &str = "liboauth1 Demo Consumer";

/// How the provider behaves.
#[derive(Clone, Debug)]
pub struct ProviderConfig {
    /// The registered consumers.
    pub consumers: Vec<Consumer>,
    /// Approve every request token as soon as its authorize page is asked
    /// for, without showing the page (scripts and tests).
    pub auto_approve: bool,
    /// Seconds a timestamp may be away from the provider's clock.
    pub timestamp_window: u64,
    /// How long a request token can be authorized and exchanged.
    pub request_token_ttl: Duration,
    /// The realm of `WWW-Authenticate`.
    pub realm: String,
    /// Rebuild the signed URL from `Forwarded` / `X-Forwarded-*` (only
    /// behind a proxy of your own that sets them).
    pub trust_proxy_headers: bool,
    /// One line per request on stderr.
    pub log_requests: bool,
    /// Accept PLAINTEXT signatures (secrets in clear; loopback only).
    pub allow_plaintext: bool,
    /// The resource owner's name.
    pub user: String,
    /// Where tokens and nonces live: `memory`, or `redis://HOST:PORT/DB`
    /// shared by every instance using it.
    pub store: String,
    /// How long an access token is valid.
    pub access_token_ttl: Duration,
    /// Access tokens kept at most by the in-memory store (oldest first).
    pub max_access_tokens: usize,
    /// Header-read and idle timeouts, and the connection limit.
    pub connection_limits: ConnectionLimits,
    /// What the test API's records may hold.
    pub record_limits: RecordLimits,
}

impl ProviderConfig {
    /// The demo consumer only, interactive approval, a 300 s window,
    /// request tokens valid for 10 minutes, requests logged, tokens and
    /// nonces in memory, the default connection and record limits.
    pub fn demo() -> Self {
        ProviderConfig {
            consumers: vec![demo_consumer()],
            auto_approve: false,
            timestamp_window: DEFAULT_TIMESTAMP_WINDOW,
            request_token_ttl: Duration::from_secs(600),
            realm: "liboauth1 local provider".to_owned(),
            trust_proxy_headers: false,
            log_requests: true,
            allow_plaintext: false,
            user: "ada".to_owned(),
            store: "memory".to_owned(),
            access_token_ttl: oauth1::provider::DEFAULT_ACCESS_TOKEN_TTL,
            max_access_tokens: oauth1::provider::DEFAULT_TOKEN_CAPACITY,
            connection_limits: ConnectionLimits::default(),
            record_limits: RecordLimits::default(),
        }
    }
}

/// The built-in demo consumer.
pub fn demo_consumer() -> Consumer {
    Consumer {
        key: DEMO_CONSUMER_KEY.to_owned(),
        name: DEMO_CONSUMER_NAME.to_owned(),
        credentials: ConsumerCredentials::with_secret(DEMO_CONSUMER_SECRET),
    }
}

/// The environment variable holding the secret of `--consumer KEY` (the
/// one `oauth1 sign` and `verify` read, so one `export` serves both sides).
pub const CONSUMER_SECRET_VARIABLE: &str = "OAUTH1_CONSUMER_SECRET";

/// Parses `--consumer`: `KEY:SECRET` (the secret may hold colons; the key
/// may not), or `KEY` alone with the secret from `secret_from_environment`
/// ([`CONSUMER_SECRET_VARIABLE`]), which keeps it off the command line.
/// No message repeats the secret.
pub fn parse_consumer_flag(
    flag: &str,
    secret_from_environment: Option<&str>,
) -> Result<Consumer, String> {
    let (key, secret) = match flag.split_once(':') {
        Some((key, secret)) => (key, secret),
        None => {
            let secret = secret_from_environment.filter(|s| !s.is_empty()).ok_or_else(|| {
                format!(
                    "--consumer {flag:?} has no :SECRET, so its secret comes from {CONSUMER_SECRET_VARIABLE}, which is not set or empty"
                )
            })?;
            (flag, secret)
        }
    };
    if key.is_empty() || secret.is_empty() {
        return Err("--consumer expects KEY (secret in OAUTH1_CONSUMER_SECRET) or KEY:SECRET, both non-empty".to_owned());
    }
    Ok(Consumer {
        key: key.to_owned(),
        name: key.to_owned(),
        credentials: ConsumerCredentials::with_secret(secret),
    })
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsumersFile {
    #[serde(default, rename = "consumer")]
    consumers: Vec<ConsumerEntry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsumerEntry {
    key: String,
    name: Option<String>,
    secret: Option<String>,
    /// A PEM file (SubjectPublicKeyInfo or PKCS#1), relative to the
    /// consumers file, for the RSA signature methods.
    rsa_public_key: Option<String>,
}

/// Reads consumers from a TOML file:
///
/// ```toml
/// [[consumer]]
/// key = "my-app"
/// name = "My App"
/// secret = "my-app-secret"
/// # rsa_public_key = "my-app.pub.pem"   # for RSA-SHA1/256/512
/// ```
pub fn load_consumers_file(path: &Path) -> Result<Vec<Consumer>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file: ConsumersFile =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    file.consumers
        .into_iter()
        .map(|entry| {
            let pem = match &entry.rsa_public_key {
                Some(pem_path) => {
                    let pem_path = dir.join(pem_path);
                    let pem = std::fs::read_to_string(&pem_path)
                        .map_err(|e| format!("cannot read {}: {e}", pem_path.display()))?;
                    Some(pem)
                }
                None => None,
            };
            // The core's one rule: a key, and a secret and/or an RSA key.
            Consumer::new(
                entry.key,
                entry.name.unwrap_or_default(),
                entry.secret,
                pem.as_deref(),
            )
            .map_err(|e| format!("{}: {}", path.display(), e.message()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oauth1::Secret;

    #[test]
    fn a_consumer_flag_splits_at_the_first_colon() {
        let consumer = parse_consumer_flag("app:s:e:c", Some("env")).expect("valid");
        assert_eq!(consumer.key, "app");
        assert_eq!(
            consumer.credentials.secret.as_ref().map(Secret::expose),
            Some("s:e:c")
        );
        assert!(parse_consumer_flag(":secret", None).is_err());
        assert!(parse_consumer_flag("app:", Some("env")).is_err());
    }

    #[test]
    fn a_consumer_flag_without_a_secret_takes_it_from_the_environment() {
        let consumer = parse_consumer_flag("app", Some("env-secret")).expect("valid");
        assert_eq!(consumer.key, "app");
        assert_eq!(
            consumer.credentials.secret.as_ref().map(Secret::expose),
            Some("env-secret")
        );
        for unset in [None, Some("")] {
            let message = parse_consumer_flag("app", unset).expect_err("no secret");
            assert!(message.contains(CONSUMER_SECRET_VARIABLE), "{message}");
        }
        let message = parse_consumer_flag(":hunter2", None).expect_err("no key");
        assert!(!message.contains("hunter2"), "{message}");
    }

    #[test]
    fn a_consumers_file_needs_a_secret_or_a_key() {
        let dir = std::env::temp_dir().join(format!("oauth1-cli-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("consumers.toml");
        std::fs::write(
            &path,
            "[[consumer]]\nkey = \"a\"\nname = \"App A\"\nsecret = \"sa\"\n",
        )
        .expect("write");
        let consumers = load_consumers_file(&path).expect("valid file");
        assert_eq!(consumers[0].name, "App A");
        std::fs::write(&path, "[[consumer]]\nkey = \"b\"\n").expect("write");
        assert!(load_consumers_file(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
