//! Pass: care-card blockquotes (`> [!URGENT] heading`) and GFM alerts (`> [!NOTE]`) become
//! accessible HTML, and the care-card lints.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use super::Body;
use super::events::{Ev, Events, Files, Mark, matching_end};
use super::headings::level_number;
use crate::diagnostics::{Code, Diagnostic};
use crate::i18n::Strings;

/// The three levels of "when to get help" care cards, as on the NHS website.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CareLevel {
    /// See a doctor or pharmacist.
    NonUrgent,
    /// Get help today.
    Urgent,
    /// Call the emergency number now.
    Emergency,
}

impl CareLevel {
    fn from_marker(marker: &str) -> Option<CareLevel> {
        match marker.to_ascii_uppercase().as_str() {
            "NON-URGENT" | "NON_URGENT" | "NONURGENT" => Some(CareLevel::NonUrgent),
            "URGENT" => Some(CareLevel::Urgent),
            "EMERGENCY" => Some(CareLevel::Emergency),
            _ => None,
        }
    }

    /// The CSS modifier (`non-urgent`).
    pub(crate) fn class(self) -> &'static str {
        match self {
            CareLevel::NonUrgent => "non-urgent",
            CareLevel::Urgent => "urgent",
            CareLevel::Emergency => "emergency",
        }
    }

    /// What a screen reader announces before the heading (`Urgent advice: `), in the page's
    /// language.
    pub(crate) fn hidden_prefix(self, strings: &Strings) -> &str {
        strings.get(match self {
            CareLevel::NonUrgent => "card_non_urgent_prefix",
            CareLevel::Urgent => "card_urgent_prefix",
            CareLevel::Emergency => "card_emergency_prefix",
        })
    }

    /// The visible label, so colour is never the only cue (`Urgent`), in the page's language.
    pub(crate) fn label(self, strings: &Strings) -> &str {
        strings.get(match self {
            CareLevel::NonUrgent => "card_non_urgent",
            CareLevel::Urgent => "card_urgent",
            CareLevel::Emergency => "card_emergency",
        })
    }
}

/// Turns care cards and alerts into HTML. The raw HTML around a card's heading is marked
/// ([`Mark::CardHeadingStart`], [`Mark::CardHeadingEnd`]) so that later passes leave the
/// heading alone and keep it out of the prose.
pub(super) fn run<'a>(
    events: Events<'a>,
    number: &str,
    strings: &Strings,
    files: &Files<'_>,
    out: &mut Body,
) -> Events<'a> {
    if !events
        .iter()
        .any(|ev| matches!(ev.event, Event::Start(Tag::BlockQuote(_))))
    {
        return events;
    }
    let mut result: Events = Vec::with_capacity(events.len());
    let mut section_level = 1u8;
    let mut emergencies = 0;
    // What each open blockquote ends with: the closing HTML of an alert or a care card, or
    // `None` for a plain blockquote. Cards and alerts nested in each other are converted too
    // (issue 19): the events inside a card go through this same loop.
    let mut open_quotes: Vec<Option<Ev<'a>>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i].event {
            Event::Start(Tag::Heading { level, .. }) => section_level = level_number(*level),
            Event::End(TagEnd::BlockQuote(_)) => {
                match open_quotes.pop().flatten() {
                    Some(close) => result.push(close),
                    None => result.push(events[i].clone()),
                }
                i += 1;
                continue;
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (key, class) = match kind {
                    BlockQuoteKind::Note => ("alert_note", "note"),
                    BlockQuoteKind::Tip => ("alert_tip", "tip"),
                    BlockQuoteKind::Important => ("alert_important", "important"),
                    BlockQuoteKind::Warning => ("alert_warning", "warning"),
                    BlockQuoteKind::Caution => ("alert_caution", "caution"),
                };
                let name = strings.get(key);
                let open = &events[i];
                result.push(open.html_here(format!(
                    "<div class=\"callout callout--{class}\" role=\"note\"><p class=\"callout__label\"><strong>{name}</strong></p>\n"
                )));
                open_quotes.push(Some(open.html_here("</div>\n".to_owned())));
                i += 1;
                continue;
            }
            Event::Start(Tag::BlockQuote(None)) => {
                if let Some((level, marker_len)) = card_marker(&events, i) {
                    let end = matching_end(&events, i);
                    let open = events[i].clone();
                    let para_end = matching_end(&events, i + 1);
                    // The heading: the first paragraph without the marker.
                    let mut heading: Events = Vec::new();
                    for (k, ev) in events[i + 2..para_end].iter().enumerate() {
                        if k == 0 {
                            if let Event::Text(t) = &ev.event {
                                let rest = t[marker_len..].trim_start();
                                if !rest.is_empty() {
                                    heading
                                        .push(ev.here(Event::Text(CowStr::from(rest.to_owned()))));
                                }
                            }
                            continue;
                        }
                        if heading.is_empty()
                            && matches!(ev.event, Event::SoftBreak | Event::HardBreak)
                        {
                            continue;
                        }
                        heading.push(ev.clone());
                    }
                    let inner = &events[para_end + 1..end];
                    check_card(level, &heading, inner, &open, files, out, &mut emergencies);
                    if heading.is_empty() {
                        let text = match level {
                            CareLevel::Emergency => {
                                strings.fill("card_emergency_heading", &[("number", number)])
                            }
                            _ => String::new(),
                        };
                        heading.push(open.here(Event::Text(CowStr::from(text))));
                    }
                    let h = (section_level + 1).clamp(2, 6);
                    result.push(
                        open.html_here(format!(
                            "<div class=\"care-card care-card--{class}\">\n<p class=\"care-card__label\" aria-hidden=\"true\">{label}</p>\n<h{h} class=\"care-card__heading\"><span class=\"visually-hidden\">{prefix}</span>",
                            class = level.class(),
                            label = level.label(strings),
                            prefix = level.hidden_prefix(strings),
                        ))
                        .marked(Mark::CardHeadingStart),
                    );
                    result.extend(heading);
                    result.push(
                        open.html_here(format!("</h{h}>\n<div class=\"care-card__content\">\n"))
                            .marked(Mark::CardHeadingEnd),
                    );
                    out.care_cards.push(level);
                    open_quotes.push(Some(open.html_here("</div>\n</div>\n".to_owned())));
                    // The content goes through the loop: a card or alert in it is converted.
                    i = para_end + 1;
                    continue;
                }
                open_quotes.push(None);
            }
            _ => {}
        }
        result.push(events[i].clone());
        i += 1;
    }
    result
}

/// If the blockquote at `i` starts with `[!NON-URGENT]`, `[!URGENT]` or `[!EMERGENCY]`, its
/// level and the marker's length in the first text event.
fn card_marker(events: &[Ev<'_>], i: usize) -> Option<(CareLevel, usize)> {
    let Event::Start(Tag::Paragraph) = &events.get(i + 1)?.event else {
        return None;
    };
    let Event::Text(text) = &events.get(i + 2)?.event else {
        return None;
    };
    let rest = text.strip_prefix("[!")?;
    let close = rest.find(']')?;
    let level = CareLevel::from_marker(&rest[..close])?;
    Some((level, close + 3))
}

/// The care-card lints: one emergency card per page, no links in it, a list in every card.
fn check_card(
    level: CareLevel,
    heading: &[Ev<'_>],
    inner: &[Ev<'_>],
    open: &Ev<'_>,
    files: &Files<'_>,
    out: &mut Body,
    emergencies: &mut usize,
) {
    let file = files.get(open.src);
    let first_line = file.line_range(file.line_index(open.range.start));
    if heading.is_empty() && level != CareLevel::Emergency {
        out.diagnostics.push(
            Diagnostic::warning(Code::CareCard, "care card without a heading")
                .at(file, first_line.clone())
                .help("write the call to action after the marker, such as `> [!URGENT] Call your doctor today if:`"),
        );
    }
    if !inner
        .iter()
        .any(|ev| matches!(ev.event, Event::Start(Tag::List(_))))
    {
        out.diagnostics.push(
            Diagnostic::warning(Code::CareCard, "care card without a list")
                .at(file, first_line.clone())
                .help("list the symptoms or situations as bullet points (`> - ...`) under the heading"),
        );
    }
    if level == CareLevel::Emergency {
        *emergencies += 1;
        if *emergencies > 1 {
            out.diagnostics.push(
                Diagnostic::warning(Code::CareCard, "more than one emergency card on this page")
                    .at(file, first_line.clone())
                    .help("put every emergency sign in one card, so readers do not have to choose"),
            );
        }
        for ev in heading.iter().chain(inner) {
            if let Event::Start(Tag::Link { .. }) = ev.event {
                out.diagnostics.push(
                    Diagnostic::warning(Code::CareCard, "link inside an emergency card")
                        .at(files.get(ev.src), ev.range.clone())
                        .label("readers in an emergency should act, not follow links")
                        .help("move the link out of the card"),
                );
            }
        }
    }
}
