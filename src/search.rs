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

use rayon::prelude::*;
use rustc_hash::FxHashMap;

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
    text.split(|c: char| !crate::fold::is_word_char(c)).filter(|w| !w.is_empty())
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
/// documents and positions, every exact (lowercased) form with its documents.
#[derive(Debug, Default)]
struct Partial {
    folded: Vec<(String, Segment)>,
    exact: Vec<(String, Segment)>,
}

/// What a word, as written, indexes under: its exact form and folded term.
#[derive(Debug, Clone, Copy)]
struct WordIds {
    exact: u32,
    folded: u32,
}

impl Partial {
    /// Indexes `docs`, numbered from `first`. Each spelling of a word is
    /// lowercased and folded once per run.
    fn build(first: u32, docs: &[SearchDoc]) -> Partial {
        let mut by_spelling: FxHashMap<&str, WordIds> = FxHashMap::default();
        let mut exact_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut folded_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut partial = Partial::default();
        // The document each exact form was last seen in, plus one.
        let mut exact_seen: Vec<u32> = Vec::new();
        // (folded term, position) of every word of the current document.
        let mut occurrences: Vec<(u32, u32)> = Vec::new();
        for (n, doc) in docs.iter().enumerate() {
            let doc_number = first + n as u32;
            let all = words(&doc.title).chain(words(&doc.text));
            for (position, word) in all.enumerate() {
                let ids = *by_spelling.entry(word).or_insert_with(|| {
                    let lower = if word.chars().any(char::is_uppercase) {
                        word.to_lowercase()
                    } else {
                        word.to_string()
                    };
                    let folded = fold(&lower);
                    let next = folded_ids.len() as u32;
                    let folded_id = *folded_ids.entry(folded.clone()).or_insert(next);
                    if folded_id == next {
                        partial.folded.push((folded, Segment::default()));
                    }
                    let next = exact_ids.len() as u32;
                    let exact_id = *exact_ids.entry(lower.clone()).or_insert(next);
                    if exact_id == next {
                        partial.exact.push((lower, Segment::default()));
                        exact_seen.push(0);
                    }
                    WordIds {
                        exact: exact_id,
                        folded: folded_id,
                    }
                });
                let seen = &mut exact_seen[ids.exact as usize];
                if *seen != doc_number + 1 {
                    *seen = doc_number + 1;
                    partial.exact[ids.exact as usize].1.push_doc(doc_number);
                }
                occurrences.push((ids.folded, position as u32));
            }
            partial.add_positions(doc_number, &mut occurrences);
        }
        partial
    }

    /// Adds one document's positions, grouped by folded term (several
    /// spellings may fold alike), and empties `occurrences`.
    fn add_positions(&mut self, doc: u32, occurrences: &mut Vec<(u32, u32)>) {
        occurrences.sort_unstable();
        for group in occurrences.chunk_by(|a, b| a.0 == b.0) {
            let postings = &mut self.folded[group[0].0 as usize].1;
            postings.push_doc(doc);
            postings.flat.push(group.len() as u32);
            let mut previous = 0;
            for &(_, p) in group {
                postings.flat.push(p - previous);
                previous = p;
            }
        }
        occurrences.clear();
    }
}

/// Builds the index script for `docs`; of `ui`, the site's interface strings,
/// it ships the search box's own (`search*`). Runs of documents are indexed
/// in parallel, then their postings are written term by term, in parallel.
pub fn index_script(docs: &[SearchDoc], ui: &BTreeMap<String, String>) -> (IndexScript, IndexSize) {
    let run = docs.len().div_ceil(rayon::current_num_threads() * 4).max(64);
    index_script_in_runs(docs, ui, run)
}

fn index_script_in_runs(docs: &[SearchDoc], ui: &BTreeMap<String, String>, run: usize) -> (IndexScript, IndexSize) {
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
            let rows: Vec<[&str; 4]> = chunk
                .iter()
                .map(|d| [d.kind, d.title.as_str(), d.url.as_str(), d.text.as_str()])
                .collect();
            let json = serde_json::to_string(&rows).expect("strings serialise");
            json[1..json.len() - 1].to_string()
        })
        .collect();
    let search_ui: BTreeMap<&String, &String> = ui.iter().filter(|(k, _)| k.starts_with("search")).collect();
    let mut parts = vec![format!(
        "window.DOSSIER_SEARCH={{\"version\":1,\"ui\":{},\"docs\":[",
        serde_json::to_string(&search_ui).expect("strings serialise")
    )];
    for (i, rows) in doc_rows.into_iter().enumerate() {
        parts.push(if i == 0 { rows } else { format!(",{rows}") });
    }
    parts.push("],\"terms\":".to_string());
    parts.extend(write_map(&folded));
    parts.push(",\"exact\":".to_string());
    parts.extend(write_map(&exact));
    parts.push("};\n".to_string());
    let script = IndexScript { parts };
    let size = IndexSize {
        docs: docs.len(),
        terms: folded.len(),
        text_bytes: docs.iter().map(|d| d.title.len() + d.text.len()).sum(),
        index_bytes: script.len(),
    };
    (script, size)
}

/// Every term of the runs, sorted, with its segments in document order.
fn merge<'a>(runs: impl Iterator<Item = &'a Vec<(String, Segment)>>) -> Vec<(&'a str, Vec<&'a Segment>)> {
    let mut terms: FxHashMap<&str, Vec<&Segment>> = FxHashMap::default();
    for run in runs {
        for (term, segment) in run {
            terms.entry(term.as_str()).or_default().push(segment);
        }
    }
    let mut sorted: Vec<(&str, Vec<&Segment>)> = terms.into_iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    sorted
}

/// Writes `{"term":[n,…],…}` in the terms' order (so the same input gives
/// the same bytes), in parts; each segment's first document is re-based on
/// the one before.
fn write_map(terms: &[(&str, Vec<&Segment>)]) -> Vec<String> {
    let mut parts: Vec<String> = terms
        .par_chunks(1024)
        .enumerate()
        .map(|(c, chunk)| {
            let mut out = String::new();
            let mut digits = itoa::Buffer::new();
            for (i, (term, segments)) in chunk.iter().enumerate() {
                out.push_str(if c == 0 && i == 0 { "{" } else { "," });
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
                out.push(']');
            }
            out
        })
        .collect();
    if parts.is_empty() {
        parts.push("{".to_string());
    }
    parts.push("}".to_string());
    parts
}

/// The index script, in the parts it was built in: written one after the
/// other, never joined, so the whole script is not held twice.
#[derive(Debug)]
pub struct IndexScript {
    pub parts: Vec<String>,
}

impl IndexScript {
    /// Its size in bytes.
    pub fn len(&self) -> usize {
        self.parts.iter().map(String::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole script.
    #[cfg(test)]
    fn joined(&self) -> String {
        self.parts.concat()
    }
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
        let script = script.joined();
        assert_eq!(size.index_bytes, script.len());
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
        let texts = [
            "Hội đàm tại Seoul",
            "hoi dam",
            "HỘI ĐÀM Đà Nẵng",
            "",
            "Seoul, Đà Nẵng và Hà Nội",
            "hội",
        ];
        let docs: Vec<SearchDoc> = texts.iter().enumerate().map(|(i, t)| doc(&format!("Trang {i}"), t)).collect();
        let whole = index_script_in_runs(&docs, &ui, docs.len()).0.joined();
        for run in 1..docs.len() {
            assert_eq!(index_script_in_runs(&docs, &ui, run).0.joined(), whole, "runs of {run}");
        }
        assert_eq!(index_script_in_runs(&[], &ui, 1).0.joined(), index_script(&[], &ui).0.joined());
    }

    #[test]
    fn the_index_is_deterministic() {
        let ui = BTreeMap::from([("search".to_string(), "Tìm".to_string())]);
        let docs = [doc("b", "z y x"), doc("a", "x y z")];
        assert_eq!(index_script(&docs, &ui).0.joined(), index_script(&docs, &ui).0.joined());
    }
}
