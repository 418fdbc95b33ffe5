//! `medleaf init` and `medleaf new`: the starting points build cleanly and nothing is ever
//! overwritten.

use crate::common::medleaf;
use medleaf::Date;

/// Builds a site made today by `init` or `new`, against today's date: their review dates are
/// today, which a build pinned to an earlier `--today` would rightly call a future review.
fn build_today(site: &std::path::Path, extra: &[&str]) -> crate::common::Run {
    let today = Date::today().to_string();
    let root = site.to_str().unwrap();
    let mut args = vec!["build", "--root", root, "--today", &today];
    args.extend_from_slice(extra);
    medleaf(&args)
}

#[test]
fn init_creates_a_site_that_builds_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-site");
    let run = medleaf(&["init", site.to_str().unwrap()]);
    run.assert_code(0);
    for f in [
        "site.yaml",
        "content/_index.md",
        "content/first-article.md",
        "templates/README.md",
        "static/.README.md",
    ] {
        assert!(site.join(f).is_file(), "{f} missing\n{}", run.stdout);
    }
    let build = build_today(&site, &[]);
    build.assert_code(0);
    assert!(build.diagnostics().is_empty(), "{}", build.stderr);
    assert!(site.join("public/first-article/index.html").is_file());
    // The built site and the image cache are made from the sources: git ignores them.
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(
        ignored.lines().any(|l| l == "/.medleaf-cache/"),
        "{ignored}"
    );
    // The notes are not published.
    assert!(!site.join("public/README.md").exists() && !site.join("public/.README.md").exists());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let run = medleaf(&["init", dir.path().to_str().unwrap()]);
    run.assert_code(2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct NewArticle {
    title: String,
    description: String,
    topics: Vec<String>,
    related: Vec<String>,
    last_reviewed: String,
    next_review: String,
    reviewed_by: serde_yaml::Value,
    sources: Vec<serde_yaml::Value>,
    draft: bool,
}

#[test]
fn new_writes_a_draft_with_every_field_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    medleaf(&["init", site.to_str().unwrap()]).assert_code(0);
    std::fs::write(
        site.join("site.yaml"),
        "title: T\nreview:\n  interval_years: 2\n",
    )
    .unwrap();
    let root = site.to_str().unwrap();
    let run = medleaf(&[
        "new",
        "--root",
        root,
        "content/tests/ferritin.md",
        "--title",
        "Ferritin test",
    ]);
    run.assert_code(0);
    let path = site.join("content/tests/ferritin.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let yaml = text.split("---\n").nth(1).unwrap();
    let fm: NewArticle = serde_yaml::from_str(yaml).expect("every field has the right type");
    assert_eq!(fm.title, "Ferritin test");
    assert!(fm.draft);
    let last = Date::parse(&fm.last_reviewed).unwrap();
    assert!(
        last.days_until(Date::today()).abs() <= 1,
        "last_reviewed is today"
    );
    assert_eq!(
        Date::parse(&fm.next_review).unwrap(),
        last.add_years(2),
        "the site's interval"
    );
    assert!(fm.sources.is_empty());
    // The optional fields are there as comments, with an example source.
    for commented in [
        "# about:",
        "# aliases:",
        "# allow:",
        "#  - title:",
        "#    accessed:",
    ] {
        assert!(text.contains(commented), "{commented} missing:\n{text}");
    }
    // A draft is not built, so the site still builds cleanly...
    let build = build_today(&site, &[]);
    build.assert_code(0);
    assert!(!site.join("public/tests/ferritin/index.html").exists());
    // ...and with --drafts it builds, with the warning that it has no sources yet.
    let drafts = build_today(&site, &["--drafts"]);
    drafts.assert_code(0);
    assert!(site.join("public/tests/ferritin/index.html").is_file());
    assert!(
        drafts.stderr.contains("article has no sources"),
        "{}",
        drafts.stderr
    );
    // Published with its placeholders still in it, it is an error at each one (issue 11).
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("draft: true", "draft: false")).unwrap();
    let published = build_today(&site, &[]);
    published.assert_code(1);
    let todos = published
        .diagnostics()
        .into_iter()
        .filter(|d| d.message == "this page still holds a `TODO` placeholder")
        .count();
    assert_eq!(todos, 6, "{}", published.stderr);
    // Never overwrites.
    std::fs::write(&path, "mine").unwrap();
    let again = medleaf(&["new", "--root", root, "content/tests/ferritin.md"]);
    again.assert_code(2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}

#[test]
fn new_takes_a_title_from_the_file_name_and_rejects_other_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    medleaf(&["init", site.to_str().unwrap()]).assert_code(0);
    let root = site.to_str().unwrap();
    medleaf(&["new", "--root", root, "bone-marrow-biopsy.md"]).assert_code(0);
    let text = std::fs::read_to_string(site.join("content/bone-marrow-biopsy.md")).unwrap();
    assert!(text.contains("title: Bone marrow biopsy\n"), "{text}");
    medleaf(&["new", "--root", root, "notes.txt"]).assert_code(2);
}

#[test]
fn new_writes_only_inside_content() {
    // Issue 16: `medleaf new /abs/x.md` and `medleaf new ../../y.md` wrote outside the site.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    medleaf(&["init", site.to_str().unwrap()]).assert_code(0);
    let root = site.to_str().unwrap();
    let outside = dir.path().join("elsewhere/x.md");
    for path in [
        outside.to_str().unwrap(),
        "../../y.md",
        "content/../../y.md",
        "tests/../../z.md",
        "/tmp/medleaf-new-probe.md",
    ] {
        let run = medleaf(&["new", "--root", root, path]);
        run.assert_code(2);
        assert!(
            run.stderr
                .contains("is not inside the site's `content/` folder"),
            "{path}: {}",
            run.stderr
        );
    }
    assert!(!outside.exists());
    assert!(!dir.path().join("y.md").exists() && !site.join("y.md").exists());
    assert!(!site.join("z.md").exists());
    assert!(!std::path::Path::new("/tmp/medleaf-new-probe.md").exists());
    // A folder inside content/ that is a link to somewhere else does not lead out either.
    let away = dir.path().join("away");
    std::fs::create_dir(&away).unwrap();
    std::os::unix::fs::symlink(&away, site.join("content/linked")).unwrap();
    medleaf(&["new", "--root", root, "linked/x.md"]).assert_code(2);
    assert!(!away.join("x.md").exists());
    // An absolute path inside content/ is fine.
    let inside = site.join("content/tests/ok.md");
    medleaf(&["new", "--root", root, inside.to_str().unwrap()]).assert_code(0);
    assert!(inside.is_file());
}
