//! Splitting a content file into its TOML front matter and its Markdown body,
//! and parsing the front matter into a typed struct with located errors.
//!
//! The format is the one Zola and Hugo read: the file opens with a `+++` line,
//! the TOML follows, a second `+++` line closes it, the body is the rest.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
use crate::parse::config::toml_error;

const FENCE: &str = "+++";

/// Where the two parts of a content file lie, as byte ranges of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Start of the TOML text (just after the opening fence line).
    pub toml_start: usize,
    pub toml_end: usize,
    /// Start of the Markdown body (just after the closing fence line).
    pub body_start: usize,
}

/// Finds the front matter of `text`.
pub fn split(path: &Path, text: &str) -> Result<Split, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != FENCE {
        return Err(Diagnostic::error(
            path,
            "content file has no front matter: start it with a `+++` line, then `title = \"…\"`, then another `+++` line",
        )
        .at((1, 1)));
    }
    let mut offset = first_line_end;
    for line in text[first_line_end..].split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Ok(Split {
                toml_start: first_line_end,
                toml_end: offset,
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, "front matter opened here is never closed: add a `+++` line after the TOML").at((1, 1)))
}

/// Parses the front matter of `text` (already [`split`]) as `T`, errors
/// located in the file.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str, split: Split) -> Result<T, Diagnostic> {
    let toml_text = &text[split.toml_start..split.toml_end];
    toml::from_str(toml_text).map_err(|e| toml_error(path, text, split.toml_start, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn path() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"Đà Nẵng\"\n+++\nThân bài.\n";
        let s = split(path(), text).unwrap();
        assert_eq!(&text[s.toml_start..s.toml_end], "title = \"Đà Nẵng\"\n");
        assert_eq!(&text[s.body_start..], "Thân bài.\n");
        let meta: Meta = parse(path(), text, s).unwrap();
        assert_eq!(meta.title, "Đà Nẵng");
        assert!(meta.tags.is_empty());
    }

    #[test]
    fn crlf_files_and_empty_bodies_split() {
        let text = "+++\r\ntitle = \"x\"\r\n+++\r\n";
        let s = split(path(), text).unwrap();
        assert_eq!(s.body_start, text.len());
        let meta: Meta = parse(path(), text, s).unwrap();
        assert_eq!(meta.title, "x");
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        let err = split(path(), "title = 1\n").unwrap_err();
        assert!(err.message.contains("no front matter"));
    }

    #[test]
    fn unclosed_front_matter_is_an_error_at_line_one() {
        let err = split(path(), "+++\ntitle = \"x\"\nThân bài.\n").unwrap_err();
        assert_eq!(err.position, Some((1, 1)));
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn toml_errors_are_located_in_the_file_not_the_front_matter() {
        let text = "+++\ntitle = \"x\"\ntags = [1,\n+++\n";
        let err = parse::<Meta>(path(), text, split(path(), text).unwrap()).unwrap_err();
        assert_eq!(err.position.unwrap().0, 3, "{err}");
        let text = "+++\n\ntitel = \"x\"\n+++\n";
        let err = parse::<Meta>(path(), text, split(path(), text).unwrap()).unwrap_err();
        assert_eq!(err.position, Some((3, 1)), "{err}");
        assert!(err.message.contains("unknown field `titel`"), "{err}");
    }

    #[test]
    fn wrong_type_is_located_at_the_value() {
        let text = "+++\ntitle = 5\n+++\n";
        let err = parse::<Meta>(path(), text, split(path(), text).unwrap()).unwrap_err();
        assert_eq!(err.position, Some((2, 9)), "{err}");
    }
}
