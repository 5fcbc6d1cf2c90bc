//! Seeds: raw news articles, as scraped, read into an article model without
//! losing a word.
//!
//! A seed is plain text with the marks of its scraping: an optional leading
//! `date YYYY-MM-DD` line, hard-wrapped lines, photo captions (`… Ảnh: TTXVN`),
//! stray table fragments (`| … TTXVN |`), `- ` list lines, no-break spaces.
//! This module turns one seed's bytes into a [`Seed`]: a date and a list of
//! [`Block`]s, each with a stable anchor. It does not know about citations or
//! pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, line_col};
use crate::export::encode::first_not_text;
use crate::parse::date::PartialDate;
use crate::text::decode::{NotUtf8, decode};

/// A line longer than this (in characters) means the seed is not hard-wrapped:
/// its single line breaks then separate paragraphs.
const HARD_WRAP_MAX: usize = 100;
/// A paragraph this short without closing punctuation reads as a subheading.
const HEADING_MAX: usize = 120;
/// A photo credit longer than this is body text, not a credit.
const CREDIT_MAX: usize = 60;

/// One article, parsed.
#[derive(Debug, Clone)]
pub struct Seed {
    /// File name without `.txt`: the seed's identity in citations and URLs.
    pub stem: String,
    /// Path relative to the dossier root, e.g. `seeds/000_x.txt`.
    pub path: PathBuf,
    /// The date of a leading `date YYYY-MM-DD` line.
    pub date: Option<PartialDate>,
    pub blocks: Vec<Block>,
}

/// What a block of a seed is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Caption,
    ListItem,
}

/// A paragraph, subheading, caption or list item of a seed.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's words, joined by single spaces (line breaks and no-break
    /// spaces folded), NFC-normalised.
    pub text: String,
    /// For captions: the byte offset in `text` where the credit starts
    /// (`Ảnh: TTXVN`, or `TTXVN` in a table fragment).
    pub credit_start: Option<usize>,
    /// Stable id, derived from the block's own text only.
    pub anchor: String,
    /// 1-based line of the seed file where the block starts.
    pub line: usize,
}

impl Block {
    /// The caption's text without its credit.
    pub fn body(&self) -> &str {
        self.text[..self.credit_start.unwrap_or(self.text.len())].trim_end()
    }

    /// The caption's credit, if any.
    pub fn credit(&self) -> Option<&str> {
        self.credit_start.map(|i| &self.text[i..])
    }
}

impl Seed {
    /// Every word of the model in order: the date line's words, then each block's.
    /// A word is a white-space separated token holding a letter or a digit.
    pub fn words(&self) -> Vec<String> {
        let mut words = Vec::new();
        if let Some(date) = self.date {
            words.push("date".to_string());
            words.push(date.to_string());
        }
        for block in &self.blocks {
            words.extend(split_words(&block.text));
        }
        words
    }

    /// The short name citations print: the stem's number prefix (`004`), or the stem.
    pub fn short_name(&self) -> &str {
        short_name(&self.stem)
    }

    /// A title for a seed that has no note: its first subheading-free sentence, shortened.
    pub fn derived_title(&self) -> String {
        let first = self.blocks.iter().find(|b| b.kind == BlockKind::Paragraph).or(self.blocks.first());
        let Some(block) = first else {
            return self.stem.clone();
        };
        let sentence = block.text.split(". ").next().unwrap_or(&block.text);
        shorten(sentence.trim_end_matches('.'), 90)
    }
}

/// Words of `text` as [`Seed::words`] counts them.
pub fn split_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_string)
}

/// Shortens `text` to at most `max` characters at a word boundary, adding `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// The short name of the seed with stem `stem`: `004_x` → `004`.
pub fn short_name(stem: &str) -> &str {
    stem.split_once('_').map_or(stem, |(n, _)| n)
}

/// Decodes and normalises a seed's bytes as every text file is
/// ([`decode`]: UTF-8, BOMs, LF, NFC), then folds no-break spaces to spaces.
pub fn normalise(bytes: &[u8]) -> Result<String, NotUtf8> {
    let text = decode(bytes)?;
    if no_break_spaces(&text).next().is_none() {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, len) in no_break_spaces(&text) {
        out.push_str(&text[from..at]);
        out.push(' ');
        from = at + len;
    }
    out.push_str(&text[from..]);
    Ok(out)
}

/// Where the no-break spaces of `text` are (U+00A0, U+2007, U+202F), and
/// their lengths in bytes: found by their first bytes with `memchr` (a
/// search for the characters decoded every character of every seed).
fn no_break_spaces(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xc2, 0xe2, bytes).filter_map(move |at| match bytes[at..] {
        [0xc2, 0xa0, ..] => Some((at, 2)),
        [0xe2, 0x80, 0x87 | 0xaf, ..] => Some((at, 3)),
        _ => None,
    })
}

/// Parses one seed file. `path` is relative to the dossier root.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Seed, Diagnostic> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let text = normalise(bytes).map_err(|bad| Diagnostic::error(path, format!("seed {}", bad.message())).at(bad.position))?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "seed is empty: a seed must hold the article's text").at((1, 1)));
    }
    // Control characters that are white space (form feed, vertical tab) fold
    // into the spaces between words; any other is no part of an article.
    if let Some((at, c)) = first_not_text(&text, char::is_whitespace) {
        let message = format!("seed holds U+{:04X}, a control character, not text: remove it", c as u32);
        return Err(Diagnostic::error(path, message).at(line_col(&text, at)));
    }
    let mut lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let date = take_date_line(path, &mut lines)?;
    let blocks = Splitter::new(&lines).split();
    if !blocks.iter().any(|b| b.kind != BlockKind::Caption) {
        return Err(no_article_text(path, date.is_some(), &blocks));
    }
    Ok(Seed {
        stem,
        path: path.to_path_buf(),
        date,
        blocks: with_anchors(blocks),
    })
}

/// The error for a seed that holds no paragraph, heading or list item: only
/// a date line, photo captions or table fragments, which would make an
/// article page with nothing to read.
fn no_article_text(path: &Path, dated: bool, captions: &[Block]) -> Diagnostic {
    let what = match (dated, captions.is_empty()) {
        (true, true) => "only a `date` line",
        (_, false) if dated => "only a `date` line and photo captions",
        _ => "only photo captions or table fragments",
    };
    let line = captions.first().map_or(1, |b| b.line);
    Diagnostic::error(
        path,
        format!("seed holds {what}, no article text: a seed must hold the article's paragraphs"),
    )
    .at((line, 1))
}

/// Removes a leading `date YYYY-MM-DD` from the first line; what follows it on
/// that line stays as text.
fn take_date_line(path: &Path, lines: &mut [(usize, &str)]) -> Result<Option<PartialDate>, Diagnostic> {
    let Some(&(line_no, first)) = lines.iter().find(|(_, l)| !l.trim().is_empty()) else {
        return Ok(None);
    };
    let trimmed = first.trim_start();
    let Some(rest) = trimmed.strip_prefix("date ") else {
        return Ok(None);
    };
    let value = rest.split_whitespace().next().unwrap_or("");
    let col = first.chars().count() - trimmed.chars().count() + "date ".len() + 1;
    let date = PartialDate::parse(value).map_err(|e| Diagnostic::error(path, format!("bad `date` line: {e}")).at((line_no, col)))?;
    let after = rest.trim_start()[value.len()..].trim_start();
    let index = lines.iter().position(|(n, _)| *n == line_no).unwrap_or(0);
    lines[index].1 = after;
    Ok(Some(date))
}

/// Splits a seed's lines into blocks.
struct Splitter<'a> {
    lines: &'a [(usize, &'a str)],
    hard_wrapped: bool,
    blocks: Vec<Block>,
    current: Option<Block>,
}

impl<'a> Splitter<'a> {
    fn new(lines: &'a [(usize, &'a str)]) -> Self {
        let body = |l: &&(usize, &str)| !l.1.trim().is_empty() && !l.1.trim_start().starts_with('|');
        let longest = lines.iter().filter(body).map(|l| l.1.chars().count()).max().unwrap_or(0);
        Splitter {
            lines,
            hard_wrapped: longest <= HARD_WRAP_MAX,
            blocks: Vec::new(),
            current: None,
        }
    }

    fn split(mut self) -> Vec<Block> {
        for &(line_no, line) in self.lines {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                self.flush();
            } else if trimmed.starts_with('|') {
                self.flush();
                self.table_fragment(line_no, trimmed);
            } else if let Some(item) = trimmed.strip_prefix("- ") {
                self.flush();
                self.start(BlockKind::ListItem, line_no, item);
            } else if self.hard_wrapped && self.current.is_some() {
                self.append(trimmed);
            } else {
                self.flush();
                self.start(BlockKind::Paragraph, line_no, trimmed);
            }
        }
        self.flush();
        self.blocks
    }

    fn start(&mut self, kind: BlockKind, line: usize, text: &str) {
        self.current = Some(Block {
            kind,
            text: collapse_spaces(text),
            credit_start: None,
            anchor: String::new(),
            line,
        });
    }

    fn append(&mut self, text: &str) {
        if let Some(block) = &mut self.current {
            block.text.push(' ');
            block.text.push_str(&collapse_spaces(text));
        }
    }

    fn flush(&mut self) {
        let Some(mut block) = self.current.take() else {
            return;
        };
        if block.kind == BlockKind::Paragraph {
            if let Some(start) = photo_credit_start(&block.text) {
                block.kind = BlockKind::Caption;
                block.credit_start = Some(start);
            } else if !self.blocks.is_empty() && looks_like_heading(&block.text) {
                block.kind = BlockKind::Heading;
            }
        }
        self.blocks.push(block);
    }

    /// `| caption. TTXVN |`: a caption; a lone `|` holds no words and is dropped.
    fn table_fragment(&mut self, line: usize, trimmed: &str) {
        let cells: Vec<&str> = trimmed.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
        if cells.is_empty() {
            return;
        }
        let text = collapse_spaces(&cells.join(" "));
        let credit_start = agency_credit_start(&text);
        self.blocks.push(Block {
            kind: BlockKind::Caption,
            text,
            credit_start,
            anchor: String::new(),
            line,
        });
    }
}

/// White space runs (line breaks, no-break spaces) to one space, trimmed:
/// `text.split_whitespace()` joined with spaces, in one pass over the bytes
/// (the split and join were a fifth of the seeds' parsing).
pub fn collapse_spaces(text: &str) -> String {
    let bytes = text.as_bytes();
    // Most lines hold single ASCII spaces between words and nothing else of
    // white space: told by passes over the bytes white space can start with
    // that never stop within a chunk (so they vectorise). `E1` also starts
    // most Vietnamese letters: U+1680 is looked for on its own.
    let special = |chunk: &[u8]| {
        chunk
            .iter()
            .fold(false, |any, &b| any | matches!(b, 0x09..=0x0D | 0xC2 | 0xE2 | 0xE3))
    };
    let plain = !bytes.chunks(256).any(special) && !text.contains('\u{1680}');
    if plain && !text.contains("  ") && !text.starts_with(' ') && !text.ends_with(' ') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let (mut i, mut word) = (0, 0);
    while i < bytes.len() {
        let space = white_space_len(&bytes[i..]);
        if space == 0 {
            i += 1;
            continue;
        }
        if word < i {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&text[word..i]);
        }
        i += space;
        word = i;
    }
    if word < bytes.len() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[word..]);
    }
    out
}

/// The length in bytes of the white space character (`char::is_whitespace`)
/// that `bytes` starts with, or 0. Only the lead bytes of white space
/// (ASCII, `C2`, `E1`, `E2`, `E3`) are looked at further.
fn white_space_len(bytes: &[u8]) -> usize {
    match bytes {
        [b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] | [0xE3, 0x80, 0x80, ..] | [0xE2, 0x81, 0x9F, ..] => 3,
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        _ => 0,
    }
}

/// Where `… Ảnh: Thống Nhất/TTXVN` (or `Photo: …`) starts, when the paragraph ends with one.
fn photo_credit_start(text: &str) -> Option<usize> {
    // The last colon a label ends (`(Ảnh:` holds `Ảnh:`, so the label alone
    // is where the credit starts); one backward scan for `:`.
    text.rmatch_indices(':')
        .find_map(|(colon, _)| {
            ["Ảnh", "Photo"]
                .iter()
                .find_map(|label| text[..colon].strip_suffix(label).map(str::len))
        })
        .filter(|&start| {
            let credit = text[start..].split_once(':').map_or("", |(_, c)| c.trim());
            start > 0 && !credit.is_empty() && credit.chars().count() <= CREDIT_MAX && !credit.contains(". ")
        })
}

/// In `Tổng Bí thư Tô Lâm và Phu nhân. TTXVN`, where the agency name starts.
fn agency_credit_start(text: &str) -> Option<usize> {
    if let Some(start) = photo_credit_start(text) {
        return Some(start);
    }
    let start = text.rfind(". ")? + 2;
    let credit = &text[start..];
    let agency = credit.chars().count() <= 30 && !credit.chars().any(char::is_lowercase) && credit.chars().any(char::is_alphabetic);
    agency.then_some(start)
}

fn looks_like_heading(text: &str) -> bool {
    let closing = ['.', '!', '?', ':', ';', '…', ','];
    text.chars().count() <= HEADING_MAX && text.split_whitespace().count() >= 2 && !text.ends_with(closing)
}

/// Gives each block an anchor from a hash of its own text, so editing one
/// paragraph never moves another's anchor; identical blocks get `-2`, `-3`….
fn with_anchors(mut blocks: Vec<Block>) -> Vec<Block> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for block in &mut blocks {
        let hash = blake3::hash(block.text.as_bytes());
        let base = format!("p-{}", &hash.to_hex()[..8]);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        block.anchor = if *n == 1 { base } else { format!("{base}-{n}") };
    }
    blocks
}

#[cfg(test)]
mod tests {
    #[test]
    fn collapse_spaces_is_split_whitespace_joined() {
        let joined = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        // Every character `char::is_whitespace` takes, between words, at the ends and in runs.
        let spaces: String = (0..=0x3000u32).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        for t in [
            "",
            " ",
            "a",
            "  Hội  đàm\n\tở\u{a0}Seoul  ",
            &format!("x{spaces}y{spaces}"),
            &spaces.chars().flat_map(|c| [c, 'đ']).collect::<String>(),
            "Việt\u{2009}Nam\u{3000}–\u{1680}Hàn\u{85}Quốc\u{200b}",
        ] {
            assert_eq!(super::collapse_spaces(t), joined(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn collapse_spaces_is_split_whitespace_joined_for_any_text(t in "[ a-zđ\u{a0}\u{2000}-\u{200f}\u{2028}-\u{205f}\u{3000}\u{1680}\u{85}\t\n\r]{0,40}") {
            proptest::prop_assert_eq!(super::collapse_spaces(&t), t.split_whitespace().collect::<Vec<_>>().join(" "));
        }

        /// Every no-break space, and nothing else, becomes a space: as mapping
        /// the text's characters one by one, among the characters that share
        /// their first bytes (U+0080–U+00BF, U+2000–U+203F).
        #[test]
        fn normalise_folds_no_break_spaces_to_spaces_for_any_text(t in "[ ađ\u{80}-\u{bf}\u{2000}-\u{203f}\u{202f}\u{2007}\u{a0}]{0,40}") {
            let expected: String = decode(t.as_bytes())
                .unwrap()
                .chars()
                .map(|c| if matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}') { ' ' } else { c })
                .collect();
            proptest::prop_assert_eq!(super::normalise(t.as_bytes()).unwrap(), expected);
        }
    }

    use super::*;

    fn seed(text: &str) -> Seed {
        parse(Path::new("seeds/t.txt"), text.as_bytes()).unwrap()
    }

    fn kinds(s: &Seed) -> Vec<(BlockKind, &str)> {
        s.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset_and_line() {
        let err = parse(Path::new("seeds/bad.txt"), b"ok\nab\xffcd").unwrap_err();
        assert!(err.message.contains("offset 5"), "{}", err.message);
        assert_eq!(err.position, Some((2, 3)));
    }

    #[test]
    fn bom_is_stripped_and_crlf_and_cr_become_lf() {
        let s = seed("\u{feff}Một hai.\r\n\r\nBa bốn.\rNăm sáu.");
        assert_eq!(s.blocks[0].text, "Một hai.");
        assert_eq!(s.blocks.len(), 2, "CR alone is a line break: {:?}", kinds(&s));
        assert_eq!(s.blocks[1].text, "Ba bốn. Năm sáu.", "short lines are hard-wrapped");
    }

    /// Found by fuzzing: a file saved twice by an editor that adds a BOM.
    #[test]
    fn every_leading_bom_is_stripped() {
        assert_eq!(normalise("\u{feff}\u{feff}Một.".as_bytes()).unwrap(), "Một.");
    }

    #[test]
    fn decomposed_text_is_normalised_to_nfc() {
        let s = seed("Đa\u{300} Na\u{306}\u{303}ng.");
        assert_eq!(s.blocks[0].text, "Đà Nẵng.");
    }

    #[test]
    fn no_break_spaces_become_spaces() {
        let s = seed("rất thành công.\u{a0}Sau hơn 30 năm");
        assert_eq!(s.blocks[0].text, "rất thành công. Sau hơn 30 năm");
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_hard_wrapped_lines_join() {
        let s = seed("Trong khuôn khổ chuyến thăm, trưa\n11/8 (giờ địa phương), hai bên\nhội đàm.\n\nĐoạn hai.");
        assert_eq!(
            kinds(&s),
            [
                (
                    BlockKind::Paragraph,
                    "Trong khuôn khổ chuyến thăm, trưa 11/8 (giờ địa phương), hai bên hội đàm."
                ),
                (BlockKind::Paragraph, "Đoạn hai.")
            ]
        );
        assert_eq!(s.blocks[1].line, 5);
    }

    #[test]
    fn long_lines_are_paragraphs_of_their_own() {
        let long = "x ".repeat(60);
        let s = seed(&format!("{long}một.\n{long}hai."));
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.blocks[1].line, 2);
    }

    #[test]
    fn leading_date_line_is_the_date_not_text() {
        let s = seed("date 2025-08-15\n\nBài viết.");
        assert_eq!(s.date.unwrap().to_string(), "2025-08-15");
        assert_eq!(kinds(&s), [(BlockKind::Paragraph, "Bài viết.")]);
    }

    #[test]
    fn date_followed_by_a_caption_on_the_same_line() {
        let s = seed(" date 2025-08-15 Bộ trưởng đón đoàn tại sân bay. Ảnh: Thống Nhất/TTXVN\n\nThân bài.");
        assert_eq!(s.date.unwrap().to_string(), "2025-08-15");
        assert_eq!(s.blocks[0].kind, BlockKind::Caption);
        assert_eq!(s.blocks[0].body(), "Bộ trưởng đón đoàn tại sân bay.");
        assert_eq!(s.blocks[0].credit(), Some("Ảnh: Thống Nhất/TTXVN"));
    }

    #[test]
    fn an_impossible_date_line_is_an_error_at_its_column() {
        let err = parse(Path::new("seeds/t.txt"), b"date 2025-02-30 x").unwrap_err();
        assert_eq!(err.position, Some((1, 6)));
        assert!(err.message.contains("not a date"), "{}", err.message);
    }

    #[test]
    fn photo_captions_become_captions() {
        let s = seed("Thân bài.\n\nCác đại biểu tham dự buổi gặp mặt. Ảnh: TTXVN");
        assert_eq!(s.blocks[1].kind, BlockKind::Caption);
        assert_eq!(s.blocks[1].body(), "Các đại biểu tham dự buổi gặp mặt.");
        assert_eq!(s.blocks[1].credit(), Some("Ảnh: TTXVN"));
    }

    #[test]
    fn table_fragments_become_captions_and_lone_pipes_vanish() {
        let s = seed(
            "|\n| Tổng Bí thư Tô Lâm và Phu nhân. TTXVN |\nChuyến thăm có ý nghĩa quan trọng trong việc làm sâu sắc hơn quan hệ Đối tác chiến lược toàn diện.",
        );
        assert_eq!(s.blocks[0].kind, BlockKind::Caption);
        assert_eq!(s.blocks[0].body(), "Tổng Bí thư Tô Lâm và Phu nhân.");
        assert_eq!(s.blocks[0].credit(), Some("TTXVN"));
        assert_eq!(s.blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(s.blocks.len(), 2);
    }

    #[test]
    fn dash_lines_become_list_items_with_wrapped_continuations() {
        let s = seed("Các văn kiện gồm:\n\n- Bản ghi nhớ giữa Bộ\nKhoa học và Công nghệ.\n\n- Thỏa thuận sửa đổi.");
        assert_eq!(
            kinds(&s),
            [
                (BlockKind::Paragraph, "Các văn kiện gồm:"),
                (BlockKind::ListItem, "Bản ghi nhớ giữa Bộ Khoa học và Công nghệ."),
                (BlockKind::ListItem, "Thỏa thuận sửa đổi.")
            ]
        );
    }

    #[test]
    fn short_unpunctuated_paragraphs_are_subheadings() {
        let s = seed("Mở đầu.\n\nĐưa hợp tác khoa học, công nghệ thành trụ cột\n\nThân bài.");
        assert_eq!(s.blocks[1].kind, BlockKind::Heading);
    }

    #[test]
    fn anchors_survive_edits_to_other_paragraphs_and_duplicates_are_numbered() {
        let a = seed("Một.\n\nHai.\n\nMột.");
        let b = seed("Một đã sửa.\n\nHai.\n\nMột.");
        assert_eq!(a.blocks[1].anchor, b.blocks[1].anchor);
        assert_ne!(a.blocks[0].anchor, b.blocks[0].anchor);
        assert_eq!(a.blocks[2].anchor, format!("{}-2", a.blocks[0].anchor));
        assert!(a.blocks[0].anchor.starts_with("p-"));
    }

    #[test]
    fn an_empty_seed_is_an_error() {
        let err = parse(Path::new("seeds/e.txt"), b" \n\n").unwrap_err();
        assert!(err.message.contains("empty"));
    }

    /// Found by fuzzing (`PROPTEST_CASES=50000`): a seed holding only `|`
    /// parsed into a seed with no block, an article page with nothing on it.
    #[test]
    fn a_seed_of_only_a_lone_pipe_is_an_error_not_an_empty_article() {
        let err = parse(Path::new("seeds/p.txt"), b"|").unwrap_err();
        assert_eq!(
            err.to_string(),
            "seeds/p.txt:1:1: error: seed holds only photo captions or table fragments, no article text: a seed must hold the article's paragraphs"
        );
    }

    #[test]
    fn a_seed_of_only_captions_or_a_date_line_is_an_error_at_the_seed() {
        for (text, what, line) in [
            (
                "\n\nCác đại biểu dự buổi gặp mặt. Ảnh: TTXVN\n",
                "only photo captions or table fragments",
                3,
            ),
            ("| Tổng Bí thư Tô Lâm. TTXVN |\n|\n", "only photo captions or table fragments", 1),
            ("date 2025-08-15\n", "only a `date` line", 1),
            ("date 2025-08-15\n\n| Phu nhân. TTXVN |", "only a `date` line and photo captions", 3),
        ] {
            let err = parse(Path::new("seeds/c.txt"), text.as_bytes()).unwrap_err();
            assert!(
                err.message.starts_with(&format!("seed holds {what}, no article text")),
                "{text:?}: {err}"
            );
            assert_eq!(err.position, Some((line, 1)), "{text:?}");
        }
        assert!(
            parse(Path::new("seeds/c.txt"), b"- M\xe1\xbb\x99t m\xe1\xbb\xa5c.").is_ok(),
            "a list is article text"
        );
    }

    #[test]
    fn control_characters_in_a_seed_are_an_error_where_they_stand_and_white_space_ones_fold() {
        let err = parse(Path::new("seeds/x.txt"), "Một.\n\nHai \u{1b}[2J ba.".as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "seeds/x.txt:3:5: error: seed holds U+001B, a control character, not text: remove it"
        );
        let s = seed("Một\u{c}hai\u{b}ba.");
        assert_eq!(s.blocks[0].text, "Một hai ba.");
    }

    #[test]
    fn words_of_the_model_are_the_words_of_the_file() {
        let text = " date 2025-08-15 Ảnh đầu. Ảnh: TTXVN\n|\n| Chú thích. TTXVN |\n- Mục một\nnối tiếp.\nĐoạn\u{a0}cuối — hết.";
        let file_words: Vec<String> = split_words(&normalise(text.as_bytes()).unwrap()).collect();
        assert_eq!(seed(text).words(), file_words);
    }

    #[test]
    fn derived_title_is_the_first_sentence_shortened() {
        let s = seed("Ảnh đầu. Ảnh: TTXVN\n\nHai nước hội đàm. Câu sau.");
        assert_eq!(s.derived_title(), "Hai nước hội đàm");
        assert_eq!(shorten("một hai ba bốn", 8), "một hai…");
    }
}
