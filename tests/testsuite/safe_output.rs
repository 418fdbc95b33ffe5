//! Safe output: a build that fails leaves the previous output exactly as it was, medleaf
//! never replaces a folder it did not make or deletes a file it did not write, it refuses to
//! write over the site's own sources, and what an interrupted build leaves behind is cleaned
//! up by the next one without touching the previous output.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{Site, snapshot};

/// The valid fixture, built once so that `public/` holds a good site.
fn built_fixture() -> (Site, BTreeMap<String, Vec<u8>>) {
    let site = crate::common::fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    let before = snapshot(&site.public());
    assert!(before.contains_key("conditions/anemia/index.html"));
    (site, before)
}

/// Names in the site folder's parent that look like medleaf's temporary folders.
fn leftovers(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.scratch())
        .unwrap()
        .chain(std::fs::read_dir(&site.root).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The lock file stays (it is empty and the OS releases the lock); folders must not.
        .filter(|n| n.contains(".medleaf-") && !n.ends_with(".medleaf-lock"))
        // The image cache stays too: it is meant to (issue 13).
        .filter(|n| n != ".medleaf-cache")
        .collect();
    names.sort();
    names
}

#[test]
fn a_broken_link_leaves_the_previous_output_byte_identical() {
    let (site, before) = built_fixture();
    let folders = crate::common::folders(&site.public());
    let page = site.read("content/conditions/anemia.md");
    site.write(
        "content/conditions/anemia.md",
        &page.replace("../tests/blood-count.md#", "../tests/blood-cont.md#"),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
    assert_eq!(folders, crate::common::folders(&site.public()));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn bad_front_matter_leaves_the_previous_output_byte_identical() {
    let (site, before) = built_fixture();
    let page = site.read("content/tests/blood-count.md");
    site.write(
        "content/tests/blood-count.md",
        &page.replace("last_reviewed: 2026-08-20", "last_reviewed: 2026-13-01"),
    );
    site.build(&[]).assert_code(1);
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_successful_rebuild_replaces_only_what_medleaf_wrote() {
    let (site, before) = built_fixture();
    // Remove a page: its output must go, and everything else be rewritten.
    std::fs::remove_file(site.path("content/about.md")).unwrap();
    site.build(&[]).assert_code(0);
    let after = snapshot(&site.public());
    assert!(before.contains_key("about/index.html"));
    assert!(!after.contains_key("about/index.html"));
    assert!(
        !site.public().join("about").exists(),
        "empty folder left behind"
    );
    let manifest = String::from_utf8(after[".medleaf-manifest"].clone()).unwrap();
    let listed: Vec<&str> = manifest.lines().skip(1).collect();
    let written: Vec<&str> = after
        .keys()
        .map(String::as_str)
        .filter(|k| *k != ".medleaf-manifest")
        .collect();
    assert_eq!(
        listed, written,
        "the manifest lists exactly the files written"
    );
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn refuses_a_non_empty_folder_that_medleaf_did_not_make() {
    let site = crate::common::fixture("build/valid-site");
    site.write("public/notes.txt", "my own notes\n");
    site.write("public/drafts/plan.html", "<p>plan</p>\n");
    let before = snapshot(&site.public());
    let run = site.build(&[]);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    let public = site.public();
    let expected = format!(
        "error: refusing to write to `{}`: it is not empty and was not made by medleaf (no `.medleaf-manifest` file)",
        public.display()
    );
    assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn an_empty_output_folder_is_used() {
    let site = crate::common::fixture("build/valid-site");
    std::fs::create_dir(site.public()).unwrap();
    site.build(&[]).assert_code(0);
    assert!(site.public().join("index.html").is_file());
}

#[test]
fn refuses_an_output_holding_a_file_medleaf_did_not_write() {
    let (site, _) = built_fixture();
    site.write(
        "public/conditions/handout.pdf",
        "%PDF-1.4 not from medleaf\n",
    );
    let before = snapshot(&site.public());
    let run = site.build(&[]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("it holds files medleaf did not write (conditions/handout.pdf)"),
        "{}",
        run.stderr
    );
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
}

#[test]
fn a_manifest_that_is_not_medleafs_does_not_count() {
    let site = crate::common::fixture("build/valid-site");
    site.write("public/.medleaf-manifest", "index.html\n");
    site.write("public/index.html", "<p>hand-made</p>\n");
    let before = snapshot(&site.public());
    let run = site.build(&[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("was not made by medleaf"),
        "{}",
        run.stderr
    );
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
}

#[test]
fn refuses_to_write_over_the_site_or_its_sources() {
    let site = crate::common::fixture("build/valid-site");
    // The fixture has no `templates/`; an output there must be refused all the same.
    let before = snapshot(&site.scratch());
    let root = site.root.clone();
    let cases: Vec<(String, &str)> = vec![
        (
            root.display().to_string(),
            "it is the site folder or contains it",
        ),
        ("site".into(), "it is the site folder or contains it"),
        (
            "site/content/..".into(),
            "it is the site folder or contains it",
        ),
        (
            site.scratch().display().to_string(),
            "it is the site folder or contains it",
        ),
        ("/".into(), "it is the site folder or contains it"),
        (
            root.join("content").display().to_string(),
            "it is inside the site's `content/` folder",
        ),
        (
            "site/content/conditions".into(),
            "it is inside the site's `content/` folder",
        ),
        (
            root.join("templates").display().to_string(),
            "it is inside the site's `templates/` folder",
        ),
        (
            root.join("static").display().to_string(),
            "it is inside the site's `static/` folder",
        ),
        (
            "site/static/images/out".into(),
            "it is inside the site's `static/` folder",
        ),
    ];
    for (output, reason) in cases {
        // Relative outputs are taken from the folder medleaf runs in: the root's parent.
        let run = site.build(&["--output", &output]);
        run.assert_code(2);
        let expected = format!("error: refusing to write to `{output}`: {reason}");
        assert!(
            run.stderr.starts_with(&expected),
            "--output {output}: expected `{expected}`, got:\n{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    crate::common::assert_same_tree(&before, &snapshot(&site.scratch()));
    assert!(!site.path("templates").exists());
}

#[test]
fn refuses_an_output_that_is_a_file() {
    let site = crate::common::fixture("build/valid-site");
    let out = site.scratch().join("out.html");
    std::fs::write(&out, "mine").unwrap();
    let run = site.build(&["--output", out.to_str().unwrap()]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("it is a file, not a folder"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
}

#[test]
fn a_killed_builds_leftover_is_cleaned_up_and_the_previous_output_kept() {
    let (site, before) = built_fixture();
    // What a build killed while writing leaves: a temporary folder beside the output,
    // holding the manifest (written first, each file listed before it is written) and part
    // of the site.
    let leftover = site.root.join(".public.medleaf-tmp-4242");
    std::fs::create_dir_all(leftover.join("conditions")).unwrap();
    let header = String::from_utf8_lossy(&before[".medleaf-manifest"])
        .lines()
        .next()
        .unwrap()
        .to_owned();
    std::fs::write(
        leftover.join(".medleaf-manifest"),
        format!("{header}\nconditions/half-writ\nindex.html\n"),
    )
    .unwrap();
    std::fs::write(leftover.join("conditions/half-writ"), "<!DOCTYPE").unwrap();
    // A folder with a similar name that medleaf did not make must survive.
    let stranger = site.root.join(".public.medleaf-tmp-backup");
    std::fs::create_dir(&stranger).unwrap();
    std::fs::write(stranger.join("keep.txt"), "mine").unwrap();

    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
    site.build(&[]).assert_code(0);
    assert!(!leftover.exists(), "the leftover was not cleaned up");
    assert_eq!(
        std::fs::read_to_string(stranger.join("keep.txt")).unwrap(),
        "mine"
    );
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
}

/// Kills real builds at different moments: whenever the kill lands, the output is the
/// complete old site or the complete new one, never a mix, and the next build cleans up.
#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let site = crate::common::example_site();
    let started = std::time::Instant::now();
    site.build(&[]).assert_code(0);
    // How long a whole build takes on this machine, to spread the kills over it.
    let span = started.elapsed();
    let old = snapshot(&site.public());
    let page = "content/conditions/leukemia.md";
    site.write(page, &site.read(page).replace("Leukemia", "Leukaemia"));

    let mut seen = Vec::new();
    const KILLS: u32 = 16;
    for step in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_medleaf"))
            .args(["build", "--today", crate::common::TODAY, "--root"])
            .arg(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the build; no assertion depends on where they land.
        std::thread::sleep(span * 3 / 2 * step / KILLS);
        let _ = child.kill();
        child.wait().unwrap();
        seen.push(snapshot(&site.public()));
    }
    site.build(&[]).assert_code(0);
    let new = snapshot(&site.public());
    assert_ne!(old, new);
    for (i, s) in seen.iter().enumerate() {
        assert!(
            *s == old || *s == new,
            "after kill {i} the output is neither the old nor the new site"
        );
    }
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn output_elsewhere_leaves_root_public_alone() {
    let site = crate::common::fixture("build/valid-site");
    let out = site.scratch().join("deploy/www");
    let run = site.build(&["--output", out.to_str().unwrap()]);
    run.assert_code(0);
    assert!(out.join("index.html").is_file());
    assert!(!site.public().exists());
    assert!(Path::new(&out).join(".medleaf-manifest").is_file());
}

#[test]
fn a_second_build_into_the_same_folder_waits_its_turn() {
    let (site, before) = built_fixture();
    // Hold the lock as a running build would.
    let lock = std::fs::File::open(site.root.join(".public.medleaf-lock")).unwrap();
    lock.try_lock().expect("no build is running");
    let run = site.build(&[]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("another medleaf build is writing to it right now"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site.public()), before);
    drop(lock);
    site.build(&[]).assert_code(0);
}
