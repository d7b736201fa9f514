//! The signer and the signing of one request.

use super::builder::SignerBuilder;
use super::outgoing::OutgoingProtocolParams;
use super::request::{BodyHash, Generated, Request, SignOptions, CORE_PROTOCOL_PARAMETERS};
use super::signed::{Signed, SignedBody};
use crate::base_string::ParameterList;
use crate::encoding::is_form_content_type;
use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::method::SignatureMethod;
use crate::nonce::{unix_timestamp, NonceGenerator};
use crate::secret::Secret;
use crate::signature::{body_hash, SigningKey};
use crate::url::RequestUrl;
use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Signs requests with one set of credentials. Build it once and share it:
/// it is `Send + Sync`, signing takes `&self`, and the key state is prepared
/// once. Secrets are redacted in `Debug` and zeroized on drop.
///
/// ```
/// use oauth1::{Request, SignOptions, Generated, SignatureMethod, Signer};
/// let signer = Signer::builder("ck", "cs")
///     .token("tk", "ts")
///     .signature_method(SignatureMethod::HmacSha256)
///     .realm("1234567_SB1")
///     .build()?;
/// let opts = SignOptions { timestamp: Generated::Fixed("1700000000"), nonce: Generated::Fixed("n1"), ..Default::default() };
/// let signed = signer.sign_with(&Request::new("GET", "https://api.example.com/v1/x?a=1"), &opts)?;
/// assert!(signed.authorization_header().starts_with("OAuth realm=\"1234567_SB1\", oauth_consumer_key=\"ck\""));
/// # Ok::<(), oauth1::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    /// Protocol parameters that are the same for every request, encoded.
    pub(super) fixed_params: OutgoingProtocolParams,
    /// The same, as base-string parameters.
    pub(super) fixed_base_params: ParameterList,
    /// `OAuth realm="...", ` and the fixed parameters, rendered once.
    pub(super) header_prefix: Arc<str>,
    pub(super) key: SigningKey,
    /// The last timestamp sent, for monotonic timestamps (shared by clones).
    pub(super) last_timestamp: Arc<AtomicU64>,
    pub(super) builder: SignerBuilder,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("consumer_key", &self.builder.consumer_key)
            .field("token", &self.builder.token.as_ref().map(|t| &t.0))
            .field("signature_method", &self.builder.method)
            .field("realm", &self.builder.realm)
            .field("secrets", &"[redacted]")
            .finish()
    }
}

impl Signer {
    /// Starts a signer for the consumer's (client's) credentials.
    pub fn builder(
        consumer_key: impl Into<String>,
        consumer_secret: impl Into<Secret>,
    ) -> SignerBuilder {
        SignerBuilder {
            consumer_key: consumer_key.into(),
            consumer_secret: consumer_secret.into(),
            token: None,
            method: SignatureMethod::HmacSha1,
            realm: None,
            rsa_private_key_pem: None,
            include_version: true,
            body_hash: BodyHash::Off,
            nonce: NonceGenerator::default(),
            nonce_error: None,
            monotonic_timestamps: false,
            profile: None,
            account: None,
        }
    }

    /// A builder holding this signer's settings, to change some of them.
    pub fn to_builder(&self) -> SignerBuilder {
        self.builder.clone()
    }

    /// The same consumer and settings with another token (e.g. the access
    /// token after the token exchange).
    pub fn with_token(
        &self,
        token: impl Into<String>,
        token_secret: impl Into<Secret>,
    ) -> Result<Signer> {
        self.to_builder().token(token, token_secret).build()
    }

    /// The consumer key.
    pub fn consumer_key(&self) -> &str {
        &self.builder.consumer_key
    }

    /// The token, if any.
    pub fn token(&self) -> Option<&str> {
        self.builder.token.as_ref().map(|t| t.0.as_str())
    }

    /// The signature method.
    pub fn signature_method(&self) -> SignatureMethod {
        self.builder.method
    }

    /// The realm, if any.
    pub fn realm(&self) -> Option<&str> {
        self.builder.realm.as_deref()
    }

    /// Whether this signer's timestamps never go backwards.
    pub fn monotonic_timestamps(&self) -> bool {
        self.builder.monotonic_timestamps
    }

    /// The clock's time, or for monotonic timestamps never less than the
    /// last one sent.
    fn next_timestamp(&self) -> u64 {
        let now = unix_timestamp();
        if !self.builder.monotonic_timestamps {
            return now;
        }
        let previous = self.last_timestamp.fetch_max(now, Ordering::AcqRel);
        previous.max(now)
    }

    /// A fixed timestamp under monotonic timestamps: refused when it is
    /// earlier than the last one sent, recorded otherwise.
    fn check_fixed_timestamp(&self, seconds: u64) -> Result<()> {
        if !self.builder.monotonic_timestamps {
            return Ok(());
        }
        let previous = self.last_timestamp.fetch_max(seconds, Ordering::AcqRel);
        if seconds < previous {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                format!(
                    "oauth_timestamp {seconds} is earlier than this signer's last one ({previous}); its timestamps never go backwards (monotonic timestamps, NetSuite's rule)"
                ),
            ));
        }
        Ok(())
    }

    /// Signs `request` with a fresh timestamp and nonce.
    pub fn sign(&self, request: &Request<'_>) -> Result<Signed> {
        self.sign_with(request, &SignOptions::default())
    }

    /// Signs `request` with per-request protocol parameters.
    pub fn sign_with(&self, request: &Request<'_>, options: &SignOptions<'_>) -> Result<Signed> {
        check_http_method(request.method)?;
        let url = RequestUrl::parse(request.url)?;
        let is_form = is_form_content_type(request.content_type);
        let form_body = match (is_form, request.body) {
            (true, Some(body)) => Some(std::str::from_utf8(body).map_err(|_| {
                Error::new(ErrorKind::InvalidEncoding, "form body is not valid UTF-8")
            })?),
            _ => None,
        };
        let hash_body = self.builder.body_hash.applies(is_form, request.body)?;
        check_extra_params(&options.extra_oauth_params)?;
        check_omitted(self.builder.method, options)?;

        // The protocol parameters, encoded, in the order they are sent.
        let mut oauth = OutgoingProtocolParams::with_capacity(self.fixed_params.text.len() + 192);
        oauth.extend_from(&self.fixed_params);
        match options.timestamp {
            Generated::Auto => {
                let seconds = self.next_timestamp();
                // Digits need no encoding; written in place, not allocated.
                oauth.push_with("oauth_timestamp", |out| {
                    let _ = write!(out, "{seconds}");
                });
            }
            Generated::Fixed(ts) => {
                let seconds = check_timestamp(ts)?;
                self.check_fixed_timestamp(seconds)?;
                oauth.push("oauth_timestamp", ts)
            }
            Generated::Omit => {}
        }
        match options.nonce {
            Generated::Auto => {
                let mut result = Ok(());
                oauth.push_with("oauth_nonce", |out| {
                    result = self.builder.nonce.generate_into(out);
                });
                result?;
            }
            Generated::Fixed(nonce) => oauth.push("oauth_nonce", nonce),
            Generated::Omit => {}
        }
        if let Some(callback) = options.callback {
            oauth.push("oauth_callback", callback);
        }
        if let Some(verifier) = options.verifier {
            oauth.push("oauth_verifier", verifier);
        }
        if hash_body {
            oauth.push(
                "oauth_body_hash",
                &body_hash(request.body.unwrap_or_default()),
            );
        }
        for (name, value) in &options.extra_oauth_params {
            oauth.push(name, value);
        }

        // One buffer holds what the result keeps: base string, signature,
        // URL and form body (one allocation instead of four).
        let form_len = form_body.map_or(0, str::len);
        let mut text = String::with_capacity(
            base_string_capacity(request.method, &url, form_len, &oauth)
                + 96
                + url.without_fragment.len()
                + form_len,
        );
        with_scratch_list(|params| {
            if let Some(query) = url.query {
                params.push_form(query, "query")?;
            }
            if let Some(body) = form_body {
                params.push_form(body, "form body")?;
            }
            check_no_protocol_names(params, url.query.is_some())?;
            params.extend_from(&self.fixed_base_params);
            for (name, value) in oauth.pairs().skip(self.fixed_params.spans.len()) {
                params.push_encoded(name, value);
            }
            params.write_base_string(request.method, &url, &mut text);
            Ok(())
        })?;
        let base_end = text.len();
        let signature = self.key.sign(&text)?;
        signature.write_to(&mut text);
        let signature_end = text.len();
        oauth.push("oauth_signature", &text[base_end..signature_end]);
        text.push_str(url.without_fragment);
        let url_end = text.len();
        let body = match (is_form, request.body) {
            (true, _) => {
                text.push_str(form_body.unwrap_or_default());
                SignedBody::Form
            }
            (false, None) => SignedBody::None,
            (false, Some(_)) => SignedBody::Other,
        };

        Ok(Signed {
            text,
            base_end,
            signature_end,
            url_end,
            body,
            oauth_params: oauth,
            header_prefix: Arc::clone(&self.header_prefix),
            fixed_count: self.fixed_params.spans.len(),
        })
    }
}

/// About how long the base string will be, so that it is written without
/// growing its buffer.
fn base_string_capacity(
    method: &str,
    url: &RequestUrl<'_>,
    form_len: usize,
    oauth: &OutgoingProtocolParams,
) -> usize {
    let query_len = url.query.map_or(0, str::len);
    method.len()
        + 32
        + url.host.len()
        + url.path.len() * 3 / 2
        + (query_len + form_len) * 2
        + oauth.text.len() * 3 / 2
        + 8 * oauth.spans.len()
}

thread_local! {
    /// A parameter list reused by every signature on this thread, so that
    /// normalizing allocates nothing once warm.
    static SCRATCH_LIST: std::cell::RefCell<ParameterList> =
        std::cell::RefCell::new(ParameterList::with_capacity(32, 2048));
}

/// Runs `f` with an empty parameter list: this thread's reused one, or a
/// fresh one should it be in use already.
fn with_scratch_list<T>(f: impl FnOnce(&mut ParameterList) -> Result<T>) -> Result<T> {
    // Keeping a huge list (a 1 MiB form body) alive would hold its memory.
    const KEEP_AT_MOST: usize = 64 * 1024;
    let mut f = Some(f);
    let reused = SCRATCH_LIST.try_with(|cell| {
        let mut list = cell.try_borrow_mut().ok()?;
        list.clear();
        let result = f.take().map(|f| f(&mut list));
        if list.capacity() > KEEP_AT_MOST {
            *list = ParameterList::with_capacity(32, 2048);
        }
        result
    });
    match (reused, f) {
        (Ok(Some(result)), _) => result,
        (_, Some(f)) => f(&mut ParameterList::with_capacity(16, 1024)),
        (_, None) => Err(Error::new(
            ErrorKind::InvalidParameter,
            "internal: the parameter list was consumed",
        )),
    }
}

fn check_http_method(method: &str) -> Result<()> {
    // RFC 9110 token characters.
    let is_tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if method.is_empty() || !method.bytes().all(is_tchar) {
        return Err(Error::new(
            ErrorKind::InvalidParameter,
            format!(
                "HTTP method {} is not a valid method token",
                excerpt(method, 40)
            ),
        ));
    }
    Ok(())
}

/// `oauth_timestamp` is a positive integer of seconds (s3.3): ASCII digits
/// whose value fits in 64 bits and is not 0 (what the verifier accepts).
/// Returns that value.
fn check_timestamp(timestamp: &str) -> Result<u64> {
    let digits = !timestamp.is_empty() && timestamp.bytes().all(|b| b.is_ascii_digit());
    match timestamp.parse::<u64>() {
        Ok(seconds) if digits && seconds > 0 => Ok(seconds),
        _ => Err(Error::new(
            ErrorKind::InvalidParameter,
            format!(
                "oauth_timestamp {} is not a positive integer number of seconds (s3.3)",
                excerpt(timestamp, 40)
            ),
        )),
    }
}

/// Refuses `oauth_*` names among the query and form-body parameters just
/// added to `params`: the signer sets the protocol parameters itself, and a
/// verifier refuses protocol parameters split over several places (s3.5).
/// The stored names are encoded twice, which leaves `oauth_` as it is.
fn check_no_protocol_names(params: &ParameterList, has_query: bool) -> Result<()> {
    match params
        .encoded_names_from(0)
        .find(|n| n.starts_with("oauth_"))
    {
        None => Ok(()),
        Some(name) => {
            let name = crate::base_string::decode_twice_encoded(name);
            let place = if has_query {
                "query or form body"
            } else {
                "form body"
            };
            Err(Error::new(
                ErrorKind::InvalidParameter,
                format!(
                    "the request's {place} holds the protocol parameter {}: the signer adds oauth_* parameters itself (pass them as options, e.g. callback, verifier or extra protocol parameters)",
                    excerpt(&name, 60)
                ),
            ))
        }
    }
}

/// Only PLAINTEXT may go without `oauth_timestamp` and `oauth_nonce`
/// (RFC 5849 s3.1); a verifier refuses any other request without them.
fn check_omitted(method: SignatureMethod, options: &SignOptions<'_>) -> Result<()> {
    if method == SignatureMethod::Plaintext {
        return Ok(());
    }
    for (name, value) in [
        ("oauth_timestamp", options.timestamp),
        ("oauth_nonce", options.nonce),
    ] {
        if value == Generated::Omit {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                format!(
                    "{name} may be omitted only with PLAINTEXT (RFC 5849 s3.1), not with {method}"
                ),
            ));
        }
    }
    Ok(())
}

fn check_extra_params(extra: &[(&str, &str)]) -> Result<()> {
    for (name, _) in extra {
        if !name.starts_with("oauth_") {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                format!(
                    "extra protocol parameter {} must start with \"oauth_\" (case-sensitive)",
                    excerpt(name, 60)
                ),
            ));
        }
        if CORE_PROTOCOL_PARAMETERS.contains(name) {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                format!("extra protocol parameter {name:?} is set by the signer itself; use its own option"),
            ));
        }
    }
    Ok(())
}
