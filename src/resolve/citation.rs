//! Citations: finding a quote in its seed.
//!
//! A citation names a seed (its file stem, or the stem's number prefix such as
//! `004`) and quotes it. The quote is found in the seed's normalised text,
//! insensitive to line wraps, runs of white space, no-break spaces and the
//! typographic forms of quotes and dashes, never to letters, marks or case.
//! A quote that is not there yields the closest passage of the seed, so the
//! analyst sees what the seed really says.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::route::Target;
use crate::diag::Diagnostic;
use crate::parse::content::CitationRef;
use crate::parse::seed::Seed;
use crate::text::fold::folded_words;

/// A seed with more canonical text than this gets a word index the first
/// time it is cited; smaller ones are scanned, which is as fast.
const INDEXED_BYTES: usize = 64 * 1024;

/// Where a quote was found: a byte range of one block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub seed: usize,
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// A citation found in its seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub hit: Hit,
    /// The seed's stem.
    pub seed: String,
    /// The quote as written, white space collapsed.
    pub quote: String,
    /// The cited paragraph: its article page and the paragraph's anchor.
    pub target: Target,
    /// The quote in the edition's language, where a translation gives it.
    pub translation: Option<String>,
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

/// Why a quote was not found.
#[derive(Debug, Clone, PartialEq)]
pub enum Miss {
    UnknownSeed {
        known: Vec<String>,
    },
    /// The seed's file exists but could not be read: its own error says why.
    Unread,
    AmbiguousSeed {
        candidates: Vec<String>,
    },
    EmptyQuote,
    NotFound {
        seed: usize,
        closest: Option<String>,
    },
}

/// The seeds, prepared for finding quotes in them.
#[derive(Debug)]
pub struct SeedIndex<'a> {
    seeds: &'a [Seed],
    by_stem: HashMap<&'a str, usize>,
    by_prefix: HashMap<&'a str, Vec<usize>>,
    canonical: Vec<Canonical<'a>>,
    /// The stems of the seeds that could not be read.
    unread: std::collections::BTreeSet<String>,
}

/// One seed's blocks in canonical form (one char for each char of the
/// block): a quote, which holds no line feed, can only match inside one
/// block. A block with no typographic quote or dash is its own canonical
/// form, borrowed; the offsets are those of the blocks joined by line feeds.
/// Built once per build, so that finding a quote never counts characters or
/// re-folds the seed.
#[derive(Debug)]
struct Canonical<'a> {
    blocks: Vec<Cow<'a, str>>,
    /// Where each block starts, the blocks joined by line feeds.
    block_starts: Vec<usize>,
    /// The joined length.
    len: usize,
    /// For each block, where the canonical form is shorter in bytes than
    /// the block (a `“` became `"`): (canonical offset in the block after
    /// the character, bytes dropped so far).
    shifts: Vec<Vec<(usize, usize)>>,
    /// For a large seed, where each whole word starts (joined offsets), by a
    /// hash of the word; built the first time the seed is cited.
    words: OnceLock<FxHashMap<u64, Vec<u32>>>,
}

impl<'a> Canonical<'a> {
    fn new(seed: &'a Seed) -> Canonical<'a> {
        let mut blocks = Vec::with_capacity(seed.blocks.len());
        let mut block_starts = Vec::with_capacity(seed.blocks.len());
        let mut shifts = Vec::with_capacity(seed.blocks.len());
        let mut len = 0;
        for block in &seed.blocks {
            if !block_starts.is_empty() {
                len += 1;
            }
            block_starts.push(len);
            let (text, block_shifts) = canonical_block(&block.text);
            len += text.len();
            blocks.push(text);
            shifts.push(block_shifts);
        }
        Canonical {
            blocks,
            block_starts,
            len,
            shifts,
            words: OnceLock::new(),
        }
    }

    /// Where `wanted` (canonical, single-spaced, non-empty) first occurs, as
    /// a joined offset. A quote of three words or more is looked up by the
    /// rarest of its inner words, which stand whole in the text wherever the
    /// quote does; shorter quotes, and small seeds, are scanned.
    fn find(&self, wanted: &str) -> Option<usize> {
        let inner: Vec<(usize, &str)> = inner_words(wanted).collect();
        if self.len <= INDEXED_BYTES || inner.is_empty() {
            let finder = memchr::memmem::Finder::new(wanted);
            return (self.blocks.iter().zip(&self.block_starts))
                .find_map(|(block, start)| finder.find(block.as_bytes()).map(|at| start + at));
        }
        let words = self.words.get_or_init(|| self.word_index());
        let postings = |word: &str| words.get(&word_hash(word)).map_or(&[][..], Vec::as_slice);
        let (offset, rarest) = inner.iter().min_by_key(|(_, w)| postings(w).len())?;
        postings(rarest)
            .iter()
            .filter_map(|&at| (at as usize).checked_sub(*offset))
            .find(|&start| {
                let block = self.block_starts.partition_point(|&b| b <= start) - 1;
                // Bytes: a start that is no match may fall inside a character.
                self.blocks[block].as_bytes()[start - self.block_starts[block]..].starts_with(wanted.as_bytes())
            })
    }

    /// Where every whole word starts (words are separated by one space or a
    /// block's end), by [`word_hash`]; positions ascending.
    fn word_index(&self) -> FxHashMap<u64, Vec<u32>> {
        let mut words: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (text, &base) in self.blocks.iter().zip(&self.block_starts) {
            let mut start = 0;
            for (i, b) in text.bytes().enumerate().chain(std::iter::once((text.len(), b' '))) {
                if b == b' ' {
                    if i > start {
                        words.entry(word_hash(&text[start..i])).or_default().push((base + start) as u32);
                    }
                    start = i + 1;
                }
            }
        }
        words
    }

    /// The block holding joined offset `at`, and the byte range in the
    /// block's own text of the `len` canonical bytes from there.
    fn locate(&self, at: usize, len: usize) -> (usize, usize, usize) {
        let block = self.block_starts.partition_point(|&start| start <= at) - 1;
        let local = at - self.block_starts[block];
        let original = |offset: usize| {
            let shifts = &self.shifts[block];
            let before = shifts.partition_point(|&(after, _)| after <= offset);
            offset + before.checked_sub(1).map_or(0, |i| shifts[i].1)
        };
        (block, original(local), original(local + len))
    }
}

/// A block's canonical form (borrowed when it is already canonical) and
/// its shifts (see [`Canonical::shifts`]). Every character
/// [`canonical_char`] changes begins with the byte 0xC2 or 0xE2
/// ([`CHANGED_FIRST_BYTES`]), so only those are looked at, found with
/// `memchr` (decoding every other character of every seed was a tenth of
/// the resolve stage).
fn canonical_block(text: &str) -> (Cow<'_, str>, Vec<(usize, usize)>) {
    let mut out = String::new();
    let mut shifts = Vec::new();
    let (mut copied, mut dropped) = (0, 0);
    let [a, b] = CHANGED_FIRST_BYTES;
    for i in memchr::memchr2_iter(a, b, text.as_bytes()) {
        // Never a character's inner byte (0x80–0xBF): a character begins here.
        let c = text[i..].chars().next().expect("a character begins at its first byte");
        let mapped = canonical_char(c);
        if mapped == c {
            continue;
        }
        out.push_str(&text[copied..i]);
        out.push(mapped);
        copied = i + c.len_utf8();
        dropped += c.len_utf8() - mapped.len_utf8();
        shifts.push((out.len(), dropped));
    }
    if copied == 0 {
        return (Cow::Borrowed(text), shifts);
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), shifts)
}

/// The words of `wanted` between its first and last space, each with its
/// byte offset: in any match they are whole words of the text.
fn inner_words(wanted: &str) -> impl Iterator<Item = (usize, &str)> {
    let first = wanted.find(' ');
    let last = wanted.rfind(' ');
    let inner = match (first, last) {
        (Some(first), Some(last)) if first < last => (first + 1, &wanted[first + 1..last]),
        _ => (0, ""),
    };
    let mut offset = inner.0;
    inner.1.split(' ').filter(|w| !w.is_empty()).map(move |word| {
        let at = offset;
        offset += word.len() + 1;
        (at, word)
    })
}

/// A hash of a word; two words with one hash only cost a failed comparison.
fn word_hash(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

impl<'a> SeedIndex<'a> {
    pub fn new(seeds: &'a [Seed]) -> Self {
        let mut by_stem = HashMap::new();
        let mut by_prefix: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, seed) in seeds.iter().enumerate() {
            by_stem.insert(seed.stem.as_str(), i);
            if let Some((prefix, _)) = seed.stem.split_once('_') {
                by_prefix.entry(prefix).or_default().push(i);
            }
        }
        let canonical = seeds.par_iter().map(Canonical::new).collect();
        SeedIndex {
            seeds,
            by_stem,
            by_prefix,
            canonical,
            unread: Default::default(),
        }
    }

    /// Says which seeds exist but could not be read (by stem): a citation
    /// of one is not "unknown", since the seed's own error says why.
    pub fn with_unread(mut self, unread: std::collections::BTreeSet<String>) -> Self {
        self.unread = unread;
        self
    }

    pub fn seeds(&self) -> &'a [Seed] {
        self.seeds
    }

    /// The seed a reference names: its full stem, or its unique number prefix.
    pub fn seed(&self, reference: &str) -> Result<usize, Miss> {
        if let Some(&i) = self.by_stem.get(reference) {
            return Ok(i);
        }
        match self.by_prefix.get(reference).map(Vec::as_slice) {
            Some([i]) => Ok(*i),
            Some(many) => Err(Miss::AmbiguousSeed {
                candidates: many.iter().map(|&i| self.seeds[i].stem.clone()).collect(),
            }),
            None if self
                .unread
                .iter()
                .any(|stem| stem == reference || stem.split_once('_').is_some_and(|(n, _)| n == reference)) =>
            {
                Err(Miss::Unread)
            }
            None => Err(Miss::UnknownSeed {
                known: self.seeds.iter().map(|s| s.stem.clone()).collect(),
            }),
        }
    }

    /// Finds `quote` in the seed `reference` names (first occurrence).
    pub fn find(&self, reference: &str, quote: &str) -> Result<Hit, Miss> {
        let seed = self.seed(reference)?;
        // Seeds are NFC; so is content text, but a TOML escape can still spell a quote decomposed.
        let wanted = canonical(&crate::parse::seed::collapse_spaces(&crate::text::decode::nfc(quote)));
        if wanted.is_empty() {
            return Err(Miss::EmptyQuote);
        }
        match self.canonical[seed].find(&wanted) {
            Some(at) => {
                let (block, start, end) = self.canonical[seed].locate(at, wanted.len());
                Ok(Hit { seed, block, start, end })
            }
            None => Err(Miss::NotFound {
                seed,
                closest: self.closest(seed, quote),
            }),
        }
    }

    /// The passage of the seed that shares most words with `quote`: a window
    /// a little wider than the quote (so a passage missing a word still shows
    /// whole), trimmed of edge words the quote does not have.
    fn closest(&self, seed: usize, quote: &str) -> Option<String> {
        let wanted = folded_words(quote);
        if wanted.is_empty() {
            return None;
        }
        let has = |word: &str| folded_words(word).iter().any(|w| wanted.contains(w));
        let mut best: Option<(usize, Vec<&str>)> = None;
        for block in &self.seeds[seed].blocks {
            let words: Vec<&str> = block.text.split(' ').collect();
            let known: Vec<bool> = words.iter().map(|w| has(w)).collect();
            let width = (wanted.len() + 2).min(words.len());
            for start in 0..=words.len() - width {
                let score = known[start..start + width].iter().filter(|k| **k).count();
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, words[start..start + width].to_vec()));
                }
            }
        }
        let (score, mut passage) = best.filter(|(score, _)| *score > 0)?;
        while passage.len() > score && passage.first().is_some_and(|w| !has(w)) {
            passage.remove(0);
        }
        while passage.len() > score && passage.last().is_some_and(|w| !has(w)) {
            passage.pop();
        }
        Some(passage.join(" "))
    }

    /// The error for a citation that could not be resolved; none when its
    /// seed could not be read (that seed's own error says why).
    pub fn diagnostic(&self, cite: &CitationRef, miss: &Miss) -> Option<Diagnostic> {
        let message = match miss {
            Miss::Unread => return None,
            Miss::UnknownSeed { known } => format!(
                "cites unknown seed `{}`: {}",
                cite.seed,
                crate::text::suggest::did_you_mean(
                    &cite.seed,
                    known.iter().flat_map(|s| [s.as_str(), s.split('_').next().unwrap_or(s)])
                )
                .unwrap_or_else(|| format!(
                    "known seeds are {}",
                    known.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                ))
            ),
            Miss::AmbiguousSeed { candidates } => format!(
                "seed `{}` is ambiguous: it could be {}; write the whole file stem",
                cite.seed,
                candidates.join(" or ")
            ),
            Miss::EmptyQuote => format!("citation of `{}` has an empty quote", cite.seed),
            Miss::NotFound { seed, closest } => {
                let path = self.seeds[*seed].path.display();
                match closest {
                    Some(passage) => format!(
                        "quote not found in seed `{path}`: “{}”; the closest passage is “{passage}”",
                        cite.quote.trim()
                    ),
                    None => format!("quote not found in seed `{path}`: “{}”", cite.quote.trim()),
                }
            }
        };
        Some(Diagnostic::error(&cite.path, message).at(cite.position))
    }
}

/// One char for each char: typographic quotes and dashes to their ASCII forms.
fn canonical(text: &str) -> String {
    text.chars().map(canonical_char).collect()
}

/// The first bytes, in UTF-8, of every character [`canonical_char`] changes.
const CHANGED_FIRST_BYTES: [u8; 2] = [0xc2, 0xe2];

fn canonical_char(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        '\u{a0}' | '\u{202f}' | '\u{2007}' => ' ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::parse::seed;

    #[test]
    fn every_character_made_canonical_begins_with_one_of_the_bytes_looked_for() {
        for c in (0..=0x10_ffffu32).filter_map(char::from_u32).filter(|&c| canonical_char(c) != c) {
            let first = c.to_string().as_bytes()[0];
            assert!(CHANGED_FIRST_BYTES.contains(&first), "{c:?} begins with {first:#x}");
        }
    }

    proptest::proptest! {
        /// A block's canonical form and shifts are those of mapping its
        /// characters one by one.
        #[test]
        fn a_block_is_made_canonical_as_character_by_character(text in "[ ađ“”–—‘’«»\u{a0}\u{202f}\u{2007}\u{2010}-\u{2040}\u{80}-\u{bf}\u{2212}]{0,30}") {
            let mut expected = String::new();
            let mut shifts = Vec::new();
            let mut dropped = 0;
            for c in text.chars() {
                let mapped = canonical_char(c);
                expected.push(mapped);
                if mapped != c {
                    dropped += c.len_utf8() - mapped.len_utf8();
                    shifts.push((expected.len(), dropped));
                }
            }
            let (made, made_shifts) = canonical_block(&text);
            proptest::prop_assert_eq!(made.as_ref(), expected.as_str());
            proptest::prop_assert_eq!(made_shifts, shifts);
        }
    }

    fn seeds() -> Vec<Seed> {
        vec![
            seed::parse(Path::new("seeds/004_abc.txt"), "Tổng Bí thư cho biết hai bên vừa có cuộc hội đàm rất thành\ncông. Sau hơn 30 năm xây dựng.\n\nViệt Nam – Hàn Quốc đạt 81,5 tỷ USD.".as_bytes()).unwrap(),
            seed::parse(Path::new("seeds/005_def.txt"), "Hai “kỳ tích sông Hàn” nước.".as_bytes()).unwrap(),
        ]
    }

    #[test]
    fn finds_a_quote_across_a_line_wrap_by_prefix_or_stem() {
        let s = seeds();
        let index = SeedIndex::new(&s);
        let hit = index.find("004", "cuộc hội đàm rất thành công").unwrap();
        assert_eq!((hit.seed, hit.block), (0, 0));
        assert_eq!(&s[0].blocks[0].text[hit.start..hit.end], "cuộc hội đàm rất thành công");
        assert_eq!(index.find("004_abc", "Sau  hơn\n30 năm").unwrap().block, 0);
    }

    #[test]
    fn typographic_quotes_and_dashes_match_their_ascii_forms() {
        let s = seeds();
        let index = SeedIndex::new(&s);
        let hit = index.find("004", "Việt Nam - Hàn Quốc").unwrap();
        assert_eq!(&s[0].blocks[1].text[hit.start..hit.end], "Việt Nam – Hàn Quốc");
        assert!(index.find("005", "\"kỳ tích sông Hàn\"").is_ok());
    }

    #[test]
    fn diacritics_and_case_must_match() {
        let s = seeds();
        let index = SeedIndex::new(&s);
        assert!(matches!(index.find("004", "cuoc hoi dam"), Err(Miss::NotFound { .. })));
        assert!(matches!(index.find("004", "Cuộc hội đàm"), Err(Miss::NotFound { .. })));
    }

    #[test]
    fn a_wrong_quote_names_the_closest_passage() {
        let s = seeds();
        let index = SeedIndex::new(&s);
        let miss = index.find("004", "hai bên đã có cuộc hội đàm thành công").unwrap_err();
        let cite = CitationRef {
            seed: "004".into(),
            quote: "hai bên đã có cuộc hội đàm thành công".into(),
            path: PathBuf::from("content/a.md"),
            position: (3, 7),
            translation: None,
        };
        let d = index.diagnostic(&cite, &miss).expect("an unknown seed is an error");
        assert_eq!(d.position, Some((3, 7)));
        assert!(d.message.contains("seeds/004_abc.txt"), "{}", d.message);
        assert!(
            d.message.contains("closest passage is “hai bên vừa có cuộc hội đàm rất thành"),
            "{}",
            d.message
        );
    }

    /// Each citation into one 8 MB paragraph scanned it whole and counted
    /// its characters twice (~0.1 s a citation): the seed's words are now
    /// indexed once and a quote is looked up by its rarest inner word.
    #[test]
    fn quotes_in_a_huge_paragraph_are_found_through_its_word_index_at_the_right_bytes() {
        let sentences: String = (0..5_000).map(|i| format!("Câu “số” {i} – nói về hợp tác. ")).collect();
        let text = format!("Mở đầu ngắn.\n\n{}\n\nĐoạn cuối có “Câu số 7 – nói”.", sentences.trim_end());
        let s = vec![seed::parse(Path::new("seeds/009_big.txt"), text.as_bytes()).unwrap()];
        let index = SeedIndex::new(&s);
        assert!(index.canonical[0].len > INDEXED_BYTES);
        for (quote, block, shown) in [
            ("Câu \"số\" 4999 - nói về hợp tác.", 1, "Câu “số” 4999 – nói về hợp tác."),
            ("“số” 7 – nói về", 1, "“số” 7 – nói về"),
            ("cuối có \"Câu số 7 - nói\"", 2, "cuối có “Câu số 7 – nói”"),
            ("ngắn", 0, "ngắn"),
            ("9 – nói", 1, "9 – nói"),
        ] {
            let hit = index.find("009", quote).unwrap_or_else(|m| panic!("{quote}: {m:?}"));
            assert_eq!(
                (hit.block, &s[0].blocks[hit.block].text[hit.start..hit.end]),
                (block, shown),
                "{quote}"
            );
        }
        let first = index.find("009", "nói về hợp tác. Câu").unwrap();
        assert_eq!(
            first.start,
            s[0].blocks[1].text.find("nói về hợp tác. Câu").unwrap(),
            "the first occurrence"
        );
        assert!(matches!(index.find("009", "Câu số 5000 - nói về"), Err(Miss::NotFound { .. })));
        assert!(
            matches!(index.find("009", "về hợp tác. Đoạn cuối"), Err(Miss::NotFound { .. })),
            "never across blocks"
        );
    }

    #[test]
    fn a_block_is_its_own_canonical_form_unless_it_has_typographic_marks() {
        let (plain, shifts) = canonical_block("Tổng Bí thư Tô Lâm - 81,5 tỷ USD");
        assert!(matches!(plain, Cow::Borrowed(_)) && shifts.is_empty());
        let (marked, shifts) = canonical_block("“Kỳ tích” – sông Hàn");
        assert_eq!(marked, "\"Kỳ tích\" - sông Hàn");
        // `“` (3 bytes) became `"` (1), then `”`, then `–`: each shift is
        // the canonical offset after the mark and the bytes dropped so far.
        assert_eq!(shifts, [(1, 2), (12, 4), (14, 6)]);
    }

    #[test]
    fn unknown_and_empty_references() {
        let s = seeds();
        let index = SeedIndex::new(&s);
        assert!(matches!(index.find("009", "x"), Err(Miss::UnknownSeed { .. })));
        assert_eq!(index.find("004", "  \n"), Err(Miss::EmptyQuote));
    }
}
