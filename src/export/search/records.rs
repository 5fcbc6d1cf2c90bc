//! The records of the index: one per key, formatted as they ship, in key
//! order. A term's records (its own, then the pairs it begins) are made
//! from every run that holds it; kept by `serve`, they are made again only
//! for the terms of the documents that changed.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::run::Run;
use super::{BITMAP, CHUNK_BYTES, DIGITS, PAIR};

/// Where a record's data lies in the runs: (run, number in that run).
type Pieces = Vec<(u32, u32)>;

/// One term's records, each formatted as it ships: the term's, then those
/// of the pairs it begins (in key order), end to end in `json`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TermRecords {
    name: Box<str>,
    json: Vec<u8>,
    /// Where each record ends in `json`.
    ends: Vec<u32>,
}

impl TermRecords {
    fn records(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(start, &end)| &self.json[start as usize..end as usize])
    }

    /// The records of the pairs it begins, each with the pair's second term.
    fn pairs(&self) -> impl Iterator<Item = (&str, &[u8])> {
        // `[" first second","…"]`: the key is written unescaped.
        let at = 2 + PAIR.len_utf8() + self.name.len() + 1;
        self.records().skip(1).map(move |record| {
            let end = at + record[at..].iter().position(|&b| b == b'"').expect("a pair's key ends");
            (std::str::from_utf8(&record[at..end]).expect("a key is UTF-8"), record)
        })
    }
}

/// Every term's records, in key order.
#[derive(Debug, Default)]
pub(super) struct Records {
    terms: Vec<Arc<TermRecords>>,
}

impl Records {
    /// The records of `runs`, made in parallel.
    pub(super) fn of(runs: &[&Run]) -> Records {
        let terms = Merged::new(runs)
            .into_terms()
            .into_par_iter()
            .map(|data| Arc::new(data.format(runs, None)))
            .collect();
        Records { terms }
    }

    /// These records after the documents `changed` (numbers) changed, in
    /// `before`, the runs these records were made from, to `runs`: the
    /// records of the terms and pairs of those documents, before and after,
    /// are made again from `runs`; every other record is kept. The result is
    /// [`Records::of`]`(runs)`, when no other document's runs changed.
    pub(super) fn update(&self, before: &[&Run], runs: &[&Run], changed: &[u32]) -> Records {
        let both = || before.par_iter().chain(runs.par_iter());
        let mut names: Vec<&str> = both().flat_map_iter(|run| run.terms_in(changed)).collect();
        names.par_sort_unstable();
        names.dedup();
        // A pair in a document begins with a term of that document.
        let mut pairs: Vec<(&str, &str)> = both().flat_map_iter(|run| run.pairs_in(changed)).collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        let made: Vec<Option<TermRecords>> = names
            .par_iter()
            .map(|name| {
                let from = pairs.partition_point(|p| p.0 < *name);
                let to = pairs.partition_point(|p| p.0 <= *name);
                let seconds: Vec<&str> = pairs[from..to].iter().map(|p| p.1).collect();
                let data = TermData::gather(name, runs, Some(&seconds))?;
                Some(data.format(runs, self.term(name).map(|old| (old, seconds.as_slice()))))
            })
            .collect();
        let mut terms = Vec::with_capacity(self.terms.len() + made.len());
        let mut kept = self.terms.iter().peekable();
        for (name, made) in names.iter().zip(made) {
            while let Some(term) = kept.next_if(|t| &*t.name < *name) {
                terms.push(term.clone());
            }
            kept.next_if(|t| &*t.name == *name);
            terms.extend(made.map(Arc::new));
        }
        terms.extend(kept.cloned());
        Records { terms }
    }

    /// The records of the term `name`.
    fn term(&self, name: &str) -> Option<&TermRecords> {
        let at = self.terms.binary_search_by(|t| (*t.name).cmp(name)).ok()?;
        Some(&self.terms[at])
    }

    /// How many terms.
    pub(super) fn terms(&self) -> usize {
        self.terms.len()
    }

    /// How many of its terms' records are those of `other`, shared.
    #[cfg(test)]
    pub(super) fn shared_with(&self, other: &Records) -> usize {
        self.terms.iter().filter(|t| other.terms.iter().any(|o| Arc::ptr_eq(t, o))).count()
    }

    /// Every record, in key order: every pair's (their keys begin with
    /// [`PAIR`]), then every term's.
    pub(super) fn all(&self) -> Vec<&[u8]> {
        let pairs = self.terms.iter().flat_map(|t| t.records().skip(1));
        pairs.chain(self.terms.iter().flat_map(|t| t.records().next())).collect()
    }
}

/// A term's data in the runs: its pieces, its spellings' (sorted) and the
/// pairs' it begins (by the second term, sorted).
#[derive(Debug, Default)]
struct TermData<'r> {
    name: &'r str,
    term: Pieces,
    forms: Vec<(&'r str, Pieces)>,
    pairs: Vec<(&'r str, Pieces)>,
}

impl<'r> TermData<'r> {
    /// The data of the term `name` in `runs`, if any holds it; of the pairs
    /// it begins, only those whose second term is in `seconds` (sorted)
    /// when it is given.
    fn gather(name: &'r str, runs: &[&'r Run], seconds: Option<&[&str]>) -> Option<TermData<'r>> {
        let mut data = TermData {
            name,
            ..TermData::default()
        };
        let (mut forms, mut pairs) = (Vec::new(), Vec::new());
        for (r, run) in runs.iter().enumerate() {
            let Some(term) = run.term(name) else { continue };
            let r = r as u32;
            data.term.push((r, term));
            forms.extend(run.forms_of(term).map(|(form, name)| (name, (r, form))));
            let wanted = |second: &str| seconds.is_none_or(|s| s.binary_search(&second).is_ok());
            pairs.extend(
                run.pairs_of(term)
                    .filter(|(_, second)| wanted(second))
                    .map(|(pair, second)| (second, (r, pair))),
            );
        }
        if data.term.is_empty() {
            return None;
        }
        data.forms = grouped(forms);
        data.pairs = grouped(pairs);
        Some(data)
    }

    /// `["term","docs","counts","title docs","spelling","docs",…]` (a
    /// spelling's documents are `""` when they are the term's), then
    /// `[" term second","docs"]` for each pair the term begins, in the order
    /// of the second terms. With `kept`, the term's records before and the
    /// second terms of the pairs made again (the others are copied).
    fn format(&self, runs: &[&Run], kept: Option<(&TermRecords, &[&str])>) -> TermRecords {
        let mut records = TermRecords {
            name: self.name.into(),
            json: Vec::new(),
            ends: Vec::new(),
        };
        self.push_term(runs, &mut records.json);
        records.ends.push(records.json.len() as u32);
        let mut made = self.pairs.iter().peekable();
        let old = kept
            .into_iter()
            .flat_map(|(old, seconds)| old.pairs().filter(move |(second, _)| seconds.binary_search(second).is_err()));
        for (second, record) in old {
            while let Some((new, pieces)) = made.next_if(|(new, _)| *new < second) {
                self.push_pair(runs, new, pieces, &mut records);
            }
            records.json.extend_from_slice(record);
            records.ends.push(records.json.len() as u32);
        }
        for (new, pieces) in made {
            self.push_pair(runs, new, pieces, &mut records);
        }
        records
    }

    /// The term's own record.
    fn push_term(&self, runs: &[&Run], json: &mut Vec<u8>) {
        let docs = numbers(&self.term, |r, t| runs[r].term_docs(t));
        let counts = concat(&self.term, |r, t| runs[r].counts_of(t));
        let titles = numbers(&self.term, |r, t| runs[r].title_docs(t));
        json.reserve(docs.len() * 2 + 32);
        json.push(b'[');
        push_string(json, self.name);
        json.extend_from_slice(b",\"");
        push_docs(json, &docs);
        json.extend_from_slice(b"\",\"");
        json.extend_from_slice(&counts);
        json.extend_from_slice(b"\",\"");
        push_docs(json, &titles);
        json.push(b'"');
        for (name, pieces) in &self.forms {
            let form_docs = numbers(pieces, |r, f| runs[r].form_docs(f));
            json.push(b',');
            push_string(json, name);
            json.extend_from_slice(b",\"");
            if form_docs != docs {
                push_docs(json, &form_docs);
            }
            json.push(b'"');
        }
        json.push(b']');
    }

    /// The record of the pair it begins with `second`.
    fn push_pair(&self, runs: &[&Run], second: &str, pieces: &Pieces, records: &mut TermRecords) {
        let docs = numbers(pieces, |r, p| runs[r].pair_docs(p));
        let json = &mut records.json;
        // Terms are letters and digits: nothing to escape.
        json.extend_from_slice(b"[\"");
        json.push(PAIR as u8);
        json.extend_from_slice(self.name.as_bytes());
        json.push(b' ');
        json.extend_from_slice(second.as_bytes());
        json.extend_from_slice(b"\",\"");
        push_docs(json, &docs);
        json.extend_from_slice(b"\"]");
        records.ends.push(json.len() as u32);
    }
}

/// `(name, piece)` in run order, as `(name, pieces)` sorted by name, each
/// name's pieces in run order.
fn grouped(mut items: Vec<(&str, (u32, u32))>) -> Vec<(&str, Pieces)> {
    items.sort_by(|a, b| a.0.cmp(b.0));
    let mut out: Vec<(&str, Pieces)> = Vec::new();
    for (name, piece) in items {
        match out.last_mut() {
            Some((last, pieces)) if *last == name => pieces.push(piece),
            _ => out.push((name, vec![piece])),
        }
    }
    out
}

/// The runs' terms, spellings and pairs brought together under their
/// sorted names, in document order: a whole index's [`TermData`] at once.
#[derive(Debug)]
struct Merged<'r> {
    /// Every folded term, sorted: a term's number from here on is its rank.
    names: Vec<&'r str>,
    /// Per rank, the term's pieces.
    terms: Vec<Pieces>,
    /// Per rank, its spellings (sorted) and their pieces.
    forms: Vec<Vec<(&'r str, Pieces)>>,
    /// Per rank, the pairs it begins: the second term's rank (sorted) and the pieces.
    pairs: Vec<Vec<(u32, Pieces)>>,
}

impl<'r> Merged<'r> {
    fn new(runs: &[&'r Run]) -> Merged<'r> {
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let locals: Vec<Vec<u32>> = runs
            .iter()
            .map(|run| {
                run.terms
                    .iter()
                    .map(|t| {
                        let next = ids.len() as u32;
                        *ids.entry(t).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        let mut names: Vec<(&str, u32)> = ids.into_iter().collect();
        names.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut rank_of = vec![0; names.len()];
        for (rank, &(_, id)) in names.iter().enumerate() {
            rank_of[id as usize] = rank as u32;
        }
        // Per run, each of its terms' rank.
        let ranks: Vec<Vec<u32>> = locals.iter().map(|l| l.iter().map(|&id| rank_of[id as usize]).collect()).collect();
        let mut terms = vec![Pieces::new(); names.len()];
        let mut forms: Vec<Vec<(&str, Pieces)>> = vec![Vec::new(); names.len()];
        let mut pairs: Vec<Vec<(u32, Pieces)>> = vec![Vec::new(); names.len()];
        let mut form_at: FxHashMap<&str, (u32, usize)> = FxHashMap::default();
        let mut pair_at: FxHashMap<u64, usize> = FxHashMap::default();
        for (r, run) in runs.iter().enumerate() {
            let rank = &ranks[r];
            for (local, &rank) in rank.iter().enumerate() {
                terms[rank as usize].push((r as u32, local as u32));
            }
            for (local, (form, &term)) in run.forms.iter().zip(&run.form_terms).enumerate() {
                let term = rank[term as usize];
                let &mut (term, at) = form_at.entry(form).or_insert_with(|| {
                    forms[term as usize].push((form, Pieces::new()));
                    (term, forms[term as usize].len() - 1)
                });
                forms[term as usize][at].1.push((r as u32, local as u32));
            }
            for (local, pair) in run.pairs.iter().enumerate() {
                let (first, second) = (rank[pair.0 as usize], rank[pair.1 as usize]);
                let key = (u64::from(first) << 32) | u64::from(second);
                let at = *pair_at.entry(key).or_insert_with(|| {
                    pairs[first as usize].push((second, Pieces::new()));
                    pairs[first as usize].len() - 1
                });
                pairs[first as usize][at].1.push((r as u32, local as u32));
            }
        }
        forms.par_iter_mut().for_each(|f| f.sort_unstable_by(|a, b| a.0.cmp(b.0)));
        pairs.par_iter_mut().for_each(|p| p.sort_unstable_by_key(|&(second, _)| second));
        Merged {
            names: names.into_iter().map(|(name, _)| name).collect(),
            terms,
            forms,
            pairs,
        }
    }

    /// Every term's data, in rank order.
    fn into_terms(self) -> Vec<TermData<'r>> {
        let names = &self.names;
        (self.terms, self.forms, self.pairs)
            .into_par_iter()
            .enumerate()
            .map(|(rank, (term, forms, pairs))| TermData {
                name: names[rank],
                term,
                forms,
                pairs: pairs.into_iter().map(|(second, pieces)| (names[second as usize], pieces)).collect(),
            })
            .collect()
    }
}

/// The documents of a record's pieces, in order: `docs(run, number)` gives each piece's.
fn concat<'r, T: Copy + 'r>(pieces: &Pieces, docs: impl Fn(usize, usize) -> &'r [T]) -> Vec<T> {
    let mut out = Vec::with_capacity(pieces.iter().map(|&(r, n)| docs(r as usize, n as usize).len()).sum());
    for &(r, n) in pieces {
        out.extend_from_slice(docs(r as usize, n as usize));
    }
    out
}

/// The document numbers of a key's pieces, end to end: each piece's
/// appended whole (a list of pieces flattened was pushed number by number).
fn numbers<'r, I: ExactSizeIterator<Item = u32> + 'r>(pieces: &Pieces, docs: impl Fn(usize, usize) -> I) -> Vec<u32> {
    let mut out = Vec::with_capacity(pieces.iter().map(|&(r, n)| docs(r as usize, n as usize).len()).sum());
    for &(r, n) in pieces {
        out.extend(docs(r as usize, n as usize));
    }
    out
}

/// Cuts the records, in key order, into runs of about [`CHUNK_BYTES`].
pub(super) fn cut_into_chunks(records: &[&[u8]]) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, record) in records.iter().enumerate() {
        if bytes > 0 && bytes + record.len() > CHUNK_BYTES {
            chunks.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += record.len() + 1;
    }
    if start < records.len() || chunks.is_empty() {
        chunks.push(start..records.len());
    }
    chunks
}

/// Where each chunk begins, as the browser finds a key's chunk: the first
/// chunk at `""`, every other at the shortest beginning of its first key
/// that sorts after the previous chunk's last key.
pub(super) fn chunk_bounds(records: &[&[u8]], chunks: &[std::ops::Range<usize>]) -> Vec<String> {
    chunks
        .iter()
        .map(|range| {
            if range.start == 0 {
                return String::new();
            }
            let first = key(records[range.start]);
            let last = key(records[range.start - 1]);
            shortest_after(&first, &last).to_string()
        })
        .collect()
}

/// A record's key: the string it opens with.
fn key(record: &[u8]) -> String {
    serde_json::Deserializer::from_slice(&record[1..])
        .into_iter::<String>()
        .next()
        .and_then(Result::ok)
        .expect("a record opens with its key")
}

/// `[record,record,…]`.
pub(super) fn push_records(out: &mut Vec<u8>, records: &[&[u8]]) {
    out.push(b'[');
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(record);
    }
    out.push(b']');
}

/// The shortest beginning of `key` that sorts after `before` (`key` does).
pub(super) fn shortest_after<'k>(key: &'k str, before: &str) -> &'k str {
    key.char_indices()
        .map(|(i, c)| &key[..i + c.len_utf8()])
        .find(|prefix| *prefix > before)
        .unwrap_or(key)
}

/// A JSON string of a key or a spelling: words hold only letters and
/// digits, but any escaping needed is done.
pub(super) fn push_string(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *out, s).expect("strings serialise");
}

/// A number in digits of five bits, the lowest first, each but the last
/// with the sixth bit set.
pub(super) fn push_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= 32 {
        out.push(DIGITS[(32 | (n & 31)) as usize]);
        n >>= 5;
    }
    out.push(DIGITS[n as usize]);
}

pub(super) fn number_len(n: u32) -> usize {
    let bits = 32 - n.leading_zeros() as usize;
    bits.div_ceil(5).max(1)
}

/// A sorted list of distinct documents, whichever is shorter: the first
/// document and each gap minus one, or [`BITMAP`], the first document and
/// one bit per document from it to the last, six to a digit.
pub(super) fn push_docs(out: &mut Vec<u8>, docs: &[u32]) {
    let (Some(&first), Some(&last)) = (docs.first(), docs.last()) else {
        return;
    };
    let bitmap_len = 1 + number_len(first) + ((last - first) / 6 + 1) as usize;
    let list_len = number_len(first) + docs.windows(2).map(|w| number_len(w[1] - w[0] - 1)).sum::<usize>();
    if bitmap_len < list_len {
        out.push(BITMAP);
        push_number(out, first);
        let start = out.len();
        out.resize(start + ((last - first) / 6 + 1) as usize, 0);
        for &doc in docs {
            let bit = doc - first;
            out[start + (bit / 6) as usize] |= 1 << (bit % 6);
        }
        for digit in &mut out[start..] {
            *digit = DIGITS[*digit as usize];
        }
    } else {
        push_number(out, first);
        for w in docs.windows(2) {
            push_number(out, w[1] - w[0] - 1);
        }
    }
}
