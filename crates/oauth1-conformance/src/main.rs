//! `oauth1-conformance DIR`: prints `rust FILE: N passed, M failed` for each
//! vector file found in DIR, with each failure's case id and first difference.
//! Exits 1 on any failure, or when DIR holds no vector file at all.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "tests/conformance/vectors".into()),
    );
    let mut failed = false;
    let mut ran = 0;
    for (file, run) in oauth1_conformance::runners() {
        let path = dir.join(file);
        if !path.exists() {
            continue;
        }
        ran += 1;
        let report = run(&path);
        for (id, why) in &report.failures {
            println!("  FAIL rust {file} {id}: {why}");
        }
        println!("{}", report.line("rust", file));
        failed |= !report.failures.is_empty();
    }
    if ran == 0 {
        println!("rust: no vector file found in {}", dir.display());
        failed = true;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
