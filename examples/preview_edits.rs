//! Profiling aid for incremental builds: builds the dossier at `ROOT` in a
//! [`Preview`], then appends a line to `FILE` (relative to the root) and
//! builds again, `N` times, printing the builds' times, whole and until
//! every file but the search index's is built. The file is put back at
//! the end.
//!
//!     cargo run --release --example preview_edits -- ROOT FILE [N]
//!
//! Run it under `perf record` to see where an incremental build goes.

use std::path::PathBuf;
use std::time::Instant;

use dossier::{Overrides, Preview};

// The binary's allocator, so that a profile shows what `serve` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, file, ..] = &args[..] else {
        eprintln!("usage: preview_edits ROOT FILE [N]");
        std::process::exit(2);
    };
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    let root = PathBuf::from(root);
    let path = root.join(file);
    let original = std::fs::read(&path).expect("the file to edit");
    let mut preview = Preview::new(&root, Overrides::default());
    let started = Instant::now();
    if let Err(failure) = preview.build(&[], &|_, _| {}) {
        eprintln!("the first build failed: {failure:?}");
        std::process::exit(1);
    }
    println!("first build: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    let (mut times, mut pages_times) = (Vec::new(), Vec::new());
    for i in 0..edits {
        let mut text = original.clone();
        text.extend_from_slice(format!("\nSửa lần {i}.\n").as_bytes());
        std::fs::write(&path, text).expect("the edit written");
        let started = Instant::now();
        let pages_at = std::sync::OnceLock::new();
        let built = preview.build(&[PathBuf::from(file)], &|_, _| {
            let _ = pages_at.set(started.elapsed());
        });
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if let Some(pages) = pages_at.get() {
            pages_times.push(pages.as_secs_f64() * 1000.0);
        }
        if let Err(failure) = built {
            eprintln!("build {i} failed: {failure:?}");
        }
    }
    std::fs::write(&path, original).expect("the file put back");
    for (what, times) in [("built", &mut times), ("pages built", &mut pages_times)] {
        times.sort_by(f64::total_cmp);
        if let (Some(min), Some(max)) = (times.first(), times.last()) {
            println!(
                "{edits} edits, {what}: median {:.1} ms, min {min:.1} ms, max {max:.1} ms",
                times[times.len() / 2]
            );
        }
    }
}
