//! The `oauth1` binary as a shell user runs it: no credentials from the
//! test's own environment, output read as text.
#![allow(dead_code)] // Each test binary uses a different part.

use std::process::{Command, Output};

/// The binary cargo built for these tests.
pub const OAUTH1: &str = env!("CARGO_BIN_EXE_oauth1");

/// Runs `oauth1 ARGS` without the OAUTH1_* credentials of the environment.
pub fn oauth1(args: &[&str]) -> Output {
    Command::new(OAUTH1)
        .args(args)
        .env_remove("OAUTH1_CONSUMER_KEY")
        .env_remove("OAUTH1_CONSUMER_SECRET")
        .env_remove("OAUTH1_TOKEN")
        .env_remove("OAUTH1_TOKEN_SECRET")
        .output()
        .expect("run oauth1")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that `text` contains `needle`, printing `text` when not.
#[track_caller]
pub fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "{text}");
}

/// Asserts a usage error: exit status 2, nothing on stdout, `needle` in stderr.
#[track_caller]
pub fn assert_usage_error(output: &Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(stdout(output).is_empty(), "{output:?}");
    assert_contains(&stderr(output), needle);
}

/// Asserts that the command succeeded; its stdout.
#[track_caller]
pub fn success_stdout(output: &Output) -> String {
    assert!(output.status.success(), "{output:?}");
    stdout(output)
}
