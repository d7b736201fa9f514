//! The signer's settings, checked and prepared by [`SignerBuilder::build`].

use super::outgoing::{write_header_pairs, OutgoingProtocolParams};
use super::request::BodyHash;
use super::sign::Signer;
use crate::base_string::ParameterList;
use crate::error::{Error, ErrorKind, Result};
use crate::method::SignatureMethod;
use crate::nonce::NonceGenerator;
use crate::secret::Secret;
use crate::signature::SigningKey;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// Builds a [`Signer`].
#[derive(Clone, Debug)]
pub struct SignerBuilder {
    pub(super) consumer_key: String,
    pub(super) consumer_secret: Secret,
    pub(super) token: Option<(String, Secret)>,
    pub(super) method: SignatureMethod,
    pub(super) realm: Option<String>,
    pub(super) rsa_private_key_pem: Option<Secret>,
    pub(super) include_version: bool,
    pub(super) body_hash: BodyHash,
    pub(super) nonce: NonceGenerator,
    pub(super) nonce_error: Option<Error>,
    pub(super) monotonic_timestamps: bool,
    pub(super) profile: Option<&'static crate::profile::Profile>,
    pub(super) account: Option<String>,
}

impl SignerBuilder {
    // Each setting has two forms: a `set_*` method on `&mut self`, for a
    // builder kept in place (behind a C handle, in a Python object), and a
    // by-value method of the setting's name for a chain, made from it.

    /// Timestamps that never go backwards: each one the clock's, or the
    /// signer's last one if the clock went back (NetSuite refuses a
    /// timestamp older than the token's last). Clones of a signer share its
    /// last timestamp; a fixed timestamp earlier than it is refused.
    pub fn set_monotonic_timestamps(&mut self, enabled: bool) -> &mut Self {
        self.monotonic_timestamps = enabled;
        self
    }

    /// [`SignerBuilder::set_monotonic_timestamps`], in a chain.
    pub fn monotonic_timestamps(mut self, enabled: bool) -> Self {
        self.set_monotonic_timestamps(enabled);
        self
    }

    /// The account (a NetSuite account id, a store URL) of a profile's
    /// signer: the realm is made from it by the profile's rule (NetSuite:
    /// `1234567-sb1` → `1234567_SB1`). Only for [`Signer::for_profile`].
    pub fn set_account(&mut self, account: impl Into<String>) -> &mut Self {
        self.account = Some(account.into());
        self
    }

    /// [`SignerBuilder::set_account`], in a chain.
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.set_account(account);
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
    pub fn set_token(
        &mut self,
        token: impl Into<String>,
        token_secret: impl Into<Secret>,
    ) -> &mut Self {
        self.token = Some((token.into(), token_secret.into()));
        self
    }

    /// [`SignerBuilder::set_token`], in a chain.
    pub fn token(mut self, token: impl Into<String>, token_secret: impl Into<Secret>) -> Self {
        self.set_token(token, token_secret);
        self
    }

    /// The signature method (default HMAC-SHA1).
    pub fn set_signature_method(&mut self, method: SignatureMethod) -> &mut Self {
        self.method = method;
        self
    }

    /// [`SignerBuilder::set_signature_method`], in a chain.
    pub fn signature_method(mut self, method: SignatureMethod) -> Self {
        self.set_signature_method(method);
        self
    }

    /// The `realm` header attribute (e.g. a NetSuite account id); never signed.
    pub fn set_realm(&mut self, realm: impl Into<String>) -> &mut Self {
        self.realm = Some(realm.into());
        self
    }

    /// [`SignerBuilder::set_realm`], in a chain.
    pub fn realm(mut self, realm: impl Into<String>) -> Self {
        self.set_realm(realm);
        self
    }

    /// The RSA private key (PKCS#8 or PKCS#1 PEM) for the RSA methods.
    pub fn set_rsa_private_key_pem(&mut self, pem: impl Into<Secret>) -> &mut Self {
        self.rsa_private_key_pem = Some(pem.into());
        self
    }

    /// [`SignerBuilder::set_rsa_private_key_pem`], in a chain.
    pub fn rsa_private_key_pem(mut self, pem: impl Into<Secret>) -> Self {
        self.set_rsa_private_key_pem(pem);
        self
    }

    /// Whether `oauth_version=1.0` is sent (default `true`).
    pub fn set_include_version(&mut self, include: bool) -> &mut Self {
        self.include_version = include;
        self
    }

    /// [`SignerBuilder::set_include_version`], in a chain.
    pub fn include_version(mut self, include: bool) -> Self {
        self.set_include_version(include);
        self
    }

    /// When `oauth_body_hash` is sent (default [`BodyHash::Off`]); `true`
    /// means [`BodyHash::Always`].
    pub fn set_body_hash(&mut self, policy: impl Into<BodyHash>) -> &mut Self {
        self.body_hash = policy.into();
        self
    }

    /// [`SignerBuilder::set_body_hash`], in a chain.
    pub fn body_hash(mut self, policy: impl Into<BodyHash>) -> Self {
        self.set_body_hash(policy);
        self
    }

    /// Nonce length and alphabet (default 32 ASCII letters and digits).
    /// Refused, leaving the builder as it was, when the length is not
    /// 1-256 or the alphabet not 2 or more distinct printable ASCII
    /// characters.
    pub fn set_nonce(&mut self, length: usize, alphabet: &str) -> Result<&mut Self> {
        self.nonce = NonceGenerator::new(length, alphabet)?;
        // The last nonce setting wins: an earlier refusal no longer counts.
        self.nonce_error = None;
        Ok(self)
    }

    /// [`SignerBuilder::set_nonce`], with a refused length or alphabet
    /// reported by [`SignerBuilder::build`] instead of here (for callers
    /// that promise their users exactly that, such as the C API). The last
    /// nonce setting wins, refused or not.
    pub fn set_nonce_reported_at_build(&mut self, length: usize, alphabet: &str) -> &mut Self {
        if let Err(e) = self.set_nonce(length, alphabet) {
            self.nonce_error = Some(e);
        }
        self
    }

    /// [`SignerBuilder::set_nonce_reported_at_build`], in a chain.
    pub fn nonce(mut self, length: usize, alphabet: &str) -> Self {
        self.set_nonce_reported_at_build(length, alphabet);
        self
    }

    /// [`SignerBuilder::build`] from a builder kept for further use: a
    /// copy of its settings goes into the signer.
    pub fn build_signer(&self) -> Result<Signer> {
        self.clone().build()
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
        let mut fixed = OutgoingProtocolParams::with_capacity(128);
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
