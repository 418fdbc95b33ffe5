//! Command-line interface. Exit codes: 0 success, 1 the content has errors, 2 usage or I/O
//! errors.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use medleaf::date::Date;
use medleaf::diagnostics;
use medleaf::pipeline::{self, Options, Report};

/// A static site generator for patient-education websites.
#[derive(Debug, Parser)]
#[command(name = "medleaf", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into a folder of static HTML.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
struct SiteArgs {
    /// The site folder (holding content/, templates/, static/, site.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// The date review deadlines are compared with, as YYYY-MM-DD (default: today). Only
    /// diagnostics depend on it, never the built pages.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<Date>,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site (default: <root>/public).
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site will be published at, replacing `base_url` from site.yaml.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Also build pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

/// Whether to colour diagnostics: only on a terminal, and never with `NO_COLOR`.
fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn options(site: SiteArgs) -> Options {
    let mut o = Options::new(site.root);
    o.strict = site.strict;
    if let Some(d) = site.today {
        o.today = d;
    }
    o
}

fn print_diagnostics(report: &Report) {
    let color = use_color();
    for d in &report.diagnostics {
        eprintln!("{}\n", diagnostics::render(d, color));
    }
    if let Some(summary) = diagnostics::summary(&report.diagnostics) {
        eprintln!("{summary}");
    }
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Build(args) => {
            let mut o = options(args.site);
            o.output = args.output;
            o.base_url = args.base_url;
            o.drafts = args.drafts;
            match pipeline::build(&o) {
                Ok(report) => {
                    print_diagnostics(&report);
                    let ms = report.elapsed.as_millis();
                    if report.has_errors() {
                        eprintln!(
                            "build failed: {} pages checked in {ms} ms; nothing was written",
                            report.pages
                        );
                        1
                    } else {
                        let warnings = report.warnings();
                        let w = match warnings {
                            0 => String::new(),
                            1 => ", 1 warning".to_owned(),
                            n => format!(", {n} warnings"),
                        };
                        let grade = report
                            .median_grade
                            .map(|g| format!("; median reading grade {g:.1}"))
                            .unwrap_or_default();
                        println!("built {} pages in {ms} ms (0 errors{w}{grade})", report.pages);
                        0
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    2
                }
            }
        }
    }
}
