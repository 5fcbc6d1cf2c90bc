//! Reading one content file's front matter into its kind's raw struct, with
//! every problem of the file found in one run: every unknown key (each at
//! its key, in inner tables too), every key set twice, every value of the
//! wrong type, every missing required field (each at its table), every bad
//! value, and no error that follows from another.
//!
//! The raw structs make their required fields `Option`, so serde reads what
//! is there and [`Fields::required`] names each field that is not; unknown
//! top-level keys are found against the struct's own field list (read from
//! its `Deserialize` impl), so no list of keys is kept by hand. Inner tables
//! deny unknown keys: serde stops at the first, which is reported, left out
//! of the table and the rest read again, as is a value of the wrong type
//! (whose field is then not also "missing").

use std::ops::Range;

use serde::de::{self, DeserializeOwned, Visitor};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{CitationRef, RawSource, Source, Unparsed};
use crate::diag::Diagnostic;
use crate::parse::config::toml_error;
use crate::parse::date::PartialDate;

/// The problems found in one file so far, and where to locate new ones.
#[derive(Debug)]
pub(super) struct Fields<'s> {
    pub source: &'s Source,
    pub errors: Vec<Diagnostic>,
    /// The keys left out because their value was wrong (already reported):
    /// the span of the table that held each (`None` for the top level), and the key.
    dropped: Vec<(Option<Range<usize>>, String)>,
}

impl<'s> Fields<'s> {
    /// Reads the front matter of `source` as `T`. Unknown top-level keys are
    /// errors at each key (and are otherwise ignored, so the rest is still
    /// read); a key set twice is an error at its second setting (the first
    /// is read); an unknown key of an inner table or a value of the wrong
    /// type is an error at it, and is left out so the rest is still read. A
    /// TOML syntax error ends the reading of the file.
    pub fn read<T: DeserializeOwned>(source: &'s Source) -> Result<(T, Fields<'s>), Vec<Diagnostic>> {
        let mut fields = Fields {
            source,
            errors: Vec::new(),
            dropped: Vec::new(),
        };
        let toml_text = &source.text[source.split.toml_start..source.split.toml_end];
        // Parsed once when the file reads as it should: its keys are checked, then it is read as `T`.
        let table = fields.parse(toml_text)?;
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
        let mut attempt = table;
        // The spans serde stopped at, each left out of the table read next.
        let mut left_out: Vec<Range<usize>> = Vec::new();
        loop {
            let e = match T::deserialize(toml::de::Deserializer::from(attempt)) {
                Ok(raw) => return Ok((raw, fields)),
                Err(e) => e,
            };
            fields
                .errors
                .push(toml_error(&source.path, &source.text, source.split.toml_start, &e));
            let Some(span) = e.span().filter(|span| !left_out.contains(span)) else {
                return Err(fields.errors);
            };
            let mut again = DeTable::parse_recoverable(toml_text).0;
            for earlier in &left_out {
                innermost(again.get_mut(), earlier);
            }
            let Some(dropped) = innermost(again.get_mut(), &span) else {
                return Err(fields.errors);
            };
            fields.dropped.push(dropped);
            left_out.push(span);
            attempt = again;
        }
    }

    /// The front matter's table ([`table`]), its keys set twice reported.
    fn parse<'t>(&mut self, toml_text: &'t str) -> Result<Spanned<DeTable<'t>>, Vec<Diagnostic>> {
        let source = self.source;
        let located = |e: &toml::de::Error| toml_error(&source.path, &source.text, source.split.toml_start, e);
        match table(toml_text) {
            Ok((table, twice)) => {
                self.errors.extend(twice.iter().map(located));
                Ok(table)
            }
            Err(syntax) => Err(vec![located(&syntax)]),
        }
    }

    /// An error at a byte offset of the front matter's TOML.
    pub fn error(&mut self, toml_offset: usize, message: impl Into<String>) {
        self.errors.push(self.source.toml_error(toml_offset, message));
    }

    /// `value` of a top-level field, or an error naming the missing field
    /// `key` and what it holds, at the front matter's start.
    pub fn required<T>(&mut self, value: Option<T>, key: &str, what: &str) -> Option<T> {
        self.required_in(value, None, key, what)
    }

    /// `value` of field `key` of the inner table at `table` (its span), or
    /// an error at the table naming the missing field. A key left out for
    /// its wrong value is not also missing.
    pub fn required_in<T>(&mut self, value: Option<T>, table: Option<Range<usize>>, key: &str, what: &str) -> Option<T> {
        let dropped = self.dropped.iter().any(|(t, k)| *t == table && k == key);
        if value.is_none() && !dropped {
            let at = table.map_or(0, |t| t.start);
            self.error(at, format!("missing field `{key}`: add `{key} = …`, {what}"));
        }
        value
    }

    /// Reads a date value, or reports where it is wrong.
    pub fn date(&mut self, value: &Spanned<toml::Value>) -> Option<PartialDate> {
        PartialDate::from_toml(value.get_ref())
            .map_err(|e| self.error(value.span().start, e))
            .ok()
    }

    /// Citations as written, each located at its quote; a source without
    /// its `seed` or `quote` is an error at it.
    pub fn citations(&mut self, raw: Vec<Spanned<RawSource>>) -> Vec<CitationRef> {
        raw.into_iter()
            .filter_map(|r| {
                let at = Some(r.span());
                let r = r.into_inner();
                let seed = self.required_in(r.seed, at.clone(), "seed", "the seed it quotes (`004`)");
                let quote = self.required_in(r.quote, at, "quote", "the seed's words, exactly");
                Some(self.citation(seed?, quote?))
            })
            .collect()
    }

    pub fn citation(&self, seed: Spanned<String>, quote: Spanned<String>) -> CitationRef {
        CitationRef {
            position: self.source.toml_pos(quote.span().start),
            seed: seed.into_inner(),
            quote: quote.into_inner(),
            path: self.source.path.clone(),
            translation: None,
        }
    }

    /// A non-empty list of citations, or an error at `sources` (or, when it
    /// is missing, at `table`, the span of the table that should hold it)
    /// saying what `kind` ("event") should cite.
    pub fn sources(
        &mut self,
        raw: Option<Spanned<Vec<Spanned<RawSource>>>>,
        table: Option<Range<usize>>,
        kind: &str,
        what: &str,
    ) -> Vec<CitationRef> {
        let Some(raw) = self.required_in(raw, table, "sources", &format!("citing {what}")) else {
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

/// `value` when no problem was found in its file, else every problem (for
/// a kind that names no other file).
pub(super) fn outcome<T>(errors: Vec<Diagnostic>, value: impl FnOnce() -> T) -> Result<T, Unparsed> {
    if errors.is_empty() { Ok(value()) } else { Err(errors.into()) }
}

/// A front matter's table, and the errors of the keys it sets twice (the
/// first setting of each is kept, so the rest can be read); any other
/// syntax error is the whole answer, alone (what follows it may not be read
/// as written).
pub(super) fn table(toml_text: &str) -> Result<(Spanned<DeTable<'_>>, Vec<toml::de::Error>), toml::de::Error> {
    if let Ok(table) = DeTable::parse(toml_text) {
        return Ok((table, Vec::new()));
    }
    let (table, errors) = DeTable::parse_recoverable(toml_text);
    match errors.iter().position(|e| e.message() != "duplicate key") {
        Some(syntax) => Err(errors.into_iter().nth(syntax).expect("the position is in the list")),
        None => Ok((table, errors)),
    }
}

/// One step of the way to a key: a table's key or an array's index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Removes from `table` the key at `span`, or else the innermost key whose
/// value holds `span`; returns the span of the table that held it (`None`
/// for the top level) and its name.
fn innermost(table: &mut DeTable<'_>, span: &Range<usize>) -> Option<(Option<Range<usize>>, String)> {
    let mut best = None;
    walk_table(table, span, &mut Vec::new(), &mut best);
    let (_, _, path) = best?;
    let Some(Step::Key(name)) = path.last() else { return None };
    let held_in = match path.as_slice() {
        [Step::Key(_)] => table.remove(name.as_str()).map(|_| None)?,
        [Step::Key(key), rest @ ..] => Some(remove_in(table.get_mut(key.as_str())?, rest)?),
        _ => return None,
    };
    Some((held_in, name.clone()))
}

/// Removes the key at the end of `path` under `value`; returns the span of
/// the table that held it.
fn remove_in(value: &mut Spanned<DeValue<'_>>, path: &[Step]) -> Option<Range<usize>> {
    let span = value.span();
    match (value.get_mut(), path) {
        (DeValue::Table(table), [Step::Key(name)]) => table.remove(name.as_str()).map(|_| span),
        (DeValue::Table(table), [Step::Key(key), rest @ ..]) => remove_in(table.get_mut(key.as_str())?, rest),
        (DeValue::Array(items), [Step::Index(i), rest @ ..]) => remove_in(items.get_mut(*i)?, rest),
        _ => None,
    }
}

/// Finds, under `table`, the best way to the key serde stopped at: a key at
/// `span` first, else the deepest key whose value holds it (exact, depth, way).
fn walk_table(table: &DeTable<'_>, span: &Range<usize>, path: &mut Vec<Step>, best: &mut Option<(bool, usize, Vec<Step>)>) {
    for (key, value) in table.iter() {
        path.push(Step::Key(key.get_ref().to_string()));
        let exact = key.span() == *span;
        let holds = value.span().start <= span.start && span.end <= value.span().end;
        if (exact || holds) && best.as_ref().is_none_or(|(e, depth, _)| (exact, path.len()) > (*e, *depth)) {
            *best = Some((exact, path.len(), path.clone()));
        }
        walk_value(value.get_ref(), span, path, best);
        path.pop();
    }
}

fn walk_value(value: &DeValue<'_>, span: &Range<usize>, path: &mut Vec<Step>, best: &mut Option<(bool, usize, Vec<Step>)>) {
    match value {
        DeValue::Table(table) => walk_table(table, span, path, best),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk_value(item.get_ref(), span, path, best);
                path.pop();
            }
        }
        _ => {}
    }
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
