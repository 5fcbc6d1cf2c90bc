//! Rendering every item's Markdown body against the dossier's outline, in
//! parallel: for its own page, and again for the print page where the print
//! page shows it (its links are relative to the page it sits on).
//!
//! A free page's body is embedded nowhere else, so its page is rendered and
//! written as soon as its body is, and its HTML is dropped: memory does not
//! grow with the free pages' HTML. What the rest of the build needs of it
//! (ids, citations, links, text for search) is kept.

use rayon::prelude::*;

use super::Frame;
use crate::diag::{Diagnostic, Diagnostics};
use crate::disk::output::Sink;
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self, Options, Place, Rendered};
use crate::resolve::model::{Bodies, Item, ItemKind, Outline};
use crate::resolve::route::Route;

/// Renders every body; writes each free page when `frame` is there (the
/// templates loaded). Problems go to `diagnostics`; the error is a failed write.
pub fn render(
    outline: &Outline<'_>,
    options: &Options,
    frame: Option<&Frame<'_>>,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<Bodies> {
    let highlighter = Highlighter::default();
    let page: Vec<anyhow::Result<(Option<Rendered>, Vec<Diagnostic>)>> = outline
        .items
        .par_iter()
        .map(|item| {
            let Some((mut body, mut problems)) = render_one(outline, item, &item.target.route, &highlighter, options) else {
                return Ok((None, Vec::new()));
            };
            if item.kind() == ItemKind::Page {
                if let Some(frame) = frame {
                    match frame.free_page(item, &body) {
                        Ok((path, html)) => sink.put(&path, &html)?,
                        Err(d) => problems.push(d),
                    }
                }
                body.html = String::new();
            }
            Ok((Some(body), problems))
        })
        .collect();
    let mut bodies = Bodies::default();
    for result in page {
        let (body, problems) = result?;
        diagnostics.extend(problems);
        bodies.page.push(body);
    }
    // The same bodies, relative to the print page; their problems are those above.
    let print = Route::from_parts(&["print"]);
    bodies.print = outline
        .items
        .par_iter()
        .map(|item| {
            let printed = matches!(
                item.kind(),
                ItemKind::Home | ItemKind::Article | ItemKind::Event | ItemKind::Agreement | ItemKind::Metric
            );
            printed
                .then(|| render_one(outline, item, &print, &highlighter, options))
                .flatten()
                .map(|(body, _)| body)
        })
        .collect();
    Ok(bodies)
}

/// The body of `item`, rendered for a page at `route`; `None` when the item
/// has no content file.
fn render_one(
    outline: &Outline<'_>,
    item: &Item<'_>,
    route: &Route,
    highlighter: &Highlighter,
    options: &Options,
) -> Option<(Rendered, Vec<Diagnostic>)> {
    let place = Place {
        source: item.source()?,
        route,
        id_prefix: &item.id_prefix,
    };
    Some(markdown::render(place, outline, highlighter, options))
}
