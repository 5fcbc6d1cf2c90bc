//! Matching a few fixed words at a position of a text: `vượt mốc` right
//! before a number, `triệu` right after it, `chiều` before a day. Letters
//! match regardless of case (`Hơn`, `THÁNG`), never regardless of tone marks;
//! a space in a phrase matches any run of white space (line wraps, no-break
//! spaces), and a phrase that begins or ends with a letter must stand as a
//! whole word there.
//!
//! This is not a tokeniser or a search: callers say where to look, and each
//! match is one comparison of a short list of phrases at that place.

use crate::text::fold::is_word_char;

/// Where the white space starting at `pos` ends.
pub(crate) fn skip_space(text: &str, pos: usize) -> usize {
    text[pos..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |i| pos + i)
}

/// Where the white space ending at `pos` starts.
pub(crate) fn skip_space_back(text: &str, pos: usize) -> usize {
    text[..pos]
        .rfind(|c: char| !c.is_whitespace())
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8))
}

fn same_letter(a: char, b: char) -> bool {
    if a == b {
        return true;
    }
    // Two ASCII characters need no case tables (most comparisons fail here:
    // a digit, a space or a Latin letter against a phrase's first letter).
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(&b);
    }
    a.to_lowercase().eq(b.to_lowercase())
}

/// Where `phrase` ends when it starts at `start`; it must end a word there if
/// its last character is a letter or digit. The caller checks what comes before.
pub(crate) fn starts_at(text: &str, start: usize, phrase: &str) -> Option<usize> {
    // Most phrases of a list fail at their first character: tell before
    // walking the text.
    match (phrase.chars().next(), text[start..].chars().next()) {
        (Some(w), Some(c)) if w != ' ' && !same_letter(c, w) => return None,
        _ => {}
    }
    let mut rest = text[start..].char_indices().peekable();
    let mut end = start;
    for w in phrase.chars() {
        if w == ' ' {
            let mut any = false;
            while let Some((i, c)) = rest.peek().copied().filter(|(_, c)| c.is_whitespace()) {
                any = true;
                end = start + i + c.len_utf8();
                rest.next();
            }
            if !any {
                return None;
            }
            continue;
        }
        let (i, c) = rest.next()?;
        if !same_letter(c, w) {
            return None;
        }
        end = start + i + c.len_utf8();
    }
    let ends_word = phrase.chars().next_back().is_some_and(is_word_char);
    let next = text[end..].chars().next();
    (!ends_word || !next.is_some_and(is_word_char)).then_some(end)
}

/// Where `phrase` starts when it ends at `end`; it must begin a word there if
/// its first character is a letter or digit. The caller checks what comes after.
pub(crate) fn ends_at(text: &str, end: usize, phrase: &str) -> Option<usize> {
    match (phrase.chars().next_back(), text[..end].chars().next_back()) {
        (Some(w), Some(c)) if w != ' ' && !same_letter(c, w) => return None,
        _ => {}
    }
    let mut rest = text[..end].char_indices().rev().peekable();
    let mut start = end;
    for w in phrase.chars().rev() {
        if w == ' ' {
            let mut any = false;
            while let Some((i, _)) = rest.peek().copied().filter(|(_, c)| c.is_whitespace()) {
                any = true;
                start = i;
                rest.next();
            }
            if !any {
                return None;
            }
            continue;
        }
        let (i, c) = rest.next()?;
        if !same_letter(c, w) {
            return None;
        }
        start = i;
    }
    let begins_word = phrase.chars().next().is_some_and(is_word_char);
    let before = text[..start].chars().next_back();
    (!begins_word || !before.is_some_and(is_word_char)).then_some(start)
}

/// The longest phrase of `list` starting at `start`: its end and meaning.
pub(crate) fn longest_at<T: Copy>(text: &str, start: usize, list: &[(&str, T)]) -> Option<(usize, T)> {
    list.iter()
        .filter_map(|&(phrase, meaning)| starts_at(text, start, phrase).map(|end| (end, meaning)))
        .max_by_key(|&(end, _)| end)
}

/// The longest phrase of `list` ending at `end`: its start and meaning.
pub(crate) fn longest_ending_at<T: Copy>(text: &str, end: usize, list: &[(&str, T)]) -> Option<(usize, T)> {
    list.iter()
        .filter_map(|&(phrase, meaning)| ends_at(text, end, phrase).map(|start| (start, meaning)))
        .min_by_key(|&(start, _)| start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_across_case_and_white_space() {
        let text = "lượng giao lưu VƯỢT  MỐC\u{a0}5 triệu lượt";
        let five = text.find('5').unwrap();
        let start = ends_at(text, skip_space_back(text, five), "vượt mốc").unwrap();
        assert_eq!(&text[start..five], "VƯỢT  MỐC\u{a0}");
        let after = skip_space(text, five + 1);
        assert_eq!(&text[after..starts_at(text, after, "triệu").unwrap()], "triệu");
    }

    #[test]
    fn a_word_phrase_must_stand_as_a_whole_word() {
        assert_eq!(starts_at("triệuphú", 0, "triệu"), None);
        let before_30 = |text: &str| text.find(" 30").unwrap();
        assert_eq!(ends_at("thơn 30", before_30("thơn 30"), "hơn"), None);
        assert_eq!(ends_at("x hơn 30", before_30("x hơn 30"), "hơn"), Some(2));
        // Tone marks are letters, not case: `hôn` is not `hơn`.
        assert_eq!(ends_at("hôn 30", before_30("hôn 30"), "hơn"), None);
        // A phrase ending in a symbol needs no boundary.
        assert_eq!(starts_at("7,3%,", 3, "%"), Some(4));
    }

    #[test]
    fn the_longest_phrase_wins() {
        const LIST: &[(&str, u8)] = &[("vượt", 1), ("vượt mốc", 2), ("mốc", 3)];
        let text = "vượt mốc 5";
        assert_eq!(longest_ending_at(text, skip_space_back(text, text.len() - 1), LIST), Some((0, 2)));
        assert_eq!(longest_at(text, 0, LIST), Some(("vượt mốc".len(), 2)));
    }
}
