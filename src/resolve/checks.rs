//! Checks that only the whole dossier can make: a note without its seed, a
//! seed without a note, an event naming an unknown person, a name given to
//! two people, two observations of one period that disagree without a
//! discrepancy flag, a link to a fragment its page does not define, and the
//! seed figures no metric cites (the coverage list). Each returns its
//! problems; none changes the dossier.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::citation::Citation;
use super::model::{Bodies, Fact, ItemKind, Outline};
use crate::diag::Diagnostic;
use crate::parse::content::{Content, Person};
use crate::parse::seed::Seed;

/// An error at each note whose seed does not exist.
pub fn notes_without_seeds(seeds: &[Seed], content: &Content) -> Vec<Diagnostic> {
    let stems: HashSet<&str> = seeds.iter().map(|s| s.stem.as_str()).collect();
    content
        .articles
        .iter()
        .filter(|note| !stems.contains(note.seed_stem.as_str()))
        .map(|note| {
            Diagnostic::error(
                &note.source.path,
                format!(
                    "note for seed `{}`, but there is no `seeds/{}.txt`: name the note after its seed's file",
                    note.seed_stem, note.seed_stem
                ),
            )
            .at((1, 1))
        })
        .collect()
}

/// A warning for each seed without a note; a note that exists but failed to
/// parse (it is among `written`) has its own error already.
pub fn missing_notes(outline: &Outline<'_>, written: &BTreeSet<PathBuf>) -> Vec<Diagnostic> {
    outline.items[outline.articles.clone()]
        .iter()
        .filter_map(|item| match item.fact {
            Fact::Article(a) if a.note.is_none() => Some(a.seed),
            _ => None,
        })
        .filter(|seed| !written.contains(&Path::new("content/articles").join(format!("{}.md", seed.stem))))
        .map(|seed| {
            Diagnostic::warning(
                &seed.path,
                format!("seed has no note: add `content/articles/{}.md` with a title and summary", seed.stem),
            )
        })
        .collect()
}

/// Checks every link to a `#fragment` against the ids its target page
/// defines: its bodies' ids, and on an article page its paragraphs' anchors
/// and the template's own ids.
pub fn fragments(outline: &Outline<'_>, bodies: &Bodies) -> Vec<Diagnostic> {
    let mut ids: HashMap<String, HashSet<&str>> = HashMap::new();
    for (item, body) in outline.items.iter().zip(&bodies.page) {
        if let (true, Some(body)) = (item.is_page(), body) {
            ids.entry(item.target.route.file())
                .or_default()
                .extend(body.ids.iter().map(String::as_str));
        }
        if let Fact::Article(a) = item.fact {
            let set = ids.entry(item.target.route.file()).or_default();
            set.extend(a.seed.blocks.iter().map(|b| b.anchor.as_str()));
            set.extend(["cited-by", "article-text", "note"]);
        }
    }
    let mut errors = Vec::new();
    for link in bodies.page.iter().flatten().flat_map(|d| &d.fragment_links) {
        if ids.get(&link.target).is_some_and(|set| !set.contains(link.fragment.as_str())) {
            errors.push(
                Diagnostic::error(
                    &link.path,
                    format!("link to `#{}` in `{}`, which has no such anchor", link.fragment, link.target),
                )
                .at(link.position),
            );
        }
    }
    errors
}

/// Checks across the facts: people ids of events, a name given to two
/// people, same-period observations that disagree without a flag.
pub fn facts(content: &Content) -> Vec<Diagnostic> {
    let mut errors = check_names(&content.people);
    let ids: HashSet<&str> = content.people.iter().map(|p| p.id.as_str()).collect();
    for event in &content.events {
        for (id, position) in &event.people {
            if !ids.contains(&id.as_str()) {
                errors.push(
                    Diagnostic::error(
                        &event.source.path,
                        match crate::text::suggest::did_you_mean(id, ids.iter().copied()) {
                            Some(suggestion) => format!("unknown person `{id}`: {suggestion} (or add `content/people/{id}.md`)"),
                            None => format!("unknown person `{id}`: add `content/people/{id}.md` or use one of the ids there"),
                        },
                    )
                    .at(*position),
                );
            }
        }
    }
    for metric in content.metrics.iter().filter(|m| !m.discrepancy) {
        let mut by_period: BTreeMap<Option<&str>, &crate::parse::content::Observation> = BTreeMap::new();
        for o in &metric.observations {
            if let Some(first) = by_period.insert(o.period.as_deref(), o) {
                if first.value != o.value {
                    errors.push(Diagnostic::error(
                        &metric.source.path,
                        format!(
                            "two observations of period `{}` disagree ({} and {}): set `discrepancy = true` with a `discrepancy_note`, never pick one silently",
                            o.period.as_deref().unwrap_or("none"),
                            first.display,
                            o.display
                        ),
                    )
                    .at(o.position));
                }
            }
        }
    }
    errors
}

/// A name (or alias) that two people share, in any spelling that folds to
/// the same words, is an error at its second holder (by file name).
fn check_names(people: &[Person]) -> Vec<Diagnostic> {
    let mut sorted: Vec<&Person> = people.iter().collect();
    sorted.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    let mut holders: BTreeMap<String, &Person> = BTreeMap::new();
    let mut errors = Vec::new();
    for person in sorted {
        for (name, position) in person.names().zip(&person.name_positions) {
            let key = crate::text::fold::folded_words(name).join(" ");
            match holders.get(&key) {
                Some(other) if other.id != person.id => errors.push(
                    Diagnostic::error(
                        &person.source.path,
                        format!(
                            "`{name}` already names `{}` (`{}`): merge the two files, or keep the name in one",
                            other.id,
                            other.source.path.display()
                        ),
                    )
                    .at(*position),
                ),
                Some(_) => {}
                None => {
                    holders.insert(key, person);
                }
            }
        }
    }
    errors
}

/// The coverage list: a warning at each seed figure no metric cites.
pub fn coverage(outline: &Outline<'_>) -> Vec<Diagnostic> {
    let metric_citations: Vec<&Citation> = outline
        .items
        .iter()
        .filter(|i| matches!(i.fact, Fact::Metric(_)))
        .flat_map(|i| i.sources.iter().flatten())
        .collect();
    // A dossier without metrics does not track its figures.
    if outline.of_kind(ItemKind::Metric).next().is_none() {
        return Vec::new();
    }
    let seeds = outline.seeds;
    uncited_figures(seeds, &metric_citations)
        .into_iter()
        .map(|f| {
            let seed = &seeds[f.seed];
            Diagnostic::warning(
                &seed.path,
                format!(
                    "figure `{}` is cited by no metric: add an observation to `content/statistics/`",
                    f.figure
                ),
            )
            .at((seed.blocks[f.block].line, 1))
        })
        .collect()
}

/// A figure of a seed that no metric cites: its text and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncitedFigure {
    pub seed: usize,
    pub block: usize,
    pub figure: String,
}

/// Figures (amounts, counts, percentages) in the seeds that no metric's
/// citation covers; calendar dates and years are not figures.
pub fn uncited_figures(seeds: &[Seed], metric_citations: &[&Citation]) -> Vec<UncitedFigure> {
    let mut cited: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
    for c in metric_citations {
        cited.entry((c.hit.seed, c.hit.block)).or_default().push((c.hit.start, c.hit.end));
    }
    let mut out = Vec::new();
    for (s, seed) in seeds.iter().enumerate() {
        for (b, block) in seed.blocks.iter().enumerate() {
            let spans = cited.get(&(s, b)).map_or(&[][..], Vec::as_slice);
            for (start, figure) in crate::text::figure::figures(&block.text) {
                let end = start + figure.len();
                let covered = spans.iter().any(|&(from, to)| from <= start && end <= to);
                if !covered {
                    out.push(UncitedFigure {
                        seed: s,
                        block: b,
                        figure: figure.to_string(),
                    });
                }
            }
        }
    }
    out
}
