//! Rendering pages: views built from the model, put through the templates.
//!
//! A [`Frame`] holds what every page needs (settings, language, theme, the
//! site view) and renders free pages as soon as their bodies are rendered. A
//! [`Renderer`] adds the model, the rendered bodies and the citation index,
//! and renders every other page, one per [`PageJob`]. Jobs are independent,
//! so the pipeline runs them in parallel and streams each page out as it is
//! done.

pub mod assets;
pub mod theme;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::markdown::Rendered;
use crate::parse::config::Config;
use crate::parse::content::Section;
use crate::parse::i18n::Catalog;
use crate::render::assets::{Assets, SCRIPTS, STYLESHEETS};
use crate::render::theme::Theme;
use crate::resolve::model::{Article, Dossier, FreePage};
use crate::resolve::route::Route;
use crate::resolve::xref::CitationIndex;
use crate::views::facts::{self, FactsInput};
use crate::views::*;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageJob {
    Home,
    Articles,
    Timeline,
    Agreements,
    Statistics,
    People,
    Search,
    /// The whole briefing on one page, in reading order, for printing.
    Print,
    /// The list of every free page, when there are too many for the footer.
    PageIndex,
    Article(usize),
    NotFound,
}

/// What every page is rendered with: settings, language, templates, the site view.
#[derive(Debug)]
pub struct Frame<'a> {
    pub config: &'a Config,
    pub catalog: &'a Catalog,
    pub theme: &'a Theme,
    pub site: SiteView<'a>,
}

/// Everything the pages beyond free pages are rendered from.
#[derive(Debug)]
pub struct Renderer<'a> {
    pub frame: &'a Frame<'a>,
    pub dossier: &'a Dossier<'a>,
    /// Rendered Markdown bodies, by content file path.
    pub docs: &'a HashMap<PathBuf, Rendered>,
    /// The same bodies rendered for the print page (links relative to it).
    pub print_docs: &'a HashMap<PathBuf, Rendered>,
    pub citations: &'a CitationIndex,
    /// Site path and title of each seed's article page, by seed index.
    pub article_hrefs: Vec<String>,
    pub article_titles: Vec<String>,
}

/// The site-wide view: settings, stylesheets, navigation.
pub fn site_view<'a>(config: &'a Config, catalog: &'a Catalog, dossier: &Dossier<'_>, assets: &Assets<'_>) -> SiteView<'a> {
    let nav_link = |key: &str, href: String| NavLink {
        title: catalog.text(key).to_string(),
        href,
        key: key.to_string(),
    };
    let mut nav = vec![nav_link("home", Route::home().file())];
    for section in dossier.sections() {
        nav.push(nav_link(section.dir(), Route::from_parts(&[section.dir()]).file()));
    }
    SiteView {
        title: &config.title,
        description: &config.description,
        lang: &config.language,
        base_url: config.base_url.as_str(),
        stylesheets: STYLESHEETS.iter().map(|p| assets.published(p)).collect(),
        scripts: SCRIPTS.iter().map(|p| assets.published(p)).collect(),
        favicon: assets.has("favicon.svg").then(|| "favicon.svg".to_string()),
        nav,
        pages: footer_pages(dossier),
        all_pages: (dossier.pages.len() > FOOTER_PAGES).then(|| NavLink {
            title: catalog.text("all_pages").to_string(),
            href: Route::from_parts(&["pages"]).file(),
            key: "pages".to_string(),
        }),
    }
}

/// How many free pages the footer lists; a site with more gets a page listing them all.
pub const FOOTER_PAGES: usize = 12;

fn footer_pages(dossier: &Dossier<'_>) -> Vec<NavLink> {
    dossier.pages.iter().take(FOOTER_PAGES).map(page_link).collect()
}

fn page_link(page: &FreePage<'_>) -> NavLink {
    NavLink {
        title: page.page.title.clone(),
        href: page.route.file(),
        key: page.route.as_str().to_string(),
    }
}

impl Frame<'_> {
    pub fn page_meta(&self, route: &Route, title: &str, description: &str, section: &str, toc: Vec<crate::markdown::TocEntry>) -> PageMeta {
        PageMeta {
            title: title.to_string(),
            description: description.to_string(),
            root: route.root(),
            canonical: self.config.base_url.join(route.as_str()),
            section: section.to_string(),
            toc,
        }
    }

    pub fn emit<T: Serialize>(&self, template: &str, route: &Route, page: PageMeta, data: T) -> Result<(String, Vec<u8>), Diagnostic> {
        Ok((route.file(), self.theme.render(template, &Context { page, data })?))
    }

    /// A free page, from its rendered body (free pages are rendered as their
    /// bodies are, and streamed out, so no body is kept).
    pub fn free_page(&self, free: &FreePage<'_>, body: &Rendered) -> Result<(String, Vec<u8>), Diagnostic> {
        let data = FreePageView { body_html: &body.html };
        let toc = if body.toc.len() >= 3 { body.toc.clone() } else { Vec::new() };
        let page = self.page_meta(&free.route, &free.page.title, &free.page.description, free.route.as_str(), toc);
        self.emit("page.html", &free.route, page, data)
    }
}

impl<'a> Renderer<'a> {
    /// Every page of the site but the free pages.
    pub fn jobs(&self) -> Vec<PageJob> {
        let mut jobs = vec![PageJob::Home, PageJob::Articles, PageJob::Search, PageJob::Print, PageJob::NotFound];
        if self.dossier.pages.len() > FOOTER_PAGES {
            jobs.push(PageJob::PageIndex);
        }
        for section in self.dossier.sections() {
            jobs.extend(match section {
                Section::Articles => None,
                Section::Timeline => Some(PageJob::Timeline),
                Section::Agreements => Some(PageJob::Agreements),
                Section::Statistics => Some(PageJob::Statistics),
                Section::People => Some(PageJob::People),
            });
        }
        jobs.extend((0..self.dossier.articles.len()).map(PageJob::Article));
        jobs
    }

    /// Renders one page: (site path, HTML).
    pub fn render(&self, job: PageJob) -> Result<(String, Vec<u8>), Diagnostic> {
        match job {
            PageJob::Home => self.home(),
            PageJob::Articles => self.articles(),
            PageJob::Timeline => self.fact_page(
                Section::Timeline,
                "timeline.html",
                &[("download_json", "data/timeline.json"), ("download_ics", "data/timeline.ics")],
                facts::timeline(&self.facts()),
            ),
            PageJob::Agreements => self.fact_page(
                Section::Agreements,
                "agreements.html",
                &[("download_json", "data/agreements.json"), ("download_csv", "data/agreements.csv")],
                facts::agreements(&self.facts()),
            ),
            PageJob::Statistics => self.fact_page(
                Section::Statistics,
                "statistics.html",
                &[("download_json", "data/statistics.json"), ("download_csv", "data/statistics.csv")],
                facts::statistics(&self.facts()),
            ),
            PageJob::People => self.fact_page(Section::People, "people.html", &[], facts::people(&self.facts())),
            PageJob::Search => {
                let route = Route::from_parts(&["search"]);
                let page = self
                    .frame
                    .page_meta(&route, self.frame.catalog.text("search"), "", "search", Vec::new());
                self.frame.emit("search.html", &route, page, NoData {})
            }
            PageJob::PageIndex => {
                let route = Route::from_parts(&["pages"]);
                let page = self
                    .frame
                    .page_meta(&route, self.frame.catalog.text("all_pages"), "", "pages", Vec::new());
                let pages = self.dossier.pages.iter().map(page_link).collect();
                self.frame.emit("pages.html", &route, page, PageList { pages })
            }
            PageJob::Print => self.print(),
            PageJob::Article(i) => self.article(&self.dossier.articles[i]),
            PageJob::NotFound => self.not_found(),
        }
    }

    fn doc(&self, path: &Path) -> Option<&Rendered> {
        self.docs.get(path)
    }

    /// What the fact views are built from.
    pub fn facts(&self) -> FactsInput<'_> {
        self.facts_with(self.docs)
    }

    /// What the fact views are built from, with the bodies rendered in `docs`.
    fn facts_with<'d>(&'d self, docs: &'d HashMap<PathBuf, Rendered>) -> FactsInput<'d> {
        FactsInput {
            content: self.dossier.content,
            seeds: self.dossier.seeds,
            catalog: self.frame.catalog,
            docs,
            citations: self.citations,
            article_hrefs: &self.article_hrefs,
            article_titles: &self.article_titles,
        }
    }

    fn fact_page<T: Serialize>(
        &self,
        section: Section,
        template: &str,
        downloads: &[(&str, &str)],
        facts: T,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let route = Route::from_parts(&[section.dir()]);
        let intro = self.dossier.intros.get(&section);
        let title = intro.map_or_else(|| self.frame.catalog.text(section.dir()).to_string(), |p| p.title.clone());
        let description = intro.map(|p| p.description.clone()).unwrap_or_default();
        let data = FactPage {
            intro_html: intro
                .and_then(|p| self.doc(&p.source.path))
                .map(|d| d.html.clone())
                .unwrap_or_default(),
            downloads: downloads
                .iter()
                .map(|(key, href)| NavLink {
                    title: self.frame.catalog.text(key).to_string(),
                    href: href.to_string(),
                    key: key.to_string(),
                })
                .collect(),
            facts,
        };
        let page = self.frame.page_meta(&route, &title, &description, section.dir(), Vec::new());
        self.frame.emit(template, &route, page, data)
    }

    fn summary(&self, article: &Article<'_>) -> ArticleSummary {
        let note = article.note;
        ArticleSummary {
            title: article.title.clone(),
            href: article.route.file(),
            summary: note.map(|n| n.summary.clone()).unwrap_or_default(),
            published: note
                .and_then(|n| n.published)
                .or(article.seed.date)
                .map(|d| self.frame.catalog.format_date(&d)),
            published_iso: note.and_then(|n| n.published).or(article.seed.date).map(|d| d.to_string()),
            tags: note.map(|n| n.tags.clone()).unwrap_or_default(),
            cited_count: self.citations.cited_by(article.index).len(),
        }
    }

    fn home(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        let route = Route::home();
        let home = self.dossier.content.home.as_ref();
        let body = home.and_then(|h| self.doc(&h.source.path));
        let data = self.home_view(self.docs);
        let description = home.map_or(self.frame.config.description.clone(), |h| h.description.clone());
        let page = self.frame.page_meta(
            &route,
            &data.title,
            &description,
            "home",
            body.map(|d| d.toc.clone()).unwrap_or_default(),
        );
        self.frame.emit("home.html", &route, page, data)
    }

    /// The home page's data, with the bodies rendered in `docs`.
    fn home_view(&self, docs: &HashMap<PathBuf, Rendered>) -> HomeView {
        let home = self.dossier.content.home.as_ref();
        let title = home.map_or(self.frame.config.title.clone(), |h| h.title.clone());
        let body = home.and_then(|h| docs.get(&h.source.path));
        let visit = home.and_then(|h| h.visit.as_ref()).map(|v| VisitView {
            guest: v.guest.clone(),
            host: v.host.clone(),
            place: v.place.clone(),
            kind: v.kind.clone(),
            dates: format!(
                "{} – {}",
                self.frame.catalog.format_date(&v.start),
                self.frame.catalog.format_date(&v.end)
            ),
            start_iso: v.start.to_string(),
            end_iso: v.end.to_string(),
            sources: self.home_sources(),
        });
        let facts = self.facts();
        let days = facts::timeline(&facts).groups.into_iter().filter(|g| g.kind != "year").collect();
        let key_figures = facts::statistics(&facts)
            .categories
            .into_iter()
            .flat_map(|c| c.metrics)
            .filter(|m| m.key)
            .collect();
        HomeView {
            title,
            body_html: body.map(|d| d.html.clone()).unwrap_or_default(),
            visit,
            days,
            key_figures,
            articles: self.dossier.articles.iter().map(|a| self.summary(a)).collect(),
            sections: self.frame.site.nav.iter().skip(1).cloned().collect(),
        }
    }

    /// The print page: the home page's summary, then each section's facts,
    /// then every article with its note and its text, numbered paragraph by
    /// paragraph so that a citation's reference (`004 ¶7`) can be followed
    /// on paper.
    fn print(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        let route = Route::from_parts(&["print"]);
        let facts = self.facts_with(self.print_docs);
        let sections = self.dossier.sections();
        let data = PrintView {
            home: self.home_view(self.print_docs),
            timeline: sections.contains(&Section::Timeline).then(|| facts::timeline(&facts)),
            agreements: sections.contains(&Section::Agreements).then(|| facts::agreements(&facts)),
            statistics: sections.contains(&Section::Statistics).then(|| facts::statistics(&facts)),
            articles: self
                .dossier
                .articles
                .iter()
                .map(|a| self.article_view(a, self.print_docs))
                .collect(),
        };
        let title = self.frame.catalog.text("print_dossier");
        let page = self
            .frame
            .page_meta(&route, title, &self.frame.config.description, "print", Vec::new());
        self.frame.emit("print.html", &route, page, data)
    }

    fn home_sources(&self) -> Vec<SourceLink> {
        let Some(visit) = self.dossier.content.home.as_ref().and_then(|h| h.visit.as_ref()) else {
            return Vec::new();
        };
        self.facts().sources(&visit.sources)
    }

    fn articles(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        let route = Route::from_parts(&[Section::Articles.dir()]);
        let intro = self.dossier.intros.get(&Section::Articles);
        let title = intro.map_or_else(|| self.frame.catalog.text("articles").to_string(), |p| p.title.clone());
        let description = intro.map(|p| p.description.clone()).unwrap_or_default();
        let data = ArticlesView {
            intro_html: intro
                .and_then(|p| self.doc(&p.source.path))
                .map(|d| d.html.clone())
                .unwrap_or_default(),
            articles: self.dossier.articles.iter().map(|a| self.summary(a)).collect(),
        };
        let page = self.frame.page_meta(&route, &title, &description, "articles", Vec::new());
        self.frame.emit("articles.html", &route, page, data)
    }

    fn article(&self, article: &Article<'_>) -> Result<(String, Vec<u8>), Diagnostic> {
        let note = article.note;
        let body = note.and_then(|n| self.doc(&n.source.path));
        let summary = note.map(|n| n.summary.clone()).unwrap_or_default();
        let page = self.frame.page_meta(
            &article.route,
            &article.title,
            &summary,
            "articles",
            body.map(|d| d.toc.clone()).unwrap_or_default(),
        );
        let data = self.article_view(article, self.docs);
        self.frame.emit("article.html", &article.route, page, ArticleData { article: data })
    }

    /// An article's data, with its note rendered in `docs`.
    fn article_view(&self, article: &Article<'_>, docs: &HashMap<PathBuf, Rendered>) -> ArticleView {
        let note = article.note;
        let body = note.and_then(|n| docs.get(&n.source.path));
        let blocks = block_views(&article.seed.blocks, |i| self.citations.marks(article.index, i).to_vec());
        let cited_by = self
            .citations
            .cited_by(article.index)
            .iter()
            .map(|c| CitedByView {
                title: c.title.clone(),
                href: c.href.clone(),
                quote: c.quote.trim().to_string(),
                anchor: c.anchor.clone(),
            })
            .collect();
        let published = note.and_then(|n| n.published).or(article.seed.date);
        ArticleView {
            title: article.title.clone(),
            stem: article.seed.stem.clone(),
            short: article.seed.short_name().to_string(),
            seed_path: article.seed.path.to_string_lossy().replace('\\', "/"),
            summary: note.map(|n| n.summary.clone()).unwrap_or_default(),
            outlet: note.and_then(|n| n.outlet.clone()),
            url: note.and_then(|n| n.url.clone()),
            published: published.map(|d| self.frame.catalog.format_date(&d)),
            published_iso: published.map(|d| d.to_string()),
            tags: note.map(|n| n.tags.clone()).unwrap_or_default(),
            has_note: note.is_some(),
            note_html: body.map(|d| d.html.clone()).unwrap_or_default(),
            blocks,
            cited_by,
        }
    }

    /// `404.html` is served for any missing URL, at any depth, so its links
    /// are absolute from the base URL's path.
    fn not_found(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        let route = Route::home();
        let mut page = self
            .frame
            .page_meta(&route, self.frame.catalog.text("not_found"), "", "404", Vec::new());
        page.root = self.frame.config.base_url.path().to_string();
        let html = self.frame.theme.render("404.html", &Context { page, data: NoData {} })?;
        Ok(("404.html".to_string(), html))
    }
}

#[derive(Debug, Serialize)]
struct NoData {}

/// The print page's data: every part of the briefing, in reading order.
#[derive(Debug, Serialize)]
struct PrintView {
    home: HomeView,
    timeline: Option<facts::TimelineView>,
    agreements: Option<facts::AgreementsView>,
    statistics: Option<facts::StatisticsView>,
    articles: Vec<ArticleView>,
}

#[derive(Debug, Serialize)]
struct PageList {
    pages: Vec<NavLink>,
}

#[derive(Debug, Serialize)]
struct ArticleData {
    article: ArticleView,
}
