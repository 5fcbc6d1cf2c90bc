//! The home page (`content/_index.md`): its title and description, and the
//! visit record (who visited whom, where, of what kind, from when to when),
//! with the sources that state it.

use serde::Deserialize;
use toml::Spanned;

use super::fields::{Fields, outcome};
use super::{CitationRef, RawSource, Source};
use crate::diag::Diagnostic;
use crate::parse::date::{Basis, PartialDate};

#[derive(Debug, Deserialize)]
struct RawHome {
    title: Option<String>,
    #[serde(default)]
    description: String,
    visit: Option<RawVisit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVisit {
    guest: String,
    host: String,
    place: String,
    kind: String,
    start: Spanned<toml::Value>,
    end: Spanned<toml::Value>,
    /// What the dates were inferred from, when no source states them whole.
    dates_inferred: Option<String>,
    #[serde(default)]
    sources: Vec<RawSource>,
}

#[derive(Debug, Clone)]
pub struct Home {
    pub source: Source,
    pub title: String,
    pub description: String,
    pub visit: Option<Visit>,
}

/// Who visited whom, where and when: the home page's summary of the visit.
#[derive(Debug, Clone)]
pub struct Visit {
    pub guest: String,
    pub host: String,
    pub place: String,
    pub kind: String,
    pub start: PartialDate,
    pub end: PartialDate,
    pub dates_basis: Basis,
    pub sources: Vec<CitationRef>,
}

pub(super) fn parse(source: Source) -> Result<Home, Vec<Diagnostic>> {
    let (raw, mut f) = Fields::read::<RawHome>(&source)?;
    let title = f.required(raw.title, "title", "the home page's title");
    let visit = raw.visit.map(|v| {
        let start = f.date(&v.start);
        let end = f.date(&v.end);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                f.error(v.end.span().start, format!("the visit ends ({e}) before it starts ({s})"));
            }
        }
        Visit {
            guest: v.guest,
            host: v.host,
            place: v.place,
            kind: v.kind,
            start: start.unwrap_or(PartialDate::year_only(1)),
            end: end.unwrap_or(PartialDate::year_only(1)),
            dates_basis: Basis::from_field(v.dates_inferred),
            sources: f.citations(v.sources),
        }
    });
    outcome(f.done(), || Home {
        title: title.unwrap_or_default(),
        description: raw.description,
        visit,
        source,
    })
}
