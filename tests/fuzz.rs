//! Fuzzing, with proptest, of the code that reads what users write: seed
//! normalisation and parsing, the front-matter split and the content parse,
//! citation matching, search folding, dates, and the whole build of a note.
//! None may panic, whatever the input; where a property is known (folding is
//! idempotent, a found quote is where the seed says it is), it is checked too.
//!
//! Each target tries `PROPTEST_CASES` inputs (proptest's default is 256;
//! `.ci/run` sets more, and a failing input is shrunk and printed).

use std::path::{Path, PathBuf};

use dossier::Overrides;
use dossier::disk::input::{InputTree, TextFile};
use dossier::disk::output::Interrupt;
use dossier::disk::output::NullSink;
use dossier::pipeline::Failure;
use dossier::resolve::citation::SeedIndex;
use proptest::prelude::*;

/// Text shaped like the dossier's input: Vietnamese letters (precomposed and
/// decomposed), digits, the punctuation of Markdown, TOML and citations,
/// line ends of every kind, BOM, no-break and zero-width spaces.
fn dossier_text(max: usize) -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        6 => "[a-zA-Z0-9 ]{1,8}",
        3 => "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ]{1,4}",
        2 => "[\u{300}\u{301}\u{303}\u{309}\u{323}\u{306}\u{302}\u{31b}]",
        3 => prop::sample::select(vec![
            "\n", "\r\n", "\r", "\n\n", "\t", "\u{feff}", "\u{a0}", "\u{200b}", "\u{2028}", "+++", "+++\n", "---\n", "date ",
            "2025-08-10", "11/8", "ngày ", "[", "]", "(", ")", "(cite:", "cite:001", "@/", "../", "#", "## ", "- ", "* ", "|",
            "```", "```toml\n", "\"", "'", "=", "key = ", "[[", "]]", "{", "}", "<script>", "</b>", "&amp;", "…", "...", "–", "—",
            "“", "”", "%", "tỷ USD", "1.000", "81,5", "Ảnh: ", "\\", "*", "_", "~", "^", "!",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..max).prop_map(|p| p.concat())
}

/// Any bytes, mostly valid UTF-8 shaped like a seed, sometimes not UTF-8.
fn seed_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => dossier_text(120).prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..400),
    ]
}

fn a_seed(stem: &str, bytes: &[u8]) -> Option<dossier::parse::seed::Seed> {
    dossier::parse::seed::parse(&PathBuf::from(format!("seeds/{stem}.txt")), bytes).ok()
}

proptest! {
    #[test]
    fn seed_parsing_never_panics_and_keeps_its_text_clean(bytes in seed_bytes()) {
        if let Ok(text) = dossier::parse::seed::normalise(&bytes) {
            let clean = !text.contains('\r') && !text.starts_with('\u{feff}') && !text.contains('\u{a0}');
            prop_assert!(clean, "{:?}", text);
        }
        if let Some(seed) = a_seed("001_x", &bytes) {
            prop_assert!(!seed.blocks.is_empty(), "a seed that parses has text");
            let _ = seed.words();
            let _ = seed.derived_title();
        }
    }

    #[test]
    fn front_matter_split_and_content_parse_never_panic(text in dossier_text(80), name in "[a-z_]{1,8}") {
        let path = PathBuf::from(format!("content/timeline/{name}.md"));
        let _ = dossier::parse::frontmatter::split(&path, &text);
        for dir in ["", "articles/", "timeline/", "agreements/", "statistics/", "people/"] {
            let file = TextFile { path: PathBuf::from(format!("content/{dir}{name}.md")), text: text.clone() };
            let (_, diagnostics) = dossier::parse::content::parse_all(vec![file]);
            for d in diagnostics.sorted() {
                prop_assert!(d.to_string().starts_with("content/"), "{d}");
            }
        }
    }

    #[test]
    fn front_matter_of_valid_toml_with_a_wrong_value_is_an_error_not_a_panic(
        key in prop::sample::select(vec!["date", "title", "sources", "people", "value", "period", "kind", "parties"]),
        value in dossier_text(12),
    ) {
        let text = format!("+++\ntitle = \"T\"\n{key} = {value}\n+++\nBody\n");
        let file = TextFile { path: PathBuf::from("content/timeline/e.md"), text };
        let _ = dossier::parse::content::parse_all(vec![file]);
    }

    #[test]
    fn citation_matching_never_panics_and_finds_what_it_reports(
        seed in dossier_text(60),
        quote in dossier_text(10),
        reference in prop::sample::select(vec!["001", "001_x", "00", "", "002", "001_"]),
    ) {
        let Some(seed) = a_seed("001_x", seed.as_bytes()) else { return Ok(()) };
        let seeds = [seed];
        let index = SeedIndex::new(&seeds);
        if let Ok(hit) = index.find(reference, &quote) {
            let block = &seeds[0].blocks[hit.block].text;
            prop_assert!(block.is_char_boundary(hit.start) && block.is_char_boundary(hit.end) && hit.start <= hit.end);
        }
        // A passage of the seed itself is always found.
        if let Some(block) = seeds[0].blocks.iter().find(|b| !b.text.trim().is_empty()) {
            let passage: String = block.text.chars().take(30).collect();
            if passage.chars().any(char::is_alphanumeric) {
                prop_assert!(index.find("001", &passage).is_ok(), "{passage:?} not found in its own seed");
            }
        }
    }

    #[test]
    fn folding_never_panics_and_is_idempotent(text in prop_oneof![dossier_text(40), any::<String>()]) {
        let once = dossier::text::fold::fold(&text);
        prop_assert_eq!(dossier::text::fold::fold(&once), once.clone());
        for word in dossier::text::fold::folded_words(&text) {
            prop_assert!(!word.is_empty() && word.chars().all(char::is_alphanumeric));
        }
        let _ = dossier::text::slug::slugify(&text);
    }

    #[test]
    fn dates_never_panic(text in prop_oneof![
        "[0-9]{1,5}(-[0-9]{1,3}(-[0-9]{1,3})?)?",
        dossier_text(6),
    ]) {
        let _ = dossier::parse::date::PartialDate::parse(&text);
    }
}

proptest! {
    // A whole build renders templates; fewer, slower cases.
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.div_ceil(8), ..ProptestConfig::default() })]

    #[test]
    fn a_whole_build_of_any_note_is_a_site_or_diagnostics_never_a_panic(note in dossier_text(100), seed in dossier_text(60)) {
        let tree = tree_with(
            format!("+++\ntitle = \"Ghi chú\"\n+++\n{note}\n"),
            format!("Hai bên hội đàm.\n\n{seed}\n"),
        );
        match dossier::pipeline::generate(tree, &Overrides::default(), &NullSink, &Interrupt::default()) {
            Ok(_) | Err(Failure::Content(_)) => {}
            Err(Failure::Io(err)) => prop_assert!(false, "an I/O failure with no I/O: {err:#}"),
            Err(Failure::Interrupted) => prop_assert!(false, "interrupted with no interrupt"),
        }
    }
}

/// A dossier in memory: one seed, its note, the embedded theme.
fn tree_with(note: String, seed: String) -> InputTree {
    InputTree {
        root: Path::new("/nonexistent").to_path_buf(),
        config: TextFile {
            path: PathBuf::from("site.toml"),
            text: "title = \"Hồ sơ\"\nbase_url = \"https://example.org/hs/\"\n".to_string(),
        },
        seeds: vec![dossier::disk::input::BinaryFile {
            path: PathBuf::from("seeds/001_x.txt"),
            bytes: seed.into_bytes(),
        }],
        content: vec![TextFile {
            path: PathBuf::from("content/articles/001_x.md"),
            text: note,
        }],
        content_assets: Vec::new(),
        templates: Vec::new(),
        statics: Vec::new(),
        catalogs: Vec::new(),
        problems: Default::default(),
    }
}
