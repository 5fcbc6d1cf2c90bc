//! The languages the text readers know: how a figure is written (`81,5` in
//! Vietnamese, `81.5` in English) and which words name a qualifier or a part
//! of the day.
//!
//! This is not the site's interface language (that is any `i18n/<code>.toml`
//! catalogue); a language the readers do not know reads as Vietnamese, the
//! language of the seeds.

use serde::Serialize;

/// Vietnamese or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    /// `.` groups thousands, `,` marks decimals: `7.900`, `81,5`.
    #[default]
    Vi,
    /// `,` groups thousands, `.` marks decimals: `7,900`, `81.5`.
    En,
}

impl Locale {
    /// The locale of a language code (`vi`, `en`, `en-GB`), if the readers know it.
    pub fn from_code(code: &str) -> Option<Locale> {
        let language = code.split(['-', '_']).next().unwrap_or_default();
        match language.to_ascii_lowercase().as_str() {
            "vi" => Some(Locale::Vi),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The character that groups thousands: `.` or `,`.
    pub fn thousands(self) -> char {
        match self {
            Locale::Vi => '.',
            Locale::En => ',',
        }
    }

    /// The character that marks decimals: `,` or `.`.
    pub fn decimal(self) -> char {
        match self {
            Locale::Vi => ',',
            Locale::En => '.',
        }
    }

    /// The other locale: the fallback for a number its own syntax cannot read.
    pub fn other(self) -> Locale {
        match self {
            Locale::Vi => Locale::En,
            Locale::En => Locale::Vi,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_their_locale() {
        assert_eq!(Locale::from_code("vi"), Some(Locale::Vi));
        assert_eq!(Locale::from_code("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_code("EN"), Some(Locale::En));
        assert_eq!(Locale::from_code("ko"), None);
        assert_eq!(Locale::default(), Locale::Vi);
    }

    #[test]
    fn separators_swap_between_locales() {
        assert_eq!((Locale::Vi.thousands(), Locale::Vi.decimal()), ('.', ','));
        assert_eq!((Locale::En.thousands(), Locale::En.decimal()), (',', '.'));
        assert_eq!(Locale::Vi.other(), Locale::En);
    }
}
