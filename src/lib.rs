//! `dossier`: a static site generator for fact-checked visit dossiers.
//!
//! News articles (`seeds/`) and analysts' Markdown notes (`content/`) go in; a
//! browsable site where every fact links to the sentence it comes from comes
//! out. See ARCHITECTURE.md for the stages and their invariants. The entry
//! points here are [`build`] (writes the site), [`check`] (writes nothing),
//! [`build_in_memory`], [`Preview`] (builds again and again, reusing what
//! is unchanged), [`serve::serve`], [`scaffold::init`] and
//! [`scaffold::eject`].

pub mod diag;
pub mod disk;
pub mod export;
pub mod keep;
pub mod markdown;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod text;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use disk::{input, output};

pub use parse::Overrides;
pub use pipeline::{Failure, Summary};

/// Builds the dossier at `root` into `output`. The previous `output` is
/// replaced only when the whole build succeeds; when `interrupt` is raised
/// during the build, it stops with [`Failure::Interrupted`].
pub fn build(root: &Path, output: &Path, overrides: &Overrides, interrupt: &output::Interrupt) -> Result<Summary, Failure> {
    let tree = input::read(root).map_err(Failure::Io)?;
    output::check_target(root, output).map_err(Failure::Io)?;
    // Once raised, an interrupt makes the sink and the swap refuse, and only
    // then: whatever error that gave is the interrupt's.
    match output::publish(output, interrupt, |sink| pipeline::generate(tree, overrides, sink, interrupt)) {
        Err(_) | Ok(Err(_)) if interrupt.is_raised() => Err(Failure::Interrupted),
        Err(err) => Err(Failure::Io(err)),
        Ok(result) => result,
    }
}

/// Does everything [`build`] does but writes nothing.
pub fn check(root: &Path, overrides: &Overrides) -> Result<Summary, Failure> {
    let tree = input::read(root).map_err(Failure::Io)?;
    pipeline::check(tree, overrides)
}

/// Builds the dossier at `root` in memory: every output file by site path.
pub fn build_in_memory(root: &Path, overrides: &Overrides) -> Result<(Files, Summary), Failure> {
    let tree = input::read(root).map_err(Failure::Io)?;
    let sink = output::MemorySink::default();
    let summary = pipeline::generate(tree, overrides, &sink, &output::Interrupt::default())?;
    Ok((sink.into_files(), summary))
}

/// A site built in memory: every output file by site path.
pub type Files = BTreeMap<String, Arc<[u8]>>;

pub use output::{Stored, StoredFiles, StoredSite};

/// The dossier at a root built in memory again and again (`serve`), each
/// build after the first reading only the files said to have changed and
/// reusing every part of the last build whose inputs are unchanged. Each
/// build's files are those of [`build_in_memory`], byte for byte, held
/// gzip-compressed ([`Stored`]); a file whose bytes are unchanged keeps the
/// compressed form of the build before.
#[derive(Debug)]
pub struct Preview {
    root: PathBuf,
    overrides: Overrides,
    /// The input tree as last read, once read.
    tree: Option<input::InputTree>,
    kept: pipeline::Kept,
    /// The files of the last build that succeeded (shared with the server).
    site: StoredSite,
}

impl Preview {
    pub fn new(root: &Path, overrides: Overrides) -> Preview {
        Preview {
            root: root.to_path_buf(),
            overrides,
            tree: None,
            kept: pipeline::Kept::default(),
            site: StoredSite::default(),
        }
    }

    /// How many Markdown bodies the last build rendered, in every edition;
    /// it took the others from the build before it.
    pub fn rendered(&self) -> usize {
        self.kept.rendered()
    }

    /// Builds the dossier after the files at `changed` (paths under the
    /// root, as a watcher reports them) were created, changed or removed;
    /// the first build reads everything. Before the search index is made,
    /// `pages` is given every other file and the site's base path: the
    /// same map the site returned holds as its pages, shared, not copied.
    pub fn build(&mut self, changed: &[PathBuf], pages: &dyn Fn(&Arc<StoredFiles>, &str)) -> Result<(StoredSite, Summary), Failure> {
        let tree = match self.tree.take() {
            Some(tree) => input::refresh(&self.root, tree, changed),
            None => input::read(&self.root),
        };
        // The tree stays here for the next refresh: the build only reads it.
        let tree = self.tree.insert(tree.map_err(Failure::Io)?);
        let sink = output::MemorySink::compressing(&self.site);
        let interrupt = output::Interrupt::default();
        let written = std::cell::OnceCell::new();
        let pages_written = |base: &str| {
            let files = Arc::new(sink.take());
            pages(&files, base);
            let _ = written.set(files);
        };
        let (summary, kept) = pipeline::generate_keeping(
            tree,
            &self.overrides,
            &sink,
            &interrupt,
            Some(&self.kept),
            &pages_written,
            pipeline::Coverage::Skipped,
        )?;
        if let Some(kept) = kept {
            self.kept = kept;
        }
        let site = StoredSite {
            search: Arc::new(sink.into_stored()),
            pages: written.into_inner().unwrap_or_default(),
        };
        self.site = site.clone();
        Ok((site, summary))
    }
}
