fn main() -> std::process::ExitCode {
    oauth1_cli::main()
}
