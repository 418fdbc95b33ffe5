//! Stage-by-stage entry points for the criterion benchmarks (`benches/stages.rs`), which live
//! outside the crate and so cannot reach its private stages. Not a stable API: it is hidden
//! from the documentation and may change with any release.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, Config, Overrides};
use crate::content;
use crate::date::Date;
use crate::health::readability::SyllableMemo;
use crate::links::graph;
use crate::output::{self, OutputFile};
use crate::pipeline::{self, Built, Options};
use crate::render::{self, Templates};

/// A site analysed once, so each stage can be timed on its own.
#[derive(Debug)]
pub struct Prepared {
    root: PathBuf,
    config: Config,
    built: Built,
    templates: Templates,
    today: Date,
}

impl Prepared {
    /// Analyses the site at `root`, which must have no errors.
    pub fn new(root: &Path, today: Date) -> Prepared {
        let mut options = Options::new(root);
        options.today = today;
        let built = pipeline::analyse(&options)
            .expect("the site can be read")
            .expect("the site's settings are valid");
        Prepared {
            root: root.to_path_buf(),
            config: config::load(root, &Overrides::default())
                .expect("the site can be read")
                .expect("the site's settings are valid"),
            templates: built.templates().expect("the templates compile"),
            built,
            today,
        }
    }

    /// Stage "load": read every file and parse front matter. Returns the number of pages.
    pub fn load(&self) -> usize {
        let (site, _) = content::load(&self.config, false).expect("the site can be read");
        site.pages.len()
    }

    /// Stage "pages": Markdown and the health checks of every page. Returns the bytes of HTML.
    pub fn pages(&self) -> usize {
        let b = &self.built;
        let env = b.page_env(self.today);
        b.site
            .pages
            .par_iter()
            .map_init(SyllableMemo::default, |memo, p| {
                pipeline::analyse_page(p, env, memo).body.html.len()
            })
            .sum()
    }

    /// Stage "links": anchor and `related:` checks, backlinks and related articles. Returns
    /// the number of problems found.
    pub fn links(&self) -> usize {
        let b = &self.built;
        let pages = &b.site.pages;
        let problems: usize = (0..pages.len())
            .into_par_iter()
            .map(|i| pipeline::check_links(pages, &b.bodies, &b.index, i).len())
            .sum();
        let graph = graph::build(pages, &b.bodies, &b.index, &b.topics);
        problems + graph.related.len()
    }

    /// Stage "templates": every page rendered into memory. Returns the number of files.
    pub fn templates(&self) -> usize {
        self.render().len()
    }

    fn render(&self) -> Vec<OutputFile> {
        let (files, ()) = output::collect(|sink| {
            render::render_site_into(&self.built.data(), &self.templates, sink)
        })
        .expect("the templates render");
        files
    }

    /// Stage "write": the rendered files written to `out` and swapped in. Returns the number
    /// of files written.
    pub fn write(&self, out: &Path) -> usize {
        let files = self.render();
        let writer = output::Writer::begin(&self.root, out, &self.built.site.assets)
            .expect("the output folder can be written");
        files
            .par_iter()
            .try_for_each(|f| writer.write(f))
            .expect("the files can be written");
        writer.finish().expect("the output can be swapped in");
        files.len()
    }
}
