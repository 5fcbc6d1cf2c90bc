//! The real `dossier` binary, run in a temporary folder per test: exit codes
//! (0 ok, 1 problems in the dossier, 2 bad usage), the diagnostics on stderr
//! (with the temporary path redacted to `[TMP]`), and what is (not) written.

mod common;

use common::*;
use scraper::Html;

/// The fixture every test here starts from: two seeds, two notes, a home page.
const CASE: &str = "citations";
const ALPHA_NOTE: &str = "content/articles/001_alpha.md";
const BETA_NOTE: &str = "content/articles/002_beta.md";
const NOTHING_WRITTEN_1: &str = "error: 1 error in the dossier; nothing was written";
const NOTHING_WRITTEN_2: &str = "error: 2 errors in the dossier; nothing was written";

/// Breaks the first citation of the alpha note: the seed says “rất thành công”.
fn break_a_quote(sandbox: &Sandbox) {
    edit_file(
        &sandbox.file(ALPHA_NOTE),
        "[cuộc hội đàm rất thành công](cite:001)",
        "[cuộc hội đàm thành công](cite:001)",
    );
}

const WRONG_QUOTE: &str = "content/articles/001_alpha.md:6:29: error: quote not found in seed `seeds/001_alpha.txt`: \
     “cuộc hội đàm thành công”; the closest passage is “cuộc hội đàm rất thành công.”";

/// Writes `seeds/003_bad.txt`: `valid` then bytes that are not UTF-8.
fn write_bad_seed(sandbox: &Sandbox, valid: &str) {
    let mut bytes = valid.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe xong.\n");
    write_file(&sandbox.file("seeds/003_bad.txt"), &bytes);
}

/// What the sandbox holds besides the dossier's inputs: the output, or
/// staging folders left behind, in the root or beside it.
fn written_besides_inputs(sandbox: &Sandbox) -> Vec<String> {
    let inputs = ["site.toml", "seeds", "content", "templates", "static"];
    let mut names: Vec<String> = names_in(&sandbox.site())
        .into_iter()
        .filter(|n| !inputs.contains(&n.as_str()))
        .collect();
    names.extend(names_in(sandbox.tmp()).into_iter().filter(|n| n != "site"));
    names
}

#[test]
fn build_writes_the_site_and_reports_its_page_and_file_counts() {
    let sandbox = Sandbox::with_fixture(CASE);
    let run = sandbox.run_on_site("build", &[]);
    run.assert_code(0);
    assert_eq!(run.stderr, "", "a clean dossier builds without a word on stderr");
    let written = read_tree(&sandbox.file("public"));
    let pages = written.keys().filter(|p| p.ends_with(".html")).count();
    let line = run.stdout.trim_end();
    let files = written.keys().filter(|p| *p != dossier::disk::output::MARKER_FILE).count();
    let prefix = format!("built {pages} pages ({files} files) into [TMP]/site/public in ");
    let (head, search) = line.split_once(" ms; ").unwrap_or((line, ""));
    assert!(head.starts_with(&prefix), "{line:?} should start with {prefix:?}");
    assert!(
        search.starts_with("search index ") && search.ends_with(" KiB of text"),
        "{line:?} should report the search index's size against its text"
    );
    for page in [
        "index.html",
        "404.html",
        "articles/index.html",
        "articles/gap-go-bao-chi-sau-hoi-dam/index.html",
        "articles/thuong-mai-song-phuong/index.html",
    ] {
        assert!(written.contains_key(page), "{page} was not written: {:?}", written.keys());
    }
}

#[test]
fn build_with_output_writes_there_and_not_into_the_root() {
    let sandbox = Sandbox::with_fixture(CASE);
    let out = sandbox.tmp().join("elsewhere");
    sandbox.run_on_site("build", &["--output", out.to_str().unwrap()]).assert_code(0);
    assert!(out.join("index.html").is_file());
    assert_eq!(written_besides_inputs(&sandbox), ["elsewhere"]);
}

#[test]
fn check_reports_a_wrong_quote_at_its_line_and_column_with_the_closest_passage() {
    let sandbox = Sandbox::with_fixture(CASE);
    break_a_quote(&sandbox);
    let run = sandbox.run_on_site("check", &[]);
    run.assert_code(1);
    assert_eq!(run.headlines(), [format!("[TMP]/site/{WRONG_QUOTE}").as_str(), NOTHING_WRITTEN_1]);
    assert_eq!(run.stdout, "");
    assert!(
        written_besides_inputs(&sandbox).is_empty(),
        "check wrote {:?}",
        written_besides_inputs(&sandbox)
    );
}

/// Every diagnostic showed only its `path:line:col` line: the reader had to
/// open the file to see what it pointed at.
#[test]
fn a_diagnostic_shows_its_source_line_with_a_caret_under_the_column() {
    let sandbox = Sandbox::with_fixture(CASE);
    break_a_quote(&sandbox);
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.stderr,
        format!(
            "{WRONG_QUOTE}\n  |\n6 | Tổng Bí thư đánh giá đây là [cuộc hội đàm thành công](cite:001), và quan hệ\n  | {}^\n{NOTHING_WRITTEN_1}\n",
            " ".repeat(28)
        )
    );
}

/// A TOML error knows its span: the excerpt underlines all of it.
#[test]
fn an_unknown_key_is_underlined_whole_in_its_excerpt() {
    let sandbox = Sandbox::with_fixture(CASE);
    edit_file(&sandbox.file("site.toml"), "language =", "langauge =");
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(1);
    let lines = run.stderr_lines();
    assert_eq!(lines[1..4], ["  |", "4 | langauge = \"vi\"", "  | ^^^^^^^^"], "{}", run.stderr);
}

#[test]
fn diagnostics_are_plain_when_piped_or_no_color_and_coloured_when_forced() {
    let sandbox = Sandbox::with_fixture(CASE);
    break_a_quote(&sandbox);
    let site = sandbox.site();
    let piped = sandbox.run_with_env(&site, &["check"], &[]);
    let no_color = sandbox.run_with_env(&site, &["check"], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]);
    for run in [&piped, &no_color] {
        run.assert_code(1);
        assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
        assert!(run.stderr.starts_with(WRONG_QUOTE), "{}", run.stderr);
    }
    let forced = sandbox.run_with_env(&site, &["check"], &[("CLICOLOR_FORCE", "1")]);
    forced.assert_code(1);
    assert!(
        forced
            .stderr
            .starts_with("\x1b[1mcontent/articles/001_alpha.md:6:29:\x1b[0m \x1b[1;91merror\x1b[0m"),
        "{:?}",
        forced.stderr
    );
}

/// `check` printed "0 warnings" and then a warning line for every seed
/// figure no metric cites: those were counted apart, as if not warnings.
#[test]
fn check_counts_every_warning_it_prints_the_uncited_figures_too() {
    let sandbox = Sandbox::with_fixture("facts");
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(0);
    let warnings = run.headlines().iter().filter(|l| l.contains(": warning: ")).count();
    assert_eq!(warnings, 7, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "checked 12 pages: no errors, 7 warnings (3 of them seed figures cited by no metric)\n"
    );
    let seeds: Vec<&str> = run.headlines().into_iter().filter(|l| l.starts_with("seeds/001_a")).collect();
    assert_eq!(
        seeds,
        [
            "seeds/001_a.txt:1:1: warning: seed has no note: add `content/articles/001_a.md` with a title and summary",
            "seeds/001_a.txt:1:1: warning: figure `7,3` is cited by no metric: add an observation to `content/statistics/`",
            "seeds/001_a.txt:5:1: warning: figure `150` is cited by no metric: add an observation to `content/statistics/`",
        ],
        "in file order, among the other warnings"
    );
}

#[test]
fn diagnostics_name_paths_relative_to_the_root_when_run_inside_it() {
    let sandbox = Sandbox::with_fixture(CASE);
    break_a_quote(&sandbox);
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(1);
    assert_eq!(run.headlines(), [WRONG_QUOTE, NOTHING_WRITTEN_1]);
}

#[test]
fn build_with_a_wrong_quote_writes_nothing_at_all() {
    let sandbox = Sandbox::with_fixture(CASE);
    break_a_quote(&sandbox);
    let run = sandbox.run_on_site("build", &[]);
    run.assert_code(1);
    assert_eq!(run.headlines(), [format!("[TMP]/site/{WRONG_QUOTE}").as_str(), NOTHING_WRITTEN_1]);
    assert!(
        written_besides_inputs(&sandbox).is_empty(),
        "a failed first build left {:?}",
        written_besides_inputs(&sandbox)
    );
}

#[test]
fn check_lists_every_problem_of_every_file_in_one_run_sorted_by_file_and_line() {
    let sandbox = Sandbox::with_fixture(CASE);
    break_a_quote(&sandbox);
    edit_file(&sandbox.file(ALPHA_NOTE), "(cite:002 \"kim ngạch", "(cite:00 \"kim ngạch");
    edit_file(&sandbox.file(BETA_NOTE), "(cite:002 '\"kỳ tích sông Hàn\"')", "(cite:009)");
    edit_file(
        &sandbox.file(BETA_NOTE),
        "làm minh chứng.\n",
        "làm minh chứng.\n\nThêm [một câu](cite:002 \"câu không có trong bài\").\n",
    );
    write_bad_seed(&sandbox, "Hai bên\nhội ");
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.headlines(),
        [
            WRONG_QUOTE,
            "content/articles/001_alpha.md:9:20: error: cites unknown seed `00`: did you mean `001` or `002`?",
            "content/articles/002_beta.md:6:9: error: cites unknown seed `009`: did you mean `001` or `002`?",
            "content/articles/002_beta.md:8:6: error: quote not found in seed `seeds/002_beta.txt`: “câu không có trong bài”",
            "seeds/003_bad.txt:2:5: error: seed is not valid UTF-8 (first bad byte at offset 15): save it as UTF-8",
            "error: 5 errors in the dossier; nothing was written",
        ]
    );
}

#[test]
fn a_link_to_a_missing_anchor_is_an_error_at_the_link() {
    let sandbox = Sandbox::with_fixture("free-pages");
    edit_file(
        &sandbox.file("content/notes/a.md"),
        "(../about.md#phuong-phap)",
        "(../about.md#phuong-phap-cu)",
    );
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.headlines(),
        [
            "content/notes/a.md:4:51: error: link to `#phuong-phap-cu` in `about/index.html`, which has no such anchor",
            NOTHING_WRITTEN_1
        ]
    );
}

/// With `smart_punctuation` on (the default, and the repository's setting),
/// pulldown-cmark turns `...` into `…` and `--` into `–` in a link's text
/// before the text is used as the quote, so an exact quote of a seed holding
/// `...` is “not found”, and the closest passage offered is the very words
/// quoted. The repository's seeds 000, 001 and 002 hold `...`.
#[test]
fn a_quote_with_three_dots_in_link_text_matches_despite_smart_punctuation() {
    let sandbox = Sandbox::with_fixture(CASE);
    let seed = sandbox.file("seeds/002_beta.txt");
    let mut text = std::fs::read_to_string(&seed).unwrap();
    text.push_str("\nHai bên cam kết: “Chúng tôi sẽ hợp tác...” trong nhiều năm.\n");
    write_file(&seed, text.as_bytes());
    edit_file(
        &sandbox.file(BETA_NOTE),
        "làm minh chứng.",
        "làm minh chứng, và [Chúng tôi sẽ hợp tác...](cite:002).",
    );
    let run = sandbox.run_in_site(&["check"]);
    assert_eq!(run.stderr, "");
    run.assert_code(0);
}

#[test]
fn a_missing_site_toml_is_an_error_that_says_how_to_start() {
    let sandbox = Sandbox::empty();
    std::fs::create_dir(sandbox.site()).unwrap();
    let run = sandbox.run_on_site("build", &[]);
    run.assert_code(1);
    assert_eq!(
        run.headlines(),
        ["error: no `site.toml` in `[TMP]/site`: run `dossier init DIR` to start a dossier, or pass `--root`"]
    );
}

#[test]
fn two_builds_give_byte_identical_trees() {
    let sandbox = Sandbox::with_fixture(CASE);
    // The fixture, and the repository's own dossier (read in place, built into
    // the sandbox): parallel rendering and every section must not change a byte.
    for (name, root) in [("fixture", sandbox.site()), ("repository", repo_root().to_path_buf())] {
        let outputs = [sandbox.tmp().join(format!("{name}-1")), sandbox.tmp().join(format!("{name}-2"))];
        for out in &outputs {
            let run = sandbox.run(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()]);
            run.assert_code(0);
        }
        let differences = compare_trees(&outputs[0], &outputs[1]);
        assert!(
            differences.is_empty(),
            "two builds of the {name} differ:\n{}",
            differences.join("\n")
        );
    }
}

/// `init` copied all 23 built-in templates and static files into the new
/// dossier, so it never received later fixes of the theme.
#[test]
fn init_creates_a_dossier_that_builds_and_checks_cleanly() {
    let sandbox = Sandbox::empty();
    let run = sandbox.run(&["init", "fresh"]);
    run.assert_code(0);
    let created = read_tree(&sandbox.tmp().join("fresh"));
    assert_eq!(
        created.keys().collect::<Vec<_>>(),
        ["content/_index.md", "seeds/README", "site.toml"],
        "only what the analyst edits: the theme stays built in"
    );
    assert_eq!(
        run.stdout,
        "created a new dossier in fresh (3 files: site.toml, content/, seeds/; the theme is built in); \
         preview it with `cd fresh && dossier serve`\n"
    );
    assert!(String::from_utf8_lossy(&created["site.toml"]).contains("language = \"vi\""));
    let check = sandbox.run(&["check", "--root", "fresh"]);
    check.assert_code(0);
    assert_eq!(check.stderr, "");
    assert!(check.stdout.starts_with("checked "), "{}", check.stdout);
    sandbox.run(&["build", "--root", "fresh"]).assert_code(0);
    assert!(sandbox.tmp().join("fresh/public/index.html").is_file());
}

/// `init` wrote a Vietnamese `site.toml` and home text for every user.
#[test]
fn init_in_english_writes_an_english_site() {
    let sandbox = Sandbox::empty();
    sandbox.run(&["init", "fresh", "--language", "en"]).assert_code(0);
    let site = std::fs::read_to_string(sandbox.tmp().join("fresh/site.toml")).unwrap();
    assert!(
        site.contains("title = \"Visit dossier\"") && site.contains("language = \"en\""),
        "{site}"
    );
    let home = std::fs::read_to_string(sandbox.tmp().join("fresh/content/_index.md")).unwrap();
    assert!(home.contains("Write a few lines introducing the visit here."), "{home}");
    sandbox.run(&["build", "--root", "fresh"]).assert_code(0);
    let page = std::fs::read_to_string(sandbox.tmp().join("fresh/public/index.html")).unwrap();
    assert!(page.contains("<html lang=\"en\""), "the site is in English");
    let bad = sandbox.run(&["init", "other", "--language", "fr"]);
    bad.assert_code(2);
    assert!(
        bad.stderr.starts_with("error: invalid value 'fr' for '--language <LANGUAGE>'"),
        "{}",
        bad.stderr
    );
}

#[test]
fn eject_lists_the_built_in_files_and_copies_one_out_to_be_changed() {
    let sandbox = Sandbox::empty();
    sandbox.run(&["init", "fresh"]).assert_code(0);
    let dossier = sandbox.tmp().join("fresh");
    let list = sandbox.run_with_env(&dossier, &["eject"], &[]);
    list.assert_code(0);
    assert!(
        list.stdout.contains("\n  templates/page.html\n") && list.stdout.contains("\n  static/assets/dossier.css\n"),
        "{}",
        list.stdout
    );
    let run = sandbox.run_with_env(&dossier, &["eject", "page.html"], &[]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "copied the built-in `templates/page.html` to templates/page.html: it replaces the built-in one from now on\n"
    );
    let copied = dossier.join("templates/page.html");
    edit_file(&copied, "</article>", "<p id=\"mine\">the analyst's own</p></article>");
    write_file(&dossier.join("content/about.md"), b"+++\ntitle = \"About\"\n+++\nText.\n");
    sandbox.run_with_env(&dossier, &["build"], &[]).assert_code(0);
    let about = std::fs::read_to_string(dossier.join("public/about/index.html")).unwrap();
    assert!(
        about.contains("<p id=\"mine\">the analyst's own</p>"),
        "the copy is the template used"
    );
    let again = sandbox.run_with_env(&dossier, &["eject", "templates/page.html"], &[]);
    again.assert_code(1);
    assert_eq!(
        again.stderr,
        "error: `templates/page.html` already exists: it is left as it is (remove it first to write it anew)\n"
    );
    assert!(std::fs::read_to_string(&copied).unwrap().contains("mine"), "not overwritten");
    let typo = sandbox.run_with_env(&dossier, &["eject", "pge.html"], &[]);
    typo.assert_code(2);
    assert_eq!(
        typo.stderr,
        "error: no built-in template or static file is named `pge.html`: did you mean `page.html`? (`dossier eject` lists them)\n"
    );
}

#[test]
fn init_refuses_a_non_empty_folder_and_touches_nothing() {
    let sandbox = Sandbox::empty();
    write_file(&sandbox.tmp().join("taken/notes.txt"), b"mine");
    let run = sandbox.run(&["init", "taken"]);
    run.assert_code(1);
    assert_eq!(
        run.headlines(),
        ["error: `taken` is not empty: `dossier init` only creates new dossiers"]
    );
    assert_eq!(
        read_tree(&sandbox.tmp().join("taken")).into_keys().collect::<Vec<_>>(),
        ["notes.txt"]
    );
}

#[test]
fn bad_usage_exits_2_and_says_what_is_wrong() {
    let sandbox = Sandbox::empty();
    for args in [&[][..], &["bild"], &["build", "--rot", "x"], &["init"], &["check", "--root"]] {
        let run = sandbox.run(args);
        assert_eq!(
            run.code,
            Some(2),
            "`dossier {}` should be a usage error: {}",
            args.join(" "),
            run.stderr
        );
        assert!(
            run.stderr.starts_with("error: ") || run.stderr.contains("\nUsage: dossier [OPTIONS] <COMMAND>"),
            "`dossier {}` should say what is wrong: {}",
            args.join(" "),
            run.stderr
        );
        assert_eq!(names_in(sandbox.tmp()), Vec::<String>::new(), "a usage error wrote files");
    }
}

/// The subcommands `dossier --help` lists (without `help` itself).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn help_works_for_the_tool_and_every_subcommand() {
    let sandbox = Sandbox::empty();
    let run = sandbox.run(&["--help"]);
    run.assert_code(0);
    let listed = subcommands(&run.stdout);
    for sub in ["build", "check", "init"] {
        assert!(listed.iter().any(|l| l == sub), "`--help` does not list `{sub}`:\n{}", run.stdout);
    }
    for sub in &listed {
        for args in [vec![sub.as_str(), "--help"], vec!["help", sub]] {
            let run = sandbox.run(&args);
            run.assert_code(0);
            assert!(
                run.stdout.contains(&format!("Usage: dossier {sub}")),
                "`dossier {}`:\n{}",
                args.join(" "),
                run.stdout
            );
        }
    }
    let version = sandbox.run(&["--version"]);
    version.assert_code(0);
    assert_eq!(version.stdout, format!("dossier {}\n", env!("CARGO_PKG_VERSION")));
}

/// `main` prefixed diagnostic paths with `--root`, so a bad `--base-url`
/// read `[TMP]/site/--base-url:1:1: error: …`, as if a file of that name
/// were wrong; the flag is now checked before the build, as a usage error.
#[test]
fn a_bad_base_url_override_is_reported_against_the_flag_not_a_file_under_the_root() {
    let sandbox = Sandbox::with_fixture(CASE);
    for args in [
        &["check", "--base-url", "ftp://example.org/"][..],
        &["build", "--base-url", "ftp://example.org/"],
    ] {
        let run = sandbox.run_in_site(args);
        run.assert_code(2);
        assert_eq!(
            run.headlines(),
            ["error: --base-url: `ftp://example.org/` must use http or https: \
              expected e.g. `https://example.org/` or `https://org.github.io/dossier/`"]
        );
    }
    assert!(written_besides_inputs(&sandbox).is_empty());
}

/// The `src` of every image of a built page.
fn image_sources(sandbox: &Sandbox, page: &str) -> Vec<String> {
    let html = std::fs::read_to_string(sandbox.file(&format!("public/{page}"))).unwrap();
    let doc = scraper::Html::parse_document(&html);
    select(&doc, "img").iter().map(|img| attr(*img, "src").to_string()).collect()
}

/// An image beside its note had to be linked as `../arrival.jpg`: file
/// links were read from the page's URL, `.md` links from the note's folder.
#[test]
fn an_image_beside_its_note_is_linked_by_its_own_name_on_its_page_and_in_print() {
    let sandbox = Sandbox::with_fixture(CASE);
    write_file(&sandbox.file("content/articles/arrival.jpg"), b"\xff\xd8\xff\xe0 a jpeg");
    edit_file(
        &sandbox.file(ALPHA_NOTE),
        "đã thành hình mẫu.",
        "đã thành hình mẫu.\n\n![Lễ đón](arrival.jpg)\n\n![Lễ đón, như trước](../arrival.jpg)\n",
    );
    let run = sandbox.run_in_site(&["build"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    assert!(sandbox.file("public/articles/arrival.jpg").is_file());
    assert_eq!(
        image_sources(&sandbox, "articles/gap-go-bao-chi-sau-hoi-dam/index.html"),
        ["../../articles/arrival.jpg", "../../articles/arrival.jpg"],
        "the name beside the note, and the old link from the page's URL, land on the one file"
    );
    assert_eq!(
        image_sources(&sandbox, "print/index.html")[0],
        "../articles/arrival.jpg",
        "relative to the print page"
    );
    edit_file(&sandbox.file(ALPHA_NOTE), "](arrival.jpg)", "](arival.jpg)");
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.headlines()[0],
        "content/articles/001_alpha.md:10:1: error: link `arival.jpg` points to `content/articles/arival.jpg`, \
         which is not there (nor is `articles/gap-go-bao-chi-sau-hoi-dam/arival.jpg` in the site)"
    );
}

/// Run from a subfolder of a dossier, every command said "no `site.toml`".
#[test]
fn a_command_run_in_a_subfolder_finds_the_dossier_above_it() {
    let sandbox = Sandbox::with_fixture(CASE);
    break_a_quote(&sandbox);
    let run = sandbox.run_with_env(&sandbox.file("content/articles"), &["check"], &[("NO_COLOR", "1")]);
    run.assert_code(1);
    assert_eq!(
        run.headlines(),
        [format!("../../{WRONG_QUOTE}").as_str(), NOTHING_WRITTEN_1],
        "paths relative to where the command runs"
    );
    let run = sandbox.run_with_env(&sandbox.file("seeds"), &["build"], &[("NO_COLOR", "1")]);
    run.assert_code(1);
    assert!(!sandbox.file("seeds/public").exists() && !sandbox.file("public").exists());
}

#[test]
fn no_site_toml_here_or_above_is_an_error_that_says_how_to_start() {
    let sandbox = Sandbox::empty();
    let run = sandbox.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.headlines(),
        ["error: no `site.toml` in `.` or any folder above it: run `dossier init DIR` to start a dossier, or pass `--root`"]
    );
}

/// `-o`, `-p` and the other short flags of Zola were refused.
#[test]
fn the_short_flags_are_zolas() {
    let sandbox = Sandbox::with_fixture(CASE);
    let site = sandbox.site();
    let out = sandbox.tmp().join("out");
    let run = sandbox.run(&[
        "-r",
        site.to_str().unwrap(),
        "build",
        "-o",
        out.to_str().unwrap(),
        "-u",
        "https://x.org/sub/",
    ]);
    run.assert_code(0);
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://x.org/sub/</loc>"),
        "the base URL of -u is used: {sitemap}"
    );
    sandbox
        .run(&["check", "-r", site.to_str().unwrap(), "-u", "https://x.org/"])
        .assert_code(0);
    sandbox
        .run(&["build", "--root", site.to_str().unwrap(), "--output-dir", out.to_str().unwrap()])
        .assert_code(0);
    let help = sandbox.run(&["serve", "--help"]);
    for flag in ["-p, --port <PORT>", "-i, --interface <ADDRESS>", "-O, --open", "-r, --root <DIR>"] {
        assert!(help.stdout.contains(flag), "`serve --help` lacks `{flag}`:\n{}", help.stdout);
    }
}

/// A metric took 13 lines typed by hand, its value in base units worked out
/// from a display already in the quote.
#[test]
fn new_metric_reads_its_figure_from_the_seed_and_the_dossier_builds() {
    let sandbox = Sandbox::with_fixture("facts");
    let run = sandbox.run_in_site(&["new", "metric", "001", "7,3"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "wrote content/statistics/7-3.md: write its label and category\n");
    let text = std::fs::read_to_string(sandbox.file("content/statistics/7-3.md")).unwrap();
    for line in [
        "id = \"7-3\" # the file's name",
        "unit = \"%\" # read from the quote",
        "display = \"7,3%\" # read: the figure as the quote writes it",
        "value = 7.3 # read: 7.3% in base units",
        "# qualifier: exactly, read from the quote",
        "period = \"2024\" # read from “năm 2024”: check it is the figure's",
        "sources = [{ seed = \"001\", quote = \"Kim ngạch thương mại đạt 81,5 tỷ USD năm 2024, tăng 7,3% so với năm 2023.\" }] \
         # read: the sentence that holds the figure",
    ] {
        assert!(text.lines().any(|l| l == line), "no line {line:?} in\n{text}");
    }
    let check = sandbox.run_in_site(&["check"]);
    check.assert_code(0);
    assert!(!check.stderr.contains("figure `7,3`"), "the figure is cited now:\n{}", check.stderr);
    let again = sandbox.run_in_site(&["new", "metric", "001", "7,3"]);
    again.assert_code(1);
    assert_eq!(
        again.stderr,
        "error: `content/statistics/7-3.md` already exists: it is left as it is (remove it first to write it anew)\n"
    );
    let missing = sandbox.run_in_site(&["new", "metric", "001", "88.000"]);
    missing.assert_code(1);
    assert_eq!(
        missing.stderr,
        "error: `88.000` is not a figure of `seeds/001_a.txt`, which says “81,5 tỷ USD”, “7,3%”, “khoảng 320.000 người”, \
         “76 tỷ USD”, “150 tỷ USD”\n"
    );
}

#[test]
fn new_note_event_agreement_person_and_statement_start_files_that_build() {
    let sandbox = Sandbox::with_fixture(CASE);
    for (args, wrote) in [
        (
            &["new", "event", "hop-bao", "--seed", "002"][..],
            "content/timeline/hop-bao.md: write its title, summary and people",
        ),
        (
            &["new", "agreement", "thuong-mai", "--seed", "002"],
            "content/agreements/thuong-mai.md: write its title, kind, field and parties",
        ),
        (
            &["new", "person", "to-lam", "--name", "Tô Lâm"],
            "content/people/to-lam.md: write its role and other spellings",
        ),
        (
            &["new", "statement", "hinh-mau", "--seed", "001"],
            "content/statements/hinh-mau.md: write who said it",
        ),
    ] {
        let run = sandbox.run_in_site(args);
        run.assert_code(0);
        assert_eq!(run.stdout, format!("wrote {wrote}\n"));
    }
    let event = std::fs::read_to_string(sandbox.file("content/timeline/hop-bao.md")).unwrap();
    assert!(event.contains("\ndate = 2025-08-12 # read: the article's date"), "{event}");
    let errors = sandbox.run_in_site(&["check"]);
    assert_eq!(
        errors.headlines(),
        [
            "content/agreements/thuong-mai.md:9:11: error: agreement has no `parties`: name who signs it",
            "content/statements/hinh-mau.md:4:11: error: unknown speaker ``: add `content/people/.md` or use one of the ids there",
            NOTHING_WRITTEN_2
        ],
        "the things only the analyst knows that the build needs are reported"
    );
    edit_file(
        &sandbox.file("content/agreements/thuong-mai.md"),
        "parties = []",
        "parties = [{ name = \"Việt Nam\", country = \"VN\" }]",
    );
    edit_file(
        &sandbox.file("content/statements/hinh-mau.md"),
        "speaker = \"\"",
        "speaker = \"to-lam\"",
    );
    sandbox.run_in_site(&["check"]).assert_code(0);
    let note = sandbox.run_in_site(&["new", "note", "002"]);
    note.assert_code(1);
    assert!(
        note.stderr.starts_with("error: `content/articles/002_beta.md` already exists"),
        "{}",
        note.stderr
    );
    let typo = sandbox.run_in_site(&["new", "note", "02"]);
    typo.assert_code(1);
    assert_eq!(typo.stderr, "error: no seed `02`: did you mean `002`?\n");
}

/// A draft is left out of `build` and `check` (which lists it), and shown,
/// marked, by `build --drafts` (and `serve`).
#[test]
fn a_draft_is_left_out_listed_by_check_and_shown_marked_with_drafts() {
    let sandbox = Sandbox::with_fixture("facts");
    let draft = "+++\ntitle = \"Gặp gỡ chưa xong\"\ndraft = true\ndate = 2025-08-11\ndate_inferred = \"chưa rõ\"\nsummary = \"Đang viết.\"\nsources = [{ seed = \"001\", quote = \"gặp gỡ báo chí tại Seoul\" }]\n+++\n";
    write_file(&sandbox.file("content/timeline/z-draft.md"), draft.as_bytes());
    let check = sandbox.run_in_site(&["check"]);
    check.assert_code(0);
    assert!(
        check.stdout.lines().any(|l| l == "draft, left out: content/timeline/z-draft.md"),
        "{}",
        check.stdout
    );
    sandbox.run_in_site(&["build"]).assert_code(0);
    let timeline = Html::parse_document(&std::fs::read_to_string(sandbox.file("public/timeline/index.html")).unwrap());
    assert!(select(&timeline, "#e-z-draft").is_empty(), "left out of the build");
    sandbox.run_in_site(&["build", "--drafts"]).assert_code(0);
    let timeline = Html::parse_document(&std::fs::read_to_string(sandbox.file("public/timeline/index.html")).unwrap());
    let event = select_one(&timeline, "#e-z-draft");
    assert_eq!(attr(event, "class"), "event draft");
    assert_eq!(text(select_in(event, ".draft-mark")[0]), "Bản nháp");
    let broken = draft.replace("gặp gỡ báo chí tại Seoul", "không có trong bài");
    write_file(&sandbox.file("content/timeline/z-draft.md"), broken.as_bytes());
    sandbox.run_in_site(&["check"]).assert_code(0);
    sandbox.run_in_site(&["check", "--drafts"]).assert_code(1);
}
