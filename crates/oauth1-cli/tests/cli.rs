//! The `oauth1` binary as a shell user runs it.

mod common;
mod shell;

use shell::{assert_contains, assert_usage_error, oauth1, stderr, stdout, success_stdout, OAUTH1};

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Output, Stdio};

/// The project's standard request (the one the benchmarks sign): POST,
/// query and form parameters, HMAC-SHA256, a realm.
const STANDARD_URL: &str =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait";
const STANDARD_BODY: &str = "status=active&tags=a%2Cb&name=John+Doe";
const FORM: &str = "application/x-www-form-urlencoded";
const STANDARD_SIGNATURE: &str = "7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D";

fn standard_sign_args() -> Vec<&'static str> {
    vec![
        "sign",
        "POST",
        STANDARD_URL,
        "--body",
        STANDARD_BODY,
        "--content-type",
        FORM,
        "--consumer-key",
        "ck_5f4dcc3b5aa765d61d8327deb882cf99",
        "--consumer-secret",
        "cs_2c26b46b68ffc68ff99b453c1d30413413422d706",
        "--token",
        "tk_6b86b273ff34fce19d6b804eff5a3f57",
        "--token-secret",
        "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b",
        "--realm",
        "1234567_SB1",
        "--signature-method",
        "HMAC-SHA256",
        "--timestamp",
        "1700000000",
        "--nonce",
        "kllo9940pd9333jh",
    ]
}

#[test]
fn sign_prints_the_standard_requests_authorization_header() {
    let output = oauth1(&standard_sign_args());
    let text = success_stdout(&output);
    assert!(
        text.starts_with("Authorization: OAuth realm=\"1234567_SB1\", oauth_consumer_key="),
        "{text}"
    );
    assert_contains(&text, &format!("oauth_signature=\"{STANDARD_SIGNATURE}\""));
}

#[test]
fn sign_reads_credentials_from_the_environment() {
    let output = Command::new(OAUTH1)
        .args([
            "sign",
            "GET",
            "https://api.example.com/x",
            "--timestamp",
            "1",
            "--nonce",
            "n",
        ])
        .env("OAUTH1_CONSUMER_KEY", "env-key")
        .env("OAUTH1_CONSUMER_SECRET", "env-secret")
        .env_remove("OAUTH1_TOKEN")
        .env_remove("OAUTH1_TOKEN_SECRET")
        .output()
        .expect("run oauth1");
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).contains("oauth_consumer_key=\"env-key\""));
}

#[test]
fn sign_explain_prints_the_base_string_and_normalized_parameters() {
    let mut args = standard_sign_args();
    args.push("--explain");
    let text = stdout(&oauth1(&args));
    assert!(
        text.contains(
            "Base string:           POST&https%3A%2F%2Fapi.example.com%2Fv1%2Frecords%2Fsearch&"
        ),
        "{text}"
    );
    assert_contains(
        &text,
        "Normalized parameters: limit=50&name=John%20Doe&oauth_consumer_key=",
    );
    assert!(
        !text.contains("cs_2c26b46b"),
        "the secret must not be printed: {text}"
    );
}

#[test]
fn sign_curl_prints_a_shell_ready_command() {
    let mut args = standard_sign_args();
    args.push("--curl");
    let text = stdout(&oauth1(&args));
    assert!(
        text.starts_with("curl -sS -X POST 'https://api.example.com:443/v1/records/search?"),
        "{text}"
    );
    assert_contains(
        &text,
        "-H 'Content-Type: application/x-www-form-urlencoded'",
    );
    assert_contains(&text, &format!("--data-binary '{STANDARD_BODY}'"));
}

#[test]
fn sign_without_a_consumer_secret_says_how_to_give_it() {
    let output = oauth1(&["sign", "GET", "https://a.example/", "--consumer-key", "ck"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("OAUTH1_CONSUMER_SECRET"));
}

fn verify_standard(consumer_secret: &str, extra: &[&str]) -> Output {
    let header = stdout(&oauth1(&standard_sign_args()));
    let header = header
        .trim()
        .strip_prefix("Authorization: ")
        .expect("header line")
        .to_owned();
    let mut args = vec![
        "verify",
        "POST",
        STANDARD_URL,
        "--authorization",
        &header,
        "--body",
        STANDARD_BODY,
        "--content-type",
        FORM,
        "--consumer-secret",
        consumer_secret,
        "--token-secret",
        "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b",
    ];
    args.extend_from_slice(extra);
    oauth1(&args)
}

#[test]
fn verify_accepts_what_sign_made() {
    let output = verify_standard(
        "cs_2c26b46b68ffc68ff99b453c1d30413413422d706",
        &["--ignore-timestamp"],
    );
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.starts_with("OK: every check passed"), "{text}");
    assert_contains(&text, "HMAC-SHA256");
}

#[test]
fn verify_names_the_signature_check_when_the_secret_is_wrong() {
    let output = verify_standard("wrong", &["--ignore-timestamp"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("FAILED check: signature\n  oauth_problem=signature_invalid"),
        "{text}"
    );
    assert_contains(&text, "base string is \"POST&https%3A%2F%2Fapi.example.com");
}

#[test]
fn verify_names_the_timestamp_window_for_an_old_capture() {
    let output = verify_standard("cs_2c26b46b68ffc68ff99b453c1d30413413422d706", &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("FAILED check: timestamp window\n  oauth_problem=timestamp_refused"),
        "{text}"
    );
    let at_the_time = verify_standard(
        "cs_2c26b46b68ffc68ff99b453c1d30413413422d706",
        &["--now", "1700000100"],
    );
    assert!(at_the_time.status.success(), "{}", stdout(&at_the_time));
}

#[test]
fn verify_names_the_consumer_check_for_another_consumer_key() {
    let output = verify_standard(
        "cs_2c26b46b68ffc68ff99b453c1d30413413422d706",
        &["--ignore-timestamp", "--consumer-key", "someone-else"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("oauth_problem=consumer_key_unknown"));
}

#[test]
fn help_explains_each_command() {
    let text = stdout(&oauth1(&["--help"]));
    for expected in [
        "sign",
        "verify",
        "serve",
        "Authorization header",
        "three-legged",
    ] {
        assert!(text.contains(expected), "--help lacks {expected:?}: {text}");
    }
    let serve_help = stdout(&oauth1(&["serve", "--help"]));
    assert_contains(&serve_help, "demo-consumer");
    assert_contains(&serve_help, "--auto-approve");
}

#[test]
fn serve_prints_its_address_first_and_answers_there() {
    let mut child = Command::new(OAUTH1)
        .args(["serve", "--port", "0", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start oauth1 serve");
    let mut first_line = String::new();
    let read = child
        .stdout
        .take()
        .map(|out| BufReader::new(out).read_line(&mut first_line));
    let address = first_line.trim().to_owned();
    let reachable = address
        .strip_prefix("http://")
        .and_then(|hostport| std::net::TcpStream::connect(hostport).ok())
        .is_some();
    let _ = child.kill();
    let _ = child.wait();
    assert!(matches!(read, Some(Ok(n)) if n > 0), "no first line");
    assert!(address.starts_with("http://127.0.0.1:"), "{address}");
    assert!(reachable, "nothing listens on {address}");
}

#[test]
fn an_rsa_signature_made_by_sign_passes_verify_with_the_public_key() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let private_key = format!("{fixtures}rsa-consumer.key.pem");
    let public_key = format!("{fixtures}rsa-consumer.pub.pem");
    let url = "https://api.example.com/v1/me?x=1";
    let signed = oauth1(&[
        "sign",
        "GET",
        url,
        "--consumer-key",
        "rsa-app",
        "--signature-method",
        "RSA-SHA256",
        "--rsa-key",
        &private_key,
    ]);
    assert!(signed.status.success(), "{signed:?}");
    let header = stdout(&signed);
    let header = header
        .trim()
        .strip_prefix("Authorization: ")
        .expect("header line");
    let verified = oauth1(&[
        "verify",
        "GET",
        url,
        "--authorization",
        header,
        "--rsa-public-key",
        &public_key,
    ]);
    assert!(verified.status.success(), "{}", stdout(&verified));
    assert!(stdout(&verified).contains("RSA-SHA256"));
    let tampered = oauth1(&[
        "verify",
        "GET",
        "https://api.example.com/v1/me?x=2",
        "--authorization",
        header,
        "--rsa-public-key",
        &public_key,
    ]);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(stdout(&tampered).contains("oauth_problem=signature_invalid"));
}

#[test]
fn verify_reads_a_whole_captured_request_and_needs_the_right_scheme() {
    let header = stdout(&oauth1(&standard_sign_args()));
    let header = header
        .trim()
        .strip_prefix("Authorization: ")
        .expect("header line");
    let capture = format!(
        "POST /v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait HTTP/1.1\r\n\
         Host: api.example.com\r\n\
         Authorization: {header}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{STANDARD_BODY}",
        STANDARD_BODY.len()
    );
    let path = std::env::temp_dir().join(format!("oauth1-capture-{}.http", std::process::id()));
    std::fs::write(&path, capture).expect("write the capture");
    let path_text = path.display().to_string();
    let verify = |scheme: &str| {
        oauth1(&[
            "verify",
            "--request",
            &path_text,
            "--scheme",
            scheme,
            "--consumer-secret",
            "cs_2c26b46b68ffc68ff99b453c1d30413413422d706",
            "--token-secret",
            "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b",
            "--now",
            "1700000100",
        ])
    };
    let over_tls = verify("https");
    let over_http = verify("http");
    let _ = std::fs::remove_file(&path);
    assert!(over_tls.status.success(), "{}", stdout(&over_tls));
    assert!(stdout(&over_tls).starts_with(
        "Request: POST https://api.example.com/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait\nOK"
    ));
    assert!(stdout(&over_http).contains("oauth_problem=signature_invalid"));
}

#[tokio::test]
async fn serve_logs_one_line_per_request_with_consumer_outcome_and_problem() {
    let mut child = Command::new(OAUTH1)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start oauth1 serve");
    let mut first_line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut first_line);
    }
    let base_url = first_line.trim().to_owned();
    let url = format!("{base_url}/api/me");
    let signed = oauth1::Signer::builder("stranger", "secret")
        .build()
        .expect("signer")
        .sign(&oauth1::Request::new("GET", &url))
        .expect("sign");
    let status = reqwest::Client::new()
        .get(&url)
        .header("Authorization", signed.authorization_header())
        .send()
        .await
        .map(|r| r.status().as_u16());
    // Give the log line a moment to be written, then stop the provider.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let _ = child.kill();
    let output = child.wait_with_output().expect("provider output");
    let log = String::from_utf8_lossy(&output.stderr);
    assert_eq!(status.ok(), Some(401));
    assert!(
        log.lines().any(|line| line.starts_with(
            "oauth1 serve: GET /api/me consumer=stranger status=401 outcome=refused problem=consumer_key_unknown"
        )),
        "{log}"
    );
}

/// `oauth1 sign` with fixed credentials, timestamp and nonce, then `extra`.
fn sign_fixed(method: &str, url: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "sign",
        method,
        url,
        "--consumer-key",
        "ck",
        "--consumer-secret",
        "cs",
        "--timestamp",
        "1700000000",
        "--nonce",
        "n0nce",
    ];
    args.extend_from_slice(extra);
    oauth1(&args)
}

/// The value after `Normalized parameters:` in `sign --explain`'s output.
fn normalized_parameters(output: &Output) -> String {
    let text = stdout(output);
    text.lines()
        .find_map(|line| line.strip_prefix("Normalized parameters: "))
        .unwrap_or_else(|| panic!("no normalized parameters: {text}{}", stderr(output)))
        .to_owned()
}

/// `oauth1 verify` of `url` against consumer ck / cs, then `extra`.
fn verify_fixed(method: &str, url: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "verify",
        method,
        url,
        "--consumer-secret",
        "cs",
        "--ignore-timestamp",
    ];
    args.extend_from_slice(extra);
    oauth1(&args)
}

/// The Authorization header value `sign` printed (its name taken off).
fn header_value(output: &Output) -> String {
    let text = stdout(output);
    text.trim()
        .strip_prefix("Authorization: ")
        .unwrap_or_else(|| panic!("no header line: {text}{}", stderr(output)))
        .to_owned()
}

#[test]
fn a_body_is_never_guessed_to_be_a_form_when_signing() {
    let url = "https://a.example/records";
    for body in ["a=1", "{\"a\": 1}"] {
        let guessed = sign_fixed("POST", url, &["--body", body, "--explain"]);
        assert!(guessed.status.success(), "{guessed:?}");
        let params = normalized_parameters(&guessed);
        assert!(
            params.starts_with("oauth_consumer_key="),
            "{body}: {params}"
        );
        assert_contains(&stderr(&guessed), "the body is not a form");
    }
    let not_into_it = sign_fixed("POST", url, &["--body", "a=1", "--placement", "body"]);
    assert_eq!(not_into_it.status.code(), Some(2));
    assert_contains(
        &stderr(&not_into_it),
        "a body is a form only with --content-type",
    );
    let form = sign_fixed(
        "POST",
        url,
        &["--body", "a=1", "--content-type", FORM, "--explain"],
    );
    assert!(normalized_parameters(&form).starts_with("a=1&oauth_consumer_key="));
    // curl would send --data-binary as a form: the command takes that type away.
    let curl = sign_fixed("POST", url, &["--body", "{\"a\": 1}", "--curl"]);
    let text = stdout(&curl);
    assert_contains(&text, " -H Content-Type: --data-binary '{\"a\": 1}'");
}

#[test]
fn a_body_is_never_guessed_to_be_a_form_when_verifying() {
    let url = "https://a.example/records";
    let signed = sign_fixed("POST", url, &["--body", "a=1"]);
    let header = header_value(&signed);
    let as_signed = verify_fixed("POST", url, &["--authorization", &header, "--body", "a=1"]);
    assert!(as_signed.status.success(), "{}", stdout(&as_signed));
    let as_form = verify_fixed(
        "POST",
        url,
        &[
            "--authorization",
            &header,
            "--body",
            "a=1",
            "--content-type",
            FORM,
        ],
    );
    assert!(
        stdout(&as_form).contains("oauth_problem=signature_invalid"),
        "{}",
        stdout(&as_form)
    );
}

#[test]
fn body_hash_policy_is_off_by_default_bare_means_always_and_names_parse() {
    let url = "https://a.example/records";
    let json = ["--body", "{\"a\": 1}", "--content-type", "application/json"];
    let has_hash = |output: &Output| {
        assert!(output.status.success(), "{output:?}");
        stdout(output).contains("oauth_body_hash=")
    };
    assert!(!has_hash(&sign_fixed("PUT", url, &json)));
    assert!(!has_hash(&sign_fixed(
        "PUT",
        url,
        &[&json[..], &["--body-hash=off"]].concat()
    )));
    assert!(has_hash(&sign_fixed(
        "PUT",
        url,
        &[&json[..], &["--body-hash"]].concat()
    )));
    // A bare --body-hash takes no value from the next word.
    let before_the_method = oauth1(&[
        "sign",
        "--body-hash",
        "GET",
        url,
        "--consumer-key",
        "ck",
        "--consumer-secret",
        "cs",
    ]);
    assert!(has_hash(&before_the_method));
    assert!(!has_hash(&sign_fixed(
        "GET",
        url,
        &["--body-hash=non-form"]
    )));
    assert!(has_hash(&sign_fixed(
        "PUT",
        url,
        &[&json[..], &["--body-hash=non-form"]].concat()
    )));
    assert!(has_hash(&sign_fixed("GET", url, &["--body-hash=always"])));
    let form = ["--body", "a=1", "--content-type", FORM];
    assert!(!has_hash(&sign_fixed(
        "POST",
        url,
        &[&form[..], &["--body-hash=non-form"]].concat()
    )));
    let refused = sign_fixed("POST", url, &[&form[..], &["--body-hash=always"]].concat());
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert_contains(&stderr(&refused), "oauth_body_hash");
    let unknown = sign_fixed("GET", url, &["--body-hash=sometimes"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_contains(&stderr(&unknown), "not one of off, non-form, always");
    // A hashed JSON body verifies, and a changed body does not.
    let signed = sign_fixed("PUT", url, &[&json[..], &["--body-hash=non-form"]].concat());
    let header = header_value(&signed);
    let verified = verify_fixed(
        "PUT",
        url,
        &[&["--authorization", header.as_str()][..], &json[..]].concat(),
    );
    assert!(verified.status.success(), "{}", stdout(&verified));
    assert!(
        stdout(&verified).contains("body hash:"),
        "{}",
        stdout(&verified)
    );
    let changed = verify_fixed(
        "PUT",
        url,
        &[
            "--authorization",
            &header,
            "--body",
            "{\"a\": 2}",
            "--content-type",
            "application/json",
        ],
    );
    assert_eq!(changed.status.code(), Some(1), "{}", stdout(&changed));
}

#[test]
fn sign_refuses_a_timestamp_that_is_not_a_positive_integer_of_seconds() {
    let hundred_nines = "9".repeat(100);
    for timestamp in ["abc", "-5", hundred_nines.as_str(), "0"] {
        for form in [
            vec!["--timestamp".to_owned(), timestamp.to_owned()],
            vec![format!("--timestamp={timestamp}")],
        ] {
            let mut args = vec![
                "sign",
                "GET",
                "https://a.example/",
                "--consumer-key",
                "ck",
                "--consumer-secret",
                "cs",
            ];
            args.extend(form.iter().map(String::as_str));
            let output = oauth1(&args);
            assert_eq!(output.status.code(), Some(2), "{timestamp}: {output:?}");
            assert!(stdout(&output).is_empty(), "{timestamp}: {output:?}");
            let message = stderr(&output);
            assert!(
                message.contains("oauth_timestamp") && message.contains("positive integer"),
                "{timestamp}: {message}"
            );
        }
    }
}

#[test]
fn sign_refuses_an_empty_consumer_key() {
    let flag = oauth1(&[
        "sign",
        "GET",
        "https://a.example/",
        "--consumer-key",
        "",
        "--consumer-secret",
        "cs",
    ]);
    let from_the_environment = Command::new(OAUTH1)
        .args(["sign", "GET", "https://a.example/"])
        .env("OAUTH1_CONSUMER_KEY", "")
        .env("OAUTH1_CONSUMER_SECRET", "cs")
        .env_remove("OAUTH1_TOKEN")
        .env_remove("OAUTH1_TOKEN_SECRET")
        .output()
        .expect("run oauth1");
    for output in [flag, from_the_environment] {
        assert_usage_error(&output, "consumer_key is empty");
    }
}

#[test]
fn verify_refuses_an_empty_consumer_key() {
    let url = "https://a.example/";
    let header = header_value(&sign_fixed("GET", url, &[]));
    let given_empty = verify_fixed(
        "GET",
        url,
        &["--authorization", &header, "--consumer-key", ""],
    );
    assert_eq!(given_empty.status.code(), Some(2), "{given_empty:?}");
    assert!(!stdout(&given_empty).contains("every check passed"));
    assert!(
        stderr(&given_empty)
            .contains("consumer key (--consumer-key or OAUTH1_CONSUMER_KEY) is empty"),
        "{}",
        stderr(&given_empty)
    );
    // A request naming the empty consumer key, otherwise correct (PLAINTEXT
    // with the right secret), is refused by the verifier.
    let names_empty = verify_fixed(
        "GET",
        url,
        &[
            "--authorization",
            "OAuth oauth_consumer_key=\"\", oauth_signature_method=\"PLAINTEXT\", \
             oauth_signature=\"cs%26\", oauth_timestamp=\"1700000000\", oauth_nonce=\"n\"",
            "--allow-plaintext",
        ],
    );
    assert_eq!(names_empty.status.code(), Some(1), "{names_empty:?}");
    let text = stdout(&names_empty);
    assert!(!text.contains("every check passed"), "{text}");
    assert_contains(&text, "oauth_problem=consumer_key_unknown");
}

#[test]
fn sign_refuses_oauth_parameters_in_the_query_or_form_body() {
    let in_query = sign_fixed("GET", "https://a.example/?x=1&oauth_token=t", &[]);
    let in_form = sign_fixed(
        "POST",
        "https://a.example/",
        &["--body", "a=1&oauth_nonce=2", "--content-type", FORM],
    );
    for (output, name) in [(in_query, "\"oauth_token\""), (in_form, "\"oauth_nonce\"")] {
        assert_usage_error(&output, name);
    }
    // Not a form, so not parameters: an oauth_ name in a JSON body is data.
    let json = sign_fixed(
        "POST",
        "https://a.example/",
        &[
            "--body",
            "oauth_nonce=2",
            "--content-type",
            "application/json",
        ],
    );
    assert!(json.status.success(), "{json:?}");
}

#[test]
fn a_url_whose_query_ends_in_a_question_mark_round_trips_with_placement_query() {
    let url = "https://a.example/?x=1&y=2?";
    let signed = sign_fixed("GET", url, &["--placement", "query"]);
    assert!(signed.status.success(), "{signed:?}");
    let signed_url = stdout(&signed).trim().to_owned();
    assert!(
        signed_url.starts_with("https://a.example/?x=1&y=2?&oauth_consumer_key=ck&"),
        "{signed_url}"
    );
    let verified = verify_fixed("GET", &signed_url, &[]);
    let text = stdout(&verified);
    assert!(verified.status.success(), "{text}");
    assert_contains(&text, "parameters in:     query");
}

#[test]
fn verify_accepts_the_authorization_line_sign_prints_pasted_with_its_name() {
    let url = "https://a.example/v1/me?x=1";
    let line = stdout(&sign_fixed("GET", url, &[]));
    assert!(line.starts_with("Authorization: OAuth "), "{line}");
    let value = header_value(&sign_fixed("GET", url, &[]));
    let lower = format!("authorization:{value}");
    let spaced = format!("AUTHORIZATION \t:  {value}  ");
    for pasted in [line.as_str(), value.as_str(), &lower, &spaced] {
        let output = verify_fixed("GET", url, &["--authorization", pasted]);
        let text = stdout(&output);
        assert!(output.status.success(), "{pasted:?}: {text}");
        assert!(text.starts_with("OK: every check passed"), "{text}");
    }
}

#[test]
fn verify_omits_an_empty_realm_from_www_authenticate() {
    let url = "https://a.example/";
    let header = header_value(&sign_fixed("GET", url, &["--realm", "Photos"]));
    let refused = oauth1(&[
        "verify",
        "GET",
        url,
        "--authorization",
        &header,
        "--consumer-secret",
        "wrong",
        "--ignore-timestamp",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let text = stdout(&refused);
    assert_contains(&text, "\n  WWW-Authenticate: OAuth\n");
    assert!(!text.contains("realm=\"\""), "{text}");
}

/// `oauth1 serve --port 0 --quiet` with `args`, the OAUTH1_* variables
/// only from `env`; stopped when dropped.
struct Served {
    child: Child,
    base_url: String,
}

impl Served {
    fn start(args: &[&str], env: &[(&str, &str)]) -> Served {
        let mut command = Command::new(OAUTH1);
        command.args(["serve", "--port", "0", "--quiet"]).args(args);
        for name in [
            "OAUTH1_CONSUMER_KEY",
            "OAUTH1_CONSUMER_SECRET",
            "OAUTH1_TOKEN",
            "OAUTH1_TOKEN_SECRET",
        ] {
            command.env_remove(name);
        }
        command.envs(env.iter().copied());
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start oauth1 serve");
        let mut first_line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut first_line);
        }
        if first_line.is_empty() {
            let _ = child.kill();
            let mut log = String::new();
            if let Some(mut err) = child.stderr.take() {
                let _ = err.read_to_string(&mut log);
            }
            let _ = child.wait();
            panic!("oauth1 serve did not start: {log}");
        }
        Served {
            child,
            base_url: first_line.trim().to_owned(),
        }
    }

    /// The process's command line as other local users read it.
    fn command_line(&self) -> String {
        let path = format!("/proc/{}/cmdline", self.child.id());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
        String::from_utf8_lossy(&bytes).replace('\0', " ")
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The three-legged flow as `key`/`secret` against `served`, then /api/me.
async fn assert_flow_completes(served: &Served, key: &str, secret: &str) {
    let consumer = common::Consumer::new(&served.base_url, key, secret);
    let access = consumer.authorize_automatically().await;
    let me = consumer
        .resource(
            &access,
            "GET",
            "/api/me",
            None,
            &oauth1::SignOptions::default(),
        )
        .await;
    assert_eq!(me.status, 200, "{}", me.body);
    let wrong = common::Consumer::new(&served.base_url, key, "not-the-secret")
        .request_token("oob")
        .await;
    assert_eq!(
        wrong.problem().as_deref(),
        Some("signature_invalid"),
        "{}",
        wrong.body
    );
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn serve_takes_a_consumer_secret_from_the_environment_off_the_command_line() {
    let secret = "env-app-secret-7f3a91";
    let served = Served::start(
        &[
            "--auto-approve",
            "--no-demo-consumer",
            "--consumer",
            "env-app",
        ],
        &[("OAUTH1_CONSUMER_SECRET", secret)],
    );
    let command_line = served.command_line();
    assert_contains(&command_line, "--consumer env-app");
    assert!(!command_line.contains(secret), "{command_line}");
    assert_flow_completes(&served, "env-app", secret).await;
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn serve_takes_consumers_from_a_file_off_the_command_line() {
    let secret = "file-app-secret-c41d07";
    let path =
        std::env::temp_dir().join(format!("oauth1-cli-consumers-{}.toml", std::process::id()));
    std::fs::write(
        &path,
        format!("[[consumer]]\nkey = \"file-app\"\nsecret = \"{secret}\"\n"),
    )
    .expect("write the consumers file");
    let path_text = path.display().to_string();
    let served = Served::start(
        &[
            "--auto-approve",
            "--no-demo-consumer",
            "--consumers-file",
            &path_text,
        ],
        &[],
    );
    let command_line = served.command_line();
    assert!(!command_line.contains(secret), "{command_line}");
    assert_flow_completes(&served, "file-app", secret).await;
    drop(served);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn serve_refuses_a_consumer_without_a_secret_when_the_environment_has_none() {
    let output = oauth1(&["serve", "--port", "0", "--consumer", "env-app"]);
    assert_usage_error(&output, "OAUTH1_CONSUMER_SECRET");
}

#[test]
fn serve_help_says_the_flag_form_exposes_the_secret() {
    let help = stdout(&oauth1(&["serve", "--help"]));
    for expected in [
        "/proc/PID/cmdline",
        "OAUTH1_CONSUMER_SECRET",
        "--consumers-file",
    ] {
        assert!(
            help.contains(expected),
            "serve --help lacks {expected:?}: {help}"
        );
    }
}

#[tokio::test]
async fn serve_omits_an_empty_realm_from_www_authenticate() {
    let served = Served::start(&["--realm", ""], &[]);
    let refused = common::Consumer::new(&served.base_url, "stranger", "secret")
        .request_token("oob")
        .await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.www_authenticate.as_deref(), Some("OAuth"));
}

#[test]
fn sign_accepts_a_realm_with_a_horizontal_tab() {
    let url = "https://a.example/";
    let signed = sign_fixed("GET", url, &["--realm", "a\tb"]);
    assert!(signed.status.success(), "{signed:?}");
    let header = header_value(&signed);
    assert!(header.starts_with("OAuth realm=\"a\tb\", "), "{header}");
    let verified = verify_fixed("GET", url, &["--authorization", &header]);
    let text = stdout(&verified);
    assert!(verified.status.success(), "{text}");
    assert_contains(&text, "  realm:             a\tb\n");
}

#[test]
fn sign_sends_a_non_ascii_realm_as_percent_encoded_utf8() {
    let url = "https://a.example/";
    let signed = sign_fixed("GET", url, &["--realm", "東京"]);
    assert!(signed.status.success(), "{signed:?}");
    let header = header_value(&signed);
    assert!(
        header.starts_with("OAuth realm=\"%E6%9D%B1%E4%BA%AC\", "),
        "{header}"
    );
    assert!(header.is_ascii(), "{header}");
    // The same signature as without a realm: the realm is never signed.
    let without = header_value(&sign_fixed("GET", url, &[]));
    assert_eq!(
        header.strip_prefix("OAuth realm=\"%E6%9D%B1%E4%BA%AC\", "),
        without.strip_prefix("OAuth "),
    );
    let verified = verify_fixed("GET", url, &["--authorization", &header]);
    let text = stdout(&verified);
    assert!(verified.status.success(), "{text}");
    assert_contains(
        &text,
        "  realm:             %E6%9D%B1%E4%BA%AC (percent-encoded 東京)\n",
    );
}

#[test]
fn sign_refuses_a_realm_with_a_carriage_return() {
    for realm in ["a\rb", "a\nb", "a\u{7f}b"] {
        let output = sign_fixed("GET", "https://a.example/", &["--realm", realm]);
        assert_eq!(output.status.code(), Some(2), "{realm:?}: {output:?}");
        assert!(stdout(&output).is_empty(), "{output:?}");
        let message = stderr(&output);
        assert!(
            message.contains("realm") && message.contains("control character"),
            "{realm:?}: {message}"
        );
    }
}
