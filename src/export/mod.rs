//! The facts as data, published with the site: JSON (each with its JSON
//! Schema), CSV and an iCalendar file of the visit's days, the visit record,
//! and the feeds; then every file copied as is.
//!
//! Generated from the resolved dossier, never written by hand.
//! Serialisation only: what a fact is was decided upstream ([`rows`]).

pub mod encode;
pub mod feeds;
pub mod rows;
pub mod search;

use rayon::prelude::*;
use serde::Serialize;

use crate::disk::output::Sink;
use crate::export::encode::{csv_cell, csv_writer, ics_line, ics_text};
use crate::parse::config::Config;
use crate::parse::content::{Section, TimelineEvent, Visit};
use crate::parse::date::{PartialDate, Precision};
use crate::parse::i18n::Catalog;
use crate::render::assets::Assets;
use crate::resolve::model::{Dossier, Fact, Outline};
use rows::{AgreementRow, MetricRow, SourceRow};

/// The data files of each section (site paths): the data, then its JSON Schema.
pub fn files(section: Section) -> &'static [&'static str] {
    match section {
        Section::Timeline => &["data/timeline.json", "data/timeline.ics", "data/timeline.schema.json"],
        Section::Agreements => &["data/agreements.json", "data/agreements.csv", "data/agreements.schema.json"],
        Section::Statistics => &["data/statistics.json", "data/statistics.csv", "data/statistics.schema.json"],
        Section::Statements => &["data/statements.json", "data/statements.csv", "data/statements.schema.json"],
        Section::People => &["data/people.json", "data/people.csv", "data/people.schema.json"],
        Section::Articles => &[],
    }
}

/// The visit record, written when the home page has one.
pub const VISIT_FILES: [&str; 2] = ["data/visit.json", "data/visit.schema.json"];

/// The download links of a section's page: (interface string key, site path);
/// every data file but the schemas.
pub fn downloads(section: Section) -> Vec<(&'static str, &'static str)> {
    files(section)
        .iter()
        .filter(|path| !path.ends_with(".schema.json"))
        .map(|path| {
            let key = match path.rsplit_once('.').map_or("", |(_, ext)| ext) {
                "csv" => "download_csv",
                "ics" => "download_ics",
                _ => "download_json",
            };
            (key, *path)
        })
        .collect()
}

fn schema(path: &str) -> &'static str {
    match path {
        "data/timeline.schema.json" => include_str!("../../schemas/timeline.schema.json"),
        "data/agreements.schema.json" => include_str!("../../schemas/agreements.schema.json"),
        "data/statistics.schema.json" => include_str!("../../schemas/statistics.schema.json"),
        "data/statements.schema.json" => include_str!("../../schemas/statements.schema.json"),
        "data/people.schema.json" => include_str!("../../schemas/people.schema.json"),
        "data/visit.schema.json" => include_str!("../../schemas/visit.schema.json"),
        other => unreachable!("no schema is named `{other}`"),
    }
}

/// Writes the data exports and the feeds to `sink`, each file as soon as
/// it is made (the largest, `timeline.json`, is tens of megabytes for a
/// large dossier: they are never all held at once); returns how many.
pub fn write_data_and_feeds(dossier: &Dossier<'_>, config: &Config, catalog: &Catalog, sink: &dyn Sink) -> anyhow::Result<usize> {
    let outline = &dossier.outline;
    let site = feeds::SiteInfo {
        title: &config.title,
        description: &config.description,
        base_url: &config.base_url,
        updated: config.updated,
    };
    let put = |path: &str, bytes: &[u8]| sink.put(path, bytes).map(|()| 1);
    // The sections' files, the sitemap and the feed are independent: made
    // (and written) in parallel.
    let (sections, (sitemap, feed)) = rayon::join(
        || {
            (outline.sections.par_iter())
                .map(|&section| {
                    let data = section_data(outline, catalog, section, host(config));
                    let mut written = 0;
                    for (path, bytes) in files(section).iter().zip(data) {
                        written += put(path, &bytes)?;
                    }
                    match files(section).last() {
                        Some(path) => Ok(written + put(path, schema(path).as_bytes())?),
                        None => Ok(written),
                    }
                })
                .sum::<anyhow::Result<usize>>()
        },
        || {
            rayon::join(
                || {
                    put(
                        feeds::SITEMAP_FILE,
                        feeds::sitemap(&config.base_url, outline.manifest.paths()).as_bytes(),
                    )
                },
                || put(feeds::FEED_FILE, feeds::atom(site, outline).as_bytes()),
            )
        },
    );
    let mut written = sections? + sitemap? + feed?;
    if let Some(visit) = outline.visit {
        let home = outline.home.map(|i| &outline.items[i]);
        written += put(VISIT_FILES[0], &json(&rows::visit(visit, home)))?;
        written += put(VISIT_FILES[1], schema(VISIT_FILES[1]).as_bytes())?;
    }
    if config.folder.is_none() {
        let folders: Vec<&str> = config.editions.iter().map(|e| e.language.as_str()).collect();
        written += put(feeds::ROBOTS_FILE, feeds::robots(&config.base_url, &folders).as_bytes())?;
    }
    Ok(written)
}

/// A section's data files but its schema, in the order of [`files`].
fn section_data(outline: &Outline<'_>, catalog: &Catalog, section: Section, host: &str) -> Vec<Vec<u8>> {
    match section {
        Section::Timeline => {
            let events = events_in_order(outline);
            let rows: Vec<_> = events.iter().map(|&(i, e)| rows::event(outline, &outline.items[i], e)).collect();
            let events: Vec<&TimelineEvent> = events.iter().map(|(_, e)| *e).collect();
            vec![json(&rows), ics(outline.visit, &events, host).into_bytes()]
        }
        Section::Agreements => {
            let mut list: Vec<_> = outline.agreements().collect();
            list.sort_by(|(_, a), (_, b)| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
            let rows: Vec<AgreementRow> = list
                .iter()
                .map(|&(i, a)| rows::agreement(outline, catalog, &outline.items[i], a))
                .collect();
            vec![json(&rows), agreements_csv(&rows)]
        }
        Section::Statistics => {
            let mut list: Vec<_> = outline.metrics().collect();
            list.sort_by(|(_, a), (_, b)| a.category.cmp(&b.category).then(a.id.cmp(&b.id)));
            let rows: Vec<MetricRow> = list.iter().map(|&(i, m)| rows::metric(&outline.items[i], m)).collect();
            vec![json(&rows), statistics_csv(&rows)]
        }
        Section::Statements => {
            let rows: Vec<_> = outline
                .statements()
                .map(|(i, s)| rows::statement(outline, &outline.items[i], s))
                .collect();
            let cells = rows.iter().map(|r| {
                let speaker = r.speaker.as_ref().map_or(String::new(), |p| p.name.clone());
                let event = r.event.as_ref().map_or(String::new(), |(_, title)| title.clone());
                let date = r.date.map(|d| d.to_string()).unwrap_or_default();
                let basis = r.date_basis.as_ref().map_or("", |b| b.basis).to_string();
                vec![
                    r.id.clone(),
                    r.title.clone(),
                    speaker,
                    event,
                    date,
                    basis,
                    sources_cell(&r.quote),
                    r.summary.clone(),
                ]
            });
            let header = ["id", "title", "speaker", "event", "date", "date_basis", "quote", "summary"];
            vec![json(&rows), csv(&header, cells)]
        }
        Section::People => {
            let mut list: Vec<_> = outline.people().map(|(_, p)| rows::person(p)).collect();
            list.sort_by(|a, b| a.id.cmp(&b.id));
            let cells = list.iter().map(|p| {
                let aliases = p.aliases.join(" | ");
                vec![
                    p.id.clone(),
                    p.name.clone(),
                    aliases,
                    p.kind.to_string(),
                    p.role.clone(),
                    p.country.clone().unwrap_or_default(),
                ]
            });
            vec![json(&list), csv(&["id", "name", "aliases", "kind", "role", "country"], cells)]
        }
        Section::Articles => Vec::new(),
    }
}

/// Writes the copied files (built-in, the dossier's `static/`, content
/// files and the generated stylesheet); returns how many.
pub fn write_files(assets: &Assets<'_>, sink: &dyn Sink) -> anyhow::Result<usize> {
    let files: Vec<(&str, &[u8])> = assets.files().collect();
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

/// The events in time order (the timeline's), with their item indices.
fn events_in_order<'a>(outline: &'a Outline<'a>) -> Vec<(usize, &'a TimelineEvent)> {
    outline
        .timeline
        .iter()
        .flat_map(|g| &g.events)
        .filter_map(|&i| match outline.items[i].fact {
            Fact::Event(e) => Some((i, e)),
            _ => None,
        })
        .collect()
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("rows serialise");
    bytes.push(b'\n');
    bytes
}

fn sources_cell(sources: &[SourceRow]) -> String {
    sources
        .iter()
        .map(|s| format!("{}: “{}”", s.seed, s.quote))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A CSV file: its header and rows, every text cell neutralised against
/// formulas ([`csv_cell`]).
fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv_writer();
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(row.iter().map(|c| csv_cell(c).into_owned()))
            .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

fn agreements_csv(rows: &[AgreementRow]) -> Vec<u8> {
    let header = ["title", "kind", "field", "date", "date_basis", "parties", "countries", "sources"];
    let cells = rows.iter().map(|row| {
        let parties = row.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" | ");
        let countries = row.parties.iter().map(|p| p.country.as_str()).collect::<Vec<_>>().join(" | ");
        vec![
            row.title.clone(),
            row.kind.to_string(),
            row.field.clone(),
            row.date.map(|d| d.to_string()).unwrap_or_default(),
            row.date_basis.as_ref().map_or("", |b| b.basis).to_string(),
            parties,
            countries,
            sources_cell(&row.sources),
        ]
    });
    csv(&header, cells)
}

fn statistics_csv(metrics: &[MetricRow]) -> Vec<u8> {
    let header = [
        "id",
        "label",
        "unit",
        "category",
        "disputed",
        "discrepancy_note",
        "value",
        "display",
        "qualifier",
        "basis",
        "period",
        "sources",
    ];
    let cells = metrics.iter().flat_map(|m| {
        m.observations.iter().map(move |o| {
            vec![
                m.id.clone(),
                m.label.clone(),
                m.unit.clone(),
                m.category.clone().unwrap_or_default(),
                m.disputed.to_string(),
                m.discrepancy_note.clone().unwrap_or_default(),
                o.value.to_string(),
                o.display.clone(),
                o.qualifier.key().to_string(),
                o.basis.to_string(),
                o.period.clone().unwrap_or_default(),
                sources_cell(&o.sources),
            ]
        })
    });
    csv(&header, cells)
}

/// `YYYYMMDD` of a day, and of the day after it (an all-day entry ends on
/// the day after its last, as RFC 5545 says).
fn ics_days(first: PartialDate, last: PartialDate) -> Option<(String, String)> {
    let day = |d: PartialDate| jiff::civil::Date::new(d.year, d.month? as i8, d.day? as i8).ok();
    let (first, last) = (day(first)?, day(last)?);
    Some((
        first.strftime("%Y%m%d").to_string(),
        last.tomorrow().ok()?.strftime("%Y%m%d").to_string(),
    ))
}

/// One all-day entry per event of the visit that has a day, over its days (RFC 5545).
fn ics(visit: Option<&Visit>, events: &[&TimelineEvent], host: &str) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dossier//visit dossier//VI\r\nCALSCALE:GREGORIAN\r\n");
    for e in events
        .iter()
        .filter(|e| e.date.precision() == Precision::Day && visit.is_none_or(|v| e.date >= v.start && e.date <= v.end))
    {
        let Some((start, end)) = ics_days(e.date, e.end.unwrap_or(e.date)) else {
            continue;
        };
        let mut summary = e.title.clone();
        if let Some((time, _)) = &e.time {
            summary = format!("{summary} ({time})");
        }
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&ics_line("UID", &ics_text(&format!("{}@{}", e.id, host))));
        out.push_str(&format!("DTSTAMP:{start}T000000Z\r\n"));
        out.push_str(&format!("DTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\n"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_all_day_range_ends_on_the_day_after_its_last() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(
            ics_days(d("2025-08-10"), d("2025-08-13")),
            Some(("20250810".to_string(), "20250814".to_string()))
        );
        assert_eq!(
            ics_days(d("2025-12-31"), d("2025-12-31")),
            Some(("20251231".to_string(), "20260101".to_string()))
        );
        assert_eq!(ics_days(d("2025-08"), d("2025-08")), None);
    }

    #[test]
    fn downloads_are_the_data_files_but_the_schemas() {
        assert_eq!(
            downloads(Section::Timeline),
            [("download_json", "data/timeline.json"), ("download_ics", "data/timeline.ics")]
        );
        assert!(downloads(Section::Articles).is_empty());
    }
}
