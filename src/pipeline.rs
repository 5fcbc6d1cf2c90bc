//! The build, stage by stage: input tree → config, seeds, content → model →
//! rendered bodies and citations → pages → sink.
//!
//! Each stage is a function from data to data; this module only chains them,
//! gathers every stage's diagnostics, and stops before rendering pages when
//! any is an error (so `check` reports everything found in one run).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::disk::input::InputTree;
use crate::disk::output::Sink;
use crate::export;
use crate::export::feeds;
use crate::export::search;
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self, Place, Rendered};
use crate::parse::config::Config;
use crate::parse::content::{self, Section, Source};
use crate::parse::i18n::{self, Catalog};
use crate::parse::seed::{self, Seed};
use crate::render::assets::Assets;
use crate::render::theme::Theme;
use crate::render::{self, Frame, Renderer};
use crate::resolve::citation::SeedIndex;
use crate::resolve::model::Dossier;
use crate::resolve::route::Route;
use crate::resolve::xref::{Citation, CitationIndex, Linker};
use crate::views::facts;

/// What the command line may override in `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    /// Warnings (a successful build has no errors).
    pub diagnostics: Diagnostics,
    /// Figures in the seeds that no metric cites, as warnings at the seed.
    pub coverage: Vec<Diagnostic>,
    /// The path part of the base URL the site was built for: `/` or `/dossier/`.
    pub base_path: String,
    /// The search index's size against the text it indexes.
    pub search: search::IndexSize,
}

/// Why a build failed: problems in the dossier, a failure to read or
/// write, or the user stopping it.
#[derive(Debug)]
pub enum Failure {
    Content(Diagnostics),
    Io(anyhow::Error),
    Interrupted,
}

/// Runs the whole build over an input tree already in memory, writing to `sink`.
pub fn generate(mut tree: InputTree, overrides: &Overrides, sink: &dyn Sink) -> Result<Summary, Failure> {
    let mut clock = Timings::start();
    let mut diagnostics = tree.problems.clone();
    let Some((config, catalog)) = load_config(&tree, overrides, &mut diagnostics) else {
        return Err(Failure::Content(diagnostics));
    };
    let seeds = parse_seeds(&tree, &mut diagnostics);
    let note_files: HashSet<PathBuf> = tree
        .content
        .iter()
        .map(|f| f.path.clone())
        .filter(|p| p.starts_with("content/articles"))
        .collect();
    let (content, content_diagnostics) = content::parse_all(std::mem::take(&mut tree.content));
    diagnostics.extend(content_diagnostics);
    let (dossier, model_errors) = Dossier::assemble(&seeds, &content);
    diagnostics.extend(model_errors);
    warn_missing_notes(&dossier, &note_files, &mut diagnostics);
    diagnostics.extend(facts::check(&content));
    let mut theme = Theme::new(&tree.templates).map_err(|e| diagnostics.extend(e)).ok();
    clock.lap("parse seeds, content and templates");

    let assets = Assets::collect(&tree);
    let files = output_files(&assets, &dossier);
    let linker = Linker::new(
        SeedIndex::new(&seeds),
        dossier.articles.iter().map(|a| a.route.clone()).collect(),
        dossier.content_routes(),
        files.iter().cloned().collect(),
    );
    let options = markdown_options(&config, &catalog);
    let highlighter = Highlighter::default();
    let jobs = body_jobs(&dossier);
    let rendered: Vec<(Rendered, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|job| markdown::render(job.place(), &linker, &highlighter, &options))
        .collect();
    let mut citations = CitationIndex::default();
    let mut docs: HashMap<PathBuf, Rendered> = HashMap::with_capacity(jobs.len() + dossier.pages.len());
    for (job, (body, errors)) in jobs.iter().zip(rendered) {
        diagnostics.extend(errors);
        for c in &body.citations {
            citations.add(c, &job.title, &job.href);
        }
        docs.insert(job.source.path.clone(), body);
    }
    // The print page holds the same bodies, with links relative to its own
    // place; their citations and problems are those of the bodies above.
    let print_route = Route::from_parts(&["print"]);
    let print_docs: HashMap<PathBuf, Rendered> = jobs
        .par_iter()
        .map(|job| {
            let place = Place {
                route: &print_route,
                ..job.place()
            };
            let (body, _) = markdown::render(place, &linker, &highlighter, &options);
            (job.source.path.clone(), body)
        })
        .collect();
    clock.lap("render Markdown");

    let site = render::site_view(&config, &catalog, &dossier, &assets);
    if let Some(theme) = theme.as_mut() {
        let globals = crate::views::Globals {
            site: &site,
            t: &catalog.ui,
        };
        if let Err(d) = theme.set_globals(&globals) {
            diagnostics.push(d);
        }
    }
    let frame = theme.as_ref().map(|theme| Frame {
        config: &config,
        catalog: &catalog,
        theme,
        site,
    });
    let free_pages = stream_free_pages(&dossier, frame.as_ref(), sink, |free| {
        let place = Place {
            source: &free.page.source,
            route: &free.route,
            id_prefix: "",
        };
        markdown::render(place, &linker, &highlighter, &options)
    })?;
    for (free, (body, errors)) in dossier.pages.iter().zip(free_pages) {
        diagnostics.extend(errors);
        for c in &body.citations {
            citations.add(c, &free.page.title, &free.route.file());
        }
        docs.insert(free.page.source.path.clone(), body);
    }
    clock.lap("render and write free pages");

    let metric_citations = cite_front_matter(&dossier, &linker, &mut citations, &mut diagnostics);
    // A dossier without metrics does not track its figures.
    let coverage = if content.metrics.is_empty() {
        Vec::new()
    } else {
        coverage(&seeds, &metric_citations)
    };
    check_fragments(&docs, &dossier, &mut diagnostics);
    let citations = citations.finish();
    clock.lap("citations and checks");

    let Some(frame) = frame.filter(|_| !diagnostics.has_errors()) else {
        return Err(Failure::Content(diagnostics));
    };
    let renderer = Renderer {
        frame: &frame,
        dossier: &dossier,
        docs: &docs,
        print_docs: &print_docs,
        citations: &citations,
        article_hrefs: dossier.articles.iter().map(|a| a.route.file()).collect(),
        article_titles: dossier.articles.iter().map(|a| a.title.clone()).collect(),
    };
    let pages = write_pages(&renderer, sink, &mut diagnostics)? + dossier.pages.len();
    clock.lap("render and write pages");
    let mut data = export::data_files(&dossier.sections(), &content, &citations, host(&config));
    let site_info = feeds::SiteInfo {
        title: &config.title,
        description: &config.description,
        base_url: &config.base_url,
    };
    data.push((
        feeds::SITEMAP_FILE.to_string(),
        feeds::sitemap(&config.base_url, files.iter().map(String::as_str)).into_bytes(),
    ));
    data.push((feeds::ROBOTS_FILE.to_string(), feeds::robots(&config.base_url).into_bytes()));
    data.push((feeds::FEED_FILE.to_string(), feeds::atom(site_info, &dossier).into_bytes()));
    clock.lap("data files");
    let search_docs = search::documents(&dossier, &docs, &catalog);
    clock.lap("search documents");
    let search_size = search::write_index(&search_docs, &catalog.ui, sink).map_err(Failure::Io)?;
    clock.lap("search index");
    // The data files, the static files and the search index's files.
    let files = write_files(&assets, data, sink).map_err(Failure::Io)? + search_size.files;
    clock.lap("write files");
    clock.report();
    Ok(Summary {
        pages,
        files: pages + files,
        diagnostics,
        coverage,
        base_path: config.base_url.path().to_string(),
        search: search_size,
    })
}

/// Renders every free page's body and, when the theme loaded, its page, which
/// goes straight to the sink: a free page's HTML is never kept, so memory does
/// not grow with the site. Returns each body without its HTML.
fn stream_free_pages(
    dossier: &Dossier<'_>,
    frame: Option<&Frame<'_>>,
    sink: &dyn Sink,
    render_body: impl Fn(&crate::resolve::model::FreePage<'_>) -> (Rendered, Vec<Diagnostic>) + Sync,
) -> Result<Vec<(Rendered, Vec<Diagnostic>)>, Failure> {
    dossier
        .pages
        .par_iter()
        .map(|free| {
            let (mut body, mut errors) = render_body(free);
            if let Some(frame) = frame {
                match frame.free_page(free, &body) {
                    Ok((path, html)) => sink.put(&path, &html).map_err(Failure::Io)?,
                    Err(d) => errors.push(d),
                }
            }
            body.html = String::new();
            Ok((body, errors))
        })
        .collect()
}

/// Stage timings, printed to stderr when `DOSSIER_TIMINGS` is set (for profiling).
struct Timings {
    enabled: bool,
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    fn start() -> Self {
        Timings {
            enabled: std::env::var_os("DOSSIER_TIMINGS").is_some(),
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }

    fn report(&self) {
        if self.enabled {
            for (stage, took) in &self.laps {
                eprintln!("{:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
            }
        }
    }
}

fn load_config(tree: &InputTree, overrides: &Overrides, diagnostics: &mut Diagnostics) -> Option<(Config, Catalog)> {
    let vi = Catalog::builtin("vi").expect("Vietnamese is built in");
    let mut catalogs: Vec<Catalog> = i18n::BUILTIN.iter().filter_map(|(code, _)| Catalog::builtin(code)).collect();
    for file in &tree.catalogs {
        match Catalog::parse(&file.path, &file.text, Some(&vi)) {
            Ok(c) => {
                catalogs.retain(|k| k.code != c.code);
                catalogs.push(c);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let codes: Vec<String> = catalogs.iter().map(|c| c.code.clone()).collect();
    let mut config = Config::parse(&tree.config.path, &tree.config.text, &codes)
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    if let Some(url) = &overrides.base_url {
        config.base_url = crate::parse::config::BaseUrl::parse(url)
            .map_err(|e| diagnostics.push(Diagnostic::error("--base-url", e)))
            .ok()?;
    }
    let catalog = catalogs.into_iter().find(|c| c.code == config.language)?;
    Some((config, catalog))
}

fn parse_seeds(tree: &InputTree, diagnostics: &mut Diagnostics) -> Vec<Seed> {
    let parsed: Vec<Result<Seed, Diagnostic>> = tree.seeds.par_iter().map(|f| seed::parse(&f.path, &f.bytes)).collect();
    parsed.into_iter().filter_map(|r| r.map_err(|d| diagnostics.push(d)).ok()).collect()
}

/// A warning for each seed without a note; a note that exists but failed to
/// parse has its own error already.
fn warn_missing_notes(dossier: &Dossier<'_>, note_files: &HashSet<PathBuf>, diagnostics: &mut Diagnostics) {
    let written = |stem: &str| note_files.contains(&Path::new("content/articles").join(format!("{stem}.md")));
    for article in dossier.articles.iter().filter(|a| a.note.is_none() && !written(&a.seed.stem)) {
        diagnostics.push(Diagnostic::warning(
            &article.seed.path,
            format!(
                "seed has no note: add `content/articles/{}.md` with a title and summary",
                article.seed.stem
            ),
        ));
    }
}

fn markdown_options(config: &Config, catalog: &Catalog) -> markdown::Options {
    markdown::Options {
        allow_html: config.allow_html,
        smart_punctuation: config.smart_punctuation,
        footnotes_label: catalog.text("footnotes").to_string(),
        back_label: catalog.text("back_to_reference").to_string(),
    }
}

/// One Markdown body to render, and how its citations are listed.
struct BodyJob<'a> {
    source: &'a Source,
    route: Route,
    id_prefix: String,
    /// Title and site path of the citing item, for "cited by" lists.
    title: String,
    href: String,
}

impl BodyJob<'_> {
    fn place(&self) -> Place<'_> {
        Place {
            source: self.source,
            route: &self.route,
            id_prefix: &self.id_prefix,
        }
    }
}

fn body_jobs<'a>(dossier: &'a Dossier<'a>) -> Vec<BodyJob<'a>> {
    let page = |source: &'a Source, route: Route, title: &str| BodyJob {
        source,
        href: route.file(),
        route,
        id_prefix: String::new(),
        title: title.to_string(),
    };
    let mut jobs = Vec::new();
    if let Some(home) = &dossier.content.home {
        jobs.push(page(&home.source, Route::home(), &home.title));
    }
    for article in &dossier.articles {
        if let Some(note) = article.note {
            // Prefixed, so that notes printed together (the print page) keep distinct ids.
            let mut job = page(&note.source, article.route.clone(), &article.title);
            job.id_prefix = format!("n{}-", article.index + 1);
            jobs.push(job);
        }
    }
    for (section, intro) in &dossier.intros {
        jobs.push(page(&intro.source, Route::from_parts(&[section.dir()]), &intro.title));
    }
    let content = dossier.content;
    let item = |source: &'a Source, section: Section, anchor: String, title: &str| BodyJob {
        source,
        href: facts::item_href(section, &anchor),
        route: Route::from_parts(&[section.dir()]),
        id_prefix: format!("{anchor}-"),
        title: title.to_string(),
    };
    jobs.extend(
        content
            .events
            .iter()
            .map(|e| item(&e.source, Section::Timeline, facts::event_anchor(e), &e.title)),
    );
    jobs.extend(
        content
            .agreements
            .iter()
            .map(|a| item(&a.source, Section::Agreements, facts::agreement_anchor(a), &a.title)),
    );
    jobs.extend(
        content
            .metrics
            .iter()
            .map(|m| item(&m.source, Section::Statistics, facts::metric_anchor(m), &m.label)),
    );
    jobs.extend(
        content
            .people
            .iter()
            .map(|p| item(&p.source, Section::People, facts::person_anchor(p), &p.name)),
    );
    jobs
}

/// Resolves the citations written in front matter and adds them to the
/// index; returns those of metrics, for the coverage list.
fn cite_front_matter(
    dossier: &Dossier<'_>,
    linker: &Linker<'_>,
    citations: &mut CitationIndex,
    diagnostics: &mut Diagnostics,
) -> Vec<Citation> {
    /// An item's front-matter citations, and whether they give a metric's figure.
    struct Cites<'c> {
        cites: &'c [crate::parse::content::CitationRef],
        title: &'c str,
        href: String,
        metric: bool,
    }
    let content = dossier.content;
    let page = |section: Section, anchor: String| facts::item_href(section, &anchor);
    let mut items = Vec::new();
    if let Some(home) = &content.home {
        if let Some(visit) = &home.visit {
            let href = format!("{}#visit", Route::home().file());
            items.push(Cites {
                cites: &visit.sources,
                title: &home.title,
                href,
                metric: false,
            });
        }
    }
    for e in &content.events {
        let href = page(Section::Timeline, facts::event_anchor(e));
        items.push(Cites {
            cites: &e.sources,
            title: &e.title,
            href,
            metric: false,
        });
    }
    for a in &content.agreements {
        let href = page(Section::Agreements, facts::agreement_anchor(a));
        items.push(Cites {
            cites: &a.sources,
            title: &a.title,
            href,
            metric: false,
        });
    }
    for m in &content.metrics {
        for o in &m.observations {
            let href = page(Section::Statistics, facts::metric_anchor(m));
            items.push(Cites {
                cites: &o.sources,
                title: &m.label,
                href,
                metric: true,
            });
        }
    }
    let resolved: Vec<(Vec<Citation>, Vec<Diagnostic>)> = items
        .par_iter()
        .map(|item| {
            let mut errors = Vec::new();
            (linker.cite_all(item.cites, &mut errors), errors)
        })
        .collect();
    let mut metric_citations = Vec::new();
    for (item, (resolved, errors)) in items.iter().zip(resolved) {
        diagnostics.extend(errors);
        for c in &resolved {
            citations.add(c, item.title, &item.href);
        }
        if item.metric {
            metric_citations.extend(resolved);
        }
    }
    metric_citations
}

/// The coverage list: a warning at each seed figure no metric cites.
fn coverage(seeds: &[Seed], metric_citations: &[Citation]) -> Vec<Diagnostic> {
    facts::uncited_figures(seeds, metric_citations)
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

fn host(config: &Config) -> &str {
    config
        .base_url
        .as_str()
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("dossier")
}

/// Checks links to `#fragment`s against the ids the target pages define.
fn check_fragments(docs: &HashMap<PathBuf, Rendered>, dossier: &Dossier<'_>, diagnostics: &mut Diagnostics) {
    let routes = dossier.content_routes();
    let mut ids: HashMap<String, HashSet<&str>> = HashMap::new();
    for (path, body) in docs {
        if let Some(route) = routes.get(path) {
            ids.entry(route.file()).or_default().extend(body.ids.iter().map(String::as_str));
        }
    }
    for article in &dossier.articles {
        let set = ids.entry(article.route.file()).or_default();
        set.extend(article.seed.blocks.iter().map(|b| b.anchor.as_str()));
        set.extend(["cited-by", "article-text", "note"]);
    }
    for link in docs.values().flat_map(|d| &d.fragment_links) {
        if ids.get(&link.target).is_some_and(|set| !set.contains(link.fragment.as_str())) {
            diagnostics.push(
                Diagnostic::error(
                    &link.path,
                    format!("link to `#{}` in `{}`, which has no such anchor", link.fragment, link.target),
                )
                .at(link.position),
            );
        }
    }
}

/// Every file the build writes besides pages: site paths.
fn output_files(assets: &Assets<'_>, dossier: &Dossier<'_>) -> HashSet<String> {
    let mut files: HashSet<String> = assets.paths().map(str::to_string).collect();
    files.insert(Route::home().file());
    files.insert("404.html".to_string());
    files.insert(search::INDEX_FILE.to_string());
    files.extend([feeds::SITEMAP_FILE, feeds::ROBOTS_FILE, feeds::FEED_FILE].map(str::to_string));
    files.insert(Route::from_parts(&["search"]).file());
    files.insert(Route::from_parts(&["print"]).file());
    if dossier.pages.len() > render::FOOTER_PAGES {
        files.insert(Route::from_parts(&["pages"]).file());
    }
    for section in dossier.sections() {
        files.insert(Route::from_parts(&[section.dir()]).file());
        files.extend(export::files(section).iter().map(|f| f.to_string()));
    }
    files.extend(dossier.articles.iter().map(|a| a.route.file()));
    files.extend(dossier.pages.iter().map(|p| p.route.file()));
    files
}

fn write_pages(renderer: &Renderer<'_>, sink: &dyn Sink, diagnostics: &mut Diagnostics) -> Result<usize, Failure> {
    let jobs = renderer.jobs();
    let results: Vec<Result<(), Failure>> = jobs
        .par_iter()
        .map(|job| {
            let (path, html) = renderer.render(*job).map_err(|d| {
                let mut one = Diagnostics::default();
                one.push(d);
                Failure::Content(one)
            })?;
            sink.put(&path, &html).map_err(Failure::Io)
        })
        .collect();
    let mut errors = Diagnostics::default();
    for result in results {
        match result {
            Ok(()) => {}
            Err(Failure::Content(d)) => errors.extend(d),
            Err(io) => return Err(io),
        }
    }
    if errors.has_errors() {
        diagnostics.extend(errors);
        return Err(Failure::Content(std::mem::take(diagnostics)));
    }
    Ok(jobs.len())
}

/// Data exports, static files (built-in, then the dossier's, which win),
/// content assets and the generated stylesheet.
fn write_files(assets: &Assets<'_>, data: Vec<(String, Vec<u8>)>, sink: &dyn Sink) -> Result<usize> {
    let mut files: Vec<(&str, &[u8])> = data.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    files.extend(assets.files());
    files.par_iter().try_for_each(|(path, bytes)| sink.put(path, bytes))?;
    Ok(files.len())
}
