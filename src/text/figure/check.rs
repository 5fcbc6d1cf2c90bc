//! Setting one observation against one of its quotes: the analyst's
//! `display`, `value` and `qualifier`, each optional, against the figure the
//! quote states. What is omitted is derived from the quote; what is given
//! must agree with it.
//!
//! The rules: `display` must be in the quote (insensitive to white space and
//! the typographic forms of quotes and dashes, as citations are) and stand on
//! one of its figures, with that figure's value and its qualifier words
//! (`5 triệu lượt` leaves out the `vượt mốc` of `vượt mốc 5 triệu lượt`); it
//! may leave out the unit (`khoảng 7.900` of `khoảng 7.900 lao động`). With no
//! `display`, the quote must hold one figure, or one that `value` and
//! `qualifier` single out. `value` must equal the figure's value exactly (as
//! the decimal it prints as), and `qualifier` its qualifier.
//!
//! This is not where positions are added: a [`Mismatch`] says what the quote
//! says, and the model reports it at the field's `file:line:col`.

use std::fmt;

use crate::text::figure::{Decimal, Figure, FigureKind, Qualifier, read_figures};
use crate::text::locale::Locale;

/// What an analyst wrote of one observation; `None` fields are derived.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Claim<'a> {
    pub display: Option<&'a str>,
    pub value: Option<f64>,
    pub qualifier: Option<Qualifier>,
}

/// A figure as its quote states it, with the analyst's `display` when given.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The analyst's `display` when given, else the quote's words ([`Reading::quoted`]).
    pub display: String,
    /// The quote's words for the figure, qualifier to unit: `vượt mốc 5 triệu lượt`.
    pub quoted: String,
    /// The quote's qualifier words: `vượt mốc`.
    pub qualifier_words: Option<String>,
    pub value: Decimal,
    /// As the quote writes it; percentages are `%`.
    pub unit: Option<String>,
    pub qualifier: Qualifier,
    pub kind: FigureKind,
}

impl Reading {
    fn of(quote: &str, figure: &Figure, display: Option<&str>) -> Reading {
        let quoted = figure.text(quote).to_string();
        Reading {
            display: display.map_or_else(|| quoted.clone(), |d| d.trim().to_string()),
            quoted,
            qualifier_words: figure.qualifier_words(quote).map(str::to_string),
            value: figure.value,
            unit: figure.unit.clone(),
            qualifier: figure.qualifier,
            kind: figure.kind,
        }
    }

    /// What the figure means, in English: `more than 5,000,000 lượt`, `7.3%`, `rank 3`.
    pub fn meaning(&self) -> String {
        let number = self.value.format(Locale::En);
        if self.kind == FigureKind::Ordinal {
            return format!("rank {number}");
        }
        let amount = match self.unit.as_deref() {
            Some("%") => format!("{number}%"),
            Some(unit) => format!("{number} {unit}"),
            None => number,
        };
        match self.qualifier {
            Qualifier::Exactly => amount,
            q => format!("{} {amount}", q.label(Locale::En)),
        }
    }

    /// `“vượt mốc 5 triệu lượt” (more than 5,000,000 lượt)`.
    fn says(&self) -> String {
        format!("“{}” ({})", self.quoted, self.meaning())
    }
}

/// Why an observation does not agree with its quote.
#[derive(Debug, Clone, PartialEq)]
pub enum Mismatch {
    /// The quote states no figure, and no `display` was given to look for.
    NoFigure,
    /// The quote states several figures and nothing says which one is meant.
    Ambiguous { figures: Vec<Reading> },
    /// `display` is not in the quote, or not on one of its figures (`3` in `30 năm`).
    DisplayNotInQuote { display: String, figures: Vec<Reading> },
    /// `display` is in the quote but holds no figure (`lớn nhất`).
    DisplayNoFigure { display: String },
    /// `display` holds more than one figure.
    DisplaySeveralFigures { display: String, figures: Vec<String> },
    /// `display` stops short of its figure: `5` of `5 triệu lượt`.
    DisplayCut {
        display: String,
        reads: Decimal,
        said: Box<Reading>,
    },
    /// `display` drops or changes the qualifier words before its figure.
    DisplayQualifier {
        display: String,
        shown: Qualifier,
        said: Box<Reading>,
    },
    /// `qualifier` is not what the quote says.
    Qualifier { given: Qualifier, said: Box<Reading> },
    /// `value` is not the figure's value.
    Value { given: f64, said: Box<Reading> },
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::NoFigure => write!(f, "the quote holds no figure"),
            Mismatch::Ambiguous { figures } => {
                write!(
                    f,
                    "the quote holds several figures, {}: give `display` to say which",
                    listing(figures)
                )
            }
            Mismatch::DisplayNotInQuote { display, figures } if figures.is_empty() => {
                write!(f, "`display` “{display}” is not in the quote, which holds no figure")
            }
            Mismatch::DisplayNotInQuote { display, figures } => {
                write!(
                    f,
                    "`display` “{display}” is not a figure of the quote, which says {}",
                    listing(figures)
                )
            }
            Mismatch::DisplayNoFigure { display } => write!(f, "`display` “{display}” holds no figure"),
            Mismatch::DisplaySeveralFigures { display, figures } => {
                let list: Vec<String> = figures.iter().map(|d| format!("“{d}”")).collect();
                write!(f, "`display` “{display}” holds several figures: {}", list.join(", "))
            }
            Mismatch::DisplayCut { display, reads, said } => {
                write!(f, "the quote says {}; `display` “{display}” reads `{reads}`", said.says())
            }
            Mismatch::DisplayQualifier { display, shown, said } => match shown {
                Qualifier::Exactly => {
                    let words = said.qualifier_words.as_deref().unwrap_or_else(|| said.qualifier.label(Locale::Vi));
                    write!(f, "the quote says {}; `display` “{display}” leaves out “{words}”", said.says())
                }
                shown => write!(f, "the quote says {}; `display` “{display}” reads `{}`", said.says(), shown.key()),
            },
            Mismatch::Qualifier { given, said } => write!(f, "the quote says {}; `qualifier` is `{}`", said.says(), given.key()),
            Mismatch::Value { given, said } => write!(f, "the quote says {}; `value` is `{given}`", said.says()),
        }
    }
}

impl std::error::Error for Mismatch {}

/// `“81,5 tỷ USD” (81,500,000,000 USD) and “7,3%” (7.3%)`.
fn listing(figures: &[Reading]) -> String {
    let items: Vec<String> = figures.iter().map(Reading::says).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Sets `claim` against the figure `quote` states (see the module doc for
/// the rules): the derived or confirmed reading, or the first thing that
/// does not agree ([`check_all`] gives every one).
pub fn check(quote: &str, claim: &Claim<'_>, locale: Locale) -> Result<Reading, Mismatch> {
    check_all(quote, claim, locale).map_err(|mismatches| mismatches.into_iter().next().expect("a failed check says why"))
}

/// As [`check`], with every field that disagrees: a `display` that stands
/// on a figure of the quote but misreads it (`5 triệu lượt` of `vượt mốc 5
/// triệu lượt`) still names that figure, so `value` and `qualifier` are set
/// against it too. Never an empty list.
pub fn check_all(quote: &str, claim: &Claim<'_>, locale: Locale) -> Result<Reading, Vec<Mismatch>> {
    let figures = read_figures(quote, locale);
    let (figure, mut mismatches) = match claim.display {
        Some(display) => {
            let (figure, misread) = locate(quote, &figures, display, locale).map_err(|m| vec![m])?;
            (figure, misread.into_iter().collect())
        }
        None => (pick(quote, &figures, claim).map_err(|m| vec![m])?, Vec::new()),
    };
    let reading = Reading::of(quote, figure, claim.display);
    if let Some(given) = claim.qualifier.filter(|q| *q != reading.qualifier) {
        mismatches.push(Mismatch::Qualifier {
            given,
            said: Box::new(reading.clone()),
        });
    }
    if let Some(given) = claim.value.filter(|v| !reading.value.matches(*v)) {
        mismatches.push(Mismatch::Value {
            given,
            said: Box::new(reading.clone()),
        });
    }
    if mismatches.is_empty() { Ok(reading) } else { Err(mismatches) }
}

/// The one figure of the quote, or the one `value` and `qualifier` single out.
fn pick<'f>(quote: &str, figures: &'f [Figure], claim: &Claim<'_>) -> Result<&'f Figure, Mismatch> {
    match figures {
        [] => Err(Mismatch::NoFigure),
        [one] => Ok(one),
        many => {
            let fits = |f: &&Figure| claim.value.is_some_and(|v| f.value.matches(v)) && claim.qualifier.is_none_or(|q| q == f.qualifier);
            let mut fitting = many.iter().filter(fits);
            match (fitting.next(), fitting.next()) {
                (Some(one), None) => Ok(one),
                _ => Err(Mismatch::Ambiguous {
                    figures: many.iter().map(|f| Reading::of(quote, f, None)).collect(),
                }),
            }
        }
    }
}

/// The quote's figure `display` stands on, and how `display` misreads it
/// when it does (the first such figure, when no figure of the quote agrees).
fn locate<'f>(quote: &str, figures: &'f [Figure], display: &str, locale: Locale) -> Result<(&'f Figure, Option<Mismatch>), Mismatch> {
    let haystack = Canonical::of(quote);
    let wanted = Canonical::of(display.trim()).text;
    let not_in_quote = || Mismatch::DisplayNotInQuote {
        display: display.trim().to_string(),
        figures: figures.iter().map(|f| Reading::of(quote, f, None)).collect(),
    };
    if wanted.is_empty() || !haystack.text.contains(&wanted) {
        return Err(not_in_quote());
    }
    let shown = match read_figures(&wanted, locale).as_slice() {
        [] => {
            return Err(Mismatch::DisplayNoFigure {
                display: display.trim().to_string(),
            });
        }
        [one] => one.clone(),
        many => {
            return Err(Mismatch::DisplaySeveralFigures {
                display: display.trim().to_string(),
                figures: many.iter().map(|f| f.text(&wanted).to_string()).collect(),
            });
        }
    };
    let mut first_mismatch = None;
    for (at, _) in haystack.text.match_indices(&wanted) {
        let number = haystack.original(at + shown.number.start, at + shown.number.end);
        let Some(figure) = figures.iter().find(|f| f.number == number) else {
            continue;
        };
        match agree(quote, figure, &shown, display) {
            Ok(()) => return Ok((figure, None)),
            Err(mismatch) => {
                first_mismatch.get_or_insert((figure, Some(mismatch)));
            }
        }
    }
    first_mismatch.ok_or_else(not_in_quote)
}

/// Whether the display's own reading (`shown`) says what the quote's figure says.
fn agree(quote: &str, figure: &Figure, shown: &Figure, display: &str) -> Result<(), Mismatch> {
    let display = display.trim().to_string();
    if shown.value != figure.value {
        let reads = shown.value;
        return Err(Mismatch::DisplayCut {
            display,
            reads,
            said: Box::new(Reading::of(quote, figure, None)),
        });
    }
    if shown.qualifier != figure.qualifier {
        let shown = shown.qualifier;
        return Err(Mismatch::DisplayQualifier {
            display,
            shown,
            said: Box::new(Reading::of(quote, figure, None)),
        });
    }
    Ok(())
}

/// A text with white space runs folded to one space and typographic quotes
/// and dashes to their ASCII forms (as citations are matched), and for each
/// of its bytes the byte range of the original character it came from.
#[derive(Debug)]
struct Canonical {
    text: String,
    origin: Vec<(usize, usize)>,
}

impl Canonical {
    fn of(original: &str) -> Canonical {
        let mut text = String::with_capacity(original.len());
        let mut origin: Vec<(usize, usize)> = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            let end = i + c.len_utf8();
            if c.is_whitespace() {
                if text.ends_with(' ') {
                    if let Some(last) = origin.last_mut() {
                        *last = (last.0, end);
                    }
                    continue;
                }
                text.push(' ');
                origin.push((i, end));
                continue;
            }
            let folded = ascii_form(c);
            text.push(folded);
            origin.extend(std::iter::repeat_n((i, end), folded.len_utf8()));
        }
        Canonical { text, origin }
    }

    /// The original byte range of the canonical bytes `start..end` (`end > start`).
    fn original(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.origin.get(start).map_or(usize::MAX, |o| o.0);
        let last = end.checked_sub(1).and_then(|e| self.origin.get(e)).map_or(usize::MAX, |o| o.1);
        first..last
    }
}

/// Typographic quotes and dashes to their ASCII forms (the citation matcher's table).
fn ascii_form(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        c => c,
    }
}
