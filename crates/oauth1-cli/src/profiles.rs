//! `oauth1 profiles` (list, show) and `oauth1 sign --profile NAME`: the
//! provider profiles of the core, from the shell.

use crate::cli::{ClientCredentials, SignArgs};
use clap::{Args, Subcommand};
use oauth1::{Generated, Profile, SignatureMethod, Signer, SignerBuilder, TokenPassportSigner};
use std::fmt::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
oauth1 profiles\n  \
oauth1 profiles show netsuite\n  \
oauth1 sign --profile netsuite --account 1234567-sb1 POST \\\n      \
https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer \\\n      \
--content-type application/json --body '{}'")]
pub struct ProfilesArgs {
    #[command(subcommand)]
    pub command: Option<ProfilesCommand>,
}

#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// Everything a profile holds: methods, realm rule, body hash, nonces,
    /// timestamps, endpoints, parameters, response fields, pitfalls, sources.
    Show {
        /// The profile's name, e.g. netsuite.
        name: String,
    },
}

pub fn run(args: &ProfilesArgs) -> Result<ExitCode, String> {
    let out = match &args.command {
        None => list(),
        Some(ProfilesCommand::Show { name }) => show(find(name)?),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn find(name: &str) -> Result<&'static Profile, String> {
    oauth1::profile(name).map_err(|e| e.message().to_owned())
}

/// One line per profile: name and summary.
pub fn list() -> String {
    let width = oauth1::profiles()
        .iter()
        .map(|p| p.name().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for p in oauth1::profiles() {
        let _ = writeln!(out, "{:width$}  {}", p.name(), p.summary());
    }
    out
}

/// Every field of a profile, one per line.
pub fn show(p: &Profile) -> String {
    let methods: Vec<_> = p.signature_methods().iter().map(|m| m.as_str()).collect();
    let pairs = |items: &[(&str, &str)]| {
        if items.is_empty() {
            "(none)".to_owned()
        } else {
            items
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    let endpoint = |e: Option<&str>| e.unwrap_or("(none)").to_owned();
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", p.name(), p.display_name());
    let _ = writeln!(out, "  {}", p.summary());
    let fields = if p.response_fields().is_empty() {
        "(none)".to_owned()
    } else {
        p.response_fields().join(", ")
    };
    let rows = [
        (
            "signature methods:",
            format!(
                "{} (default {})",
                methods.join(", "),
                p.default_signature_method()
            ),
        ),
        ("transmission:", p.transmission().as_str().to_owned()),
        ("account:", p.account_kind().as_str().to_owned()),
        ("realm:", p.realm_rule().as_str().to_owned()),
        ("body hash:", p.body_hash().as_str().to_owned()),
        ("oauth_version sent:", p.include_version().to_string()),
        (
            "nonce:",
            format!("{} of {}", p.nonce_length(), p.nonce_alphabet()),
        ),
        ("timestamp:", p.timestamp_rule().as_str().to_owned()),
        (
            "callback confirmed:",
            if p.callback_confirmed_required() {
                "required"
            } else {
                "not required"
            }
            .to_owned(),
        ),
        (
            "request token:",
            format!(
                "{} {}",
                p.request_token_method(),
                endpoint(p.request_token_url_template())
            ),
        ),
        ("authorize:", endpoint(p.authorize_url_template())),
        (
            "access token:",
            format!(
                "{} {}",
                p.access_token_method(),
                endpoint(p.access_token_url_template())
            ),
        ),
        ("API base:", endpoint(p.api_base_template())),
        ("authorize parameters:", pairs(p.authorize_params())),
        ("request-token params:", pairs(p.request_token_params())),
        ("response fields kept:", fields),
        ("pitfalls:", p.pitfalls().to_owned()),
        ("", p.pitfalls_url().to_owned()),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "{label:<23}{value}");
    }
    let _ = writeln!(out, "documentation:");
    for url in p.docs() {
        let _ = writeln!(out, "  {url}");
    }
    let _ = writeln!(out, "checked:               {}", p.checked());
    out
}

/// The signature method of `oauth1 sign`: the one given, else the
/// profile's default, else HMAC-SHA1.
pub fn signature_method(args: &SignArgs) -> Result<SignatureMethod, String> {
    match (args.signature_method, &args.profile) {
        (Some(method), _) => Ok(method),
        (None, Some(name)) => Ok(find(name)?.default_signature_method()),
        (None, None) => Ok(SignatureMethod::HmacSha1),
    }
}

/// The builder `oauth1 sign` starts from: the profile's (with its account)
/// or the plain defaults, with the flags that change them.
pub fn signer_builder(
    args: &SignArgs,
    consumer_key: String,
    consumer_secret: String,
) -> Result<SignerBuilder, String> {
    let Some(name) = &args.profile else {
        return Ok(Signer::builder(consumer_key, consumer_secret)
            .include_version(!args.no_version)
            .body_hash(args.body_hash));
    };
    let profile = find(name)?;
    let mut builder = profile.signer_builder(consumer_key, consumer_secret);
    if args.no_version {
        builder = builder.include_version(false);
    }
    // The profile's body-hash rule stands unless a policy other than the
    // default is asked for.
    if args.body_hash != oauth1::BodyHash::Off {
        builder = builder.body_hash(args.body_hash);
    }
    let realm_needs_account = profile.realm_rule() != oauth1::RealmRule::None;
    match (&args.account, realm_needs_account) {
        (Some(account), _) => builder = builder.account(account.clone()),
        (None, true) if args.realm.is_none() => {
            return Err(format!(
                "the {name} profile needs --account ({}), e.g. --account 1234567-sb1",
                profile.account_kind().as_str()
            ))
        }
        (None, _) => {}
    }
    Ok(builder)
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  \
oauth1 token-passport --account 1234567-sb1 --consumer-key ck --consumer-secret cs \\\n      \
--token tk --token-secret ts --namespace urn:messages_2024_2.platform.webservices.netsuite.com\n\n\
Credentials come from the flags or from OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET,\n\
OAUTH1_TOKEN, OAUTH1_TOKEN_SECRET.")]
pub struct TokenPassportArgs {
    /// The NetSuite account id (1234567, 1234567_SB1 or 1234567-sb1).
    #[arg(long, value_name = "ID")]
    pub account: String,
    #[command(flatten)]
    pub credentials: ClientCredentials,
    /// A fixed timestamp instead of the clock (to reproduce a signature).
    #[arg(long, value_name = "SECONDS")]
    pub timestamp: Option<String>,
    /// A fixed nonce (6-64 letters and digits) instead of a random one.
    #[arg(long)]
    pub nonce: Option<String>,
    /// HMAC-SHA256 (default) or HMAC-SHA1.
    #[arg(long, default_value = "HMAC-SHA256", value_name = "METHOD")]
    pub signature_method: String,
    /// The WSDL version's messages namespace, declared on the element.
    #[arg(long, value_name = "URN")]
    pub namespace: Option<String>,
    /// Also print the base string and the signature.
    #[arg(long)]
    pub explain: bool,
}

pub fn run_token_passport(args: &TokenPassportArgs) -> Result<ExitCode, String> {
    print!("{}", render_token_passport(args)?);
    Ok(ExitCode::SUCCESS)
}

/// What `oauth1 token-passport` prints.
pub fn render_token_passport(args: &TokenPassportArgs) -> Result<String, String> {
    let c = &args.credentials;
    let (Some(secret), Some(token), Some(token_secret)) =
        (&c.consumer_secret, &c.token, &c.token_secret)
    else {
        return Err(
            "a TokenPassport needs --consumer-secret, --token and --token-secret (or OAUTH1_CONSUMER_SECRET, OAUTH1_TOKEN, OAUTH1_TOKEN_SECRET)"
                .to_owned(),
        );
    };
    let method: SignatureMethod = args
        .signature_method
        .parse()
        .map_err(|e: oauth1::Error| e.message().to_owned())?;
    let mut signer = TokenPassportSigner::new(
        &args.account,
        c.consumer_key.clone(),
        secret.clone(),
        token.clone(),
        token_secret.clone(),
    )
    .map_err(|e| format!("cannot sign: {e}"))?;
    if method != SignatureMethod::HmacSha256 {
        signer = signer
            .with_signature_method(method)
            .map_err(|e| format!("cannot sign: {e}"))?;
    }
    let timestamp = args
        .timestamp
        .as_deref()
        .map_or(Generated::Auto, Generated::Fixed);
    let nonce = args
        .nonce
        .as_deref()
        .map_or(Generated::Auto, Generated::Fixed);
    let passport = signer
        .sign(timestamp, nonce)
        .map_err(|e| format!("cannot sign: {e}"))?;
    let mut out = String::new();
    if args.explain {
        let _ = writeln!(out, "Base string:           {}", passport.base_string());
        let _ = writeln!(
            out,
            "Signing key:           consumer secret & token secret (not shown)"
        );
        let _ = writeln!(out, "Signature:             {}", passport.signature());
    }
    let _ = writeln!(out, "{}", passport.to_xml(args.namespace.as_deref()));
    Ok(out)
}
