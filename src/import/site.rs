//! The source site's settings file (Hugo's `hugo.toml`, Zola's `config.toml`...) read into the
//! few settings medleaf's `site.yaml` shares with it, and written as `site.yaml`.

use std::path::Path;

use serde_json::{Map, Value};

use super::front_matter::{self, scalar};
use super::report::ImportNote;
use crate::error::{Error, Result};

/// What the source site's settings say that medleaf keeps.
#[derive(Debug, Default)]
pub(super) struct Settings {
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    /// Front-matter keys that are taxonomies (Hugo: the plural names in `taxonomies`).
    pub taxonomies: Vec<String>,
}

impl Settings {
    /// `site.yaml` for these settings.
    pub(super) fn to_yaml(&self) -> String {
        let mut out = String::from(
            "# Written by `medleaf import`; see the README's \"site.yaml\" for every setting.\n",
        );
        for (key, value) in [
            ("title", &self.title),
            ("description", &self.description),
            ("base_url", &self.base_url),
            ("language", &self.language),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                out.push_str(&format!("{key}: {}\n", scalar(v)));
            }
        }
        out
    }
}

/// The first of `names` (paths from the site folder) that exists, read into a map, with its
/// name. TOML, YAML and JSON are told apart by the file's extension.
pub(super) fn read_first(
    src: &Path,
    names: &[&str],
    notes: &mut Vec<ImportNote>,
) -> Result<Option<(String, Map<String, Value>)>> {
    for name in names {
        let path = src.join(name);
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(Error::io("cannot read", &path))?;
        let parsed: std::result::Result<Value, String> = if name.ends_with(".toml") {
            text.parse::<toml::Table>()
                .map(|t| front_matter::toml_to_json(toml::Value::Table(t)))
                .map_err(|e| e.message().to_owned())
        } else if name.ends_with(".json") {
            serde_json::from_str(&text).map_err(|e| e.to_string())
        } else {
            serde_yaml::from_str(&text).map_err(|e| e.to_string())
        };
        return match parsed {
            Ok(Value::Object(map)) => Ok(Some(((*name).to_owned(), map))),
            Ok(_) => Ok(Some(((*name).to_owned(), Map::new()))),
            Err(e) => {
                notes.push(ImportNote::at(
                    name,
                    None,
                    format!("the settings file could not be read ({e}); `site.yaml` has no settings from it"),
                    "fill in `title`, `base_url` and `language` in site.yaml by hand",
                ));
                Ok(Some(((*name).to_owned(), Map::new())))
            }
        };
    }
    Ok(None)
}

/// A setting as text, under any of its spellings.
pub(super) fn get(map: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)))
        .and_then(|(_, v)| front_matter::text(v))
}

/// What to do about a Hugo or Zola site's `languages` setting.
pub(super) const LANGUAGES_HELP: &str = "declare other languages under `languages:` in site.yaml; translations are `page.es.md` beside `page.md`";

/// What to do about a Hugo or Zola site's `theme` setting.
pub(super) const THEME_HELP: &str =
    "medleaf has a built-in theme; override its templates in `templates/` (README \"Templates\")";

/// Notes for the settings of the source site's settings file `name` that medleaf does not
/// import, when they are there.
pub(super) fn unimported_settings(
    name: &str,
    map: &Map<String, Value>,
    settings: &[(&str, &str)],
    notes: &mut Vec<ImportNote>,
) {
    for (key, help) in settings {
        if map.contains_key(*key) {
            notes.push(ImportNote::at(
                name,
                None,
                format!("the setting `{key}` was not imported"),
                *help,
            ));
        }
    }
}

/// Notes for the folders of the source site that medleaf does not import (templates, themes,
/// data), when they exist.
pub(super) fn unimported_folders(
    src: &Path,
    folders: &[(&str, &str)],
    notes: &mut Vec<ImportNote>,
) {
    for (folder, help) in folders {
        if src.join(folder).is_dir() {
            notes.push(ImportNote::at(
                &format!("{folder}/"),
                None,
                format!("`{folder}/` was not imported"),
                *help,
            ));
        }
    }
}
