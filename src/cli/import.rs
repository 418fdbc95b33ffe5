//! `medleaf import hugo|zola SRC DEST`: runs the import and prints what it could not convert,
//! grouped by what to do, so a long list (800 pages with a `date`) stays readable.

use medleaf::{Generator, ImportNote};

use super::args::{From, ImportArgs};
use super::print::{self, outln};

/// Imports a site.
pub(crate) fn run(args: ImportArgs) -> i32 {
    let generator = match args.from {
        From::Hugo => Generator::Hugo,
        From::Zola => Generator::Zola,
    };
    let report = match medleaf::import(generator, &args.src, &args.dest) {
        Ok(r) => r,
        Err(e) => return print::fail(&e),
    };
    // Notes with the same advice are one group, in the order their first note comes.
    let mut groups: Vec<(&str, Vec<&ImportNote>)> = Vec::new();
    for note in &report.notes {
        match groups.iter_mut().find(|(help, _)| *help == note.help) {
            Some((_, list)) => list.push(note),
            None => groups.push((&note.help, vec![note])),
        }
    }
    for (help, list) in &groups {
        for note in list {
            let place = match note.line {
                Some(line) => format!("{}:{line}", note.file),
                None => note.file.clone(),
            };
            outln!("{place}: {}", note.what);
        }
        outln!("  = help: {help}");
        outln!("");
    }
    let to_do = match report.notes.len() {
        0 => "nothing to finish by hand".to_owned(),
        1 => "1 thing to finish by hand (above)".to_owned(),
        n => format!("{n} things to finish by hand (above)"),
    };
    outln!(
        "imported {} pages and copied {} files into {}; {to_do}",
        report.pages,
        report.files,
        report.dest.display()
    );
    outln!(
        "next: `medleaf check --root {}` lists what medleaf still needs (clinical reviews, sources)",
        args.dest.display()
    );
    0
}
