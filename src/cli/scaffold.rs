//! `medleaf new` and `medleaf init`.

use medleaf::Date;

use super::args::{InitArgs, NewArgs};
use super::print;
use super::print::outln;

/// Writes a new article.
pub(crate) fn new(args: NewArgs) -> i32 {
    match medleaf::new_article(&args.root, &args.path, args.title.as_deref(), Date::today()) {
        Ok(Ok(path)) => {
            outln!(
                "wrote {} (a draft: remove `draft: true` when it is reviewed)",
                path.display()
            );
            0
        }
        Ok(Err(problem)) => {
            print::diagnostics_and_summary(&[*problem]);
            print::CONTENT_ERRORS
        }
        Err(e) => print::fail(&e),
    }
}

/// Creates a new site.
pub(crate) fn init(args: InitArgs) -> i32 {
    match medleaf::init(&args.dir, Date::today()) {
        Ok(files) => {
            for f in &files {
                outln!("created {}", f.display());
            }
            outln!(
                "new site in {}: run `medleaf serve --root {}` to see it",
                args.dir.display(),
                args.dir.display()
            );
            0
        }
        Err(e) => print::fail(&e),
    }
}
