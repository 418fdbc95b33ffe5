//! Command-line interface: raw arguments (clap) turned into the library's options, one function
//! per command, results printed. Exit codes are chosen here and in [`print`]: 0 success, 1 the
//! content has errors, 2 usage or I/O errors.
//!
//! This is the one place that prints (the library reports through return values and
//! callbacks). It prints through [`print::out`] and [`print::err`], never `println!` (still
//! denied here by the crate's lints), so a closed pipe cannot make it panic.

mod args;
mod build;
mod check;
mod import;
mod print;
mod scaffold;
mod schema;
mod serve;

use clap::Parser;

use args::{Cli, Command};

/// Runs the command line and returns the process exit code.
pub(crate) fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                print::USAGE_OR_IO
            } else {
                0
            };
        }
    };
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::New(args) => scaffold::new(args),
        Command::Init(args) => scaffold::init(args),
        Command::Import(args) => import::run(args),
        Command::Schema(args) => schema::run(args),
    }
}
