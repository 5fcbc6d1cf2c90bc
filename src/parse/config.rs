//! `site.toml`: the dossier's configuration, in two layers.
//!
//! [`RawConfig`] is exactly what the file says (unknown keys are errors, so
//! typos are caught); [`Config`] is the validated form the rest of the build
//! uses (a parsed base URL, a known language). This module reads no files.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Diagnostic;
use crate::parse::date::PartialDate;
use crate::text::suggest;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    language: Option<Spanned<String>>,
    /// The dossier's own date, for the feed.
    updated: Option<Spanned<toml::Value>>,
    #[serde(default)]
    markdown: RawMarkdown,
    /// The editions besides the default one, by language code.
    #[serde(default)]
    languages: toml::map::Map<String, toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    title: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    allow_html: bool,
    #[serde(default = "yes")]
    smart_punctuation: bool,
}

fn yes() -> bool {
    true
}

impl Default for RawMarkdown {
    fn default() -> Self {
        RawMarkdown {
            allow_html: false,
            smart_punctuation: true,
        }
    }
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    /// A language code with a catalogue in `i18n` (built in, or the dossier's `i18n/` folder).
    pub language: String,
    /// Raw HTML in Markdown is passed through only when this is on; otherwise it is escaped.
    pub allow_html: bool,
    pub smart_punctuation: bool,
    /// The date the dossier was last brought up to date, when given (the feed's `updated`).
    pub updated: Option<PartialDate>,
    /// The other editions (`[languages.en]`), in code order; the default
    /// edition, in `language`, is not among them.
    pub editions: Vec<EditionConfig>,
    /// For an edition other than the default, its folder under the site's
    /// root (`en`); its `base_url` is already the folder's.
    pub folder: Option<String>,
}

/// An edition in another language than the default: its code and the
/// site's title and description in it (the default's when not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionConfig {
    pub language: String,
    pub title: String,
    pub description: String,
}

impl Config {
    /// Parses `site.toml`'s text; `path` is only for messages; `languages` are
    /// the codes that have a catalogue.
    pub fn parse(path: &Path, text: &str, languages: &[String]) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| toml_error(path, text, 0, &e))?;
        let at = |span: std::ops::Range<usize>| move |message: String| Diagnostic::error(path, message).at_span(text, span);
        let base_url = BaseUrl::parse(raw.base_url.get_ref()).map_err(at(raw.base_url.span()))?;
        let language = raw.language.as_ref().map_or("vi", |l| l.get_ref().as_str()).to_string();
        if !languages.contains(&language) {
            let span = raw.language.as_ref().map_or(0..0, Spanned::span);
            let advice = match suggest::did_you_mean(&language, languages.iter().map(String::as_str)) {
                Some(suggestion) => format!("{suggestion} (or add `i18n/{language}.toml`)"),
                None => format!("use one of {}, or add `i18n/{language}.toml`", languages.join(", ")),
            };
            return Err(at(span)(format!("unknown language `{language}`: {advice}")));
        }
        let editions = editions(&raw, text, &language, languages).map_err(|(span, message)| at(span)(message))?;
        let updated = match &raw.updated {
            Some(value) => Some(PartialDate::from_toml(value.get_ref()).map_err(at(value.span()))?),
            None => None,
        };
        Ok(Config {
            updated,
            title: raw.title,
            description: raw.description,
            base_url,
            language,
            allow_html: raw.markdown.allow_html,
            smart_punctuation: raw.markdown.smart_punctuation,
            editions,
            folder: None,
        })
    }

    /// The languages of every edition, the default first.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.language.as_str()).chain(self.editions.iter().map(|e| e.language.as_str()))
    }
}

/// The `[languages.<code>]` tables: each a known language other than the
/// default, with at most a title and a description.
fn editions(
    raw: &RawConfig,
    text: &str,
    default: &str,
    languages: &[String],
) -> Result<Vec<EditionConfig>, (std::ops::Range<usize>, String)> {
    let mut editions = Vec::new();
    for (code, value) in &raw.languages {
        // `toml::Value` keeps no spans: errors point at the table's header.
        let header = format!("languages.{code}");
        let here = text.find(&header).map_or(0..0, |at| at..at + header.len());
        if code == default {
            return Err((
                here,
                format!(
                    "`[languages.{code}]` is the default language (`language = \"{default}\"`): its edition is the site itself; remove the table"
                ),
            ));
        }
        if !languages.contains(code) {
            let advice = match suggest::did_you_mean(code, languages.iter().map(String::as_str)) {
                Some(suggestion) => format!("{suggestion} (or add `i18n/{code}.toml`)"),
                None => format!("use one of {}, or add `i18n/{code}.toml`", languages.join(", ")),
            };
            return Err((here, format!("unknown language `{code}` in `[languages.{code}]`: {advice}")));
        }
        let edition: RawEdition = value.clone().try_into().map_err(|e: toml::de::Error| {
            (
                here.clone(),
                format!("`[languages.{code}]`: {}", first_lowercase(e.message().trim_end_matches('.'))),
            )
        })?;
        editions.push(EditionConfig {
            language: code.clone(),
            title: edition.title.unwrap_or_else(|| raw.title.clone()),
            description: edition.description.unwrap_or_else(|| raw.description.clone()),
        });
    }
    Ok(editions)
}

/// Turns a TOML error into a diagnostic at its span; `offset` is where the TOML
/// text starts in the file (non-zero for front matter).
pub fn toml_error(path: &Path, file_text: &str, offset: usize, err: &toml::de::Error) -> Diagnostic {
    let spanned = err.span().and_then(|span| file_text.get(offset + span.start..offset + span.end));
    let diagnostic = Diagnostic::error(path, explain(err.message(), spanned.unwrap_or("")));
    match err.span() {
        Some(span) => diagnostic.at_span(file_text, offset + span.start..offset + span.end),
        None => diagnostic.at_offset(file_text, offset),
    }
}

/// A TOML error's message as we say it: lowercase, no final period, and
/// with what would be right. `spanned` is the text the error points at.
fn explain(message: &str, spanned: &str) -> String {
    let message = first_lowercase(message.trim_end_matches('\n').trim_end_matches('.'));
    if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
        return format!("{message}: add `{field} = ...` here");
    }
    if let Some((field, expected)) = unknown_field(&message) {
        if let Some(suggestion) = suggest::did_you_mean(field, expected.iter().copied()) {
            return format!("unknown field `{field}`: {suggestion}");
        }
    }
    if message == "duplicate key" && !spanned.is_empty() {
        return format!("duplicate key `{spanned}`: a key is set only once in a table");
    }
    message
}

/// The field and the expected ones of serde's `unknown field `x`, expected
/// one of `a`, `b`, `c`` (`expected `a` or `b``, `expected `a``).
fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.strip_prefix(", expected ")?;
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    let names = expected
        .split(", ")
        .flat_map(|n| n.split(" or "))
        .filter_map(|n| n.strip_prefix('`')?.strip_suffix('`'))
        .collect();
    Some((field, names))
}

fn first_lowercase(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => c.to_lowercase().chain(chars).collect(),
        _ => message.to_string(),
    }
}

/// Where the site is published: `https://org.github.io/dossier/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Always ends with `/`.
    absolute: String,
    /// The path part, always starting and ending with `/`: `/dossier/`.
    path: String,
}

impl BaseUrl {
    /// Parses `base_url`; the error names the key (`base_url `x` has no scheme: …`).
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        BaseUrl::parse_value(text).map_err(|why| format!("base_url {why}"))
    }

    /// Parses a base URL; the error says what is wrong with the value
    /// (`` `x` has no scheme: expected e.g. … ``), for a caller that names
    /// where it came from (the `--base-url` flag).
    pub fn parse_value(text: &str) -> Result<BaseUrl, String> {
        let bad = |why: &str| format!("`{text}` {why}: expected e.g. `https://example.org/` or `https://org.github.io/dossier/`");
        let (scheme, rest) = text.split_once("://").ok_or_else(|| bad("has no scheme"))?;
        if scheme != "http" && scheme != "https" {
            return Err(bad("must use http or https"));
        }
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '?' || c == '#') {
            return Err(bad("has no valid host"));
        }
        if path.contains(['?', '#']) || path.contains(char::is_whitespace) {
            return Err(bad("must not hold a query, a fragment or spaces"));
        }
        let path = path.trim_matches('/');
        let path = if path.is_empty() { "/".to_string() } else { format!("/{path}/") };
        Ok(BaseUrl {
            absolute: format!("{scheme}://{host}{path}"),
            path,
        })
    }

    /// The absolute URL of a site path such as `articles/x/` (no leading slash).
    pub fn join(&self, site_path: &str) -> String {
        format!("{}{}", self.absolute, site_path.trim_start_matches('/'))
    }

    /// The base URL of the folder `folder` under this one: `…/dossier/en/`.
    pub fn within(&self, folder: &str) -> BaseUrl {
        BaseUrl {
            absolute: format!("{}{folder}/", self.absolute),
            path: format!("{}{folder}/", self.path),
        }
    }

    /// The path part: `/` or `/dossier/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn as_str(&self) -> &str {
        &self.absolute
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse(Path::new("site.toml"), text, &["vi".to_string(), "en".to_string()])
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"Hồ sơ\"\nbase_url = \"https://example.org\"").unwrap();
        assert_eq!(c.base_url.as_str(), "https://example.org/");
        assert_eq!(c.language, "vi");
        assert!(!c.allow_html);
        assert!(c.smart_punctuation);
    }

    #[test]
    fn unknown_key_is_an_error_at_its_line() {
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\ntitel = \"y\"\n").unwrap_err();
        assert_eq!(err.position.unwrap().0, 3);
        assert!(err.message.contains("unknown field `titel`"), "{}", err.message);
        assert!(err.message.contains("did you mean `title`?"), "{}", err.message);
    }

    #[test]
    fn a_mistyped_key_gets_a_suggestion_and_a_far_one_the_list() {
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\ntitel = \"y\"\n").unwrap_err();
        assert_eq!(err.message, "unknown field `titel`: did you mean `title`?");
        assert_eq!((err.position, err.width), (Some((3, 1)), Some(5)));
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\nauthor = \"y\"\n").unwrap_err();
        assert!(
            err.message.starts_with("unknown field `author`, expected one of `title`"),
            "{}",
            err.message
        );
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\n[markdown]\nallow_htm = true\n").unwrap_err();
        assert_eq!(err.message, "unknown field `allow_htm`: did you mean `allow_html`?");
    }

    #[test]
    fn a_duplicate_key_is_named() {
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\ntitle = \"y\"\n").unwrap_err();
        assert_eq!(err.message, "duplicate key `title`: a key is set only once in a table");
        assert_eq!(err.position, Some((3, 1)));
    }

    #[test]
    fn a_mistyped_language_gets_a_suggestion() {
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\nlanguage = \"vn\"").unwrap_err();
        assert_eq!(
            err.message,
            "unknown language `vn`: did you mean `en` or `vi`? (or add `i18n/vn.toml`)"
        );
    }

    #[test]
    fn editions_are_declared_by_language_and_checked() {
        let c = parse("title = \"Hồ sơ\"\nbase_url = \"https://e.org/\"\n[languages.en]\ntitle = \"Dossier\"\n").unwrap();
        assert_eq!(c.languages().collect::<Vec<_>>(), ["vi", "en"]);
        assert_eq!((c.editions[0].title.as_str(), c.editions[0].description.as_str()), ("Dossier", ""));
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\n\n[languages.eng]\n").unwrap_err();
        assert_eq!(
            err.message,
            "unknown language `eng` in `[languages.eng]`: did you mean `en`? (or add `i18n/eng.toml`)"
        );
        assert_eq!(err.position, Some((4, 2)));
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\n[languages.vi]\n").unwrap_err();
        assert!(err.message.contains("is the default language"), "{}", err.message);
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\n[languages.en]\ntitel = \"y\"\n").unwrap_err();
        assert!(err.message.contains("unknown field `titel`"), "{}", err.message);
    }

    #[test]
    fn malformed_toml_is_an_error_at_its_line() {
        let err = parse("title = \"x\"\nbase_url = \n").unwrap_err();
        assert_eq!(err.position.unwrap().0, 2);
    }

    #[test]
    fn missing_required_key_is_named() {
        let err = parse("title = \"x\"\n").unwrap_err();
        assert!(err.message.contains("base_url"), "{}", err.message);
    }

    #[test]
    fn unknown_language_lists_the_known_ones() {
        let err = parse("title = \"x\"\nbase_url = \"https://e.org/\"\nlanguage = \"fr\"").unwrap_err();
        assert!(err.message.contains("vi, en"), "{}", err.message);
        assert_eq!(err.position.unwrap().0, 3);
    }

    #[test]
    fn a_base_url_error_points_at_the_key_not_a_comment() {
        let text = "# base_url is where the site is published\ntitle = \"x\"\n\nbase_url = \"ftp://e.org/\"\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.position, Some((4, 12)), "{err}");
        assert!(err.message.contains("must use http or https"), "{}", err.message);
        let text = "# language = \"vi\"\ntitle = \"x\"\nbase_url = \"https://e.org/\"\nlanguage   =   \"fr\"";
        assert_eq!(parse(text).unwrap_err().position, Some((4, 16)));
    }

    #[test]
    fn base_url_keeps_a_sub_path() {
        let b = BaseUrl::parse("https://org.github.io/dossier").unwrap();
        assert_eq!(b.path(), "/dossier/");
        assert_eq!(b.join("articles/x/"), "https://org.github.io/dossier/articles/x/");
        assert!(BaseUrl::parse("ftp://x.org/").is_err());
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
    }
}
