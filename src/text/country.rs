//! ISO 3166-1 alpha-2 country codes: the current list, whether a code is on
//! it, and a "did you mean" for the usual near misses (`kr`, `UK`, `KOR`, `KO`).
//!
//! Codes only: the names of countries (`VN` is "Việt Nam", "Vietnam") belong
//! to the interface catalogues (`src/parse/i18n/*.toml`, `[countries]`), and
//! this module never names one. The list is ISO 3166-1 as Debian's
//! `iso-codes` 4.15 has it: 249 officially assigned codes, no user-assigned
//! (`XK`) or reserved ones.

use std::fmt;

/// Every officially assigned ISO 3166-1 alpha-2 code, sorted.
#[rustfmt::skip]
pub static CODES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Each alpha-3 code and its alpha-2 code, sorted by alpha-3 (`KOR` is `KR`).
#[rustfmt::skip]
static ALPHA_3: [(&str, &str); 249] = [
    ("ABW", "AW"), ("AFG", "AF"), ("AGO", "AO"), ("AIA", "AI"), ("ALA", "AX"), ("ALB", "AL"), ("AND", "AD"), ("ARE", "AE"),
    ("ARG", "AR"), ("ARM", "AM"), ("ASM", "AS"), ("ATA", "AQ"), ("ATF", "TF"), ("ATG", "AG"), ("AUS", "AU"), ("AUT", "AT"),
    ("AZE", "AZ"), ("BDI", "BI"), ("BEL", "BE"), ("BEN", "BJ"), ("BES", "BQ"), ("BFA", "BF"), ("BGD", "BD"), ("BGR", "BG"),
    ("BHR", "BH"), ("BHS", "BS"), ("BIH", "BA"), ("BLM", "BL"), ("BLR", "BY"), ("BLZ", "BZ"), ("BMU", "BM"), ("BOL", "BO"),
    ("BRA", "BR"), ("BRB", "BB"), ("BRN", "BN"), ("BTN", "BT"), ("BVT", "BV"), ("BWA", "BW"), ("CAF", "CF"), ("CAN", "CA"),
    ("CCK", "CC"), ("CHE", "CH"), ("CHL", "CL"), ("CHN", "CN"), ("CIV", "CI"), ("CMR", "CM"), ("COD", "CD"), ("COG", "CG"),
    ("COK", "CK"), ("COL", "CO"), ("COM", "KM"), ("CPV", "CV"), ("CRI", "CR"), ("CUB", "CU"), ("CUW", "CW"), ("CXR", "CX"),
    ("CYM", "KY"), ("CYP", "CY"), ("CZE", "CZ"), ("DEU", "DE"), ("DJI", "DJ"), ("DMA", "DM"), ("DNK", "DK"), ("DOM", "DO"),
    ("DZA", "DZ"), ("ECU", "EC"), ("EGY", "EG"), ("ERI", "ER"), ("ESH", "EH"), ("ESP", "ES"), ("EST", "EE"), ("ETH", "ET"),
    ("FIN", "FI"), ("FJI", "FJ"), ("FLK", "FK"), ("FRA", "FR"), ("FRO", "FO"), ("FSM", "FM"), ("GAB", "GA"), ("GBR", "GB"),
    ("GEO", "GE"), ("GGY", "GG"), ("GHA", "GH"), ("GIB", "GI"), ("GIN", "GN"), ("GLP", "GP"), ("GMB", "GM"), ("GNB", "GW"),
    ("GNQ", "GQ"), ("GRC", "GR"), ("GRD", "GD"), ("GRL", "GL"), ("GTM", "GT"), ("GUF", "GF"), ("GUM", "GU"), ("GUY", "GY"),
    ("HKG", "HK"), ("HMD", "HM"), ("HND", "HN"), ("HRV", "HR"), ("HTI", "HT"), ("HUN", "HU"), ("IDN", "ID"), ("IMN", "IM"),
    ("IND", "IN"), ("IOT", "IO"), ("IRL", "IE"), ("IRN", "IR"), ("IRQ", "IQ"), ("ISL", "IS"), ("ISR", "IL"), ("ITA", "IT"),
    ("JAM", "JM"), ("JEY", "JE"), ("JOR", "JO"), ("JPN", "JP"), ("KAZ", "KZ"), ("KEN", "KE"), ("KGZ", "KG"), ("KHM", "KH"),
    ("KIR", "KI"), ("KNA", "KN"), ("KOR", "KR"), ("KWT", "KW"), ("LAO", "LA"), ("LBN", "LB"), ("LBR", "LR"), ("LBY", "LY"),
    ("LCA", "LC"), ("LIE", "LI"), ("LKA", "LK"), ("LSO", "LS"), ("LTU", "LT"), ("LUX", "LU"), ("LVA", "LV"), ("MAC", "MO"),
    ("MAF", "MF"), ("MAR", "MA"), ("MCO", "MC"), ("MDA", "MD"), ("MDG", "MG"), ("MDV", "MV"), ("MEX", "MX"), ("MHL", "MH"),
    ("MKD", "MK"), ("MLI", "ML"), ("MLT", "MT"), ("MMR", "MM"), ("MNE", "ME"), ("MNG", "MN"), ("MNP", "MP"), ("MOZ", "MZ"),
    ("MRT", "MR"), ("MSR", "MS"), ("MTQ", "MQ"), ("MUS", "MU"), ("MWI", "MW"), ("MYS", "MY"), ("MYT", "YT"), ("NAM", "NA"),
    ("NCL", "NC"), ("NER", "NE"), ("NFK", "NF"), ("NGA", "NG"), ("NIC", "NI"), ("NIU", "NU"), ("NLD", "NL"), ("NOR", "NO"),
    ("NPL", "NP"), ("NRU", "NR"), ("NZL", "NZ"), ("OMN", "OM"), ("PAK", "PK"), ("PAN", "PA"), ("PCN", "PN"), ("PER", "PE"),
    ("PHL", "PH"), ("PLW", "PW"), ("PNG", "PG"), ("POL", "PL"), ("PRI", "PR"), ("PRK", "KP"), ("PRT", "PT"), ("PRY", "PY"),
    ("PSE", "PS"), ("PYF", "PF"), ("QAT", "QA"), ("REU", "RE"), ("ROU", "RO"), ("RUS", "RU"), ("RWA", "RW"), ("SAU", "SA"),
    ("SDN", "SD"), ("SEN", "SN"), ("SGP", "SG"), ("SGS", "GS"), ("SHN", "SH"), ("SJM", "SJ"), ("SLB", "SB"), ("SLE", "SL"),
    ("SLV", "SV"), ("SMR", "SM"), ("SOM", "SO"), ("SPM", "PM"), ("SRB", "RS"), ("SSD", "SS"), ("STP", "ST"), ("SUR", "SR"),
    ("SVK", "SK"), ("SVN", "SI"), ("SWE", "SE"), ("SWZ", "SZ"), ("SXM", "SX"), ("SYC", "SC"), ("SYR", "SY"), ("TCA", "TC"),
    ("TCD", "TD"), ("TGO", "TG"), ("THA", "TH"), ("TJK", "TJ"), ("TKL", "TK"), ("TKM", "TM"), ("TLS", "TL"), ("TON", "TO"),
    ("TTO", "TT"), ("TUN", "TN"), ("TUR", "TR"), ("TUV", "TV"), ("TWN", "TW"), ("TZA", "TZ"), ("UGA", "UG"), ("UKR", "UA"),
    ("UMI", "UM"), ("URY", "UY"), ("USA", "US"), ("UZB", "UZ"), ("VAT", "VA"), ("VCT", "VC"), ("VEN", "VE"), ("VGB", "VG"),
    ("VIR", "VI"), ("VNM", "VN"), ("VUT", "VU"), ("WLF", "WF"), ("WSM", "WS"), ("YEM", "YE"), ("ZAF", "ZA"), ("ZMB", "ZM"),
    ("ZWE", "ZW"),
];

/// Codes reserved in ISO 3166-1 for what now has another code, and that code:
/// `UK` (reserved at the United Kingdom's request) is `GB`, `EL` (the EU's
/// code for Greece) is `GR`; former codes with one successor (`TP`, `ZR`, `BU`, `SU`, `DD`, `FX`).
static RESERVED: [(&str, &str); 8] = [
    ("BU", "MM"),
    ("DD", "DE"),
    ("EL", "GR"),
    ("FX", "FR"),
    ("SU", "RU"),
    ("TP", "TL"),
    ("UK", "GB"),
    ("ZR", "CD"),
];

/// Whether `code` is an assigned alpha-2 code, exactly (upper case, no spaces).
pub fn is_code(code: &str) -> bool {
    CODES.binary_search(&code).is_ok()
}

/// Why a code is suggested for a near miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// The same code in other case or with spaces: `kr`, ` VN`.
    Spelling,
    /// A reserved code for the same country: `UK`.
    Reserved,
    /// The alpha-3 code of the country: `KOR`.
    Alpha3,
    /// The first two letters of exactly one alpha-3 code: `KO` (`KOR`).
    Alpha3Start(&'static str),
}

/// A code suggested for one that is not assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub code: &'static str,
    pub hint: Hint,
}

/// The code meant by `given`, when it is a usual near miss; `None` for an
/// assigned code or one too far from any.
pub fn suggest(given: &str) -> Option<Suggestion> {
    let upper = given.trim().to_ascii_uppercase();
    if is_code(given) {
        return None;
    }
    if let Ok(i) = CODES.binary_search(&upper.as_str()) {
        return Some(Suggestion {
            code: CODES[i],
            hint: Hint::Spelling,
        });
    }
    if let Some(&(_, code)) = RESERVED.iter().find(|(reserved, _)| *reserved == upper) {
        return Some(Suggestion {
            code,
            hint: Hint::Reserved,
        });
    }
    if let Ok(i) = ALPHA_3.binary_search_by(|(a3, _)| (*a3).cmp(upper.as_str())) {
        return Some(Suggestion {
            code: ALPHA_3[i].1,
            hint: Hint::Alpha3,
        });
    }
    if upper.len() != 2 {
        return None;
    }
    let mut starting = ALPHA_3.iter().filter(|(a3, _)| a3.starts_with(upper.as_str()));
    match (starting.next(), starting.next()) {
        (Some(&(a3, code)), None) => Some(Suggestion {
            code,
            hint: Hint::Alpha3Start(a3),
        }),
        _ => None,
    }
}

/// A country code that is not an assigned ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCountry {
    pub given: String,
    pub suggestion: Option<Suggestion>,
}

impl fmt::Display for UnknownCountry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an ISO 3166-1 alpha-2 country code", self.given)?;
        let Some(Suggestion { code, hint }) = self.suggestion else {
            return Ok(());
        };
        match hint {
            Hint::Spelling => write!(f, ": did you mean `{code}`?"),
            Hint::Reserved => write!(f, ": did you mean `{code}`? (`{}` is reserved, not assigned)", self.given.trim()),
            Hint::Alpha3 => write!(f, ": did you mean `{code}`? (`{}` is its alpha-3 code)", self.given.trim()),
            Hint::Alpha3Start(a3) => write!(f, ": did you mean `{code}` (`{a3}`)?"),
        }
    }
}

impl std::error::Error for UnknownCountry {}

/// `Ok` for an assigned code, else the error with its "did you mean".
pub fn check(code: &str) -> Result<(), UnknownCountry> {
    if is_code(code) {
        return Ok(());
    }
    Err(UnknownCountry {
        given: code.to_string(),
        suggestion: suggest(code),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_lists_are_sorted_unique_and_agree() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        assert!(ALPHA_3.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(CODES.iter().all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
        let mut from_alpha_3: Vec<&str> = ALPHA_3.iter().map(|(_, a2)| *a2).collect();
        from_alpha_3.sort_unstable();
        assert_eq!(from_alpha_3, CODES, "every code has its alpha-3 code");
        assert!(RESERVED.iter().all(|(reserved, code)| !is_code(reserved) && is_code(code)));
    }

    #[test]
    fn the_dossiers_codes_are_assigned() {
        for code in ["VN", "KR", "KP", "US", "CN", "JP", "GB"] {
            assert!(is_code(code), "{code}");
            assert_eq!(check(code), Ok(()));
        }
        for code in ["UK", "EU", "XK", "kr", "", "KOR", "K"] {
            assert!(!is_code(code), "{code}");
        }
    }

    #[test]
    fn the_catalogues_name_only_assigned_codes() {
        for catalogue in [include_str!("../parse/i18n/vi.toml"), include_str!("../parse/i18n/en.toml")] {
            let table: toml::Table = toml::from_str(catalogue).unwrap();
            let countries = table["countries"].as_table().unwrap();
            assert!(countries.contains_key("VN") && countries.contains_key("KR"));
            for code in countries.keys() {
                assert!(is_code(code), "{code}");
            }
        }
    }

    #[test]
    fn near_misses_suggest_the_code_meant() {
        assert_eq!(
            suggest("kr"),
            Some(Suggestion {
                code: "KR",
                hint: Hint::Spelling
            })
        );
        assert_eq!(
            suggest(" VN "),
            Some(Suggestion {
                code: "VN",
                hint: Hint::Spelling
            })
        );
        assert_eq!(
            suggest("UK"),
            Some(Suggestion {
                code: "GB",
                hint: Hint::Reserved
            })
        );
        assert_eq!(
            suggest("KOR"),
            Some(Suggestion {
                code: "KR",
                hint: Hint::Alpha3
            })
        );
        assert_eq!(
            suggest("vnm"),
            Some(Suggestion {
                code: "VN",
                hint: Hint::Alpha3
            })
        );
        assert_eq!(
            suggest("KO"),
            Some(Suggestion {
                code: "KR",
                hint: Hint::Alpha3Start("KOR")
            })
        );
        assert_eq!(suggest("VI"), None, "VI is assigned (U.S. Virgin Islands)");
        assert_eq!(suggest("XX"), None);
        assert_eq!(suggest("Korea"), None);
    }

    #[test]
    fn the_error_says_what_was_meant() {
        assert_eq!(
            check("KO").unwrap_err().to_string(),
            "`KO` is not an ISO 3166-1 alpha-2 country code: did you mean `KR` (`KOR`)?"
        );
        assert_eq!(
            check("UK").unwrap_err().to_string(),
            "`UK` is not an ISO 3166-1 alpha-2 country code: did you mean `GB`? (`UK` is reserved, not assigned)"
        );
        assert_eq!(
            check("KOR").unwrap_err().to_string(),
            "`KOR` is not an ISO 3166-1 alpha-2 country code: did you mean `KR`? (`KOR` is its alpha-3 code)"
        );
        assert_eq!(
            check("vn").unwrap_err().to_string(),
            "`vn` is not an ISO 3166-1 alpha-2 country code: did you mean `VN`?"
        );
        assert_eq!(
            check("ZZ").unwrap_err().to_string(),
            "`ZZ` is not an ISO 3166-1 alpha-2 country code"
        );
    }

    proptest! {
        #[test]
        fn a_suggestion_is_always_an_assigned_code(given in "[A-Za-z ]{0,4}") {
            if let Some(s) = suggest(&given) {
                prop_assert!(is_code(s.code));
                prop_assert!(!is_code(&given));
            }
            prop_assert_eq!(check(&given).is_ok(), is_code(&given));
        }
    }
}
