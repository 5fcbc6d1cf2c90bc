//! The time of day of an event, as its source words it: a part of the day
//! (`sáng`, `trưa`, `chiều`, `tối`, `đêm`, `rạng sáng`; morning, noon,
//! afternoon, evening, night) or a clock time (`14h30`, `14:30`, `9 giờ sáng`,
//! `2 p.m.`), and where a quote says it next to a day (`trưa 11/8`,
//! `chiều 10-8`, `sáng nay`, `tối cùng ngày`).
//!
//! A clock time always falls inside a part of the day (14:30 is afternoon),
//! so times sort in one order ([`TimeOfDay`]'s `Ord`: parts in the order of
//! the day, a bare part before the clock times inside it); [`TimeOfDay::compare`]
//! says only what the words settle (`chiều` and `14:30` could be either way
//! round), which is what [`contradicts`] needs.
//!
//! This is not a date reader: a mention's day is kept as written (day and
//! month, or `nay`, `cùng ngày`), for the model to set against the event's date.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize, Serializer};

use crate::text::fold::is_word_char;
use crate::text::locale::Locale;
use crate::text::phrase::{ends_at, longest_at, longest_ending_at, skip_space, skip_space_back, starts_at};

/// A part of the day, in the order of the day.
///
/// The clock times each holds (Vietnamese usage, news-style): early hours
/// 0:00–4:59 (`rạng sáng`), morning 5:00–10:59 (`sáng`), noon 11:00–12:59
/// (`trưa`), afternoon 13:00–17:59 (`chiều`), evening 18:00–21:59 (`tối`),
/// night 22:00–23:59 (`đêm`, `khuya`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    EarlyHours,
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    pub const ALL: [PartOfDay; 6] = [
        PartOfDay::EarlyHours,
        PartOfDay::Morning,
        PartOfDay::Noon,
        PartOfDay::Afternoon,
        PartOfDay::Evening,
        PartOfDay::Night,
    ];

    /// The minutes after midnight this part holds.
    pub fn minutes(self) -> Range<u16> {
        let (from, to) = match self {
            PartOfDay::EarlyHours => (0, 5),
            PartOfDay::Morning => (5, 11),
            PartOfDay::Noon => (11, 13),
            PartOfDay::Afternoon => (13, 18),
            PartOfDay::Evening => (18, 22),
            PartOfDay::Night => (22, 24),
        };
        from * 60..to * 60
    }

    /// The part a clock time falls in.
    pub fn of_clock(clock: ClockTime) -> PartOfDay {
        let m = clock.minutes();
        PartOfDay::ALL
            .into_iter()
            .find(|p| p.minutes().contains(&m))
            .unwrap_or(PartOfDay::Night)
    }

    /// The part's name: `chiều` / `afternoon`. (The i18n catalogues may take these over.)
    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (PartOfDay::EarlyHours, Locale::Vi) => "rạng sáng",
            (PartOfDay::Morning, Locale::Vi) => "sáng",
            (PartOfDay::Noon, Locale::Vi) => "trưa",
            (PartOfDay::Afternoon, Locale::Vi) => "chiều",
            (PartOfDay::Evening, Locale::Vi) => "tối",
            (PartOfDay::Night, Locale::Vi) => "đêm",
            (PartOfDay::EarlyHours, Locale::En) => "early hours",
            (PartOfDay::Morning, Locale::En) => "morning",
            (PartOfDay::Noon, Locale::En) => "noon",
            (PartOfDay::Afternoon, Locale::En) => "afternoon",
            (PartOfDay::Evening, Locale::En) => "evening",
            (PartOfDay::Night, Locale::En) => "night",
        }
    }
}

/// The words that name a part of the day, and the part. `sáng sớm` (early
/// morning) is still morning; `nửa đêm` (midnight) closes the day.
const PART_WORDS: &[(&str, (PartOfDay, Locale))] = &[
    ("rạng sáng", (PartOfDay::EarlyHours, Locale::Vi)),
    ("sáng sớm", (PartOfDay::Morning, Locale::Vi)),
    ("sáng", (PartOfDay::Morning, Locale::Vi)),
    ("trưa", (PartOfDay::Noon, Locale::Vi)),
    ("chiều", (PartOfDay::Afternoon, Locale::Vi)),
    ("tối", (PartOfDay::Evening, Locale::Vi)),
    ("đêm", (PartOfDay::Night, Locale::Vi)),
    ("khuya", (PartOfDay::Night, Locale::Vi)),
    ("đêm khuya", (PartOfDay::Night, Locale::Vi)),
    ("nửa đêm", (PartOfDay::Night, Locale::Vi)),
    ("early hours", (PartOfDay::EarlyHours, Locale::En)),
    ("dawn", (PartOfDay::EarlyHours, Locale::En)),
    ("morning", (PartOfDay::Morning, Locale::En)),
    ("noon", (PartOfDay::Noon, Locale::En)),
    ("midday", (PartOfDay::Noon, Locale::En)),
    ("afternoon", (PartOfDay::Afternoon, Locale::En)),
    ("evening", (PartOfDay::Evening, Locale::En)),
    ("tonight", (PartOfDay::Evening, Locale::En)),
    ("night", (PartOfDay::Night, Locale::En)),
    ("midnight", (PartOfDay::Night, Locale::En)),
];

/// English part words that name a time on their own, with no `this` or `of <day>`.
const STANDALONE_ENGLISH: &[&str] = &["noon", "midday", "midnight", "tonight"];

/// A clock time of the day, 00:00–23:59.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    hour: u8,
    minute: u8,
}

impl ClockTime {
    /// `None` unless 0 ≤ hour ≤ 23 and 0 ≤ minute ≤ 59.
    pub fn new(hour: u8, minute: u8) -> Option<ClockTime> {
        (hour < 24 && minute < 60).then_some(ClockTime { hour, minute })
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        u16::from(self.hour) * 60 + u16::from(self.minute)
    }
}

/// `14:30`, `09:05`.
impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// When in the day: a part of the day, and the clock time when the source
/// gives one (its part is then the part it falls in).
///
/// `Ord` is the listing order: by part, a bare part before the clock times
/// inside it, clock times by the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TimeOfDay {
    part: PartOfDay,
    clock: Option<ClockTime>,
}

impl TimeOfDay {
    /// Some time in `part`: `chiều`.
    pub fn in_part(part: PartOfDay) -> TimeOfDay {
        TimeOfDay { part, clock: None }
    }

    /// At `clock`, in the part it falls in.
    pub fn at(clock: ClockTime) -> TimeOfDay {
        TimeOfDay {
            part: PartOfDay::of_clock(clock),
            clock: Some(clock),
        }
    }

    pub fn part(self) -> PartOfDay {
        self.part
    }

    pub fn clock(self) -> Option<ClockTime> {
        self.clock
    }

    /// A key to sort the events of one day by: the part's rank, then the
    /// clock's minutes after midnight (a bare part sorts first in its part).
    pub fn sort_key(self) -> (u8, Option<u16>) {
        (self.part as u8, self.clock.map(ClockTime::minutes))
    }

    /// What the words settle: `Less` when `self` is surely earlier than
    /// `other`, `Greater` when surely later, `Equal` for the same clock time,
    /// `None` when they may come in either order (`chiều` and `14:30`, or
    /// `chiều` and `chiều`).
    pub fn compare(self, other: TimeOfDay) -> Option<Ordering> {
        match (self.clock, other.clock) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ if self.part != other.part => Some(self.part.cmp(&other.part)),
            _ => None,
        }
    }

    /// An analyst's `time` as the source words it: `chiều`, `buổi trưa`,
    /// `14h30`, `14:30`, `9 giờ sáng`, `afternoon`, `2 p.m.`; the whole text
    /// must be the time.
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let text = text.trim();
        let start = ["buổi", "vào lúc", "lúc", "at", "in the"]
            .iter()
            .find_map(|cue| starts_at(text, 0, cue).map(|end| skip_space(text, end)))
            .unwrap_or(0);
        if text[start..].starts_with(|c: char| c.is_ascii_digit()) {
            let read = read_clock(text, start).filter(|r| r.end == text.len() && (r.form != ClockForm::Bare || r.worded))?;
            return Some(TimeOfDay::at(read.clock));
        }
        let (end, (part, _)) = longest_at(text, start, PART_WORDS)?;
        (end == text.len()).then_some(TimeOfDay::in_part(part))
    }

    /// `afternoon` or `afternoon (14:30)`, in the locale's words.
    /// When it is, in English words that read in a sentence: `at noon`,
    /// `in the afternoon (14:30)`.
    pub fn when(self) -> String {
        let part = match self.part {
            PartOfDay::Noon => "at noon".to_string(),
            PartOfDay::Night => "at night".to_string(),
            PartOfDay::EarlyHours => "in the early hours".to_string(),
            other => format!("in the {}", other.label(Locale::En)),
        };
        match self.clock {
            Some(clock) => format!("{part} ({clock})"),
            None => part,
        }
    }

    pub fn describe(self, locale: Locale) -> String {
        match self.clock {
            Some(clock) => format!("{} ({clock})", self.part.label(locale)),
            None => self.part.label(locale).to_string(),
        }
    }
}

/// Whether the times contradict a claim that the event at `first` comes
/// before the event at `then`: only when the words settle that `first` is later.
pub fn contradicts(first: TimeOfDay, then: TimeOfDay) -> bool {
    first.compare(then) == Some(Ordering::Greater)
}

/// An order the times of day contradict: the event said to come first is later in the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderContradiction {
    pub first: TimeOfDay,
    pub then: TimeOfDay,
}

impl fmt::Display for OrderContradiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the event said to come first is {}, but the one said to come after it is {}",
            self.first.when(),
            self.then.when()
        )
    }
}

/// `Ok` unless the times contradict `first` coming before `then` (see [`contradicts`]).
pub fn check_order(first: TimeOfDay, then: TimeOfDay) -> Result<(), OrderContradiction> {
    if contradicts(first, then) {
        Err(OrderContradiction { first, then })
    } else {
        Ok(())
    }
}

/// The day a time of day is said of, as the quote writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayRef {
    /// `11/8`, `10-8`, `ngày 11/8/2025`, `of 11 August`.
    Date { day: u8, month: u8, year: Option<u16> },
    /// `nay`, `hôm nay`, `this morning`, `tonight`.
    Today,
    /// `qua`, `hôm qua`, `yesterday`, `last night`.
    Yesterday,
    /// `mai`, `ngày mai`, `tomorrow`.
    Tomorrow,
    /// `cùng ngày`, `hôm đó`, `the same afternoon`, `that evening`.
    SameDay,
    /// `hôm sau`, `ngày hôm sau`, `the next morning`.
    NextDay,
    /// `hôm trước`, `the previous evening`.
    PreviousDay,
}

/// A time of day a text names, and the day it is said of when it says one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte range of the words (`trưa 11/8`, `buổi chiều`, `9 giờ sáng ngày 11/8`).
    pub span: Range<usize>,
    pub time: TimeOfDay,
    pub day: Option<DayRef>,
}

/// Vietnamese words after a part of the day that name its day.
const RELATIVE_DAYS_VI: &[(&str, DayRef)] = &[
    ("nay", DayRef::Today),
    ("hôm nay", DayRef::Today),
    ("qua", DayRef::Yesterday),
    ("hôm qua", DayRef::Yesterday),
    ("mai", DayRef::Tomorrow),
    ("ngày mai", DayRef::Tomorrow),
    ("cùng ngày", DayRef::SameDay),
    ("hôm đó", DayRef::SameDay),
    ("ngày hôm đó", DayRef::SameDay),
    ("hôm sau", DayRef::NextDay),
    ("ngày hôm sau", DayRef::NextDay),
    ("hôm trước", DayRef::PreviousDay),
    ("ngày hôm trước", DayRef::PreviousDay),
];

/// English words before a part of the day that name its day (`None`: a
/// cue with no day, `in the morning`).
const ENGLISH_CUES: &[(&str, Option<DayRef>)] = &[
    ("this", Some(DayRef::Today)),
    ("yesterday", Some(DayRef::Yesterday)),
    ("last", Some(DayRef::Yesterday)),
    ("tomorrow", Some(DayRef::Tomorrow)),
    ("that", Some(DayRef::SameDay)),
    ("the same", Some(DayRef::SameDay)),
    ("the next", Some(DayRef::NextDay)),
    ("the following", Some(DayRef::NextDay)),
    ("the previous", Some(DayRef::PreviousDay)),
    ("in the", None),
    ("on the", None),
    ("early", None),
    ("late", None),
];

/// Words right before `sáng`, `tối`, `chiều` that make them something else
/// than a time (`điểm sáng` bright spot, `tỏa sáng`, `bóng tối`, `đa chiều`).
const NOT_TIME_BEFORE: &[(&str, ())] = &[
    ("ánh", ()),
    ("tỏa", ()),
    ("chiếu", ()),
    ("điểm", ()),
    ("soi", ()),
    ("phát", ()),
    ("bừng", ()),
    ("rực", ()),
    ("bóng", ()),
    ("tăm", ()),
    ("u", ()),
    ("một", ()),
    ("hai", ()),
    ("đa", ()),
    ("nhiều", ()),
];

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Every time of day `text` names: a part of the day before a day (`trưa 11/8`,
/// `chiều cùng ngày`), after `buổi` (`buổi sáng`), with an English cue
/// (`this morning`, `on the afternoon of 10 August`), and every clock time
/// (`lúc 14h30`, `9 giờ sáng ngày 11/8`). A part word with none of these
/// (`điểm sáng mới`, `sáng tạo`) is not a time.
pub fn mentions(text: &str) -> Vec<TimeMention> {
    let mut out: Vec<TimeMention> = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let found = if text[pos..].starts_with(|c: char| c.is_ascii_digit()) {
            clock_mention(text, pos)
        } else {
            part_mention(text, pos)
        };
        match found {
            Some(m) => {
                pos = m.span.end.max(pos + 1);
                out.push(m);
            }
            None => pos = next_word(text, pos),
        }
    }
    out
}

/// Where the next word (or number) after the one at `pos` starts.
fn next_word(text: &str, pos: usize) -> usize {
    let mut chars = text[pos..].char_indices();
    let first_is_word = chars.next().is_some_and(|(_, c)| is_word_char(c));
    chars
        .find(|&(_, c)| !is_word_char(c) || !first_is_word)
        .map_or(text.len(), |(i, _)| pos + i)
        .max(pos + text[pos..].chars().next().map_or(1, char::len_utf8))
}

/// A part word at `pos` that the words around it make a time.
fn part_mention(text: &str, pos: usize) -> Option<TimeMention> {
    if text[..pos].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    let (end, (part, locale)) = longest_at(text, pos, PART_WORDS)?;
    let before = skip_space_back(text, pos);
    if longest_ending_at(text, before, NOT_TIME_BEFORE).is_some() {
        return None;
    }
    let english = locale == Locale::En;
    let (start, cue_day) = cue_before(text, before, english).unwrap_or((pos, None));
    let (day, day_end) = match day_after(text, end, english) {
        Some((day, day_end)) => (Some(day), day_end),
        None => (cue_day, end),
    };
    let standalone = english && STANDALONE_ENGLISH.iter().any(|w| text[pos..end].eq_ignore_ascii_case(w));
    let tonight = text[pos..end].eq_ignore_ascii_case("tonight");
    let day = if tonight { day.or(Some(DayRef::Today)) } else { day };
    let cued = start < pos || day_end > end;
    (cued || standalone).then(|| TimeMention {
        span: start..day_end,
        time: TimeOfDay::in_part(part),
        day,
    })
}

/// A word before a part of the day that makes it a time: `buổi` (and
/// `vào buổi`) in Vietnamese, `this`, `yesterday`, `in the`, … in English.
fn cue_before(text: &str, before: usize, english: bool) -> Option<(usize, Option<DayRef>)> {
    if english {
        return longest_ending_at(text, before, ENGLISH_CUES);
    }
    let start = ends_at(text, before, "buổi")?;
    let earlier = skip_space_back(text, start);
    Some((ends_at(text, earlier, "vào").unwrap_or(start), None))
}

/// The day named right after a time: `11/8`, `ngày 10-8`, `nay`, `cùng ngày`,
/// `of 10 August`; and where its words end.
fn day_after(text: &str, end: usize, english: bool) -> Option<(DayRef, usize)> {
    let at = skip_space(text, end);
    if english {
        let of = starts_at(text, at, "of").map(|e| skip_space(text, e))?;
        return english_date_at(text, of);
    }
    let digits_at = ["ngày", "hôm"]
        .iter()
        .find_map(|w| starts_at(text, at, w).map(|e| skip_space(text, e)))
        .unwrap_or(at);
    if let Some(found) = numeric_date_at(text, digits_at) {
        return Some(found);
    }
    longest_at(text, at, RELATIVE_DAYS_VI).map(|(e, day)| (day, e))
}

/// `11/8`, `10-8`, `22/12/1992`: a day and a month (and a year).
fn numeric_date_at(text: &str, at: usize) -> Option<(DayRef, usize)> {
    let (day, mut end) = digits_at(text, at, 2)?;
    let mut parts = vec![day];
    while parts.len() < 3 {
        let sep = text[end..].chars().next().filter(|c| matches!(c, '/' | '-' | '–'))?;
        let Some((n, e)) = digits_at(text, end + sep.len_utf8(), if parts.len() == 2 { 4 } else { 2 }) else {
            break;
        };
        parts.push(n);
        end = e;
        if !text[end..].starts_with(['/', '-', '–']) {
            break;
        }
    }
    let (day, month) = (u8::try_from(parts[0]).ok()?, u8::try_from(*parts.get(1)?).ok()?);
    let year = parts.get(2).and_then(|&y| u16::try_from(y).ok()).filter(|y| *y >= 1000);
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some((DayRef::Date { day, month, year }, end))
}

/// At most `max` ASCII digits at `at`, not followed by another digit: their value and end.
fn digits_at(text: &str, at: usize, max: usize) -> Option<(u32, usize)> {
    let len = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > max {
        return None;
    }
    Some((text[at..at + len].parse().ok()?, at + len))
}

/// `10 August`, `August 10`, `10th August`, `August 10, 2025`.
fn english_date_at(text: &str, at: usize) -> Option<(DayRef, usize)> {
    let month_at = |pos: usize| {
        ENGLISH_MONTHS.iter().zip(1u8..).find_map(|(name, n)| {
            let end = pos + name.len();
            let fits = text[pos..].starts_with(name) && !text[end..].starts_with(is_word_char);
            fits.then_some((n, end))
        })
    };
    let ordinal_end = |end: usize| ["st", "nd", "rd", "th"].iter().find_map(|s| starts_at(text, end, s)).unwrap_or(end);
    let (day, month, end) = if let Some((day, end)) = digits_at(text, at, 2) {
        let (month, end) = month_at(skip_space(text, ordinal_end(end)))?;
        (day, month, end)
    } else {
        let (month, end) = month_at(at)?;
        let (day, end) = digits_at(text, skip_space(text, end), 2)?;
        (day, month, ordinal_end(end))
    };
    let day = u8::try_from(day).ok().filter(|d| (1..=31).contains(d))?;
    Some((DayRef::Date { day, month, year: None }, end))
}

/// A clock time at `pos`, with the day after it when one follows.
fn clock_mention(text: &str, pos: usize) -> Option<TimeMention> {
    let (clock, end) = clock_at(text, pos)?;
    let lead = skip_space_back(text, pos);
    let start = ["vào lúc", "lúc", "at"].iter().find_map(|w| ends_at(text, lead, w)).unwrap_or(pos);
    let (day, end) = day_after(text, end, false).map_or((None, end), |(d, e)| (Some(d), e));
    Some(TimeMention {
        span: start..end,
        time: TimeOfDay::at(clock),
        day,
    })
}

/// How a clock time is written, which says whether its words alone make it one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClockForm {
    /// `14h30`, `9h`, `14:30`: always a clock time.
    Attached,
    /// `14 giờ 30 (phút)`: always a clock time.
    HourWordMinutes,
    /// `9 giờ`: a clock time after `lúc` or before a part of the day, else maybe a duration.
    HourWord,
    /// `2`: a clock time only before `a.m.`/`p.m.`.
    Bare,
}

/// A clock time as read, before deciding whether the words around it make it one.
#[derive(Debug, Clone, Copy)]
struct ClockRead {
    clock: ClockTime,
    end: usize,
    form: ClockForm,
    /// A part of the day or `a.m.`/`p.m.` follows.
    worded: bool,
}

/// A clock time written at `start` (an ASCII digit), and where its words end:
/// `14h30`, `9h`, `14:30`, `14 giờ 30 (phút)`, `9 giờ sáng`, `lúc 9 giờ`,
/// `2 p.m.`, `9:30 am`. A part of the day after it turns 12-hour into 24-hour
/// (`3 giờ chiều` is 15:00). `9 giờ` alone may be nine hours, and is not a
/// clock time unless `lúc` comes before it.
pub(crate) fn clock_at(text: &str, start: usize) -> Option<(ClockTime, usize)> {
    let read = read_clock(text, start)?;
    let after_luc = ends_at(text, skip_space_back(text, start), "lúc").is_some();
    let certain = match read.form {
        ClockForm::Attached | ClockForm::HourWordMinutes => true,
        ClockForm::HourWord => read.worded || after_luc,
        ClockForm::Bare => read.worded,
    };
    certain.then_some((read.clock, read.end))
}

fn read_clock(text: &str, start: usize) -> Option<ClockRead> {
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| is_word_char(c) || matches!(c, '.' | ',' | ':' | '/' | '-'))
    {
        return None;
    }
    let (hour, after) = digits_at(text, start, 2)?;
    let (minute, mut end, form) = clock_minutes(text, after)?;
    let mut hour = u8::try_from(hour).ok()?;
    let mut worded = false;
    if let Some((e, pm)) = meridiem_at(text, end) {
        hour = match (hour, pm) {
            (1..=11, true) => hour + 12,
            (12, false) => 0,
            (1..=12, _) => hour,
            _ => return None,
        };
        (end, worded) = (e, true);
    } else if form != ClockForm::Bare {
        if let Some((e, (part, _))) = longest_at(text, skip_space(text, end), PART_WORDS) {
            hour = twenty_four_hour(hour, part);
            (end, worded) = (e, true);
        }
    }
    let clock = ClockTime::new(hour, u8::try_from(minute).ok()?)?;
    Some(ClockRead { clock, end, form, worded })
}

/// The minutes after an hour at `after` (`h30`, `:30`, ` giờ 30 phút`, or
/// none), where they end, and the form.
fn clock_minutes(text: &str, after: usize) -> Option<(u32, usize, ClockForm)> {
    let rest = &text[after..];
    if rest.starts_with(['h', 'g']) {
        let at = after + 1;
        let (minute, end) = digits_at(text, at, 2).filter(|&(_, e)| e - at == 2).unwrap_or((0, at));
        return (!text[end..].starts_with(is_word_char)).then_some((minute, end, ClockForm::Attached));
    }
    if rest.starts_with(':') {
        let (minute, end) = digits_at(text, after + 1, 2).filter(|&(_, e)| e - after == 3)?;
        return Some((minute, end, ClockForm::Attached));
    }
    let word_at = skip_space(text, after);
    if let Some(end) = starts_at(text, word_at, "giờ").filter(|_| word_at > after) {
        let at = skip_space(text, end);
        if let Some((minute, e)) = digits_at(text, at, 2).filter(|_| at > end) {
            let e = starts_at(text, skip_space(text, e), "phút").unwrap_or(e);
            return Some((minute, e, ClockForm::HourWordMinutes));
        }
        return Some((0, end, ClockForm::HourWord));
    }
    Some((0, after, ClockForm::Bare))
}

/// `a.m.`, `p.m.`, `am`, `pm` after a clock time (a space or none between):
/// where it ends and whether it is p.m.
fn meridiem_at(text: &str, end: usize) -> Option<(usize, bool)> {
    let at = skip_space(text, end);
    [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)]
        .iter()
        .find_map(|&(w, pm)| starts_at(text, at, w).map(|e| (e, pm)))
}

/// A 12-hour clock hour read with the part of the day after it: `3 giờ chiều`
/// is 15, `10 giờ đêm` is 22, `1 giờ trưa` is 13, `2 giờ đêm` stays 2.
fn twenty_four_hour(hour: u8, part: PartOfDay) -> u8 {
    match (part, hour) {
        (PartOfDay::Noon, 1..=4) | (PartOfDay::Afternoon | PartOfDay::Evening, 1..=11) | (PartOfDay::Night, 6..=11) => hour + 12,
        _ => hour,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn clock(h: u8, m: u8) -> TimeOfDay {
        TimeOfDay::at(ClockTime::new(h, m).unwrap())
    }

    fn part(p: PartOfDay) -> TimeOfDay {
        TimeOfDay::in_part(p)
    }

    fn found(text: &str) -> Vec<(&str, TimeOfDay, Option<DayRef>)> {
        mentions(text).into_iter().map(|m| (&text[m.span], m.time, m.day)).collect()
    }

    fn date(day: u8, month: u8) -> Option<DayRef> {
        Some(DayRef::Date { day, month, year: None })
    }

    #[test]
    fn seed_000_names_the_afternoon_of_10_august() {
        let text = "Trong chương trình chuyến thăm cấp Nhà nước tới Hàn Quốc, chiều 10-8, tại thủ đô Seoul, Tổng Bí thư Tô Lâm gặp mặt các thành viên Mạng lưới Đổi mới sáng tạo Việt Nam (VINK) và chuyên gia người Việt Nam tại Hàn Quốc.";
        assert_eq!(found(text), [("chiều 10-8", part(PartOfDay::Afternoon), date(10, 8))]);
    }

    #[test]
    fn seeds_002_and_004_name_noon_of_11_august() {
        let text = "Trong cuộc gặp gỡ báo chí tại Seoul trưa 11/8, Tổng Bí thư Tô Lâm cho biết đã có cuộc hội đàm rất thành công với Tổng thống Hàn Quốc Lee Jae-myung trong khuôn khổ chuyến thăm cấp nhà nước tới Hàn Quốc.";
        assert_eq!(found(text), [("trưa 11/8", part(PartOfDay::Noon), date(11, 8))]);
        // Seed 004 wraps its line between the two words.
        let text = "Trong khuôn khổ chuyến thăm cấp Nhà nước tới Hàn Quốc, trưa\n11/8 (giờ địa phương), Tổng Bí thư Tô Lâm và Tổng thống Hàn Quốc Lee Jae Myung";
        assert_eq!(found(text), [("trưa\n11/8", part(PartOfDay::Noon), date(11, 8))]);
    }

    #[test]
    fn a_day_without_a_time_and_part_words_used_otherwise_are_not_times() {
        assert!(found("Tổng Bí thư Tô Lâm và Tổng thống Hàn Quốc Lee Jae-myung tại buổi gặp gỡ báo chí ngày 11/8. Ảnh: TTXVN").is_empty());
        assert!(
            found("nhất trí đưa hợp tác khoa học - công nghệ (KHCN) thành trụ cột, điểm sáng mới trong quan hệ song phương.").is_empty()
        );
        assert!(found("Mạng lưới Đổi mới sáng tạo Việt Nam (VINK)").is_empty());
        assert!(found("tiến vững, tiến xa trong kỷ nguyên phát triển mới, tỏa sáng qua nhiều thế hệ; hợp tác đa chiều nay").is_empty());
        assert!(found("good morning, Seoul").is_empty());
    }

    #[test]
    fn relative_days_and_buoi() {
        assert_eq!(
            found("Sáng nay, hai bên hội đàm"),
            [("Sáng nay", part(PartOfDay::Morning), Some(DayRef::Today))]
        );
        assert_eq!(
            found("tối cùng ngày, Tổng Bí thư dự tiệc"),
            [("tối cùng ngày", part(PartOfDay::Evening), Some(DayRef::SameDay))]
        );
        assert_eq!(
            found("vào buổi chiều, đoàn tới Busan"),
            [("vào buổi chiều", part(PartOfDay::Afternoon), None)]
        );
        assert_eq!(
            found("rạng sáng ngày 11/8/2025"),
            [(
                "rạng sáng ngày 11/8/2025",
                part(PartOfDay::EarlyHours),
                Some(DayRef::Date {
                    day: 11,
                    month: 8,
                    year: Some(2025)
                })
            )]
        );
        assert_eq!(
            found("sáng hôm sau"),
            [("sáng hôm sau", part(PartOfDay::Morning), Some(DayRef::NextDay))]
        );
    }

    #[test]
    fn clock_times_in_their_forms() {
        assert_eq!(found("lúc 14h30 ngày 10/8"), [("lúc 14h30 ngày 10/8", clock(14, 30), date(10, 8))]);
        assert_eq!(
            found("khai mạc 9h, bế mạc 17:45"),
            [("9h", clock(9, 0), None), ("17:45", clock(17, 45), None)]
        );
        assert_eq!(found("9 giờ sáng 11/8"), [("9 giờ sáng 11/8", clock(9, 0), date(11, 8))]);
        assert_eq!(found("3 giờ chiều"), [("3 giờ chiều", clock(15, 0), None)]);
        assert_eq!(found("14 giờ 30 phút"), [("14 giờ 30 phút", clock(14, 30), None)]);
        assert_eq!(found("at 2 p.m. the talks began"), [("at 2 p.m.", clock(14, 0), None)]);
        assert_eq!(found("12 am"), [("12 am", clock(0, 0), None)]);
    }

    #[test]
    fn hours_counted_and_other_numbers_are_not_clock_times() {
        assert!(found("chuyến bay kéo dài 5 giờ").is_empty());
        assert!(found("đoàn ở lại 2 đêm tại Seoul").is_empty(), "two nights");
        assert_eq!(found("lúc 9 giờ, đoàn tới"), [("lúc 9 giờ", clock(9, 0), None)]);
        assert!(found("tăng 7,3%; đạt 81,5 tỷ USD; 25:00; 5G; 3:2").is_empty());
        assert_eq!(clock_at("24h", 0), None);
        assert_eq!(clock_at("13 pm", 0), None);
    }

    #[test]
    fn english_cues() {
        assert_eq!(
            found("This morning the leaders met"),
            [("This morning", part(PartOfDay::Morning), Some(DayRef::Today))]
        );
        assert_eq!(
            found("on the afternoon of 10 August, in Seoul"),
            [("on the afternoon of 10 August", part(PartOfDay::Afternoon), date(10, 8))]
        );
        assert_eq!(
            found("the evening of August 12th"),
            [("evening of August 12th", part(PartOfDay::Evening), date(12, 8))]
        );
        assert_eq!(found("they spoke at noon"), [("noon", part(PartOfDay::Noon), None)]);
        assert_eq!(
            found("last night"),
            [("last night", part(PartOfDay::Night), Some(DayRef::Yesterday))]
        );
        assert_eq!(found("tonight"), [("tonight", part(PartOfDay::Evening), Some(DayRef::Today))]);
    }

    #[test]
    fn analysts_times_parse_whole() {
        assert_eq!(TimeOfDay::parse("chiều"), Some(part(PartOfDay::Afternoon)));
        assert_eq!(TimeOfDay::parse(" Trưa "), Some(part(PartOfDay::Noon)));
        assert_eq!(TimeOfDay::parse("buổi tối"), Some(part(PartOfDay::Evening)));
        assert_eq!(TimeOfDay::parse("rạng sáng"), Some(part(PartOfDay::EarlyHours)));
        assert_eq!(TimeOfDay::parse("14h30"), Some(clock(14, 30)));
        assert_eq!(TimeOfDay::parse("14:30"), Some(clock(14, 30)));
        assert_eq!(TimeOfDay::parse("9 giờ sáng"), Some(clock(9, 0)));
        assert_eq!(TimeOfDay::parse("afternoon"), Some(part(PartOfDay::Afternoon)));
        assert_eq!(TimeOfDay::parse("2 p.m."), Some(clock(14, 0)));
        assert_eq!(TimeOfDay::parse("chiều 10/8"), None, "a day is not a time");
        assert_eq!(TimeOfDay::parse("9 giờ"), Some(clock(9, 0)), "a time field says a clock time");
        assert_eq!(TimeOfDay::parse("sáng tạo"), None);
        assert_eq!(TimeOfDay::parse(""), None);
    }

    #[test]
    fn a_clock_time_falls_inside_its_part() {
        assert_eq!(clock(14, 30).part(), PartOfDay::Afternoon);
        assert_eq!(clock(12, 0).part(), PartOfDay::Noon);
        assert_eq!(clock(4, 59).part(), PartOfDay::EarlyHours);
        assert_eq!(clock(23, 59).part(), PartOfDay::Night);
        let mut times = vec![
            part(PartOfDay::Evening),
            clock(14, 30),
            part(PartOfDay::Afternoon),
            clock(9, 0),
            part(PartOfDay::Noon),
        ];
        times.sort();
        assert_eq!(
            times,
            [
                clock(9, 0),
                part(PartOfDay::Noon),
                part(PartOfDay::Afternoon),
                clock(14, 30),
                part(PartOfDay::Evening)
            ]
        );
    }

    #[test]
    fn compare_says_only_what_the_words_settle() {
        let (noon, afternoon) = (part(PartOfDay::Noon), part(PartOfDay::Afternoon));
        assert_eq!(noon.compare(afternoon), Some(Ordering::Less));
        assert_eq!(afternoon.compare(clock(14, 30)), None);
        assert_eq!(afternoon.compare(afternoon), None);
        assert_eq!(clock(14, 30).compare(clock(14, 30)), Some(Ordering::Equal));
        assert_eq!(clock(11, 30).compare(afternoon), Some(Ordering::Less));
    }

    #[test]
    fn an_order_the_times_contradict() {
        // Seed 004: the ceremony came "Trước đó" (before) the noon press meeting.
        assert!(!contradicts(part(PartOfDay::Morning), part(PartOfDay::Noon)));
        assert!(
            !contradicts(part(PartOfDay::Noon), part(PartOfDay::Noon)),
            "unknown is no contradiction"
        );
        assert!(contradicts(part(PartOfDay::Afternoon), part(PartOfDay::Morning)));
        let err = check_order(clock(14, 30), part(PartOfDay::Morning)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the event said to come first is in the afternoon (14:30), but the one said to come after it is in the morning"
        );
        assert!(check_order(clock(9, 0), clock(9, 0)).is_ok());
    }

    #[test]
    fn parts_serialise_in_snake_case_and_clocks_as_text() {
        assert_eq!(serde_json::to_string(&PartOfDay::EarlyHours).unwrap(), "\"early_hours\"");
        assert_eq!(
            serde_json::to_string(&clock(9, 5)).unwrap(),
            r#"{"part":"morning","clock":"09:05"}"#
        );
        assert_eq!(PartOfDay::Afternoon.label(Locale::Vi), "chiều");
        assert_eq!(PartOfDay::Afternoon.label(Locale::En), "afternoon");
    }

    proptest! {
        #[test]
        fn the_sort_order_follows_the_clock(a in 0u16..1440, b in 0u16..1440) {
            let t = |m: u16| TimeOfDay::at(ClockTime::new((m / 60) as u8, (m % 60) as u8).unwrap());
            prop_assert_eq!(t(a).cmp(&t(b)), a.cmp(&b));
            prop_assert_eq!(t(a).compare(t(b)), Some(a.cmp(&b)));
            prop_assert!(t(a).part().minutes().contains(&a));
        }

        #[test]
        fn formatted_clock_times_read_back(h in 0u8..24, m in 0u8..60) {
            let c = ClockTime::new(h, m).unwrap();
            prop_assert_eq!(TimeOfDay::parse(&c.to_string()), Some(TimeOfDay::at(c)));
            prop_assert_eq!(TimeOfDay::parse(&format!("{h}h{m:02}")), Some(TimeOfDay::at(c)));
        }

        #[test]
        fn mentions_never_panic_and_lie_on_char_boundaries(text in "[0-9 /:hg.ampAP-]{0,12}|(sáng|trưa|chiều|tối|đêm|buổi|nay|ngày|giờ|lúc|of|this|August|[0-9]{1,3}|[/:.-]| |\n|ạ|x){0,12}") {
            for m in mentions(&text) {
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                prop_assert!(m.span.start < m.span.end);
            }
        }
    }
}
