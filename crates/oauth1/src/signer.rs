//! The consumer side: a [`Signer`] built once per set of credentials signs
//! requests and renders every transmission form of RFC 5849 s3.5.

use crate::base_string::{normalized_from_base_string, ParameterList};
use crate::encoding::{is_form_content_type, percent_decode_strict, percent_encode_into};
use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::keys::{body_hash, SigningKey};
use crate::method::SignatureMethod;
use crate::nonce::{unix_timestamp, NonceGenerator};
use crate::secret::Secret;
use crate::url::RequestUrl;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The protocol parameter names the signer sets itself; extra parameters may
/// not use them.
pub const CORE_PROTOCOL_PARAMETERS: [&str; 10] = [
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_callback",
    "oauth_verifier",
    "oauth_body_hash",
];

/// An HTTP request to sign. Borrowed only for the duration of the call.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The HTTP method; uppercased in the base string.
    pub method: &'a str,
    /// The absolute URL, query included.
    pub url: &'a str,
    /// The body bytes, if any.
    pub body: Option<&'a [u8]>,
    /// The `Content-Type`; only `application/x-www-form-urlencoded` bodies are signed as parameters.
    pub content_type: Option<&'a str>,
}

impl<'a> Request<'a> {
    /// A request without a body.
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Request {
            method,
            url,
            body: None,
            content_type: None,
        }
    }

    /// The same request with a body of the given content type.
    pub fn with_body(mut self, body: &'a [u8], content_type: &'a str) -> Self {
        self.body = Some(body);
        self.content_type = Some(content_type);
        self
    }

    /// The same request with a form body (`application/x-www-form-urlencoded`).
    pub fn with_form(self, body: &'a str) -> Self {
        self.with_body(body.as_bytes(), "application/x-www-form-urlencoded")
    }
}

/// A generated protocol value (`oauth_timestamp`, `oauth_nonce`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Generated<'a> {
    /// Made fresh for this request (the clock, the CSPRNG).
    #[default]
    Auto,
    /// Fixed by the caller (tests, replays).
    Fixed(&'a str),
    /// Not sent (PLAINTEXT allows that).
    Omit,
}

/// Per-request protocol parameters.
#[derive(Clone, Debug, Default)]
pub struct SignOptions<'a> {
    /// `oauth_timestamp`.
    pub timestamp: Generated<'a>,
    /// `oauth_nonce`.
    pub nonce: Generated<'a>,
    /// `oauth_callback` (request-token requests).
    pub callback: Option<&'a str>,
    /// `oauth_verifier` (access-token requests).
    pub verifier: Option<&'a str>,
    /// Further `oauth_*` parameters, e.g. `oauth_session_handle`; raw values.
    pub extra_oauth_params: Vec<(&'a str, &'a str)>,
}

/// When the signer adds `oauth_body_hash` (the OAuth Request Body Hash
/// extension): one policy for every surface (Rust, C, Python and the CLI),
/// `Off` by default, as requests-oauthlib and most providers (NetSuite
/// among them) expect. The hash is SHA-1 of the body bytes for every
/// signature method, and never goes on a form-encoded body (draft s4.1.1),
/// whose parameters are signed instead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BodyHash {
    /// Never sent.
    #[default]
    Off,
    /// Sent on a request with a body that is neither empty nor a form
    /// (JSON, XML, ...), so that the signature covers its bytes; a request
    /// without a body or with a form body goes without.
    NonForm,
    /// Sent on every request (no body: the hash of the empty body, as the
    /// draft's consumers do); a form-encoded body is refused.
    Always,
}

impl BodyHash {
    /// Every policy, in the order of [`BodyHash::as_str`]'s names.
    pub const ALL: [BodyHash; 3] = [BodyHash::Off, BodyHash::NonForm, BodyHash::Always];

    /// The policy's name: `off`, `non-form` or `always`, as every binding spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyHash::Off => "off",
            BodyHash::NonForm => "non-form",
            BodyHash::Always => "always",
        }
    }

    /// The policy of that name (exact, as [`BodyHash::as_str`] writes it).
    pub fn from_name(name: &str) -> Result<BodyHash> {
        BodyHash::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidParameter,
                    format!(
                        "body hash policy {} is not one of off, non-form, always",
                        excerpt(name, 40)
                    ),
                )
            })
    }

    /// Whether a request with this body gets `oauth_body_hash`; refuses a
    /// form body under `Always`.
    fn applies(self, is_form: bool, body: Option<&[u8]>) -> Result<bool> {
        match self {
            BodyHash::Off => Ok(false),
            BodyHash::NonForm => Ok(!is_form && body.is_some_and(|b| !b.is_empty())),
            BodyHash::Always if is_form => Err(Error::new(
                ErrorKind::InvalidParameter,
                "oauth_body_hash is not allowed on a form-encoded body (Body Hash draft s4.1.1); use the body hash policy non-form or off for this request",
            )),
            BodyHash::Always => Ok(true),
        }
    }
}

/// `true` is [`BodyHash::Always`] and `false` [`BodyHash::Off`], as the
/// conformance files' `body_hash` flag means.
impl From<bool> for BodyHash {
    fn from(enabled: bool) -> Self {
        if enabled {
            BodyHash::Always
        } else {
            BodyHash::Off
        }
    }
}

/// Builds a [`Signer`].
#[derive(Clone, Debug)]
pub struct SignerBuilder {
    consumer_key: String,
    consumer_secret: Secret,
    token: Option<(String, Secret)>,
    method: SignatureMethod,
    realm: Option<String>,
    rsa_private_key_pem: Option<Secret>,
    include_version: bool,
    body_hash: BodyHash,
    nonce: NonceGenerator,
    nonce_error: Option<Error>,
    monotonic_timestamps: bool,
    profile: Option<&'static crate::profile::Profile>,
    account: Option<String>,
}

impl SignerBuilder {
    /// Timestamps that never go backwards: each one the clock's, or the
    /// signer's last one if the clock went back (NetSuite refuses a
    /// timestamp older than the token's last). Clones of a signer share its
    /// last timestamp; a fixed timestamp earlier than it is refused.
    pub fn monotonic_timestamps(mut self, enabled: bool) -> Self {
        self.monotonic_timestamps = enabled;
        self
    }

    /// The account (a NetSuite account id, a store URL) of a profile's
    /// signer: the realm is made from it by the profile's rule (NetSuite:
    /// `1234567-sb1` → `1234567_SB1`). Only for [`Signer::for_profile`].
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.account = Some(account.into());
        self
    }

    /// The profile this builder was started from, if any.
    pub fn profile(&self) -> Option<&'static crate::profile::Profile> {
        self.profile
    }

    pub(crate) fn with_profile(mut self, profile: &'static crate::profile::Profile) -> Self {
        self.profile = Some(profile);
        self
    }

    /// The token (request or access token) and its secret. An empty token
    /// is sent and signed as `oauth_token=`, which some providers need.
    pub fn token(mut self, token: impl Into<String>, token_secret: impl Into<Secret>) -> Self {
        self.token = Some((token.into(), token_secret.into()));
        self
    }

    /// The signature method (default HMAC-SHA1).
    pub fn signature_method(mut self, method: SignatureMethod) -> Self {
        self.method = method;
        self
    }

    /// The `realm` header attribute (e.g. a NetSuite account id); never signed.
    pub fn realm(mut self, realm: impl Into<String>) -> Self {
        self.realm = Some(realm.into());
        self
    }

    /// The RSA private key (PKCS#8 or PKCS#1 PEM) for the RSA methods.
    pub fn rsa_private_key_pem(mut self, pem: impl Into<Secret>) -> Self {
        self.rsa_private_key_pem = Some(pem.into());
        self
    }

    /// Whether `oauth_version=1.0` is sent (default `true`).
    pub fn include_version(mut self, include: bool) -> Self {
        self.include_version = include;
        self
    }

    /// When `oauth_body_hash` is sent (default [`BodyHash::Off`]); `true`
    /// means [`BodyHash::Always`].
    pub fn body_hash(mut self, policy: impl Into<BodyHash>) -> Self {
        self.body_hash = policy.into();
        self
    }

    /// Nonce length and alphabet (default 32 ASCII letters and digits).
    pub fn nonce(mut self, length: usize, alphabet: &str) -> Self {
        match NonceGenerator::new(length, alphabet) {
            Ok(g) => self.nonce = g,
            Err(e) => self.nonce_error = Some(e),
        }
        self
    }

    /// Checks the options, parses any RSA key and prepares the signing key.
    pub fn build(self) -> Result<Signer> {
        if let Some(e) = self.nonce_error {
            return Err(e);
        }
        if self.consumer_key.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                "consumer_key is empty: every signed request names its consumer (RFC 5849 s3.1)",
            ));
        }
        if let Some((token, secret)) = &self.token {
            if token.is_empty() && !secret.expose().is_empty() {
                // A verifier reads `oauth_token=""` as no token, so it signs
                // with an empty token secret: this one could never verify.
                return Err(Error::new(
                    ErrorKind::InvalidParameter,
                    "token is empty but its secret is not: an empty oauth_token means no token (two-legged), whose token secret is empty",
                ));
            }
        }
        let profile_realm = self.profile_realm()?;
        let realm_attribute = match self.realm.as_ref().or(profile_realm.as_ref()) {
            Some(realm) => {
                let mut attribute = String::new();
                crate::realm::write_realm_attribute(realm, &mut attribute)?;
                Some(attribute)
            }
            None => None,
        };
        let token_secret = self.token.as_ref().map(|t| t.1.expose()).unwrap_or("");
        let key = SigningKey::new(
            self.method,
            self.consumer_secret.expose(),
            token_secret,
            self.rsa_private_key_pem.as_ref().map(Secret::expose),
        )?;
        // The parameters that are the same for every request, rendered once.
        let mut fixed = ProtocolParams::with_capacity(128);
        fixed.push("oauth_consumer_key", &self.consumer_key);
        if let Some((token, _)) = &self.token {
            fixed.push("oauth_token", token);
        }
        fixed.push("oauth_signature_method", self.method.as_str());
        if self.include_version {
            fixed.push("oauth_version", "1.0");
        }
        // The same pairs as they enter every base string, encoded twice once here.
        let mut fixed_base = ParameterList::with_capacity(4, 2 * fixed.text.len());
        for (name, value) in fixed.pairs() {
            fixed_base.push_encoded(name, value);
        }
        // The header's start is the same for every request, too.
        let mut header_prefix = String::from("OAuth ");
        if let Some(realm) = &realm_attribute {
            header_prefix.push_str(realm);
            header_prefix.push_str(", ");
        }
        write_header_pairs(&mut header_prefix, fixed.pairs());
        Ok(Signer {
            fixed_params: fixed,
            fixed_base_params: fixed_base,
            header_prefix: Arc::from(header_prefix),
            key,
            last_timestamp: Arc::new(AtomicU64::new(0)),
            builder: SignerBuilder {
                nonce_error: None,
                realm: self.realm.or(profile_realm),
                ..self
            },
        })
    }

    /// The realm a profile makes from the account, after checking that the
    /// settings are ones the profile's provider accepts.
    fn profile_realm(&self) -> Result<Option<String>> {
        let Some(profile) = self.profile else {
            return match self.account {
                Some(_) => Err(Error::new(
                    ErrorKind::InvalidParameter,
                    "account is only used by a profile's signer (Signer::for_profile); set the realm instead",
                )),
                None => Ok(None),
            };
        };
        if !profile.allows(self.method) {
            let allowed: Vec<_> = profile
                .signature_methods()
                .iter()
                .map(|m| m.as_str())
                .collect();
            return Err(Error::new(
                ErrorKind::UnsupportedSignatureMethod,
                format!(
                    "the {} profile's provider accepts {}, not {}",
                    profile.name(),
                    allowed.join(", "),
                    self.method
                ),
            ));
        }
        match (&self.account, profile.realm_rule()) {
            (_, crate::profile::RealmRule::None) => Ok(None),
            (Some(account), _) => profile.realm_for(account),
            (None, _) if self.realm.is_some() => Ok(None),
            (None, rule) => Err(Error::new(
                ErrorKind::InvalidParameter,
                format!(
                    "the {} profile's realm is made from the account id ({}): pass the account (e.g. 1234567-sb1)",
                    profile.name(),
                    rule.as_str()
                ),
            )),
        }
    }
}

/// Appends `name="value"` pairs (values already encoded) to a header being
/// written, with `, ` between them and after what is already there.
fn write_header_pairs<'a>(out: &mut String, pairs: impl Iterator<Item = (&'a str, &'a str)>) {
    for (name, value) in pairs {
        if !out.ends_with(' ') {
            out.push_str(", ");
        }
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(value);
        out.push('"');
    }
}

/// Protocol parameters, encoded, in the order they are sent: the text is the
/// `name=value&...` form (what s3.5.2 and s3.5.3 append), and the spans let
/// the header and the base string use the pairs without splitting it again.
#[derive(Clone, Debug, Default)]
struct ProtocolParams {
    text: String,
    /// Per pair: name start, name end (`=` at that index), value end.
    spans: Vec<(usize, usize, usize)>,
}

impl ProtocolParams {
    fn with_capacity(bytes: usize) -> Self {
        ProtocolParams {
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(12),
        }
    }

    /// Adds a pair given raw values, encoding both.
    fn push(&mut self, name: &str, value: &str) {
        self.push_with(name, |out| percent_encode_into(value, out));
    }

    /// Adds a pair whose value `write_value` appends, already encoded.
    /// Protocol names (`oauth_` and unreserved characters) need no encoding.
    fn push_with(&mut self, name: &str, write_value: impl FnOnce(&mut String)) {
        if !self.text.is_empty() {
            self.text.push('&');
        }
        let start = self.text.len();
        if name.bytes().all(crate::encoding::is_unreserved) {
            self.text.push_str(name);
        } else {
            percent_encode_into(name, &mut self.text);
        }
        let eq = self.text.len();
        self.text.push('=');
        write_value(&mut self.text);
        self.spans.push((start, eq, self.text.len()));
    }

    fn extend_from(&mut self, other: &ProtocolParams) {
        let offset = self.text.len() + usize::from(!self.text.is_empty());
        if !self.text.is_empty() && !other.text.is_empty() {
            self.text.push('&');
        }
        self.text.push_str(&other.text);
        self.spans.extend(
            other
                .spans
                .iter()
                .map(|&(s, e, v)| (s + offset, e + offset, v + offset)),
        );
    }

    fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.spans
            .iter()
            .map(|&(s, e, v)| (&self.text[s..e], &self.text[e + 1..v]))
    }
}

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
    fixed_params: ProtocolParams,
    /// The same, as base-string parameters.
    fixed_base_params: ParameterList,
    /// `OAuth realm="...", ` and the fixed parameters, rendered once.
    header_prefix: Arc<str>,
    key: SigningKey,
    /// The last timestamp sent, for monotonic timestamps (shared by clones).
    last_timestamp: Arc<AtomicU64>,
    builder: SignerBuilder,
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
        let mut oauth = ProtocolParams::with_capacity(self.fixed_params.text.len() + 192);
        oauth.extend_from(&self.fixed_params);
        match options.timestamp {
            Generated::Auto => oauth.push("oauth_timestamp", &self.next_timestamp().to_string()),
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
    oauth: &ProtocolParams,
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

/// What the request's body was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SignedBody {
    None,
    /// A form body, kept in `Signed::text` after the URL.
    Form,
    Other,
}

/// A signed request: the signature, what it was computed over, and every
/// transmission form of s3.5.
#[derive(Clone)]
pub struct Signed {
    /// Base string, signature, URL (without fragment) and form body, in turn.
    text: String,
    base_end: usize,
    signature_end: usize,
    url_end: usize,
    body: SignedBody,
    /// Protocol parameters, encoded, signature last.
    oauth_params: ProtocolParams,
    /// The header up to the per-request parameters (the signer's).
    header_prefix: Arc<str>,
    /// How many of `oauth_params` the prefix already holds.
    fixed_count: usize,
}

/// The signature is left out: for PLAINTEXT it is the secrets themselves.
impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signed")
            .field("base_string", &self.base_string())
            .field("url", &self.url())
            .field("signature", &"[redacted]")
            .finish()
    }
}

impl Signed {
    /// The signature (`oauth_signature`, not percent-encoded).
    pub fn signature(&self) -> &str {
        &self.text[self.base_end..self.signature_end]
    }

    /// The signature base string (s3.4.1.1).
    pub fn base_string(&self) -> &str {
        &self.text[..self.base_end]
    }

    fn url(&self) -> &str {
        &self.text[self.signature_end..self.url_end]
    }

    /// The normalized request parameters (s3.4.1.3.2).
    pub fn normalized_parameters(&self) -> String {
        normalized_from_base_string(self.base_string())
    }

    /// The protocol parameters sent, decoded, in the order they are sent
    /// (`oauth_signature` last; `realm` is not among them).
    pub fn oauth_parameters(&self) -> Vec<(String, String)> {
        self.oauth_params
            .pairs()
            .map(|(n, v)| {
                let decode = |s| {
                    percent_decode_strict(s, "")
                        .map(|c| c.into_owned())
                        .unwrap_or_default()
                };
                (decode(n), decode(v))
            })
            .collect()
    }

    /// The protocol parameters as an encoded `oauth_...=...&...` string.
    pub fn oauth_query(&self) -> &str {
        &self.oauth_params.text
    }

    /// The `Authorization` header value (s3.5.1): `OAuth realm="...", oauth_consumer_key="...", ...`.
    pub fn authorization_header(&self) -> String {
        let mut out = String::with_capacity(
            self.header_prefix.len()
                + self.oauth_params.text.len()
                + 4 * self.oauth_params.spans.len(),
        );
        out.push_str(&self.header_prefix);
        write_header_pairs(&mut out, self.oauth_params.pairs().skip(self.fixed_count));
        out
    }

    /// The URL with the protocol parameters added to its query (s3.5.3).
    pub fn signed_url(&self) -> String {
        let mut out = String::new();
        crate::url::write_url_with_query_pairs(self.url(), &self.oauth_params.text, &mut out);
        out
    }

    /// The form body with the protocol parameters appended (s3.5.2). Refused
    /// when the request's body is not form-encoded, and when the protocol
    /// parameters hold `oauth_body_hash` (signed without a body under the
    /// `Always` policy), which a form body may not carry (Body Hash draft s4.1.1).
    pub fn signed_form_body(&self) -> Result<String> {
        if self.body == SignedBody::None
            && self
                .oauth_params
                .pairs()
                .any(|(name, _)| name == "oauth_body_hash")
        {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                "the protocol parameters hold oauth_body_hash, which a form body may not carry (Body Hash draft s4.1.1): send them in the Authorization header or the query",
            ));
        }
        match self.body {
            SignedBody::Other => Err(Error::new(
                ErrorKind::InvalidParameter,
                "the request body is not application/x-www-form-urlencoded, so the protocol parameters cannot go into it",
            )),
            SignedBody::None => Ok(self.oauth_params.text.clone()),
            SignedBody::Form if self.url_end == self.text.len() => {
                Ok(self.oauth_params.text.clone())
            }
            SignedBody::Form => {
                let body = &self.text[self.url_end..];
                let mut out = String::with_capacity(body.len() + self.oauth_params.text.len() + 1);
                out.push_str(body);
                if !body.ends_with('&') {
                    out.push('&');
                }
                out.push_str(&self.oauth_params.text);
                Ok(out)
            }
        }
    }
}
