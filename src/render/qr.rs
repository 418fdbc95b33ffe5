//! QR codes for printed handouts (issue 14): an article's canonical address as an SVG QR
//! code, made at build time (qrcodegen, pure Rust), so a patient holding a printed leaflet
//! can find the current version. Nothing is fetched from another host, and the same address
//! always gives the same bytes.

use std::fmt::Write as _;

use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

use crate::html::escape;

/// The quiet zone around the code, in modules (the standard asks for four).
const QUIET: i32 = 4;

/// `text` as an inline SVG QR code (error correction level M or higher when it fits at no
/// cost in size), labelled `label` for screen readers. Each horizontal run of dark modules is
/// one rectangle of one path; presentation attributes only, no `style`, so a strict
/// Content-Security-Policy allows it. `None` when the text is too long for a QR code (about
/// 2,300 characters).
///
/// The mask is fixed (pattern 0, the checkerboard) rather than chosen by trying all eight and
/// scoring each: every reader decodes any mask, and the trial was over a quarter of a
/// 10,000-page build's CPU time (issue 12's measurements), for a code printed on a handout.
pub(crate) fn svg(text: &str, label: &str) -> Option<String> {
    let segments = QrSegment::make_segments(text);
    let code = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        Some(Mask::new(0)),
        true,
    )
    .ok()?;
    let size = code.size();
    let full = size + 2 * QUIET;
    let mut path = String::with_capacity((size * size) as usize * 2);
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            // Writing to a String cannot fail.
            let _ = write!(path, "M{},{}h{run}v1h-{run}z", start + QUIET, y + QUIET);
        }
    }
    Some(format!(
        "<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" width=\"{w}\" height=\"{w}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        w = full * 3,
        label = escape(label),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_address_gives_the_same_svg() {
        let a = svg("https://example.org/conditions/leukopenia/", "QR").unwrap();
        let b = svg("https://example.org/conditions/leukopenia/", "QR").unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("<svg") && a.contains("<path"));
        assert!(!a.contains("style="));
    }
}
