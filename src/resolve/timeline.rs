//! The timeline's order: events in time order, grouped by year of
//! background and by day of the visit. Computed once per build; the
//! timeline page, the home page's days and the print page all read it.

use serde::Serialize;

use crate::parse::content::{TimelineEvent, Visit};
use crate::parse::date::{PartialDate, Precision};

/// What a run of events is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupKind {
    /// A year of background.
    Year,
    /// A day of the visit.
    VisitDay,
    /// During the visit, the day not given.
    Visit,
}

/// A run of events: one year, or one day of the visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventGroup {
    pub kind: GroupKind,
    /// The date the group stands for: the year, the day, or the visit's month.
    pub date: PartialDate,
    /// Item indices of its events, in time order.
    pub events: Vec<usize>,
}

impl EventGroup {
    /// The group's id on the page: `visit-day-2025-08-11`, `year-1992`.
    pub fn id(&self) -> String {
        match self.kind {
            GroupKind::Year => format!("year-{}", self.date.year),
            GroupKind::VisitDay => format!("visit-day-{}", self.date),
            GroupKind::Visit => format!("visit-{}", self.date),
        }
    }
}

/// Where an event belongs on the timeline: its group's kind and date.
pub fn group_of(date: &PartialDate, visit: Option<&Visit>) -> (GroupKind, PartialDate) {
    if let Some(v) = visit {
        let in_visit_days = date.precision() == Precision::Day && *date >= v.start && *date <= v.end;
        if in_visit_days {
            return (GroupKind::VisitDay, *date);
        }
        let visit_month = PartialDate {
            year: v.start.year,
            month: v.start.month,
            day: None,
        };
        if date.precision() == Precision::Month && *date == visit_month {
            return (GroupKind::Visit, *date);
        }
    }
    (GroupKind::Year, PartialDate::year_only(date.year))
}

/// The events (item index and event) in time order, a less precise date
/// first, ties by id; grouped.
pub fn groups(mut events: Vec<(usize, &TimelineEvent)>, visit: Option<&Visit>) -> Vec<EventGroup> {
    events.sort_by(|(_, a), (_, b)| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let mut groups: Vec<EventGroup> = Vec::new();
    for (item, event) in events {
        let (kind, date) = group_of(&event.date, visit);
        match groups.last_mut() {
            Some(group) if group.kind == kind && group.date == date => group.events.push(item),
            _ => groups.push(EventGroup {
                kind,
                date,
                events: vec![item],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let key = |s: &str| {
            let (kind, date) = group_of(&PartialDate::parse(s).unwrap(), Some(&visit));
            (kind, date.to_string())
        };
        assert_eq!(key("2025-08-11"), (GroupKind::VisitDay, "2025-08-11".to_string()));
        assert_eq!(key("2025-08"), (GroupKind::Visit, "2025-08".to_string()));
        assert_eq!(key("2025-08-20"), (GroupKind::Year, "2025".to_string()));
        assert_eq!(key("1992-12-22"), (GroupKind::Year, "1992".to_string()));
        let (kind, date) = group_of(&PartialDate::parse("2025-08-11").unwrap(), None);
        assert_eq!((kind, date.to_string()), (GroupKind::Year, "2025".to_string()));
    }
}
