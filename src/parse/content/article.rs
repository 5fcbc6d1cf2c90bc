//! An analyst's note on one seed (`content/articles/<seed stem>.md`): its
//! title, summary and tags, where the original was published, and the slug
//! of its page.

use serde::Deserialize;
use toml::Spanned;

use super::fields::{Fields, outcome};
use super::{Source, Unparsed};
use crate::parse::date::PartialDate;
use crate::text::slug::slugify;

#[derive(Debug, Deserialize)]
struct RawArticle {
    title: Option<String>,
    outlet: Option<String>,
    url: Option<Spanned<String>>,
    published: Option<Spanned<toml::Value>>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    tags: Vec<String>,
    slug: Option<Spanned<String>>,
}

/// An analyst's note on one seed.
#[derive(Debug, Clone)]
pub struct ArticleNote {
    pub source: Source,
    pub seed_stem: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub summary: String,
    pub tags: Vec<String>,
    pub slug: Option<String>,
}

pub(super) fn parse(source: Source) -> Result<ArticleNote, Unparsed> {
    let (raw, mut f) = Fields::read::<RawArticle>(&source)?;
    let title = f.required(raw.title, "title", "the article's title in the dossier");
    if let Some(url) = &raw.url {
        check_url(&mut f, url);
    }
    let published = raw.published.as_ref().and_then(|p| f.date(p));
    let slug = raw.slug.map(|s| {
        let wanted = slugify(s.get_ref());
        if wanted != *s.get_ref() || wanted.is_empty() {
            let advice = if wanted.is_empty() {
                "write one with letters or digits".to_string()
            } else {
                format!("use `{wanted}`")
            };
            f.error(s.span().start, format!("slug `{}` is not a slug: {advice}", s.get_ref()));
        }
        s.into_inner()
    });
    outcome(f.done(), || ArticleNote {
        seed_stem: source.stem(),
        title: title.unwrap_or_default(),
        outlet: raw.outlet,
        url: raw.url.map(Spanned::into_inner),
        published,
        summary: raw.summary,
        tags: raw.tags,
        slug,
        source,
    })
}

/// Links in front matter may be http(s) or relative; nothing else (no
/// `javascript:`, and no `//host/…`, which a browser reads as another host).
fn check_url(f: &mut Fields<'_>, url: &Spanned<String>) {
    let value = url.get_ref().trim();
    let seen: String = value.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let scheme = seen.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let other_host = seen.starts_with(['/', '\\']) && seen[1..].starts_with(['/', '\\']);
    let relative = scheme.as_ref().is_none_or(|s| s.contains('/')) && !other_host;
    let web = seen
        .split_once("://")
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"));
    if !(relative || web) {
        f.error(url.span().start, format!("url `{value}` must start with `https://` or `http://`"));
    }
}
