//! The repository's own dossier (`site.toml`, `seeds/`, `content/`), built
//! through the library: every seed becomes a full article page with its
//! note, every citation lands on an anchor that exists, and no seed loses or
//! gains a word on its way into the model.

mod common;

use common::*;
use scraper::Html;

/// The path of the base URL in the repository's `site.toml`.
const BASE_PATH: &str = "/dossier/";

/// The repository's seeds, parsed (and checked to keep every word), in file order.
fn seeds() -> Vec<dossier::parse::seed::Seed> {
    let mut files: Vec<String> = std::fs::read_dir(repo_root().join("seeds"))
        .expect("the repository has seeds")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .map(|name| format!("seeds/{name}"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the repository's dossier has five seeds: {files:?}");
    files.iter().map(|f| parse_seed_keeping_every_word(repo_root(), f)).collect()
}

/// The seed whose file name starts with `number_`.
fn seed<'a>(seeds: &'a [dossier::parse::seed::Seed], number: &str) -> &'a dossier::parse::seed::Seed {
    seeds
        .iter()
        .find(|s| s.stem.starts_with(&format!("{number}_")))
        .unwrap_or_else(|| panic!("no seed {number}"))
}

#[test]
fn no_seed_loses_or_invents_a_word() {
    // `seeds()` compares, for each seed, the model's words with the words of
    // the normalised file; here we only make sure the seeds hold words at all.
    for seed in seeds() {
        assert!(seed.words().len() > 100, "{} holds only {} words", seed.stem, seed.words().len());
    }
}

#[test]
fn every_seed_has_an_article_page_with_its_note_and_every_paragraph_anchored() {
    let site = build_site(repo_root());
    for seed in seeds() {
        let page = article_page_of(&site, &seed);
        assert!(
            repo_root().join(format!("content/articles/{}.md", seed.stem)).is_file(),
            "seed {} has no note",
            seed.stem
        );
        let doc = site.html(&page);
        let note = select_one(&doc, "section#note");
        assert!(
            !select_in(note, "a.cite").is_empty(),
            "{page}: the note of {} is not rendered: {}",
            seed.stem,
            text(note)
        );
        let shown: Vec<String> = select(&doc, "#article-text [id]")
            .into_iter()
            .map(|e| attr(e, "id").to_string())
            .filter(|id| id.starts_with("p-"))
            .collect();
        let anchors: Vec<String> = seed.blocks.iter().map(|b| b.anchor.clone()).collect();
        assert_eq!(
            shown, anchors,
            "{page}: every block of {} is shown once, in order, under its anchor",
            seed.stem
        );
    }
}

#[test]
fn captions_dates_and_lists_of_the_real_seeds_are_recognised() {
    let site = build_site(repo_root());
    let seeds = seeds();
    for (number, captions) in [("000", 3), ("001", 2), ("002", 1), ("003", 1), ("004", 0)] {
        let doc = site.html(&article_page_of(&site, seed(&seeds, number)));
        let found = select(&doc, "#article-text .seed-caption");
        assert_eq!(
            found.len(),
            captions,
            "seed {number}: {:?}",
            found.iter().map(|c| text(*c)).collect::<Vec<_>>()
        );
        for caption in found {
            assert_eq!(
                select_in(caption, ".credit").len(),
                1,
                "seed {number}: a caption without its credit: {}",
                text(caption)
            );
        }
    }

    let doc = site.html(&article_page_of(&site, seed(&seeds, "001")));
    select_one(&doc, "time[datetime=\"2025-08-15\"]");
    assert!(
        !text(select_one(&doc, "#article-text")).contains("date 2025"),
        "the date line is not article text"
    );

    let doc = site.html(&article_page_of(&site, seed(&seeds, "004")));
    let list = select_one(&doc, "#article-text ul.seed-list");
    let items = select_in(list, "li");
    assert_eq!(items.len(), 10, "seed 004's ten `- ` lines are one list of ten items");
    assert!(
        items
            .iter()
            .all(|li| attr(*li, "id").starts_with("p-") && !text(*li).starts_with('-'))
    );
    assert_eq!(select(&doc, "#article-text li").len(), 10, "no list item outside the list");
}

#[test]
fn every_citation_lands_on_a_marked_passage_and_every_link_resolves() {
    let site = build_site(repo_root());
    assert_site_sound(&site, BASE_PATH);
    let cites: usize = site.pages().iter().map(|page| assert_cites_land_on_marks(&site, page)).sum();
    assert!(cites > 100, "the dossier cites its seeds throughout, found only {cites} cite links");
}

#[test]
fn sitemap_robots_and_feed_name_every_page_by_its_absolute_url() {
    let site = build_site(repo_root());
    let base = "https://example.org/dossier/";
    let url_of = |page: &str| format!("{base}{}", page.trim_end_matches("index.html"));
    for edition in ["", "en/"] {
        let mut expected: Vec<String> = site
            .pages()
            .into_iter()
            .filter(|p| edition_folder(p) == edition)
            .filter(|p| *p != format!("{edition}404.html") && *p != format!("{edition}search/index.html"))
            .map(|p| url_of(&p))
            .collect();
        expected.sort();
        let sitemap = Html::parse_document(&site.read(&format!("{edition}sitemap.xml")));
        let locs = texts_in(select_one(&sitemap, "urlset"), "url > loc");
        assert_eq!(
            locs, expected,
            "every page of the edition `{edition}` but 404 and search, once, sorted"
        );
    }
    assert!(site.read("robots.txt").lines().any(|l| l == format!("Sitemap: {base}sitemap.xml")));

    let feed = Html::parse_document(&site.read("feed.xml"));
    let entries = select(&feed, "feed > entry");
    let articles: Vec<String> = site
        .pages()
        .into_iter()
        .filter(|p| p.starts_with("articles/") && p != "articles/index.html")
        .collect();
    assert_eq!(entries.len(), articles.len(), "one entry per article of the default edition");
    for entry in entries {
        let link = attr(select_in(entry, "link")[0], "href").to_string();
        assert!(articles.iter().any(|a| url_of(a) == link), "{link} is an article page");
        assert_eq!(texts_in(entry, "id"), std::slice::from_ref(&link));
        let updated = texts_in(entry, "updated").remove(0);
        assert!(updated.starts_with("2025-08-") && updated.ends_with("T00:00:00Z"), "{updated}");
    }
    let home = site.html("index.html");
    assert_eq!(
        attr(select_one(&home, "link[rel=alternate][type=\"application/atom+xml\"]"), "href"),
        "./feed.xml"
    );
    assert_eq!(attr(select_one(&home, "meta[property=\"og:url\"]"), "content"), base);
}

/// On paper a citation is its reference, `004 ¶7`: the print page numbers
/// each article's blocks, and the block a reference names holds the quote.
#[test]
fn the_print_page_holds_every_part_and_each_reference_names_the_block_of_its_quote() {
    let site = build_site(repo_root());
    let doc = site.html("print/index.html");
    let parts = texts_in(select_one(&doc, "article.print-dossier"), "section.print-part > h2");
    assert_eq!(parts.len(), 5, "summary, timeline, agreements, statistics, articles: {parts:?}");
    assert!(
        select(&doc, "section.print-part figure.chart-figure svg").len() >= 2,
        "the charts are printed"
    );
    let articles = select(&doc, "article.print-article");
    assert_eq!(articles.len(), 5);
    let blocks_of = |short: &str| -> Vec<String> {
        let article = articles
            .iter()
            .find(|a| texts_in(**a, "h3 .print-ref") == [short.to_string()])
            .unwrap_or_else(|| panic!("no printed article {short}"));
        texts_in(*article, "ol.print-blocks > li")
            .iter()
            .map(|t| canonical_quote(t))
            .collect()
    };
    let mut checked = 0;
    for link in select(&doc, "a.cite[data-ref], a.source[data-ref]") {
        let reference = attr(link, "data-ref");
        let (short, number) = reference.split_once(" ¶").unwrap_or_else(|| panic!("reference {reference:?}"));
        let number: usize = number.parse().unwrap();
        let quote = if attr(link, "class") == "cite" {
            cite_quote(&doc, link)
        } else {
            texts_in(link, "q").remove(0)
        };
        let blocks = blocks_of(short);
        let block = blocks.get(number - 1).unwrap_or_else(|| panic!("{reference}: no such block"));
        assert!(
            block.to_lowercase().contains(&canonical_quote(&quote).to_lowercase()),
            "{reference} does not hold {quote:?}: {block}"
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} references on the print page");
    assert!(duplicate_ids(&doc).is_empty(), "{:?}", duplicate_ids(&doc));
}

/// The built-in print page writes its articles one at a time where it says
/// `articles_html` (and its facts' parts at their slots); a print template of
/// a dossier's own made before that, listing `articles` (and `timeline`,
/// `agreements`, `statistics`) itself, still gets every article, the same ones.
#[test]
fn a_print_template_listing_articles_itself_still_prints_every_article() {
    let ours = build_site(repo_root());
    let printed = |site: &BuiltSite, css: &str| -> Vec<String> {
        let doc = site.html("print/index.html");
        select(&doc, css).iter().map(|e| e.text().collect::<String>()).collect()
    };
    let built_in = printed(&ours, "article.print-article > h3");
    assert_eq!(built_in.len(), seeds().len(), "every seed's article is printed");

    let (_tmp, root) = copy_of_the_dossier();
    let listing = "{% extends \"base.html\" %}{% block content %}\
                   {% for g in timeline.visit.days %}{% for e in g.events %}<p class=\"listed-event\">{{ e.title }}</p>{% endfor %}{% endfor %}\
                   {% for f in agreements.fields %}{% for a in f.agreements %}<p class=\"listed-agreement\">{{ a.title }}</p>{% endfor %}{% endfor %}\
                   {% for c in statistics.categories %}{% for m in c.metrics %}<p class=\"listed-metric\">{{ m.label }}</p>{% endfor %}{% endfor %}\
                   {% for a in articles %}<section class=\"listed\"><h3>{{ a.short }}</h3>{{ a.title }}</section>{% endfor %}\
                   {% endblock content %}";
    write_file(&root.join("templates/print.html"), listing.as_bytes());
    let theirs = build_site(&root);
    let listed = printed(&theirs, "section.listed");
    assert_eq!(listed.len(), built_in.len());
    for (listed, built_in) in listed.iter().zip(&built_in) {
        assert!(built_in.ends_with(listed.split_at(3).1), "{listed} / {built_in}");
    }
    // The facts' parts, which the built-in page writes at slots of their own,
    // are there as data for a template that lists them itself.
    for (theirs_css, ours_css) in [
        ("p.listed-agreement", "section.print-part .print-agreement > h4"),
        ("p.listed-metric", "table.figures-table tbody th[scope=row]"),
    ] {
        let (listed, built_in) = (printed(&theirs, theirs_css), printed(&ours, ours_css));
        assert!(!listed.is_empty(), "{theirs_css}");
        assert!(
            listed.iter().all(|l| built_in.iter().any(|b| b.starts_with(l.as_str()))),
            "{listed:?} / {built_in:?}"
        );
    }
    assert!(!printed(&theirs, "p.listed-event").is_empty(), "the visit's events");
}

/// The built-in people page writes each person at `persons_html` (and each
/// organisation at `organisations_html`), and the timelines each group's
/// events at `events_html`, one at a time; a `people.html` or
/// `timeline.html` of a dossier's own that lists `facts.people` or a
/// group's `events` itself still gets every one of them, the same ones.
#[test]
fn people_and_timeline_templates_listing_entries_themselves_still_get_them() {
    let ours = build_site(repo_root());
    let texts = |site: &BuiltSite, page: &str, css: &str| -> Vec<String> {
        let doc = site.html(page);
        select(&doc, css).iter().map(|e| e.text().collect::<String>()).collect()
    };
    let (_tmp, root) = copy_of_the_dossier();
    let people = "{% extends \"base.html\" %}{% block content %}\
                  {% for p in facts.people %}<p class=\"listed-person\">{{ p.name }}</p>{% endfor %}\
                  {% for p in facts.organisations %}<p class=\"listed-person\">{{ p.name }}</p>{% endfor %}\
                  {% endblock content %}";
    let timeline = "{% extends \"base.html\" %}{% block content %}\
                    {% for g in facts.visit.days %}{% for e in g.events %}<p class=\"listed-event\">{{ e.title }}</p>{% endfor %}{% endfor %}\
                    {% for g in facts.background %}{% for e in g.events %}<p class=\"listed-event\">{{ e.title }}</p>{% endfor %}{% endfor %}\
                    {% endblock content %}";
    write_file(&root.join("templates/people.html"), people.as_bytes());
    write_file(&root.join("templates/timeline.html"), timeline.as_bytes());
    let theirs = build_site(&root);
    for (page, theirs_css, ours_css) in [
        ("people/index.html", "p.listed-person", "article.person > h3"),
        // The visit's events over several days are listed apart (`across`).
        ("timeline/index.html", "p.listed-event", "li.group:not(.group-across) li.event > h4"),
    ] {
        let (listed, built_in) = (texts(&theirs, page, theirs_css), texts(&ours, page, ours_css));
        assert!(!listed.is_empty(), "{page}");
        assert_eq!(listed.len(), built_in.len(), "{page}: {listed:?} / {built_in:?}");
        for (listed, built_in) in listed.iter().zip(&built_in) {
            assert!(built_in.starts_with(listed.as_str()), "{page}: {listed} / {built_in}");
        }
    }
}

/// A body the print page shows is written for it with the print page's
/// links: shared with its page where the two are as deep (an event on
/// `timeline/`), rendered again where they are not (an article's note on
/// `articles/…/`).
#[test]
fn a_printed_body_links_from_the_print_page() {
    let (_tmp, root) = copy_of_the_dossier();
    for (file, words) in [
        ("timeline/1992-12-22-thiet-lap-quan-he-ngoai-giao.md", "từ sự kiện"),
        ("articles/000_d126c0443aeca4f3.md", "từ bài báo"),
    ] {
        let path = root.join("content").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        write_file(&path, format!("{text}\nXem [{words}](@/about.md).\n").as_bytes());
    }
    let site = build_site(&root);
    let hrefs = |page: &str, words: &str| -> Vec<String> {
        let doc = site.html(page);
        select(&doc, "a")
            .into_iter()
            .filter(|a| a.text().collect::<String>() == words)
            .map(|a| attr(a, "href").to_string())
            .collect()
    };
    assert_eq!(hrefs("timeline/index.html", "từ sự kiện"), ["../about/index.html"]);
    assert_eq!(hrefs("print/index.html", "từ sự kiện"), ["../about/index.html"]);
    let on_articles: Vec<String> = (site.files().into_iter())
        .filter(|f| f.starts_with("articles/") && f.matches('/').count() == 2 && f.ends_with("/index.html"))
        .flat_map(|page| hrefs(&page, "từ bài báo"))
        .collect();
    assert_eq!(on_articles, ["../../about/index.html"], "on article 000's page");
    assert_eq!(hrefs("print/index.html", "từ bài báo"), ["../about/index.html"]);
}

/// A copy of the repository's dossier (its seeds, content and `site.toml`,
/// with the built-in templates), in a folder removed when the first drops.
fn copy_of_the_dossier() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    for folder in ["seeds", "content"] {
        copy_dir(&repo_root().join(folder), &root.join(folder));
    }
    std::fs::copy(repo_root().join("site.toml"), root.join("site.toml")).unwrap();
    (tmp, root)
}
