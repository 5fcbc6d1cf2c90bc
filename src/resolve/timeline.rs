//! The timeline's order: events in time order (by date, then by time of
//! day and by the relations the analysts cite), grouped by year of
//! background and by day of the visit. Computed once per build; the
//! timeline page, the home page's days, the print page and the exports all
//! read it.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::model::Outline;
use crate::diag::Diagnostic;
use crate::parse::content::{Order, TimelineEvent, Visit};
use crate::parse::date::{PartialDate, Precision};
use crate::text::time_of_day::check_order;

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

/// The events in time order, grouped. Days first by date (a less precise
/// date before the days it holds); within a day by time of day where the
/// sources give one, and by the `after`/`before` relations the analysts
/// cite; what neither orders keeps the order of the file names. A relation
/// the dates or times contradict, or a cycle of them, is an error.
pub(super) fn order(outline: &Outline<'_>) -> (Vec<EventGroup>, Vec<Diagnostic>) {
    let mut events: Vec<(usize, &TimelineEvent)> = outline.events().collect();
    events.sort_by(|(_, a), (_, b)| {
        let time = |e: &TimelineEvent| e.time.as_ref().map(|(_, t)| *t);
        a.date
            .cmp(&b.date)
            .then_with(|| time(a).cmp(&time(b)))
            .then_with(|| a.id.cmp(&b.id))
    });
    let (events, problems) = apply_relations(outline, events);
    let mut groups: Vec<EventGroup> = Vec::new();
    for (item, event) in events {
        let (kind, date) = group_of(&event.date, outline.visit);
        match groups.last_mut() {
            Some(group) if group.kind == kind && group.date == date => group.events.push(item),
            _ => groups.push(EventGroup {
                kind,
                date,
                events: vec![item],
            }),
        }
    }
    (groups, problems)
}

/// Reorders each day's events so that every relation holds (a stable
/// topological order: among events no relation orders, the order given).
fn apply_relations<'a>(
    outline: &Outline<'a>,
    events: Vec<(usize, &'a TimelineEvent)>,
) -> (Vec<(usize, &'a TimelineEvent)>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let position: HashMap<usize, usize> = events.iter().enumerate().map(|(p, (i, _))| (*i, p)).collect();
    // Edges `before → after`, by position in `events`.
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (p, (_, event)) in events.iter().enumerate() {
        for relation in &event.relations {
            // An unknown event is reported by `relate`, with the ids closest to it.
            let Some(other) = outline.event_index(&relation.event).and_then(|i| position.get(&i).copied()) else {
                continue;
            };
            let (first, then) = match relation.order {
                Order::After => (other, p),
                Order::Before => (p, other),
            };
            match contradiction(events[first].1, events[then].1) {
                Some(why) => problems.push(Diagnostic::error(&event.source.path, why).at(relation.position)),
                None => edges.push((first, then)),
            }
        }
    }
    let mut ordered = Vec::with_capacity(events.len());
    let mut start = 0;
    while start < events.len() {
        // One day (or month, or year) at a time: relations across them only had to agree.
        let end = start + events[start..].iter().take_while(|(_, e)| e.date == events[start].1.date).count();
        let day: Vec<(usize, usize)> = edges
            .iter()
            .filter(|(a, b)| (start..end).contains(a) && (start..end).contains(b))
            .map(|(a, b)| (a - start, b - start))
            .collect();
        match stable_topological(end - start, &day) {
            Some(order) => {
                let run: Vec<(usize, &TimelineEvent)> = order.into_iter().map(|p| events[start + p]).collect();
                problems.extend(times_out_of_order(&run));
                ordered.extend(run);
            }
            None => {
                let (_, event) = events[start + day[0].1];
                let message = "the `after` and `before` relations of this day's events go round in a circle: remove one";
                problems.push(Diagnostic::error(&event.source.path, message).at((1, 1)));
                ordered.extend_from_slice(&events[start..end]);
            }
        }
        start = end;
    }
    (ordered, problems)
}

/// The relations, taken together, may put a later time first (`a` after `x`,
/// `x` after `b`, with `b` in the evening and `a` in the afternoon): an
/// error at the event put too early.
fn times_out_of_order(day: &[(usize, &TimelineEvent)]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, (_, first)) in day.iter().enumerate() {
        for (_, then) in &day[i + 1..] {
            if let Some(why) = contradiction(first, then) {
                let message = format!("the `after` and `before` relations of this day put {why}");
                problems.push(Diagnostic::error(&first.source.path, message).at((1, 1)));
            }
        }
    }
    problems
}

/// Why `first` cannot come before `then`: a later date, or a later time of the same day.
fn contradiction(first: &TimelineEvent, then: &TimelineEvent) -> Option<String> {
    if first.date > then.date {
        return Some(format!(
            "`{}` ({}) cannot come before `{}` ({}): their dates say otherwise",
            first.id, first.date, then.id, then.date
        ));
    }
    let (Some((_, a)), Some((_, b))) = (&first.time, &then.time) else {
        return None;
    };
    (first.date == then.date)
        .then(|| check_order(*a, *b).err())
        .flatten()
        .map(|why| format!("`{}` cannot come before `{}`: {why}", first.id, then.id))
}

/// A topological order of `0..n` under `edges`, taking among the free nodes
/// always the smallest; `None` when the edges make a cycle.
fn stable_topological(n: usize, edges: &[(usize, usize)]) -> Option<Vec<usize>> {
    let mut incoming = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        incoming[b] += 1;
        out[a].push(b);
    }
    let mut free: BTreeSet<usize> = (0..n).filter(|&i| incoming[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(next) = free.pop_first() {
        order.push(next);
        for &b in &out[next] {
            incoming[b] -= 1;
            if incoming[b] == 0 {
                free.insert(b);
            }
        }
    }
    (order.len() == n).then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stable_topological_order_keeps_the_given_order_where_it_is_free() {
        assert_eq!(stable_topological(4, &[]), Some(vec![0, 1, 2, 3]));
        assert_eq!(stable_topological(3, &[(2, 0)]), Some(vec![1, 2, 0]));
        assert_eq!(stable_topological(3, &[(1, 0), (2, 0)]), Some(vec![1, 2, 0]));
        assert_eq!(stable_topological(2, &[(0, 1), (1, 0)]), None);
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
            dates_basis: Default::default(),
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
