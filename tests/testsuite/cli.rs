//! The command line as a user meets it: help, version, usage errors (exit code 2), the
//! summary line on stdout, defaults for `--root` and `--output`, warnings and `--strict`.

use std::ffi::OsStr;

#[test]
fn help_for_medleaf_and_for_build() {
    let run = crate::common::medleaf(&["--help"]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("Usage: medleaf <COMMAND>"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("build"), "{}", run.stdout);

    for args in [&["build", "--help"][..], &["help", "build"][..]] {
        let run = crate::common::medleaf(args);
        run.assert_code(0);
        assert!(
            run.stdout.contains("Usage: medleaf build [OPTIONS]"),
            "{}",
            run.stdout
        );
        for flag in [
            "--root <DIR>",
            "--output <DIR>",
            "--base-url <URL>",
            "--drafts",
            "--help",
        ] {
            assert!(
                run.stdout.contains(flag),
                "`build --help` lacks {flag}:\n{}",
                run.stdout
            );
        }
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn version() {
    let run = crate::common::medleaf(&["--version"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        format!("medleaf {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flags_and_commands_are_usage_errors() {
    let run = crate::common::medleaf(&["build", "--frobnicate"]);
    run.assert_code(2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("error: unexpected argument '--frobnicate' found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Usage: medleaf build"),
        "{}",
        run.stderr
    );

    let run = crate::common::medleaf(&["frobnicate"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{}",
        run.stderr
    );

    // No command at all: the help, on stderr, as a usage error.
    let run = crate::common::medleaf(&[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("Usage: medleaf <COMMAND>"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_option_values_are_usage_errors_and_write_nothing() {
    let site = crate::common::fixture("build/valid-site");
    let run = crate::common::medleaf_in(
        &site.root,
        &["build", "--today", "2026-02-30"].map(OsStr::new),
    );
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("invalid value '2026-02-30' for '--today <DATE>': `2026-02-30` is not a real calendar date"),
        "{}",
        run.stderr
    );

    // A mistyped `--base-url` is the command line's fault, not site.yaml's.
    let run = site.build(&["--base-url", "example.org"]);
    run.assert_code(2);
    assert!(
        run.stderr.starts_with("error: invalid value for `--base-url`: `example.org` is not an absolute http(s) address"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("site.yaml"), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn a_folder_without_content_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::common::build(dir.path(), &[]);
    run.assert_code(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: `{}` has no `content/` folder: is this a medleaf site? (use --root to point at one)\n",
            dir.path().display()
        )
    );
    assert!(!dir.path().join("public").exists());
}

#[test]
fn a_successful_build_prints_one_summary_line_on_stdout() {
    let site = crate::common::fixture("build/valid-site");
    let run = site.build(&[]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    let rest = run
        .stdout
        .strip_prefix("built 7 pages in ")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    let (ms, after) = rest.split_once(" ms").unwrap();
    assert!(ms.parse::<u64>().is_ok(), "{}", run.stdout);
    assert!(after.starts_with(" (0 errors"), "{}", run.stdout);
}

#[test]
fn root_defaults_to_the_current_folder_and_output_to_its_public() {
    let site = crate::common::fixture("build/valid-site");
    let run = crate::common::medleaf_in(
        &site.root,
        &["build", "--today", crate::common::TODAY].map(OsStr::new),
    );
    run.assert_code(0);
    assert!(site.public().join("index.html").is_file());
    assert!(site.public().join(".medleaf-manifest").is_file());
}

#[test]
fn warnings_are_shown_but_fail_the_build_only_with_strict() {
    let site = crate::common::fixture("build/valid-site");
    let about = site.read("content/about.md");
    // A heading that skips levels: the page title is the h1, so `####` skips two.
    site.write("content/about.md", &format!("{about}\n#### Deep heading\n"));
    let line = about.lines().count() + 2;
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("(0 errors, 1 warning"),
        "{}",
        run.stdout
    );
    let diags = run.diagnostics();
    assert_eq!(diags.len(), 1, "{}", run.stderr);
    assert_eq!(diags[0].severity, "warning");
    assert_eq!(diags[0].message, "heading level skipped: h1 to h4");
    assert_eq!(
        diags[0].location.as_deref(),
        Some(format!("content/about.md:{line}:1").as_str())
    );
    assert_eq!(
        crate::common::summary_line(&run.stderr).as_deref(),
        Some("warning: 1 warning")
    );
    assert!(site.public().join("about/index.html").is_file());

    let before = crate::common::snapshot(&site.public());
    let run = site.build(&["--strict"]);
    run.assert_code(1);
    assert_eq!(run.diagnostics()[0].severity, "error");
    crate::common::assert_same_tree(&before, &crate::common::snapshot(&site.public()));
}
