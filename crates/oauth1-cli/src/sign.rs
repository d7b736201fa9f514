//! `oauth1 sign`.

use crate::cli::{read_body, Placement, SignArgs};
use crate::shell::quote;
use oauth1::{is_form_content_type, Generated, Request, SignOptions, Signed, Signer};
use std::fmt::Write;
use std::process::ExitCode;

const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

pub fn run(args: &SignArgs) -> Result<ExitCode, String> {
    let output = render(args)?;
    print!("{output}");
    Ok(ExitCode::SUCCESS)
}

/// Everything `oauth1 sign` prints.
pub fn render(args: &SignArgs) -> Result<String, String> {
    let signer = build_signer(args)?;
    let body = read_body(&args.body)?;
    // A body is a form only when its Content-Type says so, never guessed.
    let content_type = args.body.content_type.as_deref();
    let request = Request {
        body: body.as_deref(),
        content_type,
        ..Request::new(&args.method, &args.url)
    };
    let options = SignOptions {
        timestamp: args
            .timestamp
            .as_deref()
            .map_or(Generated::Auto, Generated::Fixed),
        nonce: args
            .nonce
            .as_deref()
            .map_or(Generated::Auto, Generated::Fixed),
        callback: args.callback.as_deref(),
        verifier: args.verifier.as_deref(),
        extra_oauth_params: Vec::new(),
    };
    let signed = signer
        .sign_with(&request, &options)
        .map_err(|e| format!("cannot sign: {e}"))?;
    let form_body = match args.placement {
        Placement::Body => Some(signed.signed_form_body().map_err(|e| {
            let hint = if content_type.is_none() {
                " (a body is a form only with --content-type application/x-www-form-urlencoded)"
            } else {
                ""
            };
            format!("cannot sign: {e}{hint}")
        })?),
        _ => None,
    };
    if body.as_deref().is_some_and(|b| !b.is_empty())
        && !is_form_content_type(content_type)
        && !signed
            .oauth_parameters()
            .iter()
            .any(|(name, _)| name == "oauth_body_hash")
    {
        eprintln!(
            "oauth1 sign: note: the body is not a form (no --content-type application/x-www-form-urlencoded), so the signature does not cover it; --body-hash=non-form would"
        );
    }

    let mut out = String::new();
    if args.explain {
        explain(&mut out, &signer, &signed);
    }
    if args.curl {
        // A form body made from scratch for --placement body is a form.
        let content_type = match (&form_body, content_type) {
            (Some(_), None) => Some(FORM_CONTENT_TYPE),
            (_, given) => given,
        };
        out.push_str(&curl_command(
            args,
            &signed,
            content_type,
            form_body.as_deref().map(str::as_bytes).or(body.as_deref()),
        )?);
    } else {
        match args.placement {
            Placement::Header => {
                let _ = writeln!(out, "Authorization: {}", signed.authorization_header());
            }
            Placement::Query => {
                let _ = writeln!(out, "{}", signed.signed_url());
            }
            Placement::Body => {
                let _ = writeln!(out, "{}", form_body.unwrap_or_default());
            }
        }
    }
    Ok(out)
}

fn build_signer(args: &SignArgs) -> Result<Signer, String> {
    let credentials = &args.credentials;
    let needs_secret = !args.signature_method.is_rsa();
    let consumer_secret = match (&credentials.consumer_secret, needs_secret) {
        (Some(secret), _) => secret.clone(),
        (None, false) => String::new(),
        (None, true) => {
            return Err(format!(
            "{} needs the consumer secret: pass --consumer-secret or set OAUTH1_CONSUMER_SECRET",
            args.signature_method
        ))
        }
    };
    let mut builder = Signer::builder(credentials.consumer_key.clone(), consumer_secret)
        .signature_method(args.signature_method)
        .include_version(!args.no_version)
        .body_hash(args.body_hash);
    match (&credentials.token, &credentials.token_secret) {
        (Some(token), secret) => {
            builder = builder.token(token.clone(), secret.clone().unwrap_or_default());
        }
        (None, Some(_)) => {
            return Err(
                "a token secret was given without its token: pass --token or set OAUTH1_TOKEN"
                    .to_owned(),
            )
        }
        (None, None) => {}
    }
    if let Some(realm) = &args.realm {
        builder = builder.realm(realm.clone());
    }
    match (&args.rsa_key, args.signature_method.is_rsa()) {
        (Some(path), true) => {
            let pem = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the RSA key {}: {e}", path.display()))?;
            builder = builder.rsa_private_key_pem(pem);
        }
        (None, true) => {
            return Err(format!(
                "{} needs the consumer's private key: pass --rsa-key FILE (PEM)",
                args.signature_method
            ))
        }
        (Some(_), false) => {
            return Err(format!(
                "--rsa-key is only used with the RSA methods; add --signature-method RSA-SHA256 (or RSA-SHA1, RSA-SHA512), not {}",
                args.signature_method
            ))
        }
        (None, false) => {}
    }
    builder.build().map_err(|e| format!("cannot sign: {e}"))
}

fn explain(out: &mut String, signer: &Signer, signed: &Signed) {
    let key = match (signer.signature_method().is_rsa(), signer.token()) {
        (true, _) => "the consumer's RSA private key".to_owned(),
        (false, Some(_)) => "percent-encoded consumer secret & token secret (not shown)".to_owned(),
        (false, None) => {
            "percent-encoded consumer secret & (empty: no token) (not shown)".to_owned()
        }
    };
    let _ = writeln!(out, "Signature method:      {}", signer.signature_method());
    let _ = writeln!(out, "Signing key:           {key}");
    let _ = writeln!(out, "Protocol parameters:");
    for (name, value) in signed.oauth_parameters() {
        let _ = writeln!(out, "  {name} = {value}");
    }
    let _ = writeln!(
        out,
        "Normalized parameters: {}",
        signed.normalized_parameters()
    );
    let _ = writeln!(out, "Base string:           {}", signed.base_string());
    let _ = writeln!(out, "Signature:             {}", signed.signature());
}

fn curl_command(
    args: &SignArgs,
    signed: &Signed,
    content_type: Option<&str>,
    body: Option<&[u8]>,
) -> Result<String, String> {
    let method = args.method.to_ascii_uppercase();
    let url = match args.placement {
        Placement::Query => signed.signed_url(),
        _ => args.url.clone(),
    };
    let mut words = vec!["curl".to_owned(), "-sS".to_owned()];
    if method != "GET" || body.is_some() {
        words.push("-X".to_owned());
        words.push(quote(&method));
    }
    words.push(quote(&url));
    if args.placement == Placement::Header {
        words.push("-H".to_owned());
        words.push(quote(&format!(
            "Authorization: {}",
            signed.authorization_header()
        )));
    }
    if let Some(body) = body {
        // `-H 'Content-Type:'` takes away the form type curl would add to
        // --data-binary: the body was signed as not being a form.
        words.push("-H".to_owned());
        words.push(quote(&format!(
            "Content-Type:{}",
            content_type.map(|ct| format!(" {ct}")).unwrap_or_default()
        )));
        let text = std::str::from_utf8(body).map_err(|_| {
            "the body is not UTF-8 text, so it cannot go into a curl command line; use --body-file with curl's --data-binary @FILE".to_owned()
        })?;
        words.push("--data-binary".to_owned());
        words.push(quote(text));
    }
    Ok(format!("{}\n", words.join(" ")))
}
