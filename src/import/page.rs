//! The page being converted and the shortcode tags read from it: the types the body scan
//! ([`super::body`]), the tag readers ([`super::hugo`], [`super::zola`]) and the shortcode
//! conversions ([`super::shortcodes`]) share, kept apart so none of them depends on another
//! in a circle.

use super::paths::Table;
use super::report::ImportNote;

/// Whose syntax the body is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Hugo,
    Zola,
}

impl Dialect {
    /// The generator's name, for notes.
    pub(super) fn name(self) -> &'static str {
        match self {
            Dialect::Hugo => "Hugo",
            Dialect::Zola => "Zola",
        }
    }
}

/// A shortcode tag as written.
#[derive(Debug, Default)]
pub(super) struct Tag {
    /// The shortcode's name, lowercase (`figure`, `notice`; `end` closes a Zola block).
    pub name: String,
    /// A closing tag (`{{< /notice >}}`, Zola's `{% end %}`).
    pub closing: bool,
    /// A tag that has no body: `{{< x />}}`, or a Zola `{{ x() }}`.
    pub self_closing: bool,
    /// A tag that always has a body up to its closing tag (a Zola `{% x() %}`).
    pub block: bool,
    /// Arguments without names, in order.
    pub positional: Vec<String>,
    /// Named arguments, in order.
    pub named: Vec<(String, String)>,
    /// The tag's text (`{{< figure src="x.png" >}}`).
    pub raw: String,
}

impl Tag {
    /// The first named argument among `names`, or else the positional one at `position`.
    pub(super) fn arg(&self, names: &[&str], position: Option<usize>) -> Option<&str> {
        names
            .iter()
            .find_map(|n| {
                self.named
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(n))
                    .map(|(_, v)| v.as_str())
            })
            .or_else(|| position.and_then(|p| self.positional.get(p).map(String::as_str)))
    }

    /// The arguments not among `used`, for a note saying they were dropped.
    pub(super) fn other_args(&self, used: &[&str]) -> Vec<String> {
        self.named
            .iter()
            .filter(|(k, _)| !used.iter().any(|u| k.eq_ignore_ascii_case(u)))
            .map(|(k, _)| format!("`{k}`"))
            .collect()
    }
}

/// The page being converted.
pub(super) struct Page<'a> {
    pub dialect: Dialect,
    pub table: &'a Table,
    /// Its source path from `content/`.
    pub src: &'a str,
    /// Its medleaf path from `content/`.
    pub dest: &'a str,
    /// Its whole source text, for line numbers.
    pub text: &'a str,
    /// Its path from the source site's folder, for notes.
    pub file: String,
}

impl Page<'_> {
    /// A note at a byte offset of the source file.
    pub(super) fn note(
        &self,
        at: usize,
        what: impl Into<String>,
        help: impl Into<String>,
    ) -> ImportNote {
        let line = self.text[..at.min(self.text.len())].matches('\n').count() + 1;
        ImportNote::at(&self.file, Some(line), what, help)
    }
}
