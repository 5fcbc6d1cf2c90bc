//! Editions: the dossier in each of its languages.
//!
//! The default edition is the content as written. Another edition is the
//! same documents, in the same order, each replaced by its translation
//! where one exists: the translation's text fields and body, the original's
//! facts. What a translation writes of the facts is checked against its
//! original here (a contradiction is an error naming both files), as is
//! every translation's original and every quote it translates.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::parse::content::{
    Agreement, ArticleNote, CitationRef, Content, Home, Metric, Page, Person, Source, Statement, Text, TimelineEvent, Translation,
    not_in_original,
};
use crate::parse::date::Basis;
use crate::resolve::model::Fact;

/// The content of the edition in `language`: each document of `content`
/// with its translation into `language` where there is one (its text and
/// body), and the paths of the documents that have none, in path order.
pub fn content(content: &Content, language: &str) -> (Content, Vec<PathBuf>) {
    let translations: HashMap<&Path, &Translation> = content
        .translations
        .iter()
        .filter(|t| t.source.translated.as_ref().is_some_and(|d| d.language == language))
        .map(|t| (t.source.original(), t))
        .collect();
    let mut edition = content.clone();
    edition.translations.clear();
    let mut untranslated = Vec::new();
    let mut on = Translator {
        translations: &translations,
        untranslated: &mut untranslated,
    };
    on.all(edition.home.as_mut().into_iter());
    on.all(edition.articles.iter_mut());
    on.all(edition.events.iter_mut());
    on.all(edition.agreements.iter_mut());
    on.all(edition.metrics.iter_mut());
    on.all(edition.statements.iter_mut());
    on.all(edition.people.iter_mut());
    on.all(edition.pages.iter_mut().map(Arc::make_mut));
    on.all(edition.intros.iter_mut().map(|(_, page)| page));
    untranslated.sort();
    (edition, untranslated)
}

/// Checks every translation against its original: the original exists and
/// was read, the facts the translation repeats are the original's, a
/// date it says is inferred is inferred in the original, and each quote
/// it translates is one the original's front matter or its own body cites.
pub fn check(
    content: &Content,
    unread: &std::collections::BTreeSet<PathBuf>,
    paths: &std::collections::BTreeSet<PathBuf>,
) -> Vec<Diagnostic> {
    // Most dossiers have no translation: no map of every document for them.
    if content.translations.is_empty() {
        return Vec::new();
    }
    let originals = originals(content);
    let mut errors = Vec::new();
    for t in &content.translations {
        let original = t.source.original();
        let Some(doc) = originals.get(original) else {
            if !unread.contains(original) && !paths.contains(original) {
                let message = format!(
                    "this translates `{}`, which does not exist: a translation is written beside its original (`about.en.md` beside `about.md`)",
                    original.display()
                );
                errors.push(Diagnostic::error(&t.source.path, message).at((1, 1)));
            }
            // An original that failed to parse has its own errors; a draft left out, none to give.
            continue;
        };
        errors.extend(contradictions(t, doc.source));
        errors.extend(untranslatable_bases(t, doc));
        errors.extend(uncited_quotes(t, doc));
    }
    errors
}

/// A document a translation may translate, as the checks read it: its
/// source and, but for an article's note, the fact it is.
#[derive(Debug, Clone, Copy)]
struct Original<'c> {
    source: &'c Source,
    fact: Option<Fact<'c>>,
}

impl<'c> Original<'c> {
    /// Whether the fact `field` (`date_inferred`…) says what it is inferred from is stated instead.
    fn states(self, field: &str) -> bool {
        let stated = |b: &Basis| matches!(b, Basis::Stated);
        match (self.fact, field) {
            (Some(Fact::Event(e)), "date_inferred") => stated(&e.date_basis),
            (Some(Fact::Event(e)), "time_inferred") => stated(&e.time_basis),
            (Some(Fact::Agreement(a)), "date_inferred") => stated(&a.date_basis),
            (Some(Fact::Statement(s)), "date_inferred") => stated(&s.date_basis),
            (Some(Fact::Home(h)), "visit.dates_inferred") => h.visit.as_ref().is_none_or(|v| stated(&v.dates_basis)),
            _ => false,
        }
    }

    /// The citations of its front matter.
    fn cites(self) -> Vec<&'c CitationRef> {
        self.fact
            .map_or_else(Vec::new, |fact| fact.cited_lists().into_iter().flatten().collect())
    }

    /// The words a metric quotes of its sources besides its citations:
    /// each observation's figure as written (`khoảng 320.000 người`) and
    /// its period, which a translation's `[quotes]` may translate too.
    fn figure_words(self) -> Vec<&'c str> {
        let Some(Fact::Metric(m)) = self.fact else { return Vec::new() };
        let words = m
            .observations
            .iter()
            .flat_map(|o| std::iter::once(o.display.as_str()).chain(o.period.as_deref()));
        words.collect()
    }
}

/// Every document of `content` by its path.
fn originals(content: &Content) -> HashMap<&Path, Original<'_>> {
    let facts = (content.home.iter().map(Fact::Home))
        .chain(content.events.iter().map(Fact::Event))
        .chain(content.agreements.iter().map(Fact::Agreement))
        .chain(content.metrics.iter().map(Fact::Metric))
        .chain(content.statements.iter().map(Fact::Statement))
        .chain(content.people.iter().map(Fact::Person))
        .chain(content.pages.iter().map(|page| Fact::Page(page)))
        .chain(content.intros.iter().map(|(section, page)| Fact::Intro(*section, page)));
    let facts = facts.filter_map(|fact| Some((fact.source()?, Some(fact))));
    let notes = content.articles.iter().map(|note| (&note.source, None));
    facts
        .chain(notes)
        .map(|(source, fact)| (source.path.as_path(), Original { source, fact }))
        .collect()
}

/// The facts `t` repeats that its original does not say, or says otherwise.
fn contradictions(t: &Translation, original: &Source) -> Vec<Diagnostic> {
    if t.facts.is_empty() {
        return Vec::new();
    }
    let toml_text = &original.text[original.split.toml_start..original.split.toml_end];
    let Ok(values) = toml::from_str::<toml::Table>(toml_text) else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    for fact in &t.facts {
        let theirs = fact.key.split('.').try_fold(None::<&toml::Value>, |at, key| match at {
            None => values.get(key).map(Some),
            Some(toml::Value::Table(table)) => table.get(key).map(Some),
            Some(_) => None,
        });
        let message = match theirs.flatten() {
            Some(value) if *value == fact.value => continue,
            Some(value) => {
                let line = key_line(original, &fact.key);
                format!(
                    "`{}` contradicts `{}:{line}`, which says `{}`: a translation shares its original's facts; remove `{}` here (or correct both)",
                    fact.key,
                    original.path.display(),
                    value,
                    fact.key
                )
            }
            None => not_in_original(t.kind, &fact.key, &original.path),
        };
        errors.push(Diagnostic::error(&t.source.path, message).at(fact.position));
    }
    errors
}

/// The line of the original where `key` (`date`, `visit.start`) is written
/// (its first line when it cannot be read).
fn key_line(original: &Source, key: &str) -> usize {
    let toml_text = &original.text[original.split.toml_start..original.split.toml_end];
    let Ok(table) = DeTable::parse(toml_text) else {
        return original.toml_pos(0).0;
    };
    let (mut table, mut at) = (table.get_ref(), 0);
    for part in key.split('.') {
        let Some((name, value)) = table.iter().find(|(name, _)| name.get_ref() == part) else {
            break;
        };
        at = name.span().start;
        match value.get_ref() {
            DeValue::Table(inner) => table = inner,
            _ => break,
        }
    }
    original.toml_pos(at).0
}

/// A `*_inferred` text for a date or time the original states: the
/// translation would make a stated fact an inferred one.
fn untranslatable_bases(t: &Translation, original: &Original<'_>) -> Vec<Diagnostic> {
    t.texts
        .keys()
        .filter(|field| original.states(field))
        .map(|field| {
            let message = format!(
                "`{field}` says what the {} is inferred from, but `{}` states it: a translation cannot make a stated fact inferred; remove `{field}` here (or add it to the original)",
                if field.contains("time") { "time" } else { "date" },
                original.source.path.display()
            );
            Diagnostic::error(&t.source.path, message).at(t.text_positions[field])
        })
        .collect()
}

/// The quotes of `[quotes]` that neither the original's front matter nor the
/// translation's body cites, and that are no figure or period of it: a
/// mistyped quote would show no translation.
fn uncited_quotes(t: &Translation, original: &Original<'_>) -> Vec<Diagnostic> {
    let Some(translated) = &t.source.translated else {
        return Vec::new();
    };
    let (cites, figures, body) = (original.cites(), original.figure_words(), t.source.body());
    let written = |quote: &str| cites.iter().any(|c| c.quote.trim() == quote) || figures.contains(&quote) || body.contains(quote);
    translated
        .quotes
        .iter()
        .filter(|(quote, _)| !written(quote))
        .map(|(quote, (_, at))| {
            let message = format!(
                "a translation of “{quote}”, which this file does not cite (nor does `{}`'s front matter, nor is it a figure or period of it): copy the words exactly as they are written",
                original.source.path.display()
            );
            Diagnostic::warning(&t.source.path, message).at(*at)
        })
        .collect()
}

struct Translator<'t, 'u> {
    translations: &'t HashMap<&'t Path, &'t Translation>,
    untranslated: &'u mut Vec<PathBuf>,
}

impl Translator<'_, '_> {
    fn all<'d, D: Translate + 'd>(&mut self, docs: impl Iterator<Item = &'d mut D>) {
        for doc in docs {
            match self.translations.get(doc.source().path.as_path()) {
                Some(t) => {
                    doc.translate(t);
                    doc.cites(&mut |c| c.translation = t.source.quote_translation(&c.quote));
                    *doc.source_mut() = t.source.clone();
                }
                None => self.untranslated.push(doc.source().path.clone()),
            }
        }
    }
}

/// A document a translation replaces the words of.
trait Translate {
    fn source(&self) -> &Source;
    fn source_mut(&mut self) -> &mut Source;
    /// Takes the translation's text fields.
    fn translate(&mut self, t: &Translation);
    /// Calls `f` on each citation of the front matter.
    fn cites(&mut self, _f: &mut dyn FnMut(&mut CitationRef)) {}
}

/// Sets `field` to the translation's text for `key`, when it gives one.
fn set(field: &mut String, t: &Translation, key: &str) {
    if let Some(Text::One(text)) = t.texts.get(key) {
        field.clone_from(text);
    }
}

fn set_option(field: &mut Option<String>, t: &Translation, key: &str) {
    if let (Some(Text::One(text)), Some(value)) = (t.texts.get(key), field.as_mut()) {
        value.clone_from(text);
    }
}

fn set_basis(basis: &mut Basis, t: &Translation, key: &str) {
    if let (Some(Text::One(text)), Basis::Inferred(from)) = (t.texts.get(key), basis) {
        from.clone_from(text);
    }
}

macro_rules! sourced {
    () => {
        fn source(&self) -> &Source {
            &self.source
        }
        fn source_mut(&mut self) -> &mut Source {
            &mut self.source
        }
    };
}

impl Translate for Home {
    sourced!();
    fn translate(&mut self, t: &Translation) {
        set(&mut self.title, t, "title");
        set(&mut self.description, t, "description");
        if let Some(visit) = &mut self.visit {
            set(&mut visit.guest, t, "visit.guest");
            set(&mut visit.host, t, "visit.host");
            set(&mut visit.place, t, "visit.place");
            set(&mut visit.kind, t, "visit.kind");
            set_basis(&mut visit.dates_basis, t, "visit.dates_inferred");
        }
    }
    fn cites(&mut self, f: &mut dyn FnMut(&mut CitationRef)) {
        self.visit.iter_mut().flat_map(|v| &mut v.sources).for_each(f);
    }
}

impl Translate for ArticleNote {
    sourced!();
    fn translate(&mut self, t: &Translation) {
        set(&mut self.title, t, "title");
        set(&mut self.summary, t, "summary");
        if let Some(Text::List(tags)) = t.texts.get("tags") {
            self.tags.clone_from(tags);
        }
        if let Some(Text::One(slug)) = t.texts.get("slug") {
            self.slug = Some(slug.clone());
        }
    }
}

impl Translate for TimelineEvent {
    sourced!();
    fn translate(&mut self, t: &Translation) {
        set(&mut self.title, t, "title");
        set(&mut self.summary, t, "summary");
        set_option(&mut self.place, t, "place");
        set_basis(&mut self.date_basis, t, "date_inferred");
        set_basis(&mut self.time_basis, t, "time_inferred");
    }
    fn cites(&mut self, f: &mut dyn FnMut(&mut CitationRef)) {
        self.sources.iter_mut().for_each(&mut *f);
        self.relations.iter_mut().map(|r| &mut r.cite).for_each(f);
    }
}

impl Translate for Agreement {
    sourced!();
    fn translate(&mut self, t: &Translation) {
        set(&mut self.title, t, "title");
        set(&mut self.field, t, "field");
        set_basis(&mut self.date_basis, t, "date_inferred");
    }
    fn cites(&mut self, f: &mut dyn FnMut(&mut CitationRef)) {
        self.sources.iter_mut().for_each(f);
    }
}

impl Translate for Metric {
    sourced!();
    fn translate(&mut self, t: &Translation) {
        set(&mut self.label, t, "label");
        set_option(&mut self.category, t, "category");
        set_option(&mut self.discrepancy_note, t, "discrepancy_note");
    }
    fn cites(&mut self, f: &mut dyn FnMut(&mut CitationRef)) {
        self.observations.iter_mut().flat_map(|o| &mut o.sources).for_each(f);
    }
}

impl Translate for Statement {
    sourced!();
    fn translate(&mut self, t: &Translation) {
        set(&mut self.title, t, "title");
        set(&mut self.summary, t, "summary");
        set_basis(&mut self.date_basis, t, "date_inferred");
    }
    fn cites(&mut self, f: &mut dyn FnMut(&mut CitationRef)) {
        f(&mut self.quote);
    }
}

impl Translate for Person {
    sourced!();
    fn translate(&mut self, t: &Translation) {
        if let Some(Text::One(name)) = t.texts.get("name") {
            // The name as the seeds write it is still how the person is found in quotes.
            let written = std::mem::replace(&mut self.name, name.clone());
            if !self.aliases.contains(&written) && written != *name {
                self.aliases.insert(0, written);
            }
        }
        set(&mut self.role, t, "role");
    }
}

impl Translate for Page {
    sourced!();
    fn translate(&mut self, t: &Translation) {
        set(&mut self.title, t, "title");
        set(&mut self.description, t, "description");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disk::input::TextFile;
    use crate::parse::content::{Options, parse_all};

    /// The content of `files` (path, text), English translations recognised.
    fn parsed(files: &[(&str, &str)]) -> (Content, Vec<Diagnostic>) {
        let files: Vec<TextFile> = files.iter().map(|(p, t)| TextFile::new(PathBuf::from(p), *t)).collect();
        let options = Options {
            editions: vec!["en".to_string()].into(),
            ..Options::default()
        };
        let (content, problems) = parse_all(&files, options);
        (content, problems.sorted().into_iter().cloned().collect())
    }

    const EVENT: &str = "+++\ntitle = \"Hội đàm\"\ndate = 2025-08-11\nsummary = \"Hai bên hội đàm.\"\nsources = [{ seed = \"001\", quote = \"hai bên hội đàm\" }]\n+++\nThân bài.\n";

    fn messages(problems: &[Diagnostic]) -> Vec<String> {
        problems
            .iter()
            .map(|d| format!("{}:{:?}: {}", d.path.display(), d.position, d.message))
            .collect()
    }

    #[test]
    fn an_edition_takes_the_words_of_a_translation_and_keeps_the_facts() {
        let translation = "+++\ntitle = \"Talks\"\n[quotes]\n\"hai bên hội đàm\" = \"the two sides held talks\"\n+++\nBody.\n";
        let (content, problems) = parsed(&[("content/timeline/talks.md", EVENT), ("content/timeline/talks.en.md", translation)]);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(check(&content, &Default::default(), &Default::default()).is_empty());
        let (edition, untranslated) = super::content(&content, "en");
        assert!(untranslated.is_empty());
        let event = &edition.events[0];
        assert_eq!((event.title.as_str(), event.summary.as_str()), ("Talks", "Hai bên hội đàm."));
        assert_eq!(event.date.to_string(), "2025-08-11");
        assert_eq!(event.source.body(), "Body.\n");
        assert_eq!(event.sources[0].translation.as_deref(), Some("the two sides held talks"));
        assert_eq!(event.id, "talks", "the id is the original's");
        let (same, untranslated) = super::content(&content, "fr");
        assert_eq!(same.events[0].title, "Hội đàm");
        assert_eq!(untranslated, [PathBuf::from("content/timeline/talks.md")]);
    }

    #[test]
    fn a_translation_may_not_make_a_stated_date_inferred_nor_translate_an_uncited_quote() {
        let translation = "+++\ndate_inferred = \"from the press meeting\"\n[quotes]\n\"không có\" = \"not there\"\n\"hai bên hội đàm\" = \"talks\"\n+++\n";
        let (content, problems) = parsed(&[("content/timeline/talks.md", EVENT), ("content/timeline/talks.en.md", translation)]);
        assert!(problems.is_empty(), "{problems:?}");
        let found = messages(&check(&content, &Default::default(), &Default::default()));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("content/timeline/talks.en.md:Some((2, 1)): `date_inferred` says what the date is inferred from, but `content/timeline/talks.md` states it"), "{found:?}");
        assert!(
            found[1].starts_with("content/timeline/talks.en.md:Some((4, 1)): a translation of “không có”, which this file does not cite"),
            "{found:?}"
        );
    }

    #[test]
    fn a_translation_s_text_fields_and_quotes_must_be_text() {
        let translation = "+++\ntitle = 5\nquotes = \"x\"\n+++\n";
        let (_, problems) = parsed(&[("content/timeline/talks.md", EVENT), ("content/timeline/talks.en.md", translation)]);
        let found = messages(&problems);
        assert_eq!(
            found,
            [
                "content/timeline/talks.en.md:Some((2, 9)): `title` must be text",
                "content/timeline/talks.en.md:Some((3, 10)): `quotes` must be a table of translations by quote: `[quotes]`, then `\"the quote\" = \"its translation\"`"
            ]
        );
    }

    #[test]
    fn a_repeated_fact_equal_to_the_original_s_is_accepted() {
        let translation = "+++\ndate = 2025-08-11\nsources = [{ seed = \"001\", quote = \"hai bên hội đàm\" }]\n+++\n";
        let (content, _) = parsed(&[("content/timeline/talks.md", EVENT), ("content/timeline/talks.en.md", translation)]);
        assert!(check(&content, &Default::default(), &Default::default()).is_empty());
        let contradicting = translation.replace("hai bên", "ba bên");
        let (content, _) = parsed(&[
            ("content/timeline/talks.md", EVENT),
            ("content/timeline/talks.en.md", &contradicting),
        ]);
        let found = messages(&check(&content, &Default::default(), &Default::default()));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains("`sources` contradicts `content/timeline/talks.md:5`"),
            "{found:?}"
        );
    }
}
