//! A generated site for scaling tests and benchmarks: `n` articles in 20 topics, each linking
//! to three others and naming one in `related:`, so topics and backlinks grow with the site
//! as they do in a real library. Shared by `benches/stages.rs` and the scaling guard (`src/scaling_tests.rs`).

use std::path::Path;

/// Writes the site into `root` (which must exist).
pub(crate) fn write_site(root: &Path, n: usize) {
    let content = root.join("content/articles");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        "title: Scale\nbase_url: https://example.org/\nsearch: {enabled: false}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/_index.md"),
        "---\ntitle: Scale\n---\n\nHome.\n",
    )
    .unwrap();
    for i in 0..n {
        // Never the page itself: an offset of 1 to n - 1.
        let link = |k: usize| format!("page-{:05}.md", (i + 1 + (i * 7 + k * 13) % (n - 1)) % n);
        let text = format!(
            "---\ntitle: Page {i:05}\ndescription: Page number {i} of the generated site.\ntopics: [Topic {}, Topic {}]\nrelated: [{}]\nlast_reviewed: 2026-01-01\nreviewed_by: Dr. Scale\nsources:\n  - title: A source\n    publisher: Somebody\n    url: https://example.org/s\n    accessed: 2026-01-01\n---\n\nThis page talks about [one page]({}), [another page]({}) and [a third]({}).\n\n## Details\n\nShort sentences are easy to read. This is one of them. Your blood count shows how many cells you have, and your doctor will explain what the numbers mean for you.\n\n- a list item\n- another list item\n",
            i % 20,
            (i / 20) % 20,
            link(3),
            link(0),
            link(1),
            link(2),
        );
        std::fs::write(content.join(format!("page-{i:05}.md")), text).unwrap();
    }
}
