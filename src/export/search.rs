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
use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::disk::output::Sink;
use crate::parse::content::Metric;
use crate::parse::i18n::Catalog;
use crate::resolve::citation::Citation;
use crate::resolve::model::{Dossier, Edition, Fact, ItemKind};
use crate::text::fold::fold;

/// Site path of the index script.
pub const INDEX_FILE: &str = "search-index.js";

/// One searchable thing: an article, an event, an agreement, a figure…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc<'a> {
    /// What it is: an article, an event, an agreement, a metric, a person, a page.
    pub kind: ItemKind,
    pub title: String,
    /// Site path, with a fragment where the item lives on a shared page.
    pub url: String,
    /// Its text in fields (summary, note, …), mostly borrowed from the
    /// rendered bodies: what is searched and, joined, what snippets show.
    pub fields: Vec<Cow<'a, str>>,
}

impl SearchDoc<'_> {
    /// Its text as shipped: the fields' words, white space collapsed to
    /// single spaces.
    fn text(&self) -> String {
        let mut out = String::new();
        for word in self.fields.iter().flat_map(|f| f.split_whitespace()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    /// The words it is indexed under: its title's, then its text's.
    fn words(&self) -> impl Iterator<Item = &str> {
        words(&self.title).chain(self.fields.iter().flat_map(|f| words(f)))
    }
}

/// The words of `text` as the index and the browser cut them: runs of letters
/// and digits (`\p{Alphabetic}` and `\p{N}`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !crate::text::fold::is_word_char(c)).filter(|w| !w.is_empty())
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

/// One term's postings over a run of documents, delta-encoded and already
/// formatted as the JSON numbers they ship as, except the first document
/// number: kept absolute, it is re-based on the previous run's last
/// document when the runs are written.
#[derive(Debug, Default)]
struct Segment {
    first_doc: Option<u32>,
    /// `,n` for every number after the first document.
    rest: String,
    last_doc: u32,
}

impl Segment {
    fn push_doc(&mut self, doc: u32) {
        match self.first_doc {
            None => self.first_doc = Some(doc),
            Some(_) => self.push(doc - self.last_doc),
        }
        self.last_doc = doc;
    }

    fn push(&mut self, n: u32) {
        self.rest.push(',');
        self.rest.push_str(itoa::Buffer::new().format(n));
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
    fn build(first: u32, docs: &[SearchDoc<'_>]) -> Partial {
        let mut by_spelling: FxHashMap<&str, WordIds> = FxHashMap::default();
        let mut exact_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut folded_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut partial = Partial::default();
        // The document each exact form was last seen in, plus one.
        let mut exact_seen: Vec<u32> = Vec::new();
        // The positions of each folded term in the current document, and
        // the terms the document has so far.
        let mut positions: Vec<Vec<u32>> = Vec::new();
        let mut present: Vec<u32> = Vec::new();
        for (n, doc) in docs.iter().enumerate() {
            let doc_number = first + n as u32;
            for (position, word) in doc.words().enumerate() {
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
                        positions.push(Vec::new());
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
                let at = &mut positions[ids.folded as usize];
                if at.is_empty() {
                    present.push(ids.folded);
                }
                at.push(position as u32);
            }
            // Several spellings may fold alike: their positions are one term's.
            for term in present.drain(..) {
                let at = &mut positions[term as usize];
                let postings = &mut partial.folded[term as usize].1;
                postings.push_doc(doc_number);
                postings.push(at.len() as u32);
                let mut previous = 0;
                for &p in at.iter() {
                    postings.push(p - previous);
                    previous = p;
                }
                at.clear();
            }
        }
        partial
    }
}

/// Writes the index script for `docs` to `out`; of `ui`, the site's
/// interface strings, it ships the search box's own (`search*`). Runs of
/// documents are indexed in parallel, their postings formatted as they are
/// found; the documents' rows are formatted in parallel batches; all is
/// written as it goes, so the script is never held whole.
pub fn write_index(docs: &[SearchDoc<'_>], ui: &BTreeMap<String, String>, out: &mut dyn Write) -> io::Result<IndexSize> {
    let run = docs.len().div_ceil(rayon::current_num_threads() * 4).max(64);
    write_index_in_runs(docs, ui, run, out)
}

/// Documents formatted per parallel task.
const DOCS_PER_TASK: usize = 128;
/// Tasks formatted before their text is written out.
const TASKS_PER_BATCH: usize = 8;

fn write_index_in_runs(docs: &[SearchDoc<'_>], ui: &BTreeMap<String, String>, run: usize, out: &mut dyn Write) -> io::Result<IndexSize> {
    let partials: Vec<Partial> = docs
        .par_chunks(run)
        .enumerate()
        .map(|(i, chunk)| Partial::build((i * run) as u32, chunk))
        .collect();
    let folded = merge(partials.iter().map(|p| &p.folded));
    let exact = merge(partials.iter().map(|p| &p.exact));
    let mut out = Counting { inner: out, bytes: 0 };
    let search_ui: BTreeMap<&String, &String> = ui.iter().filter(|(k, _)| k.starts_with("search")).collect();
    write!(
        out,
        "window.DOSSIER_SEARCH={{\"version\":1,\"ui\":{},\"docs\":[",
        serde_json::to_string(&search_ui).expect("strings serialise")
    )?;
    let mut text_bytes = 0;
    for (b, batch) in docs.chunks(DOCS_PER_TASK * TASKS_PER_BATCH).enumerate() {
        let tasks: Vec<(String, usize)> = batch.par_chunks(DOCS_PER_TASK).map(doc_rows).collect();
        for (i, (rows, bytes)) in tasks.iter().enumerate() {
            if b > 0 || i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(&rows.as_bytes()[1..rows.len() - 1])?;
            text_bytes += bytes;
        }
    }
    out.write_all(b"],\"terms\":")?;
    write_map(&folded, &mut out)?;
    out.write_all(b",\"exact\":")?;
    write_map(&exact, &mut out)?;
    out.write_all(b"};\n")?;
    Ok(IndexSize {
        docs: docs.len(),
        terms: folded.len(),
        text_bytes,
        index_bytes: out.bytes,
    })
}

/// A writer that counts what goes through it.
struct Counting<'a> {
    inner: &'a mut dyn Write,
    bytes: usize,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// `docs` as a JSON array of rows `["kind","title","url","text"]`, and the
/// bytes of their titles and texts.
fn doc_rows(docs: &[SearchDoc<'_>]) -> (String, usize) {
    let texts: Vec<String> = docs.iter().map(SearchDoc::text).collect();
    let rows: Vec<[&str; 4]> = docs
        .iter()
        .zip(&texts)
        .map(|(d, text)| [d.kind.as_str(), d.title.as_str(), d.url.as_str(), text.as_str()])
        .collect();
    let json = serde_json::to_string(&rows).expect("strings serialise");
    let bytes = docs.iter().zip(&texts).map(|(d, t)| d.title.len() + t.len()).sum();
    (json, bytes)
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
/// the same bytes); each segment's first document is re-based on the one
/// before.
fn write_map(terms: &[(&str, Vec<&Segment>)], out: &mut dyn Write) -> io::Result<()> {
    let mut digits = itoa::Buffer::new();
    out.write_all(b"{")?;
    for (i, (term, segments)) in terms.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, term)?;
        out.write_all(b":[")?;
        let mut previous_last = 0;
        for (s, segment) in segments.iter().enumerate() {
            if s > 0 {
                out.write_all(b",")?;
            }
            let first = segment.first_doc.expect("a segment has a document");
            out.write_all(digits.format(first - previous_last).as_bytes())?;
            out.write_all(segment.rest.as_bytes())?;
            previous_last = segment.last_doc;
        }
        out.write_all(b"]")?;
    }
    out.write_all(b"}")
}

/// Writes the search index of `dossier` to `sink`; returns its sizes.
pub fn publish(dossier: &Dossier<'_>, catalog: &Catalog, sink: &dyn Sink) -> anyhow::Result<IndexSize> {
    let docs = documents(dossier, catalog);
    let mut size = None;
    sink.put_stream(INDEX_FILE, &mut |out| {
        size = Some(write_index(&docs, &catalog.ui, out)?);
        Ok(())
    })?;
    Ok(size.expect("the index was written"))
}

/// Everything a reader may search for: articles (title, summary, note and
/// text), events, agreements, metrics, people and free pages. Their texts
/// are borrowed from the seeds, the content and the rendered bodies.
pub fn documents<'a>(dossier: &'a Dossier<'a>, catalog: &Catalog) -> Vec<SearchDoc<'a>> {
    dossier
        .items()
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let body = Cow::Borrowed(dossier.body(i, Edition::Pages).map_or("", |b| b.text.as_str()));
            let fields = match item.fact {
                Fact::Article(article) => {
                    let mut fields = match article.note {
                        Some(n) => vec![Cow::Borrowed(n.summary.as_str()), body],
                        None => Vec::new(),
                    };
                    fields.extend(article.seed.blocks.iter().map(|b| Cow::Borrowed(b.text.as_str())));
                    fields
                }
                Fact::Event(e) => vec![
                    Cow::Owned(catalog.format_date(&e.date)),
                    Cow::Borrowed(e.time.as_ref().map_or("", |(words, _)| words.as_str())),
                    Cow::Borrowed(e.place.as_deref().unwrap_or("")),
                    Cow::Borrowed(e.summary.as_str()),
                    body,
                ],
                Fact::Agreement(a) => {
                    let parties = a.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
                    vec![Cow::Borrowed(a.field.as_str()), Cow::Owned(parties), body]
                }
                Fact::Metric(m) => metric_fields(m, &item.sources, body),
                Fact::Person(p) => vec![Cow::Owned(p.aliases.join(", ")), Cow::Borrowed(p.role.as_str()), body],
                Fact::Statement(s) => vec![Cow::Borrowed(s.quote.quote.as_str()), Cow::Borrowed(s.summary.as_str()), body],
                Fact::Page(page) => vec![Cow::Borrowed(page.description.as_str()), body],
                Fact::Home(_) | Fact::Intro(..) => return None,
            };
            Some(SearchDoc {
                kind: item.kind(),
                title: item.title.clone(),
                url: item.target.file(),
                fields,
            })
        })
        .collect()
}

/// A metric's fields: every value with its period, and when the sources
/// disagree, the articles giving each (`khoảng 320.000 người 2024 (003)`).
fn metric_fields<'a>(m: &'a Metric, cited: &[Vec<Citation>], body: Cow<'a, str>) -> Vec<Cow<'a, str>> {
    let disputed = m.disputed();
    let values = m
        .observations
        .iter()
        .zip(cited)
        .map(|(o, cited)| {
            let value = format!("{} {}", o.display, o.period.as_deref().unwrap_or(""));
            match disputed {
                true => format!(
                    "{value} ({})",
                    cited.iter().map(Citation::short_seed).collect::<Vec<_>>().join(", ")
                ),
                false => value,
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        Cow::Borrowed(m.category.as_deref().unwrap_or("")),
        Cow::Owned(values),
        Cow::Borrowed(m.discrepancy_note.as_deref().unwrap_or("")),
        body,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> SearchDoc<'static> {
        SearchDoc {
            kind: ItemKind::Page,
            title: title.into(),
            url: "a/index.html".into(),
            fields: vec![Cow::Owned(text.into())],
        }
    }

    /// The script for `docs` indexed in runs of `run`, and its sizes.
    fn script_in_runs(docs: &[SearchDoc<'_>], ui: &BTreeMap<String, String>, run: usize) -> (String, IndexSize) {
        let mut out = Vec::new();
        let size = write_index_in_runs(docs, ui, run, &mut out).unwrap();
        (String::from_utf8(out).unwrap(), size)
    }

    fn script(docs: &[SearchDoc<'_>], ui: &BTreeMap<String, String>) -> (String, IndexSize) {
        let mut out = Vec::new();
        let size = write_index(docs, ui, &mut out).unwrap();
        (String::from_utf8(out).unwrap(), size)
    }

    fn parsed(script: &str) -> serde_json::Value {
        serde_json::from_str(script.strip_prefix("window.DOSSIER_SEARCH=").unwrap().strip_suffix(";\n").unwrap()).unwrap()
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
        let (script, size) = script(&[doc("Hội đàm", "hội đàm tại Đà Nẵng"), doc("Hoi", "hoi dam")], &ui);
        assert_eq!(size.index_bytes, script.len());
        let json = parsed(&script);
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
        let whole = script_in_runs(&docs, &ui, docs.len()).0;
        for run in 1..docs.len() {
            assert_eq!(script_in_runs(&docs, &ui, run).0, whole, "runs of {run}");
        }
        let empty = parsed(&script(&[], &ui).0);
        assert_eq!(empty["docs"], serde_json::json!([]));
        assert_eq!(empty["terms"], serde_json::json!({}));
        assert_eq!(empty["exact"], serde_json::json!({}));
    }

    #[test]
    fn documents_written_in_several_batches_are_all_there_in_order() {
        let ui = BTreeMap::new();
        let n = DOCS_PER_TASK * TASKS_PER_BATCH * 2 + 3;
        let docs: Vec<SearchDoc> = (0..n).map(|i| doc(&format!("Trang {i}"), &format!("văn bản {i}"))).collect();
        let (script, size) = script_in_runs(&docs, &ui, 100);
        let json = parsed(&script);
        let rows = json["docs"].as_array().unwrap();
        assert_eq!(rows.len(), n);
        assert_eq!(
            rows[n - 1],
            serde_json::json!(["page", format!("Trang {}", n - 1), "a/index.html", format!("văn bản {}", n - 1)])
        );
        assert_eq!(
            json["terms"]["trang"].as_array().unwrap().len(),
            3 * n,
            "every document, once, at position 0"
        );
        assert_eq!(size.docs, n);
        assert_eq!(size.index_bytes, script.len());
    }

    #[test]
    fn a_documents_fields_ship_as_one_text_with_white_space_collapsed() {
        let ui = BTreeMap::new();
        let d = SearchDoc {
            kind: ItemKind::Event,
            title: "Hội đàm".into(),
            url: "timeline/index.html#hoi-dam".into(),
            fields: vec![
                Cow::Borrowed("  10/8\n"),
                Cow::Borrowed(""),
                Cow::Owned("Seoul,\u{a0}Hàn\tQuốc ".into()),
            ],
        };
        let (script, size) = script(std::slice::from_ref(&d), &ui);
        let json = parsed(&script);
        assert_eq!(json["docs"][0][3], "10/8 Seoul, Hàn Quốc");
        assert_eq!(
            json["terms"]["seoul"],
            serde_json::json!([0, 1, 4]),
            "after the title's two words and 10, 8"
        );
        assert_eq!(size.text_bytes, "Hội đàm".len() + "10/8 Seoul, Hàn Quốc".len());
    }

    #[test]
    fn the_index_is_deterministic() {
        let ui = BTreeMap::from([("search".to_string(), "Tìm".to_string())]);
        let docs = [doc("b", "z y x"), doc("a", "x y z")];
        assert_eq!(script(&docs, &ui).0, script(&docs, &ui).0);
    }
}
