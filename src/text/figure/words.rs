//! The words around a figure and what each means: qualifiers before it,
//! scale words and units after it, and the words that make a number a date,
//! a rank or a clock time instead.
//!
//! The meanings follow the seeds' own usage (quoted in the comments) and
//! ordinary Vietnamese and English newswriting. These are lists, not rules:
//! a word not here is not read.

use crate::text::figure::Qualifier;

/// Words right before a number (or its currency sign) and the qualifier they
/// give it; the longest match wins, so `không dưới` (not under) is at least,
/// never under.
pub(crate) const QUALIFIERS: &[(&str, Qualifier)] = &[
    // Approximately: "là khoảng 320.000 người" (000), "ước khoảng 1.000 người" (000).
    ("khoảng", Qualifier::Approximately),
    ("ước khoảng", Qualifier::Approximately),
    ("khoảng chừng", Qualifier::Approximately),
    ("chừng", Qualifier::Approximately),
    ("ước", Qualifier::Approximately),
    ("ước tính", Qualifier::Approximately),
    ("ước đạt", Qualifier::Approximately),
    ("ước chừng", Qualifier::Approximately),
    ("xấp xỉ", Qualifier::Approximately),
    ("~", Qualifier::Approximately),
    ("≈", Qualifier::Approximately),
    ("about", Qualifier::Approximately),
    ("around", Qualifier::Approximately),
    ("approximately", Qualifier::Approximately),
    ("approx.", Qualifier::Approximately),
    ("roughly", Qualifier::Approximately),
    ("some", Qualifier::Approximately),
    ("an estimated", Qualifier::Approximately),
    ("estimated", Qualifier::Approximately),
    // At least.
    ("ít nhất", Qualifier::AtLeast),
    ("tối thiểu", Qualifier::AtLeast),
    ("không dưới", Qualifier::AtLeast),
    ("không ít hơn", Qualifier::AtLeast),
    ("at least", Qualifier::AtLeast),
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("≥", Qualifier::AtLeast),
    // More than: "Sau hơn 30 năm" (000), "trên 100.000 lao động" (000),
    // "vượt mốc 5 triệu lượt" (003).
    ("hơn", Qualifier::MoreThan),
    ("trên", Qualifier::MoreThan),
    ("vượt", Qualifier::MoreThan),
    ("vượt mốc", Qualifier::MoreThan),
    ("vượt qua", Qualifier::MoreThan),
    ("vượt qua mốc", Qualifier::MoreThan),
    ("vượt ngưỡng", Qualifier::MoreThan),
    ("vượt quá", Qualifier::MoreThan),
    ("vượt con số", Qualifier::MoreThan),
    ("trên mốc", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    (">", Qualifier::MoreThan),
    // Nearly (close to it, from below): "gần 100.000 người" (000).
    ("gần", Qualifier::Nearly),
    ("gần như", Qualifier::Nearly),
    ("suýt soát", Qualifier::Nearly),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("just under", Qualifier::Nearly),
    // Under.
    ("dưới", Qualifier::Under),
    ("chưa đến", Qualifier::Under),
    ("chưa tới", Qualifier::Under),
    ("chưa đầy", Qualifier::Under),
    ("không đến", Qualifier::Under),
    ("không tới", Qualifier::Under),
    ("ít hơn", Qualifier::Under),
    ("under", Qualifier::Under),
    ("less than", Qualifier::Under),
    ("below", Qualifier::Under),
    ("fewer than", Qualifier::Under),
    ("<", Qualifier::Under),
    // At most.
    ("tối đa", Qualifier::AtMost),
    ("không quá", Qualifier::AtMost),
    ("không vượt quá", Qualifier::AtMost),
    ("không hơn", Qualifier::AtMost),
    ("at most", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("a maximum of", Qualifier::AtMost),
    ("≤", Qualifier::AtMost),
    // Exactly, said.
    ("đúng", Qualifier::Exactly),
    ("exactly", Qualifier::Exactly),
    ("precisely", Qualifier::Exactly),
];

/// Phrases that end in a qualifier's word without being one: `dựa trên 3
/// trụ cột` is "based on three pillars", not "more than three".
pub(crate) const NOT_QUALIFIERS: &[(&str, ())] = &[
    ("dựa trên", ()),
    ("căn cứ trên", ()),
    ("ở trên", ()),
    ("nói trên", ()),
    ("take over", ()),
];

/// Scale words after a number and the power of ten they multiply it by:
/// "81,5 tỷ USD" (002), "4,6 triệu lượt" (003). `nghìn tỷ` is 10¹².
pub(crate) const SCALES: &[(&str, i32)] = &[
    ("nghìn", 3),
    ("ngàn", 3),
    ("triệu", 6),
    ("tỷ", 9),
    ("tỉ", 9),
    ("nghìn tỷ", 12),
    ("ngàn tỷ", 12),
    ("nghìn tỉ", 12),
    ("ngàn tỉ", 12),
    ("thousand", 3),
    ("million", 6),
    ("mln", 6),
    ("billion", 9),
    ("bn", 9),
    ("trillion", 12),
];

/// The words of a percentage, all read as the unit `%`: "tăng 7,3%" (002).
pub(crate) const PERCENT: &[(&str, ())] = &[("%", ()), ("phần trăm", ()), ("percent", ()), ("per cent", ())];

/// Units and counted nouns after a number (and its scale word), kept as
/// written: "81,5 tỷ USD", "112 dự án", "hơn 100.000 gia đình", "4,6 triệu lượt".
pub(crate) const UNITS: &[(&str, ())] = &[
    ("USD", ()),
    ("VND", ()),
    ("VNĐ", ()),
    ("KRW", ()),
    ("EUR", ()),
    ("đồng", ()),
    ("đ", ()),
    ("₫", ()),
    ("đô la", ()),
    ("đô la Mỹ", ()),
    ("won", ()),
    ("euro", ()),
    ("người", ()),
    ("lượt", ()),
    ("dự án", ()),
    ("năm", ()),
    ("tháng", ()),
    ("ngày", ()),
    ("tuần", ()),
    ("giờ", ()),
    ("phút", ()),
    ("gia đình", ()),
    ("hộ", ()),
    ("địa phương", ()),
    ("lĩnh vực", ()),
    ("động lực", ()),
    ("lao động", ()),
    ("cô dâu", ()),
    ("văn kiện", ()),
    ("doanh nghiệp", ()),
    ("tập đoàn", ()),
    ("hãng", ()),
    ("công ty", ()),
    ("lưu học sinh", ()),
    ("du học sinh", ()),
    ("sinh viên", ()),
    ("học sinh", ()),
    ("khách", ()),
    ("du khách", ()),
    ("thỏa thuận", ()),
    ("bản ghi nhớ", ()),
    ("hiệp định", ()),
    ("nước", ()),
    ("quốc gia", ()),
    ("tỉnh", ()),
    ("thành phố", ()),
    ("thành viên", ()),
    ("chuyên gia", ()),
    ("đại biểu", ()),
    ("chuyến", ()),
    ("lần", ()),
    ("tấn", ()),
    ("km", ()),
    ("ha", ()),
    ("MW", ()),
    ("GW", ()),
    ("US dollars", ()),
    ("dollars", ()),
    ("euros", ()),
    ("people", ()),
    ("persons", ()),
    ("visitors", ()),
    ("visits", ()),
    ("tourists", ()),
    ("workers", ()),
    ("students", ()),
    ("projects", ()),
    ("years", ()),
    ("year", ()),
    ("months", ()),
    ("days", ()),
    ("hours", ()),
    ("families", ()),
    ("households", ()),
    ("localities", ()),
    ("fields", ()),
    ("companies", ()),
    ("businesses", ()),
    ("agreements", ()),
    ("documents", ()),
    ("countries", ()),
    ("tonnes", ()),
    ("members", ()),
    ("experts", ()),
];

/// Currency signs written before a number: `$2.4 billion`, `US$ 5 million`.
pub(crate) const CURRENCY_SIGNS: &[(&str, ())] = &[("US$", ()), ("$", ()), ("€", ()), ("£", ()), ("₩", ())];

/// Words right before a number that make it part of a date: "ngày 10" (000),
/// "tháng 12/2022" (002), "năm 2024" (002), "quý 3", "day 2".
pub(crate) const DATE_WORDS: &[(&str, ())] = &[
    ("ngày", ()),
    ("tháng", ()),
    ("năm", ()),
    ("hôm", ()),
    ("mùng", ()),
    ("mồng", ()),
    ("quý", ()),
    ("tuần", ()),
    ("thế kỷ", ()),
    ("thập niên", ()),
    ("day", ()),
    ("month", ()),
    ("year", ()),
    ("quarter", ()),
    ("week", ()),
];

/// Words right before a number that make it a rank or a stage, not an amount:
/// "đối tác thương mại lớn thứ 3" (003), "triển khai giai đoạn 2" (003).
pub(crate) const ORDINAL_WORDS: &[(&str, ())] = &[("thứ", ()), ("hạng", ()), ("giai đoạn", ()), ("phase", ()), ("no.", ())];

/// Words joining a list of ranks: "lớn thứ 2 và 3" (003) ranks both.
pub(crate) const LIST_JOINS: &[(&str, ())] = &[(",", ()), ("và", ()), ("hoặc", ()), ("and", ()), ("or", ()), ("&", ())];

/// English ordinal suffixes written on the digits: `3rd`, `12th`.
pub(crate) const ORDINAL_SUFFIXES: &[(&str, ())] = &[("st", ()), ("nd", ()), ("rd", ()), ("th", ())];

/// English month names and abbreviations, matched with their capital: a
/// number next to one is a day (`12 October 1972`, `August 12`).
pub(crate) const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_phrase_is_listed_twice_or_with_stray_space() {
        let phrases: Vec<&str> = QUALIFIERS
            .iter()
            .map(|(p, _)| *p)
            .chain(SCALES.iter().map(|(p, _)| *p))
            .chain(PERCENT.iter().chain(UNITS).chain(DATE_WORDS).chain(ORDINAL_WORDS).map(|(p, _)| *p))
            .collect();
        for p in &phrases {
            assert_eq!(p.trim(), *p, "{p:?}");
            assert!(!p.contains("  "), "{p:?}");
        }
        let mut qualifiers: Vec<&str> = QUALIFIERS.iter().map(|(p, _)| *p).collect();
        qualifiers.sort_unstable();
        let before = qualifiers.len();
        qualifiers.dedup();
        assert_eq!(qualifiers.len(), before, "a qualifier phrase has one meaning");
    }

    #[test]
    fn every_qualifier_has_words_in_both_languages() {
        for q in Qualifier::ALL {
            let words: Vec<&str> = QUALIFIERS.iter().filter(|(_, m)| *m == q).map(|(p, _)| *p).collect();
            assert!(words.iter().any(|w| !w.is_ascii()), "{q:?} has Vietnamese words: {words:?}");
            assert!(
                words.iter().any(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == ' ')),
                "{q:?} has English words"
            );
        }
    }
}
