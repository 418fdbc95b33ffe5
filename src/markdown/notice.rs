//! The site-wide notice (`site.yaml` `notice:`): one short paragraph of Markdown, shown on
//! every page. It is written once and shown everywhere, so it is kept to what a notice needs:
//! emphasis, code, line breaks and links to full addresses (a relative link would lead
//! somewhere different from every page). Raw HTML is refused.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::urls;

/// The notice as HTML (the paragraph's content, without the `<p>`), or what is wrong with it.
/// Links must use one of `schemes` (the site's `url_schemes`).
pub(crate) fn html(text: &str, schemes: &[String]) -> Result<String, String> {
    let mut events = Vec::new();
    let mut paragraphs = 0;
    for event in Parser::new_ext(text, super::options()) {
        match &event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return Err("the notice must be one short paragraph".to_owned());
                }
                continue;
            }
            Event::End(TagEnd::Paragraph) => continue,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            )
            | Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak => {}
            Event::Start(Tag::Link { dest_url, .. }) => {
                if !urls::is_external(dest_url) || dest_url.starts_with("//") {
                    return Err(format!(
                        "the notice links to `{dest_url}`: write the full address, such as `https://example.org/about/`"
                    ));
                }
                if let Some(scheme) = urls::scheme(dest_url)
                    && !schemes.contains(&scheme)
                {
                    return Err(format!(
                        "the notice links to `{dest_url}`, with the scheme `{scheme}:`, which this site does not allow (`url_schemes`)"
                    ));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err("the notice may not hold raw HTML: use Markdown".to_owned());
            }
            _ => return Err("the notice must be one short paragraph of text".to_owned()),
        }
        events.push(event);
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    Ok(out.trim().to_owned())
}

#[cfg(test)]
mod tests {
    fn html(text: &str) -> Result<String, String> {
        super::html(
            text,
            &crate::config::MarkdownSettings::default().url_schemes,
        )
    }

    #[test]
    fn one_paragraph_with_emphasis_and_full_links() {
        assert_eq!(
            html("**Demo site.** See [the project](https://example.org/).").unwrap(),
            "<strong>Demo site.</strong> See <a href=\"https://example.org/\">the project</a>."
        );
        assert!(
            html("One.\n\nTwo.")
                .unwrap_err()
                .contains("one short paragraph")
        );
        assert!(
            html("See [about](about.md).")
                .unwrap_err()
                .contains("full address")
        );
        assert!(html("<b>x</b>").unwrap_err().contains("raw HTML"));
        assert!(html("# Heading").is_err());
        assert!(
            html("[x](javascript:alert(1))")
                .unwrap_err()
                .contains("scheme `javascript:`")
        );
    }
}
