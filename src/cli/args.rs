//! The command line as clap sees it: raw arguments, turned into the library's options by
//! [`SiteArgs::options`].

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use medleaf::{Date, Options};

/// A static site generator for patient-education websites.
#[derive(Debug, Parser)]
#[command(name = "medleaf", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    /// Convert a Hugo or Zola site's content into a new medleaf site.
    Import(ImportArgs),
    /// Print a JSON Schema of the front matter or of site.yaml, for editors to check them as
    /// you type.
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
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
    /// Ignore the image cache (.medleaf-cache/ in the site folder): process every image afresh.
    #[arg(long)]
    no_cache: bool,
}

impl SiteArgs {
    /// The library's options for these arguments.
    pub(crate) fn options(self) -> Options {
        let mut o = Options::new(self.root);
        o.strict = self.strict;
        o.drafts = self.drafts;
        o.no_cache = self.no_cache;
        if let Some(d) = self.today {
            o.today = d;
        }
        o
    }
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,
    /// Where to write the site (default: <root>/public).
    #[arg(long, value_name = "DIR")]
    pub(crate) output: Option<PathBuf>,
    /// The address the site will be published at, replacing `base_url` from site.yaml.
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Print how long each stage took.
    #[arg(long)]
    pub(crate) timings: bool,
    /// Write the governance report (JSON: reviews, readability, warnings per article) to
    /// FILE, outside the published site. Replaces `report:` from site.yaml.
    #[arg(long, value_name = "FILE")]
    pub(crate) report: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Diagnostics like a compiler's, for people.
    Human,
    /// One JSON document, for CI and tools.
    Json,
    /// The review dashboard: one self-contained HTML page for editors.
    Html,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Also check every address on other sites the pages cite (sources first), over the
    /// network. Results are kept in `.medleaf-cache/links.json` for `external.cache_days`.
    #[arg(long)]
    pub(crate) external: bool,
    /// With `--external`, fetch every address again instead of using cached results.
    #[arg(long, requires = "external")]
    pub(crate) refresh: bool,
    /// Write the JSON or HTML output to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// The address to listen on. Only this machine can connect unless you choose another.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub(crate) bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// Close a connection whose request headers are not complete after this many
    /// milliseconds (hidden: for tests; the default suits everyone).
    #[arg(long, default_value_t = 10_000, hide = true)]
    pub(crate) request_timeout_ms: u64,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The new article's file, such as content/tests/ferritin.md.
    pub(crate) path: PathBuf,
    /// Its title (default: from the file name).
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// The site folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) root: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to create the site in (must be empty or not exist).
    pub(crate) dir: PathBuf,
}

/// The generator a site to import was made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum From {
    /// A Hugo site (content/, static/, hugo.toml or config.toml).
    Hugo,
    /// A Zola site (content/, static/, config.toml).
    Zola,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The generator the site was made for.
    #[arg(value_enum)]
    pub(crate) from: From,
    /// The site to import: the folder holding its content/ (only read, never changed).
    pub(crate) src: PathBuf,
    /// Where to write the new medleaf site: a new or empty folder outside SRC.
    pub(crate) dest: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which file the schema describes.
    #[arg(value_enum)]
    pub(crate) which: SchemaWhich,
}

/// The files `medleaf schema` has a schema for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SchemaWhich {
    /// The front matter at the top of each page.
    FrontMatter,
    /// The site's settings, site.yaml.
    Site,
}

impl SchemaWhich {
    /// The library's name for this schema.
    pub(crate) fn file(self) -> medleaf::SchemaFile {
        match self {
            SchemaWhich::FrontMatter => medleaf::SchemaFile::FrontMatter,
            SchemaWhich::Site => medleaf::SchemaFile::Site,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}
