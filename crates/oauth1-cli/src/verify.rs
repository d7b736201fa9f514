//! `oauth1 verify`: checks a captured request with the core's verifier and
//! says which check failed.

use crate::cli::{read_body, BodyArgs, Scheme, VerifyArgs};
use oauth1::{
    ConsumerCredentials, CredentialStore, IncomingRequest, MemoryNonceStore, Problem, ProblemCode,
    ReceivedUrl, Secret, SignatureMethod, TokenCredentials, Verified, Verifier,
};
use std::cell::RefCell;
use std::fmt::Write;
use std::process::ExitCode;

pub fn run(args: &VerifyArgs) -> Result<ExitCode, String> {
    let (report, passed) = check(args)?;
    print!("{report}");
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The provider's side as the command line describes it: one consumer
/// (the named one, or whichever the request names) and one token.
struct GivenCredentials {
    consumer_key: Option<String>,
    consumer: ConsumerCredentials,
    token: Option<String>,
    token_secret: Option<Secret>,
    /// The consumer key the verifier asked about: the token belongs to it
    /// when no consumer key was given.
    asked_consumer_key: RefCell<Option<String>>,
}

impl CredentialStore for GivenCredentials {
    fn consumer(&self, consumer_key: &str) -> Option<ConsumerCredentials> {
        if self
            .consumer_key
            .as_deref()
            .is_some_and(|known| known != consumer_key)
        {
            return None;
        }
        *self.asked_consumer_key.borrow_mut() = Some(consumer_key.to_owned());
        Some(self.consumer.clone())
    }

    fn token(&self, token: &str) -> Option<TokenCredentials> {
        if self.token.as_deref().is_some_and(|known| known != token) {
            return None;
        }
        let secret = self.token_secret.clone()?;
        let consumer_key = self
            .consumer_key
            .clone()
            .or_else(|| self.asked_consumer_key.borrow().clone())?;
        Some(TokenCredentials {
            secret,
            consumer_key,
        })
    }
}

/// The check each problem code stands for, in the verifier's order.
fn failed_check(problem: &Problem) -> &'static str {
    let concerns = |name: &str| problem.parameters().iter().any(|p| p == name);
    match problem.code() {
        ProblemCode::ParameterAbsent => "required parameters",
        ProblemCode::VersionRejected => "version",
        ProblemCode::SignatureMethodRejected => "signature method",
        ProblemCode::ParameterRejected if concerns("oauth_timestamp") => "timestamp format",
        ProblemCode::ParameterRejected if concerns("oauth_body_hash") => "body hash",
        ProblemCode::ParameterRejected => {
            "parameters (header syntax, encoding, repeats, placement)"
        }
        ProblemCode::TimestampRefused => "timestamp window",
        ProblemCode::ConsumerKeyUnknown => "consumer",
        ProblemCode::TokenRejected => "token",
        ProblemCode::SignatureInvalid => "signature",
        ProblemCode::NonceUsed => "replay (nonce)",
        _ => "other",
    }
}

/// The header value of `--authorization`, which may be pasted with its
/// name, as `oauth1 sign` prints it: `Authorization: OAuth ...` (the name in
/// any case, optional whitespace around the colon, surrounding whitespace
/// and a trailing newline dropped).
fn header_value(pasted: &str) -> &str {
    let pasted = pasted.trim_ascii();
    const NAME: &str = "authorization";
    let named = pasted
        .get(..NAME.len())
        .filter(|start| start.eq_ignore_ascii_case(NAME))
        .and_then(|_| pasted[NAME.len()..].trim_ascii_start().strip_prefix(':'));
    named.map_or(pasted, str::trim_ascii_start)
}

/// The request to check, owned: from the arguments or a captured file.
struct Captured {
    method: String,
    url: String,
    /// Every header (the verifier reads Authorization and Content-Type).
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl Captured {
    fn from_args(args: &VerifyArgs) -> Result<Captured, String> {
        if let Some(path) = &args.request {
            let bytes = read_body(&BodyArgs {
                body: None,
                body_file: Some(path.clone()),
                content_type: None,
            })?
            .unwrap_or_default();
            return Captured::parse(&bytes, args.scheme);
        }
        let (Some(method), Some(url)) = (&args.method, &args.url) else {
            return Err("give METHOD and URL, or --request FILE".to_owned());
        };
        let body = read_body(&args.body)?;
        let mut headers = Vec::new();
        if let Some(authorization) = &args.authorization {
            headers.push((
                "Authorization".to_owned(),
                header_value(authorization).to_owned(),
            ));
        }
        // No Content-Type given: the body is not a form (never guessed).
        if let Some(content_type) = &args.body.content_type {
            headers.push(("Content-Type".to_owned(), content_type.clone()));
        }
        Ok(Captured {
            method: method.clone(),
            url: url.clone(),
            headers,
            body,
        })
    }

    /// Parses a captured HTTP/1.1 request; the URL is rebuilt from the
    /// request target and `Host` (forwarding headers are not trusted).
    fn parse(bytes: &[u8], scheme: Scheme) -> Result<Captured, String> {
        let mut header_slots = [httparse::EMPTY_HEADER; 128];
        let mut request = httparse::Request::new(&mut header_slots);
        let head_len = match request.parse(bytes) {
            Ok(httparse::Status::Complete(len)) => len,
            Ok(httparse::Status::Partial) => {
                return Err("the captured request ends inside its head: it needs a blank line after the headers".to_owned())
            }
            Err(e) => return Err(format!("the captured request cannot be parsed as HTTP/1.1: {e}")),
        };
        let method = request.method.unwrap_or_default().to_owned();
        let target = request.path.unwrap_or_default().to_owned();
        let mut headers = Vec::with_capacity(request.headers.len());
        for header in request.headers.iter() {
            let value = std::str::from_utf8(header.value)
                .map_err(|_| format!("the captured header {} is not UTF-8", header.name))?;
            headers.push((header.name.to_owned(), value.to_owned()));
        }
        let mut body = bytes.get(head_len..).unwrap_or_default().to_vec();
        let content_length = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .map(|(_, value)| {
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("Content-Length {value:?} is not a number"))
            })
            .transpose()?;
        if let Some(length) = content_length {
            if body.len() < length {
                return Err(format!(
                    "the captured body has {} bytes, Content-Length says {length}",
                    body.len()
                ));
            }
            body.truncate(length);
        }
        let url = ReceivedUrl::new(scheme == Scheme::Https, &target)
            .with_headers(headers.iter().map(|(n, v)| (n.as_str(), v.as_str())))
            .to_url()
            .map_err(|e| format!("the signed URL cannot be rebuilt: {}", e.message()))?;
        Ok(Captured {
            method,
            url,
            headers,
            body: (!body.is_empty()).then_some(body),
        })
    }
}

/// The report, and whether every check passed.
pub fn check(args: &VerifyArgs) -> Result<(String, bool), String> {
    // An empty key would match nothing, or a request naming no consumer.
    if args.consumer_key.as_deref() == Some("") {
        return Err(
            "the consumer key (--consumer-key or OAUTH1_CONSUMER_KEY) is empty: give the key the provider knows, or leave it out to take the one the request names"
                .to_owned(),
        );
    }
    let captured = Captured::from_args(args)?;
    let rsa_public_key = match &args.rsa_public_key {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the RSA public key {}: {e}", path.display()))?,
        ),
        None => None,
    };
    if args.consumer_secret.is_none() && rsa_public_key.is_none() {
        return Err(
            "give the consumer secret (--consumer-secret or OAUTH1_CONSUMER_SECRET) or, for RSA, --rsa-public-key FILE"
                .to_owned(),
        );
    }
    let consumer =
        ConsumerCredentials::new(args.consumer_secret.clone(), rsa_public_key.as_deref())
            .map_err(|e| format!("the RSA public key: {e}"))?;
    let credentials = GivenCredentials {
        consumer_key: args.consumer_key.clone(),
        consumer,
        token: args.token.clone(),
        token_secret: args.token_secret.clone().map(Secret::new),
        asked_consumer_key: RefCell::new(None),
    };

    let mut verifier = Verifier::new();
    if args.allow_plaintext {
        verifier = verifier.allow(SignatureMethod::Plaintext);
    }
    verifier = if args.ignore_timestamp {
        verifier.timestamp_window(u64::MAX)
    } else {
        verifier.timestamp_window(args.timestamp_window)
    };
    if let Some(now) = args.now {
        verifier = verifier.clock(now);
    }

    let mut request = IncomingRequest::new(&captured.method, &captured.url).with_headers(
        captured
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    );
    if let Some(body) = &captured.body {
        request = request.with_body(body);
    }

    let nonces = MemoryNonceStore::new();
    let mut out = String::new();
    if args.request.is_some() {
        let _ = writeln!(out, "Request: {} {}", captured.method, captured.url);
    }
    match verifier.verify(&request, &credentials, &nonces) {
        Ok(verified) => {
            report_success(&mut out, &verified, args);
            Ok((out, true))
        }
        Err(problem) => {
            report_failure(&mut out, &problem, args.token_secret.is_none());
            Ok((out, false))
        }
    }
}

fn report_success(out: &mut String, verified: &Verified, args: &VerifyArgs) {
    let _ = writeln!(out, "OK: every check passed");
    let _ = writeln!(out, "  signature method:  {}", verified.signature_method());
    let _ = writeln!(
        out,
        "  parameters in:     {}",
        verified.parameter_location().as_str()
    );
    let _ = writeln!(out, "  consumer key:      {}", verified.consumer_key());
    let _ = writeln!(
        out,
        "  token:             {}",
        verified.token().unwrap_or("(none: two-legged)")
    );
    match (verified.timestamp(), args.ignore_timestamp) {
        (Some(ts), true) => {
            let _ = writeln!(out, "  timestamp:         {ts} (window not checked)");
        }
        (Some(ts), false) => {
            let _ = writeln!(
                out,
                "  timestamp:         {ts} (within {} s of the clock)",
                args.timestamp_window
            );
        }
        (None, _) => {}
    }
    if let Some(hash) = verified.body_hash() {
        let _ = writeln!(out, "  body hash:         {hash} (matches the body)");
    }
    if let Some(realm) = verified.realm() {
        // A signer sends a non-ASCII realm as percent-encoded UTF-8: show
        // what it stands for too.
        match oauth1::percent_decode_strict(realm, "realm") {
            Ok(decoded) if !decoded.is_ascii() => {
                let _ = writeln!(
                    out,
                    "  realm:             {realm} (percent-encoded {decoded})"
                );
            }
            _ => {
                let _ = writeln!(out, "  realm:             {realm}");
            }
        }
    }
}

fn report_failure(out: &mut String, problem: &Problem, no_token_secret: bool) {
    let _ = writeln!(
        out,
        "FAILED check: {}\n  oauth_problem={}",
        failed_check(problem),
        problem.code()
    );
    if !problem.parameters().is_empty() {
        let _ = writeln!(out, "  parameters:  {}", problem.parameters().join(", "));
    }
    let _ = writeln!(out, "  why:         {}", problem.message());
    if let Some((min, max)) = problem.acceptable_timestamps() {
        let _ = writeln!(
            out,
            "  accepted timestamps: {min}-{max} (use --now or --ignore-timestamp for an old capture)"
        );
    }
    if problem.code() == ProblemCode::TokenRejected && no_token_secret {
        let _ = writeln!(
            out,
            "  hint:        the request carries a token: give its secret with --token-secret or OAUTH1_TOKEN_SECRET"
        );
    }
    if problem.code() == ProblemCode::SignatureInvalid {
        let _ = writeln!(
            out,
            "  hint:        compare the base string above with the client's (oauth1 sign --explain prints it);\n               \
the usual causes are a different URL (scheme, port, path encoding), a missing query or form\n               \
parameter, or the wrong secret"
        );
    }
    let _ = writeln!(
        out,
        "The provider would answer HTTP {}:",
        problem.http_status()
    );
    let _ = writeln!(out, "  WWW-Authenticate: {}", problem.www_authenticate(""));
    let _ = writeln!(out, "  {}", problem.body());
}

#[cfg(test)]
mod tests {
    use super::header_value;

    #[test]
    fn an_authorization_header_is_accepted_with_or_without_its_name() {
        let value = "OAuth oauth_consumer_key=\"ck\"";
        for pasted in [
            "OAuth oauth_consumer_key=\"ck\"",
            "Authorization: OAuth oauth_consumer_key=\"ck\"\n",
            "authorization:OAuth oauth_consumer_key=\"ck\"",
            "  AUTHORIZATION \t:  OAuth oauth_consumer_key=\"ck\"\r\n",
        ] {
            assert_eq!(header_value(pasted), value, "{pasted:?}");
        }
        // Only the header's own name is taken off.
        assert_eq!(header_value("Authorizations: x"), "Authorizations: x");
        assert_eq!(header_value("Authorization"), "Authorization");
        assert_eq!(header_value("東京"), "東京");
    }
}
