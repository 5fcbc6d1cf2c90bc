//! The facts as data, published with the site: JSON (with its JSON Schema),
//! CSV and an iCalendar file of the visit's days.
//!
//! Generated from the content and its resolved citations, never written by
//! hand. Serialisation only: what a fact is was decided upstream.

pub mod encode;
pub mod feeds;
pub mod search;

use rayon::prelude::*;
use serde::Serialize;

use crate::disk::output::Sink;
use crate::export::encode::{csv_cell, csv_writer, ics_line, ics_text};
use crate::parse::config::Config;
use crate::parse::content::{Agreement, Metric, Section, TimelineEvent, Visit};
use crate::parse::date::Precision;
use crate::render::assets::Assets;
use crate::resolve::citation::Citation;
use crate::resolve::model::{Dossier, Fact, Item, Outline};

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

/// The download links of each fact section's page: (interface string key, site path).
pub fn downloads(section: Section) -> &'static [(&'static str, &'static str)] {
    match section {
        Section::Timeline => &[("download_json", "data/timeline.json"), ("download_ics", "data/timeline.ics")],
        Section::Agreements => &[("download_json", "data/agreements.json"), ("download_csv", "data/agreements.csv")],
        Section::Statistics => &[("download_json", "data/statistics.json"), ("download_csv", "data/statistics.csv")],
        Section::Articles | Section::People => &[],
    }
}

/// The data exports and the feeds: (site path, bytes).
pub fn data_and_feeds(dossier: &Dossier<'_>, config: &Config) -> Vec<(String, Vec<u8>)> {
    let mut files = data_files(dossier, host(config));
    let site = feeds::SiteInfo {
        title: &config.title,
        description: &config.description,
        base_url: &config.base_url,
    };
    let manifest = &dossier.outline.manifest;
    files.push((
        feeds::SITEMAP_FILE.to_string(),
        feeds::sitemap(&config.base_url, manifest.paths()).into_bytes(),
    ));
    files.push((feeds::ROBOTS_FILE.to_string(), feeds::robots(&config.base_url).into_bytes()));
    files.push((feeds::FEED_FILE.to_string(), feeds::atom(site, &dossier.outline).into_bytes()));
    files
}

/// Writes the data files and feeds and the copied files (built-in, the
/// dossier's `static/`, content files and the generated stylesheet); returns how many.
pub fn write_files(data: Vec<(String, Vec<u8>)>, assets: &Assets<'_>, sink: &dyn Sink) -> anyhow::Result<usize> {
    let mut files: Vec<(&str, &[u8])> = data.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    files.extend(assets.files());
    files.par_iter().try_for_each(|(path, bytes)| sink.put(path, bytes))?;
    Ok(files.len())
}

/// The host of the base URL, for the calendar's UIDs.
fn host(config: &Config) -> &str {
    config
        .base_url
        .as_str()
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("dossier")
}

/// The seed and quote of each citation, for the exports.
fn cited(citations: &[Citation]) -> Vec<(String, String)> {
    citations.iter().map(|c| (c.seed.clone(), c.quote.trim().to_string())).collect()
}

/// The data files of the dossier's fact sections: (site path, bytes).
fn data_files(dossier: &Dossier<'_>, visit_host: &str) -> Vec<(String, Vec<u8>)> {
    let outline = &dossier.outline;
    let mut files = Vec::new();
    if outline.sections.contains(&Section::Timeline) {
        files.extend(timeline_files(outline, visit_host));
    }
    if outline.sections.contains(&Section::Agreements) {
        files.extend(agreement_files(outline));
    }
    if outline.sections.contains(&Section::Statistics) {
        files.extend(statistics_files(outline));
    }
    files
}

/// The events in time order, with their items.
fn events_in_order<'a>(outline: &'a Outline<'a>) -> Vec<(&'a Item<'a>, &'a TimelineEvent)> {
    outline
        .timeline
        .iter()
        .flat_map(|g| &g.events)
        .filter_map(|&i| match outline.items[i].fact {
            Fact::Event(e) => Some((&outline.items[i], e)),
            _ => None,
        })
        .collect()
}

fn timeline_files(outline: &Outline<'_>, visit_host: &str) -> Vec<(String, Vec<u8>)> {
    let events = events_in_order(outline);
    let event_sources: Vec<Vec<(String, String)>> = events.iter().map(|(item, _)| cited(&item.sources[0])).collect();
    let timeline: Vec<EventOut> = events
        .iter()
        .zip(&event_sources)
        .map(|((_, e), s)| EventOut {
            date: e.date.to_string(),
            title: &e.title,
            summary: &e.summary,
            place: e.place.as_deref(),
            sources: source_out(s),
        })
        .collect();
    let events: Vec<&TimelineEvent> = events.iter().map(|(_, e)| *e).collect();
    vec![
        ("data/timeline.json".to_string(), json(&timeline)),
        (
            "data/timeline.ics".to_string(),
            ics(outline.visit, &events, visit_host).into_bytes(),
        ),
        ("data/timeline.schema.json".to_string(), TIMELINE_SCHEMA.as_bytes().to_vec()),
    ]
}

fn agreement_files(outline: &Outline<'_>) -> Vec<(String, Vec<u8>)> {
    let mut agreements: Vec<(&Item<'_>, &Agreement)> = outline.agreements().map(|(i, a)| (&outline.items[i], a)).collect();
    agreements.sort_by(|(_, a), (_, b)| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
    let sources: Vec<Vec<(String, String)>> = agreements.iter().map(|(item, _)| cited(&item.sources[0])).collect();
    let rows: Vec<AgreementOut> = agreements
        .iter()
        .zip(&sources)
        .map(|((_, a), s)| AgreementOut {
            title: &a.title,
            kind: a.kind.as_str(),
            parties: a.parties.iter().map(|p| p.name.as_str()).collect(),
            field: &a.field,
            date: a.date.map(|d| d.to_string()),
            sources: source_out(s),
        })
        .collect();
    let agreements: Vec<&Agreement> = agreements.iter().map(|(_, a)| *a).collect();
    vec![
        ("data/agreements.json".to_string(), json(&rows)),
        ("data/agreements.csv".to_string(), agreements_csv(&rows, &agreements)),
        ("data/agreements.schema.json".to_string(), AGREEMENTS_SCHEMA.as_bytes().to_vec()),
    ]
}

fn statistics_files(outline: &Outline<'_>) -> Vec<(String, Vec<u8>)> {
    let mut metrics: Vec<(&Item<'_>, &Metric)> = outline.metrics().map(|(i, m)| (&outline.items[i], m)).collect();
    metrics.sort_by(|(_, a), (_, b)| a.category.cmp(&b.category).then(a.id.cmp(&b.id)));
    let sources: Vec<Vec<Vec<(String, String)>>> = metrics
        .iter()
        .map(|(item, _)| item.sources.iter().map(|s| cited(s)).collect())
        .collect();
    let rows: Vec<MetricOut> = metrics
        .iter()
        .zip(&sources)
        .map(|((_, m), obs_sources)| MetricOut {
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
    vec![
        ("data/statistics.json".to_string(), json(&rows)),
        ("data/statistics.csv".to_string(), statistics_csv(&rows)),
        ("data/statistics.schema.json".to_string(), STATISTICS_SCHEMA.as_bytes().to_vec()),
    ]
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

fn agreements_csv(rows: &[AgreementOut<'_>], agreements: &[&Agreement]) -> Vec<u8> {
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
fn ics(visit: Option<&Visit>, events: &[&TimelineEvent], host: &str) -> String {
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
