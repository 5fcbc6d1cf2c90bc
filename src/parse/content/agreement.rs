//! A cooperation document (`content/agreements/*.md`): its title, what sort
//! of document it is, its field, its date, its parties with their
//! countries, and the sentences that report it.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::fields::Fields;
use super::{CitationRef, Named, RawSource, Source, Unparsed};
use crate::parse::date::{Basis, PartialDate};
use crate::text::country;

#[derive(Debug, Deserialize)]
struct RawAgreement {
    title: Option<String>,
    kind: Option<Spanned<String>>,
    field: Option<String>,
    date: Option<Spanned<toml::Value>>,
    date_inferred: Option<String>,
    parties: Option<Spanned<Vec<Spanned<RawParty>>>>,
    sources: Option<Spanned<Vec<Spanned<RawSource>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParty {
    name: Option<Spanned<String>>,
    country: Option<Spanned<String>>,
}

/// A signing body and its country (ISO 3166-1 alpha-2, e.g. `VN`).
#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub name: String,
    pub country: String,
    /// Where its name is written.
    #[serde(skip)]
    pub position: (usize, usize),
}

/// What sort of document an agreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    Memorandum,
    Agreement,
    Amendment,
    Treaty,
    Declaration,
    Contract,
    Plan,
}

impl AgreementKind {
    pub const ALL: [AgreementKind; 7] = [
        AgreementKind::Memorandum,
        AgreementKind::Agreement,
        AgreementKind::Amendment,
        AgreementKind::Treaty,
        AgreementKind::Declaration,
        AgreementKind::Contract,
        AgreementKind::Plan,
    ];

    /// The name front matter and exports use: `memorandum`.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementKind::Memorandum => "memorandum",
            AgreementKind::Agreement => "agreement",
            AgreementKind::Amendment => "amendment",
            AgreementKind::Treaty => "treaty",
            AgreementKind::Declaration => "declaration",
            AgreementKind::Contract => "contract",
            AgreementKind::Plan => "plan",
        }
    }

    fn parse(name: &str) -> Option<AgreementKind> {
        AgreementKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// One cooperation document.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub source: Source,
    pub id: String,
    pub title: String,
    pub kind: AgreementKind,
    pub field: String,
    pub date: Option<PartialDate>,
    /// Where `date` is written (the front matter's start when it is not).
    pub date_position: (usize, usize),
    pub date_basis: Basis,
    pub parties: Vec<Party>,
    pub sources: Vec<CitationRef>,
}

pub(super) fn parse(source: Source) -> Result<Agreement, Unparsed> {
    let (raw, mut f) = Fields::read::<RawAgreement>(&source)?;
    let title = f.required(raw.title, "title", "the document's title");
    let field = f.required(raw.field, "field", "the field it covers");
    let kind = f.required(raw.kind, "kind", "`memorandum`, `agreement`, …").map(|kind| {
        AgreementKind::parse(kind.get_ref()).unwrap_or_else(|| {
            let names: Vec<&str> = AgreementKind::ALL.iter().map(|k| k.as_str()).collect();
            f.error(
                kind.span().start,
                match crate::text::suggest::did_you_mean(kind.get_ref(), names.iter().copied()) {
                    Some(suggestion) => format!("unknown kind `{}`: {suggestion}", kind.get_ref()),
                    None => format!("unknown kind `{}`: use one of {}", kind.get_ref(), names.join(", ")),
                },
            );
            AgreementKind::Agreement
        })
    });
    let date_position = source.toml_pos(raw.date.as_ref().map_or(0, |d| d.span().start));
    let date = raw.date.as_ref().and_then(|d| f.date(d));
    let parties = parties(&mut f, raw.parties);
    let sources = f.sources(raw.sources, None, "agreement", "the sentence that reports it");
    let errors = f.done();
    if !errors.is_empty() {
        let named = Named {
            citations: sources,
            ids: Vec::new(),
        };
        return Err(Unparsed { errors, named });
    }
    Ok(Agreement {
        id: source.stem(),
        title: title.unwrap_or_default(),
        kind: kind.unwrap_or(AgreementKind::Agreement),
        field: field.unwrap_or_default(),
        date,
        date_position,
        date_basis: Basis::from_field(raw.date_inferred),
        parties,
        sources,
        source,
    })
}

/// The parties, each with a valid country code; at least one.
fn parties(f: &mut Fields<'_>, raw: Option<Spanned<Vec<Spanned<RawParty>>>>) -> Vec<Party> {
    let Some(raw) = f.required(raw, "parties", "`[{ name = \"…\", country = \"VN\" }]`") else {
        return Vec::new();
    };
    if raw.get_ref().is_empty() {
        f.error(raw.span().start, "agreement has no `parties`: name who signs it");
    }
    raw.into_inner()
        .into_iter()
        .filter_map(|p| {
            let at = Some(p.span());
            let p = p.into_inner();
            let name = f.required_in(p.name, at.clone(), "name", "who signs it, as the quote names it");
            let code = f.required_in(p.country, at, "country", "its country's ISO code (`VN`, `KR`)");
            if let Some(code) = &code {
                if let Err(unknown) = country::check(code.get_ref()) {
                    f.error(code.span().start, unknown.to_string());
                }
            }
            let (name, code) = (name?, code?);
            Some(Party {
                position: f.source.toml_pos(name.span().start),
                name: name.into_inner(),
                country: code.into_inner(),
            })
        })
        .collect()
}
