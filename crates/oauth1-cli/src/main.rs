//! The `oauth1` command: the CLI library's `main` (crates/oauth1-cli/src/lib.rs).
fn main() -> std::process::ExitCode {
    oauth1_cli::main()
}
