//! Source files and positions in them.
//!
//! Every diagnostic points into the file the author wrote, so positions are kept as byte offsets
//! into the original text and turned into 1-based line and column numbers only when reported.
//! Columns count characters, not bytes, so non-ASCII text and tabs give the column an editor
//! shows. A UTF-8 byte-order mark is removed when the file is read; CRLF line endings are kept
//! (the `\r` is never part of a reported line).

use std::ops::Range;
use std::path::Path;

/// A text file read from the site, with an index of where its lines start.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The path shown to people: relative to the site root, `/`-separated (`content/leukemia.md`).
    pub display: String,
    /// The text, without a byte-order mark.
    pub text: String,
    line_starts: Vec<usize>,
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
    /// The whole source line, without its line ending.
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
        }
    }

    /// Reads a file from disk; `display` is the name used in messages.
    pub(crate) fn read(display: impl Into<String>, path: &Path) -> std::io::Result<Self> {
        let bytes = std::fs::read(path)?;
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
    /// of its first line; an empty range points at one character.
    pub(crate) fn location(&self, span: Range<usize>) -> Location {
        let start = span.start.min(self.text.len());
        let index = self.line_index(start);
        let line = self.line_range(index);
        let line_text = self.text[line.clone()].to_owned();
        let col_byte = (start - line.start).min(line_text.len());
        let mut end_byte = span.end.clamp(start, line.end) - line.start;
        if end_byte <= col_byte {
            // Point at one character (or at the end of the line).
            end_byte = line_text[col_byte..]
                .chars()
                .next()
                .map_or(col_byte, |c| col_byte + c.len_utf8());
        }
        Location {
            file: self.display.clone(),
            line: index + 1,
            column: line_text[..col_byte].chars().count() + 1,
            span: col_byte..end_byte,
            line_text,
        }
    }
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
    fn tabs_count_as_one_column() {
        let f = SourceFile::new("a.md", "\tx".to_owned());
        assert_eq!(f.location(1..2).column, 2);
    }
}
