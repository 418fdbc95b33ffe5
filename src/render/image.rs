//! `page.image`: the front matter's image as templates get it (issue 13), with every
//! address relative to the page being rendered.

use serde::Serialize;

use crate::urls;

/// An image as templates get it: `page.image` (from the front matter's `image:`).
#[derive(Debug, Serialize)]
pub(crate) struct ImageValue<'a> {
    /// The widest published width in the image's own format, relative to the page (`src`).
    pub(crate) src: String,
    /// Its absolute address (`og:image`).
    pub(crate) permalink: String,
    /// Its width in pixels.
    pub(crate) width: u32,
    /// Its height in pixels.
    pub(crate) height: u32,
    /// Its media type (`image/jpeg`).
    #[serde(rename = "type")]
    pub(crate) mime: &'static str,
    /// Every width in the image's own format, for `srcset` (`a-480w.jpg 480w, ...`).
    pub(crate) srcset: String,
    /// Every width in WebP, when WebP is smaller; otherwise absent.
    pub(crate) webp_srcset: Option<String>,
    /// `sizes` for the theme's text column (`images.sizes` in site.yaml).
    pub(crate) sizes: &'a str,
    /// `image_alt:`, if given.
    pub(crate) alt: Option<&'a str>,
}

/// `page.image` for a page at `from`.
pub(super) fn value<'a>(
    image: &'a crate::markdown::PageImage,
    from: &str,
    config: &'a crate::config::Config,
) -> Option<ImageValue<'a>> {
    use crate::images::Format;
    let widest = image.image.widest()?;
    let srcset = |format: Format| {
        image
            .image
            .of_format(format)
            .map(|v| {
                format!(
                    "{} {}w",
                    urls::relative(from, &format!("/{}", v.path)),
                    v.width
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let webp = srcset(Format::Webp);
    Some(ImageValue {
        src: urls::relative(from, &format!("/{}", widest.path)),
        permalink: config.permalink(&format!("/{}", widest.path)),
        width: widest.width,
        height: widest.height,
        mime: widest.format.mime(),
        srcset: srcset(widest.format),
        webp_srcset: (widest.format != Format::Webp && !webp.is_empty()).then_some(webp),
        sizes: &config.images.sizes,
        alt: image.alt.as_deref(),
    })
}
