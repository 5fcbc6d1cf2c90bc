//! The one module that writes the output tree.
//!
//! Pages are handed to a [`Sink`] as they are rendered. [`publish`] builds the
//! site into a temporary folder beside the output and swaps it in only when
//! the whole build succeeded, so a failed, interrupted or crashed build
//! leaves the previous output untouched. It refuses an output folder that
//! would replace the dossier's own files or a folder it did not write.
//! `check` and tests use [`MemorySink`], which writes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};

/// The file [`publish`] leaves in every folder it writes: only a folder
/// holding it (or an empty one) is ever replaced by a build.
pub const MARKER_FILE: &str = ".dossier-build";
const MARKER_TEXT: &str = "This folder was written by `dossier build`; the next build replaces it whole.\n";

/// The folders and file of a dossier that a build must never replace.
const INPUTS: [&str; 6] = ["site.toml", "seeds", "content", "templates", "static", "i18n"];

/// Raised when the user interrupts a build (Ctrl-C, SIGTERM): from then on
/// the sink refuses to write, so the build fails and its staging folder is
/// removed like any failed build's.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    pub fn raise(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_raised(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Where rendered files go. Paths are site paths (`articles/x/index.html`).
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// Puts one file that `write` writes as it goes: a large file is never
    /// held whole in memory by a sink that writes to disk.
    fn put_stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).with_context(|| format!("failed to write `{path}`"))?;
        self.put(path, &bytes)
    }
}

/// Writes files under a folder, until interrupted.
#[derive(Debug)]
pub struct DirSink {
    dir: PathBuf,
    interrupt: Interrupt,
}

impl DirSink {
    /// Where the file at site path `path` goes, its folder created; an
    /// error once the build is interrupted.
    fn target(&self, path: &str) -> Result<PathBuf> {
        if self.interrupt.is_raised() {
            anyhow::bail!("the build was interrupted");
        }
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        Ok(target)
    }
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.target(path)?;
        fs::write(&target, bytes).with_context(|| format!("failed to write `{}`", target.display()))
    }

    fn put_stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        let target = self.target(path)?;
        let mut stream = || -> io::Result<()> {
            let mut file = io::BufWriter::new(fs::File::create(&target)?);
            write(&mut file)?;
            file.flush()
        };
        stream().with_context(|| format!("failed to write `{}`", target.display()))
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

    fn put_stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        write(&mut io::sink()).with_context(|| format!("failed to write `{path}`"))
    }
}

/// Writes a new dossier's `files` (paths relative to `dir`) into `dir`,
/// which must not exist or be empty (`dossier init`).
pub fn create_dossier(dir: &Path, files: &[(String, &[u8])]) -> Result<()> {
    if dir.exists()
        && fs::read_dir(dir)
            .with_context(|| format!("failed to read `{}`", dir.display()))?
            .next()
            .is_some()
    {
        anyhow::bail!("`{}` is not empty: `dossier init` only creates new dossiers", dir.display());
    }
    for (path, bytes) in files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        fs::write(&target, bytes).with_context(|| format!("failed to write `{}`", target.display()))?;
    }
    Ok(())
}

/// The temporary folder a build of `output` writes into, beside it.
pub fn staging_dir(output: &Path) -> PathBuf {
    sibling(output, "building", std::process::id())
}

/// `.NAME.KIND-PID` beside `output`.
fn sibling(output: &Path, kind: &str, pid: u32) -> PathBuf {
    output.with_file_name(format!(".{}.{kind}-{pid}", output_name(output)))
}

fn output_name(output: &Path) -> String {
    output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

/// Refuses an output folder that is the dossier's root or holds it, lies in
/// one of its inputs, is a file, or holds files that no build wrote.
pub fn check_target(root: &Path, output: &Path) -> Result<()> {
    let root = fs::canonicalize(root).with_context(|| format!("failed to resolve `{}`", root.display()))?;
    let out = resolve(output)?;
    if root.starts_with(&out) {
        anyhow::bail!(
            "refusing to write the site into `{}`: it holds the dossier itself; choose a folder such as `public`",
            output.display()
        );
    }
    if let Some(input) = INPUTS.iter().find(|input| out.starts_with(root.join(input))) {
        anyhow::bail!(
            "refusing to write the site into `{}`: it would replace the dossier's `{input}`; choose a folder such as `public`",
            output.display()
        );
    }
    if out.exists() && !out.is_dir() {
        anyhow::bail!("refusing to write the site into `{}`: it is a file, not a folder", output.display());
    }
    if out.is_dir() && !out.join(MARKER_FILE).is_file() {
        let mut entries = fs::read_dir(&out).with_context(|| format!("failed to read `{}`", output.display()))?;
        if entries.next().is_some() {
            anyhow::bail!(
                "refusing to replace `{}`: it holds files that `dossier build` did not write (it has no `{MARKER_FILE}`); \
                 remove it or choose another folder",
                output.display()
            );
        }
    }
    Ok(())
}

/// `path` made absolute, with links resolved in the part that exists and
/// `..` taken as the system takes it (after the link before it).
fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path).with_context(|| format!("failed to resolve `{}`", path.display()))?;
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::ParentDir => {
                resolved.pop();
            }
            std::path::Component::CurDir => {}
            other => {
                resolved.push(other);
                if let Ok(real) = fs::canonicalize(&resolved) {
                    resolved = real;
                }
            }
        }
    }
    Ok(resolved)
}

/// Runs `build` with a sink into a staging folder; when it succeeds, replaces
/// `output` with the staging folder, otherwise removes it and leaves `output`
/// as it was. The staging folder also goes when `build` panics. The outer
/// error is a failure to prepare or swap the folders.
pub fn publish<T, E>(output: &Path, interrupt: &Interrupt, build: impl FnOnce(&DirSink) -> Result<T, E>) -> Result<Result<T, E>> {
    remove_abandoned(output);
    let staging = Staging(staging_dir(output));
    if staging.0.exists() {
        fs::remove_dir_all(&staging.0).with_context(|| format!("failed to clear `{}`", staging.0.display()))?;
    }
    fs::create_dir_all(&staging.0).with_context(|| format!("failed to create `{}`", staging.0.display()))?;
    let sink = DirSink {
        dir: staging.0.clone(),
        interrupt: interrupt.clone(),
    };
    let value = match build(&sink) {
        Ok(value) => value,
        Err(err) => return Ok(Err(err)),
    };
    let marker = staging.0.join(MARKER_FILE);
    fs::write(&marker, MARKER_TEXT).with_context(|| format!("failed to write `{}`", marker.display()))?;
    swap_in(&staging.0, output)?;
    Ok(Ok(value))
}

/// A staging folder, removed when dropped (after a failure or a panic);
/// after a successful swap it no longer exists and there is nothing to remove.
struct Staging(PathBuf);

impl Drop for Staging {
    fn drop(&mut self) {
        if self.0.exists() {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
}

/// Removes the staging and set-aside folders of builds that were killed
/// before they could clean up (`kill -9`, a power cut): those whose process
/// is gone. Where running processes cannot be listed, nothing is removed.
fn remove_abandoned(output: &Path) {
    let proc = Path::new("/proc");
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    if !proc.join("self").exists() {
        return;
    }
    let name = output_name(output);
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let pid = ["building", "old"]
            .iter()
            .find_map(|kind| file_name.strip_prefix(&format!(".{name}.{kind}-")))
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !proc.join(pid.to_string()).exists()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Replaces `output` by `staging`: the old tree is moved aside, the new one
/// renamed into place, the old one removed.
fn swap_in(staging: &Path, output: &Path) -> Result<()> {
    let old = sibling(output, "old", std::process::id());
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
        remove_tree(&old).with_context(|| format!("failed to remove the previous site at `{}`", old.display()))?;
    }
    Ok(())
}

/// `fs::remove_dir_all`, with the top folder's entries removed in parallel:
/// a site of 10,000 pages is 10,000 folders of a page each.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_build_leaves_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let interrupt = Interrupt::default();
        publish(&out, &interrupt, |sink| sink.put("a/index.html", b"one")).unwrap().unwrap();
        let result: Result<Result<(), anyhow::Error>> = publish(&out, &interrupt, |sink| {
            sink.put("a/index.html", b"two")?;
            anyhow::bail!("template broke")
        });
        assert!(result.unwrap().is_err());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert_eq!(names_in(tmp.path()), ["public"], "no staging folder is left behind");
    }

    #[test]
    fn a_successful_build_replaces_the_whole_tree_and_marks_it() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let interrupt = Interrupt::default();
        publish(&out, &interrupt, |sink| sink.put("stale.html", b"x")).unwrap().unwrap();
        publish(&out, &interrupt, |sink| sink.put("index.html", b"new")).unwrap().unwrap();
        assert_eq!(names_in(&out), [MARKER_FILE, "index.html"]);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
        assert_eq!(names_in(tmp.path()), ["public"]);
    }

    #[test]
    fn an_interrupted_build_refuses_to_write_and_leaves_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let interrupt = Interrupt::default();
        publish(&out, &interrupt, |sink| sink.put("index.html", b"one")).unwrap().unwrap();
        let result = publish(&out, &interrupt, |sink| {
            sink.put("index.html", b"two")?;
            interrupt.raise();
            sink.put("other.html", b"two")
        });
        let err = result.unwrap().unwrap_err();
        assert_eq!(err.to_string(), "the build was interrupted");
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        assert_eq!(names_in(tmp.path()), ["public"]);
    }

    #[test]
    fn a_build_that_panics_leaves_no_staging_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let crashed = std::panic::catch_unwind(|| {
            let _ = publish(&out, &Interrupt::default(), |sink| -> Result<()> {
                sink.put("index.html", b"half")?;
                panic!("a bug in a stage")
            });
        });
        assert!(crashed.is_err());
        assert_eq!(names_in(tmp.path()), Vec::<String>::new());
    }

    #[test]
    fn folders_of_killed_builds_are_removed_and_those_of_running_ones_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // No process has the largest pid; this one is running.
        let dead = sibling(&out, "building", u32::MAX);
        let running = sibling(&out, "old", std::process::id());
        for dir in [&dead, &running] {
            fs::create_dir_all(dir.join("a")).unwrap();
        }
        remove_abandoned(&out);
        assert!(!dead.exists());
        assert!(running.exists());
    }

    #[test]
    fn the_output_may_not_be_the_root_an_input_a_file_or_a_foreign_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content/notes")).unwrap();
        fs::write(root.join("site.toml"), "").unwrap();
        fs::create_dir_all(tmp.path().join("photos")).unwrap();
        fs::write(tmp.path().join("photos/a.jpg"), "").unwrap();
        let refused = |output: &Path| check_target(&root, output).unwrap_err().to_string();
        assert!(refused(&root).contains("it holds the dossier itself"));
        assert!(refused(tmp.path()).contains("it holds the dossier itself"));
        assert!(refused(&root.join("public/..")).contains("it holds the dossier itself"));
        assert!(refused(&root.join("content")).contains("replace the dossier's `content`"));
        assert!(refused(&root.join("content/notes/out")).contains("replace the dossier's `content`"));
        assert!(refused(&root.join("site.toml")).contains("replace the dossier's `site.toml`"));
        assert!(refused(&tmp.path().join("photos/a.jpg")).contains("it is a file"));
        assert!(refused(&tmp.path().join("photos")).contains("did not write"));
        for fine in [root.join("public"), tmp.path().join("out/site"), root.join("contents")] {
            check_target(&root, &fine).unwrap();
        }
        fs::create_dir_all(root.join("public")).unwrap();
        check_target(&root, &root.join("public")).expect("an empty folder may be replaced");
        fs::write(root.join("public/index.html"), "").unwrap();
        fs::write(root.join("public").join(MARKER_FILE), "").unwrap();
        check_target(&root, &root.join("public")).expect("a folder a build wrote may be replaced");
    }
}
