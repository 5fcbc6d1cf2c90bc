//! The one module that writes the output tree.
//!
//! Pages are handed to a [`Sink`] as they are rendered. [`publish`] builds the
//! site into a temporary folder beside the output and swaps it in only when
//! the whole build succeeded, so a failed or interrupted build leaves the
//! previous output untouched. `check` and tests use [`MemorySink`], which
//! writes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

/// Where rendered files go. Paths are site paths (`articles/x/index.html`).
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;
}

/// Writes files under a folder.
#[derive(Debug)]
pub struct DirSink {
    dir: PathBuf,
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        fs::write(&target, bytes).with_context(|| format!("failed to write `{}`", target.display()))
    }
}

/// Keeps files in memory, sorted by path.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

/// Discards every file: for `check`, which renders everything and writes nothing.
#[derive(Debug, Default)]
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _path: &str, _bytes: &[u8]) -> Result<()> {
        Ok(())
    }
}

/// The temporary folder a build of `output` writes into, beside it.
pub fn staging_dir(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.building-{}", std::process::id()))
}

/// Runs `build` with a sink into a staging folder; when it succeeds, replaces
/// `output` with the staging folder, otherwise removes it and leaves `output`
/// as it was. The outer error is a failure to prepare or swap the folders.
pub fn publish<T, E>(output: &Path, build: impl FnOnce(&DirSink) -> Result<T, E>) -> Result<Result<T, E>> {
    let staging = staging_dir(output);
    if staging.exists() {
        fs::remove_dir_all(&staging).with_context(|| format!("failed to clear `{}`", staging.display()))?;
    }
    fs::create_dir_all(&staging).with_context(|| format!("failed to create `{}`", staging.display()))?;
    let sink = DirSink { dir: staging.clone() };
    match build(&sink) {
        Ok(value) => {
            swap_in(&staging, output)?;
            Ok(Ok(value))
        }
        Err(err) => {
            let _ = fs::remove_dir_all(&staging);
            Ok(Err(err))
        }
    }
}

/// Replaces `output` by `staging`: the old tree is moved aside, the new one
/// renamed into place, the old one removed.
fn swap_in(staging: &Path, output: &Path) -> Result<()> {
    let old = output.with_file_name(format!(
        ".{}.old-{}",
        output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned()),
        std::process::id()
    ));
    let had_old = output.exists();
    if had_old {
        fs::rename(output, &old).with_context(|| format!("failed to move the previous `{}` aside", output.display()))?;
    }
    if let Err(err) = fs::rename(staging, output) {
        if had_old {
            let _ = fs::rename(&old, output);
        }
        return Err(err).with_context(|| format!("failed to move the new site into `{}`", output.display()));
    }
    if had_old {
        fs::remove_dir_all(&old).with_context(|| format!("failed to remove the previous site at `{}`", old.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_leaves_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, |sink| sink.put("a/index.html", b"one")).unwrap().unwrap();
        let result: Result<Result<(), anyhow::Error>> = publish(&out, |sink| {
            sink.put("a/index.html", b"two")?;
            anyhow::bail!("template broke")
        });
        assert!(result.unwrap().is_err());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["public"], "no staging folder is left behind");
    }

    #[test]
    fn a_successful_build_replaces_the_whole_tree() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, |sink| sink.put("stale.html", b"x")).unwrap().unwrap();
        publish(&out, |sink| sink.put("index.html", b"new")).unwrap().unwrap();
        assert!(!out.join("stale.html").exists());
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
    }
}
