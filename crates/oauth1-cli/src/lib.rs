//! The `oauth1` command (sign and verify OAuth 1.0a requests from the shell,
//! run a local provider) and the local provider itself, as a library so
//! that tests and the load generator can start it in-process.

// Not published (`publish = false`): its public items serve this crate's
// binary, tests and load generator only, so they are not an API to document.
#![allow(missing_docs)]

pub mod cli;
mod profiles;
pub mod provider;
mod serve;
mod shell;
mod sign;
mod verify;

/// Runs the `oauth1` command with the process's arguments.
pub fn main() -> std::process::ExitCode {
    cli::run(std::env::args_os())
}
