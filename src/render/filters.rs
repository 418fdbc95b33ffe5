//! The filters and functions templates get besides Tera's own: those users of Zola and Hugo
//! expect (issue 17), written for medleaf's rules.
//!
//! - `urlencode` (keeps `/`) and `urlencode_strict` (keeps letters and digits only), as Zola's;
//! - `format_date` (also named `date`, as in Zola): a `YYYY-MM-DD` date in words in the page's
//!   language (`7 December 2026`, `7 de diciembre de 2026`), or in a `format` of your own;
//! - `markdown`: a string as Markdown, under the site's raw HTML policy and URL schemes, as a
//!   page's body would be (`inline=true` leaves out the paragraph around one paragraph);
//! - `url(path=...)` (also `get_url`): a site address from the page being rendered, relative
//!   through `root`, so it works at any sub-path of `base_url` and from `file://`;
//!   `absolute=true` gives the address from `base_url`.
//!
//! The page's language and its place in the site come from the values every template already
//! has (`t`, `root`, `site`), so the filters hold no state of their own but the site's Markdown
//! settings.

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser, Tag};
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::config::{MarkdownSettings, RawHtml};
use crate::date::Date;
use crate::urls;

/// Registers every filter and function of this module.
pub(super) fn register(tera: &mut Tera, markdown: &MarkdownSettings) {
    tera.register_filter("urlencode", |s: Cow<'_, str>, _: Kwargs, _: &State| {
        percent_encode(&s, b"-._~/")
    });
    tera.register_filter(
        "urlencode_strict",
        |s: Cow<'_, str>, _: Kwargs, _: &State| percent_encode(&s, b""),
    );
    tera.register_filter("format_date", format_date);
    tera.register_filter("date", format_date);
    let settings = markdown.clone();
    tera.register_filter(
        "markdown",
        move |s: Cow<'_, str>, kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let inline = kwargs.get::<bool>("inline")?.unwrap_or(false);
            markdown_html(&s, inline, &settings)
                .map(|html| Value::safe_string(&html))
                .map_err(tera::Error::message)
        },
    );
    tera.register_function("url", url);
    tera.register_function("get_url", url);
}

/// `s` with every byte but ASCII letters, digits and `keep` written as `%XX`.
fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `format_date`: the date in words in the page's language (its `t.date_format` and month
/// names), or in `format`, where `%Y` is the year, `%m` and `%d` the month and day with two
/// digits, `%-m` and `%-d` without, `%B` the month's name in the page's language and `%%` a
/// percent sign. A date with a time (`2026-12-07T10:00:00Z`) keeps its date.
fn format_date(s: Cow<'_, str>, kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let text = s.trim();
    let day_part = match text.get(..10) {
        Some(d) if text.len() == 10 || text[10..].starts_with(['T', ' ']) => d,
        _ => text,
    };
    let date = Date::parse(day_part).map_err(|e| {
        tera::Error::message(format!(
            "`format_date` needs a date written `YYYY-MM-DD`, not `{text}`: {e}"
        ))
    })?;
    let strings = state.get::<Value>("t")?.unwrap_or_else(Value::none);
    let string = |key: &str| -> TeraResult<String> {
        strings
            .get_from_path(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| tera::Error::message(format!("no `t.{key}` string for `format_date`")))
    };
    let month = string(&format!("month_{}", date.month()))?;
    let Some(format) = kwargs.get::<String>("format")? else {
        return Ok(string("date_format")?
            .replace("{day}", &date.day().to_string())
            .replace("{month}", &month)
            .replace("{year}", &date.year().to_string()));
    };
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match (chars.next(), chars.clone().next()) {
            (Some('Y'), _) => out.push_str(&date.year().to_string()),
            (Some('m'), _) => out.push_str(&format!("{:02}", date.month())),
            (Some('d'), _) => out.push_str(&format!("{:02}", date.day())),
            (Some('B'), _) => out.push_str(&month),
            (Some('%'), _) => out.push('%'),
            (Some('-'), Some('m')) => {
                chars.next();
                out.push_str(&date.month().to_string());
            }
            (Some('-'), Some('d')) => {
                chars.next();
                out.push_str(&date.day().to_string());
            }
            (other, _) => {
                return Err(tera::Error::message(format!(
                    "`format_date` does not know `%{}`: use %Y, %m, %-m, %d, %-d, %B or %%",
                    other.map(String::from).unwrap_or_default()
                )));
            }
        }
    }
    Ok(out)
}

/// `markdown`: `text` as HTML under the site's rules: links and images only with the site's
/// URL schemes, raw HTML refused (`deny`), cleaned to the allowed elements and attributes
/// (`sanitize`, so no script or event handler gets through) or kept (`allow`), as in pages.
fn markdown_html(text: &str, inline: bool, settings: &MarkdownSettings) -> Result<String, String> {
    let mut events = Vec::new();
    for event in Parser::new_ext(text, crate::markdown::options()) {
        match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if let Some(scheme) = urls::scheme(dest_url)
                    && !settings.url_schemes.contains(&scheme)
                {
                    return Err(format!(
                        "`markdown` was given a link to `{dest_url}`, with the scheme `{scheme}:`, which this site does not allow (`url_schemes` in site.yaml)"
                    ));
                }
            }
            Event::Html(html) | Event::InlineHtml(html)
                if settings.raw_html == RawHtml::Deny && !html.trim().starts_with("<!--") =>
            {
                return Err(format!(
                    "`markdown` was given raw HTML (`{}`), which this site refuses (`markdown.raw_html: deny` in site.yaml): write Markdown",
                    html.trim()
                ));
            }
            _ => {}
        }
        events.push(event);
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if settings.raw_html != RawHtml::Allow {
        html = crate::markdown::clean_page(&html, settings);
    }
    let trimmed = html.trim();
    if inline
        && let Some(inner) = trimmed
            .strip_prefix("<p>")
            .and_then(|t| t.strip_suffix("</p>"))
        && !inner.contains("<p>")
    {
        return Ok(inner.to_owned());
    }
    Ok(html)
}

/// `url(path="/conditions/")`: the site address `path` from the page being rendered: `root`
/// (`../../`, or the path of `base_url` on the 404 page) followed by `path` without its
/// leading `/`, characters that may not appear in an address percent-encoded. With
/// `absolute=true`, the address from `base_url` (for links that leave the site: a feed, an
/// email). A full address (`https://...`) is returned as it is.
fn url(kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let path: String = kwargs.must_get("path")?;
    if urls::is_external(&path) {
        return Ok(path);
    }
    if path.ends_with(".md") {
        return Err(tera::Error::message(format!(
            "`url` takes a site address such as `/conditions/`, not a content file (`{path}`)"
        )));
    }
    // A query or fragment stays as written; only the path is encoded.
    let (path_part, suffix) = path.split_at(path.find(['?', '#']).unwrap_or(path.len()));
    let rest = format!(
        "{}{suffix}",
        urls::encode_path(path_part.trim_start_matches('/'))
    );
    if kwargs.get::<bool>("absolute")?.unwrap_or(false) {
        let site = state.get::<Value>("site")?.unwrap_or_else(Value::none);
        let base = site
            .get_from_path("base_url")
            .and_then(Value::as_str)
            .unwrap_or("/");
        return Ok(format!("{base}{rest}"));
    }
    let root = state.get::<String>("root")?.unwrap_or_default();
    Ok(format!("{root}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(raw_html: RawHtml) -> MarkdownSettings {
        MarkdownSettings {
            raw_html,
            ..MarkdownSettings::default()
        }
    }

    #[test]
    fn encodes_like_zola() {
        assert_eq!(
            percent_encode("/a b/ü?x=1&y", b"-._~/"),
            "/a%20b/%C3%BC%3Fx%3D1%26y"
        );
        assert_eq!(percent_encode("a/b c", b""), "a%2Fb%20c");
    }

    #[test]
    fn markdown_keeps_to_the_policy() {
        let s = settings(RawHtml::Sanitize);
        assert_eq!(
            markdown_html("**Hi** [x](https://e.org/)", true, &s).unwrap(),
            "<strong>Hi</strong> <a href=\"https://e.org/\">x</a>"
        );
        let cleaned = markdown_html(
            "a <script>alert(1)</script> <b onclick=\"x()\">b</b>",
            false,
            &s,
        )
        .unwrap();
        assert!(
            !cleaned.contains("script") && !cleaned.contains("onclick"),
            "{cleaned}"
        );
        assert!(markdown_html("[x](javascript:alert(1))", false, &s).is_err());
        let deny = settings(RawHtml::Deny);
        assert!(markdown_html("a <b>b</b>", false, &deny).is_err());
        let allow = settings(RawHtml::Allow);
        assert!(
            markdown_html("a <b>b</b>", false, &allow)
                .unwrap()
                .contains("<b>b</b>")
        );
    }
}
