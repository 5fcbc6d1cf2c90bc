//! Profiling aid for the search index: reads the documents back from a
//! built site's split index (`search-index/<id>/d/*.js` under `SITE`) and
//! writes their index `N` times into a sink that keeps nothing, printing
//! each time and the median. Only the index is timed, so that a change to
//! it can be measured apart from the rest of a build.
//!
//!     cargo run --release --example index_bench -- SITE [N]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::Instant;

use dossier::disk::output::NullSink;
use dossier::export::search::{Language, SearchDoc, write_index};
use dossier::resolve::model::ItemKind;
use dossier::text::fold::Folding;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(site) = args.first() else {
        eprintln!("usage: index_bench SITE [N]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(9);
    let rows = read_rows(std::path::Path::new(site));
    let docs: Vec<SearchDoc> = rows
        .iter()
        .map(|[_, title, url, text]| SearchDoc {
            kind: ItemKind::Page,
            title: title.clone(),
            url: url.clone(),
            fields: vec![Cow::Borrowed(text.as_str())],
        })
        .collect();
    let ui = BTreeMap::new();
    let language = Language {
        ui: &ui,
        folding: Folding::Vietnamese,
    };
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let size = write_index(&docs, language, &NullSink).expect("the index is written");
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        println!("{} documents, {} terms: {ms:.1} ms", size.docs, size.terms);
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    println!("median {:.1} ms", times[times.len() / 2]);
}

/// Each fragment's row, `[kind, title, url, text]`, in document order.
fn read_rows(site: &std::path::Path) -> Vec<[String; 4]> {
    let index = std::fs::read_dir(site.join("search-index"))
        .expect("a split index")
        .next()
        .expect("one build's folder")
        .expect("readable")
        .path()
        .join("d");
    let mut rows = Vec::new();
    for n in 0.. {
        let Ok(script) = std::fs::read_to_string(index.join(format!("{n}.js"))) else {
            break;
        };
        let json = script
            .split_once(',')
            .and_then(|(_, rest)| rest.strip_suffix(");\n"))
            .expect("DossierSearch.loaded(name,row);");
        rows.push(serde_json::from_str(json).expect("a row"));
    }
    rows
}
