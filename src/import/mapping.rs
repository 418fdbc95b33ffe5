//! Front-matter conversion rules Hugo and Zola share: titles, addresses, edit dates, and the
//! values a site kept for its own templates.
//!
//! The per-generator files decide which key means what ([`super::hugo::map`],
//! [`super::zola::map`]); the [`Mapper`] here turns each meaning into medleaf's front matter
//! ([`Front`]) and records a note wherever something is dropped or guessed.

use serde_json::Value;

use super::front_matter::{self, Front, Split};
use super::paths::{self, Table};
use super::report::ImportNote;

/// The medleaf keys a site may already keep among its own values (Hugo's params, Zola's
/// `extra`): taken over as they are when medleaf can read them.
const REVIEW_KEYS: &[&str] = &["last_reviewed", "next_review", "reviewed_by", "sources"];

/// Builds one page's medleaf front matter from the source's keys.
pub(super) struct Mapper<'a> {
    pub split: Option<&'a Split<'a>>,
    /// The page's source path from `content/`.
    pub src: &'a str,
    /// Its path from the source site's folder, for notes.
    pub file: &'a str,
    pub table: &'a Table,
    pub notes: &'a mut Vec<ImportNote>,
    pub front: Front,
}

impl Mapper<'_> {
    /// A note about the key `key` (at its line).
    pub(super) fn note(&mut self, key: &str, what: impl Into<String>, help: impl Into<String>) {
        let line = self.split.map(|s| front_matter::key_line(s, key));
        self.notes.push(ImportNote::at(self.file, line, what, help));
    }

    /// A key medleaf has nothing for: dropped, with what to do instead.
    pub(super) fn dropped(&mut self, key: &str, help: &str) {
        self.note(key, format!("`{key}` was not converted"), help);
    }

    /// `date`, `lastmod`, `updated`...: kept as a comment, never as a review date.
    pub(super) fn edit_date(&mut self, key: &str, value: &Value) {
        let shown = front_matter::text(value).unwrap_or_else(|| value.to_string());
        self.front.comments.push(format!(
            "{key} was {shown} in the old site: an edit date, not a clinical review"
        ));
        self.note(
            key,
            format!("`{key}: {shown}` is an edit or publishing date, not a clinical review date: it was not made `last_reviewed`"),
            "when a clinician has reviewed the whole page, set `last_reviewed` (and `reviewed_by`); the old date is kept as a comment in the front matter",
        );
    }

    /// `aliases`: old addresses, from the site root.
    pub(super) fn aliases(&mut self, key: &str, value: &Value) {
        for alias in front_matter::texts(value) {
            self.alias(key, &alias);
        }
    }

    /// One old address, made a site path (`/old/`); refused forms are noted.
    fn alias(&mut self, key: &str, alias: &str) {
        let trimmed = alias.trim();
        let absolute = if trimmed.starts_with('/') {
            trimmed.to_owned()
        } else {
            // A relative alias is relative to the page's folder, as in Hugo.
            let dir = paths::dir_of(self.src);
            if dir.is_empty() {
                format!("/{trimmed}")
            } else {
                format!("/{dir}/{trimmed}")
            }
        };
        if crate::content::is_refused_alias(&absolute) || absolute == "/" {
            self.note(
                key,
                format!("the alias `{alias}` is not a site address medleaf can redirect from"),
                "write it from the site root, such as `/old-page/`, in `aliases`",
            );
        } else if !self.front.aliases.contains(&absolute) {
            self.front.aliases.push(absolute);
        }
    }

    /// `url` (Hugo) or `path` (Zola): the page's own address. medleaf's address comes from the
    /// file; the old one becomes an alias so links to it keep working.
    pub(super) fn address(&mut self, key: &str, value: &Value, new_address: &str) {
        let Some(old) = front_matter::text(value) else {
            return;
        };
        let mut old_path = if old.starts_with('/') {
            old.clone()
        } else {
            format!("/{old}")
        };
        if !old_path.ends_with('/') && !old_path.rsplit('/').next().unwrap_or("").contains('.') {
            old_path.push('/');
        }
        if old_path == new_address {
            return;
        }
        self.note(
            key,
            format!("`{key}: {old}` set the page's address; in medleaf the address comes from the file name ({new_address}), and `{old_path}` redirects to it"),
            "rename the file, or set `slug`, to choose the new address",
        );
        self.alias(key, &old_path);
    }

    /// Topic names, in order, once each.
    pub(super) fn topics(&mut self, value: &Value) {
        for t in front_matter::texts(value) {
            let t = t.trim().to_owned();
            if !t.is_empty() && !self.front.topics.contains(&t) {
                self.front.topics.push(t);
            }
        }
    }

    /// `weight`: a whole number.
    pub(super) fn weight(&mut self, key: &str, value: &Value) {
        match value.as_i64() {
            Some(w) => self.front.weight = Some(w),
            None => self.note(
                key,
                format!("`{key}` is not a whole number"),
                "give a whole number, such as `weight: 10`",
            ),
        }
    }

    /// `draft: true`.
    pub(super) fn draft(&mut self, key: &str, value: &Value) {
        match value {
            Value::Bool(b) => self.front.draft = *b,
            _ => self.note(
                key,
                format!("`{key}` is not `true` or `false`"),
                "write `draft: true` or leave it out",
            ),
        }
    }

    /// A value the site kept for its own templates: a medleaf key medleaf can read is taken
    /// over; the rest goes to `extra` (medleaf's `page.extra` in templates).
    pub(super) fn custom(&mut self, key: &str, value: &Value, at: &str) {
        if REVIEW_KEYS.contains(&key)
            && let Some(v) = review_value(key, value)
        {
            self.front.review.retain(|(k, _)| *k != key);
            let k = REVIEW_KEYS
                .iter()
                .find(|k| **k == key)
                .copied()
                .unwrap_or("");
            self.front.review.push((k, v));
            self.front
                .review
                .sort_by_key(|(k, _)| REVIEW_KEYS.iter().position(|r| r == k));
            return;
        }
        match key {
            "related" => return self.related(at, value),
            "image" | "image_alt" if value.is_string() => {
                let text = value.as_str().unwrap_or_default().to_owned();
                if key == "image_alt" {
                    self.front.image_alt = Some(text);
                    return;
                }
                let lower = text.to_ascii_lowercase();
                if [".jpg", ".jpeg", ".png", ".webp"]
                    .iter()
                    .any(|e| lower.ends_with(e))
                {
                    self.front.image = Some(text);
                    return;
                }
            }
            "topics" => return self.topics(value),
            _ => {}
        }
        if REVIEW_KEYS.contains(&key) {
            self.note(
                at,
                format!("`{key}` is not in the form medleaf reads; it was kept under `extra`"),
                "rewrite it as the README's \"Front matter\" table shows, at the top level",
            );
        } else {
            self.note(
                at,
                format!("`{key}` has no medleaf equal; it was kept under `extra` (`page.extra.{key}` in templates)"),
                "if it is a clinical review date, a reviewer or a source, move it to `last_reviewed`, `reviewed_by` or `sources`; otherwise leave it for your templates, or delete it",
            );
        }
        self.front.extra.insert(key.to_owned(), value.clone());
    }

    /// `related`: pages, as the generator named them, made relative `.md` paths.
    fn related(&mut self, at: &str, value: &Value) {
        for r in front_matter::texts(value) {
            let target = r.trim_start_matches("@/");
            match self.table.hugo_ref(self.src, target) {
                Some(found) => {
                    let link = self.table.link(self.src, found);
                    if !self.front.related.contains(&link) {
                        self.front.related.push(link);
                    }
                }
                None => self.note(
                    at,
                    format!(
                        "`related` names `{r}`, which is not a page of the site; it was left out"
                    ),
                    "add the right page to `related` as a relative `.md` path",
                ),
            }
        }
    }
}

/// A review value in the form medleaf reads, if it is one.
fn review_value(key: &str, value: &Value) -> Option<Value> {
    let date = |v: &Value| {
        let s = front_matter::text(v)?;
        let day = s.get(..10)?;
        crate::date::Date::parse(day).ok()?;
        Some(Value::String(day.to_owned()))
    };
    match key {
        "last_reviewed" | "next_review" => date(value),
        "reviewed_by" => match value {
            Value::String(_) => Some(value.clone()),
            Value::Object(m)
                if m.get("name").is_some_and(Value::is_string)
                    && m.keys().all(|k| k == "name" || k == "role") =>
            {
                Some(value.clone())
            }
            _ => None,
        },
        "sources" => {
            let items = value.as_array()?;
            let mut out = Vec::new();
            for item in items {
                let m = item.as_object()?;
                if !m.get("title").is_some_and(Value::is_string)
                    || !m
                        .keys()
                        .all(|k| ["title", "publisher", "url", "accessed"].contains(&k.as_str()))
                {
                    return None;
                }
                let mut m = m.clone();
                if let Some(a) = m.get("accessed") {
                    let d = date(a)?;
                    m.insert("accessed".to_owned(), d);
                }
                out.push(Value::Object(m));
            }
            Some(Value::Array(out))
        }
        _ => None,
    }
}
