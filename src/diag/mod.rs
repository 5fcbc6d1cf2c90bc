//! Diagnostics: problems found in the user's files, each with its location.
//!
//! Every stage that reads user input reports problems here instead of stopping at
//! the first one, so `dossier check` can list them all. This module only collects
//! and formats; it decides nothing about what is an error. What it prints is
//! [`terminal`]-safe: a file name or a quote holding ESC, BEL or a line break
//! shows them escaped, so it can neither drive the terminal nor forge a
//! `path:line:col` line of its own. [`excerpt`] draws a diagnostic with the
//! line of source it points at.

mod excerpt;

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

pub use excerpt::render;

/// How bad a problem is: errors fail the build, warnings are only printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a user's file (path relative to the dossier root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line and column (columns count characters), when known.
    pub position: Option<(usize, usize)>,
    /// How many characters the problem spans from its position, when known
    /// (the excerpt underlines them; otherwise one caret).
    pub width: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            width: None,
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the diagnostic at a byte offset of `text`, the content of its file.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        self.at(line_col(text, offset))
    }

    pub fn at(mut self, (line, col): (usize, usize)) -> Self {
        self.position = Some((line, col));
        self
    }

    /// Places the diagnostic on the bytes `span` of `text`, the content of its
    /// file: at its start, underlining it up to the end of its first line.
    pub fn at_span(self, text: &str, span: std::ops::Range<usize>) -> Self {
        let start = floor_char_boundary(text, span.start);
        let end = floor_char_boundary(text, span.end.max(start));
        let first_line = text[start..end].split('\n').next().unwrap_or("");
        self.at_offset(text, start).spanning(first_line.chars().count())
    }

    /// Says how many characters the problem spans (at least one is shown).
    pub fn spanning(mut self, chars: usize) -> Self {
        self.width = Some(chars);
        self
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity) {
        let (line, col) = self.position.unwrap_or((0, 0));
        (&self.path, line, col, self.severity)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (line, col) = self.position.unwrap_or((1, 1));
        let path = self.path.to_string_lossy();
        write!(f, "{}:{line}:{col}: {kind}: {}", terminal(&path), terminal(&self.message))
    }
}

/// Every diagnostic of `list` as printed, one after the other, each with its
/// excerpt: `source` gives the text of a file (by its path relative to the
/// dossier's root, read once each), and paths are printed under `shown_root`
/// (`.` prints them as they are).
pub fn render_all<'a>(
    list: impl IntoIterator<Item = &'a Diagnostic>,
    mut source: impl FnMut(&Path) -> Option<String>,
    shown_root: &Path,
    colour: bool,
) -> String {
    let mut sources: std::collections::HashMap<PathBuf, Option<String>> = std::collections::HashMap::new();
    let mut out = String::new();
    for d in list {
        let text = sources.entry(d.path.clone()).or_insert_with(|| source(&d.path));
        let mut shown = d.clone();
        if shown_root != Path::new(".") && shown.path.is_relative() {
            shown.path = shown_root.join(&shown.path);
        }
        out.push_str(&render(&shown, text.as_deref(), colour));
        out.push('\n');
    }
    out
}

/// The problems found so far, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Keeps only the problems for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// The warnings among [`Diagnostics::sorted`] (what is printed).
    pub fn warning_count(&self) -> usize {
        self.sorted().iter().filter(|d| d.severity == Severity::Warning).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All problems sorted by file, line and column, duplicates removed.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then(a.message.cmp(&b.message)));
        items.dedup();
        items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The error a build returns when the user's files have problems.
#[derive(Debug)]
pub struct ContentErrors(pub Diagnostics);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.error_count();
        write!(f, "{n} error{} in the dossier", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for ContentErrors {}

/// `text` as it may be printed on a terminal: every control character (ESC,
/// BEL, CR, LF, tab, DEL, the C1 controls), the bidirectional overrides that
/// reorder what is shown (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F) and
/// the Unicode line and paragraph separators are shown as Rust escapes
/// (`\u{1b}`, `\n`), the way `ls` and git quote unusual file names, so
/// nothing printed can move the cursor, clear the screen or start a line.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether [`terminal`] escapes `c`.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}')
}

/// Whether diagnostics are printed in colour: never when `NO_COLOR` is set
/// (and not empty, as no-color.org asks), always when `CLICOLOR_FORCE` is
/// (and not `0`), otherwise when the output is a terminal that is not `dumb`.
/// The caller reads the environment; this only decides.
pub fn colour_wanted(is_terminal: bool, var: impl Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    if set("NO_COLOR") {
        return false;
    }
    if set("CLICOLOR_FORCE") && var("CLICOLOR_FORCE").as_deref() != Some("0") {
        return true;
    }
    is_terminal && var("TERM").as_deref() != Some("dumb")
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// 1-based line and column (in characters) of a byte offset in `text`.
/// Offsets past the end or inside a character are clamped to a valid position.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "một\nhai ba\nĐà Nẵng x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, text.find("ba").unwrap()), (2, 5));
        assert_eq!(line_col(text, text.find('x').unwrap()), (3, 9));
        assert_eq!(line_col(text, 10_000), (3, 10));
    }

    #[test]
    fn controls_in_paths_and_messages_are_printed_escaped_on_one_line() {
        let d = Diagnostic::error(
            "content/a\u{1b}[2J.md",
            "quote “x\u{7}\r\nsite.toml:1:1: error: forged” \u{202e}txt",
        )
        .at((3, 4));
        assert_eq!(
            d.to_string(),
            "content/a\\u{1b}[2J.md:3:4: error: quote “x\\u{7}\\r\\nsite.toml:1:1: error: forged” \\u{202e}txt"
        );
        assert!(matches!(terminal("Đà Nẵng “x” — y"), Cow::Borrowed(_)));
        assert_eq!(terminal("tab\there\u{9b}\u{7f}"), "tab\\there\\u{9b}\\u{7f}");
    }

    #[test]
    fn a_span_is_underlined_to_the_end_of_its_first_line() {
        let text = "a = 1\ntitel = \"x\"\nb = [\n  2]\n";
        let d = Diagnostic::error("x.md", "m").at_span(text, 6..11);
        assert_eq!((d.position, d.width), (Some((2, 1)), Some(5)));
        let d = Diagnostic::error("x.md", "m").at_span(text, 22..text.len());
        assert_eq!((d.position, d.width), (Some((3, 5)), Some(1)));
    }

    #[test]
    fn colour_follows_no_color_then_clicolor_force_then_the_terminal() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert!(colour_wanted(true, env(&[])));
        assert!(!colour_wanted(false, env(&[])));
        assert!(!colour_wanted(true, env(&[("NO_COLOR", "1")])));
        assert!(colour_wanted(true, env(&[("NO_COLOR", "")])));
        assert!(!colour_wanted(true, env(&[("TERM", "dumb")])));
        assert!(colour_wanted(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!colour_wanted(false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!colour_wanted(false, env(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])));
    }

    #[test]
    fn sorted_orders_by_file_then_line_and_drops_duplicates() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::error("b.md", "late").at((2, 1)));
        d.push(Diagnostic::error("a.md", "second").at((9, 1)));
        d.push(Diagnostic::warning("a.md", "first").at((1, 4)));
        d.push(Diagnostic::error("a.md", "second").at((9, 1)));
        let lines: Vec<String> = d.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            ["a.md:1:4: warning: first", "a.md:9:1: error: second", "b.md:2:1: error: late"]
        );
        assert!(d.has_errors());
        assert_eq!(d.error_count(), 3);
    }
}
