//! Unit tests of content parsing: classification by path, located errors,
//! every problem of a file at once, figures read from their quotes.

use std::path::{Path, PathBuf};

use super::*;
use crate::text::figure::Qualifier;

fn parse_one(path: &str, text: &str) -> (Content, Diagnostics) {
    parse_all(&[TextFile::new(PathBuf::from(path), text)], Options::default())
}

fn messages(d: Diagnostics) -> Vec<String> {
    d.into_iter().map(|d| d.to_string()).collect()
}

#[test]
fn files_are_classified_by_path() {
    let files: Vec<TextFile> = [
        ("content/_index.md", "title = \"Home\""),
        ("content/articles/001_x.md", "title = \"A\""),
        ("content/articles/_index.md", "title = \"Các bài báo\""),
        ("content/people/to-lam.md", "name = \"Tô Lâm\"\nkind = \"person\""),
        ("content/about.md", "title = \"Về\""),
        ("content/notes/deep/page.md", "title = \"Sâu\""),
    ]
    .iter()
    .map(|(p, fm)| TextFile::new(PathBuf::from(p), format!("+++\n{fm}\n+++\nbody\n")))
    .collect();
    let (c, d) = parse_all(&files, Options::default());
    assert!(d.is_empty(), "{:?}", messages(d));
    assert_eq!(c.home.unwrap().title, "Home");
    assert_eq!(c.articles[0].seed_stem, "001_x");
    assert_eq!(c.intros[0].0, Section::Articles);
    assert_eq!(c.people[0].id, "to-lam");
    assert_eq!(c.pages.len(), 2);
    assert_eq!(content_route(Path::new("content/notes/deep/page.md")), ["notes", "deep", "page"]);
    assert!(content_route(Path::new("content/_index.md")).is_empty());
}

#[test]
fn citations_in_front_matter_keep_their_line() {
    let text = "+++\ntitle = \"Hội đàm\"\ndate = 2025-08-11\nsummary = \"s\"\nsources = [\n  { seed = \"004\", quote = \"hội đàm rất thành công\" },\n]\n+++\n";
    let (c, d) = parse_one("content/timeline/hoi-dam.md", text);
    assert!(d.is_empty(), "{:?}", messages(d));
    let cite = &c.events[0].sources[0];
    assert_eq!((cite.seed.as_str(), cite.quote.as_str()), ("004", "hội đàm rất thành công"));
    assert_eq!(cite.position.0, 6);
}

#[test]
fn impossible_date_is_an_error_at_its_value() {
    let text = "+++\ntitle = \"x\"\ndate = \"2025-02-30\"\nsummary = \"s\"\nsources = [{ seed = \"0\", quote = \"q\" }]\n+++\n";
    let (_, d) = parse_one("content/timeline/x.md", text);
    assert_eq!(
        messages(d),
        ["content/timeline/x.md:3:8: error: 2025-02-30 is not a date in the calendar"]
    );
}

#[test]
fn every_missing_field_is_named_in_one_run() {
    let (_, d) = parse_one("content/timeline/x.md", "+++\ntitle = \"x\"\n+++\n");
    let m = messages(d);
    assert_eq!(m.len(), 3, "{m:?}");
    for field in ["summary", "date", "sources"] {
        assert!(m.iter().any(|l| l.contains(&format!("missing field `{field}`"))), "{field}: {m:?}");
    }
}

/// A new metric took four runs to find its four missing fields.
#[test]
fn a_new_metric_names_all_its_problems_in_one_run() {
    let text = "+++\ncategry = \"x\"\nlabl = \"y\"\n[[observations]]\nperiod = \"2024\"\n+++\n";
    let (c, d) = parse_one("content/statistics/m.md", text);
    let m = messages(d);
    assert!(c.metrics.is_empty());
    assert!(m.iter().any(|l| l.contains("2:1: error: unknown field `categry`")), "{m:?}");
    assert!(m.iter().any(|l| l.contains("3:1: error: unknown field `labl`")), "{m:?}");
    assert!(m.iter().any(|l| l.contains("missing field `label`")), "{m:?}");
    assert!(m.iter().any(|l| l.contains("missing field `sources`")), "{m:?}");
}

#[test]
fn a_figure_is_read_from_its_quote_and_a_lost_qualifier_is_an_error() {
    let metric = |obs: &str| {
        format!(
            "+++\nlabel = \"Giao lưu\"\n[[observations]]\n{obs}sources = [{{ seed = \"003\", quote = \"lượng giao lưu nhân dân hai nước vượt mốc 5 triệu lượt\" }}]\n+++\n"
        )
    };
    let (c, d) = parse_one("content/statistics/giao-luu.md", &metric(""));
    assert!(d.is_empty(), "{:?}", messages(d));
    let o = &c.metrics[0].observations[0];
    assert_eq!(
        (o.display.as_str(), o.value, o.qualifier),
        ("vượt mốc 5 triệu lượt", 5_000_000.0, Qualifier::MoreThan)
    );
    assert_eq!(c.metrics[0].id, "giao-luu", "the id is the file's name");
    assert_eq!(c.metrics[0].unit, "lượt", "the unit is the quote's");
    let (_, d) = parse_one("content/statistics/giao-luu.md", &metric("display = \"5 triệu lượt\"\n"));
    assert_eq!(
        messages(d),
        [
            "content/statistics/giao-luu.md:4:11: error: the quote says “vượt mốc 5 triệu lượt” (more than 5,000,000 lượt); `display` “5 triệu lượt” leaves out “vượt mốc”"
        ]
    );
    let (_, d) = parse_one("content/statistics/giao-luu.md", &metric("value = 50000000\n"));
    let m = messages(d);
    assert!(m[0].contains("4:9: error: the quote says “vượt mốc 5 triệu lượt”"), "{m:?}");
    let (c, d) = parse_one(
        "content/statistics/giao-luu.md",
        &metric("display = \"10\"\nvalue = 10\ninferred = \"counted\"\n"),
    );
    assert!(d.is_empty(), "an inferred figure is taken as written: {:?}", messages(d));
    assert_eq!(
        c.metrics[0].observations[0].basis,
        crate::parse::date::Basis::Inferred("counted".into())
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let file = || {
        TextFile::new(
            PathBuf::from("content/about.md"),
            "+++\ntitle = \"Về\"\ndraft = true\n+++\nChưa xong.\n",
        )
    };
    let (c, d) = parse_all(&[file()], Options::default());
    assert!(d.is_empty() && c.pages.is_empty());
    assert_eq!(c.drafts, [PathBuf::from("content/about.md")]);
    let (c, _) = parse_all(
        &[file()],
        Options {
            drafts: true,
            ..Options::default()
        },
    );
    assert!(c.pages[0].source.draft);
    let (_, d) = parse_one("content/about.md", "+++\ntitle = \"Về\"\ndraft = \"yes\"\n+++\n");
    assert!(messages(d)[0].contains("3:9: error: `draft` must be `true` or `false`"));
}

#[test]
fn event_times_ranges_and_relations_are_read() {
    let text = "+++\ntitle = \"x\"\ndate = 2025-08-10\nend = 2025-08-13\ntime = \"chiều\"\nsummary = \"s\"\nafter = { event = \"y\", seed = \"004\", quote = \"Trước đó\" }\nsources = [{ seed = \"0\", quote = \"q\" }]\n+++\n";
    let (c, d) = parse_one("content/timeline/x.md", text);
    assert!(d.is_empty(), "{:?}", messages(d));
    let e = &c.events[0];
    assert_eq!(e.end.unwrap().to_string(), "2025-08-13");
    assert_eq!(e.time.as_ref().unwrap().0, "chiều");
    assert_eq!((e.relations[0].order, e.relations[0].event.as_str()), (Order::After, "y"));
    let bad = text.replace("chiều", "lúc nào đó").replace("2025-08-13", "2025-08-09");
    let m = messages(parse_one("content/timeline/x.md", &bad).1);
    assert!(
        m.iter().any(|l| l.contains("5:8: error: `lúc nào đó` is not a time of day")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|l| l.contains("4:7: error: the event ends (2025-08-09) before or on the day it starts")),
        "{m:?}"
    );
}

#[test]
fn wrong_kind_and_discrepancy_without_note_are_errors() {
    let text = "+++\ntitle = \"x\"\nkind = \"treatise\"\nfield = \"f\"\nparties = [{ name = \"A\", country = \"VN\" }]\nsources = [{ seed = \"0\", quote = \"q\" }]\n+++\n";
    let (_, d) = parse_one("content/agreements/x.md", text);
    assert!(messages(d)[0].contains("3:8: error: unknown kind `treatise`"));
    let text = "+++\nid = \"m\"\nlabel = \"l\"\nunit = \"u\"\ncategory = \"c\"\ndiscrepancy = true\n[[observations]]\nvalue = 1\ndisplay = \"1\"\nsources = [{ seed = \"0\", quote = \"q\" }]\n+++\n";
    let (c, d) = parse_one("content/statistics/m.md", text);
    assert!(messages(d)[0].contains("discrepancy_note"));
    assert!(c.metrics.is_empty());
}

#[test]
fn metric_id_must_match_its_file() {
    let text = "+++\nid = \"other\"\nlabel = \"l\"\nunit = \"u\"\ncategory = \"c\"\n[[observations]]\nvalue = 81500000000\ndisplay = \"81,5 tỷ USD\"\nsources = [{ seed = \"0\", quote = \"q\" }]\n+++\n";
    let (_, d) = parse_one("content/statistics/m.md", text);
    assert!(messages(d)[0].contains("2:6: error: id `other` differs"));
}

#[test]
fn urls_that_name_another_host_without_a_scheme_are_refused() {
    for url in ["//evil.example/x", "\\\\evil.example/x", "/\\evil.example/x", "/\t/evil.example/x"] {
        let text = format!("+++\ntitle = \"x\"\nurl = {}\n+++\n", toml::Value::String(url.into()));
        let (_, d) = parse_one("content/articles/000_x.md", &text);
        assert!(messages(d).first().is_some_and(|m| m.contains("3:7: error: url")), "{url:?}");
    }
    for url in ["../about/", "a/b.html", "/x/", "https://vnexpress.net/a.html", "HTTP://x.vn/"] {
        let text = format!("+++\ntitle = \"x\"\nurl = \"{url}\"\n+++\n");
        assert!(parse_one("content/articles/000_x.md", &text).1.is_empty(), "{url:?}");
    }
}

#[test]
fn nan_and_infinite_values_are_errors_at_the_value() {
    for value in ["nan", "inf", "-inf", "+nan"] {
        let text = format!(
            "+++\nid = \"m\"\nlabel = \"l\"\nunit = \"u\"\ncategory = \"c\"\n[[observations]]\nvalue = {value}\ndisplay = \"1\"\nsources = [{{ seed = \"0\", quote = \"q\" }}]\n+++\n"
        );
        let (c, d) = parse_one("content/statistics/m.md", &text);
        assert!(messages(d)[0].contains("7:9: error: `value` must be a number"), "{value}");
        assert!(c.metrics.is_empty());
    }
}

#[test]
fn control_characters_in_strings_or_the_body_are_errors_where_they_stand() {
    let text = "+++\ntitle = \"a\\u000bb\"\ntags = [\"ok\", \"\\e[2J\"]\n+++\nBody \u{7} bell.\n";
    let (c, d) = parse_one("content/about.md", text);
    assert_eq!(
        messages(d),
        [
            "content/about.md:2:9: error: holds U+000B, a control character, not text: remove it",
            "content/about.md:3:15: error: holds U+001B, a control character, not text: remove it",
            "content/about.md:5:6: error: holds U+0007, a control character, not text: remove it",
        ]
    );
    assert!(c.pages.is_empty());
    let fine = "+++\ntitle = \"tab\\there \\\\ \\n\"\n+++\nBody\twith tab.\r\n";
    assert!(parse_one("content/about.md", fine).1.is_empty());
}

#[test]
fn javascript_urls_are_refused() {
    let text = "+++\ntitle = \"x\"\nurl = \"javascript:alert(1)\"\n+++\n";
    let (_, d) = parse_one("content/articles/000_x.md", text);
    assert!(messages(d)[0].contains("must start with `https://`"));
    let text = "+++\ntitle = \"x\"\nurl = \"https://vnexpress.net/a.html\"\n+++\n";
    assert!(parse_one("content/articles/000_x.md", text).1.is_empty());
}

/// The benchmark's pages, written for Zola and Hugo, carry a `date`: a free
/// page accepts it (and shows nothing of it), as it did before the content
/// kinds had a module each.
#[test]
fn a_free_page_written_for_zola_or_hugo_keeps_its_date_key() {
    let (c, d) = parse_one("content/page-1.md", "+++\ntitle = \"Trang\"\ndate = 2025-08-11\n+++\nThân.\n");
    assert!(d.is_empty(), "{:?}", messages(d));
    assert_eq!(c.pages[0].title, "Trang");
}

#[test]
fn kept_files_are_reused_only_while_their_text_and_the_options_are_unchanged() {
    let files = |about: &str| {
        vec![
            TextFile::new("content/about.md", format!("+++\ntitle = \"{about}\"\n+++\nThân.\n")),
            TextFile::new("content/people/to-lam.md", "+++\nname = \"Tô Lâm\"\nkind = \"person\"\n+++\n"),
            TextFile::new("content/timeline/bad.md", "+++\ntitel = \"Sai\"\n+++\n"),
        ]
    };
    let shown = |(c, d): (Content, Diagnostics)| (format!("{c:?}"), messages(d));
    let (content, diagnostics, kept) = parse_all_keeping(&files("Về"), Options::default(), &Kept::default());
    assert_eq!(shown((content, diagnostics)), shown(parse_all(&files("Về"), Options::default())));
    let (content, diagnostics, next) = parse_all_keeping(&files("Giới thiệu"), Options::default(), &kept);
    assert_eq!(
        shown((content, diagnostics)),
        shown(parse_all(&files("Giới thiệu"), Options::default()))
    );
    let same = |path: &str, a: &Kept, b: &Kept| Arc::ptr_eq(&a.files[Path::new(path)].1, &b.files[Path::new(path)].1);
    assert!(!same("content/about.md", &kept, &next), "an edited file is parsed again");
    assert!(same("content/people/to-lam.md", &kept, &next) && same("content/timeline/bad.md", &kept, &next));
    let drafts = Options {
        drafts: true,
        ..Options::default()
    };
    let (_, _, again) = parse_all_keeping(&files("Giới thiệu"), drafts, &next);
    assert!(
        !same("content/people/to-lam.md", &next, &again),
        "other options parse everything again"
    );
}

/// A value of the wrong type is an error at it, and the rest of the file is
/// still read; its field is not also "missing".
#[test]
fn a_value_of_the_wrong_type_hides_nothing_and_is_not_also_missing() {
    let text = "+++\ntitle = 5\ndate = 2025-08-11\nsources = [{ seed = 4, quote = \"q\" }, { quote = \"r\" }]\n+++\n";
    let (c, d) = parse_one("content/timeline/x.md", text);
    assert!(c.events.is_empty());
    let m: Vec<String> = d.sorted().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        m,
        [
            "content/timeline/x.md:2:1: error: missing field `summary`: add `summary = …`, one sentence on it",
            "content/timeline/x.md:2:9: error: invalid type: integer `5`, expected a string",
            "content/timeline/x.md:4:21: error: invalid type: integer `4`, expected a string",
            "content/timeline/x.md:4:39: error: missing field `seed`: add `seed = …`, the seed it quotes (`004`)",
        ]
    );
}

/// What a file that failed to parse names is kept, to be checked with the
/// rest of the dossier.
#[test]
fn a_file_that_fails_to_parse_keeps_what_it_names() {
    let text = "+++\ntitle = \"x\"\ntme = \"trưa\"\ndate = 2025-08-11\nsummary = \"s\"\npeople = [\"to-lam\"]\nafter = { event = \"a\", seed = \"001\", quote = \"q\" }\nsources = [{ seed = \"002\", quote = \"r\" }]\n+++\n";
    let (c, d) = parse_one("content/timeline/x.md", text);
    assert_eq!(messages(d).len(), 1);
    let (path, named) = &c.unparsed[0];
    assert_eq!(path, Path::new("content/timeline/x.md"));
    let ids: Vec<(IdKind, &str, (usize, usize))> = named.ids.iter().map(|n| (n.kind, n.id.as_str(), n.position)).collect();
    assert_eq!(ids, [(IdKind::Person, "to-lam", (6, 11)), (IdKind::Event, "a", (7, 19))]);
    let seeds: Vec<&str> = named.citations.iter().map(|c| c.seed.as_str()).collect();
    assert_eq!(seeds, ["002", "001"]);
}
