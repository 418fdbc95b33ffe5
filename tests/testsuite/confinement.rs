//! Issue 16's probes of the output: every generated file has one owner (two claims on one path,
//! or a path that cannot be a portable file name, is an error at the file and line that made
//! the claim, from `check` and `build` alike); the output is confined (compared with the
//! source folders as they really are, symbolic links leading out of the site not followed);
//! and faults (the rename fallback killed halfway, a read-only output) never lose the site.

use std::path::Path;

use crate::common::{Diag, Run, Site, TODAY, fixture, medleaf, snapshot};

/// `medleaf check` on the site, from its parent.
fn check(site: &Site) -> Run {
    medleaf(&[
        "check",
        "--root",
        site.root.to_str().unwrap(),
        "--today",
        TODAY,
    ])
}

/// Builds and checks the site; both must fail with the same errors (check never says 0
/// errors where build fails), the previous output untouched. Returns the errors.
#[track_caller]
fn refused(site: &Site) -> Vec<Diag> {
    let before = snapshot(&site.public());
    let build = site.build(&[]);
    build.assert_code(1);
    let check = check(site);
    check.assert_code(1);
    let errors = |run: &Run| -> Vec<Diag> {
        run.diagnostics()
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect()
    };
    assert_eq!(errors(&build), errors(&check), "build and check disagree");
    assert!(
        !build.stderr.contains("medleaf-tmp"),
        "a temporary folder is named: {}",
        build.stderr
    );
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
    errors(&build)
}

/// The one error whose message contains `needle`, with its location.
#[track_caller]
fn error_with<'a>(errors: &'a [Diag], needle: &str) -> &'a Diag {
    let found: Vec<&Diag> = errors
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one error with `{needle}` among {errors:#?}"
    );
    found[0]
}

/// The valid fixture, built once, with `about.md`'s front matter given `extra` lines.
fn about_with(extra: &str) -> Site {
    let site = fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    site.write(
        "content/about.md",
        &format!(
            "---\ntitle: About this fixture\nkind: page\n{extra}---\n\nThis plain page needs no description.\n"
        ),
    );
    site
}

#[test]
fn an_alias_to_the_home_page_file_is_an_error_at_the_alias() {
    // `/index.html` silently replaced the home page in 30 of 30 builds.
    let site = about_with("aliases: [/index.html]\n");
    let errors = refused(&site);
    let d = error_with(
        &errors,
        "alias `/index.html` would be written to `index.html`",
    );
    assert!(
        d.message.ends_with("which is the page `_index.md`"),
        "{d:?}"
    );
    assert_eq!(d.location.as_deref(), Some("content/about.md:4:11"));
    assert_eq!(errors.len(), 1, "{errors:#?}");
}

#[test]
fn an_alias_to_another_pages_file_is_an_error() {
    let site = about_with("aliases: [/conditions/anemia/index.html]\n");
    let errors = refused(&site);
    let d = error_with(&errors, "alias `/conditions/anemia/index.html`");
    assert!(
        d.message.contains("the page `conditions/anemia.md`"),
        "{d:?}"
    );
    assert_eq!(d.location.as_deref(), Some("content/about.md:4:11"));
}

#[test]
fn an_alias_into_the_search_index_is_an_error() {
    // It raced the indexer: a different file won in 3 of 30 builds.
    let site = about_with("aliases: [/search/manifest.json, /search/docs/0.json]\n");
    site.write(
        "site.yaml",
        &site
            .read("site.yaml")
            .replace("enabled: false", "enabled: true"),
    );
    let errors = refused(&site);
    for alias in ["/search/manifest.json", "/search/docs/0.json"] {
        let d = error_with(&errors, &format!("alias `{alias}`"));
        assert!(d.message.contains("the search index"), "{d:?}");
    }
}

#[test]
fn aliases_to_medleafs_own_files_are_errors() {
    let site = about_with("aliases: [/.medleaf-manifest, /_headers]\n");
    let errors = refused(&site);
    let d = error_with(&errors, "alias `/.medleaf-manifest`");
    assert!(
        d.message.contains("medleaf's own `.medleaf-manifest`"),
        "{d:?}"
    );
    let d = error_with(&errors, "alias `/_headers`");
    assert!(d.message.contains("the built-in file `_headers`"), "{d:?}");
}

#[test]
fn a_slug_that_collides_with_a_generated_file_is_an_error_at_the_slug() {
    // `404.html/index.html` needs a folder where the 404 page is a file: check said 0 errors
    // while build failed with an I/O error naming a temporary folder.
    for (slug, other) in [
        (
            "404.html",
            "the page shown for missing addresses (`404.html`)",
        ),
        ("style.css", "the built-in file `style.css` (`style.css`)"),
        ("sitemap.xml", "the sitemap (`sitemap.xml`)"),
    ] {
        let site = about_with(&format!("slug: {slug}\n"));
        let errors = refused(&site);
        let d = error_with(&errors, "the page `about.md`");
        assert!(d.message.ends_with(other), "{slug}: {d:?}");
        assert_eq!(
            d.location.as_deref(),
            Some("content/about.md:4:7"),
            "{slug}"
        );
    }
}

#[test]
fn a_file_named_like_the_home_page_is_an_error() {
    let site = fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    site.write(
        "content/index.html.md",
        "---\ntitle: Index\nkind: page\n---\n\nText.\n",
    );
    let errors = refused(&site);
    let d = error_with(&errors, "the page `index.html.md`");
    assert!(d.message.contains("(`index.html`)"), "{d:?}");
    assert_eq!(d.location.as_deref(), Some("content/index.html.md:1:1"));
}

#[test]
fn a_page_and_a_folder_listing_at_one_address_is_an_error() {
    // `tests.md` is `/tests/`, and so is the listing of the folder `tests/` (no `_index.md`).
    let site = fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    site.write(
        "content/tests.md",
        "---\ntitle: Tests\nkind: page\n---\n\nText.\n",
    );
    let errors = refused(&site);
    let d = error_with(&errors, "would be written to `tests/index.html`");
    assert!(d.message.contains("the page `tests.md`"), "{d:?}");
}

#[test]
fn a_static_file_over_a_page_is_an_error_at_the_file() {
    let site = fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    site.write("static/about/index.html", "<p>mine</p>\n");
    let errors = refused(&site);
    let d = error_with(&errors, "the file `static/about/index.html`");
    assert!(d.message.contains("the page `about.md`"), "{d:?}");
    assert_eq!(d.location.as_deref(), Some("static/about/index.html:1:1"));
    // The theme's files are the site's to replace.
    let site = fixture("build/valid-site");
    site.write("static/style.css", "body { color: black; }\n");
    site.build(&[]).assert_code(0);
    assert_eq!(site.read("public/style.css"), "body { color: black; }\n");
}

#[test]
fn slugs_that_are_not_portable_file_names_are_errors_at_the_slug() {
    for (yaml, why) in [
        (r#"slug: "a\0b""#, "it holds a NUL character"),
        (
            r#"slug: "a\u0007b""#,
            "it holds the control character U+0007",
        ),
        (
            &format!("slug: {}", "x".repeat(300)) as &str,
            "is 300 bytes long, and file systems allow 255",
        ),
        ("slug: con", "`con` is a device name on Windows"),
        ("slug: LPT1.txt", "`LPT1.txt` is a device name on Windows"),
        (
            "slug: \"covid:faq\"",
            "Windows does not allow `:` in file names",
        ),
        (
            "slug: \"what*\"",
            "Windows does not allow `*` in file names",
        ),
    ] {
        let site = about_with(&format!("{yaml}\n"));
        let errors = refused(&site);
        assert_eq!(errors.len(), 1, "{yaml}: {errors:#?}");
        let d = &errors[0];
        assert!(
            d.message.contains("cannot be a file in the built site"),
            "{d:?}"
        );
        assert!(d.message.contains(why), "{yaml}: {d:?}");
        // On the `slug:` line (at the value when it is written without escapes).
        let at = d.location.as_deref().unwrap();
        assert!(at.starts_with("content/about.md:4:"), "{yaml}: {at}");
        if !yaml.contains('\\') && !yaml.contains('"') {
            assert_eq!(at, "content/about.md:4:7", "{yaml}");
        }
        assert!(!d.message.contains('\0') && !d.message.contains('\u{7}'));
    }
    // `..` is refused by the front-matter check, once.
    let site = about_with("slug: \"..\"\n");
    let errors = refused(&site);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].message, "`..` cannot be a slug");
}

#[test]
fn case_and_normalization_twins_are_warnings() {
    let site = fixture("build/valid-site");
    let page = |title: &str| format!("---\ntitle: {title}\nkind: page\n---\n\nText.\n");
    site.write("content/Leaflet.md", &page("Upper"));
    site.write("content/leaflet.md", &page("Lower"));
    // "café" composed (U+00E9) and decomposed (e + U+0301).
    site.write("content/caf\u{e9}.md", &page("Composed"));
    site.write("content/cafe\u{301}.md", &page("Decomposed"));
    let run = site.build(&[]);
    run.assert_code(0);
    let warnings: Vec<Diag> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.message.contains("on macOS") || d.message.contains(" differs from "))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    let case = warnings
        .iter()
        .find(|d| d.message.contains("only in upper and lower case"))
        .expect("a case warning");
    assert!(case.message.contains("`Leaflet/index.html`"), "{case:?}");
    assert!(
        warnings
            .iter()
            .any(|d| d.message.contains("Unicode normalization")),
        "{warnings:#?}"
    );
    // check says the same.
    let check = check(&site);
    check.assert_code(0);
    assert!(
        check.stderr.contains("only in upper and lower case"),
        "{}",
        check.stderr
    );
}

#[test]
fn an_output_inside_the_real_content_folder_is_refused() {
    // `content/` is a link to a folder elsewhere and `--output` names a folder inside that
    // folder by its real path: each build copied the previous output into the next.
    let site = fixture("build/valid-site");
    let real = site.scratch().join("real-content");
    std::fs::rename(site.path("content"), &real).unwrap();
    std::os::unix::fs::symlink(&real, site.path("content")).unwrap();
    // Allowed to follow the link, so only the output rule is tested.
    site.write(
        "site.yaml",
        &format!(
            "{}security:\n  follow_links_outside: true\n",
            site.read("site.yaml")
        ),
    );
    let before = snapshot(&real);
    for out in [real.join("out"), real.join("conditions/out")] {
        let run = site.build(&["--output", out.to_str().unwrap()]);
        run.assert_code(2);
        assert!(
            run.stderr
                .contains("it is inside the site's `content/` folder"),
            "{}",
            run.stderr
        );
    }
    crate::common::assert_same_tree(&before, &snapshot(&real));
    // The same through `static/`, `templates/` and `snippets/` linked elsewhere.
    for name in ["static", "templates", "snippets"] {
        let elsewhere = site.scratch().join(format!("real-{name}"));
        std::fs::create_dir_all(&elsewhere).unwrap();
        let link = site.path(name);
        let _ = std::fs::remove_dir_all(&link);
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let out = elsewhere.join("out");
        let run = site.build(&["--output", out.to_str().unwrap()]);
        run.assert_code(2);
        assert!(
            run.stderr
                .contains(&format!("it is inside the site's `{name}/` folder")),
            "{name}: {}",
            run.stderr
        );
        assert!(!out.exists());
    }
}

#[test]
fn links_leading_out_of_the_site_are_not_followed() {
    // A `static/` linked outside the site was copied into the output.
    let site = fixture("build/valid-site");
    let outside = site.scratch().join("private");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "not for publishing\n").unwrap();
    std::fs::write(
        outside.join("page.md"),
        "---\ntitle: Private\nkind: page\n---\n\nPrivate.\n",
    )
    .unwrap();
    let link = |target: &Path, at: &str| std::os::unix::fs::symlink(target, site.path(at)).unwrap();
    link(&outside, "static/leak");
    link(&outside.join("page.md"), "content/linked.md");
    link(&outside, "content/linked-folder");
    // A link that stays inside the site is followed.
    link(
        &site.path("static/images/cells.png"),
        "static/cells-again.png",
    );
    let run = site.build(&[]);
    run.assert_code(0);
    let warnings: Vec<Diag> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.message.contains("outside the site folder"))
        .collect();
    let named: Vec<&str> = warnings
        .iter()
        .map(|d| d.location.as_deref().unwrap())
        .collect();
    assert_eq!(
        named,
        [
            "content/linked-folder:1:1",
            "content/linked.md:1:1",
            "static/leak:1:1"
        ],
        "{}",
        run.stderr
    );
    assert!(
        warnings[0].message.contains("is a symbolic link to"),
        "{warnings:?}"
    );
    assert!(
        warnings[0]
            .help
            .as_deref()
            .unwrap()
            .contains("follow_links_outside")
    );
    let public = site.public();
    assert!(!public.join("leak").exists());
    assert!(!public.join("linked").exists());
    assert!(!public.join("linked-folder").exists());
    assert!(public.join("cells-again.png").is_file());
    // check names them too.
    assert!(
        check(&site)
            .stderr
            .contains("`static/leak` is a symbolic link to")
    );
    // With the setting, they are followed.
    site.write(
        "site.yaml",
        &format!(
            "{}security:\n  follow_links_outside: true\n",
            site.read("site.yaml")
        ),
    );
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(
        !run.stderr.contains("outside the site folder"),
        "{}",
        run.stderr
    );
    assert!(public.join("leak/secret.txt").is_file());
    assert!(public.join("linked/index.html").is_file());
}

/// The example site's fixture, built with the rename fallback forced.
fn build_without_exchange(site: &Site) -> Run {
    crate::common::build_env(&site.root, &[], &[("MEDLEAF_NO_EXCHANGE", "1")])
}

#[test]
fn the_rename_fallback_builds_and_repairs_a_swap_killed_between_its_renames() {
    let site = fixture("build/valid-site");
    build_without_exchange(&site).assert_code(0);
    let first = snapshot(&site.public());
    build_without_exchange(&site).assert_code(0);
    crate::common::assert_same_tree(&first, &snapshot(&site.public()));
    // A kill between the two renames leaves the old site aside and no output folder. The
    // next build puts it back first, even though it stops on a content error.
    let aside = site.root.join(".public.medleaf-old-31337");
    std::fs::rename(site.public(), &aside).unwrap();
    let temp = site.root.join(".public.medleaf-tmp-31337");
    std::fs::create_dir_all(&temp).unwrap();
    let header = String::from_utf8_lossy(&first[".medleaf-manifest"])
        .lines()
        .next()
        .unwrap()
        .to_owned();
    std::fs::write(
        temp.join(".medleaf-manifest"),
        format!("{header}\nindex.html\n"),
    )
    .unwrap();
    std::fs::write(temp.join("index.html"), "new").unwrap();
    site.write(
        "content/about.md",
        &site
            .read("content/about.md")
            .replace("_index.md", "nowhere.md"),
    );
    let run = build_without_exchange(&site);
    run.assert_code(1);
    crate::common::assert_same_tree(&first, &snapshot(&site.public()));
    assert!(!aside.exists());
    // The next good build cleans the killed build's temporary folder up.
    site.write(
        "content/about.md",
        &site
            .read("content/about.md")
            .replace("nowhere.md", "_index.md"),
    );
    build_without_exchange(&site).assert_code(0);
    assert!(!temp.exists());
}

#[test]
fn a_read_only_output_is_refused_before_anything_is_swapped() {
    use std::os::unix::fs::PermissionsExt;
    let site = fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    let before = snapshot(&site.public());
    let set = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    set(&site.public().join("conditions"), 0o555);
    let run = site.build(&[]);
    set(&site.public().join("conditions"), 0o755);
    run.assert_code(2);
    assert!(run.stderr.contains("is read-only"), "{}", run.stderr);
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
    let names: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("medleaf-tmp") || n.contains("medleaf-old"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_report_inside_the_output_is_an_error_for_check_too() {
    let site = fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    let before = snapshot(&site.public());
    site.write(
        "site.yaml",
        &format!(
            "{}report: public/medleaf-report.json\n",
            site.read("site.yaml")
        ),
    );
    let check = check(&site);
    check.assert_code(1);
    let errors = check.diagnostics();
    let d = error_with(&errors, "the governance report");
    assert!(
        d.message
            .contains("would be written inside the output folder"),
        "{d:?}"
    );
    assert!(
        d.location.as_deref().unwrap().starts_with("site.yaml:"),
        "{d:?}"
    );
    let build = site.build(&[]);
    build.assert_code(2);
    assert!(
        build.stderr.contains("would be inside the output folder"),
        "{}",
        build.stderr
    );
    crate::common::assert_same_tree(&before, &snapshot(&site.public()));
}

#[test]
fn a_lookalike_temporary_folder_holding_someone_elses_file_is_kept() {
    // Named like medleaf's temporary folder, with its manifest's header, but holding a file
    // the manifest does not list: it was deleted whole by the next build.
    let site = fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    let header = site
        .read("public/.medleaf-manifest")
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let lookalike = site.root.join(".public.medleaf-tmp-99999");
    std::fs::create_dir_all(&lookalike).unwrap();
    std::fs::write(
        lookalike.join(".medleaf-manifest"),
        format!("{header}\nindex.html\n"),
    )
    .unwrap();
    std::fs::write(lookalike.join("index.html"), "x").unwrap();
    std::fs::write(lookalike.join("thesis.docx"), "years of work").unwrap();
    site.build(&[]).assert_code(0);
    assert_eq!(
        std::fs::read_to_string(lookalike.join("thesis.docx")).unwrap(),
        "years of work"
    );
    assert!(lookalike.join("index.html").exists());
}
