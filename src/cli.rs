//! Command-line interface: raw arguments (clap) turned into pipeline options, results printed.
//! Exit codes: 0 success, 1 the content has errors, 2 usage or I/O errors.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use medleaf::date::Date;
use medleaf::diagnostics::{self, Diagnostic};
use medleaf::pipeline::{self, Options, Report};
use medleaf::{Error, check, scaffold, serve};

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
    /// Check the whole site (links, front matter, reviews, readability) without writing anything.
    Check(CheckArgs),
    /// Serve the site locally, rebuilding and reloading the browser on every change.
    Serve(ServeArgs),
    /// Write a new article with every front-matter field filled in or explained.
    New(NewArgs),
    /// Create a new site in an empty folder.
    Init(InitArgs),
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
    /// Also build pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
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
    /// Print how long each stage took.
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics like a compiler's, for people.
    Human,
    /// One JSON document, for CI and tools.
    Json,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Only this machine can connect unless you choose another.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The new article's file, such as content/tests/ferritin.md.
    path: PathBuf,
    /// Its title (default: from the file name).
    #[arg(long)]
    title: Option<String>,
    /// The site folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The folder to create the site in (must be empty or not exist).
    dir: PathBuf,
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
    o.drafts = site.drafts;
    if let Some(d) = site.today {
        o.today = d;
    }
    o
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let color = use_color();
    for d in diagnostics {
        eprintln!("{}\n", diagnostics::render(d, color));
    }
    if let Some(summary) = diagnostics::summary(diagnostics) {
        eprintln!("{summary}");
    }
}

fn fail(e: &Error) -> i32 {
    eprintln!("error: {e}");
    2
}

fn summary_tail(report: &Report) -> String {
    let w = match report.warnings() {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    };
    let grade = report
        .median_grade
        .map(|g| format!("; median reading grade {g:.1}"))
        .unwrap_or_default();
    let search = report
        .search
        .map(|s| {
            format!(
                "; search index: {} pages, {:.1} MB in {} ms",
                s.pages,
                s.bytes as f64 / 1e6,
                s.elapsed.as_millis()
            )
        })
        .unwrap_or_default();
    format!("0 errors{w}{grade}{search}")
}

/// Prints a build's diagnostics and its summary line: `built N pages in M ms (...)` on
/// stdout, or `failed` (with `{pages}` and `{ms}` filled in) on stderr when it has errors.
/// Returns whether it built without errors.
fn print_build(report: &Report, failed: &str) -> bool {
    print_diagnostics(&report.diagnostics);
    let ms = report.elapsed.as_millis();
    if report.has_errors() {
        eprintln!(
            "{}",
            failed
                .replace("{pages}", &report.pages.to_string())
                .replace("{ms}", &ms.to_string())
        );
        return false;
    }
    println!(
        "built {} pages in {ms} ms ({})",
        report.pages,
        summary_tail(report)
    );
    true
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
            let timings = args.timings;
            let mut o = options(args.site);
            o.output = args.output;
            o.base_url = args.base_url;
            match pipeline::build(&o) {
                Ok(report) => {
                    if !print_build(
                        &report,
                        "build failed: {pages} pages checked in {ms} ms; nothing was written",
                    ) {
                        1
                    } else {
                        if timings {
                            let parts: Vec<String> = report
                                .timings
                                .0
                                .iter()
                                .map(|lap| {
                                    format!(
                                        "{} {} ms ({} ms CPU)",
                                        lap.stage,
                                        lap.wall.as_millis(),
                                        lap.cpu.as_millis()
                                    )
                                })
                                .collect();
                            eprintln!("timings: {}", parts.join(", "));
                        }
                        0
                    }
                }
                Err(e) => fail(&e),
            }
        }
        Command::Check(args) => {
            let format = args.format;
            let o = options(args.site);
            match check::check(&o) {
                Ok(report) => {
                    let failed = report.summary.errors > 0;
                    match format {
                        Format::Json => {
                            let text = serde_json::to_string_pretty(&report)
                                .expect("the check report always serialises");
                            println!("{text}");
                        }
                        Format::Human => {
                            print_diagnostics(&report.full);
                            let grade = report
                                .summary
                                .median_grade
                                .map(|g| format!("; median reading grade {g:.1}"))
                                .unwrap_or_default();
                            println!(
                                "checked {} pages: {} errors, {} warnings{grade}",
                                report.summary.pages,
                                report.summary.errors,
                                report.summary.warnings
                            );
                        }
                    }
                    i32::from(failed)
                }
                Err(e) => fail(&e),
            }
        }
        Command::Serve(args) => {
            let options = serve::ServeOptions {
                site: options(args.site),
                bind: args.bind,
                port: args.port,
                open: args.open,
            };
            let mut on_event = |event: serve::Event| match event {
                serve::Event::Listening(url) => {
                    println!("serving the site at {url} (Ctrl-C to stop)")
                }
                serve::Event::Changed(paths) => {
                    let names: Vec<String> =
                        paths.iter().map(|p| p.display().to_string()).collect();
                    println!("changed: {}", names.join(", "));
                }
                serve::Event::Built(report) => {
                    print_build(
                        &report,
                        "built {pages} pages in {ms} ms with errors: serving them with the errors shown over every page",
                    );
                }
                serve::Event::Rebuilt(rebuild) => {
                    let color = use_color();
                    for d in &rebuild.diagnostics {
                        eprintln!("{}\n", diagnostics::render(d, color));
                    }
                    let ms = rebuild.elapsed.as_millis();
                    let scope = match &rebuild.scope {
                        serve::Scope::Pages => "pages".to_owned(),
                        serve::Scope::Files => "files".to_owned(),
                        serve::Scope::Templates => "every page (a template changed)".to_owned(),
                        serve::Scope::Full(why) => format!("the whole site ({why})"),
                    };
                    if rebuild.served {
                        println!(
                            "rebuilt {scope} in {ms} ms: {} files changed ({} errors, {} warnings)",
                            rebuild.files, rebuild.errors, rebuild.warnings
                        );
                    } else {
                        eprintln!(
                            "rebuild of {scope} failed in {ms} ms: still serving the last good site"
                        );
                    }
                }
                serve::Event::Problem(e) => eprintln!("error: {e}"),
            };
            match serve::serve(options, &mut on_event) {
                Ok(()) => 0,
                Err(e) => fail(&e),
            }
        }
        Command::New(args) => {
            let o = Options::new(&args.root);
            let interval = match medleaf::config::load(&o.root, &Default::default()) {
                Ok(Ok(c)) => c.review_interval_years,
                Ok(Err(d)) => {
                    print_diagnostics(&[*d]);
                    return 1;
                }
                Err(e) => return fail(&e),
            };
            match scaffold::new_article(
                &args.root,
                &args.path,
                args.title.as_deref(),
                o.today,
                interval,
            ) {
                Ok(path) => {
                    println!(
                        "wrote {} (a draft: remove `draft: true` when it is reviewed)",
                        path.display()
                    );
                    0
                }
                Err(e) => fail(&e),
            }
        }
        Command::Init(args) => match scaffold::init(&args.dir, Date::today()) {
            Ok(files) => {
                for f in &files {
                    println!("created {}", f.display());
                }
                println!(
                    "new site in {}: run `medleaf serve --root {}` to see it",
                    args.dir.display(),
                    args.dir.display()
                );
                0
            }
            Err(e) => fail(&e),
        },
    }
}
