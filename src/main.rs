//! The `medleaf` command: parse arguments, run, print diagnostics, choose the exit code.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
