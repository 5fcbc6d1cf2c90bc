//! The one module that writes the output tree.
//!
//! Pages are handed to a [`Sink`] as they are rendered. [`publish`] builds the
//! site into a temporary folder beside the output and swaps it in only when
//! the whole build succeeded, so a failed, interrupted or crashed build
//! leaves the previous output untouched. It refuses an output folder that
//! would replace the dossier's own files or a folder it did not write.
//! `check` and tests use [`MemorySink`], which writes nothing; `serve`'s
//! holds the files gzip-compressed ([`Stored`]).
//!
//! Replacing the output follows git's and rsync's rule for a file: write
//! beside it under a temporary name, then rename over it, so the name always
//! means one complete version and a temporary is never taken for the real
//! thing. A folder cannot be renamed over a folder, so on Linux the two are
//! exchanged in one step (`renameat2(RENAME_EXCHANGE)`): the output names
//! the old site, then the new one, never nothing. Elsewhere (or on a file
//! system without it) the old site is first renamed aside; a build killed
//! between the two renames leaves no output but the old site under
//! `.NAME.old-PID`, and the next build, successful or not, renames it back
//! before anything else. No build ever deletes a complete site while the
//! output is missing. `--output` naming a symbolic link builds into the
//! folder the link points to and leaves the link alone, as rsync writes
//! through a destination that is a link.
//!
//! This protects against the build process dying (a crash, `kill -9`, a
//! second Ctrl-C); it does not `fsync`, so after a power cut the file
//! system's own guarantees apply, as for git without `core.fsync`.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};

use anyhow::{Context, Result};

use super::input::FOLDERS;
use crate::keep::Key;
use crate::parse::config::CONFIG_FILE;

/// The file [`publish`] leaves in every folder it writes: only a folder
/// holding it (or an empty one) is ever replaced by a build.
pub const MARKER_FILE: &str = ".dossier-build";
const MARKER_TEXT: &str = "This folder was written by `dossier build`; the next build replaces it whole.\n";

/// The folders and file of a dossier that a build must never replace.
const INPUTS: [&str; 6] = [CONFIG_FILE, FOLDERS[0], FOLDERS[1], FOLDERS[2], FOLDERS[3], FOLDERS[4]];

/// How many symbolic links [`follow_links`] follows before giving up (Linux's limit).
const MAX_LINKS: usize = 40;

/// Raised when the user interrupts a build (Ctrl-C, SIGTERM): from then on
/// the sink refuses to write and [`publish`] refuses to swap, so the build
/// fails and its staging folder is removed like any failed build's. Once
/// the swap has begun ([`Interrupt::commit`]), it can no longer be raised:
/// an interrupt either stops the build before anything is published or
/// comes too late to stop it, never half of each.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(Arc<AtomicU8>);

const RUNNING: u8 = 0;
const RAISED: u8 = 1;
const COMMITTED: u8 = 2;

impl Interrupt {
    /// Stops the build; false when it is too late, the new site being put in place.
    pub fn raise(&self) -> bool {
        match self.0.compare_exchange(RUNNING, RAISED, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => true,
            Err(state) => state == RAISED,
        }
    }

    pub fn is_raised(&self) -> bool {
        self.0.load(Ordering::SeqCst) == RAISED
    }

    /// Marks the point of no return: false (and nothing may be published)
    /// when the build was interrupted first. An interrupt is meant for one
    /// build: once committed it stays so, and can no longer be raised.
    pub fn commit(&self) -> bool {
        match self.0.compare_exchange(RUNNING, COMMITTED, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => true,
            Err(state) => state == COMMITTED,
        }
    }
}

/// Where rendered files go. Paths are site paths (`articles/x/index.html`).
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// A file's bytes in the form this sink holds them, for a build that
    /// keeps them for the next one and puts them with [`Sink::put_stored`]:
    /// a sink in memory compresses them once, and the kept copy is the
    /// one the site holds.
    fn store(&self, bytes: Vec<u8>) -> Stored {
        Stored::plain(bytes.into())
    }

    /// Puts a file made by [`Sink::store`] (by this build or one before).
    fn put_stored(&self, path: &str, stored: &Stored) -> Result<()> {
        self.put(path, &stored.bytes())
    }

    /// Puts many files made by [`Sink::store`] at once (a rebuild's kept
    /// pages: a sink in memory takes them under one lock, where 10,000
    /// puts from two threads passed the lock back and forth).
    fn put_all_stored(&self, files: Vec<(String, Stored)>) -> Result<()> {
        files.iter().try_for_each(|(path, stored)| self.put_stored(path, stored))
    }

    /// Puts one file that `write` writes as it goes: a large file is never
    /// held whole in memory by a sink that writes to disk.
    fn put_stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).with_context(|| format!("failed to write `{path}`"))?;
        self.put(path, &bytes)
    }
}

/// A file's bytes as a sink in memory holds them, shared by whoever keeps
/// them (the site served, a build's kept pages): as they are, or
/// gzip-compressed when [`MemorySink::compressing`] made them (`serve`
/// holds a site of 10,000 pages in a quarter of the memory, and sends a
/// compressed file as it is to a client that accepts gzip).
#[derive(Clone, PartialEq, Eq)]
pub struct Stored {
    bytes: Arc<[u8]>,
    encoding: Encoding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Identity,
    /// The length and key of the bytes before compression.
    Gzip {
        len: usize,
        key: Key,
    },
}

/// Files shorter than this are not worth compressing.
const MIN_COMPRESSED: usize = 512;

impl Stored {
    pub fn plain(bytes: Arc<[u8]>) -> Stored {
        Stored {
            bytes,
            encoding: Encoding::Identity,
        }
    }

    /// `bytes` gzip-compressed (the fastest level: a rebuild compresses the
    /// pages it changes while the edit waits), unless that does not make
    /// them smaller.
    pub fn compressed(bytes: &[u8]) -> Stored {
        Stored::compressed_with_key(bytes, Key::of(bytes))
    }

    fn compressed_with_key(bytes: &[u8], key: Key) -> Stored {
        if bytes.len() < MIN_COMPRESSED {
            return Stored::plain(bytes.into());
        }
        let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::fast());
        let gzip = encoder.write_all(bytes).and_then(|()| encoder.finish()).expect("writing to memory");
        if gzip.len() >= bytes.len() {
            return Stored::plain(bytes.into());
        }
        Stored {
            bytes: gzip.into(),
            encoding: Encoding::Gzip { len: bytes.len(), key },
        }
    }

    /// The file's bytes (decompressed, when they are held compressed).
    pub fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match self.encoding {
            Encoding::Identity => std::borrow::Cow::Borrowed(&self.bytes),
            Encoding::Gzip { len, .. } => {
                let mut out = Vec::with_capacity(len);
                io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&self.bytes[..]), &mut out).expect("gzip made by this process");
                std::borrow::Cow::Owned(out)
            }
        }
    }

    /// The file's gzip stream, when it is held compressed.
    pub fn gzip(&self) -> Option<&[u8]> {
        matches!(self.encoding, Encoding::Gzip { .. }).then_some(&self.bytes[..])
    }

    /// The length of the file (not of its compressed form).
    pub fn len(&self) -> usize {
        match self.encoding {
            Encoding::Identity => self.bytes.len(),
            Encoding::Gzip { len, .. } => len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The file's bytes shared, when they are held as they are.
    fn shared(&self) -> Option<Arc<[u8]>> {
        matches!(self.encoding, Encoding::Identity).then(|| self.bytes.clone())
    }

    /// Whether this is a compressed file of exactly `bytes`, whose key is `key`.
    fn holds(&self, key: Key, len: usize) -> bool {
        self.encoding == Encoding::Gzip { len, key }
    }
}

impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stored")
            .field("len", &self.len())
            .field("held", &self.bytes.len())
            .field("encoding", &self.encoding)
            .finish()
    }
}

/// A site built in memory as held: every file by site path.
pub type StoredFiles = BTreeMap<String, Stored>;

/// Writes files under a folder, until interrupted.
#[derive(Debug)]
pub struct DirSink {
    dir: PathBuf,
    interrupt: Interrupt,
}

impl DirSink {
    /// Creates the file at site path `path`, and its folder when it is
    /// missing; an error once the build is interrupted. The folder is made
    /// only after the file could not be created: most files go to a folder
    /// made already, and making it first cost two system calls per file.
    fn create(&self, path: &str) -> Result<(PathBuf, fs::File)> {
        if self.interrupt.is_raised() {
            anyhow::bail!("the build was interrupted");
        }
        let target = self.dir.join(path);
        let file = match fs::File::create(&target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
                }
                fs::File::create(&target)
            }
            file => file,
        };
        let file = file.with_context(|| format!("failed to write `{}`", target.display()))?;
        Ok((target, file))
    }
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let (target, mut file) = self.create(path)?;
        file.write_all(bytes)
            .with_context(|| format!("failed to write `{}`", target.display()))
    }

    fn put_stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        let (target, file) = self.create(path)?;
        let stream = move || -> io::Result<()> {
            // Most pages fit one buffer, and so take one write.
            let mut file = io::BufWriter::with_capacity(64 * 1024, file);
            write(&mut file)?;
            file.flush()
        };
        stream().with_context(|| format!("failed to write `{}`", target.display()))
    }
}

/// A site held in memory in two parts: the files a build wrote before its
/// search index (its pages, served as soon as they are built) and its
/// search index's files. Each part is shared: the server and the next build
/// (which takes the compressed form of a file whose bytes are unchanged)
/// hold the same maps, never a copy.
#[derive(Debug, Clone, Default)]
pub struct StoredSite {
    pub pages: Arc<StoredFiles>,
    pub search: Arc<StoredFiles>,
}

impl StoredSite {
    /// The file at site path `path`.
    pub fn get(&self, path: &str) -> Option<&Stored> {
        self.pages.get(path).or_else(|| self.search.get(path))
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.search.is_empty()
    }

    /// Every file, each part in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Stored)> {
        self.pages.iter().chain(self.search.iter())
    }
}

/// Keeps files in memory: as they are, or compressed
/// ([`MemorySink::compressing`]), sorted by path when taken.
///
/// Files are collected as they come (a push under the lock, where a sorted
/// map's insert compared paths while every other thread waited) and sorted
/// once when taken; a path put twice holds what was put last, as a map's
/// insert would.
#[derive(Debug, Default)]
pub struct MemorySink<'p> {
    files: Mutex<Vec<(String, Stored)>>,
    /// When compressing: the previous build's files, whose compressed form
    /// is taken again for a file whose bytes are unchanged (the list pages,
    /// the sitemap and the data files are made again at every build).
    previous: Option<&'p StoredSite>,
}

impl<'p> MemorySink<'p> {
    /// A sink that gzip-compresses what it holds, taking from `previous`
    /// (the previous build's files) those it would compress again.
    pub fn compressing(previous: &'p StoredSite) -> MemorySink<'p> {
        MemorySink {
            files: Mutex::default(),
            previous: Some(previous),
        }
    }

    /// The files written since the last take (all of them, the first
    /// time), as held: the sink holds none of them any longer.
    pub fn take(&self) -> StoredFiles {
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        sorted(files)
    }

    /// The files, as held.
    pub fn into_stored(self) -> StoredFiles {
        sorted(self.files.into_inner().unwrap_or_else(|e| e.into_inner()))
    }

    /// The files' bytes (decompressed, when they are held compressed).
    pub fn into_files(self) -> BTreeMap<String, Arc<[u8]>> {
        let files = self.into_stored().into_iter();
        files
            .map(|(path, s)| (path, s.shared().unwrap_or_else(|| s.bytes().into())))
            .collect()
    }

    fn insert(&self, path: &str, stored: Stored) {
        let path = path.to_string();
        self.files.lock().unwrap_or_else(|e| e.into_inner()).push((path, stored));
    }
}

/// Files as collected, by path: a path put twice holds what was put last
/// (the sort is stable, and a map collected from it keeps the last of
/// equal keys). Sorted in parallel first: the map's own stable sort then
/// finds one run, where it sorted 21,000 paths on one thread.
fn sorted(mut files: Vec<(String, Stored)>) -> StoredFiles {
    use rayon::slice::ParallelSliceMut;
    files.par_sort_by(|a, b| a.0.cmp(&b.0));
    files.into_iter().collect()
}

impl Sink for MemorySink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let Some(previous) = self.previous else {
            self.insert(path, Stored::plain(bytes.into()));
            return Ok(());
        };
        let key = Key::of(bytes);
        let stored = match previous.get(path) {
            Some(stored) if stored.holds(key, bytes.len()) => stored.clone(),
            _ => Stored::compressed_with_key(bytes, key),
        };
        self.insert(path, stored);
        Ok(())
    }

    fn store(&self, bytes: Vec<u8>) -> Stored {
        match self.previous {
            Some(_) => Stored::compressed(&bytes),
            None => Stored::plain(bytes.into()),
        }
    }

    fn put_stored(&self, path: &str, stored: &Stored) -> Result<()> {
        self.insert(path, stored.clone());
        Ok(())
    }

    fn put_all_stored(&self, files: Vec<(String, Stored)>) -> Result<()> {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).extend(files);
        Ok(())
    }
}

/// Writes every file of another sink under a folder: an edition's tree
/// (`en/` for the English edition).
pub struct Within<'a> {
    pub sink: &'a dyn Sink,
    /// The folder, ending with `/` (`""`: the root, the default edition's).
    pub folder: &'a str,
}

impl std::fmt::Debug for Within<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Within").field("folder", &self.folder).finish_non_exhaustive()
    }
}

impl Within<'_> {
    /// `path` under the folder (the default edition's is the root: `path` itself, not a copy).
    fn path<'p>(&self, path: &'p str) -> std::borrow::Cow<'p, str> {
        match self.folder {
            "" => std::borrow::Cow::Borrowed(path),
            folder => std::borrow::Cow::Owned(format!("{folder}{path}")),
        }
    }
}

impl Sink for Within<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.sink.put(&self.path(path), bytes)
    }

    fn store(&self, bytes: Vec<u8>) -> Stored {
        self.sink.store(bytes)
    }

    fn put_stored(&self, path: &str, stored: &Stored) -> Result<()> {
        self.sink.put_stored(&self.path(path), stored)
    }

    fn put_all_stored(&self, mut files: Vec<(String, Stored)>) -> Result<()> {
        if !self.folder.is_empty() {
            files.iter_mut().for_each(|(path, _)| path.insert_str(0, self.folder));
        }
        self.sink.put_all_stored(files)
    }

    fn put_stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        self.sink.put_stream(&self.path(path), write)
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

/// Writes `files` (paths relative to `root`) into the dossier at `root`,
/// creating folders as needed, and never over a file that is there: when one
/// of them exists, nothing is written (`dossier eject`, `dossier new`).
pub fn create_files(root: &Path, files: &[(String, &[u8])]) -> Result<()> {
    for (path, _) in files {
        if root.join(path).symlink_metadata().is_ok() {
            let shown = if root == Path::new(".") {
                PathBuf::from(path)
            } else {
                root.join(path)
            };
            anyhow::bail!(
                "`{}` already exists: it is left as it is (remove it first to write it anew)",
                shown.display()
            );
        }
    }
    for (path, bytes) in files {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        // `create_new`: a file that appeared since the check above is not overwritten either.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .with_context(|| format!("failed to create `{}`", target.display()))?;
        file.write_all(bytes)
            .with_context(|| format!("failed to write `{}`", target.display()))?;
    }
    Ok(())
}

/// Removes a build's staging folder at once (a second Ctrl-C, which does not
/// wait for the build to clean up); what cannot be removed is left for the
/// next build, which removes the folders of builds that are gone.
pub fn discard_staging(staging: &Path) {
    let _ = fs::remove_dir_all(staging);
}

/// The temporary folder a build of `output` writes into, beside it (beside
/// the folder it points to, when `output` is a symbolic link).
pub fn staging_dir(output: &Path) -> PathBuf {
    let output = follow_links(output).unwrap_or_else(|_| output.to_path_buf());
    sibling(&output, "building", std::process::id())
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

/// `path`, or the path its symbolic link points to (and so on): where a
/// build of `path` is written. A link may point to nothing yet.
pub fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path).with_context(|| format!("failed to read the link `{}`", path.display()))?;
                path = path.parent().unwrap_or(Path::new("")).join(target);
            }
            _ => return Ok(path),
        }
    }
    anyhow::bail!("`{}` is a chain of more than {MAX_LINKS} symbolic links", path.display())
}

/// Refuses an output folder that is the dossier's root or holds it, lies in
/// one of its inputs, is a file, or holds files that no build wrote.
pub fn check_target(root: &Path, output: &Path) -> Result<()> {
    let root = fs::canonicalize(root).with_context(|| format!("failed to resolve `{}`", root.display()))?;
    let out = resolve(&follow_links(output)?)?;
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

/// Runs `build` with a sink into a staging folder; when it succeeds and was
/// not interrupted, replaces `output` with the staging folder, otherwise
/// removes it and leaves `output` as it was. The staging folder also goes
/// when `build` panics. Before anything, the folders of killed builds are
/// dealt with ([`recover_abandoned`]). The outer error is a failure to
/// prepare or swap the folders, or an interrupt that came before the swap.
pub fn publish<T, E>(output: &Path, interrupt: &Interrupt, build: impl FnOnce(&DirSink) -> Result<T, E>) -> Result<Result<T, E>> {
    let output = follow_links(output)?;
    recover_abandoned(&output);
    let staging = Staging(sibling(&output, "building", std::process::id()));
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
    if !interrupt.commit() {
        anyhow::bail!("the build was interrupted");
    }
    swap_in(&staging.0, &output)?;
    Ok(Ok(value))
}

/// A staging folder, removed when dropped (after a failure or a panic);
/// after a successful swap it no longer exists and there is nothing to remove.
struct Staging(PathBuf);

impl Drop for Staging {
    fn drop(&mut self) {
        if fs::symlink_metadata(&self.0).is_ok() {
            let _ = remove_tree(&self.0);
        }
    }
}

/// Deals with the folders of builds that were killed before they could
/// clean up (`kill -9`, a crash): those whose process is gone. When the
/// output is missing, a killed build's set-aside old site (it holds the
/// marker) is renamed back first; then the staging folders and set-aside
/// sites of dead builds are removed, the latter only when the output is
/// there. Where running processes cannot be listed, nothing is touched.
fn recover_abandoned(output: &Path) {
    let proc = Path::new("/proc");
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let name = output_name(output);
    let mut abandoned: Vec<(&str, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let (kind, pid) = ["building", "old"]
                .into_iter()
                .find_map(|kind| Some((kind, file_name.strip_prefix(&format!(".{name}.{kind}-"))?.parse::<u32>().ok()?)))?;
            (!proc.join(pid.to_string()).exists()).then(|| (kind, entry.path()))
        })
        .collect();
    abandoned.sort();
    if fs::symlink_metadata(output).is_err() {
        if let Some((_, old)) = abandoned
            .iter()
            .find(|(kind, dir)| *kind == "old" && dir.join(MARKER_FILE).is_file())
        {
            let _ = fs::rename(old, output);
        }
    }
    let output_there = output.join(MARKER_FILE).is_file();
    for (kind, dir) in abandoned {
        if (kind == "building" || output_there) && fs::symlink_metadata(&dir).is_ok() {
            let _ = remove_tree(&dir);
        }
    }
}

/// Replaces `output` by `staging`, in one step where the system can
/// exchange two folders, else by two renames; then removes the old site.
fn swap_in(staging: &Path, output: &Path) -> Result<()> {
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output).with_context(|| format!("failed to move the new site into `{}`", output.display()));
    }
    if exchange(staging, output).is_ok() {
        // `staging` now names the previous site.
        return remove_tree(staging).with_context(|| format!("failed to remove the previous site at `{}`", staging.display()));
    }
    swap_by_renames(staging, output)
}

/// Swaps two folders in one step: `renameat2(RENAME_EXCHANGE)`.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The old tree is moved aside, the new one renamed into place, the old one
/// removed. Killed between the two renames, the build leaves the old site
/// as `.NAME.old-PID`, which the next build renames back.
fn swap_by_renames(staging: &Path, output: &Path) -> Result<()> {
    let old = sibling(output, "old", std::process::id());
    fs::rename(output, &old).with_context(|| format!("failed to move the previous `{}` aside", output.display()))?;
    if let Err(err) = fs::rename(staging, output) {
        let _ = fs::rename(&old, output);
        return Err(err).with_context(|| format!("failed to move the new site into `{}`", output.display()));
    }
    remove_tree(&old).with_context(|| format!("failed to remove the previous site at `{}`", old.display()))
}

/// `fs::remove_dir_all`, with the top folder's entries removed in parallel:
/// a site of 10,000 pages is 10,000 folders of a page each.
/// A link is removed itself, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    if fs::symlink_metadata(dir)?.file_type().is_symlink() {
        return fs::remove_file(dir);
    }
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
    fn a_compressing_sink_holds_files_compressed_and_gives_their_bytes_back() {
        let page = "<p>Một câu, rồi một câu nữa.</p>\n".repeat(200);
        let nothing = StoredSite::default();
        let sink = MemorySink::compressing(&nothing);
        sink.put("a/index.html", page.as_bytes()).unwrap();
        sink.put("tiny.txt", b"short").unwrap();
        let kept = sink.store(page.clone().into_bytes());
        sink.put_stored("b/index.html", &kept).unwrap();
        let within = Within {
            sink: &sink,
            folder: "en/",
        };
        within.put_all_stored(vec![("c/index.html".to_string(), kept.clone())]).unwrap();
        let files = sink.into_stored();
        assert_eq!(files["en/c/index.html"], kept, "stored files put at once, under the folder");
        let a = &files["a/index.html"];
        assert!(a.gzip().is_some_and(|gzip| gzip.len() < page.len() / 4), "{a:?}");
        assert_eq!((&a.bytes()[..], a.len()), (page.as_bytes(), page.len()));
        assert_eq!(files["b/index.html"], kept, "a stored file is held as it was stored");
        assert_eq!((files["tiny.txt"].gzip(), &files["tiny.txt"].bytes()[..]), (None, &b"short"[..]));
    }

    #[test]
    fn an_unchanged_file_keeps_the_compressed_form_of_the_build_before() {
        let (page, other) = ("<li>một mục</li>\n".repeat(100), "<li>mục khác</li>\n".repeat(100));
        let nothing = StoredSite::default();
        let first = MemorySink::compressing(&nothing);
        first.put("list.html", page.as_bytes()).unwrap();
        first.put("other.html", page.as_bytes()).unwrap();
        let first = first.into_stored();
        let previous = StoredSite {
            pages: Arc::new(first.clone()),
            search: Arc::default(),
        };
        let second = MemorySink::compressing(&previous);
        second.put("list.html", page.as_bytes()).unwrap();
        second.put("other.html", other.as_bytes()).unwrap();
        let second = second.into_stored();
        assert!(
            Arc::ptr_eq(&first["list.html"].bytes, &second["list.html"].bytes),
            "taken again, not compressed again"
        );
        assert_eq!(&second["other.html"].bytes()[..], other.as_bytes(), "changed: compressed anew");
        let plain = MemorySink::default();
        plain.put("list.html", page.as_bytes()).unwrap();
        assert_eq!(
            plain.into_files()["list.html"][..],
            *page.as_bytes(),
            "a plain sink holds bytes as they are"
        );
    }

    #[test]
    fn a_path_put_twice_holds_what_was_put_last_and_a_take_holds_what_came_before_it() {
        let sink = MemorySink::default();
        sink.put("b.html", b"first").unwrap();
        sink.put("a.html", b"a").unwrap();
        sink.put("b.html", b"second").unwrap();
        let pages = sink.take();
        sink.put("c.js", b"c").unwrap();
        let rest = sink.into_stored();
        let bytes =
            |files: &StoredFiles| -> Vec<(String, Vec<u8>)> { files.iter().map(|(p, s)| (p.clone(), s.bytes().into_owned())).collect() };
        assert_eq!(
            bytes(&pages),
            [("a.html".to_string(), b"a".to_vec()), ("b.html".to_string(), b"second".to_vec())]
        );
        assert_eq!(bytes(&rest), [("c.js".to_string(), b"c".to_vec())]);
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
        let interrupt = Interrupt::default();
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

    /// A build killed between its two renames left no `public/` and the old
    /// site in `.public.old-PID`; the next build deleted it, and when that
    /// build failed, the only complete copy of the site was gone.
    #[test]
    fn a_build_killed_between_its_renames_loses_nothing_whether_the_next_build_fails_or_not() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let interrupt = Interrupt::default();
        publish(&out, &interrupt, |sink| sink.put("index.html", b"old")).unwrap().unwrap();
        let killed = sibling(&out, "old", u32::MAX);
        fs::rename(&out, &killed).unwrap();
        fs::create_dir_all(sibling(&out, "building", u32::MAX)).unwrap();
        let failed: Result<Result<(), anyhow::Error>> = publish(&out, &interrupt, |_| anyhow::bail!("a broken note"));
        assert!(failed.unwrap().is_err());
        assert_eq!(
            fs::read(out.join("index.html")).unwrap(),
            b"old",
            "the failed build restored the site"
        );
        assert_eq!(names_in(tmp.path()), ["public"]);

        fs::rename(&out, &killed).unwrap();
        publish(&out, &interrupt, |sink| sink.put("index.html", b"new")).unwrap().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
        assert_eq!(names_in(tmp.path()), ["public"]);
    }

    #[test]
    fn the_two_rename_swap_replaces_the_site_and_leaves_nothing_beside_it() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let staging = tmp.path().join(".public.building-1");
        for (dir, text) in [(&out, "old"), (&staging, "new")] {
            fs::create_dir_all(dir.join("a")).unwrap();
            fs::write(dir.join("a/index.html"), text).unwrap();
        }
        swap_by_renames(&staging, &out).unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"new");
        assert_eq!(names_in(tmp.path()), ["public"]);
    }

    #[test]
    fn an_interrupt_after_the_last_page_but_before_the_swap_publishes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let interrupt = Interrupt::default();
        publish(&out, &interrupt, |sink| sink.put("index.html", b"one")).unwrap().unwrap();
        let interrupt = Interrupt::default();
        let result = publish(&out, &interrupt, |sink| {
            sink.put("index.html", b"two")?;
            assert!(interrupt.raise());
            Ok::<_, anyhow::Error>(())
        });
        assert_eq!(result.unwrap_err().to_string(), "the build was interrupted");
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        assert_eq!(names_in(tmp.path()), ["public"]);
    }

    #[test]
    fn an_interrupt_once_the_swap_has_begun_is_refused() {
        let interrupt = Interrupt::default();
        assert!(interrupt.commit());
        assert!(!interrupt.raise(), "too late: the site is being put in place");
        assert!(!interrupt.is_raised());
        let interrupt = Interrupt::default();
        assert!(interrupt.raise() && interrupt.raise());
        assert!(!interrupt.commit(), "an interrupted build never publishes");
    }

    /// `--output` naming a link to an earlier build replaced the link by a
    /// real folder, emptied the link's target, then failed with "Not a directory".
    #[test]
    fn an_output_that_is_a_link_is_built_into_the_folder_it_points_to_and_stays_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let releases = tmp.path().join("releases");
        let target = releases.join("site");
        let interrupt = Interrupt::default();
        publish(&target, &interrupt, |sink| sink.put("index.html", b"earlier"))
            .unwrap()
            .unwrap();
        let link = tmp.path().join("public");
        std::os::unix::fs::symlink("releases/site", &link).unwrap();
        publish(&link, &interrupt, |sink| sink.put("index.html", b"new")).unwrap().unwrap();
        assert!(
            fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "the link is still a link"
        );
        assert_eq!(fs::read_link(&link).unwrap(), Path::new("releases/site"));
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"new");
        assert_eq!(names_in(tmp.path()), ["public", "releases"]);
        assert_eq!(names_in(&releases), ["site"]);

        let dangling = tmp.path().join("next");
        std::os::unix::fs::symlink("releases/next", &dangling).unwrap();
        publish(&dangling, &interrupt, |sink| sink.put("index.html", b"first"))
            .unwrap()
            .unwrap();
        assert_eq!(fs::read(releases.join("next/index.html")).unwrap(), b"first");
        assert_eq!(names_in(&releases), ["next", "site"]);
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
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(MARKER_FILE), "").unwrap();
        recover_abandoned(&out);
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
