//! A timeline event (`content/timeline/*.md`): what happened, when (a day,
//! a month or a year, or a range of days), at what time of day, where, who
//! took part, and the sentences that report it. A date or a time the
//! sources do not state says what the analyst inferred it from; events of
//! one day may say which comes before or after which, citing the sentence
//! that says so.

use serde::Deserialize;
use toml::Spanned;

use super::fields::Fields;
use super::{CitationRef, IdKind, Named, NamedId, RawSource, Source, Unparsed};
use crate::parse::date::{Basis, PartialDate, Precision};
use crate::text::time_of_day::TimeOfDay;

#[derive(Debug, Deserialize)]
struct RawEvent {
    title: Option<String>,
    date: Option<Spanned<toml::Value>>,
    end: Option<Spanned<toml::Value>>,
    date_inferred: Option<String>,
    time: Option<Spanned<String>>,
    time_inferred: Option<String>,
    place: Option<String>,
    people: Option<Vec<Spanned<String>>>,
    summary: Option<String>,
    after: Option<Spanned<RawRelation>>,
    before: Option<Spanned<RawRelation>>,
    sources: Option<Spanned<Vec<Spanned<RawSource>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    event: Option<Spanned<String>>,
    seed: Option<Spanned<String>>,
    quote: Option<Spanned<String>>,
}

/// Which way a relation between two events of one day goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// This event comes after the other one.
    After,
    /// This event comes before the other one.
    Before,
}

/// "This event comes after (or before) that one", and the sentence that says so.
#[derive(Debug, Clone)]
pub struct Relation {
    pub order: Order,
    /// The other event's id (its file stem).
    pub event: String,
    /// Where the other event's id is written.
    pub position: (usize, usize),
    pub cite: CitationRef,
}

/// One dated event.
#[derive(Debug, Clone)]
pub struct TimelineEvent {
    pub source: Source,
    pub id: String,
    pub title: String,
    pub date: PartialDate,
    /// Where `date` is written.
    pub date_position: (usize, usize),
    /// The last day of an event over several days.
    pub end: Option<PartialDate>,
    pub date_basis: Basis,
    /// The time of day as the source words it (`chiều`), and read.
    pub time: Option<(String, TimeOfDay)>,
    pub time_basis: Basis,
    pub place: Option<String>,
    /// Person ids with where each is written; `None` when the event does
    /// not list them (they are then read from its quotes).
    pub people: Option<Vec<(String, (usize, usize))>>,
    pub summary: String,
    pub relations: Vec<Relation>,
    pub sources: Vec<CitationRef>,
}

pub(super) fn parse(source: Source) -> Result<TimelineEvent, Unparsed> {
    let (raw, mut f) = Fields::read::<RawEvent>(&source)?;
    let title = f.required(raw.title, "title", "what happened");
    let summary = f.required(raw.summary, "summary", "one sentence on it");
    let date_value = f.required(raw.date.as_ref(), "date", "`2025-08-11`, `\"2025-08\"` or `2025`");
    let date_position = source.toml_pos(date_value.map_or(0, |d| d.span().start));
    let date = date_value.and_then(|d| f.date(d));
    let end = raw.end.as_ref().and_then(|e| end_date(&mut f, date, e));
    let time = raw.time.and_then(|t| match TimeOfDay::parse(t.get_ref()) {
        Some(time) => Some((t.into_inner(), time)),
        None => {
            let message = format!(
                "`{}` is not a time of day: write it as the source does (sáng, trưa, chiều, tối, đêm) or as a clock time such as 14:30",
                t.get_ref()
            );
            f.error(t.span().start, message);
            None
        }
    });
    let relations: Vec<Relation> = [(Order::After, raw.after), (Order::Before, raw.before)]
        .into_iter()
        .filter_map(|(order, r)| relation(&mut f, order, r?))
        .collect();
    let people: Option<Vec<(String, (usize, usize))>> = raw.people.map(|list| {
        list.into_iter()
            .map(|p| (p.get_ref().clone(), source.toml_pos(p.span().start)))
            .collect()
    });
    let sources = f.sources(raw.sources, None, "event", "the sentence that reports it");
    let errors = f.done();
    if !errors.is_empty() {
        let named = named_by(people.iter().flatten(), &relations, sources);
        return Err(Unparsed { errors, named });
    }
    Ok(TimelineEvent {
        id: source.stem(),
        title: title.unwrap_or_default(),
        date: date.unwrap_or(PartialDate::year_only(1)),
        date_position,
        end,
        date_basis: Basis::from_field(raw.date_inferred),
        time,
        time_basis: Basis::from_field(raw.time_inferred),
        place: raw.place,
        people,
        summary: summary.unwrap_or_default(),
        relations,
        sources,
        source,
    })
}

/// An `after` or `before`: the other event and the sentence that orders them.
fn relation(f: &mut Fields<'_>, order: Order, raw: Spanned<RawRelation>) -> Option<Relation> {
    let at = Some(raw.span());
    let raw = raw.into_inner();
    let event = f.required_in(raw.event, at.clone(), "event", "the other event's file name");
    let seed = f.required_in(raw.seed, at.clone(), "seed", "the seed that orders them");
    let quote = f.required_in(raw.quote, at, "quote", "the seed's words that say which came first");
    let (event, seed, quote) = (event?, seed?, quote?);
    Some(Relation {
        order,
        position: f.source.toml_pos(event.span().start),
        event: event.into_inner(),
        cite: f.citation(seed, quote),
    })
}

/// What a failed event names: its people, the events it is ordered against,
/// the sentences it cites.
fn named_by<'p>(people: impl Iterator<Item = &'p (String, (usize, usize))>, relations: &[Relation], sources: Vec<CitationRef>) -> Named {
    let people = people.map(|(id, position)| NamedId {
        kind: IdKind::Person,
        id: id.clone(),
        position: *position,
    });
    let events = relations.iter().map(|r| NamedId {
        kind: IdKind::Event,
        id: r.event.clone(),
        position: r.position,
    });
    let mut citations = sources;
    citations.extend(relations.iter().map(|r| r.cite.clone()));
    Named {
        citations,
        ids: people.chain(events).collect(),
    }
}

/// The last day of a range: a day, after the first one.
fn end_date(f: &mut Fields<'_>, start: Option<PartialDate>, value: &Spanned<toml::Value>) -> Option<PartialDate> {
    let end = f.date(value)?;
    let at = value.span().start;
    match start {
        Some(start) if start.precision() != Precision::Day || end.precision() != Precision::Day => {
            f.error(at, "`end` makes a range of days: give `date` and `end` as days (`2025-08-13`)");
            None
        }
        Some(start) if end <= start => {
            f.error(
                at,
                format!("the event ends ({end}) before or on the day it starts ({start}): drop `end` for one day"),
            );
            None
        }
        _ => Some(end),
    }
}
