//! The fact pages and their data: fixture dossiers for date precision, a
//! discrepancy, a metric with several observations, broken facts; the
//! exports against their JSON Schemas; the real dossier's counts.

mod common;

use common::{attr, build_fixture, build_site, fixture_dir, repo_root, select, select_one, text, validate};
use dossier::{Failure, Overrides};

fn event_ids(doc: &scraper::Html) -> Vec<String> {
    select(doc, "li.event").into_iter().map(|e| attr(e, "id").to_string()).collect()
}

#[test]
fn timeline_sorts_by_date_at_its_precision_and_groups_the_visit_days() {
    let site = build_fixture("facts");
    let doc = site.html("timeline/index.html");
    assert_eq!(
        event_ids(&doc),
        [
            "e-h-visit",
            "e-f-press",
            "e-g-talks",
            "e-e-visit-undated",
            "e-b-1992",
            "e-c-2022-12",
            "e-d-2022-12-05",
            "e-a-2030"
        ],
        "the visit first (an event over its days, then each day by time and by the relations cited, then \
         its undated events); then the background in time order, a month before the days it holds"
    );
    let parts: Vec<String> = select(&doc, "section.timeline-part > h2").into_iter().map(text).collect();
    assert_eq!(
        parts,
        ["Các ngày của chuyến thăm", "Bối cảnh"],
        "the visit's days before the background years"
    );
    let groups: Vec<(String, String)> = select(&doc, "ol.timeline > li")
        .into_iter()
        .map(|g| (attr(g, "class").to_string(), text(select_one_in(g, "h3"))))
        .collect();
    let group = |class: &str, label: &str| (format!("group group-{class}"), label.to_string());
    assert_eq!(
        groups,
        [
            group("across", "10/8/2025 – 13/8/2025"),
            group("visit-day", "Chủ Nhật, 10/8/2025"),
            group("visit-day", "Thứ Hai, 11/8/2025"),
            group("visit-day", "Thứ Ba, 12/8/2025"),
            group("visit-day", "Thứ Tư, 13/8/2025"),
            group("visit", "Trong chuyến thăm, không rõ ngày (tháng 8/2025)"),
            group("year", "1992"),
            group("year", "2022"),
            group("year", "2030"),
        ],
        "every day of the visit, those no source tells of included"
    );
    let empty: Vec<String> = select(&doc, "#visit-day-2025-08-12 + .day-empty").into_iter().map(text).collect();
    assert_eq!(empty, ["Các bài báo không nêu hoạt động nào trong ngày này."]);
    let dates: Vec<String> = select(&doc, "li.event time").into_iter().map(text).collect();
    assert_eq!(
        dates,
        [
            "10/8/2025 – 13/8/2025",
            "11/8/2025",
            "11/8/2025",
            "tháng 8/2025",
            "22/12/1992",
            "tháng 12/2022",
            "5/12/2022",
            "năm 2030"
        ]
    );
    let press = select_one(&doc, "#e-f-press .event-when");
    assert_eq!(text(press), "11/8/2025 · trưa · Seoul");
    let person = select_one(&doc, "#e-f-press .event-people a");
    assert_eq!(attr(person, "href"), "../people/index.html#who-lee-jae-myung");
    let home = site.html("index.html");
    let days: Vec<String> = select(&home, "#days .day-list > li > h3").into_iter().map(text).collect();
    assert_eq!(
        days,
        [
            "Chủ Nhật, 10/8/2025",
            "Thứ Hai, 11/8/2025",
            "Thứ Ba, 12/8/2025",
            "Thứ Tư, 13/8/2025",
            "Trong chuyến thăm, không rõ ngày (tháng 8/2025)"
        ],
        "the home page's days: every day in order, the undated events last"
    );
}

fn select_one_in<'a>(el: scraper::ElementRef<'a>, css: &str) -> scraper::ElementRef<'a> {
    common::select_in(el, css)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no `{css}`"))
}

#[test]
fn every_event_links_to_its_source_sentence() {
    let site = build_fixture("facts");
    let doc = site.html("timeline/index.html");
    for event in select(&doc, "li.event") {
        let links = common::select_in(event, ".sources a.source");
        assert!(!links.is_empty(), "{} has no source link", attr(event, "id"));
        for link in links {
            let (page, fragment) = common::resolve_href("timeline/index.html", attr(link, "href")).expect("a relative link");
            let target = site.html(&page);
            let fragment = fragment.expect("a link to the paragraph");
            let paragraph = select_one(&target, &format!("[id=\"{fragment}\"]"));
            assert!(
                !common::select_in(paragraph, "mark").is_empty(),
                "the quote is marked in {page}#{fragment}"
            );
        }
    }
    assert_site_sound(&site);
}

fn assert_site_sound(site: &common::BuiltSite) {
    common::assert_site_sound(site, "/");
}

#[test]
fn a_discrepancy_shows_both_values_side_by_side_with_the_note() {
    let site = build_fixture("facts");
    let doc = site.html("statistics/index.html");
    let metric = select_one(&doc, "#m-vietnamese-in-korea");
    assert!(attr(metric, "class").contains("has-discrepancy"));
    let note = select_one_in(metric, ".discrepancy");
    assert!(text(note).contains("thời điểm thống kê"));
    let shown: Vec<String> = common::select_in(metric, ".observation-list .observation-value")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(shown, ["khoảng 320.000 người", "khoảng 350.000 người"]);
    let compared: Vec<String> = select(&doc, "table.figures-table tbody tr.disputed td.value")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        compared,
        ["khoảng 320.000 người", "khoảng 350.000 người"],
        "the comparison table shows both values, marked"
    );
}

#[test]
fn the_statistics_page_compares_every_figure_in_one_table() {
    let site = build_fixture("facts");
    let doc = site.html("statistics/index.html");
    let table = select_one(&doc, "table.figures-table.sortable");
    let heads: Vec<String> = common::select_in(table, "thead th").into_iter().map(text).collect();
    assert_eq!(heads, ["Chỉ số", "Nhóm", "Giá trị", "Thời kỳ", "Nguồn", "Vênh nhau"]);
    let rows = common::select_in(table, "tbody tr");
    let observations = select(&doc, ".observation-list > li").len();
    assert_eq!(rows.len(), observations, "a row for each value of each figure");
    for row in &rows {
        let label = select_one_in(*row, "th[scope=row] a");
        let (_, anchor) = common::resolve_href("statistics/index.html", attr(label, "href")).unwrap();
        select_one(&doc, &format!("article.metric[id=\"{}\"]", anchor.unwrap()));
        let value = select_one_in(*row, "td.value");
        assert_eq!(
            attr(value, "data-sort-value"),
            attr(select_one_in(value, "data"), "value"),
            "sorted by the number"
        );
        for source in common::select_in(*row, "a.source-ref") {
            assert!(attr(source, "href").contains("index.html#p-"), "{}", source.html());
            assert!(!attr(source, "title").is_empty(), "the quote on hover");
        }
    }
}

#[test]
fn a_metric_with_several_observations_has_an_accessible_chart_and_a_table() {
    let site = build_fixture("facts");
    let doc = site.html("statistics/index.html");
    let metric = select_one(&doc, "#m-trade");
    let svg = select_one_in(metric, "svg.chart");
    assert_eq!(attr(svg, "role"), "img");
    let labelled: Vec<&str> = attr(svg, "aria-labelledby").split(' ').collect();
    assert_eq!(labelled, ["chart-m-trade-title", "chart-m-trade-desc"]);
    assert_eq!(text(select_one_in(svg, "title")), "Kim ngạch thương mại");
    assert!(text(select_one_in(svg, "desc")).contains("76 tỷ USD (2023); 81,5 tỷ USD (2024)"));
    assert_eq!(common::select_in(svg, "rect.chart-bar").len(), 2);
    let texts = |css: &str| -> Vec<String> { common::select_in(svg, css).into_iter().map(text).collect() };
    assert_eq!(
        texts(".chart-label"),
        ["2023: 76 tỷ USD", "2024: 81,5 tỷ USD"],
        "each bar's period and value"
    );
    assert_eq!(texts(".chart-source"), ["Nguồn: 001", "Nguồn: 001"], "each bar's source");
    assert_eq!(
        texts(".chart-axis .chart-tick"),
        ["0", "25", "50", "75", "100"],
        "a value axis from zero"
    );
    assert_eq!(texts(".chart-caption"), ["Đơn vị: tỷ USD"]);
    select_one_in(svg, ".chart-axis line.chart-axis-line");
    let values: Vec<String> = common::select_in(metric, ".observation-list data")
        .into_iter()
        .map(|d| attr(d, "value").to_string())
        .collect();
    assert_eq!(values, ["76000000000", "81500000000"]);
    let home = site.html("index.html");
    let keys: Vec<&str> = select(&home, ".key-figures a").into_iter().map(|a| attr(a, "href")).collect();
    assert_eq!(
        keys,
        [
            "./statistics/index.html#m-vietnamese-in-korea",
            "./statistics/index.html#m-trade",
            "./statistics/index.html"
        ],
        "each key figure, then every figure"
    );
}

#[test]
fn agreements_are_grouped_by_field_with_the_parties_of_each_country() {
    let site = build_fixture("facts");
    let doc = site.html("agreements/index.html");
    let fields: Vec<String> = select(&doc, "section.field h3").into_iter().map(text).collect();
    assert_eq!(fields, ["Hợp tác địa phương", "Nghề cá"]);
    let chips: Vec<&str> = select(&doc, ".chips a").into_iter().map(|a| attr(a, "href")).collect();
    assert_eq!(
        chips,
        ["#field-hop-tac-dia-phuong", "#field-nghe-ca"],
        "the field filter works without JavaScript"
    );
    let sides: Vec<String> = select(&doc, "#a-nghe-ca .side").into_iter().map(text).collect();
    assert_eq!(sides.len(), 2);
    assert!(
        sides[0].starts_with("Việt Nam") && sides[0].contains("Bộ Nông nghiệp và Môi trường"),
        "{sides:?}"
    );
    assert!(
        sides[1].starts_with("Hàn Quốc") && sides[1].contains("Bộ Thủy sản và Đại dương"),
        "{sides:?}"
    );
}

#[test]
fn the_agreements_page_opens_on_a_summary_table() {
    let site = build_fixture("facts");
    let doc = site.html("agreements/index.html");
    let table = select_one(&doc, "section.agreements-summary table.agreements-table");
    let heads: Vec<String> = common::select_in(table, "thead th").into_iter().map(text).collect();
    assert_eq!(heads, ["Văn kiện", "Lĩnh vực", "Bên Việt Nam", "Bên Hàn Quốc", "Ngày"]);
    let rows: Vec<Vec<String>> = common::select_in(table, "tbody tr")
        .into_iter()
        .map(|r| common::select_in(r, "td").into_iter().map(text).collect())
        .collect();
    let fishing = rows.iter().find(|r| r[0] == "Nghề cá").unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(fishing[1..3], ["Bộ Nông nghiệp và Môi trường", "Bộ Thủy sản và Đại dương"]);
    assert_eq!(rows.len(), select(&doc, "article.agreement").len(), "a row for each agreement");
    let first = common::select_in(table, "tbody th a")[0];
    select_one(&doc, &format!("article.agreement{}", attr(first, "href")));
    let parts: Vec<&str> = select(&doc, "section.agreements-summary, section.agreement-details")
        .into_iter()
        .map(|s| attr(s, "class"))
        .collect();
    assert_eq!(
        parts,
        ["agreements-summary", "agreement-details"],
        "the table comes before the details"
    );
}

#[test]
fn people_merge_the_spellings_of_a_name() {
    let site = build_fixture("facts");
    let doc = site.html("people/index.html");
    let person = select_one(&doc, "#who-lee-jae-myung");
    let mentions: Vec<String> = common::select_in(person, "dd ul li").into_iter().map(text).collect();
    assert!(mentions.iter().any(|m| m.ends_with("(1 lần)")), "{mentions:?}");
    assert_eq!(
        common::select_in(person, "dd ul li a").len(),
        5,
        "two articles (one per spelling) and three events, one of them naming him only in its quote: {mentions:?}"
    );
}

#[test]
fn check_lists_the_seed_figures_no_metric_cites() {
    let summary = dossier::check(&fixture_dir("facts").join("site"), &Overrides::default()).unwrap();
    let listed: Vec<String> = summary.coverage.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        listed,
        [
            "seeds/001_a.txt:1:1: warning: figure `7,3` is cited by no metric: add an observation to `content/statistics/`",
            "seeds/001_a.txt:5:1: warning: figure `150` is cited by no metric: add an observation to `content/statistics/`",
            "seeds/002_b.txt:3:1: warning: figure `12` is cited by no metric: add an observation to `content/statistics/`",
        ]
    );
    // Only `check` prints the list, so only a check reads every figure of every seed.
    let (_, built) = dossier::build_in_memory(&fixture_dir("facts").join("site"), &Overrides::default()).unwrap();
    assert!(built.coverage.is_empty(), "{:?}", built.coverage);
    assert_eq!(built.pages, summary.pages, "the same dossier");
}

#[test]
fn broken_facts_are_all_reported_with_their_locations() {
    let Err(Failure::Content(diagnostics)) = dossier::check(&fixture_dir("facts-broken").join("site"), &Overrides::default()) else {
        panic!("the broken fixture must fail");
    };
    let lines: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        [
            "content/statistics/trade.md:14:9: error: two observations of period `2024` disagree (81,5 tỷ USD and 80 tỷ USD): add a `discrepancy_note` saying why the sources differ; the build shows both, never one",
            "content/statistics/trade.md:17:36: error: cites unknown seed `009`: did you mean `001`?",
            "content/timeline/empty.md:5:11: error: event has no `sources`: cite the sentence that reports it",
            "content/timeline/talks.md:4:11: error: unknown person `nobody`: add `content/people/nobody.md` or use one of the ids there",
            "content/timeline/talks.md:6:36: error: quote not found in seed `seeds/001_a.txt`: “hai bên đã có cuộc hội đàm thành công”; the closest passage is “Hai bên vừa có cuộc hội đàm rất thành công.”",
            "seeds/001_a.txt:1:1: warning: seed has no note: add `content/articles/001_a.md` with a title and summary",
        ]
    );
}

#[test]
fn exports_match_their_schemas_and_the_schemas_reject_bad_data() {
    let site = build_fixture("facts");
    let timeline = validate("timeline.schema.json", &site.read("data/timeline.json"));
    let dates: Vec<&str> = timeline.as_array().unwrap().iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "1992-12-22",
            "2022-12",
            "2022-12-05",
            "2025-08",
            "2025-08-10",
            "2025-08-11",
            "2025-08-11",
            "2030"
        ]
    );
    assert_eq!(timeline[5]["sources"][0]["seed"], "001_a", "sources name the seed's full stem");
    validate("agreements.schema.json", &site.read("data/agreements.json"));
    let statistics = validate("statistics.schema.json", &site.read("data/statistics.json"));
    assert_eq!(statistics[0]["disputed"], true);
    validate("people.schema.json", &site.read("data/people.json"));
    validate("visit.schema.json", &site.read("data/visit.json"));
    assert_eq!(
        site.read("data/timeline.schema.json"),
        std::fs::read_to_string(repo_root().join("schemas/timeline.schema.json")).unwrap()
    );
    // A schema that accepted anything would make the checks above worthless.
    let schema: serde_json::Value = serde_json::from_str(&site.read("data/timeline.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut bad = timeline[0].clone();
    bad["date"] = serde_json::json!("11/8/2025");
    assert!(validator.is_valid(&serde_json::json!([timeline[0].clone()])));
    assert!(!validator.is_valid(&serde_json::json!([bad])));
}

#[test]
fn the_calendar_holds_one_all_day_entry_per_dated_event_of_the_visit() {
    let site = build_fixture("facts");
    let ics = site.read("data/timeline.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        3,
        "only the day-precision events inside the visit"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20250811\r\nDTEND;VALUE=DATE:20250812\r\n"));
    assert!(ics.contains("SUMMARY:Gặp gỡ báo chí (trưa)\r\n"));
    assert!(ics.contains("LOCATION:Seoul\r\n"));
}

#[test]
fn the_real_dossier_exports_cover_the_seeds() {
    let site = build_site(repo_root());
    let timeline = validate("timeline.schema.json", &site.read("data/timeline.json"));
    let agreements = validate("agreements.schema.json", &site.read("data/agreements.json"));
    let statistics = validate("statistics.schema.json", &site.read("data/statistics.json"));
    assert_eq!(timeline.as_array().unwrap().len(), 18, "every dated event of the five articles");
    assert_eq!(agreements.as_array().unwrap().len(), 10, "the ten documents article 004 lists");
    let metrics = statistics.as_array().unwrap();
    assert_eq!(metrics.len(), 28);
    let flagged: Vec<&str> = metrics
        .iter()
        .filter(|m| m["disputed"] == true)
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        flagged,
        ["vietnamese-in-korea", "vietnamese-workers-in-korea"],
        "the two figures the seeds disagree on"
    );
    let trade = metrics.iter().find(|m| m["id"] == "trade-2024").unwrap();
    assert_eq!(trade["observations"][0]["value"], 81_500_000_000.0);
    assert_eq!(
        site.read("data/timeline.ics").matches("BEGIN:VEVENT").count(),
        5,
        "the visit's dated events"
    );
    let csv = site.read("data/statistics.csv");
    assert_eq!(
        csv.lines().count(),
        1 + metrics.iter().map(|m| m["observations"].as_array().unwrap().len()).sum::<usize>()
    );
    let summary = dossier::check(repo_root(), &Overrides::default()).unwrap();
    assert!(
        summary.coverage.is_empty(),
        "every figure of the seeds is cited by a metric: {:?}",
        summary.coverage
    );
}

#[test]
fn an_event_after_another_of_its_day_is_listed_after_it_whatever_its_name() {
    let site = build_fixture("facts");
    let doc = site.html("timeline/index.html");
    let day = select_one(&doc, "#visit-day-2025-08-11 + ol.events");
    let ids: Vec<&str> = common::select_in(day, "li.event").into_iter().map(|e| attr(e, "id")).collect();
    assert_eq!(ids, ["e-f-press", "e-g-talks"], "`g-talks` says `after = f-press`");
    let inferred = text(select_one(&doc, "#e-g-talks .inferred"));
    assert!(inferred.contains("the press meeting of 11/8 reports the talks"), "{inferred}");
    let people: Vec<String> = common::select_in(select_one(&doc, "#e-g-talks"), ".event-people a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        people,
        ["Tô Lâm", "Lee Jae Myung"],
        "not listed: read from the quote, in order of mention"
    );
}

#[test]
fn an_event_over_several_days_is_a_range_on_the_page_in_the_exports_and_in_the_calendar() {
    let site = build_fixture("facts");
    let ics = site.read("data/timeline.ics");
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20250810\r\nDTEND;VALUE=DATE:20250814\r\n"),
        "{ics}"
    );
    let timeline: serde_json::Value = serde_json::from_str(&site.read("data/timeline.json")).unwrap();
    let visit = timeline.as_array().unwrap().iter().find(|e| e["id"] == "h-visit").unwrap();
    assert_eq!(
        (visit["date"].as_str(), visit["end"].as_str()),
        (Some("2025-08-10"), Some("2025-08-13"))
    );
    assert_eq!(visit["date_basis"]["basis"], "inferred");
    let press = timeline.as_array().unwrap().iter().find(|e| e["id"] == "f-press").unwrap();
    assert_eq!(
        (press["time"].as_str(), press["time_of_day"].as_str()),
        (Some("trưa"), Some("noon"))
    );
    assert_eq!(press["people"][0]["id"], "lee-jae-myung");
}

#[test]
fn a_disputed_key_figure_shows_every_value_with_its_sources_on_the_home_and_print_pages() {
    let site = build_fixture("facts");
    for (page, source) in [("index.html", "001"), ("print/index.html", "[001 ¶2]")] {
        let doc = site.html(page);
        let figure = select(&doc, ".figures li.disputed, .print-figures li.disputed");
        assert_eq!(figure.len(), 1, "{page}: the one disputed key figure");
        let values: Vec<String> = common::select_in(figure[0], ".figure-value").into_iter().map(text).collect();
        assert_eq!(values, ["khoảng 320.000 người", "khoảng 350.000 người"], "{page}");
        let sources = text(common::select_in(figure[0], ".figure-source")[0]);
        assert!(sources.contains(source), "{page}: {sources}");
    }
    let statistics: serde_json::Value = serde_json::from_str(&site.read("data/statistics.json")).unwrap();
    let metric = statistics
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "vietnamese-in-korea")
        .unwrap();
    assert_eq!(
        metric["disputed"], true,
        "detected by the build: no `discrepancy = true` in the file"
    );
    assert_eq!(metric["observations"][0]["qualifier"], "approximately");
}

#[test]
fn a_statement_shows_its_words_its_speaker_and_its_occasion() {
    let site = build_fixture("facts");
    let doc = site.html("statements/index.html");
    let statement = select_one(&doc, "li#s-muc-tieu");
    assert_eq!(
        text(common::select_in(statement, "blockquote")[0]),
        "Hai bên đặt mục tiêu 150 tỷ USD vào năm 2030."
    );
    let links: Vec<&str> = common::select_in(statement, "figcaption a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(links, ["../people/index.html#who-to-lam", "../timeline/index.html#e-f-press"]);
    assert_eq!(
        text(common::select_in(statement, "figcaption time")[0]),
        "11/8/2025",
        "the occasion's date"
    );
    let statements = validate("statements.schema.json", &site.read("data/statements.json"));
    assert_eq!(statements[0]["speaker"]["id"], "to-lam");
    assert_eq!(statements[0]["date_basis"]["basis"], "stated");
    assert!(
        site.read("sitemap.xml").contains("/statements/"),
        "the statements page is one of the site's"
    );
}

#[test]
fn check_warns_at_each_party_no_quote_names() {
    let summary = dossier::check(&fixture_dir("facts").join("site"), &Overrides::default()).unwrap();
    let warnings: Vec<String> = summary
        .diagnostics
        .sorted()
        .iter()
        .map(|d| d.to_string())
        .filter(|d| d.contains("party"))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/agreements/nghe-ca.md:7:21: warning: party `Bộ Nông nghiệp và Môi trường` is named in none of the agreement's quotes: cite the sentence that names it",
            "content/agreements/nghe-ca.md:7:80: warning: party `Bộ Thủy sản và Đại dương` is named in none of the agreement's quotes: cite the sentence that names it",
        ]
    );
}

/// An English dossier of one figure, one agreement and one event, then of
/// two of each: `1 figure`, `1 document`, `1 event`, `1 passage cited`, and
/// the plurals (issue 22: the interface said "1 metrics"); the navigation and
/// the page heading name the figures' page alike.
#[test]
fn an_english_dossier_counts_in_the_singular_and_the_plural() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path();
    let write = |path: &str, text: &str| common::write_file(&root.join(path), text.as_bytes());
    write(
        "site.toml",
        "title = \"Visit dossier\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n",
    );
    write(
        "content/_index.md",
        "+++\ntitle = \"The visit\"\n+++\nThe leaders [held talks](cite:001); [a success](cite:002).\n",
    );
    write("seeds/002_b.txt", "The visit was a success.\n");
    write(
        "seeds/001_a.txt",
        "The leaders held talks in Seoul on 11 August 2025.\n\nTrade reached 81.5 billion USD in 2024.\n\n\
         Trade reached 76 billion USD in 2023.\n\nThey signed a memorandum on fisheries and a plan on culture.\n",
    );
    let figure = |id: &str, quote: &str| {
        format!(
            "+++\nlabel = \"Trade {id}\"\ncategory = \"Trade\"\n[[observations]]\nperiod = \"{id}\"\n\
             sources = [{{ seed = \"001\", quote = \"{quote}\" }}]\n+++\n"
        )
    };
    let agreement = |title: &str, quote: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nkind = \"memorandum\"\nfield = \"Fisheries\"\n\
             parties = [{{ name = \"Ministry A\", country = \"VN\" }}, {{ name = \"Ministry B\", country = \"KR\" }}]\n\
             sources = [{{ seed = \"001\", quote = \"{quote}\" }}]\n+++\n"
        )
    };
    let event = |slug: &str| {
        format!(
            "+++\ntitle = \"Talks {slug}\"\ndate = 2025-08-11\nsummary = \"The leaders held talks.\"\n\
             sources = [{{ seed = \"001\", quote = \"held talks in Seoul on 11 August 2025\" }}]\n+++\n"
        )
    };
    write(
        "content/statistics/t2024.md",
        &figure("2024", "Trade reached 81.5 billion USD in 2024"),
    );
    write(
        "content/agreements/fisheries.md",
        &agreement("Fisheries memorandum", "a memorandum on fisheries"),
    );
    write("content/timeline/talks.md", &event("a"));
    let lede = |site: &common::BuiltSite, page: &str| text(select_one(&site.html(page), "main .lede"));
    let one = build_site(root);
    assert!(lede(&one, "statistics/index.html").ends_with("(1 figure, 0 figures whose sources disagree)"));
    assert!(lede(&one, "agreements/index.html").ends_with("(1 document)"));
    assert!(lede(&one, "timeline/index.html").ends_with("(1 event)"));
    let cited: Vec<String> = select(&one.html("articles/index.html"), ".card-meta")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(cited, ["4 passages cited", "1 passage cited"]);
    let statistics = one.html("statistics/index.html");
    let nav: Vec<String> = select(&statistics, ".site-header nav a[aria-current=page]")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        nav,
        [text(select_one(&statistics, "main h1"))],
        "the navigation names the page as its heading does"
    );
    let paper = attr(select_one(&one.html("print/index.html"), "body"), "class").to_string();
    assert_eq!(paper, "paper-letter", "an English dossier prints on Letter paper");

    write(
        "content/statistics/t2023.md",
        &figure("2023", "Trade reached 76 billion USD in 2023"),
    );
    write("content/agreements/culture.md", &agreement("Culture plan", "a plan on culture"));
    write("content/timeline/talks-b.md", &event("b"));
    let two = build_site(root);
    assert!(lede(&two, "statistics/index.html").ends_with("(2 figures, 0 figures whose sources disagree)"));
    assert!(lede(&two, "agreements/index.html").ends_with("(2 documents)"));
    assert!(lede(&two, "timeline/index.html").ends_with("(2 events)"));
}
