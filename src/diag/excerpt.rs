//! A diagnostic as the terminal shows it: its `path:line:col: error: message`
//! line (one line, so `dossier check | grep` and editors still read it), then
//! the line of source it points at with a caret under its span, drawn by
//! annotate-snippets (rustc's own renderer), in colour or plain.
//!
//! The source comes from the caller (who read it through `disk::input`);
//! this module reads nothing. Control characters in the excerpt are shown
//! escaped, as in the rest of a diagnostic ([`super::terminal`]): the
//! renderer's own replacements miss the C1 controls and some bidirectional
//! marks.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity, terminal, unsafe_char};

/// ANSI styles of the headline when in colour: bold path, red or yellow level.
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[1;91m";
const YELLOW: &str = "\x1b[1;93m";
const RESET: &str = "\x1b[0m";

/// Widest excerpt: a longer line is cut around the caret (a seed paragraph
/// may be one line of a thousand characters).
const WIDTH: usize = 100;

/// `diagnostic` as printed: its headline and, when `source` (the text of its
/// file) holds its line, the excerpt below it. No trailing newline.
pub fn render(diagnostic: &Diagnostic, source: Option<&str>, colour: bool) -> String {
    let mut out = headline(diagnostic, colour);
    if let Some(excerpt) = source.and_then(|source| excerpt(diagnostic, source, colour)) {
        out.push('\n');
        out.push_str(&excerpt);
    }
    out
}

/// `path:line:col: error: message`, escaped for the terminal.
fn headline(d: &Diagnostic, colour: bool) -> String {
    let plain = d.to_string();
    if !colour {
        return plain;
    }
    let (kind, style) = match d.severity {
        Severity::Error => ("error", RED),
        Severity::Warning => ("warning", YELLOW),
    };
    let (line, col) = d.position.unwrap_or((1, 1));
    let path = terminal(&d.path.to_string_lossy()).into_owned();
    format!(
        "{BOLD}{path}:{line}:{col}:{RESET} {style}{kind}{RESET}{BOLD}: {}{RESET}",
        terminal(&d.message)
    )
}

/// The source line of `d` with a caret under its span; `None` when it has
/// no position or `source` has no such line.
fn excerpt(d: &Diagnostic, source: &str, colour: bool) -> Option<String> {
    let (line_no, col) = d.position?;
    let line = source.split('\n').nth(line_no.checked_sub(1)?)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let start = line.char_indices().nth(col.saturating_sub(1)).map_or(line.len(), |(i, _)| i);
    let width = d.width.unwrap_or(1).max(1);
    let end = line[start..].char_indices().nth(width).map_or(line.len(), |(i, _)| start + i);
    // Escaped piece by piece, so the caret stays under what it points at.
    let before = shown(&line[..start]);
    let spanned = shown(&line[start..end]);
    let text = format!("{before}{spanned}{}", shown(&line[end..]));
    let span = before.len()..before.len() + spanned.len();
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let snippet = Snippet::source(text.as_str())
        .line_start(line_no)
        .annotation(AnnotationKind::Primary.span(span));
    let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
    let rendered = renderer.term_width(WIDTH).render(&[Group::with_level(level).element(snippet)]);
    Some(rendered.trim_end_matches('\n').to_string())
}

/// A piece of a source line as shown: controls escaped, tabs left for the
/// renderer (which draws them as spaces).
fn shown(text: &str) -> String {
    if !text.chars().any(|c| c != '\t' && unsafe_char(c)) {
        return text.to_string();
    }
    text.split('\t')
        .map(|piece| terminal(piece).into_owned())
        .collect::<Vec<_>>()
        .join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "+++\ntitle = \"Bài\"\n+++\nHai bên [đã có cuộc hội đàm](cite:001) hôm nay.\n";

    #[test]
    fn the_excerpt_puts_a_caret_under_the_column_below_the_headline() {
        let d = Diagnostic::error("content/a.md", "quote not found").at((4, 9));
        assert_eq!(
            render(&d, Some(NOTE), false),
            "content/a.md:4:9: error: quote not found\n  |\n4 | Hai bên [đã có cuộc hội đàm](cite:001) hôm nay.\n  |         ^"
        );
    }

    #[test]
    fn a_width_underlines_the_whole_span() {
        let d = Diagnostic::error("content/a.md", "unknown field").at((2, 1)).spanning(5);
        let text = render(&d, Some(NOTE), false);
        assert!(text.ends_with("2 | title = \"Bài\"\n  | ^^^^^"), "{text}");
    }

    #[test]
    fn without_a_position_or_a_line_there_is_only_the_headline() {
        let d = Diagnostic::error("content/a.md", "too large");
        assert_eq!(render(&d, Some(NOTE), false), "content/a.md:1:1: error: too large");
        let d = d.at((40, 1));
        assert_eq!(render(&d, Some(NOTE), false), "content/a.md:40:1: error: too large");
        assert_eq!(render(&d, None, false), "content/a.md:40:1: error: too large");
    }

    #[test]
    fn controls_in_the_source_line_are_escaped_and_the_caret_follows() {
        let source = "a\u{1b}[2J\u{9b}b x\n";
        let d = Diagnostic::warning("seeds/1.txt", "here").at((1, 7));
        let text = render(&d, Some(source), false);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(text.ends_with("1 | a\\u{1b}[2J\\u{9b}b x\n  |                 ^"), "{text}");
    }

    #[test]
    fn colour_styles_the_headline_and_the_caret() {
        let d = Diagnostic::error("content/a.md", "quote not found").at((4, 9));
        let text = render(&d, Some(NOTE), true);
        assert!(
            text.starts_with("\x1b[1mcontent/a.md:4:9:\x1b[0m \x1b[1;91merror\x1b[0m"),
            "{text:?}"
        );
        assert!(text.contains('^') && text.matches('\x1b').count() > 4, "{text:?}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let long = format!("{} đích {}\n", "chữ ".repeat(300), "nữa ".repeat(300));
        let col = "chữ ".repeat(300).chars().count() + 1;
        let d = Diagnostic::warning("seeds/1.txt", "figure").at((1, col));
        let text = render(&d, Some(&long), false);
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH + 10), "{text}");
        assert!(text.contains("đích"), "{text}");
    }
}
