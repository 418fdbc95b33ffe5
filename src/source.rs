//! Source files and positions in them.
//!
//! Every diagnostic points into the file the author wrote, so positions are kept as byte offsets
//! into the original text and turned into 1-based line and column numbers only when reported.
//! Columns count characters, not bytes, so non-ASCII text and tabs give the column an editor
//! shows. A UTF-8 byte-order mark is removed when the file is read; CRLF line endings are kept
//! (the `\r` is never part of a reported line).
//!
//! Reporting costs do not grow with a long line (issue 16): a [`Location`] carries at most a
//! window of [`WINDOW`] bytes either side of its span, and columns are counted from checkpoints
//! every [`CHECKPOINT`] bytes, so 20,000 diagnostics on one 500 kB line stay small and fast.
//! Any span, even one pointing inside a character or at a line ending, resolves without a panic.

use std::io::Read as _;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// The largest file medleaf reads (10 MB): a bigger one is refused with a clear error rather
/// than exhausting memory. Real pages are a few kilobytes; the limit is documented in README.
pub(crate) const MAX_FILE_BYTES: u64 = 10_000_000;

/// How many bytes of a line a diagnostic shows on each side of what it points at.
pub(crate) const WINDOW: usize = 120;

/// Bytes between two column checkpoints.
const CHECKPOINT: usize = 4096;

/// A text file read from the site, with an index of where its lines start.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The path shown to people: relative to the site root, `/`-separated (`content/leukemia.md`).
    pub display: String,
    /// The text, without a byte-order mark.
    pub text: String,
    line_starts: Vec<usize>,
    /// The number of characters before each multiple of [`CHECKPOINT`] bytes, made on the
    /// first long-line column asked for.
    checkpoints: OnceLock<Vec<usize>>,
}

/// A position in a file, resolved for people: which line, which column, and what that line says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The file as shown to people (`content/leukemia.md`).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The source line without its line ending; on a long line, a window of it around the
    /// span (at most 120 bytes each side, cut ends marked `…`). Control characters other
    /// than tabs are shown as spaces.
    #[serde(skip)]
    pub line_text: String,
    /// The byte range within `line_text` that the diagnostic points at (never empty unless the
    /// line is).
    #[serde(skip)]
    pub span: Range<usize>,
}

impl SourceFile {
    /// Wraps a file's text; `display` is the name used in messages.
    pub(crate) fn new(display: impl Into<String>, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            display: display.into(),
            text,
            line_starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// Reads a file from disk; `display` is the name used in messages.
    pub(crate) fn read(display: impl Into<String>, path: &Path) -> std::io::Result<Self> {
        let mut bytes = Vec::new();
        // Read at most one byte past the limit, so even a file that keeps growing is bounded.
        std::fs::File::open(path)?
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the file is larger than medleaf's limit of {} MB: split it into smaller pages",
                    MAX_FILE_BYTES / 1_000_000
                ),
            ));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the file is not valid UTF-8 text (byte {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        Ok(SourceFile::new(display, text))
    }

    /// The 0-based index of the line holding byte `offset`.
    pub(crate) fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of line `index` (0-based), without its line ending.
    pub(crate) fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.line_starts[index];
        let mut end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The byte offset of a 1-based `line` and 1-based character `column`, as reported by
    /// parsers that count that way. Out-of-range values are clamped to the end of the line/file.
    pub(crate) fn offset_of(&self, line: usize, column: usize) -> usize {
        let index = line.saturating_sub(1).min(self.line_starts.len() - 1);
        let range = self.line_range(index);
        let line_text = &self.text[range.clone()];
        let within = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        range.start + within
    }

    /// Resolves a byte range to a [`Location`]. A range spanning several lines is cut at the end
    /// of its first line; an empty range points at one character. Offsets past the end, inside
    /// a character or on a line ending are moved to the nearest place on the line.
    pub(crate) fn location(&self, span: Range<usize>) -> Location {
        let start = floor_char(&self.text, span.start.min(self.text.len()));
        let index = self.line_index(start);
        let line = self.line_range(index);
        let start = start.clamp(line.start, line.end);
        let mut end = ceil_char(&self.text, span.end.clamp(start, line.end));
        if end <= start {
            // Point at one character (or at the end of the line).
            end = self.text[start..line.end]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
        }
        // The window shown: the span (its first WINDOW bytes when longer) and up to WINDOW
        // bytes either side, on character boundaries.
        let end = ceil_char(&self.text, end.min(start + WINDOW));
        let from = floor_char(&self.text, start.saturating_sub(WINDOW).max(line.start));
        let to = ceil_char(&self.text, (end + WINDOW).min(line.end));
        let (line_text, span) = shown(
            &self.text[from..to],
            start - from..end - from,
            from > line.start,
            to < line.end,
        );
        Location {
            file: self.display.clone(),
            line: index + 1,
            column: self.chars_between(line.start, start) + 1,
            span,
            line_text,
        }
    }

    /// The number of characters in `text[a..b]`, counted from checkpoints on long stretches.
    fn chars_between(&self, a: usize, b: usize) -> usize {
        if b - a <= 2 * CHECKPOINT {
            return count_chars(&self.text.as_bytes()[a..b]);
        }
        self.chars_before(b) - self.chars_before(a)
    }

    /// The number of characters before byte `at`.
    fn chars_before(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let marks = self.checkpoints.get_or_init(|| {
            let mut marks = vec![0];
            let mut total = 0;
            for chunk in bytes.chunks(CHECKPOINT) {
                total += count_chars(chunk);
                marks.push(total);
            }
            marks
        });
        let block = at / CHECKPOINT;
        marks[block] + count_chars(&bytes[block * CHECKPOINT..at])
    }
}

/// Characters in a run of UTF-8 bytes (which may start or end inside one): the bytes that are
/// not continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The nearest character boundary at or before `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest character boundary at or after `at`.
fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The text a diagnostic shows and its span in it: control characters (but tabs) become spaces,
/// so a lone carriage return cannot start a new line in the rendering, and cut ends get `…`.
fn shown(
    window: &str,
    span: Range<usize>,
    cut_start: bool,
    cut_end: bool,
) -> (String, Range<usize>) {
    let mut out = String::with_capacity(window.len() + 6);
    if cut_start {
        out.push('…');
    }
    let (mut start, mut end) = (out.len(), out.len());
    for (i, c) in window.char_indices() {
        if i == span.start {
            start = out.len();
        }
        if i == span.end {
            end = out.len();
        }
        if c.is_control() && c != '\t' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    if span.start >= window.len() {
        start = out.len();
    }
    if span.end >= window.len() {
        end = out.len();
    }
    if cut_end {
        out.push('…');
    }
    (out, start..end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let f = SourceFile::new("a.md", "ab\nçé x\n".to_owned());
        let offset = f.text.find('x').unwrap();
        let loc = f.location(offset..offset + 1);
        assert_eq!((loc.line, loc.column), (2, 4));
        assert_eq!(loc.line_text, "çé x");
        assert_eq!(&loc.line_text[loc.span.clone()], "x");
    }

    #[test]
    fn crlf_and_bom_are_handled() {
        let f = SourceFile::new("a.md", "\u{feff}one\r\ntwo\r\n".to_owned());
        let offset = f.text.find("two").unwrap();
        let loc = f.location(offset..offset + 3);
        assert_eq!((loc.line, loc.column), (2, 1));
        assert_eq!(loc.line_text, "two");
        assert_eq!(f.offset_of(2, 2), offset + 1);
    }

    #[test]
    fn multi_line_span_is_cut_at_line_end() {
        let f = SourceFile::new("a.md", "one two\nthree".to_owned());
        let loc = f.location(4..12);
        assert_eq!(&loc.line_text[loc.span.clone()], "two");
    }

    #[test]
    fn long_lines_show_a_window_and_count_columns_right() {
        let line = format!("{}target{}", "é".repeat(300_000), "x".repeat(300_000));
        let f = SourceFile::new("a.md", format!("first\n{line}\n"));
        let at = f.text.find("target").unwrap();
        let loc = f.location(at..at + 6);
        assert_eq!((loc.line, loc.column), (2, 300_001));
        assert!(
            loc.line_text.len() <= 2 * WINDOW + 6 + 6,
            "{}",
            loc.line_text.len()
        );
        assert_eq!(&loc.line_text[loc.span.clone()], "target");
        assert!(loc.line_text.starts_with('…') && loc.line_text.ends_with('…'));
        // A span longer than the window is cut, and the window stays bounded.
        let loc = f.location(6..f.text.len());
        assert_eq!(loc.column, 1);
        assert!(
            loc.line_text.len() <= 3 * WINDOW + 6,
            "{}",
            loc.line_text.len()
        );
    }

    #[test]
    fn any_span_resolves_without_panicking() {
        // A no-break space, a lone carriage return, CRLF line endings.
        let f = SourceFile::new("a.md", "a: \u{a0}\r\nb: x\ry\r\n\u{a0}".to_owned());
        for start in 0..=f.text.len() + 2 {
            for end in 0..=f.text.len() + 2 {
                let loc = f.location(start..end);
                assert!(loc.line_text.is_char_boundary(loc.span.start));
                assert!(loc.line_text.is_char_boundary(loc.span.end));
                assert!(loc.span.start <= loc.span.end && loc.span.end <= loc.line_text.len());
                assert!(!loc.line_text.contains('\r'));
            }
        }
        // The line feed of a CRLF pair belongs to its line.
        let lf = f.text.find('\n').unwrap();
        assert_eq!(f.location(lf..lf + 1).line, 1);
    }

    #[test]
    fn tabs_count_as_one_column() {
        let f = SourceFile::new("a.md", "\tx".to_owned());
        assert_eq!(f.location(1..2).column, 2);
    }
}
