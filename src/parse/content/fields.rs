//! Reading one content file's front matter into its kind's raw struct, with
//! every problem of the file found in one run: every unknown key (each at
//! its key), every missing required field, every bad value, and no error
//! that follows from another.
//!
//! The raw structs make their required fields `Option`, so serde reads what
//! is there and [`Fields::required`] names each field that is not; unknown
//! keys are found against the struct's own field list (read from its
//! `Deserialize` impl), so no list of keys is kept by hand.

use serde::de::{self, DeserializeOwned, Visitor};
use toml::Spanned;

use super::{CitationRef, RawSource, Source};
use crate::diag::Diagnostic;
use crate::parse::config::toml_error;
use crate::parse::date::PartialDate;

/// The problems found in one file so far, and where to locate new ones.
#[derive(Debug)]
pub(super) struct Fields<'s> {
    pub source: &'s Source,
    pub errors: Vec<Diagnostic>,
}

impl<'s> Fields<'s> {
    /// Reads the front matter of `source` as `T`. Unknown top-level keys are
    /// errors at each key (and are otherwise ignored, so the rest is still
    /// read); a TOML syntax or type error ends the reading of the file.
    pub fn read<T: DeserializeOwned>(source: &'s Source) -> Result<(T, Fields<'s>), Vec<Diagnostic>> {
        let mut fields = Fields {
            source,
            errors: Vec::new(),
        };
        let toml_text = &source.text[source.split.toml_start..source.split.toml_end];
        let syntax = |e: toml::de::Error| vec![toml_error(&source.path, &source.text, source.split.toml_start, &e)];
        // Parsed once: its keys are checked, then it is read as `T`.
        let table = toml::de::DeTable::parse(toml_text).map_err(syntax)?;
        let known = field_names::<T>();
        for key in table.get_ref().keys() {
            let name: &str = key.get_ref();
            if name != "draft" && !known.contains(&name) {
                let message = match crate::text::suggest::did_you_mean(name, known.iter().copied()) {
                    Some(suggestion) => format!("unknown field `{name}`: {suggestion}"),
                    None => {
                        let expected = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                        format!("unknown field `{name}`, expected one of {expected}")
                    }
                };
                fields.error(key.span().start, message);
            }
        }
        match T::deserialize(toml::de::Deserializer::from(table)) {
            Ok(raw) => Ok((raw, fields)),
            Err(e) => {
                fields
                    .errors
                    .push(toml_error(&source.path, &source.text, source.split.toml_start, &e));
                Err(fields.errors)
            }
        }
    }

    /// An error at a byte offset of the front matter's TOML.
    pub fn error(&mut self, toml_offset: usize, message: impl Into<String>) {
        self.errors.push(self.source.toml_error(toml_offset, message));
    }

    /// `value`, or an error naming the missing field `key` and what it holds.
    pub fn required<T>(&mut self, value: Option<T>, key: &str, what: &str) -> Option<T> {
        if value.is_none() {
            self.errors.push(
                Diagnostic::error(&self.source.path, format!("missing field `{key}`: add `{key} = …`, {what}")).at(self.source.toml_pos(0)),
            );
        }
        value
    }

    /// Reads a date value, or reports where it is wrong.
    pub fn date(&mut self, value: &Spanned<toml::Value>) -> Option<PartialDate> {
        PartialDate::from_toml(value.get_ref())
            .map_err(|e| self.error(value.span().start, e))
            .ok()
    }

    /// Citations as written, each located at its quote.
    pub fn citations(&self, raw: Vec<RawSource>) -> Vec<CitationRef> {
        raw.into_iter().map(|r| self.citation(r.seed, r.quote)).collect()
    }

    pub fn citation(&self, seed: Spanned<String>, quote: Spanned<String>) -> CitationRef {
        CitationRef {
            position: self.source.toml_pos(quote.span().start),
            seed: seed.into_inner(),
            quote: quote.into_inner(),
            path: self.source.path.clone(),
        }
    }

    /// A non-empty list of citations, or an error at `sources` saying what
    /// `kind` ("event") should cite.
    pub fn sources(&mut self, raw: Option<Spanned<Vec<RawSource>>>, kind: &str, what: &str) -> Vec<CitationRef> {
        let Some(raw) = self.required(raw, "sources", &format!("citing {what}")) else {
            return Vec::new();
        };
        if raw.get_ref().is_empty() {
            self.error(raw.span().start, format!("{kind} has no `sources`: cite {what}"));
        }
        self.citations(raw.into_inner())
    }

    /// Ends the reading: the problems found (the borrow of the source ends
    /// with it, so the document can take the source).
    pub fn done(self) -> Vec<Diagnostic> {
        self.errors
    }
}

/// `value` when no problem was found in its file, else every problem.
pub(super) fn outcome<T>(errors: Vec<Diagnostic>, value: impl FnOnce() -> T) -> Result<T, Vec<Diagnostic>> {
    if errors.is_empty() { Ok(value()) } else { Err(errors) }
}

/// The field names `T`'s `Deserialize` impl reads at the top level: a
/// deserializer that only asks a struct for its fields.
pub(super) fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Ask;
    #[derive(Debug)]
    struct Fields(&'static [&'static str]);
    impl std::fmt::Display for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "fields")
        }
    }
    impl std::error::Error for Fields {}
    impl de::Error for Fields {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Fields(&[])
        }
    }
    impl<'de> de::Deserializer<'de> for Ask {
        type Error = Fields;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], _: V) -> Result<V::Value, Fields> {
            Err(Fields(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
            newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Ask) {
        Err(Fields(fields)) => fields,
        Ok(_) => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[expect(dead_code, reason = "read only for its field list")]
    struct Example {
        title: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[test]
    fn a_structs_field_names_come_from_its_deserialize_impl() {
        assert_eq!(field_names::<Example>(), ["title", "tags"]);
    }
}
