//! SVG images: published as they are, so they are checked first. An SVG that runs scripts,
//! has event handlers or loads other files would do so on every page that shows it (and
//! could load from another host), so each is an error naming the element. Its display size
//! comes from its `width` and `height`, or its `viewBox`.

/// What an SVG file tells: its size, or why it cannot be published.
pub(crate) fn inspect(text: &str) -> Result<(u32, u32), String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("the SVG file cannot be read: {e}"))?;
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let line = doc.text_pos_at(node.range().start).row;
        let at = format!("`<{name}>` element (line {line})");
        if name.eq_ignore_ascii_case("script") {
            return Err(format!("the SVG file holds a script: the {at}"));
        }
        for attr in node.attributes() {
            let attr_name = attr.name();
            let value = attr.value().trim();
            if attr_name.len() > 2 && attr_name[..2].eq_ignore_ascii_case("on") {
                return Err(format!(
                    "the SVG file has an event handler: `{attr_name}` on the {at}"
                ));
            }
            if attr_name == "href" && !value.starts_with('#') && !value.starts_with("data:") {
                return Err(format!(
                    "the SVG file refers to another file: `{value}` in the {at}"
                ));
            }
            if attr_name == "style" && external_url(value) {
                return Err(format!(
                    "the SVG file refers to another file in the style of the {at}"
                ));
            }
        }
        if name == "style" && node.text().is_some_and(external_url) {
            return Err(format!("the SVG file refers to another file in the {at}"));
        }
    }
    let root = doc.root_element();
    let length = |a: &str| {
        root.attribute(a)
            .map(|v| v.trim().trim_end_matches("px"))
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| *v > 0.0)
    };
    let view_box: Option<Vec<f64>> = root.attribute("viewBox").and_then(|v| {
        v.split([' ', ','])
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<f64>().ok())
            .collect()
    });
    let (w, h) = match (length("width"), length("height"), view_box.as_deref()) {
        (Some(w), Some(h), _) => (w, h),
        (_, _, Some([_, _, w, h])) if *w > 0.0 && *h > 0.0 => (*w, *h),
        _ => {
            return Err(
                "the SVG file has no `viewBox` (nor `width` and `height` in pixels)".to_owned(),
            );
        }
    };
    Ok((w.round().max(1.0) as u32, h.round().max(1.0) as u32))
}

/// Whether CSS text loads something: `url(...)` other than a fragment, or `@import`.
fn external_url(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    lower.contains("@import")
        || lower.match_indices("url(").any(|(i, _)| {
            let rest = lower[i + 4..].trim_start_matches([' ', '"', '\'']);
            !rest.starts_with('#') && !rest.starts_with("data:")
        })
}

#[cfg(test)]
mod tests {
    use super::inspect;

    #[test]
    fn size_comes_from_width_and_height_or_the_view_box() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"><rect width="10" height="10"/></svg>"#;
        assert_eq!(inspect(svg), Ok((640, 360)));
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200px" height="100" viewBox="0 0 640 360"/>"#;
        assert_eq!(inspect(svg), Ok((200, 100)));
        assert!(inspect(r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#).is_err());
    }

    #[test]
    fn scripts_handlers_and_other_files_are_named() {
        let script = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\">\n<script>alert(1)</script></svg>";
        assert_eq!(
            inspect(script).unwrap_err(),
            "the SVG file holds a script: the `<script>` element (line 2)"
        );
        let handler = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><circle onclick="x()" r="1"/></svg>"#;
        assert!(
            inspect(handler)
                .unwrap_err()
                .contains("`onclick` on the `<circle>` element")
        );
        let external = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1"><image xlink:href="https://example.org/a.png"/></svg>"#;
        assert!(
            inspect(external)
                .unwrap_err()
                .contains("`https://example.org/a.png` in the `<image>` element")
        );
        let style = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><style>@import url(x.css);</style></svg>"#;
        assert!(inspect(style).unwrap_err().contains("`<style>`"));
        let local = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><defs><path id="p" d="M0 0"/></defs><use href="#p" style="fill:url(#g)"/></svg>"##;
        assert_eq!(inspect(local), Ok((1, 1)));
    }
}
