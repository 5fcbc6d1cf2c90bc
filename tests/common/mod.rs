//! What the integration tests share: fixture dossiers built and compared with
//! their expected output, HTML parsed with `scraper`, and the real binary run
//! in a temporary folder.
//!
//! # Fixtures
//!
//! A fixture is a folder `tests/fixtures/<case>/` holding `site/` (an input
//! dossier: `site.toml`, `seeds/`, `content/`, often its own tiny `templates/`)
//! and `expected/` (the complete output tree that building `site/` must give).
//! [`build_fixture`] builds `site/` through the library into a temporary
//! folder and compares the whole tree with `expected/`, in the manner of
//! mdBook's `BookTest`: a missing file, an extra file and every differing file
//! fail the test, each with a readable report (the first differing lines of
//! text files; sizes and the first differing byte of binary files).
//!
//! # Blessing
//!
//! When the output changes on purpose, rewrite the expected trees from the
//! actual builds, then review the change before committing it:
//!
//! ```text
//! DOSSIER_BLESS=1 cargo test --test fixtures --test facts -- --test-threads=1
//! git diff --stat tests/fixtures
//! ```
//!
//! With `DOSSIER_BLESS=1`, [`build_fixture`] replaces `expected/` instead of
//! comparing; the structural assertions of each case still run.

#![allow(dead_code, reason = "each test crate uses its own subset of these helpers")]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dossier::{Failure, Overrides, Summary};
use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// The environment variable that turns comparing into rewriting `expected/`.
pub const BLESS_VAR: &str = "DOSSIER_BLESS";

/// The repository's root (holding `Cargo.toml`, and the dossier it ships).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<case>`.
pub fn fixture_dir(case: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(case)
}

/// A site built into a temporary folder, which lives as long as this value.
#[derive(Debug)]
pub struct BuiltSite {
    _tmp: TempDir,
    /// The output folder.
    pub dir: PathBuf,
    pub summary: Summary,
}

impl BuiltSite {
    pub fn path(&self, site_path: &str) -> PathBuf {
        self.dir.join(site_path)
    }

    pub fn exists(&self, site_path: &str) -> bool {
        self.path(site_path).is_file()
    }

    /// A text file of the output.
    pub fn read(&self, site_path: &str) -> String {
        let path = self.path(site_path);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("failed to read `{}`: {e}", path.display()))
    }

    /// An HTML page of the output, parsed.
    pub fn html(&self, site_path: &str) -> Html {
        Html::parse_document(&self.read(site_path))
    }

    /// Every file of the output, as sorted site paths.
    pub fn files(&self) -> Vec<String> {
        read_tree(&self.dir).into_keys().collect()
    }

    /// The published path of a fingerprinted asset (`assets/dossier.css` is
    /// published as `assets/dossier.<10 hex digits>.css`); there must be one.
    pub fn fingerprinted(&self, plain: &str) -> String {
        let (stem, ext) = plain.rsplit_once('.').expect("a file name with an extension");
        let found: Vec<String> = self
            .files()
            .into_iter()
            .filter(|f| {
                f.strip_prefix(stem)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .and_then(|rest| rest.strip_suffix(ext))
                    .and_then(|hash| hash.strip_suffix('.'))
                    .is_some_and(|hash| hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
            })
            .collect();
        assert_eq!(found.len(), 1, "one fingerprinted `{plain}` expected: {found:?}");
        found[0].clone()
    }

    /// Every HTML file of the output, as sorted site paths.
    pub fn pages(&self) -> Vec<String> {
        self.files().into_iter().filter(|p| p.ends_with(".html")).collect()
    }
}

/// Builds the dossier at `root` through the library into a temporary folder;
/// panics, listing the problems, when the build fails.
pub fn build_site(root: &Path) -> BuiltSite {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("public");
    match dossier::build(root, &dir, &Overrides::default(), &Default::default()) {
        Ok(summary) => BuiltSite { _tmp: tmp, dir, summary },
        Err(Failure::Content(diagnostics)) => {
            let lines: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
            panic!("building `{}` failed:\n{}", root.display(), lines.join("\n"))
        }
        Err(Failure::Io(err)) => panic!("building `{}` failed: {err:#}", root.display()),
        Err(Failure::Interrupted) => panic!("building `{}` was interrupted", root.display()),
    }
}

/// Builds `tests/fixtures/<case>/site` and compares the output with
/// `tests/fixtures/<case>/expected` (or rewrites it under `DOSSIER_BLESS=1`).
pub fn build_fixture(case: &str) -> BuiltSite {
    let dir = fixture_dir(case);
    let site = build_site(&dir.join("site"));
    let expected = dir.join("expected");
    if std::env::var_os(BLESS_VAR).is_some_and(|v| v == "1") {
        bless(&expected, &site.dir);
    } else {
        let problems = compare_trees(&expected, &site.dir);
        assert!(
            problems.is_empty(),
            "fixture `{case}`: the output differs from `tests/fixtures/{case}/expected` \
             (if the change is intended, run with {BLESS_VAR}=1 and review the diff):\n\n{}",
            problems.join("\n")
        );
    }
    site
}

/// Replaces `expected` with a copy of `actual`.
fn bless(expected: &Path, actual: &Path) {
    if expected.exists() {
        fs::remove_dir_all(expected).unwrap_or_else(|e| panic!("failed to remove `{}`: {e}", expected.display()));
    }
    copy_dir(actual, expected);
}

/// Every regular file under `dir`, by its path relative to `dir` (with `/`).
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = fs::read_dir(&folder).unwrap_or_else(|e| panic!("failed to read `{}`: {e}", folder.display()));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("under the walked folder");
                let key = relative.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/");
                let bytes = fs::read(&path).unwrap_or_else(|e| panic!("failed to read `{}`: {e}", path.display()));
                files.insert(key, bytes);
            }
        }
    }
    files
}

/// The names in a folder, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("failed to read `{}`: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What differs between two trees: missing files, extra files, and each
/// differing file with a short report. Empty when the trees are identical.
pub fn compare_trees(expected: &Path, actual: &Path) -> Vec<String> {
    let want = if expected.is_dir() { read_tree(expected) } else { BTreeMap::new() };
    let got = read_tree(actual);
    let mut problems = Vec::new();
    for path in want.keys().filter(|p| !got.contains_key(*p)) {
        problems.push(format!("missing file: {path} (expected, but the build did not write it)"));
    }
    for path in got.keys().filter(|p| !want.contains_key(*p)) {
        problems.push(format!("extra file: {path} (written by the build, but not expected)"));
    }
    for (path, want_bytes) in &want {
        if let Some(got_bytes) = got.get(path).filter(|g| *g != want_bytes) {
            problems.push(format!("differing file: {path}\n{}", describe_difference(want_bytes, got_bytes)));
        }
    }
    problems
}

/// A readable account of how two files differ: a line diff for text, sizes
/// and the first differing byte otherwise.
pub fn describe_difference(expected: &[u8], actual: &[u8]) -> String {
    match (std::str::from_utf8(expected), std::str::from_utf8(actual)) {
        (Ok(e), Ok(a)) => diff_lines(e, a),
        _ => {
            let at = expected.iter().zip(actual).take_while(|(x, y)| x == y).count();
            format!(
                "    binary files differ: expected {} bytes, got {} bytes; first difference at byte {at}",
                expected.len(),
                actual.len()
            )
        }
    }
}

/// How many differing lines of each side [`diff_lines`] shows.
const DIFF_LINES: usize = 8;

/// The differing middle of two texts (common leading and trailing lines
/// stripped), as `-`/`+` lines numbered as in the files.
pub fn diff_lines(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.split('\n').collect();
    let a: Vec<&str> = actual.split('\n').collect();
    let prefix = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let suffix = e[prefix..]
        .iter()
        .rev()
        .zip(a[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (e_mid, a_mid) = (&e[prefix..e.len() - suffix], &a[prefix..a.len() - suffix]);
    let mut out = String::new();
    if prefix > 0 {
        out.push_str(&format!("    {:>5}   {}\n", prefix, e[prefix - 1]));
    }
    for (sign, lines) in [('-', e_mid), ('+', a_mid)] {
        for (i, line) in lines.iter().take(DIFF_LINES).enumerate() {
            out.push_str(&format!("    {:>5} {sign} {line:?}\n", prefix + i + 1));
        }
        if lines.len() > DIFF_LINES {
            out.push_str(&format!("          {sign} … {} more lines\n", lines.len() - DIFF_LINES));
        }
    }
    out
}

/// Copies the files of `from` into `to` (created as needed).
pub fn copy_dir(from: &Path, to: &Path) {
    for (path, bytes) in read_tree(from) {
        write_file(&to.join(&path), &bytes);
    }
}

/// Writes a file, creating its folders.
pub fn write_file(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("failed to create `{}`: {e}", parent.display()));
    }
    fs::write(path, bytes).unwrap_or_else(|e| panic!("failed to write `{}`: {e}", path.display()));
}

/// Replaces `from` by `to` in a text file, which must contain `from`.
pub fn edit_file(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("failed to read `{}`: {e}", path.display()));
    assert!(text.contains(from), "`{}` does not contain {from:?}", path.display());
    write_file(path, text.replacen(from, to, 1).as_bytes());
}

// ---------------------------------------------------------------------------
// HTML

/// A CSS selector; panics on a typo in the test.
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"))
}

/// Every element of `doc` matching `css`.
pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&selector(css)).collect()
}

/// The one element of `doc` matching `css`; panics when there are none or several.
pub fn select_one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(doc, css);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one `{css}`, found {}: {:?}",
        found.len(),
        found.iter().map(|e| e.html()).collect::<Vec<_>>()
    );
    found[0]
}

/// Every element under `el` matching `css`.
pub fn select_in<'a>(el: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    el.select(&selector(css)).collect()
}

/// An element's text, white space collapsed.
pub fn text(el: ElementRef<'_>) -> String {
    el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An attribute of an element, which must have it.
pub fn attr<'a>(el: ElementRef<'a>, name: &str) -> &'a str {
    el.attr(name).unwrap_or_else(|| panic!("`{}` has no `{name}`", el.html()))
}

/// Every `id` defined in `doc`.
pub fn ids(doc: &Html) -> Vec<String> {
    select(doc, "[id]").into_iter().map(|e| attr(e, "id").to_string()).collect()
}

/// Ids defined more than once in `doc`.
pub fn duplicate_ids(doc: &Html) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids(doc).into_iter().filter(|id| !seen.insert(id.clone())).collect()
}

/// Resolves a relative `href` written in the page at site path `page`:
/// (site path of the target file, fragment). `None` for external links
/// (a scheme) and links that climb above the site root.
pub fn resolve_href(page: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("tel:") {
        return None;
    }
    let (path, fragment) = href.split_once('#').map_or((href, None), |(p, f)| (p, Some(f.to_string())));
    if path.is_empty() {
        return Some((page.to_string(), fragment));
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.starts_with('/') {
        parts.clear();
    }
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some((parts.join("/"), fragment))
}

/// Every internal link (`a[href]`, `link[href]`, `img[src]`) of every page of
/// `site` that points to a file the build did not write, or to an id the
/// target page does not define. `base_path` is the path of the base URL
/// (`/dossier/`): absolute links such as those of `404.html` start with it.
pub fn broken_links(site: &BuiltSite, base_path: &str) -> Vec<String> {
    let files: BTreeSet<String> = site.files().into_iter().collect();
    let mut ids_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    for page in site.pages() {
        let doc = site.html(&page);
        for el in select(&doc, "a[href], link[href], img[src]") {
            let href = el.attr("href").or(el.attr("src")).unwrap_or_default();
            let href = match href.strip_prefix(base_path) {
                Some(rest) if href.starts_with('/') => format!("/{rest}"),
                _ => href.to_string(),
            };
            let Some((target, fragment)) = resolve_href(&page, &href) else {
                continue;
            };
            if !files.contains(&target) {
                broken.push(format!("{page}: `{href}` points to `{target}`, which was not written"));
                continue;
            }
            let Some(fragment) = fragment else { continue };
            let known = ids_of
                .entry(target.clone())
                .or_insert_with(|| ids(&site.html(&target)).into_iter().collect());
            if !known.contains(&fragment) {
                broken.push(format!(
                    "{page}: `{href}` points to `#{fragment}`, which `{target}` does not define"
                ));
            }
        }
    }
    broken
}

/// Problems that make any built site unsound: broken internal links, ids
/// defined twice on a page, internal links to a folder instead of its
/// `index.html` (browsers opening files from disk do not add it).
pub fn site_problems(site: &BuiltSite, base_path: &str) -> Vec<String> {
    let mut problems = broken_links(site, base_path);
    for page in site.pages() {
        let doc = site.html(&page);
        for id in duplicate_ids(&doc) {
            problems.push(format!("{page}: id `{id}` is defined more than once"));
        }
        for el in select(&doc, "a[href]") {
            let href = attr(el, "href");
            let path = href.split('#').next().unwrap_or_default();
            if !path.is_empty() && !href.contains(':') && path.ends_with('/') {
                problems.push(format!("{page}: `{href}` links to a folder, not to its `index.html`"));
            }
        }
    }
    problems
}

/// Panics listing [`site_problems`], if any.
pub fn assert_site_sound(site: &BuiltSite, base_path: &str) {
    let problems = site_problems(site, base_path);
    assert!(problems.is_empty(), "the site has problems:\n{}", problems.join("\n"));
}

/// `text` as the citation matcher compares it: white space runs to one
/// space, typographic quotes and dashes to their ASCII forms.
pub fn canonical_quote(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            '–' | '—' => '-',
            c => c,
        })
        .collect()
}

/// The quote of a rendered citation marker (`a.cite`, a number after the
/// cited words): the entry its `aria-describedby` names, in the list of
/// references that ends its body (`ol.references > li > q`), whose link goes
/// where the marker does.
pub fn cite_quote(doc: &Html, link: ElementRef<'_>) -> String {
    let described = attr(link, "aria-describedby");
    let entry = select(doc, &format!("ol.references > li > q[id=\"{described}\"]"));
    assert_eq!(
        entry.len(),
        1,
        "marker {} has no entry `{described}` in a list of references",
        link.html()
    );
    let item = ElementRef::wrap(entry[0].parent().unwrap()).unwrap();
    let back = select_in(item, "a.reference");
    assert_eq!(back.len(), 1, "{}", item.html());
    assert_eq!(attr(back[0], "href"), attr(link, "href"), "the entry links where its marker does");
    assert!(
        text(link).chars().all(|c| c.is_ascii_digit()),
        "a marker is a number, not the cited words: {}",
        link.html()
    );
    text(entry[0]).trim_matches(['“', '”']).to_string()
}

/// The folder of the edition `page` (a site path) belongs to: `en/` for
/// `en/timeline/index.html`, `""` for a page of the default edition.
pub fn edition_folder(page: &str) -> &str {
    match page.split_once('/') {
        Some((first, _)) if first.len() == 2 && first.chars().all(|c| c.is_ascii_lowercase()) => &page[..3],
        _ => "",
    }
}

/// Checks every `a.cite` of `page`: its href is a relative link to an
/// article page's paragraph anchor (`…/index.html#p-…`), and that paragraph
/// holds a `<mark>` containing the quote. Returns how many links it checked.
pub fn assert_cites_land_on_marks(site: &BuiltSite, page: &str) -> usize {
    let doc = site.html(page);
    let links = select(&doc, "a.cite");
    for link in &links {
        let href = attr(*link, "href");
        let (target, fragment) = resolve_href(page, href).unwrap_or_else(|| panic!("{page}: cite `{href}` is not relative"));
        let fragment = fragment.unwrap_or_else(|| panic!("{page}: cite `{href}` has no paragraph anchor"));
        let edition = edition_folder(page);
        assert!(
            target.strip_prefix(edition).is_some_and(|t| t.starts_with("articles/")) && target.ends_with("/index.html"),
            "{page}: cite `{href}` is not an article page of its edition"
        );
        assert!(fragment.starts_with("p-"), "{page}: cite `{href}` does not name a paragraph anchor");
        let target_doc = site.html(&target);
        let block = select_one(&target_doc, &format!("[id=\"{fragment}\"]"));
        let quote = canonical_quote(&cite_quote(&doc, *link));
        // A quote running from a caption into its credit is marked in two
        // parts, one in each span: the marks are read together.
        let marks: Vec<String> = select_in(block, "mark").into_iter().map(|m| canonical_quote(&text(m))).collect();
        assert!(
            marks.join(" ").contains(&quote),
            "{page}: the quote {quote:?} of `{href}` is not marked in its paragraph (marks: {marks:?})"
        );
    }
    links.len()
}

/// The element of `doc` matching `css` whose text contains `needle`.
pub fn find_by_text<'a>(doc: &'a Html, css: &str, needle: &str) -> ElementRef<'a> {
    let found: Vec<ElementRef<'a>> = select(doc, css).into_iter().filter(|e| text(*e).contains(needle)).collect();
    assert_eq!(found.len(), 1, "expected one `{css}` containing {needle:?}, found {}", found.len());
    found[0]
}

/// The texts of the elements under `el` matching `css`.
pub fn texts_in(el: ElementRef<'_>, css: &str) -> Vec<String> {
    select_in(el, css).into_iter().map(text).collect()
}

// ---------------------------------------------------------------------------
// Seeds

/// Parses the seed at `relative` (e.g. `seeds/000_x.txt`) of the dossier at
/// `root`, and asserts the model keeps every word of the file in order:
/// nothing dropped, nothing invented. Returns the parsed seed.
pub fn parse_seed_keeping_every_word(root: &Path, relative: &str) -> dossier::parse::seed::Seed {
    let path = root.join(relative);
    let bytes = fs::read(&path).unwrap_or_else(|e| panic!("failed to read `{}`: {e}", path.display()));
    let seed = dossier::parse::seed::parse(Path::new(relative), &bytes).unwrap_or_else(|d| panic!("{d}"));
    let normalised = dossier::parse::seed::normalise(&bytes).unwrap_or_else(|at| panic!("{relative}: not UTF-8 at byte {}", at.offset));
    let in_file: Vec<String> = dossier::parse::seed::split_words(&normalised).collect();
    let in_model = seed.words();
    if in_model != in_file {
        let at = in_model.iter().zip(&in_file).take_while(|(m, f)| m == f).count();
        let around = |words: &[String]| words[at.saturating_sub(3)..(at + 4).min(words.len())].join(" ");
        panic!(
            "{relative}: the model's words differ from the file's from word {at} on\n  file:  … {} …\n  model: … {} …\n  ({} words in the file, {} in the model)",
            around(&in_file),
            around(&in_model),
            in_file.len(),
            in_model.len()
        );
    }
    seed
}

/// The site path of the article page that shows `seed`: the one page under
/// `articles/` defining the anchor of the seed's first block.
pub fn article_page_of(site: &BuiltSite, seed: &dossier::parse::seed::Seed) -> String {
    let anchor = &seed.blocks.first().expect("a seed has blocks").anchor;
    let pages: Vec<String> = site
        .pages()
        .into_iter()
        .filter(|p| p.starts_with("articles/") && p != "articles/index.html")
        .filter(|p| ids(&site.html(p)).contains(anchor))
        .collect();
    assert_eq!(
        pages.len(),
        1,
        "seed `{}` should be shown on exactly one article page, found {pages:?}",
        seed.stem
    );
    pages[0].clone()
}

// ---------------------------------------------------------------------------
// The binary

/// A dossier copied into a temporary folder, for the binary to work on.
#[derive(Debug)]
pub struct Sandbox {
    tmp: TempDir,
}

impl Sandbox {
    /// An empty sandbox.
    pub fn empty() -> Sandbox {
        Sandbox {
            tmp: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// A sandbox whose `site/` is a copy of fixture `case`'s input dossier.
    pub fn with_fixture(case: &str) -> Sandbox {
        let sandbox = Sandbox::empty();
        copy_dir(&fixture_dir(case).join("site"), &sandbox.site());
        sandbox
    }

    /// The temporary folder (redacted as `[TMP]` in output).
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// The dossier's root: `[TMP]/site`.
    pub fn site(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// A file of the dossier, by its path relative to the root.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.site().join(relative)
    }

    /// Runs `dossier` with `args` in the sandbox's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_at(self.tmp.path(), args)
    }

    /// Runs `dossier` with `args` in the dossier's root, as `--root .` does.
    pub fn run_in_site(&self, args: &[&str]) -> Run {
        self.run_at(&self.site(), args)
    }

    fn run_at(&self, dir: &Path, args: &[&str]) -> Run {
        self.run_with_env(dir, args, &[("NO_COLOR", "1")])
    }

    /// Runs `dossier` with `args` in `dir`, with `env` set and no `NO_COLOR`
    /// or `CLICOLOR_FORCE` but those `env` gives.
    pub fn run_with_env(&self, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .current_dir(dir)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .envs(env.iter().copied())
            .output()
            .expect("the dossier binary runs");
        Run::new(output, self.tmp.path())
    }

    /// Runs `dossier <subcommand> --root [TMP]/site <extra…>`.
    pub fn run_on_site(&self, subcommand: &str, extra: &[&str]) -> Run {
        let site = self.site();
        let mut args = vec![subcommand, "--root", site.to_str().expect("a UTF-8 temporary path")];
        args.extend_from_slice(extra);
        self.run(&args)
    }
}

/// What a run of the binary did, with the sandbox's path redacted to `[TMP]`.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn new(output: Output, tmp: &Path) -> Run {
        let redact = |bytes: &[u8]| redact(&String::from_utf8_lossy(bytes), tmp);
        Run {
            code: output.status.code(),
            stdout: redact(&output.stdout),
            stderr: redact(&output.stderr),
        }
    }

    /// Panics, showing the output, unless the run exited with `code`.
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// The lines of stderr.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// The lines of stderr without the source excerpts printed under
    /// diagnostics: each diagnostic's `path:line:col: error: message` line,
    /// and the other messages.
    pub fn headlines(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| !is_excerpt_line(l)).collect()
    }
}

/// A line of the excerpt under a diagnostic: the gutter (a line number or
/// spaces) then `|`, as annotate-snippets draws it.
pub fn is_excerpt_line(line: &str) -> bool {
    line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ').starts_with('|') && line.contains(" |")
}

/// `text` with `tmp` (and its canonical form) replaced by `[TMP]`.
pub fn redact(text: &str, tmp: &Path) -> String {
    let mut out = text.to_string();
    let canonical = fs::canonicalize(tmp).ok();
    for path in canonical.iter().map(PathBuf::as_path).chain([tmp]) {
        out = out.replace(&*path.to_string_lossy(), "[TMP]");
    }
    out
}

/// Checks `data` (JSON) against the repository's schema `schema_name`
/// (`schemas/…`); returns it parsed.
pub fn validate(schema_name: &str, data: &str) -> serde_json::Value {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("schemas").join(schema_name)).unwrap()).unwrap();
    let instance: serde_json::Value = serde_json::from_str(data).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema_name}: {errors:?}");
    instance
}
