//! The rows of the data exports: every field a fact page shows, as plain
//! data (JSON objects; CSV rows flatten them). Built from the resolved
//! dossier; what a fact is was decided upstream, this module only shapes it.

use serde::Serialize;

use crate::parse::content::{Agreement, Metric, Observation, PersonKind, Statement, TimelineEvent, Visit};
use crate::parse::date::{Basis, PartialDate};
use crate::parse::i18n::Catalog;
use crate::resolve::citation::Citation;
use crate::resolve::model::{Fact, Item, Outline};
use crate::text::figure::Qualifier;

/// A citation: its seed, its quote as the seed has it, and the quote in the
/// edition's language where a translation gives one.
#[derive(Debug, Serialize)]
pub struct SourceRow {
    pub seed: String,
    pub quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

pub fn sources(citations: &[Citation]) -> Vec<SourceRow> {
    citations
        .iter()
        .map(|c| SourceRow {
            seed: c.seed.clone(),
            quote: c.quote.trim().to_string(),
            translation: c.translation.clone(),
        })
        .collect()
}

/// Whether a date is stated by a source or inferred, and from what.
#[derive(Debug, Serialize)]
pub struct BasisRow {
    pub basis: &'static str,
    pub inferred_from: Option<String>,
}

pub fn basis(basis: &Basis) -> BasisRow {
    BasisRow {
        basis: basis.as_str(),
        inferred_from: basis.inferred_from().map(str::to_string),
    }
}

/// A person or an organisation an item names.
#[derive(Debug, Serialize)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

fn person_ref(outline: &Outline<'_>, index: usize) -> Option<PersonRef> {
    match outline.items[index].fact {
        Fact::Person(p) => Some(PersonRef {
            id: p.id.clone(),
            name: p.name.clone(),
        }),
        _ => None,
    }
}

#[derive(Debug, Serialize)]
pub struct VisitRow {
    pub guest: String,
    pub host: String,
    pub place: String,
    pub kind: String,
    pub start: PartialDate,
    pub end: PartialDate,
    pub dates: BasisRow,
    pub sources: Vec<SourceRow>,
}

pub fn visit(visit: &Visit, home: Option<&Item<'_>>) -> VisitRow {
    VisitRow {
        guest: visit.guest.clone(),
        host: visit.host.clone(),
        place: visit.place.clone(),
        kind: visit.kind.clone(),
        start: visit.start,
        end: visit.end,
        dates: basis(&visit.dates_basis),
        sources: home.and_then(|h| h.sources.first()).map(|s| sources(s)).unwrap_or_default(),
    }
}

#[derive(Debug, Serialize)]
pub struct EventRow {
    pub id: String,
    pub date: PartialDate,
    /// The last day, for an event over several days.
    pub end: Option<PartialDate>,
    #[serde(rename = "date_basis")]
    pub date_basis: BasisRow,
    /// The time of day as the source words it (`chiều`).
    pub time: Option<String>,
    /// The part of the day it is (`afternoon`), and the clock time when given.
    pub time_of_day: Option<String>,
    pub time_basis: Option<BasisRow>,
    pub title: String,
    pub summary: String,
    pub place: Option<String>,
    pub people: Vec<PersonRef>,
    pub sources: Vec<SourceRow>,
}

pub fn event(outline: &Outline<'_>, item: &Item<'_>, e: &TimelineEvent) -> EventRow {
    EventRow {
        id: e.id.clone(),
        date: e.date,
        end: e.end,
        date_basis: basis(&e.date_basis),
        time: e.time.as_ref().map(|(words, _)| words.clone()),
        time_of_day: e.time.as_ref().map(|(_, t)| t.describe(crate::text::locale::Locale::En)),
        time_basis: e.time.as_ref().map(|_| basis(&e.time_basis)),
        title: e.title.clone(),
        summary: e.summary.clone(),
        place: e.place.clone(),
        people: item.related.people.iter().filter_map(|&p| person_ref(outline, p)).collect(),
        sources: sources(&item.sources[0]),
    }
}

#[derive(Debug, Serialize)]
pub struct PartyRow {
    pub name: String,
    /// ISO 3166-1 alpha-2, and its name in the site's language.
    pub country: String,
    pub country_name: String,
    /// Its entry among the people and organisations, where there is one.
    pub entry: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AgreementRow {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub field: String,
    pub date: Option<PartialDate>,
    pub date_basis: Option<BasisRow>,
    pub parties: Vec<PartyRow>,
    pub sources: Vec<SourceRow>,
}

pub fn agreement(outline: &Outline<'_>, catalog: &Catalog, item: &Item<'_>, a: &Agreement) -> AgreementRow {
    AgreementRow {
        id: a.id.clone(),
        title: a.title.clone(),
        kind: a.kind.as_str(),
        field: a.field.clone(),
        date: a.date,
        date_basis: a.date.map(|_| basis(&a.date_basis)),
        parties: a
            .parties
            .iter()
            .zip(&item.related.parties)
            .map(|(p, entry)| PartyRow {
                name: p.name.clone(),
                country: p.country.clone(),
                country_name: catalog.country(&p.country),
                entry: entry.and_then(|i| person_ref(outline, i)).map(|r| r.id),
            })
            .collect(),
        sources: sources(&item.sources[0]),
    }
}

#[derive(Debug, Serialize)]
pub struct ObservationRow {
    pub value: f64,
    pub display: String,
    pub qualifier: Qualifier,
    /// The unit or counted noun the source writes after the figure.
    pub unit: Option<String>,
    /// `stated` (read from the quote) or `inferred` (counted by the analyst).
    pub basis: &'static str,
    pub inferred_from: Option<String>,
    pub period: Option<String>,
    pub sources: Vec<SourceRow>,
}

#[derive(Debug, Serialize)]
pub struct MetricRow {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub category: Option<String>,
    /// The sources disagree: every value is kept, none picked.
    pub disputed: bool,
    pub discrepancy_note: Option<String>,
    pub observations: Vec<ObservationRow>,
}

pub fn metric(item: &Item<'_>, m: &Metric) -> MetricRow {
    let observation = |(o, cited): (&Observation, &Vec<Citation>)| ObservationRow {
        value: o.value,
        display: o.display.clone(),
        qualifier: o.qualifier,
        unit: o.unit.clone(),
        basis: o.basis.as_str(),
        inferred_from: o.basis.inferred_from().map(str::to_string),
        period: o.period.clone(),
        sources: sources(cited),
    };
    MetricRow {
        id: m.id.clone(),
        label: m.label.clone(),
        unit: m.unit.clone(),
        category: m.category.clone(),
        disputed: m.disputed(),
        discrepancy_note: m.discrepancy_note.clone(),
        observations: m.observations.iter().zip(&item.sources).map(observation).collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct StatementRow {
    pub id: String,
    pub title: String,
    pub speaker: Option<PersonRef>,
    /// The occasion's id and title.
    pub event: Option<(String, String)>,
    pub date: Option<PartialDate>,
    pub date_basis: Option<BasisRow>,
    pub quote: Vec<SourceRow>,
    pub summary: String,
}

pub fn statement(outline: &Outline<'_>, item: &Item<'_>, s: &Statement) -> StatementRow {
    let event = item.related.event.map(|i| &outline.items[i]);
    let (date, date_basis) = statement_date(s, event);
    StatementRow {
        id: s.id.clone(),
        title: s.title.clone(),
        speaker: item.related.people.first().and_then(|&p| person_ref(outline, p)),
        event: event.and_then(|e| match e.fact {
            Fact::Event(ev) => Some((ev.id.clone(), ev.title.clone())),
            _ => None,
        }),
        date,
        date_basis: date_basis.map(basis),
        quote: sources(&item.sources[0]),
        summary: s.summary.clone(),
    }
}

/// When a statement was made: its own date, else its occasion's, with the basis of whichever.
pub fn statement_date<'a>(s: &'a Statement, event: Option<&'a Item<'_>>) -> (Option<PartialDate>, Option<&'a Basis>) {
    if s.date.is_some() {
        return (s.date, Some(&s.date_basis));
    }
    match event.map(|e| e.fact) {
        Some(Fact::Event(e)) => (Some(e.date), Some(&e.date_basis)),
        _ => (None, None),
    }
}

#[derive(Debug, Serialize)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: &'static str,
    pub role: String,
    pub country: Option<String>,
}

pub fn person(p: &crate::parse::content::Person) -> PersonRow {
    PersonRow {
        id: p.id.clone(),
        name: p.name.clone(),
        aliases: p.aliases.clone(),
        kind: match p.kind {
            PersonKind::Person => "person",
            PersonKind::Organisation => "organisation",
        },
        role: p.role.clone(),
        country: p.country.clone(),
    }
}
