//! Provider profiles: what each provider wants (signature methods, realm,
//! body hash, nonces, timestamps, endpoints, extra parameters, response
//! fields), as data. One file per provider in `profiles/*.toml`, each citing
//! the provider's documentation, turned into static data by `build.rs`.
//!
//! ```
//! use oauth1::{profile, Generated, Request, SignOptions, Signer};
//! let signer = Signer::for_profile("netsuite", "ck", "cs")?
//!     .account("1234567-sb1")
//!     .token("tk", "ts")
//!     .build()?;
//! let options = SignOptions { timestamp: Generated::Fixed("1700000000"), nonce: Generated::Fixed("abcdef123"), ..Default::default() };
//! let url = profile("netsuite")?.api_url("1234567-sb1", "/record/v1/customer")?;
//! assert_eq!(url, "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer");
//! let signed = signer.sign_with(&Request::new("POST", &url).with_body(b"{}", "application/json"), &options)?;
//! let header = signed.authorization_header();
//! assert!(header.starts_with("OAuth realm=\"1234567_SB1\", "));
//! assert!(header.contains("oauth_signature_method=\"HMAC-SHA256\""));
//! assert!(!header.contains("oauth_body_hash"));
//! # Ok::<(), oauth1::Error>(())
//! ```

use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::method::SignatureMethod;
use crate::secret::Secret;
use crate::signer::{BodyHash, Signer, SignerBuilder};
use crate::verify::Verifier;

/// Where a provider wants the protocol parameters (RFC 5849 s3.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transmission {
    /// The `Authorization` header (s3.5.1).
    Header,
    /// The URL's query (s3.5.3), e.g. WooCommerce over plain HTTP.
    Query,
    /// The form body (s3.5.2), e.g. LTI 1.1 launches.
    Form,
}

impl Transmission {
    /// `header`, `query` or `form`.
    pub fn as_str(self) -> &'static str {
        match self {
            Transmission::Header => "header",
            Transmission::Query => "query",
            Transmission::Form => "form",
        }
    }
}

/// What a profile's "account" is: the value that fills its endpoint
/// templates and, for NetSuite, its realm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccountKind {
    /// The provider has one set of endpoints.
    None,
    /// A NetSuite account id (`1234567`, `1234567_SB1` or `1234567-sb1`).
    NetSuiteAccountId,
    /// The shop's base URL (`https://shop.example.com`), e.g. WooCommerce, Magento.
    StoreUrl,
}

impl AccountKind {
    /// `none`, `netsuite-account-id` or `store-url`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::None => "none",
            AccountKind::NetSuiteAccountId => "netsuite-account-id",
            AccountKind::StoreUrl => "store-url",
        }
    }
}

/// How a profile's `realm` is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RealmRule {
    /// No realm is sent.
    None,
    /// The NetSuite account id, upper-cased with `-` as `_`
    /// (`1234567-sb1` → `1234567_SB1`).
    NetSuiteAccount,
}

impl RealmRule {
    /// `none` or `netsuite-account`.
    pub fn as_str(self) -> &'static str {
        match self {
            RealmRule::None => "none",
            RealmRule::NetSuiteAccount => "netsuite-account",
        }
    }
}

/// How a profile's signers make timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimestampRule {
    /// The system clock.
    Clock,
    /// The system clock, but never earlier than the signer's last timestamp
    /// (NetSuite refuses a timestamp older than the token's last one).
    Monotonic,
}

impl TimestampRule {
    /// `clock` or `monotonic`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimestampRule::Clock => "clock",
            TimestampRule::Monotonic => "monotonic",
        }
    }
}

/// One provider's OAuth 1.0a rules, from `crates/oauth1/profiles/NAME.toml`.
#[derive(Debug, PartialEq, Eq)]
pub struct Profile {
    name: &'static str,
    display_name: &'static str,
    summary: &'static str,
    docs: &'static [&'static str],
    signature_methods: &'static [SignatureMethod],
    default_signature_method: SignatureMethod,
    transmission: Transmission,
    account: AccountKind,
    realm: RealmRule,
    body_hash: BodyHash,
    include_version: bool,
    nonce_length: usize,
    nonce_alphabet: &'static str,
    timestamp: TimestampRule,
    callback_confirmed_required: bool,
    request_token_url: Option<&'static str>,
    authorize_url: Option<&'static str>,
    access_token_url: Option<&'static str>,
    api_base: Option<&'static str>,
    request_token_method: &'static str,
    access_token_method: &'static str,
    authorize_params: &'static [(&'static str, &'static str)],
    request_token_params: &'static [(&'static str, &'static str)],
    response_fields: &'static [&'static str],
    pitfalls: &'static str,
    pitfalls_url: &'static str,
    checked: &'static str,
}

static PROFILES: &[Profile] = include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

/// Every profile, sorted by name.
pub fn profiles() -> &'static [Profile] {
    PROFILES
}

/// The profile of that name (exact, e.g. `netsuite`, `x`, `etsy-v2`).
pub fn profile(name: &str) -> Result<&'static Profile> {
    PROFILES.iter().find(|p| p.name == name).ok_or_else(|| {
        let names: Vec<_> = PROFILES.iter().map(|p| p.name).collect();
        Error::new(
            ErrorKind::InvalidParameter,
            format!(
                "no provider profile is named {}; the profiles are {}",
                excerpt(name, 40),
                names.join(", ")
            ),
        )
    })
}

/// The NetSuite realm of an account id: upper case, `-` as `_`
/// (`1234567-sb1` → `1234567_SB1`). Refuses anything but ASCII letters,
/// digits, `-` and `_`.
pub fn netsuite_realm(account: &str) -> Result<String> {
    check_netsuite_account(account)?;
    Ok(account.to_ascii_uppercase().replace('-', "_"))
}

/// The host form of a NetSuite account id: lower case, `_` as `-`
/// (`1234567_SB1` → `1234567-sb1`).
pub fn netsuite_host_account(account: &str) -> Result<String> {
    check_netsuite_account(account)?;
    Ok(account.to_ascii_lowercase().replace('_', "-"))
}

fn check_netsuite_account(account: &str) -> Result<()> {
    let ok = !account.is_empty()
        && account
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::InvalidParameter,
            format!(
                "NetSuite account id {} must be ASCII letters, digits, '-' or '_' (e.g. 1234567 or 1234567-sb1)",
                excerpt(account, 40)
            ),
        ))
    }
}

impl Profile {
    /// The profile's id, e.g. `netsuite`.
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// The provider's name, for people.
    pub fn display_name(&self) -> &'static str {
        self.display_name
    }
    /// One line: what this profile does.
    pub fn summary(&self) -> &'static str {
        self.summary
    }
    /// The provider's documentation pages the values come from.
    pub fn docs(&self) -> &'static [&'static str] {
        self.docs
    }
    /// The signature methods the provider accepts.
    pub fn signature_methods(&self) -> &'static [SignatureMethod] {
        self.signature_methods
    }
    /// The method a signer uses unless told otherwise.
    pub fn default_signature_method(&self) -> SignatureMethod {
        self.default_signature_method
    }
    /// Where the protocol parameters go.
    pub fn transmission(&self) -> Transmission {
        self.transmission
    }
    /// What the profile's account is.
    pub fn account_kind(&self) -> AccountKind {
        self.account
    }
    /// How the realm is made.
    pub fn realm_rule(&self) -> RealmRule {
        self.realm
    }
    /// When `oauth_body_hash` is sent.
    pub fn body_hash(&self) -> BodyHash {
        self.body_hash
    }
    /// Whether `oauth_version=1.0` is sent.
    pub fn include_version(&self) -> bool {
        self.include_version
    }
    /// The nonce length.
    pub fn nonce_length(&self) -> usize {
        self.nonce_length
    }
    /// The nonce characters.
    pub fn nonce_alphabet(&self) -> &'static str {
        self.nonce_alphabet
    }
    /// How timestamps are made.
    pub fn timestamp_rule(&self) -> TimestampRule {
        self.timestamp
    }
    /// Whether the request-token response must confirm the callback.
    pub fn callback_confirmed_required(&self) -> bool {
        self.callback_confirmed_required
    }
    /// The request-token endpoint template (`{account}`, `{store}`), if any.
    pub fn request_token_url_template(&self) -> Option<&'static str> {
        self.request_token_url
    }
    /// The authorize endpoint template, if any.
    pub fn authorize_url_template(&self) -> Option<&'static str> {
        self.authorize_url
    }
    /// The access-token endpoint template, if any.
    pub fn access_token_url_template(&self) -> Option<&'static str> {
        self.access_token_url
    }
    /// The API's base URL template, if any.
    pub fn api_base_template(&self) -> Option<&'static str> {
        self.api_base
    }
    /// The HTTP method of the request-token request.
    pub fn request_token_method(&self) -> &'static str {
        self.request_token_method
    }
    /// The HTTP method of the access-token request.
    pub fn access_token_method(&self) -> &'static str {
        self.access_token_method
    }
    /// Extra authorize-URL parameters and their defaults (e.g. Trello's
    /// `name`, `scope`, `expiration`).
    pub fn authorize_params(&self) -> &'static [(&'static str, &'static str)] {
        self.authorize_params
    }
    /// Extra request-token query parameters and their defaults (e.g. Etsy's `scope`).
    pub fn request_token_params(&self) -> &'static [(&'static str, &'static str)] {
        self.request_token_params
    }
    /// Token-response fields worth keeping beyond token and secret.
    pub fn response_fields(&self) -> &'static [&'static str] {
        self.response_fields
    }
    /// Known pitfalls, briefly.
    pub fn pitfalls(&self) -> &'static str {
        self.pitfalls
    }
    /// Where the pitfalls are described.
    pub fn pitfalls_url(&self) -> &'static str {
        self.pitfalls_url
    }
    /// What was checked against the provider's documentation, and what not.
    pub fn checked(&self) -> &'static str {
        self.checked
    }

    /// Whether the provider accepts `method`.
    pub fn allows(&self, method: SignatureMethod) -> bool {
        self.signature_methods.contains(&method)
    }

    /// Whether the endpoints or the realm need an account (or store URL).
    pub fn needs_account(&self) -> bool {
        self.account != AccountKind::None
    }

    /// The realm for `account` under this profile's rule (`None` when the
    /// profile sends no realm).
    pub fn realm_for(&self, account: &str) -> Result<Option<String>> {
        match self.realm {
            RealmRule::None => Ok(None),
            RealmRule::NetSuiteAccount => netsuite_realm(account).map(Some),
        }
    }

    /// Fills an endpoint template: `{account}` with the NetSuite host form
    /// of the account id, `{store}` with the store URL (no trailing `/`).
    pub fn resolve(&self, template: &str, account: Option<&str>) -> Result<String> {
        let needs = template.contains("{account}") || template.contains("{store}");
        if !needs {
            return Ok(template.to_owned());
        }
        let account = account.filter(|a| !a.is_empty()).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidParameter,
                format!(
                    "the {} profile's endpoint {template} needs the account ({})",
                    self.name,
                    self.account.as_str()
                ),
            )
        })?;
        match self.account {
            AccountKind::NetSuiteAccountId => {
                Ok(template.replace("{account}", &netsuite_host_account(account)?))
            }
            AccountKind::StoreUrl => {
                crate::url::RequestUrl::parse(account).map_err(|e| {
                    Error::new(
                        e.kind(),
                        format!("store URL {}: {}", excerpt(account, 60), e.message()),
                    )
                })?;
                Ok(template.replace("{store}", account.trim_end_matches('/')))
            }
            AccountKind::None => Ok(template.to_owned()),
        }
    }

    fn endpoint(
        &self,
        which: &str,
        template: Option<&str>,
        account: Option<&str>,
    ) -> Result<String> {
        let template = template.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidParameter,
                format!("the {} profile has no {which} endpoint", self.name),
            )
        })?;
        self.resolve(template, account)
    }

    /// The request-token URL, with the profile's request-token parameters
    /// (their defaults) in its query.
    pub fn request_token_url(&self, account: Option<&str>) -> Result<String> {
        let base = self.endpoint("request-token", self.request_token_url, account)?;
        let mut query = String::new();
        for (name, value) in self.request_token_params {
            if !query.is_empty() {
                query.push('&');
            }
            crate::encoding::percent_encode_into(name, &mut query);
            query.push('=');
            crate::encoding::percent_encode_into(value, &mut query);
        }
        if query.is_empty() {
            return Ok(base);
        }
        let mut out = String::new();
        crate::url::write_url_with_query_pairs(&base, &query, &mut out);
        Ok(out)
    }

    /// The access-token URL.
    pub fn access_token_url(&self, account: Option<&str>) -> Result<String> {
        self.endpoint("access-token", self.access_token_url, account)
    }

    /// The authorize URL for `request_token`, with the profile's authorize
    /// parameters; `overrides` replace their defaults (e.g. Trello's `name`).
    pub fn authorization_url(
        &self,
        account: Option<&str>,
        request_token: &str,
        overrides: &[(&str, &str)],
    ) -> Result<String> {
        let base = self.endpoint("authorize", self.authorize_url, account)?;
        let mut url = crate::flow::authorization_url(&base, request_token)?;
        for (name, default) in self.authorize_params {
            let value = overrides
                .iter()
                .find(|(n, _)| n == name)
                .map_or(*default, |(_, v)| *v);
            let mut pair = String::new();
            crate::encoding::percent_encode_into(name, &mut pair);
            pair.push('=');
            crate::encoding::percent_encode_into(value, &mut pair);
            let mut next = String::new();
            crate::url::write_url_with_query_pairs(&url, &pair, &mut next);
            url = next;
        }
        Ok(url)
    }

    /// An API URL: the profile's API base for `account` and `path`.
    pub fn api_url(&self, account: &str, path: &str) -> Result<String> {
        let base = self.endpoint("API base", self.api_base, Some(account))?;
        Ok(format!("{base}{path}"))
    }

    /// A verifier for requests signed under this profile: exactly its
    /// signature methods (PLAINTEXT only where the provider uses it).
    pub fn verifier(&self) -> Verifier {
        Verifier::new().signature_methods(self.signature_methods.iter().copied())
    }
}

impl Signer {
    /// A builder with a provider profile's settings: its default signature
    /// method, `oauth_version`, body-hash policy, nonces and timestamp rule.
    /// Set the account with [`SignerBuilder::account`] where the profile
    /// makes its realm from it (NetSuite); the builder refuses a signature
    /// method the provider does not accept.
    pub fn for_profile(
        name: &str,
        consumer_key: impl Into<String>,
        consumer_secret: impl Into<Secret>,
    ) -> Result<SignerBuilder> {
        Ok(profile(name)?.signer_builder(consumer_key, consumer_secret))
    }
}

impl Profile {
    /// A signer builder with this profile's settings (see [`Signer::for_profile`]).
    pub fn signer_builder(
        &'static self,
        consumer_key: impl Into<String>,
        consumer_secret: impl Into<Secret>,
    ) -> SignerBuilder {
        Signer::builder(consumer_key, consumer_secret)
            .signature_method(self.default_signature_method)
            .include_version(self.include_version)
            .body_hash(self.body_hash)
            .nonce(self.nonce_length, self.nonce_alphabet)
            .monotonic_timestamps(self.timestamp == TimestampRule::Monotonic)
            .with_profile(self)
    }
}

impl Verifier {
    /// A verifier for the requests of a profile's consumers (e.g. a
    /// WooCommerce shop or an LTI 1.1 tool provider).
    pub fn for_profile(name: &str) -> Result<Verifier> {
        Ok(profile(name)?.verifier())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_required_profile_is_embedded() {
        for name in [
            "netsuite",
            "woocommerce",
            "magento2",
            "x",
            "trello",
            "garmin",
            "lti11",
            "xero-legacy",
            "smugmug",
            "flickr",
            "tumblr",
            "discogs",
            "etsy-v2",
        ] {
            let p = profile(name).unwrap();
            assert!(!p.docs().is_empty(), "{name} cites its docs");
            assert!(p.docs().iter().all(|d| d.starts_with("https://")), "{name}");
            assert!(p.allows(p.default_signature_method()), "{name}");
        }
        let names: Vec<_> = profiles().iter().map(|p| p.name()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }

    #[test]
    fn netsuite_realm_rule_upper_case_dash_to_underscore() {
        assert_eq!(netsuite_realm("1234567-sb1").unwrap(), "1234567_SB1");
        assert_eq!(netsuite_realm("1234567").unwrap(), "1234567");
        assert_eq!(netsuite_host_account("1234567_SB1").unwrap(), "1234567-sb1");
        assert!(netsuite_realm("123 4").is_err());
        assert!(netsuite_realm("").is_err());
        assert!(netsuite_host_account("a.b").is_err());
    }

    #[test]
    fn endpoints_are_templated_by_account_or_store() {
        let ns = profile("netsuite").unwrap();
        assert_eq!(
            ns.request_token_url(Some("1234567_SB1")).unwrap(),
            "https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken"
        );
        assert!(ns.access_token_url(None).is_err());
        let woo = profile("woocommerce").unwrap();
        assert_eq!(
            woo.api_url("https://shop.example.com/", "/products")
                .unwrap(),
            "https://shop.example.com/wp-json/wc/v3/products"
        );
        assert!(woo.api_url("shop.example.com", "/x").is_err());
        assert!(woo
            .request_token_url(Some("https://shop.example.com"))
            .is_err());
    }

    #[test]
    fn trello_authorize_url_carries_name_scope_expiration() {
        let trello = profile("trello").unwrap();
        let url = trello
            .authorization_url(None, "rt", &[("name", "My App"), ("scope", "read,write")])
            .unwrap();
        assert_eq!(
            url,
            "https://trello.com/1/OAuthAuthorizeToken?oauth_token=rt&expiration=30days&name=My%20App&scope=read%2Cwrite"
        );
    }

    #[test]
    fn etsy_request_token_url_carries_scope() {
        let etsy = profile("etsy-v2").unwrap();
        assert_eq!(
            etsy.request_token_url(None).unwrap(),
            "https://openapi.etsy.com/v2/oauth/request_token?scope=listings_r"
        );
    }

    #[test]
    fn every_profile_builds_a_signer() {
        for p in profiles() {
            let mut builder = p.signer_builder("ck", "cs").token("tk", "ts");
            if p.needs_account() {
                builder = builder.account(match p.account_kind() {
                    AccountKind::StoreUrl => "https://shop.example.com",
                    _ => "1234567-sb1",
                });
            }
            let signer = builder
                .build()
                .unwrap_or_else(|e| panic!("{}: {e}", p.name()));
            assert_eq!(signer.signature_method(), p.default_signature_method());
        }
    }

    #[test]
    fn netsuite_signer_needs_the_account_and_refuses_sha1() {
        let e = Signer::for_profile("netsuite", "ck", "cs")
            .unwrap()
            .build()
            .unwrap_err();
        assert!(e.message().contains("account"), "{e}");
        let e = Signer::for_profile("netsuite", "ck", "cs")
            .unwrap()
            .account("1234567")
            .signature_method(SignatureMethod::HmacSha1)
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedSignatureMethod);
        let signer = Signer::for_profile("netsuite", "ck", "cs")
            .unwrap()
            .account("1234567-sb1")
            .build()
            .unwrap();
        assert_eq!(signer.realm(), Some("1234567_SB1"));
        assert!(signer.monotonic_timestamps());
    }

    #[test]
    fn unknown_profile_names_the_known_ones() {
        let e = profile("netsuit").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidParameter);
        assert!(e.message().contains("netsuite, "), "{e}");
    }

    #[test]
    fn verifier_for_profile_allows_exactly_its_methods() {
        let v = Verifier::for_profile("discogs").unwrap();
        assert_eq!(
            v.allowed_methods(),
            vec![SignatureMethod::HmacSha1, SignatureMethod::Plaintext]
        );
        let v = Verifier::for_profile("netsuite").unwrap();
        assert_eq!(v.allowed_methods(), vec![SignatureMethod::HmacSha256]);
    }
}
