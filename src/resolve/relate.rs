//! What each item names of the others: an event's participants, an
//! agreement's parties, a statement's speaker and occasion. Names are
//! matched against the quotes, folded (`Tô Lâm` names `to-lam`, however the
//! quote writes the diacritics), as whole words.
//!
//! An event that lists no `people` gets those its quotes name; a listed
//! person no quote names is a warning, as is a party no quote names. An id
//! that names no entry is an error, unless its file exists and failed to
//! parse (its own error says why).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::model::{Fact, Outline, Related};
use crate::diag::Diagnostic;
use crate::parse::content::{Agreement, CitationRef, IdKind, Named, NamedId, Statement, TimelineEvent};
use crate::text::fold::folded_words;

/// Finds people's names (and aliases) in text, folded, as whole words.
struct Names {
    finder: Option<AhoCorasick>,
    /// The person (item index) of each pattern.
    holder: Vec<usize>,
    /// Person by folded name or alias.
    by_name: HashMap<String, usize>,
}

/// `text`'s words folded and joined by single spaces, with a space at each
/// end: a name is found as ` name ` (whole words).
fn spaced(text: &str) -> String {
    format!(" {} ", folded_words(text).join(" "))
}

impl Names {
    fn new(outline: &Outline<'_>) -> Names {
        let mut patterns = Vec::new();
        let mut holder = Vec::new();
        let mut by_name = HashMap::new();
        for (i, person) in outline.people() {
            for name in person.names() {
                let pattern = spaced(name);
                if pattern.trim().is_empty() {
                    continue;
                }
                by_name.entry(pattern.trim().to_string()).or_insert(i);
                patterns.push(pattern);
                holder.push(i);
            }
        }
        let finder = (!patterns.is_empty()).then(|| super::people::name_finder(&patterns));
        Names { finder, holder, by_name }
    }

    /// The people (item indices) the quotes name, in order of first mention.
    fn named_in(&self, quotes: &[CitationRef]) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::new();
        let Some(finder) = &self.finder else { return found };
        for quote in quotes {
            for m in finder.find_overlapping_iter(&spaced(&quote.quote)) {
                let person = self.holder[m.pattern().as_usize()];
                if !found.contains(&person) {
                    found.push(person);
                }
            }
        }
        found
    }

    /// The entry whose name or alias folds to `name`.
    fn entry(&self, name: &str) -> Option<usize> {
        self.by_name.get(spaced(name).trim()).copied()
    }
}

/// The quotes of `cited`, each folded and spaced as [`quotes_name`] looks
/// for names in them: once for all the names looked for.
fn spaced_quotes(cited: &[CitationRef]) -> Vec<String> {
    cited.iter().map(|q| spaced(&q.quote)).collect()
}

/// True when `name` stands in one of `quotes` (as [`spaced_quotes`] gives
/// them), folded, as whole words.
fn quotes_name(quotes: &[String], name: &str) -> bool {
    let wanted = spaced(name);
    wanted.trim() != "" && quotes.iter().any(|q| q.contains(&wanted))
}

/// Resolves every item's [`Related`]; returns its problems (errors and warnings).
pub(super) fn relate(outline: &mut Outline<'_>, written: &BTreeSet<PathBuf>) -> Vec<Diagnostic> {
    let names = Names::new(outline);
    // Items are related in parallel (each one's quotes folded and searched
    // for every name); their problems are reported in item order.
    let related: Vec<(Related, Vec<Diagnostic>)> = outline
        .items
        .par_iter()
        .map(|item| {
            let mut problems = Vec::new();
            let related = match item.fact {
                Fact::Event(e) => Related {
                    people: participants(outline, &names, e, written, &mut problems),
                    ..Related::default()
                },
                Fact::Agreement(a) => Related {
                    parties: parties(&names, a, &mut problems),
                    ..Related::default()
                },
                Fact::Statement(s) => statement(outline, s, written, &mut problems),
                _ => Related::default(),
            };
            (related, problems)
        })
        .collect();
    let mut problems = Vec::new();
    for (item, (related, found)) in outline.items.iter_mut().zip(related) {
        item.related = related;
        problems.extend(found);
    }
    problems
}

/// True when the file an unknown id would name exists but failed to parse:
/// its own error says why, and this one would only follow from it.
fn failed(written: &BTreeSet<PathBuf>, folder: &str, id: &str) -> bool {
    written
        .iter()
        .any(|p| p.starts_with(Path::new("content").join(folder)) && p.file_stem().is_some_and(|s| s == id))
}

/// The item an id names, or (when none) an error at it with the closest
/// ids; no error when the file it names exists but failed to parse.
fn entry(outline: &Outline<'_>, named: &NamedId, path: &Path, written: &BTreeSet<PathBuf>) -> Result<usize, Option<Diagnostic>> {
    let NamedId { kind, id, position } = named;
    let (found, folder) = match kind {
        IdKind::Person | IdKind::Speaker => (outline.person_index(id), "people"),
        IdKind::Event => (outline.event_index(id), "timeline"),
    };
    if let Some(i) = found {
        return Ok(i);
    }
    if failed(written, folder, id) {
        return Err(None);
    }
    let ids: Vec<&str> = match kind {
        IdKind::Person | IdKind::Speaker => outline.people().map(|(_, p)| p.id.as_str()).collect(),
        IdKind::Event => outline.events().map(|(_, e)| e.id.as_str()).collect(),
    };
    let what = match kind {
        IdKind::Person => "person",
        IdKind::Speaker => "speaker",
        IdKind::Event => "event",
    };
    let suggestion = crate::text::suggest::did_you_mean(id, ids.iter().copied());
    let message = match (kind, suggestion) {
        (IdKind::Event, Some(suggestion)) => format!("unknown {what} `{id}`: {suggestion}"),
        (IdKind::Event, None) => format!("unknown {what} `{id}`: use the file name of an event in `content/timeline/`"),
        (_, Some(suggestion)) => format!("unknown {what} `{id}`: {suggestion} (or add `content/people/{id}.md`)"),
        (_, None) => format!("unknown {what} `{id}`: add `content/people/{id}.md` or use one of the ids there"),
    };
    Err(Some(Diagnostic::error(path, message).at(*position)))
}

/// The ids of the other entries that the files that failed to parse name,
/// checked as those of parsed files are (their citations are checked with
/// the others'), so that every problem of a file is found in one run.
pub(super) fn unparsed_ids(outline: &Outline<'_>, unparsed: &[(PathBuf, Named)], written: &BTreeSet<PathBuf>) -> Vec<Diagnostic> {
    unparsed
        .iter()
        .flat_map(|(path, names)| {
            names
                .ids
                .iter()
                .filter_map(move |named| entry(outline, named, path, written).err().flatten())
        })
        .collect()
}

fn participants(
    outline: &Outline<'_>,
    names: &Names,
    event: &TimelineEvent,
    written: &BTreeSet<PathBuf>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    for relation in &event.relations {
        let named = NamedId {
            kind: IdKind::Event,
            id: relation.event.clone(),
            position: relation.position,
        };
        problems.extend(entry(outline, &named, &event.source.path, written).err().flatten());
    }
    let Some(listed) = &event.people else {
        return names.named_in(&event.sources);
    };
    let quotes = spaced_quotes(&event.sources);
    let mut people = Vec::new();
    for (id, position) in listed {
        let named = NamedId {
            kind: IdKind::Person,
            id: id.clone(),
            position: *position,
        };
        let i = match entry(outline, &named, &event.source.path, written) {
            Ok(i) => i,
            Err(problem) => {
                problems.extend(problem);
                continue;
            }
        };
        let Fact::Person(person) = outline.items[i].fact else {
            unreachable!("person ids name people")
        };
        if !person.names().any(|n| quotes_name(&quotes, n)) {
            let message = format!(
                "`{id}` is named in none of the event's quotes: cite a sentence that names {}, or leave the id out",
                person.name
            );
            problems.push(Diagnostic::warning(&event.source.path, message).at(*position));
        }
        people.push(i);
    }
    people
}

/// Each party's entry, where one has its name; a warning at each party no quote names.
fn parties(names: &Names, agreement: &Agreement, problems: &mut Vec<Diagnostic>) -> Vec<Option<usize>> {
    let quotes = spaced_quotes(&agreement.sources);
    agreement
        .parties
        .iter()
        .map(|party| {
            let entry = names.entry(&party.name);
            if !quotes_name(&quotes, &party.name) {
                let message = format!(
                    "party `{}` is named in none of the agreement's quotes: cite the sentence that names it",
                    party.name
                );
                problems.push(Diagnostic::warning(&agreement.source.path, message).at(party.position));
            }
            entry
        })
        .collect()
}

fn statement(outline: &Outline<'_>, statement: &Statement, written: &BTreeSet<PathBuf>, problems: &mut Vec<Diagnostic>) -> Related {
    let path = &statement.source.path;
    let (speaker, at) = &statement.speaker;
    let speaker = NamedId {
        kind: IdKind::Speaker,
        id: speaker.clone(),
        position: *at,
    };
    let people = match entry(outline, &speaker, path, written) {
        Ok(i) => vec![i],
        Err(problem) => {
            problems.extend(problem);
            Vec::new()
        }
    };
    let event = statement.event.as_ref().and_then(|(id, at)| {
        let named = NamedId {
            kind: IdKind::Event,
            id: id.clone(),
            position: *at,
        };
        entry(outline, &named, path, written)
            .map_err(|problem| problems.extend(problem))
            .ok()
    });
    Related {
        people,
        event,
        ..Related::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(quote: &str) -> CitationRef {
        CitationRef {
            seed: "001".into(),
            quote: quote.into(),
            path: PathBuf::from("content/x.md"),
            position: (1, 1),
            translation: None,
        }
    }

    #[test]
    fn a_name_is_found_folded_and_as_whole_words() {
        let quotes = spaced_quotes(&[cite("Tổng Bí thư TÔ LÂM và Tổng thống Lee Jae Myung")]);
        assert!(quotes_name(&quotes, "Tô Lâm"));
        assert!(quotes_name(&quotes, "Lee Jae-myung"));
        assert!(!quotes_name(&quotes, "Lâm Đồng"));
        assert!(!quotes_name(&spaced_quotes(&[cite("Samsung, LG")]), "SK"));
        assert!(!quotes_name(&spaced_quotes(&[cite("SKT")]), "SK"), "not inside a longer word");
        assert!(!quotes_name(&quotes, " "));
    }
}
