//! Metadata removed from JPEG, PNG and WebP files published as they are: the ones no page shows
//! from Markdown, which are not processed into widths but copied (a PDF's preview, a photo
//! linked for download). A phone's photo carries where it was taken (GPS EXIF), and XMP and
//! IPTC blocks may name people and places; none of it may reach a patient-education site.
//!
//! The pixels are not touched: only the blocks holding metadata are left out, byte for byte,
//! so nothing is re-encoded or lost. Kept: what decoding needs (JPEG's JFIF and Adobe segments,
//! PNG's critical chunks and colour information) and the ICC colour profile, which holds no
//! personal data and without which colours would shift. A JPEG turned by its EXIF orientation
//! keeps just that one tag, written anew, so it still shows upright.
//!
//! A file whose structure cannot be followed is an error: published as it is, it could carry
//! the very data this module removes.

use std::path::Path;

use super::raster::Format;

/// The bytes to publish for a file copied as it is (`rel` its output path): a JPEG, PNG or
/// WebP without its metadata; `None` for any other kind of file, which is copied unchanged.
pub(crate) fn copied_file(rel: &str, source: &Path) -> Option<std::io::Result<Vec<u8>>> {
    let format = Format::from_path(rel)?;
    Some(std::fs::read(source).and_then(|bytes| {
        strip(&bytes, format).map_err(|why| {
            std::io::Error::other(format!(
                "{why}, and medleaf publishes photos only without their metadata (such as where they were taken): export it again or remove it"
            ))
        })
    }))
}

/// `bytes` (a file in `format`) without its metadata, or why the file cannot be read.
pub(crate) fn strip(bytes: &[u8], format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Jpeg => jpeg(bytes).ok_or_else(|| "the file is not a readable JPEG".to_owned()),
        Format::Png => png(bytes).ok_or_else(|| "the file is not a readable PNG".to_owned()),
        Format::Webp => webp(bytes).ok_or_else(|| "the file is not a readable WebP".to_owned()),
    }
}

/// JPEG: every segment before the image data is kept but APP1 (EXIF, XMP), APP13 (IPTC,
/// Photoshop), the other application segments but JFIF (APP0), ICC (APP2 `ICC_PROFILE`) and
/// Adobe (APP14), and comments (COM). From the start of the image data on, the file is kept.
fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    let mut orientation = None;
    loop {
        // Fill bytes may stand before a marker.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        // Markers without a length: TEM and RST.
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            out.extend_from_slice(&bytes[i..i + 2]);
            i += 2;
            continue;
        }
        // The end of the image before any image data, or the image data: the rest is pixels.
        if marker == 0xD9 || marker == 0xDA {
            if let Some(o) = orientation.filter(|&o| o != 1) {
                out.extend(orientation_segment(o));
            }
            out.extend_from_slice(&bytes[i..]);
            return Some(out);
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        if len < 2 {
            return None;
        }
        let segment = bytes.get(i..i + 2 + len)?;
        let payload = &segment[4..];
        let keep = match marker {
            0xE0 | 0xEE => true,
            0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
            0xE1 => {
                if payload.starts_with(b"Exif\0\0") && orientation.is_none() {
                    orientation = exif_orientation(&payload[6..]);
                }
                false
            }
            0xE3..=0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(segment);
        }
        i += 2 + len;
    }
}

/// The orientation tag (0x0112) of an EXIF block's first directory (its TIFF structure).
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let little = match tiff.get(..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    (0..count).find_map(|n| {
        let entry = ifd + 2 + n * 12;
        (u16_at(entry)? == 0x0112).then(|| u16_at(entry + 8))?
    })
}

/// An APP1 EXIF segment holding only an orientation.
fn orientation_segment(orientation: u16) -> Vec<u8> {
    let mut payload = b"Exif\0\0II*\0\x08\0\0\0".to_vec();
    payload.extend(1u16.to_le_bytes());
    payload.extend(0x0112u16.to_le_bytes());
    payload.extend(3u16.to_le_bytes()); // SHORT
    payload.extend(1u32.to_le_bytes());
    payload.extend(orientation.to_le_bytes());
    payload.extend([0, 0]);
    payload.extend(0u32.to_le_bytes()); // no next directory
    let mut out = vec![0xFF, 0xE1];
    out.extend(
        u16::try_from(payload.len() + 2)
            .unwrap_or(u16::MAX)
            .to_be_bytes(),
    );
    out.extend(payload);
    out
}

/// PNG: every chunk is kept but EXIF (`eXIf`), text (`tEXt`, `iTXt`, `zTXt`, where XMP lives)
/// and the time of last change (`tIME`). Each chunk is copied whole, its checksum with it.
fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return None;
    }
    let mut out = SIGNATURE.to_vec();
    let mut i = SIGNATURE.len();
    while i < bytes.len() {
        let len =
            usize::try_from(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?)).ok()?;
        let kind = bytes.get(i + 4..i + 8)?;
        let chunk = bytes.get(i..i.checked_add(12)?.checked_add(len)?)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        i += chunk.len();
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

/// WebP: the `EXIF` and `XMP ` chunks are left out and the extended header's flags for them
/// cleared; the RIFF size is written anew.
fn webp(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    // What follows the RIFF container (if anything) is not part of the image: left out.
    let riff = usize::try_from(u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?)).ok()?;
    let bytes = bytes.get(..riff.checked_add(8)?.min(bytes.len()))?;
    let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
    let mut i = 12;
    while i < bytes.len() {
        let kind = bytes.get(i..i + 4)?;
        let len = usize::try_from(u32::from_le_bytes(
            bytes.get(i + 4..i + 8)?.try_into().ok()?,
        ))
        .ok()?;
        // Chunks are padded to an even length.
        let end = i.checked_add(8)?.checked_add(len)?.checked_add(len % 2)?;
        let chunk = bytes.get(i..end.min(bytes.len()))?;
        if chunk.len() < 8 + len {
            return None;
        }
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let at = out.len();
                out.extend_from_slice(chunk);
                // Flags: bit 3 EXIF, bit 2 XMP.
                *out.get_mut(at + 8)? &= !0b0000_1100;
            }
            _ => out.extend_from_slice(chunk),
        }
        i = end;
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn png_text_and_exif_chunks_go_and_the_image_stays_readable() {
        let img = image::RgbImage::from_fn(8, 4, |x, y| image::Rgb([x as u8 * 30, y as u8, 9]));
        let mut plain = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(
                &mut std::io::Cursor::new(&mut plain),
                image::ImageFormat::Png,
            )
            .unwrap();
        // A tEXt chunk after IHDR (its checksum is not checked by the stripper).
        let ihdr_end = 8 + 12 + 13;
        let mut with = plain[..ihdr_end].to_vec();
        let text = b"Comment\0GPS 40.44N";
        with.extend((text.len() as u32).to_be_bytes());
        with.extend(b"tEXt");
        with.extend(text);
        with.extend([0, 0, 0, 0]);
        with.extend(&plain[ihdr_end..]);
        let out = strip(&with, Format::Png).unwrap();
        assert!(!contains(&out, b"GPS"));
        assert_eq!(out, plain);
        assert!(strip(&with[..40], Format::Png).is_err());
    }

    #[test]
    fn webp_exif_goes_and_the_sizes_add_up() {
        let mut vp8x = b"VP8X".to_vec();
        vp8x.extend(10u32.to_le_bytes());
        vp8x.extend([0b0000_1000, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let mut exif = b"EXIF".to_vec();
        exif.extend(3u32.to_le_bytes());
        exif.extend(b"GPS\0");
        let mut pixels = b"VP8L".to_vec();
        pixels.extend(2u32.to_le_bytes());
        pixels.extend([1, 2]);
        let body = [vp8x.clone(), exif, pixels.clone()].concat();
        let mut file = b"RIFF".to_vec();
        file.extend((body.len() as u32 + 4).to_le_bytes());
        file.extend(b"WEBP");
        file.extend(&body);
        let out = strip(&file, Format::Webp).unwrap();
        assert!(!contains(&out, b"GPS"));
        assert_eq!(out.len(), 12 + vp8x.len() + pixels.len());
        assert_eq!(
            u32::from_le_bytes(out[4..8].try_into().unwrap()) as usize,
            out.len() - 8
        );
        assert_eq!(out[20], 0, "the EXIF flag is cleared");
    }

    #[test]
    fn a_jpeg_keeps_only_its_orientation() {
        let exif = b"Exif\0\0MM\0*\0\0\0\x08\0\x02\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\x88\x25\0\x04\0\0\0\x01\0\0\0\x26\0\0\0\0GPSDATA";
        let mut file = vec![0xFF, 0xD8, 0xFF, 0xE1];
        file.extend(((exif.len() + 2) as u16).to_be_bytes());
        file.extend(exif);
        file.extend([0xFF, 0xFE, 0x00, 0x05, b'h', b'i', b'!']);
        file.extend([0xFF, 0xDA, 0x00, 0x02, 0x55, 0xFF, 0xD9]);
        let out = strip(&file, Format::Jpeg).unwrap();
        assert!(!contains(&out, b"GPSDATA") && !contains(&out, b"hi!"));
        assert_eq!(exif_orientation(&out[12..]), Some(6));
        assert!(out.ends_with(&[0xFF, 0xDA, 0x00, 0x02, 0x55, 0xFF, 0xD9]));
    }
}
