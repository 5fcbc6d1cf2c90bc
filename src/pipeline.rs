//! The build, stage by stage: parse → resolve → render → export, every
//! output going to a [`Sink`].
//!
//! This module only chains the stages, once per edition of the dossier
//! (the default language's, then each other, under its folder): each stage
//! checks what it is about and reports it here. The build stops before
//! rendering pages when any problem is an error (so `check` reports
//! everything found in one run), and between stages when the user
//! interrupts it.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::disk::input::InputTree;
use crate::disk::output::{Interrupt, NullSink, Sink, Within};
use crate::export;
use crate::keep::{Key, KeyHasher};
use crate::markdown;
use crate::parse::i18n::Catalog;
use crate::parse::{self, Overrides, Parsed};
use crate::render::assets::Assets;
use crate::render::counterparts::{Counterparts, EditionPages};
use crate::render::theme::Theme;
use crate::render::{self, EditionFrame, Frame, Renderer};
use crate::resolve;
use crate::resolve::model::{Dossier, ItemKind};

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    /// Warnings (a successful build has no errors).
    pub diagnostics: Diagnostics,
    /// Figures in the seeds that no metric cites, as warnings at the seed:
    /// listed by [`check`] only (reading every figure of every seed is most
    /// of a large dossier's checks, and only `dossier check` prints them).
    pub coverage: Vec<Diagnostic>,
    /// The path part of the base URL the site was built for: `/` or `/dossier/`.
    pub base_path: String,
    /// The search index's size against the text it indexes.
    pub search: export::search::IndexSize,
    /// The drafts left out of the build, by path.
    pub drafts: Vec<std::path::PathBuf>,
    /// For each edition but the default, by language: the documents it
    /// shows in the default language, for want of a translation.
    pub untranslated: Vec<(String, Vec<PathBuf>)>,
}

/// Why a build failed: problems in the dossier, a failure to read or
/// write, or the user stopping it.
#[derive(Debug)]
pub enum Failure {
    Content(Diagnostics),
    Io(anyhow::Error),
    Interrupted,
}

/// What a build keeps for the next one (`serve`): parsed content files,
/// and each edition's bodies, free pages and search index parts, each by a
/// key of what it was made from.
#[derive(Debug, Default)]
pub struct Kept {
    content: parse::content::Kept,
    editions: Vec<KeptEdition>,
}

/// What one edition keeps: its bodies and free pages, its search index's parts.
#[derive(Debug, Default)]
struct KeptEdition {
    bodies: render::bodies::Kept,
    search: export::search::Kept,
}

/// Runs the whole build over an input tree already in memory, writing to `sink`.
pub fn generate(tree: InputTree, overrides: &Overrides, sink: &dyn Sink, interrupt: &Interrupt) -> Result<Summary, Failure> {
    generate_keeping(tree, overrides, sink, interrupt, None, &|_| {}, Coverage::Skipped).map(|(summary, _)| summary)
}

/// As [`generate`], writing nothing; the summary also lists the seed
/// figures no metric cites ([`Summary::coverage`]).
pub fn check(tree: InputTree, overrides: &Overrides) -> Result<Summary, Failure> {
    generate_keeping(tree, overrides, &NullSink, &Interrupt::default(), None, &|_| {}, Coverage::Listed).map(|(summary, _)| summary)
}

/// Whether a build lists the seed figures no metric cites.
#[derive(Debug, Clone, Copy)]
pub enum Coverage {
    Listed,
    Skipped,
}

impl Coverage {
    fn list(self, outline: &resolve::model::Outline<'_>) -> Vec<Diagnostic> {
        match self {
            Coverage::Listed => resolve::checks::coverage(outline),
            Coverage::Skipped => Vec::new(),
        }
    }
}

/// One edition of the dossier: what it is made from and where it is written.
struct Edition<'p> {
    parsed: &'p Parsed,
    /// `""` for the default edition, `en/` for the English one.
    folder: String,
    /// The documents shown in the default language, for want of a translation.
    untranslated: &'p [PathBuf],
}

/// An edition once its pages are written: what its search index is made
/// from, how many pages and other files it wrote, and its bodies to keep.
struct Written<'a> {
    dossier: Dossier<'a>,
    catalog: &'a Catalog,
    folder: String,
    pages: usize,
    files: usize,
    bodies: Option<render::bodies::Kept>,
}

/// As [`generate`]; given what the previous build kept, it reuses every part
/// whose key is unchanged and returns what this build keeps. The output is
/// the same as [`generate`]'s, byte for byte. The search indexes are written
/// last: `pages_written` is called, with the site's base path, once every
/// other file is in `sink` (`serve` shows the pages from then on).
///
/// Every edition is resolved before any is rendered, so that each page
/// links to its counterparts in the others; the facts, checked once, are
/// the default edition's. `coverage` says whether the summary lists the
/// seed figures no metric cites. A tree given rather than lent is dropped
/// once parsed: nothing reads it after, and its seeds' bytes are as large
/// as their text (50 MiB of the peak of a build of 10,000 articles).
pub fn generate_keeping(
    tree: impl std::borrow::Borrow<InputTree>,
    overrides: &Overrides,
    sink: &dyn Sink,
    interrupt: &Interrupt,
    previous: Option<&Kept>,
    pages_written: &dyn Fn(&str),
    coverage: Coverage,
) -> Result<(Summary, Option<Kept>), Failure> {
    let mut stages = Stages::start(interrupt, tree.borrow().problems.clone());
    let parsed = parse::parse_keeping(tree.borrow(), overrides, &mut stages.diagnostics, previous.map(|k| &k.content));
    // A tree given (not lent, as `serve` does) goes once parsed, and with it the seeds' bytes.
    drop(tree);
    let (mut parsed, kept_content) = parsed.ok_or_else(|| Failure::Content(std::mem::take(&mut stages.diagnostics)))?;
    let c = &parsed.content;
    stages
        .diagnostics
        .extend(resolve::edition::check(c, &parsed.unread.content, &parsed.content_paths));
    stages.lap("parse seeds, content and templates")?;
    let mut theme = parsed.theme.take();
    let parsed = &parsed;
    let others: Vec<(Parsed, Vec<PathBuf>)> = (parsed.config.editions.iter().zip(&parsed.edition_catalogs))
        .map(|(edition, catalog)| parsed.edition(edition, catalog))
        .collect();
    let editions = Edition::all(parsed, &others);
    let mut outlines = Vec::with_capacity(editions.len());
    for (i, edition) in editions.iter().enumerate() {
        let (mut outline, assets) = resolve::outline(edition.parsed, i == 0, &mut stages.diagnostics);
        outline.original_language = (i > 0).then(|| parsed.config.language.clone());
        outlines.push((outline, assets));
    }
    let coverage = coverage.list(&outlines[0].0);
    let counterparts = counterparts(&editions, &outlines);
    stages.lap("resolve routes, outputs and citations")?;
    let mut written = Vec::with_capacity(editions.len());
    let (mut pages, mut files) = (0, 0);
    let nothing = KeptEdition::default();
    let kept = previous.map(|k| k.editions(editions.len(), &nothing));
    for (i, (edition, (outline, assets))) in editions.iter().zip(outlines).enumerate() {
        let within = Within {
            sink,
            folder: &edition.folder,
        };
        let previous = kept.as_ref().map(|k| k[i]);
        let mut build = EditionBuild {
            stages: &mut stages,
            edition,
            theme: &mut theme,
            counterparts: &counterparts,
            index: i,
            previous,
        };
        let edition = build.pages(outline, &assets, &within)?;
        pages += edition.pages;
        files += edition.files;
        written.push(edition);
    }
    pages_written(parsed.config.base_url.path());
    let (search, kept_editions) = index_all(&mut written, sink, kept.as_deref())?;
    stages.lap("search index")?;
    stages.report();
    let summary = Summary {
        pages,
        files: pages + files + search.files,
        diagnostics: stages.diagnostics,
        coverage,
        base_path: parsed.config.base_url.path().to_string(),
        search,
        drafts: parsed.content.drafts.clone(),
        untranslated: editions
            .iter()
            .skip(1)
            .map(|e| (e.parsed.config.language.clone(), e.untranslated.to_vec()))
            .collect(),
    };
    let kept = kept_content
        .zip(kept_editions.into_iter().collect::<Option<Vec<_>>>())
        .map(|(content, editions)| Kept { content, editions });
    Ok((summary, kept))
}

impl<'p> Edition<'p> {
    /// The default edition (`parsed`), then the others.
    fn all(parsed: &'p Parsed, others: &'p [(Parsed, Vec<PathBuf>)]) -> Vec<Edition<'p>> {
        let default = Edition {
            parsed,
            folder: String::new(),
            untranslated: &[],
        };
        let others = others.iter().map(|(p, untranslated)| Edition {
            parsed: p,
            folder: format!("{}/", p.config.language),
            untranslated,
        });
        std::iter::once(default).chain(others).collect()
    }
}

impl Kept {
    /// How many bodies the build that kept this rendered, in every edition,
    /// rather than took from the build before it.
    pub fn rendered(&self) -> usize {
        self.editions.iter().map(|e| e.bodies.rendered()).sum()
    }

    /// What the previous build kept of each of `count` editions; an edition
    /// it did not build (the first build, a language just added) starts
    /// from `nothing`, and so still keeps what it makes for the next build.
    fn editions<'k>(&'k self, count: usize, nothing: &'k KeptEdition) -> Vec<&'k KeptEdition> {
        (0..count).map(|i| self.editions.get(i).unwrap_or(nothing)).collect()
    }
}

/// Writes every edition's search index, in parallel; returns the default's size (with
/// every edition's files counted) and what each edition keeps.
fn index_all(
    written: &mut [Written<'_>],
    sink: &dyn Sink,
    previous: Option<&[&KeptEdition]>,
) -> Result<(export::search::IndexSize, Vec<Option<KeptEdition>>), Failure> {
    // The editions' indexes are independent: built side by side, reported in edition order.
    let indexed: Vec<anyhow::Result<_>> = written
        .par_iter_mut()
        .enumerate()
        .map(|(i, edition)| {
            let within = Within {
                sink,
                folder: &edition.folder,
            };
            let previous = previous.map(|k| &k[i].search);
            let (size, kept_search) = export::search::publish(&edition.dossier, edition.catalog, &within, previous)?;
            let bodies = edition.bodies.take();
            Ok((size, bodies.zip(kept_search).map(|(bodies, search)| KeptEdition { bodies, search })))
        })
        .collect();
    let mut search: Option<export::search::IndexSize> = None;
    let mut kept = Vec::with_capacity(indexed.len());
    for result in indexed {
        let (size, edition) = result.map_err(Failure::Io)?;
        match &mut search {
            None => search = Some(size),
            Some(search) => search.files += size.files,
        }
        kept.push(edition);
    }
    Ok((search.expect("the default edition is indexed"), kept))
}

/// Where every page of every edition is.
fn counterparts(editions: &[Edition<'_>], outlines: &[(resolve::model::Outline<'_>, Assets<'_>)]) -> Counterparts {
    let pages = editions.iter().zip(outlines).map(|(edition, (outline, _))| {
        let config = &edition.parsed.config;
        let name = &edition.parsed.catalog.name;
        EditionPages::new(&config.language, name, &edition.folder, &config.base_url, &outline.manifest)
    });
    Counterparts { editions: pages.collect() }
}

/// One edition's build, from its outline to its pages and files.
struct EditionBuild<'b, 's, 'p> {
    stages: &'b mut Stages<'s>,
    edition: &'b Edition<'p>,
    theme: &'b mut Option<Theme>,
    counterparts: &'b Counterparts,
    index: usize,
    previous: Option<&'b KeptEdition>,
}

impl<'p> EditionBuild<'_, '_, 'p> {
    /// Renders the bodies, completes the dossier and writes its pages, data
    /// files and feeds. The problems of an edition other
    /// than the default are reported only when the default's are not the same.
    fn pages(&mut self, outline: resolve::model::Outline<'p>, assets: &Assets<'p>, sink: &dyn Sink) -> Result<Written<'p>, Failure> {
        let EditionBuild {
            stages,
            edition,
            theme,
            counterparts,
            index,
            previous,
        } = self;
        let parsed = edition.parsed;
        let original = outline.original_language.clone();
        let mut report = Report {
            stages,
            default: *index == 0,
        };
        let mut problems = Diagnostics::default();
        let site = render::site_view(&parsed.config, &parsed.catalog, &outline, assets);
        let frame_key = previous.map_or_else(Key::default, |_| frame_key(parsed, &site));
        let among = EditionFrame {
            counterparts,
            index: *index,
            original: original.as_deref(),
            untranslated: untranslated_pages(&outline),
        };
        let frame = theme.as_mut().and_then(|theme| {
            Frame::new(&parsed.config, &parsed.catalog, theme, site, among)
                .map_err(|d| problems.push(d))
                .ok()
        });
        let options = markdown_options(parsed, outline.original_language.as_deref());
        let links = render::bodies::FoundOnce::new(&outline);
        let stage = render::bodies::Stage {
            outline: &outline,
            links: &links,
            options: &options,
            frame: frame.as_ref(),
            frame_key,
            sink,
            kept: previous.map(|k| &k.bodies),
        };
        let (bodies, kept_bodies) = stage.run(&mut problems).map_err(Failure::Io)?;
        drop(links);
        report.add(problems);
        report.stages.lap("render Markdown and write free pages")?;
        let mut problems = Diagnostics::default();
        let dossier = resolve::complete(outline, bodies, &mut problems);
        report.add(problems);
        report.stages.lap("citations and checks")?;
        let Some(frame) = frame.filter(|_| !report.stages.diagnostics.has_errors()) else {
            return Err(Failure::Content(std::mem::take(&mut report.stages.diagnostics)));
        };
        let renderer = Renderer {
            frame: &frame,
            dossier: &dossier,
        };
        let mut problems = Diagnostics::default();
        let pages = render::write_pages(&renderer, sink, &mut problems).map_err(Failure::Io)?;
        report.add(problems);
        if report.stages.diagnostics.has_errors() {
            return Err(Failure::Content(std::mem::take(&mut report.stages.diagnostics)));
        }
        report.stages.lap("render and write pages")?;
        // What follows reads the outline and the bodies' text alone.
        let mut dossier = dossier;
        dossier.pages_written();
        let data = export::write_data_and_feeds(&dossier, &parsed.config, &parsed.catalog, sink).map_err(Failure::Io)?;
        report.stages.lap("data files and feeds")?;
        let files = data + export::write_files(assets, sink).map_err(Failure::Io)?;
        report.stages.lap("write files")?;
        let pages = pages + dossier.outline.of_kind(ItemKind::Page).count();
        drop(frame);
        Ok(Written {
            dossier,
            catalog: &parsed.catalog,
            folder: edition.folder.clone(),
            pages,
            files,
            bodies: kept_bodies,
        })
    }
}

/// Where an edition's problems go: the build's, and for an edition other
/// than the default only those the default edition did not have (an
/// untranslated body has the same problems in every edition).
struct Report<'r, 's> {
    stages: &'r mut Stages<'s>,
    default: bool,
}

impl Report<'_, '_> {
    fn add(&mut self, problems: Diagnostics) {
        if self.default {
            return self.stages.diagnostics.extend(problems);
        }
        let known: std::collections::HashSet<String> = self.stages.diagnostics.sorted().iter().map(|d| format!("{d:?}")).collect();
        let new = problems
            .sorted()
            .into_iter()
            .filter(|d| !known.contains(&format!("{d:?}")))
            .cloned();
        self.stages.diagnostics.extend(new.collect::<Vec<_>>());
    }
}

/// The pages whose own document (a note, a free page, the home page) is
/// shown untranslated in the outline's edition.
fn untranslated_pages(outline: &resolve::model::Outline<'_>) -> std::collections::HashSet<String> {
    outline
        .items
        .iter()
        .filter(|item| item.is_page() && item.untranslated_lang(outline).is_some())
        .map(|item| item.target.route.file())
        .collect()
}

/// A key of everything a free page is rendered with besides its body: the
/// site view (navigation, stylesheets, footer), the interface strings, the
/// settings and the dossier's templates.
fn frame_key(parsed: &Parsed, site: &crate::views::SiteView<'_>) -> Key {
    let view = serde_json::to_vec(&(site, &parsed.catalog.ui)).expect("views serialise");
    let mut hasher = KeyHasher::default();
    hasher
        .part(&view)
        .part(format!("{:?}", parsed.config).as_bytes())
        .key_part(parsed.templates_key);
    hasher.key()
}

fn markdown_options(parsed: &Parsed, quotes_lang: Option<&str>) -> markdown::Options {
    markdown::Options {
        quotes_lang: quotes_lang.map(str::to_string),
        translation_label: parsed.catalog.text("translation").to_string(),
        allow_html: parsed.config.allow_html,
        smart_punctuation: parsed.config.smart_punctuation,
        footnotes_label: parsed.catalog.text("footnotes").to_string(),
        back_label: parsed.catalog.text("back_to_reference").to_string(),
    }
}

/// The build's progress: the problems found so far, a stop when the user
/// interrupts, and stage timings with the peak memory at each stage's end,
/// printed to stderr when `DOSSIER_TIMINGS` is set (for profiling).
#[derive(Debug)]
pub struct Stages<'a> {
    pub diagnostics: Diagnostics,
    interrupt: &'a Interrupt,
    timings: bool,
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration, Option<u64>)>,
}

impl<'a> Stages<'a> {
    fn start(interrupt: &'a Interrupt, diagnostics: Diagnostics) -> Self {
        Stages {
            diagnostics,
            interrupt,
            timings: std::env::var_os("DOSSIER_TIMINGS").is_some(),
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends a stage: notes its time, and stops the build if the user interrupted it.
    pub fn lap(&mut self, stage: &'static str) -> Result<(), Failure> {
        let now = std::time::Instant::now();
        let peak = self.timings.then(crate::disk::peak_memory_kib).flatten();
        self.laps.push((stage, now - self.last, peak));
        self.last = now;
        if self.interrupt.is_raised() {
            return Err(Failure::Interrupted);
        }
        Ok(())
    }

    fn report(&self) {
        if self.timings {
            for (stage, took, peak) in &self.laps {
                let peak = peak.map_or_else(String::new, |kib| format!("{:>6} MiB peak", kib / 1024));
                eprintln!("{:>8.1} ms {peak}  {stage}", took.as_secs_f64() * 1000.0);
            }
        }
    }
}
