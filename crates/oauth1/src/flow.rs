//! Consumer-side token flow (RFC 5849 s2): temporary credentials, resource
//! owner authorization, token credentials.

use crate::encoding::{form_decode, percent_encode_into};
use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::secret::Secret;
use crate::signer::{Request, SignOptions, Signed, Signer};
use crate::url::{write_url_with_query_pairs, RequestUrl};

impl Signer {
    /// Signs the temporary-credentials (request-token) request (s2.1):
    /// `POST url` with `oauth_callback` (`oob` when `callback` is `None`).
    pub fn request_token_request(&self, url: &str, callback: Option<&str>) -> Result<Signed> {
        let options = SignOptions {
            callback: Some(callback.unwrap_or("oob")),
            ..SignOptions::default()
        };
        self.sign_with(&Request::new("POST", url), &options)
    }

    /// Signs the token-credentials (access-token) request (s2.3): `POST url`
    /// with `oauth_verifier`. The signer must hold the request token and its
    /// secret ([`Signer::with_token`]).
    pub fn access_token_request(&self, url: &str, verifier: &str) -> Result<Signed> {
        if self.token().is_none() {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                "the access-token request must be signed with the request token: build the signer with .token(request_token, request_token_secret)",
            ));
        }
        let options = SignOptions {
            verifier: Some(verifier),
            ..SignOptions::default()
        };
        self.sign_with(&Request::new("POST", url), &options)
    }
}

/// The resource-owner authorization URL (s2.2): `authorize_url` with
/// `oauth_token` added to its query.
///
/// ```
/// let url = oauth1::authorization_url("https://p.example/authorize?lang=en", "req tok").unwrap();
/// assert_eq!(url, "https://p.example/authorize?lang=en&oauth_token=req%20tok");
/// ```
pub fn authorization_url(authorize_url: &str, request_token: &str) -> Result<String> {
    let parsed = RequestUrl::parse(authorize_url)?;
    let mut pair = String::with_capacity(request_token.len() + 16);
    pair.push_str("oauth_token=");
    percent_encode_into(request_token, &mut pair);
    let mut out = String::new();
    write_url_with_query_pairs(parsed.without_fragment, &pair, &mut out);
    Ok(out)
}

/// What the provider sends back to the callback (s2.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackParams {
    /// `oauth_token`: the request token that was authorized.
    pub token: String,
    /// `oauth_verifier`.
    pub verifier: String,
}

/// Parses the callback the provider redirected to: a whole URL or just its
/// query string. Refuses a callback without `oauth_token` or `oauth_verifier`,
/// and reports an `oauth_problem` (e.g. `user_refused`) when there is one.
pub fn parse_callback(url_or_query: &str) -> Result<CallbackParams> {
    let query = match url_or_query.split_once('?') {
        Some((_, q)) => q,
        None if url_or_query.contains("://") => "",
        None => url_or_query,
    };
    let query = query.split('#').next().unwrap_or_default();
    let pairs = form_decode(query, "callback query")?;
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    if let Some(problem) = get("oauth_problem") {
        return Err(Error::new(
            ErrorKind::InvalidResponse,
            format!("the provider reported oauth_problem={problem:?} on the callback"),
        ));
    }
    let missing = |name: &str| {
        Error::new(
            ErrorKind::InvalidResponse,
            format!("callback {} has no {name}", excerpt(url_or_query, 120)),
        )
    };
    Ok(CallbackParams {
        token: get("oauth_token").ok_or_else(|| missing("oauth_token"))?,
        verifier: get("oauth_verifier").ok_or_else(|| missing("oauth_verifier"))?,
    })
}

/// [`parse_callback`] for the request token this consumer is waiting for:
/// also refuses a callback whose `oauth_token` is another one (a stale or
/// forged callback, or another user's authorization), which RFC 5849 s2.2
/// leaves the consumer to check.
///
/// ```
/// let cb = oauth1::parse_callback_for("https://c.example/cb?oauth_token=rt&oauth_verifier=v", "rt").unwrap();
/// assert_eq!(cb.verifier, "v");
/// assert!(oauth1::parse_callback_for("oauth_token=other&oauth_verifier=v", "rt").is_err());
/// ```
pub fn parse_callback_for(url_or_query: &str, request_token: &str) -> Result<CallbackParams> {
    let params = parse_callback(url_or_query)?;
    if params.token != request_token {
        return Err(Error::new(
            ErrorKind::InvalidResponse,
            format!(
                "the callback is for oauth_token {}, not for the request token {} this authorization was started with",
                excerpt(&params.token, 60),
                excerpt(request_token, 60)
            ),
        ));
    }
    Ok(params)
}

/// A parsed token response (s2.1, s2.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenResponse {
    /// `oauth_token`.
    pub token: String,
    /// `oauth_token_secret` (redacted in `Debug`).
    pub token_secret: Secret,
    /// `oauth_callback_confirmed`, when sent (`true` only for the value `true`).
    pub callback_confirmed: Option<bool>,
    /// Every other field, in order (e.g. Xero's `oauth_session_handle`,
    /// `oauth_expires_in`, X's `user_id`).
    pub extra: Vec<(String, String)>,
}

impl TokenResponse {
    /// An extra field by name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a form-encoded token response. With `require_callback_confirmed`
/// (the request-token response of OAuth 1.0a), `oauth_callback_confirmed`
/// must be `true`; turn that off for a provider that omits it.
///
/// ```
/// let r = oauth1::parse_token_response("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true", true).unwrap();
/// assert_eq!((r.token.as_str(), r.token_secret.expose()), ("t", "s"));
/// ```
pub fn parse_token_response(body: &str, require_callback_confirmed: bool) -> Result<TokenResponse> {
    let pairs = form_decode(body.trim(), "token response")?;
    let mut token = None;
    let mut secret = None;
    let mut confirmed = None;
    let mut extra = Vec::new();
    for (name, value) in pairs {
        match name.as_str() {
            "oauth_token" if token.is_none() => token = Some(value),
            "oauth_token_secret" if secret.is_none() => secret = Some(Secret::new(value)),
            "oauth_callback_confirmed" if confirmed.is_none() => confirmed = Some(value == "true"),
            "oauth_token" | "oauth_token_secret" | "oauth_callback_confirmed" => {
                return Err(Error::new(
                    ErrorKind::InvalidResponse,
                    format!("token response repeats {name}"),
                ))
            }
            _ => extra.push((name, value)),
        }
    }
    if let Some((_, problem)) = extra.iter().find(|(n, _)| n == "oauth_problem") {
        return Err(Error::new(
            ErrorKind::InvalidResponse,
            format!("the provider reported oauth_problem={problem:?}"),
        ));
    }
    let missing = |name: &str| {
        Error::new(
            ErrorKind::InvalidResponse,
            format!("token response {} has no {name}", excerpt(body, 120)),
        )
    };
    let token = token.ok_or_else(|| missing("oauth_token"))?;
    if token.is_empty() {
        // No credentials: a signer reads an empty token as none at all.
        return Err(Error::new(
            ErrorKind::InvalidResponse,
            format!(
                "token response {} has an empty oauth_token",
                excerpt(body, 120)
            ),
        ));
    }
    let token_secret = secret.ok_or_else(|| missing("oauth_token_secret"))?;
    if require_callback_confirmed && confirmed != Some(true) {
        return Err(Error::new(
            ErrorKind::InvalidResponse,
            "token response lacks oauth_callback_confirmed=true (OAuth 1.0a s2.1); turn the check off only for a provider known to omit it",
        ));
    }
    Ok(TokenResponse {
        token,
        token_secret,
        callback_confirmed: confirmed,
        extra,
    })
}
