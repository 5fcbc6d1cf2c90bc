//! Editions in more than one language: the fixture `editions` (Vietnamese,
//! with an English edition that translates some of its documents) and the
//! repository's dossier, built and read as HTML; translations that
//! contradict their original, or have none, through the real binary.

mod common;

use common::*;

const CASE: &str = "editions";

/// The `hreflang` links of a page: (language, absolute URL).
fn hreflang(doc: &scraper::Html) -> Vec<(String, String)> {
    select(doc, "head link[rel=alternate][hreflang]")
        .into_iter()
        .map(|l| (attr(l, "hreflang").to_string(), attr(l, "href").to_string()))
        .collect()
}

/// The switcher's links of `page`, each resolved to a site path: (language name, path, current).
fn switcher(site: &BuiltSite, page: &str) -> Vec<(String, String, bool)> {
    let doc = site.html(page);
    select(&doc, "header nav.editions a")
        .into_iter()
        .map(|a| {
            let (target, _) = resolve_href(page, attr(a, "href")).expect("a relative link");
            (text(a), target, a.value().attr("aria-current") == Some("true"))
        })
        .collect()
}

#[test]
fn each_edition_is_a_tree_of_its_own_and_every_page_links_to_its_counterparts() {
    let site = build_fixture(CASE);
    assert_site_sound(&site, "/dossier/");
    let vi: Vec<String> = site.pages().into_iter().filter(|p| edition_folder(p).is_empty()).collect();
    let en: Vec<String> = site.pages().into_iter().filter(|p| edition_folder(p) == "en/").collect();
    assert_eq!(
        vi.len(),
        en.len() + 1,
        "the same pages in both editions, and the 404 page at the root:\n{vi:?}\n{en:?}"
    );
    assert!(site.exists("404.html") && !site.exists("en/404.html") && !site.exists("en/robots.txt"));
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/dossier/sitemap.xml\nSitemap: https://example.org/dossier/en/sitemap.xml\n"
    );
    for page in vi.iter().chain(&en).filter(|p| !p.ends_with("404.html")) {
        let doc = site.html(page);
        let lang = attr(select_one(&doc, "html"), "lang");
        assert_eq!(lang, if page.starts_with("en/") { "en" } else { "vi" }, "{page}");
        let links = hreflang(&doc);
        let languages: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(languages, ["vi", "x-default", "en"], "{page}");
        let switch = switcher(&site, page);
        assert_eq!(switch.len(), 2, "{page}");
        for (name, target, current) in &switch {
            assert!(
                site.exists(target),
                "{page}: the switcher's `{name}` leads to `{target}`, which is not written"
            );
            assert_eq!(
                *current,
                target == page,
                "{page}: only its own edition is current ({name} → {target})"
            );
            let url = &links
                .iter()
                .find(|(l, _)| l.as_str() == if name == "English" { "en" } else { "vi" })
                .unwrap()
                .1;
            let expected = format!("https://example.org/dossier/{}", target.trim_end_matches("index.html"));
            assert_eq!(*url, expected, "{page}: hreflang and switcher name the same page");
        }
    }
}

#[test]
fn a_translation_gives_the_words_and_the_original_the_facts() {
    let site = build_fixture(CASE);
    let doc = site.html("en/timeline/index.html");
    let press = select_one(&doc, "li.event#e-press");
    assert_eq!(text(select_in(press, "h4")[0]).trim(), "Press meeting");
    assert!(press.value().attr("lang").is_none(), "a translated entry is in the page's language");
    let when = text(select_in(press, ".event-when")[0]);
    assert!(
        when.contains("11 August 2025") && when.contains("noon") && when.contains("Seoul"),
        "{when}"
    );
    // The quote stays as its seed has it, marked as Vietnamese, its translation beside it.
    let quote = select_in(press, "details.sources q")[0];
    assert_eq!(attr(quote, "lang"), "vi");
    assert!(text(quote).starts_with("Trưa 11/8"), "{}", text(quote));
    let translation = text(select_in(press, ".quote-translation")[0]);
    assert_eq!(
        translation,
        "Translation: At noon on 11 August, General Secretary Tô Lâm and President Lee Jae Myung met the press in Seoul."
    );

    // An untranslated entry is shown in Vietnamese, marked as such.
    let relations = select_one(&doc, "li.event#e-relations");
    assert_eq!(attr(relations, "lang"), "vi");
    let mark = select_in(relations, ".untranslated-mark")[0];
    assert_eq!((attr(mark, "lang"), text(mark).as_str()), ("en", "Not translated yet"));

    // The Vietnamese edition is the original, untouched.
    let doc = site.html("timeline/index.html");
    let press = select_one(&doc, "li.event#e-press");
    assert_eq!(text(select_in(press, "h4")[0]).trim(), "Gặp gỡ báo chí");
    assert!(select_in(press, ".quote-translation").is_empty());
    assert!(select(&doc, "q[lang]").is_empty(), "no quote is marked in its own language");
}

#[test]
fn an_untranslated_page_says_so_and_is_marked_in_its_language() {
    let site = build_fixture(CASE);
    let doc = site.html("en/methods/index.html");
    let note = select_one(&doc, "main > p.untranslated-note");
    assert_eq!(text(note), "This page is not translated yet: it is shown in the original language.");
    assert_eq!(attr(select_one(&doc, "article.page"), "lang"), "vi");
    let doc = site.html("en/about/index.html");
    assert!(select(&doc, ".untranslated-note").is_empty());
    assert_eq!(text(select_one(&doc, "h1")), "About");
}

#[test]
fn slugs_exports_feed_and_search_are_per_edition() {
    let site = build_fixture(CASE);
    assert!(site.exists("articles/quan-he-viet-nam-han-quoc/index.html"));
    assert!(
        site.exists("en/articles/vietnam-korea-relations/index.html"),
        "the slug from the translated title"
    );
    let article = site.html("en/articles/vietnam-korea-relations/index.html");
    assert_eq!(
        attr(select_one(&article, "#article-text"), "lang"),
        "vi",
        "the article's text stays Vietnamese"
    );
    let reference = select_one(&article, "ol.references li");
    assert_eq!(attr(select_in(reference, "q")[0], "lang"), "vi");
    assert_eq!(
        text(select_in(reference, ".quote-translation")[0]),
        "Translation: Trade reached 81.5 billion USD in 2024"
    );

    let timeline: serde_json::Value = serde_json::from_str(&site.read("en/data/timeline.json")).unwrap();
    let titles: Vec<&str> = timeline.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Press meeting"), "{titles:?}");
    for name in ["timeline", "agreements", "statistics", "people", "statements", "visit"] {
        if site.exists(&format!("en/data/{name}.json")) {
            validate(&format!("{name}.schema.json"), &site.read(&format!("en/data/{name}.json")));
        }
    }
    let press = timeline.as_array().unwrap().iter().find(|e| e["id"] == "press").unwrap();
    assert_eq!(
        press["sources"][0]["quote"],
        "Trưa 11/8, Tổng Bí thư Tô Lâm và Tổng thống Lee Jae Myung gặp gỡ báo chí tại Seoul."
    );
    assert_eq!(
        press["sources"][0]["translation"],
        "At noon on 11 August, General Secretary Tô Lâm and President Lee Jae Myung met the press in Seoul."
    );
    let feed = site.read("en/feed.xml");
    assert!(
        feed.contains("https://example.org/dossier/en/articles/vietnam-korea-relations/"),
        "{feed}"
    );
    assert!(!site.read("feed.xml").contains("/en/"), "each edition's feed is its own");

    let en_search: String = site
        .files()
        .iter()
        .filter(|f| f.starts_with("en/search-index"))
        .map(|f| site.read(f))
        .collect();
    assert!(en_search.contains("Press meeting"), "the English index holds the English titles");
    let vi_search: String = site
        .files()
        .iter()
        .filter(|f| f.starts_with("search-index"))
        .map(|f| site.read(f))
        .collect();
    assert!(!vi_search.contains("Press meeting"), "the Vietnamese index does not");
    assert!(
        site.read("en/search-index.js").contains(r#""folding":"latin""#),
        "the English index folds as English"
    );
    assert!(
        !site.read("search-index.js").contains("folding"),
        "the Vietnamese one as Vietnamese, the script's own"
    );
    // A figure whose translation gives no English words for it is shown as its source writes it, marked.
    let statistics = site.html("en/statistics/index.html");
    let value = select_one(&statistics, "td.value data");
    assert_eq!((text(value).as_str(), attr(value, "lang")), ("81,5 tỷ USD", "vi"));
    let print = site.html("en/print/index.html");
    assert_eq!(attr(select_one(&print, "html"), "lang"), "en");
}

#[test]
fn the_repository_dossier_has_an_english_edition_of_every_document() {
    let site = build_site(repo_root());
    assert_site_sound(&site, "/dossier/");
    let home = site.html("en/index.html");
    assert_eq!(attr(select_one(&home, "html"), "lang"), "en");
    assert!(select(&home, ".untranslated-note, .untranslated-mark, [lang=vi] h2, [lang=vi] h3").is_empty());
    for page in [
        "en/timeline/index.html",
        "en/agreements/index.html",
        "en/statistics/index.html",
        "en/people/index.html",
    ] {
        let doc = site.html(page);
        assert!(select(&doc, ".untranslated-mark").is_empty(), "{page}: every entry is translated");
        let quotes = select(&doc, "main q");
        assert!(
            !quotes.is_empty() && quotes.iter().all(|q| attr(*q, "lang") == "vi"),
            "{page}: quotes are marked Vietnamese"
        );
    }
    let statistics = site.html("en/statistics/index.html");
    assert!(
        select(&statistics, "main [lang=vi]").iter().all(|e| e.value().name() == "q"),
        "every figure and period is given in English (the quotes alone stay Vietnamese)"
    );
    let run = Sandbox::empty().run(&["check", "--root", repo_root().to_str().unwrap()]);
    run.assert_code(0);
    assert!(run.stdout.contains("edition `en`: every document is translated"), "{}", run.stdout);
}

// ---------------------------------------------------------------------------
// Bad translations, through the binary

fn errors_of(sandbox: &Sandbox) -> Vec<String> {
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(1);
    run.headlines()
        .into_iter()
        .filter(|l| l.contains(": error:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_translation_that_contradicts_a_fact_of_its_original_fails_naming_both_files() {
    let sandbox = Sandbox::with_fixture(CASE);
    edit_file(
        &sandbox.file("content/timeline/press.en.md"),
        "date = 2025-08-11",
        "date = 2025-08-12",
    );
    let errors = errors_of(&sandbox);
    assert_eq!(
        errors[0],
        "content/timeline/press.en.md:4:1: error: `date` contradicts `content/timeline/press.md:3`, which says `2025-08-11`: \
         a translation shares its original's facts; remove `date` here (or correct both)"
    );
    edit_file(
        &sandbox.file("content/timeline/press.en.md"),
        "date = 2025-08-12",
        "people = [\"to-lam\"]",
    );
    let errors = errors_of(&sandbox);
    assert!(
        errors[0].starts_with("content/timeline/press.en.md:4:1: error: `people` is not a field a translation sets")
            && errors[0].contains("and `content/timeline/press.md` does not set it"),
        "{errors:?}"
    );
    edit_file(
        &sandbox.file("content/timeline/press.en.md"),
        "people = [\"to-lam\"]",
        "titel = \"x\"",
    );
    assert_eq!(
        errors_of(&sandbox),
        ["content/timeline/press.en.md:4:1: error: unknown field `titel`: did you mean `title`?"]
    );
}

#[test]
fn a_translation_without_its_original_or_into_an_undeclared_language_is_an_error() {
    let sandbox = Sandbox::with_fixture(CASE);
    write_file(&sandbox.file("content/timeline/gone.en.md"), b"+++\ntitle = \"Gone\"\n+++\n");
    write_file(&sandbox.file("content/about.fr.md"), b"+++\ntitle = \"\xc3\x80 propos\"\n+++\n");
    let errors = errors_of(&sandbox);
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("content/timeline/gone.en.md:1:1: error: this translates `content/timeline/gone.md`, which does not exist")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e
            == "content/about.fr.md:1:1: error: this is a translation of `content/about.md` into `fr`, an edition `site.toml` does not declare: \
                add `[languages.fr]` to `site.toml`, or rename the file"),
        "{errors:?}"
    );
}

#[test]
fn a_page_inside_an_editions_folder_is_an_error_naming_it() {
    let sandbox = Sandbox::with_fixture(CASE);
    write_file(&sandbox.file("content/en/notes.md"), b"+++\ntitle = \"Notes\"\n+++\n");
    assert_eq!(
        errors_of(&sandbox),
        [
            "content/en/notes.md:1:1: error: page would be published at `/en/notes/`, where the generator writes another edition \
          of the site: move or rename the file"
        ]
    );
}
