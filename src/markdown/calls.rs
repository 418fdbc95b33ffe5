//! Pass: the emergency number as a link a phone can call (issue 14).
//!
//! Wherever the language's emergency number stands in the text as a number of its own (not
//! part of a longer one, not already in a link, not in code), it becomes
//! `<a class="tel-link" href="tel:911">911</a>`. Authors mark any other number with an
//! ordinary Markdown link: `[0800 123 456](tel:0800123456)`.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::events::Events;

/// Links every free-standing `number` in the text to `tel:`.
pub(super) fn run<'a>(events: Events<'a>, number: &str) -> Events<'a> {
    let tel = tel_address(number);
    if tel.is_empty() || number.trim().len() < 3 {
        return events;
    }
    let number = number.trim();
    let mut out: Events<'a> = Vec::with_capacity(events.len());
    // Inside a link, an image or code, nothing is linked.
    let mut blocked = 0usize;
    for ev in events {
        match &ev.event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => blocked += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                blocked = blocked.saturating_sub(1);
            }
            _ => {}
        }
        let Event::Text(text) = &ev.event else {
            out.push(ev);
            continue;
        };
        if blocked > 0 || !text.contains(number) {
            out.push(ev);
            continue;
        }
        let text = text.to_string();
        let mut rest = text.as_str();
        let mut done = String::new();
        while let Some(i) = rest.find(number) {
            let before = rest[..i].chars().next_back();
            let after = rest[i + number.len()..].chars().next();
            let alone = !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit());
            if !alone {
                done.push_str(&rest[..i + number.len()]);
                rest = &rest[i + number.len()..];
                continue;
            }
            done.push_str(&rest[..i]);
            if !done.is_empty() {
                out.push(ev.here(Event::Text(CowStr::from(std::mem::take(&mut done)))));
            }
            out.push(ev.here(Event::InlineHtml(CowStr::from(format!(
                "<a class=\"tel-link\" href=\"tel:{tel}\">"
            )))));
            out.push(ev.here(Event::Text(CowStr::from(number.to_owned()))));
            out.push(ev.here(Event::InlineHtml(CowStr::from("</a>"))));
            rest = &rest[i + number.len()..];
        }
        done.push_str(rest);
        if !done.is_empty() {
            out.push(ev.here(Event::Text(CowStr::from(done))));
        }
    }
    out
}

/// The `tel:` form of a number: its digits, with a leading `+` kept.
pub(crate) fn tel_address(number: &str) -> String {
    let number = number.trim();
    let plus = if number.starts_with('+') { "+" } else { "" };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        String::new()
    } else {
        format!("{plus}{digits}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_addresses_keep_digits_and_a_plus() {
        assert_eq!(tel_address("911"), "911");
        assert_eq!(tel_address("+44 20 7946 0000"), "+442079460000");
        assert_eq!(tel_address("none"), "");
    }
}
