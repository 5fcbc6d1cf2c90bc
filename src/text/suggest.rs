//! "Did you mean": the known names closest to a mistyped one, for the
//! messages about unknown keys, seeds, people, kinds and languages.
//!
//! Closeness is the optimal string alignment distance (Levenshtein with
//! swapped neighbours counting one edit, through `strsim`), compared without
//! case; a name is suggested only when at most a third of what was typed
//! (and at least one character) differs, so a guess far off says nothing
//! rather than something wrong. This module knows nothing of the dossier.

/// The candidates closest to `typed`, best first, at most three (all at the
/// same, smallest distance); empty when none is close enough.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed_lower = typed.to_lowercase();
    let limit = (typed.chars().count() / 3).max(1);
    let mut best: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| *c != typed)
        .map(|c| (strsim::osa_distance(&typed_lower, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= limit)
        .collect();
    let Some(smallest) = best.iter().map(|(d, _)| *d).min() else {
        return Vec::new();
    };
    best.retain(|(d, _)| *d == smallest);
    best.sort();
    best.dedup();
    best.into_iter().take(3).map(|(_, c)| c).collect()
}

/// `did you mean `title`?` (or `` `a` or `b` ``) for the closest candidates;
/// `None` when none is close enough.
pub fn did_you_mean<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let names: Vec<String> = closest(typed, candidates).iter().map(|c| format!("`{c}`")).collect();
    (!names.is_empty()).then(|| format!("did you mean {}?", names.join(" or ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 5] = ["title", "base_url", "description", "language", "markdown"];

    #[test]
    fn a_typo_finds_its_key_swapped_letters_counting_once() {
        assert_eq!(closest("titel", KEYS), ["title"]);
        assert_eq!(closest("langauge", KEYS), ["language"]);
        assert_eq!(closest("baseurl", KEYS), ["base_url"]);
        assert_eq!(closest("Title", KEYS), ["title"], "case does not count");
        assert_eq!(did_you_mean("descripton", KEYS).as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn nothing_is_suggested_when_nothing_is_close() {
        assert!(closest("author", KEYS).is_empty());
        assert!(closest("x", ["title"]).is_empty());
        assert_eq!(did_you_mean("draft", KEYS), None);
        assert!(closest("title", ["title"]).is_empty(), "the name itself is no suggestion");
    }

    #[test]
    fn ties_are_all_named_in_order() {
        assert_eq!(closest("009", ["003", "001", "002", "010"]), ["001", "002", "003"]);
        assert_eq!(
            did_you_mean("00", ["001_alpha", "001", "002"]).as_deref(),
            Some("did you mean `001` or `002`?")
        );
    }

    #[test]
    fn short_names_allow_one_edit() {
        assert_eq!(closest("vn", ["vi", "en"]), ["en", "vi"]);
        assert_eq!(closest("e", ["en"]), ["en"]);
    }
}
