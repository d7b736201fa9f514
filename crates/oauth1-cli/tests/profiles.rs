//! `oauth1 profiles` and `oauth1 sign --profile`: the documented command
//! lines (crates/oauth1-cli/README.md), checked word for word.

mod shell;

use shell::{assert_contains, oauth1, stdout, success_stdout};

/// The NetSuite sandbox command line the CLI documents, word for word.
#[test]
fn documented_netsuite_sandbox_command_line() {
    let command = r#"oauth1 sign --profile netsuite --account 1234567-sb1 --consumer-key ck --consumer-secret cs --token tk --token-secret ts --timestamp 1700000000 --nonce abcdef123 POST https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer --content-type application/json --body '{}'"#;
    let words: Vec<String> = command
        .split(' ')
        .skip(1)
        .map(|w| w.trim_matches('\'').to_owned())
        .collect();
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    assert_eq!(args.last(), Some(&"{}"));
    let output = oauth1(&args);
    let out = success_stdout(&output);
    assert!(out.starts_with("Authorization: OAuth "), "{out}");
    assert_contains(&out, r#"realm="1234567_SB1""#);
    assert_contains(&out, r#"oauth_signature_method="HMAC-SHA256""#);
    assert!(!out.contains("oauth_body_hash"), "{out}");
    // tests/conformance/profiles/published.json, netsuite-cli-contract-sandbox-json-post
    assert_contains(
        &out,
        r#"oauth_signature="6f4ZFvjpK97wSdtzZQ76ZeI3lDG42k6SYgBjMs4d7Cg%3D""#,
    );
}

/// X's "Creating a signature" example, signed with `--profile x`, gives
/// X's published signature.
#[test]
fn profile_x_signs_x_published_example() {
    let output = oauth1(&[
        "sign",
        "--profile",
        "x",
        "--consumer-key",
        "xvz1evFS4wEEPTGEFPHBog",
        "--consumer-secret",
        "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        "--token",
        "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        "--token-secret",
        "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
        "--timestamp",
        "1318622958",
        "--nonce",
        "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        "POST",
        "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
        "--body",
        "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
        // A body is a form only when its content type says so.
        "--content-type",
        "application/x-www-form-urlencoded",
    ]);
    let out = success_stdout(&output);
    assert_contains(
        &out,
        r#"oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D""#,
    );
    assert_contains(&out, r#"oauth_signature_method="HMAC-SHA1""#);
}

#[test]
fn profile_refuses_a_method_its_provider_does_not_accept() {
    let output = oauth1(&[
        "sign",
        "--profile",
        "netsuite",
        "--account",
        "1234567",
        "--signature-method",
        "HMAC-SHA1",
        "--consumer-key",
        "ck",
        "--consumer-secret",
        "cs",
        "GET",
        "https://1234567.suitetalk.api.netsuite.com/",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert_contains(&err, "accepts HMAC-SHA256, not HMAC-SHA1");
    let output = oauth1(&[
        "sign",
        "--profile",
        "netsuite",
        "--consumer-key",
        "ck",
        "--consumer-secret",
        "cs",
        "GET",
        "https://1234567.suitetalk.api.netsuite.com/",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--account"));
}

#[test]
fn profiles_lists_every_name_with_a_summary() {
    let output = oauth1(&["profiles"]);
    assert!(output.status.success());
    let out = stdout(&output);
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
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} missing from\n{out}"));
        assert!(line.len() > name.len() + 10, "{line}");
    }
}

#[test]
fn profiles_show_prints_the_rules_and_sources() {
    let output = oauth1(&["profiles", "show", "netsuite"]);
    assert!(output.status.success());
    let out = stdout(&output);
    for needle in [
        "HMAC-SHA256",
        "realm:                 netsuite-account",
        "body hash:             off",
        "timestamp:             monotonic",
        "https://{account}.restlets.api.netsuite.com/rest/requesttoken",
        "https://docs.oracle.com/",
    ] {
        assert!(out.contains(needle), "{needle} not in\n{out}");
    }
    let output = oauth1(&["profiles", "show", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("netsuite"));
}

/// NetSuite help, "Creating the Token Password": its published base string
/// (tests/conformance/profiles/token_passport.json).
#[test]
fn token_passport_prints_the_element_and_explains_the_base_string() {
    let output = oauth1(&[
        "token-passport",
        "--account",
        "1234567",
        "--consumer-key",
        "71cc02b731f05895561ef0862d71553a3ac99498a947c3b7beaf4a1e4a29f7c4",
        "--consumer-secret",
        "7278da58caf07f5c336301a601203d10a58e948efa280f0618e25fcee1ef2abd",
        "--token",
        "89e08d9767c5ac85b374415725567d05b54ecf0960ad2470894a52f741020d82",
        "--token-secret",
        "060cd9ab3ffbbe1e3d3918e90165ffd37ab12acc76b4691046e2d29c7d7674c2",
        "--timestamp",
        "1439829974",
        "--nonce",
        "6obMKq0tmY8ylVOdEkA1",
        "--explain",
    ]);
    let out = success_stdout(&output);
    assert_contains(&out, "Base string:           1234567&71cc02b731f05895561ef0862d71553a3ac99498a947c3b7beaf4a1e4a29f7c4&89e08d9767c5ac85b374415725567d05b54ecf0960ad2470894a52f741020d82&6obMKq0tmY8ylVOdEkA1&1439829974");
    assert_contains(&out, "<signature algorithm=\"HMAC-SHA256\">FCghIZqXNetuZY8ILWOFH0ucdfzQOmAuL+q+kF21zPs=</signature></tokenPassport>");
}
