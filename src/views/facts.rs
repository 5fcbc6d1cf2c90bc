//! The visit's facts as pages: timeline, agreements, statistics and people.
//!
//! Builds the typed views of the four fact pages from the content and the
//! resolved citations, and checks what only the facts as a whole can show: an
//! event naming an unknown person, two observations of one period that
//! disagree without a discrepancy flag, figures in the seeds no metric cites.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::markdown::Rendered;
use crate::parse::content::{Agreement, CitationRef, Content, Metric, Person, Section, TimelineEvent, Visit};
use crate::parse::date::{PartialDate, Precision};
use crate::parse::i18n::Catalog;
use crate::parse::seed::Seed;
use crate::resolve::route::Route;
use crate::resolve::xref::{Citation, CitationIndex};
use crate::text::slug::slugify_or;
use crate::views::{SourceLink, source_link};

/// Site path of an item on its section's page: `timeline/index.html#e-hoi-dam`.
pub fn item_href(section: Section, anchor: &str) -> String {
    format!("{}#{anchor}", Route::from_parts(&[section.dir()]).file())
}

/// Anchor of an item on its section page.
pub fn event_anchor(e: &TimelineEvent) -> String {
    format!("e-{}", slugify_or(&e.id, "event"))
}
pub fn agreement_anchor(a: &Agreement) -> String {
    format!("a-{}", slugify_or(&a.id, "agreement"))
}
pub fn metric_anchor(m: &Metric) -> String {
    format!("m-{}", slugify_or(&m.id, "metric"))
}
pub fn person_anchor(p: &Person) -> String {
    format!("who-{}", slugify_or(&p.id, "person"))
}

/// What fact views are built from.
#[derive(Debug, Clone, Copy)]
pub struct FactsInput<'a> {
    pub content: &'a Content,
    pub seeds: &'a [Seed],
    pub catalog: &'a Catalog,
    /// Rendered notes, by content path.
    pub docs: &'a HashMap<std::path::PathBuf, Rendered>,
    pub citations: &'a CitationIndex,
    /// Site path of each seed's article page, by seed index.
    pub article_hrefs: &'a [String],
    pub article_titles: &'a [String],
}

impl FactsInput<'_> {
    fn note(&self, path: &std::path::Path) -> String {
        self.docs.get(path).map(|d| d.html.clone()).unwrap_or_default()
    }

    /// The resolved citations of a list written in front matter, as links.
    pub fn sources(&self, cites: &[CitationRef]) -> Vec<SourceLink> {
        cites
            .iter()
            .filter_map(|c| self.citations.resolved(c))
            .map(|c| source_link(c, self.article_titles))
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonLink {
    pub name: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub anchor: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    pub precision: Precision,
    pub time: Option<String>,
    pub place: Option<String>,
    pub people: Vec<PersonLink>,
    pub summary: String,
    pub note_html: String,
    pub sources: Vec<SourceLink>,
}

/// A run of events: one year of background, or one day of the visit.
#[derive(Debug, Clone, Serialize)]
pub struct EventGroup {
    /// `year`, `visit-day` or `visit` (the visit, day not given).
    pub kind: &'static str,
    pub id: String,
    pub label: String,
    pub events: Vec<EventView>,
}

#[derive(Debug, Serialize)]
pub struct TimelineView {
    pub groups: Vec<EventGroup>,
    pub count: usize,
}

/// Where an event belongs on the timeline.
fn group_key(date: &PartialDate, visit: Option<&Visit>) -> (&'static str, String) {
    if let Some(v) = visit {
        let in_visit_days = date.precision() == Precision::Day && *date >= v.start && *date <= v.end;
        if in_visit_days {
            return ("visit-day", date.to_string());
        }
        let visit_month = PartialDate {
            year: v.start.year,
            month: v.start.month,
            day: None,
        };
        if date.precision() == Precision::Month && *date == visit_month {
            return ("visit", date.to_string());
        }
    }
    ("year", date.year.to_string())
}

/// The timeline: events in time order, grouped by year, and by day during the visit.
pub fn timeline(input: &FactsInput<'_>) -> TimelineView {
    let content = input.content;
    let visit = content.home.as_ref().and_then(|h| h.visit.as_ref());
    let people: HashMap<&str, &Person> = content.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let events = content.events_in_order();
    let mut groups: Vec<EventGroup> = Vec::new();
    for event in &events {
        let (kind, key) = group_key(&event.date, visit);
        let view = EventView {
            anchor: event_anchor(event),
            title: event.title.clone(),
            date: input.catalog.format_date(&event.date),
            date_iso: event.date.to_string(),
            precision: event.date.precision(),
            time: event.time.clone(),
            place: event.place.clone(),
            people: event
                .people
                .iter()
                .filter_map(|(id, _)| people.get(id.as_str()))
                .map(|p| PersonLink {
                    name: p.name.clone(),
                    href: item_href(Section::People, &person_anchor(p)),
                })
                .collect(),
            summary: event.summary.clone(),
            note_html: input.note(&event.source.path),
            sources: input.sources(&event.sources),
        };
        let id = format!("{kind}-{key}");
        match groups.last_mut() {
            Some(group) if group.id == id => group.events.push(view),
            _ => {
                let label = match kind {
                    "visit-day" => input.catalog.format_date_with_weekday(&event.date),
                    "visit" => format!(
                        "{} ({})",
                        input.catalog.text("during_visit"),
                        input.catalog.format_date(&event.date)
                    ),
                    _ => event.date.year.to_string(),
                };
                groups.push(EventGroup {
                    kind,
                    id,
                    label,
                    events: vec![view],
                });
            }
        }
    }
    TimelineView {
        count: events.len(),
        groups,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub country: String,
    pub country_name: String,
    pub parties: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementView {
    pub anchor: String,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    pub field: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// Parties grouped by country, in the order countries first appear.
    pub sides: Vec<Side>,
    pub note_html: String,
    pub sources: Vec<SourceLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldGroup {
    pub name: String,
    pub anchor: String,
    pub agreements: Vec<AgreementView>,
}

#[derive(Debug, Serialize)]
pub struct AgreementsView {
    pub fields: Vec<FieldGroup>,
    pub count: usize,
}

/// The agreements, grouped by field (fields in order of first appearance by date and title).
pub fn agreements(input: &FactsInput<'_>) -> AgreementsView {
    let catalog = input.catalog;
    let mut list: Vec<&Agreement> = input.content.agreements.iter().collect();
    list.sort_by(|a, b| a.field.cmp(&b.field).then(a.date.cmp(&b.date)).then(a.title.cmp(&b.title)));
    let mut fields: Vec<FieldGroup> = Vec::new();
    for a in &list {
        let mut sides: Vec<Side> = Vec::new();
        for p in &a.parties {
            match sides.iter_mut().find(|s| s.country == p.country) {
                Some(side) => side.parties.push(p.name.clone()),
                None => sides.push(Side {
                    country: p.country.clone(),
                    country_name: catalog.country(&p.country),
                    parties: vec![p.name.clone()],
                }),
            }
        }
        let view = AgreementView {
            anchor: agreement_anchor(a),
            title: a.title.clone(),
            kind: a.kind.clone(),
            kind_label: catalog.text(&format!("kind_{}", a.kind)).to_string(),
            field: a.field.clone(),
            date: a.date.map(|d| catalog.format_date(&d)),
            date_iso: a.date.map(|d| d.to_string()),
            sides,
            note_html: input.note(&a.source.path),
            sources: input.sources(&a.sources),
        };
        match fields.last_mut() {
            Some(f) if f.name == a.field => f.agreements.push(view),
            _ => fields.push(FieldGroup {
                name: a.field.clone(),
                anchor: format!("field-{}", slugify_or(&a.field, "field")),
                agreements: vec![view],
            }),
        }
    }
    AgreementsView { fields, count: list.len() }
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservationView {
    pub value: f64,
    /// The value as a plain number for machines: `81500000000`, `7.3`.
    pub value_text: String,
    pub value_label: String,
    pub display: String,
    pub period: Option<String>,
    pub sources: Vec<SourceLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricView {
    pub anchor: String,
    pub id: String,
    pub label: String,
    pub unit: String,
    pub discrepancy: bool,
    pub discrepancy_note: Option<String>,
    pub observations: Vec<ObservationView>,
    /// Inline SVG comparing the observations, when there are several.
    pub chart_svg: Option<String>,
    pub note_html: String,
    pub key: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryGroup {
    pub name: String,
    pub anchor: String,
    pub metrics: Vec<MetricView>,
}

#[derive(Debug, Serialize)]
pub struct StatisticsView {
    pub categories: Vec<CategoryGroup>,
    pub count: usize,
    pub discrepancies: usize,
}

/// The metrics, grouped by category.
pub fn statistics(input: &FactsInput<'_>) -> StatisticsView {
    let catalog = input.catalog;
    let mut list: Vec<&Metric> = input.content.metrics.iter().collect();
    list.sort_by(|a, b| a.category.cmp(&b.category).then(a.label.cmp(&b.label)));
    let mut categories: Vec<CategoryGroup> = Vec::new();
    for m in &list {
        let observations: Vec<ObservationView> = m
            .observations
            .iter()
            .map(|o| ObservationView {
                value: o.value,
                value_text: plain_number(o.value),
                value_label: catalog.format_number(o.value),
                display: o.display.clone(),
                period: o.period.clone(),
                sources: input.sources(&o.sources),
            })
            .collect();
        let chart_svg = (observations.len() > 1).then(|| crate::views::chart::bars(&metric_chart(m, &observations, catalog)));
        let view = MetricView {
            anchor: metric_anchor(m),
            id: m.id.clone(),
            label: m.label.clone(),
            unit: m.unit.clone(),
            discrepancy: m.discrepancy,
            discrepancy_note: m.discrepancy_note.clone(),
            observations,
            chart_svg,
            note_html: input.note(&m.source.path),
            key: m.key,
        };
        match categories.last_mut() {
            Some(c) if c.name == m.category => c.metrics.push(view),
            _ => categories.push(CategoryGroup {
                name: m.category.clone(),
                anchor: format!("cat-{}", slugify_or(&m.category, "category")),
                metrics: vec![view],
            }),
        }
    }
    StatisticsView {
        count: list.len(),
        discrepancies: list.iter().filter(|m| m.discrepancy).count(),
        categories,
    }
}

fn metric_chart(m: &Metric, observations: &[ObservationView], catalog: &Catalog) -> crate::views::chart::BarChart {
    crate::views::chart::BarChart {
        id: format!("chart-{}", metric_anchor(m)),
        title: m.label.clone(),
        description: format!(
            "{}: {}",
            catalog.text("chart_compares"),
            observations
                .iter()
                .map(|o| format!("{} ({})", o.display, o.period.as_deref().unwrap_or("–")))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        bars: observations
            .iter()
            .map(|o| crate::views::chart::Bar {
                label: o.period.clone().unwrap_or_else(|| "–".to_string()),
                value: o.value,
                value_label: o.display.clone(),
            })
            .collect(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub title: String,
    pub href: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub anchor: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: String,
    pub country_name: Option<String>,
    pub mentions: Vec<Mention>,
    pub events: Vec<PersonLink>,
    pub note_html: String,
}

#[derive(Debug, Serialize)]
pub struct PeopleView {
    pub people: Vec<PersonView>,
    pub organisations: Vec<PersonView>,
}

/// People and organisations, each with the articles that name them (under any
/// of their spellings) and the events they take part in.
pub fn people(input: &FactsInput<'_>) -> PeopleView {
    let mut people = Vec::new();
    let mut organisations = Vec::new();
    let mut list: Vec<&Person> = input.content.people.iter().collect();
    list.sort_by_key(|a| crate::text::fold::fold(&a.name));
    for p in list {
        let names: Vec<&str> = p.names().collect();
        let mentions = input
            .seeds
            .iter()
            .enumerate()
            .filter_map(|(i, seed)| {
                let count: usize = seed
                    .blocks
                    .iter()
                    .map(|b| names.iter().map(|n| count_mentions(&b.text, n)).sum::<usize>())
                    .sum();
                (count > 0).then(|| Mention {
                    title: input.article_titles[i].clone(),
                    href: input.article_hrefs[i].clone(),
                    count,
                })
            })
            .collect();
        let events = input
            .content
            .events
            .iter()
            .filter(|e| e.people.iter().any(|(id, _)| *id == p.id))
            .map(|e| PersonLink {
                name: e.title.clone(),
                href: item_href(Section::Timeline, &event_anchor(e)),
            })
            .collect();
        let view = PersonView {
            anchor: person_anchor(p),
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            role: p.role.clone(),
            country_name: p.country.as_deref().map(|c| input.catalog.country(c)),
            mentions,
            events,
            note_html: input.note(&p.source.path),
        };
        if p.organisation {
            organisations.push(view);
        } else {
            people.push(view);
        }
    }
    PeopleView { people, organisations }
}

/// A number without a trailing `.0`: `81500000000`, `7.3`.
pub fn plain_number(value: f64) -> String {
    format!("{value}")
}

/// Occurrences of `name` in `text` as a whole word (not inside a longer word).
pub fn count_mentions(text: &str, name: &str) -> usize {
    if name.is_empty() {
        return 0;
    }
    text.match_indices(name)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}

/// Checks across the facts: people ids of events, a name given to two
/// people, same-period observations that disagree without a flag.
pub fn check(content: &Content) -> Vec<Diagnostic> {
    let mut errors = check_names(&content.people);
    let ids: Vec<&str> = content.people.iter().map(|p| p.id.as_str()).collect();
    for event in &content.events {
        for (id, position) in &event.people {
            if !ids.contains(&id.as_str()) {
                errors.push(
                    Diagnostic::error(
                        &event.source.path,
                        format!("unknown person `{id}`: add `content/people/{id}.md` or use one of the ids there"),
                    )
                    .at(*position),
                );
            }
        }
    }
    for metric in content.metrics.iter().filter(|m| !m.discrepancy) {
        let mut by_period: BTreeMap<Option<&str>, &crate::parse::content::Observation> = BTreeMap::new();
        for o in &metric.observations {
            if let Some(first) = by_period.insert(o.period.as_deref(), o) {
                if first.value != o.value {
                    errors.push(Diagnostic::error(
                        &metric.source.path,
                        format!(
                            "two observations of period `{}` disagree ({} and {}): set `discrepancy = true` with a `discrepancy_note`, never pick one silently",
                            o.period.as_deref().unwrap_or("none"),
                            first.display,
                            o.display
                        ),
                    )
                    .at(o.position));
                }
            }
        }
    }
    errors
}

/// A name (or alias) that two people share, in any spelling that folds to
/// the same words, is an error at its second holder (by file name).
fn check_names(people: &[Person]) -> Vec<Diagnostic> {
    let mut sorted: Vec<&Person> = people.iter().collect();
    sorted.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    let mut holders: BTreeMap<String, &Person> = BTreeMap::new();
    let mut errors = Vec::new();
    for person in sorted {
        for (name, position) in person.names().zip(&person.name_positions) {
            let key = crate::text::fold::folded_words(name).join(" ");
            match holders.get(&key) {
                Some(other) if other.id != person.id => errors.push(
                    Diagnostic::error(
                        &person.source.path,
                        format!(
                            "`{name}` already names `{}` (`{}`): merge the two files, or keep the name in one",
                            other.id,
                            other.source.path.display()
                        ),
                    )
                    .at(*position),
                ),
                Some(_) => {}
                None => {
                    holders.insert(key, person);
                }
            }
        }
    }
    errors
}

/// A figure of a seed that no metric cites: its text and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncitedFigure {
    pub seed: usize,
    pub block: usize,
    pub figure: String,
}

/// Figures (amounts, counts, percentages) in the seeds that no metric's
/// citation covers; calendar dates and years are not figures.
pub fn uncited_figures(seeds: &[Seed], metric_citations: &[Citation]) -> Vec<UncitedFigure> {
    let mut cited: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
    for c in metric_citations {
        cited.entry((c.hit.seed, c.hit.block)).or_default().push((c.hit.start, c.hit.end));
    }
    let mut out = Vec::new();
    for (s, seed) in seeds.iter().enumerate() {
        for (b, block) in seed.blocks.iter().enumerate() {
            let spans = cited.get(&(s, b)).map_or(&[][..], Vec::as_slice);
            for (start, figure) in figures(&block.text) {
                let end = start + figure.len();
                let covered = spans.iter().any(|&(from, to)| from <= start && end <= to);
                if !covered {
                    out.push(UncitedFigure {
                        seed: s,
                        block: b,
                        figure: figure.to_string(),
                    });
                }
            }
        }
    }
    out
}

/// The figures of `text`: runs of digits with `.`/`,` separators, not dates
/// (`11/8`, `10-8`, `12/2022`, `2025-08-15`, `ngày 10`) and not years (`1992`).
pub fn figures(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/' || bytes[i - 1] == b'-')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit() || ((bytes[i] == b'.' || bytes[i] == b',') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let token = &text[start..i];
        let next = bytes.get(i).copied();
        let is_date = matches!(next, Some(b'/') | Some(b'-')) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        // The words that make a number a day or a month are at most six characters.
        let from = text[..start].char_indices().rev().nth(5).map_or(0, |(i, _)| i);
        let before = text[from..start].to_lowercase();
        let is_day = ["ngày ", "tháng ", "day ", "month "].iter().any(|w| before.ends_with(w));
        let is_year =
            token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()) && (1900..=2100).contains(&token.parse::<u32>().unwrap_or(0));
        if !is_date && !is_day && !is_year {
            out.push((start, token));
        }
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'/' || bytes[i] == b'-') && is_date {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_skip_dates_and_years() {
        let text = "Năm 2024, kim ngạch đạt 81,5 tỷ USD, tăng 7,3%; trưa 11/8 và 10-8, tháng 12/2022, ngày 2025-08-15; từ ngày 10 đến ngày 13-8; khoảng 320.000 người; thứ 3.";
        let found: Vec<&str> = figures(text).into_iter().map(|(_, f)| f).collect();
        assert_eq!(found, ["81,5", "7,3", "320.000", "3"]);
    }

    #[test]
    fn a_day_or_month_word_is_seen_only_right_before_its_number() {
        let text = "Đoàn đến Seoul THÁNG 8, ở lại Ngày 10, gặp 5 doanh nghiệp; ngày, rồi 6 hãng; tháng: 7";
        let found: Vec<&str> = figures(text).into_iter().map(|(_, f)| f).collect();
        assert_eq!(found, ["5", "6", "7"]);
    }

    #[test]
    fn mentions_count_whole_words_only() {
        assert_eq!(count_mentions("Samsung, LG, SK và SKT; LG.", "LG"), 2);
        assert_eq!(count_mentions("Samsung, LG, SK và SKT", "SK"), 1);
        assert_eq!(count_mentions("Tổng thống Lee Jae-myung", "Lee Jae-myung"), 1);
    }

    #[test]
    fn events_group_by_year_and_by_visit_day() {
        let visit = Visit {
            guest: String::new(),
            host: String::new(),
            place: String::new(),
            kind: String::new(),
            start: PartialDate::parse("2025-08-10").unwrap(),
            end: PartialDate::parse("2025-08-13").unwrap(),
            sources: Vec::new(),
        };
        let key = |s: &str| group_key(&PartialDate::parse(s).unwrap(), Some(&visit));
        assert_eq!(key("2025-08-11"), ("visit-day", "2025-08-11".to_string()));
        assert_eq!(key("2025-08"), ("visit", "2025-08".to_string()));
        assert_eq!(key("2025-08-20"), ("year", "2025".to_string()));
        assert_eq!(key("1992-12-22"), ("year", "1992".to_string()));
        assert_eq!(
            group_key(&PartialDate::parse("2025-08-11").unwrap(), None),
            ("year", "2025".to_string())
        );
    }
}
