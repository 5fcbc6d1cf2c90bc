//! Syntax highlighting of fenced code with syntect, into CSS classes.
//!
//! The syntax set (syntect's plus `two-face`'s, which adds TOML) is loaded once
//! per highlighter and thread, when the thread first highlights (a build
//! makes one highlighter; `serve`'s rebuilds share the first build's,
//! `render::bodies::Kept`), and the highlighter is passed down by reference: each thread's regular
//! expressions then keep their scratch space to themselves (shared, a thread
//! that did not compile them waited on a lock at every search). Output is
//! class-based (`hl-*`), so one generated stylesheet serves the light and the
//! dark theme.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: EmbeddedThemeName = EmbeddedThemeName::InspiredGithub;
const DARK_THEME: EmbeddedThemeName = EmbeddedThemeName::Base16OceanDark;

/// Highlights code; make one per build (or per `serve`) and share it.
#[derive(Debug)]
pub struct Highlighter {
    /// One syntax set per thread of the pool (and one for any other thread), each loaded when first used.
    syntaxes: Vec<OnceLock<SyntaxSet>>,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter {
            syntaxes: (0..=rayon::current_num_threads()).map(|_| OnceLock::new()).collect(),
        }
    }
}

impl Highlighter {
    /// The calling thread's syntax set.
    fn syntaxes(&self) -> &SyntaxSet {
        let last = self.syntaxes.len() - 1;
        let slot = rayon::current_thread_index().map_or(last, |i| i.min(last));
        self.syntaxes[slot].get_or_init(two_face::syntax::extra_newlines)
    }

    /// The `<pre>` block for `code` in language `lang` (a fence's info word:
    /// `toml`, `rust`, `json`…). Unknown languages are escaped as plain text.
    pub fn highlight(&self, lang: &str, code: &str) -> String {
        let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
        let syntaxes = self.syntaxes();
        let syntax = (!lang.is_empty()).then(|| syntaxes.find_syntax_by_token(lang)).flatten();
        let Some(syntax) = syntax else {
            return plain(code);
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator.parse_html_for_line_which_includes_newline(line).is_err() {
                // syntect failed on a line (a grammar bug): show the block plain, nothing is lost.
                return plain(code);
            }
        }
        let slug = crate::text::slug::slugify(lang);
        format!(
            "<pre class=\"code hl-code\" data-lang=\"{slug}\"><code>{}</code></pre>\n",
            generator.finalize()
        )
    }
}

fn plain(code: &str) -> String {
    let mut out = String::from("<pre class=\"code\"><code>");
    pulldown_cmark_escape::escape_html_body_text(&mut out, code).expect("writing to a String cannot fail");
    out.push_str("</code></pre>\n");
    out
}

/// The stylesheet for highlighted code: the light theme, and the dark one
/// under `prefers-color-scheme: dark`. Made once per process: only the two
/// themes are loaded (`two-face`'s set loads a theme when it is asked for;
/// syntect's own set loads all of them, which was a tenth of a small
/// dossier's build).
pub fn stylesheet() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let themes = two_face::theme::extra();
        let css = |name| css_for_theme_with_class_style(themes.get(name), CLASS_STYLE).expect("built-in theme renders");
        let (light, dark) = (css(LIGHT_THEME), css(DARK_THEME));
        format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_is_highlighted_into_classes() {
        let h = Highlighter::default();
        let html = h.highlight("toml", "title = \"Đà Nẵng\" # <b>\n");
        assert!(html.starts_with("<pre class=\"code hl-code\" data-lang=\"toml\"><code>"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "code is escaped: {html}");
        assert!(!html.contains("style="), "no inline styles: {html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = Highlighter::default().highlight("klingon", "<script>x</script>");
        assert_eq!(html, "<pre class=\"code\"><code>&lt;script&gt;x&lt;/script&gt;</code></pre>\n");
    }

    #[test]
    fn stylesheet_has_both_themes() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
    }
}
