//! The search index, built at build time and shipped as a script file.
//!
//! Loading the index as `<script src="search-index.js">` (not `fetch`) is what
//! lets search work from `file://`, under a sub-path and on any static host.
//! Terms are folded (`Đà Nẵng` → `da nang`, see `fold`) so a query without
//! diacritics finds them; each folded term keeps its positions for phrase
//! ranking, and each exact (lowercased) form its documents, so that matches
//! with the diacritics the user typed rank first. The browser tokenises and
//! folds queries the same way (`static/assets/search.js`); both are tested on
//! one shared list of cases.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::content::Section;
use crate::facts;
use crate::fold::fold;
use crate::i18n::Catalog;
use crate::markdown::Rendered;
use crate::model::Dossier;
use crate::route::Route;

/// Site path of the index script.
pub const INDEX_FILE: &str = "search-index.js";

/// One searchable thing: an article, an event, an agreement, a figure…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// What it is: `article`, `event`, `agreement`, `metric`, `person`, `page`.
    pub kind: &'static str,
    pub title: String,
    /// Site path, with a fragment where the item lives on a shared page.
    pub url: String,
    /// Its text, white space collapsed: what is searched and what snippets show.
    pub text: String,
}

/// The index as it is serialised for the browser.
#[derive(Debug, Serialize)]
struct Index<'a> {
    version: u32,
    ui: &'a BTreeMap<String, String>,
    /// `[kind, title, url, text]` per document.
    docs: Vec<[&'a str; 4]>,
    /// Folded term → flat postings: doc delta, count, then that many position deltas.
    terms: BTreeMap<String, Vec<u32>>,
    /// Exact (lowercased) term → doc deltas.
    exact: BTreeMap<String, Vec<u32>>,
}

/// The words of `text` as the index and the browser cut them: runs of letters
/// and digits (`\p{Alphabetic}` and `\p{N}`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Sizes of an index, for the build's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexSize {
    pub docs: usize,
    pub terms: usize,
    /// Bytes of the documents' titles and texts.
    pub text_bytes: usize,
    /// Bytes of the index script.
    pub index_bytes: usize,
}

/// Builds the index script for `docs`; `ui` are the interface strings the
/// search box shows (the site's language).
pub fn index_script(docs: &[SearchDoc], ui: &BTreeMap<String, String>) -> (String, IndexSize) {
    let mut terms: BTreeMap<String, Vec<(u32, Vec<u32>)>> = BTreeMap::new();
    let mut exact: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        let id = id as u32;
        let mut positions: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let title_and_text = format!("{} {}", doc.title, doc.text);
        for (position, word) in words(&title_and_text).enumerate() {
            let lower = word.to_lowercase();
            positions.entry(fold(&lower)).or_default().push(position as u32);
            let docs_of_word = exact.entry(lower).or_default();
            if docs_of_word.last() != Some(&id) {
                docs_of_word.push(id);
            }
        }
        for (term, found) in positions {
            terms.entry(term).or_default().push((id, found));
        }
    }
    let index = Index {
        version: 1,
        ui,
        docs: docs
            .iter()
            .map(|d| [d.kind, d.title.as_str(), d.url.as_str(), d.text.as_str()])
            .collect(),
        terms: terms.into_iter().map(|(t, postings)| (t, encode_postings(&postings))).collect(),
        exact: exact.into_iter().map(|(t, ids)| (t, deltas(&ids))).collect(),
    };
    let json = serde_json::to_string(&index).expect("the index serialises");
    let script = format!("window.DOSSIER_SEARCH={json};\n");
    let size = IndexSize {
        docs: docs.len(),
        terms: index.terms.len(),
        text_bytes: docs.iter().map(|d| d.title.len() + d.text.len()).sum(),
        index_bytes: script.len(),
    };
    (script, size)
}

fn deltas(values: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    values
        .iter()
        .map(|&v| {
            let d = v - previous;
            previous = v;
            d
        })
        .collect()
}

fn encode_postings(postings: &[(u32, Vec<u32>)]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut previous_doc = 0;
    for (doc, positions) in postings {
        out.push(doc - previous_doc);
        previous_doc = *doc;
        out.push(positions.len() as u32);
        out.extend(deltas(positions));
    }
    out
}

/// Everything a reader may search for: articles (title, summary, note and
/// text), events, agreements, metrics, people and free pages.
pub fn documents(dossier: &Dossier<'_>, docs: &HashMap<PathBuf, Rendered>, catalog: &Catalog) -> Vec<SearchDoc> {
    let note = |path: &Path| docs.get(path).map_or("", |d| d.text.as_str());
    let content = dossier.content;
    let mut out = Vec::new();
    for article in &dossier.articles {
        let seed_text = article.seed.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
        let (summary, note_text) = article.note.map_or(("", ""), |n| (n.summary.as_str(), note(&n.source.path)));
        out.push(doc(
            "article",
            &article.title,
            article.route.file(),
            &[summary, note_text, &seed_text],
        ));
    }
    let at = |section: Section, anchor: String| format!("{}#{anchor}", Route::from_parts(&[section.dir()]).file());
    for e in &content.events {
        let date = catalog.format_date(&e.date);
        let fields = [
            date.as_str(),
            e.time.as_deref().unwrap_or(""),
            e.place.as_deref().unwrap_or(""),
            &e.summary,
            note(&e.source.path),
        ];
        out.push(doc("event", &e.title, at(Section::Timeline, facts::event_anchor(e)), &fields));
    }
    for a in &content.agreements {
        let parties = a.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
        out.push(doc(
            "agreement",
            &a.title,
            at(Section::Agreements, facts::agreement_anchor(a)),
            &[&a.field, &parties, note(&a.source.path)],
        ));
    }
    for m in &content.metrics {
        let values = m
            .observations
            .iter()
            .map(|o| format!("{} {}", o.display, o.period.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join("; ");
        let fields = [
            m.category.as_str(),
            &values,
            m.discrepancy_note.as_deref().unwrap_or(""),
            note(&m.source.path),
        ];
        out.push(doc("metric", &m.label, at(Section::Statistics, facts::metric_anchor(m)), &fields));
    }
    for p in &content.people {
        let fields = [p.aliases.join(", ").as_str(), &p.role, note(&p.source.path)].map(str::to_string);
        out.push(doc(
            "person",
            &p.name,
            at(Section::People, facts::person_anchor(p)),
            &fields.each_ref().map(String::as_str),
        ));
    }
    for page in &dossier.pages {
        out.push(doc(
            "page",
            &page.page.title,
            page.route.file(),
            &[&page.page.description, note(&page.page.source.path)],
        ));
    }
    out
}

fn doc(kind: &'static str, title: &str, url: String, parts: &[&str]) -> SearchDoc {
    let text = parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ");
    SearchDoc {
        kind,
        title: title.to_string(),
        url,
        text: collapse(&text),
    }
}

/// White space runs to single spaces.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> SearchDoc {
        SearchDoc {
            kind: "page",
            title: title.into(),
            url: "a/index.html".into(),
            text: text.into(),
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(
            words("Đà Nẵng, 81,5 tỷ USD (Lee Jae-myung)").collect::<Vec<_>>(),
            ["Đà", "Nẵng", "81", "5", "tỷ", "USD", "Lee", "Jae", "myung"]
        );
    }

    #[test]
    fn folded_terms_keep_positions_and_exact_forms_their_documents() {
        let ui = BTreeMap::new();
        let (script, size) = index_script(&[doc("Hội đàm", "hội đàm tại Đà Nẵng"), doc("Hoi", "hoi dam")], &ui);
        let json: serde_json::Value =
            serde_json::from_str(script.strip_prefix("window.DOSSIER_SEARCH=").unwrap().trim_end_matches(";\n")).unwrap();
        assert_eq!(
            json["terms"]["hoi"],
            serde_json::json!([0, 2, 0, 2, 1, 2, 0, 1]),
            "doc 0 at 0 and 2; doc 1 at 0 and 1"
        );
        assert_eq!(json["terms"]["da"], serde_json::json!([0, 1, 5]), "the title's words come first");
        assert_eq!(json["exact"]["hội"], serde_json::json!([0]));
        assert_eq!(json["exact"]["hoi"], serde_json::json!([1]));
        assert_eq!(json["docs"][1], serde_json::json!(["page", "Hoi", "a/index.html", "hoi dam"]));
        assert_eq!(size.docs, 2);
        assert_eq!(size.text_bytes, "Hội đàm".len() + "hội đàm tại Đà Nẵng".len() + 3 + 7);
    }

    #[test]
    fn the_index_is_deterministic() {
        let ui = BTreeMap::from([("search".to_string(), "Tìm".to_string())]);
        let docs = [doc("b", "z y x"), doc("a", "x y z")];
        assert_eq!(index_script(&docs, &ui).0, index_script(&docs, &ui).0);
    }
}
