//! Translations: `about.en.md` beside `about.md` gives the English edition's
//! text of the same page or fact.
//!
//! A translation holds only what is said in words: the text fields of its
//! kind ([`text_fields`]), the body, and translations of the quotes it cites
//! (`[quotes]`). Everything else (dates, values, parties' countries,
//! sources) is a fact shared from the original: a translation may repeat a
//! fact, and [`Translation::facts`] keeps what it wrote so that `resolve`
//! checks it against the original (a contradiction names both files).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::DeValue;

use super::fields;
use super::{Kind, Source, Unparsed};
use crate::diag::Diagnostic;
use crate::text::decode::nfc;
use crate::text::suggest;

/// What a translation says.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Its file (its body is the edition's body).
    pub source: Source,
    /// The kind of its original.
    pub kind: Kind,
    /// The text fields it sets, by key (`title`, `visit.guest`).
    pub texts: BTreeMap<&'static str, Text>,
    /// Where each text field's key is written.
    pub text_positions: BTreeMap<&'static str, (usize, usize)>,
    /// The facts it writes, to be checked against the original's.
    pub facts: Vec<WrittenFact>,
}

/// What a translation names of the other files: its language, its original
/// and its translations of quotes. Kept by its [`Source`], so that every
/// citation of the translated document can find its quote's translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    pub language: String,
    /// The original's path: `content/about.md`.
    pub original: PathBuf,
    /// Translations of quotes, by the quote as written (NFC), each with
    /// where it is written.
    pub quotes: BTreeMap<String, (String, (usize, usize))>,
}

impl Translated {
    /// The translation of `quote`, when the analyst wrote one.
    pub fn quote(&self, quote: &str) -> Option<&str> {
        self.quotes.get(quote.trim()).map(|(translation, _)| translation.as_str())
    }
}

/// A text field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    One(String),
    /// A list of words (`tags`).
    List(Vec<String>),
}

/// A fact as a translation writes it: the key (`date`, `visit.start`), the
/// value and where it is written.
#[derive(Debug, Clone)]
pub struct WrittenFact {
    pub key: String,
    pub value: toml::Value,
    pub position: (usize, usize),
}

/// The two-letter codes of ISO 639-1: a file named `about.fr.md` is a
/// translation into `fr` even when `site.toml` declares no such edition
/// (and is then refused), not a page at `/about.fr/`.
pub const LANGUAGE_CODES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// The fields of a kind that are words, and so translated; every other
/// field is a fact.
pub fn text_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Home => &[
            "title",
            "description",
            "visit.guest",
            "visit.host",
            "visit.place",
            "visit.kind",
            "visit.dates_inferred",
        ],
        Kind::Intro(_) | Kind::Page => &["title", "description"],
        Kind::Article => &["title", "summary", "tags", "slug"],
        Kind::Event => &["title", "summary", "place", "date_inferred", "time_inferred"],
        Kind::Agreement => &["title", "field", "date_inferred"],
        Kind::Metric => &["label", "category", "discrepancy_note"],
        Kind::Person => &["name", "role"],
        Kind::Statement => &["title", "summary", "date_inferred"],
    }
}

/// The language and original of `path` when it is a translation into one of
/// `languages` (`content/about.en.md` → `en`, `content/about.md`).
pub fn original_of<'l>(path: &Path, languages: &'l [String]) -> Option<(&'l str, PathBuf)> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    let language = languages.iter().find(|l| l.as_str() == code)?;
    Some((language, path.with_file_name(format!("{base}.md"))))
}

/// Reads a translation's front matter: its text fields, its `[quotes]` and
/// the facts it repeats.
pub(super) fn parse(mut source: Source, kind: Kind, language: &str, original: PathBuf) -> Result<Translation, Unparsed> {
    let toml_text = &source.text[source.split.toml_start..source.split.toml_end];
    let located = |e: &toml::de::Error| crate::parse::config::toml_error(&source.path, &source.text, source.split.toml_start, e);
    let (table, twice) = fields::table(toml_text).map_err(|e| Unparsed::from(vec![located(&e)]))?;
    let mut errors: Vec<Diagnostic> = twice.iter().map(located).collect();
    let values: toml::Table = match toml::from_str(toml_text) {
        Ok(values) => values,
        // Only a key set twice gets here (reported above); nothing else can be read with certainty.
        Err(_) => return Err(errors.into()),
    };
    let mut reader = Reader {
        source: &source,
        kind,
        texts: BTreeMap::new(),
        text_positions: BTreeMap::new(),
        facts: Vec::new(),
        quotes: BTreeMap::new(),
        errors: &mut errors,
    };
    for (key, value) in table.get_ref() {
        let name: &str = key.get_ref();
        match name {
            "draft" => {}
            "quotes" => reader.quotes(value),
            _ => reader.field(name, value, &values[name], key.span().start),
        }
    }
    let (texts, text_positions, facts, quotes) = (reader.texts, reader.text_positions, reader.facts, reader.quotes);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    source.translated = Some(Arc::new(Translated {
        language: language.to_string(),
        original,
        quotes,
    }));
    Ok(Translation {
        source,
        kind,
        texts,
        text_positions,
        facts,
    })
}

struct Reader<'s, 'e> {
    source: &'s Source,
    kind: Kind,
    texts: BTreeMap<&'static str, Text>,
    text_positions: BTreeMap<&'static str, (usize, usize)>,
    facts: Vec<WrittenFact>,
    quotes: BTreeMap<String, (String, (usize, usize))>,
    errors: &'e mut Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    /// A top-level key (or, for `prefix.key`, a key of a table some text fields are in).
    fn field(&mut self, key: &str, value: &toml::Spanned<DeValue<'_>>, plain: &toml::Value, at: usize) {
        let texts = text_fields(self.kind);
        if let Some(&field) = texts.iter().find(|f| **f == key) {
            match text(plain) {
                Some(t) => {
                    self.texts.insert(field, t);
                    self.text_positions.insert(field, self.source.toml_pos(at));
                }
                None => {
                    let what = if field == "tags" { "a list of words" } else { "text" };
                    self.error(value.span().start, format!("`{key}` must be {what}"));
                }
            }
            return;
        }
        let inner = format!("{key}.");
        if let (DeValue::Table(table), toml::Value::Table(plain)) = (value.get_ref(), plain) {
            if texts.iter().any(|f| f.starts_with(&inner)) {
                for (k, v) in table {
                    self.field(&format!("{key}.{}", k.get_ref()), v, &plain[k.get_ref().as_ref()], k.span().start);
                }
                return;
            }
        }
        self.facts.push(WrittenFact {
            key: key.to_string(),
            value: plain.clone(),
            position: self.source.toml_pos(at),
        });
    }

    /// The `[quotes]` table: a translation by quote.
    fn quotes(&mut self, value: &toml::Spanned<DeValue<'_>>) {
        let DeValue::Table(table) = value.get_ref() else {
            let message = "`quotes` must be a table of translations by quote: `[quotes]`, then `\"the quote\" = \"its translation\"`";
            return self.error(value.span().start, message);
        };
        for (quote, translation) in table {
            match translation.get_ref() {
                DeValue::String(t) if !t.trim().is_empty() => {
                    let position = self.source.toml_pos(quote.span().start);
                    self.quotes
                        .insert(nfc(quote.get_ref().trim()).into_owned(), (t.trim().to_string(), position));
                }
                _ => self.error(translation.span().start, "a quote's translation must be text"),
            }
        }
    }

    fn error(&mut self, at: usize, message: impl Into<String>) {
        self.errors.push(self.source.toml_error(at, message));
    }
}

/// A text field's value: text, or a list of texts.
fn text(value: &toml::Value) -> Option<Text> {
    match value {
        toml::Value::String(s) => Some(Text::One(s.clone())),
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(Text::List),
        _ => None,
    }
}

/// The advice for a fact that the original does not set: a mistyped text
/// field, or a fact the translation may not add.
pub fn not_in_original(kind: Kind, key: &str, original: &Path) -> String {
    let texts = text_fields(kind);
    match suggest::did_you_mean(key, texts.iter().copied()) {
        Some(suggestion) => format!("unknown field `{key}`: {suggestion}"),
        None => format!(
            "`{key}` is not a field a translation sets ({}), and `{}` does not set it: a translation adds no facts; remove it",
            texts.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "),
            original.display()
        ),
    }
}
