//! Fixture dossiers built through the library and compared with their complete
//! expected output (`tests/fixtures/<case>/expected`); see `common` for how to
//! bless a changed output. Beside the tree comparison, each case asserts the
//! structure it is about, so a wrong blessing does not go unnoticed.

mod common;

use common::*;

/// The seed file of the `messy-seed` case.
const MESSY_SEED: &str = "seeds/007_messy.txt";

#[test]
fn citations() {
    let site = build_fixture("citations");
    assert_site_sound(&site, "/hoso/");
    let alpha_page = "articles/gap-go-bao-chi-sau-hoi-dam/index.html";
    let beta_page = "articles/thuong-mai-song-phuong/index.html";
    for page in ["index.html", alpha_page, beta_page] {
        select_one(&site.html(page), "html[lang=vi]");
    }
    assert_eq!(assert_cites_land_on_marks(&site, alpha_page), 4);
    assert_eq!(assert_cites_land_on_marks(&site, beta_page), 1);
    assert_eq!(assert_cites_land_on_marks(&site, "index.html"), 1);

    let alpha = site.html(alpha_page);
    let talks = find_by_text(&alpha, "#article-text p", "cuộc hội đàm rất thành công");
    assert_eq!(
        texts_in(talks, "mark"),
        ["cuộc hội đàm rất thành công", "Việt Nam – Hàn Quốc"],
        "an ASCII hyphen in a quote matches the seed's en dash, which the mark keeps"
    );
    let target = find_by_text(&alpha, "#article-text p", "150 tỷ USD");
    assert_eq!(
        texts_in(target, "mark"),
        ["đạt 150 tỷ USD vào năm 2030"],
        "a quote wrapped across lines in the note still matches"
    );
    let words = find_by_text(&alpha, "#note .cited-words", "150 tỷ USD năm 2030");
    assert!(select_in(words, "a").is_empty(), "the cited words read as prose, not as a link");
    let cite = marker_after(words);
    assert_eq!(
        attr(cite, "href"),
        format!("../../{alpha_page}#{}", attr(target, "id")),
        "a cite link is relative, names index.html and the cited paragraph's anchor"
    );

    let beta = site.html(beta_page);
    let trade = find_by_text(&beta, "#article-text p", "81,5 tỷ USD");
    assert_eq!(
        texts_in(trade, "mark"),
        ["kim ngạch thương mại song phương đạt 81,5 tỷ USD"],
        "overlapping quotes (home and note) merge into one mark"
    );
    assert_eq!(
        texts_in(find_by_text(&beta, "#article-text p", "sông Hàn"), "mark"),
        ["“kỳ tích sông Hàn”"]
    );
    select_one(&beta, "time[datetime=\"2025-08-12\"]");

    let home = site.html("index.html");
    let source = select_one(&home, "#visit a.source");
    let (page, anchor) = resolve_href("index.html", attr(source, "href")).unwrap();
    assert_eq!(page, alpha_page, "a front-matter citation links to its seed's page");
    assert_eq!(
        texts_in(select_one(&alpha, &format!("[id=\"{}\"]", anchor.unwrap())), "mark"),
        ["chủ trì buổi gặp gỡ báo chí"]
    );

    let cited_by = |doc: &scraper::Html| -> Vec<String> {
        select(doc, "#cited-by p > a:first-child")
            .into_iter()
            .map(|a| attr(a, "href").to_string())
            .collect()
    };
    assert!(
        cited_by(&alpha).contains(&"../../index.html#visit".to_string()),
        "the home page's visit sources are listed as citing: {:?}",
        cited_by(&alpha)
    );
    assert_eq!(
        cited_by(&beta),
        [
            "../../index.html",
            format!("../../{alpha_page}").as_str(),
            format!("../../{beta_page}").as_str()
        ]
    );

    assert_eq!(
        site.read(&site.fingerprinted("assets/dossier.css")),
        std::fs::read_to_string(fixture_dir("citations").join("site/static/assets/dossier.css")).unwrap(),
        "the dossier's static file replaces the built-in one"
    );
    let builtin_favicon = dossier::render::theme::STATIC.iter().find(|(p, _)| *p == "favicon.svg").unwrap().1;
    assert_eq!(
        std::fs::read(site.path("favicon.svg")).unwrap(),
        builtin_favicon,
        "built-in static files the dossier lacks are still written"
    );
}

#[test]
fn messy_seed() {
    let root = fixture_dir("messy-seed").join("site");
    let bytes = std::fs::read(root.join(MESSY_SEED)).unwrap();
    let raw = String::from_utf8(bytes).unwrap();
    for (mess, what) in [
        ("\u{feff}", "a BOM"),
        ("\r\n", "CRLF line ends"),
        ("\u{a0}", "a no-break space"),
        ("\r\n|\r\n", "a lone `|` line"),
        ("\r\n- ", "`- ` list lines"),
    ] {
        assert!(
            raw.contains(mess),
            "the messy seed must keep {what}: was it normalised by an editor or by git?"
        );
    }
    let seed = parse_seed_keeping_every_word(&root, MESSY_SEED);

    let site = build_fixture("messy-seed");
    assert_site_sound(&site, "/");
    let page = article_page_of(&site, &seed);
    let html = site.read(&page);
    assert!(
        !html.contains('\r') && !html.contains('\u{feff}') && !html.contains('\u{a0}'),
        "no CR, BOM or no-break space reaches the page"
    );
    let doc = site.html(&page);
    let title = seed.derived_title();
    assert!(
        title.starts_with("Chuyến thăm có ý nghĩa quan trọng") && title.ends_with('…'),
        "{title}"
    );
    assert_eq!(
        text(select_one(&doc, "h1")),
        title,
        "a seed without a note is titled after its first paragraph"
    );
    assert!(text(select_one(&doc, "#note")).is_empty());
    let warnings: Vec<String> = site.summary.diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        ["seeds/007_messy.txt:1:1: warning: seed has no note: add `content/articles/007_messy.md` with a title and summary"]
    );

    select_one(&doc, "time[datetime=\"2025-08-15\"]");
    let captions = select(&doc, "#article-text .caption");
    assert_eq!(captions.len(), 2, "the photo caption after the date, and the table fragment");
    assert_eq!(texts_in(captions[0], ".credit"), ["Ảnh: Thống Nhất/TTXVN"]);
    assert!(
        text(captions[0]).starts_with("Bộ trưởng Ngoại giao Cho Hyun"),
        "the date is not part of the caption"
    );
    assert_eq!(texts_in(captions[1], ".credit"), ["TTXVN"]);
    assert!(!text(select_one(&doc, "#article-text")).contains('|'), "table pipes are not text");

    let wrapped = find_by_text(&doc, "#article-text .paragraph", "quan hệ Đối tác chiến lược");
    assert!(
        text(wrapped).contains("năm 2022. Sau hơn 30 năm, hai nước"),
        "hard-wrapped lines join into one paragraph"
    );
    assert_eq!(
        texts_in(wrapped, "mark"),
        ["làm sâu sắc hơn quan hệ Đối tác chiến lược", "năm 2022. Sau hơn 30 năm"],
        "quotes match across a CRLF wrap and a no-break space"
    );
    assert_eq!(
        texts_in(select_one(&doc, "#article-text"), ".heading"),
        ["Đưa hợp tác khoa học, công nghệ thành trụ cột"]
    );
    let list = select_one(&doc, "#article-text ul");
    let items = texts_in(list, "li.list_item");
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(
        items[0].ends_with("Bộ Khoa học, Công nghệ Thông tin và Truyền thông Hàn Quốc về hợp tác khoa học."),
        "a wrapped list line continues its item: {items:?}"
    );
    assert_eq!(assert_cites_land_on_marks(&site, "index.html"), 2);
}

#[test]
fn free_pages() {
    let site = build_fixture("free-pages");
    assert_site_sound(&site, "/");
    let about = site.html("about/index.html");
    let note = site.html("notes/a/index.html");
    select_one(&about, "html[lang=vi]");

    let hrefs = |doc: &scraper::Html| -> Vec<String> {
        select(doc, "article a[href]:not(.anchor)")
            .into_iter()
            .map(|a| attr(a, "href").to_string())
            .collect()
    };
    let about_links: Vec<String> = hrefs(&about).into_iter().filter(|h| !h.starts_with("#fn")).collect();
    assert_eq!(
        about_links,
        ["../notes/a/index.html", "../notes/a/index.html#nguon"],
        "`@/` links become relative page links"
    );
    assert_eq!(
        hrefs(&note),
        ["../../about/index.html", "../../about/index.html#phuong-phap"],
        "relative `.md` links become relative page links"
    );

    let toc = |doc: &scraper::Html| -> Vec<String> { select(doc, "#toc a").into_iter().map(|a| attr(a, "href").to_string()).collect() };
    assert_eq!(toc(&about), ["#phuong-phap", "#gioi-han", "#ma-nhung"]);
    assert_eq!(
        toc(&note),
        ["#cau-hinh", "#nguon", "#nguon-2"],
        "headings with the same text get distinct ids"
    );

    let refs = select(&about, "sup.footnote-ref a");
    assert_eq!(
        refs.iter().map(|a| attr(*a, "href")).collect::<Vec<_>>(),
        ["#fn-cach", "#fn-cach"],
        "two references to one footnote"
    );
    assert_eq!(
        refs.iter().map(|a| attr(*a, "id")).collect::<Vec<_>>(),
        ["fnref-cach", "fnref-cach-2"]
    );
    let notes = select(&about, "section.footnotes li[id]");
    assert_eq!(
        notes.iter().map(|li| attr(*li, "id")).collect::<Vec<_>>(),
        ["fn-cach"],
        "the footnote is listed once"
    );
    let back = select_in(notes[0], "a.footnote-back");
    assert_eq!(back.iter().map(|a| attr(*a, "href")).collect::<Vec<_>>(), ["#fnref-cach"]);

    assert!(
        select(&about, "script").is_empty() && select(&about, "article b").is_empty(),
        "raw HTML is escaped by default"
    );
    let body = text(select_one(&about, "article"));
    assert!(
        body.contains("<script>alert(\"không chạy\")</script>") && body.contains("Chữ <b>đậm</b>"),
        "raw HTML shows as text: {body}"
    );

    let code = select_one(&note, "pre.hl-code[data-lang=toml] code");
    assert_eq!(
        code.text().collect::<String>(),
        "# site.toml\ntitle = \"Hồ sơ\"\nbase_url = \"https://example.org/\"\n",
        "highlighting loses no character"
    );
    let classes: Vec<&str> = select_in(code, "span").iter().flat_map(|s| attr(*s, "class").split(' ')).collect();
    assert!(
        classes.contains(&"hl-toml") && classes.iter().all(|c| c.starts_with("hl-")),
        "{classes:?}"
    );
    let css = site.read(&site.fingerprinted("assets/highlight.css"));
    assert!(
        css.contains(".hl-") && css.contains("prefers-color-scheme: dark"),
        "the highlight stylesheet is written"
    );

    let footer = |doc: &scraper::Html| texts_in(select_one(doc, "footer"), "a");
    assert_eq!(footer(&note), ["Về hồ sơ", "Ghi chú A"], "free pages are listed in path order");
}

#[test]
fn default_theme() {
    let site = build_fixture("default-theme");
    assert_site_sound(&site, "/hoso/");
    for page in site.pages() {
        select_one(&site.html(&page), "html[lang=vi]");
    }
    for (path, bytes) in dossier::render::theme::STATIC {
        let published = if path.starts_with("assets/") {
            site.fingerprinted(path)
        } else {
            path.to_string()
        };
        assert_eq!(
            &std::fs::read(site.path(&published)).unwrap(),
            bytes,
            "{published} is the built-in {path}"
        );
        assert!(
            !site.exists(path) || published == *path,
            "{path} is published only under its fingerprinted name"
        );
    }
    let page = "articles/gap-go-bao-chi/index.html";
    assert_eq!(assert_cites_land_on_marks(&site, page), 1);
    let doc = site.html(page);
    assert_eq!(
        attr(select_one(&doc, "link[rel=canonical]"), "href"),
        "https://example.org/hoso/articles/gap-go-bao-chi/"
    );
    let sheets: Vec<&str> = select(&doc, "link[rel=stylesheet]").into_iter().map(|l| attr(l, "href")).collect();
    let expected = ["assets/dossier.css", "assets/highlight.css"].map(|p| format!("../../{}", site.fingerprinted(p)));
    assert_eq!(sheets, expected, "fingerprinted, so a host may cache them for ever");
    select_one(&doc, "time[datetime=\"2025-08-11\"]");
    let caption = select_one(&doc, "#article-text .seed-caption");
    assert_eq!(texts_in(caption, ".credit"), ["Ảnh: TTXVN"]);
    let cite = select_one(&doc, "section#note a.cite");
    assert_eq!(text(cite), "1", "a numbered marker");
    assert_eq!(
        marker_after(select_one(&doc, "section#note .cited-words")).id(),
        cite.id(),
        "it follows the cited words"
    );
    let marked = select_one(&doc, "#article-text p.cited");
    assert_eq!(attr(cite, "href"), format!("../../{page}#{}", attr(marked, "id")));
    assert_eq!(texts_in(marked, "mark"), ["đưa hợp tác khoa học công nghệ thành trụ cột"]);
    let cited_by = select_one(&doc, "section#cited-by a.quote-link");
    assert_eq!(attr(cited_by, "href"), format!("#{}", attr(marked, "id")));
}

/// The citation marker that follows cited words: `<span class="cited-words">…</span><sup class="cite-mark"><a class="cite">1</a></sup>`.
fn marker_after(words: scraper::ElementRef<'_>) -> scraper::ElementRef<'_> {
    let sup = words
        .next_siblings()
        .find_map(scraper::ElementRef::wrap)
        .unwrap_or_else(|| panic!("nothing follows {}", words.html()));
    assert_eq!(attr(sup, "class"), "cite-mark", "{}", sup.html());
    let marker = select_in(sup, "a.cite");
    assert_eq!(marker.len(), 1, "{}", sup.html());
    assert!(text(marker[0]).parse::<usize>().is_ok(), "a numbered marker: {}", marker[0].html());
    marker[0]
}
