//! Languages (issue 12): a site in English and Spanish. `languages/bilingual/` is a valid site
//! (a translated page with its own slug, a page with no translation, a translated snippet and
//! glossary, a site override of two Spanish strings, one stale translation); the problem tests
//! add one mistake each to a copy of it. `languages/rtl/` is a right-to-left language.

use serde_json::Value;

use crate::common::{Site, TODAY, fixture, medleaf, parse_html, sel, text_of};

const BASE: &str = "https://clinic.example/";

fn bilingual() -> Site {
    let site = fixture("languages/bilingual");
    site.build(&[]).assert_code(0);
    site
}

/// `medleaf check --format json` on a site.
fn check_json(site: &Site) -> Value {
    let run = medleaf(&[
        "check",
        "--root",
        site.root.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

/// The diagnostics of a check as (code, severity, file:line:col, message).
fn diags(doc: &Value) -> Vec<(String, String, String, String)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                format!(
                    "{}:{}:{}",
                    d["file"].as_str().unwrap_or(""),
                    d["line"],
                    d["column"]
                ),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn html_attr(site: &Site, rel: &str, css: &str, name: &str) -> Vec<String> {
    let doc = parse_html(&site.public().join(rel));
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(name).map(str::to_owned))
        .collect()
}

#[test]
fn a_translation_is_built_under_its_language_prefix_with_its_own_slug_lang_and_dir() {
    let site = bilingual();
    for (rel, lang) in [
        ("conditions/low-count/index.html", "en-US"),
        ("es/conditions/conteo-bajo/index.html", "es-US"),
        ("es/conditions/fiebre/index.html", "es-US"),
        ("index.html", "en-US"),
        ("es/index.html", "es-US"),
    ] {
        assert_eq!(html_attr(&site, rel, "html", "lang"), [lang], "{rel}");
        assert_eq!(html_attr(&site, rel, "html", "dir"), ["ltr"], "{rel}");
    }
    // Never at the file name's address.
    assert!(!site.public().join("conditions/low-count.es").exists());
    assert!(!site.public().join("es/conditions/low-count").exists());
    // A page with no translation has no Spanish address.
    assert!(!site.public().join("es/tests/blood-count").exists());
}

#[test]
fn every_generated_page_exists_per_language() {
    let site = bilingual();
    for rel in [
        "topics/index.html",
        "es/topics/index.html",
        "glossary/index.html",
        "es/glossary/index.html",
        "search/index.html",
        "es/search/index.html",
        "conditions/index.html",
        "es/conditions/index.html",
        "404.html",
        "es/404.html",
        "feed.xml",
        "es/feed.xml",
    ] {
        assert!(site.public().join(rel).is_file(), "{rel} is not built");
    }
    // Spanish topics list Spanish articles only, under Spanish topic names.
    let doc = parse_html(&site.public().join("es/topics/index.html"));
    let topics: Vec<String> = doc.select(&sel("main li a")).map(text_of).collect();
    assert_eq!(topics, ["Glóbulos blancos"]);
    // Each language has its own search index, of its own pages.
    let index = |dir: &str| -> String {
        let mut all = String::new();
        for (rel, bytes) in crate::common::snapshot(&site.public().join(dir)) {
            if rel.starts_with("docs/") {
                all.push_str(std::str::from_utf8(&bytes).unwrap());
            }
        }
        all
    };
    let es_index = index("es/search");
    assert!(
        es_index.contains("Conteo bajo de glóbulos blancos"),
        "{es_index}"
    );
    assert!(!es_index.contains("Low white cell count"));
    let en_index = index("search");
    assert!(en_index.contains("Low white cell count"), "{en_index}");
    assert!(!en_index.contains("Conteo bajo"));
    // The 404 page is in the language of its folder.
    let doc = parse_html(&site.public().join("es/404.html"));
    let h1: Vec<String> = doc.select(&sel("h1")).map(text_of).collect();
    assert_eq!(h1, ["Página no encontrada"]);
}

#[test]
fn links_go_to_the_same_language_or_are_marked_in_english() {
    let site = bilingual();
    let doc = parse_html(&site.public().join("es/conditions/conteo-bajo/index.html"));
    let links: Vec<(String, Option<String>, String)> = doc
        .select(&sel(".article-body a:not(.glossary-term)"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_owned(),
                a.value().attr("hreflang").map(str::to_owned),
                text_of(a),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            // No Spanish blood count: the English one, said to be in English.
            (
                "../../../tests/blood-count/#results".to_owned(),
                Some("en-US".to_owned()),
                "hemograma".to_owned()
            ),
            // The Spanish version exists: the link goes there, with its own anchor.
            (
                "../fiebre/#llamar".to_owned(),
                None,
                "guía sobre la fiebre".to_owned()
            ),
        ]
    );
    let body = text_of(doc.select(&sel(".article-body")).next().unwrap());
    assert!(
        body.contains("hemograma (en inglés)"),
        "the link to an English page says so, in Spanish: {body}"
    );
    // The English page's links stay in English, with no note.
    let doc = parse_html(&site.public().join("conditions/low-count/index.html"));
    let body = text_of(doc.select(&sel(".article-body")).next().unwrap());
    assert!(!body.contains("(in "), "{body}");
    assert_eq!(
        doc.select(&sel(".article-body a[hreflang]")).count(),
        0,
        "same-language links carry no hreflang"
    );
}

#[test]
fn anchors_are_checked_against_the_page_actually_linked() {
    let site = fixture("languages/bilingual");
    // `#call` is the English guide's anchor; the Spanish page links to the Spanish guide, whose
    // heading is `#llamar`.
    let path = "content/conditions/low-count.es.md";
    let text = site
        .read(path)
        .replace("fever-guide.md#llamar", "fever-guide.md#call");
    site.write(path, &text);
    let doc = check_json(&site);
    let found: Vec<_> = diags(&doc).into_iter().filter(|d| d.1 == "error").collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let (_, _, at, message) = &found[0];
    assert!(
        at.starts_with("content/conditions/low-count.es.md:17:"),
        "{at}"
    );
    assert!(message.contains("#call"), "{message}");
    assert!(message.contains("fever-guide.es.md"), "{message}");
}

#[test]
fn alternates_are_reciprocal_with_x_default_and_listed_in_the_sitemap() {
    let site = bilingual();
    let en = format!("{BASE}conditions/low-count/");
    let es = format!("{BASE}es/conditions/conteo-bajo/");
    for rel in [
        "conditions/low-count/index.html",
        "es/conditions/conteo-bajo/index.html",
    ] {
        let doc = parse_html(&site.public().join(rel));
        let alternates: Vec<(String, String)> = doc
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| {
                (
                    l.value().attr("hreflang").unwrap().to_owned(),
                    l.value().attr("href").unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            alternates,
            [
                ("en-US".to_owned(), en.clone()),
                ("es-US".to_owned(), es.clone()),
                ("x-default".to_owned(), en.clone()),
            ],
            "{rel}"
        );
    }
    // An untranslated page announces no alternates.
    let doc = parse_html(&site.public().join("tests/blood-count/index.html"));
    assert_eq!(doc.select(&sel("link[hreflang]")).count(), 0);

    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    let xml = crate::common::parse_xml(&sitemap).unwrap();
    assert_eq!(
        xml.attr("xmlns:xhtml"),
        Some("http://www.w3.org/1999/xhtml")
    );
    for loc in [&en, &es] {
        let url = xml
            .all("url")
            .find(|u| &u.one("loc").text == loc)
            .unwrap_or_else(|| panic!("{loc} is not in the sitemap"));
        let links: Vec<(&str, &str)> = url
            .all("xhtml:link")
            .map(|l| (l.attr("hreflang").unwrap(), l.attr("href").unwrap()))
            .collect();
        assert_eq!(
            links,
            [
                ("en-US", en.as_str()),
                ("es-US", es.as_str()),
                ("x-default", en.as_str())
            ],
            "{loc}"
        );
    }
}

#[test]
fn the_switcher_links_each_version_to_the_other() {
    let site = bilingual();
    for (rel, href, text, lang) in [
        (
            "conditions/low-count/index.html",
            "../../es/conditions/conteo-bajo/",
            "Español",
            "es-US",
        ),
        (
            "es/conditions/conteo-bajo/index.html",
            "../../../conditions/low-count/",
            "English",
            "en-US",
        ),
    ] {
        let doc = parse_html(&site.public().join(rel));
        let nav = doc
            .select(&sel("nav.language-switcher"))
            .next()
            .unwrap_or_else(|| panic!("{rel} has no language switcher"));
        let links: Vec<_> = nav
            .select(&sel("a"))
            .map(|a| {
                (
                    a.value().attr("href").unwrap().to_owned(),
                    text_of(a),
                    a.value().attr("hreflang").unwrap_or("").to_owned(),
                    a.value().attr("lang").unwrap_or("").to_owned(),
                )
            })
            .collect();
        assert_eq!(
            links,
            [(
                href.to_owned(),
                text.to_owned(),
                lang.to_owned(),
                lang.to_owned()
            )],
            "{rel}"
        );
        assert!(nav.value().attr("aria-label").is_some(), "{rel}");
    }
    // No switcher where there is nothing to switch to.
    let doc = parse_html(&site.public().join("tests/blood-count/index.html"));
    assert_eq!(doc.select(&sel("nav.language-switcher")).count(), 0);
}

#[test]
fn strings_dates_snippets_and_glossary_are_in_the_page_language() {
    let site = bilingual();
    let doc = parse_html(&site.public().join("es/conditions/conteo-bajo/index.html"));
    let text = text_of(doc.select(&sel("body")).next().unwrap());
    // The site's own override, and medleaf's Spanish catalog for the rest.
    assert!(text.contains("Fuentes consultadas"), "{text}");
    assert!(text.contains("Lea también"), "{text}");
    assert!(!text.contains("Related articles") && !text.contains("Sources"));
    assert!(text.contains("Saltar al contenido principal"), "{text}");
    // Dates in Spanish words.
    assert!(text.contains("1 de septiembre de 2026"), "{text}");
    // The Spanish snippet, not the English one, and the language's own emergency number.
    assert!(text.contains("llame ahora a su equipo médico"), "{text}");
    assert!(!text.contains("call your care team now"));
    assert!(text.contains("112"), "{text}");
    // Glossary terms go to the glossary of the page's language.
    let terms = html_attr(
        &site,
        "es/conditions/conteo-bajo/index.html",
        "a.glossary-term",
        "href",
    );
    assert_eq!(terms, ["../../glossary/#neutrófilos"]);
    let glossary = parse_html(&site.public().join("es/glossary/index.html"));
    let ids: Vec<&str> = crate::common::attrs(&glossary, "dt[id]", "id");
    assert_eq!(ids, ["neutrófilos"]);

    // The English page is English throughout.
    let doc = parse_html(&site.public().join("conditions/low-count/index.html"));
    let text = text_of(doc.select(&sel("body")).next().unwrap());
    assert!(
        text.contains("Sources") && text.contains("1 October 2026"),
        "{text}"
    );
    assert!(text.contains("call your care team now"));
    assert!(!text.contains("Fuentes"));
    let terms = html_attr(
        &site,
        "conditions/low-count/index.html",
        "a.glossary-term",
        "href",
    );
    assert_eq!(terms, ["../../glossary/#neutrophils"]);
}

#[test]
fn json_ld_names_the_language_and_the_translation() {
    let site = bilingual();
    let json_ld = |rel: &str| -> Value {
        let doc = parse_html(&site.public().join(rel));
        let script = doc
            .select(&sel("script[type='application/ld+json']"))
            .next()
            .unwrap();
        serde_json::from_str(&script.inner_html()).unwrap()
    };
    let es = json_ld("es/conditions/conteo-bajo/index.html");
    let es = serde_json::to_string(&es).unwrap();
    assert!(es.contains("\"inLanguage\":\"es-US\""), "{es}");
    assert!(
        es.contains("\"translationOfWork\"")
            && es.contains(&format!("{BASE}conditions/low-count/")),
        "{es}"
    );
    let en = serde_json::to_string(&json_ld("conditions/low-count/index.html")).unwrap();
    assert!(en.contains("\"inLanguage\":\"en-US\""), "{en}");
    assert!(
        en.contains("\"workTranslation\"")
            && en.contains(&format!("{BASE}es/conditions/conteo-bajo/")),
        "{en}"
    );
}

#[test]
fn check_reports_each_language_and_warns_of_stale_translations() {
    let site = fixture("languages/bilingual");
    let doc = check_json(&site);
    assert_eq!(
        diags(&doc),
        [(
            "translation-stale".to_owned(),
            "warning".to_owned(),
            "content/conditions/low-count.es.md:5:16".to_owned(),
            "this translation is older than its source's latest clinical review: \
             `content/conditions/low-count.md` was reviewed on 1 October 2026, this \
             translation last reviewed on 1 September 2026"
                .to_owned()
        )]
    );
    let langs = doc["languages"].as_array().unwrap();
    assert_eq!(langs.len(), 1);
    let es = &langs[0];
    assert_eq!(es["code"], "es");
    assert_eq!(es["tag"], "es-US");
    assert_eq!(es["pages"], 3);
    assert_eq!(es["translated"], 3);
    assert_eq!(es["sources"], 4);
    assert_eq!(es["stale"], 1);
    assert_eq!(
        es["untranslated"],
        serde_json::json!(["content/tests/blood-count.md"])
    );
    let page = doc["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == "content/conditions/low-count.es.md")
        .unwrap();
    assert_eq!(page["lang"], "es");
    assert_eq!(page["translation_of"], "content/conditions/low-count.md");
    assert_eq!(page["url"], "/es/conditions/conteo-bajo/");

    // The human summary has a line per language.
    let run = medleaf(&[
        "check",
        "--root",
        site.root.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(
        run.stdout,
        "checked 7 pages: 0 errors, 1 warning; median reading grade 0.5\n  es (es-US): 3 pages; 3 of 4 pages translated, 1 stale\n"
    );
}

/// One mistake added to a copy of the bilingual site: the check's errors.
fn errors_after(edit: impl FnOnce(&Site)) -> Vec<(String, String, String, String)> {
    let site = fixture("languages/bilingual");
    edit(&site);
    let errors: Vec<_> = diags(&check_json(&site))
        .into_iter()
        .filter(|d| d.1 == "error")
        .collect();
    // A build refuses the site too, and leaves no output.
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(!site.public().exists());
    errors
}

#[test]
fn a_translation_without_its_source_is_an_error() {
    let errors = errors_after(|site| {
        site.write(
            "content/conditions/ghost.es.md",
            "---\ntitle: Fantasma\ndescription: Sin original.\n---\nSin original.\n",
        );
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "language");
    assert!(errors[0].2.starts_with("content/conditions/ghost.es.md:1:"));
    assert!(errors[0].3.contains("`conditions/ghost.md`"), "{errors:?}");
}

#[test]
fn a_language_the_site_does_not_declare_is_an_error() {
    let errors = errors_after(|site| {
        site.write(
            "content/conditions/low-count.fr.md",
            "---\ntitle: Bas\n---\nTexte.\n",
        );
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "language");
    assert_eq!(errors[0].2, "content/conditions/low-count.fr.md:1:1");
    assert!(errors[0].3.contains("`fr`"), "{errors:?}");
}

#[test]
fn a_snippet_with_no_version_in_the_page_language_is_an_error() {
    let errors = errors_after(|site| {
        std::fs::remove_file(site.path("snippets/fever.es.md")).unwrap();
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (code, _, at, message) = &errors[0];
    assert_eq!(code, "language");
    assert!(
        at.starts_with("content/conditions/low-count.es.md:19:"),
        "{at}"
    );
    assert!(
        message.contains("`fever`") && message.contains("Español"),
        "{message}"
    );
}

#[test]
fn a_catalog_with_a_missing_or_unknown_key_is_an_error_naming_key_and_language() {
    // A language medleaf has no catalog for must give every string.
    let errors = errors_after(|site| {
        let yaml = site.read("site.yaml").replace(
            "languages:\n",
            "languages:\n  fr:\n    name: Français\n    language: fr-FR\n",
        );
        site.write("site.yaml", &yaml);
        site.write("i18n/fr.yaml", "sources: Sources\n");
    });
    assert!(!errors.is_empty());
    assert!(
        errors.iter().all(|e| e.2.starts_with("i18n/fr.yaml")),
        "{errors:?}"
    );
    let all = errors
        .iter()
        .map(|e| e.3.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all.contains("`skip_to_main`") && all.contains("`fr`"),
        "{all}"
    );

    // An override with a misspelt key would be silently ignored: an error with a suggestion.
    let errors = errors_after(|site| {
        site.write("i18n/es.yaml", "sourcse: Fuentes\n");
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].2, "i18n/es.yaml:1:1");
    assert!(errors[0].3.contains("`sourcse`"), "{errors:?}");
}

#[test]
fn a_right_to_left_language_is_written_right_to_left() {
    let site = fixture("languages/rtl");
    site.build(&[]).assert_code(0);
    for (rel, lang, dir) in [
        ("index.html", "en-US", "ltr"),
        ("ar/index.html", "ar", "rtl"),
        ("ar/conditions/low-count/index.html", "ar", "rtl"),
    ] {
        assert_eq!(html_attr(&site, rel, "html", "lang"), [lang], "{rel}");
        assert_eq!(html_attr(&site, rel, "html", "dir"), [dir], "{rel}");
    }
    // The theme mirrors by itself: its stylesheet uses no physical left or right.
    let css = std::fs::read_to_string(site.public().join("style.css")).unwrap();
    for physical in [
        "left:",
        "right:",
        "-left",
        "-right",
        "text-align: left",
        "float:",
    ] {
        assert!(!css.contains(physical), "style.css uses `{physical}`");
    }
}

/// The articles of `medleaf build --report`, by file.
fn report_articles(site: &Site) -> std::collections::BTreeMap<String, Value> {
    let report = site.scratch().join("report.json");
    site.build(&["--report", report.to_str().unwrap()])
        .assert_code(0);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["file"].as_str().unwrap().to_owned(), a.clone()))
        .collect()
}

/// The readability warnings of `check`, by file.
fn readability_warnings(site: &Site) -> Vec<(String, String)> {
    diags(&check_json(site))
        .into_iter()
        .filter(|d| d.0 == "readability")
        .map(|d| (d.2, d.3))
        .collect()
}

#[test]
fn readability_uses_each_language_formula_and_its_threshold() {
    let site = fixture("languages/bilingual");
    // Long sentences of long words, in Spanish, added to the Spanish translation.
    let hard = "La evaluación hematológica especializada permite identificar alteraciones \
        cuantitativas y cualitativas de los leucocitos circulantes, considerando \
        simultáneamente antecedentes farmacológicos, enfermedades autoinmunitarias \
        concomitantes, deficiencias nutricionales prolongadas y posibles infiltraciones \
        medulares. "
        .repeat(5);
    let es = "content/conditions/low-count.es.md";
    site.write(es, &format!("{}\n{hard}\n", site.read(es)));

    let warnings = readability_warnings(&site);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].0.starts_with(es), "{warnings:?}");
    assert!(
        warnings[0].1.contains("INFLESZ score") && warnings[0].1.contains("minimum of 55"),
        "{warnings:?}"
    );

    // The report names each page's formula and gives that formula's figures.
    let articles = report_articles(&site);
    let spanish = &articles[es];
    assert!(
        spanish["formula"]
            .as_str()
            .unwrap()
            .contains("Szigriszt-Pazos")
    );
    assert!(spanish["readability"]["szigriszt_pazos"].as_f64().unwrap() < 55.0);
    assert!(spanish["readability"]["inflesz"].is_string());
    assert!(spanish["readability"]["flesch_kincaid_grade"].is_null());
    let english = &articles["content/conditions/low-count.md"];
    assert_eq!(english["formula"], "Flesch-Kincaid grade");
    assert!(english["readability"]["flesch_kincaid_grade"].is_number());

    // The threshold is the site's to set, per language: just below this page's score, the
    // page passes.
    let score = spanish["readability"]["szigriszt_pazos"].as_f64().unwrap();
    let config = site.read("site.yaml");
    let lower = (score - 1.0).floor();
    site.write(
        "site.yaml",
        &format!("{config}readability:\n  min_inflesz: {lower}\n"),
    );
    assert_eq!(readability_warnings(&site), []);
}

#[test]
fn a_language_without_a_formula_gets_no_score_and_no_warning() {
    let site = fixture("languages/rtl");
    // Enough words for a warning, in a language medleaf has no formula for.
    let ar = "content/conditions/low-count.ar.md";
    let words =
        "هذه جملة طويلة جدا كتبت هنا لاختبار طول النص فقط ولا تحمل أي معلومة طبية على الإطلاق، "
            .repeat(12);
    site.write(ar, &format!("{}\n{words}\n", site.read(ar)));
    assert_eq!(readability_warnings(&site), []);
    let articles = report_articles(&site);
    let arabic = &articles[ar];
    assert!(
        arabic["formula"].as_str().unwrap().starts_with("none"),
        "{arabic}"
    );
    assert!(arabic["readability"].is_null(), "{arabic}");
    assert_eq!(
        articles["content/conditions/low-count.md"]["formula"],
        "Flesch-Kincaid grade"
    );
}
