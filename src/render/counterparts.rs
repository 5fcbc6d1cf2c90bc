//! The links between an edition's page and the same page in the other
//! editions: `<link rel="alternate" hreflang>` and the language switcher.
//!
//! Editions have the same pages (a document without a translation is shown
//! in the default language), so a page's counterparts are the pages of the
//! same kind in every edition, each at the route its edition gives it (an
//! article's slug may differ).

use std::collections::HashMap;

use serde::Serialize;

use crate::parse::config::BaseUrl;
use crate::resolve::manifest::{Manifest, PageKind};
use crate::resolve::route::Route;

/// One edition's pages.
#[derive(Debug)]
pub struct EditionPages {
    pub language: String,
    /// The language's name in itself (`English`), from its catalogue.
    pub name: String,
    /// The edition's folder: `""` for the default, `en/`.
    pub folder: String,
    pub base_url: BaseUrl,
    files: HashMap<PageKind, String>,
    kinds: HashMap<String, PageKind>,
}

impl EditionPages {
    pub fn new(language: &str, name: &str, folder: &str, base_url: &BaseUrl, manifest: &Manifest) -> EditionPages {
        let pages = manifest.pages();
        EditionPages {
            language: language.to_string(),
            name: name.to_string(),
            folder: folder.to_string(),
            base_url: base_url.clone(),
            files: pages.iter().map(|(path, kind)| (*kind, path.clone())).collect(),
            kinds: pages.iter().map(|(path, kind)| (path.clone(), *kind)).collect(),
        }
    }
}

/// Every edition's pages, the default first.
#[derive(Debug, Default)]
pub struct Counterparts {
    pub editions: Vec<EditionPages>,
}

/// A page in one edition, as a page of another links to it.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    pub name: String,
    /// Relative to the linking page.
    pub href: String,
    pub url: String,
    /// True for the linking page's own edition.
    pub current: bool,
}

impl Counterparts {
    /// The page at `route` of edition `edition` in every edition (itself
    /// included, marked current); none when the dossier has one edition.
    pub fn of(&self, edition: usize, route: &Route) -> Vec<Alternate> {
        if self.editions.len() < 2 {
            return Vec::new();
        }
        let Some(kind) = self.editions[edition].kinds.get(&route.file()) else {
            return Vec::new();
        };
        let depth = route.depth() + self.editions[edition].folder.matches('/').count();
        let up = if depth == 0 { "./".to_string() } else { "../".repeat(depth) };
        self.editions
            .iter()
            .enumerate()
            .filter_map(|(i, other)| {
                let file = other.files.get(kind)?;
                let folder_path = file.strip_suffix("index.html").unwrap_or(file);
                Some(Alternate {
                    lang: other.language.clone(),
                    name: other.name.clone(),
                    href: format!("{up}{}{file}", other.folder),
                    url: other.base_url.join(folder_path),
                    current: i == edition,
                })
            })
            .collect()
    }
}
