//! What tells crawlers and feed readers about the site: `sitemap.xml` (every
//! page a reader may land on, by absolute URL), `robots.txt` (pointing to the
//! sitemap) and `feed.xml`, an Atom feed of the articles with their notes.
//!
//! These are the only files with absolute URLs (from `base_url`), since
//! crawlers and feed readers need them; pages link relatively. Dates come
//! from the dossier, never from the clock, so the output stays deterministic.

use crate::export::encode::xml_text as xml;
use crate::parse::config::BaseUrl;
use crate::parse::date::PartialDate;
use crate::resolve::model::{Fact, Outline};

pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";
pub const FEED_FILE: &str = "feed.xml";

/// The site's title and address, for the feed.
#[derive(Debug, Clone, Copy)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a BaseUrl,
    /// `updated` of `site.toml`: the dossier's own date, when given.
    pub updated: Option<PartialDate>,
}

/// `sitemap.xml` for the site's HTML pages (site paths ending in
/// `index.html`); the 404 page and the search page are left out.
pub fn sitemap<'a>(base_url: &BaseUrl, pages: impl IntoIterator<Item = &'a str>) -> String {
    let mut urls: Vec<String> = pages
        .into_iter()
        .filter(|p| p.ends_with("index.html") && *p != "search/index.html")
        .map(|p| base_url.join(p.trim_end_matches("index.html")))
        .collect();
    urls.sort();
    urls.dedup();
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for url in urls {
        out.push_str("<url><loc>");
        out.push_str(&xml(&url));
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled; the sitemap of every edition is
/// named (the default's, then those under `folders`). (Crawlers read it only
/// at a host's root; under a sub-path it is there for a host that serves the
/// site at its root.)
pub fn robots(base_url: &BaseUrl, folders: &[&str]) -> String {
    let mut out = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", base_url.join(SITEMAP_FILE));
    for folder in folders {
        out.push_str(&format!("Sitemap: {}\n", base_url.within(folder).join(SITEMAP_FILE)));
    }
    out
}

/// The Atom feed of the articles: each with its note's title and summary,
/// dated by the article's own date (the note's `published`, else the seed's
/// date line); an article with neither has no `published` and takes the
/// feed's `updated` (see [`latest_date`]). Newest first.
pub fn atom(site: SiteInfo<'_>, outline: &Outline<'_>) -> String {
    let mut entries: Vec<(Option<PartialDate>, String, String, &str)> = outline.items[outline.articles.clone()]
        .iter()
        .filter_map(|item| match item.fact {
            Fact::Article(a) => Some((item, a)),
            _ => None,
        })
        .map(|(item, a)| {
            let date = a.note.and_then(|n| n.published).or(a.seed.date);
            let summary = a.note.map_or("", |n| n.summary.as_str());
            (date, item.title.clone(), site.base_url.join(item.target.route.as_str()), summary)
        })
        .collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let updated = site.updated.or_else(|| latest_date(outline));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    element(&mut out, "title", site.title);
    if !site.description.is_empty() {
        element(&mut out, "subtitle", site.description);
    }
    let home = site.base_url.join("");
    out.push_str(&format!("<link href=\"{}\"/>\n", xml(&home)));
    out.push_str(&format!("<link rel=\"self\" href=\"{}\"/>\n", xml(&site.base_url.join(FEED_FILE))));
    element(&mut out, "id", &home);
    element(&mut out, "updated", &timestamp(updated));
    out.push_str("<author><name>");
    out.push_str(&xml(site.title));
    out.push_str("</name></author>\n");
    for (date, title, url, summary) in entries {
        out.push_str("<entry>\n");
        element(&mut out, "title", &title);
        out.push_str(&format!("<link href=\"{}\"/>\n", xml(&url)));
        element(&mut out, "id", &url);
        element(&mut out, "updated", &timestamp(date.or(updated)));
        if let Some(date) = date {
            element(&mut out, "published", &timestamp(Some(date)));
        }
        if !summary.is_empty() {
            element(&mut out, "summary", summary);
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The latest date of the articles and the visit (not of events, which may
/// be targets years ahead): the feed's `updated` when `site.toml` gives none. An
/// article without a date of its own takes it too, as the date its entry was
/// last changed, never as the article's date (it has no `published`).
fn latest_date(outline: &Outline<'_>) -> Option<PartialDate> {
    let articles = outline.items[outline.articles.clone()].iter().filter_map(|item| match item.fact {
        Fact::Article(a) => a.note.and_then(|n| n.published).or(a.seed.date),
        _ => None,
    });
    articles.chain(outline.visit.map(|v| v.end)).max()
}

fn element(out: &mut String, name: &str, text: &str) {
    out.push_str(&format!("<{name}>{}</{name}>\n", xml(text)));
}

/// An Atom timestamp for a date known to the year, month or day (the first
/// day it can be); the epoch when there is none.
fn timestamp(date: Option<PartialDate>) -> String {
    match date {
        Some(d) => format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)),
        None => "1970-01-01T00:00:00Z".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sitemap_lists_pages_by_absolute_url_without_404_and_search() {
        let base = BaseUrl::parse("https://example.org/hs/").unwrap();
        let map = sitemap(
            &base,
            [
                "index.html",
                "404.html",
                "search/index.html",
                "a/b/index.html",
                "assets/x.css",
                "q&a/index.html",
            ],
        );
        assert_eq!(
            map,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
             <url><loc>https://example.org/hs/</loc></url>\n\
             <url><loc>https://example.org/hs/a/b/</loc></url>\n\
             <url><loc>https://example.org/hs/q&amp;a/</loc></url>\n</urlset>\n"
        );
        assert_eq!(
            robots(&base, &[]),
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/hs/sitemap.xml\n"
        );
        assert_eq!(
            robots(&base, &["en"]),
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/hs/sitemap.xml\nSitemap: https://example.org/hs/en/sitemap.xml\n"
        );
    }

    #[test]
    fn timestamps_start_at_the_first_day_a_partial_date_can_be() {
        assert_eq!(timestamp(Some(PartialDate::parse("2025-08").unwrap())), "2025-08-01T00:00:00Z");
        assert_eq!(timestamp(Some(PartialDate::parse("2025-08-11").unwrap())), "2025-08-11T00:00:00Z");
        assert_eq!(timestamp(None), "1970-01-01T00:00:00Z");
    }
}
