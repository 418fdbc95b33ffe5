//! Pass: `{{ emergency_number }}` in text becomes the site's number.

use pulldown_cmark::{CowStr, Event};

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
    for ev in &mut events {
        let Event::Text(text) = &ev.event else {
            continue;
        };
        if !text.contains("{{") {
            continue;
        }
        let mut s = text.to_string();
        for form in [EMERGENCY_PLACEHOLDER, "{{emergency_number}}"] {
            s = s.replace(form, number);
        }
        if let Some(start) = s.find("{{") {
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
