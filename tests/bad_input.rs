//! Bad input and faults, through the real binary: each kind of bad input is
//! reported at its file, line and column with what would be right, the build
//! exits 1, and the `public/` of the previous good build is byte for byte as
//! it was, with no staging folder left beside it. Also: nothing from seeds or
//! notes reaches the page as markup, and an interrupted build changes nothing.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
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
        run.stderr_lines()
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
        ["site.toml:4:1: error: unknown field `langauge`, expected one of `title`, `base_url`, `description`, `language`, `markdown`"]
    );
}

#[test]
fn a_typo_in_front_matter_is_an_unknown_key_at_its_line() {
    let b = broken(CASE, |s| edit_file(&s.file(ALPHA_NOTE), "summary =", "sumary ="));
    assert_eq!(
        b.errors(),
        [
            "content/articles/001_alpha.md:3:1: error: unknown field `sumary`, expected one of `title`, `outlet`, `url`, `published`, `summary`, `tags`, `slug`"
        ]
    );
}

#[test]
fn a_missing_required_field_says_which_and_where_to_add_it() {
    let b = broken(FACTS, |s| edit_file(&s.file(TRADE), "label = \"Kim ngạch thương mại\"\n", ""));
    assert_eq!(
        b.errors(),
        ["content/statistics/trade.md:2:1: error: missing field `label`: add `label = ...` here"]
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
    let b = broken(CASE, |s| edit_file(&s.file("content/_index.md"), "(cite:002)", "(cite:009)"));
    assert_eq!(
        b.errors(),
        ["content/_index.md:15:32: error: cites unknown seed `009`: known seeds are `001_alpha`, `002_beta`"]
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
    let run = sandbox.run_in_site(&["build"]);
    run.assert_code(0);
    assert_eq!(
        run.stderr_lines(),
        [
            "seeds/003_extra.md:1:1: warning: is ignored: seeds are `.txt` files",
            "seeds/004_huge.html:1:1: warning: is ignored: seeds are `.txt` files",
        ],
        "not read, so not too large either"
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
        ["templates/404.html:2:9: error: field `nope` is not defined. Available fields: canonical, description, root, section, title, toc"]
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
            "content/articles/002_beta.md:1:1: error: article URL `/articles/hoi-dam/` is already taken by `content/articles/001_alpha.md`: set a different `slug`"
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
    let lines = run.stderr_lines();
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
