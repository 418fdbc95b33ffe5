//! Escaping text for HTML and XML.

/// Escapes text for an HTML or XML attribute value or text node: `& < > " '`.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document: tab, line feed, carriage return and every
/// character from U+0020 except U+FFFE and U+FFFF (Rust's `char` already excludes surrogates).
pub(crate) fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// The first character of `s` that XML 1.0 forbids, if any.
pub(crate) fn xml_forbidden(s: &str) -> Option<char> {
    s.chars().find(|&c| !xml_allows(c))
}

/// Escapes text for an XML file like [`escape`], and drops the characters XML 1.0 forbids, so
/// the file stays well-formed whatever the text holds (`check` reports them where they were
/// written: `control-character`).
pub(crate) fn escape_xml(s: &str) -> String {
    if xml_forbidden(s).is_none() {
        return escape(s);
    }
    escape(&s.chars().filter(|&c| xml_allows(c)).collect::<String>())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            super::escape(r#"<a href="x">Tom's & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn xml_drops_what_xml_forbids() {
        assert_eq!(
            super::escape_xml("a\u{1}b\tc\u{fffe}<\u{7f}"),
            "ab\tc&lt;\u{7f}"
        );
        assert_eq!(super::xml_forbidden("ok\r\n"), None);
        assert_eq!(super::xml_forbidden("x\u{b}"), Some('\u{b}'));
    }
}
