//! Reading raw HTML the way a browser's tokenizer does (simplified): text, tags with their
//! attributes (values with character references decoded, so `&#106;avascript:` is seen as
//! `javascript:`), comments and the rest, each with its place in the text. Used by the raw HTML
//! pass, the glossary pass (which elements an inline term sits in) and the ids pass. It never
//! changes anything; the raw HTML pass decides what to keep.

use std::ops::Range;

/// One piece of raw HTML, read the way a browser's tokenizer reads it (simplified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// Text between tags.
    Text(Range<usize>),
    /// A start or end tag.
    Tag(HtmlTag),
    /// `<!-- ... -->`.
    Comment(Range<usize>),
    /// `<!DOCTYPE>`, `<![CDATA[ ]]>`, `<?...>`, or a tag left unfinished.
    Other(Range<usize>),
}

/// A start or end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlTag {
    /// Where it is in the text.
    pub(crate) range: Range<usize>,
    /// The element's name, lowercased.
    pub(crate) name: String,
    /// `</name>`.
    pub(crate) closing: bool,
    /// `<name/>`.
    pub(crate) self_closing: bool,
    /// Its attributes, in order.
    pub(crate) attrs: Vec<Attr>,
}

/// One attribute of a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    /// The name, lowercased.
    pub(crate) name: String,
    /// The value with character references decoded, if it has one.
    pub(crate) value: Option<String>,
    /// Where the whole attribute (`name="value"`) is in the text.
    pub(crate) range: Range<usize>,
    /// Where the value is, without its quotes.
    pub(crate) value_range: Option<Range<usize>>,
}

impl HtmlTag {
    /// The value of attribute `name`, if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

/// Reads raw HTML into tokens.
pub(crate) fn tokenize(html: &str) -> Vec<Token> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let flush = |out: &mut Vec<Token>, from: usize, to: usize| {
        if to > from {
            out.push(Token::Text(from..to));
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            flush(&mut out, text_start, i);
            let end = after.find("-->").map_or(html.len(), |e| i + 4 + e + 3);
            out.push(Token::Comment(i..end));
            i = end;
            text_start = i;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            flush(&mut out, text_start, i);
            let end = rest.find('>').map_or(html.len(), |e| i + e + 1);
            out.push(Token::Other(i..end));
            i = end;
            text_start = i;
        } else if let Some(tag) = read_tag(html, i) {
            flush(&mut out, text_start, i);
            i = tag.range.end;
            text_start = i;
            out.push(Token::Tag(tag));
        } else if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
            || (b.get(i + 1) == Some(&b'/') && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic))
        {
            // A tag that never ends: a browser would swallow the rest.
            flush(&mut out, text_start, i);
            out.push(Token::Other(i..html.len()));
            i = html.len();
            text_start = i;
        } else {
            i += 1;
        }
    }
    flush(&mut out, text_start, html.len());
    out
}

/// The tag starting at `start` (`<` then a letter, or `</` then a letter), if it ends.
fn read_tag(html: &str, start: usize) -> Option<HtmlTag> {
    let b = html.as_bytes();
    let mut i = start + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    if !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                return Some(HtmlTag {
                    range: start..i + 1,
                    name,
                    closing,
                    self_closing,
                    attrs,
                });
            }
            _ => {
                self_closing = false;
                let a_start = i;
                // An attribute's name runs to whitespace, `/`, `>` or `=` (a leading `=` is
                // part of the name, as in browsers).
                i += 1;
                while i < b.len() && !b[i].is_ascii_whitespace() && !b"/>=".contains(&b[i]) {
                    i += 1;
                }
                let a_name = html[a_start..i].to_ascii_lowercase();
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let (value, value_range) = if b.get(j) == Some(&b'=') {
                    j += 1;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    match b.get(j)? {
                        q @ (b'"' | b'\'') => {
                            let v_start = j + 1;
                            let v_end = v_start + html[v_start..].find(*q as char)?;
                            i = v_end + 1;
                            (Some(decode(&html[v_start..v_end])), Some(v_start..v_end))
                        }
                        _ => {
                            let v_start = j;
                            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                                j += 1;
                            }
                            i = j;
                            (Some(decode(&html[v_start..j])), Some(v_start..j))
                        }
                    }
                } else {
                    (None, None)
                };
                attrs.push(Attr {
                    name: a_name,
                    value,
                    range: a_start..i,
                    value_range,
                });
            }
        }
    }
}

/// Decodes the character references browsers decode in attribute values (numeric ones and
/// the named ones that could hide a scheme), so `&#106;avascript:` is seen as `javascript:`.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| !c.is_ascii_alphanumeric() && *c != '#')
            .map_or(rest.len(), |(k, _)| k);
        let body = &rest[1..end];
        let decoded = if let Some(num) = body.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            n.and_then(char::from_u32)
        } else {
            match body.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "sol" => Some('/'),
                "period" => Some('.'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                _ => None,
            }
        };
        match decoded {
            Some(c) if end > 1 => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of the tags in some raw HTML, each with whether it closes (`</a>`).
pub(crate) fn tag_names(html: &str) -> Vec<(String, bool)> {
    tokenize(html)
        .into_iter()
        .filter_map(|t| match t {
            Token::Tag(tag) => Some((tag.name, tag.closing)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes_are_read_as_browsers_read_them() {
        let t = tokenize("a <img src=x.png alt='a b' onerror=\"x()\"/> <!-- c --></p>");
        let tags: Vec<&HtmlTag> = t
            .iter()
            .filter_map(|t| match t {
                Token::Tag(tag) => Some(tag),
                _ => None,
            })
            .collect();
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].name, "img");
        assert!(tags[0].self_closing);
        let names: Vec<&str> = tags[0].attrs.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["src", "alt", "onerror"]);
        assert_eq!(tags[0].attr("alt").unwrap().value.as_deref(), Some("a b"));
        assert!(tags[1].closing);
        assert!(t.iter().any(|t| matches!(t, Token::Comment(_))));
    }

    #[test]
    fn character_references_cannot_hide_a_scheme() {
        assert_eq!(decode("&#106;avascript&colon;x"), "javascript:x");
        assert_eq!(decode("&#x6A;ava&Tab;script:x"), "java\tscript:x");
        assert_eq!(decode("a&b&amp;c"), "a&b&c");
    }
}
