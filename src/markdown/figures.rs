//! Pass: images become pictures fit for phones, and an image alone in its paragraph with a
//! title becomes a figure with a caption.
//!
//! Runs after [`links`](super::links), so each image's address is already rewritten relative
//! to the page; it asks the image table ([`crate::images::Images`]) for what the file became: a raster image
//! is written as `<picture>` with a WebP `srcset` (when WebP is smaller) and one in its own
//! format, `sizes`, its intrinsic `width` and `height`, `decoding="async"`, and
//! `loading="lazy"` on every image but the page's first. `![alt](marrow.png "Where the marrow
//! is")` on a paragraph of its own becomes `<figure>` with the caption in `<figcaption>` (a
//! title elsewhere stays a tooltip). Alt text that is only a file name or a word like "image",
//! and a caption that repeats the alt text, are warnings; an image the table cannot publish
//! (an unreadable file, an SVG with a script) is an error where the page shows it. The
//! page's front-matter `image:` is resolved here too, for link previews.

use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::events::{Events, Files, matching_end, plain_text};
use super::{Body, Env};
use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::html::escape;
use crate::images::{Format, Image};
use crate::links::index::{Resolved, Style, Target};
use crate::urls;

/// Alt text made of one of these words describes nothing.
const VAGUE_ALT: &[&str] = &[
    "image",
    "img",
    "picture",
    "pic",
    "photo",
    "photograph",
    "figure",
    "graphic",
    "diagram",
    "chart",
    "icon",
    "illustration",
    "screenshot",
    "imagen",
    "foto",
    "fotografía",
    "figura",
    "gráfico",
    "diagrama",
    "ilustración",
];

/// The image named in a page's front matter (`image:`), for link previews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageImage {
    /// The processed image (a raster image: it has variants).
    pub(crate) image: Arc<Image>,
    /// `image_alt:`, if given.
    pub(crate) alt: Option<String>,
}

/// Rewrites every image of the page. See the module documentation.
pub(super) fn run<'a>(
    events: Events<'a>,
    page: &Page,
    env: Env<'_>,
    files: &Files<'_>,
    out: &mut Body,
) -> Events<'a> {
    if !events
        .iter()
        .any(|e| matches!(e.event, Event::Start(Tag::Image { .. })))
    {
        return events;
    }
    let mut result: Events = Vec::with_capacity(events.len());
    let mut shown = 0usize;
    let mut i = 0;
    while i < events.len() {
        let figure = match (&events[i].event, events.get(i + 1).map(|e| &e.event)) {
            (Event::Start(Tag::Paragraph), Some(Event::Start(Tag::Image { title, .. })))
                if !title.trim().is_empty() =>
            {
                let end = matching_end(&events, i + 1);
                matches!(
                    events.get(end + 1).map(|e| &e.event),
                    Some(Event::End(TagEnd::Paragraph))
                )
            }
            (Event::Start(Tag::Image { .. }), _) => false,
            _ => {
                result.push(events[i].clone());
                i += 1;
                continue;
            }
        };
        if matches!(events[i].event, Event::Start(Tag::Paragraph)) && !figure {
            // A paragraph whose image is not alone: keep the paragraph, then the image.
            result.push(events[i].clone());
            i += 1;
            continue;
        }
        let start = if figure { i + 1 } else { i };
        let end = matching_end(&events, start);
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &events[start].event
        else {
            unreachable!("matched above")
        };
        let ev = &events[start];
        let file = files.get(ev.src);
        let alt = plain_text(&events[start + 1..end]).trim().to_owned();
        let title = title.trim().to_owned();
        let span = written_dest(&file.text, &ev.range);
        check_alt(&alt, dest_url, file, ev.range.clone(), out);
        let image = match site_address(&page.url, dest_url).and_then(|a| env.images.get(&a)) {
            Some(Ok(image)) => {
                out.images.push(image.rel.clone());
                for warning in &image.warnings {
                    out.diagnostics.push(
                        Diagnostic::warning(
                            Code::ImageLarge,
                            format!("image too large for readers: {warning}"),
                        )
                        .at(file, span.clone())
                        .label("every reader's phone downloads what this is made from")
                        .help("export it at most 4000 pixels wide and 5 MB (a photo at 2400 pixels is plenty); keep animations under 1 MB or use a still image"),
                    );
                }
                for warning in &image.colour_warnings {
                    out.diagnostics.push(
                        Diagnostic::warning(
                            Code::ImageColours,
                            format!("colours may shift in `{}`: {warning}", image.rel),
                        )
                        .at(file, span.clone())
                        .label("this image")
                        .help("export the image again in sRGB (in most photo editors: Export, then Convert to sRGB)"),
                    );
                }
                Some(image.as_ref())
            }
            Some(Err(problem)) => {
                out.diagnostics.push(
                    Diagnostic::error(Code::ImageFile, format!("cannot publish this image: {problem}"))
                        .at(file, span.clone())
                        .label("this image")
                        .help("export the image again as a JPEG, PNG or WebP, or remove scripts, event handlers and links to other files from the SVG"),
                );
                None
            }
            None => None,
        };
        let lazy = shown > 0;
        shown += 1;
        let settings = env.images.settings();
        let img = img_html(
            image,
            &page.url,
            dest_url,
            &alt,
            (!figure && !title.is_empty()).then_some(title.as_str()),
            lazy,
            &settings.sizes,
        );
        if figure {
            check_caption(&alt, &title, file, ev.range.clone(), out);
            let open = ev.html_here(format!("<figure>\n{img}\n<figcaption>"));
            let close = ev.html_here("</figcaption>\n</figure>\n".to_owned());
            // The caption stays a paragraph of text, so readability and search read it.
            result.extend([
                open,
                ev.here(Event::Start(Tag::Paragraph)),
                ev.here(Event::Text(CowStr::from(title))),
                ev.here(Event::End(TagEnd::Paragraph)),
                close,
            ]);
            i = end + 2;
        } else {
            result.push(ev.here(Event::InlineHtml(CowStr::from(img))));
            i = end + 1;
        }
    }
    result
}

/// Where an image's destination is written (`](here "title")`): the links pass has rewritten
/// the address, so it is found by its place rather than its text; the whole image when it
/// cannot be (a reference image).
fn written_dest(text: &str, range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let src = &text[range.clone()];
    let Some(open) = src.rfind("](") else {
        return range.clone();
    };
    let rest = &src[open + 2..];
    let lead = rest.len() - rest.trim_start_matches([' ', '<']).len();
    let body = &rest[lead..];
    let len = body.find([' ', ')', '>', '\n']).unwrap_or(body.len());
    let start = range.start + open + 2 + lead;
    if len == 0 {
        return range.clone();
    }
    start..start + len
}

/// The site address an image's (rewritten, page-relative) address leads to, decoded; `None`
/// for addresses on other hosts and data.
fn site_address(page_url: &str, dest: &str) -> Option<String> {
    if dest.is_empty() || urls::is_external(dest) || dest.starts_with("data:") {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let joined = urls::join(urls::dir_of(page_url), &urls::percent_decode(path))?;
    Some(format!("/{joined}"))
}

/// The HTML of one image: `<picture>` for a processed raster image, `<img>` otherwise.
fn img_html(
    image: Option<&Image>,
    page_url: &str,
    dest: &str,
    alt: &str,
    title: Option<&str>,
    lazy: bool,
    sizes: &str,
) -> String {
    let rel = |path: &str| urls::relative(page_url, &format!("/{path}"));
    let mut attrs = String::new();
    if let Some(t) = title {
        attrs.push_str(&format!(" title=\"{}\"", escape(t)));
    }
    attrs.push_str(" decoding=\"async\"");
    if lazy {
        attrs.push_str(" loading=\"lazy\"");
    }
    let Some(image) = image else {
        return format!(
            "<img src=\"{}\" alt=\"{}\"{attrs}>",
            escape(dest),
            escape(alt)
        );
    };
    let Some(widest) = image.widest() else {
        return format!(
            "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"{attrs}>",
            escape(dest),
            escape(alt),
            image.width,
            image.height
        );
    };
    let srcset = |format: Format| {
        image
            .of_format(format)
            .map(|v| format!("{} {}w", rel(&v.path), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let img = format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"{attrs}>",
        escape(&rel(&widest.path)),
        escape(&srcset(widest.format)),
        escape(sizes),
        escape(alt),
        widest.width,
        widest.height
    );
    if widest.format == Format::Webp || image.of_format(Format::Webp).next().is_none() {
        return img;
    }
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">{img}</picture>",
        escape(&srcset(Format::Webp)),
        escape(sizes)
    )
}

/// Whether text is a file name (`IMG_2041.jpg`, `marrow.png`) or a camera's name for a photo.
fn is_file_name(text: &str, dest: &str) -> bool {
    let lower = text.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e);
    let stem = dest
        .rsplit('/')
        .next()
        .and_then(|f| f.rsplit_once('.'))
        .map(|(s, _)| urls::percent_decode(s).to_lowercase());
    matches!(
        ext,
        Some("png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" | "heic")
    ) || stem.is_some_and(|s| s == lower)
        || ((lower.starts_with("img_") || lower.starts_with("dsc") || lower.starts_with("pxl_"))
            && lower.bytes().any(|b| b.is_ascii_digit())
            && !lower.contains(' '))
}

/// Alt text that says nothing about the image (a missing one is reported by the links pass).
fn check_alt(
    alt: &str,
    dest: &str,
    file: &crate::source::SourceFile,
    range: std::ops::Range<usize>,
    out: &mut Body,
) {
    if alt.is_empty() {
        return;
    }
    let word = alt.trim_end_matches('.').to_lowercase();
    if VAGUE_ALT.contains(&word.as_str()) || is_file_name(alt, dest) {
        out.diagnostics.push(
            Diagnostic::warning(
                Code::ImageAltVague,
                format!("alt text `{alt}` does not describe the image"),
            )
            .at(file, range)
            .label("a screen reader reads only this")
            .help("say what the image shows, such as `![The hip bone, where most bone marrow is](marrow.png)`"),
        );
    }
}

/// A caption that repeats the alt text (read twice by screen readers) or is a file name.
fn check_caption(
    alt: &str,
    caption: &str,
    file: &crate::source::SourceFile,
    range: std::ops::Range<usize>,
    out: &mut Body,
) {
    let problem = if caption.eq_ignore_ascii_case(alt) {
        "the caption repeats the alt text"
    } else if is_file_name(caption, "") {
        "the caption is a file name"
    } else {
        return;
    };
    out.diagnostics.push(
        Diagnostic::warning(Code::FigureCaption, problem)
            .at(file, range)
            .label("the caption is the title in quotes")
            .help("let the alt text say what the image shows and the caption what it means, such as `![Bone marrow inside the hip bone](marrow.png \"Most blood cells are made in the hip bone\")`"),
    );
}

/// The page's front-matter `image:`, resolved like an image in the body and processed; its
/// problems are front-matter errors.
pub(super) fn page_image(page: &Page, env: Env<'_>, out: &mut Body) -> Option<PageImage> {
    let dest = page.meta.image.as_deref()?.trim();
    let span = page.value_span("image", dest);
    let fail = |out: &mut Body, message: String, help: &str| {
        out.diagnostics.push(
            Diagnostic::error(Code::ImageFile, message)
                .at(&page.file, span.clone())
                .label("the page's image")
                .help(help.to_owned()),
        );
    };
    let url = match env
        .index
        .resolve(env.pages, page.origin(), dest, Style::Markdown)
    {
        Ok(Some(Resolved {
            url,
            target: Target::Asset,
            ..
        })) => url,
        Ok(_) => {
            fail(
                out,
                format!("`image` must name an image file of the site, not `{dest}`"),
                "name a JPEG, PNG or WebP file beside the page or in `static/`",
            );
            return None;
        }
        Err(problem) => {
            out.diagnostics.push(
                Diagnostic::error(problem.code, problem.message)
                    .at(&page.file, span)
                    .label(problem.label)
                    .maybe_help(problem.help),
            );
            return None;
        }
    };
    match env.images.get(&url) {
        Some(Ok(image)) if image.widest().is_some() => {
            out.images.push(image.rel.clone());
            Some(PageImage {
                image: image.clone(),
                alt: page.meta.image_alt.clone(),
            })
        }
        Some(Err(problem)) => {
            fail(
                out,
                format!("cannot publish the page's image: {problem}"),
                "export the image again as a JPEG, PNG or WebP",
            );
            None
        }
        _ => {
            fail(
                out,
                format!(
                    "`{dest}` cannot be a link preview: link previews need a JPEG, PNG or WebP image"
                ),
                "name a JPEG, PNG or WebP file (export the diagram as PNG for previews)",
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_camera_names_are_not_descriptions() {
        assert!(is_file_name("marrow.png", "marrow.png"));
        assert!(is_file_name("marrow", "img/marrow.png"));
        assert!(is_file_name("IMG_2041", "x.jpg"));
        assert!(is_file_name("DSC00412", "x.jpg"));
        assert!(!is_file_name("The hip bone, where marrow is", "marrow.png"));
    }

    #[test]
    fn addresses_resolve_from_the_page() {
        assert_eq!(
            site_address("/conditions/leukemia/", "../../images/marrow%20map.png"),
            Some("/images/marrow map.png".to_owned())
        );
        assert_eq!(site_address("/a/", "https://example.org/x.png"), None);
    }
}
