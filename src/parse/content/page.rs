//! A free page (`content/about.md` → `/about/`) or a section's intro
//! (`content/timeline/_index.md`): a title, a description and a body.

use serde::Deserialize;

use super::fields::{Fields, outcome};
use super::{Source, Unparsed};

#[derive(Debug, Deserialize)]
struct RawPage {
    title: Option<String>,
    #[serde(default)]
    description: String,
    /// Accepted so that pages written for Zola or Hugo build unchanged; not shown.
    #[serde(default)]
    #[expect(dead_code, reason = "read for compatibility with Zola/Hugo front matter")]
    date: Option<toml::Value>,
}

/// A free page or a section intro.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: Source,
    pub title: String,
    pub description: String,
}

pub(super) fn parse(source: Source) -> Result<Page, Unparsed> {
    let (raw, mut f) = Fields::read::<RawPage>(&source)?;
    let title = f.required(raw.title, "title", "the page's title");
    outcome(f.done(), || Page {
        title: title.unwrap_or_default(),
        description: raw.description,
        source,
    })
}
