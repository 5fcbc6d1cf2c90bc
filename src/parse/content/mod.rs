//! Content: what analysts write, as typed documents.
//!
//! Each `content/**/*.md` file is classified by its path (home, article note,
//! timeline event, agreement, metric, person, statement, section intro or
//! free page), its front matter read into that kind's schema (one module a
//! kind; [`fields`] reports every problem of a file at once) and its values
//! checked (dates, kinds, URLs, figures against their quotes). Citations are
//! kept as written ([`CitationRef`]); finding them in the seeds is
//! `resolve`'s job. A file with `draft = true` is left out of the build
//! unless drafts are asked for, and then marked as a draft.

mod agreement;
mod article;
mod event;
mod fields;
mod home;
mod metric;
mod page;
mod person;
mod statement;
mod translation;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use toml::Spanned;

pub use agreement::{Agreement, AgreementKind, Party};
pub use article::ArticleNote;
pub use event::{Order, Relation, TimelineEvent};
pub use home::{Home, Visit};
pub use metric::{Metric, Observation};
pub use page::Page;
pub use person::{Person, PersonKind};
pub use statement::Statement;
pub use translation::{LANGUAGE_CODES, Text, Translated, Translation, WrittenFact, not_in_original, text_fields};

use crate::diag::{Diagnostic, Diagnostics, line_col};
use crate::disk::input::TextFile;
use crate::export::encode::{first_not_text, is_not_text};
use crate::keep::Key;
use crate::parse::frontmatter::{self, Split};
use crate::text::locale::Locale;

/// A content file's text and where its body starts.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: std::sync::Arc<str>,
    /// The key of its text ([`crate::keep`]).
    pub key: crate::keep::Key,
    pub split: Split,
    /// `draft = true`: shown only when drafts are asked for, and marked.
    pub draft: bool,
    /// For a translation (`about.en.md`): its language, original and translated quotes.
    pub translated: Option<Arc<Translated>>,
}

impl Source {
    pub fn body(&self) -> &str {
        &self.text[self.split.body_start..]
    }

    /// Line and column of a byte offset of the front matter's TOML.
    pub fn toml_pos(&self, toml_offset: usize) -> (usize, usize) {
        line_col(&self.text, self.split.toml_start + toml_offset)
    }

    /// An error at a byte offset of the front matter's TOML.
    pub fn toml_error(&self, toml_offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message).at(self.toml_pos(toml_offset))
    }

    /// A warning at a byte offset of the front matter's TOML.
    pub fn toml_warning(&self, toml_offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, message).at(self.toml_pos(toml_offset))
    }

    /// The file stem: an item's id (a translation's is its original's).
    pub fn stem(&self) -> String {
        self.original()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The path of the file this one translates, or its own: what decides
    /// its kind, id and route.
    pub fn original(&self) -> &Path {
        self.translated.as_ref().map_or(&self.path, |t| &t.original)
    }

    /// The translation of a quote this file cites, when it gives one.
    pub fn quote_translation(&self, quote: &str) -> Option<String> {
        self.translated.as_ref()?.quote(quote).map(str::to_string)
    }
}

/// A citation as written: which seed, which words, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationRef {
    pub seed: String,
    pub quote: String,
    pub path: PathBuf,
    pub position: (usize, usize),
    /// The quote in the edition's language, where a translation gives it.
    pub translation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    seed: Option<Spanned<String>>,
    quote: Option<Spanned<String>>,
}

/// What a content file names of the other files: the citations of its
/// front matter and the ids of other entries. Those of a file that failed
/// to parse are still checked, so every problem of a file is found in one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    pub citations: Vec<CitationRef>,
    pub ids: Vec<NamedId>,
}

/// An id of another entry, as a file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedId {
    pub kind: IdKind,
    pub id: String,
    pub position: (usize, usize),
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A person of an event's `people`.
    Person,
    /// A statement's `speaker`.
    Speaker,
    /// The other event of an `after` or `before`, or a statement's `event`.
    Event,
}

/// A content file that failed to parse: its problems, and what it names
/// of the other files (as far as it could be read).
#[derive(Debug, Clone)]
pub struct Unparsed {
    pub errors: Vec<Diagnostic>,
    pub named: Named,
}

impl From<Vec<Diagnostic>> for Unparsed {
    fn from(errors: Vec<Diagnostic>) -> Unparsed {
        Unparsed {
            errors,
            named: Named::default(),
        }
    }
}

/// A section of the site: a folder of `content/` and a page of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Articles,
    Timeline,
    Agreements,
    Statistics,
    Statements,
    People,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Articles,
        Section::Timeline,
        Section::Agreements,
        Section::Statistics,
        Section::Statements,
        Section::People,
    ];

    /// The section's folder, under `content/` and in the site.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Articles => "articles",
            Section::Timeline => "timeline",
            Section::Agreements => "agreements",
            Section::Statistics => "statistics",
            Section::Statements => "statements",
            Section::People => "people",
        }
    }
}

/// What a content file is, by its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Home,
    Intro(Section),
    Article,
    Event,
    Agreement,
    Metric,
    Statement,
    Person,
    Page,
}

impl Kind {
    /// The kind of the file at `path` (under `content/`).
    pub fn of(path: &Path) -> Kind {
        let relative = path.strip_prefix("content").unwrap_or(path);
        let components: Vec<String> = relative.iter().map(|c| c.to_string_lossy().into_owned()).collect();
        let is_index = components.last().is_some_and(|c| c == "_index.md");
        let section = Section::ALL.into_iter().find(|s| components.len() > 1 && components[0] == s.dir());
        match (components.len(), section, is_index) {
            (1, _, true) => Kind::Home,
            (2, Some(section), true) => Kind::Intro(section),
            (_, Some(Section::Articles), false) => Kind::Article,
            (_, Some(Section::Timeline), false) => Kind::Event,
            (_, Some(Section::Agreements), false) => Kind::Agreement,
            (_, Some(Section::Statistics), false) => Kind::Metric,
            (_, Some(Section::Statements), false) => Kind::Statement,
            (_, Some(Section::People), false) => Kind::Person,
            _ => Kind::Page,
        }
    }

    /// True for the facts (an event, agreement, metric, statement or
    /// person): items on their section's page, never pages of their own.
    pub fn is_fact(self) -> bool {
        matches!(self, Kind::Event | Kind::Agreement | Kind::Metric | Kind::Statement | Kind::Person)
    }
}

/// Every content document, by kind, each list in path order.
#[derive(Debug, Default, Clone)]
pub struct Content {
    pub home: Option<Home>,
    pub articles: Vec<ArticleNote>,
    pub events: Vec<TimelineEvent>,
    pub agreements: Vec<Agreement>,
    pub metrics: Vec<Metric>,
    pub statements: Vec<Statement>,
    pub people: Vec<Person>,
    /// Shared with what a build keeps for the next (`serve` takes again
    /// its 10,000 free pages without copying them).
    pub pages: Vec<Arc<Page>>,
    pub intros: Vec<(Section, Page)>,
    /// The translations, in path order (each edition is made from them: `resolve::edition`).
    pub translations: Vec<Translation>,
    /// The drafts left out of the build (none when drafts are shown).
    pub drafts: Vec<PathBuf>,
    /// The files that failed to parse (their problems are reported), with
    /// what each names of the others, in path order.
    pub unparsed: Vec<(PathBuf, Named)>,
}

/// How content is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The language of the seeds' figures (`81,5` or `81.5`).
    pub locale: Locale,
    /// Build drafts too (marked as drafts) instead of leaving them out.
    pub drafts: bool,
    /// The languages of the other editions: `about.en.md` is a translation when `en` is one.
    pub editions: Arc<[String]>,
    /// The other language codes (ISO 639-1 and those with a catalogue):
    /// `about.fr.md` is then a translation into an edition `site.toml` does
    /// not declare, an error.
    pub undeclared: Arc<[String]>,
}

#[derive(Debug, Clone)]
enum Doc {
    Home(Home),
    Article(ArticleNote),
    Event(TimelineEvent),
    Agreement(Agreement),
    Metric(Metric),
    Statement(Statement),
    Person(Person),
    Page(Arc<Page>),
    Intro(Section, Page),
    Translation(Translation),
}

/// Parses every content file; a file with problems is left out and its
/// problems reported.
pub fn parse_all(files: &[TextFile], options: Options) -> (Content, Diagnostics) {
    let parsed: Vec<(PathBuf, Parsed)> = files.par_iter().map(|f| (f.path.clone(), parse_file(f, &options))).collect();
    let mut content = Content::sized_for(parsed.iter().map(|(_, p)| p));
    let mut diagnostics = Diagnostics::default();
    for (path, result) in parsed {
        content.add_parsed(&path, result, &mut diagnostics);
    }
    (content, diagnostics)
}

/// What parsing kept of each content file for the next parse (`serve`):
/// what it gave, by its path and the key of its text, read with `options`.
#[derive(Debug, Default)]
pub struct Kept {
    options: Options,
    /// By path, hashed with FxHash: looked up for every file at every build.
    files: FxHashMap<PathBuf, (Key, Arc<Parsed>)>,
    /// The path of every content file read, sorted ([`Kept::paths`]).
    paths: Arc<BTreeSet<PathBuf>>,
}

impl Kept {
    /// The path of every file of `files`, sorted: the set `previous` kept
    /// when it lists the same paths (a set of 10,000 paths is slow to
    /// make: paths compare component by component), else a new one.
    pub fn paths(previous: Option<&Kept>, files: &[TextFile]) -> Arc<BTreeSet<PathBuf>> {
        let same = |kept: &&Kept| {
            kept.paths.len() == files.len() && (kept.paths.iter().zip(files)).all(|(path, file)| path.as_os_str() == file.path.as_os_str())
        };
        match previous.filter(same) {
            Some(kept) => kept.paths.clone(),
            None => Arc::new(files.iter().map(|f| f.path.clone()).collect()),
        }
    }

    /// Keeps `paths`, the set [`Kept::paths`] gave this build, for the next.
    pub fn keep_paths(&mut self, paths: Arc<BTreeSet<PathBuf>>) {
        self.paths = paths;
    }
}

/// As [`parse_all`], reusing what `previous` kept of the files whose path
/// and text are unchanged (read with the same options); returns what to
/// keep for the next parse.
pub fn parse_all_keeping(files: &[TextFile], options: Options, previous: &Kept) -> (Content, Diagnostics, Kept) {
    let reusable = (previous.options == options).then_some(&previous.files);
    let parsed: Vec<(PathBuf, Key, Arc<Parsed>)> = files
        .par_iter()
        .map(|f| {
            let (path, key) = (f.path.clone(), f.key);
            let kept = reusable.and_then(|files| files.get(&path)).filter(|(k, _)| *k == key);
            let parsed = match kept {
                Some((_, parsed)) => parsed.clone(),
                None => Arc::new(parse_file(f, &options)),
            };
            (path, key, parsed)
        })
        .collect();
    let mut content = Content::sized_for(parsed.iter().map(|(_, _, p)| &**p));
    let mut diagnostics = Diagnostics::default();
    let mut kept = Kept {
        options,
        files: FxHashMap::with_capacity_and_hasher(parsed.len(), Default::default()),
        paths: Arc::default(),
    };
    for (path, key, parsed) in parsed {
        content.add_parsed(&path, (*parsed).clone(), &mut diagnostics);
        kept.files.insert(path, (key, parsed));
    }
    (content, diagnostics, kept)
}

impl Content {
    /// No content yet, each list sized for its documents among `parsed`
    /// (a list grown a document at a time was copied as it grew).
    fn sized_for<'p>(parsed: impl Iterator<Item = &'p Parsed>) -> Content {
        let mut content = Content::default();
        let (mut articles, mut events, mut pages) = (0, 0, 0);
        for doc in parsed {
            match doc {
                Ok(Some(Doc::Article(_))) => articles += 1,
                Ok(Some(Doc::Event(_))) => events += 1,
                Ok(Some(Doc::Page(_))) => pages += 1,
                _ => {}
            }
        }
        content.articles.reserve_exact(articles);
        content.events.reserve_exact(events);
        content.pages.reserve_exact(pages);
        content
    }

    /// Adds what the file at `path` gave.
    fn add_parsed(&mut self, path: &Path, parsed: Parsed, diagnostics: &mut Diagnostics) {
        match parsed {
            Ok(Some(doc)) => self.add(doc),
            Ok(None) => self.drafts.push(path.to_path_buf()),
            Err(Unparsed { errors, named }) => {
                diagnostics.extend(errors);
                self.unparsed.push((path.to_path_buf(), named));
            }
        }
    }

    fn add(&mut self, doc: Doc) {
        match doc {
            Doc::Home(h) => self.home = Some(h),
            Doc::Article(a) => self.articles.push(a),
            Doc::Event(e) => self.events.push(e),
            Doc::Agreement(a) => self.agreements.push(a),
            Doc::Metric(m) => self.metrics.push(m),
            Doc::Statement(s) => self.statements.push(s),
            Doc::Person(p) => self.people.push(p),
            Doc::Page(p) => self.pages.push(p),
            Doc::Intro(s, p) => self.intros.push((s, p)),
            Doc::Translation(t) => self.translations.push(t),
        }
    }
}

/// What one file gives: its document, `None` for a draft left out, or its problems.
type Parsed = Result<Option<Doc>, Unparsed>;

/// One file: its document, `None` for a draft left out, or its problems.
fn parse_file(file: &TextFile, options: &Options) -> Parsed {
    let split = frontmatter::split(&file.path, &file.text).map_err(|d| Unparsed::from(vec![d]))?;
    let mut source = Source {
        path: file.path.clone(),
        text: file.text.clone(),
        key: file.key,
        split,
        draft: false,
        translated: None,
    };
    let not_text = not_text(&source);
    if !not_text.is_empty() {
        return Err(not_text.into());
    }
    source.draft = draft(&source)?;
    if source.draft && !options.drafts {
        return Ok(None);
    }
    if let Some((language, original)) = translation::original_of(&source.path, &options.undeclared) {
        let message = format!(
            "this is a translation of `{}` into `{language}`, an edition `site.toml` does not declare: add `[languages.{language}]` to `site.toml`, or rename the file",
            original.display()
        );
        return Err(vec![Diagnostic::error(&source.path, message).at((1, 1))].into());
    }
    if let Some((language, original)) = translation::original_of(&source.path, &options.editions) {
        let kind = Kind::of(&original);
        return Ok(Some(Doc::Translation(translation::parse(source, kind, language, original)?)));
    }
    let doc = match Kind::of(&source.path) {
        Kind::Home => Doc::Home(home::parse(source)?),
        Kind::Intro(section) => Doc::Intro(section, page::parse(source)?),
        Kind::Article => Doc::Article(article::parse(source)?),
        Kind::Event => Doc::Event(event::parse(source)?),
        Kind::Agreement => Doc::Agreement(agreement::parse(source)?),
        Kind::Metric => Doc::Metric(metric::parse(source, options.locale)?),
        Kind::Statement => Doc::Statement(statement::parse(source)?),
        Kind::Person => Doc::Person(person::parse(source)?),
        Kind::Page => Doc::Page(Arc::new(page::parse(source)?)),
    };
    Ok(Some(doc))
}

/// The file's `draft` flag (a boolean, false when absent).
fn draft(source: &Source) -> Result<bool, Vec<Diagnostic>> {
    let toml_text = &source.text[source.split.toml_start..source.split.toml_end];
    // Most files have no `draft`: they are not parsed for it.
    if !toml_text.contains("draft") {
        return Ok(false);
    }
    // A key set twice is reported when the file is read; any other syntax error too.
    let Ok((table, _)) = fields::table(toml_text) else {
        return Ok(false);
    };
    match table.get_ref().get("draft").map(|v| (v.span(), v.get_ref())) {
        None => Ok(false),
        Some((_, toml::de::DeValue::Boolean(b))) => Ok(*b),
        Some((span, _)) => Err(vec![source.toml_error(span.start, "`draft` must be `true` or `false`")]),
    }
}

/// Characters that are not text ([`is_not_text`]: controls other than tab
/// and line breaks) in the front matter's strings (a TOML escape such as
/// `\u000b` puts them there) or in the body: errors where they stand.
fn not_text(source: &Source) -> Vec<Diagnostic> {
    fn strings(value: &Spanned<toml::de::DeValue<'_>>, found: &mut Vec<(usize, char)>) {
        match value.get_ref() {
            toml::de::DeValue::String(s) => found.extend(s.chars().find(|c| is_not_text(*c)).map(|c| (value.span().start, c))),
            toml::de::DeValue::Array(items) => items.iter().for_each(|v| strings(v, found)),
            toml::de::DeValue::Table(table) => table.values().for_each(|v| strings(v, found)),
            _ => {}
        }
    }
    let error = |offset: usize, c: char| {
        let message = format!("holds U+{:04X}, a control character, not text: remove it", c as u32);
        Diagnostic::error(&source.path, message).at_offset(&source.text, offset)
    };
    let mut found = Vec::new();
    let toml_text = &source.text[source.split.toml_start..source.split.toml_end];
    // Only an escape puts a control character in a TOML string; raw ones are TOML errors.
    if toml_text.contains('\\') {
        if let Ok(table) = toml::de::DeTable::parse(toml_text) {
            table.get_ref().values().for_each(|v| strings(v, &mut found));
        }
    }
    found.sort_unstable();
    let mut errors: Vec<Diagnostic> = found.into_iter().map(|(at, c)| error(source.split.toml_start + at, c)).collect();
    if let Some((at, c)) = first_not_text(source.body(), |_| false) {
        errors.push(error(source.split.body_start + at, c));
    }
    errors
}

/// True when content file `path` holds a fact (an event, agreement, metric,
/// statement or person): an item on its section's page, never a page of its own.
pub fn is_fact(path: &Path) -> bool {
    Kind::of(path).is_fact()
}

/// The content path of a page relative to `content/`, without `.md` or `_index.md`.
pub fn content_route(path: &Path) -> Vec<String> {
    let relative = path.strip_prefix("content").unwrap_or(path);
    let mut parts: Vec<String> = relative.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.pop() {
        if last != "_index.md" {
            parts.push(last.trim_end_matches(".md").to_string());
        }
    }
    parts
}

#[cfg(test)]
mod tests;
