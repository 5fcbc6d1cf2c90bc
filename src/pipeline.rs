//! The build, stage by stage: parse → resolve → render → export, every
//! output going to a [`Sink`].
//!
//! This module only chains the stages: each checks what it is about and
//! reports it here. The build stops before rendering pages when any problem
//! is an error (so `check` reports everything found in one run), and between
//! stages when the user interrupts it.

use crate::diag::{Diagnostic, Diagnostics};
use crate::disk::input::InputTree;
use crate::disk::output::{Interrupt, Sink};
use crate::export;
use crate::keep::{Key, KeyHasher};
use crate::markdown;
use crate::parse::{self, Overrides, Parsed};
use crate::render::{self, Frame, Renderer};
use crate::resolve;
use crate::resolve::model::ItemKind;

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
    pub search: export::search::IndexSize,
    /// The drafts left out of the build, by path.
    pub drafts: Vec<std::path::PathBuf>,
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
/// bodies, free pages and the search index's parts, each by a key of what
/// it was made from.
#[derive(Debug, Default)]
pub struct Kept {
    content: parse::content::Kept,
    bodies: render::bodies::Kept,
    search: export::search::Kept,
}

/// Runs the whole build over an input tree already in memory, writing to `sink`.
pub fn generate(tree: InputTree, overrides: &Overrides, sink: &dyn Sink, interrupt: &Interrupt) -> Result<Summary, Failure> {
    generate_keeping(tree, overrides, sink, interrupt, None, &|_| {}).map(|(summary, _)| summary)
}

/// As [`generate`]; given what the previous build kept, it reuses every part
/// whose key is unchanged and returns what this build keeps. The output is
/// the same as [`generate`]'s, byte for byte. The search index is written
/// last: `pages_written` is called, with the site's base path, once every
/// other file is in `sink` (`serve` shows the pages from then on).
pub fn generate_keeping(
    tree: InputTree,
    overrides: &Overrides,
    sink: &dyn Sink,
    interrupt: &Interrupt,
    previous: Option<&Kept>,
    pages_written: &dyn Fn(&str),
) -> Result<(Summary, Option<Kept>), Failure> {
    let mut stages = Stages::start(interrupt, tree.problems.clone());
    let parsed = parse::parse_keeping(tree, overrides, &mut stages.diagnostics, previous.map(|k| &k.content));
    let (mut parsed, kept_content) = parsed.ok_or_else(|| Failure::Content(std::mem::take(&mut stages.diagnostics)))?;
    stages.lap("parse seeds, content and templates")?;
    let mut theme = parsed.theme.take();
    let parsed = &parsed;
    let (outline, assets) = resolve::outline(parsed, &mut stages.diagnostics);
    let coverage = resolve::checks::coverage(&outline);
    stages.lap("resolve routes, outputs and citations")?;
    let site = render::site_view(&parsed.config, &parsed.catalog, &outline, &assets);
    let frame_key = previous.map_or_else(Key::default, |_| frame_key(parsed, &site));
    let frame = theme.as_mut().and_then(|theme| {
        Frame::new(&parsed.config, &parsed.catalog, theme, site)
            .map_err(|d| stages.diagnostics.push(d))
            .ok()
    });
    let options = markdown_options(parsed);
    let stage = render::bodies::Stage {
        outline: &outline,
        options: &options,
        frame: frame.as_ref(),
        frame_key,
        sink,
        kept: previous.map(|k| &k.bodies),
    };
    let (bodies, kept_bodies) = stage.run(&mut stages.diagnostics).map_err(Failure::Io)?;
    stages.lap("render Markdown and write free pages")?;
    let dossier = resolve::complete(outline, bodies, &mut stages.diagnostics);
    stages.lap("citations and checks")?;
    let Some(frame) = frame.filter(|_| !stages.diagnostics.has_errors()) else {
        return Err(Failure::Content(stages.diagnostics));
    };
    let renderer = Renderer {
        frame: &frame,
        dossier: &dossier,
    };
    let pages = render::write_pages(&renderer, sink, &mut stages.diagnostics).map_err(Failure::Io)?;
    if stages.diagnostics.has_errors() {
        return Err(Failure::Content(stages.diagnostics));
    }
    stages.lap("render and write pages")?;
    let data = export::data_and_feeds(&dossier, &parsed.config, &parsed.catalog);
    stages.lap("data files and feeds")?;
    let files = export::write_files(data, &assets, sink).map_err(Failure::Io)?;
    stages.lap("write files")?;
    pages_written(parsed.config.base_url.path());
    let (search, kept_search) =
        export::search::publish(&dossier, &parsed.catalog, sink, previous.map(|k| &k.search)).map_err(Failure::Io)?;
    stages.lap("search index")?;
    let files = files + search.files;
    stages.report();
    let pages = pages + dossier.outline.of_kind(ItemKind::Page).count();
    let summary = Summary {
        pages,
        files: pages + files,
        diagnostics: stages.diagnostics,
        coverage,
        base_path: parsed.config.base_url.path().to_string(),
        search,
        drafts: parsed.content.drafts.clone(),
    };
    let kept = kept_content
        .zip(kept_bodies)
        .zip(kept_search)
        .map(|((content, bodies), search)| Kept { content, bodies, search });
    Ok((summary, kept))
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

fn markdown_options(parsed: &Parsed) -> markdown::Options {
    markdown::Options {
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
