//! A statement (`content/statements/*.md`): who said what, on what
//! occasion and when, the words quoted exactly from a seed. The key
//! messages of the visit, each traceable to its sentence.

use serde::Deserialize;
use toml::Spanned;

use super::fields::{Fields, outcome};
use super::{CitationRef, Source};
use crate::diag::Diagnostic;
use crate::parse::date::{Basis, PartialDate};

#[derive(Debug, Deserialize)]
struct RawStatement {
    title: Option<String>,
    speaker: Option<Spanned<String>>,
    event: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
    date_inferred: Option<String>,
    seed: Option<Spanned<String>>,
    quote: Option<Spanned<String>>,
    #[serde(default)]
    summary: String,
}

/// Who said what, where and when.
#[derive(Debug, Clone)]
pub struct Statement {
    pub source: Source,
    pub id: String,
    /// A short title; the quote's opening words when none is given.
    pub title: String,
    /// The speaker's person id, and where it is written.
    pub speaker: (String, (usize, usize)),
    /// The occasion: an event id, and where it is written.
    pub event: Option<(String, (usize, usize))>,
    /// When it was said; the occasion's date when not given.
    pub date: Option<PartialDate>,
    pub date_basis: Basis,
    /// The analyst's words on it, if any.
    pub summary: String,
    /// The words said, exactly as the seed quotes them.
    pub quote: CitationRef,
}

pub(super) fn parse(source: Source) -> Result<Statement, Vec<Diagnostic>> {
    let (raw, mut f) = Fields::read::<RawStatement>(&source)?;
    let speaker = f.required(raw.speaker, "speaker", "the id of who said it (`content/people/<id>.md`)");
    let seed = f.required(raw.seed, "seed", "the seed that quotes it");
    let quote = f.required(raw.quote, "quote", "the words said, exactly as the seed has them");
    let date = raw.date.as_ref().and_then(|d| f.date(d));
    let at = |s: &Spanned<String>| (s.get_ref().clone(), source.toml_pos(s.span().start));
    let speaker = speaker.map(|s| at(&s));
    let event = raw.event.map(|e| at(&e));
    let quote = seed.zip(quote).map(|(seed, quote)| f.citation(seed, quote));
    outcome(f.done(), || {
        let quote = quote.expect("a statement without errors has its quote");
        Statement {
            id: source.stem(),
            title: raw.title.unwrap_or_else(|| crate::parse::seed::shorten(&quote.quote, 80)),
            speaker: speaker.expect("a statement without errors has its speaker"),
            event,
            date,
            date_basis: Basis::from_field(raw.date_inferred),
            summary: raw.summary,
            quote,
            source,
        }
    })
}
