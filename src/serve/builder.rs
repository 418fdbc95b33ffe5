//! The builder loop's state: the latest analysed site and everything rendered from it, in
//! memory; what a batch of changed files calls for ([`Plan`]); and publishing to the HTTP
//! server's shared state.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;

use super::http::{Shared, Signal};
use super::incremental::{self, Update};
use super::watch::WATCHED;
use super::{Event, OVERLAY_ERRORS, Rebuild, Scope};
use crate::content::templates::SiteTemplates;
use crate::diagnostics::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::pipeline::{self, Built, Options, Report};
use crate::render::{Part, Templates};

/// What a batch of changed paths calls for.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Rebuild everything, for this reason.
    full: Option<String>,
    /// A template changed.
    templates: bool,
    /// Markdown files (relative to `content/`).
    pages: Vec<String>,
    /// Copied files changed in place: output path → source.
    files: Vec<(String, PathBuf)>,
    /// Folders to start watching.
    pub(super) new_dirs: Vec<PathBuf>,
    /// The changed paths, relative to the site folder, for people.
    pub(super) shown: Vec<PathBuf>,
}

impl Plan {
    pub(super) fn is_empty(&self) -> bool {
        self.full.is_none() && !self.templates && self.pages.is_empty() && self.files.is_empty()
    }
}

/// The latest analysed site and the templates it was rendered with.
struct Current {
    built: Built,
    templates: Templates,
}

/// Which outputs changed since they were last published.
#[derive(Debug, Default)]
enum Pending {
    #[default]
    Nothing,
    Some(BTreeSet<String>),
    Everything,
}

/// The builder loop's state: the latest build, in memory, and what is published of it.
pub(super) struct Builder {
    options: Options,
    shared: Arc<Shared>,
    /// `None` when the last full build could not analyse the site.
    current: Option<Current>,
    /// Every rendered output of the latest build, by output path.
    rendered: HashMap<String, Bytes>,
    /// Files copied as they are (`static/`, other files in `content/`), by output path. They
    /// win over a rendered file of the same path, as in `medleaf build`.
    files: HashMap<String, Bytes>,
    pending: Pending,
    /// Errors that stop the site from being analysed at all (a broken `site.yaml`).
    site_errors: Vec<Diagnostic>,
    /// Pages whose front matter no longer parses (relative to `content/`), with their errors.
    /// They stay in the site as they were until they parse again.
    unparsable: BTreeMap<String, Vec<Diagnostic>>,
    /// A failure that is not about content (a template, a file that cannot be read).
    failure: Option<String>,
    /// The build report and search index are older than the pages.
    pub(super) whole_site_stale: bool,
    /// Outputs changed by the current rebuild, for the report.
    touched: usize,
}

impl Builder {
    pub(super) fn new(options: Options, shared: Arc<Shared>) -> Builder {
        Builder {
            options,
            shared,
            current: None,
            rendered: HashMap::new(),
            files: HashMap::new(),
            pending: Pending::Nothing,
            site_errors: Vec::new(),
            unparsable: BTreeMap::new(),
            failure: None,
            whole_site_stale: false,
            touched: 0,
        }
    }

    /// The first build, reported as [`Event::Built`].
    pub(super) fn first_build(&mut self, on_event: &mut dyn FnMut(Event)) {
        let start = Instant::now();
        if let Err(e) = self.build_all() {
            self.failure = Some(format!("error: {e}"));
            on_event(Event::Problem(e));
        }
        self.publish();
        let mut report = Report {
            diagnostics: self.site_errors.clone(),
            ..Report::default()
        };
        if let Some(c) = &self.current {
            report.diagnostics = c.built.diagnostics.clone();
            report.pages = c.built.site.pages.len();
            report.median_grade = crate::report::median_grade(&c.built.health);
            report.raw_html_allowed =
                c.built.config.markdown.raw_html == crate::config::RawHtml::Allow;
        }
        report.files = self.rendered.len() + self.files.len();
        report.elapsed = start.elapsed();
        on_event(Event::Built(report));
    }

    /// Answers a tab asking for its page's warnings, from the latest analysed site.
    pub(super) fn answer(&self, request: super::warnings::Request) {
        let json =
            super::warnings::for_file(self.current.as_ref().map(|c| &c.built), &request.file);
        let _ = request.reply.send(json);
    }

    /// Sorts changed paths into what they call for.
    pub(super) fn plan(&self, paths: &[PathBuf]) -> Plan {
        let root = &self.options.root;
        let mut plan = Plan::default();
        let mut pages = BTreeSet::new();
        let mut shown = BTreeSet::new();
        for path in paths {
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            let rel_text = crate::fsutil::slash_path(root, path);
            let names: Vec<&str> = rel_text.split('/').collect();
            let Some(&top) = names.first() else { continue };
            // Hidden files and editors' leftovers are not part of the site (as when building).
            if names[1..].iter().any(|n| crate::fsutil::is_ignored_name(n)) {
                continue;
            }
            let inner = names[1..].join("/");
            match (top, names.len()) {
                ("site.yaml", 1) => plan.full = Some("`site.yaml` changed".into()),
                (dir, 1) if WATCHED.contains(&dir) => {
                    if path.is_dir() {
                        plan.new_dirs.push(path.clone());
                    }
                    plan.full = Some(format!("`{dir}/` was created or removed"));
                }
                ("templates", _) if !path.is_dir() => plan.templates = true,
                ("content", _) if inner == crate::content::GLOSSARY_FILE => {
                    plan.full = Some("the glossary changed".into());
                }
                ("content", _) if inner.ends_with(".md") && !path.is_dir() => {
                    pages.insert(inner.clone());
                }
                // A snippet may be embedded anywhere: every page that embeds it is rendered
                // again (the whole site is analysed again, which finds them all).
                ("snippets", _) if inner.ends_with(".md") || path.is_dir() => {
                    plan.full = Some(format!("the snippet `{}` changed", rel.display()));
                }
                ("snippets", _) => continue,
                // An image is published as the widths made from it: analysed again, it is
                // processed again (or found in the cache).
                ("content" | "static", _) if crate::images::is_image(&inner) => {
                    plan.full = Some(format!("the image `{}` changed", rel.display()));
                }
                ("content" | "static", _) => match self.copied_file(path) {
                    Some(key) if path.is_file() => plan.files.push((key, path.clone())),
                    None if !path.exists() && !self.holds_known(path) => continue,
                    None if path.is_dir() && !self.holds_unknown(path) => continue,
                    _ => plan.full = Some(format!("`{}` was added or removed", rel.display())),
                },
                _ => continue,
            }
            shown.insert(rel.to_path_buf());
        }
        plan.pages = pages.into_iter().collect();
        plan.shown = shown.into_iter().collect();
        plan
    }

    /// The output path of a known copied file read from `path`.
    fn copied_file(&self, path: &Path) -> Option<String> {
        let current = self.current.as_ref()?;
        current
            .built
            .site
            .assets
            .iter()
            .find(|a| a.source == path)
            .map(|a| a.rel.clone())
    }

    /// Whether the site had files under `path` (a folder just removed).
    fn holds_known(&self, path: &Path) -> bool {
        let Some(current) = &self.current else {
            return true;
        };
        let site = &current.built.site;
        let content = self.options.root.join("content");
        site.assets.iter().any(|a| a.source.starts_with(path))
            || site
                .pages
                .iter()
                .map(|p| &p.rel)
                .chain(&site.drafts)
                .chain(&site.failed)
                .any(|rel| content.join(rel).starts_with(path))
    }

    /// Whether folder `path` holds files the site does not know (a folder moved in).
    fn holds_unknown(&self, path: &Path) -> bool {
        let Some(current) = &self.current else {
            return true;
        };
        let site = &current.built.site;
        let content = self.options.root.join("content");
        let known: BTreeSet<PathBuf> = site
            .assets
            .iter()
            .map(|a| a.source.clone())
            .chain(site.pages.iter().map(|p| content.join(&p.rel)))
            .chain(
                site.drafts
                    .iter()
                    .chain(&site.failed)
                    .map(|r| content.join(r)),
            )
            .collect();
        walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .any(|e| !known.contains(e.path()))
    }

    /// Carries out a plan and tells the tabs and the caller.
    pub(super) fn rebuild(&mut self, plan: Plan, start: Instant, on_event: &mut dyn FnMut(Event)) {
        self.failure = None;
        let changed_files: BTreeSet<String> = plan
            .pages
            .iter()
            .map(|rel| format!("content/{rel}"))
            .collect();
        self.touched = 0;
        let scope = match self.apply(&plan) {
            Ok(scope) => scope,
            Err((scope, e)) => {
                self.failure = Some(format!("error: {e}"));
                on_event(Event::Problem(e));
                scope
            }
        };
        let files = self.touched;
        let served = self.publish();
        let errors = self.errors();
        let (mut shown, total) = match &self.current {
            Some(c) => (
                c.built
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        !d.is_error()
                            && d.location.as_ref().is_some_and(|l| {
                                changed_files.contains(&l.file)
                                    || (plan.templates && l.file.starts_with("templates/"))
                            })
                    })
                    .cloned()
                    .collect::<Vec<_>>(),
                c.built.diagnostics.len(),
            ),
            None => (Vec::new(), 0),
        };
        let error_count = errors.len();
        shown.extend(errors);
        diagnostics::sort(&mut shown);
        on_event(Event::Rebuilt(Rebuild {
            scope,
            files,
            elapsed: start.elapsed(),
            diagnostics: shown,
            errors: error_count,
            warnings: total.saturating_sub(self.current.as_ref().map_or(0, |c| {
                c.built.diagnostics.iter().filter(|d| d.is_error()).count()
            })),
            served,
        }));
    }

    /// Rebuilds what the plan calls for; on failure, says how far it got.
    fn apply(&mut self, plan: &Plan) -> std::result::Result<Scope, (Scope, Error)> {
        if let Some(reason) = &plan.full {
            let scope = Scope::Full(reason.clone());
            return self
                .build_all()
                .map(|()| scope.clone())
                .map_err(|e| (scope, e));
        }
        if self.current.is_none() {
            let scope = Scope::Full("the last build did not finish".into());
            return self
                .build_all()
                .map(|()| scope.clone())
                .map_err(|e| (scope, e));
        }
        let mut scope = Scope::Files;
        if !plan.pages.is_empty() {
            scope = Scope::Pages;
            if let Some(reason) = self
                .update_pages(&plan.pages)
                .map_err(|e| (Scope::Pages, e))?
            {
                let scope = Scope::Full(reason);
                return self
                    .build_all()
                    .map(|()| scope.clone())
                    .map_err(|e| (scope, e));
            }
        }
        if plan.templates {
            scope = Scope::Templates;
            self.render_all().map_err(|e| (Scope::Templates, e))?;
        }
        for (key, source) in &plan.files {
            let bytes = std::fs::read(source)
                .map_err(|e| (scope.clone(), Error::io("cannot read", source)(e)))?;
            self.set(key, Bytes::from(bytes), true);
        }
        Ok(scope)
    }

    /// Applies edited pages incrementally. `Ok(Some(reason))` when they need a full rebuild.
    fn update_pages(&mut self, pages: &[String]) -> Result<Option<String>> {
        let Some(languages) = self
            .current
            .as_ref()
            .map(|c| c.built.config.languages.clone())
        else {
            return Ok(Some("the last build did not finish".into()));
        };
        let edits = incremental::read(&self.options, &languages, pages)?;
        let Some(current) = self.current.take() else {
            return Ok(Some("the last build did not finish".into()));
        };
        let applied = match incremental::update(current.built, &self.options, edits) {
            Update::Full { reason } => return Ok(Some(reason)),
            Update::Applied(a) => *a,
        };
        for rel in pages {
            self.unparsable.remove(rel);
        }
        self.unparsable.extend(applied.unparsable);
        // The edited pages first, published at once so their tabs reload without waiting for
        // what lists them (a folder listing of 10,000 links takes longer to render than the
        // page itself); then everything else that shows them.
        let edited: BTreeSet<usize> = pages
            .iter()
            .filter_map(|rel| applied.built.index.page_by_rel(rel))
            .collect();
        let (first, rest): (Vec<Part>, Vec<Part>) = applied
            .parts
            .iter()
            .partition(|part| matches!(part, Part::Page(i) if edited.contains(i)));
        let first_files = incremental::render_parts(&applied.built, &current.templates, &first);
        self.current = Some(Current {
            built: applied.built,
            templates: current.templates,
        });
        for f in first_files? {
            self.set(&f.path, Bytes::from(f.bytes), false);
        }
        self.publish_new_images()?;
        self.retire_unshown_images()?;
        if !rest.is_empty() && self.errors().is_empty() && self.failure.is_none() {
            self.publish();
        }
        let Some(current) = &self.current else {
            return Ok(None);
        };
        let rest_files = incremental::render_parts(&current.built, &current.templates, &rest);
        for f in rest_files? {
            self.set(&f.path, Bytes::from(f.bytes), false);
        }
        if !applied.parts.is_empty() {
            self.whole_site_stale = true;
        }
        Ok(None)
    }

    /// Analyses and renders the whole site and reads its copied files.
    fn build_all(&mut self) -> Result<()> {
        self.current = None;
        self.site_errors.clear();
        self.unparsable.clear();
        self.whole_site_stale = false;
        let built = match pipeline::analyse(&self.options)? {
            Ok(b) => b,
            Err(diagnostics) => {
                self.site_errors = diagnostics;
                return Ok(());
            }
        };
        let mut files = HashMap::new();
        for asset in &built.images.published_assets(&built.site.assets) {
            let bytes = copied_bytes(asset)?;
            files.insert(asset.rel.clone(), Bytes::from(bytes));
        }
        self.files = files;
        let templates = built.templates()?;
        self.current = Some(Current { built, templates });
        self.render_all()
    }

    /// Renders every page of the current site (after a template changed).
    fn render_all(&mut self) -> Result<()> {
        let Some(current) = &mut self.current else {
            return Ok(());
        };
        // A template added, removed or edited may change which templates are used and
        // whether the pages' `template:` names one: read them again and redo those checks.
        let built = &mut current.built;
        built.site_templates =
            SiteTemplates::read(&self.options.root, built.config.follow_links_outside)?;
        built.recheck_across_pages();
        built.refresh(self.options.strict);
        current.templates = built.templates()?;
        let (files, _) = pipeline::render(&current.built, &current.templates)?;
        self.rendered = files
            .into_iter()
            .map(|f| (f.path, Bytes::from(f.bytes)))
            .collect();
        self.whole_site_stale = false;
        self.pending = Pending::Everything;
        self.touched = self.rendered.len();
        Ok(())
    }

    /// Makes the build report and the search index again, once the author pauses.
    pub(super) fn refresh_whole_site(&mut self) {
        self.whole_site_stale = false;
        let Some(current) = &self.current else { return };
        let files = incremental::whole_site_outputs(&current.built);
        // The index may have fewer chunks than before: drop the old ones first.
        let old: Vec<String> = self
            .rendered
            .keys()
            .filter(|p| crate::search::is_index_file(p))
            .cloned()
            .collect();
        for path in old {
            self.rendered.remove(&path);
            self.mark(&path);
        }
        for f in files {
            self.set(&f.path, Bytes::from(f.bytes), false);
        }
        if self.errors().is_empty() && self.failure.is_none() {
            self.publish_files();
        }
    }

    /// Records a new output (`copied`: a file copied as it is) if it differs.
    /// The files of images an edited page showed for the first time: their widths are
    /// served, and their sources no longer (as in a build).
    fn publish_new_images(&mut self) -> Result<()> {
        let Some(current) = &self.current else {
            return Ok(());
        };
        let images = &current.built.images;
        let mut new = Vec::new();
        for f in pipeline::image_files(&current.built) {
            if !self.rendered.contains_key(f.path) {
                let bytes = images
                    .read(&f)
                    .map_err(Error::io("cannot read", images.cache_dir()))?;
                new.push((f.path.to_owned(), bytes));
            }
        }
        for (path, bytes) in new {
            self.files.remove(&path);
            self.set(&path, Bytes::from(bytes), false);
        }
        Ok(())
    }

    /// Stops serving the widths of images no page shows any more after an edit (only files
    /// medleaf made from them), and serves their sources again as a build would publish them:
    /// copied, without their metadata.
    fn retire_unshown_images(&mut self) -> Result<()> {
        let Some(current) = &self.current else {
            return Ok(());
        };
        let shown: BTreeSet<&str> = pipeline::image_files(&current.built)
            .iter()
            .map(|f| f.image)
            .collect();
        let mut stale = Vec::new();
        let mut sources = BTreeSet::new();
        for f in current.built.images.files() {
            if !shown.contains(f.image) && self.rendered.contains_key(f.path) {
                stale.push(f.path.to_owned());
                sources.insert(f.image.to_owned());
            }
        }
        let mut restored = Vec::new();
        for asset in &current.built.site.assets {
            if sources.contains(&asset.rel) {
                restored.push((asset.rel.clone(), copied_bytes(asset)?));
            }
        }
        for path in stale {
            self.rendered.remove(&path);
            self.mark(&path);
            self.touched += 1;
        }
        for (path, bytes) in restored {
            self.set(&path, Bytes::from(bytes), true);
        }
        Ok(())
    }

    fn set(&mut self, path: &str, bytes: Bytes, copied: bool) {
        let map = if copied {
            &mut self.files
        } else {
            &mut self.rendered
        };
        if map.get(path) != Some(&bytes) {
            map.insert(path.to_owned(), bytes);
            self.mark(path);
            self.touched += 1;
        }
    }

    fn mark(&mut self, path: &str) {
        match &mut self.pending {
            Pending::Everything => {}
            Pending::Some(paths) => {
                paths.insert(path.to_owned());
            }
            Pending::Nothing => self.pending = Pending::Some([path.to_owned()].into()),
        }
    }

    /// Every error in the site now: the settings', the pages', and unparsable pages'.
    fn errors(&self) -> Vec<Diagnostic> {
        let mut out = self.site_errors.clone();
        if let Some(c) = &self.current {
            let unparsable = |d: &Diagnostic| {
                d.location.as_ref().is_some_and(|l| {
                    l.file
                        .strip_prefix("content/")
                        .is_some_and(|rel| self.unparsable.contains_key(rel))
                })
            };
            out.extend(
                c.built
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error() && !unparsable(d))
                    .cloned(),
            );
        }
        out.extend(self.unparsable.values().flatten().cloned());
        diagnostics::sort(&mut out);
        out
    }

    /// Publishes the latest build if it has no errors (or if nothing was ever published), and
    /// tells open tabs. Returns whether it was published.
    fn publish(&mut self) -> bool {
        let errors = self.errors();
        let broken = !errors.is_empty() || self.failure.is_some() || self.current.is_none();
        let problem = broken.then(|| overlay_text(&errors, self.failure.as_deref()));
        let ready = self
            .shared
            .site
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .ready;
        if broken && ready {
            let mut site = self.shared.site.write().unwrap_or_else(|e| e.into_inner());
            let text: Arc<str> = problem.clone().unwrap_or_default().into();
            site.problem = problem;
            drop(site);
            let _ = self.shared.signals.send(Signal::Problem(text));
            return false;
        }
        // Which files the tabs may be showing changed: all of them after a full render.
        let paths: Option<Arc<[String]>> = match &self.pending {
            Pending::Some(paths) => Some(paths.iter().cloned().collect()),
            _ => None,
        };
        let changed = self.publish_files();
        let mut site = self.shared.site.write().unwrap_or_else(|e| e.into_inner());
        let was_broken = site.problem.is_some();
        site.problem = problem.clone();
        // Until something was rendered, every address shows the "could not be built" page.
        site.ready |= !self.rendered.is_empty();
        if changed {
            site.version += 1;
        }
        let version = site.version;
        drop(site);
        match problem {
            Some(text) => {
                let _ = self.shared.signals.send(Signal::Problem(text.into()));
            }
            None if was_broken => {
                let _ = self.shared.signals.send(Signal::Clear);
            }
            None => {}
        }
        if changed {
            let _ = self.shared.signals.send(Signal::Reload(version, paths));
        }
        true
    }

    /// Copies pending outputs into the served site. Returns whether anything changed.
    fn publish_files(&mut self) -> bool {
        let pending = std::mem::take(&mut self.pending);
        let mut site = self.shared.site.write().unwrap_or_else(|e| e.into_inner());
        match pending {
            Pending::Nothing => return false,
            Pending::Everything => {
                let mut all = self.rendered.clone();
                all.extend(self.files.iter().map(|(k, v)| (k.clone(), v.clone())));
                site.files = all;
            }
            Pending::Some(paths) => {
                for path in paths {
                    match self.files.get(&path).or_else(|| self.rendered.get(&path)) {
                        Some(bytes) => {
                            site.files.insert(path, bytes.clone());
                        }
                        None => {
                            site.files.remove(&path);
                        }
                    }
                }
            }
        }
        true
    }
}

/// The bytes served for a file copied as it is: photos without their metadata, as a build
/// publishes them.
fn copied_bytes(asset: &crate::content::Asset) -> Result<Vec<u8>> {
    match crate::images::strip::copied_file(&asset.rel, &asset.source) {
        Some(stripped) => stripped.map_err(Error::io("cannot publish", &asset.source)),
        None => std::fs::read(&asset.source).map_err(Error::io("cannot read", &asset.source)),
    }
}

/// The text shown over the page: the errors as the terminal shows them (without colour).
fn overlay_text(errors: &[Diagnostic], failure: Option<&str>) -> String {
    let mut parts: Vec<String> = errors
        .iter()
        .take(OVERLAY_ERRORS)
        .map(|d| diagnostics::render(d, false))
        .collect();
    if errors.len() > OVERLAY_ERRORS {
        parts.push(format!(
            "... and {} more (the terminal lists them all)",
            errors.len() - OVERLAY_ERRORS
        ));
    }
    parts.extend(failure.map(str::to_owned));
    parts.extend(diagnostics::summary(errors));
    if parts.is_empty() {
        parts.push("error: the site could not be built".to_owned());
    }
    parts.join("\n\n")
}
