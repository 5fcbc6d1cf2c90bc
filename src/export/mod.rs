//! The facts as data, published with the site: JSON (with its JSON Schema),
//! CSV and an iCalendar file of the visit's days.
//!
//! Generated from the content and its resolved citations, never written by
//! hand. Serialisation only: what a fact is was decided upstream.

pub mod encode;
pub mod feeds;
pub mod search;

use serde::Serialize;

use crate::export::encode::{csv_cell, csv_writer, ics_line, ics_text};
use crate::parse::content::{CitationRef, Content, Section, TimelineEvent};
use crate::parse::date::Precision;
use crate::resolve::xref::CitationIndex;

/// The data files of each fact section (site paths), its JSON Schema last.
pub fn files(section: Section) -> &'static [&'static str] {
    match section {
        Section::Timeline => &["data/timeline.json", "data/timeline.ics", "data/timeline.schema.json"],
        Section::Agreements => &["data/agreements.json", "data/agreements.csv", "data/agreements.schema.json"],
        Section::Statistics => &["data/statistics.json", "data/statistics.csv", "data/statistics.schema.json"],
        Section::Articles | Section::People => &[],
    }
}

const TIMELINE_SCHEMA: &str = include_str!("../../schemas/timeline.schema.json");
const AGREEMENTS_SCHEMA: &str = include_str!("../../schemas/agreements.schema.json");
const STATISTICS_SCHEMA: &str = include_str!("../../schemas/statistics.schema.json");

#[derive(Debug, Serialize)]
struct SourceOut<'a> {
    seed: &'a str,
    quote: &'a str,
}

#[derive(Debug, Serialize)]
struct EventOut<'a> {
    date: String,
    title: &'a str,
    summary: &'a str,
    place: Option<&'a str>,
    sources: Vec<SourceOut<'a>>,
}

#[derive(Debug, Serialize)]
struct AgreementOut<'a> {
    title: &'a str,
    kind: &'a str,
    parties: Vec<&'a str>,
    field: &'a str,
    date: Option<String>,
    sources: Vec<SourceOut<'a>>,
}

#[derive(Debug, Serialize)]
struct MetricOut<'a> {
    id: &'a str,
    label: &'a str,
    unit: &'a str,
    category: &'a str,
    discrepancy: bool,
    observations: Vec<ObservationOut<'a>>,
}

#[derive(Debug, Serialize)]
struct ObservationOut<'a> {
    value: f64,
    display: &'a str,
    period: Option<&'a str>,
    sources: Vec<SourceOut<'a>>,
}

/// The data files of the given sections: (site path, bytes).
pub fn data_files(sections: &[Section], content: &Content, citations: &CitationIndex, visit_host: &str) -> Vec<(String, Vec<u8>)> {
    let sources = |cites: &'_ [CitationRef]| -> Vec<(String, String)> {
        cites
            .iter()
            .filter_map(|c| citations.resolved(c))
            .map(|c| (c.seed.clone(), c.quote.trim().to_string()))
            .collect()
    };
    let events = content.events_in_order();
    let mut files = Vec::new();

    let event_sources: Vec<Vec<(String, String)>> = events.iter().map(|e| sources(&e.sources)).collect();
    let timeline: Vec<EventOut> = events
        .iter()
        .zip(&event_sources)
        .map(|(e, s)| EventOut {
            date: e.date.to_string(),
            title: &e.title,
            summary: &e.summary,
            place: e.place.as_deref(),
            sources: source_out(s),
        })
        .collect();
    if sections.contains(&Section::Timeline) {
        files.push(("data/timeline.json".to_string(), json(&timeline)));
        files.push(("data/timeline.ics".to_string(), ics(content, &events, visit_host).into_bytes()));
        files.push(("data/timeline.schema.json".to_string(), TIMELINE_SCHEMA.as_bytes().to_vec()));
    }

    let mut agreements: Vec<_> = content.agreements.iter().collect();
    agreements.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
    let agreement_sources: Vec<Vec<(String, String)>> = agreements.iter().map(|a| sources(&a.sources)).collect();
    let agreements_out: Vec<AgreementOut> = agreements
        .iter()
        .zip(&agreement_sources)
        .map(|(a, s)| AgreementOut {
            title: &a.title,
            kind: &a.kind,
            parties: a.parties.iter().map(|p| p.name.as_str()).collect(),
            field: &a.field,
            date: a.date.map(|d| d.to_string()),
            sources: source_out(s),
        })
        .collect();
    if sections.contains(&Section::Agreements) {
        files.push(("data/agreements.json".to_string(), json(&agreements_out)));
        files.push(("data/agreements.csv".to_string(), agreements_csv(&agreements_out, &agreements)));
        files.push(("data/agreements.schema.json".to_string(), AGREEMENTS_SCHEMA.as_bytes().to_vec()));
    }

    let mut metrics: Vec<_> = content.metrics.iter().collect();
    metrics.sort_by(|a, b| a.category.cmp(&b.category).then(a.id.cmp(&b.id)));
    let observation_sources: Vec<Vec<Vec<(String, String)>>> = metrics
        .iter()
        .map(|m| m.observations.iter().map(|o| sources(&o.sources)).collect())
        .collect();
    let metrics_out: Vec<MetricOut> = metrics
        .iter()
        .zip(&observation_sources)
        .map(|(m, obs_sources)| MetricOut {
            id: &m.id,
            label: &m.label,
            unit: &m.unit,
            category: &m.category,
            discrepancy: m.discrepancy,
            observations: m
                .observations
                .iter()
                .zip(obs_sources)
                .map(|(o, s)| ObservationOut {
                    value: o.value,
                    display: &o.display,
                    period: o.period.as_deref(),
                    sources: source_out(s),
                })
                .collect(),
        })
        .collect();
    if sections.contains(&Section::Statistics) {
        files.push(("data/statistics.json".to_string(), json(&metrics_out)));
        files.push(("data/statistics.csv".to_string(), statistics_csv(&metrics_out)));
        files.push(("data/statistics.schema.json".to_string(), STATISTICS_SCHEMA.as_bytes().to_vec()));
    }
    files
}

fn source_out(sources: &[(String, String)]) -> Vec<SourceOut<'_>> {
    sources.iter().map(|(seed, quote)| SourceOut { seed, quote }).collect()
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("views serialise");
    bytes.push(b'\n');
    bytes
}

fn sources_cell(sources: &[SourceOut<'_>]) -> String {
    sources
        .iter()
        .map(|s| format!("{}: “{}”", s.seed, s.quote))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn agreements_csv(rows: &[AgreementOut<'_>], agreements: &[&crate::parse::content::Agreement]) -> Vec<u8> {
    let mut w = csv_writer();
    w.write_record(["title", "kind", "field", "date", "parties", "countries", "sources"])
        .expect("writing to memory");
    for (row, a) in rows.iter().zip(agreements) {
        let countries = a.parties.iter().map(|p| p.country.as_str()).collect::<Vec<_>>().join(" | ");
        let cells = [
            row.title,
            row.kind,
            row.field,
            row.date.as_deref().unwrap_or(""),
            &row.parties.join(" | "),
            &countries,
            &sources_cell(&row.sources),
        ];
        w.write_record(cells.map(|c| csv_cell(c).into_owned())).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

fn statistics_csv(metrics: &[MetricOut<'_>]) -> Vec<u8> {
    let mut w = csv_writer();
    w.write_record([
        "id",
        "label",
        "unit",
        "category",
        "discrepancy",
        "value",
        "display",
        "period",
        "sources",
    ])
    .expect("writing to memory");
    for m in metrics {
        for o in &m.observations {
            let cells = [
                m.id,
                m.label,
                m.unit,
                m.category,
                if m.discrepancy { "true" } else { "false" },
                &o.value.to_string(),
                o.display,
                o.period.unwrap_or(""),
                &sources_cell(&o.sources),
            ];
            w.write_record(cells.map(|c| csv_cell(c).into_owned())).expect("writing to memory");
        }
    }
    w.into_inner().expect("writing to memory")
}

/// One all-day entry per event of the visit that has a day (RFC 5545).
fn ics(content: &Content, events: &[&TimelineEvent], host: &str) -> String {
    let visit = content.home.as_ref().and_then(|h| h.visit.as_ref());
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dossier//visit dossier//VI\r\nCALSCALE:GREGORIAN\r\n");
    for e in events
        .iter()
        .filter(|e| e.date.precision() == Precision::Day && visit.is_none_or(|v| e.date >= v.start && e.date <= v.end))
    {
        let day = format!("{:04}{:02}{:02}", e.date.year, e.date.month.unwrap_or(1), e.date.day.unwrap_or(1));
        let next = jiff::civil::Date::new(e.date.year, e.date.month.unwrap_or(1) as i8, e.date.day.unwrap_or(1) as i8)
            .ok()
            .and_then(|d| d.tomorrow().ok())
            .map_or(day.clone(), |d| d.strftime("%Y%m%d").to_string());
        let mut summary = e.title.clone();
        if let Some(time) = &e.time {
            summary = format!("{summary} ({time})");
        }
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&ics_line("UID", &ics_text(&format!("{}@{}", e.id, host))));
        out.push_str(&format!("DTSTAMP:{day}T000000Z\r\n"));
        out.push_str(&format!("DTSTART;VALUE=DATE:{day}\r\nDTEND;VALUE=DATE:{next}\r\n"));
        out.push_str(&ics_line("SUMMARY", &ics_text(&summary)));
        out.push_str(&ics_line("DESCRIPTION", &ics_text(&e.summary)));
        if let Some(place) = &e.place {
            out.push_str(&ics_line("LOCATION", &ics_text(place)));
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}
