//! One run of consecutive documents indexed: its terms, spellings and
//! pairs, numbered in the order it met them, and each one's documents.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{COUNT_CAP, DIGITS, SearchDoc, words};
use crate::text::fold::Folding;

/// A document of a run, by its offset from the run's first.
type Offset = u16;

/// The most documents one run indexes.
pub(super) const MAX_RUN: usize = Offset::MAX as usize + 1;

/// A word as written, by what it indexes under in its run.
#[derive(Debug, Clone, Copy)]
struct WordIds {
    term: u32,
    form: u32,
}

/// The documents of many keys numbered from 0, grouped by key: gathered
/// as (key, item) in document order, which is cheaper than a list per key
/// (pushing to one of tens of thousands of lists at every word was most of
/// the indexing time), and grouped once at the end of the run.
#[derive(Debug)]
pub(super) struct Grouped<T> {
    /// Where each key's items start in `items`, and the end.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Grouped<T> {
    fn default() -> Self {
        Grouped {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy + Default> Grouped<T> {
    /// Groups `seen`, (key, item) in document order, for keys `0..keys`.
    fn new(keys: usize, seen: &[(u32, T)]) -> Grouped<T> {
        let mut starts = vec![0u32; keys + 1];
        for &(key, _) in seen {
            starts[key as usize + 1] += 1;
        }
        for k in 0..keys {
            starts[k + 1] += starts[k];
        }
        let mut at = starts.clone();
        let mut items = vec![T::default(); seen.len()];
        for &(key, item) in seen {
            items[at[key as usize] as usize] = item;
            at[key as usize] += 1;
        }
        Grouped { starts, items }
    }

    pub(super) fn of(&self, key: usize) -> &[T] {
        &self.items[self.starts[key] as usize..self.starts[key + 1] as usize]
    }
}

/// The index of one run of consecutive documents, its terms, spellings
/// and pairs numbered in the order it met them.
#[derive(Debug, Default)]
pub(super) struct Run {
    /// The numbers of its documents.
    docs: Range<u32>,
    /// Folded terms.
    pub(super) terms: Names,
    /// Exact (lowercased) spellings, and each one's folded term.
    pub(super) forms: Names,
    pub(super) form_terms: Vec<u32>,
    /// Two folded terms seen side by side.
    pub(super) pairs: Vec<(u32, u32)>,
    /// Each term's documents, and the digit of its count in each (beside
    /// the documents: `term_docs.items[i]`'s count is `term_counts[i]`).
    /// Documents are held as their offsets in the run ([`Offset`]: a run
    /// has at most [`MAX_RUN`] documents), half the memory of their numbers.
    term_docs: Grouped<Offset>,
    term_counts: Vec<u8>,
    /// Each term's documents whose title holds it.
    title_docs: Grouped<Offset>,
    form_docs: Grouped<Offset>,
    pair_docs: Grouped<Offset>,
    /// Made when first asked for: a kept run's terms by name.
    lookup: OnceLock<Lookup>,
}

/// A run's terms by name, and each term's spellings and the pairs it begins.
#[derive(Debug)]
struct Lookup {
    /// The terms' numbers, sorted by name.
    by_name: Vec<u32>,
    forms_of: Grouped<u32>,
    pairs_of: Grouped<u32>,
}

impl Run {
    /// Indexes `docs`, numbered from `first`, their words folded by `folding`.
    pub(super) fn build(first: u32, docs: &[SearchDoc<'_>], folding: Folding) -> Run {
        assert!(docs.len() <= MAX_RUN, "a run holds at most {MAX_RUN} documents");
        let mut builder = RunBuilder {
            folding,
            first,
            ..RunBuilder::default()
        };
        // Room for what the run will see, from its text's size, so the lists
        // are not copied as they grow: a distinct word or pair of a document
        // per 8 to 16 bytes of text.
        let bytes: usize = docs.iter().flat_map(SearchDoc::parts).map(str::len).sum();
        builder.terms_seen.reserve(bytes / 16);
        builder.forms_seen.reserve(bytes / 16);
        builder.pairs_seen.reserve(bytes / 8);
        for (n, doc) in docs.iter().enumerate() {
            let number = first + n as u32;
            for (part, text) in doc.parts().enumerate() {
                let mut previous = None;
                for word in words(text) {
                    previous = Some(builder.add(word, number, part == 0, previous));
                }
            }
            builder.end_document(number);
        }
        let mut run = builder.run;
        run.docs = first..first + docs.len() as u32;
        let postings = Grouped::new(run.terms.len(), &builder.terms_seen);
        run.term_counts = postings.items.iter().map(|&(_, count)| count).collect();
        run.term_docs = Grouped {
            items: postings.items.iter().map(|&(doc, _)| doc).collect(),
            starts: postings.starts,
        };
        run.title_docs = Grouped::new(run.terms.len(), &builder.titles_seen);
        run.form_docs = Grouped::new(run.forms.len(), &builder.forms_seen);
        run.pair_docs = Grouped::new(run.pairs.len(), &builder.pairs_seen);
        run
    }

    /// Makes its lookup by name now rather than when first asked for.
    pub(super) fn prepare_lookup(&self) {
        self.lookup();
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| {
            let mut by_name: Vec<u32> = (0..self.terms.len() as u32).collect();
            by_name.sort_unstable_by(|&a, &b| self.terms.get(a).cmp(self.terms.get(b)));
            let forms: Vec<(u32, u32)> = self.form_terms.iter().enumerate().map(|(f, &term)| (term, f as u32)).collect();
            let pairs: Vec<(u32, u32)> = self.pairs.iter().enumerate().map(|(p, &(first, _))| (first, p as u32)).collect();
            Lookup {
                by_name,
                forms_of: Grouped::new(self.terms.len(), &forms),
                pairs_of: Grouped::new(self.terms.len(), &pairs),
            }
        })
    }

    /// The number of the term `name`, if the run holds it.
    pub(super) fn term(&self, name: &str) -> Option<u32> {
        let by_name = &self.lookup().by_name;
        by_name
            .binary_search_by(|&t| self.terms.get(t).cmp(name))
            .ok()
            .map(|at| by_name[at])
    }

    /// The digits of the counts of the term `term` in its documents.
    pub(super) fn counts_of(&self, term: usize) -> &[u8] {
        let starts = &self.term_docs.starts;
        &self.term_counts[starts[term] as usize..starts[term + 1] as usize]
    }

    /// The spellings of the term `term`: each one's number and name.
    pub(super) fn forms_of(&self, term: u32) -> impl Iterator<Item = (u32, &str)> {
        let forms = self.lookup().forms_of.of(term as usize);
        forms.iter().map(|&f| (f, self.forms.get(f)))
    }

    /// The pairs the term `term` begins: each one's number and second term.
    pub(super) fn pairs_of(&self, term: u32) -> impl Iterator<Item = (u32, &str)> {
        let pairs = self.lookup().pairs_of.of(term as usize);
        pairs.iter().map(|&p| (p, self.terms.get(self.pairs[p as usize].1)))
    }

    /// The names of its terms in any of the documents `docs` (numbers, sorted).
    pub(super) fn terms_in<'r>(&'r self, docs: &[u32]) -> impl Iterator<Item = &'r str> + 'r {
        let docs = self.own(docs);
        let keys = if docs.is_empty() { 0 } else { self.terms.len() };
        (0..keys)
            .filter(move |&t| holds_any(self.term_docs.of(t), &docs))
            .map(|t| self.terms.get(t as u32))
    }

    /// The pairs in any of the documents `docs` (numbers, sorted): their
    /// first and second terms' names.
    pub(super) fn pairs_in<'r>(&'r self, docs: &[u32]) -> impl Iterator<Item = (&'r str, &'r str)> + 'r {
        let docs = self.own(docs);
        let keys = if docs.is_empty() { 0 } else { self.pairs.len() };
        (0..keys).filter(move |&p| holds_any(self.pair_docs.of(p), &docs)).map(|p| {
            let (first, second) = self.pairs[p];
            (self.terms.get(first), self.terms.get(second))
        })
    }

    /// Those of `docs` (numbers, sorted) that are its documents.
    fn own(&self, docs: &[u32]) -> Vec<Offset> {
        let from = docs.partition_point(|&d| d < self.docs.start);
        let to = docs.partition_point(|&d| d < self.docs.end);
        docs[from..to].iter().map(|&d| (d - self.docs.start) as Offset).collect()
    }

    /// The documents (numbers) of each key of `grouped`, one of its lists.
    fn numbers<'r>(&'r self, grouped: &'r Grouped<Offset>, key: usize) -> impl ExactSizeIterator<Item = u32> + 'r {
        grouped.of(key).iter().map(|&o| self.docs.start + u32::from(o))
    }

    /// The documents holding the term `term`, by number.
    pub(super) fn term_docs(&self, term: usize) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.numbers(&self.term_docs, term)
    }

    /// The documents whose title holds the term `term`, by number.
    pub(super) fn title_docs(&self, term: usize) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.numbers(&self.title_docs, term)
    }

    /// The documents holding the spelling `form`, by number.
    pub(super) fn form_docs(&self, form: usize) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.numbers(&self.form_docs, form)
    }

    /// The documents holding the pair `pair`, by number.
    pub(super) fn pair_docs(&self, pair: usize) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.numbers(&self.pair_docs, pair)
    }
}

/// What indexing one run keeps besides the run: each spelling's numbers
/// (so a spelling is lowercased and folded once per run), and what the
/// current document has counted so far. "Seen" marks are a document's
/// number plus one.
#[derive(Debug, Default)]
struct RunBuilder<'d> {
    run: Run,
    folding: Folding,
    /// The number of the run's first document.
    first: u32,
    /// Spellings of up to 16 bytes by their bytes packed ([`packed`]), so
    /// that finding one is an integer's hash and compare (comparing strings
    /// was 6% of the index's samples); longer ones by name.
    short: FxHashMap<u128, WordIds>,
    long: FxHashMap<&'d str, WordIds>,
    term_ids: FxHashMap<String, u32>,
    form_ids: FxHashMap<String, u32>,
    /// Each pair's number, and the last document it was seen in.
    pair_ids: FxHashMap<u64, (u32, u32)>,
    /// (key, document) once per document a term, a title's term, a
    /// spelling or a pair is in, (term, (document, count)) for terms.
    terms_seen: Vec<(u32, (Offset, u8))>,
    titles_seen: Vec<(u32, Offset)>,
    forms_seen: Vec<(u32, Offset)>,
    pairs_seen: Vec<(u32, Offset)>,
    counts: Vec<u16>,
    present: Vec<u32>,
    title_seen: Vec<u32>,
    form_seen: Vec<u32>,
}

impl<'d> RunBuilder<'d> {
    /// Counts `word`, in document `number` (in its title or not) right after
    /// the term `previous`; returns the word's term.
    fn add(&mut self, word: &'d str, number: u32, in_title: bool, previous: Option<u32>) -> u32 {
        let key = packed(word);
        let found = match key {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        let ids = match found {
            Some(ids) => *ids,
            None => {
                let ids = self.intern(word);
                match key {
                    Some(key) => self.short.insert(key, ids),
                    None => self.long.insert(word, ids),
                };
                ids
            }
        };
        let (term, seen) = (ids.term as usize, number + 1);
        if self.counts[term] == 0 {
            self.present.push(ids.term);
        }
        self.counts[term] = self.counts[term].saturating_add(1);
        if in_title && self.title_seen[term] != seen {
            self.title_seen[term] = seen;
            self.titles_seen.push((ids.term, self.offset(number)));
        }
        let form = ids.form as usize;
        if self.form_seen[form] != seen {
            self.form_seen[form] = seen;
            self.forms_seen.push((ids.form, self.offset(number)));
        }
        if let Some(previous) = previous {
            self.add_pair(previous, ids.term, number);
        }
        ids.term
    }

    fn add_pair(&mut self, first: u32, second: u32, number: u32) {
        let key = (u64::from(first) << 32) | u64::from(second);
        let next = self.run.pairs.len() as u32;
        let (pair, seen) = self.pair_ids.entry(key).or_insert((next, 0));
        if *pair == next {
            self.run.pairs.push((first, second));
        }
        if *seen != number + 1 {
            *seen = number + 1;
            let offset = (number - self.first) as Offset;
            self.pairs_seen.push((*pair, offset));
        }
    }

    /// Numbers a spelling met for the first time: its lowercase form and
    /// its folded term, each new or already met in another spelling.
    fn intern(&mut self, word: &str) -> WordIds {
        let lower = if word.chars().any(char::is_uppercase) {
            word.to_lowercase()
        } else {
            word.to_string()
        };
        let folded = self.folding.fold(&lower);
        let next = self.run.terms.len() as u32;
        let term = *self.term_ids.entry(folded.clone()).or_insert(next);
        if term == next {
            self.run.terms.push(&folded);
            self.counts.push(0);
            self.title_seen.push(0);
        }
        let next = self.run.forms.len() as u32;
        let form = *self.form_ids.entry(lower.clone()).or_insert(next);
        if form == next {
            self.run.forms.push(&lower);
            self.run.form_terms.push(term);
            self.form_seen.push(0);
        }
        WordIds { term, form }
    }

    /// Writes down the terms document `number` holds, with their counts.
    fn end_document(&mut self, number: u32) {
        let offset = self.offset(number);
        for term in self.present.drain(..) {
            let count = std::mem::take(&mut self.counts[term as usize]);
            self.terms_seen.push((term, (offset, DIGITS[usize::from(count.min(COUNT_CAP))])));
        }
    }

    /// Document `number`'s offset in the run.
    fn offset(&self, number: u32) -> Offset {
        (number - self.first) as Offset
    }
}

/// The bytes of `word`, if it has at most 16, as one number (little
/// endian, zeros after them): a word holds no zero byte, so two words have
/// the same number only when they are the same.
#[inline(always)]
pub(super) fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    match bytes.len() {
        0..=8 => Some(u128::from(packed_8(bytes))),
        9..=16 => Some(u128::from(packed_8(&bytes[..8])) | u128::from(packed_8(&bytes[8..])) << 64),
        _ => None,
    }
}

/// [`packed`] for at most 8 bytes: from 4 bytes on, two overlapping loads
/// of four rather than a loop over the bytes.
#[inline(always)]
fn packed_8(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let load = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes")));
    match n {
        // The last four bytes, less those the first four hold.
        4..=8 => load(0) | (load(n - 4) >> (8 * (8 - n))) << 32,
        _ => bytes.iter().rev().fold(0, |packed, &b| packed << 8 | u64::from(b)),
    }
}

/// Whether `postings` (sorted documents) hold any of `docs`.
fn holds_any(postings: &[Offset], docs: &[Offset]) -> bool {
    docs.iter().any(|d| postings.binary_search(d).is_ok())
}

/// Strings numbered in the order they were added, end to end in one
/// buffer: one allocation per run rather than one per term.
#[derive(Debug, Default)]
pub(super) struct Names {
    text: String,
    ends: Vec<u32>,
}

impl Names {
    fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.ends.push(self.text.len() as u32);
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn get(&self, n: u32) -> &str {
        let start = match n {
            0 => 0,
            n => self.ends[n as usize - 1] as usize,
        };
        &self.text[start..self.ends[n as usize] as usize]
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len() as u32).map(|n| self.get(n))
    }
}
