//! Folding text for matching: Vietnamese text has its tone and vowel marks
//! removed, `đ` to `d`, lowercase: `Đà Nẵng`, `da nang` and `DA NANG` fold
//! alike. Other languages' search indexes fold by [`Folding::Latin`]: marks
//! removed and lowercase too, and the Latin letters that no mark makes (`ß`,
//! `æ`, `ø`, `ł`, `đ`…) to the letters readers type for them.
//!
//! The search script in the browser implements the same foldings; both are
//! tested on the shared list `tests/fold_cases.txt`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The folded form of `text`: NFD, combining marks dropped, `đ`/`Đ` to `d`, lowercase.
pub fn fold(text: &str) -> String {
    Folding::Vietnamese.fold(text)
}

/// How a search index folds its words and its queries, by its edition's language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Folding {
    /// Marks dropped, `đ` to `d`, lowercase.
    #[default]
    Vietnamese,
    /// Marks dropped, lowercase, and `ß` `æ` `œ` `ø` `ł` `ð` `þ` `đ` to
    /// `ss` `ae` `oe` `o` `l` `d` `th` `d`.
    Latin,
}

impl Folding {
    /// Vietnamese folding for Vietnamese, Latin for any other language.
    pub fn for_language(code: &str) -> Folding {
        if code == "vi" { Folding::Vietnamese } else { Folding::Latin }
    }

    /// Its name in the search index's entry file (`search.js` reads it).
    pub fn name(self) -> &'static str {
        match self {
            Folding::Vietnamese => "vi",
            Folding::Latin => "latin",
        }
    }

    /// The folded form of `text`.
    pub fn fold(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
            for c in c.to_lowercase() {
                match (self, c) {
                    (_, 'đ') => out.push('d'),
                    (Folding::Latin, 'ß') => out.push_str("ss"),
                    (Folding::Latin, 'æ') => out.push_str("ae"),
                    (Folding::Latin, 'œ') => out.push_str("oe"),
                    (Folding::Latin, 'ø') => out.push('o'),
                    (Folding::Latin, 'ł') => out.push('l'),
                    (Folding::Latin, 'ð') => out.push('d'),
                    (Folding::Latin, 'þ') => out.push_str("th"),
                    (_, c) => out.push(c),
                }
            }
        }
        out
    }
}

/// The words of `text`, folded: runs of letters and digits.
pub fn folded_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `c` belongs to a word: `c.is_alphanumeric()`, answered without a
/// table lookup for ASCII and for the Latin letters Vietnamese is written in
/// (U+00C0–U+024F but × and ÷, U+1E00–U+1EFF), which are all alphabetic.
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7f}' | '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        c => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_cases_fold_as_listed() {
        let cases = include_str!("../../tests/fold_cases.txt");
        let mut n = 0;
        for line in cases.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let (input, expected) = line.split_once('\t').expect("tab-separated case");
            if let Some((input, expected)) = line.strip_prefix("latin\t").and_then(|l| l.split_once('\t')) {
                assert_eq!(Folding::Latin.fold(input), expected, "latin fold({input:?})");
                continue;
            }
            if expected.contains('\t') {
                // A search case, of three or more columns (src/export/search.rs).
                continue;
            }
            assert_eq!(fold(input), expected, "fold({input:?})");
            n += 1;
        }
        assert!(n >= 10, "the shared list has cases");
    }

    #[test]
    fn words_split_on_punctuation() {
        assert_eq!(folded_words("Tô Lâm, Lee Jae-myung!"), ["to", "lam", "lee", "jae", "myung"]);
    }
}
