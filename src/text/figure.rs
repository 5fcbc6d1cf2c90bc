//! Figures read from a quoted sentence: every amount, count, percentage or
//! rank a text states, with its byte span, its value in base units (exact:
//! `81,5 tỷ USD` is 81 500 000 000 USD), its unit as written and the qualifier
//! before it (`khoảng`, `hơn`, `vượt mốc`, `gần`: [`Qualifier`]); and
//! [`check`], which sets an observation's `display`, `value` and `qualifier`
//! against its quote.
//!
//! Number syntax follows the [`Locale`] (`7.900` is 7900 in Vietnamese,
//! `7.9` in English), and a run only the other locale can read is read that
//! way (`2.4` in a Vietnamese text is 2.4). Dates, years, days, months and
//! clock times are not figures: `11/8`, `10-8`, `12/2022`, `2025-08-15`,
//! `ngày 10`, `tháng 8`, `năm 2024`, a bare `1992`, `12 October 1972`,
//! `August 12`, `12 tháng 8`, `14h30`, `9 giờ sáng`.
//!
//! This is not a general number-word reader: numbers spelled in words (`hai
//! nước`, `Bốn là`, `mười`) and words of rank (`lớn nhất`) are not figures,
//! and a qualifier written after its number (`từ 5 người trở lên`) is not read.

mod check;
mod decimal;
mod words;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use self::check::{Claim, Mismatch, Reading, check, check_all};
pub use self::decimal::{Decimal, parse_number};
use self::words::{
    CURRENCY_SIGNS, DATE_WORDS, LIST_JOINS, MONTHS, NOT_QUALIFIERS, ORDINAL_SUFFIXES, ORDINAL_WORDS, PERCENT, QUALIFIERS, SCALES, UNITS,
};
use crate::text::fold::is_word_char;
pub use crate::text::locale::Locale;
use crate::text::phrase::{longest_at, longest_ending_at, skip_space, skip_space_back, starts_at};
use crate::text::time_of_day::clock_at;

/// What the words before a figure say of the true number.
///
/// `AtMost` (`tối đa`, `không quá`, `up to`) is kept apart from `Under`
/// (`dưới`, `less than`): the bound itself is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier, or `đúng` / `exactly`.
    #[default]
    Exactly,
    /// `khoảng`, `ước khoảng`, `chừng`, `xấp xỉ`; about, around, approximately, some.
    Approximately,
    /// `ít nhất`, `tối thiểu`, `không dưới`; at least, no fewer than.
    AtLeast,
    /// `hơn`, `trên`, `vượt`, `vượt mốc`; more than, over, above, exceeding.
    MoreThan,
    /// `gần`, `gần như`; nearly, almost, close to: a little under.
    Nearly,
    /// `dưới`, `chưa đến`, `không tới`; under, less than, below, fewer than.
    Under,
    /// `tối đa`, `không quá`; at most, up to, no more than.
    AtMost,
}

impl Qualifier {
    pub const ALL: [Qualifier; 7] = [
        Qualifier::Exactly,
        Qualifier::Approximately,
        Qualifier::AtLeast,
        Qualifier::MoreThan,
        Qualifier::Nearly,
        Qualifier::Under,
        Qualifier::AtMost,
    ];

    /// The qualifier's word before a figure: `khoảng` / `about`. Pages
    /// usually show nothing for [`Qualifier::Exactly`]; its label is for the
    /// places that must name every case (a legend, an export's description).
    pub fn label(self, locale: Locale) -> &'static str {
        match (locale, self) {
            (Locale::Vi, Qualifier::Exactly) => "đúng",
            (Locale::Vi, Qualifier::Approximately) => "khoảng",
            (Locale::Vi, Qualifier::AtLeast) => "ít nhất",
            (Locale::Vi, Qualifier::MoreThan) => "hơn",
            (Locale::Vi, Qualifier::Nearly) => "gần",
            (Locale::Vi, Qualifier::Under) => "dưới",
            (Locale::Vi, Qualifier::AtMost) => "tối đa",
            (Locale::En, Qualifier::Exactly) => "exactly",
            (Locale::En, Qualifier::Approximately) => "about",
            (Locale::En, Qualifier::AtLeast) => "at least",
            (Locale::En, Qualifier::MoreThan) => "more than",
            (Locale::En, Qualifier::Nearly) => "nearly",
            (Locale::En, Qualifier::Under) => "under",
            (Locale::En, Qualifier::AtMost) => "at most",
        }
    }

    /// The name serde writes: `more_than`.
    pub fn key(self) -> &'static str {
        match self {
            Qualifier::Exactly => "exactly",
            Qualifier::Approximately => "approximately",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::Nearly => "nearly",
            Qualifier::Under => "under",
            Qualifier::AtMost => "at_most",
        }
    }
}

/// Whether a figure counts or ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// An amount, a count or a percentage: `81,5 tỷ USD`, `112 dự án`, `7,3%`.
    Amount,
    /// A rank or a stage: `thứ 3`, `giai đoạn 2`, `3rd`.
    Ordinal,
}

/// One figure of a text. Ranges are byte ranges of the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The whole figure, qualifier words to unit: `vượt mốc 5 triệu lượt`.
    pub span: Range<usize>,
    /// The figure without its qualifier words: `5 triệu lượt`.
    pub amount: Range<usize>,
    /// The digits as written: `5`, `81,5`, `7.900`.
    pub number: Range<usize>,
    pub qualifier: Qualifier,
    /// In base units: `81,5 tỷ USD` is 81 500 000 000; `7,3%` is 7.3.
    pub value: Decimal,
    /// As written (`USD`, `lượt`, `dự án`), but percentages are always `%`.
    pub unit: Option<String>,
    pub kind: FigureKind,
}

impl Figure {
    /// The figure's words in `source` (the text it was read from).
    pub fn text<'t>(&self, source: &'t str) -> &'t str {
        &source[self.span.clone()]
    }

    /// The qualifier's words in `source` (`vượt mốc`), if the text has some.
    pub fn qualifier_words<'t>(&self, source: &'t str) -> Option<&'t str> {
        (self.span.start < self.amount.start).then(|| source[self.span.start..self.amount.start].trim_end())
    }
}

/// The figures of `text`, in order (see the module doc for what is not a figure).
pub fn read_figures(text: &str, locale: Locale) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut pos = 0;
    while let Some(run) = next_run(text, pos) {
        pos = run.end;
        match classify(text, &run) {
            Class::NotAFigure(end) => pos = end,
            Class::Figure => out.extend(read_at(text, run, locale, out.last())),
            Class::RangeTo(second) => {
                let tail = read_tail(text, second.end, None);
                out.extend(read_range_start(text, run, locale, &tail));
                pos = second.end;
                out.extend(read_at(text, second, locale, None));
            }
        }
    }
    out
}

/// The figures of `text` as `(byte offset, digits)`: `81,5`, `7,3`, `320.000`.
/// A drop-in for `views::facts::figures`, for the coverage list of seed
/// figures no metric cites; the digits alone, so a citation that holds them
/// covers the figure whatever words it quotes around them.
pub fn figures(text: &str) -> Vec<(usize, &str)> {
    read_figures(text, Locale::Vi)
        .into_iter()
        .map(|f| (f.number.start, &text[f.number]))
        .collect()
}

/// What a run of digits is, from the words around it.
#[derive(Debug)]
enum Class {
    Figure,
    /// The first number of a range `5–7 triệu`: the second one's run.
    RangeTo(Range<usize>),
    /// A date, year or clock time; reading resumes at the byte given.
    NotAFigure(usize),
}

/// The next run of digits at or after `from` that starts a number: digits
/// with `.`/`,` between digits, not glued to a letter or to `/`, `-` before it
/// (`G20`, `COVID-19`, the `8` of `11/8`).
fn next_run(text: &str, from: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run = run_at(text, i);
        i = run.end;
        let glued = text[..run.start]
            .chars()
            .next_back()
            .is_some_and(|c| is_word_char(c) || is_date_separator(c));
        if !glued {
            return Some(run);
        }
    }
    None
}

/// The digits starting at `start`, with each `.`/`,` that stands between two digits.
fn run_at(text: &str, start: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len()
        && (bytes[i].is_ascii_digit() || (matches!(bytes[i], b'.' | b',') && i > start && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
    {
        i += 1;
    }
    start..i
}

fn classify(text: &str, run: &Range<usize>) -> Class {
    let token = &text[run.clone()];
    let plain = token.bytes().all(|b| b.is_ascii_digit());
    if let Some((_, end)) = clock_at(text, run.start).filter(|_| plain) {
        return Class::NotAFigure(end);
    }
    if let Some(class) = joined_date(text, run) {
        return class;
    }
    let day_or_date = longest_ending_at(text, skip_space_back(text, run.start), DATE_WORDS).is_some()
        || month_before(text, run.start)
        || month_after(text, run.end)
        || day_of_month_vi(text, run.end);
    let year = plain && token.len() == 4 && token.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y));
    let lead = lead_of(text, run.start);
    let ranked = longest_ending_at(text, skip_space_back(text, run.start), ORDINAL_WORDS).is_some();
    let counted = ranked || has_tail(text, run.end) || lead.1.is_some() || qualifier_before(text, lead.0).1 != Qualifier::Exactly;
    if day_or_date || year && !counted || glued_letters(text, run.end) {
        return Class::NotAFigure(run.end);
    }
    Class::Figure
}

/// `11/8`, `10-8`, `12/2022`, `2025-08-15`, `10–13/8`: a date, unless it is
/// `A–B` with a scale or unit after it, a range of figures (`5–7 triệu USD`).
fn joined_date(text: &str, run: &Range<usize>) -> Option<Class> {
    let mut chars = text[run.end..].chars();
    let sep = chars.next().filter(|c| is_date_separator(*c))?;
    chars.next().filter(char::is_ascii_digit)?;
    let second = run_at(text, run.end + sep.len_utf8());
    let continues = text[second.end..].starts_with(is_date_separator);
    if sep != '/' && !continues && has_tail(text, second.end) {
        return Some(Class::RangeTo(second));
    }
    let date_len = text[run.end..].find(|c: char| !(c.is_ascii_digit() || is_date_separator(c)));
    Some(Class::NotAFigure(date_len.map_or(text.len(), |len| run.end + len)))
}

fn is_date_separator(c: char) -> bool {
    matches!(c, '/' | '-' | '–' | '‑')
}

/// Whether a scale word, a percentage or a unit follows the number ending at `end`.
fn has_tail(text: &str, end: usize) -> bool {
    let at = skip_space(text, end);
    longest_at(text, at, SCALES).is_some() || longest_at(text, at, PERCENT).is_some() || longest_at(text, at, UNITS).is_some()
}

/// `August 12`, `Aug. 12`: an English month name right before the number.
fn month_before(text: &str, start: usize) -> bool {
    let before = &text[..skip_space_back(text, start)];
    before.len() < start
        && MONTHS.iter().any(|m| {
            before
                .strip_suffix(m)
                .is_some_and(|rest| !rest.chars().next_back().is_some_and(is_word_char))
        })
}

/// `12 October`, `12th October`, `12th of October`: a month name after the number.
fn month_after(text: &str, end: usize) -> bool {
    let end = longest_at(text, end, ORDINAL_SUFFIXES).map_or(end, |(e, _)| e);
    let at = skip_space(text, end);
    let at = starts_at(text, at, "of").map_or(at, |e| skip_space(text, e));
    at > end
        && MONTHS.iter().any(|m| {
            text[at..]
                .strip_prefix(m)
                .is_some_and(|rest| m.ends_with('.') || !rest.starts_with(is_word_char))
        })
}

/// `12 tháng 8`: the number is the day of a month.
fn day_of_month_vi(text: &str, end: usize) -> bool {
    let Some(word_end) = starts_at(text, skip_space(text, end), "tháng") else {
        return false;
    };
    let at = skip_space(text, word_end);
    at > word_end && text[at..].starts_with(|c: char| c.is_ascii_digit())
}

/// Letters glued to the number that are no unit, scale or suffix: `5G`, `3D`.
fn glued_letters(text: &str, end: usize) -> bool {
    text[end..].starts_with(is_word_char)
        && longest_at(text, end, ORDINAL_SUFFIXES).is_none()
        && longest_at(text, end, SCALES).is_none()
        && longest_at(text, end, PERCENT).is_none()
        && longest_at(text, end, UNITS).is_none()
}

/// What stands before a number starting at `start`: where the figure's
/// amount starts (at a currency sign, `$2.4`), and the sign.
fn lead_of(text: &str, start: usize) -> (usize, Option<&str>) {
    match longest_ending_at(text, skip_space_back(text, start), CURRENCY_SIGNS) {
        Some((sign_start, ())) => (sign_start, Some(text[sign_start..skip_space_back(text, start)].trim())),
        None => (start, None),
    }
}

/// What follows a number: the power of ten of its scale word, its unit, and
/// where the figure ends.
#[derive(Debug)]
struct Tail {
    power: i32,
    unit: Option<String>,
    end: usize,
}

/// The scale word and unit after the number ending at `end` (a unit only
/// when no currency `sign` came before the number).
fn read_tail(text: &str, end: usize, sign: Option<&str>) -> Tail {
    let mut tail = Tail {
        power: 0,
        unit: sign.map(str::to_string),
        end,
    };
    if let Some((e, power)) = longest_at(text, skip_space(text, end), SCALES) {
        (tail.power, tail.end) = (power, e);
    }
    if sign.is_none() {
        let at = skip_space(text, tail.end);
        if let Some((e, ())) = longest_at(text, at, PERCENT) {
            (tail.unit, tail.end) = (Some("%".to_string()), e);
        } else if let Some((e, ())) = longest_at(text, at, UNITS) {
            (tail.unit, tail.end) = (Some(text[at..e].to_string()), e);
        }
    }
    tail
}

/// The figure whose digits are `run`, from the words around them; `None`
/// when no syntax reads the digits. `previous` is the figure read just
/// before, whose rank a list continues (`thứ 2 và 3`).
fn read_at(text: &str, run: Range<usize>, locale: Locale, previous: Option<&Figure>) -> Option<Figure> {
    let digits = parse_number(&text[run.clone()], locale)?;
    if let Some(rank) = read_ordinal(text, &run, digits, previous) {
        return Some(rank);
    }
    let (lead, sign) = lead_of(text, run.start);
    let tail = read_tail(text, run.end, sign);
    let (start, qualifier) = qualifier_before(text, lead);
    Some(Figure {
        span: start..tail.end,
        amount: lead..tail.end,
        number: run,
        qualifier,
        value: digits.scaled(tail.power)?,
        unit: tail.unit,
        kind: FigureKind::Amount,
    })
}

/// The first number of a range `5–7 triệu USD`: the scale and unit of the
/// second apply to it; its span is its own words.
fn read_range_start(text: &str, run: Range<usize>, locale: Locale, tail: &Tail) -> Option<Figure> {
    let (lead, _) = lead_of(text, run.start);
    let (start, qualifier) = qualifier_before(text, lead);
    Some(Figure {
        span: start..run.end,
        amount: lead..run.end,
        value: parse_number(&text[run.clone()], locale)?.scaled(tail.power)?,
        number: run,
        qualifier,
        unit: tail.unit.clone(),
        kind: FigureKind::Amount,
    })
}

/// The qualifier ending before `lead` (white space between), and where its words start.
fn qualifier_before(text: &str, lead: usize) -> (usize, Qualifier) {
    let end = skip_space_back(text, lead);
    if longest_ending_at(text, end, NOT_QUALIFIERS).is_some() {
        return (lead, Qualifier::Exactly);
    }
    longest_ending_at(text, end, QUALIFIERS).unwrap_or((lead, Qualifier::Exactly))
}

/// A rank: `thứ 3`, `giai đoạn 2`, `3rd`, or the next number of a list of ranks (`thứ 2 và 3`).
fn read_ordinal(text: &str, run: &Range<usize>, digits: Decimal, previous: Option<&Figure>) -> Option<Figure> {
    let word = longest_ending_at(text, skip_space_back(text, run.start), ORDINAL_WORDS).map(|(s, ())| s);
    let suffix = longest_at(text, run.end, ORDINAL_SUFFIXES).map(|(e, ())| e);
    let listed = !has_tail(text, run.end)
        && previous.is_some_and(|p| {
            let between = text.get(p.span.end..run.start).unwrap_or_default().trim();
            p.kind == FigureKind::Ordinal && LIST_JOINS.iter().any(|(j, ())| between == *j)
        });
    if word.is_none() && suffix.is_none() && !listed {
        return None;
    }
    let span = word.unwrap_or(run.start)..suffix.unwrap_or(run.end);
    Some(Figure {
        amount: span.clone(),
        span,
        number: run.clone(),
        qualifier: Qualifier::Exactly,
        value: digits,
        unit: None,
        kind: FigureKind::Ordinal,
    })
}

#[cfg(test)]
mod tests;
