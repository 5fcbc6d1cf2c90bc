//! Interface strings and date formats, one catalogue per language.
//!
//! `vi` and `en` are built in (`src/i18n/*.toml`); a dossier adds or overrides
//! a language with one file, `i18n/<code>.toml`, of the same shape. This module
//! parses catalogues and formats dates; it reads no files.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::parse::config::toml_error;
use crate::parse::date::{PartialDate, Precision};

/// Built-in catalogues: (code, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[("vi", include_str!("i18n/vi.toml")), ("en", include_str!("i18n/en.toml"))];

/// One language's strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub code: String,
    pub name: String,
    /// The paper the language's readers print on (`paper = "letter"`); A4,
    /// the international standard, when the catalogue does not say.
    #[serde(default)]
    pub paper: Paper,
    dates: DateFormats,
    numbers: NumberFormat,
    /// Country names by ISO 3166 alpha-2 code.
    #[serde(default)]
    countries: BTreeMap<String, String>,
    /// Interface strings by key, as templates see them (`t.home`).
    pub ui: BTreeMap<String, String>,
}

/// A paper size the print stylesheet has an `@page` rule for: templates see
/// `a4` or `letter` (`<body class="paper-a4">`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// ISO 216, 210 × 297 mm: nearly every country's paper.
    #[default]
    A4,
    /// 8.5 × 11 in: the United States', Canada's and a few others'.
    Letter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberFormat {
    thousands: String,
    decimal: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateFormats {
    day: String,
    month: String,
    year: String,
    with_weekday: String,
    weekdays: [String; 7],
    months: [String; 12],
}

impl Catalog {
    /// Parses a catalogue; `reference` (the built-in Vietnamese one) lists the keys it must have.
    pub fn parse(path: &Path, text: &str, reference: Option<&Catalog>) -> Result<Catalog, Diagnostic> {
        let catalog: Catalog = toml::from_str(text).map_err(|e| toml_error(path, text, 0, &e))?;
        if let Some(reference) = reference {
            let missing: Vec<&str> = reference
                .ui
                .keys()
                .filter(|k| !catalog.ui.contains_key(*k))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                return Err(Diagnostic::error(path, format!("catalogue lacks the keys {}", missing.join(", "))).at((1, 1)));
            }
        }
        Ok(catalog)
    }

    /// The built-in catalogue for `code`. The built-in catalogues are
    /// parsed once a process (they are constants; `serve` asks for them at
    /// every rebuild) and each caller gets its own copy.
    pub fn builtin(code: &str) -> Option<Catalog> {
        static PARSED: std::sync::OnceLock<Vec<Catalog>> = std::sync::OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            let parse = |(_, text): &(&str, &str)| toml::from_str(text).expect("built-in catalogues are valid (tested)");
            BUILTIN.iter().map(parse).collect()
        });
        let at = BUILTIN.iter().position(|(c, _)| *c == code)?;
        Some(parsed[at].clone())
    }

    /// A date at its own precision: `22/12/1992`, `tháng 12/2022`, `năm 2030`.
    pub fn format_date(&self, date: &PartialDate) -> String {
        let f = &self.dates;
        let template = match date.precision() {
            Precision::Day => &f.day,
            Precision::Month => &f.month,
            Precision::Year => &f.year,
        };
        let month_name = date.month.map_or("", |m| f.months[m as usize - 1].as_str());
        template
            .replace("{y}", &date.year.to_string())
            .replace("{month}", month_name)
            .replace("{m}", &date.month.map_or(String::new(), |m| m.to_string()))
            .replace("{d}", &date.day.map_or(String::new(), |d| d.to_string()))
    }

    /// A day with its weekday: `Chủ Nhật, 10/8/2025`; other precisions as [`Catalog::format_date`].
    pub fn format_date_with_weekday(&self, date: &PartialDate) -> String {
        let plain = self.format_date(date);
        match date.weekday() {
            Some(w) => self
                .dates
                .with_weekday
                .replace("{weekday}", &self.dates.weekdays[w as usize - 1])
                .replace("{date}", &plain),
            None => plain,
        }
    }

    /// A number with the language's separators: `81.500.000.000`, `7,3`.
    pub fn format_number(&self, value: f64) -> String {
        let negative = value < 0.0;
        let text = format!("{}", value.abs());
        let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
        let mut grouped = String::new();
        for (i, digit) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push_str(&self.numbers.thousands);
            }
            grouped.push(digit);
        }
        if let Some(frac) = frac {
            grouped.push_str(&self.numbers.decimal);
            grouped.push_str(frac);
        }
        if negative { format!("-{grouped}") } else { grouped }
    }

    /// The name of a country by its code, or the code itself.
    pub fn country(&self, code: &str) -> String {
        self.countries.get(code).cloned().unwrap_or_else(|| code.to_string())
    }

    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.ui.get(key).map_or(key, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn builtin_catalogues_parse_and_have_the_same_keys() {
        let vi = Catalog::builtin("vi").unwrap();
        for (code, text) in BUILTIN {
            let c = Catalog::parse(Path::new(code), text, Some(&vi)).unwrap();
            assert_eq!(&c.code, code);
            assert_eq!(c.ui.len(), vi.ui.len(), "{code} has keys vi lacks");
        }
    }

    #[test]
    fn vietnamese_dates_at_their_precision() {
        let vi = Catalog::builtin("vi").unwrap();
        assert_eq!(vi.format_date(&date("1992-12-22")), "22/12/1992");
        assert_eq!(vi.format_date(&date("2022-12")), "tháng 12/2022");
        assert_eq!(vi.format_date(&date("2030")), "năm 2030");
        assert_eq!(vi.format_date_with_weekday(&date("2025-08-10")), "Chủ Nhật, 10/8/2025");
        assert_eq!(vi.format_date_with_weekday(&date("2025-08-11")), "Thứ Hai, 11/8/2025");
    }

    #[test]
    fn english_dates_at_their_precision() {
        let en = Catalog::builtin("en").unwrap();
        assert_eq!(en.format_date(&date("1992-12-22")), "22 December 1992");
        assert_eq!(en.format_date(&date("2022-12")), "December 2022");
        assert_eq!(en.format_date_with_weekday(&date("2025-08-10")), "Sunday, 10 August 2025");
    }

    #[test]
    fn numbers_use_the_language_separators() {
        let vi = Catalog::builtin("vi").unwrap();
        let en = Catalog::builtin("en").unwrap();
        assert_eq!(vi.format_number(81_500_000_000.0), "81.500.000.000");
        assert_eq!(vi.format_number(7.3), "7,3");
        assert_eq!(vi.format_number(320.0), "320");
        assert_eq!(en.format_number(4_600_000.0), "4,600,000");
        assert_eq!(vi.country("KR"), "Hàn Quốc");
        assert_eq!(vi.country("XX"), "XX");
    }

    #[test]
    fn each_language_prints_on_its_region_s_paper() {
        assert_eq!(Catalog::builtin("vi").unwrap().paper, Paper::A4);
        assert_eq!(Catalog::builtin("en").unwrap().paper, Paper::Letter);
        let vi = Catalog::builtin("vi").unwrap();
        let unsaid = BUILTIN[1].1.replace("paper = \"letter\"\n", "");
        assert_eq!(
            Catalog::parse(Path::new("i18n/xx.toml"), &unsaid, Some(&vi)).unwrap().paper,
            Paper::A4,
            "A4 by default"
        );
        let wrong = BUILTIN[1].1.replace("paper = \"letter\"", "paper = \"a5\"");
        let err = Catalog::parse(Path::new("i18n/xx.toml"), &wrong, Some(&vi)).unwrap_err();
        assert!(err.message.contains("a4") && err.message.contains("letter"), "{}", err.message);
    }

    #[test]
    fn a_user_catalogue_missing_keys_is_refused() {
        let vi = Catalog::builtin("vi").unwrap();
        let text = BUILTIN[1].1.replace("home = \"Home\"\n", "");
        let err = Catalog::parse(Path::new("i18n/xx.toml"), &text, Some(&vi)).unwrap_err();
        assert!(err.message.contains("home"), "{}", err.message);
    }
}
