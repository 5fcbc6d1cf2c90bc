//! The index's files, checked as the browser reads them.

use super::records::{number_len, push_docs, push_number, shortest_after};
use super::*;
use crate::disk::output::MemorySink;
use crate::text::fold::fold;

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
    let size = write_index_in_runs(docs, vietnamese(&ui()), run, &sink).unwrap();
    (sink.into_files(), size)
}

type Files = BTreeMap<String, Arc<[u8]>>;

fn ui() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("search_count".to_string(), "{n} kết quả".to_string()),
        ("title".to_string(), "x".to_string()),
    ])
}

fn vietnamese(ui: &BTreeMap<String, String>) -> Language<'_> {
    Language {
        ui,
        folding: Folding::Vietnamese,
    }
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
fn a_field_is_copied_whole_only_when_nothing_in_it_changes() {
    let texts = [
        "Đà Nẵng, “hội đàm” – kết quả… tốt",
        "x",
        "ab",
        " a",
        "a ",
        "a  b",
        "a\tb",
        "a\"b",
        "a\\b",
        "a\u{a0}b",
        "a\u{85}",
        "a\u{1680}b",
        "a\u{2009}b",
        "a\u{200a}b",
        "a\u{200b}b",
        "a\u{2028}b",
        "a\u{202f}b",
        "a\u{205f}b",
        "a\u{3000}b",
        "\u{3000}",
        "\u{1}",
        "ạ\u{1e9e}ế",
    ];
    for text in texts {
        // A long field crosses the blocks the check looks at.
        for field in [text.to_string(), format!("{} {text}", "từ ".repeat(100).trim_end())] {
            let mut whole = Vec::new();
            push_collapsed(&mut whole, &field, &mut true);
            let words: Vec<&str> = field.split_whitespace().collect();
            let expected = serde_json::to_string(&format!(" {}", words.join(" "))).unwrap();
            let written = if words.is_empty() { "" } else { &expected[1..expected.len() - 1] };
            assert_eq!(String::from_utf8(whole).unwrap(), written, "{field:?}");
            // Neither collapsed nor escaped: the same bytes.
            let unchanged = !field.is_empty() && expected[2..expected.len() - 1] == field;
            assert_eq!(is_collapsed(field.as_bytes()), unchanged, "{field:?}");
        }
    }
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
    assert_eq!(decode_docs(&record(&records, " hoi dam").unwrap()[1]), [0, 1]);
    assert_eq!(decode_docs(&record(&records, " da nang").unwrap()[1]), [0]);
    assert!(record(&records, " dam hoi").is_none(), "no pair across the title and the text");
    assert!(record(&records, " hoi hoi").is_none());
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
    // Every pair before every term: the chunks a word being typed loads hold no pair.
    let keys: Vec<String> = records(&files).into_iter().map(|r| r[0].clone()).collect();
    let first_term = keys.iter().position(|k| !k.starts_with(PAIR)).unwrap();
    assert!(
        first_term > 0 && keys[first_term..].iter().all(|k| !k.contains(' ')),
        "pairs, then terms"
    );
    // `w399`'s twelve terms lie side by side, their pairs elsewhere.
    let chunks = chunks_for_prefix(&bounds, "w399");
    assert_eq!(chunks.len(), 1, "one chunk for w399…");
    let chunk = loaded(&files, &dir, &format!("t/{}", chunks[0]));
    let keys: Vec<&str> = chunk.as_array().unwrap().iter().map(|r| r[0].as_str().unwrap()).collect();
    assert_eq!(keys.iter().filter(|k| k.starts_with("w399")).count(), 12, "{keys:?}");
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
    let (_, kept) = write_index_keeping(docs, vietnamese(&ui()), &sink, previous).unwrap();
    (sink.into_files(), kept)
}

#[test]
fn a_kept_index_gives_the_files_of_a_fresh_one_and_reindexes_only_changed_groups() {
    let mut docs = many(3 * DOCS_PER_GROUP + 10);
    let (files, kept) = files_keeping(&docs, &Kept::default());
    assert!(files == self::files(&docs).0);
    assert_eq!(kept.groups.len(), 4);
    // One document edited, then one added at the end, then the first removed.
    docs[DOCS_PER_GROUP + 3].fields[0] = Cow::Borrowed("hội đàm khác hẳn");
    let (files, next) = files_keeping(&docs, &kept);
    assert!(files == self::files(&docs).0, "after an edit");
    let reused = next.groups.iter().zip(&kept.groups).filter(|(g, k)| Arc::ptr_eq(g, k)).count();
    assert_eq!(reused, 3, "only the edited document's group is indexed again");
    // The document lost its twelve `w…` terms and gained `khac` and `han`; of
    // its terms, `trang`, its number, `hoi` and `dam` stay, made again.
    assert_eq!(next.records.terms(), kept.records.terms() - 12 + 2);
    assert_eq!(
        next.records.shared_with(&kept.records),
        next.records.terms() - 6,
        "only the edited document's terms are made again"
    );
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
fn a_kept_index_takes_again_the_chunks_it_writes_the_same() {
    let mut docs = many(3 * DOCS_PER_GROUP);
    let (before, kept) = files_keeping(&docs, &Kept::default());
    // Two documents' words swapped: their terms' and pairs' records change,
    // the others only move to another build's folder.
    docs.swap(DOCS_PER_GROUP + 3, DOCS_PER_GROUP + 4);
    let (after, next) = files_keeping(&docs, &kept);
    assert!(after == self::files(&docs).0);
    let chunk = |files: &Files, n: usize| files[&format!("{}t/{n}.js", entry(files)["dir"].as_str().unwrap())].clone();
    assert_eq!(next.chunks.len(), kept.chunks.len());
    let changed: Vec<usize> = (0..next.chunks.len()).filter(|&n| chunk(&before, n) != chunk(&after, n)).collect();
    assert!(
        !changed.is_empty() && changed.len() <= 6 && next.chunks.len() > 40,
        "{changed:?} of {}",
        next.chunks.len()
    );
    for n in (0..next.chunks.len()).filter(|n| !changed.contains(n)) {
        assert!(Arc::ptr_eq(&chunk(&before, n), &chunk(&after, n)), "chunk {n} is the last build's");
    }
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
    assert!(record(&records, " seoul han").is_some(), "a field's words stand together");
    assert!(record(&records, " 8 seoul").is_none(), "a phrase never spans two fields");
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
    let cases: Vec<Vec<&str>> = include_str!("../../../tests/fold_cases.txt")
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
            .filter_map(|r| r[0].strip_prefix(PAIR).map(str::to_string))
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

/// An edit of the documents a kept index is given next.
#[derive(Debug, Clone)]
enum Edit {
    /// The document at (this modulo the count) gets these words.
    Text(usize, Vec<&'static str>),
    Insert(usize, Vec<&'static str>),
    Remove(usize),
    Swap(usize, usize),
}

fn edit() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    let words = prop::collection::vec(
        prop::sample::select(vec!["hội", "đàm", "Hội", "nghị", "w1x1", "Đà", "Nẵng", "mới"]),
        0..6,
    );
    prop_oneof![
        4 => (any::<usize>(), words.clone()).prop_map(|(i, w)| Edit::Text(i, w)),
        1 => (any::<usize>(), words).prop_map(|(i, w)| Edit::Insert(i, w)),
        1 => any::<usize>().prop_map(Edit::Remove),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever the edits, a kept index writes the files of a fresh one.
    #[test]
    fn a_kept_index_after_any_edits_is_a_fresh_one(edits in proptest::collection::vec(edit(), 1..6)) {
        let mut docs = many(DOCS_PER_GROUP + 40);
        let (_, mut kept) = files_keeping(&docs, &Kept::default());
        for edit in edits {
            let n = docs.len();
            match edit.clone() {
                Edit::Text(i, words) => docs[i % n].fields[0] = Cow::Owned(words.join(" ")),
                Edit::Insert(i, words) => docs.insert(i % (n + 1), doc("Mới", &words.join(" "))),
                Edit::Remove(i) => {
                    docs.remove(i % n);
                }
                Edit::Swap(a, b) => docs.swap(a % n, b % n),
            }
            let (files, next) = files_keeping(&docs, &kept);
            proptest::prop_assert!(files == self::files(&docs).0, "after {edit:?}");
            kept = next;
        }
    }
}

#[test]
fn the_index_files_are_told_from_the_sites_other_files() {
    for file in ["search-index.js", "search-index/0123abcd/t/0.js", "search-index/0123abcd/d/9.js"] {
        assert!(is_index_file(file), "{file}");
    }
    for file in ["search/index.html", "search-index.json", "search-indexes/x.js", "index.html"] {
        assert!(!is_index_file(file), "{file}");
    }
}

use proptest::strategy::Strategy as _;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Any fields, made of the characters that change or stop a copied run
    /// (white space of every kind, quotes, backslashes, controls, Vietnamese
    /// letters and typographic marks), ship as their words joined by single
    /// spaces, escaped as JSON, and the bytes written are counted.
    #[test]
    fn any_fields_ship_collapsed_and_escaped(fields in proptest::collection::vec(
        proptest::collection::vec(proptest::sample::select(vec![
            " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}",
            "\u{200b}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\"", "\\", "\u{1}", "\u{1f}",
            "\u{7f}", "a", "Đà", "Nẵng", "ạ", "“", "”", "–", "…", "\u{1e9e}", "\u{e9a}",
        ]), 0..40).prop_map(|parts| parts.concat()),
        0..4,
    )) {
        let mut out = Vec::new();
        let mut started = false;
        let written: usize = fields.iter().map(|f| push_collapsed(&mut out, f, &mut started)).sum();
        let words: Vec<&str> = fields.iter().flat_map(|f| f.split_whitespace()).collect();
        let text = words.join(" ");
        let expected = serde_json::to_string(&text).unwrap();
        proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), &expected[1..expected.len() - 1]);
        proptest::prop_assert_eq!(written, text.len());
        proptest::prop_assert_eq!(started, !words.is_empty());
    }

    /// Any text, made of characters of every class the cutting tells apart
    /// by its first byte or a closer look (ASCII, Vietnamese letters, × and
    /// ÷, the edges of Latin Extended and Latin Extended Additional, other
    /// scripts, marks, white space, emoji), is cut as by splitting it on
    /// non-word characters.
    #[test]
    fn any_text_is_cut_as_by_splitting_on_non_word_characters(text in proptest::collection::vec(
        proptest::prop_oneof![
            proptest::char::range('\0', '\u{7f}'),
            proptest::char::range('\u{80}', '\u{2ff}'),
            proptest::char::range('\u{1dff}', '\u{1f00}'),
            proptest::sample::select(vec!['\u{d7}', '\u{f7}', '\u{24f}', '\u{250}', '\u{301}', '\u{a0}', '\u{3000}', '日', '한', '٣', '😀']),
            proptest::char::any(),
        ],
        0..40,
    ).prop_map(|chars| chars.into_iter().collect::<String>())) {
        let split: Vec<&str> = text
            .split(|c: char| !crate::text::fold::is_word_char(c))
            .filter(|w| !w.is_empty())
            .collect();
        proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), split);
    }
}

/// A spelling's packed bytes, as [`run::packed`] makes them, byte by byte.
fn packed_byte_by_byte(word: &str) -> Option<u128> {
    (word.len() <= 16).then(|| word.bytes().rev().fold(0u128, |packed, b| packed << 8 | u128::from(b)))
}

#[test]
fn a_spelling_is_packed_as_its_bytes_one_by_one() {
    for word in [
        "",
        "a",
        "ab",
        "abc",
        "hội",
        "đàm",
        "nguyễn",
        "trường",
        "abcdefghijklmnop",
        "abcdefghijklmnopq",
        "ký",
        "1234567",
    ] {
        assert_eq!(super::run::packed(word), packed_byte_by_byte(word), "{word}");
    }
}

proptest::proptest! {
    #[test]
    fn any_word_is_packed_as_its_bytes_one_by_one(word in "[a-zA-Z0-9àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]{0,12}") {
        proptest::prop_assert_eq!(super::run::packed(&word), packed_byte_by_byte(&word));
    }
}
