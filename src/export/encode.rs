//! Output encoding, one function per format: iCalendar text and content
//! lines (RFC 5545), CSV cells (RFC 4180 with OWASP's formula-injection
//! rule) and XML text (XML 1.0). Each takes any string (a title, a quote, a
//! file stem) and returns what the format can carry whatever the string
//! holds: no control character, no character the format forbids, nothing a
//! reader's program would run.
//!
//! The parsers already refuse control characters in what analysts write;
//! these encoders are the second line, for whatever reaches them anyway
//! (a seed's derived title, a file name). They know nothing of the dossier.

use std::borrow::Cow;

/// True for a character that is not text: a C0 or C1 control other than tab,
/// line feed and carriage return, DEL, or a Unicode noncharacter (U+FFFE,
/// U+FDD0…). XML 1.0 forbids the C0 ones and U+FFFE/U+FFFF, HTML calls all
/// of them parse errors, and terminals act on them.
pub fn is_not_text(c: char) -> bool {
    let noncharacter = matches!(c, '\u{fdd0}'..='\u{fdef}') || (c as u32) & 0xfffe == 0xfffe;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || noncharacter
}

/// The first character of `text` that `keep` does not keep among those
/// that are not text ([`is_not_text`]), with its byte offset. Every such
/// character is encoded with a byte below 0x20, 0x7F, 0xC2 (the C1
/// controls) or from 0xEF up (the noncharacters), so a text with none of
/// those bytes, which is most text, is passed over a byte at a time.
pub fn first_not_text(text: &str, keep: impl Fn(char) -> bool) -> Option<(usize, char)> {
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F || b == 0xC2 || b >= 0xEF;
    if !text.bytes().fold(false, |found, b| found | suspect(b)) {
        return None;
    }
    text.char_indices().find(|(_, c)| is_not_text(*c) && !keep(*c))
}

/// True for a character XML 1.0 allows in a document (its `Char`
/// production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 up; Rust
/// strings hold no surrogates).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// `text` as XML (or HTML) character data or a quoted attribute value: `&`,
/// `<`, `>`, `"` and `'` escaped, and every character XML 1.0 forbids
/// dropped, so no string can make a feed or sitemap ill-formed. A CR is
/// written `&#13;`: a parser would otherwise read it as a line feed.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// `text` as an iCalendar TEXT value (RFC 5545 §3.3.11): backslash,
/// semicolon and comma escaped, each line break (LF, CRLF or a lone CR)
/// written `\n`, and every other control character dropped, since the
/// grammar's TSAFE-CHAR excludes them (tab is allowed and kept).
pub fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if is_not_text(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// An iCalendar content line, `NAME:value` (the value already encoded, e.g.
/// by [`ics_text`]), folded as RFC 5545 §3.1 says: no line longer than 75
/// octets, each continuation a CRLF and one space, never inside a UTF-8
/// character nor between a backslash and the character it escapes (allowed,
/// but some readers unfold badly); the line ends with CRLF.
pub fn ics_line(name: &str, value: &str) -> String {
    const MAX: usize = 75;
    let line = format!("{name}:{value}");
    let mut out = String::with_capacity(line.len() + line.len() / 36 + 2);
    let mut width = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let unit_len = match (c, chars.peek()) {
            ('\\', Some(next)) => 1 + next.len_utf8(),
            _ => c.len_utf8(),
        };
        if width + unit_len > MAX {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        }
        width += unit_len;
    }
    out.push_str("\r\n");
    out
}

/// A CSV cell that no spreadsheet runs as a formula. OWASP's CSV injection
/// rule (and ASVS 1.2.10): a cell starting with `=`, `+`, `-`, `@`, tab, CR
/// or NUL (here also LF, and after leading spaces, which some spreadsheets
/// skip) gets a leading `'`, which spreadsheets read as "this is text". A
/// real number (`-3.5`, `81500000000`) is left as it is, so it stays a
/// number. The other half of OWASP's advice, quoting every text cell so a
/// `;` or a quote cannot start a new cell in a spreadsheet that splits on
/// `;`, is the writer's: [`csv_writer`].
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let first = text.trim_start_matches(' ').chars().next();
    let risky = first.is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\0'));
    if risky && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV writer as RFC 4180 describes (CRLF is allowed but LF is written,
/// as the csv crate does) that quotes every cell that is not a number.
pub fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(Vec::new())
}

/// `-12`, `3.5`, `-0.25`, `1e21`: a decimal number and nothing else.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = digits.split_once(['e', 'E']).unwrap_or((digits, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction) && all_digits(exponent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_precheck_misses_no_character_that_is_not_text() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| is_not_text(*c)) {
            let text = format!("Đà Nẵng {c} x");
            assert_eq!(first_not_text(&text, |_| false), Some(("Đà Nẵng ".len(), c)), "U+{:04X}", c as u32);
        }
        assert_eq!(first_not_text("Hội đàm « 81,5 tỷ USD » tab\there\r\n", |_| false), None);
        assert_eq!(first_not_text("a\u{b}b", char::is_whitespace), None, "kept by the caller");
    }

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(xml_text("a & <b> \"c\" 'd'"), "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;");
        assert_eq!(xml_text("tab\there\nline"), "tab\there\nline");
        assert_eq!(xml_text("v\u{b}t\u{0}n\u{1b}[2J\u{fffe}\u{ffff}x"), "vtn[2Jx");
        assert_eq!(xml_text("cr\rlf"), "cr&#13;lf");
        assert_eq!(xml_text("Đà Nẵng 🇻🇳"), "Đà Nẵng 🇻🇳");
    }

    #[test]
    fn not_text_is_controls_and_noncharacters_but_not_line_breaks() {
        for c in [
            '\u{0}',
            '\u{7}',
            '\u{b}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9b}',
            '\u{fdd0}',
            '\u{fffe}',
            '\u{1ffff}',
        ] {
            assert!(is_not_text(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', 'đ', '\u{a0}', '\u{fffd}', '\u{2028}'] {
            assert!(!is_not_text(c), "{c:?}");
        }
    }

    #[test]
    fn ics_text_escapes_separators_and_turns_every_line_break_into_backslash_n() {
        assert_eq!(ics_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(ics_text("one\r\ntwo\rthree\nfour"), "one\\ntwo\\nthree\\nfour");
        assert_eq!(
            ics_text("bell\u{7} esc\u{1b}[31m del\u{7f} c1\u{85} tab\t"),
            "bell esc[31m del c1 tab\t"
        );
    }

    #[test]
    fn ics_lines_fold_at_75_octets_without_splitting_characters_or_escapes() {
        let value = ics_text(&"Hội đàm, ".repeat(20));
        let folded = ics_line("SUMMARY", &value);
        assert!(folded.ends_with("\r\n"));
        for line in folded.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.ends_with('\\'), "an escape split across lines: {line:?}");
        }
        assert_eq!(
            folded.replace("\r\n ", "").strip_suffix("\r\n").unwrap(),
            format!("SUMMARY:{value}")
        );
        assert!(!folded.replace("\r\n", "").contains(['\r', '\n']), "CRLF only");
    }

    #[test]
    fn csv_cells_that_start_a_formula_are_marked_as_text_and_numbers_stay_numbers() {
        for (cell, out) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("  =1", "'  =1"),
            ("-", "'-"),
        ] {
            assert_eq!(csv_cell(cell), out, "{cell:?}");
        }
        for cell in ["-3.5", "81500000000", "+7", "-1e-3", "Hà Nội", "", "a=b", "2030"] {
            assert_eq!(csv_cell(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn the_csv_writer_quotes_text_and_leaves_numbers_bare() {
        let mut w = csv_writer();
        w.write_record(["a;=1", "-3.5", "x\"y"]).unwrap();
        assert_eq!(String::from_utf8(w.into_inner().unwrap()).unwrap(), "\"a;=1\",-3.5,\"x\"\"y\"\n");
    }
}
