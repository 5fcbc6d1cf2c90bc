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

use anyhow::{Context, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
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

/// A text file of the dossier, path relative to the root.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub path: PathBuf,
    pub text: String,
}

/// A file whose bytes are used as they are, path relative to the root.
#[derive(Debug, Clone)]
pub struct BinaryFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
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

/// Reads the dossier at `root`. Fails only when the dossier cannot be read at
/// all (no `site.toml`, an I/O error); a file that cannot be used is a diagnostic.
pub fn read(root: &Path) -> Result<InputTree> {
    let config_path = root.join(CONFIG_FILE);
    if !config_path.is_file() {
        anyhow::bail!(
            "no `{CONFIG_FILE}` in `{}`: run `dossier init DIR` to start a dossier, or pass `--root`",
            root.display()
        );
    }
    let canonical_root = fs::canonicalize(root).with_context(|| format!("failed to resolve `{}`", root.display()))?;
    let mut reader = Reader {
        root,
        canonical_root,
        diagnostics: Diagnostics::default(),
    };
    let config = TextFile {
        path: PathBuf::from(CONFIG_FILE),
        text: read_text(&config_path)?,
    };
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
    for (path, bytes) in reader.walk("seeds", Kind::Only("txt", "seeds are `.txt` files"))? {
        tree.seeds.push(BinaryFile { path, bytes });
    }
    let (markdown, assets): (Vec<_>, Vec<_>) = reader
        .walk("content", Kind::TextOrCopied("md"))?
        .into_iter()
        .partition(|(path, _)| path.extension().is_some_and(|e| e == "md"));
    tree.content_assets = assets.into_iter().map(|(path, bytes)| BinaryFile { path, bytes }).collect();
    let decoded: Vec<Result<TextFile, Diagnostic>> = markdown
        .into_par_iter()
        .map(|(path, bytes)| match utf8(&path, bytes) {
            Ok(text) => Ok(TextFile { path, text }),
            Err(d) => Err(d),
        })
        .collect();
    for file in decoded {
        match file {
            Ok(file) => tree.content.push(file),
            Err(d) => reader.diagnostics.push(d),
        }
    }
    for (path, bytes) in reader.walk("templates", Kind::Text)? {
        if let Some(text) = reader.utf8(&path, bytes) {
            tree.templates.push(TextFile { path, text });
        }
    }
    for (path, bytes) in reader.walk("static", Kind::Copied)? {
        tree.statics.push(BinaryFile { path, bytes });
    }
    for (path, bytes) in reader.walk("i18n", Kind::Only("toml", "catalogues are `i18n/<code>.toml` files"))? {
        if let Some(text) = reader.utf8(&path, bytes) {
            tree.catalogs.push(TextFile { path, text });
        }
    }
    tree.problems = reader.diagnostics;
    Ok(tree)
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

impl Reader<'_> {
    /// The regular files under `root/dir` that `kind` reads, sorted, as
    /// (relative path, bytes). Hidden files and editor leftovers are
    /// skipped; links are followed only while they stay inside the dossier;
    /// a text file over [`MAX_TEXT_BYTES`] is an error and not read.
    fn walk(&mut self, dir: &str, kind: Kind) -> Result<Vec<(PathBuf, Vec<u8>)>> {
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
            if relative.to_string_lossy().chars().any(char::is_control) {
                self.diagnostics.push(Diagnostic::error(
                    relative,
                    "file name holds a control character (a line break, ESC…): rename the file",
                ));
                continue;
            }
            let Some(parsed) = kind.parsed(&relative) else {
                if let Kind::Only(_, what) = kind {
                    if !is_readme(&relative) {
                        self.diagnostics.push(Diagnostic::warning(relative, format!("is ignored: {what}")));
                    }
                }
                continue;
            };
            let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if parsed && len > MAX_TEXT_BYTES {
                self.diagnostics.push(Diagnostic::error(relative, too_large(len)));
                continue;
            }
            files.push((relative, entry.into_path()));
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

    fn utf8(&mut self, path: &Path, bytes: Vec<u8>) -> Option<String> {
        utf8(path, bytes).map_err(|d| self.diagnostics.push(d)).ok()
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
