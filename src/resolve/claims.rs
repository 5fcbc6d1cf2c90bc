//! Claiming every output path in the manifest, in a fixed order: the
//! generator's own pages and files first, then the articles, the free pages
//! and the copied files. A claim on a taken path is an error at the
//! dossier's file, naming who has the path.

use std::path::Path;

use super::manifest::{Claimant, PageKind, taken};
use super::model::{FOOTER_PAGES, Fact, ItemKind, Outline};
use super::route::Route;
use crate::diag::Diagnostic;
use crate::export::{self, feeds, search};
use crate::parse::Parsed;
use crate::parse::content::Section;
use crate::render::assets::Assets;

/// Claims every path the build writes; returns the copied files.
pub(super) fn claim_outputs<'a>(outline: &mut Outline<'a>, parsed: &'a Parsed, errors: &mut Vec<Diagnostic>) -> Assets<'a> {
    claim_generated(outline, parsed.config.folder.is_none());
    for edition in &parsed.config.editions {
        // Claimed before any file, so a page or file there is an error naming it.
        let folder = format!("{}/", edition.language);
        outline
            .manifest
            .claim_folder(&folder, Claimant::Generator("another edition of the site"))
            .expect("nothing but the generator's own files is claimed yet, none in a language's folder");
    }
    for i in outline
        .articles
        .clone()
        .chain(outline.of_kind(ItemKind::Page).map(|(i, _)| i).collect::<Vec<_>>())
    {
        let item = &outline.items[i];
        let (owner, subject, advice) = match item.fact {
            Fact::Article(a) => (
                a.note.map_or(a.seed.path.as_path(), |n| n.source.path.as_path()),
                "article",
                "set a different `slug`",
            ),
            _ => (
                item.source().map_or(Path::new(""), |s| s.path.as_path()),
                "page",
                "rename one of them",
            ),
        };
        let route = &item.target.route;
        if let Err(first) = outline
            .manifest
            .claim_page(route.file(), PageKind::Item(i), Claimant::File(owner.to_path_buf()))
        {
            let advice = match (&item.fact, &first) {
                (Fact::Page(_), Claimant::Generator(_)) => "move or rename the file",
                _ => advice,
            };
            errors.push(Diagnostic::error(owner, taken(subject, &route.to_string(), &first, advice)).at((1, 1)));
        }
    }
    Assets::collect(&parsed.statics, &parsed.content_files, &mut outline.manifest, errors)
}

/// The generator's own pages and files; they never collide with each other.
/// `robots.txt` and `404.html` are the default edition's only (crawlers and
/// static hosts read them at the root).
fn claim_generated(outline: &mut Outline<'_>, root: bool) {
    let mut pages = vec![
        (Route::home().file(), PageKind::Home, "the home page"),
        (Route::from_parts(&["search"]).file(), PageKind::Search, "the search page"),
        (Route::from_parts(&["print"]).file(), PageKind::Print, "the print page"),
    ];
    if root {
        pages.insert(1, ("404.html".to_string(), PageKind::NotFound, "the page for missing addresses"));
    }
    if outline.of_kind(ItemKind::Page).count() > FOOTER_PAGES {
        pages.push((Route::from_parts(&["pages"]).file(), PageKind::PageIndex, "the list of pages"));
    }
    for &section in &outline.sections {
        pages.push((section.route().file(), PageKind::Section(section), section_page(section)));
    }
    let mut files: Vec<(&str, &'static str)> = vec![
        (feeds::SITEMAP_FILE, "the sitemap"),
        (feeds::FEED_FILE, "the Atom feed"),
        (search::INDEX_FILE, "the search index"),
    ];
    if root {
        files.push((feeds::ROBOTS_FILE, "robots.txt"));
    }
    for &section in &outline.sections {
        files.extend(export::files(section).iter().map(|f| (*f, "a data export")));
    }
    if outline.visit.is_some() {
        files.extend(export::VISIT_FILES.iter().map(|f| (*f, "the visit record")));
    }
    let manifest = &mut outline.manifest;
    for (path, kind, what) in pages {
        manifest
            .claim_page(path, kind, Claimant::Generator(what))
            .expect("the generator's pages have paths of their own");
    }
    for (path, what) in files {
        manifest
            .claim(path.to_string(), Claimant::Generator(what))
            .expect("the generator's files have paths of their own");
    }
    manifest
        .claim_folder(&format!("{}/", search::INDEX_DIR), Claimant::Generator("the search index"))
        .expect("nothing is claimed before the search index's folder");
}

fn section_page(section: Section) -> &'static str {
    match section {
        Section::Articles => "the list of articles",
        Section::Timeline => "the timeline",
        Section::Agreements => "the agreements page",
        Section::Statistics => "the statistics page",
        Section::Statements => "the statements page",
        Section::People => "the people page",
    }
}
