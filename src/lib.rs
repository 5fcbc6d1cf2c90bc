//! `dossier`: a static site generator for fact-checked visit dossiers.
//!
//! News articles (`seeds/`) and analysts' Markdown notes (`content/`) go in; a
//! browsable site where every fact links to the sentence it comes from comes
//! out. See ARCHITECTURE.md for the stages and their invariants. The entry
//! points here are [`build`] (writes the site), [`check`] (writes nothing),
//! [`build_in_memory`], [`serve::serve`], [`scaffold::init`] and
//! [`scaffold::eject`].

pub mod diag;
pub mod disk;
pub mod export;
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
use std::path::Path;

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
    pipeline::generate(tree, overrides, &output::NullSink, &output::Interrupt::default())
}

/// Builds the dossier at `root` in memory: every output file by site path.
pub fn build_in_memory(root: &Path, overrides: &Overrides) -> Result<(BTreeMap<String, Vec<u8>>, Summary), Failure> {
    let tree = input::read(root).map_err(Failure::Io)?;
    let sink = output::MemorySink::default();
    let summary = pipeline::generate(tree, overrides, &sink, &output::Interrupt::default())?;
    Ok((sink.into_files(), summary))
}
