//! Tests of the figure reader and the check, on the seeds' own sentences
//! (quoted exactly; a hard-wrapped seed's lines joined with a space, as the
//! seed reader joins them).

use proptest::prelude::*;

use super::*;

/// `(words, qualifier, value, unit)` of each figure of `text`.
fn read(text: &str, locale: Locale) -> Vec<(&str, Qualifier, String, Option<String>)> {
    read_figures(text, locale)
        .into_iter()
        .map(|f| (&text[f.span.clone()], f.qualifier, f.value.to_string(), f.unit))
        .collect()
}

fn vi(text: &str) -> Vec<(&str, Qualifier, String, Option<String>)> {
    read(text, Locale::Vi)
}

fn en(text: &str) -> Vec<(&str, Qualifier, String, Option<String>)> {
    read(text, Locale::En)
}

fn fig<'a>(words: &'a str, q: Qualifier, value: &str, unit: Option<&str>) -> (&'a str, Qualifier, String, Option<String>) {
    (words, q, value.to_string(), unit.map(str::to_string))
}

use Qualifier::{Approximately, AtLeast, AtMost, Exactly, MoreThan, Nearly, Under};

#[test]
fn seed_000_community_figures_with_their_qualifiers() {
    let text = "Năm 2024, tổng số người Việt Nam đang sinh sống và làm việc tại Hàn Quốc là khoảng 320.000 người, tăng 50.000 người so với 2023. Trong đó lưu học sinh là gần 100.000 người, trên 100.000 lao động các loại; trên 40.000 cô dâu lấy chồng Hàn Quốc (không tính số đã nhập quốc tịch Hàn Quốc); số còn lại theo diện hợp tác đầu tư, thăm thân, làm việc ngắn hạn... Hậu duệ dòng họ Lý Hoa Sơn và Lý Tinh Thiện ước khoảng 1.000 người.";
    assert_eq!(
        vi(text),
        [
            fig("khoảng 320.000 người", Approximately, "320000", Some("người")),
            fig("50.000 người", Exactly, "50000", Some("người")),
            fig("gần 100.000 người", Nearly, "100000", Some("người")),
            fig("trên 100.000 lao động", MoreThan, "100000", Some("lao động")),
            fig("trên 40.000 cô dâu", MoreThan, "40000", Some("cô dâu")),
            fig("ước khoảng 1.000 người", Approximately, "1000", Some("người")),
        ]
    );
}

#[test]
fn seed_002_trade_in_billions_and_a_percentage() {
    let text = "Việt Nam - Hàn Quốc thiết lập quan hệ ngoại giao ngày 22/12/1992. Kim ngạch thương mại song phương đạt 81,5 tỷ USD năm 2024, tăng 7,3% so với năm 2023. Hàn Quốc liên tục là một trong những thị trường cung cấp khách du lịch lớn nhất cho Việt Nam.";
    assert_eq!(
        vi(text),
        [
            fig("81,5 tỷ USD", Exactly, "81500000000", Some("USD")),
            fig("7,3%", Exactly, "7.3", Some("%"))
        ]
    );
    let trade = &read_figures(text, Locale::Vi)[0];
    assert_eq!(trade.value.to_f64(), 81_500_000_000.0);
    assert_eq!(&text[trade.number.clone()], "81,5");
}

#[test]
fn seed_003_exchanges_more_than_five_million() {
    let text = "Năm 2024 đánh dấu lần đầu tiên lượng giao lưu nhân dân hai nước vượt mốc 5 triệu lượt, với 4,6 triệu lượt khách Hàn Quốc đến Việt Nam và 600.000 lượt người Việt Nam tới Hàn Quốc.";
    assert_eq!(
        vi(text),
        [
            fig("vượt mốc 5 triệu lượt", MoreThan, "5000000", Some("lượt")),
            fig("4,6 triệu lượt", Exactly, "4600000", Some("lượt")),
            fig("600.000 lượt", Exactly, "600000", Some("lượt")),
        ]
    );
    let first = &read_figures(text, Locale::Vi)[0];
    assert_eq!(first.qualifier_words(text), Some("vượt mốc"));
    assert_eq!(&text[first.amount.clone()], "5 triệu lượt");
}

#[test]
fn seed_003_ranks_are_ordinals_and_a_list_continues_them() {
    let text = "Về kinh tế, Hàn Quốc hiện là đối tác đầu tư lớn nhất tại Việt Nam, đối tác thương mại lớn thứ 3, nước cung cấp ODA và thị trường lao động lớn thứ 2 và 3.";
    let found: Vec<(&str, FigureKind, String)> = read_figures(text, Locale::Vi)
        .into_iter()
        .map(|f| (&text[f.span], f.kind, f.value.to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("thứ 3", FigureKind::Ordinal, "3".to_string()),
            ("thứ 2", FigureKind::Ordinal, "2".to_string()),
            ("3", FigureKind::Ordinal, "3".to_string()),
        ]
    );
    let text = "Dự án Viện Khoa học và Công nghệ Việt Nam - Hàn Quốc (VKIST) đang tiếp tục được triển khai giai đoạn 2.";
    assert_eq!(read_figures(text, Locale::Vi)[0].kind, FigureKind::Ordinal);
    assert_eq!(vi(text), [fig("giai đoạn 2", Exactly, "2", None)]);
}

#[test]
fn seed_001_projects_capital_years_and_people() {
    let text = "Kể từ khi thiết lập quan hệ ngoại giao năm 1992 đến nay, sau hơn 30 năm, hai nước đã trở thành đối tác thương mại lớn của nhau. Hàn Quốc là nhà đầu tư lớn nhất tại Việt Nam, trở thành đối tác kinh tế không thể tách rời trong nhiều lĩnh vực. Việt Nam hiện có 112 dự án đầu tư tại Hàn Quốc với tổng số vốn đạt 37,4 triệu USD.";
    assert_eq!(
        vi(text),
        [
            fig("hơn 30 năm", MoreThan, "30", Some("năm")),
            fig("112 dự án", Exactly, "112", Some("dự án")),
            fig("37,4 triệu USD", Exactly, "37400000", Some("USD")),
        ]
    );
    let text = "Hiện có khoảng 350.000 người Việt Nam tại Hàn Quốc và hơn 200.000 người Hàn Quốc tại Việt Nam; trong đó, có hơn 100.000 gia đình đa văn hóa và khoảng 100 địa phương của hai bên có quan hệ giao lưu hữu nghị nhân dân.";
    assert_eq!(
        vi(text),
        [
            fig("khoảng 350.000 người", Approximately, "350000", Some("người")),
            fig("hơn 200.000 người", MoreThan, "200000", Some("người")),
            fig("hơn 100.000 gia đình", MoreThan, "100000", Some("gia đình")),
            fig("khoảng 100 địa phương", Approximately, "100", Some("địa phương")),
        ]
    );
    let text =
        "nhằm khởi tạo khuôn khổ hợp tác chiến lược chặt chẽ về 3 động lực tăng trưởng then chốt: KHCN, đổi mới sáng tạo và chuyển đổi số.";
    assert_eq!(vi(text), [fig("3 động lực", Exactly, "3", Some("động lực"))]);
}

#[test]
fn seed_003_workers() {
    let text = "Về hợp tác lao động, Hàn Quốc tiếp nhận khoảng 7.900 lao động EPS trong năm 2024, nâng tổng số lao động Việt Nam tại Hàn Quốc lên khoảng 88.000 người. Hai nước cũng đang thực hiện Bản ghi nhớ hợp tác lao động theo chương trình EPS có hiệu lực đến năm 2025.";
    assert_eq!(
        vi(text),
        [
            fig("khoảng 7.900 lao động", Approximately, "7900", Some("lao động")),
            fig("khoảng 88.000 người", Approximately, "88000", Some("người")),
        ]
    );
}

#[test]
fn the_seeds_dates_years_and_times_are_not_figures() {
    for text in [
        "Trong chương trình chuyến thăm cấp Nhà nước tới Hàn Quốc, chiều 10-8, tại thủ đô Seoul, Tổng Bí thư Tô Lâm gặp mặt",
        "thăm cấp Nhà nước Hàn Quốc từ ngày 10 đến ngày 13-8, theo lời mời của Tổng thống Hàn Quốc Lee Jae Myung và Phu nhân.",
        "Trong cuộc gặp gỡ báo chí tại Seoul trưa 11/8, Tổng Bí thư Tô Lâm cho biết",
        "kể từ khi nâng cấp lên Đối tác Chiến lược Toàn diện hồi tháng 12/2022, theo TTXVN.",
        "Việt Nam - Hàn Quốc thiết lập quan hệ ngoại giao ngày 22/12/1992.",
        "quan hệ Đối tác chiến lược toàn diện Việt Nam - Hàn Quốc, được thiết lập vào năm 2022,",
        "Trong khuôn khổ chuyến thăm cấp Nhà nước tới Hàn Quốc, trưa 11/8 (giờ địa phương), Tổng Bí thư Tô Lâm",
        " date 2025-08-15 Bộ trưởng Ngoại giao Cho Hyun cùng các quan chức Hàn Quốc đón Tổng Bí thư Tô Lâm",
        "Việt Nam và Hàn Quốc thiết lập quan hệ ngoại giao từ năm 1992.",
        "lúc 14h30 ngày 10/8, 9 giờ sáng, 14:30, 2 p.m.",
    ] {
        assert_eq!(vi(text), [], "{text}");
    }
}

#[test]
fn english_days_of_dates_are_not_figures() {
    for text in [
        "signed on 12 October 1972 in Seoul",
        "on August 12, 2025, the leaders met",
        "from the 12th of October",
        "on Aug. 12 and 13 Sept.",
        "the 10th December meeting",
    ] {
        assert_eq!(en(text), [], "{text}");
    }
}

#[test]
fn the_old_coverage_finder_cases_still_hold() {
    // `views::facts::figures`' own tests, and the days of English dates.
    let text = "Năm 2024, kim ngạch đạt 81,5 tỷ USD, tăng 7,3%; trưa 11/8 và 10-8, tháng 12/2022, ngày 2025-08-15; từ ngày 10 đến ngày 13-8; khoảng 320.000 người; thứ 3.";
    let found: Vec<&str> = figures(text).into_iter().map(|(_, f)| f).collect();
    assert_eq!(found, ["81,5", "7,3", "320.000", "3"]);
    let text = "Đoàn đến Seoul THÁNG 8, ở lại Ngày 10, gặp 5 doanh nghiệp; ngày, rồi 6 hãng; tháng: 7";
    let found: Vec<&str> = figures(text).into_iter().map(|(_, f)| f).collect();
    assert_eq!(found, ["5", "6", "7"]);
    let text = "signed on 12 October 1972; 2.000 người";
    assert_eq!(figures(text), [(text.find("2.000").unwrap(), "2.000")]);
}

#[test]
fn english_number_forms() {
    assert_eq!(
        en("Trade reached 81.5 billion USD in 2024, up 7.3% on 2023."),
        [
            fig("81.5 billion USD", Exactly, "81500000000", Some("USD")),
            fig("7.3%", Exactly, "7.3", Some("%")),
        ]
    );
    assert_eq!(
        en("about 7,900 EPS workers and some 2.4 billion"),
        [
            fig("about 7,900", Approximately, "7900", None),
            fig("some 2.4 billion", Approximately, "2400000000", None),
        ]
    );
    assert_eq!(
        en("more than 5 million visits; nearly 100,000 students"),
        [
            fig("more than 5 million visits", MoreThan, "5000000", Some("visits")),
            fig("nearly 100,000 students", Nearly, "100000", Some("students")),
        ]
    );
    assert_eq!(
        en("at least 30 years, under 5 percent, up to 3 projects, fewer than 10 companies"),
        [
            fig("at least 30 years", AtLeast, "30", Some("years")),
            fig("under 5 percent", Under, "5", Some("%")),
            fig("up to 3 projects", AtMost, "3", Some("projects")),
            fig("fewer than 10 companies", Under, "10", Some("companies")),
        ]
    );
    assert_eq!(
        en("around US$ 2.4 billion, over $150bn"),
        [
            fig("around US$ 2.4 billion", Approximately, "2400000000", Some("US$")),
            fig("over $150bn", MoreThan, "150000000000", Some("$")),
        ]
    );
    assert_eq!(en("the 3rd partner"), [fig("3rd", Exactly, "3", None)]);
}

#[test]
fn number_syntax_follows_the_locale() {
    assert_eq!(vi("7.900 người"), [fig("7.900 người", Exactly, "7900", Some("người"))]);
    assert_eq!(en("7.900 people"), [fig("7.900 people", Exactly, "7.9", Some("people"))]);
    assert_eq!(vi("2.4 billion"), [fig("2.4 billion", Exactly, "2400000000", None)]);
    assert_eq!(en("81,5 tỷ USD"), [fig("81,5 tỷ USD", Exactly, "81500000000", Some("USD"))]);
    assert_eq!(
        vi("mục 1.2.3 và 4"),
        [fig("4", Exactly, "4", None)],
        "a section number is no figure"
    );
}

#[test]
fn vietnamese_scales_and_qualifier_words() {
    assert_eq!(
        vi("khoảng 1,2 nghìn tỷ đồng"),
        [fig("khoảng 1,2 nghìn tỷ đồng", Approximately, "1200000000000", Some("đồng"))]
    );
    assert_eq!(
        vi("4,6 triệu; 3 ngàn; 2 tỉ; 5 nghìn"),
        [
            fig("4,6 triệu", Exactly, "4600000", None),
            fig("3 ngàn", Exactly, "3000", None),
            fig("2 tỉ", Exactly, "2000000000", None),
            fig("5 nghìn", Exactly, "5000", None),
        ]
    );
    let cases = [
        ("xấp xỉ 5%", Approximately),
        ("chừng 5 người", Approximately),
        ("ít nhất 5 người", AtLeast),
        ("tối thiểu 5 người", AtLeast),
        ("không dưới 5 người", AtLeast),
        ("vượt 5 người", MoreThan),
        ("vượt qua mốc 5 người", MoreThan),
        ("gần như 100%", Nearly),
        ("dưới 5 người", Under),
        ("chưa đến 5 người", Under),
        ("không tới 5 người", Under),
        ("tối đa 5 người", AtMost),
        ("không vượt quá 5 người", AtMost),
        ("đúng 5 người", Exactly),
        ("tăng 5 người", Exactly),
        ("Hơn 30 năm", MoreThan),
        ("GẦN 100.000", Nearly),
    ];
    for (text, qualifier) in cases {
        let found = read_figures(text, Locale::Vi);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].qualifier, qualifier, "{text}");
        assert_eq!(found[0].span.end, text.len(), "{text}");
    }
    assert_eq!(
        read_figures("đúng 5 người", Locale::Vi)[0].span.start,
        0,
        "an explicit exactly is part of the figure"
    );
}

#[test]
fn what_is_glued_to_a_number_or_follows_it_decides() {
    assert_eq!(vi("mạng 5G, COVID-19, G20"), []);
    assert_eq!(
        vi("100.000đ và 5km"),
        [fig("100.000đ", Exactly, "100000", Some("đ")), fig("5km", Exactly, "5", Some("km"))]
    );
    assert_eq!(vi("chuyến bay kéo dài 5 giờ"), [fig("5 giờ", Exactly, "5", Some("giờ"))]);
    assert_eq!(vi("ở lại 2 đêm"), [fig("2", Exactly, "2", None)]);
    assert_eq!(
        vi("khoảng 2000 người, năm 2000, 2.000 người, 2000 USD"),
        [
            fig("khoảng 2000 người", Approximately, "2000", Some("người")),
            fig("2.000 người", Exactly, "2000", Some("người")),
            fig("2000 USD", Exactly, "2000", Some("USD")),
        ]
    );
    assert_eq!(
        vi("ngày 12 tháng 8 năm 2025, còn 6 tháng"),
        [fig("6 tháng", Exactly, "6", Some("tháng"))]
    );
    assert_eq!(vi("12 tháng 8"), []);
}

#[test]
fn a_rank_is_never_a_year() {
    // Found by `every_figure_checks_against_its_own_words`: `thứ 1900` read alone was a year.
    assert_eq!(vi("thứ 1900"), [fig("thứ 1900", Exactly, "1900", None)]);
    assert!(check("thứ 1900 tỷ.", &claim(Some("thứ 1900"), None, None), Locale::Vi).is_ok());
}

#[test]
fn a_range_gives_both_ends_the_scale_and_unit() {
    let text = "khoảng 5–7 triệu USD";
    assert_eq!(
        vi(text),
        [
            fig("khoảng 5", Approximately, "5000000", Some("USD")),
            fig("7 triệu USD", Exactly, "7000000", Some("USD"))
        ]
    );
    // With no scale or unit after it, `A-B` is a period or a date.
    assert_eq!(vi("giai đoạn 2021-2025 và 10–13/8"), []);
}

#[test]
fn qualifiers_serialise_and_label() {
    assert_eq!(serde_json::to_string(&MoreThan).unwrap(), "\"more_than\"");
    let back: Qualifier = serde_json::from_str("\"at_least\"").unwrap();
    assert_eq!(back, AtLeast);
    for q in Qualifier::ALL {
        assert_eq!(serde_json::to_string(&q).unwrap(), format!("\"{}\"", q.key()));
        assert!(!q.label(Locale::Vi).is_empty() && !q.label(Locale::En).is_empty());
    }
    assert_eq!(Approximately.label(Locale::Vi), "khoảng");
    assert_eq!(Approximately.label(Locale::En), "about");
    assert_eq!(Nearly.label(Locale::Vi), "gần");
    assert_eq!(Qualifier::default(), Exactly);
}

// The check.

fn claim<'a>(display: Option<&'a str>, value: Option<f64>, qualifier: Option<Qualifier>) -> Claim<'a> {
    Claim { display, value, qualifier }
}

const EXCHANGES: &str = "Năm 2024 đánh dấu lần đầu tiên lượng giao lưu nhân dân hai nước vượt mốc 5 triệu lượt";
const TRADE: &str = "Kim ngạch thương mại song phương đạt 81,5 tỷ USD năm 2024, tăng 7,3% so với năm 2023.";

#[test]
fn a_quote_alone_gives_display_value_unit_and_qualifier() {
    let reading = check("Trong đó lưu học sinh là gần 100.000 người", &Claim::default(), Locale::Vi).unwrap();
    assert_eq!(reading.display, "gần 100.000 người");
    assert_eq!(reading.quoted, "gần 100.000 người");
    assert_eq!(reading.qualifier_words.as_deref(), Some("gần"));
    assert_eq!(
        (reading.value.to_f64(), reading.unit.as_deref(), reading.qualifier),
        (100_000.0, Some("người"), Nearly)
    );
    let reading = check(EXCHANGES, &Claim::default(), Locale::Vi).unwrap();
    assert_eq!((reading.display.as_str(), reading.qualifier), ("vượt mốc 5 triệu lượt", MoreThan));
}

/// A `display` that stands on a figure but misreads it still names the
/// figure: a wrong `value` and `qualifier` are found in the same check.
#[test]
fn check_all_finds_a_wrong_value_and_qualifier_beside_a_misread_display() {
    let given = claim(Some("5 triệu lượt"), Some(5e5), Some(Exactly));
    let all = check_all(EXCHANGES, &given, Locale::Vi).unwrap_err();
    let kinds: Vec<&str> = all
        .iter()
        .map(|m| match m {
            Mismatch::DisplayQualifier { .. } => "display",
            Mismatch::Qualifier { .. } => "qualifier",
            Mismatch::Value { .. } => "value",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["display", "qualifier", "value"], "{all:?}");
    assert_eq!(
        all[2].to_string(),
        "the quote says “vượt mốc 5 triệu lượt” (more than 5,000,000 lượt); `value` is `500000`"
    );
    assert_eq!(check(EXCHANGES, &given, Locale::Vi).unwrap_err(), all[0], "`check` gives the first");
    let not_there = check_all(EXCHANGES, &claim(Some("6 triệu lượt"), Some(1.0), None), Locale::Vi).unwrap_err();
    assert_eq!(
        not_there.len(),
        1,
        "a display on no figure names none to check the value against: {not_there:?}"
    );
}

#[test]
fn a_display_that_leaves_out_the_qualifier_is_a_mismatch() {
    let err = check(EXCHANGES, &claim(Some("5 triệu lượt"), Some(5e6), None), Locale::Vi).unwrap_err();
    assert!(matches!(err, Mismatch::DisplayQualifier { shown: Exactly, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "the quote says “vượt mốc 5 triệu lượt” (more than 5,000,000 lượt); `display` “5 triệu lượt” leaves out “vượt mốc”"
    );
    let ok = check(
        EXCHANGES,
        &claim(Some("vượt mốc 5 triệu lượt"), Some(5e6), Some(MoreThan)),
        Locale::Vi,
    )
    .unwrap();
    assert_eq!(ok.display, "vượt mốc 5 triệu lượt");
}

#[test]
fn a_value_ten_times_its_display_is_a_mismatch() {
    let err = check(
        EXCHANGES,
        &claim(Some("vượt mốc 5 triệu lượt"), Some(50_000_000.0), None),
        Locale::Vi,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the quote says “vượt mốc 5 triệu lượt” (more than 5,000,000 lượt); `value` is `50000000`"
    );
}

#[test]
fn a_typed_qualifier_must_be_the_quotes() {
    let quote = "Trong đó lưu học sinh là gần 100.000 người, trên 100.000 lao động các loại";
    let err = check(quote, &claim(Some("gần 100.000"), None, Some(MoreThan)), Locale::Vi).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the quote says “gần 100.000 người” (nearly 100,000 người); `qualifier` is `more_than`"
    );
    let ok = check(quote, &claim(Some("trên 100.000"), Some(100_000.0), Some(MoreThan)), Locale::Vi).unwrap();
    assert_eq!(
        (ok.display.as_str(), ok.unit.as_deref()),
        ("trên 100.000", Some("lao động")),
        "the unit may be left out"
    );
}

#[test]
fn several_figures_and_no_display_is_ambiguous_unless_the_value_says() {
    let err = check(TRADE, &Claim::default(), Locale::Vi).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the quote holds several figures, “81,5 tỷ USD” (81,500,000,000 USD) and “7,3%” (7.3%): give `display` to say which"
    );
    let growth = check(TRADE, &claim(None, Some(7.3), None), Locale::Vi).unwrap();
    assert_eq!((growth.display.as_str(), growth.unit.as_deref()), ("7,3%", Some("%")));
    assert!(matches!(
        check(TRADE, &claim(None, Some(8.0), None), Locale::Vi),
        Err(Mismatch::Ambiguous { .. })
    ));
}

#[test]
fn a_display_must_stand_on_a_figure_of_the_quote() {
    let err = check(EXCHANGES, &claim(Some("5 triệu người"), None, None), Locale::Vi).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`display` “5 triệu người” is not a figure of the quote, which says “vượt mốc 5 triệu lượt” (more than 5,000,000 lượt)"
    );
    let years = "Sau hơn 30 năm xây dựng và phát triển";
    assert!(matches!(
        check(years, &claim(Some("3"), None, None), Locale::Vi),
        Err(Mismatch::DisplayNotInQuote { .. })
    ));
    let err = check(EXCHANGES, &claim(Some("5"), None, None), Locale::Vi).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the quote says “vượt mốc 5 triệu lượt” (more than 5,000,000 lượt); `display` “5” reads `5`"
    );
    let err = check(
        "Hàn Quốc là nhà đầu tư lớn nhất tại Việt Nam",
        &claim(Some("lớn nhất"), Some(1.0), None),
        Locale::Vi,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "`display` “lớn nhất” holds no figure");
    let err = check("Các văn kiện hợp tác gồm:", &claim(Some("10"), Some(10.0), None), Locale::Vi).unwrap_err();
    assert_eq!(err.to_string(), "`display` “10” is not in the quote, which holds no figure");
    let err = check(TRADE, &claim(Some("81,5 tỷ USD năm 2024, tăng 7,3%"), None, None), Locale::Vi).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`display` “81,5 tỷ USD năm 2024, tăng 7,3%” holds several figures: “81,5 tỷ USD”, “7,3%”"
    );
    assert!(matches!(
        check(TRADE, &claim(Some("  "), None, None), Locale::Vi),
        Err(Mismatch::DisplayNotInQuote { .. })
    ));
}

#[test]
fn a_display_matches_across_white_space_and_typographic_forms() {
    let quote = "Trong đó lưu học sinh là gần\n100.000  người";
    let ok = check(quote, &claim(Some("gần 100.000 người"), Some(100_000.0), None), Locale::Vi).unwrap();
    assert_eq!(ok.quoted, "gần\n100.000  người");
    let quote = "khoảng 5–7 triệu USD";
    let ok = check(quote, &claim(Some("7 triệu USD"), Some(7e6), None), Locale::Vi).unwrap();
    assert_eq!(ok.unit.as_deref(), Some("USD"));
    let twice = "khoảng 5 người và 5 người";
    let exact = check(twice, &claim(Some("5 người"), None, Some(Exactly)), Locale::Vi).unwrap();
    assert_eq!(exact.qualifier, Exactly, "the occurrence that agrees is the one meant");
    let quote = "tăng “7,3%” so với năm trước";
    assert!(check(quote, &claim(Some("\"7,3%\""), Some(7.3), None), Locale::Vi).is_ok());
}

#[test]
fn the_seeds_ranks_check() {
    let quote = "Hàn Quốc hiện là đối tác đầu tư lớn nhất tại Việt Nam, đối tác thương mại lớn thứ 3, nước cung cấp ODA và thị trường lao động lớn thứ 2 và 3.";
    let oda = check(quote, &claim(Some("lớn thứ 2"), Some(2.0), None), Locale::Vi).unwrap();
    assert_eq!((oda.kind, oda.quoted.as_str()), (FigureKind::Ordinal, "thứ 2"));
    assert!(check(quote, &claim(Some("3"), Some(3.0), None), Locale::Vi).is_ok());
    let err = check(quote, &claim(Some("lớn thứ 2"), Some(3.0), None), Locale::Vi).unwrap_err();
    assert_eq!(err.to_string(), "the quote says “thứ 2” (rank 2); `value` is `3`");
}

#[test]
fn english_quotes_check_in_english() {
    let quote = "people-to-people exchanges exceeded 5 million for the first time, with more than 5 million visits";
    let ok = check(
        quote,
        &claim(Some("more than 5 million visits"), Some(5e6), Some(MoreThan)),
        Locale::En,
    )
    .unwrap();
    assert_eq!(ok.unit.as_deref(), Some("visits"));
}

/// Text around figures: digits, separators, the words of figures and dates,
/// Vietnamese letters, white space of every kind.
fn figure_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[0-9]{1,5}".boxed(),
        2 => prop::sample::select(vec![".", ",", "/", "-", "–", "%", "$", ":", "h", " ", " ", "\u{a0}", "\n", "ạ", "Ư", "x"]).prop_map(str::to_string).boxed(),
        3 => prop::sample::select(vec![
            "khoảng ", "hơn ", "vượt mốc ", "gần ", "dưới ", " tỷ", " triệu", " nghìn tỷ", " USD", " người", " lượt",
            "ngày ", "tháng ", "năm ", " October", "August ", "thứ ", " và ", "at least ", " billion", "rd", "giờ ", "sáng",
        ])
        .prop_map(str::to_string)
        .boxed(),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn the_finder_never_panics_and_its_spans_nest_on_char_boundaries(text in figure_text()) {
        for locale in [Locale::Vi, Locale::En] {
            for f in read_figures(&text, locale) {
                for r in [&f.span, &f.amount, &f.number] {
                    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{:?} in {:?}", r, text);
                }
                prop_assert!(f.span.start <= f.amount.start && f.amount.start <= f.number.start, "{:?}", f);
                prop_assert!(f.number.end <= f.amount.end && f.amount.end <= f.span.end, "{:?}", f);
                prop_assert!(parse_number(&text[f.number.clone()], locale).is_some());
            }
        }
        let _ = figures(&text);
    }

    #[test]
    fn a_value_written_the_vietnamese_way_reads_back(mantissa in 1u64..100_000_000_000, exponent in -3i32..4, scale in 0usize..4) {
        let (word, power) = [("", 0), (" nghìn", 3), (" triệu", 6), (" tỷ", 9)][scale];
        let written = Decimal::new(u128::from(mantissa), exponent).unwrap();
        let text = format!("đạt {}{word} USD.", written.format(Locale::Vi));
        let found = read_figures(&text, Locale::Vi);
        prop_assume!(!(power == 0 && exponent == 0 && (1900..=2100).contains(&mantissa) && mantissa < 10_000), "a bare year");
        prop_assert_eq!(found.len(), 1, "{}", text);
        prop_assert_eq!(found[0].value, written.scaled(power).unwrap(), "{}", text);
        prop_assert_eq!(found[0].unit.as_deref(), Some("USD"));
    }

    #[test]
    fn a_value_written_the_english_way_reads_back(mantissa in 1u64..100_000_000_000, exponent in -3i32..4) {
        let written = Decimal::new(u128::from(mantissa), exponent).unwrap();
        let text = format!("about {} million visits", written.format(Locale::En));
        let found = read_figures(&text, Locale::En);
        prop_assert_eq!(found.len(), 1, "{}", text);
        prop_assert_eq!(found[0].value, written.scaled(6).unwrap());
        prop_assert_eq!(found[0].qualifier, Approximately);
    }

    #[test]
    fn every_figure_checks_against_its_own_words(text in figure_text()) {
        for f in read_figures(&text, Locale::Vi) {
            // The first end of a range reads its scale from the second end, which its words do not hold.
            if text[f.span.end..].starts_with(['-', '–', '‑']) {
                continue;
            }
            let display = f.text(&text).to_string();
            let claim = Claim { display: Some(&display), value: None, qualifier: Some(f.qualifier) };
            let reading = check(&text, &claim, Locale::Vi);
            prop_assert!(reading.is_ok(), "{:?} in {:?}: {:?}", display, text, reading);
            prop_assert_eq!(reading.unwrap().value, f.value);
        }
    }
}
