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
    fn punctuation_only_falls_back() {
        assert_eq!(slugify("?!…"), "");
        assert_eq!(slugify_or("?!…", "page-1"), "page-1");
    }
}
