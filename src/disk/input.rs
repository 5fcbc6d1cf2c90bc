//! The one module that reads the dossier's input tree from disk.
//!
//! It reads `site.toml`, `seeds/*.txt`, `content/**`, `templates/**`,
//! `static/**` and `i18n/*.toml` into memory, so every later stage is pure.
//! It decides nothing about what the files mean: problems of reading (not
//! UTF-8, too large, a link that leaves the project) become diagnostics.
//!
//! One size policy for every file the build parses as text (`site.toml`,
//! seeds, content Markdown, templates, catalogues): at most
//! [`MAX_TEXT_BYTES`], checked before the file is read, so a stray 200 MB
//! file costs nothing; a larger one is an error at the file. Files that are
//! only copied (images under `content/`, `static/`) have no limit. A file in
//! `seeds/` that is not `*.txt` (or in `i18n/` not `*.toml`) is not read
//! either: a warning names it (unless it is a `README`), so an article saved
//! as `.md` is not silently missing. A file name holding a control character is refused, so no such
//! name reaches a page or the terminal.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
use crate::keep::Key;
use crate::parse::config::CONFIG_FILE;
use crate::text::decode::decode_owned;

/// The input folders at a dossier's root, beside its `site.toml`.
pub const FOLDERS: [&str; 5] = ["seeds", "content", "templates", "static", "i18n"];

/// A text file (seed, note, template, catalogue, `site.toml`) larger than
/// this is refused rather than read: a news article or an analyst's note is
/// a hundred times smaller, and parsing is linear but not free (a 200 MB
/// note took 17 s and 1.5 GB).
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// What a folder of the dossier holds, which decides what is read of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Every file is text that the build parses (templates).
    Text,
    /// Only files with this extension are text the build parses; others are
    /// named in a warning and not read (`seeds/*.txt`, `i18n/*.toml`).
    Only(&'static str, &'static str),
    /// Files with this extension are parsed (`content/**/*.md`); others are
    /// copied as they are.
    TextOrCopied(&'static str),
    /// Every file is copied as it is (`static/`).
    Copied,
}

impl Kind {
    /// Whether a file of this name is parsed as text; `None` when it is not
    /// read at all.
    fn parsed(self, path: &Path) -> Option<bool> {
        let has = |ext: &str| path.extension().is_some_and(|e| e == ext);
        match self {
            Kind::Text => Some(true),
            Kind::Only(ext, _) => has(ext).then_some(true),
            Kind::TextOrCopied(ext) => Some(has(ext)),
            Kind::Copied => Some(false),
        }
    }
}

/// A text file of the dossier, path relative to the root. Its text is
/// shared: a tree is cloned for each build of a preview without a copy.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    /// The key of its text, for what a build keeps ([`crate::keep`]).
    pub key: Key,
}

impl TextFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> TextFile {
        let text = text.into();
        TextFile {
            path: path.into(),
            key: Key::of(text.as_bytes()),
            text,
        }
    }
}

/// A file whose bytes are used as they are, path relative to the root.
#[derive(Debug, Clone)]
pub struct BinaryFile {
    pub path: PathBuf,
    pub bytes: Arc<[u8]>,
}

/// Everything a build reads, in memory, each list sorted by path.
#[derive(Debug, Clone)]
pub struct InputTree {
    pub root: PathBuf,
    pub config: TextFile,
    /// Seeds as bytes: decoding them is the seed stage's job.
    pub seeds: Vec<BinaryFile>,
    /// `content/**/*.md`.
    pub content: Vec<TextFile>,
    /// Other files under `content/`, published beside their pages.
    pub content_assets: Vec<BinaryFile>,
    pub templates: Vec<TextFile>,
    pub statics: Vec<BinaryFile>,
    pub catalogs: Vec<TextFile>,
    /// Files that could not be used, and why.
    pub problems: Diagnostics,
}

/// An input folder at the root, in the order the build reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    Seeds,
    Content,
    Templates,
    Static,
    I18n,
}

impl Folder {
    const ALL: [Folder; 5] = [Folder::Seeds, Folder::Content, Folder::Templates, Folder::Static, Folder::I18n];

    fn name(self) -> &'static str {
        FOLDERS[self as usize]
    }

    /// The folder a path relative to the root is in.
    fn of(relative: &Path) -> Option<Folder> {
        let first = relative.components().next()?;
        Folder::ALL.into_iter().find(|f| first.as_os_str() == f.name())
    }

    fn kind(self) -> Kind {
        match self {
            Folder::Seeds => Kind::Only("txt", "seeds are `.txt` files"),
            Folder::Content => Kind::TextOrCopied("md"),
            Folder::Templates => Kind::Text,
            Folder::Static => Kind::Copied,
            Folder::I18n => Kind::Only("toml", "catalogues are `i18n/<code>.toml` files"),
        }
    }
}

/// One file read, as the tree holds it.
enum Input {
    Text(TextFile),
    Binary(BinaryFile),
}

impl InputTree {
    /// Files of `folder` go here; text (parsed) ones or the others.
    fn list(&mut self, folder: Folder, text: bool) -> Either<'_> {
        match (folder, text) {
            (Folder::Seeds, _) => Either::Binary(&mut self.seeds),
            (Folder::Content, true) => Either::Text(&mut self.content),
            (Folder::Content, false) => Either::Binary(&mut self.content_assets),
            (Folder::Templates, _) => Either::Text(&mut self.templates),
            (Folder::Static, _) => Either::Binary(&mut self.statics),
            (Folder::I18n, _) => Either::Text(&mut self.catalogs),
        }
    }

    /// Adds a file read from `folder`, where its path sorts.
    fn insert(&mut self, folder: Folder, input: Input) {
        match (self.list(folder, matches!(input, Input::Text(_))), input) {
            (Either::Text(list), Input::Text(file)) => {
                let at = list.partition_point(|f| f.path < file.path);
                list.insert(at, file);
            }
            (Either::Binary(list), Input::Binary(file)) => {
                let at = list.partition_point(|f| f.path < file.path);
                list.insert(at, file);
            }
            _ => unreachable!("a folder's list holds its kind of file"),
        }
    }

    /// Removes the file at `path` from `folder`'s lists, if it is there.
    fn remove(&mut self, folder: Folder, path: &Path) {
        for text in [true, false] {
            match self.list(folder, text) {
                Either::Text(list) => list.retain(|f| f.path != path),
                Either::Binary(list) => list.retain(|f| f.path != path),
            }
        }
    }

    /// True when some file of `folder` is under `path` (which was a folder).
    fn has_under(&mut self, folder: Folder, path: &Path) -> bool {
        [true, false].into_iter().any(|text| match self.list(folder, text) {
            Either::Text(list) => list.iter().any(|f| f.path.starts_with(path) && f.path != path),
            Either::Binary(list) => list.iter().any(|f| f.path.starts_with(path) && f.path != path),
        })
    }
}

/// One of the tree's lists.
enum Either<'t> {
    Text(&'t mut Vec<TextFile>),
    Binary(&'t mut Vec<BinaryFile>),
}

/// Reads the dossier at `root`. Fails only when the dossier cannot be read at
/// all (no `site.toml`, an I/O error); a file that cannot be used is a diagnostic.
pub fn read(root: &Path) -> Result<InputTree> {
    let mut reader = Reader::new(root)?;
    let config = TextFile::new(CONFIG_FILE, read_text(&root.join(CONFIG_FILE))?);
    let mut tree = InputTree {
        root: root.to_path_buf(),
        config,
        seeds: Vec::new(),
        content: Vec::new(),
        content_assets: Vec::new(),
        templates: Vec::new(),
        statics: Vec::new(),
        catalogs: Vec::new(),
        problems: Diagnostics::default(),
    };
    for folder in Folder::ALL {
        let files = reader.walk(folder)?;
        // Decoding is a pass over every byte: in parallel too.
        let inputs: Vec<Result<Input, Diagnostic>> = files.into_par_iter().map(|(path, bytes)| decoded(folder, path, bytes)).collect();
        for input in inputs {
            match input {
                Ok(input) => tree.insert(folder, input),
                Err(d) => reader.diagnostics.push(d),
            }
        }
    }
    tree.problems = reader.diagnostics;
    Ok(tree)
}

/// Brings `tree`, read from `root` before, up to date after the files at
/// `changed` (paths relative to the root) were created, modified or
/// removed: reads those again, and no other. The result is what [`read`] would give. What it cannot tell file
/// by file (a folder created, removed or renamed; a symbolic link; a path
/// outside the input folders) makes it read the whole tree again.
pub fn refresh(root: &Path, mut tree: InputTree, changed: &[PathBuf]) -> Result<InputTree> {
    let mut reader = Reader::new(root)?;
    reader.diagnostics = std::mem::take(&mut tree.problems);
    for path in changed {
        if !reader.reread(&mut tree, path)? {
            return read(root);
        }
    }
    tree.problems = reader.diagnostics;
    Ok(tree)
}

/// A text file's bytes as [`read`] decodes them, for `folder`'s list.
fn decoded(folder: Folder, path: PathBuf, bytes: Vec<u8>) -> Result<Input, Diagnostic> {
    match folder.kind().parsed(&path) {
        Some(true) if folder != Folder::Seeds => {
            let text = utf8(&path, bytes)?;
            Ok(Input::Text(TextFile::new(path, text)))
        }
        // Seeds are decoded by the seed stage.
        _ => Ok(Input::Binary(BinaryFile { path, bytes: bytes.into() })),
    }
}

fn read_text(path: &Path) -> Result<String> {
    let len = fs::metadata(path)
        .with_context(|| format!("failed to read `{}`", path.display()))?
        .len();
    if len > MAX_TEXT_BYTES {
        anyhow::bail!("`{}` {}", path.display(), too_large(len));
    }
    let bytes = fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    decode_owned(bytes).map_err(|bad| anyhow::anyhow!("`{}` {}", path.display(), bad.message()))
}

struct Reader<'a> {
    root: &'a Path,
    canonical_root: PathBuf,
    diagnostics: Diagnostics,
}

impl<'a> Reader<'a> {
    fn new(root: &'a Path) -> Result<Reader<'a>> {
        if !root.join(CONFIG_FILE).is_file() {
            anyhow::bail!(
                "no `{CONFIG_FILE}` in `{}`: run `dossier init DIR` to start a dossier, or pass `--root`",
                root.display()
            );
        }
        let canonical_root = fs::canonicalize(root).with_context(|| format!("failed to resolve `{}`", root.display()))?;
        Ok(Reader {
            root,
            canonical_root,
            diagnostics: Diagnostics::default(),
        })
    }

    /// The regular files under `folder` that it reads, sorted, as
    /// (relative path, bytes). Hidden files and editor leftovers are
    /// skipped; links are followed only while they stay inside the dossier;
    /// see [`Reader::admit`] for the rest.
    fn walk(&mut self, folder: Folder) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let dir = folder.name();
        let base = self.root.join(dir);
        if !base.exists() {
            return Ok(Vec::new());
        }
        let mut files = Vec::new();
        let mut walker = WalkDir::new(&base)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().map(|p| self.relative(p)).unwrap_or_else(|| PathBuf::from(dir));
                    let why = if err.loop_ancestor().is_some() {
                        "a symbolic link here loops back to a folder that contains it".to_string()
                    } else {
                        format!("cannot be read: {err}")
                    };
                    self.diagnostics.push(Diagnostic::error(path, why));
                    continue;
                }
            };
            if entry.path_is_symlink() {
                if let Some(why) = self.unusable_link(entry.path()) {
                    self.diagnostics.push(Diagnostic::error(self.relative(entry.path()), why));
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = self.relative(entry.path());
            let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if self.admit(&relative, folder.kind(), len) {
                files.push((relative, entry.into_path()));
            }
        }
        // Reading is most of the time of a large dossier: read in parallel.
        files
            .into_par_iter()
            .map(|(relative, path)| {
                let bytes = fs::read(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
                Ok((relative, bytes))
            })
            .collect()
    }

    /// Whether the file at `relative`, of `len` bytes, in a folder of
    /// `kind`, is read; when it is not, a diagnostic says why, unless it is
    /// a `README`. A file name holding a control character is refused; a
    /// file of another type than the folder's is ignored; a text file over
    /// [`MAX_TEXT_BYTES`] is refused.
    fn admit(&mut self, relative: &Path, kind: Kind, len: u64) -> bool {
        if relative.to_string_lossy().chars().any(char::is_control) {
            self.diagnostics.push(Diagnostic::error(
                relative,
                "file name holds a control character (a line break, ESC…): rename the file",
            ));
            return false;
        }
        let Some(parsed) = kind.parsed(relative) else {
            if let Kind::Only(_, what) = kind {
                if !is_readme(relative) {
                    self.diagnostics.push(Diagnostic::warning(relative, format!("is ignored: {what}")));
                }
            }
            return false;
        };
        if parsed && len > MAX_TEXT_BYTES {
            self.diagnostics.push(Diagnostic::error(relative, too_large(len)));
            return false;
        }
        true
    }

    /// Reads the file at `relative` again into `tree` (or takes it out, when
    /// it is gone), with its problems. False when that is not enough: the
    /// whole tree must be read again.
    fn reread(&mut self, tree: &mut InputTree, relative: &Path) -> Result<bool> {
        if relative.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            return Ok(false);
        }
        let path = &self.root.join(relative);
        if relative == Path::new(CONFIG_FILE) {
            tree.config = TextFile::new(CONFIG_FILE, read_text(path)?);
            return Ok(true);
        }
        let Some(folder) = Folder::of(relative) else {
            return Ok(false);
        };
        let inner = relative.components().skip(1);
        if inner.clone().next().is_none() {
            // The folder itself.
            return Ok(false);
        }
        if inner.clone().any(|c| is_ignored(c.as_os_str())) {
            // Never an input, nor anything under it.
            return Ok(true);
        }
        let mut at = self.root.to_path_buf();
        for part in relative.components() {
            at.push(part);
            if fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                return Ok(false);
            }
        }
        let metadata = fs::symlink_metadata(path).ok();
        if metadata.as_ref().is_some_and(|m| m.is_dir()) || tree.has_under(folder, relative) {
            return Ok(false);
        }
        tree.remove(folder, relative);
        self.diagnostics.retain(|d| d.path != relative);
        let Some(metadata) = metadata.filter(|m| m.is_file()) else {
            return Ok(true);
        };
        if self.admit(relative, folder.kind(), metadata.len()) {
            let bytes = fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
            match decoded(folder, relative.to_path_buf(), bytes) {
                Ok(input) => tree.insert(folder, input),
                Err(d) => self.diagnostics.push(d),
            }
        }
        Ok(true)
    }

    /// Why the symbolic link at `path` cannot be followed, if it cannot: it
    /// leaves the dossier, or it points to a folder that holds it (a cycle).
    /// Links are checked where they are, so a linked folder is reported once.
    fn unusable_link(&self, path: &Path) -> Option<String> {
        let target = match fs::canonicalize(path) {
            Ok(target) => target,
            Err(err) => return Some(format!("is a symbolic link that cannot be followed: {err}")),
        };
        if !target.starts_with(&self.canonical_root) {
            return Some(format!(
                "is a link to `{}`, outside the dossier: copy it in instead",
                target.display()
            ));
        }
        let place = path.parent().and_then(|p| fs::canonicalize(p).ok());
        if target.is_dir() && place.is_some_and(|place| place.starts_with(&target)) {
            return Some("a symbolic link here loops back to a folder that contains it".to_string());
        }
        None
    }

    fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(self.root).unwrap_or(path).to_path_buf()
    }
}

/// `README`, `readme.md`: a note on the folder (`dossier init` leaves one
/// in `seeds/`), not a misnamed input.
fn is_readme(path: &Path) -> bool {
    path.file_stem().is_some_and(|stem| stem.eq_ignore_ascii_case("readme"))
}

/// Why a text file of `len` bytes is refused.
fn too_large(len: u64) -> String {
    format!(
        "is {:.1} MiB, over the {} MiB limit for a text file: a news article or a note is far smaller; split or trim it",
        len as f64 / 1048576.0,
        MAX_TEXT_BYTES / 1048576
    )
}

/// A text file's bytes as text, decoded as every input text is
/// ([`decode`]: UTF-8, BOMs stripped, LF line ends, NFC).
fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    decode_owned(bytes).map_err(|bad| Diagnostic::error(path, bad.message()).at(bad.position))
}

/// The dossier that holds the current folder: the nearest folder, from
/// here up, with a `site.toml`, as a relative path (`.`, `..`, `../..`) so
/// that paths printed under it stay relative to where the user is.
pub fn find_root() -> Result<PathBuf> {
    let here = std::env::current_dir().context("failed to read the current folder")?;
    for (depth, dir) in here.ancestors().enumerate() {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(match depth {
                0 => PathBuf::from("."),
                n => std::iter::repeat_n("..", n).collect(),
            });
        }
    }
    anyhow::bail!("no `{CONFIG_FILE}` in `.` or any folder above it: run `dossier init DIR` to start a dossier, or pass `--root`")
}

/// The text of the dossier's file at `path` (relative to `root`) as the
/// build read it, for the excerpt under a diagnostic: decoded as every input
/// text is, so lines and columns match; a file that is not UTF-8 is read
/// lossily, so the excerpt can show where its bad bytes are. `None` when it
/// cannot be read, is over [`MAX_TEXT_BYTES`] or is not the dossier's (a
/// built-in template, the command line).
pub fn excerpt_source(root: &Path, path: &Path) -> Option<String> {
    if path.is_absolute() {
        return None;
    }
    let full = root.join(path);
    if fs::metadata(&full).ok()?.len() > MAX_TEXT_BYTES {
        return None;
    }
    let bytes = fs::read(&full).ok()?;
    if std::str::from_utf8(&bytes).is_err() {
        return Some(String::from_utf8_lossy(&bytes).replace("\r\n", "\n").replace('\r', "\n"));
    }
    decode_owned(bytes).ok()
}

/// Hidden files and editor leftovers (`.x.swp`, `x~`), which are never inputs.
pub(crate) fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}
