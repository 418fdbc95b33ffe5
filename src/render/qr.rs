//! QR codes for printed handouts (issue 14): an article's canonical address as an SVG QR
//! code, made at build time (qrcodegen, pure Rust), so a patient holding a printed leaflet
//! can find the current version. Nothing is fetched from another host, and the same address
//! always gives the same bytes.

use qrcodegen::{QrCode, QrCodeEcc};

use crate::html::escape;

/// The quiet zone around the code, in modules (the standard asks for four).
const QUIET: i32 = 4;

/// `text` as an inline SVG QR code (error correction level M), labelled `label` for screen
/// readers. Each dark module is one unit square of one path; presentation attributes only, no
/// `style`, so a strict Content-Security-Policy allows it. `None` when the text is too long
/// for a QR code (about 2,300 characters).
pub(crate) fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let full = size + 2 * QUIET;
    let mut path = String::with_capacity((size * size) as usize * 4);
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET, y + QUIET));
            }
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
