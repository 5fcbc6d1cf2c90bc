//! A person or an organisation the seeds name (`content/people/<id>.md`):
//! the name, the other spellings a seed may use, a role and a country.

use serde::Deserialize;
use toml::Spanned;

use super::fields::{Fields, outcome};
use super::{Source, Unparsed};
use crate::text::country;

#[derive(Debug, Deserialize)]
struct RawPerson {
    name: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    kind: Option<Spanned<String>>,
    #[serde(default)]
    role: String,
    country: Option<Spanned<String>>,
}

/// Whether an entry of `content/people/` is a person or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonKind {
    Person,
    Organisation,
}

/// A person or organisation the seeds mention.
#[derive(Debug, Clone)]
pub struct Person {
    pub source: Source,
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Where the name and then each alias are written.
    pub name_positions: Vec<(usize, usize)>,
    pub kind: PersonKind,
    pub role: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
}

impl Person {
    /// The name, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

pub(super) fn parse(source: Source) -> Result<Person, Unparsed> {
    let (raw, mut f) = Fields::read::<RawPerson>(&source)?;
    let name = f.required(raw.name, "name", "the name as the seeds write it");
    let kind = f
        .required(raw.kind, "kind", "`person` or `organisation`")
        .map(|kind| match kind.get_ref().as_str() {
            "person" => PersonKind::Person,
            "organisation" | "organization" => PersonKind::Organisation,
            other => {
                f.error(kind.span().start, format!("unknown kind `{other}`: use `person` or `organisation`"));
                PersonKind::Person
            }
        });
    if let Some(code) = &raw.country {
        if let Err(unknown) = country::check(code.get_ref()) {
            f.error(code.span().start, unknown.to_string());
        }
    }
    let name_positions = name.iter().chain(&raw.aliases).map(|n| source.toml_pos(n.span().start)).collect();
    outcome(f.done(), || Person {
        id: source.stem(),
        name: name.map(Spanned::into_inner).unwrap_or_default(),
        aliases: raw.aliases.into_iter().map(Spanned::into_inner).collect(),
        name_positions,
        kind: kind.unwrap_or(PersonKind::Person),
        role: raw.role,
        country: raw.country.map(Spanned::into_inner),
        source,
    })
}
