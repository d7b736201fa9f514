//! `cargo test` runs every public vector and primitive through the core.

use std::path::PathBuf;

/// The repository's copy of the public vectors. (`make conformance
/// CONFORMANCE_DIR=...` runs any other folder through every language.)
fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/vectors")
}

fn assert_clean(file: &str) {
    let path = vectors_dir().join(file);
    let run = oauth1_conformance::runners()
        .into_iter()
        .find(|(name, _)| *name == file)
        .map(|(_, run)| run)
        .unwrap_or_else(|| panic!("no runner for {file}"));
    assert!(path.exists(), "{} does not exist", path.display());
    let report = run(&path);
    assert!(report.passed > 0, "{file}: no case ran");
    assert!(report.failures.is_empty(), "{file}: {:#?}", report.failures);
}

#[test]
fn conformance_vectors_json() {
    assert_clean("vectors.json");
}

#[test]
fn conformance_errors_json() {
    assert_clean("errors.json");
}

#[test]
fn conformance_verify_json() {
    assert_clean("verify.json");
}
