//! Slugs for URLs and ids: `Đà Nẵng` becomes `da-nang`.
//!
//! A thin layer over the `slug` crate (which transliterates with `deunicode`,
//! so Vietnamese letters, `đ` included, lose their marks correctly).

/// The slug of `text`: lowercase ASCII letters, digits and single dashes; may be empty.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// The slug of `text`, or `fallback` when `text` has no letter or digit at all.
pub fn slugify_or(text: &str, fallback: &str) -> String {
    let s = slugify(text);
    if s.is_empty() { fallback.to_string() } else { s }
}

/// Longest slug made from a title, in characters; longer ones are cut at a dash.
pub const TITLE_SLUG_MAX: usize = 60;

/// The slug of a title, cut at a word boundary to at most [`TITLE_SLUG_MAX`] characters.
pub fn slugify_title(title: &str, fallback: &str) -> String {
    let full = slugify_or(title, fallback);
    if full.len() <= TITLE_SLUG_MAX {
        return full;
    }
    let cut = full[..=TITLE_SLUG_MAX].rfind('-').unwrap_or(TITLE_SLUG_MAX);
    full[..cut].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_slugs() {
        assert_eq!(slugify("Đà Nẵng"), "da-nang");
        assert_eq!(slugify("Tổng Bí thư Tô Lâm hội đàm"), "tong-bi-thu-to-lam-hoi-dam");
        assert_eq!(slugify("Việt Nam – Hàn Quốc: 81,5 tỷ USD"), "viet-nam-han-quoc-81-5-ty-usd");
    }

    #[test]
    fn decomposed_input_gives_the_same_slug() {
        assert_eq!(slugify("Đa\u{300} Na\u{306}\u{303}ng"), "da-nang");
    }

    #[test]
    fn title_slugs_are_cut_at_a_dash() {
        let s = slugify_title(
            "Tổng Bí thư Tô Lâm và Tổng thống Lee Jae Myung gặp gỡ báo chí thông tin kết quả hội đàm",
            "x",
        );
        assert_eq!(s, "tong-bi-thu-to-lam-va-tong-thong-lee-jae-myung-gap-go-bao");
        assert!(s.len() <= TITLE_SLUG_MAX);
        assert_eq!(slugify_title("Hội đàm", "x"), "hoi-dam");
    }

    #[test]
    fn punctuation_only_falls_back() {
        assert_eq!(slugify("?!…"), "");
        assert_eq!(slugify_or("?!…", "page-1"), "page-1");
    }
}
