//! The dossier model: seeds joined with their notes, and every page given its
//! route.
//!
//! This stage decides the site's shape (which pages exist and where) and
//! checks what only the whole can show: notes without a seed, seeds without a
//! note, two pages on one URL. It renders nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::parse::content::{ArticleNote, Content, Page, Section, content_route};
use crate::parse::seed::Seed;
use crate::resolve::route::Route;
use crate::text::slug::{slugify_or, slugify_title};

/// Top-level folders the generator writes itself; a free page may not take them.
pub const RESERVED_ROUTES: &[&str] = &[
    "articles",
    "timeline",
    "agreements",
    "statistics",
    "people",
    "assets",
    "data",
    "search",
];

/// One seed with its note (if any) and its page.
#[derive(Debug, Clone)]
pub struct Article<'a> {
    pub index: usize,
    pub seed: &'a Seed,
    pub note: Option<&'a ArticleNote>,
    pub title: String,
    pub route: Route,
}

/// A free page or a section intro, with its route.
#[derive(Debug, Clone)]
pub struct FreePage<'a> {
    pub page: &'a Page,
    pub route: Route,
}

/// The site's pages and what they are made of.
#[derive(Debug)]
pub struct Dossier<'a> {
    pub seeds: &'a [Seed],
    pub content: &'a Content,
    pub articles: Vec<Article<'a>>,
    pub pages: Vec<FreePage<'a>>,
    pub intros: HashMap<Section, &'a Page>,
}

impl<'a> Dossier<'a> {
    /// Joins seeds and content, gives every page a route.
    pub fn assemble(seeds: &'a [Seed], content: &'a Content) -> (Dossier<'a>, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let articles = articles(seeds, content, &mut errors);
        let pages = free_pages(content, &mut errors);
        let intros = content.intros.iter().map(|(s, p)| (*s, p)).collect();
        let dossier = Dossier {
            seeds,
            content,
            articles,
            pages,
            intros,
        };
        (dossier, errors)
    }

    /// True when the site has a page for `section`: the articles always, a fact
    /// section when it has items or an intro.
    pub fn has_section(&self, section: Section) -> bool {
        let c = self.content;
        let has_items = match section {
            Section::Articles => true,
            Section::Timeline => !c.events.is_empty(),
            Section::Agreements => !c.agreements.is_empty(),
            Section::Statistics => !c.metrics.is_empty(),
            Section::People => !c.people.is_empty(),
        };
        has_items || self.intros.contains_key(&section)
    }

    /// The sections the site has pages for, in navigation order.
    pub fn sections(&self) -> Vec<Section> {
        Section::ALL.into_iter().filter(|s| self.has_section(*s)).collect()
    }

    /// The route of every content file that becomes a page, by its path.
    pub fn content_routes(&self) -> HashMap<PathBuf, Route> {
        let mut routes: HashMap<PathBuf, Route> = HashMap::new();
        if let Some(home) = &self.content.home {
            routes.insert(home.source.path.clone(), Route::home());
        }
        for article in &self.articles {
            if let Some(note) = article.note {
                routes.insert(note.source.path.clone(), article.route.clone());
            }
        }
        for page in &self.pages {
            routes.insert(page.page.source.path.clone(), page.route.clone());
        }
        for (section, page) in &self.intros {
            routes.insert(page.source.path.clone(), Route::from_parts(&[section.dir()]));
        }
        routes
    }
}

fn articles<'a>(seeds: &'a [Seed], content: &'a Content, errors: &mut Vec<Diagnostic>) -> Vec<Article<'a>> {
    let notes: HashMap<&str, &ArticleNote> = content.articles.iter().map(|n| (n.seed_stem.as_str(), n)).collect();
    let stems: HashSet<&str> = seeds.iter().map(|s| s.stem.as_str()).collect();
    for note in &content.articles {
        if !stems.contains(note.seed_stem.as_str()) {
            errors.push(
                Diagnostic::error(
                    &note.source.path,
                    format!(
                        "note for seed `{}`, but there is no `seeds/{}.txt`: name the note after its seed's file",
                        note.seed_stem, note.seed_stem
                    ),
                )
                .at((1, 1)),
            );
        }
    }
    let mut by_slug: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut list = Vec::with_capacity(seeds.len());
    for (index, seed) in seeds.iter().enumerate() {
        let note = notes.get(seed.stem.as_str()).copied();
        let title = note.map_or_else(|| seed.derived_title(), |n| n.title.clone());
        let slug = note
            .and_then(|n| n.slug.clone())
            .unwrap_or_else(|| slugify_title(&title, &slugify_or(&seed.stem, "article")));
        let owner = note.map_or_else(|| seed.path.clone(), |n| n.source.path.clone());
        if let Some(first) = by_slug.insert(slug.clone(), owner.clone()) {
            errors.push(
                Diagnostic::error(
                    &owner,
                    format!(
                        "article URL `/articles/{slug}/` is already taken by `{}`: set a different `slug`",
                        first.display()
                    ),
                )
                .at((1, 1)),
            );
        }
        list.push(Article {
            index,
            seed,
            note,
            title,
            route: Route::from_parts(&["articles", &slug]),
        });
    }
    list
}

fn free_pages<'a>(content: &'a Content, errors: &mut Vec<Diagnostic>) -> Vec<FreePage<'a>> {
    let mut taken: BTreeMap<Route, PathBuf> = BTreeMap::new();
    let mut pages = Vec::with_capacity(content.pages.len());
    for page in &content.pages {
        let parts: Vec<String> = content_route(&page.source.path).iter().map(|p| slugify_or(p, "page")).collect();
        let route = Route::from_parts(&parts);
        let path = &page.source.path;
        if parts.first().is_some_and(|p| RESERVED_ROUTES.contains(&p.as_str())) {
            errors.push(
                Diagnostic::error(
                    path,
                    format!("page would be published at `{route}`, which the generator uses itself: move the file"),
                )
                .at((1, 1)),
            );
            continue;
        }
        if let Some(first) = taken.insert(route.clone(), path.clone()) {
            errors.push(
                Diagnostic::error(
                    path,
                    format!(
                        "page would be published at `{route}`, like `{}`: rename one of them",
                        first.display()
                    ),
                )
                .at((1, 1)),
            );
            continue;
        }
        pages.push(FreePage { page, route });
    }
    pages
}
