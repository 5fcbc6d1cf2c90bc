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

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::Section;
use crate::facts;
use crate::fold::fold;
use crate::i18n::Catalog;
use crate::markdown::Rendered;
use crate::model::Dossier;

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

/// One document's distinct lowercased words, each with its positions.
type DocWords<'a> = Vec<(Cow<'a, str>, Vec<u32>)>;

fn doc_words(doc: &SearchDoc) -> DocWords<'_> {
    let mut seen: HashMap<Cow<'_, str>, Vec<u32>> = HashMap::new();
    let all = words(&doc.title).chain(words(&doc.text));
    for (position, word) in all.enumerate() {
        let lower = if word.chars().any(char::is_uppercase) {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        seen.entry(lower).or_default().push(position as u32);
    }
    seen.into_iter().collect()
}

/// One term's postings over a run of documents, delta-encoded as they will
/// be shipped, except the first document number, which is absolute: it is
/// re-based on the previous run's last document when the runs are written.
#[derive(Debug, Default)]
struct Segment {
    flat: Vec<u32>,
    last_doc: u32,
}

impl Segment {
    fn push_doc(&mut self, doc: u32) {
        self.flat.push(doc - self.last_doc);
        self.last_doc = doc;
    }
}

/// The index of one run of consecutive documents: every folded term with its
/// documents and positions, every exact form with its documents.
#[derive(Debug, Default)]
struct Partial {
    folded: Vec<(String, Segment)>,
    exact: Vec<(String, Segment)>,
}

impl Partial {
    /// Indexes `docs`, numbered from `first`. Each distinct word is folded once.
    fn build(first: u32, docs: &[SearchDoc]) -> Partial {
        let mut folded_ids: HashMap<String, u32> = HashMap::new();
        let mut exact_ids: HashMap<String, (u32, u32)> = HashMap::new();
        let mut partial = Partial::default();
        let mut merged: Vec<(u32, Vec<u32>)> = Vec::new();
        for (n, doc) in docs.iter().enumerate() {
            let doc_number = first + n as u32;
            for (word, positions) in doc_words(doc) {
                let (exact_id, folded_id) = match exact_ids.get(word.as_ref()) {
                    Some(ids) => *ids,
                    None => {
                        let term = fold(&word);
                        let next = folded_ids.len() as u32;
                        let folded_id = *folded_ids.entry(term.clone()).or_insert(next);
                        if folded_id as usize == partial.folded.len() {
                            partial.folded.push((term, Segment::default()));
                        }
                        let ids = (partial.exact.len() as u32, folded_id);
                        partial.exact.push((word.to_string(), Segment::default()));
                        exact_ids.insert(word.into_owned(), ids);
                        ids
                    }
                };
                partial.exact[exact_id as usize].1.push_doc(doc_number);
                merged.push((folded_id, positions));
            }
            partial.add_positions(doc_number, &mut merged);
        }
        partial
    }

    /// Adds one document's positions per folded term (several exact forms
    /// may fold alike) and empties `merged`.
    fn add_positions(&mut self, doc: u32, merged: &mut Vec<(u32, Vec<u32>)>) {
        merged.sort_unstable_by_key(|(id, _)| *id);
        let mut i = 0;
        while i < merged.len() {
            let folded_id = merged[i].0;
            let mut positions = std::mem::take(&mut merged[i].1);
            i += 1;
            while i < merged.len() && merged[i].0 == folded_id {
                positions.extend_from_slice(&merged[i].1);
                i += 1;
            }
            positions.sort_unstable();
            let postings = &mut self.folded[folded_id as usize].1;
            postings.push_doc(doc);
            postings.flat.push(positions.len() as u32);
            let mut previous = 0;
            for p in positions {
                postings.flat.push(p - previous);
                previous = p;
            }
        }
        merged.clear();
    }
}

/// Builds the index script for `docs`; of `ui`, the site's interface strings,
/// it ships the search box's own (`search*`). Runs of documents are indexed
/// in parallel, then their postings are written term by term, in parallel.
pub fn index_script(docs: &[SearchDoc], ui: &BTreeMap<String, String>) -> (String, IndexSize) {
    let run = docs.len().div_ceil(rayon::current_num_threads() * 4).max(64);
    index_script_in_runs(docs, ui, run)
}

fn index_script_in_runs(docs: &[SearchDoc], ui: &BTreeMap<String, String>, run: usize) -> (String, IndexSize) {
    let partials: Vec<Partial> = docs
        .par_chunks(run)
        .enumerate()
        .map(|(i, chunk)| Partial::build((i * run) as u32, chunk))
        .collect();
    let folded = merge(partials.iter().map(|p| &p.folded));
    let exact = merge(partials.iter().map(|p| &p.exact));
    let doc_rows: Vec<String> = docs
        .par_chunks(256)
        .map(|chunk| {
            let rows: Vec<[&str; 4]> = chunk.iter().map(|d| [d.kind, d.title.as_str(), d.url.as_str(), d.text.as_str()]).collect();
            let json = serde_json::to_string(&rows).expect("strings serialise");
            json[1..json.len() - 1].to_string()
        })
        .collect();
    let terms_json = write_map(&folded);
    let exact_json = write_map(&exact);
    let mut out = String::with_capacity(doc_rows.iter().map(String::len).sum::<usize>() + terms_json.len() + exact_json.len() + 1024);
    out.push_str("window.DOSSIER_SEARCH={\"version\":1,\"ui\":");
    let search_ui: BTreeMap<&String, &String> = ui.iter().filter(|(k, _)| k.starts_with("search")).collect();
    out.push_str(&serde_json::to_string(&search_ui).expect("strings serialise"));
    out.push_str(",\"docs\":[");
    for (i, rows) in doc_rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(rows);
    }
    out.push_str("],\"terms\":");
    out.push_str(&terms_json);
    out.push_str(",\"exact\":");
    out.push_str(&exact_json);
    out.push_str("};\n");
    let size = IndexSize {
        docs: docs.len(),
        terms: folded.len(),
        text_bytes: docs.iter().map(|d| d.title.len() + d.text.len()).sum(),
        index_bytes: out.len(),
    };
    (out, size)
}

/// Every term of the runs, sorted, with its segments in document order.
fn merge<'a>(runs: impl Iterator<Item = &'a Vec<(String, Segment)>>) -> Vec<(&'a str, Vec<&'a Segment>)> {
    let mut terms: HashMap<&str, Vec<&Segment>> = HashMap::new();
    for run in runs {
        for (term, segment) in run {
            terms.entry(term.as_str()).or_default().push(segment);
        }
    }
    let mut sorted: Vec<(&str, Vec<&Segment>)> = terms.into_iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    sorted
}

/// Writes `{"term":[n,…],…}` in the terms' order, so the same input gives the
/// same bytes; each segment's first document is re-based on the one before.
fn write_map(terms: &[(&str, Vec<&Segment>)]) -> String {
    let parts: Vec<String> = terms
        .par_chunks(1024)
        .map(|chunk| {
            let mut out = String::new();
            let mut digits = itoa::Buffer::new();
            for (term, segments) in chunk {
                out.push_str(&serde_json::to_string(term).expect("strings serialise"));
                out.push_str(":[");
                let mut previous_last = 0;
                for (s, segment) in segments.iter().enumerate() {
                    for (k, n) in segment.flat.iter().enumerate() {
                        if s > 0 || k > 0 {
                            out.push(',');
                        }
                        let n = if k == 0 { n - previous_last } else { *n };
                        out.push_str(digits.format(n));
                    }
                    previous_last = segment.last_doc;
                }
                out.push_str("],");
            }
            out
        })
        .collect();
    let mut out = String::with_capacity(parts.iter().map(String::len).sum::<usize>() + 2);
    out.push('{');
    for part in &parts {
        out.push_str(part);
    }
    if out.ends_with(',') {
        out.pop();
    }
    out.push('}');
    out
}

/// Everything a reader may search for: articles (title, summary, note and
/// text), events, agreements, metrics, people and free pages.
pub fn documents(dossier: &Dossier<'_>, docs: &HashMap<PathBuf, Rendered>, catalog: &Catalog) -> Vec<SearchDoc> {
    let note = |path: &Path| docs.get(path).map_or("", |d| d.text.as_str());
    let content = dossier.content;
    let mut out: Vec<SearchDoc> = dossier
        .articles
        .par_iter()
        .map(|article| {
            let seed_text = article.seed.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
            let (summary, note_text) = article.note.map_or(("", ""), |n| (n.summary.as_str(), note(&n.source.path)));
            doc("article", &article.title, article.route.file(), &[summary, note_text, &seed_text])
        })
        .collect();
    let at = |section: Section, anchor: String| facts::item_href(section, &anchor);
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
    let pages: Vec<SearchDoc> = dossier
        .pages
        .par_iter()
        .map(|page| {
            doc(
                "page",
                &page.page.title,
                page.route.file(),
                &[&page.page.description, note(&page.page.source.path)],
            )
        })
        .collect();
    out.extend(pages);
    out
}

fn doc(kind: &'static str, title: &str, url: String, parts: &[&str]) -> SearchDoc {
    let mut text = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for word in parts.iter().flat_map(|p| p.split_whitespace()) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    SearchDoc {
        kind,
        title: title.to_string(),
        url,
        text,
    }
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
    fn indexing_in_runs_gives_the_bytes_of_one_run() {
        let ui = BTreeMap::new();
        let texts = ["Hội đàm tại Seoul", "hoi dam", "HỘI ĐÀM Đà Nẵng", "", "Seoul, Đà Nẵng và Hà Nội", "hội"];
        let docs: Vec<SearchDoc> = texts.iter().enumerate().map(|(i, t)| doc(&format!("Trang {i}"), t)).collect();
        let whole = index_script_in_runs(&docs, &ui, docs.len()).0;
        for run in 1..docs.len() {
            assert_eq!(index_script_in_runs(&docs, &ui, run).0, whole, "runs of {run}");
        }
        assert_eq!(index_script_in_runs(&[], &ui, 1).0, index_script(&[], &ui).0);
    }

    #[test]
    fn the_index_is_deterministic() {
        let ui = BTreeMap::from([("search".to_string(), "Tìm".to_string())]);
        let docs = [doc("b", "z y x"), doc("a", "x y z")];
        assert_eq!(index_script(&docs, &ui).0, index_script(&docs, &ui).0);
    }
}
