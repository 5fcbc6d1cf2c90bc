//! Rendering every item's Markdown body against the dossier's outline, in
//! parallel: for its own page, and again for the print page where the print
//! page shows it (its links are relative to the page it sits on).
//!
//! A free page's body is embedded nowhere else, so its page is rendered and
//! written as soon as its body is, and its HTML is dropped: memory does not
//! grow with the free pages' HTML. What the rest of the build needs of it
//! (ids, citations, links, text for search) is kept.
//!
//! A build that keeps its results for the next one (`serve`) passes the
//! previous [`Kept`]: a body whose key (its text, its place, and everything
//! its links and citations are resolved against) is unchanged is taken from
//! it, and so is a free page whose body and frame (site view, templates,
//! settings) are unchanged. Anything a key does not cover is not reused.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::theme::Theme;
use super::{Frame, PAGE_INDEX, put_rendered};
use crate::diag::{Diagnostic, Diagnostics};
use crate::disk::output::{Sink, Stored};
use crate::keep::{Key, KeyHasher};
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self, Links, Options, Place, Rendered};
use crate::parse::content::CitationRef;
use crate::resolve::citation::{Citation, Hit};
use crate::resolve::manifest::PageKind;
use crate::resolve::model::{Bodies, Item, ItemKind, Outline};
use crate::resolve::route::Route;

/// What a build keeps for the next one: bodies and free pages by key.
#[derive(Debug, Default)]
pub struct Kept {
    /// By key, hashed with FxHash (a key is a hash already).
    bodies: FxHashMap<Key, (Arc<Rendered>, Vec<Diagnostic>)>,
    pages: FxHashMap<Key, Stored>,
    /// The list of every free page, by a key of its view and the frame.
    page_index: Option<(Key, Stored)>,
    /// The highlighter, whose syntax sets (loaded, and their expressions
    /// compiled, when first used) serve every build after the first.
    highlighter: Arc<Highlighter>,
    /// How many bodies the build rendered rather than took from the one before.
    rendered: usize,
}

impl Kept {
    /// How many bodies the build that kept these rendered, rather than took
    /// from the build before it.
    pub fn rendered(&self) -> usize {
        self.rendered
    }
}

/// What the body stage renders with.
#[derive(Clone, Copy)]
pub struct Stage<'a> {
    pub outline: &'a Outline<'a>,
    /// What bodies' links are resolved against: the outline's, each quote found once.
    pub links: &'a FoundOnce<'a>,
    pub options: &'a Options,
    /// The templates and site view, when the templates loaded (free pages are then written).
    pub frame: Option<&'a Frame<'a>>,
    /// A key of everything a free page is rendered with besides its body.
    pub frame_key: Key,
    pub sink: &'a dyn Sink,
    /// The previous build's results, when this build keeps its own.
    pub kept: Option<&'a Kept>,
}

impl std::fmt::Debug for Stage<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stage")
            .field("frame_key", &self.frame_key)
            .field("keeps", &self.kept.is_some())
            .finish_non_exhaustive()
    }
}

/// One body's result, its key when kept, and its free page's bytes and key.
struct Done {
    body: Option<Arc<Rendered>>,
    problems: Vec<Diagnostic>,
    key: Option<Key>,
    page: Option<(Key, Stored)>,
    /// Where the page goes, when it is still to be put: a kept free page,
    /// put with the others at once ([`Sink::put_all_stored`]).
    unput: Option<String>,
    /// Whether the body was rendered by this build.
    rendered: bool,
}

impl Stage<'_> {
    /// Renders every body; writes each free page when the templates loaded.
    /// Problems go to `diagnostics`; the error is a failed write. Returns
    /// what to keep when the build keeps its results.
    pub fn run(&self, diagnostics: &mut Diagnostics) -> anyhow::Result<(Bodies, Option<Kept>)> {
        let highlighter = self.kept.map_or_else(Arc::default, |k| k.highlighter.clone());
        let context = self.kept.map(|_| context_key(self.outline, self.options));
        let items = &self.outline.items;
        let (index, mut page) = rayon::join(
            || self.page_index(),
            || -> Vec<anyhow::Result<Done>> { items.par_iter().map(|item| self.page_body(item, &highlighter, context)).collect() },
        );
        let PageIndex { problem, kept: page_index } = index?;
        diagnostics.extend(problem);
        let unput = page.iter_mut().filter_map(|done| {
            let done = done.as_mut().ok()?;
            Some((done.unput.take()?, done.page.as_ref()?.1.clone()))
        });
        self.sink.put_all_stored(unput.collect())?;
        let print = Route::from_parts(&["print"]);
        let printed: Vec<Done> = (items.par_iter().zip(&page))
            .map(|(item, on_page)| {
                let shown = matches!(
                    item.kind(),
                    ItemKind::Home | ItemKind::Article | ItemKind::Event | ItemKind::Agreement | ItemKind::Metric
                );
                if !shown {
                    return Done::none();
                }
                match on_page
                    .as_ref()
                    .ok()
                    .and_then(|done| done.printed_as_is(&item.target.route, &print))
                {
                    Some(same) => same,
                    None => self.body(item, &print, &highlighter, context),
                }
            })
            .collect();
        let mut bodies = Bodies::default();
        let mut kept = self.kept.map(|_| Kept {
            bodies: FxHashMap::with_capacity_and_hasher(2 * items.len(), Default::default()),
            pages: FxHashMap::with_capacity_and_hasher(items.len(), Default::default()),
            page_index,
            highlighter: highlighter.clone(),
            rendered: 0,
        });
        for done in page
            .into_iter()
            .map(|d| d.map(|d| (d, true)))
            .chain(printed.into_iter().map(|d| Ok((d, false))))
        {
            let (done, on_page) = done?;
            if let Some(kept) = &mut kept {
                kept.rendered += usize::from(done.rendered);
                if let (Some(key), Some(body)) = (done.key, &done.body) {
                    kept.bodies.insert(key, (body.clone(), done.problems.clone()));
                }
                kept.pages.extend(done.page);
            }
            if on_page {
                diagnostics.extend(done.problems);
                bodies.page.push(done.body);
            } else {
                bodies.print.push(done.body);
            }
        }
        Ok((bodies, kept))
    }

    /// The list of every free page, when the site has one: written with
    /// the free pages, since it is made of their titles and routes and the
    /// frame alone; taken from the previous build when the key of the
    /// frame and of its view (all its template reads besides the frame) is
    /// unchanged. Returns its template's problem and what to keep.
    fn page_index(&self) -> anyhow::Result<PageIndex> {
        let listed = self.outline.manifest.pages().iter().any(|(_, kind)| *kind == PageKind::PageIndex);
        let Some(frame) = self.frame.filter(|_| listed) else {
            return Ok(PageIndex::default());
        };
        let (route, view) = frame.page_index(self.outline);
        let path = route.file();
        let Some(kept) = self.kept else {
            return stream_page_index(frame, &view, &path, self.sink);
        };
        // Its view as JSON is a tenth of its conversion for the template.
        let json = serde_json::to_vec(&view).expect("views serialise");
        let key = KeyHasher::with_capacity(2 * 8 + 16 + json.len())
            .key_part(self.frame_key)
            .part(&json)
            .key();
        if let Some((_, stored)) = kept.page_index.as_ref().filter(|(k, _)| *k == key) {
            self.sink.put_stored(&path, stored)?;
            return Ok(PageIndex {
                problem: None,
                kept: Some((key, stored.clone())),
            });
        }
        let mut html = Vec::new();
        let rendered = Theme::context(&view).and_then(|context| frame.theme.render_to(PAGE_INDEX, &context, &mut html));
        if let Err(d) = rendered {
            return Ok(PageIndex {
                problem: Some(d),
                kept: None,
            });
        }
        let stored = self.sink.store(html);
        self.sink.put_stored(&path, &stored)?;
        Ok(PageIndex {
            problem: None,
            kept: Some((key, stored)),
        })
    }

    /// An item's body for its own page; a free page is written at once
    /// (taken from the previous build only with its page, which needs its HTML).
    fn page_body(&self, item: &Item<'_>, highlighter: &Highlighter, context: Option<Key>) -> anyhow::Result<Done> {
        let route = &item.target.route;
        let (ItemKind::Page, Some(frame)) = (item.kind(), self.frame) else {
            return Ok(self.body(item, route, highlighter, context));
        };
        let key = self.key(item, route, context);
        let page_key = key.map(|key| KeyHasher::with_capacity(2 * (8 + 16)).key_part(key).key_part(self.frame_key).key());
        if let (Some(key), Some(page_key)) = (key, page_key) {
            let kept = self.kept.and_then(|k| Some((k.bodies.get(&key)?, k.pages.get(&page_key)?)));
            if let Some(((body, problems), bytes)) = kept {
                return Ok(Done {
                    body: Some(body.clone()),
                    problems: problems.clone(),
                    key: Some(key),
                    page: Some((page_key, bytes.clone())),
                    unput: Some(route.file()),
                    rendered: false,
                });
            }
        }
        let Some((mut body, mut problems)) = self.render(item, route, highlighter) else {
            return Ok(Done::none());
        };
        let mut page = None;
        match frame.free_page(item, &body) {
            Ok((path, html)) => {
                let stored = self.sink.store(html);
                self.sink.put_stored(&path, &stored)?;
                page = page_key.map(|key| (key, stored));
            }
            Err(d) => problems.push(d),
        }
        // No other page embeds a free page's body: its HTML is not kept.
        body.html = String::new();
        let body = Arc::new(body);
        Ok(Done {
            key,
            body: Some(body),
            problems,
            page,
            unput: None,
            rendered: true,
        })
    }

    /// The body of `item` rendered for a page at `route`, or taken from the
    /// previous build when its key is unchanged.
    fn body(&self, item: &Item<'_>, route: &Route, highlighter: &Highlighter, context: Option<Key>) -> Done {
        let key = self.key(item, route, context);
        if let Some((body, problems)) = key.and_then(|key| self.kept?.bodies.get(&key)) {
            return Done {
                body: Some(body.clone()),
                problems: problems.clone(),
                key,
                page: None,
                unput: None,
                rendered: false,
            };
        }
        let Some((body, problems)) = self.render(item, route, highlighter) else {
            return Done::none();
        };
        let body = Arc::new(body);
        Done {
            key,
            body: Some(body),
            problems,
            page: None,
            unput: None,
            rendered: true,
        }
    }

    fn render(&self, item: &Item<'_>, route: &Route, highlighter: &Highlighter) -> Option<(Rendered, Vec<Diagnostic>)> {
        let place = Place {
            source: item.source()?,
            route,
            id_prefix: &item.id_prefix,
        };
        Some(markdown::render(place, self.links, highlighter, self.options))
    }

    /// The key of `item`'s body rendered at `route`, when the build keeps its results.
    fn key(&self, item: &Item<'_>, route: &Route, context: Option<Key>) -> Option<Key> {
        let (context, source) = (context?, item.source()?);
        let path = source.path.as_os_str().as_encoded_bytes();
        let mut hasher = KeyHasher::with_capacity(5 * 8 + 2 * 16 + route.as_str().len() + item.id_prefix.len() + path.len());
        hasher
            .key_part(context)
            .part(route.as_str().as_bytes())
            .part(item.id_prefix.as_bytes())
            .part(path)
            .key_part(source.key);
        Some(hasher.key())
    }
}

/// The list of every free page as written: its template's problem, and
/// what to keep of it for the next build.
#[derive(Default)]
struct PageIndex {
    problem: Option<Diagnostic>,
    kept: Option<(Key, Stored)>,
}

/// Writes the list of every free page as it renders it, as any other page
/// is written by a build that keeps nothing.
fn stream_page_index(frame: &Frame<'_>, view: &impl serde::Serialize, path: &str, sink: &dyn Sink) -> anyhow::Result<PageIndex> {
    let problem = match Theme::context(view) {
        Ok(context) => put_rendered(sink, path, &mut |write| frame.theme.render_to(PAGE_INDEX, &context, write))?,
        Err(d) => Some(d),
    };
    Ok(PageIndex { problem, kept: None })
}

impl Done {
    /// The page's body, as the print page shows it, when rendering it again
    /// there would write the same HTML: its page is as deep as the print
    /// page (an event on `timeline/`), so every link's relative prefix is
    /// the same, and no link was read from the page's own folder. Its
    /// problems are the page's, reported once.
    fn printed_as_is(&self, route: &Route, print: &Route) -> Option<Done> {
        let body = self.body.as_ref().filter(|b| route.depth() == print.depth() && !b.reads_route)?;
        Some(Done {
            body: Some(body.clone()),
            problems: Vec::new(),
            key: None,
            page: None,
            unput: None,
            rendered: false,
        })
    }

    fn none() -> Done {
        Done {
            body: None,
            problems: Vec::new(),
            key: None,
            page: None,
            unput: None,
            rendered: false,
        }
    }
}

/// A key of everything a body's references are resolved against: the
/// Markdown options, every item's kind, file and place, every output path,
/// and every seed's blocks. A change to any of them re-renders every body.
fn context_key(outline: &Outline<'_>, options: &Options) -> Key {
    let mut hasher = KeyHasher::default();
    let mut part = |bytes: &[u8]| {
        hasher.part(bytes);
    };
    part(format!("{options:?}").as_bytes());
    for item in &outline.items {
        part(item.kind().as_str().as_bytes());
        part(item.source().map_or(&b""[..], |s| s.path.as_os_str().as_encoded_bytes()));
        // The target's route and anchor: its file, without making the string.
        part(item.target.route.as_str().as_bytes());
        part(&[u8::from(item.target.anchor.is_some())]);
        part(item.target.anchor.as_deref().unwrap_or("").as_bytes());
    }
    for path in outline.manifest.paths() {
        part(path.as_bytes());
    }
    for seed in outline.seeds {
        part(seed.path.as_os_str().as_encoded_bytes());
        for block in &seed.blocks {
            part(block.anchor.as_bytes());
            part(block.text.as_bytes());
        }
    }
    hasher.key()
}

/// The outline's links, with each quote found in its seed once: a quote
/// cited by several bodies, or by a body rendered for its page and again
/// for the print page, is looked for once. (Finding quotes was a tenth of
/// a build of 10,000 dossier-shaped articles, and 43% of the finds were
/// repeats.) Only where a quote was found is kept (its citation is made
/// again from it), and only when it was: a miss's error names the place
/// of each citation.
#[derive(Debug)]
pub struct FoundOnce<'a> {
    outline: &'a Outline<'a>,
    /// Where each quote was found, by the key of its seed's name and its words.
    found: Mutex<FxHashMap<Key, Hit>>,
}

impl<'a> FoundOnce<'a> {
    pub fn new(outline: &'a Outline<'a>) -> FoundOnce<'a> {
        FoundOnce {
            outline,
            found: Mutex::default(),
        }
    }
}

impl Links for FoundOnce<'_> {
    fn cite(&self, cite: &CitationRef) -> Result<Citation, Option<Diagnostic>> {
        let mut key = KeyHasher::with_capacity(16 + cite.seed.len() + cite.quote.len());
        let key = key.part(cite.seed.as_bytes()).part(cite.quote.as_bytes()).key();
        let known = self.found.lock().unwrap_or_else(|e| e.into_inner()).get(&key).copied();
        if let Some(hit) = known {
            return Ok(self.outline.citation(cite, hit));
        }
        let found = self.outline.cite(cite)?;
        self.found.lock().unwrap_or_else(|e| e.into_inner()).insert(key, found.hit);
        Ok(found)
    }

    fn page(&self, content_path: &Path) -> Option<Route> {
        self.outline.page(content_path)
    }

    fn unparsed(&self, content_path: &Path) -> bool {
        self.outline.unparsed(content_path)
    }

    fn has_file(&self, site_path: &str) -> bool {
        self.outline.has_file(site_path)
    }
}
