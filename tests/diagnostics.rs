//! Every problem of a file in one run, and no error that follows from
//! another: the real `dossier check` on a copy of the `facts` fixture, each
//! test breaking one file (or two) as a tester did and asserting every error
//! printed, at its `path:line:col`. Each test is named after the gap it pins.

mod common;

use common::*;

/// The fixture: events, agreements, metrics, a statement and two people,
/// citing two seeds.
const CASE: &str = "facts";

/// `dossier check`'s error lines and its closing line, in the order printed
/// (the fixture's own warnings left out): it must fail.
fn errors(sandbox: &Sandbox) -> Vec<String> {
    let run = sandbox.run_in_site(&["check"]);
    run.assert_code(1);
    run.headlines()
        .into_iter()
        .filter(|l| !l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

fn write(sandbox: &Sandbox, path: &str, text: &str) {
    write_file(&sandbox.file(path), text.as_bytes());
}

#[test]
fn an_unknown_key_in_an_observation_no_longer_hides_its_missing_sources() {
    let sandbox = Sandbox::with_fixture(CASE);
    write(
        &sandbox,
        "content/statistics/new.md",
        "+++\nlabel = \"Người Việt Nam tại Hàn Quốc\"\n[[observations]]\nperod = \"2024\"\n+++\n",
    );
    assert_eq!(
        errors(&sandbox),
        [
            "content/statistics/new.md:3:1: error: missing field `sources`: add `sources = …`, citing the sentence that gives the figure",
            "content/statistics/new.md:4:1: error: unknown field `perod`: did you mean `period`?",
            "error: 2 errors in the dossier; nothing was written",
        ]
    );
}

#[test]
fn two_observations_without_sources_are_each_reported_at_their_own_table() {
    let sandbox = Sandbox::with_fixture(CASE);
    write(
        &sandbox,
        "content/statistics/new.md",
        "+++\nlabel = \"Người Việt Nam tại Hàn Quốc\"\n\n[[observations]]\nperiod = \"2024\"\n\n[[observations]]\nperiod = \"2025\"\n+++\n",
    );
    assert_eq!(
        errors(&sandbox),
        [
            "content/statistics/new.md:4:1: error: missing field `sources`: add `sources = …`, citing the sentence that gives the figure",
            "content/statistics/new.md:7:1: error: missing field `sources`: add `sources = …`, citing the sentence that gives the figure",
            "error: 2 errors in the dossier; nothing was written",
        ]
    );
}

#[test]
fn a_display_that_disagrees_with_its_quote_no_longer_hides_a_wrong_value() {
    let sandbox = Sandbox::with_fixture(CASE);
    edit_file(
        &sandbox.file("content/statistics/vietnamese-in-korea.md"),
        "value = 320000\ndisplay = \"khoảng 320.000 người\"",
        "value = 32000\ndisplay = \"320.000 người\"",
    );
    assert_eq!(
        errors(&sandbox),
        [
            "content/statistics/vietnamese-in-korea.md:10:9: error: the quote says “khoảng 320.000 người” (about 320,000 người); `value` is `32000`",
            "content/statistics/vietnamese-in-korea.md:11:11: error: the quote says “khoảng 320.000 người” (about 320,000 người); `display` “320.000 người” leaves out “khoảng”",
            "error: 2 errors in the dossier; nothing was written",
        ]
    );
}

#[test]
fn every_party_without_a_country_is_reported_not_only_the_first() {
    let sandbox = Sandbox::with_fixture(CASE);
    edit_file(
        &sandbox.file("content/agreements/da-nang.md"),
        "parties = [{ name = \"Đà Nẵng\", country = \"VN\" }, { name = \"Pyeongtaek\", country = \"KR\" }]",
        "parties = [{ name = \"Đà Nẵng\" }, { name = \"Pyeongtaek\" }]",
    );
    assert_eq!(
        errors(&sandbox),
        [
            "content/agreements/da-nang.md:5:12: error: missing field `country`: add `country = …`, its country's ISO code (`VN`, `KR`)",
            "content/agreements/da-nang.md:5:34: error: missing field `country`: add `country = …`, its country's ISO code (`VN`, `KR`)",
            "error: 2 errors in the dossier; nothing was written",
        ]
    );
}

/// An event with a key set twice, a mistyped key, a mistyped person and a
/// mistyped seed.
const BROKEN_EVENT: &str = "+++\ntitle = \"Hội đàm\"\ntitle = \"Hội đàm cấp cao\"\ntme = \"trưa\"\ndate = 2025-08-11\nsummary = \"Hai nhà lãnh đạo hội đàm.\"\npeople = [\"to-lamm\"]\nsources = [{ seed = \"009\", quote = \"gặp gỡ báo chí\" }]\n+++\n";

#[test]
fn a_duplicate_key_no_longer_hides_the_files_other_problems() {
    let sandbox = Sandbox::with_fixture(CASE);
    write(&sandbox, "content/timeline/talks.md", BROKEN_EVENT);
    assert_eq!(
        errors(&sandbox),
        [
            "content/timeline/talks.md:3:1: error: duplicate key `title`: a key is set only once in a table",
            "content/timeline/talks.md:4:1: error: unknown field `tme`: did you mean `time`?",
            "content/timeline/talks.md:7:11: error: unknown person `to-lamm`: did you mean `to-lam`? (or add `content/people/to-lamm.md`)",
            "content/timeline/talks.md:8:36: error: cites unknown seed `009`: did you mean `001` or `002`?",
            "error: 4 errors in the dossier; nothing was written",
        ]
    );
}

#[test]
fn unknown_ids_seeds_and_quotes_come_in_the_same_run_as_the_files_key_errors() {
    let sandbox = Sandbox::with_fixture(CASE);
    let event = BROKEN_EVENT
        .replace("title = \"Hội đàm cấp cao\"\n", "")
        .replace("sources = [", "sources = [{ seed = \"001\", quote = \"gặp gỡ báo chí ở Seoul\" }, ");
    write(
        &sandbox,
        "content/timeline/talks.md",
        &event.replace("summary = \"Hai nhà lãnh đạo hội đàm.\"\n", ""),
    );
    let statement = "+++\nspeaker = \"to-lamm\"\nevent = \"f-pres\"\nseed = \"001\"\nquote = \"Hai bên đặt mục tiêu 150 tỷ USD\"\nsumary = \"x\"\n+++\n";
    write(&sandbox, "content/statements/muc-tieu.md", statement);
    assert_eq!(
        errors(&sandbox),
        [
            "content/statements/muc-tieu.md:2:11: error: unknown speaker `to-lamm`: did you mean `to-lam`? (or add `content/people/to-lamm.md`)",
            "content/statements/muc-tieu.md:3:9: error: unknown event `f-pres`: did you mean `f-press`?",
            "content/statements/muc-tieu.md:6:1: error: unknown field `sumary`: did you mean `summary`?",
            "content/timeline/talks.md:2:1: error: missing field `summary`: add `summary = …`, one sentence on it",
            "content/timeline/talks.md:3:1: error: unknown field `tme`: did you mean `time`?",
            "content/timeline/talks.md:5:11: error: unknown person `to-lamm`: did you mean `to-lam`? (or add `content/people/to-lamm.md`)",
            "content/timeline/talks.md:6:36: error: quote not found in seed `seeds/001_a.txt`: “gặp gỡ báo chí ở Seoul”; the closest passage is “gặp gỡ báo chí tại Seoul.”",
            "content/timeline/talks.md:6:88: error: cites unknown seed `009`: did you mean `001` or `002`?",
            "error: 8 errors in the dossier; nothing was written",
        ]
    );
}

#[test]
fn an_event_that_fails_to_parse_is_not_unknown_to_the_events_and_statements_naming_it() {
    let sandbox = Sandbox::with_fixture(CASE);
    // `g-talks` comes `after` it, the statement `muc-tieu` was said at it.
    let press = sandbox.file("content/timeline/f-press.md");
    edit_file(&press, "time = \"trưa\"", "tme = \"trưa\"");
    assert_eq!(
        errors(&sandbox),
        [
            "content/timeline/f-press.md:4:1: error: unknown field `tme`: did you mean `time`?",
            "error: 1 error in the dossier; nothing was written",
        ]
    );
    write_file(&press, "+++\ntitle = \"Gặp gỡ báo chí\"\n".as_bytes());
    assert_eq!(
        errors(&sandbox),
        [
            "content/timeline/f-press.md:1:1: error: front matter opened here is never closed: add a `+++` line after the TOML",
            "error: 1 error in the dossier; nothing was written",
        ]
    );
}

#[test]
fn a_person_seed_or_page_that_fails_to_parse_is_not_unknown_where_it_is_named() {
    let sandbox = Sandbox::with_fixture(CASE);
    // The statement's speaker, and a listed person of `h-visit`.
    edit_file(&sandbox.file("content/people/to-lam.md"), "role = ", "rol = ");
    // Cited by an agreement, a metric and three events.
    let mut seed = std::fs::read(sandbox.file("seeds/002_b.txt")).unwrap();
    seed.extend_from_slice(b"\xff\n");
    write_file(&sandbox.file("seeds/002_b.txt"), &seed);
    write(&sandbox, "content/about.md", "+++\ntitle = \"Về hồ sơ\"\n");
    let talks = sandbox.file("content/timeline/g-talks.md");
    let text = std::fs::read_to_string(&talks).unwrap() + "Xem [trang giới thiệu](@/about.md).\n";
    write_file(&talks, text.as_bytes());
    let lines = errors(&sandbox);
    assert_eq!(
        lines,
        [
            "content/about.md:1:1: error: front matter opened here is never closed: add a `+++` line after the TOML",
            "content/people/to-lam.md:4:1: error: unknown field `rol`: did you mean `role`?",
            "seeds/002_b.txt:4:1: error: seed is not valid UTF-8 (first bad byte at offset 419): save it as UTF-8",
            "error: 3 errors in the dossier; nothing was written",
        ]
    );
}

#[test]
fn a_mistyped_speaker_or_event_of_a_statement_gets_the_closest_ids() {
    let sandbox = Sandbox::with_fixture(CASE);
    let statement = sandbox.file("content/statements/muc-tieu.md");
    edit_file(&statement, "speaker = \"to-lam\"", "speaker = \"to-lamm\"");
    edit_file(&statement, "event = \"f-press\"", "event = \"f-pres\"");
    assert_eq!(
        errors(&sandbox),
        [
            "content/statements/muc-tieu.md:2:11: error: unknown speaker `to-lamm`: did you mean `to-lam`? (or add `content/people/to-lamm.md`)",
            "content/statements/muc-tieu.md:3:9: error: unknown event `f-pres`: did you mean `f-press`?",
            "error: 2 errors in the dossier; nothing was written",
        ]
    );
}

#[test]
fn a_date_in_none_of_the_quotes_is_a_warning_at_the_date_not_at_the_first_key() {
    let sandbox = Sandbox::with_fixture(CASE);
    edit_file(
        &sandbox.file("content/timeline/b-1992.md"),
        "+++\ntitle = \"Thiết lập quan hệ ngoại giao\"\ndate = 1992-12-22",
        "+++\ndraft = true\ntitle = \"Thiết lập quan hệ ngoại giao\"\ndate = 1992-12-21",
    );
    let run = sandbox.run_in_site(&["check", "--drafts"]);
    run.assert_code(0);
    let warnings: Vec<&str> = run.headlines().into_iter().filter(|l| l.starts_with("content/timeline/")).collect();
    assert_eq!(
        warnings,
        [
            "content/timeline/b-1992.md:4:8: warning: the date `1992-12-21` is in none of the quotes: cite the sentence that gives it, or say what it is inferred from with `date_inferred = \"…\"`"
        ]
    );
}
