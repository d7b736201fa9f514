//! The conformance runner's Rust side: reads the vector files of
//! `tests/conformance/vectors` (or any folder of files with those names) and
//! runs every case through the core. A case that cannot be run is a failure.

// Its public items serve only its own binary and tests (publish = false),
// and their fields mirror the vector files' keys, which name them.
#![allow(missing_docs)]

use oauth1::{
    Generated, IncomingRequest, MemoryCredentials, MemoryNonceStore, NonceRecord, NonceStore,
    Problem, Request, SignOptions, SignatureMethod, Signer, Verified, Verifier,
};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The outcome of one file: how many cases passed, and each failure.
#[derive(Debug, Default)]
pub struct Report {
    /// Cases that passed.
    pub passed: usize,
    /// `(case id, what differs)` for each failure.
    pub failures: Vec<(String, String)>,
}

impl Report {
    /// The runner's line: `rust vectors.json: N passed, M failed`.
    pub fn line(&self, language: &str, file: &str) -> String {
        format!(
            "{language} {file}: {} passed, {} failed",
            self.passed,
            self.failures.len()
        )
    }

    fn record(&mut self, id: String, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => self.passed += 1,
            Err(why) => self.failures.push((id, why)),
        }
    }
}

/// The `request` block of a signing case.
#[derive(Debug, Deserialize)]
pub struct SignRequest {
    pub method: String,
    pub url: String,
    pub body: Option<String>,
    pub content_type: Option<String>,
}

/// The `oauth` block of a signing case.
#[derive(Debug, Deserialize)]
pub struct SignOauth {
    pub consumer_key: String,
    pub consumer_secret: String,
    pub token: Option<String>,
    pub token_secret: Option<String>,
    pub signature_method: String,
    pub timestamp: Option<String>,
    pub nonce: Option<String>,
    pub version: Option<String>,
    pub realm: Option<String>,
    pub callback: Option<String>,
    pub verifier: Option<String>,
    #[serde(default)]
    pub body_hash: bool,
    pub rsa_private_key_pem: Option<String>,
    #[serde(default)]
    pub extra_oauth_params: serde_json::Map<String, Value>,
}

/// A signing case of `vectors.json` or `errors.json`.
#[derive(Debug, Deserialize)]
pub struct SignCase {
    pub id: String,
    pub request: SignRequest,
    pub oauth: SignOauth,
    pub expect: BTreeMap<String, Value>,
}

/// Signs a case's input through the core, as every binding does.
pub fn sign_case(case: &SignCase) -> oauth1::Result<oauth1::Signed> {
    let o = &case.oauth;
    let method: SignatureMethod = o.signature_method.parse()?;
    let mut builder = Signer::builder(o.consumer_key.as_str(), o.consumer_secret.as_str())
        .signature_method(method)
        .include_version(o.version.is_some())
        .body_hash(o.body_hash);
    if let Some(token) = &o.token {
        builder = builder.token(token.as_str(), o.token_secret.as_deref().unwrap_or(""));
    }
    if let Some(realm) = &o.realm {
        builder = builder.realm(realm.as_str());
    }
    if let Some(pem) = &o.rsa_private_key_pem {
        builder = builder.rsa_private_key_pem(pem.as_str());
    }
    let signer = builder.build()?;
    let extra: Vec<(&str, &str)> = o
        .extra_oauth_params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default()))
        .collect();
    fn fixed(v: &Option<String>) -> Generated<'_> {
        match v {
            Some(s) => Generated::Fixed(s.as_str()),
            None => Generated::Omit,
        }
    }
    let options = SignOptions {
        timestamp: fixed(&o.timestamp),
        nonce: fixed(&o.nonce),
        callback: o.callback.as_deref(),
        verifier: o.verifier.as_deref(),
        extra_oauth_params: extra,
    };
    let mut request = Request::new(&case.request.method, &case.request.url);
    request.body = case.request.body.as_deref().map(str::as_bytes);
    request.content_type = case.request.content_type.as_deref();
    signer.sign_with(&request, &options)
}

fn expect_str<'a>(case: &'a SignCase, field: &str) -> Result<&'a str, String> {
    case.expect
        .get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("case has no expect.{field}"))
}

fn check_vector(case: &SignCase) -> Result<(), String> {
    let signed = sign_case(case).map_err(|e| format!("refused: {e}"))?;
    let got = [
        ("normalized_parameters", signed.normalized_parameters()),
        ("base_string", signed.base_string().to_owned()),
        ("signature", signed.signature().to_owned()),
    ];
    for (field, value) in got {
        let want = expect_str(case, field)?;
        if want != value {
            return Err(format!("{field}: expected {want:?}, got {value:?}"));
        }
    }
    Ok(())
}

fn check_error(case: &SignCase) -> Result<(), String> {
    let want = expect_str(case, "error")?;
    match sign_case(case) {
        Ok(signed) => Err(format!(
            "error: expected {want}, got a signature {:?}",
            signed.signature()
        )),
        Err(e) if e.kind().as_str() == want => Ok(()),
        Err(e) => Err(format!("error: expected {want}, got {e}")),
    }
}

fn load_cases<T: for<'de> Deserialize<'de>>(
    path: &Path,
    report: &mut Report,
) -> Vec<(String, Result<T, String>)> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            report
                .failures
                .push((path.display().to_string(), format!("cannot read: {e}")));
            return Vec::new();
        }
    };
    let values: Vec<Value> = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            report
                .failures
                .push((path.display().to_string(), format!("not a JSON list: {e}")));
            return Vec::new();
        }
    };
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let id = v
                .get("id")
                .and_then(Value::as_str)
                .map_or_else(|| format!("#{i}"), str::to_owned);
            let case = serde_json::from_value(v).map_err(|e| format!("cannot read case: {e}"));
            (id, case)
        })
        .collect()
}

/// Runs a `vectors.json`.
pub fn run_vectors(path: &Path) -> Report {
    let mut report = Report::default();
    for (id, case) in load_cases::<SignCase>(path, &mut report) {
        report.record(id, case.and_then(|c| check_vector(&c)));
    }
    report
}

/// Runs an `errors.json`.
pub fn run_errors(path: &Path) -> Report {
    let mut report = Report::default();
    for (id, case) in load_cases::<SignCase>(path, &mut report) {
        report.record(id, case.and_then(|c| check_error(&c)));
    }
    report
}

/// A consumer of a verification case's `provider` block.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct VerifyConsumer {
    pub secret: Option<String>,
    pub rsa_public_key_pem: Option<String>,
}

/// A token of a verification case's `provider` block.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct VerifyToken {
    pub secret: String,
    pub consumer_key: String,
}

/// The `provider` block of a verification case (VERIFY.md).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct VerifyProvider {
    pub consumers: BTreeMap<String, VerifyConsumer>,
    pub tokens: BTreeMap<String, VerifyToken>,
    pub now: u64,
    pub timestamp_window: u64,
    /// `[consumer_key, token or "", timestamp, nonce]`.
    pub seen_nonces: Vec<(String, String, u64, String)>,
    pub signature_methods: Vec<String>,
}

/// The `request` block of a verification case.
#[derive(Clone, Debug, Deserialize)]
pub struct VerifyRequest {
    pub method: String,
    pub url: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
    pub content_type: Option<String>,
}

/// The `expect` block of a verification case.
#[derive(Clone, Debug, Deserialize)]
pub struct VerifyExpect {
    pub ok: bool,
    pub problem: Option<String>,
    pub parameters: Option<Vec<String>>,
}

/// A case of `verify.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct VerifyCase {
    pub id: String,
    pub provider: VerifyProvider,
    pub request: VerifyRequest,
    pub expect: VerifyExpect,
}

/// A provider built from a `provider` block: its settings, credentials
/// and nonce store, which keeps what it records across requests.
#[derive(Debug)]
pub struct Provider {
    pub verifier: Verifier,
    pub credentials: MemoryCredentials,
    pub nonces: MemoryNonceStore,
}

impl VerifyProvider {
    /// Builds the provider. Method names the core does not know are left
    /// out of the allowed list (no request can use them anyway). An RSA
    /// key that cannot be parsed makes the case impossible to run.
    pub fn build(&self) -> Result<Provider, String> {
        let methods = self
            .signature_methods
            .iter()
            .filter_map(|name| name.parse::<SignatureMethod>().ok());
        let verifier = Verifier::new()
            .signature_methods(methods)
            .timestamp_window(self.timestamp_window)
            .clock(self.now);
        let mut credentials = MemoryCredentials::new();
        for (key, consumer) in &self.consumers {
            credentials
                .insert_consumer_with(
                    key.as_str(),
                    consumer.secret.as_deref(),
                    consumer.rsa_public_key_pem.as_deref(),
                )
                .map_err(|e| format!("provider consumer {key:?}: {e}"))?;
        }
        for (token, t) in &self.tokens {
            credentials.insert_token(token.as_str(), t.secret.as_str(), t.consumer_key.as_str());
        }
        let nonces = MemoryNonceStore::new();
        for (consumer_key, token, timestamp, nonce) in &self.seen_nonces {
            let record = NonceRecord {
                consumer_key,
                token,
                timestamp: *timestamp,
                nonce,
            };
            nonces.check_and_record(&record, self.now, self.timestamp_window);
        }
        Ok(Provider {
            verifier,
            credentials,
            nonces,
        })
    }
}

impl Provider {
    /// Verifies a case's request, recording its nonce when it passes.
    pub fn verify(&self, request: &VerifyRequest) -> Result<Verified, Problem> {
        let mut incoming = IncomingRequest::new(&request.method, &request.url);
        if let Some(content_type) = &request.content_type {
            incoming = incoming.with_content_type(content_type);
        }
        if let Some(body) = &request.body {
            incoming = incoming.with_body(body.as_bytes());
        }
        let incoming = incoming.with_headers(
            request
                .headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        );
        self.verifier
            .verify(&incoming, &self.credentials, &self.nonces)
    }
}

/// Compares an outcome with a case's `expect`; the first difference.
pub fn compare_verify(
    expect: &VerifyExpect,
    outcome: &Result<Verified, Problem>,
) -> Result<(), String> {
    match (expect.ok, outcome) {
        (true, Ok(_)) => Ok(()),
        (true, Err(problem)) => Err(format!("expected ok, got {problem}")),
        (false, Ok(_)) => Err(format!(
            "expected {} {:?}, got ok",
            expect.problem.as_deref().unwrap_or("?"),
            expect.parameters.as_deref().unwrap_or_default()
        )),
        (false, Err(problem)) => {
            let want = expect
                .problem
                .as_deref()
                .ok_or("case has no expect.problem")?;
            if problem.code().as_str() != want {
                return Err(format!("problem: expected {want}, got {problem}"));
            }
            let want_params = expect.parameters.as_deref().unwrap_or_default();
            if problem.parameters() != want_params {
                return Err(format!(
                    "parameters: expected {want_params:?}, got {:?} ({problem})",
                    problem.parameters()
                ));
            }
            Ok(())
        }
    }
}

fn check_verify(case: &VerifyCase) -> Result<(), String> {
    let provider = case.provider.build()?;
    compare_verify(&case.expect, &provider.verify(&case.request))
}

/// Reads a `verify.json` (for harnesses that replay its cases in order).
pub fn load_verify_cases(path: &Path) -> Result<Vec<VerifyCase>, String> {
    let mut report = Report::default();
    let cases = load_cases::<VerifyCase>(path, &mut report);
    if let Some((what, why)) = report.failures.into_iter().next() {
        return Err(format!("{what}: {why}"));
    }
    cases
        .into_iter()
        .map(|(id, case)| case.map_err(|why| format!("{id}: {why}")))
        .collect()
}

/// Runs a `verify.json`: each case against a fresh provider of its own.
pub fn run_verify(path: &Path) -> Report {
    let mut report = Report::default();
    for (id, case) in load_cases::<VerifyCase>(path, &mut report) {
        report.record(id, case.and_then(|c| check_verify(&c)));
    }
    report
}

/// Runs one vector file.
pub type Runner = fn(&Path) -> Report;

/// The file names this runner knows, each with its runner.
pub fn runners() -> Vec<(&'static str, Runner)> {
    vec![
        ("vectors.json", run_vectors as Runner),
        ("errors.json", run_errors),
        ("verify.json", run_verify),
    ]
}
