//! Raster images (JPEG, PNG, WebP): decoding with the EXIF orientation applied, resizing to
//! the site's widths, and encoding each width in the source's own format and in WebP.
//!
//! Pure functions of the source bytes and the settings: never touches the file system, never
//! runs work on other threads (the caller runs one image per worker, which keeps one decoded
//! image per worker in memory), and the same input always gives the same bytes. The encoders
//! write pixels only: no EXIF, GPS, XMP or ICC data reaches a published file. So that dropping
//! the ICC profile does not change the colours, pixels described by a colour profile are
//! converted to sRGB (what browsers assume of an image without one) with `moxcms`, the pure
//! Rust colour management `image` itself uses; a profile that cannot be converted (CMYK, or
//! not readable) is a warning that colours may shift.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader};

/// The formats processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Format {
    /// JPEG (`.jpg`, `.jpeg`).
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
}

impl Format {
    /// The format of a file name's extension, if it is one processed.
    pub(crate) fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    /// The extension of published files.
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The media type.
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    /// The short name written in the cache's index.
    pub(crate) fn from_ext(ext: &str) -> Option<Format> {
        Format::from_path(&format!(".{ext}"))
    }

    fn image_format(self) -> image::ImageFormat {
        match self {
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Png => image::ImageFormat::Png,
            Format::Webp => image::ImageFormat::WebP,
        }
    }
}

/// One published file of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Encoded {
    /// Its format.
    pub(crate) format: Format,
    /// Its width in pixels.
    pub(crate) width: u32,
    /// Its height in pixels.
    pub(crate) height: u32,
    /// The file.
    pub(crate) bytes: Vec<u8>,
}

/// What an image becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Processed {
    /// The width of the source, upright (after the EXIF orientation).
    pub(crate) width: u32,
    /// The height of the source, upright.
    pub(crate) height: u32,
    /// The variants, by width, the source format before WebP at each width.
    pub(crate) variants: Vec<Encoded>,
    /// Why the colours may differ from the source's, in words (a colour profile that could
    /// not be converted).
    pub(crate) warnings: Vec<String>,
}

/// The widths an image `original` pixels wide is published at: each wanted width narrower
/// than the original, and the original itself when it is narrower than the widest wanted
/// (never upscaled).
pub(crate) fn widths(original: u32, wanted: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = wanted.iter().copied().filter(|&w| w < original).collect();
    if wanted.iter().any(|&w| w >= original) {
        out.push(original);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The height of a `width`-pixel-wide copy of a `w`×`h` image (at least 1).
pub(crate) fn scaled_height(w: u32, h: u32, width: u32) -> u32 {
    let h = (u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w.max(1));
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

/// Decodes `bytes` (in `format`), turns it upright, and encodes it at each of `wanted`'s
/// widths in its own format and in WebP. WebP is offered only when every WebP variant is
/// smaller than the same width in the source's format: a browser choosing among WebP widths
/// must find every width there, or it would pick a blurry one. An error is a message saying
/// why the file cannot be read.
pub(crate) fn process(
    bytes: &[u8],
    format: Format,
    wanted: &[u32],
    quality: u8,
) -> Result<Processed, String> {
    let (img, icc) = decode(bytes, format)?;
    let (w, h) = (img.width(), img.height());
    if w == 0 || h == 0 {
        return Err("the image has no pixels".to_owned());
    }
    let alpha = img.color().has_alpha() && format != Format::Jpeg;
    // Eight bits per channel, with transparency only where the format can keep it.
    let mut pixels = if alpha {
        DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(img.into_rgb8())
    };
    let mut warnings = Vec::new();
    if let Some(icc) = icc
        && let Err(why) = to_srgb(&mut pixels, &icc)
    {
        warnings.push(format!(
            "its colour profile cannot be converted to sRGB ({why}), so colours may look different on the site"
        ));
    }
    let mut variants = Vec::new();
    let mut webp_smaller = format != Format::Webp;
    for width in widths(w, wanted) {
        let height = scaled_height(w, h, width);
        // `thumbnail_exact` (area averaging) suits downscaling and reads each source pixel
        // once. It is a `DynamicImage` method, not the generic `imageops::thumbnail`: generic
        // code is compiled in the calling crate, so a debug build would run it unoptimised,
        // some twenty times slower; this one is compiled, optimised, in `image`.
        let resized = if (width, height) == (w, h) {
            std::borrow::Cow::Borrowed(&pixels)
        } else {
            std::borrow::Cow::Owned(pixels.thumbnail_exact(width, height))
        };
        let own = encode(&resized, format, quality)?;
        let own_len = own.len();
        variants.push(Encoded {
            format,
            width,
            height,
            bytes: own,
        });
        if webp_smaller {
            let webp = encode(&resized, Format::Webp, quality)?;
            if webp.len() < own_len {
                variants.push(Encoded {
                    format: Format::Webp,
                    width,
                    height,
                    bytes: webp,
                });
            } else {
                webp_smaller = false;
                variants.retain(|v| v.format != Format::Webp);
            }
        }
    }
    Ok(Processed {
        width: w,
        height: h,
        variants,
        warnings,
    })
}

/// The image's pixels, upright, and its ICC colour profile if it has one.
fn decode(bytes: &[u8], format: Format) -> Result<(DynamicImage, Option<Vec<u8>>), String> {
    let reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    // A profile that cannot even be extracted is treated as none: the pixels are kept.
    let icc = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    Ok((img, icc))
}

/// Rows converted at a time: the conversion needs a copy of its input, kept this small.
const ROWS_AT_A_TIME: usize = 64;

/// Converts eight-bit RGB or RGBA pixels described by the ICC profile `icc` to sRGB, in place.
/// An RGB or grey profile is converted; anything else is an error saying why not, and the
/// pixels are left as they were.
fn to_srgb(pixels: &mut DynamicImage, icc: &[u8]) -> Result<(), String> {
    use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};
    let profile =
        ColorProfile::new_from_slice(icc).map_err(|_| "the profile cannot be read".to_owned())?;
    let width = pixels.width() as usize;
    let (layout, data) = match pixels {
        DynamicImage::ImageRgb8(b) => (Layout::Rgb, &mut **b),
        DynamicImage::ImageRgba8(b) => (Layout::Rgba, &mut **b),
        _ => return Err("the pixels are not eight-bit RGB".to_owned()),
    };
    let channels = if layout == Layout::Rgba { 4 } else { 3 };
    // A grey profile describes one channel: the grey value (all three are equal) goes in.
    let grey = match profile.color_space {
        DataColorSpace::Rgb => false,
        DataColorSpace::Gray => true,
        other => return Err(format!("the profile is for {other:?} colours")),
    };
    let src_layout = match (grey, layout) {
        (false, l) => l,
        (true, Layout::Rgba) => Layout::GrayAlpha,
        (true, _) => Layout::Gray,
    };
    let transform = profile
        .create_transform_8bit(
            src_layout,
            &ColorProfile::new_srgb(),
            layout,
            TransformOptions::default(),
        )
        .map_err(|e| format!("the profile cannot be used: {e}"))?;
    let row = width * channels;
    let mut input = Vec::with_capacity(row * ROWS_AT_A_TIME);
    for chunk in data.chunks_mut(row * ROWS_AT_A_TIME) {
        input.clear();
        if grey {
            for px in chunk.chunks_exact(channels) {
                input.push(px[0]);
                if channels == 4 {
                    input.push(px[3]);
                }
            }
        } else {
            input.extend_from_slice(chunk);
        }
        transform
            .transform(&input, chunk)
            .map_err(|e| format!("the conversion failed: {e}"))?;
    }
    Ok(())
}

/// Encodes eight-bit RGB or RGBA pixels. JPEG: progressive, optimized Huffman tables, 4:2:0
/// chroma; PNG: best compression; WebP: lossless (the pure-Rust encoder has no lossy mode,
/// which is why a WebP variant must earn its place by being smaller).
fn encode(pixels: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    let (w, h) = (pixels.width(), pixels.height());
    let alpha = pixels.color().has_alpha();
    let data = pixels.as_bytes();
    let color = if alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let mut out = Vec::new();
    match format {
        Format::Jpeg => {
            let (w16, h16) = match (u16::try_from(w), u16::try_from(h)) {
                (Ok(w), Ok(h)) => (w, h),
                _ => return Err("the image is too large for JPEG".to_owned()),
            };
            let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
            encoder.set_progressive(true);
            encoder.set_optimized_huffman_tables(true);
            encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
            let color = if alpha {
                jpeg_encoder::ColorType::Rgba
            } else {
                jpeg_encoder::ColorType::Rgb
            };
            encoder
                .encode(data, w16, h16, color)
                .map_err(|e| e.to_string())?;
        }
        Format::Png => {
            image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(data, w, h, color)
            .map_err(|e| e.to_string())?;
        }
        Format::Webp => {
            image::codecs::webp::WebPEncoder::new_lossless(&mut out)
                .write_image(data, w, h, color)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale_and_add_a_narrower_original() {
        assert_eq!(widths(3000, &[480, 800, 1200]), [480, 800, 1200]);
        assert_eq!(widths(1000, &[480, 800, 1200]), [480, 800, 1000]);
        assert_eq!(widths(1200, &[480, 800, 1200]), [480, 800, 1200]);
        assert_eq!(widths(300, &[480, 800, 1200]), [300]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(1600, 1000, 800), 500);
        assert_eq!(scaled_height(3000, 2000, 480), 320);
        assert_eq!(scaled_height(5000, 1, 16), 1);
    }

    #[test]
    fn a_png_is_resized_and_encoded_deterministically() {
        let img = image::RgbImage::from_fn(100, 50, |x, y| image::Rgb([x as u8, y as u8, 128]));
        let mut png = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let a = process(&png, Format::Png, &[40, 80], 78).unwrap();
        let b = process(&png, Format::Png, &[40, 80], 78).unwrap();
        assert_eq!(a, b);
        let sizes: Vec<(Format, u32, u32)> = a
            .variants
            .iter()
            .map(|v| (v.format, v.width, v.height))
            .filter(|v| v.0 == Format::Png)
            .collect();
        assert_eq!(sizes, [(Format::Png, 40, 20), (Format::Png, 80, 40)]);
        assert!(process(b"not a png", Format::Png, &[40], 78).is_err());
    }
}
