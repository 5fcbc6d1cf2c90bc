//! Checks that only the whole dossier can make: a note without its seed, a
//! seed without a note, an event naming an unknown person, a name given to
//! two people, two observations of one period that disagree without a
//! discrepancy flag, a link to a fragment its page does not define, and the
//! seed figures no metric cites (the coverage list). Each returns its
//! problems; none changes the dossier.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::citation::Citation;
use super::model::{Bodies, Fact, ItemKind, Outline};
use crate::diag::Diagnostic;
use crate::parse::content::{Content, Person};
use crate::parse::date::PartialDate;
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
    let links: Vec<_> = bodies.page.iter().flatten().flat_map(|d| &d.fragment_links).collect();
    // Only the pages links point into need their ids gathered.
    let targets: HashSet<&str> = links.iter().map(|link| link.target.as_str()).collect();
    let mut ids: HashMap<String, HashSet<&str>> = HashMap::new();
    for (item, body) in outline.items.iter().zip(&bodies.page) {
        if targets.is_empty() {
            break;
        }
        if !targets.contains(item.target.route.file().as_str()) {
            continue;
        }
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
    for link in links {
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

/// Checks across the facts: a name given to two people, observations of
/// one period that disagree with no note saying why.
pub fn facts(content: &Content) -> Vec<Diagnostic> {
    let mut errors = check_names(&content.people);
    for metric in &content.metrics {
        if let Some((first, other)) = metric.disagreement() {
            if metric.discrepancy_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                let message = format!(
                    "two observations of period `{}` disagree ({} and {}): add a `discrepancy_note` saying why the sources differ; the build shows both, never one",
                    other.period.as_deref().unwrap_or("none"),
                    first.display,
                    other.display
                );
                errors.push(Diagnostic::error(&metric.source.path, message).at(other.position));
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
    // Reading every figure of every seed is most of the checks' time: seeds
    // are read in parallel, and the list stays in seed order.
    seeds
        .par_iter()
        .enumerate()
        .flat_map_iter(|(s, seed)| {
            let mut out = Vec::new();
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
            out
        })
        .collect()
}

/// A warning at each event, agreement and statement whose date is given as
/// stated (no `date_inferred`) but in none of its quotes.
pub fn stated_dates(outline: &Outline<'_>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for item in &outline.items {
        let (date, at, basis, written, source) = match item.fact {
            Fact::Event(e) => (Some(e.date), e.date_position, &e.date_basis, e.sources.len(), &e.source),
            Fact::Agreement(a) => (a.date, a.date_position, &a.date_basis, a.sources.len(), &a.source),
            Fact::Statement(s) => (s.date, s.date_position, &s.date_basis, 1, &s.source),
            _ => continue,
        };
        // Only quotes found in their seeds are judged: a quote not found has its own error.
        let quotes = item.sources.first().map_or(&[][..], Vec::as_slice);
        let Some(date) = date.filter(|_| basis.inferred_from().is_none() && quotes.len() == written) else {
            continue;
        };
        if !quotes.iter().any(|q| date_in_text(date, &q.quote)) {
            warnings.push(
                Diagnostic::warning(
                    &source.path,
                    format!(
                        "the date `{date}` is in none of the quotes: cite the sentence that gives it, or say what it is inferred from with `date_inferred = \"…\"`"
                    ),
                )
                .at(at),
            );
        }
    }
    warnings
}

/// Whether `text` gives `date` as Vietnamese news writes dates: a day as
/// `11/8`, `11-8`, `11.8` or `ngày 11 tháng 8`; a month as `tháng 8` or
/// `8/2025`; a year as `2025`.
pub fn date_in_text(date: PartialDate, text: &str) -> bool {
    let numbers = numbers(text);
    let is = |n: &(usize, usize, u32), v: u32| n.2 == v;
    let year = u32::try_from(date.year).unwrap_or(0);
    match (date.month.map(u32::from), date.day.map(u32::from)) {
        (Some(m), Some(d)) => numbers.windows(2).any(|w| {
            let between = &text[w[0].1..w[1].0];
            is(&w[0], d) && is(&w[1], m) && (matches!(between, "/" | "-" | "." | "–") || between.trim() == "tháng")
        }),
        (Some(m), None) => numbers.iter().enumerate().any(|(i, n)| {
            let before = text[..n.0].trim_end();
            (is(n, m) && before.to_lowercase().ends_with("tháng"))
                || (is(n, m) && numbers.get(i + 1).is_some_and(|next| is(next, year) && &text[n.1..next.0] == "/"))
        }),
        _ => numbers.iter().any(|n| is(n, year)),
    }
}

/// The runs of ASCII digits of `text`: (start, end, value).
fn numbers(text: &str) -> Vec<(usize, usize, u32)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if let Ok(value) = text[start..i].parse() {
                out.push((start, i, value));
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_found_as_the_news_writes_them() {
        let day = PartialDate::parse("2025-08-11").unwrap();
        assert!(date_in_text(day, "trưa 11/8 (giờ địa phương)"));
        assert!(date_in_text(day, "ngày 11 tháng 8"));
        assert!(date_in_text(day, "sáng 11-08"));
        assert!(!date_in_text(day, "hai bên vừa có cuộc hội đàm"));
        assert!(!date_in_text(day, "ngày 1/8"));
        let month = PartialDate::parse("2022-12").unwrap();
        assert!(date_in_text(month, "hồi tháng 12/2022"));
        assert!(date_in_text(month, "vào 12/2022"));
        assert!(!date_in_text(month, "năm 2022"));
        let year = PartialDate::parse("1992").unwrap();
        assert!(date_in_text(year, "năm 1992"));
        assert!(!date_in_text(year, "năm 1993"));
    }
}
