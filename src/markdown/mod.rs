//! Markdown bodies to HTML, with citations, checked links, heading anchors, a
//! table of contents, collision-free footnotes and highlighted code.
//!
//! pulldown-cmark parses; a [`Writer`] rewrites the event stream (one method
//! per event family) and pulldown-cmark's HTML writer prints it. References
//! are resolved through [`Links`] (the dossier's outline); every problem is located in the user's
//! file. This module writes nothing to disk and knows no templates.

pub mod highlight;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options as CmarkOptions, Parser, Tag, TagEnd, html};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::diag::{Diagnostic, line_col};
use crate::markdown::highlight::Highlighter;
use crate::parse::content::{CitationRef, Source};
use crate::resolve::citation::Citation;
use crate::resolve::route::{Route, resolve_relative};
use crate::text::slug::slugify_or;

/// Ids the page templates use themselves; headings never take them.
const RESERVED_IDS: &[&str] = &[
    "main",
    "content",
    "toc",
    "cited-by",
    "article-text",
    "note",
    "footnotes",
    "search",
    "top",
];

/// How Markdown is read and what the generated markup says.
#[derive(Debug, Clone)]
pub struct Options {
    pub allow_html: bool,
    pub smart_punctuation: bool,
    /// Accessible name of the footnotes section.
    pub footnotes_label: String,
    /// Accessible name of a footnote's link back to its reference.
    pub back_label: String,
    /// The language of the seeds, when it is not the page's: every quote is marked with it.
    pub quotes_lang: Option<String>,
    /// What marks a quote's translation ("Translation").
    pub translation_label: String,
}

/// One heading of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to a fragment of a page, checked once every page's ids are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentLink {
    /// Site file path of the target page.
    pub target: String,
    pub fragment: String,
    pub path: PathBuf,
    pub position: (usize, usize),
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub citations: Vec<Citation>,
    /// Every id the body defines (headings, footnotes).
    pub ids: Vec<String>,
    pub fragment_links: Vec<FragmentLink>,
    /// The body as plain text, blocks separated by newlines (for search and summaries).
    pub text: String,
    /// Whether a link was read from the page's own URL (a file found
    /// nowhere beside the note, see `file_link`): the HTML then depends on
    /// the page's folder, not only on its depth.
    pub reads_route: bool,
}

/// What a body's references are resolved against: the dossier's outline.
pub trait Links: Sync {
    /// Finds a citation's quote in its seed, or says why not (`None` when
    /// the seed could not be read: its own error says why).
    fn cite(&self, cite: &CitationRef) -> Result<Citation, Option<Diagnostic>>;
    /// The route of the page made from content file `path` (`content/about.md`).
    fn page(&self, content_path: &Path) -> Option<Route>;
    /// True when content file `path` exists but failed to parse (its own
    /// errors say why): a link to it is not also an error.
    fn unparsed(&self, content_path: &Path) -> bool;
    /// True when the build writes `site_path`.
    fn has_file(&self, site_path: &str) -> bool;
}

/// Where a body is rendered: its file, its page, and a prefix for its ids
/// (non-empty when several bodies share one page).
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub source: &'a Source,
    pub route: &'a Route,
    pub id_prefix: &'a str,
}

/// `text` escaped for HTML or XML text and attribute values.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// Renders `place.source`'s body.
pub fn render(place: Place<'_>, linker: &dyn Links, highlighter: &Highlighter, options: &Options) -> (Rendered, Vec<Diagnostic>) {
    let mut flags = CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_HEADING_ATTRIBUTES
        | CmarkOptions::ENABLE_TASKLISTS;
    if options.smart_punctuation {
        flags |= CmarkOptions::ENABLE_SMART_PUNCTUATION;
    }
    let body = place.source.body();
    let mut writer = Writer::new(place, linker, highlighter, options);
    for (event, range) in Parser::new_ext(body, flags).into_offset_iter() {
        // Inside a citation the quote is the source text as typed: smart
        // punctuation must not turn the seed's `...` into `…` before matching.
        if let (Event::Text(_), Some(cite)) = (&event, writer.cite.as_mut()) {
            cite.text.push_str(&body[range.clone()]);
        }
        if matches!(event, Event::Text(_)) && writer.code.is_none() {
            for (at, width, message) in unread_citations(body, range.clone()) {
                writer.error_spanning(place.source.split.body_start + at, width, message);
            }
        }
        writer.event(event, place.source.split.body_start + range.start);
    }
    writer.finish()
}

struct HeadingState<'e> {
    level: HeadingLevel,
    id: Option<String>,
    classes: Vec<String>,
    events: Vec<Event<'e>>,
    text: String,
}

struct CiteState<'e> {
    seed: String,
    quote: Option<String>,
    offset: usize,
    events: Vec<Event<'e>>,
    /// The link's text as written in the source (the quote, unless a title gives it).
    text: String,
}

struct Writer<'a, 'e> {
    place: Place<'a>,
    linker: &'a dyn Links,
    highlighter: &'a Highlighter,
    options: &'a Options,
    out: Vec<Event<'e>>,
    heading: Option<HeadingState<'e>>,
    code: Option<(String, String)>,
    cite: Option<CiteState<'e>>,
    /// Nesting of links we rewrote or dropped, so their ends match.
    link_ends: Vec<Option<Event<'e>>>,
    footnote: Option<(String, Vec<Event<'e>>)>,
    footnotes: Vec<(String, Vec<Event<'e>>)>,
    footnote_numbers: HashMap<String, usize>,
    footnote_refs: HashMap<String, usize>,
    used_ids: HashSet<String>,
    /// For each wanted id, the last `-N` tried: the next heading wanting it
    /// starts there, so 20,000 identical headings take linear time.
    id_suffixes: HashMap<String, usize>,
    rendered: Rendered,
    /// The list of references, one entry per citation, written at the end.
    references: String,
    diagnostics: Vec<Diagnostic>,
}

impl<'a, 'e> Writer<'a, 'e> {
    fn new(place: Place<'a>, linker: &'a dyn Links, highlighter: &'a Highlighter, options: &'a Options) -> Self {
        Writer {
            place,
            linker,
            highlighter,
            options,
            out: Vec::new(),
            heading: None,
            code: None,
            cite: None,
            link_ends: Vec::new(),
            footnote: None,
            footnotes: Vec::new(),
            footnote_numbers: HashMap::new(),
            footnote_refs: HashMap::new(),
            used_ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            id_suffixes: HashMap::new(),
            rendered: Rendered::default(),
            references: String::new(),
            diagnostics: Vec::new(),
        }
    }

    fn error(&mut self, offset: usize, message: String) {
        let source = self.place.source;
        self.diagnostics
            .push(Diagnostic::error(&source.path, message).at_offset(&source.text, offset));
    }

    fn error_spanning(&mut self, offset: usize, width: usize, message: String) {
        let source = self.place.source;
        self.diagnostics.push(
            Diagnostic::error(&source.path, message)
                .at_offset(&source.text, offset)
                .spanning(width),
        );
    }

    /// Where events go now: the innermost open buffer.
    fn sink(&mut self) -> &mut Vec<Event<'e>> {
        if let Some(cite) = &mut self.cite {
            &mut cite.events
        } else if let Some(heading) = &mut self.heading {
            &mut heading.events
        } else if let Some((_, events)) = &mut self.footnote {
            events
        } else {
            &mut self.out
        }
    }

    fn event(&mut self, event: Event<'e>, offset: usize) {
        match event {
            Event::Text(text) if self.code.is_some() => {
                if let Some((_, code)) = &mut self.code {
                    code.push_str(&text);
                }
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                self.plain_text(text);
                self.sink().push(event);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::SoftBreak | Event::HardBreak => {
                self.plain_text(" ");
                if let Some(cite) = &mut self.cite {
                    cite.text.push(' ');
                }
                self.sink().push(event);
            }
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            other => self.sink().push(other),
        }
    }

    fn plain_text(&mut self, text: &str) {
        self.rendered.text.push_str(text);
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
        }
    }

    fn start(&mut self, tag: Tag<'e>, offset: usize) {
        match tag {
            Tag::Heading { level, id, classes, .. } => {
                self.heading = Some(HeadingState {
                    level,
                    id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => self.start_link(link_type, dest_url, title, id, offset),
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest = self.checked_url(&dest_url, offset).map(CowStr::from);
                match dest {
                    Some(dest_url) => self.sink().push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })),
                    None => self.sink().push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: CowStr::Borrowed(""),
                        title,
                        id,
                    })),
                }
            }
            Tag::FootnoteDefinition(label) => self.footnote = Some((label.to_string(), Vec::new())),
            Tag::HtmlBlock if !self.options.allow_html => self.sink().push(Event::Start(Tag::Paragraph)),
            other => self.sink().push(Event::Start(other)),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::CodeBlock => {
                if let Some((lang, code)) = self.code.take() {
                    self.rendered.text.push_str(&code);
                    let html = self.highlighter.highlight(&lang, &code);
                    self.sink().push(Event::Html(html.into()));
                }
            }
            TagEnd::Link => self.end_link(),
            TagEnd::FootnoteDefinition => {
                if let Some(def) = self.footnote.take() {
                    self.footnotes.push(def);
                }
            }
            TagEnd::HtmlBlock if !self.options.allow_html => self.sink().push(Event::End(TagEnd::Paragraph)),
            other => {
                if matches!(other, TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_)) {
                    self.rendered.text.push('\n');
                }
                self.sink().push(Event::End(other));
            }
        }
    }

    fn raw_html(&mut self, html: CowStr<'e>) {
        if self.options.allow_html {
            self.sink().push(Event::Html(html));
        } else {
            self.plain_text(&html);
            self.sink().push(Event::Text(html));
        }
    }

    fn unique_id(&mut self, wanted: &str) -> String {
        let mut base = format!("{}{}", self.place.id_prefix, wanted);
        if base.starts_with("p-") {
            base = format!("h-{base}");
        }
        // Ids are never freed, so every `-N` below the last one tried is
        // still taken: starting there gives the same ids as counting from 1.
        let n = self.id_suffixes.entry(base.clone()).or_insert(1);
        let mut id = if *n == 1 { base.clone() } else { format!("{base}-{n}") };
        while !self.used_ids.insert(id.clone()) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.rendered.ids.push(id.clone());
        id
    }

    fn end_heading(&mut self) {
        let Some(heading) = self.heading.take() else { return };
        let title = heading.text.trim().to_string();
        let wanted = heading.id.clone().unwrap_or_else(|| slugify_or(&title, "section"));
        let id = self.unique_id(&wanted);
        let level = heading.level as u8;
        if (2..=3).contains(&level) {
            self.rendered.toc.push(TocEntry {
                level,
                id: id.clone(),
                title: title.clone(),
            });
        }
        let mut inner = String::new();
        html::push_html(&mut inner, heading.events.into_iter());
        let mut open = format!("<h{level} id=\"");
        escape_html(&mut open, &id).expect("writing to a String cannot fail");
        open.push('"');
        if !heading.classes.is_empty() {
            open.push_str(" class=\"");
            escape_html(&mut open, &heading.classes.join(" ")).expect("writing to a String cannot fail");
            open.push('"');
        }
        let html = format!("{open}>{inner} <a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{level}>\n");
        self.rendered.text.push('\n');
        self.sink().push(Event::Html(html.into()));
    }

    fn start_link(&mut self, link_type: LinkType, dest_url: CowStr<'e>, title: CowStr<'e>, id: CowStr<'e>, offset: usize) {
        if let Some(seed) = dest_url.strip_prefix("cite:") {
            if self.cite.is_some() {
                self.error(offset, "a citation cannot hold another citation".into());
                self.link_ends.push(None);
                return;
            }
            self.cite = Some(CiteState {
                seed: seed.trim().to_string(),
                quote: (!title.is_empty()).then(|| title.to_string()),
                offset,
                events: Vec::new(),
                text: String::new(),
            });
            return;
        }
        match self.checked_url(&dest_url, offset) {
            Some(href) => {
                self.sink().push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: href.into(),
                    title,
                    id,
                }));
                self.link_ends.push(Some(Event::End(TagEnd::Link)));
            }
            None => self.link_ends.push(None),
        }
    }

    fn end_link(&mut self) {
        if self.link_ends.is_empty() {
            if let Some(cite) = self.cite.take() {
                self.end_cite(cite);
            }
            return;
        }
        if let Some(Some(end)) = self.link_ends.pop() {
            self.sink().push(end);
        }
    }

    fn end_cite(&mut self, cite: CiteState<'e>) {
        let source = self.place.source;
        let quote = cite.quote.unwrap_or_else(|| cite.text.clone());
        let reference = CitationRef {
            seed: cite.seed,
            translation: source.quote_translation(&quote),
            quote,
            path: source.path.clone(),
            position: line_col(&source.text, cite.offset),
        };
        match self.linker.cite(&reference) {
            Ok(citation) => self.cite_marker(citation, cite.events),
            Err(diagnostic) => {
                self.diagnostics.extend(diagnostic);
                self.sink().extend(cite.events);
            }
        }
    }

    /// A citation as the reader sees it: the cited words as plain prose,
    /// then a numbered marker linking to the cited paragraph and described by
    /// its entry in the list of references (the quote, where it is, and a
    /// link back), which the page shows where no script runs.
    fn cite_marker(&mut self, citation: Citation, words: Vec<Event<'e>>) {
        let number = self.rendered.citations.len() + 1;
        let marker = self.unique_id(&format!("cite-{number}"));
        let entry = self.unique_id(&format!("ref-{number}"));
        let quote_id = self.unique_id(&format!("ref-{number}-q"));
        let mut href = String::new();
        escape_href(&mut href, &self.place.route.link_to(&citation.target.file())).expect("writing to a String cannot fail");
        let reference = escaped(&citation.reference());
        let open = format!(
            "<a class=\"cite\" id=\"{marker}\" href=\"{href}\" data-ref=\"{reference}\" aria-describedby=\"{quote_id}\"><span class=\"cite-n\">{number}</span></a>"
        );
        let sink = self.sink();
        sink.push(Event::Html("<span class=\"cited-words\">".into()));
        sink.extend(words);
        sink.push(Event::Html(format!("</span><sup class=\"cite-mark\">{open}</sup>").into()));
        let lang = self
            .options
            .quotes_lang
            .as_ref()
            .map_or_else(String::new, |l| format!(" lang=\"{}\"", escaped(l)));
        let translation = citation.translation.as_ref().map_or_else(String::new, |t| {
            format!(
                " <span class=\"quote-translation\"><span class=\"translation-label\">{}:</span> {}</span>",
                escaped(&self.options.translation_label),
                escaped(t)
            )
        });
        self.references.push_str(&format!(
            "<li id=\"{entry}\" value=\"{number}\"><a class=\"reference-back\" href=\"#{marker}\" aria-label=\"{}\">{number}</a> \
<q id=\"{quote_id}\"{lang}>{}</q>{translation} <a class=\"reference\" href=\"{href}\">{reference}</a></li>\n",
            escaped(&self.options.back_label),
            escaped(citation.quote.trim()),
        ));
        self.rendered.citations.push(citation);
    }

    /// The href to write for a link or image destination, or `None` (and an
    /// error) when it points nowhere the build writes or uses a forbidden scheme.
    fn checked_url(&mut self, dest: &str, offset: usize) -> Option<String> {
        let lower = dest.to_ascii_lowercase();
        if ["http://", "https://", "mailto:", "tel:"].iter().any(|s| lower.starts_with(s)) {
            return Some(dest.to_string());
        }
        let (path, fragment) = dest.split_once('#').map_or((dest, None), |(p, f)| (p, Some(f)));
        if let Some(scheme) = path.split_once(':').map(|(s, _)| s).filter(|s| !s.contains('/')) {
            self.error(
                offset,
                format!("link `{dest}` uses the `{scheme}:` scheme: only http(s), mailto, tel and relative links are allowed"),
            );
            return None;
        }
        let route = self.place.route;
        let target = if path.is_empty() {
            Some(route.file())
        } else if let Some(content) = path.strip_prefix("@/") {
            self.content_page(&normalise(&Path::new("content").join(content)), dest, offset)
        } else if path.ends_with(".md") {
            let dir = self.place.source.path.parent().unwrap_or(Path::new(""));
            self.content_page(&normalise(&dir.join(path)), dest, offset)
        } else {
            self.file_link(path, dest, offset)
        }?;
        if let Some(fragment) = fragment {
            self.rendered.fragment_links.push(FragmentLink {
                target: target.clone(),
                fragment: fragment.to_string(),
                path: self.place.source.path.clone(),
                position: line_col(&self.place.source.text, offset),
            });
        }
        let href = if path.is_empty() { String::new() } else { route.link_to(&target) };
        Some(match fragment {
            Some(f) => format!("{href}#{f}"),
            None => href,
        })
    }

    /// The site path of a relative link to a file that is not Markdown. Like
    /// a `.md` link, it is read from the note's folder under `content/` (an
    /// image beside its note, `arrival.jpg`), and lands where that file is
    /// published (files of `content/` keep their path there). A link that
    /// finds no such file is read from the page's URL instead (a generated
    /// file such as `../../data/timeline.json`, or `../arrival.jpg` written
    /// for the page before files beside a note were found), so links that
    /// worked keep working.
    fn file_link(&mut self, path: &str, dest: &str, offset: usize) -> Option<String> {
        let source = &self.place.source.path;
        let beside = normalise(&source.parent().unwrap_or(Path::new("")).join(path));
        let beside_site = beside
            .strip_prefix("content")
            .ok()
            .filter(|_| !path.starts_with('/'))
            .map(|p| p.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/"))
            .filter(|site| !site.is_empty());
        if let Some(site) = beside_site.as_ref().filter(|site| self.linker.has_file(site)) {
            return Some(site.clone());
        }
        self.rendered.reads_route = true;
        match resolve_relative(self.place.route, path) {
            Some(site) if self.linker.has_file(&site) => Some(site),
            Some(site) => {
                let message = match beside_site {
                    Some(_) => format!(
                        "link `{dest}` points to `{}`, which is not there (nor is `{site}` in the site)",
                        beside.display()
                    ),
                    None => format!("link `{dest}` points to `{site}`, which the build does not write"),
                };
                self.error(offset, message);
                None
            }
            None => {
                self.error(offset, format!("link `{dest}` climbs above the site's root"));
                None
            }
        }
    }

    /// The page of a link to a Markdown file; `content_path` is normalised.
    fn content_page(&mut self, content_path: &Path, dest: &str, offset: usize) -> Option<String> {
        if !content_path.starts_with("content") {
            self.error(
                offset,
                format!("link `{dest}` climbs out of `content/`: link to pages with `@/` and a path inside it"),
            );
            return None;
        }
        match self.linker.page(content_path) {
            Some(route) => Some(route.file()),
            None if self.linker.unparsed(content_path) => None,
            None => {
                self.error(
                    offset,
                    format!("link `{dest}` points to `{}`, which is not a content page", content_path.display()),
                );
                None
            }
        }
    }

    fn footnote_reference(&mut self, label: &str) {
        let next = self.footnote_numbers.len() + 1;
        let number = *self.footnote_numbers.entry(label.to_string()).or_insert(next);
        let base = footnote_id(self.place.id_prefix, label, number);
        let count = self.footnote_refs.entry(label.to_string()).or_insert(0);
        *count += 1;
        let ref_id = if *count == 1 {
            format!("fnref-{base}")
        } else {
            format!("fnref-{base}-{count}")
        };
        self.rendered.ids.push(ref_id.clone());
        let html = format!("<sup class=\"footnote-ref\"><a href=\"#fn-{base}\" id=\"{ref_id}\">{number}</a></sup>");
        self.sink().push(Event::Html(html.into()));
    }

    fn footnotes_html(&mut self) -> String {
        if self.footnotes.is_empty() {
            return String::new();
        }
        let mut defs = std::mem::take(&mut self.footnotes);
        let numbers = &mut self.footnote_numbers;
        for (label, _) in &defs {
            let next = numbers.len() + 1;
            numbers.entry(label.clone()).or_insert(next);
        }
        defs.sort_by_key(|(label, _)| numbers[label]);
        let mut out = String::from("<section class=\"footnotes\" aria-label=\"");
        escape_html(&mut out, &self.options.footnotes_label).expect("writing to a String cannot fail");
        out.push_str("\">\n<ol>\n");
        for (label, events) in defs {
            let number = self.footnote_numbers[&label];
            let base = footnote_id(self.place.id_prefix, &label, number);
            self.rendered.ids.push(format!("fn-{base}"));
            out.push_str(&format!("<li id=\"fn-{base}\" value=\"{number}\">"));
            html::push_html(&mut out, events.into_iter());
            if self.footnote_refs.contains_key(&label) {
                out.push_str(&format!(" <a class=\"footnote-back\" href=\"#fnref-{base}\" aria-label=\""));
                escape_html(&mut out, &self.options.back_label).expect("writing to a String cannot fail");
                out.push_str("\">↩</a>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</section>\n");
        out
    }

    fn finish(mut self) -> (Rendered, Vec<Diagnostic>) {
        if let Some(cite) = self.cite.take() {
            self.end_cite(cite);
        }
        let footnotes = self.footnotes_html();
        let mut html_out = String::with_capacity(self.place.source.body().len() * 3 / 2);
        html::push_html(&mut html_out, self.out.into_iter());
        html_out.push_str(&footnotes);
        if !self.references.is_empty() {
            html_out.push_str("<ol class=\"references\">\n");
            html_out.push_str(&self.references);
            html_out.push_str("</ol>\n");
        }
        self.rendered.html = html_out;
        (self.rendered, self.diagnostics)
    }
}

/// Citations written as links that Markdown does not read as links, in the
/// text `body[range]` (pulldown-cmark gives them as text, so they would be
/// published as raw `[…](cite: 003 …)`): each `(cite:` after a `]`, as
/// (offset of the `]` in `body`, characters to the `)`, the error).
fn unread_citations(body: &str, range: std::ops::Range<usize>) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    for (i, _) in body[range.clone()].match_indices("(cite:") {
        let open = range.start + i;
        let before = body[..open].trim_end_matches([' ', '\t']);
        if !before.ends_with(']') {
            continue;
        }
        let bracket = before.len() - 1;
        let line_end = body[open..].find('\n').map_or(body.len(), |n| open + n);
        let end = body[open..line_end].find(')').map_or(line_end, |n| open + n + 1);
        let after = &body[open + "(cite:".len()..line_end];
        let seed: String = after.trim_start().chars().take_while(|c| !c.is_whitespace() && *c != ')').collect();
        let fix = if bracket + 1 < open {
            "remove the space between `]` and `(`".to_string()
        } else if after.starts_with(char::is_whitespace) {
            format!("remove the space after `cite:`, as in `](cite:{seed})`")
        } else {
            "write `[words](cite:SEED)` or `[words](cite:SEED \"exact words\")`, \
             and put a quote holding `\"` between `'` instead"
                .to_string()
        };
        found.push((
            bracket,
            body[bracket..end].chars().count(),
            format!(
                "citation `{}` is not a link Markdown can read, so it would be published as text: {fix}",
                &body[bracket..end]
            ),
        ));
    }
    found
}

fn footnote_id(prefix: &str, label: &str, number: usize) -> String {
    format!("{prefix}{}", slugify_or(label, &number.to_string()))
}

/// `content/a/../b.md` → `content/b.md`.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unread(body: &str) -> Vec<(usize, usize, String)> {
        unread_citations(body, 0..body.len())
    }

    #[test]
    fn a_citation_markdown_cannot_read_is_found_with_its_fix() {
        let body = "Xem [câu](cite: 003 \"hai bên\") nhé.";
        let found = unread_citations(body, body.find('(').unwrap()..body.len());
        assert_eq!(found.len(), 1);
        let (at, width, message) = &found[0];
        assert_eq!((*at, *width), (body.find(']').unwrap(), "](cite: 003 \"hai bên\")".chars().count()));
        assert!(
            message.ends_with("remove the space after `cite:`, as in `](cite:003)`"),
            "{message}"
        );
        assert!(unread("[a] (cite:003) b")[0].2.ends_with("remove the space between `]` and `(`"));
        assert!(unread("[y](cite:003 \"a \"b\" c\") z")[0].2.contains("between `'` instead"));
    }

    #[test]
    fn text_that_only_mentions_cite_is_not_a_citation() {
        assert!(unread("the scheme (cite:003) is written after a link text").is_empty());
        assert!(
            unread("a `](cite:` in prose").len() == 1,
            "found in text; code spans are not text events"
        );
    }
}
