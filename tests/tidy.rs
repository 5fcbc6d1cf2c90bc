//! Tidy tests, in the manner of rust-analyzer's: the invariants of
//! ARCHITECTURE.md that a reading of the source can check. Only `src/disk/`
//! touches the file system; every module opens with a `//!` doc; every
//! `#[allow]` gives its reason; no function is longer than 80 lines. Each
//! check is first shown to catch a mutation of its invariant.

use std::path::{Path, PathBuf};

/// Words that reach the file system.
const FILE_SYSTEM: &[&str] = &[
    "std::fs",
    "fs::",
    "File::",
    "OpenOptions",
    "walkdir",
    "WalkDir",
    "notify",
    "read_dir",
    "canonicalize",
    "tempfile",
];
/// Where they may stand.
const FILE_SYSTEM_MODULES: &str = "src/disk/";
const MAX_FUNCTION_LINES: usize = 80;

/// Every `.rs` file under `src/`, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(PathBuf, String)> = walkdir::WalkDir::new(root.join("src"))
        .into_iter()
        .map(|e| e.expect("src/ is readable"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap().to_path_buf();
            (relative, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    assert!(files.len() > 20, "the sources were found");
    files
}

/// The code of a file without its unit tests (`#[cfg(test)]` to the end) and
/// without comments and string literals, line by line.
fn code_lines(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut in_string = false;
    code.lines()
        .map(|line| {
            let mut out = String::new();
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                if in_string {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match c {
                    '"' => in_string = true,
                    '/' if chars.peek() == Some(&'/') => break,
                    '\'' if matches!(chars.clone().nth(1), Some('\'')) => {
                        chars.next();
                        chars.next();
                    }
                    c => out.push(c),
                }
            }
            out
        })
        .collect()
}

/// Uses of the file system outside `src/disk/`: (path, line, word).
fn file_system_uses(path: &Path, text: &str) -> Vec<String> {
    if path.to_string_lossy().replace('\\', "/").starts_with(FILE_SYSTEM_MODULES) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (n, line) in code_lines(text).iter().enumerate() {
        for word in FILE_SYSTEM.iter().filter(|w| mentions(line, w)) {
            found.push(format!("{}:{}: `{word}`", path.display(), n + 1));
        }
    }
    found
}

/// Whether `line` names `word` as a whole path: `TextFile::new` does not
/// mention `File::`.
fn mentions(line: &str, word: &str) -> bool {
    line.match_indices(word)
        .any(|(at, _)| !line[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'))
}

fn missing_module_doc(path: &Path, text: &str) -> Option<String> {
    (!text.trim_start().starts_with("//!")).then(|| format!("{} does not open with a `//!` doc", path.display()))
}

/// `#[allow(...)]` or `#[expect(...)]` without `reason = "..."`.
fn allows_without_reason(path: &Path, text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.trim_start();
            (l.starts_with("#[allow(") || l.starts_with("#![allow(") || l.starts_with("#[expect(")) && !l.contains("reason")
        })
        .map(|(n, _)| format!("{}:{}: `#[allow]` without a reason", path.display(), n + 1))
        .collect()
}

/// Functions longer than the limit: (path:line, name, lines).
fn long_functions(path: &Path, text: &str) -> Vec<String> {
    let lines = code_lines(text);
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = function_name(line) else { continue };
        let mut depth = 0i32;
        let mut opened = false;
        for (end, l) in lines.iter().enumerate().skip(start) {
            for c in l.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if !opened && l.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                let length = end - start + 1;
                if length > MAX_FUNCTION_LINES {
                    found.push(format!("{}:{}: `{name}` is {length} lines", path.display(), start + 1));
                }
                break;
            }
        }
    }
    found
}

/// The name of the function a line declares, if it does.
fn function_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for prefix in ["pub(crate) ", "pub(super) ", "pub ", "const ", "async ", "unsafe "] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .filter(|n| !n.is_empty())
}

#[test]
fn only_disk_touches_the_file_system() {
    let found: Vec<String> = sources().iter().flat_map(|(p, t)| file_system_uses(p, t)).collect();
    assert!(found.is_empty(), "the file system outside `src/disk/`:\n{}", found.join("\n"));
}

#[test]
fn every_module_opens_with_a_doc() {
    let found: Vec<String> = sources().iter().filter_map(|(p, t)| missing_module_doc(p, t)).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_allow_says_why() {
    let found: Vec<String> = sources().iter().flat_map(|(p, t)| allows_without_reason(p, t)).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_function_is_longer_than_80_lines() {
    let found: Vec<String> = sources().iter().flat_map(|(p, t)| long_functions(p, t)).collect();
    assert!(found.is_empty(), "split these:\n{}", found.join("\n"));
}

/// Each check catches a mutation of its invariant, and leaves alone what only looks like one.
#[test]
fn each_tidy_check_fails_on_a_broken_file() {
    let stage = Path::new("src/views/x.rs");
    let reads = "//! A view.\nfn f() { let _ = std::fs::read(\"a\"); }\n";
    assert_eq!(
        file_system_uses(stage, reads),
        ["src/views/x.rs:2: `std::fs`", "src/views/x.rs:2: `fs::`"]
    );
    assert!(file_system_uses(Path::new("src/disk/input.rs"), reads).is_empty());
    let quoted = "//! A view.\n// std::fs in a comment\nfn f() -> &'static str { \"fs::read\" }\n#[cfg(test)]\nmod t { fn g() { std::fs::read(\"a\"); } }\n";
    assert!(
        file_system_uses(stage, quoted).is_empty(),
        "comments, strings and unit tests are not code"
    );

    assert!(missing_module_doc(stage, "use std::fmt;\n").is_some());
    assert!(missing_module_doc(stage, "\n//! Doc.\n").is_none());

    assert_eq!(allows_without_reason(stage, "#[allow(dead_code)]\nfn f() {}\n").len(), 1);
    assert!(allows_without_reason(stage, "#[allow(dead_code, reason = \"kept for the API\")]\n").is_empty());

    let body = "    let x = 1;\n".repeat(MAX_FUNCTION_LINES);
    let long = format!("//! Doc.\npub(crate) fn long() {{\n{body}}}\nfn short() {{ }}\n");
    assert_eq!(
        long_functions(stage, &long),
        [format!("src/views/x.rs:2: `long` is {} lines", MAX_FUNCTION_LINES + 2)]
    );
    let braces_in_strings = format!("//! Doc.\nfn f() {{\n    let s = \"{{{{\";\n{}}}\n", "    x();\n".repeat(10));
    assert!(long_functions(stage, &braces_in_strings).is_empty());
    assert_eq!(function_name("    pub fn render<T>(x: T) {"), Some("render"));
    assert_eq!(function_name("let f = 1;"), None);
}
