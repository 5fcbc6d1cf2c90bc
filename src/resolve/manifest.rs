//! The manifest: every path a build writes, each claimed by exactly one source.
//!
//! Pages, data files, feeds, the search index, the theme's files, the
//! dossier's static files and the files copied from `content/` all claim
//! their output path here before anything is rendered. A second claim on a
//! path is refused and the caller reports it naming both sources, so no
//! output depends on which writer finishes last, and the generator's own
//! routes are reserved by the claims themselves, not by a list kept by hand.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;
use std::path::PathBuf;

use crate::parse::content::Section;

/// What a page of the site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    /// A section's page: the list of articles, the timeline, ….
    Section(Section),
    Search,
    /// The whole briefing on one page, in reading order, for printing.
    Print,
    /// The list of every free page, when there are too many for the footer.
    PageIndex,
    NotFound,
    /// The page of an item of its own (an article, a free page), by item index.
    Item(usize),
}

/// Who writes a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claimant {
    /// The generator itself; the text says what it writes there ("the print page").
    Generator(&'static str),
    /// A built-in theme file; a file of the dossier's `static/` may replace it.
    Theme,
    /// A file of the dossier: a content page, a note, a seed, a static file
    /// or a file copied from `content/`.
    File(PathBuf),
}

impl fmt::Display for Claimant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Claimant::Generator(what) => write!(f, "{what}"),
            Claimant::Theme => write!(f, "the built-in theme"),
            Claimant::File(path) => write!(f, "`{}`", path.display()),
        }
    }
}

/// The message for `subject` ("page", "file") that would be published at
/// `at`, where `first` already is.
pub fn taken(subject: &str, at: &str, first: &Claimant, advice: &str) -> String {
    match first {
        Claimant::Generator(what) => format!("{subject} would be published at `{at}`, where the generator writes {what}: {advice}"),
        other => format!("{subject} would be published at `{at}`, like {other}: {advice}"),
    }
}

/// Every output path and who writes it.
#[derive(Debug, Default)]
pub struct Manifest {
    claims: BTreeMap<String, Claimant>,
    /// Folders written whole by one writer (the search index's parts).
    folders: Vec<(String, Claimant)>,
    /// The pages (site path, kind), in the order they were claimed.
    pages: Vec<(String, PageKind)>,
}

impl Manifest {
    /// Claims site path `path` for `by`; when it is taken, returns who has it.
    pub fn claim(&mut self, path: String, by: Claimant) -> Result<(), Claimant> {
        if let Some((_, owner)) = self.folders.iter().find(|(folder, _)| path.starts_with(folder.as_str())) {
            return Err(owner.clone());
        }
        // One walk of the map, whether the path is taken or not.
        match self.claims.entry(path) {
            Entry::Occupied(owner) if !(*owner.get() == Claimant::Theme && matches!(by, Claimant::File(_))) => Err(owner.get().clone()),
            Entry::Occupied(mut owner) => {
                owner.insert(by);
                Ok(())
            }
            Entry::Vacant(free) => {
                free.insert(by);
                Ok(())
            }
        }
    }

    /// Claims the page written at `path`.
    pub fn claim_page(&mut self, path: String, kind: PageKind, by: Claimant) -> Result<(), Claimant> {
        self.claim(path.clone(), by)?;
        self.pages.push((path, kind));
        Ok(())
    }

    /// Claims every path under `folder` (ending with `/`) for one writer.
    pub fn claim_folder(&mut self, folder: &str, by: Claimant) -> Result<(), Claimant> {
        if let Some((_, owner)) = self.claims.iter().find(|(path, _)| path.starts_with(folder)) {
            return Err(owner.clone());
        }
        self.folders.push((folder.to_string(), by));
        Ok(())
    }

    /// True when the build writes `path` (a file, or a path inside a claimed folder).
    pub fn has(&self, path: &str) -> bool {
        self.claims.contains_key(path) || self.folders.iter().any(|(folder, _)| path.starts_with(folder.as_str()))
    }

    /// Every page, in the order claimed.
    pub fn pages(&self) -> &[(String, PageKind)] {
        &self.pages
    }

    /// Every claimed file path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.claims.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::route::Route;

    #[test]
    fn a_path_is_claimed_once_and_the_second_claimant_learns_the_first() {
        let mut m = Manifest::default();
        m.claim("feed.xml".into(), Claimant::Generator("the Atom feed")).unwrap();
        let taken = m.claim("feed.xml".into(), Claimant::File("static/feed.xml".into())).unwrap_err();
        assert_eq!(taken, Claimant::Generator("the Atom feed"));
        assert!(m.has("feed.xml"));
        assert!(!m.has("feed.json"));
    }

    #[test]
    fn a_static_file_may_replace_a_theme_file_but_nothing_else_may() {
        let mut m = Manifest::default();
        m.claim("assets/dossier.css".into(), Claimant::Theme).unwrap();
        m.claim("assets/dossier.css".into(), Claimant::File("static/assets/dossier.css".into()))
            .unwrap();
        let taken = m
            .claim("assets/dossier.css".into(), Claimant::File("content/assets/dossier.css".into()))
            .unwrap_err();
        assert_eq!(taken, Claimant::File("static/assets/dossier.css".into()));
    }

    #[test]
    fn a_claimed_folder_holds_every_path_under_it() {
        let mut m = Manifest::default();
        m.claim_folder("search-index/", Claimant::Generator("the search index")).unwrap();
        assert!(m.has("search-index/a.js"));
        assert!(
            m.claim("search-index/x.png".into(), Claimant::File("static/search-index/x.png".into()))
                .is_err()
        );
        m.claim("about/index.html".into(), Claimant::File("content/about.md".into()))
            .unwrap();
        assert!(m.claim_folder("about/", Claimant::Generator("x")).is_err());
    }

    #[test]
    fn pages_are_listed_in_claim_order() {
        let mut m = Manifest::default();
        m.claim_page(Route::home().file(), PageKind::Home, Claimant::Generator("the home page"))
            .unwrap();
        m.claim_page(
            Route::from_parts(&["print"]).file(),
            PageKind::Print,
            Claimant::Generator("the print page"),
        )
        .unwrap();
        let pages: Vec<PageKind> = m.pages().iter().map(|(_, k)| *k).collect();
        assert_eq!(pages, [PageKind::Home, PageKind::Print]);
        assert_eq!(m.paths().collect::<Vec<_>>(), ["index.html", "print/index.html"]);
    }
}
