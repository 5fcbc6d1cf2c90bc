//! Typed views: the data each template sees, built from the model.
//!
//! Every template gets `site` (the dossier's settings and navigation), `t`
//! (interface strings), `page` (this page's title, links, root prefix) and one
//! value of its own kind. Links in views are site paths (`articles/x/index.html`);
//! templates prefix them with `page.root`, which keeps the output relative.
//! Pre-rendered HTML fields end in `_html` and are the only ones templates
//! print unescaped.

pub mod chart;
pub mod facts;

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark_escape::escape_html_body_text;
use serde::Serialize;

use crate::markdown::TocEntry;
use crate::parse::content::Section;
use crate::parse::seed::{Block, BlockKind};
use crate::resolve::citation::Citation;
use crate::resolve::model::Outline;
use crate::resolve::route::Route;

/// The dossier as every page sees it.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub lang: &'a str,
    /// The paper the print stylesheet lays pages out on.
    pub paper: crate::parse::i18n::Paper,
    pub base_url: &'a str,
    /// Site paths of the stylesheets, in order.
    pub stylesheets: Vec<String>,
    /// Site paths of the scripts (deferred; every page works without them).
    pub scripts: Vec<String>,
    pub favicon: Option<String>,
    /// Main navigation: home and the sections.
    pub nav: Vec<NavLink>,
    /// Free pages listed in the footer (the first few).
    pub pages: Vec<NavLink>,
    /// A link to the list of every free page, when the footer cannot hold them.
    pub all_pages: Option<NavLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub title: String,
    pub href: String,
    /// Which page it leads to, to mark the current one.
    pub key: NavKey,
}

/// What part of the site a page is, as navigation marks it: templates see
/// `home`, a section's folder (`timeline`), `search`, `print`, `pages`,
/// `404`, or a free page's route (`about/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NavKey {
    Home,
    Section(Section),
    Search,
    Print,
    Pages,
    NotFound,
    Page(Route),
}

impl Serialize for NavKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            NavKey::Home => "home",
            NavKey::Section(section) => section.dir(),
            NavKey::Search => "search",
            NavKey::Print => "print",
            NavKey::Pages => "pages",
            NavKey::NotFound => "404",
            NavKey::Page(route) => route.as_str(),
        })
    }
}

/// A data file a fact page offers for download.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    pub title: String,
    pub href: String,
}

/// What every page has.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Relative prefix to the site root: `./`, `../../`.
    pub root: String,
    pub canonical: String,
    /// The part of the site the page belongs to.
    pub section: NavKey,
    pub toc: Vec<TocEntry>,
    /// The same page in every edition (none when there is one).
    pub alternates: Vec<crate::render::counterparts::Alternate>,
    /// The language the page's own document is shown in when it has no
    /// translation into the page's edition (the page then says so).
    pub original_lang: Option<String>,
    /// The language of the seeds, so of every quote, when it is not the
    /// page's (in an edition other than the default).
    pub quotes_lang: Option<String>,
}

/// What every template sees besides its page: `site` and `t` (the
/// interface strings), set once per build as the theme's globals.
#[derive(Debug, Serialize)]
pub struct Globals<'a> {
    pub site: &'a SiteView<'a>,
    pub t: &'a BTreeMap<String, String>,
}

/// The context of one page's template: `page` and the page's own data.
#[derive(Debug, Serialize)]
pub struct Context<T: Serialize> {
    pub page: PageMeta,
    #[serde(flatten)]
    pub data: T,
}

/// A seed's article page.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub title: String,
    pub stem: String,
    /// The seed's short name, as citations print it: `004`.
    pub short: String,
    /// How the dossier names the article: `Bài 004`.
    pub number: String,
    /// The seed's path in the dossier (`seeds/004_….txt`), for templates of
    /// the dossier's own; the built-in ones never show it to readers.
    pub seed_path: String,
    pub summary: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// The original's address as a link shows it: its host (`vietnamplus.vn`).
    pub url_label: Option<String>,
    pub published: Option<String>,
    pub published_iso: Option<String>,
    pub tags: Vec<String>,
    /// The analyst's note, when the seed has one.
    pub note: Option<NoteView>,
    pub blocks: Vec<BlockView>,
    pub cited_by: Vec<CitedByView>,
}

/// An analyst's note on an article.
#[derive(Debug, Serialize)]
pub struct NoteView {
    pub html: String,
}

#[derive(Debug, Serialize)]
pub struct BlockView {
    pub kind: BlockKind,
    pub anchor: String,
    /// The block's text, escaped, quoted passages in `<mark>`.
    pub text_html: String,
    /// For captions: the credit, escaped and marked likewise.
    pub credit_html: Option<String>,
    pub cited: bool,
    /// For list items: the first and the last of a run, so templates can open and close the list.
    pub list_start: bool,
    pub list_end: bool,
}

#[derive(Debug, Serialize)]
pub struct CitedByView {
    pub title: String,
    pub href: String,
    pub quote: String,
    pub anchor: String,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    pub title: String,
    /// The language of its title and summary when they are not the page's (no translation).
    pub lang: Option<String>,
    /// How the dossier names the article: `Bài 004`.
    pub number: String,
    pub href: String,
    pub summary: String,
    pub published: Option<String>,
    pub published_iso: Option<String>,
    pub tags: Vec<String>,
    pub cited_count: usize,
}

/// The home page.
#[derive(Debug, Serialize)]
pub struct HomeView {
    pub title: String,
    pub body_html: String,
    pub visit: Option<VisitView>,
    /// The visit's days, each with what happened.
    pub days: facts::VisitDaysView,
    pub key_figures: Vec<facts::MetricView>,
    /// The agreements signed, by field (none when the dossier has no
    /// agreements page, nor on a print page that prints them at their slot).
    pub agreements: Option<facts::AgreementsView>,
    /// Every article's summary (none on a print page that prints the
    /// articles at their slot).
    pub articles: Option<Vec<ArticleSummary>>,
}

#[derive(Debug, Serialize)]
pub struct VisitView {
    pub guest: String,
    pub host: String,
    pub place: String,
    pub kind: String,
    pub dates: String,
    pub start_iso: String,
    pub end_iso: String,
    /// What the analyst inferred the dates from, when no source states them.
    pub dates_inferred: Option<String>,
    pub sources: Vec<SourceLink>,
}

/// The host of an `http(s)` address (`vietnamplus.vn`), or the address itself.
pub fn url_label(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.strip_prefix("www.").unwrap_or(host);
    if host.is_empty() || !url.contains("://") {
        url.to_string()
    } else {
        host.to_string()
    }
}

/// A link to a cited passage.
#[derive(Debug, Clone, Serialize)]
pub struct SourceLink {
    pub href: String,
    pub seed: String,
    /// The seed's short name: its number prefix (`004`), or its stem.
    pub short: String,
    /// The seed's article title.
    pub title: String,
    pub quote: String,
    /// The quote in the page's language, where a translation gives it.
    pub translation: Option<String>,
    /// Where the passage is, for paper: `004 ¶7`.
    pub reference: String,
}

/// A citation as a link to its passage (titled with its article's title).
pub fn source_link(citation: &Citation, outline: &Outline<'_>) -> SourceLink {
    SourceLink {
        href: citation.target.file(),
        seed: citation.seed.clone(),
        short: citation.short_seed().to_string(),
        title: outline.article(citation.hit.seed).title.clone(),
        quote: citation.quote.trim().to_string(),
        translation: citation.translation.clone(),
        reference: citation.reference(),
    }
}

/// The list of articles.
#[derive(Debug, Serialize)]
pub struct ArticlesView {
    pub intro_html: String,
    pub articles: Vec<ArticleSummary>,
}

/// A fact page: its intro and its data.
#[derive(Debug, Serialize)]
pub struct FactPage<T: Serialize> {
    pub intro_html: String,
    pub downloads: Vec<Download>,
    pub facts: T,
}

/// A free page.
#[derive(Debug, Serialize)]
pub struct FreePageView<'a> {
    pub body_html: &'a str,
    /// Shown only because drafts were asked for.
    pub draft: bool,
}

/// Escapes `text[range]`, wrapping the parts inside `marks` (byte ranges of
/// `text`, sorted, not overlapping) in `<mark>`.
pub fn marked_html(text: &str, range: Range<usize>, marks: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(range.len() + 16);
    let mut at = range.start;
    for &(start, end) in marks {
        let (start, end) = (start.max(range.start), end.min(range.end));
        if start >= end {
            continue;
        }
        escape(&mut out, &text[at..start]);
        out.push_str("<mark>");
        escape(&mut out, &text[start..end]);
        out.push_str("</mark>");
        at = end;
    }
    escape(&mut out, &text[at..range.end]);
    out
}

fn escape(out: &mut String, text: &str) {
    escape_html_body_text(out, text).expect("writing to a String cannot fail");
}

/// The view of one seed block with its quoted passages marked.
pub fn block_view(block: &Block, marks: &[(usize, usize)]) -> BlockView {
    let text = &block.text;
    let (text_html, credit_html) = match block.credit_start {
        Some(credit) => {
            let body_end = text[..credit].trim_end().len();
            (
                marked_html(text, 0..body_end, marks),
                Some(marked_html(text, credit..text.len(), marks)),
            )
        }
        None => (marked_html(text, 0..text.len(), marks), None),
    };
    BlockView {
        kind: block.kind,
        anchor: block.anchor.clone(),
        text_html,
        credit_html,
        cited: !marks.is_empty(),
        list_start: false,
        list_end: false,
    }
}

/// Views of a seed's blocks, runs of list items marked at both ends.
pub fn block_views(blocks: &[Block], marks: impl Fn(usize) -> Vec<(usize, usize)>) -> Vec<BlockView> {
    let is_item = |i: usize| blocks.get(i).is_some_and(|b| b.kind == BlockKind::ListItem);
    (0..blocks.len())
        .map(|i| {
            let mut view = block_view(&blocks[i], &marks(i));
            if is_item(i) {
                view.list_start = i == 0 || !is_item(i - 1);
                view.list_end = !is_item(i + 1);
            }
            view
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_quoted_ranges_and_text_is_escaped() {
        let text = "a <b> hội đàm & c";
        let start = text.find("hội").unwrap();
        let end = start + "hội đàm".len();
        assert_eq!(
            marked_html(text, 0..text.len(), &[(start, end)]),
            "a &lt;b&gt; <mark>hội đàm</mark> &amp; c"
        );
        assert_eq!(marked_html(text, 0..4, &[(start, end)]), "a &lt;b");
    }

    #[test]
    fn an_original_is_named_by_its_host() {
        assert_eq!(url_label("https://www.vietnamplus.vn/bai-viet-123.vnp"), "vietnamplus.vn");
        assert_eq!(url_label("http://baochinhphu.vn?x=1"), "baochinhphu.vn");
        assert_eq!(url_label("../goc.html"), "../goc.html");
    }

    #[test]
    fn caption_credit_is_split_from_its_text() {
        let block = crate::parse::seed::parse(std::path::Path::new("s.txt"), "Đoạn.\n\nCác đại biểu. Ảnh: TTXVN".as_bytes())
            .unwrap()
            .blocks[1]
            .clone();
        let view = block_view(&block, &[]);
        assert_eq!(view.text_html, "Các đại biểu.");
        assert_eq!(view.credit_html.as_deref(), Some("Ảnh: TTXVN"));
        assert!(!view.cited);
    }
}
