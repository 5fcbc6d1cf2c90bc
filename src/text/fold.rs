//! Folding Vietnamese text for matching: tone and vowel marks removed, `đ` to
//! `d`, lowercase. `Đà Nẵng`, `da nang` and `DA NANG` fold alike.
//!
//! The search script in the browser implements the same folding; both are
//! tested on the shared list `tests/fold_cases.txt`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The folded form of `text`: NFD, combining marks dropped, `đ`/`Đ` to `d`, lowercase.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(|c| match c {
            'đ' | 'Đ' => 'd'.to_lowercase(),
            c => c.to_lowercase(),
        })
        .collect()
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
