//! Bad input and faults, through the real binary: each kind of bad input is
//! reported at its file, line and column with what would be right, the build
//! exits 1, and the `public/` of the previous good build is byte for byte as
//! it was, with no staging folder left beside it. Also: nothing from seeds or
//! notes reaches the page as markup, and an interrupted build changes nothing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The fixture most tests start from: two seeds, two notes, a home page.
const CASE: &str = "citations";
/// The fixture with timeline events, agreements, metrics and people.
const FACTS: &str = "facts";
const ALPHA_NOTE: &str = "content/articles/001_alpha.md";
const BETA_NOTE: &str = "content/articles/002_beta.md";
const TRADE: &str = "content/statistics/trade.md";
const EVENT: &str = "content/timeline/d-2022-12-05.md";

/// A dossier that was built once, then broken by a test.
struct Broken {
    sandbox: Sandbox,
    /// The output of the good build.
    before: std::collections::BTreeMap<String, Vec<u8>>,
    /// What the sandbox held once broken, the dossier's root as `site/…`.
    names: Vec<String>,
}

/// Builds fixture `case` into `public/` (it must build), then lets `break_it`
/// damage the dossier.
fn broken(case: &str, break_it: impl FnOnce(&Sandbox)) -> Broken {
    let sandbox = Sandbox::with_fixture(case);
    sandbox.run_on_site("build", &[]).assert_code(0);
    let before = read_tree(&sandbox.file("public"));
    assert!(before.contains_key("index.html"));
    break_it(&sandbox);
    let names = names_around(&sandbox);
    Broken { sandbox, before, names }
}

/// The names in the sandbox and in the dossier's root (as `site/…`).
fn names_around(sandbox: &Sandbox) -> Vec<String> {
    let mut names = names_in(sandbox.tmp());
    names.extend(names_in(&sandbox.site()).into_iter().map(|n| format!("site/{n}")));
    names
}

impl Broken {
    /// Builds again with `extra` arguments and checks the failure: exit 1,
    /// the last line says nothing was written, `public/` is unchanged and
    /// nothing else was written. Returns the errors, one line each.
    fn build_fails(&self, extra: &[&str]) -> Vec<String> {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let run = self.sandbox.run_in_site(&args);
        run.assert_code(1);
        let after = read_tree(&self.sandbox.file("public"));
        assert!(after == self.before, "the failed build changed `public/`:\n{}", run.stderr);
        assert_eq!(
            names_around(&self.sandbox),
            self.names,
            "no staging folder or stray output is left behind"
        );
        run.headlines()
            .into_iter()
            .filter(|l| l.contains("error:"))
            .map(str::to_string)
            .collect()
    }

    /// As [`Broken::build_fails`] for a problem in the dossier: the errors
    /// end with the count, which is dropped.
    fn errors(&self) -> Vec<String> {
        let mut lines = self.build_fails(&[]);
        let last = lines.pop().unwrap_or_default();
        assert!(last.ends_with("in the dossier; nothing was written"), "{last}");
        lines
    }
}

/// Writes `seeds/003_extra.txt`.
fn add_seed(sandbox: &Sandbox, bytes: &[u8]) {
    write_file(&sandbox.file("seeds/003_extra.txt"), bytes);
}

// ---------------------------------------------------------------------------
// TOML: site.toml and front matter

#[test]
fn malformed_toml_in_site_toml_is_reported_at_its_line_and_column() {
    let b = broken(CASE, |s| edit_file(&s.file("site.toml"), "title = \"", "title = "));
    assert_eq!(b.errors(), ["site.toml:1:9: error: missing opening quote, expected `\"`"]);
}

#[test]
fn malformed_toml_in_front_matter_is_reported_at_its_line_and_column() {
    let b = broken(CASE, |s| {
        edit_file(&s.file(BETA_NOTE), "outlet = \"Báo thử\"", "outlet = \"Báo thử")
    });
    assert_eq!(
        b.errors(),
        ["content/articles/002_beta.md:3:18: error: invalid basic string, expected `\"`"],
        "and the seed of the broken note is not also reported as having no note"
    );
}

#[test]
fn a_typo_in_site_toml_is_an_unknown_key_at_its_line() {
    let b = broken(CASE, |s| edit_file(&s.file("site.toml"), "language =", "langauge ="));
    assert_eq!(
        b.errors(),
        ["site.toml:4:1: error: unknown field `langauge`: did you mean `language`?"]
    );
    let b = broken(CASE, |s| edit_file(&s.file("site.toml"), "language =", "lang ="));
    assert_eq!(
        b.errors(),
        [
            "site.toml:4:1: error: unknown field `lang`, expected one of `title`, `base_url`, `description`, `language`, `updated`, `markdown`, `languages`"
        ],
        "a key far from every known one gets the list"
    );
}

#[test]
fn a_mistyped_language_in_site_toml_gets_a_suggestion() {
    let b = broken(CASE, |s| edit_file(&s.file("site.toml"), "language = \"vi\"", "language = \"eng\""));
    assert_eq!(
        b.errors(),
        ["site.toml:4:12: error: unknown language `eng`: did you mean `en`? (or add `i18n/eng.toml`)"]
    );
}

#[test]
fn a_typo_in_front_matter_is_an_unknown_key_at_its_line() {
    let b = broken(CASE, |s| edit_file(&s.file(ALPHA_NOTE), "summary =", "sumary ="));
    assert_eq!(
        b.errors(),
        ["content/articles/001_alpha.md:3:1: error: unknown field `sumary`: did you mean `summary`?"]
    );
}

/// TOML's own message was only "duplicate key", at the second one.
#[test]
fn a_duplicate_key_in_front_matter_says_which_key() {
    let b = broken(CASE, |s| {
        edit_file(&s.file(ALPHA_NOTE), "summary =", "title = \"Lần hai\"\nsummary =")
    });
    assert_eq!(
        b.errors(),
        ["content/articles/001_alpha.md:3:1: error: duplicate key `title`: a key is set only once in a table"]
    );
}

#[test]
fn a_mistyped_person_id_in_an_event_gets_a_suggestion() {
    let b = broken(FACTS, |s| {
        edit_file(
            &s.file("content/timeline/f-press.md"),
            "people = [\"lee-jae-myung\"]",
            "people = [\"lee-jae-myng\"]",
        )
    });
    assert_eq!(
        b.errors(),
        [
            "content/timeline/f-press.md:6:11: error: unknown person `lee-jae-myng`: did you mean `lee-jae-myung`? \
          (or add `content/people/lee-jae-myng.md`)"
        ]
    );
}

#[test]
fn a_mistyped_agreement_kind_gets_a_suggestion() {
    let b = broken(FACTS, |s| {
        edit_file(
            &s.file("content/agreements/nghe-ca.md"),
            "kind = \"memorandum\"",
            "kind = \"memorandom\"",
        )
    });
    assert_eq!(
        b.errors(),
        ["content/agreements/nghe-ca.md:3:8: error: unknown kind `memorandom`: did you mean `memorandum`?"]
    );
}

#[test]
fn a_missing_required_field_says_which_and_where_to_add_it() {
    let b = broken(FACTS, |s| edit_file(&s.file(TRADE), "label = \"Kim ngạch thương mại\"\n", ""));
    assert_eq!(
        b.errors(),
        ["content/statistics/trade.md:2:1: error: missing field `label`: add `label = …`, the figure's name"]
    );
}

#[test]
fn a_wrong_typed_field_names_the_type_it_expects() {
    let b = broken(FACTS, |s| edit_file(&s.file(TRADE), "key = true", "key = \"yes\""));
    assert_eq!(
        b.errors(),
        ["content/statistics/trade.md:6:7: error: invalid type: string \"yes\", expected a boolean"]
    );
}

#[test]
fn an_impossible_date_is_reported_at_the_date() {
    let b = broken(FACTS, |s| edit_file(&s.file(EVENT), "date = 2022-12-05", "date = 2022-02-30"));
    assert_eq!(
        b.errors(),
        ["content/timeline/d-2022-12-05.md:3:8: error: invalid date, expected day between 01 and 28"]
    );
    let b = broken(FACTS, |s| edit_file(&s.file(EVENT), "date = 2022-12-05", "date = \"2022-13\""));
    assert_eq!(
        b.errors(),
        ["content/timeline/d-2022-12-05.md:3:8: error: `2022-13` has no month 13: months run 01 to 12"]
    );
}

#[test]
fn unclosed_front_matter_is_reported_at_its_opening_fence() {
    let b = broken(CASE, |s| edit_file(&s.file(BETA_NOTE), "\n+++\nBài dẫn", "\nBài dẫn"));
    assert_eq!(
        b.errors(),
        ["content/articles/002_beta.md:1:1: error: front matter opened here is never closed: add a `+++` line after the TOML"]
    );
}

// ---------------------------------------------------------------------------
// Citations and seeds

#[test]
fn a_citation_of_a_seed_that_does_not_exist_lists_the_seeds_there_are() {
    let b = broken(CASE, |s| edit_file(&s.file("content/_index.md"), "(cite:002)", "(cite:bao-moi)"));
    assert_eq!(
        b.errors(),
        ["content/_index.md:15:32: error: cites unknown seed `bao-moi`: known seeds are `001_alpha`, `002_beta`"]
    );
}

#[test]
fn a_citation_of_a_mistyped_seed_suggests_the_closest_ones() {
    let b = broken(CASE, |s| edit_file(&s.file("content/_index.md"), "(cite:002)", "(cite:002_bta)"));
    assert_eq!(
        b.errors(),
        ["content/_index.md:15:32: error: cites unknown seed `002_bta`: did you mean `002_beta`?"]
    );
    let b = broken(CASE, |s| edit_file(&s.file("content/_index.md"), "(cite:002)", "(cite:009)"));
    assert_eq!(
        b.errors(),
        ["content/_index.md:15:32: error: cites unknown seed `009`: did you mean `001` or `002`?"]
    );
}

/// With a space after `cite:` pulldown-cmark reads no link, and the note
/// was published with `[…](cite: 001 "…")` as raw text, without an error.
#[test]
fn a_citation_with_a_space_after_cite_is_an_error_not_raw_text() {
    let b = broken(CASE, |s| {
        edit_file(
            &s.file(ALPHA_NOTE),
            "[cuộc hội đàm rất thành công](cite:001)",
            "[hội đàm](cite: 001 \"cuộc hội đàm rất thành công\")",
        )
    });
    assert_eq!(
        b.errors(),
        [
            "content/articles/001_alpha.md:6:37: error: citation `](cite: 001 \"cuộc hội đàm rất thành công\")` is not a link \
          Markdown can read, so it would be published as text: remove the space after `cite:`, as in `](cite:001)`"
        ]
    );
    let run = b.sandbox.run_in_site(&["check"]);
    assert_eq!(
        run.stderr_lines()[2..4],
        [
            "6 | Tổng Bí thư đánh giá đây là [hội đàm](cite: 001 \"cuộc hội đàm rất thành công\"), và quan hệ",
            &format!("  | {}{}", " ".repeat(36), "^".repeat(42)),
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn a_quote_that_is_not_in_its_seed_offers_the_closest_passage() {
    let b = broken(CASE, |s| {
        edit_file(
            &s.file(ALPHA_NOTE),
            "[cuộc hội đàm rất thành công](cite:001)",
            "[cuộc hội đàm thành công](cite:001)",
        )
    });
    assert_eq!(
        b.errors(),
        [
            "content/articles/001_alpha.md:6:29: error: quote not found in seed `seeds/001_alpha.txt`: \
          “cuộc hội đàm thành công”; the closest passage is “cuộc hội đàm rất thành công.”"
        ]
    );
}

/// A quote found is looked for in its seed once however often it is
/// cited (the bodies' links remember it): a wrong one cited twice is still
/// an error at each place.
#[test]
fn a_quote_cited_twice_is_checked_at_each_place() {
    let b = broken(CASE, |s| {
        edit_file(
            &s.file(ALPHA_NOTE),
            "[cuộc hội đàm rất thành công](cite:001), và quan hệ",
            "[cuộc hội đàm thành công](cite:001), [cuộc hội đàm rất thành công](cite:001), và quan hệ\n\
             [cuộc hội đàm thành công](cite:001) và [cuộc hội đàm rất thành công](cite:001)",
        )
    });
    let closest = "quote not found in seed `seeds/001_alpha.txt`: “cuộc hội đàm thành công”; \
                   the closest passage is “cuộc hội đàm rất thành công.”";
    assert_eq!(
        b.errors(),
        [
            format!("content/articles/001_alpha.md:6:29: error: {closest}"),
            format!("content/articles/001_alpha.md:7:1: error: {closest}"),
        ]
    );
}

#[test]
fn a_seed_that_is_not_utf8_is_reported_at_its_first_bad_byte() {
    // “Hai bên\nhội đàm ” is 21 bytes (ê, ộ, đ and à take two or three), 8 characters on line 2.
    let b = broken(CASE, |s| {
        add_seed(s, b"Hai b\xc3\xaan\nh\xe1\xbb\x99i \xc4\x91\xc3\xa0m \xff\xfe xong.\n")
    });
    assert_eq!(
        b.errors(),
        ["seeds/003_extra.txt:2:9: error: seed is not valid UTF-8 (first bad byte at offset 21): save it as UTF-8"]
    );
}

#[test]
fn an_empty_seed_is_an_error() {
    let b = broken(CASE, |s| add_seed(s, b" \n\n"));
    assert_eq!(
        b.errors(),
        ["seeds/003_extra.txt:1:1: error: seed is empty: a seed must hold the article's text"]
    );
}

#[test]
fn a_seed_of_50_mb_is_refused_without_being_read() {
    let b = broken(CASE, |s| {
        add_seed(s, "Hai ben hoi dam xx. ".repeat(50 * 1024 * 1024 / 20).as_bytes())
    });
    assert_eq!(
        b.errors(),
        [
            "seeds/003_extra.txt:1:1: error: is 50.0 MiB, over the 8 MiB limit for a text file: a news article or a note is far smaller; split or trim it"
        ]
    );
}

/// A 200 MB note took 17 s and 1.5 GB: content files had no limit, seeds 8 MiB.
#[test]
fn a_note_over_the_text_limit_is_refused_without_being_read_like_a_seed() {
    let b = broken(CASE, |s| {
        let mut note = "+++\ntitle = \"Lớn\"\n+++\n".as_bytes().to_vec();
        note.resize(9 * 1024 * 1024, b'x');
        write_file(&s.file("content/lon.md"), &note);
        write_file(&s.file("templates/big.html"), &note);
    });
    assert_eq!(
        b.errors(),
        [
            "content/lon.md:1:1: error: is 9.0 MiB, over the 8 MiB limit for a text file: a news article or a note is far smaller; split or trim it",
            "templates/big.html:1:1: error: is 9.0 MiB, over the 8 MiB limit for a text file: a news article or a note is far smaller; split or trim it",
        ]
    );
}

#[test]
fn a_file_in_seeds_that_is_not_txt_is_named_in_a_warning_and_not_read() {
    let sandbox = Sandbox::with_fixture(CASE);
    write_file(&sandbox.file("seeds/003_extra.md"), "Bài báo lưu nhầm đuôi.".as_bytes());
    write_file(&sandbox.file("seeds/004_huge.html"), &vec![b'x'; 9 * 1024 * 1024]);
    write_file(&sandbox.file("seeds/README.md"), b"The articles, as scraped.");
    let run = sandbox.run_in_site(&["build"]);
    run.assert_code(0);
    assert_eq!(
        run.stderr_lines(),
        [
            "seeds/003_extra.md:1:1: warning: is ignored: seeds are `.txt` files",
            "seeds/004_huge.html:1:1: warning: is ignored: seeds are `.txt` files",
        ],
        "not read, so not too large either; a README is no misnamed seed"
    );
}

#[test]
fn a_seed_of_only_a_caption_a_table_fragment_or_a_date_line_is_an_error_at_the_seed() {
    for (text, what) in [
        (
            "Các đại biểu dự buổi gặp mặt. Ảnh: TTXVN\n",
            "only photo captions or table fragments",
        ),
        (
            "| Tổng Bí thư Tô Lâm và Phu nhân. TTXVN |\n",
            "only photo captions or table fragments",
        ),
        ("|\n", "only photo captions or table fragments"),
        ("date 2025-08-15\n", "only a `date` line"),
    ] {
        let b = broken(CASE, |s| add_seed(s, text.as_bytes()));
        assert_eq!(
            b.errors(),
            [format!(
                "seeds/003_extra.txt:1:1: error: seed holds {what}, no article text: a seed must hold the article's paragraphs"
            )],
            "{text:?}"
        );
    }
}

#[test]
fn a_control_character_in_a_seed_is_an_error_at_its_line_and_column() {
    let b = broken(CASE, |s| add_seed(s, "Hai bên hội đàm.\n\nĐoạn \u{7}hai.\n".as_bytes()));
    assert_eq!(
        b.errors(),
        ["seeds/003_extra.txt:3:6: error: seed holds U+0007, a control character, not text: remove it"]
    );
}

// ---------------------------------------------------------------------------
// Templates

#[test]
fn a_template_that_does_not_parse_names_the_template_and_its_line() {
    let b = broken(CASE, |s| write_file(&s.file("templates/404.html"), b"ok\n{% if %}\n"));
    let errors = b.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("templates/404.html:2:"), "{errors:?}");
}

#[test]
fn a_template_using_an_unknown_variable_lists_the_ones_there_are() {
    let b = broken(CASE, |s| {
        write_file(&s.file("templates/404.html"), b"{{ page.title }}\n{{ page.nope }}\n")
    });
    assert_eq!(
        b.errors(),
        [
            "templates/404.html:2:9: error: field `nope` is not defined. Available fields: alternates, canonical, description, original_lang, quotes_lang, root, section, title, toc"
        ]
    );
}

// ---------------------------------------------------------------------------
// Duplicates

#[test]
fn two_articles_with_one_slug_are_an_error_at_the_second() {
    let b = broken(CASE, |s| {
        for note in [ALPHA_NOTE, BETA_NOTE] {
            edit_file(&s.file(note), "+++\ntitle = ", "+++\nslug = \"hoi-dam\"\ntitle = ");
        }
    });
    assert_eq!(
        b.errors(),
        [
            "content/articles/002_beta.md:1:1: error: article would be published at `/articles/hoi-dam/`, like `content/articles/001_alpha.md`: set a different `slug`"
        ]
    );
}

#[test]
fn two_pages_published_at_one_url_are_an_error() {
    let b = broken(CASE, |s| {
        write_file(&s.file("content/Gioi-thieu.md"), "+++\ntitle = \"A\"\n+++\nMột.\n".as_bytes());
        write_file(&s.file("content/giới-thiệu.md"), "+++\ntitle = \"B\"\n+++\nHai.\n".as_bytes());
    });
    assert_eq!(
        b.errors(),
        ["content/giới-thiệu.md:1:1: error: page would be published at `/gioi-thieu/`, like `content/Gioi-thieu.md`: rename one of them"]
    );
}

#[test]
fn a_name_given_to_two_people_is_an_error_at_the_second() {
    let b = broken(FACTS, |s| {
        let text = "+++\nname = \"Lee Khác\"\naliases = [\"LEE JAE-MYUNG\"]\nkind = \"person\"\n+++\n";
        write_file(&s.file("content/people/lee-khac.md"), text.as_bytes());
    });
    assert_eq!(
        b.errors(),
        [
            "content/people/lee-khac.md:3:12: error: `LEE JAE-MYUNG` already names `lee-jae-myung` (`content/people/lee-jae-myung.md`): \
          merge the two files, or keep the name in one"
        ]
    );
}

// ---------------------------------------------------------------------------
// Links and paths

#[test]
fn a_link_to_a_page_that_does_not_exist_is_an_error_at_the_link() {
    let b = broken(CASE, |s| append(&s.file("content/_index.md"), "\nXem [trang](@/missing.md).\n"));
    assert_eq!(
        b.errors(),
        ["content/_index.md:17:5: error: link `@/missing.md` points to `content/missing.md`, which is not a content page"]
    );
}

#[test]
fn links_that_climb_out_of_the_content_or_the_site_are_errors() {
    let b = broken(CASE, |s| {
        append(
            &s.file("content/_index.md"),
            "\n[a](@/../site.toml) [b](../../x.md) [c](../../../etc/passwd)\n",
        )
    });
    assert_eq!(
        b.errors(),
        [
            "content/_index.md:17:1: error: link `@/../site.toml` climbs out of `content/`: link to pages with `@/` and a path inside it",
            "content/_index.md:17:21: error: link `../../x.md` climbs out of `content/`: link to pages with `@/` and a path inside it",
            "content/_index.md:17:37: error: link `../../../etc/passwd` climbs above the site's root",
        ]
    );
}

#[test]
fn a_symbolic_link_that_leaves_the_project_is_one_error_and_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    for i in 0..3 {
        write_file(&outside.path().join(format!("n{i}.md")), b"+++\ntitle = \"x\"\n+++\n");
    }
    let b = broken(CASE, |s| {
        std::os::unix::fs::symlink(outside.path(), s.file("content/ngoai")).unwrap()
    });
    let target = std::fs::canonicalize(outside.path()).unwrap();
    assert_eq!(
        b.errors(),
        [format!(
            "content/ngoai:1:1: error: is a link to `{}`, outside the dossier: copy it in instead",
            target.display()
        )]
    );
}

#[test]
fn a_symbolic_link_back_to_a_folder_holding_it_is_a_cycle_at_the_link() {
    let b = broken(CASE, |s| std::os::unix::fs::symlink("..", s.file("content/articles/vong")).unwrap());
    assert_eq!(
        b.errors(),
        ["content/articles/vong:1:1: error: a symbolic link here loops back to a folder that contains it"]
    );
}

#[test]
fn an_output_that_would_replace_the_dossier_or_a_foreign_folder_is_refused() {
    let b = broken(CASE, |s| write_file(&s.tmp().join("mine/photo.jpg"), b"jpeg"));
    for (output, why) in [
        (
            "content",
            "it would replace the dossier's `content`; choose a folder such as `public`",
        ),
        (
            "seeds/out",
            "it would replace the dossier's `seeds`; choose a folder such as `public`",
        ),
        (".", "it holds the dossier itself; choose a folder such as `public`"),
        ("..", "it holds the dossier itself; choose a folder such as `public`"),
    ] {
        assert_eq!(
            b.build_fails(&["--output", output]),
            [format!("error: refusing to write the site into `{output}`: {why}")]
        );
    }
    assert_eq!(
        b.build_fails(&["--output", "../mine"]),
        [
            "error: refusing to replace `../mine`: it holds files that `dossier build` did not write (it has no `.dossier-build`); \
          remove it or choose another folder"
        ]
    );
    let mine = b.sandbox.tmp().join("mine");
    assert_eq!(std::fs::read(mine.join("photo.jpg")).unwrap(), b"jpeg");
}

fn append(path: &Path, text: &str) {
    let mut all = std::fs::read_to_string(path).unwrap();
    all.push_str(text);
    write_file(path, all.as_bytes());
}

// ---------------------------------------------------------------------------
// Nothing injected

#[test]
fn markup_in_a_seed_shows_as_text_everywhere_it_appears() {
    let sandbox = Sandbox::with_fixture(CASE);
    let seed = sandbox.file("seeds/001_alpha.txt");
    let evil = "Đoạn có <script>alert(\"seed\")</script> và <img src=x onerror=alert(2)> ở giữa.";
    append(&seed, &format!("\n{evil}\n"));
    let site = build_site(&sandbox.site());
    for page in site.pages() {
        let doc = site.html(&page);
        let scripts: Vec<String> = select(&doc, "script").iter().map(|s| s.inner_html()).collect();
        assert!(
            scripts.iter().all(|s| !s.contains("alert")),
            "{page}: a script from the seed runs: {scripts:?}"
        );
        assert!(select(&doc, "img[onerror]").is_empty(), "{page}: an element from the seed");
    }
    let article = site.html("articles/gap-go-bao-chi-sau-hoi-dam/index.html");
    let paragraph = find_by_text(&article, "p.paragraph", "Đoạn có");
    assert_eq!(text(paragraph), evil, "the seed's markup is shown as its text");
}

#[test]
fn raw_html_in_a_note_is_escaped_unless_site_toml_allows_it() {
    let sandbox = Sandbox::with_fixture(CASE);
    append(&sandbox.file("content/_index.md"), "\nChữ <b>đậm</b> <script>alert(1)</script>\n");
    let home = build_site(&sandbox.site()).html("index.html");
    let shown = find_by_text(&home, "p", "Chữ");
    assert_eq!(text(shown), "Chữ <b>đậm</b> <script>alert(1)</script>");
    assert!(select_in(shown, "b, script").is_empty());

    append(&sandbox.file("site.toml"), "\n[markdown]\nallow_html = true\n");
    let home = build_site(&sandbox.site()).html("index.html");
    let shown = find_by_text(&home, "p", "Chữ");
    assert_eq!(select_in(shown, "b").len(), 1, "allowed, the HTML is kept");
}

#[test]
fn a_url_in_front_matter_must_be_http_or_https() {
    let b = broken(CASE, |s| {
        edit_file(&s.file(ALPHA_NOTE), "+++\ntitle = ", "+++\nurl = \"javascript:alert(1)\"\ntitle = ")
    });
    assert_eq!(
        b.errors(),
        ["content/articles/001_alpha.md:2:7: error: url `javascript:alert(1)` must start with `https://` or `http://`"]
    );
}

#[test]
fn a_url_without_a_scheme_that_names_another_host_is_refused() {
    let b = broken(CASE, |s| {
        edit_file(&s.file(ALPHA_NOTE), "+++\ntitle = ", "+++\nurl = \"//evil.example/x\"\ntitle = ")
    });
    assert_eq!(
        b.errors(),
        ["content/articles/001_alpha.md:2:7: error: url `//evil.example/x` must start with `https://` or `http://`"]
    );
}

#[test]
fn a_value_of_nan_or_inf_is_an_error_at_the_value() {
    for value in ["nan", "inf", "-inf"] {
        let b = broken(FACTS, |s| {
            edit_file(&s.file(TRADE), "value = 81500000000", &format!("value = {value}"))
        });
        let errors = b.errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("content/statistics/trade.md:") && errors[0].contains(": error: `value` must be a number"),
            "{errors:?}"
        );
    }
}

#[test]
fn control_characters_in_front_matter_or_a_body_are_errors_where_they_stand() {
    let b = broken(CASE, |s| {
        edit_file(&s.file(ALPHA_NOTE), "summary = \"", "summary = \"\\u000b");
        append(&s.file(BETA_NOTE), "\nChuông \u{7} ở đây.\n");
    });
    let errors = b.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("content/articles/001_alpha.md:3:11: error: holds U+000B"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains(": error: holds U+0007, a control character, not text: remove it"),
        "{errors:?}"
    );
}

/// ESC, BEL and line breaks in a file name or a quote were printed raw: they
/// could clear the screen or print a `path:line:col` line of their own.
#[test]
fn controls_in_file_names_and_quotes_are_printed_escaped_on_the_terminal() {
    let forged = "content/a\u{1b}[2J\u{7}\nsite.toml:1:1: error: forged.md";
    let b = broken(CASE, |s| {
        write_file(&s.file(forged), b"+++\ntitle = \"x\"\n+++\n");
        edit_file(
            &s.file(ALPHA_NOTE),
            "[cuộc hội đàm rất thành công](cite:001)",
            "[cuộc \u{202e}hội đàm](cite:001)",
        );
    });
    let run = b.sandbox.run_in_site(&["build"]);
    run.assert_code(1);
    assert!(
        !run.stderr.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
        "a raw control reached the terminal: {:?}",
        run.stderr
    );
    let lines = run.headlines();
    assert_eq!(lines.len(), 3, "one line per problem, then the count: {lines:?}");
    assert!(
        lines[0].starts_with("content/a\\u{1b}[2J\\u{7}\\nsite.toml:1:1: error: forged.md:1:1: error: file name holds a control character"),
        "{lines:?}"
    );
    assert!(lines[1].contains("“cuộc \\u{202e}hội đàm”"), "{lines:?}");
}

// ---------------------------------------------------------------------------
// Interrupted builds

/// Adds enough free pages that a debug build takes a while.
fn make_slow(sandbox: &Sandbox) {
    let paragraph = "Hai bên nhất trí phấn đấu đưa kim ngạch thương mại song phương đạt 150 tỷ USD vào năm 2030. ".repeat(20);
    for i in 0..1500 {
        let page = format!("+++\ntitle = \"Trang {i}\"\n+++\n## Mục một\n\n{paragraph}\n\n## Mục hai\n\n{paragraph}\n");
        write_file(&sandbox.file(&format!("content/trang/p{i:04}.md")), page.as_bytes());
    }
}

/// Starts a build, waits until it has written into its staging folder, sends
/// `signal`, and checks that the build stops with 130 and leaves `public/`
/// as it was, with no staging folder.
fn interrupt_with(signal: &str) {
    let b = broken(CASE, make_slow);
    let site = b.sandbox.site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", site.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let staging = site.join(format!(".public.building-{}", child.id()));
    let started = Instant::now();
    while !staging.join("trang").is_dir() {
        assert!(started.elapsed() < Duration::from_secs(60), "the build never wrote a page");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be interrupted"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let killed = Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.ends_with("interrupted: nothing was written; the previous output is as it was\n"),
        "{stderr}"
    );
    assert!(
        read_tree(&site.join("public")) == b.before,
        "the interrupted build changed `public/`"
    );
    assert!(!staging.exists(), "the staging folder is removed");
}

#[test]
fn ctrl_c_during_a_build_leaves_the_previous_output() {
    interrupt_with("-INT");
}

#[test]
fn sigterm_during_a_build_leaves_the_previous_output() {
    interrupt_with("-TERM");
}

// ---------------------------------------------------------------------------
// Output paths: each claimed once

#[test]
fn a_content_page_at_print_collides_with_the_print_page() {
    let b = broken(CASE, |s| {
        write_file(&s.file("content/print.md"), "+++\ntitle = \"In\"\n+++\nMột.\n".as_bytes());
    });
    assert_eq!(
        b.errors(),
        [
            "content/print.md:1:1: error: page would be published at `/print/`, where the generator writes the print page: move or rename the file"
        ]
    );
}

#[test]
fn a_file_on_a_generated_path_is_an_error_naming_both() {
    let b = broken(CASE, |s| {
        write_file(&s.file("static/feed.xml"), b"<feed/>");
        write_file(&s.file("content/index.html"), b"<p>mine</p>");
        write_file(&s.file("content/search-index/x.js"), b"1");
        write_file(&s.file("content/a.png"), b"png");
        write_file(&s.file("static/a.png"), b"png");
    });
    assert_eq!(
        b.errors(),
        [
            "content/a.png:1:1: error: file would be published at `a.png`, like `static/a.png`: rename or move one of them",
            "content/index.html:1:1: error: file would be published at `index.html`, where the generator writes the home page: rename or move the file",
            "content/search-index/x.js:1:1: error: file would be published at `search-index/x.js`, where the generator writes the search index: rename or move the file",
            "static/feed.xml:1:1: error: file would be published at `feed.xml`, where the generator writes the Atom feed: rename or move the file",
        ]
    );
}

#[test]
fn a_slug_onto_the_articles_index_is_an_error() {
    let b = broken(CASE, |s| {
        edit_file(&s.file(ALPHA_NOTE), "+++\ntitle = ", "+++\nslug = \"\"\ntitle = ")
    });
    assert_eq!(
        b.errors(),
        ["content/articles/001_alpha.md:2:8: error: slug `` is not a slug: write one with letters or digits"]
    );
}

/// macOS editors often save text decomposed (NFD); content is composed on
/// reading, as seeds are, so the quote is the seed's words.
#[test]
fn a_quote_typed_in_decomposed_unicode_is_found() {
    use unicode_normalization::UnicodeNormalization;
    let sandbox = Sandbox::with_fixture(CASE);
    let note = sandbox.file(ALPHA_NOTE);
    let text = std::fs::read_to_string(&note).unwrap();
    let decomposed: String = text.nfd().collect();
    assert_ne!(decomposed, text, "the note must hold composed letters to decompose");
    write_file(&note, decomposed.as_bytes());
    sandbox.run_on_site("build", &[]).assert_code(0);
    let page = std::fs::read_to_string(sandbox.file("public/index.html")).unwrap();
    assert!(!page.is_empty());
    let article = read_tree(&sandbox.file("public")).into_iter().find(|(path, bytes)| {
        path.starts_with("articles/") && String::from_utf8_lossy(bytes).contains("<mark>cuộc hội đàm rất thành công</mark>")
    });
    assert!(article.is_some(), "the composed quote is marked on its article page");
}

// ---------------------------------------------------------------------------
// Bounds

/// 20,000 identical headings in one note took minutes (each id searched from
/// `-2` upwards); the ids are the same, in linear time.
#[test]
fn twenty_thousand_identical_headings_get_numbered_ids_in_linear_time() {
    let sandbox = Sandbox::with_fixture("default-theme");
    let mut page = String::from("+++\ntitle = \"Mục lục\"\n+++\n## Mục {#muc-3}\n\n");
    for _ in 0..20_000 {
        page.push_str("## Mục\n\nĐoạn.\n\n");
    }
    write_file(&sandbox.file("content/muc.md"), page.as_bytes());
    let started = Instant::now();
    let site = build_site(&sandbox.site());
    let took = started.elapsed();
    let ids: Vec<String> = select(&site.html("muc/index.html"), "h2[id^=muc]")
        .iter()
        .map(|h| attr(*h, "id").to_string())
        .collect();
    assert_eq!(ids.len(), 20_001);
    assert_eq!(ids[..5], ["muc-3", "muc", "muc-2", "muc-4", "muc-5"]);
    assert_eq!(ids[20_000], "muc-20001");
    assert!(took < Duration::from_secs(60), "{took:?}: quadratic again?");
}

// ---------------------------------------------------------------------------
// Signals at any moment, kill -9, a killed swap, an output that is a link

/// Whether process `pid` has installed its SIGTERM handler (bit 15 of
/// `SigCgt` in `/proc/PID/status`): before that, a SIGTERM kills it.
fn catches_sigterm(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let caught = status.lines().find_map(|l| l.strip_prefix("SigCgt:"));
    caught
        .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << 14) != 0)
}

/// A dossier whose next build differs from its `public/`: `content/lan.md`
/// says which run it is.
fn set_run(sandbox: &Sandbox, run: usize) {
    let page = format!("+++\ntitle = \"Lần {run:04}\"\n+++\nLần chạy số {run}.\n");
    write_file(&sandbox.file("content/lan.md"), page.as_bytes());
}

fn spawn_build(site: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", site.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// What a stopped build left: the old site, or the whole new one of `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Left {
    Old,
    New,
}

/// Checks that `public/` is either `old` whole or the new site of `run`
/// whole (the same files, `lan/` saying `run`); panics on anything else.
fn what_is_left(site: &Path, old: &BTreeMap<String, Vec<u8>>, run: usize) -> Left {
    let public = site.join("public");
    assert!(public.is_dir(), "no `public/` left: {:?}", names_in(site));
    let now = read_tree(&public);
    if now == *old {
        return Left::Old;
    }
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        old.keys().collect::<Vec<_>>(),
        "`public/` is neither the old site nor a whole new one"
    );
    let lan = String::from_utf8_lossy(&now["lan/index.html"]).into_owned();
    assert!(lan.contains(&format!("Lần {run:04}")), "`public/` is a mix of builds");
    Left::New
}

/// The names beside the dossier's inputs and `public/`: leftovers of builds.
fn leftovers(site: &Path) -> Vec<String> {
    let inputs = ["site.toml", "seeds", "content", "templates", "static", "public"];
    names_in(site).into_iter().filter(|n| !inputs.contains(&n.as_str())).collect()
}

/// SIGTERM on a short build sometimes printed "interrupting the build" and
/// still published with exit 0. Now a signal either stops the build (130,
/// `public/` as it was, nothing beside it) or comes once the new site is
/// being put in place, and then says so and exits 0 with the whole new site.
#[test]
fn sigterm_at_any_moment_of_a_short_build_publishes_all_or_nothing() {
    let sandbox = Sandbox::with_fixture(CASE);
    let site = sandbox.site();
    set_run(&sandbox, 0);
    sandbox.run_in_site(&["build"]).assert_code(0);
    let started = Instant::now();
    set_run(&sandbox, 1);
    sandbox.run_in_site(&["build"]).assert_code(0);
    let length = started.elapsed();
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let moments = [0.0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0, 1.05, 1.2];
    for (i, fraction) in moments.iter().enumerate() {
        let run = i + 2;
        set_run(&sandbox, run);
        let old = read_tree(&site.join("public"));
        let child = spawn_build(&site);
        let pid = child.id();
        while !catches_sigterm(pid) {
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(length.mul_f64(*fraction));
        let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let left = what_is_left(&site, &old, run);
        match output.status.code() {
            Some(130) => {
                assert_eq!(left, Left::Old, "exit 130 but the site changed: {stderr}");
                assert!(
                    stderr.ends_with("interrupted: nothing was written; the previous output is as it was\n"),
                    "{stderr}"
                );
                *outcomes.entry("stopped, exit 130, old site kept").or_default() += 1;
            }
            Some(0) => {
                assert_eq!(left, Left::New, "exit 0 but the site did not change: {stderr}");
                assert!(
                    !stderr.contains("interrupting the build"),
                    "said it was interrupting, then published: {stderr}"
                );
                *outcomes.entry("too late or after the end, exit 0, new site").or_default() += 1;
            }
            other => panic!("exit {other:?} at {fraction} of the build: {stderr}"),
        }
        assert_eq!(
            leftovers(&site),
            Vec::<String>::new(),
            "left beside `public/` at {fraction} of the build"
        );
    }
    eprintln!("SIGTERM at {} moments of a {length:?} build: {outcomes:?}", moments.len());
    assert!(
        outcomes.get("stopped, exit 130, old site kept").is_some_and(|n| *n >= 2),
        "{outcomes:?}"
    );
}

/// A tiny reproducible random number generator (xorshift), so a failing
/// run of the kill -9 test can be replayed from its seed.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// `kill -9` at random moments of builds (`DOSSIER_KILL9_RUNS`, 12 by
/// default; `DOSSIER_KILL9_SEED` to replay): `public/` is always the old
/// site or the whole new one, never missing nor mixed; and the next build,
/// every other time a failing one, keeps it and removes what the killed one
/// left. Prints the count of each outcome.
#[test]
fn kill_9_at_random_moments_never_loses_the_site() {
    let runs: usize = std::env::var("DOSSIER_KILL9_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(12);
    let mut random: u64 = std::env::var("DOSSIER_KILL9_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let sandbox = Sandbox::with_fixture(CASE);
    let site = sandbox.site();
    set_run(&sandbox, 0);
    sandbox.run_in_site(&["build"]).assert_code(0);
    let started = Instant::now();
    set_run(&sandbox, 1);
    sandbox.run_in_site(&["build"]).assert_code(0);
    let length = started.elapsed();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    for run in 2..runs + 2 {
        set_run(&sandbox, run);
        let old = read_tree(&site.join("public"));
        let mut child = spawn_build(&site);
        let wait = length.mul_f64((next_random(&mut random) % 1200) as f64 / 1000.0);
        std::thread::sleep(wait);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let left = what_is_left(&site, &old, run);
        let stray = !leftovers(&site).is_empty();
        let how = if status.code().is_some() {
            "finished before the kill"
        } else {
            "killed"
        };
        let key = format!(
            "{how}: {} site{}",
            if left == Left::Old { "old" } else { "new" },
            if stray { ", staging folder left" } else { "" }
        );
        *outcomes.entry(key).or_default() += 1;
        // The next build, failing every other time, keeps the site and cleans up.
        let failing = run % 2 == 0;
        if failing {
            write_file(&sandbox.file("content/lan.md"), b"+++\ntitle = \n+++\n");
        }
        let kept = read_tree(&site.join("public"));
        let next = sandbox.run_in_site(&["build"]);
        next.assert_code(if failing { 1 } else { 0 });
        if failing {
            assert!(
                read_tree(&site.join("public")) == kept,
                "a failing build after a kill changed `public/`"
            );
        }
        assert_eq!(
            leftovers(&site),
            Vec::<String>::new(),
            "the next build left what the killed one left"
        );
    }
    eprintln!("kill -9 at random moments of a {length:?} build, {runs} runs: {outcomes:?}");
}

/// The state a build killed between its two renames left (no `public/`, the
/// old site as `.public.old-PID`): the next build deleted that folder, and
/// when it failed, the only complete copy of the site was gone.
#[test]
fn a_build_killed_between_its_two_renames_is_repaired_by_the_next_build_even_a_failing_one() {
    let b = broken(CASE, break_a_quote_of(ALPHA_NOTE));
    let site = b.sandbox.site();
    // No process has pid 4194304 (above Linux's largest pid).
    let set_aside = site.join(".public.old-4194304");
    std::fs::rename(site.join("public"), &set_aside).unwrap();
    b.sandbox.run_in_site(&["build"]).assert_code(1);
    assert!(read_tree(&site.join("public")) == b.before, "the failing build restored the site");
    assert_eq!(leftovers(&site), Vec::<String>::new());

    std::fs::rename(site.join("public"), &set_aside).unwrap();
    edit_file(
        &b.sandbox.file(ALPHA_NOTE),
        "[cuộc hội đàm thành công](cite:001)",
        "[cuộc hội đàm rất thành công](cite:001)",
    );
    b.sandbox.run_in_site(&["build"]).assert_code(0);
    assert!(read_tree(&site.join("public")) == b.before, "the next good build published");
    assert_eq!(leftovers(&site), Vec::<String>::new(), "and removed nothing but the set-aside copy");
}

fn break_a_quote_of(note: &'static str) -> impl FnOnce(&Sandbox) {
    move |s| {
        edit_file(
            &s.file(note),
            "[cuộc hội đàm rất thành công](cite:001)",
            "[cuộc hội đàm thành công](cite:001)",
        )
    }
}

/// `--output` naming a link to an earlier build replaced the link by a real
/// folder and emptied its target, then reported "Not a directory".
#[test]
fn an_output_that_is_a_link_to_an_earlier_build_is_rebuilt_where_it_points_and_stays_a_link() {
    let sandbox = Sandbox::with_fixture(CASE);
    let release = sandbox.tmp().join("releases/2025-08");
    sandbox
        .run_on_site("build", &["--output", release.to_str().unwrap()])
        .assert_code(0);
    let earlier = read_tree(&release);
    let link = sandbox.tmp().join("current");
    std::os::unix::fs::symlink("releases/2025-08", &link).unwrap();
    set_run(&sandbox, 7);
    let run = sandbox.run_on_site("build", &["--output", link.to_str().unwrap()]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    assert!(
        std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
        "the link is still a link"
    );
    let now = read_tree(&link);
    assert!(
        now.len() > earlier.len() && now.contains_key("lan/index.html"),
        "the new site is where the link points"
    );
    assert_eq!(names_in(&sandbox.tmp().join("releases")), ["2025-08"], "nothing beside the target");
    assert_eq!(names_in(sandbox.tmp()), ["current", "releases", "site"]);

    // A link into the dossier's inputs is refused like the input itself.
    std::os::unix::fs::symlink(sandbox.file("content/articles"), sandbox.tmp().join("sly")).unwrap();
    let run = sandbox.run_on_site("build", &["--output", sandbox.tmp().join("sly").to_str().unwrap()]);
    run.assert_code(1);
    assert!(run.stderr.contains("it would replace the dossier's `content`"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// Facts set against their sources

const PRESS: &str = "content/timeline/f-press.md";
const STATEMENT: &str = "content/statements/muc-tieu.md";

#[test]
fn a_display_that_is_not_what_the_quote_says_is_an_error_at_the_display() {
    let b = broken(FACTS, |s| {
        edit_file(&s.file(TRADE), "display = \"81,5 tỷ USD\"", "display = \"81 tỷ USD\"")
    });
    let errors = b.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors,
        [
            "content/statistics/trade.md:16:11: error: `display` “81 tỷ USD” is not a figure of the quote, which says “81,5 tỷ USD” (81,500,000,000 USD)"
        ]
    );
}

#[test]
fn a_value_ten_times_its_display_is_an_error_at_the_value_saying_what_the_quote_says() {
    let b = broken(FACTS, |s| edit_file(&s.file(TRADE), "value = 81500000000", "value = 815000000000"));
    assert_eq!(
        b.errors(),
        ["content/statistics/trade.md:15:9: error: the quote says “81,5 tỷ USD” (81,500,000,000 USD); `value` is `815000000000`"]
    );
}

#[test]
fn a_qualifier_the_quote_does_not_give_is_an_error_at_the_qualifier() {
    let b = broken(FACTS, |s| {
        edit_file(
            &s.file(TRADE),
            "display = \"81,5 tỷ USD\"",
            "display = \"81,5 tỷ USD\"\nqualifier = \"nearly\"",
        )
    });
    let errors = b.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors,
        ["content/statistics/trade.md:17:13: error: the quote says “81,5 tỷ USD” (81,500,000,000 USD); `qualifier` is `nearly`"]
    );
}

#[test]
fn a_time_of_day_that_is_not_one_is_an_error_at_the_time() {
    let b = broken(FACTS, |s| edit_file(&s.file(PRESS), "time = \"trưa\"", "time = \"giờ G\""));
    let errors = b.errors();
    assert!(
        errors[0].starts_with("content/timeline/f-press.md:4:8: error: `giờ G` is not a time of day"),
        "{errors:?}"
    );
}

#[test]
fn an_order_the_times_contradict_is_an_error_at_the_relation() {
    let b = broken(FACTS, |s| {
        edit_file(
            &s.file("content/timeline/g-talks.md"),
            "date_inferred",
            "time = \"sáng\"\ndate_inferred",
        );
    });
    assert_eq!(
        b.errors(),
        [
            "content/timeline/g-talks.md:7:19: error: `f-press` cannot come before `g-talks`: the event said to come first is at noon, but the one said to come after it is in the morning"
        ]
    );
}

#[test]
fn a_relation_to_an_unknown_event_is_an_error_at_its_id() {
    let b = broken(FACTS, |s| {
        edit_file(&s.file("content/timeline/g-talks.md"), "event = \"f-press\"", "event = \"f-pres\"")
    });
    assert_eq!(
        b.errors(),
        ["content/timeline/g-talks.md:6:19: error: unknown event `f-pres`: did you mean `f-press`?"]
    );
}

#[test]
fn a_statement_by_an_unknown_speaker_at_an_unknown_event_is_two_errors() {
    let b = broken(FACTS, |s| {
        edit_file(&s.file(STATEMENT), "speaker = \"to-lam\"", "speaker = \"tolam\"");
        edit_file(&s.file(STATEMENT), "event = \"f-press\"", "event = \"press\"");
    });
    assert_eq!(
        b.errors(),
        [
            "content/statements/muc-tieu.md:2:11: error: unknown speaker `tolam`: did you mean `to-lam`? (or add `content/people/tolam.md`)",
            "content/statements/muc-tieu.md:3:9: error: unknown event `press`: use the file name of an event in `content/timeline/`",
        ]
    );
}

#[test]
fn a_country_that_is_not_an_iso_code_is_an_error_with_a_suggestion() {
    let b = broken(FACTS, |s| {
        edit_file(&s.file("content/people/to-lam.md"), "country = \"VN\"", "country = \"VNM\"")
    });
    assert_eq!(
        b.errors(),
        [
            "content/people/to-lam.md:5:11: error: `VNM` is not an ISO 3166-1 alpha-2 country code: did you mean `VN`? (`VNM` is its alpha-3 code)"
        ]
    );
}

#[test]
fn a_stated_date_no_quote_gives_and_a_listed_person_no_quote_names_are_warnings() {
    let sandbox = Sandbox::with_fixture(FACTS);
    edit_file(&sandbox.file(EVENT), "date = 2022-12-05", "date = 2022-12-06");
    edit_file(
        &sandbox.file(PRESS),
        "people = [\"lee-jae-myung\"]",
        "people = [\"lee-jae-myung\", \"to-lam\"]",
    );
    edit_file(&sandbox.file(PRESS), "Trưa 11/8, Tổng Bí thư Tô Lâm và Tổng thống", "Tổng thống");
    let run = sandbox.run_on_site("check", &[]);
    run.assert_code(0);
    let warnings: Vec<String> = run
        .stderr_lines()
        .into_iter()
        .filter(|l| l.contains("/timeline/"))
        .map(|l| redact(l, sandbox.tmp()))
        .collect();
    assert_eq!(
        warnings,
        [
            "[TMP]/site/content/timeline/d-2022-12-05.md:3:8: warning: the date `2022-12-06` is in none of the quotes: cite the sentence that gives it, or say what it is inferred from with `date_inferred = \"…\"`",
            "[TMP]/site/content/timeline/f-press.md:3:8: warning: the date `2025-08-11` is in none of the quotes: cite the sentence that gives it, or say what it is inferred from with `date_inferred = \"…\"`",
            "[TMP]/site/content/timeline/f-press.md:6:28: warning: `to-lam` is named in none of the event's quotes: cite a sentence that names Tô Lâm, or leave the id out",
        ]
    );
}
