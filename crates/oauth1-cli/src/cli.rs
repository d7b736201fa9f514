//! Command-line arguments (clap) and dispatch.

use clap::{Args, Parser, Subcommand, ValueEnum};
use oauth1::{BodyHash, SignatureMethod};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// Sign and verify OAuth 1.0a (RFC 5849) requests, and run a local
/// provider to try clients against.
#[derive(Debug, Parser)]
#[command(
    name = "oauth1",
    version,
    about = "Sign and verify OAuth 1.0a (RFC 5849) requests, and run a local OAuth 1.0a provider",
    long_about = "Sign and verify OAuth 1.0a (RFC 5849) requests, and run a local OAuth 1.0a provider.\n\n\
OAuth 1.0a signs each HTTP request with the consumer's (client's) secret and, once the user has \
authorized it, a token secret. `sign` makes the Authorization header for a request, `verify` \
checks a request you captured and says which check fails, `serve` runs a provider on this \
machine that walks a client through the whole three-legged flow.",
    after_help = "Examples:\n  \
export OAUTH1_CONSUMER_KEY=demo-consumer OAUTH1_CONSUMER_SECRET=demo-consumer-secret\n  \
oauth1 sign GET 'https://api.example.com/v1/me?fields=name'\n  \
oauth1 sign --curl POST https://api.example.com/v1/records --body 'title=Hello' \\\n      \
--content-type application/x-www-form-urlencoded\n  \
oauth1 sign --explain GET https://api.example.com/v1/me      # base string, normalized parameters\n  \
oauth1 verify GET https://api.example.com/v1/me --authorization 'OAuth oauth_consumer_key=...'\n  \
oauth1 serve --port 0 --auto-approve                       # prints http://127.0.0.1:PORT first"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign an HTTP request: print its Authorization header, a curl command
    /// (--curl), or how the signature was made (--explain).
    Sign(SignArgs),
    /// Check a captured request (method, URL, Authorization header, body)
    /// against the secrets, and say which check fails with its oauth_problem.
    Verify(VerifyArgs),
    /// Run the local OAuth 1.0a provider on a loopback port: request token,
    /// authorize page, access token, and protected test resources.
    Serve(ServeArgs),
    /// List the provider profiles (NetSuite, WooCommerce, X, ...) with a
    /// one-line summary, or show one (`oauth1 profiles show netsuite`).
    Profiles(crate::profiles::ProfilesArgs),
    /// Sign a NetSuite SOAP TokenPassport (HMAC-SHA256 over
    /// account&consumerKey&token&nonce&timestamp) and print its XML element.
    TokenPassport(crate::profiles::TokenPassportArgs),
}

/// The consumer's and token's credentials. Prefer the environment variables
/// for secrets: flags show up in `ps` and in shell history.
#[derive(Debug, Args)]
pub struct ClientCredentials {
    /// The consumer key (the client application's identifier).
    #[arg(long, env = "OAUTH1_CONSUMER_KEY", value_name = "KEY")]
    pub consumer_key: String,
    /// The consumer secret (not needed for the RSA methods).
    #[arg(
        long,
        env = "OAUTH1_CONSUMER_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub consumer_secret: Option<String>,
    /// The token: a request token during the flow, or an access token.
    /// Leave out for two-legged requests.
    #[arg(long, env = "OAUTH1_TOKEN", value_name = "TOKEN")]
    pub token: Option<String>,
    /// The token's secret.
    #[arg(
        long,
        env = "OAUTH1_TOKEN_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub token_secret: Option<String>,
}

/// A request body from the command line or a file.
#[derive(Debug, Args)]
pub struct BodyArgs {
    /// The request body, as sent. It is a form (signed parameter by
    /// parameter) only with `--content-type application/x-www-form-urlencoded`:
    /// a body is never guessed to be a form.
    #[arg(long, value_name = "BODY", conflicts_with = "body_file")]
    pub body: Option<String>,
    /// Read the request body from a file (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// The body's Content-Type. `application/x-www-form-urlencoded` makes
    /// the body a form; without this option the body is not a form, whatever
    /// it looks like.
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
}

/// The scheme of a captured request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Scheme {
    Http,
    Https,
}

/// Where the protocol parameters go (RFC 5849 s3.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Placement {
    /// The Authorization header (recommended).
    Header,
    /// The URL's query.
    Query,
    /// The form body (form bodies only).
    Body,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
oauth1 sign GET 'https://api.example.com/v1/me?x=1' --consumer-key ck --consumer-secret cs\n  \
oauth1 sign --curl PUT https://api.example.com/v1/records/7 --body '{\"a\":1}' \\\n      \
--content-type application/json --body-hash\n  \
oauth1 sign --explain --timestamp 1700000000 --nonce abc GET https://api.example.com/\n\n\
A body is never guessed to be a form: it is signed parameter by parameter only with\n\
--content-type application/x-www-form-urlencoded; any other body is covered only by\n\
--body-hash (or --body-hash=non-form).\n\n\
Credentials come from --consumer-key/--consumer-secret/--token/--token-secret or from\n\
OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET, OAUTH1_TOKEN, OAUTH1_TOKEN_SECRET.")]
pub struct SignArgs {
    /// The HTTP method, e.g. GET or POST.
    pub method: String,
    /// The absolute URL, query included, exactly as it will be sent.
    pub url: String,
    #[command(flatten)]
    pub body: BodyArgs,
    #[command(flatten)]
    pub credentials: ClientCredentials,
    /// HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, PLAINTEXT, RSA-SHA1, RSA-SHA256 or RSA-SHA512 (case-sensitive)
    /// [default: HMAC-SHA1, or the profile's].
    #[arg(long, value_parser = parse_signature_method, value_name = "METHOD")]
    pub signature_method: Option<SignatureMethod>,
    /// Sign with a provider profile's settings (see `oauth1 profiles`): its
    /// signature method, realm rule, body hash, nonces and oauth_version.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The profile's account: a NetSuite account id (1234567-sb1, which
    /// makes realm 1234567_SB1) or a store URL.
    #[arg(long, value_name = "ID", requires = "profile")]
    pub account: Option<String>,
    /// The realm attribute of the Authorization header (never signed), e.g. a NetSuite account id.
    #[arg(long)]
    pub realm: Option<String>,
    /// The consumer's RSA private key (PEM, PKCS#8 or PKCS#1) for the RSA methods.
    #[arg(long, value_name = "FILE")]
    pub rsa_key: Option<PathBuf>,
    /// A fixed oauth_timestamp instead of the clock (to reproduce a
    /// signature): a positive integer of seconds.
    // Hyphen values too, so that `--timestamp -5` gets the signer's
    // message about oauth_timestamp instead of clap's about an argument.
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub timestamp: Option<String>,
    /// A fixed oauth_nonce instead of a random one (to reproduce a signature).
    #[arg(long)]
    pub nonce: Option<String>,
    /// When to send oauth_body_hash (base64 SHA-1 of the body), which signs
    /// a body that is not a form: off, non-form (a non-empty body that is
    /// not a form) or always (every request; refused on a form body).
    /// A bare --body-hash means always.
    #[arg(
        long,
        value_name = "POLICY",
        default_value = "off",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "always",
        value_parser = parse_body_hash,
    )]
    pub body_hash: BodyHash,
    /// oauth_callback, for a request-token request (a URL, or oob).
    #[arg(long, value_name = "URL")]
    pub callback: Option<String>,
    /// oauth_verifier, for an access-token request.
    #[arg(long)]
    pub verifier: Option<String>,
    /// Leave out oauth_version=1.0 (optional in the RFC; some providers refuse it).
    #[arg(long)]
    pub no_version: bool,
    /// Where the protocol parameters go.
    #[arg(long, value_enum, default_value_t = Placement::Header)]
    pub placement: Placement,
    /// Print a ready curl command instead of the header.
    #[arg(long)]
    pub curl: bool,
    /// Also print the signature base string, the normalized parameters and
    /// the protocol parameters: compare them with the provider's when it
    /// answers signature_invalid.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
oauth1 verify GET 'https://api.example.com/v1/me?x=1' \\\n      \
--authorization 'OAuth oauth_consumer_key=\"ck\", ...' --consumer-secret cs --token-secret ts\n  \
oauth1 verify POST https://api.example.com/v1/records --body 'title=Hi' \\\n      \
--content-type application/x-www-form-urlencoded --ignore-timestamp ...\n  \
oauth1 verify --request captured.http --scheme https --consumer-secret cs --token-secret ts\n\n\
A body is never guessed to be a form: give --content-type application/x-www-form-urlencoded\n\
for a form body, as the client sent it.\n\n\
Exit status: 0 when every check passes, 1 when one fails, 2 for bad arguments.")]
pub struct VerifyArgs {
    /// The HTTP method of the captured request.
    #[arg(required_unless_present = "request")]
    pub method: Option<String>,
    /// The absolute URL the client signed (scheme, host, port, path, query).
    #[arg(required_unless_present = "request")]
    pub url: Option<String>,
    /// The Authorization header value (`OAuth ...`), when the protocol
    /// parameters came in the header; it may keep its name, as `oauth1 sign`
    /// prints it (`Authorization: OAuth ...`).
    #[arg(long, value_name = "VALUE", conflicts_with = "request")]
    pub authorization: Option<String>,
    /// A whole captured HTTP/1.1 request (request line, headers, blank
    /// line, body), e.g. from a proxy or `nc -l`, instead of METHOD, URL,
    /// --authorization and the body options (`-` for standard input).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["method", "url", "body", "body_file", "content_type"])]
    pub request: Option<PathBuf>,
    /// The scheme the captured request was sent with (a capture does not
    /// say whether TLS carried it).
    #[arg(long, value_enum, default_value_t = Scheme::Https, requires = "request")]
    pub scheme: Scheme,
    #[command(flatten)]
    pub body: BodyArgs,
    /// Only this consumer key is known [default: the one the request names].
    #[arg(long, env = "OAUTH1_CONSUMER_KEY", value_name = "KEY")]
    pub consumer_key: Option<String>,
    /// The consumer secret the provider holds.
    #[arg(
        long,
        env = "OAUTH1_CONSUMER_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub consumer_secret: Option<String>,
    /// Only this token is known [default: the one the request names].
    #[arg(long, env = "OAUTH1_TOKEN", value_name = "TOKEN")]
    pub token: Option<String>,
    /// The token secret the provider holds.
    #[arg(
        long,
        env = "OAUTH1_TOKEN_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub token_secret: Option<String>,
    /// The consumer's RSA public key (PEM) for the RSA methods.
    #[arg(long, value_name = "FILE")]
    pub rsa_public_key: Option<PathBuf>,
    /// The provider's clock, in Unix seconds [default: now].
    #[arg(long, value_name = "SECONDS", conflicts_with = "ignore_timestamp")]
    pub now: Option<u64>,
    /// Skip the timestamp window (for requests captured long ago).
    #[arg(long)]
    pub ignore_timestamp: bool,
    /// The timestamp window, in seconds either way.
    #[arg(long, default_value_t = oauth1::DEFAULT_TIMESTAMP_WINDOW, value_name = "SECONDS")]
    pub timestamp_window: u64,
    /// Accept PLAINTEXT signatures.
    #[arg(long)]
    pub allow_plaintext: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The first line on standard output is the provider's base URL, e.g.\n\
http://127.0.0.1:8080, for scripts; the log (one line per request) goes to standard error.\n\n\
Built-in demo consumer: key demo-consumer, secret demo-consumer-secret.\n\n\
Your own consumer, its secret kept off the command line (every local user can read\n\
a process's command line; its environment only its owner):\n  \
read -rs OAUTH1_CONSUMER_SECRET && export OAUTH1_CONSUMER_SECRET   # typed, not echoed\n  \
oauth1 serve --consumer my-app\n  \
oauth1 serve --consumers-file consumers.toml                       # see below\n\n\
Endpoints:\n  \
POST /oauth/request_token     oauth_callback (URL or oob) -> request token and secret\n  \
GET  /oauth/authorize         ?oauth_token=... -> page with Approve / Deny\n  \
POST /oauth/access_token      request token + oauth_verifier -> access token and secret\n  \
GET  /api/me                  protected: who the token acts for\n  \
POST /api/records             protected: form body -> new record\n  \
PUT  /api/records/{id}        protected: JSON body with oauth_body_hash\n  \
GET  /callback                a callback page for trying the flow in a browser\n\n\
Consumers file (TOML):\n  \
[[consumer]]\n  \
key = \"my-app\"\n  \
name = \"My App\"\n  \
secret = \"my-app-secret\"\n  \
# rsa_public_key = \"my-app.pub.pem\""
)]
pub struct ServeArgs {
    /// The loopback address to listen on (127.0.0.1, ::1, localhost).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Approve every request token at once, without showing the page (scripts and tests).
    #[arg(long)]
    pub auto_approve: bool,
    /// Register a consumer (repeatable): KEY, with its secret in the
    /// environment variable OAUTH1_CONSUMER_SECRET (which `sign` and
    /// `verify` read too), or KEY:SECRET. KEY:SECRET puts the secret on the
    /// command line, where every local user can read it (`ps`,
    /// /proc/PID/cmdline) and shell history keeps it: prefer KEY with
    /// OAUTH1_CONSUMER_SECRET, or --consumers-file.
    #[arg(long = "consumer", value_name = "KEY[:SECRET]")]
    pub consumers: Vec<String>,
    /// Register the consumers of a TOML file (see below); secrets stay off
    /// the command line (keep the file readable only by you).
    #[arg(long, value_name = "FILE")]
    pub consumers_file: Option<PathBuf>,
    /// Do not register the built-in demo consumer.
    #[arg(long)]
    pub no_demo_consumer: bool,
    /// Seconds a request's timestamp may be away from the provider's clock.
    #[arg(long, default_value_t = oauth1::DEFAULT_TIMESTAMP_WINDOW, value_name = "SECONDS")]
    pub timestamp_window: u64,
    /// Seconds a request token can be authorized and exchanged.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    pub request_token_ttl: u64,
    /// Accept PLAINTEXT signatures.
    #[arg(long)]
    pub allow_plaintext: bool,
    /// Rebuild the signed URL from Forwarded / X-Forwarded-* headers
    /// (only behind a proxy of your own that sets them).
    #[arg(long)]
    pub trust_proxy_headers: bool,
    /// The realm of WWW-Authenticate on refusals.
    #[arg(long, default_value = "liboauth1 local provider")]
    pub realm: String,
    /// No per-request log lines.
    #[arg(long)]
    pub quiet: bool,
    /// Where tokens and nonces live: memory (this process), or a Redis
    /// shared by every instance started with the same URL (a fleet). A
    /// Redis that cannot be reached makes requests answer 503.
    #[arg(
        long,
        default_value = "memory",
        value_name = "memory|redis://HOST:PORT/DB"
    )]
    pub store: String,
    /// How long an access token is valid.
    #[arg(long, default_value_t = 2_592_000, value_name = "SECONDS")]
    pub access_token_ttl: u64,
    /// Access tokens kept at most in memory (the oldest go first).
    #[arg(long, default_value_t = oauth1::provider::DEFAULT_TOKEN_CAPACITY, value_name = "N")]
    pub max_access_tokens: usize,
    /// How long a client may take to send a request's headers.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub header_read_timeout: u64,
    /// How long a connection may stay silent before it is closed.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub idle_timeout: u64,
    /// Connections served at once; more are answered 503 and closed. Keep it
    /// below the open-file limit (ulimit -n).
    #[arg(long, default_value_t = 512, value_name = "N")]
    pub max_connections: usize,
    /// Records the test API (/api/records) keeps at most (the oldest go first).
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub max_records: usize,
}

fn parse_body_hash(name: &str) -> Result<BodyHash, String> {
    BodyHash::from_name(name).map_err(|e| e.message().to_owned())
}

fn parse_signature_method(name: &str) -> Result<SignatureMethod, String> {
    name.parse()
        .map_err(|e: oauth1::Error| e.message().to_owned())
}

/// Parses the arguments and runs the command. Exit status 0 on success,
/// 1 when the command's work failed (e.g. a check), 2 for usage errors.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" that print to stdout and exit 0.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Sign(args) => crate::sign::run(&args),
        Command::Verify(args) => crate::verify::run(&args),
        Command::Serve(args) => crate::serve::run(&args),
        Command::Profiles(args) => crate::profiles::run(&args),
        Command::TokenPassport(args) => crate::profiles::run_token_passport(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("oauth1: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads `--body` / `--body-file`.
pub(crate) fn read_body(body: &BodyArgs) -> Result<Option<Vec<u8>>, String> {
    match (&body.body, &body.body_file) {
        (Some(text), _) => Ok(Some(text.clone().into_bytes())),
        (None, Some(path)) if path.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| format!("cannot read the body from standard input: {e}"))?;
            Ok(Some(bytes))
        }
        (None, Some(path)) => std::fs::read(path)
            .map(Some)
            .map_err(|e| format!("cannot read the body from {}: {e}", path.display())),
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
