//! Interface strings per language (issue 12): every string the theme or medleaf writes into a
//! page (labels, care-card prefixes, the review block, search messages, dates in words) comes
//! from a catalog, so a page in Spanish is in Spanish throughout.
//!
//! medleaf ships catalogs for English and Spanish (`i18n/en.yaml`, `i18n/es.yaml` in its
//! repository, built into the binary). A site may override any string in its own
//! `i18n/<code>.yaml`; a language with no built-in catalog must give them all. A missing string
//! is an error naming the key and the language, never a silent fallback to English; an unknown
//! key (a typo that would be silently ignored) is an error too.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::{Config, primary_subtag};
use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::error::{Error, Result};
use crate::source::SourceFile;

/// The catalogs built into medleaf, by primary language subtag. English is the reference: its
/// keys are the keys every catalog must have.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../i18n/en.yaml")),
    ("es", include_str!("../i18n/es.yaml")),
];

/// The folder of a site's own catalogs.
pub(crate) const DIR: &str = "i18n";

/// One language's strings.
#[derive(Debug, Clone, Default)]
pub(crate) struct Strings {
    map: BTreeMap<String, String>,
}

impl Strings {
    /// The string for `key`. Catalogs are checked complete when loaded, so a key medleaf uses
    /// is always there (a test checks that every key the code and templates use is in the
    /// English catalog); were one missing, the key itself shows, never another language.
    pub(crate) fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` with each `{name}` replaced by its value.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_owned();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A date in words (`16 November 2026`, `16 de noviembre de 2026`).
    pub(crate) fn date(&self, date: Date) -> String {
        let month = self.get(MONTHS[usize::from(date.month()) - 1]);
        self.fill(
            "date_format",
            &[
                ("day", &date.day().to_string()),
                ("month", month),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// Every string, for templates (`t.sources`) and scripts.
    pub(crate) fn map(&self) -> &BTreeMap<String, String> {
        &self.map
    }
}

/// The keys of the month names, January first.
const MONTHS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
    "month_9", "month_10", "month_11", "month_12",
];

/// Parses a catalog's text: a flat mapping of keys to strings.
fn parse(file: &SourceFile) -> std::result::Result<BTreeMap<String, String>, Box<Diagnostic>> {
    crate::yaml::parse::<BTreeMap<String, String>>(file, 0..file.text.len(), Code::Language)
}

/// The reference keys: the English catalog's.
fn reference() -> BTreeMap<String, String> {
    let file = SourceFile::new("i18n/en.yaml (built in)", BUILT_IN[0].1.to_owned());
    parse(&file).unwrap_or_default()
}

/// Loads every language's strings (in `config.languages` order): the built-in catalog of its
/// primary subtag, if any, with the site's `i18n/<code>.yaml` laid over it.
pub(crate) fn load(config: &Config) -> Result<(Vec<Strings>, Vec<Diagnostic>)> {
    let reference = reference();
    let mut all = Vec::with_capacity(config.languages.len());
    let mut problems = Vec::new();
    for language in &config.languages {
        let primary = primary_subtag(&language.tag);
        let mut map: BTreeMap<String, String> = BUILT_IN
            .iter()
            .find(|(code, _)| *code == primary || *code == language.code)
            .map(|(code, text)| {
                let file =
                    SourceFile::new(format!("i18n/{code}.yaml (built in)"), (*text).to_owned());
                parse(&file).unwrap_or_default()
            })
            .unwrap_or_default();
        let path = config
            .root
            .join(DIR)
            .join(format!("{}.yaml", language.code));
        let site_file = match SourceFile::read(format!("{DIR}/{}.yaml", language.code), &path) {
            Ok(f) => Some(Arc::new(f)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io("cannot read", path)(e)),
        };
        if let Some(file) = &site_file {
            match parse(file) {
                Ok(overrides) => {
                    for (key, value) in overrides {
                        // Language names (`language_fr`) may be added for any language.
                        if !reference.contains_key(&key) && !key.starts_with("language_") {
                            let span = crate::yaml::find_key(file, 0..file.text.len(), &key, 0)
                                .unwrap_or(0..0);
                            problems.push(
                                Diagnostic::error(Code::Language, format!("unknown string `{key}`"))
                                    .at(file, span)
                                    .help(match did_you_mean(&key, reference.keys().map(String::as_str)) {
                                        Some(k) => format!("did you mean `{k}`?"),
                                        None => "the keys are those of medleaf's `i18n/en.yaml` (README, \"Languages\")".to_owned(),
                                    }),
                            );
                            continue;
                        }
                        map.insert(key, value);
                    }
                }
                Err(d) => problems.push(*d),
            }
        }
        // Language names are optional: a language without one is named in itself.
        let missing: Vec<&String> = reference
            .keys()
            .filter(|k| !map.contains_key(*k) && !k.starts_with("language_"))
            .collect();
        for key in &missing {
            let d = Diagnostic::error(
                Code::Language,
                format!("no `{}` string for the language `{}`", key, language.code),
            )
            .help(format!(
                "add `{key}: ...` to `{DIR}/{}.yaml` (the English text is: {:?})",
                language.code, reference[*key]
            ));
            problems.push(match &site_file {
                Some(f) => d.at(f, 0..0),
                None => d,
            });
        }
        all.push(Strings { map });
    }
    Ok((all, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_catalogs_have_every_key_and_no_other() {
        let reference = reference();
        assert!(reference.len() > 50);
        for (code, text) in BUILT_IN {
            let map = parse(&SourceFile::new(*code, (*text).to_owned())).unwrap();
            let keys: Vec<&String> = map.keys().collect();
            let expected: Vec<&String> = reference.keys().collect();
            assert_eq!(keys, expected, "catalog {code}");
        }
    }

    /// Every key the code and the templates ask for is in the catalogs: a misspelt key would
    /// show the key itself to readers.
    #[test]
    fn every_key_used_is_in_the_catalog() {
        let reference = reference();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = Vec::new();
        for entry in walkdir::WalkDir::new(root.join("src"))
            .into_iter()
            .chain(walkdir::WalkDir::new(root.join("templates")))
        {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for pattern in ["strings.get(\"", "strings.fill(\"", "t.get(\"", "t.fill(\""] {
                for (i, _) in text.match_indices(pattern) {
                    let rest = &text[i + pattern.len()..];
                    used.push(rest[..rest.find('"').unwrap()].to_owned());
                }
            }
            if entry.path().extension().is_some_and(|e| e == "html") {
                // `{{ t.key }}` and `t.key | replace(...)` in templates.
                for (i, _) in text.match_indices("t.") {
                    let before = text[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    let rest = &text[i + 2..];
                    let key: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !key.is_empty() {
                        used.push(key);
                    }
                }
            }
        }
        assert!(used.len() > 20, "{used:?}");
        let missing: Vec<&String> = used
            .iter()
            .filter(|k| !reference.contains_key(*k))
            .collect();
        assert!(
            missing.is_empty(),
            "keys used but not in i18n/en.yaml: {missing:?}"
        );
    }

    #[test]
    fn dates_in_words() {
        let es = Strings {
            map: parse(&SourceFile::new("es", BUILT_IN[1].1.to_owned())).unwrap(),
        };
        assert_eq!(
            es.date(Date::parse("2026-11-16").unwrap()),
            "16 de noviembre de 2026"
        );
        let en = Strings { map: reference() };
        assert_eq!(
            en.date(Date::parse("2026-11-16").unwrap()),
            "16 November 2026"
        );
    }
}
