//! A statement (`content/statements/*.md`): who said what, on what
//! occasion and when, the words quoted exactly from a seed. The key
//! messages of the visit, each traceable to its sentence.

use serde::Deserialize;
use toml::Spanned;

use super::fields::Fields;
use super::{CitationRef, IdKind, Named, NamedId, Source, Unparsed};
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
    /// Where `date` is written (the front matter's start when it is not).
    pub date_position: (usize, usize),
    pub date_basis: Basis,
    /// The analyst's words on it, if any.
    pub summary: String,
    /// The words said, exactly as the seed quotes them.
    pub quote: CitationRef,
}

pub(super) fn parse(source: Source) -> Result<Statement, Unparsed> {
    let (raw, mut f) = Fields::read::<RawStatement>(&source)?;
    let speaker = f.required(raw.speaker, "speaker", "the id of who said it (`content/people/<id>.md`)");
    let seed = f.required(raw.seed, "seed", "the seed that quotes it");
    let quote = f.required(raw.quote, "quote", "the words said, exactly as the seed has them");
    let date_position = source.toml_pos(raw.date.as_ref().map_or(0, |d| d.span().start));
    let date = raw.date.as_ref().and_then(|d| f.date(d));
    let at = |s: &Spanned<String>| (s.get_ref().clone(), source.toml_pos(s.span().start));
    let speaker = speaker.map(|s| at(&s));
    let event = raw.event.map(|e| at(&e));
    let quote = seed.zip(quote).map(|(seed, quote)| f.citation(seed, quote));
    let errors = f.done();
    match (speaker, quote) {
        (Some(speaker), Some(quote)) if errors.is_empty() => Ok(Statement {
            id: source.stem(),
            title: raw.title.unwrap_or_else(|| crate::parse::seed::shorten(&quote.quote, 80)),
            speaker,
            event,
            date,
            date_position,
            date_basis: Basis::from_field(raw.date_inferred),
            summary: raw.summary,
            quote,
            source,
        }),
        (speaker, quote) => {
            let named = |kind, (id, position)| NamedId { kind, id, position };
            let ids = (speaker.map(|s| named(IdKind::Speaker, s)).into_iter())
                .chain(event.map(|e| named(IdKind::Event, e)))
                .collect();
            let named = Named {
                citations: quote.into_iter().collect(),
                ids,
            };
            Err(Unparsed { errors, named })
        }
    }
}
