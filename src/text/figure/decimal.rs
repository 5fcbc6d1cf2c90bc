//! Exact decimal numbers and the number syntax of each locale: `81,5` is
//! 815 × 10⁻¹, `7.900` is 79 × 10², read from their digits, so `81,5 tỷ` is
//! exactly 81 500 000 000 and never 81 499 999 999.99.
//!
//! This is not a general decimal arithmetic: a [`Decimal`] is non-negative,
//! can be scaled by a power of ten, compared, printed and turned into an `f64`
//! once, and nothing more.

use std::fmt;

use crate::text::locale::Locale;

/// Largest power of ten a figure's exponent may reach either way; beyond it
/// nothing written in a news article lies.
const EXPONENT_LIMIT: i32 = 400;

/// A non-negative number `mantissa × 10^exponent`, kept canonical (the
/// mantissa has no trailing zero; zero is `0 × 10⁰`), so two equal values are
/// equal structs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: u128,
    exponent: i32,
}

impl Decimal {
    pub const ZERO: Decimal = Decimal { mantissa: 0, exponent: 0 };

    /// `mantissa × 10^exponent`, canonical; `None` when the exponent runs past ±400.
    pub fn new(mantissa: u128, exponent: i32) -> Option<Decimal> {
        if mantissa == 0 {
            return Some(Decimal::ZERO);
        }
        let (mut mantissa, mut exponent) = (mantissa, exponent);
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exponent = exponent.checked_add(1)?;
        }
        (exponent.abs() <= EXPONENT_LIMIT).then_some(Decimal { mantissa, exponent })
    }

    /// The digits, without trailing zeros.
    pub fn mantissa(self) -> u128 {
        self.mantissa
    }

    /// The power of ten the digits are multiplied by.
    pub fn exponent(self) -> i32 {
        self.exponent
    }

    /// This value times `10^power`: `81,5` scaled by `tỷ` (9) is 81 500 000 000.
    pub fn scaled(self, power: i32) -> Option<Decimal> {
        Decimal::new(self.mantissa, self.exponent.checked_add(power)?)
    }

    /// The exact decimal an `f64` prints as (its shortest round-trip form:
    /// `7.3` is 73 × 10⁻¹, not the binary fraction); `None` for negative,
    /// infinite or NaN values, which no figure reads as.
    pub fn from_f64(value: f64) -> Option<Decimal> {
        if value == 0.0 {
            return Some(Decimal::ZERO);
        }
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        let text = format!("{value:e}");
        let (digits, exponent) = text.split_once('e')?;
        let exponent: i32 = exponent.parse().ok()?;
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let mantissa: u128 = format!("{int}{frac}").parse().ok()?;
        Decimal::new(mantissa, exponent.checked_sub(i32::try_from(frac.len()).ok()?)?)
    }

    /// The nearest `f64`, rounded once from the exact digits.
    pub fn to_f64(self) -> f64 {
        format!("{}e{}", self.mantissa, self.exponent).parse().unwrap_or(f64::INFINITY)
    }

    /// Whether an analyst's `value` (an `f64` from TOML) is this number: both
    /// are compared as the decimals they print as, so `81500000000` matches
    /// `81,5 tỷ` and `7.3` matches `7,3` with no tolerance to choose.
    pub fn matches(self, value: f64) -> bool {
        Decimal::from_f64(value) == Some(self)
    }

    /// The value with the locale's separators, thousands grouped:
    /// `81.500.000.000` and `7,3` in Vietnamese, `81,500,000,000` and `7.3` in English.
    pub fn format(self, locale: Locale) -> String {
        let plain = self.to_string();
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
        let mut out = String::with_capacity(plain.len() + int.len() / 3);
        for (i, digit) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(locale.thousands());
            }
            out.push(digit);
        }
        if !frac.is_empty() {
            out.push(locale.decimal());
            out.push_str(frac);
        }
        out
    }
}

/// Plain digits with a `.` before decimals, as `plain_number` prints an `f64`:
/// `81500000000`, `7.3`, `0.05`.
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.to_string();
        if self.exponent >= 0 {
            return write!(f, "{digits}{}", "0".repeat(self.exponent.unsigned_abs() as usize));
        }
        let shift = self.exponent.unsigned_abs() as usize;
        if digits.len() > shift {
            let (int, frac) = digits.split_at(digits.len() - shift);
            write!(f, "{int}.{frac}")
        } else {
            write!(f, "0.{}{digits}", "0".repeat(shift - digits.len()))
        }
    }
}

/// The value of a run of digits and `.`/`,` separators (each between two
/// digits), read with the locale's syntax first and the other locale's when
/// that fails: in Vietnamese `7.900` is 7900 and `81,5` is 81.5, while `2.4`
/// (no three-digit group after the dot) can only be English and is 2.4.
/// `None` when neither syntax reads it (`1.2.3`, a section number) or it has
/// more digits than a figure may (38).
pub fn parse_number(token: &str, locale: Locale) -> Option<Decimal> {
    parse_with(token, locale).or_else(|| parse_with(token, locale.other()))
}

/// The run read with one locale's syntax: digits grouped by threes with the
/// thousands separator (or not grouped at all), then optionally the decimal
/// separator and more digits.
fn parse_with(token: &str, locale: Locale) -> Option<Decimal> {
    let (int, frac) = token.split_once(locale.decimal()).unwrap_or((token, ""));
    if token.ends_with(locale.decimal()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = int.split(locale.thousands()).collect();
    let grouped_well = match groups.as_slice() {
        [single] => !single.is_empty(),
        [first, rest @ ..] => (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3),
        [] => false,
    };
    if !grouped_well || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut mantissa: u128 = 0;
    for digit in groups.iter().flat_map(|g| g.bytes()).chain(frac.bytes()) {
        mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(digit - b'0'))?;
    }
    Decimal::new(mantissa, -i32::try_from(frac.len()).ok()?)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn vi(token: &str) -> Option<String> {
        parse_number(token, Locale::Vi).map(|d| d.to_string())
    }

    fn en(token: &str) -> Option<String> {
        parse_number(token, Locale::En).map(|d| d.to_string())
    }

    #[test]
    fn vietnamese_groups_with_dots_and_marks_decimals_with_commas() {
        assert_eq!(vi("7.900").as_deref(), Some("7900"));
        assert_eq!(vi("320.000").as_deref(), Some("320000"));
        assert_eq!(vi("81,5").as_deref(), Some("81.5"));
        assert_eq!(vi("1.234.567,25").as_deref(), Some("1234567.25"));
        assert_eq!(vi("81500000000").as_deref(), Some("81500000000"));
    }

    #[test]
    fn english_groups_with_commas_and_marks_decimals_with_dots() {
        assert_eq!(en("7,900").as_deref(), Some("7900"));
        assert_eq!(en("2.4").as_deref(), Some("2.4"));
        assert_eq!(en("1,234,567.25").as_deref(), Some("1234567.25"));
    }

    #[test]
    fn ambiguous_runs_read_the_locale_way_and_others_the_only_way_they_can() {
        // A three-digit group after the separator: the locale decides.
        assert_eq!(vi("7.900").as_deref(), Some("7900"));
        assert_eq!(en("7.900").as_deref(), Some("7.9"));
        assert_eq!(vi("7,900").as_deref(), Some("7.9"));
        // Anything else can be read one way only.
        assert_eq!(vi("2.4").as_deref(), Some("2.4"));
        assert_eq!(en("81,5").as_deref(), Some("81.5"));
        assert_eq!(vi("1,234.5").as_deref(), Some("1234.5"));
        assert_eq!(en("1.234,5").as_deref(), Some("1234.5"));
    }

    #[test]
    fn runs_no_syntax_reads_are_not_numbers() {
        assert_eq!(vi("1.2.3"), None);
        assert_eq!(en("1.2.3"), None);
        assert_eq!(vi("1.23.456"), None);
        assert_eq!(vi("1,2,3"), None);
        assert_eq!(vi(&"9".repeat(40)), None, "more digits than a u128 holds");
    }

    #[test]
    fn scaling_is_exact() {
        let d = parse_number("81,5", Locale::Vi).unwrap().scaled(9).unwrap();
        assert_eq!(d.to_string(), "81500000000");
        assert_eq!(d.to_f64(), 81_500_000_000.0);
        assert!(d.matches(81_500_000_000.0));
        assert!(!d.matches(8_150_000_000.0));
        let d = parse_number("4,6", Locale::Vi).unwrap().scaled(6).unwrap();
        assert_eq!(d, Decimal::new(46, 5).unwrap());
        assert!(d.matches(4_600_000.0));
    }

    #[test]
    fn a_typed_value_compares_as_the_decimal_it_prints_as() {
        let seven_three = parse_number("7,3", Locale::Vi).unwrap();
        assert!(seven_three.matches(7.3));
        assert!(!seven_three.matches(7.30000001));
        // 0.1 + 0.2 prints as 0.30000000000000004, which is not 0,3.
        assert!(!parse_number("0,3", Locale::Vi).unwrap().matches(0.1 + 0.2));
        assert_eq!(Decimal::from_f64(-1.0), None);
        assert_eq!(Decimal::from_f64(f64::NAN), None);
        assert_eq!(Decimal::from_f64(0.0), Some(Decimal::ZERO));
        assert_eq!(Decimal::from_f64(-0.0), Some(Decimal::ZERO));
    }

    #[test]
    fn formats_with_the_locale_separators() {
        let d = Decimal::new(815, 8).unwrap();
        assert_eq!(d.format(Locale::Vi), "81.500.000.000");
        assert_eq!(d.format(Locale::En), "81,500,000,000");
        assert_eq!(Decimal::new(73, -1).unwrap().format(Locale::Vi), "7,3");
        assert_eq!(Decimal::new(5, -2).unwrap().to_string(), "0.05");
        assert_eq!(Decimal::new(1_234_567, -1).unwrap().format(Locale::En), "123,456.7");
    }

    #[test]
    fn exponents_are_bounded() {
        assert_eq!(Decimal::new(1, 401), None);
        assert_eq!(Decimal::new(1, 0).unwrap().scaled(i32::MAX), None);
        assert_eq!(
            Decimal::new(1000, 397).unwrap().exponent(),
            400,
            "made canonical before the bound is checked"
        );
    }

    proptest! {
        #[test]
        fn an_f64_round_trips_through_its_decimal(value in 0.0f64..1e30) {
            let d = Decimal::from_f64(value).unwrap();
            prop_assert_eq!(d.to_f64(), value);
            prop_assert!(d.matches(value));
        }

        #[test]
        fn a_formatted_value_reads_back_in_both_locales(mantissa in 0u64..10_000_000_000_000, exponent in -6i32..6) {
            let d = Decimal::new(u128::from(mantissa), exponent).unwrap();
            for locale in [Locale::Vi, Locale::En] {
                prop_assert_eq!(parse_number(&d.format(locale), locale), Some(d), "{}", d.format(locale));
            }
        }
    }
}
