//! Rendering: the resolved dossier through the templates, one page per
//! entry of the manifest.
//!
//! A [`Frame`] holds what every page needs (settings, language, theme, the
//! site view) and renders free pages as soon as their bodies are rendered
//! ([`bodies`]). A [`Renderer`] adds the resolved dossier and renders every
//! other page from its [`PageKind`]. Pages are independent, so they are
//! rendered in parallel and each streamed out as it is done.

pub mod assets;
pub mod bodies;
pub mod counterparts;
pub mod theme;

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::disk::output::Sink;
use crate::markdown::{Rendered, TocEntry};
use crate::parse::config::Config;
use crate::parse::content::PersonKind;
use crate::parse::content::Section;
use crate::parse::i18n::Catalog;
use crate::resolve::manifest::PageKind;
use crate::resolve::model::{Dossier, FOOTER_PAGES, Fact, Item, ItemKind, Medium, Outline};
use crate::resolve::route::Route;
use crate::views::facts::{self, Facts, PeopleList};
use crate::views::*;
use assets::{Assets, SCRIPTS, STYLESHEETS};
use theme::Theme;

/// What every page is rendered with: settings, language, templates, the site view.
#[derive(Debug)]
pub struct Frame<'a> {
    pub config: &'a Config,
    pub catalog: &'a Catalog,
    pub theme: &'a Theme,
    pub site: SiteView<'a>,
    pub edition: EditionFrame<'a>,
}

/// Where a page stands among the editions: its counterparts, and whether
/// its own document is shown untranslated.
#[derive(Debug)]
pub struct EditionFrame<'a> {
    pub counterparts: &'a counterparts::Counterparts,
    /// This edition's place in `counterparts`.
    pub index: usize,
    /// The default language, in another edition: what an untranslated
    /// document is shown in.
    pub original: Option<&'a str>,
    /// The pages (site files) whose own document has no translation into this edition.
    pub untranslated: std::collections::HashSet<String>,
}

/// The site-wide view: settings, stylesheets, navigation.
pub fn site_view<'a>(config: &'a Config, catalog: &'a Catalog, outline: &Outline<'_>, assets: &Assets<'_>) -> SiteView<'a> {
    let nav_link = |title: &str, href: String, key: NavKey| NavLink {
        title: catalog.text(title).to_string(),
        href,
        key,
    };
    let mut nav = vec![nav_link("home", Route::home().file(), NavKey::Home)];
    for &section in &outline.sections {
        nav.push(nav_link(section.dir(), section.route().file(), NavKey::Section(section)));
    }
    let free_pages: Vec<&Item<'_>> = outline.of_kind(ItemKind::Page).map(|(_, item)| item).collect();
    SiteView {
        title: &config.title,
        description: &config.description,
        lang: &config.language,
        paper: catalog.paper,
        base_url: config.base_url.as_str(),
        stylesheets: STYLESHEETS.iter().map(|p| assets.published(p)).collect(),
        scripts: SCRIPTS.iter().map(|p| assets.published(p)).collect(),
        favicon: assets.has("favicon.svg").then(|| "favicon.svg".to_string()),
        nav,
        pages: free_pages.iter().take(FOOTER_PAGES).map(|p| page_link(p)).collect(),
        all_pages: (free_pages.len() > FOOTER_PAGES).then(|| nav_link("all_pages", Route::from_parts(&["pages"]).file(), NavKey::Pages)),
    }
}

fn page_link(page: &Item<'_>) -> NavLink {
    NavLink {
        title: page.title.clone(),
        href: page.target.route.file(),
        key: NavKey::Page(page.target.route.clone()),
    }
}

impl<'a> Frame<'a> {
    /// The frame of a build whose templates loaded; the theme gets the site
    /// view and the interface strings as its globals.
    pub fn new(
        config: &'a Config,
        catalog: &'a Catalog,
        theme: &'a mut Theme,
        site: SiteView<'a>,
        edition: EditionFrame<'a>,
    ) -> Result<Frame<'a>, Diagnostic> {
        theme.set_globals(&Globals {
            site: &site,
            t: &catalog.ui,
        })?;
        Ok(Frame {
            config,
            catalog,
            theme,
            site,
            edition,
        })
    }

    pub fn page_meta(&self, route: &Route, title: &str, description: &str, section: NavKey, toc: Vec<TocEntry>) -> PageMeta {
        PageMeta {
            title: title.to_string(),
            description: description.to_string(),
            root: route.root(),
            canonical: self.config.base_url.join(route.as_str()),
            section,
            toc,
            alternates: self.edition.counterparts.of(self.edition.index, route),
            original_lang: (self.edition.untranslated.contains(&route.file()))
                .then(|| self.edition.original.map(str::to_string))
                .flatten(),
            quotes_lang: self.edition.original.map(str::to_string),
        }
    }

    /// The list of every free page (`PageKind::PageIndex`): its route and
    /// its view, which is all its template reads besides the frame.
    pub fn page_index(&self, outline: &Outline<'_>) -> (Route, Context<PageList>) {
        let pages = outline.of_kind(ItemKind::Page).map(|(_, p)| page_link(p)).collect();
        let route = Route::from_parts(&["pages"]);
        let page = self.page_meta(&route, self.catalog.text("all_pages"), "", NavKey::Pages, Vec::new());
        (
            route,
            Context {
                page,
                data: PageList { pages },
            },
        )
    }

    /// A page to render: its view converted for the templates (and dropped).
    pub fn emit<'p, T: Serialize>(&self, template: &'static str, route: &Route, page: PageMeta, data: T) -> Result<Page<'p>, Diagnostic> {
        Ok(Page {
            path: route.file(),
            template,
            context: Theme::context(&Context { page, data })?,
            parts: None,
        })
    }

    /// A free page, from its rendered body (free pages are rendered as their
    /// bodies are, and streamed out, so no body is kept).
    pub fn free_page(&self, free: &Item<'_>, body: &Rendered) -> Result<(String, Vec<u8>), Diagnostic> {
        let Fact::Page(page) = free.fact else {
            unreachable!("only free pages are rendered with their bodies")
        };
        let data = FreePageView {
            body_html: &body.html,
            draft: free.is_draft(),
        };
        let toc = if body.toc.len() >= 3 { body.toc.clone() } else { Vec::new() };
        let route = &free.target.route;
        let meta = self.page_meta(route, &page.title, &page.description, NavKey::Page(route.clone()), toc);
        let page = self.emit("page.html", route, meta, data)?;
        let mut html = Vec::with_capacity(16 * 1024 + body.html.len());
        self.theme.render_to(page.template, &page.context, &mut html)?;
        Ok((page.path, html))
    }
}

/// One page ready to render: its site path, its template and what the
/// template sees. Rendered straight into its file ([`write_pages`]), so the
/// largest page (the print page) is never held whole as HTML.
#[derive(Debug)]
pub struct Page<'a> {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
    /// The page's parts (the print page's, the people page's, the
    /// timeline's groups of events), each rendered in turn with its own
    /// context where the page's template writes its slot.
    pub parts: Option<Parts<'a>>,
}

/// What a page's parts are rendered with, one part (and one article,
/// person or event) at a time: a part's view is made when its slot is
/// reached and dropped once written, so the page's memory is its largest
/// part's.
#[derive(Debug)]
pub struct Parts<'a> {
    meta: PageMeta,
    parts: Vec<Part>,
    /// The people page's entries, which its parts are made of.
    people: Option<PeopleList<'a>>,
    /// The events of each group of a timeline, for its [`Part::Events`].
    events: facts::EventSlots,
    /// The bodies a timeline's events show.
    medium: Medium,
}

impl Parts<'_> {
    fn new(meta: PageMeta, parts: Vec<Part>) -> Self {
        Parts {
            meta,
            parts,
            people: None,
            events: Vec::new(),
            medium: Medium::Pages,
        }
    }

    /// The parts of a timeline made with [`facts::GroupEvents::AtSlots`]:
    /// each group's events, rendered one at a time with `partials/event.html`.
    fn events(meta: PageMeta, events: facts::EventSlots, medium: Medium) -> Self {
        let parts = (0..events.len()).map(Part::Events).collect();
        Parts {
            events,
            medium,
            ..Parts::new(meta, parts)
        }
    }

    /// What a timeline's template gets at `events_html`: for each group's
    /// id, where its events go, or nothing for a group without any.
    fn event_slots(&self) -> std::collections::BTreeMap<String, String> {
        (self.events.iter().zip(&self.parts))
            .map(|((id, events), part)| (id.clone(), if events.is_empty() { String::new() } else { part.slot() }))
            .collect()
    }
}

/// A part of a page that is rendered at a slot of its own: the print
/// page's facts and articles, the people page's people and organisations,
/// the events of a group of the timeline (the `n`th of [`Parts::events`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Timeline,
    Agreements,
    Statistics,
    Articles,
    Persons,
    Organisations,
    Events(usize),
}

/// What a timeline's template (`timeline.html`, `partials/print-timeline.html`)
/// reads to write each group's events at its slot (by group id), rather
/// than listing `g.events` itself.
const EVENTS_HTML: &str = "events_html";
/// The template of one event of a timeline (`e`, and the page's `page`).
pub const EVENT: &str = "partials/event.html";
/// What every slot starts with; nothing else a template writes holds a NUL.
const SLOT_MARK: &[u8] = b"\0dossier:";

impl Part {
    /// The print page's parts.
    const PRINT: [Part; 4] = [Part::Timeline, Part::Agreements, Part::Statistics, Part::Articles];
    /// The people page's parts.
    const PEOPLE: [Part; 2] = [Part::Persons, Part::Organisations];

    /// The people page's part of the entries of `kind`.
    fn of_people(kind: PersonKind) -> Part {
        match kind {
            PersonKind::Person => Part::Persons,
            PersonKind::Organisation => Part::Organisations,
        }
    }

    /// The variable the page's template writes the part at
    /// (`timeline_html`); a template of the dossier's own that does not
    /// read it gets the part's data instead (`timeline`), as before parts
    /// had slots.
    fn variable(self) -> &'static str {
        match self {
            Part::Timeline => "timeline_html",
            Part::Agreements => "agreements_html",
            Part::Statistics => "statistics_html",
            Part::Articles => "articles_html",
            Part::Persons => "persons_html",
            Part::Organisations => "organisations_html",
            Part::Events(_) => EVENTS_HTML,
        }
    }

    /// What the template receives at [`Self::variable`]: where the part
    /// goes, [`SLOT_MARK`], its name and a NUL.
    fn slot(self) -> String {
        let name = match self {
            Part::Timeline => "print-timeline",
            Part::Agreements => "print-agreements",
            Part::Statistics => "print-statistics",
            Part::Articles => "print-articles",
            Part::Persons => "people-persons",
            Part::Organisations => "people-organisations",
            Part::Events(n) => return format!("\u{0}dossier:events-{n}\u{0}"),
        };
        format!("\u{0}dossier:{name}\u{0}")
    }

    /// The section whose facts the part shows (none for the print page's
    /// articles, always printed).
    fn section(self) -> Option<Section> {
        match self {
            Part::Timeline => Some(Section::Timeline),
            Part::Agreements => Some(Section::Agreements),
            Part::Statistics => Some(Section::Statistics),
            Part::Articles => None,
            Part::Persons | Part::Organisations => Some(Section::People),
            Part::Events(_) => Some(Section::Timeline),
        }
    }
}

/// The template of the print page's timeline (`timeline`, and the page's `page`).
const PRINT_TIMELINE: &str = "partials/print-timeline.html";
/// The template of one article of the print page (`a`, and the page's `page`).
pub const PRINT_ARTICLE: &str = "partials/print-article.html";
/// The template of one person or organisation of the people page (`p`, and the page's `page`).
pub const PERSON: &str = "partials/person.html";
/// The template of the list of every free page.
pub const PAGE_INDEX: &str = "pages.html";

/// Everything the pages beyond free pages are rendered from.
#[derive(Debug)]
pub struct Renderer<'a> {
    pub frame: &'a Frame<'a>,
    pub dossier: &'a Dossier<'a>,
}

/// Renders every page of the manifest but the free pages and their list
/// (written with the free pages' bodies, `bodies`) and writes each to
/// `sink` as it is done; returns how many pages there are but the free
/// pages (their list counted).
pub fn write_pages(renderer: &Renderer<'_>, sink: &dyn Sink, diagnostics: &mut Diagnostics) -> anyhow::Result<usize> {
    let outline = &renderer.dossier.outline;
    let mut pages: Vec<PageKind> = outline
        .manifest
        .pages()
        .iter()
        .map(|(_, kind)| *kind)
        .filter(|kind| !matches!(kind, PageKind::Item(i) if outline.items[*i].kind() == ItemKind::Page))
        .collect();
    let count = pages.len();
    pages.retain(|kind| *kind != PageKind::PageIndex);
    // The pages that are not an item's (the print page, the sections and
    // the home page list the whole dossier) are tasks of their own, queued
    // before the items' pages, biggest first: a free thread takes the oldest task, so they are shared
    // out while the items' pages fill the gaps. In one parallel list, one
    // thread rendered them one after another while the other, done with the
    // items, waited (10,000 articles: 1.1 s of a 1.16 s stage that held
    // 1.7 s of work).
    let (mut lists, items): (Vec<usize>, Vec<usize>) = (0..pages.len()).partition(|&i| !matches!(pages[i], PageKind::Item(_)));
    lists.sort_by_key(|&i| size_rank(pages[i]));
    let results: Vec<OnceLock<anyhow::Result<Option<Diagnostic>>>> = pages.iter().map(|_| OnceLock::new()).collect();
    let write = |i: usize| {
        let result = match renderer.render(pages[i]) {
            Ok(page) => renderer.stream(page, sink),
            Err(d) => Ok(Some(d)),
        };
        let _ = results[i].set(result);
    };
    let write = &write;
    rayon::scope(|scope| {
        for &i in &lists {
            scope.spawn(move |_| write(i));
        }
        items.par_iter().for_each(|&i| write(i));
    });
    for result in results {
        diagnostics.extend(result.into_inner().expect("every page is written")?);
    }
    Ok(count)
}

/// Where a page that is not an item's comes in the order of
/// [`write_pages`]: the pages that grow most with the dossier first (at
/// 10,000 articles the print page and the people page take 0.4 s each, the
/// timeline 0.1 s, the home page 0.09 s).
fn size_rank(kind: PageKind) -> u8 {
    match kind {
        PageKind::Print => 0,
        PageKind::Section(Section::People) => 1,
        PageKind::Section(Section::Timeline) => 2,
        PageKind::Home => 3,
        PageKind::Section(_) => 4,
        PageKind::Search | PageKind::PageIndex | PageKind::NotFound | PageKind::Item(_) => 5,
    }
}

/// Writes the file `path` of `sink` as `render` renders it, as it goes; a
/// template error is returned as the page's problem (the build then
/// fails, and its output is discarded).
pub(crate) fn put_rendered(
    sink: &dyn Sink,
    path: &str,
    render: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Diagnostic>,
) -> anyhow::Result<Option<Diagnostic>> {
    let mut problem = None;
    let written = sink.put_stream(path, &mut |write| {
        render(write).map_err(|d| {
            problem = Some(d);
            std::io::Error::other("template error")
        })
    });
    match (problem, written) {
        (Some(d), _) => Ok(Some(d)),
        (None, written) => written.map(|()| None),
    }
}

impl<'a> Renderer<'a> {
    /// Renders `page` into its file in `sink`; a template error is returned
    /// as the page's problem (the build then fails, and its output is discarded).
    fn stream(&self, page: Page<'_>, sink: &dyn Sink) -> anyhow::Result<Option<Diagnostic>> {
        let theme = self.frame.theme;
        let Page {
            path,
            template,
            context,
            parts,
        } = page;
        let Some(parts) = parts else {
            return put_rendered(sink, &path, &mut |write| theme.render_to(template, &context, write));
        };
        // The page around its parts first: its context (the home page's
        // view, tens of megabytes for a large dossier) is dropped before
        // the parts' are made.
        let mut frame = Vec::new();
        if let Err(d) = theme.render_to(template, &context, &mut frame) {
            return Ok(Some(d));
        }
        drop(context);
        put_rendered(sink, &path, &mut |write| self.write_parts(&path, &frame, &parts, write))
    }

    /// Writes a page in parts: `frame`, the page rendered with its slots,
    /// with each part rendered at its slot, one at a time.
    fn write_parts(&self, path: &str, frame: &[u8], parts: &Parts<'_>, write: &mut dyn std::io::Write) -> Result<(), Diagnostic> {
        let failed = |e: std::io::Error| Diagnostic::error(path, format!("failed to write: {e}"));
        let slots: std::collections::HashMap<String, Part> = parts.parts.iter().map(|&part| (part.slot(), part)).collect();
        let mut rest = frame;
        loop {
            let slot = memchr::memmem::find(rest, SLOT_MARK).and_then(|at| {
                let len = SLOT_MARK.len() + memchr::memchr(0, &rest[at + SLOT_MARK.len()..])? + 1;
                let part = *slots.get(std::str::from_utf8(&rest[at..at + len]).ok()?)?;
                Some((at, len, part))
            });
            let Some((at, len, part)) = slot else {
                return write.write_all(rest).map_err(failed);
            };
            write.write_all(&rest[..at]).map_err(failed)?;
            self.write_part(path, part, parts, write)?;
            rest = &rest[at + len..];
        }
    }

    /// One part of a page, rendered from a view made for it alone (an
    /// article's, a person's or an event's at a time for the parts that
    /// list them).
    fn write_part(&self, path: &str, part: Part, parts: &Parts<'_>, write: &mut dyn std::io::Write) -> Result<(), Diagnostic> {
        let theme = self.frame.theme;
        let meta = &parts.meta;
        let facts = self.facts(Medium::Print);
        let (template, data) = match part {
            Part::Timeline if theme.reads(PRINT_TIMELINE, EVENTS_HTML) => return self.write_print_timeline(path, meta, write),
            Part::Timeline => (PRINT_TIMELINE, PrintSection::Timeline(facts::timeline(&facts))),
            Part::Events(n) => return self.write_events(&parts.events[n].1, parts, write),
            Part::Agreements => (
                "partials/print-agreements.html",
                PrintSection::Agreements(facts::agreements(&facts)),
            ),
            Part::Statistics => (
                "partials/print-statistics.html",
                PrintSection::Statistics(facts::statistics(&facts)),
            ),
            Part::Persons => return self.write_people(PersonKind::Person, parts, write),
            Part::Organisations => return self.write_people(PersonKind::Organisation, parts, write),
            Part::Articles => {
                for i in self.dossier.outline.articles.clone() {
                    let a = self.article_view(i, Medium::Print);
                    self.write_entry(PRINT_ARTICLE, meta, PrintArticle { a }, write)?;
                }
                return Ok(());
            }
        };
        self.write_entry(template, meta, data, write)
    }

    /// One part, or one entry of a part, rendered by `template` from `data`
    /// alone, its context dropped once written.
    fn write_entry(&self, template: &str, meta: &PageMeta, data: impl Serialize, write: &mut dyn std::io::Write) -> Result<(), Diagnostic> {
        let context = Theme::context(&Context { page: meta.clone(), data })?;
        self.frame.theme.render_to(template, &context, write)
    }

    /// The events `events` (item indices) of a group of a timeline, one at a time.
    fn write_events(&self, events: &[usize], parts: &Parts<'_>, write: &mut dyn std::io::Write) -> Result<(), Diagnostic> {
        let facts = self.facts(parts.medium);
        for &i in events {
            let e = facts::event_view(&facts, i);
            self.write_entry(EVENT, &parts.meta, EventEntry { e }, write)?;
        }
        Ok(())
    }

    /// The people page's entries of `kind`, one at a time.
    fn write_people(&self, kind: PersonKind, parts: &Parts<'_>, write: &mut dyn std::io::Write) -> Result<(), Diagnostic> {
        let people = parts.people.as_ref().expect("the people page's parts come with its entries");
        for p in people.views(kind) {
            self.write_entry(PERSON, &parts.meta, PersonEntry { p }, write)?;
        }
        Ok(())
    }

    /// The print page's timeline, where its template writes each group's
    /// events at its slot: the part around them first, then its events one
    /// at a time.
    fn write_print_timeline(&self, path: &str, meta: &PageMeta, write: &mut dyn std::io::Write) -> Result<(), Diagnostic> {
        let (timeline, events) = facts::timeline_of(&self.facts(Medium::Print), facts::GroupEvents::AtSlots);
        let parts = Parts::events(meta.clone(), events, Medium::Print);
        let data = PrintTimeline {
            timeline,
            events_html: parts.event_slots(),
        };
        let mut frame = Vec::new();
        let context = Theme::context(&Context { page: meta.clone(), data })?;
        self.frame.theme.render_to(PRINT_TIMELINE, &context, &mut frame)?;
        drop(context);
        self.write_parts(path, &frame, &parts, write)
    }

    fn facts(&self, medium: Medium) -> Facts<'a> {
        Facts {
            dossier: self.dossier,
            catalog: self.frame.catalog,
            medium,
        }
    }

    /// Renders one page: (site path, HTML).
    pub fn render(&self, page: PageKind) -> Result<Page<'a>, Diagnostic> {
        let facts = self.facts(Medium::Pages);
        match page {
            PageKind::Home => self.home(),
            PageKind::Section(Section::Articles) => self.articles(),
            PageKind::Section(Section::Timeline) => self.timeline(),
            PageKind::Section(Section::Agreements) => self.fact_page(Section::Agreements, "agreements.html", facts::agreements(&facts)),
            PageKind::Section(Section::Statistics) => self.fact_page(Section::Statistics, "statistics.html", facts::statistics(&facts)),
            PageKind::Section(Section::Statements) => self.fact_page(Section::Statements, "statements.html", facts::statements(&facts)),
            PageKind::Section(Section::People) => self.people(),
            PageKind::Search => self.plain_page("search", "search.html", "search", NavKey::Search, NoData {}),
            PageKind::PageIndex => {
                let (route, view) = self.frame.page_index(&self.dossier.outline);
                self.frame.emit(PAGE_INDEX, &route, view.page, view.data)
            }
            PageKind::Print => self.print(),
            PageKind::Item(i) => self.article(i),
            PageKind::NotFound => self.not_found(),
        }
    }

    /// A page of the generator's that has no content of its own.
    fn plain_page<T: Serialize>(
        &self,
        folder: &str,
        template: &'static str,
        title: &str,
        key: NavKey,
        data: T,
    ) -> Result<Page<'a>, Diagnostic> {
        let route = Route::from_parts(&[folder]);
        let page = self.frame.page_meta(&route, self.frame.catalog.text(title), "", key, Vec::new());
        self.frame.emit(template, &route, page, data)
    }

    /// A section intro's title, description and body, or the section's name.
    fn intro(&self, section: Section) -> (String, String, String) {
        let outline = &self.dossier.outline;
        match outline.intros.get(&section) {
            Some(&i) => {
                let Fact::Intro(_, page) = outline.items[i].fact else {
                    unreachable!("intros are intro items")
                };
                let html = self.dossier.body_html(i, Medium::Pages).to_string();
                (page.title.clone(), page.description.clone(), html)
            }
            None => (self.frame.catalog.text(section.dir()).to_string(), String::new(), String::new()),
        }
    }

    fn fact_page<T: Serialize>(&self, section: Section, template: &'static str, facts: T) -> Result<Page<'a>, Diagnostic> {
        let (route, page, data) = self.fact_page_data(section, facts);
        self.frame.emit(template, &route, page, data)
    }

    /// A fact page's route, meta and data (its intro, downloads and `facts`).
    fn fact_page_data<T: Serialize>(&self, section: Section, facts: T) -> (Route, PageMeta, FactPage<T>) {
        let route = section.route();
        let (title, description, intro_html) = self.intro(section);
        let downloads = crate::export::downloads(section)
            .iter()
            .map(|(key, href)| Download {
                title: self.frame.catalog.text(key).to_string(),
                href: href.to_string(),
            })
            .collect();
        let data = FactPage {
            intro_html,
            downloads,
            facts,
        };
        let page = self
            .frame
            .page_meta(&route, &title, &description, NavKey::Section(section), Vec::new());
        (route, page, data)
    }

    /// The timeline: where its template writes each group's events at its
    /// slot (`events_html`, by group id), each event is rendered there alone
    /// ([`EVENT`]), its view made and dropped in turn; a template of the
    /// dossier's own that does not gets them in each group (`g.events`).
    fn timeline(&self) -> Result<Page<'a>, Diagnostic> {
        let template = "timeline.html";
        let facts = self.facts(Medium::Pages);
        if !self.frame.theme.reads(template, EVENTS_HTML) {
            return self.fact_page(Section::Timeline, template, facts::timeline(&facts));
        }
        let (view, events) = facts::timeline_of(&facts, facts::GroupEvents::AtSlots);
        let (route, meta, page) = self.fact_page_data(Section::Timeline, view);
        let parts = Parts::events(meta.clone(), events, Medium::Pages);
        let data = TimelinePage {
            page,
            events_html: parts.event_slots(),
        };
        let page = self.frame.emit(template, &route, meta, data)?;
        Ok(Page {
            parts: Some(parts),
            ..page
        })
    }

    /// The people page: where its template writes `persons_html` and
    /// `organisations_html`, each entry is rendered there alone
    /// ([`PERSON`]), its view made and dropped in turn (a large dossier's
    /// mentions are the largest of its pages' views); a template of the
    /// dossier's own that does not gets the lists (`facts.people`).
    fn people(&self) -> Result<Page<'a>, Diagnostic> {
        let template = "people.html";
        let slotted: Vec<Part> = (Part::PEOPLE.into_iter())
            .filter(|part| self.frame.theme.reads(template, part.variable()))
            .collect();
        if slotted.is_empty() {
            return self.fact_page(Section::People, template, facts::people(&self.facts(Medium::Pages)));
        }
        let list = PeopleList::new(&self.facts(Medium::Pages));
        let view = list.view_listing(|kind| !slotted.contains(&Part::of_people(kind)));
        let (route, meta, page) = self.fact_page_data(Section::People, view);
        let slot = |part: Part| slotted.contains(&part).then(|| part.slot());
        let data = PeoplePage {
            persons_html: slot(Part::Persons),
            organisations_html: slot(Part::Organisations),
            page,
        };
        let parts = Parts {
            people: Some(list),
            ..Parts::new(meta.clone(), slotted)
        };
        let page = self.frame.emit(template, &route, meta, data)?;
        Ok(Page {
            parts: Some(parts),
            ..page
        })
    }

    fn summaries(&self) -> Vec<ArticleSummary> {
        let outline = &self.dossier.outline;
        outline.items[outline.articles.clone()].iter().map(|a| self.summary(a)).collect()
    }

    fn summary(&self, item: &Item<'_>) -> ArticleSummary {
        let Fact::Article(article) = item.fact else {
            unreachable!("summaries are of articles")
        };
        let note = article.note;
        let published = note.and_then(|n| n.published).or(article.seed.date);
        ArticleSummary {
            title: item.title.clone(),
            lang: item.untranslated_lang(&self.dossier.outline).map(str::to_string),
            number: self.frame.catalog.text("article_number").replace("{n}", article.seed.short_name()),
            href: item.target.route.file(),
            summary: note.map(|n| n.summary.clone()).unwrap_or_default(),
            published: published.map(|d| self.frame.catalog.format_date(&d)),
            published_iso: published.map(|d| d.to_string()),
            tags: note.map(|n| n.tags.clone()).unwrap_or_default(),
            cited_count: self.dossier.cited.cited_by(article.seed_index).len(),
        }
    }

    fn home(&self) -> Result<Page<'a>, Diagnostic> {
        let route = Route::home();
        let outline = &self.dossier.outline;
        let home = outline.home.map(|i| &outline.items[i]);
        let data = self.home_view(Medium::Pages, &[]);
        let description = match home.map(|h| h.fact) {
            Some(Fact::Home(h)) => h.description.clone(),
            _ => self.frame.config.description.clone(),
        };
        let toc = outline
            .home
            .and_then(|i| self.dossier.body(i, Medium::Pages))
            .map(|b| b.toc.clone())
            .unwrap_or_default();
        let page = self.frame.page_meta(&route, &data.title, &description, NavKey::Home, toc);
        self.frame.emit("home.html", &route, page, data)
    }

    /// The home page's data, with the bodies of `medium`, but for the
    /// summaries of what a page writes at its slots (`slotted`): the print
    /// page, which prints its articles and agreements at theirs, is not
    /// also given their lists (`home.articles`, `home.agreements`).
    fn home_view(&self, medium: Medium, slotted: &[Part]) -> HomeView {
        let outline = &self.dossier.outline;
        let home = outline.home.map(|i| &outline.items[i]);
        let catalog = self.frame.catalog;
        let visit = outline.visit.map(|v| VisitView {
            guest: v.guest.clone(),
            host: v.host.clone(),
            place: v.place.clone(),
            kind: v.kind.clone(),
            dates: format!("{} – {}", catalog.format_date(&v.start), catalog.format_date(&v.end)),
            start_iso: v.start.to_string(),
            end_iso: v.end.to_string(),
            dates_inferred: v.dates_basis.inferred_from().map(str::to_string),
            sources: home.map(|h| self.facts(medium).sources(&h.sources[0])).unwrap_or_default(),
        });
        let facts = self.facts(medium);
        HomeView {
            title: home.map_or(self.frame.config.title.clone(), |h| h.title.clone()),
            body_html: outline
                .home
                .map(|i| self.dossier.body_html(i, medium).to_string())
                .unwrap_or_default(),
            visit,
            days: facts::visit_days(&facts),
            key_figures: facts::key_figures(&facts),
            agreements: (outline.sections.contains(&Section::Agreements) && !slotted.contains(&Part::Agreements))
                .then(|| facts::agreements(&facts)),
            articles: (!slotted.contains(&Part::Articles)).then(|| self.summaries()),
        }
    }

    /// The print page: the home page's summary, then each section's facts,
    /// then every article with its note and its text, numbered paragraph by
    /// paragraph so that a citation's reference (`004 ¶7`) can be followed
    /// on paper.
    fn print(&self) -> Result<Page<'a>, Diagnostic> {
        let route = Route::from_parts(&["print"]);
        let facts = self.facts(Medium::Print);
        let sections = &self.dossier.outline.sections;
        let shown = |part: Part| part.section().is_none_or(|s| sections.contains(&s));
        let slotted: Vec<Part> = (Part::PRINT.into_iter())
            .filter(|&part| shown(part) && self.frame.theme.reads("print.html", part.variable()))
            .collect();
        // A print template of the dossier's own may still write a part
        // itself: it gets the part's data, as before parts had slots.
        let listed = |part: Part| shown(part) && !slotted.contains(&part);
        let slot = |part: Part| slotted.contains(&part).then(|| part.slot());
        let data = PrintView {
            home: self.home_view(Medium::Print, &slotted),
            timeline: listed(Part::Timeline).then(|| facts::timeline(&facts)),
            agreements: listed(Part::Agreements).then(|| facts::agreements(&facts)),
            statistics: listed(Part::Statistics).then(|| facts::statistics(&facts)),
            articles: listed(Part::Articles).then_some(AllArticles { renderer: self }),
            timeline_html: slot(Part::Timeline),
            agreements_html: slot(Part::Agreements),
            statistics_html: slot(Part::Statistics),
            articles_html: slot(Part::Articles),
        };
        let title = self.frame.catalog.text("print_dossier");
        let meta = self
            .frame
            .page_meta(&route, title, &self.frame.config.description, NavKey::Print, Vec::new());
        let parts = (!slotted.is_empty()).then(|| Parts::new(meta.clone(), slotted));
        let page = self.frame.emit("print.html", &route, meta, data)?;
        Ok(Page { parts, ..page })
    }

    fn articles(&self) -> Result<Page<'a>, Diagnostic> {
        let route = Section::Articles.route();
        let (title, description, intro_html) = self.intro(Section::Articles);
        let data = ArticlesView {
            intro_html,
            articles: self.summaries(),
        };
        let page = self
            .frame
            .page_meta(&route, &title, &description, NavKey::Section(Section::Articles), Vec::new());
        self.frame.emit("articles.html", &route, page, data)
    }

    fn article(&self, index: usize) -> Result<Page<'a>, Diagnostic> {
        let item = &self.dossier.outline.items[index];
        let data = self.article_view(index, Medium::Pages);
        let toc = self.dossier.body(index, Medium::Pages).map(|b| b.toc.clone()).unwrap_or_default();
        let route = &item.target.route;
        let page = self
            .frame
            .page_meta(route, &item.title, &data.summary, NavKey::Section(Section::Articles), toc);
        self.frame.emit("article.html", route, page, ArticleData { article: data })
    }

    /// An article's data, with its note rendered for `medium`.
    fn article_view(&self, index: usize, medium: Medium) -> ArticleView {
        let item = &self.dossier.outline.items[index];
        let Fact::Article(article) = item.fact else {
            unreachable!("article pages are of articles")
        };
        let note = article.note;
        let cited = &self.dossier.cited;
        let blocks = block_views(&article.seed.blocks, |b| cited.marks(article.seed_index, b).to_vec());
        let cited_by = cited
            .cited_by(article.seed_index)
            .iter()
            .map(|c| CitedByView {
                title: c.title.clone(),
                href: c.href.clone(),
                quote: c.quote.trim().to_string(),
                anchor: c.anchor.clone(),
            })
            .collect();
        let published = note.and_then(|n| n.published).or(article.seed.date);
        let url = note.and_then(|n| n.url.clone());
        ArticleView {
            title: item.title.clone(),
            stem: article.seed.stem.clone(),
            short: article.seed.short_name().to_string(),
            number: self.frame.catalog.text("article_number").replace("{n}", article.seed.short_name()),
            seed_path: article.seed.path.to_string_lossy().replace('\\', "/"),
            summary: note.map(|n| n.summary.clone()).unwrap_or_default(),
            outlet: note.and_then(|n| n.outlet.clone()),
            url_label: url.as_deref().map(url_label),
            url,
            published: published.map(|d| self.frame.catalog.format_date(&d)),
            published_iso: published.map(|d| d.to_string()),
            tags: note.map(|n| n.tags.clone()).unwrap_or_default(),
            note: note.map(|_| NoteView {
                html: self.dossier.body_html(index, medium).to_string(),
            }),
            blocks,
            cited_by,
        }
    }

    /// `404.html` is served for any missing URL, at any depth, so its links
    /// are absolute from the base URL's path.
    fn not_found(&self) -> Result<Page<'a>, Diagnostic> {
        let route = Route::home();
        let mut page = self
            .frame
            .page_meta(&route, self.frame.catalog.text("not_found"), "", NavKey::NotFound, Vec::new());
        page.root = self.frame.config.base_url.path().to_string();
        page.alternates.clear();
        Ok(Page {
            path: "404.html".to_string(),
            template: "404.html",
            context: Theme::context(&Context { page, data: NoData {} })?,
            parts: None,
        })
    }
}

#[derive(Debug, Serialize)]
struct NoData {}

/// The print page's data: every part of the briefing, in reading order. The
/// facts' parts and the articles, the largest, are each rendered at a slot
/// of their own (`timeline_html`…, [`Part`]); a print template of the
/// dossier's own that does not read a part's slot (one made before it) gets
/// the part's data instead (`timeline`, `articles`…).
#[derive(Debug, Serialize)]
struct PrintView<'r, 'a> {
    home: HomeView,
    timeline: Option<facts::TimelineView>,
    agreements: Option<facts::AgreementsView>,
    statistics: Option<facts::StatisticsView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    articles: Option<AllArticles<'r, 'a>>,
    timeline_html: Option<String>,
    agreements_html: Option<String>,
    statistics_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    articles_html: Option<String>,
}

/// One facts' part of the print page, as its partial sees it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
enum PrintSection {
    Timeline(facts::TimelineView),
    Agreements(facts::AgreementsView),
    Statistics(facts::StatisticsView),
}

/// The people page's data, with its parts' slots when its template writes them.
#[derive(Debug, Serialize)]
struct PeoplePage {
    #[serde(flatten)]
    page: FactPage<facts::PeopleView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    persons_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organisations_html: Option<String>,
}

/// The timeline page's data, where its template writes each group's
/// events at its slot.
#[derive(Debug, Serialize)]
struct TimelinePage {
    #[serde(flatten)]
    page: FactPage<facts::TimelineView>,
    events_html: std::collections::BTreeMap<String, String>,
}

/// The print page's timeline, where its template writes each group's
/// events at its slot.
#[derive(Debug, Serialize)]
struct PrintTimeline {
    timeline: facts::TimelineView,
    events_html: std::collections::BTreeMap<String, String>,
}

/// One event of a timeline, as [`EVENT`] sees it.
#[derive(Debug, Serialize)]
struct EventEntry {
    e: facts::EventView,
}

/// One person or organisation of the people page, as [`PERSON`] sees it.
#[derive(Debug, Serialize)]
struct PersonEntry {
    p: facts::PersonView,
}

/// One article of the print page, as [`PRINT_ARTICLE`] sees it.
#[derive(Debug, Serialize)]
struct PrintArticle {
    a: ArticleView,
}

/// Every article's view for the print page (a list of [`ArticleView`]),
/// each made as it is converted for the templates and dropped then.
#[derive(Debug)]
struct AllArticles<'r, 'a> {
    renderer: &'r Renderer<'a>,
}

impl Serialize for AllArticles<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let articles = self.renderer.dossier.outline.articles.clone();
        let mut seq = serializer.serialize_seq(Some(articles.len()))?;
        for i in articles {
            seq.serialize_element(&self.renderer.article_view(i, Medium::Print))?;
        }
        seq.end()
    }
}

#[derive(Debug, Serialize)]
pub struct PageList {
    pages: Vec<NavLink>,
}

#[derive(Debug, Serialize)]
struct ArticleData {
    article: ArticleView,
}
