//! Pass: `{{ emergency_number }}` in text becomes the site's number (never in code).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Body;
use super::events::{Events, Files};
use crate::diagnostics::{Code, Diagnostic};

/// The placeholder authors write instead of typing the emergency number.
pub(crate) const EMERGENCY_PLACEHOLDER: &str = "{{ emergency_number }}";

/// Replaces `{{ emergency_number }}` in text with the site's number, and warns about unknown
/// placeholders.
pub(super) fn run<'a>(
    mut events: Events<'a>,
    number: &str,
    files: &Files<'_>,
    out: &mut Body,
) -> Events<'a> {
    // Code shows what is written: `{{ emergency_number }}` in a code block is an example of
    // the placeholder, not a use of it (issue 19), as it already was in inline code.
    let mut in_code = 0usize;
    for ev in &mut events {
        match &ev.event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &ev.event else {
            continue;
        };
        if in_code > 0 {
            continue;
        }
        if !text.contains("{{") {
            continue;
        }
        let mut s = text.to_string();
        for form in [EMERGENCY_PLACEHOLDER, "{{emergency_number}}"] {
            s = s.replace(form, number);
        }
        // Hugo's and Zola's shortcodes are reported by their own pass.
        let placeholder = s.match_indices("{{").map(|(i, _)| i).find(|&i| {
            let rest = s[i + 2..].trim_start();
            let name = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
            !rest.starts_with(['<', '%', '/']) && !name.trim_start().starts_with('(')
        });
        if let Some(start) = placeholder {
            let name = s[start..]
                .split("}}")
                .next()
                .unwrap_or("")
                .trim_start_matches('{')
                .trim();
            out.diagnostics.push(
                Diagnostic::warning(
                    Code::Placeholder,
                    format!("unknown placeholder `{{{{ {name} }}}}`"),
                )
                .at(files.get(ev.src), ev.range.clone())
                .help("the only placeholder is `{{ emergency_number }}`"),
            );
        }
        ev.event = Event::Text(CowStr::from(s));
    }
    events
}
