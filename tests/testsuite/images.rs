//! Images: responsive variants and their dimensions, `<picture>`/`srcset`/`sizes`, figures
//! with captions, metadata stripped (a JPEG carrying GPS EXIF, XMP and ICC data written in by
//! hand), orientation applied, WebP only when smaller, SVG rules, size warnings, the cache
//! (counted, not timed), determinism, translated pages and the page image for link previews.
//!
//! Test images are generated here, small, rather than kept as binary fixtures.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, GenericImageView, Rgb, RgbImage};

use crate::common::*;

/// A `w`×`h` gradient.
fn gradient(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
    })
}

/// Pixels no codec can predict (a fixed pseudo-random sequence).
fn noise(w: u32, h: u32) -> RgbImage {
    let mut state = 0x2545_f491_u32;
    RgbImage::from_fn(w, h, |_, _| {
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        };
        Rgb([next(), next(), next()])
    })
}

/// A JPEG of `img` at quality 90, with `segments` (marker, payload) written after SOI.
fn jpeg(img: &RgbImage, segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut plain = Vec::new();
    DynamicImage::ImageRgb8(img.clone())
        .write_to(&mut Cursor::new(&mut plain), image::ImageFormat::Jpeg)
        .unwrap();
    let mut out = plain[..2].to_vec();
    for (marker, payload) in segments {
        out.extend([0xFF, *marker]);
        out.extend(((payload.len() + 2) as u16).to_be_bytes());
        out.extend(payload);
    }
    out.extend(&plain[2..]);
    out
}

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(img.clone())
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// An EXIF block (APP1 payload) with orientation `orientation` and a GPS position: IFD0 holds
/// the orientation and a pointer to the GPS IFD, which holds latitude `N 40° 26' 46"`.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t = b"Exif\0\0II*\0\x08\0\0\0".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    // IFD0 at 8: two entries, then the next-IFD offset; the GPS IFD follows at 38.
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x8825, 4, 1, 38);
    t.extend(0u32.to_le_bytes());
    // GPS IFD at 38: latitude reference and latitude (three rationals at 68).
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, 68);
    t.extend(0u32.to_le_bytes());
    for v in [40u32, 1, 26, 1, 46, 1] {
        t.extend(v.to_le_bytes());
    }
    t
}

/// An XMP packet with a GPS position.
fn xmp() -> Vec<u8> {
    b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>40,26.7N</exif:GPSLatitude></x:xmpmeta>".to_vec()
}

/// An ICC profile segment (its contents are not read).
fn icc() -> Vec<u8> {
    let mut p = b"ICC_PROFILE\0\x01\x01".to_vec();
    p.extend([0u8; 128]);
    p
}

/// The marker bytes of a JPEG's segments before the image data.
fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        i += 2 + len;
    }
    markers
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The fixture with its images: a 1600×1000 JPEG beside the article carrying GPS EXIF, XMP
/// and an ICC profile, and a 400×250 PNG in `static/`.
fn site() -> Site {
    let site = fixture("images/basic");
    let photo = jpeg(
        &gradient(1600, 1000),
        &[(0xE1, exif(1)), (0xE1, xmp()), (0xE2, icc())],
    );
    std::fs::write(site.path("content/photo.jpg"), photo).unwrap();
    std::fs::write(
        site.path("static/images/card.png"),
        png(&gradient(400, 250)),
    )
    .unwrap();
    site
}

/// The one diagnostic whose message holds `part`.
fn diag_with<'a>(diags: &'a [Diag], part: &str) -> &'a Diag {
    let found: Vec<&Diag> = diags.iter().filter(|d| d.message.contains(part)).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one diagnostic with `{part}` among:\n{diags:#?}"
    );
    found[0]
}

fn dims(path: &Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn raster_images_are_published_at_each_width_with_srcset_sizes_and_dimensions() {
    let site = site();
    let run = site.build(&[]);
    run.assert_code(0);
    let out = site.public();
    // Default widths, never upscaled; the 400-pixel card is published at its own width only.
    for (file, size) in [
        ("photo-480w.jpg", (480, 300)),
        ("photo-800w.jpg", (800, 500)),
        ("photo-1200w.jpg", (1200, 750)),
        ("images/card-400w.png", (400, 250)),
    ] {
        assert_eq!(dims(&out.join(file)), size, "{file}");
    }
    assert!(!out.join("photo-1600w.jpg").exists());
    assert!(!out.join("images/card-480w.png").exists());
    // The source's own address serves the widest variant, not the source.
    assert_eq!(
        std::fs::read(out.join("photo.jpg")).unwrap(),
        std::fs::read(out.join("photo-1200w.jpg")).unwrap()
    );

    let doc = parse_html(&out.join("marrow/index.html"));
    let imgs: Vec<_> = doc.select(&sel("main img")).collect();
    assert_eq!(imgs.len(), 3);
    let photo = imgs[0].value();
    assert_eq!(photo.attr("src"), Some("../photo-1200w.jpg"));
    assert_eq!(
        photo.attr("srcset"),
        Some("../photo-480w.jpg 480w, ../photo-800w.jpg 800w, ../photo-1200w.jpg 1200w")
    );
    assert_eq!(
        photo.attr("sizes"),
        Some("(min-width: 44rem) 42rem, calc(100vw - 2rem)")
    );
    assert_eq!(
        (photo.attr("width"), photo.attr("height")),
        (Some("1200"), Some("750"))
    );
    assert_eq!(photo.attr("decoding"), Some("async"));
    // The first image of the page loads at once; every other one lazily.
    assert_eq!(photo.attr("loading"), None);
    for img in &imgs[1..] {
        assert_eq!(img.value().attr("loading"), Some("lazy"));
        assert_eq!(img.value().attr("decoding"), Some("async"));
    }
    // The SVG: published as it is, its size from the viewBox.
    let svg = imgs[2].value();
    assert_eq!(svg.attr("src"), Some("../images/bone.svg"));
    assert_eq!(
        (svg.attr("width"), svg.attr("height")),
        (Some("320"), Some("180"))
    );
    assert_eq!(
        std::fs::read(out.join("images/bone.svg")).unwrap(),
        std::fs::read(site.path("static/images/bone.svg")).unwrap()
    );
    // An inline image keeps its title as a tooltip; only a lone image becomes a figure.
    assert_eq!(imgs[1].value().attr("title"), Some("A tooltip"));
    assert_eq!(doc.select(&sel("main figure")).count(), 1);
}

#[test]
fn a_lone_image_with_a_title_is_a_figure_with_its_caption() {
    let site = site();
    site.build(&[]).assert_code(0);
    let doc = parse_html(&site.public().join("marrow/index.html"));
    let figure = doc.select(&sel("main figure")).next().expect("a figure");
    let img = figure
        .select(&sel("img"))
        .next()
        .expect("an image in the figure");
    assert_eq!(
        img.value().attr("alt"),
        Some("A gradient that stands in for a photo of the hip bone")
    );
    assert_eq!(img.value().attr("title"), None);
    let caption = figure.select(&sel("figcaption")).next().expect("a caption");
    assert_eq!(
        text_of(caption),
        "Most blood cells are made in the marrow of flat bones"
    );
    // The figure is not inside a paragraph.
    assert_eq!(doc.select(&sel("p figure")).count(), 0);
}

#[test]
fn metadata_is_removed_from_every_published_file() {
    let site = site();
    let source = std::fs::read(site.path("content/photo.jpg")).unwrap();
    assert!(contains(&source, b"Exif") && contains(&source, b"ns.adobe.com"));
    site.build(&[]).assert_code(0);
    let out = site.public();
    let published: Vec<_> = ["", "images"]
        .iter()
        .flat_map(|d| std::fs::read_dir(out.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "jpg" || e == "png" || e == "webp")
        })
        .collect();
    assert!(published.len() >= 6, "{published:?}");
    for path in &published {
        let bytes = std::fs::read(path).unwrap();
        for needle in [
            &b"Exif"[..],
            b"ns.adobe.com",
            b"GPSLatitude",
            b"ICC_PROFILE",
            b"iCCP",
            b"eXIf",
        ] {
            assert!(
                !contains(&bytes, needle),
                "{} holds {}",
                path.display(),
                String::from_utf8_lossy(needle)
            );
        }
        if path.extension().is_some_and(|e| e == "jpg") {
            let markers = jpeg_markers(&bytes);
            assert!(
                markers.iter().all(|m| !(0xE1..=0xEF).contains(m)),
                "{} keeps an application segment: {markers:x?}",
                path.display()
            );
        }
    }
}

#[test]
fn the_exif_orientation_is_applied() {
    let site = fixture("images/basic");
    // Left half red, right half blue, stored sideways: orientation 6 means "turn 90° clockwise
    // to show", after which the left edge is on top.
    let img = RgbImage::from_fn(160, 100, |x, _| {
        if x < 80 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    std::fs::write(
        site.path("content/photo.jpg"),
        jpeg(&img, &[(0xE1, exif(6))]),
    )
    .unwrap();
    std::fs::write(site.path("static/images/card.png"), png(&gradient(40, 25))).unwrap();
    site.build(&[]).assert_code(0);
    let out = site.public();
    // Upright it is 100×160: published at its own width.
    let path = out.join("photo-100w.jpg");
    assert_eq!(dims(&path), (100, 160));
    let upright = image::open(&path).unwrap();
    let top = upright.get_pixel(50, 10);
    let bottom = upright.get_pixel(50, 150);
    assert!(top[0] > 150 && top[2] < 100, "top is not red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is not blue: {bottom:?}"
    );
    let doc = parse_html(&out.join("marrow/index.html"));
    let photo = doc.select(&sel("main img")).next().unwrap();
    assert_eq!(
        (photo.value().attr("width"), photo.value().attr("height")),
        (Some("100"), Some("160"))
    );
}

#[test]
fn webp_is_offered_only_when_smaller_than_the_source_format() {
    let site = site();
    // A photo of pure noise: lossless WebP cannot beat JPEG on it.
    std::fs::write(site.path("content/photo.jpg"), jpeg(&noise(600, 400), &[])).unwrap();
    site.build(&[]).assert_code(0);
    let out = site.public();
    let doc = parse_html(&out.join("marrow/index.html"));
    let pictures: Vec<_> = doc.select(&sel("main picture")).collect();
    // The gradient card is offered in WebP (smaller at every width), the noise photo is not.
    assert_eq!(pictures.len(), 1);
    let source = pictures[0]
        .select(&sel("source"))
        .next()
        .expect("a WebP source");
    assert_eq!(source.value().attr("type"), Some("image/webp"));
    assert_eq!(
        source.value().attr("srcset"),
        Some("../images/card-400w.webp 400w")
    );
    let webp = std::fs::metadata(out.join("images/card-400w.webp"))
        .unwrap()
        .len();
    let own = std::fs::metadata(out.join("images/card-400w.png"))
        .unwrap()
        .len();
    assert!(webp < own, "webp {webp} >= png {own}");
    assert!(!out.join("photo-480w.webp").exists());
    assert!(!out.join("photo-600w.webp").exists());
    let first = doc.select(&sel("main img")).next().unwrap();
    assert!(
        first
            .parent()
            .and_then(scraper::ElementRef::wrap)
            .is_some_and(|p| p.value().name() != "picture")
    );
}

#[test]
fn a_second_build_takes_every_image_from_the_cache_and_writes_the_same_bytes() {
    let site = site();
    let first = site.build(&[]);
    first.assert_code(0);
    assert!(
        first
            .stdout
            .contains("images: 3 shown, 2 encoded, 0 from the cache"),
        "{}",
        first.stdout
    );
    let before = snapshot(&site.public());
    let cache = site.path(".medleaf-cache/images");
    assert!(cache.is_dir());
    let second = site.build(&[]);
    assert!(
        second
            .stdout
            .contains("images: 3 shown, 0 encoded, 2 from the cache"),
        "{}",
        second.stdout
    );
    assert_same_tree(&before, &snapshot(&site.public()));

    // A damaged entry is processed again, not published.
    let entry = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("480.jpg").exists())
        .expect("the photo's entry");
    std::fs::write(entry.join("480.jpg"), b"damaged").unwrap();
    let third = site.build(&[]);
    assert!(
        third
            .stdout
            .contains("images: 3 shown, 1 encoded, 1 from the cache"),
        "{}",
        third.stdout
    );
    assert_same_tree(&before, &snapshot(&site.public()));

    // `--no-cache` processes everything again, the same bytes, and leaves the cache alone.
    let listing = |p: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let entries = listing(&cache);
    let fresh = site.build(&["--no-cache"]);
    assert!(
        fresh
            .stdout
            .contains("images: 3 shown, 2 encoded, 0 from the cache"),
        "{}",
        fresh.stdout
    );
    assert_same_tree(&before, &snapshot(&site.public()));
    assert_eq!(listing(&cache), entries);
    // Nothing of the cache is published.
    assert!(before.keys().all(|k| !k.contains("medleaf-cache")));
}

#[test]
fn changed_settings_make_new_variants() {
    let site = site();
    site.build(&[]).assert_code(0);
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}images:\n  widths: [200, 640]\n  quality: 60\n"),
    );
    let run = site.build(&[]);
    assert!(
        run.stdout.contains("2 encoded, 0 from the cache"),
        "{}",
        run.stdout
    );
    let out = site.public();
    assert_eq!(dims(&out.join("photo-640w.jpg")), (640, 400));
    assert_eq!(dims(&out.join("images/card-200w.png")), (200, 125));
    assert!(!out.join("photo-480w.jpg").exists());
    site.write("site.yaml", &format!("{yaml}images:\n  widths: []\n"));
    let bad = site.build(&[]);
    bad.assert_code(1);
    let diags = bad.diagnostics();
    let d = diag_with(&diags, "`images.widths` must list widths");
    assert!(
        d.location
            .as_deref()
            .is_some_and(|l| l.starts_with("site.yaml:")),
        "{d:?}"
    );
}

#[test]
fn translated_pages_show_the_same_variants() {
    let site = site();
    site.build(&[]).assert_code(0);
    let doc = parse_html(&site.public().join("es/marrow/index.html"));
    let img = doc
        .select(&sel("main figure img"))
        .next()
        .expect("a figure");
    assert_eq!(img.value().attr("src"), Some("../../photo-1200w.jpg"));
    assert_eq!(
        img.value().attr("srcset"),
        Some("../../photo-480w.jpg 480w, ../../photo-800w.jpg 800w, ../../photo-1200w.jpg 1200w")
    );
    let caption = doc.select(&sel("main figcaption")).next().unwrap();
    assert!(text_of(caption).starts_with("La mayoría"));
}

#[test]
fn the_page_image_is_the_link_preview_with_its_size() {
    let site = site();
    site.build(&[]).assert_code(0);
    let doc = parse_html(&site.public().join("marrow/index.html"));
    let meta = |p: &str| {
        attrs(&doc, &format!("meta[property=\"{p}\"]"), "content")
            .first()
            .map(|s| s.to_string())
    };
    assert_eq!(
        meta("og:image").as_deref(),
        Some("https://example.org/photo-1200w.jpg")
    );
    assert_eq!(meta("og:image:width").as_deref(), Some("1200"));
    assert_eq!(meta("og:image:height").as_deref(), Some("750"));
    assert_eq!(meta("og:image:type").as_deref(), Some("image/jpeg"));
    assert_eq!(
        meta("og:image:alt").as_deref(),
        Some("A test photo of a gradient")
    );
    // The home page names no image.
    let home = parse_html(&site.public().join("index.html"));
    assert!(attrs(&home, "meta[property=\"og:image\"]", "content").is_empty());

    // An SVG cannot be a link preview.
    let page = site
        .read("content/marrow.md")
        .replace("image: photo.jpg", "image: /images/bone.svg");
    site.write("content/marrow.md", &page);
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = diag_with(&diags, "cannot be a link preview");
    assert_eq!(d.location.as_deref(), Some("content/marrow.md:5:8"));
}

#[test]
fn vague_alt_text_and_captions_are_warnings_and_missing_alt_an_error() {
    let site = site();
    site.write(
        "content/lints.md",
        "---\ntitle: Lints\ndescription: d\nkind: page\n---\n\n![image](/images/card.png)\n\n![IMG_2041.JPG](/images/card.png)\n\n![Marrow](photo.jpg \"Marrow\")\n\n![card](/images/card.png)\n\n![](/images/card.png)\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = diag_with(&diags, "alt text `image` does not describe the image");
    assert_eq!(d.severity, "warning");
    assert_eq!(d.location.as_deref(), Some("content/lints.md:7:1"));
    diag_with(
        &diags,
        "alt text `IMG_2041.JPG` does not describe the image",
    );
    // Alt text that is the file's own name.
    diag_with(&diags, "alt text `card` does not describe the image");
    let d = diag_with(&diags, "the caption repeats the alt text");
    assert_eq!(d.severity, "warning");
    assert_eq!(d.location.as_deref(), Some("content/lints.md:11:1"));
    let d = diag_with(&diags, "image without alt text");
    assert_eq!(d.severity, "error");
}

#[test]
fn svg_with_scripts_handlers_or_other_files_is_an_error_naming_the_element() {
    let site = site();
    for (svg, expected) in [
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n<script>alert(1)</script></svg>",
            "cannot publish this image: the SVG file holds a script: the `<script>` element (line 2)",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect onload=\"x()\" width=\"1\" height=\"1\"/></svg>",
            "event handler: `onload` on the `<rect>` element",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><image href=\"https://example.org/x.png\"/></svg>",
            "refers to another file: `https://example.org/x.png` in the `<image>` element",
        ),
    ] {
        site.write("static/images/bone.svg", svg);
        let run = site.build(&[]);
        run.assert_code(1);
        let diags = run.diagnostics();
        let d = diag_with(&diags, expected);
        assert_eq!(
            d.location.as_deref(),
            Some("content/marrow.md:15:31"),
            "{d:?}"
        );
        assert!(!site.public().exists(), "nothing is published");
    }
}

#[test]
fn images_too_large_for_readers_are_warnings_with_the_figures() {
    let site = site();
    std::fs::write(site.path("static/images/card.png"), png(&gradient(4100, 8))).unwrap();
    // An animated GIF over 1 MB: two frames and a large comment.
    let mut gif = b"GIF89a\x02\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff".to_vec();
    gif.extend(b"\x21\xfe");
    for _ in 0..4200 {
        gif.push(255);
        gif.extend([b'x'; 255]);
    }
    gif.push(0);
    for _ in 0..2 {
        gif.extend(b"\x2c\x00\x00\x00\x00\x02\x00\x01\x00\x00\x02\x02\x44\x01\x00");
    }
    gif.push(0x3B);
    std::fs::write(site.path("static/images/spin.gif"), gif).unwrap();
    let page = site.read("content/marrow.md");
    site.write(
        "content/marrow.md",
        &format!("{page}\n![A spinning wheel that shows the page is loading](/images/spin.gif)\n"),
    );
    let run = site.build(&[]);
    run.assert_code(0);
    let diags = run.diagnostics();
    let d = diag_with(
        &diags,
        "image too large for readers: the image is 4100 × 8 pixels",
    );
    assert_eq!(d.severity, "warning");
    let d = diag_with(
        &diags,
        "image too large for readers: the animation is 1.1 MB (2 frames)",
    );
    assert_eq!(d.severity, "warning");
    let doc = parse_html(&site.public().join("marrow/index.html"));
    let gif = doc
        .select(&sel("img[src$='spin.gif']"))
        .next()
        .expect("the GIF");
    assert_eq!(
        (gif.value().attr("width"), gif.value().attr("height")),
        (Some("2"), Some("1"))
    );
}

#[test]
fn the_output_folder_cannot_hold_the_cache() {
    let site = site();
    let run = site.build(&["--output", site.path(".medleaf-cache").to_str().unwrap()]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("cannot hold medleaf's image cache"),
        "{}",
        run.stderr
    );
}

/// Sets a file's modification time an hour back, as if it had been there a while (the memo
/// of sources vouches only for files older than a moment).
fn settle(path: &Path) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

#[test]
fn a_second_build_reads_no_unchanged_source_and_finds_a_damaged_entry_by_stat() {
    let site = site();
    for rel in ["content/photo.jpg", "static/images/card.png"] {
        settle(&site.path(rel));
    }
    let first = site.build(&[]);
    first.assert_code(0);
    assert!(
        first
            .stdout
            .contains("images: 3 shown, 2 encoded, 0 from the cache, 2 sources read"),
        "{}",
        first.stdout
    );
    let before = snapshot(&site.public());
    // Counted, not timed: the second build takes both images from their size and time alone.
    let second = site.build(&[]);
    assert!(
        second
            .stdout
            .contains("images: 3 shown, 0 encoded, 2 from the cache, 0 sources read"),
        "{}",
        second.stdout
    );
    assert_same_tree(&before, &snapshot(&site.public()));

    // A variant changed after its entry was written, even to the same length, is made again.
    let cache = site.path(".medleaf-cache/images");
    let entry = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("480.jpg").exists())
        .expect("the photo's entry");
    let variant = entry.join("480.jpg");
    let mut bytes = std::fs::read(&variant).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&variant, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&variant)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
        .unwrap();
    let third = site.build(&[]);
    assert!(
        third
            .stdout
            .contains("images: 3 shown, 1 encoded, 1 from the cache, 1 sources read"),
        "{}",
        third.stdout
    );
    assert_same_tree(&before, &snapshot(&site.public()));

    // A source changed in place (a new time) is read again.
    std::fs::write(
        site.path("content/photo.jpg"),
        jpeg(&gradient(800, 500), &[]),
    )
    .unwrap();
    let fourth = site.build(&[]);
    assert!(
        fourth
            .stdout
            .contains("images: 3 shown, 1 encoded, 1 from the cache, 1 sources read"),
        "{}",
        fourth.stdout
    );
    assert_eq!(dims(&site.public().join("photo-800w.jpg")), (800, 500));
}

#[test]
fn unused_photos_are_published_without_their_metadata() {
    let site = site();
    // Not shown by any page: copied, as a download would be. One with a GPS position, one
    // stored sideways (EXIF orientation 6) with a GPS position too.
    let gps = jpeg(&gradient(64, 40), &[(0xE1, exif(1)), (0xE1, xmp())]);
    let sideways = jpeg(
        &gradient(64, 40),
        &[(0xE1, exif(6)), (0xFE, b"Taken at home".to_vec())],
    );
    std::fs::write(site.path("content/unused-photo.jpg"), &gps).unwrap();
    std::fs::write(site.path("static/images/sideways.jpg"), &sideways).unwrap();
    site.build(&[]).assert_code(0);
    let out = site.public();

    let published = std::fs::read(out.join("unused-photo.jpg")).unwrap();
    for needle in [&b"Exif"[..], b"ns.adobe.com", b"GPSLatitude", b"N\0\0\0"] {
        assert!(
            !contains(&published, needle),
            "the unused photo keeps {}",
            String::from_utf8_lossy(needle)
        );
    }
    assert!(jpeg_markers(&published).iter().all(|m| *m != 0xE1));
    // Not re-encoded: the image data is the source's, byte for byte.
    let sos = |b: &[u8]| b.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    assert_eq!(published[sos(&published)..], gps[sos(&gps)..]);
    assert_eq!(dims(&out.join("unused-photo.jpg")), (64, 40));

    // The sideways photo keeps only its orientation, so it still shows upright.
    let published = std::fs::read(out.join("images/sideways.jpg")).unwrap();
    assert!(!contains(&published, b"N\0\0\0") && !contains(&published, b"Taken at home"));
    let mut decoder = image::ImageReader::open(out.join("images/sideways.jpg"))
        .unwrap()
        .into_decoder()
        .unwrap();
    use image::ImageDecoder;
    assert_eq!(
        decoder.orientation().unwrap(),
        image::metadata::Orientation::Rotate90
    );
    assert_eq!(published[sos(&published)..], sideways[sos(&sideways)..]);
}

#[test]
fn a_photo_with_a_colour_profile_is_converted_to_srgb() {
    use moxcms::{ColorProfile, Layout, TransformOptions};
    let site = site();
    // A flat colour described in ProPhoto RGB, whose numbers mean a far more saturated colour
    // than the same numbers in sRGB.
    let colour = [60u8, 140, 70];
    let img = RgbImage::from_pixel(200, 100, Rgb(colour));
    let profile = ColorProfile::new_pro_photo_rgb();
    let mut app2 = b"ICC_PROFILE\0\x01\x01".to_vec();
    app2.extend(profile.encode().unwrap());
    std::fs::write(site.path("content/photo.jpg"), jpeg(&img, &[(0xE2, app2)])).unwrap();
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(
        run.diagnostics()
            .iter()
            .all(|d| !d.message.contains("colours may shift")),
        "{}",
        run.stderr
    );
    let mut expected = [0u8; 3];
    profile
        .create_transform_8bit(
            Layout::Rgb,
            &ColorProfile::new_srgb(),
            Layout::Rgb,
            TransformOptions::default(),
        )
        .unwrap()
        .transform(&colour, &mut expected)
        .unwrap();
    assert!(
        expected.iter().zip(colour).any(|(e, c)| e.abs_diff(c) > 20),
        "the profile should matter: {expected:?}"
    );
    let published = image::open(site.public().join("photo-200w.jpg"))
        .unwrap()
        .to_rgb8();
    let got = published.get_pixel(100, 50).0;
    for (g, e) in got.iter().zip(expected) {
        assert!(g.abs_diff(e) <= 6, "published {got:?}, sRGB {expected:?}");
    }

    // A profile that cannot be read: published as it is, with a warning naming the file.
    let mut broken = b"ICC_PROFILE\0\x01\x01".to_vec();
    broken.extend([7u8; 200]);
    std::fs::write(
        site.path("content/photo.jpg"),
        jpeg(&img, &[(0xE2, broken)]),
    )
    .unwrap();
    let run = site.build(&[]);
    run.assert_code(0);
    // Once for each page that shows it (the article and its translation).
    let colour_warnings = |run: &Run| -> Vec<Diag> {
        run.diagnostics()
            .into_iter()
            .filter(|d| d.message.contains("colours may shift in `photo.jpg`"))
            .collect()
    };
    let warned = colour_warnings(&run);
    assert_eq!(warned.len(), 2, "{}", run.stderr);
    assert!(warned.iter().all(|d| d.severity == "warning"));
    assert!(
        warned.iter().any(|d| d
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with("content/marrow.md:11:"))),
        "{warned:?}"
    );
    // The warning comes again from the cache.
    let again = site.build(&[]);
    assert!(again.stdout.contains("0 encoded"), "{}", again.stdout);
    assert_eq!(colour_warnings(&again).len(), 2, "{}", again.stderr);
}

#[test]
fn a_published_width_edited_in_place_is_never_published_again() {
    // The widths are hard-linked from the cache: a tool that edits one in the output edits the
    // cache's file too. Its time moves, so the next build makes the entry again.
    let site = site();
    site.build(&[]).assert_code(0);
    let before = snapshot(&site.public());
    let published = site.public().join("photo-480w.jpg");
    let mut bytes = std::fs::read(&published).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&published, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&published)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
        .unwrap();
    let run = site.build(&[]);
    assert!(
        run.stdout.contains("1 encoded, 1 from the cache"),
        "{}",
        run.stdout
    );
    assert_same_tree(&before, &snapshot(&site.public()));
}
