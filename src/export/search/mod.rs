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
//! of neighbouring folded terms after a space (` da nang`). Sorted
//! bytewise, every pair comes before every term (a space sorts before every
//! letter and digit), so the terms lie together in chunks of their own: a
//! word being typed, the terms it is a prefix of, is one range of keys, in
//! one chunk or a few neighbouring ones, that no pair cuts into (the pairs
//! of a common word fill chunks). A term's record holds its documents, how often it occurs in each
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
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::disk::output::{Sink, Stored};
use crate::keep::{Key, KeyHasher};
use crate::parse::content::Metric;
use crate::parse::i18n::Catalog;
use crate::resolve::citation::Citation;
use crate::resolve::model::{Dossier, Fact, ItemKind, Medium};

mod records;
mod run;

use crate::text::fold::Folding;
use records::{Records, chunk_bounds, cut_into_chunks, push_records, push_string};
use run::Run;

/// Site path of the index's entry script.
pub const INDEX_FILE: &str = "search-index.js";
/// The folder of every other file of the index (its chunks and fragments);
/// nothing else is written there.
pub const INDEX_DIR: &str = "search-index";

/// Whether the site path `path` is one of an index's files: the default
/// edition's, or another edition's under its folder (`en/search-index.js`).
pub fn is_index_file(path: &str) -> bool {
    let of_edition = |path: &str| path == INDEX_FILE || path.strip_prefix(INDEX_DIR).is_some_and(|rest| rest.starts_with('/'));
    of_edition(path) || path.split_once('/').is_some_and(|(_, rest)| of_edition(rest))
}

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
/// Begins a pair's key, before its two terms: sorts every pair before
/// every term.
const PAIR: char = ' ';
/// Bump when the files' format changes: it is part of every build's `<id>`.
const FORMAT_VERSION: u32 = 3;

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

    /// The key of what its fragment holds.
    fn key(&self) -> Key {
        let mut key = KeyHasher::default();
        for part in [self.kind.as_str(), self.url.as_str()].into_iter().chain(self.parts()) {
            key.part(part.as_bytes());
        }
        key.key()
    }
}

/// The words of `text` as the index and the browser cut them: runs of letters
/// and digits (`\p{Alphabetic}` and `\p{N}`).
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`]. Most bytes tell by themselves whether they
/// go on a word or end it ([`BYTES`]): ASCII, the bytes after a
/// character's first and the first bytes of U+0100–U+023F, which covers
/// most of the Latin letters of Vietnamese, so that a word is mostly cut
/// at a table lookup per byte; other characters are told apart by
/// `is_word_char` (a closure given to `str::split` was not inlined, and
/// cutting words was most of the index's time).
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    /// What the byte at `at` tells ([`BYTES`]).
    #[inline(always)]
    fn byte(&self, at: usize) -> Byte {
        BYTES[usize::from(self.text.as_bytes()[at])]
    }

    /// The first byte from `at` on that is not `class` in [`BYTES`], or the end.
    #[inline(always)]
    fn skip_class(&self, mut at: usize, class: Byte) -> usize {
        while at < self.text.len() && self.byte(at) == class {
            at += 1;
        }
        at
    }

    /// Whether the character at byte `at`, whose first byte is `Check` in
    /// [`BYTES`], is a word's, and its length. The Latin letters of
    /// Vietnamese are told from their first two bytes (U+00C0–U+00FF but ×
    /// and ÷, U+0240–U+024F, U+1E00–U+1EFF); other characters are decoded.
    #[inline(never)]
    fn check(&self, at: usize) -> (bool, usize) {
        let bytes = self.text.as_bytes();
        match bytes[at] {
            0xc3 => (!matches!(bytes[at + 1], 0x97 | 0xb7), 2),
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
        let len = self.text.len();
        // Up to the first character of a word: a byte that goes on one
        // here is the first of its character.
        let mut at = self.at;
        let start = loop {
            at = self.skip_class(at, Byte::End);
            if at == len {
                self.at = len;
                return None;
            }
            if self.byte(at) == Byte::On {
                break at;
            }
            match self.check(at) {
                (true, _) => break at,
                (false, n) => at += n,
            }
        };
        // To its end.
        loop {
            at = self.skip_class(at, Byte::On);
            if at == len || self.byte(at) == Byte::End {
                break;
            }
            match self.check(at) {
                (true, n) => at += n,
                (false, _) => break,
            }
        }
        self.at = at;
        Some(&self.text[start..at])
    }
}

/// What a byte tells of a word, met where a character begins or inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Byte {
    /// It goes on a word (or begins one).
    On,
    /// It ends a word: ASCII but letters and digits.
    End,
    /// It begins a character that may or may not be a word's.
    Check,
}

/// Each byte's [`Byte`]: `On` for ASCII letters and digits, the bytes
/// after a character's first (0x80–0xBF, part of whatever their character
/// is) and the first bytes of U+0100–U+023F (0xC4–0xC8, all letters);
/// `End` for the rest of ASCII; `Check` for every other first byte.
static BYTES: [Byte; 256] = {
    let mut table = [Byte::Check; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = if (b as u8).is_ascii_alphanumeric() { Byte::On } else { Byte::End };
        b += 1;
    }
    let mut b = 0x80;
    while b <= 0xbf {
        table[b] = Byte::On;
        b += 1;
    }
    let mut b = 0xc4;
    while b <= 0xc8 {
        table[b] = Byte::On;
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

/// The edition an index is for: its interface strings (of which the index
/// ships the search box's own, `search*`) and how its words are folded.
#[derive(Debug, Clone, Copy)]
pub struct Language<'a> {
    pub ui: &'a BTreeMap<String, String>,
    pub folding: Folding,
}

/// Writes the index of `docs` to `sink`: the entry file [`INDEX_FILE`] and,
/// when split, the chunks and fragments under [`INDEX_DIR`].
/// Runs of documents are indexed in parallel; chunks and fragments are
/// formatted and written in parallel; the output does not depend on how
/// the work was divided.
pub fn write_index(docs: &[SearchDoc<'_>], language: Language<'_>, sink: &dyn Sink) -> Result<IndexSize> {
    let run = docs.len().div_ceil(rayon::current_num_threads() * 4).max(64);
    write_index_in_runs(docs, language, run, sink)
}

/// [`write_index`], the documents indexed in runs of `run`.
fn write_index_in_runs(docs: &[SearchDoc<'_>], language: Language<'_>, run: usize, sink: &dyn Sink) -> Result<IndexSize> {
    let run = run.clamp(1, run::MAX_RUN);
    let runs: Vec<Run> = docs
        .par_chunks(run)
        .enumerate()
        .map(|(i, chunk)| Run::build((i * run) as u32, chunk, language.folding))
        .collect();
    let runs: Vec<&Run> = runs.iter().collect();
    let id = build_id(&doc_keys(docs), language.folding);
    write_records(docs, language, &Records::of(&runs), &id, None, sink).map(|(size, _)| size)
}

/// What a kept index reuses of its files: each group's fragments (and
/// keeps there those it formats), and the last index's chunks.
#[derive(Debug, Clone, Copy)]
struct KeptFiles<'k> {
    groups: &'k [Arc<Group>],
    chunks: &'k FxHashMap<Key, Stored>,
}

/// What an index keeps for the next one (`serve`): each document's key,
/// each group of [`DOCS_PER_GROUP`] documents' run and fragments, and the
/// records. An edit re-indexes the edited documents' groups and makes the
/// records of their terms again; the rest is reused.
#[derive(Debug, Default)]
pub struct Kept {
    /// What the runs were folded by: nothing is reused for another folding.
    folding: Folding,
    docs: Vec<Key>,
    groups: Vec<Arc<Group>>,
    records: Records,
    /// The chunks' files, by the key of their bytes: a rebuild's chunk
    /// whose bytes are unchanged is not compressed again (an edit changes
    /// a few chunks, but every build writes them to a folder of its own).
    chunks: FxHashMap<Key, Stored>,
}

/// The documents are indexed in groups of this many when the index is
/// kept: a changed document's group is indexed again.
const DOCS_PER_GROUP: usize = 256;
const _: () = assert!(DOCS_PER_GROUP <= run::MAX_RUN, "a group is one run");

/// Past this many changed documents, the records are all made again
/// rather than term by term.
const MAX_CHANGED: usize = 64;

/// One group's run, and its fragments once a split index wrote them, by
/// the group's key (its documents' keys and their numbers).
#[derive(Debug)]
struct Group {
    key: Key,
    run: Run,
    fragments: OnceLock<Fragments>,
}

/// A group's fragment files, and the bytes of text they hold.
#[derive(Debug)]
struct Fragments {
    files: Vec<Stored>,
    text_bytes: usize,
}

/// As [`write_index`], reusing what `previous` kept of the documents that
/// are unchanged; returns what to keep for the next index. The files are
/// the same as [`write_index`]'s, byte for byte.
pub fn write_index_keeping(docs: &[SearchDoc<'_>], language: Language<'_>, sink: &dyn Sink, previous: &Kept) -> Result<(IndexSize, Kept)> {
    let none = Kept::default();
    let previous = if previous.folding == language.folding { previous } else { &none };
    let keys = doc_keys(docs);
    let groups: Vec<Arc<Group>> = docs
        .par_chunks(DOCS_PER_GROUP)
        .zip(keys.par_chunks(DOCS_PER_GROUP))
        .enumerate()
        .map(|(i, (chunk, doc_keys))| {
            let mut key = KeyHasher::default();
            key.part(&(i as u64).to_le_bytes());
            doc_keys.iter().for_each(|&k| {
                key.key_part(k);
            });
            let key = key.key();
            match previous.groups.get(i) {
                Some(group) if group.key == key => group.clone(),
                _ => {
                    let run = Run::build((i * DOCS_PER_GROUP) as u32, chunk, language.folding);
                    run.prepare_lookup();
                    Arc::new(Group {
                        key,
                        run,
                        fragments: OnceLock::new(),
                    })
                }
            }
        })
        .collect();
    let runs: Vec<&Run> = groups.iter().map(|g| &g.run).collect();
    let records = match changed(&previous.docs, &keys) {
        Some(changed) => {
            let before: Vec<&Run> = previous.groups.iter().map(|g| &g.run).collect();
            previous.records.update(&before, &runs, &changed)
        }
        None => Records::of(&runs),
    };
    let kept = Some(KeptFiles {
        groups: &groups,
        chunks: &previous.chunks,
    });
    let (size, chunks) = write_records(docs, language, &records, &build_id(&keys, language.folding), kept, sink)?;
    Ok((
        size,
        Kept {
            folding: language.folding,
            docs: keys,
            groups,
            records,
            chunks,
        },
    ))
}

/// The numbers of the documents whose keys differ from `before` to
/// `after`, when none was added or removed and at most [`MAX_CHANGED`]
/// changed.
fn changed(before: &[Key], after: &[Key]) -> Option<Vec<u32>> {
    if before.len() != after.len() {
        return None;
    }
    let changed: Vec<u32> = (0..after.len() as u32)
        .filter(|&n| before[n as usize] != after[n as usize])
        .collect();
    (changed.len() <= MAX_CHANGED).then_some(changed)
}

/// Writes the index of `docs` whose records are `records`, in the folder
/// `id`, reusing what `kept` holds when the index is kept; returns its
/// sizes and, when kept, its chunks' files by key.
fn write_records(
    docs: &[SearchDoc<'_>],
    language: Language<'_>,
    records: &Records,
    id: &str,
    kept: Option<KeptFiles<'_>>,
    sink: &dyn Sink,
) -> Result<(IndexSize, FxHashMap<Key, Stored>)> {
    let terms = records.terms();
    let records = records.all();
    let chunks = cut_into_chunks(&records);
    let search_ui: BTreeMap<&String, &String> = language.ui.iter().filter(|(k, _)| k.starts_with("search")).collect();
    // Vietnamese folding is the script's own: only another is named.
    let folding = match language.folding {
        Folding::Vietnamese => String::new(),
        other => format!(",\"folding\":\"{}\"", other.name()),
    };
    let head = format!(
        "window.DOSSIER_SEARCH={{\"version\":{FORMAT_VERSION},\"ui\":{}{folding},\"docs\":{}",
        serde_json::to_string(&search_ui).expect("strings serialise"),
        docs.len()
    );
    let split_entry = format!(
        "{head},\"dir\":\"{INDEX_DIR}/{id}/\",\"chunks\":{}}};\n",
        serde_json::to_string(&chunk_bounds(&records, &chunks)).expect("strings serialise")
    );
    let record_bytes: usize = records.iter().map(|r| r.len() + 1).sum();
    let fragment_bytes: usize = docs.iter().map(SearchDoc::fragment_estimate).sum();
    let single_bytes = head.len() + record_bytes + fragment_bytes + 32;
    let first_query_bytes = split_entry.len()
        + 2 * record_bytes / chunks.len().max(1)
        + FIRST_QUERY_FRAGMENTS.min(docs.len()) * fragment_bytes / docs.len().max(1);
    if single_bytes <= first_query_bytes {
        write_single(docs, &head, &records, sink, terms).map(|size| (size, FxHashMap::default()))
    } else {
        let index = Split {
            entry: &split_entry,
            records: &records,
            chunks: &chunks,
            id,
            terms,
        };
        index.write(docs, kept, sink)
    }
}

/// Each document's key: of what its fragment holds.
fn doc_keys(docs: &[SearchDoc<'_>]) -> Vec<Key> {
    docs.par_iter().map(SearchDoc::key).collect()
}

/// Eight bytes of the key of every document (and of the folding), in hex:
/// names the folder of one build's chunks and fragments.
fn build_id(docs: &[Key], folding: Folding) -> String {
    let mut key = KeyHasher::default();
    key.part(&FORMAT_VERSION.to_le_bytes());
    if folding != Folding::Vietnamese {
        key.part(folding.name().as_bytes());
    }
    docs.iter().for_each(|&k| {
        key.key_part(k);
    });
    key.key().to_hex()[..16].to_string()
}

/// The whole index in the entry file: the records as one chunk, and every
/// document's row.
fn write_single(docs: &[SearchDoc<'_>], head: &str, records: &[&[u8]], sink: &dyn Sink, terms: usize) -> Result<IndexSize> {
    let mut out = Vec::with_capacity(head.len() + records.iter().map(|r| r.len() + 1).sum::<usize>());
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
    records: &'a [&'a [u8]],
    chunks: &'a [std::ops::Range<usize>],
    id: &'a str,
    terms: usize,
}

impl Split<'_> {
    /// Writes the entry file, the chunks and a fragment per document, in
    /// parallel. With `kept` (an index that is kept), each group's
    /// fragments are formatted once and kept in it, and a chunk the last
    /// index wrote the same is taken from it; returns the chunks' files
    /// then, by key.
    fn write(&self, docs: &[SearchDoc<'_>], kept: Option<KeptFiles<'_>>, sink: &dyn Sink) -> Result<(IndexSize, FxHashMap<Key, Stored>)> {
        let Split {
            entry,
            records,
            chunks,
            id,
            terms,
        } = *self;
        let written: Vec<(usize, Option<(Key, Stored)>)> = chunks
            .par_iter()
            .enumerate()
            .map(|(n, range)| -> Result<_> {
                let name = format!("t/{n}");
                let mut out = loaded_call(&name);
                push_records(&mut out, &records[range.clone()]);
                out.extend_from_slice(b");\n");
                let path = format!("{INDEX_DIR}/{id}/{name}.js");
                let Some(kept) = kept else {
                    sink.put(&path, &out)?;
                    return Ok((out.len(), None));
                };
                let (len, key) = (out.len(), Key::of(&out));
                let stored = match kept.chunks.get(&key) {
                    Some(stored) => stored.clone(),
                    None => sink.store(out),
                };
                sink.put_stored(&path, &stored)?;
                Ok((len, Some((key, stored))))
            })
            .collect::<Result<_>>()?;
        let chunk_bytes = written.iter().map(|(len, _)| len).sum::<usize>();
        let kept_chunks = written.into_iter().filter_map(|(_, chunk)| chunk).collect();
        // A fragment's file, and the bytes of text it holds.
        let fragment = |n: usize, doc: &SearchDoc<'_>| {
            let mut out = loaded_call(&format!("d/{n}"));
            let text = push_row(&mut out, doc);
            out.extend_from_slice(b");\n");
            (out, text)
        };
        let path = |n: usize| format!("{INDEX_DIR}/{id}/d/{n}.js");
        let (fragment_bytes, text_bytes) = match kept.map(|k| k.groups) {
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
                .par_chunks(DOCS_PER_GROUP)
                .zip(groups)
                .enumerate()
                .map(|(g, (chunk, group))| -> Result<(usize, usize)> {
                    let first = g * DOCS_PER_GROUP;
                    let fragments = group.fragments.get_or_init(|| {
                        let (files, texts): (Vec<Stored>, Vec<usize>) = chunk
                            .iter()
                            .enumerate()
                            .map(|(n, doc)| {
                                let (out, text) = fragment(first + n, doc);
                                (sink.store(out), text)
                            })
                            .unzip();
                        Fragments {
                            files,
                            text_bytes: texts.iter().sum(),
                        }
                    });
                    let mut bytes = 0;
                    for (n, out) in fragments.files.iter().enumerate() {
                        sink.put_stored(&path(first + n), out)?;
                        bytes += out.len();
                    }
                    Ok((bytes, fragments.text_bytes))
                })
                .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))?,
        };
        sink.put(INDEX_FILE, entry.as_bytes())?;
        let size = IndexSize {
            docs: docs.len(),
            terms,
            text_bytes,
            index_bytes: entry.len() + chunk_bytes + fragment_bytes,
            entry_bytes: entry.len(),
            files: 1 + chunks.len() + docs.len(),
            layout: Layout::Split { chunks: chunks.len() },
        };
        Ok((size, kept_chunks))
    }
}

/// The start of a chunk's or a fragment's script: it hands its data, named
/// by its path under the build's folder, to `search.js`.
fn loaded_call(name: &str) -> Vec<u8> {
    format!("DossierSearch.loaded(\"{name}\",").into_bytes()
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
/// in one pass over the bytes: the runs between two bytes that need a
/// change ([`next_change`], found a block at a time) are copied at once,
/// so that a field costs about a copy however many Vietnamese letters and
/// typographic marks it holds (one character at a time, they were a tenth
/// of the index's time). Returns the bytes of text written, before
/// escaping.
fn push_collapsed(out: &mut Vec<u8>, field: &str, started: &mut bool) -> usize {
    let bytes = field.as_bytes();
    let mut written = 0;
    // Whether white space came since the last word (or the field began).
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
        let mut end = next_change(bytes, at);
        // A single space before other white space (or the end) is part of that run.
        if end > at && bytes[end - 1] == b' ' && (end == bytes.len() || char_at(field, end).1) {
            end -= 1;
        }
        if end > at {
            out.extend_from_slice(&bytes[at..end]);
            written += end - at;
            at = end;
        } else if !char_at(field, at).1 {
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

/// Whether `bytes`, a field's text, is written as it is by
/// [`push_collapsed`]: not empty, no white space at either end nor two
/// white space characters in a row, no white space but single spaces, no
/// quote, backslash or control character.
#[cfg(test)]
fn is_collapsed(bytes: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first != b' ' && last != b' ' && next_change(bytes, 0) == bytes.len()
}

/// The first byte from `from` on that [`push_collapsed`] changes or
/// escapes ([`needs_change`]), or the end. Blocks of bytes are checked
/// whole, without branches, so that it runs at about the speed of a copy;
/// the byte is then looked for in its block.
fn next_change(bytes: &[u8], from: usize) -> usize {
    const BLOCK: usize = 64;
    let n = bytes.len();
    let mut start = from;
    // Each byte with the two after it, while both are in the field.
    while start + 2 < n {
        let end = (start + BLOCK).min(n - 2);
        let unfit = bytes[start..end]
            .iter()
            .zip(&bytes[start + 1..end + 1])
            .zip(&bytes[start + 2..end + 2])
            .fold(false, |unfit, ((&a, &b), &c)| unfit | needs_change(a, b, c));
        if unfit {
            return (start..end)
                .find(|&i| needs_change(bytes[i], bytes[i + 1], bytes[i + 2]))
                .expect("the block holds it");
        }
        start = end;
    }
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    (start..n).find(|&i| needs_change(bytes[i], at(i + 1), at(i + 2))).unwrap_or(n)
}

/// Whether the byte `a`, followed by `b` and `c`, is one that
/// [`push_collapsed`] changes or escapes: a control character, a quote, a
/// backslash, a space before another space (a space before other white
/// space is found at that white space), or the first byte of non-ASCII
/// white space (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
/// U+202F, U+205F, U+3000). Written with `&` and `|` so that it vectorises.
#[inline(always)]
fn needs_change(a: u8, b: u8, c: u8) -> bool {
    (a < 0x20)
        | (a == b'"')
        | (a == b'\\')
        | ((a == b' ') & (b == b' '))
        | ((a == 0xc2) & ((b == 0x85) | (b == 0xa0)))
        | ((a == 0xe1) & (b == 0x9a) & (c == 0x80))
        | ((a == 0xe2) & (b == 0x80) & ((c <= 0x8a) | (c == 0xa8) | (c == 0xa9) | (c == 0xaf)))
        | ((a == 0xe2) & (b == 0x81) & (c == 0x9f))
        | ((a == 0xe3) & (b == 0x80) & (c == 0x80))
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
    let language = Language {
        ui: &catalog.ui,
        folding: Folding::for_language(&catalog.code),
    };
    match previous {
        None => Ok((write_index(&docs, language, sink)?, None)),
        Some(previous) => write_index_keeping(&docs, language, sink, previous).map(|(size, kept)| (size, Some(kept))),
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
            let body = Cow::Borrowed(dossier.body(i, Medium::Pages).map_or("", |b| b.text.as_str()));
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
mod tests;
