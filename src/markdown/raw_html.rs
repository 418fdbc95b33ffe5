//! Pass: raw HTML written in Markdown, under the site's policy (`markdown.raw_html` in
//! `site.yaml`, issue 16), and the links and images inside it.
//!
//! - `sanitize` (the default): each piece of raw HTML is cleaned to [`ELEMENTS`] and
//!   [`ATTRIBUTES`] (what health content needs: `details`/`summary`, `figure`, `abbr`, `kbd`,
//!   `sub`/`sup`, tables, `img` with `alt`...). Scripts, `style`, event handlers, forms,
//!   embedded objects and `iframe`s from hosts not listed in `markdown.iframe_hosts` are
//!   removed, each removal a warning at the file and line naming what was removed. Then, as a
//!   second line of defence for what a hand-written scanner might read differently from a
//!   browser, the page's whole HTML goes through ammonia ([`clean_page`]) with the same lists
//!   plus the markup medleaf itself writes.
//! - `allow`: kept as written (the build summary says so).
//! - `deny`: any raw HTML element is an error (comments are not elements and stay allowed).
//!
//! In every mode, `href` and `src` in raw HTML are resolved and checked like Markdown links
//! (a broken `<a href="x.md">` is the same error as `[a](x.md)`, and is rewritten to the
//! page's address), their schemes are checked against `url_schemes`, and an `img` without
//! `alt` is the same error as a Markdown image without alt text. The pass runs first, before
//! any pass writes HTML of its own, so every raw HTML event it sees is the author's.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::events::{Ev, Events, Files, Src};
use super::html_scan::{HtmlTag, Token, tokenize};
use super::links::{Kind, resolve_dest, url_scheme_problem};
use super::{Body, Env};
use crate::config::{MarkdownSettings, RawHtml};
use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic};

/// The elements authors may write under `sanitize` (`iframe` only from listed hosts).
pub(crate) const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes any allowed element may have (besides `aria-*` and `data-*`).
const GLOBAL_ATTRIBUTES: &[&str] = &["id", "class", "title", "lang", "dir", "role"];

/// Attributes particular elements may have.
pub(crate) const ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("details", &["open"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    (
        "iframe",
        &[
            "src",
            "width",
            "height",
            "allow",
            "allowfullscreen",
            "loading",
            "referrerpolicy",
        ],
    ),
];

/// Elements removed together with everything inside them.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "applet", "template", "noscript", "textarea",
    "select", "title", "xmp", "noembed", "noframes", "frameset", "frame", "svg", "math", "head",
];

/// Attributes holding a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite"];

/// Raw HTML text with where each piece of it is in the source file.
struct Unit {
    text: String,
    /// (offset in `text`, offset in the source, length) of each piece.
    pieces: Vec<(usize, usize, usize)>,
    src: Src,
}

impl Unit {
    /// The source range of `r` (offsets in the unit's text), on character boundaries of the
    /// source file (the event's text and its source can differ inside containers).
    fn source(&self, r: &Range<usize>, files: &Files<'_>) -> Range<usize> {
        let text = &files.get(self.src).text;
        let at = |pos: usize, end: bool| {
            let k = self
                .pieces
                .partition_point(|p| if end { p.0 < pos } else { p.0 <= pos })
                .saturating_sub(1);
            let (t, s, len) = self.pieces[k];
            let mut i = (s + pos.saturating_sub(t).min(len)).min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = at(r.start, false);
        start..at(r.end, true).max(start)
    }
}

/// Applies the raw HTML policy to the author's raw HTML, resolves the links in it and checks
/// heading attributes. Returns the events and whether the page holds raw HTML at all (pages
/// that do are cleaned whole by [`clean_page`] under `sanitize`).
pub(super) fn run<'a>(
    events: Events<'a>,
    page: &Page,
    env: Env<'_>,
    files: &Files<'_>,
    out: &mut Body,
) -> (Events<'a>, bool) {
    let has_raw = events.iter().any(|ev| match &ev.event {
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => true,
        Event::Start(Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        _ => false,
    });
    if !has_raw {
        return (events, false);
    }
    let mut seen_raw = false;
    let mut result: Events = Vec::with_capacity(events.len());
    let mut block: Option<Vec<Ev<'a>>> = None;
    let mut ctx = Ctx {
        page,
        env,
        files,
        out,
    };
    for mut ev in events {
        match &mut ev.event {
            Event::Start(Tag::HtmlBlock) => {
                block = Some(Vec::new());
                result.push(ev);
            }
            Event::Html(_) if block.is_some() => {
                if let Some(b) = block.as_mut() {
                    b.push(ev);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let pieces = block.take().unwrap_or_default();
                if let Some(first) = pieces.first() {
                    seen_raw = true;
                    let unit = unit_of(&pieces);
                    let range = first.range.start..pieces.last().map_or(0, |p| p.range.end);
                    let html = ctx.apply(&unit);
                    let mut merged = first.here(Event::Html(CowStr::from(html)));
                    merged.range = range;
                    result.push(merged);
                }
                result.push(ev);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                seen_raw = true;
                let unit = unit_of(std::slice::from_ref(&ev));
                let html = ctx.apply(&unit);
                if html != unit.text {
                    ev.event = match ev.event {
                        Event::Html(_) => Event::Html(CowStr::from(html)),
                        _ => Event::InlineHtml(CowStr::from(html)),
                    };
                }
                result.push(ev);
            }
            Event::Start(Tag::Heading { attrs, .. }) if !attrs.is_empty() => {
                if ctx.env.settings.raw_html != RawHtml::Allow {
                    let file = ctx.files.get(ev.src);
                    attrs.retain(|(name, _)| {
                        let keep = attribute_allowed("h2", &name.to_ascii_lowercase());
                        if !keep {
                            ctx.out.diagnostics.push(
                                Diagnostic::warning(
                                    Code::RawHtml,
                                    format!("removed the heading attribute `{name}`"),
                                )
                                .at(file, ev.range.clone())
                                .label("event handlers and styles cannot be set on headings")
                                .help("give the heading an `{#id}` or a `.class`; style it in the theme's CSS"),
                            );
                        }
                        keep
                    });
                }
                result.push(ev);
            }
            _ => result.push(ev),
        }
    }
    (result, seen_raw)
}

/// The raw HTML of some events as one text.
fn unit_of(events: &[Ev<'_>]) -> Unit {
    let mut unit = Unit {
        text: String::new(),
        pieces: Vec::new(),
        src: events.first().map_or(0, |e| e.src),
    };
    for ev in events {
        if let Event::Html(t) | Event::InlineHtml(t) = &ev.event {
            unit.pieces
                .push((unit.text.len(), ev.range.start, ev.range.len()));
            unit.text.push_str(t);
        }
    }
    unit
}

/// What applying the policy needs.
struct Ctx<'p, 'e> {
    page: &'p Page,
    env: Env<'e>,
    files: &'p Files<'p>,
    out: &'p mut Body,
}

fn attribute_allowed(element: &str, name: &str) -> bool {
    GLOBAL_ATTRIBUTES.contains(&name)
        || ((name.starts_with("aria-") || name.starts_with("data-")) && name.len() > 5)
        || ATTRIBUTES
            .iter()
            .any(|(e, list)| *e == element && list.contains(&name))
}

/// The host of an `https://host/...` address, lowercased.
fn https_host(url: &str) -> Option<String> {
    let rest = url.trim().strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

impl Ctx<'_, '_> {
    fn warn_removed(&mut self, unit: &Unit, at: &Range<usize>, what: String, why: &str) {
        let file = self.files.get(unit.src);
        self.out.diagnostics.push(
            Diagnostic::warning(Code::RawHtml, format!("removed {what} from raw HTML"))
                .at(file, unit.source(at, self.files))
                .label(why.to_owned())
                .help("write it in Markdown, or keep to the elements listed in the README (Raw HTML); `markdown.raw_html: allow` in site.yaml keeps raw HTML as written"),
        );
    }

    /// The unit's HTML under the site's policy, its links resolved.
    fn apply(&mut self, unit: &Unit) -> String {
        let policy = self.env.settings.raw_html;
        let tokens = tokenize(&unit.text);
        if policy == RawHtml::Deny {
            // One error per piece of raw HTML, at its first element (`</b>` closes what was
            // reported already).
            if let Some(Token::Tag(tag)) = tokens
                .iter()
                .find(|t| matches!(t, Token::Tag(tag) if !tag.closing))
            {
                let file = self.files.get(unit.src);
                self.out.diagnostics.push(
                    Diagnostic::error(
                        Code::RawHtml,
                        format!("raw HTML `<{}>` is not allowed on this site", tag.name),
                    )
                    .at(file, unit.source(&tag.range, self.files))
                    .label("`markdown.raw_html` is `deny` in site.yaml")
                    .help("write it in Markdown instead"),
                );
            }
            return unit.text.clone();
        }
        let sanitize = policy == RawHtml::Sanitize;
        let mut html = String::with_capacity(unit.text.len());
        // The element whose content is being dropped, and how deep inside it we are.
        let mut dropping: Option<(String, usize)> = None;
        for token in tokens {
            if let Some((name, depth)) = dropping.as_mut() {
                if let Token::Tag(tag) = &token
                    && tag.name == *name
                {
                    if !tag.closing && !tag.self_closing {
                        *depth += 1;
                    } else if tag.closing {
                        *depth -= 1;
                        if *depth == 0 {
                            dropping = None;
                        }
                    }
                }
                continue;
            }
            match token {
                Token::Text(r) => html.push_str(&unit.text[r]),
                Token::Comment(r) => {
                    if !sanitize {
                        html.push_str(&unit.text[r]);
                    }
                }
                Token::Other(r) => {
                    if sanitize {
                        let shown: String = unit.text[r.clone()].chars().take(20).collect();
                        self.warn_removed(
                            unit,
                            &r,
                            format!("`{shown}`"),
                            "not an element browsers show",
                        );
                    } else {
                        html.push_str(&unit.text[r]);
                    }
                }
                Token::Tag(tag) => {
                    if let Some(name) = self.tag(unit, &tag, sanitize, &mut html) {
                        dropping = Some((name, 1));
                    }
                }
            }
        }
        html
    }

    /// Writes one tag under the policy. Returns the element's name when everything up to its
    /// end tag must be dropped too.
    fn tag(
        &mut self,
        unit: &Unit,
        tag: &HtmlTag,
        sanitize: bool,
        html: &mut String,
    ) -> Option<String> {
        let name = tag.name.as_str();
        let settings: &MarkdownSettings = self.env.settings;
        if sanitize {
            let iframe_host = (name == "iframe")
                .then(|| {
                    tag.attr("src")
                        .and_then(|a| a.value.as_deref())
                        .and_then(https_host)
                })
                .flatten();
            let refused_iframe = name == "iframe"
                && !iframe_host
                    .as_ref()
                    .is_some_and(|h| settings.iframe_hosts.contains(h));
            if refused_iframe {
                if !tag.closing {
                    let why = match &iframe_host {
                        Some(h) => format!("`{h}` is not listed in `markdown.iframe_hosts`"),
                        None => "an iframe needs an `https://` address from a host listed in `markdown.iframe_hosts`".to_owned(),
                    };
                    self.warn_removed(unit, &tag.range, "`<iframe>`".to_owned(), &why);
                    return (!tag.self_closing).then(|| "iframe".to_owned());
                }
                return None;
            }
            if name != "iframe" && !ELEMENTS.contains(&name) {
                if tag.closing {
                    return None;
                }
                let drops = DROPPED_WITH_CONTENT.contains(&name);
                self.warn_removed(
                    unit,
                    &tag.range,
                    format!("`<{name}>`"),
                    if drops {
                        "this element and everything inside it are removed"
                    } else {
                        "this element is not on the allowlist (its text is kept)"
                    },
                );
                return (drops && !tag.self_closing).then(|| name.to_owned());
            }
        }
        if tag.closing {
            html.push_str(&unit.text[tag.range.clone()]);
            return None;
        }
        if name == "iframe"
            && tag
                .attr("title")
                .and_then(|a| a.value.as_deref())
                .is_none_or(|t| t.trim().is_empty())
        {
            let file = self.files.get(unit.src);
            self.out.diagnostics.push(
                Diagnostic::error(Code::RawHtml, "iframe without a title")
                    .at(file, unit.source(&tag.range, self.files))
                    .label("screen readers announce an embedded frame by its title")
                    .help(
                        "say what it shows: `<iframe title=\"Video: how to wash your hands\" ...>`",
                    ),
            );
        }
        if name == "img"
            && tag
                .attr("alt")
                .and_then(|a| a.value.as_deref())
                .is_none_or(|t| t.trim().is_empty())
        {
            let file = self.files.get(unit.src);
            self.out.diagnostics.push(
                Diagnostic::error(Code::ImageAlt, "image without alt text")
                    .at(file, unit.source(&tag.range, self.files))
                    .label("screen readers cannot describe this image")
                    .help("describe the image in `alt`: `<img src=\"cells.png\" alt=\"A drop of blood under a microscope\">`"),
            );
        }
        // Rebuild the tag from the attributes kept, as written, with links rewritten.
        let mut rebuilt = String::with_capacity(tag.range.len());
        let name_end = tag.range.start + 1 + name.len();
        rebuilt.push_str(&unit.text[tag.range.start..name_end]);
        let mut changed = false;
        for attr in &tag.attrs {
            let a = attr.name.as_str();
            if sanitize && !attribute_allowed(name, a) {
                let why = if a.starts_with("on") {
                    "event handlers run script"
                } else if a == "style" {
                    "styles belong in the theme's CSS"
                } else {
                    "this attribute is not on the allowlist"
                };
                self.warn_removed(
                    unit,
                    &attr.range,
                    format!("the `{a}` attribute of `<{name}>`"),
                    why,
                );
                changed = true;
                continue;
            }
            if URL_ATTRIBUTES.contains(&a)
                && let (Some(value), Some(vr)) = (&attr.value, &attr.value_range)
            {
                let span = unit.source(vr, self.files);
                let link_like = (name == "a" && a == "href") || (name == "img" && a == "src");
                if link_like {
                    match resolve_dest(
                        value,
                        Kind::Markdown,
                        unit.src,
                        span,
                        self.page,
                        self.env,
                        self.files,
                        self.out,
                    ) {
                        Some(done) => {
                            rebuilt
                                .push_str(&format!(" {a}=\"{}\"", crate::html::escape(&done.href)));
                            changed = true;
                            continue;
                        }
                        None if crate::urls::scheme(value)
                            .is_some_and(|s| !settings.url_schemes.contains(&s)) =>
                        {
                            // Reported by `resolve_dest`; never written.
                            changed = true;
                            continue;
                        }
                        None => {}
                    }
                } else if let Some(s) = crate::urls::scheme(value)
                    && !settings.url_schemes.contains(&s)
                {
                    let file = self.files.get(unit.src);
                    self.out
                        .diagnostics
                        .push(url_scheme_problem(&s, value).at(file, span));
                    changed = true;
                    continue;
                }
            }
            rebuilt.push(' ');
            rebuilt.push_str(&unit.text[attr.range.clone()]);
        }
        if !changed {
            html.push_str(&unit.text[tag.range.clone()]);
            return None;
        }
        rebuilt.push_str(if tag.self_closing { " />" } else { ">" });
        html.push_str(&rebuilt);
        None
    }
}

/// The markup medleaf itself writes around and inside the body (care cards, alerts, table
/// wrappers, glossary links, task lists, footnotes, table alignment), which [`clean_page`]
/// keeps besides the authors' allowlist.
const GENERATED: &[(&str, &[&str])] = &[
    ("input", &["type", "checked", "disabled"]),
    ("th", &["style"]),
    ("td", &["style"]),
    ("a", &["hreflang"]),
    ("div", &["tabindex"]),
    ("section", &[]),
];

/// The second line of defence under `sanitize`: the page's whole body HTML through ammonia
/// (html5ever, as browsers parse), keeping only the allowlists, the site's URL schemes and
/// `iframe`s from the listed hosts. Whatever the pass above let through by mistake goes here.
pub(crate) fn clean_page(html: &str, settings: &MarkdownSettings) -> String {
    let mut tags: HashSet<&str> = ELEMENTS.iter().copied().collect();
    tags.extend(GENERATED.iter().map(|(t, _)| *t));
    let mut content: HashSet<&str> = DROPPED_WITH_CONTENT.iter().copied().collect();
    if !settings.iframe_hosts.is_empty() {
        tags.insert("iframe");
        content.remove("iframe");
    }
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (tag, list) in ATTRIBUTES.iter().chain(GENERATED) {
        if tags.contains(tag) {
            attrs.entry(tag).or_default().extend(list.iter().copied());
        }
    }
    let schemes: HashSet<&str> = settings.url_schemes.iter().map(String::as_str).collect();
    let hosts = settings.iframe_hosts.clone();
    ammonia::Builder::empty()
        .tags(tags)
        .clean_content_tags(content)
        .generic_attributes(GLOBAL_ATTRIBUTES.iter().copied().collect())
        .generic_attribute_prefixes(["aria-", "data-"].into_iter().collect())
        .tag_attributes(attrs)
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| {
            if element == "iframe" && attribute == "src" {
                return https_host(value)
                    .filter(|h| hosts.contains(h))
                    .map(|_| value.into());
            }
            Some(value.into())
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ammonia_net_keeps_medleafs_markup_and_drops_script() {
        let settings = MarkdownSettings::default();
        let html = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\"><table><tr><th style=\"text-align: center\">a</th></tr></table></div><p><a class=\"glossary-term\" href=\"../glossary/#x\" data-term=\"x\">x</a><img src=\"a.png\" alt=\"a\" onerror=\"alert(1)\"><script>alert(1)</script><a href=\"javascript:alert(1)\">j</a></p>";
        let clean = clean_page(html, &settings);
        assert!(clean.contains("tabindex=\"0\""), "{clean}");
        assert!(clean.contains("style=\"text-align: center\""), "{clean}");
        assert!(clean.contains("data-term=\"x\""), "{clean}");
        assert!(!clean.contains("onerror"), "{clean}");
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("javascript"), "{clean}");
    }
}
