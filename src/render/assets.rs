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

use crate::disk::input::InputTree;
use crate::render::theme;

/// Site path of the generated highlighting stylesheet.
pub const HIGHLIGHT_CSS: &str = "assets/highlight.css";
/// The theme's stylesheets, in order, by their plain site paths.
pub const STYLESHEETS: [&str; 2] = ["assets/dossier.css", HIGHLIGHT_CSS];
/// The theme's scripts, by their plain site paths.
pub const SCRIPTS: [&str; 1] = ["assets/search.js"];

/// Hex digits of the content hash in a fingerprinted name.
const HASH_DIGITS: usize = 10;

/// Every copied file, by its published site path.
#[derive(Debug)]
pub struct Assets<'a> {
    files: BTreeMap<String, Cow<'a, [u8]>>,
    /// Plain site path → published (fingerprinted) site path.
    renamed: BTreeMap<String, String>,
}

impl<'a> Assets<'a> {
    /// The copied files of `tree`, with the theme's stylesheets and scripts
    /// fingerprinted.
    pub fn collect(tree: &'a InputTree) -> Assets<'a> {
        let mut files: BTreeMap<String, Cow<'a, [u8]>> = BTreeMap::new();
        for (path, bytes) in theme::STATIC {
            files.insert(path.to_string(), Cow::Borrowed(*bytes));
        }
        for file in &tree.statics {
            files.insert(site_path(&file.path, "static"), Cow::Borrowed(&file.bytes));
        }
        for file in &tree.content_assets {
            files.insert(site_path(&file.path, "content"), Cow::Borrowed(&file.bytes));
        }
        files.insert(
            HIGHLIGHT_CSS.to_string(),
            Cow::Owned(crate::markdown::highlight::stylesheet().into_bytes()),
        );
        let mut renamed = BTreeMap::new();
        for path in STYLESHEETS.iter().chain(&SCRIPTS) {
            if let Some(bytes) = files.remove(*path) {
                let published = fingerprinted(path, &bytes);
                files.insert(published.clone(), bytes);
                renamed.insert(path.to_string(), published);
            }
        }
        Assets { files, renamed }
    }

    /// The published site path of the file at `path` (its plain site path).
    pub fn published(&self, path: &str) -> String {
        self.renamed.get(path).cloned().unwrap_or_else(|| path.to_string())
    }

    /// Whether a file is published at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The published site paths.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Every file: published site path and bytes.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_ref()))
    }
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
