//! Dates at the precision their source gives: a year, a month or a day.
//!
//! `1992-12-22`, `2022-12` and `2030` are all valid and stay distinct: nothing
//! here invents a month or a day. This module parses and orders dates; how they
//! read in a language lives in `i18n`.

use std::cmp::Ordering;
use std::fmt;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Whether a source states a date (or a time), or the analyst inferred it,
/// and from what.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Basis {
    #[default]
    Stated,
    /// Inferred by the analyst; the text says from what ("bài 004 says
    /// “vừa”, in its report of 11 August").
    Inferred(String),
}

impl Basis {
    /// From an optional `*_inferred = "…"` field.
    pub fn from_field(inferred: Option<String>) -> Basis {
        inferred.map_or(Basis::Stated, Basis::Inferred)
    }

    /// What the date was inferred from, when it was.
    pub fn inferred_from(&self) -> Option<&str> {
        match self {
            Basis::Stated => None,
            Basis::Inferred(from) => Some(from),
        }
    }

    /// `stated` or `inferred`, as the exports name it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Inferred(_) => "inferred",
        }
    }
}

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    pub fn day(year: i16, month: u8, day: u8) -> Result<Self, String> {
        jiff::civil::Date::new(year, month as i8, day as i8)
            .map_err(|_| format!("{year:04}-{month:02}-{day:02} is not a date in the calendar"))?;
        Ok(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a date: expected `YYYY`, `YYYY-MM` or `YYYY-MM-DD`");
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, String> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = number(parts[0], 4)? as i16;
        match parts.len() {
            1 => Ok(PartialDate::year_only(year)),
            2 => {
                let month = number(parts[1], 2)? as u8;
                if !(1..=12).contains(&month) {
                    return Err(format!("`{text}` has no month {month}: months run 01 to 12"));
                }
                Ok(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            3 => PartialDate::day(year, number(parts[1], 2)? as u8, number(parts[2], 2)? as u8),
            _ => Err(bad()),
        }
    }

    pub fn year_only(year: i16) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Reads a TOML value: a date (`2025-08-11`), a string (`"2022-12"`) or a year (`2030`).
    pub fn from_toml(value: &toml::Value) -> Result<Self, String> {
        match value {
            toml::Value::Integer(y) if (1..=9999).contains(y) => Ok(PartialDate::year_only(*y as i16)),
            toml::Value::String(s) => PartialDate::parse(s),
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => PartialDate::day(d.year as i16, d.month, d.day),
                _ => Err(format!(
                    "`{dt}` has a time of day: give a date (`2025-08-11`), a month (`\"2022-12\"`) or a year (`2030`)"
                )),
            },
            other => Err(format!(
                "expected a date (`2025-08-11`), a month (`\"2022-12\"`) or a year (`2030`), found {}",
                other.type_str()
            )),
        }
    }

    /// The weekday, Monday = 1 … Sunday = 7, when the day is known.
    pub fn weekday(&self) -> Option<u8> {
        let d = jiff::civil::Date::new(self.year, self.month? as i8, self.day? as i8).ok()?;
        Some(d.weekday().to_monday_one_offset() as u8)
    }

    /// True when `self` lies within `other` (same year, and month/day where `other` has them).
    pub fn within(&self, other: &PartialDate) -> bool {
        self.year == other.year && (other.month.is_none() || self.month == other.month) && (other.day.is_none() || self.day == other.day)
    }

    fn sort_key(&self) -> (i16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

/// Chronological order; a less precise date sorts before the more precise dates
/// it contains (`2022-12` before `2022-12-05`).
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// ISO 8601 at the known precision: `1992-12-22`, `2022-12`, `2030`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(PartialDate::parse("2030").unwrap().precision(), Precision::Year);
        assert_eq!(PartialDate::parse("2022-12").unwrap().to_string(), "2022-12");
        let d = PartialDate::parse("1992-12-22").unwrap();
        assert_eq!((d.year, d.month, d.day), (1992, Some(12), Some(22)));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2025-02-30").unwrap_err().contains("not a date"));
        assert!(PartialDate::parse("2025-13").unwrap_err().contains("no month 13"));
        assert!(PartialDate::parse("25-08-11").is_err());
        assert!(PartialDate::parse("2025/08/11").is_err());
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn reads_toml_values_of_three_kinds() {
        let v: toml::Table = toml::from_str("a = 2025-08-11\nb = \"2022-12\"\nc = 2030\nd = 1.5\ne = 2025-08-11T10:00:00").unwrap();
        assert_eq!(PartialDate::from_toml(&v["a"]).unwrap().to_string(), "2025-08-11");
        assert_eq!(PartialDate::from_toml(&v["b"]).unwrap().to_string(), "2022-12");
        assert_eq!(PartialDate::from_toml(&v["c"]).unwrap().to_string(), "2030");
        assert!(PartialDate::from_toml(&v["d"]).unwrap_err().contains("found float"));
        assert!(PartialDate::from_toml(&v["e"]).unwrap_err().contains("time of day"));
    }

    #[test]
    fn sorts_by_time_with_less_precise_first() {
        let mut dates: Vec<PartialDate> = ["2025-08-11", "2030", "2022-12", "1992-12-22", "2025-08", "2025-08-10"]
            .iter()
            .map(|s| PartialDate::parse(s).unwrap())
            .collect();
        dates.sort();
        let order: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(order, ["1992-12-22", "2022-12", "2025-08", "2025-08-10", "2025-08-11", "2030"]);
    }

    #[test]
    fn weekday_and_within() {
        let d = PartialDate::parse("2025-08-10").unwrap();
        assert_eq!(d.weekday(), Some(7), "10 August 2025 was a Sunday");
        assert_eq!(PartialDate::parse("2025-08").unwrap().weekday(), None);
        assert!(d.within(&PartialDate::parse("2025-08").unwrap()));
        assert!(!d.within(&PartialDate::parse("2025-09").unwrap()));
    }
}
