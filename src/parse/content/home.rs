//! The home page (`content/_index.md`): its title and description, and the
//! visit record (who visited whom, where, of what kind, from when to when),
//! with the sources that state it.

use serde::Deserialize;
use toml::Spanned;

use super::fields::Fields;
use super::{CitationRef, Named, RawSource, Source, Unparsed};
use crate::parse::date::{Basis, PartialDate};

#[derive(Debug, Deserialize)]
struct RawHome {
    title: Option<String>,
    #[serde(default)]
    description: String,
    visit: Option<Spanned<RawVisit>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVisit {
    guest: Option<String>,
    host: Option<String>,
    place: Option<String>,
    kind: Option<String>,
    start: Option<Spanned<toml::Value>>,
    end: Option<Spanned<toml::Value>>,
    /// What the dates were inferred from, when no source states them whole.
    dates_inferred: Option<String>,
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
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

pub(super) fn parse(source: Source) -> Result<Home, Unparsed> {
    let (raw, mut f) = Fields::read::<RawHome>(&source)?;
    let title = f.required(raw.title, "title", "the home page's title");
    let visit = raw.visit.map(|v| visit(&mut f, v));
    let errors = f.done();
    if !errors.is_empty() {
        let named = Named {
            citations: visit.map(|v| v.sources).unwrap_or_default(),
            ids: Vec::new(),
        };
        return Err(Unparsed { errors, named });
    }
    Ok(Home {
        title: title.unwrap_or_default(),
        description: raw.description,
        visit,
        source,
    })
}

/// The `[visit]` table; its problems go to `f`.
fn visit(f: &mut Fields<'_>, raw: Spanned<RawVisit>) -> Visit {
    let at = Some(raw.span());
    let v = raw.into_inner();
    let mut text = |value: Option<String>, key: &str, what: &str| f.required_in(value, at.clone(), key, what).unwrap_or_default();
    let guest = text(v.guest, "guest", "who visits");
    let host = text(v.host, "host", "who receives them");
    let place = text(v.place, "place", "where the visit is");
    let kind = text(v.kind, "kind", "what sort of visit it is");
    let start = f
        .required_in(v.start.as_ref(), at.clone(), "start", "the visit's first day")
        .and_then(|d| f.date(d));
    let end = f
        .required_in(v.end.as_ref(), at, "end", "the visit's last day")
        .and_then(|d| f.date(d));
    if let (Some(s), Some(e), Some(written)) = (start, end, &v.end) {
        if e < s {
            f.error(written.span().start, format!("the visit ends ({e}) before it starts ({s})"));
        }
    }
    Visit {
        guest,
        host,
        place,
        kind,
        start: start.unwrap_or(PartialDate::year_only(1)),
        end: end.unwrap_or(PartialDate::year_only(1)),
        dates_basis: Basis::from_field(v.dates_inferred),
        sources: f.citations(v.sources),
    }
}
