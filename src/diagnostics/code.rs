//! Every diagnostic code medleaf can give, in one registry.
//!
//! A code is a stable, kebab-case name for a kind of problem (`broken-link`): CI scripts filter
//! on it, `check --format json` carries it, and the README lists every one (a test checks that
//! the README's table is exactly this list). Adding a kind of problem means adding it here, so
//! a code can never be a string typed in one place and misspelt in another.

use std::fmt;

macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal $(, noun: $one:literal, $many:literal)?; )+) => {
        /// A kind of problem. See the module documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Code {
            /// Every code, in the order of the README's table.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The stable name (`broken-link`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// What the code means: its doc comment, on one line (as `medleaf schema`
            /// shows it beside `allow:` and `diagnostics:` keys).
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => codes!(@text $($doc)+),)+
                }
            }

            /// Singular and plural nouns for the summary line (`broken link`, `broken links`),
            /// for the codes the summary names; others are counted as "errors".
            pub(crate) fn noun(self) -> Option<(&'static str, &'static str)> {
                match self {
                    $(Code::$variant => codes!(@noun $($one, $many)?),)+
                }
            }
        }
    };
    (@text $($line:literal)+) => { concat!($($line),+).trim() };
    (@noun $one:literal, $many:literal) => { Some(($one, $many)) };
    (@noun) => { None };
}

codes! {
    /// `site.yaml` cannot be read or has a wrong or unknown setting.
    Config = "config", noun: "site.yaml error", "site.yaml errors";
    /// A page's front matter is missing, does not parse, or has a wrong or unknown key.
    FrontMatter = "front-matter", noun: "front-matter error", "front-matter errors";
    /// Text holds a character XML 1.0 forbids (a control character such as U+0001, or U+FFFE):
    /// it would break the feed and the sitemap.
    ControlCharacter = "control-character";
    /// A file goes past one of medleaf's documented limits (elements nested more than 100
    /// levels deep).
    Limit = "limit";
    /// Two pages, files or redirects claim the same address or the same file in the output.
    DuplicateUrl = "duplicate-url", noun: "duplicate URL", "duplicate URLs";
    /// A page, alias or file would be written to a path that is not a valid portable file
    /// name (NUL or control characters, a part over 255 bytes, `.` or `..`, a name or character
    /// Windows refuses).
    OutputPath = "output-path", noun: "unusable output path", "unusable output paths";
    /// Two output files whose names differ only in case or in Unicode normalization: one file
    /// on macOS and Windows.
    OutputTwin = "output-twin";
    /// A symbolic link in the site that leads outside it, which is not followed.
    SymlinkOutside = "symlink-outside";
    /// A link, image, `related:` entry or wiki link leads nowhere.
    BrokenLink = "broken-link", noun: "broken link", "broken links";
    /// A link's `#fragment` names no heading or id on the page it leads to.
    BrokenAnchor = "broken-anchor", noun: "broken anchor", "broken anchors";
    /// A URL with a scheme the site does not allow (`javascript:`, `data:`; see `url_schemes`).
    UrlScheme = "url-scheme", noun: "forbidden URL scheme", "forbidden URL schemes";
    /// Raw HTML that the site's policy removes (`sanitize`) or refuses (`deny`).
    RawHtml = "raw-html", noun: "raw HTML error", "raw HTML errors";
    /// The glossary file has an error (a term listed twice, a `see` that leads nowhere).
    Glossary = "glossary", noun: "glossary error", "glossary errors";
    /// A snippet embed that cannot be embedded: no such snippet, not on a line of its own, or a
    /// snippet that embeds itself.
    Snippet = "snippet", noun: "snippet error", "snippet errors";
    /// A snippet that no page embeds.
    SnippetUnused = "snippet-unused";
    /// A file in `templates/` that replaces no built-in template and that no template or page
    /// uses (often a misspelt name: `artcle.html`).
    UnusedTemplate = "unused-template";
    /// A translation in an undeclared language, a translation without its source, a page that
    /// embeds a snippet with no version in the page's language, or a missing translated string.
    Language = "language", noun: "language error", "language errors";
    /// A translation older than its source's latest clinical review.
    TranslationStale = "translation-stale";
    /// Two articles with the same title.
    DuplicateTitle = "duplicate-title";
    /// Topic names that differ only in case, spacing or a letter or two (`Asthma`, `Asthama`).
    TopicVariant = "topic-variant";
    /// Two headings, footnotes or raw HTML elements on one page share an id (a footnote named
    /// like a heading gets its own id instead).
    DuplicateId = "duplicate-id";
    /// An unknown `{{ placeholder }}` in the text.
    Placeholder = "placeholder";
    /// A Hugo or Zola shortcode (`{{< figure >}}`, `{{% notice %}}`, `{{ youtube() }}`) or a
    /// Zola `@/` link in a page: medleaf has none, and readers would see it as written.
    Shortcode = "shortcode", noun: "shortcode", "shortcodes";
    /// `next_review` is not after `last_reviewed`.
    ReviewDates = "review-dates";
    /// An article has no `last_reviewed` date or no `reviewed_by`.
    ReviewMissing = "review-missing";
    /// An article's next review date has passed.
    ReviewOverdue = "review-overdue";
    /// An article's next review is due soon.
    ReviewDue = "review-due";
    /// `last_reviewed` is later than today: a review cannot be in the future.
    ReviewFuture = "review-future", noun: "review date in the future", "review dates in the future";
    /// A page that is not a draft still holds a `TODO` placeholder written by `medleaf new`.
    TodoLeft = "todo-left", noun: "placeholder left in a page", "placeholders left in pages";
    /// An article lists no sources.
    SourcesMissing = "sources-missing";
    /// A source has no `url` or no `accessed` date.
    SourceIncomplete = "source-incomplete";
    /// A source was accessed after the page's last review: the review did not cover it.
    SourceAfterReview = "source-after-review";
    /// A source was last checked longer ago than the site allows.
    SourceOld = "source-old";
    /// An article's reading grade is above the site's maximum.
    Readability = "readability";
    /// A care card breaks a rule (no heading, no list, two emergency cards, a link in an emergency card).
    CareCard = "care-card";
    /// An image has no alt text.
    ImageAlt = "image-alt";
    /// An image's alt text is only a file name or a word like "image".
    ImageAltVague = "image-alt-vague";
    /// A figure's caption repeats its alt text or is a file name.
    FigureCaption = "figure-caption";
    /// An image that cannot be published: a file that cannot be read, an SVG with a script, an event handler or a reference to another file, a front-matter `image` that is not a JPEG, PNG or WebP file.
    ImageFile = "image-file", noun: "image error", "image errors";
    /// A source image over 5 MB or 4000 pixels wide, or an animated GIF over 1 MB.
    ImageLarge = "image-large";
    /// A photo whose colour profile cannot be converted to sRGB (CMYK, or unreadable): its colours may shift.
    ImageColours = "image-colours";
    /// A heading skips a level (`##` straight to `####`).
    HeadingSkip = "heading-skip";
    /// A second top-level (`#`) heading: the title is the page's only one.
    HeadingH1 = "heading-h1";
    /// Link text that does not say where the link goes ("click here").
    LinkText = "link-text";
    /// A table without a header row.
    TableHeader = "table-header";
    /// An external address that fails (`check --external`): not found, gone, a name that does
    /// not resolve, a TLS or server error, no answer in time.
    ExternalBroken = "external-broken", noun: "broken external link", "broken external links";
    /// An external address that has moved for good (a permanent redirect): the new address is
    /// in the help (`check --external`).
    ExternalMoved = "external-moved";
    /// A page's `allow:` names a check that found nothing on the page to silence.
    AllowUnused = "allow-unused";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    fn from_str(s: &str) -> Result<Code, ()> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for &code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "`{name}` twice");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "`{name}` is not kebab-case"
            );
            assert_eq!(name.parse::<Code>(), Ok(code));
            assert!(!code.description().is_empty());
        }
    }

    /// The README's table of codes is the contract CI scripts rely on: it must list exactly
    /// the codes medleaf can give, in this registry's order.
    #[test]
    fn the_readme_lists_exactly_these_codes() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("<!-- diagnostic codes: start -->")
            .expect("README marks the table of codes");
        let end = readme
            .find("<!-- diagnostic codes: end -->")
            .expect("README marks the end of the table of codes");
        let listed: Vec<&str> = readme[start..end]
            .lines()
            .filter_map(|line| line.strip_prefix("| `"))
            .filter_map(|rest| rest.split('`').next())
            .collect();
        let ours: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, ours, "README's table of diagnostic codes");
    }
}
