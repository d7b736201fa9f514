//! `oauth1 sign`.

use crate::cli::{content_type, read_body, Placement, SignArgs};
use crate::shell::quote;
use oauth1::{Generated, Request, SignOptions, Signed, Signer};
use std::fmt::Write;
use std::process::ExitCode;

pub fn run(args: &SignArgs) -> Result<ExitCode, String> {
    let output = render(args)?;
    print!("{output}");
    Ok(ExitCode::SUCCESS)
}

/// Everything `oauth1 sign` prints.
pub fn render(args: &SignArgs) -> Result<String, String> {
    let signer = build_signer(args)?;
    let body = read_body(&args.body)?;
    let content_type = content_type(&args.body, body.is_some());
    let mut request = Request::new(&args.method, &args.url);
    if let (Some(body), Some(content_type)) = (&body, &content_type) {
        request = request.with_body(body, content_type);
    }
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
        Placement::Body => Some(signed.signed_form_body().map_err(|e| e.to_string())?),
        _ => None,
    };

    let mut out = String::new();
    if args.explain {
        explain(&mut out, &signer, &signed);
    }
    if args.curl {
        out.push_str(&curl_command(
            args,
            &signed,
            content_type.as_deref(),
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
    let method = crate::profiles::signature_method(args)?;
    let needs_secret = !method.is_rsa();
    let consumer_secret = match (&credentials.consumer_secret, needs_secret) {
        (Some(secret), _) => secret.clone(),
        (None, false) => String::new(),
        (None, true) => {
            return Err(format!(
            "{} needs the consumer secret: pass --consumer-secret or set OAUTH1_CONSUMER_SECRET",
            method
        ))
        }
    };
    let mut builder =
        crate::profiles::signer_builder(args, credentials.consumer_key.clone(), consumer_secret)?
            .signature_method(method);
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
    match (&args.rsa_key, method.is_rsa()) {
        (Some(path), true) => {
            let pem = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the RSA key {}: {e}", path.display()))?;
            builder = builder.rsa_private_key_pem(pem);
        }
        (None, true) => {
            return Err(format!(
                "{} needs the consumer's private key: pass --rsa-key FILE (PEM)",
                method
            ))
        }
        (Some(_), false) => {
            return Err(format!(
                "--rsa-key is only used with the RSA methods; add --signature-method RSA-SHA256 (or RSA-SHA1, RSA-SHA512), not {}",
                method
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
        if let Some(content_type) = content_type {
            words.push("-H".to_owned());
            words.push(quote(&format!("Content-Type: {content_type}")));
        }
        let text = std::str::from_utf8(body).map_err(|_| {
            "the body is not UTF-8 text, so it cannot go into a curl command line; use --body-file with curl's --data-binary @FILE".to_owned()
        })?;
        words.push("--data-binary".to_owned());
        words.push(quote(text));
    }
    Ok(format!("{}\n", words.join(" ")))
}
