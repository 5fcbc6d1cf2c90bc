//! The preview's incremental builds equal full builds: random sequences of
//! edits, creations, deletions and renames across the seeds, the content,
//! the templates, the static files and `site.toml` of the repository's own
//! dossier, each followed by a [`Preview`] build told which paths changed
//! (as the watcher tells it) and a fresh [`build_in_memory`] of the same
//! tree; every file of the two must be the same, byte for byte, and a build
//! that fails must fail the same way, with the same problems.
//!
//! `DOSSIER_EQUIVALENCE_CASES` sequences are tried (12 by default, which
//! `.ci/run` keeps; `scripts/equivalence.sh` runs a long campaign).

use std::path::{Path, PathBuf};

use dossier::export::search::is_index_file;
use dossier::{Failure, Files, Overrides, Preview, Stored, StoredSite, build_in_memory};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// One change to the dossier on disk. Indices pick among the files there
/// are when it is applied, in path order.
#[derive(Debug, Clone)]
enum Change {
    /// Appends a paragraph to a content file: words, a link to another
    /// page, a citation found in a seed, or one that is not.
    Append { file: usize, what: Addition },
    /// Sets the `title` of a content file.
    Retitle { file: usize, title: String },
    /// Breaks a content file's front matter (its closing `+++` gone).
    BreakFrontMatter { file: usize },
    /// Writes a new free page, at the top or in a folder.
    Create { name: usize, nested: bool, what: Addition },
    /// Removes an input file: content, seed, template, static file.
    Delete { file: usize },
    /// Renames a content file, or a seed.
    Rename { file: usize, name: usize },
    /// Appends a paragraph to a seed, cuts its last paragraph, or changes
    /// a word of one of the sentences citations are made of.
    EditSeed { seed: usize, edit: SeedEdit },
    /// Adds a marker to a template, or writes one that does not parse.
    EditTemplate { template: usize, broken: bool },
    /// Writes, rewrites or removes a static file.
    Static { name: usize, bytes: Vec<u8>, remove: bool },
    /// Writes or removes an image beside the content.
    Asset { remove: bool },
    /// Changes `site.toml`: its title, its base URL, or a broken line.
    Settings { which: usize, words: String },
    /// Removes a whole input folder, or puts it back from the repository.
    Folder { which: usize, restore: bool },
}

#[derive(Debug, Clone)]
enum SeedEdit {
    Append(String),
    Cut,
    Reword { sentence: usize },
}

#[derive(Debug, Clone)]
enum Addition {
    Words(String),
    Link(usize),
    Cite { seed: usize, sentence: usize },
    BadCite(String),
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "hội",
            "đàm",
            "Seoul",
            "Đà Nẵng",
            "hợp tác",
            "kinh tế",
            "năm",
            "2025",
            "tỷ USD",
            "Hàn Quốc",
            "**đậm**",
            "`mã`",
        ]),
        1..8,
    )
    .prop_map(|w| w.join(" "))
}

fn addition() -> impl Strategy<Value = Addition> {
    prop_oneof![
        words().prop_map(Addition::Words),
        any::<usize>().prop_map(Addition::Link),
        (any::<usize>(), 0..8usize).prop_map(|(seed, sentence)| Addition::Cite { seed, sentence }),
        words().prop_map(Addition::BadCite),
    ]
}

fn seed_edit() -> impl Strategy<Value = SeedEdit> {
    prop_oneof![
        words().prop_map(SeedEdit::Append),
        Just(SeedEdit::Cut),
        (0..8usize).prop_map(|sentence| SeedEdit::Reword { sentence }),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        4 => (any::<usize>(), addition()).prop_map(|(file, what)| Change::Append { file, what }),
        2 => (any::<usize>(), words()).prop_map(|(file, title)| Change::Retitle { file, title }),
        1 => any::<usize>().prop_map(|file| Change::BreakFrontMatter { file }),
        3 => (any::<usize>(), any::<bool>(), addition()).prop_map(|(name, nested, what)| Change::Create { name, nested, what }),
        2 => any::<usize>().prop_map(|file| Change::Delete { file }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(file, name)| Change::Rename { file, name }),
        2 => (any::<usize>(), seed_edit()).prop_map(|(seed, edit)| Change::EditSeed { seed, edit }),
        2 => (any::<usize>(), prop::bool::weighted(0.2)).prop_map(|(template, broken)| Change::EditTemplate { template, broken }),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 0..16), any::<bool>())
            .prop_map(|(name, bytes, remove)| Change::Static { name, bytes, remove }),
        1 => any::<bool>().prop_map(|remove| Change::Asset { remove }),
        1 => (any::<usize>(), words()).prop_map(|(which, words)| Change::Settings { which, words }),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(which, restore)| Change::Folder { which, restore }),
    ]
}

/// The repository's own dossier.
fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const FOLDERS: [&str; 4] = ["seeds", "content", "templates", "static"];

/// Copies the repository's dossier (`site.toml` and [`FOLDERS`]) into `root`.
fn copy_repository(root: &Path) {
    std::fs::copy(repository().join("site.toml"), root.join("site.toml")).unwrap();
    for folder in FOLDERS {
        copy_dir(&repository().join(folder), &root.join(folder));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The files under `root/dir`, relative to the root, in path order.
fn files_under(root: &Path, dir: &str, extension: Option<&str>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join(dir))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| extension.is_none_or(|x| e.path().extension().is_some_and(|e| e == x)))
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

fn pick<T: Clone>(items: &[T], n: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[n % items.len()].clone())
}

fn write(root: &Path, path: &Path, bytes: &[u8]) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, bytes).unwrap();
}

fn read(root: &Path, path: &Path) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_default()
}

/// The sentences of a seed a citation may quote (the first six words of).
fn sentences(text: &str) -> Vec<&str> {
    text.split(['.', '\n'])
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() >= 4 && !s.contains(['[', ']', '(', ')', '*', '_', '`', '#', '|']))
        .collect()
}

/// Markdown for an addition, as written in a file at `at`.
fn markdown(root: &Path, at: &Path, what: &Addition) -> String {
    match what {
        Addition::Words(words) => words.clone(),
        Addition::Link(n) => match pick(&files_under(root, "content", Some("md")), *n) {
            Some(target) => {
                let depth = at.components().count() - 2;
                let up = "../".repeat(depth);
                let target = target.strip_prefix("content").unwrap().display().to_string();
                format!("Xem [trang khác]({up}{target}).")
            }
            None => "Không có trang nào.".to_string(),
        },
        Addition::Cite { seed, sentence } => {
            let Some(seed) = pick(&files_under(root, "seeds", Some("txt")), *seed) else {
                return "Không có bài nào.".to_string();
            };
            let text = read(root, &seed);
            let sentences = sentences(&text);
            let stem = seed.file_stem().unwrap().to_string_lossy().split('_').next().unwrap().to_string();
            match pick(&sentences, *sentence) {
                Some(quote) => {
                    let quote: Vec<&str> = quote.split_whitespace().take(6).collect();
                    format!("Theo bài, [{}](cite:{stem}).", quote.join(" "))
                }
                None => format!("[không có](cite:{stem})."),
            }
        }
        Addition::BadCite(words) => format!("[{words} không hề có](cite:001)."),
    }
}

/// Applies `change` to the dossier at `root`; returns the paths a watcher
/// would report, relative to the root.
fn apply(root: &Path, change: &Change) -> Vec<PathBuf> {
    let content = files_under(root, "content", Some("md"));
    match change {
        Change::Append { file, what } => {
            let Some(file) = pick(&content, *file) else { return Vec::new() };
            let text = format!("{}\n\n{}\n", read(root, &file), markdown(root, &file, what));
            write(root, &file, text.as_bytes());
            vec![file]
        }
        Change::Retitle { file, title } => {
            let Some(file) = pick(&content, *file) else { return Vec::new() };
            let text = read(root, &file);
            let retitled: Vec<String> = text
                .lines()
                .map(|l| match l.starts_with("title = ") {
                    true => format!("title = \"{title}\""),
                    false => l.to_string(),
                })
                .collect();
            write(root, &file, (retitled.join("\n") + "\n").as_bytes());
            vec![file]
        }
        Change::BreakFrontMatter { file } => {
            let Some(file) = pick(&content, *file) else { return Vec::new() };
            let text = read(root, &file).replacen("\n+++\n", "\n", 1);
            write(root, &file, text.as_bytes());
            vec![file]
        }
        Change::Create { name, nested, what } => {
            let file = match nested {
                true => PathBuf::from(format!("content/them/trang-{}.md", name % 5)),
                false => PathBuf::from(format!("content/trang-{}.md", name % 5)),
            };
            let body = markdown(root, &file, what);
            write(
                root,
                &file,
                format!("+++\ntitle = \"Trang {}\"\n+++\n{body}\n", name % 5).as_bytes(),
            );
            let mut changed = vec![file.clone()];
            // A watcher reports a folder it saw created, not always its files.
            if *nested {
                changed.push(PathBuf::from("content/them"));
            }
            changed
        }
        Change::Delete { file } => {
            let all: Vec<PathBuf> = FOLDERS.iter().flat_map(|d| files_under(root, d, None)).collect();
            let Some(file) = pick(&all, *file) else { return Vec::new() };
            std::fs::remove_file(root.join(&file)).unwrap();
            vec![file]
        }
        Change::Rename { file, name } => {
            let seeds = files_under(root, "seeds", Some("txt"));
            let all: Vec<PathBuf> = content.iter().chain(&seeds).cloned().collect();
            let Some(from) = pick(&all, *file) else { return Vec::new() };
            let to = match from.starts_with("seeds") {
                true => PathBuf::from(format!("seeds/{:03}_doi-ten.txt", 5 + name % 3)),
                false => from.with_file_name(format!("doi-ten-{}.md", name % 3)),
            };
            if root.join(&to).exists() {
                return Vec::new();
            }
            std::fs::rename(root.join(&from), root.join(&to)).unwrap();
            vec![from, to]
        }
        Change::EditSeed { seed, edit } => {
            let Some(seed) = pick(&files_under(root, "seeds", Some("txt")), *seed) else {
                return Vec::new();
            };
            let text = read(root, &seed);
            let text = match edit {
                SeedEdit::Cut => text
                    .trim_end()
                    .rsplit_once("\n\n")
                    .map_or(text.clone(), |(kept, _)| format!("{kept}\n")),
                SeedEdit::Append(words) => format!("{text}\n{words}.\n"),
                SeedEdit::Reword { sentence } => match pick(&sentences(&text), *sentence) {
                    Some(sentence) => {
                        let word = sentence.split_whitespace().nth(2).unwrap();
                        let reworded = sentence.replacen(word, "khác", 1);
                        text.replacen(sentence, &reworded, 1)
                    }
                    None => text.clone(),
                },
            };
            write(root, &seed, text.as_bytes());
            vec![seed]
        }
        Change::EditTemplate { template, broken } => {
            let Some(file) = pick(&files_under(root, "templates", Some("html")), *template) else {
                return Vec::new();
            };
            let text = match broken {
                true => format!("{}{{% if %}}\n", read(root, &file)),
                false => format!("{}<!-- sửa -->\n", read(root, &file)),
            };
            write(root, &file, text.as_bytes());
            vec![file]
        }
        Change::Static { name, bytes, remove } => {
            let file = PathBuf::from(format!("static/tep-{}.bin", name % 3));
            match (remove, root.join(&file).exists()) {
                (true, true) => std::fs::remove_file(root.join(&file)).unwrap(),
                (true, false) => return Vec::new(),
                (false, _) => write(root, &file, bytes),
            }
            vec![file]
        }
        Change::Asset { remove } => {
            let file = PathBuf::from("content/anh.png");
            match (remove, root.join(&file).exists()) {
                (true, true) => std::fs::remove_file(root.join(&file)).unwrap(),
                (true, false) => return Vec::new(),
                (false, _) => write(root, &file, b"\x89PNG\r\n"),
            }
            vec![file]
        }
        Change::Settings { which, words } => {
            let file = PathBuf::from("site.toml");
            let text = read(root, &file);
            let changed = match which % 4 {
                0 => text.replacen("title = \"", &format!("title = \"{words} "), 1),
                1 => text.replacen("https://example.org/dossier/", "https://example.org/khac/", 1),
                2 => text.replacen("https://example.org/khac/", "https://example.org/dossier/", 1),
                _ => format!("{text}\nbroken = [\n"),
            };
            write(root, &file, changed.as_bytes());
            vec![file]
        }
        Change::Folder { which, restore } => {
            let folder = ["templates", "static", "content/people", "content/statements", "seeds"][which % 5];
            let path = root.join(folder);
            match restore {
                true => {
                    let _ = std::fs::remove_dir_all(&path);
                    copy_dir(&repository().join(folder), &path);
                }
                false if path.exists() => std::fs::remove_dir_all(&path).unwrap(),
                false => return Vec::new(),
            }
            vec![PathBuf::from(folder)]
        }
    }
}

/// A build's outcome, as compared: its files, or its problems.
fn outcome(result: Result<(Files, dossier::Summary), Failure>) -> Result<Files, String> {
    match result {
        Ok((files, _)) => Ok(files),
        Err(Failure::Content(diagnostics)) => Err(diagnostics.sorted().iter().map(|d| format!("{d}\n")).collect()),
        Err(Failure::Io(err)) => Err(format!("{err:#}")),
        Err(Failure::Interrupted) => Err("interrupted".to_string()),
    }
}

/// The bytes of files held in memory by a [`Preview`] (compressed there).
fn bytes<'a>(files: impl Iterator<Item = (&'a String, &'a Stored)>) -> Files {
    files.map(|(path, stored)| (path.clone(), stored.bytes().into())).collect()
}

/// A [`Preview`] build's outcome with its files' bytes.
fn held(result: Result<(StoredSite, dossier::Summary), Failure>) -> Result<(Files, dossier::Summary), Failure> {
    result.map(|(site, summary)| (bytes(site.iter()), summary))
}

/// A build's files but those of its search index.
fn without_search_index(files: &Files) -> Files {
    files
        .iter()
        .filter(|(path, _)| !is_index_file(path))
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

/// Where two builds' files differ, for the failure message.
fn difference(incremental: &Files, fresh: &Files) -> String {
    for (path, bytes) in fresh {
        match incremental.get(path) {
            None => return format!("`{path}` is missing from the incremental build"),
            Some(other) if other != bytes => {
                let (a, b) = (String::from_utf8_lossy(other), String::from_utf8_lossy(bytes));
                let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
                let from = at.saturating_sub(80);
                return format!(
                    "`{path}` differs at byte {at}:\n  incremental: {:?}\n  fresh:       {:?}",
                    a.get(from..(at + 80).min(a.len())).unwrap_or(""),
                    b.get(from..(at + 80).min(b.len())).unwrap_or("")
                );
            }
            Some(_) => {}
        }
    }
    match incremental.keys().find(|p| !fresh.contains_key(*p)) {
        Some(path) => format!("`{path}` is in the incremental build only"),
        None => "no difference".to_string(),
    }
}

fn run_sequence(changes: &[Change]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_repository(root);
    // More free pages than the footer holds, so the site lists them on a
    // page of their own (which comes and goes as pages are created and deleted).
    for n in 0..12 {
        let text = format!("+++\ntitle = \"Trang {n}\"\n+++\nThân bài của trang {n}.\n");
        write(root, Path::new(&format!("content/trang-{n:02}.md")), text.as_bytes());
    }
    let overrides = Overrides {
        drafts: true,
        ..Overrides::default()
    };
    let mut preview = Preview::new(root, overrides.clone());
    let first = outcome(held(preview.build(&[], &|_, _| {})));
    prop_assert!(first.is_ok(), "the repository's dossier builds: {:?}", first.err());
    for (step, change) in changes.iter().enumerate() {
        let changed = apply(root, change);
        let pages = std::sync::Mutex::new(None);
        let incremental = outcome(held(
            preview.build(&changed, &|files, _| *pages.lock().unwrap() = Some(bytes(files.iter()))),
        ));
        let fresh = outcome(build_in_memory(root, &overrides));
        if let Ok(files) = &incremental {
            let pages = pages.lock().unwrap().take();
            prop_assert!(
                pages.as_ref() == Some(&without_search_index(files)),
                "after step {step}: the pages given before the search index are the build's"
            );
        }
        match (&incremental, &fresh) {
            (Ok(a), Ok(b)) => prop_assert!(a == b, "after step {step} ({change:?}, {changed:?}): {}", difference(a, b)),
            _ => prop_assert_eq!(&incremental.err(), &fresh.err(), "after step {} ({:?})", step, change),
        }
    }
    Ok(())
}

/// Since the editions, every rebuild rendered every body again: an edition
/// the previous build had not kept (all of them, at the first build) kept
/// nothing for the next.
#[test]
fn a_rebuild_after_one_edit_renders_only_that_document_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_repository(root);
    let mut preview = Preview::new(root, Overrides::default());
    preview.build(&[], &|_, _| {}).unwrap();
    let first = preview.rendered();
    assert!(first > 100, "the first build renders every body ({first})");
    preview.build(&[], &|_, _| {}).unwrap();
    assert_eq!(preview.rendered(), 0, "nothing changed, nothing rendered");
    let about = Path::new("content/about.md");
    let text = read(root, about);
    write(root, about, format!("{text}\nMột câu nữa.\n").as_bytes());
    preview.build(&[about.to_path_buf()], &|_, _| {}).unwrap();
    // Its body in the default edition; the English edition shows its translation's.
    let again = preview.rendered();
    assert!((1..=2).contains(&again), "only the edited free page is rendered again ({again})");
}

#[test]
fn an_incremental_build_equals_a_full_build_after_any_changes() {
    let cases = std::env::var("DOSSIER_EQUIVALENCE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&prop::collection::vec(change(), 1..10), |changes| run_sequence(&changes));
    if let Err(err) = result {
        panic!("{err}");
    }
    eprintln!("{cases} sequences of changes, each build equal to a full build");
}

/// The list of every free page (more than the footer holds) is written
/// with the free pages and taken again while its view is unchanged: a
/// rebuild after an edit of a page's body, of its title, of the list's
/// template, and after a page is added and one removed, gives the files of
/// a full build.
#[test]
fn the_list_of_pages_follows_every_edit_of_what_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_repository(root);
    let page = |n: usize, title: &str, body: &str| {
        (
            PathBuf::from(format!("content/trang-{n:02}.md")),
            format!("+++\ntitle = \"{title}\"\n+++\n{body}\n"),
        )
    };
    for n in 0..14 {
        let (path, text) = page(n, &format!("Trang {n}"), "Thân bài.");
        write(root, &path, text.as_bytes());
    }
    let mut preview = Preview::new(root, Overrides::default());
    let first = outcome(held(preview.build(&[], &|_, _| {}))).expect("the dossier builds");
    assert!(
        first.contains_key("pages/index.html"),
        "more free pages than the footer holds: their list"
    );
    let (removed, _) = page(13, "", "");
    let steps: Vec<(&str, PathBuf, Option<String>)> = vec![
        (
            "a body",
            page(3, "Trang 3", "Một thân bài khác.").0,
            Some(page(3, "Trang 3", "Một thân bài khác.").1),
        ),
        (
            "a title",
            page(12, "Một tên khác", "Thân bài.").0,
            Some(page(12, "Một tên khác", "Thân bài.").1),
        ),
        (
            "a new page",
            page(20, "Trang mới", "Thân.").0,
            Some(page(20, "Trang mới", "Thân.").1),
        ),
        ("a page removed", removed, None),
        (
            "the list's template",
            PathBuf::from("templates/pages.html"),
            Some(read(root, Path::new("templates/pages.html")).replacen("<ul", "<!-- danh sách --><ul", 1)),
        ),
    ];
    for (what, path, text) in steps {
        match &text {
            Some(text) => write(root, &path, text.as_bytes()),
            None => std::fs::remove_file(root.join(&path)).unwrap(),
        }
        let incremental = outcome(held(preview.build(std::slice::from_ref(&path), &|_, _| {})));
        let fresh = outcome(build_in_memory(root, &Overrides::default()));
        let (incremental, fresh) = (incremental.unwrap(), fresh.unwrap());
        assert!(incremental == fresh, "after {what}: {}", difference(&incremental, &fresh));
    }
}
