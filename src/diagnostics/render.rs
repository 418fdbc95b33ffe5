//! Showing diagnostics to people: rustc-style snippets (annotate-snippets) and the summary line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Code, Diagnostic, Severity};

/// Renders one diagnostic like rustc does, with or without ANSI colours.
pub fn render(diagnostic: &Diagnostic, color: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(&diagnostic.message);
    let mut group = match &diagnostic.location {
        Some(loc) => {
            let mut annotation = AnnotationKind::Primary.span(loc.span.clone());
            if let Some(label) = &diagnostic.label {
                annotation = annotation.label(label);
            }
            title.element(
                Snippet::source(&loc.line_text)
                    .line_start(loc.line)
                    .path(&loc.file)
                    .annotation(annotation),
            )
        }
        None => Group::with_title(title),
    };
    if let Some(note) = &diagnostic.note {
        group = group.element(Level::NOTE.message(note));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = renderer.render(&[group]);
    // A long line is shown as a window of it (`source::WINDOW`), from which the renderer
    // counts the column: put the column in the whole line back.
    if let Some(loc) = &diagnostic.location
        && loc.line_text.starts_with('…')
    {
        let shown = loc.line_text[..loc.span.start].chars().count() + 1;
        let wrong = format!("{}:{}:{shown}", loc.file, loc.line);
        if let Some(at) = out.find(&wrong) {
            out.replace_range(
                at..at + wrong.len(),
                &format!("{}:{}:{}", loc.file, loc.line, loc.column),
            );
        }
    }
    // Without a source line, say where the problem is in the title's place.
    if diagnostic.location.is_none() && diagnostic.label.is_some() {
        let _ = write!(
            out,
            "\n  = note: {}",
            diagnostic.label.as_deref().unwrap_or("")
        );
    }
    out
}

/// The closing summary: `error: 3 broken links, 1 front-matter error; 2 warnings`, or `None`
/// when there is nothing to report.
pub fn summary(diagnostics: &[Diagnostic]) -> Option<String> {
    let mut by_code: BTreeMap<Code, usize> = BTreeMap::new();
    let mut warnings = 0;
    for d in diagnostics {
        match d.severity {
            Severity::Error => *by_code.entry(d.code).or_default() += 1,
            Severity::Warning => warnings += 1,
        }
    }
    let errors: usize = by_code.values().sum();
    if errors == 0 && warnings == 0 {
        return None;
    }
    let mut parts = Vec::new();
    let mut other = 0;
    for (code, n) in &by_code {
        match code.noun() {
            Some((one, many)) => parts.push(format!("{n} {}", if *n == 1 { one } else { many })),
            None => other += n,
        }
    }
    if other > 0 {
        let named = !parts.is_empty();
        parts.push(format!(
            "{other} {}{}",
            if named { "other " } else { "" },
            if other == 1 { "error" } else { "errors" }
        ));
    }
    let warn_text = format!(
        "{warnings} {}",
        if warnings == 1 { "warning" } else { "warnings" }
    );
    Some(if errors > 0 {
        format!("error: {}; {warn_text}", parts.join(", "))
    } else {
        format!("warning: {warn_text}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn renders_like_rustc() {
        let file = SourceFile::new(
            "content/a.md",
            "intro\nRead about [neutropenia](neutropenia.md).\n".to_owned(),
        );
        let start = file.text.find("neutropenia.md").unwrap();
        let d = Diagnostic::error(Code::BrokenLink, "broken link to `neutropenia.md`")
            .at(&file, start..start + "neutropenia.md".len())
            .label("no page at this path")
            .help("did you mean `leukopenia.md`?");
        let text = render(&d, false);
        assert!(
            text.contains("error: broken link to `neutropenia.md`"),
            "{text}"
        );
        assert!(text.contains("--> content/a.md:2:26"), "{text}");
        assert!(
            text.contains("^^^^^^^^^^^^^^ no page at this path"),
            "{text}"
        );
        assert!(
            text.contains("= help: did you mean `leukopenia.md`?"),
            "{text}"
        );
    }

    #[test]
    fn summary_groups_by_kind() {
        let e = |c| Diagnostic::error(c, "x");
        let ds = vec![
            e(Code::BrokenLink),
            e(Code::BrokenLink),
            e(Code::FrontMatter),
            Diagnostic::warning(Code::ReviewOverdue, "y"),
        ];
        assert_eq!(
            summary(&ds).unwrap(),
            "error: 1 front-matter error, 2 broken links; 1 warning"
        );
        assert_eq!(summary(&[]), None);
    }
}
