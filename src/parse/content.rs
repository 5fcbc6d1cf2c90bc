//! Content: what analysts write, as typed documents.
//!
//! Each `content/**/*.md` file is classified by its path (home, article note,
//! timeline event, agreement, metric, person, section intro or free page), its
//! front matter parsed into that kind's schema (unknown keys are errors) and
//! its values checked (dates, kinds, URLs). Citations are kept as written
//! ([`CitationRef`]); finding them in the seeds is the `citation` stage's job.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics, line_col};
use crate::disk::input::TextFile;
use crate::export::encode::is_not_text;
use crate::parse::date::PartialDate;
use crate::parse::frontmatter::{self, Split};

/// A content file's text and where its body starts.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    pub split: Split,
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

    /// The file stem: an item's id.
    pub fn stem(&self) -> String {
        self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

/// A citation as written: which seed, which words, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationRef {
    pub seed: String,
    pub quote: String,
    pub path: PathBuf,
    pub position: (usize, usize),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    seed: Spanned<String>,
    quote: Spanned<String>,
}

fn citations(source: &Source, raw: Vec<RawSource>) -> Vec<CitationRef> {
    raw.into_iter()
        .map(|r| CitationRef {
            position: source.toml_pos(r.quote.span().start),
            seed: r.seed.into_inner(),
            quote: r.quote.into_inner(),
            path: source.path.clone(),
        })
        .collect()
}

/// Reads a date value, or reports where it is wrong.
fn date(source: &Source, value: &Spanned<toml::Value>, errors: &mut Vec<Diagnostic>) -> Option<PartialDate> {
    PartialDate::from_toml(value.get_ref())
        .map_err(|e| errors.push(source.toml_error(value.span().start, e)))
        .ok()
}

/// The home page's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHome {
    title: String,
    #[serde(default)]
    description: String,
    visit: Option<RawVisit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVisit {
    guest: String,
    host: String,
    place: String,
    kind: String,
    start: Spanned<toml::Value>,
    end: Spanned<toml::Value>,
    #[serde(default)]
    sources: Vec<RawSource>,
}

#[derive(Debug, Clone)]
pub struct Home {
    pub source: Source,
    pub title: String,
    pub description: String,
    pub visit: Option<Visit>,
}

/// Who visited whom, where and when: the home page's summary of the visit.
#[derive(Debug, Clone)]
pub struct Visit {
    pub guest: String,
    pub host: String,
    pub place: String,
    pub kind: String,
    pub start: PartialDate,
    pub end: PartialDate,
    pub sources: Vec<CitationRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    title: String,
    outlet: Option<String>,
    url: Option<Spanned<String>>,
    published: Option<Spanned<toml::Value>>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    tags: Vec<String>,
    slug: Option<Spanned<String>>,
}

/// An analyst's note on one seed (`content/articles/<seed stem>.md`).
#[derive(Debug, Clone)]
pub struct ArticleNote {
    pub source: Source,
    pub seed_stem: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub summary: String,
    pub tags: Vec<String>,
    pub slug: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    title: String,
    date: Spanned<toml::Value>,
    time: Option<String>,
    place: Option<String>,
    #[serde(default)]
    people: Vec<Spanned<String>>,
    summary: String,
    sources: Spanned<Vec<RawSource>>,
}

/// One dated event (`content/timeline/*.md`).
#[derive(Debug, Clone)]
pub struct TimelineEvent {
    pub source: Source,
    pub id: String,
    pub title: String,
    pub date: PartialDate,
    pub time: Option<String>,
    pub place: Option<String>,
    /// Person ids with where each is written.
    pub people: Vec<(String, (usize, usize))>,
    pub summary: String,
    pub sources: Vec<CitationRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgreement {
    title: String,
    kind: Spanned<String>,
    field: String,
    date: Option<Spanned<toml::Value>>,
    parties: Vec<Party>,
    sources: Spanned<Vec<RawSource>>,
}

/// A signing body and its country (ISO 3166 alpha-2, e.g. `VN`).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: String,
    pub country: String,
}

/// What sort of document an agreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    Memorandum,
    Agreement,
    Amendment,
    Treaty,
    Declaration,
    Contract,
    Plan,
}

impl AgreementKind {
    pub const ALL: [AgreementKind; 7] = [
        AgreementKind::Memorandum,
        AgreementKind::Agreement,
        AgreementKind::Amendment,
        AgreementKind::Treaty,
        AgreementKind::Declaration,
        AgreementKind::Contract,
        AgreementKind::Plan,
    ];

    /// The name front matter and exports use: `memorandum`.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementKind::Memorandum => "memorandum",
            AgreementKind::Agreement => "agreement",
            AgreementKind::Amendment => "amendment",
            AgreementKind::Treaty => "treaty",
            AgreementKind::Declaration => "declaration",
            AgreementKind::Contract => "contract",
            AgreementKind::Plan => "plan",
        }
    }

    fn parse(name: &str) -> Option<AgreementKind> {
        AgreementKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// One cooperation document (`content/agreements/*.md`).
#[derive(Debug, Clone)]
pub struct Agreement {
    pub source: Source,
    pub id: String,
    pub title: String,
    pub kind: AgreementKind,
    pub field: String,
    pub date: Option<PartialDate>,
    pub parties: Vec<Party>,
    pub sources: Vec<CitationRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetric {
    id: Spanned<String>,
    label: String,
    unit: String,
    category: String,
    #[serde(default)]
    discrepancy: bool,
    discrepancy_note: Option<String>,
    /// Shown among the key figures on the home page.
    #[serde(default)]
    key: bool,
    observations: Vec<RawObservation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObservation {
    value: Spanned<f64>,
    display: String,
    period: Option<String>,
    sources: Spanned<Vec<RawSource>>,
}

/// One figure and what the sources say of it (`content/statistics/*.md`).
#[derive(Debug, Clone)]
pub struct Metric {
    pub source: Source,
    pub id: String,
    pub label: String,
    pub unit: String,
    pub category: String,
    pub discrepancy: bool,
    pub discrepancy_note: Option<String>,
    pub key: bool,
    pub observations: Vec<Observation>,
}

#[derive(Debug, Clone)]
pub struct Observation {
    pub value: f64,
    pub display: String,
    pub period: Option<String>,
    pub sources: Vec<CitationRef>,
    /// Where the observation's `value` is written.
    pub position: (usize, usize),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    kind: Spanned<String>,
    #[serde(default)]
    role: String,
    country: Option<String>,
}

/// A person or organisation the seeds mention (`content/people/*.md`).
#[derive(Debug, Clone)]
pub struct Person {
    pub source: Source,
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Where the name and then each alias are written.
    pub name_positions: Vec<(usize, usize)>,
    pub kind: PersonKind,
    pub role: String,
    pub country: Option<String>,
}

/// Whether an entry of `content/people/` is a person or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonKind {
    Person,
    Organisation,
}

impl Person {
    /// The name, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: String,
    #[serde(default)]
    description: String,
    /// Accepted so that pages written for Zola or Hugo build unchanged; not shown.
    #[serde(default)]
    #[allow(dead_code, reason = "read for compatibility with Zola/Hugo front matter")]
    date: Option<toml::Value>,
}

/// A free page, or the intro of a section (`content/<section>/_index.md`).
#[derive(Debug, Clone)]
pub struct Page {
    pub source: Source,
    pub title: String,
    pub description: String,
}

/// The sections with a schema of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Articles,
    Timeline,
    Agreements,
    Statistics,
    People,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Articles,
        Section::Timeline,
        Section::Agreements,
        Section::Statistics,
        Section::People,
    ];

    pub fn dir(self) -> &'static str {
        match self {
            Section::Articles => "articles",
            Section::Timeline => "timeline",
            Section::Agreements => "agreements",
            Section::Statistics => "statistics",
            Section::People => "people",
        }
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
    pub people: Vec<Person>,
    pub pages: Vec<Page>,
    pub intros: Vec<(Section, Page)>,
}

impl Content {
    /// The timeline events in time order (a less precise date first), ties by id.
    pub fn events_in_order(&self) -> Vec<&TimelineEvent> {
        let mut events: Vec<&TimelineEvent> = self.events.iter().collect();
        events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        events
    }
}

enum Doc {
    Home(Home),
    Article(ArticleNote),
    Event(TimelineEvent),
    Agreement(Agreement),
    Metric(Metric),
    Person(Person),
    Page(Page),
    Intro(Section, Page),
}

/// Parses every content file; a file with problems is left out and its
/// problems reported.
pub fn parse_all(files: Vec<TextFile>) -> (Content, Diagnostics) {
    let parsed: Vec<Result<Doc, Vec<Diagnostic>>> = files.into_par_iter().map(parse_file).collect();
    let mut content = Content::default();
    let mut diagnostics = Diagnostics::default();
    for result in parsed {
        match result {
            Ok(Doc::Home(h)) => content.home = Some(h),
            Ok(Doc::Article(a)) => content.articles.push(a),
            Ok(Doc::Event(e)) => content.events.push(e),
            Ok(Doc::Agreement(a)) => content.agreements.push(a),
            Ok(Doc::Metric(m)) => content.metrics.push(m),
            Ok(Doc::Person(p)) => content.people.push(p),
            Ok(Doc::Page(p)) => content.pages.push(p),
            Ok(Doc::Intro(s, p)) => content.intros.push((s, p)),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    (content, diagnostics)
}

fn parse_file(file: TextFile) -> Result<Doc, Vec<Diagnostic>> {
    let split = frontmatter::split(&file.path, &file.text).map_err(|d| vec![d])?;
    let relative = file.path.strip_prefix("content").unwrap_or(&file.path).to_path_buf();
    let components: Vec<String> = relative.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let is_index = components.last().is_some_and(|c| c == "_index.md");
    let source = Source {
        path: file.path,
        text: file.text,
        split,
    };
    let not_text = not_text(&source);
    if !not_text.is_empty() {
        return Err(not_text);
    }
    let section = Section::ALL.into_iter().find(|s| components.len() > 1 && components[0] == s.dir());
    match (components.len(), section, is_index) {
        (1, _, true) => home(source),
        (_, Some(section), true) if components.len() == 2 => page(source).map(|p| Doc::Intro(section, p)),
        (_, Some(Section::Articles), false) => article(source),
        (_, Some(Section::Timeline), false) => event(source),
        (_, Some(Section::Agreements), false) => agreement(source),
        (_, Some(Section::Statistics), false) => metric(source),
        (_, Some(Section::People), false) => person(source),
        _ => page(source).map(Doc::Page),
    }
}

/// Characters that are not text ([`is_not_text`]: controls other than tab
/// and line breaks, noncharacters) in a content file: the first in its body
/// as typed, and any in its front matter's strings, where a TOML escape
/// (`\u000b`, `\e`) can put one. XML 1.0 forbids most of them, HTML calls
/// them parse errors and terminals obey them: each is an error at its place.
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
    if let Some((at, c)) = source.body().char_indices().find(|(_, c)| is_not_text(*c)) {
        errors.push(error(source.split.body_start + at, c));
    }
    errors
}

fn meta<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Vec<Diagnostic>> {
    frontmatter::parse(&source.path, &source.text, source.split).map_err(|d| vec![d])
}

fn finish<T>(value: T, errors: Vec<Diagnostic>) -> Result<T, Vec<Diagnostic>> {
    if errors.is_empty() { Ok(value) } else { Err(errors) }
}

fn home(source: Source) -> Result<Doc, Vec<Diagnostic>> {
    let raw: RawHome = meta(&source)?;
    let mut errors = Vec::new();
    let visit = raw.visit.map(|v| {
        let start = date(&source, &v.start, &mut errors);
        let end = date(&source, &v.end, &mut errors);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(source.toml_error(v.end.span().start, format!("the visit ends ({e}) before it starts ({s})")));
            }
        }
        Visit {
            guest: v.guest,
            host: v.host,
            place: v.place,
            kind: v.kind,
            start: start.unwrap_or(PartialDate::year_only(1)),
            end: end.unwrap_or(PartialDate::year_only(1)),
            sources: citations(&source, v.sources),
        }
    });
    let home = Home {
        title: raw.title,
        description: raw.description,
        visit,
        source,
    };
    finish(Doc::Home(home), errors)
}

/// Links in front matter may be http(s) or relative; nothing else (no
/// `javascript:`). A "relative" link starting with two slashes (or a
/// backslash, which browsers read as a slash, tabs and line breaks removed
/// as the WHATWG URL parser removes them) names another host: refused too.
fn check_url(source: &Source, url: &Spanned<String>, errors: &mut Vec<Diagnostic>) {
    let value = url.get_ref().trim();
    let seen: String = value.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let scheme = seen.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let other_host = seen.starts_with(['/', '\\']) && seen[1..].starts_with(['/', '\\']);
    let relative = scheme.as_ref().is_none_or(|s| s.contains('/')) && !other_host;
    let web = seen
        .split_once("://")
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"));
    if !(relative || web) {
        errors.push(source.toml_error(url.span().start, format!("url `{value}` must start with `https://` or `http://`")));
    }
}

fn article(source: Source) -> Result<Doc, Vec<Diagnostic>> {
    let raw: RawArticle = meta(&source)?;
    let mut errors = Vec::new();
    if let Some(url) = &raw.url {
        check_url(&source, url, &mut errors);
    }
    let published = raw.published.as_ref().and_then(|p| date(&source, p, &mut errors));
    let slug = raw.slug.map(|s| {
        if crate::text::slug::slugify(s.get_ref()) != *s.get_ref() {
            errors.push(source.toml_error(
                s.span().start,
                format!(
                    "slug `{}` is not a slug: use `{}`",
                    s.get_ref(),
                    crate::text::slug::slugify(s.get_ref())
                ),
            ));
        }
        s.into_inner()
    });
    let note = ArticleNote {
        seed_stem: source.stem(),
        title: raw.title,
        outlet: raw.outlet,
        url: raw.url.map(Spanned::into_inner),
        published,
        summary: raw.summary,
        tags: raw.tags,
        slug,
        source,
    };
    finish(Doc::Article(note), errors)
}

fn event(source: Source) -> Result<Doc, Vec<Diagnostic>> {
    let raw: RawEvent = meta(&source)?;
    let mut errors = Vec::new();
    let when = date(&source, &raw.date, &mut errors);
    if raw.sources.get_ref().is_empty() {
        errors.push(source.toml_error(
            raw.sources.span().start,
            "event has no `sources`: cite the sentence that reports it",
        ));
    }
    let event = TimelineEvent {
        id: source.stem(),
        title: raw.title,
        date: when.unwrap_or(PartialDate::year_only(1)),
        time: raw.time,
        place: raw.place,
        people: raw
            .people
            .into_iter()
            .map(|p| (p.get_ref().clone(), source.toml_pos(p.span().start)))
            .collect(),
        summary: raw.summary,
        sources: citations(&source, raw.sources.into_inner()),
        source,
    };
    finish(Doc::Event(event), errors)
}

fn agreement(source: Source) -> Result<Doc, Vec<Diagnostic>> {
    let raw: RawAgreement = meta(&source)?;
    let mut errors = Vec::new();
    let kind = AgreementKind::parse(raw.kind.get_ref()).unwrap_or_else(|| {
        let names: Vec<&str> = AgreementKind::ALL.iter().map(|k| k.as_str()).collect();
        errors.push(source.toml_error(
            raw.kind.span().start,
            match crate::text::suggest::did_you_mean(raw.kind.get_ref(), names.iter().copied()) {
                Some(suggestion) => format!("unknown kind `{}`: {suggestion}", raw.kind.get_ref()),
                None => format!("unknown kind `{}`: use one of {}", raw.kind.get_ref(), names.join(", ")),
            },
        ));
        AgreementKind::Agreement
    });
    let when = raw.date.as_ref().and_then(|d| date(&source, d, &mut errors));
    if raw.parties.is_empty() {
        errors.push(source.toml_error(0, "agreement has no `parties`"));
    }
    if raw.sources.get_ref().is_empty() {
        errors.push(source.toml_error(
            raw.sources.span().start,
            "agreement has no `sources`: cite the sentence that reports it",
        ));
    }
    let agreement = Agreement {
        id: source.stem(),
        title: raw.title,
        kind,
        field: raw.field,
        date: when,
        parties: raw.parties,
        sources: citations(&source, raw.sources.into_inner()),
        source,
    };
    finish(Doc::Agreement(agreement), errors)
}

fn metric(source: Source) -> Result<Doc, Vec<Diagnostic>> {
    let raw: RawMetric = meta(&source)?;
    let mut errors = Vec::new();
    if *raw.id.get_ref() != source.stem() {
        errors.push(source.toml_error(
            raw.id.span().start,
            format!("id `{}` differs from the file name: use `{}`", raw.id.get_ref(), source.stem()),
        ));
    }
    if raw.discrepancy && raw.discrepancy_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        errors.push(source.toml_error(0, "`discrepancy = true` needs a `discrepancy_note` saying why the sources differ"));
    }
    if raw.observations.is_empty() {
        errors.push(source.toml_error(0, "metric has no `observations`"));
    }
    let observations = raw
        .observations
        .into_iter()
        .map(|o| {
            if o.sources.get_ref().is_empty() {
                errors.push(source.toml_error(
                    o.sources.span().start,
                    "observation has no `sources`: cite the sentence that gives the figure",
                ));
            }
            if !o.value.get_ref().is_finite() {
                errors.push(source.toml_error(
                    o.value.span().start,
                    "`value` must be a number (`nan` and `inf` are not): write the figure in base units, e.g. `81500000000`",
                ));
            }
            Observation {
                position: source.toml_pos(o.value.span().start),
                value: *o.value.get_ref(),
                display: o.display,
                period: o.period,
                sources: citations(&source, o.sources.into_inner()),
            }
        })
        .collect();
    let metric = Metric {
        id: raw.id.into_inner(),
        label: raw.label,
        unit: raw.unit,
        category: raw.category,
        discrepancy: raw.discrepancy,
        discrepancy_note: raw.discrepancy_note,
        key: raw.key,
        observations,
        source,
    };
    finish(Doc::Metric(metric), errors)
}

fn person(source: Source) -> Result<Doc, Vec<Diagnostic>> {
    let raw: RawPerson = meta(&source)?;
    let mut errors = Vec::new();
    let kind = match raw.kind.get_ref().as_str() {
        "person" => PersonKind::Person,
        "organisation" | "organization" => PersonKind::Organisation,
        other => {
            errors.push(source.toml_error(
                raw.kind.span().start,
                format!("unknown kind `{other}`: use `person` or `organisation`"),
            ));
            PersonKind::Person
        }
    };
    let name_positions = std::iter::once(&raw.name)
        .chain(&raw.aliases)
        .map(|n| source.toml_pos(n.span().start))
        .collect();
    let person = Person {
        id: source.stem(),
        name: raw.name.into_inner(),
        aliases: raw.aliases.into_iter().map(Spanned::into_inner).collect(),
        name_positions,
        kind,
        role: raw.role,
        country: raw.country,
        source,
    };
    finish(Doc::Person(person), errors)
}

fn page(source: Source) -> Result<Page, Vec<Diagnostic>> {
    let raw: RawPage = meta(&source)?;
    Ok(Page {
        title: raw.title,
        description: raw.description,
        source,
    })
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
mod tests {
    use super::*;

    fn parse_one(path: &str, text: &str) -> (Content, Diagnostics) {
        parse_all(vec![TextFile {
            path: PathBuf::from(path),
            text: text.to_string(),
        }])
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
        .map(|(p, fm)| TextFile {
            path: PathBuf::from(p),
            text: format!("+++\n{fm}\n+++\nbody\n"),
        })
        .collect();
        let (c, d) = parse_all(files);
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
    fn missing_required_field_is_named() {
        let (_, d) = parse_one("content/timeline/x.md", "+++\ntitle = \"x\"\n+++\n");
        let m = messages(d);
        assert!(m[0].contains("missing field `date`"), "{m:?}");
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
}
