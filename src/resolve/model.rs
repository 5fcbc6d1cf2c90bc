//! The resolved dossier: one list of items that every output reads.
//!
//! An [`Item`] is anything the site shows: the home page, an article (a seed
//! and its note), an event, an agreement, a metric, a person, a free page or a
//! section intro. Each owns its title, the place links to it land (a typed
//! [`Target`]), the prefix of the ids its body defines and its front-matter
//! citations, resolved. The [`Outline`] holds the items, the seeds and the
//! [`Manifest`] of every output path; the [`Dossier`] adds each item's
//! rendered body and the "cited by" index. Views, exports, search, feeds and
//! the print page only read these types.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::citation::{Citation, Hit, SeedIndex};
use super::cited_by::CitationIndex;
use super::manifest::Manifest;
use super::route::{Route, Target};
use super::timeline::EventGroup;
use crate::diag::Diagnostic;
use crate::markdown::{Links, Rendered};
use crate::parse::Unread;
use crate::parse::content::{
    Agreement, ArticleNote, CitationRef, Home, Metric, Page, Person, Section, Source, Statement, TimelineEvent, Visit,
};
use crate::parse::seed::Seed;

/// How many free pages the footer lists; a site with more gets a page listing them all.
pub const FOOTER_PAGES: usize = 12;

/// What an item is; [`ItemKind::as_str`] names it in the search index and the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Home,
    Article,
    Event,
    Agreement,
    Metric,
    Statement,
    Person,
    Page,
    Intro,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Home => "home",
            ItemKind::Article => "article",
            ItemKind::Event => "event",
            ItemKind::Agreement => "agreement",
            ItemKind::Metric => "metric",
            ItemKind::Statement => "statement",
            ItemKind::Person => "person",
            ItemKind::Page => "page",
            ItemKind::Intro => "intro",
        }
    }
}

impl Serialize for ItemKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A seed with its note, if it has one.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    /// The seed's index in [`Outline::seeds`].
    pub seed_index: usize,
    pub seed: &'a Seed,
    pub note: Option<&'a ArticleNote>,
}

/// What an item is made of, by kind.
#[derive(Debug, Clone, Copy)]
pub enum Fact<'a> {
    Home(&'a Home),
    Article(Article<'a>),
    Event(&'a TimelineEvent),
    Agreement(&'a Agreement),
    Metric(&'a Metric),
    Statement(&'a Statement),
    Person(&'a Person),
    Page(&'a Page),
    Intro(Section, &'a Page),
}

impl<'a> Fact<'a> {
    pub fn kind(&self) -> ItemKind {
        match self {
            Fact::Home(_) => ItemKind::Home,
            Fact::Article(_) => ItemKind::Article,
            Fact::Event(_) => ItemKind::Event,
            Fact::Agreement(_) => ItemKind::Agreement,
            Fact::Metric(_) => ItemKind::Metric,
            Fact::Statement(_) => ItemKind::Statement,
            Fact::Person(_) => ItemKind::Person,
            Fact::Page(_) => ItemKind::Page,
            Fact::Intro(..) => ItemKind::Intro,
        }
    }

    /// The content file the item is written in (an article without a note has none).
    pub fn source(&self) -> Option<&'a Source> {
        match *self {
            Fact::Home(h) => Some(&h.source),
            Fact::Article(a) => a.note.map(|n| &n.source),
            Fact::Event(e) => Some(&e.source),
            Fact::Agreement(a) => Some(&a.source),
            Fact::Metric(m) => Some(&m.source),
            Fact::Statement(st) => Some(&st.source),
            Fact::Person(p) => Some(&p.source),
            Fact::Page(p) | Fact::Intro(_, p) => Some(&p.source),
        }
    }

    /// The citation lists its front matter holds: the visit's sources; an
    /// event's, then each of its relations' to other events; an agreement's;
    /// one per observation of a metric; a statement's words.
    pub fn cited_lists(&self) -> Vec<&'a [CitationRef]> {
        match *self {
            Fact::Home(h) => h.visit.iter().map(|v| v.sources.as_slice()).collect(),
            Fact::Event(e) => std::iter::once(e.sources.as_slice())
                .chain(e.relations.iter().map(|r| std::slice::from_ref(&r.cite)))
                .collect(),
            Fact::Agreement(a) => vec![&a.sources],
            Fact::Metric(m) => m.observations.iter().map(|o| o.sources.as_slice()).collect(),
            Fact::Statement(s) => vec![std::slice::from_ref(&s.quote)],
            Fact::Article(_) | Fact::Person(_) | Fact::Page(_) | Fact::Intro(..) => Vec::new(),
        }
    }
}

/// One thing the site shows.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub fact: Fact<'a>,
    pub title: String,
    /// Where a link to the item lands: its page, or its place on its section's page.
    pub target: Target,
    /// Prefixed to the ids its body defines, so bodies printed together stay unique.
    pub id_prefix: String,
    /// Its front matter's citations, resolved: one list per [`Fact::cited_lists`].
    pub sources: Vec<Vec<Citation>>,
    /// The other items it names, resolved.
    pub related: Related,
}

/// What an item names of the others, by item index.
#[derive(Debug, Clone, Default)]
pub struct Related {
    /// People and organisations: an event's participants (as listed, or as
    /// its quotes name them), a statement's speaker.
    pub people: Vec<usize>,
    /// An agreement's parties: each one's entry in `content/people/`, where there is one.
    pub parties: Vec<Option<usize>>,
    /// A statement's occasion.
    pub event: Option<usize>,
}

impl<'a> Item<'a> {
    pub fn kind(&self) -> ItemKind {
        self.fact.kind()
    }

    pub fn source(&self) -> Option<&'a Source> {
        self.fact.source()
    }

    /// The language the item's words are in when it is not its edition's
    /// (the default's): an article without a note, or a document without a
    /// translation, in an edition other than the default.
    pub fn untranslated_lang<'o>(&self, outline: &'o Outline<'_>) -> Option<&'o str> {
        let original = outline.original_language.as_deref()?;
        self.source().is_none_or(|s| s.translated.is_none()).then_some(original)
    }

    /// True for a draft shown because drafts were asked for.
    pub fn is_draft(&self) -> bool {
        self.source().is_some_and(|s| s.draft)
    }

    /// True for the items that are pages of their own.
    pub fn is_page(&self) -> bool {
        self.target.anchor.is_none()
    }

    /// Where readers of "cited by" lists land for the item's `list`-th
    /// front-matter citation list (the home page's are on its visit box).
    pub fn cited_from(&self) -> Target {
        match self.fact {
            Fact::Home(_) => Target::at(self.target.route.clone(), "visit"),
            _ => self.target.clone(),
        }
    }
}

/// The items of a dossier with their routes, before their bodies are rendered.
#[derive(Debug)]
pub struct Outline<'a> {
    pub seeds: &'a [Seed],
    pub index: SeedIndex<'a>,
    /// Home (when written), the articles in seed order, the section intros,
    /// events, agreements, metrics, people and free pages, each kind in path order.
    pub items: Vec<Item<'a>>,
    /// Where the articles are in `items`: `items[articles.start + seed_index]`.
    pub articles: Range<usize>,
    pub home: Option<usize>,
    pub visit: Option<&'a Visit>,
    /// The intro of each section that has one, by item.
    pub intros: BTreeMap<Section, usize>,
    /// The sections the site has pages for, in navigation order.
    pub sections: Vec<Section>,
    /// The events in time order, grouped by year and by day of the visit.
    pub timeline: Vec<EventGroup>,
    pub manifest: Manifest,
    /// The item each content file makes, by path.
    by_path: rustc_hash::FxHashMap<&'a Path, usize>,
    /// The item of each event and person, by kind and id (file stem).
    by_id: HashMap<(ItemKind, String), usize>,
    /// The content files that failed to parse.
    unparsed: &'a BTreeSet<PathBuf>,
    /// In an edition other than the default, the default's language: that
    /// of the seeds (so of every quote) and of each untranslated document.
    pub original_language: Option<String>,
}

impl<'a> Outline<'a> {
    /// The citation `cite`, whose quote is `hit` in its seed.
    pub fn citation(&self, cite: &CitationRef, hit: Hit) -> Citation {
        let seed = &self.seeds[hit.seed];
        Citation {
            target: Target::at(self.article(hit.seed).target.route.clone(), seed.blocks[hit.block].anchor.clone()),
            seed: seed.stem.clone(),
            quote: crate::parse::seed::collapse_spaces(&cite.quote),
            translation: cite.translation.clone(),
            hit,
        }
    }

    pub(super) fn new(
        seeds: &'a [Seed],
        unread: &'a Unread,
        items: Vec<Item<'a>>,
        articles: Range<usize>,
        visit: Option<&'a Visit>,
    ) -> Outline<'a> {
        let by_path = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((item.source()?.original(), i)))
            .collect();
        let home = items.iter().position(|i| i.kind() == ItemKind::Home);
        let intros = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item.fact {
                Fact::Intro(section, _) => Some((section, i)),
                _ => None,
            })
            .collect();
        let mut outline = Outline {
            index: SeedIndex::new(seeds).with_unread(unread.seeds.clone()),
            seeds,
            items,
            articles,
            home,
            visit,
            intros,
            sections: Vec::new(),
            timeline: Vec::new(),
            manifest: Manifest::default(),
            by_path,
            by_id: HashMap::new(),
            unparsed: &unread.content,
            original_language: None,
        };
        let events = outline.events().map(|(i, e)| ((ItemKind::Event, e.id.clone()), i));
        let people = outline.people().map(|(i, p)| ((ItemKind::Person, p.id.clone()), i));
        outline.by_id = events.chain(people).collect();
        outline
    }

    /// The article of seed `seed_index`.
    pub fn article(&self, seed_index: usize) -> &Item<'a> {
        &self.items[self.articles.start + seed_index]
    }

    /// The items of one kind, with their indices.
    pub fn of_kind(&self, kind: ItemKind) -> impl Iterator<Item = (usize, &Item<'a>)> {
        self.items.iter().enumerate().filter(move |(_, i)| i.kind() == kind)
    }

    /// The events with their item indices, in path order.
    pub fn events(&self) -> impl Iterator<Item = (usize, &'a TimelineEvent)> + '_ {
        self.picked(|f| if let Fact::Event(e) = f { Some(e) } else { None })
    }

    /// The agreements with their item indices, in path order.
    pub fn agreements(&self) -> impl Iterator<Item = (usize, &'a Agreement)> + '_ {
        self.picked(|f| if let Fact::Agreement(a) = f { Some(a) } else { None })
    }

    /// The metrics with their item indices, in path order.
    pub fn metrics(&self) -> impl Iterator<Item = (usize, &'a Metric)> + '_ {
        self.picked(|f| if let Fact::Metric(m) = f { Some(m) } else { None })
    }

    /// The statements with their item indices, in path order.
    pub fn statements(&self) -> impl Iterator<Item = (usize, &'a Statement)> + '_ {
        self.picked(|f| if let Fact::Statement(s) = f { Some(s) } else { None })
    }

    /// The people and organisations with their item indices, in path order.
    pub fn people(&self) -> impl Iterator<Item = (usize, &'a Person)> + '_ {
        self.picked(|f| if let Fact::Person(p) = f { Some(p) } else { None })
    }

    fn picked<'s, T: 's>(&'s self, pick: fn(Fact<'a>) -> Option<T>) -> impl Iterator<Item = (usize, T)> + 's {
        self.items
            .iter()
            .enumerate()
            .filter_map(move |(i, item)| Some((i, pick(item.fact)?)))
    }

    /// The intro of `section`, when written.
    pub fn intro(&self, section: Section) -> Option<&Item<'a>> {
        self.intros.get(&section).map(|&i| &self.items[i])
    }

    /// The item written in content file `path`.
    pub fn item_at(&self, path: &Path) -> Option<&Item<'a>> {
        self.by_path.get(path).map(|&i| &self.items[i])
    }

    /// The item of the person whose id (file stem) is `id`.
    pub fn person(&self, id: &str) -> Option<&Item<'a>> {
        self.person_index(id).map(|i| &self.items[i])
    }

    /// The item index of the person whose id is `id`.
    pub fn person_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(&(ItemKind::Person, id.to_string())).copied()
    }

    /// The item index of the event whose id (file stem) is `id`.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(&(ItemKind::Event, id.to_string())).copied()
    }
}

impl Links for Outline<'_> {
    fn cite(&self, cite: &CitationRef) -> Result<Citation, Option<Diagnostic>> {
        let hit = self
            .index
            .find(&cite.seed, &cite.quote)
            .map_err(|miss| self.index.diagnostic(cite, &miss))?;
        Ok(self.citation(cite, hit))
    }

    fn page(&self, content_path: &Path) -> Option<Route> {
        self.item_at(content_path).filter(|i| i.is_page()).map(|i| i.target.route.clone())
    }

    /// A fact's file is never a page, parsed or not.
    fn unparsed(&self, content_path: &Path) -> bool {
        self.unparsed.contains(content_path) && !crate::parse::content::is_fact(content_path)
    }

    fn has_file(&self, site_path: &str) -> bool {
        self.manifest.has(site_path)
    }
}

/// Each item's rendered body, by item index: for its own page, and for the
/// print page (links relative to it) where the print page shows it.
#[derive(Debug, Default)]
pub struct Bodies {
    pub page: Vec<Option<Arc<Rendered>>>,
    pub print: Vec<Option<Arc<Rendered>>>,
}

impl Bodies {
    /// Once the pages are written, only the bodies' text is read (the
    /// search index): the print bodies and all but each body's text are
    /// dropped, but for those another holder shares (what `serve` keeps).
    fn pages_written(&mut self) {
        self.print = Vec::new();
        for rendered in self.page.iter_mut().flatten() {
            if let Some(rendered) = Arc::get_mut(rendered) {
                *rendered = Rendered {
                    text: std::mem::take(&mut rendered.text),
                    ..Rendered::default()
                };
            }
        }
    }
}

/// Which rendering of the bodies a view embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// The site's pages.
    Pages,
    /// The print page.
    Print,
}

/// The resolved dossier: its outline, its rendered bodies and who cites what.
#[derive(Debug)]
pub struct Dossier<'a> {
    pub outline: Outline<'a>,
    pub bodies: Bodies,
    pub cited: CitationIndex,
}

impl<'a> Dossier<'a> {
    /// The body of item `index` as rendered for `medium`.
    pub fn body(&self, index: usize, medium: Medium) -> Option<&Rendered> {
        let bodies = match medium {
            Medium::Pages => &self.bodies.page,
            Medium::Print => &self.bodies.print,
        };
        bodies.get(index).and_then(Option::as_deref)
    }

    /// The body's HTML of item `index`, or nothing.
    pub fn body_html(&self, index: usize, medium: Medium) -> &str {
        self.body(index, medium).map_or("", |b| b.html.as_str())
    }

    /// Once the pages are written, what follows (the data files, the
    /// search index) reads the outline and the bodies' text alone: the
    /// rest of the bodies and the index of who cites what are dropped.
    pub fn pages_written(&mut self) {
        self.bodies.pages_written();
        self.cited = CitationIndex::default();
    }

    pub fn items(&self) -> &[Item<'a>] {
        &self.outline.items
    }
}
