//! Who cites what: for each seed, the items that cite it ("cited by" lists
//! on its article page), and for each paragraph, the quoted ranges that the
//! article page marks. Built once from the citations the items own; it
//! renders nothing.

use std::collections::{BTreeMap, HashMap};

use super::citation::Citation;
use super::model::{Bodies, Item};

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
}

impl CitationIndex {
    /// Indexes every citation of `items`: those of their front matter and
    /// those of their bodies (`bodies.page`).
    pub fn new(items: &[Item<'_>], bodies: &Bodies) -> CitationIndex {
        let mut index = CitationIndex::default();
        for (i, item) in items.iter().enumerate() {
            let from = item.cited_from().file();
            for citation in item.sources.iter().flatten() {
                index.add(citation, &item.title, &from);
            }
            let href = item.target.file();
            for citation in bodies.page.get(i).and_then(Option::as_deref).into_iter().flat_map(|b| &b.citations) {
                index.add(citation, &item.title, &href);
            }
        }
        for list in index.by_seed.values_mut() {
            list.sort();
            list.dedup();
        }
        for ranges in index.marks.values_mut() {
            *ranges = merge_ranges(std::mem::take(ranges));
        }
        index
    }

    fn add(&mut self, citation: &Citation, title: &str, href: &str) {
        self.by_seed.entry(citation.hit.seed).or_default().push(CitedBy {
            title: title.to_string(),
            href: href.to_string(),
            quote: citation.quote.clone(),
            anchor: citation.target.anchor.clone().unwrap_or_default(),
        });
        self.marks
            .entry((citation.hit.seed, citation.hit.block))
            .or_default()
            .push((citation.hit.start, citation.hit.end));
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
