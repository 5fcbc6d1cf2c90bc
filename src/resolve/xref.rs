//! Cross references: citations and internal links resolved against the whole
//! dossier, and the "cited by" index built from them.
//!
//! The [`Linker`] knows every seed, every page's route and every output file;
//! the Markdown stage asks it what a `cite:` or `@/…` link points to. This
//! module decides what a reference means; it renders nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::parse::content::CitationRef;
use crate::resolve::citation::{Hit, SeedIndex};
use crate::resolve::route::Route;

/// A citation found in its seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub hit: Hit,
    /// The seed's stem.
    pub seed: String,
    /// The quote as written, white space collapsed.
    pub quote: String,
    /// Site path of the cited paragraph: `articles/x/index.html#p-1a2b3c4d`.
    pub target: String,
    /// Where the citation is written.
    pub path: PathBuf,
    pub position: (usize, usize),
}

impl Citation {
    /// The seed's short name: its number prefix (`004`), or its stem.
    pub fn short_seed(&self) -> &str {
        crate::parse::seed::short_name(&self.seed)
    }

    /// Where the passage is, for paper: `004 ¶7` (the seed's seventh block,
    /// as the print page numbers them).
    pub fn reference(&self) -> String {
        format!("{} ¶{}", self.short_seed(), self.hit.block + 1)
    }
}

/// Resolves references; built once the routes of all pages are known.
#[derive(Debug)]
pub struct Linker<'a> {
    pub index: SeedIndex<'a>,
    /// Route of each seed's article page, by seed index.
    article_routes: Vec<Route>,
    /// Route of each content file's page (by its path relative to the root).
    pages: HashMap<PathBuf, Route>,
    /// Every file the build writes, as site paths.
    files: HashSet<String>,
}

impl<'a> Linker<'a> {
    pub fn new(index: SeedIndex<'a>, article_routes: Vec<Route>, pages: HashMap<PathBuf, Route>, files: HashSet<String>) -> Self {
        Linker {
            index,
            article_routes,
            pages,
            files,
        }
    }

    /// Finds a citation's quote, or says why not.
    pub fn cite(&self, cite: &CitationRef) -> Result<Citation, Diagnostic> {
        let hit = self
            .index
            .find(&cite.seed, &cite.quote)
            .map_err(|miss| self.index.diagnostic(cite, &miss))?;
        let seed = &self.index.seeds()[hit.seed];
        Ok(Citation {
            target: format!("{}#{}", self.article_routes[hit.seed].file(), seed.blocks[hit.block].anchor),
            seed: seed.stem.clone(),
            quote: cite.quote.split_whitespace().collect::<Vec<_>>().join(" "),
            hit,
            path: cite.path.clone(),
            position: cite.position,
        })
    }

    /// Resolves every citation of a list, reporting those that fail.
    pub fn cite_all(&self, cites: &[CitationRef], errors: &mut Vec<Diagnostic>) -> Vec<Citation> {
        cites.iter().filter_map(|c| self.cite(c).map_err(|d| errors.push(d)).ok()).collect()
    }

    /// The route of the page made from content file `path` (`content/about.md`).
    pub fn page(&self, path: &Path) -> Option<&Route> {
        self.pages.get(path)
    }

    pub fn article_route(&self, seed: usize) -> &Route {
        &self.article_routes[seed]
    }

    /// True when the build writes `site_path`.
    pub fn has_file(&self, site_path: &str) -> bool {
        self.files.contains(site_path)
    }
}

/// Who cites a seed: the citing item's title and link, and the quote.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CitedBy {
    pub title: String,
    /// Site path of the citing item: `timeline/index.html#e-hoi-dam`.
    pub href: String,
    pub quote: String,
    /// The anchor of the cited paragraph.
    pub anchor: String,
}

/// Citations grouped by the seed they cite, each group sorted and deduplicated.
#[derive(Debug, Default)]
pub struct CitationIndex {
    by_seed: BTreeMap<usize, Vec<CitedBy>>,
    /// Quoted byte ranges, by (seed, block).
    marks: HashMap<(usize, usize), Vec<(usize, usize)>>,
    /// Every citation, by where it is written.
    resolved: HashMap<(PathBuf, (usize, usize)), Citation>,
}

impl CitationIndex {
    pub fn add(&mut self, citation: &Citation, title: &str, href: &str) {
        let anchor = self.anchor_of(citation);
        self.by_seed.entry(citation.hit.seed).or_default().push(CitedBy {
            title: title.to_string(),
            href: href.to_string(),
            quote: citation.quote.clone(),
            anchor,
        });
        self.marks
            .entry((citation.hit.seed, citation.hit.block))
            .or_default()
            .push((citation.hit.start, citation.hit.end));
        self.resolved.insert((citation.path.clone(), citation.position), citation.clone());
    }

    /// The resolved form of a citation written in front matter.
    pub fn resolved(&self, cite: &CitationRef) -> Option<&Citation> {
        self.resolved.get(&(cite.path.clone(), cite.position))
    }

    fn anchor_of(&self, citation: &Citation) -> String {
        citation.target.rsplit_once('#').map_or(String::new(), |(_, a)| a.to_string())
    }

    /// Finishes the index: sorted, duplicates removed, overlapping marks merged.
    pub fn finish(mut self) -> Self {
        for list in self.by_seed.values_mut() {
            list.sort();
            list.dedup();
        }
        for ranges in self.marks.values_mut() {
            *ranges = merge_ranges(std::mem::take(ranges));
        }
        self
    }

    pub fn cited_by(&self, seed: usize) -> &[CitedBy] {
        self.by_seed.get(&seed).map_or(&[], Vec::as_slice)
    }

    /// The quoted ranges of one block, merged and in order.
    pub fn marks(&self, seed: usize, block: usize) -> &[(usize, usize)] {
        self.marks.get(&(seed, block)).map_or(&[], Vec::as_slice)
    }
}

fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_touching_ranges_merge() {
        assert_eq!(
            merge_ranges(vec![(10, 20), (0, 5), (4, 8), (20, 22), (30, 31)]),
            [(0, 8), (10, 22), (30, 31)]
        );
    }
}
