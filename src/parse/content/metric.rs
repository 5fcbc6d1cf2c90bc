//! A figure and what the sources say of it (`content/statistics/*.md`): a
//! label, and one observation per value a source gives, each with its
//! period and the sentences that state it.
//!
//! An observation's `display`, `value` and `qualifier` are read from its
//! quote (`vượt mốc 5 triệu lượt`: more than 5,000,000, unit `lượt`); those
//! the analyst writes must agree with it, in every quote of the observation.
//! A figure the analyst counted or inferred (`10` documents, rank `1` for
//! "lớn nhất") says so with `inferred = "…"`, and is then taken as written.

use serde::Deserialize;
use toml::Spanned;

use super::fields::Fields;
use super::{CitationRef, Named, RawSource, Source, Unparsed};
use crate::diag::Diagnostic;
use crate::parse::date::Basis;
use crate::text::figure::{Claim, Qualifier, Reading, check, check_all};
use crate::text::locale::Locale;

#[derive(Debug, Deserialize)]
struct RawMetric {
    id: Option<Spanned<String>>,
    label: Option<String>,
    unit: Option<String>,
    category: Option<String>,
    discrepancy: Option<Spanned<bool>>,
    discrepancy_note: Option<String>,
    /// Shown among the key figures on the home page.
    #[serde(default)]
    key: bool,
    observations: Option<Spanned<Vec<Spanned<RawObservation>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObservation {
    value: Option<Spanned<f64>>,
    display: Option<Spanned<String>>,
    qualifier: Option<Spanned<String>>,
    inferred: Option<String>,
    period: Option<String>,
    sources: Option<Spanned<Vec<Spanned<RawSource>>>>,
}

/// One figure and what the sources say of it.
#[derive(Debug, Clone)]
pub struct Metric {
    pub source: Source,
    pub id: String,
    pub label: String,
    /// As given, else the unit the first observation's quote writes.
    pub unit: String,
    pub category: Option<String>,
    /// Set by the analyst: the sources disagree (the build also finds it).
    pub discrepancy: bool,
    pub discrepancy_note: Option<String>,
    pub key: bool,
    pub observations: Vec<Observation>,
}

impl Metric {
    /// The first two observations of one period whose values differ.
    pub fn disagreement(&self) -> Option<(&Observation, &Observation)> {
        let mut by_period: std::collections::BTreeMap<Option<&str>, &Observation> = std::collections::BTreeMap::new();
        for o in &self.observations {
            if let Some(first) = by_period.insert(o.period.as_deref(), o) {
                if first.value != o.value {
                    return Some((first, o));
                }
            }
        }
        None
    }

    /// Whether the sources disagree on it: the analyst says so, or two
    /// observations of one period differ. Every output then shows every value.
    pub fn disputed(&self) -> bool {
        self.discrepancy || self.disagreement().is_some()
    }
}

/// One value a source gives.
#[derive(Debug, Clone)]
pub struct Observation {
    pub value: f64,
    /// The figure as the source writes it: `khoảng 320.000 người`.
    pub display: String,
    pub qualifier: Qualifier,
    /// The unit or counted noun the quote writes after the figure.
    pub unit: Option<String>,
    /// Read from the quote, or counted or inferred by the analyst.
    pub basis: Basis,
    pub period: Option<String>,
    pub sources: Vec<CitationRef>,
    /// Where the observation is written (its `value`, `display` or `sources`).
    pub position: (usize, usize),
}

pub(super) fn parse(source: Source, locale: Locale) -> Result<Metric, Unparsed> {
    let (raw, mut f) = Fields::read::<RawMetric>(&source)?;
    let stem = source.stem();
    if let Some(id) = raw.id.as_ref().filter(|id| *id.get_ref() != stem) {
        f.error(
            id.span().start,
            format!("id `{}` differs from the file name: use `{stem}`, or leave `id` out", id.get_ref()),
        );
    }
    let label = f.required(raw.label, "label", "the figure's name");
    let discrepancy = raw.discrepancy.as_ref().is_some_and(|d| *d.get_ref());
    if discrepancy && raw.discrepancy_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        let at = raw.discrepancy.as_ref().map_or(0, |d| d.span().start);
        f.error(at, "`discrepancy = true` needs a `discrepancy_note` saying why the sources differ");
    }
    let mut observations = Vec::new();
    // The citations of the observations that could not be read, still to be checked.
    let mut cited = Vec::new();
    match f.required(raw.observations, "observations", "one `[[observations]]` per value a source gives") {
        Some(list) if list.get_ref().is_empty() => f.error(list.span().start, "metric has no `observations`"),
        Some(list) => {
            for raw in list.into_inner() {
                match observation(&mut f, raw, locale) {
                    Ok(o) => observations.push(o),
                    Err(sources) => cited.extend(sources),
                }
            }
        }
        None => {}
    }
    let unit = raw.unit.or_else(|| observations.first().and_then(|o: &Observation| o.unit.clone()));
    let errors = f.done();
    if !errors.is_empty() {
        let mut citations: Vec<CitationRef> = observations.into_iter().flat_map(|o| o.sources).collect();
        citations.extend(cited);
        citations.sort_by_key(|c| c.position);
        let named = Named {
            citations,
            ids: Vec::new(),
        };
        return Err(Unparsed { errors, named });
    }
    Ok(Metric {
        id: stem,
        label: label.unwrap_or_default(),
        unit: unit.unwrap_or_default(),
        category: raw.category,
        discrepancy,
        discrepancy_note: raw.discrepancy_note,
        key: raw.key,
        observations,
        source,
    })
}

/// One observation: its figure read from (or checked against) each quote;
/// when it cannot be read, its citations (its problems are in `f`).
fn observation(f: &mut Fields<'_>, raw: Spanned<RawObservation>, locale: Locale) -> Result<Observation, Vec<CitationRef>> {
    let table = raw.span();
    let raw = raw.into_inner();
    let position = [raw.value.as_ref().map(|v| v.span()), raw.display.as_ref().map(|d| d.span())]
        .into_iter()
        .flatten()
        .chain(raw.sources.as_ref().map(|s| s.span()))
        .next()
        .map_or_else(|| f.source.toml_pos(table.start), |span| f.source.toml_pos(span.start));
    let sources = f.sources(
        raw.sources,
        Some(table.clone()),
        "observation",
        "the sentence that gives the figure",
    );
    if let Some(value) = raw.value.as_ref().filter(|v| !v.get_ref().is_finite()) {
        let message = "`value` must be a number (`nan` and `inf` are not): write the figure in base units, e.g. `81500000000`";
        f.error(value.span().start, message);
        return Err(sources);
    }
    let qualifier = match &raw.qualifier {
        Some(q) => match parse_qualifier(f, q) {
            Some(q) => Some(q),
            None => return Err(sources),
        },
        None => None,
    };
    let spans = Spans {
        display: raw.display.as_ref().map(|d| d.span().start),
        value: raw.value.as_ref().map(|v| v.span().start),
        qualifier: raw.qualifier.as_ref().map(|q| q.span().start),
    };
    if sources.is_empty() {
        return Err(sources);
    }
    let basis = Basis::from_field(raw.inferred);
    if let Basis::Inferred(_) = basis {
        let display = f.required_in(raw.display, Some(table.clone()), "display", "the figure as you counted it");
        let value = f.required_in(raw.value, Some(table), "value", "the counted figure in base units");
        let (Some(display), Some(value)) = (display, value) else {
            return Err(sources);
        };
        return Ok(Observation {
            value: *value.get_ref(),
            display: display.into_inner(),
            qualifier: qualifier.unwrap_or_default(),
            unit: None,
            basis,
            period: raw.period,
            sources,
            position,
        });
    }
    let claim = Claim {
        display: raw.display.as_ref().map(|d| d.get_ref().as_str()),
        value: raw.value.as_ref().map(|v| *v.get_ref()),
        qualifier,
    };
    let Some(reading) = read_figure(f, &sources, &claim, &spans, locale) else {
        return Err(sources);
    };
    Ok(Observation {
        value: reading.value.to_f64(),
        display: reading.display,
        qualifier: reading.qualifier,
        unit: reading.unit,
        basis,
        period: raw.period,
        sources,
        position,
    })
}

/// The figure of the first quote, as `claim` says or as derived; an error
/// at the field that disagrees, or at each later quote that disagrees.
fn read_figure(f: &mut Fields<'_>, sources: &[CitationRef], claim: &Claim<'_>, spans: &Spans, locale: Locale) -> Option<Reading> {
    let first = sources.first()?;
    let reading = match check_all(&first.quote, claim, locale) {
        Ok(reading) => reading,
        Err(mismatches) => {
            for mismatch in mismatches {
                match spans.of(&mismatch) {
                    Some(offset) => f.error(offset, mismatch.to_string()),
                    None => f
                        .errors
                        .push(Diagnostic::error(&first.path, mismatch.to_string()).at(first.position)),
                }
            }
            return None;
        }
    };
    let agreed = Claim {
        display: Some(&reading.display),
        value: Some(reading.value.to_f64()),
        qualifier: Some(reading.qualifier),
    };
    for other in &sources[1..] {
        if let Err(mismatch) = check(&other.quote, &agreed, locale) {
            let message = format!("this quote disagrees with the observation's first: {mismatch}");
            f.errors.push(Diagnostic::error(&other.path, message).at(other.position));
        }
    }
    Some(reading)
}

fn parse_qualifier(f: &mut Fields<'_>, q: &Spanned<String>) -> Option<Qualifier> {
    let found = Qualifier::ALL.into_iter().find(|k| k.key() == q.get_ref().as_str());
    if found.is_none() {
        let names: Vec<&str> = Qualifier::ALL.iter().map(|k| k.key()).collect();
        f.error(
            q.span().start,
            format!("unknown qualifier `{}`: use one of {}", q.get_ref(), names.join(", ")),
        );
    }
    found
}

/// Where an observation's fields are written (offsets in the TOML).
struct Spans {
    display: Option<usize>,
    value: Option<usize>,
    qualifier: Option<usize>,
}

impl Spans {
    /// Where a mismatch is reported: at the field it is about, or (`None`) at the quote.
    fn of(&self, mismatch: &crate::text::figure::Mismatch) -> Option<usize> {
        use crate::text::figure::Mismatch as M;
        match mismatch {
            M::Qualifier { .. } => self.qualifier,
            M::Value { .. } => self.value,
            M::NoFigure | M::Ambiguous { .. } => None,
            _ => self.display,
        }
    }
}
