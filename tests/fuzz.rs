//! Fuzzing, with proptest, of the code that reads what users write: seed
//! normalisation and parsing, the front-matter split and the content parse,
//! citation matching, search folding, dates, and the whole build of a note.
//! None may panic, whatever the input; where a property is known (folding is
//! idempotent, a found quote is where the seed says it is), it is checked too.
//!
//! And of the output encoders, each checked by a reader that is not ours:
//! XML (a feed built from any title and summary, and the encoder itself)
//! must parse with `roxmltree`; CSV must read back with the `csv` reader,
//! cell for cell, with no cell a spreadsheet would run; iCalendar lines are
//! checked against RFC 5545's rules line by line and unescaped back; what
//! goes to the terminal holds no control character.
//!
//! Each target tries `PROPTEST_CASES` inputs (proptest's default is 256;
//! `.ci/run` sets more, and a failing input is shrunk and printed).

use std::path::{Path, PathBuf};

use dossier::Overrides;
use dossier::disk::input::{InputTree, TextFile};
use dossier::disk::output::{Interrupt, MemorySink, NullSink};
use dossier::export::encode::{csv_cell, csv_writer, ics_line, ics_text, is_xml_char, xml_text};
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
            let file = TextFile::new(PathBuf::from(format!("content/{dir}{name}.md")), text.clone());
            let (_, diagnostics) = dossier::parse::content::parse_all(&[file], Default::default());
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
        let file = TextFile::new(PathBuf::from("content/timeline/e.md"), text);
        let _ = dossier::parse::content::parse_all(&[file], Default::default());
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
        config: TextFile::new(
            PathBuf::from("site.toml"),
            "title = \"Hồ sơ\"\nbase_url = \"https://example.org/hs/\"\n",
        ),
        seeds: vec![dossier::disk::input::BinaryFile {
            path: PathBuf::from("seeds/001_x.txt"),
            bytes: seed.into_bytes().into(),
        }],
        content: vec![TextFile::new(PathBuf::from("content/articles/001_x.md"), note)],
        content_assets: Vec::new(),
        templates: Vec::new(),
        statics: Vec::new(),
        catalogs: Vec::new(),
        problems: Default::default(),
    }
}

/// A seed of only `|` parsed to a seed with no text (found by
/// `PROPTEST_CASES=50000` on `seed_parsing_never_panics_and_keeps_its_text_clean`).
#[test]
fn a_seed_of_only_a_pipe_is_an_error_not_a_seed_without_text() {
    assert!(a_seed("001_x", b"|").is_none());
    assert!(a_seed("001_x", b"|\n|\n").is_none());
}

/// Any string, often with what each format must escape.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => dossier_text(6),
        2 => prop::sample::select(vec![
            "\r", "\n", "\r\n", "\t", "\u{0}", "\u{7}", "\u{b}", "\u{1b}[2J", "\u{7f}", "\u{85}", "\u{9b}", "\u{fffe}", "\u{ffff}",
            "\u{202e}", "\u{2028}", "\\", ";", ",", ":", "\"", "'", "&", "<", ">", "]]>", "=", "+", "-", "@", "=1+1", "-2", "@SUM(A1)",
            "=HYPERLINK(\"http://x\")", " =", "| ", "%", "Hội đàm", "🇻🇳",
        ])
        .prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

/// RFC 5545 TEXT unescaped, as a reader does it: `\n` or `\N` a line feed,
/// `\\`, `\;`, `\,` the character; any other escape is an error.
fn ics_unescape(value: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c @ ('\\' | ';' | ',')) => out.push(c),
                other => return Err(format!("bad escape \\{other:?}")),
            },
            ';' | ',' => return Err(format!("unescaped {c:?}")),
            c => out.push(c),
        }
    }
    Ok(out)
}

proptest! {
    #[test]
    fn ics_lines_follow_rfc_5545_and_unfold_to_the_text(text in hostile_text()) {
        let line = ics_line("SUMMARY", &ics_text(&text));
        prop_assert!(line.ends_with("\r\n"));
        let physical: Vec<&str> = line[..line.len() - 2].split("\r\n").collect();
        for (i, l) in physical.iter().enumerate() {
            prop_assert!(l.len() <= 75, "{} octets: {:?}", l.len(), l);
            prop_assert!(!l.chars().any(|c| c.is_control() && c != '\t'), "a control character: {:?}", l);
            prop_assert!(i == 0 || l.starts_with(' '), "a continuation without its space: {:?}", l);
        }
        let unfolded = line[..line.len() - 2].replace("\r\n ", "");
        let value = unfolded.strip_prefix("SUMMARY:").expect("the name first");
        let expected: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|c| matches!(c, '\t' | '\n') || !dossier::export::encode::is_not_text(*c))
            .collect();
        prop_assert_eq!(ics_unescape(value), Ok(expected));
    }

    #[test]
    fn csv_cells_read_back_cell_for_cell_and_none_starts_a_formula(cells in prop::collection::vec(hostile_text(), 1..6)) {
        let mut writer = csv_writer();
        writer.write_record(cells.iter().map(|c| csv_cell(c).into_owned())).unwrap();
        let bytes = writer.into_inner().unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
        let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(records.len(), 1);
        let read: Vec<&str> = records[0].iter().collect();
        prop_assert_eq!(read.len(), cells.len());
        for (cell, back) in cells.iter().zip(&read) {
            let numeric = back.parse::<f64>().is_ok_and(f64::is_finite) && !back.contains(char::is_alphabetic);
            let first = back.trim_start_matches(' ').chars().next();
            prop_assert!(
                numeric || !first.is_some_and(|c| "=+-@\t\r\n\0".contains(c)),
                "a formula: {:?}", back
            );
            prop_assert!(back == cell || back.strip_prefix('\'') == Some(cell.as_str()), "{:?} read back as {:?}", cell, back);
        }
        // Every text cell is quoted, so a `;` can start no cell in a spreadsheet that splits on it.
        let text = String::from_utf8(bytes).unwrap();
        for cell in &cells {
            let numeric = cell.parse::<f64>().is_ok_and(f64::is_finite) && !cell.contains(char::is_alphabetic);
            prop_assert!(numeric || text.contains(&format!("\"{}", csv_cell(cell).replace('"', "\"\""))), "{:?} unquoted", cell);
        }
    }

    #[test]
    fn xml_text_always_parses_and_keeps_every_character_xml_allows(text in hostile_text()) {
        let doc = format!("<?xml version=\"1.0\"?><e a=\"{}\">{}</e>", xml_text(&text), xml_text(&text));
        let parsed = roxmltree::Document::parse(&doc);
        prop_assert!(parsed.is_ok(), "{:?}: {:?}", doc, parsed.err());
        let parsed = parsed.unwrap();
        let root = parsed.root_element();
        let kept: String = text.chars().filter(|c| is_xml_char(*c)).collect();
        prop_assert_eq!(root.text().unwrap_or(""), kept.as_str());
        // Attribute values are normalised by every XML parser: tab and line feed read as spaces.
        let normalised = kept.replace(['\t', '\n'], " ");
        prop_assert_eq!(root.attribute("a"), Some(normalised.as_str()));
    }

    #[test]
    fn terminal_output_holds_no_control_character_and_a_diagnostic_is_one_line(path in hostile_text(), message in hostile_text()) {
        let shown = dossier::diag::terminal(&message);
        let raw = shown.chars().find(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(c) || ('\u{2066}'..='\u{2069}').contains(c));
        prop_assert_eq!(raw, None, "{:?}", shown);
        let line = dossier::diag::Diagnostic::error(format!("content/{path}.md"), message).at((3, 4)).to_string();
        prop_assert!(!line.chars().any(char::is_control), "{:?}", line);
        prop_assert!(line.contains(":3:4: error: "));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.div_ceil(8), ..ProptestConfig::default() })]

    /// Any title and summary, escapes and all: the feed and the sitemap parse
    /// as XML, the calendar's lines follow RFC 5545.
    #[test]
    fn a_build_with_any_title_and_summary_writes_well_formed_xml_and_calendar(title in hostile_text(), summary in hostile_text()) {
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        let note = format!("+++\ntitle = {}\nsummary = {}\n+++\nGhi chú.\n", quoted(&format!("T{title}")), quoted(&summary));
        let mut tree = tree_with(note, "Hai bên hội đàm rất thành công.\n".to_string());
        tree.content.push(TextFile::new(PathBuf::from("content/timeline/e.md"), format!(
                "+++\ntitle = {}\ndate = 2025-08-11\nsummary = {}\nsources = [{{ seed = \"001\", quote = \"hội đàm\" }}]\n+++\n",
                quoted(&format!("T{title}")),
                quoted(&summary)
            )));
        let sink = MemorySink::default();
        match dossier::pipeline::generate(tree, &Overrides::default(), &sink, &Interrupt::default()) {
            Ok(_) => {
                let files = sink.into_files();
                for xml in ["feed.xml", "sitemap.xml"] {
                    let text = String::from_utf8(files[xml].to_vec()).unwrap();
                    let parsed = roxmltree::Document::parse(&text);
                    prop_assert!(parsed.is_ok(), "{}: {:?}", xml, parsed.err());
                }
                let ics = String::from_utf8(files["data/timeline.ics"].to_vec()).unwrap();
                prop_assert!(ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains(['\r', '\n']), "CRLF only");
                for line in ics.split("\r\n") {
                    prop_assert!(line.len() <= 75 && !line.chars().any(|c| c.is_control() && c != '\t'), "{:?}", line);
                }
            }
            Err(Failure::Content(d)) => {
                // Refused input (a control character in a string) is an error at the note, never output.
                prop_assert!(d.sorted().iter().all(|d| d.path.starts_with("content")), "{:?}", d.sorted());
            }
            Err(Failure::Io(err)) => prop_assert!(false, "an I/O failure with no I/O: {err:#}"),
            Err(Failure::Interrupted) => prop_assert!(false, "interrupted with no interrupt"),
        }
    }
}
