//! The search index, built at build time and shipped as script files.
//!
//! Every file of the index is a script that the browser loads with a
//! `<script>` element, never `fetch`: that is what lets search work from
//! `file://`, under a sub-path and on any static host. The entry file,
//! `search-index.js`, is small: the search box's strings, the number of
//! documents and the first key of every chunk. The keys, sorted, are cut
//! into chunks of about [`CHUNK_BYTES`] (`search-index/<id>/t/<n>.js`), and
//! each document's kind, title, address and text (what its result shows)
//! is a fragment of its own (`search-index/<id>/d/<n>.js`): a query loads
//! the chunks that hold its words and the fragments of the results it
//! shows, nothing else. `<id>` is a hash of the documents, so a browser
//! never mixes a cached file of one build with the files of another. When
//! the whole index is no bigger than what a first query would load from
//! the split one, it ships as the entry file alone ([`Layout::Single`]).
//!
//! A key is a folded term (`Đà Nẵng` → `da`, `nang`, see `fold`) or a pair
//! of neighbouring folded terms (`da nang`). Sorted bytewise, a term, the
//! pairs it begins and the terms it is a prefix of lie together, so a word
//! being typed is one range of keys, in one chunk or a few neighbouring
//! ones. A term's record holds its documents, how often it occurs in each
//! (up to [`COUNT_CAP`]), the documents whose title holds it, and each of
//! its exact (lowercased) spellings with their documents; a pair's record
//! holds its documents. The browser ranks a document where every pair of
//! neighbouring query words stands together as a phrase, without shipping
//! word positions. It tokenises and folds queries the same way as here
//! (`static/assets/search.js`); both are tested on one shared list of cases
//! (`tests/fold_cases.txt`).
//!
//! This module writes the index; what goes into it is [`documents`].

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::disk::output::Sink;
use crate::parse::content::Metric;
use crate::parse::i18n::Catalog;
use crate::resolve::citation::Citation;
use crate::resolve::model::{Dossier, Edition, Fact, ItemKind};
use crate::text::fold::fold;

/// Site path of the index's entry script.
pub const INDEX_FILE: &str = "search-index.js";
/// The folder of every other file of the index (its chunks and fragments);
/// nothing else is written there.
pub const INDEX_DIR: &str = "search-index";

/// About how many bytes of records a chunk holds (a record bigger than this
/// is a chunk of its own). Measured on the 10,000-page benchmark corpus with
/// six queries (2026-12): from 4 to 64 KiB the first query's time hardly
/// moves, while its bytes grow with the chunks (24 KiB: +50%) and the entry
/// file, which lists every chunk, shrinks (4 KiB: 19 kB, 8 KiB: 11 kB).
const CHUNK_BYTES: usize = 8 * 1024;

/// Occurrences of a term in a document beyond this count as this many: the
/// count is one digit, and only breaks ties.
pub const COUNT_CAP: u16 = 63;

/// The results the search box shows, whose fragments a first query loads
/// (as `DROPDOWN_RESULTS` in `search.js`): used to tell which layout is smaller.
const FIRST_QUERY_FRAGMENTS: usize = 8;

/// The digits of every number in the index, six bits each: URL-safe
/// base64's alphabet, so that a number is one or a few characters of a JSON
/// string that needs no escaping.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Starts a list of documents written as a bitmap.
const BITMAP: u8 = b'~';
/// Bump when the files' format changes: it is part of every build's `<id>`.
const FORMAT_VERSION: u32 = 2;

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
    /// single spaces. (`push_collapsed` writes it without this copy.)
    #[cfg(test)]
    fn text(&self) -> String {
        let mut out = String::with_capacity(self.fields.iter().map(|f| f.len()).sum());
        for word in self.fields.iter().flat_map(|f| f.split_whitespace()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    /// Its title, then its fields: a phrase never spans two of them.
    fn parts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str()).chain(self.fields.iter().map(|f| f.as_ref()))
    }

    /// About the bytes of its fragment, before the file is written.
    fn fragment_estimate(&self) -> usize {
        const OVERHEAD: usize = 48;
        OVERHEAD + self.kind.as_str().len() + self.url.len() + self.parts().map(str::len).sum::<usize>()
    }

    /// Hashes what identifies its fragment's content, for the build's `<id>`.
    fn hash_into(&self, hasher: &mut blake3::Hasher) {
        for part in [self.kind.as_str(), self.url.as_str()].into_iter().chain(self.parts()) {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
    }
}

/// The words of `text` as the index and the browser cut them: runs of letters
/// and digits (`\p{Alphabetic}` and `\p{N}`).
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`]: ASCII is told apart byte by byte, other
/// characters by `is_word_char` (a closure given to `str::split` was not
/// inlined, and cutting words was most of the index's time).
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    /// Whether a word character starts at byte `at`, and its length. The
    /// Latin letters of Vietnamese are told from their first two bytes
    /// (U+00C0–U+024F but × and ÷, U+1E00–U+1EFF); other characters are
    /// decoded.
    fn word_char_at(&self, at: usize) -> (bool, usize) {
        let bytes = self.text.as_bytes();
        let b = bytes[at];
        match b {
            0x00..=0x7f => (b.is_ascii_alphanumeric(), 1),
            0xc3 => (!matches!(bytes[at + 1], 0x97 | 0xb7), 2),
            0xc4..=0xc8 => (true, 2),
            0xc9 if bytes[at + 1] <= 0x8f => (true, 2),
            0xe1 if matches!(bytes[at + 1], 0xb8..=0xbb) => (true, 3),
            _ => {
                let c = self.text[at..].chars().next().expect("at a character boundary");
                (crate::text::fold::is_word_char(c), c.len_utf8())
            }
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut at = self.at;
        // Up to the first character of a word: runs of ASCII skipped at once.
        loop {
            at += bytes[at..]
                .iter()
                .position(|&b| b >= 0x80 || ASCII_WORD[b as usize])
                .unwrap_or(len - at);
            if at == len {
                self.at = len;
                return None;
            }
            if bytes[at] < 0x80 {
                break;
            }
            let (word, n) = self.word_char_at(at);
            if word {
                break;
            }
            at += n;
        }
        let start = at;
        // To its end.
        loop {
            at += bytes[at..].iter().position(|&b| !ASCII_WORD[b as usize]).unwrap_or(len - at);
            if at == len || bytes[at] < 0x80 {
                break;
            }
            let (word, n) = self.word_char_at(at);
            if !word {
                break;
            }
            at += n;
        }
        self.at = at;
        Some(&self.text[start..at])
    }
}

/// ASCII letters and digits (false for every byte from 0x80).
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// How the index was shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Everything in the entry file: the smaller choice for a small site.
    Single,
    /// The entry file, this many chunks of keys and a fragment per document.
    Split { chunks: usize },
}

/// Sizes of an index, for the build's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexSize {
    pub docs: usize,
    /// Folded terms (pairs not counted).
    pub terms: usize,
    /// Bytes of the documents' titles and texts.
    pub text_bytes: usize,
    /// Bytes of all the index's files.
    pub index_bytes: usize,
    /// Bytes of the entry file, which every first query loads.
    pub entry_bytes: usize,
    /// Files written, the entry file included.
    pub files: usize,
    pub layout: Layout,
}

/// Writes the index of `docs` to `sink`: the entry file [`INDEX_FILE`] and,
/// when split, the chunks and fragments under [`INDEX_DIR`]. Of `ui`, the
/// site's interface strings, it ships the search box's own (`search*`).
/// Runs of documents are indexed in parallel; chunks and fragments are
/// formatted and written in parallel; the output does not depend on how
/// the work was divided.
pub fn write_index(docs: &[SearchDoc<'_>], ui: &BTreeMap<String, String>, sink: &dyn Sink) -> Result<IndexSize> {
    let run = docs.len().div_ceil(rayon::current_num_threads() * 4).max(64);
    write_index_in_runs(docs, ui, Runs::Fresh(run), sink).map(|(size, _)| size)
}

/// What an index keeps for the next one (`serve`): each group of
/// [`DOCS_PER_HASH`] documents' run and fragments, by the group's key (its
/// documents and their numbers). An edit re-indexes the edited document's
/// group only; the records and chunks are merged again from the runs.
#[derive(Debug, Default)]
pub struct Kept {
    groups: HashMap<blake3::Hash, Arc<Group>>,
}

/// One group's run, and its fragments once a split index wrote them.
#[derive(Debug)]
struct Group {
    run: Run,
    fragments: OnceLock<Fragments>,
}

/// A group's fragment files, and the bytes of text they hold.
#[derive(Debug)]
struct Fragments {
    files: Vec<Arc<[u8]>>,
    text_bytes: usize,
}

/// How the documents are divided into runs.
enum Runs<'k> {
    /// Runs of this many, none kept.
    Fresh(usize),
    /// One run per group, taken from `previous` where its key is unchanged;
    /// the groups are kept.
    Kept { previous: &'k Kept },
}

/// As [`write_index`], reusing the groups of `previous` whose documents
/// are unchanged; returns what to keep for the next index. The files are
/// the same as [`write_index`]'s, byte for byte.
pub fn write_index_keeping(
    docs: &[SearchDoc<'_>],
    ui: &BTreeMap<String, String>,
    sink: &dyn Sink,
    previous: &Kept,
) -> Result<(IndexSize, Kept)> {
    let (size, kept) = write_index_in_runs(docs, ui, Runs::Kept { previous }, sink)?;
    Ok((size, kept.unwrap_or_default()))
}

fn write_index_in_runs(
    docs: &[SearchDoc<'_>],
    ui: &BTreeMap<String, String>,
    runs: Runs<'_>,
    sink: &dyn Sink,
) -> Result<(IndexSize, Option<Kept>)> {
    let hashes = group_hashes(docs);
    let id = build_id(&hashes);
    let (fresh, groups) = match runs {
        Runs::Fresh(run) => {
            let runs: Vec<Run> = docs
                .par_chunks(run)
                .enumerate()
                .map(|(i, chunk)| Run::build((i * run) as u32, chunk))
                .collect();
            (runs, None)
        }
        Runs::Kept { previous } => {
            let groups: Vec<(blake3::Hash, Arc<Group>)> = docs
                .par_chunks(DOCS_PER_HASH)
                .zip(&hashes)
                .enumerate()
                .map(|(i, (chunk, hash))| {
                    let key = group_key(i, hash);
                    let group = previous.groups.get(&key).cloned().unwrap_or_else(|| {
                        Arc::new(Group {
                            run: Run::build((i * DOCS_PER_HASH) as u32, chunk),
                            fragments: OnceLock::new(),
                        })
                    });
                    (key, group)
                })
                .collect();
            (Vec::new(), Some(groups))
        }
    };
    let runs: Vec<&Run> = match &groups {
        None => fresh.iter().collect(),
        Some(groups) => groups.iter().map(|(_, g)| &g.run).collect(),
    };
    let merged = Merged::new(&runs);
    let records = merged.records();
    let chunks = cut_into_chunks(&records);
    let search_ui: BTreeMap<&String, &String> = ui.iter().filter(|(k, _)| k.starts_with("search")).collect();
    let head = format!(
        "window.DOSSIER_SEARCH={{\"version\":{FORMAT_VERSION},\"ui\":{},\"docs\":{}",
        serde_json::to_string(&search_ui).expect("strings serialise"),
        docs.len()
    );
    let split_entry = format!(
        "{head},\"dir\":\"{INDEX_DIR}/{id}/\",\"chunks\":{}}};\n",
        serde_json::to_string(&chunk_bounds(&merged, &records, &chunks)).expect("strings serialise")
    );
    let record_bytes: usize = records.iter().map(|r| r.json.len() + 1).sum();
    let fragment_bytes: usize = docs.iter().map(SearchDoc::fragment_estimate).sum();
    let single_bytes = head.len() + record_bytes + fragment_bytes + 32;
    let first_query_bytes = split_entry.len()
        + 2 * record_bytes / chunks.len().max(1)
        + FIRST_QUERY_FRAGMENTS.min(docs.len()) * fragment_bytes / docs.len().max(1);
    let terms = merged.names.len();
    let size = if single_bytes <= first_query_bytes {
        write_single(docs, &head, &records, sink, terms)?
    } else {
        let index = Split {
            entry: &split_entry,
            records: &records,
            chunks: &chunks,
            id: &id,
            terms,
        };
        let kept: Option<Vec<&Group>> = groups.as_ref().map(|g| g.iter().map(|(_, g)| g.as_ref()).collect());
        index.write(docs, kept.as_deref(), sink)?
    };
    let kept = groups.map(|groups| Kept {
        groups: groups.into_iter().collect(),
    });
    Ok((size, kept))
}

/// The documents are hashed in groups of this many, for the build's `<id>`
/// and, when an index is kept, to tell which groups changed.
const DOCS_PER_HASH: usize = 256;

/// The hash of each group of [`DOCS_PER_HASH`] documents.
fn group_hashes(docs: &[SearchDoc<'_>]) -> Vec<blake3::Hash> {
    docs.par_chunks(DOCS_PER_HASH)
        .map(|group| {
            let mut hasher = blake3::Hasher::new();
            group.iter().for_each(|doc| doc.hash_into(&mut hasher));
            hasher.finalize()
        })
        .collect()
}

/// A kept group's key: its hash and its place (its documents' numbers).
fn group_key(index: usize, hash: &blake3::Hash) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&(index as u64).to_le_bytes());
    hasher.update(hash.as_bytes());
    hasher.finalize()
}

/// Eight bytes of the hash of every document (from its groups' hashes), in
/// hex: names the folder of one build's chunks and fragments.
fn build_id(hashes: &[blake3::Hash]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&FORMAT_VERSION.to_le_bytes());
    for hash in hashes {
        hasher.update(hash.as_bytes());
    }
    hasher.finalize().to_hex()[..16].to_string()
}

/// The whole index in the entry file: the records as one chunk, and every
/// document's row.
fn write_single(docs: &[SearchDoc<'_>], head: &str, records: &[Record], sink: &dyn Sink, terms: usize) -> Result<IndexSize> {
    let mut out = Vec::with_capacity(head.len() + records.iter().map(|r| r.json.len() + 1).sum::<usize>());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(b",\"chunks\":[\"\"],\"terms\":");
    push_records(&mut out, records);
    out.extend_from_slice(b",\"rows\":[");
    let mut text_bytes = 0;
    for (n, doc) in docs.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        text_bytes += push_row(&mut out, doc);
    }
    out.extend_from_slice(b"]};\n");
    sink.put(INDEX_FILE, &out)?;
    Ok(IndexSize {
        docs: docs.len(),
        terms,
        text_bytes,
        index_bytes: out.len(),
        entry_bytes: out.len(),
        files: 1,
        layout: Layout::Single,
    })
}

/// A split index's entry file and chunks, formatted.
struct Split<'a> {
    entry: &'a str,
    records: &'a [Record],
    chunks: &'a [std::ops::Range<usize>],
    id: &'a str,
    terms: usize,
}

impl Split<'_> {
    /// Writes the entry file, the chunks and a fragment per document, in
    /// parallel. With `groups` (an index that is kept), each group's
    /// fragments are formatted once and kept in it.
    fn write(&self, docs: &[SearchDoc<'_>], groups: Option<&[&Group]>, sink: &dyn Sink) -> Result<IndexSize> {
        let Split {
            entry,
            records,
            chunks,
            id,
            terms,
        } = *self;
        let chunk_bytes = chunks
            .par_iter()
            .enumerate()
            .map(|(n, range)| -> Result<usize> {
                let name = format!("t/{n}");
                let mut out = loaded_call(&name);
                push_records(&mut out, &records[range.clone()]);
                out.extend_from_slice(b");\n");
                sink.put(&format!("{INDEX_DIR}/{id}/{name}.js"), &out)?;
                Ok(out.len())
            })
            .try_reduce(|| 0, |a, b| Ok(a + b))?;
        // A fragment's file, and the bytes of text it holds.
        let fragment = |n: usize, doc: &SearchDoc<'_>| {
            let mut out = loaded_call(&format!("d/{n}"));
            let text = push_row(&mut out, doc);
            out.extend_from_slice(b");\n");
            (out, text)
        };
        let path = |n: usize| format!("{INDEX_DIR}/{id}/d/{n}.js");
        let (fragment_bytes, text_bytes) = match groups {
            None => docs
                .par_iter()
                .enumerate()
                .map(|(n, doc)| -> Result<(usize, usize)> {
                    let (out, text) = fragment(n, doc);
                    sink.put(&path(n), &out)?;
                    Ok((out.len(), text))
                })
                .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))?,
            Some(groups) => docs
                .par_chunks(DOCS_PER_HASH)
                .zip(groups)
                .enumerate()
                .map(|(g, (chunk, group))| -> Result<(usize, usize)> {
                    let first = g * DOCS_PER_HASH;
                    let fragments = group.fragments.get_or_init(|| {
                        let (files, texts): (Vec<Arc<[u8]>>, Vec<usize>) = chunk
                            .iter()
                            .enumerate()
                            .map(|(n, doc)| {
                                let (out, text) = fragment(first + n, doc);
                                (out.into(), text)
                            })
                            .unzip();
                        Fragments {
                            files,
                            text_bytes: texts.iter().sum(),
                        }
                    });
                    let mut bytes = 0;
                    for (n, out) in fragments.files.iter().enumerate() {
                        sink.put_shared(&path(first + n), out.clone())?;
                        bytes += out.len();
                    }
                    Ok((bytes, fragments.text_bytes))
                })
                .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))?,
        };
        sink.put(INDEX_FILE, entry.as_bytes())?;
        Ok(IndexSize {
            docs: docs.len(),
            terms,
            text_bytes,
            index_bytes: entry.len() + chunk_bytes + fragment_bytes,
            entry_bytes: entry.len(),
            files: 1 + chunks.len() + docs.len(),
            layout: Layout::Split { chunks: chunks.len() },
        })
    }
}

/// The start of a chunk's or a fragment's script: it hands its data, named
/// by its path under the build's folder, to `search.js`.
fn loaded_call(name: &str) -> Vec<u8> {
    format!("DossierSearch.loaded(\"{name}\",").into_bytes()
}

/// `[record,record,…]`.
fn push_records(out: &mut Vec<u8>, records: &[Record]) {
    out.push(b'[');
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(&record.json);
    }
    out.push(b']');
}

/// A document's row, `["kind","title","url","text"]`; returns the bytes of
/// its title and text.
fn push_row(out: &mut Vec<u8>, doc: &SearchDoc<'_>) -> usize {
    out.push(b'[');
    for part in [doc.kind.as_str(), doc.title.as_str(), doc.url.as_str()] {
        push_string(out, part);
        out.push(b',');
    }
    out.push(b'"');
    let mut started = false;
    let text: usize = doc.fields.iter().map(|field| push_collapsed(out, field, &mut started)).sum();
    out.extend_from_slice(b"\"]");
    doc.title.len() + text
}

/// Appends the words of `field`, one of a document's fields, to the JSON
/// string being written: runs of (Unicode) white space as one space, and
/// one space between two fields' words, none at the ends (`started` says
/// whether a word was written yet). Gives the escaped [`SearchDoc::text`]
/// in one pass over the bytes, copying runs that need no change at once.
/// Returns the bytes of text written, before escaping.
fn push_collapsed(out: &mut Vec<u8>, field: &str, started: &mut bool) -> usize {
    let bytes = field.as_bytes();
    let mut written = 0;
    let mut space = true;
    let mut at = 0;
    while at < bytes.len() {
        let (n, white) = char_at(field, at);
        if white {
            space = true;
            at += n;
            continue;
        }
        if space && *started {
            out.push(b' ');
            written += 1;
        }
        (space, *started) = (false, true);
        let start = at;
        while at < bytes.len() {
            at += bytes[at..].iter().position(|&b| !PLAIN[b as usize]).unwrap_or(bytes.len() - at);
            if at == bytes.len() {
                break;
            }
            let b = bytes[at];
            // The Vietnamese letters U+1E00–U+1EFF.
            if b == 0xe1 && bytes[at + 1] != 0x9a {
                at += 3;
                continue;
            }
            // One space between two words is copied with them.
            if b == b' ' && at + 1 < bytes.len() && copyable_at(field, at + 1) {
                at += 1;
                continue;
            }
            if b < 0x80 {
                break;
            }
            let (n, white) = char_at(field, at);
            if white {
                break;
            }
            at += n;
        }
        if at > start {
            out.extend_from_slice(&bytes[start..at]);
            written += at - start;
        } else {
            // A quote, a backslash or a control character.
            match bytes[at] {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                c => out.extend_from_slice(format!("\\u{:04x}", c).as_bytes()),
            }
            (at, written) = (at + 1, written + 1);
        }
    }
    written
}

/// The length of the character at byte `at` of `text`, and whether it is
/// white space. Only ASCII and the lead bytes of the non-ASCII white space
/// characters (U+0085, U+00A0, U+1680, U+2000–U+3000) are looked at
/// closely; the others are told by their first byte.
fn char_at(text: &str, at: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let b = bytes[at];
    match b {
        0x00..=0x7f => (1, matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)),
        0xc2 => (2, matches!(bytes[at + 1], 0x85 | 0xa0)),
        0xc0..=0xdf => (2, false),
        0xe1 if bytes[at + 1] != 0x9a => (3, false),
        0xe1..=0xe3 => {
            let c = text[at..].chars().next().expect("at a character boundary");
            (3, c.is_whitespace())
        }
        0xe0..=0xef => (3, false),
        _ => (4, false),
    }
}

/// Whether the character at byte `at` of `text` is copied as it is: not
/// white space, a control character, a quote or a backslash.
fn copyable_at(text: &str, at: usize) -> bool {
    let b = text.as_bytes()[at];
    PLAIN[b as usize] || (b >= 0x80 && !char_at(text, at).1)
}

/// [`plain_byte`] of every byte.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = plain_byte(b as u8);
        b += 1;
    }
    table
};

/// Whether byte `b`, inside a run being copied, may be copied as it is:
/// not ASCII white space, a control character, a quote or a backslash,
/// nor the first byte of a character that might be white space.
const fn plain_byte(b: u8) -> bool {
    match b {
        0x21..=0x7f => b != b'"' && b != b'\\',
        0x00..=0x20 | 0xc2 | 0xe1..=0xe3 => false,
        _ => true,
    }
}

/// A word as written, by what it indexes under in its run.
#[derive(Debug, Clone, Copy)]
struct WordIds {
    term: u32,
    form: u32,
}

/// The documents of many keys numbered from 0, grouped by key: gathered
/// as (key, item) in document order, which is cheaper than a list per key
/// (pushing to one of tens of thousands of lists at every word was most of
/// the indexing time), and grouped once at the end of the run.
#[derive(Debug)]
struct Grouped<T> {
    /// Where each key's items start in `items`, and the end.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Grouped<T> {
    fn default() -> Self {
        Grouped {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy + Default> Grouped<T> {
    /// Groups `seen`, (key, item) in document order, for keys `0..keys`.
    fn new(keys: usize, seen: &[(u32, T)]) -> Grouped<T> {
        let mut starts = vec![0u32; keys + 1];
        for &(key, _) in seen {
            starts[key as usize + 1] += 1;
        }
        for k in 0..keys {
            starts[k + 1] += starts[k];
        }
        let mut at = starts.clone();
        let mut items = vec![T::default(); seen.len()];
        for &(key, item) in seen {
            items[at[key as usize] as usize] = item;
            at[key as usize] += 1;
        }
        Grouped { starts, items }
    }

    fn of(&self, key: usize) -> &[T] {
        &self.items[self.starts[key] as usize..self.starts[key + 1] as usize]
    }
}

/// The index of one run of consecutive documents, its terms, spellings
/// and pairs numbered in the order it met them.
#[derive(Debug, Default)]
struct Run {
    /// Folded terms.
    terms: Vec<String>,
    /// Exact (lowercased) spellings, and their folded terms.
    forms: Vec<(String, u32)>,
    /// Two folded terms seen side by side.
    pairs: Vec<(u32, u32)>,
    /// Each term's documents, with the digit of its count in each.
    term_docs: Grouped<(u32, u8)>,
    /// Each term's documents whose title holds it.
    title_docs: Grouped<u32>,
    form_docs: Grouped<u32>,
    pair_docs: Grouped<u32>,
}

impl Run {
    /// Indexes `docs`, numbered from `first`.
    fn build(first: u32, docs: &[SearchDoc<'_>]) -> Run {
        let mut builder = RunBuilder::default();
        // Room for what the run will see, from its text's size, so the lists
        // are not copied as they grow: a distinct word or pair of a document
        // per 8 to 16 bytes of text.
        let bytes: usize = docs.iter().flat_map(SearchDoc::parts).map(str::len).sum();
        builder.terms_seen.reserve(bytes / 16);
        builder.forms_seen.reserve(bytes / 16);
        builder.pairs_seen.reserve(bytes / 8);
        for (n, doc) in docs.iter().enumerate() {
            let number = first + n as u32;
            for (part, text) in doc.parts().enumerate() {
                let mut previous = None;
                for word in words(text) {
                    previous = Some(builder.add(word, number, part == 0, previous));
                }
            }
            builder.end_document(number);
        }
        let mut run = builder.run;
        run.term_docs = Grouped::new(run.terms.len(), &builder.terms_seen);
        run.title_docs = Grouped::new(run.terms.len(), &builder.titles_seen);
        run.form_docs = Grouped::new(run.forms.len(), &builder.forms_seen);
        run.pair_docs = Grouped::new(run.pairs.len(), &builder.pairs_seen);
        run
    }
}

/// What indexing one run keeps besides the run: each spelling's numbers
/// (so a spelling is lowercased and folded once per run), and what the
/// current document has counted so far. "Seen" marks are a document's
/// number plus one.
#[derive(Debug, Default)]
struct RunBuilder<'d> {
    run: Run,
    spellings: FxHashMap<&'d str, WordIds>,
    term_ids: FxHashMap<String, u32>,
    form_ids: FxHashMap<String, u32>,
    /// Each pair's number, and the last document it was seen in.
    pair_ids: FxHashMap<u64, (u32, u32)>,
    /// (key, document) once per document a term, a title's term, a
    /// spelling or a pair is in, (term, (document, count)) for terms.
    terms_seen: Vec<(u32, (u32, u8))>,
    titles_seen: Vec<(u32, u32)>,
    forms_seen: Vec<(u32, u32)>,
    pairs_seen: Vec<(u32, u32)>,
    counts: Vec<u16>,
    present: Vec<u32>,
    title_seen: Vec<u32>,
    form_seen: Vec<u32>,
}

impl<'d> RunBuilder<'d> {
    /// Counts `word`, in document `number` (in its title or not) right after
    /// the term `previous`; returns the word's term.
    fn add(&mut self, word: &'d str, number: u32, in_title: bool, previous: Option<u32>) -> u32 {
        let ids = match self.spellings.get(word) {
            Some(ids) => *ids,
            None => {
                let ids = self.intern(word);
                self.spellings.insert(word, ids);
                ids
            }
        };
        let (term, seen) = (ids.term as usize, number + 1);
        if self.counts[term] == 0 {
            self.present.push(ids.term);
        }
        self.counts[term] = self.counts[term].saturating_add(1);
        if in_title && self.title_seen[term] != seen {
            self.title_seen[term] = seen;
            self.titles_seen.push((ids.term, number));
        }
        let form = ids.form as usize;
        if self.form_seen[form] != seen {
            self.form_seen[form] = seen;
            self.forms_seen.push((ids.form, number));
        }
        if let Some(previous) = previous {
            self.add_pair(previous, ids.term, number);
        }
        ids.term
    }

    fn add_pair(&mut self, first: u32, second: u32, number: u32) {
        let key = (u64::from(first) << 32) | u64::from(second);
        let next = self.run.pairs.len() as u32;
        let (pair, seen) = self.pair_ids.entry(key).or_insert((next, 0));
        if *pair == next {
            self.run.pairs.push((first, second));
        }
        if *seen != number + 1 {
            *seen = number + 1;
            self.pairs_seen.push((*pair, number));
        }
    }

    /// Numbers a spelling met for the first time: its lowercase form and
    /// its folded term, each new or already met in another spelling.
    fn intern(&mut self, word: &str) -> WordIds {
        let lower = if word.chars().any(char::is_uppercase) {
            word.to_lowercase()
        } else {
            word.to_string()
        };
        let folded = fold(&lower);
        let next = self.run.terms.len() as u32;
        let term = *self.term_ids.entry(folded.clone()).or_insert(next);
        if term == next {
            self.run.terms.push(folded);
            self.counts.push(0);
            self.title_seen.push(0);
        }
        let next = self.run.forms.len() as u32;
        let form = *self.form_ids.entry(lower.clone()).or_insert(next);
        if form == next {
            self.run.forms.push((lower, term));
            self.form_seen.push(0);
        }
        WordIds { term, form }
    }

    /// Writes down the terms document `number` holds, with their counts.
    fn end_document(&mut self, number: u32) {
        for term in self.present.drain(..) {
            let count = std::mem::take(&mut self.counts[term as usize]);
            self.terms_seen.push((term, (number, DIGITS[usize::from(count.min(COUNT_CAP))])));
        }
    }
}

/// Where a record's data lies in the runs: (run, number in that run).
type Pieces = Vec<(u32, u32)>;

/// The runs' terms, forms and pairs brought together under their sorted
/// keys, in document order.
#[derive(Debug)]
struct Merged<'r> {
    runs: &'r [&'r Run],
    /// Every folded term, sorted: a term's number from here on is its rank.
    names: Vec<&'r str>,
    /// Per rank, the term's pieces.
    terms: Vec<Pieces>,
    /// Per rank, its spellings (sorted) and their pieces.
    forms: Vec<Vec<(&'r str, Pieces)>>,
    /// Per rank, the pairs it begins: the second term's rank (sorted) and the pieces.
    pairs: Vec<Vec<(u32, Pieces)>>,
}

impl<'r> Merged<'r> {
    fn new(runs: &'r [&'r Run]) -> Merged<'r> {
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let locals: Vec<Vec<u32>> = runs
            .iter()
            .map(|run| {
                run.terms
                    .iter()
                    .map(|t| {
                        let next = ids.len() as u32;
                        *ids.entry(t.as_str()).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        let mut names: Vec<(&str, u32)> = ids.into_iter().collect();
        names.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut rank_of = vec![0; names.len()];
        for (rank, &(_, id)) in names.iter().enumerate() {
            rank_of[id as usize] = rank as u32;
        }
        // Per run, each of its terms' rank.
        let ranks: Vec<Vec<u32>> = locals.iter().map(|l| l.iter().map(|&id| rank_of[id as usize]).collect()).collect();
        let mut terms = vec![Pieces::new(); names.len()];
        let mut forms: Vec<Vec<(&str, Pieces)>> = vec![Vec::new(); names.len()];
        let mut pairs: Vec<Vec<(u32, Pieces)>> = vec![Vec::new(); names.len()];
        let mut form_at: FxHashMap<&str, (u32, usize)> = FxHashMap::default();
        let mut pair_at: FxHashMap<u64, usize> = FxHashMap::default();
        for (r, run) in runs.iter().enumerate() {
            let rank = &ranks[r];
            for (local, &rank) in rank.iter().enumerate() {
                terms[rank as usize].push((r as u32, local as u32));
            }
            for (local, form) in run.forms.iter().enumerate() {
                let term = rank[form.1 as usize];
                let &mut (term, at) = form_at.entry(form.0.as_str()).or_insert_with(|| {
                    forms[term as usize].push((form.0.as_str(), Pieces::new()));
                    (term, forms[term as usize].len() - 1)
                });
                forms[term as usize][at].1.push((r as u32, local as u32));
            }
            for (local, pair) in run.pairs.iter().enumerate() {
                let (first, second) = (rank[pair.0 as usize], rank[pair.1 as usize]);
                let key = (u64::from(first) << 32) | u64::from(second);
                let at = *pair_at.entry(key).or_insert_with(|| {
                    pairs[first as usize].push((second, Pieces::new()));
                    pairs[first as usize].len() - 1
                });
                pairs[first as usize][at].1.push((r as u32, local as u32));
            }
        }
        forms.par_iter_mut().for_each(|f| f.sort_unstable_by(|a, b| a.0.cmp(b.0)));
        pairs.par_iter_mut().for_each(|p| p.sort_unstable_by_key(|&(second, _)| second));
        Merged {
            runs,
            names: names.into_iter().map(|(name, _)| name).collect(),
            terms,
            forms,
            pairs,
        }
    }

    /// Every record, in key order: each term's, then those of the pairs it
    /// begins. Formatted in parallel.
    fn records(&self) -> Vec<Record> {
        let per_term: Vec<Vec<Record>> = (0..self.names.len()).into_par_iter().map(|rank| self.term_records(rank)).collect();
        per_term.into_iter().flatten().collect()
    }

    /// `["term","docs","counts","title docs","spelling","docs",…]` (a
    /// spelling's documents are `""` when they are the term's), then
    /// `["term second","docs"]` for each pair the term begins.
    fn term_records(&self, rank: usize) -> Vec<Record> {
        let runs = self.runs;
        let pieces = &self.terms[rank];
        let postings = concat(pieces, |r, t| runs[r].term_docs.of(t));
        let docs: Vec<u32> = postings.iter().map(|&(doc, _)| doc).collect();
        let titles = concat(pieces, |r, t| runs[r].title_docs.of(t));
        let mut json = Vec::with_capacity(docs.len() * 2 + 32);
        json.push(b'[');
        push_string(&mut json, self.names[rank]);
        json.extend_from_slice(b",\"");
        push_docs(&mut json, &docs);
        json.extend_from_slice(b"\",\"");
        json.extend(postings.iter().map(|&(_, count)| count));
        json.extend_from_slice(b"\",\"");
        push_docs(&mut json, &titles);
        json.push(b'"');
        for (name, pieces) in &self.forms[rank] {
            let form_docs = concat(pieces, |r, f| runs[r].form_docs.of(f));
            json.push(b',');
            push_string(&mut json, name);
            json.extend_from_slice(b",\"");
            if form_docs != docs {
                push_docs(&mut json, &form_docs);
            }
            json.push(b'"');
        }
        json.push(b']');
        let mut records = vec![Record {
            key: (rank as u32, None),
            json,
        }];
        let mut docs = Vec::new();
        for (second, pieces) in &self.pairs[rank] {
            docs.clear();
            for &(r, p) in pieces {
                docs.extend_from_slice(runs[r as usize].pair_docs.of(p as usize));
            }
            let (first, second_name) = (self.names[rank], self.names[*second as usize]);
            let mut json = Vec::with_capacity(docs.len() + first.len() + second_name.len() + 8);
            // Terms are letters and digits: nothing to escape.
            json.extend_from_slice(b"[\"");
            json.extend_from_slice(first.as_bytes());
            json.push(b' ');
            json.extend_from_slice(second_name.as_bytes());
            json.extend_from_slice(b"\",\"");
            push_docs(&mut json, &docs);
            json.extend_from_slice(b"\"]");
            records.push(Record {
                key: (rank as u32, Some(*second)),
                json,
            });
        }
        records
    }

    /// A record's key as the browser looks it up: `term` or `first second`.
    fn key(&self, key: &RecordKey) -> String {
        match key {
            (first, None) => self.names[*first as usize].to_string(),
            (first, Some(second)) => format!("{} {}", self.names[*first as usize], self.names[*second as usize]),
        }
    }
}

/// The documents of a record's pieces, in order: `docs(run, number)` gives each piece's.
fn concat<'r, T: Copy + 'r>(pieces: &Pieces, docs: impl Fn(usize, usize) -> &'r [T]) -> Vec<T> {
    let mut out = Vec::with_capacity(pieces.iter().map(|&(r, n)| docs(r as usize, n as usize).len()).sum());
    for &(r, n) in pieces {
        out.extend_from_slice(docs(r as usize, n as usize));
    }
    out
}

/// A term's rank, and for a pair the second term's.
type RecordKey = (u32, Option<u32>);

/// One key's data, formatted as it ships.
#[derive(Debug)]
struct Record {
    key: RecordKey,
    json: Vec<u8>,
}

/// Cuts the records, in key order, into runs of about [`CHUNK_BYTES`].
fn cut_into_chunks(records: &[Record]) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, record) in records.iter().enumerate() {
        if bytes > 0 && bytes + record.json.len() > CHUNK_BYTES {
            chunks.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += record.json.len() + 1;
    }
    if start < records.len() || chunks.is_empty() {
        chunks.push(start..records.len());
    }
    chunks
}

/// Where each chunk begins, as the browser finds a key's chunk: the first
/// chunk at `""`, every other at the shortest beginning of its first key
/// that sorts after the previous chunk's last key.
fn chunk_bounds(merged: &Merged<'_>, records: &[Record], chunks: &[std::ops::Range<usize>]) -> Vec<String> {
    chunks
        .iter()
        .map(|range| {
            if range.start == 0 {
                return String::new();
            }
            let first = merged.key(&records[range.start].key);
            let last = merged.key(&records[range.start - 1].key);
            shortest_after(&first, &last).to_string()
        })
        .collect()
}

/// The shortest beginning of `key` that sorts after `before` (`key` does).
fn shortest_after<'k>(key: &'k str, before: &str) -> &'k str {
    key.char_indices()
        .map(|(i, c)| &key[..i + c.len_utf8()])
        .find(|prefix| *prefix > before)
        .unwrap_or(key)
}

/// A JSON string of a key or a spelling: words hold only letters and
/// digits, but any escaping needed is done.
fn push_string(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *out, s).expect("strings serialise");
}

/// A number in digits of five bits, the lowest first, each but the last
/// with the sixth bit set.
fn push_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= 32 {
        out.push(DIGITS[(32 | (n & 31)) as usize]);
        n >>= 5;
    }
    out.push(DIGITS[n as usize]);
}

fn number_len(n: u32) -> usize {
    let bits = 32 - n.leading_zeros() as usize;
    bits.div_ceil(5).max(1)
}

/// A sorted list of distinct documents, whichever is shorter: the first
/// document and each gap minus one, or [`BITMAP`], the first document and
/// one bit per document from it to the last, six to a digit.
fn push_docs(out: &mut Vec<u8>, docs: &[u32]) {
    let (Some(&first), Some(&last)) = (docs.first(), docs.last()) else {
        return;
    };
    let bitmap_len = 1 + number_len(first) + ((last - first) / 6 + 1) as usize;
    let list_len = number_len(first) + docs.windows(2).map(|w| number_len(w[1] - w[0] - 1)).sum::<usize>();
    if bitmap_len < list_len {
        out.push(BITMAP);
        push_number(out, first);
        let start = out.len();
        out.resize(start + ((last - first) / 6 + 1) as usize, 0);
        for &doc in docs {
            let bit = doc - first;
            out[start + (bit / 6) as usize] |= 1 << (bit % 6);
        }
        for digit in &mut out[start..] {
            *digit = DIGITS[*digit as usize];
        }
    } else {
        push_number(out, first);
        for w in docs.windows(2) {
            push_number(out, w[1] - w[0] - 1);
        }
    }
}

/// Writes the search index of `dossier` to `sink`; returns its sizes.
/// With `previous`, what the last index kept, it reuses what is unchanged
/// and returns what this one keeps.
pub fn publish(
    dossier: &Dossier<'_>,
    catalog: &Catalog,
    sink: &dyn Sink,
    previous: Option<&Kept>,
) -> anyhow::Result<(IndexSize, Option<Kept>)> {
    let docs = documents(dossier, catalog);
    match previous {
        None => Ok((write_index(&docs, &catalog.ui, sink)?, None)),
        Some(previous) => write_index_keeping(&docs, &catalog.ui, sink, previous).map(|(size, kept)| (size, Some(kept))),
    }
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
    use crate::disk::output::MemorySink;

    fn doc(title: &str, text: &str) -> SearchDoc<'static> {
        SearchDoc {
            kind: ItemKind::Page,
            title: title.into(),
            url: "a/index.html".into(),
            fields: vec![Cow::Owned(text.into())],
        }
    }

    /// Every file of the index of `docs`, indexed in runs of `run`, and its sizes.
    fn files_in_runs(docs: &[SearchDoc<'_>], run: usize) -> (Files, IndexSize) {
        let sink = MemorySink::default();
        let (size, _) = write_index_in_runs(docs, &ui(), Runs::Fresh(run), &sink).unwrap();
        (sink.into_files(), size)
    }

    type Files = BTreeMap<String, Arc<[u8]>>;

    fn ui() -> BTreeMap<String, String> {
        BTreeMap::from([
            ("search_count".to_string(), "{n} kết quả".to_string()),
            ("title".to_string(), "x".to_string()),
        ])
    }

    fn files(docs: &[SearchDoc<'_>]) -> (Files, IndexSize) {
        files_in_runs(docs, docs.len().max(1))
    }

    /// The entry file's JSON.
    fn entry(files: &Files) -> serde_json::Value {
        let text = std::str::from_utf8(&files[INDEX_FILE]).unwrap();
        serde_json::from_str(text.strip_prefix("window.DOSSIER_SEARCH=").unwrap().strip_suffix(";\n").unwrap()).unwrap()
    }

    /// The data a chunk or fragment script hands to `DossierSearch.loaded`, checking its name.
    fn loaded(files: &Files, dir: &str, name: &str) -> serde_json::Value {
        let text = std::str::from_utf8(&files[&format!("{dir}{name}.js")]).unwrap();
        let call = format!("DossierSearch.loaded(\"{name}\",");
        serde_json::from_str(text.strip_prefix(&call).unwrap().strip_suffix(");\n").unwrap()).unwrap()
    }

    /// Every record of the index, in file order, whatever its layout.
    fn records(files: &Files) -> Vec<Vec<String>> {
        let entry = entry(files);
        let chunks: Vec<serde_json::Value> = match entry["dir"].as_str() {
            None => vec![entry["terms"].clone()],
            Some(dir) => (0..entry["chunks"].as_array().unwrap().len())
                .map(|n| loaded(files, dir, &format!("t/{n}")))
                .collect(),
        };
        chunks
            .iter()
            .flat_map(|c| c.as_array().unwrap().clone())
            .map(|r| r.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect())
            .collect()
    }

    fn record<'r>(records: &'r [Vec<String>], key: &str) -> Option<&'r Vec<String>> {
        records.iter().find(|r| r[0] == key)
    }

    fn digit(c: u8) -> u32 {
        DIGITS.iter().position(|&d| d == c).expect("a digit") as u32
    }

    fn read_number(s: &[u8], at: &mut usize) -> u32 {
        let (mut n, mut shift) = (0, 0);
        loop {
            let v = digit(s[*at]);
            *at += 1;
            n |= (v & 31) << shift;
            if v < 32 {
                return n;
            }
            shift += 5;
        }
    }

    /// A list of documents as the browser reads it.
    fn decode_docs(s: &str) -> Vec<u32> {
        let s = s.as_bytes();
        if s.is_empty() {
            return Vec::new();
        }
        if s[0] == BITMAP {
            let mut at = 1;
            let first = read_number(s, &mut at);
            let mut docs = Vec::new();
            for (i, &c) in s[at..].iter().enumerate() {
                for bit in 0..6 {
                    if digit(c) & (1 << bit) != 0 {
                        docs.push(first + i as u32 * 6 + bit);
                    }
                }
            }
            return docs;
        }
        let mut at = 0;
        let mut docs = vec![read_number(s, &mut at)];
        while at < s.len() {
            let gap = read_number(s, &mut at);
            docs.push(docs.last().unwrap() + gap + 1);
        }
        docs
    }

    fn counts(s: &str) -> Vec<u32> {
        s.bytes().map(digit).collect()
    }

    /// A term record's spellings and their documents.
    fn spellings(record: &[String]) -> BTreeMap<&str, Vec<u32>> {
        let docs = decode_docs(&record[1]);
        record[4..]
            .chunks(2)
            .map(|f| (f[0].as_str(), if f[1].is_empty() { docs.clone() } else { decode_docs(&f[1]) }))
            .collect()
    }

    /// Documents whose words are all their own (`w{i}x{k}`), so the index
    /// has many records and is split.
    fn many(n: usize) -> Vec<SearchDoc<'static>> {
        (0..n)
            .map(|i| {
                let words: Vec<String> = (0..12).map(|k| format!("w{i}x{k}")).collect();
                doc(&format!("Trang {i}"), &format!("hội đàm {}", words.join(" ")))
            })
            .collect()
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(
            words("Đà Nẵng, 81,5 tỷ USD (Lee Jae-myung)").collect::<Vec<_>>(),
            ["Đà", "Nẵng", "81", "5", "tỷ", "USD", "Lee", "Jae", "myung"]
        );
    }

    #[test]
    fn words_are_cut_as_by_splitting_on_non_word_characters() {
        let texts = [
            "",
            "  ",
            "a",
            "Đà Nẵng—Seoul…",
            "x\u{a0}y\u{3000}z",
            "日本語 한국어 ٣٤",
            "e\u{301}t\u{301}",
            "a_b-c'd",
            "😀ok😀",
            "a×b÷c ÀÿĀɏɐʰ Ḁỹἀ x\u{1680}y\u{2000}z",
        ];
        for text in texts {
            let split: Vec<&str> = text
                .split(|c: char| !crate::text::fold::is_word_char(c))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words(text).collect::<Vec<_>>(), split, "{text:?}");
        }
    }

    #[test]
    fn a_row_holds_the_text_collapsed_and_escaped_in_one_pass() {
        let fields = [
            "  say \"hi\"\\ \n",
            "",
            "tab\there\u{a0}nbsp\u{3000}ideo\u{2028}ls",
            "ctl\u{1}x\u{7f}",
            "next",
            "Đà Nẵng\u{85}",
            "x\u{1680}y\u{2009}z\u{202f}ạ\u{1e9e}ế\u{3000}",
        ];
        let d = SearchDoc {
            kind: ItemKind::Page,
            title: "T".into(),
            url: "u".into(),
            fields: fields.iter().map(|f| Cow::Borrowed(*f)).collect(),
        };
        let mut out = Vec::new();
        let bytes = push_row(&mut out, &d);
        let row: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(row[3], d.text());
        assert_eq!(
            row[3],
            "say \"hi\"\\ tab here nbsp ideo ls ctl\u{1}x\u{7f} next Đà Nẵng x y z ạ\u{1e9e}ế"
        );
        assert_eq!(bytes, d.title.len() + d.text().len());
    }

    #[test]
    fn numbers_and_lists_of_documents_read_back_as_written() {
        for n in [0, 1, 31, 32, 1023, 1024, 40_000, u32::MAX] {
            let mut out = Vec::new();
            push_number(&mut out, n);
            assert_eq!(out.len(), number_len(n), "{n}");
            assert_eq!(read_number(&out, &mut 0), n);
        }
        let sparse = [3, 900, 70_000];
        let dense: Vec<u32> = (100..400).filter(|d| d % 3 != 0).collect();
        for docs in [&sparse[..], &dense[..], &[7][..], &[][..]] {
            let mut out = Vec::new();
            push_docs(&mut out, docs);
            assert_eq!(decode_docs(std::str::from_utf8(&out).unwrap()), docs);
        }
        let mut out = Vec::new();
        push_docs(&mut out, &dense);
        assert_eq!(out[0], BITMAP, "two documents in three: a bitmap");
        assert!(out.len() < dense.len() / 2, "{} digits for {} documents", out.len(), dense.len());
        out.clear();
        push_docs(&mut out, &sparse);
        assert_ne!(out[0], BITMAP, "three documents far apart: a list of gaps");
    }

    #[test]
    fn a_small_index_is_one_file_with_terms_spellings_pairs_and_rows() {
        let (files, size) = files(&[doc("Hội đàm", "hội đàm tại Đà Nẵng"), doc("Hoi", "hoi dam")]);
        assert_eq!(files.keys().collect::<Vec<_>>(), [INDEX_FILE], "one file");
        assert_eq!(size.layout, Layout::Single);
        assert_eq!(
            (size.files, size.index_bytes, size.entry_bytes),
            (1, files[INDEX_FILE].len(), files[INDEX_FILE].len())
        );
        let json = entry(&files);
        assert_eq!(json["version"], FORMAT_VERSION);
        assert_eq!(
            json["ui"],
            serde_json::json!({"search_count": "{n} kết quả"}),
            "only the search box's strings"
        );
        assert_eq!(json["docs"], 2);
        assert_eq!(json["rows"][1], serde_json::json!(["page", "Hoi", "a/index.html", "hoi dam"]));
        let records = records(&files);
        let hoi = record(&records, "hoi").unwrap();
        assert_eq!(decode_docs(&hoi[1]), [0, 1]);
        assert_eq!(counts(&hoi[2]), [2, 2], "twice in each: title and text");
        assert_eq!(decode_docs(&hoi[3]), [0, 1], "in both titles");
        assert_eq!(spellings(hoi), BTreeMap::from([("hoi", vec![1]), ("hội", vec![0])]));
        let da = record(&records, "da").unwrap();
        assert_eq!((decode_docs(&da[1]), decode_docs(&da[3])), (vec![0], vec![]), "not in a title");
        assert_eq!(spellings(da), BTreeMap::from([("đà", vec![0])]));
        assert_eq!(decode_docs(&record(&records, "hoi dam").unwrap()[1]), [0, 1]);
        assert_eq!(decode_docs(&record(&records, "da nang").unwrap()[1]), [0]);
        assert!(record(&records, "dam hoi").is_none(), "no pair across the title and the text");
        assert!(record(&records, "hoi hoi").is_none());
        let keys: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys sorted: {keys:?}");
        assert_eq!(size.terms, 5, "da, dam, hoi, nang, tai");
        assert_eq!(size.text_bytes, "Hội đàm".len() + "hội đàm tại Đà Nẵng".len() + 3 + 7);
    }

    #[test]
    fn a_spelling_with_the_terms_documents_ships_them_once() {
        let (files, _) = files(&[doc("Seoul", "Seoul"), doc("x", "seoul")]);
        let seoul = record(&records(&files), "seoul").unwrap().clone();
        assert_eq!(seoul[4..], ["seoul".to_string(), String::new()]);
        assert_eq!(counts(&seoul[2]), [2, 1]);
    }

    #[test]
    fn a_count_is_capped() {
        let text = vec!["hội"; 100].join(" ");
        let (files, _) = files(&[doc("x", &text)]);
        assert_eq!(counts(&record(&records(&files), "hoi").unwrap()[2]), [u32::from(COUNT_CAP)]);
    }

    #[test]
    fn a_large_index_is_split_into_chunks_by_key_range_and_a_fragment_per_document() {
        let docs = many(400);
        let (files, size) = files(&docs);
        let json = entry(&files);
        let dir = json["dir"].as_str().unwrap().to_string();
        assert!(dir.starts_with(&format!("{INDEX_DIR}/")) && dir.ends_with('/'), "{dir}");
        let bounds: Vec<&str> = json["chunks"].as_array().unwrap().iter().map(|b| b.as_str().unwrap()).collect();
        assert_eq!(size.layout, Layout::Split { chunks: bounds.len() });
        assert!(bounds.len() > 3, "{} chunks", bounds.len());
        assert_eq!(bounds[0], "");
        assert!(bounds.windows(2).all(|w| w[0] < w[1]), "bounds sorted");
        for (n, bound) in bounds.iter().enumerate() {
            let chunk = loaded(&files, &dir, &format!("t/{n}"));
            let keys: Vec<&str> = chunk.as_array().unwrap().iter().map(|r| r[0].as_str().unwrap()).collect();
            assert!(keys.iter().all(|k| *k >= *bound), "chunk {n} starts at {bound}");
            if let Some(next) = bounds.get(n + 1) {
                assert!(keys.iter().all(|k| *k < *next), "chunk {n} ends before {next}");
                assert!(keys.last().unwrap().len() + 1 >= next.len(), "bounds are shortened: {next}");
            }
        }
        for n in [0, 399] {
            let row = loaded(&files, &dir, &format!("d/{n}"));
            assert_eq!(row[1], format!("Trang {n}"));
            assert!(row[3].as_str().unwrap().starts_with("hội đàm w"));
        }
        assert!(json.get("rows").is_none() && json.get("terms").is_none());
        assert_eq!(size.files, files.len());
        assert_eq!(size.files, 1 + bounds.len() + docs.len());
        assert_eq!(size.index_bytes, files.values().map(|f| f.len()).sum::<usize>());
        assert_eq!(size.entry_bytes, files[INDEX_FILE].len());
        assert!(size.entry_bytes < 2048, "the entry file is small: {}", size.entry_bytes);
        let hoi = record(&records(&files), "hoi").unwrap().clone();
        assert_eq!(decode_docs(&hoi[1]), (0..400).collect::<Vec<_>>());
        assert_eq!(hoi[1].as_bytes()[0], BITMAP);
    }

    #[test]
    fn indexing_in_runs_gives_the_files_of_one_run() {
        let texts = [
            "Hội đàm tại Seoul",
            "hoi dam",
            "HỘI ĐÀM Đà Nẵng",
            "",
            "Seoul, Đà Nẵng và Hà Nội",
            "hội",
        ];
        let small: Vec<SearchDoc> = texts.iter().enumerate().map(|(i, t)| doc(&format!("Trang {i}"), t)).collect();
        let large = many(300);
        for docs in [&small, &large] {
            let whole = files_in_runs(docs, docs.len());
            for run in [1, 2, 5, 64, 299] {
                assert!(files_in_runs(docs, run) == whole, "{} documents in runs of {run}", docs.len());
            }
        }
        let (empty, size) = files(&[]);
        assert_eq!(size.layout, Layout::Single);
        assert_eq!(entry(&empty)["rows"], serde_json::json!([]));
        assert_eq!(records(&empty), Vec::<Vec<String>>::new());
    }

    /// The files of an index kept from `previous`, and what it keeps.
    fn files_keeping(docs: &[SearchDoc<'_>], previous: &Kept) -> (Files, Kept) {
        let sink = MemorySink::default();
        let (_, kept) = write_index_keeping(docs, &ui(), &sink, previous).unwrap();
        (sink.into_files(), kept)
    }

    #[test]
    fn a_kept_index_gives_the_files_of_a_fresh_one_and_reindexes_only_changed_groups() {
        let mut docs = many(3 * DOCS_PER_HASH + 10);
        let (files, kept) = files_keeping(&docs, &Kept::default());
        assert!(files == self::files(&docs).0);
        assert_eq!(kept.groups.len(), 4);
        // One document edited, then one added at the end, then the first removed.
        docs[DOCS_PER_HASH + 3].fields[0] = Cow::Borrowed("hội đàm khác hẳn");
        let (files, next) = files_keeping(&docs, &kept);
        assert!(files == self::files(&docs).0, "after an edit");
        let reused = next
            .groups
            .values()
            .filter(|g| kept.groups.values().any(|k| Arc::ptr_eq(g, k)))
            .count();
        assert_eq!(reused, 3, "only the edited document's group is indexed again");
        let fragment = |files: &Files, n: usize| files[&format!("{}d/{n}.js", entry(files)["dir"].as_str().unwrap())].clone();
        docs.push(doc("Trang mới", "hội nghị mới"));
        let (added, kept) = files_keeping(&docs, &next);
        assert!(added == self::files(&docs).0, "after an addition");
        assert!(
            Arc::ptr_eq(&fragment(&files, 0), &fragment(&added, 0)),
            "an unchanged group's fragments are kept"
        );
        docs.remove(0);
        let (removed, _) = files_keeping(&docs, &kept);
        assert!(removed == self::files(&docs).0, "after a removal");
        let (small, _) = files_keeping(&docs[..3], &kept);
        assert!(small == self::files(&docs[..3]).0, "a single-file index");
    }

    #[test]
    fn the_index_is_deterministic_and_its_folder_changes_with_the_documents() {
        let docs = many(300);
        let (first, _) = files(&docs);
        assert!(first == files(&docs).0);
        let mut changed = docs.clone();
        changed[7].fields[0] = Cow::Borrowed("hội đàm khác");
        let (second, _) = files(&changed);
        assert_ne!(entry(&first)["dir"], entry(&second)["dir"]);
    }

    #[test]
    fn a_documents_fields_ship_as_one_text_with_white_space_collapsed() {
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
        let (files, size) = files(std::slice::from_ref(&d));
        assert_eq!(entry(&files)["rows"][0][3], "10/8 Seoul, Hàn Quốc");
        let records = records(&files);
        assert!(record(&records, "seoul han").is_some(), "a field's words stand together");
        assert!(record(&records, "8 seoul").is_none(), "a phrase never spans two fields");
        assert_eq!(size.text_bytes, "Hội đàm".len() + "10/8 Seoul, Hàn Quốc".len());
    }

    #[test]
    fn a_bound_is_the_shortest_beginning_that_sorts_after_the_chunk_before() {
        assert_eq!(shortest_after("hoi dam", "hoi"), "hoi ");
        assert_eq!(shortest_after("han", "ha quoc"), "han");
        assert_eq!(shortest_after("seoul", "hoi"), "s");
        assert_eq!(shortest_after("đà", "d"), "đ");
    }

    /// The chunks the browser loads for a word being typed, `typed` folded:
    /// the one its range begins in, and each after it whose bound begins
    /// with it (`chunksFor` in `search.js`).
    fn chunks_for_prefix(bounds: &[&str], typed: &str) -> Vec<usize> {
        let start = bounds.iter().rposition(|b| *b <= typed).unwrap();
        (start..bounds.len())
            .take_while(|&n| n == start || bounds[n].starts_with(typed))
            .collect()
    }

    /// The cases `tests/fold_cases.txt` shares with the browser: `kind` lines.
    fn shared_cases(kind: &str) -> Vec<Vec<&'static str>> {
        let cases: Vec<Vec<&str>> = include_str!("../../tests/fold_cases.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|c| c[0] == kind)
            .map(|c| c[1..].to_vec())
            .collect();
        assert!(cases.len() >= 3, "{kind} cases");
        cases
    }

    #[test]
    fn shared_cases_words_are_cut_and_folded_as_listed() {
        for case in shared_cases("words") {
            let folded: Vec<String> = words(case[0]).map(|w| fold(&w.to_lowercase())).collect();
            assert_eq!(folded.join(" "), case[1], "words of {:?}", case[0]);
        }
    }

    #[test]
    fn shared_cases_phrases_are_indexed_under_the_listed_pairs() {
        for case in shared_cases("phrase") {
            let (files, _) = files(&[doc("", case[0])]);
            let pairs: Vec<String> = records(&files)
                .into_iter()
                .map(|r| r[0].clone())
                .filter(|k| k.contains(' '))
                .collect();
            let mut expected: Vec<&str> = case[1].split('|').filter(|p| !p.is_empty()).collect();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(pairs, expected, "pairs of {:?}", case[0]);
        }
    }

    #[test]
    fn shared_cases_a_word_being_typed_finds_the_words_it_begins() {
        let mut docs = many(300);
        let cases = shared_cases("prefix");
        for case in &cases {
            docs.push(doc("", case[1]));
        }
        let (files, _) = files(&docs);
        let json = entry(&files);
        let dir = json["dir"].as_str().unwrap();
        let bounds: Vec<&str> = json["chunks"].as_array().unwrap().iter().map(|b| b.as_str().unwrap()).collect();
        for case in &cases {
            let (typed, word) = (fold(&case[0].to_lowercase()), fold(&case[1].to_lowercase()));
            let found = chunks_for_prefix(&bounds, &typed).into_iter().any(|n| {
                let chunk = loaded(&files, dir, &format!("t/{n}"));
                chunk
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r[0] == word.as_str() && word.starts_with(&typed))
            });
            assert_eq!(found, case[2] == "yes", "typing {:?} finds {:?}", case[0], case[1]);
        }
    }

    #[test]
    fn shared_cases_keys_sort_as_listed() {
        for case in shared_cases("order") {
            assert!(case[0] < case[1], "{:?} sorts before {:?}", case[0], case[1]);
        }
    }
}
