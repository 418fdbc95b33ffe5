//! `site.yaml`: the site's settings, read once and validated.
//!
//! [`RawConfig`] mirrors the file (serde, unknown keys rejected); [`Config`] is the checked form
//! the rest of the pipeline uses. Every field of the raw form is destructured by name when the
//! validated one is built, so a new setting cannot be forgotten.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic, Setting};
use crate::error::{Error, Result};
use crate::source::SourceFile;

/// `site.yaml` as written. Every field is optional.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    /// The site's name, shown in the header and page titles.
    pub title: Option<String>,
    /// The address the site is published at (`https://example.org/` or
    /// `https://example.org/health/`). Used for canonical links, the sitemap and the feed; links
    /// between pages are relative and do not depend on it.
    pub base_url: Option<String>,
    /// The language of the content, as a BCP 47 tag (`en-US`). Default `en-US`.
    pub language: Option<String>,
    /// One sentence about the site, used on the home page's meta description and the feed.
    pub description: Option<String>,
    /// The number readers call in an emergency, used by emergency care cards and the
    /// `{{ emergency_number }}` placeholder. Default `911`.
    pub emergency_number: Option<String>,
    /// The short disclaimer line shown on every page, linking to the full disclaimer page.
    pub disclaimer: Option<String>,
    /// The content file holding the full disclaimer. Default `disclaimer.md`.
    pub disclaimer_page: Option<String>,
    /// Medical review settings.
    pub review: Option<RawReview>,
    /// Reading-level settings.
    pub readability: Option<RawReadability>,
    /// Site search settings.
    pub search: Option<RawSearch>,
    /// A short notice shown at the top of every page, above the title (Markdown: one short
    /// paragraph; links must be full addresses). For a demonstration site, a content freeze, a
    /// service change.
    pub notice: Option<String>,
    /// Where `build` writes the governance report (reviewers, overdue pages, readability), a
    /// path relative to the site folder, such as `reports/medleaf-report.json`. Default: no
    /// report; the report is for editors, not readers, so it never goes in the published site.
    pub report: Option<String>,
    /// Image processing settings (see [`RawImages`]).
    pub images: Option<RawImages>,
    /// More languages besides the default one (`language`), by code (`es`): each is built
    /// under its own prefix (`/es/`) from the translations beside the default files
    /// (`leukemia.es.md`).
    #[serde(default)]
    pub languages: std::collections::BTreeMap<String, RawLanguage>,
    /// How serious each kind of problem is for this site: a diagnostic code mapped to
    /// `error`, `warning` or `off` (`review-overdue: error`, `readability: warning`).
    /// `--strict` still turns the remaining warnings into errors.
    #[serde(default)]
    pub diagnostics: std::collections::BTreeMap<String, String>,
    /// `check --external` settings: what not to fetch, how long results are kept.
    pub external: Option<RawExternal>,
    /// What the site may reach and what readers' browsers may load.
    pub security: Option<RawSecurity>,
    /// How Markdown is read: what happens to raw HTML, which hosts may be embedded.
    pub markdown: Option<RawMarkdown>,
    /// The URL schemes a page may link to (links, images, sources, glossary `see`). Default
    /// `[http, https, mailto, tel]`; relative references are always allowed. Any other scheme
    /// (`javascript:`, `data:`, `file:`) is an error where it is written.
    pub url_schemes: Option<Vec<String>>,
    /// The site's navigation (the header's menu), in order: each entry a `title` and either
    /// a `page` (a content file, `conditions/_index.md`) or a `url` (`/topics/`,
    /// `https://...`). Default: the top-level folders, then Health A-Z, topics and glossary.
    pub menu: Option<Vec<RawMenuItem>>,
    /// Folder and topic listings.
    pub listing: Option<RawListing>,
    /// Free values for the site's own templates (a feedback address, a logo's path): any
    /// mapping, which templates see as `site.extra` (`{{ site.extra.feedback_email }}`).
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `external:` in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawExternal {
    /// Addresses never fetched: a host (`example.org`, which covers its subdomains) or an
    /// address prefix (`https://www.nice.org.uk/guidance/`).
    #[serde(default)]
    pub skip: Vec<String>,
    /// Days a result is kept in `.medleaf-cache/links.json` before it is fetched again.
    /// Default 7.
    pub cache_days: Option<u32>,
    /// Seconds to wait for one server's answer before calling it a timeout. Default 10.
    pub timeout_seconds: Option<u64>,
}

/// `security:` in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSecurity {
    /// Follow symbolic links in `content/`, `static/`, `snippets/` and `templates/` that lead
    /// outside the site folder. Default false: such links are skipped with a warning, so a
    /// link to `/etc` or a home folder is never published by mistake.
    pub follow_links_outside: Option<bool>,
    /// The Content-Security-Policy every page carries (in a `<meta>` element and in
    /// `_headers`), replacing medleaf's strict default. Add a host only for something the
    /// site really loads from it (a video embed's `frame-src`).
    pub content_security_policy: Option<String>,
}

/// `markdown:` in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMarkdown {
    /// What happens to HTML written in Markdown: `sanitize` (default: cleaned to a safe
    /// allowlist, each removal a warning), `allow` (kept as written) or `deny` (an error).
    pub raw_html: Option<RawHtml>,
    /// Hosts whose pages may be embedded with `<iframe src="https://host/...">` (video players
    /// such as `www.youtube-nocookie.com`); every iframe needs a `title`. Default: none.
    #[serde(default)]
    pub iframe_hosts: Vec<String>,
}

/// What happens to raw HTML in Markdown (`markdown.raw_html`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawHtml {
    /// Cleaned to an allowlist of elements and attributes; each removal is a warning.
    #[default]
    Sanitize,
    /// Kept as written (anyone who can edit a page can run script on readers' browsers).
    Allow,
    /// Any raw HTML is an error.
    Deny,
}

/// The checked `markdown:` settings and URL schemes, as the Markdown stage uses them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MarkdownSettings {
    /// What happens to raw HTML.
    pub raw_html: RawHtml,
    /// Hosts that `<iframe>` may embed (lowercase).
    pub iframe_hosts: Vec<String>,
    /// The URL schemes links may use (lowercase, without `:`).
    pub url_schemes: Vec<String>,
}

/// The schemes allowed when `url_schemes` is not set.
pub(crate) const DEFAULT_URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

impl Default for MarkdownSettings {
    fn default() -> Self {
        MarkdownSettings {
            raw_html: RawHtml::Sanitize,
            iframe_hosts: Vec::new(),
            url_schemes: DEFAULT_URL_SCHEMES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
        }
    }
}

impl MarkdownSettings {
    /// Whether a link to `url` is allowed: a relative reference, or an allowed scheme.
    /// `Err` holds the scheme that is not allowed.
    pub(crate) fn check_url(&self, url: &str) -> Result<(), String> {
        match crate::urls::scheme(url) {
            Some(s) if !self.url_schemes.contains(&s) => Err(s),
            _ => Ok(()),
        }
    }
}

/// One entry of `menu:`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMenuItem {
    /// What the link says.
    pub title: String,
    /// A content file, relative to `content/` (`conditions/_index.md`); in another language,
    /// its translation when it has one.
    pub page: Option<String>,
    /// An address: a site path (`/topics/`) or a full `https://` address.
    pub url: Option<String>,
}

/// `listing:` in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawListing {
    /// The most entries one listing page shows; longer folder and topic listings are split
    /// into numbered pages (`/conditions/page/2/`). Default 50.
    pub page_size: Option<usize>,
}

/// One entry of `languages:`. The text settings default to the default language's.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    /// The language's own name, shown in the language switcher (`Español`).
    pub name: Option<String>,
    /// Its BCP 47 tag (`es-US`), for `<html lang>`. Default: the code.
    pub language: Option<String>,
    /// The site's name in this language.
    pub title: Option<String>,
    /// One sentence about the site in this language.
    pub description: Option<String>,
    /// The emergency number, if it differs.
    pub emergency_number: Option<String>,
    /// The disclaimer line in this language.
    pub disclaimer: Option<String>,
    /// The site-wide notice in this language.
    pub notice: Option<String>,
    /// The navigation in this language (default: the default language's, each `page:` taken
    /// to its translation when it has one).
    pub menu: Option<Vec<RawMenuItem>>,
}

/// `review:` in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReview {
    /// Years between reviews, used when an article has no `next_review`. Default 3.
    pub interval_years: Option<u8>,
    /// Warn this many days before a review falls due. Default 90.
    pub warn_days: Option<u32>,
    /// Warn about sources accessed more than this many years before the last review. Default 5.
    pub max_source_age_years: Option<u8>,
}

/// `readability:` in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReadability {
    /// Warn about English articles above this Flesch-Kincaid grade. Default 8.
    pub max_grade: Option<f64>,
    /// Warn about Spanish articles below this INFLESZ (Szigriszt-Pazos) score. Default 55, the
    /// lower edge of "normal" on the INFLESZ scale.
    pub min_inflesz: Option<f64>,
}

/// `search:` in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSearch {
    /// Build the offline search index. Default true.
    pub enabled: Option<bool>,
}

/// `images:` in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImages {
    /// The widths, in pixels, each JPEG, PNG or WebP image is published at (never wider than
    /// the original, which is added when it is narrower than the widest). Default
    /// `[480, 800, 1200]`.
    pub widths: Option<Vec<u32>>,
    /// JPEG quality, 1 to 100. Default 78.
    pub quality: Option<u8>,
    /// The `sizes` attribute written on every responsive image: how wide the image is shown.
    /// Default: the built-in theme's text column, `(min-width: 44rem) 42rem, calc(100vw - 2rem)`.
    pub sizes: Option<String>,
}

/// One language the site is built in, with its text settings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Language {
    /// The code in file names and addresses (`es`); for the default language, the primary
    /// subtag of its tag (`en`), which never appears in a file name or address.
    pub code: String,
    /// The BCP 47 tag (`es-US`), for `<html lang>` and `hreflang`.
    pub tag: String,
    /// Its own name, for the language switcher (`Español`).
    pub name: String,
    /// Where its pages live: `/` for the default language, `/es/` for the others.
    pub prefix: String,
    /// Whether it is written right to left (Arabic, Hebrew, Persian, Urdu...).
    pub rtl: bool,
    /// The site's name.
    pub title: String,
    /// One sentence about the site.
    pub description: String,
    /// The emergency telephone number.
    pub emergency_number: String,
    /// The disclaimer line.
    pub disclaimer: String,
    /// The site-wide notice, as written (Markdown).
    pub notice: Option<String>,
    /// The navigation set in `site.yaml` (`menu:`), if any.
    pub menu: Option<Vec<MenuItem>>,
}

/// One entry of the navigation set in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MenuItem {
    /// What the link says.
    pub title: String,
    /// Where it goes.
    pub target: MenuTarget,
}

/// Where a menu entry goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MenuTarget {
    /// A content file, relative to `content/`.
    Page(String),
    /// A site path (`/topics/`) or a full address.
    Url(String),
}

impl Language {
    /// `dir`'s value for `<html dir>`.
    pub(crate) fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }
}

/// The languages of a site with every default (one language, English), for unit tests.
#[cfg(test)]
pub(crate) fn test_languages() -> Vec<Language> {
    validate(Path::new("."), RawConfig::default(), &Overrides::default())
        .expect("the defaults are valid")
        .languages
}

/// The languages written right to left, by primary subtag.
const RTL: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// The primary subtag of a BCP 47 tag, lowercased (`es-US` → `es`).
pub(crate) fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The validated settings.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// The site folder (holds `content/`, `templates/`, `static/`, `site.yaml`).
    pub root: PathBuf,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/health/`), used where links cannot be relative
    /// (the 404 page, which a server shows at any address).
    pub base_path: String,
    /// The languages: the default one first, then the others in code order.
    pub languages: Vec<Language>,
    /// The content file with the full disclaimer, relative to `content/`.
    pub disclaimer_page: String,
    /// Years between reviews.
    pub review_interval_years: u8,
    /// Days of warning before a review falls due.
    pub review_warn_days: u32,
    /// Maximum age of a source, in years, at the time of review.
    pub max_source_age_years: u8,
    /// Highest acceptable Flesch-Kincaid grade (English).
    pub max_grade: f64,
    /// Lowest acceptable INFLESZ score (Spanish).
    pub min_inflesz: f64,
    /// Whether to build the search index.
    pub search: bool,
    /// Where to write the governance report, if anywhere (from `site.yaml`'s `report`).
    pub report: Option<PathBuf>,
    /// Whether symbolic links leading outside the site folder are followed.
    pub follow_links_outside: bool,
    /// The Content-Security-Policy of every page.
    pub content_security_policy: String,
    /// Raw HTML policy, embeddable hosts and allowed URL schemes.
    pub markdown: MarkdownSettings,
    /// The most entries one listing page shows (`listing.page_size`).
    pub page_size: usize,
    /// How images are published (`images:`).
    pub images: ImageSettings,
    /// `site.yaml` as read, for pointing diagnostics into it (`None` when there is none).
    pub file: Option<std::sync::Arc<SourceFile>>,
    /// The severities the site sets for some codes (`diagnostics:`).
    pub severities: std::collections::BTreeMap<Code, Setting>,
    /// `check --external` settings.
    pub external: External,
    /// `extra:`, as written, for templates (`site.extra`).
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The checked `external:` settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct External {
    /// Hosts (`example.org`) and address prefixes (`https://x.org/a/`) never fetched.
    pub skip: Vec<String>,
    /// How long a cached result stays good, in days.
    pub cache_days: u32,
    /// How long to wait for one answer.
    pub timeout: std::time::Duration,
}

impl Config {
    /// Language number `lang` (0 is the default).
    pub(crate) fn lang(&self, lang: usize) -> &Language {
        &self.languages[lang.min(self.languages.len() - 1)]
    }

    /// The absolute address of a site address, from `base_url`.
    pub(crate) fn permalink(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            crate::urls::encode_path(url.trim_start_matches('/'))
        )
    }
}

/// How images are published (`images:` in `site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageSettings {
    /// The widths each raster image is published at, ascending, without repeats.
    pub widths: Vec<u32>,
    /// JPEG quality (1-100).
    pub quality: u8,
    /// The `sizes` attribute of responsive images.
    pub sizes: String,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 800, 1200],
            quality: 78,
            sizes: "(min-width: 44rem) 42rem, calc(100vw - 2rem)".to_owned(),
        }
    }
}

/// Command-line settings that override `site.yaml`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
}

/// The name of the settings file in the site root.
pub(crate) const FILE_NAME: &str = "site.yaml";

/// Reads and checks `<root>/site.yaml` (absent means all defaults). A problem in the file is a
/// diagnostic; only I/O failures are errors.
pub(crate) fn load(root: &Path, overrides: &Overrides) -> Result<Result<Config, Box<Diagnostic>>> {
    // A bad `--base-url` is a mistake on the command line, not in the site, so it is a usage
    // error (exit code 2) rather than a diagnostic blamed on `site.yaml`.
    if let Some(url) = &overrides.base_url
        && let Err(reason) = normalize_base_url(url)
    {
        return Err(Error::Usage(format!(
            "invalid value for `--base-url`: {reason} (for example `https://example.org/health/`)"
        )));
    }
    let path = root.join(FILE_NAME);
    let (raw, file) = match SourceFile::read(FILE_NAME, &path) {
        Ok(file) => {
            let all = 0..file.text.len();
            match crate::yaml::parse::<RawConfig>(&file, all, Code::Config) {
                Ok(raw) => (raw, Some(std::sync::Arc::new(file))),
                Err(d) => return Ok(Err(d)),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (RawConfig::default(), None),
        Err(e) => return Err(Error::io("cannot read", path)(e)),
    };
    let validated = validate(root, raw, overrides).map(|mut c| {
        c.file = file.clone();
        c
    });
    if let (Ok(config), Some(f)) = (&validated, &file)
        && let Some(d) = forbidden_characters(config, f)
    {
        return Ok(Err(Box::new(d)));
    }
    Ok(validated.map_err(|rejected| {
        let Rejected {
            diagnostic,
            key,
            value,
        } = *rejected;
        let all = |f: &SourceFile| 0..f.text.len();
        let span = file.as_ref().and_then(|f| match value.as_deref() {
            Some(v) => crate::yaml::find_value(f, all(f), key, v.trim()),
            None => crate::yaml::find_key(f, all(f), key, 0),
        });
        match (file, span) {
            (Some(f), Some(span)) => Box::new(diagnostic.at(&f, span)),
            _ => Box::new(diagnostic),
        }
    }))
}

/// A setting holding a character XML 1.0 forbids (it would break the feed), pointed at in
/// `site.yaml`: the setting's own key for the default language, `languages:` for the others.
fn forbidden_characters(config: &Config, file: &SourceFile) -> Option<Diagnostic> {
    for (i, l) in config.languages.iter().enumerate() {
        let fields = [
            ("title", l.title.as_str()),
            ("description", &l.description),
            ("disclaimer", &l.disclaimer),
            ("emergency_number", &l.emergency_number),
            ("notice", l.notice.as_deref().unwrap_or("")),
            ("name", &l.name),
        ];
        for (key, text) in fields {
            let Some(c) = crate::html::xml_forbidden(text) else {
                continue;
            };
            let key = if i == 0 { key } else { "languages" };
            let all = 0..file.text.len();
            let span = crate::yaml::find_key(file, all, key, 0).unwrap_or(0..0);
            return Some(
                Diagnostic::error(
                    Code::ControlCharacter,
                    format!("`{key}` holds the control character U+{:04X}", u32::from(c)),
                )
                .at(file, span)
                .label("XML forbids this character: the feed would break")
                .help("remove the character (often pasted in by accident, or written as an escape such as `\\x01` in quotes)"),
            );
        }
    }
    None
}

/// Turns the raw settings into the checked form.
pub(crate) fn validate(
    root: &Path,
    raw: RawConfig,
    overrides: &Overrides,
) -> Result<Config, Box<Rejected>> {
    let RawConfig {
        title,
        base_url,
        language,
        description,
        emergency_number,
        disclaimer,
        disclaimer_page,
        review,
        readability,
        search,
        notice,
        report,
        images,
        languages,
        diagnostics,
        external,
        security,
        markdown,
        url_schemes,
        menu,
        listing,
        extra,
    } = raw;
    let RawSecurity {
        follow_links_outside,
        content_security_policy,
    } = security.unwrap_or_default();
    let RawMarkdown {
        raw_html,
        iframe_hosts,
    } = markdown.unwrap_or_default();
    let url_schemes = match url_schemes {
        None => MarkdownSettings::default().url_schemes,
        Some(list) => {
            let mut out = Vec::new();
            for s in list {
                let s = s.trim().trim_end_matches(':').to_ascii_lowercase();
                let valid = s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
                if !valid {
                    return Err(Rejected::at(
                        Diagnostic::error(Code::Config, format!("`{s}` is not a URL scheme"))
                            .help("list schemes by name, such as `url_schemes: [http, https, mailto, tel]`"),
                        "url_schemes",
                        Some(s),
                    ));
                }
                out.push(s);
            }
            out
        }
    };
    let markdown = MarkdownSettings {
        raw_html: raw_html.unwrap_or_default(),
        iframe_hosts: iframe_hosts
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .collect(),
        url_schemes,
    };
    let images = image_settings(images.unwrap_or_default())?;
    let RawReview {
        interval_years,
        warn_days,
        max_source_age_years,
    } = review.unwrap_or_default();
    let RawReadability {
        max_grade,
        min_inflesz,
    } = readability.unwrap_or_default();
    let RawSearch { enabled } = search.unwrap_or_default();
    let RawExternal {
        skip,
        cache_days,
        timeout_seconds,
    } = external.unwrap_or_default();
    let severities = severities(diagnostics)?;
    if timeout_seconds == Some(0) {
        return Err(Rejected::at(
            Diagnostic::error(Code::Config, "`timeout_seconds` cannot be 0")
                .help("give the seconds to wait for a server, such as `timeout_seconds: 10`"),
            "timeout_seconds",
            None,
        ));
    }
    let RawListing { page_size } = listing.unwrap_or_default();
    if page_size == Some(0) {
        return Err(Rejected::at(
            Diagnostic::error(Code::Config, "`listing.page_size` cannot be 0")
                .help("write how many entries one listing page shows, such as `50`"),
            "page_size",
            None,
        ));
    }
    let menu = menu.map(menu_items).transpose()?;

    let written_base_url = base_url.clone();
    let base_url = overrides
        .base_url
        .clone()
        .or(base_url)
        .unwrap_or_else(|| "/".to_owned());
    let base_url = normalize_base_url(&base_url).map_err(|reason| {
        Rejected::at(
            Diagnostic::error(Code::Config, format!("`base_url` {reason}"))
                .help("write the address the site is published at, such as `https://example.org/` or `https://example.org/health/`"),
            "base_url",
            written_base_url,
        )
    })?;
    let base_path = match base_url.find("://") {
        Some(i) => {
            let after = &base_url[i + 3..];
            after
                .find('/')
                .map_or("/".to_owned(), |j| after[j..].to_owned())
        }
        None => base_url.clone(),
    };
    let tag = language.unwrap_or_else(|| "en-US".to_owned());
    let code = primary_subtag(&tag);
    let default = Language {
        name: native_name(&code).unwrap_or(&code).to_owned(),
        rtl: RTL.contains(&code.as_str()),
        code,
        tag,
        prefix: "/".to_owned(),
        title: title.unwrap_or_else(|| "Health information".to_owned()),
        description: description.unwrap_or_default(),
        emergency_number: emergency_number.unwrap_or_else(|| "911".to_owned()),
        disclaimer: disclaimer.unwrap_or_else(|| {
            "This information is for education only and does not replace advice from your own care team."
                .to_owned()
        }),
        notice: notice.filter(|n| !n.trim().is_empty()),
        menu,
    };
    let mut all = vec![default.clone()];
    for (code, raw) in languages {
        if !is_language_code(&code) || code == default.code {
            return Err(Rejected::at(
                Diagnostic::error(
                    Code::Config,
                    format!("`{code}` cannot be a language code here"),
                )
                .help(format!(
                    "use a short code such as `es` or `pt-br`, other than the default language's `{}`",
                    default.code
                )),
                "languages",
                Some(code),
            ));
        }
        let tag = raw.language.unwrap_or_else(|| code.clone());
        let primary = primary_subtag(&tag);
        all.push(Language {
            name: raw
                .name
                .unwrap_or_else(|| native_name(&primary).unwrap_or(&code).to_owned()),
            rtl: RTL.contains(&primary.as_str()),
            prefix: format!("/{code}/"),
            title: raw.title.unwrap_or_else(|| default.title.clone()),
            description: raw
                .description
                .unwrap_or_else(|| default.description.clone()),
            emergency_number: raw
                .emergency_number
                .unwrap_or_else(|| default.emergency_number.clone()),
            disclaimer: raw.disclaimer.unwrap_or_else(|| default.disclaimer.clone()),
            notice: raw
                .notice
                .filter(|n| !n.trim().is_empty())
                .or_else(|| default.notice.clone()),
            menu: match raw.menu {
                Some(m) => Some(menu_items(m)?),
                None => default.menu.clone(),
            },
            code,
            tag,
        });
    }
    Ok(Config {
        root: root.to_path_buf(),
        base_url,
        base_path,
        languages: all,
        disclaimer_page: disclaimer_page.unwrap_or_else(|| "disclaimer.md".to_owned()),
        review_interval_years: interval_years.unwrap_or(3),
        review_warn_days: warn_days.unwrap_or(90),
        max_source_age_years: max_source_age_years.unwrap_or(5),
        max_grade: max_grade.unwrap_or(8.0),
        min_inflesz: min_inflesz.unwrap_or(crate::health::readability_es::DEFAULT_MIN_INFLESZ),
        search: enabled.unwrap_or(true),
        report: report
            .filter(|r| !r.trim().is_empty())
            .map(|r| root.join(r.trim())),
        follow_links_outside: follow_links_outside.unwrap_or(false),
        content_security_policy: content_security_policy
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| crate::theme::CONTENT_SECURITY_POLICY.to_owned()),
        markdown,
        page_size: page_size.unwrap_or(50),
        images,
        file: None,
        severities,
        external: External {
            skip: skip
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            cache_days: cache_days.unwrap_or(7),
            timeout: std::time::Duration::from_secs(timeout_seconds.unwrap_or(10)),
        },
        extra,
    })
}

/// `diagnostics:`: each key a diagnostic code, each value `error`, `warning` or `off`.
fn severities(
    raw: std::collections::BTreeMap<String, String>,
) -> Result<std::collections::BTreeMap<Code, Setting>, Box<Rejected>> {
    let mut out = std::collections::BTreeMap::new();
    for (name, value) in raw {
        let Ok(code) = name.parse::<Code>() else {
            let names = Code::ALL.iter().map(|c| c.as_str());
            let help = match crate::diagnostics::did_you_mean(&name, names) {
                Some(s) => format!("did you mean `{s}`? The codes are listed in the README"),
                None => {
                    "use a code from the README's table of diagnostic codes, such as `readability`"
                        .to_owned()
                }
            };
            return Err(Rejected::at(
                Diagnostic::error(Code::Config, format!("`{name}` is not a diagnostic code"))
                    .help(help),
                "diagnostics",
                Some(name),
            ));
        };
        if code == Code::Config {
            return Err(Rejected::at(
                Diagnostic::error(
                    Code::Config,
                    "`config` cannot be changed: a broken site.yaml always stops the run",
                )
                .help("remove `config` from `diagnostics:`"),
                "diagnostics",
                Some(name),
            ));
        }
        let setting = match value.trim() {
            "error" => Setting::Error,
            "warning" => Setting::Warning,
            "off" => Setting::Off,
            other => {
                return Err(Rejected::at(
                    Diagnostic::error(
                        Code::Config,
                        format!("`{other}` is not a severity for `{name}`"),
                    )
                    .help("write `error`, `warning` or `off`"),
                    "diagnostics",
                    Some(name),
                ));
            }
        };
        out.insert(code, setting);
    }
    Ok(out)
}

/// A setting `validate` rejects, with where to point in `site.yaml`: the key, and the value
/// written under it (or a nested key, for `diagnostics:`), when known.
#[derive(Debug)]
pub(crate) struct Rejected {
    /// The problem.
    pub diagnostic: Diagnostic,
    /// The key to point at.
    pub key: &'static str,
    /// What is written under the key, to point at more closely.
    pub value: Option<String>,
}

impl Rejected {
    fn at(diagnostic: Diagnostic, key: &'static str, value: Option<String>) -> Box<Rejected> {
        Box::new(Rejected {
            diagnostic,
            key,
            value,
        })
    }
}

/// Checks `menu:` entries: each has a title and exactly one of `page` and `url`.
fn menu_items(raw: Vec<RawMenuItem>) -> Result<Vec<MenuItem>, Box<Rejected>> {
    raw.into_iter()
        .map(|item| {
            let target = match (item.page, item.url) {
                (Some(p), None) => MenuTarget::Page(p.trim().trim_start_matches('/').to_owned()),
                (None, Some(u)) => MenuTarget::Url(u.trim().to_owned()),
                _ => {
                    return Err(Rejected::at(
                        Diagnostic::error(
                            Code::Config,
                            format!("menu entry `{}` needs one `page` or one `url`", item.title),
                        )
                        .help("write `page: conditions/_index.md` (a content file) or `url: /topics/` (an address), not both"),
                        "title",
                        Some(item.title.clone()),
                    ));
                }
            };
            if item.title.trim().is_empty() {
                return Err(Rejected::at(
                    Diagnostic::error(Code::Config, "a menu entry has an empty `title`")
                        .help("write what the link says, such as `title: Conditions`"),
                    "menu",
                    None,
                ));
            }
            Ok(MenuItem {
                title: item.title.trim().to_owned(),
                target,
            })
        })
        .collect()
}

/// The checked `images:` settings.
fn image_settings(raw: RawImages) -> Result<ImageSettings, Box<Rejected>> {
    let RawImages {
        widths,
        quality,
        sizes,
    } = raw;
    let default = ImageSettings::default();
    let mut widths = widths.unwrap_or(default.widths);
    widths.sort_unstable();
    widths.dedup();
    if widths.is_empty() || widths.iter().any(|&w| !(16..=8192).contains(&w)) {
        return Err(Rejected::at(
            Diagnostic::error(
                Code::Config,
                "`images.widths` must list widths from 16 to 8192 pixels",
            )
            .help("write a list such as `widths: [480, 800, 1200]`"),
            "widths",
            None,
        ));
    }
    let quality = quality.unwrap_or(default.quality);
    if !(1..=100).contains(&quality) {
        return Err(Rejected::at(
            Diagnostic::error(Code::Config, "`images.quality` must be from 1 to 100")
                .help("75 to 85 keeps photos sharp and small; the default is 78"),
            "quality",
            None,
        ));
    }
    let sizes = sizes
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or(default.sizes);
    Ok(ImageSettings {
        widths,
        quality,
        sizes,
    })
}

/// Whether `code` can name a language in file names and addresses: a primary subtag of two or
/// three letters, optionally a region or script (`es`, `pt-br`, `zh-hant`), lowercase.
pub(crate) fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| {
            (2..=8).contains(&p.len())
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A language's name in itself, for the switcher when `name:` is not given.
fn native_name(primary: &str) -> Option<&'static str> {
    Some(match primary {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "de" => "Deutsch",
        "pt" => "Português",
        "it" => "Italiano",
        "ar" => "العربية",
        "he" => "עברית",
        "fa" => "فارسی",
        "ur" => "اردو",
        "zh" => "中文",
        "vi" => "Tiếng Việt",
        "ko" => "한국어",
        "ru" => "Русский",
        "pl" => "Polski",
        _ => return None,
    })
}

/// Checks a base URL and makes it end with `/`. Accepts `http(s)://host/path` or a path
/// starting with `/`.
fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let ok = url.starts_with('/')
        || url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if !ok || url.contains(char::is_whitespace) || url.contains(['?', '#']) {
        return Err(format!(
            "`{url}` is not an absolute http(s) address or a path starting with `/`"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_slash_and_a_path() {
        let raw = RawConfig {
            base_url: Some("https://example.org/sub/path".into()),
            ..Default::default()
        };
        let c = validate(Path::new("."), raw, &Overrides::default()).unwrap();
        assert_eq!(c.base_url, "https://example.org/sub/path/");
        assert_eq!(c.base_path, "/sub/path/");
        assert_eq!(c.languages[0].emergency_number, "911");
    }

    fn site(yaml: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), yaml).unwrap();
        dir
    }

    #[test]
    fn bad_base_url_in_site_yaml_points_at_the_value() {
        let dir = site("title: x\nbase_url: example.org\n");
        let d = load(dir.path(), &Overrides::default())
            .unwrap()
            .unwrap_err();
        let loc = d.location.expect("a location in site.yaml");
        assert_eq!(
            (loc.file.as_str(), loc.line, loc.column),
            ("site.yaml", 2, 11)
        );
    }

    #[test]
    fn bad_base_url_on_the_command_line_is_a_usage_error() {
        let dir = site("title: x\n");
        let overrides = Overrides {
            base_url: Some("example.org".into()),
        };
        let e = load(dir.path(), &overrides).unwrap_err();
        assert!(matches!(e, Error::Usage(_)), "{e}");
        assert!(e.to_string().contains("--base-url"), "{e}");
    }

    #[test]
    fn bad_base_url_is_reported() {
        let raw = RawConfig {
            base_url: Some("example.org".into()),
            ..Default::default()
        };
        assert!(validate(Path::new("."), raw, &Overrides::default()).is_err());
    }
}
