//! The stateful checks of VERIFY.md ("Stateful checks a harness can add"):
//! vectors replayed against one provider that keeps its nonce store.

use oauth1::ProblemCode;
use oauth1_conformance::{compare_verify, load_verify_cases, Provider, VerifyCase};
use std::path::PathBuf;

fn cases() -> Vec<VerifyCase> {
    // The repository's vectors: the named cases below are the public ones.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/vectors");
    load_verify_cases(&dir.join("verify.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn case<'a>(cases: &'a [VerifyCase], id: &str) -> &'a VerifyCase {
    cases
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("verify.json has no case {id}"))
}

/// The provider block most vectors share, built once: one stateful provider.
fn shared_provider(cases: &[VerifyCase]) -> (Provider, Vec<&VerifyCase>) {
    let common = &case(cases, "valid-hmac-sha1-get-query-realm").provider;
    let sharing: Vec<&VerifyCase> = cases.iter().filter(|c| c.provider == *common).collect();
    (common.build().expect("shared provider"), sharing)
}

/// "A failed request records no nonce": each named fault, then the genuine
/// request with the same consumer, token, timestamp and nonce, which must
/// still be accepted.
#[test]
fn a_failed_request_records_no_nonce() {
    let cases = cases();
    let genuine = case(&cases, "valid-hmac-sha1-get-query-realm");
    let faults = [
        "fault-signature-tampered-hmac-sha1",
        "fault-query-value-tampered",
        "fault-signature-not-base64-hmac",
    ];
    for fault_id in faults {
        let (provider, _) = shared_provider(&cases);
        let fault = case(&cases, fault_id);
        let outcome = provider.verify(&fault.request);
        compare_verify(&fault.expect, &outcome).unwrap_or_else(|e| panic!("{fault_id}: {e}"));
        let outcome = provider.verify(&genuine.request);
        assert!(outcome.is_ok(), "after {fault_id}: {:?}", outcome.err());
    }
    // All three forgeries in a row burn nothing either.
    let (provider, _) = shared_provider(&cases);
    for fault_id in faults {
        assert!(provider.verify(&case(&cases, fault_id).request).is_err());
    }
    assert!(provider.verify(&genuine.request).is_ok());
}

/// "A success records the nonce": every valid vector that carries a nonce,
/// run a second time, gives `nonce_used` (each against its own provider).
#[test]
fn a_success_records_the_nonce() {
    let cases = cases();
    let mut replayed = 0;
    for c in cases.iter().filter(|c| c.expect.ok) {
        let provider = c.provider.build().expect("provider");
        let first = provider
            .verify(&c.request)
            .unwrap_or_else(|p| panic!("{}: {p}", c.id));
        let second = provider.verify(&c.request);
        if first.nonce().is_some() {
            let code = second.as_ref().err().map(|p| p.code());
            assert_eq!(
                code,
                Some(ProblemCode::NonceUsed),
                "{}: replay gave {second:?}",
                c.id
            );
            replayed += 1;
        } else {
            // Without a nonce (PLAINTEXT) there is nothing to record.
            assert!(second.is_ok(), "{}: {second:?}", c.id);
        }
    }
    assert!(
        replayed >= 20,
        "only {replayed} valid vectors carry a nonce"
    );
}

/// Every vector of the shared provider block, in file order, against one
/// provider (their valid nonce tuples are distinct, VERIFY.md says), then
/// every accepted one again: now all `nonce_used`.
#[test]
fn the_shared_provider_vectors_replayed_against_one_provider() {
    let cases = cases();
    let (provider, sharing) = shared_provider(&cases);
    assert!(
        sharing.len() > 40,
        "only {} vectors share the provider",
        sharing.len()
    );
    let mut accepted = Vec::new();
    for c in &sharing {
        let outcome = provider.verify(&c.request);
        compare_verify(&c.expect, &outcome).unwrap_or_else(|e| panic!("{}: {e}", c.id));
        if let Ok(verified) = outcome {
            if verified.nonce().is_some() {
                accepted.push(*c);
            }
        }
    }
    for c in accepted {
        let code = provider.verify(&c.request).err().map(|p| p.code());
        assert_eq!(code, Some(ProblemCode::NonceUsed), "{}", c.id);
    }
}
