//! The files a build copies rather than renders: the built-in static files,
//! the dossier's own (`static/**`, which win by path), the files beside
//! content pages, and the generated highlighting stylesheet.
//!
//! The theme's stylesheets and scripts are published under names that carry
//! a hash of their bytes (`assets/dossier.3f2a9c1b7e.css`), so a static host
//! may cache them for ever: a changed file is a new name. Every other file
//! keeps its name, since content and templates link to it by that name. This
//! module decides names and holds bytes; it writes nothing.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::disk::input::BinaryFile;
use crate::render::theme;
use crate::resolve::manifest::{Claimant, Manifest, taken};

/// Site path of the generated highlighting stylesheet.
pub const HIGHLIGHT_CSS: &str = "assets/highlight.css";
/// The theme's stylesheets, in order, by their plain site paths.
pub const STYLESHEETS: [&str; 2] = ["assets/dossier.css", HIGHLIGHT_CSS];
/// The theme's scripts, by their plain site paths.
pub const SCRIPTS: [&str; 2] = ["assets/search.js", "assets/reader.js"];

/// Hex digits of the content hash in a fingerprinted name.
const HASH_DIGITS: usize = 10;

/// Every copied file, by its published site path.
#[derive(Debug)]
pub struct Assets<'a> {
    files: BTreeMap<String, Cow<'a, [u8]>>,
    /// Plain site path → published (fingerprinted) site path.
    renamed: BTreeMap<String, String>,
}

/// A file to copy: its plain site path, who provides it, its bytes.
type Candidate<'a> = (String, Claimant, Cow<'a, [u8]>);

impl<'a> Assets<'a> {
    /// The copied files: the built-in theme's, the dossier's `static/` (which
    /// replace theme files of the same path), the files beside content pages
    /// and the highlighting stylesheet, the theme's stylesheets and scripts
    /// fingerprinted. Each is claimed in `manifest`; a file whose path is
    /// taken is left out and reported in `errors`.
    pub fn collect(
        statics: &'a [BinaryFile],
        content_files: &'a [BinaryFile],
        manifest: &mut Manifest,
        errors: &mut Vec<Diagnostic>,
    ) -> Assets<'a> {
        let mut candidates: Vec<Candidate<'a>> = theme::STATIC
            .iter()
            .map(|(path, bytes)| (path.to_string(), Claimant::Theme, Cow::Borrowed(*bytes)))
            .collect();
        for (dir, files) in [("static", statics), ("content", content_files)] {
            candidates.extend(
                files
                    .iter()
                    .map(|f| (site_path(&f.path, dir), Claimant::File(f.path.clone()), Cow::Borrowed(&f.bytes[..]))),
            );
        }
        let highlight = Cow::Borrowed(crate::markdown::highlight::stylesheet().as_bytes());
        candidates.push((
            HIGHLIGHT_CSS.to_string(),
            Claimant::Generator("the highlighting stylesheet"),
            highlight,
        ));
        // Who wins a plain path is settled first: fingerprints hash the winner's bytes.
        let mut plain = Manifest::default();
        let mut files: BTreeMap<String, (Claimant, Cow<'a, [u8]>)> = BTreeMap::new();
        for (path, by, bytes) in candidates {
            match plain.claim(path.clone(), by.clone()) {
                Ok(()) => {
                    files.insert(path, (by, bytes));
                }
                Err(first) => errors.push(collision(&path, &first, &by)),
            }
        }
        let mut renamed = BTreeMap::new();
        for path in STYLESHEETS.iter().chain(&SCRIPTS) {
            if let Some(file) = files.remove(*path) {
                let published = fingerprinted(path, &file.1);
                files.insert(published.clone(), file);
                renamed.insert(path.to_string(), published);
            }
        }
        let mut published = BTreeMap::new();
        for (path, (by, bytes)) in files {
            match manifest.claim(path.clone(), by.clone()) {
                Ok(()) => {
                    published.insert(path, bytes);
                }
                Err(first) => errors.push(collision(&path, &first, &by)),
            }
        }
        Assets { files: published, renamed }
    }

    /// The published site path of the file at `path` (its plain site path).
    pub fn published(&self, path: &str) -> String {
        self.renamed.get(path).cloned().unwrap_or_else(|| path.to_string())
    }

    /// Whether a file is published at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Every file: published site path and bytes.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_ref()))
    }
}

/// The error for a copied file whose site path `path` is taken by `first`,
/// at the dossier's file of the two.
fn collision(path: &str, first: &Claimant, second: &Claimant) -> Diagnostic {
    let (mine, other) = match (first, second) {
        (_, Claimant::File(mine)) => (mine, first),
        (Claimant::File(mine), _) => (mine, second),
        _ => unreachable!("the generator's and the theme's own paths never collide"),
    };
    let advice = if matches!(other, Claimant::Generator(_)) {
        "rename or move the file"
    } else {
        "rename or move one of them"
    };
    Diagnostic::error(mine, taken("file", path, other, advice))
}

/// `assets/x.css` with a hash of `bytes` before the extension: `assets/x.0123456789.css`.
fn fingerprinted(path: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let hash = &hash.as_str()[..HASH_DIGITS];
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{hash}.{ext}"),
        _ => format!("{path}.{hash}"),
    }
}

/// A file's site path from its path relative to the root, under `dir`.
pub fn site_path(path: &Path, dir: &str) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_changes_with_the_bytes_and_keeps_the_extension() {
        let a = fingerprinted("assets/dossier.css", b"body{}");
        assert!(a.starts_with("assets/dossier.") && a.ends_with(".css") && a.len() == "assets/dossier..css".len() + HASH_DIGITS);
        assert_eq!(a, fingerprinted("assets/dossier.css", b"body{}"));
        assert_ne!(a, fingerprinted("assets/dossier.css", b"body{color:red}"));
        assert_eq!(fingerprinted("assets/x", b"").len(), "assets/x.".len() + HASH_DIGITS);
    }
}
