//! Citations: finding a quote in its seed.
//!
//! A citation names a seed (its file stem, or the stem's number prefix such as
//! `004`) and quotes it. The quote is found in the seed's normalised text,
//! insensitive to line wraps, runs of white space, no-break spaces and the
//! typographic forms of quotes and dashes, never to letters, marks or case.
//! A quote that is not there yields the closest passage of the seed, so the
//! analyst sees what the seed really says.

use std::collections::HashMap;

use rayon::prelude::*;

use super::route::Target;
use crate::diag::Diagnostic;
use crate::parse::content::CitationRef;
use crate::parse::seed::Seed;
use crate::text::fold::folded_words;

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
    UnknownSeed { known: Vec<String> },
    AmbiguousSeed { candidates: Vec<String> },
    EmptyQuote,
    NotFound { seed: usize, closest: Option<String> },
}

/// The seeds, prepared for finding quotes in them.
#[derive(Debug)]
pub struct SeedIndex<'a> {
    seeds: &'a [Seed],
    by_stem: HashMap<&'a str, usize>,
    by_prefix: HashMap<&'a str, Vec<usize>>,
    /// For each seed, each block's canonical text (one char per char of the block).
    canonical: Vec<Vec<String>>,
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
        let canonical = seeds
            .par_iter()
            .map(|s| s.blocks.iter().map(|b| canonical(&b.text)).collect())
            .collect();
        SeedIndex {
            seeds,
            by_stem,
            by_prefix,
            canonical,
        }
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
        for (block, text) in self.canonical[seed].iter().enumerate() {
            if let Some(at) = text.find(&wanted) {
                let original = &self.seeds[seed].blocks[block].text;
                let start_char = text[..at].chars().count();
                let len_chars = wanted.chars().count();
                let start = byte_of_char(original, start_char);
                let end = byte_of_char(original, start_char + len_chars);
                return Ok(Hit { seed, block, start, end });
            }
        }
        Err(Miss::NotFound {
            seed,
            closest: self.closest(seed, quote),
        })
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

    /// The error for a citation that could not be resolved.
    pub fn diagnostic(&self, cite: &CitationRef, miss: &Miss) -> Diagnostic {
        let message = match miss {
            Miss::UnknownSeed { known } => format!(
                "cites unknown seed `{}`: known seeds are {}",
                cite.seed,
                known.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
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
        Diagnostic::error(&cite.path, message).at(cite.position)
    }
}

/// One char for each char: typographic quotes and dashes to their ASCII forms.
fn canonical(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
            '‘' | '’' | '‚' | '‛' | '′' => '\'',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            '\u{a0}' | '\u{202f}' | '\u{2007}' => ' ',
            c => c,
        })
        .collect()
}

fn byte_of_char(text: &str, char_index: usize) -> usize {
    text.char_indices().nth(char_index).map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::parse::seed;

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
        };
        let d = index.diagnostic(&cite, &miss);
        assert_eq!(d.position, Some((3, 7)));
        assert!(d.message.contains("seeds/004_abc.txt"), "{}", d.message);
        assert!(
            d.message.contains("closest passage is “hai bên vừa có cuộc hội đàm rất thành"),
            "{}",
            d.message
        );
    }

    #[test]
    fn unknown_and_empty_references() {
        let s = seeds();
        let index = SeedIndex::new(&s);
        assert!(matches!(index.find("009", "x"), Err(Miss::UnknownSeed { .. })));
        assert_eq!(index.find("004", "  \n"), Err(Miss::EmptyQuote));
    }
}
