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
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        NotUtf8 {
            offset,
            position: line_col_bytes(bytes, offset),
        }
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    Ok(nfc_owned(text))
}

/// `text` in NFC.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

fn nfc_owned(text: String) -> String {
    // Most files are already NFC; the quick check spares composing them again.
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
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
    fn decomposed_text_is_composed() {
        assert_eq!(decode("Đa\u{300} Na\u{306}\u{303}ng".as_bytes()).unwrap(), "Đà Nẵng");
        assert_eq!(nfc("to\u{302} la\u{302}m"), "tô lâm");
    }
}
