//! `cargo fuzz run site`: the fuzzer's bytes become a small site (settings, two pages, a
//! glossary, a snippet; split at NUL bytes) run through the whole pipeline by
//! `medleaf::fuzz::run`. Any panic is a bug: add the input to
//! `tests/testsuite/hostile_input.rs` as a regression test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let mut next = || parts.next().unwrap_or("");
    let input = medleaf::fuzz::Input {
        page: next(),
        other: next(),
        settings: next(),
        glossary: next(),
        snippet: next(),
    };
    let dir = std::env::temp_dir().join(format!("medleaf-fuzz-{}", std::process::id()));
    let _ = medleaf::fuzz::run(&dir, &input);
});
