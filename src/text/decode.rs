//! Reading text files: the one routine every input text goes through.
//!
//! Bytes are decoded as UTF-8 (an error names the first bad byte's line and
//! column), every leading byte-order mark is stripped (a file saved twice by
//! an editor that adds one has two), CRLF and lone CR become LF, and the text
//! is normalised to NFC, so a quote typed in decomposed form (as macOS
//! editors often save) matches the seed it quotes. What a kind of file does
//! beyond this (seeds fold no-break spaces) is its parser's business.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Where a file stops being UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Byte offset of the first bad byte.
    pub offset: usize,
    /// Its 1-based line and column (columns count characters).
    pub position: (usize, usize),
}

impl NotUtf8 {
    /// The problem in the project's words.
    pub fn message(&self) -> String {
        format!("is not valid UTF-8 (first bad byte at offset {}): save it as UTF-8", self.offset)
    }
}

/// Decodes a text file's bytes: UTF-8, BOMs stripped, LF line ends, NFC.
pub fn decode(bytes: &[u8]) -> Result<String, NotUtf8> {
    decode_owned(bytes.to_vec())
}

/// [`decode`], reusing the bytes' buffer where the text needs no change.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    // Checked with SIMD first (std's check, fast on ASCII, slows down on
    // Vietnamese, where every few bytes start a letter), then copied: the
    // copy costs less than the standard check, which only a bad file meets.
    let mut text = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            NotUtf8 {
                offset,
                position: line_col_bytes(e.as_bytes(), offset),
            }
        })?,
    };
    let boms = text.len() - text.trim_start_matches('\u{feff}').len();
    text.drain(..boms);
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(nfc_owned(text))
}

/// `text` in NFC.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

fn nfc_owned(text: String) -> String {
    // Most files are already NFC; the quick check spares composing them again.
    if is_nfc(text.as_str()) { text } else { text.nfc().collect() }
}

/// The NFC quick check (UAX #15), run only where it can say no. A plain
/// starter (canonical combining class 0, NFC_Quick_Check Yes: every
/// character below U+0300, the precomposed Vietnamese letters of U+1E00 to
/// U+1EFF, the dashes and quotes of U+2010 to U+2027) resets the check, so
/// the text is NFC when every run between plain starters is. Bytes below
/// 0xCC never start a character from U+0300 up, so most bytes are only
/// compared once.
fn is_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (..0xCC, ..) => i += 1,
            // U+1E00 to U+1EFF, and U+2010 to U+2027, as UTF-8.
            (0xE1, Some(0xB8..=0xBB), _) | (0xE2, Some(0x80), Some(0x90..=0xA7)) => i += 3,
            _ => {
                let start = i;
                for c in text[start..].chars() {
                    if is_plain_starter(c) && i > start {
                        break;
                    }
                    i += c.len_utf8();
                }
                if is_nfc_quick(text[start..i].chars()) != IsNormalized::Yes {
                    return false;
                }
            }
        }
    }
    true
}

fn is_plain_starter(c: char) -> bool {
    c < '\u{300}' || ('\u{1e00}'..='\u{1eff}').contains(&c) || ('\u{2010}'..='\u{2027}').contains(&c)
}

/// Line and column of a byte offset in bytes that may not be UTF-8.
fn line_col_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_byte_offset_and_line() {
        let err = decode(b"ok\nab\xffcd").unwrap_err();
        assert_eq!(err.offset, 5);
        assert_eq!(err.position, (2, 3));
    }

    #[test]
    fn boms_are_stripped_and_line_ends_become_lf() {
        assert_eq!(decode("\u{feff}\u{feff}Một\r\nhai\rba".as_bytes()).unwrap(), "Một\nhai\nba");
    }

    #[test]
    fn the_quick_check_by_runs_agrees_with_the_whole_quick_check() {
        for text in [
            "Đà Nẵng",
            "Đa\u{300} Na\u{306}\u{303}ng",
            "thuận lợi, Hội đàm",
            "a\u{301}\u{300}",
            "e\u{323}\u{302}",
            "\u{1ec7}",
            "\u{340}",
            "",
        ] {
            assert_eq!(is_nfc(text), is_nfc_quick(text.chars()) == IsNormalized::Yes, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_quick_check_by_runs_agrees_on_any_text(text in "[a-zĐđâăêôơư\u{300}-\u{36f}\u{1e00}-\u{1eff}\u{340}\u{344}\u{2000}-\u{2030}\u{2126}\u{1100}-\u{1175}\u{ac00} ]{0,12}") {
            proptest::prop_assert_eq!(is_nfc(&text), is_nfc_quick(text.chars()) == IsNormalized::Yes);
        }
    }

    #[test]
    fn plain_starters_are_starters_nfc_keeps() {
        use unicode_normalization::char::canonical_combining_class;
        for c in ('\0'..='\u{2fff}').filter(|c| is_plain_starter(*c)) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{:04x}", c as u32);
        }
    }

    #[test]
    fn decomposed_text_is_composed() {
        assert_eq!(decode("Đa\u{300} Na\u{306}\u{303}ng".as_bytes()).unwrap(), "Đà Nẵng");
        assert_eq!(nfc("to\u{302} la\u{302}m"), "tô lâm");
    }
}
