//! Resolving: the parsed files joined into one dossier. Every item gets its
//! route and anchor, every output path is claimed in the manifest, the
//! front-matter citations are found in their seeds, and what only the whole
//! dossier can show is checked here ([`checks`]). Bodies are rendered by the
//! `markdown` stage against the [`Outline`]; [`complete`] then adds them and
//! the "cited by" index, and checks the links to fragments.

pub mod checks;
pub mod citation;
pub mod cited_by;
pub mod edition;
pub mod manifest;
pub mod model;
pub mod people;
pub mod route;
pub mod timeline;

mod claims;
mod relate;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::Links;
use crate::parse::Parsed;
use crate::parse::content::{Content, Section, content_route};
use crate::parse::seed::Seed;
use crate::render::assets::Assets;
use crate::text::slug::{slugify_or, slugify_title};
use cited_by::CitationIndex;
use model::{Article, Bodies, Dossier, Fact, Item, ItemKind, Outline};
use route::{Route, Target};

/// Joins the parsed files into the dossier's outline, claims every output
/// path (the copied files among them, which it returns) and resolves the
/// front-matter citations; problems across files go to `diagnostics`. For
/// an edition other than the default (`checked` false), only the problems
/// of its own outputs are: its facts are the default edition's, checked there.
pub fn outline<'a>(parsed: &'a Parsed, checked: bool, diagnostics: &mut Diagnostics) -> (Outline<'a>, Assets<'a>) {
    let content = &parsed.content;
    let mut errors = if checked {
        checks::notes_without_seeds(&parsed.seeds, content)
    } else {
        Vec::new()
    };
    let mut items = Vec::new();
    if let Some(home) = &content.home {
        items.push(item(Fact::Home(home), &home.title, Target::page(Route::home()), ""));
    }
    let articles = items.len()..items.len() + parsed.seeds.len();
    items.extend(article_items(&parsed.seeds, content));
    items.extend(fact_items(content));
    let visit = content.home.as_ref().and_then(|h| h.visit.as_ref());
    let mut outline = Outline::new(&parsed.seeds, &parsed.unread, items, articles, visit);
    outline.sections = Section::ALL.into_iter().filter(|s| has_section(&outline, *s)).collect();
    let assets = claims::claim_outputs(&mut outline, parsed, &mut errors);
    if !checked {
        diagnostics.extend(std::mem::take(&mut errors));
    }
    cite_front_matter(&mut outline, &mut errors);
    errors.extend(relate::relate(&mut outline, &parsed.content_paths));
    errors.extend(unparsed(&outline, parsed));
    let (timeline, order_problems) = timeline::order(&outline);
    outline.timeline = timeline;
    errors.extend(order_problems);
    errors.extend(checks::facts(content));
    errors.extend(checks::stated_dates(&outline));
    errors.extend(checks::missing_notes(&outline, &parsed.content_paths));
    if checked {
        diagnostics.extend(errors);
    }
    (outline, assets)
}

/// Adds the rendered bodies to the outline: the "cited by" index, and the
/// check of every link to a `#fragment` against the ids its page defines.
pub fn complete<'a>(outline: Outline<'a>, bodies: Bodies, diagnostics: &mut Diagnostics) -> Dossier<'a> {
    diagnostics.extend(checks::fragments(&outline, &bodies));
    let cited = CitationIndex::new(&outline.items, &bodies);
    Dossier { outline, bodies, cited }
}

fn item<'a>(fact: Fact<'a>, title: &str, target: Target, id_prefix: &str) -> Item<'a> {
    Item {
        fact,
        title: title.to_string(),
        target,
        id_prefix: id_prefix.to_string(),
        sources: Vec::new(),
        related: Default::default(),
    }
}

/// One article per seed, with its note when written; its URL from the
/// note's `slug`, else from its title.
fn article_items<'a>(seeds: &'a [Seed], content: &'a Content) -> Vec<Item<'a>> {
    let notes: std::collections::HashMap<&str, _> = content.articles.iter().map(|n| (n.seed_stem.as_str(), n)).collect();
    seeds
        .iter()
        .enumerate()
        .map(|(seed_index, seed)| {
            let note = notes.get(seed.stem.as_str()).copied();
            let title = note.map_or_else(|| seed.derived_title(), |n| n.title.clone());
            let slug = note
                .and_then(|n| n.slug.clone())
                .unwrap_or_else(|| slugify_title(&title, &slugify_or(&seed.stem, "article")));
            let route = Route::from_parts(&["articles", &slug]);
            // Prefixed, so that notes printed together (the print page) keep distinct ids.
            let prefix = if note.is_some() {
                format!("n{}-", seed_index + 1)
            } else {
                String::new()
            };
            let article = Article { seed_index, seed, note };
            item(Fact::Article(article), &title, Target::page(route), &prefix)
        })
        .collect()
}

/// The section intros, the facts (each on its section's page, at its anchor)
/// and the free pages.
fn fact_items<'a>(content: &'a Content) -> Vec<Item<'a>> {
    let mut items: Vec<Item<'a>> = content
        .intros
        .iter()
        .map(|(section, page)| item(Fact::Intro(*section, page), &page.title, Target::page(section.route()), ""))
        .collect();
    let facts = (content.events.iter().map(Fact::Event))
        .chain(content.agreements.iter().map(Fact::Agreement))
        .chain(content.metrics.iter().map(Fact::Metric))
        .chain(content.statements.iter().map(Fact::Statement))
        .chain(content.people.iter().map(Fact::Person));
    for fact in facts {
        // Each on its section's page, at an anchor of its kind: `e-hoi-dam`.
        let (section, kind, id, title, fallback) = match fact {
            Fact::Event(e) => (Section::Timeline, "e", &e.id, &e.title, "event"),
            Fact::Agreement(a) => (Section::Agreements, "a", &a.id, &a.title, "agreement"),
            Fact::Metric(m) => (Section::Statistics, "m", &m.id, &m.label, "metric"),
            Fact::Statement(st) => (Section::Statements, "s", &st.id, &st.title, "statement"),
            Fact::Person(p) => (Section::People, "who", &p.id, &p.name, "person"),
            _ => unreachable!("only facts are chained"),
        };
        let anchor = format!("{kind}-{}", slugify_or(id, fallback));
        let prefix = format!("{anchor}-");
        items.push(item(fact, title, Target::at(section.route(), anchor), &prefix));
    }
    // Slugging every free page's path is most of this at 10,000 pages: in
    // parallel, in order.
    let pages = content.pages.par_iter().map(|page| {
        let parts: Vec<String> = content_route(page.source.original())
            .iter()
            .map(|p| slugify_or(p, "page"))
            .collect();
        item(Fact::Page(page), &page.title, Target::page(Route::from_parts(&parts)), "")
    });
    items.par_extend(pages);
    items
}

/// True when the site has a page for `section`: the articles always, a fact
/// section when it has items or an intro.
fn has_section(outline: &Outline<'_>, section: Section) -> bool {
    let kind = match section {
        Section::Articles => return true,
        Section::Timeline => ItemKind::Event,
        Section::Agreements => ItemKind::Agreement,
        Section::Statistics => ItemKind::Metric,
        Section::Statements => ItemKind::Statement,
        Section::People => ItemKind::Person,
    };
    outline.intros.contains_key(&section) || outline.of_kind(kind).next().is_some()
}

/// What the files that failed to parse name of the others, checked as the
/// parsed files' names are: their citations found in their seeds, their ids
/// of people and events looked up (every problem of a file in one run).
fn unparsed(outline: &Outline<'_>, parsed: &Parsed) -> Vec<Diagnostic> {
    let unparsed = &parsed.content.unparsed;
    let citations = unparsed.par_iter().flat_map_iter(|(_, named)| named.citations.iter());
    let mut errors: Vec<Diagnostic> = citations.filter_map(|c| outline.cite(c).err().flatten()).collect();
    errors.extend(relate::unparsed_ids(outline, unparsed, &parsed.content_paths));
    errors
}

/// Finds every citation written in front matter in its seed; the item keeps
/// them, one list per list it wrote.
fn cite_front_matter(outline: &mut Outline<'_>, errors: &mut Vec<Diagnostic>) {
    let resolved: Vec<(Vec<Vec<_>>, Vec<Diagnostic>)> = outline
        .items
        .par_iter()
        .map(|item| {
            let mut errors = Vec::new();
            let lists = item
                .fact
                .cited_lists()
                .into_iter()
                .map(|cites| {
                    cites
                        .iter()
                        .filter_map(|c| outline.cite(c).map_err(|d| errors.extend(d)).ok())
                        .collect()
                })
                .collect();
            (lists, errors)
        })
        .collect();
    for (item, (lists, problems)) in outline.items.iter_mut().zip(resolved) {
        item.sources = lists;
        errors.extend(problems);
    }
}
