//! The visit's facts as views: timeline, agreements, statistics and people.
//!
//! Each view is built from the resolved dossier (its items, their resolved
//! citations and rendered bodies) for one medium: the site's pages or the
//! print page, whose bodies link relative to it. The order and grouping of
//! the timeline were decided when the dossier was resolved; this module only
//! shapes what templates print.

use serde::Serialize;

use super::{SourceLink, source_link};
use crate::parse::content::{Agreement, AgreementKind, Metric, Person, PersonKind, Statement};
use crate::parse::date::{PartialDate, Precision};
use crate::parse::i18n::Catalog;
use crate::resolve::citation::Citation;
use crate::resolve::model::{Dossier, Fact, Item, Medium};
use crate::resolve::people::People;
use crate::resolve::timeline::{EventGroup, GroupKind};
use crate::text::figure::Qualifier;
use crate::text::locale::Locale;
use crate::text::slug::slugify_or;

/// What fact views are built from: the dossier, in one language, for one medium.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub dossier: &'a Dossier<'a>,
    pub catalog: &'a Catalog,
    pub medium: Medium,
}

impl Facts<'_> {
    fn item(&self, index: usize) -> &Item<'_> {
        &self.dossier.outline.items[index]
    }

    fn note(&self, index: usize) -> String {
        self.dossier.body_html(index, self.medium).to_string()
    }

    /// A link to item `index`, by its title.
    fn link(&self, index: usize) -> PersonLink {
        let item = self.item(index);
        PersonLink {
            name: item.title.clone(),
            href: item.target.file(),
        }
    }

    /// The site language's figure conventions (qualifier labels).
    fn locale(&self) -> Locale {
        Locale::from_code(&self.catalog.code).unwrap_or_default()
    }

    /// The language item `index`'s words are in when it has no translation
    /// into the page's edition ([`Item::untranslated_lang`]).
    fn lang(&self, index: usize) -> Option<String> {
        self.item(index).untranslated_lang(&self.dossier.outline).map(str::to_string)
    }

    /// Words of item `item` quoted from its source (a figure as the source
    /// writes it, its period) in the page's language: as the item's
    /// translation gives them in its `[quotes]`, else as written, with the
    /// language they are in when it is not the page's.
    fn words(&self, item: &Item<'_>, words: &str) -> (String, Option<String>) {
        let Some(original) = &self.dossier.outline.original_language else {
            return (words.to_string(), None);
        };
        match item.source().and_then(|s| s.quote_translation(words)) {
            Some(translated) => (translated, None),
            None => (words.to_string(), Some(original.clone())),
        }
    }

    /// Citations as links to their passages.
    pub fn sources(&self, citations: &[Citation]) -> Vec<SourceLink> {
        citations.iter().map(|c| source_link(c, &self.dossier.outline)).collect()
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
    /// The language of its words when they are not the page's (an untranslated entry).
    pub lang: Option<String>,
    pub title: String,
    /// The date, or the range of days (`10/8/2025 – 13/8/2025`).
    pub date: String,
    pub date_iso: String,
    /// The last day, for an event over several days.
    pub end_iso: Option<String>,
    pub precision: Precision,
    /// What the analyst inferred the date from, when no source states it.
    pub date_inferred: Option<String>,
    /// The time of day as the source words it (`chiều`).
    pub time: Option<String>,
    pub time_inferred: Option<String>,
    pub place: Option<String>,
    pub people: Vec<PersonLink>,
    pub summary: String,
    pub note_html: String,
    pub sources: Vec<SourceLink>,
    pub draft: bool,
}

/// A run of events: one year of background, or one day of the visit.
#[derive(Debug, Clone, Serialize)]
pub struct EventGroupView {
    pub kind: GroupKind,
    pub id: String,
    pub label: String,
    /// The group's events, unless the page writes them at the group's
    /// slot (`events_html`, [`GroupEvents::AtSlots`]).
    pub events: Option<Vec<EventView>>,
}

/// How a view of the timeline gives its groups' events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupEvents {
    /// In each group's view (`g.events`).
    Listed,
    /// Left out of the view, to be rendered one at a time at each group's
    /// slot: the view's [`EventSlots`] say which events each group has.
    AtSlots,
}

/// The events of each group of a timeline's view made with
/// [`GroupEvents::AtSlots`]: (group id, item indices), in the view's order.
pub type EventSlots = Vec<(String, Vec<usize>)>;

/// The visit as the timeline and the home page show it.
#[derive(Debug, Clone, Serialize)]
pub struct VisitDaysView {
    /// Events over several days (the visit itself), with their range of days.
    pub across: Vec<EventView>,
    /// Every day from the visit's first to its last, each with its events in
    /// their order (a day no source tells of has none), then the events of
    /// the visit whose day no source gives.
    pub days: Vec<EventGroupView>,
}

#[derive(Debug, Serialize)]
pub struct TimelineView {
    /// The visit first: its days, as the reader asks "what happened when".
    pub visit: VisitDaysView,
    /// Then the background: the years before the visit (and the targets
    /// set for after it), one group per year, in time order.
    pub background: Vec<EventGroupView>,
    pub count: usize,
}

/// The timeline: the visit's days first, then the years of background.
pub fn timeline(facts: &Facts<'_>) -> TimelineView {
    timeline_of(facts, GroupEvents::Listed).0
}

/// The timeline, with its groups' events given as `events` says, and
/// which events each group has (none when they are listed).
pub fn timeline_of(facts: &Facts<'_>, events: GroupEvents) -> (TimelineView, EventSlots) {
    let groups = &facts.dossier.outline.timeline;
    let mut slots = EventSlots::new();
    let visit = visit_days_of(facts, events, &mut slots);
    let background = (groups.iter())
        .filter(|g| g.kind == GroupKind::Year)
        .map(|g| group_view(facts, g, events, &mut slots))
        .collect();
    let view = TimelineView {
        count: groups.iter().map(|g| g.events.len()).sum(),
        visit,
        background,
    };
    (view, slots)
}

/// The visit's days: every calendar day of the visit (when its first and
/// last days are known), each with its events, then the undated ones; an
/// event over several days stands apart, in `across`.
pub fn visit_days(facts: &Facts<'_>) -> VisitDaysView {
    visit_days_of(facts, GroupEvents::Listed, &mut EventSlots::new())
}

/// [`visit_days`], with the groups' events given as `given` says (and
/// noted in `slots` when they are left out).
fn visit_days_of(facts: &Facts<'_>, given: GroupEvents, slots: &mut EventSlots) -> VisitDaysView {
    let outline = &facts.dossier.outline;
    let spans_days = |i: &usize| matches!(facts.item(*i).fact, Fact::Event(e) if e.end.is_some());
    let mut days: Vec<EventGroup> = outline.visit.map(|v| calendar_days(v.start, v.end)).unwrap_or_default();
    let mut undated: Vec<EventGroup> = Vec::new();
    let mut across = Vec::new();
    for group in outline.timeline.iter().filter(|g| g.kind != GroupKind::Year) {
        across.extend(group.events.iter().filter(|i| spans_days(i)).map(|&i| event_view(facts, i)));
        let events: Vec<usize> = group.events.iter().copied().filter(|i| !spans_days(i)).collect();
        if group.kind == GroupKind::Visit {
            undated.push(EventGroup { events, ..group.clone() });
        } else if let Some(day) = days.iter_mut().find(|d| d.date == group.date) {
            day.events = events;
        } else {
            days.push(EventGroup { events, ..group.clone() });
        }
    }
    days.sort_by_key(|d| d.date);
    undated.retain(|g| !g.events.is_empty());
    VisitDaysView {
        across,
        days: (days.iter().chain(&undated)).map(|g| group_view(facts, g, given, slots)).collect(),
    }
}

/// One empty group per day from `start` to `end`, when both are days (at
/// most a year of them); none otherwise.
fn calendar_days(start: PartialDate, end: PartialDate) -> Vec<EventGroup> {
    let day = |d: PartialDate| jiff::civil::Date::new(d.year, d.month? as i8, d.day? as i8).ok();
    let (Some(first), Some(last)) = (day(start), day(end)) else {
        return Vec::new();
    };
    let mut days = Vec::new();
    let mut at = first;
    while at <= last && days.len() < 366 {
        days.push(EventGroup {
            kind: GroupKind::VisitDay,
            date: PartialDate {
                year: at.year(),
                month: Some(at.month() as u8),
                day: Some(at.day() as u8),
            },
            events: Vec::new(),
        });
        let Ok(next) = at.tomorrow() else { break };
        at = next;
    }
    days
}

fn group_view(facts: &Facts<'_>, group: &EventGroup, events: GroupEvents, slots: &mut EventSlots) -> EventGroupView {
    let catalog = facts.catalog;
    let label = match group.kind {
        GroupKind::VisitDay => catalog.format_date_with_weekday(&group.date),
        GroupKind::Visit => format!("{} ({})", catalog.text("during_visit"), catalog.format_date(&group.date)),
        GroupKind::Year => group.date.year.to_string(),
    };
    let id = group.id();
    let events = match events {
        GroupEvents::Listed => Some(group.events.iter().map(|&i| event_view(facts, i)).collect()),
        GroupEvents::AtSlots => {
            slots.push((id.clone(), group.events.clone()));
            None
        }
    };
    EventGroupView {
        kind: group.kind,
        id,
        label,
        events,
    }
}

/// The view of event `index` (an item of the timeline).
pub fn event_view(facts: &Facts<'_>, index: usize) -> EventView {
    let item = facts.item(index);
    let Fact::Event(event) = item.fact else {
        unreachable!("timeline groups hold events only")
    };
    let catalog = facts.catalog;
    let date = match event.end {
        Some(end) => format!("{} – {}", catalog.format_date(&event.date), catalog.format_date(&end)),
        None => catalog.format_date(&event.date),
    };
    EventView {
        anchor: item.target.anchor.clone().unwrap_or_default(),
        lang: facts.lang(index),
        title: event.title.clone(),
        date,
        date_iso: event.date.to_string(),
        end_iso: event.end.map(|d| d.to_string()),
        precision: event.date.precision(),
        date_inferred: event.date_basis.inferred_from().map(str::to_string),
        // As the source words it, in the seeds' language; in the reader's otherwise.
        time: event
            .time
            .as_ref()
            .map(|(words, time)| match facts.dossier.outline.original_language {
                None => words.clone(),
                Some(_) => time.describe(facts.locale()),
            }),
        time_inferred: event.time_basis.inferred_from().map(str::to_string),
        place: event.place.clone(),
        people: item.related.people.iter().map(|&p| facts.link(p)).collect(),
        summary: event.summary.clone(),
        note_html: facts.note(index),
        sources: facts.sources(&item.sources[0]),
        draft: item.is_draft(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub country: String,
    pub country_name: String,
    pub parties: Vec<PartyView>,
}

/// A party, linked to its entry among the people and organisations when it has one.
#[derive(Debug, Clone, Serialize)]
pub struct PartyView {
    pub name: String,
    pub href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementView {
    pub anchor: String,
    /// The language of its words when they are not the page's (an untranslated entry).
    pub lang: Option<String>,
    pub title: String,
    pub kind: AgreementKind,
    pub kind_label: String,
    pub field: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub date_inferred: Option<String>,
    /// Parties grouped by country, in the order countries first appear.
    pub sides: Vec<Side>,
    pub note_html: String,
    pub sources: Vec<SourceLink>,
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldGroup {
    pub name: String,
    pub anchor: String,
    pub agreements: Vec<AgreementView>,
}

/// A column of the agreements' summary table: the parties of one country.
#[derive(Debug, Clone, Serialize)]
pub struct CountryColumn {
    pub country: String,
    /// `Bên Việt Nam`.
    pub heading: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementsView {
    pub fields: Vec<FieldGroup>,
    /// The countries of the parties, in the order they first appear: one
    /// column each in the summary table.
    pub columns: Vec<CountryColumn>,
    pub count: usize,
}

/// The agreements, grouped by field (fields in order of first appearance by date and title).
pub fn agreements(facts: &Facts<'_>) -> AgreementsView {
    let mut list: Vec<(usize, &Agreement)> = facts.dossier.outline.agreements().collect();
    list.sort_by(|(_, a), (_, b)| a.field.cmp(&b.field).then(a.date.cmp(&b.date)).then(a.title.cmp(&b.title)));
    let mut fields: Vec<FieldGroup> = Vec::new();
    for &(i, a) in &list {
        let view = agreement_view(facts, i, a);
        match fields.last_mut() {
            Some(f) if f.name == a.field => f.agreements.push(view),
            _ => fields.push(FieldGroup {
                name: a.field.clone(),
                anchor: format!("field-{}", slugify_or(&a.field, "field")),
                agreements: vec![view],
            }),
        }
    }
    let mut columns: Vec<CountryColumn> = Vec::new();
    for side in fields.iter().flat_map(|f| &f.agreements).flat_map(|a| &a.sides) {
        if !columns.iter().any(|c| c.country == side.country) {
            columns.push(CountryColumn {
                country: side.country.clone(),
                heading: facts.catalog.text("party_of").replace("{country}", &side.country_name),
            });
        }
    }
    AgreementsView {
        fields,
        columns,
        count: list.len(),
    }
}

fn agreement_view(facts: &Facts<'_>, index: usize, a: &Agreement) -> AgreementView {
    let catalog = facts.catalog;
    let item = facts.item(index);
    let mut sides: Vec<Side> = Vec::new();
    for (p, entry) in a.parties.iter().zip(&item.related.parties) {
        // In another edition than the default, by its entry's name in the reader's language.
        let translated = entry.filter(|&i| facts.lang(i).is_none());
        let party = PartyView {
            name: match (translated, &facts.dossier.outline.original_language) {
                (Some(i), Some(_)) => facts.item(i).title.clone(),
                _ => p.name.clone(),
            },
            href: entry.map(|i| facts.item(i).target.file()),
        };
        match sides.iter_mut().find(|s| s.country == p.country) {
            Some(side) => side.parties.push(party),
            None => sides.push(Side {
                country: p.country.clone(),
                country_name: catalog.country(&p.country),
                parties: vec![party],
            }),
        }
    }
    AgreementView {
        anchor: item.target.anchor.clone().unwrap_or_default(),
        lang: facts.lang(index),
        title: a.title.clone(),
        kind: a.kind,
        kind_label: catalog.text(&format!("kind_{}", a.kind.as_str())).to_string(),
        field: a.field.clone(),
        date: a.date.map(|d| catalog.format_date(&d)),
        date_iso: a.date.map(|d| d.to_string()),
        date_inferred: a.date.and(a.date_basis.inferred_from()).map(str::to_string),
        sides,
        note_html: facts.note(index),
        sources: facts.sources(&item.sources[0]),
        draft: item.is_draft(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservationView {
    pub value: f64,
    /// The value as a plain number for machines: `81500000000`, `7.3`.
    pub value_text: String,
    pub value_label: String,
    /// The figure in the source's words, or in the page's language where a
    /// translation gives them (its `[quotes]`).
    pub display: String,
    /// The language of `display` when it is not the page's.
    pub display_lang: Option<String>,
    /// `khoảng`, `hơn`…: how the source qualifies the figure (none when exact).
    pub qualifier: Option<String>,
    /// What the analyst counted or inferred the figure from, when no source states it.
    pub inferred: Option<String>,
    pub period: Option<String>,
    /// The language of `period` when it is not the page's.
    pub period_lang: Option<String>,
    pub sources: Vec<SourceLink>,
    /// The articles the sources are in, each once, in the sources' order:
    /// `["004"]` for two passages of article 004.
    pub seeds: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricView {
    pub anchor: String,
    /// The language of its words when they are not the page's (an untranslated entry).
    pub lang: Option<String>,
    pub id: String,
    pub label: String,
    pub unit: String,
    /// The sources disagree (the analyst says so, or two observations of one
    /// period differ): every value is shown, with its source.
    pub discrepancy: bool,
    pub discrepancy_note: Option<String>,
    pub observations: Vec<ObservationView>,
    /// Inline SVG comparing the observations, when there are several.
    pub chart_svg: Option<String>,
    pub note_html: String,
    pub key: bool,
    pub draft: bool,
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

/// The metrics, by category and label.
fn metrics_in_order<'a>(facts: &Facts<'a>) -> Vec<(usize, &'a Metric)> {
    let mut list: Vec<(usize, &Metric)> = facts.dossier.outline.metrics().collect();
    list.sort_by(|(_, a), (_, b)| a.category.cmp(&b.category).then(a.label.cmp(&b.label)));
    // (Metrics with no category sort first; they are listed under "other figures".)
    list
}

/// The metrics, grouped by category.
pub fn statistics(facts: &Facts<'_>) -> StatisticsView {
    let list = metrics_in_order(facts);
    let mut categories: Vec<CategoryGroup> = Vec::new();
    for &(i, m) in &list {
        let view = metric_view(facts, i, m);
        let name = m
            .category
            .clone()
            .unwrap_or_else(|| facts.catalog.text("other_figures").to_string());
        match categories.last_mut() {
            Some(c) if c.name == name => c.metrics.push(view),
            _ => categories.push(CategoryGroup {
                anchor: format!("cat-{}", slugify_or(&name, "category")),
                name,
                metrics: vec![view],
            }),
        }
    }
    StatisticsView {
        count: list.len(),
        discrepancies: list.iter().filter(|(_, m)| m.disputed()).count(),
        categories,
    }
}

/// The metrics shown among the key figures of the home page, in the statistics page's order.
pub fn key_figures(facts: &Facts<'_>) -> Vec<MetricView> {
    metrics_in_order(facts)
        .into_iter()
        .filter(|(_, m)| m.key)
        .map(|(i, m)| metric_view(facts, i, m))
        .collect()
}

fn metric_view(facts: &Facts<'_>, index: usize, m: &Metric) -> MetricView {
    let catalog = facts.catalog;
    let item = facts.item(index);
    let observations: Vec<ObservationView> = m
        .observations
        .iter()
        .zip(&item.sources)
        .map(|(o, sources)| {
            let sources = facts.sources(sources);
            let mut seeds: Vec<String> = Vec::new();
            for s in &sources {
                if !seeds.contains(&s.short) {
                    seeds.push(s.short.clone());
                }
            }
            let (display, display_lang) = facts.words(item, &o.display);
            let (period, period_lang) = o.period.as_deref().map(|p| facts.words(item, p)).unzip();
            ObservationView {
                value: o.value,
                value_text: plain_number(o.value),
                value_label: catalog.format_number(o.value),
                display,
                display_lang,
                qualifier: (o.qualifier != Qualifier::Exactly).then(|| o.qualifier.label(facts.locale()).to_string()),
                inferred: o.basis.inferred_from().map(str::to_string),
                period,
                period_lang: period_lang.flatten(),
                sources,
                seeds,
            }
        })
        .collect();
    let anchor = item.target.anchor.clone().unwrap_or_default();
    let chart_svg = (observations.len() > 1).then(|| super::chart::bars(&metric_chart(&anchor, m, &observations, catalog)));
    MetricView {
        lang: facts.lang(index),
        anchor,
        id: m.id.clone(),
        label: m.label.clone(),
        unit: m.unit.clone(),
        discrepancy: m.disputed(),
        discrepancy_note: m.discrepancy_note.clone(),
        observations,
        chart_svg,
        note_html: facts.note(index),
        key: m.key,
        draft: item.is_draft(),
    }
}

/// The chart of a metric's observations: a bar for each, labelled with its
/// period and its value as written, naming its sources, over a value axis in
/// the metric's unit (in millions or billions when the values are that large).
fn metric_chart(anchor: &str, m: &Metric, observations: &[ObservationView], catalog: &Catalog) -> super::chart::BarChart {
    let max = observations.iter().map(|o| o.value.abs()).fold(0.0_f64, f64::max);
    let (scale, scale_word) = match max {
        m if m >= 1e9 => (1e9, catalog.text("scale_billion")),
        m if m >= 1e6 => (1e6, catalog.text("scale_million")),
        _ => (1.0, ""),
    };
    let unit = [scale_word, m.unit.as_str()]
        .iter()
        .filter(|w| !w.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let ticks = super::chart::nice_ticks(max / scale, 4)
        .into_iter()
        .map(|v| super::chart::Tick {
            value: v * scale,
            label: catalog.format_number(v),
        })
        .collect();
    super::chart::BarChart {
        id: format!("chart-{anchor}"),
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
            .map(|o| super::chart::Bar {
                label: o.period.clone().unwrap_or_else(|| "–".to_string()),
                source: format!("{}: {}", catalog.text("source"), o.seeds.join(", ")),
                value: o.value,
                value_label: o.display.clone(),
            })
            .collect(),
        axis: super::chart::Axis {
            ticks,
            caption: if unit.is_empty() {
                String::new()
            } else {
                format!("{}: {unit}", catalog.text("unit"))
            },
        },
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
    /// The language of its words when they are not the page's (an untranslated entry).
    pub lang: Option<String>,
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
    /// Every person, unless the page writes them at a slot of its own
    /// (`persons_html`): then none, each rendered alone there.
    pub people: Option<Vec<PersonView>>,
    /// Every organisation, unless the page writes them at `organisations_html`.
    pub organisations: Option<Vec<PersonView>>,
    pub people_count: usize,
    pub organisations_count: usize,
}

/// People and organisations, each with the articles that name them (under any
/// of their spellings) and the events they take part in.
pub fn people(facts: &Facts<'_>) -> PeopleView {
    PeopleList::new(facts).view_listing(|_| true)
}

/// The people and organisations in the people page's order (by folded
/// name), with where each is mentioned: each one's view is made from it
/// when it is needed, so that a page can be written one entry at a time.
#[derive(Debug)]
pub struct PeopleList<'a> {
    facts: Facts<'a>,
    found: People,
    list: Vec<(usize, &'a Person)>,
}

impl<'a> PeopleList<'a> {
    /// Finds every mention (one pass over the seeds) and orders the entries.
    pub fn new(facts: &Facts<'a>) -> PeopleList<'a> {
        let outline = &facts.dossier.outline;
        let mut list: Vec<(usize, &Person)> = outline.people().collect();
        list.sort_by_key(|(_, p)| crate::text::fold::fold(&p.name));
        PeopleList {
            facts: *facts,
            found: People::new(outline),
            list,
        }
    }

    /// The people page's view: the entries of each kind `listed` says, and
    /// how many there are of each.
    pub fn view_listing(&self, listed: impl Fn(PersonKind) -> bool) -> PeopleView {
        let entries = |kind: PersonKind| listed(kind).then(|| self.views(kind).collect());
        PeopleView {
            people: entries(PersonKind::Person),
            organisations: entries(PersonKind::Organisation),
            people_count: self.count(PersonKind::Person),
            organisations_count: self.count(PersonKind::Organisation),
        }
    }

    /// How many entries there are of `kind`.
    pub fn count(&self, kind: PersonKind) -> usize {
        self.list.iter().filter(|(_, p)| p.kind == kind).count()
    }

    /// The views of the entries of `kind`, in order, each made as it is taken.
    pub fn views(&self, kind: PersonKind) -> impl Iterator<Item = PersonView> + '_ {
        (self.list.iter())
            .filter(move |(_, p)| p.kind == kind)
            .map(|&(i, p)| self.view(i, p))
    }

    fn view(&self, i: usize, p: &Person) -> PersonView {
        let (facts, found) = (&self.facts, &self.found);
        let outline = &facts.dossier.outline;
        let mentions = found.mentions.get(&i).into_iter().flatten().map(|&(seed, count)| {
            let article = outline.article(seed);
            Mention {
                title: article.title.clone(),
                href: article.target.file(),
                count,
            }
        });
        let link = |i: &usize| facts.link(*i);
        PersonView {
            anchor: outline.items[i].target.anchor.clone().unwrap_or_default(),
            lang: facts.lang(i),
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            role: p.role.clone(),
            country_name: p.country.as_deref().map(|c| facts.catalog.country(c)),
            mentions: mentions.collect(),
            events: found.events.get(&i).into_iter().flatten().map(link).collect(),
            note_html: facts.note(i),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub anchor: String,
    /// The language of its words when they are not the page's (an untranslated entry).
    pub lang: Option<String>,
    pub title: String,
    /// The words said, as the seed quotes them, linked to their passage.
    pub quote: Option<SourceLink>,
    pub speaker: Option<PersonLink>,
    /// The occasion.
    pub event: Option<PersonLink>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub date_inferred: Option<String>,
    pub summary: String,
    pub note_html: String,
    pub draft: bool,
}

#[derive(Debug, Serialize)]
pub struct StatementsView {
    pub statements: Vec<StatementView>,
    pub count: usize,
}

/// The statements, in the order they were made (undated last), then by title.
pub fn statements<'a>(facts: &Facts<'a>) -> StatementsView {
    let outline = &facts.dossier.outline;
    let mut list: Vec<(usize, &Statement)> = outline.statements().collect();
    let date =
        |i: usize, s: &'a Statement| crate::export::rows::statement_date(s, outline.items[i].related.event.map(|e| &outline.items[e]));
    list.sort_by_key(|&(i, s)| (date(i, s).0.is_none(), date(i, s).0, s.title.clone()));
    let statements: Vec<StatementView> = list
        .into_iter()
        .map(|(i, s)| {
            let item = facts.item(i);
            let (when, basis) = date(i, s);
            StatementView {
                anchor: item.target.anchor.clone().unwrap_or_default(),
                lang: facts.lang(i),
                title: s.title.clone(),
                quote: facts.sources(&item.sources[0]).into_iter().next(),
                speaker: item.related.people.first().map(|&p| facts.link(p)),
                event: item.related.event.map(|e| facts.link(e)),
                date: when.map(|d| facts.catalog.format_date(&d)),
                date_iso: when.map(|d| d.to_string()),
                date_inferred: basis.and_then(|b| b.inferred_from()).map(str::to_string),
                summary: s.summary.clone(),
                note_html: facts.note(i),
                draft: item.is_draft(),
            }
        })
        .collect();
    StatementsView {
        count: statements.len(),
        statements,
    }
}

/// A number without a trailing `.0`: `81500000000`, `7.3`.
pub fn plain_number(value: f64) -> String {
    format!("{value}")
}
